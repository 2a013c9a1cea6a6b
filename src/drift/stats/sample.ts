/**
 * Weighted samples: the one representation of a numeric distribution that the drift statistics take.
 * Distinct values ascending, each with a positive weight (a count for raw data, any positive number
 * for weighted data), so that every statistic below is a single linear sweep.
 */

/** A distribution as a weighted sample: distinct values ascending, with a positive weight (count) each. */
export interface WeightedSample {
  values: Float64Array;
  weights: Float64Array;
}

/**
 * Builds a weighted sample from (value, weight) pairs: sorts by value, merges equal values (summing
 * their weights) and drops zero weights. Throws a RangeError on a NaN value or on a negative or
 * non-finite weight (missing values are the caller's business, not a distribution's).
 */
export function weightedSample(pairs: Iterable<readonly [number, number]>): WeightedSample {
  const values: number[] = [];
  const weights: number[] = [];
  for (const [value, weight] of pairs) {
    if (Number.isNaN(value)) throw new RangeError("weightedSample: NaN value");
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weightedSample: invalid weight ${weight} for value ${value}`);
    if (weight === 0) continue;
    values.push(value);
    weights.push(weight);
  }
  const order = Array.from(values.keys()).sort((i, j) => values[i]! - values[j]!);
  return merge(
    order.map((i) => values[i]!),
    order.map((i) => weights[i]!),
  );
}

/** A weighted sample of raw observations, each with weight 1. Throws a RangeError on NaN. */
export function sampleOf(values: readonly number[] | Float64Array): WeightedSample {
  const sorted = Float64Array.from(values);
  for (const value of sorted) if (Number.isNaN(value)) throw new RangeError("sampleOf: NaN value");
  sorted.sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const value of sorted) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === value) counts[counts.length - 1]! += 1;
    else {
      distinct.push(value);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(distinct), weights: Float64Array.from(counts) };
}

// Merges runs of equal values in an already sorted list (−0 and 0 are one value).
function merge(values: readonly number[], weights: readonly number[]): WeightedSample {
  const outValues: number[] = [];
  const outWeights: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (outValues.length > 0 && outValues[outValues.length - 1] === value) outWeights[outWeights.length - 1]! += weights[i]!;
    else {
      outValues.push(value);
      outWeights.push(weights[i]!);
    }
  }
  return { values: Float64Array.from(outValues), weights: Float64Array.from(outWeights) };
}

/** The total weight (the sample size for raw observations). */
export function totalWeight(s: WeightedSample): number {
  let total = 0;
  for (const weight of s.weights) total += weight;
  return total;
}
