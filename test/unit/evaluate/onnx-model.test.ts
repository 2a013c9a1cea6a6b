/**
 * Loading foreign ONNX models: small graphs built by Debian's python3-onnx with onnx.helper (tensor
 * input, one input per column, logits, regression, ZipMap, a LinearClassifier) run through
 * loadModel/predict, and must agree with numpy's reading of the same weights. Bad models and bad
 * data must be UserErrors that say where.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { findClassLabels, producerOp, readOnnxGraph } from "../../../src/evaluate/onnx-graph.ts";
import { checkColumns } from "../../../src/evaluate/onnx-input-binding.ts";
import { loadModel, type LoadedModel } from "../../../src/evaluate/onnx-model.ts";

/** Builds the models into sys.argv[1] and prints numpy's expectations as JSON. */
const BUILD = String.raw`
import json, sys, os
import numpy as np
import onnx
from onnx import TensorProto, helper

out = sys.argv[1]
data = json.load(sys.stdin)
ML = "ai.onnx.ml"
def save(name, nodes, inputs, outputs, inits=(), ml=False, full=True):
    graph = helper.make_graph(nodes, name, inputs, outputs, list(inits))
    opsets = [helper.make_opsetid("", 17)] + ([helper.make_opsetid(ML, 3)] if ml else [])
    model = helper.make_model(graph, opset_imports=opsets, ir_version=8)
    # onnx 1.12's shape inference cannot type ZipMap's sequence of maps, so those get the plain check.
    onnx.checker.check_model(model, full_check=full)
    onnx.save(model, os.path.join(out, name + ".onnx"))
    return model
def f32(name, array):
    array = np.asarray(array, dtype=np.float32)
    return helper.make_tensor(name, TensorProto.FLOAT, list(array.shape), array.flatten().tolist())
def tensor(name, elem, dims):
    return helper.make_tensor_value_info(name, elem, dims)
def sigmoid(z): return 1 / (1 + np.exp(-z))
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
expect = {}
f = lambda a: np.asarray(a, dtype=np.float32)

# 1. One [N, 2] input, standardised inside, Sigmoid → probability [N, 1] (like the example's train.py).
mean, std, w, b = f([38.0, 40.0]), f([13.0, 12.0]), f([[0.8], [0.5]]), f([-0.3])
save("tensor", [
    helper.make_node("Sub", ["x", "mean"], ["centered"]),
    helper.make_node("Div", ["centered", "std"], ["scaled"]),
    helper.make_node("MatMul", ["scaled", "w"], ["logit0"]),
    helper.make_node("Add", ["logit0", "b"], ["logit"]),
    helper.make_node("Sigmoid", ["logit"], ["probability"]),
], [tensor("x", TensorProto.FLOAT, ["N", 2])], [tensor("probability", TensorProto.FLOAT, ["N", 1])],
    [f32("mean", mean), f32("std", std), f32("w", w), f32("b", b)])
x = f(data["tensor"])
expect["tensor"] = sigmoid(((x - mean) / std) @ w + b)[:, 0]

# 2. One input per column: float age (a missing one imputed as 40), int64 hours, string sex → LabelEncoder → float; Softmax → probabilities; ArgMax → LabelEncoder → label.
W = f([[0.05, -0.02, 0.01], [0.01, 0.03, -0.04], [0.7, -0.4, 0.2]])
B = f([-1.0, 0.2, 0.5])
model2 = save("columns", [
    helper.make_node("IsNaN", ["age"], ["age_missing"]),
    helper.make_node("Where", ["age_missing", "fill", "age"], ["age_imputed"]),
    helper.make_node("Cast", ["hours"], ["hours_f"], to=TensorProto.FLOAT),
    helper.make_node("LabelEncoder", ["sex"], ["sex_f"], domain=ML, keys_strings=["Male", "Female"], values_floats=[0.0, 1.0], default_float=0.5),
    helper.make_node("Concat", ["age_imputed", "hours_f", "sex_f"], ["features"], axis=1),
    helper.make_node("MatMul", ["features", "W"], ["z0"]),
    helper.make_node("Add", ["z0", "B"], ["z"]),
    helper.make_node("Softmax", ["z"], ["probabilities"], axis=1),
    helper.make_node("ArgMax", ["probabilities"], ["index"], axis=1, keepdims=0),
    helper.make_node("LabelEncoder", ["index"], ["label"], domain=ML, keys_int64s=[0, 1, 2], values_strings=["low", "mid", "high"], default_string=""),
], [tensor("age", TensorProto.FLOAT, ["N", 1]), tensor("hours", TensorProto.INT64, ["N", 1]), tensor("sex", TensorProto.STRING, ["N", 1])],
   [tensor("label", TensorProto.STRING, ["N"]), tensor("probabilities", TensorProto.FLOAT, ["N", 3])], [f32("W", W), f32("B", B), f32("fill", [40.0])], ml=True)
cols = data["columns"]
sex = np.array([{"Male": 0.0, "Female": 1.0}.get(s, 0.5) for s in cols["sex"]], dtype=np.float32)
feats = np.stack([f([40.0 if a is None else a for a in cols["age"]]), f(cols["hours"]), sex], axis=1)
p2 = softmax((feats @ W + B).astype(np.float64))
expect["columns"] = {"probabilities": p2.flatten(), "label": [["low", "mid", "high"][i] for i in p2.argmax(axis=1)]}
expect["columns_nodes"] = [[n.op_type, n.domain, list(n.input), list(n.output), sorted(a.name for a in n.attribute)] for n in model2.graph.node]

# 3. A logit output [N] named "logits", and an unnamed raw score [N, 1] called "out".
wl = f([[1.5], [-2.0]])
save("logits", [
    helper.make_node("MatMul", ["x", "w"], ["z"]),
    helper.make_node("Flatten", ["z"], ["z2"], axis=0),
    helper.make_node("Reshape", ["z", "shape"], ["logits"]),
], [tensor("x", TensorProto.FLOAT, ["N", 2])], [tensor("logits", TensorProto.FLOAT, ["N"])],
   [f32("w", wl), helper.make_tensor("shape", TensorProto.INT64, [1], [-1])])
xl = f(data["logits"])
expect["logits"] = sigmoid((xl @ wl)[:, 0].astype(np.float64))
save("raw_score", [helper.make_node("MatMul", ["x", "w"], ["out"])],
     [tensor("x", TensorProto.FLOAT, ["N", 2])], [tensor("out", TensorProto.FLOAT, ["N", 1])], [f32("w", wl)])

# 4. Regression: two columns → "variable" [N, 1]; and Log of a column, which is NaN for a negative input.
wr, br = f([[2.0], [-0.5]]), f([3.0])
save("regression", [
    helper.make_node("Concat", ["a", "b"], ["ab"], axis=1),
    helper.make_node("MatMul", ["ab", "w"], ["v0"]),
    helper.make_node("Add", ["v0", "bias"], ["variable"]),
], [tensor("a", TensorProto.FLOAT, ["N", 1]), tensor("b", TensorProto.FLOAT, ["N", 1])], [tensor("variable", TensorProto.FLOAT, ["N", 1])], [f32("w", wr), f32("bias", br)])
reg = data["regression"]
expect["regression"] = (np.stack([f(reg["a"]), f(reg["b"])], axis=1) @ wr + br)[:, 0]
save("log", [helper.make_node("Log", ["a"], ["variable"])], [tensor("a", TensorProto.FLOAT, ["N", 1])], [tensor("variable", TensorProto.FLOAT, ["N", 1])])

# 5. ZipMap: only a sequence of maps (skl2onnx's default), and ZipMap beside tensor probabilities.
seq = onnx.TypeProto()
seq.sequence_type.elem_type.map_type.key_type = TensorProto.STRING
seq.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
wz = f([[1.0, -1.0], [0.5, 0.25]])
def zipmap_nodes(probs):
    return [
        helper.make_node("MatMul", ["x", "w"], ["z"]),
        helper.make_node("Softmax", ["z"], [probs], axis=1),
        helper.make_node("ArgMax", [probs], ["output_label"], axis=1, keepdims=0),
        helper.make_node("ZipMap", [probs], ["output_probability"], domain=ML, classlabels_strings=["no", "yes"]),
    ]
save("zipmap_only", zipmap_nodes("p"), [tensor("x", TensorProto.FLOAT, ["N", 2])],
     [tensor("output_label", TensorProto.INT64, ["N"]), helper.make_value_info("output_probability", seq)], [f32("w", wz)], ml=True, full=False)
save("zipmap_both", zipmap_nodes("probabilities"), [tensor("x", TensorProto.FLOAT, ["N", 2])],
     [tensor("output_label", TensorProto.INT64, ["N"]), helper.make_value_info("output_probability", seq), tensor("probabilities", TensorProto.FLOAT, ["N", 2])], [f32("w", wz)], ml=True, full=False)
pz = softmax((f(data["logits"]) @ wz).astype(np.float64))
expect["zipmap"] = {"probabilities": pz.flatten(), "label": [str(i) for i in pz.argmax(axis=1)]}

# A LinearClassifier with integer class labels, as skl2onnx writes a LogisticRegression.
coef, icpt = f([[0.4, -0.3], [-0.4, 0.3]]), f([0.1, -0.1])
save("linear", [helper.make_node("LinearClassifier", ["x"], ["label", "probabilities"], domain=ML,
    coefficients=coef.flatten().tolist(), intercepts=icpt.tolist(), classlabels_ints=[3, 7], post_transform="SOFTMAX")],
    [tensor("x", TensorProto.FLOAT, ["N", 2])], [tensor("label", TensorProto.INT64, ["N"]), tensor("probabilities", TensorProto.FLOAT, ["N", 2])], ml=True)
pl = softmax((f(data["logits"]) @ coef.T + icpt).astype(np.float64))
expect["linear"] = {"probabilities": pl.flatten(), "label": [str([3, 7][i]) for i in pl.argmax(axis=1)]}
print(json.dumps(expect, default=lambda o: o.tolist()))
`;

const INPUT = {
  tensor: [
    [39, 40],
    [50, 13],
    [38, 40],
    [28, 60],
    [90, 99],
  ],
  columns: { age: [25, 47, null, 61], hours: [40, 60, 20, 35], sex: ["Female", "Male", "Other", ""] },
  logits: [
    [0.5, 1.5],
    [-2, 0.25],
    [3, -1],
  ],
  regression: { a: [1, 2.5, -3], b: [4, 0, 10] },
};

interface Expected {
  tensor: number[];
  columns: { probabilities: number[]; label: string[] };
  columns_nodes: [string, string, string[], string[], string[]][];
  logits: number[];
  regression: number[];
  zipmap: { probabilities: number[]; label: string[] };
  linear: { probabilities: number[]; label: string[] };
}

let dir = "";
let expected: Expected;
const models: LoadedModel[] = [];

/** Loads a model built in `before` and releases it after the tests. */
async function load(name: string, options: Omit<Parameters<typeof loadModel>[0], "path"> = {}): Promise<LoadedModel> {
  const model = await loadModel({ path: join(dir, `${name}.onnx`), ...options });
  models.push(model);
  return model;
}

function batch(
  columns: Record<string, RawValue[]>,
  lines?: number[],
): { columns: Map<string, RawValue[]>; rows: number; lines?: number[]; file: string } {
  const map = new Map(Object.entries(columns));
  const rows = map.values().next().value?.length ?? 0;
  return { columns: map, rows, ...(lines ? { lines } : {}), file: "data/test.csv" };
}

function assertClose(actual: ArrayLike<number>, wanted: number[], tolerance: number): void {
  assert.equal(actual.length, wanted.length);
  for (let k = 0; k < wanted.length; k++) assert.ok(Math.abs(actual[k]! - wanted[k]!) <= tolerance, `[${k}]: ${actual[k]} vs ${wanted[k]}`);
}

/** Asserts a UserError whose message matches every pattern. */
async function rejectsUser(run: () => Promise<unknown>, ...patterns: RegExp[]): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

describe("loadModel", () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-onnx-model-"));
    const result = spawnSync("/usr/bin/python3", ["-c", BUILD, dir], { input: JSON.stringify(INPUT), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
    expected = JSON.parse(result.stdout) as Expected;
  });
  after(async () => {
    for (const model of models) await model.release();
    await rm(dir, { recursive: true, force: true });
  });

  describe("a model with one [N, 2] tensor input", () => {
    test("fills the tensor from the feature columns and expands the sigmoid output to [1 − p, p]", async () => {
      const model = await load("tensor", { features: ["age", "hours"] });
      assert.deepEqual(model.inputs, [{ name: "x", kind: "tensor", columns: ["age", "hours"], elemType: "float32", shape: "N,F" }]);
      assert.deepEqual(model.requiredColumns, ["age", "hours"]);
      assert.deepEqual(model.outputs, { kind: "score", score: "probability", scoreKind: "probability" });
      assert.match(model.sha256, /^[0-9a-f]{64}$/);
      assert.equal(model.bytes, readFileSync(join(dir, "tensor.onnx")).length);
      assert.deepEqual(model.signature.inputs, [{ name: "x", type: "float32", shape: ["N", 2] }]);
      // Text as a CSV reader gives it, and numbers as JSON Lines or Parquet give them.
      const prediction = await model.predict(batch({ age: ["39", 50, " 38 ", 28, 90], hours: [40, "13", 40, 60, 99] }));
      assert.equal(prediction.classes, 2);
      const p = expected.tensor;
      assertClose(
        prediction.probabilities!,
        p.flatMap((q) => [1 - q, q]),
        1e-6,
      );
    });

    test("refuses to load without feature columns, naming the input and its width", async () => {
      await rejectsUser(() => loadModel({ path: join(dir, "tensor.onnx") }), /"x"/, /2 features/, /evaluate\.features/);
    });

    test("refuses feature columns that do not match the input's width, naming both", async () => {
      await rejectsUser(
        () => loadModel({ path: join(dir, "tensor.onnx"), features: ["age", "hours", "sex"] }),
        /takes 2 features/,
        /3 feature columns/,
      );
    });
  });

  describe("a model with one input per column", () => {
    test("converts each column by its input's type and reads label + probabilities and the class labels", async () => {
      const model = await load("columns");
      assert.deepEqual(
        model.inputs.map((input) => [input.name, input.kind, input.columns, input.elemType, input.shape]),
        [
          ["age", "column", ["age"], "float32", "N,1"],
          ["hours", "column", ["hours"], "int64", "N,1"],
          ["sex", "column", ["sex"], "string", "N,1"],
        ],
      );
      assert.deepEqual(model.outputs, { kind: "label+probabilities", label: "label", probabilities: "probabilities" });
      assert.deepEqual(model.classLabels, ["low", "mid", "high"]);
      const prediction = await model.predict(
        batch({ age: ["25", 47, null, "61"], hours: ["40", 60, 20n, "35"], sex: ["Female", "Male", "Other", null] }),
      );
      assert.equal(prediction.classes, 3);
      assertClose(prediction.probabilities!, expected.columns.probabilities, 1e-6);
      assert.deepEqual(prediction.labels, expected.columns.label);
    });

    test("checkColumns lists the missing columns and the model's inputs", async () => {
      const model = await load("columns");
      assert.doesNotThrow(() => {
        checkColumns(model, ["sex", "hours", "age", "extra"], "data/test.csv");
      });
      assert.throws(
        () => {
          checkColumns(model, ["age"], "data/test.csv");
        },
        (error: unknown) =>
          isUserError(error) &&
          /data\/test\.csv/.test(error.message) &&
          /"hours", "sex"/.test(error.message) &&
          /inputs: age \(float32\); hours \(int64\); sex \(string\)/.test(error.message),
      );
      await rejectsUser(() => model.predict(batch({ age: [1], hours: [2] })), /no column "sex"/);
    });

    test("reports text in a float column with its file:line, column and value", async () => {
      const model = await load("columns");
      await rejectsUser(
        () => model.predict(batch({ age: ["25", "abc"], hours: [1, 2], sex: ["Male", "Male"] }, [2, 7])),
        /^data\/test\.csv:7: /,
        /column "age"/,
        /"abc"/,
        /not a number/,
      );
    });

    test("reports a missing value in an int64 column with its file:line, as int64 cannot hold it", async () => {
      const model = await load("columns");
      await rejectsUser(
        () => model.predict(batch({ age: [1, 2, 3], hours: [1, 2, null], sex: ["", "", ""] }, [2, 3, 4])),
        /^data\/test\.csv:4: /,
        /column "hours"/,
        /int64/,
      );
    });
  });

  describe("scores and values", () => {
    test("applies the sigmoid to an output named logits", async () => {
      const model = await load("logits", { features: ["a", "b"] });
      assert.deepEqual(model.outputs, { kind: "score", score: "logits", scoreKind: "logit" });
      const prediction = await model.predict(batch({ a: INPUT.logits.map((r) => r[0]!), b: INPUT.logits.map((r) => r[1]!) }));
      assertClose(
        prediction.probabilities!,
        expected.logits.flatMap((q) => [1 - q, q]),
        1e-6,
      );
    });

    test("refuses a score outside [0, 1] and suggests score_kind: logit, which then works", async () => {
      const model = await load("raw_score", { features: ["a", "b"], task: "binary" });
      assert.deepEqual(model.outputs, { kind: "score", score: "out", scoreKind: "probability" });
      const data = batch({ a: INPUT.logits.map((r) => r[0]!), b: INPUT.logits.map((r) => r[1]!) }, [2, 3, 4]);
      await rejectsUser(() => model.predict(data), /"out"/, /outside \[0, 1\]/, /score_kind: logit/);
      const asLogit = await load("raw_score", { features: ["a", "b"], task: "binary", outputs: { score: "out", scoreKind: "logit" } });
      assertClose(
        (await asLogit.predict(data)).probabilities!,
        expected.logits.flatMap((q) => [1 - q, q]),
        1e-6,
      );
    });

    test("reads a regression output as one value per row", async () => {
      const model = await load("regression", { task: "regression" });
      assert.deepEqual(model.outputs, { kind: "value", value: "variable" });
      assert.equal(model.classLabels, undefined);
      const prediction = await model.predict(batch(INPUT.regression));
      assertClose(prediction.values!, expected.regression, 1e-5);
      assert.equal(prediction.probabilities, undefined);
      const untasked = await load("regression");
      assert.equal(untasked.outputs.kind, "value");
    });

    test("reports a NaN output with the output's name, the first bad row's file:line and the count", async () => {
      const model = await load("log", { task: "regression" });
      await rejectsUser(
        () => model.predict(batch({ a: [1, -1, 2, -5] }, [10, 11, 12, 13])),
        /^data\/test\.csv:11: /,
        /"variable"/,
        /NaN/,
        /2 of 4 rows/,
      );
    });
  });

  describe("ZipMap and classifier ops", () => {
    test("refuses a model whose probabilities are only a ZipMap, saying to export with zipmap=False", async () => {
      await rejectsUser(
        () => loadModel({ path: join(dir, "zipmap_only.onnx"), features: ["a", "b"] }),
        /"output_probability" is a ZipMap/,
        /zipmap=False/,
      );
    });

    test("uses the tensor probabilities beside a ZipMap and reads the ZipMap's class labels", async () => {
      const model = await load("zipmap_both", { features: ["a", "b"] });
      assert.deepEqual(model.outputs, { kind: "label+probabilities", label: "output_label", probabilities: "probabilities" });
      assert.deepEqual(model.classLabels, ["no", "yes"]);
      const prediction = await model.predict(batch({ a: INPUT.logits.map((r) => r[0]!), b: INPUT.logits.map((r) => r[1]!) }));
      assertClose(prediction.probabilities!, expected.zipmap.probabilities, 1e-6);
      assert.deepEqual(prediction.labels, expected.zipmap.label);
    });

    test("reads a LinearClassifier's integer class labels and its label output as text", async () => {
      const model = await load("linear", { features: ["a", "b"] });
      assert.deepEqual(model.outputs, { kind: "label+probabilities", label: "label", probabilities: "probabilities" });
      assert.deepEqual(model.classLabels, ["3", "7"]);
      const prediction = await model.predict(batch({ a: INPUT.logits.map((r) => r[0]!), b: INPUT.logits.map((r) => r[1]!) }));
      assertClose(prediction.probabilities!, expected.linear.probabilities, 1e-6);
      assert.deepEqual(prediction.labels, expected.linear.label);
    });
  });

  describe("files that are not models", () => {
    test("names a missing file", async () => {
      await rejectsUser(() => loadModel({ path: join(dir, "nope.onnx") }), /nope\.onnx/, /not found/);
    });

    test("refuses garbage bytes and a renamed CSV, suggesting an exporter", async () => {
      await writeFile(join(dir, "garbage.onnx"), Buffer.from([0xff, 0x13, 0x00, 0x42, 0x99, 0x07]));
      await writeFile(join(dir, "data.onnx"), "age,hours\n39,40\n");
      for (const name of ["garbage.onnx", "data.onnx"]) {
        await rejectsUser(
          () => loadModel({ path: join(dir, name) }),
          new RegExp(name.replace(".", "\\.")),
          /is not an ONNX model onnxruntime can load/,
          /skl2onnx/,
        );
      }
    });
  });

  describe("readOnnxGraph", () => {
    test("reads the nodes python-onnx wrote: ops, domains, inputs, outputs and attribute names", () => {
      const graph = readOnnxGraph(readFileSync(join(dir, "columns.onnx")));
      assert.deepEqual(
        graph.nodes.map((node) => [node.opType, node.domain, node.inputs, node.outputs, [...node.attributes.keys()].sort()]),
        expected.columns_nodes,
      );
      assert.deepEqual(graph.inputs, ["age", "hours", "sex"]);
      assert.deepEqual(graph.outputs, ["label", "probabilities"]);
      const encoder = graph.nodes.find((node) => node.opType === "LabelEncoder" && node.outputs[0] === "sex_f")!;
      assert.deepEqual(encoder.attributes.get("values_floats")?.floats, [0, 1]);
      assert.equal(encoder.attributes.get("default_float")?.f, 0.5);
      assert.equal(graph.nodes.find((node) => node.opType === "ArgMax")!.attributes.get("keepdims")?.i, 0n);
      assert.equal(producerOp(graph, "probabilities"), "Softmax");
      assert.deepEqual(findClassLabels(graph), ["low", "mid", "high"]);
    });

    test("finds the producer behind shape-only ops", () => {
      const graph = readOnnxGraph(readFileSync(join(dir, "tensor.onnx")));
      assert.equal(producerOp(graph, "probability"), "Sigmoid");
      assert.equal(producerOp(readOnnxGraph(readFileSync(join(dir, "logits.onnx"))), "logits"), "MatMul");
      assert.equal(producerOp(graph, "x"), undefined);
    });
  });
});
