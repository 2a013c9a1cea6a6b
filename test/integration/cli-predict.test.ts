/**
 * `modelship predict` as a user runs it (dist/cli.js): its output fed straight into `modelship drift`
 * as current data (the label in the contract's `prediction` column; with the labels kept, drift's
 * accuracy equals scikit-learn's on the same rows), a torch.onnx export scored as torch scores it,
 * peak RSS flat from 100k to 400k rows (GNU time), and user mistakes answered without a stack trace.
 */
import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { python } from "../support/python.ts";
import { requireTorch, torchSkip } from "../support/torch.ts";

/** A binary LogisticRegression as skl2onnx writes it, labelled train data, and batches; emits scikit-learn's accuracy on the labelled batch. */
const BUILD = String.raw`
import os
import numpy as np, pandas as pd
import onnx
from onnx import TensorProto, helper
from sklearn.linear_model import LogisticRegression
d = data["dir"]
rng = np.random.default_rng(3)
def frame(n, shift):
    x1 = np.round(rng.normal(shift, 1, n), 3); x2 = np.round(rng.normal(0, 1, n), 3)
    y = np.where(x1 - 0.5 * x2 + rng.normal(0, 1, n) > 0, "yes", "no")
    return pd.DataFrame({"id": [f"c{shift}-{i}" for i in range(n)], "x1": x1, "x2": x2, "label": y})
train = frame(3000, 0)
clf = LogisticRegression().fit(train[["x1", "x2"]].values, train["label"])
train["predicted"] = clf.predict(train[["x1", "x2"]].values)
train.to_csv(os.path.join(d, "train.csv"), index=False)
clean, shifted = frame(1500, 0), frame(1500, 2)
clean.to_csv(os.path.join(d, "labelled.csv"), index=False)
clean.drop(columns=["label"]).to_csv(os.path.join(d, "clean.csv"), index=False)
shifted.drop(columns=["label"]).to_csv(os.path.join(d, "shifted.csv"), index=False)
ML = "ai.onnx.ml"
x = helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 2])
node = helper.make_node("LinearClassifier", ["float_input"], ["label", "probabilities"], domain=ML,
    coefficients=np.concatenate([-clf.coef_[0], clf.coef_[0]]).astype(np.float32).tolist(),
    intercepts=[float(-clf.intercept_[0]), float(clf.intercept_[0])], classlabels_strings=list(clf.classes_), post_transform="LOGISTIC")
# skl2onnx's binary form: scores for both classes, LOGISTIC, then normalised (Normalizer L1) into probabilities.
norm = helper.make_node("Normalizer", ["raw"], ["probabilities"], domain=ML, norm="L1")
node.output[1] = "raw"
m = helper.make_model(helper.make_graph([node, norm], "lr", [x], [helper.make_tensor_value_info("label", TensorProto.STRING, [None]), helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])]),
    opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ML, 1)], ir_version=8)
onnx.checker.check_model(m)
onnx.save(m, os.path.join(d, "model.onnx"))
emit({"accuracy": float((clf.predict(clean[["x1", "x2"]].values) == clean["label"]).mean()), "proba": clf.predict_proba(clean[["x1", "x2"]].values)[:5]})
`;

const CONTRACT = `version: 1
name: scored
columns:
  - { name: id, type: string, role: id }
  - { name: x1, type: number, role: feature }
  - { name: x2, type: number, role: feature }
  - { name: label, type: categorical, role: target }
  - { name: predicted, type: categorical, role: prediction }
`;

let dir: string;
let oracle: { accuracy: number; proba: number[][] };
const cli = (args: string[], options: { measureRss?: boolean; env?: Record<string, string> } = {}) =>
  runCli(args, { cwd: dir, ...options });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-cli-predict-"));
  oracle = python(BUILD, { dir }, { timeoutMs: 300_000 });
  await writeFile(join(dir, "contract.yaml"), CONTRACT);
  await writeFile(
    join(dir, "modelship.yaml"),
    "model: scored\ndata: { contract: contract.yaml }\nevaluate: { model: model.onnx, features: [x1, x2] }\n",
  );
  const profiled = cli(["profile", "train.csv", "--contract", "contract.yaml", "--output", "reference.json"]);
  assert.equal(profiled.status, 0, profiled.stderr);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface DriftReport {
  drifted_columns: string[];
  columns: { name: string; roles: string[]; status: string; current: { valid: number } }[];
  performance?: { metric: string; current: number; n: number };
}

describe("modelship predict → modelship drift", () => {
  test("predictions become drift's current data: the prediction column is compared, and a shift in the inputs shows in it", async () => {
    for (const batch of ["clean", "shifted"]) {
      const scored = cli(["predict", `${batch}.csv`, "--out", `${batch}-scored.csv`, "--keep", "x1", "--keep", "x2"]);
      assert.equal(scored.status, 0, scored.stderr);
      const header = (await readFile(join(dir, `${batch}-scored.csv`), "utf8")).split("\n", 1)[0];
      assert.equal(header, "id,x1,x2,predicted,proba_no,proba_yes");
      const drift = cli([
        "drift",
        `${batch}-scored.csv`,
        "--reference",
        "reference.json",
        "--report-dir",
        `drift-${batch}`,
        "--fail-on",
        "never",
      ]);
      assert.equal(drift.status, 0, drift.stderr);
      assert.ok(!hasStackTrace(drift.stderr));
      const report = JSON.parse(await readFile(join(dir, `drift-${batch}/drift-report.json`), "utf8")) as DriftReport;
      const predicted = report.columns.find((column) => column.name === "predicted");
      assert.ok(predicted, "the report has the prediction column");
      assert.ok(predicted.roles.includes("prediction"));
      assert.equal(predicted.current.valid, 1500);
      // The reference's predictions are about half "yes"; x1 shifted by +2 makes most rows "yes".
      assert.equal(predicted.status, batch === "clean" ? "ok" : "drift", `${batch}: ${JSON.stringify(predicted)}`);
    }
  });

  test("with the labels kept, drift's accuracy on predict's output equals scikit-learn's on the same rows", async () => {
    const scored = cli(["predict", "labelled.csv", "--out", "labelled-scored.parquet", "--keep", "x1", "--keep", "x2", "--keep", "label"]);
    assert.equal(scored.status, 0, scored.stderr);
    const drift = cli([
      "drift",
      "labelled-scored.parquet",
      "--reference",
      "reference.json",
      "--report-dir",
      "drift-labelled",
      "--fail-on",
      "never",
    ]);
    assert.equal(drift.status, 0, drift.stderr);
    const report = JSON.parse(await readFile(join(dir, "drift-labelled/drift-report.json"), "utf8")) as DriftReport;
    assert.equal(report.performance?.n, 1500);
    assert.ok(Math.abs(report.performance.current - oracle.accuracy) < 1e-12, `${report.performance.current} vs ${oracle.accuracy}`);
  });
});

describe("modelship predict: a torch.onnx export", { skip: torchSkip("the torch.onnx predict test") }, () => {
  test("a Linear + Softmax export is scored as torch scores it", async () => {
    requireTorch();
    const expected = python<number[][]>(
      String.raw`
import torch, os, warnings
import pandas as pd
warnings.filterwarnings("ignore")
net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Softmax(dim=1))
with torch.no_grad():
    net[0].weight.copy_(torch.tensor([[0.8, -0.5], [-0.3, 0.9], [0.1, 0.2]])); net[0].bias.copy_(torch.tensor([0.1, -0.2, 0.0]))
net.eval()
torch.onnx.export(net, torch.zeros(4, 2), os.path.join(data["dir"], "torch.onnx"), input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
x = torch.tensor(pd.read_csv(os.path.join(data["dir"], "clean.csv"))[["x1", "x2"]].values, dtype=torch.float32)
emit(net(x).detach().numpy().astype(float))
`,
      { dir },
      { timeoutMs: 300_000 },
    );
    const scored = cli(["predict", "clean.csv", "--model", "torch.onnx", "--out", "torch.jsonl"]);
    assert.equal(scored.status, 0, scored.stderr);
    const rows = (await readFile(join(dir, "torch.jsonl"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, string | number>);
    assert.equal(rows.length, expected.length);
    rows.forEach((row, r) => {
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(Number(row[`proba_${c}`]) - expected[r]![c]!) < 1e-6, `row ${r} class ${c}`);
      // The label is the class of the highest probability (torch's output has no label).
      const best = expected[r]!.indexOf(Math.max(...expected[r]!));
      assert.equal(String(row.predicted), String(best));
    });
  });
});

describe("modelship predict: constant memory", () => {
  async function writeRows(path: string, count: number): Promise<void> {
    const random = mulberry32(count);
    const out = createWriteStream(path);
    out.write("id,x1,x2\n");
    for (let i = 0; i < count; i += 1000) {
      let chunk = "";
      for (let k = i; k < Math.min(count, i + 1000); k++)
        chunk += `row-${k},${(random() * 4 - 2).toFixed(3)},${(random() * 4 - 2).toFixed(3)}\n`;
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  }

  test("peak RSS for 800k rows stays within 24 MiB of 100k rows' (GNU time, eager GC)", async () => {
    const peaks: number[] = [];
    for (const count of [100_000, 800_000]) {
      await writeRows(join(dir, `big-${count}.csv`), count);
      // V8 otherwise grows its heap lazily with the garbage a long run makes (it plateaus, but not by
      // 800k rows); a 1 MB young generation and a 64 MB old space make the peak follow live memory.
      const scored = cli(["predict", `big-${count}.csv`, "--out", `big-${count}.parquet`], {
        measureRss: true,
        env: { NODE_OPTIONS: "--max-semi-space-size=1 --max-old-space-size=64" },
      });
      assert.equal(scored.status, 0, scored.stderr);
      assert.ok(scored.maxRssKiB !== undefined, "GNU time reported the peak RSS");
      peaks.push(scored.maxRssKiB);
    }
    // Holding the 700k extra rows' output would take ≥ 700k × (an id string ~40 B, a label slot 8 B,
    // two doubles 16 B, array slots 24 B) ≈ 60 MB; streaming keeps the growth to the runtime's noise.
    const growthMiB = (peaks[1]! - peaks[0]!) / 1024;
    assert.ok(
      growthMiB < 24,
      `peak RSS grew by ${growthMiB.toFixed(1)} MiB from 100k to 800k rows (${peaks.map((kib) => Math.round(kib / 1024)).join(" → ")} MiB)`,
    );
  });
});

describe("modelship predict: user mistakes", () => {
  test("a missing feature column: the file, the column and the fix, exit 2, no stack trace, no output", async () => {
    await writeFile(join(dir, "no-x2.csv"), "id,x1\na,1\n");
    const run = cli(["predict", "no-x2.csv", "--out", "mistake/p.csv"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no-x2\.csv/);
    assert.match(run.stderr, /"x2"/);
    assert.match(run.stderr, /--feature/);
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
    assert.ok(!(await readdir(dir)).includes("mistake") || (await readdir(join(dir, "mistake"))).length === 0);
  });

  test("a bad --out extension and an unreachable URL: exit 2 with the fix", () => {
    const extension = cli(["predict", "clean.csv", "--out", "p.xlsx"]);
    assert.equal(extension.status, 2);
    assert.match(extension.stderr, /p\.xlsx.*extension predict does not write/s);
    assert.match(extension.stderr, /--out-format/);
    const url = cli(["predict", "https://10.255.255.1/batch.csv", "--out", "p.csv"]);
    assert.equal(url.status, 2);
    assert.match(url.stderr, /10\.255\.255\.1/);
    assert.ok(!hasStackTrace(url.stderr), url.stderr);
  });
});
