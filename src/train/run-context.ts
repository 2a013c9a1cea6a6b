/**
 * Facts about where and from what a run happened: file fingerprints, the git commit and whether
 * the tree was dirty, the workflow run, and the runner machine. Each is best effort: a missing git
 * or a non-Actions environment leaves its field out rather than failing the run.
 */
import { cpus, release, totalmem, type } from "node:os";
import { errnoCode, UserError } from "../common/errors.ts";
import { sha256File } from "../common/file-hash.ts";
import { gitOutput } from "../git/git-command.ts";
import { readGitHubContext } from "../github/context.ts";

export interface FileFingerprint {
  path: string;
  sha256: string;
  bytes: number;
}

/** sha256 and size of a file, streamed. */
export async function fingerprintFile(path: string): Promise<FileFingerprint> {
  try {
    return { path, ...(await sha256File(path)) };
  } catch (error) {
    throw new UserError(errnoCode(error) === "ENOENT" ? "not found" : `cannot be read (${errnoCode(error) ?? String(error)})`, {
      file: path,
      hint: "check the path (relative to the working directory)",
    });
  }
}

/** HEAD, dirty flag and ref of the repository at `cwd`; empty outside git. */
export async function gitState(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ sha?: string; dirty?: boolean; ref?: string }> {
  try {
    const sha = (await gitOutput(["rev-parse", "HEAD"], { cwd, env })).trim();
    // Only tracked files count: outputs written into the tree are not "dirty code".
    const status = (await gitOutput(["status", "--porcelain", "--untracked-files=no"], { cwd, env })).trim();
    const ref =
      env.GITHUB_REF ??
      (await gitOutput(["rev-parse", "--abbrev-ref", "HEAD"], { cwd, env })
        .then((output) => output.trim())
        .catch(() => undefined));
    return { sha, dirty: status !== "", ...(ref === undefined ? {} : { ref }) };
  } catch {
    return {};
  }
}

/** The workflow run, from the same context reader the other actions use. */
export function workflowRun(env: NodeJS.ProcessEnv = process.env): { url?: string; workflow?: string; job?: string; attempt?: number } {
  const context = readGitHubContext(env);
  const info: { url?: string; workflow?: string; job?: string; attempt?: number } = {};
  if (context.runUrl !== undefined) info.url = context.runUrl;
  if (context.workflow !== undefined) info.workflow = context.workflow;
  if (context.job !== undefined) info.job = context.job;
  if (context.runAttempt !== undefined && /^\d+$/.test(context.runAttempt)) info.attempt = Number(context.runAttempt);
  return info;
}

/** The machine: OS, CPU, memory, Node, and the runner's name and labels when known. */
export function runnerInfo(
  env: NodeJS.ProcessEnv = process.env,
  labels?: string,
): { name?: string; labels?: string; os: string; arch: string; cpuModel: string; cpus: number; memoryMiB: number; node: string } {
  const cores = cpus();
  return {
    ...(env.RUNNER_NAME === undefined ? {} : { name: env.RUNNER_NAME }),
    ...(labels === undefined ? {} : { labels }),
    os: `${type()} ${release()}`,
    arch: process.arch,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cpus: cores.length,
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
  };
}
