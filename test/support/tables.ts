/**
 * In-memory tables for tests: rows given as arrays, read back through the `TableSource` interface
 * the real readers implement (column-major batches, a header on line 1, a digest once read), so a
 * test of profiling or validation needs no file on disk.
 */
import { createHash } from "node:crypto";
import type { RawValue, TableSource } from "../../src/data/readers/table.ts";

/** The rows as a batch's columns: one array per name, in `names` order; a missing cell is null. */
export function columnsOf(names: readonly string[], rows: readonly (readonly RawValue[])[]): RawValue[][] {
  return names.map((_, c) => rows.map((row) => row[c] ?? null));
}

/**
 * A CSV table of `rows` under `names`, in batches of `batchRows` (row i on line i + 2); its digest is
 * the sha256 of the rows' JSON, with `bytes` as its size (default: the length of that JSON).
 */
export function memoryTable(
  path: string,
  names: string[],
  rows: RawValue[][],
  options: { batchRows: number; bytes?: number },
): TableSource {
  let read = false;
  return {
    path,
    format: "csv",
    columns: names,
    headerLine: 1,
    async *batches() {
      for (let start = 0; start < rows.length; start += options.batchRows) {
        const chunk = rows.slice(start, start + options.batchRows);
        await Promise.resolve(); // a real reader waits on I/O between batches
        yield { length: chunk.length, lines: chunk.map((_, i) => start + i + 2), columns: columnsOf(names, chunk) };
      }
      read = true;
    },
    digest() {
      if (!read) return undefined;
      const json = JSON.stringify(rows);
      return { sha256: createHash("sha256").update(json).digest("hex"), bytes: options.bytes ?? json.length };
    },
  };
}
