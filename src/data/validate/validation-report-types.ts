/** The validation report (`schemas/validation-report.schema.json`), written by `validateData`. */
import type { FailOn } from "../../common/fail-on.ts";
import type { Severity } from "../contract/contract-types.ts";
import type { PiiDetector } from "../pii/pii-detectors.ts";

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
  /** The k-anonymity check's figures (check `k_anonymity`); never a class's values. */
  kAnonymity?: KAnonymityDetail;
  /** What the PII checks (`pii`, `pii_scan`, `forbid_patterns`) found, per detector: counts and lines, never values. */
  pii?: { findings: PiiFinding[] };
}

/** One detector's (or pattern's) detections in a column (docs/privacy.md#pii-detection). */
export interface PiiFinding {
  detector: PiiDetector;
  /** For `custom`: the contract pattern's name, or the forbidden regex as `/…/`. */
  pattern?: string;
  /** Non-null values it fired on. */
  count: number;
  /** count / non-null values of the column. */
  share: number;
  /** The first lines (at most 10) where it fired. */
  lines: number[];
}

/** Equivalence classes over some of the quasi-identifiers: rows that share one combination of their values. */
export interface KAnonymityFigures {
  /** Distinct combinations (a lower bound when not exact). */
  classes: number;
  /** Classes with fewer than k rows (among those counted exactly). */
  classesBelowK: number;
  /** Rows in classes with fewer than k rows (an upper bound when not exact). */
  rowsAtRisk: number;
  /** rowsAtRisk / rows (0 for no rows). */
  shareAtRisk: number;
  /** Rows in the smallest class (among those counted exactly); 0 for no rows. */
  smallestClass: number;
  /** False when there were more classes than `max_classes`: see docs/privacy.md#k-anonymity. */
  exact: boolean;
}

/** k-anonymity of one dataset over the contract's quasi-identifiers (docs/privacy.md#k-anonymity). */
export interface KAnonymityDetail extends KAnonymityFigures {
  quasiIdentifiers: string[];
  k: number;
  rows: number;
  /** The QI whose removal lowers rowsAtRisk most (ties: the first listed); absent when no row is at risk. */
  hurtsMost?: string;
  /**
   * When the check fails: the fewest QIs to drop for it to pass (most QIs kept, then fewest rows at
   * risk). Searched among every subset with at most 4 QIs, else among single drops; absent when none passes.
   */
  dropToPass?: string[];
  /** Each QI dropped in turn: the figures over the others. */
  dropped: ({ column: string } & KAnonymityFigures)[];
  /** With at most 4 QIs: every proper, non-empty subset of them (in QI order) and its figures. */
  subsets?: ({ columns: string[] } & KAnonymityFigures)[];
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
