/**
 * Permutation importance through the evaluate stage, checked against scikit-learn: a logistic
 * regression fitted by scikit-learn and written as an ONNX LinearClassifier (as skl2onnx does) with
 * python3-onnx. The importances must equal a Python restatement of scikit-learn's definition run on
 * the permutations we used (numpy cannot draw our seeded permutations, so the test hands them over),
 * and agree in ranking and within sampling error with sklearn.inspection.permutation_importance
 * itself. Then the sensitive_importance gate, the report's sections, and bad explain settings.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { importancePermutation } from "../../../src/evaluate/permutation-importance.ts";
import { renderGateText } from "../../../src/gates/gate-text.ts";
import { readPolicyFile, resolvePolicy, type GatePolicyDocument } from "../../../src/gates/policy.ts";
import { runEvaluation } from "../../../src/stages/evaluation.ts";
import { python } from "../../support/python.ts";

const FEATURES = ["x1", "x2", "s", "noise"];

/** Test data, a fitted LogisticRegression as an ONNX LinearClassifier, and the same model with s's weight 0. */
const BUILD = String.raw`
import numpy as np, pandas as pd, onnx
from onnx import TensorProto, helper
from sklearn.linear_model import LogisticRegression
d = data["dir"]
rng = np.random.default_rng(21)
def frame(n):
    x1 = np.round(rng.normal(0, 1, n), 3); x2 = np.round(rng.normal(0, 1, n), 3); s = rng.integers(0, 2, n)
    noise = np.round(rng.normal(0, 1, n), 3)
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-(1.5 * x1 - 0.7 * x2 + 2.0 * s - 1.0))), "yes", "no")
    return pd.DataFrame({"x1": x1, "x2": x2, "s": s, "noise": noise, "label": y})
train, test = frame(4000), frame(1500)
test.to_csv(d + "/test.csv", index=False)
cols = ["x1", "x2", "s", "noise"]
clf = LogisticRegression().fit(train[cols].values, train["label"])
def save(path, coef, intercept):
    ML = "ai.onnx.ml"
    x = helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 4])
    node = helper.make_node("LinearClassifier", ["float_input"], ["label", "raw"], domain=ML,
        coefficients=np.concatenate([-coef, coef]).astype(np.float32).tolist(), intercepts=[float(-intercept), float(intercept)],
        classlabels_strings=["no", "yes"], post_transform="LOGISTIC")
    norm = helper.make_node("Normalizer", ["raw"], ["probabilities"], domain=ML, norm="L1")
    outputs = [helper.make_tensor_value_info("label", TensorProto.STRING, [None]), helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])]
    m = helper.make_model(helper.make_graph([node, norm], "lr", [x], outputs), opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ML, 1)], ir_version=8)
    onnx.checker.check_model(m)
    onnx.save(m, path)
coef = clf.coef_[0].astype(np.float32).astype(np.float64); intercept = float(np.float32(clf.intercept_[0]))
save(d + "/model.onnx", coef, intercept)
blind = coef.copy(); blind[2] = 0.0
save(d + "/blind.onnx", blind, intercept)
emit({"coef": coef.tolist(), "intercept": intercept})
`;

/** scikit-learn's definition restated on our permutations, and permutation_importance itself (its own numpy permutations). */
const ORACLE = String.raw`
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.inspection import permutation_importance
test = pd.read_csv(data["dir"] + "/test.csv")
cols = data["features"]
X = test[cols].values.astype(np.float64); y = (test["label"] == "yes").astype(int).values
clf = LogisticRegression(); clf.classes_ = np.array([0, 1]); clf.coef_ = np.array([data["coef"]]); clf.intercept_ = np.array([data["intercept"]])
score = lambda Xs: roc_auc_score(y, clf.predict_proba(Xs)[:, 1])
baseline = score(X)
restated = {}
for j, name in enumerate(cols):
    drops = []
    for perm in data["permutations"]:
        Xp = X.copy(); Xp[:, j] = X[np.array(perm), j]
        drops.append(baseline - score(Xp))
    restated[name] = {"mean": float(np.mean(drops)), "std": float(np.std(drops)), "drops": drops}
sk = permutation_importance(clf, X, y, scoring="roc_auc", n_repeats=50, random_state=0)
emit({"baseline": baseline, "restated": restated,
      "sklearn": {name: {"mean": float(sk.importances_mean[j]), "std": float(sk.importances_std[j])} for j, name in enumerate(cols)}})
`;

let dir: string;
let fitted: { coef: number[]; intercept: number };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-importance-"));
  fitted = python(BUILD, { dir }, { timeoutMs: 300_000 });
});
after(() => rm(dir, { recursive: true, force: true }));

function evaluate(policy: GatePolicyDocument, model = "model.onnx", reportDir = "out", contractPath?: string) {
  return runEvaluation({
    ...(contractPath === undefined ? {} : { contractPath }),
    modelPath: join(dir, model),
    modelName: "lr",
    dataFiles: [join(dir, "test.csv")],
    target: "label",
    features: FEATURES,
    classes: ["no", "yes"],
    threshold: 0.5,
    batchSize: 400,
    policy: resolvePolicy({ bootstrap: { resamples: 0, seed: 4 }, fairness: { sensitive: ["s"], resamples: 0, gates: [] }, ...policy }),
    reportDir: join(dir, reportDir),
    failOn: "never",
    logger: new MemoryLogger(),
    toolVersion: "test",
  });
}

describe("permutation importance against scikit-learn", () => {
  test("equals scikit-learn's definition on our permutations, and agrees with permutation_importance within sampling error", async () => {
    const repeats = 5;
    const { report } = await evaluate({ explain: { repeats, resamples: 300 } });
    const section = report.explanations!;
    assert.equal(section.rows, 1500, "fewer rows than the sample size: every row is used");
    const permutations = Array.from({ length: repeats }, (_, r) => [...importancePermutation(4, r, 1500)]);
    const oracle = python<{
      baseline: number;
      restated: Record<string, { mean: number; std: number; drops: number[] }>;
      sklearn: Record<string, { mean: number; std: number }>;
    }>(ORACLE, { dir, features: FEATURES, permutations, ...fitted });
    // float32 (onnxruntime) against float64 (scikit-learn) probabilities: ranks, and so AUCs, agree to ~1e-6.
    assert.ok(Math.abs(section.baseline! - oracle.baseline) < 1e-5, `baseline ${section.baseline} vs ${oracle.baseline}`);
    for (const row of section.features) {
      const expected = oracle.restated[row.feature]!;
      assert.ok(Math.abs(row.importance! - expected.mean) < 1e-5, `${row.feature}: ${row.importance} vs ${expected.mean}`);
      assert.ok(Math.abs(row.std! - expected.std) < 1e-5, `${row.feature} std: ${row.std} vs ${expected.std}`);
      const sk = oracle.sklearn[row.feature]!;
      // Different permutations: the means differ by sampling error only (the repeats' spread, with margin).
      const tolerance = 4 * Math.sqrt(row.std! ** 2 / repeats + sk.std ** 2 / 50) + 1e-3;
      assert.ok(Math.abs(row.importance! - sk.mean) < tolerance, `${row.feature}: ${row.importance} vs sklearn ${sk.mean} ± ${tolerance}`);
    }
    const byOracle = Object.entries(oracle.sklearn)
      .sort((a, b) => b[1].mean - a[1].mean)
      .map(([name]) => name);
    assert.deepEqual(
      section.features.map((row) => row.feature),
      byOracle,
      "sorted by importance, in scikit-learn's order",
    );
    const noise = section.features.find((row) => row.feature === "noise")!;
    const x1 = section.features.find((row) => row.feature === "x1")!;
    assert.ok(x1.ci![0] > 0.05, "x1 drives the model: its interval is well above 0");
    assert.ok(noise.ci![0] < 0.01, "noise barely matters");
    assert.equal(section.features.find((row) => row.feature === "s")!.sensitive, true);
  });
});

/** A linear regressor on x1 and x2 (MatMul + Add), the target y = 2·x1 − x2 + noise, and R² drops restated on our permutations. */
const REGRESSION = String.raw`
import numpy as np, pandas as pd, onnx
from onnx import TensorProto, helper
from sklearn.metrics import r2_score
d = data["dir"]
if data["build"]:
    rng = np.random.default_rng(8)
    x1 = np.round(rng.normal(0, 1, 800), 3); x2 = np.round(rng.normal(0, 1, 800), 3)
    pd.DataFrame({"x1": x1, "x2": x2, "y": np.round(2 * x1 - x2 + rng.normal(0, 0.5, 800), 3)}).to_csv(d + "/reg.csv", index=False)
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 2]); out = helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])
    inits = [helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [2.0, -1.0]), helper.make_tensor("b", TensorProto.FLOAT, [1], [0.0])]
    nodes = [helper.make_node("MatMul", ["x", "w"], ["s"]), helper.make_node("Add", ["s", "b"], ["variable"])]
    m = helper.make_model(helper.make_graph(nodes, "reg", [x], [out], inits), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
    onnx.checker.check_model(m); onnx.save(m, d + "/reg.onnx")
    emit(True)
else:
    t = pd.read_csv(d + "/reg.csv"); X = t[["x1", "x2"]].values; y = t["y"].values
    predict = lambda Xs: Xs @ np.array([2.0, -1.0])
    base = r2_score(y, predict(X)); out = {}
    for j, name in enumerate(["x1", "x2"]):
        drops = []
        for perm in data["permutations"]:
            Xp = X.copy(); Xp[:, j] = X[np.array(perm), j]; drops.append(base - r2_score(y, predict(Xp)))
        out[name] = float(np.mean(drops))
    emit(out)
`;

describe("permutation importance of a regressor", () => {
  test("is the drop in R² by default, as scikit-learn's definition gives on our permutations", async () => {
    python(REGRESSION, { dir, build: true });
    const { report } = await runEvaluation({
      modelPath: join(dir, "reg.onnx"),
      dataFiles: [join(dir, "reg.csv")],
      target: "y",
      features: ["x1", "x2"],
      task: "regression",
      threshold: 0.5,
      batchSize: 300,
      policy: resolvePolicy({ bootstrap: { resamples: 0, seed: 2 }, explain: { repeats: 3, resamples: 100 } }),
      reportDir: join(dir, "reg-out"),
      failOn: "never",
      logger: new MemoryLogger(),
      toolVersion: "test",
    });
    const section = report.explanations!;
    assert.equal(section.metric, "r2");
    const permutations = Array.from({ length: 3 }, (_, r) => [...importancePermutation(2, r, 800)]);
    const expected = python<Record<string, number>>(REGRESSION, { dir, build: false, permutations });
    for (const row of section.features)
      assert.ok(Math.abs(row.importance! - expected[row.feature]!) < 1e-5, `${row.feature}: ${row.importance} vs ${expected[row.feature]}`);
    assert.deepEqual(
      section.features.map((row) => row.feature),
      ["x1", "x2"],
    );
  });
});

describe("the sensitive_importance gate", () => {
  const gate = (on: "point" | "ci") => ({
    explain: { resamples: 200, gates: [{ explain: "sensitive_importance" as const, max: 0.01, on }] },
  });

  test("fails a model that leans on the sensitive column, on the point and on the interval", async () => {
    for (const on of ["point", "ci"] as const) {
      const { report, markdown } = await evaluate(gate(on), "model.onnx", `lean-${on}`);
      const result = report.gates.find((g) => g.id === "explain:sensitive_importance")!;
      assert.equal(result.kind, "explain");
      assert.equal(result.status, "fail", result.reason);
      assert.equal(report.verdict, "fail");
      assert.match(result.reason, /^s \(sensitive/);
      const s = report.explanations!.features.find((row) => row.feature === "s")!;
      assert.equal(result.observed, on === "ci" ? s.ci![1] : s.importance);
      assert.match(markdown, /⚠️ sensitive/);
    }
  });

  test("judges the contract's sensitive columns too when the policy lists others for the fairness groups", async () => {
    const contract = join(dir, "contract.yaml");
    await writeFile(
      contract,
      [
        "version: 1",
        "columns:",
        "  - { name: x1, type: number, role: feature }",
        "  - { name: x2, type: number, role: feature }",
        "  - { name: s, type: integer, role: [feature, sensitive] }",
        "  - { name: noise, type: number, role: feature }",
        "  - { name: label, type: categorical, role: target }",
        "",
      ].join("\n"),
    );
    // The policy lists no sensitive column of its own (a fairness set-up that names others would do the same).
    const { report } = await evaluate(
      { ...gate("point"), fairness: { sensitive: [], resamples: 0, gates: [] } },
      "model.onnx",
      "union",
      contract,
    );
    const result = report.gates.find((g) => g.id === "explain:sensitive_importance")!;
    assert.equal(result.status, "fail", result.reason);
    assert.match(result.reason, /^s \(sensitive/);
  });

  test("passes the same model with the sensitive column's weight set to 0: its importance is exactly 0", async () => {
    const { report } = await evaluate(gate("ci"), "blind.onnx", "blind");
    const result = report.gates.find((g) => g.id === "explain:sensitive_importance")!;
    assert.equal(result.status, "pass", result.reason);
    assert.equal(report.explanations!.features.find((row) => row.feature === "s")!.importance, 0);
  });

  test("a proxy is judged with the sensitive columns; a sensitive column the model does not read gets a note", async () => {
    const { report } = await evaluate(
      {
        fairness: { sensitive: ["s"], resamples: 0, gates: [] },
        explain: { proxies: ["x1"], resamples: 0, gates: [{ explain: "sensitive_importance", max: 0.01 }] },
      },
      "model.onnx",
      "proxy",
    );
    const result = report.gates.find((g) => g.id === "explain:sensitive_importance")!;
    assert.match(result.reason, /^x1 \(proxy/, "x1 matters more than s");
    assert.equal(report.explanations!.features.find((row) => row.feature === "x1")!.proxy, true);
    const other = await evaluate(
      {
        fairness: { sensitive: ["label"], resamples: 0, gates: [] },
        explain: { resamples: 0, gates: [{ explain: "sensitive_importance", max: 0.01 }] },
      },
      "model.onnx",
      "unread",
    );
    assert.ok(other.report.notes.some((note) => /label .*not an input of the model/.test(note)));
    assert.equal(other.report.gates.find((g) => g.id === "explain:sensitive_importance")!.status, "pass");
  });

  test("the report shows a sorted table, a bar chart and a line of text", async () => {
    const { report, markdown } = await evaluate({ explain: { resamples: 100 } }, "model.onnx", "render");
    assert.match(markdown, /#### What the model relies on: permutation importance/);
    assert.match(markdown, /```mermaid\nxychart-beta horizontal\n/);
    const order = report.explanations!.features.map((row) => row.feature);
    const positions = order.map((name) => markdown.indexOf(`| \`${name}\` |`));
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      "table rows in importance order",
    );
    const text = renderGateText(report, { color: false, verbose: false, quiet: false });
    assert.match(text, new RegExp(`Importance \\(drop in ROC AUC, 1,500 rows × 5\\): ${order[0]} `));
  });

  test("a larger test set is subsampled by the seeded reservoir: same seed, same importances", async () => {
    const policy = { explain: { rows: 500, repeats: 2, resamples: 50 } };
    const first = (await evaluate(policy, "model.onnx", "sample-1")).report.explanations!;
    const again = (await evaluate(policy, "model.onnx", "sample-2")).report.explanations!;
    assert.equal(first.rows, 500);
    assert.equal(first.population, 1500);
    assert.deepEqual(again.features, first.features);
    const other = (await evaluate({ ...policy, bootstrap: { resamples: 0, seed: 5 } }, "model.onnx", "sample-3")).report.explanations!;
    assert.notDeepEqual(other.features, first.features, "another seed draws another sample");
  });

  test("explain: false computes nothing", async () => {
    const { report } = await evaluate({ explain: false }, "model.onnx", "off");
    assert.equal(report.explanations, undefined);
  });
});

describe("bad explain settings get a clear error", () => {
  async function rejects(policy: GatePolicyDocument, message: RegExp, pointer: string): Promise<void> {
    await assert.rejects(evaluate(policy, "model.onnx", "bad"), (error: Error & { pointer?: string }) => {
      assert.equal(error.name, "UserError", error.stack);
      assert.match(error.message, message);
      assert.equal(error.pointer, pointer);
      return true;
    });
  }

  test("a proxy that is not a column of the data", () =>
    rejects({ explain: { proxies: ["x1", "zip"] } }, /explain\.proxies names "zip", which is not a column/, "/explain/proxies/1"));

  test("a metric that does not fit the task", () =>
    rejects({ explain: { metric: "rmse" } }, /explain\.metric "rmse" does not apply/, "/explain/metric"));

  test("an unknown key in explain, in a policy file and in modelship.yaml", async () => {
    const file = join(dir, "policy.yaml");
    await writeFile(file, "explain:\n  rows: 100\n  repeat: 3\n");
    await assert.rejects(readPolicyFile(file), (error: Error) => {
      assert.equal(error.name, "UserError");
      assert.match(error.message, /policy\.yaml.*\/explain.*repeat/s);
      return true;
    });
    assert.throws(
      () =>
        parseConfig("version: 1\ngates:\n  explain: { gates: [{ explain: importance, max: 0.1 }] }\n", {
          file: join(dir, "modelship.yaml"),
        }),
      (error: Error) => error.name === "UserError" && /\/gates\/explain\/gates\/0\/explain/.test(error.message),
    );
  });

  test("gates while explanations are switched off", async () => {
    const file = join(dir, "off.yaml");
    await writeFile(file, "explain:\n  enabled: false\n  gates:\n    - { explain: sensitive_importance, max: 0.01 }\n");
    await assert.rejects(readPolicyFile(file), (error: Error & { pointer?: string }) => {
      assert.equal(error.name, "UserError");
      assert.equal(error.pointer, "/explain/enabled");
      return true;
    });
  });

  test("a gate on the interval while no interval is computed", async () => {
    const file = join(dir, "no-interval.yaml");
    await writeFile(file, "explain:\n  resamples: 0\n  gates:\n    - { explain: sensitive_importance, max: 0.01, on: ci }\n");
    await assert.rejects(readPolicyFile(file), (error: Error & { pointer?: string }) => {
      assert.equal(error.name, "UserError");
      assert.equal(error.pointer, "/explain/gates/0/on");
      assert.match(error.message, /explain\.resamples is 0: no interval is computed/);
      return true;
    });
  });
});
