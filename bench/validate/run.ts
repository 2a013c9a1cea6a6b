/**
 * `npm run bench`: throughput and peak memory of `modelship validate` on a 1,000,000-row CSV made
 * by resampling the UCI Adult data, side by side with pandas (`read_csv` plus the same checks)
 * in the same run, with the PII scan on (the default) and off. Figures only: nothing here asserts a time.
 *
 *   node bench/validate/run.ts [--rows N] [--runs K]
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TRAIN, adultLines } from "../../test/support/adult.ts";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { writeResults } from "../results.ts";

const root = join(import.meta.dirname, "../..");
// Paths relative to the repository root, so the reports and profiles a bench writes name no
// machine path (what a clone of the repository lacks).
process.chdir(root);
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dataDir = "bench/.data";
const csv = join(dataDir, `adult-${rows}.csv`);
const contract = "examples/model-repo/data/contract.yaml";
/** The same contract with the PII scan of unlabelled text columns off (`pii: { scan: false }`). */
const contractNoPii = join(dataDir, "contract-no-pii-scan.yaml");

async function makeData(): Promise<void> {
  if (existsSync(csv)) return;
  await mkdir(dataDir, { recursive: true });
  const { header, lines } = adultLines(ADULT_TRAIN);
  const random = mulberry32(42);
  const out = createWriteStream(csv);
  out.write(`${header}\n`);
  let chunk: string[] = [];
  for (let index = 0; index < rows; index++) {
    chunk.push(lines[Math.floor(random() * lines.length)]!);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
      chunk = [];
    }
  }
  out.end(chunk.length > 0 ? `${chunk.join("\n")}\n` : "");
  await once(out, "finish");
  console.log(`made ${csv} from ${ADULT_TRAIN}`);
}

interface Measure {
  seconds: number;
  /** User + system CPU seconds of every thread. */
  cpuSeconds: number;
  peakRssMb: number;
}

/** Runs a command under GNU time: wall seconds, CPU seconds and peak RSS of the whole process. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measure & { stdout: string; status: number | null } {
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %U %S %M", command, ...args], {
    cwd: root,
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`could not time ${command}: ${result.stderr}`);
  return {
    seconds: Number(match[1]),
    cpuSeconds: Number(match[2]) + Number(match[3]),
    peakRssMb: Number(match[4]) / 1024,
    stdout: result.stdout,
    status: result.status,
  };
}

function best(measures: Measure[]): Measure {
  return measures.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

await makeData();
await writeFile(contractNoPii, `pii: { scan: false }\n${await readFile(contract, "utf8")}`);
const megabytes = (await stat(csv)).size / 1024 / 1024;
const node = join(root, "node_modules/.bin/node");
const ours: Measure[] = [];
const oneThread: Measure[] = [];
const noPii: Measure[] = [];
const theirs: Measure[] = [];
const validate = (env: NodeJS.ProcessEnv, contractPath = contract) => {
  const measure = timed(
    node,
    [join(root, "dist/cli.js"), "validate", csv, "--contract", contractPath, "--report-dir", join(dataDir, "report"), "--quiet"],
    env,
  );
  if (measure.status !== 0 && measure.status !== 1) throw new Error(`modelship validate exited ${measure.status}`);
  return measure;
};
for (let run = 0; run < runs; run++) {
  ours.push(validate(process.env));
  oneThread.push(validate({ ...process.env, MODELSHIP_THREADS: "1" }));
  noPii.push(validate(process.env, contractNoPii));
  theirs.push(timed("/usr/bin/python3", [join(root, "bench/validate/pandas_validate.py"), csv]));
}
const a = best(ours);
const one = best(oneThread);
const off = best(noPii);
const b = best(theirs);
const row = (name: string, m: Measure) =>
  `| ${name.padEnd(44)} | ${m.seconds.toFixed(2).padStart(7)} | ${m.cpuSeconds.toFixed(2).padStart(11)} | ${Math.round(rows / m.seconds)
    .toLocaleString("en-US")
    .padStart(11)} | ${(megabytes / m.seconds).toFixed(1).padStart(6)} | ${m.peakRssMb.toFixed(0).padStart(11)} |`;
const load = loadavg()
  .map((value) => value.toFixed(1))
  .join(", ");
console.log(
  `\nbench/validate: ${rows.toLocaleString("en-US")} rows, ${megabytes.toFixed(1)} MB CSV, best of ${runs} runs (wall time, CPU time of every thread and peak RSS of the whole process, GNU time)\n`,
);
console.log(`| ${"".padEnd(44)} | seconds | CPU seconds | rows/s      | MB/s   | peak RSS MB |`);
console.log(`| ${"-".repeat(44)} | ------: | ----------: | ----------: | -----: | ----------: |`);
console.log(row(`modelship validate (Node 24, ${process.env.MODELSHIP_THREADS ?? availableParallelism()} threads)`, a));
console.log(row("modelship validate, MODELSHIP_THREADS=1", one));
console.log(row("modelship validate, PII scan off", off));
console.log(row("pandas read_csv + same checks", b));
console.log(
  `\nthroughput ratio modelship/pandas: ${(b.seconds / a.seconds).toFixed(2)}× with the PII scan on (the default; ${(b.seconds / off.seconds).toFixed(2)}× with it off; one thread ${(b.seconds / one.seconds).toFixed(2)}×); peak RSS ratio: ${(a.peakRssMb / b.peakRssMb).toFixed(2)}× (one thread ${(one.peakRssMb / b.peakRssMb).toFixed(2)}×)`,
);
console.log(
  `load average ${load} on ${availableParallelism()} cores: with other work on the machine, wall seconds of two threads suffer more than those of one, so CPU seconds are printed beside them.`,
);
const speed = b.seconds / a.seconds;
const memory = a.peakRssMb / b.peakRssMb;
await writeResults(
  "validate",
  [
    {
      workload: `validate, ${rows.toLocaleString("en-US")} Adult rows (${megabytes.toFixed(0)} MB)`,
      unit: "s",
      ours: a.seconds,
      peer: b.seconds,
      peerName: "pandas read_csv + the same checks",
      ratio: speed,
      goal: "ratio ≥ 3.0",
      met: speed >= 3,
    },
    {
      workload: `validate peak RSS, ${rows.toLocaleString("en-US")} Adult rows`,
      unit: "MB",
      ours: a.peakRssMb,
      peer: b.peakRssMb,
      peerName: "pandas read_csv + the same checks",
      ratio: b.peakRssMb / a.peakRssMb,
      goal: "ours ≤ 0.5× the peer's",
      met: memory <= 0.5,
    },
  ],
  [
    `best of ${runs} runs by wall time, whole processes under GNU time; load average ${load} on ${availableParallelism()} cores`,
    `ours is with the PII scan on (the default); with pii.scan false: ${off.seconds.toFixed(2)} s wall, ${off.cpuSeconds.toFixed(2)} CPU s, ratio ${(b.seconds / off.seconds).toFixed(2)}×`,
    `CPU seconds, all threads: ours ${a.cpuSeconds.toFixed(2)}, ours with MODELSHIP_THREADS=1 ${one.cpuSeconds.toFixed(2)} (${one.seconds.toFixed(2)} s wall, ${one.peakRssMb.toFixed(0)} MB), pandas ${b.cpuSeconds.toFixed(2)}`,
  ],
);
