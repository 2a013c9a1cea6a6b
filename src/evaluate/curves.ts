/**
 * Binary score curves for evaluation: ROC and average precision on a score that is ranked once
 * (`RankedScores`, so the bootstrap can re-weight a million rows thousands of times), the ROC
 * curve points for report charts, and uniform calibration bins (reliability diagram, ECE).
 * Each follows scikit-learn 1.2.1 to floating-point rounding, sample weights included.
 */

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

/** Byte order of this machine: where the high 32 bits of a float64 sit in a Uint32Array view. */
const HIGH_WORD = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * Row indices ordered by ascending score, by an LSD radix sort on the float64 bit patterns (4 passes of 16 bits,
 * a pass skipped when every row shares its digit). A comparator sort of an index permutation costs several times
 * more at a million rows; ties keep no particular order, which grouping does not need. Scores must be finite.
 */
function sortIndices(score: Float64Array): { order: Uint32Array; high: Uint32Array; low: Uint32Array } {
  const n = score.length;
  const bits = new Uint32Array(Float64Array.from(score, (s) => s + 0).buffer); // s + 0 turns −0 into +0: one tie group
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + HIGH_WORD]!;
    const l = bits[2 * i + 1 - HIGH_WORD]!;
    // Map IEEE order onto unsigned order: negatives flip every bit, positives flip the sign bit.
    if (h & 0x80000000) {
      high[i] = ~h >>> 0;
      low[i] = ~l >>> 0;
    } else {
      high[i] = (h ^ 0x80000000) >>> 0;
      low[i] = l;
    }
  }
  let order = Uint32Array.from({ length: n }, (_, i) => i);
  let next = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(word[i]! >>> shift) & 0xffff]!++;
    if (count[(word[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[count[(word[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return { order, high, low };
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
  /** Per row, 2 × (rank of its score among the distinct scores, 0 = highest) + (1 if positive): one scatter index. */
  readonly #code: Uint32Array;
  /** The distinct scores, descending. */
  readonly #distinct: Float64Array;
  /** sklearn rejects NaN and ±Infinity scores (assert_all_finite), so every result is then undefined. */
  readonly #finite: boolean;
  /** Scratch tallies reused across calls — [2g] negative, [2g + 1] positive weight — so a draw allocates nothing. */
  readonly #tally: Float64Array;
  #unweighted: RankingScores | undefined;

  constructor(y01: Int32Array | Uint8Array, score: Float64Array) {
    const n = y01.length;
    if (score.length !== n) throw new RangeError(`score has ${score.length} entries for ${n} labels`);
    this.size = n;
    this.#code = new Uint32Array(n);
    let finite = true;
    for (let i = 0; i < n && finite; i++) finite = Number.isFinite(score[i]!);
    this.#finite = finite;
    if (!finite || n === 0) {
      this.#distinct = new Float64Array(0);
    } else {
      const { order, high, low } = sortIndices(score);
      const distinct = new Float64Array(n);
      let g = -1;
      let lastHigh = 0;
      let lastLow = 0;
      for (let k = n - 1; k >= 0; k--) {
        const i = order[k]!;
        if (g < 0 || high[i] !== lastHigh || low[i] !== lastLow) {
          g++;
          lastHigh = high[i]!;
          lastLow = low[i]!;
          distinct[g] = score[i]! + 0;
        }
        this.#code[i] = 2 * g + (y01[i] === 0 ? 0 : 1);
      }
      this.#distinct = distinct.slice(0, g + 1);
    }
    this.#tally = new Float64Array(2 * this.#distinct.length);
  }

  /** The distinct scores, highest first (the candidate thresholds). */
  get thresholds(): Float64Array {
    return this.#distinct;
  }

  /**
   * Weight per distinct score, highest score first — `counts[2g]` negative, `counts[2g + 1]` positive — plus the
   * totals. `counts` is scratch space owned by this instance: valid until the next call.
   */
  tally(weights?: Float64Array): { counts: Float64Array; totalPos: number; totalNeg: number } {
    checkWeights(weights, this.size);
    const counts = this.#tally.fill(0);
    const code = this.#code;
    if (this.#finite) {
      if (weights === undefined) for (let i = 0; i < this.size; i++) counts[code[i]!]! += 1;
      else for (let i = 0; i < this.size; i++) counts[code[i]!]! += weights[i]!;
    }
    let totalPos = 0;
    let totalNeg = 0;
    // Totals accumulate in threshold order, like sklearn's cumulative sums whose last entry normalises.
    for (let j = 0; j < counts.length; j += 2) {
      totalNeg += counts[j]!;
      totalPos += counts[j + 1]!;
    }
    return { counts, totalPos, totalNeg };
  }

  /**
   * AUC and average precision from one pass. AUC: trapezoid over distinct thresholds (roc_auc_score), undefined when
   * either class has no weight. Average precision: Σ (R_n − R_{n−1}) P_n (average_precision_score); with no positive
   * weight sklearn returns 0 (it sets recall to 1 everywhere), so this does too; undefined with no weight at all.
   */
  evaluate(weights?: Float64Array): RankingScores {
    if (!this.#finite) return { auc: undefined, averagePrecision: undefined };
    if (weights === undefined && this.#unweighted !== undefined) return { ...this.#unweighted };
    const { counts, totalPos, totalNeg } = this.tally(weights);
    let area = 0;
    let precisionSum = 0;
    let tp = 0;
    let fp = 0;
    for (let j = 0; j < counts.length; j += 2) {
      const neg = counts[j]!;
      const pos = counts[j + 1]!;
      area += neg * (2 * tp + pos);
      tp += pos;
      fp += neg;
      // A threshold that adds no positive weight adds no recall; skipping it also avoids 0/0 precision.
      if (pos > 0) precisionSum += pos * (tp / (tp + fp));
    }
    const result: RankingScores = {
      auc: totalPos > 0 && totalNeg > 0 ? area / (2 * totalPos * totalNeg) : undefined,
      averagePrecision: totalPos > 0 ? precisionSum / totalPos : totalNeg > 0 ? 0 : undefined,
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
export function rocCurve(y01: Int32Array | Uint8Array, score: Float64Array, weights?: Float64Array): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  const ranked = new RankedScores(y01, score);
  const { counts, totalPos, totalNeg } = ranked.tally(weights);
  const distinct = ranked.thresholds;
  const fpr = [0];
  const tpr = [0];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let g = 0; g < distinct.length; g++) {
    const neg = counts[2 * g]!;
    const pos = counts[2 * g + 1]!;
    if (!(pos + neg > 0)) continue; // sklearn drops zero-weight rows before finding thresholds
    tp += pos;
    fp += neg;
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
export function calibrationTally(y01: Int32Array | Uint8Array, score: Float64Array, bins: number, weights?: Float64Array): { weight: Float64Array; scoreSum: Float64Array; positiveSum: Float64Array } {
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
  const result = { meanPredicted: [] as number[], fractionPositive: [] as number[], weight: [] as number[], lower: [] as number[], upper: [] as number[] };
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
