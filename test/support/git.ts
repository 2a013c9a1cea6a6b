/**
 * Git as a person would run it, outside the code under test: for tests that stand a bare repository
 * in for a GitOps remote and push to it the way other people (or GitHub's merge button) would.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Who the commits made through these helpers are by: a person, never modelship's bot. */
const PERSON = {
  GIT_AUTHOR_NAME: "Pat Person",
  GIT_AUTHOR_EMAIL: "pat@example.com",
  GIT_COMMITTER_NAME: "Pat Person",
  GIT_COMMITTER_EMAIL: "pat@example.com",
};

/** Runs git in `cwd` with the test identity, C locale and no system config; the output, trimmed. */
export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return gitRaw(cwd, args, env).trim();
}

function gitRaw(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync("git", args, {
    cwd,
    env: { ...process.env, ...PERSON, LC_ALL: "C", GIT_CONFIG_NOSYSTEM: "1", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The sha `branch` points at in the repository `gitDir` (bare or not), or undefined when there is no such branch. */
export function refSha(gitDir: string, branch: string): string | undefined {
  try {
    return git(gitDir, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`]);
  } catch {
    return undefined;
  }
}

/** The text of `path` on branch `ref` of `gitDir`, exactly as committed (trailing newline kept). */
export function show(gitDir: string, ref: string, path: string): string {
  return gitRaw(gitDir, ["show", `refs/heads/${ref}:${path}`]);
}

/**
 * Commits `files` (path → text) onto `branch` of `remote` and pushes it (forced), as one commit made
 * in a scratch clone that is removed afterwards. The commit's parent is branch `from` of the remote,
 * or none (a root commit) when `from` is null. `env` reaches the commit (dates, another identity).
 * Returns the new commit's sha.
 */
export function pushFiles(
  remote: string,
  branch: string,
  files: Record<string, string>,
  options: { from: string | null; message?: string; env?: Record<string, string> },
): string {
  const dir = mkdtempSync(join(tmpdir(), "modelship-push-"));
  try {
    git(dir, ["init", "--quiet", "--initial-branch=main"]);
    if (options.from !== null) {
      git(dir, ["fetch", "--quiet", remote, `+refs/heads/${options.from}:refs/remotes/origin/${options.from}`]);
      git(dir, ["checkout", "--quiet", "-B", "scratch", `origin/${options.from}`]);
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(dir, ["add", "--all"]);
    git(dir, ["-c", "commit.gpgSign=false", "commit", "--quiet", "--allow-empty", "-m", options.message ?? `edit ${branch}`], options.env);
    git(dir, ["push", "--quiet", "--force", remote, `HEAD:refs/heads/${branch}`]);
    return git(dir, ["rev-parse", "HEAD"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates the bare repository `root`/gitops.git with `files` on main (one root commit, committed at `date` when given); its path. */
export function seedBareRemote(root: string, files: Record<string, string>, options: { message?: string; date?: Date } = {}): string {
  const bare = join(root, "gitops.git");
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const env = options.date === undefined ? undefined : { GIT_COMMITTER_DATE: options.date.toISOString() };
  pushFiles(bare, "main", files, { from: null, message: options.message ?? "seed", env });
  return bare;
}

/**
 * Squash-merges `branch` into main of `bare` as GitHub's merge button does, committed at `date`: main
 * gets one commit holding the branch's versions of the files it changed since it forked. `expect`
 * asserts that the branch changes something, and that main has not changed those files since the
 * fork (a three-way merge is not what this does).
 */
export function squashMerge(bare: string, branch: string, date: Date, expect: { changes?: boolean; mainUnmoved?: boolean } = {}): void {
  const changed = (range: string) =>
    git(bare, ["diff", "--name-only", range])
      .split("\n")
      .filter((path) => path !== "");
  const fork = git(bare, ["merge-base", "main", `refs/heads/${branch}`]);
  const files = changed(`${fork}..refs/heads/${branch}`);
  if (expect.changes) assert.ok(files.length > 0, "the branch changes something");
  if (expect.mainUnmoved) {
    const moved = changed(`${fork}..refs/heads/main`).filter((path) => files.includes(path));
    assert.deepEqual(moved, [], `squashMerge: main changed ${moved.join(", ")} since ${branch} forked`);
  }
  pushFiles(bare, "main", Object.fromEntries(files.map((path) => [path, show(bare, branch, path)])), {
    from: "main",
    message: `Merge ${branch}`,
    env: { GIT_COMMITTER_DATE: date.toISOString(), GIT_AUTHOR_DATE: date.toISOString() },
  });
}

/**
 * Like pushFiles, with entries git stores specially: symbolic links (`links`: path → target, mode
 * 120000) and submodules (`gitlinks`: path → commit, mode 160000). `files` may hold raw bytes.
 */
export function pushTree(
  remote: string,
  branch: string,
  entries: { files?: Record<string, string | Buffer>; links?: Record<string, string>; gitlinks?: Record<string, string> },
  options: { from: string },
): string {
  const dir = mkdtempSync(join(tmpdir(), "modelship-push-"));
  try {
    git(dir, ["init", "--quiet", "--initial-branch=main"]);
    git(dir, ["fetch", "--quiet", remote, `+refs/heads/${options.from}:refs/remotes/origin/${options.from}`]);
    git(dir, ["checkout", "--quiet", "-B", "scratch", `origin/${options.from}`]);
    for (const [path, content] of Object.entries(entries.files ?? {})) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
      git(dir, ["add", "--", path]);
    }
    for (const [path, target] of Object.entries(entries.links ?? {})) {
      const blob = execFileSync("git", ["hash-object", "-w", "--stdin"], { cwd: dir, input: target, encoding: "utf8" }).trim();
      git(dir, ["update-index", "--add", "--cacheinfo", `120000,${blob},${path}`]);
    }
    for (const [path, sha] of Object.entries(entries.gitlinks ?? {}))
      git(dir, ["update-index", "--add", "--cacheinfo", `160000,${sha},${path}`]);
    git(dir, ["-c", "commit.gpgSign=false", "commit", "--quiet", "--allow-empty", "-m", `edit ${branch}`]);
    git(dir, ["push", "--quiet", "--force", remote, `HEAD:refs/heads/${branch}`]);
    return git(dir, ["rev-parse", "HEAD"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
