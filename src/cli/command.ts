/** What every CLI command looks like, and the exit codes the CLI promises. */
import type { Logger } from "../common/logger.ts";
import { DEFAULT_LOCAL_REGISTRY } from "../stages/release-settings.ts";
import type { StageRun } from "../stages/stage-run.ts";

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
}

export interface Command {
  name: string;
  summary: string;
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
