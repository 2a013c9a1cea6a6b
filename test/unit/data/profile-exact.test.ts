import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { NumericStats } from "../../../src/data/profile/profile-column.ts";
import { mergeProfiles } from "../../../src/data/profile/profile-merge.ts";
import { readProfile } from "../../../src/data/profile/profile-read.ts";
import { profileSources, type ProfileSourcesOptions } from "../../../src/data/profile/profile-sources.ts";
import {
  PROFILE_DEFAULTS,
  type ExactValues,
  type NumericColumnProfile,
  type ReferenceProfile,
} from "../../../src/data/profile/profile-types.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { contractColumn as column, contractOf } from "../../support/contracts.ts";
import { memoryTable } from "../../support/tables.ts";

const CONTRACT = contractOf([
  column("n", "integer"),
  column("x", "number"),
  column("d", "date"),
  column("t", "datetime"),
  column("c", "categorical"),
]);
const NAMES = CONTRACT.columns.map((entry) => entry.name);
const NUMERIC = ["n", "x", "d", "t"] as const;

type Row = RawValue[];

async function profileOf(rows: Row[], extra: Partial<ProfileSourcesOptions> = {}, path = "data.csv"): Promise<ReferenceProfile> {
  return profileSources({
    contract: CONTRACT,
    paths: [path],
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2026-01-01T00:00:00Z"),
    open: (opened) => Promise.resolve(memoryTable(opened, NAMES, rows, { batchRows: 4, bytes: 1 })),
    ...extra,
  });
}

function numeric(profile: ReferenceProfile, name: string): NumericColumnProfile {
  const entry = profile.columns[name];
  assert.ok(entry?.kind === "numeric", `${name} is numeric`);
  return entry;
}

// The oracle: counts of the typed values by a Map, ascending (+0 for -0), independent of the profile code.
function countsOf(values: number[]): ExactValues {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value + 0, (counts.get(value + 0) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  return { value: sorted, count: sorted.map((value) => counts.get(value)!) };
}

// Typed values of each numeric column of `rows`, coerced here by the format's own rules (no invalid cells in these rows).
function typedColumns(rows: Row[]): Record<(typeof NUMERIC)[number], number[]> {
  const pick = (c: number, parse: (text: string) => number): number[] =>
    rows.flatMap((row) => (typeof row[c] === "string" ? [parse(row[c])] : []));
  return {
    n: pick(0, (text) => parseInt(text, 10)),
    x: pick(1, Number),
    d: pick(2, (text) => Date.parse(`${text}T00:00:00.000Z`)),
    t: pick(3, (text) => new Date(text).getTime()),
  };
}

// Deterministic rows with few distinct numeric values and some nulls: row i.
function rowsOf(count: number, offset = 0): Row[] {
  return Array.from({ length: count }, (_, j): Row => {
    const i = j + offset;
    return [
      i % 7 === 3 ? null : String(((i * 5) % 4) - 1),
      String(((i * 3) % 5) / 4),
      `2024-03-${String(1 + ((i * 7) % 3)).padStart(2, "0")}`,
      i % 2 === 0 ? "2024-03-01T10:00:00+02:00" : "2024-03-01T08:00:00Z",
      i % 2 === 0 ? "a" : "b",
    ];
  });
}

describe("exact value counts of numeric columns", () => {
  test("a column with few distinct values keeps each value's exact count, gathered in pass 1 only", async () => {
    const rows = rowsOf(40);
    const expected = typedColumns(rows);
    const twoPass = await profileOf(rows);
    const onePass = await profileOf(rows, { binsFrom: twoPass });
    assert.equal(twoPass.settings.exact_cap, PROFILE_DEFAULTS.exactCap);
    for (const name of NUMERIC) {
      // The second pass (histograms) must not count a value again: the counts add up to the valid values.
      assert.deepEqual(numeric(twoPass, name).values, countsOf(expected[name]), `${name} (two passes)`);
      assert.deepEqual(numeric(onePass, name).values, countsOf(expected[name]), `${name} (one pass on frozen edges)`);
    }
    // The two datetimes are the same instant: one value counted 40 times.
    assert.deepEqual(numeric(twoPass, "t").values, { value: [Date.UTC(2024, 2, 1, 8)], count: [40] });
    assert.equal("values" in twoPass.columns.c!, false, "categorical columns have no values");
  });

  test("keeps the counts at exactly exact_cap distinct values, and null for good once past it", async () => {
    const at = [["1"], ["2"], ["3"], ["1"], ["1"]];
    const past = [["1"], ["2"], ["3"], ["4"], ["1"], ["1"], ["2"]];
    const kept = await profileOf(
      at.map(([n]) => [n!, null, null, null, null]),
      { exactCap: 3 },
    );
    assert.deepEqual(numeric(kept, "n").values, countsOf([1, 2, 3, 1, 1]));
    // Values seen before the cap was passed come back after it: still null.
    const dropped = await profileOf(
      past.map(([n]) => [n!, null, null, null, null]),
      { exactCap: 3 },
    );
    assert.equal(numeric(dropped, "n").values, null);
    assert.equal(dropped.settings.exact_cap, 3);
    // A column without valid values keeps an empty table, not null.
    assert.deepEqual(numeric(kept, "x").values, { value: [], count: [] });
  });

  test("exact_cap 0 keeps no values; a cap that is not an integer ≥ 0 is refused", async () => {
    const profile = await profileOf(rowsOf(10), { exactCap: 0 });
    assert.equal(profile.settings.exact_cap, 0);
    for (const name of NUMERIC) assert.equal(numeric(profile, name).values, null, name);
    for (const exactCap of [-1, 1.5, Number.NaN]) {
      await assert.rejects(
        profileOf(rowsOf(3), { exactCap }),
        (error: unknown) => isUserError(error) && /exact_cap must be an integer ≥ 0/.test(error.message),
        String(exactCap),
      );
    }
  });

  test("-0 and 0 are one value, written as 0, in a profile and in a merge", async () => {
    const texts = ["-0", "0", "-0.0", "0.0", "1", "-0"];
    const profile = await profileOf(texts.map((x) => [null, x, null, null, null]));
    const x = numeric(profile, "x").values!;
    assert.deepEqual(x, { value: [0, 1], count: [5, 1] });
    assert.ok(Object.is(x.value[0], 0), "+0, not -0");
    const a = await profileOf([[null, "-0", null, null, null]], { binsFrom: profile }, "a.csv");
    const b = await profileOf([[null, "0", null, null, null]], { binsFrom: profile }, "b.csv");
    const merged = numeric(mergeProfiles(a, b), "x").values!;
    assert.deepEqual(merged, { value: [0], count: [2] });
    assert.ok(Object.is(merged.value[0], 0));
  });

  test("a merge keeps the union's counts, and null when only the union passes the smaller cap", async () => {
    const shardA = [1, 2, 3, 1].map((n): Row => [String(n), null, null, null, null]);
    const shardB = [3, 4, 4].map((n): Row => [String(n), null, null, null, null]);
    const edges = await profileOf([...shardA, ...shardB]);
    const profile = (rows: Row[], exactCap: number, path: string): Promise<ReferenceProfile> =>
      profileOf(rows, { binsFrom: edges, exactCap }, path);
    for (const cap of [3, 4]) {
      const a = await profile(shardA, cap, "a.csv");
      const b = await profile(shardB, cap, "b.csv");
      const whole = await profile([...shardA, ...shardB], cap, "all.csv");
      assert.notEqual(numeric(a, "n").values, null);
      assert.notEqual(numeric(b, "n").values, null);
      const expected = cap === 4 ? countsOf([1, 2, 3, 1, 3, 4, 4]) : null;
      assert.deepEqual(numeric(whole, "n").values, expected, `whole, cap ${cap}`);
      assert.deepEqual(numeric(mergeProfiles(a, b), "n").values, expected, `a + b, cap ${cap}`);
      assert.deepEqual(numeric(mergeProfiles(b, a), "n").values, expected, `b + a, cap ${cap}`);
    }
    // Different caps: the smaller one rules, and the merged profile says so.
    const wide = await profile(shardA, 10, "a.csv");
    const narrow = await profile(shardB, 3, "b.csv");
    const merged = mergeProfiles(wide, narrow);
    assert.equal(merged.settings.exact_cap, 3);
    assert.equal(numeric(merged, "n").values, null, "4 distinct values > the smaller cap 3");
    const fits = mergeProfiles(wide, await profile([["3", null, null, null, null]], 3, "c.csv"));
    assert.deepEqual(numeric(fits, "n").values, countsOf([1, 2, 3, 1, 3]));
    // One side past its cap: the merge has no values either, even though the union would fit the other cap.
    const over = await profile(shardA, 2, "a.csv");
    assert.equal(numeric(mergeProfiles(over, await profile(shardB, 10, "b.csv")), "n").values, null);
  });

  test("a column's values round-trip through the profile's JSON", async () => {
    const profile = await profileOf(rowsOf(25), { exactCap: 4 });
    for (const name of NUMERIC) {
      const json = numeric(profile, name);
      assert.deepEqual(NumericStats.fromJSON(json, 4).toJSON(), json, name);
    }
    assert.equal(numeric(profile, "x").values, null, "x has 5 distinct values > 4");
    assert.notEqual(numeric(profile, "n").values, null);
  });
});

describe("older profiles without exact_cap or values", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-exact-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function written(profile: unknown, name: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(profile, null, 2));
    return path;
  }

  // A profile as written before exact_cap existed.
  function older(profile: ReferenceProfile): ReferenceProfile {
    const copy = structuredClone(profile);
    delete copy.settings.exact_cap;
    for (const entry of Object.values(copy.columns)) if (entry.kind === "numeric") delete entry.values;
    return copy;
  }

  test("still read, merge (with no values) and validate", async () => {
    const rows = rowsOf(12);
    const current = await profileOf(rows);
    const old = await readProfile(await written(older(current), "old.json"));
    assert.equal(old.settings.exact_cap, undefined);
    assert.equal("values" in old.columns.n!, false);
    for (const merged of [mergeProfiles(old, old), mergeProfiles(old, current), mergeProfiles(current, old)]) {
      assert.equal(merged.settings.exact_cap, 0, "an older side kept no values");
      for (const name of NUMERIC) assert.equal(numeric(merged, name).values, null, name);
      // The merged profile is written and read back like any other.
      assert.deepEqual(await readProfile(await written(merged, "merged.json")), merged);
    }
    // Values present without an exact_cap are read as absent when merging.
    const halfOld = structuredClone(current);
    delete halfOld.settings.exact_cap;
    assert.equal(numeric(mergeProfiles(halfOld, current), "n").values, null);
    // A new profile reads back as written.
    assert.deepEqual(await readProfile(await written(current, "current.json")), current);
  });

  test("readProfile refuses values that contradict the column or the cap", async () => {
    const current = await profileOf(rowsOf(12));
    const cases: [string, (profile: ReferenceProfile) => void, RegExp][] = [
      ["counts", (profile) => numeric(profile, "n").values!.count[0]!++, /value counts add up to/],
      ["order", (profile) => numeric(profile, "n").values!.value.reverse(), /not strictly ascending/],
      ["cap", (profile) => (profile.settings.exact_cap = 1), /more than the profile's exact_cap of 1/],
      ["no cap", (profile) => delete profile.settings.exact_cap, /more than the profile's exact_cap of 0/],
      ["lengths", (profile) => numeric(profile, "n").values!.count.pop(), /values has \d+ values but \d+ counts/],
    ];
    for (const [name, damage, message] of cases) {
      const copy = structuredClone(current);
      damage(copy);
      await assert.rejects(
        readProfile(await written(copy, `${name}.json`)),
        (error: unknown) => isUserError(error) && message.test(error.message),
        name,
      );
    }
  });
});
