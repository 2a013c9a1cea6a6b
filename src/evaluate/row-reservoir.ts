/**
 * A seeded reservoir sample of rows, taken while the evaluation streams the test data (Vitter's
 * algorithm R): after any number of rows it holds a uniform sample of `capacity` of them (all of them
 * while there are fewer), in constant memory, so permutation importance needs no second pass over
 * the data. It keeps the raw values of the columns the model reads, as the model was given them.
 */
import { mulberry32, streamSeed } from "../common/seeded-random.ts";
import type { RawValue } from "../data/readers/table.ts";

/** The stream of the user's seed the reservoir draws from (apart from the bootstrap's and the permutations'). */
export const RESERVOIR_STREAM = 0x5e1ec7;

/** Rows of the test data kept for permutation importance, in the order they were read. */
export interface RowSample {
  /** Each kept row's index among the evaluated (labelled) rows, ascending. */
  rows: Int32Array;
  /** The kept rows' values per column, aligned with `rows`. */
  columns: Map<string, RawValue[]>;
  /** Rows offered in all (the sample's population). */
  seen: number;
}

/** Algorithm R over the rows offered, one uniform draw per row past the first `capacity`. */
export class RowReservoir {
  readonly #capacity: number;
  readonly #random: () => number;
  readonly #rows: Int32Array;
  readonly #columns: Map<string, RawValue[]>;
  #seen = 0;

  constructor(options: { capacity: number; seed: number; columns: readonly string[] }) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError(`capacity must be ≥ 1, got ${options.capacity}`);
    this.#capacity = options.capacity;
    this.#random = mulberry32(streamSeed(options.seed, RESERVOIR_STREAM));
    this.#rows = new Int32Array(options.capacity);
    this.#columns = new Map(options.columns.map((name) => [name, []]));
  }

  /** Offers row `r` of a batch (`columns` holds the batch's values) as evaluated row number `index`. */
  offer(index: number, columns: ReadonlyMap<string, readonly RawValue[]>, r: number): void {
    const seen = this.#seen++;
    let slot = seen;
    if (seen >= this.#capacity) {
      slot = Math.floor(this.#random() * (seen + 1));
      if (slot >= this.#capacity) return;
    }
    this.#rows[slot] = index;
    for (const [name, values] of this.#columns) values[slot] = columns.get(name)![r]!;
  }

  /** The sample, its rows in reading order. */
  sample(): RowSample {
    const size = Math.min(this.#seen, this.#capacity);
    const order = Array.from({ length: size }, (_, slot) => slot).sort((a, b) => this.#rows[a]! - this.#rows[b]!);
    return {
      rows: Int32Array.from(order, (slot) => this.#rows[slot]!),
      columns: new Map([...this.#columns].map(([name, values]) => [name, order.map((slot) => values[slot]!)])),
      seen: this.#seen,
    };
  }
}
