/**
 * The checks on one contract column of one data file: type, nulls, emptiness, range, enum,
 * pattern, length and uniqueness. Values stream through `add` batch by batch; memory is the
 * examples kept plus, for a `unique` column only, one hash per distinct value.
 */
import { aliasMap, applyAlias, coerceValue, showValue, type Coerced, type TypedValue } from "../contract/coerce.ts";
import type { ColumnContract, ColumnPolicy, PiiScanSettings, Severity } from "../contract/contract-types.ts";
import { DEFAULT_PII_SCAN, PII_CLEAN, PiiColumnScan, type PiiOutcome } from "../pii/pii-scan.ts";
import { formatPercent } from "../../common/markdown.ts";
import { Hash64 } from "./hash-table.ts";
import { MAX_EXACT_DISTINCT, RepeatCounter } from "./repeat-counter.ts";
import type { RawValue } from "../readers/table.ts";
import type { CheckExample, CheckResult, CheckStatus } from "./validation-report-types.ts";

/** A value after aliases and coercion: its typed value, the raw text when it did not parse, or null. */
export type CanonicalValue = TypedValue | null;

/** A non-null cell after aliases and coercion (`shown`: its text for messages, once made). */
export interface PreparedCell {
  raw: Exclude<RawValue, null>;
  coerced: Coerced;
  shown: string | undefined;
  /** Whether the value is in the column's enum, once looked up (the fast path reuses a cell for every row that spells it). */
  inEnum?: boolean;
  /** What the PII checks made of the text, once classified (same reuse). */
  pii?: PiiOutcome;
}

/** Counts and first examples of one check. */
export class Tally {
  failing = 0;
  total = 0;
  readonly examples: CheckExample[] = [];
  readonly #maxExamples: number;

  constructor(maxExamples: number) {
    this.#maxExamples = maxExamples;
  }

  /** Counts one failure and keeps it as an example while there is room. */
  fail(example: () => CheckExample): void {
    this.failing++;
    if (this.examples.length < this.#maxExamples) this.examples.push(example());
  }

  /** More failures than examples kept. */
  get truncated(): boolean {
    return this.failing > this.examples.length;
  }
}

export interface CheckSpec {
  id: string;
  scope: CheckResult["scope"];
  dataset: string;
  column?: string;
  check: string;
  severity: Severity;
  threshold?: string;
}

/** Assembles a CheckResult; `failed` decides fail/warn (by severity) against pass. */
export function checkResult(
  spec: CheckSpec,
  tally: Pick<Tally, "failing" | "total" | "examples">,
  failed: boolean,
  message: string,
  status?: CheckStatus,
): CheckResult {
  const result: CheckResult = {
    id: spec.id,
    scope: spec.scope,
    dataset: spec.dataset,
    check: spec.check,
    severity: spec.severity,
    status: status ?? (failed ? (spec.severity === "error" ? "fail" : "warn") : "pass"),
    failing: tally.failing,
    total: tally.total,
    message,
    examples: tally.examples,
  };
  if (spec.column !== undefined) result.column = spec.column;
  if (tally.total > 0) result.share = tally.failing / tally.total;
  if (spec.threshold !== undefined) result.threshold = spec.threshold;
  return result;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

function quote(value: RawValue): string {
  return JSON.stringify(showValue(value));
}

// Bounds of ordered types as numbers (dates as epoch ms), with the text the user wrote for messages.
interface Bound {
  value: number;
  text: string;
  exclusive: boolean;
}

function bound(column: ColumnContract, inclusive: number | string | undefined, exclusive: number | string | undefined): Bound | undefined {
  const given = inclusive ?? exclusive;
  if (given === undefined) return undefined;
  const coerced = coerceValue(given, column.type === "date" || column.type === "datetime" ? column.type : "number");
  // The contract loader already refused bounds that do not parse.
  if (!coerced.ok || typeof coerced.value !== "number") throw new Error(`bound ${String(given)} of ${column.name} does not parse`);
  return { value: coerced.value, text: String(given), exclusive: inclusive === undefined };
}

/** Validates one contract column of one file. */
export class ColumnValidator {
  readonly column: ColumnContract;
  readonly #path: string;
  readonly #dataset: string;
  readonly #aliases: Map<string, string> | undefined;
  readonly #min: Bound | undefined;
  readonly #max: Bound | undefined;
  readonly #enum: Set<TypedValue> | undefined;
  readonly #pattern: RegExp | undefined;
  readonly #unique: RepeatCounter | undefined;
  readonly #hash = new Hash64();
  readonly #type: Tally;
  readonly #nulls: Tally;
  readonly #range: { min: Tally; max: Tally };
  readonly #enumTally: Tally;
  readonly #patternTally: Tally;
  readonly #length: Tally;
  readonly #uniqueTally: Tally;
  readonly #pii: PiiColumnScan | undefined;
  #rows = 0;
  #first: CanonicalValue = null;
  #distinct = 0;

  /** `pii`: the contract's scan settings (default: every detector on every text column). */
  constructor(options: { column: ColumnContract; path: string; dataset: string; maxExamples: number; pii?: PiiScanSettings }) {
    const { column, maxExamples } = options;
    this.column = column;
    this.#path = options.path;
    this.#dataset = options.dataset;
    this.#aliases = aliasMap(column);
    this.#min = bound(column, column.min, column.exclusiveMin);
    this.#max = bound(column, column.max, column.exclusiveMax);
    if (column.enum !== undefined) {
      const textual = column.type === "string" || column.type === "categorical";
      this.#enum = new Set(
        column.enum.map((value) => {
          if (textual) return String(value);
          const coerced = coerceValue(typeof value === "boolean" ? String(value) : value, column.type, column);
          return coerced.ok ? coerced.value : String(value);
        }),
      );
    }
    if (column.pattern !== undefined) this.#pattern = new RegExp(`^(?:${column.pattern})$`, "u");
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
  get singleValued(): boolean {
    return this.#distinct === 1;
  }

  /** Non-null values seen. */
  get nonNull(): number {
    return this.#type.total;
  }

  /**
   * Checks one batch of this column (`values` undefined: the column is absent, all null) and writes
   * each row's canonical value into `canonical` for the row-level checks.
   */
  add(values: readonly RawValue[] | undefined, lines: readonly number[], length: number, canonical: CanonicalValue[]): void {
    this.countRows(length);
    for (let r = 0; r < length; r++) {
      const cell = values === undefined ? null : (values[r] ?? null);
      if (cell === null) {
        canonical[r] = null;
        this.addNull(lines[r]);
        continue;
      }
      canonical[r] = this.addPrepared(this.prepare(cell), lines[r]);
    }
  }

  /** Counts rows of a batch (each then goes to `addNull`, `addPrepared` or `addNumber`). */
  countRows(length: number): void {
    this.#rows += length;
  }

  /** Checks one missing cell. */
  addNull(line: number | undefined): void {
    const column = this.column;
    if (!column.nullable)
      this.#nulls.fail(() => ({ file: this.#path, line, message: `missing value in "${column.name}", which is not nullable` }));
    else this.#nulls.failing++;
  }

  /**
   * What a non-null cell means for this column (aliases applied, coerced): a function of the cell
   * alone, so the fast CSV path (validate-fast.ts) works it out once per distinct text.
   */
  prepare(cell: Exclude<RawValue, null>): PreparedCell {
    const raw = applyAlias(cell, this.#aliases);
    return { raw, coerced: coerceValue(raw, this.column.type, this.column), shown: undefined };
  }

  /** Checks one non-null cell, prepared by `prepare`; returns its canonical value. */
  addPrepared(cell: PreparedCell, line: number | undefined): CanonicalValue {
    const rawValue = cell.raw;
    this.#type.total++;
    const pii = this.#pii;
    if (pii !== undefined) {
      const outcome = (cell.pii ??= pii.classify(typeof rawValue === "string" ? rawValue : showValue(rawValue)));
      if (outcome !== PII_CLEAN) pii.add(outcome, line);
    }
    const coerced = cell.coerced;
    if (!coerced.ok) {
      this.#type.fail(() => ({
        file: this.#path,
        line,
        value: showValue(rawValue),
        message: `${quote(rawValue)} ${coerced.reason}`,
      }));
      return (cell.shown ??= showValue(rawValue));
    }
    this.#checkValue(coerced.value, rawValue, line, cell);
    return coerced.value;
  }

  /**
   * Checks one non-null cell of an integer or number column without aliases whose text `raw`
   * spells `value` (the fast CSV path parsed it from the bytes; `raw` is only called when a
   * message or a text check needs it).
   */
  addNumber(value: number, raw: () => string, line: number): void {
    this.#type.total++;
    // |value| ≥ 10^8: 9 or more digits, which the integer scan reads (pii-scan.ts IDENTIFIER_DIGITS).
    if (this.#pii !== undefined && (this.#pii.everyValue || Math.abs(value) >= 1e8)) {
      const outcome = this.#pii.classify(raw());
      if (outcome !== PII_CLEAN) this.#pii.add(outcome, line);
    }
    this.#checkValue(value, raw, line, undefined);
  }

  // The checks on a value that coerced; `raw` is its text (a function when made only on demand).
  #checkValue(value: TypedValue, raw: RawValue | (() => string), line: number | undefined, cell: PreparedCell | undefined): void {
    const column = this.column;
    const path = this.#path;
    if (this.#distinct === 0) {
      this.#first = value;
      this.#distinct = 1;
    } else if (this.#distinct === 1 && value !== this.#first) this.#distinct = 2;
    if (typeof value === "number") this.#checkRange(value, raw, line);
    if (this.#enum !== undefined) {
      this.#enumTally.total++;
      const allowed = cell === undefined ? this.#enum.has(value) : (cell.inEnum ??= this.#enum.has(value));
      if (!allowed)
        this.#enumTally.fail(() => ({
          file: path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is not one of the allowed values`,
        }));
    }
    if (this.#pattern !== undefined || column.minLength !== undefined || column.maxLength !== undefined) {
      const text = typeof value === "string" ? value : cell === undefined ? showValue(rawOf(raw)) : (cell.shown ??= showValue(cell.raw));
      this.#checkText(text, line);
    }
    if (this.#unique !== undefined) this.#checkUnique(value, raw, line);
  }

  #checkRange(value: number, raw: RawValue | (() => string), line: number | undefined): void {
    const min = this.#min;
    const max = this.#max;
    if (min !== undefined) {
      this.#range.min.total++;
      if (min.exclusive ? value <= min.value : value < min.value) {
        this.#range.min.fail(() => ({
          file: this.#path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is below the ${min.exclusive ? "exclusive minimum" : "minimum"} ${min.text}`,
        }));
      }
    }
    if (max !== undefined) {
      this.#range.max.total++;
      if (max.exclusive ? value >= max.value : value > max.value) {
        this.#range.max.fail(() => ({
          file: this.#path,
          line,
          value: showValue(rawOf(raw)),
          message: `${quote(rawOf(raw))} is above the ${max.exclusive ? "exclusive maximum" : "maximum"} ${max.text}`,
        }));
      }
    }
  }

  #checkText(text: string, line: number | undefined): void {
    const column = this.column;
    if (this.#pattern !== undefined) {
      this.#patternTally.total++;
      if (!this.#pattern.test(text))
        this.#patternTally.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} does not match the pattern ${column.pattern}`,
        }));
    }
    if (column.minLength !== undefined || column.maxLength !== undefined) {
      this.#length.total++;
      // Length in characters (code points), as people count them, not UTF-16 units.
      const characters = countCharacters(text);
      if (column.minLength !== undefined && characters < column.minLength) {
        this.#length.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} has ${characters} characters, fewer than ${column.minLength}`,
        }));
      } else if (column.maxLength !== undefined && characters > column.maxLength) {
        this.#length.fail(() => ({
          file: this.#path,
          line,
          value: showValue(text),
          message: `${quote(text)} has ${characters} characters, more than ${column.maxLength}`,
        }));
      }
    }
  }

  #checkUnique(value: TypedValue, raw: RawValue | (() => string), line: number | undefined): void {
    const hash = this.#hash;
    hash.reset();
    if (typeof value === "number") hash.number(value);
    else if (typeof value === "boolean") hash.word(value ? 1 : 2);
    else hash.text(value);
    this.#uniqueTally.total++;
    const earlier = this.#unique!.add(hash.h1, hash.h2, line ?? 0);
    if (earlier !== undefined)
      this.#uniqueTally.fail(() => ({
        file: this.#path,
        line,
        value: showValue(rawOf(raw)),
        message: `${quote(rawOf(raw))} repeats the value at line ${earlier}`,
      }));
  }

  /** Whether any check kept fewer examples than it had failures. */
  get truncated(): boolean {
    // Nulls of a nullable column are only counted (for max_null_share), never listed.
    if (!this.column.nullable && this.#nulls.truncated) return true;
    if (this.#pii?.truncated === true) return true;
    return [this.#type, this.#range.min, this.#range.max, this.#enumTally, this.#patternTally, this.#length, this.#uniqueTally].some(
      (tally) => tally.truncated,
    );
  }

  /** The column's check results. */
  finish(): CheckResult[] {
    const column = this.column;
    const spec = (check: string, threshold?: string): CheckSpec => ({
      id: `column.${column.name}.${check}`,
      scope: "column",
      dataset: this.#dataset,
      column: column.name,
      check,
      severity: column.severity,
      threshold,
    });
    const results: CheckResult[] = [];
    const nonNull = this.#type.total;

    // Nulls first: they are about every row, the value checks only about non-null ones.
    const nulls = { failing: this.#nulls.failing, total: this.#rows, examples: column.nullable ? [] : this.#nulls.examples };
    if (!column.nullable) {
      results.push(
        checkResult(
          spec("nullable", "no nulls"),
          nulls,
          nulls.failing > 0,
          nulls.failing > 0 ? `${plural(nulls.failing, "row")} missing a value` : `no missing values in ${plural(this.#rows, "row")}`,
        ),
      );
    }
    if (column.maxNullShare !== undefined) {
      const share = this.#rows === 0 ? 0 : nulls.failing / this.#rows;
      results.push(
        checkResult(
          spec("max_null_share", `≤ ${column.maxNullShare}`),
          { ...nulls, examples: [] },
          share > column.maxNullShare,
          `${formatPercent(share, 2)} of values are missing (${plural(nulls.failing, "row")}), limit ${column.maxNullShare}`,
        ),
      );
    }
    if (nonNull === 0 && !column.allowEmpty) {
      results.push(
        checkResult(
          spec("empty", "at least one value"),
          { failing: this.#rows, total: this.#rows, examples: [] },
          true,
          `has no non-null values in ${plural(this.#rows, "row")}; set allow_empty: true if that is expected`,
        ),
      );
    }

    const mostly = column.mostly;
    const valueCheck = (check: string, tally: Tally, threshold: string | undefined, failMessage: string, passMessage: string) => {
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
      `all ${plural(nonNull, "value")} are of type ${column.type}`,
    );
    if (this.#min !== undefined) {
      const symbol = this.#min.exclusive ? ">" : "≥";
      valueCheck(
        "min",
        this.#range.min,
        `${symbol} ${this.#min.text}`,
        `${plural(this.#range.min.failing, "value")} below ${this.#min.text}`,
        `all values ${symbol} ${this.#min.text}`,
      );
    }
    if (this.#max !== undefined) {
      const symbol = this.#max.exclusive ? "<" : "≤";
      valueCheck(
        "max",
        this.#range.max,
        `${symbol} ${this.#max.text}`,
        `${plural(this.#range.max.failing, "value")} above ${this.#max.text}`,
        `all values ${symbol} ${this.#max.text}`,
      );
    }
    if (this.#enum !== undefined) {
      const size = this.#enum.size;
      valueCheck(
        "enum",
        this.#enumTally,
        `one of ${size} value${size === 1 ? "" : "s"}`,
        `${plural(this.#enumTally.failing, "value")} outside the allowed values`,
        "all values allowed",
      );
    }
    if (this.#pattern !== undefined)
      valueCheck(
        "pattern",
        this.#patternTally,
        `/${column.pattern}/`,
        `${plural(this.#patternTally.failing, "value")} not matching the pattern`,
        "all values match",
      );
    if (column.minLength !== undefined || column.maxLength !== undefined) {
      const threshold =
        [
          column.minLength === undefined ? undefined : `≥ ${column.minLength}`,
          column.maxLength === undefined ? undefined : `≤ ${column.maxLength}`,
        ]
          .filter(Boolean)
          .join(", ") + " characters";
      valueCheck("length", this.#length, threshold, `${plural(this.#length.failing, "value")} of the wrong length`, "all lengths allowed");
    }
    if (this.#unique !== undefined) {
      const tally = this.#uniqueTally;
      tally.failing = this.#unique.repeats;
      const estimated = this.#unique.exact
        ? ""
        : ` (estimated from more than ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct values, ± ${this.#unique.standardError.toLocaleString("en-US")})`;
      results.push(
        checkResult(
          spec("unique", "no repeats"),
          tally,
          tally.failing > 0,
          tally.failing > 0
            ? `${plural(tally.failing, "value")} repeat an earlier value${estimated}`
            : `all ${plural(tally.total, "value")} distinct${estimated}`,
        ),
      );
    }
    if (this.#pii !== undefined)
      results.push(
        ...this.#pii.finish(nonNull, (check, severity, threshold, tally, failed, message) =>
          checkResult({ ...spec(check, threshold), severity }, tally, failed, message),
        ),
      );
    return results;
  }
}

/** A cell's raw value, made on demand where the fast path passed a function. */
function rawOf(raw: RawValue | (() => string)): RawValue {
  return typeof raw === "function" ? raw() : raw;
}

/** Characters (code points) in a text; surrogate pairs count once. */
function countCharacters(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) count--;
  }
  return count;
}

/** The severity a dataset policy gives its findings; undefined for `ignore` (no check). */
export function policySeverity(policy: ColumnPolicy): Severity | undefined {
  return policy === "ignore" ? undefined : policy;
}
