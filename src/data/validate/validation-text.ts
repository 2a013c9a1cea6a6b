/**
 * The validation report as plain text for a terminal: the verdict first, then each failed and
 * warned check with its column, how many rows failed and where (file:line of the first failing
 * values), then how many passed (each one with `verbose`). The markdown (validation-markdown.ts) stays
 * the PR comment's; this is what a person at a terminal reads, so it fits one screen.
 */
import { mark, percent, printable } from "../../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../../common/text-style.ts";
import { renderContractDiffText } from "../contract/contract-diff-text.ts";
import type { ContractDiff } from "../contract/contract-diff.ts";
import type { CheckResult, DatasetSummary, ValidationReport } from "./validation-report-types.ts";

/** Failing values shown per check by default (all the report holds with `verbose`). */
export const TEXT_EXAMPLES = 2;
/** Lines the failed and warned checks may take by default, so the whole text fits one screen. */
export const TEXT_PROBLEM_LINES = 18;

/** `data/train.csv (4,000 rows)`, `a.csv and b.csv (5,500 rows)`, or `3 files (…)` past two. */
function files(datasets: readonly DatasetSummary[]): string {
  const rows = plural(
    datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
    "row",
  );
  if (datasets.length > 2) return `${datasets.length} files (${rows})`;
  return `${datasets.map((dataset) => printable(dataset.path)).join(" and ")} (${rows})`;
}

function verdict(report: ValidationReport, options: TextOptions): string {
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

/** `age type`, `dataset min_rows`, with the dataset's label first when the report has several. */
function checkName(check: CheckResult, several: boolean): string {
  const subject = check.column === undefined ? check.scope : `column ${printable(check.column)}`;
  return `${several ? `${printable(check.dataset)}: ` : ""}${subject} ${printable(check.check)}`;
}

function counts(check: CheckResult): string {
  const share = check.share ?? (check.total > 0 ? check.failing / check.total : undefined);
  const failing =
    check.total === 0
      ? check.failing.toLocaleString("en-US")
      : `${check.failing.toLocaleString("en-US")} of ${check.total.toLocaleString("en-US")}`;
  const parts = [share === undefined ? failing : `${failing}, ${percent(share)}`];
  if (check.threshold !== undefined) parts.push(`expected ${printable(check.threshold)}`);
  return parts.join("; ");
}

/** One check's lines: the check, then its first failing values as `file:line  message`. */
function problemLines(check: CheckResult, several: boolean, options: TextOptions): string[] {
  const status = check.status === "fail" ? "fail" : "warn";
  const head = `${mark(options, status)} ${paint(options, "bold", checkName(check, several))}: ${printable(check.message)} (${counts(check)})`;
  const lines = [head];
  if (check.pii !== undefined) {
    // Personal data: per detector, how many values and the first lines; never the values.
    for (const finding of check.pii.findings) {
      const name = finding.pattern === undefined ? finding.detector : `${finding.detector} ${finding.pattern}`;
      lines.push(
        `    ${printable(name)}: ${plural(finding.count, "value")} (${percent(finding.share)}), line${finding.lines.length === 1 ? "" : "s"} ${finding.lines.join(", ")}${finding.count > finding.lines.length ? ", …" : ""}`,
      );
    }
    return lines;
  }
  const shown = options.verbose ? check.examples : check.examples.slice(0, TEXT_EXAMPLES);
  for (const example of shown) {
    const where = example.line === undefined ? example.file : `${example.file}:${example.line}`;
    lines.push(`    ${paint(options, "cyan", printable(where))}  ${printable(example.message)}`);
  }
  const more = check.failing - shown.length;
  if (more > 0 && shown.length > 0) lines.push(paint(options, "dim", `    … ${more.toLocaleString("en-US")} more`));
  // k-anonymity: what dropping each quasi-identifier would leave at risk (names and counts, never values).
  for (const entry of check.kAnonymity?.dropped ?? [])
    lines.push(
      `    without ${printable(entry.column)}: ${entry.rowsAtRisk.toLocaleString("en-US")} rows at risk (${percent(entry.shareAtRisk)})${entry.exact ? "" : " at most"}`,
    );
  return lines;
}

function passingLine(check: CheckResult, several: boolean, options: TextOptions): string {
  const threshold = check.threshold === undefined ? "" : `, expected ${printable(check.threshold)}`;
  const skipped = check.status === "skip" ? ` skipped: ${printable(check.message)}` : "";
  return `  ${mark(options, check.status === "skip" ? "skip" : "pass")} ${checkName(check, several)} (${check.total.toLocaleString("en-US")} checked${threshold})${skipped}`;
}

/**
 * The report for a terminal: verdict, failed then warned checks with file:line, the count of
 * checks that passed (`verbose`: each of them), and the contract's changes when given. No report
 * paths: the face names them.
 */
export function renderValidationText(report: ValidationReport, options: TextOptions, extra: { contractDiff?: ContractDiff } = {}): string {
  const several = report.datasets.length > 1;
  const problems = [
    ...report.checks.filter((check) => check.status === "fail"),
    // -q: only failures (the verdict still counts the warnings).
    ...(options.quiet ? [] : report.checks.filter((check) => check.status === "warn")),
  ];
  const lines = [verdict(report, options)];
  if (options.verbose) {
    for (const check of problems) lines.push(...problemLines(check, several, options));
  } else {
    // Whole checks while they fit the budget, then how many more there are.
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
        `… and ${problems.length - shown} more ${options.quiet ? "failed" : "failed or warned"} ${problems.length - shown === 1 ? "check" : "checks"} (see the JSON report)`,
      );
  }
  const diff = extra.contractDiff;
  if (diff !== undefined && (diff.breaking || (!options.quiet && diff.changes.length > 0) || options.verbose)) {
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
