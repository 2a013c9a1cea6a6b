/** The promotion actions' shared inputs: the GitOps repository, its token, the registry. */
import { DEFAULT_CONFIG_FILE, loadConfig } from "../config/modelship-config.ts";
import type { StageContext } from "../gitops/stages.ts";
import { readGitHubContext } from "../github/context.ts";
import { ActionsLogger, core, getInput, TOOL_VERSION } from "./runtime.ts";

/**
 * Reads the inputs promote, canary and verify-promotion share (token, gitops-token, config,
 * registry, tag-format, remote, base); masks both tokens. `gitopsRepo` and `outDir` come from the
 * actions that have those inputs.
 */
export async function actionStageContext(options: { gitopsRepo?: string; outDir?: string } = {}): Promise<StageContext> {
  const logger = new ActionsLogger();
  const token = getInput("token");
  const gitopsToken = getInput("gitops-token");
  for (const secret of [token, gitopsToken]) if (secret !== undefined) core.setSecret(secret);
  // A token in a git header travels base64-encoded; mask that form too.
  if (gitopsToken !== undefined) core.setSecret(Buffer.from(`x-access-token:${gitopsToken}`).toString("base64"));
  const context = readGitHubContext();
  // The default modelship.yaml may be absent (a GitOps repository running verify-promotion); a named file must exist.
  const config = getInput("config");
  const loaded = await loadConfig(config === undefined || config === DEFAULT_CONFIG_FILE ? {} : { file: config });
  const registry = getInput("registry");
  const tagFormat = getInput("tag-format");
  const gitopsRepo = options.gitopsRepo;
  const remote = getInput("remote");
  const base = getInput("base");
  const stageToken = gitopsToken ?? token;
  return {
    loaded,
    gitops: { ...(gitopsRepo === undefined ? {} : { repository: gitopsRepo }), ...(remote === undefined ? {} : { remote }), ...(base === undefined ? {} : { base }), serverUrl: context.serverUrl },
    ...(stageToken === undefined ? {} : { token: stageToken }),
    ...(token === undefined ? {} : { registryToken: token }),
    ...(context.repository === undefined ? {} : { repository: context.repository }),
    ...(registry === undefined ? {} : { registry }),
    ...(tagFormat === undefined ? {} : { tagFormat }),
    defaultRegistry: "github",
    outDir: options.outDir ?? ".modelship/promotion",
    ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
    logger,
    userAgentVersion: TOOL_VERSION,
  };
}
