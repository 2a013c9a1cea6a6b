import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  failures,
  runVerifyStage
} from "./chunks/chunk-G34JYFCI.js";
import {
  gitAuthHeaderValue
} from "./chunks/chunk-YAQVTO64.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-55Q5D4H7.js";
import "./chunks/chunk-CJDYYHPO.js";
import "./chunks/chunk-ZELXXSV6.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-MOHOK2SR.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import {
  UserError,
  readGitHubContext
} from "./chunks/chunk-2BUAMGEV.js";

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
