/**
 * A CONNECT tunnel through an HTTP(S) proxy (RFC 9110 §9.3.6), for every guarded request: the
 * socket it gives back reaches `authority` through the proxy, and the caller speaks TLS (https) or
 * plain HTTP (http) over it. The proxy itself may be an internal address (a proxy usually is); what
 * it is asked to CONNECT to is the caller's to check. Plain http goes through CONNECT too, to the
 * address the caller checked, because a forwarded (absolute-form) request would make the proxy
 * resolve the name again, and a rebinding name would then reach the proxy's own network.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { UserError } from "../common/errors.ts";
import { proxyAuthorization, shownProxy, type ProxyChoice } from "../common/proxy-env.ts";

/** The hint for every failure that the proxy setting may explain. */
export function proxyHint(proxy: ProxyChoice): string {
  return `check the proxy URL and its credentials in ${proxy.variable}, or add the host to NO_PROXY if it should be reached directly (see docs/proxies.md)`;
}

/** Statuses with which proxies refuse CONNECT to a port (squid's default `deny CONNECT !SSL_ports` answers 403). */
const PORT_REFUSALS = new Set([403, 405, 501]);

export interface TunnelOptions {
  what: string;
  /** The URL requested through the tunnel: its host is what a refusal's hint names for NO_PROXY. */
  target: URL;
  signal?: AbortSignal;
  ca?: string | Buffer;
  /**
   * How long the proxy may stay silent before it answers CONNECT; then the request is destroyed with
   * `timeoutError()` (the error the caller's own idle timeout raises). Default: no limit.
   */
  idleTimeoutMs?: number;
  timeoutError?: () => Error;
}

/**
 * Opens a tunnel to `authority` (`host:port`, an IPv6 host in brackets) through `proxy`. UserError
 * when the proxy answers anything but 2xx (a 407 names the credentials; a refusal of a port other
 * than 443 says to use https or NO_PROXY); the timeout error when the proxy stays silent past
 * `idleTimeoutMs`; a network error as node:http raises it.
 */
export function openTunnel(proxy: ProxyChoice, authority: string, options: TunnelOptions): Promise<Socket> {
  const request = proxy.url.protocol === "https:" ? httpsRequest : httpRequest;
  const authorization = proxyAuthorization(proxy.url);
  return new Promise<Socket>((resolve, reject) => {
    const connect = request({
      hostname: proxy.url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: proxy.url.port === "" ? (proxy.url.protocol === "https:" ? 443 : 80) : Number(proxy.url.port),
      method: "CONNECT",
      path: authority,
      agent: false,
      headers: { Host: authority, ...(authorization === undefined ? {} : { "Proxy-Authorization": authorization }) },
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    // The idle timeout covers the CONNECT itself: a proxy that accepts the connection and never
    // answers would otherwise hold the request until the job's own timeout.
    if (options.idleTimeoutMs !== undefined) {
      const ms = options.idleTimeoutMs;
      connect.setTimeout(ms, () => {
        connect.destroy(
          options.timeoutError?.() ??
            Object.assign(new Error(`the proxy ${shownProxy(proxy.url)} sent nothing for ${ms / 1000} s`), { name: "TimeoutError" }),
        );
      });
    }
    connect.on("connect", (answer, socket, head) => {
      // The tunnel is the caller's now, and so is its idle timeout.
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
      // A proxy that answers CONNECT with a body-bearing response and keeps the connection: not a tunnel.
      answer.resume();
      reject(
        new UserError(
          `${options.what}: the proxy ${shownProxy(proxy.url)} (${proxy.variable}) did not open a tunnel to ${authority}: HTTP ${answer.statusCode ?? 0}`,
          {
            hint: proxyHint(proxy),
          },
        ),
      );
    });
    connect.on("error", reject);
    connect.end();
  });
}

/** The UserError for a proxy that answered CONNECT with `status`. */
function refusal(proxy: ProxyChoice, authority: string, what: string, target: URL, status: number): UserError {
  const message = `${what}: the proxy ${shownProxy(proxy.url)} (${proxy.variable}) refused to connect to ${authority}: HTTP ${status}`;
  if (status === 407) return new UserError(`${message} (proxy authentication required)`, { hint: proxyHint(proxy) });
  const port = Number(/:(\d+)$/.exec(authority)?.[1] ?? "443");
  if (port !== 443 && PORT_REFUSALS.has(status)) {
    // Plain http is tunnelled too (never forwarded by name), and many proxies allow CONNECT only to 443.
    const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
    return new UserError(`${message}; proxies often allow CONNECT only to port 443, and modelship tunnels every guarded request`, {
      hint: `use the https:// URL on port 443 if the server has one, or add ${host} to NO_PROXY (or no_proxy) if the runner reaches it directly; see docs/proxies.md`,
    });
  }
  return new UserError(message, { hint: proxyHint(proxy) });
}
