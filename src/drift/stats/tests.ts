/**
 * Frequency tests for categorical and binary drift: Pearson's χ² test of homogeneity on the 2×K
 * table [reference; current] (scipy.stats.chi2_contingency without Yates' correction), Evidently's
 * χ² goodness of fit of the current counts against the reference proportions (scipy.stats.chisquare
 * with expected = reference scaled to the current total), and the pooled two-proportion z test.
 */
import { chiSquaredSf, twoProportionZ } from "../../common/stats.ts";

// The pooled two-proportion z test lives in common/stats.ts (the A/B comparison uses it too).
export { twoProportionZ };

/** A test statistic, its p-value and, for χ² tests, the degrees of freedom. */
export interface TestResult {
  statistic: number;
  pValue: number;
  df?: number;
}

// The categories where at least one side has a non-zero count.
function nonEmptyCategories(ref: readonly number[], cur: readonly number[], name: string): number[] {
  if (ref.length !== cur.length) throw new RangeError(`${name}: ${ref.length} reference and ${cur.length} current categories`);
  const kept: number[] = [];
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k]!;
    const c = cur[k]!;
    if (!(r >= 0) || !(c >= 0)) throw new RangeError(`${name}: counts must be non-negative numbers (category ${k}: ${r}, ${c})`);
    if (r !== 0 || c !== 0) kept.push(k);
  }
  return kept;
}

/** Both sides' totals over the kept categories. */
function totalsOver(kept: readonly number[], ref: readonly number[], cur: readonly number[]): [number, number] {
  let refTotal = 0;
  let curTotal = 0;
  for (const k of kept) {
    refTotal += ref[k]!;
    curTotal += cur[k]!;
  }
  return [refTotal, curTotal];
}

/**
 * Chi-square test of homogeneity on the 2×K table [ref; cur], like
 * scipy.stats.chi2_contingency(np.vstack([ref, cur]), correction=False): categories whose both counts
 * are 0 are dropped first; df = K' − 1; K' < 2 → statistic 0, p 1. A side with no counts at all
 * (scipy raises: an expected frequency is 0) gives NaN statistic and p.
 */
export function chiSquareHomogeneity(ref: readonly number[], cur: readonly number[]): TestResult {
  const kept = nonEmptyCategories(ref, cur, "chiSquareHomogeneity");
  const df = kept.length - 1;
  if (kept.length < 2) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  const [refTotal, curTotal] = totalsOver(kept, ref, cur);
  if (refTotal === 0 || curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, df };
  const total = refTotal + curTotal;
  let statistic = 0;
  for (const [rows, rowTotal] of [
    [ref, refTotal],
    [cur, curTotal],
  ] as const) {
    for (const k of kept) {
      const expected = (rowTotal * (ref[k]! + cur[k]!)) / total;
      statistic += (rows[k]! - expected) ** 2 / expected;
    }
  }
  return { statistic, pValue: chiSquaredSf(statistic, df), df };
}

/**
 * Evidently's chisquare: the goodness of fit scipy.stats.chisquare(f_obs=cur,
 * f_exp=ref·sum(cur)/sum(ref)), categories where both counts are 0 dropped first, df = K' − 1.
 * A category unseen in the reference but present now (expected 0, observed > 0) makes the statistic
 * Infinity and p 0; K' < 2 → statistic 0, p 1; an empty current side → NaN.
 */
export function chiSquareGoodnessOfFit(ref: readonly number[], cur: readonly number[]): TestResult {
  const kept = nonEmptyCategories(ref, cur, "chiSquareGoodnessOfFit");
  const df = kept.length - 1;
  if (kept.length < 2) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  const [refTotal, curTotal] = totalsOver(kept, ref, cur);
  if (curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, df };
  if (refTotal === 0) return { statistic: Number.POSITIVE_INFINITY, pValue: 0, df };
  let statistic = 0;
  for (const k of kept) {
    const expected = (ref[k]! * curTotal) / refTotal;
    statistic += expected === 0 ? Number.POSITIVE_INFINITY : (cur[k]! - expected) ** 2 / expected;
  }
  return { statistic, pValue: statistic === Number.POSITIVE_INFINITY ? 0 : chiSquaredSf(statistic, df), df };
}
