import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  train_config_schema_default
} from "./chunk-H6DAK75W.js";
import {
  bytes,
  mark,
  printable,
  shortSha,
  significant
} from "./chunk-WW4KD5R5.js";
import {
  readModelSignature
} from "./chunk-ZMMWZKTW.js";
import {
  run_record_schema_default
} from "./chunk-E5B55GBZ.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  threadCount
} from "./chunk-MAHMYA47.js";
import {
  loadContract,
  readOptionsFor
} from "./chunk-WC5L3K5J.js";
import {
  gitOutput
} from "./chunk-FBLJ2B7Y.js";
import {
  byCodeUnit
} from "./chunk-4LQGMG53.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  resolveTrainSettings
} from "./chunk-RNR6NDII.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  assertValid,
  assertWritable,
  parseYamlSource,
  readYamlFile,
  upgradeBySchema
} from "./chunk-RGJ5T3QL.js";
import {
  code,
  details,
  escapeMarkdown,
  formatNumber,
  sections,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";
import {
  aliasMap,
  applyAlias,
  coerceValue,
  showValue
} from "./chunk-CEPJPHC5.js";
import {
  openTable
} from "./chunk-WP7KJD34.js";
import {
  sha256File
} from "./chunk-R4CRXXNC.js";
import {
  mulberry32,
  shuffleInPlace,
  streamSeed
} from "./chunk-UO5NOVC6.js";
import {
  reportProgress
} from "./chunk-QRTANFC2.js";
import {
  MlpPool,
  mlpLayout
} from "./chunk-4XVZLVA3.js";
import {
  readGitHubContext
} from "./chunk-FLFJYAH6.js";
import {
  UserError,
  errnoCode,
  isUserError
} from "./chunk-SU4BFKON.js";
import {
  paint,
  plural
} from "./chunk-U5WQZHIB.js";

// src/stages/train-stage.ts
import { resolve as resolve4 } from "node:path";

// src/train/builtin-train.ts
import { join, resolve as resolve2 } from "node:path";

// src/train/model-spec.ts
function featureWidth(features) {
  return features.reduce((width, feature) => width + (feature.kind === "numeric" ? 1 : feature.categories.length + 1), 0);
}

// src/train/onnx/protobuf.ts
var WireType = { Varint: 0, LengthDelimited: 2, Fixed32: 5 };
var textEncoder = new TextEncoder();
var ProtoWriter = class _ProtoWriter {
  buffer = new Uint8Array(256);
  length = 0;
  /** Writes a varint field (int32, int64, uint64, bool, enum). Negative values take ten bytes, as int64 does. */
  varint(field, value) {
    this.tag(field, WireType.Varint);
    this.rawVarint(value);
    return this;
  }
  /** Writes a `float` field as four little-endian bytes. */
  float(field, value) {
    this.tag(field, WireType.Fixed32);
    this.rawFloat(value);
    return this;
  }
  /** Writes a `bytes` field. */
  bytes(field, value) {
    this.tag(field, WireType.LengthDelimited);
    this.rawVarint(value.length);
    this.append(value);
    return this;
  }
  /** Writes a `string` field as UTF-8. */
  string(field, value) {
    return this.bytes(field, textEncoder.encode(value));
  }
  /** Writes an embedded message field from another writer (or its finished bytes). */
  message(field, value) {
    return this.bytes(field, value instanceof _ProtoWriter ? value.finish() : value);
  }
  /** Writes a packed repeated varint field (`[packed = true]` int32/int64); nothing when empty. */
  packedVarints(field, values) {
    if (values.length === 0) return this;
    const packed = new _ProtoWriter();
    for (const value of values) packed.rawVarint(value);
    return this.bytes(field, packed.finish());
  }
  /** Writes a packed repeated float field; nothing when empty. */
  packedFloats(field, values) {
    if (values.length === 0) return this;
    const packed = new _ProtoWriter();
    for (let i = 0; i < values.length; i++) packed.rawFloat(values[i]);
    return this.bytes(field, packed.finish());
  }
  /** The message so far, as a copy the writer no longer touches. */
  finish() {
    return this.buffer.slice(0, this.length);
  }
  tag(field, wireType) {
    if (!Number.isInteger(field) || field < 1 || field > 536870911) throw new RangeError(`bad protobuf field number ${field}`);
    this.rawVarint(field * 8 + wireType);
  }
  rawVarint(value) {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new RangeError(`varint ${value} is not a safe integer`);
      if (value < 0) {
        this.rawVarint(BigInt(value));
        return;
      }
      let rest2 = value;
      while (rest2 >= 128) {
        this.push(rest2 % 128 | 128);
        rest2 = Math.floor(rest2 / 128);
      }
      this.push(rest2);
      return;
    }
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      this.push(Number(rest & 0x7fn) | 128);
      rest >>= 7n;
    }
    this.push(Number(rest));
  }
  rawFloat(value) {
    this.reserve(4);
    new DataView(this.buffer.buffer).setFloat32(this.length, value, true);
    this.length += 4;
  }
  push(byte) {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }
  append(bytes2) {
    this.reserve(bytes2.length);
    this.buffer.set(bytes2, this.length);
    this.length += bytes2.length;
  }
  reserve(extra) {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
};

// src/train/onnx/onnx-proto.ts
var DataType = { FLOAT: 1, INT64: 7, STRING: 8, BOOL: 9 };
var AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 };
function encodeModel(model) {
  const writer = new ProtoWriter().varint(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  if (model.docString !== void 0 && model.docString !== "") writer.string(6, model.docString);
  writer.message(7, encodeGraph(model.graph));
  for (const opset of model.opsetImports) writer.message(8, new ProtoWriter().string(1, opset.domain).varint(2, opset.version));
  for (const [key, value] of model.metadataProps) writer.message(14, new ProtoWriter().string(1, key).string(2, value));
  return writer.finish();
}
function encodeGraph(graph) {
  const writer = new ProtoWriter();
  for (const node of graph.nodes) writer.message(1, encodeNode(node));
  writer.string(2, graph.name);
  for (const tensor of graph.initializers) writer.message(5, encodeTensor(tensor));
  for (const input of graph.inputs) writer.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) writer.message(12, encodeValueInfo(output));
  return writer;
}
function encodeNode(node) {
  const writer = new ProtoWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name).string(4, node.opType);
  for (const attribute of node.attributes ?? []) writer.message(5, encodeAttribute(attribute));
  if (node.domain !== void 0 && node.domain !== "") writer.string(7, node.domain);
  return writer;
}
function encodeAttribute(attribute) {
  const writer = new ProtoWriter().string(1, attribute.name);
  switch (attribute.type) {
    case "float":
      writer.float(2, attribute.value);
      return writer.varint(20, AttributeType.FLOAT);
    case "int":
      writer.varint(3, attribute.value);
      return writer.varint(20, AttributeType.INT);
    case "string":
      writer.string(4, attribute.value);
      return writer.varint(20, AttributeType.STRING);
    case "tensor":
      writer.message(5, encodeTensor(attribute.value));
      return writer.varint(20, AttributeType.TENSOR);
    case "floats":
      for (let i = 0; i < attribute.value.length; i++) writer.float(7, attribute.value[i]);
      return writer.varint(20, AttributeType.FLOATS);
    case "ints":
      for (const value of attribute.value) writer.varint(8, value);
      return writer.varint(20, AttributeType.INTS);
    case "strings":
      for (const value of attribute.value) writer.string(9, value);
      return writer.varint(20, AttributeType.STRINGS);
  }
}
function encodeTensor(tensor) {
  const writer = new ProtoWriter();
  for (const dim of tensor.dims) writer.varint(1, dim);
  writer.varint(2, tensor.data.type);
  const { data } = tensor;
  if (data.type === DataType.STRING) for (const value of data.values) writer.string(6, value);
  if (data.type === DataType.INT64) writer.packedVarints(7, data.values);
  writer.string(8, tensor.name);
  if (data.type === DataType.FLOAT) writer.bytes(9, littleEndianFloats(data.values));
  return writer;
}
function littleEndianFloats(values) {
  const bytes2 = new Uint8Array(values.length * 4);
  const view = new DataView(bytes2.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes2;
}
function encodeValueInfo(value) {
  const shape = new ProtoWriter();
  for (const dim of value.dims)
    shape.message(1, typeof dim === "number" ? new ProtoWriter().varint(1, dim) : new ProtoWriter().string(2, dim));
  const tensorType = new ProtoWriter().varint(1, value.elemType).message(2, shape);
  return new ProtoWriter().string(1, value.name).message(2, new ProtoWriter().message(1, tensorType));
}
var GraphBuilder = class {
  nodes = [];
  initializers = [];
  inputs = [];
  outputs = [];
  names = /* @__PURE__ */ new Set();
  /** Declares a graph input and returns its name. */
  input(value) {
    this.claim(value.name);
    this.inputs.push(value);
    return value.name;
  }
  /** Adds a constant (an initializer) and returns its name. */
  constant(tensor) {
    this.claim(tensor.name);
    this.initializers.push(tensor);
    return tensor.name;
  }
  /** Adds a one-output node, named after its output, and returns the output's name. */
  node(opType, inputs, output, options = {}) {
    for (const input of inputs)
      if (!this.names.has(input)) throw new Error(`ONNX node ${output} (${opType}) reads ${input} before it exists`);
    this.claim(output);
    this.nodes.push({ name: output, opType, inputs, outputs: [output], ...options });
    return output;
  }
  /** Declares an existing value as a graph output. */
  output(value) {
    if (!this.names.has(value.name)) throw new Error(`ONNX graph output ${value.name} is never produced`);
    this.outputs.push(value);
  }
  /** The graph so far. */
  build(name) {
    return { name, nodes: [...this.nodes], initializers: [...this.initializers], inputs: [...this.inputs], outputs: [...this.outputs] };
  }
  claim(name) {
    if (this.names.has(name)) throw new Error(`ONNX value name ${JSON.stringify(name)} is used twice`);
    this.names.add(name);
  }
};

// src/train/export-onnx.ts
var IR_VERSION = 8;
var OPSETS = [
  { domain: "", version: 17 },
  { domain: "ai.onnx.ml", version: 3 }
];
var ML = "ai.onnx.ml";
var BATCH = "N";
var OUTPUT_NAMES = ["label", "probabilities", "variable"];
var ACTIVATION_OPS = { relu: "Relu", tanh: "Tanh", sigmoid: "Sigmoid", softmax: "Softmax" };
function exportOnnx(model, options) {
  checkModel(model);
  const graph = new GraphBuilder();
  const columns = model.features.map(
    (feature, index) => feature.kind === "numeric" ? addNumeric(graph, feature, index) : addCategorical(graph, feature, index)
  );
  let x = graph.node("Concat", columns, "/features", { attributes: [{ name: "axis", type: "int", value: 1 }] });
  const last = model.layers.length - 1;
  model.layers.forEach((layer, index) => {
    const name = index < last ? void 0 : model.task === "multiclass" ? "probabilities" : model.task === "regression" ? "variable" : void 0;
    x = addDense(graph, layer, index, x, name);
  });
  if (model.task === "regression") {
    graph.output({ name: x, elemType: DataType.FLOAT, dims: [BATCH, 1] });
  } else {
    const classes = model.classes;
    const labelIndex = model.task === "binary" ? addBinaryOutputs(graph, x) : graph.node("ArgMax", [x], "/label_index", {
      attributes: [
        { name: "axis", type: "int", value: 1 },
        { name: "keepdims", type: "int", value: 0 }
      ]
    });
    graph.node("LabelEncoder", [labelIndex], "label", {
      domain: ML,
      attributes: [
        { name: "keys_int64s", type: "ints", value: classes.map((_, index) => index) },
        { name: "values_strings", type: "strings", value: classes },
        { name: "default_string", type: "string", value: "" }
      ]
    });
    graph.output({ name: "label", elemType: DataType.STRING, dims: [BATCH] });
    graph.output({ name: "probabilities", elemType: DataType.FLOAT, dims: [BATCH, classes.length] });
  }
  return encodeModel({
    irVersion: IR_VERSION,
    opsetImports: OPSETS,
    producerName: "modelship",
    producerVersion: options.producerVersion,
    docString: options.docString,
    graph: graph.build(`modelship_${model.task}`),
    metadataProps: metadataProps(model, options.metadata ?? {})
  });
}
function addNumeric(graph, feature, index) {
  const prefix = `/feature_${index}`;
  const scalar = (name, value) => graph.constant({ name: `${prefix}/${name}`, dims: [1], data: { type: DataType.FLOAT, values: [value] } });
  const input = graph.input({ name: feature.name, elemType: DataType.FLOAT, dims: [BATCH, 1] });
  const missing = graph.node("IsNaN", [input], `${prefix}/missing`);
  const imputed = graph.node("Where", [missing, scalar("median", feature.median), input], `${prefix}/imputed`);
  const centred = graph.node("Sub", [imputed, scalar("mean", feature.mean)], `${prefix}/centred`);
  return graph.node("Div", [centred, scalar("std", feature.std)], `${prefix}/scaled`);
}
function addCategorical(graph, feature, index) {
  const input = graph.input({ name: feature.name, elemType: DataType.STRING, dims: [BATCH, 1] });
  const other = feature.categories.length;
  const codes = /* @__PURE__ */ new Map();
  feature.categories.forEach((category, code2) => {
    if (!codes.has(category)) codes.set(category, code2);
  });
  const fillCode = codes.get(feature.fill) ?? other;
  codes.set("", fillCode);
  const indices = graph.node("LabelEncoder", [input], `/feature_${index}/index`, {
    domain: ML,
    attributes: [
      { name: "keys_strings", type: "strings", value: [...codes.keys()] },
      { name: "values_int64s", type: "ints", value: [...codes.values()] },
      { name: "default_int64", type: "int", value: other }
    ]
  });
  const depth = graph.constant({ name: `/feature_${index}/depth`, dims: [], data: { type: DataType.INT64, values: [other + 1] } });
  const onOff = graph.constant({ name: `/feature_${index}/one_hot_values`, dims: [2], data: { type: DataType.FLOAT, values: [0, 1] } });
  const oneHot = graph.node("OneHot", [indices, depth, onOff], `/feature_${index}/one_hot`, {
    attributes: [{ name: "axis", type: "int", value: -1 }]
  });
  return graph.node("Flatten", [oneHot], `/feature_${index}/encoded`, { attributes: [{ name: "axis", type: "int", value: 1 }] });
}
function addDense(graph, layer, index, input, output) {
  const prefix = `/layer_${index}`;
  const weights = graph.constant({
    name: `${prefix}/weights`,
    dims: [layer.inputs, layer.units],
    data: { type: DataType.FLOAT, values: layer.weights }
  });
  const bias = graph.constant({ name: `${prefix}/bias`, dims: [layer.units], data: { type: DataType.FLOAT, values: layer.bias } });
  const product = graph.node("MatMul", [input, weights], `${prefix}/matmul`);
  if (layer.activation === "linear") return graph.node("Add", [product, bias], output ?? `${prefix}/output`);
  const linear = graph.node("Add", [product, bias], `${prefix}/linear`);
  const attributes = layer.activation === "softmax" ? [{ name: "axis", type: "int", value: 1 }] : [];
  return graph.node(ACTIVATION_OPS[layer.activation], [linear], output ?? `${prefix}/output`, { attributes });
}
function addBinaryOutputs(graph, positive) {
  const one = graph.constant({ name: "/one", dims: [1], data: { type: DataType.FLOAT, values: [1] } });
  const half = graph.constant({ name: "/threshold", dims: [1], data: { type: DataType.FLOAT, values: [0.5] } });
  const columnAxis = graph.constant({ name: "/column_axis", dims: [1], data: { type: DataType.INT64, values: [1] } });
  const negative = graph.node("Sub", [one, positive], "/negative_probability");
  graph.node("Concat", [negative, positive], "probabilities", { attributes: [{ name: "axis", type: "int", value: 1 }] });
  const isPositive = graph.node("GreaterOrEqual", [positive, half], "/is_positive");
  const asIndex = graph.node("Cast", [isPositive], "/positive_index", { attributes: [{ name: "to", type: "int", value: DataType.INT64 }] });
  return graph.node("Squeeze", [asIndex, columnAxis], "/label_index");
}
function metadataProps(model, extra) {
  const own = [
    ["modelship.target", model.target],
    ["modelship.task", model.task],
    ...model.classes ? [["modelship.classes", JSON.stringify(model.classes)]] : [],
    ["modelship.features", JSON.stringify(model.features.map((feature) => feature.name))]
  ];
  const reserved = Object.keys(extra).filter((key) => key.startsWith("modelship."));
  if (reserved.length > 0) throw new Error(`ONNX metadata keys ${reserved.join(", ")} are reserved for the exporter`);
  const theirs = Object.entries(extra).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return [...own, ...theirs];
}
function checkModel(model) {
  const names = /* @__PURE__ */ new Set();
  for (const feature of model.features) {
    if (OUTPUT_NAMES.includes(feature.name)) {
      throw new UserError(`feature "${feature.name}" has the name of an ONNX model output`, {
        hint: `rename the column or leave it out of the features (outputs: ${OUTPUT_NAMES.join(", ")})`
      });
    }
    if (names.has(feature.name)) throw new Error(`feature "${feature.name}" appears twice`);
    names.add(feature.name);
  }
  if (model.features.length === 0 || model.layers.length === 0) throw new Error("a TrainedModel needs at least one feature and one layer");
  let width = featureWidth(model.features);
  model.layers.forEach((layer, index) => {
    if (layer.inputs !== width) throw new Error(`layer ${index} takes ${layer.inputs} inputs but gets ${width}`);
    if (layer.weights.length !== layer.inputs * layer.units || layer.bias.length !== layer.units)
      throw new Error(`layer ${index} has weights or bias of the wrong size`);
    width = layer.units;
  });
  const lastLayer = model.layers[model.layers.length - 1];
  const classes = model.classes?.length ?? 0;
  if (model.task === "binary" && (classes !== 2 || width !== 1 || lastLayer.activation !== "sigmoid"))
    throw new Error("a binary model needs 2 classes and one sigmoid output");
  if (model.task === "multiclass" && (classes < 2 || width !== classes || lastLayer.activation !== "softmax"))
    throw new Error("a multiclass model needs one softmax output per class");
  if (model.task === "regression" && width !== 1) throw new Error("a regression model needs one output");
}

// src/train/run-context.ts
import { cpus, release, totalmem, type } from "node:os";
async function fingerprintFile(path) {
  try {
    return { path, ...await sha256File(path) };
  } catch (error) {
    throw new UserError(errnoCode(error) === "ENOENT" ? "not found" : `cannot be read (${errnoCode(error) ?? String(error)})`, {
      file: path,
      hint: "check the path (relative to the working directory)"
    });
  }
}
async function gitState(cwd, env = process.env) {
  try {
    const sha = (await gitOutput(["rev-parse", "HEAD"], { cwd, env })).trim();
    const status = (await gitOutput(["status", "--porcelain", "--untracked-files=no"], { cwd, env })).trim();
    const ref = env.GITHUB_REF ?? await gitOutput(["rev-parse", "--abbrev-ref", "HEAD"], { cwd, env }).then((output) => output.trim()).catch(() => void 0);
    return { sha, dirty: status !== "", ...ref === void 0 ? {} : { ref } };
  } catch {
    return {};
  }
}
function workflowRun(env = process.env) {
  const context = readGitHubContext(env);
  const info = {};
  if (context.runUrl !== void 0) info.url = context.runUrl;
  if (context.workflow !== void 0) info.workflow = context.workflow;
  if (context.job !== void 0) info.job = context.job;
  if (context.runAttempt !== void 0 && /^\d+$/.test(context.runAttempt)) info.attempt = Number(context.runAttempt);
  return info;
}
function runnerInfo(env = process.env, labels) {
  const cores = cpus();
  return {
    ...env.RUNNER_NAME === void 0 ? {} : { name: env.RUNNER_NAME },
    ...labels === void 0 ? {} : { labels },
    os: `${type()} ${release()}`,
    arch: process.arch,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cpus: cores.length,
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version
  };
}

// src/train/tabular-data.ts
var DEFAULT_TOP_K = 20;
var MAX_NUMERIC_CLASSES = 10;
function numberOf(raw) {
  if (raw === null || typeof raw === "number" && Number.isNaN(raw)) return null;
  const coerced = coerceValue(raw, "number");
  return coerced.ok && typeof coerced.value === "number" ? coerced.value : void 0;
}
function textOf(raw) {
  return raw instanceof Date ? raw.toISOString() : String(raw);
}
async function readColumns(options, wanted) {
  const readOptions = { ...options.contract ? readOptionsFor(options.contract) : {}, ...options.readOptions };
  const source = await openTable(options.path, readOptions);
  const indexes = wanted.map((name) => {
    const index = source.columns.indexOf(name);
    if (index < 0) {
      throw new UserError(`column "${name}" is not in the file`, {
        file: options.path,
        line: source.headerLine,
        hint: `available columns: ${source.columns.map((column) => JSON.stringify(column)).join(", ")}`
      });
    }
    return index;
  });
  const aliases = wanted.map((name) => {
    const column = options.contract?.columns.find((candidate) => candidate.name === name);
    return column === void 0 ? void 0 : aliasMap(column);
  });
  const values = wanted.map(() => []);
  const lines = [];
  for await (const batch of source.batches()) {
    lines.push(...batch.lines);
    for (const [w, index] of indexes.entries()) {
      const column = batch.columns[index];
      const out = values[w];
      const alias = aliases[w];
      for (const raw of column) out.push(applyAlias(raw, alias));
    }
  }
  return { values: new Map(wanted.map((name, w) => [name, values[w]])), lines };
}
function inferKind(name, values, contract) {
  const type2 = contract?.columns.find((column) => column.name === name)?.type;
  if (type2 === "integer" || type2 === "number") return "numeric";
  if (type2 !== void 0) return "categorical";
  return values.every((raw) => numberOf(raw) !== void 0) ? "numeric" : "categorical";
}
function numericValues(name, values, lines, path, redactor) {
  const present = [];
  for (const [row, raw] of values.entries()) {
    const value = numberOf(raw);
    if (value === void 0) {
      throw new UserError(`column "${name}" is numeric but has the value ${JSON.stringify(redactor.value(name, showValue(raw)))}`, {
        file: path,
        line: lines[row],
        hint: `fix the value, add it to the null markers, or declare "${name}" categorical (kind: categorical)`
      });
    }
    if (value !== null) present.push(value);
  }
  return present;
}
function badImpute(name, kind, impute, path) {
  return new UserError(`feature "${name}" is ${kind} but has impute ${JSON.stringify(impute)}`, {
    file: path,
    hint: kind === "numeric" ? 'use impute "median", "mean" or a number, or declare the feature categorical' : 'use impute "most_frequent" or a category text, or declare the feature numeric'
  });
}
function fitNumeric(name, values, lines, path, redactor, impute = "median") {
  if (impute !== "median" && impute !== "mean" && typeof impute !== "number") throw badImpute(name, "numeric", impute, path);
  const present = numericValues(name, values, lines, path, redactor);
  if (present.length === 0)
    throw new UserError(`feature "${name}" has no values (every row is missing)`, {
      file: path,
      hint: `drop "${name}" from the features, or fix the file`
    });
  const sorted = Float64Array.from(present).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const std = Math.sqrt(squares / sorted.length);
  const fill = impute === "median" ? median : impute === "mean" ? mean : impute;
  return { name, kind: "numeric", median: fill, mean, std: std > 0 ? std : 1 };
}
function fitCategorical(name, values, topK, path, impute = "most_frequent") {
  if (impute === "median" || impute === "mean" || typeof impute === "number") throw badImpute(name, "categorical", impute, path);
  const counts = /* @__PURE__ */ new Map();
  for (const raw of values) {
    if (raw === null || typeof raw === "number" && Number.isNaN(raw)) continue;
    const text = textOf(raw);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  if (counts.size === 0)
    throw new UserError(`feature "${name}" has no values (every row is missing)`, {
      file: path,
      hint: `drop "${name}" from the features, or fix the file`
    });
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).map(([text]) => text);
  return { name, kind: "categorical", categories: ranked.slice(0, topK), fill: impute === "most_frequent" ? ranked[0] : impute };
}
function encode(features, columns, keep, width) {
  const x = new Float32Array(keep.length * width);
  let offset = 0;
  for (const [f, feature] of features.entries()) {
    const values = columns[f];
    if (feature.kind === "numeric") {
      for (const [out, row] of keep.entries()) {
        const value = numberOf(values[row]);
        x[out * width + offset] = ((value ?? feature.median) - feature.mean) / feature.std;
      }
      offset += 1;
    } else {
      const slots = new Map(feature.categories.map((category, slot) => [category, slot]));
      for (const [out, row] of keep.entries()) {
        const raw = values[row];
        const text = raw === null || typeof raw === "number" && Number.isNaN(raw) ? feature.fill : textOf(raw);
        x[out * width + offset + (slots.get(text) ?? feature.categories.length)] = 1;
      }
      offset += feature.categories.length + 1;
    }
  }
  return x;
}
function inferTask(labels, allNumeric) {
  if (labels.length === 2) return "binary";
  return allNumeric && labels.length > MAX_NUMERIC_CLASSES ? "regression" : "multiclass";
}
async function loadTabular(options) {
  const { path, target } = options;
  const featureNames = options.fitted ? options.fitted.features.map((feature) => feature.name) : options.features.map((feature) => feature.name);
  if (featureNames.includes(target))
    throw new UserError(`the target "${target}" is also listed as a feature`, { file: path, hint: "remove it from the features" });
  const { values, lines } = await readColumns(options, [...featureNames, target]);
  const redactor = redactorFor(options.contract);
  const targetValues = values.get(target);
  const keep = [];
  for (const [row, raw] of targetValues.entries()) if (raw !== null && !(typeof raw === "number" && Number.isNaN(raw))) keep.push(row);
  const labels = [...new Set(keep.map((row) => textOf(targetValues[row])))].sort(byCodeUnit);
  const allNumeric = keep.every((row) => typeof numberOf(targetValues[row]) === "number");
  const task = options.fitted?.task ?? options.task ?? inferTask(labels, allNumeric);
  let classes;
  if (task !== "regression") {
    classes = options.fitted?.classes ?? labels;
    if (!options.fitted && labels.length < 2) {
      throw new UserError(
        `the target "${target}" has ${labels.length === 0 ? "no values" : `a single class (${JSON.stringify(labels[0])})`}`,
        {
          file: path,
          hint: "a classifier needs at least two classes in the training data; check the target column and its aliases"
        }
      );
    }
    if (!options.fitted && task === "binary" && labels.length !== 2) {
      throw new UserError(`task binary needs 2 target classes; "${target}" has ${labels.length}`, {
        file: path,
        hint: "use task multiclass, or map labels with the contract's aliases"
      });
    }
  } else if (!allNumeric) {
    const row = keep.find((index) => typeof numberOf(targetValues[index]) !== "number");
    throw new UserError(
      `regression target "${target}" has the non-numeric value ${JSON.stringify(redactor.value(target, showValue(targetValues[row])))}`,
      {
        file: path,
        line: lines[row],
        hint: "use a classification task, or fix the value"
      }
    );
  }
  const features = options.fitted?.features ?? options.features.map((request) => {
    const column = values.get(request.name);
    const kind = request.kind ?? inferKind(request.name, column, options.contract);
    return kind === "numeric" ? fitNumeric(request.name, column, lines, path, redactor, request.impute) : fitCategorical(request.name, column, request.topK ?? DEFAULT_TOP_K, path, request.impute);
  });
  if (options.fitted) {
    for (const feature of features)
      if (feature.kind === "numeric") numericValues(feature.name, values.get(feature.name), lines, path, redactor);
  }
  const y = new Float32Array(keep.length);
  if (classes) {
    const index = new Map(classes.map((label, position) => [label, position]));
    for (const [out, row] of keep.entries()) {
      const label = textOf(targetValues[row]);
      const position = index.get(label);
      if (position === void 0) {
        throw new UserError(
          `target "${target}" has the label ${JSON.stringify(label)}, not seen in training (${classes.map((name) => JSON.stringify(name)).join(", ")})`,
          {
            file: path,
            line: lines[row],
            hint: "map it to a training label with the contract's aliases, or fix the file"
          }
        );
      }
      y[out] = position;
    }
  } else {
    for (const [out, row] of keep.entries()) y[out] = numberOf(targetValues[row]);
  }
  const width = featureWidth(features);
  const x = encode(
    features,
    featureNames.map((name) => values.get(name)),
    keep,
    width
  );
  return { path, target, task, classes, features, rows: keep.length, skippedRows: targetValues.length - keep.length, width, x, y };
}

// src/train/train-config.ts
import { dirname, relative, resolve } from "node:path";
async function loadTrainConfig(file, cwd = process.cwd()) {
  const source = await readYamlFile(resolve(cwd, file), "train config");
  const document = assertValid(train_config_schema_default, source.data, { file, what: "train config", source });
  const base = dirname(resolve(cwd, file));
  const path = (value) => relative(cwd, resolve(base, value)) || ".";
  return {
    file,
    data: {
      train: path(document.data.train),
      ...document.data.valid === void 0 ? {} : { valid: path(document.data.valid) },
      ...document.data.test === void 0 ? {} : { test: path(document.data.test) },
      ...document.data.contract === void 0 ? {} : { contract: path(document.data.contract) }
    },
    target: document.target,
    task: document.task,
    features: document.features.map(
      (feature) => typeof feature === "string" ? { name: feature } : { name: feature.name, kind: feature.kind, topK: feature.top_k, impute: feature.impute }
    ),
    model: {
      kind: document.model?.kind ?? "mlp",
      layers: document.model?.layers,
      activation: document.model?.activation,
      dropout: document.model?.dropout,
      ...document.model?.backend === void 0 ? {} : { backend: document.model.backend }
    },
    epochs: document.epochs ?? 20,
    batchSize: document.batch_size ?? 256,
    learningRate: document.learning_rate ?? 1e-3,
    validationSplit: document.validation_split ?? 0.2,
    earlyStopping: document.early_stopping === void 0 ? void 0 : {
      patience: document.early_stopping.patience,
      minDelta: document.early_stopping.min_delta ?? 0,
      monitor: document.early_stopping.monitor ?? "val_loss"
    },
    seed: document.seed ?? 42
  };
}

// src/train/trainer.ts
var TRAIN_BACKENDS = ["modelship-js", "tfjs"];
var DEFAULT_HIDDEN = [32, 16];
function invalid(problem, hint) {
  return new UserError(problem, { hint });
}
function checkOptions(options) {
  const { model } = options;
  if (model.kind !== "linear" && model.kind !== "mlp")
    throw invalid(`unknown model kind ${JSON.stringify(model.kind)}`, 'use "linear" or "mlp"');
  if (model.backend !== void 0 && !TRAIN_BACKENDS.includes(model.backend))
    throw invalid(
      `unknown training backend ${JSON.stringify(model.backend)}`,
      `use ${TRAIN_BACKENDS.map((name) => `"${name}"`).join(" or ")}`
    );
  if (!Number.isInteger(options.epochs) || options.epochs < 1)
    throw invalid(`epochs must be a positive integer, not ${options.epochs}`, "set epochs to e.g. 20");
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
    throw invalid(`batch_size must be a positive integer, not ${options.batchSize}`, "set batch_size to e.g. 64");
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate))
    throw invalid(`learning_rate must be a positive number, not ${options.learningRate}`, "set learning_rate to e.g. 0.001");
  if (!(options.validationSplit >= 0 && options.validationSplit < 1))
    throw invalid(`validation_split must be in [0, 1), not ${options.validationSplit}`, "set validation_split to e.g. 0.2");
  const dropout = model.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1))
    throw invalid(`dropout must be in [0, 1), not ${dropout}`, "set dropout to e.g. 0.1, or leave it out");
  for (const width of model.layers ?? [])
    if (!Number.isInteger(width) || width < 1)
      throw invalid(`layer widths must be positive integers, not ${width}`, "e.g. layers: [32, 16]");
  const stopping = options.earlyStopping;
  if (stopping && (!Number.isInteger(stopping.patience) || stopping.patience < 1))
    throw invalid(`early stopping patience must be a positive integer, not ${stopping.patience}`, "e.g. patience: 3");
  if (stopping && !((stopping.minDelta ?? 0) >= 0))
    throw invalid(`early stopping min_delta must be \u2265 0, not ${stopping.minDelta}`, "e.g. min_delta: 0.001");
  const validation = options.validation;
  if (validation && (validation.width !== options.data.width || validation.task !== options.data.task)) {
    throw new Error(
      `validation data from ${validation.path} is not encoded like ${options.data.path}; load it with loadTabular({ fitted })`
    );
  }
}
function architecture(options) {
  const { data, model } = options;
  const hidden = model.kind === "mlp" ? model.layers ?? DEFAULT_HIDDEN : [];
  const outputs = data.task === "multiclass" ? data.classes.length : 1;
  const last = data.task === "binary" ? "sigmoid" : data.task === "multiclass" ? "softmax" : "linear";
  const widths = [data.width, ...hidden, outputs];
  return widths.slice(1).map((units, index) => ({ inputs: widths[index], units, activation: index === hidden.length ? last : model.activation ?? "relu" }));
}
function glorotUniform(inputs, units, seed) {
  const random = mulberry32(seed);
  const limit = Math.sqrt(6 / (inputs + units));
  const weights = new Float32Array(inputs * units);
  for (let i = 0; i < weights.length; i++) weights[i] = (random() * 2 - 1) * limit;
  return weights;
}
function layoutOf(shapes) {
  const last = shapes.at(-1).activation;
  const hidden = shapes.length > 1 && shapes[0].activation === "tanh" ? "tanh" : "relu";
  return mlpLayout(
    [shapes[0].inputs, ...shapes.map((shape) => shape.units)],
    hidden,
    last === "sigmoid" ? "sigmoid" : last === "softmax" ? "softmax" : "mse"
  );
}
function modelshipEngine(setup) {
  const { shapes } = setup;
  const layout = layoutOf(shapes);
  const pool = MlpPool.start({
    layout,
    datasets: [setup.data, setup.validData],
    rowsets: [setup.trainRows, setup.validRows],
    batchSize: setup.batchSize,
    threads: setup.threads ?? threadCount(),
    learningRate: setup.learningRate
  });
  const { params } = pool.shared;
  for (const [l, weights] of setup.initialWeights.entries()) params.set(weights, layout.weightOffsets[l]);
  return {
    name: "modelship-js",
    package: "modelship",
    threads: pool.threads,
    masks: pool.shared.masks,
    trainRows: pool.shared.rowsets[0],
    passes: pool.passes,
    step: (offset, length, masked) => pool.step(0, 0, offset, length, masked),
    evaluate: (dataset, rowset, length) => pool.evaluate(dataset, rowset, 0, length),
    snapshot: () => ({
      weights: shapes.map(
        (shape, l) => Float32Array.from(params.subarray(layout.weightOffsets[l], layout.weightOffsets[l] + shape.inputs * shape.units))
      ),
      biases: shapes.map((shape, l) => Float32Array.from(params.subarray(layout.biasOffsets[l], layout.biasOffsets[l] + shape.units)))
    }),
    close: () => pool.close()
  };
}
function predictRows(model, x) {
  const inputs = model.layers[0].inputs;
  const rows = x.length / inputs;
  const outputs = model.layers.at(-1).units;
  const result = new Float32Array(rows * outputs);
  let input = new Float64Array(inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) input[i] = x[r * inputs + i];
    let values = input;
    for (const layer of model.layers) {
      const out = new Float64Array(layer.units);
      out.set(layer.bias);
      for (let i = 0; i < layer.inputs; i++) {
        const a = values[i];
        if (a === 0) continue;
        for (let j = 0; j < layer.units; j++) out[j] = out[j] + a * layer.weights[i * layer.units + j];
      }
      if (layer.activation === "relu") for (let j = 0; j < out.length; j++) out[j] = Math.max(0, out[j]);
      else if (layer.activation === "tanh") for (let j = 0; j < out.length; j++) out[j] = Math.tanh(out[j]);
      else if (layer.activation === "sigmoid") for (let j = 0; j < out.length; j++) out[j] = 1 / (1 + Math.exp(-out[j]));
      else if (layer.activation === "softmax") {
        let max = -Infinity;
        for (const v of out) max = Math.max(max, v);
        let total = 0;
        for (let j = 0; j < out.length; j++) {
          out[j] = Math.exp(out[j] - max);
          total += out[j];
        }
        for (let j = 0; j < out.length; j++) out[j] = out[j] / total;
      }
      values = out;
    }
    result.set(values, r * outputs);
    input = new Float64Array(inputs);
  }
  return result;
}
async function trainModel(options) {
  checkOptions(options);
  const { data, logger, seed } = options;
  const shapes = architecture(options);
  const dropout = options.model.kind === "mlp" ? options.model.dropout ?? 0 : 0;
  const order = shuffleInPlace(
    Int32Array.from({ length: data.rows }, (_, i) => i),
    mulberry32(streamSeed(seed, 1))
  );
  const validationCount = options.validation ? 0 : Math.min(Math.floor(data.rows * options.validationSplit), data.rows - 1);
  const trainRows = order.slice(0, data.rows - validationCount);
  const validRows = options.validation ? Int32Array.from({ length: options.validation.rows }, (_, i) => i) : order.slice(data.rows - validationCount);
  const hasValidation = options.validation !== void 0 || validationCount > 0;
  if (trainRows.length === 0)
    throw new UserError(`${data.path} has no rows with a target to train on`, { file: data.path, hint: "check the target column" });
  if (options.validation && validRows.length === 0)
    throw new UserError(`the validation file ${options.validation.path} has no rows with a target`, {
      file: options.validation.path,
      hint: "check the target column, or leave data.valid out to split the training data"
    });
  const setup = {
    shapes,
    initialWeights: shapes.map((shape, l) => glorotUniform(shape.inputs, shape.units, streamSeed(seed, 100 + l))),
    data,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    ...options.threads === void 0 ? {} : { threads: options.threads },
    trainRows,
    validRows,
    validData: options.validation ?? data
  };
  const engine = options.model.backend === "tfjs" ? await (await import("./tfjs-backend-NEYNPP24.js")).tfjsEngine(setup) : modelshipEngine(setup);
  logger.info(
    engine.name === "modelship-js" ? `training backend: modelship-js (${engine.threads} thread${engine.threads === 1 ? "" : "s"}; MODELSHIP_THREADS sets it)` : `training backend: TensorFlow.js ${engine.name} (${engine.package})${engine.name === "tensorflow" ? "" : "; installing @tensorflow/tfjs-node trains faster"}`
  );
  const shuffleRandom = mulberry32(streamSeed(seed, 2));
  const dropoutRandom = mulberry32(streamSeed(seed, 3));
  const maskWidth = shapes.slice(0, -1).reduce((sum, shape) => sum + shape.units, 0);
  const classification = data.task !== "regression";
  const history = [];
  let best;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      shuffleInPlace(engine.trainRows, shuffleRandom);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < trainRows.length; start += options.batchSize) {
        const length = Math.min(options.batchSize, trainRows.length - start);
        if (dropout > 0) {
          const masks = engine.masks;
          const keep = 1 / (1 - dropout);
          for (let i = 0; i < length * maskWidth; i++) masks[i] = dropoutRandom() >= dropout ? keep : 0;
        }
        const batch = await engine.step(start, length, dropout > 0);
        lossSum += batch.loss;
        correct += batch.correct;
        options.onProgress?.({ epoch, epochs: options.epochs, rows: start + length, totalRows: trainRows.length });
      }
      const record = { epoch, loss: lossSum / trainRows.length };
      if (!Number.isFinite(Math.fround(record.loss))) {
        const what = Number.isNaN(record.loss) ? "NaN" : "too large for float32";
        throw new UserError(`loss became ${what} at epoch ${epoch}; lower learning_rate (now ${options.learningRate})`, {
          hint: "try a learning_rate 10\xD7 smaller, fewer or narrower layers, or check the features for extreme values"
        });
      }
      if (classification) record.accuracy = correct / trainRows.length;
      if (hasValidation) {
        const score = await engine.evaluate(options.validation ? 1 : 0, 1, validRows.length);
        record.val_loss = score.loss / validRows.length;
        if (classification) record.val_accuracy = score.correct / validRows.length;
      }
      history.push(record);
      const seconds2 = (performance.now() - started) / 1e3;
      const metrics = Object.entries(record).filter(([key]) => key !== "epoch").map(([key, value]) => `${key} ${value.toFixed(4)}`).join(", ");
      logger.info(`epoch ${epoch}/${options.epochs}: ${metrics} (${seconds2.toFixed(2)} s)`);
      options.onEpoch?.(record);
      const stopping = options.earlyStopping;
      const monitored = stopping?.monitor === "loss" ? record.loss : record.val_loss ?? record.loss;
      if (stopping) {
        if (best === void 0 || monitored < best.loss - (stopping.minDelta ?? 0)) {
          best = { loss: monitored, epoch, ...engine.snapshot() };
        } else if (epoch - best.epoch >= stopping.patience) {
          logger.info(
            `early stopping after epoch ${epoch}: no better ${stopping.monitor === "loss" || record.val_loss === void 0 ? "loss" : "val_loss"} since epoch ${best.epoch}; keeping its weights`
          );
          break;
        }
      }
    }
    const final = best ?? engine.snapshot();
    const layers = shapes.map((shape, l) => ({
      inputs: shape.inputs,
      units: shape.units,
      weights: final.weights[l],
      bias: final.biases[l],
      activation: shape.activation
    }));
    const model = { task: data.task, target: data.target, features: data.features, layers };
    if (data.classes) model.classes = data.classes;
    return {
      model,
      history,
      bestEpoch: best?.epoch ?? history.length,
      backend: engine.name,
      package: engine.package,
      ...engine.threads === void 0 ? {} : { threads: engine.threads },
      ...engine.passes === void 0 ? {} : { passes: { ...engine.passes } },
      rows: { train: trainRows.length, valid: validRows.length }
    };
  } finally {
    await engine.close();
  }
}

// src/train/builtin-train.ts
function heldOutMetrics(model, data) {
  const predictions = predictRows(model, data.x);
  if (model.task === "regression") {
    let squared = 0;
    for (let row = 0; row < data.rows; row++) squared += (predictions[row] - data.y[row]) ** 2;
    return { test_rmse: Math.sqrt(squared / data.rows) };
  }
  const classes = model.classes.length;
  let correct = 0;
  for (let row = 0; row < data.rows; row++) {
    let predicted;
    if (model.task === "binary") predicted = predictions[row] >= 0.5 ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < classes; c++) if (predictions[row * classes + c] > predictions[row * classes + predicted]) predicted = c;
    }
    if (predicted === data.y[row]) correct++;
  }
  return { test_accuracy: correct / data.rows };
}
var PARAM_NAMES = [
  "epochs",
  "batch_size",
  "learning_rate",
  "lr",
  "validation_split",
  "seed",
  "dropout",
  "layers",
  "activation",
  "kind"
];
function paramNumber(name, value, check, what) {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || !check(x))
    throw new UserError(`parameter ${name}=${value} is not ${what}`, {
      hint: `give ${name} as ${what}, e.g. --param ${name}=${name === "learning_rate" || name === "lr" ? "0.01" : name === "dropout" || name === "validation_split" ? "0.2" : "32"}`
    });
  return x;
}
function withParams(config, params) {
  const next = { ...config, model: { ...config.model } };
  const positive = (x) => x > 0;
  const whole = (x) => Number.isInteger(x) && x > 0;
  for (const [name, value] of Object.entries(params)) {
    switch (name) {
      case "epochs":
        next.epochs = paramNumber(name, value, whole, "a whole number \u2265 1");
        break;
      case "batch_size":
        next.batchSize = paramNumber(name, value, whole, "a whole number \u2265 1");
        break;
      case "learning_rate":
      case "lr":
        next.learningRate = paramNumber(name, value, positive, "a number > 0");
        break;
      case "validation_split":
        next.validationSplit = paramNumber(name, value, (x) => x >= 0 && x < 1, "a share in [0, 1)");
        break;
      case "seed":
        next.seed = paramNumber(name, value, (x) => Number.isInteger(x) && x >= 0, "a whole number \u2265 0");
        break;
      case "dropout":
        next.model.dropout = paramNumber(name, value, (x) => x >= 0 && x < 1, "a share in [0, 1)");
        break;
      case "layers":
        next.model.layers = value.split(",").map((part) => paramNumber(name, part.trim(), whole, "whole numbers \u2265 1 separated by commas"));
        break;
      case "activation":
        if (value !== "relu" && value !== "tanh")
          throw new UserError(`parameter activation=${value} is not relu or tanh`, { hint: "give --param activation=relu or tanh" });
        next.model.activation = value;
        break;
      case "kind":
        if (value !== "mlp" && value !== "linear")
          throw new UserError(`parameter kind=${value} is not mlp or linear`, { hint: "give --param kind=mlp or linear" });
        next.model.kind = value;
        break;
      default:
        throw new UserError(`the built-in trainer has no parameter "${name}"`, {
          file: config.file,
          hint: `a sweep can set ${PARAM_NAMES.join(", ")}; other parameters reach only a training command (train.command) as MODELSHIP_PARAM_*`
        });
    }
  }
  return next;
}
function builtinTrainer(options) {
  return async (outputDir) => {
    const { logger, cwd } = options;
    const loaded = withParams(await loadTrainConfig(options.configPath, cwd), options.params ?? {});
    const config = options.seed === void 0 ? loaded : { ...loaded, seed: options.seed };
    const contract = config.data.contract === void 0 ? void 0 : await loadContract(resolve2(cwd, config.data.contract));
    const train = await loadTabular({
      path: resolve2(cwd, config.data.train),
      contract,
      features: config.features,
      target: config.target,
      task: config.task
    });
    const withTrainEncoding = async (path) => path === void 0 ? void 0 : await loadTabular({ path: resolve2(cwd, path), contract, features: config.features, target: config.target, fitted: train });
    const valid = await withTrainEncoding(config.data.valid);
    const test = await withTrainEncoding(config.data.test);
    logger.info(
      `Training on ${train.rows} rows (${train.skippedRows} without a label skipped), ${train.features.length} features \u2192 ${train.width} inputs, task ${train.task}.`
    );
    const result = await trainModel({
      data: train,
      model: config.model,
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      validationSplit: config.validationSplit,
      ...valid === void 0 ? {} : { validation: valid },
      earlyStopping: config.earlyStopping,
      seed: config.seed,
      logger,
      // Drawn by the face (the CLI's bar on a terminal, outside CI); nothing elsewhere: one log line per epoch.
      onProgress: (progress) => {
        reportProgress({
          task: `epoch ${progress.epoch}/${progress.epochs}`,
          done: progress.rows,
          total: progress.totalRows,
          unit: "rows"
        });
      }
    });
    const best = result.history[result.bestEpoch - 1] ?? result.history.at(-1);
    const metrics = {};
    for (const [name, value] of Object.entries(best ?? {})) if (name !== "epoch" && typeof value === "number") metrics[name] = value;
    if (test !== void 0) Object.assign(metrics, heldOutMetrics(result.model, test));
    await writeFileAtomic(join(outputDir, "model.onnx"), exportOnnx(result.model, { producerVersion: options.toolVersion }));
    return {
      configFile: { ...await fingerprintFile(resolve2(cwd, config.file)), path: config.file },
      seed: config.seed,
      params: {
        task: train.task,
        model: config.model.kind,
        layers: config.model.layers ?? null,
        activation: config.model.activation ?? "relu",
        dropout: config.model.dropout ?? 0,
        epochs: config.epochs,
        batch_size: config.batchSize,
        learning_rate: config.learningRate,
        ...valid === void 0 ? { validation_split: config.validationSplit } : {},
        best_epoch: result.bestEpoch
      },
      metrics,
      history: result.history.map(
        (entry) => Object.fromEntries(Object.entries(entry).filter((pair) => typeof pair[1] === "number"))
      ),
      dataPaths: [config.data.train, ...[config.data.valid, config.data.test].filter((path) => path !== void 0)],
      ...config.data.contract === void 0 ? {} : { contractPath: config.data.contract },
      backend: { name: result.backend, package: result.package, ...result.threads === void 0 ? {} : { threads: result.threads } }
    };
  };
}

// src/train/run-record-text.ts
var TEXT_METRICS = 8;
function backendLabel(backend) {
  if (backend.name === "modelship-js")
    return `modelship-js backend${backend.threads === void 0 ? "" : `, ${backend.threads} thread${backend.threads === 1 ? "" : "s"}`}`;
  return `TensorFlow.js ${backend.name} backend`;
}
function trainer(record) {
  if (record.mode === "command") return `command ${printable(JSON.stringify(record.command ?? ""))}`;
  const config = record.config?.path === void 0 ? "" : ` (${printable(record.config.path)})`;
  const backend = record.backend === void 0 ? "" : `, ${printable(backendLabel(record.backend))}`;
  return `the built-in trainer${config}${backend}`;
}
function epochs(record) {
  const ran = record.history.length;
  if (ran === 0) return void 0;
  const planned = record.params.epochs;
  const best = record.params.best_epoch;
  const parts = [typeof planned === "number" && planned > ran ? `${ran} of ${planned} epochs (stopped early)` : plural(ran, "epoch")];
  if (typeof best === "number" && best !== ran) parts.push(`best ${best}`);
  return parts.length === 1 ? parts[0] : `${parts[0]}, ${parts[1]}`;
}
function seconds(value) {
  return value < 60 ? `${significant(value, 3)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}
function gpuLines(record, options) {
  const { gpu } = record;
  if (gpu.devices.length === 0) return [`  GPU: none${gpu.reason === void 0 ? "" : ` (${printable(gpu.reason)})`}`];
  return gpu.devices.map((device) => {
    const usage = gpu.utilization.find((entry) => entry.index === device.index);
    const used = usage === void 0 ? "" : `: ${usage.meanUtilizationPercent}% mean, ${usage.maxUtilizationPercent}% peak utilization, ${usage.maxMemoryUsedMiB.toLocaleString("en-US")} of ${device.memoryTotalMiB.toLocaleString("en-US")} MiB peak`;
    return `  GPU ${device.index}: ${paint(options, "bold", printable(device.name))}${used}`;
  });
}
function renderRunRecordText(result, options) {
  const { record } = result;
  const how = [trainer(record), epochs(record), `in ${seconds(record.timing.wallSeconds)}`].filter((part) => part !== void 0);
  const lines = [`${mark(options, "pass")} ${paint(options, "bold", "Trained")} with ${how.join(", ")}`];
  if (options.quiet) return lines.join("\n");
  const metrics = Object.entries(record.metrics);
  if (metrics.length === 0) lines.push(`  ${mark(options, "warn")} the run reported no metrics`);
  else {
    const shown = options.verbose ? metrics : metrics.slice(0, TEXT_METRICS);
    const more = metrics.length - shown.length;
    lines.push(
      `  metrics: ${shown.map(([name, value]) => `${printable(name)} ${paint(options, "bold", significant(value))}`).join(", ")}${more > 0 ? ` and ${more} more` : ""}`
    );
  }
  lines.push(...gpuLines(record, options));
  const file = record.model.file;
  lines.push(
    `  model: ${paint(options, "cyan", printable(result.modelPath ?? file.path))} (sha256 ${shortSha(file.sha256)}, ${bytes(file.bytes)}; ${plural(record.model.inputs.length, "input")}, ${plural(record.model.outputs.length, "output")})`
  );
  if (options.verbose) {
    const params = Object.entries(record.params);
    if (params.length > 0)
      lines.push(
        `  params: ${params.map(([name, value]) => `${printable(name)}=${printable(JSON.stringify(value) ?? "null")}`).join(", ")}`
      );
    if (record.seed !== void 0) lines.push(`  seed: ${record.seed}`);
    for (const data of [...record.data.files, ...record.data.contract === void 0 ? [] : [record.data.contract]])
      lines.push(`  data: ${printable(data.path)} (sha256 ${shortSha(data.sha256)}, ${bytes(data.bytes)})`);
    if (record.git.sha !== void 0)
      lines.push(`  commit: ${printable(record.git.sha.slice(0, 12))}${record.git.dirty === true ? " (dirty)" : ""}`);
  }
  return lines.join("\n");
}

// src/train/run-markdown.ts
function signatureRows(values) {
  return values.map((value) => [code(value.name), value.type, value.shape === void 0 ? "" : `[${value.shape.join(", ")}]`]);
}
function historyChart(record) {
  const history = record.history.filter((entry) => typeof entry.loss === "number");
  if (history.length < 2) return void 0;
  const series = [{ kind: "line", values: history.map((entry) => entry.loss) }];
  if (history.every((entry) => typeof entry.val_loss === "number"))
    series.push({ kind: "line", values: history.map((entry) => entry.val_loss) });
  return xyChart({
    title: series.length > 1 ? "loss and val_loss per epoch" : "loss per epoch",
    x: history.map((entry, index) => String(entry.epoch ?? entry.step ?? index + 1)),
    yLabel: "loss",
    series
  });
}
function renderRunSummary(record, options = {}) {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const what = record.mode === "command" ? `command ${code(record.command ?? "")}` : `the built-in trainer (${code(record.config?.path ?? "")}, ${record.backend === void 0 ? "unknown backend" : escapeMarkdown(backendLabel(record.backend))})`;
  const gpu = record.gpu.devices.length === 0 ? `No GPU (${escapeMarkdown(record.gpu.reason ?? "none found")}).` : table(
    ["GPU", "memory", "mean util.", "peak util.", "peak memory"],
    record.gpu.devices.map((device) => {
      const usage = record.gpu.utilization.find((entry) => entry.index === device.index);
      return [
        `${device.index}: ${escapeMarkdown(device.name)}`,
        `${formatNumber(device.memoryTotalMiB, 0)} MiB`,
        usage === void 0 ? "" : `${usage.meanUtilizationPercent}%`,
        usage === void 0 ? "" : `${usage.maxUtilizationPercent}%`,
        usage === void 0 ? "" : `${formatNumber(usage.maxMemoryUsedMiB, 0)} MiB`
      ];
    })
  );
  const metrics = Object.keys(record.metrics).length === 0 ? "_The run reported no metrics._" : table(
    ["metric", "value"],
    Object.entries(record.metrics).map(([name, value]) => [code(name), formatNumber(value)]),
    { align: ["left", "right"] }
  );
  const params = Object.keys(record.params).length === 0 ? void 0 : details(
    "Parameters",
    table(
      ["parameter", "value"],
      Object.entries(record.params).map(([name, value]) => [code(name), escapeMarkdown(JSON.stringify(value))])
    )
  );
  const signature = details(
    "Model signature",
    sections(
      table(["input", "type", "shape"], signatureRows(record.model.inputs)),
      table(["output", "type", "shape"], signatureRows(record.model.outputs))
    )
  );
  const data = details(
    "Data fingerprints",
    table(
      ["file", "sha256", "bytes"],
      [...record.data.files, ...record.data.contract === void 0 ? [] : [record.data.contract]].map((file) => [
        code(file.path),
        code(file.sha256.slice(0, 12)),
        formatNumber(file.bytes, 0)
      ])
    )
  );
  const footer = [
    `${record.timing.wallSeconds} s`,
    record.git.sha === void 0 ? void 0 : `commit ${code(record.git.sha.slice(0, 7))}${record.git.dirty === true ? " (dirty)" : ""}`,
    record.run?.url === void 0 ? void 0 : `[workflow run](${record.run.url})`,
    `${escapeMarkdown(record.runner.os)}, ${record.runner.cpus} CPUs`,
    record.container === void 0 ? void 0 : `container ${code(record.container.image)}`,
    record.gpu.cudaToolkit === void 0 ? void 0 : `CUDA ${escapeMarkdown(record.gpu.cudaToolkit.version)}`,
    `modelship ${record.tool.version}`
  ].filter((part) => part !== void 0).join(" \xB7 ");
  return sections(
    `${hashes} Training run`,
    `Trained with ${what}; model ${code(record.model.file.sha256.slice(0, 12))} (${formatNumber(record.model.file.bytes, 0)} bytes).`,
    metrics,
    historyChart(record),
    gpu,
    params,
    signature,
    data,
    `<sub>${footer}</sub>`
  );
}

// src/train/run-training.ts
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname as dirname2, join as join2, resolve as resolve3 } from "node:path";

// schemas/train-metrics.schema.json
var train_metrics_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/train-metrics.schema.json",
  title: "modelship training metrics",
  description: `What a user's training command may write as metrics.json beside model.onnx in MODELSHIP_OUTPUT_DIR; modelship copies it into the run record. Two forms: flat, every value a number ({"loss": 0.1, "val_accuracy": 0.86}); or wrapped, when there are params or history too ({"metrics": {\u2026}, "params": {\u2026}, "history": [\u2026]}). A file with a metrics, params or history key is read as the wrapped form.`,
  type: "object",
  properties: {
    version: { $ref: "#/$defs/version", description: "Format version of this file; absent is 1." }
  },
  if: { propertyNames: { not: { enum: ["metrics", "params", "history"] } } },
  then: { $ref: "#/$defs/flat" },
  else: { $ref: "#/$defs/wrapped" },
  $defs: {
    version: {
      description: "Format version of this file (docs/compatibility.md), in either form; never a metric. Only 1 exists; a file without it is read as version 1.",
      const: 1
    },
    flat: {
      description: 'Final metrics by name, each a number, e.g. {"loss": 0.1, "val_accuracy": 0.86}.',
      type: "object",
      properties: {
        $schema: { description: "Optional link to this schema, for editors.", type: "string" },
        version: { $ref: "#/$defs/version", description: "Format version of this file; absent is 1." }
      },
      additionalProperties: { type: "number", description: "A metric's value." }
    },
    wrapped: {
      description: "Metrics with the run's hyperparameters and per-epoch history.",
      type: "object",
      additionalProperties: false,
      required: ["metrics"],
      properties: {
        $schema: { description: "Optional link to this schema, for editors.", type: "string" },
        version: { $ref: "#/$defs/version", description: "Format version of this file; absent is 1." },
        metrics: {
          description: 'Final metrics by name, e.g. {"val_accuracy": 0.86}.',
          type: "object",
          additionalProperties: { type: "number", description: "A metric's value." }
        },
        params: {
          description: "Hyperparameters the run used, by name.",
          type: "object",
          additionalProperties: { description: "A parameter's value.", type: ["number", "string", "boolean", "null"] }
        },
        history: {
          description: "Metrics per epoch or step, in order.",
          type: "array",
          items: {
            description: "One epoch or step: its number and metrics.",
            type: "object",
            additionalProperties: { type: "number", description: "A metric's value." },
            properties: {
              epoch: { description: "Epoch number, from 1.", type: "integer", minimum: 0 },
              step: { description: "Step number.", type: "integer", minimum: 0 }
            }
          }
        }
      }
    }
  }
};

// src/train/container-image.ts
var TRAIN_IMAGE_VARIABLE = "MODELSHIP_TRAIN_IMAGE";
var PINNED = /@(sha256:[0-9a-f]{64})$/;
function imageDigest(reference) {
  return PINNED.exec(reference.trim())?.[1];
}
function trainContainer(env = process.env) {
  const image = env[TRAIN_IMAGE_VARIABLE]?.trim() ?? "";
  if (image === "") return void 0;
  const digest = imageDigest(image);
  return digest === void 0 ? { image } : { image, digest };
}

// src/train/gpu.ts
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { promisify } from "node:util";

// src/train/run-command.ts
import { spawn } from "node:child_process";
var TAIL_LINES = 20;
var LineTail = class {
  lines = [];
  #each;
  #partial = "";
  constructor(each) {
    this.#each = each;
  }
  push(chunk) {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? "";
    for (const line of parts) this.#keep(line);
  }
  end() {
    if (this.#partial !== "") this.#keep(this.#partial);
    this.#partial = "";
  }
  #keep(line) {
    this.#each(line);
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }
};
var WITHHELD_NAMES = /* @__PURE__ */ new Set([
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_URL",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "GH_ENTERPRISE_TOKEN",
  "GITHUB_ENTERPRISE_TOKEN"
]);
var WITHHELD_PATTERNS = [/^INPUT_/, /^ACTIONS_RUNTIME_/, /^ACTIONS_ID_TOKEN_/, /^MODELSHIP_.*TOKEN/];
function isWithheldVariable(name) {
  const upper = name.toUpperCase();
  return WITHHELD_NAMES.has(upper) || WITHHELD_PATTERNS.some((pattern) => pattern.test(upper));
}
function withheldVariables(env) {
  const kept = {};
  const withheld = [];
  for (const [name, value] of Object.entries(env)) {
    if (isWithheldVariable(name)) withheld.push(name);
    else kept[name] = value;
  }
  return { env: kept, withheld: withheld.sort() };
}
async function runCommand(options) {
  const { command, logger } = options;
  const { env, withheld } = withheldVariables(options.env);
  if (withheld.length > 0) logger.info(`Withheld from the training command's environment: ${withheld.join(", ")}`);
  const started = performance.now();
  const child = spawn("bash", ["-e", "-o", "pipefail", "-c", command], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"]
  });
  const tail = new LineTail((line) => {
    logger.info(line);
  });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    tail.push(chunk);
  });
  child.stderr.on("data", (chunk) => {
    tail.push(chunk);
  });
  const { code: code2, signal } = await new Promise((resolve5, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, exitSignal) => {
      resolve5({ code: exitCode, signal: exitSignal });
    });
  }).catch((error) => {
    throw new UserError(`could not start the training command: ${String(error)}`, { hint: "bash must be on PATH on the runner" });
  });
  tail.end();
  const seconds2 = (performance.now() - started) / 1e3;
  const last = tail.lines.length === 0 ? "(it printed nothing)" : `its last lines:
${tail.lines.map((line) => `    ${line}`).join("\n")}`;
  if (signal !== null) {
    const why = signal === "SIGKILL" ? " (SIGKILL: most often the kernel's out-of-memory killer; use a runner with more memory, or smaller batches)" : "";
    throw new UserError(`the training command was killed by ${signal}${why}; ${last}`, {
      hint: "check the runner's memory and time limits"
    });
  }
  if (code2 === 127)
    throw new UserError(`the training command was not found (exit 127): \`${command}\`; ${last}`, {
      hint: "check the command's spelling, and that its program is installed on the runner (and on PATH)"
    });
  if (code2 === 137)
    throw new UserError(`the training command was killed (exit 137, SIGKILL: most often out of memory); ${last}`, {
      hint: "use a runner with more memory, or train with smaller batches"
    });
  if (code2 !== 0)
    throw new UserError(`the training command failed with exit code ${code2}; ${last}`, {
      hint: "fix the error above; the full log is in this step's output"
    });
  return { seconds: seconds2 };
}

// src/train/gpu.ts
var run = promisify(execFile);
var QUERY = "index,uuid,name,memory.total,driver_version";
function parseNumber(text) {
  const value = Number(text?.trim());
  return Number.isFinite(value) ? value : 0;
}
function parseGpuList(csv) {
  return csv.split("\n").map((line) => line.trim()).filter((line) => line !== "").map((line) => {
    const [index, uuid, name, memory, driver] = line.split(",").map((field) => field.trim());
    return {
      index: parseNumber(index),
      uuid: uuid ?? "",
      name: name ?? "unknown",
      memoryTotalMiB: parseNumber(memory),
      driverVersion: driver ?? ""
    };
  });
}
function visibleGpus(gpus, cudaVisibleDevices) {
  if (cudaVisibleDevices === void 0) return gpus;
  const visible = [];
  for (const token of cudaVisibleDevices.split(",").map((part) => part.trim())) {
    const gpu = /^\d+$/.test(token) ? gpus.find((candidate) => candidate.index === Number(token)) : gpus.find((candidate) => token !== "" && candidate.uuid.startsWith(token));
    if (gpu === void 0) break;
    visible.push(gpu);
  }
  return visible;
}
async function detectGpus(env = process.env) {
  const cudaVisibleDevices = env.CUDA_VISIBLE_DEVICES;
  let listing;
  try {
    listing = (await run("nvidia-smi", [`--query-gpu=${QUERY}`, "--format=csv,noheader,nounits"], { env, timeout: 2e4 })).stdout;
  } catch (error) {
    const code2 = error.code;
    return {
      gpus: [],
      reason: code2 === "ENOENT" ? "nvidia-smi is not on PATH (no NVIDIA driver on this runner)" : `nvidia-smi failed: ${String(error.stderr ?? error).trim().split("\n")[0]}`,
      cudaVisibleDevices
    };
  }
  const all = parseGpuList(listing);
  const gpus = visibleGpus(all, cudaVisibleDevices);
  let cudaVersion;
  try {
    cudaVersion = /CUDA Version:\s*([\d.]+)/.exec((await run("nvidia-smi", [], { env, timeout: 2e4 })).stdout)?.[1];
  } catch {
    cudaVersion = void 0;
  }
  const reason = gpus.length > 0 ? void 0 : all.length === 0 ? "nvidia-smi lists no GPU" : `CUDA_VISIBLE_DEVICES=${cudaVisibleDevices ?? ""} hides all ${all.length} GPU(s)`;
  return { gpus, cudaVersion, reason, cudaVisibleDevices };
}
var CUDA_VERSION = /^\d+(\.\d+){0,3}$/;
async function detectCudaToolkit(env = process.env, options = {}) {
  const fromEnv = env.CUDA_VERSION?.trim();
  if (fromEnv !== void 0 && CUDA_VERSION.test(fromEnv)) return { version: fromEnv, source: "CUDA_VERSION" };
  if (options.torch !== true) return void 0;
  const { env: probeEnv } = withheldVariables(env);
  for (const python of ["python3", "python"]) {
    try {
      const { stdout } = await run(python, ["-c", "import torch; print(torch.version.cuda or '')"], {
        env: probeEnv,
        cwd: tmpdir(),
        timeout: 6e4
      });
      const version = stdout.trim();
      return CUDA_VERSION.test(version) ? { version, source: "torch" } : void 0;
    } catch (error) {
      if (error.code !== "ENOENT") return void 0;
    }
  }
  return void 0;
}
function assertGpuRequirement(detection, requireGpu, runner) {
  if (requireGpu !== "true" || detection.gpus.length > 0) return;
  const where = [
    runner.name === void 0 ? void 0 : `runner "${runner.name}"`,
    runner.labels === void 0 ? void 0 : `labels ${runner.labels}`
  ].filter(Boolean).join(", ");
  throw new UserError(
    `require-gpu is true but no GPU is available${where === "" ? "" : ` on ${where}`}: ${detection.reason ?? "none found"}`,
    {
      hint: "run the train job on a GPU runner (runs-on: [self-hosted, linux, gpu] or your GPU labels), or set require-gpu: auto to train on CPU"
    }
  );
}
var GpuSampler = class {
  samples = [];
  #indices;
  #env;
  #started = performance.now();
  #timer;
  #pending = Promise.resolve();
  constructor(options) {
    this.#indices = new Set(options.gpus.map((gpu) => gpu.index));
    this.#env = options.env ?? process.env;
    if (this.#indices.size === 0) return;
    let busy = false;
    const sample = () => {
      if (busy) return;
      busy = true;
      this.#pending = this.#sample().finally(() => {
        busy = false;
      });
    };
    sample();
    this.#timer = setInterval(sample, options.intervalMs ?? 5e3);
    this.#timer.unref();
  }
  async #sample() {
    try {
      const { stdout } = await run("nvidia-smi", ["--query-gpu=index,utilization.gpu,memory.used", "--format=csv,noheader,nounits"], {
        env: this.#env,
        timeout: 1e4
      });
      const t = Math.round((performance.now() - this.#started) / 100) / 10;
      for (const line of stdout.split("\n")) {
        const [index, utilization, memory] = line.split(",").map((field) => field.trim());
        if (index === void 0 || index === "" || !this.#indices.has(Number(index))) continue;
        this.samples.push({ t, index: Number(index), utilizationPercent: parseNumber(utilization), memoryUsedMiB: parseNumber(memory) });
      }
    } catch {
    }
  }
  /** Stops sampling (after one last sample) and returns the samples. */
  async stop() {
    if (this.#timer !== void 0) {
      clearInterval(this.#timer);
      this.#timer = void 0;
      await this.#pending;
      await this.#sample();
    }
    return this.samples;
  }
};
function summarizeSamples(samples) {
  const byGpu = /* @__PURE__ */ new Map();
  for (const sample of samples) byGpu.set(sample.index, [...byGpu.get(sample.index) ?? [], sample]);
  return [...byGpu.entries()].sort(([a], [b]) => a - b).map(([index, list]) => ({
    index,
    samples: list.length,
    meanUtilizationPercent: Math.round(list.reduce((sum, sample) => sum + sample.utilizationPercent, 0) / list.length * 10) / 10,
    maxUtilizationPercent: Math.max(...list.map((sample) => sample.utilizationPercent)),
    maxMemoryUsedMiB: Math.max(...list.map((sample) => sample.memoryUsedMiB))
  }));
}

// src/train/run-training.ts
var RUN_RECORD_SCHEMA = "modelship/run-record@1";
function paramVariable(name) {
  return `MODELSHIP_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join2(entry.parentPath, entry.name).slice(dir.length + 1)).sort();
}
var OUTPUT_DIR = "$MODELSHIP_OUTPUT_DIR";
var WRAPPED_KEYS = ["metrics", "params", "history"];
async function readMetrics(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return void 0;
    if (errnoCode(error) === "EISDIR")
      throw new UserError("is a folder, not a file", {
        file: `${OUTPUT_DIR}/metrics.json`,
        hint: "write metrics.json as a JSON file, or none"
      });
    throw error;
  }
  const shown = `${OUTPUT_DIR}/metrics.json`;
  const source = parseYamlSource(text, shown);
  const data = upgradeBySchema(train_metrics_schema_default, source.data, { file: shown, what: "metrics.json", source });
  try {
    return wrapMetrics(assertValid(train_metrics_schema_default, data, { file: shown, what: "metrics.json", source }));
  } catch (error) {
    if (!isUserError(error)) throw error;
    const keys = typeof data === "object" && data !== null && !Array.isArray(data) ? Object.keys(data) : [];
    const wrapped = keys.some((key) => WRAPPED_KEYS.includes(key));
    const form = wrapped ? 'with a metrics, params or history key it is read as the wrapped form {"metrics": {"loss": 0.1}, "params": {\u2026}, "history": [\u2026]}, which has no other keys; or write only numbers at the top level ({"loss": 0.1})' : 'without a metrics, params or history key it is read as the flat form, where every value is a metric and must be a number ({"loss": 0.1}); put other values under params in the wrapped form ({"metrics": {"loss": 0.1}, "params": {"model": "resnet18"}})';
    throw new UserError(error.problem, {
      file: error.file,
      line: error.line,
      column: error.column,
      hint: [form, error.hint].filter((part) => part !== void 0).join("; ")
    });
  }
}
function wrapMetrics(document) {
  if ("metrics" in document && typeof document.metrics === "object") return document;
  const metrics = {};
  for (const [name, value] of Object.entries(document)) if (typeof value === "number" && name !== "version") metrics[name] = value;
  return { metrics };
}
async function checkModelFile(path) {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    throw error;
  }
  if (info.isFile()) return;
  const what = info.isSymbolicLink() ? "a symbolic link" : info.isDirectory() ? "a folder" : "not a regular file";
  throw new UserError(`is ${what}, not the model file`, {
    file: `${OUTPUT_DIR}/model.onnx`,
    hint: `save the model itself as "${OUTPUT_DIR}/model.onnx" (a file, not a link or a folder)`
  });
}
async function runTraining(options) {
  const { logger } = options;
  const env = options.env ?? process.env;
  const detection = options.requireGpu === "false" ? { gpus: [], reason: "require-gpu is false: not looked for" } : await detectGpus(env);
  assertGpuRequirement(detection, options.requireGpu, { name: env.RUNNER_NAME, labels: options.runnerLabels });
  if (detection.gpus.length > 0)
    logger.info(
      `GPU: ${detection.gpus.map((gpu) => `${gpu.index}: ${gpu.name} (${gpu.memoryTotalMiB} MiB)`).join(", ")}${detection.cudaVersion === void 0 ? "" : `, CUDA ${detection.cudaVersion}`}`
    );
  else logger.info(`No GPU: ${detection.reason ?? "none found"}; training on CPU.`);
  const container = trainContainer(env);
  const cudaToolkit = await detectCudaToolkit(env, { torch: detection.gpus.length > 0 && "command" in options.run });
  if (container !== void 0)
    logger.info(
      `Container: ${container.image}${container.digest === void 0 ? " (no digest: the tag may have moved since)" : ""}${cudaToolkit === void 0 ? "" : `, CUDA ${cudaToolkit.version} (${cudaToolkit.source})`}`
    );
  const outputDir = resolve3(options.cwd, options.outputDir);
  const created = await mkdir(dirname2(outputDir), { recursive: true });
  let staging;
  try {
    staging = await mkdtemp(join2(dirname2(outputDir), `.${basename(outputDir)}.partial-`));
  } catch (error) {
    if (created !== void 0) await removeEmptyFolders(dirname2(outputDir), created);
    throw error;
  }
  try {
    const sampler = new GpuSampler({ gpus: detection.gpus, intervalMs: options.gpuSampleMs, env });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let builtin;
    try {
      if ("command" in options.run) {
        const params = options.params ?? {};
        const commandEnv = { ...env, MODELSHIP_OUTPUT_DIR: staging, MODELSHIP_PARAMS: JSON.stringify(params) };
        for (const [name, value] of Object.entries(params)) commandEnv[paramVariable(name)] = value;
        if (options.data?.train !== void 0) commandEnv.MODELSHIP_TRAIN_DATA = resolve3(options.cwd, options.data.train);
        if (options.data?.test !== void 0) commandEnv.MODELSHIP_TEST_DATA = resolve3(options.cwd, options.data.test);
        if (options.data?.contract !== void 0) commandEnv.MODELSHIP_CONTRACT = resolve3(options.cwd, options.data.contract);
        if (options.seed !== void 0) commandEnv.MODELSHIP_SEED = String(options.seed);
        await logger.group(
          `Train: ${options.run.command}`,
          () => runCommand({ command: options.run.command, cwd: options.cwd, env: commandEnv, logger })
        );
      } else {
        builtin = await options.run.builtin(staging);
        if (detection.gpus.length > 0 && builtin.backend.package !== "@tensorflow/tfjs-node-gpu")
          logger.info(
            `The built-in trainer did not use the GPU: it trained on the CPU with ${builtin.backend.name} (${builtin.backend.package}). Only TensorFlow.js with @tensorflow/tfjs-node-gpu (train.yaml's model.backend: tfjs, and the CUDA it was built for) trains on a GPU, an optional route untested here (docs/gpu-runners.md#gpu-evidence).`
          );
      }
    } finally {
      await sampler.stop();
    }
    const wallSeconds = Math.round((performance.now() - started) / 10) / 100;
    const cpu = process.cpuUsage(cpuStarted);
    const modelPath = join2(staging, "model.onnx");
    await checkModelFile(modelPath);
    const written = await listFiles(staging);
    if (!written.includes("model.onnx")) {
      throw new UserError(
        `the training command wrote no model.onnx into MODELSHIP_OUTPUT_DIR; it wrote ${written.length === 0 ? "nothing" : written.join(", ")}`,
        {
          hint: 'save the model as "$MODELSHIP_OUTPUT_DIR/model.onnx" (e.g. torch.onnx.export(model, x, os.environ["MODELSHIP_OUTPUT_DIR"] + "/model.onnx"))'
        }
      );
    }
    const signature = await readModelSignature(modelPath, `${OUTPUT_DIR}/model.onnx`);
    const metricsFile = join2(staging, "metrics.json");
    const userMetrics = builtin === void 0 ? await readMetrics(metricsFile) : void 0;
    const dataFiles = builtin?.dataPaths ?? [options.data?.train, options.data?.test].filter((path) => path !== void 0);
    const contractPath = builtin?.contractPath ?? options.data?.contract;
    const modelFile = await fingerprintFile(modelPath);
    const seed = builtin?.seed ?? options.seed;
    const record = {
      schema: RUN_RECORD_SCHEMA,
      tool: { name: "modelship", version: options.toolVersion },
      created: (/* @__PURE__ */ new Date()).toISOString(),
      mode: builtin === void 0 ? "command" : "builtin",
      ..."command" in options.run ? { command: options.run.command } : {},
      ...builtin === void 0 ? {} : { config: builtin.configFile },
      ...seed === void 0 ? {} : { seed },
      params: builtin?.params ?? { ...userMetrics?.params ?? {}, ...options.params ?? {} },
      metrics: builtin?.metrics ?? userMetrics?.metrics ?? {},
      history: builtin?.history ?? userMetrics?.history ?? [],
      data: {
        files: await Promise.all(
          dataFiles.map((path) => fingerprintFile(resolve3(options.cwd, path)).then((print) => ({ ...print, path })))
        ),
        ...contractPath === void 0 ? {} : { contract: { ...await fingerprintFile(resolve3(options.cwd, contractPath)), path: contractPath } }
      },
      git: await gitState(options.cwd, env),
      run: workflowRun(env),
      runner: runnerInfo(env, options.runnerLabels),
      ...container === void 0 ? {} : { container },
      gpu: {
        required: options.requireGpu,
        devices: detection.gpus,
        ...detection.cudaVersion === void 0 ? {} : { cudaVersion: detection.cudaVersion },
        ...cudaToolkit === void 0 ? {} : { cudaToolkit },
        ...detection.cudaVisibleDevices === void 0 ? {} : { cudaVisibleDevices: detection.cudaVisibleDevices },
        ...detection.reason === void 0 ? {} : { reason: detection.reason },
        samples: sampler.samples,
        utilization: summarizeSamples(sampler.samples)
      },
      ...builtin === void 0 ? {} : { backend: builtin.backend },
      // A command's own CPU time is not visible to us; the built-in trainer runs in this process.
      timing: builtin === void 0 ? { wallSeconds } : { wallSeconds, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100 },
      model: { file: { ...modelFile, path: "model.onnx" }, inputs: signature.inputs, outputs: signature.outputs }
    };
    assertWritable(run_record_schema_default, record, "run record");
    if (userMetrics === void 0)
      await writeFileAtomic(
        metricsFile,
        `${JSON.stringify({ version: 1, metrics: record.metrics, params: record.params, history: record.history }, null, 2)}
`
      );
    await writeFileAtomic(join2(staging, "run-record.json"), `${JSON.stringify(record, null, 2)}
`);
    await rm(outputDir, { recursive: true, force: true });
    await rename(staging, outputDir);
    logger.info(
      `Model: ${join2(options.outputDir, "model.onnx")} (${signature.inputs.length} input(s), ${signature.outputs.map((output) => output.name).join(", ")}); run record: ${join2(options.outputDir, "run-record.json")}`
    );
    return {
      modelPath: join2(outputDir, "model.onnx"),
      runRecordPath: join2(outputDir, "run-record.json"),
      metricsPath: join2(outputDir, "metrics.json"),
      record
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (created !== void 0) await removeEmptyFolders(dirname2(outputDir), created);
    throw error;
  }
}
async function removeEmptyFolders(from, top) {
  for (let dir = from; ; dir = dirname2(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === top || dirname2(dir) === dir) return;
  }
}

// src/stages/train-stage.ts
async function trainFromSettings(options) {
  const { settings, logger } = options;
  return runTraining({
    run: "command" in settings.run ? { command: settings.run.command } : {
      builtin: builtinTrainer({
        configPath: settings.run.trainConfig,
        cwd: options.cwd,
        logger,
        toolVersion: options.toolVersion,
        params: settings.params,
        seed: settings.seed
      })
    },
    outputDir: settings.outputDir,
    cwd: options.cwd,
    requireGpu: settings.requireGpu,
    runnerLabels: options.runnerLabels,
    data: settings.data,
    params: settings.params,
    seed: settings.seed,
    gpuSampleMs: settings.gpuSampleMs,
    env: options.env,
    logger,
    toolVersion: options.toolVersion
  });
}
async function runTrainStage(inputs, run2) {
  const settings = resolveTrainSettings(inputs, await loadStageConfig(run2.config, run2.cwd));
  await checkOutputFolder(resolve4(run2.cwd, settings.outputDir), "--output (train.output, the output input)");
  const result = await trainFromSettings({
    settings,
    cwd: run2.cwd,
    env: run2.env,
    runnerLabels: inputs.runnerLabels,
    logger: run2.logger,
    toolVersion: run2.toolVersion
  });
  return { ...result, settings, markdown: renderRunSummary(result.record) };
}

export {
  renderRunRecordText,
  trainFromSettings,
  runTrainStage
};
