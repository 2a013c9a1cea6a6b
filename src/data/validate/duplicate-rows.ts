/**
 * Counts repeated rows while a contract is drafted, so its `max_duplicate_share` lets the data it
 * came from pass. Validation compares rows by their typed values, and the types are only known once
 * every row is read; so cells are hashed by a fixed normalisation that merges at least whatever the
 * final types would merge ("1" and "1.0" as the number 1, dates by instant, "TRUE" and "true"). The
 * count can only come out too high, which loosens the limit, never too low.
 *
 * Exact for files of up to `EXACT_ROW_LIMIT` distinct rows (one 64-bit hash each, `RepeatCounter`); above that a
 * HyperLogLog estimate keeps memory fixed, and the limit gets extra headroom for its error.
 */
import { coerceValue } from "../contract/coerce.ts";
import { DISTINCT_ESTIMATE_ERROR } from "./distinct-estimate.ts";
import { Hash64 } from "./hash-table.ts";
import { RepeatCounter } from "./repeat-counter.ts";
import { roundShareUp } from "./share-bound.ts";
import type { RawValue, RecordBatch } from "../readers/table.ts";

/** Files with up to this many distinct rows are checked for duplicates exactly. */
export const EXACT_ROW_LIMIT = 100_000;

/** Headroom added to an estimated share: three standard errors of the distinct estimate. */
const ESTIMATE_HEADROOM = 3 * DISTINCT_ESTIMATE_ERROR;

const DATE_START = /^\d{4}-\d{2}-\d{2}/;

/** Mixes one cell into `hash` by the normalisation above (a null as "missing"). */
export function hashCell(hash: Hash64, raw: RawValue): void {
  if (raw === null) hash.missing();
  else if (typeof raw === "number") hash.number(raw);
  else if (typeof raw === "bigint") hash.number(Number(raw));
  else if (typeof raw === "boolean") hash.word(raw ? 1 : 2);
  else if (raw instanceof Date) hash.number(raw.getTime());
  else {
    const number = coerceValue(raw, "number");
    if (number.ok && typeof number.value === "number") hash.number(number.value);
    else hashText(hash, raw);
  }
}

function hashText(hash: Hash64, raw: string): void {
  if (raw.length <= 5 && (raw.toLowerCase() === "true" || raw.toLowerCase() === "false")) hash.word(raw.toLowerCase() === "true" ? 1 : 2);
  else if (DATE_START.test(raw)) {
    const date = coerceValue(raw, raw.length === 10 ? "date" : "datetime");
    if (date.ok && typeof date.value === "number") hash.number(date.value);
    else hash.text(raw);
  } else hash.text(raw);
}

/** The duplicate share of one file: exact, or estimated (with its standard error). */
export interface DuplicateShare {
  path: string;
  rows: number;
  share: number;
  exact: boolean;
}

/** Counts repeated rows file by file (validation checks each file on its own). */
export class DuplicateRowCounter {
  readonly #hash = new Hash64();
  readonly #files: DuplicateShare[] = [];
  #path = "";
  #counter: RepeatCounter | undefined;

  /** Starts counting a new file. */
  startFile(path: string): void {
    this.#path = path;
    this.#counter = new RepeatCounter(EXACT_ROW_LIMIT);
  }

  /** Hashes every row of a batch (all columns, in file order). */
  add(batch: RecordBatch): void {
    const hash = this.#hash;
    const counter = this.#counter!;
    for (let r = 0; r < batch.length; r++) {
      hash.reset();
      for (const column of batch.columns) hashCell(hash, column[r] ?? null);
      counter.add(hash.h1, hash.h2, batch.lines[r] ?? 0);
    }
  }

  /** Ends the file and records its share. */
  endFile(): DuplicateShare {
    const counter = this.#counter!;
    const rows = counter.seen;
    const file = { path: this.#path, rows, share: rows === 0 ? 0 : Math.min(1, counter.repeats / rows), exact: counter.exact };
    this.#files.push(file);
    this.#counter = undefined;
    return file;
  }

  /** Each finished file's share. */
  get files(): readonly DuplicateShare[] {
    return this.#files;
  }

  /** A `max_duplicate_share` every finished file meets: the round-up rule, on estimates plus three standard errors. */
  limit(): number {
    return Math.max(0, ...this.#files.map((file) => roundShareUp(file.exact ? file.share : file.share + ESTIMATE_HEADROOM)));
  }
}
