/**
 * Where a drift check's current data comes from: local files and glob patterns, and HTTPS URLs that
 * are downloaded (streaming, with retries) to temporary files the data readers then open.
 *
 * Secrets stay out of sight: request headers (an auth secret) are never logged, and a URL's
 * credentials (`user:pass@`, sent as Basic auth) and query string never reach the report's
 * `sources`, the log or an error message.
 *
 * Redirects are followed by hand (at most {@link MAX_REDIRECTS}): the auth headers and Basic
 * credentials go only to the URL's own origin (scheme, host and port), never to a host a redirect
 * names. Every request goes through the guarded client (net/safe-http.ts): a redirect keeps its
 * scheme, and neither the URL nor a redirect reaches an internal address (loopback, private,
 * link-local, cloud metadata…) unless `network` allows it, checked on the address connected to.
 * Plain http goes only to a host the allowlist names (an in-cluster store), never to a public one.
 */
import { READABLE_EXTENSIONS, readableExtension } from "../data/readers/open-table.ts";
import { retryBaseFromEnv } from "../common/retry.ts";
import { createWriteStream } from "node:fs";
import { glob, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { errnoCode, getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { ALLOW_INTERNAL_ENV, ALLOW_INTERNAL_KEY, allowEntryFor } from "../net/allow-internal.ts";
import {
  guardedGet,
  literalRefusal,
  NO_INTERNAL,
  redactText,
  redactUrl,
  redirectRefusal,
  takeCredentials,
  type NetworkPolicy,
} from "../net/safe-http.ts";

export interface CurrentSpec {
  /** Files or glob patterns (`*`, `**`, `?`, `[abc]`) relative to the working folder. */
  paths?: string[];
  /** `https:` URLs of data files (`http:` only to a host the network allowlist names). */
  urls?: string[];
}

export interface ResolvedSources {
  /** Absolute paths of the files to read, sorted, deduplicated (downloads are temp files). */
  files: string[];
  /** What the report shows: paths and patterns as given, URLs without credentials or query string. */
  sources: string[];
  /** Removes the downloaded temp files. Safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface ResolveOptions {
  /** The folder paths and patterns are relative to; default `process.cwd()`. */
  cwd?: string;
  /** Sent with every download, e.g. `Authorization` from a secret; never logged. */
  headers?: Record<string, string>;
  /** Retries of a download after a network error, a timeout, 408, 429 or 5xx. Default 4. */
  retries?: number;
  /**
   * Milliseconds one unit of backoff lasts: the n-th retry waits n² units, a `Retry-After: s` waits
   * s units. Default `MODELSHIP_RETRY_BASE_MS`, else 1000.
   */
  retryBaseMs?: number;
  /**
   * Per attempt: the longest wait for the response headers, and then for each next chunk of the
   * body (a stall, not the whole download, so big files are not cut off). Default 60000.
   */
  timeoutMs?: number;
  /** Where the temp folder for downloads is made; default the OS temp folder. */
  tempDir?: string;
  logger: Logger;
  /** Which internal sources downloads may reach (modelship.yaml network.allow_internal, MODELSHIP_ALLOW_INTERNAL); default none. */
  network?: NetworkPolicy;
  /**
   * The most bytes one download may hold once decoded, so a URL that streams without end cannot fill
   * the runner's disk. Default `MODELSHIP_MAX_DOWNLOAD_BYTES`, else 10 GiB.
   */
  maxBytes?: number;
}

/** The default cap on one download (`ResolveOptions.maxBytes`). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 10 * 1024 ** 3;

/** `MODELSHIP_MAX_DOWNLOAD_BYTES`, when set: a whole number of bytes. */
function maxBytesFromEnv(): number | undefined {
  const value = process.env.MODELSHIP_MAX_DOWNLOAD_BYTES;
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new UserError(`MODELSHIP_MAX_DOWNLOAD_BYTES must be a whole number of bytes above 0, got ${JSON.stringify(value)}`, {
      hint: "e.g. MODELSHIP_MAX_DOWNLOAD_BYTES=21474836480 for 20 GiB, or unset it for the default 10 GiB",
    });
  return Number(value);
}

/** Content types a download may be named after when its URL has no known extension. */
const CONTENT_TYPE_EXTENSIONS: Record<string, string> = {
  "text/csv": ".csv",
  "application/csv": ".csv",
  "text/tab-separated-values": ".tsv",
  "application/x-ndjson": ".jsonl",
  "application/ndjson": ".jsonl",
  "application/jsonl": ".jsonl",
  "application/x-jsonlines": ".jsonl",
  "application/jsonlines": ".jsonl",
  "application/vnd.apache.parquet": ".parquet",
};

/** The most redirects one download attempt follows. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The longest `Retry-After` honoured, in backoff units. */
const MAX_RETRY_AFTER_UNITS = 120;

/** Whether a path is a glob pattern (`*`, `?`, `[…]`). */
export function hasMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // A dangling link or a file removed meanwhile.
  }
}

/**
 * The files a path or glob pattern names, as absolute paths, sorted. A pattern without magic
 * characters is a plain path and must exist (any extension: the reader judges it); a pattern
 * matches only files with an extension the readers open, never folders. UserError when nothing is
 * found.
 */
export async function expandGlob(pattern: string, cwd: string, kind: "data" | "profile" = "data"): Promise<string[]> {
  const accepts = kind === "data" ? (name: string) => readableExtension(name) !== undefined : (name: string) => /\.json$/i.test(name);
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
          hint: "check the path: it is relative to the working folder, or use a glob pattern such as data/*.csv",
        });
      }
      throw new UserError(`cannot be read: ${getErrorMessage(error)}`, { file: pattern, cause: error });
    }
    if (!info.isFile()) {
      throw new UserError("is a folder, not a data file", {
        file: pattern,
        hint: `name the files, e.g. with the pattern ${pattern.replace(/\/+$/, "")}/**/*.csv`,
      });
    }
    return [path];
  }

  const matched = new Set<string>();
  let skipped = 0;
  for await (const entry of glob(pattern, { cwd: base, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) continue;
    if (!entry.isFile() && !(await isFile(path))) continue; // Links count when they lead to a file.
    if (!accepts(entry.name)) {
      skipped++;
      continue;
    }
    matched.add(isAbsolute(path) ? path : resolve(base, path));
  }
  if (matched.size === 0) {
    const problem =
      skipped > 0
        ? `the pattern ${pattern} matches ${skipped} file(s) in ${base}, but none ${kind === "data" ? "with an extension modelship reads" : "ending in .json"}`
        : `the pattern ${pattern} matches no files in ${base}`;
    throw new UserError(problem, { hint: `check the pattern (relative to the working folder); ${expected}` });
  }
  return [...matched].sort();
}

interface ParsedUrl {
  /** The request URL: without credentials (fetch refuses them) or fragment. */
  request: URL;
  shown: string;
  /** `Authorization: Basic …` from `user:pass@`, if the URL had credentials. */
  basicAuth?: string;
  /** Strings that must not appear in messages. */
  secrets: string[];
}

function parseUrl(text: string, network: NetworkPolicy): ParsedUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`not a valid URL: ${redactText(text)}`, { hint: "give a full https:// URL of a data file" });
  }
  const shown = redactUrl(url);
  // An internal IP literal: say so (its class and the allowlist fix) before anything about the scheme.
  const internal = literalRefusal(url, network, { what: `downloading ${shown}` });
  if (internal !== undefined) throw internal;
  if (!isAllowedScheme(url, network)) {
    const why =
      url.protocol === "http:"
        ? "plain http sends the data and any auth header unencrypted, so it goes only to an internal host the allowlist names"
        : `${url.protocol} is not supported`;
    const hint =
      url.protocol === "http:"
        ? `use an https:// URL; for an internal store reachable only over http, add "${allowEntryFor(url)}" to ${ALLOW_INTERNAL_KEY} in modelship.yaml or to ${ALLOW_INTERNAL_ENV}`
        : "use an https:// URL";
    throw new UserError(`cannot download ${shown}: ${why}`, { hint });
  }
  const credentials = takeCredentials(url, `cannot download ${shown}`);
  const basicAuth = credentials?.authorization;
  const secrets = credentials?.secrets ?? [];
  if (url.search !== "") secrets.push(url.search, url.search.slice(1));
  url.hash = "";
  return { request: url, shown, basicAuth, secrets: secrets.filter((secret) => secret.length >= 3) };
}

/** https, or plain http to a host the allowlist names (by name, or an IP literal by address or range). */
function isAllowedScheme(url: URL, network: NetworkPolicy): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && network.allowInternal.namesHost(url));
}

/**
 * Where a redirect from `from` to `location` leads: without credentials or fragment. UserError when
 * it changes the scheme, goes to plain http on a host the allowlist does not name, loops back to a
 * URL of this chain (`visited`) or is one too many. Its query and credentials join `secrets`. (The
 * address it leads to is checked when it is requested.)
 */
function redirectTarget(
  parsed: ParsedUrl,
  from: URL,
  location: string,
  redirects: number,
  visited: Set<string>,
  secrets: string[],
  network: NetworkPolicy,
): URL {
  const hint = "use the final URL of the data, or ask its owner to fix the redirect";
  let target: URL;
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
  if (internal !== undefined) throw internal;
  const refusal = redirectRefusal(from, target);
  if (refusal !== undefined) {
    throw new UserError(
      `downloading ${parsed.shown} was redirected ${route}, which is refused (${refusal}); the redirect was not followed`,
      {
        hint,
      },
    );
  }
  if (!isAllowedScheme(target, network)) {
    throw new UserError(
      `downloading ${parsed.shown} was redirected ${route}, which is not https (plain http goes only to an internal host the allowlist names); the redirect was not followed`,
      { hint },
    );
  }
  if (visited.has(target.href)) throw new UserError(`downloading ${parsed.shown} was redirected in a loop (${route})`, { hint });
  if (redirects >= MAX_REDIRECTS)
    throw new UserError(`downloading ${parsed.shown} was redirected more than ${MAX_REDIRECTS} times (last ${route})`, { hint });
  visited.add(target.href);
  return target;
}

/** `message` with every secret replaced. */
function scrub(message: string, secrets: string[]): string {
  let result = message;
  for (const secret of secrets) result = result.split(secret).join("***");
  return result;
}

/** A `Retry-After` header in seconds (delta or HTTP date), if it has a usable one. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A failed attempt that may succeed when tried again. */
class TransientFailure extends Error {
  readonly retryAfter?: number;
  constructor(message: string, retryAfter?: number) {
    super(message);
    this.retryAfter = retryAfter;
  }
}

/** A network error's most telling message, with its cause when it has one. */
function networkMessage(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out (no data for ${timeoutMs} ms)`;
  let message = getErrorMessage(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined) {
    const code = errnoCode(cause);
    const causeMessage = getErrorMessage(cause);
    message += `: ${code !== undefined && !causeMessage.includes(code) ? `${code} ${causeMessage}` : causeMessage}`;
  }
  return message;
}

function contentTypeExtension(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  const mime = contentType.split(";")[0]!.trim().toLowerCase();
  return CONTENT_TYPE_EXTENSIONS[mime];
}

interface DownloadContext {
  headers: Record<string, string>;
  retries: number;
  retryBaseMs: number;
  timeoutMs: number;
  logger: Logger;
  network: NetworkPolicy;
  maxBytes: number;
}

/** Downloads one URL to `dir/stem<ext>`, retrying transient failures; returns the file's path. */
async function download(parsed: ParsedUrl, dir: string, stem: string, context: DownloadContext): Promise<string> {
  const { logger, retries, retryBaseMs } = context;
  const headers: Record<string, string> = { "user-agent": "modelship", ...context.headers };
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
  if (parsed.basicAuth !== undefined && !hasAuthorization) headers.authorization = parsed.basicAuth;
  const secrets = [...parsed.secrets, ...Object.values(context.headers).filter((value) => value.length >= 3)];
  const urlExtension = readableExtension(basename(parsed.request.pathname));
  const requestHeaders: RequestHeaders = {
    own: headers,
    foreign: { "user-agent": "modelship" },
    hasAuth: parsed.basicAuth !== undefined || Object.keys(context.headers).length > 0,
  };

  let lastError: string;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDownload(parsed, dir, stem, urlExtension, requestHeaders, secrets, context);
    } catch (error) {
      if (isUserError(error)) throw error;
      lastError = scrub(getErrorMessage(error), secrets);
      const retryAfter = error instanceof TransientFailure ? error.retryAfter : undefined;
      if (attempt > retries) break;
      const units = retryAfter !== undefined ? Math.min(retryAfter, MAX_RETRY_AFTER_UNITS) : attempt ** 2;
      const wait = units * retryBaseMs;
      logger.warning(`Downloading ${parsed.shown} failed (${lastError}); retry ${attempt} of ${retries} in ${wait} ms.`);
      await delay(wait);
    }
  }
  const attempts = retries + 1;
  throw new UserError(`could not download ${parsed.shown} after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastError}`, {
    hint: "check that the URL is reachable from the runner, or try again later",
  });
}

interface RequestHeaders {
  /** For the URL's own origin: the user's headers and Basic auth. */
  own: Record<string, string>;
  /** For any other origin a redirect leads to. */
  foreign: Record<string, string>;
  /** Whether `own` holds anything `foreign` leaves out (auth headers, Basic credentials). */
  hasAuth: boolean;
}

/** One attempt: the request and the redirects it leads to, then the body to `dir/stem<ext>`. */
async function attemptDownload(
  parsed: ParsedUrl,
  dir: string,
  stem: string,
  urlExtension: string | undefined,
  headers: RequestHeaders,
  secrets: string[],
  context: DownloadContext,
): Promise<string> {
  const { shown } = parsed;
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, context.timeoutMs);
  };
  let path: string | undefined;
  try {
    let response: Response;
    let url = parsed.request;
    let from: URL | undefined; // The URL that redirected to `url`.
    let ownOrigin = true; // Once a redirect leaves the URL's origin, the auth stays behind for good.
    const visited = new Set([url.href]);
    for (let redirects = 0; ; redirects++) {
      arm();
      try {
        // Guarded: the scheme, and the address connected to (refusals are UserErrors, not retried).
        response = await guardedGet(url, context.network, {
          what: `downloading ${shown}`,
          headers: ownOrigin ? headers.own : headers.foreign,
          signal: controller.signal,
          idleTimeoutMs: context.timeoutMs, // the stall timeout rules here (`arm` above); this is its backstop
          maxBytes: context.maxBytes,
          ...(from === undefined ? {} : { redirectedFrom: from }),
        });
      } catch (error) {
        if (isUserError(error)) throw error;
        throw new TransientFailure(networkMessage(error, timedOut, context.timeoutMs));
      }
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status) || location === null) break;
      await response.body?.cancel().catch(() => undefined);
      from = url;
      url = redirectTarget(parsed, url, location, redirects, visited, secrets, context.network);
      if (ownOrigin && url.origin !== parsed.request.origin) {
        ownOrigin = false;
        if (headers.hasAuth)
          context.logger.info(
            `Downloading ${shown}: redirected to another origin (${url.protocol}//${url.host}); the auth header was not sent to that host.`,
          );
      }
    }
    const status = response.status;
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      if (status === 408 || status === 429 || status >= 500) {
        throw new TransientFailure(
          `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`,
          retryAfterSeconds(response.headers.get("retry-after")),
        );
      }
      if (status === 401 || status === 403) {
        if (!ownOrigin && headers.hasAuth) {
          throw new UserError(
            `downloading ${shown} was refused (HTTP ${status}) by ${url.protocol}//${url.host}, which it was redirected to; the auth header is not sent to another origin`,
            {
              hint: "use the final URL of the data (and an auth header for its host)",
            },
          );
        }
        throw new UserError(`downloading ${shown} was refused (HTTP ${status}): check the auth header secret`, {
          hint: "make sure the secret holding the auth header is set, current and allowed to read this URL",
        });
      }
      if (status === 404 || status === 410) {
        throw new UserError(`${shown} was not found (HTTP ${status})`, { hint: "check the URL of the current data" });
      }
      throw new UserError(`downloading ${shown} failed with HTTP ${status}`, { hint: "check the URL of the current data" });
    }
    const extension = urlExtension ?? contentTypeExtension(response.headers.get("content-type"));
    if (extension === undefined) {
      await response.body?.cancel().catch(() => undefined);
      const type = response.headers.get("content-type") ?? "none";
      throw new UserError(`cannot tell the format of ${shown}: its path has no known extension and its content type is ${type}`, {
        hint: `use a URL whose path ends in ${READABLE_EXTENSIONS}`,
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
      if (isUserError(error)) throw error; // over maxBytes: retrying would only fetch it again
      throw new TransientFailure(networkMessage(error, timedOut, context.timeoutMs));
    }
    return path;
  } catch (error) {
    if (path !== undefined) await rm(path, { force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function nonNegativeInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new UserError(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}

/**
 * Resolves the current data of a drift check: expands paths and patterns, downloads URLs to temp
 * files. On failure nothing is left behind; on success the caller calls `cleanup()` when done.
 */
export async function resolveCurrentSources(spec: CurrentSpec, options: ResolveOptions): Promise<ResolvedSources> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = spec.paths ?? [];
  const urls = spec.urls ?? [];
  if (paths.length === 0 && urls.length === 0) {
    throw new UserError("no current data was given", { hint: "set the paths (files or glob patterns) or the URLs of the current data" });
  }
  const context: DownloadContext = {
    headers: options.headers ?? {},
    retries: nonNegativeInteger(options.retries, "retries", 4),
    retryBaseMs: nonNegativeInteger(options.retryBaseMs ?? retryBaseFromEnv(), "retryBaseMs", 1000),
    timeoutMs: nonNegativeInteger(options.timeoutMs, "timeoutMs", 60_000),
    logger: options.logger,
    network: options.network ?? NO_INTERNAL,
    maxBytes: options.maxBytes ?? maxBytesFromEnv() ?? DEFAULT_MAX_DOWNLOAD_BYTES,
  };

  // Everything is checked before the first download.
  const files = new Set<string>();
  const sources = new Set<string>();
  for (const pattern of paths) {
    for (const file of await expandGlob(pattern, cwd)) files.add(file);
    sources.add(pattern);
  }
  const parsedUrls = new Map<string, ParsedUrl>();
  for (const text of urls) parsedUrls.set(text, parseUrl(text, context.network));

  let tempFolder: string | undefined;
  const cleanup = async (): Promise<void> => {
    if (tempFolder !== undefined) await rm(tempFolder, { recursive: true, force: true });
  };
  try {
    let index = 0;
    for (const parsed of parsedUrls.values()) {
      if (tempFolder === undefined) {
        const parent = options.tempDir ?? tmpdir();
        await mkdir(parent, { recursive: true });
        tempFolder = await mkdtemp(join(parent, "modelship-current-"));
      }
      index++;
      const base = basename(parsed.request.pathname);
      const name = base
        .slice(0, base.length - (readableExtension(base)?.length ?? 0))
        .replace(/[^A-Za-z0-9._-]+/g, "_")
        .slice(0, 80);
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

/** Parses "Name: value" into a header. */
export function parseHeader(text: string, where: string): Record<string, string> {
  const colon = text.indexOf(":");
  const name = colon < 0 ? "" : text.slice(0, colon).trim();
  if (name === "" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UserError(`${where} is not "Name: value"`, { hint: 'e.g. "Authorization: Bearer $TOKEN" (from a secret)' });
  return { [name]: text.slice(colon + 1).trim() };
}
