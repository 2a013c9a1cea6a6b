/**
 * Two-sample tests for comparing an A/B test's variants from summary statistics (what Prometheus
 * gives: counts, means, standard deviations; never the rows):
 *
 * - proportions: the two-proportion z-test with the pooled standard error (its two-sided p-value
 *   equals scipy.stats.chi2_contingency(table, correction=False)'s), and Newcombe's hybrid score
 *   interval for the difference (Newcombe 1998, method 10: Wilson intervals of each proportion
 *   combined), which keeps its coverage near 0 and 1 where the Wald interval collapses;
 * - means: Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom), as
 *   scipy.stats.ttest_ind_from_stats(equal_var=False), with the matching t interval for the difference.
 *
 * The normal functions come from stats.ts. Student's t distribution is new here (the gates need
 * only the normal, χ² and binomial): its CDF through the regularized incomplete beta function, its
 * quantile by safeguarded Newton steps on that CDF. Differences are always candidate − stable.
 */
import { logGamma, normalQuantile, normalSf, twoProportionZ } from "./stats.ts";

// ------------------------------------------------------------------------------------------------
// Student's t distribution

// Continued fraction of the incomplete beta function (Numerical Recipes' betacf, modified Lentz).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const epsilon = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), like scipy.special.betainc. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast below (a + 1)/(a + b + 2); above it, the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student's t survival function P(T > t) with `df` degrees of freedom (df > 0, not necessarily whole), like scipy.stats.t.sf. */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  // Beyond ~1e7 degrees of freedom the t distribution is the normal to double precision.
  if (df > 1e7) return normalSf(t);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? tail : 1 - tail;
}

function studentTDensity(t: number, df: number): number {
  const logDensity = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** Student's t quantile, like scipy.stats.t.ppf: Newton steps on the CDF from the normal quantile, kept inside a bisection bracket. */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df > 1e7) return normalQuantile(p);
  // Solve in the upper half (the distribution is symmetric) for the upper-tail probability q.
  const q = p > 0.5 ? 1 - p : p;
  let low = 0;
  let high = 1;
  while (studentTSf(high, df) > q) {
    low = high;
    high *= 2;
    if (high > 1e300) break;
  }
  const z = normalQuantile(1 - q);
  // Cornish–Fisher's first correction puts the start close for moderate df.
  let x = Math.min(Math.max(z + (z ** 3 + z) / (4 * df), low), high);
  for (let step = 0; step < 100; step++) {
    const error = studentTSf(x, df) - q;
    if (error === 0) break;
    if (error > 0) low = x;
    else high = x;
    let next = x + error / studentTDensity(x, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) {
      x = next;
      break;
    }
    x = next;
  }
  return p > 0.5 ? x : -x;
}

// ------------------------------------------------------------------------------------------------
// Two proportions

/** The outcome of comparing two proportions; `difference` is candidate − stable. */
export interface ProportionComparison {
  candidate: { successes: number; trials: number; rate: number };
  stable: { successes: number; trials: number; rate: number };
  difference: number;
  /** z = difference / pooled SE; 0 when both rates are 0 or both 1 (nothing to tell apart). */
  z: number;
  pValue: number;
  /** Newcombe's hybrid score interval for the difference at `confidence`. */
  interval: [number, number];
  confidence: number;
}

/** The Wilson score interval of one proportion (as scipy.stats.binomtest(k, n).proportion_ci(method="wilson")). */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  const z = normalQuantile(0.5 + confidence / 2);
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const scale = 1 + z2 / trials;
  return [Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)];
}

function checkCounts(successes: number, trials: number, role: string): void {
  if (!Number.isFinite(trials) || trials <= 0)
    throw new RangeError(`two-proportion test: the ${role}'s trials must be a positive number, got ${trials}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > trials)
    throw new RangeError(`two-proportion test: the ${role}'s successes must be in [0, ${trials}], got ${successes}`);
}

/**
 * Two-sided two-proportion z-test (pooled SE under H0: equal rates) with Newcombe's hybrid score
 * interval. Counts may be non-integer (Prometheus' increase() extrapolates); they are used as given.
 */
export function compareProportions(
  candidate: { successes: number; trials: number },
  stable: { successes: number; trials: number },
  confidence = 0.95,
): ProportionComparison {
  checkCounts(candidate.successes, candidate.trials, "candidate");
  checkCounts(stable.successes, stable.trials, "stable model");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`two-proportion test: confidence must be in (0, 1), got ${confidence}`);
  const p1 = candidate.successes / candidate.trials;
  const p2 = stable.successes / stable.trials;
  const difference = p1 - p2;
  const { statistic: z, pValue } = twoProportionZ(candidate, stable);
  const [l1, u1] = wilsonInterval(candidate.successes, candidate.trials, confidence);
  const [l2, u2] = wilsonInterval(stable.successes, stable.trials, confidence);
  const interval: [number, number] = [
    difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  ];
  return {
    candidate: { ...candidate, rate: p1 },
    stable: { ...stable, rate: p2 },
    difference,
    z,
    pValue,
    interval,
    confidence,
  };
}

// ------------------------------------------------------------------------------------------------
// Two means

export interface MeanSummary {
  mean: number;
  /** Sample standard deviation (ddof 1). */
  stddev: number;
  count: number;
}

/** The outcome of Welch's test; `difference` is candidate − stable. */
export interface MeanComparison {
  candidate: MeanSummary;
  stable: MeanSummary;
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  t: number;
  pValue: number;
  interval: [number, number];
  confidence: number;
}

function checkSummary(summary: MeanSummary, role: string): void {
  if (!Number.isFinite(summary.mean)) throw new RangeError(`Welch's test: the ${role}'s mean is not a finite number`);
  if (!Number.isFinite(summary.stddev) || summary.stddev < 0)
    throw new RangeError(`Welch's test: the ${role}'s standard deviation must be a non-negative number, got ${summary.stddev}`);
  if (!Number.isFinite(summary.count) || summary.count < 2)
    throw new RangeError(`Welch's test: the ${role} needs at least 2 observations, got ${summary.count}`);
}

/**
 * Welch's two-sided t-test from summary statistics, like scipy.stats.ttest_ind_from_stats(mean1,
 * std1, n1, mean2, std2, n2, equal_var=False), and the interval difference ± t(1 − α/2, df)·SE.
 * Both standard deviations 0: the p-value is NaN (no variance to test against), the interval a point.
 */
export function compareMeans(candidate: MeanSummary, stable: MeanSummary, confidence = 0.95): MeanComparison {
  checkSummary(candidate, "candidate");
  checkSummary(stable, "stable model");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Welch's test: confidence must be in (0, 1), got ${confidence}`);
  const v1 = candidate.stddev ** 2 / candidate.count;
  const v2 = stable.stddev ** 2 / stable.count;
  const difference = candidate.mean - stable.mean;
  const variance = v1 + v2;
  const standardError = Math.sqrt(variance);
  if (!(standardError > 0)) {
    return {
      candidate,
      stable,
      difference,
      standardError,
      df: Number.NaN,
      t: Number.NaN,
      pValue: Number.NaN,
      interval: [difference, difference],
      confidence,
    };
  }
  const df = (variance * variance) / ((v1 * v1) / (candidate.count - 1) + (v2 * v2) / (stable.count - 1));

  const t = difference / standardError;
  const pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df));
  const half = studentTQuantile(0.5 + confidence / 2, df) * standardError;
  return { candidate, stable, difference, standardError, df, t, pValue, interval: [difference - half, difference + half], confidence };
}
