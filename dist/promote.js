import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsActionInputs
} from "./chunks/chunk-WIJZB72H.js";
import {
  runPromoteStage
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
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalListInput,
  getRequiredInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import "./chunks/chunk-2BUAMGEV.js";

// src/actions/promote.ts
await runAction(async () => {
  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    outDir: getInput("out"),
    registry: getInput("registry")
  });
  const autoMerge = getInput("auto-merge") === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"]);
  const result = await runPromoteStage(
    {
      model: getInput("model"),
      version: getInput("version"),
      environment: getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production"),
      action: getChoiceInput("action", ["start", "step", "promote", "rollback", "direct"]),
      strategy: getChoiceInput("strategy", ["canary", "blue-green", "direct"]),
      weight: getIntegerInput("weight"),
      supersede: getBooleanInput("supersede", false),
      pullRequest: {
        labels: getOptionalListInput("labels"),
        reviewers: getOptionalListInput("reviewers"),
        teamReviewers: getOptionalListInput("team-reviewers"),
        draft: getBooleanInput("draft"),
        autoMerge
      },
      gitops
    },
    run
  );
  core_exports.setOutput("status", result.status);
  core_exports.setOutput("branch", result.branch);
  core_exports.setOutput("pr-number", result.prNumber === void 0 ? "" : String(result.prNumber));
  core_exports.setOutput("pr-url", result.prUrl ?? "");
  core_exports.setOutput("superseded", (result.superseded ?? []).join(","));
  core_exports.setOutput("version", result.model.version);
  core_exports.setOutput("model-uri", result.model.uri);
  await writeJobSummary(
    `${result.prUrl === void 0 ? `**${result.status}**: ${result.title}` : `**${result.status}**: [${result.title}](${result.prUrl})`}

${result.body}`
  );
});
