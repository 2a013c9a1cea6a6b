import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  NO_INTERNAL,
  guardedGetFollowing,
  redactText,
  redactUrl,
  takeCredentials
} from "./chunk-4Y7F6CJ4.js";
import {
  assertValid,
  parseYamlSource,
  readYamlFile
} from "./chunk-YZWFQKR3.js";
import {
  logGamma,
  normalQuantile,
  normalSf,
  twoProportionZ
} from "./chunk-OBDTE6IB.js";
import {
  formatNumber
} from "./chunk-6QZAZOAY.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";

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
    version: {
      description: "Format version of this document (docs/compatibility.md). Only 1 exists; a document without it is read as version 1.",
      const: 1
    },
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
    const stable = check.maxIncrease === void 0 ? { value: null } : await readStable(check, source, context, read);
    const result = judgeCheck(check, {
      canary: canary.value,
      stable: stable.value,
      canaryNote: canary.note,
      stableNote: stable.note,
      stableVersion: stableLabel(context)
    });
    if (canary.query !== void 0) result.query = canary.query;
    results.push(result);
  }
  return results;
}
function stableLabel(context) {
  if (context.stableVersion !== void 0 && context.stableVersion !== "") return context.stableVersion;
  return context.stableUri === void 0 ? void 0 : `at ${context.stableUri}`;
}
async function readStable(check, source, context, read) {
  const version = context.stableVersion ?? "";
  if (version !== "" && version !== context.canaryVersion) return read(check, "stable", version);
  if (version === "" && context.stableUri === void 0) return { value: null };
  const query = check.query ?? "";
  const uses = (name) => new RegExp(String.raw`\{\{\s*${name}\s*\}\}`).test(query);
  if (source.kind === "prometheus" && uses("role") && !uses("version")) return read(check, "stable", version);
  const why = version === "" ? "its version is unknown, since modelship did not release it" : `it has the canary's version ${version}, so {{version}} cannot tell the two apart`;
  const fix = source.kind === "prometheus" ? "select it with {{role}} instead of {{version}} in the query" : "a metrics document keys models by version; use a Prometheus query that selects it by {{role}}, or a max instead of max_increase";
  return { value: null, note: `${why}; ${fix}` };
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
  const where = `Prometheus at ${shownUrl(base)}, query ${query} (check ${JSON.stringify(checkName)})`;
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
function shownUrl(url) {
  try {
    return redactUrl(new URL(url)).replace(/\/$/, "");
  } catch {
    return redactText(url);
  }
}
var MAX_ANSWER_BYTES = 16 * 1024 * 1024;
async function httpGet(url, source, where) {
  const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${where}: not a valid URL`, { hint: "give the full address, e.g. http://prometheus.monitoring:9090" });
  }
  const credentials = takeCredentials(parsed, where);
  const basic = credentials === void 0 ? {} : { authorization: credentials.authorization };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { response } = await guardedGetFollowing(parsed, source.network ?? NO_INTERNAL, {
      what: where,
      headers: { accept: "application/json", ...basic, ...source.headers },
      foreignHeaders: { accept: "application/json" },
      signal,
      maxBytes: MAX_ANSWER_BYTES
    });
    return {
      ok: response.ok,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text: await response.text()
    };
  } catch (error) {
    if (isUserError(error)) throw error;
    if (signal.aborted || error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new UserError(`${where}: no answer within ${timeoutMs} ms`, {
        hint: "check that the server is up and reachable from the runner, or raise the timeout",
        cause: error
      });
    }
    const code = errnoCode(error) ?? errnoCode(error instanceof Error ? error.cause : void 0);
    const reason = code ?? (error instanceof Error && error.cause !== void 0 ? getErrorMessage(error.cause) : getErrorMessage(error));
    throw new UserError(`${where}: cannot connect (${reason})`, {
      hint: "check the url and that the server is reachable from the runner (a self-hosted runner may be needed for an in-cluster address)",
      cause: error
    });
  }
}
async function fetchMetricsDocument(source) {
  const where = `canary metrics at ${shownUrl(source.url)}`;
  const response = await httpGet(source.url, source, where);
  if (!response.ok) throw new UserError(`${where}: HTTP ${response.status}`, { hint: httpHint(response.status) ?? "check the url" });
  return parseYamlSource(response.text, shownUrl(source.url));
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

// src/common/two-sample.ts
function betaContinuedFraction(a, b, x) {
  const tiny = 1e-300;
  const epsilon = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - qab * x / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1e5; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return h;
}
function regularizedBeta(x, a, b) {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return Math.exp(logFront) * betaContinuedFraction(a, b, x) / a;
  return 1 - Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b;
}
function studentTSf(t, df) {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  if (df > 1e7) return normalSf(t);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? tail : 1 - tail;
}
function studentTDensity(t, df) {
  const logDensity = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - (df + 1) / 2 * Math.log1p(t * t / df);
  return Math.exp(logDensity);
}
function studentTQuantile(p, df) {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df > 1e7) return normalQuantile(p);
  const q = p > 0.5 ? 1 - p : p;
  let low = 0;
  let high = 1;
  while (studentTSf(high, df) > q) {
    low = high;
    high *= 2;
    if (high > 1e300) break;
  }
  const z = normalQuantile(1 - q);
  let x = Math.min(Math.max(z + (z ** 3 + z) / (4 * df), low), high);
  for (let step = 0; step < 100; step++) {
    const error = studentTSf(x, df) - q;
    if (error === 0) break;
    if (error > 0) low = x;
    else high = x;
    let next = x + error / studentTDensity(x, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) {
      x = next;
      break;
    }
    x = next;
  }
  return p > 0.5 ? x : -x;
}
function wilsonInterval(successes, trials, confidence = 0.95) {
  const z = normalQuantile(0.5 + confidence / 2);
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
  const scale = 1 + z2 / trials;
  return [Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)];
}
function checkCounts(successes, trials, role) {
  if (!Number.isFinite(trials) || trials <= 0)
    throw new RangeError(`two-proportion test: the ${role}'s trials must be a positive number, got ${trials}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > trials)
    throw new RangeError(`two-proportion test: the ${role}'s successes must be in [0, ${trials}], got ${successes}`);
}
function compareProportions(candidate, stable, confidence = 0.95) {
  checkCounts(candidate.successes, candidate.trials, "candidate");
  checkCounts(stable.successes, stable.trials, "stable model");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`two-proportion test: confidence must be in (0, 1), got ${confidence}`);
  const p1 = candidate.successes / candidate.trials;
  const p2 = stable.successes / stable.trials;
  const difference = p1 - p2;
  const { statistic: z, pValue } = twoProportionZ(candidate, stable);
  const [l1, u1] = wilsonInterval(candidate.successes, candidate.trials, confidence);
  const [l2, u2] = wilsonInterval(stable.successes, stable.trials, confidence);
  const interval = [
    difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
  ];
  return {
    candidate: { ...candidate, rate: p1 },
    stable: { ...stable, rate: p2 },
    difference,
    z,
    pValue,
    interval,
    confidence
  };
}
function checkSummary(summary, role) {
  if (!Number.isFinite(summary.mean)) throw new RangeError(`Welch's test: the ${role}'s mean is not a finite number`);
  if (!Number.isFinite(summary.stddev) || summary.stddev < 0)
    throw new RangeError(`Welch's test: the ${role}'s standard deviation must be a non-negative number, got ${summary.stddev}`);
  if (!Number.isFinite(summary.count) || summary.count < 2)
    throw new RangeError(`Welch's test: the ${role} needs at least 2 observations, got ${summary.count}`);
}
function compareMeans(candidate, stable, confidence = 0.95) {
  checkSummary(candidate, "candidate");
  checkSummary(stable, "stable model");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Welch's test: confidence must be in (0, 1), got ${confidence}`);
  const v1 = candidate.stddev ** 2 / candidate.count;
  const v2 = stable.stddev ** 2 / stable.count;
  const difference = candidate.mean - stable.mean;
  const variance = v1 + v2;
  const standardError = Math.sqrt(variance);
  if (!(standardError > 0)) {
    return {
      candidate,
      stable,
      difference,
      standardError,
      df: Number.NaN,
      t: Number.NaN,
      pValue: Number.NaN,
      interval: [difference, difference],
      confidence
    };
  }
  const df = variance * variance / (v1 * v1 / (candidate.count - 1) + v2 * v2 / (stable.count - 1));
  const t = difference / standardError;
  const pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df));
  const half = studentTQuantile(0.5 + confidence / 2, df) * standardError;
  return { candidate, stable, difference, standardError, df, t, pValue, interval: [difference - half, difference + half], confidence };
}

// src/gitops/ab-test.ts
var AB_FIELDS = {
  proportion: ["successes", "trials"],
  mean: ["mean", "stddev", "count"]
};
async function readAbMetrics(source, settings, context) {
  if (source.kind !== "prometheus")
    throw new UserError("strategy ab reads its metrics from Prometheus, but the health source is a metrics document", {
      hint: "set health.prometheus (or pass --prometheus) for an environment with strategy ab; a metrics document has no counts to test"
    });
  const readings = [];
  for (const metric of settings.metrics) {
    const reading = { metric, candidate: {}, stable: {}, queries: [] };
    for (const [role, version] of [
      ["canary", context.candidateVersion],
      ["stable", context.stableVersion]
    ]) {
      const usesVersion = AB_FIELDS[metric.kind].some((field) => /\{\{\s*version\s*\}\}/.test(metric.queries[field] ?? ""));
      if (role === "stable" && version === "" && usesVersion) {
        reading.stable = null;
        reading.note = "the stable model's version is unknown (modelship did not release it), so {{version}} cannot select it: select it with {{role}}";
        continue;
      }
      const observation = {};
      for (const field of AB_FIELDS[metric.kind]) {
        const name = `${metric.name} (${field})`;
        const query = fillQuery({ name, query: metric.queries[field] }, { model: context.model, version, role, window: context.window });
        if (role === "canary") reading.queries.push(query);
        const { value, note } = await queryPrometheus(source, query, `A/B metric ${name}`);
        if (value === null || !Number.isFinite(value)) {
          reading.note ??= `no data for the ${role === "canary" ? "candidate" : "stable model"}'s ${field}${note ? ` (${note})` : ""}`;
          if (role === "canary") reading.candidate = null;
          else reading.stable = null;
          break;
        }
        observation[field] = value;
      }
      if (role === "canary" && reading.candidate !== null) reading.candidate = observation;
      if (role === "stable" && reading.stable !== null) reading.stable = observation;
    }
    readings.push(reading);
  }
  return readings;
}
function decideAb(input) {
  const { state, settings, checks, now, lastChange, bakeMinutes } = input;
  const candidate = state.canary;
  if (candidate === void 0) return { decision: { action: "none", reason: "No A/B test is running, so there is nothing to decide." } };
  const subject = `the A/B test of ${candidate.version || candidate.uri} against ${state.stable?.version || state.stable?.uri || "the stable model"}`;
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0)
    return {
      decision: {
        action: "rollback",
        reason: `End ${subject} and roll back: a guardrail fails (${failed.map((check) => `${check.name}: ${check.detail}`).join("; ")}).`
      }
    };
  if (bakeMinutes > 0) {
    if (lastChange === void 0)
      return {
        decision: { action: "hold", reason: `Hold ${subject}: the time of its start is unknown, so the bake time cannot be checked.` }
      };
    const baked = (now.getTime() - lastChange.getTime()) / 6e4;
    if (baked < bakeMinutes)
      return {
        decision: {
          action: "hold",
          reason: `Hold ${subject}: it has run ${Math.max(0, Math.floor(baked))} of the ${Math.ceil(bakeMinutes)} minutes of bake time since ${lastChange.toISOString()}.`
        }
      };
  }
  const missing = checks.filter((check) => check.status === "no-data");
  if (missing.length > 0)
    return {
      decision: {
        action: "hold",
        reason: `Hold ${subject}: a guardrail has no data (${missing.map((check) => `${check.name}: ${check.detail}`).join("; ")}).`
      }
    };
  const readings = input.readings ?? [];
  const comparison = compareAll(readings, settings, candidate.version, state.stable?.version ?? "");
  const withComparison = (decision) => ({ decision, comparison });
  const level = `${formatNumber((1 - comparison.perMetricAlpha) * 100, 2)}%`;
  const describe = (metric) => {
    const counts = `n ${formatNumber(metric.candidate?.n ?? null)} vs ${formatNumber(metric.stable?.n ?? null)}`;
    if (metric.test === void 0) return `${metric.name}: ${metric.note ?? metric.verdict} (${counts})`;
    return `${metric.name}: difference ${formatNumber(metric.test.difference)}, ${level} interval [${formatNumber(metric.test.interval[0])}, ${formatNumber(metric.test.interval[1])}], p = ${formatP(metric.test.pValue)} (${counts})`;
  };
  const noData = comparison.metrics.filter((metric) => metric.verdict === "no data");
  if (noData.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: ${noData.map((metric) => `${metric.name}: ${metric.note}`).join("; ")}.`
    });
  const few = comparison.metrics.filter((metric) => metric.verdict === "too few samples");
  if (few.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: each variant needs ${formatNumber(settings.minSamples)} samples per metric before a verdict; ${few.map(describe).join("; ")}.`
    });
  const better = comparison.metrics.filter((metric) => metric.verdict === "better");
  const worse = comparison.metrics.filter((metric) => metric.verdict === "worse");
  const tested = `each metric tested at \u03B1 = ${formatNumber(comparison.perMetricAlpha)} (Bonferroni over ${comparison.metrics.length})`;
  if (better.length > 0 && worse.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: the metrics disagree, the candidate is significantly better on ${better.map((m) => m.name).join(", ")} and worse on ${worse.map((m) => m.name).join(", ")} (${tested}); a person decides (promote or roll back by hand).`
    });
  if (better.length > 0)
    return withComparison({
      action: "promote",
      reason: `Promote ${candidate.version || candidate.uri}: it wins ${subject}, significantly better on ${better.map(describe).join("; ")}, and not significantly worse on any metric (${tested}).`
    });
  if (worse.length > 0)
    return withComparison({
      action: "rollback",
      reason: `End ${subject} and keep the stable model: the candidate is significantly worse on ${worse.map(describe).join("; ")}, and better on none (${tested}).`
    });
  return withComparison({
    action: "hold",
    reason: `Hold ${subject}: no significant difference yet (${tested}); ${comparison.metrics.map(describe).join("; ")}.`
  });
}
function compareAll(readings, settings, candidateVersion, stableVersion) {
  const perMetricAlpha = settings.alpha / Math.max(1, readings.length);
  const confidence = 1 - perMetricAlpha;
  const metrics = readings.map((reading) => compareOne(reading, settings.minSamples, perMetricAlpha, confidence));
  return { metrics, alpha: settings.alpha, perMetricAlpha, minSamples: settings.minSamples, candidateVersion, stableVersion };
}
function compareOne(reading, minSamples, alpha, confidence) {
  const { metric } = reading;
  const base = { name: metric.name, kind: metric.kind, higherIsBetter: metric.higherIsBetter, queries: reading.queries };
  const shown = (observation) => {
    if (observation === null) return null;
    if (metric.kind === "proportion") return { value: observation.successes / observation.trials, n: observation.trials };
    return { value: observation.mean, n: observation.count };
  };
  if (reading.candidate === null || reading.stable === null)
    return {
      ...base,
      candidate: shown(reading.candidate),
      stable: shown(reading.stable),
      verdict: "no data",
      note: reading.note ?? "no data"
    };
  const candidate = shown(reading.candidate);
  const stable = shown(reading.stable);
  checkObservation(metric, reading.candidate, "candidate");
  checkObservation(metric, reading.stable, "stable model");
  const result = { ...base, candidate, stable };
  if (candidate.n < 2 || stable.n < 2) return { ...result, verdict: "too few samples" };
  let test;
  if (metric.kind === "proportion") {
    const outcome = compareProportions(
      { successes: reading.candidate.successes, trials: reading.candidate.trials },
      { successes: reading.stable.successes, trials: reading.stable.trials },
      confidence
    );
    test = {
      difference: outcome.difference,
      interval: outcome.interval,
      pValue: outcome.pValue,
      confidence
    };
  } else {
    const outcome = compareMeans(
      { mean: reading.candidate.mean, stddev: reading.candidate.stddev, count: reading.candidate.count },
      { mean: reading.stable.mean, stddev: reading.stable.stddev, count: reading.stable.count },
      confidence
    );
    test = { difference: outcome.difference, interval: outcome.interval, pValue: outcome.pValue, confidence };
  }
  if (candidate.n < minSamples || stable.n < minSamples) return { ...result, test, verdict: "too few samples" };
  if (!(test.pValue < alpha)) return { ...result, test, verdict: "no difference" };
  const candidateHigher = test.difference > 0;
  return { ...result, test, verdict: candidateHigher === metric.higherIsBetter ? "better" : "worse" };
}
function checkObservation(metric, observation, role) {
  const problem = metric.kind === "proportion" ? observation.trials < 0 || observation.successes < 0 || observation.successes > observation.trials ? `${formatNumber(observation.successes)} successes out of ${formatNumber(observation.trials)} trials` : void 0 : observation.stddev < 0 || observation.count < 0 ? `standard deviation ${formatNumber(observation.stddev)} and count ${formatNumber(observation.count)}` : void 0;
  if (problem !== void 0)
    throw new UserError(`A/B metric ${JSON.stringify(metric.name)}: Prometheus gave the ${role} ${problem}, which no sample can have`, {
      hint: metric.kind === "proportion" ? "make successes count a subset of what trials counts, over the same {{window}} and labels" : "make stddev and count queries return a non-negative standard deviation and number of observations"
    });
}
function formatP(p) {
  if (Number.isNaN(p)) return "\u2014";
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}
async function judgeAbTest(source, environment, input) {
  const settings = environment.ab;
  if (settings === void 0)
    throw new UserError(`environment ${environment.name} has strategy ab but no ab settings`, {
      hint: `add promote.environments.${environment.name}.ab (the metrics that decide the winner) to modelship.yaml`
    });
  const { state, checks } = input;
  const failing = checks.some((check) => check.status === "fail");
  const readings = failing || state.canary === void 0 ? void 0 : await readAbMetrics(source, settings, {
    model: input.model,
    candidateVersion: state.canary.version,
    stableVersion: state.stable?.version ?? "",
    window: environment.health?.window ?? "10m"
  });
  return decideAb({
    state,
    settings,
    checks,
    readings,
    now: input.now,
    lastChange: input.lastChange,
    bakeMinutes: environment.bakeMs / 6e4
  });
}

export {
  readHealth,
  checkHealthChecks,
  AB_FIELDS,
  formatP,
  judgeAbTest
};
