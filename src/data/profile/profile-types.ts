/** The reference profile (`schemas/reference-profile.schema.json`), written by `profileData` and merged by `mergeProfiles`. */
import type { ColumnRole, ColumnType } from "../contract/contract-types.ts";
import type { KllSketchJson } from "../sketch/kll.ts";

export const REFERENCE_PROFILE_SCHEMA = "modelship/reference-profile@1";

/** Defaults of the profile settings. */
export const PROFILE_DEFAULTS = {
  bins: 10,
  topK: 50,
  /** Distinct values counted exactly per column; beyond it new values go to `other_count` (memory bound). */
  categoryCap: 10_000,
  /** Distinct values a numeric column keeps exact counts of; past it `values` is null (memory bound). */
  exactCap: 10_000,
  sketchK: 200,
  seed: 1,
} as const;

/** Settings a profile was made with; shards made with the same settings and edges merge exactly. */
export interface ProfileSettings {
  bins: number;
  /** How many categories a report shows; the profile keeps every count up to the cap. */
  top_k: number;
  category_cap: number;
  /**
   * Distinct values a numeric column keeps exact counts of (`values`); 0 keeps none. Always written
   * by new code; a profile without it (older) is read as keeping none, whatever its columns hold.
   */
  exact_cap?: number;
  sketch_k: number;
  seed: number;
}

/** A profile's `exact_cap`, or 0 (keeps no values) for settings without one, as in an older profile. */
export function exactCapOf(settings: ProfileSettings): number {
  return settings.exact_cap ?? 0;
}

/** A histogram on frozen, left-closed bins: bin i counts edges[i] ≤ x < edges[i+1]. */
export interface HistogramJson {
  edges: number[];
  /** One count per bin (edges.length − 1). */
  counts: number[];
  /** Values below the first edge. */
  underflow: number;
  /** Values at or above the last edge. */
  overflow: number;
  /** Null values of the column (not in any bin). */
  nulls: number;
}

interface ColumnProfileCommon {
  type: ColumnType;
  roles: ColumnRole[];
  /** Rows seen (null, invalid and valid). */
  count: number;
  nulls: number;
  /** Non-null values that do not coerce to the column's type. */
  invalid: number;
  /** Values that coerced: count − nulls − invalid. */
  valid: number;
}

/** integer, number, date and datetime columns (dates as epoch milliseconds). */
export interface NumericColumnProfile extends ColumnProfileCommon {
  kind: "numeric";
  min: number | null;
  max: number | null;
  sum: number;
  mean: number | null;
  /** Sum of squared deviations from the mean: merges exactly with Chan et al.'s formula. */
  m2: number;
  variance: { population: number; sample: number | null } | null;
  sketch: KllSketchJson;
  /** Null when the column had no valid value to freeze edges from. */
  histogram: HistogramJson | null;
  /**
   * Exact value counts: the distinct valid values ascending (-0 as 0) with their counts, while
   * there are at most `settings.exact_cap` of them; null past it (or with a cap of 0). Absent in
   * older profiles, read as null.
   */
  values?: ExactValues | null;
}

/** Distinct values ascending and, at the same index, how often each occurs. */
export interface ExactValues {
  value: number[];
  count: number[];
}

/** One distinct value and how often it occurs. */
export interface CategoryCount {
  value: string;
  count: number;
}

/** string, categorical and boolean columns. */
export interface CategoricalColumnProfile extends ColumnProfileCommon {
  kind: "categorical";
  /** Distinct values; exact unless `capped` (then a lower bound). */
  distinct: number;
  /** More distinct values than `category_cap` were seen. */
  capped: boolean;
  /** Every counted value, by count descending then value ascending. */
  counts: CategoryCount[];
  /** Values not in `counts` (only when capped). */
  other_count: number;
  /** Length in Unicode code points of the valid values; null for boolean columns or when none is valid. */
  length: { min: number; max: number; sum: number; mean: number } | null;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

/** One input file of the profile. */
export interface ProfiledDataset {
  path: string;
  sha256: string;
  bytes: number;
  rows: number;
}

/**
 * How often the prediction equals the target, for delayed-label performance checks: written when
 * the contract has exactly one `target` column and exactly one (other) `prediction` column; absent
 * otherwise and in older profiles.
 */
export interface LabelAgreement {
  /** Name of the target column. */
  target: string;
  /** Name of the prediction column. */
  prediction: string;
  /** Rows where both values are valid (non-null and coerce to their column's type). */
  rows: number;
  /** Of those rows, how many have equal values after coercion (compared as text, `String(value)`). */
  agree: number;
}

export interface ReferenceProfile {
  schema: typeof REFERENCE_PROFILE_SCHEMA;
  tool: { name: "modelship"; version: string };
  created: string;
  contract: { path: string; sha256: string };
  /** sha256 of the contract's sorted column names and types: drift refuses a profile of another schema. */
  schema_hash: string;
  datasets: ProfiledDataset[];
  rows: number;
  settings: ProfileSettings;
  /** Target/prediction agreement (accuracy's counts); absent without exactly one of each, or in older profiles. */
  agreement?: LabelAgreement;
  /**
   * Columns whose values are redacted (src/data/pii/redact-reports.ts, docs/privacy.md#redaction), by
   * name: the id of the key their categories are pseudonyms under, or null when they were dropped
   * (no key). Absent when no column is redacted.
   */
  redacted?: Record<string, string | null>;
  /** By contract column name, in contract order. */
  columns: Record<string, ColumnProfile>;
}
