/**
 * A binary classifier's metrics for one bootstrap weight vector in one pass over the units, for the
 * usual case of `metricIntervals`: the challenger's units come out of `mergeRows` in descending score
 * order, so the ROC / precision-recall sweep, the confusion counts and the log-loss, Brier and
 * calibration sums can all be read in that one order, with nothing gathered or checked per resample.
 *
 * It gives `classificationMetrics`' numbers bit for bit: weights are resample counts (integers), so
 * every sum of weights is exact whatever its order, and the sums of weight × a per-unit term run in
 * unit order, as `classificationMetrics` runs them. The confusion-matrix metrics are left to
 * `classificationMetrics` itself, on one row per (label, prediction) cell that occurs, weighted by the
 * cell's total: the same matrix, the same classes seen, the same formulas. The tests compare the two.
 */
import { classificationMetrics, probaRows, type ClassificationData, type MetricName, type ProbaRows } from "./metrics.ts";

/** `uniformBin`'s 10 bins, as `classificationMetrics`' ECE. */
const ECE_BINS = 10;

/** The metrics for a weight vector over the units; `fromCounts` reads unit i's weight as counts[positions[i]]. */
export type BinaryUnitMetrics = ((weights: Float64Array) => Partial<Record<MetricName, number>>) & {
  /**
   * For units of one row each, weights straight from a replicate's per-position draw counts, without
   * writing a weight vector; undefined without probabilities or when the counts do not sum to `draws`
   * (a byte wrapped: the caller counts again in 32 bits).
   */
  fromCounts(counts: Uint8Array, positions: Int32Array, draws: number): Partial<Record<MetricName, number>> | undefined;
  /** Whether `fromCounts` can answer (the model has finite probabilities). */
  readsCounts: boolean;
};

/**
 * The metrics of binary `data` (units in descending order of proba[:, 1]) for a weight vector, or
 * undefined when the one-pass form does not apply (not binary, or scores out of order); the caller
 * then uses `prepareMetrics`.
 */
export function binaryUnitMetrics(data: ClassificationData, wanted: readonly MetricName[]): BinaryUnitMetrics | undefined {
  const { classes, y, pred, proba } = data;
  if (classes !== 2) return undefined;
  const n = y.length;
  // classificationMetrics checks the class indices; so does this (once, not per resample).
  for (let i = 0; i < n; i++) if (!(y[i]! >>> 1 === 0 && pred[i]! >>> 1 === 0)) return undefined;
  // The (label, prediction) cells that occur, numbered label · 2 + prediction: one row each for
  // classificationMetrics' confusion part.
  const present = new Uint8Array(4);
  for (let i = 0; i < n; i++) present[y[i]! * 2 + pred[i]!] = 1;
  const cells: number[] = [];
  for (let c = 0; c < 4; c++) if (present[c] === 1) cells.push(c);
  const cellData: ClassificationData = {
    classes: 2,
    y: Int32Array.from(cells, (c) => c >> 1),
    pred: Int32Array.from(cells, (c) => c & 1),
  };

  const rows: ProbaRows | undefined = proba === undefined ? undefined : probaRows(data);
  const withProba = rows !== undefined && rows.finite;
  // Everything the pass reads per unit in two arrays, so it streams through memory once: `packed` has
  // the prediction (bit 1), the label (bit 2), "last unit of its score's tie group" (bit 3: a
  // threshold closes there) and the ECE bin (bits 4–7); `terms` the log-loss term, the Brier term and
  // hit − confidence (the very subtraction classificationMetrics makes), interleaved.
  const packed = new Uint8Array(n);
  const terms = new Float64Array(withProba ? n * 3 : 0);
  for (let i = 0; i < n; i++) packed[i] = (pred[i]! << 1) | (y[i]! << 2);
  if (withProba) {
    const { logLoss, brier, bin, hit, confidence } = rows;
    for (let i = 0; i < n; i++) {
      const score = proba![i * 2 + 1]! + 0; // + 0: −0 and +0 are one tie group, as RankedScores has them
      const next = i + 1 < n ? proba![(i + 1) * 2 + 1]! + 0 : undefined;
      if (next !== undefined && next > score) return undefined; // not in descending score order
      packed[i] = (pred[i]! << 1) | (y[i]! << 2) | (next === undefined || next !== score ? 8 : 0) | (bin[i]! << 4);
      terms[i * 3] = logLoss[i]!;
      terms[i * 3 + 1] = brier[i]!;
      terms[i * 3 + 2] = hit[i]! - confidence[i]!;
    }
  }
  const keep = new Set(wanted);
  const cellWeights = new Float64Array(cells.length);
  const gap = new Float64Array(ECE_BINS);

  // The sums of one sweep: total, positives, predicted, true positives, log loss, Brier, area, Σ precision, tp, fp.
  const sums = new Float64Array(10);

  /** The one pass over the units in score order, with the weights as given. */
  const sweepProba = (weights: Float64Array): void => {
    gap.fill(0);
    let predicted = 0;
    let truePositives = 0;
    let logLoss = 0;
    let brier = 0;
    let area = 0;
    let precisionSum = 0;
    let tp = 0;
    let fp = 0;
    let groupPos = 0;
    let groupNeg = 0;
    // Units in score order visit each ECE bin in one run: its sum is kept in a register meanwhile,
    // continuing from (and returned to) gap[bin], so every bin adds the same terms in the same order.
    let bin = packed[0]! >>> 4;
    let binGap = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const f = packed[i]!;
      const label = (f >>> 2) & 1;
      const positive = w * label;
      const predictedWeight = w * ((f >>> 1) & 1);
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
      logLoss += w * terms[i * 3]!;
      brier += w * terms[i * 3 + 1]!;
      if (f >>> 4 !== bin) {
        gap[bin] = binGap;
        bin = f >>> 4;
        binGap = gap[bin]!;
      }
      binGap += w * terms[i * 3 + 2]!;
      // RankedScores.evaluate's sweep, step for step (its descending order is this order).
      groupPos += positive;
      groupNeg += w - positive;
      if (f & 8) {
        area += groupNeg * (2 * tp + groupPos);
        tp += groupPos;
        fp += groupNeg;
        if (groupPos > 0) precisionSum += groupPos * (tp / (tp + fp));
        groupPos = 0;
        groupNeg = 0;
      }
    }
    if (n > 0) gap[bin] = binGap;
    // The sweep closes a group at the last unit, so tp and fp end as the positive and negative totals.
    sums.set([tp + fp, tp, predicted, truePositives, logLoss, brier, area, precisionSum, tp, fp]);
  };

  /**
   * `sweepProba` with unit i's weight read as counts[positions[i]] (one row per unit): no weight vector
   * is written. Its loop is written again rather than given a weight-reading callback, which would be
   * a call per unit in the bootstrap's hottest loop; the tests hold both to classificationMetrics.
   */
  const sweepProbaCounts = (counts: Uint8Array, positions: Int32Array): void => {
    gap.fill(0);
    let predicted = 0;
    let truePositives = 0;
    let logLoss = 0;
    let brier = 0;
    let area = 0;
    let precisionSum = 0;
    let tp = 0;
    let fp = 0;
    let groupPos = 0;
    let groupNeg = 0;
    let bin = packed[0]! >>> 4;
    let binGap = 0;
    for (let i = 0; i < n; i++) {
      const w = counts[positions[i]!]!;
      const f = packed[i]!;
      const label = (f >>> 2) & 1;
      const positive = w * label;
      const predictedWeight = w * ((f >>> 1) & 1);
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
      logLoss += w * terms[i * 3]!;
      brier += w * terms[i * 3 + 1]!;
      if (f >>> 4 !== bin) {
        gap[bin] = binGap;
        bin = f >>> 4;
        binGap = gap[bin]!;
      }
      binGap += w * terms[i * 3 + 2]!;
      groupPos += positive;
      groupNeg += w - positive;
      if (f & 8) {
        area += groupNeg * (2 * tp + groupPos);
        tp += groupPos;
        fp += groupNeg;
        if (groupPos > 0) precisionSum += groupPos * (tp / (tp + fp));
        groupPos = 0;
        groupNeg = 0;
      }
    }
    if (n > 0) gap[bin] = binGap;
    sums.set([tp + fp, tp, predicted, truePositives, logLoss, brier, area, precisionSum, tp, fp]);
  };

  const sweepLabels = (weights: Float64Array): void => {
    let total = 0;
    let positives = 0;
    let predicted = 0;
    let truePositives = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const f = packed[i]!;
      const label = (f >>> 2) & 1;
      const predictedWeight = w * ((f >>> 1) & 1);
      total += w;
      positives += w * label;
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
    }
    sums.set([total, positives, predicted, truePositives, 0, 0, 0, 0, 0, 0]);
  };

  // Weights are counts, so the sums of weights are exact in any order: the confusion cells follow from
  // them (cell = label · 2 + prediction) without a memory update per unit.
  const finish = (): Partial<Record<MetricName, number>> => {
    const [total, positives, predicted, truePositives, logLoss, brier, area, precisionSum, tp, fp] = sums as unknown as number[];
    const byCell = [
      total! - positives! - predicted! + truePositives!,
      predicted! - truePositives!,
      positives! - truePositives!,
      truePositives!,
    ];
    cells.forEach((c, slot) => (cellWeights[slot] = byCell[c]!));
    const all: Partial<Record<MetricName, number>> = classificationMetrics(cellData, cellWeights);
    if (withProba && total! > 0) {
      if (tp! > 0 && fp! > 0) all.roc_auc = area! / (2 * tp! * fp!);
      const averagePrecision = tp! > 0 ? precisionSum! / tp! : fp! > 0 ? 0 : undefined;
      if (averagePrecision !== undefined) all.average_precision = averagePrecision;
      all.log_loss = logLoss! / total!;
      if (rows.unitRange) {
        all.brier = brier! / total!;
        let sum = 0;
        for (const g of gap) sum += Math.abs(g);
        all.ece = sum / total!;
      }
    }
    const out: Partial<Record<MetricName, number>> = {};
    for (const [name, value] of Object.entries(all) as [MetricName, number][])
      if (keep.has(name) && Number.isFinite(value)) out[name] = value;
    return out;
  };

  const metrics = (weights: Float64Array): Partial<Record<MetricName, number>> => {
    if (weights.length !== n) throw new RangeError(`weights has ${weights.length} entries for ${n} units`);
    if (withProba) sweepProba(weights);
    else sweepLabels(weights);
    return finish();
  };
  const fromCounts = (counts: Uint8Array, positions: Int32Array, draws: number): Partial<Record<MetricName, number>> | undefined => {
    if (!withProba || positions.length !== n) return undefined;
    sweepProbaCounts(counts, positions);
    // Every position is read once, so the counts sum to the draws unless a byte wrapped.
    return sums[0] === draws ? finish() : undefined;
  };
  return Object.assign(metrics, { fromCounts, readsCounts: withProba });
}
