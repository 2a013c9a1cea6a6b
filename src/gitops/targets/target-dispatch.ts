/**
 * Manifest targets: pure functions from YAML text to YAML text that start, step, promote and roll
 * back a model in a GitOps repository, keeping every line the action does not change byte for byte.
 */
import { UserError } from "../../common/errors.ts";
import type { ServingLayout } from "../../registry/registry-types.ts";
import { sameReleaseFolder } from "../model-uri.ts";
import { argoRolloutsTarget } from "./argo-rollouts.ts";
import { flaggerTarget } from "./flagger.ts";
import { kserveKnativeTarget } from "./kserve-knative.ts";
import { kserveStandardTarget } from "./kserve-standard.ts";
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
import { describeResource, editManifest, parseManifest } from "./yaml-edit.ts";
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
  });
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
