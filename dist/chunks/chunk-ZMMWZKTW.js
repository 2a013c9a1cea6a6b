import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  emptyModelProblem,
  onnxLoadProblem
} from "./chunk-7MP7WTZ3.js";
import {
  loadOnnxRuntime
} from "./chunk-DBOFCCL4.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/train/model-signature.ts
import { stat } from "node:fs/promises";
function describe(value) {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== void 0) described.shape = value.shape.map((dim) => typeof dim === "number" && dim < 0 ? "?" : dim);
  return described;
}
var EXPORT_HINT = "export the model with torch.onnx.export, tf2onnx or skl2onnx (opset \u2264 21), and check it with onnx.checker";
async function readModelSignature(path, shown = path) {
  let size;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError("is a folder, not a model file", { file: shown, hint: "give the .onnx file itself" });
    size = info.size;
  } catch (error) {
    if (errnoCode(error) !== "ENOENT") throw error;
    throw new UserError("model file not found", { file: shown, hint: "train first (modelship train) or give the model's path" });
  }
  const empty = emptyModelProblem(size);
  if (empty !== void 0) throw new UserError(empty, { file: shown, hint: EXPORT_HINT });
  const ort = await loadOnnxRuntime();
  let session;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new UserError(`is not an ONNX model onnxruntime can load: ${onnxLoadProblem(error)}`, { file: shown, hint: EXPORT_HINT });
  }
  try {
    return {
      inputs: session.inputMetadata.map((value) => describe(value)),
      outputs: session.outputMetadata.map((value) => describe(value))
    };
  } finally {
    await session.release();
  }
}

export {
  readModelSignature
};
