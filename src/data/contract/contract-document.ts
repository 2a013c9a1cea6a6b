/**
 * The data contract as written (the YAML document the schema describes) and its conversion into the
 * in-memory `DataContract` with defaults. Its own module so that both `load-contract.ts` and
 * `frictionless.ts` (which `load-contract.ts` imports) can build contracts without an import cycle.
 */
import { DEFAULT_FALSE_VALUES, DEFAULT_TRUE_VALUES } from "./coerce.ts";
import type {
  ColumnContract,
  ColumnRole,
  ColumnType,
  DataContract,
  HashFormat,
  KAnonymityChecks,
  PiiPolicy,
  PiiScanSettings,
  Severity,
} from "./contract-types.ts";
import { BUILTIN_PII_DETECTORS } from "../pii/pii-detectors.ts";

/** The YAML document as the schema describes it (snake_case). */
export interface ContractDocument {
  /** Format version (docs/compatibility.md); absent is 1. */
  version?: 1;
  name?: string;
  description?: string;
  dialect?: { delimiter?: string; quote?: string; trim?: boolean; null_markers?: string[] };
  columns: ColumnDocument[];
  dataset?: {
    min_rows?: number;
    max_rows?: number;
    max_duplicate_share?: number;
    unknown_columns?: "error" | "warning" | "ignore";
    missing_columns?: "error" | "warning" | "ignore";
    min_class_share?: number;
    single_value_columns?: "error" | "warning" | "ignore";
  };
  hygiene?: {
    max_test_in_train_share?: number;
    conflicting_labels?: "error" | "warning" | "ignore";
    unseen_target_classes?: "error" | "warning" | "ignore";
    unseen_categories?: "error" | "warning" | "ignore";
  };
  k_anonymity?: { quasi_identifiers: string[]; k: number; max_share?: number; severity?: Severity; max_classes?: number };
  pii?: {
    scan?: boolean;
    detectors?: PiiScanSettings["detectors"];
    patterns?: { name: string; regex: string }[];
    min_share?: number;
    severity?: Severity;
  };
}

/** One column as written in the YAML document. */
export interface ColumnDocument {
  name: string;
  type: ColumnType;
  role?: ColumnRole | ColumnRole[];
  description?: string;
  required?: boolean;
  nullable?: boolean;
  max_null_share?: number;
  min?: number | string;
  max?: number | string;
  exclusive_min?: number | string;
  exclusive_max?: number | string;
  enum?: (string | number | boolean)[];
  pattern?: string;
  unique?: boolean;
  min_length?: number;
  max_length?: number;
  mostly?: number;
  allow_empty?: boolean;
  aliases?: Record<string, string>;
  true_values?: string[];
  false_values?: string[];
  severity?: Severity;
  pii?: PiiPolicy;
  hashed?: HashFormat;
  redact?: boolean;
  forbid_patterns?: string[];
}

/** Turns the YAML document into the in-memory contract, with defaults. */
export function fromDocument(
  document: ContractDocument,
  file: string,
  sha256: string,
  source: DataContract["source"] = "modelship",
): DataContract {
  const dialect = document.dialect ?? {};
  const columns: ColumnContract[] = document.columns.map((column, index) => ({
    name: column.name,
    type: column.type,
    roles: column.role === undefined ? ["feature"] : Array.isArray(column.role) ? column.role : [column.role],
    description: column.description,
    required: column.required ?? true,
    nullable: column.nullable ?? true,
    maxNullShare: column.max_null_share,
    min: column.min,
    max: column.max,
    exclusiveMin: column.exclusive_min,
    exclusiveMax: column.exclusive_max,
    enum: column.enum,
    pattern: column.pattern,
    unique: column.unique ?? false,
    minLength: column.min_length,
    maxLength: column.max_length,
    mostly: column.mostly ?? 1,
    allowEmpty: column.allow_empty ?? false,
    aliases: column.aliases ?? {},
    trueValues: column.true_values ?? [...DEFAULT_TRUE_VALUES],
    falseValues: column.false_values ?? [...DEFAULT_FALSE_VALUES],
    severity: column.severity ?? "error",
    // `hashed:` alone means `pii: hashed`; load-contract.ts refuses it beside another pii setting.
    ...(column.pii !== undefined || column.hashed !== undefined ? { pii: column.pii ?? "hashed" } : {}),
    ...(column.hashed !== undefined || column.pii === "hashed" ? { hashed: column.hashed ?? { format: "hex" as const } } : {}),
    redact: column.redact ?? false,
    forbidPatterns: column.forbid_patterns ?? [],
    pointer: `/columns/${index}`,
  }));
  const dataset = document.dataset ?? {};
  const hygiene = document.hygiene ?? {};
  return {
    file,
    sha256,
    name: document.name,
    description: document.description,
    source,
    dialect: {
      delimiter: dialect.delimiter ?? ",",
      quote: dialect.quote ?? '"',
      trim: dialect.trim ?? false,
      nullMarkers: dialect.null_markers ?? [""],
    },
    columns,
    dataset: {
      minRows: dataset.min_rows,
      maxRows: dataset.max_rows,
      maxDuplicateShare: dataset.max_duplicate_share ?? 0.05,
      unknownColumns: dataset.unknown_columns ?? "error",
      missingColumns: dataset.missing_columns ?? "error",
      minClassShare: dataset.min_class_share,
      singleValueColumns: dataset.single_value_columns ?? "warning",
    },
    hygiene: {
      maxTestInTrainShare: hygiene.max_test_in_train_share ?? 0.05,
      conflictingLabels: hygiene.conflicting_labels ?? "error",
      unseenTargetClasses: hygiene.unseen_target_classes ?? "error",
      unseenCategories: hygiene.unseen_categories ?? "warning",
    },
    ...(document.k_anonymity === undefined ? {} : { kAnonymity: kAnonymityOf(document.k_anonymity) }),
    ...(document.pii === undefined ? {} : { pii: piiScanOf(document.pii) }),
  };
}

/** Default of `k_anonymity.max_classes`: at most 128 MB for 4 quasi-identifiers at the cap (docs/privacy.md). */
export const DEFAULT_MAX_KANONYMITY_CLASSES = 1_000_000;

function kAnonymityOf(document: NonNullable<ContractDocument["k_anonymity"]>): KAnonymityChecks {
  return {
    quasiIdentifiers: document.quasi_identifiers,
    k: document.k,
    maxShare: document.max_share ?? 0,
    severity: document.severity ?? "error",
    maxClasses: document.max_classes ?? DEFAULT_MAX_KANONYMITY_CLASSES,
  };
}

/** The contract-level `pii:` block with its defaults (docs/privacy.md#pii-detection). */
export function piiScanOf(document: NonNullable<ContractDocument["pii"]>): PiiScanSettings {
  return {
    scan: document.scan ?? true,
    detectors: document.detectors ?? [...BUILTIN_PII_DETECTORS],
    patterns: document.patterns ?? [],
    minShare: document.min_share ?? 0,
    severity: document.severity ?? "warning",
  };
}
