/**
 * Per-column accumulators of a reference profile. Each one takes typed values (after coercion),
 * merges with another of its kind exactly (counts, extremes, histograms, category and value counts;
 * mean and M2 by Chan et al.'s pairwise formula), and round-trips through the profile's JSON, so a
 * profile built in one pass and one merged from shards come out of the same code.
 */
import type { ColumnRole, ColumnType } from "../contract/contract-types.ts";
import { distinctBins, freezeEdges, Histogram } from "./profile-histogram.ts";
import type { CategoricalColumnProfile, CategoryCount, ColumnProfile, ExactValues, NumericColumnProfile } from "./profile-types.ts";
import { KllSketch } from "../sketch/kll.ts";
import { ExactCounts } from "./profile-exact.ts";

/** Types profiled as numbers (dates as epoch milliseconds). */
export function isNumericType(type: ColumnType): boolean {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}

interface ColumnIdentity {
  type: ColumnType;
  roles: ColumnRole[];
}

/** Counts shared by both kinds. */
abstract class ColumnCounts {
  readonly type: ColumnType;
  readonly roles: ColumnRole[];
  count = 0;
  nulls = 0;
  invalid = 0;

  constructor(identity: ColumnIdentity) {
    this.type = identity.type;
    this.roles = [...identity.roles];
  }

  protected mergeCounts(other: ColumnCounts): void {
    this.count += other.count;
    this.nulls += other.nulls;
    this.invalid += other.invalid;
  }

  protected countsJSON(): Pick<ColumnProfile, "type" | "roles" | "count" | "nulls" | "invalid" | "valid"> {
    return {
      type: this.type,
      roles: [...this.roles],
      count: this.count,
      nulls: this.nulls,
      invalid: this.invalid,
      valid: this.count - this.nulls - this.invalid,
    };
  }

  protected restoreCounts(json: ColumnProfile): void {
    this.count = json.count;
    this.nulls = json.nulls;
    this.invalid = json.invalid;
  }
}

export interface NumericStatsOptions extends ColumnIdentity {
  sketchK: number;
  seed: number;
  /** Frozen edges; without them the histogram waits for `freeze()` and a second pass. */
  edges?: readonly number[];
  /** Bins for `freeze()`; an integer-valued column with at most `distinctBins(bins)` values gets one bin per value instead. */
  bins: number;
  /** Distinct values counted exactly (`values`); past it the counts are dropped for good. 0 keeps none. */
  exactCap: number;
}

/** Moments, extremes, a quantile sketch, a histogram and (while few) exact value counts of a numeric column. */
export class NumericStats extends ColumnCounts {
  readonly kind = "numeric";
  valid = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  mean = 0;
  m2 = 0;
  sketch: KllSketch;
  histogram: Histogram | undefined;
  /** The cap on `values`; a merge keeps the smaller of the two. */
  exactCap: number;
  readonly #bins: number;
  // Count per distinct valid value while there are at most exactCap of them; undefined once past
  // it (for good) or when exactCap is 0. Filled in pass 1 only, like the sketch. -0 and 0 are one
  // entry, keyed +0: ExactCounts keeps a -0 key as +0, as Map.prototype.set does (ECMA-262), whatever comes first.
  #exact: ExactCounts | undefined;
  // Distinct values while there are few (integer-valued types only): such a column gets one bin
  // per value. Bounded by distinctBins(bins) + 1 entries, then dropped. Kept only when exactCap <
  // distinctBins(bins): otherwise #exact's keys are the distinct values for as long as they can
  // be few enough, and `freeze()` reads them there (see #distinctInExact).
  #distinct: Set<number> | undefined;
  // Whether `freeze()` takes the distinct values from #exact's keys instead of #distinct.
  #distinctInExact: boolean;

  constructor(options: NumericStatsOptions) {
    super(options);
    this.#bins = options.bins;
    this.exactCap = options.exactCap;
    this.#exact = options.exactCap > 0 ? new ExactCounts() : undefined;
    this.sketch = new KllSketch({ k: options.sketchK, seed: options.seed });
    this.histogram = options.edges === undefined ? undefined : new Histogram(options.edges);
    const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
    const perValueBins = integral && options.edges === undefined;
    // With exactCap ≥ distinctBins(bins), #exact holds every distinct value until there are more
    // than distinctBins(bins) of them, when #distinct would be dropped anyway.
    this.#distinctInExact = perValueBins && options.exactCap >= distinctBins(options.bins);
    this.#distinct = perValueBins && !this.#distinctInExact ? new Set() : undefined;
  }

  /** Adds one finite value to every statistic (and to the histogram when its edges are frozen). */
  add(x: number): void {
    this.valid++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sum += x;
    // Welford's update: numerically stable, and its (mean, M2) merge exactly with Chan's formula.
    const delta = x - this.mean;
    this.mean += delta / this.valid;
    this.m2 += delta * (x - this.mean);
    this.sketch.update(x);
    this.histogram?.add(x);
    const exact = this.#exact;
    if (exact !== undefined) {
      const known = exact.get(x);
      if (known !== undefined) exact.set(x, known + 1);
      else if (exact.size < this.exactCap) exact.set(x, 1);
      else this.#exact = undefined;
    }
    if (this.#distinct !== undefined) {
      this.#distinct.add(x);
      if (this.#distinct.size > distinctBins(this.#bins)) this.#distinct = undefined;
    }
  }

  /**
   * Adds `values[0, count)` (finite values) in order: every statistic as `add` on each value gives
   * it, bit for bit (the running sums and Welford's update go value by value in the same order).
   */
  addMany(values: Float64Array, count: number): void {
    let { valid, min, max, sum, mean, m2 } = this;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      valid++;
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      const delta = x - mean;
      mean += delta / valid;
      m2 += delta * (x - mean);
    }
    this.valid = valid;
    this.min = min;
    this.max = max;
    this.sum = sum;
    this.mean = mean;
    this.m2 = m2;
    this.sketch.updateMany(values, count);
    this.histogram?.addMany(values, count);
    if (this.#exact?.addMany(values, count, this.exactCap) === false) this.#exact = undefined;
    const distinct = this.#distinct;
    if (distinct !== undefined) {
      for (let i = 0; i < count; i++) {
        distinct.add(values[i]!);
        if (distinct.size > distinctBins(this.#bins)) {
          this.#distinct = undefined;
          break;
        }
      }
    }
  }

  /** Counts `values[0, count)` into the frozen histogram only (the second pass). */
  addManyToHistogram(values: Float64Array, count: number): void {
    this.histogram?.addMany(values, count);
  }

  /** Freezes the histogram's edges from the data seen so far; its counts then come from a second pass. */
  freeze(): void {
    if (this.histogram !== undefined) return;
    const edges = freezeEdges({ type: this.type, sketch: this.sketch, bins: this.#bins, distinct: this.#distinctValues() });
    this.#distinct = undefined;
    this.#distinctInExact = false;
    this.histogram = edges === undefined ? undefined : new Histogram(edges);
  }

  // The distinct values for one bin per value, or undefined when there are too many (or none are tracked).
  #distinctValues(): number[] | undefined {
    if (!this.#distinctInExact) return this.#distinct === undefined ? undefined : [...this.#distinct];
    const exact = this.#exact;
    return exact !== undefined && exact.size <= distinctBins(this.#bins) ? [...exact.keys()] : undefined;
  }

  /** Second pass: counts a value into the frozen histogram only. */
  addToHistogram(x: number): void {
    this.histogram?.add(x);
  }

  /** Folds in another accumulator of the same column (edges already checked equal). */
  merge(other: NumericStats): void {
    this.mergeCounts(other);
    if (other.valid > 0) {
      if (this.valid === 0) {
        this.mean = other.mean;
        this.m2 = other.m2;
      } else {
        // Chan, Golub and LeVeque (1979): combine two partial means and M2s.
        const n = this.valid + other.valid;
        const delta = other.mean - this.mean;
        this.mean += (delta * other.valid) / n;
        this.m2 += other.m2 + (delta * delta * this.valid * other.valid) / n;
      }
    }
    this.valid += other.valid;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.sum += other.sum;
    this.sketch.merge(other.sketch);
    if (this.histogram !== undefined && other.histogram !== undefined) this.histogram.merge(other.histogram);
    else this.histogram ??= other.histogram;
    // Exact counts survive only if both sides kept theirs and the union fits the smaller cap: then
    // they equal the counts of the union's data, whatever the order of merging.
    this.exactCap = Math.min(this.exactCap, other.exactCap);
    const exact = this.#exact;
    if (exact === undefined || other.#exact === undefined) this.#exact = undefined;
    else {
      for (const [value, count] of other.#exact) exact.set(value, (exact.get(value) ?? 0) + count);
      if (exact.size > this.exactCap) this.#exact = undefined;
    }
  }

  #valuesJSON(): ExactValues | null {
    if (this.#exact === undefined) return null;
    const value = [...this.#exact.keys()].sort((a, b) => a - b);
    return { value, count: value.map((key) => this.#exact!.get(key)!) };
  }

  /** The column as stored in a profile. */
  toJSON(): NumericColumnProfile {
    const n = this.valid;
    return {
      kind: "numeric",
      ...this.countsJSON(),
      min: n === 0 ? null : this.min,
      max: n === 0 ? null : this.max,
      sum: this.sum,
      mean: n === 0 ? null : this.mean,
      m2: this.m2,
      variance: n === 0 ? null : { population: this.m2 / n, sample: n < 2 ? null : this.m2 / (n - 1) },
      sketch: this.sketch.toJSON(),
      histogram: this.histogram === undefined ? null : this.histogram.toJSON(this.nulls),
      values: this.#valuesJSON(),
    };
  }

  /**
   * Rebuilds the accumulator from a profile's column; `exactCap` is the profile's `exact_cap`
   * (0 for an older profile without one: its columns' `values` are then read as absent).
   */
  static fromJSON(json: NumericColumnProfile, exactCap: number): NumericStats {
    const stats = new NumericStats({
      type: json.type,
      roles: json.roles,
      sketchK: json.sketch.k,
      seed: json.sketch.seed,
      bins: json.histogram === null ? 1 : json.histogram.counts.length,
      exactCap,
    });
    stats.restoreCounts(json);
    stats.valid = json.valid;
    stats.min = json.min ?? Infinity;
    stats.max = json.max ?? -Infinity;
    stats.sum = json.sum;
    stats.mean = json.mean ?? 0;
    stats.m2 = json.m2;
    stats.sketch = KllSketch.fromJSON(json.sketch);
    stats.histogram = json.histogram === null ? undefined : Histogram.fromJSON(json.histogram);
    stats.#distinct = undefined;
    stats.#distinctInExact = false;
    const values = json.values;
    if (exactCap > 0 && values !== undefined && values !== null && values.value.length <= exactCap) {
      const exact = new ExactCounts();
      values.value.forEach((value, i) => exact.set(value, (exact.get(value) ?? 0) + values.count[i]!));
      stats.#exact = exact;
    } else stats.#exact = undefined;
    return stats;
  }
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

// Length in code points (as JSON Schema's minLength counts), without allocating for plain text.
function codePointLength(text: string): number {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  // Each surrogate pair is one code point in two code units.
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

/** Orders categories by count descending, then by value (code units, locale-free) for determinism. */
function byCountThenValue(a: CategoryCount, b: CategoryCount): number {
  if (a.count !== b.count) return b.count - a.count;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export interface CategoryStatsOptions extends ColumnIdentity {
  /** Distinct values counted exactly; later new values go to `otherCount`. */
  cap: number;
}

/**
 * Value counts of a string, categorical or boolean column. Memory is bounded by `cap` distinct
 * values per column (default 10,000): past it, unseen values are only counted in `otherCount`.
 */
export class CategoryStats extends ColumnCounts {
  readonly kind = "categorical";
  readonly counts = new Map<string, number>();
  cap: number;
  otherCount = 0;
  capped = false;
  lengthMin = Infinity;
  lengthMax = -Infinity;
  lengthSum = 0;

  constructor(options: CategoryStatsOptions) {
    super(options);
    this.cap = options.cap;
  }

  get #measuresLength(): boolean {
    return this.type !== "boolean";
  }

  /** Counts one valid value, `times` times (as many calls in a row would: the cap applies at its first arrival). */
  add(value: string | boolean | number, times = 1): void {
    const key = String(value);
    const known = this.counts.get(key);
    if (known !== undefined) this.counts.set(key, known + times);
    else if (this.counts.size < this.cap) this.counts.set(key, times);
    else {
      this.capped = true;
      this.otherCount += times;
    }
    if (this.#measuresLength) {
      const length = codePointLength(key);
      if (length < this.lengthMin) this.lengthMin = length;
      if (length > this.lengthMax) this.lengthMax = length;
      this.lengthSum += length * times;
    }
  }

  /** Folds in another accumulator of the same column; past the cap the most frequent values stay. */
  merge(other: CategoryStats): void {
    this.mergeCounts(other);
    for (const [value, count] of other.counts) this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    this.otherCount += other.otherCount;
    this.capped ||= other.capped;
    this.cap = Math.min(this.cap, other.cap);
    if (this.counts.size > this.cap) {
      const ranked = this.#ranked();
      for (const { value, count } of ranked.slice(this.cap)) {
        this.counts.delete(value);
        this.otherCount += count;
      }
      this.capped = true;
    }
    this.lengthMin = Math.min(this.lengthMin, other.lengthMin);
    this.lengthMax = Math.max(this.lengthMax, other.lengthMax);
    this.lengthSum += other.lengthSum;
  }

  #ranked(): CategoryCount[] {
    return [...this.counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
  }

  /** The column as stored in a profile. */
  toJSON(): CategoricalColumnProfile {
    const common = this.countsJSON();
    return {
      kind: "categorical",
      ...common,
      distinct: this.counts.size,
      capped: this.capped,
      counts: this.#ranked(),
      other_count: this.otherCount,
      length:
        this.#measuresLength && common.valid > 0
          ? { min: this.lengthMin, max: this.lengthMax, sum: this.lengthSum, mean: this.lengthSum / common.valid }
          : null,
    };
  }

  /** Rebuilds the accumulator from a profile's column; `cap` is the profile's category cap. */
  static fromJSON(json: CategoricalColumnProfile, cap: number): CategoryStats {
    const stats = new CategoryStats({ type: json.type, roles: json.roles, cap });
    stats.restoreCounts(json);
    for (const { value, count } of json.counts) stats.counts.set(value, count);
    stats.otherCount = json.other_count;
    stats.capped = json.capped;
    if (json.length !== null) {
      stats.lengthMin = json.length.min;
      stats.lengthMax = json.length.max;
      stats.lengthSum = json.length.sum;
    }
    return stats;
  }
}

export type ColumnStats = NumericStats | CategoryStats;

/** Rebuilds the accumulator of any profile column with its profile's caps (`exactCap` 0 when the profile has none). */
export function columnStatsFromJSON(json: ColumnProfile, caps: { categoryCap: number; exactCap: number }): ColumnStats {
  return json.kind === "numeric" ? NumericStats.fromJSON(json, caps.exactCap) : CategoryStats.fromJSON(json, caps.categoryCap);
}
