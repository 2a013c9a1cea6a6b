/**
 * One model's metrics as a function of row weights: the sort and per-row terms are prepared once, so
 * the point estimate (no weights) and every bootstrap resample (weights = resample counts) share them.
 */
import {
  classificationMetrics,
  prepareClassification,
  regressionMetrics,
  type ClassificationData,
  type MetricName,
  type RegressionData,
} from "./metrics.ts";

export type ModelData = { kind: "classification"; data: ClassificationData } | { kind: "regression"; data: RegressionData };

/** Returns a function computing the model's metrics for a weight vector (all rows once when left out). */
export function prepareMetrics(
  model: ModelData,
  wanted: readonly MetricName[],
): (weights?: Float64Array) => Partial<Record<MetricName, number>> {
  const keep = new Set(wanted);
  const pick = (all: Partial<Record<MetricName, number>>) => {
    const out: Partial<Record<MetricName, number>> = {};
    for (const [name, value] of Object.entries(all) as [MetricName, number][])
      if (keep.has(name) && Number.isFinite(value)) out[name] = value;
    return out;
  };
  if (model.kind === "regression") return (weights) => pick(regressionMetrics(model.data, weights));
  const cache = prepareClassification(model.data);
  return (weights) => pick(classificationMetrics(model.data, weights, cache));
}
