import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { isUserError } from "../../../src/common/errors.ts";
import type { DataContract } from "../../../src/data/contract/contract-types.ts";
import { mergeProfiles } from "../../../src/data/profile/profile-merge.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ColumnProfile, ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { contractColumn as column, contractOf } from "../../support/contracts.ts";
import { memoryTable } from "../../support/tables.ts";

const CONTRACT = contractOf([
  column("x", "number"),
  column("n", "integer"),
  column("c", "categorical"),
  column("b", "boolean"),
  column("d", "date"),
  column("s", "string"),
]);
const NAMES = CONTRACT.columns.map((entry) => entry.name);

type Row = RawValue[];

async function profileRows(
  shards: Record<string, Row[]>,
  options: { binsFrom?: ReferenceProfile; contract?: DataContract; sketchK?: number; exactCap?: number } = {},
): Promise<ReferenceProfile> {
  return profileSources({
    contract: options.contract ?? CONTRACT,
    paths: Object.keys(shards),
    binsFrom: options.binsFrom,
    sketchK: options.sketchK,
    exactCap: options.exactCap,
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2026-01-01T00:00:00Z"),
    open: (path) => Promise.resolve(memoryTable(path, NAMES, shards[path]!, { batchRows: 7 })),
  });
}

const rowArbitrary: fc.Arbitrary<Row> = fc.tuple(
  fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => String(k / 1000)),
    fc.constant(null),
    fc.constant("abc"),
  ),
  fc.oneof(fc.integer({ min: -3, max: 5 }).map(String), fc.integer({ min: -1e9, max: 1e9 }).map(String), fc.constant(null)),
  fc.oneof(fc.constantFrom("red", "green", "blue", "ünïcode", "𝄞clef"), fc.constant(null)),
  fc.oneof(fc.constantFrom("true", "false", "maybe"), fc.constant(null)),
  fc.oneof(
    fc.integer({ min: 1, max: 28 }).map((day) => `2024-02-${String(day).padStart(2, "0")}`),
    fc.constant("2024-02-30"),
    fc.constant(null),
  ),
  fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null)),
);

// Scales for the float tolerance, computed from the raw data: the rounding error of any way of
// summing n terms is bounded by a small multiple of n·ε·Σ|term|, far below 1e-9 of these.
function scales(rows: Row[], c: number, type: "number" | "integer"): { abs: number; squares: number } {
  let abs = 0;
  let squares = 0;
  for (const row of rows) {
    const raw = row[c];
    if (typeof raw !== "string") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || (type === "integer" && !/^[+-]?\d+$/.test(raw))) continue;
    abs += Math.abs(value);
    squares += value * value;
  }
  return { abs, squares };
}

function assertClose(actual: number | null, expected: number | null, scale: number, what: string): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const tolerance = 1e-9 * Math.max(Math.abs(expected), scale);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);
}

// Every field that must merge exactly, and the float fields within 1e-9 relative.
function assertSameColumns(actual: ReferenceProfile, expected: ReferenceProfile, rows: Row[]): void {
  assert.equal(actual.rows, expected.rows);
  assert.equal(actual.settings.exact_cap, expected.settings.exact_cap);
  assert.equal(actual.schema_hash, expected.schema_hash);
  NAMES.forEach((name, c) => {
    const got: ColumnProfile = actual.columns[name]!;
    const want: ColumnProfile = expected.columns[name]!;
    for (const key of ["kind", "type", "count", "nulls", "invalid", "valid"] as const) assert.equal(got[key], want[key], `${name}.${key}`);
    if (got.kind === "numeric" && want.kind === "numeric") {
      assert.equal(got.min, want.min, `${name}.min`);
      assert.equal(got.max, want.max, `${name}.max`);
      assert.deepEqual(got.histogram, want.histogram, `${name}.histogram`);
      assert.deepEqual(got.values, want.values, `${name}.values`);
      assert.equal(got.sketch.n, want.sketch.n, `${name}.sketch.n`);
      assert.equal(got.sketch.min, want.sketch.min);
      assert.equal(got.sketch.max, want.sketch.max);
      const scale = got.type === "number" || got.type === "integer" ? scales(rows, c, got.type) : { abs: 0, squares: 0 };
      assertClose(got.sum, want.sum, scale.abs, `${name}.sum`);
      assertClose(got.mean, want.mean, want.valid === 0 ? 0 : scale.abs / want.valid, `${name}.mean`);
      assertClose(got.m2, want.m2, scale.squares, `${name}.m2`);
    } else if (got.kind === "categorical" && want.kind === "categorical") {
      assert.deepEqual(got.counts, want.counts, `${name}.counts`);
      assert.equal(got.distinct, want.distinct);
      assert.equal(got.capped, want.capped);
      assert.equal(got.other_count, want.other_count);
      assert.deepEqual(
        got.length === null ? null : { ...got.length, mean: 0 },
        want.length === null ? null : { ...want.length, mean: 0 },
        `${name}.length`,
      );
    } else assert.fail(`${name}: kinds differ`);
  });
}

describe("mergeProfiles", () => {
  test("merging the profiles of two shards equals profiling their union (same frozen edges)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { maxLength: 60 }), fc.array(rowArbitrary, { maxLength: 60 }), async (a, b) => {
        const edgesSource = await profileRows({ "all.csv": [...a, ...b] });
        const whole = await profileRows({ "all.csv": [...a, ...b] }, { binsFrom: edgesSource });
        const merged = mergeProfiles(
          await profileRows({ "a.csv": a }, { binsFrom: edgesSource }),
          await profileRows({ "b.csv": b }, { binsFrom: edgesSource }),
        );
        assertSameColumns(merged, whole, [...a, ...b]);
        assert.deepEqual(
          merged.datasets.map((dataset) => [dataset.path, dataset.rows]),
          [
            ["a.csv", a.length],
            ["b.csv", b.length],
          ],
        );
        // The one-pass profile on frozen edges counts the same histograms as the two-pass one that froze them.
        for (const name of NAMES) {
          const two = edgesSource.columns[name]!;
          const one = whole.columns[name]!;
          if (two.kind === "numeric" && one.kind === "numeric") assert.deepEqual(one.histogram, two.histogram);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("exact value counts merge to those of the union, null once the union passes the cap (whatever the order)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { maxLength: 40 }),
        fc.array(rowArbitrary, { maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        async (a, b, exactCap) => {
          const edges = await profileRows({ "all.csv": [...a, ...b] });
          const whole = await profileRows({ "all.csv": [...a, ...b] }, { binsFrom: edges, exactCap });
          const pa = await profileRows({ "a.csv": a }, { binsFrom: edges, exactCap });
          const pb = await profileRows({ "b.csv": b }, { binsFrom: edges, exactCap });
          assertSameColumns(mergeProfiles(pa, pb), whole, [...a, ...b]);
          assertSameColumns(mergeProfiles(pb, pa), whole, [...a, ...b]);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("merging is commutative and associative on exact fields", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(rowArbitrary, { maxLength: 30 }), { minLength: 3, maxLength: 3 }), async ([a, b, c]) => {
        const all = [...a!, ...b!, ...c!];
        const edges = await profileRows({ "all.csv": all });
        const [pa, pb, pc] = await Promise.all([a!, b!, c!].map((rows, i) => profileRows({ [`${i}.csv`]: rows }, { binsFrom: edges })));
        assertSameColumns(mergeProfiles(pa!, pb!), mergeProfiles(pb!, pa!), all);
        assertSameColumns(mergeProfiles(mergeProfiles(pa!, pb!), pc!), mergeProfiles(pa!, mergeProfiles(pb!, pc!)), all);
      }),
      { numRuns: 40 },
    );
  });

  test("refuses profiles of different schemas with a UserError", async () => {
    const other = contractOf([column("x", "integer"), ...CONTRACT.columns.slice(1)]);
    const a = await profileRows({ "a.csv": [["1", "1", "red", "true", "2024-01-01", "s"]] });
    const b = await profileRows({ "b.csv": [["1", "1", "red", "true", "2024-01-01", "s"]] }, { contract: other });
    assert.throws(
      () => mergeProfiles(a, b),
      (error: unknown) => isUserError(error) && /different schemas/.test(error.message) && error.hint !== undefined,
    );
  });

  test("refuses histograms on different edges with a UserError that says to use --bins-from", async () => {
    const a = await profileRows({ "a.csv": [["1", "1", "red", "true", "2024-01-01", "s"]] });
    const b = await profileRows({ "b.csv": [["5", "1", "red", "true", "2024-01-01", "s"]] });
    assert.throws(
      () => mergeProfiles(a, b),
      (error: unknown) =>
        isUserError(error) &&
        /column "x".*different edges/.test(error.message) &&
        /--bins-from/.test(error.hint ?? "") &&
        error.pointer === "/columns/x/histogram/edges",
    );
  });

  test("refuses sketches of different sizes with a UserError", async () => {
    const a = await profileRows({ "a.csv": [["1", "1", "red", "true", "2024-01-01", "s"]] });
    const b = await profileRows({ "b.csv": [["1", "1", "red", "true", "2024-01-01", "s"]] }, { binsFrom: a, sketchK: 100 });
    assert.throws(
      () => mergeProfiles(a, b),
      (error: unknown) => isUserError(error) && /sketch sizes/.test(error.message),
    );
  });
});
