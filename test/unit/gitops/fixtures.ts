/** Test fixtures: the models a promotion rolls out. */
import type { ModelRef } from "../../../src/gitops/targets/index.ts";

export const U1 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.1/model.onnx";
export const U2 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.2/model.onnx";
export const U3 = "https://github.com/OWNER/models/releases/download/adult-income%2Fv0.0.3/model.onnx";
export const D2 = "sha256:2222";

/** The model a canary tries. */
export const V2: ModelRef = { name: "adult-income", version: "0.0.2", uri: U2, digest: D2 };
/** A later model. */
export const V3: ModelRef = { name: "adult-income", version: "0.0.3", uri: U3, digest: "sha256:3333" };
