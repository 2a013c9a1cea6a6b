/**
 * k-anonymity (issue 24 part 2): equivalence-class figures on hand-built tables whose classes are
 * grouped by a plain reference in the test, both validate paths (readers and fast CSV, 1 and 3
 * threads), merging partial counters, the cap on classes, contract errors, reports that never
 * carry a quasi-identifier's value, and the real Adult table against pandas.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { MemoryLogger } from "../../../../src/common/logger.ts";
import { isUserError } from "../../../../src/common/errors.ts";
import { parseContract } from "../../../../src/data/contract/load-contract.ts";
import { diffContracts } from "../../../../src/data/contract/contract-diff.ts";
import type { DataContract } from "../../../../src/data/contract/contract-types.ts";
import { ClassCounts, combinations, KAnonymityCounter } from "../../../../src/data/validate/k-anonymity.ts";
import type { CanonicalValue } from "../../../../src/data/validate/validate-column.ts";
import { validateData } from "../../../../src/data/validate/validate-datasets.ts";
import { renderValidationMarkdown } from "../../../../src/data/validate/validation-markdown.ts";
import { renderValidationText } from "../../../../src/data/validate/validation-text.ts";
import type { CheckResult, KAnonymityFigures, ValidationReport } from "../../../../src/data/validate/validation-report-types.ts";
import { ADULT_TRAIN, adultContract } from "../../../support/adult.ts";
import { python } from "../../../support/python.ts";
import { makeTempDir } from "../readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});

/** The reference: group rows (already canonical) by their QI tuple, plainly, and count. */
function reference(rows: readonly (readonly CanonicalValue[])[], columns: readonly number[], k: number): Omit<KAnonymityFigures, "exact"> {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(columns.map((c) => row[c] ?? null));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  const small = [...sizes.values()].filter((size) => size < k);
  const rowsAtRisk = small.reduce((sum, size) => sum + size, 0);
  return {
    classes: sizes.size,
    classesBelowK: small.length,
    rowsAtRisk,
    shareAtRisk: rows.length === 0 ? 0 : rowsAtRisk / rows.length,
    smallestClass: sizes.size === 0 ? 0 : Math.min(...sizes.values()),
  };
}

const figures = (entry: KAnonymityFigures) => ({
  classes: entry.classes,
  classesBelowK: entry.classesBelowK,
  rowsAtRisk: entry.rowsAtRisk,
  shareAtRisk: entry.shareAtRisk,
  smallestClass: entry.smallestClass,
});

async function validate(contract: DataContract, path: string, env: { fast: boolean; threads?: string }): Promise<ValidationReport> {
  const saved = { fast: process.env.MODELSHIP_FAST_CSV, threads: process.env.MODELSHIP_THREADS };
  try {
    if (env.fast) delete process.env.MODELSHIP_FAST_CSV;
    else process.env.MODELSHIP_FAST_CSV = "0";
    if (env.threads === undefined) delete process.env.MODELSHIP_THREADS;
    else process.env.MODELSHIP_THREADS = env.threads;
    return await validateData({
      contract,
      datasets: [{ label: "data", path }],
      maxExamples: 4,
      logger: new MemoryLogger(),
      toolVersion: "test",
      created: new Date(0),
    });
  } finally {
    if (saved.fast === undefined) delete process.env.MODELSHIP_FAST_CSV;
    else process.env.MODELSHIP_FAST_CSV = saved.fast;
    if (saved.threads === undefined) delete process.env.MODELSHIP_THREADS;
    else process.env.MODELSHIP_THREADS = saved.threads;
  }
}

function kCheck(report: ValidationReport): CheckResult {
  const check = report.checks.find((candidate) => candidate.id === "dataset.k_anonymity");
  assert.ok(check, `no k_anonymity check; have ${report.checks.map((c) => c.id).join(", ")}`);
  return check;
}

// A table of people: age (with an alias and a leading-zero spelling of the same integer), sex, zip, and
// three other columns so that with 3 threads some QIs are checked in worker threads.
const CONTRACT = [
  "columns:",
  "  - name: id",
  "    type: integer",
  "    role: id",
  "  - name: age",
  "    type: integer",
  "    aliases: { thirty: '30' }",
  "  - name: score",
  "    type: number",
  "  - name: sex",
  "    type: categorical",
  "  - name: note",
  "    type: string",
  "  - name: zip",
  "    type: string",
  "dataset:",
  "  max_duplicate_share: 1",
  "  single_value_columns: ignore",
  "k_anonymity:",
  "  quasi_identifiers: [age, sex, zip]",
  "  k: 3",
];

/**
 * Rows from class specs: each (age text, sex, zip) repeated `size` times. The canonical tuple is
 * written next to it (aliases applied, "030" is the integer 30, "" is null) for the reference.
 */
const CLASSES: { texts: [string, string, string]; canonical: CanonicalValue[]; size: number }[] = [
  { texts: ["30", "F", "75001"], canonical: [30, "F", "75001"], size: 2 },
  { texts: ["thirty", "F", "75001"], canonical: [30, "F", "75001"], size: 2 }, // same class as above: 4 rows
  { texts: ["030", "M", "75001"], canonical: [30, "M", "75001"], size: 1 },
  { texts: ["41", "M", "75002"], canonical: [41, "M", "75002"], size: 5 },
  { texts: ["41", "", "75002"], canonical: [41, null, "75002"], size: 2 },
  { texts: ["", "F", ""], canonical: [null, "F", null], size: 3 },
  { texts: ["52", "F", "75003"], canonical: [52, "F", "75003"], size: 1 },
  { texts: ["52", "F", '"75,004"'], canonical: [52, "F", "75,004"], size: 6 },
];

function peopleCsv(): { csv: string; rows: CanonicalValue[][] } {
  const lines = ["id,age,score,sex,note,zip"];
  const rows: CanonicalValue[][] = [];
  let id = 0;
  for (const spec of CLASSES)
    for (let i = 0; i < spec.size; i++) {
      lines.push([String(id), spec.texts[0], String(id / 10), spec.texts[1], `n${id % 3}`, spec.texts[2]].join(","));
      rows.push(spec.canonical);
      id++;
    }
  return { csv: `${lines.join("\n")}\n`, rows };
}

describe("k-anonymity in validate", () => {
  const contract = parseContract(CONTRACT.join("\n"), "contract.yaml");
  const { csv, rows } = peopleCsv();
  const path = temp.file("people.csv", csv);

  test("figures equal a plain group-by of the canonical tuples, for all QIs, each dropped, and every subset", async () => {
    const report = await validate(contract, path, { fast: false });
    const check = kCheck(report);
    const detail = check.kAnonymity!;
    const expected = reference(rows, [0, 1, 2], 3);
    // By hand too: classes of 4, 1, 5, 2, 3, 1, 6 rows; below 3: 1 + 2 + 1 rows in 3 classes.
    assert.deepEqual(expected, { classes: 7, classesBelowK: 3, rowsAtRisk: 4, shareAtRisk: 4 / 22, smallestClass: 1 });
    assert.deepEqual(figures(detail), expected);
    assert.equal(detail.exact, true);
    assert.equal(detail.rows, 22);
    assert.deepEqual(
      detail.dropped.map((entry) => [entry.column, figures(entry)]),
      (["age", "sex", "zip"] as const).map((column, i) => [
        column,
        reference(
          rows,
          [0, 1, 2].filter((c) => c !== i),
          3,
        ),
      ]),
    );
    const subsets = detail.subsets!.map((entry) => [entry.columns, figures(entry)]);
    const qis = ["age", "sex", "zip"];
    const expectedSubsets = [1, 2, 3, 4, 5, 6].map((mask) => {
      const columns = [0, 1, 2].filter((i) => (mask >> i) & 1);
      return [columns.map((i) => qis[i]), reference(rows, columns, 3)];
    });
    assert.deepEqual(subsets, expectedSubsets);
    // Hurts most: the QI whose drop lowers the rows at risk most. By hand: without age the classes
    // below 3 are (M,75001) 1, (null,75002) 2, (F,75003) 1: 4 rows, no gain; without sex only
    // (52,75003) 1: gain 3; without zip (30,M) 1 and (41,null) 2: gain 1. So sex.
    assert.deepEqual(
      detail.dropped.map((entry) => entry.rowsAtRisk),
      [4, 1, 3],
    );
    assert.equal(detail.hurtsMost, "sex");
    // To pass with max_share 0: no pair of QIs has 0 rows at risk (4, 1, 3 above); of the single
    // ones, age alone has classes 30: 5, 41: 7, null: 3, 52: 7 rows, all ≥ 3; sex alone has 2 null
    // rows, zip alone one 75003 row. So keep age: drop sex and zip.
    assert.deepEqual(detail.dropToPass, ["sex", "zip"]);
    assert.match(check.message, /the fewest to drop \(or generalise\) to pass: "sex", "zip"/);
    assert.equal(check.status, "fail", "max_share defaults to 0");
    assert.equal(check.failing, 4);
    assert.equal(check.total, 22);
    assert.match(check.message, /4 row\(s\) \(18\.18%\) are in 3 class\(es\) smaller than k = 3/);
  });

  test("the fast CSV path, with 1 and 3 threads, gives the readers' report", async () => {
    const readers = await validate(contract, path, { fast: false });
    for (const threads of ["1", "3"]) {
      const fast = await validate(contract, path, { fast: true, threads });
      assert.deepEqual(kCheck(fast), kCheck(readers), `threads ${threads}`);
    }
  });

  test("max_share and severity decide the status", async () => {
    const lenient = parseContract([...CONTRACT, "  max_share: 0.2", "  severity: warning"].join("\n"), "contract.yaml");
    assert.equal(kCheck(await validate(lenient, path, { fast: true })).status, "pass", "4/22 = 0.18 ≤ 0.2");
    const strict = parseContract([...CONTRACT, "  max_share: 0.1", "  severity: warning"].join("\n"), "contract.yaml");
    const check = kCheck(await validate(strict, path, { fast: true }));
    assert.equal(check.status, "warn");
    assert.equal(check.severity, "warning");
  });

  test("a quasi-identifier absent from the data (required: false) is null in every row, and the message says so", async () => {
    const optional = parseContract(
      CONTRACT.join("\n").replace("  - name: zip\n    type: string", "  - name: zip\n    type: string\n    required: false"),
      "contract.yaml",
    );
    assert.equal(optional.columns.find((column) => column.name === "zip")?.required, false);
    const withoutZip = csv
      .split("\n")
      .map((line) => line.replace(/,("[^"]*"|[^,]*)$/, ""))
      .join("\n");
    const noZipPath = temp.file("people-no-zip.csv", withoutZip);
    const expected = reference(
      rows.map((row) => [row[0]!, row[1]!, null]),
      [0, 1, 2],
      3,
    );
    for (const fast of [false, true]) {
      const check = kCheck(await validate(optional, noZipPath, { fast }));
      assert.deepEqual(figures(check.kAnonymity!), expected, `fast ${fast}`);
      assert.match(check.message, /not in the data, so null in every row: "zip"/);
    }
  });

  test("no report, markdown or text carries a quasi-identifier's value", async () => {
    // Values that appear nowhere else: zips of one row each, and a rare age.
    const secretZips = ["SECRET-ZIP-1", "SECRET-ZIP-2", "SECRET-ZIP-3"];
    const lines = ["id,age,score,sex,note,zip"];
    for (let i = 0; i < 30; i++) lines.push(`${i},${i < 3 ? 987 : 40},${i},F,n,${i < 3 ? secretZips[i] : "common"}`);
    const secretPath = temp.file("secret.csv", `${lines.join("\n")}\n`);
    for (const fast of [false, true]) {
      const report = await validate(contract, secretPath, { fast });
      const check = kCheck(report);
      assert.equal(check.failing, 3, "the three planted rows are each alone in their class");
      const outputs = [
        JSON.stringify(report),
        renderValidationMarkdown(report),
        renderValidationText(report, { color: false, verbose: true, quiet: false }),
      ];
      for (const output of outputs) {
        for (const secret of [...secretZips, "987"]) assert.ok(!output.includes(secret), `${secret} printed`);
        assert.match(output, /k_anonymity/);
      }
    }
  });
});

describe("merging and the cap", () => {
  /** Random rows of 3 QIs with small domains (many classes of a few rows), nulls included. */
  function randomRows(seed: number, count: number): CanonicalValue[][] {
    let state = seed;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    return Array.from({ length: count }, () => [
      random() < 0.05 ? null : Math.floor(random() * 30),
      ["F", "M", "X"][Math.floor(random() * 3)]!,
      random() < 0.1 ? true : `z${Math.floor(random() * 20)}`,
    ]);
  }
  const columnsOf = (rows: CanonicalValue[][]) => [0, 1, 2].map((c) => rows.map((row) => row[c]!));

  test("counters of parts merge into the counter of the whole", () => {
    const rows = randomRows(7, 5000);
    const whole = new KAnonymityCounter(["a", "b", "c"], 1_000_000);
    whole.addValues(columnsOf(rows), rows.length);
    const parts = [rows.slice(0, 1234), rows.slice(1234, 1300), rows.slice(1300)].map((part) => {
      const counter = new KAnonymityCounter(["a", "b", "c"], 1_000_000);
      for (let at = 0; at < part.length; at += 333) {
        const batch = part.slice(at, at + 333);
        counter.addValues(columnsOf(batch), batch.length);
      }
      return counter;
    });
    const merged = parts[0]!;
    merged.merge(parts[1]!);
    merged.merge(parts[2]!);
    assert.deepEqual(merged.detail(5), whole.detail(5));
    const classes = (counter: KAnonymityCounter) => {
      const entries: string[] = [];
      counter.classes.forEach((h1, h2, count) => entries.push(`${h1}:${h2}:${count}`));
      return entries.sort();
    };
    assert.deepEqual(classes(merged), classes(whole));
    assert.deepEqual(figures(whole.detail(5)), reference(rows, [0, 1, 2], 5));
  });

  test("past max_classes, rows at risk are an upper bound and the figures say they are not exact", () => {
    // Classes A, B, C of 5 rows each, then D of 1 row; room for 2 classes.
    const counts = new ClassCounts(2);
    for (const [h1, size] of [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 1],
    ] as const)
      for (let i = 0; i < size; i++) counts.add(h1, 99);
    const capped = counts.figures(5);
    // Exactly: 1 row at risk (D). Capped: C and D were not stored, so their 6 rows count as at risk.
    assert.deepEqual(capped, { classes: 3, classesBelowK: 0, rowsAtRisk: 6, shareAtRisk: 6 / 16, smallestClass: 5, exact: false });
    const uncapped = new ClassCounts(10);
    for (const [h1, size] of [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 1],
    ] as const)
      for (let i = 0; i < size; i++) uncapped.add(h1, 99);
    assert.equal(uncapped.figures(5).rowsAtRisk, 1);
    assert.equal(uncapped.figures(5).exact, true);
  });

  test("on random data, a capped counter (one pass or merged) never reports fewer rows at risk", () => {
    const rows = randomRows(11, 4000);
    const exact = reference(rows, [0, 1, 2], 4);
    const one = new KAnonymityCounter(["a", "b", "c"], 100);
    one.addValues(columnsOf(rows), rows.length);
    const left = new KAnonymityCounter(["a", "b", "c"], 100);
    left.addValues(columnsOf(rows.slice(0, 2500)), 2500);
    const right = new KAnonymityCounter(["a", "b", "c"], 100);
    right.addValues(columnsOf(rows.slice(2500)), 1500);
    left.merge(right);
    for (const detail of [one.detail(4), left.detail(4)]) {
      assert.equal(detail.exact, false);
      assert.equal(detail.rows, 4000);
      assert.ok(detail.rowsAtRisk >= exact.rowsAtRisk, `${detail.rowsAtRisk} < ${exact.rowsAtRisk}`);
      assert.ok(detail.classes <= exact.classes);
      detail.dropped.forEach((entry, i) => {
        const without = reference(
          rows,
          [0, 1, 2].filter((c) => c !== i),
          4,
        );
        assert.equal(entry.exact, false);
        assert.ok(entry.rowsAtRisk >= without.rowsAtRisk, `without ${entry.column}: ${entry.rowsAtRisk} < ${without.rowsAtRisk}`);
      });
    }
  });

  test("five QIs: each one dropped is counted, and no subsets", () => {
    const rows = randomRows(3, 3000).map((row, i) => [...row, i % 7, i % 2 === 0 ? "a" : null]);
    const counter = new KAnonymityCounter(["a", "b", "c", "d", "e"], 1_000_000);
    counter.addValues(
      [0, 1, 2, 3, 4].map((c) => rows.map((row) => row[c]!)),
      rows.length,
    );
    const detail = counter.detail(3);
    assert.equal(detail.subsets, undefined);
    assert.deepEqual(figures(detail), reference(rows, [0, 1, 2, 3, 4], 3));
    assert.deepEqual(
      detail.dropped.map((entry) => figures(entry)),
      [0, 1, 2, 3, 4].map((i) =>
        reference(
          rows,
          [0, 1, 2, 3, 4].filter((c) => c !== i),
          3,
        ),
      ),
    );
  });

  test("one QI: dropping it leaves one class of every row; no rows gives zeros", () => {
    const counter = new KAnonymityCounter(["a"], 10);
    counter.addValues([["x", "x", "y"]], 3);
    const detail = counter.detail(2);
    assert.deepEqual(figures(detail), { classes: 2, classesBelowK: 1, rowsAtRisk: 1, shareAtRisk: 1 / 3, smallestClass: 1 });
    // Without "a" all 3 rows are one class of 3 ≥ 2: dropping it removes the risk.
    assert.deepEqual(figures(detail.dropped[0]!), { classes: 1, classesBelowK: 0, rowsAtRisk: 0, shareAtRisk: 0, smallestClass: 3 });
    assert.equal(detail.hurtsMost, "a");
    assert.equal(counter.detail(4).dropped[0]!.rowsAtRisk, 3, "3 rows are fewer than k = 4 even together");
    const empty = new KAnonymityCounter(["a", "b"], 10).detail(5);
    assert.deepEqual(figures(empty), { classes: 0, classesBelowK: 0, rowsAtRisk: 0, shareAtRisk: 0, smallestClass: 0 });
    assert.equal(empty.hurtsMost, undefined);
  });

  test("the combinations: every proper subset up to 4 QIs, each one dropped above", () => {
    assert.deepEqual(combinations(2), [3, 1, 2]);
    assert.equal(combinations(4).length, 15);
    assert.deepEqual(combinations(5), [31, 30, 29, 27, 23, 15]);
  });
});

describe("the contract's k_anonymity", () => {
  const base = ["columns:", "  - name: age", "    type: integer", "  - name: zip", "    type: string", "k_anonymity:"];
  const error = (lines: string[]) => {
    try {
      parseContract([...base, ...lines].join("\n"), "contract.yaml");
    } catch (caught) {
      assert.ok(isUserError(caught), String(caught));
      return caught;
    }
    assert.fail("no error");
  };

  test("defaults: max_share 0, severity error, one million classes", () => {
    const contract = parseContract([...base, "  quasi_identifiers: [zip, age]", "  k: 5"].join("\n"), "contract.yaml");
    assert.deepEqual(contract.kAnonymity, {
      quasiIdentifiers: ["zip", "age"],
      k: 5,
      maxShare: 0,
      severity: "error",
      maxClasses: 1_000_000,
    });
  });

  test("a quasi-identifier that is not a column names its pointer and line", () => {
    const caught = error(["  quasi_identifiers: [age, Zip]", "  k: 5"]);
    assert.equal(caught.pointer, "/k_anonymity/quasi_identifiers/1");
    assert.equal(caught.file, "contract.yaml");
    assert.equal(caught.line, 7);
    assert.match(caught.message, /"Zip" is not a column/);
    assert.match(caught.hint ?? "", /case-sensitive/);
  });

  test("k below 2 is refused with its pointer", () => {
    for (const k of ["1", "0", "-3"]) {
      const caught = error(["  quasi_identifiers: [age]", `  k: ${k}`]);
      assert.equal(caught.pointer, "/k_anonymity/k");
      assert.match(caught.message, /at least 2/);
    }
  });

  test("schema errors: no k, an empty or repeated QI list, an unknown key", () => {
    assert.match(error(["  quasi_identifiers: [age]"]).message, /\/k_anonymity: missing required property "k"/);
    assert.match(
      error(["  quasi_identifiers: []", "  k: 5"]).message,
      /\/k_anonymity\/quasi_identifiers: must NOT have fewer than 1 items/,
    );
    assert.match(
      error(["  quasi_identifiers: [age, age]", "  k: 5"]).message,
      /\/k_anonymity\/quasi_identifiers: must NOT have duplicate items/,
    );
    assert.match(error(["  quasi_identifiers: [age]", "  k: 5", "  l_diversity: 2"]).message, /\/k_anonymity.*l_diversity/);
  });
});

describe("the Adult table (age, sex, race, native-country; k = 5) against pandas", () => {
  const qis = ["age", "sex", "race", "native-country"];
  const contract: DataContract = {
    ...adultContract(),
    kAnonymity: { quasiIdentifiers: qis, k: 5, maxShare: 0, severity: "error", maxClasses: 1_000_000 },
  };
  const plain = temp.file("adult.csv", gunzipSync(readFileSync(ADULT_TRAIN)));

  type Figures = Omit<KAnonymityFigures, "exact" | "shareAtRisk">;
  const expected = python<{ rows: number; full: Figures; subsets: { columns: string[]; figures: Figures }[] }>(
    `
import itertools
import pandas as pd
df = pd.read_csv(data["path"], skipinitialspace=True, na_values=["?", ""], keep_default_na=False)
qis, k = data["qis"], data["k"]
def figures(columns):
    sizes = df.groupby(columns, dropna=False).size()
    small = sizes[sizes < k]
    return {"classes": int(len(sizes)), "classesBelowK": int(len(small)), "rowsAtRisk": int(small.sum()), "smallestClass": int(sizes.min())}
subsets = []
for mask in range(1, 2 ** len(qis) - 1):
    columns = [q for i, q in enumerate(qis) if mask >> i & 1]
    subsets.append({"columns": columns, "figures": figures(columns)})
emit({"rows": int(len(df)), "full": figures(qis), "subsets": subsets})
`,
    { path: ADULT_TRAIN, qis, k: 5 },
  );
  const strip = (entry: KAnonymityFigures): Figures => ({
    classes: entry.classes,
    classesBelowK: entry.classesBelowK,
    rowsAtRisk: entry.rowsAtRisk,
    smallestClass: entry.smallestClass,
  });

  for (const [name, path, fast] of [
    ["gzip, the readers", ADULT_TRAIN, false],
    ["plain CSV, the fast path", plain, true],
  ] as const)
    test(`${name}: every figure equals pandas' groupby().size()`, async () => {
      const detail = kCheck(await validate(contract, path, { fast })).kAnonymity!;
      assert.equal(detail.rows, expected.rows);
      assert.ok(expected.full.rowsAtRisk > 0, "Adult has rows at risk over these QIs (so the comparison compares something)");
      assert.deepEqual(strip(detail), expected.full);
      assert.equal(detail.shareAtRisk, expected.full.rowsAtRisk / expected.rows);
      assert.deepEqual(
        detail.subsets!.map((entry) => ({ columns: entry.columns, figures: strip(entry) })),
        expected.subsets,
      );
      // Each dropped QI is the subset of the other three.
      for (const entry of detail.dropped) {
        const others = qis.filter((q) => q !== entry.column);
        assert.deepEqual(strip(entry), expected.subsets.find((s) => s.columns.join() === others.join())!.figures);
      }
      const gains = detail.dropped.map((entry) => expected.full.rowsAtRisk - entry.rowsAtRisk);
      assert.equal(detail.hurtsMost, qis[gains.indexOf(Math.max(...gains))]);
      // dropToPass by its definition over pandas' figures: among the subsets with no row at risk
      // (max_share 0), the one that keeps the most QIs, then has the fewest rows at risk.
      const passing = expected.subsets.filter((entry) => entry.figures.rowsAtRisk === 0);
      const best = passing.reduce<(typeof passing)[number] | undefined>(
        (chosen, entry) => (chosen === undefined || entry.columns.length > chosen.columns.length ? entry : chosen),
        undefined,
      );
      assert.ok(best !== undefined);
      assert.deepEqual(
        detail.dropToPass,
        qis.filter((q) => !best.columns.includes(q)),
      );
    });
});

describe("contract diff of k_anonymity", () => {
  const contractWith = (lines: string[]) =>
    parseContract(
      [
        "columns:",
        "  - name: age",
        "    type: integer",
        "  - name: zip",
        "    type: string",
        ...(lines.length > 0 ? ["k_anonymity:", ...lines] : []),
      ].join("\n"),
      "contract.yaml",
    );
  const kinds = (before: string[], after: string[]) =>
    diffContracts(contractWith(before), contractWith(after)).changes.map((change) => [change.kind, change.breaking]);

  test("a larger k, a smaller max_share, an added QI or a stricter severity is breaking; the reverse is not", () => {
    const base = ["  quasi_identifiers: [age]", "  k: 5", "  max_share: 0.1", "  severity: warning"];
    assert.deepEqual(kinds([], base), [["k_anonymity_added", false]], "a warning cannot fail data");
    assert.deepEqual(kinds(base, []), [["k_anonymity_removed", false]]);
    assert.deepEqual(kinds(base, ["  quasi_identifiers: [age]", "  k: 10", "  max_share: 0.1", "  severity: warning"]), [
      ["k_anonymity.k_raised", true],
    ]);
    assert.deepEqual(kinds(base, ["  quasi_identifiers: [age]", "  k: 2", "  max_share: 0.1", "  severity: warning"]), [
      ["k_anonymity.k_lowered", false],
    ]);
    assert.deepEqual(kinds(base, ["  quasi_identifiers: [age]", "  k: 5", "  max_share: 0.05", "  severity: warning"]), [
      ["k_anonymity.max_share_lowered", true],
    ]);
    assert.deepEqual(kinds(base, ["  quasi_identifiers: [age, zip]", "  k: 5", "  max_share: 0.1", "  severity: warning"]), [
      ["k_anonymity.quasi_identifiers_added", true],
    ]);
    assert.deepEqual(kinds(["  quasi_identifiers: [age, zip]", "  k: 5"], ["  quasi_identifiers: [zip]", "  k: 5"]), [
      ["k_anonymity.quasi_identifiers_removed", false],
    ]);
    assert.deepEqual(kinds(base, ["  quasi_identifiers: [age]", "  k: 5", "  max_share: 0.1"]), [["k_anonymity.severity_changed", true]]);
  });
});
