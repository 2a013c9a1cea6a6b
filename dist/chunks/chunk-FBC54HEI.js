import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/data/validate/hash-table.ts
var SEED_HIGH = 2654435769;
var SEED_LOW = 2246822507;
var float = new Float64Array(1);
var floatWords = new Uint32Array(float.buffer);
var TEXT_CACHE_SIZE = 4096;
var TextHashCache = class {
  slots = /* @__PURE__ */ new Map();
  words = new Uint32Array(TEXT_CACHE_SIZE * 2);
  hasher = new Hash64();
};
var Hash64 = class {
  high = SEED_HIGH;
  low = SEED_LOW;
  /** Starts again from the seed. */
  reset() {
    this.high = SEED_HIGH;
    this.low = SEED_LOW;
  }
  /** Mixes one 32-bit word into both lanes. */
  word(value) {
    this.high = Math.imul(this.high ^ value, 16777619) ^ this.high >>> 15;
    this.low = Math.imul(this.low ^ value, 1540483477) ^ this.low >>> 13;
  }
  /** Mixes a string (its UTF-16 code units and length). */
  text(value) {
    for (let i = 0; i < value.length; i++) this.word(value.charCodeAt(i));
    this.word(value.length | 1073741824);
  }
  /**
   * Mixes a string through a cache of its own 64-bit hash: columns repeat a few texts (categories)
   * millions of times, and a Map lookup is cheaper than hashing each character again.
   */
  cachedText(value, cache) {
    let slot = cache.slots.get(value);
    if (slot === void 0) {
      const inner = cache.hasher;
      inner.reset();
      inner.text(value);
      if (cache.slots.size >= TEXT_CACHE_SIZE) {
        this.word(inner.h1);
        this.word(inner.h2);
        return;
      }
      slot = cache.slots.size;
      cache.slots.set(value, slot);
      cache.words[slot * 2] = inner.h1;
      cache.words[slot * 2 + 1] = inner.h2;
    }
    this.word(cache.words[slot * 2]);
    this.word(cache.words[slot * 2 + 1]);
  }
  /** Mixes a number by its bits, so 1, 1.0 and 1e0 hash alike. */
  number(value) {
    float[0] = value === 0 ? 0 : value;
    this.word(floatWords[0]);
    this.word(floatWords[1]);
    this.word(536870912);
  }
  /** Mixes a missing value. */
  missing() {
    this.word(2147483647);
  }
  /** Final avalanche of the high lane. */
  get h1() {
    return finalize(this.high);
  }
  /** Final avalanche of the low lane; never 0, so an all-zero slot can mean "empty". */
  get h2() {
    return (finalize(this.low ^ 668265263) | 1) >>> 0;
  }
};
function finalize(value) {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
var HashTable64 = class {
  #high;
  #low;
  #values;
  #size = 0;
  #maxSize;
  #full = false;
  /** `maxSize` caps the keys kept (and so the memory: 24 bytes a key); keys past it are not stored and `full` turns true. */
  constructor(options = {}) {
    this.#maxSize = options.maxSize ?? Infinity;
    let capacity = 16;
    while (capacity < (options.initialCapacity ?? 1024) * 2) capacity *= 2;
    this.#high = new Uint32Array(capacity);
    this.#low = new Uint32Array(capacity);
    this.#values = new Int32Array(capacity);
  }
  /** Number of keys. */
  get size() {
    return this.#size;
  }
  /** True once a new key was turned away by `maxSize`: lookups are then exact only for the keys kept. */
  get full() {
    return this.#full;
  }
  /** The value stored for the key, or undefined. */
  get(h1, h2) {
    const slot = this.#find(h1, h2);
    return this.#low[slot] === 0 ? void 0 : this.#values[slot];
  }
  /** Stores `value` unless the key is there; returns the value stored before, or undefined when the key is new. */
  setIfAbsent(h1, h2, value) {
    const slot = this.#find(h1, h2);
    if (this.#low[slot] !== 0) return this.#values[slot];
    if (this.#size >= this.#maxSize) {
      this.#full = true;
      return void 0;
    }
    this.#high[slot] = h1;
    this.#low[slot] = h2;
    this.#values[slot] = value;
    this.#size++;
    if (this.#size * 2 > this.#low.length) this.#grow();
    return void 0;
  }
  /** Every key and its value, in slot order. */
  forEach(each) {
    for (let slot = 0; slot < this.#low.length; slot++)
      if (this.#low[slot] !== 0) each(this.#high[slot], this.#low[slot], this.#values[slot]);
  }
  /** Overwrites the value of an existing key (or adds it). */
  set(h1, h2, value) {
    const slot = this.#find(h1, h2);
    if (this.#low[slot] === 0) {
      this.setIfAbsent(h1, h2, value);
      return;
    }
    this.#values[slot] = value;
  }
  // The key's slot, or the empty slot where it would go (linear probing).
  #find(h1, h2) {
    const mask = this.#low.length - 1;
    let slot = (h1 ^ Math.imul(h2, 2654435761)) & mask;
    while (this.#low[slot] !== 0 && (this.#low[slot] !== h2 || this.#high[slot] !== h1)) slot = slot + 1 & mask;
    return slot;
  }
  #grow() {
    const high = this.#high;
    const low = this.#low;
    const values = this.#values;
    this.#high = new Uint32Array(low.length * 2);
    this.#low = new Uint32Array(low.length * 2);
    this.#values = new Int32Array(low.length * 2);
    for (let i = 0; i < low.length; i++) {
      if (low[i] === 0) continue;
      const slot = this.#find(high[i], low[i]);
      this.#high[slot] = high[i];
      this.#low[slot] = low[i];
      this.#values[slot] = values[i];
    }
  }
};

// src/data/validate/distinct-estimate.ts
var INDEX_BITS = 14;
var REGISTERS = 1 << INDEX_BITS;
var ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
var DISTINCT_ESTIMATE_ERROR = 1.04 / Math.sqrt(REGISTERS);
var DistinctEstimate = class {
  #registers = new Uint8Array(REGISTERS);
  /** Adds one value by its hash halves (`Hash64.h1`, `Hash64.h2`; h2 is never 0). */
  add(h1, h2) {
    const index = h1 & REGISTERS - 1;
    const rank = Math.clz32(h2) + 1;
    if (rank > this.#registers[index]) this.#registers[index] = rank;
  }
  /** The estimated number of distinct values. */
  estimate() {
    let sum = 0;
    let zeros = 0;
    for (const register of this.#registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = ALPHA * REGISTERS * REGISTERS / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) return REGISTERS * Math.log(REGISTERS / zeros);
    return raw;
  }
};

// src/data/validate/repeat-counter.ts
var MAX_EXACT_DISTINCT = 1e6;
var RepeatCounter = class {
  /** Hash → first line, for the first `MAX_EXACT_DISTINCT` distinct keys. */
  table;
  #distinct = new DistinctEstimate();
  #seen = 0;
  #found = 0;
  constructor(maxExact = MAX_EXACT_DISTINCT) {
    this.table = new HashTable64({ maxSize: maxExact });
  }
  /** Adds one key; returns the line of its first occurrence when it is a repeat that was found exactly. */
  add(h1, h2, line) {
    this.#seen++;
    this.#distinct.add(h1, h2);
    const earlier = this.table.setIfAbsent(h1, h2, line);
    if (earlier !== void 0) this.#found++;
    return earlier;
  }
  /** Keys added. */
  get seen() {
    return this.#seen;
  }
  /** True while every key fit in the table: `repeats` is then exact. */
  get exact() {
    return !this.table.full;
  }
  /** Repeats counted exactly, or estimated (never fewer than were found). */
  get repeats() {
    if (this.exact) return this.#found;
    return Math.max(this.#found, Math.round(this.#seen - this.#distinct.estimate()));
  }
  /** For an estimate: one standard error, in rows. */
  get standardError() {
    return this.exact ? 0 : Math.round(this.#distinct.estimate() * DISTINCT_ESTIMATE_ERROR);
  }
};

export {
  TextHashCache,
  Hash64,
  HashTable64,
  DISTINCT_ESTIMATE_ERROR,
  MAX_EXACT_DISTINCT,
  RepeatCounter
};
