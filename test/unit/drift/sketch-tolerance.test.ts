/**
 * The sketch tolerance of the default drift rule: from quantile sketches (columns with more than
 * the profile's exact cap of distinct values), the CDF gap the two sketches' rank errors may explain
 * is taken off KS D before its p-value and off |ΔCDF| in the Wasserstein effect. The tolerant
 * statistics are checked against numpy/scipy written from their definitions; the decision against
 * what plain KS on sketch items says about two samples of one distribution.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { parseContract } from "../../../src/data/contract/load-contract.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import type { TableSource } from "../../../src/data/readers/table.ts";
import { checkDrift } from "../../../src/drift/check-drift.ts";
import { DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import type { DriftReport } from "../../../src/drift/report-types.ts";
import { kllRankError, numericSample } from "../../../src/drift/distributions.ts";
import { ks2samp, sampleOf, wasserstein } from "../../../src/drift/stats/drift-statistics.ts";
import { python } from "../../support/python.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";

function lognormal(n: number, seed: number, shift = 0): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => Math.exp(Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())) + shift);
}

const ORACLE = `
import numpy as np
from scipy import stats
out = []
for case in data:
    a = np.array(case["a"]); b = np.array(case["b"]); t = case["t"]
    grid = np.sort(np.concatenate([a, b]))
    u = np.searchsorted(np.sort(a), grid, side="right") / len(a)
    v = np.searchsorted(np.sort(b), grid, side="right") / len(b)
    gaps = np.maximum(np.abs(u - v)[:-1] - t, 0)
    w = float(np.sum(gaps * np.diff(grid)))
    d = stats.ks_2samp(a, b, method="asymp").statistic
    en = len(a) * len(b) / (len(a) + len(b))
    p = stats.kstwo.sf(max(d - t, 0), np.round(en))
    out.append({"w": w, "w_plain": stats.wasserstein_distance(a, b), "p": float(p)})
emit(out)
`;

test("tolerant Wasserstein and KS equal their numpy/scipy definitions; tolerance 0 is scipy's", () => {
  const cases = [
    { a: lognormal(400, 1), b: lognormal(300, 2, 0.2), t: 0.02 },
    { a: lognormal(500, 3), b: lognormal(500, 4), t: 0.05 },
    { a: lognormal(200, 5), b: lognormal(250, 6, 1), t: 0 },
  ];
  const expected = python<{ w: number; w_plain: number; p: number }[]>(ORACLE, cases);
  cases.forEach((c, i) => {
    const a = sampleOf(c.a);
    const b = sampleOf(c.b);
    const e = expected[i]!;
    assert.ok(Math.abs(wasserstein(a, b, c.t) - e.w) <= 1e-9 * Math.max(1, e.w), `case ${i}: W ${wasserstein(a, b, c.t)} vs ${e.w}`);
    assert.ok(Math.abs(wasserstein(a, b) - e.w_plain) <= 1e-9 * e.w_plain, `case ${i}: plain W`);
    const p = ks2samp(a, b, "asymp", c.t).pValue;
    assert.ok(Math.abs(p - e.p) <= 1e-9 * Math.max(e.p, 1e-300), `case ${i}: p ${p} vs ${e.p}`);
  });
});

const contract = parseContract("name: sketch\ncolumns:\n  - name: x\n    type: number\n    role: feature\n", "sketch.yaml");

function table(values: number[]): TableSource {
  return {
    path: "memory.csv",
    format: "csv",
    columns: ["x"],
    headerLine: 1,
    async *batches() {
      for (let start = 0; start < values.length; start += 8192) {
        const end = Math.min(values.length, start + 8192);
        await Promise.resolve();
        yield {
          length: end - start,
          lines: Array.from({ length: end - start }, (_, i) => start + i + 2),
          columns: [values.slice(start, end)],
        };
      }
    },
    digest: () => ({ sha256: "0".repeat(64), bytes: 0 }),
  };
}

function profile(values: number[], binsFrom?: ReferenceProfile): Promise<ReferenceProfile> {
  return profileSources({
    contract,
    paths: ["memory.csv"],
    binsFrom,
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date(0),
    open: () => Promise.resolve(table(values)),
  });
}

function decide(reference: ReferenceProfile, current: ReferenceProfile): DriftReport {
  return checkDrift({
    reference,
    referenceSource: "reference",
    current,
    currentSources: ["current"],
    settings: DRIFT_DEFAULTS,
    toolVersion: "test",
    created: new Date(0),
  });
}

test("two 30,000-row sketches of one distribution: plain KS on sketch items calls it real, the tolerant rule does not", async () => {
  const reference = await profile(lognormal(30_000, 11));
  const current = await profile(lognormal(30_000, 12), reference);
  const numeric = (profile: ReferenceProfile) => {
    const column = profile.columns.x;
    assert.ok(column?.kind === "numeric");
    return column;
  };
  const ref = numericSample(numeric(reference));
  const cur = numericSample(numeric(current));
  assert.equal(ref.exact, false, "30,000 distinct values exceed the exact cap: the profile keeps a sketch");
  assert.equal(ref.rankError, kllRankError(numeric(reference).sketch.k));
  // What the tolerance is for: the sketches' own error alone looks significant at this n.
  assert.ok(ks2samp(ref.sample, cur.sample).pValue < 0.05, `plain KS on sketch items: p ${ks2samp(ref.sample, cur.sample).pValue}`);
  const report = decide(reference, current);
  const column = report.columns[0]!;
  assert.equal(column.method?.approximate, true);
  assert.equal(column.method?.tolerance, ref.rankError + cur.rankError);
  assert.ok(column.method.p_value! >= 0.05, column.reason);
  assert.equal(column.status, "ok", column.reason);
  assert.equal(report.status, "ok");
});

test("a 0.5σ shift between 30,000-row sketches drifts through the tolerance", async () => {
  const sd = Math.sqrt((Math.E - 1) * Math.E);
  const reference = await profile(lognormal(30_000, 21));
  const current = await profile(lognormal(30_000, 22, 0.5 * sd), reference);
  const report = decide(reference, current);
  const column = report.columns[0]!;
  assert.equal(column.status, "drift", column.reason);
  // The effect is what lies beyond the sketches' typical error: below the plain W/σ, above the margin.
  assert.ok(column.method!.effect! < column.statistics.wasserstein_norm! && column.method!.effect! >= 0.1, column.reason);
});
