/**
 * The data contract as the code sees it, after loading and defaulting (`load-contract.ts`). The YAML
 * format is described by `schemas/data-contract.schema.json`; a Frictionless Table Schema is
 * converted into this shape too.
 */

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
  /** Where in the contract file this column is declared (for messages). */
  pointer: string;
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
  /** "modelship" for our YAML format, "frictionless" for a Table Schema. */
  source: "modelship" | "frictionless";
}
