import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parseModelUri
} from "./chunk-V7YB4A7J.js";
import {
  METRIC_LABELS
} from "./chunk-DPH7L46L.js";
import {
  shortDigest
} from "./chunk-OXQJNLJL.js";
import {
  runGit
} from "./chunk-FBLJ2B7Y.js";
import {
  NO_INTERNAL,
  guardedGetFollowing,
  redactText,
  redactUrl,
  takeCredentials
} from "./chunk-4S56GKNV.js";
import {
  assertValid,
  parseYamlSource,
  positionIn,
  readYamlFile,
  require_dist,
  syntaxError,
  toPointer
} from "./chunk-RGJ5T3QL.js";
import {
  logGamma,
  normalQuantile,
  normalSf,
  twoProportionZ
} from "./chunk-OBDTE6IB.js";
import {
  code,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/common/regexp.ts
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
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
    const code2 = errnoCode(error) ?? errnoCode(error instanceof Error ? error.cause : void 0);
    const reason = code2 ?? (error instanceof Error && error.cause !== void 0 ? getErrorMessage(error.cause) : getErrorMessage(error));
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

// src/git/git-workspace.ts
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix } from "node:path";
var DEFAULT_GIT_IDENTITY = { name: "modelship[bot]", email: "modelship@users.noreply.github.com" };
var DEFAULT_DEPTH = 50;
var DEEPEN_ROUNDS = 3;
function basicAuthValue(token) {
  return Buffer.from(`x-access-token:${token}`).toString("base64");
}
function makeRedactor(token) {
  const secrets = token ? [token, encodeURIComponent(token), basicAuthValue(token), Buffer.from(token).toString("base64")] : [];
  secrets.sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text;
    for (const secret of secrets) redacted = redacted.replaceAll(secret, "***");
    return redacted.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1***@");
  };
}
function gitEnvironment(token) {
  const env = { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };
  if (token) {
    const index = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
    env.GIT_CONFIG_COUNT = String(index + 1);
    env[`GIT_CONFIG_KEY_${index}`] = "http.extraHeader";
    env[`GIT_CONFIG_VALUE_${index}`] = `Authorization: Basic ${basicAuthValue(token)}`;
  }
  return env;
}
function repositoryPath(path) {
  const normal = posix.normalize(path.replaceAll("\\", "/"));
  if (path === "" || isAbsolute(path) || normal.startsWith("../") || normal === ".." || normal === "." || /[\n\0]/.test(path)) {
    throw new UserError(`"${path}" is not a file path inside the GitOps repository`, {
      hint: "Use a path relative to the repository root, e.g. apps/model/values.yaml."
    });
  }
  return normal;
}
function parseRawCommit(raw) {
  const split = raw.indexOf("\n\n");
  const headers = (split === -1 ? raw : raw.slice(0, split)).split("\n");
  const message = split === -1 ? "" : raw.slice(split + 2);
  let tree = "";
  const parents = [];
  for (const line of headers) {
    if (line.startsWith("tree ")) tree = line.slice(5);
    else if (line.startsWith("parent ")) parents.push(line.slice(7));
  }
  return { tree, parents, message };
}
function normalizeMessage(message) {
  return `${message.replace(/\s+$/, "")}
`;
}
var GitWorkspace = class _GitWorkspace {
  dir;
  remote;
  base;
  #token;
  #depth;
  #logger;
  #redact;
  #env;
  // Fetches update refs and .git/shallow, which git locks: they take turns.
  #fetchQueue = Promise.resolve();
  constructor(options) {
    this.dir = options.dir;
    this.remote = options.remote;
    this.base = options.base;
    this.#token = options.token || void 0;
    this.#depth = options.depth ?? DEFAULT_DEPTH;
    this.#logger = options.logger;
    this.#redact = makeRedactor(this.#token);
    this.#env = gitEnvironment(this.#token);
  }
  /** Clones only `base`, `depth` commits deep, without tags. */
  static async clone(options) {
    const workspace = new _GitWorkspace(options);
    const depth = workspace.#depth;
    if (!Number.isInteger(depth) || depth < 1) throw new UserError(`clone depth must be a positive integer, not ${depth}`);
    await mkdir(dirname(options.dir), { recursive: true });
    const run = await workspace.git(
      [
        "clone",
        "--no-local",
        `--depth=${depth}`,
        "--single-branch",
        `--branch=${options.base}`,
        "--no-tags",
        "--",
        options.remote,
        options.dir
      ],
      { allowFailure: true, cwd: dirname(options.dir) }
    );
    if (run.exitCode === 0) return workspace;
    const remote = workspace.#redact(options.remote);
    const detail = workspace.#redact(run.stderr.trim());
    const probe = await workspace.git(["ls-remote", "--heads", "--", options.remote, `refs/heads/${options.base}`], {
      allowFailure: true,
      cwd: dirname(options.dir)
    });
    if (probe.exitCode === 0 && probe.stdout.toString("utf8").trim() === "") {
      throw new UserError(`branch "${options.base}" does not exist in the GitOps repository ${remote}`, {
        hint: "create the branch in the GitOps repository, or set the base branch (--base, promote.base) to one that exists"
      });
    }
    throw new UserError(`cannot clone branch "${options.base}" of the GitOps repository ${remote} into ${options.dir}: ${detail}`, {
      hint: probe.exitCode === 0 ? "Clone into an empty or missing folder." : "Check the repository URL, and that the token can read it (contents: read)."
    });
  }
  /** The sha of origin/<base> as last fetched. */
  async baseSha() {
    return this.#revParse(`refs/remotes/origin/${this.base}`);
  }
  /** A file's text from the working tree, or at `ref` when given; undefined when it does not exist. */
  async readFile(path, ref) {
    const file = repositoryPath(path);
    if (ref === void 0) {
      try {
        return await readFile(join(this.dir, file), "utf8");
      } catch (error) {
        if (errnoCode(error) === "ENOENT" || errnoCode(error) === "EISDIR") return void 0;
        throw error;
      }
    }
    const run = await this.git(["cat-file", "--batch"], { input: `${ref}:${file}
` });
    const newline = run.stdout.indexOf(10);
    const header = run.stdout.subarray(0, newline).toString("utf8");
    const [sha, type, size] = header.split(" ");
    if (header.endsWith(" missing") || type !== "blob" || sha === void 0 || size === void 0) {
      await this.#revParse(`${ref}^{commit}`);
      return void 0;
    }
    return run.stdout.subarray(newline + 1, newline + 1 + Number(size)).toString("utf8");
  }
  /** Writes a file into the working tree, creating folders as needed. */
  async writeFile(path, text) {
    const target = join(this.dir, repositoryPath(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  /**
   * The last commit on origin/<base> that touched `path`, or undefined if none did. The clone is
   * shallow, so when the answer is the shallow boundary commit (which git sees as adding every file)
   * the history is deepened a few times; if the answer is still the boundary, the boundary commit is
   * returned, so the true last change may be older than reported.
   */
  async lastChange(path) {
    const file = repositoryPath(path);
    let deepenBy = this.#depth;
    for (let round = 0; ; round++) {
      const run = await this.git([
        "--literal-pathspecs",
        "log",
        "-1",
        "--first-parent",
        "--format=%H%x00%ct%x00%s",
        `refs/remotes/origin/${this.base}`,
        "--",
        file
      ]);
      const line = run.stdout.toString("utf8").trim();
      if (line === "") return void 0;
      const [sha = "", seconds = "0", subject = ""] = line.split("\0");
      const commit = { sha, time: new Date(Number(seconds) * 1e3), subject };
      if (round >= DEEPEN_ROUNDS || !(await this.#shallowCommits()).has(sha)) return commit;
      this.#logger.debug(`${file}: last change is at the shallow boundary (${sha.slice(0, 12)}); fetching ${deepenBy} more commits`);
      await this.#fetch([`--deepen=${deepenBy}`, "origin", `+refs/heads/${this.base}:refs/remotes/origin/${this.base}`]);
      deepenBy *= 4;
    }
  }
  /** The sha of a branch on the remote, or undefined when it does not exist. */
  async remoteBranchSha(branch) {
    const ref = `refs/heads/${branch}`;
    const run = await this.#remoteGit(["ls-remote", "--heads", "origin", ref], `look up branch "${branch}"`);
    for (const line of run.stdout.toString("utf8").split("\n")) {
      const [sha, name] = line.split("	");
      if (name === ref && sha) return sha;
    }
    return void 0;
  }
  /** Paths that differ between two commits (renames as a deletion and an addition). */
  async changedFiles(fromRef, toRef) {
    const run = await this.git(["diff", "--name-only", "--no-renames", "-z", fromRef, toRef, "--"]);
    return run.stdout.toString("utf8").split("\0").filter((name) => name !== "");
  }
  /**
   * The files that differ between two refs with their mode after the change (`100644`, `100755`,
   * `120000` a symbolic link, `160000` a submodule; `000000` when deleted), renames as a delete and an add.
   */
  async changedEntries(fromRef, toRef) {
    const run = await this.git(["diff", "--raw", "--no-renames", "--no-abbrev", "-z", fromRef, toRef, "--"]);
    const fields = run.stdout.toString("utf8").split("\0");
    const entries = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const header = fields[index];
      if (header === "") break;
      entries.push({ path: fields[index + 1], mode: header.slice(1).split(" ")[1] ?? "" });
    }
    return entries;
  }
  /**
   * Every file in the tree at `ref` (recursively) with its mode (`100644`, `100755`, `120000` a
   * symbolic link, `160000` a submodule), blob sha and size in bytes (-1 for a submodule).
   */
  async listFiles(ref) {
    const run = await this.git(["ls-tree", "-r", "-z", "--long", "--full-tree", ref]);
    const files = [];
    for (const entry of run.stdout.toString("utf8").split("\0")) {
      const match = /^(\d+) \w+ ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(entry);
      if (match) files.push({ mode: match[1], sha: match[2], size: match[3] === "-" ? -1 : Number(match[3]), path: match[4] });
    }
    return files;
  }
  /** Fetches a branch name, a `refs/…` ref (e.g. `refs/pull/12/head`) into a local ref; returns its sha. */
  async fetchRef(ref) {
    const source = ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
    const local = `refs/modelship/fetched/${source.slice("refs/".length)}`;
    await this.#fetch([`--depth=${this.#depth}`, "origin", `+${source}:${local}`], `fetch ${ref}`);
    return this.#revParse(local);
  }
  /** Runs git in this workspace (or `cwd`) and returns its output; throws on failure unless allowed. */
  async git(args, options = {}) {
    const argv = ["-c", "gc.auto=0", "-c", "maintenance.auto=false", ...args];
    this.#logger.debug(this.#redact(`git ${argv.join(" ")}`));
    const run = await runGit(argv, { cwd: options.cwd ?? this.dir, env: { ...this.#env, ...options.env }, input: options.input });
    if (run.exitCode !== 0 && !options.allowFailure) {
      throw new Error(this.#redact(`git ${args[0] ?? ""} failed (exit ${run.exitCode}): ${run.stderr.trim()}`));
    }
    return run;
  }
  /** Redacts the token from text that came from git. */
  redact(text) {
    return this.#redact(text);
  }
  /** Runs a command that talks to the remote; a failure there is the user's to fix. */
  async #remoteGit(args, what) {
    const run = await this.git(args, { allowFailure: true });
    if (run.exitCode === 0) return run;
    throw new UserError(`cannot ${what} in the GitOps repository ${this.#redact(this.remote)}: ${this.#redact(run.stderr.trim())}`, {
      hint: "Check that the repository is reachable and that the token can read it."
    });
  }
  /** `git fetch --no-tags ARGS`, one at a time per workspace. */
  async #fetch(args, what = "fetch") {
    const turn = this.#fetchQueue.then(() => this.#remoteGit(["fetch", "--no-tags", "--no-write-fetch-head", ...args], what));
    this.#fetchQueue = turn.catch(() => void 0);
    return turn;
  }
  /** Fetches the latest base; returns its sha. */
  async fetchBase() {
    await this.#fetch(["origin", `+refs/heads/${this.base}:refs/remotes/origin/${this.base}`], `fetch branch "${this.base}"`);
    return this.baseSha();
  }
  /** Fetches just the tip commit of a remote branch (its tree and parents are all that is read). */
  async fetchBranchTip(branch) {
    const local = `refs/modelship/remote/${branch}`;
    await this.#fetch(["--depth=1", "origin", `+refs/heads/${branch}:${local}`], `fetch branch "${branch}"`);
    return this.#revParse(local);
  }
  /** Reads a commit object as stored, parents included even past a shallow boundary. */
  async rawCommit(sha) {
    return parseRawCommit((await this.git(["cat-file", "commit", sha])).stdout.toString("utf8"));
  }
  async #revParse(rev) {
    return (await this.git(["rev-parse", "--verify", "--end-of-options", rev])).stdout.toString("utf8").trim();
  }
  async #shallowCommits() {
    const path = (await this.git(["rev-parse", "--path-format=absolute", "--git-path", "shallow"])).stdout.toString("utf8").trim();
    try {
      return new Set((await readFile(path, "utf8")).split("\n").filter((line) => line !== ""));
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return /* @__PURE__ */ new Set();
      throw error;
    }
  }
};
async function withClone(options, use) {
  const scratch = await mkdtemp(join(tmpdir(), "modelship-gitops-"));
  try {
    return await use(await GitWorkspace.clone({ ...options, dir: join(scratch, "repo") }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function publishBranch(workspace, options) {
  const maxAttempts = options.maxAttempts ?? 3;
  const { branch, logger } = options;
  for (let attempt = 1; ; attempt++) {
    const baseSha = await workspace.fetchBase();
    const remoteSha = await workspace.remoteBranchSha(branch);
    const leaseSha = remoteSha === void 0 ? "" : await workspace.fetchBranchTip(branch);
    const remoteCommit = leaseSha === "" ? void 0 : await workspace.rawCommit(leaseSha);
    const files = await options.edit((path) => workspace.readFile(path, baseSha));
    const tree = await buildTree(workspace, baseSha, files);
    const baseTree = (await workspace.git(["rev-parse", `${baseSha}^{tree}`])).stdout.toString("utf8").trim();
    if (tree === baseTree) {
      logger.info(`${branch}: nothing to change on ${workspace.base} (${baseSha.slice(0, 12)})`);
      return { status: "no-change", baseSha, attempts: attempt };
    }
    const message = normalizeMessage(options.message);
    if (remoteCommit && remoteCommit.tree === tree && remoteCommit.parents.length === 1 && remoteCommit.parents[0] === baseSha && remoteCommit.message === message) {
      logger.info(`${branch}: already up to date at ${leaseSha.slice(0, 12)}`);
      return { status: "unchanged-branch", sha: leaseSha, baseSha, attempts: attempt };
    }
    const author = options.author ?? DEFAULT_GIT_IDENTITY;
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email
    };
    const sha = (await workspace.git(["commit-tree", "--no-gpg-sign", tree, "-p", baseSha, "-F", "-"], { input: message, env: identity })).stdout.toString("utf8").trim();
    const push = await workspace.git(
      ["push", "--porcelain", `--force-with-lease=refs/heads/${branch}:${leaseSha}`, "origin", `${sha}:refs/heads/${branch}`],
      { allowFailure: true }
    );
    if (push.exitCode === 0) {
      logger.info(`${branch}: pushed ${sha.slice(0, 12)} on ${workspace.base} (${baseSha.slice(0, 12)})`);
      return { status: "pushed", sha, baseSha, attempts: attempt };
    }
    const nowSha = await workspace.remoteBranchSha(branch) ?? "";
    const detail = workspace.redact(`${push.stderr}
${push.stdout.toString("utf8")}`.trim());
    if (nowSha === leaseSha) {
      throw new UserError(`cannot push branch "${branch}" to the GitOps repository ${workspace.redact(workspace.remote)}: ${detail}`, {
        hint: "Check that the token may push to this repository (contents: write) and that no branch protection rule covers this branch."
      });
    }
    if (attempt >= maxAttempts) {
      throw new UserError(
        `branch "${branch}" of the GitOps repository ${workspace.redact(workspace.remote)} kept changing while modelship pushed to it (${attempt} attempts)`,
        {
          hint: "Something else pushes to this branch; let only one modelship run promote this model at a time (a workflow concurrency group)."
        }
      );
    }
    logger.info(
      `${branch}: changed on the remote while we pushed (${leaseSha.slice(0, 12) || "absent"} \u2192 ${nowSha.slice(0, 12) || "absent"}); rebuilding on the latest ${workspace.base}`
    );
  }
}
async function buildTree(workspace, baseSha, files) {
  const gitDir = (await workspace.git(["rev-parse", "--path-format=absolute", "--git-dir"])).stdout.toString("utf8").trim();
  const index = join(gitDir, `modelship-index-${randomUUID()}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await workspace.git(["read-tree", baseSha], { env });
    const paths = [...files.keys()].map(repositoryPath);
    const modes = /* @__PURE__ */ new Map();
    if (paths.length > 0) {
      const listing = await workspace.git(["--literal-pathspecs", "ls-tree", "-z", baseSha, "--", ...paths]);
      for (const entry of listing.stdout.toString("utf8").split("\0")) {
        const match = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
        if (match) modes.set(match[2], match[1]);
      }
    }
    let info = "";
    for (const [path, text] of files) {
      const file = repositoryPath(path);
      if (text === null) {
        info += `0 ${"0".repeat(baseSha.length)}	${file}
`;
        continue;
      }
      const blob = (await workspace.git(["hash-object", "-w", "--stdin"], { input: text })).stdout.toString("utf8").trim();
      const mode = modes.get(file) === "100755" ? "100755" : "100644";
      info += `${mode} ${blob}	${file}
`;
    }
    if (info !== "") await workspace.git(["update-index", "--add", "--index-info"], { input: info, env });
    return (await workspace.git(["write-tree"], { env })).stdout.toString("utf8").trim();
  } finally {
    await rm(index, { force: true });
  }
}

// src/gitops/targets/pull-secret.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/gitops/targets/yaml-edit.ts
var import_yaml = __toESM(require_dist(), 1);

// src/gitops/targets/line-merge.ts
var MAX_LCS_CELLS = 25e6;
function mergeLineEdits(original, base, edited) {
  if (base === edited) return original;
  if (base === original) return edited;
  const a = original.split("\n");
  const b = base.split("\n");
  const c = edited.split("\n");
  const baseToOriginal = new Int32Array(b.length).fill(-1);
  for (const [ib, ia] of matchLines(b, a) ?? []) baseToOriginal[ib] = ia;
  const pairs = matchLines(b, c);
  if (pairs === void 0) return void 0;
  const at = (i) => i < 0 ? -1 : i >= b.length ? a.length : baseToOriginal[i];
  const out = [];
  let copied = 0;
  const bounded = [[-1, -1], ...pairs, [b.length, c.length]];
  for (let k = 1; k < bounded.length; k++) {
    const [pb, pc] = bounded[k - 1];
    const [nb, nc] = bounded[k];
    if (nb - pb === 1 && nc - pc === 1) continue;
    const inserted = c.slice(pc + 1, nc);
    let from;
    let to;
    if (nb - pb === 1) {
      from = pb < 0 ? 0 : at(pb) >= 0 ? at(pb) + 1 : at(nb);
      to = from;
      if (from < 0) return void 0;
    } else {
      const first = at(pb + 1);
      const last = at(nb - 1);
      from = first >= 0 ? first : pb < 0 ? 0 : at(pb) >= 0 ? at(pb) + 1 : -1;
      to = last >= 0 ? last + 1 : nb >= b.length ? a.length : at(nb);
      if (from < 0 || to < from) return void 0;
    }
    if (from < copied) return void 0;
    out.push(...a.slice(copied, from), ...inserted);
    copied = to;
  }
  out.push(...a.slice(copied));
  return out.join("\n");
}
function matchLines(x, y) {
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const pairs = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endX - start;
  const m = endY - start;
  if (n > 0 && m > 0) {
    if (n * m > MAX_LCS_CELLS) return void 0;
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i2 = n - 1; i2 >= 0; i2--) {
      for (let j2 = m - 1; j2 >= 0; j2--) {
        lengths[i2 * width + j2] = x[start + i2] === y[start + j2] ? lengths[(i2 + 1) * width + j2 + 1] + 1 : Math.max(lengths[(i2 + 1) * width + j2], lengths[i2 * width + j2 + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[start + i] === y[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
      else j++;
    }
  }
  for (let k = 0; k < x.length - endX; k++) pairs.push([endX + k, endY + k]);
  return pairs;
}

// src/gitops/targets/yaml-edit.ts
function parseManifest(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  const parsed = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  const errors = documents.flatMap((document) => document.errors);
  if (errors.length > 0) throw syntaxError(errors, lineCounter, file);
  return { file, documents, lineCounter, style: detectStyle(text) };
}
function editManifest(text, file, edit) {
  const manifest = parseManifest(text, file);
  const originals = [...manifest.documents];
  const slices = documentSlices(text, originals);
  const styles = slices.map((slice) => documentStyle(slice, manifest.style));
  const bases = originals.map((document, index) => document.toString(styles[index]));
  edit(manifest);
  let out = originals.length === 0 ? text : "";
  let added = false;
  let style = manifest.style;
  for (const document of manifest.documents) {
    const index = originals.indexOf(document);
    let piece;
    if (index < 0) piece = document.toString(style);
    else {
      style = styles[index];
      const base = bases[index];
      const edited = document.toString(style);
      piece = edited === base ? slices[index] : mergeLineEdits(slices[index], base, edited) ?? edited;
    }
    if (out !== "" && !out.endsWith("\n")) out += "\n";
    out += piece;
    added = index < 0;
  }
  return added && text !== "" && !text.endsWith("\n") ? out.replace(/\n$/, "") : out;
}
function documentSlices(text, documents) {
  const starts = documents.map((document, index) => index === 0 ? 0 : document.range?.[0] ?? 0);
  return starts.map((start, index) => text.slice(start, index + 1 < starts.length ? starts[index + 1] : text.length));
}
function isEmptyDocument(document) {
  const contents = document.contents;
  return contents === null || contents === void 0 || (0, import_yaml.isScalar)(contents) && contents.value === null;
}
function isKubernetesResource(document) {
  return (0, import_yaml.isMap)(document.contents) && typeof document.get("apiVersion") === "string" && typeof document.get("kind") === "string";
}
function apiGroupOf(apiVersion) {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
function documentLine(manifest, index) {
  const start = manifest.documents[index]?.range?.[0];
  return start === void 0 ? void 0 : manifest.lineCounter.linePos(start).line;
}
function describeDocument(manifest, index) {
  const line = documentLine(manifest, index);
  return `document ${index + 1}${line === void 0 ? "" : `, line ${line}`}`;
}
function parsePath(text, where) {
  const path = [];
  for (const segment of text.split(/(?<!\\)\./)) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match || match[1] === "" && match[2] === "") {
      throw new UserError(`${where.option} "${text}" is not a path`, {
        file: where.file,
        hint: "write a dot path like model.storageUri or spec.containers[0].image"
      });
    }
    const key = match[1].replaceAll("\\.", ".");
    if (key !== "") path.push(/^\d+$/.test(key) ? Number(key) : key);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}
function formatPath(path) {
  return path.map((key, i) => typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`).join("");
}
function findResource(manifest, query) {
  const resources = listResources(manifest);
  const ofKind = resources.filter((resource) => resource.kind === query.kind && apiGroupOf(apiVersionOf(resource)) === query.group);
  const matches = query.name === void 0 ? ofKind : ofKind.filter((resource) => resource.name === query.name);
  const wanted = `${query.kind}${query.name === void 0 ? "" : ` named "${query.name}"`}`;
  const several = manifest.documents.filter((document) => !isEmptyDocument(document)).length > 1;
  if (matches.length === 0) {
    const strays = resources.filter(
      (resource) => resource.kind === query.kind && apiGroupOf(apiVersionOf(resource)) !== query.group && (query.name === void 0 || resource.name === query.name)
    );
    const present = resources.length === 0 ? "no Kubernetes resources" : resources.map((resource) => {
      const notes = [
        ...strays.includes(resource) ? [apiVersionOf(resource) || "no apiVersion"] : [],
        ...several ? [describeDocument(manifest, resource.index)] : []
      ];
      return `${resource.kind}/${resource.name || "(unnamed)"}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
    }).join(", ");
    const stray = strays[0];
    throw new UserError(`no ${wanted} of API group ${query.group} for target ${query.target}; the file holds ${present}`, {
      file: manifest.file,
      line: stray === void 0 ? void 0 : documentLine(manifest, stray.index),
      hint: stray !== void 0 ? `target ${query.target} edits the ${query.kind} of ${query.group}: fix the apiVersion of ${describeDocument(manifest, stray.index)} (it says ${apiVersionOf(stray) || "nothing"}), or pick the target kind that fits this file` : query.name === void 0 || ofKind.length === 0 ? `point the target at the file that holds the ${query.kind}, or pick the target kind that fits this file` : `set the target's name to one of: ${ofKind.map((resource) => resource.name).join(", ")}`
    });
  }
  if (matches.length > 1) {
    const names = [...new Set(matches.map((resource) => resource.name))];
    if (names.length === matches.length) {
      throw new UserError(
        `${matches.length} ${query.kind} resources in the file (${matches.map((resource) => `"${resource.name}" in ${describeDocument(manifest, resource.index)}`).join(", ")}); the target must name one`,
        {
          file: manifest.file,
          line: documentLine(manifest, matches[1].index),
          hint: `set the target's name to one of: ${names.join(", ")}`
        }
      );
    }
    throw duplicateResources(matches);
  }
  return matches[0];
}
function duplicateResources(resources) {
  const first = resources[0];
  const { manifest } = first;
  const namespaces = [...new Set(resources.map((resource) => readNamespace(resource)))];
  const inNamespaces = namespaces.length > 1 ? ` (namespaces ${namespaces.map((namespace) => namespace || "(none)").join(", ")})` : "";
  return new UserError(
    `${first.kind} "${first.name}" is in ${resources.length} documents of the file: ${resources.map((resource) => describeDocument(manifest, resource.index)).join(" and ")}${inNamespaces}; modelship will not guess which one to edit`,
    {
      file: manifest.file,
      line: documentLine(manifest, resources[1].index),
      hint: `keep one ${first.kind} named "${first.name}" per file: move the others (another namespace's copy, say) to a file of their own with its own target, or delete the duplicate`
    }
  );
}
function apiVersionOf(resource) {
  const apiVersion = resource.document.get("apiVersion");
  return typeof apiVersion === "string" ? apiVersion : "";
}
function readNamespace(resource) {
  const namespace = resource.document.getIn(["metadata", "namespace"]);
  return typeof namespace === "string" ? namespace : "";
}
function listResources(manifest) {
  const resources = [];
  manifest.documents.forEach((document, index) => {
    const kind = document.get("kind");
    if (typeof kind !== "string") return;
    const name = document.getIn(["metadata", "name"]);
    resources.push({ manifest, document, index, kind, name: typeof name === "string" ? name : "" });
  });
  return resources;
}
function appendResource(manifest, value, comment) {
  const document = new import_yaml.Document(value);
  let index = manifest.documents.length;
  while (index > 0 && isEmptyDocument(manifest.documents[index - 1])) index--;
  if (index > 0) document.directives.docStart = true;
  if (comment !== void 0 && (0, import_yaml.isMap)(document.contents)) document.contents.commentBefore = comment.replace(/^/gm, " ");
  manifest.documents.splice(index, 0, document);
  return { manifest, document, index, kind: value.kind, name: value.metadata.name };
}
function removeResource(resource) {
  const documents = resource.manifest.documents;
  const index = documents.indexOf(resource.document);
  if (index < 0) return;
  documents.splice(index, 1);
}
function readString(resource, path) {
  const node = resource.document.getIn(path, true);
  if (node === void 0 || node === null) return void 0;
  const value = (0, import_yaml.isScalar)(node) ? node.value : void 0;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw pathError(resource, path, `${formatPath(path)} is not a single value`, "make it a plain string such as a URL");
  return String(value);
}
function readInteger(resource, path) {
  const value = resource.document.getIn(path);
  if (value === void 0 || value === null) return void 0;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number))
    throw pathError(
      resource,
      path,
      `${formatPath(path)} is ${JSON.stringify(value)}, not a whole number`,
      "make it a whole percentage such as 10"
    );
  return number;
}
function plainAt(resource, path) {
  const node = resource.document.getIn(path, true);
  return (0, import_yaml.isNode)(node) ? node.toJS(resource.document, { maxAliasCount: 100 }) : node;
}
function writeValue(resource, path, value) {
  const existing = resource.document.getIn(path, true);
  if ((0, import_yaml.isScalar)(existing) && existing.value === value) return;
  resource.document.setIn(path, value);
}
function removeValue(resource, path, options = {}) {
  if (!resource.document.hasIn(path)) return;
  resource.document.deleteIn(path);
  for (let depth = path.length - 1; options.pruneEmpty === true && depth > 0; depth--) {
    const parent = resource.document.getIn(path.slice(0, depth), true);
    if (!(0, import_yaml.isMap)(parent) || parent.items.length > 0) break;
    resource.document.deleteIn(path.slice(0, depth));
  }
}
function requireMapAt(resource, path, hint) {
  const node = resource.document.getIn(path, true);
  if (!(0, import_yaml.isMap)(node)) throw pathError(resource, path, `${describeResource(resource)} has no ${formatPath(path)}`, hint);
}
function isSeqAt(resource, path) {
  return (0, import_yaml.isSeq)(resource.document.getIn(path, true));
}
function describeResource(resource) {
  const several = resource.manifest.documents.filter((document) => !isEmptyDocument(document)).length > 1;
  const position = several ? ` (document ${resource.index + 1})` : "";
  return `${resource.kind}${resource.name ? ` "${resource.name}"` : ""}${position}`;
}
function pathError(resource, path, problem, hint) {
  const pointer = toPointer(path);
  const line = positionIn(resource.document, resource.manifest.lineCounter, pointer)?.line;
  return new UserError(problem, { file: resource.manifest.file, line, pointer, hint });
}
function detectStyle(text) {
  const found = detectIndentation(text);
  return { indent: found.indent ?? 2, indentSeq: found.indentSeq ?? true, lineWidth: 0 };
}
function documentStyle(text, file) {
  const found = detectIndentation(text);
  return {
    ...file,
    ...found.indent === void 0 ? {} : { indent: found.indent },
    ...found.indentSeq === void 0 ? {} : { indentSeq: found.indentSeq }
  };
}
function detectIndentation(text) {
  const lines = text.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  let indentSeq;
  let indent;
  for (let i = 0; i + 1 < lines.length && (indentSeq === void 0 || indent === void 0); i++) {
    const key = /^(\s*)(?:- )?[^\s#][^#]*:\s*$/.exec(lines[i]);
    if (!key) continue;
    const keyIndent = key[1].length + (lines[i].trimStart().startsWith("- ") ? 2 : 0);
    const next = /^(\s*)(- )?/.exec(lines[i + 1]);
    const nextIndent = next[1].length;
    if (next[2] !== void 0 && indentSeq === void 0) indentSeq = nextIndent > keyIndent;
    else if (next[2] === void 0 && nextIndent > keyIndent && indent === void 0) indent = nextIndent - keyIndent;
  }
  return { ...indent === void 0 ? {} : { indent }, ...indentSeq === void 0 ? {} : { indentSeq } };
}
function requireUri(resource, path, hint = "set the model's storageUri to the release asset URL") {
  const uri = readString(resource, path);
  if (uri === void 0) throw pathError(resource, path, `${describeResource(resource)} has no ${formatPath(path)}`, hint);
  return uri;
}

// src/gitops/targets/pull-secret.ts
var PULL_SECRETS = "imagePullSecrets";
var SERVICE_ACCOUNT = "serviceAccountName";
var POD_TEMPLATE_SPEC = ["spec", "template", "spec"];
var IMAGE_PULLED_MODEL_KINDS = /* @__PURE__ */ new Set(["kserve-standard", "kserve-knative"]);
function pullSecretKindProblem(kind) {
  switch (kind) {
    case "seldon-v2":
      return "a Seldon Core v2 Model has no pod spec: the Server's agent downloads models with rclone (credentials in the Model's spec.secretName), and no pod pulls the model as an image, so an image pull secret does nothing there";
    case "yaml-path":
      return "modelship cannot tell where a yaml-path file's pod spec is (a Helm values file or a patch can put it anywhere)";
    default:
      return void 0;
  }
}
var PULL_SECRET_KIND_FIX = "remove pull_secret from this environment and give the pod its credentials where its spec is (imagePullSecrets or serviceAccountName in the chart, patch or Server podSpec, once: they do not change per model), or serve the model with a kserve-standard, kserve-knative, argo-rollouts or flagger target";
function ensurePullSecret(resource, podSpec, name) {
  const path = [...podSpec, PULL_SECRETS];
  const node = resource.document.getIn(path, true);
  if (node === void 0 || (0, import_yaml2.isScalar)(node) && node.value === null) {
    resource.document.setIn(path, resource.document.createNode([{ name }]));
    return;
  }
  if (!(0, import_yaml2.isSeq)(node))
    throw pathError(
      resource,
      path,
      `${describeResource(resource)}: ${formatPath(path)} is not a list`,
      `make it a list of secret references, e.g. ${PULL_SECRETS}: [{name: ${name}}]`
    );
  const entries = plainAt(resource, path);
  if (entries.some((entry) => typeof entry === "object" && entry !== null && entry.name === name)) return;
  node.items.push(resource.document.createNode({ name }));
}
function hasPullCredentials(resource, podSpec) {
  const secrets = plainAt(resource, [...podSpec, PULL_SECRETS]);
  const account = plainAt(resource, [...podSpec, SERVICE_ACCOUNT]);
  return Array.isArray(secrets) && secrets.length > 0 || typeof account === "string" && account !== "";
}
function pullCredentialsOf(resource, podSpec) {
  const copied = {};
  for (const key of [SERVICE_ACCOUNT, PULL_SECRETS]) {
    const value = plainAt(resource, [...podSpec, key]);
    if (value !== void 0 && value !== null) copied[key] = value;
  }
  return copied;
}

// src/gitops/targets/rollout-state.ts
var STATE_KEYS = {
  stable: { version: "modelship.dev/stable-version", uri: "modelship.dev/stable-uri", digest: "modelship.dev/stable-digest" },
  canary: { version: "modelship.dev/canary-version", uri: "modelship.dev/canary-uri", digest: "modelship.dev/canary-digest" }
};
var ANNOTATIONS = ["metadata", "annotations"];
var CANARY_RECORD_POINTER = toPointer([...ANNOTATIONS, STATE_KEYS.canary.uri]);
function readRecorded(resource, mapPath) {
  const read = (role) => {
    const keys = STATE_KEYS[role];
    const recorded = {};
    for (const field of ["version", "uri", "digest"]) {
      const value = readString(resource, [...mapPath, keys[field]]);
      if (value !== void 0) recorded[field] = value;
    }
    return recorded;
  };
  return { stable: read("stable"), canary: read("canary") };
}
function deployedAt(uri, recorded) {
  const matches = recorded.uri === void 0 || recorded.uri === uri;
  const version = (matches ? recorded.version : void 0) ?? versionFromUri(uri) ?? "";
  return matches && recorded.digest !== void 0 ? { version, uri, digest: recorded.digest } : { version, uri };
}
function recordedModel(recorded) {
  if (recorded.uri === void 0) return void 0;
  return deployedAt(recorded.uri, recorded);
}
function singleFieldState(uri, recorded, weight) {
  if (weight === void 0) return { stable: deployedAt(uri, recorded.stable) };
  const state = { canary: { ...deployedAt(uri, recorded.canary), weight } };
  const stable = recordedModel(recorded.stable);
  if (stable !== void 0) state.stable = stable;
  return state;
}
function servingUri(desired) {
  return (desired.canary ?? desired.stable).uri;
}
function ownState(state, model, tagFormat) {
  const own = (deployed) => {
    if (deployed === void 0 || deployed.version === "") return deployed;
    const named = parseModelUri(deployed.uri, tagFormat)?.model;
    return named === void 0 || named === model ? deployed : { ...deployed, version: "" };
  };
  const stable = own(state.stable);
  const canary = own(state.canary);
  return { ...stable === void 0 ? {} : { stable }, ...canary === void 0 ? {} : { canary } };
}
function writeRecorded(resource, mapPath, desired) {
  for (const role of ["stable", "canary"]) {
    const model = desired[role];
    const keys = STATE_KEYS[role];
    for (const field of ["version", "uri", "digest"]) {
      const value = model?.[field];
      if (value === void 0 || value === "") removeValue(resource, [...mapPath, keys[field]]);
      else writeValue(resource, [...mapPath, keys[field]], value);
    }
  }
}
function versionFromUri(uri) {
  return parseModelUri(uri)?.version;
}
function planAction(current, model, action, where) {
  const fromModel = { version: model.version, uri: model.uri, digest: model.digest };
  const fail = (problem, hint, pointer) => new UserError(`${where.resource}: ${problem}`, { file: where.file, hint, pointer });
  switch (action.kind) {
    case "start":
    case "step": {
      checkWeight(action.weight, action.kind, where);
      if (action.kind === "step" && current.canary === void 0)
        throw fail(
          `no canary is running, so there is no weight to step`,
          `start a canary of ${model.name} ${model.version} first`,
          where.canaryPointer
        );
      if (action.kind === "step" && current.canary.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary)}, not ${model.name} ${model.version}`,
          `step the running canary's model, or start a new canary of ${model.version}`,
          where.canaryPointer
        );
      const stable = current.stable;
      if (stable === void 0)
        throw fail(
          "no stable model is recorded, so there is nothing to run a canary against",
          "deploy the first model with the direct action"
        );
      if (current.canary === void 0 && stable.uri === model.uri)
        throw fail(
          `${model.name} ${model.version} already serves as the stable model`,
          "release a new version to canary, or leave the file as it is"
        );
      return { stable, canary: { ...fromModel, weight: action.weight } };
    }
    case "promote": {
      if (current.canary === void 0) {
        if (current.stable?.uri === model.uri) return { stable: { ...current.stable, ...fromModel } };
        throw fail(
          `no canary is running, so there is nothing to promote`,
          `start a canary of ${model.name} ${model.version}, or use the direct action to replace the stable model`,
          where.canaryPointer
        );
      }
      if (current.canary.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary)}, not ${model.name} ${model.version}`,
          "promote the model the canary runs",
          where.canaryPointer
        );
      return { stable: fromModel };
    }
    case "rollback": {
      if (current.canary === void 0) return current;
      if (current.canary.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary)}, not ${model.name} ${model.version}`,
          "the canary changed after it was judged; run the canary job (or the rollback) again",
          where.canaryPointer
        );
      if (current.stable === void 0)
        throw fail(
          `the model to roll back to is not recorded (annotation ${STATE_KEYS.stable.uri} is missing)`,
          "roll back by hand, or use the direct action with the last good model"
        );
      return { stable: current.stable };
    }
    case "direct":
      return { stable: fromModel };
  }
}
function checkWeight(weight, action, where) {
  if (!Number.isInteger(weight) || weight < 0 || weight > 99) {
    throw new UserError(`${where.resource}: canary weight ${weight} for ${action} is outside 0..99`, {
      file: where.file,
      hint: "give a whole percentage from 0 (no live traffic yet) to 99; promote sends 100% to the canary"
    });
  }
}
function label(model) {
  return model.version ? `${model.version} (${model.uri})` : model.uri;
}

// src/gitops/targets/pod-env.ts
var CONTAINERS = ["spec", "template", "spec", "containers"];
var DEFAULT_ENV = "MODEL_URI";
function modelEnvPath(resource, target) {
  const containers = plainAt(resource, CONTAINERS);
  const list = Array.isArray(containers) ? containers : [];
  if (list.length === 0)
    throw pathError(
      resource,
      CONTAINERS,
      `${describeResource(resource)} has no containers in spec.template.spec.containers`,
      "add the serving container to the pod template"
    );
  const c = target.container === void 0 ? 0 : list.findIndex((container) => container.name === target.container);
  if (c < 0) {
    throw pathError(
      resource,
      CONTAINERS,
      `${describeResource(resource)} has no container "${target.container}"`,
      `set the target's container to one of: ${list.map((container) => String(container.name)).join(", ")}`
    );
  }
  const envName = target.env ?? DEFAULT_ENV;
  const env = Array.isArray(list[c].env) ? list[c].env : [];
  const e = env.findIndex((variable) => variable.name === envName);
  if (e < 0) {
    throw new UserError(`${describeResource(resource)}: container "${String(list[c].name)}" has no env var ${envName}`, {
      file: resource.manifest.file,
      pointer: `/spec/template/spec/containers/${c}/env`,
      hint: `add env: [{name: ${envName}, value: <model URL>}] to the container, or set the target's env to the variable that holds the model URL${env.length > 0 ? ` (it has ${env.map((variable) => String(variable.name)).join(", ")})` : ""}`
    });
  }
  return [...CONTAINERS, c, "env", e, "value"];
}
function modelContainerPath(resource, target) {
  return modelEnvPath(resource, target).slice(0, CONTAINERS.length + 1);
}
function readModelEnv(resource, target) {
  const path = modelEnvPath(resource, target);
  const uri = readString(resource, path);
  if (uri === void 0)
    throw pathError(
      resource,
      path,
      `${describeResource(resource)}: env ${target.env ?? DEFAULT_ENV} has no value`,
      "set the env var's value to the release asset URL (valueFrom is not supported)"
    );
  return uri;
}

// src/gitops/targets/argo-rollouts.ts
var CANARY_STRATEGY = ["spec", "strategy", "canary"];
var STEPS = [...CANARY_STRATEGY, "steps"];
var BLUE_GREEN = ["spec", "strategy", "blueGreen"];
var AUTO_PROMOTION = [...BLUE_GREEN, "autoPromotionEnabled"];
var AUTO_PROMOTION_SECONDS = [...BLUE_GREEN, "autoPromotionSeconds"];
var SCALE_DOWN_DELAY = [...BLUE_GREEN, "scaleDownDelaySeconds"];
var DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
var argoRolloutsTarget = {
  canaryPointer: CANARY_RECORD_POINTER,
  locate(manifest, target) {
    const resource = findResource(manifest, { kind: "Rollout", group: "argoproj.io", name: target.name, target: "argo-rollouts" });
    if (!resource.document.hasIn(CANARY_STRATEGY) && !resource.document.hasIn(BLUE_GREEN)) {
      throw pathError(
        resource,
        ["spec", "strategy"],
        `${describeResource(resource)} has neither spec.strategy.canary nor spec.strategy.blueGreen`,
        "give the Rollout a canary or blueGreen strategy"
      );
    }
    modelEnvPath(resource, target);
    return resource;
  },
  podSpecs() {
    return [POD_TEMPLATE_SPEC];
  },
  // One pod template runs whichever model is newest: the container that holds the model URI serves it.
  memorySlots(resource, target) {
    return [{ resource, path: modelContainerPath(resource, target), form: "container", shared: true, requestDefaultsToLimit: true }];
  },
  read(resource, target) {
    const uri = readModelEnv(resource, target);
    const recorded = readRecorded(resource, ANNOTATIONS);
    return singleFieldState(uri, recorded, recorded.canary.uri === void 0 ? void 0 : canaryWeight(resource));
  },
  write(resource, target, desired, current) {
    writeValue(resource, modelEnvPath(resource, target), servingUri(desired));
    const document = resource.document;
    if (document.hasIn(CANARY_STRATEGY)) {
      const steps = stepsOf(resource);
      if (desired.canary !== void 0) {
        const held = steps.length === 2 && typeof steps[0]?.["setWeight"] === "number" && isIndefinitePause(steps[1]);
        if (held) writeValue(resource, [...STEPS, 0, "setWeight"], desired.canary.weight);
        else document.setIn(STEPS, document.createNode([{ setWeight: desired.canary.weight }, { pause: {} }]));
      } else if (current.canary !== void 0 && steps.length > 0 && isIndefinitePause(steps.at(-1))) {
        document.deleteIn([...STEPS, steps.length - 1]);
      }
    }
    if (document.hasIn(BLUE_GREEN)) {
      if (desired.canary !== void 0) writeValue(resource, AUTO_PROMOTION, false);
      else if (document.hasIn(AUTO_PROMOTION)) writeValue(resource, AUTO_PROMOTION, true);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  }
};
function stepsOf(resource) {
  const steps = plainAt(resource, STEPS);
  return Array.isArray(steps) ? steps : [];
}
function canaryWeight(resource) {
  const weights = stepsOf(resource).flatMap((step) => typeof step["setWeight"] === "number" ? [step["setWeight"]] : []);
  return weights.at(-1) ?? 0;
}
function isIndefinitePause(step) {
  if (step === void 0 || Object.keys(step).length !== 1 || !("pause" in step)) return false;
  const pause = step["pause"];
  return pause === null || typeof pause === "object" && !Array.isArray(pause) && !("duration" in pause);
}
function checkBlueGreenRollout(manifest, target, setting) {
  const resource = argoRolloutsTarget.locate(manifest, target);
  const fix = "use strategy: canary for this Rollout, or give it spec.strategy.blueGreen (activeService, previewService) instead of spec.strategy.canary";
  if (!resource.document.hasIn(BLUE_GREEN))
    throw pathError(
      resource,
      CANARY_STRATEGY,
      `${setting} is blue-green, but the argo-rollouts target ${describeResource(resource)} has spec.strategy.canary, which shifts live traffic step by step and has no preview to cut over from`,
      fix
    );
  const seconds = plainAt(resource, AUTO_PROMOTION_SECONDS);
  if (seconds !== void 0 && seconds !== null)
    throw pathError(
      resource,
      AUTO_PROMOTION_SECONDS,
      `${setting} is blue-green, but ${describeResource(resource)} sets spec.strategy.blueGreen.autoPromotionSeconds (${JSON.stringify(seconds)}), so Argo Rollouts would switch traffic to the preview on a timer before modelship's health checks decide`,
      "remove autoPromotionSeconds: modelship's cut-over pull request promotes the preview once it has baked and every health check passes"
    );
}
function argoScaleDownNote(manifest, target) {
  const resource = argoRolloutsTarget.locate(manifest, target);
  if (!resource.document.hasIn(BLUE_GREEN)) return void 0;
  const delay = plainAt(resource, SCALE_DOWN_DELAY);
  const seconds = typeof delay === "number" ? delay : DEFAULT_SCALE_DOWN_DELAY_SECONDS;
  return `${describeResource(resource)}: the active Service switches to the new ReplicaSet, and the old ReplicaSet is scaled down ${seconds} s after the switch (spec.strategy.blueGreen.scaleDownDelaySeconds, default ${DEFAULT_SCALE_DOWN_DELAY_SECONDS})`;
}

// src/gitops/targets/flagger.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/gitops/targets/flagger-ab.ts
var ANALYSIS = ["spec", "analysis"];
var ITERATIONS = [...ANALYSIS, "iterations"];
var MATCH = [...ANALYSIS, "match"];
var DEFAULT_ITERATIONS = 10;
function flaggerMatch(match) {
  if ("header" in match) return [{ headers: { [match.header]: { exact: match.value } } }];
  return [{ headers: { cookie: { regex: `^(.*?;\\s*)?(${escapeRegExp(match.cookie)}=${escapeRegExp(match.value)})(;.*)?$` } } }];
}
function writeAbAnalysis(canary, routing) {
  if (routing.match === void 0)
    throw pathError(
      canary,
      ANALYSIS,
      "an A/B test on Flagger needs a header or cookie match, and the environment's ab settings give none",
      "set ab.match in the environment in modelship.yaml, e.g. {header: x-variant, value: b} or {cookie: variant, value: b}"
    );
  writeValue(canary, ITERATIONS, routing.iterations ?? readInteger(canary, ITERATIONS) ?? DEFAULT_ITERATIONS);
  canary.document.setIn(MATCH, canary.document.createNode(flaggerMatch(routing.match)));
  for (const key of ["maxWeight", "stepWeight", "stepWeights"]) removeValue(canary, [...ANALYSIS, key]);
}

// src/gitops/targets/flagger.ts
var ANALYSIS2 = ["spec", "analysis"];
var MAX_WEIGHT = [...ANALYSIS2, "maxWeight"];
var STEP_WEIGHT = [...ANALYSIS2, "stepWeight"];
var STEP_WEIGHTS = [...ANALYSIS2, "stepWeights"];
var ITERATIONS2 = [...ANALYSIS2, "iterations"];
var TARGET_REF = ["spec", "targetRef"];
var flaggerTarget = {
  canaryPointer: CANARY_RECORD_POINTER,
  locate(manifest, target) {
    const resource = findResource(manifest, {
      kind: "Deployment",
      group: "apps",
      name: deploymentName(manifest, target),
      target: "flagger"
    });
    canaryOf(resource);
    modelEnvPath(resource, target);
    return resource;
  },
  podSpecs() {
    return [POD_TEMPLATE_SPEC];
  },
  // One pod template runs whichever model is newest: the container that holds the model URI serves it.
  memorySlots(resource, target) {
    return [{ resource, path: modelContainerPath(resource, target), form: "container", shared: true, requestDefaultsToLimit: true }];
  },
  read(resource, target) {
    const uri = readModelEnv(resource, target);
    const recorded = readRecorded(resource, ANNOTATIONS);
    return singleFieldState(uri, recorded, recorded.canary.uri === void 0 ? void 0 : canaryWeight2(canaryOf(resource)));
  },
  write(resource, target, desired) {
    writeValue(resource, modelEnvPath(resource, target), servingUri(desired));
    if (desired.canary !== void 0) {
      if (target.ab !== void 0) writeAbAnalysis(canaryOf(resource), target.ab);
      holdAt(canaryOf(resource), desired.canary.weight);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  }
};
function deploymentName(manifest, target) {
  const resources = listResources(manifest);
  const deployments = resources.filter((resource) => resource.kind === "Deployment");
  const canaries = resources.filter(isFlaggerCanary);
  if (target.name !== void 0) {
    if (deployments.some((deployment) => deployment.name === target.name)) return target.name;
    const canary = canaries.find((resource) => resource.name === target.name);
    return (canary === void 0 ? void 0 : targetRefName(canary)) ?? target.name;
  }
  if (deployments.length > 1 && canaries.length === 1) return targetRefName(canaries[0]);
  return void 0;
}
function canaryOf(deployment) {
  const canaries = listResources(deployment.manifest).filter(isFlaggerCanary);
  const mine = canaries.filter(
    (canary) => readString(canary, [...TARGET_REF, "kind"]) === "Deployment" && targetRefName(canary) === deployment.name
  );
  if (mine.length === 1) return mine[0];
  if (mine.length > 1) {
    throw pathError(
      mine[1],
      [...TARGET_REF, "name"],
      `${mine.length} Flagger Canaries target Deployment "${deployment.name}" (${mine.map((canary) => canary.name).join(", ")})`,
      "keep one Canary per Deployment; Flagger runs one analysis per target"
    );
  }
  const other = canaries[0];
  if (other !== void 0) {
    const kind = readString(other, [...TARGET_REF, "kind"]) ?? "(no kind)";
    throw pathError(
      other,
      [...TARGET_REF, "name"],
      `${describeResource(other)} targets ${kind} "${targetRefName(other) ?? ""}", not Deployment "${deployment.name}"`,
      `point the Canary's spec.targetRef at {apiVersion: apps/v1, kind: Deployment, name: ${deployment.name}}, or set the target's name to the Deployment the Canary manages`
    );
  }
  throw pathError(
    deployment,
    ["metadata", "name"],
    `no Flagger Canary (flagger.app/v1beta1) in the file targets Deployment "${deployment.name}"`,
    `add a Canary with spec.targetRef {apiVersion: apps/v1, kind: Deployment, name: ${deployment.name}} to this file; modelship edits the Deployment and its Canary in one PR, so a Canary kept in another file must move here`
  );
}
function isFlaggerCanary(resource) {
  const apiVersion = resource.document.get("apiVersion");
  return resource.kind === "Canary" && typeof apiVersion === "string" && apiVersion.startsWith("flagger.app/");
}
function targetRefName(canary) {
  return readString(canary, [...TARGET_REF, "name"]);
}
function canaryWeight2(canary) {
  if (canary.document.hasIn(ITERATIONS2)) return 0;
  return readInteger(canary, MAX_WEIGHT) ?? 0;
}
function holdAt(canary, weight) {
  if (canary.document.hasIn(ITERATIONS2)) return;
  if (weight === 0) {
    throw pathError(
      canary,
      ANALYSIS2,
      `${describeResource(canary)} shifts traffic step by step, so it cannot hold a canary at 0%`,
      "start with a weight from 1 to 99 (it becomes analysis.maxWeight), or give the Canary analysis.iterations (blue-green) to run a preview without live traffic"
    );
  }
  writeValue(canary, MAX_WEIGHT, weight);
  const stepWeight = readInteger(canary, STEP_WEIGHT);
  if (stepWeight !== void 0 && stepWeight > weight) writeValue(canary, STEP_WEIGHT, weight);
  const node = canary.document.getIn(STEP_WEIGHTS, true);
  if (!(0, import_yaml3.isSeq)(node)) return;
  const current = plainAt(canary, STEP_WEIGHTS);
  const wanted = [...current.filter((value) => typeof value === "number" && value < weight), weight];
  if (current.length === wanted.length && current.every((value, i) => value === wanted[i])) return;
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    if (!((0, import_yaml3.isScalar)(item) && typeof item.value === "number" && item.value < weight)) node.items.splice(i, 1);
  }
  node.items.push(canary.document.createNode(weight));
}
function checkBlueGreenCanary(manifest, target, setting) {
  const canary = canaryOf(flaggerTarget.locate(manifest, target));
  if (!canary.document.hasIn(ITERATIONS2))
    throw pathError(
      canary,
      ANALYSIS2,
      `${setting} is blue-green, but the flagger target's ${describeResource(canary)} shifts live traffic step by step (analysis.maxWeight/stepWeight) and has no preview to cut over from`,
      "give the Canary analysis.iterations (and no maxWeight, stepWeight or stepWeights): Flagger's blue/green mode, which tests the new version with no live traffic and then switches; or use strategy: canary"
    );
  if (canary.document.hasIn([...ANALYSIS2, "match"]))
    throw pathError(
      canary,
      [...ANALYSIS2, "match"],
      `${setting} is blue-green, but the flagger target's ${describeResource(canary)} routes the requests that match analysis.match to the new version (A/B testing), so its preview takes live traffic`,
      "remove analysis.match for blue-green (the preview then takes no live traffic), or use a strategy that routes by header or cookie"
    );
}
function flaggerScaleDownNote(manifest, target) {
  const deployment = flaggerTarget.locate(manifest, target);
  const canary = canaryOf(deployment);
  if (!canary.document.hasIn(ITERATIONS2)) return void 0;
  return `${describeResource(canary)}: once its ${String(plainAt(canary, ITERATIONS2))} analysis iterations pass, Flagger copies the new pod spec to Deployment "${deployment.name}-primary", routes all traffic to it and scales Deployment "${deployment.name}" (the canary) to zero`;
}

// src/gitops/targets/blue-green.ts
var BLUE_GREEN_FIX = "use strategy: canary (steps such as [0, 10, 50] start without live traffic), or serve the model with an Argo Rollout whose spec.strategy is blueGreen (target kind argo-rollouts) or a Flagger Canary with analysis.iterations (target kind flagger)";
function blueGreenKindProblem(target) {
  switch (target.kind) {
    case "argo-rollouts":
    case "flagger":
      return void 0;
    case "yaml-path":
      return target.weightPath === void 0 ? "it has no weight_path, so nothing in the file can hold the preview (weight 0) apart from the cut-over" : void 0;
    case "kserve-standard":
      return "KServe's Standard-mode canary is a second predictor with a share of live traffic (spec.canary[].trafficPercent), not a preview that one pull request switches to";
    case "kserve-knative":
      return "KServe's canaryTrafficPercent: 0 keeps the new revision out of traffic but reachable only through tag routing, and the old revision's scale-down is Knative's autoscaler's, not a cut-over";
    case "seldon-v2":
      return "Seldon Core v2 splits traffic by weight between Experiment candidates; it has no preview to cut over from";
    default:
      return void 0;
  }
}
function checkBlueGreenTargets(environment, targets, where = {}) {
  for (const [index, target] of targets.entries()) {
    const problem = blueGreenKindProblem(target);
    if (problem === void 0) continue;
    throw new UserError(
      `environment ${environment} is blue-green (promote.environments.${environment}.strategy, or --strategy), but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot run a blue-green: ${problem}`,
      {
        ...where.file === void 0 ? {} : { file: where.file },
        pointer: `/promote/environments/${environment}/strategy`,
        hint: BLUE_GREEN_FIX
      }
    );
  }
}
function checkBlueGreenManifest(text, target, environment) {
  const setting = `promote.environments.${environment}.strategy (modelship.yaml /promote/environments/${environment}/strategy)`;
  const manifest = parseManifest(text, target.file);
  if (target.kind === "argo-rollouts") checkBlueGreenRollout(manifest, target, setting);
  else if (target.kind === "flagger") checkBlueGreenCanary(manifest, target, setting);
}
function cutOverNote(text, target) {
  if (target.kind === "argo-rollouts") return argoScaleDownNote(parseManifest(text, target.file), target);
  if (target.kind === "flagger") return flaggerScaleDownNote(parseManifest(text, target.file), target);
  if (target.kind === "yaml-path")
    return `the weight at ${target.weightPath ?? "weight_path"} is deleted, so the chart or patch must send all traffic to the new model and remove the old one`;
  return void 0;
}

// src/gitops/targets/memory-floor.ts
var MB = 1e6;
var MIB = 2 ** 20;
var STABLE_MEMORY_KEY = "modelship.dev/stable-memory-request";
var NONE = "none";
function memoryFloorMi(peakMb, margin) {
  return Math.ceil(peakMb * MB * margin / MIB - 1e-9);
}
function memoryFloorKindProblem(kind) {
  return kind === "yaml-path" ? "modelship cannot tell where a yaml-path file's container resources are (a Helm values file or a patch can put them anywhere)" : void 0;
}
function promotionMemoryFloor(options) {
  const { margin, action, manifest, environment } = options;
  if (margin === void 0 || action.kind === "rollback") return void 0;
  const operational = manifest?.operational;
  const setting = `promote.environments.${environment}.resources.memory_floor`;
  const release = manifest === void 0 ? "the release" : `${manifest.name}@${manifest.version}`;
  if (operational === void 0) {
    const problem = `${setting} is set, but ${release} has no operational figures (peak memory) in its manifest: it was released before evaluate measured them, or from a gate report without them`;
    if (action.kind === "start" || action.kind === "direct")
      throw new UserError(problem, {
        hint: `release the model again as a new version from a gate report with evaluate's operational measurement (the operational section of gate-report.json), or remove resources.memory_floor from ${environment} in modelship.yaml`
      });
    options.warn(`${problem}; the memory requests are left as they are.`);
    return void 0;
  }
  const threads = operational.environment.threads === "default" ? "onnxruntime's default threads" : `${operational.environment.threads} threads`;
  const basis = operational.peakMemoryMb >= operational.sizeMb ? "peak" : "size";
  if (basis === "size")
    options.warn(
      `${release}: the measured peak memory (${operational.peakMemoryMb} MB) is below the model's size (${operational.sizeMb} MB), which the session must hold; the memory floor is derived from the size.`
    );
  return {
    mi: memoryFloorMi(basis === "peak" ? operational.peakMemoryMb : operational.sizeMb, margin),
    peakMb: operational.peakMemoryMb,
    sizeMb: operational.sizeMb,
    basis,
    margin,
    runner: `${operational.environment.cpu}, ${threads}, onnxruntime ${operational.environment.onnxruntime}`
  };
}
var QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;
var BINARY = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
var DECIMAL = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
function parseQuantity(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : void 0;
  if (typeof value !== "string") return void 0;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return void 0;
  const [, sign, number, suffix] = match;
  const scale = suffix === void 0 ? 1 : /^[eE][+-]?\d/.test(suffix) ? 10 ** Number(suffix.slice(1)) : BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN;
  const bytes = Number(number) * scale * (sign === "-" ? -1 : 1);
  return Number.isFinite(bytes) ? bytes : void 0;
}
function fieldsOf(slot) {
  return slot.form === "seldon-model" ? { request: [...slot.path, "memory"] } : { request: [...slot.path, "resources", "requests", "memory"], limit: [...slot.path, "resources", "limits", "memory"] };
}
function quantityAt(slot, path) {
  const value = plainAt(slot.resource, path);
  if (value === void 0 || value === null) return void 0;
  const bytes = parseQuantity(value);
  if (bytes === void 0 || typeof value !== "string" && typeof value !== "number")
    throw pathError(
      slot.resource,
      path,
      `${describeResource(slot.resource)}: ${formatPath(path)} is ${JSON.stringify(value)}, not a Kubernetes quantity`,
      "write memory as a quantity such as 512Mi or 1Gi"
    );
  return { text: String(value), bytes };
}
function raiseMemory(slot, floor, setting) {
  const { request, limit } = fieldsOf(slot);
  const resource = slot.resource;
  const change = { file: resource.manifest.file, resource: describeResource(resource), field: formatPath(request) };
  const floorText = `${floor.mi}Mi`;
  const floorBytes = floor.mi * MIB;
  const inherited = inheritMemory(slot);
  const from = inherited === void 0 ? {} : { inheritedFrom: inherited };
  const current = quantityAt(slot, request);
  if (current !== void 0 && current.bytes >= floorBytes)
    return inherited === void 0 ? { ...change, before: current.text, after: current.text, outcome: "kept" } : { ...change, after: current.text, outcome: "set", ...from };
  const limited = limit === void 0 ? void 0 : quantityAt(slot, limit);
  if (current === void 0 && slot.requestDefaultsToLimit === true && limited !== void 0 && limited.bytes >= floorBytes)
    return { ...change, outcome: "limit" };
  if (limited !== void 0 && limited.bytes < floorBytes)
    throw pathError(
      resource,
      limit,
      `${describeResource(resource)}: the memory floor ${floorText} (${setting}: ${formatNumber2(floor.basis === "peak" ? floor.peakMb : floor.sizeMb)} MB ${floor.basis === "peak" ? "measured peak" : "model size"} \xD7 ${floor.margin}) is above the memory limit ${formatPath(limit)} = ${limited.text}, and Kubernetes rejects a request above its limit`,
      `raise ${formatPath(limit)} in ${resource.manifest.file} to at least ${floorText} (or remove the limit), or lower ${setting}.margin, or remove ${setting}`
    );
  writeValue(resource, request, floorText);
  if (inherited !== void 0) return { ...change, after: floorText, outcome: "set", ...from };
  return {
    ...change,
    ...current === void 0 ? {} : { before: current.text },
    after: floorText,
    outcome: current === void 0 ? "set" : "raised"
  };
}
function inheritMemory(slot) {
  if (slot.inherit === void 0 || slot.form !== "container") return void 0;
  const own = fieldsOf(slot);
  const source = fieldsOf({ ...slot, path: slot.inherit });
  const present = (path) => {
    const value = path === void 0 ? void 0 : plainAt(slot.resource, path);
    return value !== void 0 && value !== null;
  };
  if (present(own.request) || present(own.limit)) return void 0;
  let copied = false;
  for (const [to, from] of [
    [own.request, source.request],
    [own.limit, source.limit]
  ]) {
    const value = from === void 0 ? void 0 : plainAt(slot.resource, from);
    if (to === void 0 || typeof value !== "string" && typeof value !== "number") continue;
    writeValue(slot.resource, to, value);
    copied = true;
  }
  return copied ? formatPath([...slot.inherit, "resources"]) : void 0;
}
function recordStableMemory(slot, before) {
  const key = [...ANNOTATIONS, STABLE_MEMORY_KEY];
  if (slot.resource.document.hasIn(key)) return;
  writeValue(slot.resource, key, before ?? NONE);
}
function forgetStableMemory(slot) {
  removeValue(slot.resource, [...ANNOTATIONS, STABLE_MEMORY_KEY], { pruneEmpty: true });
}
function restoreStableMemory(slot) {
  const key = [...ANNOTATIONS, STABLE_MEMORY_KEY];
  const recorded = readString(slot.resource, key);
  if (recorded === void 0) return void 0;
  const { request } = fieldsOf(slot);
  const before = readString(slot.resource, request);
  if (recorded === NONE) removeValue(slot.resource, request, { pruneEmpty: true });
  else writeValue(slot.resource, request, recorded);
  removeValue(slot.resource, key, { pruneEmpty: true });
  return {
    file: slot.resource.manifest.file,
    resource: describeResource(slot.resource),
    field: formatPath(request),
    ...before === void 0 ? {} : { before },
    ...recorded === NONE ? {} : { after: recorded },
    outcome: "restored"
  };
}
function formatNumber2(value) {
  return Number.parseFloat(value.toFixed(2)).toString();
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

// src/gitops/promotion-body.ts
function promotionMarker(environment, model, action, version) {
  return `<!-- modelship:promotion environment=${environment} model=${model} action=${action} version=${version} -->`;
}
function readPromotionMark(body) {
  const match = /<!-- modelship:promotion environment=(\S+) model=(\S+)(?: action=(\S+))?(?: version=(\S*))? -->/.exec(body);
  if (match === null) return void 0;
  return {
    environment: match[1],
    model: match[2],
    ...match[3] === void 0 ? {} : { action: match[3] },
    ...match[4] === void 0 ? {} : { version: match[4] }
  };
}
function promotionBranch(environment, model) {
  return `modelship/${environment}/${model}`;
}
function promotionTitle(view) {
  const { environment, action, model, before } = view;
  const name = `${model.name} ${model.version}`;
  switch (action.kind) {
    case "start":
      if (environment.strategy === "ab") return `${name} \u2192 ${environment.name}: A/B test against the stable model`;
      return action.weight === 0 ? `${name} \u2192 ${environment.name}: preview (no live traffic)` : `${name} \u2192 ${environment.name}: canary ${action.weight}%`;
    case "step":
      return `${name} \u2192 ${environment.name}: canary ${before.canary?.weight ?? "?"}% \u2192 ${action.weight}%`;
    case "promote":
      return environment.strategy === "blue-green" ? `${model.name} \u2192 ${environment.name}: blue-green cut-over, switch to ${model.version}` : `${name} \u2192 ${environment.name}: promote to 100%`;
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
    promotionMarker(environment.name, model.name, action.kind, model.version),
    heading,
    view.reason === void 0 ? void 0 : `**Why:** ${escapeMarkdown(view.reason)}`,
    supersedesNote(view),
    versionsTable(view, fromLabel),
    view.health === void 0 ? void 0 : `### ${environment.strategy === "ab" ? "Guardrails (health checks)" : "Canary health"}

${view.health}`,
    view.comparison === void 0 ? void 0 : `### A/B comparison

${view.comparison}`,
    gateSection(view),
    memorySection(view),
    `### Rollout plan

${rolloutPlan(view)}`,
    filesSection(view),
    `### How to roll back

${rollbackHelp(view)}`,
    view.runUrl === void 0 ? "_Opened by modelship._" : `_Opened by modelship in [this workflow run](${view.runUrl})._`
  );
  return fitCommentBody(body);
}
function supersedesNote(view) {
  const replaced = view.supersedes ?? [];
  if (replaced.length === 0) return void 0;
  const list = replaced.map((pull) => `[#${pull.number}](${pull.url}) (${escapeMarkdown(pull.title)})`).join(", ");
  return `${statusIcon("warn")} **Supersedes** ${list}: it was open for ${escapeMarkdown(view.environment.name)} when this promotion ran with \`--supersede\`, and modelship closed it in favour of this pull request.`;
}
function filesSection(view) {
  const report = view.deployers;
  const lines = view.files.map(({ file, kind }) => {
    const line = `- ${code(file)} (${kind})`;
    const deployers = report?.files.get(file);
    if (deployers === void 0) return line;
    if (deployers.length === 0)
      return `${line} \u2014 ${statusIcon("warn")} no Argo CD Application or Flux Kustomization/HelmRelease in this repository deploys it; merging changes nothing in a cluster unless something outside this repository syncs it`;
    return `${line} \u2014 deployed by ${deployers.map(describeDeployer).join("; ")}`;
  });
  for (const note of report?.notes ?? []) lines.push("", `_${escapeMarkdown(`Deployers: ${note}.`)}_`);
  return `### Files

${lines.join("\n")}`;
}
function describeDeployer(deployer) {
  const extras = [deployer.via, deployer.assumption].filter((text) => text !== void 0).map(escapeMarkdown);
  const declared = `declared in ${code(deployer.declaredIn)}`;
  return `${deployer.engine} ${deployer.kind} ${code(deployer.name)} (${[...extras, declared].join("; ")})`;
}
function versionsTable(view, fromLabel) {
  const before = view.before.canary ?? view.before.stable;
  const after = view.after.canary ?? view.after.stable;
  const link = (label2, url) => url === void 0 ? escapeMarkdown(label2) : `[${escapeMarkdown(label2)}](${url})`;
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
      const label2 = escapeMarkdown(METRIC_LABELS[name] ?? name);
      if (previous === void 0) return [label2, formatNumber(now.value), formatInterval(now.ci)];
      const before = previous.metrics[name];
      const delta = now.value !== null && before?.value !== null && before?.value !== void 0 ? now.value - before.value : null;
      return [label2, formatNumber(before?.value), formatNumber(now.value), formatInterval(now.ci), formatSigned(delta)];
    });
    lines.push(table(header, rows, { align: header.map((_, index) => index === 0 ? "left" : "right") }));
  }
  return lines.join("\n\n");
}
function memorySection(view) {
  const memory = view.memory;
  if (memory === void 0) return void 0;
  const lines = ["### Memory request"];
  const floor = memory.floor;
  if (floor !== void 0) {
    const base = floor.basis === "peak" ? floor.peakMb : floor.sizeMb;
    const mb = (base * floor.margin).toFixed(2);
    const mib = (base * MB * floor.margin / MIB).toFixed(2);
    const what = floor.basis === "peak" ? "measured peak" : "model size";
    lines.push(
      `Memory request floor **${floor.mi}Mi** = ceil(${formatNumber(base, 2)} MB ${what} \xD7 ${floor.margin} = ${Number(mb)} MB = ${Number(mib)} MiB). A floor, not a size: the peak was measured in onnxruntime on the CI runner (${escapeMarkdown(floor.runner)}), not in the serving runtime, which may need more.`
    );
    if (floor.basis === "size")
      lines.push(
        `${statusIcon("warn")} The measured peak (${formatNumber(floor.peakMb, 2)} MB) is below the model's size (${formatNumber(floor.sizeMb, 2)} MB), which the session must hold: the runner under-read it, so the floor is derived from the size.`
      );
  }
  const items = memory.changes.map(
    (change) => `- ${code(change.file)}, ${escapeMarkdown(change.resource)}, ${code(change.field)}: ${memoryOutcome(change)}`
  );
  if (items.length > 0) lines.push(items.join("\n"));
  return lines.join("\n\n");
}
function memoryOutcome(change) {
  const before = change.before === void 0 ? "" : code(change.before);
  const after = change.after === void 0 ? "" : code(change.after);
  switch (change.outcome) {
    case "set":
      return change.inheritedFrom === void 0 ? `set to ${after} (there was none)` : `set to ${after}: the new container starts from ${code(change.inheritedFrom)} (the stable model's memory request and limit), raised to the floor where it was below`;
    case "raised":
      return `raised from ${before} to ${after}`;
    case "kept":
      return `kept at ${before}: it is at least the floor, and modelship never lowers a request`;
    case "limit":
      return "no request: Kubernetes takes the memory limit as the request, and the limit is above the floor, so nothing is written";
    case "restored":
      return change.after === void 0 ? `removed (${before}): the stable model had no request before the canary raised it` : `restored to ${after} (from ${before}): the stable model's request before the canary raised it`;
  }
}
function planLines(plan) {
  return plan.map((step, index) => `${index + 1}. ${step.current ? `**${step.text} \u2190 this PR**` : step.text}`);
}
function rolloutPlan(view) {
  const { environment, action } = view;
  const bake = `bake at least ${environment.bake}`;
  const promoteStep = `promote to 100% (${environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge"})`;
  if (action.kind === "direct")
    return `1. **${environment.name} serves ${escapeMarkdown(view.model.version)} at 100% once this PR is merged** (no canary: strategy ${environment.strategy}).`;
  if (action.kind === "rollback")
    return `1. **All traffic returns to ${escapeMarkdown(versionLabel(view.after.stable))} once this PR is merged**; the ${environment.strategy === "blue-green" ? "preview" : "canary"} of ${escapeMarkdown(view.model.version)} is removed.`;
  if (environment.strategy === "blue-green") return blueGreenPlan(view);
  if (environment.strategy === "ab") return abPlan(view);
  const plan = [];
  const current = action.kind === "promote" ? Number.POSITIVE_INFINITY : action.weight;
  if (action.kind !== "promote" && action.weight === 0) {
    plan.push({ text: "preview: the new model runs beside the stable one with no live traffic", current: current === 0 });
  } else {
    const weights = [.../* @__PURE__ */ new Set([...environment.steps, ...action.kind === "promote" ? [] : [action.weight]])].sort((a, b) => a - b);
    for (const weight of weights) plan.push({ text: `canary ${weight}% (${bake})`, current: weight === current });
  }
  plan.push({ text: promoteStep, current: action.kind === "promote" });
  const lines = planLines(plan);
  lines.push(
    "",
    `The scheduled canary job reads the health checks after each merge and opens the next pull request: the next step when every check passes and the bake time is over, a rollback when any check fails.`
  );
  return lines.join("\n");
}
function abPlan(view) {
  const { environment, action } = view;
  const ab = environment.ab;
  const match = ab?.match;
  const routing = [
    match === void 0 ? void 0 : "header" in match ? `requests with header ${code(`${match.header}: ${match.value}`)} (flagger)` : `requests with cookie ${code(`${match.cookie}=${match.value}`)} (flagger)`,
    environment.targets.some((target) => target.kind === "seldon-v2") ? `${ab?.weight ?? 50}% of requests (Seldon Experiment)` : void 0
  ].filter((text) => text !== void 0);
  const plan = [
    {
      text: `A/B test: ${escapeMarkdown(view.model.version)} serves ${routing.join(" and ") || "its share of requests"} beside the stable model (at least ${environment.bake}, and ${ab === void 0 ? "enough" : formatNumber(ab.minSamples)} samples per variant and metric)`,
      current: action.kind !== "promote"
    },
    {
      text: "the winner: promote the candidate, or roll back to the stable model, by a reviewed pull request",
      current: action.kind === "promote"
    }
  ];
  const lines = planLines(plan);
  lines.push(
    "",
    "The scheduled canary job compares the variants on the A/B metrics after each run (health checks stay guardrails: a failing one rolls back). A/B pull requests are never merged automatically."
  );
  return lines.join("\n");
}
function blueGreenPlan(view) {
  const { environment, action } = view;
  const version = escapeMarkdown(view.model.version);
  const merge = environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge";
  const scaleDown = view.cutOver === void 0 || view.cutOver.length === 0 ? "old version scaled down: the stable model's pods are removed once nothing routes to them" : `old version scaled down:
${view.cutOver.map((note) => `   - ${escapeMarkdown(note)}`).join("\n")}`;
  const plan = [
    {
      text: `preview: ${version} runs beside the stable model with no live traffic (bake at least ${environment.bake}; every health check must pass)`,
      current: action.kind !== "promote"
    },
    { text: `cut-over: all live traffic switches to ${version} at once (${merge})`, current: action.kind === "promote" },
    { text: scaleDown, current: false }
  ];
  const lines = planLines(plan);
  lines.push(
    "",
    "The scheduled canary job reads the health checks once the preview's pull request is merged: it opens the cut-over when every check passes and the bake time is over, and a rollback (the preview is removed; live traffic never left the stable model) when any check fails. Blue-green never steps traffic."
  );
  return lines.join("\n");
}
function rollbackHelp(view) {
  const stable = view.action.kind === "rollback" ? view.after.stable : view.before.stable ?? view.after.stable;
  const lines = [
    "- Before merging: close this pull request; nothing has changed in the cluster.",
    `- After merging: run ${code(view.rollbackCommand)} (or the canary workflow, which opens a rollback PR when a health check fails), or revert the merge commit.`,
    `- The model to return to is recorded in git (annotations ${code("modelship.dev/stable-*")}): ${stable === void 0 ? "none yet" : stable.version === "" ? `${code(stable.uri)} (version unknown: modelship did not release it)` : `${escapeMarkdown(stable.version)} (${code(stable.uri)})`}, so a rollback needs nothing from the cluster.`
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
  return model.version === "" ? `unknown version (${model.uri})` : model.version;
}

// src/gitops/targets/target-types.ts
var AB_TARGET_KINDS = ["flagger", "seldon-v2"];

export {
  parseManifest,
  editManifest,
  isEmptyDocument,
  isKubernetesResource,
  documentLine,
  describeDocument,
  parsePath,
  formatPath,
  findResource,
  duplicateResources,
  listResources,
  appendResource,
  removeResource,
  readString,
  readInteger,
  plainAt,
  writeValue,
  removeValue,
  requireMapAt,
  isSeqAt,
  describeResource,
  pathError,
  requireUri,
  IMAGE_PULLED_MODEL_KINDS,
  pullSecretKindProblem,
  PULL_SECRET_KIND_FIX,
  ensurePullSecret,
  hasPullCredentials,
  pullCredentialsOf,
  STATE_KEYS,
  ANNOTATIONS,
  readRecorded,
  deployedAt,
  singleFieldState,
  servingUri,
  ownState,
  writeRecorded,
  planAction,
  argoRolloutsTarget,
  escapeRegExp,
  flaggerTarget,
  checkBlueGreenTargets,
  checkBlueGreenManifest,
  cutOverNote,
  memoryFloorKindProblem,
  promotionMemoryFloor,
  raiseMemory,
  recordStableMemory,
  forgetStableMemory,
  restoreStableMemory,
  readHealth,
  checkHealthChecks,
  AB_FIELDS,
  formatP,
  judgeAbTest,
  AB_TARGET_KINDS,
  readPromotionMark,
  promotionBranch,
  promotionTitle,
  promotionCommitMessage,
  promotionBody,
  basicAuthValue,
  withClone,
  publishBranch
};
