/** Renders a validation report as markdown for the PR comment, the job summary and the CLI. */
import type { CheckResult, KAnonymityFigures, ValidationReport } from "./validation-report-types.ts";
import { code, details, escapeMarkdown, formatNumber, formatPercent, sections, statusIcon, table } from "../../common/markdown.ts";

export interface ValidationMarkdownOptions {
  /** Markdown of the contract diff, when the contract changed. */
  contractDiff?: string;
  /** Where the JSON report is, for the footer. */
  reportPath?: string;
  /** Link to the workflow run, when known. */
  runUrl?: string;
  /** Heading level of the title (default 3, comments read better small). */
  headingLevel?: number;
}

function checkName(check: CheckResult, several: boolean): string {
  const name = check.column === undefined ? code(check.check) : `${code(check.column)} ${escapeMarkdown(check.check)}`;
  return several ? `${escapeMarkdown(check.dataset)}: ${name}` : name;
}

function failingCell(check: CheckResult): string {
  if (check.total === 0) return formatNumber(check.failing);
  return `${formatNumber(check.failing)} / ${formatNumber(check.total)} (${formatPercent(check.share ?? check.failing / check.total, 2)})`;
}

function examplesBlock(checks: CheckResult[]): string | undefined {
  const withExamples = checks.filter((check) => check.examples.length > 0);
  if (withExamples.length === 0) return undefined;
  const lines: string[] = [];
  for (const check of withExamples) {
    lines.push(
      `**${check.column === undefined ? escapeMarkdown(check.check) : `${escapeMarkdown(check.column)} · ${escapeMarkdown(check.check)}`}**`,
      "",
    );
    for (const example of check.examples) {
      const where = example.line === undefined ? example.file : `${example.file}:${example.line}`;
      lines.push(`- ${code(where)} ${escapeMarkdown(example.message)}`);
    }
    if (check.failing > check.examples.length) lines.push(`- … ${formatNumber(check.failing - check.examples.length)} more`);
    lines.push("");
  }
  return details(
    `First failing values (${withExamples.length} check${withExamples.length === 1 ? "" : "s"})`,
    lines.join("\n").trim(),
    true,
  );
}

/**
 * Each k_anonymity check's figures: over all quasi-identifiers, each one dropped, and the smaller
 * subsets when the report has them. Column names and counts only: a class is never shown with its values.
 */
function kAnonymityBlock(checks: CheckResult[], several: boolean): string | undefined {
  const blocks = checks.flatMap((check) => {
    const detail = check.kAnonymity;
    if (detail === undefined || detail.rows === 0) return [];
    const names = (columns: readonly string[]) => columns.map(code).join(", ");
    const row = (label: string, figures: KAnonymityFigures) => [
      label,
      formatNumber(figures.classes),
      formatNumber(figures.smallestClass),
      formatNumber(figures.classesBelowK),
      `${formatNumber(figures.rowsAtRisk)} (${formatPercent(figures.shareAtRisk, 2)})${figures.exact ? "" : " ≤"}`,
    ];
    const rows = [
      row(`all: ${names(detail.quasiIdentifiers)}`, detail),
      ...detail.dropped.map((entry) =>
        row(`without ${code(entry.column)}${entry.column === detail.hurtsMost ? " (hurts most)" : ""}`, entry),
      ),
      ...(detail.subsets ?? [])
        .filter((entry) => entry.columns.length < detail.quasiIdentifiers.length - 1)
        .sort((a, b) => a.columns.length - b.columns.length)
        .map((entry) => row(`only ${names(entry.columns)}`, entry)),
    ];
    const title = `k-anonymity${several ? ` of ${escapeMarkdown(check.dataset)}` : ""} (k = ${detail.k}, ${formatNumber(detail.rows)} rows)`;
    const notes = [
      `Rows at risk are in equivalence classes smaller than k (rows sharing one combination of the quasi-identifiers' values).`,
      detail.exact ? undefined : `Past the cap on classes the rows at risk are an upper bound (≤) and the classes a lower bound.`,
      detail.dropToPass === undefined
        ? undefined
        : `The fewest to drop (or generalise) to pass: ${detail.dropToPass.map(code).join(", ")}.`,
    ].filter((note) => note !== undefined);
    return [
      details(
        title,
        `${table(["quasi-identifiers", "classes", "smallest class", "classes < k", "rows at risk"], rows, {
          align: ["left", "right", "right", "right", "right"],
        })}\n\n_${notes.join(" ")}_`,
        check.status === "fail" || check.status === "warn",
      ),
    ];
  });
  return blocks.length === 0 ? undefined : blocks.join("\n\n");
}

/**
 * What the PII checks found, per column and detector: how many values, their share and the first
 * lines. Never the values (docs/privacy.md#pii-detection).
 */
function piiBlock(checks: CheckResult[], several: boolean): string | undefined {
  const rows = checks.flatMap((check) =>
    (check.pii?.findings ?? []).map((finding) => [
      statusIcon(check.status),
      checkName(check, several),
      finding.pattern === undefined ? code(finding.detector) : `${code(finding.detector)} ${code(finding.pattern)}`,
      formatNumber(finding.count),
      formatPercent(finding.share, 2),
      `${finding.lines.join(", ")}${finding.count > finding.lines.length ? ", …" : ""}`,
    ]),
  );
  if (rows.length === 0) return undefined;
  return details(
    `Personal data found (${rows.length} detector${rows.length === 1 ? "" : "s"} fired)`,
    `${table(["", "check", "detector", "values", "share", "first lines"], rows, { align: ["center", "left", "left", "right", "right", "left"] })}\n\n` +
      `_Values are never shown. Mark each column \`pii: forbid\`, \`hashed\` or \`allow\` in the contract; see docs/privacy.md._`,
    true,
  );
}

/** The whole report: verdict, datasets, failing checks with examples, passing checks folded. */
export function renderValidationMarkdown(report: ValidationReport, options: ValidationMarkdownOptions = {}): string {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const { summary } = report;
  const several = report.datasets.length > 1;
  const verdict = report.passed
    ? `${statusIcon(summary.warnings > 0 ? "warn" : "pass")} **Data validation passed**${summary.warnings > 0 ? ` with ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}`
    : `${statusIcon("fail")} **Data validation failed**: ${summary.errors} error${summary.errors === 1 ? "" : "s"}${summary.warnings > 0 ? `, ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}`;
  const datasets = table(
    ["dataset", "file", "format", "rows", "columns", "sha256"],
    report.datasets.map((dataset) => [
      escapeMarkdown(dataset.label),
      code(dataset.path),
      dataset.format,
      formatNumber(dataset.rows),
      formatNumber(dataset.columns.length),
      code(dataset.sha256.slice(0, 12)),
    ]),
    { align: ["left", "left", "left", "right", "right", "left"] },
  );
  const problems = report.checks.filter((check) => check.status === "fail" || check.status === "warn");
  const passing = report.checks.filter((check) => check.status === "pass" || check.status === "skip");
  const problemTable =
    problems.length === 0
      ? undefined
      : table(
          ["", "check", "failing", "threshold", "what is wrong"],
          problems.map((check) => [
            statusIcon(check.status),
            checkName(check, several),
            failingCell(check),
            check.threshold === undefined ? "" : escapeMarkdown(check.threshold),
            escapeMarkdown(check.message),
          ]),
          { align: ["center", "left", "right", "left", "left"], maxRows: 100 },
        );
  const passingTable =
    passing.length === 0
      ? undefined
      : details(
          `${passing.length} check${passing.length === 1 ? "" : "s"} passed or skipped`,
          table(
            ["", "check", "checked", "threshold"],
            passing.map((check) => [
              statusIcon(check.status),
              checkName(check, several),
              formatNumber(check.total),
              check.threshold === undefined ? "" : escapeMarkdown(check.threshold),
            ]),
            { align: ["center", "left", "right", "left"], maxRows: 300 },
          ),
        );
  const footer = [
    `Contract ${code(report.contract.path)} (${code(report.contract.sha256.slice(0, 12))})`,
    options.reportPath === undefined ? undefined : `full report ${code(options.reportPath)}`,
    options.runUrl === undefined ? undefined : `[workflow run](${options.runUrl})`,
    `modelship ${report.tool.version}`,
  ]
    .filter((part) => part !== undefined)
    .join(" · ");
  return sections(
    `${hashes} Data validation`,
    verdict,
    datasets,
    problemTable,
    examplesBlock(problems.filter((check) => check.pii === undefined)),
    piiBlock(problems, several),
    kAnonymityBlock(report.checks, several),
    report.truncated ? `_Examples were capped; the JSON report lists every check._` : undefined,
    options.contractDiff === undefined ? undefined : `${hashes}# Contract changes\n\n${options.contractDiff}`,
    passingTable,
    `<sub>${footer}</sub>`,
  );
}
