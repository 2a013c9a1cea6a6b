/**
 * The built-in trainer's `tfjs` backend (trainer.ts imports this file only when it is chosen), and
 * TensorFlow.js itself. The native bindings (`@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node`) are much faster but optional (they need a prebuilt libtensorflow, which
 * an optional dependency downloads where it can), so they are tried first; then the
 * WASM backend, then the pure-JS CPU backend, which always works.
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import type * as TfModule from "@tensorflow/tfjs";
import type { Scalar, Tensor, Tensor2D } from "@tensorflow/tfjs";
import type { Activation, TrainedModel } from "./model-spec.ts";
import type { EngineSetup, TrainEngine } from "./train-engine.ts";

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

interface Params {
  kernels: Tensor2D[];
  biases: Tensor[];
  activations: Activation[];
}

/**
 * The network's output before the final sigmoid/softmax (logits; values for regression), so the
 * losses can use their numerically stable from-logits forms. `dropoutMasks[l]` scales layer l's output.
 */
function forwardLogits(tf: Tf, params: Params, x: Tensor2D, dropoutMasks?: Tensor2D[]): Tensor2D {
  let h = x;
  for (const [l, kernel] of params.kernels.entries()) {
    h = tf.add(tf.matMul(h, kernel), params.biases[l]!);
    const activation = params.activations[l]!;
    if (activation === "relu") h = tf.relu(h);
    else if (activation === "tanh") h = tf.tanh(h);
    const mask = dropoutMasks?.[l];
    if (mask) h = tf.mul(h, mask);
  }
  return h;
}

/** Applies the output activation to logits. */
function outputOf(tf: Tf, logits: Tensor2D, activation: Activation): Tensor2D {
  if (activation === "sigmoid") return tf.sigmoid(logits);
  if (activation === "softmax") return tf.softmax(logits);
  return logits;
}

/** Runs a TrainedModel with TF.js on row-major features; returns row-major outputs (probabilities or values). */
export function predictWithTf(tf: Tf, model: TrainedModel, x: Float32Array): Float32Array {
  return tf.tidy(() => {
    const params: Params = {
      kernels: model.layers.map((layer) => tf.tensor2d(layer.weights, [layer.inputs, layer.units])),
      biases: model.layers.map((layer) => tf.tensor1d(layer.bias)),
      activations: model.layers.map((layer) => layer.activation),
    };
    const inputs = model.layers[0]!.inputs;
    const logits = forwardLogits(tf, params, tf.tensor2d(x, [x.length / inputs, inputs]));
    return outputOf(tf, logits, model.layers.at(-1)!.activation).dataSync() as Float32Array;
  });
}

/** Copies the listed rows of a row-major matrix into a new one. */
function gatherRows(source: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(source.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}

/** Targets as the loss wants them: [n, 1] for binary and regression, one-hot [n, classes] for multiclass. */
function targetRows(y: Float32Array, rows: ArrayLike<number>, classes: number | undefined): { values: Float32Array; width: number } {
  const width = classes ?? 1;
  const values = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const value = y[rows[i]!]!;
    if (classes === undefined) values[i] = value;
    else values[i * width + value] = 1;
  }
  return { values, width };
}

/** Rows whose predicted class (logit > 0, or the first largest logit) is the label's. */
function countCorrect(tf: Tf, task: "binary" | "multiclass", logits: Tensor2D, labels: Tensor2D): number {
  return tf.tidy(() => {
    const predicted = task === "binary" ? tf.greater(logits, 0).reshape([-1]) : tf.argMax(logits, 1);
    const truth = task === "binary" ? tf.greater(labels, 0.5).reshape([-1]) : tf.argMax(labels, 1);
    return tf.sum(tf.cast(tf.equal(predicted, truth), "int32")).dataSync()[0]!;
  });
}

/**
 * The `tfjs` backend: the trainer's loop (trainer.ts) with TF.js tensors and its Adam (ε 1e-7).
 * Deterministic on one machine and backend; not bit-identical to modelship-js (float32 arithmetic).
 */
export async function tfjsEngine(setup: EngineSetup): Promise<TrainEngine> {
  const { tf, backend, package: packageName } = await loadTf();
  const { shapes, data, trainRows, validRows } = setup;
  const oneHot = data.task === "multiclass" ? data.classes!.length : undefined;
  const kernels = shapes.map((shape, l) =>
    tf.variable(tf.tensor2d(setup.initialWeights[l]!, [shape.inputs, shape.units]), true, `dense_${l}/kernel`),
  );
  const biases = shapes.map((shape, l) => tf.variable(tf.zeros([shape.units]), true, `dense_${l}/bias`));
  const params: Params = { kernels, biases, activations: shapes.map((shape) => shape.activation) };
  const optimizer = tf.train.adam(setup.learningRate);
  const hidden = shapes.slice(0, -1);
  const maskWidth = hidden.reduce((sum, shape) => sum + shape.units, 0);
  const masks = new Float32Array(Math.max(1, setup.batchSize * maskWidth));
  const lossOf = (logits: Tensor2D, labels: Tensor2D): Tensor => {
    if (data.task === "binary") return tf.losses.sigmoidCrossEntropy(labels, logits);
    if (data.task === "multiclass") return tf.losses.softmaxCrossEntropy(labels, logits);
    return tf.losses.meanSquaredError(labels, logits);
  };
  return {
    name: backend,
    package: packageName,
    masks,
    trainRows,
    step(offset, length, masked) {
      const rows = trainRows.subarray(offset, offset + length);
      let logits: Tensor2D | undefined;
      let labels: Tensor2D | undefined;
      const cost = tf.tidy(() => {
        const xb = tf.tensor2d(gatherRows(data.x, data.width, rows), [length, data.width]);
        const target = targetRows(data.y, rows, oneHot);
        const yb = tf.keep(tf.tensor2d(target.values, [length, target.width]));
        labels = yb;
        let at = 0;
        const layerMasks = masked
          ? hidden.map((shape) => {
              const mask = new Float32Array(length * shape.units);
              for (let i = 0; i < length; i++)
                mask.set(masks.subarray(i * maskWidth + at, i * maskWidth + at + shape.units), i * shape.units);
              at += shape.units;
              return tf.tensor2d(mask, [length, shape.units]);
            })
          : undefined;
        return optimizer.minimize(
          () => {
            // Kept for the accuracy count: the same logits the step's loss came from.
            logits = tf.keep(forwardLogits(tf, params, xb, layerMasks));
            return lossOf(logits, yb) as Scalar;
          },
          true,
          [...kernels, ...biases],
        )!;
      });
      const loss = cost.dataSync()[0]! * length;
      cost.dispose();
      const correct = data.task === "regression" ? 0 : countCorrect(tf, data.task, logits!, labels!);
      logits?.dispose();
      labels?.dispose();
      return Promise.resolve({ loss, correct });
    },
    evaluate(dataset, rowset, length) {
      const source = dataset === 0 ? data : setup.validData;
      const rows = (rowset === 0 ? trainRows : validRows).subarray(0, length);
      return Promise.resolve(
        tf.tidy(() => {
          const target = targetRows(source.y, rows, oneHot);
          const labels = tf.tensor2d(target.values, [length, target.width]);
          const logits = forwardLogits(tf, params, tf.tensor2d(gatherRows(source.x, source.width, rows), [length, source.width]));
          const loss = lossOf(logits, labels).dataSync()[0]! * length;
          return { loss, correct: data.task === "regression" ? 0 : countCorrect(tf, data.task, logits, labels) };
        }),
      );
    },
    snapshot: () => ({
      // A variable's data is row-major in its shape [inputs, units], exactly DenseLayer's layout.
      weights: kernels.map((kernel) => kernel.dataSync().slice() as Float32Array),
      biases: biases.map((bias) => bias.dataSync().slice() as Float32Array),
    }),
    close() {
      optimizer.dispose();
      for (const variable of [...kernels, ...biases]) variable.dispose();
      return Promise.resolve();
    },
  };
}
