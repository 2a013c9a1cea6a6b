import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/onnx-runtime.ts
async function loadOnnxRuntime() {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  return import("onnxruntime-node");
}
async function onnxRuntimeVersion() {
  const ort = await loadOnnxRuntime();
  return ort.env.versions.node ?? ort.env.versions.common ?? "unknown";
}

export {
  loadOnnxRuntime,
  onnxRuntimeVersion
};
