/**
 * `modelship contract infer`: drafts a data contract from data files, built so that the files it
 * came from pass it. The files are streamed (memory does not grow with the row count, except for
 * the capped exact checks of duplicate-rows.ts and column-inference.ts); a CSV dialect is sniffed
 * from the first 64 KiB, and a null marker first seen later triggers one more pass.
 *
 * Rules, so a reviewer knows what a drafted value means:
 * - type: the first of integer, number, boolean (true/false words, not 0/1), date, datetime that
 *   every non-null value parses as by coerce.ts; else categorical with up to `maxEnum` distinct
 *   values (enum by frequency), else string. A column with no values is a string with allow_empty.
 * - nulls: `nullable: false` when none were seen, else `max_null_share` = the observed share
 *   (the worst file's) × 1.5 rounded up to 0.01, 0.02, 0.05, 0.1, 0.2, … (share-bound.ts).
 * - ranges: observed min and max for numbers, dates and date-times.
 * - unique: for integer and string columns whose ≥ 20 values all differ, in data of at most
 *   100,000 rows (beyond that, telling needs memory that grows with the data).
 * - pii: `pii: forbid` for a column where a PII detector fires on any value's raw text, before its
 *   type is decided (src/data/pii/pii-detectors.ts; a card written as digits would read as an
 *   integer), with a comment naming every detector that fired and the share of values; such a column
 *   is a string with no enum, min or max, so its values are never written into the contract. Review
 *   it: forbid (the data must not hold it: these files then fail), hashed (hash it upstream) or allow.
 * - dataset: min_rows half the smallest file's rows; max_duplicate_share by the share rule
 *   (estimated, with headroom, above 100,000 rows a file); unknown_columns: error.
 */
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";
import { getErrorMessage, UserError } from "../../common/errors.ts";
import type { Logger } from "../../common/logger.ts";
import { ColumnInference, type ColumnFacts } from "./column-inference.ts";
import { parseContract, type ColumnDocument, type ContractDocument } from "./load-contract.ts";
import { renderContractYaml, type ValueComment } from "./contract-yaml.ts";
import { DuplicateRowCounter } from "../validate/duplicate-rows.ts";
import { NullMarkerEvidence, NULL_MARKER_CANDIDATES } from "../readers/null-markers.ts";
import { formatFromName, openTable } from "../readers/open-table.ts";
import { roundShareUp } from "../validate/share-bound.ts";
import { sniffDialect, type SniffedDialect } from "../readers/sniff-dialect.ts";
import type { ReadOptions, TableFormat } from "../readers/table.ts";

/** String columns with at most this many distinct values become categorical by default. */
export const DEFAULT_MAX_ENUM = 20;

export interface InferContractOptions {
  paths: string[];
  /** The label column (role target). */
  target?: string;
  /** Most distinct values for a categorical column; default 20. */
  maxEnum?: number;
  /** Read options; what is given here is used as is, the rest of a CSV dialect is sniffed. */
  readOptions?: ReadOptions;
  logger: Logger;
}

export interface InferContractResult {
  /** The drafted contract as commented YAML. */
  yaml: string;
  /** The same contract as data (the YAML's snake_case shape). */
  document: ContractDocument;
  /** Rows read, all files together. */
  rows: number;
}

interface Pass {
  columns: ColumnFacts[];
  rowsPerFile: number[];
  duplicates: DuplicateRowCounter;
  /** Null markers the full data gives evidence for (CSV files, when markers were sniffed). */
  markers: string[];
}

/** Drafts a contract that the given data files satisfy. */
export async function inferContract(options: InferContractOptions): Promise<InferContractResult> {
  const { paths, logger } = options;
  if (paths.length === 0)
    throw new UserError("no data files to draft a contract from", { hint: "pass one or more data files, e.g. data/train.csv" });
  const maxEnum = options.maxEnum ?? DEFAULT_MAX_ENUM;
  if (!Number.isSafeInteger(maxEnum) || maxEnum < 0)
    throw new UserError(`max-enum must be a whole number ≥ 0, got ${maxEnum}`, {
      hint: `leave it out for the default (${DEFAULT_MAX_ENUM})`,
    });
  const readOptions = options.readOptions ?? {};
  const formats = paths.map((path) => readOptions.format ?? formatFromName(path));
  const dialect = await sniffFiles(
    paths.filter((_, index) => formats[index] === "csv"),
    readOptions,
    logger,
  );

  const read = (collectMarkers: boolean) =>
    readFiles({ paths, formats, dialect, readOptions, maxEnum, target: options.target, collectMarkers, logger });
  let pass = await read(dialect !== undefined && readOptions.nullMarkers === undefined);
  if (dialect !== undefined) {
    const late = pass.markers.filter((marker) => !dialect.nullMarkers.includes(marker));
    if (late.length > 0) {
      // A marker that first shows up after the sniffed sample: read again with it as null.
      dialect.nullMarkers = [
        "",
        ...NULL_MARKER_CANDIDATES.filter((marker) => dialect.nullMarkers.includes(marker) || late.includes(marker)),
      ];
      logger.info(
        `Found the null marker(s) ${late.map((marker) => JSON.stringify(marker)).join(", ")} past the first 64 KiB; reading the data again with them.`,
      );
      pass = await read(false);
    }
  }

  const { document, comments } = buildDocument({ pass, dialect, target: options.target, quoteGiven: readOptions.quote !== undefined });
  const rows = pass.rowsPerFile.reduce((sum, count) => sum + count, 0);
  const files = paths.map((path, index) => `${path} (${pass.rowsPerFile[index]!.toLocaleString("en-US")} rows)`).join(", ");
  const yaml = renderContractYaml({
    document,
    header: [
      `Drafted by \`modelship contract infer\` from ${files} on ${new Date().toISOString().slice(0, 10)}.`,
      "Review before committing: it describes the data you have, not the data you want.",
      "Types, ranges and enums are what these rows hold; widen them where new data may differ.",
      "Format: schemas/data-contract.schema.json",
    ],
    comments,
  });
  checkLoadable(yaml, document);
  return { yaml, document, rows };
}

/** Sniffs each CSV file; they must agree on the delimiter, since a contract has one dialect. */
async function sniffFiles(paths: string[], given: ReadOptions, logger: Logger): Promise<SniffedDialect | undefined> {
  let merged: SniffedDialect | undefined;
  let first = "";
  for (const path of paths) {
    const dialect = await sniffDialect(path, given);
    logger.debug(
      `${path}: delimiter ${JSON.stringify(dialect.delimiter)}, trim ${dialect.trim}, null markers ${JSON.stringify(dialect.nullMarkers)}`,
    );
    if (merged === undefined) {
      merged = dialect;
      first = path;
      continue;
    }
    if (dialect.delimiter !== merged.delimiter) {
      throw new UserError(`looks delimited by ${JSON.stringify(dialect.delimiter)}, but ${first} by ${JSON.stringify(merged.delimiter)}`, {
        file: path,
        hint: "a contract has one dialect: pass --delimiter, or draft a contract per kind of file",
      });
    }
    merged.trim ||= dialect.trim;
    merged.nullMarkers = [
      "",
      ...NULL_MARKER_CANDIDATES.filter((marker) => merged!.nullMarkers.includes(marker) || dialect.nullMarkers.includes(marker)),
    ];
  }
  if (merged !== undefined) {
    if (given.nullMarkers !== undefined) merged.nullMarkers = [...given.nullMarkers];
    logger.info(
      `CSV dialect: delimiter ${JSON.stringify(merged.delimiter)}${merged.trim ? ", spaces after delimiters trimmed" : ""}, null markers ${merged.nullMarkers.map((marker) => JSON.stringify(marker)).join(", ")}`,
    );
  }
  return merged;
}

/** One streamed pass over every file. */
async function readFiles(options: {
  paths: string[];
  formats: TableFormat[];
  dialect: SniffedDialect | undefined;
  readOptions: ReadOptions;
  maxEnum: number;
  target: string | undefined;
  collectMarkers: boolean;
  logger: Logger;
}): Promise<Pass> {
  const { paths, formats, dialect, readOptions } = options;
  let names: string[] | undefined;
  let columns: ColumnInference[] = [];
  let evidence: NullMarkerEvidence | undefined;
  const duplicates = new DuplicateRowCounter();
  const rowsPerFile: number[] = [];
  for (const [index, path] of paths.entries()) {
    const csv = formats[index] === "csv" && dialect !== undefined;
    const table = await openTable(
      path,
      csv
        ? {
            ...readOptions,
            format: "csv",
            delimiter: dialect.delimiter,
            quote: dialect.quote,
            trim: dialect.trim,
            nullMarkers: dialect.nullMarkers,
          }
        : readOptions,
    );
    if (names === undefined) {
      checkHeader(path, table.columns, table.headerLine);
      checkTarget(path, table.columns, options.target);
      names = table.columns;
      columns = names.map((name) => new ColumnInference(name, options.maxEnum));
      if (options.collectMarkers) evidence = new NullMarkerEvidence(names.length);
    } else {
      checkSameColumns(path, table.columns, paths[0]!, names);
    }
    // Where each contract column sits in this file (the order may differ between files).
    const positions = names.map((name) => table.columns.indexOf(name));
    for (const column of columns) column.startFile();
    duplicates.startFile(path);
    for await (const batch of table.batches()) {
      columns.forEach((column, c) => {
        const values = batch.columns[positions[c]!]!;
        column.add(values, batch.length);
        if (csv) evidence?.add(c, values, batch.length);
      });
      duplicates.add(batch);
    }
    for (const column of columns) column.endFile();
    const rows = duplicates.endFile().rows;
    rowsPerFile.push(rows);
    options.logger.info(`${path}: ${rows.toLocaleString("en-US")} rows, ${names.length} columns read`);
  }
  return { columns: columns.map((column) => column.facts()), rowsPerFile, duplicates, markers: evidence?.chosen() ?? [] };
}

/** Column names must be present and distinct for a contract to name them. */
function checkHeader(path: string, columns: readonly string[], line: number | undefined): void {
  const seen = new Set<string>();
  for (const [index, name] of columns.entries()) {
    if (name === "")
      throw new UserError(`column ${index + 1} has no name in the header`, {
        file: path,
        line,
        hint: "name every column in the header line",
      });
    if (seen.has(name))
      throw new UserError(`the header names column "${name}" twice`, {
        file: path,
        line,
        hint: "rename one of them: a contract tells columns apart by name",
      });
    seen.add(name);
  }
}

function checkTarget(path: string, columns: readonly string[], target: string | undefined): void {
  if (target === undefined || columns.includes(target)) return;
  throw new UserError(`--target "${target}" is not a column of the data`, { file: path, hint: `use one of: ${columns.join(", ")}` });
}

function checkSameColumns(path: string, columns: readonly string[], firstPath: string, expected: readonly string[]): void {
  const missing = expected.filter((name) => !columns.includes(name));
  const extra = columns.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0 && columns.length === expected.length) return;
  const parts = [
    missing.length > 0 ? `lacks ${missing.map((name) => `"${name}"`).join(", ")}` : "",
    extra.length > 0 ? `has ${extra.map((name) => `"${name}"`).join(", ")} in addition` : "",
  ];
  throw new UserError(`has other columns than ${firstPath}: it ${parts.filter(Boolean).join(" and ") || "repeats a column"}`, {
    file: path,
    hint: "draft a contract from files that share one header, or one contract per kind of file",
  });
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** The contract document, and comments saying what was observed. */
function buildDocument(options: { pass: Pass; dialect: SniffedDialect | undefined; target: string | undefined; quoteGiven: boolean }): {
  document: ContractDocument;
  comments: ValueComment[];
} {
  const { pass, dialect } = options;
  const comments: ValueComment[] = [];
  const columns = pass.columns.map((facts, index) => {
    const { column, nullComment } = columnDocument(facts, facts.name === options.target);
    if (nullComment !== undefined) comments.push({ path: ["columns", index, "max_null_share"], text: nullComment });
    if (facts.pii !== undefined) {
      const { detectors, count, nonNull } = facts.pii;
      const each = detectors.map((entry) => `${entry.detector} ${entry.count.toLocaleString("en-US")}`).join(", ");
      comments.push({
        path: ["columns", index, "pii"],
        text: `detectors fired on ${count.toLocaleString("en-US")} of ${nonNull.toLocaleString("en-US")} values (${percent(count / nonNull)}: ${each}); review: forbid, hashed or allow`,
      });
    }
    return column;
  });
  // Key order is the YAML's order: the format version, then the dialect, as it says how to read everything after.
  const document: ContractDocument =
    dialect === undefined ? { version: 1, columns } : { version: 1, dialect: dialectDocument(dialect, options.quoteGiven), columns };
  const smallest = Math.min(...pass.rowsPerFile);
  const duplicateShare = Math.max(0, ...pass.duplicates.files.map((file) => file.share));
  const estimated = pass.duplicates.files.some((file) => !file.exact);
  document.dataset = {
    min_rows: smallest > 0 ? Math.max(1, Math.floor(smallest / 2)) : 0,
    max_duplicate_share: pass.duplicates.limit(),
    unknown_columns: "error",
  };
  comments.push({
    path: ["dataset", "min_rows"],
    text: `half the ${smallest.toLocaleString("en-US")} rows of the ${pass.rowsPerFile.length > 1 ? "smallest file" : "data"}`,
  });
  comments.push({
    path: ["dataset", "max_duplicate_share"],
    text: `${percent(duplicateShare)} of rows repeat an earlier row${estimated ? " (estimated)" : ""}`,
  });
  return { document, comments };
}

function dialectDocument(dialect: SniffedDialect, quoteGiven: boolean): NonNullable<ContractDocument["dialect"]> {
  const section: NonNullable<ContractDocument["dialect"]> = { delimiter: dialect.delimiter };
  if (quoteGiven || dialect.quote !== '"') section.quote = dialect.quote;
  section.trim = dialect.trim;
  section.null_markers = dialect.nullMarkers;
  return section;
}

function columnDocument(facts: ColumnFacts, isTarget: boolean): { column: ColumnDocument; nullComment?: string } {
  const column: ColumnDocument = { name: facts.name, type: facts.type, role: isTarget ? "target" : "feature" };
  let nullComment: string | undefined;
  if (facts.nulls === 0) column.nullable = false;
  else {
    const limit = roundShareUp(facts.maxFileNullShare);
    // A limit of 1 allows everything: leave it out.
    if (limit < 1) {
      column.max_null_share = limit;
      nullComment = `${percent(facts.maxFileNullShare)} missing`;
    }
  }
  if (facts.min !== undefined) column.min = facts.min;
  if (facts.max !== undefined) column.max = facts.max;
  if (facts.enum !== undefined) column.enum = facts.enum;
  if (facts.unique) column.unique = true;
  if (facts.emptyInSomeFile) column.allow_empty = true;
  if (facts.pii !== undefined) column.pii = "forbid";
  return { column, nullComment };
}

/** An inferred contract must load; if it does not, that is a bug here, not the user's doing. */
function checkLoadable(yaml: string, document: ContractDocument): void {
  try {
    parseContract(yaml, "drafted contract");
  } catch (error) {
    throw new Error(`the drafted contract does not load: ${getErrorMessage(error)}`, { cause: error });
  }
  if (!isDeepStrictEqual(parseYaml(yaml), JSON.parse(JSON.stringify(document)))) {
    throw new Error("the drafted contract's YAML does not read back as the document it was written from");
  }
}
