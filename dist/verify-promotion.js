import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageContext
} from "./chunks/chunk-2XCAHFPC.js";
import {
  runVerifyStage
} from "./chunks/chunk-ZOFYDK2H.js";
import "./chunks/chunk-PS2MCQ24.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import {
  readGitHubContext
} from "./chunks/chunk-XSH5H6CH.js";
import {
  core_exports,
  getInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import {
  UserError
} from "./chunks/chunk-I6K5MFCQ.js";

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
