/**
 * `npm run bench:evaluate`: the evaluate stage at scale, figures only (nothing here asserts a time).
 *
 * 1. 1,000,000 Adult-shaped rows (the UCI Adult test set resampled with a seed) through the built-in
 *    trainer's Adult model in onnxruntime: rows/s of inference + metrics, then the whole stage with
 *    2,000-resample intervals and fairness on sex and race, with peak memory.
 * 2. 2,000 bootstrap resamples on 100,000 rows: seconds for our bootstrap, side by side with the
 *    usual numpy + scikit-learn loop on the very same predictions (Debian's /usr/bin/python3).
 * 3. 2,000 bootstrap resamples of 1,000,000 rows with all-distinct scores (every row its own unit,
 *    the bootstrap's costliest case) and the stage's 10 binary metrics: goal under 30 s.
 * Python's onnxruntime is not packaged by Debian and cannot be installed offline here, so there is
 * no inference peer; scikit-learn's metrics on the same 1M predictions stand in for the metric part.
 *
 *    The whole stage includes permutation importance (on by default: 20,000 sampled rows × 5 repeats
 *    × the model's columns); its own time, from the stage's log, is printed beside the rest's.
 * 4. `modelship predict` (read + inference + Parquet output) beside evaluate's read + inference on
 *    the same rows and model, in rows/s.
 *
 *   node bench/evaluate/run.ts [--rows N] [--resamples N] [--distinct-rows N]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TEST, adultLines } from "../../test/support/adult.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { metricIntervals } from "../../src/evaluate/metric-intervals.ts";
import { runEvaluation } from "../../src/stages/evaluation.ts";
import { runPredictStage } from "../../src/stages/predict-stage.ts";
import { collectPredictions } from "../../src/evaluate/collect.ts";
import { loadModel } from "../../src/evaluate/onnx-model.ts";
import { loadContract } from "../../src/data/contract/load-contract.ts";
import { resolvePolicy } from "../../src/gates/policy.ts";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { threadCount } from "../../src/common/threads.ts";
import { writeResults, type BenchFigure } from "../results.ts";

const root = join(import.meta.dirname, "../..");
// Paths relative to the repository root, so the reports and profiles a bench writes name no
// machine path (what a clone of the repository lacks).
process.chdir(root);
const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    resamples: { type: "string", default: "2000" },
    "distinct-rows": { type: "string", default: "1000000" },
  },
});
const rows = Number(values.rows);
const resamples = Number(values.resamples);
const distinctRows = Number(values["distinct-rows"]);
const dir = "bench/.data/evaluate";
await mkdir(dir, { recursive: true });

// The data: the Adult test set's rows drawn with replacement until there are `rows`.
const dataPath = join(dir, `adult-${rows}.csv`);
if (!existsSync(dataPath)) {
  const { header, lines } = adultLines(ADULT_TEST);
  const random = mulberry32(2024);
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) out.push(lines[Math.floor(random() * lines.length)]!);
  await writeFile(dataPath, `${out.join("\n")}\n`);
}

// The model: the example's built-in trainer config.
const modelDir = join(dir, "model");
if (!existsSync(join(modelDir, "model.onnx"))) {
  const trained = spawnSync(
    process.execPath,
    [join(root, "src/cli/index.ts"), "train", "--train-config", "examples/model-repo/train/train.yaml", "--output", modelDir],
    { cwd: root, encoding: "utf8" },
  );
  if (trained.status !== 0) throw new Error(trained.stderr);
}

const base = {
  modelPath: join(modelDir, "model.onnx"),
  dataFiles: [dataPath],
  contractPath: "examples/model-repo/data/contract.yaml",
  positiveLabel: ">50K",
  threshold: 0.5,
  batchSize: 8192,
  reportDir: join(dir, "report"),
  failOn: "never" as const,
  logger: new MemoryLogger(),
  toolVersion: "bench",
};
const gates = {
  quality: [
    { metric: "roc_auc" as const, min: 0.85, on: "ci" as const },
    { metric: "accuracy" as const, min: 0.8 },
  ],
};

let started = performance.now();
await runEvaluation({
  ...base,
  policy: resolvePolicy({ ...gates, bootstrap: { resamples: 0 }, fairness: { resamples: 0 }, explain: false, operational: false }),
});
const plainSeconds = (performance.now() - started) / 1000;
started = performance.now();
const fullLogger = new MemoryLogger();
const full = await runEvaluation({ ...base, logger: fullLogger, policy: resolvePolicy({ ...gates, bootstrap: { resamples, seed: 1 } }) });
const fullSeconds = (performance.now() - started) / 1000;
// The stage logs the importance's own time; the rest of the stage is evaluate without it.
const importanceSeconds = Number(
  /Permutation importance took ([\d.]+) s/.exec(fullLogger.entries.map((entry) => entry.message).join("\n"))?.[1] ?? Number.NaN,
);
const evaluateSeconds = fullSeconds - importanceSeconds;
const explained = full.report.explanations!;
const peakMb = process.resourceUsage().maxRSS / 1024;

// Batch scoring beside evaluate's read + inference on the same rows and model: collectPredictions is
// what evaluate runs before its metrics; predict also writes every row's label and probabilities.
const benchModel = await loadModel({ path: base.modelPath });
started = performance.now();
await collectPredictions({
  files: [dataPath],
  contract: await loadContract(base.contractPath),
  target: "Y",
  regression: false,
  models: [benchModel],
  sensitive: [],
});
const readInferSeconds = (performance.now() - started) / 1000;
await benchModel.release();
started = performance.now();
await runPredictStage(
  { model: base.modelPath, data: [dataPath], contract: base.contractPath, out: join(dir, "predictions.parquet") },
  { config: {}, cwd: root, env: {}, logger: new MemoryLogger(), toolVersion: "bench", defaultRegistry: dir },
);
const predictSeconds = (performance.now() - started) / 1000;

// 2,000 resamples on 100,000 rows: our bootstrap vs numpy + scikit-learn on the same predictions.
const n = 100_000;
const random = mulberry32(7);
const y = new Int32Array(n);
const proba = new Float64Array(n * 2);
for (let r = 0; r < n; r++) {
  y[r] = random() < 0.24 ? 1 : 0;
  const p = Math.min(1, Math.max(0, 0.24 + (y[r] ? 0.35 : -0.12) + (random() - 0.5) * 0.6));
  proba[r * 2] = 1 - p;
  proba[r * 2 + 1] = p;
}
const pred = Int32Array.from({ length: n }, (_, r) => (proba[r * 2 + 1]! >= 0.5 ? 1 : 0));
const data = { kind: "classification" as const, data: { classes: 2, y, pred, proba } };
type BinaryMetric =
  "accuracy" | "roc_auc" | "balanced_accuracy" | "precision" | "recall" | "f1" | "average_precision" | "log_loss" | "brier" | "ece";
const ALL_BINARY: BinaryMetric[] = [
  "accuracy",
  "balanced_accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece",
];
const timeIntervals = async (metrics: BinaryMetric[], challenger: typeof data = data) => {
  const t = performance.now();
  await metricIntervals({ challenger, metrics, differences: [], resamples, seed: 3, confidence: 0.95 });
  return (performance.now() - t) / 1000;
};
const ours2 = await timeIntervals(["accuracy", "roc_auc"]);
const ours10 = await timeIntervals(ALL_BINARY);

// 1M rows with all-distinct scores: a logistic of a continuous score, never clipped, so no two rows
// share a (label, score) unit and the bootstrap draws every row of every resample.
const distinct = (() => {
  const n = distinctRows;
  const random = mulberry32(11);
  const y = new Int32Array(n);
  const proba = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    y[r] = random() < 0.24 ? 1 : 0;
    // r · 1e-9 separates the rows whose 32-bit uniform draws coincide (a birthday pair in ~10,000).
    const p = 1 / (1 + Math.exp(-((y[r] ? 1.1 : -1.4) + (random() - 0.5) * 4 + r * 1e-9)));
    proba[r * 2] = 1 - p;
    proba[r * 2 + 1] = p;
  }
  const pred = Int32Array.from({ length: n }, (_, r) => (proba[r * 2 + 1]! >= 0.5 ? 1 : 0));
  return { kind: "classification" as const, data: { classes: 2, y, pred, proba } };
})();
const distinctScores = new Set(Array.from({ length: distinctRows }, (_, r) => distinct.data.proba[r * 2 + 1]!)).size;
const distinctSeconds = await timeIntervals(ALL_BINARY, distinct);
await writeFile(join(dir, "y.i32"), y);
await writeFile(
  join(dir, "p.f64"),
  Float64Array.from({ length: n }, (_, r) => proba[r * 2 + 1]!),
);
const python = String.raw`
import sys, time
import numpy as np
from sklearn.metrics import accuracy_score, roc_auc_score
d, resamples = sys.argv[1], int(sys.argv[2])
y = np.fromfile(d + "/y.i32", dtype=np.int32); p = np.fromfile(d + "/p.f64"); pred = (p >= 0.5).astype(int)
rng = np.random.default_rng(3)
pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
t = time.perf_counter()
for _ in range(resamples):
    idx = np.concatenate([rng.choice(pos, len(pos)), rng.choice(neg, len(neg))])
    accuracy_score(y[idx], pred[idx]); roc_auc_score(y[idx], p[idx])
print(time.perf_counter() - t)
`;
const sklearn = spawnSync("/usr/bin/python3", ["-c", python, dir, String(resamples)], { encoding: "utf8" });
const sklearnSeconds = sklearn.status === 0 ? Number(sklearn.stdout.trim()) : undefined;
if (sklearn.status !== 0) console.error(`scikit-learn did not run: ${sklearn.stderr}`);

// scikit-learn's point metrics on the same 1M predictions, for the metric part of step 1.
const auc = full.report.metrics.roc_auc?.value;
console.log(
  `\nbench/evaluate: ${rows.toLocaleString("en-US")} Adult-shaped rows (the UCI Adult test set, datasets/adult, resampled), the built-in trainer's MLP (14 raw columns in), onnxruntime ${full.report.environment.onnxruntime}, ${process.arch}, Node ${process.version}\n`,
);
console.log("| step | seconds | rows/s |");
console.log("| --- | ---: | ---: |");
console.log(
  `| read + inference + all metrics (no intervals) | ${plainSeconds.toFixed(2)} | ${Math.round(rows / plainSeconds).toLocaleString("en-US")} |`,
);
console.log(
  `| evaluate's read + inference (collectPredictions) | ${readInferSeconds.toFixed(2)} | ${Math.round(rows / readInferSeconds).toLocaleString("en-US")} |`,
);
console.log(
  `| predict: read + inference + Parquet output (label, proba_<class>) | ${predictSeconds.toFixed(2)} | ${Math.round(rows / predictSeconds).toLocaleString("en-US")} |`,
);
console.log(
  `| whole stage: + ${resamples.toLocaleString("en-US")}-resample CIs, permutation importance, fairness (sex, race; ${full.report.randomness.fairnessResamples} group-stratified resamples), gates | ${fullSeconds.toFixed(2)} | ${Math.round(rows / fullSeconds).toLocaleString("en-US")} |`,
);
console.log(
  `\npermutation importance (${explained.rows.toLocaleString("en-US")} rows × ${explained.repeats} repeats × ${explained.features.length} features, ${explained.resamples.toLocaleString("en-US")}-replicate intervals): ${importanceSeconds.toFixed(2)} s = ${(importanceSeconds / evaluateSeconds).toFixed(2)}× evaluate (the rest of the stage, ${evaluateSeconds.toFixed(2)} s); goal ≤ 3×.`,
);
console.log(
  `\npeak RSS ${peakMb.toFixed(0)} MB; ROC AUC ${auc?.toFixed(4)} CI [${full.report.metrics.roc_auc?.ci?.map((bound) => bound.toFixed(4)).join(", ")}]; goal: the whole stage on 1M rows in under 30 s.`,
);
console.log(`\n${resamples.toLocaleString("en-US")} label-stratified bootstrap resamples on ${n.toLocaleString("en-US")} rows:\n`);
console.log("| | metrics per resample | seconds |");
console.log("| --- | ---: | ---: |");
console.log(`| modelship | 2 (accuracy, ROC AUC) | ${ours2.toFixed(2)} |`);
console.log(
  `| numpy + scikit-learn loop | 2 (accuracy, ROC AUC) | ${sklearnSeconds === undefined ? "did not run" : sklearnSeconds.toFixed(2)} |`,
);
console.log(`| modelship | 10 (every binary metric) | ${ours10.toFixed(2)} |`);
if (sklearnSeconds !== undefined) console.log(`\nspeed-up over the scikit-learn loop (2 metrics): ${(sklearnSeconds / ours2).toFixed(1)}×`);
console.log("Python onnxruntime: not packaged by Debian and not installable offline here, so no inference peer.");
const threads = threadCount();
console.log(
  `\n${resamples.toLocaleString("en-US")} label-stratified resamples of ${distinctRows.toLocaleString("en-US")} rows with ${distinctScores.toLocaleString("en-US")} distinct scores, all 10 binary metrics, ${threads} thread(s) (MODELSHIP_THREADS):\n`,
);
console.log("| | seconds | goal | met |");
console.log("| --- | ---: | ---: | --- |");
console.log(`| modelship bootstrap | ${distinctSeconds.toFixed(2)} | < 30 | ${distinctSeconds < 30 ? "yes" : "no"} |`);

const figures: BenchFigure[] = [
  {
    workload: `predict, ${rows.toLocaleString("en-US")} Adult rows to Parquet, vs evaluate's read + inference on the same rows`,
    unit: "rows/s",
    ours: rows / predictSeconds,
    peer: rows / readInferSeconds,
    peerName: "evaluate's read + inference (collectPredictions)",
    ratio: readInferSeconds / predictSeconds,
    goal: "ratio ≥ 1.0",
    met: predictSeconds <= readInferSeconds,
  },
  {
    workload: `bootstrap, ${resamples.toLocaleString("en-US")} resamples × ${distinctRows.toLocaleString("en-US")} rows with all-distinct scores, 10 metrics`,
    unit: "s",
    ours: distinctSeconds,
    goal: "< 30 s",
    met: distinctSeconds < 30,
  },
  {
    workload: `evaluate stage, ${rows.toLocaleString("en-US")} Adult rows with ${resamples.toLocaleString("en-US")}-resample CIs and fairness`,
    unit: "s",
    ours: fullSeconds,
    goal: "< 30 s",
    met: fullSeconds < 30,
  },
  {
    workload: `permutation importance, ${explained.rows.toLocaleString("en-US")} rows × ${explained.repeats} repeats × ${explained.features.length} features, vs the rest of the evaluate stage on ${rows.toLocaleString("en-US")} rows`,
    unit: "s",
    ours: importanceSeconds,
    peer: evaluateSeconds,
    peerName: "the rest of the evaluate stage",
    ratio: evaluateSeconds / importanceSeconds,
    goal: "≤ 3× evaluate's time",
    met: importanceSeconds <= 3 * evaluateSeconds,
  },
  {
    workload: `bootstrap, ${resamples.toLocaleString("en-US")} label-stratified resamples × ${n.toLocaleString("en-US")} rows, accuracy + ROC AUC`,
    unit: "s",
    ours: ours2,
    ...(sklearnSeconds === undefined
      ? {}
      : { peer: sklearnSeconds, peerName: "numpy + scikit-learn resampling loop", ratio: sklearnSeconds / ours2 }),
  },
];
await writeResults("evaluate", figures, [
  `${threads} thread(s); Node ${process.version}; onnxruntime ${full.report.environment.onnxruntime}; peak RSS ${peakMb.toFixed(0)} MB.`,
  "Python onnxruntime is not packaged by Debian and not installable offline here, so inference has no peer.",
]);
