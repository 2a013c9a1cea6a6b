/**
 * The dataset verdict when data is missing: inference logs without labels are not drift, and a
 * dataset judged on too few of its features is never `ok`.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { checkDrift } from "../../../src/drift/check-drift.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-data.ts";
import { contractOf, profileCsv, Seeded, tempDir, writeCsv, type Columns } from "../../support/drift.ts";

const tmp = await tempDir("modelship-drift-verdict-");
after(tmp.remove);

const CONTRACT = contractOf([
  { name: "a", type: "number" },
  { name: "b", type: "number" },
  { name: "c", type: "categorical" },
  { name: "label", type: "categorical", role: "target" },
]);

function table(rows: number, seed: number, options: { label?: boolean; sparse?: string[] } = {}): Columns {
  const random = new Seeded(seed);
  const columns: Columns = { a: [], b: [], c: [] };
  if (options.label !== false) columns.label = [];
  for (let i = 0; i < rows; i++) {
    // Sparse columns are null except in the first 10 rows (fewer than min_samples 30).
    const sparse = (name: string) => options.sparse?.includes(name) === true && i >= 10;
    columns.a!.push(sparse("a") ? null : random.normal(0, 1));
    columns.b!.push(sparse("b") ? null : random.normal(5, 2));
    columns.c!.push(sparse("c") ? null : ["x", "y", "z"][i % 3]!);
    columns.label?.push(i % 4 === 0 ? "yes" : "no");
  }
  return columns;
}

async function profileOf(name: string, columns: Columns, binsFrom?: ReferenceProfile): Promise<ReferenceProfile> {
  const path = await writeCsv(tmp.dir, name, columns);
  return profileCsv(
    { ...CONTRACT, columns: CONTRACT.columns.map((column) => (column.name === "label" ? { ...column, required: false } : column)) },
    [path],
    binsFrom === undefined ? {} : { binsFrom },
  );
}

const reference = await profileOf("reference.csv", table(2000, 1));

describe("the dataset verdict with missing data", () => {
  test("current data without the label column: the label is 'no labels', not drift, and the dataset is ok", async () => {
    const current = await profileOf("no-label.csv", table(1500, 2, { label: false }), reference);
    const report = checkDrift({
      reference,
      referenceSource: "r",
      current,
      currentSources: ["c"],
      settings: DRIFT_DEFAULTS,
      toolVersion: "test",
    });
    const label = report.columns.find((column) => column.name === "label")!;
    assert.equal(label.status, "insufficient_data");
    assert.equal(label.reason, "no labels in the current data");
    assert.equal(report.status, "ok", report.columns.map((column) => `${column.name}: ${column.status} ${column.reason}`).join("\n"));
  });

  test("one feature of three too sparse to judge: warn, never ok", async () => {
    const current = await profileOf("sparse-one.csv", table(1500, 3, { sparse: ["c"] }), reference);
    const report = checkDrift({
      reference,
      referenceSource: "r",
      current,
      currentSources: ["c"],
      settings: DRIFT_DEFAULTS,
      toolVersion: "test",
    });
    // Against a dense reference, c's null share went 0 → 0.99: that alone drifts the column.
    const c = report.columns.find((column) => column.name === "c")!;
    assert.equal(c.status, "drift", c.reason);
    assert.equal(c.null_rate.status, "drift");
    assert.match(c.reason, /null share 0 → 0\.99\d*: z p .* and Cohen's h [\d.]+ ≥ margin 0\.2/);
    // Against a reference as sparse (null share 0.995 → 0.993, no real change), c cannot be judged,
    // and one unjudged feature of three makes the dataset warn.
    const sparseReference = await profileOf("sparse-one-reference.csv", table(2000, 1, { sparse: ["c"] }));
    const sameNulls = await profileOf("sparse-one-again.csv", table(1500, 3, { sparse: ["c"] }), sparseReference);
    const quiet = checkDrift({
      reference: sparseReference,
      referenceSource: "r",
      current: sameNulls,
      currentSources: ["c"],
      settings: DRIFT_DEFAULTS,
      toolVersion: "test",
    });
    const unjudged = quiet.columns.find((column) => column.name === "c")!;
    assert.equal(unjudged.status, "insufficient_data", unjudged.reason);
    assert.equal(unjudged.null_rate.status, "ok");
    assert.ok(unjudged.null_rate.p_value > 0.05, `null shares 0.995 vs 0.9933: p ${unjudged.null_rate.p_value}`);
    assert.equal(quiet.columns_checked, 2);
    assert.equal(quiet.status, "warn");
  });

  test("two features of three unjudged (weight 2 of 3): the dataset is insufficient_data", async () => {
    // Sparse on both sides, so the null shares agree and only the values are missing.
    const sparseReference = await profileOf("sparse-two-reference.csv", table(2000, 1, { sparse: ["a", "c"] }));
    const current = await profileOf("sparse-two.csv", table(1500, 4, { sparse: ["a", "c"] }), sparseReference);
    const report = checkDrift({
      reference: sparseReference,
      referenceSource: "r",
      current,
      currentSources: ["c"],
      settings: DRIFT_DEFAULTS,
      toolVersion: "test",
    });
    for (const name of ["a", "c"]) assert.equal(report.columns.find((column) => column.name === name)!.status, "insufficient_data", name);
    assert.equal(report.columns_checked, 1);
    assert.equal(report.status, "insufficient_data");
  });
});
