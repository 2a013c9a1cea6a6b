/**
 * The one markdown renderer every stage uses for PR comments, issues and job summaries: tables,
 * status icons, collapsible details and Mermaid `xychart-beta` charts (GitHub renders them without
 * an image host), kept under GitHub's body limit.
 */

/** GitHub refuses comment, issue and summary bodies longer than this (422 "Body is too long"). */
export const GITHUB_BODY_LIMIT = 65_536;

export type Status = "pass" | "fail" | "warn" | "skip" | "insufficient_data" | "info";

const ICONS: Record<Status, string> = {
  pass: "✅",
  fail: "❌",
  warn: "⚠️",
  skip: "⏭️",
  insufficient_data: "❔",
  info: "ℹ️",
};

/** The icon for a status. */
export function statusIcon(status: Status): string {
  return ICONS[status];
}

/** Escapes text for a table cell or inline use: pipes, newlines, and characters markdown would act on. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replaceAll("\\", "\\\\")
      .replaceAll("|", "\\|")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll("*", "\\*")
      .replaceAll("_", "\\_")
      .replaceAll("`", "\\`")
      .replaceAll("[", "\\[")
      .replaceAll("]", "\\]")
      .replace(/\r\n?|\n/g, " ")
      // `@name` after a space or at the start would notify a user or team when the bot posts it (a column
      // or group name is the PR author's to choose): a word joiner after the @ keeps it text.
      .replace(/(^|[^\p{L}\p{N}_`])@(?=[\p{L}\p{N}_-])/gu, "$1@\u2060")
  );
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const clean = text.replace(/\r\n?|\n/g, " ").replaceAll("|", "\\|");
  // A fence longer than any run of backticks inside, so a name with backticks cannot close it early.
  const fence = "`".repeat(Math.max(0, ...[...clean.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

export type Align = "left" | "right" | "center";

export interface TableOptions {
  align?: Align[];
  /** Rows beyond this are left out with a note saying how many. */
  maxRows?: number;
}

/** A GFM table. Cells are used as given (escape user text with `escapeMarkdown` or `code`). */
export function table(header: string[], rows: string[][], options: TableOptions = {}): string {
  const align = header.map((_, index) => options.align?.[index] ?? "left");
  const rule = align.map((a) => (a === "right" ? "---:" : a === "center" ? ":---:" : "---"));
  const shown = options.maxRows !== undefined && rows.length > options.maxRows ? rows.slice(0, options.maxRows) : rows;
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${rule.join(" | ")} |`,
    ...shown.map((row) => `| ${row.map((cell) => cell.replace(/\r\n?|\n/g, " ")).join(" | ")} |`),
  ];
  if (shown.length < rows.length) lines.push("", `_${rows.length - shown.length} more rows not shown._`);
  return lines.join("\n");
}

/** A collapsible section; the body needs blank lines around it for markdown to render inside. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export interface XYChartSeries {
  kind: "bar" | "line";
  values: number[];
}

export interface XYChart {
  title: string;
  /** Category labels on the x axis (one per value). */
  x: string[];
  yLabel?: string;
  yRange?: [number, number];
  series: XYChartSeries[];
  /** Bars drawn sideways, the categories down the left (long labels stay readable). */
  horizontal?: boolean;
}

function mermaidString(text: string): string {
  return `"${text.replaceAll('"', "'").replace(/\r\n?|\n/g, " ")}"`;
}

function chartNumber(value: number): string {
  if (!Number.isFinite(value)) return "0";
  return Number.parseFloat(value.toPrecision(6)).toString();
}

/** A Mermaid `xychart-beta` block (bars or lines over categories). */
export function xyChart(chart: XYChart): string {
  const lines = [
    "```mermaid",
    chart.horizontal === true ? "xychart-beta horizontal" : "xychart-beta",
    `    title ${mermaidString(chart.title)}`,
    `    x-axis [${chart.x.map(mermaidString).join(", ")}]`,
  ];
  const range = chart.yRange ? ` ${chartNumber(chart.yRange[0])} --> ${chartNumber(chart.yRange[1])}` : "";
  if (chart.yLabel !== undefined || range) lines.push(`    y-axis ${mermaidString(chart.yLabel ?? "")}${range}`);
  for (const series of chart.series) lines.push(`    ${series.kind} [${series.values.map(chartNumber).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}

/** Formats a number for people: fixed decimals for shares, thousands separators for counts; — when there is none. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === undefined || value === null || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  return Number.parseFloat(value.toFixed(digits)).toString();
}

/** An interval as `[low, high]`, or — when there is none. */
export function formatInterval(interval: readonly [number, number] | undefined, digits = 4): string {
  return interval === undefined ? "—" : `[${formatNumber(interval[0], digits)}, ${formatNumber(interval[1], digits)}]`;
}

/** A difference with its sign: `+0.03`, `−0.01`, `±0`; — when there is none. */
export function formatSigned(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatNumber(Math.abs(value), digits)}`;
}

/** A number in three significant figures (exponent below 1e-3), for reasons written in prose. */
export function formatSignificant(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) < 1e-3 ? x.toExponential(2) : Number(x.toPrecision(3)).toString();
}

/** A share as a percentage, e.g. `12.5%`. */
export function formatPercent(share: number | undefined, digits = 1): string {
  if (share === undefined || Number.isNaN(share)) return "—";
  return `${(share * 100).toFixed(digits)}%`;
}

export interface FitOptions {
  limit?: number;
  /** Where the whole report is, named in the truncation note (e.g. "the `validation-report` artifact"). */
  fullReport?: string;
}

/**
 * Keeps a body under GitHub's limit. Cuts at a line boundary, closes an open code fence or
 * `<details>`, and ends with a note that points to the full report.
 */
export function fitCommentBody(body: string, options: FitOptions = {}): string {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  if (body.length <= limit) return body;
  const note = `\n\n---\n> ✂️ This report was cut to fit GitHub's ${limit.toLocaleString("en-US")}-character limit. The full report is in ${options.fullReport ?? "the workflow run's artifacts"}.\n`;
  let cut = body.slice(0, Math.max(0, limit - note.length - 64));
  const lastNewline = cut.lastIndexOf("\n");
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const closers: string[] = [];
  if ((cut.match(/^```/gm)?.length ?? 0) % 2 === 1) closers.push("```");
  const openDetails = (cut.match(/<details/g)?.length ?? 0) - (cut.match(/<\/details>/g)?.length ?? 0);
  for (let i = 0; i < openDetails; i++) closers.push("</details>");
  return `${cut}\n${closers.join("\n")}${note}`;
}

/** Joins sections with blank lines, skipping empty ones. */
export function sections(...parts: (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part.trim() !== "").join("\n\n");
}
