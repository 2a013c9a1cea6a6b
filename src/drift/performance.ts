/**
 * Performance drift from delayed labels: the accuracy of current rows that have both a target and a
 * prediction, against a reference accuracy (the release's evaluation, or the reference profile's own
 * agreement). Pure: counts in, verdict out.
 */
import { formatSignificant } from "../common/markdown.ts";
import type { PerformanceDrift } from "./report-types.ts";
import { twoProportionZ } from "./stats/drift-statistics.ts";

export interface PerformanceSettings {
  /** Drift when accuracy drops by at least this (absolute) and the drop is significant at p_value. */
  max_drop: number;
  /** One-sided significance level of the drop (reference accuracy > current). */
  p_value: number;
  /** Labelled current rows needed for any verdict; fewer is insufficient_data. */
  min_samples: number;
}

export const PERFORMANCE_DEFAULTS: PerformanceSettings = { max_drop: 0.05, p_value: 0.05, min_samples: 30 };

// A drop equal to max_drop in decimal (0.9 → 0.85) can come out a hair below it in binary.
const DROP_TOLERANCE = 1e-12;

function assertCounts(current: { rows: number; agree: number }, reference: { accuracy: number; n: number } | undefined): void {
  if (!(
    Number.isInteger(current.rows) &&
    Number.isInteger(current.agree) &&
    current.rows >= 0 &&
    current.agree >= 0 &&
    current.agree <= current.rows
  )) {
    throw new RangeError(
      `judgePerformance: current counts must be integers with 0 ≤ agree ≤ rows (got agree ${current.agree}, rows ${current.rows})`,
    );
  }
  if (reference !== undefined && !(reference.accuracy >= 0 && reference.accuracy <= 1 && Number.isFinite(reference.n) && reference.n > 0)) {
    throw new RangeError(
      `judgePerformance: the reference needs an accuracy in [0, 1] and n > 0 (got accuracy ${reference.accuracy}, n ${reference.n})`,
    );
  }
}

/**
 * Accuracy of the current labelled rows against the reference accuracy (the release's evaluation,
 * with its n; or the reference profile's own agreement). One-sided two-proportion z (reference >
 * current) via `twoProportionZ`, whose two-sided p is halved in the direction of a drop.
 *
 * Undefined without current agreement counts. Fewer than `min_samples` labelled rows (or none) is
 * insufficient_data; without a reference the status is ok, with the current accuracy shown. Drift
 * when the drop is at least `max_drop` and significant (one-sided p < `p_value`); warn when a
 * significant drop is smaller than `max_drop`, or a drop of at least `max_drop` is not significant;
 * ok otherwise. Counts out of range (agree > rows, a reference n ≤ 0, accuracy outside [0, 1]) are
 * a caller's bug: RangeError.
 */
export function judgePerformance(
  current: { rows: number; agree: number } | undefined,
  reference: { accuracy: number; n: number } | undefined,
  settings: PerformanceSettings,
): PerformanceDrift | undefined {
  if (current === undefined) return undefined;
  assertCounts(current, reference);
  const n = current.rows;
  const accuracy = n > 0 ? current.agree / n : 0;
  const base = { metric: "accuracy" as const, ...(reference === undefined ? {} : { reference: reference.accuracy }), current: accuracy, n };
  if (n === 0 || n < settings.min_samples) {
    return {
      ...base,
      status: "insufficient_data",
      reason: `${n} labelled row(s) with both target and prediction, fewer than min_samples ${Math.max(1, settings.min_samples)}`,
    };
  }
  const shown = `accuracy ${formatSignificant(accuracy)} on ${n} labelled rows`;
  if (reference === undefined) return { ...base, status: "ok", reason: `no reference accuracy to compare (${shown})` };

  const test = twoProportionZ(
    { successes: reference.accuracy * reference.n, trials: reference.n },
    { successes: current.agree, trials: n },
  );
  // statistic > 0: the reference is the higher; a two-sided p halves toward it, else 1 − p/2.
  const pValue = test.statistic > 0 ? test.pValue / 2 : 1 - test.pValue / 2;
  const drop = reference.accuracy - accuracy;
  const large = drop >= settings.max_drop - DROP_TOLERANCE;
  const significant = pValue < settings.p_value;
  const change = `accuracy ${formatSignificant(reference.accuracy)} (n ${reference.n}) → ${formatSignificant(accuracy)} (n ${n})`;
  const dropText = drop > 0 ? `drop ${formatSignificant(drop)}` : drop < 0 ? `rise ${formatSignificant(-drop)}` : "no change";
  const pText = `one-sided p ${formatSignificant(pValue)}`;
  const result = { ...base, p_value: pValue };
  if (large && significant) {
    return {
      ...result,
      status: "drift",
      reason: `${change}: ${dropText} ≥ max_drop ${formatSignificant(settings.max_drop)}, ${pText} < ${formatSignificant(settings.p_value)}`,
    };
  }
  if (significant) {
    return {
      ...result,
      status: "warn",
      reason: `${change}: ${dropText} is significant (${pText} < ${formatSignificant(settings.p_value)}) but below max_drop ${formatSignificant(settings.max_drop)}`,
    };
  }
  if (large) {
    return {
      ...result,
      status: "warn",
      reason: `${change}: ${dropText} ≥ max_drop ${formatSignificant(settings.max_drop)} but not significant (${pText} ≥ ${formatSignificant(settings.p_value)})`,
    };
  }
  return { ...result, status: "ok", reason: `${change}: ${dropText}, ${pText}` };
}
