import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  failsOn
} from "./chunk-GKTFBMQJ.js";
import {
  HIGHER_IS_BETTER
} from "./chunk-NP3NC7G4.js";
import {
  formatNumber
} from "./chunk-HFKEWQQZ.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/gates/decide.ts
function describeThreshold(threshold) {
  if (threshold.min !== void 0 && threshold.max !== void 0)
    return `between ${formatNumber(threshold.min)} and ${formatNumber(threshold.max)}`;
  return threshold.min !== void 0 ? `\u2265 ${formatNumber(threshold.min)}` : `\u2264 ${formatNumber(threshold.max)}`;
}
function checkThreshold(check) {
  const { value, ci, threshold, on, severity } = check;
  if (value === void 0 || Number.isNaN(value))
    return { status: "insufficient_data", observed: null, reason: check.reason ?? "the value could not be computed" };
  const level = `${Math.round(check.confidence * 100)}% CI`;
  if (on === "ci" && ci === void 0)
    return {
      status: "insufficient_data",
      observed: null,
      reason: `no ${level} (the bootstrap is off, or the metric is undefined on too many resamples)`
    };
  const low = on === "ci" ? ci[0] : value;
  const high = on === "ci" ? ci[1] : value;
  const failures = [];
  if (threshold.min !== void 0 && low < threshold.min)
    failures.push(`${on === "ci" ? `lower ${level} bound ` : ""}${formatNumber(low)} < ${formatNumber(threshold.min)}`);
  if (threshold.max !== void 0 && high > threshold.max)
    failures.push(`${on === "ci" ? `upper ${level} bound ` : ""}${formatNumber(high)} > ${formatNumber(threshold.max)}`);
  const observed = on === "ci" ? threshold.min !== void 0 && (threshold.max === void 0 || low < threshold.min) ? low : high : value;
  if (failures.length === 0)
    return {
      status: "pass",
      observed,
      reason: `${on === "ci" ? `the ${level} [${formatNumber(low)}, ${formatNumber(high)}]` : formatNumber(value)} is ${describeThreshold(threshold)}`
    };
  return { status: severity === "fail" ? "fail" : "warn", observed, reason: failures.join("; ") };
}
function checkChampion(check) {
  const { difference, ci, margin, require: require2, severity } = check;
  if (difference === void 0 || Number.isNaN(difference))
    return { status: "insufficient_data", observed: null, reason: check.reason ?? "the difference could not be computed" };
  const sign = check.higherIsBetter ? 1 : -1;
  const improvement = sign * difference;
  const level = `${Math.round(check.confidence * 100)}% CI`;
  const fail = (reason, observed) => ({ status: severity === "fail" ? "fail" : "warn", observed, reason });
  if (require2 === "point") {
    return improvement >= -margin ? { status: "pass", observed: difference, reason: `\u0394 ${formatNumber(difference)} is within the margin ${formatNumber(margin)}` } : fail(`\u0394 ${formatNumber(difference)} is worse than the margin ${formatNumber(margin)}`, difference);
  }
  if (ci === void 0)
    return {
      status: "insufficient_data",
      observed: null,
      reason: `no ${level} of the difference (the bootstrap is off, or undefined on too many resamples)`
    };
  const [lo, hi] = sign === 1 ? ci : [-ci[1], -ci[0]];
  const shown = `\u0394 ${formatNumber(difference)}, ${level} [${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
  if (require2 === "not_worse") {
    return hi < -margin ? fail(`${shown}: worse than the champion beyond the margin ${formatNumber(margin)}`, sign === 1 ? ci[1] : ci[0]) : {
      status: "pass",
      observed: sign === 1 ? ci[1] : ci[0],
      reason: `${shown}: not shown to be worse by more than ${formatNumber(margin)}`
    };
  }
  return lo >= -margin ? { status: "pass", observed: sign === 1 ? ci[0] : ci[1], reason: `${shown}: within the margin ${formatNumber(margin)}` } : fail(`${shown}: not shown to be within the margin ${formatNumber(margin)}`, sign === 1 ? ci[0] : ci[1]);
}
function summarize(gates) {
  const summary = { pass: 0, warn: 0, fail: 0, insufficient_data: 0 };
  for (const gate of gates) summary[gate.status]++;
  return summary;
}
function verdictOf(gates) {
  if (gates.some((gate) => gate.status === "fail")) return "fail";
  if (gates.some((gate) => gate.status === "warn" || gate.status === "insufficient_data")) return "warn";
  return "pass";
}
function passes(verdict, failOn) {
  return !failsOn(["fail", "warn"], failOn, verdict === "pass" ? "ok" : verdict);
}

// src/gates/evaluate-gates.ts
var METRIC_LABELS = {
  accuracy: "Accuracy",
  balanced_accuracy: "Balanced accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  precision_macro: "Precision (macro)",
  recall_macro: "Recall (macro)",
  f1_macro: "F1 (macro)",
  precision_weighted: "Precision (weighted)",
  recall_weighted: "Recall (weighted)",
  f1_weighted: "F1 (weighted)",
  roc_auc: "ROC AUC",
  average_precision: "Average precision",
  log_loss: "Log loss",
  brier: "Brier score",
  ece: "Expected calibration error",
  mae: "MAE",
  rmse: "RMSE",
  r2: "R\xB2",
  mape: "MAPE",
  demographic_parity_difference: "Demographic parity difference",
  demographic_parity_ratio: "Demographic parity ratio",
  equalized_odds_difference: "Equalized odds difference",
  equalized_odds_ratio: "Equalized odds ratio",
  equal_opportunity_difference: "Equal opportunity difference",
  equal_opportunity_ratio: "Equal opportunity ratio",
  disparate_impact: "Disparate impact",
  statistical_parity_difference: "Statistical parity difference"
};
var REGRESSION_METRICS = /* @__PURE__ */ new Set(["mae", "rmse", "r2", "mape"]);
var BINARY_ONLY = /* @__PURE__ */ new Set(["precision", "recall", "f1"]);
function checkPolicyFitsTask(policy, task, rules) {
  const metrics = [
    ...policy.quality.map((gate, i) => ({ metric: gate.metric, pointer: `/quality/${i}/metric` })),
    ...rules.map((rule, i) => ({ metric: rule.metric, pointer: `/champion/rules/${i}/metric` }))
  ];
  for (const { metric, pointer } of metrics) {
    const hint = metricMisfit(metric, task);
    if (hint !== void 0)
      throw new UserError(`gate metric "${metric}" does not apply to a ${task} model`, { file: policy.source, pointer, hint });
  }
}
function metricMisfit(metric, task) {
  const forRegression = REGRESSION_METRICS.has(metric);
  if (forRegression === (task === "regression") && !(task === "multiclass" && BINARY_ONLY.has(metric))) return void 0;
  return task === "regression" ? "use mae, rmse, r2 or mape" : task === "multiclass" ? "use accuracy, balanced_accuracy, *_macro or *_weighted, roc_auc (one-vs-rest), log_loss, brier or ece" : "use a classification metric (accuracy, roc_auc, f1, log_loss\u2026)";
}
var NEEDS_PRIVILEGED = /* @__PURE__ */ new Set(["disparate_impact", "statistical_parity_difference"]);
function appliesTo(gate, evaluation) {
  if (gate.groupings !== void 0 && !gate.groupings.includes(evaluation.grouping.name)) return false;
  return !NEEDS_PRIVILEGED.has(gate.metric) || evaluation.options.privileged !== void 0;
}
function withThreshold(name, threshold, on, confidence) {
  const bound = on === "ci" ? ` (${threshold.min !== void 0 ? "lower" : "upper"} ${Math.round(confidence * 100)}% CI bound)` : "";
  return `${name} ${describeThreshold(threshold)}${bound}`;
}
function evaluateGates(inputs) {
  const { policy, rows } = inputs;
  const confidence = policy.bootstrap.confidence;
  const gates = [];
  const championMetric = (metric) => {
    const theirs = inputs.champion?.metrics[metric];
    const ours = inputs.metrics[metric];
    return theirs === void 0 || ours === void 0 ? void 0 : ours - theirs;
  };
  for (const gate of policy.quality) {
    const value = inputs.metrics[gate.metric];
    const ci = inputs.metricCi.get(gate.metric);
    const decided = checkThreshold({
      value,
      ci,
      reason: inputs.missingReason(gate.metric),
      threshold: gate,
      on: gate.on,
      severity: gate.severity,
      confidence
    });
    gates.push({
      id: `quality:${gate.metric}${gate.min !== void 0 ? `:min` : ""}${gate.max !== void 0 ? `:max` : ""}`,
      kind: "quality",
      name: gate.name ?? withThreshold(METRIC_LABELS[gate.metric] ?? gate.metric, gate, gate.on, confidence),
      metric: gate.metric,
      threshold: { min: gate.min, max: gate.max },
      on: gate.on,
      value: value ?? null,
      ...ci === void 0 ? {} : { ci },
      n: rows,
      severity: gate.severity,
      ...decided,
      ...championMetric(gate.metric) === void 0 ? {} : { championDelta: championMetric(gate.metric) }
    });
  }
  for (const gate of policy.fairness.gates) {
    for (const evaluation of inputs.fairness) {
      const grouping = evaluation.grouping.name;
      if (!appliesTo(gate, evaluation)) continue;
      const figure = evaluation.result.metrics[gate.metric];
      const ci = evaluation.metricCi.get(gate.metric);
      const excluded = figure.excluded.length === 0 ? "" : figure.excluded.length <= 2 ? ` (left out: ${figure.excluded.map((entry) => `${entry.label}: ${entry.reason}`).join("; ")})` : ` (${figure.excluded.length} groups left out; see the ${grouping} table)`;
      const decided = checkThreshold({
        value: figure.value,
        ci,
        reason: figure.reason,
        threshold: gate,
        on: gate.on,
        severity: gate.severity,
        confidence
      });
      const privileged = evaluation.options.privileged;
      const which = figure.worst === void 0 || privileged === void 0 ? "" : ` (${figure.worst} vs ${privileged})`;
      const theirs = evaluation.champion?.metrics[gate.metric].value;
      gates.push({
        id: `fairness:${gate.metric}:${grouping}`,
        kind: "fairness",
        name: withThreshold(`${METRIC_LABELS[gate.metric]} (${grouping})`, gate, gate.on, confidence),
        metric: gate.metric,
        grouping,
        threshold: { min: gate.min, max: gate.max },
        on: gate.on,
        value: figure.value ?? null,
        ...ci === void 0 ? {} : { ci },
        n: figure.groups.reduce((sum, label) => sum + (evaluation.result.groups.find((group) => group.label === label)?.count ?? 0), 0),
        severity: gate.severity,
        ...decided,
        reason: `${decided.reason}${which}${excluded}`,
        ...theirs === void 0 || figure.value === void 0 ? {} : { championDelta: figure.value - theirs }
      });
    }
  }
  if (inputs.champion !== void 0 && policy.champion !== void 0) {
    for (const rule of inputs.champion.rules) {
      const difference = championMetric(rule.metric);
      const ci = inputs.champion.differenceCi.get(rule.metric);
      const decided = checkChampion({
        difference,
        ci,
        higherIsBetter: HIGHER_IS_BETTER[rule.metric],
        margin: rule.margin,
        require: rule.require,
        severity: rule.severity,
        confidence,
        reason: inputs.missingReason(rule.metric)
      });
      gates.push({
        id: `champion:${rule.metric}`,
        kind: "champion",
        name: `${METRIC_LABELS[rule.metric] ?? rule.metric} not worse than the champion by more than ${formatNumber(rule.margin)}`,
        metric: rule.metric,
        threshold: HIGHER_IS_BETTER[rule.metric] ? { min: -rule.margin } : { max: rule.margin },
        on: rule.require,
        value: difference ?? null,
        ...ci === void 0 ? {} : { ci },
        n: rows,
        severity: rule.severity,
        ...decided,
        ...difference === void 0 ? {} : { championDelta: difference }
      });
    }
    const worsening = policy.champion.fairnessMaxWorsening;
    for (const gate of policy.fairness.gates) {
      for (const evaluation of inputs.fairness) {
        const grouping = evaluation.grouping.name;
        if (evaluation.champion === void 0 || gate.severity !== "fail" || !appliesTo(gate, evaluation)) continue;
        const ours = evaluation.result.metrics[gate.metric].value;
        const theirs = evaluation.champion.metrics[gate.metric].value;
        const worse = ours === void 0 || theirs === void 0 ? void 0 : gate.max !== void 0 ? ours - theirs : theirs - ours;
        const failed = worse !== void 0 && worse > worsening + 1e-12;
        gates.push({
          id: `champion:fairness:${gate.metric}:${grouping}`,
          kind: "champion",
          name: `${METRIC_LABELS[gate.metric]} (${grouping}) not worse than the champion's by more than ${formatNumber(worsening)}`,
          metric: gate.metric,
          grouping,
          threshold: { max: worsening },
          on: "point",
          value: ours ?? null,
          n: rows,
          severity: policy.champion.severity,
          status: worse === void 0 ? "insufficient_data" : failed ? policy.champion.severity === "fail" ? "fail" : "warn" : "pass",
          observed: worse ?? null,
          reason: worse === void 0 ? "the disparity is undefined for the challenger or the champion" : `${formatNumber(ours)} vs the champion's ${formatNumber(theirs)}: ${worse > 0 ? `worse by ${formatNumber(worse)}` : "not worse"}`,
          ...ours === void 0 || theirs === void 0 ? {} : { championDelta: ours - theirs }
        });
      }
    }
  }
  return gates;
}

export {
  describeThreshold,
  checkThreshold,
  summarize,
  verdictOf,
  passes,
  METRIC_LABELS,
  checkPolicyFitsTask,
  metricMisfit,
  evaluateGates
};
