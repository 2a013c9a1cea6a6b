/** What every CLI command looks like, and the exit codes the CLI promises. */
import type { Logger } from "../common/logger.ts";
import type { ProgressBar } from "../common/progress-bar.ts";
import { DEFAULT_LOCAL_REGISTRY } from "../stages/release-settings.ts";
import type { StageRun } from "../stages/stage-run.ts";
import type { FlagSpecs } from "./options.ts";

/** 0: all checks passed. 1: checks ran and failed. 2: usage or input error. 3: a bug in modelship. */
export const ExitCode = { ok: 0, checksFailed: 1, usage: 2, bug: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CommandContext {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logger: Logger;
  /** Writes to stdout (machine-readable output goes here, logs go to the logger). */
  print(text: string): void;
  version: string;
  /** `-v`/`--verbose` or MODELSHIP_VERBOSE, read by run-cli before the command parses its flags. */
  verbose?: boolean;
  /** What stdout is (a TTY or not, for colour); absent when output is captured. */
  stdout?: { isTTY?: boolean; columns?: number };
  /** The progress bar on stderr that run-cli draws the run's progress events on (only on a TTY outside CI); absent when output is captured. */
  progress?: ProgressBar;
}

export interface Command {
  name: string;
  summary: string;
  /** The flags it parses, per subcommand (`sub` undefined: the command itself), so tests can walk every flag of every command. */
  flagSets?: readonly { sub?: string; flags: FlagSpecs }[];
  run(context: CommandContext): Promise<ExitCode>;
}

/**
 * The StageRun a command hands its stage: `--config` (else ./modelship.yaml when present), GITHUB_TOKEN
 * and GITHUB_REPOSITORY when set, and the local registry folder as the default.
 */
export function cliStageRun(context: CommandContext, config: string | undefined): StageRun {
  return {
    config: { file: config },
    cwd: context.cwd,
    env: context.env,
    logger: context.logger,
    toolVersion: context.version,
    token: context.env.GITHUB_TOKEN || undefined,
    repository: context.env.GITHUB_REPOSITORY || undefined,
    serverUrl: context.env.GITHUB_SERVER_URL || undefined,
    // The commit, when a CI (GitHub's or another that sets GITHUB_SHA) says which one.
    sha: context.env.GITHUB_SHA || undefined,
    defaultRegistry: DEFAULT_LOCAL_REGISTRY,
  };
}
