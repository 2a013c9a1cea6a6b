/**
 * Argo Rollouts `Rollout`: the model URI lives in the pod template (an env var of one container),
 * because only a pod-template change starts a new revision. Argo keeps the current step and the
 * last good ReplicaSet in status, which git cannot write, so modelship expresses each PR as a
 * rewrite of the spec and records the stable model in its annotations.
 *
 * Canary strategy (`spec.strategy.canary.steps`; rewriting the steps restarts them from step 0
 * while keeping the canary ReplicaSet):
 * - start/step: env := the new URI, steps := `[{setWeight: w}, {pause: {}}]` — hold at w% until
 *   the next PR
 * - promote: drop the trailing indefinite `pause`, so the rollout runs to 100% (the leftover
 *   `setWeight` is the step the next template change passes through)
 * - rollback: env := the recorded stable URI and the pause goes; Argo sees the stable template
 *   again and skips the steps
 *
 * Blue-green strategy: `autoPromotionEnabled: false` while a preview runs (the weight is
 * meaningless — the preview takes no live traffic — and reads back as 0), `true` on promote,
 * rollback and direct.
 */
import { modelEnvPath, readModelEnv } from "./pod-env.ts";
import { ANNOTATIONS, CANARY_RECORD_POINTER, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget } from "./target-types.ts";
import { describeResource, findResource, pathError, plainAt, writeValue, type Resource, type YamlPath } from "./yaml-edit.ts";

const CANARY_STRATEGY: YamlPath = ["spec", "strategy", "canary"];
const STEPS: YamlPath = [...CANARY_STRATEGY, "steps"];
const BLUE_GREEN: YamlPath = ["spec", "strategy", "blueGreen"];
const AUTO_PROMOTION: YamlPath = [...BLUE_GREEN, "autoPromotionEnabled"];

/** The argo-rollouts target. */
export const argoRolloutsTarget: ManifestTarget = {
  canaryPointer: CANARY_RECORD_POINTER,

  locate(manifest, target) {
    const resource = findResource(manifest, { kind: "Rollout", group: "argoproj.io", name: target.name, target: "argo-rollouts" });
    if (!resource.document.hasIn(CANARY_STRATEGY) && !resource.document.hasIn(BLUE_GREEN)) {
      throw pathError(
        resource,
        ["spec", "strategy"],
        `${describeResource(resource)} has neither spec.strategy.canary nor spec.strategy.blueGreen`,
        "give the Rollout a canary or blueGreen strategy",
      );
    }
    modelEnvPath(resource, target);
    return resource;
  },

  read(resource, target) {
    const uri = readModelEnv(resource, target);
    const recorded = readRecorded(resource, ANNOTATIONS);
    return singleFieldState(uri, recorded, recorded.canary.uri === undefined ? undefined : canaryWeight(resource));
  },

  write(resource, target, desired, current) {
    writeValue(resource, modelEnvPath(resource, target), servingUri(desired));
    const document = resource.document;
    if (document.hasIn(CANARY_STRATEGY)) {
      const steps = stepsOf(resource);
      if (desired.canary !== undefined) {
        const held = steps.length === 2 && typeof steps[0]?.["setWeight"] === "number" && isIndefinitePause(steps[1]);
        // Keep the node (and its comments) when only the weight moves.
        if (held) writeValue(resource, [...STEPS, 0, "setWeight"], desired.canary.weight);
        else document.setIn(STEPS, document.createNode([{ setWeight: desired.canary.weight }, { pause: {} }]));
      } else if (current.canary !== undefined && steps.length > 0 && isIndefinitePause(steps.at(-1))) {
        document.deleteIn([...STEPS, steps.length - 1]);
      }
    }
    if (document.hasIn(BLUE_GREEN)) {
      if (desired.canary !== undefined) writeValue(resource, AUTO_PROMOTION, false);
      else if (document.hasIn(AUTO_PROMOTION)) writeValue(resource, AUTO_PROMOTION, true);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};

function stepsOf(resource: Resource): Record<string, unknown>[] {
  const steps = plainAt(resource, STEPS);
  return Array.isArray(steps) ? (steps as Record<string, unknown>[]) : [];
}

/** The weight the steps hold at: the last `setWeight` (0 for blue-green, whose preview takes no traffic). */
function canaryWeight(resource: Resource): number {
  const weights = stepsOf(resource).flatMap((step) => (typeof step["setWeight"] === "number" ? [step["setWeight"]] : []));
  return weights.at(-1) ?? 0;
}

/** `pause: {}` (or `pause:` with nothing): waits until someone promotes. */
function isIndefinitePause(step: Record<string, unknown> | undefined): boolean {
  if (step === undefined || Object.keys(step).length !== 1 || !("pause" in step)) return false;
  const pause = step["pause"];
  return pause === null || (typeof pause === "object" && !Array.isArray(pause) && !("duration" in pause));
}
