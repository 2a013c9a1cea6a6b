/**
 * A profile's column as the statistics take it: a weighted sample of a numeric column (its exact
 * value counts when the profile kept them, else the quantile sketch's items with their weights),
 * its histogram on the reference's frozen bins, or a categorical column's counts over the union of
 * both sides' categories.
 */
import type { CategoricalColumnProfile, NumericColumnProfile } from "../data/profile/profile-types.ts";
import { weightedSample, type WeightedSample } from "./stats/drift-statistics.ts";

export interface NumericSample {
  sample: WeightedSample;
  /** From exact value counts (false: from the sketch, within its rank error). */
  exact: boolean;
  /** The sketch's normalised rank error (0 when exact, or a sketch that never compacted and so holds every value). */
  rankError: number;
}

/**
 * A KLL sketch's single-sided normalised rank error at 99% confidence: 2.296 / k^0.9723, the bound
 * Apache DataSketches publishes for its KLL sketch (KllHelper.getNormalizedRankError; ≈ 1.33% at
 * k = 200). A CDF read from the sketch is within it at any one point.
 */
export function kllRankError(k: number): number {
  return 2.296 / k ** 0.9723;
}

/** The column's values with their counts, exact when the profile kept them. */
export function numericSample(column: NumericColumnProfile): NumericSample {
  const values = column.values;
  if (values !== undefined && values !== null) {
    return { sample: weightedSample(values.value.map((value, i) => [value, values.count[i]!] as const)), exact: true, rankError: 0 };
  }
  const pairs: (readonly [number, number])[] = [];
  column.sketch.levels.forEach((level, h) => {
    const weight = 2 ** h;
    for (const item of level) pairs.push([item, weight]);
  });
  return { sample: weightedSample(pairs), exact: false, rankError: column.sketch.levels.length > 1 ? kllRankError(column.sketch.k) : 0 };
}

/** Distinct values of both sides together; Infinity when either side did not keep exact values. */
export function distinctUnion(reference: NumericColumnProfile, current: NumericColumnProfile): number {
  const a = reference.values;
  const b = current.values;
  if (a === undefined || a === null || b === undefined || b === null) return Number.POSITIVE_INFINITY;
  return new Set([...a.value, ...b.value]).size;
}

/** Counts over the same keys on both sides (keys ascending), from exact value counts. */
export interface CountTable {
  keys: string[];
  reference: number[];
  current: number[];
}

/** Value-by-value counts of a numeric column with exact values on both sides (callers check). */
export function numericValueTable(reference: NumericColumnProfile, current: NumericColumnProfile): CountTable {
  const counts = new Map<number, [number, number]>();
  const add = (values: { value: number[]; count: number[] }, side: 0 | 1): void => {
    values.value.forEach((value, i) => {
      const entry = counts.get(value) ?? [0, 0];
      entry[side] += values.count[i]!;
      counts.set(value, entry);
    });
  };
  add(reference.values!, 0);
  add(current.values!, 1);
  const keys = [...counts.keys()].sort((x, y) => x - y);
  return { keys: keys.map(String), reference: keys.map((key) => counts.get(key)![0]), current: keys.map((key) => counts.get(key)![1]) };
}

/** The label of the bucket holding values past a category cap. */
const OTHER_LABEL = "(other)";

/**
 * Category counts over the union of both sides' categories; values past a cap are one "(other)"
 * bucket. When a side capped its categories, the two sides named different sets (each kept the
 * first values it met), so a category named on one side may hide in the other's "(other)": then only
 * the categories named on both sides are compared, each side's remaining values one "(other)" bucket
 * — a coarser table whose counts are exact.
 */
export function categoryTable(reference: CategoricalColumnProfile, current: CategoricalColumnProfile): CountTable {
  if (reference.capped || current.capped) return sharedCategoryTable(reference, current);
  const counts = new Map<string, [number, number]>();
  for (const { value, count } of reference.counts) counts.set(value, [count, 0]);
  for (const { value, count } of current.counts) {
    const entry = counts.get(value) ?? [0, 0];
    entry[1] += count;
    counts.set(value, entry);
  }
  const keys = [...counts.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const table: CountTable = { keys, reference: keys.map((key) => counts.get(key)![0]), current: keys.map((key) => counts.get(key)![1]) };
  if (reference.other_count > 0 || current.other_count > 0) {
    table.keys.push(OTHER_LABEL);
    table.reference.push(reference.other_count);
    table.current.push(current.other_count);
  }
  return table;
}

function sharedCategoryTable(reference: CategoricalColumnProfile, current: CategoricalColumnProfile): CountTable {
  const named = new Map(current.counts.map(({ value, count }) => [value, count]));
  const shared = reference.counts
    .filter(({ value }) => named.has(value))
    .map(({ value, count }) => [value, count, named.get(value)!] as const);
  shared.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const total = (column: CategoricalColumnProfile) => column.counts.reduce((sum, entry) => sum + entry.count, column.other_count);
  const table: CountTable = {
    keys: shared.map(([value]) => value),
    reference: shared.map(([, count]) => count),
    current: shared.map(([, , count]) => count),
  };
  table.keys.push(OTHER_LABEL);
  table.reference.push(total(reference) - table.reference.reduce((sum, count) => sum + count, 0));
  table.current.push(total(current) - table.current.reduce((sum, count) => sum + count, 0));
  return table;
}

function formatEdge(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Number(x.toPrecision(4)).toString();
}

/**
 * Both sides' counts on the reference's frozen bins, with the underflow and overflow bins (empty
 * on the reference side by construction, so values beyond the reference's range show as drift).
 * Undefined when either side has no histogram.
 */
export function binnedTable(reference: NumericColumnProfile, current: NumericColumnProfile): CountTable | undefined {
  const r = reference.histogram;
  const c = current.histogram;
  if (r === null || c === null) return undefined;
  const edges = r.edges;
  const keys = [`< ${formatEdge(edges[0]!)}`];
  for (let i = 0; i + 1 < edges.length; i++) keys.push(`[${formatEdge(edges[i]!)}, ${formatEdge(edges[i + 1]!)})`);
  keys.push(`≥ ${formatEdge(edges[edges.length - 1]!)}`);
  return { keys, reference: [r.underflow, ...r.counts, r.overflow], current: [c.underflow, ...c.counts, c.overflow] };
}
