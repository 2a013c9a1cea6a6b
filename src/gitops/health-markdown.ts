/**
 * The canary's health as a table for the promotion pull request's body: one row per check with
 * the canary's and the stable model's values, the threshold and the verdict.
 */
import { code, details, escapeMarkdown, formatNumber, statusIcon, table } from "../common/markdown.ts";
import type { CheckResult } from "./health.ts";

const STATUS: Record<CheckResult["status"], string> = {
  pass: `${statusIcon("pass")} pass`,
  fail: `${statusIcon("fail")} fail`,
  "no-data": `${statusIcon("insufficient_data")} no data`,
};

/** A GitHub markdown table of health check results (check, canary, stable, threshold, status, detail), then the queries folded. */
export function renderHealthTable(checks: readonly CheckResult[]): string {
  if (checks.length === 0) return "_No health checks are configured._";
  const rows = checks.map((check) => [
    escapeMarkdown(check.name),
    formatNumber(check.canary),
    formatNumber(check.stable),
    escapeMarkdown(check.threshold),
    STATUS[check.status],
    escapeMarkdown(check.detail),
  ]);
  const rendered = table(["Check", "Canary", "Stable", "Threshold", "Status", "Detail"], rows, {
    align: ["left", "right", "right", "left", "left", "left"],
  });
  // Queries are long: they go below the table, folded, for reviewers who want to rerun them.
  const queries = checks
    .filter((check) => check.query !== undefined)
    .map((check) => `- ${escapeMarkdown(check.name)}: ${code(check.query!)}`);
  return queries.length === 0 ? rendered : `${rendered}\n\n${details("Queries", queries.join("\n"))}`;
}
