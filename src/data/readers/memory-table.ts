/** A TableSource over rows held in memory, so other modules' tests need no files. */
import { createHash } from "node:crypto";
import type { RawValue, RecordBatch, TableSource } from "./table.ts";

/** Makes a TableSource from in-memory rows: header + rows of raw values; row i is on line i + 2. */
export function tableFromRows(path: string, columns: string[], rows: RawValue[][], options: { batchSize?: number } = {}): TableSource {
  for (const [index, row] of rows.entries()) {
    if (row.length !== columns.length)
      throw new Error(`tableFromRows: row ${index} has ${row.length} values for ${columns.length} columns`);
  }
  const batchSize = Math.max(1, options.batchSize ?? 8192);
  let read = false;
  function* slices(): Generator<RecordBatch> {
    for (let start = 0; start < rows.length; start += batchSize) {
      const slice = rows.slice(start, start + batchSize);
      yield {
        length: slice.length,
        lines: slice.map((_, i) => start + i + 2),
        columns: columns.map((_, c) => slice.map((row) => row[c] ?? null)),
      };
    }
    read = true;
  }
  return {
    path,
    format: "csv",
    columns: [...columns],
    headerLine: 1,
    batches: () => {
      const iterator = slices();
      return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(iterator.next()) }) };
    },
    // There is no stored file: the digest is over the rows' JSON text, so equal rows digest equally.
    digest: () => (read ? digestRows(columns, rows) : undefined),
  };
}

function digestRows(columns: string[], rows: RawValue[][]): { sha256: string; bytes: number } {
  const text = JSON.stringify([columns, rows], (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return { sha256: createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text) };
}
