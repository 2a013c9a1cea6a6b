import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  EFFECT_LABELS,
  driftIcon
} from "./chunk-NR5AHLJJ.js";
import {
  whyCategoriesNotCompared
} from "./chunk-7VUA2BAW.js";
import {
  expandGlob,
  hasMagic
} from "./chunk-VASYQY3D.js";
import {
  hiddenJson
} from "./chunk-JUOJYRD4.js";
import {
  checkHttpUrl
} from "./chunk-4S56GKNV.js";
import {
  pick
} from "./chunk-YVAZ7I5R.js";
import {
  httpStatus
} from "./chunk-LTT6RTNS.js";
import {
  chiSquaredSf,
  normalCdf,
  twoProportionZ
} from "./chunk-OBDTE6IB.js";
import {
  GITHUB_BODY_LIMIT,
  code,
  escapeMarkdown,
  fitCommentBody,
  formatPercent,
  formatSignificant,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  readableExtension
} from "./chunk-WP7KJD34.js";
import {
  UserError,
  getErrorMessage,
  withSetting
} from "./chunk-SU4BFKON.js";

// src/drift/stats/sample.ts
function weightedSample(pairs) {
  const values = [];
  const weights = [];
  for (const [value, weight] of pairs) {
    if (Number.isNaN(value)) throw new RangeError("weightedSample: NaN value");
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weightedSample: invalid weight ${weight} for value ${value}`);
    if (weight === 0) continue;
    values.push(value);
    weights.push(weight);
  }
  const order = Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  return merge(
    order.map((i) => values[i]),
    order.map((i) => weights[i])
  );
}
function merge(values, weights) {
  const outValues = [];
  const outWeights = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (outValues.length > 0 && outValues[outValues.length - 1] === value) outWeights[outWeights.length - 1] += weights[i];
    else {
      outValues.push(value);
      outWeights.push(weights[i]);
    }
  }
  return { values: Float64Array.from(outValues), weights: Float64Array.from(outWeights) };
}
function totalWeight(s) {
  let total = 0;
  for (const weight of s.weights) total += weight;
  return total;
}

// src/drift/stats/kolmogorov.ts
var E128 = 2 ** 128;
var EM128 = 2 ** -128;
var SQRT2PI = Math.sqrt(2 * Math.PI);
var LOG_2PI = Math.log(2 * Math.PI);
var MIN_LOG = -708;
var SQRT3 = Math.sqrt(3);
var PI_SQUARED = Math.PI ** 2;
var PI_FOUR = Math.PI ** 4;
var PI_SIX = Math.PI ** 6;
var CEPHES_MINLOG = -708.3964185322641;
var SMIRNOV_MAX_COMPUTE_N = 1e6;
var EPSILON = Number.EPSILON;
var STIRLING = [
  -0.029550653594771242,
  0.00641025641025641,
  -0.0019175269175269176,
  8417508417508417e-19,
  -5952380952380953e-19,
  7936507936507937e-19,
  -0.002777777777777778,
  0.08333333333333333
];
function ldexp(x, e) {
  let result = x;
  let rest = e;
  while (rest > 1e3) {
    result *= 2 ** 1e3;
    rest -= 1e3;
  }
  while (rest < -1e3) {
    result *= 2 ** -1e3;
    rest += 1e3;
  }
  return result * 2 ** rest;
}
function clip01(p) {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
function logFactorialOverPower(n) {
  const rn = 1 / n;
  const t = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * t + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}
function multiply(a, b, m) {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      const rowB = l * m;
      const rowOut = i * m;
      for (let j = 0; j < m; j++) out[rowOut + j] += ail * b[rowB + j];
    }
  }
  return out;
}
function durbinCdf(n, d) {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = i * p / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      exponent -= 128;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return clip01(p);
}
function pomeranzBounds(i, n, ll, ceilf, roundf) {
  let j1;
  let j2;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
function pomeranzCdf(n, x) {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let exponent = 0;
  const gOverN = g / n;
  const twoGOverN = 2 * g / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = gpower[m - 1] * gOverN / m;
    twogpower[m] = twogpower[m - 1] * twoGOverN / m;
    onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let j1 = pomeranzBounds(0, n, ll, ceilf, roundf)[0];
  let j2;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const offset = k1 - V0s;
      const lenX = Math.min(ln2, npwrs - offset);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < convLen; c++) {
        const index = convStart + c;
        let sum2 = 0;
        const lo = Math.max(0, index - ln2 + 1);
        const hi = Math.min(lenX - 1, index);
        for (let a = lo; a <= hi; a++) sum2 += V0[offset + a] * pwrs[index - a];
        V1[c] = sum2;
      }
      for (const value of V1) if (value > max) max = value;
      if (max > 0 && max < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= E128;
        exponent -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let answer = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > E128) {
      answer *= EM128;
      exponent += 128;
    }
    answer *= m;
  }
  if (exponent !== 0) answer = ldexp(answer, exponent);
  return clip01(answer);
}
function pelzGoodCdf(n, x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
  const k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
  const k3d = PI_SIX * (5 - 30 * zsquared) / 64;
  const k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
  const k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil(16 * z / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * msquared, k2a + k2b * msquared + k2c * mfour, k3a + k3b * msquared + k3c * mfour + k3d * msix];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = K[i] * q * SQRT2PI / divisors[i];
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksquared = k ** 2;
    const kspi = Math.PI * k;
    const qpower = q ** ksquared;
    k2extra += ksquared * qpower;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpower;
  }
  K[2] += k2extra * (PI_SQUARED * SQRT2PI / (-36 * zthree));
  K[3] += k3extra * (PI_SQUARED * SQRT2PI / (216 * zsix));
  return K[0] + K[1] / n ** 0.5 + K[2] / n + K[3] / n ** 1.5;
}
function twoProduct(a, b) {
  const hi = a * b;
  const split = 134217729;
  const ca = split * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = split * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return [hi, lo];
}
function smirnovSf(n, x) {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const [hi, lo] = twoProduct(n, x);
  let nxfl;
  let alpha;
  const hiFloor = Math.floor(hi);
  if (hiFloor !== hi) {
    nxfl = hiFloor;
    alpha = hi - hiFloor + lo;
  } else if (lo >= 0) {
    nxfl = hi;
    alpha = lo;
  } else {
    nxfl = hi - 1;
    alpha = 1 + lo;
  }
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  if (alpha === 0) n1mxfl -= 1;
  if (nxfl === 0 || nxfl === 1 && alpha === 0) return clip01(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  const nTerms = n1mxfl + 1;
  const vmid = Math.floor(n / 2);
  let sum2 = Math.exp(n * Math.log1p(-x)) / x;
  let logBinomial = 0;
  let compensation = 0;
  for (let v = 1; v < nTerms; v++) {
    const step = Math.log((n - v + 1) / v);
    const next = logBinomial + step;
    compensation += Math.abs(logBinomial) >= Math.abs(step) ? logBinomial - next + step : step - next + logBinomial;
    logBinomial = next;
    const upper = (v + nxfl + alpha) / n;
    const lower = (n - v - nxfl - alpha) / n;
    const term = Math.exp(logBinomial + compensation + (n - v) * Math.log(lower) + (v - 1) * Math.log(upper));
    if (Number.isFinite(term) && term !== 0) sum2 += term;
    if (term !== 0) {
      if (4 * (nTerms - v) * term < EPSILON * sum2 && v !== nTerms - 1) break;
    } else if (v > vmid) break;
  }
  return clip01(x * sum2);
}
function kstwoSf(d, n) {
  if (Number.isNaN(n) || Number.isNaN(d)) return Number.NaN;
  if (!Number.isInteger(n) || n <= 0) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob;
    if (n <= 140) {
      prob = 1;
      const base = 2 * t - 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * base;
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - d) ** n);
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d));
  const nxsquared = t * d;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - durbinCdf(n, d));
    if (nxsquared <= 4) return clip01(1 - pomeranzCdf(n, d));
    return clip01(2 * smirnovSf(n, d));
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, d));
  let cdf;
  if (nxsquared >= 18) cdf = 1;
  else if (n <= 1e5 && n * d ** 1.5 <= 1.4) cdf = durbinCdf(n, d);
  else cdf = pelzGoodCdf(n, d);
  return clip01(1 - clip01(cdf));
}

// src/drift/stats/ks.ts
var MAX_AUTO_N = 1e4;
var INT32_MAX = 2147483647;
function gcd(a, b) {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function ksStatistic(a, b, totalA, totalB) {
  let i = 0;
  let j = 0;
  let cumA = 0;
  let cumB = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let minS = Number.POSITIVE_INFINITY;
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    const va = i < na ? a.values[i] : Number.POSITIVE_INFINITY;
    const vb = j < nb ? b.values[j] : Number.POSITIVE_INFINITY;
    const value = Math.min(va, vb);
    if (i < na && va === value) cumA += a.weights[i++];
    if (j < nb && vb === value) cumB += b.weights[j++];
    const diff = cumA / totalA - cumB / totalB;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return negMin > maxS ? negMin : maxS;
}
function probOutsideSquare(n, h) {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}
function outerProbInside(m0, n0, g, h) {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}
function attemptExact(n1, n2, g, d) {
  const lcm = n1 / g * n2;
  const h = roundHalfEven(d * lcm);
  const rounded = h / lcm;
  if (h === 0) return [true, rounded, 1];
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return [false, rounded, prob];
  return [true, rounded, prob];
}
function ks2samp(a, b, method = "auto", tolerance = 0) {
  const totalA = totalWeight(a);
  const totalB = totalWeight(b);
  if (!(totalA > 0) || !(totalB > 0)) throw new RangeError("ks2samp: both samples must be non-empty");
  let d = tolerance > 0 ? Math.max(0, ksStatistic(a, b, totalA, totalB) - tolerance) : ksStatistic(a, b, totalA, totalB);
  const n1 = Math.max(1, Math.round(totalA));
  const n2 = Math.max(1, Math.round(totalB));
  const g = gcd(n1, n2);
  let mode;
  if (method === "auto") mode = Math.max(n1, n2) <= MAX_AUTO_N ? "exact" : "asymp";
  else if (method === "exact") mode = n1 / g >= INT32_MAX / (n2 / g) ? "asymp" : "exact";
  else mode = "asymp";
  if (mode === "exact") {
    const [success, rounded, prob2] = attemptExact(n1, n2, g, d);
    d = rounded;
    if (success) return { statistic: d, pValue: Math.min(Math.max(prob2, 0), 1), method: "exact" };
    mode = "asymp";
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = m * n / (m + n);
  const prob = kstwoSf(d, roundHalfEven(en));
  return { statistic: d, pValue: Math.min(Math.max(prob, 0), 1), method: mode };
}

// src/drift/stats/distances.ts
function wasserstein(a, b, tolerance = 0) {
  const totalA = totalWeight(a);
  const totalB = totalWeight(b);
  if (!(totalA > 0) || !(totalB > 0)) return Number.NaN;
  const na = a.values.length;
  const nb = b.values.length;
  let i = 0;
  let j = 0;
  let cumA = 0;
  let cumB = 0;
  let sum2 = 0;
  let previous = Number.NaN;
  let previousGap = 0;
  while (i < na || j < nb) {
    const va = i < na ? a.values[i] : Number.POSITIVE_INFINITY;
    const vb = j < nb ? b.values[j] : Number.POSITIVE_INFINITY;
    const value = Math.min(va, vb);
    if (!Number.isNaN(previous)) sum2 += previousGap * (value - previous);
    if (i < na && va === value) cumA += a.weights[i++];
    if (j < nb && vb === value) cumB += b.weights[j++];
    previousGap = tolerance > 0 ? Math.max(0, Math.abs(cumA / totalA - cumB / totalB) - tolerance) : Math.abs(cumA / totalA - cumB / totalB);
    previous = value;
  }
  return sum2;
}
function relEntr(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}
function sum(values) {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
function assertSameLength(p, q, name) {
  if (p.length !== q.length) throw new RangeError(`${name}: the two distributions have ${p.length} and ${q.length} entries`);
}
function proportions(counts) {
  const total = sum(counts);
  return counts.map((count) => count / total);
}
function jensenShannonDistance(p, q, base) {
  assertSameLength(p, q, "jensenShannonDistance");
  const pn = proportions(p);
  const qn = proportions(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < pn.length; i++) {
    const m = (pn[i] + qn[i]) / 2;
    left += relEntr(pn[i], m);
    right += relEntr(qn[i], m);
  }
  let js = left + right;
  if (base !== void 0) js /= Math.log(base);
  return Math.sqrt(js / 2);
}
function psi(p, q) {
  assertSameLength(p, q, "psi");
  let total = 0;
  for (let i = 0; i < p.length; i++) total += (p[i] - q[i]) * Math.log(p[i] / q[i]);
  return total;
}
function klDivergence(p, q) {
  assertSameLength(p, q, "klDivergence");
  const pn = proportions(p);
  const qn = proportions(q);
  let total = 0;
  for (let i = 0; i < pn.length; i++) total += relEntr(pn[i], qn[i]);
  return total;
}
function hellinger(p, q) {
  assertSameLength(p, q, "hellinger");
  const pn = proportions(p);
  const qn = proportions(q);
  let total = 0;
  for (let i = 0; i < pn.length; i++) total += (Math.sqrt(pn[i]) - Math.sqrt(qn[i])) ** 2;
  return Math.sqrt(total) / Math.SQRT2;
}
function fillEpsilon(p, eps = 1e-4) {
  return p.map((value) => value < eps ? eps : value);
}

// src/drift/stats/tests.ts
function nonEmptyCategories(ref, cur, name) {
  if (ref.length !== cur.length) throw new RangeError(`${name}: ${ref.length} reference and ${cur.length} current categories`);
  const kept = [];
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k];
    const c = cur[k];
    if (!(r >= 0) || !(c >= 0)) throw new RangeError(`${name}: counts must be non-negative numbers (category ${k}: ${r}, ${c})`);
    if (r !== 0 || c !== 0) kept.push(k);
  }
  return kept;
}
function totalsOver(kept, ref, cur) {
  let refTotal = 0;
  let curTotal = 0;
  for (const k of kept) {
    refTotal += ref[k];
    curTotal += cur[k];
  }
  return [refTotal, curTotal];
}
function twoByK(ref, cur, name) {
  const kept = nonEmptyCategories(ref, cur, name);
  const df = kept.length - 1;
  if (kept.length < 2) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  const [refTotal, curTotal] = totalsOver(kept, ref, cur);
  if (refTotal === 0 || curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, df };
  return { kept, df, refTotal, curTotal, total: refTotal + curTotal };
}
function chiSquareGoodnessOfFit(ref, cur) {
  const kept = nonEmptyCategories(ref, cur, "chiSquareGoodnessOfFit");
  const df = kept.length - 1;
  if (kept.length < 2) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  const [refTotal, curTotal] = totalsOver(kept, ref, cur);
  if (curTotal === 0) return { statistic: Number.NaN, pValue: Number.NaN, df };
  if (refTotal === 0) return { statistic: Number.POSITIVE_INFINITY, pValue: 0, df };
  let statistic = 0;
  for (const k of kept) {
    const expected = ref[k] * curTotal / refTotal;
    statistic += expected === 0 ? Number.POSITIVE_INFINITY : (cur[k] - expected) ** 2 / expected;
  }
  return { statistic, pValue: statistic === Number.POSITIVE_INFINITY ? 0 : chiSquaredSf(statistic, df), df };
}
function l2Homogeneity(ref, cur) {
  const table2 = twoByK(ref, cur, "l2Homogeneity");
  if ("pValue" in table2) return table2;
  const { kept, df, refTotal, curTotal, total } = table2;
  let statistic = 0;
  let top = kept[0];
  for (const k of kept) {
    statistic += (ref[k] / refTotal - cur[k] / curTotal) ** 2;
    if (ref[k] + cur[k] > ref[top] + cur[top]) top = k;
  }
  const largest = (ref[top] + cur[top]) / total;
  let d1 = 0;
  let d2 = 0;
  let d4 = 0;
  let a = 0;
  let b = 0;
  let e = 0;
  let f = 0;
  for (const k of kept) {
    if (k === top) continue;
    const d = (ref[k] + cur[k]) / total;
    const w = largest - d;
    const squared = d * d;
    d1 += d;
    d2 += squared;
    d4 += squared * squared;
    a += w * d;
    b += w * squared;
    e += w * squared * d;
    f += w * squared * squared;
  }
  const c = 1 / refTotal + 1 / curTotal;
  const c1 = c * (d1 + a);
  const c2 = c ** 2 * (d2 + 2 * b + a * a);
  const c4 = c ** 4 * (d4 + 4 * f + 4 * a * e + 2 * b * b + 4 * a * a * b + a ** 4);
  if (!(c2 > 0) || !(c4 > 0)) return { statistic, pValue: 1, df };
  const l = kept.length === 2 ? 1 : c2 * c2 / c4;
  const standardised = (statistic - c1) / Math.sqrt(2 * c2);
  return { statistic, pValue: chiSquaredSf(standardised * Math.sqrt(2 * l) + l, l), df };
}
function totalVariation(ref, cur, poolBelow = 0) {
  if (ref.length !== cur.length) throw new RangeError(`totalVariation: ${ref.length} reference and ${cur.length} current categories`);
  let refTotal = 0;
  let curTotal = 0;
  for (let k = 0; k < ref.length; k++) {
    refTotal += ref[k];
    curTotal += cur[k];
  }
  if (!(refTotal > 0) || !(curTotal > 0)) return Number.NaN;
  let sum2 = 0;
  let pooledGap = 0;
  for (let k = 0; k < ref.length; k++) {
    const gap = ref[k] / refTotal - cur[k] / curTotal;
    if (poolBelow > 0 && (ref[k] + cur[k]) / (refTotal + curTotal) < poolBelow) pooledGap += gap;
    else sum2 += Math.abs(gap);
  }
  return (sum2 + Math.abs(pooledGap)) / 2;
}
function cohensH(p1, p2) {
  return Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2)));
}

// src/drift/stats/corrections.ts
function adjustPValues(p, correction) {
  const out = [...p];
  if (correction === "none") return out;
  const order = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) order.push(i);
  const m = order.length;
  if (correction === "bonferroni") {
    for (const i of order) out[i] = Math.min(1, p[i] * m);
    return out;
  }
  order.sort((i, j) => p[i] - p[j] || i - j);
  if (correction === "holm") {
    let running2 = 0;
    order.forEach((i, rank) => {
      running2 = Math.max(running2, p[i] * (m - rank));
      out[i] = Math.min(1, running2);
    });
    return out;
  }
  let running = Number.POSITIVE_INFINITY;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank];
    running = Math.min(running, p[i] * m / (rank + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}

// src/drift/distributions.ts
function kllRankError(k) {
  return 2.296 / k ** 0.9723;
}
function numericSample(column) {
  const values = column.values;
  if (values !== void 0 && values !== null) {
    return { sample: weightedSample(values.value.map((value, i) => [value, values.count[i]])), exact: true, rankError: 0 };
  }
  const pairs = [];
  column.sketch.levels.forEach((level, h) => {
    const weight = 2 ** h;
    for (const item of level) pairs.push([item, weight]);
  });
  return { sample: weightedSample(pairs), exact: false, rankError: column.sketch.levels.length > 1 ? kllRankError(column.sketch.k) : 0 };
}
function distinctUnion(reference, current) {
  const a = reference.values;
  const b = current.values;
  if (a === void 0 || a === null || b === void 0 || b === null) return Number.POSITIVE_INFINITY;
  return (/* @__PURE__ */ new Set([...a.value, ...b.value])).size;
}
function numericValueTable(reference, current) {
  const counts = /* @__PURE__ */ new Map();
  const add = (values, side) => {
    values.value.forEach((value, i) => {
      const entry = counts.get(value) ?? [0, 0];
      entry[side] += values.count[i];
      counts.set(value, entry);
    });
  };
  add(reference.values, 0);
  add(current.values, 1);
  const keys = [...counts.keys()].sort((x, y) => x - y);
  return { keys: keys.map(String), reference: keys.map((key) => counts.get(key)[0]), current: keys.map((key) => counts.get(key)[1]) };
}
var OTHER_LABEL = "(other)";
function categoryTable(reference, current) {
  if (reference.capped || current.capped) return sharedCategoryTable(reference, current);
  const counts = /* @__PURE__ */ new Map();
  for (const { value, count } of reference.counts) counts.set(value, [count, 0]);
  for (const { value, count } of current.counts) {
    const entry = counts.get(value) ?? [0, 0];
    entry[1] += count;
    counts.set(value, entry);
  }
  const keys = [...counts.keys()].sort((x, y) => x < y ? -1 : x > y ? 1 : 0);
  const table2 = { keys, reference: keys.map((key) => counts.get(key)[0]), current: keys.map((key) => counts.get(key)[1]) };
  if (reference.other_count > 0 || current.other_count > 0) {
    table2.keys.push(OTHER_LABEL);
    table2.reference.push(reference.other_count);
    table2.current.push(current.other_count);
  }
  return table2;
}
function sharedCategoryTable(reference, current) {
  const named = new Map(current.counts.map(({ value, count }) => [value, count]));
  const shared = reference.counts.filter(({ value }) => named.has(value)).map(({ value, count }) => [value, count, named.get(value)]);
  shared.sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0);
  const total = (column) => column.counts.reduce((sum2, entry) => sum2 + entry.count, column.other_count);
  const table2 = {
    keys: shared.map(([value]) => value),
    reference: shared.map(([, count]) => count),
    current: shared.map(([, , count]) => count)
  };
  table2.keys.push(OTHER_LABEL);
  table2.reference.push(total(reference) - table2.reference.reduce((sum2, count) => sum2 + count, 0));
  table2.current.push(total(current) - table2.current.reduce((sum2, count) => sum2 + count, 0));
  return table2;
}
function formatEdge(x) {
  if (Number.isInteger(x)) return String(x);
  return Number(x.toPrecision(4)).toString();
}
function binnedTable(reference, current) {
  const r = reference.histogram;
  const c = current.histogram;
  if (r === null || c === null) return void 0;
  const edges = r.edges;
  const keys = [`< ${formatEdge(edges[0])}`];
  for (let i = 0; i + 1 < edges.length; i++) keys.push(`[${formatEdge(edges[i])}, ${formatEdge(edges[i + 1])})`);
  keys.push(`\u2265 ${formatEdge(edges[edges.length - 1])}`);
  return { keys, reference: [r.underflow, ...r.counts, r.overflow], current: [c.underflow, ...c.counts, c.overflow] };
}

// src/drift/decide-drift.ts
var DRIFT_DEFAULTS = {
  mode: "default",
  small_sample_rows: 1e3,
  p_value: 0.05,
  margin: { numeric: 0.1, categorical: 0.05, nulls: 0.2 },
  wasserstein: 0.1,
  jensenshannon: 0.1,
  epsilon: 1e-4,
  min_samples: 30,
  correction: "bh",
  share: 0.5,
  unseen: 0.01,
  weights: {},
  ignore: []
};
var STD_FLOOR = 1e-3;
var Z_99 = 2.5758293035489004;
var POOL_BELOW = 0.01;
var CHART_BUCKETS = 24;
var RANK = { ok: 0, insufficient_data: 1, warn: 2, drift: 3 };
function worst(a, b) {
  return RANK[a] >= RANK[b] ? a : b;
}
function isFeature(column) {
  return column.roles.length === 0 || column.roles.includes("feature");
}
function isCompared(name, column, ignored) {
  return !ignored.has(name) && !column.roles.includes("id") && !column.roles.includes("timestamp");
}
function countedColumns(columns, ignore) {
  const ignored = new Set(ignore);
  return Object.entries(columns).filter(([name, column]) => isCompared(name, column, ignored) && isFeature(column)).map(([name]) => name);
}
function nullRate(reference, current, settings) {
  const r = reference.count === 0 ? 0 : reference.nulls / reference.count;
  const c = current.count === 0 ? 0 : current.nulls / current.count;
  const test = twoProportionZ({ successes: reference.nulls, trials: reference.count }, { successes: current.nulls, trials: current.count });
  const status = current.count < settings.min_samples ? "insufficient_data" : "ok";
  const result = { reference: r, current: c, p_value: Number.isNaN(test.pValue) ? 1 : test.pValue, status };
  if (settings.mode === "default") result.effect = cohensH(r, c);
  return result;
}
function testsNulls(drift) {
  return drift.null_rate.status === "ok" && drift.reference.nulls + drift.current.nulls > 0;
}
function distributionView(table2) {
  const r = proportions(table2.reference);
  const c = proportions(table2.current);
  if (table2.keys.length <= CHART_BUCKETS) return { labels: [...table2.keys], reference: r, current: c };
  const order = table2.keys.map((_, i) => i).sort((i, j) => Math.abs(c[j] - r[j]) - Math.abs(c[i] - r[i])).slice(0, CHART_BUCKETS).sort((i, j) => i - j);
  return { labels: order.map((i) => table2.keys[i]), reference: order.map((i) => r[i]), current: order.map((i) => c[i]) };
}
function tableDistances(table2, epsilon) {
  const r = proportions(table2.reference);
  const c = proportions(table2.current);
  const rf = fillEpsilon(r, epsilon);
  const cf = fillEpsilon(c, epsilon);
  return {
    psi: psi(rf, cf),
    kl: klDivergence(rf, cf),
    jensenshannon: jensenShannonDistance(r, c),
    hellinger: hellinger(r, c),
    tvd: totalVariation(table2.reference, table2.current)
  };
}
function pValueResult(method, statistic, pValue, settings, extra = {}) {
  return {
    method,
    statistic: Number.isFinite(statistic) ? statistic : null,
    p_value: pValue,
    p_adjusted: pValue,
    threshold: settings.p_value,
    approximate: false,
    ...extra
  };
}
function distanceResult(method, statistic, threshold, approximate) {
  return { method, statistic, threshold, approximate };
}
function binarySplit(table2) {
  const refTotal = table2.reference.reduce((s, x) => s + x, 0);
  const curTotal = table2.current.reduce((s, x) => s + x, 0);
  const refFirst = table2.reference[0] ?? 0;
  const curFirst = table2.current[0] ?? 0;
  return { ref: { successes: refTotal - refFirst, trials: refTotal }, cur: { successes: curTotal - curFirst, trials: curTotal } };
}
function evidentlyZ(table2) {
  const { ref, cur } = binarySplit(table2);
  const present = (counts) => counts.filter((count) => count > 0).length;
  if (present(table2.reference) === 1 && present(table2.current) === 1 && table2.reference.findIndex((x) => x > 0) === table2.current.findIndex((x) => x > 0))
    return { statistic: 0, pValue: 1 };
  const result = twoProportionZ(ref, cur);
  return { statistic: result.statistic, pValue: 2 * (1 - normalCdf(Math.abs(result.statistic))) };
}
function meanOf(column, side) {
  if (side.exact) {
    const { values, weights } = side.sample;
    let sum2 = 0;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      sum2 += values[i] * weights[i];
      n += weights[i];
    }
    if (n > 0 && Number.isFinite(sum2)) return sum2 / n;
  }
  return column.mean ?? 0;
}
function judgeNumeric(reference, current, settings) {
  const small = reference.valid <= settings.small_sample_rows;
  const distinct = distinctUnion(reference, current);
  const ref = numericSample(reference);
  const cur = numericSample(current);
  const approximate = !(ref.exact && cur.exact);
  const std = reference.variance === null ? 0 : Math.sqrt(reference.variance.population);
  const norm = Math.max(std, STD_FLOOR);
  const ks = ks2samp(ref.sample, cur.sample);
  const statistics = {
    ks_d: ks.statistic,
    wasserstein_norm: wasserstein(ref.sample, cur.sample) / norm,
    mean_shift_std: Math.abs(meanOf(current, cur) - meanOf(reference, ref)) / norm
  };
  const values = Number.isFinite(distinct) && distinct <= 5 ? numericValueTable(reference, current) : void 0;
  const bins = values === void 0 ? binnedTable(reference, current) : void 0;
  const table2 = values ?? bins;
  if (table2 !== void 0) Object.assign(statistics, tableDistances(table2, settings.epsilon));
  if (values !== void 0) return judgeCounts(values, small, statistics, settings);
  if (settings.mode === "default") {
    const tolerance = ref.rankError + cur.rankError;
    const tested2 = tolerance > 0 ? ks2samp(ref.sample, cur.sample, "auto", tolerance) : ks;
    return {
      method: pValueResult("ks", ks.statistic, tested2.pValue, settings, {
        effect: tolerance > 0 ? wasserstein(ref.sample, cur.sample, tolerance / Z_99) / norm : statistics.wasserstein_norm,
        effect_measure: "wasserstein_norm",
        margin: settings.margin.numeric,
        approximate,
        ...tolerance > 0 ? { tolerance } : {}
      }),
      statistics,
      distribution: bins
    };
  }
  if (small)
    return {
      method: pValueResult("ks", ks.statistic, ks.pValue, settings, { effect: ks.statistic, approximate }),
      statistics,
      distribution: bins
    };
  return {
    method: distanceResult("wasserstein", statistics.wasserstein_norm, settings.wasserstein, approximate),
    statistics,
    distribution: bins
  };
}
function proportionGap({ ref, cur }) {
  return Math.abs(ref.successes / ref.trials - cur.successes / cur.trials);
}
function cramersV(chi2, table2) {
  const n = table2.reference.reduce((s, x) => s + x, 0) + table2.current.reduce((s, x) => s + x, 0);
  return Number.isFinite(chi2) ? Math.sqrt(chi2 / n) : 1;
}
function judgeCounts(table2, small, statistics, settings) {
  const compat = settings.mode === "evidently-compat";
  if (!compat) {
    const l2 = l2Homogeneity(table2.reference, table2.current);
    return {
      method: pValueResult("l2", l2.statistic, l2.pValue, settings, {
        df: l2.df,
        effect: totalVariation(table2.reference, table2.current, POOL_BELOW),
        effect_measure: "tvd",
        margin: settings.margin.categorical
      }),
      statistics,
      distribution: table2
    };
  }
  const present = table2.keys.filter((_, i) => table2.reference[i] + table2.current[i] > 0).length;
  if (small) {
    if (present <= 2) {
      const split = binarySplit(table2);
      const z = evidentlyZ(table2);
      return {
        method: pValueResult("z", z.statistic, z.pValue, settings, { effect: proportionGap(split) }),
        statistics,
        distribution: table2
      };
    }
    const chi = chiSquareGoodnessOfFit(table2.reference, table2.current);
    return {
      method: pValueResult("chisquare_gof", chi.statistic, chi.pValue, settings, {
        df: chi.df,
        effect: cramersV(chi.statistic, table2)
      }),
      statistics,
      distribution: table2
    };
  }
  return {
    method: distanceResult("jensenshannon", statistics.jensenshannon, settings.jensenshannon, false),
    statistics,
    distribution: table2
  };
}
function tested(name, p, raw, settings) {
  return `${name} p ${formatSignificant(p)}${p !== raw ? ` (raw ${formatSignificant(raw)}, ${settings.correction})` : ""}`;
}
function realAndLarge(test, p, raw, effect, measure, margin, settings) {
  const shown = tested(test, p, raw, settings);
  const sized = `${EFFECT_LABELS[measure]} ${formatSignificant(effect)}`;
  const alpha = formatSignificant(settings.p_value);
  if (p < settings.p_value && effect >= margin)
    return { status: "drift", reason: `${shown} < ${alpha} and ${sized} \u2265 margin ${formatSignificant(margin)}` };
  if (p < settings.p_value)
    return { status: "warn", reason: `${shown} < ${alpha}: real, but ${sized} is below the margin ${formatSignificant(margin)}` };
  return {
    status: "ok",
    reason: `${shown} \u2265 ${alpha}${effect >= margin ? ` (${sized} \u2265 margin ${formatSignificant(margin)} is within chance at this size)` : ""}`
  };
}
function decide(drift, settings) {
  if (settings.mode === "evidently-compat") {
    decideCompat(drift);
    return;
  }
  const method = drift.method;
  const reasons = [];
  let status;
  if (method === void 0) {
    status = "insufficient_data";
    reasons.push(drift.reason);
  } else {
    const judged = realAndLarge(
      method.method,
      method.p_adjusted ?? method.p_value,
      method.p_value,
      method.effect ?? Number.NaN,
      method.effect_measure,
      method.margin,
      settings
    );
    status = judged.status;
    reasons.push(judged.reason);
  }
  const nulls = drift.null_rate;
  if (nulls.p_adjusted !== void 0) {
    const judged = realAndLarge("z", nulls.p_adjusted, nulls.p_value, nulls.effect, "cohens_h", settings.margin.nulls, settings);
    nulls.status = judged.status;
    if (judged.status !== "ok") {
      status = worst(status, judged.status);
      reasons.push(`null share ${formatSignificant(nulls.reference)} \u2192 ${formatSignificant(nulls.current)}: ${judged.reason}`);
    }
  }
  if (drift.unseen !== void 0 && drift.unseen.share > 0 && drift.unseen.share >= settings.unseen) {
    status = worst(status, "warn");
    reasons.push(`${(drift.unseen.share * 100).toFixed(1)}% of values in categories the reference never had`);
  }
  drift.status = status;
  drift.reason = reasons.join("; ");
}
function decideCompat(drift) {
  const method = drift.method;
  if (method === void 0) {
    drift.status = "insufficient_data";
    return;
  }
  if (method.p_value !== void 0) {
    const p = method.p_value;
    const significant = method.method === "ks" ? p <= method.threshold : p < method.threshold;
    drift.status = significant ? "drift" : "ok";
    drift.reason = `${method.method} p ${formatSignificant(p)} ${significant ? "<" : "\u2265"} ${formatSignificant(method.threshold)}`;
    return;
  }
  const statistic = method.statistic ?? Number.POSITIVE_INFINITY;
  drift.status = statistic >= method.threshold ? "drift" : "ok";
  drift.reason = `${method.method} ${formatSignificant(statistic)} ${statistic >= method.threshold ? "\u2265" : "<"} ${formatSignificant(method.threshold)}`;
}
function sideCounts(column) {
  return { rows: column.count, valid: column.valid, nulls: column.nulls };
}
function compareColumn(name, reference, current, settings, redacted) {
  const counted = isFeature(reference);
  const drift = {
    name,
    kind: reference.kind,
    type: reference.type,
    roles: [...reference.roles],
    counted,
    weight: settings.weights[name] ?? 1,
    status: "insufficient_data",
    reason: "",
    reference: sideCounts(reference),
    current: sideCounts(current),
    statistics: {},
    null_rate: nullRate(reference, current, settings)
  };
  if (!counted && current.valid === 0 && current.nulls === current.count && current.count > 0) {
    drift.null_rate.status = "insufficient_data";
    drift.reason = `no ${reference.roles.includes("target") ? "labels" : "values"} in the current data`;
    return { drift, needsAdjust: false };
  }
  if (reference.valid < settings.min_samples || current.valid < settings.min_samples) {
    const side = reference.valid < settings.min_samples ? `the reference has ${reference.valid}` : `the current data has ${current.valid}`;
    drift.reason = current.valid === 0 && current.count > 0 ? `every current value is null or invalid (${current.count} rows)` : `${side} valid value(s), fewer than min_samples ${settings.min_samples}`;
    return { drift, needsAdjust: false };
  }
  if (redacted !== void 0) {
    drift.reason = redacted;
    return { drift, needsAdjust: false };
  }
  let judged;
  if (reference.kind === "numeric" && current.kind === "numeric") {
    judged = judgeNumeric(reference, current, settings);
    const r = reference.histogram;
    const c = current.histogram;
    if (r !== null && c !== null && current.valid > 0)
      drift.out_of_range = { below: c.underflow / current.valid, above: c.overflow / current.valid };
  } else if (reference.kind === "categorical" && current.kind === "categorical") {
    const table2 = categoryTable(reference, current);
    if ((reference.capped || current.capped) && table2.keys.length < 2) {
      drift.reason = "the category counts were capped (profile category_cap) and no category is named on both sides: nothing to compare";
      return { drift, needsAdjust: false };
    }
    judged = judgeCounts(table2, reference.valid <= settings.small_sample_rows, tableDistances(table2, settings.epsilon), settings);
    const known = new Set(reference.counts.map((entry) => entry.value));
    const unseen = current.counts.filter((entry) => !known.has(entry.value) && !reference.capped);
    const unseenCount = unseen.reduce((s, entry) => s + entry.count, 0);
    drift.unseen = {
      share: current.valid === 0 ? 0 : unseenCount / current.valid,
      top: unseen.slice(0, 5).map((entry) => ({ value: entry.value, count: entry.count }))
    };
  } else {
    throw new Error(
      `column "${name}" is ${reference.kind} in the reference and ${current.kind} in the current profile (schema hashes were checked equal)`
    );
  }
  drift.method = judged.method;
  drift.statistics = judged.statistics;
  if (judged.distribution !== void 0) drift.distribution = distributionView(judged.distribution);
  return { drift, needsAdjust: judged.method.p_value !== void 0 };
}
function compareProfiles(reference, current, settings) {
  const ignored = new Set(settings.ignore);
  const pending = [];
  for (const [name, column] of Object.entries(reference.columns)) {
    if (!isCompared(name, column, ignored)) continue;
    const other = current.columns[name];
    if (other === void 0) throw new Error(`column "${name}" is missing from the current profile (schema hashes were checked equal)`);
    pending.push(compareColumn(name, column, other, settings, whyCategoriesNotCompared(reference, current, name)));
  }
  const compat = settings.mode === "evidently-compat";
  const family = [];
  for (const { drift, needsAdjust } of pending) {
    const method = drift.method;
    if (needsAdjust && method !== void 0) {
      method.p_adjusted = method.p_value;
      family.push({ p: method.p_value, set: (adjusted2) => method.p_adjusted = adjusted2 });
    }
    if (!compat && testsNulls(drift)) {
      const nulls = drift.null_rate;
      nulls.p_adjusted = nulls.p_value;
      family.push({ p: nulls.p_value, set: (adjusted2) => nulls.p_adjusted = adjusted2 });
    }
  }
  const adjusted = adjustPValues(
    family.map((entry) => entry.p),
    compat ? "none" : settings.correction
  );
  family.forEach((entry, i) => {
    entry.set(adjusted[i]);
  });
  for (const entry of pending) decide(entry.drift, settings);
  const columns = pending.map((entry) => entry.drift);
  const features = columns.filter((column) => column.counted);
  const counted = features.filter((column) => column.status !== "insufficient_data");
  const total = counted.reduce((s, column) => s + column.weight, 0);
  const featureWeight = features.reduce((s, column) => s + column.weight, 0);
  const driftedColumns = counted.filter((column) => column.status === "drift");
  const share = total === 0 ? 0 : driftedColumns.reduce((s, column) => s + column.weight, 0) / total;
  let status;
  if (counted.length === 0 || total < featureWeight / 2) status = "insufficient_data";
  else if (share >= settings.share) status = "drift";
  else if (columns.some((column) => column.status === "drift" && (!column.counted || column.weight > 0)) || counted.length < features.length)
    status = "warn";
  else status = "ok";
  return { columns, status, share, drifted: driftedColumns.map((column) => column.name), checked: counted.length };
}

// src/drift/drift-issue.ts
var DEFAULT_DRIFT_LABEL = "modelship-drift";
var DEFAULT_DRIFT_LABELS = [DEFAULT_DRIFT_LABEL];
var TREND_LIMIT = 10;
var MARKER_PREFIX = "<!-- modelship:drift ";
var TREND_PREFIX = "<!-- modelship:drift-trend ";
var RUN_PREFIX = "<!-- modelship:drift-run ";
var SUFFIX = " -->";
var STATUSES = ["ok", "warn", "drift", "insufficient_data"];
var PERMISSION_HINT = "give the workflow `permissions: issues: write` (and make sure issues are enabled in the repository's settings), or turn the drift issue off";
function readHidden(line, prefix) {
  if (!line.startsWith(prefix) || !line.endsWith(SUFFIX)) return void 0;
  try {
    return JSON.parse(line.slice(prefix.length, line.length - SUFFIX.length));
  } catch {
    return void 0;
  }
}
function lines(body) {
  return body.split(/\r?\n/);
}
function driftIssueMarker(summary) {
  return `${MARKER_PREFIX}${hiddenJson({ model: summary.model, environment: summary.environment })}${SUFFIX}`;
}
function parseDriftIssueMarker(body) {
  const parsed = readHidden(lines(body)[0] ?? "", MARKER_PREFIX);
  if (typeof parsed === "object" && parsed !== null && "model" in parsed && "environment" in parsed && typeof parsed.model === "string" && typeof parsed.environment === "string") {
    return { model: parsed.model, environment: parsed.environment };
  }
  return void 0;
}
function driftIssueTitle(summary) {
  return `Drift: ${summary.model} in ${summary.environment}`;
}
function runKey(entry) {
  return entry.runId !== void 0 ? `run:${entry.runId}` : `created:${entry.created}`;
}
function runMarker(summary) {
  return `${RUN_PREFIX}${hiddenJson(summary.runId !== void 0 ? { runId: summary.runId } : { created: summary.created })}${SUFFIX}`;
}
function parseRunMarker(body) {
  const parsed = readHidden(lines(body)[0] ?? "", RUN_PREFIX);
  if (typeof parsed !== "object" || parsed === null) return void 0;
  if ("runId" in parsed && typeof parsed.runId === "string") return `run:${parsed.runId}`;
  if ("created" in parsed && typeof parsed.created === "string") return `created:${parsed.created}`;
  return void 0;
}
function isTrendEntry(value) {
  if (typeof value !== "object" || value === null) return false;
  const entry = value;
  const optionalString = (key) => entry[key] === void 0 || typeof entry[key] === "string";
  return typeof entry.created === "string" && typeof entry.status === "string" && STATUSES.includes(entry.status) && typeof entry.share === "number" && Number.isFinite(entry.share) && typeof entry.drifted === "number" && Number.isInteger(entry.drifted) && entry.drifted >= 0 && typeof entry.checked === "number" && Number.isInteger(entry.checked) && entry.checked >= 0 && optionalString("version") && optionalString("runId") && optionalString("runUrl");
}
function cleanEntry(entry) {
  const clean = {
    created: entry.created,
    status: entry.status,
    share: entry.share,
    drifted: entry.drifted,
    checked: entry.checked
  };
  if (entry.version !== void 0) clean.version = entry.version;
  if (entry.runId !== void 0) clean.runId = entry.runId;
  if (entry.runUrl !== void 0) clean.runUrl = entry.runUrl;
  return clean;
}
function readTrend(body) {
  const line = lines(body).find((candidate) => candidate.startsWith(TREND_PREFIX));
  if (line === void 0) return void 0;
  const parsed = readHidden(line, TREND_PREFIX);
  if (!Array.isArray(parsed)) return void 0;
  return parsed.filter(isTrendEntry).map(cleanEntry);
}
function trendEntry(summary) {
  return cleanEntry({
    created: summary.created,
    status: summary.status,
    share: summary.share,
    drifted: summary.drifted.length,
    checked: summary.checked,
    version: summary.version,
    runId: summary.runId,
    runUrl: summary.runUrl
  });
}
function appendTrend(trend, entry) {
  const key = runKey(entry);
  const index = trend.findIndex((known) => runKey(known) === key);
  const next = index === -1 ? [...trend, entry] : trend.map((known, at) => at === index ? entry : known);
  return next.slice(-TREND_LIMIT);
}
function statusLabel(status) {
  return `${driftIcon(status)} ${status === "insufficient_data" ? "insufficient data" : status}`;
}
function formatWhen(created) {
  const date = new Date(created);
  return Number.isNaN(date.getTime()) ? escapeMarkdown(created) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
function runCell(entry) {
  const text = entry.runId !== void 0 ? `#${escapeMarkdown(entry.runId)}` : "run";
  if (entry.runUrl !== void 0 && /^https?:\/\/\S+$/.test(entry.runUrl)) return `[${text}](${entry.runUrl.replaceAll(")", "%29")})`;
  return entry.runId !== void 0 ? text : "\u2014";
}
function trendTable(trend) {
  const rows = trend.map((entry) => [
    formatWhen(entry.created),
    entry.version === void 0 ? "\u2014" : code(entry.version),
    statusLabel(entry.status),
    formatPercent(entry.share),
    `${entry.drifted}/${entry.checked}`,
    runCell(entry)
  ]);
  return table(["Date", "Version", "Status", "Drifted share", "Drifted/checked", "Run"], rows, {
    align: ["left", "left", "left", "right", "right", "left"]
  });
}
function runLine(summary) {
  const columns = summary.drifted.length === 0 ? "no column drifted" : `drifted: ${summary.drifted.slice(0, 20).map(code).join(", ")}${summary.drifted.length > 20 ? ` and ${summary.drifted.length - 20} more` : ""}`;
  const version = summary.version === void 0 ? "" : ` (version ${code(summary.version)})`;
  return `${statusLabel(summary.status)} on ${formatWhen(summary.created)}${version}: ${formatPercent(summary.share)} drifted share, ${summary.drifted.length} of ${summary.checked} columns; ${columns}. Run: ${runCell(summary)}.`;
}
function renderDriftIssueBody(summary, reportMarkdown, trend) {
  const head = [driftIssueMarker(summary), `${TREND_PREFIX}${hiddenJson(trend.map(cleanEntry))}${SUFFIX}`].join("\n");
  const intro = sections(
    `## ${driftIcon(summary.status)} ${escapeMarkdown(driftIssueTitle(summary))}`,
    `Latest run: ${runLine(summary)}`,
    "_modelship rewrites this description on every drift run of this model and environment; comment below instead of editing it._",
    `### Trend (last ${trend.length} ${trend.length === 1 ? "run" : "runs"})`,
    trendTable(trend),
    "### Latest report"
  );
  const prefix = `${head}
${intro}

`;
  const room = Math.max(1e3, GITHUB_BODY_LIMIT - prefix.length);
  return `${prefix}${fitCommentBody(reportMarkdown, { limit: room })}`;
}
function runComment(summary, reportMarkdown, note) {
  const text = sections(note, `Run: ${runLine(summary)}`, reportMarkdown);
  const marker = runMarker(summary);
  return `${marker}
${fitCommentBody(text, { limit: GITHUB_BODY_LIMIT - marker.length - 1 })}`;
}
function accessError(error, repository, doing) {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404 && status !== 410) return error;
  const answer = status === 404 ? "404 (not found: a token without access to issues gets this too)" : status === 410 ? "410 (issues are disabled in this repository)" : `${status} (${getErrorMessage(error)})`;
  return new UserError(`GitHub refused ${doing} in ${repository}: ${answer}`, { hint: PERMISSION_HINT, cause: error });
}
async function findIssue(client, owner, repo, label, summary, logger) {
  const issues = await client.paginate(client.rest.issues.listForRepo, {
    owner,
    repo,
    labels: label,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100
  });
  const ours = issues.filter((issue) => {
    if (issue.pull_request !== void 0 && issue.pull_request !== null) return false;
    const found = typeof issue.body === "string" ? parseDriftIssueMarker(issue.body) : void 0;
    return found !== void 0 && found.model === summary.model && found.environment === summary.environment;
  });
  if (ours.length > 1)
    logger.debug(
      `${ours.length} drift issues for ${summary.model} in ${summary.environment}: using the newest${ours.some((issue) => issue.state === "open") ? " open one" : ""}.`
    );
  const pick2 = ours.find((issue) => issue.state === "open") ?? ours[0];
  return pick2 === void 0 ? void 0 : { number: pick2.number, state: pick2.state, body: pick2.body ?? "", url: pick2.html_url };
}
async function upsertRunComment(client, owner, repo, issueNumber, summary, body) {
  const key = runKey(summary);
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const mine = comments.find((comment) => comment.body !== void 0 && parseRunMarker(comment.body) === key);
  if (mine === void 0) {
    await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return true;
  }
  if (mine.body === body) return false;
  await client.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  return true;
}
function sameText(a, b) {
  return a.replace(/\r\n/g, "\n") === b.replace(/\r\n/g, "\n");
}
async function syncDriftIssue(options) {
  const { client, owner, repo, summary, logger } = options;
  const repository = `${owner}/${repo}`;
  const labels = (options.labels ?? DEFAULT_DRIFT_LABELS).map((label2) => label2.trim()).filter((label2) => label2 !== "");
  const label = labels[0];
  if (label === void 0)
    throw new UserError("the drift issue needs at least one label", {
      hint: "give the drift issue a label (default modelship-drift): it is how the issue is found on the next run"
    });
  const closeWhenClear = options.closeWhenClear ?? true;
  const subject = `${summary.model} in ${summary.environment}`;
  const call = async (doing, run) => {
    try {
      return await run();
    } catch (error) {
      throw accessError(error, repository, doing);
    }
  };
  const found = await call("listing issues", () => findIssue(client, owner, repo, label, summary, logger));
  const open = found?.state === "open";
  if (summary.status !== "drift" && (found === void 0 || !open)) {
    logger.info(`No open drift issue for ${subject} and the status is ${summary.status}: nothing to do.`);
    return found === void 0 ? { action: "none" } : { action: "none", number: found.number, url: found.url };
  }
  let trend = [];
  if (found !== void 0) {
    const stored = readTrend(found.body);
    if (stored === void 0)
      logger.warning(
        `The trend store in drift issue #${found.number} is missing or broken (was the description edited?): starting a new trend.`
      );
    trend = stored ?? [];
  }
  trend = appendTrend(trend, trendEntry(summary));
  const body = renderDriftIssueBody(summary, options.reportMarkdown, trend);
  if (found === void 0) {
    const created = await call(
      "creating the drift issue",
      () => client.rest.issues.create({ owner, repo, title: driftIssueTitle(summary), body, labels })
    );
    const number2 = created.data.number;
    await call(
      `commenting on #${number2}`,
      () => upsertRunComment(
        client,
        owner,
        repo,
        number2,
        summary,
        runComment(summary, options.reportMarkdown, `### ${statusIcon("fail")} Drift detected`)
      )
    );
    logger.info(`Drift issue opened: ${created.data.html_url}`);
    return { action: "opened", number: number2, url: created.data.html_url };
  }
  const number = found.number;
  if (summary.status === "drift") {
    const reopen = !open;
    const bodyChanged2 = !sameText(found.body, body);
    if (reopen || bodyChanged2) {
      await call(
        `updating #${number}`,
        () => client.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          body,
          ...reopen ? { state: "open", state_reason: "reopened" } : {}
        })
      );
    }
    const note2 = reopen ? `### ${statusIcon("fail")} Drift is back: reopening this issue` : `### ${statusIcon("fail")} Still drifting`;
    const commented2 = await call(
      `commenting on #${number}`,
      () => upsertRunComment(client, owner, repo, number, summary, runComment(summary, options.reportMarkdown, note2))
    );
    const action2 = reopen ? "reopened" : bodyChanged2 || commented2 ? "updated" : "unchanged";
    logger.info(`Drift issue ${action2}: ${found.url}`);
    return { action: action2, number, url: found.url };
  }
  const note = summary.status === "insufficient_data" ? `### ${statusIcon("insufficient_data")} Not enough data to judge drift in this run: the issue stays open` : `### ${statusIcon("pass")} Drift is gone: this run's status is ${summary.status}${closeWhenClear ? "; closing this issue (it reopens if drift comes back)" : "; the issue stays open (closing is off)"}`;
  const close = summary.status !== "insufficient_data" && closeWhenClear;
  const commented = await call(
    `commenting on #${number}`,
    () => upsertRunComment(client, owner, repo, number, summary, runComment(summary, options.reportMarkdown, note))
  );
  const bodyChanged = !sameText(found.body, body);
  if (close) {
    await call(
      `closing #${number}`,
      () => client.rest.issues.update({ owner, repo, issue_number: number, body, state: "closed", state_reason: "completed" })
    );
    logger.info(`Drift is gone for ${subject}: closed ${found.url}`);
    return { action: "closed", number, url: found.url };
  }
  if (bodyChanged) await call(`updating #${number}`, () => client.rest.issues.update({ owner, repo, issue_number: number, body }));
  const action = bodyChanged || commented ? "updated" : "unchanged";
  logger.info(`Drift issue ${action}: ${found.url}`);
  return { action, number, url: found.url };
}

// src/stages/drift-settings.ts
var DEFAULT_DRIFT_DIR = ".modelship/drift";
var DRIFT_MODES = ["default", "evidently-compat"];
var DRIFT_FAIL_ON = ["never", "drift", "warn"];
var RETIRED_SETTINGS = [
  { key: "warn_p_value", instead: "a p-value above p_value is chance, and a real change below its margin warns in its row" },
  { key: "psi", instead: "PSI is reported, not decided on; drift.margin.numeric sets the Wasserstein margin" },
  { key: "null_rate", instead: "the null share is tested like a column; drift.margin.nulls sets its Cohen's h margin" },
  { key: "effect_size_floor", instead: "drift.margin sets the effect a real change must reach" }
];
function isPathLike(reference) {
  return /\.json$/i.test(reference) || readableExtension(reference) !== void 0 || hasMagic(reference) || reference.includes("/");
}
function resolveDriftSettings(explicit, loaded) {
  const config = loaded.config?.drift ?? {};
  const environment = pick(explicit.environment, config.environment) ?? "production";
  const hasEnvironment = loaded.config?.promote?.environments[environment] !== void 0;
  const reference = pick(explicit.reference, config.reference) ?? (hasEnvironment ? "production" : "latest");
  const statistics = {
    mode: pick(explicit.mode, config.mode) ?? DRIFT_DEFAULTS.mode,
    small_sample_rows: config.small_sample_rows ?? DRIFT_DEFAULTS.small_sample_rows,
    p_value: config.p_value ?? DRIFT_DEFAULTS.p_value,
    margin: {
      numeric: config.margin?.numeric ?? DRIFT_DEFAULTS.margin.numeric,
      categorical: config.margin?.categorical ?? DRIFT_DEFAULTS.margin.categorical,
      nulls: config.margin?.nulls ?? DRIFT_DEFAULTS.margin.nulls
    },
    wasserstein: config.wasserstein ?? DRIFT_DEFAULTS.wasserstein,
    jensenshannon: config.jensenshannon ?? DRIFT_DEFAULTS.jensenshannon,
    epsilon: config.epsilon ?? DRIFT_DEFAULTS.epsilon,
    min_samples: config.min_samples ?? DRIFT_DEFAULTS.min_samples,
    correction: config.correction ?? DRIFT_DEFAULTS.correction,
    share: config.share ?? DRIFT_DEFAULTS.share,
    unseen: config.unseen ?? DRIFT_DEFAULTS.unseen,
    weights: config.weights === "importance" ? {} : { ...config.weights ?? {} },
    ignore: [...config.ignore ?? []]
  };
  const ignoredSettings = RETIRED_SETTINGS.filter(({ key }) => config[key] !== void 0).map(
    ({ key, instead }) => `${loaded.file}: drift.${key} is no longer used and is ignored: ${instead} (docs/drift.md)`
  );
  const weightsFromImportance = config.weights === "importance";
  if (weightsFromImportance && isPathLike(reference))
    throw new UserError(
      `drift.weights is importance, but the reference ${reference} is a profile or data files, not a release: only a release's gate report records the model's permutation importances`,
      {
        file: loaded.file,
        pointer: "/drift/weights",
        hint: "compare with a release (--reference production, latest or a version; drift.reference), or give drift.weights as a map of column to weight, or remove it"
      }
    );
  const retrain = config.retrain;
  let trigger;
  if (retrain !== void 0) {
    if (retrain.workflow === void 0 === (retrain.event_type === void 0)) {
      throw new UserError(
        "drift.retrain needs either `workflow` (workflow_dispatch) or `event_type` (repository_dispatch), not both or neither",
        { file: loaded.file, pointer: "/drift/retrain", hint: "e.g. retrain: { workflow: train.yml, ref: main }" }
      );
    }
    trigger = retrain.workflow !== void 0 ? {
      kind: "workflow",
      workflow: retrain.workflow,
      ...retrain.ref === void 0 ? {} : { ref: retrain.ref },
      ...retrain.inputs === void 0 ? {} : { inputs: retrain.inputs }
    } : { kind: "repository", eventType: retrain.event_type };
  }
  const fromConfig = (paths) => (paths ?? []).map((path) => loaded.resolvePath(path));
  const explicitCurrent = (explicit.current?.length ?? 0) > 0 || (explicit.currentUrls?.length ?? 0) > 0;
  return {
    model: loaded.config?.model,
    reference: explicit.reference ?? (config.reference !== void 0 && isPathLike(config.reference) ? loaded.resolvePath(config.reference) : reference),
    environment,
    // The current data given explicitly (paths, URLs or both) replaces modelship.yaml's as a whole:
    // `--url X` alone checks X, not X plus drift.current.
    ...explicitCurrent ? { current: explicit.current ?? [], currentUrls: explicit.currentUrls ?? [] } : { current: fromConfig(config.current), currentUrls: [...config.current_url ?? []] },
    statistics,
    ignoredSettings,
    weightsFromImportance,
    reportDir: pick(explicit.reportDir, config.report_dir === void 0 ? void 0 : loaded.resolvePath(config.report_dir)) ?? DEFAULT_DRIFT_DIR,
    failOn: pick(explicit.failOn, config.fail_on) ?? "never",
    issue: {
      enabled: pick(explicit.issue, config.issue?.enabled),
      labels: config.issue?.labels ?? [DEFAULT_DRIFT_LABEL],
      closeWhenClear: config.issue?.close_when_clear ?? true
    },
    ...trigger === void 0 || explicit.retrain === false ? {} : { retrain: trigger }
  };
}
async function checkCurrentSources(explicit, settings, cwd) {
  if (explicit.currentProfiles !== void 0 && explicit.currentProfiles.length > 0) {
    const paths = [];
    for (const pattern of explicit.currentProfiles) {
      try {
        paths.push(...await expandGlob(pattern, cwd, "profile"));
      } catch (error) {
        withSetting(error, "--current-profile (the current-profiles input)");
      }
    }
    return paths;
  }
  const given = (explicit.current?.length ?? 0) > 0 || (explicit.currentUrls?.length ?? 0) > 0;
  for (const pattern of settings.current) {
    try {
      await expandGlob(pattern, cwd);
    } catch (error) {
      withSetting(error, given ? "the current data (DATA, the current input)" : "drift.current");
    }
  }
  const setting = given ? "--url (the current-url input)" : "drift.current_url";
  for (const url of settings.currentUrls)
    checkHttpUrl(url, setting, `give ${setting} the https:// URL of a data file (CSV, JSON Lines or Parquet)`);
  return void 0;
}

export {
  worst,
  countedColumns,
  compareProfiles,
  trendEntry,
  appendTrend,
  renderDriftIssueBody,
  syncDriftIssue,
  DRIFT_MODES,
  DRIFT_FAIL_ON,
  resolveDriftSettings,
  checkCurrentSources
};
