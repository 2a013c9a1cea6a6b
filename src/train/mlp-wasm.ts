/**
 * The kernel's hot loops (mlp-kernel.ts) as WebAssembly with 128-bit SIMD (two float64 lanes),
 * assembled here from their instructions: no binary is checked in, and nothing is fetched.
 *
 * Each function takes a block of rows through one layer, so a chunk of rows costs a handful of calls
 * from JavaScript. All work on byte offsets into one shared WebAssembly.Memory, where the trainer
 * keeps parameters, gradients, data and every thread's scratch (so worker threads share them). They
 * compute what the JavaScript loops in mlp-kernel.ts compute, term for term, except that a dot
 * product sums its even and odd terms apart and then adds the two: a fixed order, so results stay
 * deterministic (tests check both against numpy).
 *
 * Blocks (Z, A, D, Below) are row-major float64 [rows][width]; W and G rows are `units` wide;
 * cols and starts are int32, vals float32 (mlp-kernel.ts's SparseRows), rows the int32 row numbers.
 *
 *   sparseForwardRows(Z, w, b, units, cols, vals, starts, rows, from, to)
 *       Z[i − from] = b + Σ_k vals[k] · W[cols[k]] over row rows[i]'s nonzeros, i in [from, to)
 *   sparseBackwardRows(G, D, units, cols, vals, starts, rows, from, to)
 *       G[cols[k]] += vals[k] · D[i − from] over the same nonzeros
 *   denseForwardRows(Z, A, w, b, inputs, units, n)       Z[r] = b + Σ_i A[r][i] · W[i], skipping zeros
 *   denseBackwardRows(G, W, A, D, Below, inputs, units, skip, n)
 *       Below[r][i] = W[i] · D[r] and G[i] += A[r][i] · D[r]; with skip, Below[r][i] = 0 where A[r][i] = 0
 *   reluRows(Z, count)                                    Z[e] = Z[e] > 0 ? Z[e] : 0
 *   biasRows(Gb, D, units, n)                             Gb += D[r] for each row r, in order
 *   adamStep(P, G, M, V, size, shards, length, lr, c1, c2, β1, β2, 1 − β1, 1 − β2, ε)
 *       g = (Σ_s G[s]) / length in shard order, then Adam.step's update of M, V and P (mlp-kernel.ts)
 */

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (text: string): number[] => vec([...Buffer.from(text, "utf8")].map((byte) => [byte]));

/** Instructions, as byte emitters. */
const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  f64: (value: number) => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)],
  add: [0x6a],
  mul: [0x6c],
  shl: [0x74],
  ltS: [0x48],
  geS: [0x4e],
  eqz: [0x45],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64Eq: [0x61],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0) => [0x39, 3, ...uleb(offset)],
  promote: [0xbb],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 3, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(0x0b), 3, ...uleb(offset)],
  splat: [0xfd, ...uleb(0x14)],
  lane: (index: number) => [0xfd, ...uleb(0x21), index],
  v64Add: [0xfd, ...uleb(0xf0)],
  v64Mul: [0xfd, ...uleb(0xf2)],
};

/** Three i32 scratch locals for the pointer loops (axpy, the backward loop). */
type Temps = [number, number, number];

/**
 * `y[j] += a · x[j]` for j < n: four at a time (two SIMD pairs, by pointer), then a pair, then one.
 * Each element gets the same single multiply and add whichever part of the loop handles it.
 */
function axpy(y: number, a: number, x: number, n: number, va: number, [yp, xp, end]: Temps): number[] {
  const pair = (offset: number) => [
    ...op.get(yp),
    ...op.get(yp),
    ...op.v128Load(offset),
    ...op.get(va),
    ...op.get(xp),
    ...op.v128Load(offset),
    ...op.v64Mul,
    ...op.v64Add,
    ...op.v128Store(offset),
  ];
  const advance = (bytes: number) => [
    ...op.get(yp),
    ...op.i32(bytes),
    ...op.add,
    ...op.set(yp),
    ...op.get(xp),
    ...op.i32(bytes),
    ...op.add,
    ...op.set(xp),
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
    ...[0x71], // i32.and
    ...op.i32(3),
    ...op.shl,
    ...op.add,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(yp),
    ...op.get(end),
    ...[0x4f], // i32.ge_u
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
    ...[0x4d], // i32.le_u
    ...op.if,
    ...pair(0),
    ...advance(16),
    ...op.end,
    ...op.get(yp),
    ...op.get(end),
    ...[0x49], // i32.lt_u
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
    ...op.end,
  ];
}

/** `z[0..n) = b[0..n)`, pairwise. */
function copy(z: number, b: number, n: number, j: number): number[] {
  const at = (base: number) => [...op.get(base), ...op.get(j), ...op.i32(3), ...op.shl, ...op.add];
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
    ...op.end,
  ];
}

/** `for (k = k0; k < k1; k++) body(k)`: loop counter in local k, bound in local k1. */
function forRange(k: number, from: number[], k1: number, body: number[]): number[] {
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
    ...op.end,
  ];
}

interface FunctionDef {
  name: string;
  params: number[];
  locals: number[];
  body: number[];
}

/** Helpers for address arithmetic: `base + index · 2^shift`, and a load from there. */
const addr = (base: number, index: number, shift: number) => [...op.get(base), ...op.get(index), ...op.i32(shift), ...op.shl, ...op.add];
/** local = base + (index − from) · width · 8: row `index − from` of a block of float64 rows. */
const rowOf = (target: number, base: number, index: number, from: number[], width: number) => [
  ...op.get(base),
  ...op.get(index),
  ...from,
  ...[0x6b], // i32.sub
  ...op.get(width),
  ...op.mul,
  ...op.i32(3),
  ...op.shl,
  ...op.add,
  ...op.set(target),
];

function sparseForwardRows(): FunctionDef {
  // params: Z w b units cols vals starts rows from to | locals: idx row k k1 j v(f64) wrow va(v128) z
  const [Z, w, b, units, cols, vals, starts, rows, from, to] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [idx, row, k, k1, j, v, wrow, va, z] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const T: Temps = [19, 20, 21];
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
      ...axpy(z, v, wrow, units, va, T),
    ]),
  ]);
  return {
    name: "sparseForwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, F64, I32, V128, I32, I32, I32, I32],
    body,
  };
}

function sparseBackwardRows(): FunctionDef {
  // params: G D units cols vals starts rows from to | locals: idx row k k1 j v(f64) grow va(v128) d
  const [G, D, units, cols, vals, starts, rows, from, to] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [idx, row, k, k1, v, grow, va, d] = [9, 10, 11, 12, 14, 15, 16, 17];
  const T: Temps = [18, 19, 20];
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
      ...axpy(grow, v, d, units, va, T),
    ]),
  ]);
  return {
    name: "sparseBackwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, I32, F64, I32, V128, I32, I32, I32, I32],
    body,
  };
}

function denseForwardRows(): FunctionDef {
  // params: Z A w b inputs units n | locals: r i j v(f64) wrow va(v128) z a
  const [Z, A, w, b, inputs, units, n] = [0, 1, 2, 3, 4, 5, 6];
  const [r, i, j, v, wrow, va, z, a] = [7, 8, 9, 10, 11, 12, 13, 14];
  const T: Temps = [15, 16, 17];
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
      ...op.end,
    ]),
  ]);
  return {
    name: "denseForwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, F64, I32, V128, I32, I32, I32, I32, I32],
    body,
  };
}

function denseBackwardRows(): FunctionDef {
  // params: G W A D Below inputs units skip n | locals: r i (unused) v(f64) wrow va(v128) acc(v128) grow sum(f64) a d below dp end
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
    ...[0x71], // i32.and: skip this input
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
    ...[0x71], // i32.and
    ...op.i32(3),
    ...op.shl,
    ...op.add,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(wrow),
    ...op.get(end),
    ...[0x4f], // i32.ge_u
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
    ...[0x71], // i32.and
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
    ...op.end,
  ]);
  const body = forRange(r, op.i32(0), n, [
    ...rowOf(a, A, r, op.i32(0), inputs),
    ...rowOf(d, D, r, op.i32(0), units),
    ...rowOf(below, Below, r, op.i32(0), inputs),
    ...perInput,
  ]);
  return {
    name: "denseBackwardRows",
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, F64, I32, V128, V128, I32, F64, I32, I32, I32, I32, I32],
    body,
  };
}

function reluRows(): FunctionDef {
  // params: Z count | locals: e z(f64) zero(v128) end
  // Z[e] = Z[e] > 0 ? Z[e] : 0 (NaN → 0, as the JavaScript loop): pairs by f64x2.pmax(0, z) = 0 < z ? z : 0, then one by select.
  const [Z, count, e, z, zero, end] = [0, 1, 2, 3, 4, 5];
  const body = [
    ...op.f64(0),
    ...op.splat,
    ...op.set(zero),
    ...op.get(count),
    ...op.i32(-2),
    ...[0x71], // i32.and
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
    ...[0xfd, ...uleb(0xf7)], // f64x2.pmax
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
    ...[0x64], // f64.gt
    ...[0x1b], // select
    ...op.f64Store(),
    ...op.end,
  ];
  return { name: "reluRows", params: [I32, I32], locals: [I32, F64, V128, I32], body };
}

function biasRows(): FunctionDef {
  // params: Gb D units n | locals: r j one(f64) va(v128) d    Gb += D[r] for each row r, in order
  const [Gb, D, units, n, r, one, va, d] = [0, 1, 2, 3, 4, 6, 7, 8];
  const T: Temps = [9, 10, 11];
  const body = [
    ...op.f64(1),
    ...op.set(one),
    ...forRange(r, op.i32(0), n, [...rowOf(d, D, r, op.i32(0), units), ...axpy(Gb, one, d, units, va, T)]),
  ];
  return { name: "biasRows", params: [I32, I32, I32, I32], locals: [I32, I32, F64, V128, I32, I32, I32, I32], body };
}

function adamStep(): FunctionDef {
  // params: P G M V size shards | length lr c1 c2 b1 b2 omb1 omb2 eps (f64) | locals: p s at stride g mp vp
  const [P, G, M, V, size, shards, length, lr, c1, c2, b1, b2, omb1, omb2, eps] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [p, sh, at, stride, g, mp, vp] = [15, 16, 17, 18, 19, 20, 21];
  const f64Div = [0xa3];
  const f64Sub = [0xa1];
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
        ...op.set(g),
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
      ...[0x9f], // f64.sqrt
      ...op.get(eps),
      ...op.f64Add,
      ...f64Div,
      ...f64Sub,
      ...op.f64Store(),
    ]),
  ];
  return {
    name: "adamStep",
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64],
    locals: [I32, I32, I32, I32, F64, F64, F64],
    body,
  };
}

/** The module's bytes: four functions over an imported shared memory of `pages` 64 KiB pages. */
export function kernelModuleBytes(pages: number): Uint8Array {
  const functions = [
    sparseForwardRows(),
    sparseBackwardRows(),
    denseForwardRows(),
    denseBackwardRows(),
    reluRows(),
    biasRows(),
    adamStep(),
  ];
  const types = functions.map((fn) => [0x60, ...vec(fn.params.map((type) => [type])), ...vec([])]);
  const memory = [...name("env"), ...name("memory"), 0x02, 0x03, ...uleb(pages), ...uleb(pages)];
  const code = functions.map((fn) => {
    const locals = vec(fn.locals.map((type) => [1, type]));
    const body = [...locals, ...fn.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([memory])),
    ...section(3, vec(functions.map((_, index) => uleb(index)))),
    ...section(7, vec(functions.map((fn, index) => [...name(fn.name), 0x00, ...uleb(index)]))),
    ...section(10, vec(code)),
  ]);
}

/** The exported functions; every pointer is a byte offset into the kernel memory. */
export interface KernelOps {
  sparseForwardRows(
    Z: number,
    w: number,
    b: number,
    units: number,
    cols: number,
    vals: number,
    starts: number,
    rows: number,
    from: number,
    to: number,
  ): void;
  sparseBackwardRows(
    G: number,
    D: number,
    units: number,
    cols: number,
    vals: number,
    starts: number,
    rows: number,
    from: number,
    to: number,
  ): void;
  denseForwardRows(Z: number, A: number, w: number, b: number, inputs: number, units: number, n: number): void;
  denseBackwardRows(
    G: number,
    W: number,
    A: number,
    D: number,
    Below: number,
    inputs: number,
    units: number,
    skip: number,
    n: number,
  ): void;
  reluRows(Z: number, count: number): void;
  biasRows(Gb: number, D: number, units: number, n: number): void;
  adamStep(
    P: number,
    G: number,
    M: number,
    V: number,
    size: number,
    shards: number,
    length: number,
    lr: number,
    c1: number,
    c2: number,
    b1: number,
    b2: number,
    omb1: number,
    omb2: number,
    eps: number,
  ): void;
}

/** The parts of the WebAssembly API used here (tsconfig's es2024 lib has no WebAssembly types). */
export interface KernelMemory {
  readonly buffer: SharedArrayBuffer;
}
/** A compiled module: opaque, and cloneable to worker threads. */
export type KernelModule = object;
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => KernelMemory;
  Module: new (bytes: Uint8Array) => KernelModule;
  Instance: new (module: KernelModule, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Instantiates the kernel over a memory (once per thread; the module itself is shared). */
export function instantiateKernel(module: KernelModule, memory: KernelMemory): KernelOps {
  return new wasm.Instance(module, { env: { memory } }).exports as KernelOps;
}

/** A shared memory of `bytes` (rounded up to 64 KiB pages) and the module compiled for its size. */
export function kernelMemory(bytes: number): { memory: KernelMemory; module: KernelModule } {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 65536) throw new Error(`the training data needs ${pages} pages of 64 KiB, more than WebAssembly's 4 GiB`);
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  return { memory, module: new wasm.Module(kernelModuleBytes(pages)) };
}
