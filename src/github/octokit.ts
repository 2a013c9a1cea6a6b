/**
 * The one GitHub client factory: Octokit core with REST methods, pagination, retries of 5xx and
 * dropped connections, and waiting out primary and secondary rate limits. `GITHUB_API_URL` makes it
 * work on GitHub Enterprise Server. The token is never logged.
 */
import { retryBaseFromEnv } from "../common/retry.ts";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { Logger } from "../common/logger.ts";

const ModelshipOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

export type GitHubClient = InstanceType<typeof ModelshipOctokit>;

export interface GitHubClientOptions {
  token: string;
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

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" ? error.status : undefined;
}
