/**
 * modelship-js on worker threads: the thread count (MODELSHIP_THREADS, or the `threads` option)
 * changes nothing in the result, bit for bit, down to the exported ONNX bytes; a bad
 * MODELSHIP_THREADS is a UserError naming it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { loadContract } from "../../../src/data/contract/load-contract.ts";
import { exportOnnx } from "../../../src/train/export-onnx.ts";
import { loadTabular, type TabularData } from "../../../src/train/tabular-data.ts";
import { layoutOf, trainModel, type TrainOptions, type TrainResult } from "../../../src/train/trainer.ts";
import { Adam } from "../../../src/train/mlp-kernel.ts";
import { MlpPool, SHARDS } from "../../../src/train/mlp-pool.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";

const DATA = "examples/model-repo/data";

const order = (rows: number) => Int32Array.from({ length: rows }, (_, i) => i);

/** Trains with MODELSHIP_THREADS set to `threads` (restored afterwards). */
async function withThreadsEnv(threads: string, options: TrainOptions): Promise<TrainResult> {
  const saved = process.env.MODELSHIP_THREADS;
  process.env.MODELSHIP_THREADS = threads;
  try {
    return await trainModel(options);
  } finally {
    if (saved === undefined) delete process.env.MODELSHIP_THREADS;
    else process.env.MODELSHIP_THREADS = saved;
  }
}

describe("modelship-js threads", () => {
  let train: TabularData;
  let multi: TabularData;

  before(async () => {
    const contract = await loadContract(join(DATA, "contract.yaml"));
    const features = ["age", "education-num", "hours-per-week", "sex", "workclass", "occupation"].map((name) => ({ name }));
    train = await loadTabular({ path: join(DATA, "train.csv"), contract, features, target: "Y" });
    multi = await loadTabular({ path: join(DATA, "train.csv"), contract, features, target: "race" });
  });

  const options = (data: TabularData): TrainOptions => ({
    data,
    model: { kind: "mlp", layers: [16, 8], dropout: 0.2 },
    epochs: 2,
    // Not a multiple of the shard count, so shards differ in size and the last batch is short.
    batchSize: 50,
    learningRate: 0.01,
    validationSplit: 0.2,
    seed: 11,
    logger: new MemoryLogger(),
  });

  test("MODELSHIP_THREADS=1 and =2 (and 3 and 4 threads) give the same ONNX bytes, history and weights", async () => {
    for (const data of [train, multi]) {
      const one = await withThreadsEnv("1", options(data));
      const two = await withThreadsEnv("2", options(data));
      assert.equal(one.threads, 1);
      assert.equal(two.threads, 2, "two threads ran: one worker beside this one");
      const bytes = exportOnnx(one.model, { producerVersion: "test" });
      for (const result of [two, await trainModel({ ...options(data), threads: 3 }), await trainModel({ ...options(data), threads: 4 })]) {
        assert.deepEqual(result.history, one.history);
        for (const [l, layer] of result.model.layers.entries()) {
          assert.ok(Buffer.from(layer.weights.buffer).equals(Buffer.from(one.model.layers[l]!.weights.buffer)), `layer ${l} weights`);
          assert.ok(Buffer.from(layer.bias.buffer).equals(Buffer.from(one.model.layers[l]!.bias.buffer)), `layer ${l} bias`);
        }
        assert.ok(
          Buffer.from(exportOnnx(result.model, { producerVersion: "test" })).equals(Buffer.from(bytes)),
          `${result.threads} threads: same ONNX bytes`,
        );
      }
    }
  });

  test("every pass spread over 1 to 4 threads gives the same gradients, losses and weights, bit for bit", async () => {
    const layout = layoutOf([
      { inputs: train.width, units: 12, activation: "relu" },
      { inputs: 12, units: 5, activation: "relu" },
      { inputs: 5, units: 1, activation: "sigmoid" },
    ]);
    const order = Int32Array.from({ length: train.rows }, (_, i) => (i * 7919) % train.rows);
    const run = async (threads: number) => {
      const pool = MlpPool.start({
        layout,
        datasets: [train, train],
        rowsets: [order, order],
        batchSize: 100,
        threads,
        schedule: "parallel",
      });
      try {
        await pool.ready();
        const random = mulberry32(5);
        for (let p = 0; p < layout.size; p++) pool.shared.params[p] = random() - 0.5;
        const adam = new Adam(layout.size, 0.01);
        const losses: number[] = [];
        // 97 rows: shards of 24 and 25 rows, a batch that does not divide evenly.
        for (let start = 0; start + 97 <= 1200; start += 97) {
          for (let i = 0; i < 97 * layout.maskWidth; i++) pool.shared.masks[i] = random() < 0.3 ? 0 : 1 / 0.7;
          const { loss, correct } = await pool.computeGradient(0, 0, start, 97, true);
          losses.push(loss, correct);
          adam.step(pool.shared.params, pool.gradient);
        }
        const evaluation = await pool.evaluate(0, 1, 0, train.rows);
        return { params: Buffer.from(Float64Array.from(pool.shared.params).buffer), losses, evaluation, passes: { ...pool.passes } };
      } finally {
        await pool.close();
      }
    };
    const one = await run(1);
    assert.equal(one.passes.parallel, 0);
    for (const threads of [2, 3, 4]) {
      const other = await run(threads);
      assert.equal(other.passes.alone, 0, `${threads} threads: every pass went to the workers`);
      assert.ok(other.passes.parallel > 0);
      assert.deepEqual(other.losses, one.losses, `${threads} threads`);
      assert.deepEqual(other.evaluation, one.evaluation, `${threads} threads`);
      assert.ok(other.params.equals(one.params), `${threads} threads: same weights`);
    }
    assert.ok(SHARDS >= 4, "up to four threads get shards of their own");
  });

  test("the WebAssembly Adam step (pool.step) gives exactly the JavaScript Adam's weights", async () => {
    const layout = layoutOf([
      { inputs: train.width, units: 7, activation: "tanh" },
      { inputs: 7, units: 1, activation: "sigmoid" },
    ]);
    const order = Int32Array.from({ length: train.rows }, (_, i) => i);
    const start = (threads: number) =>
      MlpPool.start({ layout, datasets: [train, train], rowsets: [order, order], batchSize: 64, threads, learningRate: 0.02 });
    const wasm = start(2);
    const plain = start(1);
    try {
      const random = mulberry32(9);
      for (let p = 0; p < layout.size; p++) wasm.shared.params[p] = plain.shared.params[p] = random() - 0.5;
      const adam = new Adam(layout.size, 0.02);
      for (let offset = 0; offset + 64 <= 640; offset += 64) {
        const a = await wasm.step(0, 0, offset, 64, false);
        const b = await plain.computeGradient(0, 0, offset, 64, false);
        adam.step(plain.shared.params, plain.gradient);
        assert.deepEqual(a, b);
      }
      assert.ok(
        Buffer.from(Float64Array.from(wasm.shared.params).buffer).equals(Buffer.from(Float64Array.from(plain.shared.params).buffer)),
      );
    } finally {
      await wasm.close();
      await plain.close();
    }
  });

  test("a worker's failure is thrown from the pass, its workers are terminated, and the next pool works", async () => {
    const layout = layoutOf([
      { inputs: train.width, units: 4, activation: "relu" },
      { inputs: 4, units: 1, activation: "sigmoid" },
    ]);
    // Rows 2 and 3 (shard 1 of 8 rows: the worker's, not this thread's) point far outside the data.
    const rows = Int32Array.from([0, 1, 1e9, 1e9, 4, 5, 6, 7]);
    const pool = MlpPool.start({ layout, datasets: [train, train], rowsets: [rows, rows], batchSize: 8, threads: 2, schedule: "parallel" });
    await pool.ready();
    await assert.rejects(pool.step(0, 0, 0, 8, false), /out of bounds/);
    await pool.close();
    const next = MlpPool.start({
      layout,
      datasets: [train, train],
      rowsets: [order(train.rows), order(train.rows)],
      batchSize: 8,
      threads: 2,
      schedule: "parallel",
    });
    try {
      await next.ready();
      const result = await next.step(0, 0, 0, 8, false);
      assert.ok(Number.isFinite(result.loss));
      assert.equal(next.passes.parallel, 1);
    } finally {
      await next.close();
    }
  });

  test("a bad MODELSHIP_THREADS is a UserError naming the variable", async () => {
    for (const value of ["0", "two", "-1", "1.5"]) {
      await assert.rejects(withThreadsEnv(value, options(train)), (error: unknown) => {
        assert.ok(isUserError(error), String(error));
        assert.match(error.message, /MODELSHIP_THREADS/);
        return true;
      });
    }
  });
});
