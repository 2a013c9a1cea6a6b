/**
 * The seeded bootstrap: determinism, exact resampling-with-replacement counts (checked against the
 * shared mulberry32 generator), the bootstrap distribution of a mean against theory, numpy's quantile,
 * and the exact binomial / multinomial samplers against their moments and scipy's binomial pmf.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BOOTSTRAP_STREAM, binomial, bootstrap, multinomial, percentileInterval, quantile } from "../../../src/evaluate/bootstrap.ts";
import { mulberry32, streamSeed } from "../../../src/common/seeded-random.ts";
import { python } from "../../support/python.ts";

// Reproducible test data from the shared generator (independent of the bootstrap's own stream id).
function uniformValues(n: number, seed: number, map: (u: number) => number = (u) => u): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n }, () => map(random()));
}

function weightedMean(weights: Float64Array, values: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    sum += weights[i]! * values[i]!;
    total += weights[i]!;
  }
  return sum / total;
}

function meanAndVariance(values: ArrayLike<number>, ddof: number): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - mean) ** 2;
  return { mean, variance: sum / (values.length - ddof) };
}

// Runs a bootstrap and keeps a copy of every replicate's counts.
function captureCounts(rows: number, resamples: number, seed: number, strata?: Int32Array, statistics = 1): Float64Array[] {
  const counts: Float64Array[] = [];
  bootstrap({
    rows,
    resamples,
    seed,
    strata,
    statistic: (weights) => {
      counts.push(Float64Array.from(weights));
      return Array.from({ length: statistics }, (_, s) => weights[s % rows]!);
    },
  });
  return counts;
}

describe("bootstrap resampling", () => {
  test("the same seed gives bit-identical replicates and a different seed gives different ones", () => {
    const values = uniformValues(1000, 1);
    const run = (seed: number) =>
      bootstrap({ rows: 1000, resamples: 200, seed, statistic: (weights) => [weightedMean(weights, values), weights[0]!] }).replicates;
    const first = run(42);
    assert.deepEqual(run(42), first);
    const other = run(43);
    assert.notDeepEqual(other[0], first[0]);
    assert.notDeepEqual(other[1], first[1]);
  });

  test("replicate counts are exactly m uniform draws per stratum from the shared mulberry32 stream", () => {
    const rows = 60;
    const strata = Int32Array.from({ length: rows }, (_, i) => (i * 7) % 3);
    const seed = 9;
    const got = captureCounts(rows, 6, seed, strata);
    // The definition, written out with the shared generator: strata in id order, rows ascending in each.
    const random = mulberry32(streamSeed(seed, BOOTSTRAP_STREAM));
    for (const counts of got) {
      const expected = new Float64Array(rows);
      for (let stratum = 0; stratum < 3; stratum++) {
        const members = [...strata.keys()].filter((i) => strata[i] === stratum);
        for (let j = 0; j < members.length; j++) expected[members[Math.floor(random() * members.length)]!]!++;
      }
      assert.deepEqual(counts, expected);
    }
    // And plain resampling is the same with one stratum.
    const plain = captureCounts(rows, 3, seed);
    const again = mulberry32(streamSeed(seed, BOOTSTRAP_STREAM));
    for (const counts of plain) {
      const expected = new Float64Array(rows);
      for (let j = 0; j < rows; j++) expected[Math.floor(again() * rows)]!++;
      assert.deepEqual(counts, expected);
    }
  });

  test("each replicate's counts sum to the rows and, per stratum, to the stratum's size", () => {
    const rows = 5000;
    // Uneven strata, including a singleton and an unused id (2).
    const strata = Int32Array.from({ length: rows }, (_, i) => (i === 17 ? 3 : i % 10 < 7 ? 0 : 1));
    const sizes = [0, 0, 0, 0];
    for (const id of strata) sizes[id]!++;
    for (const counts of captureCounts(rows, 50, 5, strata)) {
      const sums = [0, 0, 0, 0];
      counts.forEach((count, i) => {
        assert.ok(Number.isInteger(count) && count >= 0);
        sums[strata[i]!]! += count;
      });
      assert.deepEqual(sums, sizes);
      assert.equal(counts[17], 1, "a singleton stratum always draws its only row");
    }
    for (const counts of captureCounts(rows, 50, 5))
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        rows,
      );
  });

  test("replicate counts do not depend on how many statistics are computed", () => {
    assert.deepEqual(captureCounts(300, 20, 77, undefined, 1), captureCounts(300, 20, 77, undefined, 4));
  });

  test("the bootstrap variance of a mean matches population variance / n", () => {
    const n = 500;
    const resamples = 4000;
    const values = uniformValues(n, 3, (u) => -Math.log(1 - u)); // exponential: skewed on purpose
    const { mean, variance: populationVariance } = meanAndVariance(values, 0);
    const theory = populationVariance / n;
    const means = bootstrap({ rows: n, resamples, seed: 11, statistic: (weights) => [weightedMean(weights, values)] }).replicates[0]!;
    const observed = meanAndVariance(means, 1);
    // The replicate mean is ~normal, so its sample variance has SD ≈ theory·√(2/(R − 1)); allow 5 SD.
    assert.ok(
      Math.abs(observed.variance - theory) < 5 * theory * Math.sqrt(2 / (resamples - 1)),
      `variance ${observed.variance} vs ${theory}`,
    );
    // Its average estimates the sample mean with SE √(theory / R).
    assert.ok(Math.abs(observed.mean - mean) < 5 * Math.sqrt(theory / resamples), `mean ${observed.mean} vs ${mean}`);
  });

  test("the stratified bootstrap variance of a mean matches Σ (m_s/n)² σ²_s / m_s", () => {
    const n = 600;
    const resamples = 4000;
    const strata = Int32Array.from({ length: n }, (_, i) => (i < 150 ? 0 : 1));
    // Strata with very different means: fixing their sizes removes the between-strata variance.
    const values = uniformValues(n, 4, (u) => u).map((u, i) => (strata[i] === 0 ? 10 + u : u));
    let theory = 0;
    for (const stratum of [0, 1]) {
      const members = values.filter((_, i) => strata[i] === stratum);
      theory += (members.length / n) ** 2 * (meanAndVariance(members, 0).variance / members.length);
    }
    const means = bootstrap({ rows: n, resamples, seed: 12, strata, statistic: (weights) => [weightedMean(weights, values)] })
      .replicates[0]!;
    const observed = meanAndVariance(means, 1).variance;
    assert.ok(Math.abs(observed - theory) < 5 * theory * Math.sqrt(2 / (resamples - 1)), `variance ${observed} vs ${theory}`);
  });

  test("the percentile CI of the mean of a large normal sample is the analytic normal interval", () => {
    const n = 20_000;
    const resamples = 2000;
    // Box–Muller normals from the shared generator.
    const random = mulberry32(21);
    const values = Float64Array.from(
      { length: n },
      () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) * 3 + 5,
    );
    const { mean, variance } = meanAndVariance(values, 0);
    const standardError = Math.sqrt(variance / n);
    const z975 = 1.959963984540054; // scipy.stats.norm.ppf(0.975)
    const result = bootstrap({ rows: n, resamples, seed: 5, statistic: (weights) => [weightedMean(weights, values)] });
    const interval = percentileInterval(result.replicates[0]!)!;
    // A 2.5 % sample quantile of R replicates has SD ≈ √(q(1 − q)/R)/φ(z) in units of the SE (≈ 0.06 SE
    // for R = 2000); allow 4 of those.
    const phi = Math.exp(-(z975 ** 2) / 2) / Math.sqrt(2 * Math.PI);
    const tolerance = (4 * Math.sqrt((0.025 * 0.975) / resamples)) / phi;
    assert.ok(Math.abs(interval[0] - (mean - z975 * standardError)) < tolerance * standardError, `low ${interval[0]}`);
    assert.ok(Math.abs(interval[1] - (mean + z975 * standardError)) < tolerance * standardError, `high ${interval[1]}`);
  });

  test("undefined statistics are stored as NaN and counted per statistic", () => {
    const result = bootstrap({ rows: 10, resamples: 8, seed: 1, statistic: (_, r) => [r % 2 === 0 ? Number.NaN : r, undefined, r] });
    assert.deepEqual(result.undefinedCounts, [4, 8, 0]);
    assert.ok(Number.isNaN(result.replicates[0]![0]!));
    assert.equal(result.replicates[0]![1], 1);
    assert.deepEqual([...result.replicates[2]!], [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(result.method, "percentile");
    assert.equal(result.seed, 1);
    assert.equal(result.resamples, 8);
  });

  test("bad input throws: strata of the wrong length, negative ids, a changing statistic count, too many draws", () => {
    const statistic = (): number[] => [1];
    assert.throws(() => bootstrap({ rows: 3, resamples: 2, seed: 1, strata: new Int32Array(2), statistic }), RangeError);
    assert.throws(() => bootstrap({ rows: 2, resamples: 2, seed: 1, strata: Int32Array.from([0, -1]), statistic }), RangeError);
    assert.throws(() => bootstrap({ rows: 3, resamples: 3, seed: 1, statistic: (_, r) => (r === 0 ? [1] : [1, 2]) }), Error);
    assert.throws(() => bootstrap({ rows: 2 ** 22, resamples: 2 ** 11, seed: 1, statistic }), RangeError);
  });
});

describe("quantiles and percentile intervals", () => {
  const random = mulberry32(8);
  const arrays: (number | null)[][] = [[3.5], [2, 1], [5, 1, 4, 2, 3, 9, 0.5], [null, 1, null, 4, 2], [null, null]];
  for (const size of [100, 2001, 999]) {
    arrays.push(Array.from({ length: size }, () => (random() < 0.05 ? null : (random() - 0.3) * 100)));
  }
  const qs = [0, 0.025, 0.1, 0.25, 1 / 3, 0.5, 0.9, 0.975, 0.999, 1];
  const expected = python<{ quantiles: (number | null)[][]; intervals: (number | null)[][] }>(
    `import numpy as np
import warnings
warnings.simplefilter("ignore")
arrays = [np.array([np.nan if v is None else v for v in a], dtype=float) for a in data["arrays"]]
emit({"quantiles": [[float(np.nanquantile(a, q)) for q in data["qs"]] for a in arrays],
      "intervals": [[float(np.nanquantile(a, (1 - c) / 2)), float(np.nanquantile(a, (1 + c) / 2))] for a in arrays for c in (0.95, 0.9)]})`,
    { arrays, qs },
  );
  const typed = arrays.map((a) => Float64Array.from(a, (v) => v ?? Number.NaN));

  test("quantile equals numpy's nanquantile (linear interpolation) bit for bit", () => {
    typed.forEach((values, i) => {
      qs.forEach((q, j) => {
        const want = expected.quantiles[i]![j];
        const got = quantile(values, q);
        if (want === null || want === undefined) assert.ok(Number.isNaN(got), `array ${i}, q ${q}: expected NaN`);
        else assert.equal(got, want, `array ${i}, q ${q}`);
      });
    });
    assert.throws(() => quantile(Float64Array.of(1), 1.5), RangeError);
  });

  test("percentileInterval is the pair of numpy quantiles at (1 ∓ confidence)/2, ignoring NaN", () => {
    typed.forEach((values, i) => {
      [0.95, 0.9].forEach((confidence, j) => {
        const want = expected.intervals[i * 2 + j]!;
        const got = percentileInterval(values, confidence);
        if (want[0] === null) assert.equal(got, undefined);
        else assert.deepEqual(got, want, `array ${i}, confidence ${confidence}`);
      });
    });
  });

  test("percentileInterval is undefined when more than maxUndefinedShare of replicates are NaN", () => {
    const halfUndefined = Float64Array.from([1, 2, Number.NaN, Number.NaN]);
    const interval = percentileInterval(halfUndefined)!;
    assert.ok(Math.abs(interval[0] - 1.025) < 1e-12 && Math.abs(interval[1] - 1.975) < 1e-12, `interval ${interval.join(", ")}`);
    assert.equal(percentileInterval(Float64Array.from([1, Number.NaN, Number.NaN])), undefined);
    assert.deepEqual(percentileInterval(Float64Array.from([1, Number.NaN, Number.NaN]), 0.95, 0.7), [1, 1]);
    assert.equal(percentileInterval(new Float64Array(0)), undefined);
  });
});

describe("exact binomial and multinomial draws", () => {
  // (n, p): inversion (n·p < 10), BTRS (n·p ≥ 10), and mirrored p > ½ for both.
  const designs: [number, number][] = [
    [20, 0.1],
    [1000, 0.003],
    [7, 0.5],
    [100, 0.5],
    [1_000_000, 0.3],
    [50, 0.9],
    [10_000, 0.97],
    [45, 0.25],
  ];
  const draws = 40_000;
  const samples = designs.map(([n, p], d) => {
    const random = mulberry32(streamSeed(100, d));
    return Int32Array.from({ length: draws }, () => binomial(random, n, p));
  });

  test("binomial draws are integers in [0, n] with mean n·p and variance n·p(1 − p)", () => {
    designs.forEach(([n, p], d) => {
      const sample = samples[d]!;
      assert.ok(sample.every((k) => k >= 0 && k <= n));
      const variance = n * p * (1 - p);
      // Binomial fourth central moment npq(1 + 3(n − 2)pq) gives the sample variance's SD.
      const fourth = variance * (1 + 3 * (n - 2) * p * (1 - p));
      const varianceSd = Math.sqrt((fourth - (variance ** 2 * (draws - 3)) / (draws - 1)) / draws);
      const observed = meanAndVariance(sample, 1);
      assert.ok(Math.abs(observed.mean - n * p) < 5 * Math.sqrt(variance / draws), `mean for (${n}, ${p}): ${observed.mean}`);
      assert.ok(Math.abs(observed.variance - variance) < 5 * varianceSd, `variance for (${n}, ${p}): ${observed.variance}`);
    });
  });

  test("binomial draws pass a χ² goodness-of-fit test against scipy.stats.binom", () => {
    const fits = python<{ pValue: number; bins: number }[]>(
      `import numpy as np
from scipy import stats
out = []
for n, p, sample in data:
    sample = np.array(sample)
    expected = len(sample) * stats.binom.pmf(np.arange(n + 1), n, p)
    # Pool the tails so that every bin expects at least 5 draws (the pmf is unimodal).
    keep = np.nonzero(expected >= 5)[0]
    lo, hi = int(keep[0]), int(keep[-1])
    observed = np.bincount(np.clip(sample, lo, hi) - lo, minlength=hi - lo + 1)
    exp = expected[lo:hi + 1].copy()
    exp[0] = len(sample) * stats.binom.cdf(lo, n, p)
    exp[-1] = len(sample) * stats.binom.sf(hi - 1, n, p)
    exp *= len(sample) / exp.sum()
    out.append({"pValue": float(stats.chisquare(observed, exp).pvalue), "bins": hi - lo + 1})
emit(out)`,
      designs.map(([n, p], d) => [n, p, [...samples[d]!]]),
    );
    fits.forEach((fit, d) => {
      assert.ok(fit.bins >= 2, `design ${d} has at least two bins`);
      // Fixed seeds: a correct sampler passes at this level except with probability 1e-3 per design.
      assert.ok(fit.pValue > 1e-3, `design ${JSON.stringify(designs[d])}: goodness-of-fit p = ${fit.pValue}`);
    });
  });

  test("binomial handles the degenerate cases n = 0, p = 0 and p = 1 without drawing", () => {
    const random = (): number => {
      throw new Error("no draw expected");
    };
    assert.equal(binomial(random, 0, 0.4), 0);
    assert.equal(binomial(random, 10, 0), 0);
    assert.equal(binomial(random, 10, 1), 10);
    assert.throws(() => binomial(Math.random, 3, 1.2), RangeError);
  });

  test("multinomial counts sum to the total, skip zero-weight cells and have the multinomial moments", () => {
    const cellWeights = [3, 0, 1, 6, 0.5, 0];
    const weightSum = cellWeights.reduce((a, b) => a + b, 0);
    const total = 1000;
    const repeats = 20_000;
    const random = mulberry32(31);
    const out = new Float64Array(cellWeights.length);
    const sums = new Float64Array(cellWeights.length);
    const squares = new Float64Array(cellWeights.length);
    for (let r = 0; r < repeats; r++) {
      multinomial(random, total, cellWeights, out);
      assert.equal(
        out.reduce((a, b) => a + b, 0),
        total,
      );
      assert.equal(out[1], 0);
      assert.equal(out[5], 0);
      out.forEach((count, i) => {
        sums[i]! += count;
        squares[i]! += count * count;
      });
    }
    cellWeights.forEach((weight, i) => {
      const p = weight / weightSum;
      const variance = total * p * (1 - p);
      const mean = sums[i]! / repeats;
      const observedVariance = (squares[i]! - repeats * mean * mean) / (repeats - 1);
      assert.ok(Math.abs(mean - total * p) <= 5 * Math.sqrt(variance / repeats) + 1e-12, `cell ${i} mean ${mean}`);
      // Each cell count is Binomial(total, p): its sample variance has SD ≈ variance·√(2/(R − 1)) here.
      assert.ok(
        Math.abs(observedVariance - variance) <= 5 * variance * Math.sqrt(2 / (repeats - 1)) + 1e-9,
        `cell ${i} variance ${observedVariance}`,
      );
    });
  });

  test("multinomial puts everything in the only weighted cell and nothing anywhere for a zero total", () => {
    const out = new Float64Array(3);
    multinomial(mulberry32(1), 50, [0, 2, 0], out);
    assert.deepEqual([...out], [0, 50, 0]);
    multinomial(mulberry32(1), 0, [1, 2, 3], out);
    assert.deepEqual([...out], [0, 0, 0]);
    assert.throws(() => {
      multinomial(mulberry32(1), 5, [0, 0], out);
    }, RangeError);
    assert.throws(() => {
      multinomial(mulberry32(1), 5, [1, -1], out);
    }, RangeError);
  });
});
