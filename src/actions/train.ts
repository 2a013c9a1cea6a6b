/** The train action's JavaScript step (inside the composite action): inputs → train stage → outputs. */
import { loadConfig } from "../config/modelship-config.ts";
import { resolveTrainSettings } from "../stages/train-settings.ts";
import { renderRunSummary } from "../train/run-markdown.ts";
import type { RequireGpu } from "../train/gpu.ts";
import { trainFromSettings } from "../stages/train-stage.ts";
import { ActionsLogger, core, getChoiceInput, getInput, getIntegerInput, runAction, TOOL_VERSION, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = resolveTrainSettings(
    {
      command: getInput("command"),
      trainConfig: getInput("train-config"),
      output: getInput("output"),
      requireGpu:
        getInput("require-gpu") === undefined ? undefined : getChoiceInput<RequireGpu>("require-gpu", ["true", "false", "auto"], "auto"),
      seed: getInput("seed") === undefined ? undefined : getIntegerInput("seed", 0),
      // One NAME=VALUE per line: values may hold commas (layers=64,32).
      params: (getInput("params") ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    },
    loaded,
  );
  const result = await trainFromSettings({
    settings,
    cwd: process.cwd(),
    runnerLabels: getInput("runner-labels"),
    logger,
    toolVersion: TOOL_VERSION,
  });
  core.setOutput("model-path", result.modelPath);
  core.setOutput("run-record", result.runRecordPath);
  core.setOutput("metrics", JSON.stringify(result.record.metrics));
  core.setOutput("output-dir", settings.outputDir);
  await writeJobSummary(renderRunSummary(result.record));
});
