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
  PREDICT_FORMATS,
  runPredictStage
} from "./chunk-EODPM3A2.js";
import "./chunk-UQYGI3RK.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-VASYQY3D.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-2DOXU2DG.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-SU4BFKON.js";
import {
  plural
} from "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/predict-command.ts
var flags = {
  model: {
    type: "string",
    short: "m",
    value: "FILE",
    description: "the ONNX model (default evaluate.model, else model.onnx in train.output)"
  },
  out: { type: "string", short: "o", value: "FILE", description: "where the predictions go: .csv, .jsonl or .parquet" },
  "out-format": {
    type: "string",
    value: "FORMAT",
    choices: PREDICT_FORMATS,
    description: "csv, jsonl or parquet (default from the --out extension)"
  },
  contract: {
    type: "string",
    short: "c",
    value: "FILE",
    description: "data contract: dialect, aliases, id/timestamp columns passed through, the prediction column's name (default data.contract)"
  },
  feature: { type: "string", multiple: true, value: "COLUMN", description: "feature columns in order, for a model with one [N, F] input" },
  keep: {
    type: "string",
    multiple: true,
    value: "COLUMN",
    description: "another input column to pass through (id and timestamp columns always are)"
  },
  "label-column": {
    type: "string",
    value: "NAME",
    description: "the predicted label's column (default the contract's prediction column, else prediction)"
  },
  "batch-size": { type: "string", value: "N", numeric: "integer", min: 1, description: "rows per onnxruntime run (default 8192)" },
  threads: {
    type: "string",
    value: "N",
    numeric: "integer",
    min: 1,
    description: "onnxruntime intra-op threads (default onnxruntime's; 1 when writing Parquet on two threads)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var predictCommand = {
  name: "predict",
  summary: "score data with an ONNX model: label and class probabilities as CSV, JSON Lines or Parquet",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "predict", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship predict DATA... --out predictions.parquet [--model model.onnx] [--contract contract.yaml]",
          summary: "Streams the data (CSV, CSV.gz, JSON Lines, Parquet files or https:// URLs) through the model batch by batch and\nwrites the contract's id and timestamp columns, the predicted label and one proba_<class> column per class.\nNo target is needed. The output feeds `modelship drift` as current data with a prediction column.",
          flags,
          notes: "exit status: 0 written, 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runPredictStage(
      {
        model: values.model,
        data: listFlag(positionals),
        contract: values.contract,
        features: listFlag(values.feature),
        out: values.out,
        format: choiceFlag(values["out-format"], "out-format", PREDICT_FORMATS),
        labelColumn: values["label-column"],
        keep: listFlag(values.keep),
        threads: integerFlag(values.threads, "threads", 1),
        batchSize: integerFlag(values["batch-size"], "batch-size", 1)
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result,
      markdown: () => `Wrote ${plural(result.rows, "prediction")} to \`${result.out}\` (${result.format}: ${result.columns.join(", ")}).
`,
      text: () => `Wrote ${plural(result.rows, "prediction")} to ${result.out} (${result.columns.join(", ")}).`,
      reports: [result.out],
      failed: false
    });
    return ExitCode.ok;
  }
};
export {
  predictCommand
};
