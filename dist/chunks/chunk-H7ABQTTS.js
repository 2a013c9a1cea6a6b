import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/evaluate/onnx-graph.ts
var WIRE_VARINT = 0;
var WIRE_FIXED64 = 1;
var WIRE_LENGTH = 2;
var WIRE_FIXED32 = 5;
var utf8 = new TextDecoder("utf-8", { fatal: false });
var Reader = class _Reader {
  bytes;
  view;
  pos;
  end;
  constructor(bytes, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }
  done() {
    return this.pos >= this.end;
  }
  /** A varint as an unsigned 64-bit bigint. */
  varint() {
    let result = 0n;
    let shift = 0n;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const byte = this.bytes[this.pos++];
      result |= BigInt(byte & 127) << shift;
      if ((byte & 128) === 0) return result;
      shift += 7n;
    }
    throw new Error("varint longer than 10 bytes");
  }
  /** A length or tag: a varint that must fit a safe integer. */
  smallVarint() {
    const value = this.varint();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("length out of range");
    return Number(value);
  }
  /** The next field's number and wire type, or undefined at the end of the message. */
  tag() {
    if (this.done()) return void 0;
    const tag = this.smallVarint();
    return { field: Math.floor(tag / 8), wire: tag & 7 };
  }
  /** The [start, end) of a length-delimited value. */
  span() {
    const length = this.smallVarint();
    const start = this.pos;
    if (start + length > this.end) throw new Error("length-delimited field runs past its message");
    this.pos = start + length;
    return [start, start + length];
  }
  string() {
    const [start, end] = this.span();
    return utf8.decode(this.bytes.subarray(start, end));
  }
  float32() {
    if (this.pos + 4 > this.end) throw new Error("truncated fixed32");
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }
  skip(wire) {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LENGTH) this.span();
    else if (wire === WIRE_FIXED64) this.pos += 8;
    else if (wire === WIRE_FIXED32) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error("field runs past its message");
  }
  sub() {
    const [start, end] = this.span();
    return new _Reader(this.bytes, start, end);
  }
};
function readOnnxGraph(bytes) {
  const model = new Reader(bytes);
  const graph = {
    nodes: [],
    inputs: [],
    outputs: [],
    inputInfo: [],
    outputInfo: [],
    initializers: [],
    parameters: 0,
    externalData: []
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
function readGraph(reader, graph) {
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.wire !== WIRE_LENGTH) reader.skip(tag.wire);
    else if (tag.field === 1) graph.nodes.push(readNode(reader.sub()));
    else if (tag.field === 5) {
      const tensor = readTensorHeader(reader.sub());
      graph.initializers.push(tensor.name);
      graph.parameters += tensor.elements;
      if (tensor.location !== void 0 && !graph.externalData.includes(tensor.location)) graph.externalData.push(tensor.location);
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
function readTensorHeader(reader) {
  let name = "";
  let elements = 1;
  let location;
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
  return { name, elements, ...location === void 0 ? {} : { location } };
}
function readValueInfo(reader) {
  const info = { name: "", type: { kind: "unknown" } };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) info.name = reader.string();
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) info.type = readType(reader.sub());
    else reader.skip(tag.wire);
  }
  return info;
}
var OTHER_KINDS = /* @__PURE__ */ new Map([
  [4, "sequence"],
  [5, "map"],
  [7, "opaque"],
  [8, "sparse-tensor"],
  [9, "optional"]
]);
function readType(reader) {
  let type = { kind: "unknown" };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const other = OTHER_KINDS.get(tag.field);
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) type = readTensorType(reader.sub());
    else if (other !== void 0 && tag.wire === WIRE_LENGTH) {
      reader.skip(tag.wire);
      type = { kind: other };
    } else reader.skip(tag.wire);
  }
  return type;
}
function readTensorType(reader) {
  const type = { kind: "tensor", elemType: 0 };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) type.elemType = Number(BigInt.asIntN(32, reader.varint()));
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) type.shape = readShape(reader.sub());
    else reader.skip(tag.wire);
  }
  return type;
}
function readShape(reader) {
  const dims = [];
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) dims.push(readDimension(reader.sub()));
    else reader.skip(tag.wire);
  }
  return dims;
}
function readDimension(reader) {
  let dim;
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) {
      const value = BigInt.asIntN(64, reader.varint());
      dim = value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : void 0;
    } else if (tag.field === 2 && tag.wire === WIRE_LENGTH) dim = reader.string();
    else reader.skip(tag.wire);
  }
  return dim;
}
function readNode(reader) {
  const node = { name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: /* @__PURE__ */ new Map() };
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
function readAttribute(reader) {
  const attribute = { name: "", ints: [], floats: [], strings: [] };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const { field, wire } = tag;
    if (field === 1 && wire === WIRE_LENGTH) attribute.name = reader.string();
    else if (field === 2 && wire === WIRE_FIXED32) attribute.f = reader.float32();
    else if (field === 3 && wire === WIRE_VARINT) attribute.i = BigInt.asIntN(64, reader.varint());
    else if (field === 4 && wire === WIRE_LENGTH) attribute.s = reader.string();
    else if (field === 7 && wire === WIRE_FIXED32) attribute.floats.push(reader.float32());
    else if (field === 7 && wire === WIRE_LENGTH) {
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
var PASS_THROUGH = /* @__PURE__ */ new Set(["Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Cast"]);
function producerOp(graph, value) {
  const producers = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) for (const output of node.outputs) producers.set(output, node);
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const node = producers.get(current);
    if (node === void 0) return void 0;
    if (!PASS_THROUGH.has(node.opType) || node.inputs[0] === void 0) return node.opType;
    current = node.inputs[0];
  }
  return void 0;
}
var CLASSIFIER_OPS = /* @__PURE__ */ new Set(["LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier"]);
function isMl(node) {
  return node.domain === "ai.onnx.ml";
}
function listedLabels(node, stringsName, intsName) {
  const strings = node.attributes.get(stringsName)?.strings ?? [];
  if (strings.length > 0) return strings;
  const ints = node.attributes.get(intsName)?.ints ?? [];
  if (ints.length > 0) return ints.map(String);
  return void 0;
}
function indexLabels(node) {
  const keys = node.attributes.get("keys_int64s")?.ints ?? [];
  const values = node.attributes.get("values_strings")?.strings ?? [];
  if (keys.length === 0 || keys.length !== values.length) return void 0;
  const labels = new Array(keys.length).fill(void 0);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key < 0n || key >= BigInt(keys.length)) return void 0;
    labels[Number(key)] = values[k];
  }
  return labels.every((label) => label !== void 0) ? labels : void 0;
}
function findClassLabels(graph) {
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
  return void 0;
}

export {
  readOnnxGraph,
  producerOp,
  findClassLabels
};
