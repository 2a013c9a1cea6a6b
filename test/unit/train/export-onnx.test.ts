/**
 * The ONNX exporter: hand-built `TrainedModel`s with fixed weights, run in onnxruntime-node on raw
 * columns (missing numbers, missing and unseen categories included), must agree with a plain-JS
 * reading of model-spec.ts; the bytes must pass onnx's full check and be the same every time.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import * as ort from "onnxruntime-node";
import { isUserError } from "../../../src/common/errors.ts";
import { exportOnnx } from "../../../src/train/export-onnx.ts";
import type { Activation, DenseLayer, TrainedModel } from "../../../src/train/model-spec.ts";

type Column = number[] | string[];

/** A dense layer with weights from a fixed formula, so the tests need no random numbers. */
function dense(inputs: number, units: number, activation: Activation, seed: number): DenseLayer {
  const weights = Float32Array.from({ length: inputs * units }, (_, k) => Math.sin(seed + k * 1.7) * 0.9);
  const bias = Float32Array.from({ length: units }, (_, j) => Math.cos(seed + j) * 0.3);
  return { inputs, units, weights, bias, activation };
}

/** Binary: age (numeric), sex and workclass (categorical, width 3 and 4), 2-layer relu MLP. */
const binary: TrainedModel = {
  task: "binary",
  target: "income",
  classes: ["<=50K", ">50K"],
  features: [
    { name: "age", kind: "numeric", median: 37, mean: 38.5, std: 13.6 },
    { name: "sex", kind: "categorical", categories: ["Male", "Female"], fill: "Male" },
    { name: "workclass", kind: "categorical", categories: ["Private", "Self-emp", "Gov"], fill: "Private" },
    { name: "hours-per-week", kind: "numeric", median: 40, mean: 40.4, std: 12.3 },
  ],
  layers: [dense(9, 5, "relu", 1), dense(5, 1, "sigmoid", 2)],
};

/** Multiclass: three classes, a tanh hidden layer and a softmax output. */
const multiclass: TrainedModel = {
  task: "multiclass",
  target: "species",
  classes: ["setosa", "versicolor", "virginica"],
  features: [
    { name: "petal length", kind: "numeric", median: 4.35, mean: 3.76, std: 1.76 },
    { name: "colour", kind: "categorical", categories: ["blue", "white"], fill: "white" },
  ],
  layers: [dense(4, 6, "tanh", 3), dense(6, 3, "softmax", 4)],
};

/** Regression: one linear layer, plus a categorical whose fill is not among its categories. */
const regression: TrainedModel = {
  task: "regression",
  target: "price",
  features: [
    { name: "area", kind: "numeric", median: 80, mean: 92, std: 35 },
    { name: "city", kind: "categorical", categories: ["Paris", "Lyon"], fill: "Nantes" },
  ],
  layers: [dense(4, 1, "linear", 5)],
};

/** Rows for the binary model: a missing age (NaN), a missing sex (""), an unseen workclass. */
const binaryRows: Record<string, Column> = {
  age: [25, Number.NaN, 61, 44, 18],
  sex: ["Female", "Male", "", "Female", "Other"],
  workclass: ["Private", "Never-worked", "Gov", "", "Self-emp"],
  "hours-per-week": [40, 60, Number.NaN, 20, 35],
};
const multiclassRows: Record<string, Column> = { "petal length": [1.4, Number.NaN, 5.9, 4.5], colour: ["blue", "", "white", "green"] };
const regressionRows: Record<string, Column> = { area: [50, Number.NaN, 120], city: ["Lyon", "", "Nantes"] };

/** model-spec.ts, read literally: the feature vector of one raw row. */
function featureVector(model: TrainedModel, rows: Record<string, Column>, row: number): number[] {
  const vector: number[] = [];
  for (const feature of model.features) {
    const value = rows[feature.name]![row]!;
    if (feature.kind === "numeric") {
      const x = Number.isNaN(value) ? feature.median : (value as number);
      vector.push((x - feature.mean) / feature.std);
    } else {
      const category = value === "" ? feature.fill : (value as string);
      const index = feature.categories.indexOf(category);
      const slot = index === -1 ? feature.categories.length : index;
      for (let k = 0; k <= feature.categories.length; k++) vector.push(k === slot ? 1 : 0);
    }
  }
  return vector;
}

/** The dense layers of model-spec.ts on one feature vector, in float64. */
function forward(model: TrainedModel, vector: number[]): number[] {
  let x = vector;
  for (const layer of model.layers) {
    const z = Array.from({ length: layer.units }, (_, j) =>
      x.reduce((sum, xi, i) => sum + xi * layer.weights[i * layer.units + j]!, layer.bias[j]!),
    );
    if (layer.activation === "relu") x = z.map((v) => Math.max(0, v));
    else if (layer.activation === "tanh") x = z.map(Math.tanh);
    else if (layer.activation === "sigmoid") x = z.map((v) => 1 / (1 + Math.exp(-v)));
    else if (layer.activation === "softmax") {
      const max = Math.max(...z);
      const exp = z.map((v) => Math.exp(v - max));
      const total = exp.reduce((a, b) => a + b, 0);
      x = exp.map((v) => v / total);
    } else x = z;
  }
  return x;
}

/** Runs exported bytes in onnxruntime-node on raw columns, each fed as [n, 1]. */
async function runOnnx(bytes: Uint8Array, rows: Record<string, Column>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(Buffer.from(bytes));
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, column] of Object.entries(rows)) {
      feeds[name] =
        typeof column[0] === "number"
          ? new ort.Tensor("float32", Float32Array.from(column as number[]), [column.length, 1])
          : new ort.Tensor("string", column as string[], [column.length, 1]);
    }
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= 1e-5, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

const rowCount = (rows: Record<string, Column>): number => Object.values(rows)[0]!.length;
const expectedOutputs = (model: TrainedModel, rows: Record<string, Column>): number[][] =>
  Array.from({ length: rowCount(rows) }, (_, row) => forward(model, featureVector(model, rows, row)));

const options = { producerVersion: "1.2.3" };

describe("exportOnnx", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-onnx-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the bytes, runs onnx's full check on them and returns what onnx reads back. */
  async function checkWithOnnx(
    bytes: Uint8Array,
    name: string,
  ): Promise<{
    ir: number;
    producer: string;
    version: string;
    opsets: Record<string, number>;
    metadata: Record<string, string>;
    doc: string;
  }> {
    const path = join(dir, `${name}.onnx`);
    await writeFile(path, bytes);
    const script = [
      "import json, sys, onnx",
      "m = onnx.load(sys.argv[1])",
      "onnx.checker.check_model(m, full_check=True)",
      "print(json.dumps({'ir': m.ir_version, 'producer': m.producer_name, 'version': m.producer_version, 'doc': m.doc_string,",
      "  'opsets': {o.domain: o.version for o in m.opset_import}, 'metadata': {p.key: p.value for p in m.metadata_props}}))",
    ].join("\n");
    const result = spawnSync("/usr/bin/python3", ["-c", script, path], { encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as Awaited<ReturnType<typeof checkWithOnnx>>;
  }

  test("a binary classifier gives skl2onnx-style label and [1 − p, p] probabilities from raw columns, missing and unseen values included", async () => {
    const outputs = await runOnnx(exportOnnx(binary, options), binaryRows);
    const p = expectedOutputs(binary, binaryRows).map(([positive]) => positive!);
    assert.deepEqual(outputs.probabilities!.dims, [5, 2]);
    assertClose(
      outputs.probabilities!.data as Float32Array,
      p.flatMap((positive) => [1 - positive, positive]),
      "probabilities",
    );
    assert.deepEqual(outputs.label!.dims, [5]);
    assert.deepEqual(
      outputs.label!.data,
      p.map((positive) => binary.classes![positive >= 0.5 ? 1 : 0]),
    );
    // The weights are arbitrary; make sure the rows exercise both labels.
    assert.equal(new Set(outputs.label!.data).size, 2);
  });

  test("a binary probability of exactly 0.5 is labelled as the second class", async () => {
    const half: TrainedModel = {
      ...binary,
      layers: [
        dense(9, 5, "relu", 1),
        { inputs: 5, units: 1, weights: new Float32Array(5), bias: new Float32Array(1), activation: "sigmoid" },
      ],
    };
    const outputs = await runOnnx(exportOnnx(half, options), binaryRows);
    assert.deepEqual(outputs.label!.data, Array(5).fill(">50K"));
  });

  test("a multiclass classifier gives softmax probabilities and the most probable class's name", async () => {
    const outputs = await runOnnx(exportOnnx(multiclass, options), multiclassRows);
    const expected = expectedOutputs(multiclass, multiclassRows);
    assert.deepEqual(outputs.probabilities!.dims, [4, 3]);
    assertClose(outputs.probabilities!.data as Float32Array, expected.flat(), "probabilities");
    assert.deepEqual(
      outputs.label!.data,
      expected.map((row) => multiclass.classes![row.indexOf(Math.max(...row))]),
    );
  });

  test("a regressor gives one [N, 1] variable, and a fill outside the categories lands in the other slot", async () => {
    const outputs = await runOnnx(exportOnnx(regression, options), regressionRows);
    assert.deepEqual(outputs.variable!.dims, [3, 1]);
    assertClose(outputs.variable!.data as Float32Array, expectedOutputs(regression, regressionRows).flat(), "variable");
    assert.deepEqual(Object.keys(outputs), ["variable"]);
  });

  test("the inputs are the raw columns: float for numeric features and string for categorical ones, [N, 1] each", async () => {
    const session = await ort.InferenceSession.create(Buffer.from(exportOnnx(binary, options)));
    try {
      const inputs = session.inputMetadata.map((value) =>
        value.isTensor ? { name: value.name, type: value.type, shape: value.shape } : { name: value.name },
      );
      assert.deepEqual(inputs, [
        { name: "age", type: "float32", shape: ["N", 1] },
        { name: "sex", type: "string", shape: ["N", 1] },
        { name: "workclass", type: "string", shape: ["N", 1] },
        { name: "hours-per-week", type: "float32", shape: ["N", 1] },
      ]);
      assert.deepEqual(session.outputNames, ["label", "probabilities"]);
    } finally {
      await session.release();
    }
  });

  test("every exported model passes onnx.checker's full check and records producer, opsets and metadata", async () => {
    for (const [name, model] of Object.entries({ binary, multiclass, regression })) {
      const read = await checkWithOnnx(
        exportOnnx(model, { producerVersion: "1.2.3", docString: `the ${name} model`, metadata: { run: "42" } }),
        name,
      );
      assert.equal(read.ir, 8);
      assert.equal(read.producer, "modelship");
      assert.equal(read.version, "1.2.3");
      assert.equal(read.doc, `the ${name} model`);
      assert.deepEqual(read.opsets, { "": 17, "ai.onnx.ml": 3 });
      assert.equal(read.metadata["modelship.target"], model.target);
      assert.equal(read.metadata["modelship.task"], model.task);
      assert.deepEqual(
        JSON.parse(read.metadata["modelship.features"]!),
        model.features.map((feature) => feature.name),
      );
      assert.equal(read.metadata["modelship.classes"], model.classes ? JSON.stringify(model.classes) : undefined);
      assert.equal(read.metadata.run, "42");
    }
  });

  test("exporting the same model twice, or an equal copy with metadata in another order, gives identical bytes", () => {
    const first = exportOnnx(binary, { ...options, metadata: { a: "1", b: "2" } });
    const copy = structuredClone(binary);
    assert.deepEqual(exportOnnx(copy, { ...options, metadata: { b: "2", a: "1" } }), first);
    assert.deepEqual(exportOnnx(binary, { ...options, metadata: { a: "1", b: "2" } }), first);
  });

  test("a feature named like a model output is a UserError that says to rename it", () => {
    const clash: TrainedModel = {
      ...regression,
      features: [{ name: "variable", kind: "numeric", median: 0, mean: 0, std: 1 }, regression.features[1]!],
    };
    assert.throws(
      () => exportOnnx(clash, options),
      (error: unknown) => isUserError(error) && /"variable".*rename/s.test(error.message),
    );
  });

  test("a model whose layers do not fit its features is refused as a bug, not exported", () => {
    const broken: TrainedModel = { ...binary, layers: [dense(8, 1, "sigmoid", 1)] };
    assert.throws(() => exportOnnx(broken, options), /layer 0 takes 8 inputs but gets 9/);
  });
});
