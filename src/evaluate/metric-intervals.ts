/**
 * Bootstrap intervals for model metrics and for champion − challenger differences. One resample
 * (row counts, stratified by label for classifiers so each keeps the class balance AUC needs)
 * serves every metric and both models, so differences are paired: the same rows, the same weights.
 */
import { bootstrap, percentileInterval } from "./bootstrap.ts";
import { prepareMetrics, type ModelData } from "./metric-set.ts";
import type { MetricName } from "./metrics.ts";

export interface IntervalOptions {
  challenger: ModelData;
  champion?: ModelData;
  /** Metrics that need an interval for the challenger. */
  metrics: MetricName[];
  /** Metrics whose champion difference needs an interval. */
  differences: MetricName[];
  resamples: number;
  seed: number;
  confidence: number;
}

export interface Intervals {
  metric: Map<MetricName, [number, number]>;
  /** Intervals of challenger − champion. */
  difference: Map<MetricName, [number, number]>;
  /** Resamples on which a metric was undefined (e.g. precision with no predicted positives). */
  undefinedResamples: Map<MetricName, number>;
}

/** Percentile intervals from `resamples` seeded resamples (none when resamples is 0). */
export function metricIntervals(options: IntervalOptions): Intervals {
  const result: Intervals = { metric: new Map(), difference: new Map(), undefinedResamples: new Map() };
  const metrics = [...new Set(options.metrics)];
  const differences = options.champion === undefined ? [] : [...new Set(options.differences)];
  if (options.resamples <= 0 || (metrics.length === 0 && differences.length === 0)) return result;
  const wanted = [...new Set([...metrics, ...differences])];
  const { challenger, champion } = options;
  const rows = challenger.data.y.length;
  const strata = challenger.kind === "classification" ? challenger.data.y : undefined;
  const prepared = { challenger: prepareMetrics(challenger, wanted), champion: champion === undefined ? undefined : prepareMetrics(champion, wanted) };
  const outcome = bootstrap({
    rows,
    resamples: options.resamples,
    seed: options.seed,
    ...(strata === undefined ? {} : { strata }),
    statistic(weights) {
      const own = prepared.challenger(weights);
      const other = prepared.champion?.(weights);
      return [...metrics.map((name) => own[name] ?? Number.NaN), ...differences.map((name) => (own[name] ?? Number.NaN) - (other?.[name] ?? Number.NaN))];
    },
  });
  metrics.forEach((name, i) => {
    const interval = percentileInterval(outcome.replicates[i]!, options.confidence);
    if (interval !== undefined) result.metric.set(name, interval);
    result.undefinedResamples.set(name, outcome.undefinedCounts[i] ?? 0);
  });
  differences.forEach((name, i) => {
    const interval = percentileInterval(outcome.replicates[metrics.length + i]!, options.confidence);
    if (interval !== undefined) result.difference.set(name, interval);
  });
  return result;
}
