/** The verify-promotion action: a required check in the GitOps repository that nothing ungated is deployed. */
import { UserError } from "../common/errors.ts";
import { runVerifyStage } from "../stages/promote-stage.ts";
import { readGitHubContext } from "../github/context.ts";
import { actionStageContext } from "./stage-context.ts";
import { core, getInput, runAction, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const stage = await actionStageContext();
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const base = stage.gitops.base ?? pr?.baseRef;
  const head = getInput("head") ?? (pr === undefined ? undefined : `refs/pull/${pr.number}/head`);
  if (head === undefined)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request events in the GitOps repository, or set the head input (a branch or refs/pull/N/head)",
    });
  // The repository under check is the one this workflow runs in, unless the remote input says otherwise.
  const remote = getInput("remote") ?? (context.repository === undefined ? undefined : `${context.serverUrl}/${context.repository}.git`);
  const result = await runVerifyStage(
    { ...(base === undefined ? {} : { base }), head, ...(remote === undefined ? {} : { remote }) },
    stage,
  );
  core.setOutput("ok", String(result.ok));
  core.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  if (!result.ok)
    core.setFailed(
      `${result.uris.filter((uri) => !uri.ok).length + result.problems.length} problem(s): this change must not be merged (see the job summary)`,
    );
});
