/**
 * The part of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) the exporter
 * needs: the messages as plain data, a builder that assembles a graph, and the encoding. Field
 * numbers are the official ones; fields are written in field-number order, as protoc-generated
 * serializers do, so equal models give equal bytes.
 */
import { ProtoWriter } from "./protobuf.ts";

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7, STRING: 8, BOOL: 9 } as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values used here. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export interface TensorProto {
  name: string;
  dims: readonly number[];
  /** FLOAT data goes out as little-endian `raw_data`; INT64 as `int64_data`; STRING as `string_data`. */
  data:
    | { type: typeof DataType.FLOAT; values: ArrayLike<number> }
    | { type: typeof DataType.INT64; values: readonly number[] }
    | { type: typeof DataType.STRING; values: readonly string[] };
}

export type AttributeProto =
  | { name: string; type: "float"; value: number }
  | { name: string; type: "int"; value: number }
  | { name: string; type: "string"; value: string }
  | { name: string; type: "tensor"; value: TensorProto }
  | { name: string; type: "floats"; value: ArrayLike<number> }
  | { name: string; type: "ints"; value: readonly number[] }
  | { name: string; type: "strings"; value: readonly string[] };

export interface NodeProto {
  name: string;
  opType: string;
  /** "" (or absent) is the default ai.onnx domain. */
  domain?: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly AttributeProto[];
}

/** A tensor-typed graph input or output; a string dim is symbolic (`dim_param`), e.g. "N" for the batch. */
export interface ValueInfoProto {
  name: string;
  elemType: DataType;
  dims: readonly (number | string)[];
}

export interface GraphProto {
  name: string;
  nodes: readonly NodeProto[];
  initializers: readonly TensorProto[];
  inputs: readonly ValueInfoProto[];
  outputs: readonly ValueInfoProto[];
}

export interface OperatorSetId {
  domain: string;
  version: number;
}

export interface ModelProto {
  irVersion: number;
  opsetImports: readonly OperatorSetId[];
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: GraphProto;
  /** Written in the order given. */
  metadataProps: readonly (readonly [key: string, value: string])[];
}

/** Encodes a model as the bytes of an `.onnx` file. */
export function encodeModel(model: ModelProto): Uint8Array {
  const writer = new ProtoWriter().varint(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  if (model.docString !== undefined && model.docString !== "") writer.string(6, model.docString);
  writer.message(7, encodeGraph(model.graph));
  for (const opset of model.opsetImports) writer.message(8, new ProtoWriter().string(1, opset.domain).varint(2, opset.version));
  for (const [key, value] of model.metadataProps) writer.message(14, new ProtoWriter().string(1, key).string(2, value));
  return writer.finish();
}

function encodeGraph(graph: GraphProto): ProtoWriter {
  const writer = new ProtoWriter();
  for (const node of graph.nodes) writer.message(1, encodeNode(node));
  writer.string(2, graph.name);
  for (const tensor of graph.initializers) writer.message(5, encodeTensor(tensor));
  for (const input of graph.inputs) writer.message(11, encodeValueInfo(input));
  for (const output of graph.outputs) writer.message(12, encodeValueInfo(output));
  return writer;
}

function encodeNode(node: NodeProto): ProtoWriter {
  const writer = new ProtoWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name).string(4, node.opType);
  for (const attribute of node.attributes ?? []) writer.message(5, encodeAttribute(attribute));
  if (node.domain !== undefined && node.domain !== "") writer.string(7, node.domain);
  return writer;
}

function encodeAttribute(attribute: AttributeProto): ProtoWriter {
  const writer = new ProtoWriter().string(1, attribute.name);
  // onnx.proto is proto2 and these repeated fields are not declared packed: one tag per element.
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
      for (let i = 0; i < attribute.value.length; i++) writer.float(7, attribute.value[i]!);
      return writer.varint(20, AttributeType.FLOATS);
    case "ints":
      for (const value of attribute.value) writer.varint(8, value);
      return writer.varint(20, AttributeType.INTS);
    case "strings":
      for (const value of attribute.value) writer.string(9, value);
      return writer.varint(20, AttributeType.STRINGS);
  }
}

function encodeTensor(tensor: TensorProto): ProtoWriter {
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

/** `raw_data` is little-endian whatever the host; DataView says so explicitly. */
function littleEndianFloats(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

function encodeValueInfo(value: ValueInfoProto): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of value.dims)
    shape.message(1, typeof dim === "number" ? new ProtoWriter().varint(1, dim) : new ProtoWriter().string(2, dim));
  const tensorType = new ProtoWriter().varint(1, value.elemType).message(2, shape);
  return new ProtoWriter().string(1, value.name).message(2, new ProtoWriter().message(1, tensorType));
}

/**
 * Collects a graph in topological order. A value name may be produced only once (ONNX graphs are
 * single-assignment) and a node may read only values that already exist, so ordering mistakes fail
 * here rather than in the runtime.
 */
export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly names = new Set<string>();

  /** Declares a graph input and returns its name. */
  input(value: ValueInfoProto): string {
    this.claim(value.name);
    this.inputs.push(value);
    return value.name;
  }

  /** Adds a constant (an initializer) and returns its name. */
  constant(tensor: TensorProto): string {
    this.claim(tensor.name);
    this.initializers.push(tensor);
    return tensor.name;
  }

  /** Adds a one-output node, named after its output, and returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    output: string,
    options: { domain?: string; attributes?: readonly AttributeProto[] } = {},
  ): string {
    for (const input of inputs)
      if (!this.names.has(input)) throw new Error(`ONNX node ${output} (${opType}) reads ${input} before it exists`);
    this.claim(output);
    this.nodes.push({ name: output, opType, inputs, outputs: [output], ...options });
    return output;
  }

  /** Declares an existing value as a graph output. */
  output(value: ValueInfoProto): void {
    if (!this.names.has(value.name)) throw new Error(`ONNX graph output ${value.name} is never produced`);
    this.outputs.push(value);
  }

  /** The graph so far. */
  build(name: string): GraphProto {
    return { name, nodes: [...this.nodes], initializers: [...this.initializers], inputs: [...this.inputs], outputs: [...this.outputs] };
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`ONNX value name ${JSON.stringify(name)} is used twice`);
    this.names.add(name);
  }
}
