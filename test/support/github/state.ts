/** The fake's in-memory world: repositories, issues and pull requests, labels, comments, tokens, users. */
import { randomBytes } from "node:crypto";

/** What a token may do: `read` is the token a fork's pull request gets (writes are refused). */
export type TokenAccess = "write" | "read";

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  fork: boolean;
  createdAt: string;
  /** The repository's "Allow auto-merge" setting. */
  allowAutoMerge: boolean;
  /**
   * Whether base branches require status checks, so a new pull request waits (`blocked`) and
   * auto-merge can be enabled; without, it is `clean` at once and GitHub refuses auto-merge.
   */
  requiredChecks: boolean;
  /** Logins that may be asked for a review (GitHub's collaborators), lower-cased → as spelled. */
  collaborators: Map<string, string>;
  /** Slugs of the teams with access, lower-cased → as spelled. */
  teams: Map<string, string>;
}

/** Auto-merge as enabled through GraphQL's `enablePullRequestAutoMerge`. */
export interface AutoMergeRecord {
  mergeMethod: "MERGE" | "SQUASH" | "REBASE";
  enabledBy: string;
  enabledAt: string;
}

export interface PullRecord {
  headRepo: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergeableState: "clean" | "blocked";
  requestedReviewers: string[];
  requestedTeams: string[];
  autoMerge: AutoMergeRecord | null;
  /** Set by a merge (`PUT .../merge`): who, when, and the commit it made on the base. */
  mergedBy?: string;
  mergedAt?: string;
  mergeCommitSha?: string;
}

/** A check run on a commit, as a GitHub App (GitHub Actions: `github-actions`) reports it. */
export interface CheckRunRecord {
  id: number;
  repo: string;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | null;
  /** The app's slug; its numeric id is made up from it. */
  app: string;
  startedAt: string;
  completedAt: string | null;
}

/** A commit status, as anyone with `statuses: write` can post it. */
export interface CommitStatusRecord {
  id: number;
  repo: string;
  sha: string;
  context: string;
  state: "error" | "failure" | "pending" | "success";
  creator: string;
  createdAt: string;
}

export interface IssueRecord {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  state: "open" | "closed";
  closedAt: string | null;
  /** Why the issue was last closed or reopened; absent: `completed` when closed, else none. */
  stateReason?: IssueStateReason | null;
  /** Label names as first created in the repository, in the order they were added. */
  labels: string[];
  /** Logins of the assignees, in the order they were given. */
  assignees?: string[];
  pull?: PullRecord;
}

/** GitHub's `state_reason` of an issue. */
export type IssueStateReason = "completed" | "not_planned" | "duplicate" | "reopened";

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
}

export interface CommentRecord {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseRecord {
  id: number;
  repo: string;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface AssetRecord {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
  uploader: string;
  createdAt: string;
}

/** A `repository_dispatch` event or a `workflow_dispatch` run request the fake received. */
export interface DispatchRecord {
  repo: string;
  kind: "repository" | "workflow";
  /** `event_type` for a repository dispatch, the workflow id or file name for a workflow one. */
  name: string;
  /** `client_payload` or `inputs`; `ref` of a workflow dispatch rides along as `ref`. */
  payload: Record<string, unknown>;
  ref?: string;
}

/** Lower-cases `owner/name`: GitHub resolves repositories case-insensitively. */
export function repoKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** GitHub-style timestamp: ISO 8601 in UTC without milliseconds. */
export function timestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Mutable state shared by the resource handlers. */
export class FakeState {
  readonly repos = new Map<string, RepoRecord>();
  readonly issues = new Map<string, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly tokens = new Map<string, { access: TokenAccess; login: string }>();
  readonly userIds = new Map<string, number>();
  /** Git refs by `repoKey#refs/heads/x` → sha. */
  readonly refs = new Map<string, string>();
  readonly releases = new Map<number, ReleaseRecord>();
  readonly assets = new Map<number, AssetRecord>();
  /** Repository labels by `repoKey#lower-cased name` (GitHub matches label names case-insensitively). */
  readonly labels = new Map<string, LabelRecord>();
  /** Bare git repositories standing in for a repository's branches, by `repoKey`. */
  readonly gitRemotes = new Map<string, string>();
  /** Dispatches received, oldest first. */
  readonly dispatches: DispatchRecord[] = [];
  /** Attestation bundles by `repoKey#sha256:<hex>` (attestations.ts), oldest first. */
  readonly attestations = new Map<string, Record<string, unknown>[]>();
  /** Check runs and commit statuses, oldest first (ids grow with time). */
  readonly checkRuns: CheckRunRecord[] = [];
  readonly commitStatuses: CommitStatusRecord[] = [];
  /** Signs release-asset storage links, as a storage service signs its pre-signed URLs. */
  readonly storageSecret = randomBytes(16).toString("hex");
  #nextId = 1_000_000;

  /** A fresh id, unique across every kind of object (real ids are too, near enough). */
  nextId(): number {
    this.#nextId += 1;
    return this.#nextId;
  }

  /** The numeric id of a user, made up on first sight so that it stays stable. */
  userId(login: string): number {
    let id = this.userIds.get(login);
    if (id === undefined) {
      id = this.nextId();
      this.userIds.set(login, id);
    }
    return id;
  }

  /** Registers a repository (idempotent). */
  addRepo(
    fullName: string,
    options: { private?: boolean; fork?: boolean; allowAutoMerge?: boolean; requiredChecks?: boolean } = {},
  ): RepoRecord {
    const known = this.repos.get(repoKey(fullName));
    if (known !== undefined) return known;
    const [owner, name, extra] = fullName.split("/");
    if (owner === undefined || name === undefined || extra !== undefined || owner === "" || name === "") {
      throw new Error(`repository name must be "owner/name", got "${fullName}"`);
    }
    const record: RepoRecord = {
      id: this.nextId(),
      owner,
      name,
      private: options.private ?? false,
      fork: options.fork ?? false,
      createdAt: timestamp(),
      allowAutoMerge: options.allowAutoMerge ?? true,
      requiredChecks: options.requiredChecks ?? true,
      collaborators: new Map(),
      teams: new Map(),
    };
    this.repos.set(repoKey(fullName), record);
    return record;
  }

  /** Looks a repository up by `owner` and `repo` path parameters. */
  findRepo(owner: string, repo: string): RepoRecord | undefined {
    return this.repos.get(repoKey(`${owner}/${repo}`));
  }

  /** Looks an issue (or pull request) up. */
  findIssue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return this.issues.get(`${repoKey(`${repo.owner}/${repo.name}`)}#${number}`);
  }

  /** Stores an issue (or pull request) under its number. */
  putIssue(issue: IssueRecord): void {
    this.issues.set(`${repoKey(issue.repo)}#${issue.number}`, issue);
  }

  /** The repository label called `name` (any case), created on first use as GitHub does when labelling. */
  label(repo: RepoRecord, name: string): LabelRecord {
    const key = `${repoKey(`${repo.owner}/${repo.name}`)}#${name.toLowerCase()}`;
    let label = this.labels.get(key);
    if (label === undefined) {
      label = { id: this.nextId(), name, color: "ededed" };
      this.labels.set(key, label);
    }
    return label;
  }

  /** The issues and pull requests of one repository, by number. */
  issuesOf(repo: RepoRecord): IssueRecord[] {
    const key = repoKey(`${repo.owner}/${repo.name}`);
    return [...this.issues.values()].filter((issue) => repoKey(issue.repo) === key).sort((a, b) => a.number - b.number);
  }

  /** The next free issue/pull request number of a repository (they share one sequence). */
  nextNumber(repo: RepoRecord): number {
    return Math.max(0, ...this.issuesOf(repo).map((issue) => issue.number)) + 1;
  }

  /** The comments of one issue, oldest first (ids grow with time). */
  commentsOf(repo: string, issueNumber: number): CommentRecord[] {
    const key = repoKey(repo);
    return [...this.comments.values()]
      .filter((comment) => repoKey(comment.repo) === key && comment.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }
}
