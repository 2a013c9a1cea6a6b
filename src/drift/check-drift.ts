/**
 * A drift check from two profiles: refuses a current profile of another schema or on other bins,
 * compares every column (decide-drift.ts) and writes the schema-checked drift report.
 */
import { UserError } from "../common/errors.ts";
import { assertWritable } from "../common/schema-validation.ts";
import { toPointer } from "../common/yaml-source.ts";
import { sameEdges } from "../data/profile/profile-histogram.ts";
import type { ReferenceProfile } from "../data/profile/profile-types.ts";
import { compareProfiles, worst } from "./decide-drift.ts";
import { DRIFT_REPORT_SCHEMA, type DriftReport, type DriftSettings, type PerformanceDrift, type WeightsSource } from "./report-types.ts";
import schema from "../../schemas/drift-report.schema.json" with { type: "json" };

export interface DriftCheckOptions {
  reference: ReferenceProfile;
  /** What the report says the reference is (a release, a file). */
  referenceSource: string;
  current: ReferenceProfile;
  currentSources: string[];
  settings: DriftSettings;
  model?: DriftReport["model"];
  environment?: string;
  /** Accuracy on labelled current rows against the reference's: a drop drifts the dataset, whatever the columns say. */
  performance?: PerformanceDrift;
  /** Where settings.weights came from; default: config when it names any column, else equal. */
  weightsSource?: WeightsSource;
  toolVersion: string;
  created?: Date;
}

/** Refuses a current profile that cannot be compared with the reference, saying how to fix it. */
function assertComparable(reference: ReferenceProfile, current: ReferenceProfile, currentLabel: string): void {
  if (reference.schema_hash !== current.schema_hash) {
    throw new UserError(
      `the current data's profile was made from another schema than the reference (schema hash ${current.schema_hash.slice(0, 12)}… vs ${reference.schema_hash.slice(0, 12)}…; reference contract ${reference.contract.path})`,
      {
        file: currentLabel,
        pointer: "/schema_hash",
        hint: "profile the current data with the contract the model was released with (same column names and types), or release a model with a reference profile of the new contract",
      },
    );
  }
  for (const [name, column] of Object.entries(reference.columns)) {
    const other = current.columns[name];
    if (
      column.kind === "numeric" &&
      other?.kind === "numeric" &&
      column.histogram !== null &&
      other.histogram !== null &&
      !sameEdges(column.histogram.edges, other.histogram.edges)
    ) {
      throw new UserError(`column "${name}" of the current profile is binned on other edges than the reference`, {
        file: currentLabel,
        pointer: toPointer(["columns", name, "histogram", "edges"]),
        hint: "profile each shard of the current data with `--bins-from` the reference profile (the drift action does this), then merge",
      });
    }
  }
}

/** Compares the current profile with the reference; the report is checked against its schema. */
export function checkDrift(options: DriftCheckOptions): DriftReport {
  const { reference, current, settings } = options;
  assertComparable(reference, current, options.currentSources.join(", "));
  const compared = compareProfiles(reference, current, settings);
  const performance = options.performance;
  let status = current.rows === 0 ? "insufficient_data" : compared.status;
  if (performance !== undefined && (performance.status === "drift" || performance.status === "warn"))
    status = worst(status, performance.status);
  const report: DriftReport = {
    schema: DRIFT_REPORT_SCHEMA,
    tool: { name: "modelship", version: options.toolVersion },
    created: (options.created ?? new Date()).toISOString(),
    mode: settings.mode,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    reference: { source: options.referenceSource, rows: reference.rows, schema_hash: reference.schema_hash },
    current: { sources: [...options.currentSources], rows: current.rows },
    settings,
    status,
    drifted: status === "drift",
    share: compared.share,
    drifted_columns: compared.drifted,
    columns_checked: compared.checked,
    columns: compared.columns,
    ...(performance === undefined ? {} : { performance }),
    weights_source: options.weightsSource ?? (Object.keys(settings.weights).length > 0 ? "config" : "equal"),
  };
  assertWritable(schema, report, "drift report");
  return report;
}
