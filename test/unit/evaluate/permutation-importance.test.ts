/**
 * Permutation importance on hand-derivable cases (a fake model that reads one column), the seeded
 * permutations and reservoir sample, and the two-level bootstrap interval's behaviour.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RawValue } from "../../../src/data/readers/table.ts";
import type { ModelOutputs } from "../../../src/evaluate/collect.ts";
import type { ModelData } from "../../../src/evaluate/metric-set.ts";
import type { Prediction } from "../../../src/evaluate/onnx-output-reading.ts";
import { importancePermutation, permutationImportance, type ImportanceOptions } from "../../../src/evaluate/permutation-importance.ts";
import type { PredictBatch } from "../../../src/evaluate/predict-batch.ts";
import { RowReservoir } from "../../../src/evaluate/row-reservoir.ts";

/** A classifier whose label is column `a` (0 or 1) and that never looks at `b`; it counts the rows it is asked to predict. */
function labelModel(): { predict(batch: PredictBatch): Promise<Prediction>; batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    predict(batch) {
      batches.push(batch.rows);
      const a = batch.columns.get("a")!;
      return Promise.resolve({ labels: a.map((value) => String(value)) });
    },
  };
}

function options(a: number[], y: number[], extra: Partial<ImportanceOptions> = {}): ImportanceOptions {
  const n = a.length;
  const yClass = Int32Array.from(y);
  return {
    sample: {
      rows: Int32Array.from({ length: n }, (_, i) => i),
      columns: new Map<string, RawValue[]>([
        ["a", a],
        ["b", a.map((_, i) => i % 3)],
      ]),
      seen: n,
    },
    features: ["a", "b"],
    model: labelModel(),
    baseline: { kind: "classification", data: { classes: 2, y: yClass, pred: Int32Array.from(a) } },
    toData: (outputs: ModelOutputs): ModelData => {
      const ids = outputs.labelIds!.values();
      return {
        kind: "classification",
        data: { classes: 2, y: yClass, pred: Int32Array.from(ids, (id) => Number(outputs.labelTexts.texts[id])) },
      };
    },
    metric: "accuracy",
    repeats: 4,
    batchSize: 3,
    seed: 11,
    resamples: 200,
    confidence: 0.95,
    ...extra,
  };
}

describe("permutation importance", () => {
  test("a column the model reads loses exactly the rows whose value the permutation changed; one it ignores loses nothing", async () => {
    const a = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1];
    const result = await permutationImportance(options(a, a));
    // Baseline accuracy is 1 (the label is a). After permutation p, row i is right iff a[p[i]] = a[i].
    const expected = Array.from({ length: 4 }, (_, r) => {
      const p = importancePermutation(11, r, a.length);
      return a.filter((value, i) => a[p[i]!] !== value).length / a.length;
    });
    const mean = expected.reduce((s, v) => s + v, 0) / 4;
    const std = Math.sqrt(expected.reduce((s, v) => s + (v - mean) ** 2, 0) / 4);
    const [colA, colB] = result.features;
    assert.equal(result.baseline, 1);
    assert.deepEqual(colA!.drops, expected);
    assert.ok(Math.abs(colA!.importance! - mean) < 1e-15);
    assert.ok(Math.abs(colA!.std! - std) < 1e-15);
    assert.ok(mean > 0, "the permutations must move some rows");
    assert.deepEqual(colB!.drops, [0, 0, 0, 0]);
    assert.equal(colB!.importance, 0);
    assert.deepEqual(colB!.ci, [0, 0]);
  });

  test("two rows: a swap costs all the accuracy, the identity none", async () => {
    const result = await permutationImportance(options([0, 1], [0, 1], { repeats: 16, resamples: 0 }));
    const swaps = Array.from({ length: 16 }, (_, r) => importancePermutation(11, r, 2)[0] === 1);
    assert.ok(swaps.includes(true) && swaps.includes(false), "16 seeded shuffles of two rows give both outcomes");
    assert.deepEqual(
      result.features[0]!.drops,
      swaps.map((swap) => (swap ? 1 : 0)),
    );
    assert.equal(result.features[0]!.ci, undefined, "resamples: 0 gives no interval");
  });

  test("the model runs in chunks of batchSize and on nothing beyond the sample", async () => {
    const a = [0, 1, 1, 0, 1, 0, 0];
    const opts = options(a, a, { batchSize: 3, repeats: 2 });
    await permutationImportance(opts);
    const batches = (opts.model as ReturnType<typeof labelModel>).batches;
    // 2 features × 2 repeats × chunks of 3, 3 and 1 rows.
    assert.deepEqual(batches, Array.from({ length: 4 }, () => [3, 3, 1]).flat());
  });

  test("a metric where lower is better counts its rise: rmse of a regressor that returns column a", async () => {
    const a = [1, 5, 2, 8, 3, 9];
    const y = Float64Array.from(a);
    const result = await permutationImportance({
      ...options(
        a,
        a.map(() => 0),
      ),
      model: { predict: (batch) => Promise.resolve({ values: Float64Array.from(batch.columns.get("a")!, Number) }) },
      baseline: { kind: "regression", data: { y, pred: Float64Array.from(a) } },
      toData: (outputs) => ({ kind: "regression", data: { y, pred: outputs.values!.values().slice() } }),
      metric: "rmse",
      features: ["a"],
    });
    const expected = Array.from({ length: 4 }, (_, r) => {
      const p = importancePermutation(11, r, a.length);
      return Math.sqrt(a.reduce((s, v, i) => s + (a[p[i]!]! - v) ** 2, 0) / a.length);
    });
    assert.equal(result.baseline, 0);
    result.features[0]!.drops.forEach((drop, r) => {
      assert.ok(Math.abs(drop! - expected[r]!) < 1e-12);
    });
    assert.ok(result.features[0]!.importance! > 0);
  });

  test("the interval is seeded, brackets the drops' spread, and narrows with more rows", async () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 5 < 2 ? 1 : 0));
    const small = make(60);
    const first = await permutationImportance(options(small, small));
    const again = await permutationImportance(options(small, small));
    assert.deepEqual(first.features[0]!.ci, again.features[0]!.ci);
    const [low, high] = first.features[0]!.ci!;
    assert.ok(low <= first.features[0]!.importance! && first.features[0]!.importance! <= high);
    const large = make(2000);
    const wide = await permutationImportance(options(large, large));
    const width = (ci: [number, number]) => ci[1] - ci[0];
    assert.ok(width(wide.features[0]!.ci!) < width(first.features[0]!.ci!) / 2, "√(2000/60) ≈ 5.8 times narrower in theory");
  });
});

describe("the reservoir sample", () => {
  const batch = (from: number, n: number) => new Map([["x", Array.from({ length: n }, (_, i) => from + i)]]);

  test("keeps every row, in order, while there are no more than its capacity", () => {
    const reservoir = new RowReservoir({ capacity: 10, seed: 3, columns: ["x"] });
    const values = batch(100, 7);
    for (let r = 0; r < 7; r++) reservoir.offer(r, values, r);
    const sample = reservoir.sample();
    assert.deepEqual([...sample.rows], [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(sample.columns.get("x"), [100, 101, 102, 103, 104, 105, 106]);
    assert.equal(sample.seen, 7);
  });

  test("past its capacity it is a uniform sample: each of 20 rows is kept 5 times in 20 over many seeds", () => {
    const counts = new Array<number>(20).fill(0);
    const seeds = 4000;
    for (let seed = 0; seed < seeds; seed++) {
      const reservoir = new RowReservoir({ capacity: 5, seed, columns: ["x"] });
      const values = batch(0, 20);
      for (let r = 0; r < 20; r++) reservoir.offer(r, values, r);
      const sample = reservoir.sample();
      assert.equal(sample.rows.length, 5);
      assert.deepEqual(
        [...sample.rows],
        [...sample.rows].sort((a, b) => a - b),
      );
      assert.deepEqual(sample.columns.get("x"), [...sample.rows]);
      for (const row of sample.rows) counts[row]!++;
    }
    // Binomial(4000, 1/4): sd ≈ 27.4, so 5 sd is ≈ 137 around 1000.
    for (const count of counts) assert.ok(Math.abs(count - seeds / 4) < 137, `kept ${count} times`);
  });
});
