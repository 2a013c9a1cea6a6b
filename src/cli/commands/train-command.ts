/** `modelship train`: run a training command (or the built-in trainer) and record the run. */
import { runTrainStage } from "../../stages/train-stage.ts";
import { renderRunRecordText } from "../../stages/train-text.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { choiceFlag, integerFlag, listFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  command: {
    type: "string",
    value: "CMD",
    description: "the training command; it writes model.onnx (and metrics.json) into $MODELSHIP_OUTPUT_DIR",
  },
  "train-config": {
    type: "string",
    value: "FILE",
    description: "train.yaml for the built-in trainer (instead of --command)",
  },
  output: {
    type: "string",
    short: "o",
    value: "DIR",
    description: "folder for model.onnx, metrics.json, run-record.json (default .modelship/model)",
  },
  "require-gpu": {
    type: "string",
    value: "WHEN",
    choices: ["true", "false", "auto"],
    description: "true (fail without a GPU), auto (default) or false",
  },
  param: {
    type: "string",
    multiple: true,
    value: "NAME=VALUE",
    description: "a hyperparameter for the command (MODELSHIP_PARAM_<NAME>, MODELSHIP_PARAMS)",
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "random seed for the command (MODELSHIP_SEED)" },
  "runner-labels": {
    type: "string",
    value: "JSON",
    description: "the runner labels the job asked for (recorded; named when no GPU is found)",
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const trainCommand: Command = {
  name: "train",
  summary: "train (your command or the built-in trainer), check model.onnx, write the run record",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "train", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage:
            'modelship train [--command "python train.py" | --train-config train.yaml] [--output DIR] [--require-gpu auto] [--param NAME=VALUE]...',
          summary:
            "Runs training, checks that model.onnx loads in onnxruntime, and writes run-record.json: params, metrics,\ndata fingerprints, git SHA, runner, GPUs and their utilization, timings.",
          flags,
        }),
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runTrainStage(
      {
        command: values.command,
        trainConfig: values["train-config"],
        output: values.output,
        requireGpu: choiceFlag(values["require-gpu"], "require-gpu", ["true", "false", "auto"] as const),
        seed: integerFlag(values.seed, "seed"),
        params: listFlag(values.param),
        runnerLabels: values["runner-labels"],
      },
      cliStageRun(output.context, values.config),
    );
    output.emit({
      json: result.record,
      // The renderer names the model file once; the run record is the report.
      text: () => renderRunRecordText(result, output.text),
      reports: [result.runRecordPath],
      failed: false,
    });
    return ExitCode.ok;
  },
};
