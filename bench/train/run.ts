/**
 * `npm run bench:train`: rows per second per epoch of the built-in trainer on the full UCI Adult
 * training data (32,561 rows), for each TensorFlow.js backend that loads here, side by side with
 * scikit-learn's MLPClassifier of the same shape (hidden 32-16, relu, Adam, batch 128) on the very
 * same encoded matrix, via Debian's /usr/bin/python3. Figures only: nothing here asserts a time.
 *
 *   node bench/train/run.ts [--epochs N]
 */
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TRAIN } from "../../test/support/adult.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { loadContract } from "../../src/data/contract/load-contract.ts";
import { loadTabular } from "../../src/train/tabular-data.ts";
import { loadTf } from "../../src/train/tfjs-backend.ts";
import { loadTrainConfig } from "../../src/train/train-config.ts";
import { trainModel } from "../../src/train/trainer.ts";

const root = join(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { epochs: { type: "string", default: "5" } } });
const epochs = Number(values.epochs);
const path = ADULT_TRAIN;
const config = await loadTrainConfig("examples/model-repo/train/train.yaml", root);
const contract = await loadContract(join(root, config.data.contract!));
const data = await loadTabular({ path, contract, features: config.features, target: config.target });
const layers = [32, 16];

const rows: { name: string; rowsPerSecond: number; accuracy: number }[] = [];
const { tf } = await loadTf();
for (const backend of ["wasm", "cpu", "tensorflow"]) {
  if (!(await tf.setBackend(backend).catch(() => false))) continue;
  await tf.ready();
  const started = performance.now();
  const result = await trainModel({
    data,
    model: { kind: "mlp", layers },
    epochs,
    batchSize: 128,
    learningRate: 0.005,
    validationSplit: 0,
    seed: 1,
    logger: new MemoryLogger(),
  });
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    name: `modelship (TF.js ${backend})`,
    rowsPerSecond: (data.rows * epochs) / seconds,
    accuracy: result.history.at(-1)?.accuracy ?? Number.NaN,
  });
}

const dir = join(root, "bench/.data");
await mkdir(dir, { recursive: true });
await writeFile(join(dir, "train-x.f32"), data.x);
await writeFile(join(dir, "train-y.f32"), data.y);
const python = String.raw`
import sys, time, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
warnings.simplefilter("ignore", ConvergenceWarning)
d, width, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.fromfile(d + "/train-x.f32", dtype=np.float32).reshape(-1, width)
y = np.fromfile(d + "/train-y.f32", dtype=np.float32).astype(int)
model = MLPClassifier(hidden_layer_sizes=(32, 16), activation="relu", solver="adam", batch_size=128, learning_rate_init=0.005, max_iter=epochs, shuffle=True, random_state=1, tol=0, n_iter_no_change=10**9)
t = time.perf_counter(); model.fit(x, y); s = time.perf_counter() - t
print(len(y) * epochs / s, model.score(x, y))
`;
const sklearn = spawnSync("/usr/bin/python3", ["-c", python, dir, String(data.width), String(epochs)], { encoding: "utf8" });
if (sklearn.status === 0) {
  const [rate, accuracy] = sklearn.stdout.trim().split(" ").map(Number);
  rows.push({ name: "scikit-learn MLPClassifier", rowsPerSecond: rate!, accuracy: accuracy! });
} else console.error(`scikit-learn did not run: ${sklearn.stderr}`);

console.log(
  `\nbench/train: ${data.rows.toLocaleString("en-US")} rows × ${data.width} inputs (the UCI Adult training set, datasets/adult), MLP 32-16 relu, batch 128, ${epochs} epochs\n`,
);
console.log(`| ${"".padEnd(30)} | rows/s per epoch | train accuracy |`);
console.log(`| ${"-".repeat(30)} | ---------------: | -------------: |`);
for (const row of rows)
  console.log(
    `| ${row.name.padEnd(30)} | ${Math.round(row.rowsPerSecond).toLocaleString("en-US").padStart(16)} | ${row.accuracy.toFixed(4).padStart(14)} |`,
  );
const sk = rows.find((row) => row.name.startsWith("scikit"));
const best = rows.filter((row) => row.name.startsWith("modelship")).sort((a, b) => b.rowsPerSecond - a.rowsPerSecond)[0];
if (sk && best) console.log(`\nthroughput ratio ${best.name}/scikit-learn: ${(best.rowsPerSecond / sk.rowsPerSecond).toFixed(2)}×`);
