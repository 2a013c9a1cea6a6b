/** The validation report (`schemas/validation-report.schema.json`), written by `validateData`. */
import type { FailOn } from "../../common/fail-on.ts";
import type { Severity } from "../contract/contract-types.ts";

export type CheckStatus = "pass" | "fail" | "warn" | "skip";

/** Validation's fail-on: `error` fails on an error, `warning` on a warning too. */
export type ValidationFailOn = FailOn<"error" | "warning">;

/** One offending value, for the report and the annotation on the data file's line. */
export interface CheckExample {
  file: string;
  /** 1-based line in the file (row number for Parquet). */
  line?: number;
  /** The offending value as text, shortened to 200 characters. */
  value?: string;
  /** Why this example fails, e.g. `"abc" is not an integer`. */
  message: string;
}

export interface CheckResult {
  /** Stable id, e.g. `column.age.type`, `dataset.min_rows`, `hygiene.test_in_train`. */
  id: string;
  scope: "column" | "dataset" | "hygiene";
  /** The dataset's label (`data`, `train`, `test`); hygiene checks are about `test`. */
  dataset: string;
  /** The contract column, when scope is column. */
  column?: string;
  /** The check's name: type, required, nullable, max_null_share, min, max, enum, pattern, unique, length, empty, min_rows, duplicates… */
  check: string;
  severity: Severity;
  status: CheckStatus;
  /** Rows (or values, or columns) that failed. */
  failing: number;
  /** Rows (or values) checked: the denominator of `share`. */
  total: number;
  /** failing / total, when total > 0. */
  share?: number;
  /** The limit that was applied, e.g. `mostly 0.99` or `≤ 0.05`. */
  threshold?: string;
  /** One sentence a person can act on. */
  message: string;
  /** The first failing values with their lines (capped per check). */
  examples: CheckExample[];
}

export interface DatasetSummary {
  /** `train`, `test`, or `data` for a single dataset. */
  label: string;
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  rows: number;
  columns: string[];
}

export interface ValidationReport {
  schema: "modelship/validation-report@1";
  tool: { name: "modelship"; version: string };
  created: string;
  contract: { path: string; sha256: string; source: "modelship" | "frictionless" };
  datasets: DatasetSummary[];
  passed: boolean;
  summary: { checks: number; passed: number; errors: number; warnings: number; skipped: number };
  checks: CheckResult[];
  /** True when examples were capped (`max-examples`). */
  truncated: boolean;
}
