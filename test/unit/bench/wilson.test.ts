/**
 * bench/drift/wilson.ts: the Wilson score interval the drift bench prints beside its rates. The
 * expected bounds are the roots of (p − x)² = z²·x(1 − x)/n, the interval's defining quadratic,
 * solved by /usr/bin/python3's math module (not by the formula under test), plus the closed form
 * z²/(n + z²) of the upper bound at zero successes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { wilson, Z95 } from "../../../bench/drift/wilson.ts";

const close = (actual: number, expected: number) => {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} should be ${expected} (within 1e-12)`);
};

test("matches the roots of the Wilson quadratic", () => {
  // python3: a = 1 + z²/n, b = −(2p + z²/n), c = p²; roots (−b ∓ √(b² − 4ac)) / 2a
  const cases: [number, number, number, number][] = [
    [25, 500, 0.03409374524384945, 0.07276816117154758],
    [480, 500, 0.9390264041651504, 0.9739592026102215],
    [7, 200, 0.01705554200856719, 0.07047061152229074],
    [1, 1, 0.20654931437723742, 1],
  ];
  for (const [k, n, low, high] of cases) {
    const [a, b] = wilson(k, n);
    close(a, low);
    close(b, high);
  }
});

test("at 0 and n successes one end is exact and the other is z²/(n + z²) away", () => {
  const z2 = Z95 * Z95;
  assert.deepEqual(wilson(0, 500)[0], 0);
  close(wilson(0, 500)[1], z2 / (500 + z2)); // 0.007624340461552241
  assert.equal(wilson(200, 200)[1], 1);
  close(wilson(200, 200)[0], 1 - z2 / (200 + z2));
});

test("z is the standard normal's 0.975 quantile, and bad counts are refused", () => {
  close(Z95, 1.959963984540054);
  assert.deepEqual(wilson(0, 0), [0, 1]);
  assert.throws(() => wilson(3, 2), /0 ≤ successes ≤ n/);
  assert.throws(() => wilson(0.5, 2), /integers/);
});
