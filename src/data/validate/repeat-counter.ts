/**
 * Counts rows (or values) that repeat an earlier one, in bounded memory: exactly while at most
 * `MAX_EXACT_DISTINCT` distinct ones were seen (a 64-bit hash each, 24 MB in all), then estimated
 * as seen − distinct with a HyperLogLog count of the distinct ones (0.8% standard error). Repeats of
 * the rows kept are still found exactly, with their lines, so the examples stay real.
 */
import { DISTINCT_ESTIMATE_ERROR, DistinctEstimate } from "./distinct-estimate.ts";
import { HashTable64 } from "./hash-table.ts";

/** Distinct rows or values counted exactly before the count becomes an estimate. */
export const MAX_EXACT_DISTINCT = 1_000_000;

/** Repeat counting for one file or column. */
export class RepeatCounter {
  /** Hash → first line, for the first `MAX_EXACT_DISTINCT` distinct keys. */
  readonly table: HashTable64;
  readonly #distinct = new DistinctEstimate();
  #seen = 0;
  #found = 0;

  constructor(maxExact = MAX_EXACT_DISTINCT) {
    this.table = new HashTable64({ maxSize: maxExact });
  }

  /** Adds one key; returns the line of its first occurrence when it is a repeat that was found exactly. */
  add(h1: number, h2: number, line: number): number | undefined {
    this.#seen++;
    this.#distinct.add(h1, h2);
    const earlier = this.table.setIfAbsent(h1, h2, line);
    if (earlier !== undefined) this.#found++;
    return earlier;
  }

  /** Keys added. */
  get seen(): number {
    return this.#seen;
  }

  /** True while every key fit in the table: `repeats` is then exact. */
  get exact(): boolean {
    return !this.table.full;
  }

  /** Repeats counted exactly, or estimated (never fewer than were found). */
  get repeats(): number {
    if (this.exact) return this.#found;
    return Math.max(this.#found, Math.round(this.#seen - this.#distinct.estimate()));
  }

  /** For an estimate: one standard error, in rows. */
  get standardError(): number {
    return this.exact ? 0 : Math.round(this.#distinct.estimate() * DISTINCT_ESTIMATE_ERROR);
  }
}
