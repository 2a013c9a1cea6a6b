/**
 * Gates on the explanations: `sensitive_importance` holds the largest permutation importance of a
 * sensitive column or a listed proxy (its upper interval bound when on: ci) to a maximum, so a model
 * whose decisions lean on a protected attribute, or on a column standing in for one, fails the gate.
 */
import { formatNumber } from "../common/markdown.ts";
import { checkThreshold, describeThreshold } from "./decide.ts";
import type { ExplanationsSection, GateResult } from "./gate-report-types.ts";
import type { ExplainGate } from "./policy.ts";

export interface ExplainGateInputs {
  gates: readonly ExplainGate[];
  explanations: ExplanationsSection;
  /** Sensitive columns and proxies named, model inputs or not (none named: the gate has nothing to judge). */
  flagged: readonly string[];
  confidence: number;
}

/** The importance compared with the gate: the point estimate, or the interval's upper bound when on: ci. */
function judged(row: ExplanationsSection["features"][number], on: ExplainGate["on"]): number | undefined {
  if (row.importance === null) return undefined;
  return on === "ci" ? row.ci?.[1] : row.importance;
}

/** One GateResult per explanation gate. */
export function evaluateExplainGates(inputs: ExplainGateInputs): GateResult[] {
  const { explanations, confidence } = inputs;
  const level = `${Math.round(confidence * 100)}%`;
  return inputs.gates.map((gate) => {
    const threshold = { max: gate.max };
    const name = `Importance of sensitive columns and proxies ${describeThreshold(threshold)}${gate.on === "ci" ? ` (upper ${level} CI bound)` : ""}`;
    const common = {
      id: `explain:${gate.explain}`,
      kind: "explain" as const,
      name,
      metric: gate.explain,
      threshold,
      on: gate.on,
      n: explanations.rows,
      severity: gate.severity,
    };
    const rows = explanations.features.filter((row) => row.sensitive === true || row.proxy === true);
    if (inputs.flagged.length === 0)
      return {
        ...common,
        observed: null,
        value: null,
        status: "insufficient_data",
        reason: "no sensitive column or proxy is named (gates.fairness.sensitive, the contract's role sensitive, or explain.proxies)",
      };
    if (rows.length === 0)
      // Shuffling a column the model does not read changes nothing: its importance is exactly 0.
      return {
        ...common,
        observed: 0,
        value: 0,
        status: gate.max >= 0 ? "pass" : gate.severity,
        reason: `the model reads none of ${inputs.flagged.join(", ")}, so their importance is 0`,
      };
    const undefinedRow = rows.find((row) => judged(row, gate.on) === undefined);
    // The gate judges the column that comes closest to failing it.
    const worst = undefinedRow ?? rows.reduce((a, b) => (judged(b, gate.on)! > judged(a, gate.on)! ? b : a));
    const decided = checkThreshold({
      value: worst.importance ?? undefined,
      ci: worst.ci,
      reason: `the importance of ${worst.feature} is undefined (the ${explanations.metric} is undefined on the sample)`,
      threshold,
      on: gate.on,
      severity: gate.severity,
      confidence,
    });
    const others = rows.length > 1 ? `; the largest of ${rows.map((row) => row.feature).join(", ")}` : "";
    return {
      ...common,
      value: worst.importance,
      ...(worst.ci === undefined ? {} : { ci: worst.ci }),
      ...decided,
      reason: `${worst.feature} (${worst.sensitive === true ? "sensitive" : "proxy"}, drop in ${explanations.metric} ${formatNumber(worst.importance)}): ${decided.reason}${others}`,
    };
  });
}
