import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  TARGETS
} from "./chunk-IBGUEDEO.js";
import {
  STATE_KEYS,
  describeResource,
  editManifest,
  isEmptyDocument,
  isKubernetesResource,
  listResources,
  parseManifest,
  parsePath,
  readString,
  removeResource,
  removeValue
} from "./chunk-VVREGJ63.js";
import {
  isUserError
} from "./chunk-SU4BFKON.js";

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
  removeTarget
};
