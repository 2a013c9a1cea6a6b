// The fast CSV profiling pass (profile-fast.ts) against the streaming readers it replaces: the same
// profile JSON byte for byte with MODELSHIP_THREADS=1, 2 and 3, on files with quotes, doubled
// quotes, null markers, CRLF and lone CR, blank lines, UTF-8, a BOM, quoted fields with line breaks
// across chunk boundaries, category and exact-value caps that depend on the order of arrival, and
// the same UserError (message and line) for every kind of bad input.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { withProgress, type ProgressEvent } from "../../../src/common/progress.ts";
import { isUserError } from "../../../src/common/errors.ts";
import { parseContract, readOptionsFor } from "../../../src/data/contract/load-contract.ts";
import type { DataContract } from "../../../src/data/contract/contract-types.ts";
import { shareNumeric } from "../../../src/data/profile/profile-fast.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { makeTempDir } from "./readers-helpers.ts";

// The seeded generator the project uses everywhere (common/seeded-random.ts, not under test here).
const random = mulberry32;

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

// Cells as written in the file (already quoted where the test wants quotes).
const NUMBERS = [
  "1.5",
  "-0",
  "-0.000",
  "1e3",
  ".5",
  "5.",
  "+3",
  "12.345",
  "1234567890.12345678",
  "abc",
  "",
  "NA",
  '"2.25"',
  '"7"',
  " 4 ",
  "1E-3",
];
const INTEGERS = ["42", "-0", "007", "1.0", "", "NA", "9007199254740993", '"12"', "-17", "+8", "x"];
const CATEGORIES = [
  "café",
  "naïve",
  "🐍",
  '"a,b"',
  '"say ""hi"""',
  'a"b',
  '"a""b"',
  '"line\nbreak"',
  '"cr\r\nlf"',
  "",
  "NA",
  "?",
  "plain",
  '""',
];
const BOOLEANS = ["true", "False", "1", "0", "yes", "Y", "", '"TRUE"'];
const LABELS = ["0", "1", "1", "", "2"];

function contractText(): string {
  return [
    "name: fast",
    "columns:",
    "  - {name: num, type: number}",
    "  - {name: int, type: integer}",
    "  - {name: cat, type: categorical}",
    "  - {name: id, type: string}",
    "  - {name: flag, type: boolean, aliases: {Y: 'true'}}",
    "  - {name: label, type: integer, role: target}",
    "  - {name: guess, type: categorical, role: prediction}",
    "  - {name: missing, type: number, required: false}",
  ].join("\n");
}

/** A CSV of `rows` rows (columns shuffled against the contract; one unused column) with the given delimiter and line ends. */
function csvText(rows: number, seed: number, options: { delimiter: string; bom?: boolean; trim?: boolean }): string {
  const next = random(seed);
  const d = options.delimiter;
  const header = ["guess", "id", "num", "unused", "cat", "int", "flag", "label"].join(d);
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    const pad = (cell: string) => (options.trim === true && next() < 0.2 ? `  ${cell}\t` : cell);
    const row = [
      pick(next, LABELS),
      // Many distinct ids (past the interner's limit on big files), some repeated.
      next() < 0.5 ? `id${Math.floor(next() * 100_000)}` : `id${r % 7}`,
      pad(pick(next, NUMBERS)),
      `"u${r}"`,
      pad(next() < 0.1 ? `v${Math.floor(next() * 300)}` : pick(next, CATEGORIES)),
      pad(pick(next, INTEGERS)),
      pick(next, BOOLEANS),
      pick(next, LABELS),
    ];
    lines.push(row.join(d));
    if (next() < 0.01) lines.push(""); // a blank line
  }
  const ends = lines.map((line, i) => (i === lines.length - 1 ? line : line + pick(next, ["\n", "\n", "\r\n", "\r"])));
  return (options.bom === true ? "\uFEFF" : "") + ends.join("");
}

async function profile(
  contract: DataContract,
  paths: string[],
  mode: "readers" | "1" | "2" | "3",
  options: { binsFrom?: ReferenceProfile; chunkBytes?: number; categoryCap?: number; exactCap?: number } = {},
): Promise<ReferenceProfile> {
  const saved = { fast: process.env.MODELSHIP_FAST_CSV, threads: process.env.MODELSHIP_THREADS };
  if (mode === "readers") process.env.MODELSHIP_FAST_CSV = "0";
  else {
    delete process.env.MODELSHIP_FAST_CSV;
    process.env.MODELSHIP_THREADS = mode;
  }
  const logger = new MemoryLogger();
  try {
    const read = { ...readOptionsFor(contract), ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }) };
    const result = await profileSources({
      contract,
      paths,
      binsFrom: options.binsFrom,
      categoryCap: options.categoryCap,
      exactCap: options.exactCap,
      logger,
      toolVersion: "test",
      created: new Date(0),
      open: (path) => openTable(path, read),
      read,
    });
    // The path taken is the one asked for (so the comparisons below compare two different paths).
    const debug = logger.entries.filter((entry) => entry.level === "debug").map((entry) => entry.message);
    assert.ok(
      debug.some((message) =>
        message.startsWith(
          mode === "readers" ? "profile: reading through the streaming readers (MODELSHIP_FAST_CSV=0)" : "profile: fast CSV pass",
        ),
      ),
      debug.join("\n"),
    );
    // The invalid-value warnings (with the first such value's line) are part of the result.
    return { ...result, warnings: logger.entries.filter((entry) => entry.level === "warning") } as ReferenceProfile;
  } finally {
    restore("MODELSHIP_FAST_CSV", saved.fast);
    restore("MODELSHIP_THREADS", saved.threads);
  }
}

/** The profile without the warnings `profile` puts beside it. */
function withoutWarnings(profile: ReferenceProfile): ReferenceProfile {
  return JSON.parse(JSON.stringify(profile, (key, value: unknown) => (key === "warnings" ? undefined : value))) as ReferenceProfile;
}

function restore(key: "MODELSHIP_FAST_CSV" | "MODELSHIP_THREADS", value: string | undefined): void {
  if (value === undefined) {
    if (key === "MODELSHIP_FAST_CSV") delete process.env.MODELSHIP_FAST_CSV;
    else delete process.env.MODELSHIP_THREADS;
  } else process.env[key] = value;
}

describe("fast CSV profiling pass", () => {
  const temp = makeTempDir();
  after(() => {
    temp.cleanup();
  });
  const plain = parseContract(contractText(), "contract.yaml");
  const semicolon = parseContract(
    `${contractText()}\ndialect: {delimiter: ";", trim: true, null_markers: ["", "NA", "?"]}`,
    "contract.yaml",
  );
  let files: { comma: string; comma2: string; semi: string; big: string } = { comma: "", comma2: "", semi: "", big: "" };
  before(() => {
    files = {
      comma: temp.file("comma.csv", csvText(1500, 1, { delimiter: "," })),
      comma2: temp.file("comma2.csv", csvText(1000, 2, { delimiter: ",", bom: true })),
      semi: temp.file("semi.csv", csvText(1500, 3, { delimiter: ";", trim: true })),
      big: temp.file("big.csv", csvText(80_000, 4, { delimiter: "," })),
    };
  });

  test("the dialect in the contract is read as the fixture expects (a check on the fixture itself)", () => {
    assert.equal(semicolon.dialect.delimiter, ";");
    assert.equal(semicolon.dialect.trim, true);
    assert.deepEqual(semicolon.dialect.nullMarkers, ["", "NA", "?"]);
  });

  for (const [name, contractOf, pathsOf] of [
    ["comma, two files (one with a BOM), default dialect", () => plain, () => [files.comma, files.comma2]],
    ["semicolon, trim, null markers", () => semicolon, () => [files.semi]],
  ] as const) {
    test(`${name}: two passes, the same bytes as the readers whatever the threads and chunk size`, async () => {
      const contract = contractOf();
      const paths = pathsOf();
      for (const chunkBytes of [5, 97, undefined]) {
        const options = { chunkBytes, categoryCap: 40, exactCap: 12 };
        const expected = JSON.stringify(await profile(contract, paths, "readers", options));
        for (const mode of ["1", "2", "3"] as const) {
          assert.equal(JSON.stringify(await profile(contract, paths, mode, options)), expected, `threads ${mode}, chunk ${chunkBytes}`);
        }
      }
    });

    test(`${name}: one pass on another profile's bins, the same bytes as the readers`, async () => {
      const contract = contractOf();
      const paths = pathsOf();
      const binsFrom = withoutWarnings(await profile(contract, [paths[0]!], "readers"));
      const expected = await profile(contract, paths, "readers", { binsFrom });
      // The fixture exercises what it means to: invalid values, nulls, capped categories, agreement.
      assert.ok(expected.columns.num!.invalid > 0 && expected.columns.int!.invalid > 0 && expected.columns.flag!.invalid > 0);
      assert.ok(expected.columns.cat!.nulls > 0 && expected.columns.missing!.nulls === expected.rows);
      assert.ok(expected.agreement !== undefined && expected.agreement.rows > 0);
      // With 2 and 3 threads this thread scans and worker threads accumulate the numeric columns.
      for (const mode of ["1", "2", "3"] as const) {
        for (const chunkBytes of [61, undefined]) {
          const actual = await profile(contract, paths, mode, { binsFrom, chunkBytes });
          assert.equal(JSON.stringify(actual), JSON.stringify(expected), `threads ${mode}, chunk ${chunkBytes}`);
        }
      }
    });
  }

  test("80,000 rows (past the interner's limit, several batches): the same bytes as the readers with 1 and 2 threads", async () => {
    const options = { categoryCap: 500, exactCap: 30 };
    const expected = JSON.stringify(await profile(plain, [files.big], "readers", options));
    const parsed = JSON.parse(expected) as ReferenceProfile;
    const id = parsed.columns.id!;
    assert.ok(id.kind === "categorical" && id.capped, "the id column must hit the category cap");
    assert.equal(JSON.stringify(await profile(plain, [files.big], "1", options)), expected);
    assert.equal(JSON.stringify(await profile(plain, [files.big], "2", options)), expected);
    // One pass on those bins, fed to the numeric workers in many messages (small chunks).
    const binsFrom = withoutWarnings(parsed);
    const onePass = JSON.stringify(await profile(plain, [files.big], "readers", { ...options, binsFrom }));
    for (const mode of ["1", "2", "3"] as const) {
      assert.equal(
        JSON.stringify(await profile(plain, [files.big], mode, { ...options, binsFrom, chunkBytes: 65_536 })),
        onePass,
        `threads ${mode}`,
      );
    }
  });

  test("rows read reach the run's progress sink, as the readers report them, with 1 and 2 threads", async () => {
    const reference = withoutWarnings(await profile(plain, [files.big], "readers"));
    const rows = reference.rows;
    assert.ok(rows > 8192, `several batches of rows: ${rows}`);
    for (const mode of ["readers", "1", "2"] as const) {
      const events: ProgressEvent[] = [];
      await withProgress(
        (event) => events.push(event),
        () => profile(plain, [files.big], mode, { binsFrom: reference }),
      );
      const reading = events.filter((event) => event.task === `reading ${files.big}`);
      assert.ok(reading.length >= 2, `${mode}: several progress events, not ${reading.length}`);
      assert.equal(reading.at(-1)!.done, rows, `${mode}: the last event counts every row`);
      assert.ok(
        reading.every((event, i) => event.unit === "rows" && (i === 0 || event.done >= reading[i - 1]!.done)),
        `${mode}: rows only grow`,
      );
    }
  });

  test("20 columns as bench/drift has them: the scanning thread keeps some numeric columns, the same bytes as the readers", async () => {
    const names = ["n1", "n2", "n3", "i1", "i2", "n4"].flatMap((name) => [name, `${name}_b`]);
    const cats = ["c1", "c2", "c3", "c4"].flatMap((name) => [name, `${name}_b`]);
    const wide = parseContract(
      [
        "name: wide",
        "columns:",
        ...names.map((name) => `  - {name: ${name}, type: ${name.startsWith("i") ? "integer" : "number"}}`),
        ...cats.map((name) => `  - {name: ${name}, type: categorical}`),
      ].join("\n"),
      "wide.yaml",
    );
    // The split itself: with one worker, the scanning thread keeps some numeric columns and the
    // worker gets the others; with two workers both get some.
    const task = { columns: wide.columns.map((column, index) => ({ index, type: column.type })) } as Parameters<typeof shareNumeric>[0];
    const [one] = shareNumeric(task, 1);
    assert.ok(one!.length > 0 && one!.length < names.length, `one worker: ${String(one)}`);
    const two = shareNumeric(task, 2);
    assert.ok(two.every((group) => group.length > 0) && two.flat().length < names.length, JSON.stringify(two));
    const next = random(7);
    const lines = [[...names, ...cats].join(",")];
    for (let r = 0; r < 6000; r++) {
      const row = names.map((name) => (name.startsWith("i") ? pick(next, INTEGERS) : pick(next, NUMBERS)));
      lines.push([...row, ...cats.map((name) => pick(next, [`${name}_a`, `${name}_b`, `${name}_c`, "", `"${name} d,e"`]))].join(","));
    }
    const path = temp.file("wide.csv", `${lines.join("\n")}\n`);
    const binsFrom = withoutWarnings(await profile(wide, [path], "readers"));
    const expected = JSON.stringify(await profile(wide, [path], "readers", { binsFrom }));
    for (const mode of ["1", "2", "3"] as const)
      assert.equal(JSON.stringify(await profile(wide, [path], mode, { binsFrom, chunkBytes: 65_536 })), expected, `threads ${mode}`);
  });

  test("only the target and prediction are numeric (both stay on the scanning thread): the same bytes and digests as the readers", async () => {
    const paired = parseContract(
      [
        "name: paired",
        "columns:",
        "  - {name: label, type: integer, role: target}",
        "  - {name: score, type: integer, role: prediction}",
        "  - {name: cat, type: categorical}",
      ].join("\n"),
      "paired.yaml",
    );
    const next = random(11);
    const lines = ["label,score,cat"];
    for (let r = 0; r < 5000; r++) lines.push([pick(next, LABELS), pick(next, LABELS), pick(next, ["a", "b", "", "c"])].join(","));
    const path = temp.file("paired.csv", `${lines.join("\n")}\n`);
    const task = {
      columns: paired.columns.map((column, index) => ({ index, type: column.type })),
      agreement: { target: 0, prediction: 1 },
    };
    assert.deepEqual(shareNumeric(task as Parameters<typeof shareNumeric>[0], 1), [[]]);
    const binsFrom = withoutWarnings(await profile(paired, [path], "readers"));
    const expected = JSON.stringify(await profile(paired, [path], "readers", { binsFrom }));
    assert.match(expected, /"sha256":"[0-9a-f]{64}"/);
    for (const mode of ["1", "2", "3"] as const)
      assert.equal(JSON.stringify(await profile(paired, [path], mode, { binsFrom, chunkBytes: 4096 })), expected, `threads ${mode}`);
  });

  const broken: [string, string][] = [
    ["a ragged row", "num,int\n1,2\n3\n4,5\n"],
    ["an unclosed quote", 'num,int\n1,2\n"3,4\n5,6\n'],
    ["text after a closing quote", 'num,int\n1,2\n"3"x,4\n'],
    ["invalid UTF-8", Buffer.concat([Buffer.from("num,int\n1,2\n"), Buffer.from([0xff, 0x2c, 0x33, 0x0a])]).toString("latin1")],
    ["a NUL byte", "num,int\n1,2\n3\u0000,4\n"],
    ["an unrepresentable number", "num,int\n1,2\ninf,4\n"],
    ["an overflowing number", "num,int\n1,2\n1e999,4\n"],
    ["no data rows", "num,int\n\n"],
  ];
  for (const [what, text] of broken) {
    test(`${what}: the same UserError, file and line as the readers`, async () => {
      const path = temp.file(`broken-${what.replaceAll(" ", "-")}.csv`, Buffer.from(text, what === "invalid UTF-8" ? "latin1" : "utf8"));
      const contract = parseContract("name: b\ncolumns:\n  - {name: num, type: number}\n  - {name: int, type: integer}\n", "b.yaml");
      const good = temp.file("good.csv", "num,int\n1.5,2\n3,4\n");
      const binsFrom = withoutWarnings(await profile(contract, [good], "readers"));
      const errorOf = async (mode: "readers" | "2", onePass = false) => {
        try {
          await profile(contract, [path], mode, onePass ? { binsFrom } : {});
        } catch (error) {
          assert.ok(isUserError(error), `${mode}: ${String(error)}`);
          return { message: error.message, file: error.file, line: error.line };
        }
        assert.fail(`${mode}: no error`);
      };
      const expected = await errorOf("readers");
      assert.equal(expected.file, path);
      assert.deepEqual(await errorOf("2"), expected);
      // One pass on given bins (this thread scans, a worker accumulates the numbers): the same error.
      assert.deepEqual(await errorOf("2", true), await errorOf("readers", true));
    });
  }
});
