/**
 * The modelship-js kernel (src/train/mlp-kernel.ts) against independent oracles: numpy's matrix
 * backpropagation and Adam written out from Kingma & Ba's Algorithm 1 (run by /usr/bin/python3),
 * and central finite differences of the loss. Then the sparse rows it reads.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import {
  Adam,
  Arena,
  CHUNK_ROWS,
  makeScratch,
  mlpLayout,
  runRows,
  toSparseRows,
  type HiddenActivation,
  type MlpLayout,
  type OutputLoss,
} from "../../../src/train/mlp-kernel.ts";
import { instantiateKernel, kernelMemory } from "../../../src/train/mlp-wasm.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";

interface Case {
  widths: number[];
  hidden: HiddenActivation;
  loss: OutputLoss;
}

const CASES: Case[] = [
  { widths: [6, 5, 4, 3], hidden: "relu", loss: "softmax" },
  { widths: [6, 4, 1], hidden: "tanh", loss: "sigmoid" },
  { widths: [6, 3, 1], hidden: "relu", loss: "mse" },
  { widths: [6, 1], hidden: "relu", loss: "sigmoid" },
];

/** A small problem: dense rows with zeros (the sparse path), targets, dropout factors, weights. */
function problem(layout: MlpLayout, rows: number, seed: number) {
  const random = mulberry32(seed);
  const width = layout.widths[0]!;
  const x = new Float32Array(rows * width);
  // Half the inputs zero, the rest spread over [-2, 2]: one-hot-like and numeric columns at once.
  for (let i = 0; i < x.length; i++) x[i] = random() < 0.5 ? 0 : Math.fround(random() * 4 - 2);
  const outputs = layout.widths.at(-1)!;
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++)
    y[r] =
      layout.loss === "softmax"
        ? Math.floor(random() * outputs)
        : layout.loss === "sigmoid"
          ? random() < 0.5
            ? 0
            : 1
          : Math.fround(random() * 3 - 1);
  const masks = new Float32Array(Math.max(1, rows * layout.maskWidth));
  for (let i = 0; i < masks.length; i++) masks[i] = random() < 0.25 ? 0 : Math.fround(1 / 0.75);
  const params = new Float64Array(layout.size);
  for (let p = 0; p < params.length; p++) params[p] = random() - 0.5;
  return { x, y, masks, params, rows: Int32Array.from({ length: rows }, (_, r) => r) };
}

type Path = "javascript" | "wasm";

/** Mean gradient and mean loss by the kernel: its JavaScript loops, or its WebAssembly ones over a kernel memory. */
function kernelGradient(layout: MlpLayout, data: ReturnType<typeof problem>, masked: boolean, params: Float64Array, path: Path) {
  const n = data.rows.length;
  const width = layout.widths[0]!;
  if (path === "javascript") {
    const grad = new Float64Array(layout.size);
    const loss = runRows({
      layout,
      params,
      data: toSparseRows(data.x, n, width),
      y: data.y,
      rows: data.rows,
      from: 0,
      to: n,
      grad,
      ...(masked ? { masks: data.masks, maskBase: 0 } : {}),
      scratch: makeScratch(layout),
    });
    return { grad: Float64Array.from(grad, (g) => g / n), loss: loss / n };
  }
  const { memory, module } = kernelMemory(1 << 22);
  const arena = new Arena(memory.buffer);
  const inMemory = arena.f64(layout.size);
  inMemory.set(params);
  const y = arena.f32(n);
  y.set(data.y);
  const rows = arena.i32(n);
  rows.set(data.rows);
  const grad = arena.f64(layout.size);
  const loss = runRows({
    layout,
    params: inMemory,
    data: toSparseRows(data.x, n, width, arena),
    y,
    rows,
    from: 0,
    to: n,
    grad,
    ...(masked ? { masks: data.masks, maskBase: 0 } : {}),
    scratch: makeScratch(layout, arena),
    ops: instantiateKernel(module, memory),
  });
  return { grad: Float64Array.from(grad, (g) => g / n), loss: loss / n };
}

const NUMPY_ORACLE = String.raw`
import json, sys
import numpy as np
c = json.load(sys.stdin)
widths, hidden, loss_kind = c["widths"], c["hidden"], c["loss"]
n = len(c["y"])
X = np.array(c["x"], dtype=np.float64).reshape(n, widths[0])
Y = np.array(c["y"], dtype=np.float64)
M = np.array(c["masks"], dtype=np.float64).reshape(n, -1) if c["masked"] else None
def unpack(p):
    Ws, bs, at = [], [], 0
    for i, o in zip(widths[:-1], widths[1:]):
        Ws.append(p[at:at + i * o].reshape(i, o)); at += i * o
        bs.append(p[at:at + o]); at += o
    return Ws, bs
def gradient(p):
    Ws, bs = unpack(p)
    A, Zs, Hs, As = X, [], [], [X]
    mask_at = 0
    for l, (W, b) in enumerate(zip(Ws, bs)):
        Z = A @ W + b
        if l < len(Ws) - 1:
            H = np.maximum(Z, 0) if hidden == "relu" else np.tanh(Z)
            D = M[:, mask_at:mask_at + W.shape[1]] if M is not None else np.ones_like(H)
            mask_at += W.shape[1]
            Zs.append(Z); Hs.append((H, D)); A = H * D; As.append(A)
        else:
            logits = Z
    if loss_kind == "sigmoid":
        z = logits[:, 0]
        loss = np.mean(np.maximum(z, 0) - z * Y + np.log1p(np.exp(-np.abs(z))))
        dZ = ((1 / (1 + np.exp(-z))) - Y)[:, None] / n
    elif loss_kind == "softmax":
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        P = e / e.sum(axis=1, keepdims=True)
        T = np.eye(widths[-1])[Y.astype(int)]
        loss = np.mean(-np.log((P * T).sum(axis=1)))
        dZ = (P - T) / n
    else:
        z = logits[:, 0]
        loss = np.mean((z - Y) ** 2)
        dZ = (2 * (z - Y))[:, None] / n
    grads = []
    for l in range(len(Ws) - 1, -1, -1):
        grads.append((As[l].T @ dZ, dZ.sum(axis=0)))
        if l > 0:
            H, D = Hs[l - 1]
            dA = dZ @ Ws[l].T
            dZ = dA * D * ((Zs[l - 1] > 0).astype(float) if hidden == "relu" else (1 - H ** 2))
    grads.reverse()
    return np.concatenate([np.concatenate([g.ravel(), gb]) for g, gb in grads]), loss
# Adam, Algorithm 1 of Kingma & Ba (2015), with TF.js's epsilon.
lr, b1, b2, eps = c["lr"], 0.9, 0.999, 1e-7
p = np.array(c["params"], dtype=np.float64)
g0, loss0 = gradient(p)
m = np.zeros_like(p); v = np.zeros_like(p)
for t in range(1, c["steps"] + 1):
    g, _ = gradient(p)
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    p = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
print(json.dumps({"gradient": g0.tolist(), "loss": loss0, "params": p.tolist()}))
`;

function numpy(input: object): { gradient: number[]; loss: number; params: number[] } {
  const run = spawnSync("/usr/bin/python3", ["-c", NUMPY_ORACLE], { input: JSON.stringify(input), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { gradient: number[]; loss: number; params: number[] };
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]!));
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

describe("modelship-js kernel", () => {
  for (const path of ["javascript", "wasm"] as const) {
    for (const { widths, hidden, loss } of CASES) {
      for (const masked of widths.length > 2 ? [false, true] : [false]) {
        test(`${path}: ${widths.join("-")} ${hidden} ${loss}${masked ? " with dropout" : ""}: gradient and three Adam steps match numpy`, () => {
          const layout = mlpLayout(widths, hidden, loss);
          // More rows than one chunk of the WebAssembly path, and a partial chunk after them.
          const data = problem(layout, 2 * CHUNK_ROWS + 9, widths.length * 31 + (masked ? 7 : 0));
          const oracle = numpy({
            widths,
            hidden,
            loss,
            x: [...data.x],
            y: [...data.y],
            masks: [...data.masks],
            masked,
            params: [...data.params],
            lr: 0.01,
            steps: 3,
          });
          const ours = kernelGradient(layout, data, masked, data.params, path);
          close(ours.grad, oracle.gradient, 1e-12, "gradient");
          assert.ok(Math.abs(ours.loss - oracle.loss) <= 1e-12 * Math.max(1, oracle.loss), `loss ${ours.loss} vs ${oracle.loss}`);
          // Adam from the kernel's gradient at each step, as the trainer runs it.
          const params = Float64Array.from(data.params);
          const adam = new Adam(layout.size, 0.01);
          for (let step = 0; step < 3; step++) adam.step(params, kernelGradient(layout, data, masked, params, path).grad);
          close(params, oracle.params, 1e-10, "params after 3 steps");
        });
      }

      test(`${path}: ${widths.join("-")} ${hidden} ${loss}: gradient matches central finite differences`, () => {
        const layout = mlpLayout(widths, hidden, loss);
        const masked = widths.length > 2;
        const data = problem(layout, CHUNK_ROWS + 5, widths.length * 17 + 3);
        const { grad } = kernelGradient(layout, data, masked, data.params, path);
        const h = 1e-6;
        const params = Float64Array.from(data.params);
        for (let p = 0; p < layout.size; p++) {
          const saved = params[p]!;
          params[p] = saved + h;
          const up = kernelGradient(layout, data, masked, params, path).loss;
          params[p] = saved - h;
          const down = kernelGradient(layout, data, masked, params, path).loss;
          params[p] = saved;
          const numeric = (up - down) / (2 * h);
          assert.ok(
            Math.abs(numeric - grad[p]!) <= 1e-6 * Math.max(1, Math.abs(numeric)),
            `parameter ${p}: ${grad[p]} vs finite difference ${numeric}`,
          );
        }
      });
    }
  }

  test("the sparse rows hold exactly the nonzeros, in column order", () => {
    const x = Float32Array.from([0, 1.5, 0, 0, -2, 0, 0, 0, 3, 0, 0, 0.25]);
    const sparse = toSparseRows(x, 3, 4);
    assert.deepEqual([...sparse.starts], [0, 1, 2, 4]);
    assert.deepEqual([...sparse.columns], [1, 0, 0, 3]);
    assert.deepEqual([...sparse.values], [1.5, -2, 3, 0.25]);
    assert.ok(sparse.values.buffer instanceof SharedArrayBuffer, "worker threads read it without a copy");
  });
});
