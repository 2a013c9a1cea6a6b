import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  STATE_KEYS,
  environmentNames,
  findModelUris,
  formatProblem,
  parseModelUri,
  promote,
  readEnvironmentState,
  readState,
  resolveEnvironment,
  resolveGitOps,
  targetSpec,
  validateManifestText,
  withClone
} from "./chunk-PS2MCQ24.js";
import {
  fetchModel,
  openStore,
  parseModelRef,
  resolveRegistry,
  resolveVersion,
  shortDigest,
  unknownVersion
} from "./chunk-KXYY6WI6.js";
import {
  assertValid,
  parseYamlSource,
  readYamlFile
} from "./chunk-SGJFWRIS.js";
import {
  UserError,
  code,
  createGitHubClient,
  details,
  errnoCode,
  escapeMarkdown,
  formatNumber,
  getErrorMessage,
  isUserError,
  sections,
  statusIcon,
  table
} from "./chunk-I6K5MFCQ.js";

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

// src/gitops/release-check.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function gateRefusal(manifest) {
  const { gate } = manifest;
  if (gate.verdict === "missing") return "it was released without a gate report";
  if (gate.verdict === "fail") return `its gate verdict is fail${gate.reason ? ` (${gate.reason})` : ""}`;
  if (!gate.modelMatches) return "its gate report was made for other model bytes";
  if (gate.allowUngated) return `it was released with allow-ungated${gate.reason ? ` (${gate.reason})` : ""}`;
  return void 0;
}
async function checkRelease(options) {
  const { store, model, logger } = options;
  const version = await resolveVersion(store, model, options.version);
  const stored = await store.locate(model, version);
  if (stored === void 0) throw await unknownVersion(store, model, version);
  const label = `${model}@${version}`;
  const refusal = gateRefusal(stored.manifest);
  if (refusal !== void 0) {
    throw new UserError(`${label} may not be promoted: ${refusal}`, {
      hint: "only a release whose gates passed (verdict pass or warn) for its own model bytes is deployed; fix the model, evaluate it and release a new version"
    });
  }
  const scratch = await mkdtemp(join(tmpdir(), "modelship-promote-"));
  try {
    await fetchModel({ store, model, version, dir: join(scratch, "package"), published: stored.manifest, logger });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  logger.info(
    `${label}: gate verdict ${stored.manifest.gate.verdict}, ${stored.manifest.files.length} files verified (digest ${shortDigest(stored.manifest.digest)}).`
  );
  return { model: { name: model, version, uri: stored.modelUri, digest: stored.manifest.digest }, stored, manifest: stored.manifest };
}
async function releaseViewOf(model, openRegistry, tagFormat) {
  if (model === void 0) return void 0;
  const where = parseModelUri(model.uri, tagFormat);
  const stored = where === void 0 ? void 0 : await Promise.resolve().then(() => openRegistry(where.registry).locate(where.model, where.version)).catch(() => void 0);
  return stored === void 0 ? { version: model.version } : { version: stored.version, url: stored.url, manifest: stored.manifest };
}
async function resolveCanaryModel(options) {
  const { canary, openRegistry, tagFormat } = options;
  const location = parseModelUri(canary.uri, tagFormat);
  if (options.action === "rollback") {
    const model = { name: location?.model ?? options.model, version: canary.version, uri: canary.uri, digest: canary.digest ?? "" };
    return { model, release: await releaseViewOf(canary, openRegistry, tagFormat) };
  }
  if (location === void 0) {
    throw new UserError(`the canary's model URI ${canary.uri} is not a release asset modelship can check`, {
      hint: "only released models get more traffic; roll the canary back with --action rollback"
    });
  }
  const checked = await checkRelease({
    store: openRegistry(location.registry),
    model: location.model,
    version: location.version,
    logger: options.logger
  });
  if (checked.model.uri !== canary.uri)
    throw new UserError(
      `the canary's model URI ${canary.uri} is not the model file of ${location.model}@${location.version} (${checked.model.uri})`,
      { hint: "start the canary again with modelship promote" }
    );
  return { model: checked.model, release: releaseView(checked) };
}
function releaseView(checked) {
  return { version: checked.model.version, url: checked.stored.url, manifest: checked.manifest };
}

// src/gitops/canary.ts
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

// src/gitops/verify-promotion.ts
var YAML_FILE = /\.ya?ml$/i;
async function verifyPromotion(request) {
  const { logger } = request;
  return withClone(
    { remote: request.remote, base: request.base, ...request.token === void 0 ? {} : { token: request.token }, logger },
    async (workspace) => {
      const head = await workspace.fetchRef(request.head);
      const baseRef = `refs/remotes/origin/${request.base}`;
      const forkPoint = (await workspace.git(["merge-base", baseRef, head], { allowFailure: true })).stdout.toString("utf8").trim() || baseRef;
      const files = (await workspace.changedFiles(forkPoint, head)).filter((file) => YAML_FILE.test(file));
      const problems = [];
      const candidates = /* @__PURE__ */ new Map();
      for (const file of files) {
        const after = await workspace.readFile(file, head);
        if (after === void 0) continue;
        const before = await workspace.readFile(file, forkPoint) ?? "";
        try {
          for (const problem of validateManifestText(after, file, { modelFormat: "onnx" }).problems) problems.push(formatProblem(problem));
        } catch (error) {
          if (!isUserError(error)) throw error;
          problems.push(getErrorMessage(error));
          continue;
        }
        const known = new Set(findModelUris(before, request.tagFormat));
        for (const uri of findModelUris(after, request.tagFormat)) if (!known.has(uri)) candidates.set(`${file}\0${uri}`, { file, uri });
        for (const target of request.targets.filter((spec) => spec.file === file)) {
          let states;
          try {
            states = [before === "" ? {} : readState(before, target), readState(after, target)];
          } catch (error) {
            if (!isUserError(error)) throw error;
            problems.push(getErrorMessage(error));
            continue;
          }
          const old = /* @__PURE__ */ new Set([states[0].stable?.uri, states[0].canary?.uri]);
          for (const model of [states[1].stable, states[1].canary]) {
            if (model === void 0 || old.has(model.uri)) continue;
            candidates.set(`${file}\0${model.uri}`, {
              file,
              uri: model.uri,
              ...model.digest === void 0 ? {} : { digest: model.digest }
            });
          }
        }
      }
      const uris = [];
      const releases = /* @__PURE__ */ new Map();
      const check = (location) => {
        const key = `${location.registry}\0${location.model}\0${location.version}`;
        let checked = releases.get(key);
        if (checked === void 0)
          releases.set(
            key,
            checked = checkRelease({
              store: request.openRegistry(location.registry),
              model: location.model,
              version: location.version,
              logger
            })
          );
        return checked;
      };
      for (const candidate of candidates.values()) uris.push(await checkUri(candidate, request.tagFormat, check));
      const ok = problems.length === 0 && uris.every((uri) => uri.ok);
      const markdown = renderVerification({ ok, files, uris, problems });
      logger.info(
        ok ? `verify-promotion: ${uris.length} model URI(s) in ${files.length} file(s) verified.` : `verify-promotion: ${uris.filter((uri) => !uri.ok).length + problems.length} problem(s).`
      );
      return { ok, files, uris, problems, markdown };
    }
  );
}
async function checkUri(candidate, tagFormat, check) {
  const { file, uri } = candidate;
  const location = parseModelUri(uri, tagFormat);
  if (location === void 0)
    return {
      file,
      uri,
      ok: false,
      detail: "not a release asset of a model registry: only released, gated models may be deployed (promote with modelship)"
    };
  try {
    const checked = await check(location);
    if (checked.model.uri !== uri) {
      const file2 = checked.manifest.files.find((entry) => entry.name === location.file);
      if (file2 === void 0 || file2.role !== "model")
        return {
          file: candidate.file,
          uri,
          ok: false,
          detail: `${location.file} is not the model file of ${location.model}@${location.version}`
        };
    }
    if (candidate.digest !== void 0 && candidate.digest !== checked.manifest.digest) {
      return {
        file,
        uri,
        ok: false,
        detail: `the manifest records digest ${shortDigest(candidate.digest)} (annotation ${STATE_KEYS.stable.digest} or ${STATE_KEYS.canary.digest}), the release has ${shortDigest(checked.manifest.digest)}`
      };
    }
    return {
      file,
      uri,
      ok: true,
      detail: `${location.model}@${location.version}: gate verdict ${checked.manifest.gate.verdict}, every sha256 verified (digest ${shortDigest(checked.manifest.digest)})`
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { file, uri, ok: false, detail: error.problem };
  }
}
function renderVerification(result) {
  const heading = `## ${statusIcon(result.ok ? "pass" : "fail")} modelship verify-promotion: ${result.ok ? "every model this change deploys is released and gated" : "this change must not be merged"}`;
  const rows = result.uris.map((uri) => [statusIcon(uri.ok ? "pass" : "fail"), code(uri.file), code(uri.uri), escapeMarkdown(uri.detail)]);
  return sections(
    heading,
    result.uris.length === 0 ? `No model URI changes in ${result.files.length} changed YAML file(s).` : table(["", "file", "model URI", "check"], rows),
    result.problems.length === 0 ? void 0 : `### Manifest problems

${result.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join("\n")}`,
    "_Provenance attestations are not checked here; verify them with `gh attestation verify` where the runner can reach Sigstore._"
  );
}

// src/stages/promote-stage.ts
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
async function runPromoteStage(options, context) {
  const { loaded, logger } = context;
  const environment = withOverrides(resolveEnvironment(options.environment, loaded), options);
  const gitops = resolveGitOps(context.gitops, loaded);
  const given = options.model ?? loaded.config?.model;
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
      return { model: checked.model, release: releaseView(checked) };
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
async function runCanaryStage(options, context) {
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
async function runVerifyStage(options, context) {
  const { loaded } = context;
  const gitops = resolveGitOps(
    {
      ...context.gitops,
      ...options.remote === void 0 ? {} : { remote: options.remote },
      ...options.base === void 0 ? {} : { base: options.base }
    },
    loaded
  );
  const targets = Object.values(loaded.config?.promote?.environments ?? {}).flatMap((environment) => environment.targets.map(targetSpec));
  const tagFormat = tagFormatOf(context);
  return verifyPromotion({
    remote: gitops.remote,
    base: gitops.base,
    head: options.head,
    ...context.token === void 0 ? {} : { token: context.token },
    targets,
    openRegistry: registryOpener(context),
    ...tagFormat === void 0 ? {} : { tagFormat },
    logger: context.logger
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
  runPromoteStage,
  runCanaryStage,
  runVerifyStage
};
