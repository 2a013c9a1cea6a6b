import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkHeaderDelimiter
} from "./chunk-ROYMXGRN.js";
import {
  aliasMap,
  applyAlias,
  coerceValue,
  showValue
} from "./chunk-CEPJPHC5.js";
import {
  KllSketch
} from "./chunk-5US5NQLX.js";
import {
  BATCH,
  BadCsvInput,
  ByteInterner,
  detectPii,
  parseSimpleNumber,
  scanCsvRows,
  spanText
} from "./chunk-WP7KJD34.js";
import {
  progressSink
} from "./chunk-QRTANFC2.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/data/profile/profile-columns-pass.ts
import { createHash as createHash2 } from "node:crypto";

// src/data/profile/profile-builder.ts
import { createHash } from "node:crypto";

// src/data/profile/profile-histogram.ts
var scratch = new Float64Array(1);
var scratchBits = new BigInt64Array(scratch.buffer);
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = scratchBits[0] + (x > 0 ? 1n : -1n);
  return scratch[0];
}
function distinctBins(bins) {
  return 2 * bins;
}
function freezeEdges(options) {
  const { sketch, bins } = options;
  const max = sketch.max;
  if (max === void 0) return void 0;
  const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
  let edges;
  if (integral && options.distinct !== void 0) {
    edges = [...options.distinct].sort((a, b) => a - b);
  } else {
    const qs = Array.from({ length: bins + 1 }, (_, i) => i / bins);
    edges = [...new Set(sketch.quantiles(qs))].sort((a, b) => a - b);
    edges.pop();
  }
  const above = integral ? max + 1 : nextUp(max);
  if (Number.isFinite(above)) edges.push(above);
  else if (edges[edges.length - 1] !== max) edges.push(max);
  if (edges.length === 1) edges.unshift(edges[0] > max ? max : -nextUp(-max));
  return edges;
}
var Histogram = class _Histogram {
  edges;
  counts;
  underflow = 0;
  overflow = 0;
  constructor(edges) {
    if (edges.length < 2) throw new Error(`a histogram needs at least two edges, got ${edges.length}`);
    for (let i = 1; i < edges.length; i++)
      if (!(edges[i] > edges[i - 1])) throw new Error(`histogram edges must increase strictly (at index ${i})`);
    this.edges = edges;
    this.counts = new Array(edges.length - 1).fill(0);
  }
  /** Counts one finite value. */
  add(x) {
    const edges = this.edges;
    const last = edges.length - 1;
    if (x < edges[0]) {
      this.underflow++;
      return;
    }
    if (x >= edges[last]) {
      this.overflow++;
      return;
    }
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >>> 1;
      if (edges[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    this.counts[lo]++;
  }
  /** Counts `values[0, count)` (finite values), as `add` on each. */
  addMany(values, count) {
    const edges = this.edges;
    const last = edges.length - 1;
    const low = edges[0];
    const high = edges[last];
    const counts = this.counts;
    for (let i = 0; i < count; i++) {
      const x = values[i];
      if (x < low) {
        this.underflow++;
        continue;
      }
      if (x >= high) {
        this.overflow++;
        continue;
      }
      let lo = 0;
      let hi = last - 1;
      while (lo < hi) {
        const mid = lo + hi + 1 >>> 1;
        if (edges[mid] <= x) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]++;
    }
  }
  /** Adds another histogram's counts; refuses different edges (a bug: callers check edges first). */
  merge(other) {
    if (!sameEdges(this.edges, other.edges)) throw new Error("cannot merge histograms with different edges");
    other.counts.forEach((count, i) => {
      this.counts[i] += count;
    });
    this.underflow += other.underflow;
    this.overflow += other.overflow;
  }
  /** The histogram as stored in a profile, with the column's null count beside the bins. */
  toJSON(nulls) {
    return { edges: [...this.edges], counts: [...this.counts], underflow: this.underflow, overflow: this.overflow, nulls };
  }
  /** Rebuilds a histogram from its JSON. */
  static fromJSON(json) {
    const histogram = new _Histogram(json.edges);
    if (json.counts.length !== json.edges.length - 1)
      throw new Error(`histogram has ${json.counts.length} counts for ${json.edges.length} edges`);
    json.counts.forEach((count, i) => {
      histogram.counts[i] = count;
    });
    histogram.underflow = json.underflow;
    histogram.overflow = json.overflow;
    return histogram;
  }
};
function sameEdges(a, b) {
  if (a === void 0 || b === void 0) return a === b;
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}

// src/data/profile/profile-exact.ts
var bits = new Float64Array(1);
var words = new Uint32Array(bits.buffer);
function hashOf(x) {
  let h;
  if ((x | 0) === x) h = Math.imul(x | 0, 2654435761);
  else {
    bits[0] = x;
    h = Math.imul(words[0] ^ Math.imul(words[1], 2246822507), 2654435761);
  }
  return h ^ h >>> 15;
}
var ExactCounts = class {
  /** Distinct values counted. */
  size = 0;
  #keys = new Float64Array(16);
  #counts = new Float64Array(16);
  #table = new Int32Array(32).fill(-1);
  #mask = 31;
  /** The count of `x`, or undefined when it was never counted. */
  get(x) {
    const id = this.#find(x);
    return id < 0 ? void 0 : this.#counts[id];
  }
  /** Sets the count of `x` (a new value goes last in the order). */
  set(x, count) {
    const id = this.#find(x);
    if (id >= 0) this.#counts[id] = count;
    else this.#insert(x, count);
    return this;
  }
  /**
   * Counts `values[0, count)` one by one, as `get`/`set` would: a value seen before adds one, a new
   * one is added while fewer than `cap` are counted. Returns false (and stops) at the first new
   * value past the cap: the caller then drops the counts for good.
   */
  addMany(values, count, cap) {
    for (let i = 0; i < count; i++) {
      const x = values[i];
      const keys = this.#keys;
      const table = this.#table;
      const mask = this.#mask;
      let slot = hashOf(x) & mask;
      for (; ; ) {
        const id = table[slot];
        if (id < 0) {
          if (this.size >= cap) return false;
          this.#insertAt(slot, x, 1);
          break;
        }
        if (keys[id] === x) {
          this.#counts[id]++;
          break;
        }
        slot = slot + 1 & mask;
      }
    }
    return true;
  }
  /** The values in first-seen order. */
  *keys() {
    for (let id = 0; id < this.size; id++) yield this.#keys[id];
  }
  /** [value, count] pairs in first-seen order. */
  *[Symbol.iterator]() {
    for (let id = 0; id < this.size; id++) yield [this.#keys[id], this.#counts[id]];
  }
  #find(x) {
    const table = this.#table;
    const mask = this.#mask;
    let slot = hashOf(x) & mask;
    for (; ; ) {
      const id = table[slot];
      if (id < 0 || this.#keys[id] === x) return id;
      slot = slot + 1 & mask;
    }
  }
  #insert(x, count) {
    const mask = this.#mask;
    let slot = hashOf(x) & mask;
    while (this.#table[slot] >= 0) slot = slot + 1 & mask;
    this.#insertAt(slot, x, count);
  }
  #insertAt(slot, x, count) {
    const id = this.size++;
    if (id === this.#keys.length) {
      const keys = new Float64Array(id * 2);
      keys.set(this.#keys);
      this.#keys = keys;
      const counts = new Float64Array(id * 2);
      counts.set(this.#counts);
      this.#counts = counts;
    }
    this.#keys[id] = x === 0 ? 0 : x;
    this.#counts[id] = count;
    this.#table[slot] = id;
    if (this.size * 2 > this.#table.length) this.#rehash();
  }
  #rehash() {
    const table = new Int32Array(this.#table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = hashOf(this.#keys[id]) & mask;
      while (table[slot] >= 0) slot = slot + 1 & mask;
      table[slot] = id;
    }
    this.#table = table;
    this.#mask = mask;
  }
};

// src/data/profile/profile-column.ts
function isNumericType(type) {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}
var ColumnCounts = class {
  type;
  roles;
  count = 0;
  nulls = 0;
  invalid = 0;
  constructor(identity) {
    this.type = identity.type;
    this.roles = [...identity.roles];
  }
  mergeCounts(other) {
    this.count += other.count;
    this.nulls += other.nulls;
    this.invalid += other.invalid;
  }
  countsJSON() {
    return {
      type: this.type,
      roles: [...this.roles],
      count: this.count,
      nulls: this.nulls,
      invalid: this.invalid,
      valid: this.count - this.nulls - this.invalid
    };
  }
  restoreCounts(json) {
    this.count = json.count;
    this.nulls = json.nulls;
    this.invalid = json.invalid;
  }
};
var NumericStats = class _NumericStats extends ColumnCounts {
  kind = "numeric";
  valid = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  mean = 0;
  m2 = 0;
  sketch;
  histogram;
  /** The cap on `values`; a merge keeps the smaller of the two. */
  exactCap;
  #bins;
  // Count per distinct valid value while there are at most exactCap of them; undefined once past
  // it (for good) or when exactCap is 0. Filled in pass 1 only, like the sketch. -0 and 0 are one
  // entry, keyed +0: ExactCounts keeps a -0 key as +0, as Map.prototype.set does (ECMA-262), whatever comes first.
  #exact;
  // Distinct values while there are few (integer-valued types only): such a column gets one bin
  // per value. Bounded by distinctBins(bins) + 1 entries, then dropped. Kept only when exactCap <
  // distinctBins(bins): otherwise #exact's keys are the distinct values for as long as they can
  // be few enough, and `freeze()` reads them there (see #distinctInExact).
  #distinct;
  // Whether `freeze()` takes the distinct values from #exact's keys instead of #distinct.
  #distinctInExact;
  constructor(options) {
    super(options);
    this.#bins = options.bins;
    this.exactCap = options.exactCap;
    this.#exact = options.exactCap > 0 ? new ExactCounts() : void 0;
    this.sketch = new KllSketch({ k: options.sketchK, seed: options.seed });
    this.histogram = options.edges === void 0 ? void 0 : new Histogram(options.edges);
    const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
    const perValueBins = integral && options.edges === void 0;
    this.#distinctInExact = perValueBins && options.exactCap >= distinctBins(options.bins);
    this.#distinct = perValueBins && !this.#distinctInExact ? /* @__PURE__ */ new Set() : void 0;
  }
  /** Adds one finite value to every statistic (and to the histogram when its edges are frozen). */
  add(x) {
    this.valid++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.sum += x;
    const delta = x - this.mean;
    this.mean += delta / this.valid;
    this.m2 += delta * (x - this.mean);
    this.sketch.update(x);
    this.histogram?.add(x);
    const exact = this.#exact;
    if (exact !== void 0) {
      const known = exact.get(x);
      if (known !== void 0) exact.set(x, known + 1);
      else if (exact.size < this.exactCap) exact.set(x, 1);
      else this.#exact = void 0;
    }
    if (this.#distinct !== void 0) {
      this.#distinct.add(x);
      if (this.#distinct.size > distinctBins(this.#bins)) this.#distinct = void 0;
    }
  }
  /**
   * Adds `values[0, count)` (finite values) in order: every statistic as `add` on each value gives
   * it, bit for bit (the running sums and Welford's update go value by value in the same order).
   */
  addMany(values, count) {
    let { valid, min, max, sum, mean, m2 } = this;
    for (let i = 0; i < count; i++) {
      const x = values[i];
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
    if (this.#exact?.addMany(values, count, this.exactCap) === false) this.#exact = void 0;
    const distinct = this.#distinct;
    if (distinct !== void 0) {
      for (let i = 0; i < count; i++) {
        distinct.add(values[i]);
        if (distinct.size > distinctBins(this.#bins)) {
          this.#distinct = void 0;
          break;
        }
      }
    }
  }
  /** Counts `values[0, count)` into the frozen histogram only (the second pass). */
  addManyToHistogram(values, count) {
    this.histogram?.addMany(values, count);
  }
  /** Freezes the histogram's edges from the data seen so far; its counts then come from a second pass. */
  freeze() {
    if (this.histogram !== void 0) return;
    const edges = freezeEdges({ type: this.type, sketch: this.sketch, bins: this.#bins, distinct: this.#distinctValues() });
    this.#distinct = void 0;
    this.#distinctInExact = false;
    this.histogram = edges === void 0 ? void 0 : new Histogram(edges);
  }
  // The distinct values for one bin per value, or undefined when there are too many (or none are tracked).
  #distinctValues() {
    if (!this.#distinctInExact) return this.#distinct === void 0 ? void 0 : [...this.#distinct];
    const exact = this.#exact;
    return exact !== void 0 && exact.size <= distinctBins(this.#bins) ? [...exact.keys()] : void 0;
  }
  /** Second pass: counts a value into the frozen histogram only. */
  addToHistogram(x) {
    this.histogram?.add(x);
  }
  /** Folds in another accumulator of the same column (edges already checked equal). */
  merge(other) {
    this.mergeCounts(other);
    if (other.valid > 0) {
      if (this.valid === 0) {
        this.mean = other.mean;
        this.m2 = other.m2;
      } else {
        const n = this.valid + other.valid;
        const delta = other.mean - this.mean;
        this.mean += delta * other.valid / n;
        this.m2 += other.m2 + delta * delta * this.valid * other.valid / n;
      }
    }
    this.valid += other.valid;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.sum += other.sum;
    this.sketch.merge(other.sketch);
    if (this.histogram !== void 0 && other.histogram !== void 0) this.histogram.merge(other.histogram);
    else this.histogram ??= other.histogram;
    this.exactCap = Math.min(this.exactCap, other.exactCap);
    const exact = this.#exact;
    if (exact === void 0 || other.#exact === void 0) this.#exact = void 0;
    else {
      for (const [value, count] of other.#exact) exact.set(value, (exact.get(value) ?? 0) + count);
      if (exact.size > this.exactCap) this.#exact = void 0;
    }
  }
  #valuesJSON() {
    if (this.#exact === void 0) return null;
    const value = [...this.#exact.keys()].sort((a, b) => a - b);
    return { value, count: value.map((key) => this.#exact.get(key)) };
  }
  /** The column as stored in a profile. */
  toJSON() {
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
      histogram: this.histogram === void 0 ? null : this.histogram.toJSON(this.nulls),
      values: this.#valuesJSON()
    };
  }
  /**
   * Rebuilds the accumulator from a profile's column; `exactCap` is the profile's `exact_cap`
   * (0 for an older profile without one: its columns' `values` are then read as absent).
   */
  static fromJSON(json, exactCap) {
    const stats = new _NumericStats({
      type: json.type,
      roles: json.roles,
      sketchK: json.sketch.k,
      seed: json.sketch.seed,
      bins: json.histogram === null ? 1 : json.histogram.counts.length,
      exactCap
    });
    stats.restoreCounts(json);
    stats.valid = json.valid;
    stats.min = json.min ?? Infinity;
    stats.max = json.max ?? -Infinity;
    stats.sum = json.sum;
    stats.mean = json.mean ?? 0;
    stats.m2 = json.m2;
    stats.sketch = KllSketch.fromJSON(json.sketch);
    stats.histogram = json.histogram === null ? void 0 : Histogram.fromJSON(json.histogram);
    stats.#distinct = void 0;
    stats.#distinctInExact = false;
    const values = json.values;
    if (exactCap > 0 && values !== void 0 && values !== null && values.value.length <= exactCap) {
      const exact = new ExactCounts();
      values.value.forEach((value, i) => exact.set(value, (exact.get(value) ?? 0) + values.count[i]));
      stats.#exact = exact;
    } else stats.#exact = void 0;
    return stats;
  }
};
var HIGH_SURROGATE = /[\uD800-\uDBFF]/;
function codePointLength(text) {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 55296 && unit <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
function byCountThenValue(a, b) {
  if (a.count !== b.count) return b.count - a.count;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
var CategoryStats = class _CategoryStats extends ColumnCounts {
  kind = "categorical";
  counts = /* @__PURE__ */ new Map();
  cap;
  otherCount = 0;
  capped = false;
  lengthMin = Infinity;
  lengthMax = -Infinity;
  lengthSum = 0;
  constructor(options) {
    super(options);
    this.cap = options.cap;
  }
  get #measuresLength() {
    return this.type !== "boolean";
  }
  /** Counts one valid value, `times` times (as many calls in a row would: the cap applies at its first arrival). */
  add(value, times = 1) {
    const key = String(value);
    const known = this.counts.get(key);
    if (known !== void 0) this.counts.set(key, known + times);
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
  merge(other) {
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
  #ranked() {
    return [...this.counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
  }
  /** The column as stored in a profile. */
  toJSON() {
    const common = this.countsJSON();
    return {
      kind: "categorical",
      ...common,
      distinct: this.counts.size,
      capped: this.capped,
      counts: this.#ranked(),
      other_count: this.otherCount,
      length: this.#measuresLength && common.valid > 0 ? { min: this.lengthMin, max: this.lengthMax, sum: this.lengthSum, mean: this.lengthSum / common.valid } : null
    };
  }
  /** Rebuilds the accumulator from a profile's column; `cap` is the profile's category cap. */
  static fromJSON(json, cap) {
    const stats = new _CategoryStats({ type: json.type, roles: json.roles, cap });
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
};
function columnStatsFromJSON(json, caps) {
  return json.kind === "numeric" ? NumericStats.fromJSON(json, caps.exactCap) : CategoryStats.fromJSON(json, caps.categoryCap);
}

// src/data/profile/profile-types.ts
var REFERENCE_PROFILE_SCHEMA = "modelship/reference-profile@1";
var PROFILE_DEFAULTS = {
  bins: 10,
  topK: 50,
  /** Distinct values counted exactly per column; beyond it new values go to `other_count` (memory bound). */
  categoryCap: 1e4,
  /** Distinct values a numeric column keeps exact counts of; past it `values` is null (memory bound). */
  exactCap: 1e4,
  sketchK: 200,
  seed: 1
};
function exactCapOf(settings) {
  return settings.exact_cap ?? 0;
}

// src/data/profile/profile-builder.ts
function schemaHash(columns) {
  const pairs = columns.map((column) => [column.name, column.type]).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return createHash("sha256").update(JSON.stringify(pairs)).digest("hex");
}
function agreementColumns(columns) {
  const withRole = (role) => columns.flatMap((column, c) => column.roles.includes(role) ? [c] : []);
  const targets = withRole("target");
  const predictions = withRole("prediction");
  if (targets.length !== 1 || predictions.length !== 1 || targets[0] === predictions[0]) return void 0;
  return { target: targets[0], prediction: predictions[0] };
}
var NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
var NUMERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function isUnrepresentableNumber(raw) {
  if (typeof raw === "number") return !Number.isFinite(raw);
  if (typeof raw !== "string") return false;
  return NON_FINITE.test(raw) || NUMERAL.test(raw) && !Number.isFinite(Number(raw));
}
var ProfileBuilder = class {
  #contract;
  #settings;
  #stats;
  #twoPass;
  // Per contract column: its aliases as a Map, or undefined when it has none (the common case, kept off the hot path).
  #aliases;
  // Target and prediction column indices with their running agreement counts (see `agreementColumns`).
  #agreement;
  // The current batch's coerced target and prediction values (undefined: null or invalid), kept by
  // `add`'s column loop for `#addAgreement`; reused from batch to batch.
  #targetValues = [];
  #predictionValues = [];
  #rows = 0;
  #invalidLines = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#contract = options.contract;
    this.#settings = options.settings;
    this.#twoPass = options.edges === void 0;
    this.#aliases = options.contract.columns.map(aliasMap);
    const pair = agreementColumns(options.contract.columns);
    this.#agreement = pair === void 0 ? void 0 : { ...pair, rows: 0, agree: 0 };
    this.#stats = options.contract.columns.map((column) => {
      if (!isNumericType(column.type))
        return new CategoryStats({ type: column.type, roles: column.roles, cap: options.settings.category_cap });
      const edges = options.edges?.get(column.name);
      return new NumericStats({
        type: column.type,
        roles: column.roles,
        sketchK: options.settings.sketch_k,
        seed: options.settings.seed,
        bins: options.settings.bins,
        edges: edges ?? void 0,
        exactCap: options.settings.exact_cap
      });
    });
  }
  /** Whether histograms need a second pass over the data (edges frozen from this data). */
  get needsSecondPass() {
    return this.#twoPass && this.#stats.some((stats) => stats.kind === "numeric");
  }
  /** Maps a file's columns to the contract's; a required contract column missing from the file is a UserError. */
  bind(source) {
    checkHeaderDelimiter(
      { columns: source.columns, file: source.path, line: source.headerLine },
      {
        file: this.#contract.file,
        names: this.#contract.columns.map((column) => column.name),
        delimiter: this.#contract.dialect.delimiter
      }
    );
    const positions = /* @__PURE__ */ new Map();
    source.columns.forEach((name, index) => {
      if (!positions.has(name)) positions.set(name, index);
    });
    const indices = new Int32Array(this.#contract.columns.length);
    this.#contract.columns.forEach((column, c) => {
      const index = positions.get(column.name);
      if (index === void 0 && column.required) {
        throw new UserError(`required column "${column.name}" is not in the data`, {
          file: source.path,
          hint: `add the column, or mark it "required: false" in ${this.#contract.file} (run \`modelship validate\` for every problem at once)`
        });
      }
      indices[c] = index ?? -1;
    });
    return { path: source.path, indices };
  }
  /** Pass 1 (or the only pass with frozen edges): every statistic of every column. */
  add(batch, binding) {
    this.#rows += batch.length;
    const agreement = this.#agreement;
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      const kept = agreement === void 0 ? void 0 : c === agreement.target ? this.#targetValues : c === agreement.prediction ? this.#predictionValues : void 0;
      if (kept !== void 0) kept.length = batch.length;
      stats.count += batch.length;
      const values = batch.columns[binding.indices[c]];
      if (values === void 0) {
        stats.nulls += batch.length;
        kept?.fill(void 0);
        return;
      }
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) {
          stats.nulls++;
          if (kept !== void 0) kept[r] = void 0;
          continue;
        }
        const value = this.#coerce(applyAlias(raw, this.#aliases[c]), column, stats, { batch, row: r, path: binding.path });
        if (kept !== void 0) kept[r] = value;
        if (value === void 0) continue;
        if (stats.kind === "numeric") stats.add(value);
        else stats.add(value);
      }
    });
    if (agreement !== void 0) this.#addAgreement(agreement, batch.length);
  }
  // Rows where target and prediction both coerced, and of those, where they are equal as text,
  // from the values the column loop in `add` kept (nulls and invalid values are undefined there).
  #addAgreement(agreement, rows) {
    const targets = this.#targetValues;
    const predictions = this.#predictionValues;
    for (let r = 0; r < rows; r++) {
      const t = targets[r];
      const p = predictions[r];
      if (t === void 0 || p === void 0) continue;
      agreement.rows++;
      if (String(t) === String(p)) agreement.agree++;
    }
  }
  /** Freezes histogram edges from pass 1; call once, between the passes. */
  freezeEdges() {
    for (const stats of this.#stats) if (stats.kind === "numeric") stats.freeze();
  }
  /** Pass 2: counts the numeric columns into their frozen histograms. */
  addToHistograms(batch, binding) {
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      const values = batch.columns[binding.indices[c]];
      if (stats.kind !== "numeric" || stats.histogram === void 0 || values === void 0) return;
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) continue;
        const coerced = coerceValue(applyAlias(raw, this.#aliases[c]), column.type, column);
        if (coerced.ok) stats.addToHistogram(coerced.value);
      }
    });
  }
  /**
   * Takes column `c`'s finished accumulator from the fast pass (profile-fast.ts), which profiled it
   * with this builder's settings and edges, in file order.
   */
  adoptColumn(c, json, firstInvalid) {
    this.#stats[c] = columnStatsFromJSON(json, { categoryCap: this.#settings.category_cap, exactCap: this.#settings.exact_cap });
    const name = this.#contract.columns[c].name;
    if (firstInvalid !== void 0 && !this.#invalidLines.has(name)) this.#invalidLines.set(name, firstInvalid);
  }
  /** The fast pass's target/prediction agreement counts. */
  adoptAgreement(counts) {
    if (this.#agreement === void 0) return;
    this.#agreement.rows += counts.rows;
    this.#agreement.agree += counts.agree;
  }
  /** The fast pass's row count. */
  adoptRows(rows) {
    this.#rows += rows;
  }
  /** The error for a file whose bytes differ between the two passes. */
  fileChanged(path) {
    throw new UserError("the data file changed while it was being profiled", {
      file: path,
      hint: "profile a file that nothing else is writing to"
    });
  }
  /** Columns with values that did not coerce: name → count and the first such value with its line. */
  invalidSummary() {
    return this.#contract.columns.flatMap((column, c) => {
      const first = this.#invalidLines.get(column.name);
      return first === void 0 ? [] : [{ column: column.name, invalid: this.#stats[c].invalid, first }];
    });
  }
  /** The profile document (not yet schema-checked; `profileData` does that). */
  finish(header) {
    const columns = {};
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c];
      if (stats.kind === "numeric" && !(Number.isFinite(stats.sum) && Number.isFinite(stats.m2))) {
        throw new UserError(
          `column "${column.name}": its values are too large to sum or square in 64-bit floats (largest magnitude ${Math.max(Math.abs(stats.min), Math.abs(stats.max))})`,
          {
            file: this.#contract.file,
            pointer: column.pointer,
            hint: "rescale the column (e.g. to other units) before profiling"
          }
        );
      }
      columns[column.name] = stats.toJSON();
    });
    const agreement = this.#agreement === void 0 ? void 0 : {
      target: this.#contract.columns[this.#agreement.target].name,
      prediction: this.#contract.columns[this.#agreement.prediction].name,
      rows: this.#agreement.rows,
      agree: this.#agreement.agree
    };
    return {
      schema: REFERENCE_PROFILE_SCHEMA,
      tool: { name: "modelship", version: header.toolVersion },
      created: header.created,
      contract: { path: this.#contract.file, sha256: this.#contract.sha256 },
      schema_hash: schemaHash(this.#contract.columns),
      datasets: header.datasets.map((dataset) => ({ ...dataset })),
      rows: this.#rows,
      settings: { ...this.#settings },
      ...agreement === void 0 ? {} : { agreement },
      columns
    };
  }
  // The typed value, or undefined after counting an invalid one.
  #coerce(value, column, stats, at) {
    const coerced = coerceValue(value, column.type, column);
    if (coerced.ok) return coerced.value;
    const line = at.batch.lines[at.row] ?? 0;
    if (column.type === "number" && isUnrepresentableNumber(value)) {
      const hidden = column.pii !== void 0 || column.redact || detectPii(showValue(value)) !== void 0;
      throw new UserError(
        `column "${column.name}": ${hidden ? "a value" : `"${showValue(value)}"`} ${coerced.reason} (contract ${this.#contract.file}, column ${column.name})`,
        {
          file: at.path,
          line: line > 0 ? line : void 0,
          hint: "a profile needs finite numbers: replace the value, or list its text among the contract's null markers if it means missing"
        }
      );
    }
    stats.invalid++;
    if (!this.#invalidLines.has(column.name)) this.#invalidLines.set(column.name, { path: at.path, line, value: showValue(value) });
    return void 0;
  }
};

// src/data/profile/profile-columns-pass.ts
var INTERN_LIMIT = 65536;
var NullMarkers = class {
  #markers;
  #max;
  set;
  /** Only the empty text is null (the default): a length check is enough. */
  onlyEmpty;
  constructor(markers) {
    this.#markers = markers.map((marker) => Buffer.from(marker));
    this.#max = Math.max(0, ...this.#markers.map((marker) => marker.length));
    this.set = new Set(markers);
    this.onlyEmpty = this.set.size === 1 && this.set.has("");
  }
  /** Whether the field's bytes are a marker (a field with doubled quotes is checked by its text). */
  test(buf, start, end, doubled, ascii, quote) {
    const length = end - start;
    if (this.onlyEmpty) return length === 0;
    if (length > this.#max) return false;
    if (doubled) return this.set.has(spanText(buf, start, end, true, quote, ascii));
    for (const marker of this.#markers) {
      if (marker.length !== length) continue;
      let i = 0;
      while (i < length && marker[i] === buf[start + i]) i++;
      if (i === length) return true;
    }
    return false;
  }
};
var NumericHandler = class {
  stats;
  keepTyped = false;
  typed = [];
  firstInvalid;
  path = "";
  pass = 1;
  #integer;
  #column;
  #nulls;
  #quote;
  // Valid values go through the statistics a batch at a time (tight loops over a typed array).
  #values = new Float64Array(BATCH);
  #count = 0;
  constructor(column, settings, nulls, quote) {
    this.#column = column;
    this.#integer = column.type === "integer";
    this.#nulls = nulls;
    this.#quote = quote;
    this.stats = new NumericStats({
      type: column.type,
      roles: column.roles,
      sketchK: settings.sketch_k,
      seed: settings.seed,
      bins: settings.bins,
      edges: column.edges ?? void 0,
      exactCap: settings.exact_cap
    });
  }
  rows(batch, offset) {
    const { buf, ascii, rows, start, end, doubled } = batch;
    const stats = this.stats;
    const first = this.pass === 1;
    const nulls = this.#nulls;
    const integer = this.#integer;
    const values = this.#values;
    const keep = this.keepTyped;
    let count = this.#count;
    if (first) stats.count += rows;
    if (offset < 0) {
      if (first) stats.nulls += rows;
      if (keep) this.typed.fill(void 0, 0, rows);
      this.flush();
      return;
    }
    for (let r = 0; r < rows; r++) {
      const s = start[offset + r];
      if (keep) this.typed[r] = void 0;
      const e = end[offset + r];
      const quoted = doubled[offset + r] === 1;
      if (nulls.test(buf, s, e, quoted, ascii, this.#quote)) {
        if (first) stats.nulls++;
        continue;
      }
      let value = quoted ? void 0 : parseSimpleNumber(buf, s, e, integer);
      if (value === void 0) {
        const text = spanText(buf, s, e, quoted, this.#quote, ascii);
        const coerced = coerceValue(text, this.#column.type);
        if (!coerced.ok) {
          if (!first) continue;
          if (this.#column.type === "number" && isUnrepresentableNumber(text)) throw new BadCsvInput("unrepresentable number");
          stats.invalid++;
          this.firstInvalid ??= { path: this.path, line: batch.lines[r], value: showValue(text) };
          continue;
        }
        value = coerced.value;
      }
      if (keep) this.typed[r] = value;
      values[count++] = value;
    }
    this.#count = count;
    this.flush();
  }
  /** Set when another thread accumulates this column (pass 1 only). */
  sink;
  #sent = { rows: 0, nulls: 0, invalid: 0 };
  flush() {
    const sink = this.sink;
    if (sink !== void 0) {
      const { count, nulls, invalid } = this.stats;
      const sent = this.#sent;
      if (this.#count === 0 && count === sent.rows) return;
      sink(this.#values.slice(0, this.#count), { rows: count - sent.rows, nulls: nulls - sent.nulls, invalid: invalid - sent.invalid });
      this.#sent = { rows: count, nulls, invalid };
      this.#count = 0;
      return;
    }
    if (this.#count === 0) return;
    if (this.pass === 1) this.stats.addMany(this.#values, this.#count);
    else this.stats.addManyToHistogram(this.#values, this.#count);
    this.#count = 0;
  }
};
var TextHandler = class {
  stats;
  keepTyped = false;
  typed = [];
  firstInvalid;
  path = "";
  #column;
  #aliases;
  #nulls;
  #quote;
  #interner = new ByteInterner();
  #entries = [];
  // Counts of the batch's valid values by id, and the ids in the order they first came in the batch:
  // flushed in that order, so the category cap sees new values in file order.
  #counts = new Int32Array(1024);
  #order = [];
  #scratch = Buffer.alloc(256);
  constructor(column, settings, nulls, quote) {
    this.#column = column;
    this.#aliases = aliasMap(column);
    this.#nulls = nulls;
    this.#quote = quote;
    this.stats = new CategoryStats({ type: column.type, roles: column.roles, cap: settings.category_cap });
  }
  rows(batch, offset) {
    const { ascii, rows, start, end, doubled } = batch;
    const stats = this.stats;
    const interner = this.#interner;
    const keep = this.keepTyped;
    stats.count += rows;
    if (offset < 0) {
      stats.nulls += rows;
      if (keep) this.typed.fill(void 0, 0, rows);
      return;
    }
    for (let r = 0; r < rows; r++) {
      let s = start[offset + r];
      let e = end[offset + r];
      let buf = batch.buf;
      const quoted = doubled[offset + r] === 1;
      if (quoted) {
        const text = spanText(buf, s, e, true, this.#quote, ascii);
        const length = Buffer.byteLength(text);
        if (this.#scratch.length < length) this.#scratch = Buffer.alloc(length * 2);
        this.#scratch.write(text);
        buf = this.#scratch;
        s = 0;
        e = length;
      }
      const id = interner.id(buf, s, e);
      if (interner.isNew) this.#entries[id] = this.#classify(spanText(buf, s, e, false, this.#quote, ascii && !quoted));
      const entry = this.#entries[id];
      if (keep) this.typed[r] = entry.value;
      if (entry.kind === 0) stats.nulls++;
      else if (entry.kind === 1) {
        stats.invalid++;
        this.firstInvalid ??= { path: this.path, line: batch.lines[r], value: showValue(entry.text) };
      } else {
        if (id >= this.#counts.length) {
          const grown = new Int32Array(this.#counts.length * 2);
          grown.set(this.#counts);
          this.#counts = grown;
        }
        const counts = this.#counts;
        if (counts[id] === 0) this.#order.push(id);
        counts[id] = counts[id] + 1;
      }
    }
    this.flush();
  }
  #classify(text) {
    if (this.#nulls.set.has(text)) return { kind: 0, value: void 0, text };
    const coerced = coerceValue(applyAlias(text, this.#aliases), this.#column.type, this.#column);
    return coerced.ok ? { kind: 2, value: coerced.value, text } : { kind: 1, value: void 0, text };
  }
  flush() {
    const counts = this.#counts;
    for (const id of this.#order) {
      const value = this.#entries[id]?.value;
      if (value !== void 0) this.stats.add(value, counts[id]);
      counts[id] = 0;
    }
    this.#order.length = 0;
    if (this.#interner.size > INTERN_LIMIT) {
      this.#interner.clear();
      this.#entries = [];
    }
  }
};
async function runColumnsPass(task, hooks = {}) {
  const nulls = new NullMarkers(task.nullMarkers);
  const handlers = task.columns.map((column, c) => {
    if (column.type !== "integer" && column.type !== "number") return new TextHandler(column, task.settings, nulls, task.quote);
    const handler = new NumericHandler(column, task.settings, nulls, task.quote);
    handler.sink = hooks.sinks?.[c];
    return handler;
  });
  const rows = [];
  const digests = [];
  const agreement = task.agreement === void 0 ? void 0 : { ...task.agreement, rows: 0, agree: 0 };
  try {
    for (const file of task.files) {
      for (const handler of handlers) handler.path = file.path;
      const read = await scanFile(task, file, handlers, agreement, hooks);
      rows.push(read.rows);
      if (read.digest !== void 0) digests.push(read.digest);
    }
    if (task.twoPass) {
      const numeric = handlers.filter((handler) => handler instanceof NumericHandler);
      for (const handler of numeric) {
        handler.stats.freeze();
        handler.pass = 2;
      }
      for (const [f, file] of task.files.entries()) {
        const read = await scanFile(
          task,
          { path: file.path, indices: file.indices.map((index, c) => numeric.includes(handlers[c]) ? index : -2) },
          handlers,
          void 0
        );
        if (read.digest !== void 0 && read.digest.sha256 !== digests[f]?.sha256) return { ok: true, ...finish(), changed: file.path };
      }
    }
  } catch (error) {
    if (error instanceof BadCsvInput) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, ...finish() };
  function finish() {
    return {
      columns: handlers.map((handler) => handler.stats.toJSON()),
      firstInvalid: handlers.map((handler) => handler.firstInvalid),
      rows,
      ...task.hash ? { digests } : {},
      ...agreement === void 0 ? {} : { agreement: { rows: agreement.rows, agree: agreement.agree } }
    };
  }
}
async function scanFile(task, file, handlers, agreement, hooks = {}) {
  const { throttle, forward, forwarded } = hooks;
  const progress = progressSink();
  const hash = task.hash ? createHash2("sha256") : void 0;
  const active = handlers.flatMap((_, c) => file.indices[c] === -2 || forwarded?.[c] === true ? [] : [c]);
  if (agreement !== void 0) {
    handlers[agreement.target].keepTyped = true;
    handlers[agreement.prediction].keepTyped = true;
  }
  let rows = 0;
  const processBatch = (batch) => {
    forward?.(batch, file);
    for (const c of active) {
      const index = file.indices[c];
      handlers[c].rows(batch, index < 0 ? -1 : index * BATCH);
    }
    if (agreement !== void 0) {
      const targets = handlers[agreement.target].typed;
      const predictions = handlers[agreement.prediction].typed;
      for (let r = 0; r < batch.rows; r++) {
        const t = targets[r];
        const v = predictions[r];
        if (t === void 0 || v === void 0) continue;
        agreement.rows++;
        if (String(t) === String(v)) agreement.agree++;
      }
    }
    rows += batch.rows;
    progress?.({ task: `reading ${file.path}`, done: rows, unit: "rows" });
  };
  const read = await scanCsvRows({
    path: file.path,
    dialect: { delimiter: task.delimiter, quote: task.quote, trim: task.trim, maxFieldBytes: task.maxFieldBytes },
    widest: Math.max(0, ...file.indices) + 1,
    chunkBytes: task.chunkBytes,
    ...hash === void 0 ? {} : { hash },
    ...throttle === void 0 ? {} : { throttle },
    each: processBatch
  });
  for (const handler of handlers) handler.flush();
  return { rows: read.rows, ...hash === void 0 ? {} : { digest: { sha256: hash.digest("hex"), bytes: read.bytes } } };
}

export {
  Histogram,
  sameEdges,
  isNumericType,
  columnStatsFromJSON,
  PROFILE_DEFAULTS,
  exactCapOf,
  schemaHash,
  agreementColumns,
  ProfileBuilder,
  NullMarkers,
  NumericHandler,
  runColumnsPass
};
