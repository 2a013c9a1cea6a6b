/**
 * Exact counts per distinct number, for a numeric column's `values` (profile-column.ts): what a
 * `Map<number, number>` gives (same keys in the same first-seen order, -0 and 0 one key, kept as
 * +0), in typed arrays with open addressing, because the profiling pass counts every valid value
 * of every column with few distinct values here (a Map's get and set per value cost more than the
 * rest of the column's statistics).
 */

// Scratch for reading a double's bits (one per thread: modules are per thread).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function hashOf(x: number): number {
  let h: number;
  // Whole numbers in int32 range (and -0, which is 0 here) hash from their value, the rest from their bits.
  if ((x | 0) === x) h = Math.imul(x | 0, 0x9e3779b1);
  else {
    bits[0] = x;
    h = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x85ebca6b), 0x9e3779b1);
  }
  return h ^ (h >>> 15);
}

export class ExactCounts {
  /** Distinct values counted. */
  size = 0;
  #keys = new Float64Array(16);
  #counts = new Float64Array(16);
  #table = new Int32Array(32).fill(-1);
  #mask = 31;

  /** The count of `x`, or undefined when it was never counted. */
  get(x: number): number | undefined {
    const id = this.#find(x);
    return id < 0 ? undefined : this.#counts[id];
  }

  /** Sets the count of `x` (a new value goes last in the order). */
  set(x: number, count: number): this {
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
  addMany(values: Float64Array, count: number, cap: number): boolean {
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      const keys = this.#keys;
      const table = this.#table;
      const mask = this.#mask;
      let slot = hashOf(x) & mask;
      for (;;) {
        const id = table[slot]!;
        if (id < 0) {
          if (this.size >= cap) return false;
          this.#insertAt(slot, x, 1);
          break;
        }
        if (keys[id] === x) {
          this.#counts[id]!++;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return true;
  }

  /** The values in first-seen order. */
  *keys(): IterableIterator<number> {
    for (let id = 0; id < this.size; id++) yield this.#keys[id]!;
  }

  /** [value, count] pairs in first-seen order. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let id = 0; id < this.size; id++) yield [this.#keys[id]!, this.#counts[id]!];
  }

  #find(x: number): number {
    const table = this.#table;
    const mask = this.#mask;
    let slot = hashOf(x) & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0 || this.#keys[id] === x) return id;
      slot = (slot + 1) & mask;
    }
  }

  #insert(x: number, count: number): void {
    const mask = this.#mask;
    let slot = hashOf(x) & mask;
    while (this.#table[slot]! >= 0) slot = (slot + 1) & mask;
    this.#insertAt(slot, x, count);
  }

  #insertAt(slot: number, x: number, count: number): void {
    const id = this.size++;
    if (id === this.#keys.length) {
      const keys = new Float64Array(id * 2);
      keys.set(this.#keys);
      this.#keys = keys;
      const counts = new Float64Array(id * 2);
      counts.set(this.#counts);
      this.#counts = counts;
    }
    // -0 is kept as +0, as a Map keeps it.
    this.#keys[id] = x === 0 ? 0 : x;
    this.#counts[id] = count;
    this.#table[slot] = id;
    if (this.size * 2 > this.#table.length) this.#rehash();
  }

  #rehash(): void {
    const table = new Int32Array(this.#table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = hashOf(this.#keys[id]!) & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.#table = table;
    this.#mask = mask;
  }
}
