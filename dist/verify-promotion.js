import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/verify-promotion.ts
await startAction("verify-promotion", async () => {
  const { UserError } = await import("./chunks/errors-FNKDHHES.js");
  const { failures, runVerifyStage } = await import("./chunks/verify-stage-W6YSY6ZB.js");
  const { gitAuthHeaderValue } = await import("./chunks/promote-stage-HFLACT53.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const { actionStageRun, core, getInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const run = { ...actionStageRun({ token: getInput("token") }), config: {} };
  const gitopsToken = getInput("gitops-token");
  if (gitopsToken !== void 0) core.setSecret(gitopsToken);
  const gitToken = gitopsToken ?? run.token;
  if (gitToken !== void 0) core.setSecret(gitAuthHeaderValue(gitToken));
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const head = getInput("head") ?? (pr === void 0 ? void 0 : `refs/pull/${pr.number}/head`);
  const base = getInput("base") ?? pr?.baseRef;
  if (head === void 0 || base === void 0)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request_target (or pull_request) events in the GitOps repository, or set the head and base inputs"
    });
  const remote = getInput("remote") ?? (context.repository === void 0 ? void 0 : `${context.serverUrl}/${context.repository}.git`);
  if (remote === void 0)
    throw new UserError("no GitOps repository to verify", {
      hint: "set the remote input, or run in the GitOps repository (GITHUB_REPOSITORY)"
    });
  const result = await runVerifyStage(
    { head, base, remote, rulesFile: getInput("config"), ...gitopsToken === void 0 ? {} : { gitopsToken } },
    run
  );
  core.setOutput("ok", String(result.ok));
  core.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  for (const warning of result.warnings) core.warning(warning);
  if (!result.ok) core.setFailed(`${failures(result)} problem(s): this change must not be merged (see the job summary)`);
});
