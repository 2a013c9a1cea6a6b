/**
 * Binary score curves for evaluation: ROC and average precision on a score that is ranked once
 * (`RankedScores`, so the bootstrap can re-weight a million rows thousands of times), the ROC
 * curve points for report charts, and uniform calibration bins (reliability diagram, ECE).
 * Each follows scikit-learn 1.2.1 to floating-point rounding, sample weights included.
 */
import { radixSortFloat64 } from "./radix-sort.ts";

/** Throws unless `weights` (when given) has `n` finite nonnegative entries. */
export function checkWeights(weights: Float64Array | undefined, n: number): void {
  if (weights === undefined) return;
  if (weights.length !== n) throw new RangeError(`weights has ${weights.length} entries for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    // `!(w >= 0)` also catches NaN; Infinity would turn every weighted mean into NaN.
    if (!(w >= 0) || w === Infinity) throw new RangeError(`weights[${i}] = ${w}: weights must be finite and nonnegative`);
  }
}

/** AUC and average precision of one weighting (undefined where sklearn raises or returns nan). */
export interface RankingScores {
  auc: number | undefined;
  averagePrecision: number | undefined;
}

/**
 * A binary score sorted once (descending, ties grouped) so AUC and average precision can be recomputed for
 * many weight vectors in O(n) each — the bootstrap calls this thousands of times on up to 1,000,000 rows.
 */
export class RankedScores {
  /** Rows this was built from; weight vectors must have this length. */
  readonly size: number;
  /** Row indices by descending score. */
  readonly #order: Uint32Array;
  /** Per sorted position: bit 0 = positive row, bit 1 = last row of its tie group (a threshold closes there). */
  readonly #flags: Uint8Array;
  /** The distinct scores, descending. */
  readonly #distinct: Float64Array;
  /** sklearn rejects NaN and ±Infinity scores (assert_all_finite), so every result is then undefined. */
  readonly #finite: boolean;
  #unweighted: RankingScores | undefined;

  constructor(y01: Int32Array | Uint8Array, score: Float64Array) {
    const n = y01.length;
    if (score.length !== n) throw new RangeError(`score has ${score.length} entries for ${n} labels`);
    this.size = n;
    this.#order = new Uint32Array(n);
    this.#flags = new Uint8Array(n);
    let finite = true;
    for (let i = 0; i < n && finite; i++) finite = Number.isFinite(score[i]!);
    this.#finite = finite;
    if (!finite || n === 0) {
      this.#distinct = new Float64Array(0);
      return;
    }
    const { order, high, low } = radixSortFloat64(score);
    const distinct = new Float64Array(n);
    let groups = 0;
    for (let k = 0; k < n; k++) {
      // Sorted position n − 1 − k: keys are in sorted order, so ties are neighbours.
      const at = n - 1 - k;
      const i = order[at]!;
      this.#order[k] = i;
      const closes = at === 0 || high[at - 1] !== high[at] || low[at - 1] !== low[at];
      this.#flags[k] = (y01[i] === 0 ? 0 : 1) | (closes ? 2 : 0);
      if (closes) distinct[groups++] = score[i]! + 0;
    }
    this.#distinct = distinct.slice(0, groups);
  }

  /** The distinct scores, highest first (the candidate thresholds). */
  get thresholds(): Float64Array {
    return this.#distinct;
  }

  /** Positive and negative weight per distinct score, highest score first, plus the totals. */
  tally(weights?: Float64Array): { pos: Float64Array; neg: Float64Array; totalPos: number; totalNeg: number } {
    checkWeights(weights, this.size);
    const pos = new Float64Array(this.#distinct.length);
    const neg = new Float64Array(this.#distinct.length);
    if (!this.#finite) return { pos, neg, totalPos: 0, totalNeg: 0 };
    let g = 0;
    let totalPos = 0;
    let totalNeg = 0;
    for (let k = 0; k < this.size; k++) {
      const w = weights === undefined ? 1 : weights[this.#order[k]!]!;
      const f = this.#flags[k]!;
      if (f & 1) pos[g]! += w;
      else neg[g]! += w;
      if (f & 2) {
        totalPos += pos[g]!;
        totalNeg += neg[g]!;
        g++;
      }
    }
    return { pos, neg, totalPos, totalNeg };
  }

  /**
   * AUC and average precision from one pass. AUC: trapezoid over distinct thresholds (roc_auc_score), undefined when
   * either class has no weight. Average precision: Σ (R_n − R_{n−1}) P_n (average_precision_score); with no positive
   * weight sklearn returns 0 (it sets recall to 1 everywhere), so this does too; undefined with no weight at all.
   */
  evaluate(weights?: Float64Array): RankingScores {
    if (!this.#finite) return { auc: undefined, averagePrecision: undefined };
    if (weights === undefined && this.#unweighted !== undefined) return { ...this.#unweighted };
    checkWeights(weights, this.size);
    const order = this.#order;
    const flags = this.#flags;
    // One streaming pass in score order: weights are gathered, nothing is scattered, nothing is allocated.
    let area = 0;
    let precisionSum = 0;
    let tp = 0;
    let fp = 0;
    let groupPos = 0;
    let groupNeg = 0;
    for (let k = 0; k < this.size; k++) {
      const w = weights === undefined ? 1 : weights[order[k]!]!;
      const f = flags[k]!;
      // Branch-free split: the label is a coin flip to the branch predictor.
      const positive = w * (f & 1);
      groupPos += positive;
      groupNeg += w - positive;
      if (f & 2) {
        area += groupNeg * (2 * tp + groupPos);
        tp += groupPos;
        fp += groupNeg;
        // A threshold that adds no positive weight adds no recall; skipping it also avoids 0/0 precision.
        if (groupPos > 0) precisionSum += groupPos * (tp / (tp + fp));
        groupPos = 0;
        groupNeg = 0;
      }
    }
    // tp and fp end as the totals, accumulated in threshold order like sklearn's normalising cumulative sums.
    const result: RankingScores = {
      auc: tp > 0 && fp > 0 ? area / (2 * tp * fp) : undefined,
      averagePrecision: tp > 0 ? precisionSum / tp : fp > 0 ? 0 : undefined,
    };
    if (weights === undefined) this.#unweighted = { ...result };
    return result;
  }

  /** ROC AUC as roc_auc_score (see `evaluate`). */
  auc(weights?: Float64Array): number | undefined {
    return this.evaluate(weights).auc;
  }

  /** Average precision as average_precision_score (see `evaluate`). */
  averagePrecision(weights?: Float64Array): number | undefined {
    return this.evaluate(weights).averagePrecision;
  }
}

/**
 * ROC curve points (fpr, tpr) at distinct thresholds, like sklearn roc_curve(drop_intermediate=False), weighted.
 * As in sklearn 1.2, the first point is (0, 0) at threshold max(score) + 1; rows of zero weight add no threshold,
 * and a class without weight makes its rate NaN (sklearn warns and does the same).
 */
export function rocCurve(
  y01: Int32Array | Uint8Array,
  score: Float64Array,
  weights?: Float64Array,
): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  for (const s of score) if (!Number.isFinite(s)) throw new RangeError(`scores must be finite, got ${s}`); // as sklearn's assert_all_finite
  const ranked = new RankedScores(y01, score);
  const { pos, neg, totalPos, totalNeg } = ranked.tally(weights);
  const distinct = ranked.thresholds;
  const fpr = [0];
  const tpr = [0];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let g = 0; g < distinct.length; g++) {
    if (!(pos[g]! + neg[g]! > 0)) continue; // sklearn drops zero-weight rows before finding thresholds
    tp += pos[g]!;
    fp += neg[g]!;
    if (thresholds.length === 0) thresholds.push(distinct[g]! + 1);
    thresholds.push(distinct[g]!);
    fpr.push(totalNeg > 0 ? fp / totalNeg : NaN);
    tpr.push(totalPos > 0 ? tp / totalPos : NaN);
  }
  if (thresholds.length === 0) return { fpr: [], tpr: [], thresholds: [] };
  if (!(totalNeg > 0)) fpr.fill(NaN);
  if (!(totalPos > 0)) tpr.fill(NaN);
  return { fpr, tpr, thresholds };
}

/**
 * The bin of `p` among `bins` uniform bins, as calibration_curve: np.searchsorted(linspace(0, 1, bins + 1)[1:-1], p),
 * i.e. bin b holds (t_b, t_{b+1}] with t_b = b · (1 / bins) computed exactly as numpy's linspace does.
 */
export function uniformBin(p: number, bins: number): number {
  const step = 1 / bins;
  let b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
  // floor(p · bins) can be one off from numpy's rounded edges (e.g. 0.3 < 3 · 0.1): settle on the exact edges.
  while (b > 0 && b * step >= p) b--;
  while (b < bins - 1 && (b + 1) * step < p) b++;
  return b;
}

/** Per-bin sums of weight, weight × score and weight × outcome: the raw material of calibration bins and ECE. */
function calibrationTally(
  y01: Int32Array | Uint8Array,
  score: Float64Array,
  bins: number,
  weights?: Float64Array,
): { weight: Float64Array; scoreSum: Float64Array; positiveSum: Float64Array } {
  const weight = new Float64Array(bins);
  const scoreSum = new Float64Array(bins);
  const positiveSum = new Float64Array(bins);
  for (let i = 0; i < score.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    const p = score[i]!;
    const b = uniformBin(p, bins);
    weight[b]! += w;
    scoreSum[b]! += w * p;
    if (y01[i] !== 0) positiveSum[b]! += w;
  }
  return { weight, scoreSum, positiveSum };
}

/** Calibration bins (10 uniform): mean predicted, observed fraction, weight per non-empty bin — as calibration_curve(strategy="uniform"). */
export function calibrationBins(
  y01: Int32Array | Uint8Array,
  score: Float64Array,
  options: { bins?: number; weights?: Float64Array } = {},
): { meanPredicted: number[]; fractionPositive: number[]; weight: number[]; lower: number[]; upper: number[] } {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (score.length !== y01.length) throw new RangeError(`score has ${score.length} entries for ${y01.length} labels`);
  checkWeights(options.weights, score.length);
  for (const p of score) if (!(p >= 0 && p <= 1)) throw new RangeError(`scores must lie in [0, 1], got ${p}`);
  const tally = calibrationTally(y01, score, bins, options.weights);
  const step = 1 / bins;
  const result = {
    meanPredicted: [] as number[],
    fractionPositive: [] as number[],
    weight: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  };
  for (let b = 0; b < bins; b++) {
    const w = tally.weight[b]!;
    if (!(w > 0)) continue; // sklearn keeps only bins holding rows; a zero-weight row counts as absent
    result.meanPredicted.push(tally.scoreSum[b]! / w);
    result.fractionPositive.push(tally.positiveSum[b]! / w);
    result.weight.push(w);
    result.lower.push(b * step);
    result.upper.push(b === bins - 1 ? 1 : (b + 1) * step);
  }
  return result;
}
