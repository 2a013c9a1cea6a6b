/**
 * The streaming table interface every reader implements. Rows arrive in column-major batches so
 * validation and profiling run tight loops per column and memory stays bounded by the batch size,
 * whatever the number of rows.
 */

/** A cell as read: text from CSV; JSON scalars from JSON Lines; typed values from Parquet. `null` is missing. */
export type RawValue = string | number | boolean | bigint | Date | null;

/** A batch of rows, one array per column in `TableSource.columns` order. */
export interface RecordBatch {
  /** Number of rows in the batch. */
  length: number;
  /** 1-based line in the file where each row starts (CSV, JSONL); 1-based row number for Parquet. */
  lines: number[];
  /** `columns[c][r]` is row r's value in column c. */
  columns: RawValue[][];
}

export type TableFormat = "csv" | "jsonl" | "parquet";

/** How text files are read. Defaults suit most CSVs; the data contract's `dialect` sets them. */
export interface ReadOptions {
  /** Forced format; otherwise from the extension (`.csv`, `.tsv`, `.csv.gz`, `.jsonl`, `.ndjson`, `.parquet`). */
  format?: TableFormat;
  /** Field delimiter for CSV; default `,` (`\t` for `.tsv`). */
  delimiter?: string;
  /** Quote character for CSV; default `"`. */
  quote?: string;
  /** Trim spaces and tabs around unquoted CSV fields (and header names); default false. */
  trim?: boolean;
  /** Cell texts that mean "missing" (compared after trimming); default `[""]`. */
  nullMarkers?: string[];
  /** Rows per batch; default 8192. */
  batchSize?: number;
  /** Largest field accepted, in bytes; default 1 MiB. A longer field is an error, so memory stays bounded. */
  maxFieldBytes?: number;
  /** Accept a file with a header and no rows (otherwise an error once `batches()` ends); default false. */
  allowNoRows?: boolean;
  /** Bytes per read from disk; default 256 KiB. Tests use tiny values to split fields across chunks. */
  chunkBytes?: number;
}

/** An opened table: the header is known, rows are read on demand (once). */
export interface TableSource {
  /** The path as the user gave it, for messages. */
  path: string;
  format: TableFormat;
  /** Column names in file order. For JSON Lines: the union of keys in the first batch, in first-seen order. */
  columns: string[];
  /** 1-based line of the header (CSV); undefined for formats without one. */
  headerLine?: number;
  /**
   * Streams the rows. Malformed input (ragged row, unterminated quote, NUL byte, invalid UTF-8,
   * oversized field, invalid JSON) throws a UserError naming the file and line.
   */
  batches(): AsyncIterable<RecordBatch>;
  /** sha256 (hex) and size of the file's bytes as stored, known once `batches()` has been read to the end. */
  digest(): { sha256: string; bytes: number } | undefined;
}
