/**
 * What every stage is given by its face: where it runs and as whom (`StageRun`), and where it reads
 * modelship.yaml (`ConfigSource`). A face builds one StageRun, so the CLI and the actions hand every
 * stage the same facts, and the stage does the rest (settings, registry, clients) itself.
 */
import type { Logger } from "../common/logger.ts";
import { UserError } from "../common/errors.ts";
import { DEFAULT_CONFIG_FILE, loadConfig, parseConfig, type LoadedConfig } from "../config/modelship-config.ts";
import { gitOutput } from "../git/git-command.ts";

/**
 * Where a stage reads modelship.yaml: the working tree by default (`file`, else ./modelship.yaml when
 * present); with `ref`, that file as it is at a git commit, for a check that must not take its rules
 * from the change it is checking.
 */
export interface ConfigSource {
  file?: string;
  /** A commit, branch or tag to read the file at, instead of the working tree. */
  ref?: string;
}

/** Where and as whom a stage runs, as its face found it. */
export interface StageRun {
  config: ConfigSource;
  /** The working directory: relative paths in inputs and flags resolve from here. */
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

/** modelship.yaml from its source. A file named explicitly must exist; at a `ref`, a missing file is an empty config. */
export async function loadStageConfig(source: ConfigSource, cwd: string): Promise<LoadedConfig> {
  const file = source.file;
  if (source.ref === undefined) return loadConfig({ file, cwd });
  const path = file ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await gitOutput(["show", `${source.ref}:./${path}`], { cwd });
  } catch (error) {
    if (file === undefined) return { resolvePath: (relative) => relative };
    throw new UserError(`${path} is not in the repository at ${source.ref}`, {
      hint: "name a file that exists at that commit, or leave the config input empty",
      cause: error,
    });
  }
  return parseConfig(text, { file: path, cwd, shownAs: `${path}@${source.ref}` });
}
