/**
 * The gate report's explanations as markdown: the permutation importances as a table sorted by
 * importance (the drop with its interval, sensitive columns and proxies marked) and a Mermaid bar
 * chart, both cut to the top columns so a wide model keeps the PR comment short. Column names are
 * shown (redaction hides values, never names); every cell goes through escapeMarkdown.
 */
import { code, escapeMarkdown, formatInterval, formatNumber, sections, table, xyChart } from "../common/markdown.ts";
import { METRIC_LABELS } from "./evaluate-gates.ts";
import type { ExplanationsSection } from "./gate-report-types.ts";

/** Columns shown in the table and the chart; the rest are counted (gate-report.json has them all). */
export const SHOWN_FEATURES = 20;
/** A chart label longer than this is cut (Mermaid draws the whole name, and squeezes the bars). */
const CHART_LABEL = 32;

function flags(row: ExplanationsSection["features"][number]): string {
  return [row.sensitive === true ? "⚠️ sensitive" : "", row.proxy === true ? "⚠️ proxy" : ""].filter((flag) => flag !== "").join(", ");
}

function chartLabel(name: string): string {
  return name.length <= CHART_LABEL ? name : `${name.slice(0, CHART_LABEL - 1)}…`;
}

/** The explanations section, or "" when the report has none. */
export function explanationsMarkdown(section: ExplanationsSection | undefined): string {
  if (section === undefined) return "";
  const metric = METRIC_LABELS[section.metric] ?? section.metric;
  const level = `${Math.round(section.confidence * 100)}%`;
  const shown = section.features.slice(0, SHOWN_FEATURES);
  const hidden = section.features.length - shown.length;
  const intro =
    `Drop in ${metric} when a column's values are shuffled across ${formatNumber(section.rows)} sampled rows` +
    `${section.population > section.rows ? ` (of ${formatNumber(section.population)})` : ""}, the mean of ${section.repeats} permutations` +
    (section.resamples > 0
      ? `; ${level} intervals from ${formatNumber(section.resamples)} bootstrap resamples of the rows and the permutations`
      : "") +
    ` (seed ${section.seed}). ${metric} on the sample: ${formatNumber(section.baseline)}. A drop near 0 means the model does not rely on the column.`;
  const anyFlag = shown.some((row) => flags(row) !== "");
  const rows = shown.map((row) => [
    code(row.feature),
    formatNumber(row.importance),
    formatInterval(row.ci),
    formatNumber(row.std),
    ...(anyFlag ? [flags(row) || ""] : []),
  ]);
  const importanceTable = table(
    ["Column", `Drop in ${escapeMarkdown(metric)}`, `${level} CI`, "Std over permutations", ...(anyFlag ? [""] : [])],
    rows,
    { align: ["left", "right", "left", "right", ...(anyFlag ? (["left"] as const) : [])] },
  );
  const more = hidden > 0 ? `_… and ${hidden} more column${hidden === 1 ? "" : "s"} (every one is in \`gate-report.json\`)._` : "";
  const values = shown.map((row) => row.importance ?? 0);
  const chart =
    shown.length > 1
      ? xyChart({
          title: `Permutation importance (drop in ${metric})`,
          x: shown.map((row) => chartLabel(row.feature)),
          yLabel: `drop in ${metric}`,
          yRange: [Math.min(0, ...values), Math.max(...values, 0) * 1.1 || 1],
          series: [{ kind: "bar", values }],
          horizontal: true,
        })
      : "";
  return sections("#### What the model relies on: permutation importance", intro, importanceTable, more, chart);
}
