/**
 * `npm run bench`: throughput and peak memory of `modelship validate` on a 1,000,000-row CSV made
 * by resampling the UCI Adult data, side by side with pandas (`read_csv` plus the same checks)
 * in the same run. Figures only: nothing here asserts a time.
 *
 *   node bench/validate/run.ts [--rows N] [--runs K]
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TRAIN, adultLines } from "../../test/support/adult.ts";
import { mulberry32 } from "../../src/common/seeded-random.ts";

const root = join(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const dataDir = join(root, "bench/.data");
const csv = join(dataDir, `adult-${rows}.csv`);
const contract = join(root, "examples/model-repo/data/contract.yaml");

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
  peakRssMb: number;
}

/** Runs a command under GNU time: wall seconds and peak RSS of the whole process. */
function timed(command: string, args: string[]): Measure & { stdout: string; status: number | null } {
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M", command, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = /__TIME__ ([\d.]+) (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`could not time ${command}: ${result.stderr}`);
  return { seconds: Number(match[1]), peakRssMb: Number(match[2]) / 1024, stdout: result.stdout, status: result.status };
}

function best(measures: Measure[]): Measure {
  return measures.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

await makeData();
const megabytes = (await stat(csv)).size / 1024 / 1024;
const node = join(root, "node_modules/.bin/node");
const ours: Measure[] = [];
const theirs: Measure[] = [];
for (let run = 0; run < runs; run++) {
  const measure = timed(node, [
    join(root, "dist/cli.js"),
    "validate",
    csv,
    "--contract",
    contract,
    "--report-dir",
    join(dataDir, "report"),
    "--quiet",
  ]);
  if (measure.status !== 0 && measure.status !== 1) throw new Error(`modelship validate exited ${measure.status}`);
  ours.push(measure);
  theirs.push(timed("/usr/bin/python3", [join(root, "bench/validate/pandas_validate.py"), csv]));
}
const a = best(ours);
const b = best(theirs);
const row = (name: string, m: Measure) =>
  `| ${name.padEnd(34)} | ${m.seconds.toFixed(2).padStart(7)} | ${Math.round(rows / m.seconds)
    .toLocaleString("en-US")
    .padStart(11)} | ${(megabytes / m.seconds).toFixed(1).padStart(6)} | ${m.peakRssMb.toFixed(0).padStart(8)} |`;
console.log(
  `\nbench/validate: ${rows.toLocaleString("en-US")} rows, ${megabytes.toFixed(1)} MB CSV, best of ${runs} runs (wall time and peak RSS of the whole process, GNU time)\n`,
);
console.log(`| ${"".padEnd(34)} | seconds | rows/s      | MB/s   | peak RSS MB |`);
console.log(`| ${"-".repeat(34)} | ------: | ----------: | -----: | -------: |`);
console.log(row("modelship validate (Node 24)", a));
console.log(row("pandas read_csv + same checks", b));
console.log(
  `\nthroughput ratio modelship/pandas: ${(b.seconds / a.seconds).toFixed(2)}×; peak RSS ratio: ${(a.peakRssMb / b.peakRssMb).toFixed(2)}×`,
);
