/**
 * Seldon Core v2 (mlops.seldon.io/v1alpha1): the stable model is a `Model` with `spec.storageUri`.
 * Seldon has no canary field and no automatic analysis; a traffic split is an `Experiment` whose
 * candidates share the default model's endpoint by weight. So a canary is two more documents in
 * the same file, both named `<name>-canary`, which modelship adds and removes:
 *
 * - a `Model` copied from the stable one (same spec, `requirements` included) with the canary URI
 * - an `Experiment` with `default: <name>` and candidates `<name>` at 100−w and `<name>-canary` at w
 *
 * - start: add the two documents at the end of the file (or update them when a canary runs)
 * - step: change the two candidate weights
 * - promote: the stable Model takes the canary's `storageUri` (Seldon loads it as a new version of
 *   the same model) and both canary documents go
 * - rollback: both canary documents go
 * - direct: the stable Model's `storageUri` := the new URI
 *
 * State goes in the stable Model's annotations.
 */
import { isMap } from "yaml";
import { UserError } from "../../common/errors.ts";
import { ANNOTATIONS, deployedAt, readRecorded, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, RolloutState } from "./target-types.ts";
import {
  appendResource,
  describeResource,
  duplicateResources,
  findResource,
  isSeqAt,
  listResources,
  pathError,
  plainAt,
  readInteger,
  readString,
  removeResource,
  requireUri,
  writeValue,
  type Manifest,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const API_VERSION = "mlops.seldon.io/v1alpha1";
const STORAGE_URI: YamlPath = ["spec", "storageUri"];
const CANDIDATES: YamlPath = ["spec", "candidates"];
const CANARY_SUFFIX = "-canary";

/** The seldon-v2 target. */
export const seldonV2Target: ManifestTarget = {
  locate(manifest, target) {
    const resource = findResource(manifest, {
      kind: "Model",
      group: "mlops.seldon.io",
      name: target.name ?? stableModelName(manifest),
      target: "seldon-v2",
    });
    requireStorageUri(resource);
    return resource;
  },

  // spec.memory is what Seldon's scheduler reserves for the model on a Server; the canary is a Model of its own.
  memorySlots(resource, _target, role) {
    const model = role === "canary" ? canaryOf(resource).model : resource;
    return model === undefined ? [] : [{ resource: model, path: ["spec"], form: "seldon-model", shared: false }];
  },

  read(resource) {
    const recorded = readRecorded(resource, ANNOTATIONS);
    const state: RolloutState = { stable: deployedAt(requireStorageUri(resource), recorded.stable) };
    const { model, experiment } = canaryOf(resource);
    if (model !== undefined)
      state.canary = {
        ...deployedAt(requireStorageUri(model), recorded.canary),
        weight: experiment === undefined ? 0 : canaryWeight(experiment, model.name),
      };
    return state;
  },

  write(resource, _target, desired) {
    writeValue(resource, STORAGE_URI, desired.stable!.uri);
    const { model, experiment } = canaryOf(resource);
    const canary = desired.canary;
    if (canary === undefined) {
      if (model !== undefined) removeResource(model);
      if (experiment !== undefined) removeResource(experiment);
    } else {
      // Removing and re-adding would reorder them; a running canary is edited in place.
      if (model === undefined)
        appendResource(
          resource.manifest,
          canaryModel(resource, canary.uri),
          `Canary of ${resource.name}, added by modelship: promote or rollback removes it.`,
        );
      else writeValue(model, STORAGE_URI, canary.uri);
      if (experiment === undefined)
        appendResource(
          resource.manifest,
          canaryExperiment(resource, canary.weight),
          `Splits ${resource.name}'s traffic with its canary (weights in percent), added by modelship.`,
        );
      else setWeights(experiment, resource.name, canary.weight);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};

/** The only Seldon Model that is not another Model's canary, when the target does not name one. */
function stableModelName(manifest: Manifest): string | undefined {
  const models = listResources(manifest).filter((resource) => isSeldon(resource, "Model"));
  const names = new Set(models.map((model) => model.name));
  const stable = models.filter((model) => !(model.name.endsWith(CANARY_SUFFIX) && names.has(model.name.slice(0, -CANARY_SUFFIX.length))));
  // Two documents of one name are not two Models to choose from: findResource refuses the duplicate.
  const distinct = stable.filter((model, index) => stable.findIndex((other) => other.name === model.name) === index);
  if (distinct.length > 1) {
    const list = distinct.map((model) => model.name).join(", ");
    throw pathError(
      distinct[1]!,
      ["metadata", "name"],
      `${distinct.length} Seldon Models in the file (${list}); the target must name one`,
      `set the target's name to one of: ${list}`,
    );
  }
  return distinct[0]?.name;
}

/** The canary Model and Experiment (`<name>-canary`) beside the stable Model, when present. */
function canaryOf(stable: Resource): { model?: Resource; experiment?: Resource } {
  const name = `${stable.name}${CANARY_SUFFIX}`;
  const resources = listResources(stable.manifest);
  const model = onlyOne(resources.filter((resource) => isSeldon(resource, "Model") && resource.name === name));
  const experiment = onlyOne(resources.filter((resource) => isSeldon(resource, "Experiment") && resource.name === name));
  return { ...(model && { model }), ...(experiment && { experiment }) };
}

/** The one resource of `matches`, if any; two documents with the same kind and name are refused, not edited at random. */
function onlyOne(matches: Resource[]): Resource | undefined {
  if (matches.length > 1) throw duplicateResources(matches);
  return matches[0];
}

function isSeldon(resource: Resource, kind: string): boolean {
  const apiVersion = resource.document.get("apiVersion");
  return resource.kind === kind && typeof apiVersion === "string" && apiVersion.startsWith("mlops.seldon.io/");
}

/** A Seldon Model's spec.storageUri (throws a UserError when it is absent). */
function requireStorageUri(resource: Resource): string {
  return requireUri(resource, STORAGE_URI, "set the Model's storageUri to the release asset URL");
}

/** The canary's share in percent: its weight over the sum of the candidates' weights. */
function canaryWeight(experiment: Resource, canaryName: string): number {
  const candidates = candidatesOf(experiment);
  const index = candidates.findIndex((candidate) => candidate.name === canaryName);
  if (index < 0) {
    throw pathError(
      experiment,
      CANDIDATES,
      `${describeResource(experiment)} has no candidate "${canaryName}"`,
      `add {name: ${canaryName}, weight: <percent>} to spec.candidates, or delete the Experiment to stop the canary`,
    );
  }
  const weights = candidates.map((_, i) => readInteger(experiment, [...CANDIDATES, i, "weight"]) ?? 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return total === 0 ? 0 : Math.round((weights[index]! * 100) / total);
}

function candidatesOf(experiment: Resource): { name?: unknown }[] {
  if (!isSeqAt(experiment, CANDIDATES))
    throw pathError(
      experiment,
      CANDIDATES,
      `${describeResource(experiment)} has no spec.candidates list`,
      "give the Experiment spec.candidates: [{name, weight}, ...], or delete it to stop the canary",
    );
  return plainAt(experiment, CANDIDATES) as { name?: unknown }[];
}

/** Sets the stable candidate to 100−w and the canary to w, editing the two weights when both are there. */
function setWeights(experiment: Resource, stableName: string, weight: number): void {
  const candidates = isSeqAt(experiment, CANDIDATES) ? candidatesOf(experiment) : [];
  const stable = candidates.findIndex((candidate) => candidate.name === stableName);
  const canary = candidates.findIndex((candidate) => candidate.name === `${stableName}${CANARY_SUFFIX}`);
  writeValue(experiment, ["spec", "default"], stableName);
  if (candidates.length === 2 && stable >= 0 && canary >= 0) {
    writeValue(experiment, [...CANDIDATES, stable, "weight"], 100 - weight);
    writeValue(experiment, [...CANDIDATES, canary, "weight"], weight);
  } else {
    experiment.document.setIn(CANDIDATES, experiment.document.createNode(candidateList(stableName, weight)));
  }
}

function candidateList(stableName: string, weight: number): { name: string; weight: number }[] {
  return [
    { name: stableName, weight: 100 - weight },
    { name: `${stableName}${CANARY_SUFFIX}`, weight },
  ];
}

/** The stable Model's spec under the canary's name and URI, in the same namespace. */
function canaryModel(
  stable: Resource,
  uri: string,
): { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> } {
  const spec = stable.document.getIn(["spec"], true);
  if (!isMap(spec))
    throw new UserError(`${describeResource(stable)} has no spec map`, {
      file: stable.manifest.file,
      pointer: "/spec",
      hint: "give the Model spec: {storageUri: ..., requirements: [onnx]}",
    });
  const fields = { ...(plainAt(stable, ["spec"]) as Record<string, unknown>), storageUri: uri };
  const apiVersion = stable.document.get("apiVersion");
  return {
    apiVersion: typeof apiVersion === "string" ? apiVersion : API_VERSION,
    kind: "Model",
    metadata: metadataFor(stable, `${stable.name}${CANARY_SUFFIX}`),
    spec: fields,
  };
}

function canaryExperiment(
  stable: Resource,
  weight: number,
): { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> } {
  return {
    apiVersion: API_VERSION,
    kind: "Experiment",
    metadata: metadataFor(stable, `${stable.name}${CANARY_SUFFIX}`),
    spec: { default: stable.name, candidates: candidateList(stable.name, weight) },
  };
}

function metadataFor(stable: Resource, name: string): { name: string; namespace?: string } {
  const namespace = readString(stable, ["metadata", "namespace"]);
  return namespace === undefined ? { name } : { name, namespace };
}
