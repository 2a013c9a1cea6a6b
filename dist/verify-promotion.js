import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageContext
} from "./chunks/chunk-SBU5LXAN.js";
import {
  runVerifyStage
} from "./chunks/chunk-YF36TLQY.js";
import "./chunks/chunk-V36GUW3J.js";
import "./chunks/chunk-HVKBUQ7P.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-WD2F546Y.js";
import "./chunks/chunk-OJJK5JVX.js";
import "./chunks/chunk-H7PDXF43.js";
import "./chunks/chunk-7S2M77GZ.js";
import {
  readGitHubContext
} from "./chunks/chunk-MDZOKATS.js";
import {
  core_exports,
  getInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-XGJMHXZG.js";
import {
  UserError
} from "./chunks/chunk-CU22JUSQ.js";

// src/actions/verify-promotion.ts
await runAction(async () => {
  const stage = await actionStageContext();
  const context = readGitHubContext();
  const pr = context.pullRequest;
  const base = stage.gitops.base ?? pr?.baseRef;
  const head = getInput("head") ?? (pr === void 0 ? void 0 : `refs/pull/${pr.number}/head`);
  if (head === void 0)
    throw new UserError("no pull request to verify", {
      hint: "run verify-promotion on pull_request events in the GitOps repository, or set the head input (a branch or refs/pull/N/head)"
    });
  const remote = getInput("remote") ?? (context.repository === void 0 ? void 0 : `${context.serverUrl}/${context.repository}.git`);
  const result = await runVerifyStage(
    { ...base === void 0 ? {} : { base }, head, ...remote === void 0 ? {} : { remote } },
    stage
  );
  core_exports.setOutput("ok", String(result.ok));
  core_exports.setOutput("uris", JSON.stringify(result.uris));
  await writeJobSummary(result.markdown);
  if (!result.ok)
    core_exports.setFailed(
      `${result.uris.filter((uri) => !uri.ok).length + result.problems.length} problem(s): this change must not be merged (see the job summary)`
    );
});
