/** A sweep's parameters reach the built-in trainer's config, and a name it does not have is refused. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UserError } from "../../../src/common/errors.ts";
import { withParams } from "../../../src/train/builtin-train.ts";
import type { TrainConfig } from "../../../src/train/train-config.ts";

const config: TrainConfig = {
  file: "train.yaml",
  data: { train: "train.csv" },
  target: "y",
  features: [{ name: "x" }],
  model: { kind: "mlp", layers: [32, 16], activation: "relu", dropout: 0 },
  epochs: 15,
  batchSize: 128,
  learningRate: 0.005,
  validationSplit: 0.2,
  earlyStopping: undefined,
  seed: 42,
};

describe("withParams", () => {
  test("sets every documented parameter from its text", () => {
    const next = withParams(config, {
      epochs: "30",
      batch_size: "64",
      lr: "0.01",
      validation_split: "0.1",
      seed: "7",
      dropout: "0.25",
      layers: "64, 32",
      activation: "tanh",
      kind: "linear",
    });
    assert.deepEqual(
      {
        epochs: next.epochs,
        batchSize: next.batchSize,
        learningRate: next.learningRate,
        validationSplit: next.validationSplit,
        seed: next.seed,
        model: next.model,
      },
      {
        epochs: 30,
        batchSize: 64,
        learningRate: 0.01,
        validationSplit: 0.1,
        seed: 7,
        model: { kind: "linear", layers: [64, 32], activation: "tanh", dropout: 0.25 },
      },
    );
    assert.equal(withParams(config, { learning_rate: "0.002" }).learningRate, 0.002);
    assert.deepEqual(config.model.layers, [32, 16], "the loaded config is not changed");
  });

  test("no parameters: the config as it was", () => {
    assert.deepEqual(withParams(config, {}), config);
  });

  test("an unknown name or a bad value is a UserError naming it", () => {
    assert.throws(
      () => withParams(config, { momentum: "0.9" }),
      (error: unknown) =>
        error instanceof UserError && /no parameter "momentum"/.test(error.message) && /MODELSHIP_PARAM_/.test(error.message),
    );
    assert.throws(
      () => withParams(config, { epochs: "2.5" }),
      (error: unknown) => error instanceof UserError && /epochs=2\.5 is not a whole number/.test(error.message),
    );
    assert.throws(() => withParams(config, { layers: "32,,16" }), UserError);
    assert.throws(() => withParams(config, { dropout: "1" }), UserError);
    assert.throws(() => withParams(config, { activation: "gelu" }), UserError);
  });
});
