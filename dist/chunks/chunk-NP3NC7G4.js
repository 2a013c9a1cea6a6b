import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/evaluate/radix-sort.ts
var HIGH_WORD = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
function radixSortFloat64(key, descending = false) {
  const n = key.length;
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = key[i] + 0;
  const bits = new Uint32Array(copy.buffer);
  const flip = descending ? 4294967295 : 0;
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + HIGH_WORD];
    const l = bits[2 * i + 1 - HIGH_WORD];
    if (h & 2147483648) {
      high[i] = (~h ^ flip) >>> 0;
      low[i] = (~l ^ flip) >>> 0;
    } else {
      high[i] = (h ^ 2147483648 ^ flip) >>> 0;
      low[i] = (l ^ flip) >>> 0;
    }
    order[i] = i;
  }
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  let nextOrder = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const word = pass < 3 ? low : high;
    const shift = pass % 3 * 11;
    count.fill(0);
    for (let k = 0; k < n; k++) count[word[k] >>> shift & 2047]++;
    if (n === 0 || count[word[0] >>> shift & 2047] === n) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const to = count[word[k] >>> shift & 2047]++;
      nextHigh[to] = high[k];
      nextLow[to] = low[k];
      nextOrder[to] = order[k];
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
    [order, nextOrder] = [nextOrder, order];
  }
  return { order, high, low };
}

// src/evaluate/curves.ts
function checkWeights(weights, n) {
  if (weights === void 0) return;
  if (weights.length !== n) throw new RangeError(`weights has ${weights.length} entries for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || w === Infinity) throw new RangeError(`weights[${i}] = ${w}: weights must be finite and nonnegative`);
  }
}
var RankedScores = class {
  /** Rows this was built from; weight vectors must have this length. */
  size;
  /** Row indices by descending score. */
  #order;
  /** Per sorted position: bit 0 = positive row, bit 1 = last row of its tie group (a threshold closes there). */
  #flags;
  /** The distinct scores, descending. */
  #distinct;
  /** sklearn rejects NaN and ±Infinity scores (assert_all_finite), so every result is then undefined. */
  #finite;
  #unweighted;
  constructor(y01, score) {
    const n = y01.length;
    if (score.length !== n) throw new RangeError(`score has ${score.length} entries for ${n} labels`);
    this.size = n;
    this.#order = new Uint32Array(n);
    this.#flags = new Uint8Array(n);
    let finite = true;
    for (let i = 0; i < n && finite; i++) finite = Number.isFinite(score[i]);
    this.#finite = finite;
    if (!finite || n === 0) {
      this.#distinct = new Float64Array(0);
      return;
    }
    const { order, high, low } = radixSortFloat64(score);
    const distinct = new Float64Array(n);
    let groups = 0;
    for (let k = 0; k < n; k++) {
      const at = n - 1 - k;
      const i = order[at];
      this.#order[k] = i;
      const closes = at === 0 || high[at - 1] !== high[at] || low[at - 1] !== low[at];
      this.#flags[k] = (y01[i] === 0 ? 0 : 1) | (closes ? 2 : 0);
      if (closes) distinct[groups++] = score[i] + 0;
    }
    this.#distinct = distinct.slice(0, groups);
  }
  /** The distinct scores, highest first (the candidate thresholds). */
  get thresholds() {
    return this.#distinct;
  }
  /** Positive and negative weight per distinct score, highest score first, plus the totals. */
  tally(weights) {
    checkWeights(weights, this.size);
    const pos = new Float64Array(this.#distinct.length);
    const neg = new Float64Array(this.#distinct.length);
    if (!this.#finite) return { pos, neg, totalPos: 0, totalNeg: 0 };
    let g = 0;
    let totalPos = 0;
    let totalNeg = 0;
    for (let k = 0; k < this.size; k++) {
      const w = weights === void 0 ? 1 : weights[this.#order[k]];
      const f = this.#flags[k];
      if (f & 1) pos[g] += w;
      else neg[g] += w;
      if (f & 2) {
        totalPos += pos[g];
        totalNeg += neg[g];
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
  evaluate(weights) {
    if (!this.#finite) return { auc: void 0, averagePrecision: void 0 };
    if (weights === void 0 && this.#unweighted !== void 0) return { ...this.#unweighted };
    checkWeights(weights, this.size);
    const order = this.#order;
    const flags = this.#flags;
    let area = 0;
    let precisionSum = 0;
    let tp = 0;
    let fp = 0;
    let groupPos = 0;
    let groupNeg = 0;
    for (let k = 0; k < this.size; k++) {
      const w = weights === void 0 ? 1 : weights[order[k]];
      const f = flags[k];
      const positive = w * (f & 1);
      groupPos += positive;
      groupNeg += w - positive;
      if (f & 2) {
        area += groupNeg * (2 * tp + groupPos);
        tp += groupPos;
        fp += groupNeg;
        if (groupPos > 0) precisionSum += groupPos * (tp / (tp + fp));
        groupPos = 0;
        groupNeg = 0;
      }
    }
    const result = {
      auc: tp > 0 && fp > 0 ? area / (2 * tp * fp) : void 0,
      averagePrecision: tp > 0 ? precisionSum / tp : fp > 0 ? 0 : void 0
    };
    if (weights === void 0) this.#unweighted = { ...result };
    return result;
  }
  /** ROC AUC as roc_auc_score (see `evaluate`). */
  auc(weights) {
    return this.evaluate(weights).auc;
  }
  /** Average precision as average_precision_score (see `evaluate`). */
  averagePrecision(weights) {
    return this.evaluate(weights).averagePrecision;
  }
};
function rocCurve(y01, score, weights) {
  for (const s of score) if (!Number.isFinite(s)) throw new RangeError(`scores must be finite, got ${s}`);
  const ranked = new RankedScores(y01, score);
  const { pos, neg, totalPos, totalNeg } = ranked.tally(weights);
  const distinct = ranked.thresholds;
  const fpr = [0];
  const tpr = [0];
  const thresholds = [];
  let tp = 0;
  let fp = 0;
  for (let g = 0; g < distinct.length; g++) {
    if (!(pos[g] + neg[g] > 0)) continue;
    tp += pos[g];
    fp += neg[g];
    if (thresholds.length === 0) thresholds.push(distinct[g] + 1);
    thresholds.push(distinct[g]);
    fpr.push(totalNeg > 0 ? fp / totalNeg : NaN);
    tpr.push(totalPos > 0 ? tp / totalPos : NaN);
  }
  if (thresholds.length === 0) return { fpr: [], tpr: [], thresholds: [] };
  if (!(totalNeg > 0)) fpr.fill(NaN);
  if (!(totalPos > 0)) tpr.fill(NaN);
  return { fpr, tpr, thresholds };
}
function uniformBin(p, bins) {
  const step = 1 / bins;
  let b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
  while (b > 0 && b * step >= p) b--;
  while (b < bins - 1 && (b + 1) * step < p) b++;
  return b;
}
function calibrationTally(y01, score, bins, weights) {
  const weight = new Float64Array(bins);
  const scoreSum = new Float64Array(bins);
  const positiveSum = new Float64Array(bins);
  for (let i = 0; i < score.length; i++) {
    const w = weights === void 0 ? 1 : weights[i];
    if (w === 0) continue;
    const p = score[i];
    const b = uniformBin(p, bins);
    weight[b] += w;
    scoreSum[b] += w * p;
    if (y01[i] !== 0) positiveSum[b] += w;
  }
  return { weight, scoreSum, positiveSum };
}
function calibrationBins(y01, score, options = {}) {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (score.length !== y01.length) throw new RangeError(`score has ${score.length} entries for ${y01.length} labels`);
  checkWeights(options.weights, score.length);
  for (const p of score) if (!(p >= 0 && p <= 1)) throw new RangeError(`scores must lie in [0, 1], got ${p}`);
  const tally = calibrationTally(y01, score, bins, options.weights);
  const step = 1 / bins;
  const result = {
    meanPredicted: [],
    fractionPositive: [],
    weight: [],
    lower: [],
    upper: []
  };
  for (let b = 0; b < bins; b++) {
    const w = tally.weight[b];
    if (!(w > 0)) continue;
    result.meanPredicted.push(tally.scoreSum[b] / w);
    result.fractionPositive.push(tally.positiveSum[b] / w);
    result.weight.push(w);
    result.lower.push(b * step);
    result.upper.push(b === bins - 1 ? 1 : (b + 1) * step);
  }
  return result;
}

// src/evaluate/metrics.ts
var HIGHER_IS_BETTER = {
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
  mape: false
};
var NEEDS_PROBA = /* @__PURE__ */ new Set(["roc_auc", "average_precision", "log_loss", "brier", "ece"]);
var ECE_BINS = 10;
var EPS = Number.EPSILON;
function checkClassification(data) {
  const { classes, y, pred, proba } = data;
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer \u2265 2, got ${classes}`);
  if (pred.length !== y.length) throw new RangeError(`pred has ${pred.length} rows, y has ${y.length}`);
  if (proba !== void 0 && proba.length !== y.length * classes)
    throw new RangeError(`proba has ${proba.length} entries, expected ${y.length} \xD7 ${classes}`);
  for (let i = 0; i < y.length; i++) {
    const t = y[i];
    const p = pred[i];
    if (t < 0 || t >= classes || p < 0 || p >= classes)
      throw new RangeError(`row ${i}: class index outside 0..${classes - 1} (y = ${t}, pred = ${p})`);
  }
}
function confusionMatrix(data, weights) {
  checkClassification(data);
  checkWeights(weights, data.y.length);
  const flat = tallyConfusion(data, weights).matrix;
  const C = data.classes;
  return Array.from({ length: C }, (_, t) => Array.from(flat.subarray(t * C, (t + 1) * C)));
}
function tallyConfusion(data, weights) {
  const C = data.classes;
  const matrix = new Float64Array(C * C);
  const seen = new Uint8Array(C);
  const { y, pred } = data;
  for (let i = 0; i < y.length; i++) {
    const t = y[i];
    const p = pred[i];
    matrix[t * C + p] += weights === void 0 ? 1 : weights[i];
    seen[t] = 1;
    seen[p] = 1;
  }
  return { matrix, seen };
}
function rankClasses(data) {
  checkClassification(data);
  const { classes: C, y, proba } = data;
  if (proba === void 0) return [];
  const n = y.length;
  const columns = C === 2 ? [1] : Array.from({ length: C }, (_, c) => c);
  const y01 = new Uint8Array(n);
  const score = new Float64Array(n);
  return columns.map((c) => {
    for (let i = 0; i < n; i++) {
      y01[i] = y[i] === c ? 1 : 0;
      score[i] = proba[i * C + c];
    }
    return new RankedScores(y01, score);
  });
}
function probaRows(data) {
  checkClassification(data);
  const { classes: C, y, pred, proba } = data;
  if (proba === void 0) return void 0;
  const n = y.length;
  const rows = {
    finite: true,
    unitRange: true,
    sumsToOne: true,
    logLoss: new Float64Array(n),
    brier: new Float64Array(n),
    confidence: new Float64Array(n),
    hit: new Uint8Array(n),
    bin: new Uint8Array(n)
  };
  for (let i = 0; i < n; i++) {
    const base = i * C;
    const t = y[i];
    let sum = 0;
    let clippedSum = 0;
    let top = -Infinity;
    let squares = 0;
    for (let c = 0; c < C; c++) {
      const p = proba[base + c];
      if (!Number.isFinite(p)) rows.finite = false;
      if (!(p >= 0 && p <= 1)) rows.unitRange = false;
      sum += p;
      clippedSum += Math.min(Math.max(p, EPS), 1 - EPS);
      if (p > top) top = p;
      const d = p - (c === t ? 1 : 0);
      squares += d * d;
    }
    if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) rows.sumsToOne = false;
    const own = Math.min(Math.max(proba[base + t], EPS), 1 - EPS);
    rows.logLoss[i] = -Math.log(own / clippedSum);
    if (C === 2) {
      const p1 = proba[base + 1];
      rows.brier[i] = (t - p1) * (t - p1);
      rows.confidence[i] = p1;
      rows.hit[i] = t;
    } else {
      rows.brier[i] = squares;
      rows.confidence[i] = top;
      rows.hit[i] = pred[i] === t ? 1 : 0;
    }
    rows.bin[i] = uniformBin(rows.confidence[i], ECE_BINS);
  }
  return rows;
}
function prepareClassification(data) {
  return { ranked: rankClasses(data), rows: probaRows(data) };
}
function weightedMean(values, weights, total) {
  let sum = 0;
  if (weights === void 0) for (let i = 0; i < values.length; i++) sum += values[i];
  else for (let i = 0; i < values.length; i++) sum += weights[i] * values[i];
  return sum / total;
}
function totalWeight(weights, n) {
  if (weights === void 0) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  return total;
}
function meanOrUndefined(values) {
  let sum = 0;
  for (const value of values) {
    if (value === void 0) return void 0;
    sum += value;
  }
  return sum / values.length;
}
function classificationMetrics(data, weights, cache = {}) {
  checkClassification(data);
  const n = data.y.length;
  checkWeights(weights, n);
  const total = totalWeight(weights, n);
  if (!(total > 0)) return {};
  const C = data.classes;
  const { matrix, seen } = tallyConfusion(data, weights);
  const out = {};
  let correct = 0;
  let recallSum = 0;
  let recallClasses = 0;
  const macro = { precision: 0, recall: 0, f1: 0, labels: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  for (let c = 0; c < C; c++) {
    const tp = matrix[c * C + c];
    let trueSum = 0;
    let predSum = 0;
    for (let k = 0; k < C; k++) {
      trueSum += matrix[c * C + k];
      predSum += matrix[k * C + c];
    }
    correct += tp;
    const precision = predSum === 0 ? 0 : tp / predSum;
    const recall = trueSum === 0 ? 0 : tp / trueSum;
    const f1 = precision + recall === 0 ? 0 : 2 * precision * recall / (precision + recall);
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
  out.precision_weighted = weighted.precision / total;
  out.recall_weighted = weighted.recall / total;
  out.f1_weighted = weighted.f1 / total;
  if (data.proba === void 0) return out;
  const rows = cache.rows ?? probaRows(data);
  if (rows.logLoss.length !== n) throw new RangeError("cache.rows was built for other data");
  if (!rows.finite) return out;
  const ranked = cache.ranked ?? rankClasses(data);
  if (ranked.length !== (C === 2 ? 1 : C) || ranked.some((r) => r.size !== n))
    throw new RangeError("cache.ranked was built for other data");
  const ranking = ranked.map((r) => r.evaluate(weights));
  const auc = C === 2 || rows.sumsToOne ? meanOrUndefined(ranking.map((r) => r.auc)) : void 0;
  const ap = meanOrUndefined(ranking.map((r) => r.averagePrecision));
  if (auc !== void 0) out.roc_auc = auc;
  if (ap !== void 0) out.average_precision = ap;
  out.log_loss = weightedMean(rows.logLoss, weights, total);
  if (rows.unitRange) {
    out.brier = weightedMean(rows.brier, weights, total);
    const gap = new Float64Array(ECE_BINS);
    const { bin, hit, confidence } = rows;
    for (let i = 0; i < n; i++) {
      const w = weights === void 0 ? 1 : weights[i];
      gap[bin[i]] += w * (hit[i] - confidence[i]);
    }
    let sum = 0;
    for (const g of gap) sum += Math.abs(g);
    out.ece = sum / total;
  }
  return out;
}
function regressionMetrics(data, weights) {
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
    const w = weights === void 0 ? 1 : weights[i];
    const t = y[i];
    const p = pred[i];
    if (!Number.isFinite(t) || !Number.isFinite(p)) return {};
    const e = p - t;
    absolute += w * Math.abs(e);
    squared += w * e * e;
    percentage += w * Math.abs(e) / Math.max(Math.abs(t), EPS);
    targetSum += w * t;
    if (w > 0) {
      if (Number.isNaN(first)) first = t;
      else if (t !== first) constant = false;
    }
  }
  const out = {
    mae: absolute / total,
    rmse: Math.sqrt(squared / total),
    mape: percentage / total
  };
  if (n >= 2) {
    let spread = 0;
    if (!constant) {
      const mean = targetSum / total;
      for (let i = 0; i < n; i++) {
        const d = y[i] - mean;
        spread += (weights === void 0 ? 1 : weights[i]) * d * d;
      }
    }
    out.r2 = squared === 0 ? 1 : spread === 0 ? 0 : 1 - squared / spread;
  }
  return out;
}

export {
  radixSortFloat64,
  RankedScores,
  rocCurve,
  calibrationBins,
  HIGHER_IS_BETTER,
  NEEDS_PROBA,
  confusionMatrix,
  probaRows,
  prepareClassification,
  classificationMetrics,
  regressionMetrics
};
