/**
 * Distances between two distributions: the Wasserstein-1 distance between weighted samples
 * (scipy.stats.wasserstein_distance) and, over binned or categorical proportions, Jensen–Shannon
 * (scipy.spatial.distance.jensenshannon), Kullback–Leibler (scipy.stats.entropy(p, q)), PSI and
 * Hellinger, with the two zero-filling conventions drift tools use before PSI and KL.
 */
import type { WeightedSample } from "./sample.ts";
import { totalWeight } from "./sample.ts";

/**
 * scipy.stats.wasserstein_distance(u_values, v_values, u_weights, v_weights), i.e. scipy's
 * _cdf_distance(1, …): ∫ |U − V| over the sorted union of both samples' values. NaN if either
 * sample is empty.
 *
 * `tolerance` (ours, default 0 = scipy): ∫ max(0, |U − V| − tolerance) instead — the distance beyond
 * what the samples' summaries can resolve (two quantile sketches' rank errors), so the sketches'
 * noise in a long tail does not add up to an effect.
 */
export function wasserstein(a: WeightedSample, b: WeightedSample, tolerance = 0): number {
  const totalA = totalWeight(a);
  const totalB = totalWeight(b);
  if (!(totalA > 0) || !(totalB > 0)) return Number.NaN;
  const na = a.values.length;
  const nb = b.values.length;
  let i = 0;
  let j = 0;
  let cumA = 0;
  let cumB = 0;
  let sum = 0;
  let previous = Number.NaN;
  let previousGap = 0;
  while (i < na || j < nb) {
    const va = i < na ? a.values[i]! : Number.POSITIVE_INFINITY;
    const vb = j < nb ? b.values[j]! : Number.POSITIVE_INFINITY;
    const value = Math.min(va, vb);
    // The CDFs are constant on [previous, value): add that stretch before stepping past value.
    if (!Number.isNaN(previous)) sum += previousGap * (value - previous);
    if (i < na && va === value) cumA += a.weights[i++]!;
    if (j < nb && vb === value) cumB += b.weights[j++]!;
    previousGap =
      tolerance > 0 ? Math.max(0, Math.abs(cumA / totalA - cumB / totalB) - tolerance) : Math.abs(cumA / totalA - cumB / totalB);
    previous = value;
  }
  return sum;
}

// scipy.special.rel_entr: x·log(x/y), 0 where x = 0 ≤ y, +∞ otherwise.
function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function assertSameLength(p: readonly number[], q: readonly number[], name: string): void {
  if (p.length !== q.length) throw new RangeError(`${name}: the two distributions have ${p.length} and ${q.length} entries`);
}

/** Counts (or weights) divided by their sum (NaN everywhere when the sum is 0, as numpy gives). */
export function proportions(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((count) => count / total);
}

/** scipy.spatial.distance.jensenshannon(p, q, base): each side normalised to sum 1 first; natural log unless base is given. */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base?: number): number {
  assertSameLength(p, q, "jensenShannonDistance");
  const pn = proportions(p);
  const qn = proportions(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i]! + qn[i]!) / 2;
    left += relEntr(pn[i]!, m);
    right += relEntr(qn[i]!, m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(js / 2);
}

/** Population stability index Σ (p − q)·ln(p/q) on the arrays as given (the caller fills zeros first). */
export function psi(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q, "psi");
  let total = 0;
  for (let i = 0; i < p.length; i++) total += (p[i]! - q[i]!) * Math.log(p[i]! / q[i]!);
  return total;
}

/** Kullback–Leibler divergence KL(p ‖ q) in nats, scipy.stats.entropy(p, q): each side normalised first; +∞ where q = 0 < p. */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q, "klDivergence");
  const pn = proportions(p);
  const qn = proportions(q);
  let total = 0;
  for (let i = 0; i < pn.length; i++) total += relEntr(pn[i]!, qn[i]!);
  return total;
}

/** Hellinger distance sqrt(Σ(√p − √q)²)/√2 after normalising each side (0 … 1). */
export function hellinger(p: readonly number[], q: readonly number[]): number {
  assertSameLength(p, q, "hellinger");
  const pn = proportions(p);
  const qn = proportions(q);
  let total = 0;
  for (let i = 0; i < pn.length; i++) total += (Math.sqrt(pn[i]!) - Math.sqrt(qn[i]!)) ** 2;
  return Math.sqrt(total) / Math.SQRT2;
}

/** np.clip(p, eps, None): every value below eps raised to eps (apply the same eps to both sides). */
export function fillEpsilon(p: readonly number[], eps = 1e-4): number[] {
  return p.map((value) => (value < eps ? eps : value));
}

/**
 * Evidently's zero fill: with m the smallest non-zero value, zeros become m/1e6 when m ≤ 1e-4 and
 * 1e-4 otherwise. An all-zero input comes back unchanged.
 */
export function fillEvidently(p: readonly number[]): number[] {
  let m = Number.POSITIVE_INFINITY;
  for (const value of p) if (value !== 0 && value < m) m = value;
  if (m === Number.POSITIVE_INFINITY) return [...p];
  const fill = m <= 1e-4 ? m / 1e6 : 1e-4;
  return p.map((value) => (value === 0 ? fill : value));
}
