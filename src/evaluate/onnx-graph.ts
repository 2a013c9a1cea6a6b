/**
 * A minimal reader of ONNX protobuf bytes: just the nodes of the main graph (op, domain, inputs,
 * outputs, attributes) and the names of its inputs and outputs. onnxruntime runs the model but does
 * not tell which op produces an output or which class labels a classifier carries; this reads them.
 * Initializers (the bulk of a model) are skipped by length, never decoded. Subgraphs, functions and
 * external data are not read: nothing here needs them.
 *
 * Field numbers are those of onnx.proto (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5,
 * input = 11, output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4, attribute = 5,
 * domain = 7; AttributeProto name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, strings = 9;
 * ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1, sequence_type = 4, map_type = 5,
 * opaque_type = 7, sparse_tensor_type = 8, optional_type = 9; TypeProto.Tensor elem_type = 1,
 * shape = 2; TensorShapeProto dim = 1; Dimension dim_value = 1, dim_param = 2; TensorProto name = 8).
 */

/** One attribute of a node; only the scalar and list kinds the evaluator reads. */
export interface OnnxAttribute {
  name: string;
  i?: bigint;
  f?: number;
  s?: string;
  ints: bigint[];
  floats: number[];
  strings: string[];
}

/** One node of the main graph. */
export interface OnnxNode {
  name: string;
  opType: string;
  /** "" (or "ai.onnx") for standard ops, "ai.onnx.ml" for the ML ops. */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
}

/** The declared type of a graph input or output. */
export type OnnxValueType =
  /** A dense tensor: its element type (TensorProto.DataType: 1 float, 7 int64, …) and shape, a dimension as its size, its symbolic name or undefined. */
  | { kind: "tensor"; elemType: number; shape?: (number | string | undefined)[] }
  /** Anything else a graph may declare (a sequence, a map, an optional, a sparse tensor), or no type at all. */
  | { kind: OtherValueKind };

/** The kinds of value a graph may declare besides a dense tensor ("unknown": no type at all). */
export type OtherValueKind = "sequence" | "map" | "optional" | "sparse-tensor" | "opaque" | "unknown";

/** A graph input or output with its declared type. */
export interface OnnxValueInfo {
  name: string;
  type: OnnxValueType;
}

/** The main graph: its nodes in file order and the names of its inputs and outputs. */
export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: string[];
  outputs: string[];
  /** The inputs with their declared types, in file order. */
  inputInfo: OnnxValueInfo[];
  /** The outputs with their declared types, in file order. */
  outputInfo: OnnxValueInfo[];
  /** Names of the initializers (weights); models before IR version 4 list them among the inputs too. */
  initializers: string[];
  /** Elements of the main graph's initializers in all (its parameter count; subgraphs and Constant nodes not counted). */
  parameters: number;
  /** Files that hold initializers stored as external data (their `location`, relative to the model). */
  externalData: string[];
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Walks the fields of one message in `bytes[start, end)`; throws on anything not protobuf-shaped. */
class Reader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  pos: number;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as an unsigned 64-bit bigint. */
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const byte = this.bytes[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new Error("varint longer than 10 bytes");
  }

  /** A length or tag: a varint that must fit a safe integer. */
  smallVarint(): number {
    const value = this.varint();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("length out of range");
    return Number(value);
  }

  /** The next field's number and wire type, or undefined at the end of the message. */
  tag(): { field: number; wire: number } | undefined {
    if (this.done()) return undefined;
    const tag = this.smallVarint();
    return { field: Math.floor(tag / 8), wire: tag & 7 };
  }

  /** The [start, end) of a length-delimited value. */
  span(): [number, number] {
    const length = this.smallVarint();
    const start = this.pos;
    if (start + length > this.end) throw new Error("length-delimited field runs past its message");
    this.pos = start + length;
    return [start, start + length];
  }

  string(): string {
    const [start, end] = this.span();
    return utf8.decode(this.bytes.subarray(start, end));
  }

  float32(): number {
    if (this.pos + 4 > this.end) throw new Error("truncated fixed32");
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LENGTH) this.span();
    else if (wire === WIRE_FIXED64) this.pos += 8;
    else if (wire === WIRE_FIXED32) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error("field runs past its message");
  }

  sub(): Reader {
    const [start, end] = this.span();
    return new Reader(this.bytes, start, end);
  }
}

/** Reads the main graph of an ONNX model; throws (a plain Error) on bytes that are not a ModelProto. */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const model = new Reader(bytes);
  const graph: OnnxGraph = {
    nodes: [],
    inputs: [],
    outputs: [],
    inputInfo: [],
    outputInfo: [],
    initializers: [],
    parameters: 0,
    externalData: [],
  };
  let found = false;
  for (let tag = model.tag(); tag; tag = model.tag()) {
    if (tag.field === 7 && tag.wire === WIRE_LENGTH) {
      readGraph(model.sub(), graph);
      found = true;
    } else model.skip(tag.wire);
  }
  if (!found) throw new Error("no graph in the model");
  return graph;
}

function readGraph(reader: Reader, graph: OnnxGraph): void {
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.wire !== WIRE_LENGTH) reader.skip(tag.wire);
    else if (tag.field === 1) graph.nodes.push(readNode(reader.sub()));
    else if (tag.field === 5) {
      const tensor = readTensorHeader(reader.sub());
      graph.initializers.push(tensor.name);
      graph.parameters += tensor.elements;
      if (tensor.location !== undefined && !graph.externalData.includes(tensor.location)) graph.externalData.push(tensor.location);
    } else if (tag.field === 11) {
      const info = readValueInfo(reader.sub());
      graph.inputs.push(info.name);
      graph.inputInfo.push(info);
    } else if (tag.field === 12) {
      const info = readValueInfo(reader.sub());
      graph.outputs.push(info.name);
      graph.outputInfo.push(info);
    } else reader.skip(tag.wire);
  }
}

/**
 * A TensorProto's name, element count (the product of its dims, field 1, packed or not) and the
 * location of its external data (field 13, key "location"); its data (raw_data, float_data…) is
 * skipped by length.
 */
function readTensorHeader(reader: Reader): { name: string; elements: number; location?: string } {
  let name = "";
  let elements = 1;
  let location: string | undefined;
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 8 && tag.wire === WIRE_LENGTH) name = reader.string();
    else if (tag.field === 1 && tag.wire === WIRE_VARINT) elements *= Number(reader.varint());
    else if (tag.field === 1 && tag.wire === WIRE_LENGTH) {
      const packed = reader.sub();
      while (!packed.done()) elements *= Number(packed.varint());
    } else if (tag.field === 13 && tag.wire === WIRE_LENGTH) {
      const entry = reader.sub();
      let key = "";
      let value = "";
      for (let inner = entry.tag(); inner; inner = entry.tag()) {
        if (inner.field === 1 && inner.wire === WIRE_LENGTH) key = entry.string();
        else if (inner.field === 2 && inner.wire === WIRE_LENGTH) value = entry.string();
        else entry.skip(inner.wire);
      }
      if (key === "location") location = value;
    } else reader.skip(tag.wire);
  }
  return { name, elements, ...(location === undefined ? {} : { location }) };
}

function readValueInfo(reader: Reader): OnnxValueInfo {
  const info: OnnxValueInfo = { name: "", type: { kind: "unknown" } };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) info.name = reader.string();
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) info.type = readType(reader.sub());
    else reader.skip(tag.wire);
  }
  return info;
}

/** TypeProto field numbers of the kinds that are not dense tensors. */
const OTHER_KINDS: ReadonlyMap<number, OtherValueKind> = new Map<number, OtherValueKind>([
  [4, "sequence"],
  [5, "map"],
  [7, "opaque"],
  [8, "sparse-tensor"],
  [9, "optional"],
]);

function readType(reader: Reader): OnnxValueType {
  let type: OnnxValueType = { kind: "unknown" };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const other = OTHER_KINDS.get(tag.field);
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) type = readTensorType(reader.sub());
    else if (other !== undefined && tag.wire === WIRE_LENGTH) {
      reader.skip(tag.wire);
      type = { kind: other };
    } else reader.skip(tag.wire);
  }
  return type;
}

function readTensorType(reader: Reader): OnnxValueType {
  const type: { kind: "tensor"; elemType: number; shape?: (number | string | undefined)[] } = { kind: "tensor", elemType: 0 };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) type.elemType = Number(BigInt.asIntN(32, reader.varint()));
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) type.shape = readShape(reader.sub());
    else reader.skip(tag.wire);
  }
  return type;
}

function readShape(reader: Reader): (number | string | undefined)[] {
  const dims: (number | string | undefined)[] = [];
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) dims.push(readDimension(reader.sub()));
    else reader.skip(tag.wire);
  }
  return dims;
}

function readDimension(reader: Reader): number | string | undefined {
  let dim: number | string | undefined;
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) {
      const value = BigInt.asIntN(64, reader.varint());
      // A size past 2^53 is no size a served tensor has: read as unknown.
      dim = value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
    } else if (tag.field === 2 && tag.wire === WIRE_LENGTH) dim = reader.string();
    else reader.skip(tag.wire);
  }
  return dim;
}

function readNode(reader: Reader): OnnxNode {
  const node: OnnxNode = { name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: new Map() };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.wire !== WIRE_LENGTH) reader.skip(tag.wire);
    else if (tag.field === 1) node.inputs.push(reader.string());
    else if (tag.field === 2) node.outputs.push(reader.string());
    else if (tag.field === 3) node.name = reader.string();
    else if (tag.field === 4) node.opType = reader.string();
    else if (tag.field === 7) node.domain = reader.string();
    else if (tag.field === 5) {
      const attribute = readAttribute(reader.sub());
      node.attributes.set(attribute.name, attribute);
    } else reader.skip(tag.wire);
  }
  return node;
}

function readAttribute(reader: Reader): OnnxAttribute {
  const attribute: OnnxAttribute = { name: "", ints: [], floats: [], strings: [] };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const { field, wire } = tag;
    if (field === 1 && wire === WIRE_LENGTH) attribute.name = reader.string();
    else if (field === 2 && wire === WIRE_FIXED32) attribute.f = reader.float32();
    else if (field === 3 && wire === WIRE_VARINT) attribute.i = BigInt.asIntN(64, reader.varint());
    else if (field === 4 && wire === WIRE_LENGTH) attribute.s = reader.string();
    else if (field === 7 && wire === WIRE_FIXED32) attribute.floats.push(reader.float32());
    else if (field === 7 && wire === WIRE_LENGTH) {
      // Packed floats (proto3 writers); python-onnx writes them one by one.
      const packed = reader.sub();
      while (!packed.done()) attribute.floats.push(packed.float32());
    } else if (field === 8 && wire === WIRE_VARINT) attribute.ints.push(BigInt.asIntN(64, reader.varint()));
    else if (field === 8 && wire === WIRE_LENGTH) {
      const packed = reader.sub();
      while (!packed.done()) attribute.ints.push(BigInt.asIntN(64, packed.varint()));
    } else if (field === 9 && wire === WIRE_LENGTH) attribute.strings.push(reader.string());
    else reader.skip(wire);
  }
  return attribute;
}

/** Ops that only reshape, rename or convert a value: the producer of interest is behind them. */
const PASS_THROUGH = new Set(["Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Cast"]);

/** The op that computes `value`, looking through shape-only ops (Identity, Reshape, Squeeze…); undefined for a graph input or an unknown name. */
export function producerOp(graph: OnnxGraph, value: string): string | undefined {
  const producers = new Map<string, OnnxNode>();
  for (const node of graph.nodes) for (const output of node.outputs) producers.set(output, node);
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const node = producers.get(current);
    if (node === undefined) return undefined;
    if (!PASS_THROUGH.has(node.opType) || node.inputs[0] === undefined) return node.opType;
    current = node.inputs[0];
  }
  return undefined;
}

const CLASSIFIER_OPS = new Set(["LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier"]);

function isMl(node: OnnxNode): boolean {
  return node.domain === "ai.onnx.ml";
}

/** The labels a node lists under `stringsName` (text) or `intsName` (integers, as decimal text), if any. */
function listedLabels(node: OnnxNode, stringsName: string, intsName: string): string[] | undefined {
  const strings = node.attributes.get(stringsName)?.strings ?? [];
  if (strings.length > 0) return strings;
  const ints = node.attributes.get(intsName)?.ints ?? [];
  if (ints.length > 0) return ints.map(String);
  return undefined;
}

/** index → label from a LabelEncoder mapping 0..C−1 (keys_int64s) to values_strings; undefined for any other mapping. */
function indexLabels(node: OnnxNode): string[] | undefined {
  const keys = node.attributes.get("keys_int64s")?.ints ?? [];
  const values = node.attributes.get("values_strings")?.strings ?? [];
  if (keys.length === 0 || keys.length !== values.length) return undefined;
  const labels: (string | undefined)[] = new Array<string | undefined>(keys.length).fill(undefined);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key < 0n || key >= BigInt(keys.length)) return undefined;
    labels[Number(key)] = values[k];
  }
  return labels.every((label) => label !== undefined) ? labels : undefined;
}

/**
 * The class labels the graph states, in probability-column order: from a *Classifier node
 * (classlabels_strings / classlabels_ints), else a ZipMap (classlabels_strings / classlabels_int64s),
 * else a LabelEncoder that maps indices 0..C−1 to strings straight into a graph output.
 */
export function findClassLabels(graph: OnnxGraph): string[] | undefined {
  const outputs = new Set(graph.outputs);
  for (const node of graph.nodes) {
    if (isMl(node) && CLASSIFIER_OPS.has(node.opType)) {
      const labels = listedLabels(node, "classlabels_strings", "classlabels_ints");
      if (labels) return labels;
    }
  }
  for (const node of graph.nodes) {
    if (isMl(node) && node.opType === "ZipMap") {
      const labels = listedLabels(node, "classlabels_strings", "classlabels_int64s");
      if (labels) return labels;
    }
  }
  for (const node of graph.nodes) {
    if (isMl(node) && node.opType === "LabelEncoder" && node.outputs.some((output) => outputs.has(output))) {
      const labels = indexLabels(node);
      if (labels) return labels;
    }
  }
  return undefined;
}
