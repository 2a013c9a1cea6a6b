import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  failures,
  runVerifyStage
} from "./chunks/chunk-KG645RMB.js";
import {
  gitAuthHeaderValue
} from "./chunks/chunk-D7FCDN2K.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-VICJCUTS.js";
import "./chunks/chunk-FH5TOFOZ.js";
import "./chunks/chunk-DJZQNN3P.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-XWHTO7IV.js";
import "./chunks/chunk-O3SQ3WKX.js";
import "./chunks/chunk-IIWHS54Y.js";
import "./chunks/chunk-2DA7VCXQ.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-2VH4JETB.js";
import {
  UserError,
  readGitHubContext
} from "./chunks/chunk-DPAG27KB.js";

// src/actions/verify-promotion.ts
await runAction(async () => {
  const run = { ...actionStageRun({ token: getInput("token") }), config: {} };
  const gitopsToken = getInput("gitops-token");
  if (gitopsToken !== void 0) core_exports.setSecret(gitopsToken);
  const gitToken = gitopsToken ?? run.token;
  if (gitToken !== void 0) core_exports.setSecret(gitAuthHeaderValue(gitToken));
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
  core_exports.setOutput("ok", String(result.ok));
  core_exports.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  for (const warning of result.warnings) core_exports.warning(warning);
  if (!result.ok) core_exports.setFailed(`${failures(result)} problem(s): this change must not be merged (see the job summary)`);
});
