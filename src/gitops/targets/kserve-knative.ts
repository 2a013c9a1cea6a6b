/**
 * KServe InferenceService in Knative (serverless) mode: a new `storageUri` is a new revision, and
 * `spec.predictor.canaryTrafficPercent` splits traffic between it and the last rolled-out revision.
 * Git alone cannot say what that previous revision was, so modelship records the stable model in
 * its annotations and a rollback writes it back.
 *
 * - start: `storageUri` := the new model, `canaryTrafficPercent: w`
 * - step: change `canaryTrafficPercent`
 * - promote: delete `canaryTrafficPercent` (100% to the latest revision)
 * - rollback: `storageUri` := the recorded stable URI, delete `canaryTrafficPercent`. This is one
 *   PR that makes git match the cluster again; Knative rolls it out as a new revision of the old
 *   model. The research's faster two-PR form (first `canaryTrafficPercent: 0` to pin traffic to
 *   the previous revision at once, then this one) is left to the caller.
 */
import { ANNOTATIONS, deployedAt, readRecorded, recordedModel, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, RolloutState } from "./types.ts";
import { describeResource, findResource, pathError, readInteger, readString, removeValue, requireMapAt, writeValue, type YamlPath } from "./yaml-edit.ts";

const MODEL: YamlPath = ["spec", "predictor", "model"];
const URI: YamlPath = [...MODEL, "storageUri"];
const WEIGHT: YamlPath = ["spec", "predictor", "canaryTrafficPercent"];
const DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";

/** The kserve-knative target. */
export const kserveKnativeTarget: ManifestTarget = {
  canaryPointer: "/spec/predictor/canaryTrafficPercent",

  locate(manifest, target) {
    const resource = findResource(manifest, { kinds: ["InferenceService"], name: target.name, target: "kserve-knative" });
    const mode = readString(resource, [...ANNOTATIONS, DEPLOYMENT_MODE]);
    if (mode === "Standard" || mode === "RawDeployment") {
      throw pathError(resource, [...ANNOTATIONS, DEPLOYMENT_MODE], `${describeResource(resource)} runs in ${mode} mode, where KServe ignores canaryTrafficPercent`, "use the kserve-standard target for this file (it canaries with spec.canary)");
    }
    requireMapAt(resource, MODEL, "give the predictor a model: {modelFormat: {name: onnx}, storageUri: ...} (the per-framework form such as predictor.onnx is not supported)");
    return resource;
  },

  read(resource) {
    const uri = readString(resource, URI);
    if (uri === undefined) throw pathError(resource, URI, `${describeResource(resource)} has no spec.predictor.model.storageUri`, "set the model's storageUri to the release asset URL");
    const weight = readInteger(resource, WEIGHT);
    const recorded = readRecorded(resource, ANNOTATIONS);
    if (weight === undefined) return { stable: deployedAt(uri, recorded.stable) };
    const state: RolloutState = { canary: { ...deployedAt(uri, recorded.canary), weight } };
    const stable = recordedModel(recorded.stable);
    if (stable !== undefined) state.stable = stable;
    return state;
  },

  write(resource, _target, desired) {
    writeValue(resource, URI, (desired.canary ?? desired.stable!).uri);
    if (desired.canary === undefined) removeValue(resource, WEIGHT);
    else writeValue(resource, WEIGHT, desired.canary.weight);
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};
