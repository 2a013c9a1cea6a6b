/** The GitOps actions' shared inputs: the StageRun, the GitOps repository and its token, how release tags read. */
import { gitAuthHeaderValue, type GitOpsInputs } from "../stages/promote-stage.ts";
import type { StageRun } from "../stages/stage-run.ts";
import { actionStageRun, core, getInput } from "./runtime.ts";

/**
 * The StageRun and the inputs promote, canary, verify-promotion and drift share (token, config,
 * gitops-token, remote, base, tag-format); masks both tokens and the header form git sends.
 * `gitopsRepo`, `outDir` and `registry` come from the actions that have those inputs.
 */
export function gitOpsActionInputs(options: { gitopsRepo?: string; outDir?: string; registry?: string; redactionKey?: string } = {}): {
  run: StageRun;
  gitops: GitOpsInputs;
} {
  // The default modelship.yaml may be absent (a GitOps repository running verify-promotion).
  const run = actionStageRun({
    config: getInput("config"),
    token: getInput("token"),
    optionalDefaultConfig: true,
    redactionKey: options.redactionKey,
  });
  const gitopsToken = getInput("gitops-token");
  if (gitopsToken !== undefined) core.setSecret(gitopsToken);
  // The token git uses travels base64-encoded in a header; mask that form too.
  const gitToken = gitopsToken ?? run.token;
  if (gitToken !== undefined) core.setSecret(gitAuthHeaderValue(gitToken));
  return {
    run,
    gitops: {
      gitopsRepo: options.gitopsRepo,
      remote: getInput("remote"),
      base: getInput("base"),
      gitopsToken,
      registry: options.registry,
      tagFormat: getInput("tag-format"),
      outDir: options.outDir,
    },
  };
}
