/** Runs the built CLI (`dist/cli.js`) in a child process, as a user's shell would. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runProcess } from "./runner.ts";

export const CLI_PATH = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child in KiB, when measured with `measureRss`. */
  maxRssKiB?: number;
}

/** Runs `modelship ARGS…` in `cwd`; `measureRss` wraps it in GNU time to read the peak RSS. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; measureRss?: boolean }): CliRun {
  const env = { ...process.env, NO_COLOR: "1", ...options.env };
  const command = options.measureRss ? "/usr/bin/time" : process.execPath;
  const argv = options.measureRss ? ["-f", "MAXRSS=%M", process.execPath, CLI_PATH, ...args] : [CLI_PATH, ...args];
  const result = spawnSync(command, argv, { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  let stderr = result.stderr;
  let maxRssKiB: number | undefined;
  if (options.measureRss) {
    const match = /MAXRSS=(\d+)\s*$/.exec(stderr);
    if (match) {
      maxRssKiB = Number(match[1]);
      stderr = stderr.slice(0, match.index);
    }
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr, maxRssKiB };
}

/** True when text looks like a JavaScript stack trace (what a user must never see for their mistake). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+:\d+:\d+\)?/.test(text);
}

/** process.env without the test run's own GITHUB_/MODELSHIP_/RUNNER_/INPUT_/ACTIONS_ variables, no colour, the C locale, no system git config, then `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^(GITHUB_|MODELSHIP_|RUNNER_|INPUT_|ACTIONS_)/.test(key)) env[key] = value;
  return { ...env, NO_COLOR: "1", LC_ALL: "C", GIT_CONFIG_NOSYSTEM: "1", ...extra };
}

/** Runs the built CLI with `args` in `cwd` under cleanEnv(`env`), asserting it printed no stack trace; `output` is stdout and stderr. */
export async function runModelship(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ exitCode: number; stdout: string; stderr: string; output: string }> {
  const run = await runProcess(process.execPath, [CLI_PATH, ...args], {
    cwd,
    env: cleanEnv(options.env),
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.ok(!hasStackTrace(output), `no stack trace:\n${output}`);
  return { ...run, output };
}
