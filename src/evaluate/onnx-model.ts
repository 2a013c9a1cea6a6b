/**
 * Loads any ONNX classifier or regressor in onnxruntime-node and runs it on tabular batches. This
 * module ties the pieces together: onnx-input-binding.ts binds the model's inputs to data columns,
 * onnx-output-selection.ts recognises its outputs, and per batch onnx-input-feeds.ts builds the input
 * tensors and onnx-output-reading.ts reads and checks the outputs.
 */
import { sha256Of } from "../common/file-hash.ts";
import { readFile } from "node:fs/promises";
import { errnoCode, UserError } from "../common/errors.ts";
import { findClassLabels, readOnnxGraph, type OnnxGraph } from "./onnx-graph.ts";
import { bindInputs, missingColumnsError, type InputBinding } from "./onnx-input-binding.ts";
import { buildFeeds } from "./onnx-input-feeds.ts";
import { EXPORT_HINT, type Meta, type Ort, type OrtTensor } from "./onnx-metadata.ts";
import { emptyPrediction, readPrediction, type Prediction } from "./onnx-output-reading.ts";
import { checkedClassLabels, recogniseOutputs, type OutputSelection, type RecognisedOutputs, type Task } from "./onnx-output-selection.ts";
import type { PredictBatch } from "./predict-batch.ts";
import { loadOnnxRuntime } from "../common/onnx-runtime.ts";
import { emptyModelProblem, onnxLoadProblem } from "../common/onnx-load-error.ts";

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
  /** Which model this is, for messages: the model (default) or the champion it is compared with. */
  role?: "model" | "champion";
  /** Where the path was set, for the fix: e.g. "--model (the model input, or evaluate.model in modelship.yaml)". */
  setting?: string;
}

export interface SignatureValue {
  name: string;
  type: string;
  shape?: (number | string)[];
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
  /** The outputs each run fetches. */
  fetches: string[];
  /** The batch size the graph fixes (its inputs' static first dimension), when it fixes one: every run pads to it. */
  fixedBatch?: number;
  /** Elements of the graph's initializers (its weights); null when the graph could not be read. */
  parameters: number | null;
  /** Files beside the model that hold its weights as external data (relative to it). */
  externalData: string[];
  /** The intra-op threads the session was created with (undefined: onnxruntime's default). */
  threads?: number;
  /** Runs one batch. */
  predict(batch: PredictBatch): Promise<Prediction>;
  release(): Promise<void>;
}

type Session = Awaited<ReturnType<Ort["InferenceSession"]["create"]>>;

/** Loads the model at `options.path`, binds its inputs to columns and recognises its outputs. */
export async function loadModel(options: LoadModelOptions): Promise<LoadedModel> {
  const { path } = options;
  const champion = options.role === "champion";
  const setting = options.setting ?? (champion ? "the champion's path" : "the model path (evaluate.model)");
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new UserError(champion ? "the champion's model file not found" : "model file not found", {
        file: path,
        hint: `check the path given to ${setting}`,
      });
    if (code === "EISDIR")
      throw new UserError(`is a folder, not ${champion ? "the champion's model file" : "a model file"}`, {
        file: path,
        hint: `point ${setting} to the .onnx file itself`,
      });
    throw new UserError(`cannot read the model: ${error instanceof Error ? error.message : String(error)}`, { file: path, cause: error });
  }
  const sha256 = sha256Of(bytes);
  const empty = emptyModelProblem(bytes.length);
  if (empty !== undefined) throw new UserError(champion ? `${empty} (the champion)` : empty, { file: path, hint: EXPORT_HINT });

  // Loaded on demand: the native runtime is installed beside the bundle by the composite actions.
  const ort = await loadOnnxRuntime();
  const sessionOptions: Parameters<Ort["InferenceSession"]["create"]>[1] = {};
  if (options.threads !== undefined) sessionOptions.intraOpNumThreads = options.threads;
  let session: Session;
  try {
    // From the path, not the bytes, so weights stored as external data beside the model are found.
    session = await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    throw new UserError(`is not an ONNX model onnxruntime can load${champion ? " (the champion)" : ""}: ${onnxLoadProblem(error)}`, {
      file: path,
      hint: EXPORT_HINT,
    });
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
      fetches,
      ...(fixedBatch === undefined ? {} : { fixedBatch }),
      parameters: graph?.parameters ?? null,
      externalData: graph?.externalData ?? [],
      ...(options.threads === undefined ? {} : { threads: options.threads }),
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

/** One input or output as the report lists it, with "?" for a dynamic dimension. */
function describe(value: Meta): SignatureValue {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described: SignatureValue = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== undefined && value.shape.length > 0)
    described.shape = value.shape.map((dim) => (typeof dim === "number" && dim < 0 ? "?" : dim));
  return described;
}

/** A static first dimension > 0 shared by the inputs (a model exported without a dynamic batch axis), else undefined. */
function fixedBatchSize(inputs: readonly Meta[]): number | undefined {
  for (const input of inputs) {
    const first = input.shape?.[0];
    if (typeof first === "number" && first > 0) return first;
  }
  return undefined;
}
