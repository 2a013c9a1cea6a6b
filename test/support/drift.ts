/**
 * Helpers for the drift tests: a tiny contract from (name, type, role) triples, seeded data
 * (normal draws, columns with exact category counts), temporary CSV files written from columns,
 * profiles of them through the real readers, and a tolerance check against Python's numbers.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUserError, type UserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { parseContract } from "../../src/data/contract/load-contract.ts";
import type { DataContract } from "../../src/data/contract/contract-types.ts";
import { profileData, type ReferenceProfile } from "../../src/data/profile/profile-data.ts";
import { mulberry32 } from "../../src/common/seeded-random.ts";

export type Cell = number | string | null;
export type Columns = Record<string, Cell[]>;

export interface ColumnSpec {
  name: string;
  type: "number" | "integer" | "categorical" | "string" | "boolean";
  role?: "feature" | "target" | "prediction" | "id";
}

/** A contract (parsed from YAML like a user's) over the given columns; empty cells are null. */
export function contractOf(columns: ColumnSpec[], file = "contract.yaml"): DataContract {
  const lines = ["dialect:", '  delimiter: ","', '  null_markers: [""]', "columns:"];
  for (const column of columns) lines.push(`  - name: ${column.name}`, `    type: ${column.type}`, `    role: ${column.role ?? "feature"}`);
  return parseContract(lines.join("\n"), file);
}

/** A seeded source of uniforms, standard normals (Box–Muller) and shuffles. */
export class Seeded {
  readonly uniform: () => number;
  constructor(seed: number) {
    this.uniform = mulberry32(seed);
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.uniform(); // (0, 1]
    const v = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  normals(n: number, mean = 0, sd = 1): number[] {
    return Array.from({ length: n }, () => this.normal(mean, sd));
  }

  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    return values;
  }

  /** `counts[i]` copies of `labels[i]`, shuffled: a column whose category counts are exact by construction. */
  withCounts<T extends Cell>(labels: T[], counts: number[]): T[] {
    const out: T[] = [];
    labels.forEach((label, i) => {
      for (let k = 0; k < counts[i]!; k++) out.push(label);
    });
    return this.shuffle(out);
  }
}

/** A temporary folder and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

function cellText(cell: Cell): string {
  if (cell === null) return "";
  return String(cell); // String(double) round-trips exactly.
}

/** Rows of `columns` (all the same length) from `start` to `end`, as CSV text with a header. */
export function csvText(columns: Columns, start = 0, end?: number): string {
  const names = Object.keys(columns);
  const length = columns[names[0]!]!.length;
  for (const name of names) assert.equal(columns[name]!.length, length, `column ${name} has another length`);
  const lines = [names.join(",")];
  for (let i = start; i < (end ?? length); i++) lines.push(names.map((name) => cellText(columns[name]![i]!)).join(","));
  return `${lines.join("\n")}\n`;
}

/** Writes `columns` to `dir/name` as CSV; returns the path. */
export async function writeCsv(dir: string, name: string, columns: Columns, start = 0, end?: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, csvText(columns, start, end));
  return path;
}

/** Profiles CSV files with the real readers (fixed creation time). */
export function profileCsv(
  contract: DataContract,
  paths: string[],
  options: { binsFrom?: ReferenceProfile; exactCap?: number } = {},
): Promise<ReferenceProfile> {
  return profileData({
    contract,
    paths,
    binsFrom: options.binsFrom,
    exactCap: options.exactCap,
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2025-01-01T00:00:00Z"),
  });
}

/** The non-null numbers of a column (what scipy gets after dropping NaN). */
export function numbers(cells: Cell[]): number[] {
  return cells.filter((cell): cell is number => typeof cell === "number");
}

/** Python's emit() writes ±∞ as strings and NaN as null. */
export type Json = number | string | null;

function decode(value: Json): number {
  if (value === null) return Number.NaN;
  if (value === "inf") return Number.POSITIVE_INFINITY;
  if (value === "-inf") return Number.NEGATIVE_INFINITY;
  return value as number;
}

/** |actual − expected| ≤ relative·|expected| + absolute (infinities and NaN must match exactly). */
export function assertClose(actual: number | null | undefined, expectedJson: Json, label: string, relative = 1e-9, absolute = 1e-12): void {
  const expected = decode(expectedJson);
  assert.equal(typeof actual, "number", `${label}: expected a number, got ${String(actual)}`);
  const value = actual!;
  if (!Number.isFinite(expected)) {
    assert.ok(Object.is(value, expected), `${label}: ${value} vs ${expected}`);
    return;
  }
  assert.ok(
    Math.abs(value - expected) <= relative * Math.abs(expected) + absolute,
    `${label}: ${value} vs scipy ${expected} (diff ${Math.abs(value - expected)})`,
  );
}

/** Runs `action` and asserts it throws a UserError whose message matches every pattern. */
export function throwsUser(action: () => unknown, ...patterns: RegExp[]): UserError {
  try {
    action();
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a UserError");
}
