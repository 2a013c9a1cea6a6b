import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  describeThreshold
} from "./chunk-DPH7L46L.js";
import {
  CHAMPION_RATIOS
} from "./chunk-YVAZ7I5R.js";
import {
  code,
  escapeMarkdown,
  formatSignificant,
  sections,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";

// src/gates/operational-gates.ts
var OPERATIONAL_LABELS = {
  latency_p50_ms: "Latency p50 (ms)",
  latency_p95_ms: "Latency p95 (ms)",
  latency_p99_ms: "Latency p99 (ms)",
  throughput_rows_per_s: "Throughput (rows/s)",
  model_size_mb: "Model size (MB)",
  parameters: "Parameters",
  load_time_ms: "Session load time (ms)",
  peak_memory_mb: "Peak memory (MB)",
  latency_ratio_vs_champion: "Latency \xF7 champion's",
  throughput_ratio_vs_champion: "Throughput \xF7 champion's"
};
var LATENCY_KEYS = { latency_p50_ms: "p50Ms", latency_p95_ms: "p95Ms", latency_p99_ms: "p99Ms" };
function figureOf(gate, section) {
  const model = section.challenger;
  const atBatch = (list) => list.findIndex((entry) => entry.batch === gate.batch);
  switch (gate.metric) {
    case "model_size_mb":
      return { value: model.sizeMb };
    case "parameters":
      return model.parameters === null ? "the model's graph could not be read, so its weights were not counted" : { value: model.parameters };
    case "load_time_ms":
      return { value: model.loadMs };
    case "peak_memory_mb":
      return { value: model.peakMemoryMb };
    case "latency_p50_ms":
    case "latency_p95_ms":
    case "latency_p99_ms":
    case "throughput_rows_per_s": {
      const latency = model.latency[atBatch(model.latency)];
      if (latency === void 0) return `batch ${gate.batch} was not timed (see the notes)`;
      return gate.metric === "throughput_rows_per_s" ? latency.throughputRowsPerS : latency[LATENCY_KEYS[gate.metric]];
    }
    case "latency_ratio_vs_champion":
    case "throughput_ratio_vs_champion": {
      const ratios = section.ratios?.[atBatch(section.ratios)];
      if (ratios === void 0) return `batch ${gate.batch} was not timed for both models (see the notes)`;
      if (gate.metric === "throughput_ratio_vs_champion") return ratios.throughput;
      return ratios[`p${gate.percentile ?? 50}`];
    }
  }
}
function gateName(gate, confidence) {
  let label = OPERATIONAL_LABELS[gate.metric];
  if (gate.metric === "latency_ratio_vs_champion") label = `Latency p${gate.percentile ?? 50} \xF7 champion's`;
  const batch = gate.batch === void 0 ? "" : ` at batch ${gate.batch}`;
  const level = `${Math.round(confidence * 100)}% CI`;
  const bound = gate.on === "ci" ? ` (${gate.min !== void 0 ? "lower" : "upper"} ${level} bound)` : gate.on === "not_worse" ? ` (fails only when the whole ${level} is past it)` : "";
  return `${label}${batch} ${describeThreshold(gate)}${bound}`;
}
function gateId(gate) {
  const parts = ["operational", gate.metric];
  if (gate.metric === "latency_ratio_vs_champion") parts.push(`p${gate.percentile ?? 50}`);
  if (gate.batch !== void 0) parts.push(`batch${gate.batch}`);
  return parts.join(":");
}
function evaluateOperationalGates(inputs) {
  const { section, confidence } = inputs;
  const skipped = [];
  const gates = [];
  for (const gate of inputs.gates) {
    if (CHAMPION_RATIOS.has(gate.metric) && section.champion === void 0) {
      skipped.push({ gate, why: "no champion was measured" });
      continue;
    }
    const threshold = { ...gate.min === void 0 ? {} : { min: gate.min }, ...gate.max === void 0 ? {} : { max: gate.max } };
    const figure = figureOf(gate, section);
    if (inputs.defaults === true && gate.on !== "point" && (typeof figure === "string" || figure.ci === void 0)) {
      skipped.push({ gate, why: typeof figure === "string" ? figure : "its figure has no interval (bootstrap.resamples is 0)" });
      continue;
    }
    const calls = section.challenger.latency.find((entry) => entry.batch === gate.batch)?.calls;
    const common = {
      id: gateId(gate),
      kind: "operational",
      name: gateName(gate, confidence),
      metric: gate.metric,
      threshold,
      on: gate.on,
      // n: the timed calls the figure comes from (one measurement for size, load time and memory).
      n: calls ?? 1,
      severity: gate.severity
    };
    if (typeof figure === "string") {
      gates.push({ ...common, observed: null, value: null, status: "insufficient_data", reason: figure });
      continue;
    }
    gates.push({
      ...common,
      value: figure.value,
      ...figure.ci === void 0 ? {} : { ci: figure.ci },
      ...judge(figure, gate, threshold, section, confidence)
    });
  }
  return { gates, skipped };
}
function judge(figure, gate, threshold, section, confidence) {
  const { value, ci } = figure;
  if (value === null) return { status: "insufficient_data", observed: null, reason: "the figure could not be computed" };
  const level = `${Math.round(confidence * 100)}% CI`;
  if (gate.on !== "point" && ci === void 0)
    return {
      status: "insufficient_data",
      observed: null,
      reason: section.method.rounds < 2 ? "one round of measurement gives no interval: set operational.rounds \u2265 2, or judge the value (on: point)" : "no interval: bootstrap.resamples is 0 (set it, e.g. 2000, or judge the value with on: point)"
    };
  const strict = gate.on === "ci";
  const againstMin = gate.on === "point" ? value : strict ? ci[0] : ci[1];
  const againstMax = gate.on === "point" ? value : strict ? ci[1] : ci[0];
  const failures = [];
  const which = (side) => gate.on === "point" ? "" : `${side} ${level} bound `;
  if (threshold.min !== void 0 && againstMin < threshold.min)
    failures.push(`${which(strict ? "lower" : "upper")}${formatFigure(againstMin)} < ${formatFigure(threshold.min)}`);
  if (threshold.max !== void 0 && againstMax > threshold.max)
    failures.push(`${which(strict ? "upper" : "lower")}${formatFigure(againstMax)} > ${formatFigure(threshold.max)}`);
  const observed = threshold.min !== void 0 && (threshold.max === void 0 || againstMin < threshold.min) ? againstMin : againstMax;
  const shown = gate.on === "point" ? formatFigure(value) : `the ${level} [${formatFigure(ci[0])}, ${formatFigure(ci[1])}]`;
  if (failures.length === 0) {
    const passes = gate.on === "not_worse" ? `is not wholly past ${describeThreshold(threshold)}` : `is ${describeThreshold(threshold)}`;
    return { status: "pass", observed, reason: `${shown} ${passes}` };
  }
  return { status: gate.severity === "fail" ? "fail" : "warn", observed, reason: failures.join("; ") };
}
function describeOperationalGate(gate) {
  return `${gate.metric}${gate.batch === void 0 ? "" : ` at batch ${gate.batch}`} ${describeThreshold(gate)}`;
}
function formatFigure(value) {
  if (value === null || value === void 0 || Number.isNaN(value)) return "\u2014";
  return Math.abs(value) >= 1e3 ? Math.round(value).toLocaleString("en-US") : formatSignificant(value);
}
function formatMeasured(figure) {
  if (figure === void 0) return "\u2014";
  const ci = figure.ci === void 0 ? "" : ` [${formatFigure(figure.ci[0])}, ${formatFigure(figure.ci[1])}]`;
  return `${formatFigure(figure.value)}${ci}`;
}

// src/gates/operational-markdown.ts
function environmentLine(section) {
  const { environment } = section;
  const threads = environment.threads === "default" ? "threads: onnxruntime's default" : `${environment.threads} thread${environment.threads === 1 ? "" : "s"}`;
  return `${environment.cpu}, ${environment.logicalCpus} logical CPUs, onnxruntime ${environment.onnxruntime} (${threads}), ${environment.platform}`;
}
function methodLine(section) {
  const { method } = section;
  const intervals = method.resamples > 0 ? `; ${Math.round(method.confidence * 100)}% intervals: bootstrap over the rounds${method.interleaved ? " (paired for the ratios)" : ""}` : method.rounds < 2 ? "; one round, so no intervals" : "; no intervals (bootstrap.resamples is 0)";
  const interleaved = method.interleaved ? ", the champion timed in the same rounds in alternating order" : "";
  return `${method.rounds} rounds \xD7 ${method.callsPerRound} calls per batch size after ${method.warmup} warm-up calls${interleaved}${intervals}`;
}
var LATENCY_ROWS = [
  ["latency p50 (ms)", (latency) => latency.p50Ms],
  ["latency p95 (ms)", (latency) => latency.p95Ms],
  ["latency p99 (ms)", (latency) => latency.p99Ms],
  ["throughput (rows/s)", (latency) => latency.throughputRowsPerS]
];
var RATIO_KEYS = ["p50", "p95", "p99", "throughput"];
function operationalMarkdown(section) {
  if (section === void 0) return "";
  const champion = section.champion;
  const single = (label, pick) => {
    const ours = pick(section.challenger);
    const theirs = champion === void 0 ? null : pick(champion);
    const ratio = ours !== null && theirs !== null && theirs > 0 ? formatFigure(ours / theirs) : "\u2014";
    return [label, formatFigure(ours), ...champion === void 0 ? [] : [formatFigure(theirs), ratio]];
  };
  const rows = [
    single("Size (MB)", (figures2) => figures2.sizeMb),
    single("Parameters", (figures2) => figures2.parameters),
    single("Session load (ms)", (figures2) => figures2.loadMs),
    single("Peak memory (MB)", (figures2) => figures2.peakMemoryMb)
  ];
  for (const latency of section.challenger.latency) {
    const theirs = champion?.latency.find((entry) => entry.batch === latency.batch);
    const ratios = section.ratios?.find((entry) => entry.batch === latency.batch);
    LATENCY_ROWS.forEach(([label, pick], i) => {
      rows.push([
        `Batch ${latency.batch}: ${label}`,
        formatMeasured(pick(latency)),
        ...champion === void 0 ? [] : [formatMeasured(theirs && pick(theirs)), formatMeasured(ratios?.[RATIO_KEYS[i]])]
      ]);
    });
  }
  const headers = ["", "Challenger", ...champion === void 0 ? [] : ["Champion", "Ratio"]];
  const figures = table(headers, rows, { align: ["left", "right", ...champion === void 0 ? [] : ["right", "right"]] });
  const one = section.challenger.latency.find((entry) => entry.batch === 1);
  const theirsOne = champion?.latency.find((entry) => entry.batch === 1);
  const values = (latency) => [latency.p50Ms.value ?? 0, latency.p95Ms.value ?? 0, latency.p99Ms.value ?? 0];
  const top = Math.max(...one === void 0 ? [] : values(one), ...theirsOne === void 0 ? [] : values(theirsOne));
  const chart = one === void 0 ? "" : sections(
    xyChart({
      title: "Latency per call at batch 1 (ms)",
      x: ["p50", "p95", "p99"],
      yLabel: "milliseconds",
      yRange: [0, Number((top * 1.2).toPrecision(2)) || 1],
      series: [
        { kind: "bar", values: values(one) },
        ...theirsOne === void 0 ? [] : [{ kind: "line", values: values(theirsOne) }]
      ]
    }),
    theirsOne === void 0 ? "" : "_Bars: the challenger; line: the champion._"
  );
  const notes = section.notes.map((note) => `> \u2139\uFE0F ${escapeMarkdown(note)}`).join("\n");
  return sections(
    "#### Operational (onnxruntime on the runner)",
    `Measured on ${escapeMarkdown(environmentLine(section))}: ${escapeMarkdown(methodLine(section))}. ${champion === void 0 ? "Absolute times move with the runner: a champion timed in the same job gives ratios, which move much less" : "Ratios are challenger \xF7 champion (latency above 1: slower); absolute times move with the runner, ratios much less"}. Read memory as a floor for the serving runtime, not its figure. The figures are in ${code("gate-report.json")} under ${code("operational")}.`,
    figures,
    notes,
    chart
  );
}

export {
  evaluateOperationalGates,
  describeOperationalGate,
  formatFigure,
  formatMeasured,
  environmentLine,
  operationalMarkdown
};
