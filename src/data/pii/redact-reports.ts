/**
 * Redaction applied to whole reports where they are made, before any renderer, file, comment or log
 * line sees them: the validation report and the reference profile. (Fairness groups are redacted
 * where the evaluation builds them, and drift reports come from redacted profiles.) Every function
 * here is idempotent: a pseudonym or `[redacted]` is never redacted again.
 */
import type { CheckResult, ValidationReport } from "../validate/validation-report-types.ts";
import type { CategoryCount, ColumnProfile, NumericColumnProfile, ReferenceProfile } from "../profile/profile-types.ts";
import { KllSketch } from "../sketch/kll.ts";
import { isRedacted, pseudonym, type Redactor } from "./redact.ts";
import { IDENTIFIER_DIGITS } from "./pii-scan.ts";

/** A JSON string literal in a message: `"…"` with escapes. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** A check whose PII findings (`pii`, `pii_scan`, `forbid_patterns`) counted a value: its column is redacted. */
function isPiiDetection(check: CheckResult): boolean {
  return check.column !== undefined && (check.pii?.findings.some((finding) => finding.count > 0) ?? false);
}

/** Replaces every occurrence of `raw` (as JSON and as plain quoted text) by `shown`. */
function replaceValue(message: string, raw: string, shown: string): string {
  if (raw === shown || raw === "") return message;
  return message.split(JSON.stringify(raw)).join(JSON.stringify(shown)).split(`"${raw}"`).join(`"${shown}"`);
}

/** In a redacted column's message every quoted text but the column's name is a value: redact it. */
function redactQuoted(message: string, column: string, redactor: Redactor): string {
  const name = JSON.stringify(column);
  return message.replace(QUOTED, (quoted) => {
    if (quoted === name || quoted === `"${column}"`) return quoted;
    let inner: string;
    try {
      inner = JSON.parse(quoted) as string;
    } catch {
      inner = quoted.slice(1, -1);
    }
    return isRedacted(inner) ? quoted : JSON.stringify(redactor.value(column, inner));
  });
}

/**
 * The validation report with the values of redacted columns (declared, detected by validation's
 * `pii` check, or where a detector fires on an example) replaced in examples and messages.
 */
export function redactValidationReport(report: ValidationReport, redactor: Redactor): ValidationReport {
  for (const check of report.checks) if (isPiiDetection(check)) redactor.markDetected(check.column!);
  // Detectors first, over every example of a column, so each of its values is redacted, not only those that match.
  for (const check of report.checks) {
    if (check.column === undefined) continue;
    redactor.scan(
      check.column,
      check.examples.flatMap((example) => (example.value === undefined ? [] : [example.value])),
    );
  }
  return { ...report, checks: report.checks.map((check) => redactCheck(check, redactor)) };
}

function redactCheck(check: CheckResult, redactor: Redactor): CheckResult {
  const column = check.column;
  let message = check.message;
  const examples = check.examples.map((example) => {
    if (example.value === undefined) return example;
    const shown = redactor.value(column, example.value);
    if (shown === example.value) return example;
    message = replaceValue(message, example.value, shown);
    return { ...example, value: shown, message: replaceValue(example.message, example.value, shown) };
  });
  // PII findings name detectors and patterns, never values (docs/privacy.md#pii-detection): their quotes stay.
  if (column !== undefined && redactor.redacts(column) && check.pii === undefined) {
    message = redactQuoted(message, column, redactor);
    for (let i = 0; i < examples.length; i++) {
      const example = examples[i]!;
      const redacted = redactQuoted(example.message, column, redactor);
      if (redacted !== example.message) examples[i] = { ...example, message: redacted };
    }
  }
  return message === check.message && examples.every((example, i) => example === check.examples[i])
    ? check
    : { ...check, message, examples };
}

/** The id of a redaction key written into profiles: equal ids, equal keys; it tells nothing of the key. */
export function redactionKeyId(key: string): string {
  return pseudonym("modelship/redaction-key-id", key).slice("anon:".length);
}

/** What a profile records of a redacted column: the id of the key its categories are pseudonyms under, or null (dropped). */
export type ProfileRedaction = Record<string, string | null>;

/** True when drift may compare the values of a column: redacted on neither side, or categories under the same key on both. */
export function categoriesComparable(reference: ReferenceProfile, current: ReferenceProfile, column: string): boolean {
  const a = reference.redacted?.[column];
  const b = current.redacted?.[column];
  if (a === undefined && b === undefined) return true;
  // A redacted numeric column keeps no values on that side (`withoutValues`): nothing to compare.
  if (reference.columns[column]?.kind === "numeric") return false;
  return a !== undefined && a !== null && a === b;
}

/**
 * A redacted numeric (or date) column as a released profile keeps it: its counts of rows, nulls,
 * invalid and valid values only. Every statistic that is a data point or pins one goes: min/max, the
 * sketch's items (raw values), the histogram (its edges are data quantiles, or the distinct values
 * themselves for a small integer or date column), the exact values, and sum/mean/variance too, since
 * with few rows (or two shards that differ by one row) a mean is the value itself. Drift then
 * reports the column as insufficient_data (`whyCategoriesNotCompared`); its null rate is still compared.
 */
export function withoutValues(column: NumericColumnProfile, settings: { sketch_k: number; seed: number }): NumericColumnProfile {
  return {
    kind: "numeric",
    type: column.type,
    roles: [...column.roles],
    count: column.count,
    nulls: column.nulls,
    invalid: column.invalid,
    valid: column.valid,
    min: null,
    max: null,
    sum: 0,
    mean: null,
    m2: 0,
    variance: null,
    sketch: new KllSketch({ k: settings.sketch_k, seed: settings.seed }).toJSON(),
    histogram: null,
    values: null,
  };
}

/**
 * The profile with the values of redacted columns hidden. Reference profiles are released (a GitHub
 * Release may be public), so: a categorical column's counts are kept under keyed pseudonyms (drift
 * still compares its categories run after run under the same key) or, without a key, dropped into
 * `other_count` (drift then cannot compare its categories and says so); a numeric or date column
 * keeps only its counts (`withoutValues`: no min/max, sketch items, histogram edges or exact values,
 * which are all data points), so drift reports it as insufficient_data. `redacted`
 * records each such column with the key's id (`redactionKeyId`), null when dropped.
 * Text columns where a detector fires on a kept category, and integer columns where one fires on a
 * kept value of 9 or more digits (a card written as digits), are redacted too.
 */
export function redactProfile(profile: ReferenceProfile, redactor: Redactor): ReferenceProfile {
  for (const name of Object.keys(profile.redacted ?? {})) redactor.markDetected(name);
  const keyId = redactor.key === undefined ? null : redactionKeyId(redactor.key);
  const redacted: ProfileRedaction = { ...profile.redacted };
  const columns: Record<string, ColumnProfile> = {};
  for (const [name, column] of Object.entries(profile.columns)) {
    // Text, and integer columns' long values (a card written as digits; validate scans the same,
    // pii-scan.ts IDENTIFIER_DIGITS); not numbers or dates (epoch milliseconds), which are no identifiers.
    if (column.kind === "categorical")
      redactor.scan(
        name,
        column.counts.map((entry) => entry.value),
      );
    else if (column.type === "integer") redactor.scan(name, integerTexts(column));
    if (!redactor.redacts(name)) {
      columns[name] = column;
      continue;
    }
    const before = profile.redacted?.[name];
    if (column.kind === "numeric") {
      columns[name] = withoutValues(column, profile.settings);
      if (before === undefined) redacted[name] = keyId;
    } else if (before !== undefined) {
      // Already redacted (pseudonyms under its key, or dropped): the same bytes again.
      columns[name] = column;
    } else if (keyId === null) {
      const dropped = column.counts.reduce((sum, entry) => sum + entry.count, 0);
      columns[name] = { ...column, counts: [], other_count: column.other_count + dropped };
      redacted[name] = null;
    } else {
      columns[name] = { ...column, counts: pseudonymCounts(column.counts, redactor) };
      redacted[name] = keyId;
    }
  }
  if (Object.keys(redacted).length === 0) return profile;
  const sorted: ProfileRedaction = {};
  for (const name of Object.keys(redacted).sort()) sorted[name] = redacted[name]!;
  return { ...profile, redacted: sorted, columns };
}

/** The values of 9 or more characters an integer column's profile holds: extremes, sketch items, exact values. */
function* integerTexts(column: NumericColumnProfile): Generator<string> {
  const values = [column.min, column.max, ...column.sketch.levels.flat(), ...(column.values?.value ?? [])];
  for (const value of values) {
    if (value === null || !Number.isSafeInteger(value)) continue;
    const text = String(value);
    if (text.length >= IDENTIFIER_DIGITS) yield text;
  }
}

/** Counts under pseudonyms (merged should two values share one), by count descending then pseudonym ascending, as profiles sort. */
function pseudonymCounts(counts: readonly CategoryCount[], redactor: Redactor): CategoryCount[] {
  const merged = new Map<string, number>();
  for (const { value, count } of counts) {
    const shown = isRedacted(value) ? value : redactor.hide(value);
    merged.set(shown, (merged.get(shown) ?? 0) + count);
  }
  return [...merged]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * Profiles compared or merged together, each redacted, and a column one of them redacts redacted in
 * all (a detector may fire on the reference's data and not on the current's): a second pass after
 * every column is known.
 */
export function redactProfiles(profiles: readonly ReferenceProfile[], redactor: Redactor): ReferenceProfile[] {
  const once = profiles.map((profile) => redactProfile(profile, redactor));
  return once.map((profile) => redactProfile(profile, redactor));
}

/** Why drift does not compare a redacted column's values, or undefined when it may. */
export function whyCategoriesNotCompared(reference: ReferenceProfile, current: ReferenceProfile, column: string): string | undefined {
  if (categoriesComparable(reference, current, column)) return undefined;
  const a = reference.redacted?.[column];
  const b = current.redacted?.[column];
  if (reference.columns[column]?.kind === "numeric")
    return "values redacted: a released profile keeps no values of a redacted numeric or date column (no min, max, quantiles or histogram), so its distribution is not compared; only its null rate is (docs/privacy.md#redaction)";
  if (a === null || b === null)
    return "values redacted without a key: categories not compared (set MODELSHIP_REDACTION_KEY to compare pseudonyms, docs/privacy.md#redaction)";
  return "values redacted under different keys (or shown on one side): categories not compared (use the same MODELSHIP_REDACTION_KEY as the reference profile)";
}
