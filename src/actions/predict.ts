/** The predict action's JavaScript step (inside the composite action): inputs → runPredictStage → outputs and a job summary line. */
import { startAction } from "./start.ts";
import { plural } from "../common/text-style.ts";

await startAction("predict", async () => {
  const { PREDICT_FORMATS, runPredictStage } = await import("../stages/predict-stage.ts");
  const { actionStageRun, core, getChoiceInput, getInput, getIntegerInput, getListInput, writeJobSummary } = await import("./runtime.ts");
  const run = actionStageRun({ config: getInput("config"), redactionKey: getInput("redaction-key") });
  const result = await runPredictStage(
    {
      model: getInput("model"),
      data: getListInput("data"),
      contract: getInput("contract"),
      features: getListInput("features"),
      out: getInput("out"),
      format: getChoiceInput("out-format", PREDICT_FORMATS),
      labelColumn: getInput("label-column"),
      keep: getListInput("keep"),
      threads: getIntegerInput("threads"),
      batchSize: getIntegerInput("batch-size"),
    },
    run,
  );
  core.setOutput("path", result.out);
  core.setOutput("rows", String(result.rows));
  core.setOutput("columns", JSON.stringify(result.columns));
  await writeJobSummary(
    `modelship predict: ${plural(result.rows, "prediction")} of \`${result.model.path}\` written to \`${result.out}\` (${result.columns.join(", ")}).\n`,
  );
});
