import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkRunReleaseProvenance
} from "./chunk-OB66M5SJ.js";
import {
  dora_report_schema_default,
  readGitHistory,
  readPullRequestHistory,
  redactRemote
} from "./chunk-GMEHV4YE.js";
import {
  openRunRegistry
} from "./chunk-FGAOEPT5.js";
import {
  drift_report_schema_default
} from "./chunk-CHXJDKKN.js";
import {
  contractRedactor
} from "./chunk-2TKCLNYM.js";
import {
  gate_report_schema_default
} from "./chunk-52YBHNOW.js";
import {
  manifestReader,
  readEnvironmentState
} from "./chunk-IBGUEDEO.js";
import {
  environmentNames,
  resolveEnvironment,
  resolveGitOps
} from "./chunk-XYL5FBBP.js";
import {
  escapeRegExp,
  withClone
} from "./chunk-VVREGJ63.js";
import {
  parseModelUri
} from "./chunk-V7YB4A7J.js";
import {
  LocalStore
} from "./chunk-OXQJNLJL.js";
import {
  resolveRegistry
} from "./chunk-764VFCH4.js";
import {
  isModelName
} from "./chunk-TQQPERQT.js";
import {
  byCodeUnit
} from "./chunk-4LQGMG53.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  isRedacted
} from "./chunk-GKGV24WD.js";
import {
  assertValid,
  assertWritable,
  upgradeBySchema
} from "./chunk-RGJ5T3QL.js";
import {
  createGitHubClient
} from "./chunk-LTT6RTNS.js";
import {
  escapeMarkdown
} from "./chunk-HFKEWQQZ.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError,
  jsonErrorPosition
} from "./chunk-SU4BFKON.js";

// src/stages/site-stage.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join as join2, relative, resolve, sep } from "node:path";

// src/site/site-data.ts
var SITE_SCHEMA = "modelship/site-data@1";
var DRIFT_HISTORY_SCHEMA = "modelship/drift-history@1";

// src/site/site-render.ts
import { createHash } from "node:crypto";

// src/site/html.ts
var Html = class {
  #markup;
  constructor(markup2, key) {
    if (key !== TRUSTED) throw new Error("Html is made only by html.ts");
    this.#markup = markup2;
  }
  toString() {
    return this.#markup;
  }
};
var TRUSTED = /* @__PURE__ */ Symbol("trusted markup");
var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
function escapeHtml(value) {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/[&<>"'`]/g, (char) => ESCAPES[char]);
}
function render(value) {
  if (value instanceof Html) return value.toString();
  if (value === null || value === void 0 || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}
function markup(strings, ...values) {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new Html(out, TRUSTED);
}
function trusted(text) {
  return new Html(text, TRUSTED);
}
function join(parts, separator = "") {
  const rendered = parts.map(render);
  return new Html(rendered.join(render(separator)), TRUSTED);
}
function safeHref(url) {
  if (url === void 0) return void 0;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return void 0;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return void 0;
  if (parsed.username !== "" || parsed.password !== "") return void 0;
  return parsed.href;
}
function externalLink(url, label) {
  const href = safeHref(url);
  return href === void 0 ? markup`${label}` : markup`<a href="${href}" rel="noopener noreferrer">${label}</a>`;
}

// src/site/site-css.ts
var SITE_CSS = `:root {
  color-scheme: light dark;
  --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0550ae;
  --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --series: #0969da; --bar: #8250df;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #4493f8;
    --pass: #3fb950; --warn: #d29922; --fail: #f85149; --series: #4493f8; --bar: #ab7df8;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--series); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { border-bottom: 1px solid var(--line); background: var(--panel); }
header nav { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.note { color: var(--muted); }
.table-scroll { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; min-width: 100%; font-size: .9375rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
code { overflow-wrap: anywhere; }
pre.card { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); border: 1px solid var(--line); padding: 1rem; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.status-pass, .status-ok, .status-verified { color: var(--pass); }
.status-warn, .status-insufficient_data, .status-not-checked { color: var(--warn); }
.status-fail, .status-drift, .status-not-verified, .status-retired { color: var(--fail); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
figure { margin: 0 0 1rem; }
figcaption { color: var(--muted); font-size: .875rem; }
svg.chart { display: block; width: 100%; max-width: 48rem; height: auto; font-size: 12px; }
svg.chart text { fill: var(--fg); }
svg.chart .tick, svg.chart .axis-label { fill: var(--muted); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .threshold { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.chart text.threshold-label { fill: var(--fail); }
svg.chart .series { stroke: var(--series); stroke-width: 2; }
svg.chart .point { fill: var(--series); }
svg.chart .point.status-drift { fill: var(--fail); }
svg.chart .point.status-warn { fill: var(--warn); }
svg.chart .bar { fill: var(--bar); }
svg.chart .flagged .bar { fill: var(--fail); }
svg.chart .whisker { stroke: var(--fg); stroke-width: 1.5; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .5rem; }
}
`;

// src/site/svg-chart.ts
function coord(value) {
  return String(Math.round(value * 100) / 100);
}
var LINE_MARGIN = { top: 16, right: 16, bottom: 40, left: 56 };
var DAY_MS = 864e5;
function linearScale(domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (value) => d1 === d0 ? (r0 + r1) / 2 : r0 + (value - d0) / (d1 - d0) * (r1 - r0);
}
function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}
function svgOpen(width, height, title, description, className) {
  return markup`<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}"><title>${title}</title><desc>${description}</desc>`;
}
function timeDomain(points) {
  const xs = points.map((point) => point.x);
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  return low === high ? [low - DAY_MS, high + DAY_MS] : [low, high];
}
function valueDomain(values) {
  const high = Math.max(0, ...values);
  return [0, high === 0 ? 1 : high * 1.1];
}
function classes(...names) {
  return names.filter((name) => name !== void 0 && name !== "").join(" ");
}
function lineChart(spec) {
  const width = spec.width ?? 640;
  const height = spec.height ?? 240;
  const format = spec.formatY ?? ((value) => value.toFixed(2));
  const m = LINE_MARGIN;
  const points = [...spec.points].sort((a, b) => a.x - b.x);
  const open = svgOpen(width, height, spec.title, spec.description, "chart line-chart");
  if (points.length === 0)
    return markup`${open}<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">no data</text></svg>`;
  const sx = linearScale(timeDomain(points), [m.left, width - m.right]);
  const yDomain = spec.yDomain ?? valueDomain([...points.map((point) => point.y), ...spec.threshold ? [spec.threshold.value] : []]);
  const sy = linearScale(yDomain, [height - m.bottom, m.top]);
  const bottom = height - m.bottom;
  const right = width - m.right;
  const ticks = [0, 1, 2, 3, 4].map((i) => yDomain[0] + (yDomain[1] - yDomain[0]) * i / 4);
  const yAxis = ticks.map((tick) => {
    const y = coord(sy(tick));
    return markup`<line class="grid" x1="${m.left}" y1="${y}" x2="${right}" y2="${y}"/><text class="tick" x="${m.left - 6}" y="${coord(sy(tick) + 4)}" text-anchor="end">${format(tick)}</text>`;
  });
  const first = points[0].x;
  const last = points.at(-1).x;
  const xTicks = first === last ? [first] : [first, last];
  const xAxis = xTicks.map((tick, index) => {
    const anchor = xTicks.length === 1 ? "middle" : index === 0 ? "start" : "end";
    return markup`<text class="tick" x="${coord(sx(tick))}" y="${bottom + 16}" text-anchor="${anchor}">${isoDay(tick)}</text>`;
  });
  let threshold2 = trusted("");
  if (spec.threshold !== void 0) {
    const y = sy(spec.threshold.value);
    threshold2 = markup`<line class="threshold" x1="${m.left}" y1="${coord(y)}" x2="${right}" y2="${coord(y)}"/><text class="threshold-label" x="${m.left + 4}" y="${coord(y - 4)}" text-anchor="start">${spec.threshold.label}</text>`;
  }
  const path = points.map((point) => `${coord(sx(point.x))},${coord(sy(point.y))}`).join(" ");
  const markers = points.map(
    (point) => markup`<circle class="${classes("point", point.className)}" cx="${coord(sx(point.x))}" cy="${coord(sy(point.y))}" r="4"><title>${point.label}</title></circle>`
  );
  const middle = coord((m.top + bottom) / 2);
  const axes = markup`<line class="axis" x1="${m.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/><line class="axis" x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${bottom}"/>`;
  const label = markup`<text class="axis-label" x="12" y="${middle}" text-anchor="middle" transform="rotate(-90 12 ${middle})">${spec.yLabel}</text>`;
  const line = markup`<polyline class="series" fill="none" points="${path}"/>`;
  return markup`${open}${join(yAxis)}${axes}${join(xAxis)}${label}${threshold2}${line}${join(markers)}</svg>`;
}
var BAR_LAYOUT = { left: 168, right: 64, top: 8, bottom: 24, row: 24, bar: 16, maxLabel: 24 };
function shortLabel(label) {
  const chars = [...label];
  return chars.length <= BAR_LAYOUT.maxLabel ? label : `${chars.slice(0, BAR_LAYOUT.maxLabel - 1).join("")}\u2026`;
}
function barDomain(bars) {
  const values = bars.flatMap((bar) => [bar.value, ...bar.ci ?? []]);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  return low === high ? [0, 1] : [low, high];
}
function barChart(spec) {
  const width = spec.width ?? 640;
  const format = spec.format ?? ((value) => value.toFixed(3));
  const l = BAR_LAYOUT;
  const height = l.top + Math.max(1, spec.bars.length) * l.row + l.bottom;
  const open = svgOpen(width, height, spec.title, spec.description, "chart bar-chart");
  if (spec.bars.length === 0)
    return markup`${open}<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">no data</text></svg>`;
  const sx = linearScale(barDomain(spec.bars), [l.left, width - l.right]);
  const zero = sx(0);
  const rows = spec.bars.map((bar, index) => {
    const y = l.top + index * l.row + (l.row - l.bar) / 2;
    const middle = coord(y + l.bar / 2);
    const text = coord(y + l.bar / 2 + 4);
    const end = sx(bar.value);
    const whisker = bar.ci === void 0 ? trusted("") : markup`<line class="whisker" x1="${coord(sx(bar.ci[0]))}" y1="${middle}" x2="${coord(sx(bar.ci[1]))}" y2="${middle}"/>`;
    const tooltip = `${bar.label}: ${format(bar.value)}${bar.ci === void 0 ? "" : ` [${format(bar.ci[0])}, ${format(bar.ci[1])}]`}`;
    return markup`<g class="${classes("bar-row", bar.className)}"><title>${tooltip}</title><text class="bar-label" x="${l.left - 6}" y="${text}" text-anchor="end">${shortLabel(bar.label)}</text><rect class="bar" x="${coord(Math.min(zero, end))}" y="${coord(y)}" width="${coord(Math.abs(end - zero))}" height="${l.bar}"/>${whisker}<text class="bar-value" x="${width - l.right + 6}" y="${text}">${format(bar.value)}</text></g>`;
  });
  const axis = markup`<line class="axis" x1="${coord(zero)}" y1="${l.top}" x2="${coord(zero)}" y2="${height - l.bottom}"/>`;
  return markup`${open}${join(rows)}${axis}</svg>`;
}

// src/site/site-render.ts
var SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
var RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;
function pathSegment(name) {
  if (/^[a-z0-9][a-z0-9._-]{0,79}$/.test(name) && !name.endsWith(".") && !RESERVED.test(name)) return name;
  const plain = name.toLowerCase().replace(/[^a-z0-9._-]/g, "_").replace(/^[._-]+/, "").slice(0, 60);
  const base = plain === "" || RESERVED.test(plain) ? `x${plain}` : plain;
  return `${base}~${createHash("sha256").update(name, "utf8").digest("hex").slice(0, 10)}`;
}
function shownTime(text) {
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : void 0;
  if (time === void 0 || Number.isNaN(time.getTime())) return text;
  return `${time.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
function versionPagePath(model, version) {
  return `models/${pathSegment(model)}/${pathSegment(version)}.html`;
}
function driftPagePath(model, environment) {
  return `drift/${pathSegment(model)}/${pathSegment(environment)}.html`;
}
var PROMOTIONS_PAGE = "promotions.html";
var STYLESHEET = "site.css";
function formatNumber(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  return String(Number(value.toFixed(4)));
}
function formatInterval(ci) {
  return ci === void 0 ? "\u2014" : `[${formatNumber(ci[0])},\xA0${formatNumber(ci[1])}]`;
}
function percent(value) {
  return `${String(Number((value * 100).toFixed(1)))}%`;
}
function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
function statusClass(status2) {
  return `status-${status2.replace(/[^a-z_-]/gi, "")}`;
}
function status(text) {
  return markup`<span class="${statusClass(text)}">${text}</span>`;
}
function code(text) {
  return text === void 0 ? "\u2014" : markup`<code>${text}</code>`;
}
function note(text) {
  return markup`<p class="note">${text}</p>`;
}
function table(caption, head, rows, numeric = []) {
  const header = head.map((cell2) => markup`<th scope="col">${cell2}</th>`);
  const cell = (value, index) => index === 0 ? markup`<th scope="row">${value}</th>` : numeric.includes(index) ? markup`<td class="num">${value}</td>` : markup`<td>${value}</td>`;
  const body = rows.map((row) => markup`<tr>${row.map(cell)}</tr>`);
  return markup`<div class="table-scroll"><table><caption>${caption}</caption><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table></div>`;
}
function facts(entries) {
  return markup`<dl class="facts">${entries.map(([term, value]) => markup`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}
function figure(chart, caption) {
  return markup`<figure>${chart}<figcaption>${caption}</figcaption></figure>`;
}
function page(data, options) {
  const up = "../".repeat(options.depth);
  const head = markup`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${SITE_CSP}"><meta name="referrer" content="no-referrer"><title>${options.title} · ${data.title}</title><link rel="stylesheet" href="${up}${STYLESHEET}"></head>`;
  const nav = markup`<header><nav aria-label="Site"><a href="${up}index.html">${data.title}</a><a href="${up}${PROMOTIONS_PAGE}">Promotion history</a></nav></header>`;
  const footer = markup`<footer>Written by modelship ${data.tool.version} on ${shownTime(data.created)}. Registry: ${data.registry.description}.</footer>`;
  const body = markup`<body><a class="skip" href="#main">Skip to content</a>${nav}\n<main id="main">\n${options.body}\n</main>\n${footer}</body>`;
  return `<!doctype html>
${markup`<html lang="en">${head}\n${body}</html>`.toString()}
`;
}
function versionLink(up, model, version, label = version) {
  return markup`<a href="${up}${versionPagePath(model, version)}">${label}</a>`;
}
function servedVersion(up, model, version, uri) {
  return version === "" ? markup`<code>${uri}</code> (not a release of ${model})` : versionLink(up, model, version);
}
function served(up, deployment) {
  const { model, stable, canary } = deployment;
  return [
    stable === void 0 ? "\u2014" : servedVersion(up, model, stable.version, stable.uri),
    canary === void 0 ? "\u2014" : markup`${servedVersion(up, model, canary.version, canary.uri)} at ${canary.weight}%`
  ];
}
function deployedIn(data, model, version) {
  const where = [];
  for (const deployment of data.deployments) {
    if (deployment.model !== model) continue;
    if (deployment.stable?.version === version) where.push(`${deployment.environment} (stable)`);
    if (deployment.canary?.version === version) where.push(`${deployment.environment} (canary ${deployment.canary.weight}%)`);
  }
  return where.length === 0 ? "\u2014" : where.join(", ");
}
function driftSeries(points) {
  const groups = /* @__PURE__ */ new Map();
  for (const point of points) {
    const key = JSON.stringify([point.model, point.environment]);
    let group = groups.get(key);
    if (group === void 0) groups.set(key, group = [point.model, point.environment, []]);
    group[2].push(point);
  }
  return [...groups.values()].sort(([m1, e1], [m2, e2]) => byCodeUnit(m1, m2) || byCodeUnit(e1, e2)).map(([model, environment, series]) => [model, environment, [...series].sort((a, b) => byCodeUnit(a.created, b.created))]);
}
function renderIndex(data) {
  const environments = "none" in data.gitops ? [] : data.gitops.environments;
  let deployments;
  if ("none" in data.gitops) deployments = note(markup`No GitOps repository: ${data.gitops.none}. This page shows the registry only.`);
  else {
    const rows = data.deployments.map((deployment) => {
      const [stable, canary] = served("", deployment);
      const hasDrift = data.drift.some((point) => point.model === deployment.model && point.environment === deployment.environment);
      return [
        deployment.model,
        deployment.environment,
        deployment.strategy,
        deployment.problem === void 0 ? stable : markup`<span class="status-fail">${deployment.problem}</span>`,
        canary,
        hasDrift ? markup`<a href="${driftPagePath(deployment.model, deployment.environment)}">trend</a>` : "\u2014"
      ];
    });
    const caption = `What each environment serves (${data.gitops.remote}, branch ${data.gitops.base})`;
    deployments = table(caption, ["Model", "Environment", "Strategy", "Stable", "Canary (weight)", "Drift"], rows);
  }
  const models = data.models.map((model) => {
    const rows = model.versions.map((version) => [
      versionLink("", model.name, version.version),
      shownTime(version.created),
      status(version.report?.verdict ?? version.gate.verdict),
      version.retired === void 0 ? "no" : markup`<span class="status-retired">retired ${shownTime(version.retired.at)}</span>`,
      deployedIn(data, model.name, version.version)
    ]);
    const caption = `Released versions of ${model.name}, newest first`;
    return markup`<h3>${model.name}</h3>${table(caption, ["Version", "Released", "Gate verdict", "Retired", "Serving"], rows)}`;
  });
  const series = driftSeries(data.drift);
  const drift = series.length === 0 ? note("No drift reports were given (--drift).") : markup`<ul>${series.map(
    ([model, environment, points]) => markup`<li><a href="${driftPagePath(model, environment)}">${model} in ${environment}</a> (${plural(points.length, "report")})</li>`
  )}</ul>`;
  const counts = [plural(data.models.length, "model"), ...environments.length > 0 ? [plural(environments.length, "environment")] : []];
  const body = markup`<h1>${data.title}</h1>
<p>${counts.join(", ")}. <a href="${PROMOTIONS_PAGE}">Promotion history</a>.</p>
<h2 id="environments">Models × environments</h2>
${deployments}
<h2 id="models">Models</h2>
${data.models.length === 0 ? note("The registry holds no model this site was told of.") : join(models)}
<h2 id="drift">Drift</h2>
${drift}`;
  return page(data, { title: "Models", depth: 0, body });
}
function fairnessSection(fairness) {
  const rateNames = [...new Set(fairness.groups.flatMap((group) => Object.keys(group.rates)))];
  const rate = (group, name) => {
    const ci = group.ci?.[name];
    return markup`${formatNumber(group.rates[name])}${ci === void 0 ? "" : markup` <span class="note">${formatInterval(ci)}</span>`}`;
  };
  const rows = fairness.groups.map((group) => [group.label, String(group.count), ...rateNames.map((name) => rate(group, name))]);
  const metricRows = fairness.metrics.map((metric) => [
    metric.name,
    formatNumber(metric.value),
    formatInterval(metric.ci),
    metric.worst ?? "\u2014"
  ]);
  const shown = rateNames.includes("selection_rate") ? "selection_rate" : rateNames[0];
  let chart = trusted("");
  if (shown !== void 0) {
    const bars = fairness.groups.flatMap((group) => {
      const value = group.rates[shown];
      const ci = group.ci?.[shown];
      return value === null || value === void 0 ? [] : [{ label: group.label, value, ...ci === void 0 ? {} : { ci } }];
    });
    const description = `${shown} of each group of ${fairness.grouping}, with its 95% interval where computed.`;
    chart = figure(
      barChart({ title: `${shown} by ${fairness.grouping}`, description, bars }),
      `${shown} by group of ${fairness.grouping}; the table below has every rate.`
    );
  }
  const caption = `Rates by group of ${fairness.grouping} (95% interval after each)`;
  return markup`<h3>By ${fairness.grouping}</h3>
${fairness.redacted ? note(`${fairness.grouping} is redacted: its groups are shown by pseudonym.`) : ""}
${fairness.privileged === void 0 ? "" : markup`<p>Privileged group: ${fairness.privileged}</p>`}
${chart}
${table(caption, ["Group", "Rows", ...rateNames], rows, [1])}
${metricRows.length === 0 ? "" : table(`Fairness metrics by ${fairness.grouping}`, ["Metric", "Value", "95% interval", "Worst group"], metricRows, [1])}`;
}
function explanationSection(version, explanations) {
  const method = explanations.method.replace(/_/g, " ");
  const sample = [
    ...explanations.rows === void 0 ? [] : [`${explanations.rows} rows`],
    ...explanations.repeats === void 0 ? [] : [`${explanations.repeats} repeats`]
  ];
  const chart = barChart({
    title: `${method} of each feature of ${version.model} ${version.version}`,
    description: "The drop in the score when the feature's values are shuffled, with its 95% interval; sensitive columns and their proxies are marked.",
    bars: explanations.features.flatMap((feature) => feature.importance === null ? [] : [{ ...feature, importance: feature.importance }]).map((feature) => ({
      label: feature.feature,
      value: feature.importance,
      ...feature.ci === void 0 ? {} : { ci: feature.ci },
      ...feature.sensitive === true || feature.proxy === true ? { className: "flagged" } : {}
    }))
  });
  const flag = (feature) => [feature.sensitive === true ? "sensitive" : "", feature.proxy === true ? "proxy" : ""].filter((word) => word !== "").join(", ") || "\u2014";
  const rows = explanations.features.map((feature) => [
    feature.feature,
    formatNumber(feature.importance),
    formatInterval(feature.ci),
    formatNumber(feature.std),
    flag(feature)
  ]);
  return markup`<h2 id="explanations">Explanations: ${method}</h2>
<p>How much ${explanations.metric ?? "the score"} drops when a column's values are shuffled${sample.length === 0 ? "" : ` (${sample.join(", ")})`}.</p>
${figure(chart, "Importance by feature; sensitive columns and proxies are marked. The table below has the numbers.")}
${table(`${method} by feature`, ["Feature", "Importance", "95% interval", "Std", "Flag"], rows, [1, 3])}`;
}
function threshold(gate) {
  const parts = [
    ...gate.threshold.min === void 0 ? [] : [`\u2265 ${formatNumber(gate.threshold.min)}`],
    ...gate.threshold.max === void 0 ? [] : [`\u2264 ${formatNumber(gate.threshold.max)}`]
  ];
  return parts.length === 0 ? "\u2014" : parts.join(", ");
}
function renderVersion(data, version) {
  const up = "../../";
  const gates = version.gates.map((gate2) => [
    gate2.name,
    status(gate2.status),
    gate2.severity,
    formatNumber(gate2.value),
    formatInterval(gate2.ci),
    formatNumber(gate2.observed),
    threshold(gate2),
    String(gate2.n),
    gate2.reason
  ]);
  const metrics = version.metrics.map((metric) => [metric.name, formatNumber(metric.value), formatInterval(metric.ci)]);
  const { lineage, provenance, retired, gate } = version;
  const retiredLine = retired === void 0 ? "" : markup`<p class="status-retired">Retired ${shownTime(retired.at)}${retired.by === void 0 ? "" : ` by ${retired.by}`}${retired.reason === void 0 ? "" : `: ${retired.reason}`}.</p>`;
  const summary = facts([
    ["Release", externalLink(version.url, version.tag)],
    ["Released", shownTime(version.created)],
    ["Gate verdict", status(version.report?.verdict ?? gate.verdict)],
    ["Serving", deployedIn(data, version.model, version.version)],
    ["Package digest", code(version.digest)]
  ]);
  const problems = version.problems.length === 0 ? "" : markup`<ul class="status-warn">${version.problems.map((problem) => markup`<li>${problem}</li>`)}</ul>`;
  const gateTable = gates.length === 0 ? note("No gate report in this release.") : table(
    "Gates: value, interval and status",
    ["Gate", "Status", "Severity", "Value", "95% interval", "Compared", "Threshold", "n", "Why"],
    gates,
    [3, 5, 7]
  );
  const metricTable = metrics.length === 0 ? note("No metrics recorded.") : table("Metrics with 95% bootstrap intervals", ["Metric", "Value", "95% interval"], metrics, [1]);
  const fairness = version.fairness.length === 0 ? note("No fairness groups were evaluated.") : join(version.fairness.map(fairnessSection));
  const card = version.card === void 0 ? note("This release has no model card.") : markup`<pre class="card">${version.card}</pre>`;
  const lineageFacts = facts([
    ["Model repository commit", code(lineage.gitSha)],
    [
      "Training run",
      lineage.runUrl === void 0 ? "\u2014" : (
        // A link only where the manifest's URL has the shape of a GitHub Actions run (github.com or a GitHub
        // Enterprise host): a release's files are the releaser's to write, and the page is the organisation's.
        /^https:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+\/actions\/runs\/\d+(\/attempts\/\d+)?\/?$/.test(lineage.runUrl) ? externalLink(lineage.runUrl, lineage.runUrl) : markup`${lineage.runUrl}`
      )
    ],
    ["Training config sha256", code(lineage.trainConfigSha256)],
    ["Run record sha256", code(lineage.runRecordSha256)],
    ["Previous version", lineage.previousVersion === void 0 ? "\u2014" : versionLink(up, version.model, lineage.previousVersion)],
    [
      "Champion compared with",
      lineage.champion === void 0 ? "\u2014" : markup`${lineage.champion.source} (${code(lineage.champion.sha256)})`
    ]
  ]);
  const dataTable = lineage.data.length === 0 ? "" : table(
    "Data the model was trained on",
    ["File", "sha256", "Bytes"],
    lineage.data.map((file) => [file.path, code(file.sha256), String(file.bytes)]),
    [2]
  );
  const gateRecord = `verdict ${gate.verdict}; report for these model bytes: ${gate.modelMatches ? "yes" : "no"}; released ungated: ${gate.allowUngated ? "yes" : "no"}${gate.reason === void 0 ? "" : `; ${gate.reason}`}`;
  const provenanceFacts = facts([
    ["Attestation", markup`${status(provenance.attestation.status)}: ${provenance.attestation.detail}`],
    ["Gate record", gateRecord],
    ["Gate report sha256", code(gate.reportSha256)],
    ["manifest.json sha256", code(provenance.manifestSha256)]
  ]);
  const files = table(
    "Files of the release",
    ["File", "Role", "sha256", "Bytes"],
    version.files.map((file) => [file.name, file.role, code(file.sha256), String(file.bytes)]),
    [3]
  );
  const body = markup`<h1>${version.model} ${version.version}</h1>
${retiredLine}
${summary}
${problems}
<h2 id="gates">Gates</h2>
${gateTable}
<h2 id="metrics">Metrics</h2>
${metricTable}
<h2 id="fairness">Fairness by group</h2>
${fairness}
${version.explanations === void 0 ? "" : explanationSection(version, version.explanations)}
<h2 id="card">Model card</h2>
${card}
<h2 id="lineage">Lineage</h2>
${lineageFacts}
${dataTable}
<h2 id="provenance">Provenance</h2>
${provenanceFacts}
${files}`;
  return page(data, { title: `${version.model} ${version.version}`, depth: 2, body });
}
function renderDrift(data, model, environment, points) {
  const limit = points.at(-1).threshold;
  const shareChart = lineChart({
    title: `Drifted share of ${model} in ${environment} over time`,
    description: `The weighted share of columns that drifted in each drift report, oldest to newest, against the threshold ${percent(limit)} at which the dataset counts as drifted.`,
    yLabel: "drifted share",
    yDomain: [0, 1],
    formatY: percent,
    threshold: { value: limit, label: `threshold ${percent(limit)}` },
    points: points.map((point) => ({
      x: Date.parse(point.created),
      y: point.share,
      className: statusClass(point.status),
      label: `${shownTime(point.created)}: ${percent(point.share)} (${point.status})`
    }))
  });
  const measured = points.filter((point) => point.performance !== void 0);
  let performance = trusted("");
  if (measured.length > 0) {
    const chart = lineChart({
      title: `Accuracy of ${model} in ${environment} over time`,
      description: "The accuracy measured on production rows that carry a label, per drift report.",
      yLabel: "accuracy",
      yDomain: [0, 1],
      points: measured.map((point) => ({
        x: Date.parse(point.created),
        y: point.performance.current,
        className: statusClass(point.performance.status),
        label: `${shownTime(point.created)}: ${formatNumber(point.performance.current)} (${point.performance.status})`
      }))
    });
    performance = markup`<h2 id="performance">Accuracy on labelled production data</h2>
${figure(chart, "Accuracy per report; the table below has the numbers.")}`;
  }
  const rows = points.map((point) => [
    shownTime(point.created),
    point.version ?? "\u2014",
    status(point.status),
    percent(point.share),
    `${point.driftedColumns.length} of ${point.columnsChecked}`,
    point.driftedColumns.join(", ") || "\u2014",
    point.performance === void 0 ? "\u2014" : `${formatNumber(point.performance.current)} (${point.performance.status})`
  ]);
  const body = markup`<h1>Drift of ${model} in ${environment}</h1>
<p>${plural(points.length, "drift report")} from ${shownTime(points[0].created)} to ${shownTime(points.at(-1).created)}.</p>
<h2 id="trend">Drifted share</h2>
${figure(shareChart, "Share of drifted columns per report; the dashed line is the drift threshold. The table below has the numbers.")}
${performance}
<h2 id="reports">Reports</h2>
${table(`Drift reports of ${model} in ${environment}, oldest first`, ["Created", "Version", "Status", "Drifted share", "Columns drifted", "Which", "Accuracy"], rows, [3])}`;
  return page(data, { title: `Drift of ${model} in ${environment}`, depth: 2, body });
}
function band(value, level) {
  return level === null || level === void 0 ? value : `${value} (${level})`;
}
function renderPromotions(data) {
  const released = (model, version) => data.models.some((entry) => entry.name === model && entry.versions.some((candidate) => candidate.version === version));
  const reference = (ref) => ref === void 0 ? "\u2014" : /^https?:/.test(ref) ? externalLink(ref, ref.replace(/^.*\/pull\//, "#")) : code(ref);
  const rows = [...data.promotions].sort((a, b) => byCodeUnit(b.mergedAt, a.mergedAt)).map((promotion) => [
    shownTime(promotion.mergedAt),
    promotion.model,
    released(promotion.model, promotion.version) ? versionLink("", promotion.model, promotion.version) : promotion.version,
    promotion.environment,
    promotion.action,
    shownTime(promotion.openedAt),
    reference(promotion.ref)
  ]);
  let history;
  if ("none" in data.gitops) history = note(`No GitOps repository: ${data.gitops.none}.`);
  else if (rows.length === 0) history = note(`No promotion by modelship in the history of ${data.gitops.remote}.`);
  else
    history = table(
      "Promotions merged into the GitOps repository, newest first",
      ["Merged", "Model", "Version", "Environment", "Action", "Opened", "Pull request or commit"],
      rows
    );
  const dora = data.dora;
  let doraSection;
  if (dora === void 0) doraSection = note("No DORA report was given (--dora).");
  else {
    const doraRows = dora.rows.map((row) => [
      row.model,
      row.environment,
      band(formatNumber(row.deploymentFrequency?.perWeek), row.deploymentFrequency?.band),
      band(formatNumber(row.leadTime?.medianHours), row.leadTime?.band),
      band(row.changeFailureRate?.rate == null ? "\u2014" : percent(row.changeFailureRate.rate), row.changeFailureRate?.band),
      band(formatNumber(row.timeToRestore?.medianHours), row.timeToRestore?.band)
    ]);
    const head = [
      "Model",
      "Environment",
      "Deployments a week",
      "Lead time (median hours)",
      "Change failure rate",
      "Time to restore (median hours)"
    ];
    doraSection = markup`<p>From ${dora.window.since} to ${dora.window.until} (${formatNumber(dora.window.days)} days).</p>
${table("DORA's four keys per model and environment", head, doraRows, [2, 3, 4, 5])}`;
  }
  const body = markup`<h1>Promotion history</h1>
<h2 id="history">Promotions</h2>
${history}
<h2 id="dora">DORA metrics</h2>
${doraSection}`;
  return page(data, { title: "Promotion history", depth: 0, body });
}
function renderSite(data) {
  const files = /* @__PURE__ */ new Map();
  const folded = /* @__PURE__ */ new Set();
  const add = (path, text) => {
    if (folded.has(path.toLowerCase())) throw new Error(`renderSite: two pages share ${path}`);
    folded.add(path.toLowerCase());
    files.set(path, text);
  };
  add(STYLESHEET, SITE_CSS);
  add("index.html", renderIndex(data));
  add(PROMOTIONS_PAGE, renderPromotions(data));
  for (const model of data.models)
    for (const version of model.versions) add(versionPagePath(model.name, version.version), renderVersion(data, version));
  for (const [model, environment, points] of driftSeries(data.drift))
    add(driftPagePath(model, environment), renderDrift(data, model, environment, points));
  return files;
}

// schemas/site-data.schema.json
var site_data_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/site-data.schema.json",
  title: "modelship site data",
  description: "What a `modelship site` dashboard shows, as data/site.json: every released version of each model (gate results with intervals, fairness by group with redacted groups as pseudonyms, importances, the model card, lineage, provenance), what each environment of the GitOps repository serves, the promotion history, the drift trend and the DORA figures.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema",
    "tool",
    "created",
    "title",
    "registry",
    "gitops",
    "models",
    "deployments",
    "promotions",
    "drift",
    "redactedColumns"
  ],
  properties: {
    schema: {
      const: "modelship/site-data@1",
      description: "The file format and its version."
    },
    tool: {
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: {
          const: "modelship",
          description: "Always modelship."
        },
        version: {
          type: "string",
          description: "The version of modelship."
        }
      },
      description: "The modelship that wrote it."
    },
    created: {
      type: "string",
      format: "date-time",
      description: "When the site was written (ISO 8601; --now sets it)."
    },
    title: {
      type: "string",
      description: "The site's title."
    },
    registry: {
      type: "object",
      additionalProperties: false,
      required: ["description"],
      properties: {
        description: {
          type: "string",
          description: "Where the registry is (a GitHub repository's releases or a folder's file:// URL)."
        }
      },
      description: "The model registry the versions were read from."
    },
    gitops: {
      oneOf: [
        {
          type: "object",
          additionalProperties: false,
          required: ["remote", "base", "environments"],
          properties: {
            remote: {
              type: "string",
              description: "The GitOps repository's git URL or path (without credentials)."
            },
            base: {
              type: "string",
              description: "The branch of the GitOps repository that was read."
            },
            environments: {
              type: "array",
              items: {
                type: "string"
              },
              description: "The environments of modelship.yaml's promote section that were read."
            }
          }
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["none"],
          properties: {
            none: {
              type: "string",
              description: "Why no GitOps repository was read."
            }
          }
        }
      ],
      description: "The GitOps repository read, or why none was."
    },
    models: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "versions"],
        properties: {
          name: {
            type: "string",
            description: "The model's name."
          },
          versions: {
            type: "array",
            items: {
              $ref: "#/$defs/version"
            },
            description: "The released versions, newest first."
          }
        }
      },
      description: "Every model shown, with its released versions."
    },
    deployments: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["model", "environment", "strategy"],
        properties: {
          model: {
            type: "string",
            description: "The model's name."
          },
          environment: {
            type: "string",
            description: "The environment (as promote.environments names it)."
          },
          strategy: {
            type: "string",
            description: "The environment's rollout strategy (canary, blue-green, direct, ab)."
          },
          stable: {
            type: "object",
            additionalProperties: false,
            required: ["version", "uri"],
            properties: {
              version: {
                type: "string",
                description: `The release's version; "" when the URI is not a release of this model.`
              },
              uri: {
                type: "string",
                description: "The model URI the manifest holds."
              }
            },
            description: "The model serving by default."
          },
          canary: {
            type: "object",
            additionalProperties: false,
            required: ["version", "uri", "weight"],
            properties: {
              version: {
                type: "string",
                description: `The release's version; "" when the URI is not a release of this model.`
              },
              uri: {
                type: "string",
                description: "The model URI the manifest holds."
              },
              weight: {
                type: "number",
                description: "The canary's share of traffic, in percent."
              }
            },
            description: "The model running as a canary beside the stable one, with its share of traffic."
          },
          problem: {
            type: "string",
            description: "Why the environment's state could not be read."
          }
        }
      },
      description: "What each environment of the GitOps repository serves, per model."
    },
    promotions: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["model", "version", "environment", "action", "openedAt", "mergedAt"],
        properties: {
          model: {
            type: "string",
            description: "The model's name."
          },
          version: {
            type: "string",
            description: 'The release the promotion is about; "" when unknown.'
          },
          environment: {
            type: "string",
            description: "The environment (as promote.environments names it)."
          },
          action: {
            type: "string",
            description: "The promotion's action as the history records it: start (with its weight), step, promote, rollback, direct or retire."
          },
          openedAt: {
            type: "string",
            description: "When the promotion pull request was opened, or its commit made (ISO 8601)."
          },
          mergedAt: {
            type: "string",
            description: "When the promotion was merged into the base branch (ISO 8601)."
          },
          ref: {
            type: "string",
            description: "The pull request's URL, or the merge commit's short sha."
          }
        }
      },
      description: "Every promotion merged into the GitOps repository's base branch."
    },
    drift: {
      type: "array",
      items: {
        $ref: "#/$defs/driftPoint"
      },
      description: "Every drift report seen, one point each, oldest first per model and environment."
    },
    dora: {
      type: "object",
      additionalProperties: false,
      required: ["created", "window", "rows"],
      properties: {
        created: {
          type: "string",
          description: "When the DORA report was made (ISO 8601)."
        },
        window: {
          type: "object",
          additionalProperties: false,
          required: ["since", "until", "days"],
          properties: {
            since: {
              type: "string",
              description: "The window's start (ISO 8601)."
            },
            until: {
              type: "string",
              description: "The window's end (ISO 8601)."
            },
            days: {
              type: "number",
              description: "The window's length in days."
            }
          },
          description: "The window the DORA figures cover."
        },
        rows: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["model", "environment"],
            properties: {
              model: {
                type: "string",
                description: "The model's name."
              },
              environment: {
                type: "string",
                description: "The environment (as promote.environments names it)."
              },
              deploymentFrequency: {
                type: "object",
                additionalProperties: false,
                required: ["perWeek", "band"],
                properties: {
                  perWeek: {
                    type: ["number", "null"],
                    description: "Deployments per week."
                  },
                  band: {
                    type: ["string", "null"],
                    description: "The performance level of the figure (elite, high, medium, low), or null when it has none."
                  }
                },
                description: "Promotions to 100% of traffic per week."
              },
              leadTime: {
                type: "object",
                additionalProperties: false,
                required: ["medianHours", "band"],
                properties: {
                  medianHours: {
                    type: ["number", "null"],
                    description: "The median, in hours, or null when nothing was measured."
                  },
                  band: {
                    type: ["string", "null"],
                    description: "The performance level of the figure (elite, high, medium, low), or null when it has none."
                  }
                },
                description: "Median hours from the model-repository commit to 100% of traffic."
              },
              changeFailureRate: {
                type: "object",
                additionalProperties: false,
                required: ["rate", "band"],
                properties: {
                  rate: {
                    type: ["number", "null"],
                    description: "The share of changes that failed, or null without changes."
                  },
                  band: {
                    type: ["string", "null"],
                    description: "The performance level of the figure (elite, high, medium, low), or null when it has none."
                  }
                },
                description: "Changes rolled back within the failure window, as a share of changes."
              },
              timeToRestore: {
                type: "object",
                additionalProperties: false,
                required: ["medianHours", "band"],
                properties: {
                  medianHours: {
                    type: ["number", "null"],
                    description: "The median, in hours, or null when nothing was measured."
                  },
                  band: {
                    type: ["string", "null"],
                    description: "The performance level of the figure (elite, high, medium, low), or null when it has none."
                  }
                },
                description: "Median hours from a rollback pull request's opening to its merge."
              }
            }
          },
          description: "Rows evaluated."
        }
      },
      description: "The DORA figures of the dora-report.json given with --dora."
    },
    redactedColumns: {
      type: "array",
      items: {
        type: "string"
      },
      description: "The columns whose values are redacted (names only)."
    }
  },
  $defs: {
    version: {
      type: "object",
      additionalProperties: false,
      required: [
        "model",
        "version",
        "tag",
        "url",
        "created",
        "digest",
        "gate",
        "metrics",
        "gates",
        "fairness",
        "lineage",
        "provenance",
        "files",
        "problems"
      ],
      properties: {
        model: {
          type: "string",
          description: "The model's name."
        },
        version: {
          type: "string",
          description: "The version."
        },
        tag: {
          type: "string",
          description: "The release tag."
        },
        url: {
          type: "string",
          description: "The release's page (a link only when http or https)."
        },
        created: {
          type: "string",
          description: "When the version was released (ISO 8601)."
        },
        digest: {
          type: "string",
          description: "The package digest: sha256 of the release's SHA256SUMS."
        },
        retired: {
          type: "object",
          additionalProperties: false,
          required: ["at"],
          properties: {
            at: {
              type: "string",
              description: "When the version was retired (ISO 8601)."
            },
            reason: {
              type: "string",
              description: "Why the version was retired."
            },
            by: {
              type: "string",
              description: "Who retired the version, when known."
            }
          },
          description: "The retirement mark, when the version is retired."
        },
        gate: {
          type: "object",
          additionalProperties: false,
          required: ["verdict", "modelMatches", "allowUngated"],
          properties: {
            verdict: {
              type: "string",
              description: "The gate verdict recorded at release: pass, warn, fail or missing."
            },
            modelMatches: {
              type: "boolean",
              description: "True when the gate report was made for exactly these model bytes."
            },
            allowUngated: {
              type: "boolean",
              description: "True when the version was released although its gate report was missing, failed or for other bytes."
            },
            reportSha256: {
              type: "string",
              description: "sha256 of gate-report.json as released."
            },
            reason: {
              type: "string",
              description: "Why the version was released without a passing gate, when it was."
            }
          },
          description: "The gate record of the release's manifest."
        },
        report: {
          type: "object",
          additionalProperties: false,
          required: ["verdict", "created", "summary"],
          properties: {
            verdict: {
              type: "string",
              description: "The gate report's verdict: pass, warn or fail."
            },
            created: {
              type: "string",
              description: "When the gate report was made (ISO 8601)."
            },
            task: {
              type: "string",
              description: "binary, multiclass or regression."
            },
            rows: {
              type: "number",
              description: "Rows of the test data the gate report evaluated."
            },
            summary: {
              type: "object",
              additionalProperties: {
                type: "number"
              },
              description: "How many gates ended in each status."
            }
          },
          description: "The gate report's verdict and summary, when the release has one that could be read."
        },
        metrics: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name", "value"],
            properties: {
              name: {
                type: "string",
                description: "The metric's name."
              },
              value: {
                type: ["number", "null"],
                description: "The point estimate; null when it could not be computed."
              },
              ci: {
                type: "array",
                items: {
                  type: "number"
                },
                minItems: 2,
                maxItems: 2,
                description: "The 95% confidence interval [low, high]."
              }
            }
          },
          description: "Metrics with their 95% bootstrap intervals."
        },
        gates: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["id", "kind", "name", "metric", "status", "severity", "value", "observed", "threshold", "n", "reason"],
            properties: {
              id: {
                type: "string",
                description: "The gate's stable id, e.g. quality:roc_auc:min."
              },
              kind: {
                type: "string",
                description: "quality, fairness, champion or explain."
              },
              name: {
                type: "string",
                description: 'What people read, e.g. "ROC AUC \u2265 0.85 (lower 95% CI bound)".'
              },
              metric: {
                type: "string",
                description: "The metric the gate judges."
              },
              status: {
                type: "string",
                description: "pass, warn, fail or insufficient_data."
              },
              severity: {
                type: "string",
                description: "fail or warn: what the gate does when it does not pass."
              },
              value: {
                type: ["number", "null"],
                description: "The point estimate; null when it could not be computed."
              },
              observed: {
                type: ["number", "null"],
                description: "The value compared with the threshold (the point estimate or an interval bound)."
              },
              ci: {
                type: "array",
                items: {
                  type: "number"
                },
                minItems: 2,
                maxItems: 2,
                description: "The 95% confidence interval [low, high]."
              },
              threshold: {
                type: "object",
                additionalProperties: false,
                required: [],
                properties: {
                  min: {
                    type: "number",
                    description: "The smallest value that passes."
                  },
                  max: {
                    type: "number",
                    description: "The largest value that passes."
                  }
                },
                description: "The gate's bounds."
              },
              n: {
                type: "number",
                description: "Rows the gate was judged on."
              },
              reason: {
                type: "string",
                description: "Why it has that status (group names of redacted columns as pseudonyms)."
              }
            }
          },
          description: "Every gate of the gate report."
        },
        fairness: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["grouping", "columns", "groups", "metrics", "redacted"],
            properties: {
              grouping: {
                type: "string",
                description: "The grouping's name: a sensitive column, or an intersection of several."
              },
              columns: {
                type: "array",
                items: {
                  type: "string"
                },
                description: "The columns the grouping is made of."
              },
              privileged: {
                type: "string",
                description: "The privileged group, as shown (a pseudonym when the grouping is redacted)."
              },
              groups: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["label", "count", "small", "rates"],
                  properties: {
                    label: {
                      type: "string",
                      description: "The group's name; a pseudonym when a column of the grouping is redacted."
                    },
                    count: {
                      type: "number",
                      description: "Rows in the group."
                    },
                    small: {
                      type: "boolean",
                      description: "True when the group has fewer rows than min_group_size."
                    },
                    rates: {
                      type: "object",
                      additionalProperties: {
                        type: ["number", "null"]
                      },
                      description: "Each rate (selection_rate, tpr, fpr\u2026) of the group; null where undefined."
                    },
                    ci: {
                      type: "object",
                      additionalProperties: {
                        type: "array",
                        items: {
                          type: "number"
                        },
                        minItems: 2,
                        maxItems: 2,
                        description: "The 95% confidence interval [low, high]."
                      },
                      description: "The 95% confidence interval [low, high]."
                    }
                  }
                },
                description: "One row per group of the grouping."
              },
              metrics: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["name", "value"],
                  properties: {
                    name: {
                      type: "string",
                      description: "The metric's name."
                    },
                    value: {
                      type: ["number", "null"],
                      description: "The point estimate; null when it could not be computed."
                    },
                    ci: {
                      type: "array",
                      items: {
                        type: "number"
                      },
                      minItems: 2,
                      maxItems: 2,
                      description: "The 95% confidence interval [low, high]."
                    },
                    worst: {
                      type: "string",
                      description: "The group with the worst value, as shown."
                    }
                  }
                },
                description: "Fairness metrics of the grouping, with their intervals and worst group."
              },
              redacted: {
                type: "boolean",
                description: "True when a column of the grouping is redacted: its group names are pseudonyms."
              }
            }
          },
          description: "Fairness by group, one entry per grouping of sensitive columns."
        },
        explanations: {
          type: "object",
          additionalProperties: false,
          required: ["method", "features"],
          properties: {
            method: {
              type: "string",
              description: "How the importances were computed (permutation_importance)."
            },
            metric: {
              type: "string",
              description: "The metric whose drop is measured."
            },
            rows: {
              type: "number",
              description: "Rows of the sample the importances were computed on."
            },
            repeats: {
              type: "number",
              description: "How many shuffles of each column were averaged."
            },
            features: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["feature", "importance"],
                properties: {
                  feature: {
                    type: "string",
                    description: "The input column."
                  },
                  importance: {
                    type: ["number", "null"],
                    description: "The drop in the metric when the column's values are shuffled (mean over the repeats); null where the metric is undefined on the sample."
                  },
                  std: {
                    type: "number",
                    description: "Standard deviation of the drops over the repeats."
                  },
                  ci: {
                    type: "array",
                    items: {
                      type: "number"
                    },
                    minItems: 2,
                    maxItems: 2,
                    description: "The 95% confidence interval [low, high]."
                  },
                  sensitive: {
                    type: "boolean",
                    description: "True for a sensitive column."
                  },
                  proxy: {
                    type: "boolean",
                    description: "True for a column listed as a proxy of a sensitive one."
                  }
                }
              },
              description: "One row per input column, largest importance first."
            }
          },
          description: "Permutation importance of the model's input columns, from the gate report's explanations section."
        },
        card: {
          type: "string",
          description: "The model card's markdown, shown as text; lines where a PII detector fires are replaced."
        },
        lineage: {
          type: "object",
          additionalProperties: false,
          required: ["data"],
          properties: {
            gitSha: {
              type: "string",
              description: "The model-repository commit the release was built from."
            },
            runUrl: {
              type: "string",
              description: "The training run's page."
            },
            data: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["path", "sha256", "bytes"],
                properties: {
                  path: {
                    type: "string",
                    description: "The data file's path in the model repository."
                  },
                  sha256: {
                    type: "string",
                    description: "The file's sha256 (hex)."
                  },
                  bytes: {
                    type: "number",
                    description: "The file's size in bytes."
                  }
                }
              },
              description: "The data files the model was trained on, with their sha256 and size."
            },
            trainConfigSha256: {
              type: "string",
              description: "sha256 of the training configuration."
            },
            runRecordSha256: {
              type: "string",
              description: "sha256 of the training run record."
            },
            previousVersion: {
              type: "string",
              description: "The version this one was compared with in its release notes."
            },
            champion: {
              type: "object",
              additionalProperties: false,
              required: ["source", "sha256"],
              properties: {
                source: {
                  type: "string",
                  description: "Where the champion came from."
                },
                sha256: {
                  type: "string",
                  description: "sha256 of the champion's model file."
                }
              },
              description: "The model the gate report compared this one with."
            }
          },
          description: "Where the version came from: commit, training run, data, previous version, champion."
        },
        provenance: {
          type: "object",
          additionalProperties: false,
          required: ["attestation"],
          properties: {
            manifestSha256: {
              type: "string",
              description: "sha256 of manifest.json as the registry holds it (the gate record that is attested)."
            },
            attestation: {
              type: "object",
              additionalProperties: false,
              required: ["status", "detail"],
              properties: {
                status: {
                  enum: ["verified", "not-checked", "not-verified"],
                  description: "verified, not-checked (a folder registry, provenance off) or not-verified."
                },
                detail: {
                  type: "string",
                  description: "What verified, or why nothing did or nothing was checked."
                }
              },
              description: "Whether the release's build-provenance attestations verified, and why or why not."
            }
          },
          description: "The release's attestation status and the hashes it rests on."
        },
        files: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name", "role", "sha256", "bytes"],
            properties: {
              name: {
                type: "string",
                description: "The file's name in the release."
              },
              role: {
                type: "string",
                description: "What the file is for (model, gate-report, model-card\u2026)."
              },
              sha256: {
                type: "string",
                description: "The file's sha256 (hex)."
              },
              bytes: {
                type: "number",
                description: "The file's size in bytes."
              }
            }
          },
          description: "Every file of the release."
        },
        problems: {
          type: "array",
          items: {
            type: "string"
          },
          description: "What could not be read of the release (a missing gate report, a file that does not match its sha256)."
        }
      }
    },
    driftPoint: {
      description: "One drift report, as a point of its model's trend in its environment.",
      type: "object",
      additionalProperties: false,
      required: ["model", "environment", "created", "status", "share", "threshold", "driftedColumns", "columnsChecked"],
      properties: {
        model: {
          type: "string",
          description: "The model the drift report is about (model.name)."
        },
        environment: {
          type: "string",
          description: 'The environment it watched ("default" when the report names none).'
        },
        created: {
          type: "string",
          format: "date-time",
          description: "When the drift report was made."
        },
        version: {
          type: "string",
          description: "The release it compared with."
        },
        status: {
          enum: ["ok", "warn", "drift", "insufficient_data"],
          description: "The report's dataset status: ok, warn, drift or insufficient_data."
        },
        share: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Weighted share of counted columns that drifted."
        },
        threshold: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "The share at which the dataset counts as drifted (settings.share)."
        },
        driftedColumns: {
          type: "array",
          items: {
            type: "string"
          },
          description: "The columns that drifted."
        },
        columnsChecked: {
          type: "integer",
          minimum: 0,
          description: "How many columns the drift check judged."
        },
        performance: {
          type: "object",
          additionalProperties: false,
          required: ["metric", "current", "status"],
          properties: {
            metric: {
              type: "string",
              description: "The metric measured (accuracy)."
            },
            current: {
              type: "number",
              description: "The value on the current data."
            },
            reference: {
              type: "number",
              description: "The value on the reference (the release's evaluation)."
            },
            status: {
              type: "string",
              description: "The accuracy's status: ok, warn or drift."
            }
          },
          description: "The accuracy measured on labelled production rows, when the report has it."
        }
      }
    }
  }
};

// schemas/drift-history.schema.json
var drift_history_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/drift-history.schema.json",
  title: "modelship drift history",
  description: "Every drift report `modelship site` has seen, one point each, deduplicated by model, environment and created time: data/drift-history.json of a site. Give it back to `modelship site --drift` to carry the trend forward.",
  type: "object",
  additionalProperties: false,
  required: ["schema", "points"],
  properties: {
    schema: {
      const: "modelship/drift-history@1",
      description: "The file format and its version."
    },
    points: {
      type: "array",
      items: {
        $ref: "#/$defs/point"
      },
      description: "Every drift report seen, one point each."
    }
  },
  $defs: {
    point: {
      description: "One drift report, as a point of its model's trend in its environment.",
      type: "object",
      additionalProperties: false,
      required: ["model", "environment", "created", "status", "share", "threshold", "driftedColumns", "columnsChecked"],
      properties: {
        model: {
          type: "string",
          description: "The model the drift report is about (model.name)."
        },
        environment: {
          type: "string",
          description: 'The environment it watched ("default" when the report names none).'
        },
        created: {
          type: "string",
          format: "date-time",
          description: "When the drift report was made."
        },
        version: {
          type: "string",
          description: "The release it compared with."
        },
        status: {
          enum: ["ok", "warn", "drift", "insufficient_data"],
          description: "The report's dataset status: ok, warn, drift or insufficient_data."
        },
        share: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Weighted share of counted columns that drifted."
        },
        threshold: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "The share at which the dataset counts as drifted (settings.share)."
        },
        driftedColumns: {
          type: "array",
          items: {
            type: "string"
          },
          description: "The columns that drifted."
        },
        columnsChecked: {
          type: "integer",
          minimum: 0,
          description: "How many columns the drift check judged."
        },
        performance: {
          type: "object",
          additionalProperties: false,
          required: ["metric", "current", "status"],
          properties: {
            metric: {
              type: "string",
              description: "The metric measured (accuracy)."
            },
            current: {
              type: "number",
              description: "The value on the current data."
            },
            reference: {
              type: "number",
              description: "The value on the reference (the release's evaluation)."
            },
            status: {
              type: "string",
              description: "The accuracy's status: ok, warn or drift."
            }
          },
          description: "The accuracy measured on labelled production rows, when the report has it."
        }
      }
    }
  }
};

// src/stages/site-stage.ts
var DEFAULT_SITE_OUT = ".modelship/site";
var DEFAULT_TITLE = "Model dashboard";
var DRIFT_REPORT_NAME = "drift-report.json";
async function readJsonInput(path, flag, what) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`${errnoCode(error) === "ENOENT" ? "no such file" : getErrorMessage(error)} (${flag})`, {
      file: path,
      hint: `give ${flag} the path of a ${what}`
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`not valid JSON (${flag}): ${getErrorMessage(error)}`, {
      file: path,
      ...jsonErrorPosition(error),
      hint: `give ${flag} a ${what} as modelship writes it`
    });
  }
}
async function findDriftReports(dir) {
  const found = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const entry of entries) {
    const path = join2(dir, entry.name);
    if (entry.isDirectory()) found.push(...await findDriftReports(path));
    else if (entry.isFile() && entry.name === DRIFT_REPORT_NAME) found.push(path);
  }
  return found;
}
function driftPoint(report, path, fallbackModel, warn) {
  const model = report.model?.name ?? fallbackModel;
  if (model === void 0) {
    warn(`${path} names no model (model.name) and modelship.yaml has no model: it is left out of the drift trend`);
    return void 0;
  }
  return {
    model,
    environment: report.environment ?? "default",
    created: new Date(report.created).toISOString(),
    ...report.model?.version === void 0 ? {} : { version: report.model.version },
    status: report.status,
    share: report.share,
    threshold: report.settings.share,
    driftedColumns: [...report.drifted_columns],
    columnsChecked: report.columns_checked,
    ...report.performance === void 0 ? {} : {
      performance: {
        metric: report.performance.metric,
        current: report.performance.current,
        ...report.performance.reference === void 0 ? {} : { reference: report.performance.reference },
        status: report.performance.status
      }
    }
  };
}
async function readDriftInputs(paths, fallbackModel, warn) {
  const fromHistory = /* @__PURE__ */ new Map();
  const fromReports = /* @__PURE__ */ new Map();
  const add = (into, point, file) => {
    if (!isModelName(point.model)) {
      warn(`${file}: ${JSON.stringify(point.model)} is not a valid model name: its drift point is left out`);
      return;
    }
    const created = new Date(point.created);
    if (Number.isNaN(created.getTime())) {
      warn(`${file}: ${JSON.stringify(point.created)} is not a time: its drift point is left out`);
      return;
    }
    const normal = { ...point, created: created.toISOString() };
    into.set(JSON.stringify([normal.model, normal.environment, normal.created]), normal);
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UserError("no such file or folder (--drift)", {
        file: path,
        hint: "give --drift a drift-report.json, a folder holding drift-report.json files, or a previous site's data/drift-history.json"
      });
    }
    const files = info.isDirectory() ? await findDriftReports(path) : [path];
    if (info.isDirectory() && files.length === 0) warn(`--drift ${path}: no ${DRIFT_REPORT_NAME} in this folder`);
    for (const file of files) {
      const data = await readJsonInput(file, "--drift", "drift-report.json or data/drift-history.json");
      if (typeof data === "object" && data !== null && data.schema === DRIFT_HISTORY_SCHEMA) {
        if (info.isDirectory()) {
          warn(`${file} holds a drift history, not a drift report: left out (give a history to --drift as a file of its own)`);
          continue;
        }
        const history = assertValid(drift_history_schema_default, data, { file, what: "drift history (--drift)" });
        for (const point2 of history.points) add(fromHistory, point2, file);
        continue;
      }
      const report = assertValid(drift_report_schema_default, data, { file, what: "drift report (--drift)" });
      const point = driftPoint(report, file, fallbackModel, warn);
      if (point !== void 0) add(fromReports, point, file);
    }
  }
  const points = new Map([...fromHistory, ...fromReports]);
  return [...points.values()].sort(
    (a, b) => byCodeUnit(a.model, b.model) || byCodeUnit(a.environment, b.environment) || byCodeUnit(a.created, b.created)
  );
}
async function readDora(path) {
  const data = await readJsonInput(path, "--dora", "dora-report.json (modelship dora)");
  const report = assertValid(dora_report_schema_default, data, { file: path, what: "DORA report (--dora)" });
  return {
    created: report.created,
    window: report.window,
    rows: report.models.map((figures) => ({
      model: figures.model,
      environment: figures.environment,
      deploymentFrequency: { perWeek: figures.deploymentFrequency.perWeek, band: figures.deploymentFrequency.band },
      leadTime: { medianHours: figures.leadTime.medianHours, band: figures.leadTime.band },
      changeFailureRate: { rate: figures.changeFailureRate.rate, band: figures.changeFailureRate.band },
      timeToRestore: { medianHours: figures.timeToRestore.medianHours, band: figures.timeToRestore.band }
    }))
  };
}
async function readGitOps(options, run, loaded, model) {
  const inputs = options.gitops;
  const configured = loaded.config?.promote;
  if (configured === void 0 && inputs.remote === void 0 && inputs.gitopsRepo === void 0)
    return {
      gitops: { none: "modelship.yaml has no promote section, and neither --remote nor --gitops-repo was given" },
      deployments: [],
      promotions: []
    };
  const settings = resolveGitOps(
    { repository: inputs.gitopsRepo, remote: inputs.remote, base: inputs.base, serverUrl: run.serverUrl },
    loaded
  );
  const token = inputs.gitopsToken ?? run.token;
  const names = environmentNames(loaded);
  const tagFormat = inputs.tagFormat ?? loaded.config?.release?.tag_format;
  const clone = { remote: settings.remote, base: settings.base, depth: 1, ...token === void 0 ? {} : { token }, logger: run.logger };
  const { deployments, gitEvents } = await withClone(clone, async (workspace) => {
    const read = manifestReader(workspace, `origin/${settings.base}`);
    const found = [];
    for (const name of names) {
      const environment = resolveEnvironment(name, loaded);
      try {
        const state = await readEnvironmentState(read, environment, run.logger);
        const uri = state.stable?.uri ?? state.canary?.uri;
        const served2 = (uri === void 0 ? void 0 : parseModelUri(uri, tagFormat)?.model) ?? model ?? "(unknown)";
        const owned = (deployed) => deployed === void 0 ? void 0 : { version: sameModel(deployed.uri, served2, tagFormat) ? deployed.version : "", uri: deployed.uri };
        const stable = owned(state.stable);
        const canary = state.canary === void 0 ? void 0 : { ...owned(state.canary), weight: state.canary.weight };
        found.push({
          model: served2,
          environment: name,
          strategy: environment.strategy,
          ...stable === void 0 ? {} : { stable },
          ...canary === void 0 ? {} : { canary }
        });
      } catch (error) {
        if (!isUserError(error)) throw error;
        found.push({ model: model ?? "(unknown)", environment: name, strategy: environment.strategy, problem: error.message });
      }
    }
    const useGitHub = settings.repository !== void 0 && token !== void 0 && token !== "";
    return { deployments: found, gitEvents: useGitHub ? void 0 : await readGitHistory(workspace) };
  });
  let events;
  if (gitEvents !== void 0) events = gitEvents;
  else {
    const client = createGitHubClient({ token, logger: run.logger, userAgentVersion: run.toolVersion });
    events = await readPullRequestHistory(client, { repository: settings.repository, base: settings.base, since: /* @__PURE__ */ new Date(0) });
  }
  const promotions = events.map((event) => ({
    model: event.model,
    version: event.version,
    environment: event.environment,
    action: event.action,
    openedAt: event.openedAt,
    mergedAt: event.mergedAt,
    ...event.url !== void 0 ? { ref: event.url } : event.ref === "" ? {} : { ref: event.ref }
  }));
  return { gitops: { remote: redactRemote(settings.remote), base: settings.base, environments: names }, deployments, promotions };
}
function sameModel(uri, model, tagFormat) {
  const named = parseModelUri(uri, tagFormat)?.model;
  return named === void 0 || named === model;
}
async function registryModels(store) {
  if (!(store instanceof LocalStore)) return [];
  try {
    const entries = await readdir(store.root, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && isModelName(entry.name)).map((entry) => entry.name);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
    throw error;
  }
}
var ReleaseFiles = class {
  #store;
  #scratch;
  #downloaded = /* @__PURE__ */ new Map();
  constructor(store, scratch) {
    this.#store = store;
    this.#scratch = scratch;
  }
  async read(manifest, name) {
    const entry = manifest.files.find((file) => file.name === name);
    if (entry === void 0) throw new Error(`${name} is not in the manifest`);
    let dir;
    if (this.#store instanceof LocalStore) dir = join2(this.#store.root, manifest.name, manifest.version);
    else {
      const key = `${manifest.name}@${manifest.version}`;
      let folder = this.#downloaded.get(key);
      if (folder === void 0) {
        folder = join2(this.#scratch, String(this.#downloaded.size));
        await mkdir(folder, { recursive: true });
        const shown = manifest.files.filter((file) => file.role === "gate-report" || file.role === "model-card").map((file) => file.name);
        await this.#store.download(manifest.name, manifest.version, folder, { only: shown });
        this.#downloaded.set(key, folder);
      }
      dir = folder;
    }
    const bytes = await readFile(join2(dir, name));
    if (createHash2("sha256").update(bytes).digest("hex") !== entry.sha256)
      throw new Error(`${name} does not match its sha256 in the release's manifest; it is not shown`);
    return bytes;
  }
};
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function num(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
function interval(value) {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && typeof value[1] === "number" ? [value[0], value[1]] : void 0;
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function stringsOf(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}
function groupNames(section, redactor) {
  const columns = stringsOf(section.columns);
  const redacted = columns.some((column) => redactor.redacts(column));
  const groups = (Array.isArray(section.groups) ? section.groups : []).filter(isObject);
  const raw = [.../* @__PURE__ */ new Set([...groups.map((group) => str(group.label) ?? ""), str(section.privileged) ?? ""])].filter(
    (label) => label !== "" && !isRedacted(label)
  );
  raw.sort(byCodeUnit);
  const names = /* @__PURE__ */ new Map();
  raw.forEach((label, index) => {
    if (redacted) names.set(label, redactor.keyed ? redactor.hide(label) : `[redacted ${index + 1}]`);
    else names.set(label, redactor.value(columns.length === 1 ? columns[0] : void 0, label));
  });
  return names;
}
function redactFairness(section, redactor) {
  const columns = stringsOf(section.columns);
  const names = groupNames(section, redactor);
  const label = (text) => names.get(text) ?? (isRedacted(text) ? text : redactor.value(void 0, text));
  const groups = (Array.isArray(section.groups) ? section.groups : []).filter(isObject).map((group) => ({
    label: label(str(group.label) ?? ""),
    count: num(group.count) ?? 0,
    small: group.small === true,
    rates: Object.fromEntries(Object.entries(isObject(group.rates) ? group.rates : {}).map(([name, value]) => [name, num(value)])),
    ...isObject(group.ci) ? { ci: Object.fromEntries(Object.entries(group.ci).flatMap(([name, value]) => interval(value) ? [[name, interval(value)]] : [])) } : {}
  }));
  const metrics = Object.entries(isObject(section.metrics) ? section.metrics : {}).filter(([, value]) => isObject(value)).map(([name, value]) => {
    const metric = value;
    const worst = str(metric.worst);
    const ci = interval(metric.ci);
    return { name, value: num(metric.value), ...ci ? { ci } : {}, ...worst === void 0 ? {} : { worst: label(worst) } };
  });
  const privileged = str(section.privileged);
  return {
    grouping: str(section.grouping) ?? columns.join(" \xD7 "),
    columns,
    ...privileged === void 0 ? {} : { privileged: label(privileged) },
    groups,
    metrics,
    redacted: columns.some((column) => redactor.redacts(column))
  };
}
function readExplanations(value) {
  if (!isObject(value)) return void 0;
  const list = Array.isArray(value.features) ? value.features : Array.isArray(value.importances) ? value.importances : [];
  const features = list.filter(isObject).flatMap((feature) => {
    const name = str(feature.feature) ?? str(feature.name);
    const importance = num(feature.importance) ?? num(feature.mean);
    if (name === void 0) return [];
    const ci = interval(feature.ci);
    const std = num(feature.std);
    return [
      {
        feature: name,
        importance,
        ...std === null ? {} : { std },
        ...ci ? { ci } : {},
        ...feature.sensitive === true ? { sensitive: true } : {},
        ...feature.proxy === true ? { proxy: true } : {}
      }
    ];
  });
  features.sort((a, b) => (b.importance ?? -Infinity) - (a.importance ?? -Infinity) || byCodeUnit(a.feature, b.feature));
  const metric = str(value.metric);
  const rows = num(value.rows);
  const repeats = num(value.repeats);
  return {
    method: str(value.method) ?? "permutation importance",
    ...metric === void 0 ? {} : { metric },
    ...rows === null ? {} : { rows },
    ...repeats === null ? {} : { repeats },
    features
  };
}
function redactCard(card, redactor) {
  return card.split("\n").map((line) => line.trim() === "" || redactor.value(void 0, line) === line ? line : "[redacted line]").join("\n");
}
async function readVersion(located, files, redactor, provenance, retired) {
  const manifest = located.manifest;
  const problems = [];
  const version = {
    model: manifest.name,
    version: manifest.version,
    tag: manifest.tag,
    url: located.url,
    created: manifest.created,
    digest: manifest.digest,
    ...retired === void 0 ? {} : { retired },
    gate: {
      verdict: manifest.gate.verdict,
      modelMatches: manifest.gate.modelMatches,
      allowUngated: manifest.gate.allowUngated,
      ...manifest.gate.reportSha256 === void 0 ? {} : { reportSha256: manifest.gate.reportSha256 },
      ...manifest.gate.reason === void 0 ? {} : { reason: manifest.gate.reason }
    },
    metrics: Object.entries(manifest.metrics).map(([name, estimate]) => ({
      name,
      value: estimate.value,
      ...estimate.ci ? { ci: estimate.ci } : {}
    })),
    gates: [],
    fairness: [],
    lineage: {
      ...manifest.lineage.gitSha === void 0 ? {} : { gitSha: manifest.lineage.gitSha },
      ...manifest.lineage.runUrl === void 0 ? {} : { runUrl: manifest.lineage.runUrl },
      data: manifest.lineage.data ?? [],
      ...manifest.lineage.trainConfigSha256 === void 0 ? {} : { trainConfigSha256: manifest.lineage.trainConfigSha256 },
      ...manifest.lineage.runRecordSha256 === void 0 ? {} : { runRecordSha256: manifest.lineage.runRecordSha256 },
      ...manifest.lineage.previousVersion === void 0 ? {} : { previousVersion: manifest.lineage.previousVersion }
    },
    provenance: { manifestSha256: located.manifestSha256, attestation: provenance },
    files: manifest.files.map((file) => ({ name: file.name, role: file.role, sha256: file.sha256, bytes: file.bytes })),
    problems
  };
  const gateFile = manifest.files.find((file) => file.role === "gate-report");
  let report;
  if (gateFile === void 0) problems.push("the release has no gate report");
  else {
    try {
      const parsed = JSON.parse((await files.read(manifest, gateFile.name)).toString("utf8"));
      const upgraded = upgradeBySchema(gate_report_schema_default, parsed, { file: gateFile.name, what: "gate report" });
      if (!isObject(upgraded)) throw new Error("it is not a JSON object");
      report = upgraded;
      readGateReport(report, version, redactor);
    } catch (error) {
      problems.push(`the gate report could not be read: ${getErrorMessage(error)}`);
    }
  }
  const cardFile = manifest.files.find((file) => file.role === "model-card");
  if (cardFile !== void 0) {
    try {
      const card = redactCard((await files.read(manifest, cardFile.name)).toString("utf8"), redactor);
      version.card = report === void 0 ? card : replaceGroupNames(card, void 0, report, redactor);
    } catch (error) {
      problems.push(`the model card could not be read: ${getErrorMessage(error)}`);
    }
  }
  return version;
}
function readGateReport(report, version, redactor) {
  const summary = isObject(report.summary) ? Object.fromEntries(Object.entries(report.summary).flatMap(([key, value]) => typeof value === "number" ? [[key, value]] : [])) : {};
  const model = isObject(report.model) ? report.model : {};
  const data = isObject(report.data) ? report.data : {};
  const task = str(model.task);
  const rows = num(data.rows);
  version.report = {
    verdict: str(report.verdict) ?? "unknown",
    created: str(report.created) ?? "",
    ...task === void 0 ? {} : { task },
    ...rows === null ? {} : { rows },
    summary
  };
  if (isObject(report.metrics))
    version.metrics = Object.entries(report.metrics).filter(([, value]) => isObject(value)).map(([name, value]) => {
      const ci = interval(value.ci);
      return { name, value: num(value.value), ...ci ? { ci } : {} };
    });
  version.gates = (Array.isArray(report.gates) ? report.gates : []).filter(isObject).map((gate) => {
    const threshold2 = isObject(gate.threshold) ? gate.threshold : {};
    const ci = interval(gate.ci);
    const min = num(threshold2.min);
    const max = num(threshold2.max);
    return {
      id: str(gate.id) ?? "",
      kind: str(gate.kind) ?? "",
      name: str(gate.name) ?? str(gate.id) ?? "",
      metric: str(gate.metric) ?? "",
      status: str(gate.status) ?? "",
      severity: str(gate.severity) ?? "",
      value: num(gate.value),
      observed: num(gate.observed),
      ...ci ? { ci } : {},
      threshold: { ...min === null ? {} : { min }, ...max === null ? {} : { max } },
      n: num(gate.n) ?? 0,
      // A gate's reason may quote a group's name (fairness gates name the worst group).
      reason: replaceGroupNames(str(gate.reason) ?? "", str(gate.grouping), report, redactor)
    };
  });
  version.fairness = (Array.isArray(report.fairness) ? report.fairness : []).filter(isObject).map((section) => redactFairness(section, redactor));
  const explanations = readExplanations(report.explanations);
  if (explanations !== void 0) version.explanations = explanations;
  if (isObject(report.champion)) {
    const source = str(report.champion.source);
    const sha256 = str(report.champion.sha256);
    if (source !== void 0 && sha256 !== void 0) version.lineage.champion = { source, sha256 };
  }
}
function replaceGroupNames(reason, grouping, report, redactor) {
  let text = reason;
  for (const section of (Array.isArray(report.fairness) ? report.fairness : []).filter(isObject)) {
    if (grouping !== void 0 && section.grouping !== grouping) continue;
    const names = [...groupNames(section, redactor)].filter(([raw, shown]) => raw !== shown).sort(([a], [b]) => b.length - a.length);
    for (const [raw, shown] of names) {
      for (const form of /* @__PURE__ */ new Set([raw, escapeMarkdown(raw)]))
        text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, "gu"), () => shown);
    }
  }
  return text;
}
async function checkOutDir(outDir) {
  let entries;
  try {
    if (!(await lstat(outDir)).isDirectory())
      throw new UserError(`--out ${outDir} is a file, not a folder`, { hint: "give --out a folder of its own (default .modelship/site)" });
    entries = await readdir(outDir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    throw error;
  }
  if (entries.length === 0) return;
  let previous;
  try {
    previous = JSON.parse(await readFile(join2(outDir, "data", "site.json"), "utf8"));
  } catch {
    previous = void 0;
  }
  if (!isObject(previous) || previous.schema !== SITE_SCHEMA)
    throw new UserError(`--out ${outDir} holds files that are not a site modelship wrote; it would be replaced whole`, {
      hint: "give --out an empty or new folder, or the folder of a previous `modelship site`"
    });
}
async function writeSiteFolder(outDir, files) {
  const parent = dirname(resolve(outDir));
  await mkdir(parent, { recursive: true });
  const staging = join2(parent, `.${basename(outDir)}.${randomBytes(6).toString("hex")}.tmp`);
  const old = `${staging}.old`;
  try {
    for (const [path, text] of files) {
      const target = join2(staging, path);
      if (!resolve(target).startsWith(resolve(staging) + sep)) throw new Error(`internal error: ${path} leaves the site`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    let replaced = false;
    try {
      await rename(outDir, old);
      replaced = true;
    } catch (error) {
      if (errnoCode(error) !== "ENOENT") throw error;
    }
    try {
      await rename(staging, outDir);
    } catch (error) {
      if (replaced) await rename(old, outDir).catch(() => void 0);
      throw error;
    }
    if (replaced) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const problem = {
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "the file system is read-only",
      ENOSPC: "the disk is full"
    }[errnoCode(error) ?? ""];
    if (problem === void 0) throw error;
    throw new UserError(`cannot write the site to ${outDir}: ${problem}`, { hint: "choose another --out folder", cause: error });
  }
}
async function runSiteStage(options, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const now = options.now ?? /* @__PURE__ */ new Date();
  const outDir = options.outDir ?? DEFAULT_SITE_OUT;
  await checkOutDir(outDir);
  const configModel = loaded.config?.model;
  const warn = (text) => {
    run.logger.warning(text);
  };
  const drift = await readDriftInputs(options.drift ?? [], configModel, warn);
  const dora = options.dora === void 0 ? void 0 : await readDora(options.dora);
  const redactor = await contractRedactor(loaded);
  const store = openRunRegistry(run, loaded, { registry: options.gitops.registry, tagFormat: options.gitops.tagFormat });
  const view = await readGitOps(options, run, loaded, configModel);
  const wanted = options.models === void 0 ? void 0 : new Set(options.models);
  const found = /* @__PURE__ */ new Set([
    ...await registryModels(store),
    ...configModel === void 0 ? [] : [configModel],
    ...view.deployments.map((deployment) => deployment.model),
    ...view.promotions.map((promotion) => promotion.model),
    ...drift.map((point) => point.model),
    ...options.models ?? []
  ]);
  const names = [...found].filter((name) => name !== "(unknown)" && (wanted === void 0 || wanted.has(name))).sort(byCodeUnit);
  const registrySpec = resolveRegistry(options.gitops.registry, loaded, run.defaultRegistry);
  const scratch = await mkdtemp(join2(tmpdir(), "modelship-site-"));
  let models;
  try {
    const files = new ReleaseFiles(store, scratch);
    models = [];
    for (const name of names) {
      const listed = await store.list(name);
      const marks = new Map((await store.retirements(name)).map((mark) => [mark.version, mark]));
      const versions = [];
      for (const info of listed) {
        const located = await store.locate(name, info.version);
        if (located === void 0) continue;
        const mark = marks.get(info.version);
        const retired = mark === void 0 ? void 0 : {
          at: mark.retiredAt,
          ...mark.reason === void 0 ? {} : { reason: mark.reason },
          ...mark.by === void 0 ? {} : { by: mark.by }
        };
        versions.push(await readVersion(located, files, redactor, await attestation(run, loaded, registrySpec, located), retired));
      }
      if (versions.length > 0 || view.deployments.some((deployment) => deployment.model === name)) models.push({ name, versions });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const data = {
    schema: SITE_SCHEMA,
    tool: { name: "modelship", version: run.toolVersion },
    created: now.toISOString(),
    title: options.title ?? DEFAULT_TITLE,
    registry: { description: store.description },
    gitops: view.gitops,
    models,
    deployments: view.deployments.filter((deployment) => wanted === void 0 || wanted.has(deployment.model)),
    promotions: view.promotions.filter((promotion) => wanted === void 0 || wanted.has(promotion.model)),
    drift: drift.filter((point) => wanted === void 0 || wanted.has(point.model)),
    ...dora === void 0 ? {} : { dora: { ...dora, rows: dora.rows.filter((row) => wanted === void 0 || wanted.has(row.model)) } },
    redactedColumns: redactor.columns()
  };
  assertWritable(site_data_schema_default, data, "site data");
  const history = { schema: DRIFT_HISTORY_SCHEMA, points: drift };
  assertWritable(drift_history_schema_default, history, "drift history");
  const pages = renderSite(data);
  const pageCount = [...pages.keys()].filter((path) => path.endsWith(".html")).length;
  pages.set("data/site.json", `${JSON.stringify(data, null, 2)}
`);
  pages.set("data/drift-history.json", `${JSON.stringify(history, null, 2)}
`);
  await writeSiteFolder(outDir, pages);
  return { outDir, indexPath: join2(outDir, "index.html"), pages: pageCount, data };
}
async function attestation(run, loaded, registrySpec, located) {
  try {
    const statement = await checkRunReleaseProvenance({
      run,
      loaded,
      registrySpec,
      release: located,
      refusal: `the attestations of ${located.manifest.name}@${located.manifest.version} are not verified`
    });
    return { status: statement.status === "pass" ? "verified" : "not-checked", detail: statement.text };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { status: "not-verified", detail: error.message };
  }
}
function sitePathForDisplay(path, cwd) {
  const shown = relative(cwd, resolve(cwd, path));
  return shown === "" ? "." : shown.startsWith("..") ? resolve(cwd, path) : shown;
}

export {
  DEFAULT_SITE_OUT,
  readDriftInputs,
  redactFairness,
  replaceGroupNames,
  runSiteStage,
  sitePathForDisplay
};
