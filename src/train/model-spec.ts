/**
 * The built-in trainer's model as plain data: fitted preprocessing per feature and dense layers.
 * The TF.js trainer (`trainer.ts`) produces it and the ONNX exporter (`export-onnx.ts`) turns it
 * into a graph that takes raw columns, so training and serving share one definition.
 *
 * Feature vector, in `features` order: a numeric feature gives one value, (x − mean) / std after a
 * missing value (null, NaN) is replaced by `median`; a categorical feature gives
 * `categories.length + 1` values: the one-hot of its category, then an "other" slot for anything
 * not in `categories`; a missing value is replaced by `fill` first.
 */

export type Task = "binary" | "multiclass" | "regression";
export type Activation = "linear" | "relu" | "tanh" | "sigmoid" | "softmax";

export interface NumericFeature {
  name: string;
  kind: "numeric";
  median: number;
  mean: number;
  /** Never 0: a constant column gets 1. */
  std: number;
}

export interface CategoricalFeature {
  name: string;
  kind: "categorical";
  /** The top-K categories of the training data, most frequent first (ties by text). */
  categories: string[];
  /** What a missing value becomes (the most frequent category). */
  fill: string;
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

export interface DenseLayer {
  inputs: number;
  units: number;
  /** Row-major [inputs][units]: output j = activation(bias[j] + Σ_i x[i] · weights[i * units + j]). */
  weights: Float32Array;
  bias: Float32Array;
  activation: Activation;
}

export interface TrainedModel {
  task: Task;
  target: string;
  features: FeatureSpec[];
  layers: DenseLayer[];
  /**
   * Class names for classification, in label-index order. Binary: the last layer has one sigmoid
   * unit giving P(classes[1]). Multiclass: one softmax unit per class.
   */
  classes?: string[];
}

/** Width of the feature vector the first layer takes. */
export function featureWidth(features: readonly FeatureSpec[]): number {
  return features.reduce((width, feature) => width + (feature.kind === "numeric" ? 1 : feature.categories.length + 1), 0);
}
