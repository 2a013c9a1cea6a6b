/**
 * Redaction of data values in everything modelship writes or prints: reports, PR comments, drift
 * issues, charts, model cards, released profiles (and the dashboard of issue 25, which should take a
 * `Redactor` too). A column's values are redacted when the contract marks it `pii` (forbid, allow or
 * hashed) or `redact: true`, when a PII detector fired on it in validation, or when a detector fires
 * on a value about to be shown (so stages that never see the validation report still catch it).
 * Protected attributes (`role: sensitive`) keep their group names, which fairness reports need,
 * unless they are also marked `redact: true`.
 *
 * A redacted value becomes a stable pseudonym, `anon:` and the first 12 hex digits of
 * HMAC-SHA256(key, value) with the key from `MODELSHIP_REDACTION_KEY` (a secret), so the same value
 * reads the same in every run and report; without a key it is `[redacted]`. Never an unkeyed hash:
 * low-entropy values (zip codes, birth dates, names) are reversed by hashing every candidate.
 */
import { createHmac } from "node:crypto";
import { detectPii, type PiiDetector } from "./pii-detectors.ts";

/** The environment variable holding the redaction key (actions set it from their `redaction-key` input). */
export const REDACTION_KEY_ENV = "MODELSHIP_REDACTION_KEY";
/** What a redacted value reads as without a key. */
export const REDACTED = "[redacted]";
/** The prefix of a pseudonym. */
export const PSEUDONYM_PREFIX = "anon:";
/** Hex digits of the HMAC kept: 48 bits, so distinct values of a column practically never share one. */
const PSEUDONYM_HEX = 12;

/** Why a column's values are redacted. */
export type RedactionReason = "pii" | "redact" | "detector";

/** What of a contract column redaction reads (a `ColumnContract` is one). */
export interface RedactionColumn {
  readonly name: string;
  readonly roles: readonly string[];
  readonly pii?: "forbid" | "allow" | "hashed";
  readonly redact?: boolean;
}

export interface RedactorOptions {
  /** The key of the pseudonyms; undefined or empty shows `[redacted]`. */
  key?: string;
  /** Columns where a PII detector fired (e.g. from the validation report). */
  detectedColumns?: Iterable<string>;
  /** Configured regexes of the `custom` detector. */
  customPatterns?: readonly RegExp[];
  /** Run the detectors on values about to be shown (default true). */
  scan?: boolean;
}

/** The key from the environment: undefined when unset or empty. */
export function redactionKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[REDACTION_KEY_ENV];
  return key === undefined || key === "" ? undefined : key;
}

/** `anon:` + the first 12 hex digits of HMAC-SHA256(key, value). */
export function pseudonym(value: string, key: string): string {
  return PSEUDONYM_PREFIX + createHmac("sha256", key).update(value, "utf8").digest("hex").slice(0, PSEUDONYM_HEX);
}

const REDACTED_TEXT = new RegExp(`^(?:${PSEUDONYM_PREFIX}[0-9a-f]{${PSEUDONYM_HEX}}|\\[redacted(?: [0-9]+)?\\])$`);

/** True for text that is already a pseudonym, `[redacted]` or a numbered `[redacted N]` (redacting twice changes nothing). */
export function isRedacted(text: string): boolean {
  return REDACTED_TEXT.test(text);
}

/**
 * Decides, per column, whether values may be shown, and turns them into pseudonyms where not. Made
 * once per run from the contract; `scan` and `value` remember columns where a detector fires.
 */
export class Redactor {
  readonly key: string | undefined;
  readonly #reasons = new Map<string, RedactionReason>();
  readonly #sensitive = new Set<string>();
  readonly #custom: readonly RegExp[];
  readonly #scanValues: boolean;

  constructor(columns: readonly RedactionColumn[] = [], options: RedactorOptions = {}) {
    this.key = options.key === undefined || options.key === "" ? undefined : options.key;
    this.#custom = options.customPatterns ?? [];
    this.#scanValues = options.scan ?? true;
    for (const column of columns) {
      if (column.redact === true) this.#reasons.set(column.name, "redact");
      else if (column.roles.includes("sensitive")) this.#sensitive.add(column.name);
      else if (column.pii !== undefined) this.#reasons.set(column.name, "pii");
    }
    for (const name of options.detectedColumns ?? []) this.markDetected(name);
  }

  /** True when pseudonyms are keyed (stable across runs), false when values read `[redacted]`. */
  get keyed(): boolean {
    return this.key !== undefined;
  }

  /** Why the column's values are redacted, or undefined when they are shown. */
  reason(column: string): RedactionReason | undefined {
    return this.#reasons.get(column);
  }

  /** True when the column's values are redacted (declared, or a detector fired on it so far). */
  redacts(column: string): boolean {
    return this.#reasons.has(column);
  }

  /** The columns redacted so far, sorted. */
  columns(): string[] {
    return [...this.#reasons.keys()].sort();
  }

  /** Marks a column as one where a detector fired; a protected attribute keeps its group names. */
  markDetected(column: string): void {
    if (!this.#reasons.has(column) && !this.#sensitive.has(column)) this.#reasons.set(column, "detector");
  }

  /**
   * Runs the detectors on values of a column before any is shown, so that every value of a column
   * where one fires is redacted, not only the ones that matched. Returns the first detector that fired.
   */
  scan(column: string, values: Iterable<string>): PiiDetector | undefined {
    if (!this.#scanValues || this.#reasons.has(column) || this.#sensitive.has(column)) return undefined;
    for (const value of values) {
      const detector = detectPii(value, this.#custom);
      if (detector !== undefined) {
        this.markDetected(column);
        return detector;
      }
    }
    return undefined;
  }

  /** The value as it may be shown: itself, its pseudonym, or `[redacted]`. `column` undefined: detectors only. */
  value(column: string | undefined, value: string): string {
    if (isRedacted(value)) return value;
    if (column !== undefined && this.#reasons.has(column)) return this.hide(value);
    if (column !== undefined && this.#sensitive.has(column)) return value;
    if (this.#scanValues && detectPii(value, this.#custom) !== undefined) {
      if (column !== undefined) this.markDetected(column);
      return this.hide(value);
    }
    return value;
  }

  /** The pseudonym of a value, or `[redacted]` without a key. */
  hide(value: string): string {
    return this.key === undefined ? REDACTED : pseudonym(value, this.key);
  }

  /**
   * Names for the distinct values of a column that must stay apart (fairness groups): their
   * pseudonyms, or without a key `[redacted 1]`, `[redacted 2]`… numbered in sorted order of the
   * values, stable within the run only. Values of columns not redacted keep their names.
   */
  labels(column: string, values: Iterable<string>): Map<string, string> {
    const distinct = [...new Set(values)].sort();
    const redacted = this.redacts(column);
    return new Map(
      distinct.map((value, i) => [
        value,
        !redacted || isRedacted(value) ? value : this.key === undefined ? `[redacted ${i + 1}]` : pseudonym(value, this.key),
      ]),
    );
  }
}

/**
 * The run's redactor: the contract's columns (none without a contract) and the key from
 * MODELSHIP_REDACTION_KEY unless `options.key` is given.
 */
export function redactorFor(
  contract:
    | { readonly columns: readonly RedactionColumn[]; readonly pii?: { readonly patterns: readonly { readonly regex: string }[] } }
    | undefined,
  options: RedactorOptions = {},
): Redactor {
  // The contract's own detectors (`pii.patterns`, checked to compile when it loaded) fire here too.
  const custom = (contract?.pii?.patterns ?? []).map((pattern) => new RegExp(pattern.regex, "u"));
  return new Redactor(contract?.columns ?? [], {
    ...options,
    key: options.key ?? redactionKeyFromEnv(),
    customPatterns: [...custom, ...(options.customPatterns ?? [])],
  });
}

/** A redactor that shows every value (for code paths with no contract and no PII in sight, e.g. tests). */
export function noRedaction(): Redactor {
  return new Redactor([], { scan: false });
}
