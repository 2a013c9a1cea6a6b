/**
 * The run record's terminal text: the verdict with trainer, backend, epochs and time; metrics in four
 * significant digits; the GPU; the model path once. Golden text written from each record's numbers.
 */
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { runTraining } from "../../../src/train/run-training.ts";
import type { RunRecord } from "../../../src/train/run-record-types.ts";
import { renderRunRecordText } from "../../../src/train/run-record-text.ts";

const SHA = "683f653d49cb".padEnd(64, "0");

function record(extra: Partial<RunRecord> = {}): RunRecord {
  return {
    schema: "modelship/run-record@1",
    tool: { name: "modelship", version: "1.0.0" },
    created: "2026-01-01T00:00:00Z",
    mode: "builtin",
    config: { path: "train/train.yaml", sha256: "1".repeat(64), bytes: 300 },
    seed: 42,
    // 3 of 5 planned epochs ran (early stopping); the second was the best.
    params: { epochs: 5, best_epoch: 2, learning_rate: 0.005 },
    metrics: { loss: 0.29771234, accuracy: 0.8223684210526315 },
    history: [
      { epoch: 1, loss: 0.4 },
      { epoch: 2, loss: 0.29771234 },
      { epoch: 3, loss: 0.31 },
    ],
    data: { files: [{ path: "data/train.csv", sha256: "2".repeat(64), bytes: 2048 }] },
    git: { sha: "4cd0c2460cb6ffffffffffffffffffffffffffff", dirty: false },
    runner: { os: "linux", arch: "x64", cpuModel: "cpu", cpus: 4, memoryMiB: 8192, node: "24" },
    gpu: { required: "auto", devices: [], reason: "nvidia-smi is not on PATH", samples: [], utilization: [] },
    backend: { name: "tensorflow", package: "@tensorflow/tfjs-node" },
    timing: { wallSeconds: 12.345 },
    // 15,872 bytes = 15.5 KiB.
    model: {
      file: { path: "model.onnx", sha256: SHA, bytes: 15_872 },
      inputs: [{ name: "age", type: "float32" }],
      outputs: [
        { name: "p", type: "float32" },
        { name: "label", type: "string" },
      ],
    },
    ...extra,
  };
}

describe("run record text", () => {
  test("the built-in trainer: verdict, rounded metrics, no GPU and why, the model path once", () => {
    const text = renderRunRecordText({ record: record(), modelPath: ".modelship/model/model.onnx" }, PLAIN);
    assert.equal(
      text,
      [
        "✓ Trained with the built-in trainer (train/train.yaml), TensorFlow.js tensorflow backend, 3 of 5 epochs (stopped early), best 2, in 12.3 s",
        "  metrics: loss 0.2977, accuracy 0.8224",
        "  GPU: none (nvidia-smi is not on PATH)",
        "  model: .modelship/model/model.onnx (sha256 683f653d49cb, 15.5 KiB; 1 input, 2 outputs)",
      ].join("\n"),
    );
    assert.equal(text.split(".modelship/model/model.onnx").length, 2, "the model path appears once");
  });

  test("a command with a GPU: its utilization; no history, no metrics: a warning line", () => {
    const text = renderRunRecordText(
      {
        record: record({
          mode: "command",
          command: "python train.py",
          config: undefined,
          backend: undefined,
          history: [],
          metrics: {},
          timing: { wallSeconds: 125 },
          gpu: {
            required: "true",
            devices: [{ index: 0, uuid: "GPU-1", name: "NVIDIA H100", memoryTotalMiB: 81559, driverVersion: "550" }],
            samples: [],
            utilization: [{ index: 0, samples: 10, meanUtilizationPercent: 45, maxUtilizationPercent: 97, maxMemoryUsedMiB: 12000 }],
          },
        }),
      },
      PLAIN,
    );
    assert.equal(
      text,
      [
        // 125 s = 2 min 5 s.
        '✓ Trained with command "python train.py", in 2 min 5 s',
        "  ! the run reported no metrics",
        "  GPU 0: NVIDIA H100: 45% mean, 97% peak utilization, 12,000 of 81,559 MiB peak",
        "  model: model.onnx (sha256 683f653d49cb, 15.5 KiB; 1 input, 2 outputs)",
      ].join("\n"),
    );
  });

  test("-q: the verdict only; -v: every metric, the params, seed, data and commit", () => {
    const many = record({ metrics: Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`m${index}`, index / 3])) });
    assert.equal(renderRunRecordText({ record: many }, { ...PLAIN, quiet: true }).split("\n").length, 1);
    // 10 metrics: 8 named by default, the 2 others counted.
    assert.match(renderRunRecordText({ record: many }, PLAIN), /m7 2\.333 and 2 more$/m);
    assert.equal(
      renderRunRecordText({ record: many }, { ...PLAIN, verbose: true })
        .split("\n")
        .slice(1)
        .join("\n"),
      [
        "  metrics: m0 0, m1 0.3333, m2 0.6667, m3 1, m4 1.333, m5 1.667, m6 2, m7 2.333, m8 2.667, m9 3",
        "  GPU: none (nvidia-smi is not on PATH)",
        "  model: model.onnx (sha256 683f653d49cb, 15.5 KiB; 1 input, 2 outputs)",
        "  params: epochs=5, best_epoch=2, learning_rate=0.005",
        "  seed: 42",
        "  data: data/train.csv (sha256 222222222222, 2.0 KiB)",
        "  commit: 4cd0c2460cb6",
      ].join("\n"),
    );
  });

  test("colour through unstyled; a command with control characters is shown escaped", () => {
    const input = { record: record() };
    const coloured = renderRunRecordText(input, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /^\u001b\[32m✓\u001b\[39m \u001b\[1mTrained\u001b\[22m/);
    assert.equal(unstyled(coloured), renderRunRecordText(input, PLAIN));
    const evil = renderRunRecordText({ record: record({ mode: "command", command: "echo \u001b[2J\u009b\u202e" }) }, PLAIN);

    assert.match(evil.split("\n")[0]!, /command "echo \\u001b\[2J\\u009b\\u202e"/);
  });
});

// A user's command that writes a real ONNX model (Debian's python3-onnx) and metrics.json with two epochs.
const TRAIN_PY = String.raw`
import json, os
from onnx import helper, TensorProto
out = os.environ["MODELSHIP_OUTPUT_DIR"]
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [0.5, -0.25])
graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["p"])], "linear",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])], [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 1])], [w])
import onnx
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), os.path.join(out, "model.onnx"))
json.dump({"metrics": {"val_accuracy": 0.8223684210526315}, "history": [{"epoch": 1, "loss": 0.7}, {"epoch": 2, "loss": 0.5}]}, open(os.path.join(out, "metrics.json"), "w"))
`;

// nvidia-smi as the driver prints it, for one GPU busy at 87% with 40,960 MiB used.
const FAKE_NVIDIA_SMI = `#!/bin/sh
case "$1" in
  --query-gpu=index,uuid,name,memory.total,driver_version) echo "0, GPU-aaaa1111, NVIDIA H100 80GB HBM3, 81559, 550.54.15" ;;
  --query-gpu=index,utilization.gpu,memory.used) echo "0, 87, 40960" ;;
  *) echo "| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4 |" ;;
esac
`;

describe("run record text of a real run", () => {
  let dir: string | undefined;
  after(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })));

  test("a command's run: its metrics rounded, its GPU, the model path once", async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-run-text-"));
    await mkdir(join(dir, "bin"));
    await writeFile(join(dir, "bin", "nvidia-smi"), FAKE_NVIDIA_SMI);
    await chmod(join(dir, "bin", "nvidia-smi"), 0o755);
    await writeFile(join(dir, "train.py"), TRAIN_PY);
    await writeFile(join(dir, "train.csv"), "x1,x2,y\n1,2,0\n3,4,1\n");
    const result = await runTraining({
      run: { command: "/usr/bin/python3 train.py" },
      outputDir: "out",
      cwd: dir,
      requireGpu: "true",
      data: { train: "train.csv" },
      gpuSampleMs: 50,
      env: { ...process.env, PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}` },
      logger: new MemoryLogger(),
      toolVersion: "test",
    });
    const text = renderRunRecordText(result, PLAIN);
    const lines = text.split("\n");
    assert.match(lines[0]!, /^✓ Trained with command "\/usr\/bin\/python3 train\.py", 2 epochs, in [\d.]+ s$/);
    assert.equal(lines[1], "  metrics: val_accuracy 0.8224");
    assert.match(lines[2]!, /^ {2}GPU 0: NVIDIA H100 80GB HBM3(: 87% mean, 87% peak utilization, 40,960 of 81,559 MiB peak)?$/);
    assert.match(lines[3]!, /^ {2}model: .*model\.onnx \(sha256 [0-9a-f]{12}, \d+ B; 1 input, 1 output\)$/);
    assert.equal(text.split(result.modelPath).length, 2, `the model path once:\n${text}`);
    assert.equal(lines.length, 4);
  });
});
