import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  plural
} from "./chunks/chunk-U5WQZHIB.js";
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/predict.ts
await startAction("predict", async () => {
  const { PREDICT_FORMATS, runPredictStage } = await import("./chunks/predict-stage-JG4IWBN3.js");
  const { actionStageRun, core, getChoiceInput, getInput, getIntegerInput, getListInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
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
      batchSize: getIntegerInput("batch-size")
    },
    run
  );
  core.setOutput("path", result.out);
  core.setOutput("rows", String(result.rows));
  core.setOutput("columns", JSON.stringify(result.columns));
  await writeJobSummary(
    `modelship predict: ${plural(result.rows, "prediction")} of \`${result.model.path}\` written to \`${result.out}\` (${result.columns.join(", ")}).
`
  );
});
