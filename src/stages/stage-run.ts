/**
 * What every stage is given by its face: where it runs and as whom (`StageRun`), and where it reads
 * modelship.yaml (`ConfigSource`). A face builds one StageRun, so the CLI and the actions hand every
 * stage the same facts, and the stage does the rest (settings, registry, clients) itself.
 */
import type { Logger } from "../common/logger.ts";
import { loadConfig, type LoadedConfig } from "../config/modelship-config.ts";

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

/** modelship.yaml from its source: a file named explicitly must exist; the default one may be absent. */
export async function loadStageConfig(source: ConfigSource, cwd: string): Promise<LoadedConfig> {
  return loadConfig({ file: source.file, cwd });
}
