/**
 * `modelship predict`'s Parquet output. Encoding a batch (dictionary, statistics, Snappy, in
 * hyparquet-writer) costs about a fifth of a run, so it is done on a worker thread
 * (predict-parquet-worker.ts) while the calling thread reads and scores the next batch: the batch's
 * probabilities are moved there, not copied, and at most `MAX_QUEUED` batches wait, so memory stays
 * bounded. With one thread (`MODELSHIP_THREADS=1`) the same encoder runs on the calling thread; both
 * ways write the same bytes, since the worker builds the very column arrays the writer was given before.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../common/worker-entry.ts";
import { fileWriter, ParquetWriter } from "hyparquet-writer";

/** A cell of the output: text, a number, or null. */
export type Cell = string | number | null;

/** One batch of output rows, column by column: the kept columns, the label, then `width` probabilities per row. */
export interface OutputBatch {
  rows: number;
  kept: Cell[][];
  labels: Cell[];
  /** Row-major, `width` per row; undefined when the model gives no probabilities (a regressor). */
  probabilities: Float64Array | undefined;
  width: number;
}

/** What a Parquet file is made of: its columns' names and which of them are numbers (DOUBLE), the rest text. */
export interface ParquetLayout {
  temp: string;
  names: string[];
  numeric: boolean[];
}

/** Writes batches as row groups of the file at `layout.temp`; `finish()` writes the footer. */
export interface ParquetEncoder {
  write(batch: OutputBatch): Promise<void>;
  finish(): Promise<void>;
}

/** Messages to the worker, and its answers. */
export type ToWorker = { kind: "write"; batch: OutputBatch } | { kind: "finish" };
export type FromWorker = { kind: "written" } | { kind: "finished" } | { kind: "failed"; message: string; code?: string };

/** The column arrays hyparquet-writer is given for a batch: kept text, then the label, then one array per class. */
function columnArrays(batch: OutputBatch, numeric: boolean[]): Cell[][] {
  const { rows, width, probabilities } = batch;
  const columns: Cell[][] = [...batch.kept, batch.labels];
  const classes = numeric.length - columns.length;
  for (let c = 0; c < classes; c++) {
    const column = new Array<Cell>(rows);
    for (let r = 0; r < rows; r++) column[r] = probabilities![r * width + c]!;
    columns.push(column);
  }
  return columns;
}

/** hyparquet-writer's incremental ParquetWriter over a file, one row group per batch. */
export function parquetEncoder(layout: ParquetLayout): ParquetEncoder {
  const { names, numeric } = layout;
  const writer = fileWriter(layout.temp);
  const schema = [
    { name: "root", num_children: names.length },
    ...names.map((name, c) =>
      numeric[c]
        ? { name, type: "DOUBLE" as const, repetition_type: "OPTIONAL" as const }
        : { name, type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: "OPTIONAL" as const },
    ),
  ];
  const parquet = new ParquetWriter({ writer, schema, createdBy: "modelship" });
  return {
    async write(batch) {
      if (batch.rows === 0) return;
      const columns = columnArrays(batch, numeric).map((column) => (column.length === batch.rows ? column : column.slice(0, batch.rows)));
      await parquet.write({
        // A kept column is text in the schema, whatever its values were read as (JSON Lines and Parquet give numbers).
        columnData: names.map((name, c) => ({
          name,
          data: numeric[c] ? columns[c]! : columns[c]!.map((value) => (value === null ? null : String(value))),
        })),
        rowGroupSize: batch.rows,
      });
    },
    async finish() {
      await parquet.finish();
    },
  };
}

/** Writes batches to a Parquet file; `finish()` resolves once the file is complete, `close()` stops (no more writes). */
export interface ParquetOutput {
  write(batch: OutputBatch): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

/** Batches sent to the worker and not yet written: enough to keep it busy, few enough to bound memory. */
const MAX_QUEUED = 4;

/** The encoder on the calling thread. */
function inThreadOutput(layout: ParquetLayout): ParquetOutput {
  const encoder = parquetEncoder(layout);
  return {
    write: (batch) => encoder.write(batch),
    finish: () => encoder.finish(),
    async close() {},
  };
}

/** An error the worker reported, as an Error with its errno code (so a full disk reads as one). */
function workerError(message: Extract<FromWorker, { kind: "failed" }>): Error {
  const error = new Error(message.message) as NodeJS.ErrnoException;
  if (message.code !== undefined) error.code = message.code;
  return error;
}

/** The encoder on a worker thread: `write` waits only while `MAX_QUEUED` batches are queued. */
function workerOutput(layout: ParquetLayout): ParquetOutput {
  const worker = new Worker(workerEntry("predict-parquet-worker", import.meta.url, "the Parquet writer worker"), { workerData: layout });
  let queued = 0;
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const settle = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  worker.on("message", (message: FromWorker) => {
    if (message.kind === "written") queued--;
    else if (message.kind === "finished") finished = true;
    else failure ??= workerError(message);
    settle();
  });
  worker.on("error", (error) => {
    failure ??= error;
    settle();
  });
  worker.on("exit", (code) => {
    if (!finished) failure ??= new Error(`the Parquet writer worker stopped (exit code ${code}) before the file was finished`);
    settle();
  });
  const until = async (done: () => boolean): Promise<void> => {
    while (failure === undefined && !done()) await new Promise<void>((resolve) => (wake = resolve));
    if (failure !== undefined) throw failure;
  };
  return {
    async write(batch) {
      await until(() => queued < MAX_QUEUED);
      const { probabilities } = batch;
      // Moved, not copied: the batch's own array (a view into a larger buffer is copied out first).
      const owned =
        probabilities === undefined || (probabilities.byteOffset === 0 && probabilities.byteLength === probabilities.buffer.byteLength)
          ? probabilities
          : probabilities.slice();
      queued++;
      const message: ToWorker = { kind: "write", batch: { ...batch, probabilities: owned } };
      worker.postMessage(message, owned === undefined ? [] : [owned.buffer as ArrayBuffer]);
    },
    async finish() {
      worker.postMessage({ kind: "finish" } satisfies ToWorker);
      await until(() => finished);
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The Parquet output at `layout.temp`, encoded on a worker thread when more than one thread may be used. */
export function parquetOutput(layout: ParquetLayout, threads: number): ParquetOutput {
  return threads > 1 ? workerOutput(layout) : inThreadOutput(layout);
}
