/**
 * One thread's share of a fast profiling pass: some of the contract's columns, over every file, in
 * row order. Each column is accumulated by one thread only, start to end, with the same
 * accumulators and in the same order as ProfileBuilder, so the profile is the same bytes whatever
 * the number of threads (the quantile sketch's compaction coin depends on the order of values, so
 * splitting a column across threads and merging would change it). The bytes are scanned by
 * readers/csv-columns.ts: numbers are parsed from the bytes, texts interned per column.
 */
import { createHash } from "node:crypto";
import type { ColumnRole, ColumnType } from "../contract/contract-types.ts";
import { aliasMap, applyAlias, coerceValue, showValue, type TypedValue } from "../contract/coerce.ts";
import { BadCsvInput, BATCH, ByteInterner, parseSimpleNumber, scanCsvRows, spanText, type Batch } from "../readers/csv-columns.ts";
import { isUnrepresentableNumber } from "./profile-builder.ts";
import { CategoryStats, NumericStats } from "./profile-column.ts";
import type { ColumnProfile, ProfileSettings } from "./profile-types.ts";
import { progressSink } from "../../common/progress.ts";

/** A contract column as a thread needs it (plain data: it crosses to worker threads). */
export interface PassColumn {
  /** Index in the contract. */
  index: number;
  type: ColumnType;
  roles: ColumnRole[];
  aliases: Record<string, string>;
  trueValues: string[];
  falseValues: string[];
  /** Frozen edges (one pass); null: no histogram; undefined: frozen from the data between two passes. */
  edges?: number[] | null;
}

/** What one thread profiles. */
export interface ColumnsTask {
  /** Files in order, each with the file column of every task column (-1: absent, all null). */
  files: { path: string; indices: number[] }[];
  delimiter: number;
  quote: number;
  trim: boolean;
  nullMarkers: string[];
  maxFieldBytes: number;
  chunkBytes: number;
  columns: PassColumn[];
  settings: Required<ProfileSettings>;
  twoPass: boolean;
  /** Positions in `columns` of the target and prediction whose agreement this thread counts. */
  agreement?: { target: number; prediction: number };
  /** Whether this thread also hashes the files (one thread does). */
  hash: boolean;
}

/**
 * Where a numeric column's values go instead of its own statistics, when another thread
 * accumulates them (profile-fast.ts): each batch's valid values in file order, with the rows,
 * nulls and invalid values counted since the last call.
 */
export type NumericSink = (values: Float64Array, counts: { rows: number; nulls: number; invalid: number }) => void;

/** What only the thread that scans needs (functions: they do not cross to workers). */
export interface PassHooks {
  /** By position in the task's columns: numeric columns another thread accumulates. */
  sinks?: (NumericSink | undefined)[];
  /**
   * By position in the task's columns: columns this thread leaves alone, handed raw (their field
   * spans) to `forward` with each batch, for another thread to parse and accumulate.
   */
  forwarded?: boolean[];
  /** Called with each batch before this thread's handlers see it, and the file it comes from. */
  forward?: (batch: Readonly<Batch>, file: { path: string; indices: number[] }) => void;
  /** Awaited before each chunk is scanned (back-pressure from the threads the sinks feed). */
  throttle?: () => Promise<void>;
}

export type ColumnsResult =
  | {
      ok: true;
      columns: ColumnProfile[];
      /** The first value of each column that did not coerce, with its line. */
      firstInvalid: ({ path: string; line: number; value: string } | undefined)[];
      rows: number[];
      digests?: { sha256: string; bytes: number }[];
      /** True when a file's digest differed between the two passes. */
      changed?: string;
      agreement?: { rows: number; agree: number };
    }
  | { ok: false; reason: string };

// Distinct texts a column's interner keeps before starting over (memory bound on high-cardinality columns).
const INTERN_LIMIT = 65536;

/** Per-column work for a batch; `typed[r]` is row r's coerced value (undefined: null or invalid) when `keepTyped`. */
interface ColumnHandler {
  rows(batch: Batch, offset: number): void;
  keepTyped: boolean;
  readonly typed: (TypedValue | undefined)[];
  flush(): void;
  stats: NumericStats | CategoryStats;
  firstInvalid: { path: string; line: number; value: string } | undefined;
  path: string;
}

export class NullMarkers {
  readonly #markers: Buffer[];
  readonly #max: number;
  readonly set: Set<string>;
  /** Only the empty text is null (the default): a length check is enough. */
  readonly onlyEmpty: boolean;
  constructor(markers: string[]) {
    this.#markers = markers.map((marker) => Buffer.from(marker));
    this.#max = Math.max(0, ...this.#markers.map((marker) => marker.length));
    this.set = new Set(markers);
    this.onlyEmpty = this.set.size === 1 && this.set.has("");
  }
  /** Whether the field's bytes are a marker (a field with doubled quotes is checked by its text). */
  test(buf: Buffer, start: number, end: number, doubled: boolean, ascii: boolean, quote: number): boolean {
    const length = end - start;
    if (this.onlyEmpty) return length === 0;
    if (length > this.#max) return false;
    if (doubled) return this.set.has(spanText(buf, start, end, true, quote, ascii));
    for (const marker of this.#markers) {
      if (marker.length !== length) continue;
      let i = 0;
      while (i < length && marker[i] === buf[start + i]) i++;
      if (i === length) return true;
    }
    return false;
  }
}

export class NumericHandler implements ColumnHandler {
  readonly stats: NumericStats;
  keepTyped = false;
  readonly typed: (TypedValue | undefined)[] = [];
  firstInvalid: { path: string; line: number; value: string } | undefined;
  path = "";
  pass = 1;
  readonly #integer: boolean;
  readonly #column: PassColumn;
  readonly #nulls: NullMarkers;
  readonly #quote: number;
  // Valid values go through the statistics a batch at a time (tight loops over a typed array).
  readonly #values = new Float64Array(BATCH);
  #count = 0;

  constructor(column: PassColumn, settings: Required<ProfileSettings>, nulls: NullMarkers, quote: number) {
    this.#column = column;
    this.#integer = column.type === "integer";
    this.#nulls = nulls;
    this.#quote = quote;
    this.stats = new NumericStats({
      type: column.type,
      roles: column.roles,
      sketchK: settings.sketch_k,
      seed: settings.seed,
      bins: settings.bins,
      edges: column.edges ?? undefined,
      exactCap: settings.exact_cap,
    });
  }

  rows(batch: Batch, offset: number): void {
    const { buf, ascii, rows, start, end, doubled } = batch;
    const stats = this.stats;
    const first = this.pass === 1;
    const nulls = this.#nulls;
    const integer = this.#integer;
    const values = this.#values;
    const keep = this.keepTyped;
    let count = this.#count;
    if (first) stats.count += rows;
    if (offset < 0) {
      // Not in the file: every row is null.
      if (first) stats.nulls += rows;
      if (keep) this.typed.fill(undefined, 0, rows);
      this.flush();
      return;
    }
    for (let r = 0; r < rows; r++) {
      const s = start[offset + r]!;
      if (keep) this.typed[r] = undefined;
      const e = end[offset + r]!;
      const quoted = doubled[offset + r] === 1;
      if (nulls.test(buf, s, e, quoted, ascii, this.#quote)) {
        if (first) stats.nulls++;
        continue;
      }
      let value = quoted ? undefined : parseSimpleNumber(buf, s, e, integer);
      if (value === undefined) {
        const text = spanText(buf, s, e, quoted, this.#quote, ascii);
        const coerced = coerceValue(text, this.#column.type);
        if (!coerced.ok) {
          if (!first) continue;
          if (this.#column.type === "number" && isUnrepresentableNumber(text)) throw new BadCsvInput("unrepresentable number");
          stats.invalid++;
          this.firstInvalid ??= { path: this.path, line: batch.lines[r]!, value: showValue(text) };
          continue;
        }
        value = coerced.value as number;
      }
      if (keep) this.typed[r] = value;
      values[count++] = value;
    }
    this.#count = count;
    this.flush();
  }

  /** Set when another thread accumulates this column (pass 1 only). */
  sink: NumericSink | undefined;
  #sent = { rows: 0, nulls: 0, invalid: 0 };

  flush(): void {
    const sink = this.sink;
    if (sink !== undefined) {
      const { count, nulls, invalid } = this.stats;
      const sent = this.#sent;
      if (this.#count === 0 && count === sent.rows) return;
      sink(this.#values.slice(0, this.#count), { rows: count - sent.rows, nulls: nulls - sent.nulls, invalid: invalid - sent.invalid });
      this.#sent = { rows: count, nulls, invalid };
      this.#count = 0;
      return;
    }
    if (this.#count === 0) return;
    if (this.pass === 1) this.stats.addMany(this.#values, this.#count);
    else this.stats.addManyToHistogram(this.#values, this.#count);
    this.#count = 0;
  }
}

/** What an interned text means for its column. */
interface TextEntry {
  /** 0 null, 1 invalid, 2 valid. */
  kind: 0 | 1 | 2;
  value: TypedValue | undefined;
  text: string;
}

class TextHandler implements ColumnHandler {
  readonly stats: CategoryStats;
  keepTyped = false;
  readonly typed: (TypedValue | undefined)[] = [];
  firstInvalid: { path: string; line: number; value: string } | undefined;
  path = "";
  readonly #column: PassColumn;
  readonly #aliases: Map<string, string> | undefined;
  readonly #nulls: NullMarkers;
  readonly #quote: number;
  readonly #interner = new ByteInterner();
  #entries: TextEntry[] = [];
  // Counts of the batch's valid values by id, and the ids in the order they first came in the batch:
  // flushed in that order, so the category cap sees new values in file order.
  #counts = new Int32Array(1024);
  readonly #order: number[] = [];
  #scratch = Buffer.alloc(256);

  constructor(column: PassColumn, settings: Required<ProfileSettings>, nulls: NullMarkers, quote: number) {
    this.#column = column;
    this.#aliases = aliasMap(column);
    this.#nulls = nulls;
    this.#quote = quote;
    this.stats = new CategoryStats({ type: column.type, roles: column.roles, cap: settings.category_cap });
  }

  rows(batch: Batch, offset: number): void {
    const { ascii, rows, start, end, doubled } = batch;
    const stats = this.stats;
    const interner = this.#interner;
    const keep = this.keepTyped;
    stats.count += rows;
    if (offset < 0) {
      // Not in the file: every row is null.
      stats.nulls += rows;
      if (keep) this.typed.fill(undefined, 0, rows);
      return;
    }
    for (let r = 0; r < rows; r++) {
      let s = start[offset + r]!;
      let e = end[offset + r]!;
      let buf = batch.buf;
      const quoted = doubled[offset + r] === 1;
      if (quoted) {
        // Intern the value, not its quoted spelling: `"a""b"` and `a"b` are one value.
        const text = spanText(buf, s, e, true, this.#quote, ascii);
        const length = Buffer.byteLength(text);
        if (this.#scratch.length < length) this.#scratch = Buffer.alloc(length * 2);
        this.#scratch.write(text);
        buf = this.#scratch;
        s = 0;
        e = length;
      }
      const id = interner.id(buf, s, e);
      if (interner.isNew) this.#entries[id] = this.#classify(spanText(buf, s, e, false, this.#quote, ascii && !quoted));
      const entry = this.#entries[id]!;
      if (keep) this.typed[r] = entry.value;
      if (entry.kind === 0) stats.nulls++;
      else if (entry.kind === 1) {
        stats.invalid++;
        this.firstInvalid ??= { path: this.path, line: batch.lines[r]!, value: showValue(entry.text) };
      } else {
        if (id >= this.#counts.length) {
          const grown = new Int32Array(this.#counts.length * 2);
          grown.set(this.#counts);
          this.#counts = grown;
        }
        const counts = this.#counts;
        if (counts[id] === 0) this.#order.push(id);
        counts[id] = counts[id]! + 1;
      }
    }
    this.flush();
  }

  #classify(text: string): TextEntry {
    if (this.#nulls.set.has(text)) return { kind: 0, value: undefined, text };
    const coerced = coerceValue(applyAlias(text, this.#aliases), this.#column.type, this.#column);
    return coerced.ok ? { kind: 2, value: coerced.value, text } : { kind: 1, value: undefined, text };
  }

  flush(): void {
    const counts = this.#counts;
    for (const id of this.#order) {
      const value = this.#entries[id]?.value;
      if (value !== undefined) this.stats.add(value, counts[id]);
      counts[id] = 0;
    }
    this.#order.length = 0;
    if (this.#interner.size > INTERN_LIMIT) {
      this.#interner.clear();
      this.#entries = [];
    }
  }
}

/** Profiles the task's columns over its files; a bad input (anything CsvParser would reject) gives `ok: false`. */
export async function runColumnsPass(task: ColumnsTask, hooks: PassHooks = {}): Promise<ColumnsResult> {
  const nulls = new NullMarkers(task.nullMarkers);
  const handlers: ColumnHandler[] = task.columns.map((column, c) => {
    if (column.type !== "integer" && column.type !== "number") return new TextHandler(column, task.settings, nulls, task.quote);
    const handler = new NumericHandler(column, task.settings, nulls, task.quote);
    handler.sink = hooks.sinks?.[c];
    return handler;
  });
  const rows: number[] = [];
  const digests: { sha256: string; bytes: number }[] = [];
  const agreement = task.agreement === undefined ? undefined : { ...task.agreement, rows: 0, agree: 0 };
  try {
    for (const file of task.files) {
      for (const handler of handlers) handler.path = file.path;
      const read = await scanFile(task, file, handlers, agreement, hooks);
      rows.push(read.rows);
      if (read.digest !== undefined) digests.push(read.digest);
    }
    if (task.twoPass) {
      const numeric = handlers.filter((handler): handler is NumericHandler => handler instanceof NumericHandler);
      for (const handler of numeric) {
        handler.stats.freeze();
        handler.pass = 2;
      }
      for (const [f, file] of task.files.entries()) {
        const read = await scanFile(
          task,
          { path: file.path, indices: file.indices.map((index, c) => (numeric.includes(handlers[c] as NumericHandler) ? index : -2)) },
          handlers,
          undefined,
        );
        if (read.digest !== undefined && read.digest.sha256 !== digests[f]?.sha256) return { ok: true, ...finish(), changed: file.path };
      }
    }
  } catch (error) {
    if (error instanceof BadCsvInput) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, ...finish() };

  function finish() {
    return {
      columns: handlers.map((handler) => handler.stats.toJSON()),
      firstInvalid: handlers.map((handler) => handler.firstInvalid),
      rows,
      ...(task.hash ? { digests } : {}),
      ...(agreement === undefined ? {} : { agreement: { rows: agreement.rows, agree: agreement.agree } }),
    };
  }
}

/**
 * One pass over one file: the header row is skipped (the caller read it with CsvParser), each data
 * row is checked for its field count, and batches of rows go to the handlers column by column
 * (index -2: the handler sits this pass out).
 */
async function scanFile(
  task: ColumnsTask,
  file: { path: string; indices: number[] },
  handlers: ColumnHandler[],
  agreement: { target: number; prediction: number; rows: number; agree: number } | undefined,
  hooks: PassHooks = {},
): Promise<{ rows: number; digest?: { sha256: string; bytes: number } }> {
  const { throttle, forward, forwarded } = hooks;
  // Rows read, for a face's progress bar (none in a worker thread: its context has no sink).
  const progress = progressSink();
  const hash = task.hash ? createHash("sha256") : undefined;
  const active = handlers.flatMap((_, c) => (file.indices[c] === -2 || forwarded?.[c] === true ? [] : [c]));
  if (agreement !== undefined) {
    handlers[agreement.target]!.keepTyped = true;
    handlers[agreement.prediction]!.keepTyped = true;
  }
  let rows = 0;
  const processBatch = (batch: Batch): void => {
    forward?.(batch, file);
    for (const c of active) {
      const index = file.indices[c]!;
      handlers[c]!.rows(batch, index < 0 ? -1 : index * BATCH);
    }
    if (agreement !== undefined) {
      const targets = handlers[agreement.target]!.typed;
      const predictions = handlers[agreement.prediction]!.typed;
      for (let r = 0; r < batch.rows; r++) {
        const t = targets[r];
        const v = predictions[r];
        if (t === undefined || v === undefined) continue;
        agreement.rows++;
        if (String(t) === String(v)) agreement.agree++;
      }
    }
    rows += batch.rows;
    progress?.({ task: `reading ${file.path}`, done: rows, unit: "rows" });
  };
  const read = await scanCsvRows({
    path: file.path,
    dialect: { delimiter: task.delimiter, quote: task.quote, trim: task.trim, maxFieldBytes: task.maxFieldBytes },
    widest: Math.max(0, ...file.indices) + 1,
    chunkBytes: task.chunkBytes,
    ...(hash === undefined ? {} : { hash }),
    ...(throttle === undefined ? {} : { throttle }),
    each: processBatch,
  });
  for (const handler of handlers) handler.flush();
  return { rows: read.rows, ...(hash === undefined ? {} : { digest: { sha256: hash.digest("hex"), bytes: read.bytes } }) };
}
