/**
 * The dashboard's pages from SiteData (site-data.ts), with no I/O: relative path → file text.
 * `index.html` (models × environments, every model's versions), a page per model version (gates,
 * metrics, fairness by group, importances, the model card, lineage, provenance), a drift page per
 * model and environment (the trend as a chart and a table), `promotions.html` (the history and the
 * DORA figures) and `site.css`. Every page has one h1, ordered headings, captioned tables, a skip
 * link, `lang`, and a Content-Security-Policy that allows no script at all, so a string that escaped
 * escaping still could not run. All data goes through html.ts.
 */
import { byCodeUnit } from "../common/compare.ts";
import { createHash } from "node:crypto";
import { externalLink, join, markup, trusted, type Html, type HtmlValue } from "./html.ts";
import { SITE_CSS } from "./site-css.ts";
import type { DriftPoint, SiteData, SiteDeployment, SiteExplanations, SiteFairness, SiteVersion } from "./site-data.ts";
import { barChart, lineChart } from "./svg-chart.ts";

/** The policy every page carries: nothing but our stylesheet and images from the site (and data: images). */
export const SITE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** Names Windows refuses as a file, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

/**
 * A name made safe as one path segment: itself when plain (lower case, short, not a reserved
 * device name), else its plain characters in lower case, `~` and a hash of the exact name. Plain
 * names hold no `~`, so the two forms never meet, and no two names share a file even where the
 * file system ignores case (`Adult` and `adult` are two models to modelship).
 */
export function pathSegment(name: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,79}$/.test(name) && !name.endsWith(".") && !RESERVED.test(name)) return name;
  const plain = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "_")
    .replace(/^[._-]+/, "")
    .slice(0, 60);
  const base = plain === "" || RESERVED.test(plain) ? `x${plain}` : plain;
  return `${base}~${createHash("sha256").update(name, "utf8").digest("hex").slice(0, 10)}`;
}

/** A time as people read it, `2026-10-01 09:00 UTC`; text that is not an ISO 8601 time stays as it is. */
export function shownTime(text: string): string {
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) return text;
  return `${time.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The page of a model version, relative to the site's root. */
export function versionPagePath(model: string, version: string): string {
  return `models/${pathSegment(model)}/${pathSegment(version)}.html`;
}

/** The drift page of a model in an environment, relative to the site's root. */
export function driftPagePath(model: string, environment: string): string {
  return `drift/${pathSegment(model)}/${pathSegment(environment)}.html`;
}

export const PROMOTIONS_PAGE = "promotions.html";
export const STYLESHEET = "site.css";

/** A number for a table: up to 4 decimals, "—" when absent. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return String(Number(value.toFixed(4)));
}

/** An interval as `[low, high]`, with a no-break space so it never wraps inside. */
function formatInterval(ci: [number, number] | undefined): string {
  return ci === undefined ? "—" : `[${formatNumber(ci[0])},\u00a0${formatNumber(ci[1])}]`;
}

function percent(value: number): string {
  return `${String(Number((value * 100).toFixed(1)))}%`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function statusClass(status: string): string {
  return `status-${status.replace(/[^a-z_-]/gi, "")}`;
}

function status(text: string): Html {
  return markup`<span class="${statusClass(text)}">${text}</span>`;
}

function code(text: string | undefined): Html | string {
  return text === undefined ? "—" : markup`<code>${text}</code>`;
}

function note(text: HtmlValue): Html {
  return markup`<p class="note">${text}</p>`;
}

/** A captioned table; `head` holds the column headers, each row's first cell is its row header; `numeric` columns align right. */
function table(
  caption: HtmlValue,
  head: readonly string[],
  rows: readonly (readonly HtmlValue[])[],
  numeric: readonly number[] = [],
): Html {
  const header = head.map((cell) => markup`<th scope="col">${cell}</th>`);
  const cell = (value: HtmlValue, index: number) =>
    index === 0
      ? markup`<th scope="row">${value}</th>`
      : numeric.includes(index)
        ? markup`<td class="num">${value}</td>`
        : markup`<td>${value}</td>`;
  const body = rows.map((row) => markup`<tr>${row.map(cell)}</tr>`);
  return markup`<div class="table-scroll"><table><caption>${caption}</caption><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function facts(entries: readonly [string, HtmlValue][]): Html {
  return markup`<dl class="facts">${entries.map(([term, value]) => markup`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function figure(chart: Html, caption: string): Html {
  return markup`<figure>${chart}<figcaption>${caption}</figcaption></figure>`;
}

/** A page: the shell around `body`, links relative to `depth` folders down. */
function page(data: SiteData, options: { title: string; depth: number; body: Html }): string {
  const up = "../".repeat(options.depth);
  const head = markup`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${SITE_CSP}"><meta name="referrer" content="no-referrer"><title>${options.title} · ${data.title}</title><link rel="stylesheet" href="${up}${STYLESHEET}"></head>`;
  const nav = markup`<header><nav aria-label="Site"><a href="${up}index.html">${data.title}</a><a href="${up}${PROMOTIONS_PAGE}">Promotion history</a></nav></header>`;
  const footer = markup`<footer>Written by modelship ${data.tool.version} on ${shownTime(data.created)}. Registry: ${data.registry.description}.</footer>`;
  const body = markup`<body><a class="skip" href="#main">Skip to content</a>${nav}\n<main id="main">\n${options.body}\n</main>\n${footer}</body>`;
  return `<!doctype html>\n${markup`<html lang="en">${head}\n${body}</html>`.toString()}\n`;
}

function versionLink(up: string, model: string, version: string, label: HtmlValue = version): Html {
  return markup`<a href="${up}${versionPagePath(model, version)}">${label}</a>`;
}

function servedVersion(up: string, model: string, version: string, uri: string): Html {
  return version === "" ? markup`<code>${uri}</code> (not a release of ${model})` : versionLink(up, model, version);
}

function served(up: string, deployment: SiteDeployment): [Html | string, Html | string] {
  const { model, stable, canary } = deployment;
  return [
    stable === undefined ? "—" : servedVersion(up, model, stable.version, stable.uri),
    canary === undefined ? "—" : markup`${servedVersion(up, model, canary.version, canary.uri)} at ${canary.weight}%`,
  ];
}

function deployedIn(data: SiteData, model: string, version: string): string {
  const where: string[] = [];
  for (const deployment of data.deployments) {
    if (deployment.model !== model) continue;
    if (deployment.stable?.version === version) where.push(`${deployment.environment} (stable)`);
    if (deployment.canary?.version === version) where.push(`${deployment.environment} (canary ${deployment.canary.weight}%)`);
  }
  return where.length === 0 ? "—" : where.join(", ");
}

/** The drift points grouped by model and environment, in name order, each oldest first. */
export function driftSeries(points: readonly DriftPoint[]): [string, string, DriftPoint[]][] {
  const groups = new Map<string, [string, string, DriftPoint[]]>();
  for (const point of points) {
    const key = JSON.stringify([point.model, point.environment]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = [point.model, point.environment, []]));
    group[2].push(point);
  }
  return [...groups.values()]
    .sort(([m1, e1], [m2, e2]) => byCodeUnit(m1, m2) || byCodeUnit(e1, e2))
    .map(([model, environment, series]) => [model, environment, [...series].sort((a, b) => byCodeUnit(a.created, b.created))]);
}

// ---------------------------------------------------------------- index

function renderIndex(data: SiteData): string {
  const environments = "none" in data.gitops ? [] : data.gitops.environments;
  let deployments: Html;
  if ("none" in data.gitops) deployments = note(markup`No GitOps repository: ${data.gitops.none}. This page shows the registry only.`);
  else {
    const rows = data.deployments.map((deployment) => {
      const [stable, canary] = served("", deployment);
      const hasDrift = data.drift.some((point) => point.model === deployment.model && point.environment === deployment.environment);
      return [
        deployment.model,
        deployment.environment,
        deployment.strategy,
        deployment.problem === undefined ? stable : markup`<span class="status-fail">${deployment.problem}</span>`,
        canary,
        hasDrift ? markup`<a href="${driftPagePath(deployment.model, deployment.environment)}">trend</a>` : "—",
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
      version.retired === undefined ? "no" : markup`<span class="status-retired">retired ${shownTime(version.retired.at)}</span>`,
      deployedIn(data, model.name, version.version),
    ]);
    const caption = `Released versions of ${model.name}, newest first`;
    return markup`<h3>${model.name}</h3>${table(caption, ["Version", "Released", "Gate verdict", "Retired", "Serving"], rows)}`;
  });
  const series = driftSeries(data.drift);
  const drift =
    series.length === 0
      ? note("No drift reports were given (--drift).")
      : markup`<ul>${series.map(
          ([model, environment, points]) =>
            markup`<li><a href="${driftPagePath(model, environment)}">${model} in ${environment}</a> (${plural(points.length, "report")})</li>`,
        )}</ul>`;
  const counts = [plural(data.models.length, "model"), ...(environments.length > 0 ? [plural(environments.length, "environment")] : [])];
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

// ---------------------------------------------------------------- version page

function fairnessSection(fairness: SiteFairness): Html {
  const rateNames = [...new Set(fairness.groups.flatMap((group) => Object.keys(group.rates)))];
  const rate = (group: SiteFairness["groups"][number], name: string) => {
    const ci = group.ci?.[name];
    return markup`${formatNumber(group.rates[name])}${ci === undefined ? "" : markup` <span class="note">${formatInterval(ci)}</span>`}`;
  };
  const rows = fairness.groups.map((group) => [group.label, String(group.count), ...rateNames.map((name) => rate(group, name))]);
  const metricRows = fairness.metrics.map((metric) => [
    metric.name,
    formatNumber(metric.value),
    formatInterval(metric.ci),
    metric.worst ?? "—",
  ]);
  const shown = rateNames.includes("selection_rate") ? "selection_rate" : rateNames[0];
  let chart = trusted("");
  if (shown !== undefined) {
    const bars = fairness.groups.flatMap((group) => {
      const value = group.rates[shown];
      const ci = group.ci?.[shown];
      return value === null || value === undefined ? [] : [{ label: group.label, value, ...(ci === undefined ? {} : { ci }) }];
    });
    const description = `${shown} of each group of ${fairness.grouping}, with its 95% interval where computed.`;
    chart = figure(
      barChart({ title: `${shown} by ${fairness.grouping}`, description, bars }),
      `${shown} by group of ${fairness.grouping}; the table below has every rate.`,
    );
  }
  const caption = `Rates by group of ${fairness.grouping} (95% interval after each)`;
  return markup`<h3>By ${fairness.grouping}</h3>
${fairness.redacted ? note(`${fairness.grouping} is redacted: its groups are shown by pseudonym.`) : ""}
${fairness.privileged === undefined ? "" : markup`<p>Privileged group: ${fairness.privileged}</p>`}
${chart}
${table(caption, ["Group", "Rows", ...rateNames], rows, [1])}
${metricRows.length === 0 ? "" : table(`Fairness metrics by ${fairness.grouping}`, ["Metric", "Value", "95% interval", "Worst group"], metricRows, [1])}`;
}

function explanationSection(version: SiteVersion, explanations: SiteExplanations): Html {
  const method = explanations.method.replace(/_/g, " ");
  const sample = [
    ...(explanations.rows === undefined ? [] : [`${explanations.rows} rows`]),
    ...(explanations.repeats === undefined ? [] : [`${explanations.repeats} repeats`]),
  ];
  const chart = barChart({
    title: `${method} of each feature of ${version.model} ${version.version}`,
    description:
      "The drop in the score when the feature's values are shuffled, with its 95% interval; sensitive columns and their proxies are marked.",
    bars: explanations.features
      .flatMap((feature) => (feature.importance === null ? [] : [{ ...feature, importance: feature.importance }]))
      .map((feature) => ({
        label: feature.feature,
        value: feature.importance,
        ...(feature.ci === undefined ? {} : { ci: feature.ci }),
        ...(feature.sensitive === true || feature.proxy === true ? { className: "flagged" } : {}),
      })),
  });
  const flag = (feature: SiteExplanations["features"][number]) =>
    [feature.sensitive === true ? "sensitive" : "", feature.proxy === true ? "proxy" : ""].filter((word) => word !== "").join(", ") || "—";
  const rows = explanations.features.map((feature) => [
    feature.feature,
    formatNumber(feature.importance),
    formatInterval(feature.ci),
    formatNumber(feature.std),
    flag(feature),
  ]);
  return markup`<h2 id="explanations">Explanations: ${method}</h2>
<p>How much ${explanations.metric ?? "the score"} drops when a column's values are shuffled${sample.length === 0 ? "" : ` (${sample.join(", ")})`}.</p>
${figure(chart, "Importance by feature; sensitive columns and proxies are marked. The table below has the numbers.")}
${table(`${method} by feature`, ["Feature", "Importance", "95% interval", "Std", "Flag"], rows, [1, 3])}`;
}

function threshold(gate: SiteVersion["gates"][number]): string {
  const parts = [
    ...(gate.threshold.min === undefined ? [] : [`≥ ${formatNumber(gate.threshold.min)}`]),
    ...(gate.threshold.max === undefined ? [] : [`≤ ${formatNumber(gate.threshold.max)}`]),
  ];
  return parts.length === 0 ? "—" : parts.join(", ");
}

function renderVersion(data: SiteData, version: SiteVersion): string {
  const up = "../../";
  const gates = version.gates.map((gate) => [
    gate.name,
    status(gate.status),
    gate.severity,
    formatNumber(gate.value),
    formatInterval(gate.ci),
    formatNumber(gate.observed),
    threshold(gate),
    String(gate.n),
    gate.reason,
  ]);
  const metrics = version.metrics.map((metric) => [metric.name, formatNumber(metric.value), formatInterval(metric.ci)]);
  const { lineage, provenance, retired, gate } = version;
  const retiredLine =
    retired === undefined
      ? ""
      : markup`<p class="status-retired">Retired ${shownTime(retired.at)}${retired.by === undefined ? "" : ` by ${retired.by}`}${retired.reason === undefined ? "" : `: ${retired.reason}`}.</p>`;
  const summary = facts([
    ["Release", externalLink(version.url, version.tag)],
    ["Released", shownTime(version.created)],
    ["Gate verdict", status(version.report?.verdict ?? gate.verdict)],
    ["Serving", deployedIn(data, version.model, version.version)],
    ["Package digest", code(version.digest)],
  ]);
  const problems =
    version.problems.length === 0
      ? ""
      : markup`<ul class="status-warn">${version.problems.map((problem) => markup`<li>${problem}</li>`)}</ul>`;
  const gateTable =
    gates.length === 0
      ? note("No gate report in this release.")
      : table(
          "Gates: value, interval and status",
          ["Gate", "Status", "Severity", "Value", "95% interval", "Compared", "Threshold", "n", "Why"],
          gates,
          [3, 5, 7],
        );
  const metricTable =
    metrics.length === 0
      ? note("No metrics recorded.")
      : table("Metrics with 95% bootstrap intervals", ["Metric", "Value", "95% interval"], metrics, [1]);
  const fairness = version.fairness.length === 0 ? note("No fairness groups were evaluated.") : join(version.fairness.map(fairnessSection));
  const card = version.card === undefined ? note("This release has no model card.") : markup`<pre class="card">${version.card}</pre>`;
  const lineageFacts = facts([
    ["Model repository commit", code(lineage.gitSha)],
    [
      "Training run",
      lineage.runUrl === undefined
        ? "—"
        : // A link only where the manifest's URL has the shape of a GitHub Actions run (github.com or a GitHub
          // Enterprise host): a release's files are the releaser's to write, and the page is the organisation's.
          /^https:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+\/actions\/runs\/\d+(\/attempts\/\d+)?\/?$/.test(lineage.runUrl)
          ? externalLink(lineage.runUrl, lineage.runUrl)
          : markup`${lineage.runUrl}`,
    ],
    ["Training config sha256", code(lineage.trainConfigSha256)],
    ["Run record sha256", code(lineage.runRecordSha256)],
    ["Previous version", lineage.previousVersion === undefined ? "—" : versionLink(up, version.model, lineage.previousVersion)],
    [
      "Champion compared with",
      lineage.champion === undefined ? "—" : markup`${lineage.champion.source} (${code(lineage.champion.sha256)})`,
    ],
  ]);
  const dataTable =
    lineage.data.length === 0
      ? ""
      : table(
          "Data the model was trained on",
          ["File", "sha256", "Bytes"],
          lineage.data.map((file) => [file.path, code(file.sha256), String(file.bytes)]),
          [2],
        );
  const gateRecord = `verdict ${gate.verdict}; report for these model bytes: ${gate.modelMatches ? "yes" : "no"}; released ungated: ${gate.allowUngated ? "yes" : "no"}${gate.reason === undefined ? "" : `; ${gate.reason}`}`;
  const provenanceFacts = facts([
    ["Attestation", markup`${status(provenance.attestation.status)}: ${provenance.attestation.detail}`],
    ["Gate record", gateRecord],
    ["Gate report sha256", code(gate.reportSha256)],
    ["manifest.json sha256", code(provenance.manifestSha256)],
  ]);
  const files = table(
    "Files of the release",
    ["File", "Role", "sha256", "Bytes"],
    version.files.map((file) => [file.name, file.role, code(file.sha256), String(file.bytes)]),
    [3],
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
${version.explanations === undefined ? "" : explanationSection(version, version.explanations)}
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

// ---------------------------------------------------------------- drift page

function renderDrift(data: SiteData, model: string, environment: string, points: DriftPoint[]): string {
  const limit = points.at(-1)!.threshold;
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
      label: `${shownTime(point.created)}: ${percent(point.share)} (${point.status})`,
    })),
  });
  const measured = points.filter((point) => point.performance !== undefined);
  let performance = trusted("");
  if (measured.length > 0) {
    const chart = lineChart({
      title: `Accuracy of ${model} in ${environment} over time`,
      description: "The accuracy measured on production rows that carry a label, per drift report.",
      yLabel: "accuracy",
      yDomain: [0, 1],
      points: measured.map((point) => ({
        x: Date.parse(point.created),
        y: point.performance!.current,
        className: statusClass(point.performance!.status),
        label: `${shownTime(point.created)}: ${formatNumber(point.performance!.current)} (${point.performance!.status})`,
      })),
    });
    performance = markup`<h2 id="performance">Accuracy on labelled production data</h2>
${figure(chart, "Accuracy per report; the table below has the numbers.")}`;
  }
  const rows = points.map((point) => [
    shownTime(point.created),
    point.version ?? "—",
    status(point.status),
    percent(point.share),
    `${point.driftedColumns.length} of ${point.columnsChecked}`,
    point.driftedColumns.join(", ") || "—",
    point.performance === undefined ? "—" : `${formatNumber(point.performance.current)} (${point.performance.status})`,
  ]);
  const body = markup`<h1>Drift of ${model} in ${environment}</h1>
<p>${plural(points.length, "drift report")} from ${shownTime(points[0]!.created)} to ${shownTime(points.at(-1)!.created)}.</p>
<h2 id="trend">Drifted share</h2>
${figure(shareChart, "Share of drifted columns per report; the dashed line is the drift threshold. The table below has the numbers.")}
${performance}
<h2 id="reports">Reports</h2>
${table(`Drift reports of ${model} in ${environment}, oldest first`, ["Created", "Version", "Status", "Drifted share", "Columns drifted", "Which", "Accuracy"], rows, [3])}`;
  return page(data, { title: `Drift of ${model} in ${environment}`, depth: 2, body });
}

// ---------------------------------------------------------------- promotions page

function band(value: string, level: string | null | undefined): string {
  return level === null || level === undefined ? value : `${value} (${level})`;
}

function renderPromotions(data: SiteData): string {
  const released = (model: string, version: string) =>
    data.models.some((entry) => entry.name === model && entry.versions.some((candidate) => candidate.version === version));
  const reference = (ref: string | undefined) =>
    ref === undefined ? "—" : /^https?:/.test(ref) ? externalLink(ref, ref.replace(/^.*\/pull\//, "#")) : code(ref);
  const rows = [...data.promotions]
    .sort((a, b) => byCodeUnit(b.mergedAt, a.mergedAt))
    .map((promotion) => [
      shownTime(promotion.mergedAt),
      promotion.model,
      released(promotion.model, promotion.version) ? versionLink("", promotion.model, promotion.version) : promotion.version,
      promotion.environment,
      promotion.action,
      shownTime(promotion.openedAt),
      reference(promotion.ref),
    ]);
  let history: Html;
  if ("none" in data.gitops) history = note(`No GitOps repository: ${data.gitops.none}.`);
  else if (rows.length === 0) history = note(`No promotion by modelship in the history of ${data.gitops.remote}.`);
  else
    history = table(
      "Promotions merged into the GitOps repository, newest first",
      ["Merged", "Model", "Version", "Environment", "Action", "Opened", "Pull request or commit"],
      rows,
    );
  const dora = data.dora;
  let doraSection: Html;
  if (dora === undefined) doraSection = note("No DORA report was given (--dora).");
  else {
    const doraRows = dora.rows.map((row) => [
      row.model,
      row.environment,
      band(formatNumber(row.deploymentFrequency?.perWeek), row.deploymentFrequency?.band),
      band(formatNumber(row.leadTime?.medianHours), row.leadTime?.band),
      band(row.changeFailureRate?.rate == null ? "—" : percent(row.changeFailureRate.rate), row.changeFailureRate?.band),
      band(formatNumber(row.timeToRestore?.medianHours), row.timeToRestore?.band),
    ]);
    const head = [
      "Model",
      "Environment",
      "Deployments a week",
      "Lead time (median hours)",
      "Change failure rate",
      "Time to restore (median hours)",
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

/** Every file of the site but data/: relative path → text. */
export function renderSite(data: SiteData): Map<string, string> {
  const files = new Map<string, string>();
  const folded = new Set<string>();
  const add = (path: string, text: string) => {
    // pathSegment keeps names apart; were two pages ever to meet (also where case is ignored), one would hide the other.
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
