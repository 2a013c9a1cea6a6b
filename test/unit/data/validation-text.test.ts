/**
 * The validation report's terminal text: golden text written here from each report's numbers
 * (colour off), colour through `unstyled`, -q and -v, values with control characters escaped,
 * truncation to one screen, and the Adult example (clean and with the planted errors) run through
 * the validator.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { loadContract } from "../../../src/data/contract/load-contract.ts";
import { validateData } from "../../../src/data/validate/validate-datasets.ts";
import type { CheckResult, ValidationReport } from "../../../src/data/validate/validation-report-types.ts";
import { renderValidationText } from "../../../src/data/validate/validation-text.ts";
import { PLANTED_ERRORS, plantErrors } from "../../../scripts/lib/broken-copy.ts";
import { makeTempDir } from "./readers-helpers.ts";

const EXAMPLE = new URL("../../../examples/model-repo/data/", import.meta.url).pathname;
const VERBOSE = { ...PLAIN, verbose: true };
const QUIET = { ...PLAIN, quiet: true };

function check(fields: Partial<CheckResult> & Pick<CheckResult, "id" | "check" | "status" | "failing" | "total" | "message">): CheckResult {
  return { scope: "column", dataset: "data", severity: fields.status === "warn" ? "warning" : "error", examples: [], ...fields };
}

function report(
  checks: CheckResult[],
  datasets: ValidationReport["datasets"] = [dataset("data", "data/train.csv", 1000)],
): ValidationReport {
  const count = (status: string) => checks.filter((one) => one.status === status).length;
  return {
    schema: "modelship/validation-report@1",
    tool: { name: "modelship", version: "1.0.0" },
    created: "2026-01-01T00:00:00Z",
    contract: { path: "data/contract.yaml", sha256: "a".repeat(64), source: "modelship" },
    datasets,
    passed: count("fail") === 0,
    summary: { checks: checks.length, passed: count("pass"), errors: count("fail"), warnings: count("warn"), skipped: count("skip") },
    checks,
    truncated: false,
  };
}

function dataset(label: string, path: string, rows: number): ValidationReport["datasets"][number] {
  return { label, path, format: "csv", sha256: "b".repeat(64), bytes: 100, rows, columns: ["age", "sex"] };
}

// 3 of 1,000 ages are not integers: 0.3%; one of them at line 12.
const AGE_TYPE = check({
  id: "column.age.type",
  column: "age",
  check: "type",
  status: "fail",
  failing: 3,
  total: 1000,
  share: 0.003,
  threshold: "integer",
  message: "3 values not of type integer",
  examples: [
    { file: "data/train.csv", line: 12, value: "abc", message: '"abc" is not an integer' },
    { file: "data/train.csv", line: 40, value: "1.5", message: '"1.5" is not an integer' },
    { file: "data/train.csv", line: 77, value: "x", message: '"x" is not an integer' },
  ],
});
// 20 of 1,000 sexes are null, more than the 1% the contract allows: a warning.
const SEX_NULLS = check({
  id: "column.sex.max_null_share",
  column: "sex",
  check: "max_null_share",
  status: "warn",
  failing: 20,
  total: 1000,
  share: 0.02,
  threshold: "≤ 0.01",
  message: "2% of values are null",
});
const PASSING = [
  check({ id: "column.age.required", column: "age", check: "required", status: "pass", failing: 0, total: 1, message: "present" }),
  check({
    id: "dataset.min_rows",
    scope: "dataset",
    check: "min_rows",
    status: "pass",
    failing: 0,
    total: 1000,
    threshold: "≥ 100",
    message: "enough rows",
  }),
];

describe("validation text", () => {
  test("failed: verdict, each failed then warned check with file:line, then the passing count", () => {
    const text = renderValidationText(report([SEX_NULLS, AGE_TYPE, ...PASSING]), PLAIN);
    assert.equal(
      text,
      [
        "✗ Data validation failed: 1 of 4 checks failed, 1 warned in data/train.csv (1,000 rows)",
        "✗ column age type: 3 values not of type integer (3 of 1,000, 0.30%; expected integer)",
        '    data/train.csv:12  "abc" is not an integer',
        '    data/train.csv:40  "1.5" is not an integer',
        "    … 1 more",
        "! column sex max_null_share: 2% of values are null (20 of 1,000, 2.00%; expected ≤ 0.01)",
        "2 checks passed",
      ].join("\n"),
    );
  });

  test("passed: one line naming the checks and the files", () => {
    assert.equal(
      renderValidationText(report(PASSING, [dataset("train", "data/train.csv", 4000), dataset("test", "data/test.csv", 1500)]), PLAIN),
      "✓ Data validation passed: 2 checks on data/train.csv and data/test.csv (5,500 rows)",
    );
    const three = [dataset("a", "a.csv", 1), dataset("b", "b.csv", 2), dataset("c", "c.csv", 3)];
    assert.equal(renderValidationText(report(PASSING, three), PLAIN), "✓ Data validation passed: 2 checks on 3 files (6 rows)");
  });

  test("passed with warnings, several datasets: the check is named with its dataset", () => {
    const warned = { ...SEX_NULLS, dataset: "test" };
    assert.equal(
      renderValidationText(report([warned, ...PASSING], [dataset("train", "a.csv", 10), dataset("test", "b.csv", 5)]), PLAIN),
      [
        "! Data validation passed with 1 warning: 3 checks on a.csv and b.csv (15 rows)",
        "! test: column sex max_null_share: 2% of values are null (20 of 1,000, 2.00%; expected ≤ 0.01)",
        "2 checks passed",
      ].join("\n"),
    );
  });

  test("a check without a column is named by its scope; without a denominator, by its count alone", () => {
    const missing = check({
      id: "dataset.missing_columns",
      scope: "dataset",
      check: "missing_columns",
      status: "fail",
      failing: 2,
      total: 0,
      threshold: "none",
      message: "2 contract columns are missing: age, sex",
    });
    assert.equal(
      renderValidationText(report([missing]), PLAIN),
      [
        "✗ Data validation failed: 1 of 1 check failed in data/train.csv (1,000 rows)",
        "✗ dataset missing_columns: 2 contract columns are missing: age, sex (2; expected none)",
      ].join("\n"),
    );
  });

  test("-q: the verdict and the failures only; no warnings, no passing count", () => {
    assert.equal(
      renderValidationText(report([SEX_NULLS, AGE_TYPE, ...PASSING]), QUIET),
      [
        "✗ Data validation failed: 1 of 4 checks failed, 1 warned in data/train.csv (1,000 rows)",
        "✗ column age type: 3 values not of type integer (3 of 1,000, 0.30%; expected integer)",
        '    data/train.csv:12  "abc" is not an integer',
        '    data/train.csv:40  "1.5" is not an integer',
        "    … 1 more",
      ].join("\n"),
    );
  });

  test("-v: every example the report holds, and each passing check", () => {
    assert.equal(
      renderValidationText(report([AGE_TYPE, ...PASSING]), VERBOSE),
      [
        "✗ Data validation failed: 1 of 3 checks failed in data/train.csv (1,000 rows)",
        "✗ column age type: 3 values not of type integer (3 of 1,000, 0.30%; expected integer)",
        '    data/train.csv:12  "abc" is not an integer',
        '    data/train.csv:40  "1.5" is not an integer',
        '    data/train.csv:77  "x" is not an integer',
        "2 checks passed:",
        "  ✓ column age required (1 checked)",
        "  ✓ dataset min_rows (1,000 checked, expected ≥ 100)",
      ].join("\n"),
    );
  });

  test("colour: marks and the verdict are painted, and unstyled gives the plain text back", () => {
    const input = report([SEX_NULLS, AGE_TYPE, ...PASSING]);
    const coloured = renderValidationText(input, { ...PLAIN, color: true });
    assert.notEqual(coloured, renderValidationText(input, PLAIN));
    assert.ok(
      coloured.startsWith("\u001b[31m✗\u001b[39m \u001b[1mData validation failed\u001b[22m"),
      JSON.stringify(coloured.slice(0, 60)),
    );
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /\u001b\[33m!\u001b\[39m/, "the warning's mark is yellow");
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /\u001b\[36mdata\/train\.csv:12\u001b\[39m/, "the place is cyan");
    assert.equal(unstyled(coloured), renderValidationText(input, PLAIN));
  });

  test("a value, column or file name with control characters cannot reach the terminal raw", () => {
    // An ESC that would clear the screen, a bidi override that would reverse what follows, a newline.
    const evil = check({
      id: "column.x.enum",
      column: "na\u001b[2Jme",
      check: "enum",
      status: "fail",
      failing: 1,
      total: 2,
      message: "1 value outside the allowed values",
      examples: [
        {
          file: "data/\u202eevil.csv",
          line: 3,
          value: "a\u001b]0;owned\u0007",
          message: "value a\u001b]0;owned\u0007 \u0085 is\nnot allowed",
        },
      ],
    });
    const text = renderValidationText(report([evil], [dataset("data", "data/\u202eevil.csv", 2)]), PLAIN);
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/u, "no control character but the line breaks");
    assert.equal(text.split("\n").length, 3, "the newline in the message does not add a line");
    assert.equal(
      text,
      [
        "✗ Data validation failed: 1 of 1 check failed in data/\\u202eevil.csv (2 rows)",
        "✗ column na\\u001b[2Jme enum: 1 value outside the allowed values (1 of 2, 50.00%)",
        "    data/\\u202eevil.csv:3  value a\\u001b]0;owned\\u0007 \\u0085 is\\nnot allowed",
      ].join("\n"),
    );
  });

  test("many failing checks are cut to one screen with how many more there are", () => {
    const many = Array.from({ length: 30 }, (_, index) =>
      check({
        id: `column.c${index}.type`,
        column: `c${index}`,
        check: "type",
        status: "fail",
        failing: 1,
        total: 10,
        share: 0.1,
        message: "1 value not of type integer",
        examples: [{ file: "d.csv", line: index + 2, message: `"v${index}" is not an integer` }],
      }),
    );
    const lines = renderValidationText(report(many), PLAIN).split("\n");
    // The verdict, then 9 checks of 2 lines (18, the budget), then the rest counted.
    assert.equal(lines.length, 1 + 18 + 1);
    assert.equal(lines.at(-1), "… and 21 more failed or warned checks (see the JSON report)");
    assert.equal(lines[1], "✗ column c0 type: 1 value not of type integer (1 of 10, 10.00%)");
    assert.equal(renderValidationText(report(many), VERBOSE).split("\n").length, 1 + 60, "-v lists all of them");
  });

  test("a breaking contract change follows the checks", () => {
    const text = renderValidationText(report(PASSING), PLAIN, {
      contractDiff: {
        breaking: true,
        changes: [{ column: "age", kind: "max_lowered", breaking: true, message: "max lowered from 100 to 90" }],
      },
    });
    assert.equal(
      text,
      [
        "✓ Data validation passed: 2 checks on data/train.csv (1,000 rows)",
        "✗ 1 breaking change to the data contract: data that passed the old contract may fail the new one",
        "  ✗ column age: max lowered from 100 to 90 (max_lowered)",
      ].join("\n"),
    );
  });
});

describe("validation text of the Adult example", () => {
  test("the clean example: one screen naming its two warnings with file:line", async () => {
    const contract = await loadContract(`${EXAMPLE}contract.yaml`);
    const validated = await validateData({
      contract,
      datasets: [
        { label: "train", path: `${EXAMPLE}train.csv` },
        { label: "test", path: `${EXAMPLE}test.csv` },
      ],
      logger: new MemoryLogger(),
      toolVersion: "test",
    });
    const text = renderValidationText(validated, PLAIN);
    const lines = text.split("\n");
    assert.ok(lines.length <= 25, `${lines.length} lines:\n${text}`);
    const warned = validated.checks.filter((one) => one.status === "warn");
    assert.ok(lines[0]!.startsWith(validated.passed ? (warned.length > 0 ? "! Data validation passed" : "✓") : "✗"), lines[0]);
    for (const one of warned) {
      assert.ok(text.includes(`column ${one.column!} ${one.check}`), `names ${one.id}`);
      assert.ok(text.includes(`${one.examples[0]!.file}:${one.examples[0]!.line!}`), `places ${one.id}`);
    }
    assert.equal(lines.at(-1), `${validated.summary.passed} checks passed`);
    assert.doesNotMatch(text, /[|<>`]|&lt;|\*\*/, "no markdown or HTML");
  });

  test("the planted errors: each column and line named, on one screen", async () => {
    const temp = makeTempDir();
    try {
      const path = temp.file("train-broken.csv", plantErrors(await readFile(`${EXAMPLE}train.csv`, "utf8")));
      const contract = await loadContract(`${EXAMPLE}contract.yaml`);
      const validated = await validateData({
        contract,
        datasets: [{ label: "data", path }],
        logger: new MemoryLogger(),
        toolVersion: "test",
      });
      const text = renderValidationText(validated, PLAIN);
      const lines = text.split("\n");
      assert.ok(lines.length <= 25, `${lines.length} lines:\n${text}`);
      assert.ok(lines[0]!.startsWith(`✗ Data validation failed: ${PLANTED_ERRORS.length} of `), lines[0]);
      for (const error of PLANTED_ERRORS) {
        const at = lines.findIndex((line) => line.includes(`${path}:${error.line} `));
        assert.ok(at > 0, `line ${error.line} is named:\n${text}`);
        // The check line above its example names the column.
        const head = lines.slice(0, at).findLast((line) => line.startsWith("✗ column "));
        assert.ok(head?.startsWith(`✗ column ${error.column} `), `${error.column} above line ${error.line}: ${head}`);
      }
    } finally {
      temp.cleanup();
    }
  });
});
