import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  Hash64,
  MAX_EXACT_DISTINCT,
  RepeatCounter
} from "./chunk-FBC54HEI.js";
import {
  DEFAULT_PII_SCAN,
  PII_CLEAN,
  PiiColumnScan
} from "./chunk-JXPNSGRB.js";
import {
  formatPercent
} from "./chunk-HFKEWQQZ.js";
import {
  NullMarkers
} from "./chunk-QT3TIHE5.js";
import {
  aliasMap,
  applyAlias,
  coerceValue,
  showValue
} from "./chunk-CEPJPHC5.js";
import {
  BATCH,
  BadCsvInput,
  ByteInterner,
  csvDialect,
  formatFromName,
  openTable,
  parseSimpleNumber,
  readCsvHeader,
  scanCsvRows,
  spanText
} from "./chunk-WP7KJD34.js";
import {
  progressSink
} from "./chunk-QRTANFC2.js";

// src/data/validate/validate-fast.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/data/validate/validate-column.ts
var Tally = class {
  failing = 0;
  total = 0;
  examples = [];
  #maxExamples;
  constructor(maxExamples) {
    this.#maxExamples = maxExamples;
  }
  /** Counts one failure and keeps it as an example while there is room. */
  fail(example) {
    this.failing++;
    if (this.examples.length < this.#maxExamples) this.examples.push(example());
  }
  /** More failures than examples kept. */
  get truncated() {
    return this.failing > this.examples.length;
  }
};
function checkResult(spec, tally, failed, message, status) {
  const result = {
    id: spec.id,
    scope: spec.scope,
    dataset: spec.dataset,
    check: spec.check,
    severity: spec.severity,
    status: status ?? (failed ? spec.severity === "error" ? "fail" : "warn" : "pass"),
    failing: tally.failing,
    total: tally.total,
    message,
    examples: tally.examples
  };
  if (spec.column !== void 0) result.column = spec.column;
  if (tally.total > 0) result.share = tally.failing / tally.total;
  if (spec.threshold !== void 0) result.threshold = spec.threshold;
  return result;
}
function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
function quote(value) {
  return JSON.stringify(showValue(value));
}
function bound(column, inclusive, exclusive) {
  const given = inclusive ?? exclusive;
  if (given === void 0) return void 0;
  const coerced = coerceValue(given, column.type === "date" || column.type === "datetime" ? column.type : "number");
  if (!coerced.ok || typeof coerced.value !== "number") throw new Error(`bound ${String(given)} of ${column.name} does not parse`);
  return { value: coerced.value, text: String(given), exclusive: inclusive === void 0 };
}
var ColumnValidator = class {
  column;
  #path;
  #dataset;
  #aliases;
  #min;
  #max;
  #enum;
  #pattern;
  #unique;
  #hash = new Hash64();
  #type;
  #nulls;
  #range;
  #enumTally;
  #patternTally;
  #length;
  #uniqueTally;
  #pii;
  #rows = 0;
  #first = null;
  #distinct = 0;
  /** `pii`: the contract's scan settings (default: every detector on every text column). */
  constructor(options) {
    const { column, maxExamples } = options;
    this.column = column;
    this.#path = options.path;
    this.#dataset = options.dataset;
    this.#aliases = aliasMap(column);
    this.#min = bound(column, column.min, column.exclusiveMin);
    this.#max = bound(column, column.max, column.exclusiveMax);
    if (column.enum !== void 0) {
      const textual = column.type === "string" || column.type === "categorical";
      this.#enum = new Set(
        column.enum.map((value) => {
          if (textual) return String(value);
          const coerced = coerceValue(typeof value === "boolean" ? String(value) : value, column.type, column);
          return coerced.ok ? coerced.value : String(value);
        })
      );
    }
    if (column.pattern !== void 0) this.#pattern = new RegExp(`^(?:${column.pattern})$`, "u");
    if (column.unique) this.#unique = new RepeatCounter();
    this.#type = new Tally(maxExamples);
    this.#nulls = new Tally(maxExamples);
    this.#range = { min: new Tally(maxExamples), max: new Tally(maxExamples) };
    this.#enumTally = new Tally(maxExamples);
    this.#patternTally = new Tally(maxExamples);
    this.#length = new Tally(maxExamples);
    this.#uniqueTally = new Tally(maxExamples);
    this.#pii = PiiColumnScan.for({ column, settings: options.pii ?? DEFAULT_PII_SCAN, path: options.path, maxExamples });
  }
  /** True when more distinct non-null values than one were seen. */
  get singleValued() {
    return this.#distinct === 1;
  }
  /** Non-null values seen. */
  get nonNull() {
    return this.#type.total;
  }
  /**
   * Checks one batch of this column (`values` undefined: the column is absent, all null) and writes
   * each row's canonical value into `canonical` for the row-level checks.
   */
  add(values, lines, length, canonical) {
    this.countRows(length);
    for (let r = 0; r < length; r++) {
      const cell = values === void 0 ? null : values[r] ?? null;
      if (cell === null) {
        canonical[r] = null;
        this.addNull(lines[r]);
        continue;
      }
      canonical[r] = this.addPrepared(this.prepare(cell), lines[r]);
    }
  }
  /** Counts rows of a batch (each then goes to `addNull`, `addPrepared` or `addNumber`). */
  countRows(length) {
    this.#rows += length;
  }
  /** Checks one missing cell. */
  addNull(line) {
    const column = this.column;
    if (!column.nullable)
      this.#nulls.fail(() => ({ file: this.#path, line, message: `missing value in "${column.name}", which is not nullable` }));
    else this.#nulls.failing++;
  }
  /**
   * What a non-null cell means for this column (aliases applied, coerced): a function of the cell
   * alone, so the fast CSV path (validate-fast.ts) works it out once per distinct text.
   */
  prepare(cell) {
    const raw = applyAlias(cell, this.#aliases);
    return { raw, coerced: coerceValue(raw, this.column.type, this.column), shown: void 0 };
  }
  /** Checks one non-null cell, prepared by `prepare`; returns its canonical value. */
  addPrepared(cell, line) {
    const rawValue = cell.raw;
    this.#type.total++;
    const pii = this.#pii;
    if (pii !== void 0) {
      const outcome = cell.pii ??= pii.classify(typeof rawValue === "string" ? rawValue : showValue(rawValue));
      if (outcome !== PII_CLEAN) pii.add(outcome, line);
    }
    const coerced = cell.coerced;
    if (!coerced.ok) {
      this.#type.fail(() => ({
        file: this.#path,
        line,
        value: showValue(rawValue),
        message: `${quote(rawValue)} ${coerced.reason}`
      }));
      return cell.shown ??= showValue(rawValue);
    }
    this.#checkValue(coerced.value, rawValue, line, cell);
    return coerced.value;
  }
  /**
   * Checks one non-null cell of an integer or number column without aliases whose text `raw`
   * spells `value` (the fast CSV path parsed it from the bytes; `raw` is only called when a
   * message or a text check needs it).
   */
  addNumber(value, raw, line) {
    this.#type.total++;
    if (this.#pii !== void 0 && (this.#pii.everyValue || Math.abs(value) >= 1e8)) {
      const outcome = this.#pii.classify(raw());
      if (outcome !== PII_CLEAN) this.#pii.add(outcome, line);
    }
    this.#checkValue(value, raw, line, void 0);
  }
  // The checks on a value that coerced; `raw` is its text (a function when made only on demand).
  #checkValue(value, raw, line, cell) {
    const column = this.column;
    const path = this.#path;
    if (this.#distinct === 0) {
      this.#first = value;
      this.#distinct = 1;
    } else if (this.#distinct === 1 && value !== this.#first) this.#distinct = 2;
    if (typeof value === "number") this.#checkRange(value, raw, line);
    if (this.#enum !== void 0) {
      this.#enumTally.total++;
      const allowed = cell === void 0 ? this.#enum.has(value) : cell.inEnum ??= this.#enum.has(value);
      if (!allowed)
        this.#enumTally.fail(() => ({
          file: path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is not one of the allowed values`
        }));
    }
    if (this.#pattern !== void 0 || column.minLength !== void 0 || column.maxLength !== void 0) {
      const text = typeof value === "string" ? value : cell === void 0 ? showValue(rawOf(raw)) : cell.shown ??= showValue(cell.raw);
      this.#checkText(text, line);
    }
    if (this.#unique !== void 0) this.#checkUnique(value, raw, line);
  }
  #checkRange(value, raw, line) {
    const min = this.#min;
    const max = this.#max;
    if (min !== void 0) {
      this.#range.min.total++;
      if (min.exclusive ? value <= min.value : value < min.value) {
        this.#range.min.fail(() => ({
          file: this.#path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is below the ${min.exclusive ? "exclusive minimum" : "minimum"} ${min.text}`
        }));
      }
    }
    if (max !== void 0) {
      this.#range.max.total++;
      if (max.exclusive ? value >= max.value : value > max.value) {
        this.#range.max.fail(() => ({
          file: this.#path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is above the ${max.exclusive ? "exclusive maximum" : "maximum"} ${max.text}`
        }));
      }
    }
  }
  #checkText(text, line) {
    const column = this.column;
    if (this.#pattern !== void 0) {
      this.#patternTally.total++;
      if (!this.#pattern.test(text))
        this.#patternTally.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} does not match the pattern ${column.pattern}`
        }));
    }
    if (column.minLength !== void 0 || column.maxLength !== void 0) {
      this.#length.total++;
      const characters = countCharacters(text);
      if (column.minLength !== void 0 && characters < column.minLength) {
        this.#length.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} has ${characters} characters, fewer than ${column.minLength}`
        }));
      } else if (column.maxLength !== void 0 && characters > column.maxLength) {
        this.#length.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} has ${characters} characters, more than ${column.maxLength}`
        }));
      }
    }
  }
  #checkUnique(value, raw, line) {
    const hash = this.#hash;
    hash.reset();
    if (typeof value === "number") hash.number(value);
    else if (typeof value === "boolean") hash.word(value ? 1 : 2);
    else hash.text(value);
    this.#uniqueTally.total++;
    const earlier = this.#unique.add(hash.h1, hash.h2, line ?? 0);
    if (earlier !== void 0)
      this.#uniqueTally.fail(() => ({
        file: this.#path,
        line,
        value: showValue(rawOf(raw)),
        message: `${quote(rawOf(raw))} repeats the value at line ${earlier}`
      }));
  }
  /** Whether any check kept fewer examples than it had failures. */
  get truncated() {
    if (!this.column.nullable && this.#nulls.truncated) return true;
    if (this.#pii?.truncated === true) return true;
    return [this.#type, this.#range.min, this.#range.max, this.#enumTally, this.#patternTally, this.#length, this.#uniqueTally].some(
      (tally) => tally.truncated
    );
  }
  /** The column's check results. */
  finish() {
    const column = this.column;
    const spec = (check, threshold) => ({
      id: `column.${column.name}.${check}`,
      scope: "column",
      dataset: this.#dataset,
      column: column.name,
      check,
      severity: column.severity,
      threshold
    });
    const results = [];
    const nonNull = this.#type.total;
    const nulls = { failing: this.#nulls.failing, total: this.#rows, examples: column.nullable ? [] : this.#nulls.examples };
    if (!column.nullable) {
      results.push(
        checkResult(
          spec("nullable", "no nulls"),
          nulls,
          nulls.failing > 0,
          nulls.failing > 0 ? `${plural(nulls.failing, "row")} missing a value` : `no missing values in ${plural(this.#rows, "row")}`
        )
      );
    }
    if (column.maxNullShare !== void 0) {
      const share = this.#rows === 0 ? 0 : nulls.failing / this.#rows;
      results.push(
        checkResult(
          spec("max_null_share", `\u2264 ${column.maxNullShare}`),
          { ...nulls, examples: [] },
          share > column.maxNullShare,
          `${formatPercent(share, 2)} of values are missing (${plural(nulls.failing, "row")}), limit ${column.maxNullShare}`
        )
      );
    }
    if (nonNull === 0 && !column.allowEmpty) {
      results.push(
        checkResult(
          spec("empty", "at least one value"),
          { failing: this.#rows, total: this.#rows, examples: [] },
          true,
          `has no non-null values in ${plural(this.#rows, "row")}; set allow_empty: true if that is expected`
        )
      );
    }
    const mostly = column.mostly;
    const valueCheck = (check, tally, threshold, failMessage, passMessage) => {
      const limit = mostly < 1 ? [threshold, `mostly ${mostly}`].filter(Boolean).join(", ") : threshold;
      if (tally.total === 0) {
        results.push(checkResult(spec(check, limit), tally, false, "no non-null values to check", "skip"));
        return;
      }
      const failed = (tally.total - tally.failing) / tally.total < mostly;
      const within = !failed && tally.failing > 0 ? ` (within mostly ${mostly})` : "";
      results.push(checkResult(spec(check, limit), tally, failed, tally.failing > 0 ? `${failMessage}${within}` : passMessage));
    };
    valueCheck(
      "type",
      this.#type,
      column.type,
      `${plural(this.#type.failing, "value")} not of type ${column.type}`,
      `all ${plural(nonNull, "value")} are of type ${column.type}`
    );
    if (this.#min !== void 0) {
      const symbol = this.#min.exclusive ? ">" : "\u2265";
      valueCheck(
        "min",
        this.#range.min,
        `${symbol} ${this.#min.text}`,
        `${plural(this.#range.min.failing, "value")} below ${this.#min.text}`,
        `all values ${symbol} ${this.#min.text}`
      );
    }
    if (this.#max !== void 0) {
      const symbol = this.#max.exclusive ? "<" : "\u2264";
      valueCheck(
        "max",
        this.#range.max,
        `${symbol} ${this.#max.text}`,
        `${plural(this.#range.max.failing, "value")} above ${this.#max.text}`,
        `all values ${symbol} ${this.#max.text}`
      );
    }
    if (this.#enum !== void 0) {
      const size = this.#enum.size;
      valueCheck(
        "enum",
        this.#enumTally,
        `one of ${size} value${size === 1 ? "" : "s"}`,
        `${plural(this.#enumTally.failing, "value")} outside the allowed values`,
        "all values allowed"
      );
    }
    if (this.#pattern !== void 0)
      valueCheck(
        "pattern",
        this.#patternTally,
        `/${column.pattern}/`,
        `${plural(this.#patternTally.failing, "value")} not matching the pattern`,
        "all values match"
      );
    if (column.minLength !== void 0 || column.maxLength !== void 0) {
      const threshold = [
        column.minLength === void 0 ? void 0 : `\u2265 ${column.minLength}`,
        column.maxLength === void 0 ? void 0 : `\u2264 ${column.maxLength}`
      ].filter(Boolean).join(", ") + " characters";
      valueCheck("length", this.#length, threshold, `${plural(this.#length.failing, "value")} of the wrong length`, "all lengths allowed");
    }
    if (this.#unique !== void 0) {
      const tally = this.#uniqueTally;
      tally.failing = this.#unique.repeats;
      const estimated = this.#unique.exact ? "" : ` (estimated from more than ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct values, \xB1 ${this.#unique.standardError.toLocaleString("en-US")})`;
      results.push(
        checkResult(
          spec("unique", "no repeats"),
          tally,
          tally.failing > 0,
          tally.failing > 0 ? `${plural(tally.failing, "value")} repeat an earlier value${estimated}` : `all ${plural(tally.total, "value")} distinct${estimated}`
        )
      );
    }
    if (this.#pii !== void 0)
      results.push(
        ...this.#pii.finish(
          nonNull,
          (check, severity, threshold, tally, failed, message) => checkResult({ ...spec(check, threshold), severity }, tally, failed, message)
        )
      );
    return results;
  }
};
function rawOf(raw) {
  return typeof raw === "function" ? raw() : raw;
}
function countCharacters(text) {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 55296 && unit <= 56319) count--;
  }
  return count;
}
function policySeverity(policy) {
  return policy === "ignore" ? void 0 : policy;
}

// src/data/validate/validate-fast.ts
var CHUNK_BYTES = 1024 * 1024;
var INTERN_LIMIT = 65536;
function isFastCsvSource(source) {
  return "scan" in source;
}
function fastValidateRefusal(path, read) {
  if (process.env.MODELSHIP_FAST_CSV === "0") return "MODELSHIP_FAST_CSV=0";
  if ((read.format ?? formatFromName(path)) !== "csv") return `${path} is not CSV`;
  return void 0;
}
async function openFastCsv(path, read) {
  const header = await readCsvHeader(path, read);
  if (header.gzip) return void 0;
  const dialect = csvDialect(path, read);
  let digest;
  let started = false;
  const settings = {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    trim: read.trim ?? false,
    maxFieldBytes: dialect.maxFieldBytes,
    chunkBytes: read.chunkBytes ?? CHUNK_BYTES
  };
  return {
    path,
    format: "csv",
    columns: header.columns,
    headerLine: header.headerLine,
    nullMarkers: read.nullMarkers ?? [""],
    quote: dialect.quote,
    settings,
    replay: (cause) => replay(path, read, cause),
    batches() {
      throw new Error(`the rows of ${path} are read with scan()`);
    },
    digest: () => digest,
    adoptDigest(given) {
      digest = given;
    },
    async scan(widest, each, hashing = true) {
      if (started) throw new Error(`scan() of ${path} can only run once`);
      started = true;
      try {
        const progress = progressSink();
        let done = 0;
        const counted = progress === void 0 ? each : async (batch) => {
          done += batch.rows;
          progress({ task: `reading ${path}`, done, unit: "rows" });
          await each(batch);
        };
        const read2 = await scanCsv(path, settings, Math.max(1, widest), settings.chunkBytes, hashing, counted);
        if (hashing) digest = read2;
      } catch (error) {
        if (!(error instanceof BadCsvInput)) throw error;
        await replay(path, read, error);
      }
    }
  };
}
async function replay(path, read, cause) {
  const source = await openTable(path, read);
  for await (const batch of source.batches()) if (batch.length < 0) break;
  throw new Error(`the fast CSV path refused ${path} (${cause.message}) but the readers accept it`);
}
async function scanCsv(path, dialect, widest, chunkBytes, hashing, each) {
  const hash = hashing ? createHash("sha256") : void 0;
  const read = await scanCsvRows({ path, dialect, widest, chunkBytes, ...hash === void 0 ? {} : { hash }, each });
  return { sha256: hash?.digest("hex") ?? "", bytes: read.bytes };
}
var float = new Float64Array(1);
var floatWords = new Int32Array(float.buffer);
var textHash = new Hash64();
function setWords(words, at, value) {
  if (value === null) words.kind[at] = 0;
  else if (typeof value === "number") {
    float[0] = value === 0 ? 0 : value;
    words.kind[at] = 3;
    words.w1[at] = floatWords[0];
    words.w2[at] = floatWords[1];
  } else if (typeof value === "boolean") {
    words.kind[at] = 1;
    words.w1[at] = value ? 1 : 2;
  } else {
    textHash.reset();
    textHash.text(value);
    words.kind[at] = 2;
    words.w1[at] = textHash.h1;
    words.w2[at] = textHash.h2;
  }
}
function mixWords(high, low, words, rows) {
  for (let r = 0; r < rows; r++) {
    let h = high[r];
    let l = low[r];
    const kind = words === void 0 ? 0 : words.kind[r];
    let w = kind === 0 ? 2147483647 : words.w1[r];
    h = Math.imul(h ^ w, 16777619) ^ h >>> 15;
    l = Math.imul(l ^ w, 1540483477) ^ l >>> 13;
    if (kind >= 2) {
      w = words.w2[r];
      h = Math.imul(h ^ w, 16777619) ^ h >>> 15;
      l = Math.imul(l ^ w, 1540483477) ^ l >>> 13;
      if (kind === 3) {
        h = Math.imul(h ^ 536870912, 16777619) ^ h >>> 15;
        l = Math.imul(l ^ 536870912, 1540483477) ^ l >>> 13;
      }
    }
    high[r] = h;
    low[r] = l;
  }
}
function wordsOf(size) {
  return { kind: new Uint8Array(size), w1: new Int32Array(size), w2: new Int32Array(size) };
}
var FastColumnFeed = class {
  /** The last batch's cells' hash words. */
  words = wordsOf(BATCH);
  #validator;
  #nulls;
  #quote;
  /** Integer or number without aliases: plain decimals are parsed from the bytes. */
  #numeric;
  #integer;
  #interner = new ByteInterner();
  // By interned id: the prepared cell (null for a null marker) and its hash words.
  #prepared = [];
  #memo = wordsOf(1024);
  // The span whose text `addNumber` may ask for.
  #buf = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  #ascii = true;
  #text = () => spanText(this.#buf, this.#start, this.#end, false, this.#quote, this.#ascii);
  constructor(validator, column, nullMarkers, quote2) {
    this.#validator = validator;
    this.#nulls = new NullMarkers([...nullMarkers]);
    this.#quote = quote2;
    this.#numeric = (column.type === "integer" || column.type === "number") && Object.keys(column.aliases).length === 0;
    this.#integer = column.type === "integer";
  }
  /** Checks the batch's cells of file column `index` (its first row at `index·BATCH`). */
  rows(batch, index, canonical, words = this.words) {
    const { buf, ascii, rows, start, end, doubled, lines } = batch;
    const validator = this.#validator;
    const offset = index * BATCH;
    validator.countRows(rows);
    const numeric = this.#numeric;
    const integer = this.#integer;
    const nulls = this.#nulls;
    const quote2 = this.#quote;
    const interner = this.#interner;
    const { kind, w1, w2 } = words;
    for (let r = 0; r < rows; r++) {
      const s = start[offset + r];
      const e = end[offset + r];
      const line = lines[r];
      if (doubled[offset + r] === 1) {
        const text = spanText(buf, s, e, true, quote2, ascii);
        let value = null;
        if (nulls.set.has(text)) validator.addNull(line);
        else value = validator.addPrepared(validator.prepare(text), line);
        canonical[r] = value;
        setWords(words, r, value);
        continue;
      }
      if (numeric) {
        const value = parseSimpleNumber(buf, s, e, integer);
        if (value !== void 0) {
          this.#buf = buf;
          this.#start = s;
          this.#end = e;
          this.#ascii = ascii;
          canonical[r] = value;
          validator.addNumber(value, this.#text, line);
          float[0] = value === 0 ? 0 : value;
          kind[r] = 3;
          w1[r] = floatWords[0];
          w2[r] = floatWords[1];
          continue;
        }
      }
      const id = interner.id(buf, s, e);
      if (interner.isNew) this.#intern(id, spanText(buf, s, e, false, quote2, ascii));
      const cell = this.#prepared[id];
      if (cell === null) {
        canonical[r] = null;
        validator.addNull(line);
      } else canonical[r] = validator.addPrepared(cell, line);
      const memo = this.#memo;
      kind[r] = memo.kind[id];
      w1[r] = memo.w1[id];
      w2[r] = memo.w2[id];
    }
    if (interner.size > INTERN_LIMIT) {
      interner.clear();
      this.#prepared = [];
    }
  }
  #intern(id, text) {
    const cell = this.#nulls.set.has(text) ? null : this.#validator.prepare(text);
    this.#prepared[id] = cell;
    const value = cell === null ? null : cell.coerced.ok ? cell.coerced.value : cell.shown ??= showValue(cell.raw);
    if (id >= this.#memo.kind.length) {
      const grown = wordsOf(this.#memo.kind.length * 2);
      grown.kind.set(this.#memo.kind);
      grown.w1.set(this.#memo.w1);
      grown.w2.set(this.#memo.w2);
      this.#memo = grown;
    }
    setWords(this.#memo, id, value);
  }
};
var WORDS_IN_FLIGHT = 8;
var WorkerBadInput = class extends Error {
};
async function runValidateWorker(data, post, credit, pool = []) {
  const validators = data.columns.map(
    ({ contract }) => new ColumnValidator({ column: contract, path: data.path, dataset: data.dataset, maxExamples: data.maxExamples, pii: data.pii })
  );
  const feeds = validators.map(
    (validator, j) => new FastColumnFeed(validator, data.columns[j].contract, data.nullMarkers, data.scan.quote)
  );
  const canonical = data.columns.map(() => []);
  const widest = Math.max(...data.columns.map((column) => column.index)) + 1;
  let digest;
  try {
    digest = await scanCsv(data.path, data.scan, widest, data.scan.chunkBytes, data.hash, async (batch) => {
      await credit();
      const rows = batch.rows;
      const size = rows * feeds.length;
      const reused = pool.pop();
      const words = reused !== void 0 && reused.kind.buffer.byteLength >= size ? {
        kind: new Uint8Array(reused.kind.buffer, 0, size),
        w1: new Int32Array(reused.w1.buffer, 0, size),
        w2: new Int32Array(reused.w2.buffer, 0, size)
      } : wordsOf(size);
      feeds.forEach((feed, j) => {
        const own = {
          kind: words.kind.subarray(j * rows, (j + 1) * rows),
          w1: words.w1.subarray(j * rows, (j + 1) * rows),
          w2: words.w2.subarray(j * rows, (j + 1) * rows)
        };
        feed.rows(batch, data.columns[j].index, canonical[j], own);
      });
      post({ rows, ...words }, [words.kind.buffer, words.w1.buffer, words.w2.buffer]);
    });
  } catch (error) {
    if (!(error instanceof BadCsvInput)) throw error;
    post({ bad: error.message });
    return;
  }
  post({
    results: validators.map((validator) => ({
      checks: validator.finish(),
      singleValued: validator.singleValued,
      truncated: validator.truncated
    })),
    ...data.hash ? { digest } : {}
  });
}
function workerUrl() {
  if (import.meta.url.endsWith(".ts")) return new URL("./validate-worker.ts", import.meta.url);
  for (const candidate of ["./validate-worker.js", "../validate-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return void 0;
}
var ColumnWorkers = class _ColumnWorkers {
  #workers;
  // Replies read to the end whose buffers go back to their worker once the caller has used the words.
  #spent = [];
  #failure;
  #wake;
  constructor(groups, url) {
    this.#workers = groups.map((group) => {
      const worker = new Worker(url, { workerData: group.data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      const entry = { worker, columns: group.columns, replies: [], offset: 0 };
      let finished = false;
      worker.on("message", (reply) => {
        if (!("rows" in reply)) finished = true;
        entry.replies.push(reply);
        this.#wake?.();
      });
      worker.once("error", (error) => {
        this.#fail(error);
      });
      worker.once("exit", (code) => {
        if (!finished) this.#fail(new Error(`a validation worker exited with code ${code} before it finished`));
      });
      return entry;
    });
  }
  /**
   * Starts workers for some of `columns` (dealt out in turn; the rest stay on this thread), or
   * undefined when one thread is asked for, there are too few columns, or the worker's file is missing.
   */
  static start(options) {
    const count = Math.min(options.threads - 1, options.columns.length);
    const url = count > 0 ? workerUrl() : void 0;
    if (url === void 0) return void 0;
    const groups = Array.from({ length: count }, () => []);
    options.columns.forEach((column, i) => {
      const turn = i % (1 + 2 * count);
      if (turn > 0) groups[turn - 1 >> 1].push(column);
    });
    const filled = groups.filter((group) => group.length > 0);
    if (filled.length === 0) return void 0;
    return new _ColumnWorkers(
      filled.map((group, g) => ({
        columns: group.map((column) => column.c),
        data: { ...options.data, hash: g === 0, columns: group.map((column) => ({ contract: column.contract, index: column.index })) }
      })),
      url
    );
  }
  /** Every contract column a worker checks. */
  get columns() {
    return this.#workers.flatMap((entry) => entry.columns);
  }
  /** The cell words of the next `rows` rows, by contract column. Throws WorkerBadInput when a worker's scan met bad input. */
  async receive(rows) {
    for (const { entry, reply } of this.#spent.splice(0)) {
      const returned = { kind: reply.kind, w1: reply.w1, w2: reply.w2 };
      entry.worker.postMessage({ ack: true, returned }, [
        returned.kind.buffer,
        returned.w1.buffer,
        returned.w2.buffer
      ]);
    }
    const words = /* @__PURE__ */ new Map();
    for (const entry of this.#workers) {
      const head = await this.#words(entry);
      let columns;
      if (head.rows - entry.offset >= rows) {
        columns = entry.columns.map((_, j) => view(head, j, entry.offset, rows));
        this.#consume(entry, rows);
      } else {
        columns = entry.columns.map(() => wordsOf(rows));
        let done = 0;
        while (done < rows) {
          const reply = await this.#words(entry);
          const take = Math.min(rows - done, reply.rows - entry.offset);
          entry.columns.forEach((_, j) => {
            const from = view(reply, j, entry.offset, take);
            columns[j].kind.set(from.kind, done);
            columns[j].w1.set(from.w1, done);
            columns[j].w2.set(from.w2, done);
          });
          this.#consume(entry, take);
          done += take;
        }
      }
      entry.columns.forEach((c, j) => words.set(c, columns[j]));
    }
    return words;
  }
  /** The workers' columns' results, by contract column, and the file's digest, once every row's words were received. */
  async finish() {
    const results = /* @__PURE__ */ new Map();
    let digest;
    for (const entry of this.#workers) {
      const reply = await this.#next(entry);
      if ("bad" in reply) throw new WorkerBadInput(reply.bad);
      if (!("results" in reply)) throw new Error("a validation worker read more rows than this thread");
      entry.columns.forEach((c, j) => results.set(c, reply.results[j]));
      digest ??= reply.digest;
    }
    if (digest === void 0) throw new Error("no validation worker hashed the file");
    return { results, digest };
  }
  /** Ends every worker, whatever happened. */
  async close() {
    this.#failure ??= new Error("the validation workers were closed");
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }
  #consume(entry, rows) {
    entry.offset += rows;
    const head = entry.replies[0];
    if (entry.offset < head.rows) return;
    entry.replies.shift();
    entry.offset = 0;
    this.#spent.push({ entry, reply: head });
  }
  async #words(entry) {
    const reply = await this.#next(entry, false);
    if ("bad" in reply) throw new WorkerBadInput(reply.bad);
    if (!("rows" in reply)) throw new Error("a validation worker read fewer rows than this thread");
    return reply;
  }
  #fail(error) {
    this.#failure ??= error;
    this.#wake?.();
  }
  async #next(entry, take = true) {
    while (entry.replies.length === 0) {
      if (this.#failure !== void 0) throw this.#failure;
      await new Promise((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = void 0;
    }
    return take ? entry.replies.shift() : entry.replies[0];
  }
};
function view(reply, j, offset, rows) {
  const at = j * reply.rows + offset;
  return { kind: reply.kind.subarray(at, at + rows), w1: reply.w1.subarray(at, at + rows), w2: reply.w2.subarray(at, at + rows) };
}

export {
  Tally,
  checkResult,
  ColumnValidator,
  policySeverity,
  isFastCsvSource,
  fastValidateRefusal,
  openFastCsv,
  setWords,
  mixWords,
  wordsOf,
  FastColumnFeed,
  WORDS_IN_FLIGHT,
  WorkerBadInput,
  runValidateWorker,
  ColumnWorkers
};
