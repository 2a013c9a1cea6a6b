import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-AFN6SYDP.js";
import "./chunks/chunk-5PXIKNGC.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-7XHA3HP5.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-M2IIIG4L.js";
import "./chunks/chunk-OD4DNHLU.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-DN64TCPN.js";
import "./chunks/chunk-L7GURJM5.js";

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
