import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/stats.ts
var LN_SQRT_2PI = 0.9189385332046728;
var INV_SQRT_2PI = 0.3989422804014327;
var SQRT_2PI = 2.5066282746310007;
var SQRT_32 = 5.656854249492381;
var LN_2PI = 1.8378770664093456;
var CODY_A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
var CODY_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
var CODY_C = [
  0.39894151208813466,
  8.883149794388377,
  93.50665613217785,
  597.2702763948002,
  2494.5375852903726,
  6848.190450536283,
  11602.65143764735,
  9842.714838383978,
  10765576773720192e-24
];
var CODY_D = [
  22.266688044328117,
  235.387901782625,
  1519.3775994075547,
  6485.558298266761,
  18615.571640885097,
  34900.95272114598,
  38912.00328609327,
  19685.429676859992
];
var CODY_P = [
  0.215898534057957,
  0.12740116116024736,
  0.022235277870649807,
  0.0014216191932278934,
  29112874951168793e-21,
  0.023073441764940174
];
var CODY_Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7297515550839662e-20];
function gaussianFactor(y) {
  const ySplit = Math.trunc(y * 16) / 16;
  const rest = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-rest * 0.5);
}
function normalTail(y) {
  if (y <= SQRT_32) {
    let num2 = CODY_C[8] * y;
    let den2 = y;
    for (let i = 0; i < 7; i++) {
      num2 = (num2 + CODY_C[i]) * y;
      den2 = (den2 + CODY_D[i]) * y;
    }
    return gaussianFactor(y) * ((num2 + CODY_C[7]) / (den2 + CODY_D[7]));
  }
  if (y > 40) return 0;
  const inverseSquare = 1 / (y * y);
  let num = CODY_P[5] * inverseSquare;
  let den = inverseSquare;
  for (let i = 0; i < 4; i++) {
    num = (num + CODY_P[i]) * inverseSquare;
    den = (den + CODY_Q[i]) * inverseSquare;
  }
  const ratio = (INV_SQRT_2PI - inverseSquare * (num + CODY_P[4]) / (den + CODY_Q[4])) / y;
  return gaussianFactor(y) * ratio;
}
function normalCentral(x) {
  const square = Math.abs(x) > 11e-17 ? x * x : 0;
  let num = CODY_A[4] * square;
  let den = square;
  for (let i = 0; i < 3; i++) {
    num = (num + CODY_A[i]) * square;
    den = (den + CODY_B[i]) * square;
  }
  return x * (num + CODY_A[3]) / (den + CODY_B[3]);
}
var CENTRAL_LIMIT = 0.67448975;
function normalCdf(z) {
  if (Number.isNaN(z)) return Number.NaN;
  if (Math.abs(z) <= CENTRAL_LIMIT) return 0.5 + normalCentral(z);
  return z < 0 ? normalTail(-z) : 1 - normalTail(z);
}
function normalSf(z) {
  if (Number.isNaN(z)) return Number.NaN;
  if (Math.abs(z) <= CENTRAL_LIMIT) return 0.5 - normalCentral(z);
  return z > 0 ? normalTail(z) : 1 - normalTail(-z);
}
function twoProportionZ(ref, cur) {
  const n1 = ref.trials;
  const n2 = cur.trials;
  if (!(n1 > 0) || !(n2 > 0)) return { statistic: Number.NaN, pValue: Number.NaN };
  const p1 = ref.successes / n1;
  const p2 = cur.successes / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}
var ACKLAM_A = [
  -39.69683028665376,
  220.9460984245205,
  -275.9285104469687,
  138.357751867269,
  -30.66479806614716,
  2.506628277459239
];
var ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
var ACKLAM_C = [
  -0.007784894002430293,
  -0.3223964580411365,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783
];
var ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
function lowerQuantile(p) {
  let x;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((ACKLAM_C[0] * q + ACKLAM_C[1]) * q + ACKLAM_C[2]) * q + ACKLAM_C[3]) * q + ACKLAM_C[4]) * q + ACKLAM_C[5]) / ((((ACKLAM_D[0] * q + ACKLAM_D[1]) * q + ACKLAM_D[2]) * q + ACKLAM_D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (((((ACKLAM_A[0] * r + ACKLAM_A[1]) * r + ACKLAM_A[2]) * r + ACKLAM_A[3]) * r + ACKLAM_A[4]) * r + ACKLAM_A[5]) * q / (((((ACKLAM_B[0] * r + ACKLAM_B[1]) * r + ACKLAM_B[2]) * r + ACKLAM_B[3]) * r + ACKLAM_B[4]) * r + 1);
  }
  for (let step = 0; step < 2; step++) {
    const error = normalCdf(x) - p;
    const half = Math.exp(x * x / 4);
    const u = error * SQRT_2PI * half * half;
    if (!Number.isFinite(u)) break;
    x -= u / (1 + x * u / 2);
  }
  return x;
}
function normalQuantile(p) {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}
var LANCZOS = [
  0.9999999999998099,
  676.5203681218851,
  -1259.1392167224028,
  771.3234287776531,
  -176.6150291621406,
  12.507343278686905,
  -0.13857109526572012,
  9984369578019572e-21,
  15056327351493116e-23
];
function logGamma(x) {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  if (x < 15) {
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}
function stirlingCorrection(x) {
  const inverse = 1 / x;
  const square = inverse * inverse;
  return inverse * (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square * (1 / 1680 - square * (1 / 1188 - square * (691 / 360360 - square / 156))))));
}
function upperRegularizedGamma(a, x) {
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  const tiny = 1e-300;
  const epsilon = 1e-16;
  const maxIterations = 1e5 + 10 * Math.sqrt(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    let denominator = a;
    for (let i = 0; i < maxIterations; i++) {
      denominator += 1;
      term *= x / denominator;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * epsilon) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxIterations; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return Math.exp(logPrefactor) * h;
}
function chiSquaredSf(x, df) {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (df === 1) return 2 * normalSf(Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return upperRegularizedGamma(df / 2, x / 2);
}
function stirlingError(n) {
  if (n <= 15) {
    if (n === 0) return 0;
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const square = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / square) / n;
  if (n > 80) return (s0 - (s1 - s2 / square) / square) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / square) / square) / square) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / square) / square) / square) / square) / n;
}
function devianceTerm(x, m) {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    if (Math.abs(sum) < Number.MIN_VALUE) return sum;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1e3; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
  }
  return x * Math.log(x / m) + m - x;
}
function binomialPmf(k, n, p) {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return n === 0 ? 1 : Math.exp(p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q));
  if (k === n) return Math.exp(q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p));
  const logCore = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  const logScale = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(logCore - 0.5 * logScale);
}
function tailSum(start, step, n, p) {
  let sum = 0;
  for (let i = start; i >= 0 && i <= n; i += step) {
    const term = binomialPmf(i, n, p);
    if (term === 0 || term < sum * 1e-18) break;
    sum += term;
  }
  return sum;
}
function binomialTwoSidedP(k, n, p = 0.5) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial test: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`binomial test: k must be an integer in [0, n], got ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial test: p must be in [0, 1], got ${p}`);
  const mean = p * n;
  if (k === mean) return 1;
  const threshold = binomialPmf(k, n, p) * (1 + 1e-7);
  let pValue;
  if (k < mean) {
    let lo = Math.ceil(mean);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialPmf(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    pValue = tailSum(k, -1, n, p) + tailSum(lo, 1, n, p);
  } else {
    let lo = -1;
    let hi = Math.floor(mean);
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (binomialPmf(mid, n, p) <= threshold) lo = mid;
      else hi = mid - 1;
    }
    pValue = tailSum(lo, -1, n, p) + tailSum(k, 1, n, p);
  }
  return Math.min(1, pValue);
}
function mcnemarFromCounts(b, c, exactBelow = 25) {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`McNemar: counts must be non-negative integers, got b = ${b}, c = ${c}`);
  }
  const n = b + c;
  if (n === 0) return { b, c, n, method: "exact", statistic: 0, pValue: 1 };
  if (n < exactBelow) {
    const smaller = Math.min(b, c);
    return { b, c, n, method: "exact", statistic: smaller, pValue: binomialTwoSidedP(smaller, n, 0.5) };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, n, method: "chi2_continuity", statistic, pValue: chiSquaredSf(statistic, 1) };
}
function mcnemar(options) {
  const { championCorrect, challengerCorrect } = options;
  if (championCorrect.length !== challengerCorrect.length) {
    throw new RangeError(`McNemar: ${championCorrect.length} champion rows but ${challengerCorrect.length} challenger rows`);
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < championCorrect.length; i++) {
    const champion = championCorrect[i] !== 0;
    const challenger = challengerCorrect[i] !== 0;
    if (champion && !challenger) b++;
    else if (!champion && challenger) c++;
  }
  return mcnemarFromCounts(b, c, options.exactBelow);
}
function bound(sorted, value, strict) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    const element = sorted[mid];
    if (element < value || strict && element === value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function placements(positives, negatives) {
  const m = positives.length;
  const n = negatives.length;
  const sortedPositives = Float64Array.from(positives).sort();
  const sortedNegatives = Float64Array.from(negatives).sort();
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const score = positives[i];
    const below = bound(sortedNegatives, score, false);
    const notAbove = bound(sortedNegatives, score, true);
    const twice = below + notAbove;
    total += twice;
    v10[i] = twice / (2 * n);
  }
  for (let j = 0; j < n; j++) {
    const score = negatives[j];
    const below = bound(sortedPositives, score, false);
    const notAbove = bound(sortedPositives, score, true);
    v01[j] = (2 * m - below - notAbove) / (2 * m);
  }
  return { v10, v01, auc: total / (2 * m * n) };
}
function differenceVariance(a, b) {
  const length = a.length;
  let mean = 0;
  for (let i = 0; i < length; i++) mean += b[i] - a[i];
  mean /= length;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const deviation = b[i] - a[i] - mean;
    sum += deviation * deviation;
  }
  return sum / (length - 1);
}
function delong(options) {
  const { y01, scoreA, scoreB } = options;
  const confidence = options.confidence ?? 0.95;
  const rows = y01.length;
  if (scoreA.length !== rows || scoreB.length !== rows) {
    throw new RangeError(`DeLong: ${rows} labels but ${scoreA.length} and ${scoreB.length} scores`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`DeLong: confidence must be in (0, 1), got ${confidence}`);
  let m = 0;
  for (let i = 0; i < rows; i++) {
    const label = y01[i];
    if (label === 1) m++;
    else if (label !== 0) throw new RangeError(`DeLong: labels must be 0 or 1, got ${label} at row ${i}`);
    if (Number.isNaN(scoreA[i]) || Number.isNaN(scoreB[i])) throw new RangeError(`DeLong: NaN score at row ${i}`);
  }
  const n = rows - m;
  if (m < 2 || n < 2) throw new RangeError(`DeLong: needs at least 2 positives and 2 negatives, got ${m} and ${n}`);
  const positivesA = new Float64Array(m);
  const positivesB = new Float64Array(m);
  const negativesA = new Float64Array(n);
  const negativesB = new Float64Array(n);
  for (let i = 0, ip = 0, ineg = 0; i < rows; i++) {
    if (y01[i] === 1) {
      positivesA[ip] = scoreA[i];
      positivesB[ip++] = scoreB[i];
    } else {
      negativesA[ineg] = scoreA[i];
      negativesB[ineg++] = scoreB[i];
    }
  }
  const a = placements(positivesA, negativesA);
  const b = placements(positivesB, negativesB);
  const difference = b.auc - a.auc;
  const variance = differenceVariance(a.v10, b.v10) / m + differenceVariance(a.v01, b.v01) / n;
  const standardError = Math.sqrt(variance);
  let z;
  if (standardError > 0) z = difference / standardError;
  else z = difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const half = normalQuantile(0.5 + confidence / 2) * standardError;
  return { aucA: a.auc, aucB: b.auc, difference, variance, standardError, z, pValue, ci: [difference - half, difference + half] };
}

export {
  normalCdf,
  normalSf,
  twoProportionZ,
  normalQuantile,
  logGamma,
  chiSquaredSf,
  mcnemar,
  delong
};
