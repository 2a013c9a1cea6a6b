/**
 * Reads the selected outputs of each run into a Prediction and checks them (finite, in [0, 1], rows
 * summing to 1; logits get sigmoid/softmax), so the metrics downstream never see a silently wrong
 * number.
 */
import { UserError } from "../common/errors.ts";
import type { OrtTensor } from "./onnx-metadata.ts";
import type { RecognisedOutputs } from "./onnx-output-selection.ts";
import { valueError, type PredictBatch } from "./predict-batch.ts";

export interface Prediction {
  /** Raw label output as strings (label-emitting models). */
  labels?: string[];
  /** Row-major [rows][C] probabilities; a single probability p is expanded to [1 − p, p]; logits get sigmoid/softmax. */
  probabilities?: Float64Array;
  classes?: number;
  /** Regression value per row. */
  values?: Float64Array;
}

const PROBABILITY_TOLERANCE = 1e-6;
const ROW_SUM_TOLERANCE = 1e-3;

/** The prediction for an empty batch: empty arrays for what the outputs would hold. */
export function emptyPrediction(outputs: RecognisedOutputs): Prediction {
  const prediction: Prediction = {};
  if (outputs.label) prediction.labels = [];
  if (outputs.probabilities ?? outputs.score) {
    prediction.probabilities = new Float64Array(0);
  }
  if (outputs.value) prediction.values = new Float64Array(0);
  return prediction;
}

/** Concatenates an output over the run chunks as float64, `count` rows of each. */
function gatherNumbers(
  name: string,
  parts: Record<string, OrtTensor>[],
  counts: number[],
  rows: number,
): { data: Float64Array; width: number } {
  let width = -1;
  let data = new Float64Array(0);
  let offset = 0;
  parts.forEach((part, index) => {
    const tensor = part[name]!;
    const count = counts[index]!;
    const source = tensor.data as ArrayLike<number | bigint>;
    const size = tensor.dims[0] ?? 0;
    const partWidth = size > 0 ? source.length / size : 0;
    if (!Number.isInteger(partWidth) || size < count || (width !== -1 && partWidth !== width))
      throw new Error(`output "${name}" has ${source.length} values with shape [${tensor.dims.join(", ")}] for ${count} rows`);
    if (width === -1) {
      width = partWidth;
      data = new Float64Array(rows * width);
    }
    const n = count * width;
    if (typeof source[0] === "bigint") for (let k = 0; k < n; k++) data[offset + k] = Number(source[k]);
    else if (source instanceof Float32Array || source instanceof Float64Array) data.set(source.subarray(0, n), offset);
    else for (let k = 0; k < n; k++) data[offset + k] = Number(source[k]);
    offset += n;
  });
  return { data, width };
}

function gatherLabels(name: string, parts: Record<string, OrtTensor>[], counts: number[]): string[] {
  const labels: string[] = [];
  parts.forEach((part, index) => {
    const tensor = part[name]!;
    const count = counts[index]!;
    const source = tensor.data as ArrayLike<string | number | bigint>;
    if (source.length < count) throw new Error(`output "${name}" has ${source.length} labels for ${count} rows`);
    for (let k = 0; k < count; k++) labels.push(String(source[k]));
  });
  return labels;
}

/** Throws when any value is NaN or infinite: naming the output, the first bad row and how many rows. */
function checkFinite(name: string, data: Float64Array, width: number, batch: PredictBatch): void {
  let first = -1;
  let bad = 0;
  for (let r = 0; r < batch.rows; r++) {
    for (let c = 0; c < width; c++) {
      if (!Number.isFinite(data[r * width + c]!)) {
        if (first === -1) first = r;
        bad++;
        break;
      }
    }
  }
  if (bad > 0) {
    const value = data.subarray(first * width, first * width + width).find((v) => !Number.isFinite(v));
    throw valueError(
      `the model's output "${name}" is ${String(value)} for this row (${bad} of ${batch.rows} rows in the batch are not finite numbers)`,
      batch,
      first,
      "check the input values of that row (e.g. a value outside the range the model was trained on, or a missing value the model does not impute) and the model's export",
    );
  }
}

/** Concatenates the run chunks' outputs into one Prediction, checking every value. */
export function readPrediction(
  outputs: RecognisedOutputs,
  parts: Record<string, OrtTensor>[],
  counts: number[],
  batch: PredictBatch,
): Prediction {
  const rows = batch.rows;
  const prediction: Prediction = {};
  if (outputs.label) prediction.labels = gatherLabels(outputs.label, parts, counts);
  if (outputs.value) {
    const { data, width } = gatherNumbers(outputs.value, parts, counts, rows);
    if (width !== 1)
      throw new UserError(`the model's output "${outputs.value}" has ${width} values per row; a regression value is one number per row`, {
        file: batch.file,
        hint: "set evaluate.outputs.value to an output of shape [N] or [N, 1]",
      });
    checkFinite(outputs.value, data, 1, batch);
    prediction.values = data;
  }
  const probabilityName = outputs.probabilities ?? outputs.score;
  if (probabilityName) {
    const { data, width } = gatherNumbers(probabilityName, parts, counts, rows);
    checkFinite(probabilityName, data, width, batch);
    const logit = outputs.scoreKind === "logit";
    if (width === 1) {
      const expanded = new Float64Array(rows * 2);
      for (let r = 0; r < rows; r++) {
        let p = data[r]!;
        if (logit) p = 1 / (1 + Math.exp(-p));
        else if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw outOfRange(probabilityName, p, batch, r);
        p = Math.min(1, Math.max(0, p));
        expanded[2 * r] = 1 - p;
        expanded[2 * r + 1] = p;
      }
      prediction.probabilities = expanded;
      prediction.classes = 2;
    } else {
      if (logit) softmaxRows(data, width, rows);
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        for (let c = 0; c < width; c++) {
          const i = r * width + c;
          const p = data[i]!;
          if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw outOfRange(probabilityName, p, batch, r);
          data[i] = Math.min(1, Math.max(0, p));
          sum += p;
        }
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          throw valueError(
            `the model's output "${probabilityName}" sums to ${sum} across the ${width} classes for this row, not 1, so it is not a probability distribution`,
            batch,
            r,
            `if the output holds logits (a PyTorch classifier's last Linear layer, say), set evaluate.outputs.score_kind: logit in modelship.yaml and a softmax over the ${width} columns is applied; otherwise end the exported graph with a Softmax`,
          );
        }
      }
      prediction.probabilities = data;
      prediction.classes = width;
    }
  }
  return prediction;
}

function outOfRange(name: string, value: number, batch: PredictBatch, row: number): UserError {
  return valueError(
    `the model's output "${name}" is ${value} for this row, outside [0, 1], so it is not a probability`,
    batch,
    row,
    "if the output holds logits (raw scores before the sigmoid/softmax), set evaluate.outputs.score_kind: logit in modelship.yaml (a sigmoid is applied to one column, a softmax across several); otherwise end the exported graph with a Sigmoid or Softmax",
  );
}

function softmaxRows(data: Float64Array, width: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let max = -Infinity;
    for (let c = 0; c < width; c++) max = Math.max(max, data[base + c]!);
    let total = 0;
    for (let c = 0; c < width; c++) {
      const e = Math.exp(data[base + c]! - max);
      data[base + c] = e;
      total += e;
    }
    for (let c = 0; c < width; c++) data[base + c] = data[base + c]! / total;
  }
}
