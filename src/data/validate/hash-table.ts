/**
 * 64-bit hashing of cells and rows, and a compact open-addressing table keyed by those hashes.
 * Duplicate rows, unique columns and train/test overlap need one entry per distinct row or value;
 * storing 64-bit hashes in typed arrays costs 12 bytes a slot instead of the ~100 a JavaScript Set
 * of strings takes, so a million rows fit in about 24 MB. Two different rows share a hash with
 * probability about n²/2⁶⁵ (3e-6 for ten million rows), which the report's accuracy allows.
 */

const SEED_HIGH = 0x9e3779b9;
const SEED_LOW = 0x85ebca6b;
const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

/** Distinct texts whose hashes a cache keeps; later ones are hashed each time. */
const TEXT_CACHE_SIZE = 4096;

/** Hashes of recently seen texts of one column (see `Hash64.cachedText`). */
export class TextHashCache {
  readonly slots = new Map<string, number>();
  readonly words = new Uint32Array(TEXT_CACHE_SIZE * 2);
  readonly hasher: Hash64 = new Hash64();
}

/** A running 64-bit hash kept as two 32-bit halves (each a multiply-xorshift lane). */
export class Hash64 {
  high = SEED_HIGH;
  low = SEED_LOW;

  /** Starts again from the seed. */
  reset(): void {
    this.high = SEED_HIGH;
    this.low = SEED_LOW;
  }

  /** Mixes one 32-bit word into both lanes. */
  word(value: number): void {
    this.high = Math.imul(this.high ^ value, 0x01000193) ^ (this.high >>> 15);
    this.low = Math.imul(this.low ^ value, 0x5bd1e995) ^ (this.low >>> 13);
  }

  /** Mixes a string (its UTF-16 code units and length). */
  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.word(value.charCodeAt(i));
    this.word(value.length | 0x40000000);
  }

  /**
   * Mixes a string through a cache of its own 64-bit hash: columns repeat a few texts (categories)
   * millions of times, and a Map lookup is cheaper than hashing each character again.
   */
  cachedText(value: string, cache: TextHashCache): void {
    let slot = cache.slots.get(value);
    if (slot === undefined) {
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
    this.word(cache.words[slot * 2]!);
    this.word(cache.words[slot * 2 + 1]!);
  }

  /** Mixes a number by its bits, so 1, 1.0 and 1e0 hash alike. */
  number(value: number): void {
    float[0] = value === 0 ? 0 : value; // -0 and 0 are the same value
    this.word(floatWords[0]!);
    this.word(floatWords[1]!);
    this.word(0x20000000);
  }

  /** Mixes a missing value. */
  missing(): void {
    this.word(0x7fffffff);
  }

  /** Final avalanche of the high lane. */
  get h1(): number {
    return finalize(this.high);
  }

  /** Final avalanche of the low lane; never 0, so an all-zero slot can mean "empty". */
  get h2(): number {
    return (finalize(this.low ^ 0x27d4eb2f) | 1) >>> 0;
  }
}

function finalize(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A map from 64-bit hashes to one 32-bit integer each (a line number, a label id), growing by doubling. */
export class HashTable64 {
  #high: Uint32Array;
  #low: Uint32Array;
  #values: Int32Array;
  #size = 0;
  readonly #maxSize: number;
  #full = false;

  /** `maxSize` caps the keys kept (and so the memory: 24 bytes a key); keys past it are not stored and `full` turns true. */
  constructor(options: { initialCapacity?: number; maxSize?: number } = {}) {
    this.#maxSize = options.maxSize ?? Infinity;
    let capacity = 16;
    while (capacity < (options.initialCapacity ?? 1024) * 2) capacity *= 2;
    this.#high = new Uint32Array(capacity);
    this.#low = new Uint32Array(capacity);
    this.#values = new Int32Array(capacity);
  }

  /** Number of keys. */
  get size(): number {
    return this.#size;
  }

  /** True once a new key was turned away by `maxSize`: lookups are then exact only for the keys kept. */
  get full(): boolean {
    return this.#full;
  }

  /** The value stored for the key, or undefined. */
  get(h1: number, h2: number): number | undefined {
    const slot = this.#find(h1, h2);
    return this.#low[slot] === 0 ? undefined : this.#values[slot];
  }

  /** Stores `value` unless the key is there; returns the value stored before, or undefined when the key is new. */
  setIfAbsent(h1: number, h2: number, value: number): number | undefined {
    const slot = this.#find(h1, h2);
    if (this.#low[slot] !== 0) return this.#values[slot];
    if (this.#size >= this.#maxSize) {
      this.#full = true;
      return undefined;
    }
    this.#high[slot] = h1;
    this.#low[slot] = h2;
    this.#values[slot] = value;
    this.#size++;
    if (this.#size * 2 > this.#low.length) this.#grow();
    return undefined;
  }

  /** Every key and its value, in slot order. */
  forEach(each: (h1: number, h2: number, value: number) => void): void {
    for (let slot = 0; slot < this.#low.length; slot++)
      if (this.#low[slot] !== 0) each(this.#high[slot]!, this.#low[slot]!, this.#values[slot]!);
  }

  /** Overwrites the value of an existing key (or adds it). */
  set(h1: number, h2: number, value: number): void {
    const slot = this.#find(h1, h2);
    if (this.#low[slot] === 0) {
      this.setIfAbsent(h1, h2, value);
      return;
    }
    this.#values[slot] = value;
  }

  // The key's slot, or the empty slot where it would go (linear probing).
  #find(h1: number, h2: number): number {
    const mask = this.#low.length - 1;
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    while (this.#low[slot] !== 0 && (this.#low[slot] !== h2 || this.#high[slot] !== h1)) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const high = this.#high;
    const low = this.#low;
    const values = this.#values;
    this.#high = new Uint32Array(low.length * 2);
    this.#low = new Uint32Array(low.length * 2);
    this.#values = new Int32Array(low.length * 2);
    for (let i = 0; i < low.length; i++) {
      if (low[i] === 0) continue;
      const slot = this.#find(high[i]!, low[i]!);
      this.#high[slot] = high[i]!;
      this.#low[slot] = low[i]!;
      this.#values[slot] = values[i]!;
    }
  }
}
