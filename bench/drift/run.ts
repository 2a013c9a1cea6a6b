/**
 * `npm run bench:drift`: the drift check's decisions and its cost, figures only (nothing here
 * asserts a rate or a time).
 *
 * 1. Decision quality with the default settings (DRIFT_DEFAULTS), seeded: the dataset-level and
 *    per-column drift rates over same-distribution pairs (false alarms) and over shifted pairs
 *    (detection), for a small reference (p-value tests with BH) and a large one (distances + PSI).
 *    Each side is profiled in memory through `profileSources` (the current data on the reference's
 *    bins, one pass), then `checkDrift` decides, exactly as `modelship drift` does after reading.
 * 2. Throughput: a 1,000,000-row × 20-column CSV profiled on a 50,000-row reference profile's bins
 *    plus the decision, and the decision alone from the two profiles, each in a child process for
 *    its peak RSS; 250,000 rows as well, to show that our memory does not grow with rows. Peer: the
 *    same statistics the usual way (pandas read_csv, scipy ks_2samp / wasserstein_distance, numpy
 *    histogram on the reference deciles for PSI, jensenshannon on proportions) in Debian's
 *    /usr/bin/python3 on the same files (bench/drift/peer.py).
 *
 * The 1M-row runs are the best of `--runs` (default 3) by seconds; the 250k-row runs are single.
 *
 *   node bench/drift/run.ts [--pairs N] [--rows N] [--small-rows N] [--reference-rows N] [--runs K] [--only quality|throughput]
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { closeSync, createWriteStream, existsSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ADULT_TRAIN, adultLines } from "../../test/support/adult.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { loadContract, parseContract } from "../../src/data/contract/load-contract.ts";
import type { DataContract } from "../../src/data/contract/contract-types.ts";
import { profileData, readProfile, type ReferenceProfile } from "../../src/data/profile/profile-data.ts";
import { profileSources } from "../../src/data/profile/profile-sources.ts";
import { exactCapOf } from "../../src/data/profile/profile-types.ts";
import type { RawValue, TableSource } from "../../src/data/readers/table.ts";
import { DRIFT_DEFAULTS } from "../../src/drift/decide-drift.ts";
import { checkDrift } from "../../src/drift/check-drift.ts";
import type { DriftReport, DriftSettings } from "../../src/drift/report-types.ts";
import { threadCount } from "../../src/common/threads.ts";
import { writeResults, type BenchFigure } from "../results.ts";

const root = join(import.meta.dirname, "../..");
// Paths relative to the repository root, so the reports and profiles a bench writes name no
// machine path (what a clone of the repository lacks).
process.chdir(root);
const dir = "bench/.data/drift";
const { values } = parseArgs({
  options: {
    pairs: { type: "string", default: "200" },
    rows: { type: "string", default: "1000000" },
    "small-rows": { type: "string", default: "250000" },
    "reference-rows": { type: "string", default: "50000" },
    runs: { type: "string", default: "3" },
    only: { type: "string" },
    // Internal: the measured part of section 2, run in a child process.
    child: { type: "string" },
    csv: { type: "string" },
    reference: { type: "string" },
    current: { type: "string" },
    contract: { type: "string" },
  },
});

/** Seeded PRNG (mulberry32, no allocation per draw), so every machine benchmarks the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller, one of the pair). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const MiB = 1024 * 1024;
const peakMiB = () => process.resourceUsage().maxRSS / 1024;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const fmt = (x: number) => x.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------
// The synthetic mixed table: each column maps two base draws per row (u uniform, z normal) to a
// value, so a shifted current side reuses the same draws as its unshifted twin (common random
// numbers: the scenarios differ only by the shift).

interface Shift {
  /** Location shift in the column's σ, applied to the shifted numeric columns. */
  meanShift: number;
  /** Points of probability moved from the top category to the others, in the shifted categorical columns. */
  categoryMix: number;
}
const NO_SHIFT: Shift = { meanShift: 0, categoryMix: 0 };

interface ColumnSpec {
  name: string;
  type: "number" | "integer" | "categorical";
  /** Whether the named shifts move this column. */
  shifted: boolean;
  value: (u: number, z: number, shift: Shift) => number | string;
}

const LOGNORMAL_SD = Math.sqrt((Math.E - 1) * Math.E);

/** Inverse CDF of Binomial(n, p) at u. */
function binomialTable(n: number, p: number): number[] {
  const cdf: number[] = [];
  let total = 0;
  let coefficient = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) coefficient = (coefficient * (n - k + 1)) / k;
    total += coefficient * p ** k * (1 - p) ** (n - k);
    cdf.push(total);
  }
  return cdf;
}
const BINOMIAL = binomialTable(20, 0.3);

function inverse(cdf: readonly number[], u: number): number {
  for (let i = 0; i < cdf.length - 1; i++) if (u < cdf[i]!) return i;
  return cdf.length - 1;
}

const LABELS = "abcdefghijklmnop";
/** A categorical column of k Zipf-weighted categories; a mix shift moves δ from the top category to the rest evenly. */
function categorical(name: string, k: number, shifted: boolean): ColumnSpec {
  const weights = Array.from({ length: k }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = weights.map((w) => w / sum);
  const cdfs = new Map<number, number[]>();
  const cdfFor = (delta: number) => {
    let cdf = cdfs.get(delta);
    if (cdf === undefined) {
      const p = base.map((x, i) => (i === 0 ? x - delta : x + delta / (k - 1)));
      let total = 0;
      cdf = p.map((x) => (total += x));
      cdfs.set(delta, cdf);
    }
    return cdf;
  };
  return {
    name,
    type: "categorical",
    shifted,
    value: (u, _z, shift) => `${name}_${LABELS[inverse(cdfFor(shifted ? shift.categoryMix : 0), u)]}`,
  };
}

const MIXED: ColumnSpec[] = [
  { name: "normal", type: "number", shifted: true, value: (_u, z, s) => 50 + 10 * (z + s.meanShift) },
  { name: "lognormal", type: "number", shifted: true, value: (_u, z, s) => Math.exp(z) + s.meanShift * LOGNORMAL_SD },
  { name: "uniform", type: "number", shifted: true, value: (u, _z, s) => 100 * u + (s.meanShift * 100) / Math.sqrt(12) },
  { name: "count_0_20", type: "integer", shifted: false, value: (u) => inverse(BINOMIAL, u) },
  { name: "binary", type: "integer", shifted: false, value: (u) => (u < 0.3 ? 1 : 0) },
  { name: "zero_inflated", type: "number", shifted: false, value: (u, z) => (u < 0.7 ? 0 : Math.round(Math.exp(7 + z))) },
  categorical("cat3", 3, false),
  categorical("cat5", 5, true),
  categorical("cat8", 8, false),
  categorical("cat12", 12, true),
];

function contractYaml(name: string, columns: readonly ColumnSpec[]): string {
  return `name: ${name}\ncolumns:\n${columns.map((column) => `  - name: ${column.name}\n    type: ${column.type}\n    role: feature\n`).join("")}`;
}

/** Base draws of `rows` rows: u and z per column, row-major by column. */
function drawBase(random: () => number, rows: number, columns: number): { u: Float64Array; z: Float64Array } {
  const u = new Float64Array(rows * columns);
  const z = new Float64Array(rows * columns);
  for (let i = 0; i < u.length; i++) {
    u[i] = random();
    z[i] = normal(random);
  }
  return { u, z };
}

function mixedColumns(base: { u: Float64Array; z: Float64Array }, rows: number, shift: Shift): RawValue[][] {
  return MIXED.map((spec, c) => {
    const out = new Array<RawValue>(rows);
    for (let r = 0; r < rows; r++) out[r] = spec.value(base.u[c * rows + r]!, base.z[c * rows + r]!, shift);
    return out;
  });
}

/** An in-memory table in batches of 8,192 rows, read as a reader would give it. */
function memoryTable(path: string, names: string[], columns: RawValue[][]): TableSource {
  const rows = columns[0]!.length;
  let read = false;
  return {
    path,
    format: "csv",
    columns: names,
    headerLine: 1,
    async *batches() {
      for (let start = 0; start < rows; start += 8192) {
        const end = Math.min(rows, start + 8192);
        await Promise.resolve(); // a reader waits on I/O between batches
        yield {
          length: end - start,
          lines: Array.from({ length: end - start }, (_, i) => start + i + 2),
          columns: columns.map((column) => column.slice(start, end)),
        };
      }
      read = true;
    },
    digest: () => (read ? { sha256: "0".repeat(64), bytes: 0 } : undefined),
  };
}

const created = new Date("2026-01-01T00:00:00Z");

function profileColumns(
  contract: DataContract,
  names: string[],
  columns: RawValue[][],
  binsFrom?: ReferenceProfile,
): Promise<ReferenceProfile> {
  return profileSources({
    contract,
    paths: ["memory.csv"],
    binsFrom,
    logger: new MemoryLogger(),
    toolVersion: "bench",
    created,
    open: (path) => Promise.resolve(memoryTable(path, names, columns)),
  });
}

function decide(reference: ReferenceProfile, current: ReferenceProfile, settings: DriftSettings = DRIFT_DEFAULTS): DriftReport {
  return checkDrift({
    reference,
    referenceSource: "reference",
    current,
    currentSources: ["current"],
    settings,
    toolVersion: "bench",
    created,
  });
}

interface Tally {
  pairs: number;
  datasetDrift: number;
  datasetFlag: number;
  columnDrift: Map<string, number>;
  methods: Map<string, string>;
  /** Why columns warned (a column may have several causes), summed over pairs. */
  warnCauses: Map<string, number>;
  /** Per column: the sums of its distance (normalised Wasserstein for numeric, JS for categorical) and PSI. */
  distances: Map<string, { distance: number; psi: number }>;
}

/** The causes in a warned column's reason, in words. */
function warnCauses(reason: string): string[] {
  const causes: string[] = [];
  for (const part of reason.split("; ")) {
    if (part.includes("never had")) causes.push("unseen categories ≥ 1%");
    else if (part.startsWith("null share")) causes.push("null share (raw p < 0.05, Δ ≥ 1 pt)");
    else if (part.includes("warn band")) causes.push("p in the warn band");
    else if (part.startsWith("PSI") && part.includes("(warn)")) causes.push("PSI ≥ 0.1");
  }
  return causes;
}

function tally(): Tally {
  return {
    pairs: 0,
    datasetDrift: 0,
    datasetFlag: 0,
    columnDrift: new Map(),
    methods: new Map(),
    warnCauses: new Map(),
    distances: new Map(),
  };
}

function count(into: Tally, report: DriftReport): void {
  into.pairs++;
  if (report.status === "drift") into.datasetDrift++;
  if (report.status === "drift" || report.status === "warn") into.datasetFlag++;
  for (const column of report.columns) {
    into.columnDrift.set(column.name, (into.columnDrift.get(column.name) ?? 0) + (column.status === "drift" ? 1 : 0));
    if (column.method !== undefined) into.methods.set(column.name, column.method.method);
    const sums = into.distances.get(column.name) ?? { distance: 0, psi: 0 };
    sums.distance += (column.kind === "numeric" ? column.statistics.wasserstein_norm : column.statistics.jensenshannon) ?? Number.NaN;
    sums.psi += column.statistics.psi ?? Number.NaN;
    into.distances.set(column.name, sums);
    if (column.status === "warn" && column.counted)
      for (const cause of warnCauses(column.reason)) into.warnCauses.set(cause, (into.warnCauses.get(cause) ?? 0) + 1);
  }
}

/** Mean, min and max of the per-column drift rates over `names`, with the extremes' names. */
function columnRates(t: Tally, names: readonly string[]): { mean: number; min: [string, number]; max: [string, number] } {
  const rates = names.map((name) => [name, (t.columnDrift.get(name) ?? 0) / t.pairs] as [string, number]);
  const mean = rates.reduce((s, [, r]) => s + r, 0) / rates.length;
  const min = rates.reduce((a, b) => (b[1] < a[1] ? b : a));
  const max = rates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { mean, min, max };
}

// The Adult census rows (trimmed cells, `?` as null), sampled with replacement for both sides.
function adultRows(): { names: string[]; rows: RawValue[][]; age: Float64Array } {
  const { header, lines } = adultLines(ADULT_TRAIN);
  const names = header.split(",").map((name) => name.trim());
  const rows = lines.map((line) => line.split(",").map((cell) => (cell.trim() === "?" || cell.trim() === "" ? null : cell.trim())));
  const ageIndex = names.indexOf("age");
  return { names, rows, age: Float64Array.from(rows, (row) => Number(row[ageIndex])) };
}

/** Column-major sample of `n` rows drawn with replacement, each row with probability ∝ its weight. */
function sampleRows(rows: RawValue[][], cumulative: Float64Array | undefined, n: number, random: () => number): RawValue[][] {
  const columns: RawValue[][] = rows[0]!.map(() => new Array<RawValue>(n));
  for (let i = 0; i < n; i++) {
    let index: number;
    if (cumulative === undefined) index = Math.floor(random() * rows.length);
    else {
      const target = random() * cumulative[cumulative.length - 1]!;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      index = lo;
    }
    const row = rows[index]!;
    for (let c = 0; c < columns.length; c++) columns[c]![i] = row[c] ?? null;
  }
  return columns;
}

async function quality(pairs: number): Promise<void> {
  const started = performance.now();
  const mixedContract = parseContract(contractYaml("drift-bench-mixed", MIXED), "mixed.yaml");
  const names = MIXED.map((spec) => spec.name);
  const adult = adultRows();
  const adultContract = await loadContract(join(root, "examples/model-repo/data/contract.yaml"));
  // "A different age mix": rows aged 45 or more drawn twice as often.
  let running = 0;
  const olderTwice = Float64Array.from(adult.age, (age) => (running += age >= 45 ? 2 : 1));
  const ageMean = (weights: (age: number) => number) => {
    let sum = 0;
    let total = 0;
    for (const age of adult.age) {
      sum += weights(age) * age;
      total += weights(age);
    }
    return sum / total;
  };
  const plainMean = ageMean(() => 1);
  const ageSd = Math.sqrt(adult.age.reduce((s, age) => s + (age - plainMean) ** 2, 0) / adult.age.length);
  const ageShift = (ageMean((age) => (age >= 45 ? 2 : 1)) - plainMean) / ageSd;

  const scenarios = [
    { name: "none", table: "mixed", shift: NO_SHIFT },
    { name: "mean +0.25σ on normal, lognormal, uniform", table: "mixed", shift: { meanShift: 0.25, categoryMix: 0 } },
    { name: "mean +0.5σ on normal, lognormal, uniform", table: "mixed", shift: { meanShift: 0.5, categoryMix: 0 } },
    { name: "category mix: 5 points off the top category of cat5, cat12", table: "mixed", shift: { meanShift: 0, categoryMix: 0.05 } },
    { name: "category mix: 10 points off the top category of cat5, cat12", table: "mixed", shift: { meanShift: 0, categoryMix: 0.1 } },
    { name: "none", table: "adult", shift: NO_SHIFT },
    { name: `Adult age mix: rows aged 45+ drawn twice as often (age mean +${ageShift.toFixed(2)}σ)`, table: "adult", shift: NO_SHIFT },
  ];
  const regimes = [
    { name: "small (500 vs 500 rows)", rows: 500 },
    { name: "large (5,000 vs 5,000 rows)", rows: 5000 },
  ];
  const tallies = scenarios.map(() => regimes.map(() => tally()));
  // The small regime again, on the same profiles, with the other multiple-testing correction.
  const other: DriftSettings = { ...DRIFT_DEFAULTS, correction: DRIFT_DEFAULTS.correction === "bh" ? "none" : "bh" };
  const otherTallies = scenarios.map(() => tally());
  const judge = (s: number, g: number, reference: ReferenceProfile, current: ReferenceProfile) => {
    count(tallies[s]![g]!, decide(reference, current));
    if (regimes[g]!.rows <= DRIFT_DEFAULTS.small_sample_rows) count(otherTallies[s]!, decide(reference, current, other));
  };
  for (const [g, regime] of regimes.entries()) {
    const random = mulberry32(1000 + g);
    for (let pair = 0; pair < pairs; pair++) {
      const n = regime.rows;
      // Mixed table: one reference, then every scenario's current side from the same base draws.
      const reference = await profileColumns(mixedContract, names, mixedColumns(drawBase(random, n, MIXED.length), n, NO_SHIFT));
      const base = drawBase(random, n, MIXED.length);
      for (const [s, scenario] of scenarios.entries()) {
        if (scenario.table !== "mixed") continue;
        const current = await profileColumns(mixedContract, names, mixedColumns(base, n, scenario.shift), reference);
        judge(s, g, reference, current);
      }
      // Adult: uniform draws for the reference and the unshifted current side, age-weighted for the shifted one.
      const adultReference = await profileColumns(adultContract, adult.names, sampleRows(adult.rows, undefined, n, random));
      const same = await profileColumns(adultContract, adult.names, sampleRows(adult.rows, undefined, n, random), adultReference);
      judge(5, g, adultReference, same);
      const older = await profileColumns(adultContract, adult.names, sampleRows(adult.rows, olderTwice, n, random), adultReference);
      judge(6, g, adultReference, older);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const adultFeatures = adultContract.columns
    .filter((column) => column.roles.length === 0 || column.roles.includes("feature"))
    .map((column) => column.name);
  console.log(
    `\nbench/drift 1. decision quality, default settings (DRIFT_DEFAULTS: share ${DRIFT_DEFAULTS.share}, p < ${DRIFT_DEFAULTS.p_value} (correction ${DRIFT_DEFAULTS.correction}) and margins W/σ ${DRIFT_DEFAULTS.margin.numeric}, TVD ${DRIFT_DEFAULTS.margin.categorical}, Cohen's h ${DRIFT_DEFAULTS.margin.nulls}); ${pairs} seeded pairs per row, ${seconds.toFixed(0)} s in all\n`,
  );
  console.log(
    `mixed table: normal, lognormal, uniform, count_0_20 (Binomial(20, 0.3)), binary (p 0.3), zero_inflated (70% zeros, else lognormal) numeric; cat3, cat5, cat8, cat12 Zipf-weighted categorical.`,
  );
  console.log(
    `Adult: the UCI Adult training set (datasets/adult, ${fmt(adult.rows.length)} rows) resampled with replacement; ${adultFeatures.length} feature columns (Y is the target and is not counted).\n`,
  );
  for (const [g, regime] of regimes.entries()) {
    const methods = [...tallies[0]![g]!.methods].map(([name, method]) => `${name} ${method}`).join(", ");
    console.log(`${regime.name}: methods ${methods}`);
  }
  const nullRow = (t: Tally, s: number) => {
    const rates = columnRates(t, s === 0 ? names : adultFeatures);
    const causes =
      [...t.warnCauses]
        .sort((a, b) => b[1] - a[1])
        .map(([cause, n]) => `${cause} ${(n / t.pairs).toFixed(2)}`)
        .join(", ") || "none";
    return `${pct(t.datasetDrift / t.pairs)} | ${pct(t.datasetFlag / t.pairs)} | ${pct(rates.mean)} | ${rates.max[1] > 0 ? `${rates.max[0]} ${pct(rates.max[1])}` : "—"} | ${causes}`;
  };
  const shiftRow = (t: Tally, scenario: (typeof scenarios)[number]) => {
    const shifted =
      scenario.table === "mixed"
        ? MIXED.filter(
            (spec) => spec.shifted && (spec.type === "categorical" ? scenario.shift.categoryMix > 0 : scenario.shift.meanShift > 0),
          ).map((spec) => spec.name)
        : ["age"];
    const others = (scenario.table === "mixed" ? names : adultFeatures).filter((name) => !shifted.includes(name));
    const a = columnRates(t, shifted);
    const b = columnRates(t, others);
    const range =
      shifted.length === 1
        ? `${a.min[0]} ${pct(a.min[1])}`
        : a.min[1] === a.max[1]
          ? `all ${pct(a.min[1])}`
          : `${a.min[0]} ${pct(a.min[1])} – ${a.max[0]} ${pct(a.max[1])}`;
    const highest = b.max[1] > 0 ? ` (highest ${b.max[0]} ${pct(b.max[1])})` : "";
    const distance = shifted.reduce((sum, name) => sum + t.distances.get(name)!.distance, 0) / shifted.length / t.pairs;
    const psiMean = shifted.reduce((sum, name) => sum + t.distances.get(name)!.psi, 0) / shifted.length / t.pairs;
    const distanceName = scenario.shift.categoryMix > 0 ? "JS" : "W/σ";
    return `${pct(t.datasetDrift / t.pairs)} | ${pct(t.datasetFlag / t.pairs)} | ${pct(a.mean)} | ${range} | ${distanceName} ${distance.toFixed(3)}, PSI ${psiMean.toFixed(3)} | ${pct(b.mean)}${highest}`;
  };
  const nullHeader =
    "| dataset drift | dataset warn or drift | column drift, mean over columns | highest column | feature warnings per pair, by cause |\n| ---: | ---: | ---: | --- | --- |";
  const shiftHeader =
    "| dataset drift | dataset warn or drift | shifted columns: drift, mean | lowest – highest shifted column | shifted columns: mean distance, PSI | other features: drift, mean |\n| ---: | ---: | ---: | --- | --- | ---: |";
  const withColumns = (header: string, ...columns: string[]) =>
    header
      .replace("| dataset drift", `| ${columns.join(" | ")} | dataset drift`)
      .replace("\n| ---:", `\n|${" --- |".repeat(columns.length)} ---:`);

  console.log("\n(a) false alarms: both sides drawn from the same distribution\n");
  console.log(withColumns(nullHeader, "table", "regime"));
  for (const s of [0, 5])
    for (const [g, regime] of regimes.entries())
      console.log(`| ${scenarios[s]!.table} | ${regime.name} | ${nullRow(tallies[s]![g]!, s)} |`);
  console.log("\n(b) detection: the current side shifted\n");
  console.log(withColumns(shiftHeader, "shift", "regime"));
  for (const [s, scenario] of scenarios.entries()) {
    if (scenario.name === "none") continue;
    for (const [g, regime] of regimes.entries())
      console.log(`| ${scenario.name} | ${regime.name} | ${shiftRow(tallies[s]![g]!, scenario)} |`);
  }
  console.log(`\n(c) the small regime on the same profiles with correction ${other.correction} instead of ${DRIFT_DEFAULTS.correction}\n`);
  console.log(withColumns(nullHeader, "table"));
  for (const s of [0, 5]) console.log(`| ${scenarios[s]!.table} | ${nullRow(otherTallies[s]!, s)} |`);
  console.log("");
  console.log(withColumns(shiftHeader, "shift"));
  for (const [s, scenario] of scenarios.entries())
    if (scenario.name !== "none") console.log(`| ${scenario.name} | ${shiftRow(otherTallies[s]!, scenario)} |`);
}

// ---------------------------------------------------------------------------------------------
// Section 2: throughput on a 1M-row CSV.

const WIDE: ColumnSpec[] = [
  ...MIXED,
  ...MIXED.map((spec) => ({
    ...spec,
    name: `${spec.name}_2`,
    value: spec.type === "categorical" ? categorical(`${spec.name}_2`, Number(spec.name.slice(3)), spec.shifted).value : spec.value,
  })),
];

function cell(spec: ColumnSpec, value: number | string): string {
  if (typeof value === "string") return value;
  return spec.type === "number" && !Number.isInteger(value) ? value.toFixed(3) : String(value);
}

/** Writes `rows` rows of the wide table (20 columns) to `path` (and the first `prefixRows` to `prefixPath`), unless it is there. */
async function writeWide(path: string, rows: number, seed: number, shift: Shift, prefix?: { path: string; rows: number }): Promise<void> {
  if (existsSync(path) && (prefix === undefined || existsSync(prefix.path))) return;
  const random = mulberry32(seed);
  const out = createWriteStream(`${path}.tmp`);
  const head = prefix === undefined ? undefined : createWriteStream(`${prefix.path}.tmp`);
  const header = `${WIDE.map((spec) => spec.name).join(",")}\n`;
  out.write(header);
  head?.write(header);
  let chunk: string[] = [];
  let headChunk: string[] = [];
  const flush = async () => {
    if (head !== undefined && headChunk.length > 0 && !head.write(`${headChunk.join("\n")}\n`)) await once(head, "drain");
    if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
    chunk = [];
    headChunk = [];
  };
  const line = new Array<string>(WIDE.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < WIDE.length; c++) {
      const spec = WIDE[c]!;
      line[c] = cell(spec, spec.value(random(), normal(random), shift));
    }
    const text = line.join(",");
    chunk.push(text);
    if (prefix !== undefined && r < prefix.rows) headChunk.push(text);
    if (chunk.length === 10_000) await flush();
  }
  if (chunk.length > 0) await flush();
  out.end();
  head?.end();
  await Promise.all([once(out, "finish"), head === undefined ? undefined : once(head, "finish")]);
  await rename(`${path}.tmp`, path);
  if (prefix !== undefined) await rename(`${prefix.path}.tmp`, prefix.path);
}

interface Measured {
  seconds: number;
  profileSeconds?: number;
  decideSeconds?: number;
  readSeconds?: number;
  statsSeconds?: number;
  /** CPU seconds of every thread of the process over the measured part (profiling, for ours; read_csv for readCpuSeconds). */
  cpuSeconds?: number;
  profileCpuSeconds?: number;
  readCpuSeconds?: number;
  /** The peer's read_csv of the current file alone (the file our profiling pass reads). */
  currentReadSeconds?: number;
  currentReadCpuSeconds?: number;
  peakMiB: number;
  startMiB: number;
  status: string;
  share: number;
  columns: Record<string, { status: string; ks_d?: number; wasserstein_norm?: number; psi?: number; jensenshannon?: number }>;
}

function runChild(command: string, args: string[]): Measured {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * MiB });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status ?? result.signal}: ${result.stderr ?? result.error?.message}`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as Measured;
}

/** The fastest of `runs` runs. */
function bestOf(runs: number, run: () => Measured): Measured {
  let best: Measured | undefined;
  for (let i = 0; i < runs; i++) {
    const measured = run();
    if (best === undefined || measured.seconds < best.seconds) best = measured;
  }
  return best!;
}

/** The peer's measurement, or undefined (said on stderr) when it fails. */
function tryPeer(run: () => Measured): Measured | undefined {
  try {
    return run();
  } catch (error) {
    console.error(`the pandas/scipy peer did not run: ${(error as Error).message}`);
    return undefined;
  }
}

function reportColumns(report: DriftReport): Measured["columns"] {
  return Object.fromEntries(report.columns.map((column) => [column.name, { status: column.status, ...column.statistics }]));
}

/** The measured part, in a child process: profile the CSV on the reference's bins, then decide. */
async function childProfile(): Promise<void> {
  const contract = await loadContract(values.contract!);
  const reference = await readProfile(values.reference!);
  const startMiB = peakMiB();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const current = await profileData({
    contract,
    paths: [values.csv!],
    binsFrom: reference,
    logger: new MemoryLogger(),
    toolVersion: "bench",
  });
  const t1 = performance.now();
  const cpu1 = process.cpuUsage(cpu0);
  const report = checkDrift({
    reference,
    referenceSource: values.reference!,
    current,
    currentSources: [values.csv!],
    settings: DRIFT_DEFAULTS,
    toolVersion: "bench",
  });
  const t2 = performance.now();
  if (values.current !== undefined) await writeFile(values.current, JSON.stringify(current));
  const measured: Measured = {
    seconds: (t2 - t0) / 1000,
    profileSeconds: (t1 - t0) / 1000,
    decideSeconds: (t2 - t1) / 1000,
    profileCpuSeconds: (cpu1.user + cpu1.system) / 1e6,
    cpuSeconds: (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6,
    peakMiB: peakMiB(),
    startMiB,
    status: report.status,
    share: report.share,
    columns: reportColumns(report),
  };
  console.log(JSON.stringify(measured));
}

/** The decision alone from two stored profiles: read both, then checkDrift (median of 15). */
async function childDecide(): Promise<void> {
  const startMiB = peakMiB();
  const t0 = performance.now();
  const reference = await readProfile(values.reference!);
  const current = await readProfile(values.current!);
  const read = (performance.now() - t0) / 1000;
  const times: number[] = [];
  let report: DriftReport | undefined;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    report = checkDrift({
      reference,
      referenceSource: values.reference!,
      current,
      currentSources: [values.current!],
      settings: DRIFT_DEFAULTS,
      toolVersion: "bench",
    });
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const measured: Measured = {
    seconds: read + median,
    readSeconds: read,
    decideSeconds: median,
    peakMiB: peakMiB(),
    startMiB,
    status: report!.status,
    share: report!.share,
    columns: reportColumns(report!),
  };
  console.log(JSON.stringify(measured));
}

/**
 * The single-core limit: the whole file read with fs.readSync into one buffer, then a tight loop
 * counting its newlines (best of 3 loops). Our pass has to do far more per byte; this shows how far.
 */
function byteScan(path: string): { readSeconds: number; scanSeconds: number; bytes: number; lines: number } {
  const t0 = performance.now();
  const fd = openSync(path, "r");
  const bytes = fstatSync(fd).size;
  const buffer = Buffer.allocUnsafe(bytes);
  let read = 0;
  while (read < bytes) read += readSync(fd, buffer, read, bytes - read, read);
  closeSync(fd);
  const readSeconds = (performance.now() - t0) / 1000;
  let scanSeconds = Infinity;
  let lines = 0;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    let count = 0;
    for (let i = 0; i < bytes; i++) if (buffer[i] === 10) count++;
    scanSeconds = Math.min(scanSeconds, (performance.now() - t) / 1000);
    lines = count;
  }
  return { readSeconds, scanSeconds, bytes, lines };
}

async function throughput(rows: number, smallRows: number, referenceRows: number, runs: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const contractPath = join(dir, "contract.yaml");
  await writeFile(contractPath, contractYaml("drift-bench-wide", WIDE));
  const referenceCsv = join(dir, `reference-${referenceRows}.csv`);
  const currentCsv = join(dir, `current-${rows}.csv`);
  const smallCsv = join(dir, `current-${smallRows}.csv`);
  // The current data: a 0.25σ mean shift on normal, lognormal, uniform and 5 points of category mix on cat5, cat12 (and their _2 twins).
  const currentShift: Shift = { meanShift: 0.25, categoryMix: 0.05 };
  const made = performance.now();
  await writeWide(referenceCsv, referenceRows, 11, NO_SHIFT);
  await writeWide(currentCsv, rows, 12, currentShift, smallRows < rows ? { path: smallCsv, rows: smallRows } : undefined);
  const madeSeconds = (performance.now() - made) / 1000;
  if (madeSeconds > 1) console.error(`made the CSVs under ${dir} in ${madeSeconds.toFixed(0)} s`);

  // The reference profile: two passes over the 50k rows, as `modelship profile` makes it at release.
  const contract = await loadContract(contractPath);
  const t = performance.now();
  const reference = await profileData({ contract, paths: [referenceCsv], logger: new MemoryLogger(), toolVersion: "bench" });
  const referenceSeconds = (performance.now() - t) / 1000;
  const referencePath = join(dir, `reference-${referenceRows}.profile.json`);
  await writeFile(referencePath, JSON.stringify(reference));
  const currentProfile = join(dir, `current-${rows}.profile.json`);

  const self = join(import.meta.dirname, "run.ts");
  const profileChild = (csv: string) => [
    self,
    "--child",
    "profile",
    "--contract",
    contractPath,
    "--reference",
    referencePath,
    "--csv",
    csv,
  ];
  const ours = bestOf(runs, () => runChild(process.execPath, [...profileChild(currentCsv), "--current", currentProfile]));
  const oursSmall = smallRows < rows ? runChild(process.execPath, profileChild(smallCsv)) : undefined;
  const decision = runChild(process.execPath, [self, "--child", "decide", "--reference", referencePath, "--current", currentProfile]);

  const numeric = WIDE.filter((spec) => spec.type !== "categorical")
    .map((spec) => spec.name)
    .join(",");
  const categoricalNames = WIDE.filter((spec) => spec.type === "categorical")
    .map((spec) => spec.name)
    .join(",");
  const python = "/usr/bin/python3";
  const probe = spawnSync(python, ["-c", "import numpy, scipy, pandas; print(numpy.__version__, scipy.__version__, pandas.__version__)"], {
    encoding: "utf8",
  });
  const peerVersions = probe.status === 0 ? probe.stdout.trim().split(" ") : undefined;
  const peerScript = join(import.meta.dirname, "peer.py");
  const peer =
    peerVersions === undefined
      ? undefined
      : tryPeer(() => bestOf(runs, () => runChild(python, [peerScript, referenceCsv, currentCsv, numeric, categoricalNames])));
  const peerSmall =
    peerVersions === undefined || smallRows >= rows
      ? undefined
      : tryPeer(() => runChild(python, [peerScript, referenceCsv, smallCsv, numeric, categoricalNames]));

  const megabytes = (path: string) => statSync(path).size / MiB;
  console.log(
    `\nbench/drift 2. throughput: ${fmt(rows)} current rows × ${WIDE.length} columns (${WIDE.filter((s) => s.type !== "categorical").length} numeric, ${WIDE.filter((s) => s.type === "categorical").length} categorical; ${megabytes(currentCsv).toFixed(0)} MiB CSV) against a ${fmt(referenceRows)}-row reference profile; ${process.arch}, Node ${process.version}${peerVersions === undefined ? "" : `, numpy ${peerVersions[0]} / scipy ${peerVersions[1]} / pandas ${peerVersions[2]}`}`,
  );
  console.log(
    `reference profile (two passes over ${fmt(referenceRows)} rows, made once at release): ${referenceSeconds.toFixed(2)} s, ${(JSON.stringify(reference).length / 1024).toFixed(0)} KiB of JSON.`,
  );
  console.log(
    `The ${fmt(rows)}-row runs are the best of ${runs}. Seconds exclude process start-up and imports; peak RSS is the whole process's (Node: process.resourceUsage().maxRSS; Python: ru_maxrss); "start" is the peak RSS before the measured part (runtime, modules, the reference).\n`,
  );
  console.log("| | rows | seconds | CPU seconds (all threads) | rows/s | peak RSS MiB | start MiB | dataset |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  const line = (name: string, n: number, m: Measured | undefined, seconds?: number, rate = true, cpu?: number) => {
    if (m === undefined) return;
    const s = seconds ?? m.seconds;
    console.log(
      `| ${name} | ${fmt(n)} | ${s.toFixed(2)} | ${cpu === undefined ? "—" : cpu.toFixed(2)} | ${rate ? fmt(Math.round(n / s)) : "—"} | ${m.peakMiB.toFixed(0)} | ${m.startMiB.toFixed(0)} | ${m.status} (share ${m.share.toFixed(2)}) |`,
    );
  };
  line(
    `modelship: profile CSV on the reference's bins + checkDrift (${threadCount()} threads)`,
    rows,
    ours,
    undefined,
    true,
    ours.cpuSeconds,
  );
  line("  of which profiling (one pass)", rows, ours, ours.profileSeconds, true, ours.profileCpuSeconds);
  line("  of which checkDrift", rows, ours, ours.decideSeconds, false);
  line("modelship: profile + checkDrift", smallRows, oursSmall, undefined, true, oursSmall?.cpuSeconds);
  line("pandas/scipy: read_csv both + statistics", rows, peer, undefined, true, peer?.cpuSeconds);
  line("  of which read_csv (both files)", rows, peer, peer?.readSeconds, true, peer?.readCpuSeconds);
  line("  of which read_csv (the current file alone)", rows, peer, peer?.currentReadSeconds, true, peer?.currentReadCpuSeconds);
  line("  of which statistics", rows, peer, peer?.statsSeconds, false);
  line("pandas/scipy: read_csv both + statistics", smallRows, peerSmall, undefined, true, peerSmall?.cpuSeconds);
  console.log(
    `\nThe load average while this ran: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(
        ", ",
      )} on ${availableParallelism()} cores; with other work on the machine, wall seconds of the two threads we use suffer more than those of one thread, so the CPU seconds are printed beside them.`,
  );
  console.log(
    `\nthe decision alone from the two stored profiles: read both JSONs ${(decision.readSeconds! * 1000).toFixed(0)} ms, checkDrift ${(decision.decideSeconds! * 1000).toFixed(0)} ms (median of 15), peak RSS ${decision.peakMiB.toFixed(0)} MiB (start ${decision.startMiB.toFixed(0)} MiB); independent of the rows behind the profiles.`,
  );
  if (oursSmall !== undefined) {
    console.log(
      `memory in rows: modelship peak RSS ${oursSmall.peakMiB.toFixed(0)} MiB at ${fmt(smallRows)} rows vs ${ours.peakMiB.toFixed(0)} MiB at ${fmt(rows)} (×${(ours.peakMiB / oursSmall.peakMiB).toFixed(2)} for ×${(rows / smallRows).toFixed(0)} rows)${peer !== undefined && peerSmall !== undefined ? `; pandas ${peerSmall.peakMiB.toFixed(0)} → ${peer.peakMiB.toFixed(0)} MiB (×${(peer.peakMiB / peerSmall.peakMiB).toFixed(2)})` : ""}.`,
    );
  }
  const scan = byteScan(currentCsv);
  const mb = scan.bytes / 1e6;
  console.log(
    `the limit, one core: a tight loop counting the newlines of the ${mb.toFixed(0)} MB file read into one buffer (fs.readSync, ${(scan.readSeconds * 1000).toFixed(0)} ms) scans ${fmt(Math.round(mb / scan.scanSeconds))} MB/s; our profiling pass ran at ${fmt(Math.round(mb / ours.profileSeconds!))} MB/s on ${threadCount()} thread(s) of ${availableParallelism()} cores (${((100 * scan.scanSeconds) / ours.profileSeconds!).toFixed(0)}% of one core's scan rate)${peer === undefined ? "" : `, pandas read_csv ${fmt(Math.round(mb / peer.currentReadSeconds!))} MB/s`}.`,
  );
  const figures: BenchFigure[] = [];
  if (peer !== undefined) {
    const passRatio = peer.currentReadSeconds! / ours.profileSeconds!;
    const endRatio = peer.seconds / ours.seconds;
    figures.push(
      {
        workload: `drift profiling pass, ${fmt(rows)} rows × ${WIDE.length} columns, vs pandas read_csv of the same file`,
        unit: "s",
        ours: ours.profileSeconds!,
        peer: peer.currentReadSeconds!,
        peerName: `pandas ${peerVersions![2]} read_csv`,
        ratio: passRatio,
        goal: "ratio ≥ 1.0",
        met: passRatio >= 1,
      },
      {
        workload: `drift end to end, ${fmt(rows)} rows × ${WIDE.length} columns`,
        unit: "s",
        ours: ours.seconds,
        peer: peer.seconds,
        peerName: `pandas ${peerVersions![2]} read_csv + scipy ${peerVersions![1]}`,
        ratio: endRatio,
        goal: "ratio ≥ 3.0",
        met: endRatio >= 3,
      },
    );
  }
  figures.push({
    workload: "drift profiling pass vs one core's byte scan (count newlines) of the same file",
    unit: "MB/s",
    ours: mb / ours.profileSeconds!,
    peer: mb / scan.scanSeconds,
    peerName: "single-core byte scan (the limit)",
    ratio: scan.scanSeconds / ours.profileSeconds!,
  });
  if (oursSmall !== undefined) {
    const growth = ours.peakMiB / oursSmall.peakMiB;
    figures.push({
      workload: `drift peak RSS growth, ${fmt(smallRows)} → ${fmt(rows)} rows`,
      unit: "×",
      ours: growth,
      ...(peer !== undefined && peerSmall !== undefined ? { peer: peer.peakMiB / peerSmall.peakMiB, peerName: "pandas" } : {}),
      goal: "flat (≤ 1.2× for 4× the rows)",
      met: growth <= 1.2,
    });
  }
  await writeResults("drift", figures, [
    `load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(", ")} on ${availableParallelism()} cores while it ran`,
    ...(peer === undefined
      ? []
      : [
          `CPU seconds, all threads: our profiling pass ${ours.profileCpuSeconds?.toFixed(2)}, pandas read_csv of the same file ${peer.currentReadCpuSeconds?.toFixed(2)}; end to end ours ${ours.cpuSeconds?.toFixed(2)}, pandas + scipy ${peer.cpuSeconds?.toFixed(2)}`,
        ]),
    `${threadCount()} thread(s) (MODELSHIP_THREADS) on ${availableParallelism()} cores; the ${fmt(rows)}-row runs are the best of ${runs}`,
  ]);
  if (peer !== undefined) {
    console.log(
      `speed on ${fmt(rows)} rows: ours took ${(ours.seconds / peer.seconds).toFixed(2)}× the peer's seconds (${Math.abs(ours.seconds / peer.seconds - 1) < 0.05 ? "even, within run-to-run noise" : ours.seconds < peer.seconds ? "faster" : "slower"}); our one streaming pass took ${(ours.profileSeconds! / peer.currentReadSeconds!).toFixed(2)}× pandas' read_csv of the same file (${peer.currentReadSeconds!.toFixed(2)} s wall, ${peer.currentReadCpuSeconds!.toFixed(2)} s CPU; ours ${ours.profileSeconds!.toFixed(2)} s wall, ${ours.profileCpuSeconds!.toFixed(2)} s CPU on ${threadCount()} thread(s)).`,
    );
    // Where the two sides' statistics agree: ours from the profiles (KS and Wasserstein from the
    // sketch when a column has over exact_cap distinct values; PSI on the profile's frozen bins).
    const stats = ["ks_d", "wasserstein_norm", "psi", "jensenshannon"] as const;
    const gaps = stats.map((key) => {
      let worst = 0;
      let at = "";
      let compared = 0;
      for (const [name, column] of Object.entries(ours.columns)) {
        const a = column[key];
        const b = peer.columns[name]?.[key];
        if (a === undefined || b === undefined) continue;
        compared++;
        if (Math.abs(a - b) >= worst) {
          worst = Math.abs(a - b);
          at = name;
        }
      }
      return `${key} ${compared} columns, max |Δ| ${worst.toExponential(1)} (${at})`;
    });
    const agree = Object.keys(ours.columns).filter(
      (name) => (ours.columns[name]!.status === "drift") === (peer.columns[name]?.status === "drift"),
    ).length;
    console.log(
      `agreement with the peer (ours from the profiles: KS and Wasserstein from the KLL sketch where a column has over ${fmt(exactCapOf(reference.settings))} distinct values, PSI on the frozen bins): ${gaps.join("; ")}; drift verdicts agree on ${agree} of ${Object.keys(ours.columns).length} columns (ours: ${
        Object.entries(ours.columns)
          .filter(([, c]) => c.status === "drift")
          .map(([n]) => n)
          .join(", ") || "none"
      }; peer: ${
        Object.entries(peer.columns)
          .filter(([, c]) => c.status === "drift")
          .map(([n]) => n)
          .join(", ") || "none"
      }).`,
    );
  } else {
    const why =
      peerVersions === undefined
        ? `/usr/bin/python3 lacks numpy, scipy or pandas (${probe.error?.message ?? probe.stderr?.trim().split("\n").pop() ?? "not found"})`
        : "it failed (see above)";
    console.log(`\nno pandas/scipy peer: ${why}.`);
  }
}

if (values.child === "profile") await childProfile();
else if (values.child === "decide") await childDecide();
else {
  if (values.only !== "throughput") await quality(Number(values.pairs));
  if (values.only !== "quality")
    await throughput(Number(values.rows), Number(values["small-rows"]), Number(values["reference-rows"]), Number(values.runs));
}
