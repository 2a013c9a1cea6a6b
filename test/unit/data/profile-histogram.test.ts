import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { freezeEdges, Histogram, nextUp, sameEdges } from "../../../src/data/profile/profile-histogram.ts";
import { KllSketch } from "../../../src/data/sketch/kll.ts";

function sketchOf(values: readonly number[]): KllSketch {
  const sketch = new KllSketch();
  for (const value of values) sketch.update(value);
  return sketch;
}

describe("nextUp", () => {
  test("gives the adjacent double above, on both sides of zero", () => {
    assert.equal(nextUp(1), 1 + Number.EPSILON);
    assert.equal(nextUp(0), Number.MIN_VALUE);
    assert.equal(nextUp(-Number.MIN_VALUE), -0);
    // Below zero the next double up is closer to zero: -1 + 2^-53.
    assert.equal(nextUp(-1), -1 + Number.EPSILON / 2);
    assert.equal(nextUp(Number.MAX_VALUE), Infinity);
  });

  test("is strictly greater than x with nothing in between", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        const up = nextUp(x);
        assert.ok(up > x);
        assert.ok((x + up) / 2 === x || (x + up) / 2 === up, `no double lies strictly between ${x} and ${up}`);
      }),
    );
  });
});

describe("freezeEdges", () => {
  test("an integer column with few values gets one bin per value, the last closed at max + 1", () => {
    const values = [3, 1, 2, 3, 3, 7];
    const edges = freezeEdges({ type: "integer", sketch: sketchOf(values), bins: 10, distinct: [3, 1, 2, 7] });
    assert.deepEqual(edges, [1, 2, 3, 7, 8]);
  });

  test("a number column gets deduplicated deciles, the last edge just above the maximum", () => {
    const values = Array.from({ length: 101 }, (_, i) => i / 2);
    const edges = freezeEdges({ type: "number", sketch: sketchOf(values), bins: 10 })!;
    // 101 values fit in the sketch uncompacted, so the i/10-quantile is the smallest value whose
    // rank (share ≤ it) reaches i/10: the value at 1-based position ceil(i/10 · 101).
    const expected = Array.from({ length: 10 }, (_, i) => values[Math.max(0, Math.ceil((i / 10) * 101) - 1)]!);
    assert.deepEqual(edges, [...expected, nextUp(50)]);
  });

  test("a single repeated value gets one bin that holds it", () => {
    const edges = freezeEdges({ type: "number", sketch: sketchOf([2.5, 2.5, 2.5]), bins: 10 })!;
    assert.deepEqual(edges, [2.5, nextUp(2.5)]);
    const histogram = new Histogram(edges);
    histogram.add(2.5);
    assert.deepEqual(histogram.counts, [1]);
  });

  test("a column without values gets no edges", () => {
    assert.equal(freezeEdges({ type: "number", sketch: new KllSketch(), bins: 10 }), undefined);
  });
});

describe("Histogram", () => {
  test("bins are left-closed, with underflow below the first edge and overflow at or above the last", () => {
    const histogram = new Histogram([0, 1, 2, 4]);
    for (const x of [-0.5, 0, 0.99, 1, 2, 3.999, 4, 10]) histogram.add(x);
    assert.deepEqual(histogram.counts, [2, 1, 2]);
    assert.equal(histogram.underflow, 1);
    assert.equal(histogram.overflow, 2);
  });

  test("counts every value exactly once, in the bin a linear scan finds", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 12 }),
        fc.array(fc.integer({ min: -1200, max: 1200 }), { maxLength: 200 }),
        (rawEdges, values) => {
          const edges = [...rawEdges].sort((a, b) => a - b);
          const histogram = new Histogram(edges);
          for (const value of values) histogram.add(value);
          const expected = new Array<number>(edges.length - 1).fill(0);
          let under = 0;
          let over = 0;
          for (const value of values) {
            if (value < edges[0]!) under++;
            else if (value >= edges[edges.length - 1]!) over++;
            else expected[edges.findLastIndex((edge) => edge <= value)]!++;
          }
          assert.deepEqual(histogram.counts, expected);
          assert.equal(histogram.underflow, under);
          assert.equal(histogram.overflow, over);
        },
      ),
    );
  });

  test("refuses edges that do not increase strictly", () => {
    assert.throws(() => new Histogram([0, 1, 1]), /increase strictly/);
    assert.throws(() => new Histogram([0]), /two edges/);
  });

  test("edges compare by value and length", () => {
    assert.ok(sameEdges([0, 1], [0, 1]));
    assert.ok(!sameEdges([0, 1], [0, 1, 2]));
    assert.ok(!sameEdges([0, 1], undefined));
    assert.ok(sameEdges(undefined, undefined));
  });
});
