import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-UUWXDAWU.js";
import "./chunks/chunk-U7EIPJ3P.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-ZZ5CV7LZ.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-OAUCG3WP.js";
import "./chunks/chunk-IY2O7OQE.js";
import "./chunks/chunk-7QQXAH3Y.js";
import "./chunks/chunk-HFYPUWDN.js";
import "./chunks/chunk-QZ5TWO4K.js";
import "./chunks/chunk-F2TOL7QQ.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-H22DEWEB.js";
import "./chunks/chunk-LFRDFJH6.js";

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
