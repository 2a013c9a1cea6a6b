/**
 * What the two KServe InferenceService targets (kserve-standard, kserve-knative) and the manifest
 * checks share: the deployment-mode annotation and its values, finding the InferenceService a
 * target means.
 */
import { ANNOTATIONS } from "./rollout-state.ts";
import type { ServingNeed, TargetSpec } from "./target-types.ts";
import {
  describeResource,
  findResource,
  pathError,
  readString,
  requireMapAt,
  type Manifest,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

/** The annotation that picks KServe's deployment mode. */
export const DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
/** Modes where KServe runs plain Deployments (canary via `spec.canary`). */
export const STANDARD_MODES: ReadonlySet<string> = new Set(["Standard", "RawDeployment"]);
/** Modes where KServe runs Knative services (canary via `canaryTrafficPercent`). */
export const KNATIVE_MODES: ReadonlySet<string> = new Set(["Knative", "Serverless"]);

/** The stable predictor's model. */
export const MODEL: YamlPath = ["spec", "predictor", "model"];

/**
 * KServe's Triton runtime. Of the ClusterServingRuntimes KServe installs (config/runtimes/
 * kustomization.yaml, the kserve-runtime-configs Helm chart), it is the only one whose
 * supportedModelFormats list onnx (with autoSelect), so it is also what KServe picks for
 * `modelFormat: onnx` when no runtime is pinned. It runs `tritonserver --model-store=/mnt/models`.
 */
export const TRITON_RUNTIME = "kserve-tritonserver";

/** Whether a predictor with this `runtime` (undefined: none pinned) is served by Triton from a model repository. */
export function servesTritonRepository(runtime: unknown): boolean {
  return runtime === undefined || runtime === TRITON_RUNTIME;
}

/**
 * What the predictor's runtime loads: kserve-tritonserver (pinned, or picked by KServe for onnx)
 * serves a Triton model repository, so it gets the release's archive, which KServe's storage
 * initializer unpacks into /mnt/models; a runtime of the cluster's own gets the ONNX file.
 */
export function kserveServing(resource: Resource): ServingNeed {
  const runtime = readString(resource, [...MODEL, "runtime"]);
  if (servesTritonRepository(runtime))
    return {
      layout: "triton-model-repository",
      runtime: runtime === undefined ? `the runtime KServe picks for onnx (${TRITON_RUNTIME})` : `runtime ${runtime}`,
    };
  return { layout: "onnx-file", runtime: `runtime ${runtime}` };
}

/**
 * The InferenceService the target names (or the only one), checked to be in a mode the target can
 * drive and to have a predictor model map. `wrongModes` are the modes where KServe ignores
 * `ignored`, the field the target canaries with; `hint` says what to do instead.
 */
export function locateInferenceService(
  manifest: Manifest,
  target: TargetSpec,
  options: { target: "kserve-standard" | "kserve-knative"; wrongModes: ReadonlySet<string>; ignored: string; hint: string },
): Resource {
  const resource = findResource(manifest, {
    kind: "InferenceService",
    group: "serving.kserve.io",
    name: target.name,
    target: options.target,
  });
  const mode = readString(resource, [...ANNOTATIONS, DEPLOYMENT_MODE]);
  if (mode !== undefined && options.wrongModes.has(mode)) {
    throw pathError(
      resource,
      [...ANNOTATIONS, DEPLOYMENT_MODE],
      `${describeResource(resource)} runs in ${mode} mode, where KServe ignores ${options.ignored}`,
      options.hint,
    );
  }
  requireMapAt(
    resource,
    MODEL,
    "give the predictor a model: {modelFormat: {name: onnx}, storageUri: ...} (the per-framework form such as predictor.onnx is not supported)",
  );
  return resource;
}
