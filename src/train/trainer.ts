/**
 * The built-in trainer: a linear model or a small MLP trained with TensorFlow.js on a
 * `TabularData`, returned as a `TrainedModel` (model-spec.ts) for the ONNX exporter.
 *
 * The training loop is our own rather than `model.fit`: TF.js's seeded dropout draws the same mask
 * on every step, and its shuffle and initialisers fall back to Math.random, so a run would not be
 * reproducible. Here every random draw (initial weights, split, shuffles, dropout masks) comes
 * from one seeded PRNG, and the backends' float arithmetic is deterministic on one machine, so the
 * same seed gives the same weights bit for bit there.
 */
import type { Scalar, Tensor, Tensor2D } from "@tensorflow/tfjs";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { Activation, DenseLayer, TrainedModel } from "./model-spec.ts";
import type { TabularData } from "./tabular-data.ts";
import { loadTf, type Tf } from "./tfjs-backend.ts";
import { mulberry32, shuffleInPlace, streamSeed } from "../common/seeded-random.ts";

export interface ModelOptions {
  kind: "linear" | "mlp";
  /** Hidden layer widths for an MLP; default [32, 16]. */
  layers?: number[];
  /** Hidden activation; default relu. */
  activation?: "relu" | "tanh";
  /** Dropout rate after each hidden layer, 0 ≤ rate < 1; default 0. */
  dropout?: number;
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
  /** Mean training loss over the epoch's batches (with dropout). */
  loss: number;
  val_loss?: number;
  accuracy?: number;
  val_accuracy?: number;
}

export interface TrainResult {
  model: TrainedModel;
  history: EpochRecord[];
  /** Epoch whose weights the model holds (1-based). */
  bestEpoch: number;
  backend: string;
  package: string;
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
function architecture(options: TrainOptions): { inputs: number; units: number; activation: Activation }[] {
  const { data, model } = options;
  const hidden = model.kind === "mlp" ? (model.layers ?? DEFAULT_HIDDEN) : [];
  const outputs = data.task === "multiclass" ? data.classes!.length : 1;
  const last: Activation = data.task === "binary" ? "sigmoid" : data.task === "multiclass" ? "softmax" : "linear";
  const widths = [data.width, ...hidden, outputs];
  return widths
    .slice(1)
    .map((units, index) => ({ inputs: widths[index]!, units, activation: index === hidden.length ? last : (model.activation ?? "relu") }));
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

/** Glorot-uniform weights from a seeded PRNG: U(±√(6 / (fan_in + fan_out))). */
function glorotUniform(inputs: number, units: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const limit = Math.sqrt(6 / (inputs + units));
  const weights = new Float32Array(inputs * units);
  for (let i = 0; i < weights.length; i++) weights[i] = (random() * 2 - 1) * limit;
  return weights;
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

/** Trains the model and returns it as plain data with the per-epoch history. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  checkOptions(options);
  const { data, logger, seed } = options;
  const { tf, backend, package: packageName } = await loadTf();
  // Info, not debug: on a GPU runner this line is how a user sees whether the GPU is used at all.
  logger.info(
    `TensorFlow.js backend: ${backend} (${packageName})${backend === "tensorflow" ? "" : "; installing @tensorflow/tfjs-node trains faster"}`,
  );
  const shapes = architecture(options);
  const oneHot = data.task === "multiclass" ? data.classes!.length : undefined;
  const dropout = options.model.kind === "mlp" ? (options.model.dropout ?? 0) : 0;

  // Split: a seeded permutation, the tail held out (unless a validation file was given). At least one training row stays.
  const order = shuffleInPlace(
    Int32Array.from({ length: data.rows }, (_, i) => i),
    mulberry32(streamSeed(seed, 1)),
  );
  const validationRows = options.validation ? 0 : Math.min(Math.floor(data.rows * options.validationSplit), data.rows - 1);
  const trainRows = order.slice(0, data.rows - validationRows);
  const validation = options.validation
    ? { data: options.validation, rows: Int32Array.from({ length: options.validation.rows }, (_, i) => i) }
    : validationRows > 0
      ? { data, rows: order.slice(data.rows - validationRows) }
      : undefined;
  if (trainRows.length === 0)
    throw new UserError(`${data.path} has no rows with a target to train on`, { file: data.path, hint: "check the target column" });
  if (validation?.rows.length === 0)
    throw new UserError(`the validation file ${validation.data.path} has no rows with a target`, {
      file: validation.data.path,
      hint: "check the target column, or leave data.valid out to split the training data",
    });

  const kernels = shapes.map((shape, l) =>
    tf.variable(
      tf.tensor2d(glorotUniform(shape.inputs, shape.units, streamSeed(seed, 100 + l)), [shape.inputs, shape.units]),
      true,
      `dense_${l}/kernel`,
    ),
  );
  const biases = shapes.map((shape, l) => tf.variable(tf.zeros([shape.units]), true, `dense_${l}/bias`));
  const params: Params = { kernels, biases, activations: shapes.map((shape) => shape.activation) };
  const optimizer = tf.train.adam(options.learningRate);
  const shuffleRandom = mulberry32(streamSeed(seed, 2));
  const dropoutRandom = mulberry32(streamSeed(seed, 3));
  const lastActivation = shapes.at(-1)!.activation;

  const lossOf = (logits: Tensor2D, labels: Tensor2D): Tensor => {
    if (data.task === "binary") return tf.losses.sigmoidCrossEntropy(labels, logits);
    if (data.task === "multiclass") return tf.losses.softmaxCrossEntropy(labels, logits);
    return tf.losses.meanSquaredError(labels, logits);
  };
  /** Loss and accuracy of the current weights on some rows, without dropout. */
  const evaluate = (source: TabularData, rows: Int32Array): { loss: number; accuracy?: number } =>
    tf.tidy(() => {
      const target = targetRows(source.y, rows, oneHot);
      const labels = tf.tensor2d(target.values, [rows.length, target.width]);
      const logits = forwardLogits(tf, params, tf.tensor2d(gatherRows(source.x, source.width, rows), [rows.length, source.width]));
      const loss = lossOf(logits, labels).dataSync()[0]!;
      if (data.task === "regression") return { loss };
      const predicted = data.task === "binary" ? tf.greater(logits, 0).reshape([-1]) : tf.argMax(outputOf(tf, logits, lastActivation), 1);
      const truth = data.task === "binary" ? tf.greater(labels, 0.5).reshape([-1]) : tf.argMax(labels, 1);
      return { loss, accuracy: tf.mean(tf.cast(tf.equal(predicted, truth), "float32")).dataSync()[0]! };
    });

  const history: EpochRecord[] = [];
  let best: { loss: number; epoch: number; weights: Float32Array[]; biases: Float32Array[] } | undefined;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      shuffleInPlace(trainRows, shuffleRandom);
      let lossSum = 0;
      for (let start = 0; start < trainRows.length; start += options.batchSize) {
        const rows = trainRows.subarray(start, Math.min(start + options.batchSize, trainRows.length));
        const cost = tf.tidy(() => {
          const xb = tf.tensor2d(gatherRows(data.x, data.width, rows), [rows.length, data.width]);
          const target = targetRows(data.y, rows, oneHot);
          const yb = tf.tensor2d(target.values, [rows.length, target.width]);
          // Inverted dropout on hidden layers: keep with probability 1 − rate, scale by 1 / (1 − rate).
          const masks =
            dropout > 0
              ? shapes.slice(0, -1).map((shape) => {
                  const mask = new Float32Array(rows.length * shape.units);
                  for (let i = 0; i < mask.length; i++) mask[i] = dropoutRandom() >= dropout ? 1 / (1 - dropout) : 0;
                  return tf.tensor2d(mask, [rows.length, shape.units]);
                })
              : undefined;
          return optimizer.minimize(() => lossOf(forwardLogits(tf, params, xb, masks), yb) as Scalar, true, [...kernels, ...biases])!;
        });
        lossSum += cost.dataSync()[0]! * rows.length;
        cost.dispose();
        options.onProgress?.({ epoch, epochs: options.epochs, rows: start + rows.length, totalRows: trainRows.length });
      }
      const record: EpochRecord = { epoch, loss: lossSum / trainRows.length };
      if (!Number.isFinite(record.loss)) {
        throw new UserError(`loss became NaN at epoch ${epoch}; lower learning_rate (now ${options.learningRate})`, {
          hint: "try a learning_rate 10× smaller, fewer or narrower layers, or check the features for extreme values",
        });
      }
      const trainScore = evaluate(data, trainRows);
      if (trainScore.accuracy !== undefined) record.accuracy = trainScore.accuracy;
      if (validation) {
        const score = evaluate(validation.data, validation.rows);
        record.val_loss = score.loss;
        if (score.accuracy !== undefined) record.val_accuracy = score.accuracy;
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
          best = {
            loss: monitored,
            epoch,
            weights: kernels.map((kernel) => kernel.dataSync().slice() as Float32Array),
            biases: biases.map((bias) => bias.dataSync().slice() as Float32Array),
          };
        } else if (epoch - best.epoch >= stopping.patience) {
          logger.info(
            `early stopping after epoch ${epoch}: no better ${stopping.monitor === "loss" || record.val_loss === undefined ? "loss" : "val_loss"} since epoch ${best.epoch}; keeping its weights`,
          );
          break;
        }
      }
    }
    const layers: DenseLayer[] = shapes.map((shape, l) => ({
      inputs: shape.inputs,
      units: shape.units,
      // A variable's data is row-major in its shape [inputs, units], exactly DenseLayer's layout.
      weights: best ? best.weights[l]! : (kernels[l]!.dataSync().slice() as Float32Array),
      bias: best ? best.biases[l]! : (biases[l]!.dataSync().slice() as Float32Array),
      activation: shape.activation,
    }));
    const model: TrainedModel = { task: data.task, target: data.target, features: data.features, layers };
    if (data.classes) model.classes = data.classes;
    return {
      model,
      history,
      bestEpoch: best?.epoch ?? history.length,
      backend,
      package: packageName,
      rows: { train: trainRows.length, valid: validation?.rows.length ?? 0 },
    };
  } finally {
    optimizer.dispose();
    for (const variable of [...kernels, ...biases]) variable.dispose();
  }
}
