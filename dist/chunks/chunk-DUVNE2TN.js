import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  code,
  escapeMarkdown,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  coerceValue
} from "./chunk-CEPJPHC5.js";

// src/data/contract/contract-diff.ts
var WIDENINGS = {
  integer: ["number", "string"],
  number: ["string"],
  boolean: ["string"],
  date: ["string"],
  datetime: ["string"],
  categorical: ["string"]
};
var POLICY_RANK = { ignore: 0, warning: 1, error: 2 };
function show(value) {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
function showList(values) {
  const shown = values.slice(0, 10).map(show).join(", ");
  return values.length > 10 ? `${shown} and ${values.length - 10} more` : shown;
}
function boundValue(bound) {
  if (typeof bound === "number") return bound;
  for (const type of ["number", "datetime", "date"]) {
    const coerced = coerceValue(bound, type);
    if (coerced.ok && typeof coerced.value === "number") return coerced.value;
  }
  return void 0;
}
function less(a, b) {
  const [x, y] = [boundValue(a), boundValue(b)];
  return x !== void 0 && y !== void 0 ? x < y : String(a) < String(b);
}
function sameBound(a, b) {
  return a === b || a !== void 0 && b !== void 0 && boundValue(a) !== void 0 && boundValue(a) === boundValue(b);
}
var ChangeList = class {
  changes = [];
  #column;
  constructor(column) {
    this.#column = column;
  }
  add(kind, breaking, message, notable) {
    const change = { kind, breaking, message };
    if (this.#column !== void 0) change.column = this.#column;
    if (notable) change.notable = true;
    this.changes.push(change);
  }
  /** A lower bound: raising or adding one tightens; lowering or removing loosens. */
  lowerBound(name, before, after) {
    if (sameBound(before, after)) return;
    if (after === void 0) this.add(`${name}_removed`, false, `${name} ${show(before)} removed`);
    else if (before === void 0) this.add(`${name}_added`, true, `${name} ${show(after)} added`);
    else if (less(before, after)) this.add(`${name}_raised`, true, `${name} raised from ${show(before)} to ${show(after)}`);
    else this.add(`${name}_lowered`, false, `${name} lowered from ${show(before)} to ${show(after)}`);
  }
  /** An upper bound: lowering or adding one tightens; raising or removing loosens. */
  upperBound(name, before, after) {
    if (sameBound(before, after)) return;
    if (after === void 0) this.add(`${name}_removed`, false, `${name} ${show(before)} removed`);
    else if (before === void 0) this.add(`${name}_added`, true, `${name} ${show(after)} added`);
    else if (less(after, before)) this.add(`${name}_lowered`, true, `${name} lowered from ${show(before)} to ${show(after)}`);
    else this.add(`${name}_raised`, false, `${name} raised from ${show(before)} to ${show(after)}`);
  }
  /** A policy (ignore < warning < error): a stricter one is breaking. */
  policy(name, before, after) {
    if (before === after) return;
    const stricter = POLICY_RANK[after] > POLICY_RANK[before];
    this.add(`${name}_${stricter ? "stricter" : "looser"}`, stricter, `${name} changed from ${before} to ${after}`);
  }
  /** A set of accepted values: removing one is breaking when `removalBreaks`, adding one is not. */
  acceptedValues(name, before, after, removalBreaks = true) {
    const removed = before.filter((value) => !after.includes(value));
    const added = after.filter((value) => !before.includes(value));
    if (removed.length > 0) this.add(`${name}_value_removed`, removalBreaks, `${name} no longer accepts ${showList(removed)}`);
    if (added.length > 0) this.add(`${name}_value_added`, false, `${name} now accepts ${showList(added)}`);
  }
};
function diffType(list, before, after) {
  if (before === after) return;
  const widening = WIDENINGS[before]?.includes(after) ?? false;
  list.add(widening ? "type_widened" : "type_narrowed", !widening, `type changed from ${before} to ${after}`);
}
function diffEnum(list, before, after) {
  if (before === void 0 && after === void 0) return;
  if (after === void 0) list.add("enum_removed", false, "enum removed: any value is accepted");
  else if (before === void 0) list.add("enum_added", true, `enum added: only ${showList(after)} accepted`);
  else list.acceptedValues("enum", before, after);
}
function diffAliases(list, before, after) {
  for (const [raw, canonical] of Object.entries(before)) {
    if (!(raw in after)) list.add("alias_removed", true, `alias ${show(raw)} \u2192 ${show(canonical)} removed`);
    else if (after[raw] !== canonical)
      list.add("alias_changed", true, `alias ${show(raw)} now maps to ${show(after[raw])} instead of ${show(canonical)}`);
  }
  for (const [raw, canonical] of Object.entries(after)) {
    if (!(raw in before)) list.add("alias_added", false, `alias ${show(raw)} \u2192 ${show(canonical)} added`);
  }
}
function diffFlag(list, name, before, after, tightWhen) {
  if (before === after) return;
  list.add(`${name}_${String(after)}`, after === tightWhen, `${name} changed from ${String(before)} to ${String(after)}`);
}
function diffPii(list, before, after) {
  if (before.pii !== after.pii) {
    const tight = after.pii === "forbid" || after.pii === "hashed";
    list.add("pii_changed", tight, `pii changed from ${before.pii ?? "unset"} to ${after.pii ?? "unset"}`);
  } else if (before.pii === "hashed" && JSON.stringify(before.hashed) !== JSON.stringify(after.hashed)) {
    list.add("hashed_changed", true, `hashed format changed from ${JSON.stringify(before.hashed)} to ${JSON.stringify(after.hashed)}`);
  }
  const added = after.forbidPatterns.filter((regex) => !before.forbidPatterns.includes(regex));
  const removed = before.forbidPatterns.filter((regex) => !after.forbidPatterns.includes(regex));
  if (added.length > 0) list.add("forbid_patterns_added", true, `forbid_patterns ${showList(added)} added`);
  if (removed.length > 0) list.add("forbid_patterns_removed", false, `forbid_patterns ${showList(removed)} removed`);
  if (before.redact !== after.redact)
    list.add(`redact_${String(after.redact)}`, false, `redact changed from ${String(before.redact)} to ${String(after.redact)}`);
}
function diffColumn(before, after) {
  const list = new ChangeList(after.name);
  diffType(list, before.type, after.type);
  diffFlag(list, "required", before.required, after.required, true);
  diffFlag(list, "nullable", before.nullable, after.nullable, false);
  diffFlag(list, "unique", before.unique, after.unique, true);
  diffFlag(list, "allow_empty", before.allowEmpty, after.allowEmpty, false);
  list.upperBound("max_null_share", before.maxNullShare, after.maxNullShare);
  list.lowerBound("min", before.min, after.min);
  list.upperBound("max", before.max, after.max);
  list.lowerBound("exclusive_min", before.exclusiveMin, after.exclusiveMin);
  list.upperBound("exclusive_max", before.exclusiveMax, after.exclusiveMax);
  list.lowerBound("min_length", before.minLength, after.minLength);
  list.upperBound("max_length", before.maxLength, after.maxLength);
  diffEnum(list, before.enum, after.enum);
  if (before.pattern !== after.pattern) {
    if (after.pattern === void 0) list.add("pattern_removed", false, `pattern ${show(before.pattern)} removed`);
    else if (before.pattern === void 0) list.add("pattern_added", true, `pattern ${show(after.pattern)} added`);
    else list.add("pattern_changed", true, `pattern changed from ${show(before.pattern)} to ${show(after.pattern)}`);
  }
  if (before.mostly !== after.mostly) {
    const raised = after.mostly > before.mostly;
    list.add(
      `mostly_${raised ? "raised" : "lowered"}`,
      raised,
      `mostly ${raised ? "raised" : "lowered"} from ${String(before.mostly)} to ${String(after.mostly)}`
    );
  }
  diffPii(list, before, after);
  diffAliases(list, before.aliases, after.aliases);
  if (after.type === "boolean" || before.type === "boolean") {
    list.acceptedValues("true_values", before.trueValues, after.trueValues);
    list.acceptedValues("false_values", before.falseValues, after.falseValues);
  }
  if (before.severity !== after.severity) {
    list.add("severity_changed", after.severity === "error", `severity changed from ${before.severity} to ${after.severity}`);
  }
  const rolesBefore = [...before.roles].sort().join(", ");
  const rolesAfter = [...after.roles].sort().join(", ");
  if (rolesBefore !== rolesAfter) list.add("role_changed", false, `role changed from [${rolesBefore}] to [${rolesAfter}]`, true);
  if ((before.description ?? "") !== (after.description ?? "")) list.add("description_changed", false, "description changed");
  return list.changes;
}
function diffDialect(list, before, after) {
  if (before.delimiter !== after.delimiter)
    list.add("dialect_changed", true, `delimiter changed from ${show(before.delimiter)} to ${show(after.delimiter)}`);
  if (before.quote !== after.quote) list.add("dialect_changed", true, `quote changed from ${show(before.quote)} to ${show(after.quote)}`);
  if (before.trim !== after.trim) list.add("dialect_changed", true, `trim changed from ${String(before.trim)} to ${String(after.trim)}`);
  const removed = before.nullMarkers.filter((marker) => !after.nullMarkers.includes(marker));
  const added = after.nullMarkers.filter((marker) => !before.nullMarkers.includes(marker));
  if (removed.length > 0) list.add("dialect_changed", true, `null markers ${showList(removed)} removed`);
  if (added.length > 0) list.add("dialect_changed", true, `null markers ${showList(added)} added`);
}
function diffSections(old, next) {
  const list = new ChangeList();
  diffDialect(list, old.dialect, next.dialect);
  const [a, b] = [old.dataset, next.dataset];
  list.lowerBound("min_rows", a.minRows, b.minRows);
  list.upperBound("max_rows", a.maxRows, b.maxRows);
  list.upperBound("max_duplicate_share", a.maxDuplicateShare, b.maxDuplicateShare);
  list.lowerBound("min_class_share", a.minClassShare, b.minClassShare);
  list.policy("unknown_columns", a.unknownColumns, b.unknownColumns);
  list.policy("missing_columns", a.missingColumns, b.missingColumns);
  list.policy("single_value_columns", a.singleValueColumns, b.singleValueColumns);
  const [h, k] = [old.hygiene, next.hygiene];
  list.upperBound("max_test_in_train_share", h.maxTestInTrainShare, k.maxTestInTrainShare);
  list.policy("conflicting_labels", h.conflictingLabels, k.conflictingLabels);
  list.policy("unseen_target_classes", h.unseenTargetClasses, k.unseenTargetClasses);
  list.policy("unseen_categories", h.unseenCategories, k.unseenCategories);
  diffKAnonymity(list, old.kAnonymity, next.kAnonymity);
  return list.changes;
}
function diffKAnonymity(list, before, after) {
  if (before === void 0 && after === void 0) return;
  if (before === void 0) {
    list.add("k_anonymity_added", after.severity === "error", `k_anonymity added (k = ${after.k})`);
    return;
  }
  if (after === void 0) {
    list.add("k_anonymity_removed", false, "k_anonymity removed");
    return;
  }
  list.lowerBound("k_anonymity.k", before.k, after.k);
  list.upperBound("k_anonymity.max_share", before.maxShare, after.maxShare);
  const added = after.quasiIdentifiers.filter((name) => !before.quasiIdentifiers.includes(name));
  const removed = before.quasiIdentifiers.filter((name) => !after.quasiIdentifiers.includes(name));
  if (added.length > 0) list.add("k_anonymity.quasi_identifiers_added", true, `quasi-identifiers ${showList(added)} added to k_anonymity`);
  if (removed.length > 0)
    list.add("k_anonymity.quasi_identifiers_removed", false, `quasi-identifiers ${showList(removed)} removed from k_anonymity`);
  if (before.severity !== after.severity)
    list.add(
      "k_anonymity.severity_changed",
      after.severity === "error",
      `k_anonymity severity changed from ${before.severity} to ${after.severity}`
    );
}
function diffContracts(old, next) {
  const changes = diffSections(old, next);
  const nextByName = new Map(next.columns.map((column) => [column.name, column]));
  const oldNames = new Set(old.columns.map((column) => column.name));
  for (const column of old.columns) {
    const after = nextByName.get(column.name);
    if (after === void 0) {
      changes.push({ column: column.name, kind: "column_removed", breaking: true, message: "column removed" });
    } else {
      changes.push(...diffColumn(column, after));
    }
  }
  for (const column of next.columns) {
    if (oldNames.has(column.name)) continue;
    const breaking = column.required;
    const what = column.required ? column.nullable ? "required" : "required, non-nullable" : "optional";
    changes.push({ column: column.name, kind: "column_added", breaking, message: `${what} ${column.type} column added` });
  }
  return { breaking: changes.some((change) => change.breaking), changes };
}
function renderContractDiffMarkdown(diff) {
  if (diff.changes.length === 0) return "### Data contract changes\n\nNo changes to the data contract.";
  const breakingCount = diff.changes.filter((change) => change.breaking).length;
  const verdict = diff.breaking ? `\u{1F4A5} **${String(breakingCount)} breaking change${breakingCount === 1 ? "" : "s"}**: data that passed the old contract may fail the new one.` : "\u2705 No breaking changes: data that passed the old contract still passes.";
  const ordered = [...diff.changes].sort((a, b) => Number(b.breaking) - Number(a.breaking));
  const rows = ordered.map((change) => [
    change.breaking ? "\u{1F4A5}" : "\u2705",
    change.column === void 0 ? "\u2014" : code(change.column),
    code(change.kind),
    escapeMarkdown(change.message)
  ]);
  return `### Data contract changes

${verdict}

${table(["", "Column", "Change", "Details"], rows, { maxRows: 200 })}`;
}

export {
  diffContracts,
  renderContractDiffMarkdown
};
