/**
 * The workflow run's context, read from the runner's environment and event payload. Pure: no
 * `@actions/*` imports, so the core and tests can use it with any environment.
 */
import { readFileSync } from "node:fs";
import { UserError } from "../common/errors.ts";
import { parseRepository } from "./repository.ts";

export interface PullRequestContext {
  number: number;
  headSha?: string;
  baseSha?: string;
  headRef?: string;
  baseRef?: string;
  /** The head branch lives in another repository: the token is read-only, secrets are absent. */
  fork: boolean;
}

export interface GitHubContext {
  owner?: string;
  repo?: string;
  /** `owner/repo`. */
  repository?: string;
  eventName?: string;
  payload: Record<string, unknown>;
  pullRequest?: PullRequestContext;
  sha?: string;
  ref?: string;
  serverUrl: string;
  apiUrl: string;
  runId?: string;
  runAttempt?: string;
  /** Link to the workflow run, for "full report" pointers. */
  runUrl?: string;
  workflow?: string;
  job?: string;
  actor?: string;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function readPayload(path: string | undefined): Json {
  if (path === undefined || path === "") return {};
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    // The runner always writes it; outside Actions (a local run) there is simply no event.
    return {};
  }
  try {
    return object(JSON.parse(raw)) ?? {};
  } catch (error) {
    throw new UserError(`the event payload is not valid JSON`, {
      file: path,
      cause: error,
      hint: "GITHUB_EVENT_PATH must point to the runner's event.json",
    });
  }
}

/** The pull request of a pull_request, pull_request_target or issue_comment-on-a-PR event. */
function pullRequestOf(eventName: string | undefined, payload: Json, repository: string | undefined): PullRequestContext | undefined {
  const pr = object(payload.pull_request);
  if (pr !== undefined && typeof pr.number === "number") {
    const head = object(pr.head);
    const base = object(pr.base);
    const headRepo = text(object(head?.repo)?.full_name);
    const baseRepo = text(object(base?.repo)?.full_name) ?? repository;
    return {
      number: pr.number,
      headSha: text(head?.sha),
      baseSha: text(base?.sha),
      headRef: text(head?.ref),
      baseRef: text(base?.ref),
      fork: headRepo !== undefined && baseRepo !== undefined && headRepo.toLowerCase() !== baseRepo.toLowerCase(),
    };
  }
  const issue = object(payload.issue);
  if (
    eventName === "issue_comment" &&
    issue !== undefined &&
    object(issue.pull_request) !== undefined &&
    typeof issue.number === "number"
  ) {
    // The comment event does not say whether the PR is from a fork; the token tells at write time.
    return { number: issue.number, fork: false };
  }
  return undefined;
}

/** Reads the run's context from `env` (the runner's variables) and the event payload file. */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const repository = text(env.GITHUB_REPOSITORY);
  const where = repository === undefined ? undefined : parseRepository(repository);
  const eventName = text(env.GITHUB_EVENT_NAME);
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (text(env.GITHUB_SERVER_URL) ?? "https://github.com").replace(/\/+$/, "");
  const runId = text(env.GITHUB_RUN_ID);
  return {
    owner: where?.owner,
    repo: where?.repo,
    repository,
    eventName,
    payload,
    pullRequest: pullRequestOf(eventName, payload, repository),
    sha: text(env.GITHUB_SHA),
    ref: text(env.GITHUB_REF),
    serverUrl,
    apiUrl: (text(env.GITHUB_API_URL) ?? "https://api.github.com").replace(/\/+$/, ""),
    runId,
    runAttempt: text(env.GITHUB_RUN_ATTEMPT),
    runUrl: repository !== undefined && runId !== undefined ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    workflow: text(env.GITHUB_WORKFLOW),
    job: text(env.GITHUB_JOB),
    actor: text(env.GITHUB_ACTOR),
  };
}
