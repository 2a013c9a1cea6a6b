/** The DORA report for a terminal (dora-report.ts renders its markdown): plain lines, no tables or charts. */
import { emptyReason, figureRows, type DoraReport } from "./dora-report.ts";

/** The report for a terminal: one block per model and environment, a line per key with its level. */
export function renderDoraText(report: DoraReport): string {
  const lines = [
    `DORA metrics ${report.window.since.slice(0, 10)} → ${report.window.until.slice(0, 10)} (medians; levels: ${report.bands.report})`,
  ];
  if (report.models.length === 0 && report.skipped.length === 0) lines.push(emptyReason(report, "cli"));
  for (const figures of report.models) {
    lines.push("", `${figures.model} in ${figures.environment}`);
    for (const [metric, value, from, level] of figureRows(figures))
      lines.push(`  ${metric.padEnd(31)} ${value.padEnd(10)} ${level.replace(/^\S+ /, "").padEnd(7)} ${from}`);
  }
  for (const skip of report.skipped) lines.push("", `skipped ${skip.model} in ${skip.environment}: ${skip.reason}`);
  return lines.join("\n");
}
