import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  diffContracts,
  renderContractDiffMarkdown
} from "./chunk-DUVNE2TN.js";
import {
  checkOutputFile
} from "./chunk-AZJWTHTA.js";
import {
  loadContract,
  parseContract
} from "./chunk-WC5L3K5J.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  require_dist
} from "./chunk-RGJ5T3QL.js";
import {
  DISTINCT_ESTIMATE_ERROR,
  Hash64,
  HashTable64,
  RepeatCounter
} from "./chunk-FBC54HEI.js";
import {
  NULL_MARKER_CANDIDATES,
  NullMarkerEvidence,
  sniffDialect
} from "./chunk-ROYMXGRN.js";
import {
  coerceValue
} from "./chunk-CEPJPHC5.js";
import {
  detectPii,
  formatFromName,
  openTable
} from "./chunk-WP7KJD34.js";
import {
  UserError,
  getErrorMessage
} from "./chunk-SU4BFKON.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/stages/contract-stage.ts
import { lstat } from "node:fs/promises";

// src/data/contract/infer-contract.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";

// src/data/validate/share-bound.ts
var ROUND_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
var HEADROOM = 1.5;
function roundShareUp(share) {
  const wanted = Math.min(1, Math.max(0, share) * HEADROOM);
  return ROUND_SHARES.find((round) => round >= wanted) ?? 1;
}

// src/data/validate/duplicate-rows.ts
var EXACT_ROW_LIMIT = 1e5;
var ESTIMATE_HEADROOM = 3 * DISTINCT_ESTIMATE_ERROR;
var DATE_START = /^\d{4}-\d{2}-\d{2}/;
function hashCell(hash, raw) {
  if (raw === null) hash.missing();
  else if (typeof raw === "number") hash.number(raw);
  else if (typeof raw === "bigint") hash.number(Number(raw));
  else if (typeof raw === "boolean") hash.word(raw ? 1 : 2);
  else if (raw instanceof Date) hash.number(raw.getTime());
  else {
    const number = coerceValue(raw, "number");
    if (number.ok && typeof number.value === "number") hash.number(number.value);
    else hashText(hash, raw);
  }
}
function hashText(hash, raw) {
  if (raw.length <= 5 && (raw.toLowerCase() === "true" || raw.toLowerCase() === "false")) hash.word(raw.toLowerCase() === "true" ? 1 : 2);
  else if (DATE_START.test(raw)) {
    const date = coerceValue(raw, raw.length === 10 ? "date" : "datetime");
    if (date.ok && typeof date.value === "number") hash.number(date.value);
    else hash.text(raw);
  } else hash.text(raw);
}
var DuplicateRowCounter = class {
  #hash = new Hash64();
  #files = [];
  #path = "";
  #counter;
  /** Starts counting a new file. */
  startFile(path) {
    this.#path = path;
    this.#counter = new RepeatCounter(EXACT_ROW_LIMIT);
  }
  /** Hashes every row of a batch (all columns, in file order). */
  add(batch) {
    const hash = this.#hash;
    const counter = this.#counter;
    for (let r = 0; r < batch.length; r++) {
      hash.reset();
      for (const column of batch.columns) hashCell(hash, column[r] ?? null);
      counter.add(hash.h1, hash.h2, batch.lines[r] ?? 0);
    }
  }
  /** Ends the file and records its share. */
  endFile() {
    const counter = this.#counter;
    const rows = counter.seen;
    const file = { path: this.#path, rows, share: rows === 0 ? 0 : Math.min(1, counter.repeats / rows), exact: counter.exact };
    this.#files.push(file);
    this.#counter = void 0;
    return file;
  }
  /** Each finished file's share. */
  get files() {
    return this.#files;
  }
  /** A `max_duplicate_share` every finished file meets: the round-up rule, on estimates plus three standard errors. */
  limit() {
    return Math.max(0, ...this.#files.map((file) => roundShareUp(file.exact ? file.share : file.share + ESTIMATE_HEADROOM)));
  }
};

// src/data/contract/column-inference.ts
var UNIQUE_ROW_LIMIT = 1e5;
var MIN_UNIQUE_VALUES = 20;
var BOOLEAN_TEXTS = /* @__PURE__ */ new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);
var DAY_MS = 24 * 60 * 60 * 1e3;
var ColumnInference = class {
  name;
  #maxEnum;
  #integer = true;
  #number = true;
  #boolean = true;
  #date = true;
  #datetime = true;
  #min = Infinity;
  #max = -Infinity;
  #dates = {};
  #datetimes = {};
  /** Counts per distinct value (as text, as categorical validation compares them); undefined past maxEnum. */
  #distinct = /* @__PURE__ */ new Map();
  /** Hashes of the values seen; undefined once a value repeats or the check is given up. */
  #seen = new HashTable64();
  #hash = new Hash64();
  #rows = 0;
  #nulls = 0;
  #fileRows = 0;
  #fileNulls = 0;
  #maxFileNullShare = 0;
  #emptyInSomeFile = false;
  /** Values each PII detector fired on (texts, and integers as their digits: a card number may be written as one). */
  #pii = /* @__PURE__ */ new Map();
  constructor(name, maxEnum) {
    this.name = name;
    this.#maxEnum = maxEnum;
  }
  /** Starts a new file (null shares and emptiness are per file). */
  startFile() {
    this.#fileRows = 0;
    this.#fileNulls = 0;
  }
  /** Ends the current file. */
  endFile() {
    if (this.#fileRows > 0) this.#maxFileNullShare = Math.max(this.#maxFileNullShare, this.#fileNulls / this.#fileRows);
    if (this.#fileRows === this.#fileNulls) this.#emptyInSomeFile = true;
  }
  /** Takes the first `length` values of one batch of this column. */
  add(values, length) {
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) {
        this.#nulls++;
        this.#fileNulls++;
      } else this.#addValue(raw);
    }
    this.#rows += length;
    this.#fileRows += length;
    if (this.#rows > UNIQUE_ROW_LIMIT) this.#seen = void 0;
  }
  #addValue(raw) {
    if (this.#integer || this.#number) this.#addNumber(raw);
    if (this.#boolean) this.#boolean = typeof raw === "boolean" || typeof raw === "string" && BOOLEAN_TEXTS.has(raw);
    if (this.#date) this.#date = addInstant(this.#dates, raw, "date");
    if (this.#datetime) this.#datetime = addInstant(this.#datetimes, raw, "datetime");
    if (this.#distinct !== void 0) {
      const key = raw instanceof Date ? raw.toISOString() : String(raw);
      this.#distinct.set(key, (this.#distinct.get(key) ?? 0) + 1);
      if (this.#distinct.size > this.#maxEnum) this.#distinct = void 0;
    }
    if (this.#seen !== void 0) this.#addSeen(raw);
    const text = typeof raw === "string" ? raw : typeof raw === "bigint" || typeof raw === "number" && Number.isInteger(raw) ? String(raw) : void 0;
    if (text !== void 0) {
      const detector = detectPii(text);
      if (detector !== void 0) this.#pii.set(detector, (this.#pii.get(detector) ?? 0) + 1);
    }
  }
  #addNumber(raw) {
    let coerced = this.#integer ? coerceValue(raw, "integer") : void 0;
    if (coerced !== void 0 && !coerced.ok) this.#integer = false;
    if (coerced === void 0 || !coerced.ok) coerced = this.#number ? coerceValue(raw, "number") : void 0;
    if (coerced === void 0 || !coerced.ok || typeof coerced.value !== "number") {
      this.#number = false;
      return;
    }
    if (coerced.value < this.#min) this.#min = coerced.value;
    if (coerced.value > this.#max) this.#max = coerced.value;
  }
  #addSeen(raw) {
    if (!this.#integer && (this.#number || this.#boolean || this.#date || this.#datetime)) {
      this.#seen = void 0;
      return;
    }
    const hash = this.#hash;
    hash.reset();
    hashCell(hash, raw);
    if (this.#seen.setIfAbsent(hash.h1, hash.h2, 1) !== void 0) this.#seen = void 0;
  }
  /** The column's facts once every file is read. */
  facts() {
    const nonNull = this.#rows - this.#nulls;
    const facts = {
      name: this.name,
      type: "string",
      rows: this.#rows,
      nulls: this.#nulls,
      maxFileNullShare: this.#maxFileNullShare,
      emptyInSomeFile: this.#emptyInSomeFile,
      unique: false
    };
    if (nonNull === 0) return facts;
    facts.type = this.#type();
    if (facts.type === "integer" || facts.type === "number") {
      facts.min = this.#min;
      facts.max = this.#max;
    } else if (facts.type === "date" || facts.type === "datetime") {
      const extremes = facts.type === "date" ? this.#dates : this.#datetimes;
      facts.min = extremes.min?.text;
      facts.max = extremes.max?.text;
    } else if (facts.type === "categorical") {
      facts.enum = [...this.#distinct.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)).map(([value]) => value);
    }
    facts.unique = (facts.type === "integer" || facts.type === "string") && this.#seen !== void 0 && nonNull >= MIN_UNIQUE_VALUES;
    if (this.#pii.size > 0) {
      const detectors = [...this.#pii.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([detector, count]) => ({ detector, count }));
      facts.pii = { detectors, count: detectors.reduce((sum, entry) => sum + entry.count, 0), nonNull };
      facts.type = "string";
      delete facts.enum;
      delete facts.min;
      delete facts.max;
    }
    return facts;
  }
  #type() {
    if (this.#integer) return "integer";
    if (this.#number) return "number";
    if (this.#boolean) return "boolean";
    if (this.#date) return "date";
    if (this.#datetime) return "datetime";
    return this.#distinct === void 0 ? "string" : "categorical";
  }
};
function addInstant(extremes, raw, type) {
  let instant;
  if (raw instanceof Date) {
    const time = raw.getTime();
    if (Number.isNaN(time)) return false;
    if (type === "date" && time % DAY_MS !== 0) return false;
    instant = { time, text: type === "date" ? raw.toISOString().slice(0, 10) : raw.toISOString() };
  } else {
    const coerced = coerceValue(raw, type);
    if (!coerced.ok || typeof coerced.value !== "number") return false;
    instant = { time: coerced.value, text: String(raw) };
  }
  if (extremes.min === void 0 || instant.time < extremes.min.time) extremes.min = instant;
  if (extremes.max === void 0 || instant.time > extremes.max.time) extremes.max = instant;
  return true;
}

// src/data/contract/contract-yaml.ts
var import_yaml = __toESM(require_dist(), 1);
function renderContractYaml(options) {
  const doc = new import_yaml.Document(options.document);
  doc.commentBefore = options.header.map((line) => ` ${line}`).join("\n");
  const setFlow = (path) => {
    const node = doc.getIn(path, true);
    if ((0, import_yaml.isSeq)(node)) node.flow = true;
  };
  setFlow(["dialect", "null_markers"]);
  options.document.columns.forEach((column, index) => {
    if (column.enum !== void 0) setFlow(["columns", index, "enum"]);
    if (Array.isArray(column.role)) setFlow(["columns", index, "role"]);
  });
  for (const comment of options.comments ?? []) {
    const node = doc.getIn(comment.path, true);
    if ((0, import_yaml.isScalar)(node)) node.comment = ` ${comment.text}`;
  }
  if ((0, import_yaml.isMap)(doc.contents)) {
    doc.contents.items.forEach((pair, index) => {
      if (index > 0 && (0, import_yaml.isScalar)(pair.key)) pair.key.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

// src/data/contract/infer-contract.ts
var DEFAULT_MAX_ENUM = 20;
async function inferContract(options) {
  const { paths, logger } = options;
  if (paths.length === 0)
    throw new UserError("no data files to draft a contract from", { hint: "pass one or more data files, e.g. data/train.csv" });
  const maxEnum = options.maxEnum ?? DEFAULT_MAX_ENUM;
  if (!Number.isSafeInteger(maxEnum) || maxEnum < 0)
    throw new UserError(`max-enum must be a whole number \u2265 0, got ${maxEnum}`, {
      hint: `leave it out for the default (${DEFAULT_MAX_ENUM})`
    });
  const readOptions = options.readOptions ?? {};
  const formats = paths.map((path) => readOptions.format ?? formatFromName(path));
  const dialect = await sniffFiles(
    paths.filter((_, index) => formats[index] === "csv"),
    readOptions,
    logger
  );
  const read = (collectMarkers) => readFiles({ paths, formats, dialect, readOptions, maxEnum, target: options.target, collectMarkers, logger });
  let pass = await read(dialect !== void 0 && readOptions.nullMarkers === void 0);
  if (dialect !== void 0) {
    const late = pass.markers.filter((marker) => !dialect.nullMarkers.includes(marker));
    if (late.length > 0) {
      dialect.nullMarkers = [
        "",
        ...NULL_MARKER_CANDIDATES.filter((marker) => dialect.nullMarkers.includes(marker) || late.includes(marker))
      ];
      logger.info(
        `Found the null marker(s) ${late.map((marker) => JSON.stringify(marker)).join(", ")} past the first 64 KiB; reading the data again with them.`
      );
      pass = await read(false);
    }
  }
  const { document, comments } = buildDocument({ pass, dialect, target: options.target, quoteGiven: readOptions.quote !== void 0 });
  const rows = pass.rowsPerFile.reduce((sum, count) => sum + count, 0);
  const files = paths.map((path, index) => `${path} (${pass.rowsPerFile[index].toLocaleString("en-US")} rows)`).join(", ");
  const yaml = renderContractYaml({
    document,
    header: [
      `Drafted by \`modelship contract infer\` from ${files} on ${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10)}.`,
      "Review before committing: it describes the data you have, not the data you want.",
      "Types, ranges and enums are what these rows hold; widen them where new data may differ.",
      "Format: schemas/data-contract.schema.json"
    ],
    comments
  });
  checkLoadable(yaml, document);
  return { yaml, document, rows };
}
async function sniffFiles(paths, given, logger) {
  let merged;
  let first = "";
  for (const path of paths) {
    const dialect = await sniffDialect(path, given);
    logger.debug(
      `${path}: delimiter ${JSON.stringify(dialect.delimiter)}, trim ${dialect.trim}, null markers ${JSON.stringify(dialect.nullMarkers)}`
    );
    if (merged === void 0) {
      merged = dialect;
      first = path;
      continue;
    }
    if (dialect.delimiter !== merged.delimiter) {
      throw new UserError(`looks delimited by ${JSON.stringify(dialect.delimiter)}, but ${first} by ${JSON.stringify(merged.delimiter)}`, {
        file: path,
        hint: "a contract has one dialect: pass --delimiter, or draft a contract per kind of file"
      });
    }
    merged.trim ||= dialect.trim;
    merged.nullMarkers = [
      "",
      ...NULL_MARKER_CANDIDATES.filter((marker) => merged.nullMarkers.includes(marker) || dialect.nullMarkers.includes(marker))
    ];
  }
  if (merged !== void 0) {
    if (given.nullMarkers !== void 0) merged.nullMarkers = [...given.nullMarkers];
    logger.info(
      `CSV dialect: delimiter ${JSON.stringify(merged.delimiter)}${merged.trim ? ", spaces after delimiters trimmed" : ""}, null markers ${merged.nullMarkers.map((marker) => JSON.stringify(marker)).join(", ")}`
    );
  }
  return merged;
}
async function readFiles(options) {
  const { paths, formats, dialect, readOptions } = options;
  let names;
  let columns = [];
  let evidence;
  const duplicates = new DuplicateRowCounter();
  const rowsPerFile = [];
  for (const [index, path] of paths.entries()) {
    const csv = formats[index] === "csv" && dialect !== void 0;
    const table = await openTable(
      path,
      csv ? {
        ...readOptions,
        format: "csv",
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        trim: dialect.trim,
        nullMarkers: dialect.nullMarkers
      } : readOptions
    );
    if (names === void 0) {
      checkHeader(path, table.columns, table.headerLine);
      checkTarget(path, table.columns, options.target);
      names = table.columns;
      columns = names.map((name) => new ColumnInference(name, options.maxEnum));
      if (options.collectMarkers) evidence = new NullMarkerEvidence(names.length);
    } else {
      checkSameColumns(path, table.columns, paths[0], names);
    }
    const positions = names.map((name) => table.columns.indexOf(name));
    for (const column of columns) column.startFile();
    duplicates.startFile(path);
    for await (const batch of table.batches()) {
      columns.forEach((column, c) => {
        const values = batch.columns[positions[c]];
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
function checkHeader(path, columns, line) {
  const seen = /* @__PURE__ */ new Set();
  for (const [index, name] of columns.entries()) {
    if (name === "")
      throw new UserError(`column ${index + 1} has no name in the header`, {
        file: path,
        line,
        hint: "name every column in the header line"
      });
    if (seen.has(name))
      throw new UserError(`the header names column "${name}" twice`, {
        file: path,
        line,
        hint: "rename one of them: a contract tells columns apart by name"
      });
    seen.add(name);
  }
}
function checkTarget(path, columns, target) {
  if (target === void 0 || columns.includes(target)) return;
  throw new UserError(`--target "${target}" is not a column of the data`, { file: path, hint: `use one of: ${columns.join(", ")}` });
}
function checkSameColumns(path, columns, firstPath, expected) {
  const missing = expected.filter((name) => !columns.includes(name));
  const extra = columns.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0 && columns.length === expected.length) return;
  const parts = [
    missing.length > 0 ? `lacks ${missing.map((name) => `"${name}"`).join(", ")}` : "",
    extra.length > 0 ? `has ${extra.map((name) => `"${name}"`).join(", ")} in addition` : ""
  ];
  throw new UserError(`has other columns than ${firstPath}: it ${parts.filter(Boolean).join(" and ") || "repeats a column"}`, {
    file: path,
    hint: "draft a contract from files that share one header, or one contract per kind of file"
  });
}
function percent(share) {
  return `${(share * 100).toFixed(2)}%`;
}
function buildDocument(options) {
  const { pass, dialect } = options;
  const comments = [];
  const columns = pass.columns.map((facts, index) => {
    const { column, nullComment } = columnDocument(facts, facts.name === options.target);
    if (nullComment !== void 0) comments.push({ path: ["columns", index, "max_null_share"], text: nullComment });
    if (facts.pii !== void 0) {
      const { detectors, count, nonNull } = facts.pii;
      const each = detectors.map((entry) => `${entry.detector} ${entry.count.toLocaleString("en-US")}`).join(", ");
      comments.push({
        path: ["columns", index, "pii"],
        text: `detectors fired on ${count.toLocaleString("en-US")} of ${nonNull.toLocaleString("en-US")} values (${percent(count / nonNull)}: ${each}); review: forbid, hashed or allow`
      });
    }
    return column;
  });
  const document = dialect === void 0 ? { version: 1, columns } : { version: 1, dialect: dialectDocument(dialect, options.quoteGiven), columns };
  const smallest = Math.min(...pass.rowsPerFile);
  const duplicateShare = Math.max(0, ...pass.duplicates.files.map((file) => file.share));
  const estimated = pass.duplicates.files.some((file) => !file.exact);
  document.dataset = {
    min_rows: smallest > 0 ? Math.max(1, Math.floor(smallest / 2)) : 0,
    max_duplicate_share: pass.duplicates.limit(),
    unknown_columns: "error"
  };
  comments.push({
    path: ["dataset", "min_rows"],
    text: `half the ${smallest.toLocaleString("en-US")} rows of the ${pass.rowsPerFile.length > 1 ? "smallest file" : "data"}`
  });
  comments.push({
    path: ["dataset", "max_duplicate_share"],
    text: `${percent(duplicateShare)} of rows repeat an earlier row${estimated ? " (estimated)" : ""}`
  });
  return { document, comments };
}
function dialectDocument(dialect, quoteGiven) {
  const section = { delimiter: dialect.delimiter };
  if (quoteGiven || dialect.quote !== '"') section.quote = dialect.quote;
  section.trim = dialect.trim;
  section.null_markers = dialect.nullMarkers;
  return section;
}
function columnDocument(facts, isTarget) {
  const column = { name: facts.name, type: facts.type, role: isTarget ? "target" : "feature" };
  let nullComment;
  if (facts.nulls === 0) column.nullable = false;
  else {
    const limit = roundShareUp(facts.maxFileNullShare);
    if (limit < 1) {
      column.max_null_share = limit;
      nullComment = `${percent(facts.maxFileNullShare)} missing`;
    }
  }
  if (facts.min !== void 0) column.min = facts.min;
  if (facts.max !== void 0) column.max = facts.max;
  if (facts.enum !== void 0) column.enum = facts.enum;
  if (facts.unique) column.unique = true;
  if (facts.emptyInSomeFile) column.allow_empty = true;
  if (facts.pii !== void 0) column.pii = "forbid";
  return { column, nullComment };
}
function checkLoadable(yaml, document) {
  try {
    parseContract(yaml, "drafted contract");
  } catch (error) {
    throw new Error(`the drafted contract does not load: ${getErrorMessage(error)}`, { cause: error });
  }
  if (!isDeepStrictEqual((0, import_yaml2.parse)(yaml), JSON.parse(JSON.stringify(document)))) {
    throw new Error("the drafted contract's YAML does not read back as the document it was written from");
  }
}

// src/stages/contract-stage.ts
async function runContractInferStage(inputs, run) {
  if (inputs.data.length === 0)
    throw new UserError("contract infer needs a data file", {
      hint: "modelship contract infer data/train.csv --target label --output contract.yaml"
    });
  const output = inputs.output;
  if (output !== void 0) {
    await checkOutputFile(output, "--output");
    if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  }
  const result = await inferContract({
    paths: inputs.data,
    target: inputs.target,
    maxEnum: inputs.maxEnum,
    readOptions: inputs.delimiter === void 0 ? void 0 : { delimiter: inputs.delimiter },
    logger: run.logger
  });
  if (output === void 0) return { yaml: result.yaml };
  if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  await writeFileAtomic(output, result.yaml);
  return { yaml: result.yaml, output };
}
function alreadyThere(output) {
  return new UserError(`${output} already exists`, { file: output, hint: "pass --force to overwrite it, or choose another --output" });
}
async function exists(path) {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
async function runContractDiffStage(inputs) {
  const [old, next] = inputs.contracts;
  if (inputs.contracts.length !== 2 || old === void 0 || next === void 0)
    throw new UserError("contract diff needs two contracts: OLD NEW", { hint: "modelship contract diff base/contract.yaml contract.yaml" });
  const diff = diffContracts(await loadContract(old), await loadContract(next));
  return { diff, markdown: renderContractDiffMarkdown(diff) };
}

export {
  runContractInferStage,
  runContractDiffStage
};
