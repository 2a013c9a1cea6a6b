import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import type { DataContract } from "../../../src/data/contract/contract-types.ts";
import { readProfile } from "../../../src/data/profile/profile-read.ts";
import { profileSources, type ProfileSourcesOptions } from "../../../src/data/profile/profile-sources.ts";
import type { CategoricalColumnProfile, NumericColumnProfile, ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { contractColumn as column, contractOf } from "../../support/contracts.ts";
import { memoryTable } from "../../support/tables.ts";

async function profileOf(
  contract: DataContract,
  names: string[],
  rows: RawValue[][],
  extra: Partial<ProfileSourcesOptions> = {},
): Promise<ReferenceProfile> {
  return profileSources({
    contract,
    paths: ["data.csv"],
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2026-01-01T00:00:00Z"),
    open: (path) => Promise.resolve(memoryTable(path, names, rows, { batchRows: 3, bytes: 1 })),
    ...extra,
  });
}

function numeric(profile: ReferenceProfile, name: string): NumericColumnProfile {
  const entry = profile.columns[name];
  assert.ok(entry?.kind === "numeric", `${name} is numeric`);
  return entry;
}

function categorical(profile: ReferenceProfile, name: string): CategoricalColumnProfile {
  const entry = profile.columns[name];
  assert.ok(entry?.kind === "categorical", `${name} is categorical`);
  return entry;
}

describe("profiling batches", () => {
  test("counts nulls and values that do not coerce apart from the valid ones, and warns at the first invalid line", async () => {
    const logger = new MemoryLogger();
    const profile = await profileOf(contractOf([column("n", "integer")]), ["n"], [["1"], [null], ["x"], ["2.5"], ["4"]], { logger });
    const n = numeric(profile, "n");
    assert.deepEqual([n.count, n.nulls, n.invalid, n.valid], [5, 1, 2, 2]);
    assert.deepEqual([n.min, n.max, n.sum, n.mean], [1, 4, 5, 2.5]);
    // Oracle: population variance of [1, 4] is 2.25, sample variance 4.5; M2 = 4.5.
    assert.deepEqual(n.variance, { population: 2.25, sample: 4.5 });
    const warning = logger.entries.find((entry) => entry.level === "warning");
    assert.ok(warning !== undefined && warning.message.includes('"n": 2 value(s)'), warning?.message);
    assert.deepEqual(warning.properties, { title: "modelship: n", file: "data.csv", startLine: 4 });
  });

  test("applies the contract's aliases and boolean texts before coercing", async () => {
    const contract = contractOf([
      column("y", "categorical", { aliases: { "<=50K.": "<=50K" } }),
      column("ok", "boolean", { trueValues: ["yes"], falseValues: ["no"] }),
    ]);
    const profile = await profileOf(
      contract,
      ["y", "ok"],
      [
        ["<=50K", "yes"],
        ["<=50K.", "no"],
        [">50K", "true"],
      ],
    );
    assert.deepEqual(categorical(profile, "y").counts, [
      { value: "<=50K", count: 2 },
      { value: ">50K", count: 1 },
    ]);
    const ok = categorical(profile, "ok");
    assert.deepEqual(ok.counts, [
      { value: "false", count: 1 },
      { value: "true", count: 1 },
    ]);
    assert.equal(ok.invalid, 1, '"true" is not among this column\'s true values');
    assert.equal(ok.length, null);
  });

  test("orders categories by count, ties by value, and measures lengths in code points", async () => {
    const values = ["b", "a", "𝄞x", "b", "ä", "a", "c"];
    const profile = await profileOf(
      contractOf([column("s", "string")]),
      ["s"],
      values.map((value) => [value]),
    );
    const s = categorical(profile, "s");
    assert.deepEqual(
      s.counts.map((entry) => entry.value),
      ["a", "b", "c", "ä", "𝄞x"],
    );
    const lengths = values.map((value) => Array.from(value).length);
    assert.deepEqual(s.length, {
      min: Math.min(...lengths),
      max: Math.max(...lengths),
      sum: lengths.reduce((a, b) => a + b),
      mean: lengths.reduce((a, b) => a + b) / lengths.length,
    });
    assert.equal(s.distinct, 5);
  });

  test("past the category cap, new values only count in other_count", async () => {
    const profile = await profileOf(contractOf([column("c", "categorical")]), ["c"], [["a"], ["b"], ["c"], ["a"], ["d"], ["b"]], {
      categoryCap: 2,
    });
    const c = categorical(profile, "c");
    assert.deepEqual(c.counts, [
      { value: "a", count: 2 },
      { value: "b", count: 2 },
    ]);
    assert.equal(c.other_count, 2);
    assert.equal(c.capped, true);
    assert.equal(profile.settings.category_cap, 2);
  });

  test("an integer column with few values gets one bin per value, counted in a second pass", async () => {
    const values = [3, 1, 1, 2, 3, 3, 9];
    const profile = await profileOf(contractOf([column("k", "integer")]), ["k"], [...values.map((value) => [String(value)]), [null]]);
    const histogram = numeric(profile, "k").histogram;
    assert.deepEqual(histogram, { edges: [1, 2, 3, 9, 10], counts: [2, 1, 3, 1], underflow: 0, overflow: 0, nulls: 1 });
  });

  test("dates are profiled as epoch milliseconds", async () => {
    const profile = await profileOf(contractOf([column("d", "date")]), ["d"], [["2024-03-01"], ["2023-12-31"], ["2024-02-30"]]);
    const d = numeric(profile, "d");
    assert.equal(d.min, Date.UTC(2023, 11, 31));
    assert.equal(d.max, Date.UTC(2024, 2, 1));
    assert.equal(d.invalid, 1);
  });

  for (const [value, line] of [
    ["NaN", 3],
    ["1e309", 4],
    ["-Infinity", 3],
  ] as const) {
    test(`"${value}" in a number column stops the profile with a UserError at its line`, async () => {
      const rows = [["1.5"], line === 3 ? [value] : ["2"], line === 4 ? [value] : ["3"]];
      await assert.rejects(profileOf(contractOf([column("x", "number")]), ["x"], rows), (error: unknown) => {
        assert.ok(isUserError(error));
        assert.equal(error.file, "data.csv");
        assert.equal(error.line, line);
        assert.ok(error.message.startsWith(`data.csv:${line}: column "x"`), error.message);
        return true;
      });
    });
  }

  test("a required column missing from the data is a UserError; an optional one reads as nulls", async () => {
    await assert.rejects(
      profileOf(contractOf([column("a", "integer"), column("b", "string")]), ["a"], [["1"]]),
      (error: unknown) => isUserError(error) && /"b" is not in the data/.test(error.message),
    );
    const profile = await profileOf(
      contractOf([column("a", "integer"), column("b", "string", { required: false })]),
      ["a"],
      [["1"], ["2"]],
    );
    const b = categorical(profile, "b");
    assert.deepEqual([b.count, b.nulls, b.valid], [2, 2, 0]);
  });

  test("the same data gives the same profile, sketches included", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [String((i * 7919) % 1013), `c${i % 17}`]);
    const contract = contractOf([column("x", "number"), column("c", "categorical")]);
    assert.deepEqual(await profileOf(contract, ["x", "c"], rows), await profileOf(contract, ["x", "c"], rows));
  });

  test("edges from a profile of another schema are refused", async () => {
    const reference = await profileOf(contractOf([column("x", "number")]), ["x"], [["1"]]);
    await assert.rejects(
      profileOf(contractOf([column("x", "integer")]), ["x"], [["1"]], { binsFrom: reference }),
      (error: unknown) => isUserError(error) && /another schema/.test(error.message),
    );
  });

  test("with edges from another profile, its settings are kept unless given", async () => {
    const reference = await profileOf(contractOf([column("x", "number")]), ["x"], [["1"], ["2"]], {
      sketchK: 64,
      seed: 9,
      bins: 4,
      exactCap: 5,
    });
    const profile = await profileOf(contractOf([column("x", "number")]), ["x"], [["5"]], { binsFrom: reference, topK: 7 });
    assert.deepEqual(profile.settings, { bins: 4, top_k: 7, category_cap: 10_000, exact_cap: 5, sketch_k: 64, seed: 9 });
    const given = await profileOf(contractOf([column("x", "number")]), ["x"], [["5"]], { binsFrom: reference, exactCap: 0 });
    assert.equal(given.settings.exact_cap, 0);
    assert.deepEqual(numeric(profile, "x").histogram?.edges, numeric(reference, "x").histogram?.edges);
    assert.equal(numeric(profile, "x").histogram?.overflow, 1);
  });
});

describe("readProfile", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-profile-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("reads back a written profile unchanged", async () => {
    const profile = await profileOf(
      contractOf([column("x", "number"), column("c", "categorical")]),
      ["x", "c"],
      [
        ["1.25", "a"],
        ["-3", null],
      ],
    );
    const path = join(dir, "ok.json");
    await writeFile(path, JSON.stringify(profile, null, 2));
    assert.deepEqual(await readProfile(path), profile);
  });

  test("a missing file, bad JSON, a schema violation and an inconsistent sketch are UserErrors that name the file", async () => {
    await assert.rejects(readProfile(join(dir, "missing.json")), (error: unknown) => isUserError(error) && /not found/.test(error.message));
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ not json");
    await assert.rejects(
      readProfile(bad),
      (error: unknown) => isUserError(error) && error.file === bad && /not valid JSON/.test(error.message),
    );

    const profile = await profileOf(contractOf([column("x", "number")]), ["x"], [["1"], ["2"]]);
    const wrongType = join(dir, "wrong-type.json");
    await writeFile(wrongType, JSON.stringify({ ...profile, rows: "two" }, null, 2));
    await assert.rejects(readProfile(wrongType), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /\/rows: must be integer/);
      // `"rows"` is on its own line of the pretty-printed file: the message names that line.
      const line =
        JSON.stringify({ ...profile, rows: "two" }, null, 2)
          .split("\n")
          .findIndex((text) => text.includes('"rows": "two"')) + 1;
      assert.equal(error.line, line);
      return true;
    });

    const x = numeric(profile, "x");
    const inconsistent = join(dir, "inconsistent.json");
    await writeFile(inconsistent, JSON.stringify({ ...profile, columns: { x: { ...x, sketch: { ...x.sketch, n: 3 } } } }));
    await assert.rejects(
      readProfile(inconsistent),
      (error: unknown) => isUserError(error) && error.pointer === "/columns/x/sketch" && /inconsistent/.test(error.message),
    );
  });
});

describe("profiling extreme numbers", () => {
  test("values whose sum overflows a double are a UserError, not an invalid profile", async () => {
    await assert.rejects(
      profileOf(contractOf([column("x", "number")]), ["x"], [["1e308"], ["1.5e308"]]),
      (error: unknown) => isUserError(error) && /too large to sum/.test(error.message),
    );
  });
});
