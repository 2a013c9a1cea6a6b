/**
 * The effect of a column with many categories: total variation with categories under 1% of the
 * values pooled. Unpooled, sampling noise alone puts two 50,000-row samples of a thousand-value
 * column about 0.07 apart, so any real but negligible move would pass the 0.05 margin. The pooled
 * distance is checked against numpy written from its definition; the decisions on real profiles.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { profileData } from "../../../src/data/profile/profile-data.ts";
import { compareProfiles, DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { totalVariation } from "../../../src/drift/stats/drift-statistics.ts";
import { contractOf, Seeded, tempDir, writeCsv } from "../../support/drift.ts";
import { python } from "../../support/python.ts";

const tmp = await tempDir("modelship-drift-many-");
after(tmp.remove);

test("pooled total variation equals numpy's: categories under the pooled share merged, ½Σ|Δ|", () => {
  const cases = [
    { ref: [500, 300, 5, 3, 2, 190], cur: [450, 320, 9, 1, 0, 220], pool: 0.01 },
    { ref: [10, 20, 30, 40], cur: [40, 30, 20, 10], pool: 0 },
    { ref: [1, 1, 1, 997], cur: [3, 0, 2, 995], pool: 0.01 },
  ];
  const expected = python<number[]>(
    `
import numpy as np
out = []
for case in data:
    r = np.array(case["ref"], float); c = np.array(case["cur"], float)
    pooled = (r + c) / (r.sum() + c.sum())
    small = pooled < case["pool"]
    gap = r / r.sum() - c / c.sum()
    out.append(0.5 * (np.abs(gap[~small]).sum() + abs(gap[small].sum())))
emit(out)
`,
    cases,
  );
  cases.forEach((c, i) => {
    assert.ok(Math.abs(totalVariation(c.ref, c.cur, c.pool) - expected[i]!) < 1e-12, `case ${i}`);
  });
});

const contract = contractOf([
  { name: "sku", type: "categorical" },
  { name: "x", type: "number" },
]);
const K = 1000;
const ROWS = 50_000;
const zipf = Array.from({ length: K }, (_, i) => 1 / (i + 1));
const harmonic = zipf.reduce((a, b) => a + b, 0);

/** `moved` points off the top value, spread evenly over the others. */
function side(random: Seeded, moved: number): { sku: string[]; x: number[] } {
  let total = 0;
  const cdf = zipf.map((w, i) => (total += i === 0 ? w / harmonic - moved : w / harmonic + moved / (K - 1)));
  const sku: string[] = [];
  const x: number[] = [];
  for (let i = 0; i < ROWS; i++) {
    const u = random.uniform();
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    sku.push(`s${lo}`);
    x.push(random.normal());
  }
  return { sku, x };
}

async function skuColumn(seed: number, moved: number) {
  const random = new Seeded(seed);
  const common = { contract, logger: new MemoryLogger(), toolVersion: "test", created: new Date(0) };
  const reference = await profileData({ ...common, paths: [await writeCsv(tmp.dir, `ref-${seed}.csv`, side(random, 0))] });
  const current = await profileData({
    ...common,
    paths: [await writeCsv(tmp.dir, `cur-${seed}.csv`, side(random, moved))],
    binsFrom: reference,
  });
  return compareProfiles(reference, current, DRIFT_DEFAULTS).columns.find((column) => column.name === "sku")!;
}

test("a thousand-value column at 50,000 rows: a real 2-point move is below the margin, a 10-point move drifts", async () => {
  const small = await skuColumn(31, 0.02);
  assert.ok(small.statistics.tvd! > 0.05, `unpooled, noise alone passes the margin: ${small.statistics.tvd}`);
  assert.ok(small.method!.p_adjusted! < 0.05, small.reason);
  assert.equal(small.status, "warn", small.reason);
  const large = await skuColumn(32, 0.1);
  assert.equal(large.status, "drift", large.reason);
});
