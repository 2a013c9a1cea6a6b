/**
 * Schema checks for core Kubernetes kinds (npm kubernetes-models, Kubernetes 1.3x API). Custom
 * resources (Argo Rollouts too) are checked against their upstream CRDs instead (upstream-crds.ts).
 * Each class carries a precompiled ajv validator; `validate()` throws an error whose `errors` are
 * ajv ErrorObjects with instance paths from the document root.
 *
 * Only the classes named here are imported, so the bundle carries only their validators.
 */
import type { ErrorObject } from "ajv";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: never): { validate(): void };
}

// Each class brings its precompiled validator (and those of the types it holds), so the list is
// what a model's app folder holds: the pod template kinds and their small
// companions. HorizontalPodAutoscaler (+80 KB), StatefulSet (+55 KB) and Ingress (+35 KB) are
// left out for bundle size; documents of those kinds are skipped and listed as skipped.
const MODELS: ModelClass[] = [Deployment, Service, ConfigMap, Secret, ServiceAccount, PodDisruptionBudget];
const BY_TYPE = new Map(MODELS.map((model) => [`${model.apiVersion} ${model.kind}`, model]));

/** Where the schema of `apiVersion`/`kind` comes from, for hints; undefined when no model knows it. */
export function modelSource(apiVersion: string, kind: string): string | undefined {
  const model = BY_TYPE.get(`${apiVersion} ${kind}`);
  if (model === undefined) return undefined;
  return `the Kubernetes ${apiVersion} ${kind} API`;
}

/** The ajv errors of `data` against its kind's schema (empty when valid); undefined for an unknown kind. */
export function validateWithModel(apiVersion: string, kind: string, data: Record<string, unknown>): ErrorObject[] | undefined {
  const Model = BY_TYPE.get(`${apiVersion} ${kind}`);
  if (Model === undefined) return undefined;
  try {
    new Model(data as never).validate();
    return [];
  } catch (error) {
    // A validation failure carries ajv's errors; anything else is a bug and goes up.
    if (error instanceof Error && "errors" in error && Array.isArray(error.errors)) return error.errors as ErrorObject[];
    throw error;
  }
}
