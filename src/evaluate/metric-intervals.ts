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
import { threadCount } from "../common/threads.ts";
import { groupStrata, percentileInterval } from "./bootstrap.ts";
import { runReplicates } from "./bootstrap-pool.ts";
import type { ReplicateJob, RowDraws, UnitDraws } from "./bootstrap-replicates.ts";
import type { ModelData } from "./metric-set.ts";
import type { MetricName } from "./metrics.ts";
import { radixSortFloat64 } from "./radix-sort.ts";

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
  /** Threads for the replicates (default `threadCount()`; given, workers are used even for small work). */
  threads?: number;
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
  const n = rows.length;
  if (model.kind === "regression") {
    const y = new Float64Array(n);
    const pred = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = model.data.y[rows[i]!]!;
      pred[i] = model.data.pred[rows[i]!]!;
    }
    return { kind: "regression", data: { y, pred } };
  }
  const { classes, y, pred, proba } = model.data;
  const selectedY = new Int32Array(n);
  const selectedPred = new Int32Array(n);
  const selectedProba = proba === undefined ? undefined : new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    selectedY[i] = y[r]!;
    selectedPred[i] = pred[r]!;
    if (proba !== undefined) for (let c = 0; c < classes; c++) selectedProba![i * classes + c] = proba[r * classes + c]!;
  }
  return {
    kind: "classification",
    data: { classes, y: selectedY, pred: selectedPred, ...(selectedProba === undefined ? {} : { proba: selectedProba }) },
  };
}

/**
 * The rows in `compare`'s order, ties in row order: what a stable sort of 0..n−1 by `compare` gives.
 * For a million rows the comparator sort is most of the set-up, so the leading key (the challenger's
 * score or prediction, which `compare` looks at first) is radix-sorted and only runs of rows sharing
 * it go through `compare`. A non-finite leading key (which `compare` cannot order consistently) takes
 * the plain sort.
 */
function sortRows(challenger: ModelData, compare: (a: number, b: number) => number, n: number): Int32Array {
  let key: Float64Array | undefined;
  if (challenger.kind === "regression") key = challenger.data.pred;
  else if (challenger.data.proba !== undefined) {
    const { classes, proba } = challenger.data;
    key = new Float64Array(n);
    for (let i = 0; i < n; i++) key[i] = proba[i * classes + classes - 1]!;
  }
  let finite = key !== undefined;
  for (let i = 0; i < n && finite; i++) finite = Number.isFinite(key![i]!);
  if (!finite) return Int32Array.from({ length: n }, (_, i) => i).sort(compare);
  // Reinterpreted, not copied: row indices are far below 2^31.
  const order = new Int32Array(radixSortFloat64(key!, true).order.buffer);
  for (let start = 0; start < n;) {
    let end = start + 1;
    const value = key![order[start]!]! + 0;
    while (end < n && key![order[end]!]! + 0 === value) end++;
    if (end - start > 1) order.subarray(start, end).sort(compare);
    start = end;
  }
  return order;
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
  const order = sortRows(challenger, compare, n);
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

/**
 * How each replicate draws its unit counts: multinomial over units per stratum when units are few,
 * row draws otherwise (positions in the stratum-grouped row order, as `bootstrap` draws them).
 */
export function drawPlan(units: Units, options: { strata?: Int32Array; maxDrawsPerStream?: number }): RowDraws | UnitDraws {
  const unitCount = units.multiplicity.length;
  const rows = units.unitOfRow.length;
  if (unitCount * 4 > rows) {
    // Nearly every row is its own unit: drawing rows is as cheap as it gets. One generator stream
    // gives at most 2^32 draws, so large runs go in chunks, each on a stream of its own.
    const perChunk = Math.max(1, Math.floor((options.maxDrawsPerStream ?? 2 ** 32) / Math.max(1, rows)));
    const { members, offsets } =
      options.strata === undefined
        ? { members: Int32Array.from({ length: rows }, (_, i) => i), offsets: Int32Array.of(0, rows) }
        : groupStrata(options.strata, rows);
    // Each unit's positions (ascending), so a replicate gathers its unit counts instead of scattering
    // them: units of one row apart (most of them here: one read each), the others by position lists.
    const unitStart = new Int32Array(unitCount + 1);
    for (let p = 0; p < rows; p++) unitStart[units.unitOfRow[members[p]!]! + 1]!++;
    let singles = 0;
    for (let u = 0; u < unitCount; u++) if (unitStart[u + 1] === 1) singles++;
    for (let u = 0; u < unitCount; u++) unitStart[u + 1]! += unitStart[u]!;
    const cursor = unitStart.slice(0, unitCount);
    const positions = new Int32Array(rows);
    for (let p = 0; p < rows; p++) positions[cursor[units.unitOfRow[members[p]!]!]!++] = p;
    const singleUnits = new Int32Array(singles);
    const singlePositions = new Int32Array(singles);
    const multiUnits = new Int32Array(unitCount - singles);
    const multiStart = new Int32Array(unitCount - singles + 1);
    const multiPositions = new Int32Array(rows - singles);
    for (let u = 0, single = 0, multi = 0; u < unitCount; u++) {
      const start = unitStart[u]!;
      const end = unitStart[u + 1]!;
      if (end - start === 1) {
        singleUnits[single] = u;
        singlePositions[single++] = positions[start]!;
      } else {
        multiUnits[multi] = u;
        multiPositions.set(positions.subarray(start, end), multiStart[multi]);
        multiStart[multi + 1] = multiStart[multi]! + end - start;
        multi++;
      }
    }
    return { kind: "rows", rows, perChunk, offsets, singleUnits, singlePositions, multiUnits, multiStart, multiPositions };
  }
  // Per stratum, the units' multiplicities and where they sit.
  const members: number[][] = Array.from({ length: units.strata }, () => []);
  for (let u = 0; u < unitCount; u++) members[units.stratum[u]!]!.push(u);
  return {
    kind: "units",
    strata: members.map((list) => ({
      list: Int32Array.from(list),
      weights: Float64Array.from(list, (u) => units.multiplicity[u]!),
      total: list.reduce((sum, u) => sum + units.multiplicity[u]!, 0),
    })),
  };
}

/**
 * Percentile intervals from `resamples` seeded resamples (none when resamples is 0). The replicates
 * run on up to `threads` threads (default: `MODELSHIP_THREADS`, else every core); the intervals are
 * the same whatever the count.
 */
export async function metricIntervals(options: IntervalOptions): Promise<Intervals> {
  const result: Intervals = { metric: new Map(), difference: new Map() };
  const metrics = [...new Set(options.metrics)];
  const differences = options.champion === undefined ? [] : [...new Set(options.differences)];
  if (options.resamples <= 0 || (metrics.length === 0 && differences.length === 0)) return result;
  const units = mergeRows(options.challenger, options.champion);
  const strata = options.challenger.kind === "classification" ? options.challenger.data.y : undefined;
  const draws = drawPlan(units, { maxDrawsPerStream: options.maxDrawsPerStream, ...(strata === undefined ? {} : { strata }) });
  const job: ReplicateJob = {
    draws,
    seed: options.seed,
    unitCount: units.multiplicity.length,
    challenger: units.challenger,
    ...(units.champion === undefined ? {} : { champion: units.champion }),
    metrics,
    differences,
  };
  const replicates = await runReplicates(job, {
    resamples: options.resamples,
    rows: units.unitOfRow.length,
    threads: options.threads ?? threadCount(),
    forceThreads: options.threads !== undefined,
  });
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
