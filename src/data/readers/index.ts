/**
 * Opening data files as streaming tables. The format comes from `options.format` or the file name;
 * gzip is detected from the bytes, so `.csv.gz` and `.jsonl.gz` need no option.
 */
import { UserError } from "../../common/errors.ts";
import type { ReadOptions, TableFormat, TableSource } from "../table.ts";
import { openCsv } from "./csv-reader.ts";
import { openJsonl } from "./jsonl-reader.ts";
import { openParquet } from "./parquet-reader.ts";

export { tableFromRows } from "./memory-table.ts";

/** Opens a data file; the format comes from options.format or the extension (.csv .tsv .csv.gz .tsv.gz .jsonl .ndjson .jsonl.gz .parquet). */
export async function openTable(path: string, options: ReadOptions = {}): Promise<TableSource> {
  const format = options.format ?? formatFromName(path);
  switch (format) {
    case "csv":
      return openCsv(path, options);
    case "jsonl":
      return openJsonl(path, options);
    case "parquet":
      return openParquet(path, options);
  }
}

/** The format a file name implies; a UserError for an unknown extension. */
export function formatFromName(path: string): TableFormat {
  const name = path.toLowerCase().replace(/\.(gz|gzip)$/, "");
  if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  if (name.endsWith(".parquet") || name.endsWith(".pq")) return "parquet";
  throw new UserError("has an extension modelship does not read", {
    file: path,
    hint: "use .csv, .tsv, .jsonl, .ndjson or .parquet (optionally .gz for text), or set the format explicitly",
  });
}
