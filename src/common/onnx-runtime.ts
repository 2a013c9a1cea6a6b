/**
 * The one way modelship loads onnxruntime-node: on demand (the composite actions install the native
 * runtime beside the bundle), with ONNX Runtime's telemetry off.
 *
 * Since 1.29 the official Linux and macOS builds send usage telemetry to Microsoft and write a
 * device id under ~/.cache and session files (`.ses`, `mat-debug-<pid>.log`) into TMPDIR. A model
 * pipeline on someone's CI runner should do neither unasked, and files left in TMPDIR break the
 * promise that a run leaves nothing behind. `ORT_DISABLE_TELEMETRY=1` is ONNX Runtime's own full
 * opt-out; it is read once, when the runtime initialises, so it is set before the first import. A
 * user who sets the variable themselves (to anything) keeps their choice.
 */
import type * as OrtModule from "onnxruntime-node";

export async function loadOnnxRuntime(): Promise<typeof OrtModule> {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  return import("onnxruntime-node");
}

/** The onnxruntime-node version the reports name. */
export async function onnxRuntimeVersion(): Promise<string> {
  const ort = await loadOnnxRuntime();
  return ort.env.versions.node ?? ort.env.versions.common ?? "unknown";
}
