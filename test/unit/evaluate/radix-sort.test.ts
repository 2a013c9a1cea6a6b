/**
 * radixSortFloat64 against its definition: a stable comparator sort of the row indices by key
 * (−0 equal to +0), ascending and descending, on keys with negatives, ties, zeros of both signs,
 * subnormals and extremes, for sizes around the pass-skipping cases.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { radixSortFloat64 } from "../../../src/evaluate/radix-sort.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";

/** The definition: indices 0..n−1 sorted stably (Array.prototype.sort is stable) by key. */
function stableOrder(key: Float64Array, descending: boolean): number[] {
  return Array.from({ length: key.length }, (_, i) => i).sort((a, b) => (descending ? key[b]! - key[a]! : key[a]! - key[b]!));
}

function keys(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const special = [0, -0, 1, -1, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 0.5, 0.25];
  return Float64Array.from({ length: n }, () => {
    const u = random();
    if (u < 0.3) return special[Math.floor(random() * special.length)]!; // many ties
    if (u < 0.6) return Math.round((random() * 2 - 1) * 20) / 4; // ties among small values
    return (random() * 2 - 1) * 10 ** Math.floor(random() * 12 - 6);
  });
}

describe("radixSortFloat64", () => {
  for (const n of [0, 1, 2, 7, 100, 5000]) {
    for (const descending of [false, true]) {
      test(`${n} keys, ${descending ? "descending" : "ascending"}: the stable comparator sort's order`, () => {
        const key = keys(n, 1000 + n);
        const { order, high, low } = radixSortFloat64(key, descending);
        assert.deepEqual(Array.from(order), stableOrder(key, descending));
        // The keys travel with the order: equal keys have equal words, and the words never decrease.
        for (let k = 1; k < n; k++) {
          const [h0, l0, h1, l1] = [high[k - 1]!, low[k - 1]!, high[k]!, low[k]!];
          assert.ok(h1 > h0 || (h1 === h0 && l1 >= l0), `words in order at ${k}`);
          assert.equal(h1 === h0 && l1 === l0, key[order[k]!] === key[order[k - 1]!], `ties share words at ${k}`);
        }
      });
    }
  }

  test("every key equal (every pass skipped): the rows stay in order", () => {
    const { order } = radixSortFloat64(new Float64Array(1000).fill(-0.0), true);
    assert.deepEqual(
      Array.from(order),
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });
});
