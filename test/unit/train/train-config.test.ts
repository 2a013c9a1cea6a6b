/**
 * train.yaml: defaults fill what is left out, paths are relative to the file, and mistakes are
 * schema errors that point at the line and the JSON pointer.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { loadTrainConfig } from "../../../src/train/train-config.ts";

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-train-config-"));
  await mkdir(join(dir, "train"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes train/<name> under the temp repo and returns its path relative to the repo. */
async function configFile(name: string, text: string): Promise<string> {
  await writeFile(join(dir, "train", name), text);
  return join("train", name);
}

async function rejectsWith(promise: Promise<unknown>, check: (error: UserError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe("loadTrainConfig", () => {
  test("fills the defaults and resolves paths against the config file", async () => {
    const file = await configFile("minimal.yaml", "data:\n  train: ../data/train.csv\ntarget: Y\nfeatures: [age, sex]\n");
    const config = await loadTrainConfig(file, dir);
    assert.deepEqual(config, {
      file,
      data: { train: join("data", "train.csv") },
      target: "Y",
      task: undefined,
      features: [{ name: "age" }, { name: "sex" }],
      model: { kind: "mlp", layers: undefined, activation: undefined, dropout: undefined },
      epochs: 20,
      batchSize: 256,
      learningRate: 0.001,
      validationSplit: 0.2,
      earlyStopping: undefined,
      seed: 42,
    });
  });

  test("reads every option, with feature objects and early stopping in the trainer's terms", async () => {
    const file = await configFile(
      "full.yaml",
      [
        "data: { train: ../data/train.csv, valid: ../data/valid.csv, test: ../data/test.csv, contract: ../data/contract.yaml }",
        "target: Y",
        "task: binary",
        "features:",
        "  - age",
        "  - { name: hours, kind: numeric, impute: mean }",
        "  - { name: workclass, kind: categorical, top_k: 5, impute: Unknown }",
        "model: { kind: mlp, layers: [64, 32], activation: tanh, dropout: 0.1 }",
        "epochs: 3",
        "batch_size: 32",
        "learning_rate: 0.01",
        "validation_split: 0.1",
        "early_stopping: { patience: 2, min_delta: 0.001 }",
        "seed: 7",
        "",
      ].join("\n"),
    );
    const config = await loadTrainConfig(file, dir);
    assert.deepEqual(config.data, {
      train: "data/train.csv",
      valid: "data/valid.csv",
      test: "data/test.csv",
      contract: "data/contract.yaml",
    });
    assert.equal(config.task, "binary");
    assert.deepEqual(config.features, [
      { name: "age" },
      { name: "hours", kind: "numeric", topK: undefined, impute: "mean" },
      { name: "workclass", kind: "categorical", topK: 5, impute: "Unknown" },
    ]);
    assert.deepEqual(config.model, { kind: "mlp", layers: [64, 32], activation: "tanh", dropout: 0.1 });
    assert.deepEqual([config.epochs, config.batchSize, config.learningRate, config.validationSplit, config.seed], [3, 32, 0.01, 0.1, 7]);
    assert.deepEqual(config.earlyStopping, { patience: 2, minDelta: 0.001, monitor: "val_loss" });
  });

  test("an unknown model kind is a schema error naming the line, the pointer and the allowed kinds", async () => {
    const file = await configFile("forest.yaml", "data: { train: train.csv }\ntarget: Y\nfeatures: [age]\nmodel:\n  kind: forest\n");
    await rejectsWith(loadTrainConfig(file, dir), (error) => {
      assert.match(error.message, /forest\.yaml:5/);
      assert.match(error.message, /\/model\/kind/);
      assert.match(error.message, /linear[\s\S]*mlp/);
    });
  });

  test("schema errors are gathered, not first-only", async () => {
    const file = await configFile(
      "many.yaml",
      "data: { train: train.csv }\ntarget: Y\nfeatures: [age]\nepochs: 0\nlearning_rate: -1\ndropout: 0.5\n",
    );
    await rejectsWith(loadTrainConfig(file, dir), (error) => {
      assert.match(error.message, /\/epochs/);
      assert.match(error.message, /\/learning_rate/);
      assert.match(error.message, /dropout/);
    });
  });

  test("a missing config file is a UserError naming it", async () => {
    await rejectsWith(loadTrainConfig("train/nope.yaml", dir), (error) => {
      assert.match(error.message, /nope\.yaml/);
    });
  });
});
