/**
 * The evaluate stage end to end on models made by python3-onnx (not by our trainer) and data made
 * by numpy: every metric, fairness figure, McNemar and DeLong statistic in the gate report is
 * compared with scikit-learn / scipy / pandas on the same predictions. The models compute in exact
 * IEEE operations (MatMul by 0 and 1, division by a power of two, Clip), so onnxruntime and numpy agree bit for bit and the comparison
 * can be to 1e-9. Then every kind of bad input, each with its clear error.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { sortLabels } from "../../../src/evaluate/classes.ts";
import { runEvaluation, type EvaluateOptions } from "../../../src/stages/evaluation.ts";
import type { GateReport } from "../../../src/gates/gate-report-types.ts";
import { resolvePolicy, type GatePolicyDocument } from "../../../src/gates/policy.ts";
import type { OperationalProbe } from "../../../src/evaluate/operational.ts";
import { python } from "../../support/python.ts";
import { PY_SCORE_MODEL } from "../../support/toy-model.ts";

let dir: string;
let expected: Expected;

interface Expected {
  metrics: Record<string, number>;
  championMetrics: Record<string, number>;
  confusion: number[][];
  fairness: Record<
    string,
    {
      groups: Record<string, { count: number; selection_rate: number; tpr: number | null; fpr: number | null }>;
      dp_difference: number;
      dp_ratio: number;
      eo_difference: number;
      eo_ratio: number;
      eop_difference: number;
      to_overall_dp: number;
      di: number;
      di_group: string;
    }
  >;
  mcnemar: { b: number; c: number; p: number; exact: boolean };
  delong: { z: number; p: number };
  roc: { fpr: number[]; tpr: number[] };
}

// Data: age drives the label; the challenger scores (age + hours) / 256, the champion hours / 128.
// `race` has a group of 12 rows (below min_group_size 30); `sex` has two large groups.
const MAKE = String.raw`${PY_SCORE_MODEL}
import numpy as np, pandas as pd
from scipy import stats
from sklearn import metrics as M
d = data["dir"]
rng = np.random.default_rng(11)
n = 900
age = rng.integers(18, 90, n).astype(np.float32)
hours = rng.integers(1, 99, n).astype(np.float32)
sex = rng.choice(["F", "M"], n, p=[0.4, 0.6])
race = rng.choice(["a", "b", "c"], n, p=[0.55, 0.44, 0.01])
race[:12] = "c"; race[12:] = np.where(race[12:] == "c", "a", race[12:])
p_true = 1 / (1 + np.exp(-(age - 50) / 8 - (sex == "M") * 0.5))
label = np.where(rng.random(n) < p_true, "yes", "no")
pd.DataFrame({"age": age.astype(int), "hours": hours.astype(int), "sex": sex, "race": race, "label": label}).to_csv(d + "/test.csv", index=False)

score_model(d + "/challenger.onnx", [1.0, 1.0], 256.0)
score_model(d + "/champion.onnx", [0.0, 1.0], 128.0)
# MatMul with weights 1 and 0 adds exactly; dividing by a power of two is exact (onnxruntime may multiply by the reciprocal).
s1 = np.clip((age * np.float32(1) + hours * np.float32(1)) / np.float32(256), 0, 1).astype(np.float32).astype(np.float64)
s0 = np.clip((age * np.float32(0) + hours * np.float32(1)) / np.float32(128), 0, 1).astype(np.float32).astype(np.float64)
y = (label == "yes").astype(int)
def mets(s):
    pred = (s >= 0.5).astype(int)
    proba = np.column_stack([1 - s, s])
    return pred, {
        "accuracy": M.accuracy_score(y, pred), "balanced_accuracy": M.balanced_accuracy_score(y, pred),
        "precision": M.precision_score(y, pred, zero_division=0), "recall": M.recall_score(y, pred), "f1": M.f1_score(y, pred),
        "roc_auc": M.roc_auc_score(y, s), "average_precision": M.average_precision_score(y, s),
        "log_loss": M.log_loss(y, proba, labels=[0, 1]), "brier": M.brier_score_loss(y, s)}
pred1, m1 = mets(s1)
pred0, m0 = mets(s0)
# ECE: 10 uniform bins as calibration_curve assigns them.
bins = np.searchsorted(np.linspace(0, 1, 11)[1:-1], s1)
m1["ece"] = sum(abs(y[bins == b].mean() - s1[bins == b].mean()) * (bins == b).sum() / n for b in np.unique(bins))
df = pd.DataFrame({"y": y, "p": pred1, "sex": sex, "race": race})
fair = {}
for col in ["sex", "race"]:
    groups = {}
    for g, part in df.groupby(col):
        pos = part[part.y == 1]; neg = part[part.y == 0]
        groups[g] = {"count": len(part), "selection_rate": part.p.mean(), "tpr": pos.p.mean() if len(pos) else None, "fpr": neg.p.mean() if len(neg) else None}
    big = {g: v for g, v in groups.items() if v["count"] >= 30}
    sr = [v["selection_rate"] for v in big.values()]; tpr = [v["tpr"] for v in big.values()]; fpr = [v["fpr"] for v in big.values()]
    overall = df.p.mean()
    priv = {"sex": "M", "race": "a"}[col]
    fair[col] = {"groups": groups,
        "dp_difference": max(sr) - min(sr), "dp_ratio": min(sr) / max(sr),
        "eo_difference": max(max(tpr) - min(tpr), max(fpr) - min(fpr)), "eo_ratio": min(min(tpr) / max(tpr), min(fpr) / max(fpr)),
        "eop_difference": max(tpr) - min(tpr),
        "to_overall_dp": max(abs(v - overall) for v in sr),
        "di": min(v["selection_rate"] / big[priv]["selection_rate"] for g, v in big.items() if g != priv),
        "di_group": min((g for g in big if g != priv), key=lambda g: big[g]["selection_rate"] / big[priv]["selection_rate"])}
c0 = pred0 == y; c1 = pred1 == y
b = int(np.sum(c0 & ~c1)); c = int(np.sum(~c0 & c1))
exact = b + c < 25
p_mc = stats.binomtest(min(b, c), b + c, 0.5).pvalue if exact else stats.chi2.sf((abs(b - c) - 1) ** 2 / (b + c), 1)
# DeLong (Sun & Xu 2014), written out from the paper's placement values.
def delong(y, a, bb):
    def comp(p, q):
        m, k = len(p), len(q)
        allv = np.concatenate([p, q]); r = stats.rankdata(allv)
        rp = stats.rankdata(p); rq = stats.rankdata(q)
        v10 = (r[:m] - rp) / k; v01 = 1 - (r[m:] - rq) / m
        return v10.mean(), v10, v01
    pos, neg = bb[y == 1], bb[y == 0]
    A1, v10a, v01a = comp(a[y == 1], a[y == 0]); A2, v10b, v01b = comp(pos, neg)
    s10 = np.cov(np.vstack([v10a, v10b])); s01 = np.cov(np.vstack([v01a, v01b]))
    S = s10 / len(pos) + s01 / len(neg)
    var = S[0, 0] + S[1, 1] - 2 * S[0, 1]
    z = (A2 - A1) / np.sqrt(var)
    return z, 2 * stats.norm.sf(abs(z))
z, p_dl = delong(y, s0, s1)
fpr, tpr, _ = M.roc_curve(y, s1, drop_intermediate=False)
emit({"metrics": m1, "championMetrics": m0, "confusion": M.confusion_matrix(y, pred1), "fairness": fair,
      "mcnemar": {"b": b, "c": c, "p": p_mc, "exact": exact}, "delong": {"z": z, "p": p_dl}, "roc": {"fpr": fpr, "tpr": tpr}})
`;

function close(actual: number | null | undefined, wanted: number, what: string, tolerance = 1e-9): void {
  assert.ok(actual !== null && actual !== undefined, `${what} is missing`);
  assert.ok(Math.abs(actual - wanted) <= tolerance * Math.max(1, Math.abs(wanted)), `${what}: ${actual} ≠ ${wanted}`);
}

function settings(overrides: Partial<EvaluateOptions> = {}, policy: GatePolicyDocument = {}): EvaluateOptions {
  return {
    modelPath: join(dir, "challenger.onnx"),
    modelName: "toy",
    dataFiles: [join(dir, "test.csv")],
    target: "label",
    features: ["age", "hours"],
    classes: ["no", "yes"],
    threshold: 0.5,
    batchSize: 256,
    policy: resolvePolicy({
      bootstrap: { resamples: 300, seed: 5 },
      fairness: { sensitive: ["sex", "race"], privileged: { sex: "M", race: "a" } },
      ...policy,
    }),
    reportDir: join(dir, "out"),
    failOn: "fail",
    logger: new MemoryLogger(),
    toolVersion: "test",
    operationalProbe: tickingProbe(),
    ...overrides,
  };
}

/** The operational measurement's clock for these tests: every reading is 0.25 ms after the last, the memory never moves. */
function tickingProbe(): OperationalProbe {
  let t = 0;
  return { now: () => (t += 0.25), rss: () => 50e6, isolateMemory: false };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-evaluate-"));
  expected = python<Expected>(MAKE, { dir });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runEvaluation on a python3-onnx model", () => {
  let report: GateReport;
  before(async () => {
    report = (
      await runEvaluation(
        settings({}, { champion: { model: join(dir, "champion.onnx") }, quality: [{ metric: "roc_auc", min: 0.7, on: "ci" }] }),
      )
    ).report;
  });

  test("every metric equals scikit-learn's on the same predictions", () => {
    for (const [name, value] of Object.entries(expected.metrics)) close(report.metrics[name]?.value, value, name);
    assert.deepEqual(report.confusionMatrix?.matrix, expected.confusion);
    assert.deepEqual(report.model.classes, ["no", "yes"]);
    assert.equal(report.data.rows, 900);
  });

  test("the ROC curve in the report is sklearn's roc_curve, thinned", () => {
    const { fpr, tpr } = report.curves!.roc!;
    assert.deepEqual([fpr[0], tpr[0], fpr.at(-1), tpr.at(-1)], [0, 0, 1, 1]);
    for (let i = 0; i < fpr.length; i++) {
      const k = expected.roc.fpr.findIndex(
        (value, j) => Math.abs(value - fpr[i]!) < 1e-12 && Math.abs(expected.roc.tpr[j]! - tpr[i]!) < 1e-12,
      );
      assert.ok(k >= 0, `point (${fpr[i]}, ${tpr[i]}) is on sklearn's curve`);
    }
  });

  test("fairness per group and every disparity equal the pandas re-statement of Fairlearn and AIF360", () => {
    for (const grouping of ["sex", "race"]) {
      const section = report.fairness.find((entry) => entry.grouping === grouping)!;
      const want = expected.fairness[grouping]!;
      for (const [label, group] of Object.entries(want.groups)) {
        const row = section.groups.find((entry) => entry.label === label)!;
        assert.equal(row.count, group.count);
        close(row.rates.selection_rate, group.selection_rate, `${grouping}/${label} selection rate`);
        if (group.tpr !== null) close(row.rates.tpr, group.tpr, `${grouping}/${label} TPR`);
        if (group.fpr !== null) close(row.rates.fpr, group.fpr, `${grouping}/${label} FPR`);
      }
      close(section.metrics.demographic_parity_difference!.value, want.dp_difference, `${grouping} DP difference`);
      close(section.metrics.demographic_parity_ratio!.value, want.dp_ratio, `${grouping} DP ratio`);
      close(section.metrics.equalized_odds_difference!.value, want.eo_difference, `${grouping} EO difference`);
      close(section.metrics.equalized_odds_ratio!.value, want.eo_ratio, `${grouping} EO ratio`);
      close(section.metrics.equal_opportunity_difference!.value, want.eop_difference, `${grouping} EOpp difference`);
      close(section.metrics.disparate_impact!.value, want.di, `${grouping} disparate impact`);
      assert.equal(section.metrics.disparate_impact!.worst, want.di_group, `${grouping}: the group disparate impact belongs to`);
    }
    const race = report.fairness.find((entry) => entry.grouping === "race")!;
    assert.deepEqual(race.groups.find((group) => group.label === "c")?.small, true, "the 12-row group is reported as small");
    assert.deepEqual(
      race.metrics.demographic_parity_difference!.excluded.map((entry) => entry.label),
      ["c"],
    );
  });

  test("method: to_overall compares each large group with all rows, as Fairlearn does", async () => {
    const policy = resolvePolicy({
      bootstrap: { resamples: 0 },
      fairness: { sensitive: ["sex", "race"], method: "to_overall", resamples: 0 },
    });
    const overall = (await runEvaluation({ ...settings(), policy, reportDir: join(dir, "out-overall") })).report;
    for (const grouping of ["sex", "race"])
      close(
        overall.fairness.find((entry) => entry.grouping === grouping)!.metrics.demographic_parity_difference!.value,
        expected.fairness[grouping]!.to_overall_dp,
        `${grouping} DP difference to overall`,
      );
  });

  test("McNemar and DeLong against the champion equal scipy's", () => {
    const comparisons = new Map(report.champion!.comparisons.map((comparison) => [comparison.metric, comparison]));
    const accuracy = comparisons.get("accuracy")!;
    close(accuracy.test!.pValue, expected.mcnemar.p, "McNemar p");
    assert.equal(accuracy.test!.method, expected.mcnemar.exact ? "exact" : "chi2_continuity");
    close(accuracy.difference, expected.metrics.accuracy! - expected.championMetrics.accuracy!, "accuracy difference");
    const auc = comparisons.get("roc_auc")!;
    close(auc.test!.statistic, expected.delong.z, "DeLong z", 1e-7);
    close(auc.test!.pValue, expected.delong.p, "DeLong p", 1e-7);
    close(report.champion!.metrics.roc_auc, expected.championMetrics.roc_auc!, "champion AUC");
  });

  test("gates carry value, interval, n and a status; the CI gate uses the lower bound", () => {
    const gate = report.gates.find((entry) => entry.id === "quality:roc_auc:min")!;
    assert.equal(gate.n, 900);
    assert.equal(gate.observed, gate.ci![0]);
    assert.ok(gate.ci![0] < gate.value! && gate.value! < gate.ci![1]);
    const ids = report.gates.map((entry) => entry.id);
    assert.ok(
      ids.includes("fairness:demographic_parity_difference:sex") && ids.includes("champion:roc_auc") && ids.includes("champion:accuracy"),
    );
  });

  test("the operational section times both models through the clock seam: every call reads 0.25 ms, so each ratio is 1", () => {
    const section = report.operational!;
    assert.deepEqual(
      section.challenger.latency.map((entry) => entry.batch),
      [1, 64],
    );
    for (const entry of [...section.challenger.latency, ...section.champion!.latency]) {
      assert.equal(entry.p50Ms.value, 0.25);
      assert.deepEqual(entry.p99Ms.ci, [0.25, 0.25]);
      assert.equal(entry.calls, 10 * 30);
      assert.equal(entry.throughputRowsPerS.value, (entry.batch * 1000) / 0.25);
    }
    assert.equal(section.ratios![0]!.p50.value, 1);
    assert.equal(section.challenger.peakMemoryMb, 0);
    // The model file's bytes, and its weights counted from the graph: python3-onnx's own count.
    assert.equal(section.challenger.bytes, report.model.bytes);
    const parameters = python<number>(
      "import onnx, numpy as np\nm = onnx.load(data)\nemit(int(sum(np.prod(t.dims) for t in m.graph.initializer)))",
      join(dir, "challenger.onnx"),
    );
    assert.ok(parameters > 0);
    assert.equal(section.challenger.parameters, parameters);
    assert.equal(section.method.interleaved, true);
    assert.equal(section.environment.threads, "default");
    // The default gate: the median latency's ratio at batch 1, on the interval's upper bound, as a warning.
    const gate = report.gates.find((entry) => entry.id === "operational:latency_ratio_vs_champion:p50:batch1")!;
    assert.equal(gate.status, "pass");
    assert.equal(gate.severity, "warn");
    assert.equal(gate.observed, 1);
  });

  test("the report is deterministic for a seed: a second run writes the same report but for its timestamp", async () => {
    const again = (
      await runEvaluation(
        settings({}, { champion: { model: join(dir, "champion.onnx") }, quality: [{ metric: "roc_auc", min: 0.7, on: "ci" }] }),
      )
    ).report;
    assert.deepEqual({ ...again, created: "" }, { ...report, created: "" });
    const written = JSON.parse(await readFile(join(dir, "out/gate-report.json"), "utf8")) as GateReport;
    assert.equal(written.model.sha256, report.model.sha256);
  });
});

describe("class order without the model's word", () => {
  test("sortLabels orders like np.unique: numbers numerically, anything else as text", () => {
    const numbers = python<string[]>("import numpy as np\nemit([str(v) for v in np.unique(np.array(data, dtype=int))])", [
      "10",
      "2",
      "0",
      "11",
      "1",
    ]);
    assert.deepEqual(sortLabels(["10", "2", "0", "11", "1"]), numbers);
    const texts = python<string[]>("import numpy as np\nemit(np.unique(np.array(data)).tolist())", [
      "b",
      "B",
      "a10",
      "a2",
      ">50K",
      "<=50K",
    ]);
    assert.deepEqual(sortLabels(["b", "B", "a10", "a2", ">50K", "<=50K"]), texts);
  });

  test("a champion block without a champion yet (before the first release) is said as such, naming the policy file and champion.release", async () => {
    const logger = new MemoryLogger();
    const document: GatePolicyDocument = {
      bootstrap: { resamples: 0 },
      fairness: { sensitive: [], resamples: 0 },
      champion: { rules: [{ metric: "roc_auc", margin: 0.005 }] },
    };
    const { report } = await runEvaluation({
      ...settings({ reportDir: join(dir, "out-no-champion"), logger }),
      policy: resolvePolicy(document, { source: "policies/gates.yaml" }),
    });
    const said = logger.entries.map((entry) => entry.message).join("\n");
    assert.match(said, /No champion model yet, so the champion rules were skipped \(expected before the first release\)/);
    assert.match(said, /set champion\.release: latest in policies\/gates\.yaml/);
    assert.doesNotMatch(said, /names no champion/);
    assert.equal(report.champion, undefined);
    // Inline under modelship.yaml's gates, the key is gates.champion.release in that file.
    const inline = new MemoryLogger();
    await runEvaluation({
      ...settings({ reportDir: join(dir, "out-no-champion-inline"), logger: inline }),
      policy: resolvePolicy(document, { source: "modelship.yaml (gates)" }),
    });
    assert.match(
      inline.entries.map((entry) => entry.message).join("\n"),
      /set gates\.champion\.release: latest in modelship\.yaml to compare/,
    );
  });

  test("numeric labels sort as numbers, as scikit-learn's np.unique does: 10 is the positive class over 2", async () => {
    const csv = await readFile(join(dir, "test.csv"), "utf8");
    await writeFile(join(dir, "numeric-labels.csv"), csv.replaceAll(",no\n", ",2\n").replaceAll(",yes\n", ",10\n"));
    const { report } = await runEvaluation(
      settings(
        { dataFiles: [join(dir, "numeric-labels.csv")], classes: undefined, reportDir: join(dir, "out-numeric") },
        { bootstrap: { resamples: 0 }, fairness: { sensitive: [], resamples: 0 } },
      ),
    );
    assert.deepEqual(report.model.classes, ["2", "10"]);
    close(report.metrics.roc_auc?.value, expected.metrics.roc_auc!, "AUC with 10 as the positive class");
  });
});

describe("bad input gets a clear error", () => {
  async function rejects(options: Partial<EvaluateOptions>, message: RegExp, policy: GatePolicyDocument = {}): Promise<void> {
    await assert.rejects(runEvaluation(settings(options, policy)), (error: Error) => {
      assert.equal(error.name, "UserError", error.stack);
      assert.match(error.message, message);
      return true;
    });
  }

  test("a missing model file", () => rejects({ modelPath: join(dir, "nope.onnx") }, /nope\.onnx: model file not found/));

  test("a file that is not ONNX", () => rejects({ modelPath: join(dir, "test.csv") }, /test\.csv: is not an ONNX model/));

  test("data without a model input's column", () => rejects({ features: ["age", "weight"] }, /no column "weight"/));

  test("labels the model does not know", async () => {
    const csv = await readFile(join(dir, "test.csv"), "utf8");
    await writeFile(join(dir, "unseen.csv"), csv.replace(/,no\n/, ",maybe\n"));
    await rejects({ dataFiles: [join(dir, "unseen.csv")] }, /label the model does not know: "maybe" \(1 rows\); first at .*unseen\.csv:2/);
  });

  test("a single-class test set", async () => {
    const csv = await readFile(join(dir, "test.csv"), "utf8");
    await writeFile(join(dir, "one-class.csv"), csv.replaceAll(",yes\n", ",no\n"));
    await rejects({ dataFiles: [join(dir, "one-class.csv")] }, /single class \("no", 900 rows\)/);
  });

  test("an empty test set", async () => {
    await writeFile(join(dir, "empty.csv"), "age,hours,sex,race,label\n");
    await rejects({ dataFiles: [join(dir, "empty.csv")] }, /empty\.csv:1: has a header but no data rows/);
  });

  test("a sensitive column with a single group", async () => {
    const csv = await readFile(join(dir, "test.csv"), "utf8");
    await writeFile(join(dir, "one-sex.csv"), csv.replace(/,(F|M),/g, ",F,"));
    await rejects({ dataFiles: [join(dir, "one-sex.csv")] }, /sex.*single group/);
  });

  test("probabilities outside [0, 1] point to score_kind", async () => {
    python(
      String.raw`
import onnx
from onnx import helper, TensorProto
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2]); out = helper.make_tensor_value_info("score", TensorProto.FLOAT, ["N", 1])
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [1.0, 1.0])
m = helper.make_model(helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["score"])], "raw", [x], [out], [w]), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
onnx.save(m, data["path"]); emit(True)`,
      { path: join(dir, "raw.onnx") },
    );
    await rejects({ modelPath: join(dir, "raw.onnx") }, /score_kind/);
  });

  test("NaN predictions name the output and the line", async () => {
    python(
      String.raw`
import onnx
from onnx import helper, TensorProto
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2]); out = helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [-1.0, 0.0])
nodes = [helper.make_node("MatMul", ["x", "w"], ["neg"]), helper.make_node("Sqrt", ["neg"], ["probability"])]
m = helper.make_model(helper.make_graph(nodes, "nan", [x], [out], [w]), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
onnx.save(m, data["path"]); emit(True)`,
      { path: join(dir, "nan.onnx") },
    );
    await rejects({ modelPath: join(dir, "nan.onnx") }, /test\.csv:2: the model's output "probability" is NaN/);
  });

  test("a gate on a metric the task does not have", () =>
    rejects({}, /gate metric "rmse" does not apply to a binary model/, { quality: [{ metric: "rmse", max: 1 }] }));

  test("a champion from the registry before the registry exists", () =>
    rejects({}, /release v1\.0\.0, which needs the model registry/, { champion: { release: "v1.0.0" } }));

  test("a champion with another number of classes", async () => {
    python(
      String.raw`
import onnx
from onnx import helper, TensorProto
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2]); out = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])
w = helper.make_tensor("w", TensorProto.FLOAT, [2, 3], [0.01, 0.02, 0.03, 0.03, 0.02, 0.01])
nodes = [helper.make_node("MatMul", ["x", "w"], ["z"]), helper.make_node("Softmax", ["z"], ["probabilities"], axis=1)]
onnx.save(helper.make_model(helper.make_graph(nodes, "three", [x], [out], [w]), opset_imports=[helper.make_opsetid("", 13)], ir_version=7), data["path"]); emit(True)`,
      { path: join(dir, "three.onnx") },
    );
    await rejects({}, /the model gives 3 probability columns, but the evaluated model's classes are 2/, {
      champion: { model: join(dir, "three.onnx") },
    });
  });

  test("a grouping or privileged group that is not checked (a typo would switch the gate off)", async () => {
    await rejects({}, /names the grouping "sexx", which is not checked/, {
      fairness: { sensitive: ["sex"], gates: [{ metric: "demographic_parity_difference", max: 0.1, groupings: ["sexx"] }] },
    });
    await rejects({}, /fairness\.privileged names the grouping "rac"/, {
      fairness: { sensitive: ["sex", "race"], privileged: { rac: "a" } },
    });
  });

  test("a numeric sensitive column needs bins, ascending ones", async () => {
    await writeFile(
      join(dir, "contract.yaml"),
      "columns:\n  - { name: age, type: integer }\n  - { name: hours, type: integer }\n  - { name: sex, type: categorical }\n  - { name: race, type: categorical }\n  - { name: label, type: categorical, role: target }\n",
    );
    await rejects({ contractPath: join(dir, "contract.yaml") }, /sensitive column "age" is integer in the contract/, {
      fairness: { sensitive: ["age"] },
    });
    await rejects({}, /bin edges of "age" are not ascending/, { fairness: { sensitive: ["age"], bins: { age: [65, 25] } } });
    const binned = (
      await runEvaluation(
        settings(
          { reportDir: join(dir, "out-binned") },
          { bootstrap: { resamples: 0 }, fairness: { sensitive: ["age"], bins: { age: [40, 65] }, resamples: 0 } },
        ),
      )
    ).report;
    assert.deepEqual(new Set(binned.fairness[0]!.groups.map((group) => group.label)), new Set(["<40", "40–65", "≥65"]));
  });
});
