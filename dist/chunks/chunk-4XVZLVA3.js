import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  workerEntry
} from "./chunk-Q5UNJRR7.js";

// src/train/mlp-pool.ts
import { Worker } from "node:worker_threads";

// src/train/mlp-kernel.ts
function mlpLayout(widths, hidden, loss) {
  const weightOffsets = [];
  const biasOffsets = [];
  let size = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    weightOffsets.push(size);
    size += widths[l] * widths[l + 1];
    biasOffsets.push(size);
    size += widths[l + 1];
  }
  const maskOffsets = [];
  let maskWidth = 0;
  for (let l = 1; l + 1 < widths.length; l++) {
    maskOffsets.push(maskWidth);
    maskWidth += widths[l];
  }
  return { widths: [...widths], hidden, loss, weightOffsets, biasOffsets, size, maskOffsets, maskWidth };
}
var Arena = class _Arena {
  buffer;
  at = 0;
  constructor(buffer = new SharedArrayBuffer(0)) {
    this.buffer = buffer;
  }
  /** A fresh shared buffer of `bytes` (for callers without a kernel memory, e.g. tests). */
  static shared(bytes) {
    return new _Arena(new SharedArrayBuffer(bytes));
  }
  /** Bytes an allocation of `length` elements of `size` bytes takes, alignment included. */
  static bytes(length, size) {
    return Math.ceil(length * size / 16) * 16;
  }
  take(length, size) {
    const at = this.at;
    this.at += _Arena.bytes(length, size);
    if (this.at > this.buffer.byteLength) throw new Error(`kernel memory too small: ${this.at} > ${this.buffer.byteLength} bytes`);
    return at;
  }
  f64(length) {
    return new Float64Array(this.buffer, this.take(length, 8), length);
  }
  f32(length) {
    return new Float32Array(this.buffer, this.take(length, 4), length);
  }
  i32(length) {
    return new Int32Array(this.buffer, this.take(length, 4), length);
  }
};
function countNonzeros(x) {
  let nonzeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nonzeros++;
  return nonzeros;
}
function sparseRowsBytes(rows, nonzeros) {
  return Arena.bytes(rows + 1, 4) + Arena.bytes(nonzeros, 4) * 2;
}
function toSparseRows(x, rows, width, arena, nonzeros = countNonzeros(x.subarray(0, rows * width))) {
  const memory = arena ?? Arena.shared(sparseRowsBytes(rows, nonzeros));
  const starts = memory.i32(rows + 1);
  const columns = memory.i32(nonzeros);
  const values = memory.f32(nonzeros);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    starts[r] = at;
    const base = r * width;
    for (let c = 0; c < width; c++) {
      const value = x[base + c];
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
function scratchBytes(layout) {
  return layout.widths.slice(1).reduce((sum, n) => sum + 3 * Arena.bytes(n * CHUNK_ROWS, 8), 0);
}
function makeScratch(layout, arena) {
  const units = layout.widths.slice(1).map((n) => n * CHUNK_ROWS);
  const memory = arena ?? Arena.shared(scratchBytes(layout));
  return {
    act: units.map((n) => memory.f64(n)),
    delta: units.map((n) => memory.f64(n)),
    dropped: units.map((n) => memory.f64(n)),
    correct: 0
  };
}
function runRows(pass) {
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
    const row = rows[index];
    const maskRow = masks ? (index - maskBase) * maskWidth : 0;
    {
      const units = widths[1];
      const z = act[0];
      const w0 = weightOffsets[0];
      const b0 = biasOffsets[0];
      for (let j = 0; j < units; j++) z[j] = params[b0 + j];
      for (let k = starts[row], end = starts[row + 1]; k < end; k++) {
        const v = values[k];
        const base = w0 + columns[k] * units;
        for (let j = 0; j < units; j++) z[j] = z[j] + v * params[base + j];
      }
    }
    for (let l = 0; l < layers; l++) {
      const units = widths[l + 1];
      const z = act[l];
      if (l > 0) {
        const inputs = widths[l];
        const previous = act[l - 1];
        const w = weightOffsets[l];
        const b = biasOffsets[l];
        const maskAt = maskRow + (maskOffsets[l - 1] ?? 0);
        for (let j = 0; j < units; j++) z[j] = params[b + j];
        for (let i = 0; i < inputs; i++) {
          let a = previous[i];
          if (masks) a *= masks[maskAt + i];
          if (a === 0) continue;
          const base = w + i * units;
          for (let j = 0; j < units; j++) z[j] = z[j] + a * params[base + j];
        }
      }
      if (l < last) {
        if (tanh) for (let j = 0; j < units; j++) z[j] = Math.tanh(z[j]);
        else for (let j = 0; j < units; j++) if (!(z[j] > 0)) z[j] = 0;
      }
    }
    lossSum += lossAndDelta(layout, act[last], delta[last], 0, y[row], scratch);
    correct += scratch.correct;
    if (!grad) continue;
    for (let l = last; l >= 0; l--) {
      const units = widths[l + 1];
      const d = delta[l];
      const b = biasOffsets[l];
      for (let j = 0; j < units; j++) grad[b + j] = grad[b + j] + d[j];
      const w = weightOffsets[l];
      if (l === 0) {
        for (let k = starts[row], end = starts[row + 1]; k < end; k++) {
          const v = values[k];
          const base = w + columns[k] * units;
          for (let j = 0; j < units; j++) grad[base + j] = grad[base + j] + v * d[j];
        }
        break;
      }
      const inputs = widths[l];
      const previous = act[l - 1];
      const below = delta[l - 1];
      const maskAt = maskRow + (maskOffsets[l - 1] ?? 0);
      for (let i = 0; i < inputs; i++) {
        const h = previous[i];
        const m = masks ? masks[maskAt + i] : 1;
        const a = h * m;
        if (a === 0 && (!tanh || m === 0)) {
          below[i] = 0;
          continue;
        }
        const base = w + i * units;
        let sum = 0;
        for (let j = 0; j < units; j++) {
          sum += params[base + j] * d[j];
          grad[base + j] = grad[base + j] + a * d[j];
        }
        below[i] = tanh ? sum * m * (1 - h * h) : sum * m;
      }
    }
  }
  scratch.correct = correct;
  return lossSum;
}
var CHUNK_ROWS = 64;
function runRowsWasm(pass, ops) {
  const { layout, params, data, y, rows, grad, masks, scratch } = pass;
  const { widths, weightOffsets, biasOffsets, maskOffsets, maskWidth } = layout;
  const layers = widths.length - 1;
  const last = layers - 1;
  const outputs = widths[layers];
  const tanh = layout.hidden === "tanh";
  const { act, delta, dropped } = scratch;
  const paramsAt = params.byteOffset;
  const gradAt = grad ? grad.byteOffset : 0;
  const columnsAt = data.columns.byteOffset;
  const valuesAt = data.values.byteOffset;
  const startsAt = data.starts.byteOffset;
  const rowsAt = rows.byteOffset;
  const inputOf = masks ? dropped : act;
  const maskBase = pass.maskBase ?? 0;
  let lossSum = 0;
  let correct = 0;
  for (let from = pass.from; from < pass.to; from += CHUNK_ROWS) {
    const to = Math.min(pass.to, from + CHUNK_ROWS);
    const n = to - from;
    ops.sparseForwardRows(
      act[0].byteOffset,
      paramsAt + weightOffsets[0] * 8,
      paramsAt + biasOffsets[0] * 8,
      widths[1],
      columnsAt,
      valuesAt,
      startsAt,
      rowsAt,
      from,
      to
    );
    for (let l = 0; l < layers; l++) {
      const units = widths[l + 1];
      const z = act[l];
      if (l > 0)
        ops.denseForwardRows(
          z.byteOffset,
          inputOf[l - 1].byteOffset,
          paramsAt + weightOffsets[l] * 8,
          paramsAt + biasOffsets[l] * 8,
          widths[l],
          units,
          n
        );
      if (l === last) break;
      if (tanh) for (let e = 0; e < n * units; e++) z[e] = Math.tanh(z[e]);
      else ops.reluRows(z.byteOffset, n * units);
      if (masks) {
        const out2 = dropped[l];
        for (let r = 0; r < n; r++) {
          const at = (from + r - maskBase) * maskWidth + maskOffsets[l];
          for (let j = 0; j < units; j++) out2[r * units + j] = z[r * units + j] * masks[at + j];
        }
      }
    }
    const logits = act[last];
    const out = delta[last];
    for (let r = 0; r < n; r++) {
      lossSum += lossAndDelta(layout, logits, out, r * outputs, y[rows[from + r]], scratch);
      correct += scratch.correct;
    }
    if (!grad) continue;
    for (let l = last; l >= 0; l--) {
      const units = widths[l + 1];
      const d = delta[l];
      ops.biasRows(gradAt + biasOffsets[l] * 8, d.byteOffset, units, n);
      if (l === 0) {
        ops.sparseBackwardRows(gradAt + weightOffsets[0] * 8, d.byteOffset, units, columnsAt, valuesAt, startsAt, rowsAt, from, to);
        break;
      }
      const inputs = widths[l];
      const below = delta[l - 1];
      ops.denseBackwardRows(
        gradAt + weightOffsets[l] * 8,
        paramsAt + weightOffsets[l] * 8,
        inputOf[l - 1].byteOffset,
        d.byteOffset,
        below.byteOffset,
        inputs,
        units,
        tanh ? 0 : 1,
        n
      );
      if (tanh || masks) {
        const h = act[l - 1];
        for (let r = 0; r < n; r++) {
          const at = (from + r - maskBase) * maskWidth + (maskOffsets[l - 1] ?? 0);
          for (let i = 0; i < inputs; i++) {
            const e = r * inputs + i;
            const m = masks ? masks[at + i] : 1;
            below[e] = tanh ? below[e] * m * (1 - h[e] * h[e]) : below[e] * m;
          }
        }
      }
    }
  }
  scratch.correct = correct;
  return lossSum;
}
function lossAndDelta(layout, logits, out, at, target, scratch) {
  const outputs = layout.widths[layout.widths.length - 1];
  if (layout.loss === "sigmoid") {
    const z = logits[at];
    out[at] = 1 / (1 + Math.exp(-z)) - target;
    scratch.correct = (z > 0 ? 1 : 0) === (target > 0.5 ? 1 : 0) ? 1 : 0;
    return Math.max(z, 0) - z * target + Math.log1p(Math.exp(-Math.abs(z)));
  }
  if (layout.loss === "softmax") {
    let max = logits[at];
    let argmax = 0;
    for (let c = 1; c < outputs; c++)
      if (logits[at + c] > max) {
        max = logits[at + c];
        argmax = c;
      }
    let total = 0;
    for (let c = 0; c < outputs; c++) {
      const e = Math.exp(logits[at + c] - max);
      out[at + c] = e;
      total += e;
    }
    for (let c = 0; c < outputs; c++) out[at + c] = out[at + c] / total - (c === target ? 1 : 0);
    scratch.correct = argmax === target ? 1 : 0;
    return max + Math.log(total) - logits[at + target];
  }
  scratch.correct = 0;
  const error = logits[at] - target;
  out[at] = 2 * error;
  return error * error;
}
var Adam = class {
  beta1 = 0.9;
  beta2 = 0.999;
  epsilon = 1e-7;
  m;
  v;
  beta1Power = 1;
  beta2Power = 1;
  learningRate;
  /** With an arena, the moments live there (for `stepShards`, whose loop reads them from kernel memory). */
  constructor(size, learningRate, arena) {
    this.learningRate = learningRate;
    this.m = arena ? arena.f64(size) : new Float64Array(size);
    this.v = arena ? arena.f64(size) : new Float64Array(size);
  }
  /** Bytes the moments take from an arena. */
  static bytes(size) {
    return 2 * Arena.bytes(size, 8);
  }
  /** The next step's bias corrections 1 − β1ᵗ and 1 − β2ᵗ. */
  corrections() {
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
    return [1 - this.beta1Power, 1 - this.beta2Power];
  }
  /** θ ← θ − lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β1ᵗ) and v̂ = v / (1 − β2ᵗ). */
  step(params, grad) {
    const { beta1, beta2, epsilon, learningRate, m, v } = this;
    const [c1, c2] = this.corrections();
    for (let p = 0; p < params.length; p++) {
      const g = grad[p];
      const mp = beta1 * m[p] + (1 - beta1) * g;
      const vp = beta2 * v[p] + (1 - beta2) * g * g;
      m[p] = mp;
      v[p] = vp;
      params[p] = params[p] - learningRate * (mp / c1) / (Math.sqrt(vp / c2) + epsilon);
    }
  }
  /**
   * `step` with the mean of `shards` per-shard gradient sums (summed in shard order, divided by
   * `length`), in WebAssembly: the same operations in the same order, so the same bits. Every array
   * must live in the kernel memory (the moments too: construct with its arena).
   */
  stepShards(ops, params, grads, shards, length) {
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
      this.epsilon
    );
  }
};
function shardRange(length, shards, s) {
  return [Math.floor(s * length / shards), Math.floor((s + 1) * length / shards)];
}

// src/train/mlp-wasm.ts
var I32 = 127;
var F64 = 124;
var V128 = 123;
function uleb(value) {
  const out = [];
  do {
    let byte = value & 127;
    value >>>= 7;
    if (value !== 0) byte |= 128;
    out.push(byte);
  } while (value !== 0);
  return out;
}
function sleb(value) {
  const out = [];
  for (; ; ) {
    const byte = value & 127;
    value >>= 7;
    if (value === 0 && (byte & 64) === 0 || value === -1 && (byte & 64) !== 0) {
      out.push(byte);
      return out;
    }
    out.push(byte | 128);
  }
}
var vec = (items) => [...uleb(items.length), ...items.flat()];
var section = (id, body) => [id, ...uleb(body.length), ...body];
var name = (text) => vec([...Buffer.from(text, "utf8")].map((byte) => [byte]));
var op = {
  get: (local) => [32, ...uleb(local)],
  set: (local) => [33, ...uleb(local)],
  tee: (local) => [34, ...uleb(local)],
  i32: (value) => [65, ...sleb(value)],
  f64: (value) => [68, ...new Uint8Array(Float64Array.of(value).buffer)],
  add: [106],
  mul: [108],
  shl: [116],
  ltS: [72],
  geS: [78],
  eqz: [69],
  f64Add: [160],
  f64Mul: [162],
  f64Eq: [97],
  i32Load: (offset = 0) => [40, 2, ...uleb(offset)],
  f32Load: (offset = 0) => [42, 2, ...uleb(offset)],
  f64Load: (offset = 0) => [43, 3, ...uleb(offset)],
  f64Store: (offset = 0) => [57, 3, ...uleb(offset)],
  promote: [187],
  block: [2, 64],
  loop: [3, 64],
  if: [4, 64],
  else: [5],
  end: [11],
  br: (depth) => [12, ...uleb(depth)],
  brIf: (depth) => [13, ...uleb(depth)],
  v128Load: (offset = 0) => [253, ...uleb(0), 3, ...uleb(offset)],
  v128Store: (offset = 0) => [253, ...uleb(11), 3, ...uleb(offset)],
  splat: [253, ...uleb(20)],
  lane: (index) => [253, ...uleb(33), index],
  v64Add: [253, ...uleb(240)],
  v64Mul: [253, ...uleb(242)]
};
function axpy(y, a, x, n, va, [yp, xp, end]) {
  const pair = (offset) => [
    ...op.get(yp),
    ...op.get(yp),
    ...op.v128Load(offset),
    ...op.get(va),
    ...op.get(xp),
    ...op.v128Load(offset),
    ...op.v64Mul,
    ...op.v64Add,
    ...op.v128Store(offset)
  ];
  const advance = (bytes) => [
    ...op.get(yp),
    ...op.i32(bytes),
    ...op.add,
    ...op.set(yp),
    ...op.get(xp),
    ...op.i32(bytes),
    ...op.add,
    ...op.set(xp)
  ];
  return [
    ...op.get(a),
    ...op.splat,
    ...op.set(va),
    ...op.get(y),
    ...op.set(yp),
    ...op.get(x),
    ...op.set(xp),
    // end = y + (n rounded down to a multiple of 4) · 8
    ...op.get(y),
    ...op.get(n),
    ...op.i32(-4),
    ...[113],
    // i32.and
    ...op.i32(3),
    ...op.shl,
    ...op.add,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(yp),
    ...op.get(end),
    ...[79],
    // i32.ge_u
    ...op.brIf(1),
    ...pair(0),
    ...pair(16),
    ...advance(32),
    ...op.br(0),
    ...op.end,
    ...op.end,
    // end = y + n · 8: one more pair, then one more element, if left
    ...op.get(y),
    ...op.get(n),
    ...op.i32(3),
    ...op.shl,
    ...op.add,
    ...op.set(end),
    ...op.get(yp),
    ...op.i32(16),
    ...op.add,
    ...op.get(end),
    ...[77],
    // i32.le_u
    ...op.if,
    ...pair(0),
    ...advance(16),
    ...op.end,
    ...op.get(yp),
    ...op.get(end),
    ...[73],
    // i32.lt_u
    ...op.if,
    ...op.get(yp),
    ...op.get(yp),
    ...op.f64Load(),
    ...op.get(a),
    ...op.get(xp),
    ...op.f64Load(),
    ...op.f64Mul,
    ...op.f64Add,
    ...op.f64Store(),
    ...op.end
  ];
}
function copy(z, b, n, j) {
  const at = (base) => [...op.get(base), ...op.get(j), ...op.i32(3), ...op.shl, ...op.add];
  return [
    ...op.i32(0),
    ...op.set(j),
    ...op.block,
    ...op.loop,
    ...op.get(j),
    ...op.get(n),
    ...op.geS,
    ...op.brIf(1),
    ...at(z),
    ...at(b),
    ...op.f64Load(),
    ...op.f64Store(),
    ...op.get(j),
    ...op.i32(1),
    ...op.add,
    ...op.set(j),
    ...op.br(0),
    ...op.end,
    ...op.end
  ];
}
function forRange(k, from, k1, body) {
  return [
    ...from,
    ...op.set(k),
    ...op.block,
    ...op.loop,
    ...op.get(k),
    ...op.get(k1),
    ...op.geS,
    ...op.brIf(1),
    ...body,
    ...op.get(k),
    ...op.i32(1),
    ...op.add,
    ...op.set(k),
    ...op.br(0),
    ...op.end,
    ...op.end
  ];
}
var addr = (base, index, shift) => [...op.get(base), ...op.get(index), ...op.i32(shift), ...op.shl, ...op.add];
var rowOf = (target, base, index, from, width) => [
  ...op.get(base),
  ...op.get(index),
  ...from,
  ...[107],
  // i32.sub
  ...op.get(width),
  ...op.mul,
  ...op.i32(3),
  ...op.shl,
  ...op.add,
  ...op.set(target)
];
function sparseForwardRows() {
  const [Z, w, b, units, cols, vals, starts, rows, from, to] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [idx, row, k, k1, j, v, wrow, va, z] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const T = [19, 20, 21];
  const body = forRange(idx, op.get(from), to, [
    ...rowOf(z, Z, idx, op.get(from), units),
    ...addr(rows, idx, 2),
    ...op.i32Load(),
    ...op.set(row),
    ...addr(starts, row, 2),
    ...op.i32Load(4),
    ...op.set(k1),
    ...copy(z, b, units, j),
    ...forRange(k, [...addr(starts, row, 2), ...op.i32Load()], k1, [
      ...addr(vals, k, 2),
      ...op.f32Load(),
      ...op.promote,
      ...op.set(v),
      ...op.get(w),
      ...addr(cols, k, 2),
      ...op.i32Load(),
      ...op.get(units),
      ...op.mul,
      ...op.i32(3),
      ...op.shl,
      ...op.add,
      ...op.set(wrow),
      ...axpy(z, v, wrow, units, va, T)
    ])
  ]);
  return {
    name: "sparseForwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, F64, I32, V128, I32, I32, I32, I32],
    body
  };
}
function sparseBackwardRows() {
  const [G, D, units, cols, vals, starts, rows, from, to] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [idx, row, k, k1, v, grow, va, d] = [9, 10, 11, 12, 14, 15, 16, 17];
  const T = [18, 19, 20];
  const body = forRange(idx, op.get(from), to, [
    ...rowOf(d, D, idx, op.get(from), units),
    ...addr(rows, idx, 2),
    ...op.i32Load(),
    ...op.set(row),
    ...addr(starts, row, 2),
    ...op.i32Load(4),
    ...op.set(k1),
    ...forRange(k, [...addr(starts, row, 2), ...op.i32Load()], k1, [
      ...addr(vals, k, 2),
      ...op.f32Load(),
      ...op.promote,
      ...op.set(v),
      ...op.get(G),
      ...addr(cols, k, 2),
      ...op.i32Load(),
      ...op.get(units),
      ...op.mul,
      ...op.i32(3),
      ...op.shl,
      ...op.add,
      ...op.set(grow),
      ...axpy(grow, v, d, units, va, T)
    ])
  ]);
  return {
    name: "sparseBackwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, F64, I32, V128, I32, I32, I32, I32],
    body
  };
}
function denseForwardRows() {
  const [Z, A, w, b, inputs, units, n] = [0, 1, 2, 3, 4, 5, 6];
  const [r, i, j, v, wrow, va, z, a] = [7, 8, 9, 10, 11, 12, 13, 14];
  const T = [15, 16, 17];
  const body = forRange(r, op.i32(0), n, [
    ...rowOf(z, Z, r, op.i32(0), units),
    ...rowOf(a, A, r, op.i32(0), inputs),
    ...copy(z, b, units, j),
    ...forRange(i, op.i32(0), inputs, [
      ...addr(a, i, 3),
      ...op.f64Load(),
      ...op.tee(v),
      ...op.f64(0),
      ...op.f64Eq,
      ...op.eqz,
      ...op.if,
      ...op.get(w),
      ...op.get(i),
      ...op.get(units),
      ...op.mul,
      ...op.i32(3),
      ...op.shl,
      ...op.add,
      ...op.set(wrow),
      ...axpy(z, v, wrow, units, va, T),
      ...op.end
    ])
  ]);
  return {
    name: "denseForwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, F64, I32, V128, I32, I32, I32, I32, I32],
    body
  };
}
function denseBackwardRows() {
  const [G, W, A, D, Below, inputs, units, skip, n] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [r, i, v, wrow, va, acc, grow, sum, a, d, below, dp, end] = [9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  const belowAt = addr(below, i, 3);
  const perInput = forRange(i, op.i32(0), inputs, [
    ...addr(a, i, 3),
    ...op.f64Load(),
    ...op.tee(v),
    ...op.f64(0),
    ...op.f64Eq,
    ...op.get(skip),
    ...[113],
    // i32.and: skip this input
    ...op.if,
    ...belowAt,
    ...op.f64(0),
    ...op.f64Store(),
    ...op.else,
    // wrow = W + i · units · 8; grow = G + i · units · 8; acc = 0; va = splat(v)
    ...op.get(i),
    ...op.get(units),
    ...op.mul,
    ...op.i32(3),
    ...op.shl,
    ...op.tee(wrow),
    ...op.get(G),
    ...op.add,
    ...op.set(grow),
    ...op.get(wrow),
    ...op.get(W),
    ...op.add,
    ...op.set(wrow),
    ...op.f64(0),
    ...op.splat,
    ...op.set(acc),
    ...op.get(v),
    ...op.splat,
    ...op.set(va),
    // by pointer: dp = d; end = wrow + (units rounded down to even) · 8
    ...op.get(d),
    ...op.set(dp),
    ...op.get(wrow),
    ...op.get(units),
    ...op.i32(-2),
    ...[113],
    // i32.and
    ...op.i32(3),
    ...op.shl,
    ...op.add,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(wrow),
    ...op.get(end),
    ...[79],
    // i32.ge_u
    ...op.brIf(1),
    // acc += W[i][j..j+1] · d[j..j+1]; G[i][j..j+1] += va · d[j..j+1]
    ...op.get(acc),
    ...op.get(wrow),
    ...op.v128Load(),
    ...op.get(dp),
    ...op.v128Load(),
    ...op.v64Mul,
    ...op.v64Add,
    ...op.set(acc),
    ...op.get(grow),
    ...op.get(grow),
    ...op.v128Load(),
    ...op.get(va),
    ...op.get(dp),
    ...op.v128Load(),
    ...op.v64Mul,
    ...op.v64Add,
    ...op.v128Store(),
    ...op.get(wrow),
    ...op.i32(16),
    ...op.add,
    ...op.set(wrow),
    ...op.get(grow),
    ...op.i32(16),
    ...op.add,
    ...op.set(grow),
    ...op.get(dp),
    ...op.i32(16),
    ...op.add,
    ...op.set(dp),
    ...op.br(0),
    ...op.end,
    ...op.end,
    // sum = acc[0] + acc[1], then the odd unit, if any
    ...op.get(acc),
    ...op.lane(0),
    ...op.get(acc),
    ...op.lane(1),
    ...op.f64Add,
    ...op.set(sum),
    ...op.get(units),
    ...op.i32(1),
    ...[113],
    // i32.and
    ...op.if,
    ...op.get(sum),
    ...op.get(wrow),
    ...op.f64Load(),
    ...op.get(dp),
    ...op.f64Load(),
    ...op.f64Mul,
    ...op.f64Add,
    ...op.set(sum),
    ...op.get(grow),
    ...op.get(grow),
    ...op.f64Load(),
    ...op.get(v),
    ...op.get(dp),
    ...op.f64Load(),
    ...op.f64Mul,
    ...op.f64Add,
    ...op.f64Store(),
    ...op.end,
    ...belowAt,
    ...op.get(sum),
    ...op.f64Store(),
    ...op.end
  ]);
  const body = forRange(r, op.i32(0), n, [
    ...rowOf(a, A, r, op.i32(0), inputs),
    ...rowOf(d, D, r, op.i32(0), units),
    ...rowOf(below, Below, r, op.i32(0), inputs),
    ...perInput
  ]);
  return {
    name: "denseBackwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, F64, I32, V128, V128, I32, F64, I32, I32, I32, I32, I32],
    body
  };
}
function reluRows() {
  const [Z, count, e, z, zero, end] = [0, 1, 2, 3, 4, 5];
  const body = [
    ...op.f64(0),
    ...op.splat,
    ...op.set(zero),
    ...op.get(count),
    ...op.i32(-2),
    ...[113],
    // i32.and
    ...op.set(end),
    ...op.i32(0),
    ...op.set(e),
    ...op.block,
    ...op.loop,
    ...op.get(e),
    ...op.get(end),
    ...op.geS,
    ...op.brIf(1),
    ...addr(Z, e, 3),
    ...op.get(zero),
    ...addr(Z, e, 3),
    ...op.v128Load(),
    ...[253, ...uleb(247)],
    // f64x2.pmax
    ...op.v128Store(),
    ...op.get(e),
    ...op.i32(2),
    ...op.add,
    ...op.set(e),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(e),
    ...op.get(count),
    ...op.ltS,
    ...op.if,
    ...addr(Z, e, 3),
    ...addr(Z, e, 3),
    ...op.f64Load(),
    ...op.tee(z),
    ...op.f64(0),
    ...op.get(z),
    ...op.f64(0),
    ...[100],
    // f64.gt
    ...[27],
    // select
    ...op.f64Store(),
    ...op.end
  ];
  return { name: "reluRows", params: [I32, I32], locals: [I32, F64, V128, I32], body };
}
function biasRows() {
  const [Gb, D, units, n, r, one, va, d] = [0, 1, 2, 3, 4, 6, 7, 8];
  const T = [9, 10, 11];
  const body = [
    ...op.f64(1),
    ...op.set(one),
    ...forRange(r, op.i32(0), n, [...rowOf(d, D, r, op.i32(0), units), ...axpy(Gb, one, d, units, va, T)])
  ];
  return { name: "biasRows", params: [I32, I32, I32, I32], locals: [I32, I32, F64, V128, I32, I32, I32, I32], body };
}
function adamStep() {
  const [P, G, M, V, size, shards, length, lr, c1, c2, b1, b2, omb1, omb2, eps] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [p, sh, at, stride, g, mp, vp] = [15, 16, 17, 18, 19, 20, 21];
  const f64Div = [163];
  const f64Sub = [161];
  const body = [
    ...op.get(size),
    ...op.i32(3),
    ...op.shl,
    ...op.set(stride),
    ...forRange(p, op.i32(0), size, [
      ...op.get(p),
      ...op.i32(3),
      ...op.shl,
      ...op.set(at),
      // g = ((G[0][p] + G[1][p]) + …) / length: the shards in shard order
      ...op.get(G),
      ...op.get(at),
      ...op.add,
      ...op.f64Load(),
      ...op.set(g),
      ...forRange(sh, op.i32(1), shards, [
        ...op.get(g),
        ...op.get(G),
        ...op.get(sh),
        ...op.get(stride),
        ...op.mul,
        ...op.add,
        ...op.get(at),
        ...op.add,
        ...op.f64Load(),
        ...op.f64Add,
        ...op.set(g)
      ]),
      ...op.get(g),
      ...op.get(length),
      ...f64Div,
      ...op.set(g),
      // m = β1·m + (1 − β1)·g
      ...op.get(b1),
      ...op.get(M),
      ...op.get(at),
      ...op.add,
      ...op.f64Load(),
      ...op.f64Mul,
      ...op.get(omb1),
      ...op.get(g),
      ...op.f64Mul,
      ...op.f64Add,
      ...op.set(mp),
      ...op.get(M),
      ...op.get(at),
      ...op.add,
      ...op.get(mp),
      ...op.f64Store(),
      // v = β2·v + ((1 − β2)·g)·g
      ...op.get(b2),
      ...op.get(V),
      ...op.get(at),
      ...op.add,
      ...op.f64Load(),
      ...op.f64Mul,
      ...op.get(omb2),
      ...op.get(g),
      ...op.f64Mul,
      ...op.get(g),
      ...op.f64Mul,
      ...op.f64Add,
      ...op.set(vp),
      ...op.get(V),
      ...op.get(at),
      ...op.add,
      ...op.get(vp),
      ...op.f64Store(),
      // θ = θ − (lr · (m / c1)) / (√(v / c2) + ε)
      ...op.get(P),
      ...op.get(at),
      ...op.add,
      ...op.get(P),
      ...op.get(at),
      ...op.add,
      ...op.f64Load(),
      ...op.get(lr),
      ...op.get(mp),
      ...op.get(c1),
      ...f64Div,
      ...op.f64Mul,
      ...op.get(vp),
      ...op.get(c2),
      ...f64Div,
      ...[159],
      // f64.sqrt
      ...op.get(eps),
      ...op.f64Add,
      ...f64Div,
      ...f64Sub,
      ...op.f64Store()
    ])
  ];
  return {
    name: "adamStep",
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64],
    locals: [I32, I32, I32, I32, F64, F64, F64],
    body
  };
}
function kernelModuleBytes(pages) {
  const functions = [
    sparseForwardRows(),
    sparseBackwardRows(),
    denseForwardRows(),
    denseBackwardRows(),
    reluRows(),
    biasRows(),
    adamStep()
  ];
  const types = functions.map((fn) => [96, ...vec(fn.params.map((type) => [type])), ...vec([])]);
  const memory = [...name("env"), ...name("memory"), 2, 3, ...uleb(pages), ...uleb(pages)];
  const code = functions.map((fn) => {
    const locals = vec(fn.locals.map((type) => [1, type]));
    const body = [...locals, ...fn.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0, 97, 115, 109, 1, 0, 0, 0],
    ...section(1, vec(types)),
    ...section(2, vec([memory])),
    ...section(3, vec(functions.map((_, index) => uleb(index)))),
    ...section(7, vec(functions.map((fn, index) => [...name(fn.name), 0, ...uleb(index)]))),
    ...section(10, vec(code))
  ]);
}
var wasm = globalThis.WebAssembly;
function instantiateKernel(module, memory) {
  return new wasm.Instance(module, { env: { memory } }).exports;
}
function kernelMemory(bytes) {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 65536) throw new Error(`the training data needs ${pages} pages of 64 KiB, more than WebAssembly's 4 GiB`);
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  return { memory, module: new wasm.Module(kernelModuleBytes(pages)) };
}

// src/train/mlp-pool.ts
var SHARDS = 4;
var GENERATION = 0;
var COMMAND = 1;
var DATASET = 2;
var ROWSET = 3;
var OFFSET = 4;
var LENGTH = 5;
var PENDING = 6;
var FAILED = 7;
var MASKED = 8;
var READY = 9;
var CONTROL_WORDS = 10;
var GRADIENT = 1;
var EVALUATE = 2;
var EXIT = 3;
function runShards(shared, thread, threads, scratch, ops) {
  const { layout, control, params, grads, results, masks, datasets, rowsets } = shared;
  const command = control[COMMAND];
  const dataset = datasets[control[DATASET]];
  const rows = rowsets[control[ROWSET]];
  const offset = control[OFFSET];
  const length = control[LENGTH];
  const masked = control[MASKED] === 1;
  for (let s = thread; s < SHARDS; s += threads) {
    const [from, to] = shardRange(length, SHARDS, s);
    const grad = command === GRADIENT ? grads.subarray(s * layout.size, (s + 1) * layout.size) : void 0;
    grad?.fill(0);
    results[s * 2] = runRows({
      layout,
      params,
      data: dataset.data,
      y: dataset.y,
      rows,
      from: offset + from,
      to: offset + to,
      ...grad ? { grad } : {},
      ...masked ? { masks, maskBase: offset } : {},
      scratch,
      ops
    });
    results[s * 2 + 1] = scratch.correct;
  }
}
function workerLoop(shared, thread) {
  const { control } = shared;
  const scratch = shared.scratches[thread];
  const ops = instantiateKernel(shared.module, shared.memory);
  let seen = 0;
  Atomics.add(control, READY, 1);
  for (; ; ) {
    const started = performance.now();
    while (Atomics.load(control, GENERATION) === seen) {
      if (performance.now() - started > 0.2) Atomics.wait(control, GENERATION, seen, 50);
    }
    seen = Atomics.load(control, GENERATION);
    if (control[COMMAND] === EXIT) return;
    try {
      runShards(shared, thread, shared.threads, scratch, ops);
    } catch (error) {
      Atomics.store(control, FAILED, 1);
      if (Atomics.sub(control, PENDING, 1) === 1) Atomics.notify(control, PENDING);
      throw error;
    }
    if (Atomics.sub(control, PENDING, 1) === 1) Atomics.notify(control, PENDING);
  }
}
var Scheduler = class _Scheduler {
  static PERIOD = 256;
  static PROBE = 6;
  pass = 0;
  probeAt = 0;
  backoff = _Scheduler.PERIOD;
  best = true;
  single = { sum: 0, count: 0 };
  spread = { sum: 0, count: 0 };
  parallel() {
    const at = this.pass - this.probeAt;
    if (at < 0) return this.best;
    return at >= _Scheduler.PROBE;
  }
  record(parallel, secondsPerRow) {
    const at = this.pass - this.probeAt;
    this.pass++;
    if (at < 0) return;
    const side = parallel ? this.spread : this.single;
    if (at !== 0 && at !== _Scheduler.PROBE) {
      side.sum += secondsPerRow;
      side.count++;
    }
    const singleMean = this.single.sum / this.single.count;
    if (parallel && side.count > 0 && secondsPerRow > 4 * singleMean) this.decide(false);
    else if (at === 2 * _Scheduler.PROBE - 1) this.decide(this.spread.sum / this.spread.count <= singleMean);
  }
  decide(parallel) {
    this.best = parallel;
    this.backoff = parallel ? _Scheduler.PERIOD : Math.min(2 * this.backoff, 64 * _Scheduler.PERIOD);
    this.probeAt = this.pass + this.backoff;
    this.single = { sum: 0, count: 0 };
    this.spread = { sum: 0, count: 0 };
  }
};
var IDLE_MS = 2e3;
var idleWorkers = [];
var idleTimer;
function takeWorker() {
  const idle = idleWorkers.pop();
  if (idle) return idle;
  const worker = new Worker(workerEntry("mlp-worker", import.meta.url, "the training worker"));
  worker.unref();
  worker.on("exit", () => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
  worker.on("error", () => void 0);
  return worker;
}
function releaseWorkers(workers) {
  idleWorkers.push(...workers);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    for (const worker of idleWorkers.splice(0)) void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}
var MlpPool = class _MlpPool {
  shared;
  /** The mean gradient of the last `computeGradient` pass. */
  gradient;
  workers = [];
  /** Removes this pool's listeners from its workers. */
  detach = [];
  ops;
  scheduler = new Scheduler();
  adam;
  /** "parallel" spreads every pass once the workers are up (tests use it); "timed" lets the Scheduler choose. */
  schedule;
  /** Passes run on the workers and this thread, and on this thread alone. */
  passes = { parallel: 0, alone: 0 };
  failure;
  constructor(shared, schedule, adam) {
    this.shared = shared;
    this.adam = adam;
    this.schedule = schedule;
    this.gradient = new Float64Array(shared.layout.size);
    this.ops = instantiateKernel(shared.module, shared.memory);
  }
  /**
   * Copies the data sets (the second may be the first) and row sets into kernel memory and starts
   * `threads − 1` workers (the caller's thread is the first), at most SHARDS in all.
   */
  static start(options) {
    const { layout } = options;
    const threads = Math.max(1, Math.min(SHARDS, options.threads));
    const distinct = [...new Set(options.datasets)];
    const nonzeros = distinct.map((data) => countNonzeros(data.x.subarray(0, data.rows * data.width)));
    const maskLength = Math.max(1, options.batchSize * layout.maskWidth);
    const bytes = Arena.bytes(CONTROL_WORDS, 4) + Arena.bytes(layout.size, 8) * (1 + SHARDS) + Arena.bytes(SHARDS * 2, 8) + Arena.bytes(maskLength, 4) + distinct.reduce((sum, data, d) => sum + sparseRowsBytes(data.rows, nonzeros[d]) + Arena.bytes(data.rows, 4), 0) + options.rowsets.reduce((sum, rows) => sum + Arena.bytes(rows.length, 4), 0) + threads * scratchBytes(layout) + Adam.bytes(layout.size);
    const { memory, module } = kernelMemory(bytes);
    const arena = new Arena(memory.buffer);
    const control = arena.i32(CONTROL_WORDS);
    const params = arena.f64(layout.size);
    const grads = arena.f64(SHARDS * layout.size);
    const results = arena.f64(SHARDS * 2);
    const masks = arena.f32(maskLength);
    const copies = distinct.map((data) => {
      const y = arena.f32(data.rows);
      y.set(data.y.subarray(0, data.rows));
      return { data: toSparseRows(data.x, data.rows, data.width, arena, nonzeros[distinct.indexOf(data)]), y };
    });
    const rowsets = options.rowsets.map((rows) => {
      const copy2 = arena.i32(rows.length);
      copy2.set(rows);
      return copy2;
    });
    const scratches = Array.from({ length: threads }, () => makeScratch(layout, arena));
    const adam = new Adam(layout.size, options.learningRate ?? 1e-3, arena);
    const pool = new _MlpPool(
      {
        layout,
        memory,
        module,
        scratches,
        control,
        params,
        grads,
        results,
        masks,
        datasets: options.datasets.map((data) => copies[distinct.indexOf(data)]),
        rowsets,
        threads
      },
      options.schedule ?? "timed",
      adam
    );
    for (let thread = 1; thread < threads; thread++) {
      const worker = takeWorker();
      const onError = (error) => {
        pool.failure ??= error;
      };
      const onExit = (code) => {
        pool.failure ??= new Error(`a training worker thread exited with code ${code}`);
      };
      worker.on("error", onError);
      worker.on("exit", onExit);
      pool.detach.push(() => {
        worker.off("error", onError);
        worker.off("exit", onExit);
      });
      worker.postMessage({ shared: pool.shared, thread });
      pool.workers.push(worker);
    }
    return pool;
  }
  /** Resolves when every worker has started (or at once without workers). */
  async ready() {
    while (Atomics.load(this.shared.control, READY) < this.workers.length) {
      if (this.failure) throw this.failure;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  get threads() {
    return this.shared.threads;
  }
  /** Mean gradient over rows [offset, offset + length) of a row set into `this.gradient`; returns the summed loss and rows right (before the step). */
  async computeGradient(dataset, rowset, offset, length, masked) {
    const result = await this.pass(GRADIENT, dataset, rowset, offset, length, masked);
    const { grads, layout } = this.shared;
    const size = layout.size;
    const gradient = this.gradient;
    for (let p = 0; p < size; p++) {
      let sum = grads[p];
      for (let s = 1; s < SHARDS; s++) sum += grads[s * size + p];
      gradient[p] = sum / length;
    }
    return result;
  }
  /**
   * One Adam step (the pool's learning rate) on the mean gradient over rows [offset, offset + length)
   * of a row set, summed and applied in WebAssembly; returns the summed loss and rows right before it.
   */
  async step(dataset, rowset, offset, length, masked) {
    const result = await this.pass(GRADIENT, dataset, rowset, offset, length, masked);
    this.adam.stepShards(this.ops, this.shared.params, this.shared.grads, SHARDS, length);
    return result;
  }
  /** Summed loss and rows classified right, without dropout. */
  evaluate(dataset, rowset, offset, length) {
    return this.pass(EVALUATE, dataset, rowset, offset, length, false);
  }
  async pass(command, dataset, rowset, offset, length, masked) {
    const { control, results } = this.shared;
    if (this.failure) throw this.failure;
    control[COMMAND] = command;
    control[DATASET] = dataset;
    control[ROWSET] = rowset;
    control[OFFSET] = offset;
    control[LENGTH] = length;
    control[MASKED] = masked ? 1 : 0;
    const ready = this.workers.length > 0 && Atomics.load(control, READY) === this.workers.length;
    const parallel = ready && (command !== GRADIENT || this.schedule === "parallel" || this.scheduler.parallel());
    this.passes[parallel ? "parallel" : "alone"]++;
    const started = performance.now();
    if (parallel) {
      Atomics.store(control, PENDING, this.workers.length);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
    }
    runShards(this.shared, 0, parallel ? this.shared.threads : 1, this.shared.scratches[0], this.ops);
    if (parallel) await this.waitForWorkers();
    if (command === GRADIENT && ready) this.scheduler.record(parallel, (performance.now() - started) / Math.max(1, length));
    let loss = 0;
    let correct = 0;
    for (let s = 0; s < SHARDS; s++) {
      loss += results[s * 2];
      correct += results[s * 2 + 1];
    }
    return { loss, correct };
  }
  /** Spins, then sleeps on the pending counter; yields to the event loop when slow, so a dead worker is noticed. */
  async waitForWorkers() {
    const { control } = this.shared;
    const started = performance.now();
    for (; ; ) {
      const pending = Atomics.load(control, PENDING);
      if (pending === 0) break;
      if (this.failure) throw this.failure;
      const waited = performance.now() - started;
      if (waited < 0.2) continue;
      if (Atomics.wait(control, PENDING, pending, 5) === "timed-out" && waited > 20) await new Promise((resolve) => setImmediate(resolve));
    }
    if (Atomics.load(control, FAILED) === 1) {
      for (let tick = 0; tick < 100 && !this.failure; tick++) await new Promise((resolve) => setTimeout(resolve, 10));
      throw this.failure ?? new Error("a training worker thread failed");
    }
  }
  /** Stops the workers (idempotent). */
  /**
   * Ends the pass loop of the workers (idempotent). They go back to the idle set for the next pool,
   * which ends them after IDLE_MS unused; after a failure they are terminated at once.
   */
  async close() {
    const workers = this.workers.splice(0);
    for (const detach of this.detach.splice(0)) detach();
    if (workers.length === 0) return;
    const { control } = this.shared;
    control[COMMAND] = EXIT;
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    if (this.failure) await Promise.all(workers.map((worker) => worker.terminate()));
    else releaseWorkers(workers);
  }
};

export {
  mlpLayout,
  workerLoop,
  MlpPool
};
