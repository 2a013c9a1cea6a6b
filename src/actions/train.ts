/** The train action's JavaScript step (inside the composite action): inputs → runTrainStage → outputs. */
import { runTrainStage } from "../stages/train-stage.ts";
import {
  actionStageRun,
  core,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary,
} from "./runtime.ts";

await runAction(async () => {
  const result = await runTrainStage(
    {
      command: getInput("command"),
      trainConfig: getInput("train-config"),
      output: getInput("output"),
      requireGpu: getChoiceInput("require-gpu", ["true", "false", "auto"]),
      seed: getIntegerInput("seed"),
      // One NAME=VALUE per line: values may hold commas (layers=64,32).
      params: getOptionalLinesInput("params"),
      runnerLabels: getInput("runner-labels"),
    },
    actionStageRun({ config: getInput("config") }),
  );
  core.setOutput("model-path", result.modelPath);
  core.setOutput("run-record", result.runRecordPath);
  core.setOutput("metrics", JSON.stringify(result.record.metrics));
  core.setOutput("output-dir", result.settings.outputDir);
  await writeJobSummary(result.markdown);
});
