/**
 * The release stage: pick the version (explicit, or bumped from the newest release), package the
 * model with its gate report, and publish it to the registry — immutable and idempotent. Re-running
 * a release of the same model bytes returns the version already published instead of a new one.
 * A new release also leaves a copy of its manifest.json (`manifestOut`), the gate record the release
 * job attests beside the model file.
 * `runReleaseStage` is what the faces call: settings, the reference profile, the registry, then the release.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { errnoCode, UserError } from "../common/errors.ts";
import { checkOutputFolder } from "../common/output-path.ts";
import type { Logger } from "../common/logger.ts";
import { MANIFEST_NAME, sha256File, sha256Of, shortDigest, SUMS_NAME } from "../registry/manifest.ts";
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
import { fetchModel } from "../registry/verified-fetch.ts";
import { modelcarRepository } from "../registry/oci-modelcar.ts";
import { publishModelcar, type PublishedModelcar } from "../registry/oci-publish.ts";
import { findBusybox, openOciClient, resolveOciSettings, type OciSettings } from "./oci-settings.ts";
import { profileReferenceData } from "./reference-data.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { RELEASE_SETTINGS, resolveReleaseSettings, type ExplicitReleaseSettings } from "./release-settings.ts";
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
  | "license"
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
  /**
   * Where to write manifest.json as released, for the release job to attest beside the model: only
   * when the registry holds exactly the manifest.json this run packaged (see ReleaseResult.manifestPath).
   */
  manifestOut?: string;
  logger: Logger;
}

export interface ReleaseResult extends PublishedVersion {
  /** The gate verdict the version was released under (missing: no report). */
  verdict: string;
  allowUngated: boolean;
  notes: string;
  /**
   * `manifestOut`, holding the released manifest.json byte for byte, when this run released it. Unset
   * when the registry holds a manifest.json this run did not write (the version was already released:
   * a re-run, or the same model bytes as the newest release), which the run that wrote it attested:
   * this run never vouches for a gate record it did not make.
   */
  manifestPath?: string;
  /** The modelcar image pushed to the OCI registry release.oci names, when it names one. */
  oci?: PublishedModelcar;
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
    // Its manifest.json is an earlier run's (or whoever published it): this run does not vouch for it.
    logger.info(`Already released: ${model} ${version} (${manifest.tag}) in ${store.description}.`);
    return { ...published, verdict: manifest.gate.verdict, allowUngated: manifest.gate.allowUngated, notes: "" };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Copies the package's manifest.json (in `dir`) to `out` when the registry holds exactly those bytes
 * now, and returns `out`; undefined, said in the log, when it holds another (an earlier run's).
 */
async function keepOwnManifest(
  store: RegistryStore,
  dir: string,
  published: PublishedVersion,
  out: string,
  logger: Logger,
): Promise<string | undefined> {
  const ours = await readFile(join(dir, MANIFEST_NAME));
  const stored = await store.locate(published.model, published.version);
  if (stored?.manifestSha256 !== sha256Of(ours)) {
    logger.info(
      `${published.model} ${published.version} holds a ${MANIFEST_NAME} written by an earlier run, not this one: this run does not attest it (the run that released it did).`,
    );
    return undefined;
  }
  await writeFileAtomic(out, ours);
  return out;
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
      ...(options.license === undefined ? {} : { license: options.license }),
      previous,
      outDir: join(work, "package"),
      toolVersion: options.toolVersion,
      gitSha: options.gitSha,
      runUrl: options.runUrl,
      targetCommitish: options.gitSha,
    });
    if (pkg.manifest.gate.allowUngated)
      logger.warning(`Releasing ${model} ${version} ungated: ${pkg.manifest.gate.reason ?? ""}`, { title: "modelship: ungated release" });
    for (const asset of pkg.manifest.serving ?? [])
      if (asset.unavailable !== undefined)
        logger.warning(
          `${model} ${version} gets no ${asset.layout} (for ${asset.runtimes.join(", ")}): ${asset.unavailable}. KServe's Triton runtime cannot serve this release; export the model with tensor inputs and outputs (skl2onnx: options={"zipmap": False}) to serve it there.`,
          { title: "modelship: no Triton model repository" },
        );
    logger.info(`Publishing ${model} ${version} (${tag}, digest ${shortDigest(pkg.manifest.digest)}) to ${store.description}.`);
    const published = await store.publish(pkg);
    // The URL is the result's (the CLI prints it, the action outputs it): the log says what happened, once.
    logger.info(
      `${published.action === "unchanged" ? "Already released with the same bytes" : published.action === "resumed" ? "Completed an interrupted release" : "Released"}: ${model} ${version} (${tag}) in ${store.description}.`,
    );
    const manifestPath =
      options.manifestOut === undefined ? undefined : await keepOwnManifest(store, pkg.dir, published, options.manifestOut, logger);
    return {
      ...published,
      verdict: pkg.manifest.gate.verdict,
      allowUngated: pkg.manifest.gate.allowUngated,
      notes: pkg.notes,
      ...(manifestPath === undefined ? {} : { manifestPath }),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The release stage's inputs or flags: the settings, and the data to profile when no reference profile file exists. */
export interface ReleaseStageInputs extends ExplicitReleaseSettings {
  /** Files, globs or `train` (data.train) profiled as the drift reference when there is no profile file. */
  referenceData?: string[];
  /** Where to write the released manifest.json for attesting (ReleaseOptions.manifestOut), from the working directory. */
  manifestOut?: string;
  /** The OCI repository prefix to push the modelcar image under (overrides release.oci.repository). */
  oci?: string;
}

/**
 * Runs the release stage for a face: loads modelship.yaml, resolves the settings, profiles the
 * reference data when no profile file exists, opens the registry and releases the model.
 */
export async function runReleaseStage(inputs: ReleaseStageInputs, run: StageRun): Promise<ReleaseResult> {
  const { logger, toolVersion } = run;
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveReleaseSettings(inputs, loaded, { registry: run.defaultRegistry });
  const store = openRunRegistry(run, loaded, settings);
  const oci = resolveOciSettings(inputs.oci, loaded);
  const busybox = oci === undefined ? undefined : await findBusybox(oci);
  const manifestOut = inputs.manifestOut === undefined ? undefined : resolve(run.cwd, inputs.manifestOut);
  // Every file the release reads and the registry folder it writes are checked before any data is profiled.
  await checkInputFile(settings.modelPath, "model file", RELEASE_SETTINGS.model);
  await checkInputFile(settings.gateReportPath, "gate report", RELEASE_SETTINGS.gateReport);
  await checkInputFile(settings.referenceProfilePath, "reference profile", RELEASE_SETTINGS.referenceProfile);
  await checkInputFile(settings.runRecordPath, "run record", RELEASE_SETTINGS.runRecord);
  const folder = localRegistryFolder(settings.registry);
  if (folder !== undefined) await checkOutputFolder(folder, RELEASE_SETTINGS.registry);
  const reference = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: inputs.referenceData ?? [],
    loaded,
    logger,
    toolVersion,
  });
  try {
    settings.referenceProfilePath = reference.path;
    const result = await runRelease({ ...settings, store, toolVersion, gitSha: run.sha, runUrl: run.runUrl, manifestOut, logger });
    if (oci === undefined || busybox === undefined) return result;
    return { ...result, oci: await pushModelcar({ result, store, oci, busybox, run, loaded }) };
  } finally {
    await reference.cleanup();
  }
}

/**
 * Pushes the release to the OCI registry as a modelcar image with its package as a referrer. The image is
 * built from the release as the registry holds it, fetched and verified (every sha256), not from this
 * run's files: a re-run, or a version an earlier run released, gives the same image, so the push is a no-op.
 */
async function pushModelcar(options: {
  result: ReleaseResult;
  store: RegistryStore;
  oci: OciSettings;
  busybox: string;
  run: StageRun;
  loaded: Awaited<ReturnType<typeof loadStageConfig>>;
}): Promise<PublishedModelcar> {
  const { result, run } = options;
  const work = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-oci-"));
  try {
    const fetched = await fetchModel({
      store: options.store,
      model: result.model,
      version: result.version,
      dir: join(work, "package"),
      logger: run.logger,
    });
    const image = modelcarRepository(options.oci.prefix, result.model);
    const sourceUrl = run.serverUrl !== undefined && run.repository !== undefined ? `${run.serverUrl}/${run.repository}` : undefined;
    return await publishModelcar({
      // The prefix is the run's own setting (release.oci or --oci), never a file's.
      client: openOciClient(run, image, options.loaded, { trusted: true }),
      manifest: fetched.manifest,
      manifestBytes: await readFile(fetched.manifestPath),
      dir: fetched.path,
      busybox: options.busybox,
      ...(sourceUrl === undefined ? {} : { sourceUrl }),
      logger: run.logger,
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A file the release reads: there, and not a folder; a UserError naming `setting` otherwise. */
async function checkInputFile(path: string | undefined, what: string, setting: string): Promise<void> {
  if (path === undefined) return;
  let folder: boolean;
  try {
    folder = (await stat(path)).isDirectory();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    throw new UserError(`${what} not found`, { file: path, hint: `check ${setting}: a path is relative to the working directory` });
  }
  if (folder) throw new UserError(`is a folder, not a ${what}`, { file: path, hint: `point ${setting} to the file itself` });
}

/** The folder of a local registry spec (a path or a file:// URL); undefined for GitHub. */
function localRegistryFolder(spec: string): string | undefined {
  if (spec === "github" || spec.startsWith("github:")) return undefined;
  if (!spec.startsWith("file:")) return spec;
  try {
    return fileURLToPath(spec);
  } catch {
    return undefined;
  }
}
