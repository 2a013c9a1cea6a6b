import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/common/errors.ts
var UserError = class extends Error {
  name = "UserError";
  file;
  line;
  column;
  pointer;
  hint;
  /** The bare problem, without location or hint (the message has both). */
  problem;
  constructor(problem, options = {}) {
    super(formatUserError(problem, options), options.cause === void 0 ? void 0 : { cause: options.cause });
    this.problem = problem;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.pointer = options.pointer;
    this.hint = options.hint;
  }
};
function formatUserError(problem, where) {
  let location = where.file ?? "";
  if (where.file !== void 0 && where.line !== void 0) {
    location += `:${where.line}`;
    if (where.column !== void 0) location += `:${where.column}`;
  }
  let message = location ? `${location}: ${problem}` : problem;
  if (where.pointer !== void 0 && where.pointer !== "") message += ` (at ${where.pointer})`;
  if (where.hint) message += `
  Fix: ${where.hint}`;
  return message;
}
function isUserError(error) {
  return error instanceof UserError || error instanceof Error && error.name === "UserError" && "problem" in error;
}
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
function errnoCode(error) {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : void 0;
}

// src/common/version.ts
var TOOL_VERSION = true ? "0.1.0" : "0.1.0-dev";

// src/report/markdown.ts
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
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("*", "\\*").replaceAll("_", "\\_").replaceAll("`", "\\`").replaceAll("[", "\\[").replaceAll("]", "\\]").replace(/\r?\n/g, " ");
}
function code(text) {
  const clean = text.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
  const fence = clean.includes("`") ? "``" : "`";
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}
function table(header, rows, options = {}) {
  const align = header.map((_, index) => options.align?.[index] ?? "left");
  const rule = align.map((a) => a === "right" ? "---:" : a === "center" ? ":---:" : "---");
  const shown = options.maxRows !== void 0 && rows.length > options.maxRows ? rows.slice(0, options.maxRows) : rows;
  const lines = [`| ${header.join(" | ")} |`, `| ${rule.join(" | ")} |`, ...shown.map((row) => `| ${row.map((cell) => cell.replace(/\r?\n/g, " ")).join(" | ")} |`)];
  if (shown.length < rows.length) lines.push("", `_${rows.length - shown.length} more rows not shown._`);
  return lines.join("\n");
}
function details(summary, body, open = false) {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>

${body}

</details>`;
}
function mermaidString(text) {
  return `"${text.replaceAll('"', "'").replace(/\r?\n/g, " ")}"`;
}
function chartNumber(value) {
  if (!Number.isFinite(value)) return "0";
  return Number.parseFloat(value.toPrecision(6)).toString();
}
function xyChart(chart) {
  const lines = ["```mermaid", "xychart-beta", `    title ${mermaidString(chart.title)}`, `    x-axis [${chart.x.map(mermaidString).join(", ")}]`];
  const range = chart.yRange ? ` ${chartNumber(chart.yRange[0])} --> ${chartNumber(chart.yRange[1])}` : "";
  if (chart.yLabel !== void 0 || range) lines.push(`    y-axis ${mermaidString(chart.yLabel ?? "")}${range}`);
  for (const series of chart.series) lines.push(`    ${series.kind} [${series.values.map(chartNumber).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}
function formatNumber(value, digits = 4) {
  if (value === void 0 || Number.isNaN(value)) return "\u2014";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "\u2212\u221E";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  return Number.parseFloat(value.toFixed(digits)).toString();
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
  __require,
  __commonJS,
  __export,
  __toESM,
  UserError,
  isUserError,
  getErrorMessage,
  errnoCode,
  GITHUB_BODY_LIMIT,
  statusIcon,
  escapeMarkdown,
  code,
  table,
  details,
  xyChart,
  formatNumber,
  formatPercent,
  fitCommentBody,
  sections,
  TOOL_VERSION
};
