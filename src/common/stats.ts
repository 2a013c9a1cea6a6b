/**
 * Statistical tests for champion-vs-challenger gates: the normal and χ² distribution functions they
 * need, scipy's two-sided binomial test, McNemar's test for paired correctness and DeLong's test for
 * two correlated ROC AUCs (Sun & Xu's fast algorithm). scipy 1.10 is the reference: every function
 * here is written to agree with the scipy function named in its doc comment to ~1e-12 relative,
 * including far tails (p-values down to ~1e-300), because gate decisions compare p-values to small
 * thresholds and reports print them.
 */

// ------------------------------------------------------------------------------------------------
// Constants

const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2π)
const SQRT_2PI = 2.5066282746310007;
const SQRT_32 = 5.656854249492381;
const LN_2PI = 1.8378770664093456;

// ------------------------------------------------------------------------------------------------
// Normal distribution

// Cody's rational approximations (as in R's pnorm.c; its 20-digit literals are written here as the
// doubles they denote): full double relative accuracy in both tails, without forming 1 − Φ by subtraction.
const CODY_A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745] as const;
const CODY_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673] as const;
const CODY_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283, 11602.65143764735,
  9842.714838383978, 1.0765576773720192e-8,
] as const;
const CODY_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598, 38912.00328609327,
  19685.429676859992,
] as const;
const CODY_P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5, 0.023073441764940174,
] as const;
const CODY_Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-5] as const;

// exp(−y²/2) with y² split into an exactly representable part, so large y keeps relative accuracy.
function gaussianFactor(y: number): number {
  const ySplit = Math.trunc(y * 16) / 16;
  const rest = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-rest * 0.5);
}

// The tail probability P(Z > y) for y > 0.67448975 (where it is below 1/4 and needs no subtraction).
function normalTail(y: number): number {
  if (y <= SQRT_32) {
    let num = CODY_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]!) * y;
      den = (den + CODY_D[i]!) * y;
    }
    return gaussianFactor(y) * ((num + CODY_C[7]) / (den + CODY_D[7]));
  }
  // Beyond ~38.6 the result is below the smallest subnormal.
  if (y > 40) return 0;
  const inverseSquare = 1 / (y * y);
  let num = CODY_P[5] * inverseSquare;
  let den = inverseSquare;
  for (let i = 0; i < 4; i++) {
    num = (num + CODY_P[i]!) * inverseSquare;
    den = (den + CODY_Q[i]!) * inverseSquare;
  }
  const ratio = (INV_SQRT_2PI - (inverseSquare * (num + CODY_P[4])) / (den + CODY_Q[4])) / y;
  return gaussianFactor(y) * ratio;
}

// Φ(x) − 1/2 for |x| ≤ 0.67448975 (the central interval, where neither tail is small).
function normalCentral(x: number): number {
  const square = Math.abs(x) > 1.1e-16 ? x * x : 0;
  let num = CODY_A[4] * square;
  let den = square;
  for (let i = 0; i < 3; i++) {
    num = (num + CODY_A[i]!) * square;
    den = (den + CODY_B[i]!) * square;
  }
  return (x * (num + CODY_A[3])) / (den + CODY_B[3]);
}

const CENTRAL_LIMIT = 0.67448975;

/** Standard normal CDF Φ(z), like scipy.stats.norm.cdf, with full relative accuracy in the lower tail. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (Math.abs(z) <= CENTRAL_LIMIT) return 0.5 + normalCentral(z);
  return z < 0 ? normalTail(-z) : 1 - normalTail(z);
}

/** Standard normal survival function 1 − Φ(z), like scipy.stats.norm.sf, accurate in the upper tail. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (Math.abs(z) <= CENTRAL_LIMIT) return 0.5 - normalCentral(z);
  return z > 0 ? normalTail(z) : 1 - normalTail(-z);
}

/**
 * Pooled two-proportion z test, two-sided: z = (p1 − p2)/sqrt(P(1−P)(1/n1 + 1/n2)) with
 * P = (s1 + s2)/(n1 + n2); p = 2·normalSf(|z|). P in {0, 1} → z 0, p 1; a side with no trials → NaN.
 */
export function twoProportionZ(
  ref: { successes: number; trials: number },
  cur: { successes: number; trials: number },
): { statistic: number; pValue: number } {
  const n1 = ref.trials;
  const n2 = cur.trials;
  if (!(n1 > 0) || !(n2 > 0)) return { statistic: Number.NaN, pValue: Number.NaN };
  const p1 = ref.successes / n1;
  const p2 = cur.successes / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

// Acklam's rational approximation of the lower-half quantile (relative error < 1.15e-9), polished below.
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
] as const;
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783,
] as const;
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

// Quantile for 0 < p ≤ 1/2 (x ≤ 0), where p itself carries full relative precision.
function lowerQuantile(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((ACKLAM_C[0] * q + ACKLAM_C[1]) * q + ACKLAM_C[2]) * q + ACKLAM_C[3]) * q + ACKLAM_C[4]) * q + ACKLAM_C[5]) /
      ((((ACKLAM_D[0] * q + ACKLAM_D[1]) * q + ACKLAM_D[2]) * q + ACKLAM_D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((ACKLAM_A[0] * r + ACKLAM_A[1]) * r + ACKLAM_A[2]) * r + ACKLAM_A[3]) * r + ACKLAM_A[4]) * r + ACKLAM_A[5]) * q) /
      (((((ACKLAM_B[0] * r + ACKLAM_B[1]) * r + ACKLAM_B[2]) * r + ACKLAM_B[3]) * r + ACKLAM_B[4]) * r + 1);
  }
  // Two Halley steps against the accurate CDF take Acklam's 1e-9 to full precision. The error is
  // divided by the density as e·√(2π)·exp(x²/4)·exp(x²/4) so that neither factor overflows.
  for (let step = 0; step < 2; step++) {
    const error = normalCdf(x) - p;
    const half = Math.exp((x * x) / 4);
    const u = error * SQRT_2PI * half * half;
    if (!Number.isFinite(u)) break;
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}

/** Standard normal quantile Φ⁻¹(p), like scipy.stats.norm.ppf (±Infinity at 0 and 1, NaN outside [0, 1]). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // For p > 1/2, 1 − p is exact (Sterbenz), so the upper half reuses the accurate lower half.
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

// ------------------------------------------------------------------------------------------------
// Gamma function family

// Lanczos (g = 7, n = 9) for moderate arguments; ~1e-15 relative for Γ.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** log Γ(x) for x > 0 (scipy.special.gammaln): Lanczos below 15, the Stirling series above it. */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection keeps accuracy near 0, where Lanczos' sum loses digits.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  if (x < 15) {
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
    const t = z + 7.5;
    return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

// log Γ(x) − [(x − ½)·log x − x + log √(2π)] for x ≥ 15 by its asymptotic series (error < 1e-19 there).
function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const square = inverse * inverse;
  return (
    inverse *
    (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square * (1 / 1680 - square * (1 / 1188 - square * (691 / 360360 - square / 156))))))
  );
}

// Upper regularized incomplete gamma Q(a, x) for a > 0, x > 0 (Numerical Recipes' series / Lentz continued fraction).
function upperRegularizedGamma(a: number, x: number): number {
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  const tiny = 1e-300;
  const epsilon = 1e-16;
  const maxIterations = 100_000 + 10 * Math.sqrt(a);
  if (x < a + 1) {
    // Here Q ≥ ~0.3, so 1 − P keeps relative accuracy.
    let term = 1 / a;
    let sum = term;
    let denominator = a;
    for (let i = 0; i < maxIterations; i++) {
      denominator += 1;
      term *= x / denominator;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * epsilon) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxIterations; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** χ² survival function P(X > x) with `df` degrees of freedom, like scipy.stats.chi2.sf (Q(df/2, x/2)). */
export function chiSquaredSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  // df 1 and 2 have closed forms, exact in the tails: Q(½, x/2) = erfc(√(x/2)) = 2·Φc(√x); Q(1, x/2) = e^(−x/2).
  if (df === 1) return 2 * normalSf(Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return upperRegularizedGamma(df / 2, x / 2);
}

// ------------------------------------------------------------------------------------------------
// Binomial distribution

// log(n!) − log(√(2π)·n^(n+½)·e^(−n)), Loader's Stirling error (as in R's dbinom).
function stirlingError(n: number): number {
  if (n <= 15) {
    if (n === 0) return 0; // only reached through x = 0 or x = n, which are special-cased
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const square = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / square) / n;
  if (n > 80) return (s0 - (s1 - s2 / square) / square) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / square) / square) / square) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / square) / square) / square) / square) / n;
}

// x·log(x/m) + m − x without cancellation when x ≈ m (Loader's deviance term).
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    if (Math.abs(sum) < Number.MIN_VALUE) return sum;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
  }
  return x * Math.log(x / m) + m - x;
}

/** Binomial probability P(X = k) for X ~ Binomial(n, p), with full relative accuracy for large n (Loader's saddle-point form). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return n === 0 ? 1 : Math.exp(p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q));
  if (k === n) return Math.exp(q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p));
  const logCore = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  const logScale = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(logCore - 0.5 * logScale);
}

// Sum of pmf(i) for i = start, start + step, … while in [0, n]; the terms shrink monotonically away
// from the mode, so the sum stops once they no longer change it.
function tailSum(start: number, step: 1 | -1, n: number, p: number): number {
  let sum = 0;
  for (let i = start; i >= 0 && i <= n; i += step) {
    const term = binomialPmf(i, n, p);
    if (term === 0 || term < sum * 1e-18) break;
    sum += term;
  }
  return sum;
}

/**
 * Two-sided binomial test p-value, exactly scipy.stats.binomtest(k, n, p).pvalue: the total probability
 * of outcomes no more likely than k (pmf ≤ pmf(k)·(1 + 1e-7)). O(√n) pmf evaluations, fast for n = 1e6.
 */
export function binomialTwoSidedP(k: number, n: number, p = 0.5): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial test: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`binomial test: k must be an integer in [0, n], got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial test: p must be in [0, 1], got ${p}`);
  const mean = p * n;
  if (k === mean) return 1;
  const threshold = binomialPmf(k, n, p) * (1 + 1e-7);
  let pValue: number;
  if (k < mean) {
    // The pmf is non-increasing on [ceil(np), n]: find the first j there with pmf(j) ≤ threshold.
    let lo = Math.ceil(mean);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialPmf(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    pValue = tailSum(k, -1, n, p) + tailSum(lo, 1, n, p);
  } else {
    // The pmf is non-decreasing on [0, floor(np)]: find the last j there with pmf(j) ≤ threshold.
    let lo = -1;
    let hi = Math.floor(mean);
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (binomialPmf(mid, n, p) <= threshold) lo = mid;
      else hi = mid - 1;
    }
    pValue = tailSum(lo, -1, n, p) + tailSum(k, 1, n, p);
  }
  return Math.min(1, pValue);
}

// ------------------------------------------------------------------------------------------------
// McNemar

/** The McNemar test's outcome; `n` is the number of discordant pairs b + c, the sample the test is based on. */
export interface McNemarResult {
  b: number;
  c: number;
  n: number;
  method: "exact" | "chi2_continuity";
  /** (|b − c| − 1)² / (b + c) for the χ² method; min(b, c), the binomial test's count, for the exact method. */
  statistic?: number;
  pValue: number;
}

/** McNemar's test from the discordant counts b (champion right, challenger wrong) and c (the reverse). */
export function mcnemarFromCounts(b: number, c: number, exactBelow = 25): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`McNemar: counts must be non-negative integers, got b = ${b}, c = ${c}`);
  }
  const n = b + c;
  // No discordant pair: the models cannot be told apart.
  if (n === 0) return { b, c, n, method: "exact", statistic: 0, pValue: 1 };
  if (n < exactBelow) {
    const smaller = Math.min(b, c);
    return { b, c, n, method: "exact", statistic: smaller, pValue: binomialTwoSidedP(smaller, n, 0.5) };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, n, method: "chi2_continuity", statistic, pValue: chiSquaredSf(statistic, 1) };
}

/**
 * McNemar for paired correctness: b = champion right & challenger wrong, c = champion wrong & challenger
 * right. Exact binomial when b + c < exactBelow (default 25), else χ² with continuity correction
 * (|b−c|−1)²/(b+c), df 1. b + c = 0 → p = 1. Any non-zero byte counts as correct.
 */
export function mcnemar(options: { championCorrect: Uint8Array; challengerCorrect: Uint8Array; exactBelow?: number }): McNemarResult {
  const { championCorrect, challengerCorrect } = options;
  if (championCorrect.length !== challengerCorrect.length) {
    throw new RangeError(`McNemar: ${championCorrect.length} champion rows but ${challengerCorrect.length} challenger rows`);
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < championCorrect.length; i++) {
    const champion = championCorrect[i] !== 0;
    const challenger = challengerCorrect[i] !== 0;
    if (champion && !challenger) b++;
    else if (!champion && challenger) c++;
  }
  return mcnemarFromCounts(b, c, options.exactBelow);
}

// ------------------------------------------------------------------------------------------------
// DeLong

/** DeLong's test outcome: the two AUCs, their difference B − A with its variance, z, two-sided p and normal CI. */
export interface DeLongResult {
  aucA: number;
  aucB: number;
  difference: number;
  variance: number;
  standardError: number;
  z: number;
  pValue: number;
  ci: [number, number];
}

// Index of the first element of `sorted` that is ≥ value (or > value when `strict`).
function bound(sorted: Float64Array, value: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const element = sorted[mid]!;
    if (element < value || (strict && element === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Sun & Xu's placement values for one model: for each positive, the share of negatives it outranks
// (ties count ½), i.e. (midrank among all − midrank among positives)/n; for each negative, the share
// of positives that outrank it. Counting by binary search in each class's sorted scores gives the
// same midrank differences in O(N log N) with native typed-array sorts.
function placements(positives: Float64Array, negatives: Float64Array): { v10: Float64Array; v01: Float64Array; auc: number } {
  const m = positives.length;
  const n = negatives.length;
  const sortedPositives = Float64Array.from(positives).sort();
  const sortedNegatives = Float64Array.from(negatives).sort();
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const score = positives[i]!;
    const below = bound(sortedNegatives, score, false);
    const notAbove = bound(sortedNegatives, score, true);
    // Twice the count keeps the tie half exact in integers.
    const twice = below + notAbove;
    total += twice;
    v10[i] = twice / (2 * n);
  }
  for (let j = 0; j < n; j++) {
    const score = negatives[j]!;
    const below = bound(sortedPositives, score, false);
    const notAbove = bound(sortedPositives, score, true);
    v01[j] = (2 * m - below - notAbove) / (2 * m);
  }
  return { v10, v01, auc: total / (2 * m * n) };
}

// Sample variance (ddof 1) of a − b, two-pass for accuracy.
function differenceVariance(a: Float64Array, b: Float64Array): number {
  const length = a.length;
  let mean = 0;
  for (let i = 0; i < length; i++) mean += b[i]! - a[i]!;
  mean /= length;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const deviation = b[i]! - a[i]! - mean;
    sum += deviation * deviation;
  }
  return sum / (length - 1);
}

/**
 * DeLong test for two correlated ROC AUCs on the same rows (fast Sun & Xu 2014 algorithm, O(n log n)):
 * difference = aucB − aucA, two-sided p, and a normal CI for the difference at `confidence` (default 0.95).
 */
export function delong(options: {
  y01: Uint8Array | Int32Array;
  scoreA: Float64Array;
  scoreB: Float64Array;
  confidence?: number;
}): DeLongResult {
  const { y01, scoreA, scoreB } = options;
  const confidence = options.confidence ?? 0.95;
  const rows = y01.length;
  if (scoreA.length !== rows || scoreB.length !== rows) {
    throw new RangeError(`DeLong: ${rows} labels but ${scoreA.length} and ${scoreB.length} scores`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`DeLong: confidence must be in (0, 1), got ${confidence}`);
  let m = 0;
  for (let i = 0; i < rows; i++) {
    const label = y01[i]!;
    if (label === 1) m++;
    else if (label !== 0) throw new RangeError(`DeLong: labels must be 0 or 1, got ${label} at row ${i}`);
    if (Number.isNaN(scoreA[i]!) || Number.isNaN(scoreB[i]!)) throw new RangeError(`DeLong: NaN score at row ${i}`);
  }
  const n = rows - m;
  // Each class needs two rows for its placement-value variance.
  if (m < 2 || n < 2) throw new RangeError(`DeLong: needs at least 2 positives and 2 negatives, got ${m} and ${n}`);
  const positivesA = new Float64Array(m);
  const positivesB = new Float64Array(m);
  const negativesA = new Float64Array(n);
  const negativesB = new Float64Array(n);
  for (let i = 0, ip = 0, ineg = 0; i < rows; i++) {
    if (y01[i] === 1) {
      positivesA[ip] = scoreA[i]!;
      positivesB[ip++] = scoreB[i]!;
    } else {
      negativesA[ineg] = scoreA[i]!;
      negativesB[ineg++] = scoreB[i]!;
    }
  }
  const a = placements(positivesA, negativesA);
  const b = placements(positivesB, negativesB);
  const difference = b.auc - a.auc;
  // Var(AUC_B − AUC_A) = Var(V10_B − V10_A)/m + Var(V01_B − V01_A)/n: the 2×2 covariance form contracted.
  const variance = differenceVariance(a.v10, b.v10) / m + differenceVariance(a.v01, b.v01) / n;
  const standardError = Math.sqrt(variance);
  let z: number;
  if (standardError > 0) z = difference / standardError;
  else z = difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const half = normalQuantile(0.5 + confidence / 2) * standardError;
  return { aucA: a.auc, aucB: b.auc, difference, variance, standardError, z, pValue, ci: [difference - half, difference + half] };
}
