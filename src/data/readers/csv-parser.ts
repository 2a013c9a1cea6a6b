/**
 * The RFC 4180 state machine behind the CSV reader. It works on bytes: a tight loop finds the end
 * of each unquoted field, `indexOf` jumps between quotes, and a field becomes a string only once
 * (latin1 when the chunk is pure ASCII, which is the cheap case). State survives chunk boundaries
 * by carrying the bytes of the unfinished field over, never more: memory is one batch plus one
 * field, and an over-long field fails as soon as it crosses `maxFieldBytes`.
 *
 * Choices where RFC 4180 is silent or real files break it:
 * - A quote inside an unquoted field (`5'11"`) is kept as text, like Python's csv and pandas.
 * - Text after a closing quote (`"ab"c`) is an error: it almost always means an unescaped quote.
 * - With `trim`, spaces/tabs around a quoted field are dropped too; spaces inside quotes are data.
 * - Null markers are compared with the field's text whether it was quoted or not (as pandas does),
 *   so `""` is null when `""` is a marker.
 * - Completely empty lines are skipped (as pandas does); lone CR, LF and CRLF all end a line.
 */
import { UserError } from "../../common/errors.ts";
import { countLineBreaks, CR, LF, SPACE, TAB, type FastSlices } from "./csv-columns.ts";
import type { RawValue } from "./table.ts";

/** How the parser reads; bytes for the delimiter and quote. */
export interface CsvParserOptions {
  file: string;
  delimiter: number;
  quote: number;
  trim: boolean;
  nullMarkers: string[];
  maxFieldBytes: number;
  batchSize: number;
}

/** Parses CSV bytes into a header and column-major batches; feed it with `parse`. */
export class CsvParser {
  /** Column names, once the header row has been parsed. */
  header: string[] | undefined;
  headerLine = 0;
  /** The line the parser is at (where the carried field starts). */
  line = 1;
  /** Data rows parsed so far, all batches. */
  rowCount = 0;
  /** The batch being filled. */
  columns: RawValue[][] = [];
  lines: number[] = [];
  length = 0;
  /** Bytes of an unfinished field, to be put in front of the next chunk. */
  carry: Buffer | undefined;

  private readonly options: CsvParserOptions;
  private readonly nullSet: Set<string>;
  private readonly onlyEmptyIsNull: boolean;
  private readonly maxMarkerBytes: number;
  private readonly quoteText: string;
  private headerFields: string[] = [];
  private ncols = 0;
  private fieldIndex = 0;
  private rowLine = 1;
  private skipLF = false;
  /** The whole buffer as a string when it is ASCII: slicing a string is cheaper than decoding each field. */
  private asciiText: string | undefined;
  private textOf: Buffer | undefined;
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);

  constructor(options: CsvParserOptions) {
    this.options = options;
    this.nullSet = new Set(options.nullMarkers);
    this.onlyEmptyIsNull = this.nullSet.size === 1 && this.nullSet.has("");
    this.maxMarkerBytes = Math.max(0, ...options.nullMarkers.map((m) => Buffer.byteLength(m)));
    this.quoteText = String.fromCharCode(options.quote);
  }

  /** True when the batch has `batchSize` rows. */
  full(): boolean {
    return this.length >= this.options.batchSize;
  }

  /** Hands over the filled batch and starts an empty one. */
  takeBatch(): { length: number; lines: number[]; columns: RawValue[][] } {
    const batch = { length: this.length, lines: this.lines, columns: this.columns };
    this.columns = Array.from({ length: this.ncols }, () => []);
    this.lines = [];
    this.length = 0;
    return batch;
  }

  /**
   * Parses `buf` from `start`. Returns where it stopped: `buf.length` when the buffer is used up
   * (an unfinished field goes to `carry`), earlier when the batch is full or the header is done.
   * `final` means no more bytes follow, so the end of `buf` ends the last field and row.
   */
  parse(buf: Buffer, start: number, ascii: boolean, final: boolean): number {
    this.carry = undefined;
    if (buf !== this.textOf) {
      this.textOf = buf;
      this.asciiText = ascii ? (buf as Buffer & FastSlices).latin1Slice(0, buf.length) : undefined;
    }
    const { delimiter: d, quote: q, trim, maxFieldBytes: max } = this.options;
    const end = buf.length;
    let p = start;
    if (this.skipLF && p < end) {
      if (buf[p] === LF) p++;
      this.skipLF = false;
    }
    for (;;) {
      // At the start of a field.
      if (p >= end) {
        if (final && this.fieldIndex > 0) {
          this.emit(this.onlyEmptyIsNull ? null : this.marked("", 0)); // a delimiter right before the end
          this.endRow();
        }
        return end;
      }
      if (this.fieldIndex === 0) {
        const first = buf[p];
        if (first === LF || first === CR) {
          p = this.lineBreak(buf, p, final); // a blank line
          continue;
        }
        this.rowLine = this.line;
      }
      let s = p;
      // A tab that is the delimiter is never padding.
      if (trim) while (s < end && (buf[s] === SPACE || (buf[s] === TAB && d !== TAB))) s++;
      let i: number;
      if (s < end && buf[s] === q) {
        i = this.quoted(buf, p, s, final);
        if (i < 0) return end; // unfinished: carried
      } else {
        i = s;
        while (i < end) {
          const c = buf[i];
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i - s > max) this.tooLong();
        if (i === end && !final) {
          this.carry = buf.subarray(p);
          return end;
        }
        let e = i;
        if (trim) while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        if (this.onlyEmptyIsNull) this.emit(e === s ? null : this.text(buf, s, e));
        else this.emit(this.marked(this.text(buf, s, e), e - s));
      }
      p = i;
      if (p >= end) {
        this.endRow(); // final: the end of the input ends the row
        return end;
      }
      if (buf[p] === d) {
        p++;
        continue;
      }
      p = this.lineBreak(buf, p, final);
      this.endRow();
      if (this.length === this.options.batchSize || this.rowCount === 0) return p;
    }
  }

  /** Consumes the line break at `p` (CR, LF or CRLF) and counts the line. */
  private lineBreak(buf: Buffer, p: number, final: boolean): number {
    this.line++;
    if (buf[p] === CR) {
      if (p + 1 < buf.length) return buf[p + 1] === LF ? p + 2 : p + 1;
      if (!final) this.skipLF = true; // the LF of a CRLF may open the next chunk
    }
    return p + 1;
  }

  /**
   * Parses a quoted field whose quote is at `s` (the field starts at `p`, before trimmed spaces).
   * Returns the position after it (and any trailing spaces), or -1 when it continues past `buf`.
   */
  private quoted(buf: Buffer, p: number, s: number, final: boolean): number {
    const { delimiter: d, quote: q, trim, maxFieldBytes: max } = this.options;
    const end = buf.length;
    let j = s + 1;
    let doubled = false;
    let k: number;
    for (;;) {
      k = buf.indexOf(q, j);
      if (k < 0 || (k + 1 >= end && !final)) {
        if (end - s - 1 > max) this.tooLong();
        if (final) {
          throw new UserError("has a quoted field that is never closed (its opening quote is on this line)", {
            file: this.options.file,
            line: this.line,
            hint: `close the field with ${this.quoteText}; a quote inside a quoted field is written twice (${this.quoteText}${this.quoteText})`,
          });
        }
        this.carry = buf.subarray(p);
        return -1;
      }
      if (buf[k + 1] === q) {
        doubled = true;
        j = k + 2;
        continue;
      }
      break;
    }
    if (k - s - 1 > max) this.tooLong();
    let i = k + 1;
    if (trim) while (i < end && (buf[i] === SPACE || (buf[i] === TAB && d !== TAB))) i++;
    if (i === end && !final) {
      this.carry = buf.subarray(p);
      return -1;
    }
    const breaks = countLineBreaks(buf, s + 1, k);
    if (i < end) {
      const c = buf[i];
      if (c !== d && c !== LF && c !== CR) {
        throw new UserError(`has text after the closing quote of a quoted field`, {
          file: this.options.file,
          line: this.line + breaks,
          hint: `a quote inside a quoted field must be written twice (${this.quoteText}${this.quoteText}); put a delimiter right after the closing quote`,
        });
      }
    }
    let value = this.text(buf, s + 1, k);
    if (doubled) value = value.replaceAll(this.quoteText + this.quoteText, this.quoteText);
    this.emit(this.onlyEmptyIsNull ? (value === "" ? null : value) : this.marked(value, 0));
    this.line += breaks;
    return i;
  }

  private text(buf: Buffer, s: number, e: number): string {
    // V8 copies slices shorter than 13 characters; longer ones would keep the whole chunk alive
    // for as long as a caller keeps the value, so those are decoded on their own.
    if (this.asciiText !== undefined) return e - s < 13 ? this.asciiText.slice(s, e) : this.longAscii(buf, s, e);
    return (buf as Buffer & FastSlices).utf8Slice(s, e);
  }

  /**
   * A longer ASCII field, through a small cache of recent values: categorical columns repeat the
   * same texts, and comparing bytes with a cached string is cheaper than decoding a new one.
   */
  private longAscii(buf: Buffer, s: number, e: number): string {
    const length = e - s;
    if (length > 64) return (buf as Buffer & FastSlices).latin1Slice(s, e);
    const slot = (length * 7919 + (buf[s] ?? 0) * 31 + (buf[e - 1] ?? 0) * 131 + (buf[s + (length >> 1)] ?? 0)) & 1023;
    const cached = this.recent[slot];
    if (cached !== undefined && cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === buf[s + i]) i++;
      if (i === length) return cached;
    }
    const text = (buf as Buffer & FastSlices).latin1Slice(s, e);
    this.recent[slot] = text;
    return text;
  }

  /** The value, or null when it is a null marker (`bytes` 0 means "check anyway"). */
  private marked(value: string, bytes: number): string | null {
    return bytes <= this.maxMarkerBytes && this.nullSet.has(value) ? null : value;
  }

  private emit(value: RawValue): void {
    if (this.header === undefined) this.headerFields.push(typeof value === "string" ? value : "");
    else if (this.fieldIndex < this.ncols) (this.columns[this.fieldIndex] as RawValue[]).push(value);
    this.fieldIndex++;
  }

  private endRow(): void {
    if (this.header === undefined) {
      this.setHeader();
      return;
    }
    if (this.fieldIndex !== this.ncols) {
      throw new UserError(`has ${this.fieldIndex} fields, but the header (line ${this.headerLine}) has ${this.ncols}`, {
        file: this.options.file,
        line: this.rowLine,
        hint: `give every row ${this.ncols} fields; quote fields that contain the delimiter or line breaks`,
      });
    }
    this.lines.push(this.rowLine);
    this.length++;
    this.rowCount++;
    this.fieldIndex = 0;
  }

  private setHeader(): void {
    const names = this.headerFields;
    const where = { file: this.options.file, line: this.rowLine };
    const empty = names.indexOf("");
    if (empty >= 0) {
      throw new UserError(`column ${empty + 1} of the header has an empty name`, {
        ...where,
        hint: "name every column (a delimiter at the end of the header line makes an empty last name)",
      });
    }
    const seen = new Map<string, number>();
    const duplicates: string[] = [];
    names.forEach((name, index) => {
      const before = seen.get(name);
      if (before === undefined) seen.set(name, index);
      else duplicates.push(`"${name}" (columns ${before + 1} and ${index + 1})`);
    });
    if (duplicates.length > 0) {
      throw new UserError(`duplicate column name${duplicates.length === 1 ? "" : "s"} in the header: ${duplicates.join(", ")}`, {
        ...where,
        hint: "give every column a unique name",
      });
    }
    this.header = names;
    this.headerLine = this.rowLine;
    this.ncols = names.length;
    this.headerFields = [];
    this.fieldIndex = 0;
    this.takeBatch();
  }

  private tooLong(): never {
    throw new UserError(`has a field longer than ${this.options.maxFieldBytes} bytes`, {
      file: this.options.file,
      line: this.line,
      hint: "check the quoting (an unclosed quote swallows the rest of the file) or raise maxFieldBytes",
    });
  }
}
