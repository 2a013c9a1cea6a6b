/** The verify-promotion action: a required check in the GitOps repository that nothing ungated is deployed. */
import { UserError } from "../common/errors.ts";
import { runVerifyStage } from "../stages/promote-stage.ts";
import { readGitHubContext } from "../github/context.ts";
import { gitOpsActionInputs } from "./stage-context.ts";
import { core, getInput, runAction, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const { run, gitops } = gitOpsActionInputs();
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const head = getInput("head") ?? (pr === undefined ? undefined : `refs/pull/${pr.number}/head`);
  if (head === undefined)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request events in the GitOps repository, or set the head input (a branch or refs/pull/N/head)",
    });
  // The repository under check is the one this workflow runs in, unless the remote input says otherwise.
  const remote = gitops.remote ?? (context.repository === undefined ? undefined : `${context.serverUrl}/${context.repository}.git`);
  const result = await runVerifyStage({ head, gitops: { ...gitops, remote, base: gitops.base ?? pr?.baseRef } }, run);
  core.setOutput("ok", String(result.ok));
  core.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  if (!result.ok)
    core.setFailed(
      `${result.uris.filter((uri) => !uri.ok).length + result.problems.length} problem(s): this change must not be merged (see the job summary)`,
    );
});
