import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  getErrorMessage
} from "./chunk-SU4BFKON.js";

// src/common/onnx-load-error.ts
function onnxLoadProblem(error) {
  const first = getErrorMessage(error).split("\n")[0] ?? "";
  const cleaned = first.replace(/^Load model from .*? failed:\s*/, "").replace(/\S*onnxruntime_src\/\S+:\d+\s+(?:[\w:~<>]+\(.*?\)\s+)?/g, "").trim();
  return cleaned === "" ? "onnxruntime could not load it" : cleaned;
}
function emptyModelProblem(bytes) {
  return bytes === 0 ? "is empty (0 bytes), not an ONNX model" : void 0;
}

export {
  onnxLoadProblem,
  emptyModelProblem
};
