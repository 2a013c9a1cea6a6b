/**
 * What changed between two versions of a data contract, and whether data that passed the old one
 * could now fail (breaking). A pull request that edits `contract.yaml` gets this as a comment, so
 * reviewers see at a glance which edits tighten the contract.
 */
import { code, escapeMarkdown, table } from "../../common/markdown.ts";
import { coerceValue } from "./coerce.ts";
import type { ColumnContract, ColumnPolicy, ColumnType, DataContract } from "./contract-types.ts";

export interface ContractChange {
  /** The column the change is about; absent for dialect, dataset and hygiene changes. */
  column?: string;
  /** A short machine-readable name, e.g. `column_removed`, `min_raised`, `enum_value_added`. */
  kind: string;
  /** Data that passed the old contract may fail the new one. */
  breaking: boolean;
  /** Worth a reviewer's look though not breaking (e.g. a role change); the message says why. */
  notable?: boolean;
  /** One sentence for people. */
  message: string;
}

export interface ContractDiff {
  /** True when any change is breaking. */
  breaking: boolean;
  changes: ContractChange[];
}

type Bound = number | string | undefined;

// Types whose values every value of the key type also parses as; any other change narrows.
const WIDENINGS: Partial<Record<ColumnType, ColumnType[]>> = {
  integer: ["number", "string"],
  number: ["string"],
  boolean: ["string"],
  date: ["string"],
  datetime: ["string"],
  categorical: ["string"],
};

const POLICY_RANK: Record<ColumnPolicy, number> = { ignore: 0, warning: 1, error: 2 };

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function showList(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map(show).join(", ");
  return values.length > 10 ? `${shown} and ${values.length - 10} more` : shown;
}

// A bound as the value it stands for: a quoted number is still a number ("10" > 9), and a
// date-time is an instant (text order is wrong across offsets), parsed as the validator parses it.
function boundValue(bound: number | string): number | undefined {
  if (typeof bound === "number") return bound;
  for (const type of ["number", "datetime", "date"] as const) {
    const coerced = coerceValue(bound, type);
    if (coerced.ok && typeof coerced.value === "number") return coerced.value;
  }
  return undefined;
}

function less(a: number | string, b: number | string): boolean {
  const [x, y] = [boundValue(a), boundValue(b)];
  return x !== undefined && y !== undefined ? x < y : String(a) < String(b);
}

// 9 and "9" are the same bound written two ways: no change.
function sameBound(a: Bound, b: Bound): boolean {
  return a === b || (a !== undefined && b !== undefined && boundValue(a) !== undefined && boundValue(a) === boundValue(b));
}

/** Collects changes for one subject (a column or the contract's top-level sections). */
class ChangeList {
  readonly changes: ContractChange[] = [];
  readonly #column: string | undefined;

  constructor(column?: string) {
    this.#column = column;
  }

  add(kind: string, breaking: boolean, message: string, notable?: boolean): void {
    const change: ContractChange = { kind, breaking, message };
    if (this.#column !== undefined) change.column = this.#column;
    if (notable) change.notable = true;
    this.changes.push(change);
  }

  /** A lower bound: raising or adding one tightens; lowering or removing loosens. */
  lowerBound(name: string, before: Bound, after: Bound): void {
    if (sameBound(before, after)) return;
    if (after === undefined) this.add(`${name}_removed`, false, `${name} ${show(before)} removed`);
    else if (before === undefined) this.add(`${name}_added`, true, `${name} ${show(after)} added`);
    else if (less(before, after)) this.add(`${name}_raised`, true, `${name} raised from ${show(before)} to ${show(after)}`);
    else this.add(`${name}_lowered`, false, `${name} lowered from ${show(before)} to ${show(after)}`);
  }

  /** An upper bound: lowering or adding one tightens; raising or removing loosens. */
  upperBound(name: string, before: Bound, after: Bound): void {
    if (sameBound(before, after)) return;
    if (after === undefined) this.add(`${name}_removed`, false, `${name} ${show(before)} removed`);
    else if (before === undefined) this.add(`${name}_added`, true, `${name} ${show(after)} added`);
    else if (less(after, before)) this.add(`${name}_lowered`, true, `${name} lowered from ${show(before)} to ${show(after)}`);
    else this.add(`${name}_raised`, false, `${name} raised from ${show(before)} to ${show(after)}`);
  }

  /** A policy (ignore < warning < error): a stricter one is breaking. */
  policy(name: string, before: ColumnPolicy, after: ColumnPolicy): void {
    if (before === after) return;
    const stricter = POLICY_RANK[after] > POLICY_RANK[before];
    this.add(`${name}_${stricter ? "stricter" : "looser"}`, stricter, `${name} changed from ${before} to ${after}`);
  }

  /** A set of accepted values: removing one is breaking when `removalBreaks`, adding one is not. */
  acceptedValues(name: string, before: readonly unknown[], after: readonly unknown[], removalBreaks = true): void {
    const removed = before.filter((value) => !after.includes(value));
    const added = after.filter((value) => !before.includes(value));
    if (removed.length > 0) this.add(`${name}_value_removed`, removalBreaks, `${name} no longer accepts ${showList(removed)}`);
    if (added.length > 0) this.add(`${name}_value_added`, false, `${name} now accepts ${showList(added)}`);
  }
}

function diffType(list: ChangeList, before: ColumnType, after: ColumnType): void {
  if (before === after) return;
  const widening = WIDENINGS[before]?.includes(after) ?? false;
  list.add(widening ? "type_widened" : "type_narrowed", !widening, `type changed from ${before} to ${after}`);
}

function diffEnum(list: ChangeList, before: ColumnContract["enum"], after: ColumnContract["enum"]): void {
  if (before === undefined && after === undefined) return;
  if (after === undefined) list.add("enum_removed", false, "enum removed: any value is accepted");
  else if (before === undefined) list.add("enum_added", true, `enum added: only ${showList(after)} accepted`);
  else list.acceptedValues("enum", before, after);
}

function diffAliases(list: ChangeList, before: Record<string, string>, after: Record<string, string>): void {
  for (const [raw, canonical] of Object.entries(before)) {
    if (!(raw in after)) list.add("alias_removed", true, `alias ${show(raw)} → ${show(canonical)} removed`);
    else if (after[raw] !== canonical)
      list.add("alias_changed", true, `alias ${show(raw)} now maps to ${show(after[raw])} instead of ${show(canonical)}`);
  }
  for (const [raw, canonical] of Object.entries(after)) {
    if (!(raw in before)) list.add("alias_added", false, `alias ${show(raw)} → ${show(canonical)} added`);
  }
}

function diffFlag(list: ChangeList, name: string, before: boolean, after: boolean, tightWhen: boolean): void {
  if (before === after) return;
  list.add(`${name}_${String(after)}`, after === tightWhen, `${name} changed from ${String(before)} to ${String(after)}`);
}

/** pii, hashed, forbid_patterns, redact: forbidding or requiring a hash tightens, a new forbidden pattern too; redact only changes outputs. */
function diffPii(list: ChangeList, before: ColumnContract, after: ColumnContract): void {
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
  // Redaction changes what outputs show, never whether data passes.
  if (before.redact !== after.redact)
    list.add(`redact_${String(after.redact)}`, false, `redact changed from ${String(before.redact)} to ${String(after.redact)}`);
}

function diffColumn(before: ColumnContract, after: ColumnContract): ContractChange[] {
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
    if (after.pattern === undefined) list.add("pattern_removed", false, `pattern ${show(before.pattern)} removed`);
    else if (before.pattern === undefined) list.add("pattern_added", true, `pattern ${show(after.pattern)} added`);
    else list.add("pattern_changed", true, `pattern changed from ${show(before.pattern)} to ${show(after.pattern)}`);
  }
  if (before.mostly !== after.mostly) {
    const raised = after.mostly > before.mostly;
    list.add(
      `mostly_${raised ? "raised" : "lowered"}`,
      raised,
      `mostly ${raised ? "raised" : "lowered"} from ${String(before.mostly)} to ${String(after.mostly)}`,
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

function diffDialect(list: ChangeList, before: DataContract["dialect"], after: DataContract["dialect"]): void {
  // Reading rules change what every cell is, so any dialect change can turn passing data into failing data.
  if (before.delimiter !== after.delimiter)
    list.add("dialect_changed", true, `delimiter changed from ${show(before.delimiter)} to ${show(after.delimiter)}`);
  if (before.quote !== after.quote) list.add("dialect_changed", true, `quote changed from ${show(before.quote)} to ${show(after.quote)}`);
  if (before.trim !== after.trim) list.add("dialect_changed", true, `trim changed from ${String(before.trim)} to ${String(after.trim)}`);
  const removed = before.nullMarkers.filter((marker) => !after.nullMarkers.includes(marker));
  const added = after.nullMarkers.filter((marker) => !before.nullMarkers.includes(marker));
  if (removed.length > 0) list.add("dialect_changed", true, `null markers ${showList(removed)} removed`);
  if (added.length > 0) list.add("dialect_changed", true, `null markers ${showList(added)} added`);
}

function diffSections(old: DataContract, next: DataContract): ContractChange[] {
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

/** k_anonymity: a larger k, a smaller max_share, more quasi-identifiers (finer classes) or a stricter severity tighten it. */
function diffKAnonymity(list: ChangeList, before: DataContract["kAnonymity"], after: DataContract["kAnonymity"]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    list.add("k_anonymity_added", after!.severity === "error", `k_anonymity added (k = ${after!.k})`);
    return;
  }
  if (after === undefined) {
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
      `k_anonymity severity changed from ${before.severity} to ${after.severity}`,
    );
}

/** Classifies every difference between two contracts as breaking (data that passed may now fail) or not. */
export function diffContracts(old: DataContract, next: DataContract): ContractDiff {
  const changes = diffSections(old, next);
  const nextByName = new Map(next.columns.map((column) => [column.name, column]));
  const oldNames = new Set(old.columns.map((column) => column.name));
  for (const column of old.columns) {
    const after = nextByName.get(column.name);
    if (after === undefined) {
      // Data with the column now meets unknown_columns; consumers of the column lose it.
      changes.push({ column: column.name, kind: "column_removed", breaking: true, message: "column removed" });
    } else {
      changes.push(...diffColumn(column, after));
    }
  }
  for (const column of next.columns) {
    if (oldNames.has(column.name)) continue;
    // A required column is one existing data does not have yet, nullable or not.
    const breaking = column.required;
    const what = column.required ? (column.nullable ? "required" : "required, non-nullable") : "optional";
    changes.push({ column: column.name, kind: "column_added", breaking, message: `${what} ${column.type} column added` });
  }
  return { breaking: changes.some((change) => change.breaking), changes };
}

/** Renders a contract diff as a markdown section: a verdict line and one table row per change. */
export function renderContractDiffMarkdown(diff: ContractDiff): string {
  if (diff.changes.length === 0) return "### Data contract changes\n\nNo changes to the data contract.";
  const breakingCount = diff.changes.filter((change) => change.breaking).length;
  const verdict = diff.breaking
    ? `💥 **${String(breakingCount)} breaking change${breakingCount === 1 ? "" : "s"}**: data that passed the old contract may fail the new one.`
    : "✅ No breaking changes: data that passed the old contract still passes.";
  // Breaking rows first so they survive truncation and catch the eye.
  const ordered = [...diff.changes].sort((a, b) => Number(b.breaking) - Number(a.breaking));
  const rows = ordered.map((change) => [
    change.breaking ? "💥" : "✅",
    change.column === undefined ? "—" : code(change.column),
    code(change.kind),
    escapeMarkdown(change.message),
  ]);
  return `### Data contract changes\n\n${verdict}\n\n${table(["", "Column", "Change", "Details"], rows, { maxRows: 200 })}`;
}
