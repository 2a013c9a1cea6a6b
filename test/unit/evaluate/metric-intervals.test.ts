/**
 * Bootstrap intervals of metrics and champion differences: rows merged into units give the very
 * same metrics, the label-stratified percentile interval of accuracy matches its analytic width,
 * paired differences of a model with itself are exactly zero, and a seed fixes everything.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mergeRows, metricIntervals } from "../../../src/evaluate/metric-intervals.ts";
import { prepareMetrics, type ModelData } from "../../../src/evaluate/metric-set.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";

/** Binary data; `levels` distinct score values (0 = continuous scores). */
function binary(n: number, levels: number, seed: number): ModelData {
  const random = mulberry32(seed);
  const y = new Int32Array(n);
  const proba = new Float64Array(n * 2);
  const pred = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    y[r] = random() < 0.3 ? 1 : 0;
    let p = Math.min(1, Math.max(0, 0.3 + (y[r] ? 0.25 : -0.1) + (random() - 0.5) * 0.7));
    if (levels > 0) p = Math.round(p * (levels - 1)) / (levels - 1);
    proba[r * 2] = 1 - p;
    proba[r * 2 + 1] = p;
    pred[r] = p >= 0.5 ? 1 : 0;
  }
  return { kind: "classification", data: { classes: 2, y, pred, proba } };
}

/** The half-width of accuracy's normal interval under label-stratified resampling: Σ_s n_s p_s (1 − p_s) / n². */
function stratifiedHalfWidth(model: ModelData): { accuracy: number; halfWidth: number } {
  if (model.kind !== "classification") throw new Error("classification only");
  const { y, pred } = model.data;
  const n = y.length;
  let variance = 0;
  let correct = 0;
  for (const stratum of [0, 1]) {
    let size = 0;
    let right = 0;
    for (let r = 0; r < n; r++) {
      if (y[r] !== stratum) continue;
      size++;
      if (pred[r] === y[r]) right++;
    }
    const p = right / size;
    variance += size * p * (1 - p);
    correct += right;
  }
  return { accuracy: correct / n, halfWidth: 1.959964 * Math.sqrt(variance / (n * n)) };
}

describe("metric intervals", () => {
  test("rows merged into units weigh exactly as the rows did", () => {
    for (const levels of [0, 21]) {
      const model = binary(3000, levels, 4);
      if (model.kind !== "classification") throw new Error("classification");
      // The champion: the same rows scored on 7 levels (rows are merged on both models' scores).
      const coarse = model.data.proba!.map((p) => Math.round(p * 6) / 6);
      const champion: ModelData = {
        kind: "classification",
        data: { ...model.data, proba: coarse, pred: Int32Array.from(model.data.y, (_, r) => (coarse[r * 2 + 1]! >= 0.5 ? 1 : 0)) },
      };
      const units = mergeRows(model, champion);
      if (levels > 0) assert.ok(units.multiplicity.length < 200, "few distinct (label, score) pairs become few units");
      const wanted = ["accuracy", "balanced_accuracy", "f1", "roc_auc", "average_precision", "log_loss", "brier", "ece"] as const;
      const rows = prepareMetrics(model, wanted)();
      const merged = prepareMetrics(units.challenger, wanted)(units.multiplicity);
      for (const name of wanted) assert.ok(Math.abs(rows[name]! - merged[name]!) <= 1e-12, `${name}: ${rows[name]} vs ${merged[name]}`);
      const theirs = prepareMetrics(champion, wanted)();
      const theirsMerged = prepareMetrics(units.champion!, wanted)(units.multiplicity);
      for (const name of wanted) assert.ok(Math.abs(theirs[name]! - theirsMerged[name]!) <= 1e-12, `champion ${name}`);
    }
  });

  for (const [what, levels] of [
    ["continuous scores (rows drawn)", 0],
    ["21 score levels (units drawn by conditional binomials)", 21],
  ] as const) {
    test(`accuracy's 95% interval has the analytic stratified width: ${what}`, async () => {
      const model = binary(4000, levels, 9);
      const { accuracy, halfWidth } = stratifiedHalfWidth(model);
      const interval = (
        await metricIntervals({
          challenger: model,
          metrics: ["accuracy"],
          differences: [],
          resamples: 2000,
          seed: 1,
          confidence: 0.95,
        })
      ).metric.get("accuracy")!;
      // The percentile endpoints carry Monte Carlo error of about 3% of the half-width with 2,000 resamples.
      assert.ok(Math.abs(interval[0] - (accuracy - halfWidth)) < 0.12 * halfWidth, `lower ${interval[0]} vs ${accuracy - halfWidth}`);
      assert.ok(Math.abs(interval[1] - (accuracy + halfWidth)) < 0.12 * halfWidth, `upper ${interval[1]} vs ${accuracy + halfWidth}`);
    });
  }

  test("the paired difference of a model with itself is exactly 0 on every resample; a better model's difference is positive", async () => {
    const model = binary(2000, 0, 3);
    const same = await metricIntervals({
      challenger: model,
      champion: model,
      metrics: [],
      differences: ["roc_auc", "accuracy"],
      resamples: 300,
      seed: 2,
      confidence: 0.95,
    });
    assert.deepEqual(same.difference.get("roc_auc"), [0, 0]);
    assert.deepEqual(same.difference.get("accuracy"), [0, 0]);
    if (model.kind !== "classification") throw new Error("classification");
    // A champion that scores at random is worse: the challenger's AUC difference interval lies above 0.
    const random = mulberry32(8);
    const noise = Float64Array.from({ length: model.data.y.length * 2 }, (_, i) => (i % 2 === 1 ? random() : 0));
    for (let r = 0; r < model.data.y.length; r++) noise[r * 2] = 1 - noise[r * 2 + 1]!;
    const champion: ModelData = {
      kind: "classification",
      data: {
        ...model.data,
        proba: noise,
        pred: Int32Array.from({ length: model.data.y.length }, (_, r) => (noise[r * 2 + 1]! >= 0.5 ? 1 : 0)),
      },
    };
    const better = await metricIntervals({
      challenger: model,
      champion,
      metrics: [],
      differences: ["roc_auc"],
      resamples: 300,
      seed: 2,
      confidence: 0.95,
    });
    assert.ok(better.difference.get("roc_auc")![0] > 0);
  });

  test("a seed fixes the intervals; another seed moves them", async () => {
    const model = binary(1500, 11, 6);
    const run = (seed: number) =>
      metricIntervals({ challenger: model, metrics: ["roc_auc", "log_loss"], differences: [], resamples: 200, seed, confidence: 0.9 });
    assert.deepEqual((await run(5)).metric, (await run(5)).metric);
    assert.notDeepEqual((await run(5)).metric.get("roc_auc"), (await run(6)).metric.get("roc_auc"));
  });

  test("no resamples, no intervals", async () => {
    const none = await metricIntervals({
      challenger: binary(100, 0, 1),
      metrics: ["accuracy"],
      differences: [],
      resamples: 0,
      seed: 1,
      confidence: 0.95,
    });
    assert.equal(none.metric.size, 0);
  });
});

describe("metric intervals past one generator stream", () => {
  test("more row draws than one stream gives run in chunks on streams of their own, deterministically, with the same interval", async () => {
    const model = binary(3000, 0, 2);
    const options = { challenger: model, metrics: ["accuracy" as const], differences: [], resamples: 400, seed: 1, confidence: 0.95 };
    // 3,000 rows × 400 resamples = 1.2e6 draws; a stream of 30,000 draws holds 10 resamples.
    const chunked = await metricIntervals({ ...options, maxDrawsPerStream: 30_000 });
    assert.deepEqual(chunked.metric, (await metricIntervals({ ...options, maxDrawsPerStream: 30_000 })).metric);
    const whole = (await metricIntervals(options)).metric.get("accuracy")!;
    const parts = chunked.metric.get("accuracy")!;
    const { halfWidth } = stratifiedHalfWidth(model);
    assert.ok(
      Math.abs(parts[0] - whole[0]) < 0.25 * halfWidth && Math.abs(parts[1] - whole[1]) < 0.25 * halfWidth,
      `${JSON.stringify(parts)} vs ${JSON.stringify(whole)}`,
    );
  });
});
