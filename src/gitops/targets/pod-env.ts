/**
 * The model URI as an env var of a pod template (`spec.template.spec.containers[c].env[e].value`),
 * shared by the targets that roll out a workload (Argo Rollouts `Rollout`, a Flagger-managed
 * `Deployment`): only a pod-template change makes their controllers start a new revision.
 */
import { UserError } from "../../common/errors.ts";
import type { TargetSpec } from "./target-types.ts";
import { describeResource, pathError, plainAt, readString, type Resource, type YamlPath } from "./yaml-edit.ts";

const CONTAINERS: YamlPath = ["spec", "template", "spec", "containers"];

/** The env var that holds the model URI when the target does not name one. */
const DEFAULT_ENV = "MODEL_URI";

/** Path of the model URI: `spec.template.spec.containers[c].env[e].value` (throws a UserError naming what is there). */
export function modelEnvPath(resource: Resource, target: TargetSpec): YamlPath {
  const containers = plainAt(resource, CONTAINERS);
  const list = Array.isArray(containers) ? (containers as { name?: unknown; env?: unknown }[]) : [];
  if (list.length === 0)
    throw pathError(
      resource,
      CONTAINERS,
      `${describeResource(resource)} has no containers in spec.template.spec.containers`,
      "add the serving container to the pod template",
    );
  const c = target.container === undefined ? 0 : list.findIndex((container) => container.name === target.container);
  if (c < 0) {
    throw pathError(
      resource,
      CONTAINERS,
      `${describeResource(resource)} has no container "${target.container}"`,
      `set the target's container to one of: ${list.map((container) => String(container.name)).join(", ")}`,
    );
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

/** Path of the container that holds the model URI, `spec.template.spec.containers[c]`: the one that serves the model. */
export function modelContainerPath(resource: Resource, target: TargetSpec): YamlPath {
  return modelEnvPath(resource, target).slice(0, CONTAINERS.length + 1);
}

/** The model URI the env var holds (throws when it has no plain value). */
export function readModelEnv(resource: Resource, target: TargetSpec): string {
  const path = modelEnvPath(resource, target);
  const uri = readString(resource, path);
  if (uri === undefined)
    throw pathError(
      resource,
      path,
      `${describeResource(resource)}: env ${target.env ?? DEFAULT_ENV} has no value`,
      "set the env var's value to the release asset URL (valueFrom is not supported)",
    );
  return uri;
}
