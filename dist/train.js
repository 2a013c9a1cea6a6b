import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-UJZFHCBN.js";
import "./chunks/chunk-RZ4XAMEC.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-Y7B762HE.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-R2E5VZUO.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-CJDYYHPO.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import "./chunks/chunk-2BUAMGEV.js";

// src/actions/train.ts
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
      runnerLabels: getInput("runner-labels")
    },
    actionStageRun({ config: getInput("config") })
  );
  core_exports.setOutput("model-path", result.modelPath);
  core_exports.setOutput("run-record", result.runRecordPath);
  core_exports.setOutput("metrics", JSON.stringify(result.record.metrics));
  core_exports.setOutput("output-dir", result.settings.outputDir);
  await writeJobSummary(result.markdown);
});
