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
 * - start: env := the new URI and `autoPromotionEnabled: false`. Argo creates the new ReplicaSet,
 *   points the previewService at it, and pauses before switching the activeService (a
 *   BlueGreenPause): the preview, with no live traffic.
 * - promote (the cut-over): `autoPromotionEnabled: true`. The controller's pause check returns at
 *   once when auto-promotion is enabled (reconcileBlueGreenPause in rollout/bluegreen.go of
 *   argoproj/argo-rollouts), so the paused rollout switches the activeService to the new
 *   ReplicaSet — the declarative form of `kubectl argo rollouts promote`. Argo then stamps the old
 *   ReplicaSet with a scale-down deadline and scales it to zero once
 *   `spec.strategy.blueGreen.scaleDownDelaySeconds` (default 30) have passed
 *   (https://argo-rollouts.readthedocs.io/en/stable/features/bluegreen/).
 * - rollback: env := the recorded stable URI and `autoPromotionEnabled: true`: the template is the
 *   active ReplicaSet's again, and the preview ReplicaSet is scaled down.
 * A blue-green environment refuses a Rollout with a canary strategy, and one with
 * `autoPromotionSeconds`, which would switch on a timer before the health checks decide
 * (checkBlueGreenRollout).
 */
import { modelContainerPath, modelEnvPath, readModelEnv } from "./pod-env.ts";
import { POD_TEMPLATE_SPEC } from "./pull-secret.ts";
import { ANNOTATIONS, CANARY_RECORD_POINTER, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, TargetSpec } from "./target-types.ts";
import {
  describeResource,
  findResource,
  pathError,
  plainAt,
  writeValue,
  type Manifest,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const CANARY_STRATEGY: YamlPath = ["spec", "strategy", "canary"];
const STEPS: YamlPath = [...CANARY_STRATEGY, "steps"];
const BLUE_GREEN: YamlPath = ["spec", "strategy", "blueGreen"];
const AUTO_PROMOTION: YamlPath = [...BLUE_GREEN, "autoPromotionEnabled"];
const AUTO_PROMOTION_SECONDS: YamlPath = [...BLUE_GREEN, "autoPromotionSeconds"];
const SCALE_DOWN_DELAY: YamlPath = [...BLUE_GREEN, "scaleDownDelaySeconds"];
/** Argo Rollouts' default `scaleDownDelaySeconds` (utils/defaults: DefaultScaleDownDelaySeconds). */
export const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

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

/**
 * Refuses a Rollout that cannot run modelship's blue-green (preview, health, cut-over PR): one with
 * a canary strategy, which shifts live traffic, and one with `autoPromotionSeconds`, which cuts over
 * on a timer whatever the health checks say. `setting` names modelship.yaml's strategy key.
 */
export function checkBlueGreenRollout(manifest: Manifest, target: TargetSpec, setting: string): void {
  const resource = argoRolloutsTarget.locate(manifest, target);
  const fix =
    "use strategy: canary for this Rollout, or give it spec.strategy.blueGreen (activeService, previewService) instead of spec.strategy.canary";
  if (!resource.document.hasIn(BLUE_GREEN))
    throw pathError(
      resource,
      CANARY_STRATEGY,
      `${setting} is blue-green, but the argo-rollouts target ${describeResource(resource)} has spec.strategy.canary, which shifts live traffic step by step and has no preview to cut over from`,
      fix,
    );
  const seconds = plainAt(resource, AUTO_PROMOTION_SECONDS);
  if (seconds !== undefined && seconds !== null)
    throw pathError(
      resource,
      AUTO_PROMOTION_SECONDS,
      `${setting} is blue-green, but ${describeResource(resource)} sets spec.strategy.blueGreen.autoPromotionSeconds (${JSON.stringify(seconds)}), so Argo Rollouts would switch traffic to the preview on a timer before modelship's health checks decide`,
      "remove autoPromotionSeconds: modelship's cut-over pull request promotes the preview once it has baked and every health check passes",
    );
}

/** What happens to the old version after the cut-over, for the PR body: when Argo scales the old ReplicaSet down. */
export function argoScaleDownNote(manifest: Manifest, target: TargetSpec): string | undefined {
  const resource = argoRolloutsTarget.locate(manifest, target);
  if (!resource.document.hasIn(BLUE_GREEN)) return undefined;
  const delay = plainAt(resource, SCALE_DOWN_DELAY);
  const seconds = typeof delay === "number" ? delay : DEFAULT_SCALE_DOWN_DELAY_SECONDS;
  return `${describeResource(resource)}: the active Service switches to the new ReplicaSet, and the old ReplicaSet is scaled down ${seconds} s after the switch (spec.strategy.blueGreen.scaleDownDelaySeconds, default ${DEFAULT_SCALE_DOWN_DELAY_SECONDS})`;
}
