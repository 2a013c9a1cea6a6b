/**
 * What `modelship init` learns from the user's data: which file it is, which column is the target,
 * what the target's classes are, and, without a test file, the seeded split into training and test
 * rows that keeps the evaluation off the training rows.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { UserError } from "../common/errors.ts";
import { openTable } from "../data/readers/open-table.ts";
import { sniffDialect, splitRecords } from "../data/readers/sniff-dialect.ts";
import type { ReadOptions } from "../data/readers/table.ts";
import { assertInside, quoted } from "./init-paths.ts";

/** Column names that say "I am the label" in most data sets, compared case-insensitively. */
export const WELL_KNOWN_TARGETS = ["target", "label", "labels", "class", "y", "outcome"];

/** Folders never searched for data: version control, dependencies and modelship's own outputs. */
const SKIPPED_FOLDERS = new Set([".git", "node_modules", ".modelship", ".venv", "__pycache__"]);

/** How deep the CSV search goes, so a huge tree does not stall init. */
const MAX_DEPTH = 6;

/** A CSV or gzipped CSV. */
const CSV_NAME = /\.csv(\.gz)?$/i;

/** The split files init writes beside `name.csv`: `name.train.csv` and `name.test.csv`. */
const SPLIT_NAME = /\.(train|test)\.csv(\.gz)?$/i;

/** Every *.csv / *.csv.gz under `root` (paths relative to it, `/`-separated, sorted), skipping SKIPPED_FOLDERS and hidden folders. */
export async function findCsvFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) await walk(path, depth + 1);
      } else if (entry.isFile() && CSV_NAME.test(entry.name)) found.push(relative(root, path).split(sep).join("/"));
    }
  };
  await walk(root, 0);
  // A re-run (init --force) finds the split it wrote before: name.train.csv beside name.csv is not a second data set.
  const sources = new Set(found.filter((path) => !SPLIT_NAME.test(path)));
  return found.filter((path) => !(SPLIT_NAME.test(path) && sources.has(path.replace(SPLIT_NAME, ".csv$2")))).sort();
}

/** The data file: `--data`, else the one CSV in the tree; none or several is a UserError naming the fix. */
export async function chooseDataFile(root: string, given: string | undefined, flag = "--data"): Promise<string> {
  if (given !== undefined) {
    const path = resolve(root, given);
    const inside = relative(root, path);
    // modelship.yaml and the workflow read the data from the repository: a path outside it would not be there in CI.
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      throw new UserError(`${flag} ${given} is outside this repository`, {
        hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`,
      });
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile())
      throw new UserError(`${flag} ${given}: no such file`, {
        file: given,
        hint: `give ${flag} the path of your CSV, relative to this folder`,
      });
    const chosen = plainPath(inside.split(sep).join("/"), flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  const candidates = await findCsvFiles(root);
  if (candidates.length === 1) {
    const chosen = plainPath(candidates[0]!, flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  if (candidates.length === 0)
    throw new UserError("found no *.csv or *.csv.gz file in this folder or below (outside .git and node_modules)", {
      hint: "copy your data here, or name it with --data PATH",
    });
  const pair = trainTestPair(candidates);
  const example =
    pair !== undefined
      ? `--data ${pair.train} --test ${pair.test}`
      : `--data ${candidates.find((path) => !/test/i.test(basename(path))) ?? candidates[0]!}`;
  throw new UserError(`found ${candidates.length} CSV files, and init uses one:\n${candidates.map((path) => `  ${path}`).join("\n")}`, {
    hint: `name the training data with --data and a held-out test file with --test (e.g. ${example})`,
  });
}

/**
 * The one pair of CSVs in one folder whose names differ only by `train` and `test` (`adult.train.csv`
 * and `adult.test.csv`, `data/train.csv` and `data/test.csv`), or undefined when there is none or several.
 */
export function trainTestPair(paths: readonly string[]): { train: string; test: string } | undefined {
  const lower = new Map(paths.map((path) => [path.toLowerCase(), path]));
  const pairs: { train: string; test: string }[] = [];
  for (const path of paths) {
    const name = basename(path);
    const at = name.toLowerCase().lastIndexOf("train");
    if (at === -1) continue;
    const test = lower.get(`${path.slice(0, path.length - name.length)}${name.slice(0, at)}test${name.slice(at + 5)}`.toLowerCase());
    if (test !== undefined) pairs.push({ train: path, test });
  }
  return pairs.length === 1 ? pairs[0] : undefined;
}

/** A path init writes into YAML and prints: no control characters (a line break in a file name would start a new YAML line). */
function plainPath(path: string, flag: string): string {
  // Format characters too (U+202E reverses what a terminal shows of the rest of the line).
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(path))
    throw new UserError(`the data file ${quoted(path)} has a control character (a line break, a tab…) in its name`, {
      hint: `rename it, then run init again (with ${flag} NEWNAME)`,
    });
  return path;
}

/** The CSV's dialect (as `contract infer` sniffs it) and header. */
export interface DataShape {
  readOptions: ReadOptions;
  columns: string[];
}

export async function readShape(root: string, path: string): Promise<DataShape> {
  const dialect = await sniffDialect(join(root, path));
  const readOptions: ReadOptions = {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    trim: dialect.trim,
    nullMarkers: dialect.nullMarkers,
    format: "csv",
  };
  const table = await openTable(join(root, path), readOptions);
  return { readOptions, columns: table.columns };
}

/** The target: `--target` (which must be a column), else the one well-known label name; never a silent guess. */
export function chooseTarget(columns: string[], given: string | undefined, file: string): { target: string; detected: boolean } {
  const listed = columns.map((column) => quoted(column)).join(", ");
  if (given !== undefined) {
    if (columns.includes(given)) return { target: given, detected: false };
    throw new UserError(`--target ${quoted(given)} is not a column of ${file}; its columns are ${listed}`, {
      file,
      hint: "give --target one of those columns (names are case-sensitive)",
    });
  }
  const known = columns.filter((column) => WELL_KNOWN_TARGETS.includes(column.toLowerCase()));
  if (known.length === 1) return { target: known[0]!, detected: true };
  throw new UserError(
    known.length === 0
      ? `cannot tell which column of ${file} the model should predict (none is called ${WELL_KNOWN_TARGETS.join(", ")}); its columns are ${listed}`
      : `several columns of ${file} look like the target: ${known.map((column) => quoted(column)).join(", ")}`,
    { file, hint: "name the column the model predicts with --target COLUMN" },
  );
}

/** What one pass over the data says about the target and the numeric sensitive columns. */
export interface TargetFacts {
  /** Rows with a target value. */
  rows: number;
  /** Count per target value (as read; at most MAX_CLASSES + 1 kept). */
  counts: Map<string, number>;
  /** Every target value parses as a number. */
  numeric: boolean;
  /** Values of each numeric column asked for (for fairness bins). */
  values: Map<string, number[]>;
  /** Each text column asked for: is it free text (see isFreeText)? */
  freeText: Map<string, boolean>;
}

/** Past this many distinct values a text column counts them no further (and is, by then, far from categorical). */
const MAX_DISTINCT = 100_000;

/**
 * Free text, which a tabular model cannot use as a category: most values are several words (hold
 * whitespace) and at least 30% of them are distinct (a note such as "complained about outage #3716";
 * a category column, even a wide one like occupation, repeats its few values).
 */
export function isFreeText(stats: { values: number; distinct: number; spaced: number }): boolean {
  return stats.values > 0 && stats.spaced / stats.values >= 0.5 && stats.distinct / stats.values >= 0.3;
}

/** More distinct values than this and a numeric target is a regression. */
export const MAX_CLASSES = 20;

export async function readTargetFacts(
  root: string,
  path: string,
  shape: DataShape,
  target: string,
  numericColumns: string[],
  textColumns: string[] = [],
): Promise<TargetFacts> {
  const table = await openTable(join(root, path), shape.readOptions);
  const targetIndex = table.columns.indexOf(target);
  const wanted = numericColumns.map((name) => ({ name, index: table.columns.indexOf(name), values: [] as number[] }));
  const texts = textColumns.map((name) => ({ name, index: table.columns.indexOf(name), seen: new Set<string>(), values: 0, spaced: 0 }));
  const counts = new Map<string, number>();
  let rows = 0;
  let numeric = true;
  for await (const batch of table.batches()) {
    const column = batch.columns[targetIndex]!;
    for (const value of column) {
      if (value === null) continue;
      rows++;
      const text = String(value);
      if (numeric && (text.trim() === "" || !Number.isFinite(Number(text)))) numeric = false;
      if (counts.has(text) || counts.size <= MAX_CLASSES) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const entry of texts) {
      for (const value of batch.columns[entry.index]!) {
        if (value === null) continue;
        const text = String(value).trim();
        entry.values++;
        if (/\s/.test(text)) entry.spaced++;
        if (entry.seen.size < MAX_DISTINCT) entry.seen.add(text);
      }
    }
    for (const entry of wanted) {
      for (const value of batch.columns[entry.index]!) {
        const number = value === null ? Number.NaN : Number(value);
        if (Number.isFinite(number)) entry.values.push(number);
      }
    }
  }
  return {
    rows,
    counts,
    numeric,
    values: new Map(wanted.map((entry) => [entry.name, entry.values])),
    freeText: new Map(
      texts.map((entry) => [entry.name, isFreeText({ values: entry.values, distinct: entry.seen.size, spaced: entry.spaced })]),
    ),
  };
}

/** The largest (uncompressed) CSV init splits: 400 MiB. */
export const MAX_SPLIT_BYTES = 400 * 2 ** 20;

/** The split init writes when no test file is given. */
export interface DataSplit {
  train: { path: string; rows: number; data: Uint8Array };
  test: { path: string; rows: number; data: Uint8Array };
  share: number;
  seed: number;
}

/**
 * Splits the CSV's rows into training and test files beside it (`name.train.csv`, `name.test.csv`,
 * gzipped when the source is): a row goes to the test file when a seeded SHA-256 of its text falls
 * in the lowest `share` of the range. Deterministic (the same file and seed give the same split on
 * every machine), independent of row order, and identical rows land on the same side, so the test
 * set never holds a copy of a training row (what validate's leakage check looks for).
 */
export async function splitData(root: string, path: string, options: { share: number; seed: number; quote: string }): Promise<DataSplit> {
  const raw = await readFile(join(root, path));
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
  const bytes = gzipped ? gunzipSync(raw) : raw;
  // The split holds the file in memory as text; past this, Node cannot make one string of it.
  if (bytes.length > MAX_SPLIT_BYTES)
    throw new UserError(`${path} is ${Math.round(bytes.length / 2 ** 20)} MiB: too large for init to split in memory`, {
      file: path,
      hint: "split it yourself and give the held-out part with --test PATH",
    });
  const text = bytes.toString("utf8");
  const [header, ...records] = splitRecords(text, options.quote, true);
  if (header === undefined) throw new UserError(`${path} is empty`, { file: path, hint: "give --data a CSV with a header and rows" });
  const train: string[] = [];
  const test: string[] = [];
  const cut = Math.floor(options.share * 2 ** 32);
  for (const record of records) {
    const hash = createHash("sha256").update(`${options.seed}\u0000${record.trimEnd()}`).digest();
    (hash.readUInt32BE(0) < cut ? test : train).push(record);
  }
  if (train.length === 0 || test.length === 0)
    throw new UserError(`${path} has ${records.length} row(s): too few to hold some out for testing`, {
      file: path,
      hint: "add rows, or give a separate test file with --test PATH",
    });
  const stem = basename(path).replace(CSV_NAME, "");
  const extension = gzipped ? ".csv.gz" : ".csv";
  // Most file systems take names of up to 255 bytes; `.train` makes the split's name longer than the data's.
  if (Buffer.byteLength(`${stem}.train${extension}`) > 255)
    throw new UserError(`${path}: the split's file name ${stem}.train${extension} would be longer than 255 bytes`, {
      file: path,
      hint: "rename the data file to a shorter name, or give --test PATH (no split)",
    });
  const folder = dirname(path) === "." ? "" : `${dirname(path)}/`;
  const encode = (rows: string[]): Uint8Array => {
    const body = Buffer.from(`${[header, ...rows].join("\n")}\n`, "utf8");
    return gzipped ? gzipSync(body) : body;
  };
  return {
    train: { path: `${folder}${stem}.train${extension}`, rows: train.length, data: encode(train) },
    test: { path: `${folder}${stem}.test${extension}`, rows: test.length, data: encode(test) },
    share: options.share,
    seed: options.seed,
  };
}

/** Quartile edges (rounded, distinct) that turn a numeric sensitive column into about four groups. */
export function quartileEdges(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const edges = [0.25, 0.5, 0.75].map((q) => Number(at(q).toPrecision(3)));
  return [...new Set(edges)].filter((edge) => edge > sorted[0]! && edge <= sorted[sorted.length - 1]!);
}
