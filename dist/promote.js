import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageContext
} from "./chunks/chunk-2XCAHFPC.js";
import {
  runPromoteStage
} from "./chunks/chunk-ZOFYDK2H.js";
import "./chunks/chunk-PS2MCQ24.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  parseModelRef
} from "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import "./chunks/chunk-XSH5H6CH.js";
import {
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  getRequiredInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import "./chunks/chunk-I6K5MFCQ.js";

// src/actions/promote.ts
await runAction(async () => {
  const gitopsRepo = getInput("gitops-repo");
  const outDir = getInput("out");
  const registry = getInput("registry");
  const stage = await actionStageContext({
    ...gitopsRepo === void 0 ? {} : { gitopsRepo },
    ...outDir === void 0 ? {} : { outDir },
    ...registry === void 0 ? {} : { registry }
  });
  const weight = getInput("weight");
  const version = getInput("version");
  const named = getInput("model") ?? stage.loaded.config?.model;
  const model = version === void 0 || named === void 0 ? named : `${parseModelRef(named).model}@${version}`;
  const autoMerge = getInput("auto-merge");
  const labels = getListInput("labels");
  const reviewers = getListInput("reviewers");
  const teamReviewers = getListInput("team-reviewers");
  const result = await runPromoteStage(
    {
      ...model === void 0 ? {} : { model },
      environment: getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production"),
      ...getInput("action") === void 0 ? {} : { action: getChoiceInput("action", ["start", "step", "promote", "rollback", "direct"], "start") },
      ...getInput("strategy") === void 0 ? {} : { strategy: getChoiceInput("strategy", ["canary", "blue-green", "direct"], "canary") },
      ...weight === void 0 ? {} : { weight: getIntegerInput("weight", 0) },
      pullRequest: {
        ...labels.length === 0 ? {} : { labels },
        ...reviewers.length === 0 ? {} : { reviewers },
        ...teamReviewers.length === 0 ? {} : { teamReviewers },
        ...getInput("draft") === void 0 ? {} : { draft: getBooleanInput("draft", false) },
        ...autoMerge === void 0 ? {} : { autoMerge: autoMerge === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"], "squash") }
      }
    },
    stage
  );
  core_exports.setOutput("status", result.status);
  core_exports.setOutput("branch", result.branch);
  core_exports.setOutput("pr-number", result.prNumber === void 0 ? "" : String(result.prNumber));
  core_exports.setOutput("pr-url", result.prUrl ?? "");
  core_exports.setOutput("version", result.model.version);
  core_exports.setOutput("model-uri", result.model.uri);
  await writeJobSummary(
    `${result.prUrl === void 0 ? `**${result.status}**: ${result.title}` : `**${result.status}**: [${result.title}](${result.prUrl})`}

${result.body}`
  );
});
