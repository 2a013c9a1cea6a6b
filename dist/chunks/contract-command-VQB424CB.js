import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runContractDiffStage,
  runContractInferStage
} from "./chunk-FRS5GCCT.js";
import "./chunk-DUVNE2TN.js";
import {
  renderContractDiffText
} from "./chunk-BCJU35BN.js";
import {
  commandOutput,
  integerFlag,
  levelFlags,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-FBC54HEI.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/contract-command.ts
var inferFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: "write the contract here instead of stdout (refuses to overwrite without --force)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (role: target)" },
  "max-enum": {
    type: "string",
    value: "N",
    numeric: "integer",
    description: "string columns with at most N distinct values become enums (default 20)"
  },
  delimiter: { type: "string", value: "CHAR", description: "CSV delimiter (default: from the extension)" },
  force: { type: "boolean", description: "overwrite --output if it exists" },
  ...levelFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var diffFlags = {
  "fail-on-breaking": { type: "boolean", description: "exit 1 when a change is breaking" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function infer(context, argv) {
  const { flags, positionals } = parseFlags(argv, inferFlags, { command: "contract infer", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship contract infer DATA... [--target COLUMN] [--output FILE]",
        summary: "Drafts a data contract (types, ranges, enums, null markers) that the given data satisfies.\nReview it: it describes the data you have, not the data you want.",
        flags: inferFlags
      })
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
      force: flags.force
    },
    cliStageRun(output.context, void 0)
  );
  if (result.output === void 0) {
    context.print(result.yaml.trimEnd());
    return ExitCode.ok;
  }
  if (!flags.quiet) context.print(`Wrote a draft contract to ${result.output}: review it before you commit it.`);
  return ExitCode.ok;
}
async function diff(context, argv) {
  const { flags, positionals } = parseFlags(argv, diffFlags, { command: "contract diff", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship contract diff OLD NEW",
        summary: "Lists what changed between two versions of a contract, and which changes are breaking\n(removed column, narrowed type, tightened constraint, removed enum value\u2026).",
        flags: diffFlags
      })
    );
    return ExitCode.ok;
  }
  const output = commandOutput(context, flags);
  const { diff: result, markdown } = await runContractDiffStage({ contracts: positionals });
  const failed = flags["fail-on-breaking"] === true && result.breaking;
  output.emit({ json: result, markdown: () => markdown, text: () => renderContractDiffText(result, output.text), failed });
  return failed ? ExitCode.checksFailed : ExitCode.ok;
}
var contractCommand = {
  name: "contract",
  summary: "`contract infer DATA` drafts a contract; `contract diff OLD NEW` classifies changes",
  flagSets: [
    { sub: "infer", flags: inferFlags },
    { sub: "diff", flags: diffFlags }
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
          "modelship contract infer --help and modelship contract diff --help list their options."
        ].join("\n")
      );
      return ExitCode.ok;
    }
    throw new UserError(sub === void 0 ? "contract needs a subcommand" : `unknown subcommand "contract ${sub}"`, {
      hint: "use `modelship contract infer DATA` or `modelship contract diff OLD NEW`"
    });
  }
};
export {
  contractCommand
};
