/**
 * The reference profile a release carries when no profile file exists: the training data profiled
 * now (`train` names modelship.yaml's data.train), so every release has the baseline its drift
 * checks compare with.
 */
import { gitOutput } from "../git/git-command.ts";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { profileData, readProfile, type ReferenceProfile } from "../data/profile/profile-data.ts";
import { redactProfile } from "../data/pii/redact-reports.ts";
import { redactorFor, type Redactor } from "../data/pii/redact.ts";
import { expandGlob } from "../drift/sources.ts";

/** The checked-out commit's time, so a re-run profiles to the same bytes (and the release stays unchanged); else now. */
async function commitTime(): Promise<Date> {
  const time = await gitOutput(["log", "-1", "--format=%cI"]).then(
    (output) => new Date(output.trim()),
    () => undefined,
  );
  return time !== undefined && !Number.isNaN(time.getTime()) ? time : new Date();
}

/** A reference profile for a release: its path, and `cleanup` that removes it when it was made only for the release. */
export interface ReleaseReference {
  path: string | undefined;
  /** Removes the temporary profile (a no-op for a profile file that was there). Safe to call more than once. */
  cleanup(): Promise<void>;
}

/**
 * The release's reference profile: `existing` (a profile file that is there) when given, else the
 * reference data profiled into `reference-profile.json` in a fresh private temp folder (the caller
 * removes it with `cleanup` once released); no path when there is neither (no data asked for, or
 * `train` without data.train).
 */
export async function profileReferenceData(options: {
  existing: string | undefined;
  data: readonly string[];
  loaded: LoadedConfig;
  logger: Logger;
  toolVersion: string;
}): Promise<ReleaseReference> {
  const none = { path: options.existing, cleanup: () => Promise.resolve() };
  if (options.existing !== undefined) return await redactedExisting(options.existing, options.loaded, options.logger);
  if (options.data.length === 0) return none;
  const { loaded, logger } = options;
  const config = loaded.config;
  const patterns = options.data.flatMap((item) => {
    if (item !== "train") return [item];
    return config?.data?.train === undefined ? [] : [loaded.resolvePath(config.data.train)];
  });
  if (patterns.length === 0) {
    logger.info(
      "No reference data to profile (data.train is not set): the release carries no reference profile, so drift checks need --reference PROFILE.",
    );
    return none;
  }
  const { profile, paths } = await profileFiles({
    loaded,
    patterns,
    created: await commitTime(),
    logger,
    toolVersion: options.toolVersion,
  });
  const released = await temporaryProfile(profile);
  logger.info(`Profiled the reference data (${profile.rows} rows of ${paths.join(", ")}) for drift checks.`);
  return released;
}

/**
 * A profile file that is there, released as it is unless it shows values redaction hides (one made
 * by an older modelship, or without the contract's current `pii`/`redact` marks): then its redacted
 * copy in a temp folder. A release may be public (docs/privacy.md#redaction).
 */
async function redactedExisting(path: string, loaded: LoadedConfig, logger: Logger): Promise<ReleaseReference> {
  const profile = await readProfile(path);
  const redacted = redactProfile(profile, await contractRedactor(loaded));
  if (JSON.stringify(redacted) === JSON.stringify(profile)) return { path, cleanup: () => Promise.resolve() };
  logger.info(`Redacted the values of ${Object.keys(redacted.redacted ?? {}).join(", ")} in ${path} before releasing it.`);
  return temporaryProfile(redacted);
}

/** The profile written to `reference-profile.json` in a fresh private temp folder, removed by `cleanup`. */
async function temporaryProfile(profile: ReferenceProfile): Promise<ReleaseReference> {
  // mkdtemp: a fresh folder with an unpredictable name, so nobody else on the runner can plant or read it.
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-reference-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "reference-profile.json");
  try {
    await writeFileAtomic(path, `${JSON.stringify(profile, null, 2)}\n`);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { path, cleanup };
}

/** The data contract modelship.yaml names (data.contract, else validate.contract), resolved; a UserError when it names none. */
export function contractPathOf(loaded: LoadedConfig): string {
  const path = loaded.config?.data?.contract ?? loaded.config?.validate?.contract;
  if (path === undefined)
    throw new UserError("no data contract in modelship.yaml to read the data with", {
      file: loaded.file,
      hint: "set data.contract in modelship.yaml (the contract the model was trained with)",
    });
  return loaded.resolvePath(path);
}

/** A redactor from the contract modelship.yaml names (its columns' pii and redact), else the detectors alone. */
export async function contractRedactor(loaded: LoadedConfig): Promise<Redactor> {
  const named = loaded.config?.data?.contract ?? loaded.config?.validate?.contract;
  return redactorFor(named === undefined ? undefined : await loadContract(contractPathOf(loaded)));
}

/** Files and glob patterns profiled with the contract and modelship.yaml's profile settings (bins, top_k): a drift reference. */
export async function profileFiles(options: {
  loaded: LoadedConfig;
  patterns: string[];
  created?: Date;
  logger: Logger;
  toolVersion: string;
}): Promise<{ profile: ReferenceProfile; paths: string[] }> {
  const { loaded } = options;
  const paths = (await Promise.all(options.patterns.map((pattern) => expandGlob(pattern, process.cwd())))).flat();
  const contract = await loadContract(contractPathOf(loaded));
  const settings = loaded.config?.profile;
  const profile = await profileData({
    contract,
    paths,
    bins: settings?.bins,
    topK: settings?.top_k,
    ...(options.created === undefined ? {} : { created: options.created }),
    logger: options.logger,
    toolVersion: options.toolVersion,
  });
  return { profile, paths };
}
