/**
 * Histograms on frozen bin edges. Edges are chosen once (from the data's deciles, or taken from an
 * existing profile) and then never move, so histograms of shards made with the same edges add up
 * exactly and a drift check compares like with like. Bins are left-closed, [edges[i], edges[i+1]),
 * with an underflow bin below the first edge and an overflow bin at or above the last.
 */
import type { ColumnType } from "../contract/contract-types.ts";
import type { HistogramJson } from "./profile-types.ts";
import type { KllSketch } from "../sketch/kll.ts";

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

/** The smallest double greater than x (x finite); +Infinity above the largest double. */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = scratchBits[0]! + (x > 0 ? 1n : -1n);
  return scratch[0];
}

/**
 * The most distinct values an integer-valued column may have to get one bin per value: twice the
 * bins asked for, because deciles of such a column collapse into a few uneven bins (education-num
 * in Adult has 16 values and would get 6).
 */
export function distinctBins(bins: number): number {
  return 2 * bins;
}

export interface FreezeEdgesOptions {
  type: ColumnType;
  sketch: KllSketch;
  bins: number;
  /** The column's distinct values when there are at most `distinctBins(bins)` of them (integer-valued columns), else undefined. */
  distinct?: readonly number[];
}

/**
 * Edges from the data: the distinct values when an integer-valued column has few (≤ 2 × bins), else the sketch's
 * quantiles at 0, 1/bins, …, 1, deduplicated. The last edge is set just above the maximum so every
 * value of the reference falls in a bin and the overflow bin means "beyond the reference".
 * Undefined when the column has no values.
 */
export function freezeEdges(options: FreezeEdgesOptions): number[] | undefined {
  const { sketch, bins } = options;
  const max = sketch.max;
  if (max === undefined) return undefined;
  const integral = options.type === "integer" || options.type === "date" || options.type === "datetime";
  let edges: number[];
  if (integral && options.distinct !== undefined) {
    // One bin per value: [v, next v), the last one [max, max + 1).
    edges = [...options.distinct].sort((a, b) => a - b);
  } else {
    const qs = Array.from({ length: bins + 1 }, (_, i) => i / bins);
    edges = [...new Set(sketch.quantiles(qs))].sort((a, b) => a - b);
    // The top quantile is the maximum itself; the last bin is closed by the first value above it.
    edges.pop();
  }
  const above = integral ? max + 1 : nextUp(max);
  if (Number.isFinite(above)) edges.push(above);
  // Past the largest double nothing is above: the maximum then lands in the overflow bin.
  else if (edges[edges.length - 1] !== max) edges.push(max);
  if (edges.length === 1) edges.unshift(edges[0]! > max ? max : -nextUp(-max));
  return edges;
}

/** Counts values into fixed bins. */
export class Histogram {
  readonly edges: readonly number[];
  readonly counts: number[];
  underflow = 0;
  overflow = 0;

  constructor(edges: readonly number[]) {
    if (edges.length < 2) throw new Error(`a histogram needs at least two edges, got ${edges.length}`);
    for (let i = 1; i < edges.length; i++)
      if (!(edges[i]! > edges[i - 1]!)) throw new Error(`histogram edges must increase strictly (at index ${i})`);
    this.edges = edges;
    this.counts = new Array<number>(edges.length - 1).fill(0);
  }

  /** Counts one finite value. */
  add(x: number): void {
    const edges = this.edges;
    const last = edges.length - 1;
    if (x < edges[0]!) {
      this.underflow++;
      return;
    }
    if (x >= edges[last]!) {
      this.overflow++;
      return;
    }
    // Largest i with edges[i] ≤ x.
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (edges[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    this.counts[lo]!++;
  }

  /** Counts `values[0, count)` (finite values), as `add` on each. */
  addMany(values: Float64Array, count: number): void {
    const edges = this.edges;
    const last = edges.length - 1;
    const low = edges[0]!;
    const high = edges[last]!;
    const counts = this.counts;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      if (x < low) {
        this.underflow++;
        continue;
      }
      if (x >= high) {
        this.overflow++;
        continue;
      }
      let lo = 0;
      let hi = last - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (edges[mid]! <= x) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]!++;
    }
  }

  /** Adds another histogram's counts; refuses different edges (a bug: callers check edges first). */
  merge(other: Histogram): void {
    if (!sameEdges(this.edges, other.edges)) throw new Error("cannot merge histograms with different edges");
    other.counts.forEach((count, i) => {
      this.counts[i]! += count;
    });
    this.underflow += other.underflow;
    this.overflow += other.overflow;
  }

  /** The histogram as stored in a profile, with the column's null count beside the bins. */
  toJSON(nulls: number): HistogramJson {
    return { edges: [...this.edges], counts: [...this.counts], underflow: this.underflow, overflow: this.overflow, nulls };
  }

  /** Rebuilds a histogram from its JSON. */
  static fromJSON(json: HistogramJson): Histogram {
    const histogram = new Histogram(json.edges);
    if (json.counts.length !== json.edges.length - 1)
      throw new Error(`histogram has ${json.counts.length} counts for ${json.edges.length} edges`);
    json.counts.forEach((count, i) => {
      histogram.counts[i] = count;
    });
    histogram.underflow = json.underflow;
    histogram.overflow = json.overflow;
    return histogram;
  }
}

/** Whether two edge lists are identical (same length, same numbers). */
export function sameEdges(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}
