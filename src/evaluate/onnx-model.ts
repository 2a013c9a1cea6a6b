/**
 * Loads any ONNX classifier or regressor in onnxruntime-node and runs it on tabular batches. The
 * model's inputs are bound to data columns (one [N, F] tensor fed from `features`, or one input per
 * column named like the column), values are converted by each input's element type, and the outputs
 * are recognised (label + probabilities as skl2onnx writes them, a probability matrix, a single
 * score or logit, a regression value) and checked (finite, in [0, 1], rows summing to 1), so the
 * metrics downstream never see a silently wrong number.
 *
 * Conversions, by input element type: float → Number(value), a missing value (null or blank text)
 * → NaN, which models with an imputer handle; "nan"/"inf" texts are NaN/±Infinity. int64/int32/bool
 * cannot hold a missing value, so null there is an error. string → String(value), null → "" (what
 * skl2onnx's and our exporter's encoders treat as missing), a Date → its ISO text.
 */
import { sha256Of } from "../common/file-hash.ts";
import { readFile } from "node:fs/promises";
import { errnoCode, UserError } from "../common/errors.ts";
import type * as OrtModule from "onnxruntime-node";
import type { RawValue } from "../data/readers/table.ts";
import { findClassLabels, producerOp, readOnnxGraph, type OnnxGraph } from "./onnx-graph.ts";

export type Task = "binary" | "multiclass" | "regression";

export interface OutputSelection {
  label?: string;
  probabilities?: string;
  score?: string;
  scoreKind?: "probability" | "logit";
  value?: string;
}

export interface LoadModelOptions {
  path: string;
  /** Feature columns, in order, for a model with one [N, F] tensor input; ignored for a model with one input per column. */
  features?: string[];
  /** Output names from config; otherwise recognised automatically. */
  outputs?: OutputSelection;
  /** The task, from config or the data; decides between a score and a regression value for a single float output. */
  task?: Task;
  /** Intra-op threads (onnxruntime SessionOptions.intraOpNumThreads); default: let onnxruntime decide. */
  threads?: number;
}

export type ElemType = "float32" | "float64" | "int64" | "int32" | "string" | "bool";

export interface InputBinding {
  name: string;
  /** "tensor": one [N, F] input fed from several columns; "column": the input is one column. */
  kind: "tensor" | "column";
  columns: string[];
  elemType: ElemType;
  shape: "N" | "N,1" | "N,F";
}

export interface RecognisedOutputs {
  kind: "label+probabilities" | "probabilities" | "score" | "label" | "value";
  label?: string;
  probabilities?: string;
  score?: string;
  scoreKind?: "probability" | "logit";
  value?: string;
}

export interface SignatureValue {
  name: string;
  type: string;
  shape?: (number | string)[];
}

export interface PredictBatch {
  columns: Map<string, RawValue[]>;
  rows: number;
  /** 1-based line (or row number) of each row in `file`, for messages. */
  lines?: number[];
  file?: string;
}

export interface Prediction {
  /** Raw label output as strings (label-emitting models). */
  labels?: string[];
  /** Row-major [rows][C] probabilities; a single probability p is expanded to [1 − p, p]; logits get sigmoid/softmax. */
  probabilities?: Float64Array;
  classes?: number;
  /** Regression value per row. */
  values?: Float64Array;
}

export interface LoadedModel {
  path: string;
  sha256: string;
  bytes: number;
  inputs: InputBinding[];
  /** Columns the data must have. */
  requiredColumns: string[];
  /** What was recognised. */
  outputs: RecognisedOutputs;
  /** Class labels found in the graph, in probability-column order, when the graph says. */
  classLabels?: string[];
  /** onnxruntime's input/output names and types, for the report. */
  signature: { inputs: SignatureValue[]; outputs: SignatureValue[] };
  /** Runs one batch. */
  predict(batch: PredictBatch): Promise<Prediction>;
  release(): Promise<void>;
}

type Ort = typeof OrtModule;
type Session = Awaited<ReturnType<Ort["InferenceSession"]["create"]>>;
type OrtTensor = InstanceType<Ort["Tensor"]>;

interface Meta {
  name: string;
  isTensor: boolean;
  type?: string;
  /** undefined when onnxruntime does not know the shape. */
  shape?: readonly (number | string)[];
}

const ELEM_TYPES: readonly string[] = ["float32", "float64", "int64", "int32", "string", "bool"];
const FLOAT_TYPES: readonly string[] = ["float32", "float64"];
const LABEL_TYPES: readonly string[] = ["string", "int64", "int32"];
const EXPORT_HINT = "export the model with skl2onnx, torch.onnx.export or tf2onnx (opset ≤ 21) and check it with onnx.checker.check_model";
const PROBABILITY_TOLERANCE = 1e-6;
const ROW_SUM_TOLERANCE = 1e-3;

/** Loads the model at `options.path`, binds its inputs to columns and recognises its outputs. */
export async function loadModel(options: LoadModelOptions): Promise<LoadedModel> {
  const { path } = options;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT")
      throw new UserError("model file not found", {
        file: path,
        hint: "check the model path (evaluate.model), relative to the repository root",
      });
    if (code === "EISDIR") throw new UserError("is a directory, not a model file", { file: path, hint: "point to the .onnx file itself" });
    throw new UserError(`cannot read the model: ${error instanceof Error ? error.message : String(error)}`, { file: path, cause: error });
  }
  const sha256 = sha256Of(bytes);

  // Loaded on demand: the native runtime is installed beside the bundle by the composite actions.
  const ort = await import("onnxruntime-node");
  const sessionOptions: Parameters<Ort["InferenceSession"]["create"]>[1] = {};
  if (options.threads !== undefined) sessionOptions.intraOpNumThreads = options.threads;
  let session: Session;
  try {
    // From the path, not the bytes, so weights stored as external data beside the model are found.
    session = await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    throw new UserError(
      `is not an ONNX model onnxruntime can load: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`,
      { file: path, hint: EXPORT_HINT },
    );
  }

  try {
    const inputMeta = session.inputMetadata as readonly Meta[];
    const outputMeta = session.outputMetadata as readonly Meta[];
    let graph: OnnxGraph | undefined;
    try {
      graph = readOnnxGraph(bytes);
    } catch {
      // onnxruntime loaded it, so it is a model; without the graph there are just no class labels or producer ops.
      graph = undefined;
    }
    const inputs = bindInputs(inputMeta, options.features, path);
    const outputs = recogniseOutputs(outputMeta, options, graph, path);
    const classLabels = graph ? checkedClassLabels(findClassLabels(graph), outputs, outputMeta) : undefined;
    const requiredColumns = [...new Set(inputs.flatMap((input) => input.columns))];
    const signature = { inputs: inputMeta.map(describe), outputs: outputMeta.map(describe) };
    const fixedBatch = fixedBatchSize(inputMeta);
    const fetches = [outputs.label, outputs.probabilities, outputs.score, outputs.value].filter(
      (name): name is string => name !== undefined,
    );
    let released = false;

    const model: LoadedModel = {
      path,
      sha256,
      bytes: bytes.length,
      inputs,
      requiredColumns,
      outputs,
      signature,
      async predict(batch) {
        if (released) throw new Error("predict() after release()");
        const missing = requiredColumns.filter((column) => !batch.columns.has(column));
        if (missing.length > 0) throw missingColumnsError(model, missing, batch.file ?? path);
        if (batch.rows === 0) return emptyPrediction(outputs);
        const chunk = fixedBatch ?? batch.rows;
        const parts: Record<string, OrtTensor>[] = [];
        const counts: number[] = [];
        for (let start = 0; start < batch.rows; start += chunk) {
          const count = Math.min(chunk, batch.rows - start);
          const feeds = buildFeeds(ort, inputs, batch, start, count, Math.max(count, fixedBatch ?? 0));
          parts.push(await session.run(feeds, fetches));
          counts.push(count);
        }
        return readPrediction(outputs, parts, counts, batch);
      },
      async release() {
        if (released) return;
        released = true;
        await session.release();
      },
    };
    if (classLabels) model.classLabels = classLabels;
    return model;
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** Throws a UserError when `header` lacks a column the model needs, listing what is missing and the model's inputs. */
export function checkColumns(model: Pick<LoadedModel, "requiredColumns" | "inputs" | "path">, header: string[], file: string): void {
  const present = new Set(header);
  const missing = model.requiredColumns.filter((column) => !present.has(column));
  if (missing.length > 0) throw missingColumnsError(model, missing, file);
}

function missingColumnsError(model: Pick<LoadedModel, "inputs" | "path">, missing: string[], file: string): UserError {
  const inputs = model.inputs.map((input) =>
    input.kind === "tensor"
      ? `${input.name} [N, ${input.columns.length}] from ${input.columns.join(", ")}`
      : `${input.name} (${input.elemType})`,
  );
  const tensorInput = model.inputs.some((input) => input.kind === "tensor");
  return new UserError(
    `the data has no column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c}"`).join(", ")}, which the model ${model.path} needs (its inputs: ${inputs.join("; ")})`,
    {
      file,
      hint: tensorInput
        ? "add the columns to the data, or set evaluate.features to columns the data has"
        : "add the columns to the data: the model takes one input per column, named like the column",
    },
  );
}

function describe(value: Meta): SignatureValue {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described: SignatureValue = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== undefined && value.shape.length > 0)
    described.shape = value.shape.map((dim) => (typeof dim === "number" && dim < 0 ? "?" : dim));
  return described;
}

function shapeText(meta: Meta): string {
  return meta.shape && meta.shape.length > 0
    ? `[${meta.shape.map((d) => (typeof d === "number" && d < 0 ? "?" : String(d))).join(", ")}]`
    : "[?]";
}

/** A static first dimension > 0 shared by the inputs (a model exported without a dynamic batch axis), else undefined. */
function fixedBatchSize(inputs: readonly Meta[]): number | undefined {
  for (const input of inputs) {
    const first = input.shape?.[0];
    if (typeof first === "number" && first > 0) return first;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Inputs

function bindInputs(inputs: readonly Meta[], features: string[] | undefined, path: string): InputBinding[] {
  if (inputs.length === 0) throw new UserError("the model has no inputs", { file: path, hint: EXPORT_HINT });
  for (const input of inputs) {
    if (!input.isTensor)
      throw new UserError(`input "${input.name}" is not a tensor (a sequence or map); modelship feeds tabular columns as tensors`, {
        file: path,
        hint: EXPORT_HINT,
      });
    if (!ELEM_TYPES.includes(input.type ?? "")) {
      throw new UserError(
        `input "${input.name}" has element type ${input.type ?? "unknown"}; modelship feeds float32, float64, int64, int32, string or bool`,
        { file: path, hint: "cast the input in the exported graph to float32 (or int64/string)" },
      );
    }
    const rank = input.shape?.length ?? 0;
    if (rank > 2)
      throw new UserError(
        `input "${input.name}" has shape ${shapeText(input)}; modelship evaluates tabular models whose inputs are [N, F], [N, 1] or [N]`,
        { file: path, hint: "export a model that takes a [N, F] feature matrix or one [N, 1] input per column" },
      );
  }

  const only = inputs.length === 1 ? inputs[0]! : undefined;
  const lastDim = only?.shape && only.shape.length === 2 ? only.shape[1] : undefined;
  const wide = lastDim !== undefined && (typeof lastDim === "string" || lastDim < 0 || lastDim > 1);
  if (only && (wide || (features !== undefined && features.length > 0))) {
    const width = typeof lastDim === "number" && lastDim > 0 ? lastDim : only.shape?.length === 1 ? 1 : undefined;
    if (features === undefined || features.length === 0) {
      throw new UserError(
        `the model takes one input "${only.name}" of shape ${shapeText(only)} (${width ?? "a variable number of"} features per row), and no feature columns are set to fill it`,
        {
          file: path,
          hint: `set evaluate.features (the features input) to the ${width ?? ""} column names, in the order the model was trained on`.replace(
            "  ",
            " ",
          ),
        },
      );
    }
    if (width !== undefined && width !== features.length) {
      throw new UserError(
        `the model's input "${only.name}" takes ${width} features per row (shape ${shapeText(only)}), but ${features.length} feature column${features.length === 1 ? " is" : "s are"} set (${features.join(", ")})`,
        {
          file: path,
          hint: `set evaluate.features to exactly ${width} column names, in the order the model was trained on`,
        },
      );
    }
    const duplicate = features.find((feature, index) => features.indexOf(feature) !== index);
    if (duplicate !== undefined)
      throw new UserError(`feature column "${duplicate}" is listed twice`, {
        file: path,
        hint: "list each feature column once in evaluate.features",
      });
    const shape = only.shape?.length === 1 ? "N" : features.length === 1 ? "N,1" : "N,F";
    return [{ name: only.name, kind: "tensor", columns: [...features], elemType: only.type as ElemType, shape }];
  }

  // One input per column: the input's name is the column's (features, if set, name the same columns).
  return inputs.map((input) => {
    const shape = input.shape ?? [];
    if (shape.length === 2) {
      const last = shape[1];
      if (typeof last === "number" && last > 1) {
        throw new UserError(
          `input "${input.name}" takes ${last} values per row (shape ${shapeText(input)}); with several inputs, modelship feeds one column per input ([N] or [N, 1])`,
          {
            file: path,
            hint: "export the model with one [N, 1] input per column, or with a single [N, F] input fed from evaluate.features",
          },
        );
      }
    }
    return {
      name: input.name,
      kind: "column",
      columns: [input.name],
      elemType: input.type as ElemType,
      shape: shape.length === 1 ? "N" : "N,1",
    };
  });
}

/** Where a bad value is, for messages. */
function valueError(problem: string, batch: PredictBatch, row: number, hint: string): UserError {
  const line = batch.lines?.[row];
  const where =
    batch.file !== undefined && line !== undefined ? "" : line !== undefined ? ` (row at line ${line})` : ` (row ${row + 1} of the batch)`;
  return new UserError(`${problem}${where}`, { file: batch.file, line, hint });
}

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
function buildFeeds(
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

// ---------------------------------------------------------------------------------------------
// Outputs

/** 1 for [N] or [N, 1], C for [N, C], undefined when not known statically, 0 for other ranks. */
function outputWidth(meta: Meta): number | undefined {
  const shape = meta.shape;
  if (shape === undefined || shape.length === 0) return undefined;
  if (shape.length === 1) return 1;
  if (shape.length !== 2) return 0;
  const last = shape[1];
  return typeof last === "number" && last > 0 ? last : undefined;
}

function isProbabilityProducer(graph: OnnxGraph, name: string): boolean {
  const op = producerOp(graph, name);
  return op === "Sigmoid" || op === "Softmax";
}

function zipMapError(name: string, path: string): UserError {
  return new UserError(
    `output "${name}" is a ZipMap (sequence of maps); export with zipmap=False (skl2onnx: options={id(model): {'zipmap': False}})`,
    {
      file: path,
      hint: "re-export so the probabilities are a [N, C] tensor: skl2onnx.to_onnx(model, X, options={id(model): {'zipmap': False}})",
    },
  );
}

function outputList(outputs: readonly Meta[]): string {
  return outputs.map((o) => `${o.name} (${o.isTensor ? `${o.type ?? "?"} ${shapeText(o)}` : "non-tensor"})`).join(", ");
}

function scoreKindOf(graph: OnnxGraph | undefined, name: string): "probability" | "logit" {
  if (graph && isProbabilityProducer(graph, name)) return "probability";
  if (/logit/i.test(name)) return "logit";
  return "probability";
}

/** Picks the outputs to read: from config when given, else recognised by name, type, shape and task. */
function recogniseOutputs(
  outputs: readonly Meta[],
  options: LoadModelOptions,
  graph: OnnxGraph | undefined,
  path: string,
): RecognisedOutputs {
  const byName = new Map(outputs.map((output) => [output.name, output]));
  const selection = options.outputs ?? {};
  const task = options.task;
  const chosen = [selection.label, selection.probabilities, selection.score, selection.value].filter((name) => name !== undefined);

  if (chosen.length > 0) {
    for (const name of chosen) {
      const meta = byName.get(name);
      if (meta === undefined)
        throw new UserError(`the model has no output "${name}" (its outputs: ${outputList(outputs)})`, {
          file: path,
          hint: "set evaluate.outputs to names of the model's outputs",
        });
      if (!meta.isTensor) throw zipMapError(name, path);
    }
    const recognised: RecognisedOutputs = { kind: "value" };
    if (selection.label !== undefined) recognised.label = selection.label;
    if (selection.probabilities !== undefined) {
      recognised.probabilities = selection.probabilities;
      if (selection.scoreKind === "logit") recognised.scoreKind = "logit";
    }
    if (selection.score !== undefined) {
      recognised.score = selection.score;
      recognised.scoreKind = selection.scoreKind ?? scoreKindOf(graph, selection.score);
    }
    if (selection.value !== undefined) recognised.value = selection.value;
    recognised.kind =
      recognised.probabilities !== undefined
        ? recognised.label !== undefined
          ? "label+probabilities"
          : "probabilities"
        : recognised.score !== undefined
          ? "score"
          : recognised.value !== undefined
            ? "value"
            : "label";
    return recognised;
  }

  const tensors = outputs.filter((output) => output.isTensor);
  const zipMaps = outputs.filter((output) => !output.isTensor);
  const floats = tensors.filter((output) => FLOAT_TYPES.includes(output.type ?? ""));
  const wide = floats.filter((output) => {
    const width = outputWidth(output);
    return (width !== undefined && width >= 2) || (width === undefined && output.shape?.length === 2);
  });
  const narrow = floats.filter((output) => outputWidth(output) === 1 || (outputWidth(output) === undefined && output.shape?.length !== 2));
  const ambiguous = (what: string, names: Meta[], key: string): UserError =>
    new UserError(`the model has several outputs that could be the ${what} (${names.map((o) => o.name).join(", ")})`, {
      file: path,
      hint: `set evaluate.outputs.${key} to the one to use (the model's outputs: ${outputList(outputs)})`,
    });

  const pick = (candidates: Meta[], preferred: RegExp[], what: string, key: string): Meta | undefined => {
    if (candidates.length <= 1) return candidates[0];
    for (const pattern of preferred) {
      const matches = candidates.filter((c) => pattern.test(c.name));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) throw ambiguous(what, matches, key);
    }
    throw ambiguous(what, candidates, key);
  };

  const labels = tensors.filter((output) => LABEL_TYPES.includes(output.type ?? ""));
  const namedLabels = labels.filter((output) => /label/i.test(output.name));
  const label =
    namedLabels.length > 0
      ? pick(namedLabels, [/^(output_)?label$/i], "label", "label")
      : labels.filter((o) => o.type === "string").length === 1
        ? labels.find((o) => o.type === "string")
        : undefined;

  if (task === "regression") {
    const value = pick(
      narrow,
      [/^variable$/i, /^(value|prediction|predictions|output|y)$/i, /variable|value|predict/i],
      "regression value",
      "value",
    );
    if (value === undefined) {
      throw new UserError(
        `the task is regression, but the model has no output with one number per row (its outputs: ${outputList(outputs)})`,
        { file: path, hint: "set evaluate.outputs.value to the output that holds the prediction, or check the task" },
      );
    }
    return { kind: "value", value: value.name };
  }

  const probabilities = pick(wide, [/^(probabilities|output_probability)$/i, /prob/i], "probabilities", "probabilities");
  if (probabilities) {
    const recognised: RecognisedOutputs = { kind: label ? "label+probabilities" : "probabilities", probabilities: probabilities.name };
    if (label) recognised.label = label.name;
    if (/logit/i.test(probabilities.name) && !(graph && isProbabilityProducer(graph, probabilities.name))) recognised.scoreKind = "logit";
    return recognised;
  }
  if (zipMaps.length > 0) throw zipMapError(zipMaps[0]!.name, path);

  const scoreLike = narrow.filter(
    (output) => /prob|logit|score/i.test(output.name) || (graph !== undefined && isProbabilityProducer(graph, output.name)),
  );
  if (task !== undefined || label !== undefined || scoreLike.length > 0) {
    const score = pick(scoreLike.length > 0 ? scoreLike : narrow, [/prob/i, /logit/i, /score/i], "score", "score");
    if (score) {
      const recognised: RecognisedOutputs = { kind: "score", score: score.name, scoreKind: scoreKindOf(graph, score.name) };
      if (label) recognised.label = label.name;
      return recognised;
    }
    if (label) return { kind: "label", label: label.name };
  } else {
    // No task and nothing that looks like a class score: one plain number per row is a regression value.
    const value = pick(narrow, [/^variable$/i, /^(value|prediction|predictions|output|y)$/i], "regression value", "value");
    if (value) return { kind: "value", value: value.name };
  }
  throw new UserError(`cannot tell which of the model's outputs are the predictions (its outputs: ${outputList(outputs)})`, {
    file: path,
    hint: "set evaluate.outputs (label, probabilities, score or value) to the model's output names",
  });
}

/** The graph's class labels, unless their count contradicts the probabilities' static width. */
function checkedClassLabels(labels: string[] | undefined, outputs: RecognisedOutputs, meta: readonly Meta[]): string[] | undefined {
  if (labels === undefined || outputs.kind === "value") return undefined;
  const probabilities = meta.find((m) => m.name === (outputs.probabilities ?? outputs.score));
  const width = probabilities ? outputWidth(probabilities) : undefined;
  const classes = outputs.kind === "score" || width === 1 ? 2 : width;
  return classes === undefined || classes === labels.length ? labels : undefined;
}

function emptyPrediction(outputs: RecognisedOutputs): Prediction {
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

function readPrediction(outputs: RecognisedOutputs, parts: Record<string, OrtTensor>[], counts: number[], batch: PredictBatch): Prediction {
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
            "add a Softmax at the end of the exported graph, or set evaluate.outputs.score_kind: logit if the output holds logits",
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
    "if the output is a logit (a raw score before the sigmoid/softmax), set evaluate.outputs.score_kind: logit; otherwise end the exported graph with a Sigmoid or Softmax",
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
