/**
 * Sharded drift: a current dataset split into three CSV shards, each profiled on the reference's
 * bins (binsFrom) and merged, gives the same drift report as profiling the whole file at once
 * (columns, status and share; only the creation time and sources differ). Shards profiled on
 * their own bins cannot be merged.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { mergeProfiles, type ReferenceProfile } from "../../src/data/profile/profile-data.ts";
import { DRIFT_DEFAULTS } from "../../src/drift/decide-drift.ts";
import { checkDrift } from "../../src/drift/check-drift.ts";
import type { DriftReport, DriftSettings } from "../../src/drift/report-types.ts";
import { contractOf, profileCsv, Seeded, tempDir, throwsUser, writeCsv, type Columns } from "../support/drift.ts";

const tmp = await tempDir("modelship-drift-shards-");
after(tmp.remove);

const CONTRACT = contractOf([
  { name: "amount", type: "number" },
  { name: "age", type: "integer" },
  { name: "level", type: "integer" },
  { name: "segment", type: "categorical" },
  { name: "flag", type: "categorical" },
  { name: "score", type: "number", role: "prediction" },
]);

const N_REF = 2000;
const N_CUR = 1800;
const CUTS = [0, 500, 1200, N_CUR];

function columns(s: Seeded, n: number, shift: number, nullShare: number): Columns {
  return {
    amount: s.normals(n, 100 + 10 * shift, 15).map((x) => (s.uniform() < nullShare ? null : Math.round(x * 100) / 100)),
    age: s.normals(n, 40 + 3 * shift, 12).map((x) => Math.max(18, Math.round(x))),
    level: Array.from({ length: n }, () => 1 + Math.floor(s.uniform() * (shift > 0 ? 3 : 4))),
    segment: Array.from({ length: n }, () => ["retail", "pro", "enterprise", "public"][Math.floor(s.uniform() ** (1 + shift) * 4)]!),
    flag: Array.from({ length: n }, () => (s.uniform() < 0.3 + 0.1 * shift ? "yes" : "no")),
    score: s.normals(n, shift, 1),
  };
}

function reportOf(reference: ReferenceProfile, current: ReferenceProfile, settings: DriftSettings, sources: string[]): DriftReport {
  return checkDrift({ reference, referenceSource: "reference.csv", current, currentSources: sources, settings, toolVersion: "test" });
}

describe("drift on shards profiled with binsFrom and merged", () => {
  let reference: ReferenceProfile;
  let whole: ReferenceProfile;
  let merged: ReferenceProfile;
  let shardPaths: string[];
  let cur: Columns;

  before(async () => {
    const s = new Seeded(31);
    reference = await profileCsv(CONTRACT, [await writeCsv(tmp.dir, "reference.csv", columns(s, N_REF, 0, 0))]);
    cur = columns(s, N_CUR, 0.4, 0.05);
    const wholePath = await writeCsv(tmp.dir, "current.csv", cur);
    shardPaths = [];
    for (let i = 0; i + 1 < CUTS.length; i++) shardPaths.push(await writeCsv(tmp.dir, `current-${i}.csv`, cur, CUTS[i], CUTS[i + 1]));
    whole = await profileCsv(CONTRACT, [wholePath], { binsFrom: reference });
    const shards = await Promise.all(shardPaths.map((path) => profileCsv(CONTRACT, [path], { binsFrom: reference })));
    merged = shards.reduce((a, b) => mergeProfiles(a, b));
  });

  const SETTINGS: Record<string, DriftSettings> = {
    "default (distances above 1000 reference rows)": DRIFT_DEFAULTS,
    "default with p-value tests (small_sample_rows 5000)": { ...DRIFT_DEFAULTS, small_sample_rows: 5000 },
    "evidently-compat": { ...DRIFT_DEFAULTS, mode: "evidently-compat" },
  };

  for (const [label, settings] of Object.entries(SETTINGS)) {
    test(`the merged shards' report equals the whole file's: ${label}`, () => {
      assert.equal(merged.rows, N_CUR);
      const fromWhole = reportOf(reference, whole, settings, ["current.csv"]);
      const fromShards = reportOf(reference, merged, settings, shardPaths);
      assert.deepEqual(fromShards.columns, fromWhole.columns);
      assert.equal(fromShards.status, fromWhole.status);
      assert.equal(fromShards.share, fromWhole.share);
      assert.deepEqual(fromShards.drifted_columns, fromWhole.drifted_columns);
      assert.equal(fromShards.columns_checked, fromWhole.columns_checked);
      assert.deepEqual(fromShards.current, { sources: shardPaths, rows: N_CUR });
      // The comparison is not vacuous: the current data moved.
      assert.notEqual(fromWhole.status, "ok");
      assert.ok(fromWhole.columns.every((column) => column.method !== undefined));
    });
  }

  test("shards profiled on their own bins are refused at the merge, naming the edges and --bins-from", async () => {
    const own = await Promise.all(shardPaths.slice(0, 2).map((path) => profileCsv(CONTRACT, [path])));
    throwsUser(() => mergeProfiles(own[0]!, own[1]!), /column "amount"/, /different edges/, /--bins-from/);
  });
});
