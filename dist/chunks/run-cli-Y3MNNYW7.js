import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  diffContracts,
  renderContractDiffMarkdown,
  runValidateStage
} from "./chunk-DXTCRCGO.js";
import {
  runVerifyStage
} from "./chunk-XS5BI6WN.js";
import {
  runDriftStage
} from "./chunk-T6ZVZDYL.js";
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  byConcern
} from "./chunk-SL5UDCWK.js";
import {
  runEvaluateStage
} from "./chunk-IHVINAY2.js";
import {
  runFetchStage
} from "./chunk-UF6ZMUHK.js";
import {
  runReleaseStage
} from "./chunk-UYIJBW5M.js";
import {
  mergeProfiles,
  profileData,
  readProfile
} from "./chunk-JEOM62DE.js";
import "./chunk-H2XPSNXE.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-44TVQWWB.js";
import {
  runRegistryStage
} from "./chunk-HNWJIKR4.js";
import {
  bytes,
  colorWanted,
  mark,
  paint,
  percent,
  plural,
  printable,
  renderRunRecordText,
  runTrainStage,
  shortSha,
  significant,
  train_config_schema_default
} from "./chunk-XESFK4SG.js";
import "./chunk-ZWA36I4M.js";
import "./chunk-EASYVJXM.js";
import {
  loadContract,
  parseContract
} from "./chunk-KOXHOIEF.js";
import {
  checkOutputFile
} from "./chunk-AZJWTHTA.js";
import "./chunk-HQLH6T7W.js";
import "./chunk-JQ2CXVF2.js";
import "./chunk-FLFJYAH6.js";
import {
  EnvironmentNotGivenError,
  runCanaryStage,
  runPromoteStage
} from "./chunk-PX2EX74W.js";
import "./chunk-AXWPW6FD.js";
import {
  formatP
} from "./chunk-P27QB665.js";
import "./chunk-AWZ7PRJS.js";
import {
  METRIC_LABELS
} from "./chunk-ICIXVQFU.js";
import "./chunk-GKTFBMQJ.js";
import {
  DEFAULT_LOCAL_REGISTRY
} from "./chunk-Y6XMH3CU.js";
import "./chunk-7YBKUBET.js";
import "./chunk-4Y7F6CJ4.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-7Q4573F6.js";
import "./chunk-4LQGMG53.js";
import {
  loadStageConfig
} from "./chunk-4V73OXIX.js";
import "./chunk-ZX6A6IWO.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  DEFAULT_CONFIG_FILE,
  gate_policy_schema_default,
  parseConfig,
  pick
} from "./chunk-WBMB25WO.js";
import {
  assertValid,
  parseYamlSource,
  require_dist
} from "./chunk-YZWFQKR3.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-RAE37VIM.js";
import "./chunk-QFGABZKJ.js";
import "./chunk-IPOKOKH6.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-ZSAWRQLI.js";
import {
  DISTINCT_ESTIMATE_ERROR,
  Hash64,
  HashTable64,
  RepeatCounter
} from "./chunk-NT3Z7I46.js";
import {
  code,
  formatInterval,
  formatNumber,
  formatSigned,
  table
} from "./chunk-6QZAZOAY.js";
import {
  NULL_MARKER_CANDIDATES,
  NullMarkerEvidence,
  sniffDialect,
  splitRecords
} from "./chunk-CQE7KWKT.js";
import {
  coerceValue
} from "./chunk-CEPJPHC5.js";
import {
  formatFromName,
  openTable
} from "./chunk-JIFEML3N.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import {
  withProgress
} from "./chunk-QRTANFC2.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/cli/run-cli.ts
import { existsSync } from "node:fs";
import { join as join4 } from "node:path";

// src/common/logger.ts
function where(properties) {
  if (!properties?.file) return "";
  return properties.startLine ? `${properties.file}:${properties.startLine}: ` : `${properties.file}: `;
}
var ConsoleLogger = class {
  #verbose;
  #write;
  #writeError;
  constructor(options = {}) {
    this.#verbose = options.verbose ?? false;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}
`));
    this.#writeError = options.writeError ?? ((line) => process.stderr.write(`${line}
`));
  }
  debug(message) {
    if (this.#verbose) this.#writeError(`debug: ${message}`);
  }
  info(message) {
    this.#write(message);
  }
  warning(message, properties) {
    this.#writeError(`warning: ${where(properties)}${message}`);
  }
  error(message, properties) {
    this.#writeError(`error: ${where(properties)}${message}`);
  }
  notice(message, properties) {
    this.#writeError(`notice: ${where(properties)}${message}`);
  }
  async group(name, fn) {
    this.#write(`\u2500\u2500 ${name}`);
    return fn();
  }
};

// src/common/progress-bar.ts
var ProgressBar = class {
  #stream;
  #enabled;
  #last = Number.NEGATIVE_INFINITY;
  #shown = false;
  /** When each task was first seen, for its rate and ETA. */
  #started = /* @__PURE__ */ new Map();
  constructor(stream, env = process.env) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true && env.GITHUB_ACTIONS !== "true" && env.CI !== "true";
  }
  /** Shows `fraction` (0..1) done, with a label. */
  update(fraction, label) {
    if (!this.#enabled) return;
    const now = performance.now();
    if (fraction < 1 && now - this.#last < 100) return;
    this.#last = now;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - label.length - 10));
    const done = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    this.#stream.write(
      `\r[${"#".repeat(done)}${".".repeat(width - done)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}\x1B[K`
    );
    this.#shown = true;
  }
  /** The logger, erasing the bar before each line it writes, so log lines read cleanly above the bar. */
  around(logger) {
    const clearing = (write) => (...args) => {
      this.clear();
      write(...args);
    };
    return {
      debug: clearing((message) => {
        logger.debug(message);
      }),
      info: clearing((message) => {
        logger.info(message);
      }),
      warning: clearing((message, properties) => {
        logger.warning(message, properties);
      }),
      error: clearing((message, properties) => {
        logger.error(message, properties);
      }),
      notice: clearing((message, properties) => {
        logger.notice(message, properties);
      }),
      group: (name, fn) => logger.group(name, fn)
    };
  }
  /** Whether anything will be drawn (a TTY, outside CI, not muted). */
  get enabled() {
    return this.#enabled;
  }
  /** Draws nothing from now on (-q), and erases what is shown. */
  mute() {
    this.clear();
    this.#enabled = false;
  }
  /** Shows a task's progress event with its rate and, when the total is known, its ETA. */
  show(event) {
    if (!this.#enabled) return;
    const now = performance.now();
    const started = this.#started.get(event.task) ?? now;
    if (!this.#started.has(event.task)) this.#started.set(event.task, now);
    const label = progressLabel(event, (now - started) / 1e3);
    if (event.total !== void 0 && event.total > 0) this.update(event.done / event.total, label);
    else this.#spin(label);
  }
  /** A task without a known total: its label alone, redrawn at most every 100 ms. */
  #spin(label) {
    const now = performance.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    this.#stream.write(`\r${label}\x1B[K`);
    this.#shown = true;
  }
  /** Erases the bar so a log line can take its place. */
  clear() {
    if (!this.#shown) return;
    this.#stream.write("\r\x1B[K");
    this.#shown = false;
  }
};
function progressLabel(event, elapsedSeconds) {
  const parts = [
    `${event.task}: ${amount(event.done, event.unit)}${event.total === void 0 ? "" : ` of ${amount(event.total, event.unit)}`}`
  ];
  if (elapsedSeconds > 0 && event.done > 0) {
    const rate = event.done / elapsedSeconds;
    parts.push(`${amount(Math.round(rate), event.unit)}/s`);
    if (event.total !== void 0 && event.total > event.done) parts.push(`ETA ${duration((event.total - event.done) / rate)}`);
  }
  return parts.join(", ");
}
function amount(count, unit) {
  if (unit !== "bytes") return `${count.toLocaleString("en-US")} ${unit}`;
  const steps = ["bytes", "KiB", "MiB", "GiB"];
  let value = count;
  let step = 0;
  while (value >= 1024 && step < steps.length - 1) {
    value /= 1024;
    step++;
  }
  return step === 0 ? `${count} bytes` : `${value.toFixed(1)} ${steps[step]}`;
}
function duration(seconds) {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor(whole % 3600 / 60)} min`;
}

// src/cli/command.ts
var ExitCode = { ok: 0, checksFailed: 1, usage: 2, bug: 3 };
function cliStageRun(context, config) {
  return {
    config: { file: config },
    cwd: context.cwd,
    env: context.env,
    logger: context.logger,
    toolVersion: context.version,
    token: context.env.GITHUB_TOKEN || void 0,
    repository: context.env.GITHUB_REPOSITORY || void 0,
    serverUrl: context.env.GITHUB_SERVER_URL || void 0,
    // The commit, when a CI (GitHub's or another that sets GITHUB_SHA) says which one.
    sha: context.env.GITHUB_SHA || void 0,
    defaultRegistry: DEFAULT_LOCAL_REGISTRY
  };
}

// src/gates/gate-text.ts
var GATE_LINES = 16;
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
  const mark2 = paint(options, STYLES[gate.status], MARKS[gate.status]);
  const interval = gate.ci === void 0 || /\bCI\b/.test(gate.reason) ? "" : ` \xB7 ${confidence}% CI ${formatInterval(gate.ci)}`;
  const value = gate.reason === "" ? `: ${formatNumber(gate.value)}` : `: ${gate.reason}`;
  return `  ${mark2} ${printable(`${gateName(gate)}${value}${interval}`)}`;
}
function championLine(report) {
  const champion = report.champion;
  if (champion === void 0) return void 0;
  const tested = champion.comparisons.filter((comparison) => comparison.test !== void 0);
  const shown2 = (tested.length > 0 ? tested : champion.comparisons).slice(0, 3);
  const parts = shown2.map((comparison) => {
    const test = comparison.test;
    const p = test === void 0 ? "" : `, ${test.name === "mcnemar" ? "McNemar" : "DeLong"} p ${test.pValue < 1e-4 ? "< 0.0001" : `= ${formatNumber(test.pValue, 4)}`}`;
    const ci = comparison.ci === void 0 ? "" : ` ${formatInterval(comparison.ci)}`;
    return `${METRIC_LABELS[comparison.metric] ?? comparison.metric} ${formatSigned(comparison.difference)}${ci}${p}`;
  });
  return printable(`Champion ${champion.path} (${champion.source}): ${parts.length === 0 ? "no shared metrics" : parts.join("; ")}`);
}
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
  const open2 = options.quiet ? failed : [...failed, ...warned];
  const limit = options.verbose ? open2.length : GATE_LINES;
  const shown2 = open2.slice(0, limit);
  const groups = [
    ["Failed", shown2.filter((gate) => gate.status === "fail")],
    ["Warned", shown2.filter((gate) => gate.status !== "fail")]
  ];
  for (const [title, gates] of groups) {
    if (gates.length === 0) continue;
    const all = title === "Failed" ? failed.length : warned.length;
    lines.push(`${title} (${all}):`, ...gates.map((gate) => gateLine(gate, confidence, options)));
  }
  if (open2.length > shown2.length) lines.push(`  \u2026 and ${open2.length - shown2.length} more (see gate-report.json)`);
  if (options.quiet) return lines.join("\n");
  if (passed.length > 0) {
    const count = `${paint(options, "green", "\u2713")} ${plural(passed.length, "gate")} passed`;
    if (options.verbose) lines.push(`${count}:`, ...passed.map((gate) => gateLine(gate, confidence, options)));
    else lines.push(`${count} (-v lists them)`);
  }
  const champion = championLine(report);
  if (champion !== void 0) lines.push(champion);
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
function percent2(share) {
  return `${formatNumber(share * 100, 1)}%`;
}
function headline2(report, options) {
  const mark2 = paint(options, STYLES2[report.status], MARKS2[report.status]);
  const weighted = report.columns.some((column) => column.counted && column.weight !== 1) ? "weighted share" : "share";
  const model = report.model === void 0 ? "" : ` \u2014 ${report.model.name}${report.model.version === void 0 ? "" : `@${report.model.version}`}`;
  const where2 = report.environment === void 0 ? "" : ` in ${report.environment}`;
  const share = `${report.drifted_columns.length} of ${plural(report.columns_checked, "feature column")} drifted (${weighted} ${percent2(report.share)}; the dataset drifts at \u2265 ${percent2(report.settings.share)})`;
  return `${mark2} ${paint(options, "bold", VERDICTS[report.status])}: ${printable(`${share}${model}${where2}`)}`;
}
function columnLine(column, options) {
  const mark2 = paint(options, STYLES2[column.status], MARKS2[column.status]);
  const role = column.counted ? "" : ` (${column.roles.join(", ")})`;
  return `  ${mark2} ${printable(`${column.name}${role}: ${column.reason}`)}`;
}
function renderDriftText(report, options) {
  const lines = [headline2(report, options)];
  if (report.current.rows === 0) lines.push("  The current data has no rows: nothing was compared, and this is not a pass.");
  const columns = [...report.columns].sort(byConcern);
  const open2 = columns.filter((column) => options.quiet ? column.status === "drift" : column.status !== "ok");
  const shown2 = options.verbose ? open2 : open2.slice(0, DRIFT_LINES);
  lines.push(...shown2.map((column) => columnLine(column, options)));
  if (open2.length > shown2.length) lines.push(`  \u2026 and ${open2.length - shown2.length} more (see drift-report.json)`);
  const performance2 = report.performance;
  if (performance2 !== void 0 && (!options.quiet || performance2.status === "drift")) {
    const mark2 = paint(options, STYLES2[performance2.status], MARKS2[performance2.status]);
    const reference = performance2.reference === void 0 ? "" : ` (reference ${formatNumber(performance2.reference, 4)})`;
    lines.push(
      `  ${mark2} accuracy on ${plural(performance2.n, "labelled row")}: ${formatNumber(performance2.current, 4)}${reference}: ${printable(performance2.reason)}`
    );
  }
  if (options.quiet) return lines.join("\n");
  const ok = columns.filter((column) => column.status === "ok");
  if (options.verbose) lines.push(...ok.map((column) => columnLine(column, options)));
  const counts2 = ["drift", "warn", "insufficient_data", "ok"].map((status) => [status, report.columns.filter((column) => column.status === status).length]).filter(([, count]) => count > 0).map(([status, count]) => `${count} ${status === "insufficient_data" ? "without enough data" : status}`);
  lines.push(
    `${plural(report.columns.length, "column")} checked: ${counts2.join(", ") || "none"}${options.verbose || ok.length === 0 ? "" : " (-v lists the ok ones)"}; ${formatNumber(report.current.rows)} current rows (${printable(report.current.sources.join(", ") || "\u2014")}) vs ${formatNumber(report.reference.rows)} reference rows (${printable(report.reference.source)})`
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
  const where2 = pullRequest(result);
  switch (result.status) {
    case "opened":
      return `opened ${where2}: ${result.title}`;
    case "updated":
      return `updated ${where2}: ${result.title}`;
    case "unchanged":
      return `${where2} is already up to date: ${result.title}`;
    case "pushed":
      return `pushed ${where2}: ${result.title}`;
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
  const mark2 = check.status === "pass" ? paint(options, "green", OK) : check.status === "fail" ? paint(options, "red", FAIL) : paint(options, "yellow", "?");
  const values = `canary ${formatNumber(check.canary)}${check.stable === null ? "" : `, stable ${formatNumber(check.stable)}`}`;
  return `    ${mark2} ${printable(`${check.name}: ${check.detail} (${values}; ${check.threshold})`)}`;
}
var AB_MARKS = {
  better: [OK, "green"],
  worse: [FAIL, "red"],
  "no difference": ["\xB7", "dim"],
  "too few samples": ["?", "yellow"],
  "no data": ["?", "yellow"]
};
function abLine(metric, comparison, options) {
  const [mark2, style] = AB_MARKS[metric.verdict];
  const side = (value) => value === null ? "no data" : `${formatNumber(value.value)} (n ${formatNumber(value.n)})`;
  const test = metric.test === void 0 ? "" : `, \u0394 ${formatSigned(metric.test.difference)} ${formatNumber(metric.test.confidence * 100, 2)}% CI ${formatInterval(metric.test.interval)}, p ${formatP(metric.test.pValue)} (\u03B1 ${formatNumber(comparison.perMetricAlpha)})`;
  const note = metric.note === void 0 ? "" : ` \u2014 ${metric.note}`;
  return `    ${paint(options, style, mark2)} ${printable(`A/B ${metric.name}: ${metric.verdict}: candidate ${side(metric.candidate)} vs stable ${side(metric.stable)}${test}${note}`)}`;
}
function canaryLines(result, options) {
  const action = result.decision.action;
  const mark2 = paint(options, DECISION_STYLES[action], DECISION_MARKS[action]);
  const lines = [
    `${mark2} ${printable(result.environment)}: ${paint(options, "bold", printable(decisionWords(result)))} \u2014 ${printable(result.decision.reason)}`
  ];
  const failing = result.checks.filter((check) => check.status !== "pass");
  const passing = result.checks.filter((check) => check.status === "pass");
  const shown2 = options.quiet ? failing.filter((check) => check.status === "fail") : failing;
  lines.push(...shown2.slice(0, options.verbose ? shown2.length : GITOPS_LINES).map((check) => checkLine(check, options)));
  if (!options.verbose && shown2.length > GITOPS_LINES) lines.push(`    \u2026 and ${shown2.length - GITOPS_LINES} more`);
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
    const what = result.uris.length === 0 ? `no model URI changes in ${plural(result.files.length, "changed file")}` : `${plural(result.uris.length, "model URI")} in ${plural(result.files.length, "changed file")} released and gated`;
    lines.push(`${paint(options, "green", OK)} verify-promotion passes: ${what}`);
  } else {
    const counts2 = [
      refused.length > 0 ? `${refused.length} of ${plural(result.uris.length, "model URI")} refused` : "",
      result.problems.length > 0 ? plural(result.problems.length, "manifest problem") : "",
      blockedRules.length > 0 ? `${plural(blockedRules.length, "rules file")} changed` : ""
    ].filter((part) => part !== "");
    lines.push(`${paint(options, "red", FAIL)} verify-promotion fails: ${counts2.join(", ")} \u2014 this change must not be merged`);
  }
  const failures = [
    ...refused.map((uri) => `  ${paint(options, "red", FAIL)} ${uriLine(uri)}`),
    ...result.problems.map((problem) => `  ${paint(options, "red", FAIL)} ${printable(problem)}`),
    ...blockedRules.map(
      (change) => `  ${paint(options, "red", FAIL)} ${printable(change.file)}: changes the promotion rules; land the rules change on its own, or set verify.rules_changes: codeowners and require code-owner review`
    )
  ];
  const shown2 = options.verbose ? failures : failures.slice(0, GITOPS_LINES);
  lines.push(...shown2);
  if (failures.length > shown2.length) lines.push(`  \u2026 and ${failures.length - shown2.length} more (--format markdown lists them all)`);
  if (options.quiet) return lines.join("\n");
  lines.push(...result.warnings.map((warning) => `  ${paint(options, "yellow", WARN)} ${printable(warning)}`));
  const room = options.verbose ? passed.length : Math.max(0, GITOPS_LINES - shown2.length);
  lines.push(...passed.slice(0, room).map((uri) => `  ${paint(options, "green", OK)} ${uriLine(uri, options.verbose)}`));
  if (passed.length > room)
    lines.push(`  ${paint(options, "green", OK)} \u2026 and ${plural(passed.length - room, "more model URI")} passed (-v lists them)`);
  return lines.join("\n");
}

// src/cli/options.ts
import { parseArgs } from "node:util";
function envNameOf(flag) {
  return `MODELSHIP_${flag.toUpperCase().replaceAll("-", "_")}`;
}
function fromEnv(flag, spec, env) {
  const raw = env[envNameOf(flag)];
  if (raw === void 0 || raw === "") return void 0;
  if (spec.type === "boolean") {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new UserError(`environment variable ${envNameOf(flag)} must be true or false, got "${raw}"`, {
      hint: `set ${envNameOf(flag)} to true or false (or 1/0, yes/no), or unset it`
    });
  }
  return spec.multiple ? raw.split(/[\n,]/).map((item) => item.trim()).filter(Boolean) : raw;
}
function parseFlags(argv, specs, options) {
  const env = options.env ?? process.env;
  const parseOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    parseOptions[name] = { type: spec.type, ...spec.multiple ? { multiple: true } : {}, ...spec.short ? { short: spec.short } : {} };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: negativeValuesJoined(argv, specs),
      options: parseOptions,
      allowPositionals: options.positionals ?? true,
      strict: true
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message.split("\n")[0] : String(error)).replace(
      /\. To specify a positional argument .*$/,
      ""
    );
    throw new UserError(message, { hint: `run \`modelship ${options.command} --help\`` });
  }
  const flags12 = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    flags12[name] = given ?? fromEnv(name, spec, env);
    checkValue(flags12[name], name, spec, given === void 0 ? envNameOf(name) : `--${name}`);
  }
  return { flags: flags12, positionals: parsed.positionals };
}
function checkValue(value, name, spec, source) {
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const fromEnv2 = !source.startsWith("--");
  const setting = fromEnv2 ? source : `${source} (or ${envNameOf(name)})`;
  const fix = (what, example) => fromEnv2 ? `set ${source} to ${what}, or unset it` : `give ${setting} ${what}, e.g. ${source} ${example}`;
  for (const item of values) {
    if (spec.choices !== void 0 && !spec.choices.includes(item))
      throw new UserError(`${source} must be one of ${spec.choices.join(", ")}, got "${item}"`, {
        hint: `set ${setting} to one of ${spec.choices.join(", ")}${fromEnv2 ? ", or unset it" : ""}`
      });
    const min = spec.min ?? 0;
    if (spec.numeric === "integer" && (!/^\d+$/.test(item) || Number(item) < min))
      throw new UserError(`${source} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${item}"`, {
        hint: fix(`a whole number \u2265 ${min}`, String(Math.max(min, 5)))
      });
    if (spec.numeric === "number" && (item.trim() === "" || !Number.isFinite(Number(item))))
      throw new UserError(`${source} must be a number, got "${item}"`, { hint: fix("a number", "0.5") });
  }
}
function negativeValuesJoined(argv, specs) {
  const takesValue = (arg) => {
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    if (long !== void 0) return specs[long]?.type === "string";
    const short = /^-([A-Za-z])$/.exec(arg)?.[1];
    return short !== void 0 && Object.values(specs).some((spec) => spec.short === short && spec.type === "string");
  };
  const joined = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") {
      joined.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    if (next !== void 0 && /^-\d/.test(next) && takesValue(arg)) {
      joined.push(arg.startsWith("--") ? `${arg}=${next}` : `${arg}${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}
function renderHelp(options) {
  const rows = Object.entries(options.flags).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(34)} ${spec.description} [${envNameOf(name)}]`;
  });
  return [`usage: ${options.usage}`, "", options.summary, "", "options:", ...rows, options.notes ? `
${options.notes}` : ""].join("\n").trimEnd();
}
function integerFlag(value, name, min = 0) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`--${name} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a whole number \u2265 ${min}, e.g. --${name} ${Math.max(min, 5)}`
    });
  return Number(value);
}
function choiceFlag(value, name, choices) {
  if (value === void 0) return void 0;
  if (!choices.includes(value))
    throw new UserError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`, {
      hint: `set --${name} (or ${envNameOf(name)}) to one of ${choices.join(", ")}`
    });
  return value;
}
function listFlag(values) {
  return values === void 0 || values.length === 0 ? void 0 : values;
}
function numberFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number))
    throw new UserError(`--${name} must be a number, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a number, e.g. --${name} 0.5`
    });
  return number;
}

// src/cli/output.ts
var OUTPUT_FORMATS = ["text", "markdown", "json"];
var levelFlags = {
  quiet: { type: "boolean", short: "q", description: "only failures and errors; nothing on success (the exit status says it)" },
  verbose: { type: "boolean", short: "v", description: "also list what passed, and print debug logs" }
};
var outputFlags = {
  format: {
    type: "string",
    value: "FORMAT",
    choices: OUTPUT_FORMATS,
    description: "text (default: a summary for people), markdown (the PR comment) or json (the report)"
  },
  json: { type: "boolean", description: "the same as --format json" },
  ...levelFlags
};
function commandOutput(context, values) {
  const format = values.json ? "json" : values.format ?? "text";
  const quiet = values.quiet === true;
  const verbose = !quiet && (values.verbose === true || context.verbose === true);
  const text = { color: colorWanted(context.stdout ?? {}, context.env), verbose, quiet };
  const progress = context.progress ?? new ProgressBar({ isTTY: false, write: () => true }, context.env);
  if (quiet) progress.mute();
  const level = quiet ? "error" : verbose ? "debug" : format === "text" ? "warning" : "info";
  const logger = leveled(progress.around(context.logger), level);
  const emit = (result) => {
    const paths = (result.reports ?? []).filter((path) => path !== void 0);
    const reports = paths.length > 0 ? `Reports: ${paths.join(", ")}` : void 0;
    progress.clear();
    if (format === "json") {
      context.print(JSON.stringify(result.json, null, 2));
      if (reports && !quiet) logger.info(reports);
      return;
    }
    if (quiet && !result.failed) return;
    if (format === "markdown") {
      context.print(result.markdown?.() ?? result.text());
      if (reports && !quiet) logger.info(reports);
      return;
    }
    const summary = result.text();
    context.print(reports && !quiet ? `${summary}
${reports}` : summary);
  };
  return { format, text, context: { ...context, logger }, emit };
}
function leveled(logger, level) {
  if (level === "debug") return logger;
  const info = level === "info";
  const warnings = level !== "error";
  return {
    debug: () => void 0,
    info: (message) => {
      if (info) logger.info(message);
    },
    warning: (message, properties) => {
      if (warnings) logger.warning(message, properties);
    },
    error: (message, properties) => {
      logger.error(message, properties);
    },
    notice: (message, properties) => {
      if (warnings) logger.notice(message, properties);
    },
    group: (name, fn) => info ? logger.group(name, fn) : fn()
  };
}

// src/cli/commands/promote-command.ts
var gitOpsFlags = {
  remote: {
    type: "string",
    value: "URL",
    description: "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of --gitops-repo)"
  },
  base: { type: "string", value: "BRANCH", description: "the branch Argo CD or Flux deploys from (default promote.base, else main)" },
  "tag-format": {
    type: "string",
    value: "FORMAT",
    description: "release tag format (default release.tag_format, else {model}/v{version})"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" }
};
var pullRequestFlags = {
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "the GitOps repository on GitHub (default promote.repository); PRs are opened there"
  },
  out: {
    type: "string",
    value: "DIR",
    description: "without a GitOps repository on GitHub, where the PR body goes (default .modelship/promotion)"
  }
};
function gitOpsInputs(values, context) {
  return {
    gitopsRepo: values["gitops-repo"],
    remote: values.remote,
    base: values.base,
    gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || void 0,
    registry: values.registry,
    tagFormat: values["tag-format"],
    outDir: values.out
  };
}
var flags = {
  env: { type: "string", short: "e", value: "ENV", description: "the environment in promote.environments (default: the only one)" },
  action: {
    type: "string",
    value: "ACTION",
    choices: ["start", "step", "promote", "rollback", "direct"],
    description: "start (default for canary and blue-green), step, promote, rollback, or direct (default for the direct strategy)"
  },
  strategy: {
    type: "string",
    value: "STRATEGY",
    choices: ["canary", "blue-green", "direct"],
    description: "canary, blue-green or direct (default the environment's)"
  },
  weight: {
    type: "string",
    value: "PERCENT",
    numeric: "integer",
    description: "canary weight: for start (default the first step; 0 for blue-green) and step (required)"
  },
  label: { type: "string", multiple: true, value: "LABEL", description: "PR label (default pull_request.labels)" },
  reviewer: { type: "string", multiple: true, value: "USER", description: "ask this user to review" },
  "team-reviewer": { type: "string", multiple: true, value: "TEAM", description: "ask this team (slug) to review" },
  draft: { type: "boolean", description: "open the PR as a draft" },
  "auto-merge": {
    type: "string",
    value: "METHOD",
    choices: ["merge", "squash", "rebase", "off"],
    description: "merge, squash, rebase or off (default pull_request.auto_merge)"
  },
  supersede: {
    type: "boolean",
    description: "close the environment's other open promotion or rollback PR in favour of this one (without it, such a PR refuses the promotion)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the model registry: github:OWNER/REPO or a folder (default release.registry)"
  },
  ...gitOpsFlags,
  ...pullRequestFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var promoteCommand = {
  name: "promote",
  summary: "open the GitOps pull request that starts a canary (or steps, promotes, rolls back) a released model",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "promote", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship promote [MODEL[@VERSION]] --env ENV [--action start|step|promote|rollback|direct] [--weight N] [--supersede]",
          summary: "Checks the release (every sha256, a passing gate verdict for these bytes), edits the environment's manifests in the\nGitOps repository in place, validates them, pushes branch modelship/ENV/MODEL with a lease and opens or updates its\npull request. Without --gitops-repo the branch is pushed and the PR body written to --out. A re-run changes nothing.",
          flags,
          notes: "tokens: MODELSHIP_GITOPS_TOKEN (else GITHUB_TOKEN) for the GitOps repository, GITHUB_TOKEN for a GitHub registry\nexit status: 0 PR opened, updated or already up to date (or nothing to change), 2 refused or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const autoMerge = choiceFlag(values["auto-merge"], "auto-merge", ["merge", "squash", "rebase", "off"]);
    const options = {
      model: positionals[0],
      environment: values.env,
      action: choiceFlag(values.action, "action", ["start", "step", "promote", "rollback", "direct"]),
      strategy: choiceFlag(values.strategy, "strategy", ["canary", "blue-green", "direct"]),
      weight: integerFlag(values.weight, "weight"),
      ...values.supersede === true ? { supersede: true } : {},
      pullRequest: {
        labels: listFlag(values.label),
        reviewers: listFlag(values.reviewer),
        teamReviewers: listFlag(values["team-reviewer"]),
        draft: values.draft,
        autoMerge: autoMerge === "off" ? false : autoMerge
      },
      gitops: gitOpsInputs(values, output.context)
    };
    let result;
    try {
      result = await runPromoteStage(options, cliStageRun(output.context, values.config));
    } catch (error) {
      if (!(error instanceof EnvironmentNotGivenError)) throw error;
      context.print(`modelship promote: ${error.message}`);
      return ExitCode.usage;
    }
    output.emit({
      failed: false,
      json: {
        status: result.status,
        branch: result.branch,
        title: result.title,
        prNumber: result.prNumber,
        prUrl: result.prUrl,
        bodyPath: result.bodyPath,
        files: result.files,
        commit: result.commit,
        closedPr: result.closedPr,
        superseded: result.superseded,
        model: result.model,
        before: result.before,
        after: result.after
      },
      text: () => renderPromotionText(result, output.text),
      reports: [result.bodyPath]
    });
    return ExitCode.ok;
  }
};

// src/cli/commands/canary-command.ts
var flags2 = {
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "an environment to check (default: every one with health checks)"
  },
  prometheus: { type: "string", value: "URL", description: "Prometheus base URL (default health.prometheus)" },
  metrics: {
    type: "string",
    value: "FILE|URL",
    description: "a metrics document instead of Prometheus (schemas/canary-metrics.schema.json)"
  },
  now: { type: "string", value: "TIME", description: "judge the bake time as of this ISO 8601 time (default now)" },
  "dry-run": { type: "boolean", description: "decide and print, open no pull request" },
  ...gitOpsFlags,
  ...pullRequestFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var canaryCommand = {
  name: "canary",
  summary: "check running canaries' health and open the step-up, promotion or rollback pull request",
  flagSets: [{ flags: flags2 }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags2, { command: "canary", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship canary [--env ENV]... [--prometheus URL | --metrics FILE|URL] [--dry-run]",
          summary: "Reads the rollout state from the GitOps repository, queries each check for the canary (and the stable model where a\ncheck compares), and decides: roll back when a check fails, hold while the bake time runs or data is missing, else\nstep up to the next weight or promote after the last. The PR goes to branch modelship/ENV/MODEL, as promote's do.",
          flags: flags2,
          notes: "exit status: 0 decided (a PR opened or updated, or nothing to do), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    let now;
    if (values.now !== void 0) {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime()))
        throw new UserError(`--now "${values.now}" is not a time`, { hint: "give an ISO 8601 time, e.g. 2026-11-23T18:00:00Z" });
    }
    const results = await runCanaryStage(
      {
        environments: listFlag(values.env),
        prometheus: values.prometheus,
        metrics: values.metrics,
        now,
        dryRun: values["dry-run"] === true,
        gitops: gitOpsInputs(values, output.context)
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      failed: false,
      text: () => renderCanaryText(results, output.text),
      reports: results.map((result) => result.promotion?.bodyPath),
      json: results.map((result) => ({
        environment: result.environment,
        decision: result.decision,
        checks: result.checks,
        lastChange: result.lastChange,
        ...result.dryRun === void 0 ? {} : { dryRun: result.dryRun },
        promotion: result.promotion === void 0 ? void 0 : {
          status: result.promotion.status,
          branch: result.promotion.branch,
          title: result.promotion.title,
          prNumber: result.promotion.prNumber,
          prUrl: result.promotion.prUrl,
          bodyPath: result.promotion.bodyPath
        }
      }))
    });
    return ExitCode.ok;
  }
};

// src/cli/commands/drift-command.ts
var flags3 = {
  reference: {
    type: "string",
    value: "SPEC",
    description: "production (what the GitOps repo serves), latest, VERSION, MODEL@VERSION, a profile .json, or data files (default drift.reference)"
  },
  env: {
    type: "string",
    short: "e",
    value: "ENV",
    description: "the environment watched: which one `production` reads, and the issue's key (default drift.environment, else production)"
  },
  url: {
    type: "string",
    multiple: true,
    value: "URL",
    description: "HTTPS URL of current data (CSV, JSONL, Parquet); downloaded with retries"
  },
  "url-header": {
    type: "string",
    value: "NAME: VALUE",
    description: "header sent with --url downloads, e.g. an Authorization (default $MODELSHIP_DRIFT_URL_HEADER)"
  },
  "current-profile": {
    type: "string",
    multiple: true,
    value: "FILE|GLOB",
    description: "merge these shard profiles (made with --shard-output) instead of reading data"
  },
  "shard-output": {
    type: "string",
    value: "FILE",
    description: "only profile this shard of the current data on the reference's bins, into FILE"
  },
  mode: { type: "string", value: "MODE", choices: DRIFT_MODES, description: "default or evidently-compat (default drift.mode)" },
  "fail-on": {
    type: "string",
    value: "LEVEL",
    choices: DRIFT_FAIL_ON,
    description: "exit 1 on drift, on warn, or never (default drift.fail_on, else never)"
  },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where drift-report.json/.md go (default drift.report_dir, else .modelship/drift)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the model registry: github:OWNER/REPO or a folder (default release.registry, else .modelship/registry)"
  },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "the GitOps repository on GitHub, for --reference production (default promote.repository)"
  },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var driftCommand = {
  name: "drift",
  summary: "compare current data with the model's reference profile; write the drift report (issue + retraining on GitHub)",
  flagSets: [{ flags: flags3 }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags3, { command: "drift", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship drift [DATA|GLOB...] [--url URL]... [--reference SPEC] [--env ENV] [--mode MODE] [--fail-on LEVEL]\n       modelship drift DATA... --shard-output FILE        (one shard of a sharded check)\n       modelship drift --current-profile 'shards/*.json'    (merge the shards and decide)",
          summary: "Profiles the current data on the reference's frozen bins and compares each column: KS, chi-square or two-proportion z\nfor a small reference (\u2264 1000 rows), normalised Wasserstein or Jensen\u2013Shannon above, PSI on the frozen bins, null\nrates and unseen categories. The dataset drifts when the share of drifted feature columns reaches drift.share (0.5).",
          flags: flags3,
          notes: "exit status: 0 checked (whatever the verdict, unless --fail-on), 1 --fail-on matched, 2 input error"
        })
      );
      return ExitCode.ok;
    }
    const mode = choiceFlag(values.mode, "mode", DRIFT_MODES);
    const failOn = choiceFlag(values["fail-on"], "fail-on", DRIFT_FAIL_ON);
    const header = values["url-header"] ?? context.env.MODELSHIP_DRIFT_URL_HEADER;
    const output = commandOutput(context, values);
    const result = await runDriftStage(
      {
        reference: values.reference,
        environment: values.env,
        current: listFlag(positionals),
        currentUrls: listFlag(values.url),
        currentProfiles: listFlag(values["current-profile"]),
        shardOutput: values["shard-output"],
        mode,
        failOn,
        reportDir: values["report-dir"],
        gitops: gitOpsInputs(values, output.context),
        urlHeader: header || void 0,
        urlHeaderSource: values["url-header"] === void 0 ? "MODELSHIP_DRIFT_URL_HEADER" : "--url-header"
      },
      cliStageRun(output.context, values.config)
    );
    const report = result.report;
    if (report === void 0) return ExitCode.ok;
    output.emit({
      json: report,
      markdown: () => result.markdown,
      text: () => {
        const text = renderDriftText(report, output.text);
        return result.issuePath === void 0 ? text : `${text}
The drift issue it would open: ${result.issuePath}`;
      },
      reports: [result.reportPath, result.markdownPath],
      failed: result.failed
    });
    return result.failed ? ExitCode.checksFailed : ExitCode.ok;
  }
};

// src/data/contract/contract-diff-text.ts
function changeLine(change, options) {
  const subject = change.column === void 0 ? "" : `column ${printable(change.column)}: `;
  const status = change.breaking ? "fail" : change.notable === true ? "warn" : "info";
  return `  ${mark(options, status)} ${subject}${printable(change.message)} ${paint(options, "dim", `(${printable(change.kind)})`)}`;
}
function renderContractDiffText(diff2, options) {
  if (diff2.changes.length === 0) return `${mark(options, "pass")} No changes to the data contract.`;
  const breaking = diff2.changes.filter((change) => change.breaking);
  const notable = diff2.changes.filter((change) => !change.breaking && change.notable === true);
  const other = diff2.changes.filter((change) => !change.breaking && change.notable !== true);
  const lines = breaking.length > 0 ? [
    `${mark(options, "fail")} ${paint(options, "bold", `${plural(breaking.length, "breaking change")} to the data contract`)}: data that passed the old contract may fail the new one`
  ] : [
    `${mark(options, "pass")} ${paint(options, "bold", `${plural(diff2.changes.length, "change")} to the data contract, none breaking`)}: data that passed the old contract still passes`
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
function columnLine2(name, column, options) {
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
  if (options.verbose) lines.push(...columns.map(([name, column]) => columnLine2(name, column, options)));
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
  const shown2 = options.verbose ? check.examples : check.examples.slice(0, TEXT_EXAMPLES);
  const lines = [head];
  for (const example of shown2) {
    const where2 = example.line === void 0 ? example.file : `${example.file}:${example.line}`;
    lines.push(`    ${paint(options, "cyan", printable(where2))}  ${printable(example.message)}`);
  }
  const more = check.failing - shown2.length;
  if (more > 0 && shown2.length > 0) lines.push(paint(options, "dim", `    \u2026 ${more.toLocaleString("en-US")} more`));
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
    let shown2 = 0;
    for (const check of problems) {
      const block = problemLines(check, several, options);
      if (shown2 > 0 && used + block.length > TEXT_PROBLEM_LINES) break;
      lines.push(...block);
      used += block.length;
      shown2++;
    }
    if (shown2 < problems.length)
      lines.push(
        `\u2026 and ${problems.length - shown2} more ${options.quiet ? "failed" : "failed or warned"} ${problems.length - shown2 === 1 ? "check" : "checks"} (see the JSON report)`
      );
  }
  const diff2 = extra.contractDiff;
  if (diff2 !== void 0 && (diff2.breaking || !options.quiet && diff2.changes.length > 0 || options.verbose)) {
    lines.push(...renderContractDiffText(diff2, options).split("\n"));
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

// src/stages/contract-stage.ts
import { lstat } from "node:fs/promises";

// src/data/contract/infer-contract.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";

// src/data/validate/share-bound.ts
var ROUND_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
var HEADROOM = 1.5;
function roundShareUp(share) {
  const wanted = Math.min(1, Math.max(0, share) * HEADROOM);
  return ROUND_SHARES.find((round) => round >= wanted) ?? 1;
}

// src/data/validate/duplicate-rows.ts
var EXACT_ROW_LIMIT = 1e5;
var ESTIMATE_HEADROOM = 3 * DISTINCT_ESTIMATE_ERROR;
var DATE_START = /^\d{4}-\d{2}-\d{2}/;
function hashCell(hash, raw) {
  if (raw === null) hash.missing();
  else if (typeof raw === "number") hash.number(raw);
  else if (typeof raw === "bigint") hash.number(Number(raw));
  else if (typeof raw === "boolean") hash.word(raw ? 1 : 2);
  else if (raw instanceof Date) hash.number(raw.getTime());
  else {
    const number = coerceValue(raw, "number");
    if (number.ok && typeof number.value === "number") hash.number(number.value);
    else hashText(hash, raw);
  }
}
function hashText(hash, raw) {
  if (raw.length <= 5 && (raw.toLowerCase() === "true" || raw.toLowerCase() === "false")) hash.word(raw.toLowerCase() === "true" ? 1 : 2);
  else if (DATE_START.test(raw)) {
    const date = coerceValue(raw, raw.length === 10 ? "date" : "datetime");
    if (date.ok && typeof date.value === "number") hash.number(date.value);
    else hash.text(raw);
  } else hash.text(raw);
}
var DuplicateRowCounter = class {
  #hash = new Hash64();
  #files = [];
  #path = "";
  #counter;
  /** Starts counting a new file. */
  startFile(path) {
    this.#path = path;
    this.#counter = new RepeatCounter(EXACT_ROW_LIMIT);
  }
  /** Hashes every row of a batch (all columns, in file order). */
  add(batch) {
    const hash = this.#hash;
    const counter = this.#counter;
    for (let r = 0; r < batch.length; r++) {
      hash.reset();
      for (const column of batch.columns) hashCell(hash, column[r] ?? null);
      counter.add(hash.h1, hash.h2, batch.lines[r] ?? 0);
    }
  }
  /** Ends the file and records its share. */
  endFile() {
    const counter = this.#counter;
    const rows = counter.seen;
    const file = { path: this.#path, rows, share: rows === 0 ? 0 : Math.min(1, counter.repeats / rows), exact: counter.exact };
    this.#files.push(file);
    this.#counter = void 0;
    return file;
  }
  /** Each finished file's share. */
  get files() {
    return this.#files;
  }
  /** A `max_duplicate_share` every finished file meets: the round-up rule, on estimates plus three standard errors. */
  limit() {
    return Math.max(0, ...this.#files.map((file) => roundShareUp(file.exact ? file.share : file.share + ESTIMATE_HEADROOM)));
  }
};

// src/data/contract/column-inference.ts
var UNIQUE_ROW_LIMIT = 1e5;
var MIN_UNIQUE_VALUES = 20;
var BOOLEAN_TEXTS = /* @__PURE__ */ new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);
var DAY_MS = 24 * 60 * 60 * 1e3;
var ColumnInference = class {
  name;
  #maxEnum;
  #integer = true;
  #number = true;
  #boolean = true;
  #date = true;
  #datetime = true;
  #min = Infinity;
  #max = -Infinity;
  #dates = {};
  #datetimes = {};
  /** Counts per distinct value (as text, as categorical validation compares them); undefined past maxEnum. */
  #distinct = /* @__PURE__ */ new Map();
  /** Hashes of the values seen; undefined once a value repeats or the check is given up. */
  #seen = new HashTable64();
  #hash = new Hash64();
  #rows = 0;
  #nulls = 0;
  #fileRows = 0;
  #fileNulls = 0;
  #maxFileNullShare = 0;
  #emptyInSomeFile = false;
  constructor(name, maxEnum) {
    this.name = name;
    this.#maxEnum = maxEnum;
  }
  /** Starts a new file (null shares and emptiness are per file). */
  startFile() {
    this.#fileRows = 0;
    this.#fileNulls = 0;
  }
  /** Ends the current file. */
  endFile() {
    if (this.#fileRows > 0) this.#maxFileNullShare = Math.max(this.#maxFileNullShare, this.#fileNulls / this.#fileRows);
    if (this.#fileRows === this.#fileNulls) this.#emptyInSomeFile = true;
  }
  /** Takes the first `length` values of one batch of this column. */
  add(values, length) {
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) {
        this.#nulls++;
        this.#fileNulls++;
      } else this.#addValue(raw);
    }
    this.#rows += length;
    this.#fileRows += length;
    if (this.#rows > UNIQUE_ROW_LIMIT) this.#seen = void 0;
  }
  #addValue(raw) {
    if (this.#integer || this.#number) this.#addNumber(raw);
    if (this.#boolean) this.#boolean = typeof raw === "boolean" || typeof raw === "string" && BOOLEAN_TEXTS.has(raw);
    if (this.#date) this.#date = addInstant(this.#dates, raw, "date");
    if (this.#datetime) this.#datetime = addInstant(this.#datetimes, raw, "datetime");
    if (this.#distinct !== void 0) {
      const key = raw instanceof Date ? raw.toISOString() : String(raw);
      this.#distinct.set(key, (this.#distinct.get(key) ?? 0) + 1);
      if (this.#distinct.size > this.#maxEnum) this.#distinct = void 0;
    }
    if (this.#seen !== void 0) this.#addSeen(raw);
  }
  #addNumber(raw) {
    let coerced = this.#integer ? coerceValue(raw, "integer") : void 0;
    if (coerced !== void 0 && !coerced.ok) this.#integer = false;
    if (coerced === void 0 || !coerced.ok) coerced = this.#number ? coerceValue(raw, "number") : void 0;
    if (coerced === void 0 || !coerced.ok || typeof coerced.value !== "number") {
      this.#number = false;
      return;
    }
    if (coerced.value < this.#min) this.#min = coerced.value;
    if (coerced.value > this.#max) this.#max = coerced.value;
  }
  #addSeen(raw) {
    if (!this.#integer && (this.#number || this.#boolean || this.#date || this.#datetime)) {
      this.#seen = void 0;
      return;
    }
    const hash = this.#hash;
    hash.reset();
    hashCell(hash, raw);
    if (this.#seen.setIfAbsent(hash.h1, hash.h2, 1) !== void 0) this.#seen = void 0;
  }
  /** The column's facts once every file is read. */
  facts() {
    const nonNull = this.#rows - this.#nulls;
    const facts = {
      name: this.name,
      type: "string",
      rows: this.#rows,
      nulls: this.#nulls,
      maxFileNullShare: this.#maxFileNullShare,
      emptyInSomeFile: this.#emptyInSomeFile,
      unique: false
    };
    if (nonNull === 0) return facts;
    facts.type = this.#type();
    if (facts.type === "integer" || facts.type === "number") {
      facts.min = this.#min;
      facts.max = this.#max;
    } else if (facts.type === "date" || facts.type === "datetime") {
      const extremes = facts.type === "date" ? this.#dates : this.#datetimes;
      facts.min = extremes.min?.text;
      facts.max = extremes.max?.text;
    } else if (facts.type === "categorical") {
      facts.enum = [...this.#distinct.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)).map(([value]) => value);
    }
    facts.unique = (facts.type === "integer" || facts.type === "string") && this.#seen !== void 0 && nonNull >= MIN_UNIQUE_VALUES;
    return facts;
  }
  #type() {
    if (this.#integer) return "integer";
    if (this.#number) return "number";
    if (this.#boolean) return "boolean";
    if (this.#date) return "date";
    if (this.#datetime) return "datetime";
    return this.#distinct === void 0 ? "string" : "categorical";
  }
};
function addInstant(extremes, raw, type) {
  let instant;
  if (raw instanceof Date) {
    const time = raw.getTime();
    if (Number.isNaN(time)) return false;
    if (type === "date" && time % DAY_MS !== 0) return false;
    instant = { time, text: type === "date" ? raw.toISOString().slice(0, 10) : raw.toISOString() };
  } else {
    const coerced = coerceValue(raw, type);
    if (!coerced.ok || typeof coerced.value !== "number") return false;
    instant = { time: coerced.value, text: String(raw) };
  }
  if (extremes.min === void 0 || instant.time < extremes.min.time) extremes.min = instant;
  if (extremes.max === void 0 || instant.time > extremes.max.time) extremes.max = instant;
  return true;
}

// src/data/contract/contract-yaml.ts
var import_yaml = __toESM(require_dist(), 1);
function renderContractYaml(options) {
  const doc = new import_yaml.Document(options.document);
  doc.commentBefore = options.header.map((line) => ` ${line}`).join("\n");
  const setFlow = (path) => {
    const node = doc.getIn(path, true);
    if ((0, import_yaml.isSeq)(node)) node.flow = true;
  };
  setFlow(["dialect", "null_markers"]);
  options.document.columns.forEach((column, index) => {
    if (column.enum !== void 0) setFlow(["columns", index, "enum"]);
    if (Array.isArray(column.role)) setFlow(["columns", index, "role"]);
  });
  for (const comment of options.comments ?? []) {
    const node = doc.getIn(comment.path, true);
    if ((0, import_yaml.isScalar)(node)) node.comment = ` ${comment.text}`;
  }
  if ((0, import_yaml.isMap)(doc.contents)) {
    doc.contents.items.forEach((pair, index) => {
      if (index > 0 && (0, import_yaml.isScalar)(pair.key)) pair.key.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

// src/data/contract/infer-contract.ts
var DEFAULT_MAX_ENUM = 20;
async function inferContract(options) {
  const { paths, logger } = options;
  if (paths.length === 0)
    throw new UserError("no data files to draft a contract from", { hint: "pass one or more data files, e.g. data/train.csv" });
  const maxEnum = options.maxEnum ?? DEFAULT_MAX_ENUM;
  if (!Number.isSafeInteger(maxEnum) || maxEnum < 0)
    throw new UserError(`max-enum must be a whole number \u2265 0, got ${maxEnum}`, {
      hint: `leave it out for the default (${DEFAULT_MAX_ENUM})`
    });
  const readOptions = options.readOptions ?? {};
  const formats = paths.map((path) => readOptions.format ?? formatFromName(path));
  const dialect = await sniffFiles(
    paths.filter((_, index) => formats[index] === "csv"),
    readOptions,
    logger
  );
  const read = (collectMarkers) => readFiles({ paths, formats, dialect, readOptions, maxEnum, target: options.target, collectMarkers, logger });
  let pass = await read(dialect !== void 0 && readOptions.nullMarkers === void 0);
  if (dialect !== void 0) {
    const late = pass.markers.filter((marker) => !dialect.nullMarkers.includes(marker));
    if (late.length > 0) {
      dialect.nullMarkers = [
        "",
        ...NULL_MARKER_CANDIDATES.filter((marker) => dialect.nullMarkers.includes(marker) || late.includes(marker))
      ];
      logger.info(
        `Found the null marker(s) ${late.map((marker) => JSON.stringify(marker)).join(", ")} past the first 64 KiB; reading the data again with them.`
      );
      pass = await read(false);
    }
  }
  const { document, comments } = buildDocument({ pass, dialect, target: options.target, quoteGiven: readOptions.quote !== void 0 });
  const rows = pass.rowsPerFile.reduce((sum, count) => sum + count, 0);
  const files2 = paths.map((path, index) => `${path} (${pass.rowsPerFile[index].toLocaleString("en-US")} rows)`).join(", ");
  const yaml = renderContractYaml({
    document,
    header: [
      `Drafted by \`modelship contract infer\` from ${files2} on ${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10)}.`,
      "Review before committing: it describes the data you have, not the data you want.",
      "Types, ranges and enums are what these rows hold; widen them where new data may differ.",
      "Format: schemas/data-contract.schema.json"
    ],
    comments
  });
  checkLoadable(yaml, document);
  return { yaml, document, rows };
}
async function sniffFiles(paths, given, logger) {
  let merged;
  let first = "";
  for (const path of paths) {
    const dialect = await sniffDialect(path, given);
    logger.debug(
      `${path}: delimiter ${JSON.stringify(dialect.delimiter)}, trim ${dialect.trim}, null markers ${JSON.stringify(dialect.nullMarkers)}`
    );
    if (merged === void 0) {
      merged = dialect;
      first = path;
      continue;
    }
    if (dialect.delimiter !== merged.delimiter) {
      throw new UserError(`looks delimited by ${JSON.stringify(dialect.delimiter)}, but ${first} by ${JSON.stringify(merged.delimiter)}`, {
        file: path,
        hint: "a contract has one dialect: pass --delimiter, or draft a contract per kind of file"
      });
    }
    merged.trim ||= dialect.trim;
    merged.nullMarkers = [
      "",
      ...NULL_MARKER_CANDIDATES.filter((marker) => merged.nullMarkers.includes(marker) || dialect.nullMarkers.includes(marker))
    ];
  }
  if (merged !== void 0) {
    if (given.nullMarkers !== void 0) merged.nullMarkers = [...given.nullMarkers];
    logger.info(
      `CSV dialect: delimiter ${JSON.stringify(merged.delimiter)}${merged.trim ? ", spaces after delimiters trimmed" : ""}, null markers ${merged.nullMarkers.map((marker) => JSON.stringify(marker)).join(", ")}`
    );
  }
  return merged;
}
async function readFiles(options) {
  const { paths, formats, dialect, readOptions } = options;
  let names;
  let columns = [];
  let evidence;
  const duplicates = new DuplicateRowCounter();
  const rowsPerFile = [];
  for (const [index, path] of paths.entries()) {
    const csv = formats[index] === "csv" && dialect !== void 0;
    const table2 = await openTable(
      path,
      csv ? {
        ...readOptions,
        format: "csv",
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        trim: dialect.trim,
        nullMarkers: dialect.nullMarkers
      } : readOptions
    );
    if (names === void 0) {
      checkHeader(path, table2.columns, table2.headerLine);
      checkTarget(path, table2.columns, options.target);
      names = table2.columns;
      columns = names.map((name) => new ColumnInference(name, options.maxEnum));
      if (options.collectMarkers) evidence = new NullMarkerEvidence(names.length);
    } else {
      checkSameColumns(path, table2.columns, paths[0], names);
    }
    const positions = names.map((name) => table2.columns.indexOf(name));
    for (const column of columns) column.startFile();
    duplicates.startFile(path);
    for await (const batch of table2.batches()) {
      columns.forEach((column, c) => {
        const values = batch.columns[positions[c]];
        column.add(values, batch.length);
        if (csv) evidence?.add(c, values, batch.length);
      });
      duplicates.add(batch);
    }
    for (const column of columns) column.endFile();
    const rows = duplicates.endFile().rows;
    rowsPerFile.push(rows);
    options.logger.info(`${path}: ${rows.toLocaleString("en-US")} rows, ${names.length} columns read`);
  }
  return { columns: columns.map((column) => column.facts()), rowsPerFile, duplicates, markers: evidence?.chosen() ?? [] };
}
function checkHeader(path, columns, line) {
  const seen = /* @__PURE__ */ new Set();
  for (const [index, name] of columns.entries()) {
    if (name === "")
      throw new UserError(`column ${index + 1} has no name in the header`, {
        file: path,
        line,
        hint: "name every column in the header line"
      });
    if (seen.has(name))
      throw new UserError(`the header names column "${name}" twice`, {
        file: path,
        line,
        hint: "rename one of them: a contract tells columns apart by name"
      });
    seen.add(name);
  }
}
function checkTarget(path, columns, target) {
  if (target === void 0 || columns.includes(target)) return;
  throw new UserError(`--target "${target}" is not a column of the data`, { file: path, hint: `use one of: ${columns.join(", ")}` });
}
function checkSameColumns(path, columns, firstPath, expected) {
  const missing = expected.filter((name) => !columns.includes(name));
  const extra = columns.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0 && columns.length === expected.length) return;
  const parts = [
    missing.length > 0 ? `lacks ${missing.map((name) => `"${name}"`).join(", ")}` : "",
    extra.length > 0 ? `has ${extra.map((name) => `"${name}"`).join(", ")} in addition` : ""
  ];
  throw new UserError(`has other columns than ${firstPath}: it ${parts.filter(Boolean).join(" and ") || "repeats a column"}`, {
    file: path,
    hint: "draft a contract from files that share one header, or one contract per kind of file"
  });
}
function percent3(share) {
  return `${(share * 100).toFixed(2)}%`;
}
function buildDocument(options) {
  const { pass, dialect } = options;
  const comments = [];
  const columns = pass.columns.map((facts, index) => {
    const { column, nullComment } = columnDocument(facts, facts.name === options.target);
    if (nullComment !== void 0) comments.push({ path: ["columns", index, "max_null_share"], text: nullComment });
    return column;
  });
  const document = dialect === void 0 ? { version: 1, columns } : { version: 1, dialect: dialectDocument(dialect, options.quoteGiven), columns };
  const smallest = Math.min(...pass.rowsPerFile);
  const duplicateShare = Math.max(0, ...pass.duplicates.files.map((file) => file.share));
  const estimated = pass.duplicates.files.some((file) => !file.exact);
  document.dataset = {
    min_rows: smallest > 0 ? Math.max(1, Math.floor(smallest / 2)) : 0,
    max_duplicate_share: pass.duplicates.limit(),
    unknown_columns: "error"
  };
  comments.push({
    path: ["dataset", "min_rows"],
    text: `half the ${smallest.toLocaleString("en-US")} rows of the ${pass.rowsPerFile.length > 1 ? "smallest file" : "data"}`
  });
  comments.push({
    path: ["dataset", "max_duplicate_share"],
    text: `${percent3(duplicateShare)} of rows repeat an earlier row${estimated ? " (estimated)" : ""}`
  });
  return { document, comments };
}
function dialectDocument(dialect, quoteGiven) {
  const section = { delimiter: dialect.delimiter };
  if (quoteGiven || dialect.quote !== '"') section.quote = dialect.quote;
  section.trim = dialect.trim;
  section.null_markers = dialect.nullMarkers;
  return section;
}
function columnDocument(facts, isTarget) {
  const column = { name: facts.name, type: facts.type, role: isTarget ? "target" : "feature" };
  let nullComment;
  if (facts.nulls === 0) column.nullable = false;
  else {
    const limit = roundShareUp(facts.maxFileNullShare);
    if (limit < 1) {
      column.max_null_share = limit;
      nullComment = `${percent3(facts.maxFileNullShare)} missing`;
    }
  }
  if (facts.min !== void 0) column.min = facts.min;
  if (facts.max !== void 0) column.max = facts.max;
  if (facts.enum !== void 0) column.enum = facts.enum;
  if (facts.unique) column.unique = true;
  if (facts.emptyInSomeFile) column.allow_empty = true;
  return { column, nullComment };
}
function checkLoadable(yaml, document) {
  try {
    parseContract(yaml, "drafted contract");
  } catch (error) {
    throw new Error(`the drafted contract does not load: ${getErrorMessage(error)}`, { cause: error });
  }
  if (!isDeepStrictEqual((0, import_yaml2.parse)(yaml), JSON.parse(JSON.stringify(document)))) {
    throw new Error("the drafted contract's YAML does not read back as the document it was written from");
  }
}

// src/stages/contract-stage.ts
async function runContractInferStage(inputs, run) {
  if (inputs.data.length === 0)
    throw new UserError("contract infer needs a data file", {
      hint: "modelship contract infer data/train.csv --target label --output contract.yaml"
    });
  const output = inputs.output;
  if (output !== void 0) {
    await checkOutputFile(output, "--output");
    if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  }
  const result = await inferContract({
    paths: inputs.data,
    target: inputs.target,
    maxEnum: inputs.maxEnum,
    readOptions: inputs.delimiter === void 0 ? void 0 : { delimiter: inputs.delimiter },
    logger: run.logger
  });
  if (output === void 0) return { yaml: result.yaml };
  if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  await writeFileAtomic(output, result.yaml);
  return { yaml: result.yaml, output };
}
function alreadyThere(output) {
  return new UserError(`${output} already exists`, { file: output, hint: "pass --force to overwrite it, or choose another --output" });
}
async function exists(path) {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
async function runContractDiffStage(inputs) {
  const [old, next] = inputs.contracts;
  if (inputs.contracts.length !== 2 || old === void 0 || next === void 0)
    throw new UserError("contract diff needs two contracts: OLD NEW", { hint: "modelship contract diff base/contract.yaml contract.yaml" });
  const diff2 = diffContracts(await loadContract(old), await loadContract(next));
  return { diff: diff2, markdown: renderContractDiffMarkdown(diff2) };
}

// src/cli/commands/contract-command.ts
var inferFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: "write the contract here instead of stdout (refuses to overwrite without --force)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (role: target)" },
  "max-enum": {
    type: "string",
    value: "N",
    numeric: "integer",
    description: "string columns with at most N distinct values become enums (default 20)"
  },
  delimiter: { type: "string", value: "CHAR", description: "CSV delimiter (default: from the extension)" },
  force: { type: "boolean", description: "overwrite --output if it exists" },
  ...levelFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var diffFlags = {
  "fail-on-breaking": { type: "boolean", description: "exit 1 when a change is breaking" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function infer(context, argv) {
  const { flags: flags12, positionals } = parseFlags(argv, inferFlags, { command: "contract infer", env: context.env });
  if (flags12.help) {
    context.print(
      renderHelp({
        usage: "modelship contract infer DATA... [--target COLUMN] [--output FILE]",
        summary: "Drafts a data contract (types, ranges, enums, null markers) that the given data satisfies.\nReview it: it describes the data you have, not the data you want.",
        flags: inferFlags
      })
    );
    return ExitCode.ok;
  }
  const output = commandOutput(context, flags12);
  const result = await runContractInferStage(
    {
      data: positionals,
      target: flags12.target,
      maxEnum: integerFlag(flags12["max-enum"], "max-enum"),
      delimiter: flags12.delimiter,
      output: flags12.output,
      force: flags12.force
    },
    cliStageRun(output.context, void 0)
  );
  if (result.output === void 0) {
    context.print(result.yaml.trimEnd());
    return ExitCode.ok;
  }
  if (!flags12.quiet) context.print(`Wrote a draft contract to ${result.output}: review it before you commit it.`);
  return ExitCode.ok;
}
async function diff(context, argv) {
  const { flags: flags12, positionals } = parseFlags(argv, diffFlags, { command: "contract diff", env: context.env });
  if (flags12.help) {
    context.print(
      renderHelp({
        usage: "modelship contract diff OLD NEW",
        summary: "Lists what changed between two versions of a contract, and which changes are breaking\n(removed column, narrowed type, tightened constraint, removed enum value\u2026).",
        flags: diffFlags
      })
    );
    return ExitCode.ok;
  }
  const output = commandOutput(context, flags12);
  const { diff: result, markdown } = await runContractDiffStage({ contracts: positionals });
  const failed = flags12["fail-on-breaking"] === true && result.breaking;
  output.emit({ json: result, markdown: () => markdown, text: () => renderContractDiffText(result, output.text), failed });
  return failed ? ExitCode.checksFailed : ExitCode.ok;
}
var contractCommand = {
  name: "contract",
  summary: "`contract infer DATA` drafts a contract; `contract diff OLD NEW` classifies changes",
  flagSets: [
    { sub: "infer", flags: inferFlags },
    { sub: "diff", flags: diffFlags }
  ],
  async run(context) {
    const [sub, ...rest] = context.argv;
    if (sub === "infer") return infer(context, rest);
    if (sub === "diff") return diff(context, rest);
    if (sub === "--help" || sub === "-h" || sub === "help") {
      context.print(
        [
          "usage: modelship contract infer DATA... [--target COLUMN] [--output FILE]",
          "       modelship contract diff OLD NEW",
          "",
          "  infer  drafts a data contract that the given data satisfies",
          "  diff   lists what changed between two contracts, and which changes are breaking",
          "",
          "modelship contract infer --help and modelship contract diff --help list their options."
        ].join("\n")
      );
      return ExitCode.ok;
    }
    throw new UserError(sub === void 0 ? "contract needs a subcommand" : `unknown subcommand "contract ${sub}"`, {
      hint: "use `modelship contract infer DATA` or `modelship contract diff OLD NEW`"
    });
  }
};

// src/cli/commands/evaluate-command.ts
var FAIL_ON = ["fail", "warn", "never"];
var flags4 = {
  model: {
    type: "string",
    short: "m",
    value: "FILE",
    description: "the ONNX model (default model.onnx in train.output, else .modelship/model)"
  },
  contract: {
    type: "string",
    short: "c",
    value: "FILE",
    description: "data contract: dialect, aliases, target and sensitive columns (default data.contract)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (default the contract's target)" },
  feature: { type: "string", multiple: true, value: "COLUMN", description: "feature columns in order, for a model with one [N, F] input" },
  policy: { type: "string", value: "FILE", description: "gate policy file (default the gates section of modelship.yaml)" },
  champion: {
    type: "string",
    value: "FILE",
    description: "the model to beat, compared on the same rows (a file; gates.champion.release: VERSION|latest takes it from the registry)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the registry a released champion comes from (default release.registry, else .modelship/registry)"
  },
  threshold: {
    type: "string",
    value: "P",
    numeric: "number",
    description: "decision threshold on the positive class's probability (default 0.5)"
  },
  "positive-label": { type: "string", value: "LABEL", description: "the positive class of a binary classifier (default the second class)" },
  resamples: {
    type: "string",
    value: "N",
    numeric: "integer",
    description: "bootstrap resamples of the metric and champion intervals (default 2000; 0 turns them off; fairness has gates.fairness.resamples)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "bootstrap seed (default 0)" },
  threads: {
    type: "string",
    value: "N",
    numeric: "integer",
    min: 1,
    description: "onnxruntime intra-op threads (MODELSHIP_THREADS also sets the bootstrap's worker threads)"
  },
  "fail-on": { type: "string", value: "LEVEL", choices: FAIL_ON, description: "fail (default), warn or never" },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where gate-report.json and gate-report.md go (default .modelship/evaluation)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var evaluateCommand = {
  name: "evaluate",
  summary: "evaluate an ONNX model: metrics with CIs, fairness, champion comparison, gates",
  flagSets: [{ flags: flags4 }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags4, { command: "evaluate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship evaluate [DATA...] [--model model.onnx] [--policy gates.yaml] [--champion prod.onnx]",
          summary: "Runs the model over the test data in onnxruntime, computes metrics with bootstrap intervals, fairness per\nsensitive group and the paired comparison with a champion, applies the gate policy, and writes gate-report.json\nand gate-report.md (the PR comment).",
          flags: flags4,
          notes: "exit status: 0 passed, 1 a gate failed (under --fail-on), 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runEvaluateStage(
      {
        model: values.model,
        data: listFlag(positionals),
        contract: values.contract,
        target: values.target,
        features: listFlag(values.feature),
        policy: values.policy,
        champion: values.champion,
        registry: values.registry,
        threshold: numberFlag(values.threshold, "threshold"),
        positiveLabel: values["positive-label"],
        resamples: integerFlag(values.resamples, "resamples"),
        seed: integerFlag(values.seed, "seed"),
        threads: integerFlag(values.threads, "threads", 1),
        failOn: choiceFlag(values["fail-on"], "fail-on", FAIL_ON),
        reportDir: values["report-dir"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.report,
      markdown: () => result.markdown,
      text: () => renderGateText(result.report, output.text),
      reports: [result.reportPath, result.markdownPath],
      failed: !result.passed
    });
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/registry/registry-text.ts
var TEXT_MANIFEST_METRICS = 6;
var REASON_CHARACTERS = 100;
function gateVerdictText(verdict2, allowUngated) {
  switch (verdict2) {
    case "pass":
      return { mark: "pass", text: "gates pass" };
    case "warn":
      return { mark: "warn", text: "gates pass with warnings" };
    case "missing":
      return { mark: "warn", text: `no gate report${allowUngated ? " (released ungated)" : ""}` };
    default:
      return {
        mark: verdict2 === "fail" ? "fail" : "warn",
        text: `gates ${printable(verdict2)}${allowUngated ? " (released ungated)" : ""}`
      };
  }
}
function manifestGateLine(manifest, options) {
  const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
  const parts = [paint(options, gate.mark === "pass" ? "green" : gate.mark === "fail" ? "red" : "yellow", gate.text)];
  if (!manifest.gate.modelMatches && manifest.gate.verdict !== "missing") parts.push("the gate report is for other model bytes");
  const reason = manifest.gate.reason;
  if (reason !== void 0)
    parts.push(printable(options.verbose || reason.length <= REASON_CHARACTERS ? reason : `${reason.slice(0, REASON_CHARACTERS - 1)}\u2026`));
  return `  ${mark(options, manifest.gate.modelMatches || manifest.gate.verdict === "missing" ? gate.mark : "warn")} ${parts.join("; ")}`;
}
function manifestLines(manifest, options) {
  const lines = [manifestGateLine(manifest, options)];
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    const shown2 = options.verbose ? metrics : metrics.slice(0, TEXT_MANIFEST_METRICS);
    const more = metrics.length - shown2.length;
    const text = shown2.map(
      ([name, metric]) => `${printable(name)} ${paint(options, "bold", significant(metric.value))}${metric.ci === void 0 || !options.verbose ? "" : ` [${significant(metric.ci[0])}, ${significant(metric.ci[1])}]`}`
    );
    lines.push(`  metrics: ${text.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  const width = Math.max(0, ...manifest.files.map((file) => printable(file.name).length));
  const roleWidth = Math.max(0, ...manifest.files.map((file) => file.role.length));
  const sizeWidth = Math.max(0, ...manifest.files.map((file) => bytes(file.bytes).length));
  lines.push(`  files (digest ${options.verbose ? printable(manifest.digest) : shortSha(manifest.digest)}):`);
  for (const file of manifest.files)
    lines.push(
      `    ${printable(file.name).padEnd(width)}  ${paint(options, "dim", file.role.padEnd(roleWidth))}  ${bytes(file.bytes).padStart(sizeWidth)}  ${options.verbose ? printable(file.sha256) : shortSha(file.sha256)}`
    );
  const lineage = [
    manifest.lineage.gitSha === void 0 ? void 0 : `commit ${printable(manifest.lineage.gitSha.slice(0, 12))}`,
    manifest.lineage.previousVersion === void 0 ? void 0 : `after ${printable(manifest.lineage.previousVersion)}`,
    manifest.lineage.runUrl === void 0 ? void 0 : printable(manifest.lineage.runUrl)
  ].filter((part) => part !== void 0);
  if (lineage.length > 0) lines.push(`  lineage: ${lineage.join(", ")}`);
  return lines;
}

// src/stages/fetch-text.ts
function provenanceLine(provenance, options) {
  const text = printable(provenance.text.replace(/\*\*|`/g, ""));
  return `  ${mark(options, provenance.status)} build provenance ${provenance.status === "pass" ? text : paint(options, "yellow", text)}`;
}
function renderFetchText(result, options) {
  const { manifest } = result;
  const cache = result.fromCache ? " (from the cache)" : "";
  const lines = [
    `${mark(options, "pass")} ${paint(options, "bold", `Fetched ${printable(result.model)} ${printable(result.version)}`)} into ${paint(options, "cyan", printable(result.path))}: ${plural(manifest.files.length, "file")} verified${cache}`
  ];
  if (options.quiet) return lines.join("\n");
  if (options.verbose) lines.push(...manifestLines(manifest, options));
  else lines.push(manifestGateLine(manifest, options));
  lines.push(provenanceLine(result.provenance, options));
  lines.push(`  model: ${printable(result.modelPath)}${options.verbose ? "" : ` (digest ${shortSha(manifest.digest)})`}`);
  return lines.join("\n");
}

// src/cli/commands/fetch-command.ts
var flags5 = {
  dir: { type: "string", short: "d", value: "DIR", description: "where the files go (default .modelship/fetched/MODEL)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  cache: { type: "string", value: "DIR", description: "keep verified packages here by digest, and reuse them" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var fetchCommand = {
  name: "fetch",
  summary: "download a released model and verify every file against its manifest and SHA256SUMS",
  flagSets: [{ flags: flags5 }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags5, { command: "fetch", env: context.env });
    if (!values.help && positionals.length === 0)
      throw new UserError("fetch needs the model to fetch: MODEL, MODEL@VERSION or MODEL@latest", {
        hint: "e.g. modelship fetch adult-income@1.2.0 (modelship fetch --help lists the options)"
      });
    if (positionals.length > 1)
      throw new UserError(`fetch takes one model, got ${positionals.length}: ${positionals.join(" ")}`, {
        hint: "fetch one MODEL[@VERSION] at a time"
      });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship fetch MODEL[@VERSION|@latest] [--dir DIR] [--registry SPEC] [--cache DIR]",
          summary: "Downloads a model version and checks every file's sha256 and size against manifest.json and SHA256SUMS before\nanything uses it; a mismatch names the file and nothing is left in --dir.",
          flags: flags5,
          notes: "exit status: 0 fetched and verified, 2 input error or verification failed"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const fetched = await runFetchStage(
      { ref: positionals[0], dir: values.dir, registry: values.registry, tagFormat: values["tag-format"], cacheDir: values.cache },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: fetched.manifest,
      text: () => renderFetchText(fetched, output.text),
      failed: false
    });
    return ExitCode.ok;
  }
};

// src/stages/init-data.ts
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve, sep as sep2 } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

// src/stages/init-paths.ts
import { constants } from "node:fs";
import { lstat as lstat2, open, realpath, rm, rmdir } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
async function checkOutputPath(root, path) {
  const parts = path.split("/");
  for (let index = 0; index < parts.length; index++) {
    const sub = parts.slice(0, index + 1).join("/");
    const last = index === parts.length - 1;
    const info = await lstat2(join(root, sub)).catch((error) => {
      if (errnoCode(error) === "ENOENT") return void 0;
      throw error;
    });
    if (info === void 0)
      return { path, exists: false, creates: parts.slice(index, -1).map((_, at) => parts.slice(0, index + at + 1).join("/")) };
    if (info.isSymbolicLink())
      throw new UserError(
        `${sub} is a symbolic link${last ? "" : ` (init writes ${path} inside it)`}: init does not read or write through links, which could lead out of the repository`,
        {
          file: sub,
          hint: `replace the link by a regular ${last ? "file" : "folder"} (or remove it), then run init again`
        }
      );
    if (!last && !info.isDirectory())
      throw new UserError(`${sub} is not a folder, and init writes ${path} inside it; nothing was written`, {
        file: sub,
        hint: `move ${sub} away, then run init again`
      });
    if (last && !info.isFile())
      throw new UserError(
        `${path} is not a regular file (${info.isDirectory() ? "a folder" : "a device, socket or pipe"}); nothing was written`,
        {
          file: path,
          hint: `move ${path} away, then run init again`
        }
      );
  }
  return { path, exists: true, creates: [] };
}
async function readOutput(root, path) {
  const handle = await open(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile())
      throw new UserError(`${path} is not a regular file`, { file: path, hint: `move ${path} away, then run init again` });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
async function writeOutputs(root, files2, write) {
  const written = [];
  try {
    for (const file of files2) {
      await write(join(root, file.place.path), file.bytes);
      written.push(file.place);
    }
  } catch (error) {
    for (const place of written) if (!place.exists) await rm(join(root, place.path), { force: true }).catch(() => void 0);
    const folders = [...new Set(files2.flatMap((file) => file.place.creates))].sort((a, b) => b.split("/").length - a.split("/").length);
    for (const folder of folders) await rmdir(join(root, folder)).catch(() => void 0);
    throw error;
  }
}
async function assertInside(root, path, flag) {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(join(root, path))]);
  const inside = relative(realRoot, real);
  if (inside === ".." || inside.startsWith(`..${sep}`) || inside === "" || isAbsolute(inside))
    throw new UserError(`${flag} ${path} leads out of this repository through a symbolic link (to ${real})`, {
      file: path,
      hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`
    });
}
var PLAIN = /^[\p{L}\p{M}\p{N}_.+/-]+$/u;
function shown(value) {
  return PLAIN.test(value) ? value : quoted(value);
}
function quoted(value) {
  return printable(JSON.stringify(value));
}

// src/stages/init-data.ts
var WELL_KNOWN_TARGETS = ["target", "label", "labels", "class", "y", "outcome"];
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set([".git", "node_modules", ".modelship", ".venv", "__pycache__"]);
var MAX_DEPTH = 6;
var CSV_NAME = /\.csv(\.gz)?$/i;
var SPLIT_NAME = /\.(train|test)\.csv(\.gz)?$/i;
async function findCsvFiles(root) {
  const found = [];
  const walk = async (dir, depth) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join2(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) await walk(path, depth + 1);
      } else if (entry.isFile() && CSV_NAME.test(entry.name)) found.push(relative2(root, path).split(sep2).join("/"));
    }
  };
  await walk(root, 0);
  const sources2 = new Set(found.filter((path) => !SPLIT_NAME.test(path)));
  return found.filter((path) => !(SPLIT_NAME.test(path) && sources2.has(path.replace(SPLIT_NAME, ".csv$2")))).sort();
}
async function chooseDataFile(root, given, flag = "--data") {
  if (given !== void 0) {
    const path = resolve(root, given);
    const inside = relative2(root, path);
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep2}`) || isAbsolute2(inside))
      throw new UserError(`${flag} ${given} is outside this repository`, {
        hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`
      });
    const info = await stat(path).catch(() => void 0);
    if (info === void 0 || !info.isFile())
      throw new UserError(`${flag} ${given}: no such file`, {
        file: given,
        hint: `give ${flag} the path of your CSV, relative to this folder`
      });
    const chosen = plainPath(inside.split(sep2).join("/"), flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  const candidates = await findCsvFiles(root);
  if (candidates.length === 1) {
    const chosen = plainPath(candidates[0], flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  if (candidates.length === 0)
    throw new UserError("found no *.csv or *.csv.gz file in this folder or below (outside .git and node_modules)", {
      hint: "copy your data here, or name it with --data PATH"
    });
  const pair = trainTestPair(candidates);
  const example = pair !== void 0 ? `--data ${pair.train} --test ${pair.test}` : `--data ${candidates.find((path) => !/test/i.test(basename(path))) ?? candidates[0]}`;
  throw new UserError(`found ${candidates.length} CSV files, and init uses one:
${candidates.map((path) => `  ${path}`).join("\n")}`, {
    hint: `name the training data with --data and a held-out test file with --test (e.g. ${example})`
  });
}
function trainTestPair(paths) {
  const lower = new Map(paths.map((path) => [path.toLowerCase(), path]));
  const pairs = [];
  for (const path of paths) {
    const name = basename(path);
    const at = name.toLowerCase().lastIndexOf("train");
    if (at === -1) continue;
    const test = lower.get(`${path.slice(0, path.length - name.length)}${name.slice(0, at)}test${name.slice(at + 5)}`.toLowerCase());
    if (test !== void 0) pairs.push({ train: path, test });
  }
  return pairs.length === 1 ? pairs[0] : void 0;
}
function plainPath(path, flag) {
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(path))
    throw new UserError(`the data file ${quoted(path)} has a control character (a line break, a tab\u2026) in its name`, {
      hint: `rename it, then run init again (with ${flag} NEWNAME)`
    });
  return path;
}
async function readShape(root, path) {
  const dialect = await sniffDialect(join2(root, path));
  const readOptions = {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    trim: dialect.trim,
    nullMarkers: dialect.nullMarkers,
    format: "csv"
  };
  const table2 = await openTable(join2(root, path), readOptions);
  return { readOptions, columns: table2.columns };
}
function chooseTarget(columns, given, file) {
  const listed = columns.map((column) => quoted(column)).join(", ");
  if (given !== void 0) {
    if (columns.includes(given)) return { target: given, detected: false };
    throw new UserError(`--target ${quoted(given)} is not a column of ${file}; its columns are ${listed}`, {
      file,
      hint: "give --target one of those columns (names are case-sensitive)"
    });
  }
  const known = columns.filter((column) => WELL_KNOWN_TARGETS.includes(column.toLowerCase()));
  if (known.length === 1) return { target: known[0], detected: true };
  throw new UserError(
    known.length === 0 ? `cannot tell which column of ${file} the model should predict (none is called ${WELL_KNOWN_TARGETS.join(", ")}); its columns are ${listed}` : `several columns of ${file} look like the target: ${known.map((column) => quoted(column)).join(", ")}`,
    { file, hint: "name the column the model predicts with --target COLUMN" }
  );
}
var MAX_DISTINCT = 1e5;
function isFreeText(stats) {
  return stats.values > 0 && stats.spaced / stats.values >= 0.5 && stats.distinct / stats.values >= 0.3;
}
var MAX_CLASSES = 20;
async function readTargetFacts(root, path, shape, target, numericColumns, textColumns = []) {
  const table2 = await openTable(join2(root, path), shape.readOptions);
  const targetIndex = table2.columns.indexOf(target);
  const wanted = numericColumns.map((name) => ({ name, index: table2.columns.indexOf(name), values: [] }));
  const texts = textColumns.map((name) => ({ name, index: table2.columns.indexOf(name), seen: /* @__PURE__ */ new Set(), values: 0, spaced: 0 }));
  const counts2 = /* @__PURE__ */ new Map();
  let rows = 0;
  let numeric = true;
  for await (const batch of table2.batches()) {
    const column = batch.columns[targetIndex];
    for (const value of column) {
      if (value === null) continue;
      rows++;
      const text = String(value);
      if (numeric && (text.trim() === "" || !Number.isFinite(Number(text)))) numeric = false;
      if (counts2.has(text) || counts2.size <= MAX_CLASSES) counts2.set(text, (counts2.get(text) ?? 0) + 1);
    }
    for (const entry of texts) {
      for (const value of batch.columns[entry.index]) {
        if (value === null) continue;
        const text = String(value).trim();
        entry.values++;
        if (/\s/.test(text)) entry.spaced++;
        if (entry.seen.size < MAX_DISTINCT) entry.seen.add(text);
      }
    }
    for (const entry of wanted) {
      for (const value of batch.columns[entry.index]) {
        const number = value === null ? Number.NaN : Number(value);
        if (Number.isFinite(number)) entry.values.push(number);
      }
    }
  }
  return {
    rows,
    counts: counts2,
    numeric,
    values: new Map(wanted.map((entry) => [entry.name, entry.values])),
    freeText: new Map(
      texts.map((entry) => [entry.name, isFreeText({ values: entry.values, distinct: entry.seen.size, spaced: entry.spaced })])
    )
  };
}
var MAX_SPLIT_BYTES = 400 * 2 ** 20;
async function splitData(root, path, options) {
  const raw = await readFile(join2(root, path));
  const gzipped = raw[0] === 31 && raw[1] === 139;
  const bytes2 = gzipped ? gunzipSync(raw) : raw;
  if (bytes2.length > MAX_SPLIT_BYTES)
    throw new UserError(`${path} is ${Math.round(bytes2.length / 2 ** 20)} MiB: too large for init to split in memory`, {
      file: path,
      hint: "split it yourself and give the held-out part with --test PATH"
    });
  const text = bytes2.toString("utf8");
  const [header, ...records] = splitRecords(text, options.quote, true);
  if (header === void 0) throw new UserError(`${path} is empty`, { file: path, hint: "give --data a CSV with a header and rows" });
  const train = [];
  const test = [];
  const cut = Math.floor(options.share * 2 ** 32);
  for (const record of records) {
    const hash = createHash("sha256").update(`${options.seed}\0${record.trimEnd()}`).digest();
    (hash.readUInt32BE(0) < cut ? test : train).push(record);
  }
  if (train.length === 0 || test.length === 0)
    throw new UserError(`${path} has ${records.length} row(s): too few to hold some out for testing`, {
      file: path,
      hint: "add rows, or give a separate test file with --test PATH"
    });
  const stem = basename(path).replace(CSV_NAME, "");
  const extension = gzipped ? ".csv.gz" : ".csv";
  if (Buffer.byteLength(`${stem}.train${extension}`) > 255)
    throw new UserError(`${path}: the split's file name ${stem}.train${extension} would be longer than 255 bytes`, {
      file: path,
      hint: "rename the data file to a shorter name, or give --test PATH (no split)"
    });
  const folder = dirname(path) === "." ? "" : `${dirname(path)}/`;
  const encode = (rows) => {
    const body = Buffer.from(`${[header, ...rows].join("\n")}
`, "utf8");
    return gzipped ? gzipSync(body) : body;
  };
  return {
    train: { path: `${folder}${stem}.train${extension}`, rows: train.length, data: encode(train) },
    test: { path: `${folder}${stem}.test${extension}`, rows: test.length, data: encode(test) },
    share: options.share,
    seed: options.seed
  };
}
function quartileEdges(values) {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const edges = [0.25, 0.5, 0.75].map((q) => Number(at(q).toPrecision(3)));
  return [...new Set(edges)].filter((edge) => edge > sorted[0] && edge <= sorted[sorted.length - 1]);
}

// src/stages/init-stage.ts
var import_yaml4 = __toESM(require_dist(), 1);
import { mkdir, mkdtemp, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename as basename2, dirname as dirname2, join as join3, posix, resolve as resolve2 } from "node:path";

// src/stages/init-files.ts
var import_yaml3 = __toESM(require_dist(), 1);
var INIT_PATHS = {
  config: "modelship.yaml",
  contract: "data/contract.yaml",
  trainConfig: "train/train.yaml",
  policy: "policies/gates.yaml",
  workflow: ".github/workflows/model.yml",
  gitignore: ".gitignore"
};
var GITIGNORE_LINES = [".modelship/", "node_modules/", "/runs/", "__pycache__/", ".venv/"];
function yamlScalar(value) {
  if (typeof value !== "string") return String(value);
  return /^[A-Za-z_][A-Za-z0-9_ ./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) && !value.endsWith(" ") ? value : JSON.stringify(value);
}
var flowList = (values) => `[${values.map((value) => yamlScalar(value)).join(", ")}]`;
function configYaml(options) {
  const positive = options.task === "binary" && options.positiveLabel !== void 0 ? `  positive_label: ${yamlScalar(options.positiveLabel)}   # the positive class, the one scored (roc_auc, recall; fairness compares its rate per group), not necessarily a good outcome (classes: ${options.classes.map((value) => JSON.stringify(value)).join(", ")}): check it
  threshold: 0.5
` : "";
  return `# modelship configuration, written by \`modelship init\` (docs/init.md in the modelship package).
# Schema: node_modules/modelship/schemas/modelship.schema.json. Paths are relative to this file.
version: 1
model: ${options.model}

data:
  contract: ${INIT_PATHS.contract}   # inferred from ${options.source}: review it, it describes the data you have
  train: ${yamlScalar(options.train)}
  test: ${yamlScalar(options.test)}   # ${options.testNote}

validate:
  fail_on: error
  max_examples: 5
  report_dir: .modelship/reports

profile:
  bins: 10
  output: .modelship/reference-profile.json

train:
  config: ${INIT_PATHS.trainConfig}   # the built-in trainer (ONNX out, preprocessing inside)
  # command: python3 train/train.py   # or your own script: it writes model.onnx (+ metrics.json) into $MODELSHIP_OUTPUT_DIR
  require_gpu: auto                 # true on a GPU runner pool that must not fall back to CPU
  output: .modelship/model

evaluate:
  model: .modelship/model/model.onnx
${positive}  report_dir: .modelship/evaluation

# The gate policy lives in its own file so that a CODEOWNERS rule can make its changes need a
# reviewer's approval: loosening a gate should never ride along unseen with a model change.
gates:
  policy: ${INIT_PATHS.policy}

# Releases: a GitHub Release per version in GitHub Actions; .modelship/registry (a folder) from the CLI.
release:
  bump: patch                       # when no version is given: the newest release + 1
  tag_format: "{model}/v{version}"
  allow_ungated: false              # a model whose gates failed is not released
`;
}
function trainYaml(options) {
  const features = options.features.map(
    (feature) => feature.categorical && (feature.categories > 20 || feature.categories === 0) ? `  - { name: ${yamlScalar(feature.name)}, top_k: 20 }   # ${feature.categories === 0 ? "many" : feature.categories} categories: the 20 most frequent, the rest share one slot` : `  - ${yamlScalar(feature.name)}`
  );
  const skipped = options.skipped.map((entry) => `  # - ${yamlScalar(entry.name)}   # left out: ${entry.why}`);
  return `# The built-in trainer, written by \`modelship init\`: \`modelship train\` reads it
# through modelship.yaml's train.config. Schema: node_modules/modelship/schemas/train-config.schema.json.
# Paths are relative to this file.
version: 1
data:
  train: ${yamlScalar(options.train)}
  test: ${yamlScalar(options.test)}          # final metrics only: never trained on
  contract: ${yamlScalar(options.contract)}   # its dialect reads the files, its types set feature kinds
target: ${yamlScalar(options.target)}
task: ${options.task}
features:
${[...features, ...skipped].join("\n")}
model:
  kind: mlp
  layers: [32, 16]
  activation: relu
epochs: 15
batch_size: 128
learning_rate: 0.005
validation_split: 0.2              # of the training rows, for early stopping
early_stopping: { patience: 3 }
seed: 42
`;
}
var DECENT_AUC = 0.8;
function aucHalfWidth(auc, positives, negatives) {
  if (positives < 1 || negatives < 1) return Number.POSITIVE_INFINITY;
  const q1 = auc / (2 - auc);
  const q2 = 2 * auc * auc / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return 1.96 * Math.sqrt(variance);
}
var AUC_FLOOR = 0.7;
function policyYaml(options) {
  const lines = [
    "# The gate policy, written by `modelship init`: what a model must show before it may ship.",
    "# Schema: node_modules/modelship/schemas/gate-policy.schema.json. Tighten the thresholds to what",
    "# your use of the model needs; these only refuse a model that learnt nothing useful.",
    "version: 1",
    "bootstrap: { resamples: 1000, seed: 7 }   # 95% confidence intervals for every metric",
    "quality:"
  ];
  if (options.task === "regression") {
    lines.push(
      "  - { metric: r2, min: 0, on: ci }   # the lower end of the 95% CI beats predicting the mean",
      "champion:",
      "  # release: latest   # after your first release: compare each candidate with the newest one",
      "  rules:",
      "    - { metric: rmse, margin: 0 }"
    );
    return `${lines.join("\n")}
`;
  }
  const floor = Math.min(0.99, Math.ceil(((options.majorityShare ?? 0) + 0.01) * 100) / 100);
  lines.push(
    `  - { metric: roc_auc, min: ${AUC_FLOOR}, on: ci }   # ${options.aucNote ?? "the lower end of the 95% CI must clear it (0.5 is a coin toss)"}`,
    `  - { metric: accuracy, min: ${floor} }   # the majority class is ${((options.majorityShare ?? 0) * 100).toFixed(1)}% of the rows: beat always guessing it`
  );
  if (options.task === "binary") lines.push("  - { metric: ece, max: 0.05, severity: warn }   # calibration: a warning, not a failure");
  if (options.sensitive.length > 0) {
    const binned = options.sensitive.filter((column) => column.bins !== void 0 && column.bins.length > 0);
    lines.push("fairness:", `  sensitive: ${flowList(options.sensitive.map((column) => column.name))}`);
    if (binned.length > 0)
      lines.push(
        `  bins: { ${binned.map((column) => `${yamlScalar(column.name)}: ${flowList(column.bins)}`).join(", ")} }   # quartiles of the data: adjust to groups that mean something`
      );
    lines.push(
      "  min_group_size: 30   # smaller groups are reported, not gated",
      "  gates:",
      "    - { metric: demographic_parity_difference, max: 0.10 }",
      "    - { metric: equalized_odds_difference, max: 0.10 }",
      "    - { metric: demographic_parity_ratio, min: 0.8, severity: warn }   # the four-fifths rule: a warning"
    );
  }
  lines.push(
    "champion:",
    "  # release: latest   # after your first release: compare each candidate with the newest one",
    "  rules:",
    "    - { metric: roc_auc, margin: 0.005 }",
    "    - { metric: accuracy, margin: 0.01 }"
  );
  if (options.sensitive.length > 0) lines.push("  fairness_max_worsening: 0.02");
  return `${lines.join("\n")}
`;
}
var DOCS_URL = "https://github.com/modelship/modelship/blob";
function workflowYaml(options) {
  const docs = (name) => `${DOCS_URL}/${options.ref}/docs/${name}`;
  const runsOn = options.gpuRunner === void 0 ? '["ubuntu-latest"]' : JSON.stringify(options.gpuRunner);
  const trainComment = options.gpuRunner === void 0 ? `      # GitHub-hosted: the built-in trainer runs on CPU there (require_gpu: auto). To train on your own
      # GPU runners (${docs("gpu-runners.md")}), give their labels instead, e.g. '["self-hosted", "linux", "gpu"]'
      # (\`modelship init --force --gpu-runner self-hosted,linux,gpu\` writes it).` : `      # Your own runners (${docs("gpu-runners.md")}). Pull requests from forks do not train on persistent
      # self-hosted runners; if each runner takes one job and is destroyed, add train-runners-ephemeral: true.`;
  return `# The model's CI, written by \`modelship init\`: a few lines that call modelship's reusable workflow.
# Pull requests validate the data, train and evaluate the gates (sticky PR comments); a push to main
# also releases the gated model as a GitHub Release with build provenance.
name: model

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch: {}

permissions: {}

# A new push to a pull request cancels its older run; runs on main (releases) never cancel.
concurrency:
  group: model-\${{ github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  model:
    uses: modelship/modelship/.github/workflows/model-ci.yml@${options.ref}
    # The called workflow gets no more than this: comments, the release and its provenance.
    permissions:
      contents: write        # the release (pull requests only read)
      pull-requests: write   # the sticky comments
      id-token: write        # the release's build provenance
      attestations: write
    with:
      config: modelship.yaml
${trainComment}
      train-runs-on: '${runsOn}'
      # After a release on main, open the GitOps pull request that rolls it out (${docs("promotion.md")}):
      # promote-environment: production
      # gitops-repository: OWNER/gitops
    # secrets:   # with promote-environment: the GitHub App that may open pull requests in the GitOps repository
    #   gitops-app-id: \${{ secrets.GITOPS_APP_ID }}
    #   gitops-app-private-key: \${{ secrets.GITOPS_APP_PRIVATE_KEY }}
`;
}
function gitignoreText(existing, splitSource) {
  const have = new Set((existing ?? "").split(/\r?\n/).map((line) => line.trim()));
  const lacks = (line) => !have.has(line) && !have.has(line.replace(/\/$/, "")) && !have.has(`/${line}`) && !have.has(line.replace(/^\//, ""));
  const missing = GITIGNORE_LINES.filter(lacks);
  const source = splitSource === void 0 ? void 0 : `/${splitSource.replace(/[\\*?[\]!# ]/g, (character) => `\\${character}`)}`;
  const blocks = [];
  if (missing.length > 0)
    blocks.push(
      ["# What modelship writes (reports, trained models, the local registry) and Node/Python leftovers.", ...missing].join("\n")
    );
  if (source !== void 0 && lacks(source))
    blocks.push(`# The data \`modelship init\` split into the .train and .test files beside it (commit those).
${source}`);
  if (existing !== void 0 && blocks.length === 0) return existing;
  const block = blocks.join("\n\n");
  if (existing === void 0 || existing.trim() === "") return `${block}
`;
  return `${existing}${existing.endsWith("\n") ? "" : "\n"}
${block}
`;
}
function mergeYaml(theirs, ours, file, overrides = []) {
  const user = (0, import_yaml3.parseDocument)(theirs);
  if (user.errors.length > 0)
    throw new UserError(`cannot merge into ${file}: it is not valid YAML (${user.errors[0].message.split("\n")[0]})`, {
      file,
      hint: "fix the file, or move it away and run init again"
    });
  const generated = (0, import_yaml3.parseDocument)(ours);
  if (user.contents === null || (0, import_yaml3.isScalar)(user.contents) && user.contents.value === null) return ours;
  if (!(0, import_yaml3.isMap)(user.contents))
    throw new UserError(`cannot merge into ${file}: its top level is not a map of keys`, { file, hint: "move it away and run init again" });
  const writtenByInit = INIT_MARKER.test(theirs.split("\n", 3).join("\n"));
  const edits = [];
  const touches = (path) => overrides.some(
    (override) => override.slice(0, path.length).join("\0") === path.join("\0") || path.slice(0, override.length).join("\0") === override.join("\0")
  );
  addMissing(
    { map: user.contents, text: theirs },
    { map: generated.contents, text: ours },
    [],
    (path) => !writtenByInit || touches(path),
    edits
  );
  for (const path of overrides) {
    const mine = pairAt(generated.contents, path);
    const yours = pairAt(user.contents, path);
    if (mine === void 0 || yours === void 0) continue;
    if (JSON.stringify(user.getIn(path)) === JSON.stringify(generated.getIn(path))) continue;
    const [start, end] = pairSpan(theirs, yours, true);
    const column = start === end ? 0 : keyColumn(theirs, yours);
    const [ourStart, ourEnd] = pairSpan(ours, mine, true);
    edits.push({ start, end, text: reindent(ours.slice(ourStart, ourEnd), keyColumn(ours, mine), column) });
  }
  if (edits.length === 0) return theirs;
  let text = theirs;
  const ordered = edits.map((edit, index) => ({ ...edit, index }));
  for (const edit of ordered.sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index)) {
    const glue = edit.start === text.length && text !== "" && !text.endsWith("\n") ? "\n" : "";
    text = text.slice(0, edit.start) + glue + edit.text + text.slice(edit.end);
  }
  return text;
}
var INIT_MARKER = /written by `modelship init`/;
function keyOf(pair) {
  return (0, import_yaml3.isScalar)(pair.key) ? pair.key.value : pair.key;
}
function pairAt(map, path) {
  let current = map;
  let found;
  for (const key of path) {
    if (!(0, import_yaml3.isMap)(current)) return void 0;
    found = current.items.find((pair) => keyOf(pair) === key);
    if (found === void 0) return void 0;
    current = found.value;
  }
  return found;
}
var lineStart = (text, at) => text.lastIndexOf("\n", at - 1) + 1;
var lineEnd = (text, at) => {
  const next = text.indexOf("\n", at);
  return next === -1 ? text.length : next + 1;
};
function keyColumn(text, pair) {
  const at = pair.key.range[0];
  return at - lineStart(text, at);
}
function pairSpan(text, pair, comments) {
  const keyAt = pair.key.range[0];
  let start = lineStart(text, keyAt);
  const indent = text.slice(start, keyAt);
  if (comments)
    while (start > 0) {
      const previous = lineStart(text, start - 1);
      const line = text.slice(previous, start - 1);
      if (!line.startsWith(`${indent}#`)) break;
      start = previous;
    }
  const value = pair.value;
  const range = value?.range ?? pair.key.range;
  const valueEnd = range[1];
  const end = valueEnd > 0 && text[valueEnd - 1] === "\n" ? valueEnd : lineEnd(text, Math.max(valueEnd, pair.key.range[1]));
  return [start, end];
}
function reindent(block, from, to) {
  const lines = block.split("\n");
  return lines.map((line) => line.trim() === "" ? line : " ".repeat(to) + line.slice(Math.min(from, line.length - line.trimStart().length))).join("\n");
}
function addMissing(user, ours, path, mayAdd, edits) {
  const block = user.map.flow !== true && user.map.items.length > 0;
  let previous;
  for (const pair of ours.map.items) {
    const key = keyOf(pair);
    const here = [...path, String(key)];
    const existing = user.map.items.find((item) => keyOf(item) === key);
    if (existing === void 0) {
      if (!block || !mayAdd(here)) continue;
      const first = user.map.items[0];
      const column = keyColumn(user.text, first);
      const at = previous === void 0 ? pairSpan(user.text, first, true)[0] : pairSpan(user.text, previous, false)[1];
      const [start, end] = pairSpan(ours.text, pair, !(path.length === 0 && pair === ours.map.items[0]));
      let added = reindent(ours.text.slice(start, end), keyColumn(ours.text, pair), column);
      if (!added.endsWith("\n")) added += "\n";
      if (start >= 2 && ours.text.slice(start - 2, start) === "\n\n") added = `
${added}`;
      edits.push({ start: at, end: at, text: added });
      continue;
    }
    previous = existing;
    if ((0, import_yaml3.isMap)(existing.value) && (0, import_yaml3.isMap)(pair.value))
      addMissing({ map: existing.value, text: user.text }, { map: pair.value, text: ours.text }, here, mayAdd, edits);
  }
}

// src/stages/init-stage.ts
var MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;
function modelNameFrom(folder) {
  const name = folder.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  return name === "" ? "model" : name;
}
async function runInitStage(inputs, run) {
  const root = resolve2(run.cwd, inputs.dir ?? ".");
  const notes = [];
  const model = inputs.model ?? modelNameFrom(basename2(root));
  if (!MODEL_NAME.test(model))
    throw new UserError(`--model ${quoted(model)} is not a model name`, {
      hint: "use lowercase letters, digits and dashes, starting and ending with a letter or digit (at most 64), e.g. --model churn-model"
    });
  if (inputs.model === void 0) notes.push(`Model name: ${model} (from the folder's name; --model NAME to choose another).`);
  for (const label of inputs.gpuRunner ?? [])
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(label))
      throw new UserError(`--gpu-runner: ${quoted(label)} is not a runner label`, {
        hint: "give comma-separated labels of letters, digits, dots, dashes and underscores, e.g. --gpu-runner self-hosted,linux,gpu"
      });
  if (inputs.gpuRunner !== void 0)
    notes.push(
      'GPU runner: the built-in trainer trains on the CPU unless train.yaml sets model.backend: tfjs and @tensorflow/tfjs-node-gpu (and CUDA on the runner) is installed, so the GPU may sit unused; the train job logs its backend ("training backend: \u2026"). A train.command of your own (PyTorch, JAX\u2026) uses the GPU.'
    );
  const share = inputs.testShare ?? 0.2;
  if (!(share > 0 && share < 1))
    throw new UserError(`--test-share must be between 0 and 1, got ${share}`, {
      hint: "e.g. --test-share 0.2 holds out a fifth of the rows"
    });
  const found = inputs.data === void 0 && inputs.test === void 0 ? await findCsvFiles(root) : [];
  const pair = found.length === 2 ? trainTestPair(found) : void 0;
  const data = await chooseDataFile(root, inputs.data ?? pair?.train);
  const test = (inputs.test ?? pair?.test) === void 0 ? void 0 : await chooseDataFile(root, inputs.test ?? pair.test, "--test");
  if (pair !== void 0)
    notes.push(
      `Data: ${data} to train on and ${test} to test on (the two CSVs named like a train/test pair; --data PATH --test PATH to choose others).`
    );
  if (test === data) throw new UserError("--test names the training data", { hint: "give --test a held-out file other than --data" });
  const shape = await readShape(root, data);
  const { target, detected } = chooseTarget(shape.columns, inputs.target, data);
  if (detected) notes.push(`Target: ${shown(target)} (a well-known label name; --target COLUMN to choose another).`);
  const testShape = test === void 0 ? void 0 : await readShape(root, test);
  if (test !== void 0 && testShape !== void 0) {
    if (!testShape.columns.includes(target))
      throw new UserError(`--test ${test} has no column ${quoted(target)}`, {
        file: test,
        hint: "give --test a file with the same columns as --data"
      });
  }
  let split;
  if (test === void 0) {
    split = await splitData(root, data, { share, seed: inputs.seed ?? 42, quote: shape.readOptions.quote ?? '"' });
    notes.push(
      `No --test file: ${data} is split ${Math.round((1 - share) * 100)}/${Math.round(share * 100)} by a seeded hash of each row (seed ${split.seed}; identical rows stay on one side): ${split.train.rows.toLocaleString("en-US")} training rows in ${split.train.path}, ${split.test.rows.toLocaleString("en-US")} test rows in ${split.test.path}. Evaluation reads only the test rows; commit both files, or run init again with --test FILE to hold out your own.`
    );
  }
  const trainPath = split?.train.path ?? data;
  const testPath = split?.test.path ?? test;
  const inferPaths = [join3(root, trainPath), join3(root, testPath)];
  let temp;
  let contractText;
  let testCounts;
  try {
    if (split !== void 0) {
      try {
        temp = await mkdtemp(join3(tmpdir(), "modelship-init-"));
        for (const part of [split.train, split.test]) {
          await mkdir(dirname2(join3(temp, part.path)), { recursive: true });
          await writeFile(join3(temp, part.path), part.data);
        }
      } catch (error) {
        const code2 = errnoCode(error);
        if (code2 === void 0) throw error;
        throw new UserError(`cannot write the split's temporary copy in ${tmpdir()} (${code2})`, {
          hint: "set TMPDIR to a writable folder with room for a copy of the data, or give --test PATH (no split)",
          cause: error
        });
      }
    }
    const inferred = await runContractInferStage(
      { data: temp === void 0 ? inferPaths : [join3(temp, trainPath), join3(temp, testPath)], target },
      // What contract infer logs names the files relative to the repository root, as init prints every path.
      { ...run, logger: renamed(run.logger, temp === void 0 ? `${root}/` : `${temp}/`, "") }
    );
    contractText = versioned(inferred.yaml.replaceAll(`${temp ?? root}/`, ""));
    testCounts = (await readTargetFacts(temp ?? root, testPath, testShape ?? shape, target, [])).counts;
    if (split !== void 0 && temp !== void 0) {
      const trained = await readTargetFacts(temp, trainPath, shape, target, []);
      const testOnly = [...testCounts.keys()].filter((value) => !trained.counts.has(value));
      const regression = trained.counts.size > MAX_CLASSES || trained.numeric && [...trained.counts.keys()].some((value) => /[.eE]/.test(value));
      if (testOnly.length > 0 && !regression)
        throw new UserError(
          `the split of ${data} put every row of target ${testOnly.length === 1 ? "class" : "classes"} ${testOnly.map((value) => quoted(value)).join(", ")} into ${split.test.path}, none into ${split.train.path}`,
          {
            file: data,
            hint: "add rows of that class, try another --seed, or give your own held-out file with --test PATH"
          }
        );
    }
  } finally {
    if (temp !== void 0) await rm2(temp, { recursive: true, force: true });
  }
  const contract = (0, import_yaml4.parse)(contractText);
  const columns = new Map(contract.columns.map((column) => [column.name, column]));
  const sensitive = inputs.sensitive ?? [];
  for (const name of sensitive)
    if (!columns.has(name))
      throw new UserError(`--sensitive ${quoted(name)} is not a column of ${data}`, {
        file: data,
        hint: `give --sensitive columns of the data: ${shape.columns.map((column) => shown(column)).join(", ")}`
      });
  if (sensitive.includes(target))
    throw new UserError(`--sensitive names the target ${quoted(target)}`, {
      hint: "name the columns that describe people, not the label"
    });
  const numericSensitive = sensitive.filter((name) => ["integer", "number"].includes(columns.get(name).type));
  const textColumns = contract.columns.filter((column) => column.type === "string" && column.name !== target && column.unique !== true);
  const facts = await readTargetFacts(
    root,
    data,
    shape,
    target,
    numericSensitive,
    textColumns.map((column) => column.name)
  );
  const targetType = columns.get(target).type;
  const classes = [...facts.counts.keys()];
  const task = facts.numeric && (targetType === "number" || facts.counts.size > MAX_CLASSES) ? "regression" : facts.counts.size === 2 ? "binary" : "multiclass";
  if (task !== "regression" && facts.counts.size < 2)
    throw new UserError(
      `the target ${quoted(target)} of ${data} has one value only (${classes[0] === void 0 ? "none" : quoted(classes[0])}): nothing to learn`,
      {
        file: data,
        hint: "check --target names the label column"
      }
    );
  if (task === "multiclass" && facts.counts.size > MAX_CLASSES)
    throw new UserError(`the target ${quoted(target)} has more than ${MAX_CLASSES} classes`, {
      file: data,
      hint: "check --target names the label column; init starts classifiers of up to 20 classes and regressions on numbers"
    });
  if (sensitive.length > 0 && task !== "binary")
    throw new UserError(`--sensitive: fairness gates need a binary target, and ${quoted(target)} is ${task}`, {
      hint: "leave --sensitive out, or predict a yes/no outcome"
    });
  if (task !== "regression" && test !== void 0) {
    const aliases = await testLabelAliases(root, data, test, testShape, target, classes);
    if (aliases.size > 0) {
      contractText = withTargetAliases(contractText, target, aliases, classes);
      notes.push(
        `Test labels: ${test} writes ${[...aliases.keys()].map((value) => shown(value)).join(", ")}, which ${data} lacks; ${INIT_PATHS.contract} maps them (aliases: ${[...aliases].map(([from, to]) => `${shown(from)} \u2192 ${shown(to)}`).join(", ")}).`
      );
    }
  }
  const ranked = [...facts.counts.entries()].sort((a, b) => b[1] - a[1]);
  let positiveLabel;
  if (task === "binary") {
    if (inputs.positiveLabel !== void 0 && !facts.counts.has(inputs.positiveLabel))
      throw new UserError(`--positive-label ${quoted(inputs.positiveLabel)} is not a value of ${quoted(target)}`, {
        hint: `use one of ${classes.map((value) => quoted(value)).join(", ")}`
      });
    positiveLabel = inputs.positiveLabel ?? ranked[ranked.length - 1][0];
    if (inputs.positiveLabel === void 0)
      notes.push(
        `Positive class (the one scored): ${shown(positiveLabel)}, the rarer one; --positive-label VALUE to score the other. It is the event the model predicts (e.g. churn), not necessarily a favourable outcome; fairness gates compare its rate per group.`
      );
  }
  let aucNote;
  if (task === "binary") {
    const positives = testCounts.get(positiveLabel) ?? 0;
    const negatives = [...testCounts.values()].reduce((sum, count) => sum + count, 0) - positives;
    const half = aucHalfWidth(DECENT_AUC, positives, negatives);
    if (DECENT_AUC - half < AUC_FLOOR) {
      const width = Number.isFinite(half) ? `\xB1${half.toFixed(3)}` : "unbounded";
      aucNote = `${testPath} has ${positives} positive and ${negatives} negative rows: at AUC ${DECENT_AUC} the 95% CI is ${width} (Hanley\u2013McNeil), so its lower end likely misses ${AUC_FLOOR}; more test rows, or on: point`;
      notes.push(
        `Small test set: ${testPath} has ${positives} rows of the positive class and ${negatives} of the other. For a decent model (AUC ${DECENT_AUC}) the 95% confidence interval is ${width} (Hanley\u2013McNeil), so its lower end (${Number.isFinite(half) ? (DECENT_AUC - half).toFixed(3) : "\u2013"}) would likely fail the roc_auc gate (min ${AUC_FLOOR}, on: ci) in ${INIT_PATHS.policy}. Add test rows (or a larger --test-share), or gate the point estimate instead (on: point).`
      );
    }
  }
  notes.push(
    `Task: ${task}${task === "regression" ? "" : ` (${classes.length} classes)`}, from ${facts.rows.toLocaleString("en-US")} rows of ${shown(target)}.`
  );
  const roles = new Map(sensitive.map((name) => [name, ["feature", "sensitive"]]));
  const features = [];
  const skipped = [];
  for (const column of contract.columns) {
    if (column.name === target) continue;
    if (column.unique === true) {
      skipped.push({ name: column.name, why: "every value differs: an identifier" });
      roles.set(column.name, "id");
    } else if (facts.freeText.get(column.name) === true)
      skipped.push({ name: column.name, why: "free text, mostly distinct values of several words: derive features from it first" });
    else if (column.type === "date" || column.type === "datetime") {
      skipped.push({ name: column.name, why: `a ${column.type}: derive features from it first` });
      roles.set(column.name, "timestamp");
    } else
      features.push({
        name: column.name,
        // A string column (more distinct values than contract infer makes an enum of) is categorical with the top 20 kept.
        categorical: column.type === "categorical" || column.type === "boolean" || column.type === "string",
        categories: column.enum?.length ?? 0
      });
  }
  if (features.length === 0)
    throw new UserError(`no column of ${data} besides the target can be a feature`, {
      file: data,
      hint: "add numeric or categorical columns, or write your own training command (train.command in modelship.yaml)"
    });
  if (skipped.length > 0)
    notes.push(
      `Left out of the features (commented in ${INIT_PATHS.trainConfig}): ${skipped.map((entry) => `${shown(entry.name)} (${entry.why})`).join(", ")}.`
    );
  if (roles.size > 0) contractText = withRoles(contractText, roles);
  const fromTrainFolder = (path) => posix.relative(posix.dirname(INIT_PATHS.trainConfig), path);
  const generated = [
    {
      path: INIT_PATHS.config,
      kind: "yaml",
      overrides: explicit([
        [inputs.model, ["model"]],
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.positiveLabel, ["evaluate", "positive_label"]]
      ]),
      text: configYaml({
        model,
        source: data,
        train: trainPath,
        test: testPath,
        testNote: split === void 0 ? "held out: never trained on" : `the held-out ${Math.round(share * 100)}% of ${data}: never trained on`,
        task,
        positiveLabel,
        classes
      })
    },
    { path: INIT_PATHS.contract, kind: "yaml", text: contractText },
    {
      path: INIT_PATHS.trainConfig,
      kind: "yaml",
      overrides: explicit([
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.target, ["target"], ["task"], ["features"]]
      ]),
      text: trainYaml({
        train: fromTrainFolder(trainPath),
        test: fromTrainFolder(testPath),
        contract: fromTrainFolder(INIT_PATHS.contract),
        target,
        task,
        features,
        skipped
      })
    },
    {
      path: INIT_PATHS.policy,
      kind: "yaml",
      overrides: explicit([[inputs.sensitive, ["fairness"]]]),
      text: policyYaml({
        task,
        aucNote,
        majorityShare: task === "regression" ? void 0 : ranked[0][1] / facts.rows,
        sensitive: sensitive.map((name) => ({
          name,
          bins: numericSensitive.includes(name) ? quartileEdges(facts.values.get(name) ?? []) : void 0
        }))
      })
    },
    {
      path: INIT_PATHS.workflow,
      kind: "yaml",
      text: workflowYaml({ gpuRunner: inputs.gpuRunner, ref: inputs.workflowRef ?? "v1" }),
      overrides: explicit([[inputs.gpuRunner, ["jobs", "model", "with", "train-runs-on"]]])
    },
    { path: INIT_PATHS.gitignore, kind: "gitignore" }
  ];
  if (split !== void 0)
    generated.push(
      { path: split.train.path, kind: "data", data: split.train.data },
      { path: split.test.path, kind: "data", data: split.test.data }
    );
  const places = /* @__PURE__ */ new Map();
  for (const file of generated) places.set(file.path, await checkOutputPath(root, file.path));
  const present = /* @__PURE__ */ new Map();
  for (const file of generated) if (places.get(file.path).exists) present.set(file.path, await readOutput(root, file.path));
  const clashes = [...present.keys()].filter((path) => path !== INIT_PATHS.gitignore);
  if (clashes.length > 0 && inputs.force !== true)
    throw new UserError(
      `init would overwrite ${clashes.length === 1 ? "a file that exists" : `${clashes.length} files that exist`}: ${clashes.join(", ")}; nothing was written`,
      {
        hint: "run `modelship init --force` to merge (your keys, values and comments stay, what is missing is added, and the flags you give replace what they set; split data files are rewritten), or move those files away"
      }
    );
  const finals = [];
  for (const file of generated) {
    const before = present.get(file.path);
    const beforeText = before === void 0 ? void 0 : Buffer.from(before).toString("utf8");
    let bytes2;
    if (file.kind === "data") bytes2 = file.data;
    else if (file.kind === "gitignore") bytes2 = Buffer.from(gitignoreText(beforeText, split === void 0 ? void 0 : data), "utf8");
    else bytes2 = Buffer.from(beforeText === void 0 ? file.text : mergeYaml(beforeText, file.text, file.path, file.overrides), "utf8");
    if (file.kind === "yaml") checkFile(file.path, Buffer.from(bytes2).toString("utf8"), root);
    finals.push({
      path: file.path,
      bytes: bytes2,
      status: before === void 0 ? "added" : Buffer.from(before).equals(Buffer.from(bytes2)) ? "unchanged" : "updated"
    });
  }
  await writeOutputs(
    root,
    finals.filter((file) => file.status !== "unchanged").map((file) => ({ place: places.get(file.path), bytes: file.bytes })),
    writeFileAtomic
  );
  const npmFiles = [];
  for (const name of ["package.json", "package-lock.json"])
    if ((await checkOutputPath(root, name).catch(() => void 0))?.exists === true) npmFiles.push(name);
  const nextSteps = [
    "Review what was written, above all data/contract.yaml (it describes the data you have, not the data you want) and the thresholds in policies/gates.yaml.",
    "Run the pipeline here: npx modelship validate, npx modelship train, npx modelship evaluate",
    `Commit: git add ${[...finals.map((file) => file.path), ...npmFiles].join(" ")} && git commit -m "Start modelship"` + (npmFiles.length > 0 ? ` (${npmFiles.join(" and ")} pin the modelship version that npx runs)` : "") + (split === void 0 ? "" : `. ${data} stays out of git (.gitignore lists it): ${split.train.path} and ${split.test.path} hold all its rows; keep it, or delete it`),
    "On GitHub (Settings \u2192 Actions \u2192 General): allow the actions and reusable workflows of modelship/modelship (or all actions). The caller grants the workflow contents, pull-requests, id-token and attestations write; it needs no secrets until you promote.",
    'Protect main: require the check "model / Result" before merging (it fails unless validate, train and evaluate all succeeded), and add a CODEOWNERS rule for policies/gates.yaml.',
    "Later: promotion to a GitOps repository (promote-environment, gitops-repository and the GitOps App's secrets GITOPS_APP_ID and GITOPS_APP_PRIVATE_KEY in .github/workflows/model.yml)."
  ];
  return {
    model,
    data,
    target,
    task,
    ...split === void 0 ? {} : {
      split: {
        train: split.train.path,
        test: split.test.path,
        trainRows: split.train.rows,
        testRows: split.test.rows,
        share,
        seed: split.seed
      }
    },
    files: finals.map(({ path, status }) => ({ path, status })),
    notes,
    nextSteps
  };
}
async function testLabelAliases(root, data, test, shape, target, classes) {
  const known = new Set(classes);
  const tested = [...(await readTargetFacts(root, test, shape, target, [])).counts.keys()];
  const unseen = tested.filter((value) => !known.has(value));
  const aliases = /* @__PURE__ */ new Map();
  for (const value of unseen) if (known.has(value.replace(/\.$/, ""))) aliases.set(value, value.replace(/\.$/, ""));
  const unmapped = unseen.filter((value) => !aliases.has(value));
  if (unmapped.length > 0)
    throw new UserError(
      `the test file ${test} has target ${unmapped.length === 1 ? "class" : "classes"} ${unmapped.map((value) => quoted(value)).join(", ")} that the training data ${data} lacks (it has ${classes.map((value) => quoted(value)).join(", ")})`,
      {
        file: test,
        hint: `fix the labels in ${test}, or give --test a file with the same classes as --data; if they mean a training class, map them with the target's aliases in the contract (e.g. aliases: {${JSON.stringify(unmapped[0])}: ${JSON.stringify(classes[0])}})`
      }
    );
  return aliases;
}
function withTargetAliases(contractText, target, aliases, classes) {
  const document = (0, import_yaml4.parseDocument)(contractText);
  const columns = document.get("columns", true);
  const column = columns.items.find((item) => item.get("name") === target);
  const flow = (node) => Object.assign(node, { flow: true });
  column.set("enum", flow(document.createNode(classes)));
  column.set("aliases", flow(document.createNode(Object.fromEntries(aliases))));
  return document.toString({ lineWidth: 0 });
}
function withRoles(contractText, roles) {
  const document = (0, import_yaml4.parseDocument)(contractText);
  const columns = document.get("columns", true);
  for (const column of columns.items) {
    const role = roles.get(String(column.get("name")));
    if (role === void 0) continue;
    const node = document.createNode(role);
    if ((0, import_yaml4.isSeq)(node)) node.flow = true;
    column.set("role", node);
  }
  return document.toString({ lineWidth: 0 });
}
function explicit(entries) {
  return entries.flatMap(([given, ...paths]) => given === void 0 ? [] : paths);
}
function renamed(logger, from, to) {
  const fix = (message) => message.replaceAll(from, to);
  return {
    debug: (message) => {
      logger.debug(fix(message));
    },
    info: (message) => {
      logger.info(fix(message));
    },
    warning: (message, properties) => {
      logger.warning(fix(message), properties);
    },
    error: (message, properties) => {
      logger.error(fix(message), properties);
    },
    notice: (message, properties) => {
      logger.notice(fix(message), properties);
    },
    group: (name, fn) => logger.group(fix(name), fn)
  };
}
function versioned(yaml) {
  if (/^version:/m.test(yaml)) return yaml;
  const lines = yaml.split("\n");
  const firstKey = lines.findIndex((line) => /^[A-Za-z_]/.test(line));
  lines.splice(firstKey === -1 ? lines.length : firstKey, 0, "version: 1");
  return lines.join("\n");
}
function checkFile(path, text, root) {
  switch (path) {
    case INIT_PATHS.config:
      parseConfig(text, { file: path, cwd: root });
      return;
    case INIT_PATHS.contract:
      parseContract(text, path);
      return;
    case INIT_PATHS.trainConfig:
      validateYaml(train_config_schema_default, text, path, "train config");
      return;
    case INIT_PATHS.policy:
      validateYaml(gate_policy_schema_default, text, path, "gate policy");
      return;
    default:
      parseYamlSource(text, path);
  }
}
function validateYaml(schema, text, file, what) {
  const source = parseYamlSource(text, file);
  assertValid(schema, source.data, { file, what, source });
}

// src/cli/commands/init-command.ts
var flags6 = {
  data: {
    type: "string",
    value: "PATH",
    description: "the CSV (.csv or .csv.gz) to learn from (default: the only one in this folder's tree)"
  },
  test: {
    type: "string",
    value: "PATH",
    description: "a held-out test CSV (default: a seeded split of --data into NAME.train.csv and NAME.test.csv)"
  },
  target: {
    type: "string",
    value: "COLUMN",
    description: `the column to predict (default: the one called ${WELL_KNOWN_TARGETS.join(", ")}, in any case)`
  },
  model: { type: "string", value: "NAME", description: "the model's name (default: this folder's name, lowercase with dashes)" },
  sensitive: {
    type: "string",
    multiple: true,
    value: "COLUMNS",
    description: "comma-separated columns to gate fairness on, e.g. sex,race"
  },
  "positive-label": {
    type: "string",
    value: "VALUE",
    description: "the positive class of a binary target, the one scored (not necessarily a good outcome; default: the rarer one)"
  },
  "gpu-runner": {
    type: "string",
    value: "LABELS",
    description: "comma-separated runner labels for the train job, e.g. self-hosted,gpu (default: ubuntu-latest)"
  },
  "test-share": {
    type: "string",
    value: "SHARE",
    numeric: "number",
    description: "share of the rows the split holds out for testing (default 0.2)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "seed of the split (default 42)" },
  force: { type: "boolean", description: "merge into existing files (your keys and comments stay, missing ones are added)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var USAGE = "modelship init [--data PATH] [--test PATH] [--target COLUMN] [--model NAME] [--sensitive COLUMNS] [--positive-label VALUE] [--gpu-runner LABELS] [--test-share SHARE] [--seed N] [--force] [--format FORMAT] [--json] [-q] [-v]";
function commaList(values, name) {
  if (values === void 0) return void 0;
  const items = values.flatMap((value) => value.split(",")).map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`--${name} is empty`, { hint: `give --${name} comma-separated values, or leave it out` });
  return items;
}
var initCommand = {
  name: "init",
  summary: "start a model repository: modelship.yaml, contract, train config, gates, CI workflow from your CSV",
  flagSets: [{ flags: flags6 }],
  async run(context) {
    const { flags: given } = parseFlags(context.argv, flags6, { command: "init", env: context.env, positionals: false });
    if (given.help) {
      context.print(
        renderHelp({
          usage: USAGE,
          summary: "Writes modelship.yaml, data/contract.yaml (inferred from the data), train/train.yaml (the built-in trainer),\npolicies/gates.yaml, .github/workflows/model.yml and .gitignore. Refuses to overwrite files unless --force.",
          flags: flags6,
          notes: "Without --data and --test, the tree's only CSV is split (or its only two CSVs, named like a train/test pair, are used as they are).\nGuide: node_modules/modelship/docs/init.md."
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, given);
    const gpuRunner = given["gpu-runner"] === void 0 ? void 0 : commaList([given["gpu-runner"]], "gpu-runner");
    const result = await runInitStage(
      {
        data: given.data,
        test: given.test,
        target: given.target,
        model: given.model,
        sensitive: commaList(given.sensitive, "sensitive"),
        positiveLabel: given["positive-label"],
        gpuRunner,
        testShare: numberFlag(given["test-share"], "test-share"),
        seed: integerFlag(given.seed, "seed"),
        force: given.force
      },
      cliStageRun(output.context, void 0)
    );
    const width = Math.max(...result.files.map((file) => file.status.length));
    const lines = [
      `modelship init: ${result.model}, predicting ${shown(result.target)} (${result.task}) from ${result.data}`,
      "",
      ...result.notes.map((note) => `  ${note}`),
      "",
      "Files:",
      ...result.files.map((file) => `  ${file.status.padEnd(width)}  ${file.path}`),
      "",
      "Next steps:",
      ...result.nextSteps.map((step, index) => `  ${index + 1}. ${step}`)
    ];
    output.emit({ json: result, text: () => lines.join("\n"), failed: false });
    return ExitCode.ok;
  }
};

// src/stages/registry-text.ts
var TEXT_VERSIONS = 10;
function renderRegistryText(answer, options) {
  if (answer.action === "show") {
    const { manifest } = answer;
    const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
    const head = `${mark(options, gate.mark)} ${paint(options, "bold", `${printable(manifest.name)} ${printable(manifest.version)}`)} (tag ${printable(manifest.tag)}), released ${printable(manifest.created)}`;
    return (options.quiet ? [head] : [head, ...manifestLines(manifest, options)]).join("\n");
  }
  const { model, versions, where: where2 } = answer;
  if (versions.length === 0) return `${mark(options, "info")} No versions of ${printable(model)} in ${printable(where2)}`;
  const lines = [
    `${paint(options, "bold", printable(model))}: ${plural(versions.length, "version")} in ${printable(where2)}, newest ${printable(versions[0].version)}`
  ];
  if (options.quiet) return lines.join("\n");
  const shown2 = options.verbose ? versions : versions.slice(0, TEXT_VERSIONS);
  const width = Math.max(...shown2.map((entry) => printable(entry.version).length));
  const tagWidth = Math.max(...shown2.map((entry) => printable(entry.tag).length));
  for (const entry of shown2)
    lines.push(
      `  ${paint(options, "bold", printable(entry.version).padEnd(width))}  ${printable(entry.tag).padEnd(tagWidth)}  ${entry.created === void 0 ? "\u2014" : printable(entry.created.slice(0, 10))}  ${paint(options, "cyan", printable(entry.url))}`
    );
  if (shown2.length < versions.length) lines.push(`  \u2026 and ${versions.length - shown2.length} more (-v lists them all)`);
  return lines.join("\n");
}

// src/cli/commands/registry-command.ts
var flags7 = {
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var registryCommand = {
  name: "registry",
  summary: "list a model's released versions, or show one version's manifest",
  flagSets: [{ flags: flags7 }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags7, { command: "registry", env: context.env });
    const [action, ref, ...extra] = positionals;
    const usage2 = "use: modelship registry list MODEL, or modelship registry show MODEL[@VERSION]";
    if (!values.help && action === void 0) throw new UserError("registry needs a subcommand: list or show", { hint: usage2 });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship registry list MODEL | modelship registry show MODEL[@VERSION]",
          summary: "Lists the released versions of a model (newest first), or shows one version: files, gate verdict, metrics, lineage.",
          flags: flags7
        })
      );
      return ExitCode.ok;
    }
    if (action !== "list" && action !== "show") throw new UserError(`unknown subcommand "registry ${action}"`, { hint: usage2 });
    if (ref === void 0) throw new UserError(`registry ${action} needs a MODEL${action === "show" ? "[@VERSION]" : ""}`, { hint: usage2 });
    if (extra.length > 0) throw new UserError(`registry ${action} takes one model, got also ${extra.join(" ")}`, { hint: usage2 });
    const output = commandOutput(context, values);
    const answer = await runRegistryStage(
      { action, ref, registry: values.registry, tagFormat: values["tag-format"] },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: answer.action === "list" ? answer.versions : answer.manifest,
      failed: false,
      text: () => renderRegistryText(answer, output.text),
      markdown: () => registryMarkdown(answer)
    });
    return ExitCode.ok;
  }
};
function registryMarkdown(answer) {
  if (answer.action === "list") {
    const { model, versions } = answer;
    return versions.length === 0 ? `no versions of ${model} in ${answer.where}` : table(
      ["Version", "Tag", "Released", "Where"],
      versions.map((entry) => [entry.version, code(entry.tag), entry.created ?? "\u2014", entry.url])
    );
  }
  const { manifest } = answer;
  return [
    `${manifest.name} ${manifest.version} (${manifest.tag}), released ${manifest.created}, digest ${manifest.digest}`,
    `gate verdict: ${manifest.gate.verdict}${manifest.gate.allowUngated ? ` \u2014 released ungated: ${manifest.gate.reason ?? ""}` : ""}`,
    "",
    table(
      ["File", "Role", "Bytes", "sha256"],
      manifest.files.map((file) => [file.name, file.role, formatNumber(file.bytes), code(file.sha256)])
    ),
    "",
    table(
      ["Metric", "Value", "CI"],
      Object.entries(manifest.metrics).map(([name, metric]) => [name, formatNumber(metric.value), formatInterval(metric.ci)])
    ),
    "",
    `lineage: git ${manifest.lineage.gitSha ?? "\u2014"}, run ${manifest.lineage.runUrl ?? "\u2014"}${manifest.lineage.previousVersion === void 0 ? "" : `, after ${manifest.lineage.previousVersion}`}`
  ].join("\n");
}

// src/stages/release-text.ts
function renderReleaseText(result, options) {
  const gate = gateVerdictText(result.verdict, result.allowUngated);
  const name = `${printable(result.model)} ${printable(result.version)}`;
  const tag = `tag ${printable(result.tag)}`;
  const what = result.action === "unchanged" ? `${paint(options, "bold", `${name} was already released`)} with these bytes (${tag}): nothing changed` : result.action === "resumed" ? `${paint(options, "bold", `Released ${name}`)} (${tag}), completing an interrupted release` : `${paint(options, "bold", `Released ${name}`)} (${tag})`;
  const verdictMark = gate.mark === "pass" ? "pass" : "warn";
  const lines = [`${mark(options, verdictMark)} ${what}; ${paint(options, gate.mark === "pass" ? "green" : "yellow", gate.text)}`];
  if (options.quiet) return lines.join("\n");
  lines.push(`  ${paint(options, "cyan", printable(result.url))}`);
  lines.push(`  model: ${printable(result.modelUri)}`);
  lines.push(`  digest: ${options.verbose ? printable(result.digest) : shortSha(result.digest)}`);
  if (options.verbose) {
    lines.push(`  manifest: ${printable(result.manifestUrl)}`);
    for (const [layout, uri] of Object.entries(result.servingUris))
      if (uri !== void 0 && uri !== result.modelUri) lines.push(`  ${printable(layout)}: ${printable(uri)}`);
  }
  return lines.join("\n");
}

// src/cli/commands/release-command.ts
var flags8 = {
  model: { type: "string", short: "m", value: "FILE", description: "the model file (default model.onnx in train.output)" },
  "model-name": { type: "string", value: "NAME", description: "the model's name (default `model:` in modelship.yaml)" },
  version: { type: "string", value: "X.Y.Z", description: "the version to release (default: bump the newest release)" },
  bump: { type: "string", value: "PART", choices: ["patch", "minor", "major"], description: "patch (default), minor or major" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "gate-report": { type: "string", value: "FILE", description: "the gate report (default .modelship/evaluation/gate-report.json)" },
  "reference-profile": { type: "string", value: "FILE", description: "the reference profile for drift checks (default profile.output)" },
  "reference-data": {
    type: "string",
    multiple: true,
    value: "FILE|train",
    description: "when no profile file exists, profile this data (train: data.train) as the drift reference"
  },
  "run-record": { type: "string", value: "FILE", description: "the run record (default run-record.json beside the model)" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  "allow-ungated": { type: "boolean", description: "release although the gate report is missing, failed or for other bytes (recorded)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var releaseCommand = {
  name: "release",
  summary: "package the gated model (manifest, SHA256SUMS, model card) and publish an immutable version",
  flagSets: [{ flags: flags8 }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags8, { command: "release", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship release [--version X.Y.Z | --bump patch] [--registry SPEC] [--allow-ungated]",
          summary: "Packages model.onnx with its gate report, reference profile, run record and a model card, writes manifest.json\nand SHA256SUMS, and publishes the version: a GitHub Release (draft, every asset, then published) or a local folder.\nA model whose gate report is missing, failed or made for other bytes is refused unless --allow-ungated.",
          flags: flags8,
          notes: "exit status: 0 released (or already released with the same bytes), 2 refused or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runReleaseStage(
      {
        model: values["model-name"],
        modelPath: values.model,
        version: values.version,
        bump: choiceFlag(values.bump, "bump", ["patch", "minor", "major"]),
        registry: values.registry,
        tagFormat: values["tag-format"],
        gateReport: values["gate-report"],
        referenceProfile: values["reference-profile"],
        runRecord: values["run-record"],
        allowUngated: values["allow-ungated"],
        referenceData: listFlag(values["reference-data"])
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result,
      text: () => renderReleaseText(result, output.text),
      failed: false
    });
    return ExitCode.ok;
  }
};

// src/stages/profile-stage.ts
var DEFAULT_PROFILE_OUTPUT = ".modelship/reference-profile.json";
async function runProfileStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const config = loaded.config;
  const contractPath = pick(inputs.contract, config?.data?.contract === void 0 ? void 0 : loaded.resolvePath(config.data.contract));
  if (contractPath === void 0)
    throw new UserError("no contract given", { hint: "pass --contract FILE or set data.contract in modelship.yaml" });
  const paths = inputs.data ?? (config?.data?.train === void 0 ? [] : [loaded.resolvePath(config.data.train)]);
  if (paths.length === 0) throw new UserError("no data files given", { hint: "modelship profile data.csv --contract contract.yaml" });
  const output = pick(inputs.output, config?.profile?.output === void 0 ? void 0 : loaded.resolvePath(config.profile.output)) ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output (profile.output)");
  const contract = await loadContract(contractPath);
  const binsFrom = inputs.binsFrom === void 0 ? void 0 : await readProfile(inputs.binsFrom);
  const profile = await profileData({
    contract,
    paths,
    binsFrom,
    bins: pick(inputs.bins, config?.profile?.bins),
    topK: pick(inputs.topK, config?.profile?.top_k),
    logger: run.logger,
    toolVersion: run.toolVersion
  });
  await writeFileAtomic(output, `${JSON.stringify(profile, null, 2)}
`);
  return { profile, output };
}
async function runProfileMergeStage(inputs) {
  const [first, ...rest] = inputs.profiles;
  if (first === void 0 || rest.length === 0)
    throw new UserError("profile merge needs at least two profiles", {
      hint: "modelship profile merge shard-1.json shard-2.json --output whole.json"
    });
  const output = inputs.output ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output");
  let merged = await readProfile(first);
  for (const path of rest) merged = mergeProfiles(merged, await readProfile(path));
  await writeFileAtomic(output, `${JSON.stringify(merged, null, 2)}
`);
  return { profile: merged, output };
}

// src/cli/commands/profile-command.ts
var profileFlags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract the columns and types come from" },
  output: { type: "string", short: "o", value: "FILE", description: `where the profile is written (default ${DEFAULT_PROFILE_OUTPUT})` },
  "bins-from": {
    type: "string",
    value: "PROFILE",
    description: "reuse the histogram edges of this profile (shards must share edges to merge)"
  },
  bins: { type: "string", value: "N", numeric: "integer", min: 1, description: "histogram bins per numeric column (default 10)" },
  "top-k": { type: "string", value: "N", numeric: "integer", description: "categories listed per column (default 50)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var mergeFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: `where the merged profile is written (default ${DEFAULT_PROFILE_OUTPUT})`
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function merge(context, argv) {
  const { flags: flags12, positionals } = parseFlags(argv, mergeFlags, { command: "profile merge", env: context.env });
  if (flags12.help) {
    context.print(
      renderHelp({
        usage: "modelship profile merge PROFILE PROFILE... [--output FILE]",
        summary: "Merges the profiles of shards (made with the same --bins-from) into the profile of the whole.",
        flags: mergeFlags
      })
    );
    return ExitCode.ok;
  }
  const out = commandOutput(context, flags12);
  const { profile, output } = await runProfileMergeStage({ profiles: positionals, output: flags12.output });
  out.emit({
    json: profile,
    // The renderer names the profile's file once.
    text: () => renderProfileText({ profile, output }, out.text),
    failed: false
  });
  return ExitCode.ok;
}
var profileCommand = {
  name: "profile",
  summary: "write a mergeable reference profile of data (drift baseline); `profile merge` merges shards",
  flagSets: [{ flags: profileFlags }, { sub: "merge", flags: mergeFlags }],
  async run(context) {
    if (context.argv[0] === "merge") return merge(context, context.argv.slice(1));
    const { flags: flags12, positionals } = parseFlags(context.argv, profileFlags, { command: "profile", env: context.env });
    if (flags12.help) {
      context.print(
        renderHelp({
          usage: "modelship profile DATA... --contract FILE [--output FILE] [--bins-from PROFILE]\n       modelship profile merge PROFILE PROFILE... [--output FILE]",
          summary: "Profiles data files column by column: counts, nulls, min/max, mean/variance, a quantile sketch,\na histogram on frozen bins with overflow bins, and category counts. Profiles of shards merge exactly.",
          flags: profileFlags
        })
      );
      return ExitCode.ok;
    }
    const out = commandOutput(context, flags12);
    const { profile, output } = await runProfileStage(
      {
        contract: flags12.contract,
        data: listFlag(positionals),
        output: flags12.output,
        binsFrom: flags12["bins-from"],
        bins: integerFlag(flags12.bins, "bins"),
        topK: integerFlag(flags12["top-k"], "top-k")
      },
      cliStageRun(out.context, flags12.config)
    );
    out.emit({
      json: profile,
      text: () => renderProfileText({ profile, output }, out.text),
      failed: false
    });
    return ExitCode.ok;
  }
};

// src/cli/commands/train-command.ts
var flags9 = {
  command: {
    type: "string",
    value: "CMD",
    description: "the training command; it writes model.onnx (and metrics.json) into $MODELSHIP_OUTPUT_DIR"
  },
  "train-config": {
    type: "string",
    value: "FILE",
    description: "train.yaml for the built-in trainer (instead of --command)"
  },
  output: {
    type: "string",
    short: "o",
    value: "DIR",
    description: "folder for model.onnx, metrics.json, run-record.json (default .modelship/model)"
  },
  "require-gpu": {
    type: "string",
    value: "WHEN",
    choices: ["true", "false", "auto"],
    description: "true (fail without a GPU), auto (default) or false"
  },
  param: {
    type: "string",
    multiple: true,
    value: "NAME=VALUE",
    description: "a hyperparameter for the command (MODELSHIP_PARAM_<NAME>, MODELSHIP_PARAMS)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "random seed for the command (MODELSHIP_SEED)" },
  "runner-labels": {
    type: "string",
    value: "JSON",
    description: "the runner labels the job asked for (recorded; named when no GPU is found)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var trainCommand = {
  name: "train",
  summary: "train (your command or the built-in trainer), check model.onnx, write the run record",
  flagSets: [{ flags: flags9 }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags9, { command: "train", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: 'modelship train [--command "python train.py" | --train-config train.yaml] [--output DIR] [--require-gpu auto] [--param NAME=VALUE]...',
          summary: "Runs training, checks that model.onnx loads in onnxruntime, and writes run-record.json: params, metrics,\ndata fingerprints, git SHA, runner, GPUs and their utilization, timings.",
          flags: flags9
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runTrainStage(
      {
        command: values.command,
        trainConfig: values["train-config"],
        output: values.output,
        requireGpu: choiceFlag(values["require-gpu"], "require-gpu", ["true", "false", "auto"]),
        seed: integerFlag(values.seed, "seed"),
        params: listFlag(values.param),
        runnerLabels: values["runner-labels"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.record,
      // The renderer names the model file once; the run record is the report.
      text: () => renderRunRecordText(result, output.text),
      reports: [result.runRecordPath],
      failed: false
    });
    return ExitCode.ok;
  }
};

// src/cli/commands/validate-command.ts
var FAIL_ON2 = ["error", "warning", "never"];
var flags10 = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract (modelship YAML or Frictionless Table Schema)" },
  train: { type: "string", value: "FILE", description: "training data (with --test: train/test hygiene checks)" },
  test: { type: "string", value: "FILE", description: "test data" },
  "base-contract": { type: "string", value: "FILE", description: "previous contract to diff against" },
  "fail-on": { type: "string", value: "LEVEL", choices: FAIL_ON2, description: "error (default), warning or never" },
  "max-examples": { type: "string", value: "N", numeric: "integer", description: "failing values listed per check (default 5)" },
  "report-dir": { type: "string", value: "DIR", description: "where the JSON and markdown reports go (default .modelship/reports)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var validateCommand = {
  name: "validate",
  summary: "check data files against a data contract",
  flagSets: [{ flags: flags10 }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags10, { command: "validate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship validate [DATA...] [--contract FILE] [--train FILE --test FILE]",
          summary: "Checks data files (CSV, CSV.gz, JSON Lines, Parquet) against a data contract and writes a validation report.\nOne file is checked alone; with two (or --train/--test) the train/test hygiene checks run too.",
          flags: flags10,
          notes: "exit status: 0 passed, 1 checks failed, 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runValidateStage(
      {
        contract: values.contract,
        data: listFlag(positionals),
        train: values.train,
        test: values.test,
        baseContract: values["base-contract"],
        failOn: choiceFlag(values["fail-on"], "fail-on", FAIL_ON2),
        maxExamples: integerFlag(values["max-examples"], "max-examples"),
        // Annotations are workflow commands: a terminal gets the report instead.
        maxAnnotations: 0,
        reportDir: values["report-dir"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.report,
      markdown: () => result.markdown,
      text: () => renderValidationText(result.report, output.text, { contractDiff: result.contractDiff }),
      reports: [result.reportPath, result.markdownPath],
      failed: !result.passed
    });
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/cli/commands/verify-promotion-command.ts
var flags11 = {
  head: { type: "string", value: "REF", description: "the change to check: a branch or refs/pull/N/head" },
  remote: {
    type: "string",
    value: "URL",
    description: "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of promote.repository, else the git repository the command runs in)"
  },
  base: { type: "string", value: "BRANCH", description: "the branch the change would merge into (default promote.base, else main)" },
  rules: {
    type: "string",
    value: "PATH",
    description: "modelship.yaml's path in the GitOps repository, read at the base branch (default modelship.yaml)"
  },
  report: { type: "string", value: "FILE", description: "also write the markdown report here" },
  config: {
    type: "string",
    value: "FILE",
    description: "the local modelship.yaml that names the GitOps repository (default: ./modelship.yaml)"
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var verifyPromotionCommand = {
  name: "verify-promotion",
  summary: "check a GitOps change by its base branch's rules: every model URI it deploys is released, intact, gated and attested",
  flagSets: [{ flags: flags11 }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags11, { command: "verify-promotion", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship verify-promotion --head REF [--base BRANCH] [--remote URL] [--rules PATH]",
          summary: "Diffs REF against the base branch of the GitOps repository and judges it by the rules the base branch has (its\nmodelship.yaml: verify.registries, verify.rules_changes, promote.environments' targets). Every model URI the change\nbrings in must be exactly the model file of a release in a trusted registry: every file matches its sha256, its gate\nverdict passed for those bytes, and its build provenance verifies. Changed manifests must validate; a change to the\nrules or .github/ fails unless the rules leave it to the code owners.",
          flags: flags11,
          notes: "exit status: 0 every check passed, 1 a check failed (do not merge), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    if (values.head === void 0)
      throw new UserError("no change to check: --head is missing", {
        hint: "pass --head BRANCH or --head refs/pull/N/head (or set MODELSHIP_HEAD); `modelship verify-promotion --help` shows every flag"
      });
    const output = commandOutput(context, values);
    if (values.report !== void 0) await checkOutputFile(values.report, "--report");
    const result = await runVerifyStage(
      {
        head: values.head,
        remote: values.remote,
        base: values.base,
        rulesFile: values.rules,
        gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || void 0
      },
      cliStageRun(output.context, values.config)
    );
    if (values.report !== void 0) await writeFileAtomic(values.report, `${result.markdown}
`);
    output.emit({
      failed: !result.ok,
      markdown: () => result.markdown,
      text: () => renderVerifyText(result, output.text),
      reports: [values.report],
      json: {
        ok: result.ok,
        files: result.files,
        uris: result.uris,
        problems: result.problems,
        rulesChanges: result.rulesChanges,
        warnings: result.warnings
      }
    });
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/cli/run-cli.ts
var COMMANDS = [
  initCommand,
  validateCommand,
  profileCommand,
  contractCommand,
  trainCommand,
  evaluateCommand,
  releaseCommand,
  fetchCommand,
  registryCommand,
  promoteCommand,
  canaryCommand,
  verifyPromotionCommand,
  driftCommand
];
function usage(version) {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `modelship ${version}: take an ML model from a pull request to production through GitOps`,
    "",
    "usage: modelship <command> [options]   (modelship <command> --help for details)",
    "",
    "commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Every --flag can also be set as an environment variable MODELSHIP_<FLAG> (e.g. MODELSHIP_FAIL_ON=warning).",
    "Every command takes --format text|markdown|json, -q (only failures and errors) and -v (also what passed).",
    "Colour only on a terminal, never with NO_COLOR set; progress bars only on a terminal outside CI.",
    "exit status: 0 ok, 1 checks failed, 2 usage or input error"
  ].join("\n");
}
var NOTHING_SET = /^(no contract given|no data files given|nothing to train|no target column|no test data)\b/;
var NO_CONFIG_HINT = "  No modelship.yaml here: run `npx modelship init` first (it writes one from your CSV), or pass --config FILE.\n";
function unconfigured(problem, context) {
  if (!NOTHING_SET.test(problem)) return false;
  if (context.argv.some((arg) => arg === "--config" || arg.startsWith("--config=")) || (context.env.MODELSHIP_CONFIG ?? "") !== "")
    return false;
  return !existsSync(join4(context.cwd, DEFAULT_CONFIG_FILE));
}
async function runCli(argv, options) {
  const io = options.io ?? { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  const env = options.env ?? process.env;
  const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const isVerbose = (arg, index) => index < end && (arg === "--verbose" || arg === "-v");
  const verbose = argv.some(isVerbose) || /^(1|true|yes)$/i.test(env.MODELSHIP_VERBOSE ?? "");
  const args = argv.filter((arg, index) => !isVerbose(arg, index));
  const logger = new ConsoleLogger({
    verbose,
    write: (line) => {
      io.stderr(`${line}
`);
    },
    writeError: (line) => {
      io.stderr(`${line}
`);
    }
  });
  const [name, ...rest] = args;
  if (name === void 0 || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${usage(options.version)}
`);
    return name === void 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "--version" || name === "version") {
    io.stdout(`${options.version}
`);
    return ExitCode.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const near = COMMANDS.map((candidate) => candidate.name).find((candidate) => candidate.startsWith(name.slice(0, 3)));
    const fix = near !== void 0 && name.length >= 3 ? `did you mean \`modelship ${near}\`? ` : "";
    io.stderr(
      `modelship: unknown command "${name}"
  Fix: ${fix}run \`modelship --help\` for the commands

${usage(options.version)}
`
    );
    return ExitCode.usage;
  }
  const context = {
    argv: rest,
    env,
    cwd: options.cwd ?? process.cwd(),
    logger,
    print: (text) => {
      io.stdout(`${text}
`);
    },
    version: options.version,
    verbose,
    // Without a given io, the process's own streams: colour and progress follow what they are.
    ...options.io === void 0 ? { stdout: process.stdout, progress: new ProgressBar(process.stderr, env) } : {}
  };
  try {
    const bar = context.progress;
    return await (bar?.enabled === true ? withProgress(
      (event) => {
        bar.show(event);
      },
      () => command.run(context)
    ) : command.run(context));
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`modelship ${command.name}: ${error.message}
${unconfigured(error.problem, context) ? NO_CONFIG_HINT : ""}`);
      return ExitCode.usage;
    }
    io.stderr(`modelship ${command.name}: internal error, please report it: ${getErrorMessage(error)}
`);
    if (error instanceof Error && error.stack) io.stderr(`${error.stack}
`);
    return ExitCode.bug;
  }
}
export {
  COMMANDS,
  runCli
};
