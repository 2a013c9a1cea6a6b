import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/markdown.ts
var GITHUB_BODY_LIMIT = 65536;
var ICONS = {
  pass: "\u2705",
  fail: "\u274C",
  warn: "\u26A0\uFE0F",
  skip: "\u23ED\uFE0F",
  insufficient_data: "\u2754",
  info: "\u2139\uFE0F"
};
function statusIcon(status) {
  return ICONS[status];
}
function escapeMarkdown(text) {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("*", "\\*").replaceAll("_", "\\_").replaceAll("`", "\\`").replaceAll("[", "\\[").replaceAll("]", "\\]").replace(/\r\n?|\n/g, " ").replace(/(^|[^\p{L}\p{N}_`])@(?=[\p{L}\p{N}_-])/gu, "$1@\u2060");
}
function code(text) {
  const clean = text.replace(/\r\n?|\n/g, " ").replaceAll("|", "\\|");
  const fence = "`".repeat(Math.max(0, ...[...clean.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}
function table(header, rows, options = {}) {
  const align = header.map((_, index) => options.align?.[index] ?? "left");
  const rule = align.map((a) => a === "right" ? "---:" : a === "center" ? ":---:" : "---");
  const shown = options.maxRows !== void 0 && rows.length > options.maxRows ? rows.slice(0, options.maxRows) : rows;
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${rule.join(" | ")} |`,
    ...shown.map((row) => `| ${row.map((cell) => cell.replace(/\r\n?|\n/g, " ")).join(" | ")} |`)
  ];
  if (shown.length < rows.length) lines.push("", `_${rows.length - shown.length} more rows not shown._`);
  return lines.join("\n");
}
function details(summary, body, open = false) {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>

${body}

</details>`;
}
function mermaidString(text) {
  return `"${text.replaceAll('"', "'").replace(/\r\n?|\n/g, " ")}"`;
}
function chartNumber(value) {
  if (!Number.isFinite(value)) return "0";
  return Number.parseFloat(value.toPrecision(6)).toString();
}
function xyChart(chart) {
  const lines = [
    "```mermaid",
    chart.horizontal === true ? "xychart-beta horizontal" : "xychart-beta",
    `    title ${mermaidString(chart.title)}`,
    `    x-axis [${chart.x.map(mermaidString).join(", ")}]`
  ];
  const range = chart.yRange ? ` ${chartNumber(chart.yRange[0])} --> ${chartNumber(chart.yRange[1])}` : "";
  if (chart.yLabel !== void 0 || range) lines.push(`    y-axis ${mermaidString(chart.yLabel ?? "")}${range}`);
  for (const series of chart.series) lines.push(`    ${series.kind} [${series.values.map(chartNumber).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}
function formatNumber(value, digits = 4) {
  if (value === void 0 || value === null || Number.isNaN(value)) return "\u2014";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "\u2212\u221E";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  return Number.parseFloat(value.toFixed(digits)).toString();
}
function formatInterval(interval, digits = 4) {
  return interval === void 0 ? "\u2014" : `[${formatNumber(interval[0], digits)}, ${formatNumber(interval[1], digits)}]`;
}
function formatSigned(value, digits = 4) {
  if (value === null || value === void 0 || Number.isNaN(value)) return "\u2014";
  return `${value > 0 ? "+" : value < 0 ? "\u2212" : "\xB1"}${formatNumber(Math.abs(value), digits)}`;
}
function formatSignificant(x) {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) < 1e-3 ? x.toExponential(2) : Number(x.toPrecision(3)).toString();
}
function formatPercent(share, digits = 1) {
  if (share === void 0 || Number.isNaN(share)) return "\u2014";
  return `${(share * 100).toFixed(digits)}%`;
}
function fitCommentBody(body, options = {}) {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  if (body.length <= limit) return body;
  const note = `

---
> \u2702\uFE0F This report was cut to fit GitHub's ${limit.toLocaleString("en-US")}-character limit. The full report is in ${options.fullReport ?? "the workflow run's artifacts"}.
`;
  let cut = body.slice(0, Math.max(0, limit - note.length - 64));
  const lastNewline = cut.lastIndexOf("\n");
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const closers = [];
  if ((cut.match(/^```/gm)?.length ?? 0) % 2 === 1) closers.push("```");
  const openDetails = (cut.match(/<details/g)?.length ?? 0) - (cut.match(/<\/details>/g)?.length ?? 0);
  for (let i = 0; i < openDetails; i++) closers.push("</details>");
  return `${cut}
${closers.join("\n")}${note}`;
}
function sections(...parts) {
  return parts.filter((part) => typeof part === "string" && part.trim() !== "").join("\n\n");
}

export {
  GITHUB_BODY_LIMIT,
  statusIcon,
  escapeMarkdown,
  code,
  table,
  details,
  xyChart,
  formatNumber,
  formatInterval,
  formatSigned,
  formatSignificant,
  formatPercent,
  fitCommentBody,
  sections
};
