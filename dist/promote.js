import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-I5PKZJTX.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/promote.ts
await startAction("promote", async () => {
  const { runPromoteStage } = await import("./chunks/promote-stage-MPBFR2W4.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-7HS2ZQHX.js");
  const { core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, getRequiredInput, writeJobSummary } = await import("./chunks/runtime-NSU7Y3NX.js");
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
  core.setOutput("status", result.status);
  core.setOutput("branch", result.branch);
  core.setOutput("pr-number", result.prNumber === void 0 ? "" : String(result.prNumber));
  core.setOutput("pr-url", result.prUrl ?? "");
  core.setOutput("superseded", (result.superseded ?? []).join(","));
  core.setOutput("version", result.model.version);
  core.setOutput("model-uri", result.model.uri);
  await writeJobSummary(
    `${result.prUrl === void 0 ? `**${result.status}**: ${result.title}` : `**${result.status}**: [${result.title}](${result.prUrl})`}

${result.body}`
  );
});
