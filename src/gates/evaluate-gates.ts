/**
 * Applies the gate policy to what the evaluation measured: quality thresholds on the metrics,
 * fairness thresholds on each grouping's disparities, and non-inferiority against the champion
 * (its metrics and, for fairness, how much a disparity may worsen). Returns one GateResult each.
 */
import { UserError } from "../common/errors.ts";
import type { GroupingEvaluation } from "../evaluate/fairness-eval.ts";
import { HIGHER_IS_BETTER, type MetricName } from "../evaluate/metrics.ts";
import { formatNumber } from "../common/markdown.ts";
import { checkChampion, checkThreshold, describeThreshold } from "./decide.ts";
import type { GateResult, Task } from "./gate-report-types.ts";
import type { ChampionRule, FairnessGate, GatePolicy } from "./policy.ts";

/** People's names for metrics. */
export const METRIC_LABELS: Record<string, string> = {
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
  r2: "R²",
  mape: "MAPE",
  demographic_parity_difference: "Demographic parity difference",
  demographic_parity_ratio: "Demographic parity ratio",
  equalized_odds_difference: "Equalized odds difference",
  equalized_odds_ratio: "Equalized odds ratio",
  equal_opportunity_difference: "Equal opportunity difference",
  equal_opportunity_ratio: "Equal opportunity ratio",
  disparate_impact: "Disparate impact",
  statistical_parity_difference: "Statistical parity difference",
};

const REGRESSION_METRICS = new Set<string>(["mae", "rmse", "r2", "mape"]);
const BINARY_ONLY = new Set<string>(["precision", "recall", "f1"]);

/** A UserError for a gate on a metric the task does not have (e.g. rmse on a classifier). */
export function checkPolicyFitsTask(policy: GatePolicy, task: Task, rules: ChampionRule[]): void {
  const metrics = [
    ...policy.quality.map((gate, i) => ({ metric: gate.metric, pointer: `/quality/${i}/metric` })),
    ...rules.map((rule, i) => ({ metric: rule.metric, pointer: `/champion/rules/${i}/metric` })),
  ];
  for (const { metric, pointer } of metrics) {
    const hint = metricMisfit(metric, task);
    if (hint !== undefined)
      throw new UserError(`gate metric "${metric}" does not apply to a ${task} model`, { file: policy.source, pointer, hint });
  }
}

/** Undefined when the metric applies to the task, else the hint naming the metrics that do. */
export function metricMisfit(metric: MetricName, task: Task): string | undefined {
  const forRegression = REGRESSION_METRICS.has(metric);
  if (forRegression === (task === "regression") && !(task === "multiclass" && BINARY_ONLY.has(metric))) return undefined;
  return task === "regression"
    ? "use mae, rmse, r2 or mape"
    : task === "multiclass"
      ? "use accuracy, balanced_accuracy, *_macro or *_weighted, roc_auc (one-vs-rest), log_loss, brier or ece"
      : "use a classification metric (accuracy, roc_auc, f1, log_loss…)";
}

/** Metrics measured against a privileged group: gated only where the policy names one. */
const NEEDS_PRIVILEGED = new Set<string>(["disparate_impact", "statistical_parity_difference"]);

/** Whether a fairness gate applies to a grouping: named by `groupings` (or all), with a privileged group where the metric needs one. */
export function appliesTo(gate: FairnessGate, evaluation: GroupingEvaluation): boolean {
  if (gate.groupings !== undefined && !gate.groupings.includes(evaluation.grouping.name)) return false;
  return !NEEDS_PRIVILEGED.has(gate.metric) || evaluation.options.privileged !== undefined;
}

export interface GateInputs {
  policy: GatePolicy;
  task: Task;
  rows: number;
  metrics: Partial<Record<MetricName, number>>;
  metricCi: Map<MetricName, [number, number]>;
  /** Why a metric is missing (e.g. "the model gives no probabilities"). */
  missingReason: (metric: MetricName) => string;
  fairness: GroupingEvaluation[];
  champion?: {
    rules: ChampionRule[];
    metrics: Partial<Record<MetricName, number>>;
    differenceCi: Map<MetricName, [number, number]>;
  };
}

function withThreshold(name: string, threshold: { min?: number; max?: number }, on: string, confidence: number): string {
  const bound = on === "ci" ? ` (${threshold.min !== undefined ? "lower" : "upper"} ${Math.round(confidence * 100)}% CI bound)` : "";
  return `${name} ${describeThreshold(threshold)}${bound}`;
}

/** Every gate's result, in policy order: quality, fairness (per grouping), champion. */
export function evaluateGates(inputs: GateInputs): GateResult[] {
  const { policy, rows } = inputs;
  const confidence = policy.bootstrap.confidence;
  const gates: GateResult[] = [];
  const championMetric = (metric: MetricName) => {
    const theirs = inputs.champion?.metrics[metric];
    const ours = inputs.metrics[metric];
    return theirs === undefined || ours === undefined ? undefined : ours - theirs;
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
      confidence,
    });
    gates.push({
      id: `quality:${gate.metric}${gate.min !== undefined ? `:min` : ""}${gate.max !== undefined ? `:max` : ""}`,
      kind: "quality",
      name: gate.name ?? withThreshold(METRIC_LABELS[gate.metric] ?? gate.metric, gate, gate.on, confidence),
      metric: gate.metric,
      threshold: { min: gate.min, max: gate.max },
      on: gate.on,
      value: value ?? null,
      ...(ci === undefined ? {} : { ci }),
      n: rows,
      severity: gate.severity,
      ...decided,
      ...(championMetric(gate.metric) === undefined ? {} : { championDelta: championMetric(gate.metric)! }),
    });
  }
  for (const gate of policy.fairness.gates) {
    for (const evaluation of inputs.fairness) {
      const grouping = evaluation.grouping.name;
      if (!appliesTo(gate, evaluation)) continue;
      const figure = evaluation.result.metrics[gate.metric];
      const ci = evaluation.metricCi.get(gate.metric);
      const excluded =
        figure.excluded.length === 0
          ? ""
          : figure.excluded.length <= 2
            ? ` (left out: ${figure.excluded.map((entry) => `${entry.label}: ${entry.reason}`).join("; ")})`
            : ` (${figure.excluded.length} groups left out; see the ${grouping} table)`;
      const decided = checkThreshold({
        value: figure.value,
        ci,
        reason: figure.reason,
        threshold: gate,
        on: gate.on,
        severity: gate.severity,
        confidence,
      });
      const privileged = evaluation.options.privileged;
      const which = figure.worst === undefined || privileged === undefined ? "" : ` (${figure.worst} vs ${privileged})`;
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
        ...(ci === undefined ? {} : { ci }),
        n: figure.groups.reduce((sum, label) => sum + (evaluation.result.groups.find((group) => group.label === label)?.count ?? 0), 0),
        severity: gate.severity,
        ...decided,
        reason: `${decided.reason}${which}${excluded}`,
        ...(theirs === undefined || figure.value === undefined ? {} : { championDelta: figure.value - theirs }),
      });
    }
  }
  if (inputs.champion !== undefined && policy.champion !== undefined) {
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
        reason: inputs.missingReason(rule.metric),
      });
      gates.push({
        id: `champion:${rule.metric}`,
        kind: "champion",
        name: `${METRIC_LABELS[rule.metric] ?? rule.metric} not worse than the champion by more than ${formatNumber(rule.margin)}`,
        metric: rule.metric,
        threshold: HIGHER_IS_BETTER[rule.metric] ? { min: -rule.margin } : { max: rule.margin },
        on: rule.require,
        value: difference ?? null,
        ...(ci === undefined ? {} : { ci }),
        n: rows,
        severity: rule.severity,
        ...decided,
        ...(difference === undefined ? {} : { championDelta: difference }),
      });
    }
    const worsening = policy.champion.fairnessMaxWorsening;
    for (const gate of policy.fairness.gates) {
      for (const evaluation of inputs.fairness) {
        const grouping = evaluation.grouping.name;
        // Only the disparities that can fail the verdict are held to the champion's level.
        if (evaluation.champion === undefined || gate.severity !== "fail" || !appliesTo(gate, evaluation)) continue;
        const ours = evaluation.result.metrics[gate.metric].value;
        const theirs = evaluation.champion.metrics[gate.metric].value;
        // Worse means further past the gate's threshold: larger for a maximum, smaller for a minimum.
        const worse = ours === undefined || theirs === undefined ? undefined : gate.max !== undefined ? ours - theirs : theirs - ours;
        const failed = worse !== undefined && worse > worsening + 1e-12;
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
          status: worse === undefined ? "insufficient_data" : failed ? (policy.champion.severity === "fail" ? "fail" : "warn") : "pass",
          observed: worse ?? null,
          reason:
            worse === undefined
              ? "the disparity is undefined for the challenger or the champion"
              : `${formatNumber(ours)} vs the champion's ${formatNumber(theirs)}: ${worse > 0 ? `worse by ${formatNumber(worse)}` : "not worse"}`,
          ...(ours === undefined || theirs === undefined ? {} : { championDelta: ours - theirs }),
        });
      }
    }
  }
  return gates;
}
