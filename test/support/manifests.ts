/**
 * GitOps fixtures for tests: the example app of examples/gitops-repo (which serves 0.0.1 at U1), the
 * models a promotion rolls out, the state lines modelship records in a manifest, and the rollout
 * state `readState` reads back from a file at each stage.
 */
import { readFileSync } from "node:fs";
import type { DeployedModel, ModelRef, RolloutState } from "../../src/gitops/targets/target-dispatch.ts";

/** The example app's folder, examples/gitops-repo/apps/adult-income/. */
const EXAMPLE_APP = new URL("../../examples/gitops-repo/apps/adult-income/", import.meta.url);

/** The text of the example app's file `name` (inferenceservice.yaml, rollout.yaml, values.yaml…). */
export function exampleManifest(name: string): string {
  return readFileSync(new URL(name, EXAMPLE_APP), "utf8");
}

/** The model URI every manifest of the example app holds but the InferenceService: 0.0.1's model.onnx. */
export const U1 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.1/model.onnx";
/** 0.0.2's release asset. */
export const U2 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.2/model.onnx";
/** 0.0.3's release asset. */
export const U3 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.3/model.onnx";
/**
 * 0.0.1's Triton model repository archive: what the example InferenceService holds, since its
 * runtime (kserve-tritonserver) loads a model repository, not one file.
 */
export const T1 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.1/triton-model-repository.tar.gz";
/** 0.0.2's Triton model repository archive. */
export const T2 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.2/triton-model-repository.tar.gz";
/** 0.0.3's Triton model repository archive. */
export const T3 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.3/triton-model-repository.tar.gz";
/** 0.0.2's package digest. */
export const D2 = "sha256:2222";

/** The model the example app serves, as a file records it before modelship wrote a digest. */
export const V1: DeployedModel = { version: "0.0.1", uri: U1 };
/** The same model as the example InferenceService records it: its Triton archive. */
export const V1_TRITON: DeployedModel = { version: "0.0.1", uri: T1 };
/** The model a canary tries: a release with model.onnx and a Triton model repository. */
export const V2: ModelRef = {
  name: "adult-income",
  version: "0.0.2",
  uri: U2,
  digest: D2,
  servingUris: { "onnx-file": U2, "triton-model-repository": T2 },
};
/** A later model. */
export const V3: ModelRef = {
  name: "adult-income",
  version: "0.0.3",
  uri: U3,
  digest: "sha256:3333",
  servingUris: { "onnx-file": U3, "triton-model-repository": T3 },
};
/** V2 or V3 as a resource whose runtime loads a Triton model repository records it. */
export function asTriton(model: ModelRef): ModelRef {
  return { ...model, uri: model.servingUris!["triton-model-repository"]! };
}

/** `model` as a file records it: version, URI and, when known, digest. */
function deployed(model: DeployedModel): DeployedModel {
  const { version, uri, digest } = model;
  return digest === undefined ? { version, uri } : { version, uri, digest };
}

/** The lines modelship writes to record `model` as the `role` model, each at `indent`. */
export function recordLines(indent: string, role: "stable" | "canary", model: DeployedModel): string[] {
  const lines = [`${indent}modelship.dev/${role}-version: ${model.version}`, `${indent}modelship.dev/${role}-uri: ${model.uri}`];
  if (model.digest !== undefined) lines.push(`${indent}modelship.dev/${role}-digest: ${model.digest}`);
  return lines;
}

/** The state of a file where `stable` (default V1, the example's) serves alone. */
export function stableState(stable: DeployedModel = V1): RolloutState {
  return { stable: deployed(stable) };
}

/** The state of a file where `canary` (default V2) runs at `weight` beside `stable` (default the example's V1). */
export function canaryState(weight: number, canary: DeployedModel = V2, stable: DeployedModel = V1): RolloutState {
  return { stable: deployed(stable), canary: { ...deployed(canary), weight } };
}
