/**
 * The fast profiling pass over plain CSV files, on every core (MODELSHIP_THREADS, default
 * availableParallelism(); 1 keeps it on this thread). Bytes are scanned by readers/csv-columns.ts:
 * numbers parsed from the bytes, texts interned per column (profile-columns-pass.ts).
 * - One pass on given bins (drift, shards): this thread scans the bytes and profiles the text
 *   columns; worker threads parse and accumulate the numeric ones (the quantile sketch is the
 *   costly part) from batches of raw field spans in shared memory, each column in file order
 *   (profile-numeric-sink.ts). This thread keeps as many numeric columns as evens out the work
 *   (`shareNumeric`).
 * - Two passes (edges frozen from the data): the columns are dealt out to threads, and each thread
 *   scans the files for its share.
 * Either way each column is accumulated in file order by one thread with the same code as the
 * streaming path, so the profile is byte for byte the one `profileSources` makes through the
 * readers, whatever the number of threads (a split by rows and a merge would change the sketch).
 *
 * It applies only where it can be exact: plain (not gzip) CSV files, and columns of type integer or
 * number without aliases, or string, categorical or boolean (any aliases). Date columns, numeric
 * aliases, gzip, JSON Lines and Parquet go through the readers as before. On input the readers
 * reject (a ragged row, a bad quote, invalid UTF-8, an unrepresentable number, no rows) the file is
 * replayed through the readers, which throw their exact error with its line. */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { threadCount } from "../../common/threads.ts";
import type { DataContract } from "../contract/contract-types.ts";
import { readCsvHeader, csvDialect } from "../readers/csv-reader.ts";
import { formatFromName } from "../readers/open-table.ts";
import type { ReadOptions } from "../readers/table.ts";
import { agreementColumns, type ProfileBuilder } from "./profile-builder.ts";
import { BATCH, type Batch } from "../readers/csv-columns.ts";
import { runColumnsPass, type ColumnsResult, type ColumnsTask, type NumericSink, type PassColumn } from "./profile-columns-pass.ts";
import type { NumericBatch, NumericMessage, NumericReply, NumericWorkerData, SpanBatch } from "./profile-numeric-sink.ts";
import { isNumericType } from "./profile-column.ts";
import type { ProfileSettings } from "./profile-types.ts";

const CHUNK_BYTES = 1024 * 1024;

/** Why the fast pass does not apply to these files and this contract, or undefined when it does. */
export function fastPassRefusal(contract: DataContract, paths: readonly string[], read: ReadOptions): string | undefined {
  if (process.env.MODELSHIP_FAST_CSV === "0") return "MODELSHIP_FAST_CSV=0";
  for (const column of contract.columns) {
    if (column.type === "date" || column.type === "datetime") return `column "${column.name}" is a ${column.type}`;
    if (isNumericType(column.type) && Object.keys(column.aliases).length > 0) return `numeric column "${column.name}" has aliases`;
  }
  for (const path of paths) {
    if ((read.format ?? formatFromName(path)) !== "csv") return `${path} is not CSV`;
  }
  return undefined;
}

export interface FastPassResult {
  rows: number[];
  digests: { sha256: string; bytes: number }[];
}

/** How many threads to deal the columns to: MODELSHIP_THREADS (default the cores), at most one per column. */
function threadsFor(columns: number): number {
  return Math.max(1, Math.min(threadCount(), columns, availableParallelism() * 4));
}

/**
 * Profiles `paths` into `builder` with the fast pass. Returns undefined without touching the
 * builder when a file is gzip (the caller then streams through the readers); throws the readers'
 * exact UserError on bad input (after `replay`, which streams the files through the readers).
 */
export async function fastProfilePass(options: {
  contract: DataContract;
  paths: readonly string[];
  read: ReadOptions;
  settings: Required<ProfileSettings>;
  edges?: ReadonlyMap<string, readonly number[] | null>;
  builder: ProfileBuilder;
  replay: () => Promise<never>;
  threads?: number;
}): Promise<FastPassResult | undefined> {
  const { contract, builder } = options;
  const dialect = csvDialect(options.paths[0] ?? "", options.read);
  const files: { path: string; indices: number[] }[] = [];
  for (const path of options.paths) {
    const header = await readCsvHeader(path, options.read);
    // One dialect for every file (without a delimiter in the options, a .tsv name means tabs).
    const own = csvDialect(path, options.read);
    if (header.gzip || own.delimiter !== dialect.delimiter) return undefined;
    const binding = builder.bind({ path, columns: header.columns, headerLine: header.headerLine });
    files.push({ path, indices: [...binding.indices] });
  }
  const columns: PassColumn[] = contract.columns.map((column, index) => {
    const edges = options.edges?.get(column.name);
    return {
      index,
      type: column.type,
      roles: [...column.roles],
      aliases: { ...column.aliases },
      trueValues: [...column.trueValues],
      falseValues: [...column.falseValues],
      ...(options.edges === undefined ? {} : { edges: edges === undefined || edges === null ? null : [...edges] }),
    };
  });
  const pair = agreementColumns(contract.columns);
  const threads = options.threads ?? threadsFor(columns.length);
  const taskFor = (group: number[], hash: boolean): ColumnsTask => {
    const local = (c: number) => group.indexOf(c);
    return {
      files: files.map((file) => ({ path: file.path, indices: group.map((c) => file.indices[c]!) })),
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      trim: options.read.trim ?? false,
      nullMarkers: options.read.nullMarkers ?? [""],
      maxFieldBytes: dialect.maxFieldBytes,
      chunkBytes: options.read.chunkBytes ?? CHUNK_BYTES,
      columns: group.map((c) => columns[c]!),
      settings: options.settings,
      twoPass: options.edges === undefined,
      ...(pair !== undefined && local(pair.target) >= 0
        ? { agreement: { target: local(pair.target), prediction: local(pair.prediction) } }
        : {}),
      hash,
    };
  };
  // One pass on given bins (drift): this thread scans the bytes and profiles the text columns,
  // worker threads parse and accumulate the numeric ones (the costly part: the sketch), so the
  // bytes are scanned once. Otherwise each thread scans the files for its own share of columns.
  const pipelined = options.edges !== undefined && threads > 1 && columns.some((column) => isNumericType(column.type));
  const tasks = pipelined
    ? [taskFor([...columns.keys()], true)]
    : dealColumns(contract, threads, pair).map((group, t) => taskFor(group, t === 0));
  const results = pipelined ? [await runPipelined(tasks[0]!, threads - 1)] : await runTasks(tasks);
  const bad = results.find((result) => !result.ok);
  if (bad !== undefined) return options.replay();
  const ok = results as Extract<ColumnsResult, { ok: true }>[];
  const first = ok[0]!;
  if (first.changed !== undefined) builder.fileChanged(first.changed);
  tasks.forEach((task, t) => {
    const result = ok[t]!;
    task.columns.forEach((column, i) => {
      builder.adoptColumn(column.index, result.columns[i]!, result.firstInvalid[i]);
    });
    if (result.agreement !== undefined) builder.adoptAgreement(result.agreement);
  });
  builder.adoptRows(first.rows.reduce((sum, n) => sum + n, 0));
  return { rows: first.rows, digests: first.digests ?? [] };
}

/**
 * Where the worker's module is: beside this file in the sources; dist/profile-worker.js once
 * bundled (scripts/build.ts), found from dist/ or dist/chunks/. Undefined when it is missing.
 */
function workerUrl(): URL | undefined {
  if (import.meta.url.endsWith(".ts")) return new URL("./profile-worker.ts", import.meta.url);
  for (const candidate of ["./profile-worker.js", "../profile-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * Deals the columns out to `threads` shares by cost (a numeric column costs about three text
 * columns: the sketch), keeping the target and prediction together (their agreement is counted
 * row by row); share 0 also hashes the files, so it starts with a handicap. Empty shares are dropped.
 */
function dealColumns(contract: DataContract, threads: number, pair: { target: number; prediction: number } | undefined): number[][] {
  const groups: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  const placed = new Set<number>();
  const cost = (c: number) => (isNumericType(contract.columns[c]!.type) ? 3 : 1);
  const order = [...contract.columns.keys()].sort((a, b) => cost(b) - cost(a) || a - b);
  for (const c of order) {
    if (placed.has(c)) continue;
    const together = pair !== undefined && (c === pair.target || c === pair.prediction) ? [pair.target, pair.prediction] : [c];
    let best = 0;
    for (let t = 1; t < threads; t++) if (load[t]! < load[best]! + (best === 0 ? 1 : 0)) best = t;
    for (const member of together) {
      groups[best]!.push(member);
      placed.add(member);
      load[best]! += cost(member);
    }
  }
  return groups.filter((group, t) => group.length > 0 || t === 0);
}

// Rough costs per row, in units of a text column's (interning and counting), measured with
// process.threadCpuUsage() on bench/drift's 20-column file: scanning a column's fields, accumulating
// a numeric column (parsing, moments, sketch, histogram, exact counts) and hashing a column's bytes.
const SCAN_COST = 0.3;
const NUMERIC_COST = 2.5;
const HASH_COST = 0.1;

/**
 * Which numeric columns each of `workers` threads accumulates (the rest stay on the scanning
 * thread, which also has the scan and the text columns): each column in turn goes to the least
 * loaded thread, the target and prediction to the scanning thread (it counts their agreement).
 * The split changes only the speed: every column is accumulated by one thread, in file order.
 */
export function shareNumeric(task: Pick<ColumnsTask, "columns" | "agreement">, workers: number): number[][] {
  const width = task.columns.length;
  const numeric = [...task.columns.keys()].filter((c) => isNumericType(task.columns[c]!.type));
  const paired = (c: number) => task.agreement !== undefined && (c === task.agreement.target || c === task.agreement.prediction);
  const groups: number[][] = Array.from({ length: Math.max(1, Math.min(workers, numeric.length)) }, () => []);
  let own = SCAN_COST * width + (width - numeric.length);
  // The first worker hashes the files.
  const loads = groups.map((_, w) => (w === 0 ? HASH_COST * width : 0));
  for (const c of numeric) {
    let best = 0;
    for (let w = 1; w < loads.length; w++) if (loads[w]! < loads[best]!) best = w;
    if (paired(c) || own < loads[best]!) own += NUMERIC_COST;
    else {
      groups[best]!.push(c);
      loads[best]! += NUMERIC_COST;
    }
  }
  return groups;
}

/** The smallest shared slot for a batch's spans (a batch is usually under a chunk). */
const SLOT_BYTES = 2 * 1024 * 1024;

/** Messages a numeric worker may have unacknowledged before the scanning thread waits. */
const IN_FLIGHT = 4;

/**
 * This thread scans the bytes and accumulates the text columns and its share of the numeric ones;
 * `workers` worker threads parse and accumulate the other numeric columns from their raw field
 * spans, each column in file order.
 */
async function runPipelined(task: ColumnsTask, workers: number): Promise<ColumnsResult> {
  const url = workerUrl();
  if (url === undefined) return runColumnsPass(task);
  const groups = shareNumeric(task, workers);
  // The target and prediction stay on this thread (shareNumeric; their agreement is counted row by
  // row here); a numeric one dealt to a worker would go as parsed values (a sink), the other
  // numeric columns go as raw field spans, parsed by the worker.
  const paired = (c: number) => task.agreement !== undefined && (c === task.agreement.target || c === task.agreement.prediction);
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  // Shared memory for the spans sent to the workers, reused once a worker acknowledges them: no
  // allocation, copy on transfer or page faults per batch.
  const free: SharedArrayBuffer[] = [];
  const takeSlot = (bytes: number): SharedArrayBuffer => {
    const i = free.findIndex((slot) => slot.byteLength >= bytes);
    return i >= 0 ? free.splice(i, 1)[0]! : new SharedArrayBuffer(Math.max(bytes, SLOT_BYTES));
  };
  const feeds = groups.map((group, w) => {
    const data: NumericWorkerData = {
      kind: "numeric",
      columns: group.map((c) => task.columns[c]!),
      settings: task.settings,
      nullMarkers: task.nullMarkers,
      quote: task.quote,
      // The first worker hashes the files (this thread has the scan to do).
      ...(w === 0 ? { hash: task.files.map((file) => file.path) } : {}),
    };
    const worker = new Worker(url, { workerData: data });
    const feed = {
      worker,
      group,
      spanned: group.flatMap((c, local) => (paired(c) ? [] : [{ c, local }])),
      outbox: [] as NumericBatch[],
      spans: [] as SpanBatch[],
      // The shared slots of the spans not posted yet, and of each posted message not acknowledged yet (oldest first).
      slots: [] as SharedArrayBuffer[],
      posted: [] as SharedArrayBuffer[][],
      inFlight: 0,
      reply: undefined as Exclude<NumericReply, { ack: true }> | undefined,
    };
    worker.on("message", (reply: NumericReply) => {
      if ("ack" in reply) {
        feed.inFlight--;
        // The worker is done with that message's spans: their slots are free again.
        free.push(...(feed.posted.shift() ?? []));
      } else feed.reply = reply;
      wake?.();
    });
    worker.once("error", fail);
    worker.once("exit", (code) => {
      if (feed.reply === undefined) fail(new Error(`a profiling worker exited with code ${code} before posting its result`));
    });
    return feed;
  });
  const post = () => {
    for (const feed of feeds) {
      // A worker with no columns (only the hashing) still gets a message per chunk: it hashes a step per message.
      if (feed.outbox.length === 0 && feed.spans.length === 0 && feed.group.length > 0) continue;
      // Spans live in shared slots (nothing to transfer); parsed values are transferred.
      const transfer: ArrayBuffer[] = feed.outbox.map((batch) => batch.values.buffer as ArrayBuffer);
      feed.posted.push(feed.slots);
      feed.slots = [];
      feed.worker.postMessage({ batches: feed.outbox, spans: feed.spans } satisfies NumericMessage, transfer);
      feed.inFlight++;
      feed.outbox = [];
      feed.spans = [];
    }
  };
  // Each batch's spans of a feed's columns, with the bytes they point into copied (and the spans
  // rebased). Offsets grow row after row and field after field, so the bytes run from the first
  // row's first field of these columns to the last row's last one.
  const forward = (batch: Readonly<Batch>, file: { path: string; indices: number[] }) => {
    const rows = batch.rows;
    for (const feed of feeds) {
      if (feed.spanned.length === 0) continue;
      let lo = Infinity;
      let hi = 0;
      for (const { c } of feed.spanned) {
        const index = file.indices[c]!;
        if (index < 0) continue;
        const at = index * BATCH;
        lo = Math.min(lo, batch.start[at]!);
        hi = Math.max(hi, batch.end[at + rows - 1]!);
      }
      if (lo > hi) lo = hi = 0;
      const width = feed.spanned.length;
      // One shared slot holds the bytes, then the lines, starts, ends and doubled flags.
      const linesAt = (hi - lo + 7) & ~7;
      const startAt = linesAt + 4 * rows;
      const endAt = startAt + 4 * width * rows;
      const doubledAt = endAt + 4 * width * rows;
      const slot = takeSlot(doubledAt + width * rows);
      feed.slots.push(slot);
      const buf = new Uint8Array(slot, 0, hi - lo);
      buf.set(batch.buf.subarray(lo, hi));
      const lines = new Int32Array(slot, linesAt, rows);
      lines.set(batch.lines.subarray(0, rows));
      const start = new Int32Array(slot, startAt, width * rows);
      const end = new Int32Array(slot, endAt, width * rows);
      const doubled = new Uint8Array(slot, doubledAt, width * rows);
      const columns = feed.spanned.map(({ c, local }, k) => {
        const index = file.indices[c]!;
        if (index >= 0) {
          const at = index * BATCH;
          const to = k * rows;
          for (let r = 0; r < rows; r++) {
            start[to + r] = batch.start[at + r]! - lo;
            end[to + r] = batch.end[at + r]! - lo;
          }
          doubled.set(batch.doubled.subarray(at, at + rows), to);
        }
        return { column: local, absent: index < 0 };
      });
      feed.spans.push({
        path: file.path,
        ascii: batch.ascii,
        rows,
        buf,
        lines,
        start,
        end,
        doubled,
        columns,
      });
    }
  };
  const until = async (done: () => boolean) => {
    while (!done()) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (failure !== undefined) throw failure;
  };
  const sinks: (NumericSink | undefined)[] = task.columns.map(() => undefined);
  const forwarded: boolean[] = task.columns.map(() => false);
  for (const feed of feeds) {
    feed.group.forEach((c, local) => {
      if (!paired(c)) {
        forwarded[c] = true;
        return;
      }
      sinks[c] = (values, counts) => {
        feed.outbox.push({ column: local, values, ...counts });
      };
    });
  }
  try {
    const result = await runColumnsPass(
      { ...task, hash: false },
      {
        sinks,
        forwarded,
        forward,
        throttle: async () => {
          post();
          await until(() => feeds.every((feed) => feed.inFlight <= IN_FLIGHT));
        },
      },
    );
    if (!result.ok) return result;
    post();
    for (const feed of feeds) feed.worker.postMessage({ done: true } satisfies NumericMessage);
    await until(() => feeds.every((feed) => feed.reply !== undefined));
    const bad = feeds.find((feed) => feed.reply!.bad !== undefined);
    if (bad !== undefined) return { ok: false, reason: bad.reply!.bad! };
    const columns = [...result.columns];
    const firstInvalid = [...result.firstInvalid];
    for (const feed of feeds) {
      feed.group.forEach((c, local) => {
        columns[c] = feed.reply!.columns[local]!;
        if (forwarded[c]) firstInvalid[c] = feed.reply!.firstInvalid[local];
      });
    }
    return { ...result, columns, firstInvalid, digests: feeds[0]!.reply!.digests ?? [] };
  } finally {
    await Promise.all(feeds.map((feed) => feed.worker.terminate()));
  }
}

/**
 * Runs the first task on this thread and each other one in a worker thread of its own, at the
 * same time; every worker is ended, whatever happens.
 */
async function runTasks(tasks: ColumnsTask[]): Promise<ColumnsResult[]> {
  const [own, ...others] = tasks;
  const url = others.length === 0 ? undefined : workerUrl();
  if (url === undefined) {
    // One task, or a copy of dist/ without the worker's file: the same work, one task after the other.
    const results: ColumnsResult[] = [];
    for (const task of tasks) results.push(await runColumnsPass(task));
    return results;
  }
  const workers: Worker[] = [];
  try {
    const pending = Promise.all(
      others.map(
        (task) =>
          new Promise<ColumnsResult>((resolve, reject) => {
            const worker = new Worker(url, { workerData: task });
            workers.push(worker);
            worker.once("message", (result: ColumnsResult) => {
              resolve(result);
            });
            worker.once("error", reject);
            // After a message this does nothing; before one, an exit (even with code 0) is a failure, never a hang.
            worker.once("exit", (code) => {
              reject(new Error(`a profiling worker exited with code ${code} before posting its result`));
            });
          }),
      ),
    );
    // Seen as handled now: a worker failing while this thread works must not be an unhandled rejection.
    pending.catch(() => undefined);
    const mine = await runColumnsPass(own!);
    return [mine, ...(await pending)];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
