/**
 * `npm run bench:drift`: the drift check's decisions and its cost, figures only (nothing here
 * asserts a rate or a time).
 *
 * 1. Decision quality with the default settings (DRIFT_DEFAULTS), seeded: how often a check ends in
 *    warn or drift, over same-distribution pairs (false alarms) and shifted pairs (detection), on a
 *    synthetic mixed table and on Adult resampled with replacement, at 500, 5,000 and 50,000 rows
 *    (reference rows = current rows). Each side is profiled in memory through `profileSources` (the
 *    current data on the reference's bins, one pass), then `checkDrift` decides, exactly as
 *    `modelship drift` does after reading. Common random numbers: one reference per pair, and every
 *    scenario's current side from the same base draws.
 *    - Two seed sets. TUNING: the bench's own seeds, mulberry32(1000 + g) for the row counts'
 *      index g, drawn in the order the bench always drew them (`--pairs`, default 200; 50,000 rows:
 *      `--large-pairs T/I`, default 100/200), so the old scenarios' data is reproducible. INDEPENDENT:
 *      mulberry32(9000 + g) (`--independent-pairs`, default 500), for judging. New scenarios' extra
 *      draws (where the nulls fall, which rows take the new category) come from a separate stream per
 *      set (mulberry32(50,000 + g), mulberry32(60,000 + g)), so the old draws do not move.
 *    - Shifts: mean +0.25σ and +0.5σ on three numeric columns; 5 and 10 points of probability off
 *      the top category of two categorical ones; Adult's age mix; at 50,000 rows, negligible ones
 *      (+0.05σ, 2 points) that must not alarm; and, reported without a goal, a new dominant category
 *      (40% of the rows take a value the reference never had) and missing values rising 1% → 5%.
 *    - Tables (a)–(c) on the tuning set; (d) a month of daily checks on unchanged data (`--months
 *      S/L`, default 100 months at 500 rows / 30 at 5,000; one reference per month, a fresh batch a
 *      day; a drift issue opens on a drift day and closes on an ok or warn day, as
 *      src/drift/drift-issue.ts does with close_when_clear): the chance of a false drift issue in a
 *      month, its flaps, the chance of a warn day; (e) issue 27's goals, each on the tuning and the
 *      independent set with a Wilson 95% interval (bench/drift/wilson.ts), judged on the independent
 *      point estimate, beside Evidently's defaults (mode evidently-compat) on the same profiles,
 *      ending `goals met: N of M`. Figures go to bench/.data/results/drift-decisions.json.
 *    - Each (set, row count) and each month simulation is a job in a child process, as many at once
 *      as there are cores.
 * 2. Throughput: a 1,000,000-row × 20-column CSV profiled on a 50,000-row reference profile's bins
 *    plus the decision, and the decision alone from the two profiles, each in a child process for
 *    its peak RSS; 250,000 rows as well, to show that our memory does not grow with rows. Peer: the
 *    same statistics the usual way (pandas read_csv, scipy ks_2samp / wasserstein_distance, numpy
 *    histogram on the reference deciles for PSI, jensenshannon on proportions) in Debian's
 *    /usr/bin/python3 on the same files (bench/drift/peer.py).
 *
 * The 1M-row runs are the best of `--runs` (default 3) by seconds; the 250k-row runs are single.
 *
 *   node bench/drift/run.ts [--pairs N] [--independent-pairs N] [--large-pairs T/I] [--months S/L] [--rows N] [--small-rows N] [--reference-rows N] [--runs K] [--only quality|throughput]
 */
import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import { closeSync, createWriteStream, existsSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
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
import { wilson } from "./wilson.ts";

const execFileAsync = promisify(execFile);

const root = join(import.meta.dirname, "../..");
// Paths relative to the repository root, so the reports and profiles a bench writes name no
// machine path (what a clone of the repository lacks).
process.chdir(root);
const dir = "bench/.data/drift";
const { values } = parseArgs({
  options: {
    pairs: { type: "string", default: "200" },
    "independent-pairs": { type: "string", default: "500" },
    "large-pairs": { type: "string", default: "100/200" },
    months: { type: "string", default: "100/30" },
    rows: { type: "string", default: "1000000" },
    "small-rows": { type: "string", default: "250000" },
    "reference-rows": { type: "string", default: "50000" },
    runs: { type: "string", default: "3" },
    only: { type: "string" },
    // Internal: a job of section 1, or the measured part of section 2, run in a child process.
    child: { type: "string" },
    job: { type: "string" },
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
    else if (part.startsWith("null share")) causes.push("null share real, below its margin");
    else if (part.includes("below the margin")) causes.push("real, below the margin");
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

// ---------------------------------------------------------------------------------------------
// Section 1: decision quality. Each (seed set, row count) and each month simulation is one job; the
// jobs run in child processes, as many at once as there are cores, and hand back their tallies.

type Family = "same" | "shift" | "new-category" | "nulls" | "age";

interface Scenario {
  name: string;
  table: "mixed" | "adult";
  family: Family;
  shift: Shift;
  /** Reference = current rows the scenario runs at. */
  rows: readonly number[];
  /** Whether the independent set runs it: every goal and reported figure does; the rest are tuning-set detail for (b). */
  independent: boolean;
  /** The columns it moves, for table (b). */
  shifted: readonly string[];
}

const NUMERIC_SHIFTED = MIXED.filter((spec) => spec.shifted && spec.type !== "categorical").map((spec) => spec.name);
const CATEGORY_SHIFTED = MIXED.filter((spec) => spec.shifted && spec.type === "categorical").map((spec) => spec.name);
/** The columns whose missing values rise (1% → 5%), and the share of the current rows that take a new category. */
const NULL_COLUMNS = ["normal", "cat8", "count_0_20"];
const NULLS = { reference: 0.01, current: 0.05 };
const NEW_CATEGORY_SHARE = 0.4;
/** Rows (reference = current) of the three regimes; a regime's index g picks its seeds (mulberry32(seed + g)). */
const REGIMES = [500, 5000, 50_000] as const;
const regimeName = (rows: number) => `${fmt(rows)} vs ${fmt(rows)} rows`;

const SCENARIOS: Scenario[] = [
  { name: "none", table: "mixed", family: "same", shift: NO_SHIFT, rows: REGIMES, independent: true, shifted: [] },
  {
    name: "mean +0.25σ on normal, lognormal, uniform",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0.25, categoryMix: 0 },
    rows: [500, 5000],
    independent: true,
    shifted: NUMERIC_SHIFTED,
  },
  {
    name: "mean +0.5σ on normal, lognormal, uniform",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0.5, categoryMix: 0 },
    rows: [500, 5000],
    independent: false,
    shifted: NUMERIC_SHIFTED,
  },
  {
    name: "category mix: 5 points off the top category of cat5, cat12",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0, categoryMix: 0.05 },
    rows: [500, 5000],
    independent: false,
    shifted: CATEGORY_SHIFTED,
  },
  {
    name: "category mix: 10 points off the top category of cat5, cat12",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0, categoryMix: 0.1 },
    rows: [500, 5000],
    independent: true,
    shifted: CATEGORY_SHIFTED,
  },
  {
    name: "negligible: mean +0.05σ on normal, lognormal, uniform",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0.05, categoryMix: 0 },
    rows: [50_000],
    independent: true,
    shifted: NUMERIC_SHIFTED,
  },
  {
    name: "negligible: category mix, 2 points off the top category of cat5, cat12",
    table: "mixed",
    family: "shift",
    shift: { meanShift: 0, categoryMix: 0.02 },
    rows: [50_000],
    independent: true,
    shifted: CATEGORY_SHIFTED,
  },
  {
    name: `a new dominant category: ${100 * NEW_CATEGORY_SHARE}% of cat5, cat12 take a value the reference never had`,
    table: "mixed",
    family: "new-category",
    shift: NO_SHIFT,
    rows: [500, 5000],
    independent: true,
    shifted: CATEGORY_SHIFTED,
  },
  {
    name: `missing values ${100 * NULLS.reference}% → ${100 * NULLS.current}% in ${NULL_COLUMNS.join(", ")}`,
    table: "mixed",
    family: "nulls",
    shift: NO_SHIFT,
    rows: [500, 5000],
    independent: true,
    shifted: NULL_COLUMNS,
  },
  { name: "none", table: "adult", family: "same", shift: NO_SHIFT, rows: REGIMES, independent: true, shifted: [] },
  {
    name: "Adult age mix: rows aged 45+ drawn twice as often",
    table: "adult",
    family: "age",
    shift: NO_SHIFT,
    rows: [500, 5000],
    independent: false,
    shifted: ["age"],
  },
];
const scenarioIndex = (table: Scenario["table"], name: string) => {
  const index = SCENARIOS.findIndex((scenario) => scenario.table === table && scenario.name.startsWith(name));
  if (index === -1) throw new Error(`bench/drift: no ${table} scenario named ${name}`);
  return index;
};

/** Issue 27's goals: the share of checks whose dataset status is warn or drift, judged on the independent set's point estimate. */
interface Goal {
  what: string;
  scenario: number;
  rows: number;
  /** In words, and the test of a rate; absent: reported, no goal. */
  goal?: string;
  met?: (rate: number) => boolean;
}
const atMost = (limit: number) => ({ goal: `≤ ${100 * limit}%`, met: (rate: number) => rate <= limit });
const atLeast = (limit: number) => ({ goal: `≥ ${100 * limit}%`, met: (rate: number) => rate >= limit });
const GOALS: Goal[] = [
  ...(["mixed", "adult"] as const).flatMap((table) =>
    REGIMES.map((rows) => ({ what: "false alarms", scenario: scenarioIndex(table, "none"), rows, ...atMost(0.05) })),
  ),
  ...[500, 5000].map((rows) => ({ what: "detection", scenario: scenarioIndex("mixed", "mean +0.25σ"), rows, ...atLeast(0.95) })),
  { what: "detection", scenario: scenarioIndex("mixed", "category mix: 10 points"), rows: 500, ...atLeast(0.8) },
  { what: "detection", scenario: scenarioIndex("mixed", "category mix: 10 points"), rows: 5000, ...atLeast(0.95) },
  { what: "negligible shift", scenario: scenarioIndex("mixed", "negligible: mean"), rows: 50_000, ...atMost(0.05) },
  { what: "negligible shift", scenario: scenarioIndex("mixed", "negligible: category"), rows: 50_000, ...atMost(0.05) },
  ...[500, 5000].map((rows) => ({ what: "report only", scenario: scenarioIndex("mixed", "a new dominant category"), rows })),
  ...[500, 5000].map((rows) => ({ what: "report only", scenario: scenarioIndex("mixed", "missing values"), rows })),
];

/** The two seed sets: the tuning set keeps the seeds the bench always had; the independent one is for judging. */
const SEED_SETS = {
  tuning: { seed: 1000, extraSeed: 50_000 },
  independent: { seed: 9000, extraSeed: 60_000 },
} as const;
type SetName = keyof typeof SEED_SETS;
/** The month simulations' seeds: mulberry32(MONTH_SEED + 2g + (adult ? 1 : 0)). */
const MONTH_SEED = 70_000;
const DAYS = 30;

/** Evidently's defaults on the same profiles, to print beside ours. */
const EVIDENTLY: DriftSettings = { ...DRIFT_DEFAULTS, mode: "evidently-compat" };
/** The 500-row regime again, on the same profiles, with the other multiple-testing correction (table (c)). */
const OTHER_CORRECTION: DriftSettings = { ...DRIFT_DEFAULTS, correction: DRIFT_DEFAULTS.correction === "bh" ? "none" : "bh" };

/** What the jobs share: the contracts and the Adult rows, loaded once per process. */
interface QualityContext {
  mixedContract: DataContract;
  names: string[];
  adult: ReturnType<typeof adultRows>;
  adultContract: DataContract;
  /** Cumulative row weights: rows aged 45 or more count twice. */
  olderTwice: Float64Array;
  /** The age mix's mean shift in age's σ. */
  ageShift: number;
}
let context: Promise<QualityContext> | undefined;
function qualityContext(): Promise<QualityContext> {
  context ??= (async () => {
    const adult = adultRows();
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
    return {
      mixedContract: parseContract(contractYaml("drift-bench-mixed", MIXED), "mixed.yaml"),
      names: MIXED.map((spec) => spec.name),
      adult,
      adultContract: await loadContract(join(root, "examples/model-repo/data/contract.yaml")),
      olderTwice,
      ageShift: (ageMean((age) => (age >= 45 ? 2 : 1)) - plainMean) / ageSd,
    };
  })();
  return context;
}

/** `columns` with the NULL_COLUMNS' values nulled where the separate stream draws below `rate` (a copy of those columns). */
function withNulls(columns: RawValue[][], rate: number, random: () => number): RawValue[][] {
  return columns.map((column, c) => {
    if (!NULL_COLUMNS.includes(MIXED[c]!.name)) return column;
    const out = column.slice();
    for (let r = 0; r < out.length; r++) if (random() < rate) out[r] = null;
    return out;
  });
}

/** cat5 and cat12 with NEW_CATEGORY_SHARE of the rows (drawn from the separate stream) set to `<column>_new`, in place. */
function withNewCategory(columns: RawValue[][], random: () => number): RawValue[][] {
  for (const [c, spec] of MIXED.entries()) {
    if (!CATEGORY_SHIFTED.includes(spec.name)) continue;
    const column = columns[c]!;
    for (let r = 0; r < column.length; r++) if (random() < NEW_CATEGORY_SHARE) column[r] = `${spec.name}_new`;
  }
  return columns;
}

/** A Tally as JSON (its maps as entry lists), to cross from a job's process. */
type TallyJson = Omit<Tally, "columnDrift" | "methods" | "warnCauses" | "distances"> & {
  columnDrift: [string, number][];
  methods: [string, string][];
  warnCauses: [string, number][];
  distances: [string, { distance: number; psi: number }][];
};
const tallyToJson = (t: Tally): TallyJson => ({
  ...t,
  columnDrift: [...t.columnDrift],
  methods: [...t.methods],
  warnCauses: [...t.warnCauses],
  distances: [...t.distances],
});
const tallyFromJson = (t: TallyJson): Tally => ({
  ...t,
  columnDrift: new Map(t.columnDrift),
  methods: new Map(t.methods),
  warnCauses: new Map(t.warnCauses),
  distances: new Map(t.distances),
});

/** The key of a tally: seed set, scenario, rows, and the settings when not the defaults. */
const key = (set: SetName, s: number, rows: number, settings: "" | "evidently" | "other" = "") =>
  `${set}/${s}/${rows}${settings === "" ? "" : `/${settings}`}`;

/** One seed set at one row count: `pairs` references, every scenario's current side from the same base draws. */
async function runPairs(set: SetName, g: number, pairs: number): Promise<Record<string, TallyJson>> {
  const { mixedContract, names, adult, adultContract, olderTwice } = await qualityContext();
  const n = REGIMES[g]!;
  // The main stream draws the values, in the order the bench always drew them; new scenarios' extra
  // draws (null positions, the new category) come from a separate stream, so the old data stays put.
  const random = mulberry32(SEED_SETS[set].seed + g);
  const extra = mulberry32(SEED_SETS[set].extraSeed + g);
  const tallies = new Map<string, Tally>();
  const add = (name: string, report: DriftReport) => {
    let t = tallies.get(name);
    if (t === undefined) tallies.set(name, (t = tally()));
    count(t, report);
  };
  const runs = (s: number) => SCENARIOS[s]!.rows.includes(n) && (set === "tuning" || SCENARIOS[s]!.independent);
  const judge = (s: number, reference: ReferenceProfile, current: ReferenceProfile) => {
    add(key(set, s, n), decide(reference, current));
    if (set === "independent") add(key(set, s, n, "evidently"), decide(reference, current, EVIDENTLY));
    if (set === "tuning" && n === 500) add(key(set, s, n, "other"), decide(reference, current, OTHER_CORRECTION));
  };
  const adultSame = scenarioIndex("adult", "none");
  const adultAge = scenarioIndex("adult", "Adult age mix");
  for (let pair = 0; pair < pairs; pair++) {
    // Mixed table: one reference, then every scenario's current side from the same base draws.
    const referenceColumns = mixedColumns(drawBase(random, n, MIXED.length), n, NO_SHIFT);
    const reference = await profileColumns(mixedContract, names, referenceColumns);
    const base = drawBase(random, n, MIXED.length);
    for (const [s, scenario] of SCENARIOS.entries()) {
      if (scenario.table !== "mixed" || !runs(s)) continue;
      let columns = mixedColumns(base, n, scenario.shift);
      let against = reference;
      if (scenario.family === "new-category") columns = withNewCategory(columns, extra);
      else if (scenario.family === "nulls") {
        // Both sides from the usual draws; the reference with 1% of those columns missing, the current with 5%.
        against = await profileColumns(mixedContract, names, withNulls(referenceColumns, NULLS.reference, extra));
        columns = withNulls(columns, NULLS.current, extra);
      }
      judge(s, against, await profileColumns(mixedContract, names, columns, against));
    }
    // Adult: uniform draws for the reference and the unshifted current side, age-weighted for the shifted one.
    const adultReference = await profileColumns(adultContract, adult.names, sampleRows(adult.rows, undefined, n, random));
    judge(
      adultSame,
      adultReference,
      await profileColumns(adultContract, adult.names, sampleRows(adult.rows, undefined, n, random), adultReference),
    );
    if (runs(adultAge))
      judge(
        adultAge,
        adultReference,
        await profileColumns(adultContract, adult.names, sampleRows(adult.rows, olderTwice, n, random), adultReference),
      );
  }
  return Object.fromEntries([...tallies].map(([name, t]) => [name, tallyToJson(t)]));
}

/** A month of daily checks on unchanged data, `months` times. */
interface Months {
  months: number;
  /** Months in which a drift issue opened at least once. */
  withIssue: number;
  /** Reopenings: an issue opened, closed on a clear day, and opened again, summed over months. */
  flaps: number;
  /** Months with at least one day whose dataset status was warn. */
  withWarn: number;
  days: number;
  warnDays: number;
  driftDays: number;
}

/**
 * One reference per month, then each day a fresh current batch of the same distribution. As the drift
 * issue does (src/drift/drift-issue.ts, syncDriftIssue, close_when_clear on by default): a day whose
 * status is drift opens the issue (reopens it if closed), a day whose status is ok or warn closes an
 * open one; insufficient_data leaves it as it is.
 */
async function runMonths(table: Scenario["table"], g: number, months: number): Promise<Months> {
  const { mixedContract, names, adult, adultContract } = await qualityContext();
  const n = REGIMES[g]!;
  const random = mulberry32(MONTH_SEED + 2 * g + (table === "adult" ? 1 : 0));
  const draw = (reference?: ReferenceProfile) =>
    table === "mixed"
      ? profileColumns(mixedContract, names, mixedColumns(drawBase(random, n, MIXED.length), n, NO_SHIFT), reference)
      : profileColumns(adultContract, adult.names, sampleRows(adult.rows, undefined, n, random), reference);
  const out: Months = { months, withIssue: 0, flaps: 0, withWarn: 0, days: 0, warnDays: 0, driftDays: 0 };
  for (let month = 0; month < months; month++) {
    const reference = await draw();
    let open = false;
    let opened = 0;
    let warned = false;
    for (let day = 0; day < DAYS; day++) {
      const { status } = decide(reference, await draw(reference));
      out.days++;
      if (status === "drift") {
        out.driftDays++;
        if (!open) opened++;
        open = true;
      } else if (status === "ok" || status === "warn") open = false;
      if (status === "warn") {
        out.warnDays++;
        warned = true;
      }
    }
    if (opened > 0) out.withIssue++;
    out.flaps += Math.max(0, opened - 1);
    if (warned) out.withWarn++;
  }
  return out;
}

type QualityJob =
  { kind: "pairs"; set: SetName; g: number; pairs: number } | { kind: "months"; table: Scenario["table"]; g: number; months: number };
/** A job's result, with its wall and CPU seconds (the CPU ones hold when other work shares the cores). */
type JobResult = { seconds: number; cpuSeconds: number } & ({ tallies: Record<string, TallyJson> } | { months: Months });

async function runJob(job: QualityJob): Promise<JobResult> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result =
    job.kind === "pairs"
      ? { tallies: await runPairs(job.set, job.g, job.pairs) }
      : { months: await runMonths(job.table, job.g, job.months) };
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6, ...result };
}

const jobName = (job: QualityJob) =>
  job.kind === "pairs"
    ? `${job.set} set, ${fmt(REGIMES[job.g]!)} rows, ${fmt(job.pairs)} pairs`
    : `${fmt(job.months)} months of ${job.table}, ${fmt(REGIMES[job.g]!)} rows`;

/** Runs the jobs in child processes, `parallel` at a time, the costliest (listed first) first. */
async function runJobs(jobs: QualityJob[], parallel: number): Promise<JobResult[]> {
  const self = join(import.meta.dirname, "run.ts");
  const results = new Array<JobResult>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { stdout } = await execFileAsync(process.execPath, [self, "--child", "quality", "--job", JSON.stringify(jobs[index])], {
        cwd: root,
        maxBuffer: 64 * MiB,
      }).catch((error: unknown) => {
        const { stderr, message } = error as Error & { stderr?: string };
        throw new Error(`bench/drift: the job "${jobName(jobs[index]!)}" failed: ${stderr || message}`);
      });
      results[index] = JSON.parse(stdout.trim().split("\n").pop()!) as JobResult;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, worker));
  return results;
}

/** A job's part, in a child process: the JSON of its result on the last line. */
async function childQuality(): Promise<void> {
  console.log(JSON.stringify(await runJob(JSON.parse(values.job!) as QualityJob)));
}

/** "a/b" or "a" (both) as two non-negative integers; `flag` names the option in the error. */
function twoCounts(text: string, flag: string): [number, number] {
  const parts = text.split("/").map(Number);
  if (parts.length > 2 || !parts.every((x) => Number.isInteger(x) && x >= 0))
    throw new Error(`bench/drift: --${flag} ${text}: give N or N/M (whole numbers), e.g. --${flag} 100/200`);
  return [parts[0]!, parts[1] ?? parts[0]!];
}

/** "12.0% (9.5–15.1%)": a rate with its Wilson 95% interval. */
function withInterval(successes: number, n: number): string {
  const [low, high] = wilson(successes, n);
  return `${pct(successes / n)} (${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)}%)`;
}

async function quality(pairs: number, independentPairs: number, largePairs: [number, number], months: [number, number]): Promise<void> {
  const started = performance.now();
  const { names, adult, adultContract, ageShift } = await qualityContext();
  const counts: Record<SetName, number[]> = {
    tuning: [pairs, pairs, largePairs[0]],
    independent: [independentPairs, independentPairs, largePairs[1]],
  };
  // Costliest first (CPU seconds at the defaults, 2 cores: about 210, 160, 100, 70, then under 30 each).
  const jobs: QualityJob[] = [
    { kind: "pairs", set: "independent", g: 2, pairs: counts.independent[2]! },
    { kind: "pairs", set: "independent", g: 1, pairs: counts.independent[1]! },
    { kind: "pairs", set: "tuning", g: 2, pairs: counts.tuning[2]! },
    { kind: "pairs", set: "tuning", g: 1, pairs: counts.tuning[1]! },
    { kind: "months", table: "mixed", g: 1, months: months[1] },
    { kind: "months", table: "adult", g: 1, months: months[1] },
    { kind: "pairs", set: "independent", g: 0, pairs: counts.independent[0]! },
    { kind: "pairs", set: "tuning", g: 0, pairs: counts.tuning[0]! },
    { kind: "months", table: "adult", g: 0, months: months[0] },
    { kind: "months", table: "mixed", g: 0, months: months[0] },
  ];
  const parallel = availableParallelism();
  const results = await runJobs(
    jobs.filter((job) => (job.kind === "pairs" ? job.pairs : job.months) > 0),
    parallel,
  );
  const ran = jobs.filter((job) => (job.kind === "pairs" ? job.pairs : job.months) > 0);
  const tallies = new Map<string, Tally>();
  const monthResults = new Map<string, Months>();
  for (const [i, result] of results.entries()) {
    const job = ran[i]!;
    if ("tallies" in result) for (const [name, t] of Object.entries(result.tallies)) tallies.set(name, tallyFromJson(t));
    else if (job.kind === "months") monthResults.set(`${job.table}/${REGIMES[job.g]}`, result.months);
  }
  const seconds = (performance.now() - started) / 1000;
  const get = (set: SetName, s: number, rows: number, settings: "" | "evidently" | "other" = "") =>
    tallies.get(key(set, s, rows, settings));

  const adultFeatures = adultContract.columns
    .filter((column) => column.roles.length === 0 || column.roles.includes("feature"))
    .map((column) => column.name);
  // Every default but the per-column lists, so the line stays true whatever the settings hold.
  const shown = Object.fromEntries(Object.entries(DRIFT_DEFAULTS).filter(([name]) => name !== "weights" && name !== "ignore"));
  console.log(
    `\nbench/drift 1. decision quality, default settings (DRIFT_DEFAULTS: ${JSON.stringify(shown).replace(/"/g, "").replace(/,/g, ", ")}); ${seconds.toFixed(0)} s in all on ${parallel} core(s)\n`,
  );
  console.log(
    `Seed sets: tuning (the bench's seeds: mulberry32(${SEED_SETS.tuning.seed} + g), g = 0, 1, 2 for ${REGIMES.map(fmt).join(", ")} rows; ${counts.tuning.map(fmt).join(", ")} pairs) and independent (mulberry32(${SEED_SETS.independent.seed} + g); ${counts.independent.map(fmt).join(", ")} pairs), each with a separate stream (mulberry32(${SEED_SETS.tuning.extraSeed} + g), mulberry32(${SEED_SETS.independent.extraSeed} + g)) for the new scenarios' extra draws. Tables (a)–(c): the tuning set.`,
  );
  console.log(
    `mixed table: normal, lognormal, uniform, count_0_20 (Binomial(20, 0.3)), binary (p 0.3), zero_inflated (70% zeros, else lognormal) numeric; cat3, cat5, cat8, cat12 Zipf-weighted categorical.`,
  );
  console.log(
    `Adult: the UCI Adult training set (datasets/adult, ${fmt(adult.rows.length)} rows) resampled with replacement; ${adultFeatures.length} feature columns (Y is the target and is not counted).\n`,
  );
  for (const rows of REGIMES) {
    const t = get("tuning", 0, rows) ?? get("independent", 0, rows);
    if (t !== undefined)
      console.log(`${regimeName(rows)}: methods ${[...t.methods].map(([name, method]) => `${name} ${method}`).join(", ")}`);
  }
  const nullRow = (t: Tally, table: Scenario["table"]) => {
    const rates = columnRates(t, table === "mixed" ? names : adultFeatures);
    const causes =
      [...t.warnCauses]
        .sort((a, b) => b[1] - a[1])
        .map(([cause, n]) => `${cause} ${(n / t.pairs).toFixed(2)}`)
        .join(", ") || "none";
    return `${pct(t.datasetDrift / t.pairs)} | ${pct(t.datasetFlag / t.pairs)} | ${pct(rates.mean)} | ${rates.max[1] > 0 ? `${rates.max[0]} ${pct(rates.max[1])}` : "—"} | ${causes}`;
  };
  const shiftRow = (t: Tally, scenario: Scenario) => {
    const shifted = scenario.shifted;
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
    const kinds = new Set(shifted.map((name) => (MIXED.find((spec) => spec.name === name)?.type === "categorical" ? "JS" : "W/σ")));
    return `${pct(t.datasetDrift / t.pairs)} | ${pct(t.datasetFlag / t.pairs)} | ${pct(a.mean)} | ${range} | ${[...kinds].join(" or ")} ${distance.toFixed(3)}, PSI ${psiMean.toFixed(3)} | ${pct(b.mean)}${highest}`;
  };
  const scenarioName = (scenario: Scenario) =>
    scenario.family === "age" ? `${scenario.name} (age mean +${ageShift.toFixed(2)}σ)` : scenario.name;
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
  for (const s of [scenarioIndex("mixed", "none"), scenarioIndex("adult", "none")])
    for (const rows of REGIMES) {
      const t = get("tuning", s, rows);
      if (t !== undefined) console.log(`| ${SCENARIOS[s]!.table} | ${regimeName(rows)} | ${nullRow(t, SCENARIOS[s]!.table)} |`);
    }
  console.log("\n(b) detection: the current side shifted\n");
  console.log(withColumns(shiftHeader, "shift", "regime"));
  for (const [s, scenario] of SCENARIOS.entries()) {
    if (scenario.family === "same") continue;
    for (const rows of scenario.rows) {
      const t = get("tuning", s, rows);
      if (t !== undefined) console.log(`| ${scenarioName(scenario)} | ${regimeName(rows)} | ${shiftRow(t, scenario)} |`);
    }
  }
  console.log(
    `\n(c) the 500-row regime on the same profiles with correction ${OTHER_CORRECTION.correction} instead of ${DRIFT_DEFAULTS.correction}\n`,
  );
  console.log(withColumns(nullHeader, "table"));
  for (const s of [scenarioIndex("mixed", "none"), scenarioIndex("adult", "none")]) {
    const t = get("tuning", s, 500, "other");
    if (t !== undefined) console.log(`| ${SCENARIOS[s]!.table} | ${nullRow(t, SCENARIOS[s]!.table)} |`);
  }
  console.log("");
  console.log(withColumns(shiftHeader, "shift"));
  for (const [s, scenario] of SCENARIOS.entries()) {
    const t = get("tuning", s, 500, "other");
    if (scenario.family !== "same" && t !== undefined) console.log(`| ${scenarioName(scenario)} | ${shiftRow(t, scenario)} |`);
  }

  // The goals' figures first, then the months', in the results file.
  const figures: BenchFigure[] = [];
  const monthFigures: BenchFigure[] = [];
  const notes: string[] = [];
  const monthNotes: string[] = [];
  console.log(
    `\n(d) a month of daily checks on unchanged data: one reference per month, then ${DAYS} days, each a fresh same-distribution current batch of the same size (seeds mulberry32(${MONTH_SEED} + 2g + table)). A drift issue opens on a day whose dataset status is drift and closes on a day whose status is ok or warn (close_when_clear, the default); a flap is a reopening within the month. A warn shows in the run's summary and opens no issue.\n`,
  );
  console.log(
    "| table | rows | months | ≥ 1 false drift issue in a month (Wilson 95%) | flaps per month, mean | ≥ 1 warn day in a month (Wilson 95%) | days: warn, drift |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const table of ["mixed", "adult"] as const)
    for (const rows of [500, 5000]) {
      const m = monthResults.get(`${table}/${rows}`);
      if (m === undefined) continue;
      console.log(
        `| ${table} | ${fmt(rows)} | ${fmt(m.months)} | ${withInterval(m.withIssue, m.months)} | ${(m.flaps / m.months).toFixed(3)} | ${withInterval(m.withWarn, m.months)} | ${pct(m.warnDays / m.days)}, ${pct(m.driftDays / m.days)} |`,
      );
      const [low, high] = wilson(m.withIssue, m.months);
      monthFigures.push(
        {
          workload: `months of daily checks on unchanged data with a false drift issue, ${table}, ${fmt(rows)} rows`,
          unit: "%",
          ours: (100 * m.withIssue) / m.months,
        },
        {
          workload: `drift issue flaps (reopenings) per month of daily checks on unchanged data, ${table}, ${fmt(rows)} rows`,
          unit: "per month",
          ours: m.flaps / m.months,
        },
        {
          workload: `months of daily checks on unchanged data with a warn day, ${table}, ${fmt(rows)} rows`,
          unit: "%",
          ours: (100 * m.withWarn) / m.months,
        },
      );
      monthNotes.push(
        `a month of daily checks, ${table} ${fmt(rows)} rows: false drift issue in ${m.withIssue} of ${m.months} months (Wilson 95% ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)}%)`,
      );
    }

  console.log(
    `\n(e) issue 27's goals: the share of checks whose DATASET status is warn or drift; tuning set ${counts.tuning.map(fmt).join(" / ")} pairs, independent set ${counts.independent.map(fmt).join(" / ")} pairs at ${REGIMES.map(fmt).join(" / ")} rows; met or not on the independent set's point estimate. Evidently: mode evidently-compat (Evidently's defaults) on the independent set's profiles, warn or drift and, in brackets, drift alone (Evidently's own dataset verdict is drift or no drift).\n`,
  );
  console.log(
    "| goal | scenario | rows | tuning set | independent set (Wilson 95%) | evidently-compat, independent (drift alone) | target | met |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
  let met = 0;
  let judged = 0;
  for (const goal of GOALS) {
    const scenario = SCENARIOS[goal.scenario]!;
    const tuning = get("tuning", goal.scenario, goal.rows);
    const independent = get("independent", goal.scenario, goal.rows);
    const evidently = get("independent", goal.scenario, goal.rows, "evidently");
    const rate = (t: Tally | undefined) => (t === undefined ? "—" : pct(t.datasetFlag / t.pairs));
    const ours = independent === undefined ? undefined : independent.datasetFlag / independent.pairs;
    const ok = goal.met === undefined || ours === undefined ? undefined : goal.met(ours);
    if (goal.met !== undefined) {
      judged++;
      if (ok === true) met++;
    }
    const what = `${scenario.table === "adult" ? "Adult" : "mixed table"}: ${scenario.family === "same" ? "same distribution" : scenarioName(scenario)}`;
    console.log(
      `| ${goal.what} | ${what} | ${fmt(goal.rows)} | ${rate(tuning)} | ${independent === undefined ? "—" : withInterval(independent.datasetFlag, independent.pairs)} | ${evidently === undefined ? "—" : `${rate(evidently)} (${pct(evidently.datasetDrift / evidently.pairs)})`} | ${goal.goal ?? "report only"} | ${ok === undefined ? (goal.met === undefined ? "—" : "not run") : ok ? "met" : "NOT MET"} |`,
    );
    if (independent !== undefined) {
      const [low, high] = wilson(independent.datasetFlag, independent.pairs);
      figures.push({
        workload: `${goal.what}, ${what}, ${fmt(goal.rows)} rows (warn or drift, independent seeds)`,
        unit: "%",
        ours: 100 * ours!,
        ...(evidently === undefined ? {} : { peer: (100 * evidently.datasetFlag) / evidently.pairs, peerName: "evidently-compat mode" }),
        ...(goal.goal === undefined ? {} : { goal: goal.goal, met: ok! }),
      });
      notes.push(
        `${goal.what}, ${what}, ${fmt(goal.rows)} rows: ${independent.datasetFlag} of ${independent.pairs} independent pairs (Wilson 95% ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)}%); tuning set ${rate(tuning)}`,
      );
    }
  }
  const times = results
    .map((result, i) => `${jobName(ran[i]!)} ${result.seconds.toFixed(0)} s (CPU ${result.cpuSeconds.toFixed(0)} s)`)
    .join("; ");
  const cpuSeconds = results.reduce((sum, result) => sum + result.cpuSeconds, 0);
  notes.push(
    `section 1 took ${seconds.toFixed(0)} s on ${parallel} core(s), ${cpuSeconds.toFixed(0)} CPU seconds in its jobs (load average ${loadavg()[0]!.toFixed(1)} at the end): ${times}`,
  );
  await writeResults("drift-decisions", [...figures, ...monthFigures], [...notes, ...monthNotes]);
  console.log(
    `\njob seconds (${parallel} at a time; ${cpuSeconds.toFixed(0)} CPU seconds in all, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(", ")}): ${times}`,
  );
  console.log(`goals met: ${met} of ${judged}`);
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

if (values.child === "quality") await childQuality();
else if (values.child === "profile") await childProfile();
else if (values.child === "decide") await childDecide();
else {
  if (values.only !== "throughput")
    await quality(
      Number(values.pairs),
      Number(values["independent-pairs"]),
      twoCounts(values["large-pairs"], "large-pairs"),
      twoCounts(values.months, "months"),
    );
  if (values.only !== "quality")
    await throughput(Number(values.rows), Number(values["small-rows"]), Number(values["reference-rows"]), Number(values.runs));
}
