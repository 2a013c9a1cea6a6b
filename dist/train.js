import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-ATBIP4I7.js";
import "./chunks/chunk-RCT3SU2S.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-7I6DUH4Y.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-BA2JSKXX.js";
import "./chunks/chunk-3M4Q4ESR.js";
import "./chunks/chunk-PU2NKIVK.js";
import "./chunks/chunk-6X4GN6NZ.js";
import "./chunks/chunk-OLVC4NSS.js";
import "./chunks/chunk-2J5Z4KCR.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-ZC5XNF6T.js";
import "./chunks/chunk-EA62S6YL.js";

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
