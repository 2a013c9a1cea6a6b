/**
 * What onnxruntime says when a model does not load, in words a user can act on: without the path it
 * repeats, the C++ source file and line, and the constructor signature its native messages start with.
 */
import { getErrorMessage } from "./errors.ts";

/** onnxruntime's reason a model does not load, cleaned of native-build detail ("Protobuf parsing failed."). */
export function onnxLoadProblem(error: unknown): string {
  const first = getErrorMessage(error).split("\n")[0] ?? "";
  const cleaned = first
    // "Load model from /path/model.onnx failed:" names a path the message already starts with.
    .replace(/^Load model from .*? failed:\s*/, "")
    // "/onnxruntime_src/onnxruntime/core/graph/model.cc:187 onnxruntime::Model::Model(…) " is where in onnxruntime, not what.
    .replace(/\S*onnxruntime_src\/\S+:\d+\s+(?:[\w:~<>]+\(.*?\)\s+)?/g, "")
    .trim();
  return cleaned === "" ? "onnxruntime could not load it" : cleaned;
}

/** The problem with a model file of `bytes` bytes that is too short to be a model, or undefined. */
export function emptyModelProblem(bytes: number): string | undefined {
  return bytes === 0 ? "is empty (0 bytes), not an ONNX model" : undefined;
}
