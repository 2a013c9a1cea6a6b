import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  coerceValue
} from "./chunk-CEPJPHC5.js";
import {
  openByteSource,
  openTable
} from "./chunk-WP7KJD34.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/data/readers/null-markers.ts
var NULL_MARKER_CANDIDATES = ["?", "NA", "N/A", "NaN", "null", "NULL", "None", "-"];
var CANDIDATES = new Set(NULL_MARKER_CANDIDATES);
var NullMarkerEvidence = class {
  #columns;
  constructor(columnCount) {
    this.#columns = Array.from({ length: columnCount }, () => ({ markers: /* @__PURE__ */ new Map(), numbers: 0, text: false }));
  }
  /** Looks at one batch of column `column` (nulls are skipped). */
  add(column, values, length) {
    const evidence = this.#columns[column];
    if (evidence === void 0) return;
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) continue;
      if (typeof raw === "string" && CANDIDATES.has(raw)) {
        evidence.markers.set(raw, (evidence.markers.get(raw) ?? 0) + 1);
      } else if (!evidence.text) {
        if (coerceValue(raw, "number").ok) evidence.numbers++;
        else evidence.text = true;
      }
    }
  }
  /** The candidates the evidence supports, in `NULL_MARKER_CANDIDATES` order. */
  chosen() {
    return NULL_MARKER_CANDIDATES.filter((candidate) => {
      const columns = this.#columns.filter((evidence) => evidence.markers.has(candidate));
      return columns.length >= 2 || columns.some((evidence) => evidence.numbers > 0 && !evidence.text);
    });
  }
};

// src/data/readers/sniff-dialect.ts
var SNIFF_BYTES = 64 * 1024;
var DELIMITER_CANDIDATES = [",", ";", "	", "|"];
var CONSISTENCY = 0.9;
async function sniffDialect(path, given = {}) {
  const { text, complete } = await readSample(path);
  const quote = given.quote ?? '"';
  const records = splitRecords(text, quote, complete);
  const fallback = /\.tsv(\.gz)?$/i.test(path) ? "	" : ",";
  const delimiter = given.delimiter ?? chooseDelimiter(records, quote, fallback) ?? fallback;
  const trim = given.trim ?? (delimiter !== "	" && isSpacePadded(records, delimiter, quote));
  const nullMarkers = given.nullMarkers ?? await sniffNullMarkers(path, { ...given, delimiter, quote, trim }, Math.max(1, records.length - 1));
  return { delimiter, quote, trim, nullMarkers };
}
async function readSample(path) {
  const source = await openByteSource(path, { chunkBytes: SNIFF_BYTES });
  const parts = [];
  let size = 0;
  let complete = true;
  for await (const chunk of source.chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= SNIFF_BYTES) {
      complete = false;
      break;
    }
  }
  const bytes = Buffer.concat(parts).subarray(0, SNIFF_BYTES);
  return { text: bytes.toString("utf8").replace(/^\ufeff/, ""), complete };
}
function splitRecords(text, quote, complete) {
  const records = [];
  let start = 0;
  let quoted = false;
  let previous = "\n";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
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
function splitFields(record, delimiter, quote) {
  const fields = [];
  let start = 0;
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < record.length; i++) {
    const char = record[i];
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
function chooseDelimiter(records, quote, fallback = ",") {
  let best;
  const sample = records.slice(0, 1e3);
  const counts = new Map(
    DELIMITER_CANDIDATES.map((delimiter) => [delimiter, sample.map((record) => splitFields(record, delimiter, quote).length)])
  );
  for (const [delimiter, fields] of counts) {
    const header = fields[0];
    if (header === void 0 || header < 2) continue;
    const consistency = fields.filter((count) => count === header).length / fields.length;
    if (consistency < CONSISTENCY) continue;
    if (best === void 0 || consistency > best.consistency || consistency === best.consistency && header > best.fields) {
      best = { delimiter, consistency, fields: header };
    }
  }
  if (best !== void 0 || sample.length === 0) return best?.delimiter;
  const oneColumn = (delimiter) => (counts.get(delimiter) ?? sample.map((record) => splitFields(record, delimiter, quote).length)).every((count) => count === 1);
  return [fallback, ...DELIMITER_CANDIDATES].find(oneColumn);
}
function isSpacePadded(records, delimiter, quote) {
  let fields = 0;
  let padded = 0;
  for (const record of records.slice(0, 1e3)) {
    for (const field of splitFields(record, delimiter, quote).slice(1)) {
      fields++;
      if (field.startsWith(" ")) padded++;
    }
  }
  return fields > 0 && padded / fields > 0.5;
}
async function sniffNullMarkers(path, options, rows) {
  const table = await openTable(path, { ...options, format: "csv", nullMarkers: [""], batchSize: rows, allowNoRows: true });
  const evidence = new NullMarkerEvidence(table.columns.length);
  for await (const batch of table.batches()) {
    batch.columns.forEach((values, column) => {
      evidence.add(column, values, batch.length);
    });
    break;
  }
  return ["", ...evidence.chosen()];
}
function misreadDelimiter(columns, expected, used) {
  if (columns.length !== 1 || expected.length < 2) return void 0;
  const names = new Set(expected);
  for (const candidate of DELIMITER_CANDIDATES) {
    if (candidate === used) continue;
    const parts = columns[0].split(candidate).map((part) => part.trim().replace(/^"(.*)"$/, "$1"));
    if (parts.length >= 2 && parts.filter((part) => names.has(part)).length * 2 >= parts.length) return candidate;
  }
  return void 0;
}
function checkHeaderDelimiter(header, contract) {
  const delimiter = misreadDelimiter(header.columns, contract.names, contract.delimiter);
  if (delimiter === void 0) return;
  const shown = delimiter === "	" ? "tab" : `"${delimiter}"`;
  throw new UserError(
    `the header was read as one column ("${header.columns[0].slice(0, 80)}"): the file looks ${shown}-separated, not "${contract.delimiter}"-separated`,
    {
      file: header.file,
      line: header.line,
      hint: `set the delimiter in ${contract.file}: dialect: { delimiter: ${delimiter === "	" ? '"\\t"' : `"${delimiter}"`} }`
    }
  );
}

export {
  NULL_MARKER_CANDIDATES,
  NullMarkerEvidence,
  sniffDialect,
  splitRecords,
  checkHeaderDelimiter
};
