/**
 * Gates on the operational figures (docs/gates.md#operational-gates): latency percentiles and
 * throughput at a batch size, size, parameters, load time and peak memory, and the challenger ÷
 * champion ratios measured in the same job. Latency and throughput figures carry intervals over the
 * measurement rounds, so `on: ci` judges the interval's bound, as quality gates do.
 */
import { formatSignificant } from "../common/markdown.ts";
import { describeThreshold } from "./decide.ts";
import type { GateResult, LatencyFigures, MeasuredFigure, OperationalSection } from "./gate-report-types.ts";
import { CHAMPION_RATIOS, type OperationalGate, type OperationalMetricName } from "./policy.ts";

/** People's names for the operational metrics. */
export const OPERATIONAL_LABELS: Record<OperationalMetricName, string> = {
  latency_p50_ms: "Latency p50 (ms)",
  latency_p95_ms: "Latency p95 (ms)",
  latency_p99_ms: "Latency p99 (ms)",
  throughput_rows_per_s: "Throughput (rows/s)",
  model_size_mb: "Model size (MB)",
  parameters: "Parameters",
  load_time_ms: "Session load time (ms)",
  peak_memory_mb: "Peak memory (MB)",
  latency_ratio_vs_champion: "Latency ÷ champion's",
  throughput_ratio_vs_champion: "Throughput ÷ champion's",
};

const LATENCY_KEYS = { latency_p50_ms: "p50Ms", latency_p95_ms: "p95Ms", latency_p99_ms: "p99Ms" } as const;

/** The figure a gate judges, or why there is none. */
function figureOf(gate: OperationalGate, section: OperationalSection): MeasuredFigure | string {
  const model = section.challenger;
  const atBatch = (list: { batch: number }[]): number => list.findIndex((entry) => entry.batch === gate.batch);
  switch (gate.metric) {
    case "model_size_mb":
      return { value: model.sizeMb };
    case "parameters":
      return model.parameters === null
        ? "the model's graph could not be read, so its weights were not counted"
        : { value: model.parameters };
    case "load_time_ms":
      return { value: model.loadMs };
    case "peak_memory_mb":
      return { value: model.peakMemoryMb };
    case "latency_p50_ms":
    case "latency_p95_ms":
    case "latency_p99_ms":
    case "throughput_rows_per_s": {
      const latency: LatencyFigures | undefined = model.latency[atBatch(model.latency)];
      if (latency === undefined) return `batch ${gate.batch} was not timed (see the notes)`;
      return gate.metric === "throughput_rows_per_s" ? latency.throughputRowsPerS : latency[LATENCY_KEYS[gate.metric]];
    }
    case "latency_ratio_vs_champion":
    case "throughput_ratio_vs_champion": {
      const ratios = section.ratios?.[atBatch(section.ratios)];
      if (ratios === undefined) return `batch ${gate.batch} was not timed for both models (see the notes)`;
      if (gate.metric === "throughput_ratio_vs_champion") return ratios.throughput;
      return ratios[`p${gate.percentile ?? 50}`];
    }
  }
}

/** What the gate's row says it judges, e.g. "Latency p95 (ms) at batch 1 ≤ 5 (upper 95% CI bound)". */
function gateName(gate: OperationalGate, confidence: number): string {
  let label = OPERATIONAL_LABELS[gate.metric];
  if (gate.metric === "latency_ratio_vs_champion") label = `Latency p${gate.percentile ?? 50} ÷ champion's`;
  const batch = gate.batch === undefined ? "" : ` at batch ${gate.batch}`;
  const level = `${Math.round(confidence * 100)}% CI`;
  const bound =
    gate.on === "ci"
      ? ` (${gate.min !== undefined ? "lower" : "upper"} ${level} bound)`
      : gate.on === "not_worse"
        ? ` (fails only when the whole ${level} is past it)`
        : "";
  return `${label}${batch} ${describeThreshold(gate)}${bound}`;
}

function gateId(gate: OperationalGate): string {
  const parts = ["operational", gate.metric];
  if (gate.metric === "latency_ratio_vs_champion") parts.push(`p${gate.percentile ?? 50}`);
  if (gate.batch !== undefined) parts.push(`batch${gate.batch}`);
  return parts.join(":");
}

/**
 * One GateResult per operational gate. Gates on a ratio to the champion are left out when no champion
 * was measured (returned in `skipped`, for a note), as the champion rules are before the first release.
 */
export function evaluateOperationalGates(inputs: {
  gates: readonly OperationalGate[];
  section: OperationalSection;
  confidence: number;
  /** True when the gates are the policy's defaults: a default gate with nothing to judge is skipped, not insufficient_data. */
  defaults?: boolean;
}): {
  gates: GateResult[];
  skipped: { gate: OperationalGate; why: string }[];
} {
  const { section, confidence } = inputs;
  const skipped: { gate: OperationalGate; why: string }[] = [];
  const gates: GateResult[] = [];
  for (const gate of inputs.gates) {
    if (CHAMPION_RATIOS.has(gate.metric) && section.champion === undefined) {
      skipped.push({ gate, why: "no champion was measured" });
      continue;
    }
    const threshold = { ...(gate.min === undefined ? {} : { min: gate.min }), ...(gate.max === undefined ? {} : { max: gate.max }) };
    const figure = figureOf(gate, section);
    if (inputs.defaults === true && gate.on !== "point" && (typeof figure === "string" || figure.ci === undefined)) {
      skipped.push({ gate, why: typeof figure === "string" ? figure : "its figure has no interval (bootstrap.resamples is 0)" });
      continue;
    }
    const calls = section.challenger.latency.find((entry) => entry.batch === gate.batch)?.calls;
    const common = {
      id: gateId(gate),
      kind: "operational" as const,
      name: gateName(gate, confidence),
      metric: gate.metric,
      threshold,
      on: gate.on,
      // n: the timed calls the figure comes from (one measurement for size, load time and memory).
      n: calls ?? 1,
      severity: gate.severity,
    };
    if (typeof figure === "string") {
      gates.push({ ...common, observed: null, value: null, status: "insufficient_data", reason: figure });
      continue;
    }
    gates.push({
      ...common,
      value: figure.value,
      ...(figure.ci === undefined ? {} : { ci: figure.ci }),
      ...judge(figure, gate, threshold, section, confidence),
    });
  }
  return { gates, skipped };
}

/**
 * The status, the value compared and why. `point` judges the value; `ci` the bound on the failing
 * side (lower for min, upper for max); `not_worse` the bound on the passing side, so only an interval
 * wholly past the threshold fails.
 */
function judge(
  figure: MeasuredFigure,
  gate: OperationalGate,
  threshold: { min?: number; max?: number },
  section: OperationalSection,
  confidence: number,
): Pick<GateResult, "status" | "observed" | "reason"> {
  const { value, ci } = figure;
  if (value === null) return { status: "insufficient_data", observed: null, reason: "the figure could not be computed" };
  const level = `${Math.round(confidence * 100)}% CI`;
  if (gate.on !== "point" && ci === undefined)
    return {
      status: "insufficient_data",
      observed: null,
      reason:
        section.method.rounds < 2
          ? "one round of measurement gives no interval: set operational.rounds ≥ 2, or judge the value (on: point)"
          : "no interval: bootstrap.resamples is 0 (set it, e.g. 2000, or judge the value with on: point)",
    };
  const strict = gate.on === "ci";
  // The value compared with each side of the threshold.
  const againstMin = gate.on === "point" ? value : strict ? ci![0] : ci![1];
  const againstMax = gate.on === "point" ? value : strict ? ci![1] : ci![0];
  const failures: string[] = [];
  const which = (side: "lower" | "upper") => (gate.on === "point" ? "" : `${side} ${level} bound `);
  if (threshold.min !== undefined && againstMin < threshold.min)
    failures.push(`${which(strict ? "lower" : "upper")}${formatFigure(againstMin)} < ${formatFigure(threshold.min)}`);
  if (threshold.max !== undefined && againstMax > threshold.max)
    failures.push(`${which(strict ? "upper" : "lower")}${formatFigure(againstMax)} > ${formatFigure(threshold.max)}`);
  const observed = threshold.min !== undefined && (threshold.max === undefined || againstMin < threshold.min) ? againstMin : againstMax;
  const shown = gate.on === "point" ? formatFigure(value) : `the ${level} [${formatFigure(ci![0])}, ${formatFigure(ci![1])}]`;
  if (failures.length === 0) {
    const passes = gate.on === "not_worse" ? `is not wholly past ${describeThreshold(threshold)}` : `is ${describeThreshold(threshold)}`;
    return { status: "pass", observed, reason: `${shown} ${passes}` };
  }
  return { status: gate.severity === "fail" ? "fail" : "warn", observed, reason: failures.join("; ") };
}

/** "latency_ratio_vs_champion ≤ 1.2" for a skipped gate's note. */
export function describeOperationalGate(gate: OperationalGate): string {
  return `${gate.metric}${gate.batch === undefined ? "" : ` at batch ${gate.batch}`} ${describeThreshold(gate)}`;
}

/** A number for the operational section: three significant digits, thousands in full (12,345 rows/s). */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en-US") : formatSignificant(value);
}

/** A figure with its interval: "0.0551 [0.054, 0.0584]". */
export function formatMeasured(figure: { value: number | null; ci?: [number, number] } | undefined): string {
  if (figure === undefined) return "—";
  const ci = figure.ci === undefined ? "" : ` [${formatFigure(figure.ci[0])}, ${formatFigure(figure.ci[1])}]`;
  return `${formatFigure(figure.value)}${ci}`;
}
