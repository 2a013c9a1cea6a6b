import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ANNOTATION,
  formatOciReference,
  pullModelcar
} from "./chunk-GBAVK5Q7.js";
import {
  parseModelUri
} from "./chunk-V7YB4A7J.js";
import {
  fetchModel,
  resolveVersion,
  retiredRefusal,
  shortDigest,
  unknownVersion
} from "./chunk-OXQJNLJL.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/gitops/release-check.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var GATE_HINT = "only a release whose gates passed (verdict pass or warn) for its own model bytes is deployed; fix the model, evaluate it and release a new version";
function gateRefusal(manifest) {
  const { gate } = manifest;
  if (gate.verdict === "missing") return "it was released without a gate report";
  if (gate.verdict === "fail") return `its gate verdict is fail${gate.reason ? ` (${gate.reason})` : ""}`;
  if (!gate.modelMatches) return "its gate report was made for other model bytes";
  if (gate.allowUngated) return `it was released with allow-ungated${gate.reason ? ` (${gate.reason})` : ""}`;
  return void 0;
}
async function checkRelease(options) {
  const { store, model, logger } = options;
  const version = await resolveVersion(store, model, options.version, logger);
  const stored = await store.locate(model, version);
  if (stored === void 0) throw await unknownVersion(store, model, version);
  const retired = await store.retirement(model, version);
  if (retired !== void 0) throw retiredRefusal(retired, "promote or deploy");
  const label = `${model}@${version}`;
  const refusal = gateRefusal(stored.manifest);
  if (refusal !== void 0) {
    throw new UserError(`${label} may not be promoted: ${refusal}`, {
      hint: GATE_HINT
    });
  }
  const scratch = await mkdtemp(join(tmpdir(), "modelship-promote-"));
  try {
    await fetchModel({ store, model, version, dir: join(scratch, "package"), published: stored, logger });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  logger.info(
    `${label}: gate verdict ${stored.manifest.gate.verdict}, ${stored.manifest.files.length} files verified (digest ${shortDigest(stored.manifest.digest)}).`
  );
  const unavailable = Object.fromEntries(
    (stored.manifest.serving ?? []).flatMap((asset) => asset.unavailable === void 0 ? [] : [[asset.layout, asset.unavailable]])
  );
  return {
    model: { name: model, version, uri: stored.modelUri, digest: stored.manifest.digest, servingUris: stored.servingUris, unavailable },
    stored,
    manifest: stored.manifest
  };
}
function servableUris(checked) {
  return [.../* @__PURE__ */ new Set([checked.model.uri, ...Object.values(checked.model.servingUris ?? {})])];
}
async function releaseViewOf(model, openRegistry, tagFormat) {
  if (model === void 0) return void 0;
  if (model.version === "") return { version: "" };
  const where = parseModelUri(model.uri, tagFormat);
  const stored = where === void 0 ? void 0 : await Promise.resolve().then(() => openRegistry(where.registry).locate(where.model, where.version)).catch(() => void 0);
  return stored === void 0 ? { version: model.version } : { version: stored.version, url: stored.url, manifest: stored.manifest };
}
async function resolveCanaryModel(options) {
  const { canary, openRegistry, tagFormat } = options;
  const location = parseModelUri(canary.uri, tagFormat);
  if (options.action === "rollback") {
    const model = { name: location?.model ?? options.model, version: canary.version, uri: canary.uri, digest: canary.digest ?? "" };
    return { model, release: await releaseViewOf(canary, openRegistry, tagFormat) };
  }
  if (location === void 0 && canary.uri.startsWith("oci://") && options.checkImage !== void 0) {
    const checked2 = await options.checkImage(canary.uri);
    return { model: { ...checked2.model, uri: canary.uri }, release: releaseView(checked2) };
  }
  if (location === void 0) {
    throw new UserError(`the canary's model URI ${canary.uri} is not a release asset modelship can check`, {
      hint: "only released models get more traffic; roll the canary back with --action rollback"
    });
  }
  const checked = await checkRelease({
    store: openRegistry(location.registry),
    model: location.model,
    version: location.version,
    logger: options.logger
  });
  const servable = servableUris(checked);
  if (!servable.includes(canary.uri))
    throw new UserError(
      `the canary's model URI ${canary.uri} is not a file ${location.model}@${location.version} serves from (${servable.join(", ")})`,
      { hint: "start the canary again with modelship promote" }
    );
  return { model: { ...checked.model, uri: canary.uri }, release: releaseView(checked) };
}
function releaseView(checked) {
  return { version: checked.model.version, url: checked.stored.url, manifest: checked.manifest };
}

// src/gitops/modelcar-check.ts
async function checkModelcar(options) {
  const { client, store } = options;
  const uri = formatOciReference({ registry: client.registry, repository: client.repository, digest: options.digest });
  let stored;
  const pulled = await pullModelcar({
    client,
    digest: options.digest,
    dir: options.dir,
    logger: options.logger,
    ...options.maxBytes === void 0 ? {} : { maxBytes: options.maxBytes },
    // The release is judged from manifest.json alone, before a byte of the model is pulled.
    accept: async ({ manifest: manifest2, manifestSha256, reference }) => {
      const label = `${manifest2.name}@${manifest2.version}`;
      if (options.model !== void 0 && manifest2.name !== options.model)
        throw new UserError(`${reference} holds ${label}, but its repository is the one of the model ${options.model}`, {
          hint: `deploy ${options.model} from its own repository (\u2026/${options.model}@sha256:\u2026), as modelship promote writes it`
        });
      const found = await store.locate(manifest2.name, manifest2.version);
      if (found === void 0)
        throw new UserError(`${reference} claims to be ${label}, which ${store.description} does not hold`, {
          hint: "deploy only images that modelship release pushed beside a release of the trusted registry; release the model there first"
        });
      const retired = await store.retirement(manifest2.name, manifest2.version);
      if (retired !== void 0) throw retiredRefusal(retired, options.doing);
      if (found.manifestSha256 !== manifestSha256)
        throw new UserError(
          `${reference} carries a manifest.json of ${label} with sha256 ${shortDigest(manifestSha256)}, but ${store.description} released ${label} with ${shortDigest(found.manifestSha256)}: the image is not that release`,
          {
            hint: "the image was pushed from another package than the release (or was tampered with): push the release's own modelcar again with modelship release, and check who can write to the registry"
          }
        );
      const refusal = options.gated === false ? void 0 : gateRefusal(found.manifest);
      if (refusal !== void 0) throw new UserError(`${label} (${reference}) may not be promoted: ${refusal}`, { hint: GATE_HINT });
      stored = found;
    }
  });
  const { manifest } = pulled;
  const unavailable = Object.fromEntries(
    (manifest.serving ?? []).flatMap((asset) => asset.unavailable === void 0 ? [] : [[asset.layout, asset.unavailable]])
  );
  return {
    model: { name: manifest.name, version: manifest.version, uri, digest: manifest.digest, unavailable },
    stored,
    manifest,
    imageDigest: pulled.imageDigest,
    pulled
  };
}
async function imageRelease(client, digest, model) {
  const pulled = await client.pullManifest(digest);
  const annotations = pulled.manifest?.annotations ?? {};
  const version = annotations[ANNOTATION.version];
  if (typeof version !== "string")
    throw new UserError(`${client.referenceOf(digest)} names no version (annotation ${ANNOTATION.version})`, {
      hint: "deploy only modelcars that modelship release pushed"
    });
  return { model, version };
}

export {
  checkRelease,
  servableUris,
  releaseViewOf,
  resolveCanaryModel,
  releaseView,
  checkModelcar,
  imageRelease
};
