/**
 * What must hold before a model version may reach a GitOps repository: the release exists, every
 * file matches its sha256 (downloaded and checked, not taken on trust), and its manifest records a
 * gate report that passed for exactly these model bytes. Promotion, the canary job and
 * verify-promotion all ask the same question here.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { fetchModel, resolveVersion, unknownVersion } from "../registry/verified-fetch.ts";
import { shortDigest } from "../registry/manifest.ts";
import { retiredRefusal } from "../registry/retirement.ts";
import type { ModelManifest, RegistryStore, StoredVersion } from "../registry/registry-types.ts";
import { parseModelUri } from "./model-uri.ts";
import type { ReleaseView } from "./promotion-body.ts";
import type { DeployedModel, ModelRef } from "./targets/target-dispatch.ts";

/** A release that may be deployed. */
export interface CheckedRelease {
  model: ModelRef;
  /** As the registry holds it; `stored.manifestSha256` is the sha256 of the manifest.json checked (and downloaded). */
  stored: StoredVersion;
  manifest: ModelManifest;
}

/** The fix for a release whose gate record does not allow deployment. */
export const GATE_HINT =
  "only a release whose gates passed (verdict pass or warn) for its own model bytes is deployed; fix the model, evaluate it and release a new version";

/** Why a manifest's gate record does not allow deployment, or undefined when it does. */
export function gateRefusal(manifest: ModelManifest): string | undefined {
  const { gate } = manifest;
  if (gate.verdict === "missing") return "it was released without a gate report";
  if (gate.verdict === "fail") return `its gate verdict is fail${gate.reason ? ` (${gate.reason})` : ""}`;
  if (!gate.modelMatches) return "its gate report was made for other model bytes";
  if (gate.allowUngated) return `it was released with allow-ungated${gate.reason ? ` (${gate.reason})` : ""}`;
  return undefined;
}

/**
 * Resolves `version` ("latest" too), downloads the package and verifies every sha256, and checks
 * the gate record. Throws a UserError naming the reason when the version may not be deployed.
 */
export async function checkRelease(options: {
  store: RegistryStore;
  model: string;
  version: string;
  logger: Logger;
}): Promise<CheckedRelease> {
  const { store, model, logger } = options;
  const version = await resolveVersion(store, model, options.version, logger);
  const stored = await store.locate(model, version);
  if (stored === undefined) throw await unknownVersion(store, model, version);
  // A retired version is refused before any byte is downloaded: promote, the canary job and
  // verify-promotion (which opens the registries the base branch trusts, never the PR's) all ask here.
  const retired = await store.retirement(model, version);
  if (retired !== undefined) throw retiredRefusal(retired, "promote or deploy");
  const label = `${model}@${version}`;
  const refusal = gateRefusal(stored.manifest);
  if (refusal !== undefined) {
    throw new UserError(`${label} may not be promoted: ${refusal}`, {
      hint: GATE_HINT,
    });
  }
  const scratch = await mkdtemp(join(tmpdir(), "modelship-promote-"));
  try {
    // fetchModel checks every file's sha256 and size against manifest.json and SHA256SUMS, and that the
    // downloaded package holds the registry's digest and exactly the manifest.json whose gate record was
    // checked above (stored.manifestSha256, the subject its attestation must name).
    await fetchModel({ store, model, version, dir: join(scratch, "package"), published: stored, logger });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  logger.info(
    `${label}: gate verdict ${stored.manifest.gate.verdict}, ${stored.manifest.files.length} files verified (digest ${shortDigest(stored.manifest.digest)}).`,
  );
  const unavailable = Object.fromEntries(
    (stored.manifest.serving ?? []).flatMap((asset) => (asset.unavailable === undefined ? [] : [[asset.layout, asset.unavailable]])),
  );
  return {
    model: { name: model, version, uri: stored.modelUri, digest: stored.manifest.digest, servingUris: stored.servingUris, unavailable },
    stored,
    manifest: stored.manifest,
  };
}

/** Every URI a server may load the release from: its model file and each servable asset (a Triton model repository…). */
export function servableUris(checked: CheckedRelease): string[] {
  return [...new Set([checked.model.uri, ...Object.values(checked.model.servingUris ?? {})])];
}

/** The release of a deployed model for a PR body (links, metrics), or just its version when the registry does not have it. */
export async function releaseViewOf(
  model: DeployedModel | undefined,
  openRegistry: (spec: string) => RegistryStore,
  tagFormat: string | undefined,
): Promise<ReleaseView | undefined> {
  if (model === undefined) return undefined;
  // A model without a version is not this model's release (one modelship adopted): no registry is asked about it.
  if (model.version === "") return { version: "" };
  const where = parseModelUri(model.uri, tagFormat);
  // Links and deltas only: a registry that cannot be read does not block a promotion.
  // Opening the registry may throw too (e.g. github: without a token), so that is inside the catch.
  const stored =
    where === undefined
      ? undefined
      : await Promise.resolve()
          .then(() => openRegistry(where.registry).locate(where.model, where.version))
          .catch(() => undefined);
  return stored === undefined ? { version: model.version } : { version: stored.version, url: stored.url, manifest: stored.manifest };
}

/**
 * The running canary's model for a step, promote or rollback. More traffic goes only to a release
 * that still verifies (every sha256, the gate verdict); a rollback is never blocked by the registry.
 */
export async function resolveCanaryModel(options: {
  canary: DeployedModel;
  action: "step" | "promote" | "rollback";
  model: string;
  openRegistry: (spec: string) => RegistryStore;
  tagFormat: string | undefined;
  /** Checks a canary served from an `oci://` image: that it is a gated release (see stages/oci-release.ts). */
  checkImage?: (uri: string) => Promise<CheckedRelease>;
  logger: Logger;
}): Promise<{ model: ModelRef; release: ReleaseView }> {
  const { canary, openRegistry, tagFormat } = options;
  const location = parseModelUri(canary.uri, tagFormat);
  if (options.action === "rollback") {
    const model = { name: location?.model ?? options.model, version: canary.version, uri: canary.uri, digest: canary.digest ?? "" };
    return { model, release: (await releaseViewOf(canary, openRegistry, tagFormat))! };
  }
  if (location === undefined && canary.uri.startsWith("oci://") && options.checkImage !== undefined) {
    const checked = await options.checkImage(canary.uri);
    return { model: { ...checked.model, uri: canary.uri }, release: releaseView(checked) };
  }
  if (location === undefined) {
    throw new UserError(`the canary's model URI ${canary.uri} is not a release asset modelship can check`, {
      hint: "only released models get more traffic; roll the canary back with --action rollback",
    });
  }
  const checked = await checkRelease({
    store: openRegistry(location.registry),
    model: location.model,
    version: location.version,
    logger: options.logger,
  });
  const servable = servableUris(checked);
  if (!servable.includes(canary.uri))
    throw new UserError(
      `the canary's model URI ${canary.uri} is not a file ${location.model}@${location.version} serves from (${servable.join(", ")})`,
      { hint: "start the canary again with modelship promote" },
    );
  // The canary goes on with the asset it runs, the one its health was judged on.
  return { model: { ...checked.model, uri: canary.uri }, release: releaseView(checked) };
}

/** The PR body's view of a checked release. */
export function releaseView(checked: CheckedRelease): ReleaseView {
  return { version: checked.model.version, url: checked.stored.url, manifest: checked.manifest };
}
