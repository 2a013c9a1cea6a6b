/**
 * The fast CSV validation path (data/validate/validate-fast.ts) against the readers' path it
 * replaces: the same report, byte for byte (every check, count, example, line and message) and the
 * same markdown, whatever MODELSHIP_THREADS says and wherever the reads cut the file, on files with
 * quotes, doubled quotes, quoted line breaks, CRLF, Unicode, null markers, duplicates, out-of-range
 * values and bad types; and the same error for input the readers reject.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { parseContract, readOptionsFor } from "../../../src/data/contract/load-contract.ts";
import type { DataContract } from "../../../src/data/contract/contract-types.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import type { TableSource } from "../../../src/data/readers/table.ts";
import { validateData } from "../../../src/data/validate/validate-datasets.ts";
import { openFastCsv } from "../../../src/data/validate/validate-fast.ts";
import { renderValidationMarkdown } from "../../../src/data/validate/validation-markdown.ts";
import type { ValidationReport } from "../../../src/data/validate/validation-report-types.ts";
import { makeTempDir } from "./readers-helpers.ts";

const CONTRACT = [
  "dialect:",
  "  delimiter: ','",
  "  trim: true",
  "  null_markers: ['', 'NA']",
  "columns:",
  "  - name: id",
  "    type: integer",
  "    role: id",
  "    unique: true",
  "  - name: age",
  "    type: integer",
  "    nullable: false",
  "    min: 17",
  "    max: 90",
  "  - name: score",
  "    type: number",
  "    exclusive_max: 1",
  "    min: -1",
  "  - name: city",
  "    type: categorical",
  "    enum: [Paris, Zürich, 東京, 'New York', 'Quote\"d']",
  "    aliases: {paris: Paris}",
  "    mostly: 0.9",
  "  - name: note",
  "    type: string",
  "    max_length: 12",
  "    pattern: '[^0-9]*'",
  "  - name: flag",
  "    type: boolean",
  "  - name: day",
  "    type: date",
  "    min: '2020-01-01'",
  "  - name: y",
  "    type: categorical",
  "    role: target",
  "    nullable: false",
  "    enum: ['no', 'yes']",
  "dataset:",
  "  max_duplicate_share: 0.01",
  "  unknown_columns: warning",
  "  min_class_share: 0.2",
  "hygiene:",
  "  max_test_in_train_share: 0.05",
  "  unseen_categories: warning",
];

const CITIES = ["Paris", "paris", "Zürich", "東京", '"New York"', '"Quote""d"', "Lyon", "NA", '"NA"', "", "😀 Smile"];
const NOTES = ["plain", '"with, comma"', '"two\nlines"', '"crlf\r\ninside"', "déjà vu", "has 1 digit", "far too long a note", '""', "x"];
const AGES = ["17", "90", "16", "91", "45", "+30", "030", "4.5", "abc", "", " 33 ", "-0", "9007199254740993"];
const SCORES = ["0.5", "-1", "-1.5", "1", "0.999", ".25", "1.", "1e-3", "-2E1", "nan", "inf", "x", "", "0.1234567890123456789", "-0"];
const FLAGS = ["true", "false", "TRUE", "0", "1", "yes", "", "NA"];
const DAYS = ["2020-01-01", "2019-12-31", "2024-02-29", "2023-02-29", "2021-13-01", "soon", ""];

/** A CSV with every kind of cell above, repeated rows and line breaks of both kinds. */
function makeCsv(seed: number, rows: number, extraColumn: boolean): string {
  const random = mulberry32(seed);
  const pick = (values: readonly string[]) => values[Math.floor(random() * values.length)]!;
  const header = ["id", "age", "score", "city", "note", "flag", "day", "y", ...(extraColumn ? ["extra"] : [])];
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    if (r > 0 && random() < 0.1) {
      lines.push(lines[Math.floor(random() * lines.length)]!); // a repeat (the same id too: a unique failure)
      continue;
    }
    const id = random() < 0.02 ? String(Math.floor(random() * r)) : String(r);
    const cells = [id, pick(AGES), pick(SCORES), pick(CITIES), pick(NOTES), pick(FLAGS), pick(DAYS), random() < 0.85 ? "no" : "yes"];
    if (extraColumn) cells.push(random() < 0.5 ? "e" : '"E"');
    lines.push(cells.join(random() < 0.3 ? ", " : ","));
  }
  return `${header.join(",")}\n${lines.map((line, i) => line + (i % 7 === 3 ? "\r\n" : "\n")).join("")}`;
}

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});
const contract: DataContract = parseContract(CONTRACT.join("\n"), "contract.yaml");
const trainPath = temp.file("train.csv", makeCsv(1, 2500, false));
const testPath = temp.file("test.csv", makeCsv(2, 900, true));
const datasets = [
  { label: "train", path: trainPath },
  { label: "test", path: testPath },
];
// Smaller files for reads of a few bytes at a time.
const small = [
  { label: "train", path: temp.file("small-train.csv", makeCsv(3, 300, false)) },
  { label: "test", path: temp.file("small-test.csv", makeCsv(4, 120, true)) },
];

/** Validates with `open` (default: the stage's own choice) under the given environment. */
/** Sets or (undefined) unsets MODELSHIP_FAST_CSV and MODELSHIP_THREADS. */
function setEnv(key: "MODELSHIP_FAST_CSV" | "MODELSHIP_THREADS", value: string | undefined): void {
  if (value !== undefined) process.env[key] = value;
  else if (key === "MODELSHIP_FAST_CSV") delete process.env.MODELSHIP_FAST_CSV;
  else delete process.env.MODELSHIP_THREADS;
}

async function validate(
  env: { MODELSHIP_FAST_CSV?: string | undefined; MODELSHIP_THREADS?: string | undefined },
  open?: (path: string) => Promise<TableSource>,
  files = datasets,
): Promise<ValidationReport> {
  const saved = { fast: process.env.MODELSHIP_FAST_CSV, threads: process.env.MODELSHIP_THREADS };
  try {
    if ("MODELSHIP_FAST_CSV" in env) setEnv("MODELSHIP_FAST_CSV", env.MODELSHIP_FAST_CSV);
    if ("MODELSHIP_THREADS" in env) setEnv("MODELSHIP_THREADS", env.MODELSHIP_THREADS);
    return await validateData({
      contract,
      datasets: files,
      maxExamples: 4,
      logger: new MemoryLogger(),
      toolVersion: "test",
      created: new Date(0),
      ...(open === undefined ? {} : { open }),
    });
  } finally {
    setEnv("MODELSHIP_FAST_CSV", saved.fast);
    setEnv("MODELSHIP_THREADS", saved.threads);
  }
}

describe("fast CSV validation", () => {
  test("the readers' report has failures of every kind (so the comparisons below compare something)", async () => {
    const report = await validate({ MODELSHIP_FAST_CSV: "0" });
    const failing = (id: string, dataset = "train") => report.checks.find((check) => check.id === id && check.dataset === dataset)?.failing;
    for (const id of [
      "column.age.type",
      "column.age.min",
      "column.age.max",
      "column.age.nullable",
      "column.score.type",
      "column.score.max",
      "column.city.enum",
      "column.note.length",
      "column.note.pattern",
      "column.flag.type",
      "column.day.type",
      "column.day.min",
      "column.id.unique",
      "dataset.duplicates",
    ])
      assert.ok((failing(id) ?? 0) > 0, `${id} fails somewhere in train`);
    assert.ok((failing("hygiene.test_in_train", "test") ?? 0) > 0, "test rows repeat train rows");
    assert.ok(report.datasets.every((dataset) => dataset.rows > 0));
  });

  test("gives the readers' report and markdown, with 1, 2 and 3 threads", async () => {
    const expected = await validate({ MODELSHIP_FAST_CSV: "0" });
    for (const threads of ["1", "2", "3"]) {
      const report = await validate({ MODELSHIP_FAST_CSV: undefined, MODELSHIP_THREADS: threads });
      assert.deepEqual(report, expected, `MODELSHIP_THREADS=${threads}`);
      assert.equal(renderValidationMarkdown(report), renderValidationMarkdown(expected));
    }
  });

  test("is used by default for plain CSV (its source has no batches to iterate)", async () => {
    const source = await openFastCsv(trainPath, readOptionsFor(contract));
    assert.ok(source !== undefined);
    assert.throws(() => source.batches(), /read with scan/);
  });

  test("gives the same report wherever the reads cut the file (fields, quoted line breaks and CRLF across chunks)", async () => {
    const read = readOptionsFor(contract);
    for (const chunkBytes of [1, 2, 7, 61, 1 << 20]) {
      const expected = await validate({}, (path) => openTable(path, { ...read, batchSize: 5, chunkBytes }), small);
      for (const threads of ["1", "2", "3"]) {
        const report = await validate(
          { MODELSHIP_THREADS: threads },
          async (path) => {
            const source = await openFastCsv(path, { ...read, chunkBytes });
            assert.ok(source !== undefined);
            return source;
          },
          small,
        );
        assert.deepEqual(report, expected, `chunks of ${chunkBytes} bytes, ${threads} thread(s)`);
      }
    }
  });

  test("hashes rows as the readers' path does: a gzip train file (readers) against a plain test file (fast)", async () => {
    const zipped = [
      { label: "train", path: temp.file("train.csv.gz", gzipSync(readFileSync(trainPath))) },
      { label: "test", path: testPath },
    ];
    const expected = await validate({ MODELSHIP_FAST_CSV: "0" }, undefined, zipped);
    const inTrain = expected.checks.find((check) => check.id === "hygiene.test_in_train")!;
    assert.ok(inTrain.failing > 0 && inTrain.examples.length > 0, "test rows are found in train");
    for (const threads of ["1", "2"]) assert.deepEqual(await validate({ MODELSHIP_THREADS: threads }, undefined, zipped), expected);
  });

  test("rejects bad input with the readers' own error and line", async () => {
    const read = readOptionsFor(contract);
    const header = "id,age,score,city,note,flag,day,y\n";
    const good = "1,30,0.5,Paris,a,true,2021-01-01,no\n";
    const bad = {
      ragged: `${header}${good}${good}2,30,0.5,Paris\n`,
      unclosed: `${header}${good}3,30,0.5,"Paris,a,true,2021-01-01,no\n`,
      afterQuote: `${header}${good}4,30,0.5,"Paris"x,a,true,2021-01-01,no\n`,
      utf8: Buffer.concat([Buffer.from(`${header}${good}5,30,0.5,`), Buffer.from([0xc3, 0x28]), Buffer.from(",a,true,2021-01-01,no\n")]),
      nul: Buffer.concat([Buffer.from(`${header}${good}6,30,0.5,Pa`), Buffer.from([0]), Buffer.from("ris,a,true,2021-01-01,no\n")]),
      noRows: header,
    };
    for (const [name, content] of Object.entries(bad)) {
      const path = temp.file(`bad-${name}.csv`, content);
      const run = (fast: boolean) =>
        validateData({
          contract,
          datasets: [{ label: "data", path }],
          logger: new MemoryLogger(),
          toolVersion: "test",
          created: new Date(0),
          open: async (file) =>
            fast ? (await openFastCsv(file, { ...read, chunkBytes: 16 }))! : openTable(file, { ...read, chunkBytes: 16 }),
        });
      const expected = await run(false).then(
        () => assert.fail(`the readers accept ${name}`),
        (error: unknown) => error,
      );
      await assert.rejects(run(true), (error: Error) => {
        const want = expected as Error & { file?: string; line?: number; hint?: string };
        const got = error as Error & { file?: string; line?: number; hint?: string };
        assert.equal(got.constructor, want.constructor, name);
        assert.deepEqual([got.message, got.file, got.line, got.hint], [want.message, want.file, want.line, want.hint], name);
        return true;
      });
    }
  });
});
