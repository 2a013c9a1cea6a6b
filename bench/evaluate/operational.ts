/**
 * `npm run bench:operational`: how honest the operational gates' intervals are (docs/gates.md#operational-gates-latency-size-and-memory).
 * Figures only; nothing here asserts a time.
 *
 * 1. Coverage, simulated through the measurement's clock seam: a runner whose speed drifts from round
 *    to round (a shared log-normal factor, σ 0.2), each model's own jitter per round (σ 0.08) and per
 *    call (σ 0.1), and 2% of calls five times slower (a neighbour, a page fault). The challenger is
 *    1.3× the champion. How often does the 95% interval of the p50 ratio hold 1.3, at 4, 10 (the
 *    default) and 20 rounds? The nominal 95% is the peer.
 * 2. A/A on the real runtime: the example's built-in-trainer model evaluated against itself, with the
 *    default operational settings, `--runs` times. How often does the default gate
 *    (latency_ratio_vs_champion ≤ 1.2, on: not_worse: the whole 95% interval above 1.2) warn, and how
 *    often would the strict one (on: ci, its upper bound above 1.2)? How often does the interval miss
 *    1? And the seconds the measurement adds to evaluate.
 *
 *   node bench/evaluate/operational.ts [--runs N] [--sims N]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MemoryLogger } from "../../src/common/logger.ts";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { measureOperational, type OperationalSubject } from "../../src/evaluate/operational.ts";
import { resolvePolicy } from "../../src/gates/policy.ts";
import { runEvaluation } from "../../src/stages/evaluation.ts";
import { writeResults, type BenchFigure } from "../results.ts";

const root = join(import.meta.dirname, "../..");
process.chdir(root);
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, sims: { type: "string", default: "400" } } });
const runs = Number(values.runs);
const sims = Number(values.sims);
const figures: BenchFigure[] = [];

// 1. Coverage under a drifting runner.
const TRUE_RATIO = 1.3;
async function coverage(rounds: number): Promise<{ covered: number; width: number }> {
  const random = mulberry32(1000 + rounds);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let covered = 0;
  let width = 0;
  for (let sim = 0; sim < sims; sim++) {
    let t = 0;
    const calls = 30;
    const runner = Array.from({ length: rounds }, () => Math.exp(0.2 * normal()));
    const subject = (scale: number): OperationalSubject => {
      const own: number[] = [];
      return {
        bytes: 1,
        parameters: 1,
        open: () =>
          Promise.resolve({
            run(_rows: number, call: number) {
              const round = Math.floor(call / calls);
              own[round] ??= Math.exp(0.08 * normal());
              t += scale * runner[round]! * own[round] * Math.exp(0.1 * normal()) * (random() < 0.02 ? 5 : 1);
              return Promise.resolve();
            },
            release: () => Promise.resolve(),
          }),
      };
    };
    const measured = await measureOperational(subject(TRUE_RATIO), subject(1), {
      batches: [1],
      rounds,
      calls,
      warmup: 0,
      maxSeconds: Number.MAX_VALUE,
      resamples: 1000,
      confidence: 0.95,
      seed: sim,
      probe: { now: () => t, rss: () => 0 },
    });
    const ci = measured.ratios![0]!.p50.ci!;
    if (ci[0] <= TRUE_RATIO && TRUE_RATIO <= ci[1]) covered++;
    width += ci[1] - ci[0];
  }
  return { covered: covered / sims, width: width / sims };
}
console.log(`1. Coverage of the 95% interval of the p50 ratio (true ratio ${TRUE_RATIO}), ${sims} simulated runs each:`);
for (const rounds of [4, 10, 20]) {
  const { covered, width } = await coverage(rounds);
  console.log(
    `   ${String(rounds).padStart(2)} rounds: covers ${(covered * 100).toFixed(1)}% (nominal 95%), mean width ${width.toFixed(3)}`,
  );
  figures.push({
    workload: `operational: 95% interval of the latency ratio covers the true ratio, ${rounds} rounds (simulated drifting runner)`,
    unit: "share",
    ours: covered,
    peer: 0.95,
    peerName: "nominal",
    ratio: covered / 0.95,
    ...(rounds === 10 ? { goal: "≥ 0.93 at the default 10 rounds", met: covered >= 0.93 } : {}),
  });
}

// 2. A/A on the real runtime.
const dir = "bench/.data/operational";
await mkdir(dir, { recursive: true });
const modelPath = join(dir, "model/model.onnx");
if (!existsSync(modelPath)) {
  const trained = spawnSync(
    process.execPath,
    [join(root, "src/cli/index.ts"), "train", "--train-config", "examples/model-repo/train/train.yaml", "--output", join(dir, "model")],
    { cwd: root, encoding: "utf8" },
  );
  if (trained.status !== 0) throw new Error(trained.stderr);
}
let warned = 0;
let strictWarned = 0;
let missed = 0;
let seconds = 0;
const ratios: number[] = [];
for (let run = 0; run < runs; run++) {
  const logger = new MemoryLogger();
  const result = await runEvaluation({
    modelPath,
    dataFiles: ["examples/model-repo/data/test.csv"],
    contractPath: "examples/model-repo/data/contract.yaml",
    positiveLabel: ">50K",
    threshold: 0.5,
    batchSize: 8192,
    reportDir: join(dir, "report"),
    failOn: "never",
    logger,
    toolVersion: "bench",
    policy: resolvePolicy({
      bootstrap: { resamples: 2000, seed: run },
      explain: false,
      fairness: { sensitive: [] },
      champion: { model: modelPath },
    }),
  });
  const section = result.report.operational!;
  const ratio = section.ratios![0]!.p50;
  ratios.push(ratio.value!);
  const gate = result.report.gates.find((entry) => entry.id === "operational:latency_ratio_vs_champion:p50:batch1");
  if (gate?.status === "warn") warned++;
  if (ratio.ci![1] > 1.2) strictWarned++;
  if (ratio.ci![0] > 1 || ratio.ci![1] < 1) missed++;
  // The measurement's own time, as the stage logs it.
  const took = /Operational measurement took ([\d.]+) s/.exec(logger.entries.map((entry) => entry.message).join("\n"))?.[1];
  seconds += Number(took ?? Number.NaN);
}
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
console.log(
  `2. A/A (the same model as its own champion, ${runs} evaluations): the default gate (on: not_worse) warned ${warned} times, the strict one (on: ci) would have ${strictWarned} times; the interval missed 1 ${missed} times; median ratio ${median.toFixed(3)}.`,
);
figures.push({
  workload: `operational A/A: the default latency-ratio gate warns (same model as champion, ${runs} evaluations)`,
  unit: "share",
  ours: warned / runs,
  goal: "≤ 0.05",
  met: warned / runs <= 0.05,
});
figures.push({
  workload: `operational A/A: a strict latency-ratio gate (≤ 1.2, on: ci) would warn (${runs} evaluations)`,
  unit: "share",
  ours: strictWarned / runs,
});
figures.push({ workload: `operational A/A: the ratio's 95% interval misses 1 (${runs} evaluations)`, unit: "share", ours: missed / runs });
// Two sessions of the same bytes differ by a few percent (memory placement, which session warmed the
// caches): a fixed effect per session that no number of rounds averages away. The gate's margin is for it.
const spread = Math.max(...ratios.map((ratio) => Math.abs(ratio - 1)));
console.log(
  `   A/A ratios from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)}: sessions of the same bytes differ by up to ${(spread * 100).toFixed(1)}%.`,
);
figures.push({ workload: `operational A/A: the largest |ratio − 1| (${runs} evaluations)`, unit: "share", ours: spread });
console.log(`   The measurement took ${(seconds / runs).toFixed(2)} s per evaluation (both models, warm-up included).`);
figures.push({
  workload: "operational: seconds the measurement adds to evaluate (two small models, default settings)",
  unit: "s",
  ours: seconds / runs,
});
await writeResults("operational", figures, [
  `A/A on ${process.platform}-${process.arch}: the built-in trainer's Adult model against itself on the example's test data; default settings (10 rounds × 30 calls at batch 1 and 64).`,
]);
