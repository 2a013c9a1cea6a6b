/**
 * Capped category counts (more distinct values than the profile's category cap): each side keeps
 * the first values it meets, so the two sides name different categories. Compared over the union,
 * a category named on one side hides in the other's "(other)" bucket and an unchanged column looks
 * moved; compared over the categories named on both sides plus one "(other)" per side, it does not.
 * Real profiler, real decision; expected counts from the raw values.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { profileData } from "../../../src/data/profile/profile-data.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { compareProfiles, DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { categoryTable } from "../../../src/drift/distributions.ts";
import { contractOf, Seeded, tempDir, writeCsv } from "../../support/drift.ts";

const tmp = await tempDir("modelship-drift-capped-");
after(tmp.remove);

const contract = contractOf([
  { name: "city", type: "categorical" },
  { name: "x", type: "number" },
]);
const DISTINCT = 1500;
const ROWS = 8000;
const CAP = 300;
const weights = Array.from({ length: DISTINCT }, (_, i) => 1 / (i + 1) ** 0.7);
const sum = weights.reduce((a, b) => a + b, 0);

/** City shares: a Zipf-like tail of 1,500 values; `moved` points taken from every city in proportion go to the second. */
function side(random: Seeded, moved = 0): { city: string[]; x: number[] } {
  const shares = weights.map((w) => (w / sum) * (1 - moved));
  shares[1]! += moved;
  let total = 0;
  const cdf = shares.map((share) => (total += share));
  const city: string[] = [];
  const x: number[] = [];
  for (let i = 0; i < ROWS; i++) {
    const u = random.uniform();
    let k = 0;
    while (k < cdf.length - 1 && cdf[k]! < u) k++;
    city.push(`c${k}`);
    x.push(random.normal());
  }
  return { city, x };
}

async function profiles(
  seed: number,
  moved = 0,
): Promise<{ reference: ReferenceProfile; current: ReferenceProfile; raw: { ref: string[]; cur: string[] } }> {
  const random = new Seeded(seed);
  const ref = side(random);
  const cur = side(random, moved);
  const common = { contract, logger: new MemoryLogger(), toolVersion: "test", created: new Date(0), categoryCap: CAP };
  const reference = await profileData({ ...common, paths: [await writeCsv(tmp.dir, `ref-${seed}.csv`, ref)] });
  const current = await profileData({ ...common, paths: [await writeCsv(tmp.dir, `cur-${seed}-${moved}.csv`, cur)], binsFrom: reference });
  return { reference, current, raw: { ref: ref.city, cur: cur.city } };
}

test("capped on both sides: the table holds the categories both sides named, exact, and one (other) each", async () => {
  const { reference, current, raw } = await profiles(7);
  const r = reference.columns.city!;
  const c = current.columns.city!;
  assert.ok(r.kind === "categorical" && c.kind === "categorical" && r.capped && c.capped);
  const table = categoryTable(r, c);
  const count = (values: string[], key: string) => values.filter((value) => value === key).length;
  const named = table.keys.slice(0, -1);
  assert.equal(table.keys.at(-1), "(other)");
  assert.ok(named.length > 0);
  named.forEach((key, i) => {
    assert.equal(table.reference[i], count(raw.ref, key), key);
    assert.equal(table.current[i], count(raw.cur, key), key);
  });
  const namedTotal = (values: string[]) => named.reduce((s, key) => s + count(values, key), 0);
  assert.equal(table.reference.at(-1), ROWS - namedTotal(raw.ref));
  assert.equal(table.current.at(-1), ROWS - namedTotal(raw.cur));
});

test("an unchanged capped column does not drift; 10 points moved to one city do", async () => {
  for (const seed of [11, 12, 13, 14]) {
    const { reference, current } = await profiles(seed);
    const city = compareProfiles(reference, current, DRIFT_DEFAULTS).columns.find((column) => column.name === "city")!;
    assert.notEqual(city.status, "drift", `seed ${seed}: ${city.reason}`);
  }
  const { reference, current } = await profiles(21, 0.1);
  const city = compareProfiles(reference, current, DRIFT_DEFAULTS).columns.find((column) => column.name === "city")!;
  assert.equal(city.status, "drift", city.reason);
});
