/**
 * What onnxruntime tells about a model's inputs and outputs, and the runtime's types: shared by the
 * modules that bind the inputs and recognise the outputs, so all read the same metadata and write a
 * shape the same way in their messages.
 */
import type * as OrtModule from "onnxruntime-node";

/** The onnxruntime-node module, imported on demand (the native runtime is installed beside the bundle). */
export type Ort = typeof OrtModule;
/** One tensor onnxruntime takes or returns. */
export type OrtTensor = InstanceType<Ort["Tensor"]>;

/** One input or output as onnxruntime's session metadata describes it. */
export interface Meta {
  name: string;
  isTensor: boolean;
  type?: string;
  /** undefined when onnxruntime does not know the shape. */
  shape?: readonly (number | string)[];
}

/** The hint for a model modelship cannot evaluate as it was exported. */
export const EXPORT_HINT =
  "export the model with skl2onnx, torch.onnx.export or tf2onnx (opset ≤ 21) and check it with onnx.checker.check_model";

/** A shape as "[N, 3]" with "?" for a dynamic dimension ("[?]" when unknown), for messages. */
export function shapeText(meta: Meta): string {
  return meta.shape && meta.shape.length > 0
    ? `[${meta.shape.map((d) => (typeof d === "number" && d < 0 ? "?" : String(d))).join(", ")}]`
    : "[?]";
}
