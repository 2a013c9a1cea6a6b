/**
 * The Triton model repository a release publishes for Triton Inference Server, as one deterministic
 * `.tar.gz` release asset. Triton serves a folder, not a file: `tritonserver --model-repository=DIR`
 * loads `DIR/<model-name>/<version>/model.onnx` with `DIR/<model-name>/config.pbtxt`
 * (triton-inference-server/server docs/user_guide/model_repository.md, "Repository Layout", "Model
 * Versions": numeric version folders, and "ONNX Models": the file is named model.onnx by default).
 * KServe's kserve-tritonserver runtime starts Triton with `--model-store=/mnt/models`
 * (kserve/kserve config/runtimes/kserve-tritonserver.yaml), and KServe's storage initializer
 * unpacks a `.tar.gz`/`.tgz`/`.zip` storageUri into /mnt/models as it stands, top folder and all
 * (python/storage/kserve_storage/kserve_storage.py, `_download_from_uri` and
 * `_unpack_archive_file`; python/kserve/kserve/storage/storage.py before). So the archive holds:
 *
 *     <model>/config.pbtxt
 *     <model>/1/model.onnx
 *
 * config.pbtxt is the minimal configuration of model_configuration.md ("Minimal Model
 * Configuration"): the backend (`onnxruntime`, as triton-inference-server/backend's README says
 * for ONNX models), max_batch_size and every input and output, read from the ONNX graph. Triton
 * auto-completes an ONNX model's configuration by default ("Auto-Generated Model Configuration"),
 * and neither KServe's nor Seldon's Triton command line turns that off, so the file is not
 * strictly needed there; it is written anyway because a server started with
 * `--disable-auto-complete-config` loads no ONNX model without it, and because auto-complete would
 * give the model a max_batch_size of 4 and a dynamic batcher ("Default Max Batch Size and Dynamic
 * Batcher") where `max_batch_size: 0` serves exactly the shapes of the graph that was evaluated.
 */
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { create, WriteEntry } from "tar";
import { UserError } from "../common/errors.ts";
import type { OnnxGraph, OnnxValueInfo } from "../evaluate/onnx-graph.ts";
import { isModelName } from "./model-version.ts";
import { storedGzip } from "./stored-gzip.ts";

/** The release asset: its name ends in .tar.gz, which KServe's storage initializer unpacks. */
export const TRITON_ARCHIVE_NAME = "triton-model-repository.tar.gz";
/** Triton's version folder: versions are numeric, and the docs' minimal repository uses 1. */
export const TRITON_VERSION = "1";
/** The model file's name: the ONNX Runtime backend's default (default_model_filename unset). */
export const TRITON_MODEL_FILE = "model.onnx";
/**
 * Every entry's time: a fixed one, so the same model gives the same bytes whenever it is released
 * (1 January 2000; some tar programs refuse times before 1980).
 */
export const ENTRY_TIME = new Date("2000-01-01T00:00:00.000Z");
/** node-tar's reproducible form: no owner or system fields, the fixed time, no PAX headers. */
export const REPRODUCIBLE_TAR = { portable: true, mtime: ENTRY_TIME, noPax: true } as const;

/**
 * Triton's data type for each ONNX element type (TensorProto.DataType), from model_configuration.md
 * "Datatypes" (the ONNX Runtime column): the types it has no entry for (bfloat16, complex, float8,
 * 4-bit) are types Triton does not serve from ONNX Runtime.
 */
const TRITON_TYPES: ReadonlyMap<number, string> = new Map([
  [1, "TYPE_FP32"],
  [2, "TYPE_UINT8"],
  [3, "TYPE_INT8"],
  [4, "TYPE_UINT16"],
  [5, "TYPE_INT16"],
  [6, "TYPE_INT32"],
  [7, "TYPE_INT64"],
  [8, "TYPE_STRING"],
  [9, "TYPE_BOOL"],
  [10, "TYPE_FP16"],
  [11, "TYPE_FP64"],
  [12, "TYPE_UINT32"],
  [13, "TYPE_UINT64"],
]);

/** Paths inside the archive (and so inside the model repository it unpacks into). */
export function tritonLayout(model: string): { config: string; model: string; dirs: string[] } {
  return {
    config: `${model}/config.pbtxt`,
    model: `${model}/${TRITON_VERSION}/${TRITON_MODEL_FILE}`,
    dirs: [`${model}/`, `${model}/${TRITON_VERSION}/`],
  };
}

/**
 * Refuses a model name that is not one folder name: the name becomes the top folder of the archive,
 * and KServe unpacks the archive into /mnt/models, so `..`, `/` or `\` must never reach it. A model
 * name (`isModelName`: letters, digits, `.`, `-`, `_`, starting with a letter or digit) is never one.
 */
export function checkTritonModelName(model: string): string {
  if (!isModelName(model))
    throw new UserError(`"${model}" cannot name a folder of a Triton model repository`, {
      hint: "name the model with letters, digits, '.', '-' and '_', starting with a letter or digit, e.g. adult-income",
    });
  return model;
}

/** A string as protobuf text format writes it: in double quotes, with `"`, `\` and control characters escaped. */
function quoted(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += "\\\\";
    else if (byte < 0x20 || byte === 0x7f || byte >= 0x80) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}

/** A tensor's `dims` (a variable size is -1), or why Triton cannot describe it. */
function describeValue(value: OnnxValueInfo, role: "input" | "output"): { type: string; dims: number[] } | string {
  const what = `${role} "${value.name}"`;
  if (value.type.kind !== "tensor")
    return value.type.kind === "unknown"
      ? `${what} declares no type`
      : `${what} is a ${value.type.kind}, not a tensor; Triton's ONNX Runtime backend serves tensors only`;
  const type = TRITON_TYPES.get(value.type.elemType);
  if (type === undefined) return `${what} has ONNX element type ${value.type.elemType}, which Triton does not serve from ONNX Runtime`;
  if (value.type.shape === undefined) return `${what} declares no shape`;
  // "Both input and output shape must have rank greater-or-equal-to 1" (Inputs and Outputs).
  if (value.type.shape.length === 0) return `${what} is a scalar; Triton needs a rank of 1 or more`;
  return { type, dims: value.type.shape.map((dim) => (typeof dim === "number" ? dim : -1)) };
}

/**
 * config.pbtxt for `graph` served as `model`, or why Triton cannot serve the graph (a non-tensor
 * output such as skl2onnx's ZipMap, an element type Triton lacks, an unknown rank).
 */
export function tritonModelConfig(model: string, graph: OnnxGraph): { text: string } | { unavailable: string } {
  checkTritonModelName(model);
  // ONNX Runtime feeds only the inputs that are not initializers (models before IR 4 list weights as inputs).
  const weights = new Set(graph.initializers);
  const inputs = graph.inputInfo.filter((value) => !weights.has(value.name));
  if (inputs.length === 0 || graph.outputInfo.length === 0) return { unavailable: "the graph declares no inputs or no outputs" };
  const sections: string[] = [];
  for (const [role, values] of [
    ["input", inputs],
    ["output", graph.outputInfo],
  ] as const) {
    const entries: string[] = [];
    for (const value of values) {
      const described = describeValue(value, role);
      if (typeof described === "string") return { unavailable: described };
      entries.push(
        `  {\n    name: ${quoted(value.name)}\n    data_type: ${described.type}\n    dims: [ ${described.dims.join(", ")} ]\n  }`,
      );
    }
    sections.push(`${role} [\n${entries.join(",\n")}\n]\n`);
  }
  return {
    text: `name: ${quoted(model)}\nbackend: "onnxruntime"\nmax_batch_size: 0\n${sections.join("")}`,
  };
}

/**
 * The tar entries of a Triton model repository holding `model`, each path after `prefix` (`""` for the
 * release archive, `models/` for a modelcar image's layer): the model folder, config.pbtxt, the
 * version folder, model.onnx (its `size` bytes from `body`). Folders 0755, files 0644, this order.
 */
export function tritonEntries(
  model: string,
  config: string,
  modelFile: { size: number; body: Uint8Array | AsyncIterable<Uint8Array> },
  prefix = "",
): WriteEntry[] {
  const layout = tritonLayout(checkTritonModelName(model));
  const mtime = ENTRY_TIME;
  return [
    new WriteEntry({ path: `${prefix}${layout.dirs[0]!}`, type: "Directory", mode: 0o755, mtime }),
    new WriteEntry({ path: `${prefix}${layout.config}`, mode: 0o644, mtime }, config),
    new WriteEntry({ path: `${prefix}${layout.dirs[1]!}`, type: "Directory", mode: 0o755, mtime }),
    new WriteEntry({ path: `${prefix}${layout.model}`, mode: 0o644, mtime, size: modelFile.size }, modelFile.body),
  ];
}

/** The tar entries, streamed from the model file; `seen` collects the sha256 of the bytes read. */
function entries(model: string, modelPath: string, modelBytes: number, config: string, seen: { hash: ReturnType<typeof createHash> }) {
  async function* modelChunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(modelPath)) {
      seen.hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  return tritonEntries(model, config, { size: modelBytes, body: modelChunks() });
}

/**
 * Writes the archive of `modelPath` (whose sha256 is `modelSha256`) served as `model` to `outPath`.
 * The same model and config give the same bytes on every machine: node-tar's reproducible form
 * (portable: no owner, no system fields; a fixed time; fixed modes; one order; no PAX headers), and
 * gzip with stored blocks and no time stamp (stored-gzip.ts).
 */
export async function writeTritonArchive(options: {
  model: string;
  modelPath: string;
  modelSha256: string;
  modelBytes: number;
  config: string;
  outPath: string;
}): Promise<void> {
  const model = checkTritonModelName(options.model);
  const seen = { hash: createHash("sha256") };
  const tar = create(REPRODUCIBLE_TAR, entries(model, options.modelPath, options.modelBytes, options.config, seen));
  const handle = await open(options.outPath, "wx");
  try {
    for await (const chunk of storedGzip(tar)) await handle.write(chunk);
  } finally {
    await handle.close();
  }
  // The archive must hold exactly the released model.onnx: a file changed while it was read is not released.
  const read = seen.hash.digest("hex");
  if (read !== options.modelSha256)
    throw new UserError(
      `the model changed while it was packaged (sha256 ${read.slice(0, 12)}, expected ${options.modelSha256.slice(0, 12)})`,
      {
        file: options.modelPath,
        hint: "release again once nothing writes the model",
      },
    );
}
