/**
 * The explanations part of the evaluation (runEvaluation in evaluation.ts): permutation importance
 * of the model's input columns on the reservoir sample collectPredictions kept, the report's
 * `explanations` section with sensitive columns and proxies marked, and the explanation gates.
 */
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { classificationData, type ClassSettings, type ResolvedClasses } from "../evaluate/classes.ts";
import type { Collected, ModelOutputs } from "../evaluate/collect.ts";
import type { ModelData } from "../evaluate/metric-set.ts";
import { NEEDS_PROBA, type MetricName } from "../evaluate/metrics.ts";
import type { LoadedModel } from "../evaluate/onnx-model.ts";
import { permutationImportance } from "../evaluate/permutation-importance.ts";
import { metricMisfit } from "../gates/evaluate-gates.ts";
import { evaluateExplainGates } from "../gates/explain-gates.ts";
import type { ExplanationsSection, GateResult, Task } from "../gates/gate-report-types.ts";
import type { GatePolicy } from "../gates/policy.ts";

export interface ExplainInputs {
  policy: GatePolicy;
  contract?: DataContract;
  model: LoadedModel;
  collected: Collected;
  task: Task;
  /** The model's predictions on every evaluated row, with their labels. */
  data: ModelData;
  /** Classification: the resolved classes and the settings that turn outputs into class indices. */
  classes?: { resolved: ResolvedClasses; settings: ClassSettings };
  batchSize: number;
  notes: string[];
  logger: Logger;
}

/** The metric whose drop is the importance: the policy's, else by task (as scikit-learn's default scorers, with ROC AUC for a binary classifier that gives probabilities). */
function importanceMetric(inputs: ExplainInputs): MetricName {
  const { policy, task, data } = inputs;
  const hasProba = data.kind === "classification" && data.data.proba !== undefined;
  const metric = policy.explain.metric ?? (task === "regression" ? "r2" : task === "binary" && hasProba ? "roc_auc" : "accuracy");
  const misfit = metricMisfit(metric, task);
  if (misfit !== undefined)
    throw new UserError(`explain.metric "${metric}" does not apply to a ${task} model`, {
      file: policy.source,
      pointer: "/explain/metric",
      hint: misfit,
    });
  if (NEEDS_PROBA.has(metric) && !hasProba)
    throw new UserError(`explain.metric "${metric}" needs probabilities, and the model gives labels only`, {
      file: policy.source,
      pointer: "/explain/metric",
      hint: "use accuracy (or another label metric), or export the model with its probability output",
    });
  return metric;
}

/** The rows `rows` of the evaluation's data. */
function subset(data: ModelData, rows: Int32Array): ModelData {
  if (data.kind === "regression")
    return {
      kind: "regression",
      data: { y: Float64Array.from(rows, (r) => data.data.y[r]!), pred: Float64Array.from(rows, (r) => data.data.pred[r]!) },
    };
  const { classes, y, pred, proba } = data.data;
  const picked = proba === undefined ? undefined : new Float64Array(rows.length * classes);
  if (picked !== undefined)
    rows.forEach((r, i) => {
      picked.set(proba!.subarray(r * classes, (r + 1) * classes), i * classes);
    });
  return {
    kind: "classification",
    data: {
      classes,
      y: Int32Array.from(rows, (r) => y[r]!),
      pred: Int32Array.from(rows, (r) => pred[r]!),
      ...(picked ? { proba: picked } : {}),
    },
  };
}

/**
 * Sensitive columns for the importance: the policy's list and the contract's role sensitive (numeric
 * ones too: no bins needed here). Both, not either: listing a few columns for the fairness groups must
 * not take another sensitive column out of the importance gate.
 */
function sensitiveNames(policy: GatePolicy, contract: DataContract | undefined): string[] {
  return [
    ...new Set([
      ...(policy.fairness.sensitive ?? []),
      ...(contract?.columns ?? []).filter((column) => column.roles.includes("sensitive")).map((column) => column.name),
    ]),
  ];
}

/** Computes the explanations section and its gates; undefined when explanations are off. */
export async function explainModel(inputs: ExplainInputs): Promise<{ section: ExplanationsSection; gates: GateResult[] } | undefined> {
  const { policy, model, collected, notes } = inputs;
  const sample = collected.sample;
  if (!policy.explain.enabled || sample === undefined) return undefined;
  policy.explain.proxies.forEach((proxy, i) => {
    if (!collected.columns.includes(proxy))
      throw new UserError(`explain.proxies names "${proxy}", which is not a column of the test data`, {
        file: policy.source,
        pointer: `/explain/proxies/${i}`,
        hint: `name columns the data has (${collected.columns.map((name) => JSON.stringify(name)).join(", ")})`,
      });
  });
  const metric = importanceMetric(inputs);
  const features = model.requiredColumns;
  const sensitive = new Set(sensitiveNames(policy, inputs.contract));
  const proxies = new Set(policy.explain.proxies);
  const unread = [...new Set([...sensitive, ...proxies])].filter((name) => !features.includes(name));
  if (unread.length > 0)
    notes.push(
      `${unread.join(", ")} (${unread.length === 1 ? "a sensitive column or proxy" : "sensitive columns or proxies"}) ${unread.length === 1 ? "is" : "are"} not an input of the model, so ${unread.length === 1 ? "its" : "their"} permutation importance is 0; the model may still learn ${unread.length === 1 ? "it" : "them"} through other columns.`,
    );

  const { repeats, resamples } = policy.explain;
  const { seed, confidence } = policy.bootstrap;
  inputs.logger.info(
    `Permutation importance (${metric}): ${sample.rows.length.toLocaleString("en-US")} sampled rows × ${repeats} repeats × ${features.length} columns, ${resamples} resamples (seed ${seed}).`,
  );
  const ys = subset(inputs.data, sample.rows);
  const toData = (outputs: ModelOutputs): ModelData => {
    if (ys.kind === "regression") return { kind: "regression", data: { y: ys.data.y, pred: outputs.values!.values().slice() } };
    const { resolved, settings } = inputs.classes!;
    return {
      kind: "classification",
      data: classificationData({ ...resolved, y: ys.data.y }, outputs, resolved.columnOrder, settings),
    };
  };
  const started = performance.now();
  const result = await permutationImportance({
    sample,
    features,
    model,
    baseline: ys,
    toData,
    metric,
    repeats,
    batchSize: inputs.batchSize,
    seed,
    resamples,
    confidence,
  });
  inputs.logger.info(`Permutation importance took ${((performance.now() - started) / 1000).toFixed(2)} s.`);
  const rows = result.features
    .map((feature) => ({
      feature: feature.feature,
      importance: feature.importance,
      std: feature.std,
      ...(feature.ci === undefined ? {} : { ci: feature.ci }),
      ...(sensitive.has(feature.feature) ? { sensitive: true as const } : {}),
      ...(proxies.has(feature.feature) ? { proxy: true as const } : {}),
    }))
    .sort((a, b) => (b.importance ?? -Infinity) - (a.importance ?? -Infinity) || a.feature.localeCompare(b.feature));
  const section: ExplanationsSection = {
    method: "permutation_importance",
    metric,
    baseline: result.baseline,
    rows: sample.rows.length,
    population: sample.seen,
    repeats,
    resamples,
    confidence,
    seed,
    features: rows,
  };
  const gates = evaluateExplainGates({
    gates: policy.explain.gates,
    explanations: section,
    flagged: [...new Set([...sensitive, ...proxies])],
    confidence,
  });
  return { section, gates };
}
