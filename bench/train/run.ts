/**
 * `npm run bench:train`: rows per second per epoch of the built-in trainer on the full UCI Adult
 * training data (32,561 rows × 47 encoded inputs), side by side with scikit-learn's MLPClassifier on
 * the very same encoded matrix and settings (hidden 32-16, relu, Adam, batch 128, learning rate
 * 0.005, no L2 penalty, no early stopping), via Debian's /usr/bin/python3. Figures only: nothing here
 * asserts a time.
 *
 * How the figures are taken: both sides get the same thread count (ours: MODELSHIP_THREADS, default
 * every core; scikit-learn: threadpoolctl's threadpool_limits on its BLAS and OpenMP pools) and one
 * untimed warm-up fit; then ROUNDS rounds alternate one timed fit of ours and one of theirs (so a
 * busy spell on the machine hits both), each timing the whole fit call (setup included) for EPOCHS
 * epochs. The figure is the best round of each; the median is printed beside it.
 *
 *   node bench/train/run.ts [--epochs N] [--rounds N] [--tfjs]
 */
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TRAIN } from "../../test/support/adult.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { threadCount } from "../../src/common/threads.ts";
import { loadContract } from "../../src/data/contract/load-contract.ts";
import { loadTabular, type TabularData } from "../../src/train/tabular-data.ts";
import { loadTrainConfig } from "../../src/train/train-config.ts";
import { predictRows, trainModel, type TrainBackend } from "../../src/train/trainer.ts";
import { writeResults, type BenchFigure } from "../results.ts";

const root = join(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    epochs: { type: "string", default: "5" },
    rounds: { type: "string", default: "5" },
    tfjs: { type: "boolean", default: false },
  },
});
const epochs = Number(values.epochs);
const rounds = Number(values.rounds);
const threads = threadCount();
const config = await loadTrainConfig("examples/model-repo/train/train.yaml", root);
const contract = await loadContract(join(root, config.data.contract!));
const data = await loadTabular({ path: ADULT_TRAIN, contract, features: config.features, target: config.target });

interface Fit {
  rate: number;
  accuracy: number;
  /** CPU seconds per wall second: about 2 when both cores worked. */
  cores?: number;
  passes?: { parallel: number; alone: number };
}

/** One fit of ours: rows/s over the whole call, and accuracy on the training rows (as scikit-learn's score). */
async function ours(backend: TrainBackend, threadsUsed: number, epochCount = epochs): Promise<Fit> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await trainModel({
    data,
    model: { kind: "mlp", layers: [32, 16], backend },
    epochs: epochCount,
    batchSize: 128,
    learningRate: 0.005,
    validationSplit: 0,
    seed: 1,
    threads: threadsUsed,
    logger: new MemoryLogger(),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    rate: (data.rows * epochCount) / seconds,
    accuracy: trainingAccuracy(result.model, data),
    cores: (used.user + used.system) / 1e6 / seconds,
    ...(result.passes === undefined ? {} : { passes: result.passes }),
  };
}

function trainingAccuracy(model: Parameters<typeof predictRows>[0], source: TabularData): number {
  const p = predictRows(model, source.x);
  let right = 0;
  for (let r = 0; r < source.rows; r++) if ((p[r]! >= 0.5 ? 1 : 0) === source.y[r]) right++;
  return right / source.rows;
}

const dir = join(root, "bench/.data");
await mkdir(dir, { recursive: true });
await writeFile(join(dir, "train-x.f32"), data.x);
await writeFile(join(dir, "train-y.f32"), data.y);
const python = String.raw`
import json, sys, time, warnings
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
warnings.simplefilter("ignore", ConvergenceWarning)
d, width, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(d + "/train-x.f32", dtype=np.float32).reshape(-1, width)
y = np.fromfile(d + "/train-y.f32", dtype=np.float32).astype(int)
def fit(n):
    model = MLPClassifier(hidden_layer_sizes=(32, 16), activation="relu", solver="adam", alpha=0.0, batch_size=128, learning_rate_init=0.005, max_iter=n, shuffle=True, random_state=1, tol=0, n_iter_no_change=10**9)
    t = time.perf_counter(); model.fit(x, y); s = time.perf_counter() - t
    return model, s
with threadpool_limits(limits=threads):
    pools = [{k: p.get(k) for k in ("internal_api", "version", "num_threads", "architecture")} for p in threadpool_info()]
    if sys.argv[5] == "warm":
        fit(1)
    model, s = fit(epochs)
print(json.dumps({"rate": len(y) * epochs / s, "accuracy": model.score(x, y), "pools": pools}))
`;
function sklearn(warm: boolean):
  | {
      rate: number;
      accuracy: number;
      pools: { internal_api: string; version: string | null; num_threads: number; architecture?: string }[];
    }
  | undefined {
  const run = spawnSync(
    "/usr/bin/python3",
    ["-c", python, dir, String(data.width), String(epochs), String(threads), warm ? "warm" : "timed"],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) {
    console.error(`scikit-learn did not run: ${run.stderr}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as ReturnType<typeof sklearn>;
}

// Warm-up: one untimed fit each (JIT and worker start for ours; imports and BLAS for theirs, in its own process each round).
await ours("modelship-js", threads, 1);
const mine: Fit[] = [];
const theirs: NonNullable<ReturnType<typeof sklearn>>[] = [];
for (let round = 0; round < rounds; round++) {
  mine.push(await ours("modelship-js", threads));
  const peer = sklearn(true);
  if (peer) theirs.push(peer);
}
const oneThread = await ours("modelship-js", 1);
const tfjs = values.tfjs ? await ours("tfjs", 1) : undefined;

const best = (runs: { rate: number }[]) => Math.max(...runs.map((run) => run.rate));
const median = (runs: { rate: number }[]) => {
  const sorted = runs.map((run) => run.rate).sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const fmt = (rate: number) => Math.round(rate).toLocaleString("en-US");
const pools = theirs[0]?.pools ?? [];
const blas = pools.find((pool) => pool.internal_api !== "openmp");
const peerName = `scikit-learn MLPClassifier (${threads} thread${threads === 1 ? "" : "s"}, ${blas ? `${blas.internal_api} ${blas.version ?? ""}`.trim() : "no BLAS pool found"})`;

console.log(
  `\nbench/train: ${data.rows.toLocaleString("en-US")} rows × ${data.width} inputs (the UCI Adult training set, datasets/adult), MLP 32-16 relu, Adam, batch 128, lr 0.005, ${epochs} epochs`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}; Node ${process.version}`);
console.log(
  `scikit-learn's thread pools under threadpool_limits(${threads}): ${pools.map((pool) => `${pool.internal_api} ${pool.version ?? ""} ${pool.num_threads} threads${pool.architecture ? ` (${pool.architecture})` : ""}`).join("; ")}`,
);
console.log(
  `figures: best of ${rounds} alternating rounds after one warm-up fit each; whole fit call timed; accuracy on the training rows (scikit-learn's score)\n`,
);
console.log(`| ${"".padEnd(44)} | best rows/s | median rows/s | train accuracy |`);
console.log(`| ${"-".repeat(44)} | ----------: | ------------: | -------------: |`);
const line = (name: string, runs: Fit[]): void => {
  console.log(
    `| ${name.padEnd(44)} | ${fmt(best(runs)).padStart(11)} | ${fmt(median(runs)).padStart(13)} | ${runs[0]!.accuracy.toFixed(4).padStart(14)} |`,
  );
};
line(`modelship-js (${threads} thread${threads === 1 ? "" : "s"})`, mine);
line("modelship-js (1 thread, one run)", [oneThread]);
if (tfjs) line("TF.js (wasm, one run)", [tfjs]);
if (theirs.length > 0) line(peerName, theirs);
const fastest = mine.reduce((a, b) => (b.rate > a.rate ? b : a));
const spread = fastest.passes ? fastest.passes.parallel / Math.max(1, fastest.passes.parallel + fastest.passes.alone) : 0;
const coreNote =
  threads === 1
    ? `modelship-js on one thread (MODELSHIP_THREADS=1): ${fastest.cores?.toFixed(2) ?? "?"} CPU-seconds per second in its best round`
    : `modelship-js's best round: ${(100 * spread).toFixed(0)}% of its passes spread over ${threads} threads, ${fastest.cores?.toFixed(2) ?? "?"} CPU-seconds per second (the rest ran on one thread: its Scheduler found that faster on this machine at the time)`;
console.log(`\n${coreNote}`);

const figures: BenchFigure[] = [];
const notes = [
  coreNote,
  `best of ${rounds} alternating rounds after a warm-up fit; ${epochs} epochs of ${data.rows} rows per fit; both sides on ${threads} thread(s)`,
  "scikit-learn: alpha=0 (no L2), tol=0 and n_iter_no_change=1e9 (no early stop), Adam ε 1e-8; modelship-js: Adam ε 1e-7 (TF.js's)",
];
if (theirs.length > 0) {
  const ratio = best(mine) / best(theirs);
  const accuracyGap = mine[0]!.accuracy - theirs[0]!.accuracy;
  console.log(`\nthroughput ratio modelship-js/scikit-learn: ${ratio.toFixed(2)}× (goal ≥ 1.0×)`);
  console.log(
    `train accuracy: modelship-js ${mine[0]!.accuracy.toFixed(4)}, scikit-learn ${theirs[0]!.accuracy.toFixed(4)}, difference ${accuracyGap >= 0 ? "+" : ""}${accuracyGap.toFixed(4)} (goal within ±0.005)`,
  );
  figures.push({
    workload: "built-in trainer, MLP 32-16 on Adult (rows/s per epoch)",
    unit: "rows/s",
    ours: Math.round(best(mine)),
    peer: Math.round(best(theirs)),
    peerName,
    ratio,
    goal: "ratio ≥ 1.0",
    met: ratio >= 1,
  });
  figures.push({
    workload: "built-in trainer, train accuracy on Adult",
    unit: "accuracy",
    ours: mine[0]!.accuracy,
    peer: theirs[0]!.accuracy,
    peerName,
    goal: "within 0.005 of scikit-learn's",
    met: Math.abs(accuracyGap) <= 0.005,
  });
}
await writeResults("train", figures, notes);
