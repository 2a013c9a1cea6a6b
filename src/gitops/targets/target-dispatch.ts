/**
 * Manifest targets: pure functions from YAML text to YAML text that start, step, promote and roll
 * back a model in a GitOps repository, keeping every line the action does not change byte for byte.
 */
import { UserError } from "../../common/errors.ts";
import type { ServingLayout } from "../../registry/registry-types.ts";
import { isOciModelUri, sameReleaseFolder } from "../model-uri.ts";
import { argoRolloutsTarget } from "./argo-rollouts.ts";
import { flaggerTarget } from "./flagger.ts";
import { kserveKnativeTarget } from "./kserve-knative.ts";
import { kserveStandardTarget } from "./kserve-standard.ts";
import {
  ensurePullSecret,
  hasPullCredentials,
  IMAGE_PULLED_MODEL_KINDS,
  PULL_SECRET_KIND_FIX,
  pullSecretKindProblem,
} from "./pull-secret.ts";
import {
  forgetStableMemory,
  memoryFloorKindProblem,
  raiseMemory,
  recordStableMemory,
  restoreStableMemory,
  type MemoryChange,
  type MemoryFloor,
} from "./memory-floor.ts";
import { ownState, planAction } from "./rollout-state.ts";
import { seldonV2Target } from "./seldon-v2.ts";
import {
  AB_TARGET_KINDS,
  type ManifestTarget,
  type ModelRef,
  type RolloutAction,
  type RolloutState,
  type ServingNeed,
  type TargetKind,
  type TargetSpec,
} from "./target-types.ts";
import { describeResource, editManifest, formatPath, parseManifest, type Resource } from "./yaml-edit.ts";
import { yamlPathTarget } from "./yaml-path.ts";

export type { DeployedModel, ModelRef, RolloutAction, RolloutState, TargetKind, TargetSpec } from "./target-types.ts";
export { STATE_KEYS } from "./rollout-state.ts";

/** Every target kind and its implementation (retire-targets.ts removes through the same table). */
export const TARGETS: Readonly<Record<TargetKind, ManifestTarget>> = {
  "kserve-standard": kserveStandardTarget,
  "kserve-knative": kserveKnativeTarget,
  "argo-rollouts": argoRolloutsTarget,
  flagger: flaggerTarget,
  "seldon-v2": seldonV2Target,
  "yaml-path": yamlPathTarget,
};

/** Reads the rollout state the file holds (from the fields and the annotation modelship owns). */
export function readState(text: string, target: TargetSpec): RolloutState {
  const implementation = targetFor(target);
  const resource = implementation.locate(parseManifest(text, target.file), target);
  return implementation.read(resource, target);
}

/** Returns the edited text (unchanged text when there is nothing to do). */
export function applyAction(text: string, target: TargetSpec, model: ModelRef, action: RolloutAction, tagFormat?: string): string {
  const implementation = targetFor(target);
  if (target.ab !== undefined && !AB_TARGET_KINDS.includes(target.kind))
    throw new UserError(
      `a ${target.kind} target cannot run an A/B test: it has no header or cookie match and no second model to split to`,
      {
        file: target.file,
        hint: `serve the model with a flagger or seldon-v2 target for strategy ab, or use strategy canary for ${target.kind}`,
      },
    );
  return editManifest(text, target.file, (manifest) => {
    const resource = implementation.locate(manifest, target);
    // What another model serves (one modelship adopts) has no version of this model's.
    const current = ownState(implementation.read(resource, target), model.name, tagFormat);
    const where = { file: target.file, resource: describeResource(resource), canaryPointer: implementation.canaryPointer };
    const served = servedModel(model, action, current, implementation.serving?.(resource, target), where);
    const desired = planAction(current, served, action, where);
    implementation.write(resource, target, desired, current);
    if (target.pullSecret !== undefined) writePullSecret(implementation, resource, target, target.pullSecret);
  });
}

/**
 * The memory floor's pass over a target's text after `applyAction` (memory-floor.ts): raises the
 * request of the container that runs `model` in the edited state to `floor`; on a pod template
 * both models share, records the stable model's request when a canary raises it, forgets it on
 * promote and direct, and puts it back on rollback (which needs no floor, and is never refused).
 */
export function applyMemoryFloor(
  text: string,
  target: TargetSpec,
  options: { model: ModelRef; action: RolloutAction; floor: MemoryFloor | undefined; setting: string; tagFormat?: string },
): { text: string; changes: MemoryChange[] } {
  const implementation = targetFor(target);
  const changes: MemoryChange[] = [];
  if (implementation.memorySlots === undefined) {
    if (options.floor !== undefined)
      throw new UserError(
        `a memory floor cannot be written into a ${target.kind} target: ${memoryFloorKindProblem(target.kind) ?? "it has no container"}`,
        {
          file: target.file,
          hint: `set the memory request in ${target.file} by hand, and remove ${options.setting}`,
        },
      );
    return { text, changes };
  }
  const slotsOf = implementation.memorySlots.bind(implementation);
  const edited = editManifest(text, target.file, (manifest) => {
    const resource = implementation.locate(manifest, target);
    const { action, model, floor } = options;
    if (action.kind === "rollback") {
      for (const slot of slotsOf(resource, target, "stable")) {
        const restored = slot.shared ? restoreStableMemory(slot) : undefined;
        if (restored !== undefined) changes.push(restored);
      }
      return;
    }
    const state = ownState(implementation.read(resource, target), model.name, options.tagFormat);
    const role = state.canary?.version === model.version ? "canary" : state.stable?.version === model.version ? "stable" : undefined;
    for (const slot of role === undefined ? [] : slotsOf(resource, target, role)) {
      // A canary's raise is undone by its rollback; once the model is the stable one, the raise is its own.
      if (slot.shared && role === "stable") forgetStableMemory(slot);
      if (floor === undefined) continue;
      if (slot.shared && role === "canary") {
        const change = raiseMemory(slot, floor, options.setting);
        if (change.outcome === "set" || change.outcome === "raised") recordStableMemory(slot, change.before);
        changes.push(change);
      } else changes.push(raiseMemory(slot, floor, options.setting));
    }
  });
  return { text: edited, changes };
}

/** Adds the environment's pull secret to every pod spec that runs the model (pull-secret.ts). */
function writePullSecret(implementation: ManifestTarget, resource: Resource, target: TargetSpec, name: string): void {
  const problem = pullSecretKindProblem(target.kind);
  if (problem !== undefined || implementation.podSpecs === undefined)
    throw new UserError(`a pull secret cannot be written into a ${target.kind} target: ${problem ?? "it has no pod spec"}`, {
      file: target.file,
      hint: PULL_SECRET_KIND_FIX,
    });
  for (const podSpec of implementation.podSpecs(resource, target)) ensurePullSecret(resource, podSpec, name);
}

/**
 * A warning for a file that runs an `oci://` model (an image the kubelet pulls) in a pod spec with
 * neither `imagePullSecrets` nor `serviceAccountName`, in an environment without `pull_secret`: a
 * private registry refuses that pull. Not an error: public images and node-level registry
 * credentials need neither. Undefined when there is nothing to say.
 */
export function pullCredentialsWarning(text: string, target: TargetSpec, environment: string): string | undefined {
  const implementation = targetFor(target);
  // Elsewhere the URI is an env var the server reads itself: no pull secret would help it.
  if (target.pullSecret !== undefined || implementation.podSpecs === undefined || !IMAGE_PULLED_MODEL_KINDS.has(target.kind))
    return undefined;
  const resource = implementation.locate(parseManifest(text, target.file), target);
  const state = implementation.read(resource, target);
  const oci = [state.canary?.uri, state.stable?.uri].find((uri) => uri !== undefined && isOciModelUri(uri));
  if (oci === undefined) return undefined;
  const bare = implementation.podSpecs(resource, target).filter((podSpec) => !hasPullCredentials(resource, podSpec));
  if (bare.length === 0) return undefined;
  return `${target.file}: ${describeResource(resource)} serves ${oci}, an image the kubelet pulls, but ${bare.map(formatPath).join(" and ")} ${bare.length === 1 ? "names" : "name"} neither imagePullSecrets nor serviceAccountName, so a private registry refuses the pull (ImagePullBackOff). Set promote.environments.${environment}.pull_secret in modelship.yaml to a docker-registry Secret in the resource's namespace (kubectl create secret docker-registry NAME --docker-server=REGISTRY ...), or give the pod a serviceAccountName that carries one; a public image or node-level registry credentials need neither.`;
}

/** The words for a layout in messages. */
const LAYOUT_NAMES: Readonly<Record<ServingLayout, string>> = {
  "onnx-file": "ONNX file (model.onnx)",
  "triton-model-repository": "Triton model repository (triton-model-repository.tar.gz)",
};

/**
 * The model with the URI this resource's server loads. A new model (start, direct) gets the
 * release's asset for the runtime the resource names; an action on what already runs (step,
 * promote, rollback) keeps the asset of that release the file holds, since that is what was judged.
 */
function servedModel(
  model: ModelRef,
  action: RolloutAction,
  current: RolloutState,
  need: ServingNeed | undefined,
  where: { file: string; resource: string },
): ModelRef {
  if (action.kind !== "start" && action.kind !== "direct") {
    for (const running of [current.canary, current.stable])
      if (running !== undefined && sameReleaseFolder(running.uri, model.uri)) return { ...model, uri: running.uri };
    return model;
  }
  // KServe (the targets that say what their runtime loads) serves a modelcar image: /mnt/models is the image's /models.
  if (need !== undefined && model.modelcar?.layout === need.layout) return { ...model, uri: model.modelcar.uri };
  if (model.servingUris === undefined) return model;
  const layout = need?.layout ?? "onnx-file";
  const uri = model.servingUris[layout];
  if (uri !== undefined) return { ...model, uri };
  const why = model.unavailable?.[layout];
  throw new UserError(
    `${where.resource}: ${model.name} ${model.version} has no ${LAYOUT_NAMES[layout]}, which ${need?.runtime ?? "its server"} loads: ${why ?? "it was released before modelship published one"}`,
    {
      file: where.file,
      hint:
        why === undefined
          ? `release the model again as a new version (modelship release; a released version never changes), then promote that version`
          : `export the model with tensor inputs and outputs Triton can serve (skl2onnx: options={"zipmap": False}) and release it as a new version, or serve it with a runtime that loads the ONNX file (pin it as spec.predictor.model.runtime)`,
    },
  );
}

function targetFor(target: TargetSpec): ManifestTarget {
  const implementation = Object.hasOwn(TARGETS, target.kind) ? TARGETS[target.kind] : undefined;
  if (implementation === undefined) {
    throw new UserError(`unknown target kind "${target.kind as string}"`, {
      file: target.file,
      hint: `use one of: ${Object.keys(TARGETS).join(", ")}`,
    });
  }
  return implementation;
}
