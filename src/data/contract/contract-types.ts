/**
 * The data contract as the code sees it, after loading and defaulting (`load-contract.ts`). The YAML
 * format is described by `schemas/data-contract.schema.json`; a Frictionless Table Schema is
 * converted into this shape too.
 */

import type { PiiDetector } from "../pii/pii-detectors.ts";

export type ColumnType = "integer" | "number" | "string" | "boolean" | "date" | "datetime" | "categorical";
export type ColumnRole = "feature" | "target" | "prediction" | "sensitive" | "id" | "timestamp";
export type Severity = "error" | "warning";
export type ColumnPolicy = "error" | "warning" | "ignore";

/** How the files are read (CSV dialect and null markers). */
export interface Dialect {
  delimiter: string;
  quote: string;
  trim: boolean;
  nullMarkers: string[];
}

export interface ColumnContract {
  name: string;
  type: ColumnType;
  roles: ColumnRole[];
  description?: string;
  /** The column must be present in the data. Default true. */
  required: boolean;
  /** Nulls allowed at all. Default true. */
  nullable: boolean;
  /** Largest share of null values allowed (0..1). */
  maxNullShare?: number;
  min?: number | string;
  max?: number | string;
  exclusiveMin?: number | string;
  exclusiveMax?: number | string;
  enum?: (string | number | boolean)[];
  pattern?: string;
  unique: boolean;
  minLength?: number;
  maxLength?: number;
  /** Share of non-null values that must satisfy the value constraints (GX `mostly`). Default 1. */
  mostly: number;
  /** Accept a column with no non-null values (by default such a column fails: vacuous truth hides bugs). */
  allowEmpty: boolean;
  /** Raw texts mapped to canonical values before any check, e.g. `{"<=50K.": "<=50K"}` for a quirky file. */
  aliases: Record<string, string>;
  /** Texts read as true/false for boolean columns. */
  trueValues: string[];
  falseValues: string[];
  /** Severity of this column's violations. Default error. */
  severity: Severity;
  /**
   * Personal data in this column (docs/privacy.md#pii-detection): `forbid` fails on any value a
   * detector fires on, `hashed` requires every value to look like `hashed`, `allow` skips the scan.
   * Unset: the column is scanned anyway and a detection is a warning.
   */
  pii?: PiiPolicy;
  /** The hash format of a `pii: hashed` column (default `{ format: hex }`: any common digest length). */
  hashed?: HashFormat;
  /** Values are shown as pseudonyms in every output (src/data/pii/redact.ts). Default false. */
  redact: boolean;
  /** Regexes no value may contain (searched, not anchored). Default []. */
  forbidPatterns: string[];
  /** Where in the contract file this column is declared (for messages). */
  pointer: string;
}

/** A column's `pii:` setting. */
export type PiiPolicy = "forbid" | "allow" | "hashed";

/**
 * What a `pii: hashed` column's values look like: `hex` (digits and a–f; `length` characters, or
 * any of 32/40/56/64/96/128 — MD5, SHA-1, SHA-224/256/384/512), `base64` (standard or URL alphabet,
 * optional padding; `length` characters or at least 22) or `salted`: a self-describing salted hash
 * such as `$2b$12$…` (bcrypt), `$argon2id$v=19$…`, `$6$…` (sha-crypt), `$scrypt$…`,
 * `pbkdf2_sha256$600000$salt$hash` or `sha256$salt$hex`.
 */
export interface HashFormat {
  format: "hex" | "base64" | "salted";
  length?: number;
}

/** The contract-level `pii:` block: how columns are scanned for personal data. */
export interface PiiScanSettings {
  /** Scan string and categorical columns without a `pii` setting (default true). */
  scan: boolean;
  /** Built-in detectors to run (default all of them). */
  detectors: Exclude<PiiDetector, "custom">[];
  /** Extra detectors: named regexes searched in each value. */
  patterns: { name: string; regex: string }[];
  /** A scanned column warns when detections exceed this share of its non-null values (default 0: any). */
  minShare: number;
  /** Severity of a detection in a column without `pii` (default warning). */
  severity: Severity;
}

export interface DatasetChecks {
  minRows?: number;
  maxRows?: number;
  /** Largest share of exact duplicate rows; default 0.05 (Deepchecks' default). */
  maxDuplicateShare?: number;
  /** Columns in the data but not in the contract. Default error. */
  unknownColumns: ColumnPolicy;
  /** Required contract columns absent from the data. Default error. */
  missingColumns: ColumnPolicy;
  /** Smallest share each target class must have. */
  minClassShare?: number;
  /** Columns with a single distinct non-null value. Default warning. */
  singleValueColumns: ColumnPolicy;
}

/** Train/test hygiene, checked when two datasets are given. */
export interface HygieneChecks {
  /** Largest share of test rows that also appear in train; default 0.05. */
  maxTestInTrainShare: number;
  /** Identical features with different labels across train and test. Default error. */
  conflictingLabels: ColumnPolicy;
  /** Target classes in test that train never has. Default error. */
  unseenTargetClasses: ColumnPolicy;
  /** Categories in test that train never has. Default warning. */
  unseenCategories: ColumnPolicy;
}

/**
 * k-anonymity over quasi-identifiers (`k_anonymity` in the contract, docs/privacy.md#k-anonymity):
 * every combination of their values must be shared by at least `k` rows.
 */
export interface KAnonymityChecks {
  /** Contract columns that together could re-identify a person (e.g. age, zip, sex). */
  quasiIdentifiers: string[];
  /** Smallest allowed equivalence class (rows sharing one QI tuple); at least 2. */
  k: number;
  /** Largest share of rows allowed in classes smaller than k (default 0). */
  maxShare: number;
  /** Severity of a violation (default error). */
  severity: Severity;
  /** Distinct classes counted exactly; past it the figures are bounds (default 1,000,000). */
  maxClasses: number;
}

export interface DataContract {
  /** Path of the contract file. */
  file: string;
  /** sha256 of the contract file's bytes, for data fingerprints. */
  sha256: string;
  name?: string;
  description?: string;
  dialect: Dialect;
  columns: ColumnContract[];
  dataset: DatasetChecks;
  hygiene: HygieneChecks;
  /** k-anonymity of the quasi-identifiers, when the contract asks for it. */
  kAnonymity?: KAnonymityChecks;
  /** How columns are scanned for personal data; absent: the defaults (every detector, scan on). */
  pii?: PiiScanSettings;
  /** "modelship" for our YAML format, "frictionless" for a Table Schema. */
  source: "modelship" | "frictionless";
}
