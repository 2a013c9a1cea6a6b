/**
 * Loads a model in onnxruntime-node to prove it is a model (not just a file called model.onnx) and
 * reads its input/output signature for the run record and the model manifest.
 */
import { UserError } from "../common/errors.ts";

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

/** Loads `path` in onnxruntime and returns its signature; a model that does not load is a UserError. */
export async function readModelSignature(path: string): Promise<ModelSignature> {
  // Loaded on demand: the native runtime is installed beside the bundle by the composite actions.
  const ort = await import("onnxruntime-node");
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new UserError(`is not a model onnxruntime can load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, {
      file: path,
      hint: "export the model with torch.onnx.export, tf2onnx or skl2onnx (opset ≤ 21), and check it with onnx.checker",
    });
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
