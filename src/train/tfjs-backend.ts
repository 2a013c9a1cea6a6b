/**
 * Loads TensorFlow.js for the built-in trainer. The native bindings (`@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node`) are much faster but optional (they need a prebuilt libtensorflow, which
 * an optional dependency downloads where it can), so they are tried first; then the
 * WASM backend, then the pure-JS CPU backend, which always works.
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import type * as TfModule from "@tensorflow/tfjs";

export type Tf = typeof TfModule;

export interface LoadedTf {
  tf: Tf;
  /** The active backend's name, e.g. "tensorflow" or "cpu". */
  backend: string;
  /** The npm package that provided it, for the run record. */
  package: string;
}

let loaded: Promise<LoadedTf> | undefined;

async function load(): Promise<LoadedTf> {
  // The CUDA build first (a GPU runner that installed it), then the CPU build.
  for (const nodeSpecifier of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
    try {
      // A variable specifier keeps TypeScript from requiring the optional package's types.
      const tf = (await import(nodeSpecifier)) as Tf;
      await tf.ready();
      return { tf, backend: tf.getBackend(), package: nodeSpecifier };
    } catch {
      // Not installed, or no libtensorflow for this platform: try the next.
    }
  }
  const tf = await import("@tensorflow/tfjs");
  // PROD silences TF.js's console banner urging tfjs-node; the trainer logs that advice itself.
  tf.env().set("PROD", true);
  if (await useWasm(tf)) return { tf, backend: "wasm", package: "@tensorflow/tfjs-backend-wasm" };
  await tf.setBackend("cpu");
  await tf.ready();
  return { tf, backend: tf.getBackend(), package: "@tensorflow/tfjs" };
}

/**
 * Switches to the WASM backend (XNNPACK), the default fallback because it is faster than the pure-JS
 * CPU backend: on the Adult example (4,000 rows, 52 inputs, batch 256, 2 cores) an epoch took
 * 48 / 42 / 46 ms against 99 / 117 / 245 ms for [16, 8] / [32, 16] / [64, 32] MLPs.
 * False when it cannot start, so CPU takes over.
 */
async function useWasm(tf: Tf): Promise<boolean> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // The .wasm binaries ship in the package's dist folder; Node cannot fetch them by URL.
    const packageJson = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json");
    wasm.setWasmPaths(`${join(dirname(packageJson), "dist")}${sep}`);
    if (!(await tf.setBackend("wasm"))) return false;
    await tf.ready();
    return tf.getBackend() === "wasm";
  } catch {
    return false;
  }
}

/** TensorFlow.js with the fastest backend available (loaded once per process). */
export function loadTf(): Promise<LoadedTf> {
  loaded ??= load();
  return loaded;
}
