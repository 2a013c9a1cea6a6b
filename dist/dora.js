import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/dora.ts
await startAction("dora", async () => {
  const { runDoraStage } = await import("./chunks/dora-stage-WXMHFVZE.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-R52PLW3P.js");
  const { core, getInput, getOptionalListInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), registry: getInput("registry") });
  const result = await runDoraStage(
    {
      since: getInput("since"),
      failureWindow: getInput("failure-window"),
      environments: getOptionalListInput("environments"),
      models: getOptionalListInput("models"),
      outDir: getInput("out"),
      gitops
    },
    run
  );
  core.setOutput("report", result.reportPath);
  core.setOutput("summary", result.summaryPath);
  core.setOutput(
    "figures",
    JSON.stringify(
      result.report.models.map((figures) => ({
        model: figures.model,
        environment: figures.environment,
        deployments: figures.deploymentFrequency.count,
        deployment_frequency_band: figures.deploymentFrequency.band,
        lead_time_hours: figures.leadTime.medianHours,
        lead_time_band: figures.leadTime.band,
        change_failure_rate: figures.changeFailureRate.rate,
        change_failure_band: figures.changeFailureRate.band,
        time_to_restore_hours: figures.timeToRestore.medianHours,
        time_to_restore_band: figures.timeToRestore.band
      }))
    )
  );
  await writeJobSummary(result.markdown);
});
