/**
 * The release stage: pick the version (explicit, or bumped from the newest release), package the
 * model with its gate report, and publish it to the registry — immutable and idempotent. Re-running
 * a release of the same model bytes returns the version already published instead of a new one.
 * `runReleaseStage` is what the faces call: settings, the reference profile, the registry, then the release.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "../common/logger.ts";
import { MANIFEST_NAME, sha256File, shortDigest, SUMS_NAME } from "../registry/manifest.ts";
import { packageModel, type PackageOptions } from "../registry/package.ts";
import type { PublishedVersion, RegistryStore } from "../registry/registry-types.ts";
import {
  bumpVersion,
  checkModelName,
  compareVersions,
  DEFAULT_TAG_FORMAT,
  normalizeVersion,
  tagFor,
  type Bump,
} from "../registry/model-version.ts";
import { profileReferenceData } from "./reference-data.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { resolveReleaseSettings, type ExplicitReleaseSettings } from "./release-settings.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";

/** The packager's inputs that the caller gives (the version, tag and previous release are worked out here). */
type PackageInputs = Pick<
  PackageOptions,
  | "modelPath"
  | "gateReportPath"
  | "referenceProfilePath"
  | "runRecordPath"
  | "extraFiles"
  | "allowUngated"
  | "description"
  | "toolVersion"
  | "gitSha"
  | "runUrl"
>;

export interface ReleaseOptions extends PackageInputs {
  store: RegistryStore;
  model: string;
  /** An explicit version, or a bump from the newest release. */
  version: { exact: string } | { bump: Bump };
  tagFormat?: string;
  logger: Logger;
}

export interface ReleaseResult extends PublishedVersion {
  /** The gate verdict the version was released under (missing: no report). */
  verdict: string;
  allowUngated: boolean;
  notes: string;
}

/** The model's sha256 when the `version` release holds exactly these model bytes. */
async function sameModelRelease(store: RegistryStore, model: string, version: string, modelPath: string): Promise<string | undefined> {
  const released = (await store.readManifest(model, version))?.files.find((file) => file.role === "model");
  const ours = await sha256File(modelPath).catch(() => undefined);
  return ours !== undefined && released !== undefined && released.sha256 === ours.sha256 ? ours.sha256 : undefined;
}

/** The outputs of an existing release, by publishing its own package again (a no-op by digest). */
async function republish(store: RegistryStore, model: string, version: string, logger: Logger): Promise<ReleaseResult> {
  const work = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const { manifest } = await store.download(model, version, work);
    const names = [...manifest.files.map((file) => file.name), SUMS_NAME, MANIFEST_NAME];
    const published = await store.publish({ model, version, tag: manifest.tag, dir: work, names, manifest, notes: "" });
    logger.info(`Already released: ${published.url}`);
    return { ...published, verdict: manifest.gate.verdict, allowUngated: manifest.gate.allowUngated, notes: "" };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Releases the model; see the module comment for the idempotency rules. */
export async function runRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const { store, logger } = options;
  const model = checkModelName(options.model);
  const tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
  const versions = await store.list(model);
  const newest = versions[0]?.version;
  let version: string;
  if ("exact" in options.version) {
    version = normalizeVersion(options.version.exact);
  } else {
    // A bump re-run (say after retraining the same bytes) must not release the same model again under
    // a new number, nor trip over its new timestamps: the newest release already is this model.
    const same = newest === undefined ? undefined : await sameModelRelease(store, model, newest, options.modelPath);
    if (same !== undefined) {
      logger.info(`${model} ${newest} already holds this model (sha256 ${shortDigest(same)}): nothing to release.`);
      return await republish(store, model, newest!, logger);
    }
    version = bumpVersion(newest, options.version.bump);
  }
  const tag = tagFor(model, version, tagFormat);
  const older = versions.filter((entry) => compareVersions(entry.version, version) < 0);
  const previous = older[0] === undefined ? undefined : await store.readManifest(model, older[0].version);
  const work = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const pkg = await packageModel({
      model,
      version,
      tag,
      modelPath: options.modelPath,
      gateReportPath: options.gateReportPath,
      referenceProfilePath: options.referenceProfilePath,
      runRecordPath: options.runRecordPath,
      extraFiles: options.extraFiles,
      allowUngated: options.allowUngated,
      description: options.description,
      previous,
      outDir: join(work, "package"),
      toolVersion: options.toolVersion,
      gitSha: options.gitSha,
      runUrl: options.runUrl,
      targetCommitish: options.gitSha,
    });
    if (pkg.manifest.gate.allowUngated)
      logger.warning(`Releasing ${model} ${version} ungated: ${pkg.manifest.gate.reason ?? ""}`, { title: "modelship: ungated release" });
    logger.info(`Publishing ${model} ${version} (${tag}, digest ${shortDigest(pkg.manifest.digest)}) to ${store.description}.`);
    const published = await store.publish(pkg);
    logger.info(
      `${published.action === "unchanged" ? "Already released with the same bytes" : published.action === "resumed" ? "Completed an interrupted release" : "Released"}: ${published.url}`,
    );
    return { ...published, verdict: pkg.manifest.gate.verdict, allowUngated: pkg.manifest.gate.allowUngated, notes: pkg.notes };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The release stage's inputs or flags: the settings, and the data to profile when no reference profile file exists. */
export interface ReleaseStageInputs extends ExplicitReleaseSettings {
  /** Files, globs or `train` (data.train) profiled as the drift reference when there is no profile file. */
  referenceData?: string[];
}

/**
 * Runs the release stage for a face: loads modelship.yaml, resolves the settings, profiles the
 * reference data when no profile file exists, opens the registry and releases the model.
 */
export async function runReleaseStage(inputs: ReleaseStageInputs, run: StageRun): Promise<ReleaseResult> {
  const { logger, toolVersion } = run;
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveReleaseSettings(inputs, loaded, { registry: run.defaultRegistry });
  settings.referenceProfilePath = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: inputs.referenceData ?? [],
    loaded,
    logger,
    toolVersion,
  });
  const store = openRunRegistry(run, loaded, settings);
  return runRelease({ ...settings, store, toolVersion, gitSha: run.sha, runUrl: run.runUrl, logger });
}
