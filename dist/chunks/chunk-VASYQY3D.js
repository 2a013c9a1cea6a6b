import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  NO_INTERNAL,
  guardedGet,
  literalRefusal,
  redactText,
  redactUrl,
  redirectRefusal,
  takeCredentials
} from "./chunk-4S56GKNV.js";
import {
  ALLOW_INTERNAL_ENV,
  ALLOW_INTERNAL_KEY,
  allowEntryFor
} from "./chunk-ZX6A6IWO.js";
import {
  retryBaseFromEnv
} from "./chunk-7W4PFK2E.js";
import {
  READABLE_EXTENSIONS,
  readableExtension
} from "./chunk-WP7KJD34.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";

// src/drift/sources.ts
import { createWriteStream } from "node:fs";
import { glob, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
var DEFAULT_MAX_DOWNLOAD_BYTES = 10 * 1024 ** 3;
function maxBytesFromEnv() {
  const value = process.env.MODELSHIP_MAX_DOWNLOAD_BYTES;
  if (value === void 0 || value === "") return void 0;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new UserError(`MODELSHIP_MAX_DOWNLOAD_BYTES must be a whole number of bytes above 0, got ${JSON.stringify(value)}`, {
      hint: "e.g. MODELSHIP_MAX_DOWNLOAD_BYTES=21474836480 for 20 GiB, or unset it for the default 10 GiB"
    });
  return Number(value);
}
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
          maxBytes: context.maxBytes,
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
      if (isUserError(error)) throw error;
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
    network: options.network ?? NO_INTERNAL,
    maxBytes: options.maxBytes ?? maxBytesFromEnv() ?? DEFAULT_MAX_DOWNLOAD_BYTES
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

export {
  hasMagic,
  expandGlob,
  resolveCurrentSources,
  parseHeader
};
