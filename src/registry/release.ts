/**
 * The release stage: pick the version (explicit, or bumped from the newest release), package the
 * model with its gate report, and publish it to the registry — immutable and idempotent. Re-running
 * a release of the same model bytes returns the version already published instead of a new one.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "../common/logger.ts";
import { sha256File } from "./manifest.ts";
import { packageModel } from "./package.ts";
import type { PublishedVersion, RegistryStore } from "./types.ts";
import { bumpVersion, checkModelName, compareVersions, DEFAULT_TAG_FORMAT, normalizeVersion, tagFor, type Bump } from "./version.ts";

export interface ReleaseOptions {
  store: RegistryStore;
  model: string;
  /** An explicit version, or a bump from the newest release. */
  version: { exact: string } | { bump: Bump };
  tagFormat?: string;
  modelPath: string;
  gateReportPath?: string;
  referenceProfilePath?: string;
  runRecordPath?: string;
  extraFiles?: string[];
  allowUngated: boolean;
  description?: string;
  toolVersion: string;
  gitSha?: string;
  runUrl?: string;
  logger: Logger;
}

export interface ReleaseResult extends PublishedVersion {
  /** The gate verdict the version was released under (missing: no report). */
  verdict: string;
  allowUngated: boolean;
  notes: string;
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
    // A bump re-run after a successful release must not release the same bytes again under a new number.
    if (newest !== undefined) {
      const latest = await store.readManifest(model, newest);
      const ours = await sha256File(options.modelPath).catch(() => undefined);
      const theirs = latest?.files.find((file) => file.role === "model");
      if (ours !== undefined && theirs !== undefined && theirs.sha256 === ours.sha256) {
        logger.info(`${model} ${newest} already holds this model (sha256 ${ours.sha256.slice(0, 12)}): nothing to release.`);
        version = newest;
      } else version = bumpVersion(newest, options.version.bump);
    } else version = bumpVersion(undefined, options.version.bump);
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
    if (pkg.manifest.gate.allowUngated) logger.warning(`Releasing ${model} ${version} ungated: ${pkg.manifest.gate.reason ?? ""}`, { title: "modelship: ungated release" });
    logger.info(`Publishing ${model} ${version} (${tag}, digest ${pkg.manifest.digest.slice(0, 12)}) to ${store.description}.`);
    const published = await store.publish(pkg);
    logger.info(`${published.action === "unchanged" ? "Already released with the same bytes" : published.action === "resumed" ? "Completed an interrupted release" : "Released"}: ${published.url}`);
    return { ...published, verdict: pkg.manifest.gate.verdict, allowUngated: pkg.manifest.gate.allowUngated, notes: pkg.notes };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
