/**
 * The built-in trainer on the example Adult census data: it learns, it is reproducible from its
 * seed, its `TrainedModel` means what model-spec.ts says (a plain-JS forward pass agrees with
 * TF.js), its two backends (modelship-js, tfjs) train the same model, and the user's mistakes are
 * UserErrors.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { loadContract } from "../../../src/data/contract/load-contract.ts";
import type { DataContract } from "../../../src/data/contract/contract-types.ts";
import { featureWidth, type TrainedModel } from "../../../src/train/model-spec.ts";
import { loadTabular, type FeatureRequest, type TabularData } from "../../../src/train/tabular-data.ts";
import { loadTf, predictWithTf } from "../../../src/train/tfjs-backend.ts";
import { predictRows, trainModel, type TrainOptions } from "../../../src/train/trainer.ts";

const DATA = "examples/model-repo/data";
const FEATURES: FeatureRequest[] = [
  { name: "age" },
  { name: "education-num" },
  { name: "hours-per-week" },
  { name: "sex" },
  { name: "workclass" },
];

/** The model-spec forward pass, written independently of the trainer: row-major outputs. */
function forward(model: TrainedModel, x: Float32Array): Float64Array {
  const rows = x.length / model.layers[0]!.inputs;
  let input: Float64Array = Float64Array.from(x);
  for (const layer of model.layers) {
    const out = new Float64Array(rows * layer.units);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < layer.units; j++) {
        let sum = layer.bias[j]!;
        for (let i = 0; i < layer.inputs; i++) sum += input[r * layer.inputs + i]! * layer.weights[i * layer.units + j]!;
        out[r * layer.units + j] = sum;
      }
      const row = out.subarray(r * layer.units, (r + 1) * layer.units);
      if (layer.activation === "relu") row.forEach((v, j) => (row[j] = Math.max(0, v)));
      else if (layer.activation === "tanh") row.forEach((v, j) => (row[j] = Math.tanh(v)));
      else if (layer.activation === "sigmoid") row.forEach((v, j) => (row[j] = 1 / (1 + Math.exp(-v))));
      else if (layer.activation === "softmax") {
        const max = Math.max(...row);
        const exps = row.map((v) => Math.exp(v - max));
        const total = exps.reduce((a, b) => a + b, 0);
        row.forEach((_, j) => (row[j] = exps[j]! / total));
      }
    }
    input = out;
  }
  return input;
}

/** Share of rows whose predicted class (P > 0.5 for binary) is the label. */
function accuracy(model: TrainedModel, data: TabularData): number {
  const out = forward(model, data.x);
  let right = 0;
  for (let r = 0; r < data.rows; r++) if ((out[r]! > 0.5 ? 1 : 0) === data.y[r]) right++;
  return right / data.rows;
}

function options(data: TabularData, overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    data,
    model: { kind: "mlp", layers: [16, 8], dropout: 0.1 },
    epochs: 4,
    batchSize: 64,
    learningRate: 0.01,
    validationSplit: 0.2,
    seed: 7,
    logger: new MemoryLogger(),
    ...overrides,
  };
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe("built-in trainer", () => {
  let contract: DataContract;
  let train: TabularData;
  let dir: string;

  before(async () => {
    contract = await loadContract(join(DATA, "contract.yaml"));
    train = await loadTabular({ path: join(DATA, "train.csv"), contract, features: FEATURES, target: "Y" });
    dir = await mkdtemp(join(tmpdir(), "modelship-trainer-"));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test("fits features per model-spec and infers a binary task", () => {
    assert.equal(train.task, "binary");
    assert.deepEqual(train.classes, ["<=50K", ">50K"]);
    assert.deepEqual(
      train.features.map((feature) => feature.kind),
      ["numeric", "numeric", "numeric", "categorical", "categorical"],
    );
    const sex = train.features[3]!;
    assert.ok(sex.kind === "categorical");
    assert.deepEqual([...sex.categories].sort(), ["Female", "Male"]);
    assert.equal(sex.fill, sex.categories[0]);
    assert.equal(train.width, featureWidth(train.features));
    assert.equal(train.x.length, train.rows * train.width);
  });

  test("loss decreases and test accuracy beats the majority class", async () => {
    const result = await trainModel(options(train, { epochs: 6 }));
    assert.equal(result.history.length, 6);
    assert.ok(result.history.at(-1)!.loss < result.history[0]!.loss, JSON.stringify(result.history));

    // test.csv writes labels with a trailing "."; the contract's aliases map them back.
    const test = await loadTabular({ path: join(DATA, "test.csv"), contract, features: [], target: "Y", fitted: result.model });
    const positives = test.y.reduce((sum, label) => sum + label, 0) / test.rows;
    const majority = Math.max(positives, 1 - positives);
    const score = accuracy(result.model, test);
    assert.ok(score > majority + 0.01, `accuracy ${score} vs majority ${majority}`);
  });

  test("the same seed gives identical weights; another seed does not", async () => {
    const a = await trainModel(options(train));
    const b = await trainModel(options(train));
    const c = await trainModel(options(train, { seed: 8 }));
    assert.deepEqual(a.model, b.model);
    assert.deepEqual(a.history, b.history);
    assert.notDeepEqual(a.model.layers[0]!.weights, c.model.layers[0]!.weights);
  });

  test("a plain-JS forward pass over the TrainedModel matches TF.js and predictRows", async () => {
    const { tf } = await loadTf();
    const logger = new MemoryLogger();
    // The training file as the validation data: val_accuracy is then the final weights' accuracy on every row.
    const result = await trainModel(options(train, { epochs: 2, validation: train, logger }));
    // One info line per epoch, and the backend's (info: on a GPU runner it shows whether the GPU is used).
    assert.equal(logger.entries.filter((entry) => entry.level === "info" && entry.message.startsWith("epoch ")).length, 2);
    assert.equal(
      logger.entries.filter((entry) => entry.level === "info" && entry.message.startsWith("training backend: modelship-js (")).length,
      1,
    );
    const ours = forward(result.model, train.x);
    const theirs = predictWithTf(tf, result.model, train.x);
    const plain = predictRows(result.model, train.x);
    assert.equal(theirs.length, ours.length);
    for (let i = 0; i < ours.length; i++) {
      assert.ok(Math.abs(ours[i]! - theirs[i]!) < 1e-5, `row ${i}: ${ours[i]} vs ${theirs[i]}`);
      assert.ok(Math.abs(ours[i]! - plain[i]!) < 1e-6, `row ${i}: ${ours[i]} vs predictRows ${plain[i]}`);
    }
    // The trainer's own accuracy came from its float64 weights: the exported float32 ones must agree
    // (a row whose probability sits within float32 rounding of 0.5 may flip; allow two).
    const ourAccuracy = accuracy(result.model, train);
    assert.ok(
      Math.abs(ourAccuracy - result.history.at(-1)!.val_accuracy!) <= 2 / train.rows,
      `${ourAccuracy} vs ${result.history.at(-1)!.val_accuracy}`,
    );
  });

  test("the tfjs backend trains the same model as modelship-js (float32 vs float64 arithmetic apart)", async () => {
    const settings = { epochs: 2, earlyStopping: { patience: 1 } };
    const ours = await trainModel(options(train, settings));
    const logger = new MemoryLogger();
    const theirs = await trainModel(
      options(train, { ...settings, model: { kind: "mlp", layers: [16, 8], dropout: 0.1, backend: "tfjs" }, logger }),
    );
    assert.equal(ours.backend, "modelship-js");
    assert.notEqual(theirs.backend, "modelship-js");
    assert.match(theirs.package, /^@tensorflow\//);
    // Same split, shuffles, dropout masks and initial weights; Adam with ε 1e-7 in both.
    for (const [e, record] of ours.history.entries()) {
      const other = theirs.history[e]!;
      for (const key of ["loss", "val_loss", "accuracy", "val_accuracy"] as const)
        assert.ok(Math.abs(record[key]! - other[key]!) < 2e-3, `epoch ${e + 1} ${key}: ${record[key]} vs ${other[key]}`);
    }
    let worst = 0;
    for (const [l, layer] of ours.model.layers.entries())
      for (let i = 0; i < layer.weights.length; i++)
        worst = Math.max(worst, Math.abs(layer.weights[i]! - theirs.model.layers[l]!.weights[i]!));
    assert.ok(worst < 5e-3, `largest weight difference ${worst}`);
  });

  test("multiclass (softmax) and regression train, with linear and tanh models", async () => {
    const { tf } = await loadTf();
    const multi = await loadTabular({
      path: join(DATA, "train.csv"),
      contract,
      features: [{ name: "age" }, { name: "sex" }],
      target: "race",
    });
    assert.equal(multi.task, "multiclass");
    const m = await trainModel(
      options(multi, { model: { kind: "mlp", layers: [8], activation: "tanh" }, epochs: 2, earlyStopping: { patience: 1 } }),
    );
    assert.equal(m.model.layers.at(-1)!.units, multi.classes!.length);
    const probabilities = predictWithTf(tf, m.model, multi.x.subarray(0, multi.width * 5));
    const ours = forward(m.model, multi.x.subarray(0, multi.width * 5));
    for (let i = 0; i < ours.length; i++) assert.ok(Math.abs(ours[i]! - probabilities[i]!) < 1e-5);

    const regression = await loadTabular({
      path: join(DATA, "train.csv"),
      contract,
      features: [{ name: "education-num" }, { name: "sex" }],
      target: "age",
    });
    assert.equal(regression.task, "regression");
    const r = await trainModel(options(regression, { model: { kind: "linear" }, epochs: 2, learningRate: 0.1 }));
    assert.equal(r.model.layers.length, 1);
    assert.equal(r.model.layers[0]!.activation, "linear");
    assert.equal(r.model.classes, undefined);
  });

  test("a separate validation file replaces the split, and early stopping keeps the best epoch", async () => {
    const valid = await loadTabular({ path: join(DATA, "test.csv"), contract, features: [], target: "Y", fitted: train });
    const epochs: number[] = [];
    // No later epoch can beat epoch 1 by a min_delta of 10, so training stops after `patience` more.
    const result = await trainModel(
      options(train, {
        validation: valid,
        epochs: 6,
        earlyStopping: { patience: 2, minDelta: 10 },
        onEpoch: (record) => epochs.push(record.epoch),
      }),
    );
    assert.deepEqual(result.rows, { train: train.rows, valid: valid.rows });
    assert.deepEqual(epochs, [1, 2, 3]);
    assert.equal(result.bestEpoch, 1);
    assert.ok(result.history.every((record) => record.val_loss !== undefined));
    // The kept weights are epoch 1's: the same run stopped by epochs: 1 has them.
    const first = await trainModel(options(train, { validation: valid, epochs: 1 }));
    assert.deepEqual(result.model.layers, first.model.layers);

    const split = await trainModel(options(train, { epochs: 1 }));
    assert.equal(split.rows.valid, Math.floor(train.rows * 0.2));
    assert.equal(split.rows.train + split.rows.valid, train.rows);
  });

  test("impute sets the value a missing cell becomes", async () => {
    const path = join(dir, "impute.csv");
    await writeFile(path, "n,c,y\n1,a,p\n2,b,q\n,,p\n9,b,q\n");
    const fitted = await loadTabular({
      path,
      features: [
        { name: "n", impute: "mean" },
        { name: "c", impute: "zzz" },
      ],
      target: "y",
    });
    const [n, c] = fitted.features;
    assert.ok(n?.kind === "numeric" && c?.kind === "categorical");
    assert.equal(n.median, 4);
    assert.equal(c.fill, "zzz");
    // Row 3's missing category lands in the "other" slot, since "zzz" is not a top category.
    assert.deepEqual([...fitted.x.subarray(2 * fitted.width + 1, 3 * fitted.width)], [0, 0, 1]);
    const defaults = await loadTabular({ path, features: [{ name: "n" }, { name: "c" }], target: "y" });
    assert.deepEqual(
      defaults.features.map((feature) => (feature.kind === "numeric" ? feature.median : feature.fill)),
      [2, "b"],
    );
    await rejects(loadTabular({ path, features: [{ name: "c", impute: 0 }], target: "y" }), /feature "c" is categorical but has impute 0/);
    await rejects(
      loadTabular({ path, features: [{ name: "n", impute: "most_frequent" }], target: "y" }),
      /feature "n" is numeric but has impute "most_frequent"/,
    );
  });

  test("user mistakes are UserErrors", async () => {
    const csv = async (name: string, text: string) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    };
    const trainPath = join(DATA, "train.csv");
    await rejects(
      loadTabular({ path: trainPath, contract, features: [{ name: "agee" }], target: "Y" }),
      /column "agee" is not in the file[\s\S]*available columns: "age"/,
    );
    await rejects(loadTabular({ path: trainPath, contract, features: FEATURES, target: "income" }), /column "income" is not in the file/);
    const bad = await csv("bad.csv", "a,b,y\n1,x,p\ntwo,y,q\n3,x,p\n");
    await rejects(
      loadTabular({ path: bad, features: [{ name: "a", kind: "numeric" }], target: "y" }),
      /bad\.csv:3: column "a" is numeric but has the value "two"/,
    );
    const empty = await csv("empty.csv", "a,b,y\n,1,p\n,2,q\n");
    await rejects(loadTabular({ path: empty, features: [{ name: "a" }, { name: "b" }], target: "y" }), /feature "a" has no values/);
    const single = await csv("single.csv", "a,y\n1,p\n2,p\n");
    await rejects(loadTabular({ path: single, features: [{ name: "a" }], target: "y" }), /single class \("p"\)/);
    await rejects(trainModel(options(train, { model: { kind: "forest" as "mlp" } })), /unknown model kind "forest"/);
    const huge = await csv("huge.csv", `a,y\n${Array.from({ length: 40 }, (_, i) => `${i},${i}e30`).join("\n")}\n`);
    const hugeData = await loadTabular({ path: huge, features: [{ name: "a" }], target: "y" });
    await rejects(
      trainModel(options(hugeData, { model: { kind: "linear" }, validationSplit: 0 })),
      /loss became (NaN|too large for float32) at epoch 1; lower learning_rate/,
    );
  });
});
