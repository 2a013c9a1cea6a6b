/**
 * Pushes a release to an OCI registry: the modelcar image (oci-modelcar.ts) under the version's tag,
 * and the package artifact as a referrer of the image. Idempotent: every blob and manifest the
 * registry already holds is left alone (net/oci-client.ts checks first), so a re-run writes nothing.
 *
 * A tag never moves. When the version's tag already names an image, its
 * `dev.modelship.manifest.sha256` says whose it is: the same release ("unchanged": the image stays,
 * even when it was built with another busybox) or another one under the same version (refused, as a
 * GitHub Release refuses other bytes under a released tag).
 *
 * Referrers (OCI distribution spec 1.1, "Pushing Manifests with Subject" and "Referrers Tag Schema"):
 * the artifact is pushed by digest; a registry that answers `OCI-Subject` indexes it itself
 * (referrers API). Otherwise the client keeps the index: the tag `sha256-<hex of the image digest>`
 * holds an image index listing the referrers, pulled (none: empty), the artifact's descriptor added
 * if absent, and pushed back.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { OCI_INDEX, OCI_MANIFEST, type OciClient, type OciDescriptor, type OciIndex } from "../net/oci-client.ts";
import { formatOciReference } from "../net/oci-reference.ts";
import { sha256Of, shortDigest } from "./manifest.ts";
import { ANNOTATION, artifactFiles, buildModelcar, modelcarTag, PACKAGE_ARTIFACT_TYPE, type BuiltManifest } from "./oci-modelcar.ts";
import type { ModelManifest } from "./registry-types.ts";

/** What a publish did. */
export interface PublishedModelcar {
  /** `oci://REGISTRY/REPOSITORY@sha256:…`: what a deployment pins. */
  uri: string;
  /** The image's digest. */
  digest: string;
  tag: string;
  /** "unchanged": the tag already named this release's image (nothing of the image was pushed). */
  action: "created" | "unchanged";
  /** How the package artifact is found: the registry's referrers API, or the referrers tag schema. */
  referrers: "api" | "tag-schema";
  /**
   * Whether the tag names exactly the image this run built from the release: only then may this run
   * attest its digest. False when the tag already held an image of this release built otherwise (with
   * another busybox, or by someone who can push to the repository): the run that pushed it vouches for it.
   */
  built: boolean;
}

/** The referrers tag schema's tag for `digest`: `<alg>-<hex>` (distribution spec 1.1, "Referrers Tag Schema"). */
export function referrersTag(digest: string): string {
  return digest.replace(":", "-");
}

/** An image index pulled from the fallback tag, or undefined when it is not one. */
function asIndex(value: unknown): OciIndex | undefined {
  const manifests = (value as { manifests?: unknown } | null)?.manifests;
  return Array.isArray(manifests) ? (value as OciIndex) : undefined;
}

/**
 * The referrers of `digest`: from the referrers API, or where it is missing (404) from the tag
 * schema's index (none: empty). Filtered by `artifactType` when given.
 */
export async function listReferrers(client: OciClient, digest: string, artifactType?: string): Promise<OciDescriptor[]> {
  const listed = await client.referrers(digest, artifactType);
  if (listed !== undefined) return listed.manifests;
  const tagged = await client.findManifest(referrersTag(digest));
  const index = tagged === undefined ? undefined : asIndex(tagged.manifest);
  return (index?.manifests ?? []).filter((entry) => artifactType === undefined || entry.artifactType === artifactType);
}

/** The referrers tag schema: the artifact's descriptor added to the index under the subject's tag, unless it is there. */
async function addToReferrersTag(client: OciClient, subject: string, artifact: BuiltManifest, logger: Logger): Promise<void> {
  const tag = referrersTag(subject);
  const pulled = await client.findManifest(tag);
  const existing = pulled === undefined ? undefined : asIndex(pulled.manifest);
  if (pulled !== undefined && existing === undefined)
    throw new UserError(`${client.referenceOf(tag)} is not an image index, so it cannot list the referrers of ${subject}`, {
      hint: "this tag belongs to the referrers tag schema (OCI distribution spec 1.1): delete what was pushed under it and publish again",
    });
  if (existing?.manifests.some((entry) => entry.digest === artifact.digest)) return;
  const descriptor: OciDescriptor = {
    mediaType: OCI_MANIFEST,
    digest: artifact.digest,
    size: artifact.bytes.byteLength,
    artifactType: PACKAGE_ARTIFACT_TYPE,
    ...(artifact.manifest.annotations === undefined ? {} : { annotations: artifact.manifest.annotations }),
  };
  const index: OciIndex =
    existing === undefined
      ? { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [descriptor] }
      : { ...existing, manifests: [...existing.manifests, descriptor] };
  await client.pushManifest(Buffer.from(JSON.stringify(index)), tag);
  logger.debug(`listed the package artifact under ${client.referenceOf(tag)} (referrers tag schema)`);
}

/** Reads a package file and checks it against the manifest's sha256. */
async function readPackageFile(dir: string, name: string, sha256: string, what: string): Promise<Buffer> {
  const path = join(dir, name);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(`${name} of ${what} is missing (${errnoCode(error) ?? String(error)})`, {
      file: path,
      hint: "publish the package folder that release wrote, whole",
      cause: error,
    });
  }
  if (sha256Of(bytes) !== sha256)
    throw new UserError(
      `${name} of ${what} does not match its manifest (sha256 ${shortDigest(sha256Of(bytes))}, listed ${shortDigest(sha256)})`,
      {
        file: path,
        hint: "publish the package folder that release wrote, unchanged",
      },
    );
  return bytes;
}

/**
 * Publishes the package in `dir` (the files `manifest.files` lists, manifest.json as `manifestBytes`)
 * to `client`'s repository: the modelcar image under the version's tag, then the package artifact
 * referring to it.
 */
export async function publishModelcar(options: {
  client: OciClient;
  manifest: ModelManifest;
  manifestBytes: Buffer;
  dir: string;
  busybox: string;
  sourceUrl?: string;
  logger: Logger;
}): Promise<PublishedModelcar> {
  const { client, manifest, logger } = options;
  const what = `${manifest.name} ${manifest.version}`;
  const modelFile = manifest.files.find((file) => file.role === "model");
  if (modelFile === undefined)
    throw new UserError(`the manifest of ${what} lists no model file`, { hint: "publish a package that release wrote" });
  const modelBytes = await readPackageFile(options.dir, modelFile.name, modelFile.sha256, what);
  const files = new Map<string, Buffer>();
  for (const file of artifactFiles(manifest)) files.set(file.name, await readPackageFile(options.dir, file.name, file.sha256, what));
  const built = await buildModelcar({
    manifest,
    manifestBytes: options.manifestBytes,
    modelBytes,
    busybox: options.busybox,
    ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }),
  });
  const tag = modelcarTag(manifest.version);
  const manifestSha256 = sha256Of(options.manifestBytes);

  // A tag never moves: an image already under it must be this release's.
  let subject = built.descriptor;
  let action: PublishedModelcar["action"] = "created";
  const existing = await client.findManifest(tag);
  if (existing !== undefined) {
    const annotations = (existing.manifest as { annotations?: Record<string, unknown> } | null)?.annotations ?? {};
    const theirs = annotations[ANNOTATION.manifestSha256];
    if (theirs !== manifestSha256)
      throw new UserError(
        `${client.referenceOf(tag)} already names another image (${existing.digest}${typeof theirs === "string" ? `, of manifest.json sha256 ${shortDigest(theirs)}` : ""}): a different model under an existing version tag`,
        {
          hint: "a released version is immutable: release the new model under a new version, or publish the package that was released as this version",
        },
      );
    subject = { mediaType: existing.mediaType, digest: existing.digest, size: existing.bytes.byteLength };
    action = "unchanged";
    if (existing.digest !== built.digest)
      logger.info(`${client.referenceOf(tag)} already holds this release (${existing.digest}, built with another base); the tag stays`);
  } else {
    let uploaded = 0;
    for (const blob of [built.config, ...built.layers]) if ((await client.pushBlob(blob)).uploaded) uploaded++;
    await client.pushManifest(built.imageBytes, tag);
    logger.info(`pushed ${client.referenceOf(tag)} (${built.digest}; ${uploaded} new blob${uploaded === 1 ? "" : "s"})`);
  }

  // The package artifact, by digest, referring to the image the tag names.
  const artifact = built.artifact(subject, files);
  for (const blob of artifact.blobs) await client.pushBlob(blob);
  const pushed = await client.putManifest(artifact.bytes, artifact.digest);
  let referrers: PublishedModelcar["referrers"];
  if (pushed.subject !== undefined) referrers = "api";
  else if (pushed.pushed) referrers = "tag-schema";
  // Pushed before: ask the registry whether it has the API.
  else referrers = (await client.referrers(subject.digest)) === undefined ? "tag-schema" : "api";
  if (referrers === "tag-schema") await addToReferrersTag(client, subject.digest, artifact, logger);
  logger.debug(
    `package artifact ${artifact.digest} refers to ${subject.digest} (${referrers === "api" ? "referrers API" : "referrers tag schema"})`,
  );

  return {
    uri: formatOciReference({ registry: client.registry, repository: client.repository, digest: subject.digest }),
    digest: subject.digest,
    tag,
    action,
    referrers,
    built: subject.digest === built.digest,
  };
}
