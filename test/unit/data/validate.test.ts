/**
 * The validation engine: each column, dataset and hygiene check on small tables whose expected
 * outcome follows from how they were built, then the Adult example against pandas.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { loadContract, parseContract } from "../../../src/data/contract/load-contract.ts";
import { tableFromRows } from "../../../src/data/readers/open-table.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { validateData } from "../../../src/data/validate/validate-datasets.ts";
import type { CheckResult, ValidationReport } from "../../../src/data/validate/validation-report-types.ts";
import { PLANTED_ERRORS, plantErrors } from "../../../scripts/lib/broken-copy.ts";
import { makeTempDir } from "./readers-helpers.ts";

const EXAMPLE = new URL("../../../examples/model-repo/data/", import.meta.url).pathname;

type Tables = Record<string, { columns: string[]; rows: RawValue[][] }>;

/** Validates in-memory tables (label → table) against a contract given as YAML lines. */
async function run(contractLines: string[], tables: Tables, options: { maxExamples?: number } = {}): Promise<ValidationReport> {
  const contract = parseContract(contractLines.join("\n"), "contract.yaml");
  return validateData({
    contract,
    datasets: Object.keys(tables).map((label) => ({ label, path: `${label}.csv` })),
    maxExamples: options.maxExamples,
    logger: new MemoryLogger(),
    toolVersion: "test",
    open: (path) => {
      const table = tables[path.replace(/\.csv$/, "")]!;
      return Promise.resolve(tableFromRows(path, table.columns, table.rows, { batchSize: 3 }));
    },
  });
}

function find(report: ValidationReport, id: string, dataset?: string): CheckResult {
  const check = report.checks.find((candidate) => candidate.id === id && (dataset === undefined || candidate.dataset === dataset));
  assert.ok(
    check,
    `no check ${id}${dataset === undefined ? "" : ` on ${dataset}`}; have ${report.checks.map((c) => `${c.dataset}:${c.id}`).join(", ")}`,
  );
  return check;
}

/** Lines of the examples; tableFromRows puts row i on line i + 2. */
const linesOf = (check: CheckResult) => check.examples.map((example) => example.line);

describe("column checks", () => {
  test("type failures are counted per value, with the line and the reason", async () => {
    const report = await run(["columns:", "  - name: n", "    type: integer"], {
      data: { columns: ["n"], rows: [["1"], ["x"], ["2.5"], ["3"], [null]] },
    });
    const type = find(report, "column.n.type");
    assert.equal(type.status, "fail");
    assert.equal(type.failing, 2);
    assert.equal(type.total, 4, "nulls are not type failures");
    assert.deepEqual(linesOf(type), [3, 4]);
    assert.match(type.examples[0]!.message, /"x" is not an integer/);
    assert.equal(report.passed, false);
    assert.equal(report.summary.errors, report.checks.filter((check) => check.status === "fail").length);
  });

  test("nullable: false fails on each missing value; max_null_share compares the share", async () => {
    const rows = [
      ["a", "1"],
      [null, "2"],
      ["c", null],
      [null, null],
      ["e", "5"],
    ];
    const report = await run(
      ["columns:", "  - name: s", "    type: string", "    nullable: false", "  - name: n", "    type: integer", "    max_null_share: 0.5"],
      { data: { columns: ["s", "n"], rows } },
    );
    const nullable = find(report, "column.s.nullable");
    assert.equal(nullable.failing, 2);
    assert.deepEqual(linesOf(nullable), [3, 5]);
    const share = find(report, "column.n.max_null_share");
    assert.equal(share.status, "pass", "2 of 5 missing is 0.4, under 0.5");
    assert.equal(share.failing, 2);
  });

  test("min, max and exclusive bounds are checked on the typed value", async () => {
    const report = await run(["columns:", "  - name: x", "    type: number", "    exclusive_min: 0", "    max: 10"], {
      data: { columns: ["x"], rows: [["0"], ["0.5"], ["10"], ["10.0001"], ["1e1"]] },
    });
    assert.deepEqual(linesOf(find(report, "column.x.min")), [2], "0 is not above an exclusive minimum of 0");
    assert.deepEqual(linesOf(find(report, "column.x.max")), [5], "10 and 1e1 are allowed by max 10");
  });

  test("dates compare as dates", async () => {
    const report = await run(["columns:", "  - name: d", "    type: date", "    min: 2020-01-01"], {
      data: { columns: ["d"], rows: [["2019-12-31"], ["2020-01-01"], ["2020-02-30"]] },
    });
    assert.deepEqual(linesOf(find(report, "column.d.min")), [2]);
    assert.deepEqual(linesOf(find(report, "column.d.type")), [4], "February 30th is not a date");
  });

  test("aliases map raw texts before the enum check", async () => {
    const contract = [
      "columns:",
      "  - name: y",
      "    type: categorical",
      "    enum: ['<=50K', '>50K']",
      "    aliases: {'<=50K.': '<=50K', '>50K.': '>50K'}",
    ];
    const report = await run(contract, { data: { columns: ["y"], rows: [["<=50K."], [">50K"], ["50K"]] } });
    const check = find(report, "column.y.enum");
    assert.equal(check.failing, 1);
    assert.deepEqual(linesOf(check), [4]);
  });

  test("an integer enum matches 7 and 7.0 alike (values are compared typed)", async () => {
    const report = await run(["columns:", "  - name: k", "    type: number", "    enum: [1, 7]"], {
      data: { columns: ["k"], rows: [["7.0"], ["1"], ["2"]] },
    });
    assert.deepEqual(linesOf(find(report, "column.k.enum")), [4]);
  });

  test("pattern is anchored: a match inside the value is not enough", async () => {
    const report = await run(["columns:", "  - name: code", "    type: string", "    pattern: '[A-Z]{2}\\d'"], {
      data: { columns: ["code"], rows: [["AB1"], ["xAB1"], ["AB12"]] },
    });
    assert.deepEqual(linesOf(find(report, "column.code.pattern")), [3, 4]);
  });

  test("length counts characters, not UTF-16 units", async () => {
    const report = await run(["columns:", "  - name: s", "    type: string", "    max_length: 2"], {
      data: { columns: ["s"], rows: [["😀😀"], ["abc"]] },
    });
    assert.deepEqual(linesOf(find(report, "column.s.length")), [3]);
  });

  test("unique names the line of the first occurrence", async () => {
    const report = await run(["columns:", "  - name: id", "    type: integer", "    unique: true", "    role: id"], {
      data: { columns: ["id"], rows: [["1"], ["2"], ["01"], ["3"]] },
    });
    const unique = find(report, "column.id.unique");
    assert.equal(unique.failing, 1, "01 is the integer 1 again");
    assert.match(unique.examples[0]!.message, /line 2/);
    assert.deepEqual(linesOf(unique), [4]);
  });

  test("mostly tolerates a share of failing values, and says so", async () => {
    const rows: RawValue[][] = Array.from({ length: 100 }, (_, index) => [index < 1 ? "Z" : "A"]);
    const contract = ["columns:", "  - name: c", "    type: categorical", "    enum: [A]", "    mostly: 0.99"];
    const within = find(await run(contract, { data: { columns: ["c"], rows } }), "column.c.enum");
    assert.equal(within.status, "pass", "1 of 100 failing leaves 0.99 satisfied");
    assert.match(within.message, /within mostly 0\.99/);
    rows[1] = ["Z"];
    assert.equal(
      find(await run(contract, { data: { columns: ["c"], rows } }), "column.c.enum").status,
      "fail",
      "2 of 100 failing leaves 0.98 < 0.99",
    );
  });

  test("an all-null column fails as empty even with mostly, unless allow_empty", async () => {
    const rows: RawValue[][] = [[null], [null]];
    const failing = await run(["columns:", "  - name: c", "    type: integer", "    mostly: 0.5", "    max: 3"], {
      data: { columns: ["c"], rows },
    });
    assert.equal(find(failing, "column.c.empty").status, "fail");
    assert.equal(find(failing, "column.c.max").status, "skip", "no vacuous pass");
    const allowed = await run(
      ["columns:", "  - name: c", "    type: integer", "    allow_empty: true", "dataset:", "  max_duplicate_share: 1"],
      { data: { columns: ["c"], rows } },
    );
    assert.ok(!allowed.checks.some((check) => check.check === "empty"));
    assert.equal(allowed.passed, true);
  });

  test("severity warning turns a failure into a warning that does not fail the report", async () => {
    const report = await run(["columns:", "  - name: n", "    type: integer", "    severity: warning"], {
      data: { columns: ["n"], rows: [["x"]] },
    });
    assert.equal(find(report, "column.n.type").status, "warn");
    assert.equal(report.passed, true);
    assert.equal(report.summary.warnings, 1);
  });

  test("examples are capped and the report says it was truncated", async () => {
    const rows: RawValue[][] = Array.from({ length: 10 }, () => ["x"]);
    const report = await run(["columns:", "  - name: n", "    type: integer"], { data: { columns: ["n"], rows } }, { maxExamples: 3 });
    const type = find(report, "column.n.type");
    assert.equal(type.failing, 10);
    assert.equal(type.examples.length, 3);
    assert.equal(report.truncated, true);
  });
});

describe("dataset checks", () => {
  test("a missing required column fails once; an optional one is fine; unknown columns follow their policy", async () => {
    const contract = [
      "columns:",
      "  - name: a",
      "    type: integer",
      "  - name: b",
      "    type: integer",
      "  - name: c",
      "    type: integer",
      "    required: false",
      "dataset:",
      "  unknown_columns: warning",
    ];
    const report = await run(contract, { data: { columns: ["a", "extra"], rows: [["1", "x"]] } });
    assert.equal(find(report, "column.b.required").status, "fail");
    assert.equal(find(report, "column.a.required").status, "pass");
    assert.ok(!report.checks.some((check) => check.column === "c"), "an absent optional column is not checked");
    assert.ok(
      !report.checks.some((check) => check.column === "b" && check.check !== "required"),
      "an absent column fails once, not in every check",
    );
    const unknown = find(report, "dataset.unknown_columns");
    assert.equal(unknown.status, "warn");
    assert.match(unknown.message, /"extra"/);
  });

  test("row count bounds", async () => {
    const contract = ["columns:", "  - name: a", "    type: integer", "dataset:", "  min_rows: 3"];
    assert.equal(find(await run(contract, { data: { columns: ["a"], rows: [["1"], ["2"]] } }), "dataset.row_count").status, "fail");
    assert.equal(find(await run(contract, { data: { columns: ["a"], rows: [["1"], ["2"], ["3"]] } }), "dataset.row_count").status, "pass");
  });

  test("duplicate rows are counted after typing, ignoring id columns, and point at the first occurrence", async () => {
    const contract = [
      "columns:",
      "  - name: id",
      "    type: integer",
      "    role: id",
      "  - name: x",
      "    type: number",
      "  - name: s",
      "    type: string",
      "dataset:",
      "  max_duplicate_share: 0.2",
    ];
    // Rows 2 and 4 repeat row 1 (2 vs 2.0 is the same number); row 3 differs in s; row 5 repeats row 3.
    const rows = [
      ["1", "2", "a"],
      ["2", "2.0", "a"],
      ["3", "2", "b"],
      ["4", "2", "a"],
      ["5", "2", "b"],
    ];
    const duplicates = find(await run(contract, { data: { columns: ["id", "x", "s"], rows } }), "dataset.duplicates");
    assert.equal(duplicates.failing, 3);
    assert.equal(duplicates.total, 5);
    assert.equal(duplicates.status, "fail", "3/5 = 0.6 > 0.2");
    assert.deepEqual(linesOf(duplicates), [3, 5, 6]);
    assert.match(duplicates.examples[0]!.message, /line 2/);
  });

  test("min_class_share fails a rare class, and a class in the enum with no rows", async () => {
    const contract = [
      "columns:",
      "  - name: y",
      "    type: categorical",
      "    role: target",
      "    enum: [a, b, c]",
      "dataset:",
      "  min_class_share: 0.2",
      "  max_duplicate_share: 1",
    ];
    const rows: RawValue[][] = [...Array.from({ length: 9 }, () => ["a"]), ["b"]];
    const balance = find(await run(contract, { data: { columns: ["y"], rows } }), "dataset.class_balance");
    assert.equal(balance.status, "fail");
    assert.equal(balance.failing, 2, "b has 10% and c has 0%, both under 20%");
    assert.equal(balance.total, 3);
  });

  test("single-value columns are a warning by default", async () => {
    const report = await run(
      ["columns:", "  - name: a", "    type: integer", "  - name: b", "    type: integer", "dataset:", "  max_duplicate_share: 1"],
      {
        data: {
          columns: ["a", "b"],
          rows: [
            ["1", "1"],
            ["1", "2"],
          ],
        },
      },
    );
    const single = find(report, "dataset.single_value_columns");
    assert.equal(single.status, "warn");
    assert.equal(single.failing, 1);
    assert.match(single.message, /"a"/);
  });
});

describe("train/test hygiene", () => {
  const contract = [
    "columns:",
    "  - name: x",
    "    type: integer",
    "  - name: c",
    "    type: categorical",
    "  - name: y",
    "    type: categorical",
    "    role: target",
    "hygiene:",
    "  max_test_in_train_share: 0.25",
  ];
  const columns = ["x", "c", "y"];
  const train = [
    ["1", "red", "no"],
    ["2", "blue", "yes"],
    ["3", "red", "no"],
  ];

  test("test rows found in train, conflicting labels, unseen classes and categories", async () => {
    const test = [
      ["1", "red", "no"], // line 2: in train (line 2)
      ["2", "blue", "no"], // line 3: train says yes for these features
      ["4", "green", "maybe"], // line 4: class and category unseen
      ["3", "red", "no"], // line 5: in train (line 4)
    ];
    const report = await run(contract, { train: { columns, rows: train }, test: { columns, rows: test } });
    const inTrain = find(report, "hygiene.test_in_train");
    assert.equal(inTrain.failing, 2);
    assert.equal(inTrain.status, "fail", "2/4 = 0.5 > 0.25");
    assert.deepEqual(linesOf(inTrain), [2, 5]);
    assert.match(inTrain.examples[1]!.message, /train\.csv:4/);
    const conflicts = find(report, "hygiene.conflicting_labels");
    assert.deepEqual(linesOf(conflicts), [3]);
    assert.match(conflicts.examples[0]!.message, /"yes"/);
    assert.deepEqual(linesOf(find(report, "hygiene.unseen_target_classes")), [4]);
    const categories = find(report, "hygiene.c.unseen_categories");
    assert.equal(categories.status, "warn", "unseen categories are a warning by default");
    assert.deepEqual(linesOf(categories), [4]);
    assert.equal(
      report.checks.filter((check) => check.scope === "hygiene").every((check) => check.dataset === "test"),
      true,
    );
  });

  test("a clean split passes every hygiene check, and datasets keep their given order in the report", async () => {
    const report = await run(contract, { test: { columns, rows: [["9", "blue", "yes"]] }, train: { columns, rows: train } });
    for (const check of report.checks.filter((candidate) => candidate.scope === "hygiene")) assert.equal(check.status, "pass", check.id);
    assert.deepEqual(
      report.datasets.map((dataset) => dataset.label),
      ["test", "train"],
    );
  });
});

// pandas reads the example as a data scientist would; the checks' counts must agree with it.
const PANDAS = String.raw`
import json, sys
import pandas as pd
d = sys.argv[1]
def load(name):
    df = pd.read_csv(d + name, skipinitialspace=True, na_values=["?"], keep_default_na=False)
    df["Y"] = df["Y"].str.rstrip(".")
    return df
train, test = load("train.csv"), load("test.csv")
key = lambda df: df.astype(str).agg("\x1f".join, axis=1)
train_keys = set(key(train))
out = {
    "rows": [len(train), len(test)],
    "nulls": {c: int(train[c].isna().sum()) for c in train.columns},
    "duplicates": [int(train.duplicated().sum()), int(test.duplicated().sum())],
    "test_in_train": int(key(test).isin(train_keys).sum()),
    "classes": {k: int(v) for k, v in train["Y"].value_counts().items()},
    "countries_outside": int((~train["native-country"].isna() & ~train["native-country"].isin(sys.argv[2].split("|"))).sum()),
}
json.dump(out, sys.stdout)
`;

describe("the Adult example against pandas", () => {
  test("row, null, duplicate, leakage and class counts agree with pandas", async () => {
    const contract = await loadContract(`${EXAMPLE}contract.yaml`);
    const report = await validateData({
      contract,
      datasets: [
        { label: "train", path: `${EXAMPLE}train.csv` },
        { label: "test", path: `${EXAMPLE}test.csv` },
      ],
      logger: new MemoryLogger(),
      toolVersion: "test",
    });
    const countries = contract.columns.find((column) => column.name === "native-country")!.enum!.join("|");
    const oracle = spawnSync("/usr/bin/python3", ["-c", PANDAS, EXAMPLE, countries], { encoding: "utf8" });
    assert.equal(oracle.status, 0, oracle.stderr);
    const expected = JSON.parse(oracle.stdout) as {
      rows: number[];
      nulls: Record<string, number>;
      duplicates: number[];
      test_in_train: number;
      classes: Record<string, number>;
      countries_outside: number;
    };

    assert.deepEqual(
      report.datasets.map((dataset) => dataset.rows),
      expected.rows,
    );
    for (const [column, nulls] of Object.entries(expected.nulls)) {
      const check = report.checks.find(
        (candidate) =>
          candidate.dataset === "train" &&
          candidate.column === column &&
          (candidate.check === "nullable" || candidate.check === "max_null_share"),
      );
      assert.ok(check, `a null check on ${column}`);
      assert.equal(check.failing, nulls, `nulls in ${column}`);
    }
    assert.equal(find(report, "dataset.duplicates", "train").failing, expected.duplicates[0]);
    assert.equal(find(report, "dataset.duplicates", "test").failing, expected.duplicates[1]);
    assert.equal(find(report, "hygiene.test_in_train").failing, expected.test_in_train);
    assert.equal(find(report, "column.native-country.enum", "train").failing, expected.countries_outside);
    const total = Object.values(expected.classes).reduce((sum, count) => sum + count, 0);
    const smallest = Math.min(...Object.values(expected.classes)) / total;
    assert.equal(find(report, "dataset.class_balance", "train").status, smallest < 0.1 ? "fail" : "pass");
    assert.equal(report.passed, true, JSON.stringify(report.checks.filter((check) => check.status === "fail")));
  });

  test("planted errors are reported at exactly their lines, each under its column", async () => {
    const temp = makeTempDir();
    try {
      const path = temp.file("train-broken.csv", plantErrors(await readFile(`${EXAMPLE}train.csv`, "utf8")));
      const contract = await loadContract(`${EXAMPLE}contract.yaml`);
      const report = await validateData({ contract, datasets: [{ label: "data", path }], logger: new MemoryLogger(), toolVersion: "test" });
      const failing = report.checks.filter((check) => check.status === "fail");
      assert.equal(failing.length, PLANTED_ERRORS.length, failing.map((check) => check.id).join(", "));
      for (const error of PLANTED_ERRORS) {
        const check = failing.find((candidate) => candidate.examples.some((example) => example.line === error.line));
        assert.equal(check?.column, error.column, `line ${error.line} (${error.why})`);
        assert.equal(check.failing, 1);
        assert.ok(
          check.examples[0]!.value === undefined || check.examples[0]!.value === error.value || error.value === "?",
          `quotes ${error.value}`,
        );
      }
    } finally {
      temp.cleanup();
    }
  });
});

describe("the truncated flag", () => {
  test("is false when every failing value is listed, though nulls of nullable columns are only counted", async () => {
    const report = await run(
      ["columns:", "  - name: n", "    type: integer", "    max_null_share: 1", "dataset:", "  max_duplicate_share: 1"],
      { data: { columns: ["n"], rows: [[null], [null], ["1"], ["x"]] } },
      { maxExamples: 1 },
    );
    assert.equal(find(report, "column.n.type").examples.length, 1);
    assert.equal(report.truncated, false);
  });
});
