/**
 * metrics.json as training commands write it: the flat `{"loss": 0.1}` most scripts write and the
 * wrapped `{"metrics": …, "params": …, "history": …}` both reach the run record; a value that is
 * not a number is refused with the file, line and JSON pointer. Each case runs a real command that
 * writes a real ONNX model (Debian's python3-onnx) and the metrics file given.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { runTraining, wrapMetrics } from "../../../src/train/run-training.ts";

// Writes a one-node model and, verbatim, the metrics text given in METRICS_JSON.
const TRAIN_PY = String.raw`
import os
from onnx import helper, TensorProto
out = os.environ["MODELSHIP_OUTPUT_DIR"]
graph = helper.make_graph([helper.make_node("Sigmoid", ["x"], ["probability"])], "m",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1])], [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])])
import onnx
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), os.path.join(out, "model.onnx"))
with open(os.path.join(out, "metrics.json"), "w") as f:
    f.write(os.environ["METRICS_JSON"])
`;

let dir: string;
let run = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-train-metrics-"));
  await writeFile(join(dir, "train.py"), TRAIN_PY);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function train(metricsJson: string) {
  return runTraining({
    run: { command: "/usr/bin/python3 train.py" },
    outputDir: `out/run-${++run}`,
    cwd: dir,
    requireGpu: "false",
    env: { ...process.env, METRICS_JSON: metricsJson },
    logger: new MemoryLogger(),
    toolVersion: "test",
  });
}

async function refused(metricsJson: string): Promise<{ message: string; line?: number }> {
  try {
    await train(metricsJson);
  } catch (error) {
    assert.ok(isUserError(error), `a UserError, not ${String(error)}`);
    return { message: error.message, line: error.line };
  }
  assert.fail("expected metrics.json to be refused");
}

describe("metrics.json", () => {
  test("the flat form {name: number} is read as the run's metrics, and the file is kept as written", async () => {
    const text = '{"loss": 0.1, "accuracy": 0.9, "epochs_run": 12}\n';
    const result = await train(text);
    assert.deepEqual(result.record.metrics, { loss: 0.1, accuracy: 0.9, epochs_run: 12 });
    assert.deepEqual(result.record.history, []);
    assert.deepEqual(result.record.params, {});
    assert.equal(await readFile(result.metricsPath, "utf8"), text);
    const record = JSON.parse(await readFile(result.runRecordPath, "utf8")) as { metrics: unknown };
    assert.deepEqual(record.metrics, { loss: 0.1, accuracy: 0.9, epochs_run: 12 });
  });

  test("the flat form may carry a $schema link, which is not a metric", async () => {
    const result = await train('{"$schema": "https://modelship.dev/schemas/train-metrics.schema.json", "loss": 0.25}');
    assert.deepEqual(result.record.metrics, { loss: 0.25 });
  });

  test("the wrapped form keeps its params and history", async () => {
    const result = await train(
      JSON.stringify({ metrics: { val_accuracy: 0.8125 }, params: { lr: 0.01, optimizer: "adam" }, history: [{ epoch: 1, loss: 0.7 }] }),
    );
    assert.deepEqual(result.record.metrics, { val_accuracy: 0.8125 });
    assert.deepEqual(result.record.params, { lr: 0.01, optimizer: "adam" });
    assert.deepEqual(result.record.history, [{ epoch: 1, loss: 0.7 }]);
  });

  test("an empty object is a run without metrics", async () => {
    const result = await train("{}");
    assert.deepEqual(result.record.metrics, {});
  });

  test("a flat value that is not a number is refused with its line and JSON pointer", async () => {
    const { message, line } = await refused('{\n  "loss": 0.1,\n  "model": "resnet18"\n}\n');
    assert.match(message, /\$MODELSHIP_OUTPUT_DIR\/metrics\.json:3:\d+: \/model: must be number/);
    assert.equal(line, 3);
    assert.match(message, /Fix: .*flat form, where every value is a metric and must be a number.*put other values under params/);
    assert.match(message, /train-metrics\.schema\.json/);
  });

  test("a quoted number is refused too, not silently read", async () => {
    const { message } = await refused('{"loss": "0.1"}');
    assert.match(message, /\/loss: must be number/);
  });

  test("a wrapped value that is not a number is refused with its pointer, and so is a stray key beside metrics", async () => {
    assert.match((await refused('{"metrics": {"acc": "high"}}')).message, /\/metrics\/acc: must be number/);
    const stray = (await refused('{"metrics": {"acc": 0.5}, "loss": 0.1}')).message;
    assert.match(stray, /\/loss: unknown property "loss"/);
    assert.match(stray, /Fix: with a metrics, params or history key it is read as the wrapped form/);
    assert.match((await refused('{"params": {"lr": 0.1}}')).message, /missing required property "metrics"/);
  });

  test("wrapMetrics turns the flat form into the wrapped one and leaves the wrapped one alone", () => {
    assert.deepEqual(wrapMetrics({ loss: 0.1, accuracy: 0.9 }), { metrics: { loss: 0.1, accuracy: 0.9 } });
    const wrapped = { metrics: { loss: 0.1 }, params: { lr: 1 } };
    assert.equal(wrapMetrics(wrapped), wrapped);
  });
});
