/** `modelship profile`: write a mergeable reference profile; `modelship profile merge`: merge shard profiles. */
import { renderProfileText } from "../../stages/data-text.ts";
import { DEFAULT_PROFILE_OUTPUT, runProfileMergeStage, runProfileStage } from "../../stages/profile-stage.ts";
import { cliStageRun, ExitCode, type Command, type CommandContext } from "../command.ts";
import { integerFlag, listFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const profileFlags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract the columns and types come from" },
  output: { type: "string", short: "o", value: "FILE", description: `where the profile is written (default ${DEFAULT_PROFILE_OUTPUT})` },
  "bins-from": {
    type: "string",
    value: "PROFILE",
    description: "reuse the histogram edges of this profile (shards must share edges to merge)",
  },
  bins: { type: "string", value: "N", numeric: "integer", min: 1, description: "histogram bins per numeric column (default 10)" },
  "top-k": { type: "string", value: "N", numeric: "integer", description: "categories listed per column (default 50)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

const mergeFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: `where the merged profile is written (default ${DEFAULT_PROFILE_OUTPUT})`,
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

async function merge(context: CommandContext, argv: string[]): Promise<ExitCode> {
  const { flags, positionals } = parseFlags(argv, mergeFlags, { command: "profile merge", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship profile merge PROFILE PROFILE... [--output FILE]",
        summary: "Merges the profiles of shards (made with the same --bins-from) into the profile of the whole.",
        flags: mergeFlags,
      }),
    );
    return ExitCode.ok;
  }
  const out = commandOutput(context, flags);
  const { profile, output } = await runProfileMergeStage({ profiles: positionals, output: flags.output });
  out.emit({
    json: profile,
    // The renderer names the profile's file once.
    text: () => renderProfileText({ profile, output }, out.text),
    failed: false,
  });
  return ExitCode.ok;
}

export const profileCommand: Command = {
  name: "profile",
  summary: "write a mergeable reference profile of data (drift baseline); `profile merge` merges shards",
  flagSets: [{ flags: profileFlags }, { sub: "merge", flags: mergeFlags }],
  async run(context) {
    if (context.argv[0] === "merge") return merge(context, context.argv.slice(1));
    const { flags, positionals } = parseFlags(context.argv, profileFlags, { command: "profile", env: context.env });
    if (flags.help) {
      context.print(
        renderHelp({
          usage:
            "modelship profile DATA... --contract FILE [--output FILE] [--bins-from PROFILE]\n       modelship profile merge PROFILE PROFILE... [--output FILE]",
          summary:
            "Profiles data files column by column: counts, nulls, min/max, mean/variance, a quantile sketch,\na histogram on frozen bins with overflow bins, and category counts. Profiles of shards merge exactly.",
          flags: profileFlags,
        }),
      );
      return ExitCode.ok;
    }
    const out = commandOutput(context, flags);
    const { profile, output } = await runProfileStage(
      {
        contract: flags.contract,
        data: listFlag(positionals),
        output: flags.output,
        binsFrom: flags["bins-from"],
        bins: integerFlag(flags.bins, "bins"),
        topK: integerFlag(flags["top-k"], "top-k"),
      },
      cliStageRun(out.context, flags.config),
    );
    out.emit({
      json: profile,
      text: () => renderProfileText({ profile, output }, out.text),
      failed: false,
    });
    return ExitCode.ok;
  },
};
