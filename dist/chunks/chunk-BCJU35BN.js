import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  mark,
  percent,
  printable,
  significant
} from "./chunk-WW4KD5R5.js";
import {
  paint,
  plural
} from "./chunk-U5WQZHIB.js";

// src/data/contract/contract-diff-text.ts
function changeLine(change, options) {
  const subject = change.column === void 0 ? "" : `column ${printable(change.column)}: `;
  const status = change.breaking ? "fail" : change.notable === true ? "warn" : "info";
  return `  ${mark(options, status)} ${subject}${printable(change.message)} ${paint(options, "dim", `(${printable(change.kind)})`)}`;
}
function renderContractDiffText(diff, options) {
  if (diff.changes.length === 0) return `${mark(options, "pass")} No changes to the data contract.`;
  const breaking = diff.changes.filter((change) => change.breaking);
  const notable = diff.changes.filter((change) => !change.breaking && change.notable === true);
  const other = diff.changes.filter((change) => !change.breaking && change.notable !== true);
  const lines = breaking.length > 0 ? [
    `${mark(options, "fail")} ${paint(options, "bold", `${plural(breaking.length, "breaking change")} to the data contract`)}: data that passed the old contract may fail the new one`
  ] : [
    `${mark(options, "pass")} ${paint(options, "bold", `${plural(diff.changes.length, "change")} to the data contract, none breaking`)}: data that passed the old contract still passes`
  ];
  lines.push(...breaking.map((change) => changeLine(change, options)));
  if (options.quiet) return lines.join("\n");
  lines.push(...notable.map((change) => changeLine(change, options)));
  if (options.verbose) lines.push(...other.map((change) => changeLine(change, options)));
  else if (other.length > 0 && (breaking.length > 0 || notable.length > 0))
    lines.push(paint(options, "dim", `  ${plural(other.length, "other change")}, none breaking (-v lists them)`));
  else if (other.length > 0) lines.push(...other.slice(0, 10).map((change) => changeLine(change, options)));
  if (!options.verbose && breaking.length === 0 && notable.length === 0 && other.length > 10)
    lines.push(`  \u2026 and ${other.length - 10} more (-v lists them)`);
  return lines.join("\n");
}

// src/data/profile/profile-text.ts
function sources(profile) {
  const paths = profile.datasets.map((dataset) => printable(dataset.path));
  return paths.length <= 2 ? paths.join(" and ") : plural(paths.length, "file");
}
function columnLine(name, column, options) {
  const nulls = column.nulls > 0 ? `, ${column.nulls.toLocaleString("en-US")} null (${percent(column.nulls / Math.max(1, column.count))})` : "";
  const invalid = column.invalid > 0 ? `, ${column.invalid.toLocaleString("en-US")} invalid` : "";
  let detail;
  if (column.kind === "numeric") {
    detail = column.mean === null ? "no valid value" : `min ${significant(column.min)}, mean ${significant(column.mean)}, max ${significant(column.max)}`;
  } else {
    const top = column.counts[0];
    const share = top === void 0 || column.valid === 0 ? "" : ` (${percent(top.count / column.valid)})`;
    detail = `${plural(column.distinct, "distinct value")}${column.capped ? "+" : ""}${top === void 0 ? "" : `, most often ${printable(JSON.stringify(top.value))}${share}`}`;
  }
  return `  ${paint(options, "bold", printable(name))} ${paint(options, "dim", column.type)}: ${detail}${nulls}${invalid}`;
}
function renderProfileText(result, options) {
  const { profile } = result;
  const columns = Object.entries(profile.columns);
  const numeric = columns.filter(([, column]) => column.kind === "numeric").length;
  const written = result.output === void 0 ? "" : ` \u2192 ${paint(options, "cyan", printable(result.output))}`;
  const lines = [
    `${mark(options, "pass")} ${paint(options, "bold", `Profiled ${plural(profile.rows, "row")}`)} of ${sources(profile)}: ${plural(columns.length, "column")} (${numeric} numeric, ${columns.length - numeric} categorical)${written}`
  ];
  if (options.quiet) return lines.join("\n");
  const invalid = columns.filter(([, column]) => column.invalid > 0);
  if (invalid.length > 0) {
    const named = invalid.slice(0, 5).map(([name, column]) => `${printable(name)} (${column.invalid.toLocaleString("en-US")})`);
    const more = invalid.length > 5 ? ` and ${invalid.length - 5} more` : "";
    lines.push(`${mark(options, "warn")} ${plural(invalid.length, "column")} with values not of their type: ${named.join(", ")}${more}`);
  }
  if (profile.agreement !== void 0) {
    const { target, prediction, rows, agree } = profile.agreement;
    lines.push(
      `  ${printable(prediction)} agrees with ${printable(target)} on ${agree.toLocaleString("en-US")} of ${plural(rows, "row")}${rows > 0 ? ` (${percent(agree / rows)})` : ""}`
    );
  }
  if (options.verbose) lines.push(...columns.map(([name, column]) => columnLine(name, column, options)));
  return lines.join("\n");
}

// src/data/validate/validation-text.ts
var TEXT_EXAMPLES = 2;
var TEXT_PROBLEM_LINES = 18;
function files(datasets) {
  const rows = plural(
    datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
    "row"
  );
  if (datasets.length > 2) return `${datasets.length} files (${rows})`;
  return `${datasets.map((dataset) => printable(dataset.path)).join(" and ")} (${rows})`;
}
function verdict(report, options) {
  const { summary } = report;
  const on = files(report.datasets);
  if (!report.passed) {
    const warned = summary.warnings > 0 ? `, ${summary.warnings} warned` : "";
    return `${mark(options, "fail")} ${paint(options, "bold", "Data validation failed")}: ${summary.errors} of ${plural(summary.checks, "check")} failed${warned} in ${on}`;
  }
  if (summary.warnings > 0)
    return `${mark(options, "warn")} ${paint(options, "bold", "Data validation passed")} with ${plural(summary.warnings, "warning")}: ${plural(summary.checks, "check")} on ${on}`;
  return `${mark(options, "pass")} ${paint(options, "bold", "Data validation passed")}: ${plural(summary.checks, "check")} on ${on}`;
}
function checkName(check, several) {
  const subject = check.column === void 0 ? check.scope : `column ${printable(check.column)}`;
  return `${several ? `${printable(check.dataset)}: ` : ""}${subject} ${printable(check.check)}`;
}
function counts(check) {
  const share = check.share ?? (check.total > 0 ? check.failing / check.total : void 0);
  const failing = check.total === 0 ? check.failing.toLocaleString("en-US") : `${check.failing.toLocaleString("en-US")} of ${check.total.toLocaleString("en-US")}`;
  const parts = [share === void 0 ? failing : `${failing}, ${percent(share)}`];
  if (check.threshold !== void 0) parts.push(`expected ${printable(check.threshold)}`);
  return parts.join("; ");
}
function problemLines(check, several, options) {
  const status = check.status === "fail" ? "fail" : "warn";
  const head = `${mark(options, status)} ${paint(options, "bold", checkName(check, several))}: ${printable(check.message)} (${counts(check)})`;
  const lines = [head];
  if (check.pii !== void 0) {
    for (const finding of check.pii.findings) {
      const name = finding.pattern === void 0 ? finding.detector : `${finding.detector} ${finding.pattern}`;
      lines.push(
        `    ${printable(name)}: ${plural(finding.count, "value")} (${percent(finding.share)}), line${finding.lines.length === 1 ? "" : "s"} ${finding.lines.join(", ")}${finding.count > finding.lines.length ? ", \u2026" : ""}`
      );
    }
    return lines;
  }
  const shown = options.verbose ? check.examples : check.examples.slice(0, TEXT_EXAMPLES);
  for (const example of shown) {
    const where = example.line === void 0 ? example.file : `${example.file}:${example.line}`;
    lines.push(`    ${paint(options, "cyan", printable(where))}  ${printable(example.message)}`);
  }
  const more = check.failing - shown.length;
  if (more > 0 && shown.length > 0) lines.push(paint(options, "dim", `    \u2026 ${more.toLocaleString("en-US")} more`));
  for (const entry of check.kAnonymity?.dropped ?? [])
    lines.push(
      `    without ${printable(entry.column)}: ${entry.rowsAtRisk.toLocaleString("en-US")} rows at risk (${percent(entry.shareAtRisk)})${entry.exact ? "" : " at most"}`
    );
  return lines;
}
function passingLine(check, several, options) {
  const threshold = check.threshold === void 0 ? "" : `, expected ${printable(check.threshold)}`;
  const skipped = check.status === "skip" ? ` skipped: ${printable(check.message)}` : "";
  return `  ${mark(options, check.status === "skip" ? "skip" : "pass")} ${checkName(check, several)} (${check.total.toLocaleString("en-US")} checked${threshold})${skipped}`;
}
function renderValidationText(report, options, extra = {}) {
  const several = report.datasets.length > 1;
  const problems = [
    ...report.checks.filter((check) => check.status === "fail"),
    // -q: only failures (the verdict still counts the warnings).
    ...options.quiet ? [] : report.checks.filter((check) => check.status === "warn")
  ];
  const lines = [verdict(report, options)];
  if (options.verbose) {
    for (const check of problems) lines.push(...problemLines(check, several, options));
  } else {
    let used = 0;
    let shown = 0;
    for (const check of problems) {
      const block = problemLines(check, several, options);
      if (shown > 0 && used + block.length > TEXT_PROBLEM_LINES) break;
      lines.push(...block);
      used += block.length;
      shown++;
    }
    if (shown < problems.length)
      lines.push(
        `\u2026 and ${problems.length - shown} more ${options.quiet ? "failed" : "failed or warned"} ${problems.length - shown === 1 ? "check" : "checks"} (see the JSON report)`
      );
  }
  const diff = extra.contractDiff;
  if (diff !== void 0 && (diff.breaking || !options.quiet && diff.changes.length > 0 || options.verbose)) {
    lines.push(...renderContractDiffText(diff, options).split("\n"));
  }
  if (!options.quiet) {
    const passing = report.checks.filter((check) => check.status === "pass" || check.status === "skip");
    if (passing.length > 0 && problems.length > 0) {
      const skipped = report.summary.skipped > 0 ? `, ${report.summary.skipped} skipped` : "";
      lines.push(paint(options, "dim", `${plural(report.summary.passed, "check")} passed${skipped}${options.verbose ? ":" : ""}`));
    } else if (options.verbose && passing.length > 0) {
      lines.push("Checks:");
    }
    if (options.verbose) lines.push(...passing.map((check) => passingLine(check, several, options)));
  }
  return lines.join("\n");
}

export {
  renderContractDiffText,
  renderProfileText,
  renderValidationText
};
