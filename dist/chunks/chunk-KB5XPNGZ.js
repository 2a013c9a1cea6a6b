import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-26JFAWFB.js";

// src/train/model-signature.ts
function describe(value) {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== void 0) described.shape = value.shape.map((dim) => typeof dim === "number" && dim < 0 ? "?" : dim);
  return described;
}
async function readModelSignature(path) {
  const ort = await import("onnxruntime-node");
  let session;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new UserError(`is not a model onnxruntime can load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, {
      file: path,
      hint: "export the model with torch.onnx.export, tf2onnx or skl2onnx (opset \u2264 21), and check it with onnx.checker"
    });
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
