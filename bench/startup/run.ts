/**
 * `npm run bench:startup`: cold start, figures only (nothing here asserts a time). Goal: under 150 ms.
 *
 * 1. `modelship --version`: `node bin/modelship.js --version` (the installed command: its Node version
 *    check, then dist/cli.js) from a fresh process, start to exit.
 * 2. A JavaScript action's first log line: `node dist/validate-data.js` run as the runner runs it
 *    (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) on the example repository,
 *    start to its first line on stdout; its first line of the stage's own output and its exit too.
 * 3. Node's own floor: `node -e 0`, so what is ours is visible.
 *
 * Median of `--runs` (default 20) runs each, after two warm-up runs (the file cache, not the process,
 * is what they warm). Needs dist/ (`npm run build`).
 *
 *   node bench/startup/run.ts [--runs N]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeResults, type BenchFigure } from "../results.ts";

const root = join(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = Number(values.runs);
const GOAL_MS = 150;
if (!existsSync(join(root, "dist/cli.js"))) throw new Error("dist/ is missing: run `npm run build` first");

interface Timing {
  /** From spawn to the first byte on stdout. */
  firstLine: number;
  /** From spawn to the first stdout line that matches `stagePattern`. */
  stageLine?: number;
  exit: number;
}

/** Runs `node args` and times its first stdout output, the first line matching `stagePattern`, and its exit. */
function timeRun(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stagePattern?: RegExp } = {}): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLine: number | undefined;
    let stageLine: number | undefined;
    let stdout = "";
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => {
      firstLine ??= performance.now() - started;
      stdout += chunk.toString();
      if (stageLine === undefined && options.stagePattern?.test(stdout)) stageLine = performance.now() - started;
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const exit = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(" ")} exited with ${code}: ${stderr}${stdout}`));
      else resolve({ firstLine: firstLine ?? exit, ...(stageLine === undefined ? {} : { stageLine }), exit });
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function measure(label: string, run: () => Promise<Timing>): Promise<{ label: string; timings: Timing[] }> {
  await run();
  await run();
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) timings.push(await run());
  return { label, timings };
}

// The validate-data action on the example repository, with the runner's files.
const work = await mkdtemp(join(tmpdir(), "modelship-bench-startup-"));
const example = join(root, "examples/model-repo");
const actionEnv = async (): Promise<NodeJS.ProcessEnv> => {
  const output = join(work, "output");
  const summary = join(work, "summary");
  await writeFile(output, "");
  await writeFile(summary, "");
  return {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: example,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: work,
    INPUT_CONTRACT: "data/contract.yaml",
    INPUT_DATA: "data/test.csv",
    INPUT_COMMENT: "false",
    "INPUT_REPORT-DIR": join(work, "reports"),
    "INPUT_FAIL-ON": "never",
  };
};

try {
  const node = await measure("`node -e 0` (Node itself)", () => timeRun(["-e", "0"]));
  const version = await measure("`modelship --version` (node bin/modelship.js --version)", () =>
    timeRun([join(root, "bin/modelship.js"), "--version"]),
  );
  const action = await measure("validate-data action (node dist/validate-data.js)", async () =>
    timeRun([join(root, "dist/validate-data.js")], { cwd: example, env: await actionEnv(), stagePattern: /^::group::/m }),
  );

  const versionMs = median(version.timings.map((t) => t.exit));
  const actionFirstMs = median(action.timings.map((t) => t.firstLine));
  const actionStageMs = median(action.timings.map((t) => t.stageLine ?? t.exit));
  const actionExitMs = median(action.timings.map((t) => t.exit));
  const nodeMs = median(node.timings.map((t) => t.exit));

  console.log(
    `\nbench/startup: median of ${runs} cold processes each; ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}\n`,
  );
  console.log("| | ms | goal | met |");
  console.log("| --- | ---: | ---: | --- |");
  console.log(
    `| \`modelship --version\` (bin/modelship.js), start to exit | ${versionMs.toFixed(0)} | < ${GOAL_MS} | ${versionMs < GOAL_MS ? "yes" : "no"} |`,
  );
  console.log(
    `| validate-data action, start to first log line | ${actionFirstMs.toFixed(0)} | < ${GOAL_MS} | ${actionFirstMs < GOAL_MS ? "yes" : "no"} |`,
  );
  console.log(`| validate-data action, start to the stage's first line | ${actionStageMs.toFixed(0)} | — | |`);
  console.log(`| validate-data action, start to exit (validating data/test.csv) | ${actionExitMs.toFixed(0)} | — | |`);
  console.log(`| \`node -e 0\` (Node's own start, the floor) | ${nodeMs.toFixed(0)} | — | |`);

  const figures: BenchFigure[] = [
    { workload: "`modelship --version` cold start", unit: "ms", ours: versionMs, goal: `< ${GOAL_MS} ms`, met: versionMs < GOAL_MS },
    {
      workload: "JavaScript action (validate-data) to its first log line",
      unit: "ms",
      ours: actionFirstMs,
      goal: `< ${GOAL_MS} ms`,
      met: actionFirstMs < GOAL_MS,
    },
  ];
  await writeResults("startup", figures, [
    `Median of ${runs} runs each. Node's own start (\`node -e 0\`) took ${nodeMs.toFixed(0)} ms; the action reached the stage's first line in ${actionStageMs.toFixed(0)} ms and exited in ${actionExitMs.toFixed(0)} ms.`,
  ]);
} finally {
  await rm(work, { recursive: true, force: true });
}
