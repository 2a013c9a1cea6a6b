import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-FVCB3CXZ.js";

// src/github/context.ts
import { readFileSync } from "node:fs";
function object(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function readPayload(path) {
  if (path === void 0 || path === "") return {};
  let raw;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  try {
    return object(JSON.parse(raw)) ?? {};
  } catch (error) {
    throw new UserError(`the event payload is not valid JSON`, { file: path, cause: error, hint: "GITHUB_EVENT_PATH must point to the runner's event.json" });
  }
}
function pullRequestOf(eventName, payload, repository) {
  const pr = object(payload.pull_request);
  if (pr !== void 0 && typeof pr.number === "number") {
    const head = object(pr.head);
    const base = object(pr.base);
    const headRepo = text(object(head?.repo)?.full_name);
    const baseRepo = text(object(base?.repo)?.full_name) ?? repository;
    return {
      number: pr.number,
      headSha: text(head?.sha),
      baseSha: text(base?.sha),
      headRef: text(head?.ref),
      baseRef: text(base?.ref),
      fork: headRepo !== void 0 && baseRepo !== void 0 && headRepo.toLowerCase() !== baseRepo.toLowerCase()
    };
  }
  const issue = object(payload.issue);
  if (eventName === "issue_comment" && issue !== void 0 && object(issue.pull_request) !== void 0 && typeof issue.number === "number") {
    return { number: issue.number, fork: false };
  }
  return void 0;
}
function readGitHubContext(env = process.env) {
  const repository = text(env.GITHUB_REPOSITORY);
  const [owner, repo] = repository?.split("/") ?? [];
  const eventName = text(env.GITHUB_EVENT_NAME);
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (text(env.GITHUB_SERVER_URL) ?? "https://github.com").replace(/\/+$/, "");
  const runId = text(env.GITHUB_RUN_ID);
  return {
    owner,
    repo,
    repository,
    eventName,
    payload,
    pullRequest: pullRequestOf(eventName, payload, repository),
    sha: text(env.GITHUB_SHA),
    ref: text(env.GITHUB_REF),
    serverUrl,
    apiUrl: (text(env.GITHUB_API_URL) ?? "https://api.github.com").replace(/\/+$/, ""),
    runId,
    runAttempt: text(env.GITHUB_RUN_ATTEMPT),
    runUrl: repository !== void 0 && runId !== void 0 ? `${serverUrl}/${repository}/actions/runs/${runId}` : void 0,
    workflow: text(env.GITHUB_WORKFLOW),
    job: text(env.GITHUB_JOB),
    actor: text(env.GITHUB_ACTOR)
  };
}

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
function escapeMarkdown(text2) {
  return text2.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("*", "\\*").replaceAll("_", "\\_").replaceAll("`", "\\`").replaceAll("[", "\\[").replaceAll("]", "\\]").replace(/\r?\n/g, " ");
}
function code(text2) {
  const clean = text2.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
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
function mermaidString(text2) {
  return `"${text2.replaceAll('"', "'").replace(/\r?\n/g, " ")}"`;
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
  readGitHubContext,
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
  sections
};
