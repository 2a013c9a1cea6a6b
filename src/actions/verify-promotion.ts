/**
 * The verify-promotion action: a required check in the GitOps repository that nothing ungated,
 * unattested or foreign is deployed. It reads no file of the working tree: the GitOps repository is
 * cloned, the rules are read at the PR's base and the change as git objects, so it is safe to run on
 * `pull_request_target` (the workflow then comes from the base branch, out of the PR's reach).
 */
import { startAction } from "./start.ts";

await startAction("verify-promotion", async () => {
  const { UserError } = await import("../common/errors.ts");
  const { failures, runVerifyStage } = await import("../stages/verify-stage.ts");
  const { gitAuthHeaderValue } = await import("../stages/promote-stage.ts");
  const { readGitHubContext } = await import("../github/context.ts");
  const { actionStageRun, core, getInput, writeJobSummary } = await import("./runtime.ts");
  // No modelship.yaml of the working tree: whatever is checked out may be the change under check.
  const run = { ...actionStageRun({ token: getInput("token") }), config: {} };
  const gitopsToken = getInput("gitops-token");
  if (gitopsToken !== undefined) core.setSecret(gitopsToken);
  const gitToken = gitopsToken ?? run.token;
  if (gitToken !== undefined) core.setSecret(gitAuthHeaderValue(gitToken));
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const head = getInput("head") ?? (pr === undefined ? undefined : `refs/pull/${pr.number}/head`);
  const base = getInput("base") ?? pr?.baseRef;
  if (head === undefined || base === undefined)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request_target (or pull_request) events in the GitOps repository, or set the head and base inputs",
    });
  // The repository under check is the one this workflow runs in, unless the remote input says otherwise.
  const remote = getInput("remote") ?? (context.repository === undefined ? undefined : `${context.serverUrl}/${context.repository}.git`);
  if (remote === undefined)
    throw new UserError("no GitOps repository to verify", {
      hint: "set the remote input, or run in the GitOps repository (GITHUB_REPOSITORY)",
    });
  const result = await runVerifyStage(
    { head, base, remote, rulesFile: getInput("config"), ...(gitopsToken === undefined ? {} : { gitopsToken }) },
    run,
  );
  core.setOutput("ok", String(result.ok));
  core.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  for (const warning of result.warnings) core.warning(warning);
  if (!result.ok) core.setFailed(`${failures(result)} problem(s): this change must not be merged (see the job summary)`);
});
