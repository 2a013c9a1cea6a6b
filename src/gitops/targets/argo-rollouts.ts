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
 * - promote: drop the trailing indefinite `pause`, so the rollout runs to 100% (the research's
 *   recommendation; the leftover `setWeight` is the step the next template change passes through)
 * - rollback: env := the recorded stable URI and the pause goes; Argo sees the stable template
 *   again and skips the steps
 *
 * Blue-green strategy: `autoPromotionEnabled: false` while a preview runs (the weight is
 * meaningless — the preview takes no live traffic — and reads back as 0), `true` on promote,
 * rollback and direct.
 */
import { UserError } from "../../common/errors.ts";
import { ANNOTATIONS, deployedAt, readRecorded, recordedModel, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, RolloutState, TargetSpec } from "./types.ts";
import { describeResource, findResource, pathError, readString, writeValue, type Resource, type YamlPath } from "./yaml-edit.ts";

const CONTAINERS: YamlPath = ["spec", "template", "spec", "containers"];
const CANARY_STRATEGY: YamlPath = ["spec", "strategy", "canary"];
const STEPS: YamlPath = [...CANARY_STRATEGY, "steps"];
const BLUE_GREEN: YamlPath = ["spec", "strategy", "blueGreen"];
const AUTO_PROMOTION: YamlPath = [...BLUE_GREEN, "autoPromotionEnabled"];
const DEFAULT_ENV = "MODEL_URI";

/** The argo-rollouts target. */
export const argoRolloutsTarget: ManifestTarget = {
  locate(manifest, target) {
    const resource = findResource(manifest, { kinds: ["Rollout"], name: target.name, target: "argo-rollouts" });
    if (!resource.document.hasIn(CANARY_STRATEGY) && !resource.document.hasIn(BLUE_GREEN)) {
      throw pathError(resource, ["spec", "strategy"], `${describeResource(resource)} has neither spec.strategy.canary nor spec.strategy.blueGreen`, "give the Rollout a canary or blueGreen strategy");
    }
    envValuePath(resource, target);
    return resource;
  },

  read(resource, target) {
    const path = envValuePath(resource, target);
    const uri = readString(resource, path);
    if (uri === undefined) throw pathError(resource, path, `${describeResource(resource)}: env ${target.env ?? DEFAULT_ENV} has no value`, "set the env var's value to the release asset URL (valueFrom is not supported)");
    const recorded = readRecorded(resource, ANNOTATIONS);
    if (recorded.canary.uri === undefined) return { stable: deployedAt(uri, recorded.stable) };
    const state: RolloutState = { canary: { ...deployedAt(uri, recorded.canary), weight: canaryWeight(resource) } };
    const stable = recordedModel(recorded.stable);
    if (stable !== undefined) state.stable = stable;
    return state;
  },

  write(resource, target, desired, current) {
    writeValue(resource, envValuePath(resource, target), (desired.canary ?? desired.stable!).uri);
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

/** Path of the model URI: `spec.template.spec.containers[c].env[e].value`. */
function envValuePath(resource: Resource, target: TargetSpec): YamlPath {
  const containers = resource.document.getIn(CONTAINERS);
  const list = Array.isArray(toJs(containers)) ? (toJs(containers) as { name?: unknown; env?: unknown }[]) : [];
  if (list.length === 0) throw pathError(resource, CONTAINERS, `${describeResource(resource)} has no containers in spec.template.spec.containers`, "add the serving container to the pod template");
  const c = target.container === undefined ? 0 : list.findIndex((container) => container.name === target.container);
  if (c < 0) {
    throw pathError(resource, CONTAINERS, `${describeResource(resource)} has no container "${target.container}"`, `set the target's container to one of: ${list.map((container) => String(container.name)).join(", ")}`);
  }
  const envName = target.env ?? DEFAULT_ENV;
  const env = Array.isArray(list[c]!.env) ? (list[c]!.env as { name?: unknown }[]) : [];
  const e = env.findIndex((variable) => variable.name === envName);
  if (e < 0) {
    throw new UserError(`${describeResource(resource)}: container "${String(list[c]!.name)}" has no env var ${envName}`, {
      file: resource.manifest.file,
      pointer: `/spec/template/spec/containers/${c}/env`,
      hint: `add env: [{name: ${envName}, value: <model URL>}] to the container, or set the target's env to the variable that holds the model URL${env.length > 0 ? ` (it has ${env.map((variable) => String(variable.name)).join(", ")})` : ""}`,
    });
  }
  return [...CONTAINERS, c, "env", e, "value"];
}

function stepsOf(resource: Resource): Record<string, unknown>[] {
  const steps = toJs(resource.document.getIn(STEPS));
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

function toJs(node: unknown): unknown {
  return typeof node === "object" && node !== null && "toJSON" in node && typeof node.toJSON === "function" ? (node.toJSON as () => unknown).call(node) : node;
}
