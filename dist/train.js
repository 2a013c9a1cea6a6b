import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-F34JVRIX.js";
import "./chunks/chunk-KB5XPNGZ.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-3Y4AX6FW.js";
import "./chunks/chunk-Q2DYZA3Q.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-ZSRJM7XL.js";
import "./chunks/chunk-DJQRCTAZ.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-QZ5PIGP5.js";
import "./chunks/chunk-26JFAWFB.js";

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
