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
 * modelship.yaml from its source. A file named explicitly must exist. At a `ref`, only a default file
 * that the commit does not have is an empty config: a ref that is not a commit (or no repository at
 * all) is an error, never "no rules".
 */
export async function loadStageConfig(source: ConfigSource, cwd: string): Promise<LoadedConfig> {
  const file = source.file;
  if (source.ref === undefined) return loadConfig({ file, cwd });
  const path = file ?? DEFAULT_CONFIG_FILE;
  const commit = await gitOutput(["rev-parse", "--verify", "--quiet", `${source.ref}^{commit}`], { cwd }).then(
    (output) => output.trim(),
    () => undefined,
  );
  if (commit === undefined || commit === "") {
    throw new UserError(`cannot read ${path} at "${source.ref}": it is not a commit in the git repository at ${cwd}`, {
      hint: "fetch that commit first (actions/checkout with fetch-depth: 0), or name a branch, tag or commit the repository has",
    });
  }
  const exists = await gitOutput(["cat-file", "-e", `${commit}:./${path}`], { cwd }).then(
    () => true,
    () => false,
  );
  if (!exists) {
    if (file === undefined) return { resolvePath: (relative) => relative };
    throw new UserError(`${path} is not in the repository at ${source.ref}`, {
      hint: "name a file that exists at that commit, or leave the config input empty",
    });
  }
  const text = await gitOutput(["show", `${commit}:./${path}`], { cwd });
  return parseConfig(text, { file: path, cwd, shownAs: `${path}@${source.ref}` });
}
