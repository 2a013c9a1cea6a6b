import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  renderProfileText
} from "./chunk-BCJU35BN.js";
import {
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
import "./chunk-WW4KD5R5.js";
import {
  mergeProfiles,
  profileData,
  readProfile
} from "./chunk-A43L2ZJY.js";
import {
  checkOutputFile
} from "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import {
  loadContract
} from "./chunk-WC5L3K5J.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  redactProfiles
} from "./chunk-7VUA2BAW.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import "./chunk-ZX6A6IWO.js";
import {
  pick
} from "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-JXPNSGRB.js";
import "./chunk-QT3TIHE5.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-5US5NQLX.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/stages/profile-stage.ts
var DEFAULT_PROFILE_OUTPUT = ".modelship/reference-profile.json";
async function runProfileStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const config = loaded.config;
  const contractPath = pick(inputs.contract, config?.data?.contract === void 0 ? void 0 : loaded.resolvePath(config.data.contract));
  if (contractPath === void 0)
    throw new UserError("no contract given", { hint: "pass --contract FILE or set data.contract in modelship.yaml" });
  const paths = inputs.data ?? (config?.data?.train === void 0 ? [] : [loaded.resolvePath(config.data.train)]);
  if (paths.length === 0) throw new UserError("no data files given", { hint: "modelship profile data.csv --contract contract.yaml" });
  const output = pick(inputs.output, config?.profile?.output === void 0 ? void 0 : loaded.resolvePath(config.profile.output)) ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output (profile.output)");
  const contract = await loadContract(contractPath);
  const binsFrom = inputs.binsFrom === void 0 ? void 0 : await readProfile(inputs.binsFrom);
  const profile = await profileData({
    contract,
    paths,
    binsFrom,
    bins: pick(inputs.bins, config?.profile?.bins),
    topK: pick(inputs.topK, config?.profile?.top_k),
    logger: run.logger,
    toolVersion: run.toolVersion
  });
  await writeFileAtomic(output, `${JSON.stringify(profile, null, 2)}
`);
  return { profile, output };
}
async function runProfileMergeStage(inputs) {
  const [first, ...rest] = inputs.profiles;
  if (first === void 0 || rest.length === 0)
    throw new UserError("profile merge needs at least two profiles", {
      hint: "modelship profile merge shard-1.json shard-2.json --output whole.json"
    });
  const output = inputs.output ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output");
  const [head, ...tail] = redactProfiles(await Promise.all([first, ...rest].map((path) => readProfile(path))), redactorFor(void 0));
  let merged = head;
  for (const profile of tail) merged = mergeProfiles(merged, profile);
  await writeFileAtomic(output, `${JSON.stringify(merged, null, 2)}
`);
  return { profile: merged, output };
}

// src/cli/commands/profile-command.ts
var profileFlags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract the columns and types come from" },
  output: { type: "string", short: "o", value: "FILE", description: `where the profile is written (default ${DEFAULT_PROFILE_OUTPUT})` },
  "bins-from": {
    type: "string",
    value: "PROFILE",
    description: "reuse the histogram edges of this profile (shards must share edges to merge)"
  },
  bins: { type: "string", value: "N", numeric: "integer", min: 1, description: "histogram bins per numeric column (default 10)" },
  "top-k": { type: "string", value: "N", numeric: "integer", description: "categories listed per column (default 50)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var mergeFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: `where the merged profile is written (default ${DEFAULT_PROFILE_OUTPUT})`
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function merge(context, argv) {
  const { flags, positionals } = parseFlags(argv, mergeFlags, { command: "profile merge", env: context.env });
  if (flags.help) {
    context.print(
      renderHelp({
        usage: "modelship profile merge PROFILE PROFILE... [--output FILE]",
        summary: "Merges the profiles of shards (made with the same --bins-from) into the profile of the whole.",
        flags: mergeFlags
      })
    );
    return ExitCode.ok;
  }
  const out = commandOutput(context, flags);
  const { profile, output } = await runProfileMergeStage({ profiles: positionals, output: flags.output });
  out.emit({
    json: profile,
    // The renderer names the profile's file once.
    text: () => renderProfileText({ profile, output }, out.text),
    failed: false
  });
  return ExitCode.ok;
}
var profileCommand = {
  name: "profile",
  summary: "write a mergeable reference profile of data (drift baseline); `profile merge` merges shards",
  flagSets: [{ flags: profileFlags }, { sub: "merge", flags: mergeFlags }],
  async run(context) {
    if (context.argv[0] === "merge") return merge(context, context.argv.slice(1));
    const { flags, positionals } = parseFlags(context.argv, profileFlags, { command: "profile", env: context.env });
    if (flags.help) {
      context.print(
        renderHelp({
          usage: "modelship profile DATA... --contract FILE [--output FILE] [--bins-from PROFILE]\n       modelship profile merge PROFILE PROFILE... [--output FILE]",
          summary: "Profiles data files column by column: counts, nulls, min/max, mean/variance, a quantile sketch,\na histogram on frozen bins with overflow bins, and category counts. Profiles of shards merge exactly.",
          flags: profileFlags
        })
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
        topK: integerFlag(flags["top-k"], "top-k")
      },
      cliStageRun(out.context, flags.config)
    );
    out.emit({
      json: profile,
      text: () => renderProfileText({ profile, output }, out.text),
      failed: false
    });
    return ExitCode.ok;
  }
};
export {
  profileCommand
};
