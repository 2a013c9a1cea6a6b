/**
 * Which proxy a request goes through, from the environment, by one rule for every HTTP client
 * modelship uses (the GitHub client in github/octokit.ts, guarded downloads in net/safe-http.ts:
 * Prometheus, drift data, release assets). git reads the same variables itself, through libcurl.
 * It lives in common/ because both github/ and net/ need it.
 *
 * The rule is undici's `EnvHttpProxyAgent`, the one Node's own `NODE_USE_ENV_PROXY` uses
 * (https://github.com/nodejs/undici/blob/main/docs/docs/api/EnvHttpProxyAgent.md), which Node
 * 22.17 lacks, hence our own:
 *
 * - http: URLs use `http_proxy`, else `HTTP_PROXY`; https: URLs use `https_proxy`, else
 *   `HTTPS_PROXY`, else the http proxy. The lowercase form wins when both are set, as in undici
 *   and curl (https://everything.curl.dev/usingcurl/proxies/env; curl, and so git, reads
 *   `http_proxy` in lowercase only); a lowercase variable set to "" turns the proxy off even when
 *   the uppercase one is set (for https, it falls back to the http proxy, as undici does).
 * - `no_proxy`, else `NO_PROXY`: comma- or space-separated entries; `*` alone bypasses every host;
 *   `example.com`, `.example.com` and `*.example.com` bypass that host and its subdomains;
 *   `host:port` only on that port; IP addresses compare as addresses (`::1`, `[::1]`), and a CIDR
 *   range (`10.0.0.0/8`) bypasses IP-literal hosts in it, as curl 7.86+ does. Loopback is NOT
 *   bypassed unless listed (undici and curl do the same), so add `localhost,127.0.0.1,::1` there.
 */
import { BlockList, isIP } from "node:net";
import { UserError } from "./errors.ts";

/** The variables read, lowercase first. */
export const PROXY_ENV = {
  http: ["http_proxy", "HTTP_PROXY"],
  https: ["https_proxy", "HTTPS_PROXY"],
  noProxy: ["no_proxy", "NO_PROXY"],
} as const;

/** The proxy a request goes through, and the variable that named it (for messages). */
export interface ProxyChoice {
  /** The proxy's URL: http: or https:, with credentials if the variable had them. */
  url: URL;
  variable: string;
}

/** The first of `names` that is set (an empty value counts as set), with its value. */
function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/**
 * The proxy for `target`, or undefined for a direct connection (no proxy set, or NO_PROXY names the
 * host). UserError when the variable that applies is not an http:// or https:// URL.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): ProxyChoice | undefined {
  if (target.protocol !== "http:" && target.protocol !== "https:") return undefined;
  const http = firstSet(env, PROXY_ENV.http);
  const https = firstSet(env, PROXY_ENV.https);
  // undici: https falls back to the http proxy when no https proxy is set (empty counts as unset there).
  const chosen = target.protocol === "https:" && https !== undefined && https.value !== "" ? https : http;
  if (chosen === undefined || chosen.value.trim() === "") return undefined;
  if (bypassesProxy(target, firstSet(env, PROXY_ENV.noProxy)?.value ?? "")) return undefined;
  return { url: parseProxyUrl(chosen.value.trim(), chosen.name), variable: chosen.name };
}

/** A proxy variable's value as a URL; a bare `host:port` means http://host:port, as curl reads it. */
export function parseProxyUrl(value: string, variable: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const shown = shownValue(value);
  if (url === undefined || url.hostname === "")
    throw new UserError(`${variable}: "${shown}" is not a proxy URL`, {
      hint: `set ${variable} to the proxy's URL, e.g. http://proxy.example.com:3128 (or unset it)`,
    });
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UserError(`${variable}: ${url.protocol} proxies are not supported (only http:// and https://)`, {
      hint: `set ${variable} to an http:// or https:// proxy URL (SOCKS proxies are not supported)`,
    });
  return url;
}

/**
 * A proxy variable's value as a message may show it. With an `@` anywhere, only the scheme and what
 * follows the LAST `@` (the host): a password may hold `/`, `:` or an unencoded `@`, and a URL that
 * does not parse has no userinfo to cut out reliably. Without one, it holds no credentials.
 */
function shownValue(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 0) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? "";
  return `${scheme}…@${value.slice(at + 1)}`;
}

/** Whether the NO_PROXY value `noProxy` says `target` is reached directly. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter((entry) => entry !== "");
  if (entries.length === 0) return false;
  if (noProxy.trim() === "*") return true;
  const host = target.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase()
    .replace(/\.$/, "");
  const port = target.port !== "" ? Number(target.port) : target.protocol === "https:" ? 443 : 80;
  const hostFamily = isIP(host) === 4 ? "ipv4" : isIP(host) === 6 ? "ipv6" : undefined;
  // BlockList compares addresses as addresses: "::1" and "0:0::1" match, and an IPv4-mapped host matches its IPv4 entry.
  const inList = (add: (list: BlockList) => void): boolean => {
    if (hostFamily === undefined) return false;
    const list = new BlockList();
    try {
      add(list);
    } catch {
      return false; // not an address or range: matches no IP-literal host
    }
    return list.check(host, hostFamily);
  };
  return entries.some((raw) => {
    const entry = raw.toLowerCase();
    if (entry === "*") return true;
    const slash = entry.indexOf("/");
    if (slash >= 0) {
      const base = entry.slice(0, slash);
      const prefix = Number(entry.slice(slash + 1));
      const family = isIP(base);
      return (
        family !== 0 &&
        Number.isInteger(prefix) &&
        inList((list) => {
          list.addSubnet(base, prefix, family === 4 ? "ipv4" : "ipv6");
        })
      );
    }
    // "[::1]:8080", "[::1]", "host:8080", "::1" (an IPv6 address is never read as host:port unbracketed).
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    let name = entry;
    let entryPort: number | undefined;
    if (bracketed !== null) {
      name = bracketed[1]!;
      entryPort = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
    } else if (isIP(entry) === 0) {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      if (withPort !== null) {
        name = withPort[1]!;
        entryPort = Number(withPort[2]);
      }
    }
    if (entryPort !== undefined && entryPort !== port) return false;
    const family = isIP(name);
    if (family !== 0)
      return inList((list) => {
        list.addAddress(name, family === 4 ? "ipv4" : "ipv6");
      });
    const suffix = name.replace(/^\*?\./, "").replace(/\.$/, "");
    return suffix !== "" && (host === suffix || host.endsWith(`.${suffix}`));
  });
}

/** The `Proxy-Authorization` value for a proxy URL's credentials, or undefined when it has none. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (proxy.username === "" && proxy.password === "") return undefined;
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return `Basic ${Buffer.from(`${decode(proxy.username)}:${decode(proxy.password)}`).toString("base64")}`;
}

/** A proxy URL as it may be shown: no credentials. */
export function shownProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}
