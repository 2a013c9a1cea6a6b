import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  isRedacted,
  pseudonym
} from "./chunk-GKGV24WD.js";
import {
  IDENTIFIER_DIGITS
} from "./chunk-JXPNSGRB.js";
import {
  KllSketch
} from "./chunk-5US5NQLX.js";

// src/data/pii/redact-reports.ts
var QUOTED = /"(?:[^"\\]|\\.)*"/g;
function isPiiDetection(check) {
  return check.column !== void 0 && (check.pii?.findings.some((finding) => finding.count > 0) ?? false);
}
function replaceValue(message, raw, shown) {
  if (raw === shown || raw === "") return message;
  return message.split(JSON.stringify(raw)).join(JSON.stringify(shown)).split(`"${raw}"`).join(`"${shown}"`);
}
function redactQuoted(message, column, redactor) {
  const name = JSON.stringify(column);
  return message.replace(QUOTED, (quoted) => {
    if (quoted === name || quoted === `"${column}"`) return quoted;
    let inner;
    try {
      inner = JSON.parse(quoted);
    } catch {
      inner = quoted.slice(1, -1);
    }
    return isRedacted(inner) ? quoted : JSON.stringify(redactor.value(column, inner));
  });
}
function redactValidationReport(report, redactor) {
  for (const check of report.checks) if (isPiiDetection(check)) redactor.markDetected(check.column);
  for (const check of report.checks) {
    if (check.column === void 0) continue;
    redactor.scan(
      check.column,
      check.examples.flatMap((example) => example.value === void 0 ? [] : [example.value])
    );
  }
  return { ...report, checks: report.checks.map((check) => redactCheck(check, redactor)) };
}
function redactCheck(check, redactor) {
  const column = check.column;
  let message = check.message;
  const examples = check.examples.map((example) => {
    if (example.value === void 0) return example;
    const shown = redactor.value(column, example.value);
    if (shown === example.value) return example;
    message = replaceValue(message, example.value, shown);
    return { ...example, value: shown, message: replaceValue(example.message, example.value, shown) };
  });
  if (column !== void 0 && redactor.redacts(column) && check.pii === void 0) {
    message = redactQuoted(message, column, redactor);
    for (let i = 0; i < examples.length; i++) {
      const example = examples[i];
      const redacted = redactQuoted(example.message, column, redactor);
      if (redacted !== example.message) examples[i] = { ...example, message: redacted };
    }
  }
  return message === check.message && examples.every((example, i) => example === check.examples[i]) ? check : { ...check, message, examples };
}
function redactionKeyId(key) {
  return pseudonym("modelship/redaction-key-id", key).slice("anon:".length);
}
function categoriesComparable(reference, current, column) {
  const a = reference.redacted?.[column];
  const b = current.redacted?.[column];
  if (a === void 0 && b === void 0) return true;
  if (reference.columns[column]?.kind === "numeric") return false;
  return a !== void 0 && a !== null && a === b;
}
function withoutValues(column, settings) {
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
    values: null
  };
}
function redactProfile(profile, redactor) {
  for (const name of Object.keys(profile.redacted ?? {})) redactor.markDetected(name);
  const keyId = redactor.key === void 0 ? null : redactionKeyId(redactor.key);
  const redacted = { ...profile.redacted };
  const columns = {};
  for (const [name, column] of Object.entries(profile.columns)) {
    if (column.kind === "categorical")
      redactor.scan(
        name,
        column.counts.map((entry) => entry.value)
      );
    else if (column.type === "integer") redactor.scan(name, integerTexts(column));
    if (!redactor.redacts(name)) {
      columns[name] = column;
      continue;
    }
    const before = profile.redacted?.[name];
    if (column.kind === "numeric") {
      columns[name] = withoutValues(column, profile.settings);
      if (before === void 0) redacted[name] = keyId;
    } else if (before !== void 0) {
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
  const sorted = {};
  for (const name of Object.keys(redacted).sort()) sorted[name] = redacted[name];
  return { ...profile, redacted: sorted, columns };
}
function* integerTexts(column) {
  const values = [column.min, column.max, ...column.sketch.levels.flat(), ...column.values?.value ?? []];
  for (const value of values) {
    if (value === null || !Number.isSafeInteger(value)) continue;
    const text = String(value);
    if (text.length >= IDENTIFIER_DIGITS) yield text;
  }
}
function pseudonymCounts(counts, redactor) {
  const merged = /* @__PURE__ */ new Map();
  for (const { value, count } of counts) {
    const shown = isRedacted(value) ? value : redactor.hide(value);
    merged.set(shown, (merged.get(shown) ?? 0) + count);
  }
  return [...merged].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
function redactProfiles(profiles, redactor) {
  const once = profiles.map((profile) => redactProfile(profile, redactor));
  return once.map((profile) => redactProfile(profile, redactor));
}
function whyCategoriesNotCompared(reference, current, column) {
  if (categoriesComparable(reference, current, column)) return void 0;
  const a = reference.redacted?.[column];
  const b = current.redacted?.[column];
  if (reference.columns[column]?.kind === "numeric")
    return "values redacted: a released profile keeps no values of a redacted numeric or date column (no min, max, quantiles or histogram), so its distribution is not compared; only its null rate is (docs/privacy.md#redaction)";
  if (a === null || b === null)
    return "values redacted without a key: categories not compared (set MODELSHIP_REDACTION_KEY to compare pseudonyms, docs/privacy.md#redaction)";
  return "values redacted under different keys (or shown on one side): categories not compared (use the same MODELSHIP_REDACTION_KEY as the reference profile)";
}

export {
  redactValidationReport,
  withoutValues,
  redactProfile,
  redactProfiles,
  whyCategoriesNotCompared
};
