/**
 * Evaluation metrics for classifiers and regressors, with sample weights. Every number matches
 * scikit-learn 1.2.1 (`sample_weight` = the weights) to floating-point rounding, so reports and
 * gates agree with what a data scientist computes in a notebook. Weights are the bootstrap's
 * resample counts: typed arrays throughout, no per-row allocation, and `prepareClassification`
 * caches everything that does not depend on the weights.
 */
import { checkWeights, RankedScores, uniformBin } from "./curves.ts";

export { calibrationBins, rocCurve, RankedScores } from "./curves.ts";

/** Classification rows: class indices 0..classes-1. Binary: class 1 is the positive class. */
export interface ClassificationData {
  classes: number; // C ≥ 2
  y: Int32Array; // true class index per row
  pred: Int32Array; // predicted class index per row
  proba?: Float64Array; // row-major [n][C] class probabilities (optional: label-only models)
}

/** Regression rows: true and predicted values. */
export interface RegressionData {
  y: Float64Array;
  pred: Float64Array;
}

export type ClassificationMetricName =
  | "accuracy"
  | "balanced_accuracy"
  | "precision"
  | "recall"
  | "f1"
  | "precision_macro"
  | "recall_macro"
  | "f1_macro"
  | "precision_weighted"
  | "recall_weighted"
  | "f1_weighted"
  | "roc_auc"
  | "average_precision"
  | "log_loss"
  | "brier"
  | "ece";
export type RegressionMetricName = "mae" | "rmse" | "r2" | "mape";
export type MetricName = ClassificationMetricName | RegressionMetricName;

/** Direction, for gates and champion comparisons. */
export const HIGHER_IS_BETTER: Record<MetricName, boolean> = {
  accuracy: true,
  balanced_accuracy: true,
  precision: true,
  recall: true,
  f1: true,
  precision_macro: true,
  recall_macro: true,
  f1_macro: true,
  precision_weighted: true,
  recall_weighted: true,
  f1_weighted: true,
  roc_auc: true,
  average_precision: true,
  log_loss: false,
  brier: false,
  ece: false,
  mae: false,
  rmse: false,
  r2: true,
  mape: false,
};

/** Metrics that need probabilities. */
export const NEEDS_PROBA: ReadonlySet<MetricName> = new Set<MetricName>(["roc_auc", "average_precision", "log_loss", "brier", "ece"]);

/** Bins of the expected calibration error, as calibration_curve(n_bins=10, strategy="uniform"). */
const ECE_BINS = 10;
/** np.finfo(np.float64).eps: log_loss's clip and MAPE's smallest denominator. */
const EPS = Number.EPSILON;

/** Per-row probability quantities that do not depend on the weights (built by `prepareClassification`). */
export interface ProbaRows {
  /** Every probability is finite (sklearn's check_array rejects NaN and ±Infinity). */
  finite: boolean;
  /** Every probability lies in [0, 1] (brier_score_loss and calibration_curve raise otherwise). */
  unitRange: boolean;
  /** Every row sums to 1 within np.allclose tolerance (multiclass roc_auc_score raises otherwise). */
  sumsToOne: boolean;
  /** log_loss term per row: −log of the clipped, renormalised probability of the true class. */
  logLoss: Float64Array;
  /** Brier term per row: binary (y − p₁)², multiclass Σ_c (p_c − 1[y = c])². */
  brier: Float64Array;
  /** Calibration score per row: binary p₁, multiclass the top-label confidence max_c p_c. */
  confidence: Float64Array;
  /** Calibration outcome per row: binary y, multiclass 1 when pred = y. */
  hit: Uint8Array;
  /** ECE bin of the confidence (10 uniform bins, as calibration_curve); meaningful when `unitRange`. */
  bin: Uint8Array;
}

/**
 * What `classificationMetrics` can reuse across weight vectors. `ranked` holds one `RankedScores` per probability
 * column scored one-vs-rest (binary: a single entry, for proba[:,1]); `rows` the weight-free per-row terms. Either
 * may be left out and is then computed for the call. Build both with `prepareClassification`, once per dataset.
 */
export interface ClassificationCache {
  ranked?: readonly RankedScores[];
  rows?: ProbaRows;
}

/** Throws unless the rows are consistent: equal lengths, class indices in range, proba of n × C. */
function checkClassification(data: ClassificationData): void {
  const { classes, y, pred, proba } = data;
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer ≥ 2, got ${classes}`);
  if (pred.length !== y.length) throw new RangeError(`pred has ${pred.length} rows, y has ${y.length}`);
  if (proba !== undefined && proba.length !== y.length * classes)
    throw new RangeError(`proba has ${proba.length} entries, expected ${y.length} × ${classes}`);
  for (let i = 0; i < y.length; i++) {
    const t = y[i]!;
    const p = pred[i]!;
    if (t < 0 || t >= classes || p < 0 || p >= classes)
      throw new RangeError(`row ${i}: class index outside 0..${classes - 1} (y = ${t}, pred = ${p})`);
  }
}

/** Weighted confusion matrix [true][pred] (weights default 1). */
export function confusionMatrix(data: ClassificationData, weights?: Float64Array): number[][] {
  checkClassification(data);
  checkWeights(weights, data.y.length);
  const flat = tallyConfusion(data, weights).matrix;
  const C = data.classes;
  return Array.from({ length: C }, (_, t) => Array.from(flat.subarray(t * C, (t + 1) * C)));
}

/** Flat C × C weighted confusion counts, plus which classes occur at all (any weight) in y or pred. */
function tallyConfusion(data: ClassificationData, weights: Float64Array | undefined): { matrix: Float64Array; seen: Uint8Array } {
  const C = data.classes;
  const matrix = new Float64Array(C * C);
  const seen = new Uint8Array(C);
  const { y, pred } = data;
  for (let i = 0; i < y.length; i++) {
    const t = y[i]!;
    const p = pred[i]!;
    matrix[t * C + p]! += weights === undefined ? 1 : weights[i]!;
    seen[t] = 1;
    seen[p] = 1;
  }
  return { matrix, seen };
}

/** The one-vs-rest rankings of the probability columns (binary: proba[:,1] only); empty without proba. */
export function rankClasses(data: ClassificationData): RankedScores[] {
  checkClassification(data);
  const { classes: C, y, proba } = data;
  if (proba === undefined) return [];
  const n = y.length;
  const columns = C === 2 ? [1] : Array.from({ length: C }, (_, c) => c);
  const y01 = new Uint8Array(n);
  const score = new Float64Array(n);
  return columns.map((c) => {
    for (let i = 0; i < n; i++) {
      y01[i] = y[i] === c ? 1 : 0;
      score[i] = proba[i * C + c]!;
    }
    return new RankedScores(y01, score);
  });
}

/** The per-row log-loss, Brier and calibration terms of `data.proba`; undefined without proba. */
export function probaRows(data: ClassificationData): ProbaRows | undefined {
  checkClassification(data);
  const { classes: C, y, pred, proba } = data;
  if (proba === undefined) return undefined;
  const n = y.length;
  const rows: ProbaRows = {
    finite: true,
    unitRange: true,
    sumsToOne: true,
    logLoss: new Float64Array(n),
    brier: new Float64Array(n),
    confidence: new Float64Array(n),
    hit: new Uint8Array(n),
    bin: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const base = i * C;
    const t = y[i]!;
    let sum = 0;
    let clippedSum = 0;
    let top = -Infinity;
    let squares = 0;
    for (let c = 0; c < C; c++) {
      const p = proba[base + c]!;
      if (!Number.isFinite(p)) rows.finite = false;
      if (!(p >= 0 && p <= 1)) rows.unitRange = false;
      sum += p;
      // sklearn 1.2.1 log_loss: np.clip(y_pred, eps, 1 - eps), then divide each row by its sum.
      clippedSum += Math.min(Math.max(p, EPS), 1 - EPS);
      if (p > top) top = p;
      const d = p - (c === t ? 1 : 0);
      squares += d * d;
    }
    // np.allclose(1, row_sum): |1 − s| ≤ atol + rtol · |s| with atol = 1e-8, rtol = 1e-5.
    if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) rows.sumsToOne = false;
    const own = Math.min(Math.max(proba[base + t]!, EPS), 1 - EPS);
    rows.logLoss[i] = -Math.log(own / clippedSum);
    if (C === 2) {
      const p1 = proba[base + 1]!;
      rows.brier[i] = (t - p1) * (t - p1);
      rows.confidence[i] = p1;
      rows.hit[i] = t;
    } else {
      rows.brier[i] = squares;
      rows.confidence[i] = top;
      rows.hit[i] = pred[i] === t ? 1 : 0;
    }
    rows.bin[i] = uniformBin(rows.confidence[i]!, ECE_BINS);
  }
  return rows;
}

/** Everything `classificationMetrics` can reuse across weight vectors: build once, pass to every bootstrap draw. */
export function prepareClassification(data: ClassificationData): { ranked: RankedScores[]; rows: ProbaRows | undefined } {
  return { ranked: rankClasses(data), rows: probaRows(data) };
}

/** Σ w_i x_i / W, with unit weights when none are given. */
function weightedMean(values: Float64Array, weights: Float64Array | undefined, total: number): number {
  let sum = 0;
  if (weights === undefined) for (let i = 0; i < values.length; i++) sum += values[i]!;
  else for (let i = 0; i < values.length; i++) sum += weights[i]! * values[i]!;
  return sum / total;
}

/** Σ weights (or the row count). */
function totalWeight(weights: Float64Array | undefined, n: number): number {
  if (weights === undefined) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  return total;
}

/** The mean of the values, or undefined when any is (sklearn's nan / raise, e.g. a class without weight). */
function meanOrUndefined(values: (number | undefined)[]): number | undefined {
  let sum = 0;
  for (const value of values) {
    if (value === undefined) return undefined;
    sum += value;
  }
  return sum / values.length;
}

/**
 * Every classification metric computable from the data (probability metrics only when proba is given); undefined
 * where sklearn would return nan/raise (e.g. AUC with one class present).
 *
 * - precision/recall/f1 are `average="binary"` (positive class 1) and given only when C = 2; the macro and weighted
 *   averages run over the classes occurring in y or pred in any row, even a zero-weight one (sklearn's `labels=None`
 *   with `sample_weight`); zero_division gives 0. balanced_accuracy averages recall over classes with true weight.
 * - roc_auc: binary on proba[:,1]; multiclass one-vs-rest macro (undefined unless every class has positive and
 *   negative weight and every row sums to 1). average_precision: binary, or the macro over one-vs-rest columns.
 * - log_loss as sklearn 1.2.1 with labels = 0..C−1; brier: binary brier_score_loss, multiclass the weighted mean of
 *   Σ_c (p_c − 1[y = c])²; ece: 10 uniform bins (as calibration_curve) of p₁ vs y (binary) or top-label confidence vs
 *   pred = y (multiclass), Σ_bins (W_bin / W) · |observed − mean predicted|.
 * - With no weight at all (every weight 0) nothing is defined and the result is empty.
 *
 * `cache` (from `prepareClassification(data)`) skips the sort and the per-row logarithms: pass it when computing
 * the metrics for many weight vectors over the same data.
 */
export function classificationMetrics(
  data: ClassificationData,
  weights?: Float64Array,
  cache: ClassificationCache = {},
): Partial<Record<ClassificationMetricName, number>> {
  checkClassification(data);
  const n = data.y.length;
  checkWeights(weights, n);
  const total = totalWeight(weights, n);
  if (!(total > 0)) return {};
  const C = data.classes;
  const { matrix, seen } = tallyConfusion(data, weights);
  const out: Partial<Record<ClassificationMetricName, number>> = {};

  let correct = 0;
  let recallSum = 0;
  let recallClasses = 0;
  const macro = { precision: 0, recall: 0, f1: 0, labels: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  for (let c = 0; c < C; c++) {
    const tp = matrix[c * C + c]!;
    let trueSum = 0;
    let predSum = 0;
    for (let k = 0; k < C; k++) {
      trueSum += matrix[c * C + k]!;
      predSum += matrix[k * C + c]!;
    }
    correct += tp;
    const precision = predSum === 0 ? 0 : tp / predSum;
    const recall = trueSum === 0 ? 0 : tp / trueSum;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (trueSum > 0) {
      recallSum += recall;
      recallClasses++;
    }
    if (seen[c] === 1) {
      macro.precision += precision;
      macro.recall += recall;
      macro.f1 += f1;
      macro.labels++;
    }
    weighted.precision += trueSum * precision;
    weighted.recall += trueSum * recall;
    weighted.f1 += trueSum * f1;
    if (C === 2 && c === 1) Object.assign(out, { precision, recall, f1 });
  }
  out.accuracy = correct / total;
  out.balanced_accuracy = recallSum / recallClasses;
  out.precision_macro = macro.precision / macro.labels;
  out.recall_macro = macro.recall / macro.labels;
  out.f1_macro = macro.f1 / macro.labels;
  // The weighted average's weights are the per-class true weight, which sum to the total weight.
  out.precision_weighted = weighted.precision / total;
  out.recall_weighted = weighted.recall / total;
  out.f1_weighted = weighted.f1 / total;

  if (data.proba === undefined) return out;
  const rows = cache.rows ?? probaRows(data)!;
  if (rows.logLoss.length !== n) throw new RangeError("cache.rows was built for other data");
  if (!rows.finite) return out;
  const ranked = cache.ranked ?? rankClasses(data);
  if (ranked.length !== (C === 2 ? 1 : C) || ranked.some((r) => r.size !== n))
    throw new RangeError("cache.ranked was built for other data");
  const ranking = ranked.map((r) => r.evaluate(weights));
  const auc = C === 2 || rows.sumsToOne ? meanOrUndefined(ranking.map((r) => r.auc)) : undefined;
  const ap = meanOrUndefined(ranking.map((r) => r.averagePrecision));
  if (auc !== undefined) out.roc_auc = auc;
  if (ap !== undefined) out.average_precision = ap;
  out.log_loss = weightedMean(rows.logLoss, weights, total);
  if (rows.unitRange) {
    out.brier = weightedMean(rows.brier, weights, total);
    // Per bin, |Σ w·hit − Σ w·confidence| / W = (W_bin / W) · |observed − mean predicted|.
    const gap = new Float64Array(ECE_BINS);
    const { bin, hit, confidence } = rows;
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i]!;
      gap[bin[i]!]! += w * (hit[i]! - confidence[i]!);
    }
    let sum = 0;
    for (const g of gap) sum += Math.abs(g);
    out.ece = sum / total;
  }
  return out;
}

/**
 * mae, rmse (√ mean_squared_error), r2 and mape (denominator max(|y|, eps)) as sklearn 1.2.1. r2 follows
 * force_finite: 1 for perfect predictions, 0 for a constant target otherwise, undefined under two rows.
 * Empty when there is no weight or a value is not finite (sklearn raises).
 */
export function regressionMetrics(data: RegressionData, weights?: Float64Array): Partial<Record<RegressionMetricName, number>> {
  const { y, pred } = data;
  const n = y.length;
  if (pred.length !== n) throw new RangeError(`pred has ${pred.length} rows, y has ${n}`);
  checkWeights(weights, n);
  const total = totalWeight(weights, n);
  if (!(total > 0)) return {};
  let absolute = 0;
  let squared = 0;
  let percentage = 0;
  let targetSum = 0;
  let first = NaN;
  let constant = true;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const t = y[i]!;
    const p = pred[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(p)) return {};
    const e = p - t;
    absolute += w * Math.abs(e);
    squared += w * e * e;
    percentage += (w * Math.abs(e)) / Math.max(Math.abs(t), EPS);
    targetSum += w * t;
    if (w > 0) {
      if (Number.isNaN(first)) first = t;
      else if (t !== first) constant = false;
    }
  }
  const out: Partial<Record<RegressionMetricName, number>> = {
    mae: absolute / total,
    rmse: Math.sqrt(squared / total),
    mape: percentage / total,
  };
  if (n >= 2) {
    // A constant target makes sklearn's denominator exactly 0 in exact arithmetic; test for it directly rather
    // than trust (y − weighted mean)² to cancel to the last bit.
    let spread = 0;
    if (!constant) {
      const mean = targetSum / total;
      for (let i = 0; i < n; i++) {
        const d = y[i]! - mean;
        spread += (weights === undefined ? 1 : weights[i]!) * d * d;
      }
    }
    out.r2 = squared === 0 ? 1 : spread === 0 ? 0 : 1 - squared / spread;
  }
  return out;
}
