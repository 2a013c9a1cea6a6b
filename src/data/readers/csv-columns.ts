/**
 * The byte-level CSV scanner behind the fast passes (profiling, see data/profile/profile-fast.ts):
 * it cuts rows into field spans (start/end offsets into the chunk) without making a string per
 * cell, parses numbers straight from the bytes and interns texts per column, so a string is made
 * once per distinct value. It follows CsvParser's rules exactly (quotes, doubled quotes, trim, CR,
 * LF and CRLF, blank lines, the field count, maxFieldBytes); on anything CsvParser would reject it
 * only says "bad input", and the caller replays the file through CsvParser for the exact message
 * and line. `scanCsvRows` is the one read loop over a file that the profiling and validation
 * passes share. Small on purpose: worker threads load it.
 */
import type { Hash } from "node:crypto";
import { open } from "node:fs/promises";
import { textChunks } from "./text-chunks.ts";

export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const TAB = 9;

/** Node's internal slicers, present on every Buffer but missing from the type declarations. */
export interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The dialect, as bytes. */
export interface ScanDialect {
  delimiter: number;
  quote: number;
  trim: boolean;
  maxFieldBytes: number;
}

/** Thrown by the scanner on input CsvParser rejects; the caller replays the file for the message. */
export class BadCsvInput extends Error {
  constructor(what: string) {
    super(`bad CSV input: ${what}`);
  }
}

// What `scanRow` returns besides a position.
export const NEED_MORE = -1;
export const NO_ROW = -2;

/**
 * Cuts one row at a time out of a buffer. After a successful `scanRow`, field i (below `capacity`)
 * is `start[i·stride + row]..end[…]` of the buffer (quotes removed, trimmed) and `doubled[…]` says
 * a quoted field still has its doubled quotes in it: with a stride the fields of successive rows
 * (`row` set by the caller) land column-major in the caller's arrays, with no copy. `count` is the
 * row's field count, `line` the 1-based line after the row and `rowLine` the line where it began.
 */
export class RowScanner {
  start: Int32Array;
  end: Int32Array;
  doubled: Uint8Array;
  stride = 1;
  row = 0;
  count = 0;
  line = 1;
  rowLine = 1;
  readonly #d: number;
  readonly #q: number;
  readonly #trim: boolean;
  readonly #max: number;
  readonly #capacity: number;

  constructor(dialect: ScanDialect, capacity: number) {
    this.#d = dialect.delimiter;
    this.#q = dialect.quote;
    this.#trim = dialect.trim;
    this.#max = dialect.maxFieldBytes;
    this.#capacity = capacity;
    this.start = new Int32Array(capacity + 1);
    this.end = new Int32Array(capacity + 1);
    this.doubled = new Uint8Array(capacity + 1);
  }

  /**
   * Scans the row at `p`: returns the position after it, NEED_MORE when the buffer ends inside it
   * (and `final` is false; nothing is consumed, call again with more bytes from the same `p`), or
   * NO_ROW at the end of the input (only blank lines were left). Fields past `capacity` are only
   * counted. Throws BadCsvInput where CsvParser throws.
   */
  scanRow(buf: Uint8Array, p: number, final: boolean): number {
    const d = this.#d;
    const q = this.#q;
    const trim = this.#trim;
    const max = this.#max;
    const n = buf.length;
    let line = this.line;
    let count = 0;
    // Blank lines before the row.
    for (;;) {
      if (p >= n) {
        if (!final) return NEED_MORE;
        this.line = line;
        return NO_ROW;
      }
      const c = buf[p];
      if (c === LF) {
        line++;
        p++;
      } else if (c === CR) {
        if (p + 1 >= n && !final) return NEED_MORE;
        line++;
        p += buf[p + 1] === LF && p + 1 < n ? 2 : 1;
      } else break;
    }
    const rowLine = line;
    for (;;) {
      // At the start of a field.
      if (p >= n) {
        // final: a delimiter right before the end makes one more, empty field.
        if (!final) return NEED_MORE;
        this.#put(count++, p, p, 0);
        break;
      }
      let s = p;
      if (trim) while (s < n && (buf[s] === SPACE || (buf[s] === TAB && d !== TAB))) s++;
      let i: number;
      if (s < n && buf[s] === q) {
        let j = s + 1;
        let doubled = 0;
        let k: number;
        for (;;) {
          k = indexOfByte(buf, q, j);
          if (k < 0 || (k + 1 >= n && !final)) {
            if (n - s - 1 > max) throw new BadCsvInput("field too long");
            if (final) throw new BadCsvInput("unclosed quote");
            return NEED_MORE;
          }
          if (buf[k + 1] === q) {
            doubled = 1;
            j = k + 2;
            continue;
          }
          break;
        }
        if (k - s - 1 > max) throw new BadCsvInput("field too long");
        i = k + 1;
        if (trim) while (i < n && (buf[i] === SPACE || (buf[i] === TAB && d !== TAB))) i++;
        if (i === n && !final) return NEED_MORE;
        if (i < n) {
          const c = buf[i];
          if (c !== d && c !== LF && c !== CR) throw new BadCsvInput("text after a closing quote");
        }
        line += countLineBreaks(buf, s + 1, k);
        this.#put(count++, s + 1, k, doubled);
      } else {
        i = s;
        while (i < n) {
          const c = buf[i]!;
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i - s > max) throw new BadCsvInput("field too long");
        if (i === n && !final) return NEED_MORE;
        let e = i;
        if (trim) while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        this.#put(count++, s, e, 0);
      }
      p = i;
      if (p >= n) break; // final: the end of the input ends the row
      if (buf[p] === d) {
        p++;
        continue;
      }
      // A line break ends the row.
      if (buf[p] === CR) {
        if (p + 1 >= n && !final) return NEED_MORE;
        p += buf[p + 1] === LF && p + 1 < n ? 2 : 1;
      } else p++;
      line++;
      break;
    }
    this.count = count;
    this.rowLine = rowLine;
    this.line = line;
    return p;
  }

  /** Fields go to these arrays from now on: field i of row `row` at `i·stride + row`. */
  output(start: Int32Array, end: Int32Array, doubled: Uint8Array, stride: number): void {
    this.start = start;
    this.end = end;
    this.doubled = doubled;
    this.stride = stride;
  }

  #put(index: number, start: number, end: number, doubled: number): void {
    if (index >= this.#capacity) return;
    const at = index * this.stride + this.row;
    this.start[at] = start;
    this.end[at] = end;
    this.doubled[at] = doubled;
  }
}

function indexOfByte(buf: Uint8Array, byte: number, from: number): number {
  return buf.indexOf(byte, from);
}

/** Line breaks (CR, LF, CRLF) in `buf[start, end)`: how both CSV parsers count lines. */
export function countLineBreaks(buf: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (buf[i + 1] === LF && i + 1 < end) i++;
    }
  }
  return count;
}

/** The text of a field span, with doubled quotes undone; `ascii` picks the cheaper latin1 decoding. */
export function spanText(buf: Buffer, start: number, end: number, doubled: boolean, quote: number, ascii: boolean): string {
  const slices = buf as Buffer & FastSlices;
  const text = ascii ? slices.latin1Slice(start, end) : slices.utf8Slice(start, end);
  if (!doubled) return text;
  const q = String.fromCharCode(quote);
  return text.replaceAll(q + q, q);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The number a plain decimal field spells, or undefined when it is not in the simple form this
 * parses exactly (then the caller decodes the text and uses the ordinary rules). Simple means
 * `[+-]?digits[.digits]` (or `[+-]?.digits`) with at most 15 digits in all, and no fraction for
 * `integer`: the digits then fit a double exactly and so does the power of ten, so one division is
 * correctly rounded, the same double `Number(text)` gives (Clinger's fast path).
 */
export function parseSimpleNumber(buf: Uint8Array, start: number, end: number, integer: boolean): number | undefined {
  let i = start;
  if (i >= end) return undefined;
  let negative = false;
  const first = buf[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let point = false;
  for (; i < end; i++) {
    const c = buf[i]! - 48;
    if (c >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      if (point) fraction++;
    } else if (c === -2 /* . */ && !point && !integer) point = true;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction]!;
  return negative ? -value : value;
}

/**
 * Interns field texts by their bytes: `id` returns a small integer per distinct byte string, the
 * same one each time it comes back. Entries are a cache: `clear()` drops them all (the caller does,
 * once there are many, so memory stays bounded whatever the file holds).
 */
export class ByteInterner {
  /** Distinct byte strings seen since the last clear, in first-seen order: their offsets into `pool`. */
  size = 0;
  #table: Int32Array;
  #mask: number;
  #hashes: Int32Array;
  #offsets: Int32Array;
  #lengths: Int32Array;
  #pool: Uint8Array;
  #used = 0;

  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(capacity * 2));
    this.#table = new Int32Array(slots).fill(-1);
    this.#mask = slots - 1;
    this.#hashes = new Int32Array(capacity);
    this.#offsets = new Int32Array(capacity);
    this.#lengths = new Int32Array(capacity);
    this.#pool = new Uint8Array(capacity * 16);
  }

  /** The id of `buf[start, end)`; `isNew` is set when it was not seen before. */
  id(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const length = end - start;
    const table = this.#table;
    const mask = this.#mask;
    let slot = h & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0) break;
      if (this.#hashes[id] === h && this.#lengths[id] === length) {
        const pool = this.#pool;
        let k = this.#offsets[id]!;
        let i = start;
        while (i < end && pool[k] === buf[i]) {
          i++;
          k++;
        }
        if (i === end) {
          this.isNew = false;
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    if (id >= this.#hashes.length) this.#growEntries();
    if (this.#used + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#used + length));
      pool.set(this.#pool.subarray(0, this.#used));
      this.#pool = pool;
    }
    this.#pool.set(buf.subarray(start, end), this.#used);
    this.#hashes[id] = h;
    this.#offsets[id] = this.#used;
    this.#lengths[id] = length;
    this.#used += length;
    table[slot] = id;
    if (this.size * 2 > this.#table.length) this.#rehash();
    this.isNew = true;
    return id;
  }

  /** Whether the last `id` call saw its text for the first time. */
  isNew = false;

  /** Forgets every entry (ids restart at 0). */
  clear(): void {
    this.#table.fill(-1);
    this.size = 0;
    this.#used = 0;
  }

  #growEntries(): void {
    const grow = (from: Int32Array) => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.#hashes = grow(this.#hashes);
    this.#offsets = grow(this.#offsets);
    this.#lengths = grow(this.#lengths);
  }

  #rehash(): void {
    const table = new Int32Array(this.#table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.#hashes[id]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.#table = table;
    this.#mask = mask;
  }
}

/** Rows per batch (the column-major batch arrays are BATCH long per file column). */
export const BATCH = 4096;

/**
 * A batch of scanned rows, column-major by file column: row r's field in file column i is
 * `buf[start[i·BATCH + r], end[…])` (`doubled`: a quoted field that still has its doubled quotes).
 * Offsets point into `buf`, so a batch never spans two buffers.
 */
export interface Batch {
  buf: Buffer;
  ascii: boolean;
  rows: number;
  start: Int32Array;
  end: Int32Array;
  doubled: Uint8Array;
  lines: Int32Array;
}

/** One pass over a CSV file for `scanCsvRows`. */
export interface CsvRowScan {
  path: string;
  dialect: ScanDialect;
  /** File columns whose fields are kept (the rest are scanned, and counted, but not stored). */
  widest: number;
  /** Bytes per read. */
  chunkBytes: number;
  /** Fed every byte of the file as read (for its digest). */
  hash?: Hash;
  /** Awaited before each chunk (a worker's flow control). */
  throttle?: () => Promise<void>;
  /** Each batch of rows, full or the last; the batch and its buffer are reused once it returns. */
  each: (batch: Batch) => void | Promise<void>;
}

/**
 * One pass over one file: the header row is skipped (the readers read and check it), each data row
 * is checked for its field count, and the rows go to `each` a batch at a time. Returns the rows and
 * bytes read. Input the scanner refuses throws BadCsvInput (the caller replays the file through the
 * readers for their exact error).
 *
 * Two read buffers and two join buffers, used in turn: a carried row tail points into the previous
 * one at most, and no garbage piles up between collections (peak RSS counts).
 */
export async function scanCsvRows(scan: CsvRowScan): Promise<{ rows: number; bytes: number }> {
  const { widest, chunkBytes, hash, throttle, each } = scan;
  const scanner = new RowScanner(scan.dialect, widest);
  const batch: Batch = {
    buf: Buffer.alloc(0),
    ascii: true,
    rows: 0,
    start: new Int32Array(BATCH * widest),
    end: new Int32Array(BATCH * widest),
    doubled: new Uint8Array(BATCH * widest),
    lines: new Int32Array(BATCH),
  };
  // The scanner writes each row's fields straight into the batch.
  scanner.output(batch.start, batch.end, batch.doubled, BATCH);
  let fields = -1; // the header's field count, once read
  let rows = 0;
  let bytes = 0;
  let carry: Buffer | undefined;
  let carryAscii = true;
  const flush = async (): Promise<void> => {
    if (batch.rows === 0) return;
    const pending = each(batch);
    if (pending !== undefined) await pending;
    batch.rows = 0;
  };
  const step = async (buf: Buffer, ascii: boolean, final: boolean): Promise<void> => {
    let p = 0;
    batch.buf = buf;
    batch.ascii = ascii;
    const lines = batch.lines;
    for (;;) {
      scanner.row = batch.rows;
      const next = scanner.scanRow(buf, p, final);
      if (next < 0) {
        // NEED_MORE (the rest is carried into the next buffer) or NO_ROW (the end).
        await flush();
        carry = next === NEED_MORE ? buf.subarray(p) : undefined;
        carryAscii = ascii;
        return;
      }
      p = next;
      if (fields < 0) {
        fields = scanner.count; // the header: every row must have as many fields
        continue;
      }
      if (scanner.count !== fields) throw new BadCsvInput("wrong field count");
      rows++;
      lines[batch.rows++] = scanner.rowLine;
      if (batch.rows === BATCH) await flush();
    }
  };
  const reads = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
  const joins = [Buffer.alloc(0), Buffer.alloc(0)];
  let turn = 0;
  async function* raw(): AsyncGenerator<Buffer> {
    const file = await open(scan.path, "r");
    try {
      for (let k = 0; ; k ^= 1) {
        const target = reads[k]!;
        const { bytesRead } = await file.read(target, 0, chunkBytes, null);
        if (bytesRead === 0) return;
        const chunk = target.subarray(0, bytesRead);
        hash?.update(chunk);
        bytes += bytesRead;
        yield chunk;
      }
    } finally {
      await file.close();
    }
  }
  for await (const chunk of textChunks(raw())) {
    if (chunk.bad !== undefined) throw new BadCsvInput(chunk.bad);
    if (throttle !== undefined) await throttle();
    let buf = chunk.bytes;
    if (carry !== undefined) {
      const need = carry.length + buf.length;
      if (joins[turn]!.length < need) joins[turn] = Buffer.allocUnsafe(Math.max(need, chunkBytes * 2));
      const join = joins[turn]!;
      carry.copy(join, 0);
      buf.copy(join, carry.length);
      buf = join.subarray(0, need);
      turn ^= 1;
    }
    await step(buf, chunk.ascii && (carry === undefined || carryAscii), false);
  }
  await step(carry ?? Buffer.alloc(0), carry === undefined || carryAscii, true);
  if (fields < 0 || rows === 0) throw new BadCsvInput("no header or no rows");
  return { rows, bytes };
}
