import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkHeaderDelimiter
} from "./chunk-XWHKT4QQ.js";
import {
  nextRandom,
  seedState
} from "./chunk-5AIFLWSX.js";
import {
  READABLE_EXTENSIONS,
  aliasMap,
  applyAlias,
  coerceValue,
  loadContract,
  openTable,
  readOptionsFor,
  readableExtension,
  showValue
} from "./chunk-R2E5VZUO.js";
import {
  gitOutput
} from "./chunk-CJDYYHPO.js";
import {
  writeFileAtomic
} from "./chunk-BED2KROE.js";
import {
  NO_INTERNAL,
  guardedGet,
  literalRefusal,
  redactText,
  redactUrl,
  redirectRefusal,
  takeCredentials
} from "./chunk-MOHOK2SR.js";
import {
  ALLOW_INTERNAL_ENV,
  ALLOW_INTERNAL_KEY,
  allowEntryFor
} from "./chunk-Z75KWGKU.js";
import {
  UserError,
  assertValid,
  assertWritable,
  errnoCode,
  getErrorMessage,
  isUserError,
  jsonErrorPosition,
  parseYamlSource,
  retryBaseFromEnv,
  toPointer
} from "./chunk-2BUAMGEV.js";

// src/drift/sources.ts
import { createWriteStream } from "node:fs";
import { glob, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
var CONTENT_TYPE_EXTENSIONS = {
  "text/csv": ".csv",
  "application/csv": ".csv",
  "text/tab-separated-values": ".tsv",
  "application/x-ndjson": ".jsonl",
  "application/ndjson": ".jsonl",
  "application/jsonl": ".jsonl",
  "application/x-jsonlines": ".jsonl",
  "application/jsonlines": ".jsonl",
  "application/vnd.apache.parquet": ".parquet"
};
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_RETRY_AFTER_UNITS = 120;
function hasMagic(pattern) {
  return /[*?[]/.test(pattern);
}
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function expandGlob(pattern, cwd, kind = "data") {
  const accepts = kind === "data" ? (name) => readableExtension(name) !== void 0 : (name) => /\.json$/i.test(name);
  const expected = kind === "data" ? `data files end in ${READABLE_EXTENSIONS}` : "profiles end in .json";
  const base = resolve(cwd);
  if (pattern.trim() === "")
    throw new UserError("an empty path was given for the current data", { hint: "remove the empty entry or give a file or glob pattern" });
  if (!hasMagic(pattern)) {
    const path = resolve(base, pattern);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = errnoCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") {
        throw new UserError(`no such file (looked in ${base})`, {
          file: pattern,
          hint: "check the path: it is relative to the working folder, or use a glob pattern such as data/*.csv"
        });
      }
      throw new UserError(`cannot be read: ${getErrorMessage(error)}`, { file: pattern, cause: error });
    }
    if (!info.isFile()) {
      throw new UserError("is a folder, not a data file", {
        file: pattern,
        hint: `name the files, e.g. with the pattern ${pattern.replace(/\/+$/, "")}/**/*.csv`
      });
    }
    return [path];
  }
  const matched = /* @__PURE__ */ new Set();
  let skipped = 0;
  for await (const entry of glob(pattern, { cwd: base, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) continue;
    if (!entry.isFile() && !await isFile(path)) continue;
    if (!accepts(entry.name)) {
      skipped++;
      continue;
    }
    matched.add(isAbsolute(path) ? path : resolve(base, path));
  }
  if (matched.size === 0) {
    const problem = skipped > 0 ? `the pattern ${pattern} matches ${skipped} file(s) in ${base}, but none ${kind === "data" ? "with an extension modelship reads" : "ending in .json"}` : `the pattern ${pattern} matches no files in ${base}`;
    throw new UserError(problem, { hint: `check the pattern (relative to the working folder); ${expected}` });
  }
  return [...matched].sort();
}
function parseUrl(text, network) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`not a valid URL: ${redactText(text)}`, { hint: "give a full https:// URL of a data file" });
  }
  const shown = redactUrl(url);
  const internal = literalRefusal(url, network, { what: `downloading ${shown}` });
  if (internal !== void 0) throw internal;
  if (!isAllowedScheme(url, network)) {
    const why = url.protocol === "http:" ? "plain http sends the data and any auth header unencrypted, so it goes only to an internal host the allowlist names" : `${url.protocol} is not supported`;
    const hint = url.protocol === "http:" ? `use an https:// URL; for an internal store reachable only over http, add "${allowEntryFor(url)}" to ${ALLOW_INTERNAL_KEY} in modelship.yaml or to ${ALLOW_INTERNAL_ENV}` : "use an https:// URL";
    throw new UserError(`cannot download ${shown}: ${why}`, { hint });
  }
  const credentials = takeCredentials(url, `cannot download ${shown}`);
  const basicAuth = credentials?.authorization;
  const secrets = credentials?.secrets ?? [];
  if (url.search !== "") secrets.push(url.search, url.search.slice(1));
  url.hash = "";
  return { request: url, shown, basicAuth, secrets: secrets.filter((secret) => secret.length >= 3) };
}
function isAllowedScheme(url, network) {
  return url.protocol === "https:" || url.protocol === "http:" && network.allowInternal.namesHost(url);
}
function redirectTarget(parsed, from, location, redirects, visited, secrets, network) {
  const hint = "use the final URL of the data, or ask its owner to fix the redirect";
  let target;
  try {
    target = new URL(location, from);
  } catch {
    throw new UserError(`downloading ${parsed.shown} was redirected from ${redactUrl(from)} to an invalid URL`, { hint });
  }
  for (const secret of [target.search, target.search.slice(1), target.username, target.password]) {
    if (secret.length >= 3) secrets.push(secret);
  }
  target.username = "";
  target.password = "";
  target.hash = "";
  const route = `from ${redactUrl(from)} to ${redactUrl(target)}`;
  const internal = literalRefusal(target, network, { what: `downloading ${parsed.shown}`, redirectedFrom: from });
  if (internal !== void 0) throw internal;
  const refusal = redirectRefusal(from, target);
  if (refusal !== void 0) {
    throw new UserError(
      `downloading ${parsed.shown} was redirected ${route}, which is refused (${refusal}); the redirect was not followed`,
      {
        hint
      }
    );
  }
  if (!isAllowedScheme(target, network)) {
    throw new UserError(
      `downloading ${parsed.shown} was redirected ${route}, which is not https (plain http goes only to an internal host the allowlist names); the redirect was not followed`,
      { hint }
    );
  }
  if (visited.has(target.href)) throw new UserError(`downloading ${parsed.shown} was redirected in a loop (${route})`, { hint });
  if (redirects >= MAX_REDIRECTS)
    throw new UserError(`downloading ${parsed.shown} was redirected more than ${MAX_REDIRECTS} times (last ${route})`, { hint });
  visited.add(target.href);
  return target;
}
function scrub(message, secrets) {
  let result = message;
  for (const secret of secrets) result = result.split(secret).join("***");
  return result;
}
function retryAfterSeconds(header) {
  if (header === null) return void 0;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? void 0 : Math.max(0, Math.ceil((date - Date.now()) / 1e3));
}
var TransientFailure = class extends Error {
  retryAfter;
  constructor(message, retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }
};
function networkMessage(error, timedOut, timeoutMs) {
  if (timedOut) return `timed out (no data for ${timeoutMs} ms)`;
  let message = getErrorMessage(error);
  const cause = error instanceof Error ? error.cause : void 0;
  if (cause !== void 0) {
    const code = errnoCode(cause);
    const causeMessage = getErrorMessage(cause);
    message += `: ${code !== void 0 && !causeMessage.includes(code) ? `${code} ${causeMessage}` : causeMessage}`;
  }
  return message;
}
function contentTypeExtension(contentType) {
  if (contentType === null) return void 0;
  const mime = contentType.split(";")[0].trim().toLowerCase();
  return CONTENT_TYPE_EXTENSIONS[mime];
}
async function download(parsed, dir, stem, context) {
  const { logger, retries, retryBaseMs } = context;
  const headers = { "user-agent": "modelship", ...context.headers };
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
  if (parsed.basicAuth !== void 0 && !hasAuthorization) headers.authorization = parsed.basicAuth;
  const secrets = [...parsed.secrets, ...Object.values(context.headers).filter((value) => value.length >= 3)];
  const urlExtension = readableExtension(basename(parsed.request.pathname));
  const requestHeaders = {
    own: headers,
    foreign: { "user-agent": "modelship" },
    hasAuth: parsed.basicAuth !== void 0 || Object.keys(context.headers).length > 0
  };
  let lastError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDownload(parsed, dir, stem, urlExtension, requestHeaders, secrets, context);
    } catch (error) {
      if (isUserError(error)) throw error;
      lastError = scrub(getErrorMessage(error), secrets);
      const retryAfter = error instanceof TransientFailure ? error.retryAfter : void 0;
      if (attempt > retries) break;
      const units = retryAfter !== void 0 ? Math.min(retryAfter, MAX_RETRY_AFTER_UNITS) : attempt ** 2;
      const wait = units * retryBaseMs;
      logger.warning(`Downloading ${parsed.shown} failed (${lastError}); retry ${attempt} of ${retries} in ${wait} ms.`);
      await delay(wait);
    }
  }
  const attempts = retries + 1;
  throw new UserError(`could not download ${parsed.shown} after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastError}`, {
    hint: "check that the URL is reachable from the runner, or try again later"
  });
}
async function attemptDownload(parsed, dir, stem, urlExtension, headers, secrets, context) {
  const { shown } = parsed;
  const controller = new AbortController();
  let timedOut = false;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, context.timeoutMs);
  };
  let path;
  try {
    let response;
    let url = parsed.request;
    let from;
    let ownOrigin = true;
    const visited = /* @__PURE__ */ new Set([url.href]);
    for (let redirects = 0; ; redirects++) {
      arm();
      try {
        response = await guardedGet(url, context.network, {
          what: `downloading ${shown}`,
          headers: ownOrigin ? headers.own : headers.foreign,
          signal: controller.signal,
          idleTimeoutMs: context.timeoutMs,
          // the stall timeout rules here (`arm` above); this is its backstop
          ...from === void 0 ? {} : { redirectedFrom: from }
        });
      } catch (error) {
        if (isUserError(error)) throw error;
        throw new TransientFailure(networkMessage(error, timedOut, context.timeoutMs));
      }
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status) || location === null) break;
      await response.body?.cancel().catch(() => void 0);
      from = url;
      url = redirectTarget(parsed, url, location, redirects, visited, secrets, context.network);
      if (ownOrigin && url.origin !== parsed.request.origin) {
        ownOrigin = false;
        if (headers.hasAuth)
          context.logger.info(
            `Downloading ${shown}: redirected to another origin (${url.protocol}//${url.host}); the auth header was not sent to that host.`
          );
      }
    }
    const status = response.status;
    if (!response.ok) {
      await response.body?.cancel().catch(() => void 0);
      if (status === 408 || status === 429 || status >= 500) {
        throw new TransientFailure(
          `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`,
          retryAfterSeconds(response.headers.get("retry-after"))
        );
      }
      if (status === 401 || status === 403) {
        if (!ownOrigin && headers.hasAuth) {
          throw new UserError(
            `downloading ${shown} was refused (HTTP ${status}) by ${url.protocol}//${url.host}, which it was redirected to; the auth header is not sent to another origin`,
            {
              hint: "use the final URL of the data (and an auth header for its host)"
            }
          );
        }
        throw new UserError(`downloading ${shown} was refused (HTTP ${status}): check the auth header secret`, {
          hint: "make sure the secret holding the auth header is set, current and allowed to read this URL"
        });
      }
      if (status === 404 || status === 410) {
        throw new UserError(`${shown} was not found (HTTP ${status})`, { hint: "check the URL of the current data" });
      }
      throw new UserError(`downloading ${shown} failed with HTTP ${status}`, { hint: "check the URL of the current data" });
    }
    const extension = urlExtension ?? contentTypeExtension(response.headers.get("content-type"));
    if (extension === void 0) {
      await response.body?.cancel().catch(() => void 0);
      const type = response.headers.get("content-type") ?? "none";
      throw new UserError(`cannot tell the format of ${shown}: its path has no known extension and its content type is ${type}`, {
        hint: `use a URL whose path ends in ${READABLE_EXTENSIONS}`
      });
    }
    path = join(dir, `${stem}${extension}`);
    const body = response.body;
    try {
      await pipeline(async function* () {
        if (body === null) return;
        for await (const chunk of body) {
          arm();
          yield chunk;
        }
      }, createWriteStream(path));
    } catch (error) {
      throw new TransientFailure(networkMessage(error, timedOut, context.timeoutMs));
    }
    return path;
  } catch (error) {
    if (path !== void 0) await rm(path, { force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
function nonNegativeInteger(value, name, fallback) {
  if (value === void 0) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new UserError(`${name} must be a whole number \u2265 0, got ${value}`);
  return value;
}
async function resolveCurrentSources(spec, options) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = spec.paths ?? [];
  const urls = spec.urls ?? [];
  if (paths.length === 0 && urls.length === 0) {
    throw new UserError("no current data was given", { hint: "set the paths (files or glob patterns) or the URLs of the current data" });
  }
  const context = {
    headers: options.headers ?? {},
    retries: nonNegativeInteger(options.retries, "retries", 4),
    retryBaseMs: nonNegativeInteger(options.retryBaseMs ?? retryBaseFromEnv(), "retryBaseMs", 1e3),
    timeoutMs: nonNegativeInteger(options.timeoutMs, "timeoutMs", 6e4),
    logger: options.logger,
    network: options.network ?? NO_INTERNAL
  };
  const files = /* @__PURE__ */ new Set();
  const sources = /* @__PURE__ */ new Set();
  for (const pattern of paths) {
    for (const file of await expandGlob(pattern, cwd)) files.add(file);
    sources.add(pattern);
  }
  const parsedUrls = /* @__PURE__ */ new Map();
  for (const text of urls) parsedUrls.set(text, parseUrl(text, context.network));
  let tempFolder;
  const cleanup = async () => {
    if (tempFolder !== void 0) await rm(tempFolder, { recursive: true, force: true });
  };
  try {
    let index = 0;
    for (const parsed of parsedUrls.values()) {
      if (tempFolder === void 0) {
        const parent = options.tempDir ?? tmpdir();
        await mkdir(parent, { recursive: true });
        tempFolder = await mkdtemp(join(parent, "modelship-current-"));
      }
      index++;
      const base = basename(parsed.request.pathname);
      const name = base.slice(0, base.length - (readableExtension(base)?.length ?? 0)).replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
      const stem = `${String(index).padStart(4, "0")}-${name || "download"}`;
      const file = await download(parsed, tempFolder, stem, context);
      const { size } = await stat(file);
      options.logger.info(`Downloaded ${parsed.shown} (${size} bytes).`);
      files.add(file);
      sources.add(parsed.shown);
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { files: [...files].sort(), sources: [...sources], cleanup };
}
function parseHeader(text, where) {
  const colon = text.indexOf(":");
  const name = colon < 0 ? "" : text.slice(0, colon).trim();
  if (name === "" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UserError(`${where} is not "Name: value"`, { hint: 'e.g. "Authorization: Bearer $TOKEN" (from a secret)' });
  return { [name]: text.slice(colon + 1).trim() };
}

// src/data/profile/profile-histogram.ts
var scratch = new Float64Array(1);
var scratchBits = new BigInt64Array(scratch.buffer);
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = scratchBits[0] + (x > 0 ? 1n : -1n);
  return scratch[0];
}
function distinctBins(bins) {
  return 2 * bins;
}
function freezeEdges(options) {
  const { sketch, bins } = options;
  const max = sketch.max;
  if (max === void 0) return void 0;
  const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
  let edges;
  if (integral && options.distinct !== void 0) {
    edges = [...options.distinct].sort((a, b) => a - b);
  } else {
    const qs = Array.from({ length: bins + 1 }, (_, i) => i / bins);
    edges = [...new Set(sketch.quantiles(qs))].sort((a, b) => a - b);
    edges.pop();
  }
  const above = integral ? max + 1 : nextUp(max);
  if (Number.isFinite(above)) edges.push(above);
  else if (edges[edges.length - 1] !== max) edges.push(max);
  if (edges.length === 1) edges.unshift(edges[0] > max ? max : -nextUp(-max));
  return edges;
}
var Histogram = class _Histogram {
  edges;
  counts;
  underflow = 0;
  overflow = 0;
  constructor(edges) {
    if (edges.length < 2) throw new Error(`a histogram needs at least two edges, got ${edges.length}`);
    for (let i = 1; i < edges.length; i++)
      if (!(edges[i] > edges[i - 1])) throw new Error(`histogram edges must increase strictly (at index ${i})`);
    this.edges = edges;
    this.counts = new Array(edges.length - 1).fill(0);
  }
  /** Counts one finite value. */
  add(x) {
    const edges = this.edges;
    const last = edges.length - 1;
    if (x < edges[0]) {
      this.underflow++;
      return;
    }
    if (x >= edges[last]) {
      this.overflow++;
      return;
    }
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >>> 1;
      if (edges[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    this.counts[lo]++;
  }
  /** Adds another histogram's counts; refuses different edges (a bug: callers check edges first). */
  merge(other) {
    if (!sameEdges(this.edges, other.edges)) throw new Error("cannot merge histograms with different edges");
    other.counts.forEach((count, i) => {
      this.counts[i] += count;
    });
    this.underflow += other.underflow;
    this.overflow += other.overflow;
  }
  /** The histogram as stored in a profile, with the column's null count beside the bins. */
  toJSON(nulls) {
    return { edges: [...this.edges], counts: [...this.counts], underflow: this.underflow, overflow: this.overflow, nulls };
  }
  /** Rebuilds a histogram from its JSON. */
  static fromJSON(json) {
    const histogram = new _Histogram(json.edges);
    if (json.counts.length !== json.edges.length - 1)
      throw new Error(`histogram has ${json.counts.length} counts for ${json.edges.length} edges`);
    json.counts.forEach((count, i) => {
      histogram.counts[i] = count;
    });
    histogram.underflow = json.underflow;
    histogram.overflow = json.overflow;
    return histogram;
  }
};
function sameEdges(a, b) {
  if (a === void 0 || b === void 0) return a === b;
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}

// src/data/sketch/kll.ts
var DEFAULT_KLL_K = 200;
var CAPACITY_DECAY = 2 / 3;
var KllSketch = class _KllSketch {
  k;
  seed;
  #state;
  #levels = [];
  #n = 0;
  #size = 0;
  #maxSize = 0;
  #min = Infinity;
  #max = -Infinity;
  constructor(options = {}) {
    const k = options.k ?? DEFAULT_KLL_K;
    if (!Number.isInteger(k) || k < 8) throw new Error(`KLL k must be an integer \u2265 8, got ${k}`);
    this.k = k;
    this.seed = options.seed ?? 1;
    this.#state = seedState(this.seed);
    this.#grow();
  }
  /** Number of values summarised. */
  get n() {
    return this.#n;
  }
  /** Exact smallest value seen, or undefined when empty. */
  get min() {
    return this.#n === 0 ? void 0 : this.#min;
  }
  /** Exact largest value seen, or undefined when empty. */
  get max() {
    return this.#n === 0 ? void 0 : this.#max;
  }
  /** Adds one finite number. */
  update(value) {
    this.#levels[0].push(value);
    this.#size++;
    this.#n++;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (this.#size >= this.#maxSize) this.#compress();
  }
  /** Folds `other` into this sketch; both must have the same k. `other` is left unchanged. */
  merge(other) {
    if (other.k !== this.k) throw new Error(`cannot merge KLL sketches with different k (${this.k} and ${other.k})`);
    while (this.#levels.length < other.#levels.length) this.#grow();
    other.#levels.forEach((level, h) => {
      const into = this.#levels[h];
      for (const item of level) into.push(item);
    });
    this.#n += other.#n;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    this.#size = this.#countItems();
    while (this.#size >= this.#maxSize) this.#compress();
  }
  /** Estimated share of values ≤ x (the empirical CDF at x); NaN when empty. */
  rank(x) {
    if (this.#n === 0) return Number.NaN;
    let weight = 0;
    this.#levels.forEach((level, h) => {
      let below = 0;
      for (const item of level) if (item <= x) below++;
      weight += below * 2 ** h;
    });
    return weight / this.#n;
  }
  /** Estimated q-quantile: the smallest retained value whose estimated rank reaches q. q=0 is the min, q=1 the max. */
  quantile(q) {
    return this.quantiles([q])[0];
  }
  /** Several quantiles from one sorted view; NaN each when empty. */
  quantiles(qs) {
    if (this.#n === 0) return qs.map(() => Number.NaN);
    const { items, cumulative } = this.#sortedView();
    return qs.map((q) => {
      if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be in [0, 1], got ${q}`);
      if (q === 0) return this.#min;
      if (q === 1) return this.#max;
      const target = q * this.#n;
      let lo = 0;
      let hi = items.length - 1;
      while (lo < hi) {
        const mid = lo + hi >>> 1;
        if (cumulative[mid] >= target) hi = mid;
        else lo = mid + 1;
      }
      return items[lo];
    });
  }
  /** The sketch as plain JSON (levels copied). */
  toJSON() {
    return {
      k: this.k,
      n: this.#n,
      min: this.#n === 0 ? null : this.#min,
      max: this.#n === 0 ? null : this.#max,
      seed: this.seed,
      state: this.#state,
      levels: this.#levels.map((level) => [...level])
    };
  }
  /** Rebuilds a sketch from its JSON; throws when the levels' total weight is not n (a corrupt sketch). */
  static fromJSON(json) {
    const sketch = new _KllSketch({ k: json.k, seed: json.seed });
    sketch.#state = json.state >>> 0;
    while (sketch.#levels.length < json.levels.length) sketch.#grow();
    let weight = 0;
    json.levels.forEach((level, h) => {
      sketch.#levels[h] = [...level];
      weight += level.length * 2 ** h;
    });
    if (weight !== json.n) throw new Error(`KLL sketch is inconsistent: its items weigh ${weight} but n is ${json.n}`);
    sketch.#n = json.n;
    sketch.#min = json.min ?? Infinity;
    sketch.#max = json.max ?? -Infinity;
    sketch.#size = sketch.#countItems();
    while (sketch.#size >= sketch.#maxSize) sketch.#compress();
    return sketch;
  }
  #capacity(h) {
    const depth = this.#levels.length - h - 1;
    return Math.ceil(CAPACITY_DECAY ** depth * this.k) + 1;
  }
  #grow() {
    this.#levels.push([]);
    let total = 0;
    for (let h = 0; h < this.#levels.length; h++) total += this.#capacity(h);
    this.#maxSize = total;
  }
  #countItems() {
    let size = 0;
    for (const level of this.#levels) size += level.length;
    return size;
  }
  // Compacts the lowest level that is over capacity (there is one whenever size ≥ maxSize).
  #compress() {
    for (let h = 0; h < this.#levels.length; h++) {
      if (this.#levels[h].length < this.#capacity(h)) continue;
      if (h + 1 >= this.#levels.length) this.#grow();
      const sorted = Float64Array.from(this.#levels[h]).sort();
      const draw = nextRandom(this.#state);
      this.#state = draw.state;
      const start = sorted.length % 2;
      const offset = draw.value < 0.5 ? 0 : 1;
      const up = this.#levels[h + 1];
      let moved = 0;
      for (let i = start + offset; i < sorted.length; i += 2, moved++) up.push(sorted[i]);
      this.#levels[h] = start === 1 ? [sorted[0]] : [];
      this.#size -= moved;
      return;
    }
  }
  #sortedView() {
    const entries = [];
    this.#levels.forEach((level, h) => {
      for (const item of level) entries.push({ item, weight: 2 ** h });
    });
    entries.sort((a, b) => a.item - b.item);
    const items = new Float64Array(entries.length);
    const cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((entry, i) => {
      sum += entry.weight;
      items[i] = entry.item;
      cumulative[i] = sum;
    });
    return { items, cumulative };
  }
};

// src/data/profile/profile-column.ts
function isNumericType(type) {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}
var ColumnCounts = class {
  type;
  roles;
  count = 0;
  nulls = 0;
  invalid = 0;
  constructor(identity) {
    this.type = identity.type;
    this.roles = [...identity.roles];
  }
  mergeCounts(other) {
    this.count += other.count;
    this.nulls += other.nulls;
    this.invalid += other.invalid;
  }
  countsJSON() {
    return {
      type: this.type,
      roles: [...this.roles],
      count: this.count,
      nulls: this.nulls,
      invalid: this.invalid,
      valid: this.count - this.nulls - this.invalid
    };
  }
  restoreCounts(json) {
    this.count = json.count;
    this.nulls = json.nulls;
    this.invalid = json.invalid;
  }
};
var NumericStats = class _NumericStats extends ColumnCounts {
  kind = "numeric";
  valid = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  mean = 0;
  m2 = 0;
  sketch;
  histogram;
  /** The cap on `values`; a merge keeps the smaller of the two. */
  exactCap;
  #bins;
  // Count per distinct valid value while there are at most exactCap of them; undefined once past
  // it (for good) or when exactCap is 0. Filled in pass 1 only, like the sketch. -0 and 0 are one
  // entry, keyed +0: Map.prototype.set turns a -0 key into +0 (ECMA-262), whatever comes first.
  #exact;
  // Distinct values while there are few (integer-valued types only): such a column gets one bin
  // per value. Bounded by distinctBins(bins) + 1 entries, then dropped. Kept only when exactCap <
  // distinctBins(bins): otherwise #exact's keys are the distinct values for as long as they can
  // be few enough, and `freeze()` reads them there (see #distinctInExact).
  #distinct;
  // Whether `freeze()` takes the distinct values from #exact's keys instead of #distinct.
  #distinctInExact;
  constructor(options) {
    super(options);
    this.#bins = options.bins;
    this.exactCap = options.exactCap;
    this.#exact = options.exactCap > 0 ? /* @__PURE__ */ new Map() : void 0;
    this.sketch = new KllSketch({ k: options.sketchK, seed: options.seed });
    this.histogram = options.edges === void 0 ? void 0 : new Histogram(options.edges);
    const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
    const perValueBins = integral && options.edges === void 0;
    this.#distinctInExact = perValueBins && options.exactCap >= distinctBins(options.bins);
    this.#distinct = perValueBins && !this.#distinctInExact ? /* @__PURE__ */ new Set() : void 0;
  }
  /** Adds one finite value to every statistic (and to the histogram when its edges are frozen). */
  add(x) {
    this.valid++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sum += x;
    const delta = x - this.mean;
    this.mean += delta / this.valid;
    this.m2 += delta * (x - this.mean);
    this.sketch.update(x);
    this.histogram?.add(x);
    const exact = this.#exact;
    if (exact !== void 0) {
      const known = exact.get(x);
      if (known !== void 0) exact.set(x, known + 1);
      else if (exact.size < this.exactCap) exact.set(x, 1);
      else this.#exact = void 0;
    }
    if (this.#distinct !== void 0) {
      this.#distinct.add(x);
      if (this.#distinct.size > distinctBins(this.#bins)) this.#distinct = void 0;
    }
  }
  /** Freezes the histogram's edges from the data seen so far; its counts then come from a second pass. */
  freeze() {
    if (this.histogram !== void 0) return;
    const edges = freezeEdges({ type: this.type, sketch: this.sketch, bins: this.#bins, distinct: this.#distinctValues() });
    this.#distinct = void 0;
    this.#distinctInExact = false;
    this.histogram = edges === void 0 ? void 0 : new Histogram(edges);
  }
  // The distinct values for one bin per value, or undefined when there are too many (or none are tracked).
  #distinctValues() {
    if (!this.#distinctInExact) return this.#distinct === void 0 ? void 0 : [...this.#distinct];
    const exact = this.#exact;
    return exact !== void 0 && exact.size <= distinctBins(this.#bins) ? [...exact.keys()] : void 0;
  }
  /** Second pass: counts a value into the frozen histogram only. */
  addToHistogram(x) {
    this.histogram?.add(x);
  }
  /** Folds in another accumulator of the same column (edges already checked equal). */
  merge(other) {
    this.mergeCounts(other);
    if (other.valid > 0) {
      if (this.valid === 0) {
        this.mean = other.mean;
        this.m2 = other.m2;
      } else {
        const n = this.valid + other.valid;
        const delta = other.mean - this.mean;
        this.mean += delta * other.valid / n;
        this.m2 += other.m2 + delta * delta * this.valid * other.valid / n;
      }
    }
    this.valid += other.valid;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.sum += other.sum;
    this.sketch.merge(other.sketch);
    if (this.histogram !== void 0 && other.histogram !== void 0) this.histogram.merge(other.histogram);
    else this.histogram ??= other.histogram;
    this.exactCap = Math.min(this.exactCap, other.exactCap);
    const exact = this.#exact;
    if (exact === void 0 || other.#exact === void 0) this.#exact = void 0;
    else {
      for (const [value, count] of other.#exact) exact.set(value, (exact.get(value) ?? 0) + count);
      if (exact.size > this.exactCap) this.#exact = void 0;
    }
  }
  #valuesJSON() {
    if (this.#exact === void 0) return null;
    const value = [...this.#exact.keys()].sort((a, b) => a - b);
    return { value, count: value.map((key) => this.#exact.get(key)) };
  }
  /** The column as stored in a profile. */
  toJSON() {
    const n = this.valid;
    return {
      kind: "numeric",
      ...this.countsJSON(),
      min: n === 0 ? null : this.min,
      max: n === 0 ? null : this.max,
      sum: this.sum,
      mean: n === 0 ? null : this.mean,
      m2: this.m2,
      variance: n === 0 ? null : { population: this.m2 / n, sample: n < 2 ? null : this.m2 / (n - 1) },
      sketch: this.sketch.toJSON(),
      histogram: this.histogram === void 0 ? null : this.histogram.toJSON(this.nulls),
      values: this.#valuesJSON()
    };
  }
  /**
   * Rebuilds the accumulator from a profile's column; `exactCap` is the profile's `exact_cap`
   * (0 for an older profile without one: its columns' `values` are then read as absent).
   */
  static fromJSON(json, exactCap) {
    const stats = new _NumericStats({
      type: json.type,
      roles: json.roles,
      sketchK: json.sketch.k,
      seed: json.sketch.seed,
      bins: json.histogram === null ? 1 : json.histogram.counts.length,
      exactCap
    });
    stats.restoreCounts(json);
    stats.valid = json.valid;
    stats.min = json.min ?? Infinity;
    stats.max = json.max ?? -Infinity;
    stats.sum = json.sum;
    stats.mean = json.mean ?? 0;
    stats.m2 = json.m2;
    stats.sketch = KllSketch.fromJSON(json.sketch);
    stats.histogram = json.histogram === null ? void 0 : Histogram.fromJSON(json.histogram);
    stats.#distinct = void 0;
    stats.#distinctInExact = false;
    const values = json.values;
    if (exactCap > 0 && values !== void 0 && values !== null && values.value.length <= exactCap) {
      const exact = /* @__PURE__ */ new Map();
      values.value.forEach((value, i) => exact.set(value, (exact.get(value) ?? 0) + values.count[i]));
      stats.#exact = exact;
    } else stats.#exact = void 0;
    return stats;
  }
};
var HIGH_SURROGATE = /[\uD800-\uDBFF]/;
function codePointLength(text) {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 55296 && unit <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
function byCountThenValue(a, b) {
  if (a.count !== b.count) return b.count - a.count;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
var CategoryStats = class _CategoryStats extends ColumnCounts {
  kind = "categorical";
  counts = /* @__PURE__ */ new Map();
  cap;
  otherCount = 0;
  capped = false;
  lengthMin = Infinity;
  lengthMax = -Infinity;
  lengthSum = 0;
  constructor(options) {
    super(options);
    this.cap = options.cap;
  }
  get #measuresLength() {
    return this.type !== "boolean";
  }
  /** Counts one valid value. */
  add(value) {
    const key = String(value);
    const known = this.counts.get(key);
    if (known !== void 0) this.counts.set(key, known + 1);
    else if (this.counts.size < this.cap) this.counts.set(key, 1);
    else {
      this.capped = true;
      this.otherCount++;
    }
    if (this.#measuresLength) {
      const length = codePointLength(key);
      if (length < this.lengthMin) this.lengthMin = length;
      if (length > this.lengthMax) this.lengthMax = length;
      this.lengthSum += length;
    }
  }
  /** Folds in another accumulator of the same column; past the cap the most frequent values stay. */
  merge(other) {
    this.mergeCounts(other);
    for (const [value, count] of other.counts) this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    this.otherCount += other.otherCount;
    this.capped ||= other.capped;
    this.cap = Math.min(this.cap, other.cap);
    if (this.counts.size > this.cap) {
      const ranked = this.#ranked();
      for (const { value, count } of ranked.slice(this.cap)) {
        this.counts.delete(value);
        this.otherCount += count;
      }
      this.capped = true;
    }
    this.lengthMin = Math.min(this.lengthMin, other.lengthMin);
    this.lengthMax = Math.max(this.lengthMax, other.lengthMax);
    this.lengthSum += other.lengthSum;
  }
  #ranked() {
    return [...this.counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
  }
  /** The column as stored in a profile. */
  toJSON() {
    const common = this.countsJSON();
    return {
      kind: "categorical",
      ...common,
      distinct: this.counts.size,
      capped: this.capped,
      counts: this.#ranked(),
      other_count: this.otherCount,
      length: this.#measuresLength && common.valid > 0 ? { min: this.lengthMin, max: this.lengthMax, sum: this.lengthSum, mean: this.lengthSum / common.valid } : null
    };
  }
  /** Rebuilds the accumulator from a profile's column; `cap` is the profile's category cap. */
  static fromJSON(json, cap) {
    const stats = new _CategoryStats({ type: json.type, roles: json.roles, cap });
    stats.restoreCounts(json);
    for (const { value, count } of json.counts) stats.counts.set(value, count);
    stats.otherCount = json.other_count;
    stats.capped = json.capped;
    if (json.length !== null) {
      stats.lengthMin = json.length.min;
      stats.lengthMax = json.length.max;
      stats.lengthSum = json.length.sum;
    }
    return stats;
  }
};
function columnStatsFromJSON(json, caps) {
  return json.kind === "numeric" ? NumericStats.fromJSON(json, caps.exactCap) : CategoryStats.fromJSON(json, caps.categoryCap);
}

// src/data/profile/profile-types.ts
var REFERENCE_PROFILE_SCHEMA = "modelship/reference-profile@1";
var PROFILE_DEFAULTS = {
  bins: 10,
  topK: 50,
  /** Distinct values counted exactly per column; beyond it new values go to `other_count` (memory bound). */
  categoryCap: 1e4,
  /** Distinct values a numeric column keeps exact counts of; past it `values` is null (memory bound). */
  exactCap: 1e4,
  sketchK: 200,
  seed: 1
};
function exactCapOf(settings) {
  return settings.exact_cap ?? 0;
}

// schemas/reference-profile.schema.json
var reference_profile_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/reference-profile.schema.json",
  title: "modelship reference profile",
  description: "A mergeable statistical profile of a dataset, column by column, written by `modelship profile` and used as the baseline of drift checks. Profiles of shards made with the same histogram edges merge exactly (`modelship profile merge`): counts, nulls, extremes, histogram and category counts add up; mean and M2 combine by Chan et al.'s formula; quantile sketches merge with the same error bound.",
  type: "object",
  additionalProperties: false,
  required: ["schema", "tool", "created", "contract", "schema_hash", "datasets", "rows", "settings", "columns"],
  properties: {
    schema: { description: "Format identifier and version of this document.", const: "modelship/reference-profile@1" },
    tool: {
      description: "The program that wrote the profile.",
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: { description: "Always modelship.", const: "modelship" },
        version: { description: "modelship's version.", type: "string" }
      }
    },
    created: {
      description: "When the profile was made (for a merged profile: the later of the two), RFC 3339.",
      type: "string",
      format: "date-time"
    },
    contract: {
      description: "The data contract whose columns and types the profile follows.",
      type: "object",
      additionalProperties: false,
      required: ["path", "sha256"],
      properties: {
        path: { description: "Path of the contract file as given.", type: "string" },
        sha256: { description: "sha256 (hex) of the contract file's bytes.", type: "string", pattern: "^[0-9a-f]{64}$" }
      }
    },
    schema_hash: {
      description: "sha256 (hex) of the JSON array of [name, type] pairs of the contract's columns sorted by name. Merging and drift checks refuse a profile with another schema hash.",
      type: "string",
      pattern: "^[0-9a-f]{64}$"
    },
    datasets: {
      description: "The data files profiled (several after a merge).",
      type: "array",
      items: {
        description: "One data file.",
        type: "object",
        additionalProperties: false,
        required: ["path", "sha256", "bytes", "rows"],
        properties: {
          path: { description: "Path of the file as given.", type: "string" },
          sha256: { description: "sha256 (hex) of the file's bytes as stored.", type: "string", pattern: "^[0-9a-f]{64}$" },
          bytes: { description: "Size of the file in bytes.", type: "integer", minimum: 0 },
          rows: { description: "Data rows in the file.", type: "integer", minimum: 0 }
        }
      }
    },
    rows: { description: "Total data rows over all datasets.", type: "integer", minimum: 0 },
    settings: {
      description: "Settings the profile was made with. Shards merge exactly only when made with the same edges (`--bins-from`).",
      type: "object",
      additionalProperties: false,
      required: ["bins", "top_k", "category_cap", "sketch_k", "seed"],
      properties: {
        bins: {
          description: "Bins asked for per numeric column when edges are frozen from the data (deciles for 10). Columns may have fewer after deduplication.",
          type: "integer",
          minimum: 1
        },
        top_k: {
          description: "How many categories a report shows per column. A rendering choice: the profile keeps every count up to category_cap.",
          type: "integer",
          minimum: 1
        },
        category_cap: {
          description: "Distinct values counted exactly per column; past it, new values only add to other_count (bounds memory).",
          type: "integer",
          minimum: 1
        },
        exact_cap: {
          description: "Distinct values per numeric column whose counts are kept exactly (the column's values); past it values is null (bounds memory). 0 keeps none. Profiles written before this setting lack it and are read as keeping none.",
          type: "integer",
          minimum: 0
        },
        sketch_k: {
          description: "KLL sketch accuracy parameter k. For k = 200 the normalized rank error is about 1.65 % at 99 % confidence.",
          type: "integer",
          minimum: 8
        },
        seed: { description: "Seed of the sketches' compaction coin, so a profile is reproducible.", type: "integer" }
      }
    },
    agreement: {
      description: "How often the prediction equals the target (the counts of accuracy), for delayed-label performance checks. Written when the contract has exactly one column with role target and exactly one other column with role prediction; absent otherwise, in profiles written before it, and after merging with a profile that lacks it (or names other columns).",
      type: "object",
      additionalProperties: false,
      required: ["target", "prediction", "rows", "agree"],
      properties: {
        target: { description: "Name of the target column (a key of columns).", type: "string" },
        prediction: { description: "Name of the prediction column (a key of columns).", type: "string" },
        rows: {
          $ref: "#/$defs/count",
          description: "Rows where both target and prediction are valid (non-null and coerce to their column's type)."
        },
        agree: {
          $ref: "#/$defs/count",
          description: "Of those rows, how many have equal values after coercion, compared as text; at most rows."
        }
      }
    },
    columns: {
      description: "One profile per contract column, by column name, in contract order.",
      type: "object",
      additionalProperties: { $ref: "#/$defs/column" }
    }
  },
  $defs: {
    type: {
      description: "The contract's column type.",
      enum: ["integer", "number", "string", "boolean", "date", "datetime", "categorical"]
    },
    roles: {
      description: "The column's roles in the contract.",
      type: "array",
      items: { description: "One role.", enum: ["feature", "target", "prediction", "sensitive", "id", "timestamp"] }
    },
    count: { description: "A count of rows or values.", type: "integer", minimum: 0 },
    column: {
      description: "The profile of one column: numeric (integer, number, date, datetime; dates as epoch milliseconds) or categorical (string, categorical, boolean).",
      oneOf: [{ $ref: "#/$defs/numeric" }, { $ref: "#/$defs/categorical" }]
    },
    numeric: {
      description: "Profile of an integer, number, date or datetime column (dates as epoch milliseconds).",
      type: "object",
      additionalProperties: false,
      required: [
        "kind",
        "type",
        "roles",
        "count",
        "nulls",
        "invalid",
        "valid",
        "min",
        "max",
        "sum",
        "mean",
        "m2",
        "variance",
        "sketch",
        "histogram"
      ],
      properties: {
        kind: { description: "Numeric profile.", const: "numeric" },
        type: { $ref: "#/$defs/type", description: "The contract's column type: integer, number, date or datetime." },
        roles: { $ref: "#/$defs/roles", description: "The column's roles in the contract." },
        count: { $ref: "#/$defs/count", description: "Rows seen (null, invalid and valid)." },
        nulls: { $ref: "#/$defs/count", description: "Null (missing) values, including a column absent from a file." },
        invalid: {
          $ref: "#/$defs/count",
          description: "Non-null values that do not coerce to the column's type (as in validation)."
        },
        valid: {
          $ref: "#/$defs/count",
          description: "Values that coerce: count \u2212 nulls \u2212 invalid. The statistics below are over these."
        },
        min: { description: "Smallest valid value; null when none.", type: ["number", "null"] },
        max: { description: "Largest valid value; null when none.", type: ["number", "null"] },
        sum: { description: "Sum of the valid values.", type: "number" },
        mean: { description: "Mean of the valid values (Welford); null when none.", type: ["number", "null"] },
        m2: {
          description: "Sum of squared deviations from the mean, kept so that variances merge exactly (Chan et al.).",
          type: "number",
          minimum: 0
        },
        variance: {
          description: "Variance of the valid values; null when none.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["population", "sample"],
          properties: {
            population: { description: "m2 / n (numpy's var with ddof=0).", type: "number", minimum: 0 },
            sample: { description: "m2 / (n \u2212 1) (ddof=1); null for a single value.", type: ["number", "null"], minimum: 0 }
          }
        },
        sketch: { $ref: "#/$defs/kll", description: "Quantile sketch of the valid values (see $defs/kll)." },
        histogram: {
          description: "Counts on frozen, left-closed bins [edges[i], edges[i+1]); null when the column had no valid value to take edges from.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["edges", "counts", "underflow", "overflow", "nulls"],
          properties: {
            edges: {
              description: "Strictly increasing bin edges: the data's deciles (or its distinct values, for an integer, date or datetime column with at most 2 \xD7 bins of them), the last just above the maximum; or copied from the profile given as --bins-from.",
              type: "array",
              minItems: 2,
              items: { description: "One edge.", type: "number" }
            },
            counts: { description: "Values per bin (one fewer than edges).", type: "array", items: { $ref: "#/$defs/count" } },
            underflow: { $ref: "#/$defs/count", description: "Values below the first edge." },
            overflow: { $ref: "#/$defs/count", description: "Values at or above the last edge." },
            nulls: { $ref: "#/$defs/count", description: "Null values of the column (in no bin)." }
          }
        },
        values: {
          description: "Exact counts of the valid values (dates as epoch milliseconds, -0 as 0) while the column has at most settings.exact_cap distinct values; null past it, with a cap of 0, or after merging with a side that had none. Absent in profiles written before exact_cap, read as null.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["value", "count"],
          properties: {
            value: {
              description: "The distinct valid values, strictly ascending.",
              type: "array",
              items: { description: "One distinct value.", type: "number" }
            },
            count: {
              description: "Occurrences of value[i] at index i (same length as value).",
              type: "array",
              items: { description: "Occurrences of one value.", type: "integer", minimum: 1 }
            }
          }
        }
      }
    },
    kll: {
      description: "KLL quantile sketch (Karnin, Lang, Liberty 2016) of the valid values: about 3k numbers whatever the row count; normalized rank error about 1.65 % at 99 % confidence for k = 200; deterministic for a given seed and input order.",
      type: "object",
      additionalProperties: false,
      required: ["k", "n", "min", "max", "seed", "state", "levels"],
      properties: {
        k: { description: "Accuracy parameter.", type: "integer", minimum: 8 },
        n: { $ref: "#/$defs/count", description: "Values summarised; equals the sum over levels h of 2^h \xD7 the level's item count." },
        min: { description: "Exact smallest value; null when empty.", type: ["number", "null"] },
        max: { description: "Exact largest value; null when empty.", type: ["number", "null"] },
        seed: { description: "Seed the compaction coin started from.", type: "integer" },
        state: {
          description: "The coin's PRNG state (uint32), so compaction continues deterministically.",
          type: "integer",
          minimum: 0,
          maximum: 4294967295
        },
        levels: {
          description: "levels[h] holds retained values of weight 2^h, unsorted.",
          type: "array",
          maxItems: 64,
          items: {
            description: "One level's values.",
            type: "array",
            items: { description: "A retained value.", type: "number" }
          }
        }
      }
    },
    categorical: {
      description: 'Profile of a string, categorical or boolean column (booleans counted as "true"/"false").',
      type: "object",
      additionalProperties: false,
      required: ["kind", "type", "roles", "count", "nulls", "invalid", "valid", "distinct", "capped", "counts", "other_count", "length"],
      properties: {
        kind: { description: "Categorical profile.", const: "categorical" },
        type: { $ref: "#/$defs/type", description: "The contract's column type: string, categorical or boolean." },
        roles: { $ref: "#/$defs/roles", description: "The column's roles in the contract." },
        count: { $ref: "#/$defs/count", description: "Rows seen (null, invalid and valid)." },
        nulls: { $ref: "#/$defs/count", description: "Null (missing) values, including a column absent from a file." },
        invalid: {
          $ref: "#/$defs/count",
          description: "Non-null values that do not coerce to the column's type (for booleans: not a true/false text)."
        },
        valid: { $ref: "#/$defs/count", description: "Values that coerce: count \u2212 nulls \u2212 invalid." },
        distinct: { $ref: "#/$defs/count", description: "Distinct valid values: exact unless capped, then a lower bound." },
        capped: {
          description: "More than category_cap distinct values were seen; counts then holds the first (or, after a merge, the most frequent) category_cap of them.",
          type: "boolean"
        },
        counts: {
          description: "Every counted value with its count, by count descending then value ascending (code-unit order). All are kept up to category_cap so profiles merge exactly; settings.top_k only says how many a report shows.",
          type: "array",
          items: {
            description: "One value and how often it occurs.",
            type: "object",
            additionalProperties: false,
            required: ["value", "count"],
            properties: {
              value: { description: "The value as text.", type: "string" },
              count: { description: "Occurrences.", type: "integer", minimum: 1 }
            }
          }
        },
        other_count: { $ref: "#/$defs/count", description: "Valid values not in counts (non-zero only when capped)." },
        length: {
          description: "Length in Unicode code points of the valid values; null for boolean columns or when none is valid.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["min", "max", "sum", "mean"],
          properties: {
            min: { $ref: "#/$defs/count", description: "Shortest length." },
            max: { $ref: "#/$defs/count", description: "Longest length." },
            sum: { $ref: "#/$defs/count", description: "Total length (kept so the mean merges exactly)." },
            mean: { description: "Mean length.", type: "number", minimum: 0 }
          }
        }
      }
    }
  }
};

// src/data/profile/profile-merge.ts
var HINT_SAME_EDGES = "profile every shard with `--bins-from` the same profile (e.g. one shard's profile) so their histograms share edges";
function describeEdges(column) {
  if (column.kind !== "numeric") return "none";
  return column.histogram === null ? "none" : `[${column.histogram.edges.join(", ")}]`;
}
function assertMergeable(a, b) {
  if (a.schema_hash !== b.schema_hash) {
    throw new UserError(
      `cannot merge profiles of different schemas (schema hash ${a.schema_hash.slice(0, 12)}\u2026 vs ${b.schema_hash.slice(0, 12)}\u2026)`,
      {
        pointer: "/schema_hash",
        hint: "profile every shard with the same data contract (same column names and types)"
      }
    );
  }
  if (a.settings.sketch_k !== b.settings.sketch_k) {
    throw new UserError(`cannot merge profiles made with different sketch sizes (k ${a.settings.sketch_k} vs ${b.settings.sketch_k})`, {
      pointer: "/settings/sketch_k",
      hint: "profile every shard with the same settings (use --bins-from the same profile, which also copies its settings)"
    });
  }
  for (const [name, column] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (other === void 0 || other.kind !== column.kind || other.type !== column.type) {
      throw new UserError(`cannot merge profiles: column "${name}" differs in kind or type`, {
        pointer: toPointer(["columns", name]),
        hint: "profile every shard with the same data contract"
      });
    }
    if (column.kind === "numeric" && other.kind === "numeric" && !sameEdges(column.histogram?.edges, other.histogram?.edges)) {
      throw new UserError(
        `cannot merge profiles: the histograms of column "${name}" have different edges (${describeEdges(column)} vs ${describeEdges(other)})`,
        {
          pointer: toPointer(["columns", name, "histogram", "edges"]),
          hint: HINT_SAME_EDGES
        }
      );
    }
  }
}
function mergeAgreement(a, b) {
  if (a === void 0 || b === void 0 || a.target !== b.target || a.prediction !== b.prediction) return void 0;
  return { target: a.target, prediction: a.prediction, rows: a.rows + b.rows, agree: a.agree + b.agree };
}
function mergeProfiles(a, b) {
  assertMergeable(a, b);
  const cap = Math.min(a.settings.category_cap, b.settings.category_cap);
  const capsA = { categoryCap: a.settings.category_cap, exactCap: exactCapOf(a.settings) };
  const capsB = { categoryCap: b.settings.category_cap, exactCap: exactCapOf(b.settings) };
  const columns = {};
  for (const [name, column] of Object.entries(a.columns)) {
    const merged = columnStatsFromJSON(column, capsA);
    const other = columnStatsFromJSON(b.columns[name], capsB);
    if (merged.kind === "numeric" && other.kind === "numeric") merged.merge(other);
    else if (merged.kind === "categorical" && other.kind === "categorical") merged.merge(other);
    if (merged.kind === "numeric" && !(Number.isFinite(merged.sum) && Number.isFinite(merged.m2))) {
      throw new UserError(`cannot merge profiles: the sum or M2 of column "${name}" overflows a 64-bit float`, {
        pointer: toPointer(["columns", name, "sum"]),
        hint: "rescale the column (e.g. to other units) before profiling"
      });
    }
    columns[name] = merged.toJSON();
  }
  const agreement = mergeAgreement(a.agreement, b.agreement);
  const profile = {
    schema: a.schema,
    tool: { ...a.tool },
    // The later of the two, so merging stays a pure function of its inputs.
    created: a.created >= b.created ? a.created : b.created,
    contract: { ...a.contract },
    schema_hash: a.schema_hash,
    datasets: [...a.datasets, ...b.datasets].map((dataset) => ({ ...dataset })),
    rows: a.rows + b.rows,
    settings: { ...a.settings, category_cap: cap, exact_cap: Math.min(capsA.exactCap, capsB.exactCap) },
    ...agreement === void 0 ? {} : { agreement },
    columns
  };
  assertWritable(reference_profile_schema_default, profile, "merged reference profile");
  return profile;
}

// src/data/profile/profile-read.ts
import { readFile } from "node:fs/promises";
var WHAT = "reference profile";
var HINT_REMAKE = "the file is damaged or was edited by hand: make it again with `modelship profile`";
async function readText(path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT")
      throw new UserError(`${WHAT} not found`, {
        file: path,
        hint: "check the path, or make one with `modelship profile DATA --contract FILE`"
      });
    if (code === "EISDIR") throw new UserError(`${WHAT} is a directory, not a file`, { file: path });
    throw new UserError(`cannot read ${WHAT}: ${code ?? getErrorMessage(error)}`, { file: path, cause: error });
  }
}
function assertAgreementConsistent(profile, file) {
  const agreement = profile.agreement;
  if (agreement === void 0) return;
  const fail = (problem, token) => {
    throw new UserError(`${WHAT} is inconsistent: agreement: ${problem}`, {
      file,
      pointer: toPointer(["agreement", token]),
      hint: HINT_REMAKE
    });
  };
  for (const side of ["target", "prediction"]) {
    const column = profile.columns[agreement[side]];
    if (column === void 0) fail(`${side} "${agreement[side]}" is not a column of the profile`, side);
    else if (agreement.rows > column.valid)
      fail(
        `${agreement.rows} rows with both values valid, more than the ${column.valid} valid values of ${side} "${agreement[side]}"`,
        "rows"
      );
  }
  if (agreement.agree > agreement.rows) fail(`agree (${agreement.agree}) exceeds rows (${agreement.rows})`, "agree");
}
function assertConsistent(profile, file) {
  assertAgreementConsistent(profile, file);
  for (const [name, column] of Object.entries(profile.columns)) {
    const fail = (problem, tokens) => {
      throw new UserError(`${WHAT} is inconsistent: column "${name}": ${problem}`, {
        file,
        pointer: toPointer(["columns", name, ...tokens]),
        hint: HINT_REMAKE
      });
    };
    if (column.valid !== column.count - column.nulls - column.invalid) fail("valid is not count \u2212 nulls \u2212 invalid", ["valid"]);
    if (column.kind !== "numeric") {
      const counted = column.counts.reduce((sum, entry) => sum + entry.count, 0) + column.other_count;
      if (counted !== column.valid) fail(`category counts add up to ${counted}, not to the ${column.valid} valid values`, ["counts"]);
      continue;
    }
    try {
      KllSketch.fromJSON(column.sketch);
    } catch (error) {
      fail(getErrorMessage(error), ["sketch"]);
    }
    if (column.sketch.n !== column.valid)
      fail(`the sketch holds ${column.sketch.n} values, not the ${column.valid} valid ones`, ["sketch", "n"]);
    if (column.values !== void 0 && column.values !== null)
      assertValuesConsistent(column.values, column, exactCapOf(profile.settings), fail);
    if (column.histogram === null) continue;
    try {
      Histogram.fromJSON(column.histogram);
    } catch (error) {
      fail(getErrorMessage(error), ["histogram"]);
    }
  }
}
function assertValuesConsistent(values, column, cap, fail) {
  const { value, count } = values;
  if (count.length !== value.length) fail(`values has ${value.length} values but ${count.length} counts`, ["values", "count"]);
  if (value.length > cap) fail(`values holds ${value.length} distinct values, more than the profile's exact_cap of ${cap}`, ["values"]);
  for (let i = 1; i < value.length; i++)
    if (!(value[i - 1] < value[i])) fail("values are not strictly ascending", ["values", "value", String(i)]);
  const counted = count.reduce((sum, n) => sum + n, 0);
  if (counted !== column.valid) fail(`value counts add up to ${counted}, not to the ${column.valid} valid values`, ["values", "count"]);
  if (value.length > 0 && (value[0] !== column.min || value.at(-1) !== column.max))
    fail("values do not run from min to max", ["values", "value"]);
}
async function readProfile(path) {
  const text = await readText(path);
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${WHAT} is not valid JSON: ${getErrorMessage(error)}`, {
      file: path,
      ...jsonErrorPosition(error),
      hint: HINT_REMAKE
    });
  }
  let profile;
  try {
    profile = assertValid(reference_profile_schema_default, data, { file: path, what: WHAT });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    let source;
    try {
      source = parseYamlSource(text, path);
    } catch {
      throw error;
    }
    assertValid(reference_profile_schema_default, data, { file: path, what: WHAT, source });
    throw error;
  }
  assertConsistent(profile, path);
  return profile;
}

// src/data/profile/profile-builder.ts
import { createHash } from "node:crypto";
function schemaHash(columns) {
  const pairs = columns.map((column) => [column.name, column.type]).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return createHash("sha256").update(JSON.stringify(pairs)).digest("hex");
}
function agreementColumns(columns) {
  const withRole = (role) => columns.flatMap((column, c) => column.roles.includes(role) ? [c] : []);
  const targets = withRole("target");
  const predictions = withRole("prediction");
  if (targets.length !== 1 || predictions.length !== 1 || targets[0] === predictions[0]) return void 0;
  return { target: targets[0], prediction: predictions[0] };
}
var NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
var NUMERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function isUnrepresentableNumber(raw) {
  if (typeof raw === "number") return !Number.isFinite(raw);
  if (typeof raw !== "string") return false;
  return NON_FINITE.test(raw) || NUMERAL.test(raw) && !Number.isFinite(Number(raw));
}
var ProfileBuilder = class {
  #contract;
  #settings;
  #stats;
  #twoPass;
  // Per contract column: its aliases as a Map, or undefined when it has none (the common case, kept off the hot path).
  #aliases;
  // Target and prediction column indices with their running agreement counts (see `agreementColumns`).
  #agreement;
  // The current batch's coerced target and prediction values (undefined: null or invalid), kept by
  // `add`'s column loop for `#addAgreement`; reused from batch to batch.
  #targetValues = [];
  #predictionValues = [];
  #rows = 0;
  #invalidLines = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#contract = options.contract;
    this.#settings = options.settings;
    this.#twoPass = options.edges === void 0;
    this.#aliases = options.contract.columns.map(aliasMap);
    const pair = agreementColumns(options.contract.columns);
    this.#agreement = pair === void 0 ? void 0 : { ...pair, rows: 0, agree: 0 };
    this.#stats = options.contract.columns.map((column) => {
      if (!isNumericType(column.type))
        return new CategoryStats({ type: column.type, roles: column.roles, cap: options.settings.category_cap });
      const edges = options.edges?.get(column.name);
      return new NumericStats({
        type: column.type,
        roles: column.roles,
        sketchK: options.settings.sketch_k,
        seed: options.settings.seed,
        bins: options.settings.bins,
        edges: edges ?? void 0,
        exactCap: options.settings.exact_cap
      });
    });
  }
  /** Whether histograms need a second pass over the data (edges frozen from this data). */
  get needsSecondPass() {
    return this.#twoPass && this.#stats.some((stats) => stats.kind === "numeric");
  }
  /** Maps a file's columns to the contract's; a required contract column missing from the file is a UserError. */
  bind(source) {
    checkHeaderDelimiter(
      { columns: source.columns, file: source.path, line: source.headerLine },
      {
        file: this.#contract.file,
        names: this.#contract.columns.map((column) => column.name),
        delimiter: this.#contract.dialect.delimiter
      }
    );
    const positions = /* @__PURE__ */ new Map();
    source.columns.forEach((name, index) => {
      if (!positions.has(name)) positions.set(name, index);
    });
    const indices = new Int32Array(this.#contract.columns.length);
    this.#contract.columns.forEach((column, c) => {
      const index = positions.get(column.name);
      if (index === void 0 && column.required) {
        throw new UserError(`required column "${column.name}" is not in the data`, {
          file: source.path,
          hint: `add the column, or mark it "required: false" in ${this.#contract.file} (run \`modelship validate\` for every problem at once)`
        });
      }
      indices[c] = index ?? -1;
    });
    return { path: source.path, indices };
  }
  /** Pass 1 (or the only pass with frozen edges): every statistic of every column. */
  add(batch, binding) {
    this.#rows += batch.length;
    const agreement = this.#agreement;
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      const kept = agreement === void 0 ? void 0 : c === agreement.target ? this.#targetValues : c === agreement.prediction ? this.#predictionValues : void 0;
      if (kept !== void 0) kept.length = batch.length;
      stats.count += batch.length;
      const values = batch.columns[binding.indices[c]];
      if (values === void 0) {
        stats.nulls += batch.length;
        kept?.fill(void 0);
        return;
      }
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) {
          stats.nulls++;
          if (kept !== void 0) kept[r] = void 0;
          continue;
        }
        const value = this.#coerce(applyAlias(raw, this.#aliases[c]), column, stats, { batch, row: r, path: binding.path });
        if (kept !== void 0) kept[r] = value;
        if (value === void 0) continue;
        if (stats.kind === "numeric") stats.add(value);
        else stats.add(value);
      }
    });
    if (agreement !== void 0) this.#addAgreement(agreement, batch.length);
  }
  // Rows where target and prediction both coerced, and of those, where they are equal as text,
  // from the values the column loop in `add` kept (nulls and invalid values are undefined there).
  #addAgreement(agreement, rows) {
    const targets = this.#targetValues;
    const predictions = this.#predictionValues;
    for (let r = 0; r < rows; r++) {
      const t = targets[r];
      const p = predictions[r];
      if (t === void 0 || p === void 0) continue;
      agreement.rows++;
      if (String(t) === String(p)) agreement.agree++;
    }
  }
  /** Freezes histogram edges from pass 1; call once, between the passes. */
  freezeEdges() {
    for (const stats of this.#stats) if (stats.kind === "numeric") stats.freeze();
  }
  /** Pass 2: counts the numeric columns into their frozen histograms. */
  addToHistograms(batch, binding) {
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      const values = batch.columns[binding.indices[c]];
      if (stats.kind !== "numeric" || stats.histogram === void 0 || values === void 0) return;
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) continue;
        const coerced = coerceValue(applyAlias(raw, this.#aliases[c]), column.type, column);
        if (coerced.ok) stats.addToHistogram(coerced.value);
      }
    });
  }
  /** Columns with values that did not coerce: name → count and the first such value with its line. */
  invalidSummary() {
    return this.#contract.columns.flatMap((column, c) => {
      const first = this.#invalidLines.get(column.name);
      return first === void 0 ? [] : [{ column: column.name, invalid: this.#stats[c].invalid, first }];
    });
  }
  /** The profile document (not yet schema-checked; `profileData` does that). */
  finish(header) {
    const columns = {};
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      if (stats.kind === "numeric" && !(Number.isFinite(stats.sum) && Number.isFinite(stats.m2))) {
        throw new UserError(
          `column "${column.name}": its values are too large to sum or square in 64-bit floats (largest magnitude ${Math.max(Math.abs(stats.min), Math.abs(stats.max))})`,
          {
            file: this.#contract.file,
            pointer: column.pointer,
            hint: "rescale the column (e.g. to other units) before profiling"
          }
        );
      }
      columns[column.name] = stats.toJSON();
    });
    const agreement = this.#agreement === void 0 ? void 0 : {
      target: this.#contract.columns[this.#agreement.target].name,
      prediction: this.#contract.columns[this.#agreement.prediction].name,
      rows: this.#agreement.rows,
      agree: this.#agreement.agree
    };
    return {
      schema: REFERENCE_PROFILE_SCHEMA,
      tool: { name: "modelship", version: header.toolVersion },
      created: header.created,
      contract: { path: this.#contract.file, sha256: this.#contract.sha256 },
      schema_hash: schemaHash(this.#contract.columns),
      datasets: header.datasets.map((dataset) => ({ ...dataset })),
      rows: this.#rows,
      settings: { ...this.#settings },
      ...agreement === void 0 ? {} : { agreement },
      columns
    };
  }
  // The typed value, or undefined after counting an invalid one.
  #coerce(value, column, stats, at) {
    const coerced = coerceValue(value, column.type, column);
    if (coerced.ok) return coerced.value;
    const line = at.batch.lines[at.row] ?? 0;
    if (column.type === "number" && isUnrepresentableNumber(value)) {
      throw new UserError(
        `column "${column.name}": "${showValue(value)}" ${coerced.reason} (contract ${this.#contract.file}, column ${column.name})`,
        {
          file: at.path,
          line: line > 0 ? line : void 0,
          hint: "a profile needs finite numbers: replace the value, or list its text among the contract's null markers if it means missing"
        }
      );
    }
    stats.invalid++;
    if (!this.#invalidLines.has(column.name)) this.#invalidLines.set(column.name, { path: at.path, line, value: showValue(value) });
    return void 0;
  }
};

// src/data/profile/profile-sources.ts
function positiveInteger(value, name, minimum) {
  if (value === void 0) return void 0;
  if (!Number.isInteger(value) || value < minimum)
    throw new UserError(`${name} must be an integer \u2265 ${minimum}, got ${value}`, {
      hint: `set ${name} to a whole number of at least ${minimum}`
    });
  return value;
}
function resolveSettings(options) {
  const base = options.binsFrom?.settings;
  return {
    bins: base?.bins ?? positiveInteger(options.bins, "bins", 1) ?? PROFILE_DEFAULTS.bins,
    top_k: positiveInteger(options.topK, "top_k", 1) ?? base?.top_k ?? PROFILE_DEFAULTS.topK,
    category_cap: positiveInteger(options.categoryCap, "category_cap", 1) ?? base?.category_cap ?? PROFILE_DEFAULTS.categoryCap,
    exact_cap: positiveInteger(options.exactCap, "exact_cap", 0) ?? base?.exact_cap ?? PROFILE_DEFAULTS.exactCap,
    sketch_k: positiveInteger(options.sketchK, "sketch_k", 8) ?? base?.sketch_k ?? PROFILE_DEFAULTS.sketchK,
    seed: options.seed ?? base?.seed ?? PROFILE_DEFAULTS.seed
  };
}
function edgesFrom(binsFrom, contract, source = {
  what: "the profile given for --bins-from",
  hint: "take the edges from a profile of data with the same contract, or leave out --bins-from"
}) {
  if (binsFrom.schema_hash !== schemaHash(contract.columns)) {
    throw new UserError(
      `${source.what} was made from another schema (contract ${binsFrom.contract.path}): its column names or types differ from ${contract.file}`,
      { hint: source.hint }
    );
  }
  const edges = /* @__PURE__ */ new Map();
  for (const column of contract.columns) {
    if (!isNumericType(column.type)) continue;
    const profiled = binsFrom.columns[column.name];
    edges.set(column.name, profiled?.kind === "numeric" && profiled.histogram !== null ? profiled.histogram.edges : null);
  }
  return edges;
}
async function readPass(source, each) {
  let rows = 0;
  for await (const batch of source.batches()) {
    rows += batch.length;
    each(batch);
  }
  const digest = source.digest();
  if (digest === void 0) throw new Error(`reader for ${source.path} gave no digest after a full read`);
  return { rows, ...digest };
}
async function profileSources(options) {
  const { contract, logger } = options;
  if (options.paths.length === 0) throw new UserError("no data files to profile", { hint: "give at least one data file" });
  const settings = resolveSettings(options);
  const builder = new ProfileBuilder({
    contract,
    settings,
    edges: options.binsFrom === void 0 ? void 0 : edgesFrom(options.binsFrom, contract, options.binsFromSource)
  });
  const datasets = [];
  for (const path of options.paths) {
    const source = await options.open(path);
    const binding = builder.bind(source);
    const read = await readPass(source, (batch) => {
      builder.add(batch, binding);
    });
    datasets.push({ path, sha256: read.sha256, bytes: read.bytes, rows: read.rows });
    logger.debug(`profile pass 1: ${path}: ${read.rows} rows`);
  }
  if (builder.needsSecondPass) {
    builder.freezeEdges();
    for (const dataset of datasets) {
      const source = await options.open(dataset.path);
      const binding = builder.bind(source);
      const read = await readPass(source, (batch) => {
        builder.addToHistograms(batch, binding);
      });
      if (read.sha256 !== dataset.sha256) {
        throw new UserError("the data file changed while it was being profiled", {
          file: dataset.path,
          hint: "profile a file that nothing else is writing to"
        });
      }
      logger.debug(`profile pass 2 (histograms): ${dataset.path}`);
    }
  }
  for (const { column, invalid, first } of builder.invalidSummary()) {
    logger.warning(`column "${column}": ${invalid} value(s) do not match its type and are counted as invalid, the first "${first.value}"`, {
      title: `modelship: ${column}`,
      file: first.path,
      startLine: first.line > 0 ? first.line : void 0
    });
  }
  const profile = builder.finish({ toolVersion: options.toolVersion, created: (options.created ?? /* @__PURE__ */ new Date()).toISOString(), datasets });
  assertWritable(reference_profile_schema_default, profile, "reference profile");
  return profile;
}

// src/data/profile/profile-data.ts
async function profileData(options) {
  return profileSources({
    ...options,
    open: (path) => openTable(path, readOptionsFor(options.contract))
  });
}

// src/stages/reference-data.ts
import { mkdtemp as mkdtemp2, rm as rm2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2 } from "node:path";
async function commitTime() {
  const time = await gitOutput(["log", "-1", "--format=%cI"]).then(
    (output) => new Date(output.trim()),
    () => void 0
  );
  return time !== void 0 && !Number.isNaN(time.getTime()) ? time : /* @__PURE__ */ new Date();
}
async function profileReferenceData(options) {
  const none = { path: options.existing, cleanup: () => Promise.resolve() };
  if (options.existing !== void 0 || options.data.length === 0) return none;
  const { loaded, logger } = options;
  const config = loaded.config;
  const patterns = options.data.flatMap((item) => {
    if (item !== "train") return [item];
    return config?.data?.train === void 0 ? [] : [loaded.resolvePath(config.data.train)];
  });
  if (patterns.length === 0) {
    logger.info(
      "No reference data to profile (data.train is not set): the release carries no reference profile, so drift checks need --reference PROFILE."
    );
    return none;
  }
  const { profile, paths } = await profileFiles({
    loaded,
    patterns,
    created: await commitTime(),
    logger,
    toolVersion: options.toolVersion
  });
  const dir = await mkdtemp2(join2(process.env.RUNNER_TEMP ?? tmpdir2(), "modelship-reference-"));
  const cleanup = () => rm2(dir, { recursive: true, force: true });
  const path = join2(dir, "reference-profile.json");
  try {
    await writeFileAtomic(path, `${JSON.stringify(profile, null, 2)}
`);
  } catch (error) {
    await cleanup();
    throw error;
  }
  logger.info(`Profiled the reference data (${profile.rows} rows of ${paths.join(", ")}) for drift checks.`);
  return { path, cleanup };
}
function contractPathOf(loaded) {
  const path = loaded.config?.data?.contract ?? loaded.config?.validate?.contract;
  if (path === void 0)
    throw new UserError("no data contract in modelship.yaml to read the data with", {
      file: loaded.file,
      hint: "set data.contract in modelship.yaml (the contract the model was trained with)"
    });
  return loaded.resolvePath(path);
}
async function profileFiles(options) {
  const { loaded } = options;
  const paths = (await Promise.all(options.patterns.map((pattern) => expandGlob(pattern, process.cwd())))).flat();
  const contract = await loadContract(contractPathOf(loaded));
  const settings = loaded.config?.profile;
  const profile = await profileData({
    contract,
    paths,
    bins: settings?.bins,
    topK: settings?.top_k,
    ...options.created === void 0 ? {} : { created: options.created },
    logger: options.logger,
    toolVersion: options.toolVersion
  });
  return { profile, paths };
}

export {
  hasMagic,
  expandGlob,
  resolveCurrentSources,
  parseHeader,
  sameEdges,
  mergeProfiles,
  readProfile,
  profileData,
  profileReferenceData,
  contractPathOf,
  profileFiles
};
