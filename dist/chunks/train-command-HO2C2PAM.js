import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  choiceFlag,
  commandOutput,
  integerFlag,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  renderRunRecordText,
  runTrainStage
} from "./chunk-CX6OWA2X.js";
import "./chunk-H6DAK75W.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-ZMMWZKTW.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-E5B55GBZ.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-GKGV24WD.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4XVZLVA3.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-FLFJYAH6.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/train-command.ts
var flags = {
  command: {
    type: "string",
    value: "CMD",
    description: "the training command; it writes model.onnx (and metrics.json) into $MODELSHIP_OUTPUT_DIR"
  },
  "train-config": {
    type: "string",
    value: "FILE",
    description: "train.yaml for the built-in trainer (instead of --command)"
  },
  output: {
    type: "string",
    short: "o",
    value: "DIR",
    description: "folder for model.onnx, metrics.json, run-record.json (default .modelship/model)"
  },
  "require-gpu": {
    type: "string",
    value: "WHEN",
    choices: ["true", "false", "auto"],
    description: "true (fail without a GPU), auto (default) or false"
  },
  param: {
    type: "string",
    multiple: true,
    value: "NAME=VALUE",
    description: "a hyperparameter for the command (MODELSHIP_PARAM_<NAME>, MODELSHIP_PARAMS)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "random seed for the command (MODELSHIP_SEED)" },
  "runner-labels": {
    type: "string",
    value: "JSON",
    description: "the runner labels the job asked for (recorded; named when no GPU is found)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var trainCommand = {
  name: "train",
  summary: "train (your command or the built-in trainer), check model.onnx, write the run record",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "train", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: 'modelship train [--command "python train.py" | --train-config train.yaml] [--output DIR] [--require-gpu auto] [--param NAME=VALUE]...',
          summary: "Runs training, checks that model.onnx loads in onnxruntime, and writes run-record.json: params, metrics,\ndata fingerprints, git SHA, runner, GPUs and their utilization, timings.",
          flags
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runTrainStage(
      {
        command: values.command,
        trainConfig: values["train-config"],
        output: values.output,
        requireGpu: choiceFlag(values["require-gpu"], "require-gpu", ["true", "false", "auto"]),
        seed: integerFlag(values.seed, "seed"),
        params: listFlag(values.param),
        runnerLabels: values["runner-labels"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.record,
      // The renderer names the model file once; the run record is the report.
      text: () => renderRunRecordText(result, output.text),
      reports: [result.runRecordPath],
      failed: false
    });
    return ExitCode.ok;
  }
};
export {
  trainCommand
};
