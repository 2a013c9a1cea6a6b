/**
 * The built-in trainer as a train-stage runner: train.yaml → TensorFlow.js training → model.onnx
 * with the preprocessing inside the graph → metrics on the held-out file, if there is one.
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { reportProgress } from "../common/progress.ts";
import { exportOnnx } from "./export-onnx.ts";
import type { TrainedModel } from "./model-spec.ts";
import { fingerprintFile } from "./run-context.ts";
import { loadTabular, type TabularData } from "./tabular-data.ts";
import { loadTrainConfig, type TrainConfig } from "./train-config.ts";
import type { BuiltinRun } from "./run-training.ts";
import { predictRows, trainModel } from "./trainer.ts";

/** Accuracy (classification) or RMSE (regression) of the model on encoded data. */
function heldOutMetrics(model: TrainedModel, data: TabularData): Record<string, number> {
  const predictions = predictRows(model, data.x);
  if (model.task === "regression") {
    let squared = 0;
    for (let row = 0; row < data.rows; row++) squared += (predictions[row]! - data.y[row]!) ** 2;
    return { test_rmse: Math.sqrt(squared / data.rows) };
  }
  const classes = model.classes!.length;
  let correct = 0;
  for (let row = 0; row < data.rows; row++) {
    let predicted: number;
    if (model.task === "binary") predicted = predictions[row]! >= 0.5 ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < classes; c++) if (predictions[row * classes + c]! > predictions[row * classes + predicted]!) predicted = c;
    }
    if (predicted === data.y[row]) correct++;
  }
  return { test_accuracy: correct / data.rows };
}

/** train.yaml settings a sweep's `--param NAME=VALUE` (the train action's params) may set. */
const PARAM_NAMES = [
  "epochs",
  "batch_size",
  "learning_rate",
  "lr",
  "validation_split",
  "seed",
  "dropout",
  "layers",
  "activation",
  "kind",
] as const;

function paramNumber(name: string, value: string, check: (x: number) => boolean, what: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || !check(x))
    throw new UserError(`parameter ${name}=${value} is not ${what}`, {
      hint: `give ${name} as ${what}, e.g. --param ${name}=${name === "learning_rate" || name === "lr" ? "0.01" : name === "dropout" || name === "validation_split" ? "0.2" : "32"}`,
    });
  return x;
}

/**
 * train.yaml with a sweep's parameters applied (epochs, batch_size, learning_rate or lr,
 * validation_split, seed, dropout, layers as "32,16", activation, kind). Any other name is refused:
 * a sweep whose parameters changed nothing would train the same model N times.
 */
export function withParams(config: TrainConfig, params: Readonly<Record<string, string>>): TrainConfig {
  const next: TrainConfig = { ...config, model: { ...config.model } };
  const positive = (x: number) => x > 0;
  const whole = (x: number) => Number.isInteger(x) && x > 0;
  for (const [name, value] of Object.entries(params)) {
    switch (name) {
      case "epochs":
        next.epochs = paramNumber(name, value, whole, "a whole number ≥ 1");
        break;
      case "batch_size":
        next.batchSize = paramNumber(name, value, whole, "a whole number ≥ 1");
        break;
      case "learning_rate":
      case "lr":
        next.learningRate = paramNumber(name, value, positive, "a number > 0");
        break;
      case "validation_split":
        next.validationSplit = paramNumber(name, value, (x) => x >= 0 && x < 1, "a share in [0, 1)");
        break;
      case "seed":
        next.seed = paramNumber(name, value, (x) => Number.isInteger(x) && x >= 0, "a whole number ≥ 0");
        break;
      case "dropout":
        next.model.dropout = paramNumber(name, value, (x) => x >= 0 && x < 1, "a share in [0, 1)");
        break;
      case "layers":
        next.model.layers = value.split(",").map((part) => paramNumber(name, part.trim(), whole, "whole numbers ≥ 1 separated by commas"));
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
          hint: `a sweep can set ${PARAM_NAMES.join(", ")}; other parameters reach only a training command (train.command) as MODELSHIP_PARAM_*`,
        });
    }
  }
  return next;
}

/** Makes the train-stage runner for a train.yaml. */
export function builtinTrainer(options: {
  configPath: string;
  cwd: string;
  logger: Logger;
  toolVersion: string;
  seed?: number;
  params?: Readonly<Record<string, string>>;
}): (outputDir: string) => Promise<BuiltinRun> {
  return async (outputDir) => {
    const { logger, cwd } = options;
    const loaded = withParams(await loadTrainConfig(options.configPath, cwd), options.params ?? {});
    // An explicit seed (the seed input or --seed) wins over train.yaml's.
    const config = options.seed === undefined ? loaded : { ...loaded, seed: options.seed };
    const contract = config.data.contract === undefined ? undefined : await loadContract(resolve(cwd, config.data.contract));
    const train = await loadTabular({
      path: resolve(cwd, config.data.train),
      contract,
      features: config.features,
      target: config.target,
      task: config.task,
    });
    // The validation and test files are encoded with the training file's preprocessing. The test file
    // is read before the fit, so that a label training never saw (`<=50K.` against `<=50K`) stops the
    // run at once rather than after every epoch. The model keeps the training file's encoding
    // (trainer.ts), so this is the encoding it is measured with.
    const withTrainEncoding = async (path: string | undefined) =>
      path === undefined
        ? undefined
        : await loadTabular({ path: resolve(cwd, path), contract, features: config.features, target: config.target, fitted: train });
    const valid = await withTrainEncoding(config.data.valid);
    const test = await withTrainEncoding(config.data.test);
    logger.info(
      `Training on ${train.rows} rows (${train.skippedRows} without a label skipped), ${train.features.length} features → ${train.width} inputs, task ${train.task}.`,
    );
    const result = await trainModel({
      data: train,
      model: config.model,
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      validationSplit: config.validationSplit,
      ...(valid === undefined ? {} : { validation: valid }),
      earlyStopping: config.earlyStopping,
      seed: config.seed,
      logger,
      // Drawn by the face (the CLI's bar on a terminal, outside CI); nothing elsewhere: one log line per epoch.
      onProgress: (progress) => {
        reportProgress({
          task: `epoch ${progress.epoch}/${progress.epochs}`,
          done: progress.rows,
          total: progress.totalRows,
          unit: "rows",
        });
      },
    });
    const best = result.history[result.bestEpoch - 1] ?? result.history.at(-1);
    const metrics: Record<string, number> = {};
    for (const [name, value] of Object.entries(best ?? {})) if (name !== "epoch" && typeof value === "number") metrics[name] = value;
    if (test !== undefined) Object.assign(metrics, heldOutMetrics(result.model, test));
    await writeFileAtomic(join(outputDir, "model.onnx"), exportOnnx(result.model, { producerVersion: options.toolVersion }));
    return {
      configFile: { ...(await fingerprintFile(resolve(cwd, config.file))), path: config.file },
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
        ...(valid === undefined ? { validation_split: config.validationSplit } : {}),
        best_epoch: result.bestEpoch,
      },
      metrics,
      history: result.history.map((entry) =>
        Object.fromEntries(Object.entries(entry).filter((pair): pair is [string, number] => typeof pair[1] === "number")),
      ),
      dataPaths: [config.data.train, ...[config.data.valid, config.data.test].filter((path): path is string => path !== undefined)],
      ...(config.data.contract === undefined ? {} : { contractPath: config.data.contract }),
      backend: { name: result.backend, package: result.package, ...(result.threads === undefined ? {} : { threads: result.threads }) },
    };
  };
}
