import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../../src/common/logger.ts";
import { isUserError } from "../../../../src/common/errors.ts";
import { pseudonym, REDACTED, Redactor } from "../../../../src/data/pii/redact.ts";
import {
  categoriesComparable,
  redactionKeyId,
  redactProfile,
  redactProfiles,
  redactValidationReport,
} from "../../../../src/data/pii/redact-reports.ts";
import { mergeProfiles } from "../../../../src/data/profile/profile-merge.ts";
import { readProfile } from "../../../../src/data/profile/profile-read.ts";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { profileSources } from "../../../../src/data/profile/profile-sources.ts";
import type { CategoricalColumnProfile, NumericColumnProfile, ReferenceProfile } from "../../../../src/data/profile/profile-types.ts";
import type { ValidationReport } from "../../../../src/data/validate/validation-report-types.ts";
import type { RawValue } from "../../../../src/data/readers/table.ts";
import { compareProfiles, DRIFT_DEFAULTS } from "../../../../src/drift/decide-drift.ts";
import { assertWritable } from "../../../../src/common/schema-validation.ts";
import schema from "../../../../schemas/reference-profile.schema.json" with { type: "json" };
import { contractColumn as column, contractOf } from "../../../support/contracts.ts";
import { memoryTable } from "../../../support/tables.ts";
import { luhnDigit } from "./planted.ts";

const KEY = "unit-test-key";
const CONTRACT = contractOf([
  column("name", "string", { redact: true }),
  column("city", "categorical"),
  column("contact", "string"),
  column("zip", "integer", { pii: "allow" }),
  column("sex", "categorical", { roles: ["sensitive"] }),
]);
const NAMES = CONTRACT.columns.map((entry) => entry.name);

const ROWS: RawValue[][] = [
  ["Alice Martin", "Paris", "a@example.com", 75001, "Female"],
  ["Bob Stone", "Paris", "T-2", 75002, "Male"],
  ["Alice Martin", "Lyon", "T-3", 69001, "Female"],
  ["Chen Wei", "Lyon", "T-4", 69002, "Male"],
];

async function profileOf(rows: RawValue[][], binsFrom?: ReferenceProfile): Promise<ReferenceProfile> {
  return profileSources({
    contract: CONTRACT,
    paths: ["data.csv"],
    binsFrom,
    logger: new MemoryLogger(),
    toolVersion: "test",
    created: new Date("2026-01-01T00:00:00Z"),
    open: (path) => Promise.resolve(memoryTable(path, NAMES, rows, { batchRows: 3 })),
  });
}

function categorical(profile: ReferenceProfile, name: string): CategoricalColumnProfile {
  const column = profile.columns[name]!;
  assert.ok(column.kind === "categorical", `${name} is ${column.kind}`);
  return column;
}

describe("redactValidationReport", () => {
  const report = (): ValidationReport => ({
    schema: "modelship/validation-report@1",
    tool: { name: "modelship", version: "test" },
    created: "2026-01-01T00:00:00Z",
    contract: { path: "contract.yaml", sha256: "0".repeat(64), source: "modelship" },
    datasets: [],
    passed: false,
    summary: { checks: 3, passed: 0, errors: 3, warnings: 0, skipped: 0 },
    truncated: false,
    checks: [
      {
        id: "column.name.max_length",
        scope: "column",
        dataset: "data",
        column: "name",
        check: "length",
        severity: "error",
        status: "fail",
        failing: 1,
        total: 4,
        message: '1 value too long, e.g. "Alice Martin"',
        examples: [{ file: "d.csv", line: 2, value: "Alice Martin", message: '"Alice Martin" has 12 characters, more than 5' }],
      },
      {
        id: "column.contact.pattern",
        scope: "column",
        dataset: "data",
        column: "contact",
        check: "pattern",
        severity: "error",
        status: "fail",
        failing: 2,
        total: 4,
        message: "2 values do not match",
        examples: [
          { file: "d.csv", line: 3, value: "T-9", message: '"T-9" does not match the pattern ^x$' },
          { file: "d.csv", line: 4, value: "x@example.com", message: '"x@example.com" does not match the pattern ^x$' },
        ],
      },
      {
        id: "hygiene.unseen_categories.sex",
        scope: "hygiene",
        dataset: "test",
        column: "sex",
        check: "unseen_categories",
        severity: "warning",
        status: "warn",
        failing: 1,
        total: 4,
        message: "1 value in a category train never has",
        examples: [{ file: "t.csv", line: 2, value: "Other", message: 'category "Other" of "sex" never occurs in train' }],
      },
    ],
  });

  test("replaces the values of redacted and detected columns in examples and messages, keeps protected groups", () => {
    const redacted = redactValidationReport(report(), new Redactor(CONTRACT.columns, { key: KEY }));
    const text = JSON.stringify(redacted);
    for (const raw of ["Alice Martin", "T-9", "x@example.com"]) assert.ok(!text.includes(raw), `${raw} leaked: ${text}`);
    const [name, contact, sex] = redacted.checks;
    assert.equal(name!.examples[0]!.value, pseudonym("Alice Martin", KEY));
    assert.equal(name!.examples[0]!.message, `"${pseudonym("Alice Martin", KEY)}" has 12 characters, more than 5`);
    assert.equal(name!.message, `1 value too long, e.g. "${pseudonym("Alice Martin", KEY)}"`);
    // The detector fired on one example of `contact`: every value of the column is redacted.
    assert.deepEqual(
      contact!.examples.map((example) => example.value),
      [pseudonym("T-9", KEY), pseudonym("x@example.com", KEY)],
    );
    assert.equal(sex!.examples[0]!.message, 'category "Other" of "sex" never occurs in train');
  });

  test("a column validation's PII scan found is redacted even where no example matches a detector", () => {
    const input = report();
    input.checks[1]!.examples = [{ file: "d.csv", line: 3, value: "T-9", message: '"T-9" does not match the pattern ^x$' }];
    input.checks.push({
      id: "column.contact.pii_scan",
      scope: "column",
      dataset: "data",
      column: "contact",
      check: "pii_scan",
      severity: "warning",
      status: "warn",
      failing: 1,
      total: 4,
      message: "email in 25% of values (line 4)",
      examples: [],
      pii: { findings: [{ detector: "email", count: 1, share: 0.25 } as never] },
    });
    const redacted = redactValidationReport(input, new Redactor(CONTRACT.columns));
    assert.equal(redacted.checks[1]!.examples[0]!.value, REDACTED);
    assert.equal(redacted.checks[1]!.examples[0]!.message, `"${REDACTED}" does not match the pattern ^x$`);
  });
});

describe("redactProfile", () => {
  test("with a key: categories become pseudonyms with their counts; numeric exact values go; the key's id is recorded", async () => {
    const profile = await profileOf(ROWS);
    const redacted = redactProfile(profile, new Redactor(CONTRACT.columns, { key: KEY }));
    assertWritable(schema, redacted, "redacted profile");
    const id = redactionKeyId(KEY);
    assert.match(id, /^[0-9a-f]{12}$/);
    assert.deepEqual(redacted.redacted, { contact: id, name: id, zip: id });
    // Counts derived by hand from ROWS: Alice Martin twice, Bob Stone and Chen Wei once.
    assert.deepEqual(categorical(redacted, "name").counts, [
      { value: pseudonym("Alice Martin", KEY), count: 2 },
      ...[pseudonym("Bob Stone", KEY), pseudonym("Chen Wei", KEY)].sort().map((value) => ({ value, count: 1 })),
    ]);
    assert.equal((redacted.columns.zip as NumericColumnProfile).values, null);
    // Not redacted: city and the protected attribute.
    assert.deepEqual(categorical(redacted, "city").counts, categorical(profile, "city").counts);
    assert.deepEqual(categorical(redacted, "sex").counts, categorical(profile, "sex").counts);
    const text = JSON.stringify(redacted);
    // A redacted numeric column keeps no value at all: no extremes, sketch items or histogram edges.
    for (const raw of ["Alice Martin", "Bob Stone", "a@example.com", "T-2", "75001", "75002", "69001", "69002"])
      assert.ok(!text.includes(raw), raw);
    assert.deepEqual(redactProfile(redacted, new Redactor(CONTRACT.columns, { key: KEY })), redacted);
  });

  test("a redacted numeric or date column keeps its counts only; it reads back, merges, and drift says why it is not compared", async () => {
    const contract = contractOf([
      column("ssn", "integer", { pii: "forbid" }),
      column("dob", "date", { redact: true }),
      column("age", "integer"),
    ]);
    // Planted values distinct enough that any leak (extreme, sketch item, histogram edge, exact value, mean) shows.
    const rows: RawValue[][] = Array.from({ length: 30 }, (_, i) => [987654300 + i, `1961-03-${String(i + 1).padStart(2, "0")}`, 20 + i]);
    const profile = await profileSources({
      contract,
      paths: ["p.csv"],
      logger: new MemoryLogger(),
      toolVersion: "test",
      created: new Date("2026-01-01T00:00:00Z"),
      open: (path) => Promise.resolve(memoryTable(path, ["ssn", "dob", "age"], rows, { batchRows: 7 })),
    });
    const redacted = redactProfile(profile, new Redactor(contract.columns, { key: KEY }));
    assertWritable(schema, redacted, "redacted profile");
    const text = JSON.stringify(redacted);
    for (const [i] of rows.entries()) {
      assert.ok(!text.includes(String(987654300 + i)), `ssn ${i}`);
      assert.ok(!text.includes(String(Date.UTC(1961, 2, i + 1))), `dob ${i}`);
    }
    // The mean of the ssn column (987654314.5) and of dob would pin values for a small n: gone too.
    assert.ok(!text.includes("98765431"));
    for (const name of ["ssn", "dob"]) {
      const numeric = redacted.columns[name] as NumericColumnProfile;
      assert.deepEqual(
        [numeric.count, numeric.valid, numeric.min, numeric.max, numeric.mean, numeric.histogram, numeric.sketch.n],
        [30, 30, null, null, null, null, 0],
      );
    }
    // Not redacted: age keeps its statistics.
    assert.equal((redacted.columns.age as NumericColumnProfile).max, 49);
    const dir = await mkdtemp(join(tmpdir(), "modelship-redact-"));
    await writeFile(join(dir, "p.json"), text);
    assert.deepEqual(await readProfile(join(dir, "p.json")), redacted);
    const merged = mergeProfiles(redacted, redacted);
    assert.equal(merged.columns.ssn!.count, 60);
    assert.ok(!JSON.stringify(merged).includes("9876543"));
    // Merging with a shard that shows the column still releases nothing of it.
    const mixed = mergeProfiles(redacted, profile);
    assert.equal((mixed.columns.ssn as NumericColumnProfile).sketch.n, 0);
    assert.ok(!JSON.stringify(mixed.columns.ssn).includes("9876543"));
    const drift = compareProfiles(redacted, redacted, { ...DRIFT_DEFAULTS, min_samples: 1 });
    for (const name of ["ssn", "dob"]) {
      const entry = drift.columns.find((c) => c.name === name)!;
      assert.equal(entry.status, "insufficient_data");
      assert.match(entry.reason, /keeps no values of a redacted numeric or date column/);
    }
    assert.notEqual(drift.columns.find((c) => c.name === "age")!.status, "insufficient_data");
  });

  test("an integer column holding cards written as digits is redacted though the contract does not say so", async () => {
    const contract = contractOf([column("account", "integer"), column("amount", "integer")]);
    // Luhn-valid Visa numbers (check digit from planted.ts's textbook Luhn), below 2^53 so the profile holds them exactly.
    const cards = [0, 1, 2].map((i) => {
      const payload = `4${String(12_345_678_901_230 + i * 1_009).padStart(14, "0")}`;
      return payload + luhnDigit(payload);
    });
    const rows: RawValue[][] = Array.from({ length: 12 }, (_, i) => [
      Number(i % 4 === 0 ? cards[(i / 4) % 3] : String(100 + i)),
      900_000_000 + i,
    ]);
    const profile = await profileSources({
      contract,
      paths: ["p.csv"],
      logger: new MemoryLogger(),
      toolVersion: "test",
      created: new Date("2026-01-01T00:00:00Z"),
      open: (path) => Promise.resolve(memoryTable(path, ["account", "amount"], rows, { batchRows: 5 })),
    });
    assert.ok(JSON.stringify(profile).includes(cards[0]!), "the unredacted profile holds the card");
    const redacted = redactProfile(profile, new Redactor(contract.columns, { key: KEY }));
    const text = JSON.stringify(redacted);
    for (const card of cards) assert.ok(!text.includes(card), card);
    assert.deepEqual(Object.keys(redacted.redacted ?? {}), ["account"]);
    // 9-digit amounts are no card: that column keeps its statistics.
    assert.equal((redacted.columns.amount as NumericColumnProfile).max, 900_000_011);
  });

  test("without a key: a redacted column's categories are dropped into other_count, recorded with a null key", async () => {
    const profile = await profileOf(ROWS);
    const redacted = redactProfile(profile, new Redactor(CONTRACT.columns));
    assertWritable(schema, redacted, "redacted profile");
    const name = categorical(redacted, "name");
    assert.deepEqual(name.counts, []);
    assert.equal(name.other_count, 4);
    assert.equal(name.distinct, 3);
    assert.equal(redacted.redacted?.name, null);
  });

  test("drift compares redacted categories only under the same key on both sides", async () => {
    const keyed = (key?: string) => new Redactor(CONTRACT.columns, key === undefined ? {} : { key });
    const raw = await profileOf(ROWS);
    const [reference, current] = redactProfiles([raw, await profileOf(ROWS.slice(0, 3), raw)], keyed(KEY));
    assert.equal(categoriesComparable(reference!, current!, "name"), true);
    const settings = { ...DRIFT_DEFAULTS, min_samples: 1 };
    const same = compareProfiles(reference!, current!, settings).columns.find((column) => column.name === "name")!;
    assert.ok(same.method !== undefined, same.reason);
    const other = redactProfile(await profileOf(ROWS, raw), keyed("another key"));
    const differs = compareProfiles(reference!, other, settings).columns.find((column) => column.name === "name")!;
    assert.equal(differs.status, "insufficient_data");
    assert.match(differs.reason, /different keys/);
    const none = redactProfile(await profileOf(ROWS), keyed());
    const dropped = compareProfiles(none, none, settings).columns.find((column) => column.name === "name")!;
    assert.match(dropped.reason, /without a key/);
  });

  test("a column one profile's detectors catch is redacted in every profile of the set", async () => {
    const withEmail = await profileOf(ROWS);
    const withoutEmail = await profileOf(ROWS.slice(1));
    const [, second] = redactProfiles([withEmail, withoutEmail], new Redactor(CONTRACT.columns, { key: KEY }));
    assert.ok(!JSON.stringify(second).includes("T-3"));
    assert.equal(second!.redacted?.contact, redactionKeyId(KEY));
  });

  test("profiles redacted under different keys do not merge", async () => {
    const a = redactProfile(await profileOf(ROWS), new Redactor(CONTRACT.columns, { key: KEY }));
    const b = redactProfile(await profileOf(ROWS), new Redactor(CONTRACT.columns, { key: "other" }));
    assert.throws(
      () => mergeProfiles(a, b),
      (error) => isUserError(error) && /redacted differently/.test(error.message) && /MODELSHIP_REDACTION_KEY/.test(error.hint ?? ""),
    );
    const merged = mergeProfiles(a, redactProfile(await profileOf(ROWS), new Redactor(CONTRACT.columns, { key: KEY })));
    assert.equal(categorical(merged, "name").counts[0]!.count, 4);
    assert.deepEqual(merged.redacted, a.redacted);
  });
});
