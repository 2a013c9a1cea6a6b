/**
 * The receiving end of the pipelined fast pass (profile-fast.ts): a worker thread that accumulates
 * numeric columns from the values the scanning thread parsed, batch after batch in file order, with
 * the same accumulators as every other path, and posts the columns' profiles at the end.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import type { NumericStats } from "./profile-column.ts";
import { BadCsvInput } from "../readers/csv-columns.ts";
import type { Batch } from "../readers/csv-columns.ts";
import { NullMarkers, NumericHandler, type PassColumn } from "./profile-columns-pass.ts";
import type { ColumnProfile, ProfileSettings } from "./profile-types.ts";

/** What a numeric worker is started with. */
export interface NumericWorkerData {
  kind: "numeric";
  columns: PassColumn[];
  settings: Required<ProfileSettings>;
  /** The dialect's null markers and quote, for columns that come as raw field spans. */
  nullMarkers: string[];
  quote: number;
  /** Files this worker hashes (sha256 and size of the stored bytes), a step per message, so the scanning thread need not. */
  hash?: string[];
}

/** One column's share of a batch: its valid values in file order, and what else the rows held. */
export interface NumericBatch {
  column: number;
  values: Float64Array;
  rows: number;
  nulls: number;
  invalid: number;
}

/**
 * Rows of some columns as raw field spans, for this thread to parse: `buf` holds the bytes the
 * spans point into (rebased to it), `lines` each row's line. The k-th column's spans are
 * `start`/`end`/`doubled` at `[k·rows, (k+1)·rows)`: one array each for all the columns, so a
 * message transfers a few buffers, not three per column.
 */
export interface SpanBatch {
  path: string;
  ascii: boolean;
  rows: number;
  buf: Uint8Array;
  lines: Int32Array;
  start: Int32Array;
  end: Int32Array;
  doubled: Uint8Array;
  columns: { column: number; absent: boolean }[];
}

export type NumericMessage = { batches: NumericBatch[]; spans: SpanBatch[] } | { done: true };
export type NumericReply =
  | { ack: true }
  | {
      columns: ColumnProfile[];
      firstInvalid: ({ path: string; line: number; value: string } | undefined)[];
      digests?: { sha256: string; bytes: number }[];
      /** Set when a span held input the readers reject (the caller replays the file through them). */
      bad?: string;
    };

const HASH_STEP = 1024 * 1024;

/** Hashes a list of files a step at a time (read with readSync into one buffer). */
export class FileHasher {
  readonly #paths: string[];
  readonly #buffer = Buffer.allocUnsafe(HASH_STEP);
  readonly digests: { sha256: string; bytes: number }[] = [];
  #file = 0;
  #fd: number | undefined;
  #hash: Hash | undefined;
  #bytes = 0;

  constructor(paths: string[]) {
    this.#paths = paths;
  }

  /** Hashes the next step; false once every file is done. */
  step(): boolean {
    if (this.#file >= this.#paths.length) return false;
    this.#fd ??= openSync(this.#paths[this.#file]!, "r");
    this.#hash ??= createHash("sha256");
    const read = readSync(this.#fd, this.#buffer, 0, HASH_STEP, this.#bytes);
    if (read > 0) {
      this.#hash.update(this.#buffer.subarray(0, read));
      this.#bytes += read;
      return true;
    }
    closeSync(this.#fd);
    this.digests.push({ sha256: this.#hash.digest("hex"), bytes: this.#bytes });
    this.#fd = undefined;
    this.#hash = undefined;
    this.#bytes = 0;
    this.#file++;
    return this.#file < this.#paths.length;
  }
}

/** The accumulators of a numeric worker's columns (each fed by values or by spans, never both). */
export class NumericColumns {
  readonly #handlers: NumericHandler[];
  /** Why a span was rejected, once one was. */
  bad: string | undefined;

  constructor(data: NumericWorkerData) {
    const nulls = new NullMarkers(data.nullMarkers);
    this.#handlers = data.columns.map((column) => new NumericHandler(column, data.settings, nulls, data.quote));
  }

  /** Folds in one message's parsed values and raw spans, each in order. */
  add(batches: readonly NumericBatch[], spans: readonly SpanBatch[]): void {
    for (const batch of batches) {
      const stats: NumericStats = this.#handlers[batch.column]!.stats;
      stats.count += batch.rows;
      stats.nulls += batch.nulls;
      stats.invalid += batch.invalid;
      stats.addMany(batch.values, batch.values.length);
    }
    if (this.bad !== undefined) return;
    for (const span of spans) {
      const buf = Buffer.from(span.buf.buffer, span.buf.byteOffset, span.buf.byteLength);
      const batch: Batch = {
        buf,
        ascii: span.ascii,
        rows: span.rows,
        start: span.start,
        end: span.end,
        doubled: span.doubled,
        lines: span.lines,
      };
      for (const [k, column] of span.columns.entries()) {
        const handler = this.#handlers[column.column]!;
        handler.path = span.path;
        try {
          handler.rows(batch, column.absent ? -1 : k * span.rows);
        } catch (error) {
          if (!(error instanceof BadCsvInput)) throw error;
          this.bad = error.message;
          return;
        }
      }
    }
  }

  /** The columns as stored in a profile, and each one's first invalid value. */
  finish(): { columns: ColumnProfile[]; firstInvalid: ({ path: string; line: number; value: string } | undefined)[] } {
    return {
      columns: this.#handlers.map((handler) => handler.stats.toJSON()),
      firstInvalid: this.#handlers.map((handler) => handler.firstInvalid),
    };
  }
}
