/** The reference profile's terminal text: rows, files, columns and where it was written; invalid values; -v per column. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { loadContract } from "../../../src/data/contract/load-contract.ts";
import { profileData } from "../../../src/data/profile/profile-data.ts";
import type { CategoricalColumnProfile, NumericColumnProfile, ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { renderProfileText } from "../../../src/data/profile/profile-text.ts";

const EXAMPLE = new URL("../../../examples/model-repo/data/", import.meta.url).pathname;

// 10 rows: age has 1 null and 1 invalid value (8 valid: min 17, mean 38.5, max 90); sex is Male 6 times, Female 4.
const AGE = {
  kind: "numeric",
  type: "integer",
  roles: ["feature"],
  count: 10,
  nulls: 1,
  invalid: 1,
  valid: 8,
  min: 17,
  max: 90,
  sum: 308,
  mean: 38.5,
  m2: 1,
  variance: null,
  sketch: {} as NumericColumnProfile["sketch"],
  histogram: null,
} satisfies NumericColumnProfile;
const SEX = {
  kind: "categorical",
  type: "categorical",
  roles: ["feature"],
  count: 10,
  nulls: 0,
  invalid: 0,
  valid: 10,
  distinct: 2,
  capped: false,
  counts: [
    { value: "Male", count: 6 },
    { value: "Female", count: 4 },
  ],
  other_count: 0,
  length: null,
} satisfies CategoricalColumnProfile;

function profile(extra: Partial<ReferenceProfile> = {}): ReferenceProfile {
  return {
    schema: "modelship/reference-profile@1",
    tool: { name: "modelship", version: "1.0.0" },
    created: "2026-01-01T00:00:00Z",
    contract: { path: "data/contract.yaml", sha256: "a".repeat(64) },
    schema_hash: "b".repeat(64),
    datasets: [
      { path: "data/a.csv", sha256: "c".repeat(64), bytes: 100, rows: 6 },
      { path: "data/b.csv", sha256: "d".repeat(64), bytes: 80, rows: 4 },
    ],
    rows: 10,
    settings: { bins: 10, top_k: 50, category_cap: 10000, exact_cap: 10000, sketch_k: 200, seed: 1 },
    columns: { age: AGE, sex: SEX },
    ...extra,
  };
}

describe("profile text", () => {
  test("the verdict names rows, files, columns and the output once; a column with invalid values is warned", () => {
    assert.equal(
      renderProfileText({ profile: profile(), output: ".modelship/reference-profile.json" }, PLAIN),
      [
        "✓ Profiled 10 rows of data/a.csv and data/b.csv: 2 columns (1 numeric, 1 categorical) → .modelship/reference-profile.json",
        "! 1 column with values not of their type: age (1)",
      ].join("\n"),
    );
  });

  test("-q: the verdict only; -v: one line per column, and the label agreement", () => {
    const input = { profile: profile({ agreement: { target: "Y", prediction: "P", rows: 8, agree: 6 } }) };
    assert.equal(
      renderProfileText(input, { ...PLAIN, quiet: true }),
      "✓ Profiled 10 rows of data/a.csv and data/b.csv: 2 columns (1 numeric, 1 categorical)",
    );
    assert.equal(
      renderProfileText(input, { ...PLAIN, verbose: true }),
      [
        "✓ Profiled 10 rows of data/a.csv and data/b.csv: 2 columns (1 numeric, 1 categorical)",
        "! 1 column with values not of their type: age (1)",
        "  P agrees with Y on 6 of 8 rows (75.00%)",
        "  age integer: min 17, mean 38.5, max 90, 1 null (10.00%), 1 invalid",
        '  sex categorical: 2 distinct values, most often "Male" (60.00%)',
      ].join("\n"),
    );
  });

  test("colour through unstyled; a category with an escape sequence is shown escaped", () => {
    const input = { profile: profile(), output: "p.json" };
    const coloured = renderProfileText(input, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /^\u001b\[32m✓\u001b\[39m/);
    assert.equal(unstyled(coloured), renderProfileText(input, PLAIN));
    const evil = profile({ columns: { sex: { ...SEX, counts: [{ value: "M\u001b[2J", count: 6 }] } } });

    assert.match(renderProfileText({ profile: evil }, { ...PLAIN, verbose: true }), /most often "M\\u001b\[2J"/);
  });

  test("the Adult example's profile: its rows and columns, and every column on one screen with -v", async () => {
    const contract = await loadContract(`${EXAMPLE}contract.yaml`);
    const made = await profileData({ contract, paths: [`${EXAMPLE}train.csv`], logger: new MemoryLogger(), toolVersion: "test" });
    const text = renderProfileText({ profile: made, output: "out.json" }, PLAIN);
    const columns = Object.keys(made.columns).length;
    assert.ok(text.startsWith(`✓ Profiled ${made.rows.toLocaleString("en-US")} rows of ${EXAMPLE}train.csv: ${columns} columns (`), text);
    assert.equal(made.rows, 4000, "the example's training rows");
    const verbose = renderProfileText({ profile: made, output: "out.json" }, { ...PLAIN, verbose: true }).split("\n");
    assert.ok(verbose.length <= 25, `${verbose.length} lines`);
    for (const name of Object.keys(made.columns))
      assert.ok(
        verbose.some((line) => line.startsWith(`  ${name} `)),
        name,
      );
  });
});
