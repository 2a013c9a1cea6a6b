/**
 * The GPU evidence script (scripts/gpu-evidence/run.sh) and what its outputs prove.
 *
 * No GPU machine runs these tests, so the script runs here on the CPU (Debian's python3-torch) with a
 * stand-in `nvidia-smi` on PATH that answers only the exact queries src/train/gpu.ts runs. Its
 * outputs are then replayed, file for file, by a second stand-in into modelship's own GPU detection,
 * utilization sampling and run record (`runTraining` with a command that hands over the recorded
 * model.onnx and metrics.json), and the exported model is evaluated by the CLI on CPU against
 * scikit-learn's metrics of torch's own probabilities. Every recorded run committed under
 * test/fixtures/gpu/ goes through the same replay; while there is none, docs/gpu-runners.md must say
 * the GPU evidence is pending.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { exportOnnx } from "../../../src/train/export-onnx.ts";
import { detectGpus, parseGpuList } from "../../../src/train/gpu.ts";
import { runTraining, type BuiltinRun } from "../../../src/train/run-training.ts";
import { python } from "../../support/python.ts";
import { requireTorch, torchSkip } from "../../support/torch.ts";

const ROOT = join(import.meta.dirname, "../../..");
const SCRIPT = join(ROOT, "scripts/gpu-evidence/run.sh");
const FIXTURES = join(ROOT, "test/fixtures/gpu");
const TEST_CSV = join(ROOT, "examples/model-repo/data/test.csv");
const CONTRACT = join(ROOT, "examples/model-repo/data/contract.yaml");
const FEATURES = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

// The queries src/train/gpu.ts runs, written out here (not imported) so that a change there that the
// script does not follow fails this test: the stand-ins answer these and nothing else.
const LIST = "--query-gpu=index,uuid,name,memory.total,driver_version --format=csv,noheader,nounits";
const SAMPLE = "--query-gpu=index,utilization.gpu,memory.used --format=csv,noheader,nounits";

// A stand-in for the driver's nvidia-smi, in the format nvidia-smi documents (--help-query-gpu) — written
// by hand, not recorded: one H100 whose utilization climbs 0, 25, 50, 75, 100, 100… per sample.
const FAKE_NVIDIA_SMI = `#!/bin/sh
case "$*" in
  "${LIST}") echo "0, GPU-5d4a1b2c-0000-4000-8000-000000000001, NVIDIA H100 80GB HBM3, 81559, 550.54.15" ;;
  "${SAMPLE}")
    n=$(cat "$FAKE_SMI_STATE" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_SMI_STATE"
    u=$((n * 25)); [ $u -le 100 ] || u=100
    echo "0, $u, $((1024 + n * 512))" ;;
  "") echo "| NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |" ;;
  "-L") echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-5d4a1b2c-0000-4000-8000-000000000001)" ;;
  "--query-gpu=index,mig.mode.current --format=csv,noheader,nounits") echo "0, Disabled" ;;
  *) echo "stand-in nvidia-smi: no answer for: $*" >&2; exit 6 ;;
esac
`;

// Replays a recorded folder (REPLAY): the GPU list, the header, and the utilization samples in their
// recorded order (the last one repeats), each with its recorded exit code.
const REPLAY_NVIDIA_SMI = `#!/bin/sh
answer() { cat "$REPLAY/nvidia-smi/$1"; [ ! -e "$REPLAY/nvidia-smi/$1.exit" ] || exit "$(cat "$REPLAY/nvidia-smi/$1.exit")"; }
case "$*" in
  "${LIST}") answer gpu-list.txt ;;
  "") answer header.txt ;;
  "${SAMPLE}")
    n=$(cat "$REPLAY_STATE" 2>/dev/null || echo 0)
    files=$(ls "$REPLAY/nvidia-smi/utilization" | grep -E '^[0-9]+\\.txt$' | sort)
    count=$(echo "$files" | wc -l)
    [ "$n" -lt "$count" ] || n=$((count - 1))
    echo $((n + 1)) > "$REPLAY_STATE"
    answer "utilization/$(echo "$files" | sed -n "$((n + 1))p")" ;;
  *) echo "replayed nvidia-smi: nothing recorded for: $*" >&2; exit 6 ;;
esac
`;

let scratch = "";

async function standIn(name: string, text: string): Promise<string> {
  const bin = join(scratch, name);
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, "nvidia-smi"), text);
  await chmod(join(bin, "nvidia-smi"), 0o755);
  return bin;
}

/** The utilization answers of a recorded folder, in order: [index, utilization %, memory MiB] per line. */
async function recordedSamples(folder: string): Promise<number[][][]> {
  const dir = join(folder, "nvidia-smi/utilization");
  const files = (await readdir(dir)).filter((name) => /^\d+\.txt$/.test(name)).sort();
  return Promise.all(
    files.map(async (name) =>
      (await readFile(join(dir, name), "utf8"))
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => line.split(",").map((field) => Number(field.trim()))),
    ),
  );
}

/** Replays `folder` into detectGpus and runTraining; checks the run record against the recorded files. */
async function replayIntoRunRecord(folder: string, label: string): Promise<void> {
  const bin = await standIn(`replay-${label}`, REPLAY_NVIDIA_SMI);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, REPLAY: folder, REPLAY_STATE: join(scratch, `state-${label}`) };
  const listing = await readFile(join(folder, "nvidia-smi/gpu-list.txt"), "utf8");
  const header = await readFile(join(folder, "nvidia-smi/header.txt"), "utf8");
  const expectedGpus = parseGpuList(listing);
  assert.ok(expectedGpus.length > 0, `${folder}: gpu-list.txt lists no GPU`);
  for (const gpu of expectedGpus) {
    assert.match(gpu.uuid, /^GPU-[0-9a-f-]+$/, "the UUID field parsed as a UUID");
    assert.ok(gpu.memoryTotalMiB > 0, "memory.total parsed as MiB");
    assert.match(gpu.driverVersion, /^\d+\.\d+/, "driver_version parsed");
  }
  const detection = await detectGpus(env);
  assert.deepEqual(detection.gpus, expectedGpus);
  assert.equal(detection.cudaVersion, /CUDA Version:\s*([\d.]+)/.exec(header)?.[1]);
  assert.notEqual(detection.cudaVersion, undefined, "the header names the CUDA version");

  // The training is the recorded one: a command that hands over its model.onnx and metrics.json.
  const repo = join(scratch, `repo-${label}`);
  await mkdir(repo, { recursive: true });
  const result = await runTraining({
    run: { command: 'cp "$REPLAY/model/model.onnx" "$REPLAY/model/metrics.json" "$MODELSHIP_OUTPUT_DIR"/ && sleep 0.6' },
    outputDir: "out",
    cwd: repo,
    requireGpu: "true",
    gpuSampleMs: 100,
    env,
    logger: new MemoryLogger(),
    toolVersion: "test",
  });
  const record = result.record;
  assert.deepEqual(record.gpu.devices, expectedGpus);
  // The sampler's k-th query got the k-th recorded answer (the last one repeats): the same lines, in order.
  const answers = await recordedSamples(folder);
  const visible = new Set(expectedGpus.map((gpu) => gpu.index));
  const expectedSamples = Array.from({ length: record.gpu.samples.length }, (_, k) => answers[Math.min(k, answers.length - 1)]!)
    .flat()
    .filter(([index]) => visible.has(index!))
    .slice(0, record.gpu.samples.length)
    .map(([index, utilizationPercent, memoryUsedMiB]) => ({ index, utilizationPercent, memoryUsedMiB }));
  assert.ok(record.gpu.samples.length >= 2, `samples taken: ${record.gpu.samples.length}`);
  assert.deepEqual(
    record.gpu.samples.map(({ index, utilizationPercent, memoryUsedMiB }) => ({ index, utilizationPercent, memoryUsedMiB })),
    expectedSamples,
  );
  const metrics = JSON.parse(await readFile(join(folder, "model/metrics.json"), "utf8")) as { metrics: Record<string, number> };
  assert.deepEqual(record.metrics, metrics.metrics);
  assert.deepEqual(record.model.inputs, [{ name: "x", type: "float32", shape: ["N", 6] }]);
  assert.deepEqual(
    record.model.outputs.map((output) => output.name),
    ["probability"],
  );
}

interface Metrics {
  roc_auc: number;
  accuracy: number;
  log_loss: number;
  brier: number;
}

/** `modelship evaluate` (from src/, on the CPU) of `folder`'s model.onnx on the example test split, against scikit-learn on torch's probabilities. */
async function evaluateOnCpu(folder: string, label: string): Promise<void> {
  const repo = join(scratch, `evaluate-${label}`);
  await mkdir(join(repo, "data"), { recursive: true });
  await cp(TEST_CSV, join(repo, "data/test.csv"));
  await cp(CONTRACT, join(repo, "data/contract.yaml"));
  await writeFile(
    join(repo, "modelship.yaml"),
    `version: 1
model: gpu-evidence
data: { contract: data/contract.yaml, test: data/test.csv }
evaluate:
  model: ${JSON.stringify(join(folder, "model/model.onnx"))}
  features: ${JSON.stringify(FEATURES)}
  positive_label: ">50K"
  threshold: 0.5
  report_dir: .modelship/evaluation
gates:
  bootstrap: { resamples: 100, seed: 1 }
  quality:
    - { metric: accuracy, min: 0.0 }
`,
  );
  const run = spawnSync(process.execPath, [join(ROOT, "src/cli/index.ts"), "evaluate", "--json"], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  // 1 is a gate that failed (a small CPU model fails the example's fairness defaults); 2 would be an error.
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  assert.ok(run.stdout.trimStart().startsWith("{"), `a JSON report on stdout; stderr:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as { metrics: Record<string, { value: number }> };
  const expected = python<Metrics>(
    String.raw`
import csv
import numpy as np
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score
with open(sys.argv[1], newline="") as f:
    y = np.array([1 if row["Y"].strip().rstrip(".") == ">50K" else 0 for row in csv.DictReader(f, skipinitialspace=True)])
p = np.array([float(line) for line in open(sys.argv[2]).read().split()])
assert len(p) == len(y), (len(p), len(y))
emit({"roc_auc": roc_auc_score(y, p), "accuracy": accuracy_score(y, (p >= 0.5).astype(int)), "log_loss": log_loss(y, p), "brier": brier_score_loss(y, p)})
`,
    null,
    { args: [TEST_CSV, join(folder, "torch-predictions.txt")] },
  );
  for (const [name, value] of Object.entries(expected))
    assert.ok(
      Math.abs(report.metrics[name]!.value - value) <= 1e-5,
      `${name}: onnxruntime in modelship ${report.metrics[name]?.value} vs scikit-learn on torch's probabilities ${value}`,
    );
}

async function recordedRuns(): Promise<string[]> {
  try {
    const names = await readdir(FIXTURES);
    const runs: string[] = [];
    for (const name of names.sort())
      if ((await stat(join(FIXTURES, name, "environment.json")).catch(() => undefined)) !== undefined) runs.push(name);
    return runs;
  } catch {
    return [];
  }
}

const skip = torchSkip("the GPU evidence script's CPU run");

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "modelship-gpu-evidence-"));
});
after(async () => {
  if (scratch !== "") await rm(scratch, { recursive: true, force: true });
});

describe("the GPU evidence script, run here on the CPU under a stand-in nvidia-smi", { skip, timeout: 240_000 }, () => {
  let out = "";
  let stderr = "";

  before(async () => {
    requireTorch();
    out = join(scratch, "out");
    const bin = await standIn("fake", FAKE_NVIDIA_SMI);
    const run = spawnSync("bash", [SCRIPT], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 180_000,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        FAKE_SMI_STATE: join(scratch, "fake-state"),
        OUT: out,
        PYTHON: "/usr/bin/python3",
        SAMPLE_SECONDS: "0.2",
        // Small and short: the layout is what is tested here, not the speed.
        PARAMS: '{"hidden": "16", "epochs": "40", "max_seconds": "1.5"}',
      },
    });
    stderr = run.stderr;
    assert.equal(run.status, 0, `run.sh failed:\n${run.stdout}\n${run.stderr}`);
  });

  test("writes the captures, the model, the metrics and the environment under OUT, and says a CPU run is not evidence", async () => {
    const files = (await readdir(out, { recursive: true })).filter((name) => !name.endsWith("utilization")).sort();
    for (const expected of [
      "environment.json",
      "model/metrics.json",
      "model/model.onnx",
      "nvidia-smi/gpu-list.txt",
      "nvidia-smi/header.txt",
      "nvidia-smi/list.txt",
      "nvidia-smi/mig-mode.txt",
      "nvidia-smi/utilization.tsv",
      "nvidia-smi/utilization/0000.txt",
      "nvidia-smi/utilization/0001.txt",
      "onnxruntime-check.json",
      "torch-predictions.txt",
      "train-output.txt",
    ])
      assert.ok(files.includes(expected), `${expected} in ${files.join(", ")}`);
    assert.deepEqual(
      files.filter((name) => name.endsWith(".exit") || name.endsWith(".stderr")),
      [],
      "the stand-in answered every query the script ran: they are the queries gpu.ts runs",
    );
    const environment = JSON.parse(await readFile(join(out, "environment.json"), "utf8")) as Record<string, unknown>;
    assert.equal(environment.evidence, false);
    assert.equal(environment.why_not, "the training ran on cpu, not CUDA");
    assert.equal(environment.driver, "550.54.15");
    assert.equal(environment.cuda_version, "12.4");
    assert.deepEqual(
      (environment.gpus as { name: string }[]).map((gpu) => gpu.name),
      ["NVIDIA H100 80GB HBM3"],
    );
    assert.match(stderr, /training on the CPU\. This run is not GPU evidence/);
    assert.match(stderr, /NOT GPU evidence/);
    const samples = await recordedSamples(out);
    assert.deepEqual(samples[0], [[0, 0, 1024]], "sample 0000 is the first answer");
    assert.ok(samples.length >= 3, `sampled while training: ${samples.length}`);
    const tsv = (await readFile(join(out, "nvidia-smi/utilization.tsv"), "utf8")).trim().split("\n");
    assert.equal(tsv[0], "sample\tseconds");
    assert.equal(tsv.length - 1, samples.length, "one line per sample file");
    const metrics = JSON.parse(await readFile(join(out, "model/metrics.json"), "utf8")) as {
      metrics: Record<string, number>;
      params: Record<string, unknown>;
      history: unknown[];
    };
    assert.equal(metrics.params.device, "cpu");
    assert.equal(metrics.params.epochs, metrics.history.length);
    assert.ok(metrics.metrics.val_accuracy! > 0 && metrics.metrics.val_accuracy! <= 1);
  });

  test("its captures replay into modelship's GPU detection, utilization sampling and run record", async () => {
    await replayIntoRunRecord(out, "cpu-run");
  });

  test("modelship evaluates the exported model on the CPU with scikit-learn's metrics of torch's probabilities", async () => {
    await evaluateOnCpu(out, "cpu-run");
  });

  test("evidence.py calls a run GPU evidence only when a GPU was listed and the training ran on CUDA", async () => {
    const run = join(scratch, "cuda-run");
    await mkdir(join(run, "nvidia-smi/utilization"), { recursive: true });
    await mkdir(join(run, "model"));
    await writeFile(
      join(run, "nvidia-smi/gpu-list.txt"),
      "0, GPU-5d4a1b2c-0000-4000-8000-000000000001, NVIDIA H100 80GB HBM3, 81559, 550.54.15\n",
    );
    await writeFile(join(run, "nvidia-smi/header.txt"), "| NVIDIA-SMI 550.54.15   Driver Version: 550.54.15   CUDA Version: 12.4 |\n");
    await writeFile(join(run, "nvidia-smi/utilization/0000.txt"), "0, 0, 1024\n");
    await writeFile(join(run, "nvidia-smi/utilization/0001.txt"), "0, 93, 40000\n");
    await writeFile(join(run, "nvidia-smi/utilization/0002.txt"), "0, [N/A], [N/A]\n");
    const evidence = () => {
      const result = spawnSync(
        "/usr/bin/python3",
        [join(ROOT, "scripts/gpu-evidence/evidence.py"), "--out", run, "--test-data", TEST_CSV],
        {
          encoding: "utf8",
          env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
        },
      );
      assert.equal(result.status, 0, result.stderr);
      return result.stderr;
    };
    await writeFile(join(run, "model/metrics.json"), JSON.stringify({ metrics: {}, params: { device: "cuda" } }));
    assert.match(evidence(), /NVIDIA H100 80GB HBM3, driver 550\.54\.15, CUDA 12\.4; peak utilization \{'0': 93\}/);
    const environment = JSON.parse(await readFile(join(run, "environment.json"), "utf8")) as Record<string, unknown>;
    assert.equal(environment.evidence, true);
    assert.equal(environment.why_not, null);
    assert.deepEqual(environment.peak_utilization_percent, { "0": 93 }, "[N/A] is no number, not 0");
    assert.ok(
      "skipped" in (JSON.parse(await readFile(join(run, "onnxruntime-check.json"), "utf8")) as object),
      "no torch predictions: skipped",
    );

    await writeFile(join(run, "model/metrics.json"), JSON.stringify({ metrics: {}, params: { device: "cpu" } }));
    assert.match(evidence(), /NOT GPU evidence \(the training ran on cpu, not CUDA\)/);
    assert.equal((JSON.parse(await readFile(join(run, "environment.json"), "utf8")) as Record<string, unknown>).evidence, false);
  });

  test("without nvidia-smi it still trains, on the CPU, and REQUIRE_GPU=1 makes that an error", () => {
    const env = { ...process.env, PATH: "/usr/bin:/bin", PYTHON: "/usr/bin/python3", PARAMS: '{"hidden": "8", "epochs": "1"}' };
    const plain = spawnSync("bash", [SCRIPT], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...env, OUT: join(scratch, "no-gpu") },
    });
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stderr, /nvidia-smi is not on PATH: no GPU captures; the training runs on the CPU and this is NOT GPU evidence/);
    const required = spawnSync("bash", [SCRIPT], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...env, OUT: join(scratch, "required"), REQUIRE_GPU: "1" },
    });
    assert.equal(required.status, 1);
    assert.match(required.stderr, /REQUIRE_GPU=1: stopping/);
  });
});

describe("GPU routes inside Node", () => {
  /** The built-in trainer's stage on a GPU runner (the stand-in nvidia-smi), with a trainer that reports `backend`. */
  async function builtinOnGpuRunner(backend: BuiltinRun["backend"]): Promise<string[]> {
    const bin = await standIn("fake-builtin", FAKE_NVIDIA_SMI);
    const repo = await mkdtemp(join(scratch, "builtin-"));
    const logger = new MemoryLogger();
    const model = exportOnnx(
      {
        task: "binary",
        target: "y",
        classes: ["no", "yes"],
        features: [{ name: "x", kind: "numeric", median: 0, mean: 0, std: 1 }],
        layers: [{ inputs: 1, units: 1, weights: Float32Array.of(0.5), bias: Float32Array.of(0), activation: "sigmoid" }],
      },
      { producerVersion: "test" },
    );
    await runTraining({
      run: {
        builtin: async (outputDir) => {
          await writeFile(join(outputDir, "model.onnx"), model);
          return {
            configFile: { path: "train.yaml", sha256: "0".repeat(64), bytes: 1 },
            seed: 1,
            params: {},
            metrics: {},
            history: [],
            dataPaths: [],
            backend,
          };
        },
      },
      outputDir: "out",
      cwd: repo,
      requireGpu: "auto",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, FAKE_SMI_STATE: join(repo, "state") },
      logger,
      toolVersion: "test",
    });
    return logger.entries.map((entry) => entry.message);
  }

  test("a GPU runner whose built-in trainer trained on the CPU says so in the log", async () => {
    const log = await builtinOnGpuRunner({ name: "wasm", package: "@tensorflow/tfjs-backend-wasm" });
    assert.ok(log.includes("GPU: 0: NVIDIA H100 80GB HBM3 (81559 MiB), CUDA 12.4"), log.join("\n"));
    assert.ok(
      log.some((line) =>
        line.startsWith("The built-in trainer did not use the GPU: it trained on the CPU with wasm (@tensorflow/tfjs-backend-wasm)."),
      ),
      log.join("\n"),
    );
  });

  test("TensorFlow.js through @tensorflow/tfjs-node-gpu is not called a CPU fallback", async () => {
    const log = await builtinOnGpuRunner({ name: "tensorflow", package: "@tensorflow/tfjs-node-gpu" });
    assert.ok(!log.some((line) => line.includes("did not use the GPU")), log.join("\n"));
  });
});

describe("recorded GPU runs (test/fixtures/gpu/)", async () => {
  const runs = await recordedRuns();
  const docs = await readFile(join(ROOT, "docs/gpu-runners.md"), "utf8");

  if (runs.length === 0)
    test("there is none yet, and docs/gpu-runners.md says the GPU evidence is pending", () => {
      assert.ok(/GPU evidence: pending/i.test(docs), "docs/gpu-runners.md says: GPU evidence: pending");
      assert.ok(
        docs.includes("proven only against recorded outputs"),
        "docs/gpu-runners.md says the GPU path is proven only against recorded outputs",
      );
    });

  for (const name of runs)
    describe(name, () => {
      const folder = join(FIXTURES, name);
      test("is a real GPU run, named in docs/gpu-runners.md with its GPU and driver", async () => {
        const environment = JSON.parse(await readFile(join(folder, "environment.json"), "utf8")) as {
          evidence: boolean;
          driver: string;
          gpus: { name: string }[];
        };
        assert.equal(environment.evidence, true, `${name}: environment.json says this run is not GPU evidence`);
        assert.ok(
          !/GPU evidence: pending/i.test(docs),
          "a recorded run exists: docs/gpu-runners.md must stop calling the evidence pending",
        );
        assert.ok(docs.includes(`test/fixtures/gpu/${name}`), `docs/gpu-runners.md names test/fixtures/gpu/${name}`);
        assert.ok(docs.includes(environment.gpus[0]!.name) && docs.includes(environment.driver), "docs name its GPU and driver");
        const samples = (await recordedSamples(folder)).flat();
        assert.ok(
          samples.some(([, utilization]) => utilization! > 0),
          "the GPU was busy in at least one sample",
        );
      });
      test("replays into modelship's GPU detection, utilization sampling and run record", async () => {
        await replayIntoRunRecord(folder, name);
      });
      test("its CUDA-trained model evaluates in modelship on the CPU", async () => {
        await evaluateOnCpu(folder, name);
      });
    });
});
