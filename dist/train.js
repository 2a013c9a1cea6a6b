import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-GDFON3TY.js";
import "./chunks/chunk-NMZCCDFK.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-AN4QDD43.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-FQ2DOUNN.js";
import "./chunks/chunk-WSEOGMD4.js";
import "./chunks/chunk-R5SHQPFY.js";
import "./chunks/chunk-AFFJ5EIP.js";
import "./chunks/chunk-UFNLKYSJ.js";
import "./chunks/chunk-QYDJTWZL.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-BMQDOIIZ.js";
import "./chunks/chunk-4G7CELYP.js";

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
