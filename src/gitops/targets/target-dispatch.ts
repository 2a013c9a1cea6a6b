/**
 * Manifest targets: pure functions from YAML text to YAML text that start, step, promote and roll
 * back a model in a GitOps repository, keeping every line the action does not change byte for byte.
 */
import { UserError } from "../../common/errors.ts";
import { argoRolloutsTarget } from "./argo-rollouts.ts";
import { flaggerTarget } from "./flagger.ts";
import { kserveKnativeTarget } from "./kserve-knative.ts";
import { kserveStandardTarget } from "./kserve-standard.ts";
import { planAction } from "./rollout-state.ts";
import { seldonV2Target } from "./seldon-v2.ts";
import type { ManifestTarget, ModelRef, RolloutAction, RolloutState, TargetKind, TargetSpec } from "./target-types.ts";
import { describeResource, editManifest, parseManifest } from "./yaml-edit.ts";
import { yamlPathTarget } from "./yaml-path.ts";

export type { DeployedModel, ModelRef, RolloutAction, RolloutState, TargetKind, TargetSpec } from "./target-types.ts";
export { STATE_KEYS } from "./rollout-state.ts";

/** Every target kind and its implementation. */
const TARGETS: Readonly<Record<TargetKind, ManifestTarget>> = {
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
export function applyAction(text: string, target: TargetSpec, model: ModelRef, action: RolloutAction): string {
  const implementation = targetFor(target);
  return editManifest(text, target.file, (manifest) => {
    const resource = implementation.locate(manifest, target);
    const current = implementation.read(resource, target);
    const where = { file: target.file, resource: describeResource(resource), canaryPointer: implementation.canaryPointer };
    const desired = planAction(current, model, action, where);
    implementation.write(resource, target, desired, current);
  });
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
