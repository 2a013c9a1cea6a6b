/**
 * The drift report as plain text for a terminal: the verdict with the share of drifted columns, then
 * each drifted (and warned) column with the statistic that decided it, its value, threshold and
 * p-value (the column's reason says all four), then how many columns were checked. The markdown
 * (drift-markdown.ts) stays the job summary and the drift issue.
 */
import { formatNumber } from "../common/markdown.ts";
import { printable } from "../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../common/text-style.ts";
import type { ColumnDrift, DriftReport, DriftStatus } from "./report-types.ts";
import { byConcern, weightedFeatures } from "./drift-markdown.ts";

/** Columns listed before the rest fold into "… and N more" (keeps the default to one screen). */
export const DRIFT_LINES = 15;

const MARKS: Record<DriftStatus, string> = { drift: "✗", warn: "!", insufficient_data: "?", ok: "✓" };
const STYLES = { drift: "red", warn: "yellow", insufficient_data: "yellow", ok: "green" } as const;
const VERDICTS: Record<DriftStatus, string> = {
  drift: "drift",
  warn: "some columns moved, below the dataset threshold",
  ok: "no drift",
  insufficient_data: "not enough data to judge drift",
};

/** A share as a percentage without trailing zeros: `53.8%`, `50%`. */
function percent(share: number): string {
  return `${formatNumber(share * 100, 1)}%`;
}

function headline(report: DriftReport, options: TextOptions): string {
  const mark = paint(options, STYLES[report.status], MARKS[report.status]);
  const weighted = report.columns.some((column) => column.counted && column.weight !== 1) ? "weighted share" : "share";
  const model =
    report.model === undefined ? "" : ` — ${report.model.name}${report.model.version === undefined ? "" : `@${report.model.version}`}`;
  const where = report.environment === undefined ? "" : ` in ${report.environment}`;
  const share = `${report.drifted_columns.length} of ${plural(report.columns_checked, "feature column")} drifted (${weighted} ${percent(report.share)}; the dataset drifts at ≥ ${percent(report.settings.share)})`;
  return `${mark} ${paint(options, "bold", VERDICTS[report.status])}: ${printable(`${share}${model}${where}`)}`;
}

function columnLine(column: ColumnDrift, options: TextOptions): string {
  const mark = paint(options, STYLES[column.status], MARKS[column.status]);
  const role = column.counted ? "" : ` (${column.roles.join(", ")})`;
  // Column names and reasons (unseen categories) come from the data: escaped, never sent raw to the terminal.
  return `  ${mark} ${printable(`${column.name}${role}: ${column.reason}`)}`;
}

/**
 * What the share was weighted by, and the heaviest features with their marks, when the weights are
 * the model's importances (a map in modelship.yaml is the user's own, and the markdown report names it).
 */
function weightsLine(report: DriftReport, options: TextOptions): string | undefined {
  const weighted = report.weights_source === "importance" ? weightedFeatures(report) : undefined;
  if (weighted === undefined) return undefined;
  const top = weighted.top.map(
    (column) => `${printable(column.name)} ${column.weight.toFixed(2)} ${paint(options, STYLES[column.status], MARKS[column.status])}`,
  );
  return `  Weighted by ${printable(weighted.by)}: ${top.join(", ")}${weighted.more === 0 ? "" : `, and ${weighted.more} more`}`;
}

/**
 * The drift report as text. Quiet: the verdict and the drifted columns. Default: also warned and
 * unjudged columns, labelled performance and the counts. Verbose: also every column that held.
 */
export function renderDriftText(report: DriftReport, options: TextOptions): string {
  const lines = [headline(report, options)];
  if (report.current.rows === 0) lines.push("  The current data has no rows: nothing was compared, and this is not a pass.");
  const weights = options.quiet ? undefined : weightsLine(report, options);
  if (weights !== undefined) lines.push(weights);
  const columns = [...report.columns].sort(byConcern);
  const open = columns.filter((column) => (options.quiet ? column.status === "drift" : column.status !== "ok"));
  const shown = options.verbose ? open : open.slice(0, DRIFT_LINES);
  lines.push(...shown.map((column) => columnLine(column, options)));
  if (open.length > shown.length) lines.push(`  … and ${open.length - shown.length} more (see drift-report.json)`);
  const performance = report.performance;
  if (performance !== undefined && (!options.quiet || performance.status === "drift")) {
    const mark = paint(options, STYLES[performance.status], MARKS[performance.status]);
    const reference = performance.reference === undefined ? "" : ` (reference ${formatNumber(performance.reference, 4)})`;
    lines.push(
      `  ${mark} accuracy on ${plural(performance.n, "labelled row")}: ${formatNumber(performance.current, 4)}${reference}: ${printable(performance.reason)}`,
    );
  }
  if (options.quiet) return lines.join("\n");
  const ok = columns.filter((column) => column.status === "ok");
  if (options.verbose) lines.push(...ok.map((column) => columnLine(column, options)));
  const counts = (["drift", "warn", "insufficient_data", "ok"] as const)
    .map((status) => [status, report.columns.filter((column) => column.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status === "insufficient_data" ? "without enough data" : status}`);
  lines.push(
    `${plural(report.columns.length, "column")} checked: ${counts.join(", ") || "none"}${options.verbose || ok.length === 0 ? "" : " (-v lists the ok ones)"}; ${formatNumber(report.current.rows)} current rows (${printable(report.current.sources.join(", ") || "—")}) vs ${formatNumber(report.reference.rows)} reference rows (${printable(report.reference.source)})`,
  );
  return lines.join("\n");
}
