import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/onnx-runtime.ts
async function loadOnnxRuntime() {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  return import("onnxruntime-node");
}

export {
  loadOnnxRuntime
};
