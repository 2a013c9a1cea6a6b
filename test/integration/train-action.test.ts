/**
 * The train action (composite) run step by step the way the runner runs it, with GitHub's
 * expression evaluator: setup-node and upload-artifact are stood in for (they download or upload),
 * everything else runs for real — the install step, dist/train.js, the user's Python training
 * script, onnxruntime, and a stand-in nvidia-smi for the GPU path.
 */
import assert from "node:assert/strict";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCompositeAction, type StandIn } from "../support/composite.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;

const FAKE_NVIDIA_SMI = `#!/bin/sh
case "$1" in
  --query-gpu=index,uuid,name,memory.total,driver_version) echo "0, GPU-aaaa1111, NVIDIA A10G, 23028, 535.104.05" ;;
  --query-gpu=index,utilization.gpu,memory.used) echo "0, 64, 2048" ;;
  *) echo "| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2 |" ;;
esac
`;

let workspace: string;
let fakeBin: string;
let uploads: { name: string; path: string }[];

const standIns: Record<string, StandIn> = {
  // The runner would install Node 24 here; this process already runs on it.
  "actions/setup-node": () => ({ path: [dirname(process.execPath)] }),
  "actions/upload-artifact": async (step) => {
    const target = join(workspace, "..", "artifacts", step.with.name ?? "artifact");
    await cp(resolve(step.workspace, step.with.path ?? ""), target, { recursive: true });
    uploads.push({ name: step.with.name ?? "", path: step.with.path ?? "" });
    return {};
  },
};

before(async () => {
  const root = await mkdtemp(join(tmpdir(), "modelship-train-action-"));
  workspace = join(root, "repo");
  await cp(EXAMPLE, workspace, { recursive: true });
  fakeBin = join(root, "bin");
  await mkdir(fakeBin);
  await writeFile(join(fakeBin, "nvidia-smi"), FAKE_NVIDIA_SMI);
  await chmod(join(fakeBin, "nvidia-smi"), 0o755);
});
after(async () => {
  await rm(dirname(workspace), { recursive: true, force: true });
});

describe("train action (composite)", () => {
  test("runs the user's command on a GPU runner: outputs, run record with GPU samples, artifact, job summary", async () => {
    uploads = [];
    const run = await runCompositeAction({
      action: "actions/train",
      cwd: workspace,
      inputs: {
        command: "/usr/bin/python3 train/train.py",
        params: "lr=0.3\nepochs=12",
        seed: "3",
        "runner-labels": '["self-hosted","linux","gpu"]',
      },
      env: { PATH: `${fakeBin}:${process.env.PATH ?? ""}` },
      standIns,
    });
    assert.equal(run.exitCode, 0, run.steps.map((step) => `${step.name}: ${step.outcome}\n${step.stdout}${step.stderr}`).join("\n"));
    assert.deepEqual(
      run.steps.map((step) => step.outcome),
      ["stood-in", "success", "success", "stood-in"],
    );
    assert.equal(run.outputs["output-dir"], ".modelship/model");
    const written = JSON.parse(await readFile(join(workspace, ".modelship/model/metrics.json"), "utf8")) as { metrics: object };
    assert.deepEqual(JSON.parse(run.outputs.metrics!) as object, written.metrics);
    const record = JSON.parse(await readFile(run.outputs["run-record"]!, "utf8")) as {
      mode: string;
      params: Record<string, string>;
      seed: number;
      history: unknown[];
      gpu: { devices: { name: string }[]; cudaVersion: string; samples: { utilizationPercent: number }[] };
      data: { files: { path: string }[]; contract: { path: string } };
      run: { url: string };
      model: { inputs: { name: string }[] };
    };
    assert.equal(record.mode, "command");
    assert.deepEqual(record.params, { lr: "0.3", epochs: "12" });
    assert.equal(record.seed, 3);
    assert.equal(record.history.length, 12, "the script saw MODELSHIP_PARAM epochs=12");
    assert.equal(record.gpu.devices[0]!.name, "NVIDIA A10G");
    assert.equal(record.gpu.cudaVersion, "12.2");
    assert.ok(record.gpu.samples.length >= 1 && record.gpu.samples.every((sample) => sample.utilizationPercent === 64));
    assert.deepEqual(
      record.data.files.map((file) => file.path),
      ["data/train.csv", "data/test.csv"],
      "data paths from modelship.yaml, fingerprinted",
    );
    assert.equal(record.data.contract.path, "data/contract.yaml");
    assert.equal(record.run.url, "https://github.com/octo-org/octo-repo/actions/runs/4242");
    assert.deepEqual(
      record.model.inputs.map((input) => input.name),
      ["x"],
    );
    assert.deepEqual(uploads, [{ name: "model", path: ".modelship/model" }]);
    assert.match(run.summary, /Training run/);
    assert.match(run.summary, /NVIDIA A10G/);
    assert.match(run.summary, /xychart-beta/, "the loss curve is drawn");
  });

  test("require-gpu: true on a runner without a GPU fails at the train step, naming the labels, before training or uploading", async () => {
    uploads = [];
    const run = await runCompositeAction({
      action: "actions/train",
      cwd: workspace,
      inputs: {
        command: "touch should-not-exist",
        "require-gpu": "true",
        "runner-labels": '["self-hosted","linux","gpu"]',
        output: "out/no-gpu",
      },
      standIns,
    });
    assert.equal(run.exitCode, 1);
    assert.equal(run.steps.at(-1)!.name, "Train");
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /no GPU.*\["self-hosted","linux","gpu"\]/s);
    assert.deepEqual(uploads, []);
    await assert.rejects(readFile(join(workspace, "should-not-exist")));
  });

  test("a failing command fails the step with its exit code and last output lines", async () => {
    const run = await runCompositeAction({
      action: "actions/train",
      cwd: workspace,
      inputs: { command: "echo 'loading'; echo 'CUDA error: out of memory' >&2; exit 2", output: "out/fails" },
      standIns,
    });
    assert.equal(run.exitCode, 1);
    const error = run.annotations.find((annotation) => annotation.level === "error");
    assert.match(error?.message ?? "", /exit code 2[\s\S]*CUDA error: out of memory/);
  });

  test("runs the built-in trainer from train-config: an ONNX model with raw-column inputs and a run record naming the modelship-js backend and its threads", async () => {
    uploads = [];
    const run = await runCompositeAction({
      action: "actions/train",
      cwd: workspace,
      inputs: { "train-config": "train/train.yaml", output: "out/builtin", upload: "false" },
      standIns,
    });
    assert.equal(run.exitCode, 0, run.steps.map((step) => `${step.name}: ${step.outcome}\n${step.stdout}${step.stderr}`).join("\n"));
    assert.deepEqual(
      run.steps.map((step) => step.outcome),
      ["stood-in", "success", "success", "skipped"],
    );
    const record = JSON.parse(await readFile(run.outputs["run-record"]!, "utf8")) as {
      mode: string;
      backend: { name: string; package: string; threads?: number };
      model: { inputs: { name: string; type: string }[] };
    };
    assert.equal(record.mode, "builtin");
    assert.equal(record.backend.name, "modelship-js");
    assert.equal(record.backend.package, "modelship");
    assert.ok(Number.isInteger(record.backend.threads) && record.backend.threads! >= 1, JSON.stringify(record.backend));
    assert.ok(record.model.inputs.some((input) => input.name === "workclass" && input.type === "string"));
    assert.ok(typeof (JSON.parse(run.outputs.metrics!) as { test_accuracy?: number }).test_accuracy === "number");
    assert.match(run.summary, /built-in trainer/);
    assert.deepEqual(uploads, []);
  });
});
