/**
 * The one place modelship starts the git CLI: argv only (never a shell), C locale, stdout as bytes.
 * git-workspace.ts builds clones and pushes on it; the stages and the run record read a commit's
 * time, HEAD or a file at a base commit through `gitOutput`. The caller's environment reaches git
 * whole (only LC_ALL and GIT_TERMINAL_PROMPT are set over it), so git's libcurl reads the proxy
 * variables itself (`http_proxy`, `HTTPS_PROXY`, `NO_PROXY`…; docs/proxies.md): nothing here may
 * filter them out (test/integration/proxies.test.ts clones through a proxy).
 */
import { spawn } from "node:child_process";
import { errnoCode, UserError } from "../common/errors.ts";

/** What one git call gave back. */
export interface GitRun {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

/** Runs git with argv (never a shell), feeding `input` on stdin; collects stdout as bytes. */
export function runGit(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", argv, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      reject(
        errnoCode(error) === "ENOENT"
          ? new UserError("git is not installed or not on PATH", { hint: "Install git on the runner.", cause: error })
          : error,
      );
    });
    child.on("close", (code, signal) => {
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString("utf8") + (signal ? `\n(killed by ${signal})` : ""),
        exitCode: code ?? 128,
      });
    });
    child.stdin.on("error", () => undefined); // git may exit before reading all of stdin
    child.stdin.end(options.input ?? "");
  });
}

/** git's stdout as text for `args` run in `cwd`; throws (an Error with git's stderr) when git exits non-zero. */
export async function gitOutput(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const run = await runGit(args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...(options.env ?? process.env), LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" },
  });
  if (run.exitCode !== 0) throw new Error(`git ${args[0] ?? ""} failed (exit ${run.exitCode}): ${run.stderr.trim()}`);
  return run.stdout.toString("utf8");
}
