/**
 * Flagger: a `Deployment` carries the model URI in an env var of its pod template, and a Flagger
 * `Canary` (flagger.app/v1beta1) whose `spec.targetRef` names that Deployment drives the rollout.
 * Flagger's traffic weight is controller-driven: git cannot hold "the canary is at 20% now", only
 * the knobs of the analysis. So modelship maps each PR onto the knob that bounds the walk:
 *
 * - start: env := the new URI and `spec.analysis.maxWeight` := w (created if missing; `stepWeight`
 *   is clamped to w, and a `stepWeights` list keeps the weights below w and ends at w). Flagger
 *   then shifts traffic up to w% step by step and, if its analysis passes all the way, promotes
 *   the canary on its own — a modelship promote PR afterwards only records that in git.
 * - step: only `maxWeight` (and the clamped step weights) change; Flagger keeps walking towards it.
 * - promote: the canary becomes the recorded stable model; the env var already holds its URI.
 * - rollback: env := the recorded stable URI. Flagger does not start a new canary when the spec
 *   equals the last promoted one, so this returns at once (and makes git match a rollback Flagger
 *   already did when its analysis failed).
 * - direct: env := the new URI. Flagger still canaries any pod-template change, so a direct
 *   change goes through the analysis too, with the Canary's current weights.
 *
 * Weight 0 (a preview without live traffic) fits a Canary in blue-green or A/B mode
 * (`analysis.iterations`), where Flagger shifts no weights at all: there modelship leaves the
 * analysis alone and reads every canary back at 0%. A traffic-shifting Canary cannot hold at 0%.
 *
 * The Canary must sit in the same file as its Deployment, so one PR edits both. State goes in the
 * Deployment's own annotations: Flagger watches the pod template, so they start no analysis.
 */
import { isScalar, isSeq } from "yaml";
import { writeAbAnalysis } from "./flagger-ab.ts";
import { modelContainerPath, modelEnvPath, readModelEnv } from "./pod-env.ts";
import { POD_TEMPLATE_SPEC } from "./pull-secret.ts";
import { ANNOTATIONS, CANARY_RECORD_POINTER, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, TargetSpec } from "./target-types.ts";
import {
  describeResource,
  findResource,
  listResources,
  pathError,
  plainAt,
  readInteger,
  readString,
  writeValue,
  type Manifest,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const ANALYSIS: YamlPath = ["spec", "analysis"];
const MAX_WEIGHT: YamlPath = [...ANALYSIS, "maxWeight"];
const STEP_WEIGHT: YamlPath = [...ANALYSIS, "stepWeight"];
const STEP_WEIGHTS: YamlPath = [...ANALYSIS, "stepWeights"];
const ITERATIONS: YamlPath = [...ANALYSIS, "iterations"];
const TARGET_REF: YamlPath = ["spec", "targetRef"];

/** The flagger target. */
export const flaggerTarget: ManifestTarget = {
  canaryPointer: CANARY_RECORD_POINTER,

  locate(manifest, target) {
    const resource = findResource(manifest, {
      kind: "Deployment",
      group: "apps",
      name: deploymentName(manifest, target),
      target: "flagger",
    });
    canaryOf(resource);
    modelEnvPath(resource, target);
    return resource;
  },

  podSpecs() {
    return [POD_TEMPLATE_SPEC];
  },

  // One pod template runs whichever model is newest: the container that holds the model URI serves it.
  memorySlots(resource, target) {
    return [{ resource, path: modelContainerPath(resource, target), form: "container", shared: true, requestDefaultsToLimit: true }];
  },

  read(resource, target) {
    const uri = readModelEnv(resource, target);
    const recorded = readRecorded(resource, ANNOTATIONS);
    return singleFieldState(uri, recorded, recorded.canary.uri === undefined ? undefined : canaryWeight(canaryOf(resource)));
  },

  write(resource, target, desired) {
    writeValue(resource, modelEnvPath(resource, target), servingUri(desired));
    if (desired.canary !== undefined) {
      // strategy ab: iterations and a header/cookie match instead of weights (flagger-ab.ts); holdAt then leaves it.
      if (target.ab !== undefined) writeAbAnalysis(canaryOf(resource), target.ab);
      holdAt(canaryOf(resource), desired.canary.weight);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};

/** The Deployment the target means: by name (its own, or its Canary's), else the only Canary's target. */
function deploymentName(manifest: Manifest, target: TargetSpec): string | undefined {
  const resources = listResources(manifest);
  const deployments = resources.filter((resource) => resource.kind === "Deployment");
  const canaries = resources.filter(isFlaggerCanary);
  if (target.name !== undefined) {
    if (deployments.some((deployment) => deployment.name === target.name)) return target.name;
    const canary = canaries.find((resource) => resource.name === target.name);
    return (canary === undefined ? undefined : targetRefName(canary)) ?? target.name;
  }
  if (deployments.length > 1 && canaries.length === 1) return targetRefName(canaries[0]!);
  return undefined;
}

/** The one Flagger Canary whose targetRef names the Deployment (throws a UserError otherwise). */
function canaryOf(deployment: Resource): Resource {
  const canaries = listResources(deployment.manifest).filter(isFlaggerCanary);
  const mine = canaries.filter(
    (canary) => readString(canary, [...TARGET_REF, "kind"]) === "Deployment" && targetRefName(canary) === deployment.name,
  );
  if (mine.length === 1) return mine[0]!;
  if (mine.length > 1) {
    throw pathError(
      mine[1]!,
      [...TARGET_REF, "name"],
      `${mine.length} Flagger Canaries target Deployment "${deployment.name}" (${mine.map((canary) => canary.name).join(", ")})`,
      "keep one Canary per Deployment; Flagger runs one analysis per target",
    );
  }
  const other = canaries[0];
  if (other !== undefined) {
    const kind = readString(other, [...TARGET_REF, "kind"]) ?? "(no kind)";
    throw pathError(
      other,
      [...TARGET_REF, "name"],
      `${describeResource(other)} targets ${kind} "${targetRefName(other) ?? ""}", not Deployment "${deployment.name}"`,
      `point the Canary's spec.targetRef at {apiVersion: apps/v1, kind: Deployment, name: ${deployment.name}}, or set the target's name to the Deployment the Canary manages`,
    );
  }
  throw pathError(
    deployment,
    ["metadata", "name"],
    `no Flagger Canary (flagger.app/v1beta1) in the file targets Deployment "${deployment.name}"`,
    `add a Canary with spec.targetRef {apiVersion: apps/v1, kind: Deployment, name: ${deployment.name}} to this file; modelship edits the Deployment and its Canary in one PR, so a Canary kept in another file must move here`,
  );
}

function isFlaggerCanary(resource: Resource): boolean {
  const apiVersion = resource.document.get("apiVersion");
  return resource.kind === "Canary" && typeof apiVersion === "string" && apiVersion.startsWith("flagger.app/");
}

function targetRefName(canary: Resource): string | undefined {
  return readString(canary, [...TARGET_REF, "name"]);
}

/** How far Flagger may walk: `maxWeight`, or 0 for a blue-green/A-B Canary, which shifts no weights. */
function canaryWeight(canary: Resource): number {
  if (canary.document.hasIn(ITERATIONS)) return 0;
  return readInteger(canary, MAX_WEIGHT) ?? 0;
}

/** Bounds the analysis at `weight`%: maxWeight, and the step weights clamped below it. */
function holdAt(canary: Resource, weight: number): void {
  if (canary.document.hasIn(ITERATIONS)) return;
  if (weight === 0) {
    throw pathError(
      canary,
      ANALYSIS,
      `${describeResource(canary)} shifts traffic step by step, so it cannot hold a canary at 0%`,
      "start with a weight from 1 to 99 (it becomes analysis.maxWeight), or give the Canary analysis.iterations (blue-green) to run a preview without live traffic",
    );
  }
  writeValue(canary, MAX_WEIGHT, weight);
  const stepWeight = readInteger(canary, STEP_WEIGHT);
  if (stepWeight !== undefined && stepWeight > weight) writeValue(canary, STEP_WEIGHT, weight);
  const node = canary.document.getIn(STEP_WEIGHTS, true);
  if (!isSeq(node)) return;
  const current = plainAt(canary, STEP_WEIGHTS) as unknown[];
  const wanted = [...current.filter((value): value is number => typeof value === "number" && value < weight), weight];
  if (current.length === wanted.length && current.every((value, i) => value === wanted[i])) return;
  // Keep the items that stay (and their comments); drop the rest; add the new top weight.
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    if (!(isScalar(item) && typeof item.value === "number" && item.value < weight)) node.items.splice(i, 1);
  }
  node.items.push(canary.document.createNode(weight));
}

/**
 * Refuses a Flagger Canary that cannot run modelship's blue-green: one that shifts traffic
 * (`maxWeight`/`stepWeight`, no `analysis.iterations`), and one with `analysis.match`, which sends
 * the matching live requests to the new version (A/B testing, not a preview). `setting` names
 * modelship.yaml's strategy key.
 */
export function checkBlueGreenCanary(manifest: Manifest, target: TargetSpec, setting: string): void {
  const canary = canaryOf(flaggerTarget.locate(manifest, target));
  if (!canary.document.hasIn(ITERATIONS))
    throw pathError(
      canary,
      ANALYSIS,
      `${setting} is blue-green, but the flagger target's ${describeResource(canary)} shifts live traffic step by step (analysis.maxWeight/stepWeight) and has no preview to cut over from`,
      "give the Canary analysis.iterations (and no maxWeight, stepWeight or stepWeights): Flagger's blue/green mode, which tests the new version with no live traffic and then switches; or use strategy: canary",
    );
  if (canary.document.hasIn([...ANALYSIS, "match"]))
    throw pathError(
      canary,
      [...ANALYSIS, "match"],
      `${setting} is blue-green, but the flagger target's ${describeResource(canary)} routes the requests that match analysis.match to the new version (A/B testing), so its preview takes live traffic`,
      "remove analysis.match for blue-green (the preview then takes no live traffic), or use a strategy that routes by header or cookie",
    );
}

/** What happens to the old version after the cut-over, for the PR body: Flagger's blue/green promotion. */
export function flaggerScaleDownNote(manifest: Manifest, target: TargetSpec): string | undefined {
  const deployment = flaggerTarget.locate(manifest, target);
  const canary = canaryOf(deployment);
  if (!canary.document.hasIn(ITERATIONS)) return undefined;
  // https://docs.flagger.app/usage/deployment-strategies#blue-green-deployments
  return `${describeResource(canary)}: once its ${String(plainAt(canary, ITERATIONS))} analysis iterations pass, Flagger copies the new pod spec to Deployment "${deployment.name}-primary", routes all traffic to it and scales Deployment "${deployment.name}" (the canary) to zero`;
}
