import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  describeDeletions
} from "./chunk-WYWBGQTR.js";
import {
  environmentLine,
  formatFigure,
  formatMeasured
} from "./chunk-Z64YVPXU.js";
import {
  printable
} from "./chunk-WW4KD5R5.js";
import {
  formatP
} from "./chunk-VVREGJ63.js";
import {
  METRIC_LABELS
} from "./chunk-DPH7L46L.js";
import {
  byConcern,
  weightedFeatures
} from "./chunk-NR5AHLJJ.js";
import {
  formatInterval,
  formatNumber,
  formatSigned
} from "./chunk-HFKEWQQZ.js";
import {
  paint,
  plural
} from "./chunk-U5WQZHIB.js";

// src/gates/gate-text.ts
var GATE_LINES = 15;
var MARKS = { fail: "\u2717", warn: "!", insufficient_data: "?", pass: "\u2713" };
var STYLES = { fail: "red", warn: "yellow", insufficient_data: "yellow", pass: "green" };
function headline(report, options) {
  const { summary } = report;
  const total = report.gates.length;
  const name = paint(options, "bold", printable(report.modelName ?? "the model"));
  const warnings = summary.warn + summary.insufficient_data;
  if (total === 0) return `${paint(options, "green", "\u2713")} ${name}: no gates configured (add gates to modelship.yaml to decide on it)`;
  if (report.verdict === "fail") return `${paint(options, "red", "\u2717")} ${name} fails ${summary.fail} of ${plural(total, "gate")}`;
  if (report.verdict === "warn")
    return `${paint(options, "yellow", "!")} ${name} passes with ${plural(warnings, "warning")} (${total} gates)`;
  return `${paint(options, "green", "\u2713")} ${name} passes ${total === 1 ? "its 1 gate" : `all ${total} gates`}`;
}
function gateName(gate) {
  if (gate.kind !== "champion") return gate.name;
  const base = gate.name.replace(/ not worse than the champion.*$/, "");
  const { min, max } = gate.threshold;
  if (max !== void 0) return `${base} \u2264 champion + ${formatNumber(max)}`;
  if (min !== void 0) return `${base} \u2265 champion \u2212 ${formatNumber(Math.abs(min))}`;
  return gate.name;
}
function gateLine(gate, confidence, options) {
  const mark = paint(options, STYLES[gate.status], MARKS[gate.status]);
  const interval = gate.ci === void 0 || /\bCI\b/.test(gate.reason) ? "" : ` \xB7 ${confidence}% CI ${formatInterval(gate.ci)}`;
  const value = gate.reason === "" ? `: ${formatNumber(gate.value)}` : `: ${gate.reason}`;
  return `  ${mark} ${printable(`${gateName(gate)}${value}${interval}`)}`;
}
function championLine(report) {
  const champion = report.champion;
  if (champion === void 0) return void 0;
  const tested = champion.comparisons.filter((comparison) => comparison.test !== void 0);
  const shown = (tested.length > 0 ? tested : champion.comparisons).slice(0, 3);
  const parts = shown.map((comparison) => {
    const test = comparison.test;
    const p = test === void 0 ? "" : `, ${test.name === "mcnemar" ? "McNemar" : "DeLong"} p ${test.pValue < 1e-4 ? "< 0.0001" : `= ${formatNumber(test.pValue, 4)}`}`;
    const ci = comparison.ci === void 0 ? "" : ` ${formatInterval(comparison.ci)}`;
    return `${METRIC_LABELS[comparison.metric] ?? comparison.metric} ${formatSigned(comparison.difference)}${ci}${p}`;
  });
  return printable(`Champion ${champion.path} (${champion.source}): ${parts.length === 0 ? "no shared metrics" : parts.join("; ")}`);
}
function importanceLine(report) {
  const section = report.explanations;
  if (section === void 0 || section.features.length === 0) return void 0;
  const top = section.features.slice(0, IMPORTANCE_TOP).map((row) => {
    const mark = row.sensitive === true ? " (sensitive)" : row.proxy === true ? " (proxy)" : "";
    return `${row.feature}${mark} ${formatNumber(row.importance)}`;
  });
  const flagged = section.features.slice(IMPORTANCE_TOP).filter((row) => row.sensitive === true || row.proxy === true);
  const rest = flagged.map((row) => `${row.feature} (${row.sensitive === true ? "sensitive" : "proxy"}) ${formatNumber(row.importance)}`);
  return printable(
    `Importance (drop in ${METRIC_LABELS[section.metric] ?? section.metric}, ${section.rows.toLocaleString("en-US")} rows \xD7 ${section.repeats}): ${top.join(", ")}${rest.length > 0 ? `; \u2026 ${rest.join(", ")}` : ""}`
  );
}
function operationalLine(report) {
  const section = report.operational;
  if (section === void 0) return void 0;
  const { challenger } = section;
  const one = challenger.latency.find((entry) => entry.batch === 1);
  const widest = challenger.latency.at(-1);
  const parts = [];
  if (one !== void 0) parts.push(`batch 1 p50 ${formatMeasured(one.p50Ms)} ms, p95 ${formatMeasured(one.p95Ms)} ms`);
  if (widest !== void 0) parts.push(`batch ${widest.batch} ${formatMeasured(widest.throughputRowsPerS)} rows/s`);
  parts.push(
    `${formatFigure(challenger.sizeMb)} MB, ${formatFigure(challenger.parameters)} parameters, load ${formatFigure(challenger.loadMs)} ms, peak memory ${formatFigure(challenger.peakMemoryMb)} MB`
  );
  const ratio = section.ratios?.find((entry) => entry.batch === 1);
  if (ratio !== void 0) parts.push(`p50 ratio to the champion ${formatMeasured(ratio.p50)}`);
  return printable(`Operational (${environmentLine(section)}): ${parts.join("; ")}`);
}
var IMPORTANCE_TOP = 5;
function reproducibility(report) {
  const { randomness } = report;
  const rows = `${report.data.rows.toLocaleString("en-US")} rows of ${report.data.files.map((file) => file.path).join(", ") || "\u2014"}`;
  if (randomness.resamples === 0) return printable(`Reproduce: ${rows}; no bootstrap (resamples 0)`);
  return printable(
    `Reproduce: ${rows}; seed ${randomness.bootstrapSeed}, ${randomness.resamples.toLocaleString("en-US")} ${randomness.stratifiedBy === "label" ? "label-stratified " : ""}resamples`
  );
}
function renderGateText(report, options) {
  const confidence = Math.round(report.randomness.confidence * 100);
  const lines = [headline(report, options)];
  const failed = report.gates.filter((gate) => gate.status === "fail");
  const warned = report.gates.filter((gate) => gate.status === "warn" || gate.status === "insufficient_data");
  const passed = report.gates.filter((gate) => gate.status === "pass");
  const open = options.quiet ? failed : [...failed, ...warned];
  const limit = options.verbose ? open.length : GATE_LINES;
  const shown = open.slice(0, limit);
  const groups = [
    ["Failed", shown.filter((gate) => gate.status === "fail")],
    ["Warned", shown.filter((gate) => gate.status !== "fail")]
  ];
  for (const [title, gates] of groups) {
    if (gates.length === 0) continue;
    const all = title === "Failed" ? failed.length : warned.length;
    lines.push(`${title} (${all}):`, ...gates.map((gate) => gateLine(gate, confidence, options)));
  }
  if (open.length > shown.length) lines.push(`  \u2026 and ${open.length - shown.length} more (see gate-report.json)`);
  if (options.quiet) return lines.join("\n");
  if (passed.length > 0) {
    const count = `${paint(options, "green", "\u2713")} ${plural(passed.length, "gate")} passed`;
    if (options.verbose) lines.push(`${count}:`, ...passed.map((gate) => gateLine(gate, confidence, options)));
    else lines.push(`${count} (-v lists them)`);
  }
  const champion = championLine(report);
  if (champion !== void 0) lines.push(champion);
  const importance = importanceLine(report);
  if (importance !== void 0) lines.push(importance);
  const operational = operationalLine(report);
  if (operational !== void 0) lines.push(operational);
  for (const note of report.notes) lines.push(`Note: ${printable(note)}`);
  lines.push(reproducibility(report));
  return lines.join("\n");
}

// src/drift/drift-text.ts
var DRIFT_LINES = 15;
var MARKS2 = { drift: "\u2717", warn: "!", insufficient_data: "?", ok: "\u2713" };
var STYLES2 = { drift: "red", warn: "yellow", insufficient_data: "yellow", ok: "green" };
var VERDICTS = {
  drift: "drift",
  warn: "some columns moved, below the dataset threshold",
  ok: "no drift",
  insufficient_data: "not enough data to judge drift"
};
function percent(share) {
  return `${formatNumber(share * 100, 1)}%`;
}
function headline2(report, options) {
  const mark = paint(options, STYLES2[report.status], MARKS2[report.status]);
  const weighted = report.columns.some((column) => column.counted && column.weight !== 1) ? "weighted share" : "share";
  const model = report.model === void 0 ? "" : ` \u2014 ${report.model.name}${report.model.version === void 0 ? "" : `@${report.model.version}`}`;
  const where = report.environment === void 0 ? "" : ` in ${report.environment}`;
  const share = `${report.drifted_columns.length} of ${plural(report.columns_checked, "feature column")} drifted (${weighted} ${percent(report.share)}; the dataset drifts at \u2265 ${percent(report.settings.share)})`;
  return `${mark} ${paint(options, "bold", VERDICTS[report.status])}: ${printable(`${share}${model}${where}`)}`;
}
function columnLine(column, options) {
  const mark = paint(options, STYLES2[column.status], MARKS2[column.status]);
  const role = column.counted ? "" : ` (${column.roles.join(", ")})`;
  return `  ${mark} ${printable(`${column.name}${role}: ${column.reason}`)}`;
}
function weightsLine(report, options) {
  const weighted = report.weights_source === "importance" ? weightedFeatures(report) : void 0;
  if (weighted === void 0) return void 0;
  const top = weighted.top.map(
    (column) => `${printable(column.name)} ${column.weight.toFixed(2)} ${paint(options, STYLES2[column.status], MARKS2[column.status])}`
  );
  return `  Weighted by ${printable(weighted.by)}: ${top.join(", ")}${weighted.more === 0 ? "" : `, and ${weighted.more} more`}`;
}
function renderDriftText(report, options) {
  const lines = [headline2(report, options)];
  if (report.current.rows === 0) lines.push("  The current data has no rows: nothing was compared, and this is not a pass.");
  const weights = options.quiet ? void 0 : weightsLine(report, options);
  if (weights !== void 0) lines.push(weights);
  const columns = [...report.columns].sort(byConcern);
  const open = columns.filter((column) => options.quiet ? column.status === "drift" : column.status !== "ok");
  const shown = options.verbose ? open : open.slice(0, DRIFT_LINES);
  lines.push(...shown.map((column) => columnLine(column, options)));
  if (open.length > shown.length) lines.push(`  \u2026 and ${open.length - shown.length} more (see drift-report.json)`);
  const performance = report.performance;
  if (performance !== void 0 && (!options.quiet || performance.status === "drift")) {
    const mark = paint(options, STYLES2[performance.status], MARKS2[performance.status]);
    const reference = performance.reference === void 0 ? "" : ` (reference ${formatNumber(performance.reference, 4)})`;
    lines.push(
      `  ${mark} accuracy on ${plural(performance.n, "labelled row")}: ${formatNumber(performance.current, 4)}${reference}: ${printable(performance.reason)}`
    );
  }
  if (options.quiet) return lines.join("\n");
  const ok = columns.filter((column) => column.status === "ok");
  if (options.verbose) lines.push(...ok.map((column) => columnLine(column, options)));
  const counts = ["drift", "warn", "insufficient_data", "ok"].map((status) => [status, report.columns.filter((column) => column.status === status).length]).filter(([, count]) => count > 0).map(([status, count]) => `${count} ${status === "insufficient_data" ? "without enough data" : status}`);
  lines.push(
    `${plural(report.columns.length, "column")} checked: ${counts.join(", ") || "none"}${options.verbose || ok.length === 0 ? "" : " (-v lists the ok ones)"}; ${formatNumber(report.current.rows)} current rows (${printable(report.current.sources.join(", ") || "\u2014")}) vs ${formatNumber(report.reference.rows)} reference rows (${printable(report.reference.source)})`
  );
  return lines.join("\n");
}

// src/gitops/gitops-text.ts
var GITOPS_LINES = 15;
var OK = "\u2713";
var FAIL = "\u2717";
var WARN = "!";
function describeState(state) {
  const parts = [];
  if (state.stable !== void 0) parts.push(`stable ${state.stable.version || state.stable.uri}`);
  if (state.canary !== void 0) parts.push(`canary ${state.canary.version || state.canary.uri} at ${state.canary.weight}%`);
  return parts.length === 0 ? "nothing deployed" : printable(parts.join(", "));
}
function pullRequest(result) {
  if (result.prUrl !== void 0) return `PR ${result.prNumber === void 0 ? "" : `#${result.prNumber} `}${result.prUrl}`;
  return `branch ${result.branch}${result.bodyPath === void 0 ? "" : ` (PR body: ${result.bodyPath})`}`;
}
function promotionHeadline(result) {
  return printable(promotionWords(result));
}
function promotionWords(result) {
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
function renderPromotionText(result, options) {
  const environment = result.environment === void 0 ? "" : `${printable(result.environment.name)}: `;
  const lines = [`${paint(options, "green", OK)} ${environment}${promotionHeadline(result)}`];
  if (options.quiet) return lines.join("\n");
  if (result.status !== "no-change") lines.push(`  ${describeState(result.before)} \u2192 ${describeState(result.after)}`);
  if (result.files.length > 0) lines.push(`  ${plural(result.files.length, "file")}: ${printable(result.files.join(", "))}`);
  if (result.closedPr !== void 0) lines.push(`  closed the obsolete PR #${result.closedPr}`);
  if (result.superseded !== void 0 && result.superseded.length > 0)
    lines.push(`  superseded and closed ${result.superseded.map((number) => `#${number}`).join(", ")}`);
  return lines.join("\n");
}
var DECISION_STYLES = {
  step: "green",
  promote: "green",
  rollback: "red",
  hold: "yellow",
  none: "dim"
};
var DECISION_MARKS = { step: OK, promote: OK, rollback: FAIL, hold: WARN, none: "\xB7" };
function decisionWords(result) {
  const decision = result.decision;
  const canary = result.state.canary;
  const version = canary === void 0 ? "the canary" : canary.version || canary.uri;
  switch (decision.action) {
    case "step":
      return `step up ${canary === void 0 ? "" : `${canary.weight}% \u2192 `}${decision.weight}%`;
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
function checkLine(check, options) {
  const mark = check.status === "pass" ? paint(options, "green", OK) : check.status === "fail" ? paint(options, "red", FAIL) : paint(options, "yellow", "?");
  const values = `canary ${formatNumber(check.canary)}${check.stable === null ? "" : `, stable ${formatNumber(check.stable)}`}`;
  return `    ${mark} ${printable(`${check.name}: ${check.detail} (${values}; ${check.threshold})`)}`;
}
var AB_MARKS = {
  better: [OK, "green"],
  worse: [FAIL, "red"],
  "no difference": ["\xB7", "dim"],
  "too few samples": ["?", "yellow"],
  "no data": ["?", "yellow"]
};
function abLine(metric, comparison, options) {
  const [mark, style] = AB_MARKS[metric.verdict];
  const side = (value) => value === null ? "no data" : `${formatNumber(value.value)} (n ${formatNumber(value.n)})`;
  const test = metric.test === void 0 ? "" : `, \u0394 ${formatSigned(metric.test.difference)} ${formatNumber(metric.test.confidence * 100, 2)}% CI ${formatInterval(metric.test.interval)}, p ${formatP(metric.test.pValue)} (\u03B1 ${formatNumber(comparison.perMetricAlpha)})`;
  const note = metric.note === void 0 ? "" : ` \u2014 ${metric.note}`;
  return `    ${paint(options, style, mark)} ${printable(`A/B ${metric.name}: ${metric.verdict}: candidate ${side(metric.candidate)} vs stable ${side(metric.stable)}${test}${note}`)}`;
}
function canaryLines(result, options) {
  const action = result.decision.action;
  const mark = paint(options, DECISION_STYLES[action], DECISION_MARKS[action]);
  const lines = [
    `${mark} ${printable(result.environment)}: ${paint(options, "bold", printable(decisionWords(result)))} \u2014 ${printable(result.decision.reason)}`
  ];
  const failing = result.checks.filter((check) => check.status !== "pass");
  const passing = result.checks.filter((check) => check.status === "pass");
  const shown = options.quiet ? failing.filter((check) => check.status === "fail") : failing;
  lines.push(...shown.slice(0, options.verbose ? shown.length : GITOPS_LINES).map((check) => checkLine(check, options)));
  if (!options.verbose && shown.length > GITOPS_LINES) lines.push(`    \u2026 and ${shown.length - GITOPS_LINES} more`);
  if (!options.quiet && passing.length > 0) {
    if (options.verbose) lines.push(...passing.map((check) => checkLine(check, options)));
    else lines.push(`    ${paint(options, "green", OK)} ${plural(passing.length, "health check")} passed`);
  }
  const comparison = result.comparison;
  if (comparison !== void 0 && !options.quiet) lines.push(...comparison.metrics.map((metric) => abLine(metric, comparison, options)));
  const promotion = result.promotion;
  if (promotion !== void 0) lines.push(`  ${promotionHeadline(promotion)}`);
  if (result.selfHeal !== void 0) lines.push(`  self-healing: ${result.selfHeal.outcome} \u2014 ${printable(result.selfHeal.reason)}`);
  if (result.dryRun !== void 0) lines.push(`  ${printable(result.dryRun)}`);
  return lines;
}
function renderCanaryText(results, options) {
  if (results.length === 0) return "nothing to do: no environment was checked";
  return results.flatMap((result) => canaryLines(result, options)).join("\n");
}
function uriLine(uri, detail = true) {
  return printable(`${uri.file}:${uri.line} ${uri.uri}${detail ? `: ${uri.detail.replace(/✅ ?/g, "\u2713 ")}` : ""}`);
}
function renderVerifyText(result, options) {
  const refused = result.uris.filter((uri) => !uri.ok);
  const passed = result.uris.filter((uri) => uri.ok);
  const blockedRules = result.rulesChanges.filter((change) => !change.allowed);
  const lines = [];
  if (result.ok) {
    const what = result.uris.length === 0 ? `no model URI changes in ${plural(result.files.length, "changed file")}${result.deleted?.length ? `; ${describeDeletions(result.deleted)}` : ""}` : `${plural(result.uris.length, "model URI")} in ${plural(result.files.length, "changed file")} released and gated`;
    lines.push(`${paint(options, "green", OK)} verify-promotion passes: ${what}`);
  } else {
    const counts = [
      refused.length > 0 ? `${refused.length} of ${plural(result.uris.length, "model URI")} refused` : "",
      result.problems.length > 0 ? plural(result.problems.length, "manifest problem") : "",
      blockedRules.length > 0 ? `${plural(blockedRules.length, "rules file")} changed` : ""
    ].filter((part) => part !== "");
    lines.push(`${paint(options, "red", FAIL)} verify-promotion fails: ${counts.join(", ")} \u2014 this change must not be merged`);
  }
  const failures = [
    ...refused.map((uri) => `  ${paint(options, "red", FAIL)} ${uriLine(uri)}`),
    ...result.problems.map((problem) => `  ${paint(options, "red", FAIL)} ${printable(problem)}`),
    ...blockedRules.map(
      (change) => `  ${paint(options, "red", FAIL)} ${printable(change.file)}: changes the promotion rules; land the rules change on its own, or set verify.rules_changes: codeowners and require code-owner review`
    )
  ];
  const shown = options.verbose ? failures : failures.slice(0, GITOPS_LINES);
  lines.push(...shown);
  if (failures.length > shown.length) lines.push(`  \u2026 and ${failures.length - shown.length} more (--format markdown lists them all)`);
  if (options.quiet) return lines.join("\n");
  lines.push(...result.warnings.map((warning) => `  ${paint(options, "yellow", WARN)} ${printable(warning)}`));
  const room = options.verbose ? passed.length : Math.max(0, GITOPS_LINES - shown.length);
  lines.push(...passed.slice(0, room).map((uri) => `  ${paint(options, "green", OK)} ${uriLine(uri, options.verbose)}`));
  if (passed.length > room)
    lines.push(`  ${paint(options, "green", OK)} \u2026 and ${plural(passed.length - room, "more model URI")} passed (-v lists them)`);
  return lines.join("\n");
}

export {
  renderGateText,
  renderDriftText,
  renderPromotionText,
  renderCanaryText,
  renderVerifyText
};
