import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/train.ts
await startAction("train", async () => {
  const { runTrainStage } = await import("./chunks/train-stage-O66OKTPA.js");
  const { actionStageRun, core, getChoiceInput, getInput, getIntegerInput, getOptionalLinesInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const result = await runTrainStage(
    {
      command: getInput("command"),
      trainConfig: getInput("train-config"),
      output: getInput("output"),
      requireGpu: getChoiceInput("require-gpu", ["true", "false", "auto"]),
      seed: getIntegerInput("seed"),
      // One NAME=VALUE per line: values may hold commas (layers=64,32).
      params: getOptionalLinesInput("params"),
      runnerLabels: getInput("runner-labels")
    },
    actionStageRun({ config: getInput("config") })
  );
  core.setOutput("model-path", result.modelPath);
  core.setOutput("run-record", result.runRecordPath);
  core.setOutput("metrics", JSON.stringify(result.record.metrics));
  core.setOutput("output-dir", result.settings.outputDir);
  await writeJobSummary(result.markdown);
});
