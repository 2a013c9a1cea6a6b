/**
 * Permutation importance (Breiman 2001; scikit-learn's `sklearn.inspection.permutation_importance`)
 * of any model on raw columns: for each column and each of `repeats` seeded permutations of the
 * sample's rows, the column's values are shuffled across the rows, the model is run on the sample
 * again in chunks of `batchSize`, and the importance is the baseline score minus the permuted score
 * (oriented so that a larger drop in quality is a larger importance), averaged over the repeats.
 *
 * As in scikit-learn, repeat r uses the same permutation for every column, `std` is numpy's
 * population standard deviation over the repeats, and the baseline is the score of the sample as it
 * is. The interval is a seeded two-level percentile bootstrap: each replicate resamples the sample's
 * rows (multinomial counts, as the metrics' intervals do) and the repeats (with replacement), and
 * takes the mean over the drawn repeats of baseline − permuted score on the resampled rows; so it
 * carries both the test sample's and the permutations' randomness. docs/gates.md explains it.
 *
 * Memory: the sample (its rows × the model's columns), one permuted column, and one feature's
 * `repeats` sets of predictions at a time.
 */
import { mulberry32, shuffleInPlace, streamSeed } from "../common/seeded-random.ts";
import type { RawValue } from "../data/readers/table.ts";
import { drawInto, percentileInterval } from "./bootstrap.ts";
import { appendPrediction, TextIds, type ModelOutputs } from "./collect.ts";
import { prepareMetrics, type ModelData } from "./metric-set.ts";
import { HIGHER_IS_BETTER, RankedScores, type MetricName } from "./metrics.ts";
import type { Prediction } from "./onnx-output-reading.ts";
import type { PredictBatch } from "./predict-batch.ts";
import type { RowSample } from "./row-reservoir.ts";

/** Streams of the user's seed (apart from the bootstrap's and the reservoir's). */
const PERMUTATION_STREAM = 0x9e4a71;
const REPLICATE_STREAM = 0x9e4b00;
const REPEAT_DRAW_STREAM = 0x9e4b01;

export interface ImportanceOptions {
  sample: RowSample;
  /** The columns to permute, each one the model reads. */
  features: readonly string[];
  model: { predict(batch: PredictBatch): Promise<Prediction> };
  /** The model's predictions on the sample as it is, with the sample's labels. */
  baseline: ModelData;
  /** Turns the model's outputs on the sample's rows (in order) into data the metric reads, with the sample's labels. */
  toData: (outputs: ModelOutputs) => ModelData;
  metric: MetricName;
  repeats: number;
  batchSize: number;
  seed: number;
  /** Bootstrap replicates of the interval (0: no interval). */
  resamples: number;
  confidence: number;
}

export interface FeatureImportance {
  feature: string;
  /** Mean over repeats of the drop in the metric; null where the metric is undefined (e.g. one class in the sample). */
  importance: number | null;
  /** Population standard deviation of the drops over the repeats (numpy's np.std, as scikit-learn reports). */
  std: number | null;
  ci?: [number, number];
  /** The drop of each repeat. */
  drops: (number | null)[];
}

export interface ImportanceResult {
  /** The metric on the unpermuted sample. */
  baseline: number | null;
  features: FeatureImportance[];
}

/**
 * Permutation `repeat` of the sample's `size` rows: row i of the permuted column takes the value of
 * row `permutation[i]` (scikit-learn's `X[:, j] = X[shuffling_idx, j]`).
 */
export function importancePermutation(seed: number, repeat: number, size: number): Uint32Array {
  const identity = Uint32Array.from({ length: size }, (_, i) => i);
  return shuffleInPlace(identity, mulberry32(streamSeed(seed, PERMUTATION_STREAM + repeat)));
}

/**
 * The metric as a function of row weights, oriented so that higher is better. ROC AUC and accuracy
 * get a lean path (the bootstrap calls this (1 + features × repeats) × resamples times); every other
 * metric goes through the evaluation's own weighted metrics.
 */
export function weightedScore(data: ModelData, metric: MetricName): (weights?: Float64Array) => number | undefined {
  const sign = HIGHER_IS_BETTER[metric] ? 1 : -1;
  if (data.kind === "classification" && metric === "roc_auc" && data.data.classes === 2 && data.data.proba !== undefined) {
    const { y, proba } = data.data;
    const ranked = new RankedScores(
      y,
      Float64Array.from({ length: y.length }, (_, r) => proba[r * 2 + 1]!),
    );
    return (weights) => ranked.auc(weights);
  }
  if (data.kind === "classification" && metric === "accuracy") {
    const { y, pred } = data.data;
    const hit = Uint8Array.from(y, (label, r) => (label === pred[r] ? 1 : 0));
    return (weights) => {
      let sum = 0;
      let total = 0;
      if (weights === undefined) {
        for (let r = 0; r < hit.length; r++) sum += hit[r]!;
        total = hit.length;
      } else
        for (let r = 0; r < hit.length; r++) {
          sum += weights[r]! * hit[r]!;
          total += weights[r]!;
        }
      return total > 0 ? sum / total : undefined;
    };
  }
  const metrics = prepareMetrics(data, [metric]);
  return (weights) => {
    const value = metrics(weights)[metric];
    return value === undefined ? undefined : sign * value;
  };
}

/** The metric's value (not oriented) on unweighted data, or undefined. */
export function scoreOf(data: ModelData, metric: MetricName): number | undefined {
  const value = weightedScore(data, metric)();
  return value === undefined ? undefined : (HIGHER_IS_BETTER[metric] ? 1 : -1) * value;
}

/** Runs the model on the sample with `feature`'s values permuted, in chunks; returns its data for the metric. */
async function permutedData(options: ImportanceOptions, feature: string, permutation: Uint32Array): Promise<ModelData> {
  const { sample, batchSize } = options;
  const size = sample.rows.length;
  const original = sample.columns.get(feature)!;
  const outputs: ModelOutputs = { labelTexts: new TextIds() };
  for (let start = 0; start < size; start += batchSize) {
    const end = Math.min(size, start + batchSize);
    const columns = new Map<string, RawValue[]>();
    for (const [name, values] of sample.columns)
      columns.set(
        name,
        name === feature ? Array.from({ length: end - start }, (_, i) => original[permutation[start + i]!]!) : values.slice(start, end),
      );
    const prediction = await options.model.predict({ columns, rows: end - start });
    appendPrediction(outputs, prediction, undefined, (r) => `row ${start + r + 1} of the importance sample`);
  }
  return options.toData(outputs);
}

/** The mean and population standard deviation of the values; null when any is undefined. */
function meanAndStd(values: (number | undefined)[]): { mean: number | null; std: number | null } {
  if (values.length === 0 || values.some((value) => value === undefined)) return { mean: null, std: null };
  const defined = values as number[];
  const mean = defined.reduce((sum, value) => sum + value, 0) / defined.length;
  const variance = defined.reduce((sum, value) => sum + (value - mean) ** 2, 0) / defined.length;
  return { mean, std: Math.sqrt(variance) };
}

/** Row weights of every replicate, drawn again from the same stream for each feature (so all features share them). */
function* replicateWeights(seed: number, size: number, resamples: number): Generator<Float64Array> {
  const counts = new Int32Array(size);
  const weights = new Float64Array(size);
  let state = streamSeed(seed, REPLICATE_STREAM);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    state = drawInto(counts, state, 0, size);
    for (let i = 0; i < size; i++) weights[i] = counts[i]!;
    yield weights;
  }
}

/** Permutation importance of each feature on the sample (see the file's header). */
export async function permutationImportance(options: ImportanceOptions): Promise<ImportanceResult> {
  const { sample, repeats, resamples, seed, metric } = options;
  const size = sample.rows.length;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats must be ≥ 1, got ${repeats}`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1, got ${options.batchSize}`);
  const base = weightedScore(options.baseline, metric);
  const baseline = base();
  const permutations = Array.from({ length: repeats }, (_, r) => importancePermutation(seed, r, size));
  // The baseline on each replicate's rows, and which repeats each replicate draws: shared by every feature.
  const baseReplicates = new Float64Array(resamples);
  {
    let b = 0;
    for (const weights of replicateWeights(seed, size, resamples)) baseReplicates[b++] = base(weights) ?? Number.NaN;
  }
  const repeatDraw = mulberry32(streamSeed(seed, REPEAT_DRAW_STREAM));
  const drawnRepeats = Int32Array.from({ length: resamples * repeats }, () => Math.floor(repeatDraw() * repeats));

  const features: FeatureImportance[] = [];
  for (const feature of options.features) {
    const scorers: ((weights?: Float64Array) => number | undefined)[] = [];
    for (const permutation of permutations) scorers.push(weightedScore(await permutedData(options, feature, permutation), metric));
    const drops = scorers.map((score) => {
      const permuted = score();
      return baseline === undefined || permuted === undefined ? undefined : baseline - permuted;
    });
    const { mean, std } = meanAndStd(drops);
    let ci: [number, number] | undefined;
    if (resamples > 0 && mean !== null) {
      const replicates = new Float64Array(resamples);
      const scored = new Float64Array(repeats);
      let b = 0;
      for (const weights of replicateWeights(seed, size, resamples)) {
        // Only the repeats this replicate drew are scored (about two in three of them).
        scored.fill(Number.POSITIVE_INFINITY);
        let sum = 0;
        for (let k = 0; k < repeats; k++) {
          const r = drawnRepeats[b * repeats + k]!;
          if (scored[r] === Number.POSITIVE_INFINITY) scored[r] = scorers[r]!(weights) ?? Number.NaN;
          sum += baseReplicates[b]! - scored[r]!;
        }
        replicates[b++] = sum / repeats;
      }
      ci = percentileInterval(replicates, options.confidence);
    }
    features.push({
      feature,
      importance: mean,
      std,
      ...(ci === undefined ? {} : { ci }),
      drops: drops.map((drop) => drop ?? null),
    });
  }
  return { baseline: baseline === undefined ? null : (HIGHER_IS_BETTER[metric] ? 1 : -1) * baseline, features };
}
