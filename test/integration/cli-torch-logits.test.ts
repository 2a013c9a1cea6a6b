/**
 * A PyTorch user's repository end to end through the built CLI (dist/cli.js): `modelship train`
 * runs a script that exports a Linear classifier with `torch.onnx.export` (raw logits out, as
 * torch classifiers are) and writes the flat metrics.json most scripts write; `modelship evaluate`
 * with `evaluate.outputs.score_kind: logit` alone then scores it. The expected metrics are
 * scikit-learn's on scipy's softmax/expit of the same weights and rows, not our own output.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { python } from "../support/python.ts";
import { requireTorch, torchSkip } from "../support/torch.ts";

// The training script: fixed weights, logits [N, 2] or [N, 1] (HEAD), a flat metrics.json.
const TRAIN_PY = String.raw`
import json, os, sys, warnings
import torch
warnings.filterwarnings("ignore")
out = os.environ["MODELSHIP_OUTPUT_DIR"]
two = os.environ.get("HEAD", "2") == "2"
W, b = ([[0.4, -0.6], [-0.8, 0.2]], [0.05, -0.1]) if two else ([[1.2, -0.8]], [-0.15])
net = torch.nn.Linear(2, len(W))
with torch.no_grad():
    net.weight.copy_(torch.tensor(W))
    net.bias.copy_(torch.tensor(b))
net.eval()
torch.onnx.export(net, torch.zeros(1, 2), os.path.join(out, "model.onnx"), input_names=["x"], output_names=["output"],
                  dynamic_axes={"x": {0: "batch"}, "output": {0: "batch"}})
json.dump({"loss": 0.4375, "val_accuracy": 0.8125}, open(os.path.join(out, "metrics.json"), "w"))
`;

// The test rows, and scikit-learn's metrics of scipy's probabilities for both heads.
const ORACLE = String.raw`
import numpy as np
from scipy.special import expit, softmax
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score
rng = np.random.default_rng(11)
x = np.round(rng.normal(size=(400, 2)), 4)
y = (rng.random(400) < expit(1.3 * x[:, 0] - 0.9 * x[:, 1])).astype(int)
with open(sys.argv[1], "w") as f:
    f.write("a,b,y\n")
    for (a, b), label in zip(x, y): f.write(f"{a},{b},{label}\n")
def metrics(p):
    return {"roc_auc": roc_auc_score(y, p), "log_loss": log_loss(y, p), "brier": brier_score_loss(y, p),
            "accuracy": accuracy_score(y, (p >= 0.5).astype(int))}
two = softmax(x @ np.array([[0.4, -0.6], [-0.8, 0.2]]).T + np.array([0.05, -0.1]), axis=1)[:, 1]
one = expit(x @ np.array([1.2, -0.8]) - 0.15)
emit({"two": metrics(two), "one": metrics(one)})
`;

const CONFIG = (scoreKind: boolean) => `version: 1
model: torch-toy
data:
  test: data/test.csv
train:
  command: /usr/bin/python3 train.py
  require_gpu: false
  output: .modelship/model
evaluate:
  target: y
  features: [a, b]
${scoreKind ? "  outputs: { score_kind: logit }   # torch's Linear head gives logits\n" : ""}  report_dir: .modelship/evaluation
gates:
  bootstrap: { resamples: 200, seed: 3 }
  quality:
    - { metric: roc_auc, min: 0.6 }
`;

type Metrics = Record<"roc_auc" | "log_loss" | "brier" | "accuracy", number>;

const skip = torchSkip("the PyTorch CLI end-to-end test");
let repo = "";
let expected: { two: Metrics; one: Metrics };

describe("a PyTorch repository through modelship train and evaluate", { skip, timeout: 180_000 }, () => {
  before(async () => {
    requireTorch();
    repo = await mkdtemp(join(tmpdir(), "modelship-cli-torch-"));
    await writeFile(join(repo, "train.py"), TRAIN_PY);
    await mkdir(join(repo, "data"));
    expected = python<{ two: Metrics; one: Metrics }>(ORACLE, null, { args: [join(repo, "data/test.csv")] });
  });
  after(async () => {
    if (repo !== "") await rm(repo, { recursive: true, force: true });
  });

  interface Report {
    verdict: string;
    metrics: Record<string, { value: number }>;
  }

  function evaluate(): { status: number; report?: Report; stderr: string } {
    const run = runCli(["evaluate", "--json"], { cwd: repo });
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
    return { status: run.status, stderr: run.stderr, ...(run.status === 2 ? {} : { report: JSON.parse(run.stdout) as Report }) };
  }

  function assertMetrics(report: { metrics: Record<string, { value: number }> } | undefined, wanted: Metrics): void {
    assert.ok(report);
    for (const [name, value] of Object.entries(wanted))
      assert.ok(
        Math.abs(report.metrics[name]!.value - value) <= 1e-5,
        `${name}: ${report.metrics[name]?.value} vs scikit-learn's ${value}`,
      );
  }

  test("train takes the flat metrics.json into the run record", async () => {
    await writeFile(join(repo, "modelship.yaml"), CONFIG(true));
    const trained = runCli(["train"], { cwd: repo });
    assert.equal(trained.status, 0, trained.stderr);
    const record = JSON.parse(await readFile(join(repo, ".modelship/model/run-record.json"), "utf8")) as { metrics: unknown };
    assert.deepEqual(record.metrics, { loss: 0.4375, val_accuracy: 0.8125 });
  });

  test("logits [N, 2] without score_kind are refused, naming the data row and the config key that fixes it", async () => {
    await writeFile(join(repo, "modelship.yaml"), CONFIG(false));
    const run = evaluate();
    assert.equal(run.status, 2);
    assert.match(run.stderr, /data\/test\.csv:\d+: .*"output".*not a probability/);
    assert.match(run.stderr, /evaluate\.outputs\.score_kind: logit in modelship\.yaml/);
  });

  test("with score_kind: logit alone, logits [N, 2] get a softmax and scikit-learn's metrics", async () => {
    await writeFile(join(repo, "modelship.yaml"), CONFIG(true));
    const run = evaluate();
    assert.notEqual(run.status, 2, run.stderr);
    assertMetrics(run.report, expected.two);
  });

  test("with score_kind: logit alone, a logit [N, 1] gets a sigmoid and scikit-learn's metrics", async () => {
    await writeFile(join(repo, "modelship.yaml"), CONFIG(true));
    const trained = runCli(["train"], { cwd: repo, env: { HEAD: "1" } });
    assert.equal(trained.status, 0, trained.stderr);
    const run = evaluate();
    assert.notEqual(run.status, 2, run.stderr);
    assertMetrics(run.report, expected.one);
  });
});
