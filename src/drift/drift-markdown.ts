/**
 * The drift report as markdown, for the job summary, the drift issue and its comments: the verdict
 * and share, a per-column table (the statistic that decided, PSI, null shares, why), and Mermaid
 * charts of the most drifted columns' distributions, reference beside current.
 */
import { EFFECT_LABELS, type ColumnDrift, type DriftReport, type DriftStatus } from "./report-types.ts";
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
  xyChart,
  type Status,
} from "../common/markdown.ts";

const CHARTS = 3;
/** Features the weights line names, heaviest first. */
export const WEIGHTS_SHOWN = 5;
const ORDER: Record<DriftStatus, number> = { drift: 0, warn: 1, insufficient_data: 2, ok: 3 };
const METHOD_NAMES: Record<string, string> = {
  ks: "KS",
  l2: "ℓ2 homogeneity",
  chisquare: "χ² homogeneity",
  chisquare_gof: "χ² goodness of fit",
  z: "two-proportion z",
  wasserstein: "Wasserstein / σ",
  jensenshannon: "Jensen–Shannon",
  psi: "PSI",
};

/** The status as the shared icons spell it. */
export function driftIcon(status: DriftStatus): string {
  const mapped: Record<DriftStatus, Status> = { ok: "pass", warn: "warn", drift: "fail", insufficient_data: "insufficient_data" };
  return statusIcon(mapped[status]);
}

const HEADLINES: Record<DriftStatus, string> = {
  drift: "Drift detected",
  warn: "Some columns moved (below the dataset threshold)",
  ok: "No drift",
  insufficient_data: "Not enough data to judge drift",
};

function statisticCell(column: ColumnDrift): string {
  const method = column.method;
  if (method === undefined) return "—";
  const name = METHOD_NAMES[method.method] ?? method.method;
  const approx = method.approximate ? " ≈" : "";
  if (method.p_value !== undefined) {
    const adjusted =
      method.p_adjusted !== undefined && method.p_adjusted !== method.p_value ? ` (adj. ${formatSignificant(method.p_adjusted)})` : "";
    const effect =
      method.effect !== undefined && method.margin !== undefined && method.effect_measure !== undefined
        ? `; ${EFFECT_LABELS[method.effect_measure]} ${formatNumber(method.effect, 3)} (margin ${formatNumber(method.margin)})`
        : "";
    return `${name}${approx}: p ${formatSignificant(method.p_value)}${adjusted}${effect}`;
  }
  return `${name}${approx}: ${formatNumber(method.statistic ?? Number.POSITIVE_INFINITY, 4)} (≥ ${formatNumber(method.threshold)} drifts)`;
}

function columnRow(column: ColumnDrift): string[] {
  const role = column.counted ? "" : ` _(${column.roles.join(", ")})_`;
  return [
    `${driftIcon(column.status)} ${code(column.name)}${role}`,
    statisticCell(column),
    formatNumber(column.statistics.psi, 3),
    `${formatPercent(column.null_rate.reference)} → ${formatPercent(column.null_rate.current)}`,
    escapeMarkdown(column.reason),
  ];
}

/** How far a column moved, for ordering: status first, then its largest distance. */
function severity(column: ColumnDrift): number {
  const s = column.statistics;
  return Math.max(s.jensenshannon ?? 0, s.wasserstein_norm ?? 0, s.tvd ?? 0, s.psi ?? 0, s.ks_d ?? 0);
}

/** The column order both renderers list: drift, warn, unjudged, ok; the furthest moved first within each. */
export function byConcern(a: ColumnDrift, b: ColumnDrift): number {
  return ORDER[a.status] - ORDER[b.status] || severity(b) - severity(a) || (a.name < b.name ? -1 : 1);
}

function chart(column: ColumnDrift): string | undefined {
  const view = column.distribution;
  if (view === undefined || view.labels.length === 0) return undefined;
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
        { kind: "line", values: view.current },
      ],
    }),
  );
}

/**
 * What the dataset's share was weighted by and the heaviest feature columns (at most WEIGHTS_SHOWN,
 * heaviest first), when the weights are not all 1; undefined otherwise (and for older reports).
 */
export function weightedFeatures(report: DriftReport): { by: string; top: ColumnDrift[]; more: number } | undefined {
  const source = report.weights_source;
  if (source !== "importance" && source !== "config") return undefined;
  const features = report.columns.filter((column) => column.counted).sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : 1));
  if (features.length === 0) return undefined;
  const model = report.model;
  const release = model?.version === undefined ? "" : ` (release ${model.name}@${model.version})`;
  return {
    by: source === "importance" ? `the model's permutation importance${release}` : "drift.weights in modelship.yaml",
    top: features.slice(0, WEIGHTS_SHOWN),
    more: Math.max(0, features.length - WEIGHTS_SHOWN),
  };
}

function weightsLine(report: DriftReport): string | undefined {
  const weighted = weightedFeatures(report);
  if (weighted === undefined) return undefined;
  const top = weighted.top.map((column) => `${code(column.name)} ${column.weight.toFixed(2)} ${driftIcon(column.status)}`);
  const more = weighted.more === 0 ? "" : `, and ${weighted.more} more`;
  return `Weighted by ${escapeMarkdown(weighted.by)}: ${top.join(", ")}${more}.`;
}

export interface DriftMarkdownOptions {
  runUrl?: string;
  headingLevel?: number;
}

/** The whole report as markdown. */
export function renderDriftReport(report: DriftReport, options: DriftMarkdownOptions = {}): string {
  const h = "#".repeat(options.headingLevel ?? 2);
  const model =
    report.model === undefined
      ? ""
      : ` — ${code(`${report.model.name}${report.model.version === undefined ? "" : `@${report.model.version}`}`)}`;
  const where = report.environment === undefined ? "" : ` in ${escapeMarkdown(report.environment)}`;
  const counted = report.columns.filter((column) => column.counted);
  const summary = [
    `**${driftIcon(report.status)} ${HEADLINES[report.status]}**: ${report.drifted_columns.length} of ${report.columns_checked} feature column(s) drifted (share ${formatNumber(report.share, 3)}; the dataset drifts at ≥ ${formatNumber(report.settings.share)}).`,
    `Reference: ${escapeMarkdown(report.reference.source)} (${formatNumber(report.reference.rows)} rows). Current: ${report.current.sources.map((source) => escapeMarkdown(source)).join(", ") || "—"} (${formatNumber(report.current.rows)} rows). Mode ${code(report.mode)}, correction ${code(report.settings.correction)}.`,
  ];
  const weights = weightsLine(report);
  if (weights !== undefined) summary.push(weights);
  const performance = report.performance;
  if (performance !== undefined)
    summary.push(
      `${driftIcon(performance.status)} **Performance** on ${formatNumber(performance.n)} labelled current row(s): accuracy ${formatNumber(performance.current, 4)}${performance.reference === undefined ? "" : ` (reference ${formatNumber(performance.reference, 4)})`}. ${escapeMarkdown(performance.reason)}`,
    );
  if (report.current.rows === 0) summary.push("The current data has no rows: nothing was compared, and this is not a pass.");
  const insufficient = counted.filter((column) => column.status === "insufficient_data");
  if (insufficient.length > 0)
    summary.push(
      `${insufficient.length} column(s) had too little data to judge (min_samples ${report.settings.min_samples}): ${insufficient.map((column) => code(column.name)).join(", ")}.`,
    );
  const columns = [...report.columns].sort(byConcern);
  const rows = columns.map(columnRow);
  const charts = columns
    .filter((column) => column.status === "drift" || column.status === "warn")
    .slice(0, CHARTS)
    .map(chart)
    .filter((part): part is string => part !== undefined);
  const link = options.runUrl === undefined ? undefined : `[Workflow run](${options.runUrl})`;
  return sections(
    `${h} Drift check${model}${where}`,
    summary.join("\n\n"),
    table(["Column", "Decided by", "PSI", "Nulls", "Why"], rows, { align: ["left", "left", "right", "right", "left"] }),
    charts.length > 0 && details(`Distributions of the ${charts.length} most drifted column(s)`, charts.join("\n\n"), true),
    link,
  );
}
