/**
 * The fast validation path over plain CSV files: the bytes are cut into field spans by
 * readers/csv-columns.ts (no string per cell), numbers are parsed from the bytes, and every other
 * cell is interned per column, so aliases, coercion and the per-value checks run once per distinct
 * text. The checks themselves are ColumnValidator's (`prepare`, `addPrepared`, `addNumber`, the same
 * code the readers' path runs), so the report is the same whichever path read the file.
 *
 * It applies to plain (not gzip) CSV files; MODELSHIP_FAST_CSV=0 turns it off. On input the readers
 * reject (a ragged row, a bad quote, invalid UTF-8, no rows, …) the file is replayed through the
 * readers, which throw their exact error with its line.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ColumnContract, PiiScanSettings } from "../contract/contract-types.ts";
import { BadCsvInput, BATCH, ByteInterner, parseSimpleNumber, scanCsvRows, spanText, type Batch } from "../readers/csv-columns.ts";
import { csvDialect, readCsvHeader } from "../readers/csv-reader.ts";
import { formatFromName, openTable } from "../readers/open-table.ts";
import type { ReadOptions, TableSource } from "../readers/table.ts";
import { NullMarkers } from "../profile/profile-columns-pass.ts";
import { showValue } from "../contract/coerce.ts";
import { ColumnValidator, type CanonicalValue, type PreparedCell } from "./validate-column.ts";
import { Hash64 } from "./hash-table.ts";
import type { CheckResult } from "./validation-report-types.ts";
import { progressSink } from "../../common/progress.ts";

/** Bytes read from disk at a time. */
const CHUNK_BYTES = 1024 * 1024;
/** Distinct texts a column keeps prepared before starting over (memory bound on high-cardinality columns). */
const INTERN_LIMIT = 65536;

/** A CSV file opened for the fast path: a TableSource whose rows come through `scan`, not `batches`. */
export interface FastCsvSource extends TableSource {
  /**
   * Streams the rows in batches of field spans (column-major, `BATCH` rows a column, see
   * csv-columns.ts' `Batch`) to `each`, hashing the file as it goes unless `hashing` is
   * false (a worker hashes it: `adoptDigest`). `widest` is one past the last file column anyone
   * reads. On bad input it replays the file through the readers, which throw their UserError.
   */
  scan(widest: number, each: (batch: Readonly<Batch>) => void | Promise<void>, hashing?: boolean): Promise<void>;
  /** The file's digest, from the thread that hashed it. */
  adoptDigest(digest: { sha256: string; bytes: number }): void;
  /** The texts that mean "missing", and the dialect, as the file is read. */
  nullMarkers: readonly string[];
  quote: number;
  settings: ScanSettings;
  /** Streams the file through the readers, which throw their UserError for the bad input a worker met. */
  replay(cause: Error): Promise<never>;
}

/** Whether a source is read by the fast path. */
export function isFastCsvSource(source: TableSource): source is FastCsvSource {
  return "scan" in source;
}

/** Why the fast path does not apply to this file, or undefined when it does (gzip is found on opening). */
export function fastValidateRefusal(path: string, read: ReadOptions): string | undefined {
  if (process.env.MODELSHIP_FAST_CSV === "0") return "MODELSHIP_FAST_CSV=0";
  if ((read.format ?? formatFromName(path)) !== "csv") return `${path} is not CSV`;
  return undefined;
}

/**
 * Opens a CSV file for the fast path: the header is read (and checked) by the readers. Undefined
 * when the file is gzip (the readers then stream it).
 */
export async function openFastCsv(path: string, read: ReadOptions): Promise<FastCsvSource | undefined> {
  const header = await readCsvHeader(path, read);
  if (header.gzip) return undefined;
  const dialect = csvDialect(path, read);
  let digest: { sha256: string; bytes: number } | undefined;
  let started = false;
  const settings: ScanSettings = {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    trim: read.trim ?? false,
    maxFieldBytes: dialect.maxFieldBytes,
    chunkBytes: read.chunkBytes ?? CHUNK_BYTES,
  };
  return {
    path,
    format: "csv",
    columns: header.columns,
    headerLine: header.headerLine,
    nullMarkers: read.nullMarkers ?? [""],
    quote: dialect.quote,
    settings,
    replay: (cause) => replay(path, read, cause),
    batches() {
      throw new Error(`the rows of ${path} are read with scan()`);
    },
    digest: () => digest,
    adoptDigest(given) {
      digest = given;
    },
    async scan(widest, each, hashing = true) {
      if (started) throw new Error(`scan() of ${path} can only run once`);
      started = true;
      try {
        // Rows read, for a face's progress bar, as the readers report them (open-table.ts).
        const progress = progressSink();
        let done = 0;
        const counted =
          progress === undefined
            ? each
            : async (batch: Readonly<Batch>) => {
                done += batch.rows;
                progress({ task: `reading ${path}`, done, unit: "rows" });
                await each(batch);
              };
        const read = await scanCsv(path, settings, Math.max(1, widest), settings.chunkBytes, hashing, counted);
        if (hashing) digest = read;
      } catch (error) {
        if (!(error instanceof BadCsvInput)) throw error;
        await replay(path, read, error);
      }
    },
  };
}

/** Streams the file through the readers, which throw the exact UserError for what the scanner refused. */
async function replay(path: string, read: ReadOptions, cause: Error): Promise<never> {
  const source = await openTable(path, read);
  for await (const batch of source.batches()) if (batch.length < 0) break;
  throw new Error(`the fast CSV path refused ${path} (${cause.message}) but the readers accept it`);
}

/** One pass over one file (csv-columns.ts' scanCsvRows), the rows handed out a batch at a time. Returns the file's digest. */
async function scanCsv(
  path: string,
  dialect: { delimiter: number; quote: number; trim: boolean; maxFieldBytes: number },
  widest: number,
  chunkBytes: number,
  hashing: boolean,
  each: (batch: Readonly<Batch>) => void | Promise<void>,
): Promise<{ sha256: string; bytes: number }> {
  const hash = hashing ? createHash("sha256") : undefined;
  const read = await scanCsvRows({ path, dialect, widest, chunkBytes, ...(hash === undefined ? {} : { hash }), each });
  return { sha256: hash?.digest("hex") ?? "", bytes: read.bytes };
}

const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);
const textHash = new Hash64();

/**
 * What each cell of a batch mixes into a row hash, as `Hash64` (by way of `hashValue`) mixes its
 * canonical value: `kind` 0 missing, 1 one word (a boolean), 2 two words (a text's own hash), 3 a
 * number (its two 32-bit halves and the number tag).
 */
export interface CellWords {
  kind: Uint8Array;
  w1: Int32Array;
  w2: Int32Array;
}

/** Sets `words[at]` to what `value` mixes into a row hash (k-anonymity.ts hashes the readers' values with it too). */
export function setWords(words: CellWords, at: number, value: CanonicalValue): void {
  if (value === null) words.kind[at] = 0;
  else if (typeof value === "number") {
    float[0] = value === 0 ? 0 : value; // -0 and 0 are the same value
    words.kind[at] = 3;
    words.w1[at] = floatWords[0]!;
    words.w2[at] = floatWords[1]!;
  } else if (typeof value === "boolean") {
    words.kind[at] = 1;
    words.w1[at] = value ? 1 : 2;
  } else {
    textHash.reset();
    textHash.text(value);
    words.kind[at] = 2;
    words.w1[at] = textHash.h1;
    words.w2[at] = textHash.h2;
  }
}

/** Mixes a column's cell words into rows' running hashes (`high`, `low`: Hash64's lanes, row by row). */
export function mixWords(high: Int32Array, low: Int32Array, words: CellWords | undefined, rows: number): void {
  for (let r = 0; r < rows; r++) {
    let h = high[r]!;
    let l = low[r]!;
    const kind = words === undefined ? 0 : words.kind[r]!;
    let w = kind === 0 ? 0x7fffffff : words!.w1[r]!;
    h = Math.imul(h ^ w, 0x01000193) ^ (h >>> 15);
    l = Math.imul(l ^ w, 0x5bd1e995) ^ (l >>> 13);
    if (kind >= 2) {
      w = words!.w2[r]!;
      h = Math.imul(h ^ w, 0x01000193) ^ (h >>> 15);
      l = Math.imul(l ^ w, 0x5bd1e995) ^ (l >>> 13);
      if (kind === 3) {
        h = Math.imul(h ^ 0x20000000, 0x01000193) ^ (h >>> 15);
        l = Math.imul(l ^ 0x20000000, 0x5bd1e995) ^ (l >>> 13);
      }
    }
    high[r] = h;
    low[r] = l;
  }
}

/** Room for `size` cells' hash words. */
export function wordsOf(size: number): CellWords {
  return { kind: new Uint8Array(size), w1: new Int32Array(size), w2: new Int32Array(size) };
}

/** Feeds one contract column's spans to its ColumnValidator; fills in the canonical values and each cell's hash words. */
export class FastColumnFeed {
  /** The last batch's cells' hash words. */
  readonly words: CellWords = wordsOf(BATCH);
  readonly #validator: ColumnValidator;
  readonly #nulls: NullMarkers;
  readonly #quote: number;
  /** Integer or number without aliases: plain decimals are parsed from the bytes. */
  readonly #numeric: boolean;
  readonly #integer: boolean;
  readonly #interner = new ByteInterner();
  // By interned id: the prepared cell (null for a null marker) and its hash words.
  #prepared: (PreparedCell | null)[] = [];
  #memo: CellWords = wordsOf(1024);
  // The span whose text `addNumber` may ask for.
  #buf: Buffer = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  #ascii = true;
  readonly #text = (): string => spanText(this.#buf, this.#start, this.#end, false, this.#quote, this.#ascii);

  constructor(validator: ColumnValidator, column: ColumnContract, nullMarkers: readonly string[], quote: number) {
    this.#validator = validator;
    this.#nulls = new NullMarkers([...nullMarkers]);
    this.#quote = quote;
    this.#numeric = (column.type === "integer" || column.type === "number") && Object.keys(column.aliases).length === 0;
    this.#integer = column.type === "integer";
  }

  /** Checks the batch's cells of file column `index` (its first row at `index·BATCH`). */
  rows(batch: Readonly<Batch>, index: number, canonical: CanonicalValue[], words: CellWords = this.words): void {
    const { buf, ascii, rows, start, end, doubled, lines } = batch;
    const validator = this.#validator;
    const offset = index * BATCH;
    validator.countRows(rows);
    const numeric = this.#numeric;
    const integer = this.#integer;
    const nulls = this.#nulls;
    const quote = this.#quote;
    const interner = this.#interner;
    const { kind, w1, w2 } = words;
    for (let r = 0; r < rows; r++) {
      const s = start[offset + r]!;
      const e = end[offset + r]!;
      const line = lines[r]!;
      if (doubled[offset + r] === 1) {
        // A quoted field with doubled quotes: its text differs from its bytes; not interned.
        const text = spanText(buf, s, e, true, quote, ascii);
        let value: CanonicalValue = null;
        if (nulls.set.has(text)) validator.addNull(line);
        else value = validator.addPrepared(validator.prepare(text), line);
        canonical[r] = value;
        setWords(words, r, value);
        continue;
      }
      if (numeric) {
        const value = parseSimpleNumber(buf, s, e, integer);
        if (value !== undefined) {
          this.#buf = buf;
          this.#start = s;
          this.#end = e;
          this.#ascii = ascii;
          canonical[r] = value;
          validator.addNumber(value, this.#text, line);
          float[0] = value === 0 ? 0 : value;
          kind[r] = 3;
          w1[r] = floatWords[0]!;
          w2[r] = floatWords[1]!;
          continue;
        }
      }
      const id = interner.id(buf, s, e);
      if (interner.isNew) this.#intern(id, spanText(buf, s, e, false, quote, ascii));
      const cell = this.#prepared[id]!;
      if (cell === null) {
        canonical[r] = null;
        validator.addNull(line);
      } else canonical[r] = validator.addPrepared(cell, line);
      const memo = this.#memo;
      kind[r] = memo.kind[id]!;
      w1[r] = memo.w1[id]!;
      w2[r] = memo.w2[id]!;
    }
    if (interner.size > INTERN_LIMIT) {
      interner.clear();
      this.#prepared = [];
    }
  }

  #intern(id: number, text: string): void {
    const cell = this.#nulls.set.has(text) ? null : this.#validator.prepare(text);
    this.#prepared[id] = cell;
    // What addPrepared returns for it: the typed value, or the text shown when it did not coerce.
    const value = cell === null ? null : cell.coerced.ok ? cell.coerced.value : (cell.shown ??= showValue(cell.raw));
    if (id >= this.#memo.kind.length) {
      const grown = wordsOf(this.#memo.kind.length * 2);
      grown.kind.set(this.#memo.kind);
      grown.w1.set(this.#memo.w1);
      grown.w2.set(this.#memo.w2);
      this.#memo = grown;
    }
    setWords(this.#memo, id, value);
  }
}

/** The dialect as the scanner needs it. */
export interface ScanSettings {
  delimiter: number;
  quote: number;
  trim: boolean;
  maxFieldBytes: number;
  chunkBytes: number;
}

/** What a validation worker is given: the file, and its contract columns with the file column each is read from. */
export interface ValidateWorkerData {
  columns: { contract: ColumnContract; index: number }[];
  path: string;
  /** Whether this worker hashes the file (the first one does). */
  hash: boolean;
  dataset: string;
  maxExamples: number;
  nullMarkers: string[];
  scan: ScanSettings;
  /** The contract's PII scan settings (absent: the defaults). */
  pii?: PiiScanSettings;
}

/** To a worker: one more batch of words may be in flight; `returned`: a batch's word buffers, read, for it to fill again. */
export type ValidateWorkerMessage = { ack: true; returned?: CellWords };

/**
 * A worker's answers: each batch's cell words (column after column, `rows` apart), then its
 * columns' results; `bad` when its scan met input the readers reject (this thread's scan meets it too).
 */
export type ValidateWorkerReply =
  | { rows: number; kind: Uint8Array; w1: Int32Array; w2: Int32Array }
  | { results: { checks: CheckResult[]; singleValued: boolean; truncated: boolean }[]; digest?: { sha256: string; bytes: number } }
  | { bad: string };

/** Batches of words a worker may send ahead of this thread (bounds memory: about 0.5 MB each). */
export const WORDS_IN_FLIGHT = 8;

/** Thrown by `ColumnWorkers` when a worker's scan met bad input: the caller replays the file for the readers' error. */
export class WorkerBadInput extends Error {}

/** Runs a worker's share: scans the file, checks its columns, posts the words of each batch and the results. */
export async function runValidateWorker(
  data: ValidateWorkerData,
  post: (reply: ValidateWorkerReply, transfer?: ArrayBuffer[]) => void,
  credit: () => Promise<void>,
  pool: CellWords[] = [],
): Promise<void> {
  const validators = data.columns.map(
    ({ contract }) =>
      new ColumnValidator({ column: contract, path: data.path, dataset: data.dataset, maxExamples: data.maxExamples, pii: data.pii }),
  );
  const feeds = validators.map(
    (validator, j) => new FastColumnFeed(validator, data.columns[j]!.contract, data.nullMarkers, data.scan.quote),
  );
  const canonical = data.columns.map((): CanonicalValue[] => []);
  const widest = Math.max(...data.columns.map((column) => column.index)) + 1;
  let digest: { sha256: string; bytes: number } | undefined;
  try {
    digest = await scanCsv(data.path, data.scan, widest, data.scan.chunkBytes, data.hash, async (batch) => {
      await credit();
      const rows = batch.rows;
      const size = rows * feeds.length;
      // Buffers this thread sent before and got back, when one is big enough.
      const reused = pool.pop();
      const words =
        reused !== undefined && reused.kind.buffer.byteLength >= size
          ? {
              kind: new Uint8Array(reused.kind.buffer, 0, size),
              w1: new Int32Array(reused.w1.buffer, 0, size),
              w2: new Int32Array(reused.w2.buffer, 0, size),
            }
          : wordsOf(size);
      feeds.forEach((feed, j) => {
        const own = {
          kind: words.kind.subarray(j * rows, (j + 1) * rows),
          w1: words.w1.subarray(j * rows, (j + 1) * rows),
          w2: words.w2.subarray(j * rows, (j + 1) * rows),
        };
        feed.rows(batch, data.columns[j]!.index, canonical[j]!, own);
      });
      post({ rows, ...words }, [words.kind.buffer, words.w1.buffer, words.w2.buffer] as ArrayBuffer[]);
    });
  } catch (error) {
    if (!(error instanceof BadCsvInput)) throw error;
    post({ bad: error.message });
    return;
  }
  post({
    results: validators.map((validator) => ({
      checks: validator.finish(),
      singleValued: validator.singleValued,
      truncated: validator.truncated,
    })),
    ...(data.hash ? { digest } : {}),
  });
}

/** A column checked in a worker thread, as validateDataset sees it once the worker has finished. */
export interface ColumnChecks {
  readonly column: ColumnContract;
  readonly singleValued: boolean;
  readonly truncated: boolean;
  finish(): CheckResult[];
}

/**
 * Where the worker's module is: beside this file in the sources; dist/validate-worker.js once
 * bundled (scripts/build.ts), found from dist/ or dist/chunks/. Undefined when it is missing.
 */
function workerUrl(): URL | undefined {
  if (import.meta.url.endsWith(".ts")) return new URL("./validate-worker.ts", import.meta.url);
  for (const candidate of ["./validate-worker.js", "../validate-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

type WordsReply = Extract<ValidateWorkerReply, { rows: number }>;
/** A worker, the contract columns it checks, its unread replies and how far into the first one this thread has read. */
type WorkerEntry = { worker: Worker; columns: number[]; replies: ValidateWorkerReply[]; offset: number };

/**
 * Worker threads that check some of the columns: each scans the file itself (the bytes are not
 * copied between threads) and sends the cells' hash words, which this thread mixes into the row
 * hashes in contract order. Each column is checked by one thread, start to end in file order, with
 * the same code, so the results do not depend on the number of threads; batches may be cut at
 * other rows in each thread, so words are taken by row count.
 */
export class ColumnWorkers {
  readonly #workers: WorkerEntry[];
  // Replies read to the end whose buffers go back to their worker once the caller has used the words.
  readonly #spent: { entry: WorkerEntry; reply: WordsReply }[] = [];
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  private constructor(groups: { columns: number[]; data: ValidateWorkerData }[], url: URL) {
    this.#workers = groups.map((group) => {
      // A small young generation: the worker's garbage is short-lived typed arrays, and peak RSS counts.
      const worker = new Worker(url, { workerData: group.data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      const entry = { worker, columns: group.columns, replies: [] as ValidateWorkerReply[], offset: 0 };
      let finished = false;
      worker.on("message", (reply: ValidateWorkerReply) => {
        if (!("rows" in reply)) finished = true;
        entry.replies.push(reply);
        this.#wake?.();
      });
      worker.once("error", (error: Error) => {
        this.#fail(error);
      });
      // A worker ends by itself once it posted its results; before that, an exit is a failure, never a hang.
      worker.once("exit", (code) => {
        if (!finished) this.#fail(new Error(`a validation worker exited with code ${code} before it finished`));
      });
      return entry;
    });
  }

  /**
   * Starts workers for some of `columns` (dealt out in turn; the rest stay on this thread), or
   * undefined when one thread is asked for, there are too few columns, or the worker's file is missing.
   */
  static start(options: {
    columns: { c: number; index: number; contract: ColumnContract }[];
    threads: number;
    data: Omit<ValidateWorkerData, "columns" | "hash">;
  }): ColumnWorkers | undefined {
    const count = Math.min(options.threads - 1, options.columns.length);
    const url = count > 0 ? workerUrl() : undefined;
    if (url === undefined) return undefined;
    const groups = Array.from({ length: count }, () => [] as { c: number; index: number; contract: ColumnContract }[]);
    // This thread also scans, hashes the file and runs the row checks: a worker takes two columns for each one it keeps.
    options.columns.forEach((column, i) => {
      const turn = i % (1 + 2 * count);
      if (turn > 0) groups[(turn - 1) >> 1]!.push(column);
    });
    const filled = groups.filter((group) => group.length > 0);
    if (filled.length === 0) return undefined;
    return new ColumnWorkers(
      filled.map((group, g) => ({
        columns: group.map((column) => column.c),
        data: { ...options.data, hash: g === 0, columns: group.map((column) => ({ contract: column.contract, index: column.index })) },
      })),
      url,
    );
  }

  /** Every contract column a worker checks. */
  get columns(): number[] {
    return this.#workers.flatMap((entry) => entry.columns);
  }

  /** The cell words of the next `rows` rows, by contract column. Throws WorkerBadInput when a worker's scan met bad input. */
  async receive(rows: number): Promise<Map<number, CellWords>> {
    // The words handed out last time were used by now.
    for (const { entry, reply } of this.#spent.splice(0)) {
      const returned = { kind: reply.kind, w1: reply.w1, w2: reply.w2 };
      entry.worker.postMessage({ ack: true, returned } satisfies ValidateWorkerMessage, [
        returned.kind.buffer,
        returned.w1.buffer,
        returned.w2.buffer,
      ] as ArrayBuffer[]);
    }
    const words = new Map<number, CellWords>();
    for (const entry of this.#workers) {
      const head = await this.#words(entry);
      let columns: CellWords[];
      if (head.rows - entry.offset >= rows) {
        // The common case: a view into one reply.
        columns = entry.columns.map((_, j) => view(head, j, entry.offset, rows));
        this.#consume(entry, rows);
      } else {
        columns = entry.columns.map(() => wordsOf(rows));
        let done = 0;
        while (done < rows) {
          const reply = await this.#words(entry);
          const take = Math.min(rows - done, reply.rows - entry.offset);
          entry.columns.forEach((_, j) => {
            const from = view(reply, j, entry.offset, take);
            columns[j]!.kind.set(from.kind, done);
            columns[j]!.w1.set(from.w1, done);
            columns[j]!.w2.set(from.w2, done);
          });
          this.#consume(entry, take);
          done += take;
        }
      }
      entry.columns.forEach((c, j) => words.set(c, columns[j]!));
    }
    return words;
  }

  /** The workers' columns' results, by contract column, and the file's digest, once every row's words were received. */
  async finish(): Promise<{
    results: Map<number, { checks: CheckResult[]; singleValued: boolean; truncated: boolean }>;
    digest: { sha256: string; bytes: number };
  }> {
    const results = new Map<number, { checks: CheckResult[]; singleValued: boolean; truncated: boolean }>();
    let digest: { sha256: string; bytes: number } | undefined;
    for (const entry of this.#workers) {
      const reply = await this.#next(entry);
      if ("bad" in reply) throw new WorkerBadInput(reply.bad);
      if (!("results" in reply)) throw new Error("a validation worker read more rows than this thread");
      entry.columns.forEach((c, j) => results.set(c, reply.results[j]!));
      digest ??= reply.digest;
    }
    if (digest === undefined) throw new Error("no validation worker hashed the file");
    return { results, digest };
  }

  /** Ends every worker, whatever happened. */
  async close(): Promise<void> {
    this.#failure ??= new Error("the validation workers were closed");
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }

  #consume(entry: WorkerEntry, rows: number): void {
    entry.offset += rows;
    const head = entry.replies[0] as WordsReply;
    if (entry.offset < head.rows) return;
    entry.replies.shift();
    entry.offset = 0;
    this.#spent.push({ entry, reply: head });
  }

  async #words(entry: WorkerEntry): Promise<WordsReply> {
    const reply = await this.#next(entry, false);
    if ("bad" in reply) throw new WorkerBadInput(reply.bad);
    if (!("rows" in reply)) throw new Error("a validation worker read fewer rows than this thread");
    return reply;
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wake?.();
  }

  async #next(entry: { replies: ValidateWorkerReply[] }, take = true): Promise<ValidateWorkerReply> {
    while (entry.replies.length === 0) {
      if (this.#failure !== undefined) throw this.#failure;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    return take ? entry.replies.shift()! : entry.replies[0]!;
  }
}

/** Column j's words for `rows` rows from `offset` of a reply. */
function view(reply: WordsReply, j: number, offset: number, rows: number): CellWords {
  const at = j * reply.rows + offset;
  return { kind: reply.kind.subarray(at, at + rows), w1: reply.w1.subarray(at, at + rows), w2: reply.w2.subarray(at, at + rows) };
}
