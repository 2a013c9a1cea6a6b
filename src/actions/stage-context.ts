/** The promotion actions' shared inputs: the GitOps repository, its token, the registry. */
import { DEFAULT_CONFIG_FILE, loadConfig } from "../config/modelship-config.ts";
import { basicAuthValue } from "../git/git-workspace.ts";
import type { StageContext } from "../stages/promote-stage.ts";
import { readGitHubContext } from "../github/context.ts";
import { ActionsLogger, core, getInput, TOOL_VERSION } from "./runtime.ts";

/**
 * Reads the inputs promote, canary and verify-promotion share (token, gitops-token, config,
 * tag-format, remote, base); masks both tokens. `gitopsRepo`, `outDir` and `registry` come from the
 * actions that have those inputs.
 */
export async function actionStageContext(options: { gitopsRepo?: string; outDir?: string; registry?: string } = {}): Promise<StageContext> {
  const logger = new ActionsLogger();
  const token = getInput("token");
  const gitopsToken = getInput("gitops-token");
  for (const secret of [token, gitopsToken]) if (secret !== undefined) core.setSecret(secret);
  const context = readGitHubContext();
  // The default modelship.yaml may be absent (a GitOps repository running verify-promotion); a named file must exist.
  const config = getInput("config");
  const loaded = await loadConfig(config === undefined || config === DEFAULT_CONFIG_FILE ? {} : { file: config });
  const registry = options.registry;
  const tagFormat = getInput("tag-format");
  const gitopsRepo = options.gitopsRepo;
  const remote = getInput("remote");
  const base = getInput("base");
  const stageToken = gitopsToken ?? token;
  // The token git uses travels base64-encoded in a header; mask that form too.
  if (stageToken !== undefined) core.setSecret(basicAuthValue(stageToken));
  return {
    loaded,
    gitops: {
      ...(gitopsRepo === undefined ? {} : { repository: gitopsRepo }),
      ...(remote === undefined ? {} : { remote }),
      ...(base === undefined ? {} : { base }),
      serverUrl: context.serverUrl,
    },
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
