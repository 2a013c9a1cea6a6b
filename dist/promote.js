import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/promote.ts
await startAction("promote", async () => {
  const { runPromoteStage, runRetireEnvironmentStage } = await import("./chunks/promote-stage-HFLACT53.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-R52PLW3P.js");
  const { core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, getRequiredInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    outDir: getInput("out"),
    registry: getInput("registry")
  });
  const environment = getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production");
  const action = getChoiceInput("action", ["start", "step", "promote", "rollback", "direct", "retire"]);
  let outcome;
  if (action === "retire") {
    const retired = await runRetireEnvironmentStage(
      {
        model: getInput("model") || void 0,
        environment,
        force: getBooleanInput("force", false),
        supersede: getBooleanInput("supersede", false),
        gitops
      },
      run
    );
    outcome = { ...retired, modelUri: "" };
  } else {
    const autoMerge = getInput("auto-merge") === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"]);
    const result = await runPromoteStage(
      {
        model: getInput("model"),
        version: getInput("version"),
        environment,
        action,
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
    outcome = { ...result, version: result.model.version, modelUri: result.model.uri };
  }
  core.setOutput("status", outcome.status);
  core.setOutput("branch", outcome.branch);
  core.setOutput("pr-number", outcome.prNumber === void 0 ? "" : String(outcome.prNumber));
  core.setOutput("pr-url", outcome.prUrl ?? "");
  core.setOutput("superseded", (outcome.superseded ?? []).join(","));
  core.setOutput("version", outcome.version);
  core.setOutput("model-uri", outcome.modelUri);
  await writeJobSummary(
    `${outcome.prUrl === void 0 ? `**${outcome.status}**: ${outcome.title}` : `**${outcome.status}**: [${outcome.title}](${outcome.prUrl})`}

${outcome.body}`
  );
});
