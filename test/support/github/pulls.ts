/**
 * Pull requests: list, create, get, update and request reviewers. A repository linked to a bare git
 * repository (`FakeGitHub.linkGitRemote`) has real branches: creating a pull request then checks that
 * both branches exist and that head has commits base lacks, as GitHub does.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { renderPull } from "./render.ts";
import {
  errorResult,
  notFound,
  paginate,
  positiveInteger,
  validationFailed,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from "./responses.ts";
import { repoKey, timestamp, type FakeState, type IssueRecord, type PullRecord, type RepoRecord } from "./state.ts";

const execFileAsync = promisify(execFile);

/** A 40-hex-digit sha derived from `seed`, for pull requests of repositories without a git remote. */
function seededSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

function findRepo(context: HandlerContext): RepoRecord | undefined {
  return context.state.findRepo(context.params.owner!, context.params.repo!);
}

/** The repository record of `owner/name` as stored in a pull record. */
function repoOf(state: FakeState, fullName: string): RepoRecord {
  const [owner = "", name = ""] = fullName.split("/");
  const repo = state.findRepo(owner, name);
  if (repo === undefined) throw new Error(`repository ${fullName} is missing from the fake`);
  return repo;
}

function fullName(repo: RepoRecord): string {
  return `${repo.owner}/${repo.name}`;
}

type PullIssue = IssueRecord & { pull: PullRecord };

function isPull(issue: IssueRecord | undefined): issue is PullIssue {
  return issue?.pull !== undefined;
}

function findPull(context: HandlerContext): { repo: RepoRecord; issue: PullIssue } | undefined {
  const repo = findRepo(context);
  const number = positiveInteger(context.params.pull_number);
  const issue = repo === undefined || number === undefined ? undefined : context.state.findIssue(repo, number);
  return repo === undefined || !isPull(issue) ? undefined : { repo, issue };
}

/** Renders a pull request of `repo` (`simple`: the `pull-request-simple` shape of lists). */
function render(context: HandlerContext, repo: RepoRecord, issue: PullIssue, options: { simple?: boolean } = {}): Record<string, unknown> {
  return renderPull(context, issue, repo, repoOf(context.state, issue.pull.headRepo), options);
}

/** The open pull request from `headRepo:headRef` into `baseRef` of `repo`, if there is one. */
function openDuplicate(
  state: FakeState,
  repo: RepoRecord,
  pull: { headRepo: string; headRef: string; baseRef: string },
  except?: number,
): PullIssue | undefined {
  return state
    .issuesOf(repo)
    .filter(isPull)
    .find(
      (issue) =>
        issue.number !== except &&
        issue.state === "open" &&
        repoKey(issue.pull.headRepo) === repoKey(pull.headRepo) &&
        issue.pull.headRef === pull.headRef &&
        issue.pull.baseRef === pull.baseRef,
    );
}

function alreadyExists(headRepo: RepoRecord, headRef: string): HandlerResult {
  return validationFailed([
    { resource: "PullRequest", code: "custom", message: `A pull request already exists for ${headRepo.owner}:${headRef}.` },
  ]);
}

function noCommits(base: string, head: string): HandlerResult {
  return validationFailed([{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }]);
}

/** The commit a branch of a bare git repository points at, or `undefined` when there is no such branch. */
async function branchSha(gitDir: string, branch: string): Promise<string | undefined> {
  try {
    // `refs/heads/` in front keeps a branch name from ever being read as an option.
    const { stdout } = await execFileAsync("git", [
      "--git-dir",
      gitDir,
      "rev-parse",
      "--verify",
      "--quiet",
      `refs/heads/${branch}^{commit}`,
    ]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** How many commits `head` has that `base` lacks. */
async function commitsAhead(gitDir: string, base: string, head: string): Promise<number> {
  const { stdout } = await execFileAsync("git", ["--git-dir", gitDir, "rev-list", "--count", `${base}..${head}`]);
  return Number(stdout.trim());
}

/**
 * Follows the head branch of a linked git remote, as GitHub does when someone pushes to it: the pull
 * request's head sha is the branch's commit now, not the one it was opened with.
 */
async function refreshHead(context: HandlerContext, repo: RepoRecord, issue: PullIssue): Promise<void> {
  const gitDir = context.state.gitRemotes.get(repoKey(fullName(repo)));
  if (gitDir === undefined || issue.state !== "open" || repoKey(issue.pull.headRepo) !== repoKey(fullName(repo))) return;
  const head = await branchSha(gitDir, issue.pull.headRef);
  if (head !== undefined) issue.pull.headSha = head;
}

/**
 * Merges `head` into the `base` branch of a bare repository and moves the branch (compare-and-swap):
 * `merge` makes a two-parent commit, `squash` and `rebase` one commit on base with the merged tree
 * (the fake's rebase is a squash). `undefined` on a conflict or a missing base.
 */
async function mergeInGit(
  gitDir: string,
  baseRef: string,
  head: string,
  method: "merge" | "squash" | "rebase",
  title: string,
  login: string,
): Promise<string | undefined> {
  const base = await branchSha(gitDir, baseRef);
  if (base === undefined) return undefined;
  const git = (args: string[]) =>
    execFileAsync("git", ["--git-dir", gitDir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: login,
        GIT_AUTHOR_EMAIL: `${login}@users.noreply.github.com`,
        GIT_COMMITTER_NAME: "GitHub",
        GIT_COMMITTER_EMAIL: "noreply@github.com",
      },
    });
  let tree: string;
  try {
    tree = (await git(["merge-tree", "--write-tree", base, head])).stdout.split("\n")[0]!.trim();
  } catch {
    return undefined;
  }
  const parents = method === "merge" ? ["-p", base, "-p", head] : ["-p", base];
  const commit = (await git(["commit-tree", tree, ...parents, "-m", title])).stdout.trim();
  await git(["update-ref", `refs/heads/${baseRef}`, commit, base]);
  return commit;
}

/**
 * Resolves the `head` of a create request: `branch` or `owner:branch`, where another owner names a
 * fork of the same name (it must have been added to the fake).
 */
function parseHead(state: FakeState, repo: RepoRecord, head: string): { repo: RepoRecord; ref: string } | undefined {
  const colon = head.indexOf(":");
  if (colon === -1) return head === "" ? undefined : { repo, ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  const headRepo = state.findRepo(owner, repo.name);
  return headRepo === undefined || ref === "" ? undefined : { repo: headRepo, ref };
}

/** Matches the `head` list filter (`owner:branch`); GitHub ignores a filter without the owner. */
function matchesHead(issue: PullIssue, head: string | undefined): boolean {
  if (head === undefined) return true;
  const colon = head.indexOf(":");
  if (colon === -1) return true;
  const [owner = ""] = issue.pull.headRepo.split("/");
  return owner.toLowerCase() === head.slice(0, colon).toLowerCase() && issue.pull.headRef === head.slice(colon + 1);
}

const SORTS = new Set(["created", "updated", "popularity", "long-running"]);

/** Handlers for the pull request operations, by operationId. */
export const pullHandlers: Record<string, Handler> = {
  "pulls/list": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const { state = "open", head, base, sort = "created" } = context.query;
    if (!["open", "closed", "all"].includes(state)) return validationFailed([{ resource: "PullRequest", field: "state", code: "invalid" }]);
    if (!SORTS.has(sort)) return validationFailed([{ resource: "PullRequest", field: "sort", code: "invalid" }]);
    const direction = context.query.direction ?? (sort === "created" ? "desc" : "asc");
    const key = (issue: PullIssue): string => (sort === "updated" ? issue.updatedAt : issue.createdAt);
    const pulls = context.state
      .issuesOf(repo)
      .filter(isPull)
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => matchesHead(issue, head) && (base === undefined || issue.pull.baseRef === base))
      // Timestamps have whole seconds; the number breaks ties in creation order.
      .sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
    if (direction === "desc") pulls.reverse();
    return paginate(
      context,
      pulls.map((issue) => render(context, repo, issue, { simple: true })),
    );
  },

  "pulls/get": async (context) => {
    const found = findPull(context);
    if (found === undefined) return notFound();
    await refreshHead(context, found.repo, found.issue);
    return { status: 200, body: render(context, found.repo, found.issue) };
  },

  // Merges as GitHub does: 405 when not open (or not mergeable), 409 when `sha` is not the head any
  // more; with a linked git remote the merge commit really lands on the base branch.
  "pulls/merge": async (context) => {
    const found = findPull(context);
    if (found === undefined) return notFound();
    const { repo, issue } = found;
    const request = (context.body ?? {}) as { sha?: string; merge_method?: "merge" | "squash" | "rebase"; commit_title?: string };
    if (issue.state !== "open" || issue.pull.merged) return errorResult(405, "Pull Request is not mergeable");
    await refreshHead(context, repo, issue);
    if (request.sha !== undefined && request.sha !== issue.pull.headSha)
      return errorResult(409, "Head branch was modified. Review and try the merge again.");
    const method = request.merge_method ?? "merge";
    const title = request.commit_title ?? `${issue.title} (#${issue.number})`;
    let sha = seededSha(`${fullName(repo)}#${issue.number}:merge`);
    const gitDir = context.state.gitRemotes.get(repoKey(fullName(repo)));
    if (gitDir !== undefined && repoKey(issue.pull.headRepo) === repoKey(fullName(repo))) {
      const merged = await mergeInGit(gitDir, issue.pull.baseRef, issue.pull.headSha, method, title, context.login);
      if (merged === undefined) return errorResult(405, "Pull Request is not mergeable");
      sha = merged;
    }
    const now = timestamp();
    issue.pull.merged = true;
    issue.pull.mergedAt = now;
    issue.pull.mergedBy = context.login;
    issue.pull.mergeCommitSha = sha;
    issue.pull.autoMerge = null;
    issue.state = "closed";
    issue.closedAt = now;
    issue.updatedAt = now;
    return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
  },

  "pulls/create": async (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const request = context.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; issue?: number };
    if (request.issue !== undefined) return errorResult(501, "the fake does not implement turning an issue into a pull request");
    if (request.title === undefined || request.title.trim() === "")
      return validationFailed([{ resource: "PullRequest", field: "title", code: "missing_field" }]);
    const head = parseHead(context.state, repo, request.head);
    if (head === undefined) return validationFailed([{ resource: "PullRequest", field: "head", code: "invalid" }]);
    if (head.repo === repo && head.ref === request.base) return noCommits(request.base, request.head);

    let headSha = seededSha(`${fullName(head.repo)}:${head.ref}`);
    let baseSha = seededSha(`${fullName(repo)}:${request.base}`);
    const gitDir = context.state.gitRemotes.get(repoKey(fullName(repo)));
    if (gitDir !== undefined && head.repo === repo) {
      const [headCommit, baseCommit] = await Promise.all([branchSha(gitDir, head.ref), branchSha(gitDir, request.base)]);
      if (headCommit === undefined) return validationFailed([{ resource: "PullRequest", field: "head", code: "invalid" }]);
      if (baseCommit === undefined) return validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
      if ((await commitsAhead(gitDir, baseCommit, headCommit)) === 0) return noCommits(request.base, request.head);
      headSha = headCommit;
      baseSha = baseCommit;
    }

    // Checked after the git look-ups, with no await after it, so racing creates cannot both win.
    const pull = { headRepo: fullName(head.repo), headRef: head.ref, baseRef: request.base };
    if (openDuplicate(context.state, repo, pull) !== undefined) return alreadyExists(head.repo, head.ref);
    const now = timestamp();
    const issue: PullIssue = {
      id: context.state.nextId(),
      repo: fullName(repo),
      number: context.state.nextNumber(repo),
      title: request.title,
      body: request.body ?? null,
      author: context.login,
      createdAt: now,
      updatedAt: now,
      state: "open",
      closedAt: null,
      labels: [],
      pull: {
        ...pull,
        headSha,
        baseSha,
        draft: request.draft ?? false,
        merged: false,
        mergeableState: repo.requiredChecks ? "blocked" : "clean",
        requestedReviewers: [],
        requestedTeams: [],
        autoMerge: null,
      },
    };
    context.state.putIssue(issue);
    const body = render(context, repo, issue);
    return { status: 201, body, headers: { location: body.url as string } };
  },

  "pulls/update": async (context) => {
    const found = findPull(context);
    if (found === undefined) return notFound();
    const { repo, issue } = found;
    const request = (context.body ?? {}) as { title?: string; body?: string; state?: "open" | "closed"; base?: string };
    if (request.title?.trim() === "") return validationFailed([{ resource: "PullRequest", field: "title", code: "missing_field" }]);
    let baseSha = issue.pull.baseSha;
    const gitDir = context.state.gitRemotes.get(repoKey(fullName(repo)));
    if (request.base !== undefined && request.base !== issue.pull.baseRef && gitDir !== undefined) {
      const commit = await branchSha(gitDir, request.base);
      if (commit === undefined) return validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
      baseSha = commit;
    }
    const baseRef = request.base ?? issue.pull.baseRef;
    const state = request.state ?? issue.state;
    if (state !== issue.state && issue.pull.merged) return errorResult(422, "Cannot change the state of a merged pull request.");
    if (state === "open" && openDuplicate(context.state, repo, { ...issue.pull, baseRef }, issue.number) !== undefined) {
      return alreadyExists(repoOf(context.state, issue.pull.headRepo), issue.pull.headRef);
    }
    const now = timestamp();
    if (request.title !== undefined) issue.title = request.title;
    if (request.body !== undefined) issue.body = request.body;
    if (state !== issue.state) issue.closedAt = state === "closed" ? now : null;
    issue.state = state;
    issue.pull.baseRef = baseRef;
    issue.pull.baseSha = baseSha;
    issue.updatedAt = now;
    return { status: 200, body: render(context, repo, issue) };
  },

  "pulls/request-reviewers": (context) => {
    const found = findPull(context);
    if (found === undefined) return notFound();
    const { repo, issue } = found;
    const request = (context.body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] };
    const reviewers = request.reviewers ?? [];
    const teams = request.team_reviewers ?? [];
    if (reviewers.some((login) => login.toLowerCase() === issue.author.toLowerCase()))
      return errorResult(422, "Review cannot be requested from pull request author.");
    // GitHub refuses the whole request when any one name is not a collaborator.
    if (
      reviewers.some((login) => !repo.collaborators.has(login.toLowerCase())) ||
      teams.some((slug) => !repo.teams.has(slug.toLowerCase()))
    ) {
      return errorResult(
        422,
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${fullName(repo)} repository.`,
      );
    }
    const add = (list: string[], names: string[], known: Map<string, string>): void => {
      for (const name of names) {
        const canonical = known.get(name.toLowerCase())!;
        if (!list.includes(canonical)) list.push(canonical);
      }
    };
    add(issue.pull.requestedReviewers, reviewers, repo.collaborators);
    add(issue.pull.requestedTeams, teams, repo.teams);
    issue.updatedAt = timestamp();
    return { status: 201, body: render(context, repo, issue, { simple: true }) };
  },
};
