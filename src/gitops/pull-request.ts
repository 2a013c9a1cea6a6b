/**
 * The promotion pull request in the GitOps repository: opened once per head branch and base, kept
 * up to date on re-runs without duplicate PRs, labels or review requests, closed when no longer
 * needed. Auto-merge goes through GraphQL (`enablePullRequestAutoMerge`): REST has no way to set it.
 */
import { UserError, getErrorMessage } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";
import { parseRepository, type RepositoryName } from "../github/repository.ts";

export type AutoMergeMethod = "merge" | "squash" | "rebase";

export interface PullRequestSpec {
  /** `owner/name` of the GitOps repository. */
  repository: string;
  /** Branch in that repository (same-repository pull requests only). */
  head: string;
  base: string;
  title: string;
  body: string;
  labels?: string[];
  reviewers?: string[];
  /** Team slugs of the repository's organization. */
  teamReviewers?: string[];
  draft?: boolean;
  /** Undefined leaves auto-merge off (and does not turn off one a person enabled). */
  autoMerge?: AutoMergeMethod;
}

export interface PullRequestResult {
  number: number;
  url: string;
  action: "created" | "updated" | "unchanged";
  autoMerge: "enabled" | "unavailable" | "off";
}

/** Where a pull request lives: the GitOps repository, its head branch and its base. */
export interface PullRequestRef {
  repository: string;
  head: string;
  base: string;
}

export interface OpenPullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
}

/** The fields of a listed pull request this module reads (`pull-request-simple`). */
interface ListedPull {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body: string | null;
  labels: { name?: string }[];
  requested_reviewers?: { login: string }[] | null;
  requested_teams?: { slug: string }[] | null;
  auto_merge: { merge_method: string } | null;
}

const AUTO_MERGE_MUTATION = `mutation EnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;

/** A GitHub owner (user or organization) name: letters, digits and inner hyphens. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

function splitRepository(repository: string): RepositoryName {
  const where = parseRepository(repository);
  if (where === undefined || !OWNER.test(where.owner))
    throw new UserError(`"${repository}" is not a GitHub repository name`, {
      hint: "give the GitOps repository as owner/name, e.g. octo-org/gitops",
    });
  return where;
}

/** Turns a 401/403/404 from GitHub into the permission advice a user can act on; other errors pass. */
function accessError(error: unknown, repository: string, doing: string): unknown {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404) return error;
  const answer =
    status === 404
      ? "404 (not found: a token that cannot see a private repository gets this too)"
      : `${status} (${getErrorMessage(error)})`;
  return new UserError(`GitHub refused ${doing} in ${repository}: ${answer}`, {
    hint: `the token needs "pull-requests: write" and "contents: write" on ${repository}. The workflow's GITHUB_TOKEN cannot reach another repository: make a GitHub App token with actions/create-github-app-token (owner and repositories naming ${repository}) and pass that instead`,
    cause: error,
  });
}

/** Runs one GitHub call, translating an access refusal into a `UserError`. */
async function onRepository<T>(repository: string, doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw accessError(error, repository, doing);
  }
}

/** Case-insensitive de-duplication, keeping the first spelling. */
function unique(names: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  return (names ?? []).filter((name) => {
    const key = name.toLowerCase();
    if (name.trim() === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks the ref and gives its repository's owner and name (parsed once, passed to the calls that need them). */
function checkSpec(spec: PullRequestRef): RepositoryName {
  const where = splitRepository(spec.repository);
  if (spec.head.trim() === "" || spec.head.includes(":"))
    throw new UserError(`"${spec.head}" is not a branch name for the pull request's head`, {
      hint: "the head is a branch of the GitOps repository itself, without an owner: prefix",
    });
  if (spec.base.trim() === "")
    throw new UserError("the pull request has no base branch", { hint: "set the GitOps repository's base branch, e.g. main" });
  if (spec.head === spec.base)
    throw new UserError(`the pull request's head and base are both "${spec.head}"`, {
      hint: "promotion commits go to their own branch; pick a base other than the head",
    });
  return where;
}

/** The open pull request from `head` into `base`, as listed (GitHub allows at most one). */
async function findListed(client: GitHubClient, ref: PullRequestRef, where: RepositoryName): Promise<ListedPull | undefined> {
  const { owner, repo } = where;
  const response = await onRepository(ref.repository, "listing pull requests", () =>
    client.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${ref.head}`, base: ref.base, per_page: 100 }),
  );
  // GitHub ignores a head filter it cannot read, so check rather than trust the first item.
  return (response.data as unknown as (ListedPull & { head: { ref: string }; base: { ref: string } })[]).find(
    (pull) => pull.head.ref === ref.head && pull.base.ref === ref.base,
  );
}

/** The open pull request from `head` into `base` of the GitOps repository, if there is one. */
export async function findOpenPullRequest(client: GitHubClient, ref: PullRequestRef): Promise<OpenPullRequest | undefined> {
  const pull = await findListed(client, ref, checkSpec(ref));
  return pull === undefined ? undefined : { number: pull.number, url: pull.html_url, title: pull.title, body: pull.body ?? "" };
}

/** An open pull request as listed, with its head branch (for finding the other promotions of an environment). */
export interface ListedPullRequest extends OpenPullRequest {
  head: string;
}

/** Every open pull request into `base` whose head is a branch of the repository itself (forks cannot hold promotions). */
export async function listOpenPullRequests(client: GitHubClient, ref: { repository: string; base: string }): Promise<ListedPullRequest[]> {
  const where = splitRepository(ref.repository);
  const { owner, repo } = where;
  const pulls = await onRepository(ref.repository, "listing pull requests", () =>
    client.paginate(client.rest.pulls.list, { owner, repo, state: "open", base: ref.base, per_page: 100 }),
  );
  return (pulls as unknown as (ListedPull & { head: { ref: string; repo: { full_name: string } | null }; base: { ref: string } })[])
    .filter((pull) => pull.base.ref === ref.base && pull.head.repo?.full_name.toLowerCase() === ref.repository.toLowerCase())
    .map((pull) => ({ number: pull.number, url: pull.html_url, title: pull.title, body: pull.body ?? "", head: pull.head.ref }));
}

/** Comments on an open pull request and closes it (a promotion superseded by another). */
export async function commentAndClose(
  client: GitHubClient,
  ref: { repository: string; number: number; comment?: string },
  logger: Logger,
): Promise<void> {
  const { owner, repo } = splitRepository(ref.repository);
  if (ref.comment !== undefined)
    await onRepository(ref.repository, "commenting on the pull request", () =>
      client.rest.issues.createComment({ owner, repo, issue_number: ref.number, body: ref.comment! }),
    );
  await onRepository(ref.repository, "closing the pull request", () =>
    client.rest.pulls.update({ owner, repo, pull_number: ref.number, state: "closed" }),
  );
  logger.info(`Closed ${ref.repository}#${ref.number}${ref.comment === undefined ? "" : `: ${ref.comment}`}`);
}

/** Comments on a pull request (open or closed). */
export async function commentOn(client: GitHubClient, ref: { repository: string; number: number; body: string }): Promise<void> {
  const { owner, repo } = splitRepository(ref.repository);
  await onRepository(ref.repository, "commenting on the pull request", () =>
    client.rest.issues.createComment({ owner, repo, issue_number: ref.number, body: ref.body }),
  );
}

/** Adds the labels the pull request lacks; true when any were added. */
async function addMissingLabels(
  client: GitHubClient,
  spec: PullRequestSpec,
  { owner, repo }: RepositoryName,
  pull: ListedPull,
  logger: Logger,
): Promise<boolean> {
  const have = new Set(pull.labels.map((label) => (label.name ?? "").toLowerCase()));
  const missing = unique(spec.labels).filter((label) => !have.has(label.toLowerCase()));
  if (missing.length === 0) return false;
  await onRepository(spec.repository, "labelling the pull request", () =>
    client.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: missing }),
  );
  logger.info(`Labelled ${spec.repository}#${pull.number}: ${missing.join(", ")}.`);
  return true;
}

/**
 * Requests reviews from the reviewers and teams not already requested; true when any request
 * went through. GitHub refuses the whole request when one name is not a collaborator, so after a
 * 422 each name is asked alone and only the refused ones become warnings.
 */
async function requestMissingReviewers(
  client: GitHubClient,
  spec: PullRequestSpec,
  { owner, repo }: RepositoryName,
  pull: ListedPull,
  logger: Logger,
): Promise<boolean> {
  const requestedUsers = new Set((pull.requested_reviewers ?? []).map((user) => user.login.toLowerCase()));
  const requestedTeams = new Set((pull.requested_teams ?? []).map((team) => team.slug.toLowerCase()));
  const reviewers = unique(spec.reviewers).filter((login) => !requestedUsers.has(login.toLowerCase()));
  const teams = unique(spec.teamReviewers).filter((slug) => !requestedTeams.has(slug.toLowerCase()));
  if (reviewers.length === 0 && teams.length === 0) return false;
  const request = async (users: string[], teamSlugs: string[]): Promise<void> => {
    await onRepository(spec.repository, "requesting reviews", () =>
      client.rest.pulls.requestReviewers({
        owner,
        repo,
        pull_number: pull.number,
        ...(users.length > 0 ? { reviewers: users } : {}),
        ...(teamSlugs.length > 0 ? { team_reviewers: teamSlugs } : {}),
      }),
    );
  };
  try {
    await request(reviewers, teams);
    logger.info(
      `Requested reviews on ${spec.repository}#${pull.number} from ${[...reviewers, ...teams.map((slug) => `team ${slug}`)].join(", ")}.`,
    );
    return true;
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    if (reviewers.length + teams.length === 1) {
      warnReviewer(logger, spec.repository, pull.number, reviewers[0] ?? `team ${teams[0]!}`, error);
      return false;
    }
  }
  let any = false;
  for (const [users, teamSlugs, name] of [
    ...reviewers.map((login) => [[login], [], login] as const),
    ...teams.map((slug) => [[], [slug], `team ${slug}`] as const),
  ]) {
    try {
      await request([...users], [...teamSlugs]);
      any = true;
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      warnReviewer(logger, spec.repository, pull.number, name, error);
    }
  }
  return any;
}

function warnReviewer(logger: Logger, repository: string, number: number, name: string, error: unknown): void {
  logger.warning(
    `Could not request a review from ${name} on ${repository}#${number}: ${getErrorMessage(error)} Reviews can only be requested from collaborators of ${repository} (and not from the pull request's author); fix the name or give them access.`,
  );
}

/** GraphQL errors (`errors[].type`) of a failed `client.graphql` call, if it is one. */
function graphqlErrorTypes(error: unknown): { types: string[]; messages: string[] } | undefined {
  if (typeof error !== "object" || error === null || !("errors" in error) || !Array.isArray(error.errors)) return undefined;
  const errors = error.errors as { type?: unknown; message?: unknown }[];
  return {
    types: errors.map((entry) => (typeof entry.type === "string" ? entry.type : "")),
    messages: errors.map((entry) => String(entry.message)),
  };
}

/** Enables auto-merge; "unavailable" (with a warning) when GitHub will not for this repository or pull request. */
async function enableAutoMerge(
  client: GitHubClient,
  spec: PullRequestSpec & { autoMerge: AutoMergeMethod },
  pull: ListedPull,
  logger: Logger,
): Promise<"enabled" | "unavailable"> {
  try {
    await onRepository(spec.repository, "enabling auto-merge", () =>
      client.graphql(AUTO_MERGE_MUTATION, { pullRequestId: pull.node_id, mergeMethod: spec.autoMerge.toUpperCase() }),
    );
  } catch (error) {
    const graphql = graphqlErrorTypes(error);
    // UNPROCESSABLE: the repository does not allow auto-merge, or the PR could merge right now
    // ("clean"), so there is nothing to wait for. FORBIDDEN: the token may open PRs but not merge.
    if (graphql === undefined || !graphql.types.every((type) => type === "UNPROCESSABLE" || type === "FORBIDDEN")) throw error;
    const hint = graphql.types.includes("FORBIDDEN")
      ? `the token needs "contents: write" on ${spec.repository} to enable auto-merge`
      : `allow auto-merge in ${spec.repository}'s settings and protect ${spec.base} with required checks, or merge it by hand`;
    logger.warning(
      `Auto-merge is not available for ${spec.repository}#${pull.number}: ${graphql.messages.join("; ")}. The pull request stays open; ${hint}.`,
    );
    return "unavailable";
  }
  logger.info(`Enabled auto-merge (${spec.autoMerge}) on ${spec.repository}#${pull.number}.`);
  return "enabled";
}

async function settleAutoMerge(
  client: GitHubClient,
  spec: PullRequestSpec,
  pull: ListedPull,
  logger: Logger,
): Promise<PullRequestResult["autoMerge"]> {
  if (spec.autoMerge === undefined) return "off";
  if (pull.auto_merge?.merge_method === spec.autoMerge) return "enabled";
  return enableAutoMerge(client, { ...spec, autoMerge: spec.autoMerge }, pull, logger);
}

/** Creates the pull request; after a 422 that turns out to be a concurrent run's PR, returns that one. */
async function create(client: GitHubClient, spec: PullRequestSpec, where: RepositoryName): Promise<{ pull: ListedPull; created: boolean }> {
  const { owner, repo } = where;
  try {
    const response = await onRepository(spec.repository, "opening a pull request", () =>
      client.rest.pulls.create({
        owner,
        repo,
        head: spec.head,
        base: spec.base,
        title: spec.title,
        body: spec.body,
        draft: spec.draft ?? false,
      }),
    );
    return { pull: response.data as unknown as ListedPull, created: true };
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    const raced = await findListed(client, spec, where);
    if (raced !== undefined) return { pull: raced, created: false };
    const details =
      (error as { response?: { data?: { errors?: { field?: string; code?: string; message?: string }[] } } }).response?.data?.errors ?? [];
    const branch = details.find((detail) => detail.code === "invalid" && (detail.field === "head" || detail.field === "base"))?.field;
    const problem = branch === undefined ? getErrorMessage(error) : `branch "${branch === "head" ? spec.head : spec.base}" does not exist`;
    throw new UserError(`GitHub would not open a pull request from ${spec.head} into ${spec.base} in ${spec.repository}: ${problem}`, {
      hint:
        branch === undefined
          ? "push commits to the head branch that the base does not have"
          : `push the ${branch} branch to ${spec.repository} first`,
      cause: error,
    });
  }
}

/** Opens the pull request for `spec`, or brings the open one up to date; idempotent. */
export async function upsertPullRequest(client: GitHubClient, spec: PullRequestSpec, logger: Logger): Promise<PullRequestResult> {
  const where = checkSpec(spec);
  const { owner, repo } = where;
  if (spec.title.trim() === "") throw new UserError("the pull request has no title", { hint: "give the promotion pull request a title" });
  const existing = await findListed(client, spec, where);
  let pull: ListedPull;
  let action: PullRequestResult["action"];
  if (existing === undefined) {
    const made = await create(client, spec, where);
    pull = made.pull;
    action = made.created ? "created" : "unchanged";
    if (made.created) logger.info(`Opened ${spec.repository}#${pull.number}: ${pull.html_url}`);
  } else {
    pull = existing;
    action = "unchanged";
  }
  if (action !== "created") {
    // Draft state is left alone: a person may have marked the PR ready, and REST cannot undo that.
    const changes = {
      ...(pull.title === spec.title ? {} : { title: spec.title }),
      ...((pull.body ?? "") === spec.body ? {} : { body: spec.body }),
    };
    if (Object.keys(changes).length > 0) {
      await onRepository(spec.repository, "updating the pull request", () =>
        client.rest.pulls.update({ owner, repo, pull_number: pull.number, ...changes }),
      );
      logger.info(`Updated the ${Object.keys(changes).join(" and ")} of ${spec.repository}#${pull.number}: ${pull.html_url}`);
      action = "updated";
    } else {
      logger.info(`${spec.repository}#${pull.number} is up to date: ${pull.html_url}`);
    }
  }
  const labelled = await addMissingLabels(client, spec, where, pull, logger);
  const reviewed = await requestMissingReviewers(client, spec, where, pull, logger);
  if (action === "unchanged" && (labelled || reviewed)) action = "updated";
  const autoMerge = await settleAutoMerge(client, spec, pull, logger);
  return { number: pull.number, url: pull.html_url, action, autoMerge };
}

/** Comments `reason` on the open pull request from `head` into `base` and closes it; its number, if there was one. */
export async function closeObsoletePullRequest(
  client: GitHubClient,
  spec: PullRequestRef & { reason: string },
  logger: Logger,
): Promise<number | undefined> {
  const where = checkSpec(spec);
  const pull = await findListed(client, spec, where);
  if (pull === undefined) {
    logger.debug(`No open pull request from ${spec.head} into ${spec.base} in ${spec.repository} to close.`);
    return undefined;
  }
  await commentAndClose(client, { repository: spec.repository, number: pull.number, comment: spec.reason }, logger);
  return pull.number;
}
