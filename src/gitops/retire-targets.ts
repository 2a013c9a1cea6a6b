/**
 * What "take the model out of the environment" means for each target kind: the manifests that serve
 * it go, so that Argo CD or Flux (with pruning on) deletes what they created. Per kind:
 *
 * - kserve-standard, kserve-knative: the `InferenceService` document (its canary predictor with it).
 * - argo-rollouts: the `Rollout` document.
 * - flagger: the `Deployment` and the Flagger `Canary` whose targetRef names it (a Canary left behind
 *   would point at nothing and keep its primary Deployment running).
 * - seldon-v2: the stable `Model` and the `<name>-canary` `Model` and `Experiment` modelship adds.
 * - yaml-path: a document that is a Kubernetes resource (a plain Deployment) goes; in anything else
 *   (a Helm values file, a kustomize patch) only the URI field, the weight field and modelship's
 *   state keys go — the chart must treat a missing URI as "not deployed" (docs/retirement.md).
 *
 * Other documents in the same file keep their bytes; a file left with no document is deleted.
 */
import { isUserError } from "../common/errors.ts";
import { STATE_KEYS } from "./targets/rollout-state.ts";
import { TARGETS } from "./targets/target-dispatch.ts";
import type { RolloutState, TargetKind, TargetSpec } from "./targets/target-types.ts";
import {
  describeResource,
  editManifest,
  isEmptyDocument,
  isKubernetesResource,
  listResources,
  parseManifest,
  parsePath,
  readString,
  removeResource,
  removeValue,
  type Resource,
  type YamlPath,
} from "./targets/yaml-edit.ts";

/** What removing one target did to its file's text. */
export interface TargetRemoval {
  /** The file's new text; null when nothing is left in it (the file is deleted). */
  text: string | null;
  /** What went, e.g. `InferenceService "adult-income"`, or `model.uri in values.yaml`. */
  removed: string[];
  /** The rollout state the target held before. */
  state: RolloutState;
}

/**
 * Removes what serves the model of `target` from `text`; undefined when the file no longer holds it
 * (a retirement already merged, or run twice: nothing to do).
 */
export function removeTarget(text: string, target: TargetSpec): TargetRemoval | undefined {
  const implementation = Object.hasOwn(TARGETS, target.kind) ? TARGETS[target.kind] : undefined;
  if (implementation === undefined) throw new Error(`removeTarget: unknown target kind ${target.kind as string}`);
  let found: { removed: string[]; state: RolloutState } | undefined;
  const edited = editManifest(text, target.file, (manifest) => {
    let resource: Resource;
    try {
      resource = implementation.locate(manifest, target);
    } catch (error) {
      // The resource (or the URI field) is gone: what a merged retirement leaves.
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
  if (found === undefined) return undefined;
  const left = parseManifest(edited, target.file).documents.filter((document) => !isEmptyDocument(document));
  return { text: left.length === 0 ? null : edited, ...found };
}

/** The documents that go with a target's resource: Flagger's Canary, Seldon's canary Model and Experiment. */
function companions(resource: Resource, kind: TargetKind): Resource[] {
  const others = listResources(resource.manifest).filter((other) => other.document !== resource.document);
  const apiGroup = (other: Resource): string => {
    const apiVersion = other.document.get("apiVersion");
    return typeof apiVersion === "string" ? apiVersion.split("/")[0]! : "";
  };
  if (kind === "flagger")
    return others.filter(
      (other) =>
        other.kind === "Canary" &&
        apiGroup(other) === "flagger.app" &&
        readString(other, ["spec", "targetRef", "kind"]) === "Deployment" &&
        readString(other, ["spec", "targetRef", "name"]) === resource.name,
    );
  if (kind === "seldon-v2")
    return others.filter(
      (other) =>
        (other.kind === "Model" || other.kind === "Experiment") &&
        apiGroup(other) === "mlops.seldon.io" &&
        other.name === `${resource.name}-canary`,
    );
  return [];
}

/** yaml-path in a file that is not a Kubernetes resource: the URI, the weight and modelship's state keys go. */
function removeFields(resource: Resource, target: TargetSpec): string[] {
  const option = (name: string) => ({ file: target.file, option: name });
  const uri = parsePath(target.uriPath ?? "", option("uriPath"));
  const weight = target.weightPath === undefined ? undefined : parsePath(target.weightPath, option("weightPath"));
  const state: YamlPath = target.statePath === undefined ? ["modelship"] : parsePath(target.statePath, option("statePath"));
  const removed = [`${target.uriPath} in ${target.file}`];
  removeValue(resource, uri, { pruneEmpty: true });
  if (weight !== undefined && resource.document.hasIn(weight)) {
    removeValue(resource, weight, { pruneEmpty: true });
    removed.push(`${target.weightPath} in ${target.file}`);
  }
  for (const role of ["stable", "canary"] as const)
    for (const key of Object.values(STATE_KEYS[role])) removeValue(resource, [...state, key], { pruneEmpty: true });
  return removed;
}
