/**
 * What promote, canary and verify-promotion decided, as plain text for a terminal: the decision
 * first (the pull request opened, the step up, the rollback, or nothing to do; a dry run says that
 * nothing was pushed), per environment, then the health checks or URIs that failed, with their
 * values and the fix. The markdown (PR bodies, the verify-promotion check) is unchanged.
 */
import { formatInterval, formatNumber, formatSigned } from "../common/markdown.ts";
import { printable } from "../common/printable-text.ts";
import { paint, plural, type Style, type TextOptions } from "../common/text-style.ts";
import { formatP, type AbComparison, type AbMetricComparison, type AbVerdict } from "./ab-test.ts";
import type { CanaryResult } from "./canary-job.ts";
import type { CheckResult } from "./health.ts";
import { describeDeletions, type CheckedUri, type VerifyResult } from "./promotion-check.ts";
import type { PromotionResult } from "./promotion-pr.ts";
import type { RolloutState } from "./targets/target-types.ts";

/** Lines of failures listed before the rest fold into "… and N more". */
export const GITOPS_LINES = 15;

const OK = "✓";
const FAIL = "✗";
const WARN = "!";

/** `stable 0.0.1` or `stable 0.0.1, canary 0.0.2 at 10%`; a model without a version by its URI. */
export function describeState(state: RolloutState): string {
  const parts: string[] = [];
  if (state.stable !== undefined) parts.push(`stable ${state.stable.version || state.stable.uri}`);
  if (state.canary !== undefined) parts.push(`canary ${state.canary.version || state.canary.uri} at ${state.canary.weight}%`);
  return parts.length === 0 ? "nothing deployed" : printable(parts.join(", "));
}

/** Where a pull request is: `PR #12 URL`, or the pushed branch and the body's file without GitHub. */
function pullRequest(result: Pick<PromotionResult, "prNumber" | "prUrl" | "branch" | "bodyPath">): string {
  if (result.prUrl !== undefined) return `PR ${result.prNumber === undefined ? "" : `#${result.prNumber} `}${result.prUrl}`;
  return `branch ${result.branch}${result.bodyPath === undefined ? "" : ` (PR body: ${result.bodyPath})`}`;
}

/** What happened to the pull request; titles, branches and paths come from the GitOps repository and the config, so they are escaped. */
function promotionHeadline(result: PromotionResult): string {
  return printable(promotionWords(result));
}

function promotionWords(result: PromotionResult): string {
  const where = pullRequest(result);
  switch (result.status) {
    case "opened":
      return `opened ${where}: ${result.title}`;
    case "updated":
      return `updated ${where}: ${result.title}`;
    case "unchanged":
      return `${where} is already up to date: ${result.title}`;
    case "pushed":
      return `pushed ${where}: ${result.title}`;
    case "no-change":
      return `nothing to do: the base already says ${describeState(result.after)}`;
  }
}

/**
 * `modelship promote`: what was decided (the PR opened, updated or already up to date, or nothing to
 * change) for the environment, the rollout before and after, and the files edited. Quiet: the first line.
 */
export function renderPromotionText(result: PromotionResult & { environment?: { name: string } }, options: TextOptions): string {
  const environment = result.environment === undefined ? "" : `${printable(result.environment.name)}: `;
  const lines = [`${paint(options, "green", OK)} ${environment}${promotionHeadline(result)}`];
  if (options.quiet) return lines.join("\n");
  if (result.status !== "no-change") lines.push(`  ${describeState(result.before)} → ${describeState(result.after)}`);
  if (result.files.length > 0) lines.push(`  ${plural(result.files.length, "file")}: ${printable(result.files.join(", "))}`);
  if (result.closedPr !== undefined) lines.push(`  closed the obsolete PR #${result.closedPr}`);
  if (result.superseded !== undefined && result.superseded.length > 0)
    lines.push(`  superseded and closed ${result.superseded.map((number) => `#${number}`).join(", ")}`);
  return lines.join("\n");
}

const DECISION_STYLES: Record<CanaryResult["decision"]["action"], Style> = {
  step: "green",
  promote: "green",
  rollback: "red",
  hold: "yellow",
  none: "dim",
};
const DECISION_MARKS: Record<CanaryResult["decision"]["action"], string> = { step: OK, promote: OK, rollback: FAIL, hold: WARN, none: "·" };

/** The decision in words: `step up 10% → 50%`, `promote 0.0.2 to stable`, `roll back 0.0.2`, `hold`, `nothing to do`. */
function decisionWords(result: CanaryResult): string {
  const decision = result.decision;
  const canary = result.state.canary;
  const version = canary === undefined ? "the canary" : canary.version || canary.uri;
  switch (decision.action) {
    case "step":
      return `step up ${canary === undefined ? "" : `${canary.weight}% → `}${decision.weight}%`;
    case "promote":
      return `promote ${version} to stable`;
    case "rollback":
      return `roll back ${version}`;
    case "hold":
      return "hold";
    case "none":
      return "nothing to do";
  }
}

function checkLine(check: CheckResult, options: TextOptions): string {
  const mark =
    check.status === "pass"
      ? paint(options, "green", OK)
      : check.status === "fail"
        ? paint(options, "red", FAIL)
        : paint(options, "yellow", "?");
  const values = `canary ${formatNumber(check.canary)}${check.stable === null ? "" : `, stable ${formatNumber(check.stable)}`}`;
  return `    ${mark} ${printable(`${check.name}: ${check.detail} (${values}; ${check.threshold})`)}`;
}

const AB_MARKS: Record<AbVerdict, [string, Style]> = {
  better: [OK, "green"],
  worse: [FAIL, "red"],
  "no difference": ["·", "dim"],
  "too few samples": ["?", "yellow"],
  "no data": ["?", "yellow"],
};

function abLine(metric: AbMetricComparison, comparison: AbComparison, options: TextOptions): string {
  const [mark, style] = AB_MARKS[metric.verdict];
  const side = (value: { value: number; n: number } | null) =>
    value === null ? "no data" : `${formatNumber(value.value)} (n ${formatNumber(value.n)})`;
  const test =
    metric.test === undefined
      ? ""
      : `, Δ ${formatSigned(metric.test.difference)} ${formatNumber(metric.test.confidence * 100, 2)}% CI ${formatInterval(metric.test.interval)}, p ${formatP(metric.test.pValue)} (α ${formatNumber(comparison.perMetricAlpha)})`;
  const note = metric.note === undefined ? "" : ` — ${metric.note}`;
  return `    ${paint(options, style, mark)} ${printable(`A/B ${metric.name}: ${metric.verdict}: candidate ${side(metric.candidate)} vs stable ${side(metric.stable)}${test}${note}`)}`;
}

/** One environment's decision, its failing checks (all with -v), its A/B metrics, and what was opened. */
function canaryLines(result: CanaryResult, options: TextOptions): string[] {
  const action = result.decision.action;
  const mark = paint(options, DECISION_STYLES[action], DECISION_MARKS[action]);
  const lines = [
    `${mark} ${printable(result.environment)}: ${paint(options, "bold", printable(decisionWords(result)))} — ${printable(result.decision.reason)}`,
  ];
  const failing = result.checks.filter((check) => check.status !== "pass");
  const passing = result.checks.filter((check) => check.status === "pass");
  const shown = options.quiet ? failing.filter((check) => check.status === "fail") : failing;
  lines.push(...shown.slice(0, options.verbose ? shown.length : GITOPS_LINES).map((check) => checkLine(check, options)));
  if (!options.verbose && shown.length > GITOPS_LINES) lines.push(`    … and ${shown.length - GITOPS_LINES} more`);
  if (!options.quiet && passing.length > 0) {
    if (options.verbose) lines.push(...passing.map((check) => checkLine(check, options)));
    else lines.push(`    ${paint(options, "green", OK)} ${plural(passing.length, "health check")} passed`);
  }
  const comparison = result.comparison;
  if (comparison !== undefined && !options.quiet) lines.push(...comparison.metrics.map((metric) => abLine(metric, comparison, options)));
  const promotion = result.promotion;
  if (promotion !== undefined) lines.push(`  ${promotionHeadline(promotion)}`);
  if (result.selfHeal !== undefined) lines.push(`  self-healing: ${result.selfHeal.outcome} — ${printable(result.selfHeal.reason)}`);
  if (result.dryRun !== undefined) lines.push(`  ${printable(result.dryRun)}`);
  return lines;
}

/**
 * `modelship canary`: per environment what was decided (step up, promote, roll back, hold or
 * nothing to do), the health checks that failed or had no data with their values, the A/B
 * comparison, and the pull request opened — or, in a dry run, that nothing was pushed.
 */
export function renderCanaryText(results: readonly CanaryResult[], options: TextOptions): string {
  if (results.length === 0) return "nothing to do: no environment was checked";
  return results.flatMap((result) => canaryLines(result, options)).join("\n");
}

/**
 * A checked URI at file:line with why, the markdown's icon made plain. The URI and the file come
 * from the pull request under review (untrusted), so the whole line is escaped.
 */
function uriLine(uri: CheckedUri, detail = true): string {
  return printable(`${uri.file}:${uri.line} ${uri.uri}${detail ? `: ${uri.detail.replace(/✅ ?/g, "✓ ")}` : ""}`);
}

/**
 * `modelship verify-promotion`: the verdict, then every refused URI at file:line with why, manifest
 * problems, rules changes that fail the check (and the fix), then warnings and (not in -q) the URIs
 * that passed, at file:line (-v adds the release, gate verdict and provenance each was checked for).
 */
export function renderVerifyText(result: Omit<VerifyResult, "markdown">, options: TextOptions): string {
  const refused = result.uris.filter((uri) => !uri.ok);
  const passed = result.uris.filter((uri) => uri.ok);
  const blockedRules = result.rulesChanges.filter((change) => !change.allowed);
  const lines: string[] = [];
  if (result.ok) {
    const what =
      result.uris.length === 0
        ? `no model URI changes in ${plural(result.files.length, "changed file")}${result.deleted?.length ? `; ${describeDeletions(result.deleted)}` : ""}`
        : `${plural(result.uris.length, "model URI")} in ${plural(result.files.length, "changed file")} released and gated`;
    lines.push(`${paint(options, "green", OK)} verify-promotion passes: ${what}`);
  } else {
    const counts = [
      refused.length > 0 ? `${refused.length} of ${plural(result.uris.length, "model URI")} refused` : "",
      result.problems.length > 0 ? plural(result.problems.length, "manifest problem") : "",
      blockedRules.length > 0 ? `${plural(blockedRules.length, "rules file")} changed` : "",
    ].filter((part) => part !== "");
    lines.push(`${paint(options, "red", FAIL)} verify-promotion fails: ${counts.join(", ")} — this change must not be merged`);
  }
  const failures = [
    ...refused.map((uri) => `  ${paint(options, "red", FAIL)} ${uriLine(uri)}`),
    ...result.problems.map((problem) => `  ${paint(options, "red", FAIL)} ${printable(problem)}`),
    ...blockedRules.map(
      (change) =>
        `  ${paint(options, "red", FAIL)} ${printable(change.file)}: changes the promotion rules; land the rules change on its own, or set verify.rules_changes: codeowners and require code-owner review`,
    ),
  ];
  const shown = options.verbose ? failures : failures.slice(0, GITOPS_LINES);
  lines.push(...shown);
  if (failures.length > shown.length) lines.push(`  … and ${failures.length - shown.length} more (--format markdown lists them all)`);
  if (options.quiet) return lines.join("\n");
  lines.push(...result.warnings.map((warning) => `  ${paint(options, "yellow", WARN)} ${printable(warning)}`));
  const room = options.verbose ? passed.length : Math.max(0, GITOPS_LINES - shown.length);
  lines.push(...passed.slice(0, room).map((uri) => `  ${paint(options, "green", OK)} ${uriLine(uri, options.verbose)}`));
  if (passed.length > room)
    lines.push(`  ${paint(options, "green", OK)} … and ${plural(passed.length - room, "more model URI")} passed (-v lists them)`);
  return lines.join("\n");
}
