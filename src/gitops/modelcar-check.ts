/**
 * Whether a modelcar image may be used: it is pulled by digest and verified (registry/oci-pull.ts:
 * every layer and file against its manifest.json), and it must BE a release of the trusted registry:
 * the version it claims is in that registry, with the very manifest.json the image carries (sha256 of
 * the bytes), not retired, and gated. An image whose bytes check out but whose release was never
 * made, was retired or failed its gates is refused like a release URL would be. verify-promotion,
 * fetch and drift's production reference all ask here.
 */
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { OciClient } from "../net/oci-client.ts";
import { formatOciReference } from "../net/oci-reference.ts";
import { shortDigest } from "../registry/manifest.ts";
import { ANNOTATION } from "../registry/oci-modelcar.ts";
import { pullModelcar, type PulledModelcar } from "../registry/oci-pull.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { retiredRefusal } from "../registry/retirement.ts";
import { GATE_HINT, gateRefusal, type CheckedRelease } from "./release-check.ts";

/** A modelcar that is a release of the registry: the release, the image's digest and its oci:// URI. */
export interface CheckedModelcar extends CheckedRelease {
  imageDigest: string;
  pulled: PulledModelcar;
}

/**
 * Pulls `digest` with `client` into `dir` (an empty folder), verifying it, and checks that it is the
 * release `store` holds under the name and version its manifest.json gives. `model`, when given, is
 * the model the image's repository names (`<prefix>/<model>`): the manifest must be of that model.
 * `doing` words a retirement refusal ("promote or deploy", "fetch").
 */
export async function checkModelcar(options: {
  client: OciClient;
  digest: string;
  store: RegistryStore;
  dir: string;
  model?: string;
  doing: string;
  logger: Logger;
  maxBytes?: number;
  /** Refuse a release whose gate record does not allow deployment (default true; drift reads what already serves). */
  gated?: boolean;
}): Promise<CheckedModelcar> {
  const { client, store } = options;
  const uri = formatOciReference({ registry: client.registry, repository: client.repository, digest: options.digest });
  let stored: CheckedRelease["stored"] | undefined;
  const pulled = await pullModelcar({
    client,
    digest: options.digest,
    dir: options.dir,
    logger: options.logger,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    // The release is judged from manifest.json alone, before a byte of the model is pulled.
    accept: async ({ manifest, manifestSha256, reference }) => {
      const label = `${manifest.name}@${manifest.version}`;
      if (options.model !== undefined && manifest.name !== options.model)
        throw new UserError(`${reference} holds ${label}, but its repository is the one of the model ${options.model}`, {
          hint: `deploy ${options.model} from its own repository (…/${options.model}@sha256:…), as modelship promote writes it`,
        });
      const found = await store.locate(manifest.name, manifest.version);
      if (found === undefined)
        throw new UserError(`${reference} claims to be ${label}, which ${store.description} does not hold`, {
          hint: "deploy only images that modelship release pushed beside a release of the trusted registry; release the model there first",
        });
      const retired = await store.retirement(manifest.name, manifest.version);
      if (retired !== undefined) throw retiredRefusal(retired, options.doing);
      if (found.manifestSha256 !== manifestSha256)
        throw new UserError(
          `${reference} carries a manifest.json of ${label} with sha256 ${shortDigest(manifestSha256)}, but ${store.description} released ${label} with ${shortDigest(found.manifestSha256)}: the image is not that release`,
          {
            hint: "the image was pushed from another package than the release (or was tampered with): push the release's own modelcar again with modelship release, and check who can write to the registry",
          },
        );
      const refusal = options.gated === false ? undefined : gateRefusal(found.manifest);
      if (refusal !== undefined) throw new UserError(`${label} (${reference}) may not be promoted: ${refusal}`, { hint: GATE_HINT });
      stored = found;
    },
  });
  const { manifest } = pulled;
  const unavailable = Object.fromEntries(
    (manifest.serving ?? []).flatMap((asset) => (asset.unavailable === undefined ? [] : [[asset.layout, asset.unavailable]])),
  );
  return {
    model: { name: manifest.name, version: manifest.version, uri, digest: manifest.digest, unavailable },
    stored: stored!,
    manifest,
    imageDigest: pulled.imageDigest,
    pulled,
  };
}

/**
 * The model and version a digest-pinned image names in its annotations, read from its manifest alone
 * (pulled by digest, so checked): enough to ask whether that version is retired before pulling the
 * model. `model` is the model its repository names. A UserError when the image names no version.
 */
export async function imageRelease(client: OciClient, digest: string, model: string): Promise<{ model: string; version: string }> {
  const pulled = await client.pullManifest(digest);
  const annotations = (pulled.manifest as { annotations?: Record<string, unknown> } | null)?.annotations ?? {};
  const version = annotations[ANNOTATION.version];
  if (typeof version !== "string")
    throw new UserError(`${client.referenceOf(digest)} names no version (annotation ${ANNOTATION.version})`, {
      hint: "deploy only modelcars that modelship release pushed",
    });
  return { model, version };
}
