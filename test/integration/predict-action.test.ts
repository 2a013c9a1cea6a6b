/**
 * The predict action (composite) run step by step as the runner runs it: it scores a CSV with a
 * LinearClassifier built by python3-onnx and writes Parquet; the probabilities equal numpy's softmax
 * of X·Wᵀ + b on the same rows, the outputs name the file, the rows and the columns, and a second run
 * over the same data rewrites the same file. A missing feature fails the step with the file and fix.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openTable } from "../../src/data/readers/open-table.ts";
import { runCompositeAction, type StandIn } from "../support/composite.ts";
import { python } from "../support/python.ts";

const BUILD = String.raw`
import os
import numpy as np, pandas as pd
import onnx
from onnx import TensorProto, helper
d = data["dir"]
rng = np.random.default_rng(8)
X = np.round(rng.normal(0, 1, (300, 2)), 3)
W, b = np.array([[0.7, -0.4], [-0.2, 0.9], [0.3, 0.3]]), np.array([0.1, -0.1, 0.0])
ML = "ai.onnx.ml"
node = helper.make_node("LinearClassifier", ["x"], ["label", "probabilities"], domain=ML, coefficients=W.flatten().tolist(),
    intercepts=b.tolist(), classlabels_strings=["low", "mid", "high"], post_transform="SOFTMAX")
m = helper.make_model(helper.make_graph([node], "lc", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 2])],
    [helper.make_tensor_value_info("label", TensorProto.STRING, [None]), helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])]),
    opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ML, 1)], ir_version=8)
onnx.checker.check_model(m)
onnx.save(m, os.path.join(d, "model.onnx"))
pd.DataFrame({"ts": [f"2026-12-07T00:{i // 60:02d}:{i % 60:02d}Z" for i in range(300)], "a": X[:, 0], "b": X[:, 1]}).to_csv(os.path.join(d, "batch.csv"), index=False)
z = X.astype(np.float32).astype(np.float64) @ W.T + b
p = np.exp(z - z.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
emit(p)
`;

let workspace: string;
let expected: number[][];
const standIns: Record<string, StandIn> = {
  "actions/setup-node": () => ({ path: [dirname(process.execPath)] }),
  "actions/cache": () => ({ outputs: { "cache-hit": "false" } }),
};

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-predict-action-"));
  expected = python<number[][]>(BUILD, { dir: workspace });
  await writeFile(
    join(workspace, "contract.yaml"),
    "version: 1\nname: batch\ncolumns:\n  - { name: ts, type: datetime, role: timestamp }\n  - { name: a, type: number, role: feature }\n  - { name: b, type: number, role: feature }\n",
  );
  await writeFile(join(workspace, "modelship.yaml"), "model: lc\ndata: { contract: contract.yaml }\nevaluate: { model: model.onnx }\n");
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const predict = (inputs: Record<string, string>) =>
  runCompositeAction({ action: "actions/predict", cwd: workspace, inputs, repository: "octo-org/octo-model", standIns });

describe("predict action (composite)", () => {
  test("scores the batch into Parquet: timestamp passed through, numpy's probabilities, outputs set; a re-run writes the same", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await predict({ data: "batch.csv", out: "scored/batch.parquet", features: "a\nb" });
      assert.equal(run.exitCode, 0, run.steps.map((step) => `${step.name}: ${step.outcome}\n${step.stdout}${step.stderr}`).join("\n"));
      assert.equal(run.outputs.rows, "300");
      assert.equal(run.outputs.path, "scored/batch.parquet");
      assert.deepEqual(JSON.parse(run.outputs.columns!), ["ts", "prediction", "proba_low", "proba_mid", "proba_high"]);
      const table = await openTable(join(workspace, "scored/batch.parquet"));
      let r = 0;
      for await (const batch of table.batches())
        for (let k = 0; k < batch.length; k++, r++)
          for (let c = 0; c < 3; c++) {
            const got = Number(batch.columns[2 + c]![k]);
            assert.ok(Math.abs(got - expected[r]![c]!) < 1e-6, `row ${r} class ${c}: ${got} vs ${expected[r]![c]}`);
          }
      assert.equal(r, 300);
      assert.deepEqual(await readdir(join(workspace, "scored")), ["batch.parquet"], "no temp file beside the output");
    }
  });

  test("a missing feature column fails the step, naming the file and the fix", async () => {
    const run = await predict({ data: "batch.csv", out: "scored/wrong.csv", features: "a\nc" });
    assert.notEqual(run.exitCode, 0);
    const output = run.steps.map((step) => step.stdout + step.stderr).join("\n");
    assert.match(output, /batch\.csv/);
    assert.match(output, /"c"/);
    assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?/);
    assert.deepEqual(await readdir(join(workspace, "scored")), ["batch.parquet"]);
  });
});
