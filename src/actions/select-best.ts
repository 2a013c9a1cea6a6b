/** The select-best action: inputs → runSelectBestStage (rank the sweep's runs, compare them, sticky comment) → outputs. */
import { startAction } from "./start.ts";

await startAction("select-best", async () => {
  const { runSelectBestStage } = await import("../stages/select-best-stage.ts");
  const { readGitHubContext } = await import("../github/context.ts");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getRequiredInput, writeJobSummary } =
    await import("./runtime.ts");
  const run = actionStageRun({ token: getInput("token") });
  const { selection, bestDir, bestRun, comparisonPath } = await runSelectBestStage(
    {
      runs: getInput("runs"),
      metric: getRequiredInput("metric", "name the metric to rank by, e.g. metric: val_accuracy"),
      mode: getChoiceInput("mode", ["max", "min"]),
      comment: getBooleanInput("comment"),
      context: readGitHubContext(),
      writeSummary: writeJobSummary,
    },
    run,
  );
  core.setOutput("best-dir", bestDir);
  core.setOutput("best-run", bestRun);
  core.setOutput("best-value", String(selection.best.record.metrics[selection.metric]));
  core.setOutput("best-params", JSON.stringify(selection.best.record.params));
  core.setOutput("comparison-path", comparisonPath);
});
