/**
 * Everything modelship does with git, through the real `git` CLI: a shallow clone of a GitOps
 * repository's base branch, reads at any ref, and `publishBranch`, which builds one commit on top of
 * the freshly fetched base and force-pushes it to a bot-owned branch with a lease.
 *
 * The token never appears in a URL, an argument or a log line: it travels as an HTTP header through
 * git's environment config (as actions/checkout does), and every message taken from git is redacted.
 */
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { runGit, type GitRun } from "./git-command.ts";

/** Who commits. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** The identity of modelship's commits unless a caller gives another. */
const DEFAULT_GIT_IDENTITY: GitIdentity = { name: "modelship[bot]", email: "modelship@users.noreply.github.com" };

export interface CloneOptions {
  /** URL or path of the repository; never with the token in it. */
  remote: string;
  /** The branch promotions are based on, e.g. `main`. */
  base: string;
  /** An empty or missing folder to clone into. */
  dir: string;
  /** Sent as an HTTP `Authorization` header; never placed in a URL, argument or log. */
  token?: string;
  /** How many commits of `base` to fetch; default 50. */
  depth?: number;
  logger: Logger;
}

/** A commit as `lastChange` reports it. */
export interface CommitInfo {
  sha: string;
  /** Committer time: when the change landed on the branch. */
  time: Date;
  subject: string;
}

interface GitCallOptions {
  input?: string;
  env?: Record<string, string>;
  /** Return a failing run instead of throwing. */
  allowFailure?: boolean;
}

const DEFAULT_DEPTH = 50;
const DEEPEN_ROUNDS = 3;

/** The `Authorization: Basic` credential git sends for a token (as actions/checkout does). */
export function basicAuthValue(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString("base64");
}

/** Replaces the token, its header forms and any URL credentials in `text` with `***`. */
function makeRedactor(token: string | undefined): (text: string) => string {
  const secrets = token ? [token, encodeURIComponent(token), basicAuthValue(token), Buffer.from(token).toString("base64")] : [];
  secrets.sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text;
    for (const secret of secrets) redacted = redacted.replaceAll(secret, "***");
    return redacted.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1***@");
  };
}

/** The environment every git call gets: C locale, no prompts, and the token as a header. */
function gitEnvironment(token: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" };
  if (token) {
    // Appended after any config the caller's environment already carries.
    const index = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
    env.GIT_CONFIG_COUNT = String(index + 1);
    env[`GIT_CONFIG_KEY_${index}`] = "http.extraHeader";
    env[`GIT_CONFIG_VALUE_${index}`] = `Authorization: Basic ${basicAuthValue(token)}`;
  }
  return env;
}

/** Rejects paths that are not plain relative paths inside the repository. */
function repositoryPath(path: string): string {
  const normal = posix.normalize(path.replaceAll("\\", "/"));
  if (path === "" || isAbsolute(path) || normal.startsWith("../") || normal === ".." || normal === "." || /[\n\0]/.test(path)) {
    throw new UserError(`"${path}" is not a file path inside the GitOps repository`, {
      hint: "Use a path relative to the repository root, e.g. apps/model/values.yaml.",
    });
  }
  return normal;
}

/** The parts of a raw commit object that decide whether two commits say the same thing. */
export interface RawCommit {
  tree: string;
  parents: string[];
  message: string;
}

function parseRawCommit(raw: string): RawCommit {
  const split = raw.indexOf("\n\n");
  const headers = (split === -1 ? raw : raw.slice(0, split)).split("\n");
  const message = split === -1 ? "" : raw.slice(split + 2);
  let tree = "";
  const parents: string[] = [];
  for (const line of headers) {
    if (line.startsWith("tree ")) tree = line.slice(5);
    else if (line.startsWith("parent ")) parents.push(line.slice(7));
  }
  return { tree, parents, message };
}

/** A commit message as commit-tree stores it: trailing whitespace trimmed, one final newline. */
function normalizeMessage(message: string): string {
  return `${message.replace(/\s+$/, "")}\n`;
}

/** A shallow clone of one branch of a GitOps repository. */
export class GitWorkspace {
  readonly dir: string;
  readonly remote: string;
  readonly base: string;
  readonly #token: string | undefined;
  readonly #depth: number;
  readonly #logger: Logger;
  readonly #redact: (text: string) => string;
  readonly #env: NodeJS.ProcessEnv;
  // Fetches update refs and .git/shallow, which git locks: they take turns.
  #fetchQueue: Promise<unknown> = Promise.resolve();

  private constructor(options: CloneOptions) {
    this.dir = options.dir;
    this.remote = options.remote;
    this.base = options.base;
    this.#token = options.token || undefined;
    this.#depth = options.depth ?? DEFAULT_DEPTH;
    this.#logger = options.logger;
    this.#redact = makeRedactor(this.#token);
    this.#env = gitEnvironment(this.#token);
  }

  /** Clones only `base`, `depth` commits deep, without tags. */
  static async clone(options: CloneOptions): Promise<GitWorkspace> {
    const workspace = new GitWorkspace(options);
    const depth = workspace.#depth;
    if (!Number.isInteger(depth) || depth < 1) throw new UserError(`clone depth must be a positive integer, not ${depth}`);
    await mkdir(dirname(options.dir), { recursive: true });
    // --no-local: a path remote goes through git's transport too, so --depth is honoured.
    const run = await workspace.git(
      [
        "clone",
        "--no-local",
        `--depth=${depth}`,
        "--single-branch",
        `--branch=${options.base}`,
        "--no-tags",
        "--",
        options.remote,
        options.dir,
      ],
      { allowFailure: true, cwd: dirname(options.dir) },
    );
    if (run.exitCode === 0) return workspace;
    const remote = workspace.#redact(options.remote);
    const detail = workspace.#redact(run.stderr.trim());
    // Tell "no such branch" from "no such repository" by asking the remote, not by git's wording.
    const probe = await workspace.git(["ls-remote", "--heads", "--", options.remote, `refs/heads/${options.base}`], {
      allowFailure: true,
      cwd: dirname(options.dir),
    });
    if (probe.exitCode === 0 && probe.stdout.toString("utf8").trim() === "") {
      throw new UserError(`branch "${options.base}" does not exist in the GitOps repository ${remote}`, {
        hint: "create the branch in the GitOps repository, or set the base branch (--base, promote.base) to one that exists",
      });
    }
    throw new UserError(`cannot clone branch "${options.base}" of the GitOps repository ${remote} into ${options.dir}: ${detail}`, {
      hint:
        probe.exitCode === 0
          ? "Clone into an empty or missing folder."
          : "Check the repository URL, and that the token can read it (contents: read).",
    });
  }

  /** The sha of origin/<base> as last fetched. */
  async baseSha(): Promise<string> {
    return this.#revParse(`refs/remotes/origin/${this.base}`);
  }

  /** A file's text from the working tree, or at `ref` when given; undefined when it does not exist. */
  async readFile(path: string, ref?: string): Promise<string | undefined> {
    const file = repositoryPath(path);
    if (ref === undefined) {
      try {
        return await readFile(join(this.dir, file), "utf8");
      } catch (error) {
        if (errnoCode(error) === "ENOENT" || errnoCode(error) === "EISDIR") return undefined;
        throw error;
      }
    }
    const run = await this.git(["cat-file", "--batch"], { input: `${ref}:${file}\n` });
    const newline = run.stdout.indexOf(10);
    const header = run.stdout.subarray(0, newline).toString("utf8");
    const [sha, type, size] = header.split(" ");
    if (header.endsWith(" missing") || type !== "blob" || sha === undefined || size === undefined) {
      // A path that is missing is an answer; a ref that does not exist is a caller's mistake.
      await this.#revParse(`${ref}^{commit}`);
      return undefined;
    }
    return run.stdout.subarray(newline + 1, newline + 1 + Number(size)).toString("utf8");
  }

  /** Writes a file into the working tree, creating folders as needed. */
  async writeFile(path: string, text: string): Promise<void> {
    const target = join(this.dir, repositoryPath(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }

  /**
   * The last commit on origin/<base> that touched `path`, or undefined if none did. The clone is
   * shallow, so when the answer is the shallow boundary commit (which git sees as adding every file)
   * the history is deepened a few times; if the answer is still the boundary, the boundary commit is
   * returned, so the true last change may be older than reported.
   */
  async lastChange(path: string): Promise<CommitInfo | undefined> {
    const file = repositoryPath(path);
    let deepenBy = this.#depth;
    for (let round = 0; ; round++) {
      // --first-parent: on the base branch, a merged PR's change lands with its merge commit (whose
      // committer time is when it merged), not with the PR's own older commit.
      const run = await this.git([
        "--literal-pathspecs",
        "log",
        "-1",
        "--first-parent",
        "--format=%H%x00%ct%x00%s",
        `refs/remotes/origin/${this.base}`,
        "--",
        file,
      ]);
      const line = run.stdout.toString("utf8").trim();
      if (line === "") return undefined;
      const [sha = "", seconds = "0", subject = ""] = line.split("\0");
      const commit = { sha, time: new Date(Number(seconds) * 1000), subject };
      if (round >= DEEPEN_ROUNDS || !(await this.#shallowCommits()).has(sha)) return commit;
      this.#logger.debug(`${file}: last change is at the shallow boundary (${sha.slice(0, 12)}); fetching ${deepenBy} more commits`);
      await this.#fetch([`--deepen=${deepenBy}`, "origin", `+refs/heads/${this.base}:refs/remotes/origin/${this.base}`]);
      deepenBy *= 4;
    }
  }

  /** The sha of a branch on the remote, or undefined when it does not exist. */
  async remoteBranchSha(branch: string): Promise<string | undefined> {
    const ref = `refs/heads/${branch}`;
    const run = await this.#remoteGit(["ls-remote", "--heads", "origin", ref], `look up branch "${branch}"`);
    for (const line of run.stdout.toString("utf8").split("\n")) {
      const [sha, name] = line.split("\t");
      if (name === ref && sha) return sha;
    }
    return undefined;
  }

  /** Paths that differ between two commits (renames as a deletion and an addition). */
  async changedFiles(fromRef: string, toRef: string): Promise<string[]> {
    const run = await this.git(["diff", "--name-only", "--no-renames", "-z", fromRef, toRef, "--"]);
    return run.stdout
      .toString("utf8")
      .split("\0")
      .filter((name) => name !== "");
  }

  /**
   * The files that differ between two refs with their mode after the change (`100644`, `100755`,
   * `120000` a symbolic link, `160000` a submodule; `000000` when deleted), renames as a delete and an add.
   */
  async changedEntries(fromRef: string, toRef: string): Promise<{ path: string; mode: string }[]> {
    const run = await this.git(["diff", "--raw", "--no-renames", "--no-abbrev", "-z", fromRef, toRef, "--"]);
    const fields = run.stdout.toString("utf8").split("\0");
    const entries: { path: string; mode: string }[] = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const header = fields[index]!;
      if (header === "") break;
      entries.push({ path: fields[index + 1]!, mode: header.slice(1).split(" ")[1] ?? "" });
    }
    return entries;
  }

  /**
   * Every file in the tree at `ref` (recursively) with its mode (`100644`, `100755`, `120000` a
   * symbolic link, `160000` a submodule), blob sha and size in bytes (-1 for a submodule).
   */
  async listFiles(ref: string): Promise<{ path: string; mode: string; sha: string; size: number }[]> {
    const run = await this.git(["ls-tree", "-r", "-z", "--long", "--full-tree", ref]);
    const files: { path: string; mode: string; sha: string; size: number }[] = [];
    for (const entry of run.stdout.toString("utf8").split("\0")) {
      // `<mode> SP <type> SP <sha> SP+ <size> TAB <path>`; the size is `-` for a submodule.
      const match = /^(\d+) \w+ ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(entry);
      if (match) files.push({ mode: match[1]!, sha: match[2]!, size: match[3] === "-" ? -1 : Number(match[3]), path: match[4]! });
    }
    return files;
  }

  /** Fetches a branch name, a `refs/…` ref (e.g. `refs/pull/12/head`) into a local ref; returns its sha. */
  async fetchRef(ref: string): Promise<string> {
    const source = ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
    const local = `refs/modelship/fetched/${source.slice("refs/".length)}`;
    await this.#fetch([`--depth=${this.#depth}`, "origin", `+${source}:${local}`], `fetch ${ref}`);
    return this.#revParse(local);
  }

  /** Runs git in this workspace (or `cwd`) and returns its output; throws on failure unless allowed. */
  async git(args: string[], options: GitCallOptions & { cwd?: string } = {}): Promise<GitRun> {
    const argv = ["-c", "gc.auto=0", "-c", "maintenance.auto=false", ...args];
    this.#logger.debug(this.#redact(`git ${argv.join(" ")}`));
    const run = await runGit(argv, { cwd: options.cwd ?? this.dir, env: { ...this.#env, ...options.env }, input: options.input });
    if (run.exitCode !== 0 && !options.allowFailure) {
      throw new Error(this.#redact(`git ${args[0] ?? ""} failed (exit ${run.exitCode}): ${run.stderr.trim()}`));
    }
    return run;
  }

  /** Redacts the token from text that came from git. */
  redact(text: string): string {
    return this.#redact(text);
  }

  /** Runs a command that talks to the remote; a failure there is the user's to fix. */
  async #remoteGit(args: string[], what: string): Promise<GitRun> {
    const run = await this.git(args, { allowFailure: true });
    if (run.exitCode === 0) return run;
    throw new UserError(`cannot ${what} in the GitOps repository ${this.#redact(this.remote)}: ${this.#redact(run.stderr.trim())}`, {
      hint: "Check that the repository is reachable and that the token can read it.",
    });
  }

  /** `git fetch --no-tags ARGS`, one at a time per workspace. */
  async #fetch(args: string[], what = "fetch"): Promise<GitRun> {
    const turn = this.#fetchQueue.then(() => this.#remoteGit(["fetch", "--no-tags", "--no-write-fetch-head", ...args], what));
    this.#fetchQueue = turn.catch(() => undefined);
    return turn;
  }

  /** Fetches the latest base; returns its sha. */
  async fetchBase(): Promise<string> {
    await this.#fetch(["origin", `+refs/heads/${this.base}:refs/remotes/origin/${this.base}`], `fetch branch "${this.base}"`);
    return this.baseSha();
  }

  /** Fetches just the tip commit of a remote branch (its tree and parents are all that is read). */
  async fetchBranchTip(branch: string): Promise<string> {
    const local = `refs/modelship/remote/${branch}`;
    await this.#fetch(["--depth=1", "origin", `+refs/heads/${branch}:${local}`], `fetch branch "${branch}"`);
    return this.#revParse(local);
  }

  /** Reads a commit object as stored, parents included even past a shallow boundary. */
  async rawCommit(sha: string): Promise<RawCommit> {
    return parseRawCommit((await this.git(["cat-file", "commit", sha])).stdout.toString("utf8"));
  }

  async #revParse(rev: string): Promise<string> {
    return (await this.git(["rev-parse", "--verify", "--end-of-options", rev])).stdout.toString("utf8").trim();
  }

  async #shallowCommits(): Promise<Set<string>> {
    const path = (await this.git(["rev-parse", "--path-format=absolute", "--git-path", "shallow"])).stdout.toString("utf8").trim();
    try {
      return new Set((await readFile(path, "utf8")).split("\n").filter((line) => line !== ""));
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return new Set();
      throw error;
    }
  }
}

export interface PublishBranchOptions {
  /** Deterministic, e.g. `modelship/production/adult-income`. */
  branch: string;
  /** Commit message (subject, blank line, body); deterministic, so a re-run can be recognised. */
  message: string;
  author?: GitIdentity;
  /** Gets a reader of the base's files; returns the files to write (path → new text, or null to delete it). Called again on a retry. */
  edit: (read: (path: string) => Promise<string | undefined>) => Promise<Map<string, string | null>>;
  /** Default 3. */
  maxAttempts?: number;
  logger: Logger;
}

export interface PublishResult {
  /** `pushed`: the branch now holds our commit; `unchanged-branch`: it already did; `no-change`: the edit changes nothing. */
  status: "pushed" | "unchanged-branch" | "no-change";
  /** The branch's commit (absent for `no-change`). */
  sha?: string;
  baseSha: string;
  attempts: number;
}

/** Runs `use` on a fresh shallow clone of `base` in a scratch folder, removed afterwards. */
export async function withClone<T>(options: Omit<CloneOptions, "dir">, use: (workspace: GitWorkspace) => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), "modelship-gitops-"));
  try {
    return await use(await GitWorkspace.clone({ ...options, dir: join(scratch, "repo") }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Builds one commit on top of the freshly fetched base from `edit` and force-pushes it to `branch`
 * with a lease. A base that moved is picked up by re-running `edit` on it (not by replaying commits);
 * a branch that someone else pushed to meanwhile fails the lease and the whole attempt is retried.
 * The commit is built from a private index, so the working tree is left alone and several branches
 * can be published from one workspace at once.
 */
export async function publishBranch(workspace: GitWorkspace, options: PublishBranchOptions): Promise<PublishResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  const { branch, logger } = options;
  for (let attempt = 1; ; attempt++) {
    const baseSha = await workspace.fetchBase();
    const remoteSha = await workspace.remoteBranchSha(branch);
    // The lease expects what we inspected: the tip we fetched, or "" (git's "must not exist").
    const leaseSha = remoteSha === undefined ? "" : await workspace.fetchBranchTip(branch);
    const remoteCommit = leaseSha === "" ? undefined : await workspace.rawCommit(leaseSha);

    const files = await options.edit((path) => workspace.readFile(path, baseSha));
    const tree = await buildTree(workspace, baseSha, files);
    const baseTree = (await workspace.git(["rev-parse", `${baseSha}^{tree}`])).stdout.toString("utf8").trim();
    if (tree === baseTree) {
      logger.info(`${branch}: nothing to change on ${workspace.base} (${baseSha.slice(0, 12)})`);
      return { status: "no-change", baseSha, attempts: attempt };
    }

    const message = normalizeMessage(options.message);
    if (
      remoteCommit &&
      remoteCommit.tree === tree &&
      remoteCommit.parents.length === 1 &&
      remoteCommit.parents[0] === baseSha &&
      remoteCommit.message === message
    ) {
      logger.info(`${branch}: already up to date at ${leaseSha.slice(0, 12)}`);
      return { status: "unchanged-branch", sha: leaseSha, baseSha, attempts: attempt };
    }

    const author = options.author ?? DEFAULT_GIT_IDENTITY;
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    const sha = (
      await workspace.git(["commit-tree", "--no-gpg-sign", tree, "-p", baseSha, "-F", "-"], { input: message, env: identity })
    ).stdout
      .toString("utf8")
      .trim();

    const push = await workspace.git(
      ["push", "--porcelain", `--force-with-lease=refs/heads/${branch}:${leaseSha}`, "origin", `${sha}:refs/heads/${branch}`],
      { allowFailure: true },
    );
    if (push.exitCode === 0) {
      logger.info(`${branch}: pushed ${sha.slice(0, 12)} on ${workspace.base} (${baseSha.slice(0, 12)})`);
      return { status: "pushed", sha, baseSha, attempts: attempt };
    }

    // The lease failed if the branch is no longer what we saw; anything else is not ours to retry.
    const nowSha = (await workspace.remoteBranchSha(branch)) ?? "";
    const detail = workspace.redact(`${push.stderr}\n${push.stdout.toString("utf8")}`.trim());
    if (nowSha === leaseSha) {
      throw new UserError(`cannot push branch "${branch}" to the GitOps repository ${workspace.redact(workspace.remote)}: ${detail}`, {
        hint: "Check that the token may push to this repository (contents: write) and that no branch protection rule covers this branch.",
      });
    }
    if (attempt >= maxAttempts) {
      throw new UserError(
        `branch "${branch}" of the GitOps repository ${workspace.redact(workspace.remote)} kept changing while modelship pushed to it (${attempt} attempts)`,
        {
          hint: "Something else pushes to this branch; let only one modelship run promote this model at a time (a workflow concurrency group).",
        },
      );
    }
    logger.info(
      `${branch}: changed on the remote while we pushed (${leaseSha.slice(0, 12) || "absent"} → ${nowSha.slice(0, 12) || "absent"}); rebuilding on the latest ${workspace.base}`,
    );
  }
}

/** Writes `files` over the base's tree in a private index (null: the file is deleted); returns the new tree's sha. */
async function buildTree(workspace: GitWorkspace, baseSha: string, files: Map<string, string | null>): Promise<string> {
  const gitDir = (await workspace.git(["rev-parse", "--path-format=absolute", "--git-dir"])).stdout.toString("utf8").trim();
  const index = join(gitDir, `modelship-index-${randomUUID()}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await workspace.git(["read-tree", baseSha], { env });
    const paths = [...files.keys()].map(repositoryPath);
    const modes = new Map<string, string>();
    if (paths.length > 0) {
      const listing = await workspace.git(["--literal-pathspecs", "ls-tree", "-z", baseSha, "--", ...paths]);
      for (const entry of listing.stdout.toString("utf8").split("\0")) {
        const match = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
        if (match) modes.set(match[2]!, match[1]!);
      }
    }
    let info = "";
    for (const [path, text] of files) {
      const file = repositoryPath(path);
      // Mode 0 with the null object id removes the entry (git update-index --index-info).
      if (text === null) {
        info += `0 ${"0".repeat(baseSha.length)}\t${file}\n`;
        continue;
      }
      const blob = (await workspace.git(["hash-object", "-w", "--stdin"], { input: text })).stdout.toString("utf8").trim();
      const mode = modes.get(file) === "100755" ? "100755" : "100644";
      info += `${mode} ${blob}\t${file}\n`;
    }
    if (info !== "") await workspace.git(["update-index", "--add", "--index-info"], { input: info, env });
    return (await workspace.git(["write-tree"], { env })).stdout.toString("utf8").trim();
  } finally {
    await rm(index, { force: true });
  }
}
