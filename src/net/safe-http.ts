/**
 * The guarded HTTP client for URLs that users, servers or redirects name: drift data, Prometheus
 * and canary metrics, release asset storage. It stops request forgery against the runner's own
 * network (a download redirected to http://127.0.0.1:8080/admin, or to the cloud metadata service):
 *
 * - only http: and https:, and a redirect keeps its scheme (no https → http, http → https, → file:);
 * - no connection to an internal address (loopback, link-local, private, unspecified, carrier-grade
 *   NAT, multicast, reserved; IPv4-mapped forms too: address-class.ts) unless the allowlist
 *   (allow-internal.ts) allows that destination, on the first request and on every redirect;
 * - the address checked is the address connected to: the check runs inside the connection's own DNS
 *   lookup (node:http's `lookup` option) and only checked addresses are handed back to connect to,
 *   so a name that resolves to a public address once and to 127.0.0.1 the next time (DNS rebinding)
 *   cannot slip through. An IP-literal host is never looked up, so it is checked before connecting.
 *
 * Why node:http rather than fetch or a library: global fetch (undici) takes no per-request DNS
 * lookup without the undici package as a dependency, and node:http's `lookup` hook is exactly the
 * seam the check needs. Every request gets its own agent (`agent: false`): no pooled connection made
 * for another URL is reused. The answer is handed back as a WHATWG `Response` (body streamed), so
 * callers read it as they read fetch's; gzip, deflate and br bodies are decoded as fetch would.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { UserError } from "../common/errors.ts";
import { classifyAddress, describeAddress, type AddressClass } from "./address-class.ts";
import { ALLOW_INTERNAL_ENV, ALLOW_INTERNAL_KEY, allowEntryFor, AllowList, hostOf, portOf } from "./allow-internal.ts";

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** What guarded requests may reach. A stage makes it from modelship.yaml and the environment. */
export interface NetworkPolicy {
  /** The internal destinations that may be contacted (none by default). */
  allowInternal: AllowList;
  /**
   * Test seam, never user-configurable: resolves a host name to all its addresses (default
   * `dns.lookup` with `all`). Tests make a name resolve differently on the second lookup.
   */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /**
   * Test seam, never user-configurable: classifies an address (default `classifyAddress`). Tests use
   * it only to treat a loopback address such as 127.0.0.2 as a public origin.
   */
  classify?: (address: string) => AddressClass | undefined;
}

/** No internal destination allowed: the policy when a caller gives none. */
export const NO_INTERNAL: NetworkPolicy = { allowInternal: AllowList.NONE };

/** The hint every refusal of an internal destination ends with. */
export function allowInternalHint(url: URL): string {
  return `if this internal source is intended, add "${allowEntryFor(url)}" to ${ALLOW_INTERNAL_KEY} in modelship.yaml or to ${ALLOW_INTERNAL_ENV}`;
}

/** A URL as it may be shown: no credentials, query string or fragment. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** A URL written as text, redacted as far as it parses (for messages about URLs that do not parse). */
export function redactText(text: string): string {
  return text.replace(/\/\/[^/@]*@/, "//").replace(/[?#].*$/, "");
}

/**
 * Takes `user:pass@` out of `url` (which then holds none): the `Authorization: Basic …` value to send
 * to the URL's own origin only, and the strings (as written and decoded) messages must not show;
 * undefined when the URL has no credentials. A malformed percent escape is a UserError.
 */
export function takeCredentials(url: URL, what: string): { authorization: string; secrets: string[] } | undefined {
  if (url.username === "" && url.password === "") return undefined;
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw new UserError(`${what}: the credentials in the URL are not valid percent-encoding`, {
      hint: "percent-encode the user and password (e.g. @ as %40, % as %25)",
    });
  }
  const secrets = [url.username, url.password, user, password];
  url.username = "";
  url.password = "";
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`, secrets };
}

/**
 * Refuses a URL setting that does not parse or is not http(s), before anything is fetched: `setting`
 * names the flag or key, `hint` the fix. The message shows no credentials, query or fragment (a
 * token or a signature may hide there).
 */
export function checkHttpUrl(text: string, setting: string, hint: string, where: { file?: string; pointer?: string } = {}): void {
  const shown = redactText(text);
  let url: URL | undefined;
  try {
    // host:port/path alone parses as a URL of scheme "host:"; a URL here starts with scheme://.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined) throw new UserError(`${setting}: "${shown}" is not a URL`, { ...where, hint });
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UserError(`${setting}: ${shown} uses ${url.protocol}, which modelship does not request (only http: and https:)`, {
      ...where,
      hint,
    });
}

export interface GuardedRequestOptions {
  /** Names the work in messages, e.g. "downloading https://data.example.com/current.csv". */
  what: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The URL whose redirect this request follows; undefined for the first request of a chain. */
  redirectedFrom?: URL;
  /** The most bytes the (decoded) body may hold; the read fails with a UserError past it. Default: no limit. */
  maxBytes?: number;
  /** How long the connection may stay silent, before the answer or within its body (default {@link IDLE_TIMEOUT_MS}). */
  idleTimeoutMs?: number;
}

/** The default for `idleTimeoutMs`: fetch (undici) gives up on a silent server after 300 s; a run should not wait that long. */
export const IDLE_TIMEOUT_MS = 120_000;

/** The error a silent connection ends with: a `TimeoutError`, as `AbortSignal.timeout` raises. */
function idleTimeout(ms: number, url: URL): Error {
  return Object.assign(new Error(`${redactUrl(url)} sent nothing for ${ms / 1000} s`), { name: "TimeoutError" });
}

/** A pass-through that fails with a UserError once more than `maxBytes` have gone through it. */
function byteLimit(maxBytes: number, url: URL, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(
          new UserError(`${what}: ${redactUrl(url)} sent more than ${maxBytes} bytes (decoded), the most this download may hold`, {
            hint: "check the URL: it should name the file itself, and the server should not send more than it",
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}

/** "the first request" or "the redirect from https://…": which hop of a chain a request is. */
function hopOf(options: GuardedRequestOptions): string {
  return options.redirectedFrom === undefined ? "the first request" : `the redirect from ${redactUrl(options.redirectedFrom)}`;
}

/** The refusal of an internal destination, as the UserError the user sees. */
function internalRefusal(url: URL, options: GuardedRequestOptions, reason: string): UserError {
  return new UserError(
    `${options.what}: refused to connect to ${redactUrl(url)} (${hopOf(options)}): ${reason}; internal addresses need an allowlist entry`,
    { hint: allowInternalHint(url) },
  );
}

/**
 * Why following a redirect from `from` to `to` is refused (`to` is not http or https, or changes
 * the scheme), or undefined when it may be followed. The destination's address is checked when
 * the redirect is requested.
 */
export function redirectRefusal(from: URL, to: URL): string | undefined {
  if (to.protocol !== "http:" && to.protocol !== "https:") return `${to.protocol} is not supported`;
  if (to.protocol !== from.protocol) return `it changes the scheme from ${from.protocol.slice(0, -1)} to ${to.protocol.slice(0, -1)}`;
  return undefined;
}

/** Why `address` may not be connected to for `url`, or undefined when it may. */
function addressRefusal(policy: NetworkPolicy, url: URL, address: string): { kind: AddressClass } | undefined {
  const kind = (policy.classify ?? classifyAddress)(address);
  if (kind === undefined) return undefined;
  return policy.allowInternal.allows({ host: hostOf(url), port: portOf(url), address }) ? undefined : { kind };
}

async function defaultResolve(hostname: string): Promise<ResolvedAddress[]> {
  return (await dnsLookup(hostname, { all: true })) as ResolvedAddress[];
}

/** node:net's `lookup` for one request: resolves, keeps only the addresses the policy allows, refuses when none is left. */
function checkedLookup(policy: NetworkPolicy, url: URL, options: GuardedRequestOptions): LookupFunction {
  const resolve = policy.resolve ?? defaultResolve;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family =
          lookupOptions.family === 4 || lookupOptions.family === "IPv4"
            ? 4
            : lookupOptions.family === 6 || lookupOptions.family === "IPv6"
              ? 6
              : 0;
        const candidates = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
        if (candidates.length === 0) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), "", 0);
          return;
        }
        // Only addresses that pass go back to connect to: the check is on what is connected.
        const allowed = candidates.filter((entry) => addressRefusal(policy, url, entry.address) === undefined);
        if (allowed.length === 0) {
          const first = candidates[0]!;
          const kind = addressRefusal(policy, url, first.address)!.kind;
          const described = describeAddress(first.address, kind).replace(/^(\S+) is /, "$1, ");
          callback(internalRefusal(url, options, `${hostname} resolves to ${described}`), "", 0);
          return;
        }
        if (lookupOptions.all === true) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      },
      (error: unknown) => {
        callback(error as NodeJS.ErrnoException, "", 0);
      },
    );
  };
}

/** Statuses whose answers have no body (a Response refuses one). */
const NULL_BODY = new Set([204, 205, 304]);

/** The answer as a WHATWG Response, its body streamed (and decoded, as fetch decodes it, then limited to `maxBytes`). */
function toResponse(message: IncomingMessage, url: URL, options: GuardedRequestOptions): Response {
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    message.destroy();
    throw new Error(`the server answered with HTTP status ${status}`);
  }
  const headers = new Headers();
  for (let index = 0; index + 1 < message.rawHeaders.length; index += 2)
    headers.append(message.rawHeaders[index]!, message.rawHeaders[index + 1]!);
  const init = { status, statusText: message.statusMessage ?? "", headers };
  if (NULL_BODY.has(status)) {
    message.resume();
    return new Response(null, init);
  }
  const encoding = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  const stages: NodeJS.ReadWriteStream[] = [
    ...(decoder === undefined ? [] : [decoder]),
    ...(options.maxBytes === undefined ? [] : [byteLimit(options.maxBytes, url, options.what)]),
  ];
  const body: Readable =
    stages.length === 0
      ? message
      : (pipeline([message, ...stages], () => {
          // Errors reach the reader through the last stage.
        }) as unknown as Readable);
  return new Response(Readable.toWeb(body), init);
}

/**
 * The refusal of a URL whose host is an IP literal of an internal address the policy does not allow
 * (decided without a lookup); undefined for any other URL, a host name included.
 */
export function literalRefusal(url: URL, policy: NetworkPolicy, options: GuardedRequestOptions): UserError | undefined {
  const host = hostOf(url);
  if (isIP(host) === 0) return undefined;
  const refused = addressRefusal(policy, url, host);
  return refused === undefined ? undefined : internalRefusal(url, options, describeAddress(host, refused.kind));
}

/**
 * One GET of `url`, redirects not followed (a 3xx comes back as it is). UserError when the scheme is
 * not http or https, or the destination is an internal address the policy does not allow; a
 * network error is thrown as node:http throws it.
 */
export async function guardedGet(url: URL, policy: NetworkPolicy, options: GuardedRequestOptions): Promise<Response> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(`${options.what}: refused to request ${redactUrl(url)} (${hopOf(options)}): ${url.protocol} is not supported`, {
      hint: "use an https:// URL",
    });
  }
  // Node connects to an IP literal without a lookup: check it here.
  const refused = literalRefusal(url, policy, options);
  if (refused !== undefined) throw refused;
  const host = hostOf(url);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  return new Promise<Response>((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const outgoing = request(
      {
        protocol: url.protocol,
        hostname: host,
        port: portOf(url),
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: options.headers ?? {},
        agent: false,
        lookup: checkedLookup(policy, url, options),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      (message) => {
        answer = message;
        try {
          resolve(toResponse(message, url, options));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    );
    // The socket's idle timer runs before the answer and while its body streams.
    outgoing.setTimeout(idleMs, () => {
      const error = idleTimeout(idleMs, url);
      answer?.destroy(error);
      outgoing.destroy(error);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

/** The most redirects `guardedGetFollowing` follows by default. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FollowingOptions extends GuardedRequestOptions {
  /** Headers for any origin but the first URL's (the first origin gets `headers`); default none. */
  foreignHeaders?: Record<string, string>;
  maxRedirects?: number;
}

/**
 * A GET that follows redirects, each hop guarded as `guardedGet` guards it and refused when it
 * changes the scheme. `headers` go only to the first URL's origin; once a redirect leaves it, the
 * rest of the chain gets `foreignHeaders`. Returns the last answer and the URL that gave it.
 */
export async function guardedGetFollowing(
  url: URL,
  policy: NetworkPolicy,
  options: FollowingOptions,
): Promise<{ response: Response; url: URL }> {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const hint = "use the final URL, or ask its owner to fix the redirect";
  let current = url;
  let from = options.redirectedFrom;
  let ownOrigin = true;
  for (let redirects = 0; ; redirects++) {
    const response = await guardedGet(current, policy, {
      what: options.what,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
      headers: ownOrigin ? (options.headers ?? {}) : (options.foreignHeaders ?? {}),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(from === undefined ? {} : { redirectedFrom: from }),
    });
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, url: current };
    await response.body?.cancel().catch(() => undefined);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new UserError(`${options.what}: ${redactUrl(current)} redirected to an invalid URL`, { hint });
    }
    next.username = "";
    next.password = "";
    next.hash = "";
    const route = `from ${redactUrl(current)} to ${redactUrl(next)}`;
    const internal = literalRefusal(next, policy, { what: options.what, redirectedFrom: current });
    if (internal !== undefined) throw internal;
    const refusal = redirectRefusal(current, next);
    if (refusal !== undefined) throw new UserError(`${options.what}: the redirect ${route} was not followed: ${refusal}`, { hint });
    if (redirects >= maxRedirects)
      throw new UserError(`${options.what}: redirected more than ${maxRedirects} times (last ${route})`, { hint });
    if (next.origin !== url.origin) ownOrigin = false;
    from = current;
    current = next;
  }
}
