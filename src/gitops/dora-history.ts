/**
 * Where DORA's events come from (dora.ts computes the figures): the GitOps repository's history.
 *
 * - On GitHub: the closed pull requests into the base whose body carries modelship's hidden
 *   promotion marker (promotion-body.ts), merged ones only, with GitHub's `created_at` and
 *   `merged_at`; listed newest-updated first, page by page, until a page is older than the window.
 * - Without GitHub (a bare remote or any git URL): the base branch's first-parent history, in
 *   modelship's own commit format only (promotionCommitMessage, retireCommitMessage: a title that
 *   starts with the model's name, the facts as the message's last paragraph of `Key: value` lines).
 *   A merge commit counts when its message names modelship's branch (`Merge pull request #N from
 *   OWNER/modelship/ENV/MODEL`, `Merge branch 'modelship/ENV/MODEL'`) and a commit it brought in
 *   carries that environment's and model's facts; merged = the merge's committer time, opened = the
 *   promotion commit's. A promotion commit on the base itself (fast-forward, rebase or squash) is
 *   merged at its committer time and opened at its author time. The hidden marker is never read
 *   here: anyone's merged message can quote it. What remains trusted is everyone who can merge into
 *   the base (and their dates): docs/dora.md says so; the GitHub source is stricter.
 */
import type { GitHubClient } from "../github/octokit.ts";
import { parseRepository } from "../github/repository.ts";
import { UserError } from "../common/errors.ts";
import type { GitWorkspace } from "../git/git-workspace.ts";
import { promotionBranch, readPromotionMark } from "./promotion-body.ts";
import type { PromotionEvent } from "./dora.ts";

/** What a promotion commit's message or a PR body says about the promotion. */
interface PromotionFacts {
  environment: string;
  model: string;
  version: string;
  action: string;
}

/** The facts' keys, in the last paragraph of a promotion or retirement commit; other `Key: value` lines may sit among them. */
const FACT_LINE = /^[A-Z][A-Za-z-]*: /;

/**
 * Reads the promotion a commit message describes in modelship's commit format: the facts
 * (`Model:`, `Environment:`, `Action:`, each once) in the message's last paragraph, which holds
 * `Key: value` lines only, and a title that starts with the model's name. A marker or facts in
 * free text (a squashed PR body, a how-to) are not read.
 */
export function readPromotionCommit(message: string): PromotionFacts | undefined {
  const paragraphs = message
    .replace(/\r\n/g, "\n")
    .trim()
    .split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return undefined;
  const title = paragraphs[0]!.split("\n")[0]!;
  const lines = paragraphs.at(-1)!.split("\n");
  if (!lines.every((line) => FACT_LINE.test(line))) return undefined;
  const one = (key: string) => {
    const found = lines.filter((line) => line.startsWith(`${key}: `));
    return found.length === 1 ? found[0]!.slice(key.length + 2) : undefined;
  };
  const model = /^(\S+) (\S*)$/.exec(one("Model") ?? "");
  const environment = /^(\S+)$/.exec(one("Environment") ?? "");
  const action = /^(\S+)/.exec(one("Action") ?? "");
  if (model === null || environment === null || action === null || !title.startsWith(`${model[1]!} `)) return undefined;
  return { environment: environment[1]!, model: model[1]!, version: model[2]!, action: action[1]! };
}

/** The branch a merge commit's first line names: GitHub's pull-request merge or git's branch merge; undefined for any other. */
export function mergedBranch(message: string): string | undefined {
  const first = message.split("\n")[0]!.trim();
  const pull = /^Merge pull request #\d+ from [^\s/]+\/(\S+)$/.exec(first);
  if (pull !== null) return pull[1];
  const branch = /^Merge (?:remote-tracking )?branch '(?:origin\/)?([^']+)'(?: into \S+)?$/.exec(first);
  return branch?.[1];
}

interface LoggedCommit {
  sha: string;
  parents: string[];
  authored: string;
  committed: string;
  message: string;
}

const FIELD = "\x1f";
const RECORD = "\x1e";

async function logCommits(workspace: GitWorkspace, args: string[]): Promise<LoggedCommit[]> {
  const run = await workspace.git(["log", `--format=%H${FIELD}%P${FIELD}%aI${FIELD}%cI${FIELD}%B${RECORD}`, ...args]);
  return run.stdout
    .toString("utf8")
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ""))
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const [sha = "", parents = "", authored = "", committed = "", ...message] = record.split(FIELD);
      return { sha, parents: parents.split(" ").filter((parent) => parent !== ""), authored, committed, message: message.join(FIELD) };
    });
}

function iso(text: string): string {
  return new Date(text).toISOString();
}

/**
 * The promotions merged into the workspace's base, from git alone. The clone is made whole first
 * (`--unshallow`): a promotion's merge can be older than any depth guessed.
 */
export async function readGitHistory(workspace: GitWorkspace): Promise<PromotionEvent[]> {
  const shallow = (await workspace.git(["rev-parse", "--is-shallow-repository"])).stdout.toString("utf8").trim() === "true";
  if (shallow)
    await workspace.git([
      "fetch",
      "--no-tags",
      "--unshallow",
      "origin",
      `+refs/heads/${workspace.base}:refs/remotes/origin/${workspace.base}`,
    ]);
  const base = `refs/remotes/origin/${workspace.base}`;
  const all = new Map((await logCommits(workspace, [base])).map((commit) => [commit.sha, commit]));
  const mainline = await logCommits(workspace, ["--first-parent", base]);
  const onMainline = new Set(mainline.map((commit) => commit.sha));
  const events: PromotionEvent[] = [];
  for (const commit of mainline) {
    if (commit.parents.length >= 2) {
      // Only a merge of modelship's branch; then the newest promotion commit for that branch's
      // environment and model it brought in (publishBranch makes one; a person may add more).
      const branch = mergedBranch(commit.message);
      if (branch === undefined || !branch.startsWith("modelship/")) continue;
      let cursor = all.get(commit.parents[1]!);
      for (let steps = 0; cursor !== undefined && !onMainline.has(cursor.sha) && steps < 100; steps += 1) {
        const facts = readPromotionCommit(cursor.message);
        if (facts !== undefined && promotionBranch(facts.environment, facts.model) === branch) {
          events.push({ ...facts, openedAt: iso(cursor.committed), mergedAt: iso(commit.committed), ref: commit.sha.slice(0, 12) });
          break;
        }
        cursor = cursor.parents[0] === undefined ? undefined : all.get(cursor.parents[0]);
      }
      continue;
    }
    const facts = readPromotionCommit(commit.message);
    if (facts !== undefined)
      events.push({ ...facts, openedAt: iso(commit.authored), mergedAt: iso(commit.committed), ref: commit.sha.slice(0, 12) });
  }
  return events;
}

/** The fields of a listed pull request read here (`pull-request-simple`). */
interface ListedPull {
  number: number;
  html_url: string;
  body: string | null;
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  labels: { name?: string }[];
  head: { ref: string; repo: { full_name: string } | null };
}

export interface PullRequestHistoryOptions {
  /** OWNER/REPO of the GitOps repository. */
  repository: string;
  base: string;
  /** PRs last updated before this are not read (a merged PR's update time is at or after its merge). */
  since: Date;
  /** Label of rollback PRs whose marker predates the action field (the canary job's `rollback`). */
  rollbackLabel?: string;
}

/**
 * The promotion PRs merged into `base` since `since`, newest first by update time, read page by
 * page until one ends before `since`. A PR without modelship's marker, or not from the (environment, model) branch
 * modelship pushes in this repository, is not ours and is left out; one whose marker
 * predates the action field counts as a rollback when labelled so, else is left out.
 */
export async function readPullRequestHistory(client: GitHubClient, options: PullRequestHistoryOptions): Promise<PromotionEvent[]> {
  const where = parseRepository(options.repository);
  if (where === undefined)
    throw new UserError(`"${options.repository}" is not a GitHub repository name`, {
      hint: "give the GitOps repository as owner/name (--gitops-repo, promote.repository), e.g. octo-org/gitops",
    });
  const since = options.since.getTime();
  const rollbackLabel = (options.rollbackLabel ?? "rollback").toLowerCase();
  const events: PromotionEvent[] = [];
  const pages = client.paginate.iterator(client.rest.pulls.list, {
    owner: where.owner,
    repo: where.repo,
    state: "closed",
    base: options.base,
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  for await (const page of pages) {
    const pulls = page.data as unknown as ListedPull[];
    for (const pull of pulls) {
      if (pull.merged_at === null || Date.parse(pull.merged_at) < since) continue;
      const mark = readPromotionMark(pull.body ?? "");
      // Only modelship's own branch in this repository: a PR that quotes a promotion's body (a fork's, a how-to) is not one.
      if (
        mark === undefined ||
        pull.head.ref !== promotionBranch(mark.environment, mark.model) ||
        pull.head.repo?.full_name.toLowerCase() !== options.repository.toLowerCase()
      )
        continue;
      const action = mark.action ?? (pull.labels.some((label) => label.name?.toLowerCase() === rollbackLabel) ? "rollback" : undefined);
      if (action === undefined) continue;
      events.push({
        environment: mark.environment,
        model: mark.model,
        version: mark.version ?? "",
        action,
        openedAt: iso(pull.created_at),
        mergedAt: iso(pull.merged_at),
        ref: `#${pull.number}`,
        url: pull.html_url,
      });
    }
    // Sorted by update time, newest first: once a page ends before the window, no later page is in it.
    const oldest = pulls.at(-1);
    if (oldest === undefined || Date.parse(oldest.updated_at) < since) break;
  }
  return events;
}
