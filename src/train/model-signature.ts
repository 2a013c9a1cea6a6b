/**
 * Loads a model in onnxruntime-node to prove it is a model (not just a file called model.onnx) and
 * reads its input/output signature for the run record and the model manifest.
 */
import { stat } from "node:fs/promises";
import { errnoCode, UserError } from "../common/errors.ts";
import { emptyModelProblem, onnxLoadProblem } from "../common/onnx-load-error.ts";
import { loadOnnxRuntime } from "../common/onnx-runtime.ts";

export interface SignatureValue {
  name: string;
  type: string;
  shape?: (number | string)[];
}

export interface ModelSignature {
  inputs: SignatureValue[];
  outputs: SignatureValue[];
}

interface ValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

function describe(value: ValueMetadata): SignatureValue {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described: SignatureValue = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== undefined) described.shape = value.shape.map((dim) => (typeof dim === "number" && dim < 0 ? "?" : dim));
  return described;
}

const EXPORT_HINT = "export the model with torch.onnx.export, tf2onnx or skl2onnx (opset ≤ 21), and check it with onnx.checker";

/**
 * Loads `path` in onnxruntime and returns its signature; a model that does not load is a UserError.
 * `shown` is the name messages give the file (say "$MODELSHIP_OUTPUT_DIR/model.onnx" for one in a staging folder).
 */
export async function readModelSignature(path: string, shown = path): Promise<ModelSignature> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError("is a folder, not a model file", { file: shown, hint: "give the .onnx file itself" });
    size = info.size;
  } catch (error) {
    if (errnoCode(error) !== "ENOENT") throw error;
    throw new UserError("model file not found", { file: shown, hint: "train first (modelship train) or give the model's path" });
  }
  const empty = emptyModelProblem(size);
  if (empty !== undefined) throw new UserError(empty, { file: shown, hint: EXPORT_HINT });
  // Loaded on demand: the native runtime is installed beside the bundle by the composite actions.
  const ort = await loadOnnxRuntime();
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new UserError(`is not an ONNX model onnxruntime can load: ${onnxLoadProblem(error)}`, { file: shown, hint: EXPORT_HINT });
  }
  try {
    return {
      inputs: session.inputMetadata.map((value) => describe(value as ValueMetadata)),
      outputs: session.outputMetadata.map((value) => describe(value as ValueMetadata)),
    };
  } finally {
    await session.release();
  }
}
