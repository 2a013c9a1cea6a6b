import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  failsOn
} from "./chunk-GKTFBMQJ.js";
import {
  code,
  details,
  escapeMarkdown,
  formatNumber,
  formatPercent,
  formatSignificant,
  sections,
  statusIcon,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";

// src/drift/report-types.ts
var DRIFT_REPORT_SCHEMA = "modelship/drift-report@1";
function driftFails(status, failOn) {
  return failsOn(["drift", "warn"], failOn, status === "insufficient_data" ? "warn" : status);
}
var EFFECT_LABELS = { wasserstein_norm: "W/\u03C3", tvd: "TVD", cohens_h: "Cohen's h" };

// src/drift/drift-markdown.ts
var CHARTS = 3;
var WEIGHTS_SHOWN = 5;
var ORDER = { drift: 0, warn: 1, insufficient_data: 2, ok: 3 };
var METHOD_NAMES = {
  ks: "KS",
  l2: "\u21132 homogeneity",
  chisquare: "\u03C7\xB2 homogeneity",
  chisquare_gof: "\u03C7\xB2 goodness of fit",
  z: "two-proportion z",
  wasserstein: "Wasserstein / \u03C3",
  jensenshannon: "Jensen\u2013Shannon",
  psi: "PSI"
};
function driftIcon(status) {
  const mapped = { ok: "pass", warn: "warn", drift: "fail", insufficient_data: "insufficient_data" };
  return statusIcon(mapped[status]);
}
var HEADLINES = {
  drift: "Drift detected",
  warn: "Some columns moved (below the dataset threshold)",
  ok: "No drift",
  insufficient_data: "Not enough data to judge drift"
};
function statisticCell(column) {
  const method = column.method;
  if (method === void 0) return "\u2014";
  const name = METHOD_NAMES[method.method] ?? method.method;
  const approx = method.approximate ? " \u2248" : "";
  if (method.p_value !== void 0) {
    const adjusted = method.p_adjusted !== void 0 && method.p_adjusted !== method.p_value ? ` (adj. ${formatSignificant(method.p_adjusted)})` : "";
    const effect = method.effect !== void 0 && method.margin !== void 0 && method.effect_measure !== void 0 ? `; ${EFFECT_LABELS[method.effect_measure]} ${formatNumber(method.effect, 3)} (margin ${formatNumber(method.margin)})` : "";
    return `${name}${approx}: p ${formatSignificant(method.p_value)}${adjusted}${effect}`;
  }
  return `${name}${approx}: ${formatNumber(method.statistic ?? Number.POSITIVE_INFINITY, 4)} (\u2265 ${formatNumber(method.threshold)} drifts)`;
}
function columnRow(column) {
  const role = column.counted ? "" : ` _(${column.roles.join(", ")})_`;
  return [
    `${driftIcon(column.status)} ${code(column.name)}${role}`,
    statisticCell(column),
    formatNumber(column.statistics.psi, 3),
    `${formatPercent(column.null_rate.reference)} \u2192 ${formatPercent(column.null_rate.current)}`,
    escapeMarkdown(column.reason)
  ];
}
function severity(column) {
  const s = column.statistics;
  return Math.max(s.jensenshannon ?? 0, s.wasserstein_norm ?? 0, s.tvd ?? 0, s.psi ?? 0, s.ks_d ?? 0);
}
function byConcern(a, b) {
  return ORDER[a.status] - ORDER[b.status] || severity(b) - severity(a) || (a.name < b.name ? -1 : 1);
}
function chart(column) {
  const view = column.distribution;
  if (view === void 0 || view.labels.length === 0) return void 0;
  const peak = Math.max(...view.reference, ...view.current);
  return sections(
    `**${escapeMarkdown(column.name)}**: reference (bars) and current (line), share of values`,
    xyChart({
      title: `${column.name}: reference vs current`,
      x: view.labels,
      yLabel: "share",
      yRange: [0, Math.min(1, Math.ceil(peak * 20) / 20 || 1)],
      series: [
        { kind: "bar", values: view.reference },
        { kind: "line", values: view.current }
      ]
    })
  );
}
function weightedFeatures(report) {
  const source = report.weights_source;
  if (source !== "importance" && source !== "config") return void 0;
  const features = report.columns.filter((column) => column.counted).sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : 1));
  if (features.length === 0) return void 0;
  const model = report.model;
  const release = model?.version === void 0 ? "" : ` (release ${model.name}@${model.version})`;
  return {
    by: source === "importance" ? `the model's permutation importance${release}` : "drift.weights in modelship.yaml",
    top: features.slice(0, WEIGHTS_SHOWN),
    more: Math.max(0, features.length - WEIGHTS_SHOWN)
  };
}
function weightsLine(report) {
  const weighted = weightedFeatures(report);
  if (weighted === void 0) return void 0;
  const top = weighted.top.map((column) => `${code(column.name)} ${column.weight.toFixed(2)} ${driftIcon(column.status)}`);
  const more = weighted.more === 0 ? "" : `, and ${weighted.more} more`;
  return `Weighted by ${escapeMarkdown(weighted.by)}: ${top.join(", ")}${more}.`;
}
function renderDriftReport(report, options = {}) {
  const h = "#".repeat(options.headingLevel ?? 2);
  const model = report.model === void 0 ? "" : ` \u2014 ${code(`${report.model.name}${report.model.version === void 0 ? "" : `@${report.model.version}`}`)}`;
  const where = report.environment === void 0 ? "" : ` in ${escapeMarkdown(report.environment)}`;
  const counted = report.columns.filter((column) => column.counted);
  const summary = [
    `**${driftIcon(report.status)} ${HEADLINES[report.status]}**: ${report.drifted_columns.length} of ${report.columns_checked} feature column(s) drifted (share ${formatNumber(report.share, 3)}; the dataset drifts at \u2265 ${formatNumber(report.settings.share)}).`,
    `Reference: ${escapeMarkdown(report.reference.source)} (${formatNumber(report.reference.rows)} rows). Current: ${report.current.sources.map((source) => escapeMarkdown(source)).join(", ") || "\u2014"} (${formatNumber(report.current.rows)} rows). Mode ${code(report.mode)}, correction ${code(report.settings.correction)}.`
  ];
  const weights = weightsLine(report);
  if (weights !== void 0) summary.push(weights);
  const performance = report.performance;
  if (performance !== void 0)
    summary.push(
      `${driftIcon(performance.status)} **Performance** on ${formatNumber(performance.n)} labelled current row(s): accuracy ${formatNumber(performance.current, 4)}${performance.reference === void 0 ? "" : ` (reference ${formatNumber(performance.reference, 4)})`}. ${escapeMarkdown(performance.reason)}`
    );
  if (report.current.rows === 0) summary.push("The current data has no rows: nothing was compared, and this is not a pass.");
  const insufficient = counted.filter((column) => column.status === "insufficient_data");
  if (insufficient.length > 0)
    summary.push(
      `${insufficient.length} column(s) had too little data to judge (min_samples ${report.settings.min_samples}): ${insufficient.map((column) => code(column.name)).join(", ")}.`
    );
  const columns = [...report.columns].sort(byConcern);
  const rows = columns.map(columnRow);
  const charts = columns.filter((column) => column.status === "drift" || column.status === "warn").slice(0, CHARTS).map(chart).filter((part) => part !== void 0);
  const link = options.runUrl === void 0 ? void 0 : `[Workflow run](${options.runUrl})`;
  return sections(
    `${h} Drift check${model}${where}`,
    summary.join("\n\n"),
    table(["Column", "Decided by", "PSI", "Nulls", "Why"], rows, { align: ["left", "left", "right", "right", "left"] }),
    charts.length > 0 && details(`Distributions of the ${charts.length} most drifted column(s)`, charts.join("\n\n"), true),
    link
  );
}

export {
  DRIFT_REPORT_SCHEMA,
  driftFails,
  EFFECT_LABELS,
  driftIcon,
  byConcern,
  weightedFeatures,
  renderDriftReport
};
