import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  detectPii
} from "./chunk-WP7KJD34.js";

// src/data/pii/redact.ts
import { createHmac } from "node:crypto";
var REDACTION_KEY_ENV = "MODELSHIP_REDACTION_KEY";
var REDACTED = "[redacted]";
var PSEUDONYM_PREFIX = "anon:";
var PSEUDONYM_HEX = 12;
function redactionKeyFromEnv(env = process.env) {
  const key = env[REDACTION_KEY_ENV];
  return key === void 0 || key === "" ? void 0 : key;
}
function pseudonym(value, key) {
  return PSEUDONYM_PREFIX + createHmac("sha256", key).update(value, "utf8").digest("hex").slice(0, PSEUDONYM_HEX);
}
var REDACTED_TEXT = new RegExp(`^(?:${PSEUDONYM_PREFIX}[0-9a-f]{${PSEUDONYM_HEX}}|\\[redacted(?: [0-9]+)?\\])$`);
function isRedacted(text) {
  return REDACTED_TEXT.test(text);
}
var Redactor = class {
  key;
  #reasons = /* @__PURE__ */ new Map();
  #sensitive = /* @__PURE__ */ new Set();
  #custom;
  #scanValues;
  constructor(columns = [], options = {}) {
    this.key = options.key === void 0 || options.key === "" ? void 0 : options.key;
    this.#custom = options.customPatterns ?? [];
    this.#scanValues = options.scan ?? true;
    for (const column of columns) {
      if (column.redact === true) this.#reasons.set(column.name, "redact");
      else if (column.roles.includes("sensitive")) this.#sensitive.add(column.name);
      else if (column.pii !== void 0) this.#reasons.set(column.name, "pii");
    }
    for (const name of options.detectedColumns ?? []) this.markDetected(name);
  }
  /** True when pseudonyms are keyed (stable across runs), false when values read `[redacted]`. */
  get keyed() {
    return this.key !== void 0;
  }
  /** Why the column's values are redacted, or undefined when they are shown. */
  reason(column) {
    return this.#reasons.get(column);
  }
  /** True when the column's values are redacted (declared, or a detector fired on it so far). */
  redacts(column) {
    return this.#reasons.has(column);
  }
  /** The columns redacted so far, sorted. */
  columns() {
    return [...this.#reasons.keys()].sort();
  }
  /** Marks a column as one where a detector fired; a protected attribute keeps its group names. */
  markDetected(column) {
    if (!this.#reasons.has(column) && !this.#sensitive.has(column)) this.#reasons.set(column, "detector");
  }
  /**
   * Runs the detectors on values of a column before any is shown, so that every value of a column
   * where one fires is redacted, not only the ones that matched. Returns the first detector that fired.
   */
  scan(column, values) {
    if (!this.#scanValues || this.#reasons.has(column) || this.#sensitive.has(column)) return void 0;
    for (const value of values) {
      const detector = detectPii(value, this.#custom);
      if (detector !== void 0) {
        this.markDetected(column);
        return detector;
      }
    }
    return void 0;
  }
  /** The value as it may be shown: itself, its pseudonym, or `[redacted]`. `column` undefined: detectors only. */
  value(column, value) {
    if (isRedacted(value)) return value;
    if (column !== void 0 && this.#reasons.has(column)) return this.hide(value);
    if (column !== void 0 && this.#sensitive.has(column)) return value;
    if (this.#scanValues && detectPii(value, this.#custom) !== void 0) {
      if (column !== void 0) this.markDetected(column);
      return this.hide(value);
    }
    return value;
  }
  /** The pseudonym of a value, or `[redacted]` without a key. */
  hide(value) {
    return this.key === void 0 ? REDACTED : pseudonym(value, this.key);
  }
  /**
   * Names for the distinct values of a column that must stay apart (fairness groups): their
   * pseudonyms, or without a key `[redacted 1]`, `[redacted 2]`… numbered in sorted order of the
   * values, stable within the run only. Values of columns not redacted keep their names.
   */
  labels(column, values) {
    const distinct = [...new Set(values)].sort();
    const redacted = this.redacts(column);
    return new Map(
      distinct.map((value, i) => [
        value,
        !redacted || isRedacted(value) ? value : this.key === void 0 ? `[redacted ${i + 1}]` : pseudonym(value, this.key)
      ])
    );
  }
};
function redactorFor(contract, options = {}) {
  const custom = (contract?.pii?.patterns ?? []).map((pattern) => new RegExp(pattern.regex, "u"));
  return new Redactor(contract?.columns ?? [], {
    ...options,
    key: options.key ?? redactionKeyFromEnv(),
    customPatterns: [...custom, ...options.customPatterns ?? []]
  });
}

export {
  pseudonym,
  isRedacted,
  redactorFor
};
