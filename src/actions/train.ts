/** The train action's JavaScript step (inside the composite action): inputs → runTrainStage → outputs. */
import { startAction } from "./start.ts";

await startAction("train", async () => {
  const { runTrainStage } = await import("../stages/train-stage.ts");
  const { actionStageRun, core, getChoiceInput, getInput, getIntegerInput, getOptionalLinesInput, writeJobSummary } =
    await import("./runtime.ts");
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
