/**
 * Builders for parsed data contracts in tests: a column and a contract with the defaults that a
 * contract file without those keys gets (required, nullable, `mostly` 1, severity error; the
 * contract's dialect is plain CSV with "" as null), so a test names only what it is about.
 */
import type { ColumnContract, ColumnType, DataContract } from "../../src/data/contract/contract-types.ts";

/** A feature column of `type`; `extra` overrides any field (roles, aliases, trueValues…). */
export function contractColumn(name: string, type: ColumnType, extra: Partial<ColumnContract> = {}): ColumnContract {
  return {
    name,
    type,
    roles: ["feature"],
    required: true,
    nullable: true,
    unique: false,
    mostly: 1,
    allowEmpty: false,
    aliases: {},
    trueValues: ["true"],
    falseValues: ["false"],
    severity: "error",
    redact: false,
    forbidPatterns: [],
    pointer: `/columns/${name}`,
    ...extra,
  };
}

/** A contract over `columns`; `extra` overrides any field (file, dialect, hygiene…). */
export function contractOf(columns: ColumnContract[], extra: Partial<DataContract> = {}): DataContract {
  return {
    file: "contract.yaml",
    sha256: "0".repeat(64),
    dialect: { delimiter: ",", quote: '"', trim: false, nullMarkers: [""] },
    columns,
    dataset: { unknownColumns: "error", missingColumns: "error", singleValueColumns: "warning" },
    hygiene: { maxTestInTrainShare: 0.05, conflictingLabels: "error", unseenTargetClasses: "error", unseenCategories: "warning" },
    source: "modelship",
    ...extra,
  };
}
