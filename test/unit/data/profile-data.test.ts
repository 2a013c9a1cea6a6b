// profileData end to end on real files through the real readers: the gzipped Adult file, and the same
// file split into two shards whose profiles merge into the profile of the whole.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { mergeProfiles, profileData, readProfile, type ReferenceProfile } from "../../../src/data/profile/profile-data.ts";
import { ADULT_CATEGORICAL, ADULT_NUMERIC, ADULT_TRAIN, adultContract, adultText } from "../../support/adult.ts";

const NUMERIC = ADULT_NUMERIC;
const CATEGORICAL = ADULT_CATEGORICAL;
const CONTRACT = adultContract();

async function profileOf(paths: string[], binsFrom?: ReferenceProfile): Promise<ReferenceProfile> {
  return profileData({ contract: CONTRACT, paths, binsFrom, logger: new MemoryLogger(), toolVersion: "test" });
}

describe("profileData on the Adult file", () => {
  let dir = "";
  let text = "";
  let stored = Buffer.alloc(0);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-profile-data-"));
    text = adultText(ADULT_TRAIN);
    stored = await readFile(ADULT_TRAIN);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("reads with the contract's dialect: '?' is null, spaces after commas are trimmed", async () => {
    const profile = await profileOf([ADULT_TRAIN]);
    const lines = text
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "");
    assert.equal(profile.rows, lines.length);
    // The dataset entry names the file as stored: the digest and size of its gzip bytes.
    assert.deepEqual(profile.datasets, [
      { path: ADULT_TRAIN, sha256: createHash("sha256").update(stored).digest("hex"), bytes: stored.length, rows: lines.length },
    ]);
    const workclass = profile.columns.workclass!;
    assert.ok(workclass.kind === "categorical");
    const c = text
      .split("\n")[0]!
      .split(",")
      .findIndex((name) => name.trim() === "workclass");
    assert.equal(workclass.nulls, lines.filter((line) => line.split(",")[c]!.trim() === "?").length);
    assert.ok(workclass.counts.every(({ value }) => value === value.trim() && value !== "?"));
    const age = profile.columns.age!;
    assert.ok(age.kind === "numeric");
    assert.equal(age.invalid, 0);
  });

  test("two shards profiled on the whole file's edges merge into the profile of the whole", async () => {
    const [header, ...rows] = text.split("\n").filter((line) => line.trim() !== "");
    const cut = 12_345;
    const first = join(dir, "first.csv");
    const second = join(dir, "second.csv");
    await writeFile(first, `${[header, ...rows.slice(0, cut)].join("\n")}\n`);
    await writeFile(second, `${[header, ...rows.slice(cut)].join("\n")}\n`);
    const reference = await profileOf([ADULT_TRAIN]);
    const referencePath = join(dir, "reference.json");
    await writeFile(referencePath, JSON.stringify(reference));
    const edges = await readProfile(referencePath);
    const merged = mergeProfiles(await profileOf([first], edges), await profileOf([second], edges));
    const whole = await profileOf([ADULT_TRAIN], edges);
    assert.equal(merged.rows, whole.rows);
    for (const name of [...NUMERIC, ...CATEGORICAL]) {
      const got = merged.columns[name]!;
      const want = whole.columns[name]!;
      if (got.kind === "numeric" && want.kind === "numeric") {
        assert.deepEqual(
          [got.count, got.nulls, got.invalid, got.min, got.max, got.histogram],
          [want.count, want.nulls, want.invalid, want.min, want.max, want.histogram],
          name,
        );
        // Integer data: sums are exact; mean and M2 agree to 1e-9 relative.
        assert.equal(got.sum, want.sum, name);
        assert.ok(Math.abs(got.mean! - want.mean!) <= 1e-9 * Math.abs(want.mean!), name);
        assert.ok(Math.abs(got.m2 - want.m2) <= 1e-9 * want.m2, name);
        // The whole profile made on its own frozen edges counts the same histogram.
        assert.deepEqual(reference.columns[name]?.kind === "numeric" ? reference.columns[name].histogram : undefined, want.histogram, name);
      } else if (got.kind === "categorical" && want.kind === "categorical") {
        assert.deepEqual([got.count, got.nulls, got.counts], [want.count, want.nulls, want.counts], name);
      } else assert.fail(`${name}: kinds differ`);
    }
  });
});
