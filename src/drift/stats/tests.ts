/**
 * Frequency tests for categorical and binary drift: Pearson's χ² test of homogeneity on the 2×K
 * table [reference; current] (scipy.stats.chi2_contingency without Yates' correction), Evidently's
 * χ² goodness of fit of the current counts against the reference proportions (scipy.stats.chisquare
 * with expected = reference scaled to the current total), the pooled two-proportion z test, and the
 * ℓ2 test of homogeneity with its effect sizes (total variation, Cohen's h), which modelship's default
 * drift rule uses.
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
 * The 2×K table's non-empty categories, df and totals; or the result every homogeneity test gives
 * when there is nothing to test: fewer than two categories → statistic 0, p 1; a side with no counts → NaN.
 */
function twoByK(
  ref: readonly number[],
  cur: readonly number[],
  name: string,
): TestResult | { kept: number[]; df: number; refTotal: number; curTotal: number; total: number } {
  const kept = nonEmptyCategories(ref, cur, name);
  const df = kept.length - 1;
  if (kept.length < 2) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  const [refTotal, curTotal] = totalsOver(kept, ref, cur);
  if (refTotal === 0 || curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, df };
  return { kept, df, refTotal, curTotal, total: refTotal + curTotal };
}

/**
 * Chi-square test of homogeneity on the 2×K table [ref; cur], like
 * scipy.stats.chi2_contingency(np.vstack([ref, cur]), correction=False): categories whose both counts
 * are 0 are dropped first; df = K' − 1; K' < 2 → statistic 0, p 1. A side with no counts at all
 * (scipy raises: an expected frequency is 0) gives NaN statistic and p.
 */
export function chiSquareHomogeneity(ref: readonly number[], cur: readonly number[]): TestResult {
  const table = twoByK(ref, cur, "chiSquareHomogeneity");
  if ("pValue" in table) return table;
  const { kept, df, refTotal, curTotal, total } = table;
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

/**
 * The ℓ2 test of homogeneity (ours: scipy has none). Statistic T = Σ (p̂ₖ − q̂ₖ)², the squared
 * Euclidean distance between the two sides' category shares — the maximum mean discrepancy MMD² with
 * the discrete kernel (Gretton et al., "A Kernel Two-Sample Test", JMLR 13, 2012). Unlike Pearson's
 * χ², which divides each squared gap by the category's share and so spends its power on rare
 * categories, T weighs a gap by its size: a 10-point move of a frequent category counts as 10 points.
 *
 * Under H0 (one distribution, estimated by the pooled shares π over the non-empty categories),
 * p̂ − q̂ ≈ N(0, c·A) with c = 1/n + 1/m and A = diag(π) − ππᵀ, so T is a weighted sum of χ²₁ with
 * A's eigenvalues as weights. Its tail is the "modified Liu" approximation (Liu, Tang & Zhang,
 * Comput. Stat. Data Anal. 53, 2009, with the kurtosis match of Lee, Wu & Lin, Biostatistics 13,
 * 2012): a χ² with l = c₂²/c₄ degrees of freedom, matched in mean and variance, where cₖ = cᵏ·tr(Aᵏ).
 *
 * The traces in closed form, so no eigenvalues are needed and K may be large, and written as sums
 * of non-negative terms, so a category holding 99.99% of the rows does not cancel them away (power
 * sums of π do). Dropping the largest pooled share π*, whose gap is minus the sum of the others',
 * T = Δᵀ(I + 11ᵀ)Δ over the other K − 1 categories with covariance c·(D − ddᵀ) (d their shares,
 * D = diag d); the weights are the eigenvalues of (D − ddᵀ)(I + 11ᵀ) = D + d·wᵀ with w = π* − d ≥ 0.
 * With a = Σwd, b = Σwd², e = Σwd³, f = Σwd⁴:
 *   tr = Σd + a,  tr² = Σd² + 2b + a²,  tr⁴ = Σd⁴ + 4f + 4ae + 2b² + 4a²b + a⁴.
 * With two categories there is one eigenvalue, l = 1 and T/c₁ = z², so the p-value is exactly the
 * pooled two-proportion z test's. Seeded simulations (test/unit/drift/l2-test.test.ts) check the
 * size at 0.005 and 0.05, and an independent numpy oracle (eigenvalues) the p-values.
 *
 * Categories empty on both sides are dropped; fewer than two left → statistic 0, p 1; a side with no
 * counts → NaN, as chiSquareHomogeneity gives.
 */
export function l2Homogeneity(ref: readonly number[], cur: readonly number[]): TestResult {
  const table = twoByK(ref, cur, "l2Homogeneity");
  if ("pValue" in table) return table;
  const { kept, df, refTotal, curTotal, total } = table;
  let statistic = 0;
  let top = kept[0]!;
  for (const k of kept) {
    statistic += (ref[k]! / refTotal - cur[k]! / curTotal) ** 2;
    if (ref[k]! + cur[k]! > ref[top]! + cur[top]!) top = k;
  }
  const largest = (ref[top]! + cur[top]!) / total;
  let d1 = 0;
  let d2 = 0;
  let d4 = 0;
  let a = 0;
  let b = 0;
  let e = 0;
  let f = 0;
  for (const k of kept) {
    if (k === top) continue;
    const d = (ref[k]! + cur[k]!) / total;
    const w = largest - d;
    const squared = d * d;
    d1 += d;
    d2 += squared;
    d4 += squared * squared;
    a += w * d;
    b += w * squared;
    e += w * squared * d;
    f += w * squared * squared;
  }
  const c = 1 / refTotal + 1 / curTotal;
  const c1 = c * (d1 + a);
  const c2 = c ** 2 * (d2 + 2 * b + a * a);
  const c4 = c ** 4 * (d4 + 4 * f + 4 * a * e + 2 * b * b + 4 * a * a * b + a ** 4);
  if (!(c2 > 0) || !(c4 > 0)) return { statistic, pValue: 1, df };
  const l = kept.length === 2 ? 1 : (c2 * c2) / c4;
  const standardised = (statistic - c1) / Math.sqrt(2 * c2);
  return { statistic, pValue: chiSquaredSf(standardised * Math.sqrt(2 * l) + l, l), df };
}

/**
 * Total variation distance between two count vectors' shares: ½·Σ|p̂ₖ − q̂ₖ|, the share of rows that
 * would have to change category. NaN if a side is empty.
 *
 * `poolBelow` (default 0): categories whose pooled share (both sides together) is under it count as
 * one category. Sampling noise adds about ½·√(2/π)·Σ√(πₖ(1 − πₖ)(1/n + 1/m)) to the sample distance,
 * which grows with the number of categories: a thousand rare values at 50,000 rows a side read 0.07
 * apart with nothing changed but a 2-point move. Pooled at 1%, at most a hundred categories remain.
 */
export function totalVariation(ref: readonly number[], cur: readonly number[], poolBelow = 0): number {
  if (ref.length !== cur.length) throw new RangeError(`totalVariation: ${ref.length} reference and ${cur.length} current categories`);
  let refTotal = 0;
  let curTotal = 0;
  for (let k = 0; k < ref.length; k++) {
    refTotal += ref[k]!;
    curTotal += cur[k]!;
  }
  if (!(refTotal > 0) || !(curTotal > 0)) return Number.NaN;
  let sum = 0;
  let pooledGap = 0;
  for (let k = 0; k < ref.length; k++) {
    const gap = ref[k]! / refTotal - cur[k]! / curTotal;
    if (poolBelow > 0 && (ref[k]! + cur[k]!) / (refTotal + curTotal) < poolBelow) pooledGap += gap;
    else sum += Math.abs(gap);
  }
  return (sum + Math.abs(pooledGap)) / 2;
}

/** Cohen's h between two proportions: |2·asin√p₁ − 2·asin√p₂| (Cohen 1988, §6.2; 0.2 small, 0.5 medium, 0.8 large). */
export function cohensH(p1: number, p2: number): number {
  return Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2)));
}
