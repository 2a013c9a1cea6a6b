/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, as scipy 1.10's `scipy.stats.ks_2samp(a, b,
 * alternative='two-sided', method=...)` computes it: D from the two empirical CDFs; the exact
 * p-value from lattice-path counts (D rounded to h/lcm(n1, n2) as scipy does: the reported statistic
 * is that rounded value), falling back to the asymptotic kstwo.sf(D, round(n1·n2/(n1+n2))) exactly
 * where scipy does.
 */
import { kstwoSf } from "./kolmogorov.ts";
import type { WeightedSample } from "./sample.ts";
import { totalWeight } from "./sample.ts";

/** The result of a two-sample KS test; `method` is the one the p-value came from after any fallback. */
export interface KsResult {
  statistic: number;
  pValue: number;
  method: "exact" | "asymp";
}

const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

// Python's round() / np.round: half to even.
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** max |F_a − F_b| over the union of values, each CDF = cumulative weight / total weight. */
function ksStatistic(a: WeightedSample, b: WeightedSample, totalA: number, totalB: number): number {
  let i = 0;
  let j = 0;
  let cumA = 0;
  let cumB = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let minS = Number.POSITIVE_INFINITY;
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    const va = i < na ? a.values[i]! : Number.POSITIVE_INFINITY;
    const vb = j < nb ? b.values[j]! : Number.POSITIVE_INFINITY;
    const value = Math.min(va, vb);
    if (i < na && va === value) cumA += a.weights[i++]!;
    if (j < nb && vb === value) cumB += b.weights[j++]!;
    const diff = cumA / totalA - cumB / totalB;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return negMin > maxS ? negMin : maxS;
}

/** Pr(D_{n,n} ≥ h/n): scipy's `_compute_prob_outside_square` (alternating series, Horner form). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * 1 − Pr(all lattice paths stay strictly inside |x/m − y/n| < h/lcm): scipy's pythran
 * `_compute_outer_prob_inside_method` (Hodges' inside method, Viehmann's recursion for 1 − p).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

// scipy's _attempt_exact_2kssamp for the two-sided alternative: [success, rounded d, p].
function attemptExact(n1: number, n2: number, g: number, d: number): [boolean, number, number] {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const rounded = h / lcm;
  if (h === 0) return [true, rounded, 1];
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return [false, rounded, prob];
  return [true, rounded, prob];
}

/**
 * Two-sample KS like scipy.stats.ks_2samp(a, b, alternative='two-sided', method='auto'): D from the
 * weighted CDFs; n1, n2 are the total weights (rounded to integers for the p-value). method 'auto'
 * = 'exact' when max(n1, n2) ≤ 10000 else 'asymp'; exact falls back to asymp exactly where scipy does
 * (lcm overflow guard for an explicit 'exact', a p outside [0, 1]). Throws on an empty sample.
 *
 * `tolerance` (ours, default 0 = scipy): the part of D a summary's error may explain, taken off D
 * before the p-value — the two quantile sketches' rank errors when the samples are sketch items, so
 * a gap the sketches cannot resolve is not called significant however large n is.
 */
export function ks2samp(a: WeightedSample, b: WeightedSample, method: "auto" | "exact" | "asymp" = "auto", tolerance = 0): KsResult {
  const totalA = totalWeight(a);
  const totalB = totalWeight(b);
  if (!(totalA > 0) || !(totalB > 0)) throw new RangeError("ks2samp: both samples must be non-empty");
  let d = tolerance > 0 ? Math.max(0, ksStatistic(a, b, totalA, totalB) - tolerance) : ksStatistic(a, b, totalA, totalB);
  const n1 = Math.max(1, Math.round(totalA));
  const n2 = Math.max(1, Math.round(totalB));
  const g = gcd(n1, n2);
  let mode: "exact" | "asymp";
  if (method === "auto") mode = Math.max(n1, n2) <= MAX_AUTO_N ? "exact" : "asymp";
  else if (method === "exact") mode = n1 / g >= INT32_MAX / (n2 / g) ? "asymp" : "exact";
  else mode = "asymp";
  if (mode === "exact") {
    const [success, rounded, prob] = attemptExact(n1, n2, g, d);
    d = rounded;
    if (success) return { statistic: d, pValue: Math.min(Math.max(prob, 0), 1), method: "exact" };
    mode = "asymp";
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const prob = kstwoSf(d, roundHalfEven(en));
  return { statistic: d, pValue: Math.min(Math.max(prob, 0), 1), method: mode };
}
