/**
 * k-anonymity of the quasi-identifiers (QIs) a contract names (issue 24 part 2,
 * docs/privacy.md#k-anonymity): rows with the same QI values form an equivalence class, and a row
 * in a class of fewer than k rows is at risk of re-identification.
 *
 * Streaming and mergeable like profiles: a class is kept as the 64-bit hash of its QI tuple (the
 * canonical values after aliases and coercion, hashed as the duplicate-row check hashes them, null
 * as its own value), its row count and each QI's 64-bit cell hash; two counters of parts of a table
 * merge into the counter of the whole. Values are never kept, so no class can be printed with them.
 *
 * One table insert a row: the classes over fewer QIs (each QI dropped, or every subset for at most
 * `ALL_SUBSETS_UP_TO` QIs), which say which QI hurts most, are counted at the end from the classes
 * over all of them, by re-hashing each class's cells of those QIs.
 *
 * Exact up to `maxClasses` distinct classes; rows of classes first met after that are not stored
 * and count as at risk in every figure: the rows at risk are then an upper bound (the check can
 * fail wrongly, never pass wrongly), the number of classes a lower bound.
 */
import { formatPercent } from "../../common/markdown.ts";
import type { KAnonymityChecks } from "../contract/contract-types.ts";
import { Hash64, HashTable64 } from "./hash-table.ts";
import type { CanonicalValue } from "./validate-column.ts";
import { mixWords, setWords, wordsOf, type CellWords } from "./validate-fast.ts";
import type { KAnonymityDetail, KAnonymityFigures } from "./validation-report-types.ts";

/** With this many QIs or fewer every subset is counted (14 besides all of them for 4); above, each QI dropped in turn. */
export const ALL_SUBSETS_UP_TO = 4;

/** Most quasi-identifiers a contract may name (combinations are bit masks). */
export const MAX_QUASI_IDENTIFIERS = 30;

const SEED = new Hash64();

/**
 * Row counts by 64-bit class hash (a HashTable64 from the hash to the class's id, 12 to 24 bytes a
 * class, plus 4 for its count), capped at `maxClasses` classes. Classes get ids 0, 1, … in the order first seen.
 */
export class ClassCounts {
  readonly #ids: HashTable64;
  // Class id → row count.
  #counts = new Int32Array(64);
  #rows = 0;
  #overflow = 0;
  readonly maxClasses: number;

  constructor(maxClasses: number) {
    this.maxClasses = maxClasses;
    this.#ids = new HashTable64({ initialCapacity: 32, maxSize: maxClasses });
  }

  /**
   * Adds `count` rows of the class with hash (h1, h2) (h2 is never 0: `Hash64.h2`). Returns the
   * class's id, or -1 when the class is new and the table is full (its rows are then counted as overflow).
   */
  add(h1: number, h2: number, count = 1): number {
    this.#rows += count;
    const id = this.#ids.size;
    const known = this.#ids.setIfAbsent(h1, h2, id);
    if (known !== undefined) {
      this.#counts[known]! += count;
      return known;
    }
    if (this.#ids.size === id) {
      this.#overflow += count;
      return -1;
    }
    if (id >= this.#counts.length) {
      const grown = new Int32Array(this.#counts.length * 2);
      grown.set(this.#counts);
      this.#counts = grown;
    }
    this.#counts[id] = count;
    return id;
  }

  /** Counts `rows` rows whose classes are unknown (another counter's overflow): at risk in the figures. */
  addOverflow(rows: number): void {
    this.#rows += rows;
    this.#overflow += rows;
  }

  /** Every stored class's hash, row count and id. */
  forEach(each: (h1: number, h2: number, count: number, id: number) => void): void {
    this.#ids.forEach((h1, h2, id) => {
      each(h1, h2, this.#counts[id]!, id);
    });
  }

  /** The row count of class `id`. */
  count(id: number): number {
    return this.#counts[id]!;
  }

  /** Classes stored. */
  get size(): number {
    return this.#ids.size;
  }

  /** Rows added. */
  get rows(): number {
    return this.#rows;
  }

  /** Rows whose class was not stored. */
  get overflow(): number {
    return this.#overflow;
  }

  /** True while every class was stored: the figures are then exact. */
  get exact(): boolean {
    return this.#overflow === 0;
  }

  /** The figures for k (see `KAnonymityFigures`); overflow rows count as at risk. */
  figures(k: number): KAnonymityFigures {
    let classesBelowK = 0;
    let rowsAtRisk = this.#overflow;
    let smallestClass = Infinity;
    for (let id = 0; id < this.#ids.size; id++) {
      const count = this.#counts[id]!;
      if (count < k) {
        classesBelowK++;
        rowsAtRisk += count;
      }
      if (count < smallestClass) smallestClass = count;
    }
    return {
      // Overflow rows are in one class at least.
      classes: this.#ids.size + (this.#overflow > 0 ? 1 : 0),
      classesBelowK,
      rowsAtRisk,
      shareAtRisk: this.#rows === 0 ? 0 : rowsAtRisk / this.#rows,
      smallestClass: smallestClass === Infinity ? (this.#overflow > 0 ? 1 : 0) : smallestClass,
      exact: this.exact,
    };
  }
}

/**
 * The QI combinations reported, as bit masks over the QIs (bit i: the i-th QI): all of them first,
 * then every proper non-empty subset (≤ `ALL_SUBSETS_UP_TO` QIs) or each QI dropped in turn.
 */
export function combinations(count: number): number[] {
  const all = (1 << count) - 1;
  if (count <= ALL_SUBSETS_UP_TO) {
    const subsets = [all];
    for (let mask = 1; mask < all; mask++) subsets.push(mask);
    return subsets;
  }
  return [all, ...Array.from({ length: count }, (_, i) => all & ~(1 << i))];
}

/** Equivalence-class counts over the QIs, from which the combinations `combinations` names are derived. */
export class KAnonymityCounter {
  readonly quasiIdentifiers: readonly string[];
  readonly masks: readonly number[];
  /** The classes over all QIs. */
  readonly classes: ClassCounts;
  // Each stored class's cells as CellWords, QI after QI (class id · QIs + QI).
  #cells: CellWords = wordsOf(0);
  #scratch: { high: Int32Array; low: Int32Array; words: CellWords[] } | undefined;

  constructor(quasiIdentifiers: readonly string[], maxClasses: number) {
    if (quasiIdentifiers.length === 0 || quasiIdentifiers.length > MAX_QUASI_IDENTIFIERS)
      throw new Error(`k-anonymity needs 1 to ${MAX_QUASI_IDENTIFIERS} quasi-identifiers`);
    this.quasiIdentifiers = quasiIdentifiers;
    this.masks = combinations(quasiIdentifiers.length);
    this.classes = new ClassCounts(maxClasses);
  }

  /**
   * Adds `rows` rows given each QI's cell words (`words[i]`: the i-th QI's, as the fast path makes
   * them; undefined for a QI absent from the data, which hashes as null).
   */
  addWords(words: readonly (CellWords | undefined)[], rows: number): void {
    const { high, low } = this.#room(rows);
    high.fill(SEED.high, 0, rows);
    low.fill(SEED.low, 0, rows);
    for (const column of words) mixWords(high, low, column, rows);
    const hash = new Hash64();
    const classes = this.classes;
    for (let r = 0; r < rows; r++) {
      hash.high = high[r]!;
      hash.low = low[r]!;
      const before = classes.size;
      const id = classes.add(hash.h1, hash.h2);
      if (classes.size > before) this.#keep(id, (i) => words[i], r);
    }
  }

  /** Adds `rows` rows given each QI's canonical values (`values[i][r]`), hashed as the fast path hashes them. */
  addValues(values: readonly (readonly CanonicalValue[] | undefined)[], rows: number): void {
    const { words } = this.#room(rows);
    const given = values.map((column, i) => {
      if (column === undefined) return undefined;
      const own = words[i]!;
      for (let r = 0; r < rows; r++) setWords(own, r, column[r] ?? null);
      return own;
    });
    this.addWords(given, rows);
  }

  /** Adds another counter's classes (same QIs): the result counts the union of both inputs. */
  merge(other: KAnonymityCounter): void {
    if (other.quasiIdentifiers.join("\u0000") !== this.quasiIdentifiers.join("\u0000"))
      throw new Error("k-anonymity counters over different quasi-identifiers do not merge");
    const q = this.quasiIdentifiers.length;
    const cells = other.#cells;
    other.classes.forEach((h1, h2, count, otherId) => {
      const before = this.classes.size;
      const id = this.classes.add(h1, h2, count);
      if (this.classes.size > before) this.#keep(id, () => cells, otherId * q, true);
    });
    this.classes.addOverflow(other.classes.overflow);
  }

  /** The figures over the QIs in `mask`, from the classes over all of them. */
  figuresOf(mask: number, k: number): KAnonymityFigures {
    const q = this.quasiIdentifiers.length;
    const all = this.classes;
    if (mask === (1 << q) - 1) return all.figures(k);
    const merged = new ClassCounts(Infinity);
    const hash = new Hash64();
    const { kind, w1, w2 } = this.#cells;
    for (let id = 0; id < all.size; id++) {
      hash.reset();
      for (let i = 0; i < q; i++) {
        if (((mask >>> i) & 1) === 0) continue;
        // As mixWords mixes one cell.
        const at = id * q + i;
        const cell = kind[at]!;
        if (cell === 0) hash.missing();
        else {
          hash.word(w1[at]!);
          if (cell >= 2) hash.word(w2[at]!);
          if (cell === 3) hash.word(0x20000000);
        }
      }
      merged.add(hash.h1, hash.h2, all.count(id));
    }
    merged.addOverflow(all.overflow);
    return merged.figures(k);
  }

  /**
   * The report's figures for k: over all QIs, each QI dropped, and every subset when there are few
   * QIs; with `maxShare`, also the fewest QIs to drop for the check to pass, when it fails.
   */
  detail(k: number, maxShare?: number): KAnonymityDetail {
    const qis = this.quasiIdentifiers;
    const all = (1 << qis.length) - 1;
    const rows = this.classes.rows;
    const figuresOf = (mask: number): KAnonymityFigures => {
      if (mask === 0) {
        // No QI: every row in one class.
        const risk = rows > 0 && rows < k ? rows : 0;
        return {
          classes: rows > 0 ? 1 : 0,
          classesBelowK: risk > 0 ? 1 : 0,
          rowsAtRisk: risk,
          shareAtRisk: risk > 0 ? 1 : 0,
          smallestClass: rows,
          exact: true,
        };
      }
      return this.figuresOf(mask, k);
    };
    const figures = new Map(this.masks.map((mask) => [mask, figuresOf(mask)]));
    const of = (mask: number) => figures.get(mask) ?? figuresOf(mask);
    const full = of(all);
    const dropped = qis.map((column, i) => ({ column, ...of(all & ~(1 << i)) }));
    let hurtsMost: string | undefined;
    let best = 0;
    for (const entry of dropped) {
      const gain = full.rowsAtRisk - entry.rowsAtRisk;
      if (gain > best) {
        best = gain;
        hurtsMost = entry.column;
      }
    }
    const detail: KAnonymityDetail = { quasiIdentifiers: [...qis], k, rows, ...full, dropped };
    if (hurtsMost !== undefined) detail.hurtsMost = hurtsMost;
    if (qis.length <= ALL_SUBSETS_UP_TO)
      detail.subsets = this.masks
        .filter((mask) => mask !== all)
        .map((mask) => ({ columns: qis.filter((_, i) => (mask >>> i) & 1), ...of(mask) }));
    if (maxShare !== undefined && full.shareAtRisk > maxShare) {
      // Kept subsets that pass: the most QIs kept, then the fewest rows at risk, then the first in mask order.
      const kept =
        qis.length <= ALL_SUBSETS_UP_TO ? [...this.masks.filter((mask) => mask !== all), 0] : dropped.map((_, i) => all & ~(1 << i));
      const ones = (mask: number) => qis.filter((_, i) => (mask >>> i) & 1).length;
      let chosen: number | undefined;
      for (const mask of kept) {
        if (of(mask).shareAtRisk > maxShare) continue;
        if (
          chosen === undefined ||
          ones(mask) > ones(chosen) ||
          (ones(mask) === ones(chosen) && of(mask).rowsAtRisk < of(chosen).rowsAtRisk)
        )
          chosen = mask;
      }
      if (chosen !== undefined) detail.dropToPass = qis.filter((_, i) => ((chosen >>> i) & 1) === 0);
    }
    return detail;
  }

  /** Stores a new class's cells: QI i's from `source(i)` at `at` (or at `at + i` when `packed`). */
  #keep(id: number, source: (i: number) => CellWords | undefined, at: number, packed = false): void {
    const q = this.quasiIdentifiers.length;
    if ((id + 1) * q > this.#cells.kind.length) {
      const grown = wordsOf(Math.max(64, this.#cells.kind.length * 2, (id + 1) * q));
      grown.kind.set(this.#cells.kind);
      grown.w1.set(this.#cells.w1);
      grown.w2.set(this.#cells.w2);
      this.#cells = grown;
    }
    const { kind, w1, w2 } = this.#cells;
    for (let i = 0; i < q; i++) {
      const words = source(i);
      const from = packed ? at + i : at;
      const to = id * q + i;
      if (words === undefined) kind[to] = 0;
      else {
        kind[to] = words.kind[from]!;
        w1[to] = words.w1[from]!;
        w2[to] = words.w2[from]!;
      }
    }
  }

  #room(rows: number): { high: Int32Array; low: Int32Array; words: CellWords[] } {
    if (this.#scratch === undefined || this.#scratch.high.length < rows) {
      const size = Math.max(rows, 1024);
      this.#scratch = { high: new Int32Array(size), low: new Int32Array(size), words: this.quasiIdentifiers.map(() => wordsOf(size)) };
    }
    return this.#scratch;
  }
}

/** The check's one-line message: the figures and the QI that hurts most, never a value; `absent`: QIs not in the data (read as null). */
export function kAnonymityMessage(detail: KAnonymityDetail, check: KAnonymityChecks, absent: readonly string[] = []): string {
  const count = (value: number) => value.toLocaleString("en-US");
  const over = detail.quasiIdentifiers.map((name) => `"${name}"`).join(", ");
  const bound = detail.exact ? "" : ` (more than ${count(check.maxClasses)} classes: rows at risk are an upper bound)`;
  if (detail.rows === 0) return `no rows: nothing to check over ${over}`;
  const head =
    detail.rowsAtRisk === 0
      ? `every row is in a class of at least k = ${check.k} rows over ${over}`
      : `${count(detail.rowsAtRisk)} row(s) (${formatPercent(detail.shareAtRisk, 2)}) are in ${count(detail.classesBelowK)} class(es) smaller than k = ${check.k} over ${over}${bound}`;
  const parts = [head, `${count(detail.classes)} classes, the smallest of ${count(detail.smallestClass)} row(s)`];
  if (detail.hurtsMost !== undefined) {
    const without = detail.dropped.find((entry) => entry.column === detail.hurtsMost)!;
    parts.push(
      `dropping "${detail.hurtsMost}" would cut rows at risk most, to ${count(without.rowsAtRisk)} (${formatPercent(without.shareAtRisk, 2)})`,
    );
  }
  if (absent.length > 0) parts.push(`not in the data, so null in every row: ${absent.map((name) => `"${name}"`).join(", ")}`);
  if (detail.dropToPass !== undefined)
    parts.push(`the fewest to drop (or generalise) to pass: ${detail.dropToPass.map((name) => `"${name}"`).join(", ")}`);
  return parts.join("; ");
}
