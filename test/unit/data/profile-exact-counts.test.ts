// ExactCounts (profile-exact.ts) against the Map<number, number> it replaces in NumericStats: the
// same keys in the same first-seen order, the same counts, -0 and 0 as one key kept as +0, and the
// cap applied at the same value, on values that collide in its table and force it to grow.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { ExactCounts } from "../../../src/data/profile/profile-exact.ts";

// The seeded generator the project uses everywhere (common/seeded-random.ts, not under test here).
const random = mulberry32;

/** What NumericStats did with a Map: count each value, a new one only while fewer than `cap` are kept; undefined once past it. */
function mapCounts(values: Float64Array, cap: number): [number, number][] | undefined {
  const map = new Map<number, number>();
  for (const x of values) {
    const known = map.get(x);
    if (known !== undefined) map.set(x, known + 1);
    else if (map.size < cap) map.set(x, 1);
    else return undefined;
  }
  return [...map];
}

function exactCounts(values: Float64Array, cap: number, batch: number): [number, number][] | undefined {
  const counts = new ExactCounts();
  for (let i = 0; i < values.length; i += batch) {
    const part = values.subarray(i, Math.min(values.length, i + batch));
    if (!counts.addMany(part, part.length, cap)) return undefined;
  }
  return [...counts];
}

// Pairs compared with Object.is, so a -0 key would show.
function same(actual: [number, number][] | undefined, expected: [number, number][] | undefined, what: string): void {
  assert.equal(actual === undefined, expected === undefined, what);
  if (actual === undefined || expected === undefined) return;
  assert.equal(actual.length, expected.length, what);
  actual.forEach(([key, count], i) => {
    assert.ok(Object.is(key, expected[i]![0]), `${what}: key ${i} is ${key}, expected ${expected[i]![0]}`);
    assert.equal(count, expected[i]![1], `${what}: count of ${key}`);
  });
}

describe("ExactCounts", () => {
  const next = random(5);
  const kinds: [string, () => number][] = [
    ["small integers with ±0", () => (next() < 0.1 ? -0 : Math.floor(next() * 41) - 20)],
    ["three-decimal numbers", () => Math.round(next() * 100_000) / 1000],
    // Multiples of 2^20 and 2^32 share their low bits: they collide in a table indexed by low bits.
    ["multiples of large powers of two", () => Math.floor(next() * 300) * (next() < 0.5 ? 2 ** 20 : 2 ** 32)],
    ["huge and tiny doubles", () => (next() < 0.5 ? 1e300 : 1e-300) * Math.floor(next() * 500)],
  ];
  for (const [what, draw] of kinds) {
    test(`${what}: the same keys, order and counts as a Map, with and without reaching the cap`, () => {
      const values = Float64Array.from({ length: 20_000 }, draw);
      for (const cap of [1, 7, 100, 10_000, 100_000]) {
        for (const batch of [1, 333, 4096]) same(exactCounts(values, cap, batch), mapCounts(values, cap), `cap ${cap}, batch ${batch}`);
      }
    });
  }

  test("get and set behave as a Map's (-0 is the key 0, kept as +0)", () => {
    const counts = new ExactCounts();
    counts.set(-0, 2).set(1.5, 1);
    assert.equal(counts.get(0), 2);
    assert.equal(counts.get(-0), 2);
    assert.equal(counts.get(2), undefined);
    counts.set(0, 5);
    assert.deepEqual([...counts.keys()], [0, 1.5]);
    assert.ok(Object.is([...counts.keys()][0], 0));
    assert.equal(counts.size, 2);
    assert.deepEqual(
      [...counts],
      [
        [0, 5],
        [1.5, 1],
      ],
    );
  });
});
