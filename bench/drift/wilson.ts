/**
 * The Wilson score interval for a binomial proportion, which the drift bench (bench/drift/run.ts)
 * prints beside every rate it judges a goal on. Unlike the normal ("Wald") interval it stays inside
 * [0, 1] and is not empty at 0 or n successes, which is where false-alarm rates live.
 *
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²)
 *
 * (E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22, 1927.)
 */

/** z for a two-sided 95% interval: the standard normal's 0.975 quantile. */
export const Z95 = 1.959963984540054;

/** The Wilson score interval of `successes` in `n` trials, as [low, high]; [0, 1] when n is 0. */
export function wilson(successes: number, n: number, z: number = Z95): [number, number] {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`wilson: needs integers 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 (n) successes the low (high) end is exactly 0 (1): say so rather than leave the rounding.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}
