/** `modelship profile`: write a mergeable reference profile; `modelship profile merge`: merge shard profiles. */
import { writeFileAtomic } from "../../common/atomic-write.ts";
import { UserError } from "../../common/errors.ts";
import { loadConfig, pick } from "../../config/modelship-config.ts";
import { loadContract } from "../../data/contract/contract.ts";
import { mergeProfiles, profileData, readProfile } from "../../data/profile/profile.ts";
import { ExitCode, type Command, type CommandContext } from "../command.ts";
import { integerFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";

const DEFAULT_OUTPUT = ".modelship/reference-profile.json";

const profileFlags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract the columns and types come from" },
  output: { type: "string", short: "o", value: "FILE", description: `where the profile is written (default ${DEFAULT_OUTPUT})` },
  "bins-from": {
    type: "string",
    value: "PROFILE",
    description: "reuse the histogram edges of this profile (shards must share edges to merge)",
  },
  bins: { type: "string", value: "N", description: "histogram bins per numeric column (default 10)" },
  "top-k": { type: "string", value: "N", description: "categories listed per column (default 50)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

const mergeFlags = {
  output: { type: "string", short: "o", value: "FILE", description: `where the merged profile is written (default ${DEFAULT_OUTPUT})` },
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
  if (positionals.length < 2)
    throw new UserError("profile merge needs at least two profiles", {
      hint: "modelship profile merge shard-1.json shard-2.json --output whole.json",
    });
  let merged = await readProfile(positionals[0]!);
  for (const path of positionals.slice(1)) merged = mergeProfiles(merged, await readProfile(path));
  const output = flags.output ?? DEFAULT_OUTPUT;
  await writeFileAtomic(output, `${JSON.stringify(merged, null, 2)}\n`);
  context.logger.info(`Merged ${positionals.length} profiles (${merged.rows} rows) into ${output}`);
  return ExitCode.ok;
}

export const profileCommand: Command = {
  name: "profile",
  summary: "write a mergeable reference profile of data (drift baseline); `profile merge` merges shards",
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
    const loaded = await loadConfig({ file: flags.config, cwd: context.cwd });
    const config = loaded.config;
    const contractPath = pick(flags.contract, config?.data?.contract === undefined ? undefined : loaded.resolvePath(config.data.contract));
    if (contractPath === undefined)
      throw new UserError("no contract given", { hint: "pass --contract FILE or set data.contract in modelship.yaml" });
    const paths = positionals.length > 0 ? positionals : config?.data?.train === undefined ? [] : [loaded.resolvePath(config.data.train)];
    if (paths.length === 0) throw new UserError("no data files given", { hint: "modelship profile data.csv --contract contract.yaml" });
    const contract = await loadContract(contractPath);
    const binsFrom = flags["bins-from"] === undefined ? undefined : await readProfile(flags["bins-from"]);
    const profile = await profileData({
      contract,
      paths,
      binsFrom,
      bins: pick(integerFlag(flags.bins, "bins"), config?.profile?.bins),
      topK: pick(integerFlag(flags["top-k"], "top-k"), config?.profile?.top_k),
      logger: context.logger,
      toolVersion: context.version,
    });
    const output =
      pick(flags.output, config?.profile?.output === undefined ? undefined : loaded.resolvePath(config.profile.output)) ?? DEFAULT_OUTPUT;
    await writeFileAtomic(output, `${JSON.stringify(profile, null, 2)}\n`);
    context.logger.info(`Profiled ${profile.rows} rows × ${Object.keys(profile.columns).length} columns into ${output}`);
    return ExitCode.ok;
  },
};
