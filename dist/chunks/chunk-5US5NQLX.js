import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  seedState
} from "./chunk-UO5NOVC6.js";

// src/data/sketch/kll.ts
var DEFAULT_KLL_K = 200;
var CAPACITY_DECAY = 2 / 3;
var KllSketch = class _KllSketch {
  k;
  seed;
  #state;
  #levels = [];
  #lengths = [];
  #n = 0;
  #size = 0;
  #maxSize = 0;
  // Capacity of each level, recomputed when a level is added (the hot path reads it per compaction).
  #capacities = [];
  #min = Infinity;
  #max = -Infinity;
  constructor(options = {}) {
    const k = options.k ?? DEFAULT_KLL_K;
    if (!Number.isInteger(k) || k < 8) throw new Error(`KLL k must be an integer \u2265 8, got ${k}`);
    this.k = k;
    this.seed = options.seed ?? 1;
    this.#state = seedState(this.seed);
    this.#grow();
  }
  /** Number of values summarised. */
  get n() {
    return this.#n;
  }
  /** Exact smallest value seen, or undefined when empty. */
  get min() {
    return this.#n === 0 ? void 0 : this.#min;
  }
  /** Exact largest value seen, or undefined when empty. */
  get max() {
    return this.#n === 0 ? void 0 : this.#max;
  }
  /** Adds one finite number. */
  update(value) {
    this.#push(0, value);
    this.#size++;
    this.#n++;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (this.#size >= this.#maxSize) this.#compress();
  }
  /** Adds `values[0, count)` in order: the same sketch as `update` on each, with less work per value. */
  updateMany(values, count) {
    let min = this.#min;
    let max = this.#max;
    for (let i2 = 0; i2 < count; i2++) {
      const value = values[i2];
      if (value < min) min = value;
      if (value > max) max = value;
    }
    let i = 0;
    while (i < count) {
      const take = Math.min(count - i, Math.max(1, this.#maxSize - this.#size));
      let level = this.#levels[0];
      const length = this.#lengths[0];
      if (length + take > level.length) {
        const grown = new Float64Array(Math.max(level.length * 2, length + take));
        grown.set(level.subarray(0, length));
        this.#levels[0] = level = grown;
      }
      for (let j = 0; j < take; j++) level[length + j] = values[i + j];
      this.#lengths[0] = length + take;
      i += take;
      this.#size += take;
      if (this.#size >= this.#maxSize) this.#compress();
    }
    this.#n += count;
    this.#min = min;
    this.#max = max;
  }
  /** Folds `other` into this sketch; both must have the same k. `other` is left unchanged. */
  merge(other) {
    if (other.k !== this.k) throw new Error(`cannot merge KLL sketches with different k (${this.k} and ${other.k})`);
    while (this.#levels.length < other.#levels.length) this.#grow();
    for (let h = 0; h < other.#levels.length; h++) {
      const level = other.#levels[h];
      const length = other.#lengths[h];
      for (let i = 0; i < length; i++) this.#push(h, level[i]);
    }
    this.#n += other.#n;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    this.#size = this.#countItems();
    while (this.#size >= this.#maxSize) this.#compress();
  }
  /** Estimated share of values ≤ x (the empirical CDF at x); NaN when empty. */
  rank(x) {
    if (this.#n === 0) return Number.NaN;
    let weight = 0;
    for (let h = 0; h < this.#levels.length; h++) {
      const level = this.#levels[h];
      const length = this.#lengths[h];
      let below = 0;
      for (let i = 0; i < length; i++) if (level[i] <= x) below++;
      weight += below * 2 ** h;
    }
    return weight / this.#n;
  }
  /** Estimated q-quantile: the smallest retained value whose estimated rank reaches q. q=0 is the min, q=1 the max. */
  quantile(q) {
    return this.quantiles([q])[0];
  }
  /** Several quantiles from one sorted view; NaN each when empty. */
  quantiles(qs) {
    if (this.#n === 0) return qs.map(() => Number.NaN);
    const { items, cumulative } = this.#sortedView();
    return qs.map((q) => {
      if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be in [0, 1], got ${q}`);
      if (q === 0) return this.#min;
      if (q === 1) return this.#max;
      const target = q * this.#n;
      let lo = 0;
      let hi = items.length - 1;
      while (lo < hi) {
        const mid = lo + hi >>> 1;
        if (cumulative[mid] >= target) hi = mid;
        else lo = mid + 1;
      }
      return items[lo];
    });
  }
  /** The sketch as plain JSON (levels copied). */
  toJSON() {
    return {
      k: this.k,
      n: this.#n,
      min: this.#n === 0 ? null : this.#min,
      max: this.#n === 0 ? null : this.#max,
      seed: this.seed,
      state: this.#state,
      levels: this.#levels.map((level, h) => Array.from(level.subarray(0, this.#lengths[h])))
    };
  }
  /** Rebuilds a sketch from its JSON; throws when the levels' total weight is not n (a corrupt sketch). */
  static fromJSON(json) {
    const sketch = new _KllSketch({ k: json.k, seed: json.seed });
    sketch.#state = json.state >>> 0;
    while (sketch.#levels.length < json.levels.length) sketch.#grow();
    let weight = 0;
    json.levels.forEach((level, h) => {
      for (const item of level) sketch.#push(h, item);
      weight += level.length * 2 ** h;
    });
    if (weight !== json.n) throw new Error(`KLL sketch is inconsistent: its items weigh ${weight} but n is ${json.n}`);
    sketch.#n = json.n;
    sketch.#min = json.min ?? Infinity;
    sketch.#max = json.max ?? -Infinity;
    sketch.#size = sketch.#countItems();
    while (sketch.#size >= sketch.#maxSize) sketch.#compress();
    return sketch;
  }
  #capacity(h) {
    const depth = this.#levels.length - h - 1;
    return Math.ceil(CAPACITY_DECAY ** depth * this.k) + 1;
  }
  #grow() {
    this.#levels.push(new Float64Array(8));
    this.#lengths.push(0);
    let total = 0;
    this.#capacities = [];
    for (let h = 0; h < this.#levels.length; h++) {
      const capacity = this.#capacity(h);
      this.#capacities.push(capacity);
      total += capacity;
    }
    this.#maxSize = total;
  }
  /** Appends an item to level h, growing its storage when full. */
  #push(h, value) {
    let level = this.#levels[h];
    const length = this.#lengths[h];
    if (length === level.length) {
      const grown = new Float64Array(level.length * 2);
      grown.set(level);
      this.#levels[h] = level = grown;
    }
    level[length] = value;
    this.#lengths[h] = length + 1;
  }
  #countItems() {
    let size = 0;
    for (const length of this.#lengths) size += length;
    return size;
  }
  // Compacts the lowest level that is over capacity (there is one whenever size ≥ maxSize).
  #compress() {
    const lengths = this.#lengths;
    for (let h = 0; h < this.#levels.length; h++) {
      const n = lengths[h];
      if (n < this.#capacities[h]) continue;
      if (h + 1 >= this.#levels.length) this.#grow();
      const level = this.#levels[h];
      if (n === 2) {
        if (before(level[1], level[0])) {
          const swap = level[0];
          level[0] = level[1];
          level[1] = swap;
        }
      } else if (n <= 32) insertionSort(level, n);
      else level.subarray(0, n).sort();
      const start = n % 2;
      const offset = this.#coin() < 0.5 ? 0 : 1;
      const moved = n - start - offset + 1 >> 1;
      let above = this.#levels[h + 1];
      let at = lengths[h + 1];
      if (at + moved > above.length) {
        const grown = new Float64Array(Math.max(above.length * 2, at + moved));
        grown.set(above.subarray(0, at));
        this.#levels[h + 1] = above = grown;
      }
      for (let i = start + offset; i < n; i += 2) above[at++] = level[i];
      lengths[h + 1] = at;
      lengths[h] = start;
      this.#size -= moved;
      return;
    }
  }
  /** The next compaction coin: `nextRandom` of the state, without allocating its result (this runs per compaction). */
  #coin() {
    const next = this.#state + 1831565813 >>> 0;
    this.#state = next;
    let t = next;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  #sortedView() {
    const entries = [];
    for (let h = 0; h < this.#levels.length; h++) {
      const level = this.#levels[h];
      const length = this.#lengths[h];
      for (let i = 0; i < length; i++) entries.push({ item: level[i], weight: 2 ** h });
    }
    entries.sort((a, b) => a.item - b.item);
    const items = new Float64Array(entries.length);
    const cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((entry, i) => {
      sum += entry.weight;
      items[i] = entry.item;
      cumulative[i] = sum;
    });
    return { items, cumulative };
  }
};
function insertionSort(items, n) {
  for (let i = 1; i < n; i++) {
    const x = items[i];
    let j = i - 1;
    while (j >= 0 && before(x, items[j])) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = x;
  }
}
function before(a, b) {
  return a < b || a === 0 && b === 0 && 1 / a < 1 / b;
}

export {
  KllSketch
};
