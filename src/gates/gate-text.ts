/**
 * The gate report as plain text for a terminal: the verdict, then each failed (and warned) gate on
 * one line with the reason it was decided and its interval, then how many passed, the champion in one
 * line, the top columns by permutation importance in one line and what makes the numbers reproducible. The markdown (gate-markdown.ts) stays the PR comment.
 */
import { formatInterval, formatNumber, formatSigned } from "../common/markdown.ts";
import { formatFigure, formatMeasured } from "./operational-gates.ts";
import { environmentLine } from "./operational-markdown.ts";
import { printable } from "../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../common/text-style.ts";
import { METRIC_LABELS } from "./evaluate-gates.ts";
import type { GateReport, GateResult, GateStatus } from "./gate-report-types.ts";

/** Failed and warned gates listed before the rest fold into "… and N more" (keeps the default to one screen). */
export const GATE_LINES = 15;

const MARKS: Record<GateStatus, string> = { fail: "✗", warn: "!", insufficient_data: "?", pass: "✓" };
const STYLES = { fail: "red", warn: "yellow", insufficient_data: "yellow", pass: "green" } as const;

function headline(report: GateReport, options: TextOptions): string {
  const { summary } = report;
  const total = report.gates.length;
  const name = paint(options, "bold", printable(report.modelName ?? "the model"));
  const warnings = summary.warn + summary.insufficient_data;
  if (total === 0) return `${paint(options, "green", "✓")} ${name}: no gates configured (add gates to modelship.yaml to decide on it)`;
  if (report.verdict === "fail") return `${paint(options, "red", "✗")} ${name} fails ${summary.fail} of ${plural(total, "gate")}`;
  if (report.verdict === "warn")
    return `${paint(options, "yellow", "!")} ${name} passes with ${plural(warnings, "warning")} (${total} gates)`;
  return `${paint(options, "green", "✓")} ${name} passes ${total === 1 ? "its 1 gate" : `all ${total} gates`}`;
}

/** A champion gate's name without its sentence: "ROC AUC ≥ champion − 0.005" rather than "… not worse than the champion by more than 0.005". */
function gateName(gate: GateResult): string {
  if (gate.kind !== "champion") return gate.name;
  const base = gate.name.replace(/ not worse than the champion.*$/, "");
  const { min, max } = gate.threshold;
  if (max !== undefined) return `${base} ≤ champion + ${formatNumber(max)}`;
  if (min !== undefined) return `${base} ≥ champion − ${formatNumber(Math.abs(min))}`;
  return gate.name;
}

/**
 * One gate: its name (which carries the threshold), why it was decided so, and its interval unless
 * the reason already gives it. Names and reasons hold column and group labels from the data, so they
 * are printed through `printable` (an ESC in a group label must not reach the terminal).
 */
function gateLine(gate: GateResult, confidence: number, options: TextOptions): string {
  const mark = paint(options, STYLES[gate.status], MARKS[gate.status]);
  const interval = gate.ci === undefined || /\bCI\b/.test(gate.reason) ? "" : ` · ${confidence}% CI ${formatInterval(gate.ci)}`;
  const value = gate.reason === "" ? `: ${formatNumber(gate.value)}` : `: ${gate.reason}`;
  return `  ${mark} ${printable(`${gateName(gate)}${value}${interval}`)}`;
}

/** The champion comparison in one line: the metrics with a paired test, else the first two. */
function championLine(report: GateReport): string | undefined {
  const champion = report.champion;
  if (champion === undefined) return undefined;
  const tested = champion.comparisons.filter((comparison) => comparison.test !== undefined);
  const shown = (tested.length > 0 ? tested : champion.comparisons).slice(0, 3);
  const parts = shown.map((comparison) => {
    const test = comparison.test;
    const p =
      test === undefined
        ? ""
        : `, ${test.name === "mcnemar" ? "McNemar" : "DeLong"} p ${test.pValue < 1e-4 ? "< 0.0001" : `= ${formatNumber(test.pValue, 4)}`}`;
    const ci = comparison.ci === undefined ? "" : ` ${formatInterval(comparison.ci)}`;
    return `${METRIC_LABELS[comparison.metric] ?? comparison.metric} ${formatSigned(comparison.difference)}${ci}${p}`;
  });
  return printable(`Champion ${champion.path} (${champion.source}): ${parts.length === 0 ? "no shared metrics" : parts.join("; ")}`);
}

/** The top columns by permutation importance in one line, sensitive columns and proxies marked. */
function importanceLine(report: GateReport): string | undefined {
  const section = report.explanations;
  if (section === undefined || section.features.length === 0) return undefined;
  const top = section.features.slice(0, IMPORTANCE_TOP).map((row) => {
    const mark = row.sensitive === true ? " (sensitive)" : row.proxy === true ? " (proxy)" : "";
    return `${row.feature}${mark} ${formatNumber(row.importance)}`;
  });
  const flagged = section.features.slice(IMPORTANCE_TOP).filter((row) => row.sensitive === true || row.proxy === true);
  const rest = flagged.map((row) => `${row.feature} (${row.sensitive === true ? "sensitive" : "proxy"}) ${formatNumber(row.importance)}`);
  return printable(
    `Importance (drop in ${METRIC_LABELS[section.metric] ?? section.metric}, ${section.rows.toLocaleString("en-US")} rows × ${section.repeats}): ${top.join(", ")}${rest.length > 0 ? `; … ${rest.join(", ")}` : ""}`,
  );
}

/**
 * The operational figures in one line: latency at batch 1, throughput at the largest batch, size and
 * load time, and the ratio to the champion, with where they were measured.
 */
function operationalLine(report: GateReport): string | undefined {
  const section = report.operational;
  if (section === undefined) return undefined;
  const { challenger } = section;
  const one = challenger.latency.find((entry) => entry.batch === 1);
  const widest = challenger.latency.at(-1);
  const parts: string[] = [];
  if (one !== undefined) parts.push(`batch 1 p50 ${formatMeasured(one.p50Ms)} ms, p95 ${formatMeasured(one.p95Ms)} ms`);
  if (widest !== undefined) parts.push(`batch ${widest.batch} ${formatMeasured(widest.throughputRowsPerS)} rows/s`);
  parts.push(
    `${formatFigure(challenger.sizeMb)} MB, ${formatFigure(challenger.parameters)} parameters, load ${formatFigure(challenger.loadMs)} ms, peak memory ${formatFigure(challenger.peakMemoryMb)} MB`,
  );
  const ratio = section.ratios?.find((entry) => entry.batch === 1);
  if (ratio !== undefined) parts.push(`p50 ratio to the champion ${formatMeasured(ratio.p50)}`);
  return printable(`Operational (${environmentLine(section)}): ${parts.join("; ")}`);
}

/** Columns named in the importance line. */
const IMPORTANCE_TOP = 5;

function reproducibility(report: GateReport): string {
  const { randomness } = report;
  const rows = `${report.data.rows.toLocaleString("en-US")} rows of ${report.data.files.map((file) => file.path).join(", ") || "—"}`;
  if (randomness.resamples === 0) return printable(`Reproduce: ${rows}; no bootstrap (resamples 0)`);
  return printable(
    `Reproduce: ${rows}; seed ${randomness.bootstrapSeed}, ${randomness.resamples.toLocaleString("en-US")} ${randomness.stratifiedBy === "label" ? "label-stratified " : ""}resamples`,
  );
}

/**
 * The gate report as text. Quiet: the verdict and the failed gates. Default: also the warned gates,
 * the passed count, the champion and the seed. Verbose: also every passed gate, nothing folded.
 */
export function renderGateText(report: GateReport, options: TextOptions): string {
  const confidence = Math.round(report.randomness.confidence * 100);
  const lines = [headline(report, options)];
  const failed = report.gates.filter((gate) => gate.status === "fail");
  const warned = report.gates.filter((gate) => gate.status === "warn" || gate.status === "insufficient_data");
  const passed = report.gates.filter((gate) => gate.status === "pass");
  const open = options.quiet ? failed : [...failed, ...warned];
  const limit = options.verbose ? open.length : GATE_LINES;
  const shown = open.slice(0, limit);
  const groups: [string, GateResult[]][] = [
    ["Failed", shown.filter((gate) => gate.status === "fail")],
    ["Warned", shown.filter((gate) => gate.status !== "fail")],
  ];
  for (const [title, gates] of groups) {
    if (gates.length === 0) continue;
    const all = title === "Failed" ? failed.length : warned.length;
    lines.push(`${title} (${all}):`, ...gates.map((gate) => gateLine(gate, confidence, options)));
  }
  if (open.length > shown.length) lines.push(`  … and ${open.length - shown.length} more (see gate-report.json)`);
  if (options.quiet) return lines.join("\n");
  if (passed.length > 0) {
    const count = `${paint(options, "green", "✓")} ${plural(passed.length, "gate")} passed`;
    if (options.verbose) lines.push(`${count}:`, ...passed.map((gate) => gateLine(gate, confidence, options)));
    else lines.push(`${count} (-v lists them)`);
  }
  const champion = championLine(report);
  if (champion !== undefined) lines.push(champion);
  const importance = importanceLine(report);
  if (importance !== undefined) lines.push(importance);
  const operational = operationalLine(report);
  if (operational !== undefined) lines.push(operational);
  for (const note of report.notes) lines.push(`Note: ${printable(note)}`);
  lines.push(reproducibility(report));
  return lines.join("\n");
}
