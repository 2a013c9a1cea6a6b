import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  TARGETS
} from "./chunk-Q3XB5YO5.js";
import {
  STATE_KEYS,
  describeResource,
  editManifest,
  isEmptyDocument,
  isKubernetesResource,
  listResources,
  parseManifest,
  parseModelUri,
  parsePath,
  readString,
  removeResource,
  removeValue
} from "./chunk-UNJH2ATO.js";
import {
  fetchModel,
  resolveVersion,
  retiredRefusal,
  shortDigest,
  unknownVersion
} from "./chunk-TFJS4UUF.js";
import {
  UserError,
  isUserError
} from "./chunk-SU4BFKON.js";

// src/gitops/release-check.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      hint: "only a release whose gates passed (verdict pass or warn) for its own model bytes is deployed; fix the model, evaluate it and release a new version"
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

// src/gitops/retire-targets.ts
function removeTarget(text, target) {
  const implementation = Object.hasOwn(TARGETS, target.kind) ? TARGETS[target.kind] : void 0;
  if (implementation === void 0) throw new Error(`removeTarget: unknown target kind ${target.kind}`);
  let found;
  const edited = editManifest(text, target.file, (manifest) => {
    let resource;
    try {
      resource = implementation.locate(manifest, target);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return;
    }
    const state = implementation.read(resource, target);
    if (target.kind === "yaml-path" && !isKubernetesResource(resource.document)) {
      found = { removed: removeFields(resource, target), state };
      return;
    }
    const going = [resource, ...companions(resource, target.kind)];
    for (const each of going) removeResource(each);
    found = { removed: going.map(describeResource), state };
  });
  if (found === void 0) return void 0;
  const left = parseManifest(edited, target.file).documents.filter((document) => !isEmptyDocument(document));
  return { text: left.length === 0 ? null : edited, ...found };
}
function companions(resource, kind) {
  const others = listResources(resource.manifest).filter((other) => other.document !== resource.document);
  const apiGroup = (other) => {
    const apiVersion = other.document.get("apiVersion");
    return typeof apiVersion === "string" ? apiVersion.split("/")[0] : "";
  };
  if (kind === "flagger")
    return others.filter(
      (other) => other.kind === "Canary" && apiGroup(other) === "flagger.app" && readString(other, ["spec", "targetRef", "kind"]) === "Deployment" && readString(other, ["spec", "targetRef", "name"]) === resource.name
    );
  if (kind === "seldon-v2")
    return others.filter(
      (other) => (other.kind === "Model" || other.kind === "Experiment") && apiGroup(other) === "mlops.seldon.io" && other.name === `${resource.name}-canary`
    );
  return [];
}
function removeFields(resource, target) {
  const option = (name) => ({ file: target.file, option: name });
  const uri = parsePath(target.uriPath ?? "", option("uriPath"));
  const weight = target.weightPath === void 0 ? void 0 : parsePath(target.weightPath, option("weightPath"));
  const state = target.statePath === void 0 ? ["modelship"] : parsePath(target.statePath, option("statePath"));
  const removed = [`${target.uriPath} in ${target.file}`];
  removeValue(resource, uri, { pruneEmpty: true });
  if (weight !== void 0 && resource.document.hasIn(weight)) {
    removeValue(resource, weight, { pruneEmpty: true });
    removed.push(`${target.weightPath} in ${target.file}`);
  }
  for (const role of ["stable", "canary"])
    for (const key of Object.values(STATE_KEYS[role])) removeValue(resource, [...state, key], { pruneEmpty: true });
  return removed;
}

export {
  checkRelease,
  servableUris,
  releaseViewOf,
  resolveCanaryModel,
  releaseView,
  removeTarget
};
