/**
 * The built-in trainer: a linear model or a small MLP trained on a `TabularData`, returned as a
 * `TrainedModel` (model-spec.ts) for the ONNX exporter.
 *
 * Two backends run the same loop (this file: split, shuffles, dropout masks, epochs, early
 * stopping). The default, `modelship-js`, is our own fused forward/backward kernel over typed arrays
 * (mlp-kernel.ts) on worker threads (mlp-pool.ts): several times faster than TensorFlow.js here, and
 * bit-for-bit the same whatever the thread count. `tfjs` (tfjs-backend.ts, loaded only when chosen)
 * trains with TensorFlow.js, e.g. on a GPU through @tensorflow/tfjs-node-gpu.
 *
 * Every random draw (initial weights, split, shuffles, dropout masks) comes from one seeded PRNG,
 * so the same seed gives the same weights bit for bit.
 */
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { threadCount } from "../common/threads.ts";
import type { Activation, DenseLayer, TrainedModel } from "./model-spec.ts";
import { mlpLayout, type MlpLayout } from "./mlp-kernel.ts";
import { MlpPool } from "./mlp-pool.ts";
import type { TabularData } from "./tabular-data.ts";
import type { EngineSetup, LayerShape, TrainEngine } from "./train-engine.ts";
import { mulberry32, shuffleInPlace, streamSeed } from "../common/seeded-random.ts";

/** The training backends: ours (the default) and TensorFlow.js. */
export type TrainBackend = "modelship-js" | "tfjs";
export const TRAIN_BACKENDS: readonly TrainBackend[] = ["modelship-js", "tfjs"];

export interface ModelOptions {
  kind: "linear" | "mlp";
  /** Hidden layer widths for an MLP; default [32, 16]. */
  layers?: number[];
  /** Hidden activation; default relu. */
  activation?: "relu" | "tanh";
  /** Dropout rate after each hidden layer, 0 ≤ rate < 1; default 0. */
  dropout?: number;
  /** Which backend trains; default modelship-js. */
  backend?: TrainBackend;
}

export interface TrainOptions {
  data: TabularData;
  model: ModelOptions;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of rows held out for validation (0 for none); ignored when `validation` is given. */
  validationSplit: number;
  /** A separate validation file, encoded with `data`'s preprocessing (`loadTabular({ fitted })`). */
  validation?: TabularData;
  earlyStopping?: EarlyStopping;
  seed: number;
  logger: Logger;
  /** Worker threads for modelship-js; default `threadCount()` (MODELSHIP_THREADS, else every core). Results never depend on it. */
  threads?: number;
  /** Called after every epoch with its record. */
  onEpoch?: (record: EpochRecord) => void;
  /** Called after every batch: rows done of this epoch (for a progress bar). */
  onProgress?: (progress: { epoch: number; epochs: number; rows: number; totalRows: number }) => void;
}

/** Stop after `patience` epochs without a better monitored loss, and keep the best epoch's weights. */
export interface EarlyStopping {
  patience: number;
  /** A loss must beat the best by more than this to count as better; default 0. */
  minDelta?: number;
  /** Default val_loss, which falls back to loss when there is no validation data. */
  monitor?: "val_loss" | "loss";
}

export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches (with dropout), each by the weights before its step. */
  loss: number;
  val_loss?: number;
  /** Training accuracy, counted like `loss`: over the epoch's batches as they were trained. */
  accuracy?: number;
  val_accuracy?: number;
}

export interface TrainResult {
  model: TrainedModel;
  history: EpochRecord[];
  /** Epoch whose weights the model holds (1-based). */
  bestEpoch: number;
  /** e.g. "modelship-js", or TF.js's backend ("wasm", "tensorflow"). */
  backend: string;
  package: string;
  /** Threads that could train (modelship-js). */
  threads?: number;
  /** modelship-js: passes spread over the threads, and passes this thread ran alone (mlp-pool.ts's Scheduler). */
  passes?: { parallel: number; alone: number };
  /** Rows trained on and validated on. */
  rows: { train: number; valid: number };
}

const DEFAULT_HIDDEN = [32, 16];

/** A UserError for an option out of range. */
function invalid(problem: string, hint: string): UserError {
  return new UserError(problem, { hint });
}

function checkOptions(options: TrainOptions): void {
  const { model } = options;
  if (model.kind !== "linear" && model.kind !== "mlp")
    throw invalid(`unknown model kind ${JSON.stringify(model.kind)}`, 'use "linear" or "mlp"');
  if (model.backend !== undefined && !TRAIN_BACKENDS.includes(model.backend))
    throw invalid(
      `unknown training backend ${JSON.stringify(model.backend)}`,
      `use ${TRAIN_BACKENDS.map((name) => `"${name}"`).join(" or ")}`,
    );
  if (!Number.isInteger(options.epochs) || options.epochs < 1)
    throw invalid(`epochs must be a positive integer, not ${options.epochs}`, "set epochs to e.g. 20");
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
    throw invalid(`batch_size must be a positive integer, not ${options.batchSize}`, "set batch_size to e.g. 64");
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate))
    throw invalid(`learning_rate must be a positive number, not ${options.learningRate}`, "set learning_rate to e.g. 0.001");
  if (!(options.validationSplit >= 0 && options.validationSplit < 1))
    throw invalid(`validation_split must be in [0, 1), not ${options.validationSplit}`, "set validation_split to e.g. 0.2");
  const dropout = model.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1))
    throw invalid(`dropout must be in [0, 1), not ${dropout}`, "set dropout to e.g. 0.1, or leave it out");
  for (const width of model.layers ?? [])
    if (!Number.isInteger(width) || width < 1)
      throw invalid(`layer widths must be positive integers, not ${width}`, "e.g. layers: [32, 16]");
  const stopping = options.earlyStopping;
  if (stopping && (!Number.isInteger(stopping.patience) || stopping.patience < 1))
    throw invalid(`early stopping patience must be a positive integer, not ${stopping.patience}`, "e.g. patience: 3");
  if (stopping && !((stopping.minDelta ?? 0) >= 0))
    throw invalid(`early stopping min_delta must be ≥ 0, not ${stopping.minDelta}`, "e.g. min_delta: 0.001");
  const validation = options.validation;
  if (validation && (validation.width !== options.data.width || validation.task !== options.data.task)) {
    throw new Error(
      `validation data from ${validation.path} is not encoded like ${options.data.path}; load it with loadTabular({ fitted })`,
    );
  }
}

/** Layer shapes and activations for the options: hidden layers, then the task's output layer. */
function architecture(options: TrainOptions): LayerShape[] {
  const { data, model } = options;
  const hidden = model.kind === "mlp" ? (model.layers ?? DEFAULT_HIDDEN) : [];
  const outputs = data.task === "multiclass" ? data.classes!.length : 1;
  const last: Activation = data.task === "binary" ? "sigmoid" : data.task === "multiclass" ? "softmax" : "linear";
  const widths = [data.width, ...hidden, outputs];
  return widths
    .slice(1)
    .map((units, index) => ({ inputs: widths[index]!, units, activation: index === hidden.length ? last : (model.activation ?? "relu") }));
}

/** Glorot-uniform weights from a seeded PRNG: U(±√(6 / (fan_in + fan_out))). */
function glorotUniform(inputs: number, units: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const limit = Math.sqrt(6 / (inputs + units));
  const weights = new Float32Array(inputs * units);
  for (let i = 0; i < weights.length; i++) weights[i] = (random() * 2 - 1) * limit;
  return weights;
}

/** The layout the kernel uses for these shapes. */
export function layoutOf(shapes: readonly LayerShape[]): MlpLayout {
  const last = shapes.at(-1)!.activation;
  const hidden = shapes.length > 1 && shapes[0]!.activation === "tanh" ? "tanh" : "relu";
  return mlpLayout(
    [shapes[0]!.inputs, ...shapes.map((shape) => shape.units)],
    hidden,
    last === "sigmoid" ? "sigmoid" : last === "softmax" ? "softmax" : "mse",
  );
}

/** The default backend: the fused kernel on `threads` threads, Adam in float64 on this one. */
function modelshipEngine(setup: EngineSetup): TrainEngine {
  const { shapes } = setup;
  const layout = layoutOf(shapes);
  const pool = MlpPool.start({
    layout,
    datasets: [setup.data, setup.validData],
    rowsets: [setup.trainRows, setup.validRows],
    batchSize: setup.batchSize,
    threads: setup.threads ?? threadCount(),
    learningRate: setup.learningRate,
  });
  const { params } = pool.shared;
  for (const [l, weights] of setup.initialWeights.entries()) params.set(weights, layout.weightOffsets[l]);
  return {
    name: "modelship-js",
    package: "modelship",
    threads: pool.threads,
    masks: pool.shared.masks,
    trainRows: pool.shared.rowsets[0]!,
    passes: pool.passes,
    step: (offset, length, masked) => pool.step(0, 0, offset, length, masked),
    evaluate: (dataset, rowset, length) => pool.evaluate(dataset, rowset, 0, length),
    snapshot: () => ({
      weights: shapes.map((shape, l) =>
        Float32Array.from(params.subarray(layout.weightOffsets[l], layout.weightOffsets[l]! + shape.inputs * shape.units)),
      ),
      biases: shapes.map((shape, l) => Float32Array.from(params.subarray(layout.biasOffsets[l], layout.biasOffsets[l]! + shape.units))),
    }),
    close: () => pool.close(),
  };
}

/** Outputs (probabilities, or values for regression) of a TrainedModel on row-major features, in float64 then float32. */
export function predictRows(model: TrainedModel, x: Float32Array): Float32Array {
  const inputs = model.layers[0]!.inputs;
  const rows = x.length / inputs;
  const outputs = model.layers.at(-1)!.units;
  const result = new Float32Array(rows * outputs);
  let input = new Float64Array(inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) input[i] = x[r * inputs + i]!;
    let values = input;
    for (const layer of model.layers) {
      const out = new Float64Array(layer.units);
      out.set(layer.bias);
      for (let i = 0; i < layer.inputs; i++) {
        const a = values[i]!;
        if (a === 0) continue;
        for (let j = 0; j < layer.units; j++) out[j] = out[j]! + a * layer.weights[i * layer.units + j]!;
      }
      if (layer.activation === "relu") for (let j = 0; j < out.length; j++) out[j] = Math.max(0, out[j]!);
      else if (layer.activation === "tanh") for (let j = 0; j < out.length; j++) out[j] = Math.tanh(out[j]!);
      else if (layer.activation === "sigmoid") for (let j = 0; j < out.length; j++) out[j] = 1 / (1 + Math.exp(-out[j]!));
      else if (layer.activation === "softmax") {
        let max = -Infinity;
        for (const v of out) max = Math.max(max, v);
        let total = 0;
        for (let j = 0; j < out.length; j++) {
          out[j] = Math.exp(out[j]! - max);
          total += out[j]!;
        }
        for (let j = 0; j < out.length; j++) out[j] = out[j]! / total;
      }
      values = out;
    }
    result.set(values, r * outputs);
    input = new Float64Array(inputs);
  }
  return result;
}

/** Trains the model and returns it as plain data with the per-epoch history. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  checkOptions(options);
  const { data, logger, seed } = options;
  const shapes = architecture(options);
  const dropout = options.model.kind === "mlp" ? (options.model.dropout ?? 0) : 0;

  // Split: a seeded permutation, the tail held out (unless a validation file was given). At least one training row stays.
  const order = shuffleInPlace(
    Int32Array.from({ length: data.rows }, (_, i) => i),
    mulberry32(streamSeed(seed, 1)),
  );
  const validationCount = options.validation ? 0 : Math.min(Math.floor(data.rows * options.validationSplit), data.rows - 1);
  const trainRows = order.slice(0, data.rows - validationCount);
  const validRows = options.validation
    ? Int32Array.from({ length: options.validation.rows }, (_, i) => i)
    : order.slice(data.rows - validationCount);
  const hasValidation = options.validation !== undefined || validationCount > 0;
  if (trainRows.length === 0)
    throw new UserError(`${data.path} has no rows with a target to train on`, { file: data.path, hint: "check the target column" });
  if (options.validation && validRows.length === 0)
    throw new UserError(`the validation file ${options.validation.path} has no rows with a target`, {
      file: options.validation.path,
      hint: "check the target column, or leave data.valid out to split the training data",
    });

  const setup: EngineSetup = {
    shapes,
    initialWeights: shapes.map((shape, l) => glorotUniform(shape.inputs, shape.units, streamSeed(seed, 100 + l))),
    data,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    trainRows,
    validRows,
    validData: options.validation ?? data,
  };
  const engine = options.model.backend === "tfjs" ? await (await import("./tfjs-backend.ts")).tfjsEngine(setup) : modelshipEngine(setup);
  // Info, not debug: on a GPU runner this line is how a user sees whether the GPU is used at all.
  logger.info(
    engine.name === "modelship-js"
      ? `training backend: modelship-js (${engine.threads} thread${engine.threads === 1 ? "" : "s"}; MODELSHIP_THREADS sets it)`
      : `training backend: TensorFlow.js ${engine.name} (${engine.package})${engine.name === "tensorflow" ? "" : "; installing @tensorflow/tfjs-node trains faster"}`,
  );
  const shuffleRandom = mulberry32(streamSeed(seed, 2));
  const dropoutRandom = mulberry32(streamSeed(seed, 3));
  const maskWidth = shapes.slice(0, -1).reduce((sum, shape) => sum + shape.units, 0);
  const classification = data.task !== "regression";

  const history: EpochRecord[] = [];
  let best: { loss: number; epoch: number; weights: Float32Array[]; biases: Float32Array[] } | undefined;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      shuffleInPlace(engine.trainRows, shuffleRandom);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < trainRows.length; start += options.batchSize) {
        const length = Math.min(options.batchSize, trainRows.length - start);
        // Inverted dropout on hidden layers: keep with probability 1 − rate, scale by 1 / (1 − rate).
        if (dropout > 0) {
          const masks = engine.masks;
          const keep = 1 / (1 - dropout);
          for (let i = 0; i < length * maskWidth; i++) masks[i] = dropoutRandom() >= dropout ? keep : 0;
        }
        const batch = await engine.step(start, length, dropout > 0);
        lossSum += batch.loss;
        correct += batch.correct;
        options.onProgress?.({ epoch, epochs: options.epochs, rows: start + length, totalRows: trainRows.length });
      }
      const record: EpochRecord = { epoch, loss: lossSum / trainRows.length };
      // The model is exported in float32: a loss beyond its range is as lost as NaN (float64 would carry on).
      if (!Number.isFinite(Math.fround(record.loss))) {
        const what = Number.isNaN(record.loss) ? "NaN" : "too large for float32";
        throw new UserError(`loss became ${what} at epoch ${epoch}; lower learning_rate (now ${options.learningRate})`, {
          hint: "try a learning_rate 10× smaller, fewer or narrower layers, or check the features for extreme values",
        });
      }
      // As Keras reports it: accuracy over the epoch's batches as they were trained, like the loss,
      // rather than a second pass over the training rows (that pass cost a quarter of the epoch).
      if (classification) record.accuracy = correct / trainRows.length;
      if (hasValidation) {
        const score = await engine.evaluate(options.validation ? 1 : 0, 1, validRows.length);
        record.val_loss = score.loss / validRows.length;
        if (classification) record.val_accuracy = score.correct / validRows.length;
      }
      history.push(record);
      const seconds = (performance.now() - started) / 1000;
      const metrics = Object.entries(record)
        .filter(([key]) => key !== "epoch")
        .map(([key, value]) => `${key} ${(value as number).toFixed(4)}`)
        .join(", ");
      logger.info(`epoch ${epoch}/${options.epochs}: ${metrics} (${seconds.toFixed(2)} s)`);
      options.onEpoch?.(record);

      const stopping = options.earlyStopping;
      const monitored = stopping?.monitor === "loss" ? record.loss : (record.val_loss ?? record.loss);
      if (stopping) {
        if (best === undefined || monitored < best.loss - (stopping.minDelta ?? 0)) {
          best = { loss: monitored, epoch, ...engine.snapshot() };
        } else if (epoch - best.epoch >= stopping.patience) {
          logger.info(
            `early stopping after epoch ${epoch}: no better ${stopping.monitor === "loss" || record.val_loss === undefined ? "loss" : "val_loss"} since epoch ${best.epoch}; keeping its weights`,
          );
          break;
        }
      }
    }
    const final = best ?? engine.snapshot();
    const layers: DenseLayer[] = shapes.map((shape, l) => ({
      inputs: shape.inputs,
      units: shape.units,
      weights: final.weights[l]!,
      bias: final.biases[l]!,
      activation: shape.activation,
    }));
    const model: TrainedModel = { task: data.task, target: data.target, features: data.features, layers };
    if (data.classes) model.classes = data.classes;
    return {
      model,
      history,
      bestEpoch: best?.epoch ?? history.length,
      backend: engine.name,
      package: engine.package,
      ...(engine.threads === undefined ? {} : { threads: engine.threads }),
      ...(engine.passes === undefined ? {} : { passes: { ...engine.passes } }),
      rows: { train: trainRows.length, valid: validRows.length },
    };
  } finally {
    await engine.close();
  }
}
