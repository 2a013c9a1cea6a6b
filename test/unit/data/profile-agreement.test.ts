/**
 * Target/prediction agreement in the reference profile (delayed labels): exact counts against a
 * derivation from the raw rows here (what each raw text means is tabled below, independently of
 * the coercion code), the same in one and two passes, additive under merge, absent without the
 * roles, and optional for older profiles.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import type { ColumnContract, ColumnRole, ColumnType, DataContract } from "../../../src/data/contract/contract-types.ts";
import { mergeProfiles } from "../../../src/data/profile/profile-merge.ts";
import { readProfile } from "../../../src/data/profile/profile-read.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { contractColumn, contractOf } from "../../support/contracts.ts";
import { memoryTable } from "../../support/tables.ts";

function column(name: string, type: ColumnType, roles: ColumnRole[], extra: Partial<ColumnContract> = {}): ColumnContract {
  return contractColumn(name, type, { roles, ...extra });
}

// x: a numeric feature (two passes without --bins-from); y: integer target; yhat: number prediction
// with an alias; c: a categorical feature.
const NAMES = ["x", "y", "yhat", "c"];
const CONTRACT = contractOf([
  column("x", "number", ["feature"]),
  column("y", "integer", ["target"]),
  column("yhat", "number", ["prediction"], { aliases: { one: "1" } }),
  column("c", "categorical", ["feature"]),
]);

// Raw texts and what they mean after coercion, as text: INVALID does not coerce; null is missing.
const INVALID = Symbol("invalid");
const TARGET_MEANING = new Map<RawValue, string | typeof INVALID | null>([
  ["0", "0"],
  ["1", "1"],
  ["+1", "1"],
  ["2", "2"],
  ["1.0", INVALID], // not an integer
  ["x", INVALID],
  [null, null],
]);
const PREDICTION_MEANING = new Map<RawValue, string | typeof INVALID | null>([
  ["0", "0"],
  ["1", "1"],
  ["1.0", "1"],
  ["1e0", "1"],
  ["one", "1"], // the alias
  ["2", "2"],
  ["2.5", "2.5"],
  ["-0", "0"], // String(-0) is "0"
  ["abc", INVALID],
  [null, null],
]);

type Row = RawValue[];

function generateRows(count: number, seed: number): Row[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const targets = [...TARGET_MEANING.keys()];
  const predictions = [...PREDICTION_MEANING.keys()];
  return Array.from({ length: count }, (_, i) => {
    const target = pick(targets);
    // Mostly a prediction that means the target (so agreement is substantial), else anything.
    const prediction = random() < 0.5 && typeof target === "string" && /^[012]$/.test(target) ? target : pick(predictions);
    return [String(i % 17), target, prediction, pick(["a", "b", null])];
  });
}

function expectedAgreement(rows: readonly Row[]): { target: string; prediction: string; rows: number; agree: number } {
  let valid = 0;
  let agree = 0;
  for (const row of rows) {
    const t = TARGET_MEANING.get(row[1]!);
    const p = PREDICTION_MEANING.get(row[2]!);
    if (t === undefined || p === undefined) throw new Error("a raw value without a tabled meaning");
    if (t === null || p === null || t === INVALID || p === INVALID) continue;
    valid++;
    if (t === p) agree++;
  }
  return { target: "y", prediction: "yhat", rows: valid, agree };
}

async function profileRows(
  shards: Record<string, Row[]>,
  options: { contract?: DataContract; binsFrom?: ReferenceProfile; names?: string[] } = {},
): Promise<ReferenceProfile> {
  return profileSources({
    contract: options.contract ?? CONTRACT,
    paths: Object.keys(shards),
    binsFrom: options.binsFrom,
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2026-01-01T00:00:00Z"),
    open: (path) => Promise.resolve(memoryTable(path, options.names ?? NAMES, shards[path]!, { batchRows: 5 })),
  });
}

const ROWS = generateRows(403, 7);
const EXPECTED = expectedAgreement(ROWS);

describe("profile agreement", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-agreement-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("the generated rows exercise every kind of row", () => {
    assert.ok(EXPECTED.rows > 100 && EXPECTED.rows < ROWS.length, `${EXPECTED.rows} of ${ROWS.length} rows valid`);
    assert.ok(EXPECTED.agree > 20 && EXPECTED.agree < EXPECTED.rows, `${EXPECTED.agree} of ${EXPECTED.rows} agree`);
  });

  test("counts the rows with both values valid and those that agree, exactly (two passes)", async () => {
    const profile = await profileRows({ "all.csv": ROWS });
    assert.deepEqual(profile.agreement, EXPECTED);
    // The histogram pass ran (x is numeric) and did not count again.
    const x = profile.columns.x!;
    assert.ok(x.kind === "numeric" && x.histogram !== null);
  });

  test("is the same in one pass with frozen edges, and across files", async () => {
    const whole = await profileRows({ "all.csv": ROWS });
    const onePass = await profileRows({ "all.csv": ROWS }, { binsFrom: whole });
    assert.deepEqual(onePass.agreement, EXPECTED);
    const files = await profileRows({ "a.csv": ROWS.slice(0, 150), "b.csv": ROWS.slice(150) });
    assert.deepEqual(files.agreement, EXPECTED);
  });

  test("merging shards gives the whole's counts", async () => {
    const whole = await profileRows({ "all.csv": ROWS });
    const a = await profileRows({ "a.csv": ROWS.slice(0, 97) }, { binsFrom: whole });
    const b = await profileRows({ "b.csv": ROWS.slice(97) }, { binsFrom: whole });
    assert.deepEqual(a.agreement, expectedAgreement(ROWS.slice(0, 97)));
    const merged = mergeProfiles(a, b);
    assert.deepEqual(merged.agreement, EXPECTED);
    assert.deepEqual(mergeProfiles(b, a).agreement, EXPECTED);
  });

  test("a file without the prediction column counts no rows", async () => {
    const profile = await profileRows(
      { "labels-only.csv": ROWS.map((row) => [row[0]!, row[1]!, row[3]!]) },
      {
        names: ["x", "y", "c"],
        contract: contractOf(CONTRACT.columns.map((entry) => (entry.name === "yhat" ? { ...entry, required: false } : entry))),
      },
    );
    assert.deepEqual(profile.agreement, { target: "y", prediction: "yhat", rows: 0, agree: 0 });
  });

  test("is absent without exactly one target and one prediction column", async () => {
    const noPrediction = contractOf(
      CONTRACT.columns.map((entry) => (entry.name === "yhat" ? { ...entry, roles: ["feature"] as ColumnRole[] } : entry)),
    );
    const profile = await profileRows({ "all.csv": ROWS }, { contract: noPrediction });
    assert.equal("agreement" in profile, false);
    const twoTargets = contractOf(
      CONTRACT.columns.map((entry) => (entry.name === "x" ? { ...entry, roles: ["target"] as ColumnRole[] } : entry)),
    );
    assert.equal("agreement" in (await profileRows({ "all.csv": ROWS }, { contract: twoTargets })), false);
    const samePair = contractOf(
      CONTRACT.columns.map((entry) =>
        entry.name === "y"
          ? { ...entry, roles: ["target", "prediction"] as ColumnRole[] }
          : entry.name === "yhat"
            ? { ...entry, roles: ["feature"] as ColumnRole[] }
            : entry,
      ),
    );
    assert.equal("agreement" in (await profileRows({ "all.csv": ROWS }, { contract: samePair })), false);
  });

  test("compares booleans and categories as text", async () => {
    const contract = contractOf([
      column("label", "categorical", ["target"]),
      column("predicted", "boolean", ["prediction"], { trueValues: ["yes"], falseValues: ["no"] }),
    ]);
    const rows: Row[] = [
      ["true", "yes"], // agree: true = true
      ["false", "yes"],
      ["false", "no"], // agree
      ["True", "yes"], // "True" ≠ "true"
      ["true", "maybe"], // prediction invalid
      [null, "yes"],
      ["true", true], // a typed boolean: agree
    ];
    const profile = await profileRows({ "bool.csv": rows }, { contract, names: ["label", "predicted"] });
    assert.deepEqual(profile.agreement, { target: "label", prediction: "predicted", rows: 5, agree: 3 });
  });

  test("is written, read back and checked for consistency", async () => {
    const profile = await profileRows({ "all.csv": ROWS });
    const path = join(dir, "with.json");
    await writeFile(path, JSON.stringify(profile));
    assert.deepEqual((await readProfile(path)).agreement, EXPECTED);

    const tooMany = join(dir, "too-many.json");
    await writeFile(tooMany, JSON.stringify({ ...profile, agreement: { ...EXPECTED, agree: EXPECTED.rows + 1 } }));
    await assert.rejects(readProfile(tooMany), (error: unknown) => isUserError(error) && /agree .* exceeds rows/.test(error.message));
    const unknown = join(dir, "unknown.json");
    await writeFile(unknown, JSON.stringify({ ...profile, agreement: { ...EXPECTED, prediction: "nope" } }));
    await assert.rejects(
      readProfile(unknown),
      (error: unknown) => isUserError(error) && /prediction "nope" is not a column/.test(error.message),
    );
    const beyondValid = join(dir, "beyond-valid.json");
    await writeFile(beyondValid, JSON.stringify({ ...profile, agreement: { ...EXPECTED, rows: profile.columns.y!.valid + 1 } }));
    await assert.rejects(
      readProfile(beyondValid),
      (error: unknown) => isUserError(error) && /more than the \d+ valid values of target "y"/.test(error.message),
    );
    // A field a newer minor added is ignored (docs/compatibility.md); the fields this reader knows are still checked.
    const extra = join(dir, "extra.json");
    await writeFile(extra, JSON.stringify({ ...profile, agreement: { ...EXPECTED, accuracy: 0.5 } }));
    assert.equal((await readProfile(extra)).agreement?.agree, EXPECTED.agree);
    const wrongType = join(dir, "wrong-type.json");
    await writeFile(wrongType, JSON.stringify({ ...profile, agreement: { ...EXPECTED, agree: "all" } }));
    await assert.rejects(
      readProfile(wrongType),
      (error: unknown) => isUserError(error) && /\/agreement\/agree: must be integer/.test(error.message),
    );
  });

  test("an older profile without it still reads, and merging with it drops it", async () => {
    const whole = await profileRows({ "all.csv": ROWS });
    const a = await profileRows({ "a.csv": ROWS.slice(0, 200) }, { binsFrom: whole });
    const b = await profileRows({ "b.csv": ROWS.slice(200) }, { binsFrom: whole });
    const older: ReferenceProfile = { ...b };
    delete older.agreement;
    const path = join(dir, "older.json");
    await writeFile(path, JSON.stringify(older));
    const read = await readProfile(path);
    assert.equal("agreement" in read, false);
    assert.equal("agreement" in mergeProfiles(a, read), false);
    assert.equal("agreement" in mergeProfiles(read, a), false);
    assert.equal("agreement" in mergeProfiles(read, read), false);
    // Agreement over other columns (roles differ; the schema hash does not see roles) is dropped too.
    assert.equal("agreement" in mergeProfiles(a, { ...b, agreement: { ...b.agreement!, target: "x" } }), false);
  });
});
