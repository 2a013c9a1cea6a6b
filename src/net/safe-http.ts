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
 * - through a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY: common/proxy-env.ts) the TARGET is still checked,
 *   never the proxy (a proxy is usually internal, and that is fine). The target is resolved here,
 *   its addresses checked, and the proxy is asked to CONNECT to the checked IP literal, for https
 *   and plain http alike; inside the tunnel TLS (SNI and the certificate check) and Host still name
 *   the host. The proxy resolves nothing, so DNS rebinding between our check and its connection is
 *   impossible. Plain http is never forwarded in absolute form: the proxy would resolve the name
 *   again, and a name that rebinds to an address inside the proxy's network would reach it. A proxy
 *   that allows CONNECT only to port 443 refuses a plain-http target; the error says to use https or
 *   NO_PROXY (proxy-tunnel.ts).
 *
 * Why node:http rather than fetch or undici (which the GitHub client uses for its proxy): node:http's
 * `lookup` hook and `createConnection` are exactly the seams the check needs, directly and through a
 * CONNECT tunnel (proxy-tunnel.ts), where undici's ProxyAgent would CONNECT to the name. Every request gets its own agent (`agent: false`): no pooled connection made
 * for another URL is reused. The answer is handed back as a WHATWG `Response` (body streamed), so
 * callers read it as they read fetch's; gzip, deflate and br bodies are decoded as fetch would.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { pipeline, Transform, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { UserError } from "../common/errors.ts";
import { progressSink, type ProgressSink } from "../common/progress.ts";
import { classifyAddress, describeAddress, type AddressClass } from "./address-class.ts";
import { ALLOW_INTERNAL_ENV, ALLOW_INTERNAL_KEY, allowEntryFor, AllowList, hostOf, portOf } from "./allow-internal.ts";
import { proxyFor, type ProxyChoice } from "../common/proxy-env.ts";
import { openTunnel } from "./proxy-tunnel.ts";

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
  /** Test seam, never user-configurable: the environment the proxy variables are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Test seam, never user-configurable: the CA certificates https targets are checked against (default Node's). */
  ca?: string;
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

/**
 * A URL written as text, redacted as far as it parses (for messages about URLs that do not parse):
 * no query or fragment, and nothing between `//` and the LAST `@` (a password may hold `/` or `@`).
 */
export function redactText(text: string): string {
  return text.replace(/[?#].*$/, "").replace(/\/\/.*@/, "//");
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

/** A pass-through reporting the bytes that went through it to a progress sink (a face's progress bar). */
function byteProgress(sink: ProgressSink, task: string, total: number | undefined): Transform {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      sink({ task, done, ...(total === undefined ? {} : { total }), unit: "bytes" });
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

/**
 * The addresses `hostname` resolves to that the policy allows `url` to connect to (of `family`, 0
 * for any); a refusal when none is left.
 */
async function checkedAddresses(
  policy: NetworkPolicy,
  url: URL,
  options: GuardedRequestOptions,
  hostname: string,
  family: 0 | 4 | 6,
): Promise<ResolvedAddress[]> {
  const addresses = await (policy.resolve ?? defaultResolve)(hostname);
  const candidates = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
  if (candidates.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
  // Only addresses that pass go back to connect to: the check is on what is connected.
  const allowed = candidates.filter((entry) => addressRefusal(policy, url, entry.address) === undefined);
  const refused = candidates.find((entry) => addressRefusal(policy, url, entry.address) !== undefined);
  if (refused !== undefined && allowed.length === 0) {
    const kind = addressRefusal(policy, url, refused.address)!.kind;
    const described = describeAddress(refused.address, kind).replace(/^(\S+) is /, "$1, ");
    throw internalRefusal(url, options, `${hostname} resolves to ${described}`);
  }
  return allowed;
}

/** node:net's `lookup` for one request: resolves, keeps only the addresses the policy allows, refuses when none is left. */
function checkedLookup(policy: NetworkPolicy, url: URL, options: GuardedRequestOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const family =
      lookupOptions.family === 4 || lookupOptions.family === "IPv4"
        ? 4
        : lookupOptions.family === 6 || lookupOptions.family === "IPv6"
          ? 6
          : 0;
    checkedAddresses(policy, url, options, hostname, family).then(
      (allowed) => {
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
  const progress = progressSink();
  const total = Number(headers.get("content-length") ?? Number.NaN);
  const stages: NodeJS.ReadWriteStream[] = [
    // Bytes as sent (before decoding), as content-length counts them: only when a face draws progress.
    ...(progress === undefined
      ? []
      : [byteProgress(progress, `downloading ${redactUrl(url)}`, Number.isFinite(total) ? total : undefined)]),
    ...(decoder === undefined ? [] : [decoder]),
    ...(options.maxBytes === undefined ? [] : [byteLimit(options.maxBytes, url, options.what)]),
  ];
  const body: Readable =
    stages.length === 0
      ? message
      : (pipeline([message, ...stages], () => {
          // Errors reach the reader through the last stage.
        }) as unknown as Readable);
  return new Response(webStream(body), init);
}

/**
 * A node stream as a web stream, pulled chunk by chunk. Not `Readable.toWeb`: on a stream that
 * `pipeline` returned, its adapter may still push a chunk after the reader cancelled, and that
 * throws `ERR_INVALID_STATE` ("Controller is already closed") out of the event loop.
 */
function webStream(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    },
    cancel(reason) {
      body.destroy(reason instanceof Error ? reason : undefined);
    },
  });
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
  return guardedRequest(url, policy, options);
}

/** What a request other than a GET sends (an OCI registry's HEAD, POST and PUT: net/oci-client.ts). */
export interface GuardedSendOptions extends GuardedRequestOptions {
  /** Default GET. */
  method?: "GET" | "HEAD" | "POST" | "PUT";
  /** The request body, sent whole with its Content-Length. */
  body?: Uint8Array;
}

/** One request of `url`, guarded as {@link guardedGet} is; redirects not followed. */
export async function guardedRequest(url: URL, policy: NetworkPolicy, options: GuardedSendOptions): Promise<Response> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(`${options.what}: refused to request ${redactUrl(url)} (${hopOf(options)}): ${url.protocol} is not supported`, {
      hint: "use an https:// URL",
    });
  }
  // Node connects to an IP literal without a lookup: check it here.
  const refused = literalRefusal(url, policy, options);
  if (refused !== undefined) throw refused;
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const proxy = proxyFor(url, policy.env ?? process.env);
  const target = proxy === undefined ? directTarget(url, policy, options) : await proxiedTarget(url, proxy, policy, options, idleMs);
  return new Promise<Response>((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const outgoing = target.request(
      {
        ...target.options,
        method: options.method ?? "GET",
        headers: {
          ...(options.headers ?? {}),
          ...(options.body === undefined ? {} : { "Content-Length": String(options.body.byteLength) }),
          ...target.headers,
        },
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
    // The socket's idle timer runs before the answer and while its body streams (a tunnel's CONNECT has its own: proxiedTarget).
    outgoing.setTimeout(idleMs, () => {
      const error = idleTimeout(idleMs, url);
      answer?.destroy(error);
      outgoing.destroy(error);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/**
 * How one guarded GET is sent: which client, to where, with which extra headers. Every request gets
 * its own agent (`agent: false`) or, through a tunnel, its own connection (`createConnection`, which
 * node:http ignores beside `agent: false`): no pooled connection is reused.
 */
interface Target {
  request: typeof httpRequest;
  options: RequestOptions;
  headers: Record<string, string>;
}

/** Straight to the host: the connection's own lookup checks every address it connects to. */
function directTarget(url: URL, policy: NetworkPolicy, options: GuardedRequestOptions): Target {
  return {
    request: url.protocol === "https:" ? httpsRequest : httpRequest,
    options: {
      protocol: url.protocol,
      hostname: hostOf(url),
      port: portOf(url),
      path: `${url.pathname}${url.search}`,
      lookup: checkedLookup(policy, url, options),
      agent: false,
      ...(policy.ca === undefined ? {} : { ca: policy.ca }),
    },
    headers: {},
  };
}

/**
 * Through `proxy`, the target checked here (the proxy's own address is not checked): resolve, check,
 * CONNECT to the first allowed IP literal, then (https) TLS naming the host, or (http) the plain
 * request in origin form with Host naming it. Proxy-Authorization goes on the CONNECT only, never
 * inside the tunnel (the origin would see it). The CONNECT is under the same idle timeout as the rest.
 */
async function proxiedTarget(
  url: URL,
  proxy: ProxyChoice,
  policy: NetworkPolicy,
  options: GuardedRequestOptions,
  idleMs: number,
): Promise<Target> {
  const host = hostOf(url);
  const port = portOf(url);
  const literal = isIP(host) !== 0;
  const address = literal ? host : (await checkedAddresses(policy, url, options, host, 0))[0]!.address;
  const authority = `${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
  const secure = url.protocol === "https:";
  const createConnection = (_options: unknown, done: (error: Error | null, socket?: Socket) => void): undefined => {
    openTunnel(proxy, authority, {
      what: options.what,
      target: url,
      idleTimeoutMs: idleMs,
      timeoutError: () => idleTimeout(idleMs, url),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }).then(
      (socket) => {
        if (!secure) {
          done(null, socket);
          return;
        }
        // SNI and the certificate check name the host, as a direct connection would; an IP-literal host has no SNI.
        const tls = tlsConnect({
          socket,
          ...(literal ? { host } : { servername: host, host }),
          ALPNProtocols: ["http/1.1"],
          ...(policy.ca === undefined ? {} : { ca: policy.ca }),
        });
        done(null, tls);
      },
      (error: unknown) => {
        done(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return undefined;
  };
  return {
    request: secure ? httpsRequest : httpRequest,
    options: {
      hostname: host,
      port,
      path: `${url.pathname}${url.search}`,
      createConnection: createConnection as RequestOptions["createConnection"],
    },
    headers: { Host: url.host },
  };
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
