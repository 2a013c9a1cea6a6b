/**
 * What the built-in trainer's loop (trainer.ts) asks of a backend: modelship-js (trainer.ts with
 * mlp-pool.ts) or TensorFlow.js (tfjs-backend.ts).
 */
import type { Activation } from "./model-spec.ts";
import type { TabularData } from "./tabular-data.ts";

/** One layer's shape and activation. */
export interface LayerShape {
  inputs: number;
  units: number;
  activation: Activation;
}

/**
 * What the loop asks of a backend. Row sets: 0 = the training rows (shuffled in place each epoch),
 * 1 = the validation rows; data sets: 0 = the training data, 1 = the validation data.
 */
export interface TrainEngine {
  name: string;
  package: string;
  threads?: number;
  /** Passes spread over threads and run alone, so far. */
  passes?: { parallel: number; alone: number };
  /** Where the loop draws a batch's dropout factors: row-major [batch row][Σ hidden units]. */
  masks: Float32Array;
  /** The training rows as the backend reads them; the loop shuffles them in place each epoch. */
  trainRows: Int32Array;
  /**
   * One optimiser step on rows [offset, offset + length) of the training rows; returns the summed
   * loss and the rows classified right, both by the weights before the step (with dropout).
   */
  step(offset: number, length: number, masked: boolean): Promise<{ loss: number; correct: number }>;
  /** Summed loss and rows classified right over a row set, without dropout. */
  evaluate(dataset: 0 | 1, rowset: 0 | 1, length: number): Promise<{ loss: number; correct: number }>;
  /** The current weights and biases per layer, as float32 copies. */
  snapshot(): { weights: Float32Array[]; biases: Float32Array[] };
  close(): Promise<void>;
}

/** How a backend is set up: shapes, initial weights, data and row sets. */
export interface EngineSetup {
  shapes: LayerShape[];
  initialWeights: Float32Array[];
  /** The training data, and what to train it with. */
  data: TabularData;
  batchSize: number;
  learningRate: number;
  /** Threads for modelship-js; default `threadCount()`. */
  threads?: number;
  trainRows: Int32Array;
  validRows: Int32Array;
  /** The validation data (a separate file, or `data` itself for a split). */
  validData: TabularData;
}
