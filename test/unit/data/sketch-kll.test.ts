import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { KllSketch } from "../../../src/data/sketch/kll.ts";
import { ReferenceKllSketch } from "./kll-reference.ts";

// DataSketches' published normalized rank error for KLL with k = 200 (99 % confidence, double-sided).
const RANK_ERROR_K200 = 0.0165;

// A small LCG, independent of the sketch's own PRNG, to make reproducible test data.
function lcgValues(n: number, seed: number, map: (u: number) => number): Float64Array {
  const values = new Float64Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = map(state / 4294967296);
  }
  return values;
}

// Exact share of values ≤ x, from the sorted data (binary search): the oracle for rank().
function exactRank(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

function worstRankError(sketch: KllSketch, values: Float64Array): { rank: number; quantile: number } {
  const sorted = Float64Array.from(values).sort();
  let rank = 0;
  let quantile = 0;
  for (let i = 0; i <= 400; i++) {
    const q = i / 400;
    const probe = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    rank = Math.max(rank, Math.abs(sketch.rank(probe) - exactRank(sorted, probe)));
    // The returned q-quantile's true rank interval [share < x, share ≤ x] must come close to q.
    const estimate = sketch.quantile(q);
    quantile = Math.max(quantile, exactRankStrict(sorted, estimate) - q, q - exactRank(sorted, estimate));
  }
  return { rank, quantile };
}

// Share of values < x.
function exactRankStrict(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

describe("KLL sketch", () => {
  for (const n of [100_000, 1_000_000]) {
    for (const [shape, map] of [
      ["uniform", (u: number) => u * 1000],
      ["heavy-tailed", (u: number) => Math.exp(12 * u)],
      ["few distinct", (u: number) => Math.floor(u * 37)],
    ] as const) {
      test(`rank and quantile errors on ${n} ${shape} values stay within the k=200 bound`, () => {
        const values = lcgValues(n, n + shape.length, map);
        const sketch = new KllSketch({ k: 200, seed: 3 });
        for (const value of values) sketch.update(value);
        const error = worstRankError(sketch, values);
        assert.ok(error.rank <= RANK_ERROR_K200, `rank error ${error.rank}`);
        assert.ok(error.quantile <= RANK_ERROR_K200, `quantile rank error ${error.quantile}`);
        assert.equal(sketch.n, n);
      });
    }
  }

  test("keeps about 3k numbers however many values it has seen", () => {
    const sketch = new KllSketch({ k: 200 });
    for (const value of lcgValues(1_000_000, 9, (u) => u)) sketch.update(value);
    const retained = sketch.toJSON().levels.reduce((sum, level) => sum + level.length, 0);
    assert.ok(retained <= 3 * 200 + 64, `retained ${retained}`);
  });

  test("the 0- and 1-quantiles are the exact minimum and maximum", () => {
    const values = lcgValues(50_000, 5, (u) => u * 2 - 1);
    const sketch = new KllSketch();
    for (const value of values) sketch.update(value);
    assert.equal(sketch.quantile(0), Math.min(...values));
    assert.equal(sketch.quantile(1), Math.max(...values));
  });

  test("the same values and seed give the same sketch, and a JSON round trip continues identically", () => {
    const values = lcgValues(30_000, 11, (u) => u);
    const whole = new KllSketch({ seed: 42 });
    for (const value of values) whole.update(value);
    const again = new KllSketch({ seed: 42 });
    for (const value of values.subarray(0, 12_345)) again.update(value);
    const resumed = KllSketch.fromJSON(JSON.parse(JSON.stringify(again.toJSON())) as ReturnType<KllSketch["toJSON"]>);
    for (const value of values.subarray(12_345)) resumed.update(value);
    assert.deepEqual(resumed.toJSON(), whole.toJSON());
    const otherSeed = new KllSketch({ seed: 43 });
    for (const value of values) otherSeed.update(value);
    assert.notDeepEqual(otherSeed.toJSON().levels, whole.toJSON().levels, "the seed drives the compaction coin");
  });

  test("merging sketches of two halves summarises the union within the bound", () => {
    const values = lcgValues(200_000, 21, (u) => Math.sqrt(u));
    const a = new KllSketch({ seed: 1 });
    const b = new KllSketch({ seed: 2 });
    values.forEach((value, i) => {
      (i % 3 === 0 ? a : b).update(value);
    });
    a.merge(b);
    assert.equal(a.n, values.length);
    assert.ok(worstRankError(a, values).rank <= RANK_ERROR_K200);
    assert.equal(
      a.min,
      values.reduce((min, value) => Math.min(min, value), Infinity),
    );
    assert.equal(
      a.max,
      values.reduce((max, value) => Math.max(max, value), -Infinity),
    );
  });

  test("the items' total weight always equals n, whatever is added or merged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 700 }), { minLength: 1, maxLength: 4 }),
        (parts) => {
          const sketches = parts.map((part, i) => {
            const sketch = new KllSketch({ k: 16, seed: i });
            for (const value of part) sketch.update(value);
            return sketch;
          });
          const merged = sketches[0]!;
          for (const other of sketches.slice(1)) merged.merge(other);
          const json = merged.toJSON();
          const weight = json.levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
          assert.equal(weight, parts.flat().length);
          assert.equal(json.n, parts.flat().length);
        },
      ),
    );
  });

  test("refuses a serialised sketch whose items do not weigh n", () => {
    const sketch = new KllSketch();
    for (let i = 0; i < 10; i++) sketch.update(i);
    const json = sketch.toJSON();
    assert.throws(() => KllSketch.fromJSON({ ...json, n: 11 }), /inconsistent/);
  });

  test("refuses to merge sketches of different k", () => {
    assert.throws(() => {
      new KllSketch({ k: 100 }).merge(new KllSketch({ k: 200 }));
    }, /different k/);
  });

  test("an empty sketch has no quantiles or ranks", () => {
    const sketch = new KllSketch();
    assert.ok(Number.isNaN(sketch.quantile(0.5)));
    assert.ok(Number.isNaN(sketch.rank(1)));
    assert.equal(sketch.min, undefined);
  });
});

describe("KLL sketch: the same bytes as before its compaction was made cheaper", () => {
  // Data with ties, -0 and +0 side by side, and runs long enough for many levels of compaction.
  const streams: [string, Float64Array][] = [
    ["uniform", lcgValues(200_000, 3, (u) => u)],
    ["few values with ±0", lcgValues(50_000, 4, (u) => [-0, 0, 1, -1, 0.5][Math.floor(u * 5)]!)],
    ["rounded", lcgValues(120_000, 5, (u) => Math.round(u * 1000) / 10)],
  ];
  for (const [name, values] of streams) {
    for (const k of [8, 200]) {
      test(`${name}, k ${k}: update, then merge and a JSON round trip`, () => {
        const fast = new KllSketch({ k, seed: 9 });
        const reference = new ReferenceKllSketch({ k, seed: 9 });
        for (const value of values) {
          fast.update(value);
          reference.update(value);
        }
        assert.equal(JSON.stringify(fast.toJSON(), replacer), JSON.stringify(reference.toJSON(), replacer));
        const fastOther = new KllSketch({ k, seed: 2 });
        const referenceOther = new ReferenceKllSketch({ k, seed: 2 });
        for (const value of values.subarray(0, 7_777)) {
          fastOther.update(-value);
          referenceOther.update(-value);
        }
        fast.merge(fastOther);
        reference.merge(referenceOther);
        const back = KllSketch.fromJSON(fast.toJSON());
        const referenceBack = ReferenceKllSketch.fromJSON(reference.toJSON());
        for (const value of values.subarray(0, 5_000)) {
          back.update(value);
          referenceBack.update(value);
        }
        assert.equal(JSON.stringify(back.toJSON(), replacer), JSON.stringify(referenceBack.toJSON(), replacer));
      });
      test(`${name}, k ${k}: updateMany in batches of any size, as update one by one`, () => {
        const reference = new ReferenceKllSketch({ k, seed: 9 });
        for (const value of values) reference.update(value);
        for (const batch of [1, 3, 500, 4096, values.length]) {
          const fast = new KllSketch({ k, seed: 9 });
          for (let i = 0; i < values.length; i += batch) {
            const part = values.subarray(i, Math.min(values.length, i + batch));
            fast.updateMany(part, part.length);
          }
          assert.equal(JSON.stringify(fast.toJSON(), replacer), JSON.stringify(reference.toJSON(), replacer), `batches of ${batch}`);
        }
      });
    }
  }
});

// JSON.stringify writes -0 as 0; the sketches must agree on the sign too.
function replacer(_key: string, value: unknown): unknown {
  return Object.is(value, -0) ? "-0" : value;
}
