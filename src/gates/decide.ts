/**
 * Turns observed values into gate statuses. One rule for every gate: a value that cannot be computed
 * is `insufficient_data` (never a pass, never a fail), and a failed check is `fail` or `warn` by the
 * gate's severity. The verdict is the worst status that counts.
 */
import type { ChampionRequire, GateOn, Severity, Threshold } from "./policy.ts";
import { failsOn, type FailOn } from "../common/fail-on.ts";
import { formatNumber } from "../common/markdown.ts";
import type { GateResult, GateStatus, Verdict } from "./gate-report-types.ts";

/** "≥ 0.85", "≤ 0.1", "between 0.2 and 0.4". */
export function describeThreshold(threshold: Threshold): string {
  if (threshold.min !== undefined && threshold.max !== undefined)
    return `between ${formatNumber(threshold.min)} and ${formatNumber(threshold.max)}`;
  return threshold.min !== undefined ? `≥ ${formatNumber(threshold.min)}` : `≤ ${formatNumber(threshold.max)}`;
}

export interface ThresholdCheck {
  value: number | undefined;
  ci?: [number, number];
  /** Why the value is undefined. */
  reason?: string;
  threshold: Threshold;
  on: GateOn;
  severity: Severity;
  confidence: number;
}

/** Decides a threshold gate; returns the status, the value compared, and a reason people can read. */
export function checkThreshold(check: ThresholdCheck): Pick<GateResult, "status" | "observed" | "reason"> {
  const { value, ci, threshold, on, severity } = check;
  if (value === undefined || Number.isNaN(value))
    return { status: "insufficient_data", observed: null, reason: check.reason ?? "the value could not be computed" };
  const level = `${Math.round(check.confidence * 100)}% CI`;
  if (on === "ci" && ci === undefined)
    return {
      status: "insufficient_data",
      observed: null,
      reason: `no ${level} (the bootstrap is off, or the metric is undefined on too many resamples)`,
    };
  const low = on === "ci" ? ci![0] : value;
  const high = on === "ci" ? ci![1] : value;
  const failures: string[] = [];
  if (threshold.min !== undefined && low < threshold.min)
    failures.push(`${on === "ci" ? `lower ${level} bound ` : ""}${formatNumber(low)} < ${formatNumber(threshold.min)}`);
  if (threshold.max !== undefined && high > threshold.max)
    failures.push(`${on === "ci" ? `upper ${level} bound ` : ""}${formatNumber(high)} > ${formatNumber(threshold.max)}`);
  // The value compared: the binding bound when gating on the CI.
  const observed = on === "ci" ? (threshold.min !== undefined && (threshold.max === undefined || low < threshold.min) ? low : high) : value;
  if (failures.length === 0)
    return {
      status: "pass",
      observed,
      reason: `${on === "ci" ? `the ${level} [${formatNumber(low)}, ${formatNumber(high)}]` : formatNumber(value)} is ${describeThreshold(threshold)}`,
    };
  return { status: severity === "fail" ? "fail" : "warn", observed, reason: failures.join("; ") };
}

export interface ChampionCheck {
  /** challenger − champion. */
  difference: number | undefined;
  ci?: [number, number];
  higherIsBetter: boolean;
  margin: number;
  require: ChampionRequire;
  severity: Severity;
  confidence: number;
  reason?: string;
}

/**
 * Non-inferiority against the champion. With d = the improvement (challenger − champion, sign-flipped
 * for metrics where lower is better): `not_worse` fails only when the whole CI of d is below −margin;
 * `non_inferior` passes only when the whole CI is above −margin; `point` compares d itself.
 */
export function checkChampion(check: ChampionCheck): Pick<GateResult, "status" | "observed" | "reason"> {
  const { difference, ci, margin, require, severity } = check;
  if (difference === undefined || Number.isNaN(difference))
    return { status: "insufficient_data", observed: null, reason: check.reason ?? "the difference could not be computed" };
  const sign = check.higherIsBetter ? 1 : -1;
  const improvement = sign * difference;
  const level = `${Math.round(check.confidence * 100)}% CI`;
  const fail = (reason: string, observed: number) => ({ status: (severity === "fail" ? "fail" : "warn") as GateStatus, observed, reason });
  if (require === "point") {
    return improvement >= -margin
      ? { status: "pass", observed: difference, reason: `Δ ${formatNumber(difference)} is within the margin ${formatNumber(margin)}` }
      : fail(`Δ ${formatNumber(difference)} is worse than the margin ${formatNumber(margin)}`, difference);
  }
  if (ci === undefined)
    return {
      status: "insufficient_data",
      observed: null,
      reason: `no ${level} of the difference (the bootstrap is off, or undefined on too many resamples)`,
    };
  const [lo, hi] = sign === 1 ? ci : ([-ci[1], -ci[0]] as [number, number]);
  const shown = `Δ ${formatNumber(difference)}, ${level} [${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
  if (require === "not_worse") {
    return hi < -margin
      ? fail(`${shown}: worse than the champion beyond the margin ${formatNumber(margin)}`, sign === 1 ? ci[1] : ci[0])
      : {
          status: "pass",
          observed: sign === 1 ? ci[1] : ci[0],
          reason: `${shown}: not shown to be worse by more than ${formatNumber(margin)}`,
        };
  }
  return lo >= -margin
    ? { status: "pass", observed: sign === 1 ? ci[0] : ci[1], reason: `${shown}: within the margin ${formatNumber(margin)}` }
    : fail(`${shown}: not shown to be within the margin ${formatNumber(margin)}`, sign === 1 ? ci[0] : ci[1]);
}

/** Counts per status. */
export function summarize(gates: GateResult[]): Record<GateStatus, number> {
  const summary: Record<GateStatus, number> = { pass: 0, warn: 0, fail: 0, insufficient_data: 0 };
  for (const gate of gates) summary[gate.status]++;
  return summary;
}

/** fail when a gate fails; warn when one warns or lacks data; else pass. */
export function verdictOf(gates: GateResult[]): Verdict {
  if (gates.some((gate) => gate.status === "fail")) return "fail";
  if (gates.some((gate) => gate.status === "warn" || gate.status === "insufficient_data")) return "warn";
  return "pass";
}

/** The gates' fail-on: `fail` fails on a failed gate, `warn` on a warning too. */
export type GateFailOn = FailOn<"fail" | "warn">;

/** Whether the job passes under `fail-on`. */
export function passes(verdict: Verdict, failOn: GateFailOn): boolean {
  return !failsOn(["fail", "warn"], failOn, verdict === "pass" ? "ok" : verdict);
}
