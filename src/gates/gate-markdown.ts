/**
 * The gate report as markdown: the sticky PR comment and the job summary. It leads with the verdict,
 * then one table of every gate (status, value, interval, threshold, change against the champion),
 * the metrics, fairness per group with a selection-rate chart, permutation importance (explain-markdown.ts), and the ROC and calibration curves as
 * Mermaid charts — readable in the PR without downloading anything.
 */
import { METRIC_LABELS } from "./evaluate-gates.ts";
import { explanationsMarkdown } from "./explain-markdown.ts";
import { operationalMarkdown } from "./operational-markdown.ts";
import { formatFigure } from "./operational-gates.ts";
import type { FairnessSection, GateReport, GateResult } from "./gate-report-types.ts";
import {
  code,
  details,
  escapeMarkdown,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table,
  xyChart,
} from "../common/markdown.ts";

const RATE_LABELS: Record<string, string> = {
  selection_rate: "Selection rate",
  tpr: "TPR",
  fpr: "FPR",
  fnr: "FNR",
  precision: "Precision",
  accuracy: "Accuracy",
};

/** `= 0.0312`, or `< 0.0001` rather than a bare 0. */
function pValue(p: number): string {
  return p < 1e-4 ? "< 0.0001" : `= ${formatNumber(p, 4)}`;
}

/** Marks an estimate that lies outside its own interval (explained by {@link OUTSIDE_NOTE}). */
const OUTSIDE_MARK = "†";

/**
 * Why an estimate can lie outside its interval. A disparity is a max (or min) over groups: resampling
 * adds noise to every group's rate, and the largest of noisy gaps is on average larger than the
 * largest true gap, so the resampled disparities sit above (a ratio's, below) the estimate. Fairlearn's
 * MetricFrame reports the same percentile interval of resampled differences (`difference_ci`).
 */
const OUTSIDE_NOTE = `${OUTSIDE_MARK} The estimate lies outside its interval: the bootstrap distribution of a max or min over groups is biased (resampling widens the gaps between small groups); the interval is the percentile interval of the resamples, read it as their spread. Gates judge the estimate unless they are set on the interval.`;

/** Whether `value` lies outside `ci`. */
function outside(value: number | null | undefined, ci: readonly [number, number] | undefined): boolean {
  return typeof value === "number" && ci !== undefined && (value < ci[0] || value > ci[1]);
}

/** The interval's cell, marked when the estimate lies outside it. */
function intervalCell(value: number | null | undefined, ci: readonly [number, number] | undefined): string {
  return `${formatInterval(ci)}${outside(value, ci) ? ` ${OUTSIDE_MARK}` : ""}`;
}

function threshold(gate: GateResult): string {
  const { min, max } = gate.threshold;
  if (gate.id.startsWith("champion:fairness:")) return `worsens by ≤ ${formatNumber(max ?? 0)}`;
  if (gate.kind === "champion")
    return `Δ ${min !== undefined ? `≥ −${formatNumber(Math.abs(min))}` : `≤ ${formatNumber(max ?? 0)}`} (${gate.on.replace("_", " ")})`;
  const bound =
    min !== undefined && max !== undefined
      ? `${formatNumber(min)} – ${formatNumber(max)}`
      : min !== undefined
        ? `≥ ${formatNumber(min)}`
        : `≤ ${formatNumber(max)}`;
  return gate.on === "ci" ? `${bound} (CI)` : gate.on === "not_worse" ? `${bound} (not worse)` : bound;
}

function headline(report: GateReport): string {
  const { summary } = report;
  const total = report.gates.length;
  const name = report.modelName === undefined ? "model" : code(report.modelName);
  const title =
    report.verdict === "fail"
      ? `❌ ${name} fails ${summary.fail} of ${total} gate${total === 1 ? "" : "s"}`
      : report.verdict === "warn"
        ? `⚠️ ${name} passes with ${summary.warn + summary.insufficient_data} warning${summary.warn + summary.insufficient_data === 1 ? "" : "s"}`
        : `✅ ${name} passes ${total === 1 ? "its 1 gate" : `all ${total} gates`}`;
  return `### ${title}`;
}

function context(report: GateReport): string {
  const { randomness } = report;
  const files = report.data.files.map((file) => code(file.path)).join(", ");
  const level = `${Math.round(randomness.confidence * 100)}%`;
  const bootstrap =
    randomness.resamples > 0
      ? `${level} intervals from ${randomness.resamples.toLocaleString("en-US")} ${randomness.stratifiedBy === "label" ? "label-stratified " : ""}bootstrap resamples (seed ${randomness.bootstrapSeed})`
      : "no bootstrap intervals (resamples: 0)";
  const positive =
    report.model.task === "binary"
      ? ` Positive class ${code(report.model.positiveLabel ?? "")} at threshold ${report.model.threshold}.`
      : "";
  return `**${report.summary.pass} passed · ${report.summary.warn} warned · ${report.summary.fail} failed · ${report.summary.insufficient_data} without enough data.** Model ${code(report.model.path)} (${report.model.task}, sha256 ${code(report.model.sha256.slice(0, 12))}) on ${report.data.rows.toLocaleString("en-US")} rows of ${files}; ${bootstrap}.${positive}`;
}

function gateTable(report: GateReport): string {
  if (report.gates.length === 0) return "_No gates configured: add `gates` to modelship.yaml to decide on this model._";
  const hasChampion = report.gates.some((gate) => gate.championDelta !== undefined);
  const header = [
    "",
    "Gate",
    "Value",
    `${Math.round(report.randomness.confidence * 100)}% CI`,
    "Threshold",
    ...(hasChampion ? ["Champion Δ"] : []),
    "Why",
  ];
  // Failures first, then warnings and missing data, then passes: the reviewer reads what matters first.
  const order: Record<string, number> = { fail: 0, warn: 1, insufficient_data: 2, pass: 3 };
  const row = (gate: GateResult) => [
    statusIcon(gate.status),
    escapeMarkdown(gate.name),
    gate.kind === "operational" ? formatFigure(gate.value) : formatNumber(gate.value),
    gate.kind === "operational"
      ? gate.ci === undefined
        ? "—"
        : `[${formatFigure(gate.ci[0])}, ${formatFigure(gate.ci[1])}]`
      : intervalCell(gate.value, gate.ci),
    threshold(gate),
    ...(hasChampion ? [formatSigned(gate.championDelta)] : []),
    escapeMarkdown(gate.reason),
  ];
  const align = ["center", "left", "right", "left", "left", ...(hasChampion ? ["right" as const] : []), "left"] as const;
  const sorted = [...report.gates].sort((a, b) => order[a.status]! - order[b.status]!);
  const open = sorted.filter((gate) => gate.status !== "pass");
  const passed = sorted.filter((gate) => gate.status === "pass");
  const note = report.gates.some((gate) => outside(gate.value, gate.ci)) ? OUTSIDE_NOTE : "";
  // With something to look at, the passes fold away; with nothing, they are the table.
  if (open.length === 0) return sections(table(header, passed.map(row), { align: [...align] }), note);
  return sections(
    table(header, open.map(row), { align: [...align] }),
    passed.length === 0
      ? ""
      : details(`✅ ${passed.length} passed gate${passed.length === 1 ? "" : "s"}`, table(header, passed.map(row), { align: [...align] })),
    note,
  );
}

function metricsTable(report: GateReport): string {
  const champion = report.champion;
  const comparisons = new Map(champion?.comparisons.map((comparison) => [comparison.metric, comparison]));
  const header = [
    "Metric",
    "Value",
    `${Math.round(report.randomness.confidence * 100)}% CI`,
    ...(champion ? ["Champion", "Δ", "Δ CI", "Paired test"] : []),
  ];
  const rows = Object.entries(report.metrics).map(([name, estimate]) => {
    const comparison = comparisons.get(name);
    const test =
      comparison?.test === undefined
        ? "—"
        : `${comparison.test.name === "mcnemar" ? `McNemar${comparison.test.method === "exact" ? " (exact)" : ""}` : "DeLong"} p ${pValue(comparison.test.pValue)}`;
    return [
      METRIC_LABELS[name] ?? name,
      formatNumber(estimate.value),
      formatInterval(estimate.ci),
      ...(champion ? [formatNumber(comparison?.champion), formatSigned(comparison?.difference), formatInterval(comparison?.ci), test] : []),
    ];
  });
  return table(header, rows, { align: ["left", "right", "left", ...(champion ? (["right", "right", "left", "left"] as const) : [])] });
}

function fairnessSection(section: FairnessSection, confidence: number): string {
  const rates = Object.keys(section.overall);
  const rows = section.groups.map((group) => [
    `${escapeMarkdown(group.label)}${group.label === section.privileged ? " (privileged)" : ""}`,
    `${formatNumber(group.count)}${group.small ? " ❔" : ""}`,
    ...rates.map((rate) => {
      const ci = group.ci?.[rate];
      return `${formatNumber(group.rates[rate])}${ci === undefined ? "" : ` <sub>[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]</sub>`}`;
    }),
  ]);
  rows.push([
    "**all rows**",
    formatNumber(section.groups.reduce((sum, group) => sum + group.count, 0)),
    ...rates.map((rate) => formatNumber(section.overall[rate])),
  ]);
  const groupsTable = table(["Group", "n", ...rates.map((rate) => RATE_LABELS[rate] ?? rate)], rows, {
    align: ["left", "right", ...rates.map(() => "right" as const)],
  });
  const small = section.groups.filter((group) => group.small);
  const smallNote =
    small.length === 0
      ? ""
      : `❔ ${small.map((group) => escapeMarkdown(group.label)).join(", ")}: too few rows to judge, reported but left out of the disparities.`;
  const disparities = table(
    ["Disparity", "Value", `${Math.round(confidence * 100)}% CI`, "Left out"],
    Object.entries(section.metrics)
      .filter(([, metric]) => metric.value !== null || metric.reason !== "no privileged group configured")
      .map(([name, metric]) => [
        METRIC_LABELS[name] ?? name,
        metric.value === null ? `— ${escapeMarkdown(metric.reason ?? "")}` : formatNumber(metric.value),
        intervalCell(metric.value, metric.ci),
        metric.excluded.length === 0 ? "—" : escapeMarkdown(metric.excluded.map((entry) => `${entry.label} (${entry.reason})`).join("; ")),
      ]),
    { align: ["left", "right", "left", "left"] },
  );
  const shown = section.groups.filter((group) => group.rates.selection_rate !== null).slice(0, 24);
  const chart =
    shown.length > 1
      ? xyChart({
          title: `Selection rate by ${section.grouping}`,
          x: shown.map((group) => group.label),
          yLabel: "selection rate",
          yRange: [0, Math.min(1, Math.max(...shown.map((group) => group.rates.selection_rate ?? 0)) * 1.2 || 1)],
          series: [{ kind: "bar", values: shown.map((group) => group.rates.selection_rate ?? 0) }],
        })
      : "";
  const outsideNote = Object.values(section.metrics).some((metric) => outside(metric.value, metric.ci)) ? OUTSIDE_NOTE : "";
  return sections(`#### Fairness by ${code(section.grouping)}`, groupsTable, smallNote, disparities, outsideNote, chart);
}

/** TPR at evenly spaced FPRs (the ROC curve as a step function), for a chart with a category x axis. */
function rocOnGrid(fpr: number[], tpr: number[], steps = 10): { x: string[]; y: number[] } {
  const x: string[] = [];
  const y: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const at = i / steps;
    let best = 0;
    for (let k = 0; k < fpr.length; k++) if (fpr[k]! <= at + 1e-12) best = Math.max(best, tpr[k]!);
    x.push(at.toFixed(1));
    y.push(best);
  }
  return { x, y };
}

function curves(report: GateReport): string {
  const parts: string[] = [];
  const auc = report.metrics.roc_auc?.value;
  if (report.curves?.roc !== undefined) {
    const grid = rocOnGrid(report.curves.roc.fpr, report.curves.roc.tpr);
    parts.push(
      xyChart({
        title: `ROC curve${auc === null || auc === undefined ? "" : ` (AUC ${formatNumber(auc)})`}`,
        x: grid.x,
        yLabel: "true positive rate",
        yRange: [0, 1],
        series: [
          { kind: "line", values: grid.y },
          { kind: "line", values: grid.x.map(Number) },
        ],
      }),
    );
  }
  const calibration = report.curves?.calibration;
  if (calibration !== undefined && calibration.meanPredicted.length > 1) {
    const ece = report.metrics.ece?.value;
    parts.push(
      xyChart({
        title: `Calibration${ece === null || ece === undefined ? "" : ` (ECE ${formatNumber(ece)})`}: observed vs predicted`,
        x: calibration.meanPredicted.map((mean) => mean.toFixed(2)),
        yLabel: "observed share positive",
        yRange: [0, 1],
        series: [
          { kind: "bar", values: calibration.fractionPositive },
          { kind: "line", values: calibration.meanPredicted },
        ],
      }),
    );
    parts.push(
      "_Bars: observed share of positives per bin; line: the mean predicted probability (a calibrated model's bars meet the line)._",
    );
  }
  return parts.length === 0 ? "" : sections("#### Curves", ...parts);
}

function confusion(report: GateReport): string {
  const matrix = report.confusionMatrix;
  if (matrix === undefined) return "";
  const rows = matrix.labels.map((label, i) => [`**${escapeMarkdown(label)}**`, ...matrix.matrix[i]!.map((count) => formatNumber(count))]);
  return details(
    "Confusion matrix (rows: true class, columns: predicted)",
    table(["", ...matrix.labels.map(escapeMarkdown)], rows, { align: ["left", ...matrix.labels.map(() => "right" as const)] }),
  );
}

function footer(report: GateReport, runUrl?: string): string {
  const parts = [
    `policy ${report.policy.source === undefined ? "defaults" : code(report.policy.source)} (sha256 ${code(report.policy.sha256.slice(0, 12))})`,
    `onnxruntime ${report.environment.onnxruntime}`,
    `Node ${report.environment.node}`,
    `modelship ${report.tool.version}`,
  ];
  if (runUrl !== undefined) parts.push(`[workflow run](${runUrl})`);
  return `<sub>${parts.join(" · ")}. The full report is \`gate-report.json\`.</sub>`;
}

/** The whole gate report as markdown. */
export function renderGateReport(report: GateReport, options: { runUrl?: string } = {}): string {
  const champion =
    report.champion === undefined
      ? ""
      : `Compared with the champion ${code(report.champion.path)} (${escapeMarkdown(report.champion.source)}, sha256 ${code(report.champion.sha256.slice(0, 12))}) on the same rows: differences are challenger − champion, with paired bootstrap intervals.`;
  return sections(
    headline(report),
    context(report),
    gateTable(report),
    champion,
    details("Metrics", metricsTable(report), report.verdict !== "pass"),
    ...report.fairness.map((section) => fairnessSection(section, report.randomness.confidence)),
    explanationsMarkdown(report.explanations),
    operationalMarkdown(report.operational),
    report.notes.length === 0 ? "" : report.notes.map((note) => `> ℹ️ ${escapeMarkdown(note)}`).join("\n"),
    curves(report),
    confusion(report),
    footer(report, options.runUrl),
  );
}
