/** `modelship init`: start a model repository from the CSV it holds (docs/init.md). */
import { UserError } from "../../common/errors.ts";
import { WELL_KNOWN_TARGETS } from "../../stages/init-data.ts";
import { shown } from "../../stages/init-paths.ts";
import { runInitStage } from "../../stages/init-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { integerFlag, numberFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  data: {
    type: "string",
    value: "PATH",
    description: "the CSV (.csv or .csv.gz) to learn from (default: the only one in this folder's tree)",
  },
  test: {
    type: "string",
    value: "PATH",
    description: "a held-out test CSV (default: a seeded split of --data into NAME.train.csv and NAME.test.csv)",
  },
  target: {
    type: "string",
    value: "COLUMN",
    description: `the column to predict (default: the one called ${WELL_KNOWN_TARGETS.join(", ")}, in any case)`,
  },
  model: { type: "string", value: "NAME", description: "the model's name (default: this folder's name, lowercase with dashes)" },
  sensitive: {
    type: "string",
    multiple: true,
    value: "COLUMNS",
    description: "comma-separated columns to gate fairness on, e.g. sex,race",
  },
  "positive-label": {
    type: "string",
    value: "VALUE",
    description: "the positive class of a binary target, the one scored (not necessarily a good outcome; default: the rarer one)",
  },
  "gpu-runner": {
    type: "string",
    value: "LABELS",
    description: "comma-separated runner labels for the train job, e.g. self-hosted,gpu (default: ubuntu-latest)",
  },
  "test-share": {
    type: "string",
    value: "SHARE",
    numeric: "number",
    description: "share of the rows the split holds out for testing (default 0.2)",
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "seed of the split (default 42)" },
  force: { type: "boolean", description: "merge into existing files (your keys and comments stay, missing ones are added)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

/** Every flag, as docs/cli.md lists it too. */
export const USAGE =
  "modelship init [--data PATH] [--test PATH] [--target COLUMN] [--model NAME] [--sensitive COLUMNS] [--positive-label VALUE] [--gpu-runner LABELS] [--test-share SHARE] [--seed N] [--force] [--format FORMAT] [--json] [-q] [-v]";

/** Comma-separated values from one or more flags (`--sensitive sex,race` or `--sensitive sex --sensitive race`). */
function commaList(values: string[] | undefined, name: string): string[] | undefined {
  if (values === undefined) return undefined;
  const items = values
    .flatMap((value) => value.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UserError(`--${name} is empty`, { hint: `give --${name} comma-separated values, or leave it out` });
  return items;
}

export const initCommand: Command = {
  name: "init",
  summary: "start a model repository: modelship.yaml, contract, train config, gates, CI workflow from your CSV",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: given } = parseFlags(context.argv, flags, { command: "init", env: context.env, positionals: false });
    if (given.help) {
      context.print(
        renderHelp({
          usage: USAGE,
          summary:
            "Writes modelship.yaml, data/contract.yaml (inferred from the data), train/train.yaml (the built-in trainer),\npolicies/gates.yaml, .github/workflows/model.yml and .gitignore. Refuses to overwrite files unless --force.",
          flags,
          notes:
            "Without --data and --test, the tree's only CSV is split (or its only two CSVs, named like a train/test pair, are used as they are).\nGuide: node_modules/modelship/docs/init.md.",
        }),
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, given);
    const gpuRunner = given["gpu-runner"] === undefined ? undefined : commaList([given["gpu-runner"]], "gpu-runner");
    const result = await runInitStage(
      {
        data: given.data,
        test: given.test,
        target: given.target,
        model: given.model,
        sensitive: commaList(given.sensitive, "sensitive"),
        positiveLabel: given["positive-label"],
        gpuRunner,
        testShare: numberFlag(given["test-share"], "test-share"),
        seed: integerFlag(given.seed, "seed"),
        force: given.force,
      },
      cliStageRun(output.context, undefined),
    );
    const width = Math.max(...result.files.map((file) => file.status.length));
    const lines = [
      `modelship init: ${result.model}, predicting ${shown(result.target)} (${result.task}) from ${result.data}`,
      "",
      ...result.notes.map((note) => `  ${note}`),
      "",
      "Files:",
      ...result.files.map((file) => `  ${file.status.padEnd(width)}  ${file.path}`),
      "",
      "Next steps:",
      ...result.nextSteps.map((step, index) => `  ${index + 1}. ${step}`),
    ];
    output.emit({ json: result, text: () => lines.join("\n"), failed: false });
    return ExitCode.ok;
  },
};
