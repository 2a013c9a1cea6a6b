/**
 * Any range of `metricIntervals`' bootstrap replicates, computed on their own: replicate r's draws
 * depend only on (seed, r) — row draws start at `rowStreamStart`, unit draws use the stream
 * `streamSeed(seed, r)` — so the replicates can be split over worker threads in any way and come out
 * the same as in one loop. A `ReplicateJob` holds only plain data and typed arrays, so it can be
 * posted to a worker (bootstrap-worker.ts).
 */
import { mulberry32, streamSeed } from "../common/seeded-random.ts";
import { drawInto, drawIntoBytes, multinomial, rowStreamStart } from "./bootstrap.ts";
import { prepareMetrics, type ModelData } from "./metric-set.ts";
import type { MetricName } from "./metrics.ts";
import { binaryUnitMetrics } from "./replicate-metrics.ts";

/**
 * Rows drawn with replacement (within strata), `rows` draws per replicate. Draws land on positions in
 * the stratum-grouped row order (strata[s] = positions offsets[s] .. offsets[s + 1]). A unit of one
 * row, singleUnits[i], collects the draws of position singlePositions[i]; a unit of several,
 * multiUnits[m], those of positions multiPositions[multiStart[m] .. multiStart[m + 1]).
 */
export interface RowDraws {
  kind: "rows";
  rows: number;
  /** Replicates per generator stream (2^32 draws / rows); replicates past it start a stream of their own. */
  perChunk: number;
  offsets: Int32Array;
  singleUnits: Int32Array;
  singlePositions: Int32Array;
  multiUnits: Int32Array;
  multiStart: Int32Array;
  multiPositions: Int32Array;
  /** Count draws per position in bytes (default; 32 bits for a replicate whose bytes would wrap) or always in 32 bits. */
  countBits?: 8 | 32;
}

/** Unit counts drawn as an exact multinomial per stratum (few units): one generator stream per replicate. */
export interface UnitDraws {
  kind: "units";
  strata: { list: Int32Array; weights: Float64Array; total: number }[];
}

export interface ReplicateJob {
  draws: RowDraws | UnitDraws;
  seed: number;
  unitCount: number;
  /** The models over units (from `mergeRows`). */
  challenger: ModelData;
  champion?: ModelData;
  metrics: MetricName[];
  differences: MetricName[];
}

/** How many statistics one replicate gives: the metrics, then the differences. */
export function statisticCount(job: ReplicateJob): number {
  return job.metrics.length + job.differences.length;
}

/** Prepares `job` once (sorts, per-unit terms) and returns a function computing replicates [from, to). */
export function replicateRunner(job: ReplicateJob): (from: number, to: number) => Float64Array[] {
  const { draws, seed, unitCount, metrics, differences } = job;
  const wanted = [...new Set([...metrics, ...differences])];
  const binary = job.challenger.kind === "classification" ? binaryUnitMetrics(job.challenger.data, wanted) : undefined;
  const ours = binary ?? prepareMetrics(job.challenger, wanted);
  const theirs = job.champion === undefined ? undefined : prepareMetrics(job.champion, wanted);
  const weights = new Float64Array(unitCount);
  const positionBytes = draws.kind === "rows" && draws.countBits !== 32 ? new Uint8Array(draws.rows) : undefined;
  let positionCounts: Int32Array | undefined;
  const scratch = draws.kind === "units" ? new Float64Array(Math.max(1, ...draws.strata.map((stratum) => stratum.list.length))) : undefined;
  const statistics = statisticCount(job);

  // One row per unit and no champion (all-distinct scores, the costly case): the binary metrics read
  // each unit's count where it was drawn, and no weight vector is written.
  const direct =
    draws.kind === "rows" &&
    positionBytes !== undefined &&
    draws.multiUnits.length === 0 &&
    job.champion === undefined &&
    binary?.readsCounts === true
      ? binary
      : undefined;

  /** Replicate r's metrics straight from its byte counts, or undefined where the general path must run. */
  const directReplicate = (r: number): Partial<Record<MetricName, number>> | undefined => {
    if (direct === undefined || draws.kind !== "rows") return undefined;
    drawBytes(r);
    return direct.fromCounts(positionBytes!, draws.singlePositions, draws.rows);
  };

  /** The first generator state of replicate r's row draws. */
  const firstState = (r: number, rows: number, perChunk: number): number => {
    // Chunk 0 is the user's seed; later chunks (more draws than one stream has) get streams of their own.
    const chunk = Math.floor(r / perChunk);
    const chunkSeed = chunk === 0 ? seed : streamSeed(seed, 1_000_000 + chunk);
    return rowStreamStart(chunkSeed, rows, r - chunk * perChunk);
  };

  const drawBytes = (r: number): void => {
    if (draws.kind !== "rows") return;
    const { rows, perChunk, offsets } = draws;
    positionBytes!.fill(0);
    for (let s = 0, state = firstState(r, rows, perChunk); s + 1 < offsets.length; s++) {
      const start = offsets[s]!;
      state = drawIntoBytes(positionBytes!, state, start, offsets[s + 1]! - start);
    }
  };

  const drawReplicate = (r: number): void => {
    if (draws.kind === "rows") {
      const { rows, perChunk, offsets } = draws;
      const first = firstState(r, rows, perChunk);
      if (positionBytes !== undefined) {
        drawBytes(r);
        // Every position is read once, so the counts sum to the draws unless a byte wrapped.
        if (gatherUnits(positionBytes, draws, weights) === rows) return;
      }
      positionCounts ??= new Int32Array(rows);
      positionCounts.fill(0);
      for (let s = 0, state = first; s + 1 < offsets.length; s++) {
        const start = offsets[s]!;
        state = drawInto(positionCounts, state, start, offsets[s + 1]! - start);
      }
      gatherUnits(positionCounts, draws, weights);
      return;
    }
    const random = mulberry32(streamSeed(seed, r));
    for (const stratum of draws.strata) {
      if (stratum.list.length === 0) continue;
      multinomial(random, stratum.total, stratum.weights, scratch!);
      for (let i = 0; i < stratum.list.length; i++) weights[stratum.list[i]!] = scratch![i]!;
    }
  };

  return (from, to) => {
    const replicates = Array.from({ length: statistics }, () => new Float64Array(to - from));
    for (let r = from; r < to; r++) {
      let own = directReplicate(r);
      let other: Partial<Record<MetricName, number>> | undefined;
      if (own === undefined) {
        drawReplicate(r);
        own = ours(weights);
        other = theirs?.(weights);
      }
      metrics.forEach((name, s) => {
        replicates[s]![r - from] = own[name] ?? Number.NaN;
      });
      differences.forEach((name, d) => {
        replicates[metrics.length + d]![r - from] = (own[name] ?? Number.NaN) - (other?.[name] ?? Number.NaN);
      });
    }
    return replicates;
  };
}

/** Each unit's weight: the draws that landed on its positions. Returns their sum. */
function gatherUnits(counts: Uint8Array | Int32Array, draws: RowDraws, weights: Float64Array): number {
  const { singleUnits, singlePositions, multiUnits, multiStart, multiPositions } = draws;
  let total = 0;
  if (multiUnits.length === 0) {
    // Every unit one row (all-distinct scores, the costly case): singleUnits is 0, 1, 2, … itself.
    for (let u = 0; u < singlePositions.length; u++) {
      const count = counts[singlePositions[u]!]!;
      weights[u] = count;
      total += count;
    }
    return total;
  }
  // Units of one row: one read each.
  for (let i = 0; i < singleUnits.length; i++) {
    const count = counts[singlePositions[i]!]!;
    weights[singleUnits[i]!] = count;
    total += count;
  }
  for (let m = 0; m < multiUnits.length; m++) {
    let sum = 0;
    const end = multiStart[m + 1]!;
    for (let j = multiStart[m]!; j < end; j++) sum += counts[multiPositions[j]!]!;
    weights[multiUnits[m]!] = sum;
    total += sum;
  }
  return total;
}
