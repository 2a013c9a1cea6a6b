/**
 * The one GitHub client factory: Octokit core with REST methods, pagination, retries of 5xx and
 * dropped connections, and waiting out primary and secondary rate limits. `GITHUB_API_URL` makes it
 * work on GitHub Enterprise Server. The token is never logged.
 *
 * Proxies: Node's global fetch ignores HTTPS_PROXY and friends (Node 24 reads them only with
 * `NODE_USE_ENV_PROXY=1`, and 22.17 not at all), so a request that the environment sends through a
 * proxy (common/proxy-env.ts, one rule with the guarded downloads) goes through undici's own fetch
 * with a `ProxyAgent` for that proxy; any other request uses the global fetch as before.
 */
import { proxyFor } from "../common/proxy-env.ts";
import { retryBaseFromEnv } from "../common/retry.ts";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { Logger } from "../common/logger.ts";
import { fetch as undiciFetch, ProxyAgent, type RequestInit as UndiciRequestInit } from "undici";

const ModelshipOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

export type GitHubClient = InstanceType<typeof ModelshipOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** The environment the proxy variables are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** API base URL; default `GITHUB_API_URL`, else https://api.github.com. */
  baseUrl?: string;
  logger: Logger;
  userAgentVersion: string;
  /** Retries of a failed request (5xx, dropped connection) and of a rate-limited one. Default 3. */
  retries?: number;
  /**
   * Milliseconds one "unit" of backoff lasts: the n-th retry waits n² units, a `Retry-After: s`
   * waits s units. Default 1000 (seconds, as GitHub means them); tests set it small via
   * `MODELSHIP_RETRY_BASE_MS`.
   */
  retryBaseMs?: number;
}

/** Makes the GitHub client every modelship action uses. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { logger } = options;
  const retries = options.retries ?? 3;
  const base = options.retryBaseMs ?? retryBaseFromEnv() ?? 1000;
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const env = options.env ?? process.env;
  // A malformed proxy variable is the user's to fix: said here, as a UserError, not later inside a failed request.
  if (URL.canParse(baseUrl)) proxyFor(new URL(baseUrl), env);
  const onLimit =
    (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= retries) {
        logger.warning(`GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries.`);
        return false;
      }
      logger.warning(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${retries}).`,
      );
      return true;
    };
  return new ModelshipOctokit({
    auth: options.token,
    baseUrl,
    userAgent: `modelship/${options.userAgentVersion}`,
    request: { fetch: proxiedFetch(env) },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      // Secondary limits without Retry-After: GitHub asks for at least a minute.
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
    },
    // Octokit's own log would print request details; route warnings through our logger only.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => {
        logger.debug(message);
      },
      error: (message: string) => {
        logger.debug(message);
      },
    },
  });
}

/**
 * A fetch that sends each request through the proxy the environment names for its URL, read per
 * request (undici's `ProxyAgent`, one per proxy URL; http targets forwarded in absolute form as curl
 * does, https ones tunnelled with CONNECT), and straight through the global fetch otherwise.
 * Forwarding http by name (the proxy resolves it) is acceptable here, unlike in net/safe-http.ts:
 * this client only requests the API URL the user configured, never a URL a server or redirect names
 * (asset storage links leave it for the guarded client, which tunnels every target to a checked address).
 */
export function proxiedFetch(env: NodeJS.ProcessEnv): typeof fetch {
  const agents = new Map<string, ProxyAgent>();
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const proxy = proxyFor(url, env);
    if (proxy === undefined) return fetch(input, init);
    let agent = agents.get(proxy.url.href);
    if (agent === undefined) {
      agent = new ProxyAgent({ uri: proxy.url.href, proxyTunnel: false });
      agents.set(proxy.url.href, agent);
    }
    // undici's Response is the WHATWG one Octokit reads (the global fetch is undici too), a separate copy of the class.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    return undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher: agent });
  };
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" ? error.status : undefined;
}
