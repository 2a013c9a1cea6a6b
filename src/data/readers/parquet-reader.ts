/**
 * Parquet as a TableSource, through hyparquet. Rows are decoded one slice of a row group at a time,
 * so memory is bounded by the slice, not the file. Values: numbers stay numbers; INT64 becomes a
 * number when it is a safe integer and stays a bigint otherwise (no silent rounding); dates and
 * timestamps are Dates; text is a string; binary without a text annotation is decoded as UTF-8;
 * lists, maps and structs become their JSON text. `lines` are 1-based row numbers.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from "hyparquet";
import type { FileMetaData } from "hyparquet";
import { UserError } from "../../common/errors.ts";
import { sha256File } from "../../common/file-hash.ts";
import type { RawValue, ReadOptions, RecordBatch, TableSource } from "./table.ts";
import type { FileDigest } from "./byte-source.ts";
import { openByteSource } from "./byte-source.ts";

const DEFAULT_BATCH_SIZE = 8192;
/** Rows decoded per read inside a row group: big enough to amortise page decoding, small enough to bound memory. */
const SLICE_ROWS = 65536;

/** Opens a Parquet file and reads its footer (schema and row groups). */
export async function openParquet(path: string, options: ReadOptions = {}): Promise<TableSource> {
  // Reuses the byte source's checks for a missing file or a directory.
  const probe = await openByteSource(path);
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new UserError(`is not a Parquet file (${error instanceof Error ? error.message : String(error)})`, {
      file: path,
      hint: probe.gzip
        ? "the file is gzip-compressed; Parquet files are not gzipped whole"
        : "check the file and its extension, or set the format",
      cause: error,
    });
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let digest: FileDigest | undefined;
  let started = false;

  async function* batches(): AsyncGenerator<RecordBatch> {
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      for (let sliceStart = groupStart; sliceStart < groupEnd; sliceStart += SLICE_ROWS) {
        const sliceEnd = Math.min(groupEnd, sliceStart + SLICE_ROWS);
        const rows = await readRows({ path, file, metadata, rowStart: sliceStart, rowEnd: sliceEnd });
        for (let b = 0; b < rows.length; b += batchSize) {
          yield toBatch(rows.slice(b, b + batchSize), columns.length, sliceStart + b + 1);
        }
      }
      groupStart = groupEnd;
    }
    digest = await sha256File(path);
  }

  return {
    path,
    format: "parquet",
    columns,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return batches();
    },
    digest: () => digest,
  };
}

async function readRows(options: {
  path: string;
  file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  metadata: FileMetaData;
  rowStart: number;
  rowEnd: number;
}): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file: options.file,
      metadata: options.metadata,
      rowStart: options.rowStart,
      rowEnd: options.rowEnd,
      rowFormat: "array",
      onComplete: (data: unknown[][]) => {
        rows = data;
      },
    });
  } catch (error) {
    throw new UserError(`has Parquet data that cannot be decoded (${error instanceof Error ? error.message : String(error)})`, {
      file: options.path,
      line: options.rowStart + 1,
      hint: "the file may be truncated or use an unsupported encoding/compression; write it again",
      cause: error,
    });
  }
  return rows;
}

function toBatch(rows: unknown[][], ncols: number, firstRow: number): RecordBatch {
  const columns: RawValue[][] = [];
  for (let c = 0; c < ncols; c++) columns.push(rows.map((row) => toRaw(row[c])));
  return { length: rows.length, lines: rows.map((_, i) => firstRow + i), columns };
}

/** Maps a decoded Parquet value to a RawValue (see the module comment). */
export function toRaw(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
