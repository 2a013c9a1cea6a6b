/**
 * The built-in trainer end to end on the Adult example: train.yaml → modelship-js → model.onnx
 * with the preprocessing in the graph. The exported model must pass onnx.checker, take the raw
 * columns, and give TF.js's predictions (1e-5) in onnxruntime; the same seed gives the same bytes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import * as ort from "onnxruntime-node";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { resolveTrainSettings } from "../../../src/stages/train-settings.ts";
import { loadContract, readOptionsFor } from "../../../src/data/contract/load-contract.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { exportOnnx } from "../../../src/train/export-onnx.ts";
import { loadTabular } from "../../../src/train/tabular-data.ts";
import { loadTf, predictWithTf } from "../../../src/train/tfjs-backend.ts";
import { loadTrainConfig } from "../../../src/train/train-config.ts";
import { trainFromSettings } from "../../../src/stages/train-stage.ts";
import { trainModel } from "../../../src/train/trainer.ts";

const EXAMPLE = new URL("../../../examples/model-repo", import.meta.url).pathname;
let repo: string;

before(async () => {
  repo = await mkdtemp(join(tmpdir(), "modelship-builtin-"));
  await cp(EXAMPLE, repo, { recursive: true });
});
after(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function train(output: string) {
  const settings = resolveTrainSettings({ trainConfig: "train/train.yaml", output, requireGpu: "false" }, { resolvePath: (path) => path });
  return trainFromSettings({ settings, cwd: repo, logger: new MemoryLogger(), toolVersion: "test" });
}

describe("built-in trainer", () => {
  test("trains from train.yaml into a recorded run whose model.onnx passes onnx.checker, byte-identical on a re-run", async () => {
    const first = await train("out/a");
    const second = await train("out/b");
    const bytes = await readFile(first.modelPath);
    assert.ok(bytes.equals(await readFile(second.modelPath)), "the same seed and data give the same model bytes");
    const record = first.record;
    assert.equal(record.mode, "builtin");
    assert.equal(record.backend?.name, "modelship-js");
    assert.equal(record.backend?.package, "modelship");
    const threads = record.backend?.threads;
    assert.ok(threads !== undefined && Number.isInteger(threads) && threads >= 1, JSON.stringify(record.backend));
    assert.equal(record.config?.path, "train/train.yaml");
    assert.equal(record.seed, 42);
    assert.ok(record.history.length >= 2);
    assert.ok(typeof record.metrics.test_accuracy === "number");
    assert.deepEqual(
      record.data.files.map((file) => file.path),
      ["data/train.csv", "data/test.csv"],
    );
    assert.equal(record.data.contract?.path, "data/contract.yaml");
    assert.ok(
      record.model.inputs.some((input) => input.name === "sex" && input.type === "string"),
      "categorical columns are string inputs",
    );
    assert.ok(record.model.inputs.some((input) => input.name === "age" && input.type === "float32"));
    assert.deepEqual(record.model.outputs.map((output) => output.name).sort(), ["label", "probabilities"]);
    const check = spawnSync(
      "/usr/bin/python3",
      ["-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", first.modelPath],
      { encoding: "utf8" },
    );
    assert.equal(check.status, 0, check.stderr);
  });

  test("the exported model gives TF.js's predictions in onnxruntime from the raw test columns", async () => {
    const config = await loadTrainConfig("train/train.yaml", repo);
    const contract = await loadContract(join(repo, config.data.contract!));
    const data = await loadTabular({ path: join(repo, config.data.train), contract, features: config.features, target: config.target });
    const result = await trainModel({
      data,
      model: config.model,
      epochs: 3,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      validationSplit: 0,
      seed: 7,
      logger: new MemoryLogger(),
    });
    const testPath = join(repo, config.data.test!);
    const test = await loadTabular({ path: testPath, contract, features: config.features, target: config.target, fitted: result.model });
    const { tf } = await loadTf();
    const expected = predictWithTf(tf, result.model, test.x);

    // The raw columns as a serving system would send them: numbers (NaN for missing) and strings ("" for missing).
    const table = await openTable(testPath, readOptionsFor(contract));
    const raw = new Map(result.model.features.map((feature) => [feature.name, [] as (number | string)[]]));
    for await (const batch of table.batches()) {
      for (const feature of result.model.features) {
        const values = batch.columns[table.columns.indexOf(feature.name)]!;
        for (let row = 0; row < batch.length; row++) {
          const value = values[row] ?? null;
          raw
            .get(feature.name)!
            .push(feature.kind === "numeric" ? (value === null ? Number.NaN : Number(value)) : value === null ? "" : String(value));
        }
      }
    }
    assert.equal(raw.get("age")!.length, test.rows, "every test row has a label, so rows line up");
    const session = await ort.InferenceSession.create(exportOnnx(result.model, { producerVersion: "test" }));
    const feeds: Record<string, ort.Tensor> = {};
    for (const feature of result.model.features) {
      const column = raw.get(feature.name)!;
      feeds[feature.name] =
        feature.kind === "numeric"
          ? new ort.Tensor("float32", Float32Array.from(column as number[]), [column.length, 1])
          : new ort.Tensor("string", column as string[], [column.length, 1]);
    }
    const outputs = await session.run(feeds);
    const probabilities = outputs.probabilities!.data as Float32Array;
    const labels = outputs.label!.data as string[];
    let worst = 0;
    for (let row = 0; row < test.rows; row++) {
      worst = Math.max(worst, Math.abs(probabilities[row * 2 + 1]! - expected[row]!));
      assert.equal(labels[row], result.model.classes![expected[row]! >= 0.5 ? 1 : 0]);
    }
    assert.ok(worst <= 1e-5, `largest difference ${worst}`);
    await session.release();
  });

  test("the backend is logged at info level (on a GPU runner it says whether the GPU is used), and model.backend: tfjs picks TensorFlow.js", async () => {
    const logger = new MemoryLogger();
    const settings = resolveTrainSettings(
      { trainConfig: "train/train.yaml", output: "out/backend", requireGpu: "false" },
      { resolvePath: (path) => path },
    );
    await trainFromSettings({ settings, cwd: repo, logger, toolVersion: "test" });
    const line = logger.entries.find((entry) => entry.message.startsWith("training backend: modelship-js ("));
    assert.equal(line?.level, "info", JSON.stringify(line));

    const text = (await readFile(join(repo, "train/train.yaml"), "utf8")).replace("activation: relu", "activation: relu\n  backend: tfjs");
    await writeFile(join(repo, "train/tfjs.yaml"), text.replace("epochs: 15", "epochs: 1"));
    const tfLogger = new MemoryLogger();
    const tfRun = await trainFromSettings({
      settings: resolveTrainSettings(
        { trainConfig: "train/tfjs.yaml", output: "out/tfjs", requireGpu: "false" },
        { resolvePath: (path) => path },
      ),
      cwd: repo,
      logger: tfLogger,
      toolVersion: "test",
    });
    assert.match(tfRun.record.backend?.package ?? "", /^@tensorflow\//);
    assert.equal(tfRun.record.backend?.threads, undefined);
    assert.ok(tfLogger.entries.some((entry) => entry.level === "info" && entry.message.startsWith("training backend: TensorFlow.js ")));
  });

  test("a test label training never saw stops the run before the fit, naming the test file and the label", async () => {
    // The example's contract maps "<=50K." to "<=50K"; without that alias the test file's labels are unseen.
    const contract = (await readFile(join(repo, "data/contract.yaml"), "utf8")).replace(/^ *aliases: \{"<=50K\.".*\n/m, "");
    assert.doesNotMatch(contract, /"<=50K\."/);
    await writeFile(join(repo, "data/no-alias.yaml"), contract);
    const config = (await readFile(join(repo, "train/train.yaml"), "utf8")).replace("../data/contract.yaml", "../data/no-alias.yaml");
    await writeFile(join(repo, "train/no-alias.yaml"), config);
    const logger = new MemoryLogger();
    const settings = resolveTrainSettings(
      { trainConfig: "train/no-alias.yaml", output: "out/no-alias", requireGpu: "false" },
      { resolvePath: (path) => path },
    );
    await assert.rejects(
      trainFromSettings({ settings, cwd: repo, logger, toolVersion: "test" }),
      (error) => isUserError(error) && /label "<=50K\.", not seen in training/.test(error.message) && /test\.csv/.test(String(error.file)),
    );
    const said = logger.entries.map((entry) => entry.message).join("\n");
    assert.doesNotMatch(said, /Training on|epoch 1\//, "nothing was trained");
  });

  test("a train.yaml with an unknown model kind is refused with its pointer", async () => {
    const path = join(repo, "train/bad.yaml");
    await cp(join(repo, "train/train.yaml"), path);
    const text = (await readFile(path, "utf8")).replace("kind: mlp", "kind: transformer");
    await writeFile(path, text);
    await assert.rejects(loadTrainConfig("train/bad.yaml", repo), (error) => isUserError(error) && /\/model\/kind/.test(error.message));
  });
});
