/**
 * What every stage is given by its face: where it runs and as whom (`StageRun`), and where it reads
 * modelship.yaml (`ConfigSource`). A face builds one StageRun, so the CLI and the actions hand every
 * stage the same facts, and the stage does the rest (settings, registry, clients) itself.
 */
import type { Logger } from "../common/logger.ts";
import { loadConfig, type LoadedConfig } from "../config/modelship-config.ts";
import { ALLOW_INTERNAL_ENV, ALLOW_INTERNAL_KEY, AllowList, splitAllowEnv } from "../net/allow-internal.ts";
import type { NetworkPolicy } from "../net/safe-http.ts";

/** Where a stage reads modelship.yaml: `file`, else ./modelship.yaml when present. */
export interface ConfigSource {
  file?: string;
}

/** Where and as whom a stage runs, as its face found it. */
export interface StageRun {
  config: ConfigSource;
  /**
   * The working directory modelship.yaml is found from (and git runs in). Data paths and temp folders
   * still resolve from the process's own working directory, which every face runs in.
   */
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  toolVersion: string;
  /** A GitHub token for the API: a GitHub Releases registry, comments, issues. */
  token?: string;
  /** OWNER/REPO of the repository this run belongs to. */
  repository?: string;
  serverUrl?: string;
  runId?: string;
  runUrl?: string;
  /** The commit the run is for. */
  sha?: string;
  /** The registry when neither an input nor modelship.yaml names one: `github` in Actions, a folder for the CLI. */
  defaultRegistry: string;
}

/**
 * The internal sources a run's HTTP downloads and queries may reach: modelship.yaml's
 * network.allow_internal and the run's MODELSHIP_ALLOW_INTERNAL (comma- or newline-separated), both.
 * Without `loaded` (verify-promotion reads nothing of the working tree) only the environment's.
 */
export function networkPolicy(run: Pick<StageRun, "env">, loaded?: LoadedConfig): NetworkPolicy {
  const configured = loaded?.config?.network?.allow_internal ?? [];
  return {
    allowInternal: AllowList.parse(
      {
        entries: configured,
        source: `${loaded?.file ?? "modelship.yaml"} ${ALLOW_INTERNAL_KEY}`,
        ...(loaded?.file === undefined ? {} : { file: loaded.file, pointer: "/network/allow_internal" }),
      },
      { entries: splitAllowEnv(run.env[ALLOW_INTERNAL_ENV]), source: ALLOW_INTERNAL_ENV },
    ),
  };
}

/** modelship.yaml from its source: a file named explicitly must exist; the default one may be absent. */
export async function loadStageConfig(source: ConfigSource, cwd: string): Promise<LoadedConfig> {
  return loadConfig({ file: source.file, cwd });
}
