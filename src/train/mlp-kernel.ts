/**
 * The built-in trainer's arithmetic: a fused forward and backward pass of a small dense network
 * over typed arrays, and Adam. No tensors, no allocation per row. The trainer runs the pass with its
 * hot loops in WebAssembly SIMD (mlp-wasm.ts), a chunk of rows through each layer at a time; the plain
 * JavaScript loops here, one row at a time, are the readable reference both are tested against.
 *
 * Two things make it fast on tabular data. The first layer reads its input as sparse rows (the
 * one-hot columns of a categorical feature are mostly zeros), so its forward pass and weight gradient
 * touch only the nonzero inputs; scikit-learn's dense matrix products cannot skip them. Later layers
 * skip the zeros relu and dropout leave. Both change no result: a skipped term adds exactly 0.
 *
 * Determinism: every sum runs in a fixed order (rows in batch order, inputs in column order), in
 * float64, over parameters kept in float64, with no fused multiply-add; the same inputs give the same
 * bits on any machine (IEEE 754 is all JavaScript and WebAssembly know). Threads (mlp-pool.ts) change
 * nothing: each computes the gradient of fixed shards of the batch, and the shards are summed in
 * shard order.
 */

import type { KernelOps } from "./mlp-wasm.ts";

export type HiddenActivation = "relu" | "tanh";
/** The output layer's loss, on logits: sigmoid cross-entropy, softmax cross-entropy, or squared error. */
export type OutputLoss = "sigmoid" | "softmax" | "mse";

/** Shapes and where each layer's weights and bias sit in the one flat parameter vector. */
export interface MlpLayout {
  /** [inputs, hidden…, outputs]. */
  widths: number[];
  hidden: HiddenActivation;
  loss: OutputLoss;
  /** Per layer: offset of its row-major [inputs][units] weights. */
  weightOffsets: number[];
  /** Per layer: offset of its bias. */
  biasOffsets: number[];
  /** Parameter count. */
  size: number;
  /** Per hidden layer: offset of its units in one row's dropout masks (row-major [rows][Σ hidden]). */
  maskOffsets: number[];
  /** Σ hidden widths: the dropout mask values per row. */
  maskWidth: number;
}

export function mlpLayout(widths: readonly number[], hidden: HiddenActivation, loss: OutputLoss): MlpLayout {
  const weightOffsets: number[] = [];
  const biasOffsets: number[] = [];
  let size = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    weightOffsets.push(size);
    size += widths[l]! * widths[l + 1]!;
    biasOffsets.push(size);
    size += widths[l + 1]!;
  }
  const maskOffsets: number[] = [];
  let maskWidth = 0;
  for (let l = 1; l + 1 < widths.length; l++) {
    maskOffsets.push(maskWidth);
    maskWidth += widths[l]!;
  }
  return { widths: [...widths], hidden, loss, weightOffsets, biasOffsets, size, maskOffsets, maskWidth };
}

/** A row-major matrix as compressed sparse rows: row r's nonzeros are `columns`/`values` [starts[r], starts[r + 1]). */
export interface SparseRows {
  starts: Int32Array;
  columns: Int32Array;
  values: Float32Array;
}

/**
 * Typed arrays carved one after another out of one buffer (the kernel's WebAssembly memory, or a
 * SharedArrayBuffer), 16-byte aligned for SIMD loads. `Arena.bytes` sizes the buffer beforehand.
 */
export class Arena {
  readonly buffer: ArrayBufferLike;
  private at = 0;

  constructor(buffer: ArrayBufferLike = new SharedArrayBuffer(0)) {
    this.buffer = buffer;
  }

  /** A fresh shared buffer of `bytes` (for callers without a kernel memory, e.g. tests). */
  static shared(bytes: number): Arena {
    return new Arena(new SharedArrayBuffer(bytes));
  }

  /** Bytes an allocation of `length` elements of `size` bytes takes, alignment included. */
  static bytes(length: number, size: number): number {
    return Math.ceil((length * size) / 16) * 16;
  }

  private take(length: number, size: number): number {
    const at = this.at;
    this.at += Arena.bytes(length, size);
    if (this.at > this.buffer.byteLength) throw new Error(`kernel memory too small: ${this.at} > ${this.buffer.byteLength} bytes`);
    return at;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(length, 8), length);
  }
  f32(length: number): Float32Array {
    return new Float32Array(this.buffer, this.take(length, 4), length);
  }
  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length, 4), length);
  }
}

/** Nonzero entries of a matrix. */
export function countNonzeros(x: Float32Array): number {
  let nonzeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nonzeros++;
  return nonzeros;
}

/** Bytes `toSparseRows` takes from an arena. */
export function sparseRowsBytes(rows: number, nonzeros: number): number {
  return Arena.bytes(rows + 1, 4) + Arena.bytes(nonzeros, 4) * 2;
}

/** The nonzeros of a row-major [rows][width] matrix (in an arena of its own by default). */
export function toSparseRows(
  x: Float32Array,
  rows: number,
  width: number,
  arena?: Arena,
  nonzeros = countNonzeros(x.subarray(0, rows * width)),
): SparseRows {
  const memory = arena ?? Arena.shared(sparseRowsBytes(rows, nonzeros));
  const starts = memory.i32(rows + 1);
  const columns = memory.i32(nonzeros);
  const values = memory.f32(nonzeros);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    starts[r] = at;
    const base = r * width;
    for (let c = 0; c < width; c++) {
      const value = x[base + c]!;
      if (value !== 0) {
        columns[at] = c;
        values[at] = value;
        at++;
      }
    }
  }
  starts[rows] = at;
  return { starts, columns, values };
}

/** Per-thread working memory: each layer's activations before dropout, the backward pass's deltas, masked inputs. */
export interface Scratch {
  /** act[l]: layer l's output after its activation (logits for the last), before dropout. */
  act: Float64Array[];
  /** delta[l]: ∂loss/∂(layer l's pre-activation) for the current row. */
  delta: Float64Array[];
  /** dropped[l]: act[l] times its dropout factors (hidden layers). */
  dropped: Float64Array[];
  /** Rows predicted right by the last pass (classification). */
  correct: number;
}

/** Bytes `makeScratch` takes from an arena. */
export function scratchBytes(layout: MlpLayout): number {
  return layout.widths.slice(1).reduce((sum, n) => sum + 3 * Arena.bytes(n * CHUNK_ROWS, 8), 0);
}

/** Scratch for CHUNK_ROWS rows (the JavaScript loops use the first row of each block). */
export function makeScratch(layout: MlpLayout, arena?: Arena): Scratch {
  const units = layout.widths.slice(1).map((n) => n * CHUNK_ROWS);
  const memory = arena ?? Arena.shared(scratchBytes(layout));
  return {
    act: units.map((n) => memory.f64(n)),
    delta: units.map((n) => memory.f64(n)),
    dropped: units.map((n) => memory.f64(n)),
    correct: 0,
  };
}

/** One pass over rows `rows[from..to)` of a data set. */
export interface RowPass {
  layout: MlpLayout;
  params: Float64Array;
  data: SparseRows;
  /** Binary: 0/1; multiclass: class index; regression: the value. */
  y: Float32Array;
  rows: Int32Array;
  from: number;
  to: number;
  /** Training: per-row gradients are ADDED here (unscaled: the caller divides the sum by the batch size). */
  grad?: Float64Array;
  /** Inverted-dropout factors, row-major [batch position][maskWidth]; position = index in `rows` − `maskBase`. */
  masks?: Float32Array;
  maskBase?: number;
  scratch: Scratch;
  /**
   * The WebAssembly loops (mlp-wasm.ts), when every array above lives in their memory; without
   * them the JavaScript loops here run (the same arithmetic, bar the order of a dot product's terms).
   */
  ops?: KernelOps;
}

/**
 * Forward (and, with `grad`, backward) over the rows; returns the summed loss, and leaves in
 * `scratch.correct` how many rows were classified right (logit > 0 or the first largest logit, as
 * TF.js's greater/argMax), by the logits this pass computed (with dropout when `masks` is given).
 */
export function runRows(pass: RowPass): number {
  if (pass.ops) return runRowsWasm(pass, pass.ops);
  const { layout, params, data, y, rows, grad, masks, scratch } = pass;
  const { widths, weightOffsets, biasOffsets, maskOffsets, maskWidth } = layout;
  const layers = widths.length - 1;
  const last = layers - 1;
  const tanh = layout.hidden === "tanh";
  const { act, delta } = scratch;
  const { starts, columns, values } = data;
  const maskBase = pass.maskBase ?? 0;
  let lossSum = 0;
  let correct = 0;
  for (let index = pass.from; index < pass.to; index++) {
    const row = rows[index]!;
    const maskRow = masks ? (index - maskBase) * maskWidth : 0;
    // Layer 0 from the sparse input: z[j] = b[j] + Σ_nonzero x[c] · W[c][j].
    {
      const units = widths[1]!;
      const z = act[0]!;
      const w0 = weightOffsets[0]!;
      const b0 = biasOffsets[0]!;
      for (let j = 0; j < units; j++) z[j] = params[b0 + j]!;
      for (let k = starts[row]!, end = starts[row + 1]!; k < end; k++) {
        const v = values[k]!;
        const base = w0 + columns[k]! * units;
        for (let j = 0; j < units; j++) z[j] = z[j]! + v * params[base + j]!;
      }
    }
    // Dense layers: the previous layer's output (after dropout) times the weights, skipping zeros.
    for (let l = 0; l < layers; l++) {
      const units = widths[l + 1]!;
      const z = act[l]!;
      if (l > 0) {
        const inputs = widths[l]!;
        const previous = act[l - 1]!;
        const w = weightOffsets[l]!;
        const b = biasOffsets[l]!;
        const maskAt = maskRow + (maskOffsets[l - 1] ?? 0);
        for (let j = 0; j < units; j++) z[j] = params[b + j]!;
        for (let i = 0; i < inputs; i++) {
          let a = previous[i]!;
          if (masks) a *= masks[maskAt + i]!;
          if (a === 0) continue;
          const base = w + i * units;
          for (let j = 0; j < units; j++) z[j] = z[j]! + a * params[base + j]!;
        }
      }
      if (l < last) {
        if (tanh) for (let j = 0; j < units; j++) z[j] = Math.tanh(z[j]!);
        else for (let j = 0; j < units; j++) if (!(z[j]! > 0)) z[j] = 0;
      }
    }

    // Loss on the logits, and ∂loss/∂logit into delta[last].
    lossSum += lossAndDelta(layout, act[last]!, delta[last]!, 0, y[row]!, scratch);
    correct += scratch.correct;
    if (!grad) continue;

    // Backward: weight gradients as outer products, deltas through the activations and dropout.
    for (let l = last; l >= 0; l--) {
      const units = widths[l + 1]!;
      const d = delta[l]!;
      const b = biasOffsets[l]!;
      for (let j = 0; j < units; j++) grad[b + j] = grad[b + j]! + d[j]!;
      const w = weightOffsets[l]!;
      if (l === 0) {
        for (let k = starts[row]!, end = starts[row + 1]!; k < end; k++) {
          const v = values[k]!;
          const base = w + columns[k]! * units;
          for (let j = 0; j < units; j++) grad[base + j] = grad[base + j]! + v * d[j]!;
        }
        break;
      }
      const inputs = widths[l]!;
      const previous = act[l - 1]!;
      const below = delta[l - 1]!;
      const maskAt = maskRow + (maskOffsets[l - 1] ?? 0);
      for (let i = 0; i < inputs; i++) {
        const h = previous[i]!;
        const m = masks ? masks[maskAt + i]! : 1;
        const a = h * m;
        // relu: the derivative is 0 where the unit was off; with dropout, where it was dropped.
        if (a === 0 && (!tanh || m === 0)) {
          below[i] = 0;
          continue;
        }
        const base = w + i * units;
        let sum = 0;
        for (let j = 0; j < units; j++) {
          sum += params[base + j]! * d[j]!;
          grad[base + j] = grad[base + j]! + a * d[j]!;
        }
        below[i] = tanh ? sum * m * (1 - h * h) : sum * m;
      }
    }
  }
  scratch.correct = correct;
  return lossSum;
}

/** Rows the WebAssembly path takes through each layer at a time (its scratch holds this many). */
export const CHUNK_ROWS = 64;

/**
 * runRows with the WebAssembly loops, a chunk of rows through each layer at a time (few calls, no
 * per-row glue): the same sums in the same row order as the JavaScript loops, bar a dot product's
 * term order. Activations other than relu, dropout and the loss stay here.
 */
function runRowsWasm(pass: RowPass, ops: KernelOps): number {
  const { layout, params, data, y, rows, grad, masks, scratch } = pass;
  const { widths, weightOffsets, biasOffsets, maskOffsets, maskWidth } = layout;
  const layers = widths.length - 1;
  const last = layers - 1;
  const outputs = widths[layers]!;
  const tanh = layout.hidden === "tanh";
  const { act, delta, dropped } = scratch;
  const paramsAt = params.byteOffset;
  const gradAt = grad ? grad.byteOffset : 0;
  const columnsAt = data.columns.byteOffset;
  const valuesAt = data.values.byteOffset;
  const startsAt = data.starts.byteOffset;
  const rowsAt = rows.byteOffset;
  // What layer l + 1 reads: the activations, after dropout when there is dropout.
  const inputOf = masks ? dropped : act;
  const maskBase = pass.maskBase ?? 0;
  let lossSum = 0;
  let correct = 0;
  for (let from = pass.from; from < pass.to; from += CHUNK_ROWS) {
    const to = Math.min(pass.to, from + CHUNK_ROWS);
    const n = to - from;
    ops.sparseForwardRows(
      act[0]!.byteOffset,
      paramsAt + weightOffsets[0]! * 8,
      paramsAt + biasOffsets[0]! * 8,
      widths[1]!,
      columnsAt,
      valuesAt,
      startsAt,
      rowsAt,
      from,
      to,
    );
    for (let l = 0; l < layers; l++) {
      const units = widths[l + 1]!;
      const z = act[l]!;
      if (l > 0)
        ops.denseForwardRows(
          z.byteOffset,
          inputOf[l - 1]!.byteOffset,
          paramsAt + weightOffsets[l]! * 8,
          paramsAt + biasOffsets[l]! * 8,
          widths[l]!,
          units,
          n,
        );
      if (l === last) break;
      if (tanh) for (let e = 0; e < n * units; e++) z[e] = Math.tanh(z[e]!);
      else ops.reluRows(z.byteOffset, n * units);
      if (masks) {
        const out = dropped[l]!;
        for (let r = 0; r < n; r++) {
          const at = (from + r - maskBase) * maskWidth + maskOffsets[l]!;
          for (let j = 0; j < units; j++) out[r * units + j] = z[r * units + j]! * masks[at + j]!;
        }
      }
    }
    const logits = act[last]!;
    const out = delta[last]!;
    for (let r = 0; r < n; r++) {
      lossSum += lossAndDelta(layout, logits, out, r * outputs, y[rows[from + r]!]!, scratch);
      correct += scratch.correct;
    }
    if (!grad) continue;
    for (let l = last; l >= 0; l--) {
      const units = widths[l + 1]!;
      const d = delta[l]!;
      ops.biasRows(gradAt + biasOffsets[l]! * 8, d.byteOffset, units, n);
      if (l === 0) {
        ops.sparseBackwardRows(gradAt + weightOffsets[0]! * 8, d.byteOffset, units, columnsAt, valuesAt, startsAt, rowsAt, from, to);
        break;
      }
      const inputs = widths[l]!;
      const below = delta[l - 1]!;
      ops.denseBackwardRows(
        gradAt + weightOffsets[l]! * 8,
        paramsAt + weightOffsets[l]! * 8,
        inputOf[l - 1]!.byteOffset,
        d.byteOffset,
        below.byteOffset,
        inputs,
        units,
        tanh ? 0 : 1,
        n,
      );
      // Through dropout and the activation: relu's derivative is 1 where the unit was on (denseBackwardRows left 0 where it was off).
      if (tanh || masks) {
        const h = act[l - 1]!;
        for (let r = 0; r < n; r++) {
          const at = (from + r - maskBase) * maskWidth + (maskOffsets[l - 1] ?? 0);
          for (let i = 0; i < inputs; i++) {
            const e = r * inputs + i;
            const m = masks ? masks[at + i]! : 1;
            below[e] = tanh ? below[e]! * m * (1 - h[e]! * h[e]!) : below[e]! * m;
          }
        }
      }
    }
  }
  scratch.correct = correct;
  return lossSum;
}

/**
 * The loss of one row from its logits at `logits[at…]`, ∂loss/∂logit into `out[at…]`, and whether
 * the prediction was right in scratch.correct (1 or 0).
 */
function lossAndDelta(layout: MlpLayout, logits: Float64Array, out: Float64Array, at: number, target: number, scratch: Scratch): number {
  const outputs = layout.widths[layout.widths.length - 1]!;
  if (layout.loss === "sigmoid") {
    const z = logits[at]!;
    out[at] = 1 / (1 + Math.exp(-z)) - target;
    scratch.correct = (z > 0 ? 1 : 0) === (target > 0.5 ? 1 : 0) ? 1 : 0;
    // max(z, 0) − z·y + log(1 + e^−|z|): the stable form TF.js's sigmoidCrossEntropy uses.
    return Math.max(z, 0) - z * target + Math.log1p(Math.exp(-Math.abs(z)));
  }
  if (layout.loss === "softmax") {
    let max = logits[at]!;
    let argmax = 0;
    for (let c = 1; c < outputs; c++)
      if (logits[at + c]! > max) {
        max = logits[at + c]!;
        argmax = c;
      }
    let total = 0;
    for (let c = 0; c < outputs; c++) {
      const e = Math.exp(logits[at + c]! - max);
      out[at + c] = e;
      total += e;
    }
    for (let c = 0; c < outputs; c++) out[at + c] = out[at + c]! / total - (c === target ? 1 : 0);
    scratch.correct = argmax === target ? 1 : 0;
    return max + Math.log(total) - logits[at + target]!;
  }
  scratch.correct = 0;
  const error = logits[at]! - target;
  out[at] = 2 * error;
  return error * error;
}

/** Adam (Kingma & Ba, Algorithm 1) with bias correction; ε = 1e-7 as TF.js's and Keras's default (scikit-learn's is 1e-8). */
export class Adam {
  readonly beta1 = 0.9;
  readonly beta2 = 0.999;
  readonly epsilon = 1e-7;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private beta1Power = 1;
  private beta2Power = 1;

  readonly learningRate: number;

  /** With an arena, the moments live there (for `stepShards`, whose loop reads them from kernel memory). */
  constructor(size: number, learningRate: number, arena?: Arena) {
    this.learningRate = learningRate;
    this.m = arena ? arena.f64(size) : new Float64Array(size);
    this.v = arena ? arena.f64(size) : new Float64Array(size);
  }

  /** Bytes the moments take from an arena. */
  static bytes(size: number): number {
    return 2 * Arena.bytes(size, 8);
  }

  /** The next step's bias corrections 1 − β1ᵗ and 1 − β2ᵗ. */
  private corrections(): [number, number] {
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
    return [1 - this.beta1Power, 1 - this.beta2Power];
  }

  /** θ ← θ − lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β1ᵗ) and v̂ = v / (1 − β2ᵗ). */
  step(params: Float64Array, grad: Float64Array): void {
    const { beta1, beta2, epsilon, learningRate, m, v } = this;
    const [c1, c2] = this.corrections();
    for (let p = 0; p < params.length; p++) {
      const g = grad[p]!;
      const mp = beta1 * m[p]! + (1 - beta1) * g;
      const vp = beta2 * v[p]! + (1 - beta2) * g * g;
      m[p] = mp;
      v[p] = vp;
      params[p] = params[p]! - (learningRate * (mp / c1)) / (Math.sqrt(vp / c2) + epsilon);
    }
  }

  /**
   * `step` with the mean of `shards` per-shard gradient sums (summed in shard order, divided by
   * `length`), in WebAssembly: the same operations in the same order, so the same bits. Every array
   * must live in the kernel memory (the moments too: construct with its arena).
   */
  stepShards(ops: KernelOps, params: Float64Array, grads: Float64Array, shards: number, length: number): void {
    const [c1, c2] = this.corrections();
    const { beta1, beta2 } = this;
    ops.adamStep(
      params.byteOffset,
      grads.byteOffset,
      this.m.byteOffset,
      this.v.byteOffset,
      params.length,
      shards,
      length,
      this.learningRate,
      c1,
      c2,
      beta1,
      beta2,
      1 - beta1,
      1 - beta2,
      this.epsilon,
    );
  }
}

/** Row `s` of `shards` equal parts of `length` rows: [from, to). Fixed by the length alone. */
export function shardRange(length: number, shards: number, s: number): [number, number] {
  return [Math.floor((s * length) / shards), Math.floor(((s + 1) * length) / shards)];
}
