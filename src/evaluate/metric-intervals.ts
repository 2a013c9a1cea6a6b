/**
 * Bootstrap intervals for model metrics and for challenger − champion differences. One resample
 * (stratified by label for classifiers, so each keeps the class balance AUC needs) serves every
 * metric and both models, so differences are paired: the same rows, the same weights.
 *
 * Rows that agree on everything a metric reads (label, both models' predictions and probabilities)
 * are merged into one unit with a multiplicity first, in score order. A resample is then an exact
 * multinomial draw over units — by conditional binomials when there are few units per row (a large
 * test set with repeated scores, as most tabular models give), by drawing rows otherwise — and the
 * metrics are computed over units with the counts as weights. Same numbers as resampling rows; far
 * less work when scores repeat.
 */
import { streamSeed, mulberry32 } from "../common/seeded-random.ts";
import { bootstrap, multinomial, percentileInterval } from "./bootstrap.ts";
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
  /** Row draws one generator stream may make (mulberry32's period, 2^32); tests lower it. */
  maxDrawsPerStream?: number;
}

export interface Intervals {
  metric: Map<MetricName, [number, number]>;
  /** Intervals of challenger − champion. */
  difference: Map<MetricName, [number, number]>;
}

/** The rows merged into units: each model's data over units, the multiplicity and stratum of each unit, and each row's unit. */
export interface Units {
  challenger: ModelData;
  champion?: ModelData;
  multiplicity: Float64Array;
  stratum: Int32Array;
  strata: number;
  unitOfRow: Int32Array;
}

/** A view of a model's data restricted to `rows` (in that order). */
function select(model: ModelData, rows: Int32Array): ModelData {
  if (model.kind === "regression")
    return {
      kind: "regression",
      data: { y: Float64Array.from(rows, (r) => model.data.y[r]!), pred: Float64Array.from(rows, (r) => model.data.pred[r]!) },
    };
  const { classes, y, pred, proba } = model.data;
  const selectedProba = proba === undefined ? undefined : new Float64Array(rows.length * classes);
  if (proba !== undefined) {
    rows.forEach((r, i) => {
      selectedProba!.set(proba.subarray(r * classes, (r + 1) * classes), i * classes);
    });
  }
  return {
    kind: "classification",
    data: {
      classes,
      y: Int32Array.from(rows, (r) => y[r]!),
      pred: Int32Array.from(rows, (r) => pred[r]!),
      ...(selectedProba === undefined ? {} : { proba: selectedProba }),
    },
  };
}

/** Compares two rows on everything the metrics read; sorts by the challenger's leading score (descending) first. */
function rowComparator(models: ModelData[]): (a: number, b: number) => number {
  return (a, b) => {
    for (const model of models) {
      if (model.kind === "regression") {
        const d = model.data.pred[b]! - model.data.pred[a]! || model.data.y[a]! - model.data.y[b]!;
        if (d !== 0) return d;
        continue;
      }
      const { classes, y, pred, proba } = model.data;
      if (proba !== undefined) {
        // The positive class's probability first (binary), so units come out in score order.
        for (let k = classes - 1; k >= 0; k--) {
          const d = proba[b * classes + k]! - proba[a * classes + k]!;
          if (d !== 0) return d;
        }
      }
      const d = y[a]! - y[b]! || pred[a]! - pred[b]!;
      if (d !== 0) return d;
    }
    return 0;
  };
}

/** Merges identical rows into units (in score order). */
export function mergeRows(challenger: ModelData, champion: ModelData | undefined): Units {
  const models = champion === undefined ? [challenger] : [challenger, champion];
  const n = challenger.data.y.length;
  const compare = rowComparator(models);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(compare);
  const unitOfRow = new Int32Array(n);
  const firsts: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = order[i]!;
    if (i === 0 || compare(order[i - 1]!, row) !== 0) {
      firsts.push(row);
      counts.push(0);
    }
    unitOfRow[row] = firsts.length - 1;
    counts[counts.length - 1]!++;
  }
  const representatives = Int32Array.from(firsts);
  const stratumOf = challenger.kind === "classification" ? challenger.data.y : undefined;
  return {
    challenger: select(challenger, representatives),
    ...(champion === undefined ? {} : { champion: select(champion, representatives) }),
    multiplicity: Float64Array.from(counts),
    stratum: stratumOf === undefined ? new Int32Array(firsts.length) : Int32Array.from(representatives, (r) => stratumOf[r]!),
    strata: stratumOf === undefined ? 1 : challenger.kind === "classification" ? challenger.data.classes : 1,
    unitOfRow,
  };
}

/** Calls `statistic` with each resample's unit counts: multinomial over units per stratum when units are few, row draws otherwise. */
function resampleUnits(
  units: Units,
  options: { resamples: number; seed: number; strata?: Int32Array; maxDrawsPerStream?: number },
  statistic: (counts: Float64Array) => number[],
): { replicates: Float64Array[] } {
  const unitCount = units.multiplicity.length;
  const rows = units.unitOfRow.length;
  const counts = new Float64Array(unitCount);
  if (unitCount * 4 > rows) {
    // Nearly every row is its own unit: drawing rows is as cheap as it gets. One generator stream
    // gives at most 2^32 draws, so large runs go in chunks, each on a stream of its own.
    const perChunk = Math.max(1, Math.floor((options.maxDrawsPerStream ?? 2 ** 32) / Math.max(1, rows)));
    const replicates: Float64Array[] = [];
    for (let start = 0, chunk = 0; start < options.resamples; start += perChunk, chunk++) {
      const size = Math.min(perChunk, options.resamples - start);
      const result = bootstrap({
        rows,
        resamples: size,
        seed: chunk === 0 ? options.seed : streamSeed(options.seed, 1_000_000 + chunk),
        ...(options.strata === undefined ? {} : { strata: options.strata }),
        statistic(weights) {
          counts.fill(0);
          for (let r = 0; r < rows; r++) counts[units.unitOfRow[r]!]! += weights[r]!;
          return statistic(counts);
        },
      });
      result.replicates.forEach((values, s) => {
        replicates[s] ??= new Float64Array(options.resamples);
        replicates[s].set(values, start);
      });
    }
    return { replicates };
  }
  // Per stratum, the units' multiplicities and where they sit.
  const members: number[][] = Array.from({ length: units.strata }, () => []);
  for (let u = 0; u < unitCount; u++) members[units.stratum[u]!]!.push(u);
  const perStratum = members.map((list) => ({
    list: Int32Array.from(list),
    weights: Float64Array.from(list, (u) => units.multiplicity[u]!),
    total: list.reduce((sum, u) => sum + units.multiplicity[u]!, 0),
  }));
  const scratch = new Float64Array(Math.max(1, ...perStratum.map((stratum) => stratum.list.length)));
  let replicates: Float64Array[] | undefined;
  for (let r = 0; r < options.resamples; r++) {
    // One stream per replicate: replicate r is the same whatever else is computed.
    const random = mulberry32(streamSeed(options.seed, r));
    for (const stratum of perStratum) {
      if (stratum.list.length === 0) continue;
      multinomial(random, stratum.total, stratum.weights, scratch);
      for (let i = 0; i < stratum.list.length; i++) counts[stratum.list[i]!] = scratch[i]!;
    }
    const values = statistic(counts);
    replicates ??= values.map(() => new Float64Array(options.resamples));
    values.forEach((value, s) => {
      replicates![s]![r] = value ?? Number.NaN;
    });
  }
  return { replicates: replicates ?? [] };
}

/** Percentile intervals from `resamples` seeded resamples (none when resamples is 0). */
export function metricIntervals(options: IntervalOptions): Intervals {
  const result: Intervals = { metric: new Map(), difference: new Map() };
  const metrics = [...new Set(options.metrics)];
  const differences = options.champion === undefined ? [] : [...new Set(options.differences)];
  if (options.resamples <= 0 || (metrics.length === 0 && differences.length === 0)) return result;
  const wanted = [...new Set([...metrics, ...differences])];
  const units = mergeRows(options.challenger, options.champion);
  const ours = prepareMetrics(units.challenger, wanted);
  const theirs = units.champion === undefined ? undefined : prepareMetrics(units.champion, wanted);
  const strata = options.challenger.kind === "classification" ? options.challenger.data.y : undefined;
  const { replicates } = resampleUnits(
    units,
    {
      resamples: options.resamples,
      seed: options.seed,
      maxDrawsPerStream: options.maxDrawsPerStream,
      ...(strata === undefined ? {} : { strata }),
    },
    (counts) => {
      const own = ours(counts);
      const other = theirs?.(counts);
      return [
        ...metrics.map((name) => own[name] ?? Number.NaN),
        ...differences.map((name) => (own[name] ?? Number.NaN) - (other?.[name] ?? Number.NaN)),
      ];
    },
  );
  metrics.forEach((name, i) => {
    const interval = percentileInterval(replicates[i]!, options.confidence);
    if (interval !== undefined) result.metric.set(name, interval);
  });
  differences.forEach((name, i) => {
    const interval = percentileInterval(replicates[metrics.length + i]!, options.confidence);
    if (interval !== undefined) result.difference.set(name, interval);
  });
  return result;
}
