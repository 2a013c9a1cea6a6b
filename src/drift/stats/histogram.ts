/**
 * numpy-compatible binning: Sturges' equal-width edges (np.histogram_bin_edges(data, bins='sturges'))
 * from the combined minimum, maximum and count alone, and np.histogram's counting rule over a
 * weighted sample.
 */
import type { WeightedSample } from "./sample.ts";

/** np.linspace(start, stop, num) with endpoint=True, computed as numpy does (i·step + start, last = stop). */
function linspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(step === 0 ? (i / div) * delta + start : i * step + start);
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * Equal-width bin edges like np.histogram_bin_edges(data, bins='sturges') given only the data's
 * min, max and count n: width = (max − min)/(log2(n) + 1), ceil((max − min)/width) bins (that is
 * ceil(log2(n)) + 1 up to rounding, exactly as numpy rounds), edges = linspace(min, max, bins + 1).
 * min == max gives the single bin [min − 0.5, max + 0.5]; n ≤ 0 gives numpy's empty-data [0, 1].
 */
export function sturgesEdges(min: number, max: number, n: number): number[] {
  if (!(n > 0)) return [0, 1];
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new RangeError(`sturgesEdges: invalid range [${min}, ${max}]`);
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, bins + 1);
}

/**
 * Counts (sums the weights of) a weighted sample into bins like np.histogram(data, edges): every bin
 * half-open [a, b) except the last, which is closed [a, b]; values outside [edges[0], edges.at(-1)]
 * are not counted. `edges` must be non-decreasing (±Infinity allowed).
 */
export function histogramCounts(s: WeightedSample, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  if (bins < 1) throw new RangeError("histogramCounts: need at least two edges");
  const counts = new Array<number>(bins).fill(0);
  const { values, weights } = s;
  let i = 0;
  // numpy: count of bin b = #(x < edges[b+1]) − #(x < edges[b]) for b < last, and the last bin
  // takes #(x ≤ edges[last]) − #(x < edges[last − 1]).
  while (i < values.length && values[i]! < edges[0]!) i++;
  for (let b = 0; b < bins; b++) {
    const upper = edges[b + 1]!;
    const isLast = b === bins - 1;
    while (i < values.length && (values[i]! < upper || (isLast && values[i]! <= upper))) counts[b]! += weights[i++]!;
  }
  return counts;
}
