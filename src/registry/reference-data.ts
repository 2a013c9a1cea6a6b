/**
 * The reference profile a release carries when no profile file exists: the training data profiled
 * now (`train` names modelship.yaml's data.train), so every release has the baseline its drift
 * checks compare with.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { loadContract } from "../data/contract.ts";
import { profileData } from "../data/profile.ts";
import { expandGlob } from "../drift/sources.ts";

/** The checked-out commit's time, so a re-run profiles to the same bytes (and the release stays unchanged); else now. */
function commitTime(): Date {
  const result = spawnSync("git", ["log", "-1", "--format=%cI"], { encoding: "utf8" });
  const time = result.status === 0 ? new Date(result.stdout.trim()) : undefined;
  return time !== undefined && !Number.isNaN(time.getTime()) ? time : new Date();
}

/** Profiles the reference data into `<outDir>/reference-profile.json`; undefined when `train` is asked for but not configured. */
export async function profileReferenceData(options: { data: string[]; loaded: LoadedConfig; outDir: string; logger: Logger; toolVersion: string }): Promise<string | undefined> {
  const { loaded, logger } = options;
  const config = loaded.config;
  const patterns = options.data.flatMap((item) => {
    if (item !== "train") return [item];
    return config?.data?.train === undefined ? [] : [loaded.resolvePath(config.data.train)];
  });
  if (patterns.length === 0) {
    logger.info("No reference data to profile (data.train is not set): the release carries no reference profile, so drift checks need --reference PROFILE.");
    return undefined;
  }
  const contractFile = config?.data?.contract ?? config?.validate?.contract;
  if (contractFile === undefined) throw new UserError("profiling the reference data needs the data contract", { file: loaded.file, hint: "set data.contract in modelship.yaml" });
  const paths = (await Promise.all(patterns.map((pattern) => expandGlob(pattern, process.cwd())))).flat();
  const contract = await loadContract(loaded.resolvePath(contractFile));
  const profile = await profileData({ contract, paths, bins: config?.profile?.bins, topK: config?.profile?.top_k, created: commitTime(), logger, toolVersion: options.toolVersion });
  const path = join(options.outDir, "reference-profile.json");
  await writeFileAtomic(path, `${JSON.stringify(profile, null, 2)}\n`);
  logger.info(`Profiled the reference data (${profile.rows} rows of ${paths.join(", ")}) for drift checks: ${path}`);
  return path;
}
