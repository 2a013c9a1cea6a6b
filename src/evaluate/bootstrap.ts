/**
 * A seeded, deterministic bootstrap for percentile confidence intervals of evaluation metrics.
 *
 * Rows are resampled with replacement (optionally within strata) and each replicate is handed to the
 * caller as a vector of resample counts, one per row. The caller computes every statistic it needs
 * from those weights, so one resample serves many metrics, and a paired comparison (champion and
 * challenger scored on the same rows) simply evaluates both models under the same weights.
 *
 * Randomness is one mulberry32 stream (the generator of `src/common/seeded-random.ts`), seeded from the
 * user's seed through `streamSeed` so that it does not replay the trainer's draws. The generator is
 * inlined in the resampling loop: calling the shared closure per draw made the loop about 3× slower
 * (measured), and the inlined copy is checked against it bit for bit in the tests.
 *
 * For data already aggregated into cells (fairness: group × label × prediction), `multinomial` and
 * `binomial` resample the cell counts exactly in O(cells).
 */
import { progressSink } from "../common/progress.ts";
import { streamSeed } from "../common/seeded-random.ts";
import { logGamma } from "../common/stats.ts";

/** The `streamSeed` stream id of the bootstrap's row resampling, so it never shares draws with other uses of the seed. */
export const BOOTSTRAP_STREAM = 0xb0075;

// mulberry32's increment, as in src/common/seeded-random.ts.
const WEYL = 0x6d2b79f5;
const TWO_POW_32 = 4294967296;

/** What to resample and how: row count, replicate count, seed, optional strata, and the per-replicate statistics. */
export interface BootstrapOptions {
  rows: number;
  /** Number of bootstrap replicates, e.g. 2000. */
  resamples: number;
  seed: number;
  /** Strata (e.g. the label for AUC, or the sensitive group): rows are resampled within each stratum, keeping its size. Int32Array of stratum ids 0..k-1, or undefined for plain resampling. */
  strata?: Int32Array;
  /** Called once per replicate with that replicate's counts (reused buffer: do not keep it). Return the statistics for this replicate (NaN/undefined allowed where a statistic is undefined on a resample). */
  statistic: (weights: Float64Array, replicate: number) => ReadonlyArray<number | undefined>;
}

/** The bootstrap distribution of every statistic, with the seed and replicate count that reproduce it. */
export interface BootstrapResult {
  /** One array per statistic, of length `resamples`; NaN where the statistic was undefined on that replicate. */
  replicates: Float64Array[];
  /** Per statistic, how many replicates returned NaN or undefined. */
  undefinedCounts: number[];
  seed: number;
  resamples: number;
  method: "percentile";
}

/** Row ids grouped by stratum: members[offsets[s] .. offsets[s + 1]) are the rows of stratum s, ascending. */
export function groupStrata(strata: Int32Array, rows: number): { members: Int32Array; offsets: Int32Array } {
  if (strata.length !== rows) throw new RangeError(`bootstrap: ${strata.length} stratum ids for ${rows} rows`);
  let strataCount = 0;
  for (let i = 0; i < rows; i++) {
    const id = strata[i]!;
    if (id < 0) throw new RangeError(`bootstrap: stratum ids must be non-negative, got ${id} at row ${i}`);
    if (id + 1 > strataCount) strataCount = id + 1;
  }
  const offsets = new Int32Array(strataCount + 1);
  for (let i = 0; i < rows; i++) offsets[strata[i]! + 1]!++;
  for (let s = 0; s < strataCount; s++) offsets[s + 1]! += offsets[s]!;
  const cursor = offsets.slice(0, strataCount);
  const members = new Int32Array(rows);
  for (let i = 0; i < rows; i++) members[cursor[strata[i]!]!++] = i;
  return { members, offsets };
}

/**
 * Runs `resamples` bootstrap replicates, deterministic in `seed`: replicate r draws its rows from the
 * same stream positions whatever the statistics are, so its counts depend only on (seed, rows, strata, r).
 */
export function bootstrap(options: BootstrapOptions): BootstrapResult {
  const { rows, resamples, seed, strata, statistic } = options;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`bootstrap: rows must be a non-negative integer, got ${rows}`);
  if (!Number.isInteger(resamples) || resamples < 0)
    throw new RangeError(`bootstrap: resamples must be a non-negative integer, got ${resamples}`);
  // mulberry32 has a period of 2^32 draws; beyond that, replicates would replay earlier draws.
  if (rows * resamples > TWO_POW_32) {
    throw new RangeError(
      `bootstrap: ${rows} rows × ${resamples} resamples exceeds the generator's 2^32 draws; resample aggregated cells with multinomial() or use fewer resamples`,
    );
  }
  const grouped = strata === undefined ? undefined : groupStrata(strata, rows);
  const weights = new Float64Array(rows);
  // Counting into 32-bit integers halves the memory the random increments touch (faster once rows
  // outgrow the CPU caches); the counts are then copied into the caller's Float64Array. With strata,
  // counts are indexed by position in the stratum-grouped order.
  const counts = new Int32Array(rows);
  let state = rowStreamStart(seed, rows, 0);
  let replicates: Float64Array[] | undefined;
  let undefinedCounts: number[] = [];
  const progress = progressSink();

  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    if (grouped === undefined) {
      state = drawInto(counts, state, 0, rows);
      for (let i = 0; i < rows; i++) weights[i] = counts[i]!;
    } else {
      // Counting in stratum order keeps each stratum's increments in one contiguous block; the
      // scatter back to row order then walks the (ascending) member lists once.
      const { members, offsets } = grouped;
      for (let s = 0; s + 1 < offsets.length; s++) {
        const start = offsets[s]!;
        state = drawInto(counts, state, start, offsets[s + 1]! - start);
      }
      for (let p = 0; p < rows; p++) weights[members[p]!] = counts[p]!;
    }

    const values = statistic(weights, r);
    progress?.({ task: "bootstrap", done: r + 1, total: resamples, unit: "resamples" });
    if (replicates === undefined) {
      replicates = values.map(() => new Float64Array(resamples));
      undefinedCounts = values.map(() => 0);
    } else if (values.length !== replicates.length) {
      throw new Error(`bootstrap: the statistic returned ${values.length} values on replicate ${r} but ${replicates.length} before`);
    }
    for (let s = 0; s < values.length; s++) {
      const value = values[s];
      if (value === undefined || value === null || Number.isNaN(value)) {
        replicates[s]![r] = Number.NaN;
        undefinedCounts[s]!++;
      } else {
        replicates[s]![r] = value;
      }
    }
  }
  return { replicates: replicates ?? [], undefinedCounts, seed, resamples, method: "percentile" };
}

/**
 * The generator state replicate `replicate` of `bootstrap({ rows, seed })` starts from. Every replicate
 * makes exactly `rows` draws (one per row, also with strata) and mulberry32's state only advances by a
 * fixed increment, so replicate r starts at the seed's state + r · rows increments: any replicate can
 * be drawn on its own (e.g. on a worker thread) with the very counts the sequential loop gives it.
 */
export function rowStreamStart(seed: number, rows: number, replicate: number): number {
  // (r · rows) mod 2^32 is exact: r · rows ≤ 2^32 (bootstrap's limit) is an exact double.
  return (streamSeed(seed, BOOTSTRAP_STREAM) + Math.imul((replicate * rows) >>> 0, WEYL)) >>> 0;
}

/**
 * Draws `size` uniform positions in [0, size) and increments counts[start + position] for each;
 * returns the advanced mulberry32 state. The arithmetic is exactly nextRandom() of
 * src/common/seeded-random.ts followed by floor(value · size).
 */
export function drawInto(counts: Int32Array, state: number, start: number, size: number): number {
  // value · size = u32 · (size / 2^32): scaling by a power of two is exact, so this is floor(value · size).
  const scale = size / TWO_POW_32;
  let s = state;
  for (let j = 0; j < size; j++) {
    s = (s + WEYL) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    counts[start + Math.floor(((t ^ (t >>> 14)) >>> 0) * scale)]!++;
  }
  return s;
}

/**
 * `drawInto` counting into bytes: a million rows' counts then fit a core's L2 cache, which makes the
 * random increments much cheaper. A count past 255 wraps; the caller detects that (the counts no
 * longer sum to the draws) and draws the replicate again into 32-bit counts. It takes 256 of a
 * replicate's draws landing on one row, which the tests cannot even provoke. The loop is drawInto's,
 * written again rather than shared over both array types: each copy then stays monomorphic in V8,
 * which matters in the hottest loop of the bootstrap.
 */
export function drawIntoBytes(counts: Uint8Array, state: number, start: number, size: number): number {
  const scale = size / TWO_POW_32;
  let s = state;
  for (let j = 0; j < size; j++) {
    s = (s + WEYL) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    counts[start + Math.floor(((t ^ (t >>> 14)) >>> 0) * scale)]!++;
  }
  return s;
}

// ------------------------------------------------------------------------------------------------
// Quantiles and intervals

// The non-NaN values, sorted ascending.
function sortedDefined(values: Float64Array): Float64Array {
  let defined = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) defined++;
  const sorted = new Float64Array(defined);
  for (let i = 0, j = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sorted[j++] = values[i]!;
  return sorted.sort();
}

// numpy's "linear" method step for step (virtual index (n − 1)·q, and its _lerp that interpolates from
// the nearer end), so results agree with numpy to the last bit.
/** numpy.quantile of values sorted ascending (no NaN), q in [0, 1]; NaN when there are none. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const index = (n - 1) * q;
  const below = Math.floor(index);
  const gamma = index - below;
  const lower = sorted[Math.min(below, n - 1)]!;
  const upper = sorted[Math.min(below + 1, n - 1)]!;
  const difference = upper - lower;
  return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma;
}

/** numpy.quantile(values, q) with the default linear interpolation, ignoring NaN (like np.nanquantile). */
export function quantile(values: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  return quantileOfSorted(sortedDefined(values), q);
}

/** Percentile CI [q_lo, q_hi] at `confidence` (default 0.95), ignoring undefined replicates; undefined when more than `maxUndefinedShare` (default 0.5) of replicates are undefined. */
export function percentileInterval(replicates: Float64Array, confidence = 0.95, maxUndefinedShare = 0.5): [number, number] | undefined {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`percentileInterval: confidence must be in (0, 1), got ${confidence}`);
  const sorted = sortedDefined(replicates);
  const undefinedCount = replicates.length - sorted.length;
  if (sorted.length === 0 || undefinedCount > maxUndefinedShare * replicates.length) return undefined;
  return [quantileOfSorted(sorted, (1 - confidence) / 2), quantileOfSorted(sorted, (1 + confidence) / 2)];
}

// ------------------------------------------------------------------------------------------------
// Exact binomial and multinomial draws

/** Multinomial counts: distributes `total` draws over cells with probabilities proportional to `cellWeights`, exactly (sequential conditional binomials), into `out`. For resampling aggregated data (e.g. fairness cells group×label×prediction) in O(cells) instead of O(rows). */
export function multinomial(random: () => number, total: number, cellWeights: ArrayLike<number>, out: Float64Array): void {
  const cells = cellWeights.length;
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`multinomial: total must be a non-negative integer, got ${total}`);
  if (out.length < cells) throw new RangeError(`multinomial: out has ${out.length} slots for ${cells} cells`);
  let remainingWeight = 0;
  let lastPositive = -1;
  for (let i = 0; i < cells; i++) {
    const weight = cellWeights[i]!;
    if (!(weight >= 0 && Number.isFinite(weight)))
      throw new RangeError(`multinomial: cell weights must be finite and non-negative, got ${weight} at ${i}`);
    remainingWeight += weight;
    if (weight > 0) lastPositive = i;
  }
  if (total > 0 && lastPositive < 0) throw new RangeError("multinomial: all cell weights are zero");
  let remaining = total;
  for (let i = 0; i < cells; i++) {
    const weight = cellWeights[i]!;
    let count: number;
    if (i === lastPositive) {
      // The last cell with weight takes what is left: its conditional probability is 1, which the
      // running weight sum would only reach up to rounding.
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

// log(k!) for the BTRS acceptance test.
function logFactorial(k: number): number {
  return logGamma(k + 1);
}

/** An exact Binomial(n, p) draw: inversion for small n·min(p,1−p), Hörmann's BTRS otherwise. */
export function binomial(random: () => number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial: n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // Both methods want p ≤ ½; for p > ½, 1 − p is exact and the draw is mirrored.
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  return n * p < 10 ? binomialInversion(random, n, p) : binomialBtrs(random, n, p);
}

// Sequential search of the CDF from 0 (expected n·p + 1 steps). A run past a far bound can only come
// from rounding in the running CDF; it restarts with a fresh uniform, as numpy's inversion does.
function binomialInversion(random: () => number, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  const factor = (n + 1) * ratio;
  const probabilityOfZero = Math.exp(n * Math.log1p(-p));
  const bound = Math.min(n, Math.floor(n * p + 10 * Math.sqrt(n * p * q + 1)));
  for (;;) {
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

// Hörmann (1993), "The generation of binomial random variates", algorithm BTRS (transformed rejection
// with squeeze), for n·p ≥ 10 and p ≤ ½. The acceptance test uses exact log-factorials, so the draw
// has exactly the binomial distribution (up to floating-point rounding).
function binomialBtrs(random: () => number, n: number, p: number): number {
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
  for (;;) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= logModeTerm - logFactorial(k) - logFactorial(n - k) + (k - mode) * logOdds) return k;
  }
}
