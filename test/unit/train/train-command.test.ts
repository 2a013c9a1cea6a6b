/**
 * The train stage with a user's command: a Python script (Debian's python3-onnx) that writes a real
 * ONNX model, a stand-in `nvidia-smi` on PATH for the GPU path, and every way a command can fail.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { GpuSampler, parseGpuList, visibleGpus } from "../../../src/train/gpu.ts";
import { runTraining, type TrainOptions } from "../../../src/train/run-training.ts";

// A logistic regression on two float inputs, built with onnx.helper: what a user's script might export.
const TRAIN_PY = String.raw`
import json, os, sys, time
import onnx
from onnx import helper, TensorProto
out = os.environ["MODELSHIP_OUTPUT_DIR"]
params = json.loads(os.environ["MODELSHIP_PARAMS"])
print("training with", params, flush=True)
time.sleep(float(os.environ.get("SLEEP", "0")))
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [0.5, -0.25])
b = helper.make_tensor("b", TensorProto.FLOAT, [1], [0.1])
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "w"], ["z0"]), helper.make_node("Add", ["z0", "b"], ["z"]), helper.make_node("Sigmoid", ["z"], ["probability"])],
    "logistic", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])], [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])], [w, b])
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), os.path.join(out, "model.onnx"))
json.dump({"metrics": {"val_accuracy": 0.8125}, "params": {"lr": float(params.get("lr", "0.1"))}, "history": [{"epoch": 1, "loss": 0.7}, {"epoch": 2, "loss": 0.5}]}, open(os.path.join(out, "metrics.json"), "w"))
print("saved", flush=True)
`;

// nvidia-smi as the driver prints it, for two GPUs; utilization queries answer 87% / 3%.
const FAKE_NVIDIA_SMI = `#!/bin/sh
case "$1" in
  --query-gpu=index,uuid,name,memory.total,driver_version)
    echo "0, GPU-aaaa1111, NVIDIA H100 80GB HBM3, 81559, 550.54.15"
    echo "1, GPU-bbbb2222, NVIDIA H100 80GB HBM3, 81559, 550.54.15" ;;
  --query-gpu=index,utilization.gpu,memory.used)
    echo "0, 87, 40960"
    echo "1, 3, 10" ;;
  *) echo "| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4 |" ;;
esac
`;

let dir: string;
let fakeBin: string;
let caseNumber = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-train-"));
  fakeBin = join(dir, "bin");
  await mkdir(fakeBin);
  await writeFile(join(fakeBin, "nvidia-smi"), FAKE_NVIDIA_SMI);
  await chmod(join(fakeBin, "nvidia-smi"), 0o755);
  await writeFile(join(dir, "train.py"), TRAIN_PY);
  await writeFile(join(dir, "train.csv"), "x1,x2,y\n1,2,0\n3,4,1\n");
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  git("init", "-q");
  git("add", "train.py", "train.csv");
  git("commit", "-q", "-m", "code");
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<TrainOptions> & { withGpu?: boolean; extraEnv?: NodeJS.ProcessEnv } = {}): TrainOptions {
  const { withGpu, extraEnv, ...rest } = overrides;
  const path = withGpu === true ? `${fakeBin}:${process.env.PATH ?? ""}` : (process.env.PATH ?? "");
  return {
    run: { command: "/usr/bin/python3 train.py" },
    outputDir: `out/run-${++caseNumber}`,
    cwd: dir,
    requireGpu: "auto",
    data: { train: "train.csv" },
    gpuSampleMs: 100,
    env: { ...process.env, PATH: path, ...extraEnv },
    logger: new MemoryLogger(),
    toolVersion: "test",
    ...rest,
  };
}

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `a UserError, not ${String(error)}`);
    assert.match(error.message, pattern);
    return error.message;
  }
  assert.fail("expected the training to fail");
}

describe("GPU detection", () => {
  test("parses nvidia-smi's CSV and honours CUDA_VISIBLE_DEVICES by index or UUID, stopping at an unknown one", () => {
    const gpus = parseGpuList("0, GPU-aaaa, A100, 40960, 535.1\n1, GPU-bbbb, A100, 40960, 535.1\n");
    assert.equal(gpus.length, 2);
    assert.equal(gpus[1]!.memoryTotalMiB, 40960);
    assert.deepEqual(
      visibleGpus(gpus, "1").map((gpu) => gpu.index),
      [1],
    );
    assert.deepEqual(
      visibleGpus(gpus, "GPU-bbbb,0").map((gpu) => gpu.index),
      [1, 0],
    );
    assert.deepEqual(visibleGpus(gpus, "-1"), []);
    assert.deepEqual(
      visibleGpus(gpus, "0,7,1").map((gpu) => gpu.index),
      [0],
      "CUDA ignores everything after an invalid id",
    );
    assert.equal(visibleGpus(gpus, undefined).length, 2);
  });

  test("the sampler runs one nvidia-smi at a time: a tick that finds a slow query still running is skipped", async () => {
    // A slow nvidia-smi (0.3 s per query, ticks every 20 ms) that notes every overlap: it holds a
    // lock folder while it runs, and a second query that finds the folder records "overlap".
    const bin = join(dir, "slow-bin");
    await mkdir(bin, { recursive: true });
    const lock = join(dir, "slow.lock");
    const notes = join(dir, "slow.notes");
    await writeFile(
      join(bin, "nvidia-smi"),
      `#!/bin/sh\nif mkdir "${lock}" 2>/dev/null; then sleep 0.3; n=$(wc -l < "${notes}" 2>/dev/null || echo 0); echo query >> "${notes}"; rmdir "${lock}"; echo "0, $n, 100"; else echo overlap >> "${notes}"; echo "0, 99, 99"; fi\n`,
    );
    await chmod(join(bin, "nvidia-smi"), 0o755);
    const sampler = new GpuSampler({
      gpus: parseGpuList("0, GPU-aaaa, A100, 40960, 535.1\n"),
      intervalMs: 20,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const samples = await sampler.stop();
    const lines = (await readFile(notes, "utf8")).trim().split("\n");
    assert.deepEqual([...new Set(lines)], ["query"], "no query overlapped another");
    assert.ok(samples.length >= 2 && samples.length <= 6, `one sample per 0.3 s query, not one per 20 ms tick: ${samples.length}`);
    assert.deepEqual(
      samples.map((sample) => sample.utilizationPercent),
      samples.map((_, k) => k),
      "samples in the order they were taken",
    );
  });
});

describe("train with a user command", () => {
  test("runs the command, checks the model in onnxruntime, and writes a complete run record", async () => {
    const result = await runTraining(
      options({
        withGpu: true,
        params: { lr: "0.05" },
        seed: 7,
        runnerLabels: '["self-hosted","gpu"]',
        extraEnv: { SLEEP: "0.4", CUDA_VISIBLE_DEVICES: "0" },
      }),
    );
    const record = result.record;
    assert.equal(record.mode, "command");
    assert.deepEqual(record.model.inputs, [{ name: "x", type: "float32", shape: ["N", 2] }]);
    assert.deepEqual(
      record.model.outputs.map((output) => output.name),
      ["probability"],
    );
    assert.deepEqual(record.metrics, { val_accuracy: 0.8125 });
    assert.equal(record.params.lr, "0.05", "the sweep's value wins over what the script reported");
    assert.equal(record.history.length, 2);
    assert.equal(record.seed, 7);
    assert.deepEqual(
      record.gpu.devices.map((gpu) => gpu.index),
      [0],
      "CUDA_VISIBLE_DEVICES=0 hides GPU 1",
    );
    assert.equal(record.gpu.cudaVersion, "12.4");
    assert.ok(record.gpu.samples.length >= 2, `samples taken while training: ${record.gpu.samples.length}`);
    assert.ok(record.gpu.samples.every((sample) => sample.index === 0 && sample.utilizationPercent === 87));
    assert.equal(record.gpu.utilization[0]!.maxMemoryUsedMiB, 40960);
    const train = await readFile(join(dir, "train.csv"));
    assert.equal(record.data.files[0]!.bytes, train.length);
    assert.match(record.git.sha ?? "", /^[0-9a-f]{40}$/);
    assert.equal(record.git.dirty, false);
    assert.equal(record.runner.labels, '["self-hosted","gpu"]');
    const onDisk = JSON.parse(await readFile(result.runRecordPath, "utf8")) as { model: { file: { sha256: string } } };
    assert.equal(onDisk.model.file.sha256, record.model.file.sha256);
    assert.deepEqual(
      (await readdir(join(dir, "out"))).filter((name) => name.includes("partial")),
      [],
      "no staging folder left behind",
    );
  });

  test("in a container: the record names the image and its digest, the driver and the image's CUDA toolkit", async () => {
    // The container as the train job sees it: MODELSHIP_TRAIN_IMAGE from the workflow, nvidia-smi
    // from the driver (the stand-in), and PyTorch's CUDA build from a stand-in python3 on PATH.
    const bin = join(dir, "image-bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "python3"), "#!/bin/sh\necho 12.4\n");
    await chmod(join(bin, "python3"), 0o755);
    const digest = `sha256:${createHash("sha256").update("the image's manifest").digest("hex")}`;
    const image = `pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime@${digest}`;
    const pinned = await runTraining(
      options({ withGpu: true, extraEnv: { MODELSHIP_TRAIN_IMAGE: image, PATH: `${bin}:${fakeBin}:${process.env.PATH ?? ""}` } }),
    );
    assert.deepEqual(pinned.record.container, { image, digest });
    assert.deepEqual(pinned.record.gpu.cudaToolkit, { version: "12.4", source: "torch" });
    assert.deepEqual(
      pinned.record.gpu.devices.map((gpu) => gpu.driverVersion),
      ["550.54.15", "550.54.15"],
    );
    assert.equal(pinned.record.command, "/usr/bin/python3 train.py");
    const onDisk = JSON.parse(await readFile(pinned.runRecordPath, "utf8")) as { container?: unknown };
    assert.deepEqual(onDisk.container, { image, digest });

    const tagged = await runTraining(options({ extraEnv: { MODELSHIP_TRAIN_IMAGE: "pytorch/pytorch:latest", CUDA_VERSION: "12.6.3" } }));
    assert.deepEqual(tagged.record.container, { image: "pytorch/pytorch:latest" }, "a tag alone (allow-unpinned) has no digest");
    assert.deepEqual(tagged.record.gpu.cudaToolkit, { version: "12.6.3", source: "CUDA_VERSION" });
    const host = await runTraining(options({ extraEnv: { MODELSHIP_TRAIN_IMAGE: "" } }));
    assert.equal("container" in host.record, false, "no container: no container field");
  });

  test("without a GPU, auto trains on CPU and says why", async () => {
    const result = await runTraining(options());
    assert.deepEqual(result.record.gpu.devices, []);
    assert.match(result.record.gpu.reason ?? "", /nvidia-smi is not on PATH/);
  });

  test("require-gpu: true without a GPU fails before the command runs, naming the runner labels", async () => {
    const marker = join(dir, "ran.txt");
    await rejectsWith(
      runTraining(options({ requireGpu: "true", runnerLabels: '["self-hosted","linux","gpu"]', run: { command: `touch ${marker}` } })),
      /no GPU.*labels \["self-hosted","linux","gpu"\]/s,
    );
    await assert.rejects(readFile(marker), "the command never ran");
  });

  test("a failing command fails with its exit code and last lines, and leaves no output folder", async () => {
    const run = options({ run: { command: "echo preparing; echo 'ValueError: bad shape' >&2; exit 3" } });
    const message = await rejectsWith(runTraining(run), /exit code 3/);
    assert.match(message, /ValueError: bad shape/);
    await assert.rejects(readdir(join(dir, run.outputDir)));
  });

  test("a command that is not found says so", async () => {
    await rejectsWith(runTraining(options({ run: { command: "pythno train.py" } })), /not found \(exit 127\)/);
  });

  test("a command killed by SIGKILL (as the OOM killer does) says it was probably out of memory", async () => {
    await rejectsWith(runTraining(options({ run: { command: "echo allocating; kill -9 $$" } })), /SIGKILL.*out of memory|out-of-memory/s);
  });

  test("a command that writes no model lists what it did write", async () => {
    await rejectsWith(
      runTraining(options({ run: { command: 'echo 1 > "$MODELSHIP_OUTPUT_DIR/weights.pt"' } })),
      /no model\.onnx.*weights\.pt/s,
    );
  });

  test("a model.onnx that is not a model is refused by onnxruntime", async () => {
    await rejectsWith(
      runTraining(options({ run: { command: 'echo "not a model" > "$MODELSHIP_OUTPUT_DIR/model.onnx"' } })),
      /not an ONNX model onnxruntime can load/,
    );
  });

  test("a metrics.json that breaks its schema names the file and the pointer", async () => {
    const command = `/usr/bin/python3 train.py && echo '{"metrics": {"acc": "high"}}' > "$MODELSHIP_OUTPUT_DIR/metrics.json"`;
    await rejectsWith(runTraining(options({ run: { command } })), /metrics\.json.*\/metrics\/acc/s);
  });
});
