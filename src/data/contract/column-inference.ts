/**
 * What one column's values say about its contract: the narrowest type every non-null value parses
 * as (by coerce.ts, the rules validation uses), the extremes, the share of nulls per file, the
 * distinct values while there are few enough for an enum, and, for small data only, whether any
 * value repeats. Memory is fixed per column except for that last check, which is capped by
 * `UNIQUE_ROW_LIMIT` rows.
 */
import { coerceValue } from "./coerce.ts";
import type { ColumnType } from "./contract-types.ts";
import { hashCell } from "../validate/duplicate-rows.ts";
import { Hash64, HashTable64 } from "../validate/hash-table.ts";
import type { RawValue } from "../readers/table.ts";
import { detectPii, type PiiDetector } from "../pii/pii-detectors.ts";

/**
 * Rows up to which `unique` is inferred. Knowing that no value repeats takes one hash per value,
 * so beyond this the check is dropped rather than letting memory grow with the data.
 */
export const UNIQUE_ROW_LIMIT = 100_000;

/** Fewest non-null values for `unique: true`: that a handful of values differ says nothing. */
export const MIN_UNIQUE_VALUES = 20;

/** Booleans are words only: 0/1 columns stay integers, which is what they usually are. */
const BOOLEAN_TEXTS = new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date or date-time extreme: its instant, and a text for it that parses back to that instant. */
interface Instant {
  time: number;
  text: string;
}

/** What the data says about a column. */
export interface ColumnFacts {
  name: string;
  type: ColumnType;
  rows: number;
  nulls: number;
  /** Largest share of nulls in any one file: validation checks each file on its own. */
  maxFileNullShare: number;
  /** Some file has no non-null value here (validation fails such a column unless allow_empty). */
  emptyInSomeFile: boolean;
  min?: number | string;
  max?: number | string;
  /** Distinct values by frequency (most frequent first), for categorical columns. */
  enum?: string[];
  unique: boolean;
  /**
   * Every PII detector that fired, most values first, with the values each fired on (a value counts
   * for the first detector that fires on it), the values any fired on, and the non-null values
   * (docs/privacy.md#pii-detection).
   */
  pii?: { detectors: { detector: PiiDetector; count: number }[]; count: number; nonNull: number };
}

/** Accumulates one column, batch by batch, file by file. */
export class ColumnInference {
  readonly name: string;
  readonly #maxEnum: number;
  #integer = true;
  #number = true;
  #boolean = true;
  #date = true;
  #datetime = true;
  #min = Infinity;
  #max = -Infinity;
  #dates: { min?: Instant; max?: Instant } = {};
  #datetimes: { min?: Instant; max?: Instant } = {};
  /** Counts per distinct value (as text, as categorical validation compares them); undefined past maxEnum. */
  #distinct: Map<string, number> | undefined = new Map();
  /** Hashes of the values seen; undefined once a value repeats or the check is given up. */
  #seen: HashTable64 | undefined = new HashTable64();
  readonly #hash = new Hash64();
  #rows = 0;
  #nulls = 0;
  #fileRows = 0;
  #fileNulls = 0;
  #maxFileNullShare = 0;
  #emptyInSomeFile = false;
  /** Values each PII detector fired on (texts, and integers as their digits: a card number may be written as one). */
  readonly #pii = new Map<PiiDetector, number>();

  constructor(name: string, maxEnum: number) {
    this.name = name;
    this.#maxEnum = maxEnum;
  }

  /** Starts a new file (null shares and emptiness are per file). */
  startFile(): void {
    this.#fileRows = 0;
    this.#fileNulls = 0;
  }

  /** Ends the current file. */
  endFile(): void {
    if (this.#fileRows > 0) this.#maxFileNullShare = Math.max(this.#maxFileNullShare, this.#fileNulls / this.#fileRows);
    if (this.#fileRows === this.#fileNulls) this.#emptyInSomeFile = true;
  }

  /** Takes the first `length` values of one batch of this column. */
  add(values: readonly RawValue[], length: number): void {
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) {
        this.#nulls++;
        this.#fileNulls++;
      } else this.#addValue(raw);
    }
    this.#rows += length;
    this.#fileRows += length;
    if (this.#rows > UNIQUE_ROW_LIMIT) this.#seen = undefined;
  }

  #addValue(raw: Exclude<RawValue, null>): void {
    if (this.#integer || this.#number) this.#addNumber(raw);
    if (this.#boolean) this.#boolean = typeof raw === "boolean" || (typeof raw === "string" && BOOLEAN_TEXTS.has(raw));
    if (this.#date) this.#date = addInstant(this.#dates, raw, "date");
    if (this.#datetime) this.#datetime = addInstant(this.#datetimes, raw, "datetime");
    if (this.#distinct !== undefined) {
      const key = raw instanceof Date ? raw.toISOString() : String(raw);
      this.#distinct.set(key, (this.#distinct.get(key) ?? 0) + 1);
      if (this.#distinct.size > this.#maxEnum) this.#distinct = undefined;
    }
    if (this.#seen !== undefined) this.#addSeen(raw);
    // On the raw text, before any type is decided: 4111111111111111 parses as an integer but is a card.
    const text =
      typeof raw === "string"
        ? raw
        : typeof raw === "bigint" || (typeof raw === "number" && Number.isInteger(raw))
          ? String(raw)
          : undefined;
    if (text !== undefined) {
      const detector = detectPii(text);
      if (detector !== undefined) this.#pii.set(detector, (this.#pii.get(detector) ?? 0) + 1);
    }
  }

  #addNumber(raw: Exclude<RawValue, null>): void {
    let coerced = this.#integer ? coerceValue(raw, "integer") : undefined;
    if (coerced !== undefined && !coerced.ok) this.#integer = false;
    // An integer is a number of the same value, so the second parse is needed only for non-integers.
    if (coerced === undefined || !coerced.ok) coerced = this.#number ? coerceValue(raw, "number") : undefined;
    if (coerced === undefined || !coerced.ok || typeof coerced.value !== "number") {
      this.#number = false;
      return;
    }
    if (coerced.value < this.#min) this.#min = coerced.value;
    if (coerced.value > this.#max) this.#max = coerced.value;
  }

  #addSeen(raw: Exclude<RawValue, null>): void {
    // `unique` is inferred for integer and string columns only. A column that is now a float,
    // boolean or date column can only end as one of those or as text, whose earlier values were
    // not tracked: give the check up rather than claim what was not seen.
    if (!this.#integer && (this.#number || this.#boolean || this.#date || this.#datetime)) {
      this.#seen = undefined;
      return;
    }
    const hash = this.#hash;
    hash.reset();
    // Hashed as duplicate rows are, which merges at least what validation would: no false "unique".
    hashCell(hash, raw);
    if (this.#seen!.setIfAbsent(hash.h1, hash.h2, 1) !== undefined) this.#seen = undefined;
  }

  /** The column's facts once every file is read. */
  facts(): ColumnFacts {
    const nonNull = this.#rows - this.#nulls;
    const facts: ColumnFacts = {
      name: this.name,
      type: "string",
      rows: this.#rows,
      nulls: this.#nulls,
      maxFileNullShare: this.#maxFileNullShare,
      emptyInSomeFile: this.#emptyInSomeFile,
      unique: false,
    };
    if (nonNull === 0) return facts;
    facts.type = this.#type();
    if (facts.type === "integer" || facts.type === "number") {
      facts.min = this.#min;
      facts.max = this.#max;
    } else if (facts.type === "date" || facts.type === "datetime") {
      const extremes = facts.type === "date" ? this.#dates : this.#datetimes;
      facts.min = extremes.min?.text;
      facts.max = extremes.max?.text;
    } else if (facts.type === "categorical") {
      facts.enum = [...this.#distinct!.entries()]
        .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
        .map(([value]) => value);
    }
    facts.unique = (facts.type === "integer" || facts.type === "string") && this.#seen !== undefined && nonNull >= MIN_UNIQUE_VALUES;
    // Personal data in any column (digits-only cards parse as integers): proposed as a string with
    // pii: forbid, and none of its values becomes an enum, a min or a max.
    if (this.#pii.size > 0) {
      const detectors = [...this.#pii.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([detector, count]) => ({ detector, count }));
      facts.pii = { detectors, count: detectors.reduce((sum, entry) => sum + entry.count, 0), nonNull };
      facts.type = "string";
      delete facts.enum;
      delete facts.min;
      delete facts.max;
    }
    return facts;
  }

  #type(): ColumnType {
    if (this.#integer) return "integer";
    if (this.#number) return "number";
    if (this.#boolean) return "boolean";
    if (this.#date) return "date";
    if (this.#datetime) return "datetime";
    return this.#distinct === undefined ? "string" : "categorical";
  }
}

/** Folds a value into date or date-time extremes; false when it is not one. */
function addInstant(extremes: { min?: Instant; max?: Instant }, raw: Exclude<RawValue, null>, type: "date" | "datetime"): boolean {
  let instant: Instant;
  if (raw instanceof Date) {
    const time = raw.getTime();
    if (Number.isNaN(time)) return false;
    // A Date (from Parquet) coerces as either type; it is a date only when it falls on a UTC midnight.
    if (type === "date" && time % DAY_MS !== 0) return false;
    instant = { time, text: type === "date" ? raw.toISOString().slice(0, 10) : raw.toISOString() };
  } else {
    const coerced = coerceValue(raw, type);
    if (!coerced.ok || typeof coerced.value !== "number") return false;
    instant = { time: coerced.value, text: String(raw) };
  }
  if (extremes.min === undefined || instant.time < extremes.min.time) extremes.min = instant;
  if (extremes.max === undefined || instant.time > extremes.max.time) extremes.max = instant;
  return true;
}
