/**
 * KServe InferenceService in Standard (raw) deployment mode, v0.20+: the stable model is
 * `spec.predictor.model.storageUri` and the canary is a second predictor in `spec.canary[0]` with
 * its own `trafficPercent`. Both models are in git, so every state is reproducible on a fresh cluster.
 *
 * - start: add `spec.canary: [{trafficPercent, predictor: {name: v<version>, model: {name,
 *   modelFormat, runtime?, protocolVersion?, storageUri}}}]` (the container name, format and runtime
 *   copied from the stable model; the name defaults to KServe's `kserve-container`; the stable
 *   predictor's serviceAccountName and imagePullSecrets copied too, so the canary can pull an oci:// model)
 * - step: change `trafficPercent`
 * - promote: the stable predictor takes the canary's `storageUri` and `name` (KServe then keeps the
 *   canary's pods running as the new stable: no restart), and `spec.canary` goes
 * - rollback: `spec.canary` goes
 */
import { isMap } from "yaml";
import { UserError } from "../../common/errors.ts";
import { KNATIVE_MODES, kserveServing, locateInferenceService, MODEL } from "./kserve-common.ts";
import { pullCredentialsOf } from "./pull-secret.ts";
import { ANNOTATIONS, deployedAt, readRecorded, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, RolloutState } from "./target-types.ts";
import {
  describeResource,
  isSeqAt,
  pathError,
  plainAt,
  readInteger,
  readString,
  removeValue,
  requireUri,
  writeValue,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const PREDICTOR: YamlPath = ["spec", "predictor"];
const STABLE_URI: YamlPath = [...MODEL, "storageUri"];
const CANARY: YamlPath = ["spec", "canary"];
const CANARY_PREDICTOR: YamlPath = [...CANARY, 0, "predictor"];
const CANARY_URI: YamlPath = [...CANARY_PREDICTOR, "model", "storageUri"];
const CANARY_WEIGHT: YamlPath = [...CANARY, 0, "trafficPercent"];

/** The kserve-standard target. */
export const kserveStandardTarget: ManifestTarget = {
  canaryPointer: "/spec/canary",

  locate(manifest, target) {
    return locateInferenceService(manifest, target, {
      target: "kserve-standard",
      wrongModes: KNATIVE_MODES,
      ignored: "spec.canary",
      hint: "use the kserve-knative target for this file, or switch the resource to serving.kserve.io/deploymentMode: Standard",
    });
  },

  serving: kserveServing,

  podSpecs(resource) {
    return canaryCount(resource) > 0 ? [PREDICTOR, CANARY_PREDICTOR] : [PREDICTOR];
  },

  // Each predictor runs its own model container: the canary's floor goes with the canary.
  memorySlots(resource, _target, role) {
    return role === "canary"
      ? [{ resource, path: [...CANARY_PREDICTOR, "model"], form: "container", shared: false, inherit: MODEL }]
      : [{ resource, path: MODEL, form: "container", shared: false }];
  },

  read(resource) {
    const recorded = readRecorded(resource, ANNOTATIONS);
    const state: RolloutState = { stable: deployedAt(requireUri(resource, STABLE_URI), recorded.stable) };
    if (canaryCount(resource) > 0)
      state.canary = {
        ...deployedAt(requireUri(resource, CANARY_URI), recorded.canary),
        weight: readInteger(resource, CANARY_WEIGHT) ?? 0,
      };
    return state;
  },

  write(resource, _target, desired, current) {
    const stable = desired.stable!;
    const canary = desired.canary;
    if (current.canary !== undefined && canary === undefined && current.canary.uri === stable.uri) {
      // Promotion: naming the stable predictor after the canary lets KServe adopt the canary's pods.
      const name = readString(resource, [...CANARY_PREDICTOR, "name"]);
      const predictor = resource.document.getIn(PREDICTOR, true);
      // A new name goes first, where KServe's own examples put it.
      if (name !== undefined && isMap(predictor) && !predictor.has("name"))
        predictor.items.unshift(resource.document.createPair("name", name));
      else if (name !== undefined) writeValue(resource, [...PREDICTOR, "name"], name);
    }
    writeValue(resource, STABLE_URI, stable.uri);
    if (canary === undefined) removeValue(resource, CANARY);
    else if (current.canary === undefined) {
      resource.document.setIn(
        CANARY,
        resource.document.createNode([
          {
            trafficPercent: canary.weight,
            // The canary's pods pull as the stable's do (an oci:// model is an image).
            predictor: {
              name: canaryName(resource, canary.version, canary.uri),
              ...pullCredentialsOf(resource, PREDICTOR),
              model: canaryModel(resource, canary.uri),
            },
          },
        ]),
      );
    } else {
      if (current.canary.uri !== canary.uri) {
        writeValue(resource, [...CANARY_PREDICTOR, "name"], canaryName(resource, canary.version, canary.uri));
        writeValue(resource, CANARY_URI, canary.uri);
      }
      writeValue(resource, CANARY_WEIGHT, canary.weight);
    }
    writeRecorded(resource, ANNOTATIONS, desired);
  },
};

function canaryCount(resource: Resource): number {
  if (!resource.document.hasIn(CANARY)) return 0;
  if (!isSeqAt(resource, CANARY))
    throw pathError(
      resource,
      CANARY,
      `${describeResource(resource)}: spec.canary is not a list`,
      "make spec.canary a list of {trafficPercent, predictor} entries, or remove it",
    );
  const count = (resource.document.getIn(CANARY) as { items: unknown[] }).items.length;
  if (count > 1) {
    throw new UserError(`${describeResource(resource)} has ${count} canaries; modelship manages one`, {
      file: resource.manifest.file,
      pointer: "/spec/canary",
      hint: "remove the extra spec.canary entries, or manage this resource by hand",
    });
  }
  return count;
}

/** `v0-0-2`: a DNS label KServe can use as a Deployment suffix, never the stable predictor's name. */
function canaryName(resource: Resource, version: string, uri: string): string {
  const base = (version ? `v${version}` : `canary-${uri.length}`)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 40)
    .replace(/-+$/, "");
  return readString(resource, [...PREDICTOR, "name"]) === base ? `${base}-canary` : base;
}

/**
 * The container name of a predictor's model that names none: KServe's own default
 * (`constants.InferenceServiceContainerName`, pkg/constants/constants.go, v0.20.0).
 */
const MODEL_CONTAINER = "kserve-container";

/**
 * The canary's model: the stable model's container name, format and runtime, the new URI. The
 * name is required there: the CRD's `spec.canary[].predictor.model` lists `name` (a container's)
 * as required, while the stable predictor's model does not, so a canary without one is refused.
 */
function canaryModel(resource: Resource, uri: string): Record<string, unknown> {
  const fields = plainAt(resource, MODEL) as Record<string, unknown>;
  const model: Record<string, unknown> = {
    name: typeof fields["name"] === "string" ? fields["name"] : MODEL_CONTAINER,
    modelFormat: fields["modelFormat"] ?? { name: "onnx" },
  };
  for (const key of ["runtime", "protocolVersion"]) if (fields[key] !== undefined) model[key] = fields[key];
  model["storageUri"] = uri;
  return model;
}
