import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/select-best.ts
await startAction("select-best", async () => {
  const { runSelectBestStage } = await import("./chunks/select-best-stage-X5JPV3O3.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getRequiredInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const run = actionStageRun({ token: getInput("token") });
  const { selection, bestDir, bestRun, comparisonPath } = await runSelectBestStage(
    {
      runs: getInput("runs"),
      metric: getRequiredInput("metric", "name the metric to rank by, e.g. metric: val_accuracy"),
      mode: getChoiceInput("mode", ["max", "min"]),
      comment: getBooleanInput("comment"),
      context: readGitHubContext(),
      writeSummary: writeJobSummary
    },
    run
  );
  core.setOutput("best-dir", bestDir);
  core.setOutput("best-run", bestRun);
  core.setOutput("best-value", String(selection.best.record.metrics[selection.metric]));
  core.setOutput("best-params", JSON.stringify(selection.best.record.params));
  core.setOutput("comparison-path", comparisonPath);
});
