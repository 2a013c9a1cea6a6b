/**
 * Self-healing rollbacks (docs/self-healing.md): after the canary job opened or updated a rollback
 * pull request in an environment with `rollback: merge`, make sure it merges without a person.
 * Auto-merge enabled: GitHub merges it once the base's required checks pass; modelship records that
 * and stops. Otherwise (an unprotected base, where GitHub refuses auto-merge) modelship reads the
 * checks on the pull request's head commit and merges it with the GitOps token once every required
 * name has passed, pinning the merge to the commit it checked.
 *
 * What counts (the rule the tests attack):
 * - the pull request must be modelship's own: head branch `branch` of the GitOps repository itself,
 *   base the environment's base, and head commit the one this run pushed or verified — a commit
 *   someone pushed on top is never merged, and `sha` on the merge call refuses a push after the check;
 * - check runs count only from the expected app (`github-actions` by default); runs of a required name
 *   from any other app are listed as ignored. Per app and name the newest run is read (GitHub's
 *   `filter=latest`); several latest runs of one name (two workflows with the same job name) must all pass;
 * - commit statuses (newest per context, as the combined status gives them) count too, but a name must
 *   pass wherever it appears: a passing status never saves a failing check run of that name, nor the
 *   other way round; verify-promotion's check must be a check run — a status alone does not stand in for it;
 * - only `success` passes. `neutral`, `skipped`, `cancelled`, `timed_out`, `action_required`, `failure`
 *   (and a status `error` or `failure`) fail — a skipped verification verified nothing — while queued or
 *   running checks, pending statuses and names not reported yet are waited for (the next run looks again).
 * The decision, each check with its conclusion and source, the commit checked and the merge go into one
 * marked comment on the pull request, updated in place on every run.
 */
import { getErrorMessage, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { code, escapeMarkdown, table } from "../common/markdown.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";
import { parseRepository } from "../github/repository.ts";
import { upsertStickyComment } from "../github/sticky-comment.ts";
import type { MergeMethod, RollbackSettings } from "./rollout-settings.ts";

export interface SelfHealRequest {
  github: GitHubClient;
  /** OWNER/REPO of the GitOps repository. */
  repository: string;
  environment: string;
  /** The environment's base branch (what Argo CD or Flux deploys). */
  base: string;
  /** modelship's rollback branch for this environment and model. */
  branch: string;
  prNumber: number;
  /** The commit this run pushed to `branch`, or found there and verified as its own. */
  expectedHead: string;
  settings: RollbackSettings;
  logger: Logger;
}

/** Where a check's result came from. */
export interface CheckSource {
  kind: "check-run" | "status";
  /** The app slug of a check run. */
  app?: string;
  /** A check run's conclusion (or its status while it runs), a status's state. */
  conclusion: string;
  /** A check run from an app other than the expected one: listed, never counted. */
  ignored?: boolean;
}

export interface CheckVerdict {
  name: string;
  state: "success" | "failure" | "pending" | "missing";
  sources: CheckSource[];
}

export interface SelfHealResult {
  /**
   * auto-merge: GitHub will merge it; merged: modelship merged it now; already-merged: it was merged;
   * waiting: a check has not passed yet; failed: a check failed, not merged; refused: the pull request
   * is not one modelship may merge (head moved, wrong branch or base, closed, not mergeable).
   */
  outcome: "auto-merge" | "merged" | "already-merged" | "waiting" | "failed" | "refused";
  reason: string;
  /** The head commit checked. */
  sha?: string;
  checks: CheckVerdict[];
  merge?: { sha: string; method: MergeMethod };
  commentUrl?: string;
}

/** The fields of `GET /pulls/{n}` this module reads. */
interface PullView {
  state: string;
  merged: boolean;
  merge_commit_sha: string | null;
  html_url: string;
  auto_merge: { merge_method: string } | null;
  /** Who opened it: modelship's App, whose comments alone hold the record. */
  user: { login: string } | null;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } };
}

/** The comment's marker key: one self-healing record per pull request. */
const COMMENT_KEY = { workflow: "modelship-self-heal", subject: "rollback" };

/** A GitHub call whose 401/403/404 becomes a UserError naming the permission the GitOps token lacks. */
async function onGitOps<T>(repository: string, doing: string, permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 401 && status !== 403 && status !== 404) throw error;
    throw new UserError(`GitHub refused ${doing} in ${repository}: ${status} (${getErrorMessage(error)})`, {
      hint: `the GitOps token needs "${permission}" on ${repository}: in the canary workflow give actions/create-github-app-token permission-${permission} (the App itself must have that permission), see docs/self-healing.md`,
      cause: error,
    });
  }
}

/** Reads the check runs and statuses of `sha` and judges each required name by the rule above. */
export async function judgeChecks(
  github: GitHubClient,
  where: { owner: string; repo: string; repository: string },
  sha: string,
  settings: RollbackSettings,
): Promise<CheckVerdict[]> {
  const { owner, repo, repository } = where;
  const runs = await onGitOps(repository, "reading the check runs", "checks: read", () =>
    github.paginate(github.rest.checks.listForRef, { owner, repo, ref: sha, filter: "latest", per_page: 100 }),
  );
  const statuses: { context: string; state: string }[] = [];
  let total = 0;
  // The combined status lists the newest status per context, 100 a page; ten pages is far beyond any real commit.
  for (let page = 1; page <= 10; page++) {
    const { data } = await onGitOps(repository, "reading the commit statuses", "statuses: read", () =>
      github.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100, page }),
    );
    statuses.push(...data.statuses);
    total = data.total_count;
    if (data.statuses.length < 100 || statuses.length >= data.total_count) break;
  }
  // Statuses past what was read could fail a name: then nothing passes yet.
  const unread = statuses.length < total;
  return settings.requiredChecks.map((name) => {
    const sources: CheckSource[] = [];
    // Newest run per app for this name (GitHub's filter=latest already does; re-runs of a job get higher ids).
    const newest = new Map<string, (typeof runs)[number]>();
    for (const run of runs) {
      if (run.head_sha !== sha || run.name !== name) continue;
      const key = `${run.app?.slug ?? ""}\n${run.check_suite?.id ?? ""}`;
      const known = newest.get(key);
      if (known === undefined || run.id > known.id) newest.set(key, run);
    }
    for (const run of newest.values()) {
      const app = run.app?.slug ?? "(no app)";
      const conclusion = run.status === "completed" ? (run.conclusion ?? "none") : run.status;
      sources.push({ kind: "check-run", app, conclusion, ...(app === settings.checksApp ? {} : { ignored: true }) });
    }
    for (const status of statuses) if (status.context === name) sources.push({ kind: "status", conclusion: status.state });
    const counted = sources.filter((source) => source.ignored !== true);
    const passes = (source: CheckSource) => source.conclusion === "success";
    const waits = (source: CheckSource) =>
      source.kind === "status"
        ? source.conclusion === "pending"
        : ["queued", "in_progress", "waiting", "requested", "pending"].includes(source.conclusion);
    // verify-promotion's verdict must come from its own check run; a status alone is not it.
    const present = name === settings.verifyCheck ? counted.some((source) => source.kind === "check-run") : counted.length > 0;
    const state: CheckVerdict["state"] = counted.some((source) => !passes(source) && !waits(source))
      ? "failure"
      : counted.some(waits) || unread
        ? "pending"
        : present
          ? "success"
          : "missing";
    return { name, state, sources };
  });
}

/** Makes sure a rollback pull request merges (see the module comment); returns what happened, also recorded on the PR. */
export async function selfHeal(request: SelfHealRequest): Promise<SelfHealResult> {
  const { github, repository, logger } = request;
  const where = parseRepository(repository);
  if (where === undefined) throw new Error(`selfHeal: "${repository}" is not OWNER/REPO`);
  const { owner, repo } = where;
  const { data } = await onGitOps(repository, "reading the rollback pull request", "pull-requests: read", () =>
    github.rest.pulls.get({ owner, repo, pull_number: request.prNumber }),
  );
  const pull = data as unknown as PullView;
  const result = await decide(request, pull, { owner, repo });
  logger.info(`${request.environment}: self-healing ${repository}#${request.prNumber}: ${result.outcome} — ${result.reason}`);
  if (result.outcome !== "refused" || pull.state === "open") {
    const comment = await onGitOps(repository, "commenting on the rollback pull request", "pull-requests: write", () =>
      upsertStickyComment({
        client: github,
        owner,
        repo,
        issueNumber: request.prNumber,
        key: COMMENT_KEY,
        body: renderRecord(request, result),
        ...(pull.user === null ? {} : { author: pull.user.login }),
        logger,
      }),
    );
    result.commentUrl = comment.url;
  }
  return result;
}

async function decide(request: SelfHealRequest, pull: PullView, where: { owner: string; repo: string }): Promise<SelfHealResult> {
  const { github, repository, settings } = request;
  const sha = pull.head.sha;
  const refused = (reason: string): SelfHealResult => ({ outcome: "refused", reason, sha, checks: [] });
  if (pull.merged) return { outcome: "already-merged", reason: `already merged (${pull.merge_commit_sha ?? "?"})`, sha, checks: [] };
  if (pull.state !== "open") return refused("the pull request is closed");
  // Only modelship's own branch of this very repository, into the environment's base.
  if (pull.head.repo === null || pull.head.repo.full_name.toLowerCase() !== repository.toLowerCase() || pull.head.ref !== request.branch)
    return refused(
      `the head is ${pull.head.repo?.full_name ?? "a deleted repository"}:${pull.head.ref}, not modelship's rollback branch ${request.branch}`,
    );
  if (pull.base.ref !== request.base) return refused(`the base is ${pull.base.ref}, not the environment's base ${request.base}`);
  if (sha !== request.expectedHead)
    return refused(
      `the head ${sha} is not the commit modelship pushed (${request.expectedHead}): someone pushed to ${request.branch}; the next canary run replaces it`,
    );
  if (pull.auto_merge !== null)
    return {
      outcome: "auto-merge",
      reason: `auto-merge (${pull.auto_merge.merge_method}) is enabled: GitHub merges it once the base's required checks pass`,
      sha,
      checks: [],
    };

  const checks = await judgeChecks(github, { ...where, repository }, sha, settings);
  const failed = checks.filter((check) => check.state === "failure");
  if (failed.length > 0)
    return { outcome: "failed", reason: `not merged: ${failed.map((check) => check.name).join(", ")} did not pass`, sha, checks };
  const waiting = checks.filter((check) => check.state !== "success");
  if (waiting.length > 0)
    return { outcome: "waiting", reason: `waiting for: ${waiting.map((check) => check.name).join(", ")}`, sha, checks };

  const method = settings.method;
  try {
    const { data } = await onGitOps(repository, "merging the rollback pull request", "contents: write", () =>
      github.rest.pulls.merge({ ...where, pull_number: request.prNumber, sha, merge_method: method }),
    );
    return {
      outcome: "merged",
      reason: `merged: ${settings.requiredChecks.join(", ")} passed on ${sha}`,
      sha,
      checks,
      merge: { sha: data.sha, method },
    };
  } catch (error) {
    const status = httpStatus(error);
    // 409: the head moved after the checks were read; 405: GitHub will not merge (conflict, rules).
    if (status === 409) return { ...refused(`the head moved after ${sha} was checked; the next run checks again`), checks };
    if (status === 405 || status === 422) return { ...refused(`GitHub would not merge it: ${getErrorMessage(error)}`), checks };
    throw error;
  }
}

const OUTCOME_TITLES: Record<SelfHealResult["outcome"], string> = {
  "auto-merge": "left to auto-merge",
  merged: "merged",
  "already-merged": "already merged",
  waiting: "waiting",
  failed: "not merged: a check failed",
  refused: "not merged",
};

/** The PR comment: decision, the checks with conclusion and source, the commit checked, the merge. Deterministic, so a re-run with nothing new edits nothing. */
export function renderRecord(request: Pick<SelfHealRequest, "environment" | "settings">, result: SelfHealResult): string {
  const lines = [
    `### modelship self-healing (${escapeMarkdown(request.environment)}): ${OUTCOME_TITLES[result.outcome]}`,
    "",
    escapeMarkdown(result.reason),
    "",
  ];
  if (result.sha !== undefined) lines.push(`Head commit checked: ${code(result.sha)}`, "");
  if (result.checks.length > 0) {
    const rows = result.checks.flatMap((check) =>
      check.sources.length === 0
        ? [[code(check.name), check.state, "not reported yet"]]
        : check.sources.map((source) => [
            code(check.name),
            `${source.conclusion}${source.ignored ? " (ignored)" : ""}`,
            source.kind === "check-run" ? `check run (${escapeMarkdown(source.app ?? "")})` : "commit status",
          ]),
    );
    lines.push(table(["check", "conclusion", "source"], rows), "");
    lines.push(
      `Required: ${request.settings.requiredChecks.map(code).join(", ")}; check runs count from ${code(request.settings.checksApp)} only.`,
      "",
    );
  }
  if (result.merge !== undefined) lines.push(`Merged as ${code(result.merge.sha)} (${result.merge.method}), pinned to the head checked.`);
  return lines.join("\n").trimEnd();
}
