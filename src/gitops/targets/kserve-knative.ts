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
 *   model. A faster two-PR form (first `canaryTrafficPercent: 0` to pin traffic to
 *   the previous revision at once, then this one) is left to the caller.
 */
import { kserveServing, locateInferenceService, MODEL, STANDARD_MODES } from "./kserve-common.ts";
import { ANNOTATIONS, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget } from "./target-types.ts";
import { readInteger, removeValue, requireUri, writeValue, type YamlPath } from "./yaml-edit.ts";

const URI: YamlPath = [...MODEL, "storageUri"];
const WEIGHT: YamlPath = ["spec", "predictor", "canaryTrafficPercent"];

/** The kserve-knative target. */
export const kserveKnativeTarget: ManifestTarget = {
  canaryPointer: "/spec/predictor/canaryTrafficPercent",

  locate(manifest, target) {
    return locateInferenceService(manifest, target, {
      target: "kserve-knative",
      wrongModes: STANDARD_MODES,
      ignored: "canaryTrafficPercent",
      hint: "use the kserve-standard target for this file (it canaries with spec.canary)",
    });
  },

  serving: kserveServing,

  podSpecs() {
    return [["spec", "predictor"]];
  },

  // The latest revision's model container: the canary while canaryTrafficPercent splits, else the stable model.
  memorySlots(resource) {
    return [{ resource, path: MODEL, form: "container", shared: true }];
  },

  read(resource) {
    const uri = requireUri(resource, URI);
    const weight = readInteger(resource, WEIGHT);
    return singleFieldState(uri, readRecorded(resource, ANNOTATIONS), weight);
  },

  write(resource, _target, desired) {
    writeValue(resource, URI, servingUri(desired));
    if (desired.canary === undefined) removeValue(resource, WEIGHT);
    else writeValue(resource, WEIGHT, desired.canary.weight);
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};
