/**
 * JSON Lines as a TableSource: one JSON object per line, blank lines skipped. The columns are the
 * keys of the first batch in first-seen order (read when the file is opened); a later key that is
 * not among them is an error rather than a silently dropped column. Nested values become JSON text.
 */
import { UserError } from "../../common/errors.ts";
import type { RawValue, ReadOptions, RecordBatch, TableSource } from "./table.ts";
import { openByteSource } from "./byte-source.ts";
import { textChunks, type TextChunk } from "./text-chunks.ts";

const LF = 10;
const DEFAULT_BATCH_SIZE = 8192;
const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
/** A line may hold many fields, so its limit is a multiple of the field limit. */
const LINE_LIMIT_FIELDS = 16;

interface ParsedLine {
  line: number;
  row: Record<string, unknown>;
}

/** Opens a JSON Lines file (gzip or not) and reads its first batch to learn the columns. */
export async function openJsonl(path: string, options: ReadOptions = {}): Promise<TableSource> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const maxLineBytes = (options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES) * LINE_LIMIT_FIELDS;
  const source = await openByteSource(path, { chunkBytes: options.chunkBytes });
  const rows = jsonRows(path, textChunks(source.chunks), maxLineBytes)[Symbol.asyncIterator]();

  const first: ParsedLine[] = [];
  let ended = false;
  while (first.length < batchSize) {
    const next = await rows.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    first.push(next.value);
  }
  if (first.length === 0 && options.allowNoRows !== true) {
    throw new UserError("is empty (no JSON lines)", { file: path, hint: "write one JSON object per line" });
  }
  const columns = [...new Set(first.flatMap((parsed) => Object.keys(parsed.row)))];
  const index = new Map(columns.map((name, i) => [name, i]));
  let started = false;

  async function* batches(): AsyncGenerator<RecordBatch> {
    try {
      if (first.length > 0) yield toBatch(path, first, columns, index);
      if (ended) return;
      let pending: ParsedLine[] = [];
      for (;;) {
        const next = await rows.next();
        if (next.done === true) break;
        pending.push(next.value);
        if (pending.length === batchSize) {
          yield toBatch(path, pending, columns, index);
          pending = [];
        }
      }
      if (pending.length > 0) yield toBatch(path, pending, columns, index);
    } finally {
      // Closes the file when the caller stops early or an error ends the read.
      await rows.return(undefined);
    }
  }

  return {
    path,
    format: "jsonl",
    columns,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return batches();
    },
    digest: () => source.digest(),
  };
}

/** Column-major batch from parsed rows; a key outside `columns` is a UserError. */
function toBatch(path: string, parsed: ParsedLine[], columns: string[], index: Map<string, number>): RecordBatch {
  const out: RawValue[][] = columns.map(() => new Array<RawValue>(parsed.length).fill(null));
  for (let r = 0; r < parsed.length; r++) {
    const { row, line } = parsed[r] as ParsedLine;
    for (const key in row) {
      const c = index.get(key);
      if (c === undefined) {
        throw new UserError(`has the key "${key}", which is not among the columns found in the first rows (${columns.join(", ")})`, {
          file: path,
          line,
          hint: "make every key appear in the first rows of the file (a null value is enough), or use CSV",
        });
      }
      (out[c] as RawValue[])[r] = toRaw(row[key]);
    }
  }
  return { length: parsed.length, lines: parsed.map((p) => p.line), columns: out };
}

function toRaw(value: unknown): RawValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** Parses each non-blank line into an object, with its 1-based line number. */
async function* jsonRows(path: string, chunks: AsyncIterable<TextChunk>, maxLineBytes: number): AsyncGenerator<ParsedLine> {
  let carry: Buffer | undefined;
  let line = 1;
  for await (const chunk of chunks) {
    const buf = carry === undefined ? chunk.bytes : Buffer.concat([carry, chunk.bytes]);
    carry = undefined;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      const parsed = parseLine(path, buf.toString("utf8", start, nl), line, maxLineBytes);
      if (parsed !== undefined) yield parsed;
      line++;
      start = nl + 1;
    }
    if (start < buf.length) carry = buf.subarray(start);
    if (carry !== undefined && carry.length > maxLineBytes) {
      throw new UserError(`has a line longer than ${maxLineBytes} bytes`, {
        file: path,
        line,
        hint: "split the record, or check that the file really is JSON Lines",
      });
    }
    if (chunk.bad !== undefined) {
      throw new UserError(chunk.bad === "NUL byte" ? "contains a NUL byte" : "is not valid UTF-8", {
        file: path,
        line,
        hint: chunk.bad === "NUL byte" ? "the file looks binary or corrupt; export it again" : "save the file as UTF-8",
      });
    }
  }
  if (carry !== undefined) {
    const parsed = parseLine(path, carry.toString("utf8"), line, maxLineBytes);
    if (parsed !== undefined) yield parsed;
  }
}

function parseLine(path: string, text: string, line: number, maxLineBytes: number): ParsedLine | undefined {
  if (text.length > maxLineBytes) {
    throw new UserError(`has a line longer than ${maxLineBytes} bytes`, {
      file: path,
      line,
      hint: "split the record, or check that the file really is JSON Lines",
    });
  }
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new UserError(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      file: path,
      line,
      hint: "write one JSON object per line; NaN and Infinity are not JSON (use null)",
      cause: error,
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`holds ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}, not a JSON object`, {
      file: path,
      line,
      hint: 'write one object per line, such as {"age": 39, "sex": "Male"}',
    });
  }
  return { line, row: value as Record<string, unknown> };
}
