/**
 * Image pull credentials in the pod specs a target edits. A model served from an OCI registry
 * (`oci://REGISTRY/REPO@sha256:…`, a KServe modelcar) is an image the kubelet pulls, so a private
 * registry needs the pod's `imagePullSecrets` (or a `serviceAccountName` whose account carries
 * them); KServe's storage-initializer secrets do not apply to `oci://`.
 *
 * An environment's `pull_secret` is added to every pod spec that runs the model, once: a name
 * already there is left alone, and the user's other secrets stay. Where the pod spec sits:
 * - kserve-standard, kserve-knative: `spec.predictor` (KServe's PredictorSpec inlines a PodSpec),
 *   and a Standard-mode canary's own `spec.canary[0].predictor`;
 * - argo-rollouts, flagger: the pod template, `spec.template.spec`;
 * - seldon-v2, yaml-path: refused (pullSecretKindProblem says why).
 * Only KServe pulls the model itself as an image (storageUri `oci://`); in a Rollout or Deployment
 * the model URI is an env var the server reads, so there the secret serves the pod's own images
 * (the server's, an image volume holding the model).
 */
import { isScalar, isSeq } from "yaml";
import type { TargetKind } from "./target-types.ts";
import { describeResource, formatPath, pathError, plainAt, type Resource, type YamlPath } from "./yaml-edit.ts";

/** The pod-spec field that lists image pull secrets. */
const PULL_SECRETS = "imagePullSecrets";
/** The pod-spec field that names the service account (which may carry pull secrets). */
const SERVICE_ACCOUNT = "serviceAccountName";

/** The pod spec of a workload's pod template (Argo Rollouts `Rollout`, `Deployment`). */
export const POD_TEMPLATE_SPEC: YamlPath = ["spec", "template", "spec"];

/** The kinds where an `oci://` model URI is an image the kubelet pulls (a KServe modelcar). */
export const IMAGE_PULLED_MODEL_KINDS: ReadonlySet<TargetKind> = new Set(["kserve-standard", "kserve-knative"]);

/** Why a target of this kind cannot take an environment's pull secret; undefined when it can. */
export function pullSecretKindProblem(kind: TargetKind): string | undefined {
  switch (kind) {
    case "seldon-v2":
      return "a Seldon Core v2 Model has no pod spec: the Server's agent downloads models with rclone (credentials in the Model's spec.secretName), and no pod pulls the model as an image, so an image pull secret does nothing there";
    case "yaml-path":
      return "modelship cannot tell where a yaml-path file's pod spec is (a Helm values file or a patch can put it anywhere)";
    default:
      return undefined;
  }
}

/** What to do instead when pullSecretKindProblem refuses a kind. */
export const PULL_SECRET_KIND_FIX =
  "remove pull_secret from this environment and give the pod its credentials where its spec is (imagePullSecrets or serviceAccountName in the chart, patch or Server podSpec, once: they do not change per model), or serve the model with a kserve-standard, kserve-knative, argo-rollouts or flagger target";

/**
 * Adds `{name}` to `imagePullSecrets` of the pod spec at `podSpec` unless an entry of that name is
 * there; creates the list when absent. Other entries, their order, style and comments stay.
 */
export function ensurePullSecret(resource: Resource, podSpec: YamlPath, name: string): void {
  const path = [...podSpec, PULL_SECRETS];
  const node = resource.document.getIn(path, true);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    resource.document.setIn(path, resource.document.createNode([{ name }]));
    return;
  }
  if (!isSeq(node))
    throw pathError(
      resource,
      path,
      `${describeResource(resource)}: ${formatPath(path)} is not a list`,
      `make it a list of secret references, e.g. ${PULL_SECRETS}: [{name: ${name}}]`,
    );
  const entries = plainAt(resource, path) as unknown[];
  if (entries.some((entry) => typeof entry === "object" && entry !== null && (entry as { name?: unknown }).name === name)) return;
  node.items.push(resource.document.createNode({ name }));
}

/** Whether the pod spec at `podSpec` names pull credentials: a non-empty `imagePullSecrets` or a `serviceAccountName`. */
export function hasPullCredentials(resource: Resource, podSpec: YamlPath): boolean {
  const secrets = plainAt(resource, [...podSpec, PULL_SECRETS]);
  const account = plainAt(resource, [...podSpec, SERVICE_ACCOUNT]);
  return (Array.isArray(secrets) && secrets.length > 0) || (typeof account === "string" && account !== "");
}

/** The pull credentials of a pod spec, to copy into another pod spec that runs the same kind of model (a canary's). */
export function pullCredentialsOf(resource: Resource, podSpec: YamlPath): Record<string, unknown> {
  const copied: Record<string, unknown> = {};
  for (const key of [SERVICE_ACCOUNT, PULL_SECRETS]) {
    const value = plainAt(resource, [...podSpec, key]);
    if (value !== undefined && value !== null) copied[key] = value;
  }
  return copied;
}
