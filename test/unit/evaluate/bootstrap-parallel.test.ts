/**
 * The fast bootstrap of metric intervals (bootstrap-replicates.ts, replicate-metrics.ts,
 * bootstrap-pool.ts) gives the very intervals of the plain algorithm it replaced, bit for bit:
 * replicate r's resample counts drawn one by one from the shared mulberry32 generator (rows) or the
 * exact multinomial per replicate (few units), unit weights summed from row weights, every metric from
 * `classificationMetrics` / `regressionMetrics`, numpy's percentiles. That plain algorithm is written out
 * below, slowly and directly. The intervals are also the same whatever the number of worker threads.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { mulberry32, streamSeed } from "../../../src/common/seeded-random.ts";
import { BOOTSTRAP_STREAM, bootstrap, drawInto, multinomial, percentileInterval, rowStreamStart } from "../../../src/evaluate/bootstrap.ts";
import { runReplicates } from "../../../src/evaluate/bootstrap-pool.ts";
import { drawPlan, mergeRows, metricIntervals, type IntervalOptions, type Intervals } from "../../../src/evaluate/metric-intervals.ts";
import { prepareMetrics, type ModelData } from "../../../src/evaluate/metric-set.ts";
import { classificationMetrics, type ClassificationData, type MetricName } from "../../../src/evaluate/metrics.ts";
import { binaryUnitMetrics } from "../../../src/evaluate/replicate-metrics.ts";

const BINARY: MetricName[] = [
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece",
];

/** Binary data: continuous scores (levels 0, all distinct) or `levels` score values. */
function binary(n: number, levels: number, seed: number): ModelData & { kind: "classification" } {
  const random = mulberry32(seed);
  const y = new Int32Array(n);
  const proba = new Float64Array(n * 2);
  const pred = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    y[r] = random() < 0.3 ? 1 : 0;
    // A logistic of a shifted uniform: never exactly 0 or 1, so continuous scores stay distinct.
    let p = 1 / (1 + Math.exp(-((y[r] ? 1.2 : -0.6) + (random() - 0.5) * 5)));
    if (levels > 0) p = Math.round(p * (levels - 1)) / (levels - 1);
    proba[r * 2] = 1 - p;
    proba[r * 2 + 1] = p;
    pred[r] = p >= 0.5 ? 1 : 0;
  }
  return { kind: "classification", data: { classes: 2, y, pred, proba } };
}

/** The plain algorithm: one replicate after another, each statistic from the generic metric code. */
function plainIntervals(options: IntervalOptions): Intervals {
  const result: Intervals = { metric: new Map(), difference: new Map() };
  const metrics = [...new Set(options.metrics)];
  const differences = options.champion === undefined ? [] : [...new Set(options.differences)];
  const wanted = [...new Set([...metrics, ...differences])];
  const units = mergeRows(options.challenger, options.champion);
  const ours = prepareMetrics(units.challenger, wanted);
  const theirs = units.champion === undefined ? undefined : prepareMetrics(units.champion, wanted);
  const rows = units.unitOfRow.length;
  const unitCount = units.multiplicity.length;
  const replicates = Array.from({ length: metrics.length + differences.length }, () => new Float64Array(options.resamples));
  const strata = options.challenger.kind === "classification" ? options.challenger.data.y : new Int32Array(rows);
  const strataCount = Math.max(...strata) + 1;
  const rowsOf = Array.from({ length: strataCount }, (_, s) => [...strata.keys()].filter((row) => strata[row] === s));
  const random = mulberry32(streamSeed(options.seed, BOOTSTRAP_STREAM));
  for (let r = 0; r < options.resamples; r++) {
    const weights = new Float64Array(unitCount);
    if (unitCount * 4 > rows) {
      // Each stratum's rows drawn one uniform at a time, the stratum's size of them, stratum after stratum.
      for (const members of rowsOf)
        for (let j = 0; j < members.length; j++) weights[units.unitOfRow[members[Math.floor(random() * members.length)]!]!]!++;
    } else {
      const own = mulberry32(streamSeed(options.seed, r));
      for (let s = 0; s < units.strata; s++) {
        const list = [...units.stratum.keys()].filter((u) => units.stratum[u] === s);
        if (list.length === 0) continue;
        const counts = new Float64Array(list.length);
        const cellWeights = list.map((u) => units.multiplicity[u]!);
        multinomial(
          own,
          cellWeights.reduce((sum, w) => sum + w, 0),
          cellWeights,
          counts,
        );
        list.forEach((u, i) => (weights[u] = counts[i]!));
      }
    }
    const own = ours(weights);
    const other = theirs?.(weights);
    metrics.forEach((name, s) => (replicates[s]![r] = own[name] ?? Number.NaN));
    differences.forEach((name, d) => (replicates[metrics.length + d]![r] = (own[name] ?? Number.NaN) - (other?.[name] ?? Number.NaN)));
  }
  metrics.forEach((name, i) => {
    const interval = percentileInterval(replicates[i]!, options.confidence);
    if (interval !== undefined) result.metric.set(name, interval);
  });
  differences.forEach((name, i) => {
    const interval = percentileInterval(replicates[metrics.length + i]!, options.confidence);
    if (interval !== undefined) result.difference.set(name, interval);
  });
  return result;
}

describe("replicate r on its own", () => {
  test("rowStreamStart(seed, rows, r) draws exactly bootstrap()'s counts of replicate r, strata included", () => {
    const rows = 1000;
    const strata = Int32Array.from({ length: rows }, (_, i) => (i * 7919) % 3);
    const seen: Float64Array[] = [];
    bootstrap({
      rows,
      resamples: 6,
      seed: 42,
      strata,
      statistic: (weights) => {
        seen.push(weights.slice());
        return [0];
      },
    });
    // Stratum-grouped positions, as bootstrap draws them.
    const members = [0, 1, 2].flatMap((s) => [...strata.keys()].filter((row) => strata[row] === s));
    const sizes = [0, 1, 2].map((s) => strata.filter((id) => id === s).length);
    for (const r of [5, 0, 3]) {
      const counts = new Int32Array(rows);
      let state = rowStreamStart(42, rows, r);
      let start = 0;
      for (const size of sizes) {
        state = drawInto(counts, state, start, size);
        start += size;
      }
      const weights = new Float64Array(rows);
      members.forEach((row, position) => (weights[row] = counts[position]!));
      assert.deepEqual(weights, seen[r], `replicate ${r}`);
    }
  });
});

describe("binaryUnitMetrics", () => {
  const cases: [string, ClassificationData][] = [
    ["all-distinct scores", binary(3000, 0, 1).data],
    ["9 score levels (tie groups of both labels)", binary(3000, 9, 2).data],
    ["labels only", { ...binary(500, 0, 3).data, proba: undefined }],
    [
      "probabilities outside [0, 1] (no Brier, no ECE)",
      { ...binary(400, 0, 4).data, proba: binary(400, 0, 4).data.proba!.map((p) => p * 1.5 - 0.2) },
    ],
    [
      "a NaN probability (no probability metric)",
      { ...binary(300, 0, 5).data, proba: binary(300, 0, 5).data.proba!.map((p, i) => (i === 8 ? NaN : p)) },
    ],
  ];
  for (const [what, data] of cases) {
    test(`gives classificationMetrics' numbers bit for bit: ${what}`, () => {
      const units = mergeRows({ kind: "classification", data }, undefined);
      if (units.challenger.kind !== "classification") throw new Error("classification");
      const fast = binaryUnitMetrics(units.challenger.data, BINARY);
      assert.ok(fast !== undefined);
      const random = mulberry32(9);
      const n = units.multiplicity.length;
      const vectors = [
        units.multiplicity,
        // Resample-like counts, many zeros among them.
        ...Array.from({ length: 20 }, () => Float64Array.from({ length: n }, () => Math.floor(-Math.log(1 - random()) * 1.2))),
        // Only negatives weighted, then only positives: AUC undefined, AP 0 or undefined.
        Float64Array.from(units.challenger.data.y, (label) => (label === 0 ? 2 : 0)),
        Float64Array.from(units.challenger.data.y, (label) => (label === 1 ? 1 : 0)),
        new Float64Array(n),
      ];
      for (const weights of vectors) {
        const expected: Partial<Record<MetricName, number>> = {};
        for (const [name, value] of Object.entries(classificationMetrics(units.challenger.data, weights)) as [MetricName, number][])
          if (BINARY.includes(name) && Number.isFinite(value)) expected[name] = value;
        assert.deepEqual(fast(weights), expected);
      }
    });
  }

  test("declines multiclass data and scores out of descending order", () => {
    const three: ClassificationData = { classes: 3, y: Int32Array.of(0, 1, 2), pred: Int32Array.of(0, 1, 2) };
    assert.equal(binaryUnitMetrics(three, ["accuracy"]), undefined);
    const ascending: ClassificationData = {
      classes: 2,
      y: Int32Array.of(0, 1),
      pred: Int32Array.of(0, 1),
      proba: Float64Array.of(0.9, 0.1, 0.2, 0.8),
    };
    assert.equal(binaryUnitMetrics(ascending, ["roc_auc"]), undefined);
  });
});

describe("metric intervals equal the plain algorithm's, bit for bit", () => {
  const champion = (model: ModelData & { kind: "classification" }, seed: number): ModelData => {
    const random = mulberry32(seed);
    const proba = model.data.proba!.map((p, i) => (i % 2 === 1 ? Math.min(1, Math.max(0, p + (random() - 0.5) * 0.4)) : 0));
    for (let r = 0; r < model.data.y.length; r++) proba[r * 2] = 1 - proba[r * 2 + 1]!;
    return {
      kind: "classification",
      data: { ...model.data, proba, pred: Int32Array.from(model.data.y, (_, r) => (proba[r * 2 + 1]! >= 0.5 ? 1 : 0)) },
    };
  };
  const regression = (n: number): ModelData => {
    const random = mulberry32(12);
    const y = Float64Array.from({ length: n }, () => random() * 10);
    return { kind: "regression", data: { y, pred: y.map((v) => v + (random() - 0.5) * 3) } };
  };
  const cases: [string, Omit<IntervalOptions, "resamples" | "seed" | "confidence">][] = [
    ["all-distinct scores (rows drawn)", { challenger: binary(4000, 0, 21), metrics: BINARY, differences: [] }],
    ["21 score levels (units drawn)", { challenger: binary(4000, 21, 22), metrics: BINARY, differences: [] }],
    [
      "a champion (paired differences, champion metrics the generic way)",
      {
        challenger: binary(3000, 0, 23),
        champion: champion(binary(3000, 0, 23), 5),
        metrics: ["roc_auc"],
        differences: ["roc_auc", "log_loss"],
      },
    ],
    ["regression (no strata)", { challenger: regression(2500), metrics: ["mae", "rmse", "r2", "mape"], differences: [] }],
  ];
  for (const [what, base] of cases) {
    test(what, async () => {
      const options: IntervalOptions = { ...base, resamples: 120, seed: 77, confidence: 0.9 };
      const expected = plainIntervals(options);
      assert.ok(expected.metric.size + expected.difference.size > 0);
      for (const threads of [1, 2, 3]) assert.deepEqual(await metricIntervals({ ...options, threads }), expected, `${threads} thread(s)`);
    });
  }
});

describe("mergeRows", () => {
  /** Checks the units against the rows, from the definition: units in descending leading key, each row equal to its unit, neighbours distinct. */
  function checkUnits(model: ModelData): void {
    const units = mergeRows(model, undefined);
    const n = model.data.y.length;
    const keyOf = (data: ModelData, i: number): number[] =>
      data.kind === "regression"
        ? [data.data.pred[i]!, data.data.y[i]!]
        : [
            ...Array.from(data.data.proba?.subarray(i * data.data.classes, (i + 1) * data.data.classes) ?? []).reverse(),
            data.data.y[i]!,
            data.data.pred[i]!,
          ];
    const unitCount = units.multiplicity.length;
    const seen = new Float64Array(unitCount);
    for (let r = 0; r < n; r++) {
      const u = units.unitOfRow[r]!;
      seen[u]!++;
      // −0 and +0 are one unit; compare as numbers.
      assert.ok(
        keyOf(model, r).every((value, k) => value === keyOf(units.challenger, u)[k]),
        `row ${r} differs from its unit ${u}`,
      );
    }
    assert.deepEqual(seen, units.multiplicity);
    for (let u = 1; u < unitCount; u++) {
      const [before, after] = [keyOf(units.challenger, u - 1), keyOf(units.challenger, u)];
      assert.ok(before[0]! >= after[0]!, `unit ${u} is out of descending order`);
      assert.ok(
        before.some((value, k) => value !== after[k]),
        `units ${u - 1} and ${u} are equal`,
      );
    }
  }

  test("units are the distinct rows in descending order of the leading score, each row in its own unit", () => {
    checkUnits(binary(5000, 0, 41));
    checkUnits(binary(5000, 13, 42));
    const random = mulberry32(43);
    // Regression with negative, positive and signed-zero predictions, repeated.
    const levels = [-3.5, -1e-300, -0, 0, 2e-308, 7.25, 1e300];
    const pred = Float64Array.from({ length: 4000 }, () => levels[Math.floor(random() * levels.length)]!);
    checkUnits({ kind: "regression", data: { y: Float64Array.from(pred, () => Math.floor(random() * 3)), pred } });
    checkUnits({
      kind: "regression",
      data: { y: new Float64Array(3000), pred: Float64Array.from({ length: 3000 }, () => (random() - 0.5) * 1e6) },
    });
  });
});

describe("counting draws in bytes", () => {
  test("gives the replicates that 32-bit counts give", async () => {
    const model = binary(3000, 0, 31);
    const units = mergeRows(model, undefined);
    const draws = drawPlan(units, { strata: model.data.y });
    assert.equal(draws.kind, "rows");
    if (draws.kind !== "rows") return;
    const job = { seed: 8, unitCount: units.multiplicity.length, challenger: units.challenger, metrics: BINARY, differences: [] };
    const options = { resamples: 60, rows: 3000, threads: 1 };
    const bytes = await runReplicates({ ...job, draws }, options);
    const words = await runReplicates({ ...job, draws: { ...draws, countBits: 32 } }, options);
    assert.deepEqual(bytes, words);
    assert.ok(
      bytes[0]!.some((value) => value !== bytes[0]![0]),
      "the replicates differ from one another",
    );
  });
});

describe("worker threads", () => {
  test("a bad MODELSHIP_THREADS is a UserError naming it", async () => {
    const saved = process.env.MODELSHIP_THREADS;
    process.env.MODELSHIP_THREADS = "zero";
    try {
      await assert.rejects(
        metricIntervals({ challenger: binary(50, 0, 1), metrics: ["accuracy"], differences: [], resamples: 10, seed: 1, confidence: 0.95 }),
        (error: unknown) => isUserError(error) && error.message.includes("MODELSHIP_THREADS"),
      );
    } finally {
      if (saved === undefined) delete process.env.MODELSHIP_THREADS;
      else process.env.MODELSHIP_THREADS = saved;
    }
  });

  test("a failing worker rejects the run and every worker is stopped (the test process exits)", async () => {
    const model = binary(200, 0, 1);
    const units = mergeRows(model, undefined);
    // proba of the wrong size: the metric code throws while the workers prepare the job.
    const broken: ModelData = {
      kind: "classification",
      data: { ...(units.challenger.data as ClassificationData), proba: new Float64Array(3) },
    };
    await assert.rejects(
      runReplicates(
        {
          draws: { kind: "units", strata: [{ list: Int32Array.of(0), weights: Float64Array.of(1), total: 1 }] },
          seed: 1,
          unitCount: units.multiplicity.length,
          challenger: broken,
          metrics: ["roc_auc"],
          differences: [],
        },
        { resamples: 100, rows: 200, threads: 2, forceThreads: true },
      ),
      /proba has 3 entries/,
    );
  });
});
