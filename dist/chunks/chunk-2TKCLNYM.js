import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  profileData,
  readProfile
} from "./chunk-A43L2ZJY.js";
import {
  loadContract
} from "./chunk-WC5L3K5J.js";
import {
  gitOutput
} from "./chunk-FBLJ2B7Y.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  redactProfile
} from "./chunk-7VUA2BAW.js";
import {
  expandGlob
} from "./chunk-VASYQY3D.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/reference-data.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function commitTime() {
  const time = await gitOutput(["log", "-1", "--format=%cI"]).then(
    (output) => new Date(output.trim()),
    () => void 0
  );
  return time !== void 0 && !Number.isNaN(time.getTime()) ? time : /* @__PURE__ */ new Date();
}
async function profileReferenceData(options) {
  const none = { path: options.existing, cleanup: () => Promise.resolve() };
  if (options.existing !== void 0) return await redactedExisting(options.existing, options.loaded, options.logger);
  if (options.data.length === 0) return none;
  const { loaded, logger } = options;
  const config = loaded.config;
  const patterns = options.data.flatMap((item) => {
    if (item !== "train") return [item];
    return config?.data?.train === void 0 ? [] : [loaded.resolvePath(config.data.train)];
  });
  if (patterns.length === 0) {
    logger.info(
      "No reference data to profile (data.train is not set): the release carries no reference profile, so drift checks need --reference PROFILE."
    );
    return none;
  }
  const { profile, paths } = await profileFiles({
    loaded,
    patterns,
    created: await commitTime(),
    logger,
    toolVersion: options.toolVersion
  });
  const released = await temporaryProfile(profile);
  logger.info(`Profiled the reference data (${profile.rows} rows of ${paths.join(", ")}) for drift checks.`);
  return released;
}
async function redactedExisting(path, loaded, logger) {
  const profile = await readProfile(path);
  const redacted = redactProfile(profile, await contractRedactor(loaded));
  if (JSON.stringify(redacted) === JSON.stringify(profile)) return { path, cleanup: () => Promise.resolve() };
  logger.info(`Redacted the values of ${Object.keys(redacted.redacted ?? {}).join(", ")} in ${path} before releasing it.`);
  return temporaryProfile(redacted);
}
async function temporaryProfile(profile) {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-reference-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "reference-profile.json");
  try {
    await writeFileAtomic(path, `${JSON.stringify(profile, null, 2)}
`);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { path, cleanup };
}
function contractPathOf(loaded) {
  const path = loaded.config?.data?.contract ?? loaded.config?.validate?.contract;
  if (path === void 0)
    throw new UserError("no data contract in modelship.yaml to read the data with", {
      file: loaded.file,
      hint: "set data.contract in modelship.yaml (the contract the model was trained with)"
    });
  return loaded.resolvePath(path);
}
async function contractRedactor(loaded) {
  const named = loaded.config?.data?.contract ?? loaded.config?.validate?.contract;
  return redactorFor(named === void 0 ? void 0 : await loadContract(contractPathOf(loaded)));
}
async function profileFiles(options) {
  const { loaded } = options;
  const paths = (await Promise.all(options.patterns.map((pattern) => expandGlob(pattern, process.cwd())))).flat();
  const contract = await loadContract(contractPathOf(loaded));
  const settings = loaded.config?.profile;
  const profile = await profileData({
    contract,
    paths,
    bins: settings?.bins,
    topK: settings?.top_k,
    ...options.created === void 0 ? {} : { created: options.created },
    logger: options.logger,
    toolVersion: options.toolVersion
  });
  return { profile, paths };
}

export {
  profileReferenceData,
  contractPathOf,
  contractRedactor,
  profileFiles
};
