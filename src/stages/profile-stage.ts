/**
 * The profile stage, shared by `modelship profile` and `profile merge`: a mergeable reference profile
 * of data files (the drift baseline), or the profile of the whole from its shards' profiles.
 */
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import { pick } from "../config/modelship-config.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { mergeProfiles, profileData, readProfile, type ReferenceProfile } from "../data/profile/profile-data.ts";
import { redactProfiles } from "../data/pii/redact-reports.ts";
import { redactorFor } from "../data/pii/redact.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import { checkOutputFile } from "../common/output-path.ts";

export type { ReferenceProfile } from "../data/profile/profile-data.ts";

/** Where a profile is written when neither a flag nor modelship.yaml says. */
export const DEFAULT_PROFILE_OUTPUT = ".modelship/reference-profile.json";

/** What a face gives the profile stage; each falls back to modelship.yaml (data.contract, data.train, profile.*). */
export interface ProfileStageInputs {
  contract?: string;
  data?: string[];
  output?: string;
  /** A profile whose histogram edges to reuse, so the shards' profiles merge. */
  binsFrom?: string;
  bins?: number;
  topK?: number;
}

export interface ProfileStageResult {
  profile: ReferenceProfile;
  /** Where the profile was written. */
  output: string;
}

/** Profiles the data files column by column against their contract and writes the profile. */
export async function runProfileStage(inputs: ProfileStageInputs, run: StageRun): Promise<ProfileStageResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const config = loaded.config;
  const contractPath = pick(inputs.contract, config?.data?.contract === undefined ? undefined : loaded.resolvePath(config.data.contract));
  if (contractPath === undefined)
    throw new UserError("no contract given", { hint: "pass --contract FILE or set data.contract in modelship.yaml" });
  const paths = inputs.data ?? (config?.data?.train === undefined ? [] : [loaded.resolvePath(config.data.train)]);
  if (paths.length === 0) throw new UserError("no data files given", { hint: "modelship profile data.csv --contract contract.yaml" });
  const output =
    pick(inputs.output, config?.profile?.output === undefined ? undefined : loaded.resolvePath(config.profile.output)) ??
    DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output (profile.output)");
  const contract = await loadContract(contractPath);
  const binsFrom = inputs.binsFrom === undefined ? undefined : await readProfile(inputs.binsFrom);
  const profile = await profileData({
    contract,
    paths,
    binsFrom,
    bins: pick(inputs.bins, config?.profile?.bins),
    topK: pick(inputs.topK, config?.profile?.top_k),
    logger: run.logger,
    toolVersion: run.toolVersion,
  });
  await writeFileAtomic(output, `${JSON.stringify(profile, null, 2)}\n`);
  return { profile, output };
}

/** Merges the shards' profiles (made with the same bins) into the profile of the whole, and writes it. */
export async function runProfileMergeStage(inputs: { profiles: string[]; output?: string }): Promise<ProfileStageResult> {
  const [first, ...rest] = inputs.profiles;
  if (first === undefined || rest.length === 0)
    throw new UserError("profile merge needs at least two profiles", {
      hint: "modelship profile merge shard-1.json shard-2.json --output whole.json",
    });
  const output = inputs.output ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output");
  // Each shard redacted alike first: a column one shard's detectors caught is redacted in all.
  const [head, ...tail] = redactProfiles(await Promise.all([first, ...rest].map((path) => readProfile(path))), redactorFor(undefined));
  let merged = head!;
  for (const profile of tail) merged = mergeProfiles(merged, profile);
  await writeFileAtomic(output, `${JSON.stringify(merged, null, 2)}\n`);
  return { profile: merged, output };
}
