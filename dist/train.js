import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-KBAKGNHN.js";
import "./chunks/chunk-OHYPZJGH.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-NVKYSDFF.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-LC6K3RCJ.js";
import "./chunks/chunk-VXINPS6Q.js";
import "./chunks/chunk-FH5TOFOZ.js";
import "./chunks/chunk-XWHTO7IV.js";
import "./chunks/chunk-IIWHS54Y.js";
import "./chunks/chunk-2DA7VCXQ.js";
import {
  actionStageRun,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-2VH4JETB.js";
import "./chunks/chunk-DPAG27KB.js";

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
