/**
 * Guesses a CSV file's dialect from its first 64 KiB: the delimiter, whether fields are padded
 * with a space after the delimiter (the UCI Adult data writes ", "), and which texts mean
 * "missing". Options the user gave are kept as they are; only the rest is guessed.
 */
import { UserError } from "../../common/errors.ts";
import type { ReadOptions } from "./table.ts";
import { openByteSource } from "./byte-source.ts";
import { openTable } from "./open-table.ts";
import { NullMarkerEvidence } from "./null-markers.ts";

/** Bytes read from the start of the file to guess its dialect. */
export const SNIFF_BYTES = 64 * 1024;

/** Delimiters tried, in order of preference when two fit equally well. */
export const DELIMITER_CANDIDATES: readonly string[] = [",", ";", "\t", "|"];

/** Share of records whose delimiter count must equal the header's for a delimiter to fit. */
const CONSISTENCY = 0.9;

/** A CSV dialect as the readers and the contract's `dialect` section take it. */
export interface SniffedDialect {
  delimiter: string;
  quote: string;
  trim: boolean;
  /** Always includes "" (an empty cell is missing). */
  nullMarkers: string[];
}

/** Guesses the dialect of the CSV file at `path`; `given` options win over guesses. */
export async function sniffDialect(path: string, given: ReadOptions = {}): Promise<SniffedDialect> {
  const { text, complete } = await readSample(path);
  const quote = given.quote ?? '"';
  const records = splitRecords(text, quote, complete);
  const fallback = /\.tsv(\.gz)?$/i.test(path) ? "\t" : ",";
  const delimiter = given.delimiter ?? chooseDelimiter(records, quote, fallback) ?? fallback;
  // Never guessed for tabs: the reader's trim strips tabs too, and would eat empty fields' delimiters.
  const trim = given.trim ?? (delimiter !== "\t" && isSpacePadded(records, delimiter, quote));
  const nullMarkers =
    given.nullMarkers ?? (await sniffNullMarkers(path, { ...given, delimiter, quote, trim }, Math.max(1, records.length - 1)));
  return { delimiter, quote, trim, nullMarkers };
}

/** The first `SNIFF_BYTES` of the file as text (gunzipped if need be); `complete` when that is all of it. */
async function readSample(path: string): Promise<{ text: string; complete: boolean }> {
  const source = await openByteSource(path, { chunkBytes: SNIFF_BYTES });
  const parts: Buffer[] = [];
  let size = 0;
  let complete = true;
  for await (const chunk of source.chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= SNIFF_BYTES) {
      complete = false;
      break; // closes the file
    }
  }
  const bytes = Buffer.concat(parts).subarray(0, SNIFF_BYTES);
  return { text: bytes.toString("utf8").replace(/^\ufeff/, ""), complete };
}

/**
 * Splits text into records at line breaks outside quotes, dropping blank lines and, when the
 * sample is cut short, the last (partial) record. A quote opens a field only at its start
 * (after optional spaces); the delimiter is not known yet, so "start" is approximated by the
 * character before: a line start, a space, or any candidate delimiter.
 */
export function splitRecords(text: string, quote: string, complete: boolean): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  let previous = "\n";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === quote) {
        if (text[i + 1] === quote) i++;
        else quoted = false;
      }
    } else if (char === quote && (previous === "\n" || previous === "\r" || previous === " " || DELIMITER_CANDIDATES.includes(previous))) {
      quoted = true;
    } else if (char === "\n" || char === "\r") {
      records.push(text.slice(start, i));
      if (char === "\r" && text[i + 1] === "\n") i++;
      start = i + 1;
    }
    previous = char;
  }
  if (complete) records.push(text.slice(start));
  return records.filter((record) => record.trim() !== "");
}

/** Fields of one record split at `delimiter` outside quotes, raw (quotes and padding kept). */
export function splitFields(record: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let start = 0;
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < record.length; i++) {
    const char = record[i]!;
    if (quoted) {
      if (char === quote) {
        if (record[i + 1] === quote) i++;
        else quoted = false;
      }
    } else if (char === delimiter) {
      fields.push(record.slice(start, i));
      start = i + 1;
      atFieldStart = true;
      continue;
    } else if (char === quote && atFieldStart) {
      quoted = true;
    }
    if (char !== " ") atFieldStart = false;
  }
  fields.push(record.slice(start));
  return fields;
}

/**
 * The candidate that splits the header and nearly every record into the same number of fields
 * (more than one); among those, the most consistent, then the one making the most fields. For a
 * file of one column: `fallback`, or else a candidate that appears in no record, so that commas
 * inside its values do not split them.
 */
export function chooseDelimiter(records: readonly string[], quote: string, fallback = ","): string | undefined {
  let best: { delimiter: string; consistency: number; fields: number } | undefined;
  const sample = records.slice(0, 1000);
  const counts = new Map(
    DELIMITER_CANDIDATES.map((delimiter) => [delimiter, sample.map((record) => splitFields(record, delimiter, quote).length)]),
  );
  for (const [delimiter, fields] of counts) {
    const header = fields[0];
    if (header === undefined || header < 2) continue;
    const consistency = fields.filter((count) => count === header).length / fields.length;
    if (consistency < CONSISTENCY) continue;
    if (best === undefined || consistency > best.consistency || (consistency === best.consistency && header > best.fields)) {
      best = { delimiter, consistency, fields: header };
    }
  }
  if (best !== undefined || sample.length === 0) return best?.delimiter;
  const oneColumn = (delimiter: string) =>
    (counts.get(delimiter) ?? sample.map((record) => splitFields(record, delimiter, quote).length)).every((count) => count === 1);
  return [fallback, ...DELIMITER_CANDIDATES].find(oneColumn);
}

/** True when most fields after a delimiter start with a space (", " between fields). */
export function isSpacePadded(records: readonly string[], delimiter: string, quote: string): boolean {
  let fields = 0;
  let padded = 0;
  for (const record of records.slice(0, 1000)) {
    for (const field of splitFields(record, delimiter, quote).slice(1)) {
      fields++;
      if (field.startsWith(" ")) padded++;
    }
  }
  return fields > 0 && padded / fields > 0.5;
}

/** "" plus the candidate markers the first `rows` rows give evidence for (see null-markers.ts). */
async function sniffNullMarkers(path: string, options: ReadOptions, rows: number): Promise<string[]> {
  const table = await openTable(path, { ...options, format: "csv", nullMarkers: [""], batchSize: rows, allowNoRows: true });
  const evidence = new NullMarkerEvidence(table.columns.length);
  for await (const batch of table.batches()) {
    batch.columns.forEach((values, column) => {
      evidence.add(column, values, batch.length);
    });
    break; // the sample is the first batch; leaving the loop closes the file
  }
  return ["", ...evidence.chosen()];
}

/**
 * The delimiter a header was really written with, when it was read with another: a header read as
 * one column (`id;name`) that splits on a candidate delimiter into names the contract expects.
 * Undefined when the header looks right, so a missing column is then just missing.
 */
export function misreadDelimiter(columns: readonly string[], expected: readonly string[], used: string): string | undefined {
  if (columns.length !== 1 || expected.length < 2) return undefined;
  const names = new Set(expected);
  for (const candidate of DELIMITER_CANDIDATES) {
    if (candidate === used) continue;
    const parts = columns[0]!.split(candidate).map((part) => part.trim().replace(/^"(.*)"$/, "$1"));
    if (parts.length >= 2 && parts.filter((part) => names.has(part)).length * 2 >= parts.length) return candidate;
  }
  return undefined;
}

/**
 * A UserError when a header was read with the wrong delimiter ({@link misreadDelimiter}): it names
 * the file, the header line, and the `dialect.delimiter` to set in the contract.
 */
export function checkHeaderDelimiter(
  header: { columns: readonly string[]; file: string; line?: number },
  contract: { file: string; names: readonly string[]; delimiter: string },
): void {
  const delimiter = misreadDelimiter(header.columns, contract.names, contract.delimiter);
  if (delimiter === undefined) return;
  const shown = delimiter === "\t" ? "tab" : `"${delimiter}"`;
  throw new UserError(
    `the header was read as one column ("${header.columns[0]!.slice(0, 80)}"): the file looks ${shown}-separated, not "${contract.delimiter}"-separated`,
    {
      file: header.file,
      line: header.line,
      hint: `set the delimiter in ${contract.file}: dialect: { delimiter: ${delimiter === "\t" ? '"\\t"' : `"${delimiter}"`} }`,
    },
  );
}
