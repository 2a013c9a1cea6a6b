import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  applyAction,
  basicAuthValue,
  checkRelease,
  checkRunReleaseProvenance,
  environmentNames,
  formatProblem,
  parseModelUri,
  publishBranch,
  readState,
  releaseView,
  releaseViewOf,
  resolveCanaryModel,
  resolveEnvironment,
  resolveGitOps,
  validateManifestText,
  withClone
} from "./chunk-YKY4ZN27.js";
import {
  METRIC_LABELS
} from "./chunk-Y7LWMC7G.js";
import {
  writeFileAtomic
} from "./chunk-B5I2PWMP.js";
import {
  openStore,
  parseModelRef,
  resolveRegistry,
  shortDigest
} from "./chunk-2OYWOPGB.js";
import {
  loadStageConfig
} from "./chunk-DJQRCTAZ.js";
import {
  UserError,
  assertValid,
  code,
  createGitHubClient,
  details,
  errnoCode,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatSigned,
  getErrorMessage,
  httpStatus,
  parseRepository,
  parseYamlSource,
  readYamlFile,
  sections,
  statusIcon,
  table
} from "./chunk-26JFAWFB.js";

// src/gitops/health-markdown.ts
var STATUS = {
  pass: `${statusIcon("pass")} pass`,
  fail: `${statusIcon("fail")} fail`,
  "no-data": `${statusIcon("insufficient_data")} no data`
};
function renderHealthTable(checks) {
  if (checks.length === 0) return "_No health checks are configured._";
  const rows = checks.map((check) => [
    escapeMarkdown(check.name),
    formatNumber(check.canary),
    formatNumber(check.stable),
    escapeMarkdown(check.threshold),
    STATUS[check.status],
    escapeMarkdown(check.detail)
  ]);
  const rendered = table(["Check", "Canary", "Stable", "Threshold", "Status", "Detail"], rows, {
    align: ["left", "right", "right", "left", "left", "left"]
  });
  const queries = checks.filter((check) => check.query !== void 0).map((check) => `- ${escapeMarkdown(check.name)}: ${code(check.query)}`);
  return queries.length === 0 ? rendered : `${rendered}

${details("Queries", queries.join("\n"))}`;
}

// src/gitops/rollout-settings.ts
function startAction(environment, weight) {
  switch (environment.strategy) {
    case "direct":
      return { kind: "direct" };
    case "blue-green":
      return { kind: "start", weight: weight ?? 0 };
    case "canary":
      return { kind: "start", weight: weight ?? environment.steps[0] };
  }
}

// src/gitops/canary-decision.ts
function decideCanary(input) {
  const { state, policy, checks, now, lastChange } = input;
  checkCanaryPolicy(policy);
  const canary = state.canary;
  if (canary === void 0) return { action: "none", reason: "No canary is running, so there is nothing to decide." };
  const subject = `canary ${canary.version || "(unknown version)"} at ${formatNumber(canary.weight)}%`;
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0) {
    return { action: "rollback", reason: `Roll back ${subject}: ${failed.map(describeCheck).join("; ")}.` };
  }
  if (policy.bakeMinutes > 0) {
    if (lastChange === void 0) {
      return {
        action: "hold",
        reason: `Hold ${subject}: the time of its last change is unknown, so the ${formatMinutes(policy.bakeMinutes)} bake time cannot be checked.`
      };
    }
    const bakedMinutes = (now.getTime() - lastChange.getTime()) / 6e4;
    if (bakedMinutes < policy.bakeMinutes) {
      return {
        action: "hold",
        reason: `Hold ${subject}: it has baked ${formatMinutes(Math.max(0, bakedMinutes), Math.floor)} of ${formatMinutes(policy.bakeMinutes)} since its last change at ${lastChange.toISOString()}, ${formatMinutes(policy.bakeMinutes - Math.max(0, bakedMinutes))} left.`
      };
    }
  }
  const missing = checks.filter((check) => check.status === "no-data");
  if (missing.length > 0) {
    return { action: "hold", reason: `Hold ${subject}: ${missing.map(describeCheck).join("; ")}.` };
  }
  const evidence = checks.length === 0 ? "no health checks are configured and the bake time is over" : `all ${checks.length} health check${checks.length === 1 ? "" : "s"} pass (${checks.map(describeCheck).join("; ")})`;
  const next = policy.steps.find((weight) => weight > canary.weight);
  if (next !== void 0) return { action: "step", weight: next, reason: `Step ${subject} up to ${formatNumber(next)}%: ${evidence}.` };
  const review = policy.promote === "review" ? ", and the pull request waits for a review" : "";
  return { action: "promote", reason: `Promote ${subject} to stable: ${evidence}${review}.` };
}
function checkCanaryPolicy(policy) {
  const steps = policy.steps;
  for (const [index, weight] of steps.entries()) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 99) {
      throw new UserError(`canary step ${formatNumber(weight)} is not a traffic weight between 0 and 99 percent`, {
        hint: "list weights such as [10, 50]; promotion after the last step sends 100%"
      });
    }
    if (index > 0 && weight <= steps[index - 1])
      throw new UserError(`canary steps ${JSON.stringify(steps)} are not ascending`, {
        hint: "list the weights from smallest to largest, e.g. [10, 50]"
      });
  }
  if (!Number.isFinite(policy.bakeMinutes) || policy.bakeMinutes < 0) {
    throw new UserError(`canary bake time ${String(policy.bakeMinutes)} minutes is not a duration`, {
      hint: "set the bake time to 0 or more minutes"
    });
  }
}
function describeCheck(check) {
  return `${check.name}: ${check.detail}`;
}
function formatMinutes(minutes, round = Math.ceil) {
  if (minutes < 2) {
    const seconds = round(minutes * 60);
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }
  const whole = round(minutes);
  if (whole < 120) return `${whole} minutes`;
  const hours = Math.floor(whole / 60);
  const rest = whole - hours * 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

// schemas/canary-metrics.schema.json
var canary_metrics_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/canary-metrics.schema.json",
  title: "modelship canary metrics",
  description: "Health metrics per model version that a canary's health checks read when their source is a metrics file or URL (instead of Prometheus). A check reads versions[<version>][<metric>]; a missing version, a missing metric or null is no data.",
  type: "object",
  additionalProperties: false,
  required: ["versions"],
  properties: {
    $schema: { description: "Optional link to this schema, for editors.", type: "string" },
    versions: {
      description: 'Metrics by model version (without a leading "v"), e.g. {"0.0.2": {"error_rate": 0.02}}.',
      type: "object",
      propertyNames: { minLength: 1 },
      additionalProperties: {
        description: "One version's metrics by name.",
        type: "object",
        additionalProperties: { description: "A metric's value; null when there is no data.", type: ["number", "null"] }
      }
    },
    observed_at: { description: "When the metrics were measured (ISO 8601 date-time).", type: "string", format: "date-time" }
  }
};

// src/gitops/health.ts
var DEFAULT_TIMEOUT_MS = 3e4;
var PLACEHOLDERS = ["model", "version", "role", "window"];
var DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
async function readHealth(source, checks, context) {
  checkHealthChecks(checks, source);
  const read = await valueReader(source, context);
  const results = [];
  for (const check of checks) {
    const canary = await read(check, "canary", context.canaryVersion);
    let stable = { value: null };
    if (check.maxIncrease !== void 0 && context.stableVersion !== void 0) stable = await read(check, "stable", context.stableVersion);
    const result = judgeCheck(check, {
      canary: canary.value,
      stable: stable.value,
      canaryNote: canary.note,
      stableNote: stable.note,
      stableVersion: context.stableVersion
    });
    if (canary.query !== void 0) result.query = canary.query;
    results.push(result);
  }
  return results;
}
function checkHealthChecks(checks, source) {
  const seen = /* @__PURE__ */ new Set();
  for (const check of checks) {
    const name = JSON.stringify(check.name);
    if (!check.name) throw new UserError("a health check has no name", { hint: "give every health check a name, e.g. error-rate" });
    if (seen.has(check.name)) throw new UserError(`two health checks are named ${name}`, { hint: "give every health check its own name" });
    seen.add(check.name);
    if (check.max === void 0 && check.min === void 0 && check.maxIncrease === void 0) {
      throw new UserError(`health check ${name} has no threshold`, { hint: "set max, min or max_increase" });
    }
    for (const [key, value] of [
      ["max", check.max],
      ["min", check.min],
      ["max_increase", check.maxIncrease]
    ]) {
      if (value !== void 0 && !Number.isFinite(value))
        throw new UserError(`health check ${name}: ${key} is not a finite number`, { hint: `set ${key} to a number` });
    }
    if (check.max !== void 0 && check.min !== void 0 && check.min > check.max) {
      throw new UserError(`health check ${name}: min ${check.min} is above max ${check.max}, so no value can pass`, {
        hint: "swap min and max"
      });
    }
    if (source?.kind === "prometheus" && !check.query?.trim()) {
      throw new UserError(`health check ${name} has no query, which a Prometheus source needs`, {
        hint: 'set query to PromQL that gives one number, e.g. sum(rate(requests_total{version="{{version}}",code=~"5.."}[{{window}}])) / sum(rate(requests_total{version="{{version}}"}[{{window}}]))'
      });
    }
  }
}
function judgeCheck(check, values) {
  const canary = values.canary === null || Number.isNaN(values.canary) ? null : values.canary;
  const stable = values.stable === null || Number.isNaN(values.stable) ? null : values.stable;
  const threshold = describeThreshold(check);
  const result = (status, detail) => ({
    name: check.name,
    canary,
    stable,
    threshold,
    status,
    detail
  });
  const onMissing = check.onMissing ?? "hold";
  const missing = (what) => result(onMissing === "fail" ? "fail" : "no-data", onMissing === "fail" ? `${what}, and on_missing is "fail"` : what);
  if (canary === null) return missing(`no data for the canary${values.canaryNote ? ` (${values.canaryNote})` : ""}`);
  const failures = [];
  if (check.max !== void 0 && canary > check.max)
    failures.push(`${formatNumber(canary)} is above the maximum ${formatNumber(check.max)}`);
  if (check.min !== void 0 && canary < check.min)
    failures.push(`${formatNumber(canary)} is below the minimum ${formatNumber(check.min)}`);
  if (check.maxIncrease !== void 0 && stable !== null && canary - stable > check.maxIncrease) {
    failures.push(
      `${formatNumber(canary)} exceeds the stable model's ${formatNumber(stable)} by ${formatNumber(canary - stable)}, more than the allowed ${formatNumber(check.maxIncrease)}`
    );
  }
  if (failures.length > 0) return result("fail", failures.join(" and "));
  if (check.maxIncrease !== void 0 && stable === null) {
    const why = values.stableVersion === void 0 ? "no stable model to compare with" : `no data for the stable model ${values.stableVersion}${values.stableNote ? ` (${values.stableNote})` : ""}`;
    return missing(why);
  }
  return result("pass", `${formatNumber(canary)} meets ${threshold}${stable === null ? "" : ` with stable at ${formatNumber(stable)}`}`);
}
function describeThreshold(check) {
  const parts = [];
  if (check.min !== void 0) parts.push(`\u2265 ${formatNumber(check.min)}`);
  if (check.max !== void 0) parts.push(`\u2264 ${formatNumber(check.max)}`);
  if (check.maxIncrease !== void 0) parts.push(`\u2264 stable + ${formatNumber(check.maxIncrease)}`);
  return parts.join(", ");
}
async function valueReader(source, context) {
  switch (source.kind) {
    case "prometheus":
      return async (check, role, version) => {
        const query = fillQuery(check, { model: context.model, version, role, window: context.window });
        return { ...await queryPrometheus(source, query, check.name), query };
      };
    case "metrics-file":
      return metricsReader(validateMetrics(await readYamlFile(source.path, "canary metrics file")));
    case "metrics-url":
      return metricsReader(validateMetrics(await fetchMetricsDocument(source)));
  }
}
function fillQuery(check, values) {
  const query = check.query ?? "";
  return query.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name) => {
    if (!PLACEHOLDERS.includes(name)) {
      throw new UserError(`health check ${JSON.stringify(check.name)}: unknown placeholder {{${name}}} in its query`, {
        hint: `use only ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`
      });
    }
    const value = values[name];
    if (name === "window" && !DURATION.test(value)) {
      throw new UserError(`the health window ${JSON.stringify(value)} is not a Prometheus duration`, {
        hint: "write it like 5m, 1h or 1d"
      });
    }
    return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  });
}
async function queryPrometheus(source, query, checkName) {
  const base = source.url.replace(/\/+$/, "");
  const url = `${base}/api/v1/query?${new URLSearchParams({ query }).toString()}`;
  const where = `Prometheus at ${base}, query ${query} (check ${JSON.stringify(checkName)})`;
  const response = await httpGet(url, source, where);
  let body;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new UserError(`${where}: the answer is not JSON (HTTP ${response.status}, ${response.contentType || "no content type"})`, {
      hint: "set the Prometheus url to the server's base address (e.g. http://prometheus:9090), without /api/v1"
    });
  }
  if (body.status === "error" || !response.ok) {
    const problem = typeof body.error === "string" ? `${typeof body.errorType === "string" ? `${body.errorType}: ` : ""}${body.error}` : `HTTP ${response.status}`;
    throw new UserError(`${where}: Prometheus refused the query: ${problem}`, {
      hint: httpHint(response.status) ?? "fix the query (try it in Prometheus's expression browser)"
    });
  }
  const { resultType, result } = body.data ?? {};
  if (resultType === "scalar") return sampleValue(result?.[1], where);
  if (resultType === "vector" && Array.isArray(result)) {
    if (result.length === 0) return { value: null, note: "the query returned no series" };
    if (result.length > 1) {
      const shown = result.slice(0, 3).map((series) => labelSet(series.metric ?? {}));
      throw new UserError(
        `${where}: the query returned ${result.length} series (${shown.join(", ")}${result.length > 3 ? ", \u2026" : ""}), but a health check needs exactly one number`,
        {
          hint: "aggregate the query, e.g. sum(...) or avg(...), or narrow it with label matchers"
        }
      );
    }
    return sampleValue(result[0].value?.[1], where);
  }
  if (resultType === "matrix") {
    throw new UserError(`${where}: the query returned a range vector, but a health check needs one number`, {
      hint: "wrap the range selector in a function such as rate(...[{{window}}]) or avg_over_time(...)"
    });
  }
  throw new UserError(
    `${where}: the query returned ${typeof resultType === "string" ? `a ${resultType}` : "an unexpected answer"}, but a health check needs one number`,
    { hint: "make the query return an instant vector with one series" }
  );
}
function sampleValue(raw, where) {
  if (raw === "NaN") return { value: null, note: "the query gave NaN, usually 0/0 when there was no traffic" };
  if (raw === "+Inf" || raw === "Inf") return { value: Number.POSITIVE_INFINITY };
  if (raw === "-Inf") return { value: Number.NEGATIVE_INFINITY };
  const value = typeof raw === "string" ? Number(raw) : Number.NaN;
  if (typeof raw !== "string" || raw.trim() === "" || Number.isNaN(value))
    throw new UserError(`${where}: the answer holds ${JSON.stringify(raw)} where a sample value belongs`, {
      hint: "check that the url points to Prometheus's HTTP API"
    });
  return { value };
}
function labelSet(metric) {
  return `{${Object.entries(metric).map(([name, value]) => `${name}="${value}"`).join(",")}}`;
}
function httpHint(status) {
  if (status === 401 || status === 403) return "check the headers (e.g. an Authorization token) the health source sends";
  if (status === 404) return "set the url to the server's base address (e.g. http://prometheus:9090), without /api/v1";
  if (status === 503 || status === 504) return "Prometheus timed out or is overloaded: shorten the window or simplify the query";
  return void 0;
}
async function httpGet(url, source, where) {
  const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json", ...source.headers },
      signal: AbortSignal.timeout(timeoutMs)
    });
    return {
      ok: response.ok,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text: await response.text()
    };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new UserError(`${where}: no answer within ${timeoutMs} ms`, {
        hint: "check that the server is up and reachable from the runner, or raise the timeout",
        cause: error
      });
    }
    const code2 = errnoCode(error instanceof Error ? error.cause : void 0);
    const reason = code2 ?? (error instanceof Error && error.cause !== void 0 ? getErrorMessage(error.cause) : getErrorMessage(error));
    throw new UserError(`${where}: cannot connect (${reason})`, {
      hint: "check the url and that the server is reachable from the runner (a self-hosted runner may be needed for an in-cluster address)",
      cause: error
    });
  }
}
async function fetchMetricsDocument(source) {
  const where = `canary metrics at ${source.url}`;
  const response = await httpGet(source.url, source, where);
  if (!response.ok) throw new UserError(`${where}: HTTP ${response.status}`, { hint: httpHint(response.status) ?? "check the url" });
  return parseYamlSource(response.text, source.url);
}
function validateMetrics(source) {
  return assertValid(canary_metrics_schema_default, source.data, { file: source.file, what: "canary metrics document", source });
}
function metricsReader(document) {
  return (check, _role, version) => {
    const metric = check.metric ?? check.name;
    const metrics = document.versions[version];
    if (metrics === void 0) return Promise.resolve({ value: null, note: `the metrics document has no version ${version}` });
    const value = metrics[metric];
    if (value === void 0 || value === null)
      return Promise.resolve({ value: null, note: `the metrics document has no ${JSON.stringify(metric)} for version ${version}` });
    return Promise.resolve({ value });
  };
}

// src/gitops/promotion-pr.ts
import { join } from "node:path";

// src/gitops/promotion-body.ts
function promotionMarker(environment, model) {
  return `<!-- modelship:promotion environment=${environment} model=${model} -->`;
}
function promotionBranch(environment, model) {
  return `modelship/${environment}/${model}`;
}
function promotionTitle(view) {
  const { environment, action, model, before } = view;
  const name = `${model.name} ${model.version}`;
  switch (action.kind) {
    case "start":
      return action.weight === 0 ? `${name} \u2192 ${environment.name}: preview (no live traffic)` : `${name} \u2192 ${environment.name}: canary ${action.weight}%`;
    case "step":
      return `${name} \u2192 ${environment.name}: canary ${before.canary?.weight ?? "?"}% \u2192 ${action.weight}%`;
    case "promote":
      return `${name} \u2192 ${environment.name}: promote to 100%`;
    case "rollback":
      return `${model.name} in ${environment.name}: roll back ${model.version} to ${versionLabel(before.stable)}`;
    case "direct":
      return `${name} \u2192 ${environment.name}`;
  }
}
function promotionCommitMessage(view) {
  const lines = [
    promotionTitle(view),
    "",
    `Model: ${view.model.name} ${view.model.version}`,
    `URI: ${view.model.uri}`,
    `Digest: ${view.model.digest}`,
    `Environment: ${view.environment.name}`,
    `Action: ${describeAction(view.action)}`
  ];
  if (view.reason) lines.push(`Reason: ${view.reason}`);
  for (const { file, kind } of view.files) lines.push(`Changed: ${file} (${kind})`);
  return `${lines.join("\n")}
`;
}
function promotionBody(view) {
  const { environment, action, model } = view;
  const fromLabel = versionLabel(view.before.canary ?? view.before.stable);
  const heading = `## ${statusIcon(action.kind === "rollback" ? "warn" : "info")} ${escapeMarkdown(promotionTitle(view))}`;
  const body = sections(
    promotionMarker(environment.name, model.name),
    heading,
    view.reason === void 0 ? void 0 : `**Why:** ${escapeMarkdown(view.reason)}`,
    versionsTable(view, fromLabel),
    view.health === void 0 ? void 0 : `### Canary health

${view.health}`,
    gateSection(view),
    `### Rollout plan

${rolloutPlan(view)}`,
    `### Files

${view.files.map(({ file, kind }) => `- ${code(file)} (${kind})`).join("\n")}`,
    `### How to roll back

${rollbackHelp(view)}`,
    view.runUrl === void 0 ? "_Opened by modelship._" : `_Opened by modelship in [this workflow run](${view.runUrl})._`
  );
  return fitCommentBody(body);
}
function versionsTable(view, fromLabel) {
  const before = view.before.canary ?? view.before.stable;
  const after = view.after.canary ?? view.after.stable;
  const link = (label, url) => url === void 0 ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${url})`;
  const previousUrl = view.previous?.version === before?.version ? view.previous?.url : before?.version === view.model.version ? view.release.url : void 0;
  const newUrl = after?.version === view.model.version ? view.release.url : after?.version === view.previous?.version ? view.previous?.url : void 0;
  const rows = [
    ["version", link(fromLabel, previousUrl), link(versionLabel(after), newUrl)],
    ["traffic", trafficOf(view.before), trafficOf(view.after)],
    ["model URI", before === void 0 ? "\u2014" : code(before.uri), after === void 0 ? "\u2014" : code(after.uri)],
    [
      "digest",
      before?.digest === void 0 ? "\u2014" : code(shortDigest(before.digest)),
      after?.digest === void 0 ? "\u2014" : code(shortDigest(after.digest))
    ]
  ];
  return table(["", "now", "after this PR"], rows);
}
function trafficOf(state) {
  if (state.canary === void 0) return state.stable === void 0 ? "\u2014" : `${versionLabel(state.stable)}: 100%`;
  const canary = `${versionLabel(state.canary)}: ${state.canary.weight}%`;
  return state.stable === void 0 ? canary : `${versionLabel(state.stable)}: ${100 - state.canary.weight}%, ${canary}`;
}
function gateSection(view) {
  const manifest = view.release.manifest;
  if (manifest === void 0) return void 0;
  const previous = view.previous?.manifest;
  const names = Object.keys(manifest.metrics);
  const verdict = manifest.gate.verdict;
  const status = verdict === "pass" ? "pass" : verdict === "warn" ? "warn" : "fail";
  const lines = [
    `### Gates of ${escapeMarkdown(manifest.version)}`,
    `${statusIcon(status)} Gate verdict **${verdict}** for exactly these model bytes (digest ${code(shortDigest(manifest.digest))}).`
  ];
  const provenance = view.release.provenance;
  if (provenance !== void 0) lines.push(`${statusIcon(provenance.status)} Build provenance ${provenance.text}`);
  if (names.length > 0) {
    const header = previous === void 0 ? ["metric", manifest.version, "95% CI"] : ["metric", previous.version, manifest.version, "95% CI", "\u0394"];
    const rows = names.map((name) => {
      const now = manifest.metrics[name];
      const label = escapeMarkdown(METRIC_LABELS[name] ?? name);
      if (previous === void 0) return [label, formatNumber(now.value), formatInterval(now.ci)];
      const before = previous.metrics[name];
      const delta = now.value !== null && before?.value !== null && before?.value !== void 0 ? now.value - before.value : null;
      return [label, formatNumber(before?.value), formatNumber(now.value), formatInterval(now.ci), formatSigned(delta)];
    });
    lines.push(table(header, rows, { align: header.map((_, index) => index === 0 ? "left" : "right") }));
  }
  return lines.join("\n\n");
}
function rolloutPlan(view) {
  const { environment, action } = view;
  const bake = `bake at least ${environment.bake}`;
  const promoteStep = `promote to 100% (${environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge"})`;
  if (action.kind === "direct")
    return `1. **${environment.name} serves ${escapeMarkdown(view.model.version)} at 100% once this PR is merged** (no canary: strategy ${environment.strategy}).`;
  if (action.kind === "rollback")
    return `1. **All traffic returns to ${escapeMarkdown(versionLabel(view.after.stable))} once this PR is merged**; the canary of ${escapeMarkdown(view.model.version)} is removed.`;
  const plan = [];
  const current = action.kind === "promote" ? Number.POSITIVE_INFINITY : action.weight;
  if (environment.strategy === "blue-green" || action.kind !== "promote" && action.weight === 0) {
    plan.push({ text: "preview: the new model runs beside the stable one with no live traffic", current: current === 0 });
  } else {
    const weights = [.../* @__PURE__ */ new Set([...environment.steps, ...action.kind === "promote" ? [] : [action.weight]])].sort((a, b) => a - b);
    for (const weight of weights) plan.push({ text: `canary ${weight}% (${bake})`, current: weight === current });
  }
  plan.push({ text: promoteStep, current: action.kind === "promote" });
  const lines = plan.map((step, index) => `${index + 1}. ${step.current ? `**${step.text} \u2190 this PR**` : step.text}`);
  lines.push(
    "",
    `The scheduled canary job reads the health checks after each merge and opens the next pull request: the next step when every check passes and the bake time is over, a rollback when any check fails.`
  );
  return lines.join("\n");
}
function rollbackHelp(view) {
  const stable = view.action.kind === "rollback" ? view.after.stable : view.before.stable ?? view.after.stable;
  const lines = [
    "- Before merging: close this pull request; nothing has changed in the cluster.",
    `- After merging: run ${code(view.rollbackCommand)} (or the canary workflow, which opens a rollback PR when a health check fails), or revert the merge commit.`,
    `- The model to return to is recorded in git (annotations ${code("modelship.dev/stable-*")}): ${stable === void 0 ? "none yet" : `${escapeMarkdown(versionLabel(stable))} (${code(stable.uri)})`}, so a rollback needs nothing from the cluster.`
  ];
  return lines.join("\n");
}
function describeAction(action) {
  switch (action.kind) {
    case "start":
    case "step":
      return `${action.kind} ${action.weight}%`;
    default:
      return action.kind;
  }
}
function versionLabel(model) {
  if (model === void 0) return "\u2014";
  return model.version === "" ? model.uri : model.version;
}

// src/gitops/pull-request.ts
var AUTO_MERGE_MUTATION = `mutation EnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;
var OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
function splitRepository(repository) {
  const where = parseRepository(repository);
  if (where === void 0 || !OWNER.test(where.owner))
    throw new UserError(`"${repository}" is not a GitHub repository name`, {
      hint: "give the GitOps repository as owner/name, e.g. octo-org/gitops"
    });
  return where;
}
function accessError(error, repository, doing) {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404) return error;
  const answer = status === 404 ? "404 (not found: a token that cannot see a private repository gets this too)" : `${status} (${getErrorMessage(error)})`;
  return new UserError(`GitHub refused ${doing} in ${repository}: ${answer}`, {
    hint: `the token needs "pull-requests: write" and "contents: write" on ${repository}. The workflow's GITHUB_TOKEN cannot reach another repository: make a GitHub App token with actions/create-github-app-token (owner and repositories naming ${repository}) and pass that instead`,
    cause: error
  });
}
async function onRepository(repository, doing, call) {
  try {
    return await call();
  } catch (error) {
    throw accessError(error, repository, doing);
  }
}
function unique(names) {
  const seen = /* @__PURE__ */ new Set();
  return (names ?? []).filter((name) => {
    const key = name.toLowerCase();
    if (name.trim() === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function checkSpec(spec) {
  const where = splitRepository(spec.repository);
  if (spec.head.trim() === "" || spec.head.includes(":"))
    throw new UserError(`"${spec.head}" is not a branch name for the pull request's head`, {
      hint: "the head is a branch of the GitOps repository itself, without an owner: prefix"
    });
  if (spec.base.trim() === "")
    throw new UserError("the pull request has no base branch", { hint: "set the GitOps repository's base branch, e.g. main" });
  if (spec.head === spec.base)
    throw new UserError(`the pull request's head and base are both "${spec.head}"`, {
      hint: "promotion commits go to their own branch; pick a base other than the head"
    });
  return where;
}
async function findListed(client, ref, where) {
  const { owner, repo } = where;
  const response = await onRepository(
    ref.repository,
    "listing pull requests",
    () => client.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${ref.head}`, base: ref.base, per_page: 100 })
  );
  return response.data.find(
    (pull) => pull.head.ref === ref.head && pull.base.ref === ref.base
  );
}
async function addMissingLabels(client, spec, { owner, repo }, pull, logger) {
  const have = new Set(pull.labels.map((label) => (label.name ?? "").toLowerCase()));
  const missing = unique(spec.labels).filter((label) => !have.has(label.toLowerCase()));
  if (missing.length === 0) return false;
  await onRepository(
    spec.repository,
    "labelling the pull request",
    () => client.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: missing })
  );
  logger.info(`Labelled ${spec.repository}#${pull.number}: ${missing.join(", ")}.`);
  return true;
}
async function requestMissingReviewers(client, spec, { owner, repo }, pull, logger) {
  const requestedUsers = new Set((pull.requested_reviewers ?? []).map((user) => user.login.toLowerCase()));
  const requestedTeams = new Set((pull.requested_teams ?? []).map((team) => team.slug.toLowerCase()));
  const reviewers = unique(spec.reviewers).filter((login) => !requestedUsers.has(login.toLowerCase()));
  const teams = unique(spec.teamReviewers).filter((slug) => !requestedTeams.has(slug.toLowerCase()));
  if (reviewers.length === 0 && teams.length === 0) return false;
  const request = async (users, teamSlugs) => {
    await onRepository(
      spec.repository,
      "requesting reviews",
      () => client.rest.pulls.requestReviewers({
        owner,
        repo,
        pull_number: pull.number,
        ...users.length > 0 ? { reviewers: users } : {},
        ...teamSlugs.length > 0 ? { team_reviewers: teamSlugs } : {}
      })
    );
  };
  try {
    await request(reviewers, teams);
    logger.info(
      `Requested reviews on ${spec.repository}#${pull.number} from ${[...reviewers, ...teams.map((slug) => `team ${slug}`)].join(", ")}.`
    );
    return true;
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    if (reviewers.length + teams.length === 1) {
      warnReviewer(logger, spec.repository, pull.number, reviewers[0] ?? `team ${teams[0]}`, error);
      return false;
    }
  }
  let any = false;
  for (const [users, teamSlugs, name] of [
    ...reviewers.map((login) => [[login], [], login]),
    ...teams.map((slug) => [[], [slug], `team ${slug}`])
  ]) {
    try {
      await request([...users], [...teamSlugs]);
      any = true;
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      warnReviewer(logger, spec.repository, pull.number, name, error);
    }
  }
  return any;
}
function warnReviewer(logger, repository, number, name, error) {
  logger.warning(
    `Could not request a review from ${name} on ${repository}#${number}: ${getErrorMessage(error)} Reviews can only be requested from collaborators of ${repository} (and not from the pull request's author); fix the name or give them access.`
  );
}
function graphqlErrorTypes(error) {
  if (typeof error !== "object" || error === null || !("errors" in error) || !Array.isArray(error.errors)) return void 0;
  const errors = error.errors;
  return {
    types: errors.map((entry) => typeof entry.type === "string" ? entry.type : ""),
    messages: errors.map((entry) => String(entry.message))
  };
}
async function enableAutoMerge(client, spec, pull, logger) {
  try {
    await onRepository(
      spec.repository,
      "enabling auto-merge",
      () => client.graphql(AUTO_MERGE_MUTATION, { pullRequestId: pull.node_id, mergeMethod: spec.autoMerge.toUpperCase() })
    );
  } catch (error) {
    const graphql = graphqlErrorTypes(error);
    if (graphql === void 0 || !graphql.types.every((type) => type === "UNPROCESSABLE" || type === "FORBIDDEN")) throw error;
    const hint = graphql.types.includes("FORBIDDEN") ? `the token needs "contents: write" on ${spec.repository} to enable auto-merge` : `allow auto-merge in ${spec.repository}'s settings and protect ${spec.base} with required checks, or merge it by hand`;
    logger.warning(
      `Auto-merge is not available for ${spec.repository}#${pull.number}: ${graphql.messages.join("; ")}. The pull request stays open; ${hint}.`
    );
    return "unavailable";
  }
  logger.info(`Enabled auto-merge (${spec.autoMerge}) on ${spec.repository}#${pull.number}.`);
  return "enabled";
}
async function settleAutoMerge(client, spec, pull, logger) {
  if (spec.autoMerge === void 0) return "off";
  if (pull.auto_merge?.merge_method === spec.autoMerge) return "enabled";
  return enableAutoMerge(client, { ...spec, autoMerge: spec.autoMerge }, pull, logger);
}
async function create(client, spec, where) {
  const { owner, repo } = where;
  try {
    const response = await onRepository(
      spec.repository,
      "opening a pull request",
      () => client.rest.pulls.create({
        owner,
        repo,
        head: spec.head,
        base: spec.base,
        title: spec.title,
        body: spec.body,
        draft: spec.draft ?? false
      })
    );
    return { pull: response.data, created: true };
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    const raced = await findListed(client, spec, where);
    if (raced !== void 0) return { pull: raced, created: false };
    const details2 = error.response?.data?.errors ?? [];
    const branch = details2.find((detail) => detail.code === "invalid" && (detail.field === "head" || detail.field === "base"))?.field;
    const problem = branch === void 0 ? getErrorMessage(error) : `branch "${branch === "head" ? spec.head : spec.base}" does not exist`;
    throw new UserError(`GitHub would not open a pull request from ${spec.head} into ${spec.base} in ${spec.repository}: ${problem}`, {
      hint: branch === void 0 ? "push commits to the head branch that the base does not have" : `push the ${branch} branch to ${spec.repository} first`,
      cause: error
    });
  }
}
async function upsertPullRequest(client, spec, logger) {
  const where = checkSpec(spec);
  const { owner, repo } = where;
  if (spec.title.trim() === "") throw new UserError("the pull request has no title", { hint: "give the promotion pull request a title" });
  const existing = await findListed(client, spec, where);
  let pull;
  let action;
  if (existing === void 0) {
    const made = await create(client, spec, where);
    pull = made.pull;
    action = made.created ? "created" : "unchanged";
    if (made.created) logger.info(`Opened ${spec.repository}#${pull.number}: ${pull.html_url}`);
  } else {
    pull = existing;
    action = "unchanged";
  }
  if (action !== "created") {
    const changes = {
      ...pull.title === spec.title ? {} : { title: spec.title },
      ...(pull.body ?? "") === spec.body ? {} : { body: spec.body }
    };
    if (Object.keys(changes).length > 0) {
      await onRepository(
        spec.repository,
        "updating the pull request",
        () => client.rest.pulls.update({ owner, repo, pull_number: pull.number, ...changes })
      );
      logger.info(`Updated the ${Object.keys(changes).join(" and ")} of ${spec.repository}#${pull.number}: ${pull.html_url}`);
      action = "updated";
    } else {
      logger.info(`${spec.repository}#${pull.number} is up to date: ${pull.html_url}`);
    }
  }
  const labelled = await addMissingLabels(client, spec, where, pull, logger);
  const reviewed = await requestMissingReviewers(client, spec, where, pull, logger);
  if (action === "unchanged" && (labelled || reviewed)) action = "updated";
  const autoMerge = await settleAutoMerge(client, spec, pull, logger);
  return { number: pull.number, url: pull.html_url, action, autoMerge };
}
async function closeObsoletePullRequest(client, spec, logger) {
  const where = checkSpec(spec);
  const pull = await findListed(client, spec, where);
  if (pull === void 0) {
    logger.debug(`No open pull request from ${spec.head} into ${spec.base} in ${spec.repository} to close.`);
    return void 0;
  }
  const { owner, repo } = where;
  await onRepository(
    spec.repository,
    "commenting on the pull request",
    () => client.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: spec.reason })
  );
  await onRepository(
    spec.repository,
    "closing the pull request",
    () => client.rest.pulls.update({ owner, repo, pull_number: pull.number, state: "closed" })
  );
  logger.info(`Closed ${spec.repository}#${pull.number}: ${spec.reason}`);
  return pull.number;
}

// src/gitops/promotion-pr.ts
async function readEnvironmentState(read, environment, logger) {
  let first;
  for (const target of environment.targets) {
    const text = await read(target.file);
    if (text === void 0) throw missingFile(target, environment);
    const state = readState(text, target);
    if (first === void 0) first = { state, target };
    else if (summarize(state) !== summarize(first.state)) {
      logger.warning(
        `${target.file} says ${summarize(state)}, but ${first.target.file} says ${summarize(first.state)}; modelship follows ${first.target.file}, and this promotion brings them together.`
      );
    }
  }
  if (first === void 0)
    throw new UserError(`environment ${environment.name} has no targets`, {
      hint: "list the manifests that serve the model under promote.environments.<name>.targets"
    });
  return first.state;
}
async function editTargets(read, environment, model, action) {
  const texts = /* @__PURE__ */ new Map();
  const originals = /* @__PURE__ */ new Map();
  for (const target of environment.targets) {
    let text = texts.get(target.file);
    if (text === void 0) {
      const original = await read(target.file);
      if (original === void 0) throw missingFile(target, environment);
      originals.set(target.file, original);
      text = original;
    }
    texts.set(target.file, applyAction(text, target, model, action));
  }
  const changed = /* @__PURE__ */ new Map();
  const problems = [];
  for (const [file, text] of texts) {
    if (text === originals.get(file)) continue;
    changed.set(file, text);
    const result = validateManifestText(text, file, { modelFormat: "onnx" });
    for (const problem of result.problems) problems.push(`${formatProblem(problem)}. Fix: ${problem.hint}`);
  }
  if (problems.length > 0) {
    throw new UserError(
      `the promotion would leave ${problems.length === 1 ? "a manifest that does not validate" : `${problems.length} problems in the manifests`}; nothing was pushed:
  ${problems.join("\n  ")}`,
      {
        hint: "fix the manifests in the GitOps repository (or the target settings in modelship.yaml) and run again"
      }
    );
  }
  return changed;
}
async function promote(workspace, request) {
  const { environment, gitops, action, logger } = request;
  if (gitops.repository !== void 0 && request.github === void 0)
    throw new Error("promote: a GitHub client is needed for a GitOps repository on GitHub");
  const baseTexts = /* @__PURE__ */ new Map();
  const readBase = (path) => {
    let text = baseTexts.get(path);
    if (text === void 0) baseTexts.set(path, text = workspace.readFile(path, `origin/${gitops.base}`));
    return text;
  };
  const before = request.before ?? await readEnvironmentState(readBase, environment, logger);
  const { model, release } = await request.resolve(before);
  const branch = promotionBranch(environment.name, model.name);
  const planned = await editTargets(readBase, environment, model, action);
  const after = planned.size === 0 ? before : await readEnvironmentState(async (path) => planned.get(path) ?? await readBase(path), environment, logger);
  const files = [...planned.keys()];
  const view = {
    environment,
    action,
    model,
    release,
    before,
    after,
    ...request.previous === void 0 ? {} : { previous: await request.previous(before) },
    files: environment.targets.filter((target) => planned.has(target.file)).map((target) => ({ file: target.file, kind: target.kind })),
    ...request.reason === void 0 ? {} : { reason: request.reason },
    ...request.health === void 0 ? {} : { health: request.health },
    ...request.runUrl === void 0 ? {} : { runUrl: request.runUrl },
    rollbackCommand: request.rollbackCommand
  };
  const title = promotionTitle(view);
  const body = promotionBody(view);
  const result = { status: "no-change", model, branch, title, body, before, after, files };
  if (planned.size === 0) {
    logger.info(`${gitops.base} of the GitOps repository already says this (${title}); no pull request.`);
    if (gitops.repository !== void 0) {
      const closed = await closeObsoletePullRequest(
        request.github,
        {
          repository: gitops.repository,
          head: branch,
          base: gitops.base,
          reason: `The GitOps repository's ${gitops.base} branch already holds this state (${title}), so this pull request is no longer needed.`
        },
        logger
      );
      if (closed !== void 0) result.closedPr = closed;
    }
    return result;
  }
  const published = await publishBranch(workspace, {
    branch,
    message: promotionCommitMessage(view),
    edit: (read) => editTargets(read, environment, model, action),
    logger
  });
  if (published.sha !== void 0) result.commit = published.sha;
  if (published.status === "no-change") {
    logger.info(`${gitops.base} moved and now already holds this state; no pull request.`);
    return result;
  }
  logger.info(
    published.status === "pushed" ? `Pushed ${branch} (${files.join(", ")}).` : `${branch} already holds this change on the current ${gitops.base}; nothing pushed.`
  );
  if (gitops.repository === void 0) {
    const bodyPath = join(request.outDir, `${environment.name}-${model.name}.md`);
    await writeFileAtomic(bodyPath, `# ${title}

branch: ${branch} \u2192 ${gitops.base}

${body}
`);
    return { ...result, status: published.status === "pushed" ? "pushed" : "unchanged", bodyPath };
  }
  const pr = environment.pullRequest;
  const autoMerge = pr.autoMerge[action.kind];
  const opened = await upsertPullRequest(
    request.github,
    {
      repository: gitops.repository,
      head: branch,
      base: gitops.base,
      title,
      body,
      // Rollbacks are labelled so that branch protection, dashboards and people can tell them apart.
      labels: [.../* @__PURE__ */ new Set([...pr.labels, ...action.kind === "rollback" ? ["rollback"] : []])],
      reviewers: pr.reviewers,
      teamReviewers: pr.teamReviewers,
      draft: pr.draft,
      ...autoMerge === void 0 ? {} : { autoMerge }
    },
    logger
  );
  return { ...result, status: opened.action === "created" ? "opened" : opened.action, prNumber: opened.number, prUrl: opened.url };
}
function missingFile(target, environment) {
  return new UserError(`${target.file} is not in the GitOps repository`, {
    hint: `check promote.environments.${environment.name}.targets in modelship.yaml: the file paths are relative to the GitOps repository's root`
  });
}
function summarize(state) {
  const stable = state.stable === void 0 ? "no stable model" : `stable ${state.stable.version || state.stable.uri}`;
  return state.canary === void 0 ? stable : `${stable}, canary ${state.canary.version || state.canary.uri} at ${state.canary.weight}%`;
}

// src/gitops/canary-job.ts
async function runCanary(workspace, request) {
  const { environment, gitops, logger } = request;
  const state = await readEnvironmentState((path) => workspace.readFile(path, `origin/${gitops.base}`), environment, logger);
  let lastChange;
  for (const target of environment.targets) {
    const change = await workspace.lastChange(target.file);
    if (change !== void 0 && (lastChange === void 0 || change.time > lastChange)) lastChange = change.time;
  }
  const canary = state.canary;
  if (canary === void 0) {
    const decision2 = {
      action: "none",
      reason: `no canary runs in ${environment.name}${state.stable ? ` (${state.stable.version || state.stable.uri} serves all traffic)` : ""}`
    };
    return { environment: environment.name, state, decision: decision2, checks: [], ...lastChange === void 0 ? {} : { lastChange } };
  }
  const model = parseModelUri(canary.uri, request.tagFormat)?.model ?? request.model;
  const health = environment.health;
  if (health === void 0)
    throw new UserError(`environment ${environment.name} has no health checks`, {
      hint: `add promote.environments.${environment.name}.health (prometheus or metrics, and checks) to modelship.yaml`
    });
  const checks = await readHealth(request.source, health.checks, {
    model,
    canaryVersion: canary.version,
    ...state.stable?.version ? { stableVersion: state.stable.version } : {},
    window: health.window
  });
  const decision = decideCanary({
    state,
    policy: { steps: environment.steps, bakeMinutes: environment.bakeMs / 6e4, promote: environment.promotion },
    checks,
    now: request.now,
    lastChange
  });
  logger.debug(`${environment.name}: ${decision.action} \u2014 ${decision.reason}`);
  const result = {
    environment: environment.name,
    state,
    decision,
    checks,
    ...lastChange === void 0 ? {} : { lastChange }
  };
  if (decision.action === "none" || decision.action === "hold" || request.dryRun) return result;
  const action = decision.action === "step" ? { kind: "step", weight: decision.weight } : { kind: decision.action };
  const { openRegistry, tagFormat } = request;
  const resolved = await resolveCanaryModel({ canary, action: decision.action, model, openRegistry, tagFormat, logger });
  result.promotion = await promote(workspace, {
    environment,
    gitops,
    action,
    before: state,
    resolve: () => Promise.resolve(resolved),
    previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
    ...request.github === void 0 ? {} : { github: request.github },
    outDir: request.outDir,
    reason: decision.reason,
    health: renderHealthTable(checks),
    ...request.runUrl === void 0 ? {} : { runUrl: request.runUrl },
    rollbackCommand: request.rollbackCommand,
    logger
  });
  return result;
}

// src/stages/promote-stage.ts
var DEFAULT_OUT_DIR = ".modelship/promotion";
function gitAuthHeaderValue(token) {
  return basicAuthValue(token);
}
var EnvironmentNotGivenError = class extends UserError {
};
async function stageContext(inputs, run) {
  return {
    loaded: await loadStageConfig(run.config, run.cwd),
    gitops: { repository: inputs.gitopsRepo, remote: inputs.remote, base: inputs.base, serverUrl: run.serverUrl },
    token: inputs.gitopsToken ?? run.token,
    registryToken: run.token,
    repository: run.repository,
    registry: inputs.registry,
    defaultRegistry: run.defaultRegistry,
    tagFormat: inputs.tagFormat,
    outDir: inputs.outDir ?? DEFAULT_OUT_DIR,
    runUrl: run.runUrl,
    logger: run.logger,
    userAgentVersion: run.toolVersion
  };
}
function registryOpener(context) {
  const opened = /* @__PURE__ */ new Map();
  const tagFormat = tagFormatOf(context);
  return (spec) => {
    let store = opened.get(spec);
    if (store === void 0) {
      store = openStore({
        spec,
        token: context.registryToken ?? context.token,
        repository: context.repository,
        tagFormat,
        logger: context.logger,
        userAgentVersion: context.userAgentVersion
      });
      opened.set(spec, store);
    }
    return store;
  };
}
function tagFormatOf(context) {
  return context.tagFormat ?? context.loaded.config?.release?.tag_format;
}
function gitHubFor(context, repository) {
  if (repository === void 0) return void 0;
  if (context.token === void 0 || context.token === "") {
    throw new UserError(`opening pull requests in ${repository} needs a token`, {
      hint: "pass a token with contents: write and pull-requests: write on the GitOps repository (a GitHub App token from actions/create-github-app-token; GITHUB_TOKEN cannot reach another repository); for the CLI set MODELSHIP_GITOPS_TOKEN or GITHUB_TOKEN"
    });
  }
  return createGitHubClient({ token: context.token, logger: context.logger, userAgentVersion: context.userAgentVersion });
}
function environmentOf(options, loaded) {
  if (options.environment !== void 0) return options.environment;
  const environments = environmentNames(loaded);
  if (environments.length === 1) return environments[0];
  throw new EnvironmentNotGivenError(
    `name the environment with --env (${environments.length === 0 ? "none is configured in promote.environments" : `one of ${environments.join(", ")}`})`
  );
}
async function runPromoteStage(options, run) {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.model ?? loaded.config?.model;
  const given = options.version === void 0 || named === void 0 ? named : `${parseModelRef(named).model}@${options.version}`;
  const environment = withOverrides(resolveEnvironment(environmentOf(options, loaded), loaded), options);
  const gitops = resolveGitOps(context.gitops, loaded);
  if (given === void 0 || given === "")
    throw new UserError("no model given", { hint: "pass MODEL@VERSION (the model input), or set `model:` in modelship.yaml" });
  const { model: name, version: requested } = parseModelRef(given);
  const action = actionFor(options, environment);
  const openRegistry = registryOpener(context);
  const registrySpec = resolveRegistry(context.registry, loaded, context.defaultRegistry);
  const tagFormat = tagFormatOf(context);
  const resolveModel = async (before) => {
    if (action.kind === "start" || action.kind === "direct") {
      const checked = await checkRelease({ store: openRegistry(registrySpec), model: name, version: requested, logger });
      const provenance = await checkRunReleaseProvenance({
        run,
        loaded,
        registrySpec,
        release: checked.stored,
        refusal: `${name}@${checked.model.version} may not be promoted`
      });
      logger.info(`${name}@${checked.model.version}: provenance ${provenance.text}`);
      return { model: checked.model, release: { ...releaseView(checked), provenance } };
    }
    const canary = before.canary;
    if (canary === void 0) {
      if (action.kind === "rollback")
        throw new UserError(`no canary runs in ${environment.name}, so there is nothing to roll back`, {
          hint: `to go back to an earlier version, promote it: modelship promote ${name}@VERSION --env ${environment.name} --action direct`
        });
      throw new UserError(`no canary runs in ${environment.name}, so there is nothing to ${action.kind}`, {
        hint: `start one: modelship promote ${name}@VERSION --env ${environment.name}`
      });
    }
    if (requested !== "latest" && requested.replace(/^v/, "") !== canary.version) {
      throw new UserError(`the canary in ${environment.name} runs ${canary.version || canary.uri}, not ${requested}`, {
        hint: `${action.kind} the model the canary runs (${name}@${canary.version}), or leave the version out`
      });
    }
    return resolveCanaryModel({ canary, action: action.kind, model: name, openRegistry, tagFormat, logger });
  };
  const clone = { remote: gitops.remote, base: gitops.base, ...context.token === void 0 ? {} : { token: context.token }, logger };
  const result = await withClone(
    clone,
    (workspace) => promote(workspace, {
      environment,
      gitops,
      action,
      resolve: resolveModel,
      previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
      ...gitops.repository === void 0 ? {} : { github: gitHubFor(context, gitops.repository) },
      outDir: context.outDir,
      ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
      rollbackCommand: rollbackCommand(name, environment.name),
      logger
    })
  );
  return { ...result, environment, actionTaken: action };
}
async function runCanaryStage(options, run) {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.environments !== void 0 && options.environments.length > 0;
  const environments = (named ? options.environments : environmentNames(loaded)).map((name) => resolveEnvironment(name, loaded)).filter((environment) => named || environment.health !== void 0);
  if (environments.length === 0)
    throw new UserError("no environment has health checks to run a canary on", {
      file: loaded.file,
      hint: "add promote.environments.<name>.health (prometheus or metrics, and checks) to modelship.yaml"
    });
  const gitops = resolveGitOps(context.gitops, loaded);
  const github = options.dryRun ? void 0 : gitHubFor(context, gitops.repository);
  const model = loaded.config?.model;
  if (model === void 0) throw new UserError("no model name", { hint: "set `model:` in modelship.yaml" });
  const openRegistry = registryOpener(context);
  const tagFormat = tagFormatOf(context);
  const clone = { remote: gitops.remote, base: gitops.base, ...context.token === void 0 ? {} : { token: context.token }, logger };
  return withClone(clone, async (workspace) => {
    const results = [];
    for (const environment of environments) {
      results.push(
        await runCanary(workspace, {
          environment,
          gitops,
          model,
          source: healthSource(environment, options),
          openRegistry,
          ...tagFormat === void 0 ? {} : { tagFormat },
          ...github === void 0 ? {} : { github },
          outDir: context.outDir,
          now: options.now ?? /* @__PURE__ */ new Date(),
          ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
          rollbackCommand: rollbackCommand(model, environment.name),
          ...options.dryRun ? { dryRun: true } : {},
          logger
        })
      );
    }
    return results;
  });
}
function healthSource(environment, options) {
  const prometheus = options.prometheus ?? (options.metrics === void 0 ? environment.health?.prometheus : void 0);
  if (prometheus !== void 0) return { kind: "prometheus", url: prometheus };
  const metrics = options.metrics ?? environment.health?.metrics;
  if (metrics === void 0)
    throw new UserError(`environment ${environment.name} has no health source`, {
      hint: `set promote.environments.${environment.name}.health.prometheus (or metrics), or pass --prometheus / --metrics`
    });
  return /^https?:\/\//.test(metrics) ? { kind: "metrics-url", url: metrics } : { kind: "metrics-file", path: metrics };
}
function withOverrides(environment, options) {
  const pr = options.pullRequest ?? {};
  const autoMerge = { ...environment.pullRequest.autoMerge };
  if (pr.autoMerge !== void 0)
    for (const kind of Object.keys(autoMerge)) autoMerge[kind] = pr.autoMerge === false ? void 0 : pr.autoMerge;
  return {
    ...environment,
    strategy: options.strategy ?? environment.strategy,
    pullRequest: {
      labels: pr.labels ?? environment.pullRequest.labels,
      reviewers: pr.reviewers ?? environment.pullRequest.reviewers,
      teamReviewers: pr.teamReviewers ?? environment.pullRequest.teamReviewers,
      draft: pr.draft ?? environment.pullRequest.draft,
      autoMerge
    }
  };
}
function actionFor(options, environment) {
  const kind = options.action;
  if (kind === void 0 || kind === "start") {
    if (kind === "start" && environment.strategy === "direct")
      throw new UserError(`environment ${environment.name} uses the direct strategy, which has no canary to start`, {
        hint: "leave --action out, or pass --strategy canary"
      });
    return startAction(environment, options.weight);
  }
  if (kind === "step") {
    if (options.weight === void 0)
      throw new UserError("the step action needs a weight", { hint: "pass --weight 50 (the weight input)" });
    return { kind, weight: options.weight };
  }
  return { kind };
}
function rollbackCommand(model, environment) {
  return `modelship promote ${model} --env ${environment} --action rollback`;
}

export {
  renderHealthTable,
  readEnvironmentState,
  gitAuthHeaderValue,
  EnvironmentNotGivenError,
  runPromoteStage,
  runCanaryStage
};
