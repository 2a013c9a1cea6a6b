/**
 * A HyperLogLog distinct counter (Flajolet et al. 2007) over the 64-bit hashes of hash-table.ts:
 * 16 KiB whatever the number of values, with a standard error of about 0.8%. Used where an exact
 * count would need one entry per distinct value.
 */

const INDEX_BITS = 14;
const REGISTERS = 1 << INDEX_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** Standard error of the estimate, relative to the count (1.04 / √registers). */
export const DISTINCT_ESTIMATE_ERROR = 1.04 / Math.sqrt(REGISTERS);

/** Estimates how many distinct hashes it was given. */
export class DistinctEstimate {
  readonly #registers = new Uint8Array(REGISTERS);

  /** Adds one value by its hash halves (`Hash64.h1`, `Hash64.h2`; h2 is never 0). */
  add(h1: number, h2: number): void {
    const index = h1 & (REGISTERS - 1);
    // The rank is one more than the leading zeros of h2, whose high bits are uniform and independent of h1.
    const rank = Math.clz32(h2) + 1;
    if (rank > this.#registers[index]!) this.#registers[index] = rank;
  }

  /** The estimated number of distinct values. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (const register of this.#registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small counts: linear counting over the empty registers is far more accurate.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return REGISTERS * Math.log(REGISTERS / zeros);
    return raw;
  }
}
