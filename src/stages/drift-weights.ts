/**
 * Drift weights from what the model uses (`drift.weights: importance`): the permutation importances
 * the reference release's gate report records (its `explanations` section, docs/gates.md) turned
 * into weights of the drifted share. A feature's weight is max(importance, 0) over the largest such
 * value among the features checked, so the feature the model leans on most weighs 1 and one it does
 * not use weighs 0. Without any positive importance the check falls back to equal weights.
 */
import type { WeightsSource } from "../drift/report-types.ts";
import type { ExplanationsSection } from "../gates/gate-report-types.ts";

/** Weights derived from a gate report's importances, and what the user should be told about them. */
export interface ImportanceWeights {
  /** "importance" when the weights come from the importances; "equal" when there were none to use. */
  source: Extract<WeightsSource, "importance" | "equal">;
  /** Weight by feature column (every column in `features` when source is "importance"; empty otherwise). */
  weights: Record<string, number>;
  /** Feature columns the explanation has no importance for (weight 0). */
  missing: string[];
  /** What to log as warnings, each naming the release and the fix. */
  warnings: string[];
}

/** The setting that records importances in the gate report, and where it is explained. */
const EXPLAIN_FIX =
  "keep permutation importance on in the evaluation (gates.explain in modelship.yaml, on by default; see docs/gates.md#explanations-permutation-importance) and release again";

/**
 * The weights of `features` from `explanations` (the reference release's gate report section, or
 * undefined when it has none); `release` names the release in the warnings, e.g. "adult-income@1.4.0".
 */
export function importanceWeights(
  explanations: ExplanationsSection | undefined,
  features: readonly string[],
  release: string,
): ImportanceWeights {
  const recorded = new Map<string, number>();
  for (const row of explanations?.features ?? [])
    if (typeof row.importance === "number" && Number.isFinite(row.importance)) recorded.set(row.feature, row.importance);
  const present = features.filter((name) => recorded.has(name));
  const top = Math.max(0, ...present.map((name) => recorded.get(name)!));
  if (top <= 0) {
    const why =
      explanations === undefined
        ? "it records no permutation importances (no gate report, or explanations were off when it was evaluated)"
        : present.length === 0
          ? "its gate report has no importance for any feature column checked here"
          : "no feature column has a positive importance in its gate report";
    return {
      source: "equal",
      weights: {},
      missing: [],
      warnings: [
        `drift.weights is importance, but release ${release} cannot give weights: ${why}; every feature weighs 1. Fix: ${EXPLAIN_FIX}.`,
      ],
    };
  }
  const weights: Record<string, number> = {};
  for (const name of features) weights[name] = recorded.has(name) ? Math.max(recorded.get(name)!, 0) / top : 0;
  const missing = features.filter((name) => !recorded.has(name));
  const warnings =
    missing.length === 0
      ? []
      : [
          `release ${release}'s permutation importances do not cover ${missing.length === 1 ? "feature column" : "feature columns"} ${missing.join(", ")}: weight 0 (their drift does not count in the share). Fix: if the model reads them, ${EXPLAIN_FIX}; otherwise list them in drift.ignore.`,
        ];
  return { source: "importance", weights, missing, warnings };
}
