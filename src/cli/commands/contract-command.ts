/** `modelship contract infer|diff`: draft a contract from data; classify contract changes. */
import { UserError } from "../../common/errors.ts";
import { renderContractDiffText } from "../../stages/data-text.ts";
import { runContractDiffStage, runContractInferStage } from "../../stages/contract-stage.ts";
import { cliStageRun, ExitCode, type Command, type CommandContext } from "../command.ts";
import { integerFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, levelFlags, outputFlags } from "../output.ts";

const inferFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: "write the contract here instead of stdout (refuses to overwrite without --force)",
  },
  target: { type: "string", value: "COLUMN", description: "the label column (role: target)" },
  "max-enum": {
    type: "string",
    value: "N",
    numeric: "integer",
    description: "string columns with at most N distinct values become enums (default 20)",
  },
  delimiter: { type: "string", value: "CHAR", description: "CSV delimiter (default: from the extension)" },
  force: { type: "boolean", description: "overwrite --output if it exists" },
  ...levelFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

const diffFlags = {
  "fail-on-breaking": { type: "boolean", description: "exit 1 when a change is breaking" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

async function infer(context: CommandContext, argv: string[]): Promise<ExitCode> {
  const { flags, positionals } = parseFlags(argv, inferFlags, { command: "contract infer", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship contract infer DATA... [--target COLUMN] [--output FILE]",
        summary:
          "Drafts a data contract (types, ranges, enums, null markers) that the given data satisfies.\nReview it: it describes the data you have, not the data you want.",
        flags: inferFlags,
      }),
    );
    return ExitCode.ok;
  }
  const output = commandOutput(context, flags);
  const result = await runContractInferStage(
    {
      data: positionals,
      target: flags.target,
      maxEnum: integerFlag(flags["max-enum"], "max-enum"),
      delimiter: flags.delimiter,
      output: flags.output,
      force: flags.force,
    },
    cliStageRun(output.context, undefined),
  );
  if (result.output === undefined) {
    context.print(result.yaml.trimEnd());
    return ExitCode.ok;
  }
  if (!flags.quiet) context.print(`Wrote a draft contract to ${result.output}: review it before you commit it.`);
  return ExitCode.ok;
}

async function diff(context: CommandContext, argv: string[]): Promise<ExitCode> {
  const { flags, positionals } = parseFlags(argv, diffFlags, { command: "contract diff", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship contract diff OLD NEW",
        summary:
          "Lists what changed between two versions of a contract, and which changes are breaking\n(removed column, narrowed type, tightened constraint, removed enum value…).",
        flags: diffFlags,
      }),
    );
    return ExitCode.ok;
  }
  const output = commandOutput(context, flags);
  const { diff: result, markdown } = await runContractDiffStage({ contracts: positionals });
  const failed = flags["fail-on-breaking"] === true && result.breaking;
  output.emit({ json: result, markdown: () => markdown, text: () => renderContractDiffText(result, output.text), failed });
  return failed ? ExitCode.checksFailed : ExitCode.ok;
}

export const contractCommand: Command = {
  name: "contract",
  summary: "`contract infer DATA` drafts a contract; `contract diff OLD NEW` classifies changes",
  flagSets: [
    { sub: "infer", flags: inferFlags },
    { sub: "diff", flags: diffFlags },
  ],
  async run(context) {
    const [sub, ...rest] = context.argv;
    if (sub === "infer") return infer(context, rest);
    if (sub === "diff") return diff(context, rest);
    if (sub === "--help" || sub === "-h" || sub === "help") {
      context.print(
        [
          "usage: modelship contract infer DATA... [--target COLUMN] [--output FILE]",
          "       modelship contract diff OLD NEW",
          "",
          "  infer  drafts a data contract that the given data satisfies",
          "  diff   lists what changed between two contracts, and which changes are breaking",
          "",
          "modelship contract infer --help and modelship contract diff --help list their options.",
        ].join("\n"),
      );
      return ExitCode.ok;
    }
    throw new UserError(sub === undefined ? "contract needs a subcommand" : `unknown subcommand "contract ${sub}"`, {
      hint: "use `modelship contract infer DATA` or `modelship contract diff OLD NEW`",
    });
  },
};
