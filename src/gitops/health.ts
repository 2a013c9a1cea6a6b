/**
 * Reads a canary's health: one number per check and model version, from Prometheus or from a
 * metrics document, compared with the check's thresholds.
 *
 * Sources:
 * - `prometheus`: an instant query (`GET {url}/api/v1/query`) per check and version. The check's
 *   `query` is PromQL with placeholders `{{model}}`, `{{version}}`, `{{role}}` (`canary` or
 *   `stable`) and `{{window}}` (a duration such as `10m`). It must give exactly one number: an
 *   empty result is "no data", several series are an error (aggregate with `sum` or `avg`).
 * - `metrics-file` / `metrics-url`: a JSON document (schemas/canary-metrics.schema.json) that the
 *   serving stack or a job writes, holding each version's metrics by name:
 *
 *   ```json
 *   { "versions": { "0.0.2": { "error_rate": 0.02, "latency_p95": 0.18 } }, "observed_at": "2025-05-01T12:00:00Z" }
 *   ```
 *
 *   A check reads the key `metric` (default: the check's `name`); a missing version or metric, or
 *   `null`, is "no data".
 *
 * Both URL sources go through the guarded client (net/safe-http.ts): an in-cluster Prometheus is an
 * internal address, reached only when the source's `network` allowlist names it (modelship.yaml
 * network.allow_internal, MODELSHIP_ALLOW_INTERNAL); redirects keep their scheme and their
 * destinations are checked too, and the headers go only to the URL's own origin.
 */
import { errnoCode, getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import { assertValid } from "../common/schema-validation.ts";
import { parseYamlSource, readYamlFile, type YamlSource } from "../common/yaml-source.ts";
import { formatNumber } from "../common/markdown.ts";
import { guardedGetFollowing, NO_INTERNAL, redactText, redactUrl, takeCredentials, type NetworkPolicy } from "../net/safe-http.ts";
import metricsSchema from "../../schemas/canary-metrics.schema.json" with { type: "json" };

/** One health signal and the values the canary's must keep to. */
export interface HealthCheck {
  /** Shown in reasons and in the PR table, e.g. `error-rate`. */
  name: string;
  /** PromQL with placeholders `{{version}}`, `{{model}}`, `{{role}}` ("canary"|"stable"), `{{window}}`. */
  query?: string;
  /** Key in a metrics document (metrics-file/metrics-url sources); default: `name`. */
  metric?: string;
  /** The canary fails above this value. */
  max?: number;
  /** The canary fails below this value. */
  min?: number;
  /** The canary fails when its value exceeds the stable model's by more than this (absolute). */
  maxIncrease?: number;
  /** When there is no data: "hold" (default) waits, "fail" rolls back. */
  onMissing?: "hold" | "fail";
}

/**
 * Where the health numbers come from. Header values (tokens) are sent, never logged. `network` says
 * which internal addresses a URL source may reach (default none: an in-cluster Prometheus must be allowed).
 */
export type HealthSource =
  | { kind: "prometheus"; url: string; headers?: Record<string, string>; timeoutMs?: number; network?: NetworkPolicy }
  | { kind: "metrics-file"; path: string }
  | { kind: "metrics-url"; url: string; headers?: Record<string, string>; timeoutMs?: number; network?: NetworkPolicy };

/** One check's outcome: values are null when there was no data. */
export interface CheckResult {
  name: string;
  canary: number | null;
  stable: number | null;
  /** The thresholds in words, e.g. `≤ 0.05, ≤ stable + 0.01`. */
  threshold: string;
  status: "pass" | "fail" | "no-data";
  /** One clause saying why, with the values, e.g. `0.2 is above the maximum 0.05`. */
  detail: string;
  /** The canary's query as sent to Prometheus (placeholders filled). */
  query?: string;
}

/** Which model and versions the checks are about. */
export interface HealthContext {
  model: string;
  canaryVersion: string;
  /** Needed by checks with `maxIncrease`; without it they have no data. */
  stableVersion?: string;
  /**
   * The stable model's URI when one serves. With no `stableVersion` (a model modelship did not
   * release, adopted by the first promotion) or the canary's own version, the stable model cannot be
   * selected by `{{version}}`: only a Prometheus query that selects it by `{{role}}` reads it.
   */
  stableUri?: string;
  /** Prometheus duration for `{{window}}`, e.g. `10m`. */
  window: string;
}

/** The metrics document (schemas/canary-metrics.schema.json). */
export interface CanaryMetricsDocument {
  versions: Record<string, Record<string, number | null>>;
  observed_at?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const PLACEHOLDERS = ["model", "version", "role", "window"] as const;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

type Role = "canary" | "stable";
/** Reads one value (null: no data) for one check and one model version. */
type ValueReader = (check: HealthCheck, role: Role, version: string) => Promise<{ value: number | null; query?: string; note?: string }>;

/** Reads every check for the canary (and the stable model where a check compares) and judges it. */
export async function readHealth(source: HealthSource, checks: readonly HealthCheck[], context: HealthContext): Promise<CheckResult[]> {
  checkHealthChecks(checks, source);
  const read = await valueReader(source, context);
  const results: CheckResult[] = [];
  // One at a time: a failing source gives one clear error, not a burst of the same one.
  for (const check of checks) {
    const canary = await read(check, "canary", context.canaryVersion);
    const stable = check.maxIncrease === undefined ? { value: null } : await readStable(check, source, context, read);
    const result = judgeCheck(check, {
      canary: canary.value,
      stable: stable.value,
      canaryNote: canary.note,
      stableNote: stable.note,
      stableVersion: stableLabel(context),
    });
    if (canary.query !== undefined) result.query = canary.query;
    results.push(result);
  }
  return results;
}

/** How the stable model is named in a check's detail: its version, else its URI; undefined when none serves. */
function stableLabel(context: HealthContext): string | undefined {
  if (context.stableVersion !== undefined && context.stableVersion !== "") return context.stableVersion;
  return context.stableUri === undefined ? undefined : `at ${context.stableUri}`;
}

/**
 * The stable model's value for a comparing check. By version when it has its own; else only a
 * Prometheus query that picks it by `{{role}}` (not `{{version}}`) can read it, since reading it by
 * the canary's version (or by none) would compare the canary with itself.
 */
async function readStable(
  check: HealthCheck,
  source: HealthSource,
  context: HealthContext,
  read: ValueReader,
): Promise<{ value: number | null; note?: string }> {
  const version = context.stableVersion ?? "";
  if (version !== "" && version !== context.canaryVersion) return read(check, "stable", version);
  if (version === "" && context.stableUri === undefined) return { value: null };
  const query = check.query ?? "";
  const uses = (name: string): boolean => new RegExp(String.raw`\{\{\s*${name}\s*\}\}`).test(query);
  if (source.kind === "prometheus" && uses("role") && !uses("version")) return read(check, "stable", version);
  const why =
    version === ""
      ? "its version is unknown, since modelship did not release it"
      : `it has the canary's version ${version}, so {{version}} cannot tell the two apart`;
  const fix =
    source.kind === "prometheus"
      ? "select it with {{role}} instead of {{version}} in the query"
      : "a metrics document keys models by version; use a Prometheus query that selects it by {{role}}, or a max instead of max_increase";
  return { value: null, note: `${why}; ${fix}` };
}

/** Refuses checks that cannot be judged: no threshold, min above max, no query for Prometheus. */
export function checkHealthChecks(checks: readonly HealthCheck[], source?: HealthSource): void {
  const seen = new Set<string>();
  for (const check of checks) {
    const name = JSON.stringify(check.name);
    if (!check.name) throw new UserError("a health check has no name", { hint: "give every health check a name, e.g. error-rate" });
    if (seen.has(check.name)) throw new UserError(`two health checks are named ${name}`, { hint: "give every health check its own name" });
    seen.add(check.name);
    if (check.max === undefined && check.min === undefined && check.maxIncrease === undefined) {
      throw new UserError(`health check ${name} has no threshold`, { hint: "set max, min or max_increase" });
    }
    for (const [key, value] of [
      ["max", check.max],
      ["min", check.min],
      ["max_increase", check.maxIncrease],
    ] as const) {
      if (value !== undefined && !Number.isFinite(value))
        throw new UserError(`health check ${name}: ${key} is not a finite number`, { hint: `set ${key} to a number` });
    }
    if (check.max !== undefined && check.min !== undefined && check.min > check.max) {
      throw new UserError(`health check ${name}: min ${check.min} is above max ${check.max}, so no value can pass`, {
        hint: "swap min and max",
      });
    }
    if (source?.kind === "prometheus" && !check.query?.trim()) {
      throw new UserError(`health check ${name} has no query, which a Prometheus source needs`, {
        hint: 'set query to PromQL that gives one number, e.g. sum(rate(requests_total{version="{{version}}",code=~"5.."}[{{window}}])) / sum(rate(requests_total{version="{{version}}"}[{{window}}]))',
      });
    }
  }
}

/** Judges one check from its values; pure, so the rules can be tested without a source. */
export function judgeCheck(
  check: HealthCheck,
  values: { canary: number | null; stable: number | null; canaryNote?: string; stableNote?: string; stableVersion?: string },
): CheckResult {
  // NaN (0/0 when there was no traffic) is no data, not a number to compare.
  const canary = values.canary === null || Number.isNaN(values.canary) ? null : values.canary;
  const stable = values.stable === null || Number.isNaN(values.stable) ? null : values.stable;
  const threshold = describeThreshold(check);
  const result = (status: CheckResult["status"], detail: string): CheckResult => ({
    name: check.name,
    canary,
    stable,
    threshold,
    status,
    detail,
  });
  const onMissing = check.onMissing ?? "hold";
  const missing = (what: string): CheckResult =>
    result(onMissing === "fail" ? "fail" : "no-data", onMissing === "fail" ? `${what}, and on_missing is "fail"` : what);

  if (canary === null) return missing(`no data for the canary${values.canaryNote ? ` (${values.canaryNote})` : ""}`);
  const failures: string[] = [];
  if (check.max !== undefined && canary > check.max)
    failures.push(`${formatNumber(canary)} is above the maximum ${formatNumber(check.max)}`);
  if (check.min !== undefined && canary < check.min)
    failures.push(`${formatNumber(canary)} is below the minimum ${formatNumber(check.min)}`);
  if (check.maxIncrease !== undefined && stable !== null && canary - stable > check.maxIncrease) {
    failures.push(
      `${formatNumber(canary)} exceeds the stable model's ${formatNumber(stable)} by ${formatNumber(canary - stable)}, more than the allowed ${formatNumber(check.maxIncrease)}`,
    );
  }
  if (failures.length > 0) return result("fail", failures.join(" and "));
  if (check.maxIncrease !== undefined && stable === null) {
    const why =
      values.stableVersion === undefined
        ? "no stable model to compare with"
        : `no data for the stable model ${values.stableVersion}${values.stableNote ? ` (${values.stableNote})` : ""}`;
    return missing(why);
  }
  return result("pass", `${formatNumber(canary)} meets ${threshold}${stable === null ? "" : ` with stable at ${formatNumber(stable)}`}`);
}

/** The thresholds in words: `≥ 0.8, ≤ 0.95, ≤ stable + 0.01`. */
export function describeThreshold(check: HealthCheck): string {
  const parts: string[] = [];
  if (check.min !== undefined) parts.push(`≥ ${formatNumber(check.min)}`);
  if (check.max !== undefined) parts.push(`≤ ${formatNumber(check.max)}`);
  if (check.maxIncrease !== undefined) parts.push(`≤ stable + ${formatNumber(check.maxIncrease)}`);
  return parts.join(", ");
}

async function valueReader(source: HealthSource, context: HealthContext): Promise<ValueReader> {
  switch (source.kind) {
    case "prometheus":
      return async (check, role, version) => {
        const query = fillQuery(check, { model: context.model, version, role, window: context.window });
        return { ...(await queryPrometheus(source, query, check.name)), query };
      };
    case "metrics-file":
      return metricsReader(validateMetrics(await readYamlFile(source.path, "canary metrics file")));
    case "metrics-url":
      return metricsReader(validateMetrics(await fetchMetricsDocument(source)));
  }
}

/** Fills `{{model}}`, `{{version}}`, `{{role}}` and `{{window}}` in a check's PromQL. */
export function fillQuery(check: HealthCheck, values: Record<(typeof PLACEHOLDERS)[number], string>): string {
  const query = check.query ?? "";
  return query.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new UserError(`health check ${JSON.stringify(check.name)}: unknown placeholder {{${name}}} in its query`, {
        hint: `use only ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
      });
    }
    const value = values[name as (typeof PLACEHOLDERS)[number]];
    if (name === "window" && !DURATION.test(value)) {
      throw new UserError(`the health window ${JSON.stringify(value)} is not a Prometheus duration`, {
        hint: "write it like 5m, 1h or 1d",
      });
    }
    // Placeholders sit inside PromQL string literals (version="{{version}}"): escape what would end one.
    return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  });
}

interface PrometheusResponse {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

/** Runs one instant query; its result must be one number (or nothing). Also the A/B comparison's reader (ab-test.ts). */
export async function queryPrometheus(
  source: Extract<HealthSource, { kind: "prometheus" }>,
  query: string,
  checkName: string,
): Promise<{ value: number | null; note?: string }> {
  const base = source.url.replace(/\/+$/, "");
  const url = `${base}/api/v1/query?${new URLSearchParams({ query }).toString()}`;
  const where = `Prometheus at ${shownUrl(base)}, query ${query} (check ${JSON.stringify(checkName)})`;
  const response = await httpGet(url, source, where);
  let body: PrometheusResponse;
  try {
    body = JSON.parse(response.text) as PrometheusResponse;
  } catch {
    throw new UserError(`${where}: the answer is not JSON (HTTP ${response.status}, ${response.contentType || "no content type"})`, {
      hint: "set the Prometheus url to the server's base address (e.g. http://prometheus:9090), without /api/v1",
    });
  }
  if (body.status === "error" || !response.ok) {
    const problem =
      typeof body.error === "string"
        ? `${typeof body.errorType === "string" ? `${body.errorType}: ` : ""}${body.error}`
        : `HTTP ${response.status}`;
    throw new UserError(`${where}: Prometheus refused the query: ${problem}`, {
      hint: httpHint(response.status) ?? "fix the query (try it in Prometheus's expression browser)",
    });
  }
  const { resultType, result } = body.data ?? {};
  if (resultType === "scalar") return sampleValue((result as unknown[] | undefined)?.[1], where);
  if (resultType === "vector" && Array.isArray(result)) {
    if (result.length === 0) return { value: null, note: "the query returned no series" };
    if (result.length > 1) {
      const shown = (result as { metric?: Record<string, string> }[]).slice(0, 3).map((series) => labelSet(series.metric ?? {}));
      throw new UserError(
        `${where}: the query returned ${result.length} series (${shown.join(", ")}${result.length > 3 ? ", …" : ""}), but a health check needs exactly one number`,
        {
          hint: "aggregate the query, e.g. sum(...) or avg(...), or narrow it with label matchers",
        },
      );
    }
    return sampleValue((result[0] as { value?: unknown[] }).value?.[1], where);
  }
  if (resultType === "matrix") {
    throw new UserError(`${where}: the query returned a range vector, but a health check needs one number`, {
      hint: "wrap the range selector in a function such as rate(...[{{window}}]) or avg_over_time(...)",
    });
  }
  throw new UserError(
    `${where}: the query returned ${typeof resultType === "string" ? `a ${resultType}` : "an unexpected answer"}, but a health check needs one number`,
    { hint: "make the query return an instant vector with one series" },
  );
}

/** Prometheus writes sample values as strings, with NaN and ±Inf spelt out. */
function sampleValue(raw: unknown, where: string): { value: number | null; note?: string } {
  if (raw === "NaN") return { value: null, note: "the query gave NaN, usually 0/0 when there was no traffic" };
  if (raw === "+Inf" || raw === "Inf") return { value: Number.POSITIVE_INFINITY };
  if (raw === "-Inf") return { value: Number.NEGATIVE_INFINITY };
  const value = typeof raw === "string" ? Number(raw) : Number.NaN;
  if (typeof raw !== "string" || raw.trim() === "" || Number.isNaN(value))
    throw new UserError(`${where}: the answer holds ${JSON.stringify(raw)} where a sample value belongs`, {
      hint: "check that the url points to Prometheus's HTTP API",
    });
  return { value };
}

function labelSet(metric: Record<string, string>): string {
  return `{${Object.entries(metric)
    .map(([name, value]) => `${name}="${value}"`)
    .join(",")}}`;
}

function httpHint(status: number): string | undefined {
  if (status === 401 || status === 403) return "check the headers (e.g. an Authorization token) the health source sends";
  if (status === 404) return "set the url to the server's base address (e.g. http://prometheus:9090), without /api/v1";
  if (status === 503 || status === 504) return "Prometheus timed out or is overloaded: shorten the window or simplify the query";
  return undefined;
}

interface HttpAnswer {
  ok: boolean;
  status: number;
  contentType: string;
  text: string;
}

/** A URL as messages show it: without credentials, query string or fragment. */
function shownUrl(url: string): string {
  try {
    return redactUrl(new URL(url)).replace(/\/$/, "");
  } catch {
    return redactText(url);
  }
}

/** The most a Prometheus or metrics answer may hold, decoded: an instant query's few samples are far less. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * A guarded GET (redirects followed, each hop checked; the headers only to the URL's own origin) that
 * turns network failures and timeouts into UserErrors that name `where`.
 */
async function httpGet(
  url: string,
  source: { headers?: Record<string, string>; timeoutMs?: number; network?: NetworkPolicy },
  where: string,
): Promise<HttpAnswer> {
  const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${where}: not a valid URL`, { hint: "give the full address, e.g. http://prometheus.monitoring:9090" });
  }
  // user:pass@ in the URL is sent as Basic auth, to the URL's own origin only (as fetch would refuse it, and a redirect must not carry it).
  const credentials = takeCredentials(parsed, where);
  const basic: Record<string, string> = credentials === undefined ? {} : { authorization: credentials.authorization };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const { response } = await guardedGetFollowing(parsed, source.network ?? NO_INTERNAL, {
      what: where,
      headers: { accept: "application/json", ...basic, ...source.headers },
      foreignHeaders: { accept: "application/json" },
      signal,
      maxBytes: MAX_ANSWER_BYTES,
    });
    return {
      ok: response.ok,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text: await response.text(),
    };
  } catch (error) {
    if (isUserError(error)) throw error;
    // A body cut off by the timeout ends as a reset connection: the signal says it was the timeout.
    if (signal.aborted || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))) {
      throw new UserError(`${where}: no answer within ${timeoutMs} ms`, {
        hint: "check that the server is up and reachable from the runner, or raise the timeout",
        cause: error,
      });
    }
    const code = errnoCode(error) ?? errnoCode(error instanceof Error ? error.cause : undefined);
    const reason = code ?? (error instanceof Error && error.cause !== undefined ? getErrorMessage(error.cause) : getErrorMessage(error));
    throw new UserError(`${where}: cannot connect (${reason})`, {
      hint: "check the url and that the server is reachable from the runner (a self-hosted runner may be needed for an in-cluster address)",
      cause: error,
    });
  }
}

async function fetchMetricsDocument(source: Extract<HealthSource, { kind: "metrics-url" }>): Promise<YamlSource> {
  const where = `canary metrics at ${shownUrl(source.url)}`;
  const response = await httpGet(source.url, source, where);
  if (!response.ok) throw new UserError(`${where}: HTTP ${response.status}`, { hint: httpHint(response.status) ?? "check the url" });
  // JSON is YAML: parsing it as YAML keeps line numbers for schema errors.
  return parseYamlSource(response.text, shownUrl(source.url));
}

function validateMetrics(source: YamlSource): CanaryMetricsDocument {
  return assertValid<CanaryMetricsDocument>(metricsSchema, source.data, { file: source.file, what: "canary metrics document", source });
}

function metricsReader(document: CanaryMetricsDocument): ValueReader {
  return (check, _role, version) => {
    const metric = check.metric ?? check.name;
    const metrics = document.versions[version];
    if (metrics === undefined) return Promise.resolve({ value: null, note: `the metrics document has no version ${version}` });
    const value = metrics[metric];
    if (value === undefined || value === null)
      return Promise.resolve({ value: null, note: `the metrics document has no ${JSON.stringify(metric)} for version ${version}` });
    return Promise.resolve({ value });
  };
}
