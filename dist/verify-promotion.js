import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsActionInputs
} from "./chunks/chunk-A2Q7AXKO.js";
import {
  runVerifyStage
} from "./chunks/chunk-4KVJYN6M.js";
import "./chunks/chunk-FHTIUO32.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-DNN77E4Z.js";
import "./chunks/chunk-AXAVXKTZ.js";
import "./chunks/chunk-CYAICF2V.js";
import {
  core_exports,
  getInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-PDH3Q5ZQ.js";
import {
  UserError,
  readGitHubContext
} from "./chunks/chunk-QH3KL6H2.js";

// src/actions/verify-promotion.ts
await runAction(async () => {
  const { run, gitops } = gitOpsActionInputs();
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const head = getInput("head") ?? (pr === void 0 ? void 0 : `refs/pull/${pr.number}/head`);
  if (head === void 0)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request events in the GitOps repository, or set the head input (a branch or refs/pull/N/head)"
    });
  const remote = gitops.remote ?? (context.repository === void 0 ? void 0 : `${context.serverUrl}/${context.repository}.git`);
  const result = await runVerifyStage({ head, gitops: { ...gitops, remote, base: gitops.base ?? pr?.baseRef } }, run);
  core_exports.setOutput("ok", String(result.ok));
  core_exports.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  if (!result.ok)
    core_exports.setFailed(
      `${result.uris.filter((uri) => !uri.ok).length + result.problems.length} problem(s): this change must not be merged (see the job summary)`
    );
});
