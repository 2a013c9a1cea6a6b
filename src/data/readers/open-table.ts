/**
 * Opening data files as streaming tables. The format comes from `options.format` or the file name;
 * gzip is detected from the bytes, so `.csv.gz` and `.jsonl.gz` need no option.
 */
import { UserError } from "../../common/errors.ts";
import { progressSink } from "../../common/progress.ts";
import type { ReadOptions, TableFormat, TableSource } from "./table.ts";
import { openCsv } from "./csv-reader.ts";
import { openJsonl } from "./jsonl-reader.ts";
import { openParquet } from "./parquet-reader.ts";

export { tableFromRows } from "./memory-table.ts";

/** Opens a data file; the format comes from options.format or the extension (.csv .tsv .csv.gz .tsv.gz .jsonl .ndjson .jsonl.gz .parquet). */
export async function openTable(path: string, options: ReadOptions = {}): Promise<TableSource> {
  const format = options.format ?? formatFromName(path);
  const source =
    format === "csv"
      ? await openCsv(path, options)
      : format === "jsonl"
        ? await openJsonl(path, options)
        : await openParquet(path, options);
  return withRowProgress(source);
}

/** The source, reporting rows read after each batch to the run's progress sink (a face's progress bar); unchanged without one. */
function withRowProgress(source: TableSource): TableSource {
  const sink = progressSink();
  if (sink === undefined) return source;
  const batches = source.batches.bind(source);
  return Object.assign(Object.create(source) as TableSource, {
    async *batches() {
      let rows = 0;
      for await (const batch of batches()) {
        rows += batch.length;
        sink({ task: `reading ${source.path}`, done: rows, unit: "rows" });
        yield batch;
      }
    },
  });
}

/** The extension (with `.gz`/`.gzip` for text formats) a readable file name ends in, lower case; undefined when none. */
export function readableExtension(name: string): string | undefined {
  return /\.(?:(?:csv|tsv|txt|jsonl|ndjson)(?:\.gz|\.gzip)?|parquet|pq)$/i.exec(name)?.[0].toLowerCase();
}

/** The extensions readableExtension knows, in words. */
export const READABLE_EXTENSIONS = ".csv, .tsv, .txt, .jsonl, .ndjson (optionally .gz) or .parquet";

/** The format a file name implies; a UserError for an unknown extension. */
export function formatFromName(path: string): TableFormat {
  const extension = readableExtension(path)?.replace(/\.(gz|gzip)$/, "");
  if (extension === ".csv" || extension === ".tsv" || extension === ".txt") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".parquet" || extension === ".pq") return "parquet";
  throw new UserError("has an extension modelship does not read", {
    file: path,
    hint: "use .csv, .tsv, .jsonl, .ndjson or .parquet (optionally .gz for text), or set the format explicitly",
  });
}
