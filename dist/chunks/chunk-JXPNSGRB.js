import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  BUILTIN_PII_DETECTORS,
  configuredRegexText,
  createPiiMatcher
} from "./chunk-WP7KJD34.js";

// src/data/pii/pii-scan.ts
var DEFAULT_PII_SCAN = {
  scan: true,
  detectors: [...BUILTIN_PII_DETECTORS],
  patterns: [],
  minShare: 0,
  severity: "warning"
};
var IDENTIFIER_DIGITS = 9;
var PII_CLEAN = Object.freeze({ hit: -1, notHashed: false, forbidden: -1 });
var MEMO_LIMIT = 65536;
var MAX_LINES = 10;
var DETECTOR_NOUNS = {
  email: "an e-mail address",
  phone: "a phone number",
  payment_card: "a payment card number",
  iban: "an IBAN",
  us_ssn: "a US social security number",
  ip_address: "an IP address",
  custom: "a configured pattern"
};
var HEX_LENGTHS = /* @__PURE__ */ new Set([32, 40, 56, 64, 96, 128]);
var HEX = /^[0-9a-fA-F]+$/;
var BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
var MODULAR_CRYPT = /^\$[a-z0-9-]{1,32}(?:\$[A-Za-z0-9./+=,_-]+){2,}$/;
var DJANGO_STYLE = /^[a-z][a-z0-9_:-]{1,40}(?:\$\d+)?\$[A-Za-z0-9./+=_-]+\$[A-Za-z0-9./+=_-]+$/;
function matchesHashFormat(text, format) {
  switch (format.format) {
    case "hex":
      return HEX.test(text) && (format.length === void 0 ? HEX_LENGTHS.has(text.length) : text.length === format.length);
    case "base64":
      return BASE64.test(text) && (format.length === void 0 ? text.length >= 22 : text.length === format.length);
    case "salted": {
      if (!MODULAR_CRYPT.test(text) && !DJANGO_STYLE.test(text)) return false;
      return text.length - text.lastIndexOf("$") - 1 >= 16;
    }
  }
}
function describeHashFormat(format) {
  if (format.format === "salted") return "a salted hash";
  const length = format.length === void 0 ? format.format === "hex" ? "32\u2013128 characters" : "22+ characters" : `${format.length} characters`;
  return `${format.format}, ${length}`;
}
function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
function linesText(lines, count) {
  if (lines.length === 0) return "";
  const more = count > lines.length ? ", \u2026" : "";
  return ` (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}${more})`;
}
var PiiColumnScan = class _PiiColumnScan {
  #column;
  #path;
  #maxExamples;
  #settings;
  /** `forbid` or the scan of a column without `pii`; undefined: no detectors run. */
  #detect;
  #labels = [];
  #labelIndex = /* @__PURE__ */ new Map();
  #hashed;
  #forbid;
  #forbidFindings;
  #memo = /* @__PURE__ */ new Map();
  /** Texts shorter than this are not given to the detectors (0: all; IDENTIFIER_DIGITS for an integer column). */
  #detectMinLength;
  #hits = 0;
  #hitExamples = [];
  #notHashed = 0;
  #hashExamples = [];
  #forbidden = 0;
  #forbidExamples = [];
  /** The scan for `column`, or undefined when it has no PII check to run. */
  static for(options) {
    const { column, settings } = options;
    const textual = column.type === "string" || column.type === "categorical";
    const integers = column.pii === void 0 && settings.scan && column.type === "integer";
    const detects = column.pii === "forbid" || column.pii === void 0 && settings.scan && textual || integers;
    if (!detects && column.pii !== "hashed" && column.forbidPatterns.length === 0) return void 0;
    return new _PiiColumnScan(options, detects, integers ? IDENTIFIER_DIGITS : 0);
  }
  constructor(options, detects, detectMinLength) {
    this.#detectMinLength = detectMinLength;
    this.#column = options.column;
    this.#path = options.path;
    this.#maxExamples = options.maxExamples;
    this.#settings = options.settings;
    if (detects) {
      const custom = options.settings.patterns.map((pattern) => new RegExp(pattern.regex, "u"));
      this.#detect = createPiiMatcher(options.settings.detectors, custom);
    }
    this.#hashed = options.column.pii === "hashed" ? options.column.hashed ?? { format: "hex" } : void 0;
    this.#forbid = options.column.forbidPatterns.map((regex) => new RegExp(regex, "u"));
    this.#forbidFindings = options.column.forbidPatterns.map((regex) => ({
      detector: "custom",
      pattern: `/${regex}/`,
      count: 0,
      lines: []
    }));
  }
  /**
   * False when only values of IDENTIFIER_DIGITS or more characters need `classify` (the scan of an
   * integer column with no other PII check), so the fast path need not spell out shorter numbers.
   */
  get everyValue() {
    return this.#detectMinLength === 0 || this.#forbid.length > 0;
  }
  /** What one text means for this column's checks (a function of the text alone). */
  classify(text) {
    const memo = this.#memo;
    const known = memo.get(text);
    if (known !== void 0) return known;
    let hit = -1;
    const found = text.length >= this.#detectMinLength ? this.#detect?.(text) : void 0;
    if (found !== void 0) hit = this.#label(found.detector, found.pattern);
    const notHashed = this.#hashed !== void 0 && !matchesHashFormat(text, this.#hashed);
    let forbidden = -1;
    const capped = this.#forbid.length === 0 ? text : configuredRegexText(text);
    for (let index = 0; index < this.#forbid.length; index++) {
      if (this.#forbid[index].test(capped)) {
        forbidden = index;
        break;
      }
    }
    const outcome = hit === -1 && !notHashed && forbidden === -1 ? PII_CLEAN : { hit, notHashed, forbidden };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, outcome);
    return outcome;
  }
  #label(detector, pattern) {
    const name = pattern === void 0 ? void 0 : this.#settings.patterns[pattern].name;
    const key = name === void 0 ? detector : `${detector}:${name}`;
    let index = this.#labelIndex.get(key);
    if (index === void 0) {
      index = this.#labels.length;
      this.#labels.push({ detector, ...name === void 0 ? {} : { pattern: name }, count: 0, lines: [] });
      this.#labelIndex.set(key, index);
    }
    return index;
  }
  /** Counts one non-null value something fired on (callers skip PII_CLEAN; `finish` gets the total). */
  add(outcome, line) {
    if (outcome === PII_CLEAN) return;
    if (outcome.hit >= 0) {
      this.#hits++;
      const finding = this.#labels[outcome.hit];
      record(finding, line);
      if (this.#hitExamples.length < this.#maxExamples)
        this.#hitExamples.push({ file: this.#path, line, message: `a value looks like ${noun(finding)}` });
    }
    if (outcome.notHashed) {
      this.#notHashed++;
      if (this.#hashExamples.length < this.#maxExamples)
        this.#hashExamples.push({ file: this.#path, line, message: `a value is not ${describeHashFormat(this.#hashed)}` });
    }
    if (outcome.forbidden >= 0) {
      this.#forbidden++;
      const finding = this.#forbidFindings[outcome.forbidden];
      record(finding, line);
      if (this.#forbidExamples.length < this.#maxExamples)
        this.#forbidExamples.push({ file: this.#path, line, message: `a value matches the forbidden pattern ${finding.pattern}` });
    }
  }
  /** Whether any check kept fewer examples than it had failures. */
  get truncated() {
    return this.#hits > this.#hitExamples.length || this.#notHashed > this.#hashExamples.length || this.#forbidden > this.#forbidExamples.length;
  }
  /** The column's PII check results over its `total` non-null values; `make` builds each (ids `column.NAME.CHECK`). */
  finish(total, make) {
    const column = this.#column;
    const results = [];
    const withFindings = (result, findings) => {
      const used = findings.filter((finding) => finding.count > 0);
      const shown = used.map((finding) => ({
        detector: finding.detector,
        ...finding.pattern === void 0 ? {} : { pattern: finding.pattern },
        count: finding.count,
        share: total === 0 ? 0 : finding.count / total,
        lines: finding.lines
      }));
      result.pii = { findings: shown };
      return result;
    };
    const summary = (findings) => findings.filter((finding) => finding.count > 0).map((finding) => `${describe(finding)}: ${finding.count.toLocaleString("en-US")}${linesText(finding.lines, finding.count)}`).join("; ");
    if (this.#detect !== void 0 && column.pii === "forbid") {
      const failing = this.#hits;
      results.push(
        withFindings(
          make(
            "pii",
            column.severity,
            "no personal data",
            { failing, total, examples: this.#hitExamples },
            failing > 0,
            failing > 0 ? `${plural(failing, "value")} ${failing === 1 ? "looks" : "look"} like personal data: ${summary(this.#labels)}` : `no personal data found in ${plural(total, "value")}`
          ),
          this.#labels
        )
      );
    } else if (this.#detect !== void 0 && this.#hits > 0 && this.#hits / total > this.#settings.minShare) {
      const share = this.#hits / total;
      results.push(
        withFindings(
          make(
            "pii_scan",
            this.#settings.severity,
            this.#settings.minShare > 0 ? `\u2264 ${this.#settings.minShare}` : "no detections",
            { failing: this.#hits, total, examples: this.#hitExamples },
            true,
            `${plural(this.#hits, "value")} (${(share * 100).toFixed(2)}%) ${this.#hits === 1 ? "looks" : "look"} like personal data: ${summary(this.#labels)}; set pii: forbid, hashed or allow on column "${column.name}" in the contract`
          ),
          this.#labels
        )
      );
    }
    if (this.#hashed !== void 0) {
      const failing = this.#notHashed;
      const format = describeHashFormat(this.#hashed);
      results.push(
        make(
          "hashed",
          column.severity,
          format,
          { failing, total, examples: this.#hashExamples },
          failing > 0,
          failing > 0 ? `${plural(failing, "value")} ${failing === 1 ? "is" : "are"} not ${format}${linesText(
            this.#hashExamples.map((example) => example.line).filter((line) => line !== void 0),
            failing
          )}` : `all ${plural(total, "value")} are ${format}`
        )
      );
    }
    if (this.#forbid.length > 0) {
      const failing = this.#forbidden;
      results.push(
        withFindings(
          make(
            "forbid_patterns",
            column.severity,
            `none of ${column.forbidPatterns.map((regex) => `/${regex}/`).join(", ")}`,
            { failing, total, examples: this.#forbidExamples },
            failing > 0,
            failing > 0 ? `${plural(failing, "value")} ${failing === 1 ? "matches" : "match"} a forbidden pattern: ${summary(this.#forbidFindings)}` : `no value matches a forbidden pattern`
          ),
          this.#forbidFindings
        )
      );
    }
    return results;
  }
};
function record(finding, line) {
  finding.count++;
  if (line !== void 0 && finding.lines.length < MAX_LINES) finding.lines.push(line);
}
function describe(finding) {
  return finding.detector === "custom" ? `pattern ${finding.pattern}` : finding.detector;
}
function noun(finding) {
  return finding.detector === "custom" ? `pattern ${finding.pattern}` : `${DETECTOR_NOUNS[finding.detector]} (${finding.detector})`;
}

export {
  DEFAULT_PII_SCAN,
  IDENTIFIER_DIGITS,
  PII_CLEAN,
  PiiColumnScan
};
