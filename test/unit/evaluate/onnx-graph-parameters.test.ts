/**
 * The parameter count and the external data the ONNX reader finds, against python3-onnx's own view
 * of the same files: a model with its weights inside, and one with them in a file beside it.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LoadedModel } from "../../../src/evaluate/onnx-model.ts";
import { readOnnxGraph } from "../../../src/evaluate/onnx-graph.ts";
import { onnxSubject } from "../../../src/evaluate/operational-onnx.ts";
import { python } from "../../support/python.ts";

const MAKE = `
import onnx, numpy as np
from onnx import helper, TensorProto, numpy_helper
w = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(3, 4), "w")
b = numpy_helper.from_array(np.ones(4, dtype=np.float32), "b")
scalar = numpy_helper.from_array(np.array(2.0, dtype=np.float32), "s")
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "w"], ["h"]), helper.make_node("Add", ["h", "b"], ["h2"]), helper.make_node("Mul", ["h2", "s"], ["y"])],
    "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])], [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])],
    initializer=[w, b, scalar])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
onnx.save_model(model, data["dir"] + "/inside.onnx")
onnx.save_model(model, data["dir"] + "/outside.onnx", save_as_external_data=True, all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
loaded = onnx.load(data["dir"] + "/outside.onnx", load_external_data=False)
locations = sorted({e.value for t in loaded.graph.initializer for e in t.external_data if e.key == "location"})
emit({"parameters": int(sum(int(np.prod(t.dims)) for t in model.graph.initializer)), "locations": locations})
`;

let dir: string;
let expected: { parameters: number; locations: string[] };
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-onnx-parameters-"));
  expected = python(MAKE, { dir });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the parameter count and external data", () => {
  it("counts the initializers' elements (a scalar is one) as onnx does, weights inside or beside the model", async () => {
    assert.equal(expected.parameters, 12 + 4 + 1);
    const inside = readOnnxGraph(await readFile(join(dir, "inside.onnx")));
    assert.equal(inside.parameters, expected.parameters);
    assert.deepEqual(inside.externalData, []);
    const outside = readOnnxGraph(await readFile(join(dir, "outside.onnx")));
    assert.equal(outside.parameters, expected.parameters);
    assert.deepEqual(outside.externalData, expected.locations);
  });

  it("reads dims written packed too (proto3 writers pack repeated int64): a TensorProto with dims [3, 4] holds 12", () => {
    // ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto { dims (1, packed) [3, 4], name (8) "w" }.
    const tensor = [0x0a, 0x02, 0x03, 0x04, 0x42, 0x01, 0x77];
    const graph = [0x2a, tensor.length, ...tensor];
    const graphOnly = readOnnxGraph(Uint8Array.from([0x3a, graph.length, ...graph]));
    assert.equal(graphOnly.parameters, 12);
    assert.deepEqual(graphOnly.initializers, ["w"]);
  });

  it("sizes a model with its external data: the file plus the weights beside it", async () => {
    const path = join(dir, "outside.onnx");
    const own = (await stat(path)).size;
    const weights = (await stat(join(dir, "weights.bin"))).size;
    const model = { path, bytes: own, parameters: 17, externalData: ["weights.bin"], requiredColumns: ["a"] } as unknown as LoadedModel;
    const subject = await onnxSubject(model, new Map([["a", [1]]]), [1]);
    assert.equal(subject.bytes, own + weights);
    assert.equal(subject.parameters, 17);
  });
});
