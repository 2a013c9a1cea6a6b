import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  classificationMetrics,
  prepareClassification,
  probaRows,
  regressionMetrics
} from "./chunk-NP3NC7G4.js";
import {
  logGamma
} from "./chunk-OBDTE6IB.js";
import {
  mulberry32,
  streamSeed
} from "./chunk-UO5NOVC6.js";

// src/evaluate/bootstrap.ts
var BOOTSTRAP_STREAM = 721013;
var WEYL = 1831565813;
var TWO_POW_32 = 4294967296;
function groupStrata(strata, rows) {
  if (strata.length !== rows) throw new RangeError(`bootstrap: ${strata.length} stratum ids for ${rows} rows`);
  let strataCount = 0;
  for (let i = 0; i < rows; i++) {
    const id = strata[i];
    if (id < 0) throw new RangeError(`bootstrap: stratum ids must be non-negative, got ${id} at row ${i}`);
    if (id + 1 > strataCount) strataCount = id + 1;
  }
  const offsets = new Int32Array(strataCount + 1);
  for (let i = 0; i < rows; i++) offsets[strata[i] + 1]++;
  for (let s = 0; s < strataCount; s++) offsets[s + 1] += offsets[s];
  const cursor = offsets.slice(0, strataCount);
  const members = new Int32Array(rows);
  for (let i = 0; i < rows; i++) members[cursor[strata[i]]++] = i;
  return { members, offsets };
}
function rowStreamStart(seed, rows, replicate) {
  return streamSeed(seed, BOOTSTRAP_STREAM) + Math.imul(replicate * rows >>> 0, WEYL) >>> 0;
}
function drawInto(counts, state, start, size) {
  const scale = size / TWO_POW_32;
  let s = state;
  for (let j = 0; j < size; j++) {
    s = s + WEYL >>> 0;
    let t = Math.imul(s ^ s >>> 15, s | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    counts[start + Math.floor(((t ^ t >>> 14) >>> 0) * scale)]++;
  }
  return s;
}
function drawIntoBytes(counts, state, start, size) {
  const scale = size / TWO_POW_32;
  let s = state;
  for (let j = 0; j < size; j++) {
    s = s + WEYL >>> 0;
    let t = Math.imul(s ^ s >>> 15, s | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    counts[start + Math.floor(((t ^ t >>> 14) >>> 0) * scale)]++;
  }
  return s;
}
function sortedDefined(values) {
  let defined = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) defined++;
  const sorted = new Float64Array(defined);
  for (let i = 0, j = 0; i < values.length; i++) if (!Number.isNaN(values[i])) sorted[j++] = values[i];
  return sorted.sort();
}
function quantileOfSorted(sorted, q) {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const index = (n - 1) * q;
  const below = Math.floor(index);
  const gamma = index - below;
  const lower = sorted[Math.min(below, n - 1)];
  const upper = sorted[Math.min(below + 1, n - 1)];
  const difference = upper - lower;
  return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma;
}
function percentileInterval(replicates, confidence = 0.95, maxUndefinedShare = 0.5) {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`percentileInterval: confidence must be in (0, 1), got ${confidence}`);
  const sorted = sortedDefined(replicates);
  const undefinedCount = replicates.length - sorted.length;
  if (sorted.length === 0 || undefinedCount > maxUndefinedShare * replicates.length) return void 0;
  return [quantileOfSorted(sorted, (1 - confidence) / 2), quantileOfSorted(sorted, (1 + confidence) / 2)];
}
function multinomial(random, total, cellWeights, out) {
  const cells = cellWeights.length;
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`multinomial: total must be a non-negative integer, got ${total}`);
  if (out.length < cells) throw new RangeError(`multinomial: out has ${out.length} slots for ${cells} cells`);
  let remainingWeight = 0;
  let lastPositive = -1;
  for (let i = 0; i < cells; i++) {
    const weight = cellWeights[i];
    if (!(weight >= 0 && Number.isFinite(weight)))
      throw new RangeError(`multinomial: cell weights must be finite and non-negative, got ${weight} at ${i}`);
    remainingWeight += weight;
    if (weight > 0) lastPositive = i;
  }
  if (total > 0 && lastPositive < 0) throw new RangeError("multinomial: all cell weights are zero");
  let remaining = total;
  for (let i = 0; i < cells; i++) {
    const weight = cellWeights[i];
    let count;
    if (i === lastPositive) {
      count = remaining;
    } else if (weight === 0 || remaining === 0 || i > lastPositive) {
      count = 0;
    } else {
      count = binomial(random, remaining, Math.min(1, weight / remainingWeight));
    }
    out[i] = count;
    remaining -= count;
    remainingWeight -= weight;
  }
}
function logFactorial(k) {
  return logGamma(k + 1);
}
function binomial(random, n, p) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial: n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  return n * p < 10 ? binomialInversion(random, n, p) : binomialBtrs(random, n, p);
}
function binomialInversion(random, n, p) {
  const q = 1 - p;
  const ratio = p / q;
  const factor = (n + 1) * ratio;
  const probabilityOfZero = Math.exp(n * Math.log1p(-p));
  const bound = Math.min(n, Math.floor(n * p + 10 * Math.sqrt(n * p * q + 1)));
  for (; ; ) {
    let u = random();
    let x = 0;
    let probability = probabilityOfZero;
    while (u > probability) {
      u -= probability;
      x++;
      if (x > bound) break;
      probability *= factor / x - ratio;
    }
    if (x <= bound) return x;
  }
}
function binomialBtrs(random, n, p) {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const logOdds = Math.log(p / q);
  const mode = Math.floor((n + 1) * p);
  const logModeTerm = logFactorial(mode) + logFactorial(n - mode);
  for (; ; ) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log(v * alpha / (a / (us * us) + b));
    if (v <= logModeTerm - logFactorial(k) - logFactorial(n - k) + (k - mode) * logOdds) return k;
  }
}

// src/evaluate/metric-set.ts
function prepareMetrics(model, wanted) {
  const keep = new Set(wanted);
  const pick = (all) => {
    const out = {};
    for (const [name, value] of Object.entries(all))
      if (keep.has(name) && Number.isFinite(value)) out[name] = value;
    return out;
  };
  if (model.kind === "regression") return (weights) => pick(regressionMetrics(model.data, weights));
  const cache = prepareClassification(model.data);
  return (weights) => pick(classificationMetrics(model.data, weights, cache));
}

// src/evaluate/replicate-metrics.ts
var ECE_BINS = 10;
function binaryUnitMetrics(data, wanted) {
  const { classes, y, pred, proba } = data;
  if (classes !== 2) return void 0;
  const n = y.length;
  for (let i = 0; i < n; i++) if (!(y[i] >>> 1 === 0 && pred[i] >>> 1 === 0)) return void 0;
  const present = new Uint8Array(4);
  for (let i = 0; i < n; i++) present[y[i] * 2 + pred[i]] = 1;
  const cells = [];
  for (let c = 0; c < 4; c++) if (present[c] === 1) cells.push(c);
  const cellData = {
    classes: 2,
    y: Int32Array.from(cells, (c) => c >> 1),
    pred: Int32Array.from(cells, (c) => c & 1)
  };
  const rows = proba === void 0 ? void 0 : probaRows(data);
  const withProba = rows !== void 0 && rows.finite;
  const packed = new Uint8Array(n);
  const terms = new Float64Array(withProba ? n * 3 : 0);
  for (let i = 0; i < n; i++) packed[i] = pred[i] << 1 | y[i] << 2;
  if (withProba) {
    const { logLoss, brier, bin, hit, confidence } = rows;
    for (let i = 0; i < n; i++) {
      const score = proba[i * 2 + 1] + 0;
      const next = i + 1 < n ? proba[(i + 1) * 2 + 1] + 0 : void 0;
      if (next !== void 0 && next > score) return void 0;
      packed[i] = pred[i] << 1 | y[i] << 2 | (next === void 0 || next !== score ? 8 : 0) | bin[i] << 4;
      terms[i * 3] = logLoss[i];
      terms[i * 3 + 1] = brier[i];
      terms[i * 3 + 2] = hit[i] - confidence[i];
    }
  }
  const keep = new Set(wanted);
  const cellWeights = new Float64Array(cells.length);
  const gap = new Float64Array(ECE_BINS);
  const sums = new Float64Array(10);
  const sweepProba = (weights) => {
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
    let bin = packed[0] >>> 4;
    let binGap = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const f = packed[i];
      const label = f >>> 2 & 1;
      const positive = w * label;
      const predictedWeight = w * (f >>> 1 & 1);
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
      logLoss += w * terms[i * 3];
      brier += w * terms[i * 3 + 1];
      if (f >>> 4 !== bin) {
        gap[bin] = binGap;
        bin = f >>> 4;
        binGap = gap[bin];
      }
      binGap += w * terms[i * 3 + 2];
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
  const sweepProbaCounts = (counts, positions) => {
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
    let bin = packed[0] >>> 4;
    let binGap = 0;
    for (let i = 0; i < n; i++) {
      const w = counts[positions[i]];
      const f = packed[i];
      const label = f >>> 2 & 1;
      const positive = w * label;
      const predictedWeight = w * (f >>> 1 & 1);
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
      logLoss += w * terms[i * 3];
      brier += w * terms[i * 3 + 1];
      if (f >>> 4 !== bin) {
        gap[bin] = binGap;
        bin = f >>> 4;
        binGap = gap[bin];
      }
      binGap += w * terms[i * 3 + 2];
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
  const sweepLabels = (weights) => {
    let total = 0;
    let positives = 0;
    let predicted = 0;
    let truePositives = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const f = packed[i];
      const label = f >>> 2 & 1;
      const predictedWeight = w * (f >>> 1 & 1);
      total += w;
      positives += w * label;
      predicted += predictedWeight;
      truePositives += predictedWeight * label;
    }
    sums.set([total, positives, predicted, truePositives, 0, 0, 0, 0, 0, 0]);
  };
  const finish = () => {
    const [total, positives, predicted, truePositives, logLoss, brier, area, precisionSum, tp, fp] = sums;
    const byCell = [
      total - positives - predicted + truePositives,
      predicted - truePositives,
      positives - truePositives,
      truePositives
    ];
    cells.forEach((c, slot) => cellWeights[slot] = byCell[c]);
    const all = classificationMetrics(cellData, cellWeights);
    if (withProba && total > 0) {
      if (tp > 0 && fp > 0) all.roc_auc = area / (2 * tp * fp);
      const averagePrecision = tp > 0 ? precisionSum / tp : fp > 0 ? 0 : void 0;
      if (averagePrecision !== void 0) all.average_precision = averagePrecision;
      all.log_loss = logLoss / total;
      if (rows.unitRange) {
        all.brier = brier / total;
        let sum = 0;
        for (const g of gap) sum += Math.abs(g);
        all.ece = sum / total;
      }
    }
    const out = {};
    for (const [name, value] of Object.entries(all))
      if (keep.has(name) && Number.isFinite(value)) out[name] = value;
    return out;
  };
  const metrics = (weights) => {
    if (weights.length !== n) throw new RangeError(`weights has ${weights.length} entries for ${n} units`);
    if (withProba) sweepProba(weights);
    else sweepLabels(weights);
    return finish();
  };
  const fromCounts = (counts, positions, draws) => {
    if (!withProba || positions.length !== n) return void 0;
    sweepProbaCounts(counts, positions);
    return sums[0] === draws ? finish() : void 0;
  };
  return Object.assign(metrics, { fromCounts, readsCounts: withProba });
}

// src/evaluate/bootstrap-replicates.ts
function statisticCount(job) {
  return job.metrics.length + job.differences.length;
}
function replicateRunner(job) {
  const { draws, seed, unitCount, metrics, differences } = job;
  const wanted = [.../* @__PURE__ */ new Set([...metrics, ...differences])];
  const binary = job.challenger.kind === "classification" ? binaryUnitMetrics(job.challenger.data, wanted) : void 0;
  const ours = binary ?? prepareMetrics(job.challenger, wanted);
  const theirs = job.champion === void 0 ? void 0 : prepareMetrics(job.champion, wanted);
  const weights = new Float64Array(unitCount);
  const positionBytes = draws.kind === "rows" && draws.countBits !== 32 ? new Uint8Array(draws.rows) : void 0;
  let positionCounts;
  const scratch = draws.kind === "units" ? new Float64Array(Math.max(1, ...draws.strata.map((stratum) => stratum.list.length))) : void 0;
  const statistics = statisticCount(job);
  const direct = draws.kind === "rows" && positionBytes !== void 0 && draws.multiUnits.length === 0 && job.champion === void 0 && binary?.readsCounts === true ? binary : void 0;
  const directReplicate = (r) => {
    if (direct === void 0 || draws.kind !== "rows") return void 0;
    drawBytes(r);
    return direct.fromCounts(positionBytes, draws.singlePositions, draws.rows);
  };
  const firstState = (r, rows, perChunk) => {
    const chunk = Math.floor(r / perChunk);
    const chunkSeed = chunk === 0 ? seed : streamSeed(seed, 1e6 + chunk);
    return rowStreamStart(chunkSeed, rows, r - chunk * perChunk);
  };
  const drawBytes = (r) => {
    if (draws.kind !== "rows") return;
    const { rows, perChunk, offsets } = draws;
    positionBytes.fill(0);
    for (let s = 0, state = firstState(r, rows, perChunk); s + 1 < offsets.length; s++) {
      const start = offsets[s];
      state = drawIntoBytes(positionBytes, state, start, offsets[s + 1] - start);
    }
  };
  const drawReplicate = (r) => {
    if (draws.kind === "rows") {
      const { rows, perChunk, offsets } = draws;
      const first = firstState(r, rows, perChunk);
      if (positionBytes !== void 0) {
        drawBytes(r);
        if (gatherUnits(positionBytes, draws, weights) === rows) return;
      }
      positionCounts ??= new Int32Array(rows);
      positionCounts.fill(0);
      for (let s = 0, state = first; s + 1 < offsets.length; s++) {
        const start = offsets[s];
        state = drawInto(positionCounts, state, start, offsets[s + 1] - start);
      }
      gatherUnits(positionCounts, draws, weights);
      return;
    }
    const random = mulberry32(streamSeed(seed, r));
    for (const stratum of draws.strata) {
      if (stratum.list.length === 0) continue;
      multinomial(random, stratum.total, stratum.weights, scratch);
      for (let i = 0; i < stratum.list.length; i++) weights[stratum.list[i]] = scratch[i];
    }
  };
  return (from, to) => {
    const replicates = Array.from({ length: statistics }, () => new Float64Array(to - from));
    for (let r = from; r < to; r++) {
      let own = directReplicate(r);
      let other;
      if (own === void 0) {
        drawReplicate(r);
        own = ours(weights);
        other = theirs?.(weights);
      }
      metrics.forEach((name, s) => {
        replicates[s][r - from] = own[name] ?? Number.NaN;
      });
      differences.forEach((name, d) => {
        replicates[metrics.length + d][r - from] = (own[name] ?? Number.NaN) - (other?.[name] ?? Number.NaN);
      });
    }
    return replicates;
  };
}
function gatherUnits(counts, draws, weights) {
  const { singleUnits, singlePositions, multiUnits, multiStart, multiPositions } = draws;
  let total = 0;
  if (multiUnits.length === 0) {
    for (let u = 0; u < singlePositions.length; u++) {
      const count = counts[singlePositions[u]];
      weights[u] = count;
      total += count;
    }
    return total;
  }
  for (let i = 0; i < singleUnits.length; i++) {
    const count = counts[singlePositions[i]];
    weights[singleUnits[i]] = count;
    total += count;
  }
  for (let m = 0; m < multiUnits.length; m++) {
    let sum = 0;
    const end = multiStart[m + 1];
    for (let j = multiStart[m]; j < end; j++) sum += counts[multiPositions[j]];
    weights[multiUnits[m]] = sum;
    total += sum;
  }
  return total;
}

export {
  groupStrata,
  drawInto,
  quantileOfSorted,
  percentileInterval,
  multinomial,
  prepareMetrics,
  statisticCount,
  replicateRunner
};
