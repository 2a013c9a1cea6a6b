/**
 * Where each bench leaves its headline figures, so `npm run bench` can print every goal in one table
 * (bench/summary.ts) and regenerate the figures in docs/performance.md from one run. A bench calls
 * `writeResults` once, at its end, with the figures it printed.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface BenchFigure {
  /** What was measured, e.g. "built-in trainer, MLP 32-16 on Adult". */
  workload: string;
  /** Unit of `ours` and `peer`, e.g. "rows/s", "s", "MiB". */
  unit: string;
  ours: number;
  /** The peer's figure on the same input in the same run, where there is a peer. */
  peer?: number;
  /** e.g. "scikit-learn MLPClassifier (1 thread, OpenBLAS)". */
  peerName?: string;
  /** How many times better ours is (peer/ours for times and memory, ours/peer for rates). */
  ratio?: number;
  /** The goal in words, e.g. "ratio ≥ 1.0" or "< 30 s". */
  goal?: string;
  /** Whether this run met the goal. */
  met?: boolean;
}

export const RESULTS_DIR = join(import.meta.dirname, ".data/results");

/** Writes bench/.data/results/NAME.json atomically (a temporary file, then rename). */
export async function writeResults(name: string, figures: BenchFigure[], notes: string[] = []): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ name, date: new Date().toISOString(), figures, notes }, null, 2)}\n`);
  await rename(temporary, path);
}
