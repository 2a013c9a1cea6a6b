import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ALLOW_INTERNAL_ENV,
  ALLOW_INTERNAL_KEY,
  AllowList,
  allowEntryFor,
  classifyAddress,
  describeAddress,
  hostOf,
  portOf
} from "./chunk-ZX6A6IWO.js";
import {
  proxyAuthorization,
  proxyFor,
  shownProxy
} from "./chunk-7W4PFK2E.js";
import {
  progressSink
} from "./chunk-QRTANFC2.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/net/safe-http.ts
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest2 } from "node:http";
import { request as httpsRequest2 } from "node:https";
import { isIP } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { pipeline, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

// src/net/proxy-tunnel.ts
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
function proxyHint(proxy) {
  return `check the proxy URL and its credentials in ${proxy.variable}, or add the host to NO_PROXY if it should be reached directly (see docs/proxies.md)`;
}
var PORT_REFUSALS = /* @__PURE__ */ new Set([403, 405, 501]);
function openTunnel(proxy, authority, options) {
  const request = proxy.url.protocol === "https:" ? httpsRequest : httpRequest;
  const authorization = proxyAuthorization(proxy.url);
  return new Promise((resolve, reject) => {
    const connect = request({
      hostname: proxy.url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: proxy.url.port === "" ? proxy.url.protocol === "https:" ? 443 : 80 : Number(proxy.url.port),
      method: "CONNECT",
      path: authority,
      agent: false,
      headers: { Host: authority, ...authorization === void 0 ? {} : { "Proxy-Authorization": authorization } },
      ...options.ca === void 0 ? {} : { ca: options.ca },
      ...options.signal === void 0 ? {} : { signal: options.signal }
    });
    if (options.idleTimeoutMs !== void 0) {
      const ms = options.idleTimeoutMs;
      connect.setTimeout(ms, () => {
        connect.destroy(
          options.timeoutError?.() ?? Object.assign(new Error(`the proxy ${shownProxy(proxy.url)} sent nothing for ${ms / 1e3} s`), { name: "TimeoutError" })
        );
      });
    }
    connect.on("connect", (answer, socket, head) => {
      socket.setTimeout(0);
      const status = answer.statusCode ?? 0;
      if (status < 200 || status > 299) {
        socket.destroy();
        reject(refusal(proxy, authority, options.what, options.target, status));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    connect.on("response", (answer) => {
      answer.resume();
      reject(
        new UserError(
          `${options.what}: the proxy ${shownProxy(proxy.url)} (${proxy.variable}) did not open a tunnel to ${authority}: HTTP ${answer.statusCode ?? 0}`,
          {
            hint: proxyHint(proxy)
          }
        )
      );
    });
    connect.on("error", reject);
    connect.end();
  });
}
function refusal(proxy, authority, what, target, status) {
  const message = `${what}: the proxy ${shownProxy(proxy.url)} (${proxy.variable}) refused to connect to ${authority}: HTTP ${status}`;
  if (status === 407) return new UserError(`${message} (proxy authentication required)`, { hint: proxyHint(proxy) });
  const port = Number(/:(\d+)$/.exec(authority)?.[1] ?? "443");
  if (port !== 443 && PORT_REFUSALS.has(status)) {
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    return new UserError(`${message}; proxies often allow CONNECT only to port 443, and modelship tunnels every guarded request`, {
      hint: `use the https:// URL on port 443 if the server has one, or add ${host} to NO_PROXY (or no_proxy) if the runner reaches it directly; see docs/proxies.md`
    });
  }
  return new UserError(message, { hint: proxyHint(proxy) });
}

// src/net/safe-http.ts
var NO_INTERNAL = { allowInternal: AllowList.NONE };
function allowInternalHint(url) {
  return `if this internal source is intended, add "${allowEntryFor(url)}" to ${ALLOW_INTERNAL_KEY} in modelship.yaml or to ${ALLOW_INTERNAL_ENV}`;
}
function redactUrl(url) {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
function redactText(text) {
  return text.replace(/[?#].*$/, "").replace(/\/\/.*@/, "//");
}
function takeCredentials(url, what) {
  if (url.username === "" && url.password === "") return void 0;
  let user;
  let password;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw new UserError(`${what}: the credentials in the URL are not valid percent-encoding`, {
      hint: "percent-encode the user and password (e.g. @ as %40, % as %25)"
    });
  }
  const secrets = [url.username, url.password, user, password];
  url.username = "";
  url.password = "";
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`, secrets };
}
function checkHttpUrl(text, setting, hint, where = {}) {
  const shown = redactText(text);
  let url;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) url = new URL(text);
  } catch {
    url = void 0;
  }
  if (url === void 0) throw new UserError(`${setting}: "${shown}" is not a URL`, { ...where, hint });
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UserError(`${setting}: ${shown} uses ${url.protocol}, which modelship does not request (only http: and https:)`, {
      ...where,
      hint
    });
}
var IDLE_TIMEOUT_MS = 12e4;
function idleTimeout(ms, url) {
  return Object.assign(new Error(`${redactUrl(url)} sent nothing for ${ms / 1e3} s`), { name: "TimeoutError" });
}
function byteLimit(maxBytes, url, what) {
  let seen = 0;
  return new Transform({
    transform(chunk, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(
          new UserError(`${what}: ${redactUrl(url)} sent more than ${maxBytes} bytes (decoded), the most this download may hold`, {
            hint: "check the URL: it should name the file itself, and the server should not send more than it"
          })
        );
        return;
      }
      callback(null, chunk);
    }
  });
}
function byteProgress(sink, task, total) {
  let done = 0;
  return new Transform({
    transform(chunk, _encoding, callback) {
      done += chunk.length;
      sink({ task, done, ...total === void 0 ? {} : { total }, unit: "bytes" });
      callback(null, chunk);
    }
  });
}
function hopOf(options) {
  return options.redirectedFrom === void 0 ? "the first request" : `the redirect from ${redactUrl(options.redirectedFrom)}`;
}
function internalRefusal(url, options, reason) {
  return new UserError(
    `${options.what}: refused to connect to ${redactUrl(url)} (${hopOf(options)}): ${reason}; internal addresses need an allowlist entry`,
    { hint: allowInternalHint(url) }
  );
}
function redirectRefusal(from, to) {
  if (to.protocol !== "http:" && to.protocol !== "https:") return `${to.protocol} is not supported`;
  if (to.protocol !== from.protocol) return `it changes the scheme from ${from.protocol.slice(0, -1)} to ${to.protocol.slice(0, -1)}`;
  return void 0;
}
function addressRefusal(policy, url, address) {
  const kind = (policy.classify ?? classifyAddress)(address);
  if (kind === void 0) return void 0;
  return policy.allowInternal.allows({ host: hostOf(url), port: portOf(url), address }) ? void 0 : { kind };
}
async function defaultResolve(hostname) {
  return await dnsLookup(hostname, { all: true });
}
async function checkedAddresses(policy, url, options, hostname, family) {
  const addresses = await (policy.resolve ?? defaultResolve)(hostname);
  const candidates = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
  if (candidates.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
  const allowed = candidates.filter((entry) => addressRefusal(policy, url, entry.address) === void 0);
  const refused = candidates.find((entry) => addressRefusal(policy, url, entry.address) !== void 0);
  if (refused !== void 0 && allowed.length === 0) {
    const kind = addressRefusal(policy, url, refused.address).kind;
    const described = describeAddress(refused.address, kind).replace(/^(\S+) is /, "$1, ");
    throw internalRefusal(url, options, `${hostname} resolves to ${described}`);
  }
  return allowed;
}
function checkedLookup(policy, url, options) {
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions.family === 4 || lookupOptions.family === "IPv4" ? 4 : lookupOptions.family === 6 || lookupOptions.family === "IPv6" ? 6 : 0;
    checkedAddresses(policy, url, options, hostname, family).then(
      (allowed) => {
        if (lookupOptions.all === true) callback(null, allowed);
        else callback(null, allowed[0].address, allowed[0].family);
      },
      (error) => {
        callback(error, "", 0);
      }
    );
  };
}
var NULL_BODY = /* @__PURE__ */ new Set([204, 205, 304]);
function toResponse(message, url, options) {
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    message.destroy();
    throw new Error(`the server answered with HTTP status ${status}`);
  }
  const headers = new Headers();
  for (let index = 0; index + 1 < message.rawHeaders.length; index += 2)
    headers.append(message.rawHeaders[index], message.rawHeaders[index + 1]);
  const init = { status, statusText: message.statusMessage ?? "", headers };
  if (NULL_BODY.has(status)) {
    message.resume();
    return new Response(null, init);
  }
  const encoding = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? createGunzip() : encoding === "deflate" ? createInflate() : encoding === "br" ? createBrotliDecompress() : void 0;
  const progress = progressSink();
  const total = Number(headers.get("content-length") ?? Number.NaN);
  const stages = [
    // Bytes as sent (before decoding), as content-length counts them: only when a face draws progress.
    ...progress === void 0 ? [] : [byteProgress(progress, `downloading ${redactUrl(url)}`, Number.isFinite(total) ? total : void 0)],
    ...decoder === void 0 ? [] : [decoder],
    ...options.maxBytes === void 0 ? [] : [byteLimit(options.maxBytes, url, options.what)]
  ];
  const body = stages.length === 0 ? message : pipeline([message, ...stages], () => {
  });
  return new Response(webStream(body), init);
}
function webStream(body) {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    },
    cancel(reason) {
      body.destroy(reason instanceof Error ? reason : void 0);
    }
  });
}
function literalRefusal(url, policy, options) {
  const host = hostOf(url);
  if (isIP(host) === 0) return void 0;
  const refused = addressRefusal(policy, url, host);
  return refused === void 0 ? void 0 : internalRefusal(url, options, describeAddress(host, refused.kind));
}
async function guardedGet(url, policy, options) {
  return guardedRequest(url, policy, options);
}
async function guardedRequest(url, policy, options) {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(`${options.what}: refused to request ${redactUrl(url)} (${hopOf(options)}): ${url.protocol} is not supported`, {
      hint: "use an https:// URL"
    });
  }
  const refused = literalRefusal(url, policy, options);
  if (refused !== void 0) throw refused;
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const proxy = proxyFor(url, policy.env ?? process.env);
  const target = proxy === void 0 ? directTarget(url, policy, options) : await proxiedTarget(url, proxy, policy, options, idleMs);
  return new Promise((resolve, reject) => {
    let answer;
    const outgoing = target.request(
      {
        ...target.options,
        method: options.method ?? "GET",
        headers: {
          ...options.headers ?? {},
          ...options.body === void 0 ? {} : { "Content-Length": String(options.body.byteLength) },
          ...target.headers
        },
        ...options.signal === void 0 ? {} : { signal: options.signal }
      },
      (message) => {
        answer = message;
        try {
          resolve(toResponse(message, url, options));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    );
    outgoing.setTimeout(idleMs, () => {
      const error = idleTimeout(idleMs, url);
      answer?.destroy(error);
      outgoing.destroy(error);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}
function directTarget(url, policy, options) {
  return {
    request: url.protocol === "https:" ? httpsRequest2 : httpRequest2,
    options: {
      protocol: url.protocol,
      hostname: hostOf(url),
      port: portOf(url),
      path: `${url.pathname}${url.search}`,
      lookup: checkedLookup(policy, url, options),
      agent: false,
      ...policy.ca === void 0 ? {} : { ca: policy.ca }
    },
    headers: {}
  };
}
async function proxiedTarget(url, proxy, policy, options, idleMs) {
  const host = hostOf(url);
  const port = portOf(url);
  const literal = isIP(host) !== 0;
  const address = literal ? host : (await checkedAddresses(policy, url, options, host, 0))[0].address;
  const authority = `${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
  const secure = url.protocol === "https:";
  const createConnection = (_options, done) => {
    openTunnel(proxy, authority, {
      what: options.what,
      target: url,
      idleTimeoutMs: idleMs,
      timeoutError: () => idleTimeout(idleMs, url),
      ...options.signal === void 0 ? {} : { signal: options.signal }
    }).then(
      (socket) => {
        if (!secure) {
          done(null, socket);
          return;
        }
        const tls = tlsConnect({
          socket,
          ...literal ? { host } : { servername: host, host },
          ALPNProtocols: ["http/1.1"],
          ...policy.ca === void 0 ? {} : { ca: policy.ca }
        });
        done(null, tls);
      },
      (error) => {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    );
    return void 0;
  };
  return {
    request: secure ? httpsRequest2 : httpRequest2,
    options: {
      hostname: host,
      port,
      path: `${url.pathname}${url.search}`,
      createConnection
    },
    headers: { Host: url.host }
  };
}
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function guardedGetFollowing(url, policy, options) {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const hint = "use the final URL, or ask its owner to fix the redirect";
  let current = url;
  let from = options.redirectedFrom;
  let ownOrigin = true;
  for (let redirects = 0; ; redirects++) {
    const response = await guardedGet(current, policy, {
      what: options.what,
      ...options.maxBytes === void 0 ? {} : { maxBytes: options.maxBytes },
      ...options.idleTimeoutMs === void 0 ? {} : { idleTimeoutMs: options.idleTimeoutMs },
      headers: ownOrigin ? options.headers ?? {} : options.foreignHeaders ?? {},
      ...options.signal === void 0 ? {} : { signal: options.signal },
      ...from === void 0 ? {} : { redirectedFrom: from }
    });
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, url: current };
    await response.body?.cancel().catch(() => void 0);
    let next;
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
    if (internal !== void 0) throw internal;
    const refusal2 = redirectRefusal(current, next);
    if (refusal2 !== void 0) throw new UserError(`${options.what}: the redirect ${route} was not followed: ${refusal2}`, { hint });
    if (redirects >= maxRedirects)
      throw new UserError(`${options.what}: redirected more than ${maxRedirects} times (last ${route})`, { hint });
    if (next.origin !== url.origin) ownOrigin = false;
    from = current;
    current = next;
  }
}

export {
  NO_INTERNAL,
  redactUrl,
  redactText,
  takeCredentials,
  checkHttpUrl,
  redirectRefusal,
  literalRefusal,
  guardedGet,
  guardedRequest,
  guardedGetFollowing
};
