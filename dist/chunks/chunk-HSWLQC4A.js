import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_CONFIG_FILE,
  coerceValue,
  loadContract,
  pick,
  requireSetting,
  validateData
} from "./chunk-FHT24X3I.js";
import {
  OutputSet
} from "./chunk-WZPDVDLB.js";
import {
  code,
  details,
  escapeMarkdown,
  formatNumber,
  formatPercent,
  sections,
  statusIcon,
  table
} from "./chunk-HORU62ZZ.js";
import {
  UserError
} from "./chunk-FVCB3CXZ.js";

// src/config/validate-settings.ts
var DEFAULT_REPORT_DIR = ".modelship/reports";
function labelDatasets(files, train, test) {
  if (train !== void 0 || test !== void 0) {
    const datasets = [];
    if (train !== void 0) datasets.push({ label: "train", path: train });
    if (test !== void 0) datasets.push({ label: "test", path: test });
    return datasets;
  }
  if (files.length === 1) return [{ label: "data", path: files[0] }];
  if (files.length === 2) return [
    { label: "train", path: files[0] },
    { label: "test", path: files[1] }
  ];
  throw new UserError(`give one data file, or two (train and test), not ${files.length}`, { hint: "validate other files in separate steps, or merge them first" });
}
function resolveValidateSettings(explicit, loaded) {
  const config = loaded.config;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const contractPath = requireSetting(pick(explicit.contract, fromConfig(config?.validate?.contract), fromConfig(config?.data?.contract)), {
    input: "contract",
    flag: "--contract",
    config: "data.contract"
  });
  let datasets;
  if (explicit.train !== void 0 || explicit.test !== void 0 || (explicit.data?.length ?? 0) > 0) {
    datasets = labelDatasets(explicit.data ?? [], explicit.train, explicit.test);
  } else if (config?.validate?.data !== void 0) {
    datasets = labelDatasets(config.validate.data.map((path) => loaded.resolvePath(path)));
  } else if (config?.data?.train !== void 0 || config?.data?.test !== void 0) {
    datasets = labelDatasets([], fromConfig(config.data.train), fromConfig(config.data.test));
  } else {
    throw new UserError("no data files given", { hint: `pass data files (the \`data\` input or CLI arguments), or set data.train in ${DEFAULT_CONFIG_FILE}` });
  }
  return {
    contractPath,
    datasets,
    baseContractPath: pick(explicit.baseContract, fromConfig(config?.validate?.base_contract)),
    failOn: pick(explicit.failOn, config?.validate?.fail_on) ?? "error",
    maxExamples: pick(explicit.maxExamples, config?.validate?.max_examples) ?? 5,
    maxAnnotations: pick(explicit.maxAnnotations, config?.validate?.max_annotations) ?? 10,
    reportDir: pick(explicit.reportDir, fromConfig(config?.validate?.report_dir)) ?? DEFAULT_REPORT_DIR
  };
}

// src/data/data-validation.ts
import { join } from "node:path";

// src/report/validation-markdown.ts
function checkName(check, several) {
  const name = check.column === void 0 ? code(check.check) : `${code(check.column)} ${escapeMarkdown(check.check)}`;
  return several ? `${escapeMarkdown(check.dataset)}: ${name}` : name;
}
function failingCell(check) {
  if (check.total === 0) return formatNumber(check.failing);
  return `${formatNumber(check.failing)} / ${formatNumber(check.total)} (${formatPercent(check.share ?? check.failing / check.total, 2)})`;
}
function examplesBlock(checks) {
  const withExamples = checks.filter((check) => check.examples.length > 0);
  if (withExamples.length === 0) return void 0;
  const lines = [];
  for (const check of withExamples) {
    lines.push(`**${check.column === void 0 ? escapeMarkdown(check.check) : `${escapeMarkdown(check.column)} \xB7 ${escapeMarkdown(check.check)}`}**`, "");
    for (const example of check.examples) {
      const where = example.line === void 0 ? example.file : `${example.file}:${example.line}`;
      lines.push(`- ${code(where)} ${escapeMarkdown(example.message)}`);
    }
    if (check.failing > check.examples.length) lines.push(`- \u2026 ${formatNumber(check.failing - check.examples.length)} more`);
    lines.push("");
  }
  return details(`First failing values (${withExamples.length} check${withExamples.length === 1 ? "" : "s"})`, lines.join("\n").trim(), true);
}
function renderValidationMarkdown(report, options = {}) {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const { summary } = report;
  const several = report.datasets.length > 1;
  const verdict = report.passed ? `${statusIcon(summary.warnings > 0 ? "warn" : "pass")} **Data validation passed**${summary.warnings > 0 ? ` with ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}` : `${statusIcon("fail")} **Data validation failed**: ${summary.errors} error${summary.errors === 1 ? "" : "s"}${summary.warnings > 0 ? `, ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}`;
  const datasets = table(
    ["dataset", "file", "format", "rows", "columns", "sha256"],
    report.datasets.map((dataset) => [escapeMarkdown(dataset.label), code(dataset.path), dataset.format, formatNumber(dataset.rows), formatNumber(dataset.columns.length), code(dataset.sha256.slice(0, 12))]),
    { align: ["left", "left", "left", "right", "right", "left"] }
  );
  const problems = report.checks.filter((check) => check.status === "fail" || check.status === "warn");
  const passing = report.checks.filter((check) => check.status === "pass" || check.status === "skip");
  const problemTable = problems.length === 0 ? void 0 : table(
    ["", "check", "failing", "threshold", "what is wrong"],
    problems.map((check) => [statusIcon(check.status), checkName(check, several), failingCell(check), check.threshold === void 0 ? "" : escapeMarkdown(check.threshold), escapeMarkdown(check.message)]),
    { align: ["center", "left", "right", "left", "left"], maxRows: 100 }
  );
  const passingTable = passing.length === 0 ? void 0 : details(
    `${passing.length} check${passing.length === 1 ? "" : "s"} passed or skipped`,
    table(
      ["", "check", "checked", "threshold"],
      passing.map((check) => [statusIcon(check.status), checkName(check, several), formatNumber(check.total), check.threshold === void 0 ? "" : escapeMarkdown(check.threshold)]),
      { align: ["center", "left", "right", "left"], maxRows: 300 }
    )
  );
  const footer = [
    `Contract ${code(report.contract.path)} (${code(report.contract.sha256.slice(0, 12))})`,
    options.reportPath === void 0 ? void 0 : `full report ${code(options.reportPath)}`,
    options.runUrl === void 0 ? void 0 : `[workflow run](${options.runUrl})`,
    `modelship ${report.tool.version}`
  ].filter((part) => part !== void 0).join(" \xB7 ");
  return sections(
    `${hashes} Data validation`,
    verdict,
    datasets,
    problemTable,
    examplesBlock(problems),
    report.truncated ? `_Examples were capped; the JSON report lists every check._` : void 0,
    options.contractDiff === void 0 ? void 0 : `${hashes}# Contract changes

${options.contractDiff}`,
    passingTable,
    `<sub>${footer}</sub>`
  );
}

// src/data/contract-diff.ts
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
    else if (after[raw] !== canonical) list.add("alias_changed", true, `alias ${show(raw)} now maps to ${show(after[raw])} instead of ${show(canonical)}`);
  }
  for (const [raw, canonical] of Object.entries(after)) {
    if (!(raw in before)) list.add("alias_added", false, `alias ${show(raw)} \u2192 ${show(canonical)} added`);
  }
}
function diffFlag(list, name, before, after, tightWhen) {
  if (before === after) return;
  list.add(`${name}_${String(after)}`, after === tightWhen, `${name} changed from ${String(before)} to ${String(after)}`);
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
    list.add(`mostly_${raised ? "raised" : "lowered"}`, raised, `mostly ${raised ? "raised" : "lowered"} from ${String(before.mostly)} to ${String(after.mostly)}`);
  }
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
  if (before.delimiter !== after.delimiter) list.add("dialect_changed", true, `delimiter changed from ${show(before.delimiter)} to ${show(after.delimiter)}`);
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
  return list.changes;
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

// src/data/data-validation.ts
function passesPolicy(report, failOn) {
  if (failOn === "never") return true;
  if (failOn === "warning") return report.summary.errors === 0 && report.summary.warnings === 0;
  return report.summary.errors === 0;
}
async function runDataValidation(options) {
  const { logger } = options;
  const contract = await loadContract(options.contractPath);
  let contractDiff;
  if (options.baseContractPath !== void 0) {
    const base = await loadContract(options.baseContractPath);
    contractDiff = diffContracts(base, contract);
    if (contractDiff.changes.length > 0) {
      logger.info(`Contract changed: ${contractDiff.changes.length} change(s), ${contractDiff.breaking ? "some breaking" : "none breaking"}.`);
    }
  }
  const report = await logger.group(
    "Validate data against the contract",
    () => validateData({ contract, datasets: options.datasets, maxExamples: options.maxExamples, logger, toolVersion: options.toolVersion })
  );
  let annotated = 0;
  const several = report.datasets.length > 1;
  for (const check of report.checks) {
    if (check.status !== "fail" && check.status !== "warn") continue;
    const title = `modelship: ${several ? `${check.dataset} ` : ""}${[check.column, check.check].filter((part) => part !== void 0).join(" ")}`;
    const annotate = (message, properties) => {
      if (check.status === "fail") logger.error(message, properties);
      else logger.warning(message, properties);
      annotated++;
    };
    for (const example of check.examples) {
      if (annotated >= options.maxAnnotations) break;
      annotate(example.message, { title, file: example.file, startLine: example.line });
    }
    if (check.examples.length === 0 && annotated < options.maxAnnotations) {
      annotate(check.message, { title, file: report.datasets.find((dataset) => dataset.label === check.dataset)?.path });
    }
  }
  const reportPath = join(options.reportDir, "validation-report.json");
  const markdownPath = join(options.reportDir, "validation-report.md");
  const markdown = renderValidationMarkdown(report, {
    contractDiff: contractDiff && contractDiff.changes.length > 0 ? renderContractDiffMarkdown(contractDiff) : void 0,
    reportPath,
    runUrl: options.runUrl
  });
  const outputs = new OutputSet();
  outputs.add(reportPath, `${JSON.stringify(report, null, 2)}
`);
  outputs.add(markdownPath, `${markdown}
`);
  await outputs.commit();
  return {
    report,
    markdown,
    reportPath,
    markdownPath,
    contractDiff,
    passed: passesPolicy(report, options.failOn),
    errors: report.summary.errors,
    warnings: report.summary.warnings
  };
}

export {
  resolveValidateSettings,
  diffContracts,
  renderContractDiffMarkdown,
  runDataValidation
};
