/**
 * Builds the input tensors for one run from a batch's columns, converting each value by its input's
 * element type; a value the input cannot take is a UserError naming the row, never a silent NaN or 0.
 *
 * Conversions, by input element type: float → Number(value), a missing value (null or blank text)
 * → NaN, which models with an imputer handle; "nan"/"inf" texts are NaN/±Infinity. int64/int32/bool
 * cannot hold a missing value, so null there is an error. string → String(value), null → "" (what
 * skl2onnx's and our exporter's encoders treat as missing), a Date → its ISO text.
 */
import type { RawValue } from "../data/readers/table.ts";
import type { ElemType, InputBinding } from "./onnx-input-binding.ts";
import type { Ort, OrtTensor } from "./onnx-metadata.ts";
import { valueError, type PredictBatch } from "./predict-batch.ts";

function shown(value: RawValue): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

const NAN_TEXT = /^\s*[+-]?nan\s*$/i;
const INF_TEXT = /^\s*([+-]?)inf(inity)?\s*$/i;
const INT_TEXT = /^\s*[+-]?\d+\s*$/;

/** A value for a float input; null and blank text are missing (NaN). */
function toFloat(value: RawValue, column: string, batch: PredictBatch, row: number, elemType: string): number {
  if (value === null) return Number.NaN;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  if (value.trim() === "") return Number.NaN;
  const number = Number(value);
  if (!Number.isNaN(number)) return number;
  if (NAN_TEXT.test(value)) return Number.NaN;
  const inf = INF_TEXT.exec(value);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not a number, but the model's input takes ${elemType}`,
    batch,
    row,
    "fix the value, or leave the cell empty so it is read as missing (NaN)",
  );
}

function toInteger(value: RawValue, column: string, batch: PredictBatch, row: number, elemType: string): bigint {
  if (value === null) {
    throw valueError(
      `column "${column}" is missing a value, and the model's input takes ${elemType}, which cannot hold a missing value`,
      batch,
      row,
      "fill the missing values in the data, or export the model with a float input and an imputer",
    );
  }
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "string" && INT_TEXT.test(value)) return BigInt(value.trim());
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (Number.isInteger(number)) return BigInt(number);
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not an integer, but the model's input takes ${elemType}`,
    batch,
    row,
    "fix the value in the data, or export the model with a float input",
  );
}

function toBool(value: RawValue, column: string, batch: PredictBatch, row: number): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value !== 0 ? 1 : 0;
  if (typeof value === "bigint") return value !== 0n ? 1 : 0;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "1" || text === "yes") return 1;
    if (text === "false" || text === "0" || text === "no") return 0;
  }
  if (value === null)
    throw valueError(
      `column "${column}" is missing a value, and the model's input takes bool, which cannot hold a missing value`,
      batch,
      row,
      "fill the missing values in the data",
    );
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not true or false, but the model's input takes bool`,
    batch,
    row,
    "fix the value in the data",
  );
}

function toText(value: RawValue): string {
  if (typeof value === "string") return value;
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Builds the feeds for rows [start, start + count) of the batch, `size` rows long: rows past `count`
 * repeat the last one (only for a model with a fixed batch size; their outputs are dropped).
 */
export function buildFeeds(
  ort: Ort,
  inputs: InputBinding[],
  batch: PredictBatch,
  start: number,
  count: number,
  size: number,
): Record<string, OrtTensor> {
  const feeds: Record<string, OrtTensor> = {};
  for (const input of inputs) {
    const width = input.columns.length;
    const total = size * width;
    const dims = input.shape === "N" ? [size] : [size, width];
    let data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[];
    switch (input.elemType) {
      case "float32":
        data = new Float32Array(total);
        break;
      case "float64":
        data = new Float64Array(total);
        break;
      case "int64":
        data = new BigInt64Array(total);
        break;
      case "int32":
        data = new Int32Array(total);
        break;
      case "bool":
        data = new Uint8Array(total);
        break;
      case "string":
        data = new Array<string>(total).fill("");
        break;
    }
    for (let f = 0; f < width; f++) {
      const column = input.columns[f]!;
      const values = batch.columns.get(column)!;
      if (values.length < start + count)
        throw new Error(`column "${column}" has ${values.length} values for a batch of ${batch.rows} rows`);
      fillColumn(data, values, column, input.elemType, batch, start, count, f, width);
      // Padding rows (fixed batch size only) copy the last real row.
      for (let r = count; r < size; r++) data[r * width + f] = data[(count - 1) * width + f]!;
    }
    feeds[input.name] =
      input.elemType === "string" ? new ort.Tensor("string", data as string[], dims) : new ort.Tensor(input.elemType, data, dims);
  }
  return feeds;
}

/** Writes one column's values into `data` at f, f + width, f + 2·width…; the type test is hoisted out of the loop. */
function fillColumn(
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[],
  values: RawValue[],
  column: string,
  elemType: ElemType,
  batch: PredictBatch,
  start: number,
  count: number,
  f: number,
  width: number,
): void {
  if (elemType === "float32" || elemType === "float64") {
    const out = data as Float32Array | Float64Array;
    for (let r = 0; r < count; r++) {
      const value = values[start + r]!;
      out[r * width + f] = typeof value === "number" ? value : toFloat(value, column, batch, start + r, elemType);
    }
  } else if (elemType === "int64") {
    const out = data as BigInt64Array;
    for (let r = 0; r < count; r++)
      out[r * width + f] = BigInt.asIntN(64, toInteger(values[start + r]!, column, batch, start + r, elemType));
  } else if (elemType === "int32") {
    const out = data as Int32Array;
    for (let r = 0; r < count; r++) {
      const value = toInteger(values[start + r]!, column, batch, start + r, elemType);
      if (value < -2147483648n || value > 2147483647n)
        throw valueError(
          `column "${column}" has ${value}, which does not fit the model's int32 input`,
          batch,
          start + r,
          "fix the value in the data",
        );
      out[r * width + f] = Number(value);
    }
  } else if (elemType === "bool") {
    const out = data as Uint8Array;
    for (let r = 0; r < count; r++) out[r * width + f] = toBool(values[start + r]!, column, batch, start + r);
  } else {
    const out = data as string[];
    for (let r = 0; r < count; r++) out[r * width + f] = toText(values[start + r]!);
  }
}
