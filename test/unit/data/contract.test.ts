import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { loadContract, parseContract } from "../../../src/data/contract/load-contract.ts";
import { isFrictionless } from "../../../src/data/contract/frictionless.ts";

const FILE = "data/contract.yaml";

/** Parses `text` expecting a UserError that names FILE, the line (when given), the pointer (when given) and a Fix. */
function rejects(text: string, expected: { pattern: RegExp; line?: number; column?: number; pointer?: string; file?: string }): UserError {
  const file = expected.file ?? FILE;
  let caught: unknown;
  try {
    parseContract(text, file);
  } catch (error) {
    caught = error;
  }
  assert.ok(isUserError(caught), `expected a UserError, got ${String(caught)}`);
  assert.match(caught.message, expected.pattern);
  assert.equal(caught.file, file);
  assert.ok(caught.message.startsWith(file), caught.message);
  assert.match(caught.message, /\n {2}Fix: \S/, "the message says how to fix it");
  if (expected.line !== undefined) {
    assert.equal(caught.line, expected.line, caught.message);
    assert.ok(caught.message.startsWith(`${file}:${expected.line}`), caught.message);
  }
  if (expected.column !== undefined) assert.equal(caught.column, expected.column, caught.message);
  if (expected.pointer !== undefined) {
    assert.equal(caught.pointer, expected.pointer, caught.message);
    assert.ok(caught.message.includes(`(at ${expected.pointer})`), caught.message);
  }
  return caught;
}

/** A contract with the given column lines under `columns:`. */
function columns(...lines: string[]): string {
  return `columns:\n${lines.join("\n")}\n`;
}

describe("parseContract: modelship YAML", () => {
  it("fills in every default when a column gives only a name and a type", () => {
    const text = columns("  - name: age", "    type: integer");
    const contract = parseContract(text, FILE);
    assert.equal(contract.file, FILE);
    assert.equal(contract.source, "modelship");
    assert.equal(contract.sha256, createHash("sha256").update(text).digest("hex"));
    assert.deepEqual(contract.dialect, { delimiter: ",", quote: '"', trim: false, nullMarkers: [""] });
    assert.deepEqual(contract.columns, [
      {
        name: "age",
        type: "integer",
        roles: ["feature"],
        description: undefined,
        required: true,
        nullable: true,
        maxNullShare: undefined,
        min: undefined,
        max: undefined,
        exclusiveMin: undefined,
        exclusiveMax: undefined,
        enum: undefined,
        pattern: undefined,
        unique: false,
        minLength: undefined,
        maxLength: undefined,
        mostly: 1,
        allowEmpty: false,
        aliases: {},
        trueValues: ["true", "True", "TRUE", "1"],
        falseValues: ["false", "False", "FALSE", "0"],
        severity: "error",
        redact: false,
        forbidPatterns: [],
        pointer: "/columns/0",
      },
    ]);
    assert.deepEqual(contract.dataset, {
      minRows: undefined,
      maxRows: undefined,
      maxDuplicateShare: 0.05,
      unknownColumns: "error",
      missingColumns: "error",
      minClassShare: undefined,
      singleValueColumns: "warning",
    });
    assert.deepEqual(contract.hygiene, {
      maxTestInTrainShare: 0.05,
      conflictingLabels: "error",
      unseenTargetClasses: "error",
      unseenCategories: "warning",
    });
  });

  it("reads a single role as a list of one and keeps a list of roles as given", () => {
    const contract = parseContract(
      columns("  - {name: y, type: categorical, role: target}", "  - {name: sex, type: categorical, role: [feature, sensitive]}"),
      FILE,
    );
    assert.deepEqual(
      contract.columns.map((column) => column.roles),
      [["target"], ["feature", "sensitive"]],
    );
  });

  it("accepts JSON, which is YAML too", () => {
    const contract = parseContract(JSON.stringify({ columns: [{ name: "x", type: "number", min: 0 }] }), "contract.json");
    assert.equal(contract.columns[0]?.min, 0);
  });

  it("names the line and column of a YAML syntax error", () => {
    rejects(columns("  - name: a: b", "    type: integer"), { pattern: /YAML syntax error/, line: 2, column: 11 });
  });

  it("names the second occurrence of a key given twice", () => {
    rejects(columns("  - name: a", "    type: integer", "    type: string"), {
      pattern: /YAML syntax error: Map keys must be unique/,
      line: 4,
      column: 5,
    });
  });

  it("names the JSON pointer, the line and a Fix for a schema violation", () => {
    const error = rejects(columns("  - name: a", "    type: integr"), {
      pattern: /does not match its schema \(1 problem\)/,
      line: 3,
      column: 11,
    });
    assert.ok(error.message.includes(`${FILE}:3:11: /columns/0/type: must be one of: "integer"`), error.message);
    assert.match(error.hint ?? "", /data-contract\.schema\.json/);
  });

  it("gathers every schema error into one message instead of stopping at the first", () => {
    const error = rejects(
      columns("  - name: a", "    type: integer", "    nullable: sometimes", "  - name: b", "    type: string", "    max_lenght: 3"),
      {
        pattern: /\(2 problems\)/,
        line: 4,
      },
    );
    assert.ok(error.message.includes(`${FILE}:4:15: /columns/0/nullable: must be boolean`), error.message);
    // An unknown property is reported at its key (column 5 of "    max_lenght: 3"), not at its value.
    assert.ok(error.message.includes(`${FILE}:7:5: /columns/1/max_lenght: unknown property "max_lenght"`), error.message);
  });

  it("refuses a document that is not a mapping", () => {
    rejects("- name: a\n  type: integer\n", { pattern: /must be a mapping with a `columns` list/, line: 1 });
  });

  it("refuses a column declared twice and names both places", () => {
    rejects(columns("  - {name: a, type: integer}", "  - {name: b, type: string}", "  - {name: a, type: number}"), {
      pattern: /column "a" is declared twice \(also at \/columns\/0\)/,
      pointer: "/columns/2/name",
      line: 4,
    });
  });

  it("refuses two target columns", () => {
    rejects(columns("  - {name: y1, type: integer, role: target}", "  - name: y2", "    type: integer", "    role: [feature, target]"), {
      pattern: /two target columns: "y1" and "y2"/,
      pointer: "/columns/1/role",
      line: 5,
    });
  });

  it("refuses a pattern that is not a valid regular expression", () => {
    rejects(columns("  - name: code", "    type: string", "    pattern: '[A-Z'"), {
      pattern: /pattern of column "code" is not a valid regular expression/,
      pointer: "/columns/0/pattern",
      line: 4,
    });
  });

  it("refuses a lower bound above the upper bound", () => {
    rejects(columns("  - name: age", "    type: integer", "    min: 100", "    max: 17"), {
      pattern: /lower bound 100 is above the upper bound 17/,
      pointer: "/columns/0/min",
      line: 4,
    });
  });

  it("refuses an exclusive lower bound above the upper bound", () => {
    rejects(columns("  - {name: x, type: number, exclusive_min: 5, max: 1}"), {
      pattern: /lower bound 5 is above the upper bound 1/,
      pointer: "/columns/0/exclusive_min",
    });
  });

  it("compares date bounds as dates", () => {
    const contract = parseContract(columns("  - {name: d, type: date, min: 2020-01-31, max: 2020-02-01}"), FILE);
    assert.equal(contract.columns[0]?.min, "2020-01-31");
    rejects(columns("  - {name: d, type: date, min: 2020-02-01, max: 2020-01-31}"), {
      pattern: /lower bound 2020-02-01 is above the upper bound 2020-01-31/,
    });
  });

  it("refuses a bound that is not a valid value of the column's type", () => {
    const error = rejects(columns("  - name: signup", "    type: date", "    max: 2024-02-30"), {
      pattern: /max "2024-02-30" is not a valid date/,
      pointer: "/columns/0/max",
      line: 4,
    });
    assert.match(error.hint ?? "", /YYYY-MM-DD/);
    rejects(columns("  - {name: n, type: integer, min: ten}"), { pattern: /min "ten" is not a valid integer/, pointer: "/columns/0/min" });
  });

  it("refuses min on a string column and points to the length limits instead", () => {
    const error = rejects(columns("  - name: city", "    type: string", "    min: 3"), {
      pattern: /min does not apply to a string column \("city"\)/,
      pointer: "/columns/0/min",
      line: 4,
    });
    assert.match(error.hint ?? "", /min_length/);
  });

  it("refuses min_length above max_length", () => {
    rejects(columns("  - {name: s, type: string, min_length: 5, max_length: 2}"), {
      pattern: /min_length 5 is above max_length 2/,
      pointer: "/columns/0/min_length",
    });
  });

  it("refuses an enum value that is not of the column's type and names its position", () => {
    rejects(columns("  - name: grade", "    type: integer", "    enum: [1, 2, three]"), {
      pattern: /enum value "three" of column "grade" is not an integer/,
      pointer: "/columns/0/enum/2",
      line: 4,
    });
  });

  it("accepts enum values of any kind for string and categorical columns", () => {
    const contract = parseContract(columns("  - {name: c, type: categorical, enum: [a, 1, true]}"), FILE);
    assert.deepEqual(contract.columns[0]?.enum, ["a", 1, true]);
  });
});

describe("loadContract", () => {
  it("reads the example Adult contract", async () => {
    const contract = await loadContract("examples/model-repo/data/contract.yaml");
    assert.equal(contract.name, "adult-census-income");
    assert.equal(contract.columns.length, 15);
    assert.deepEqual(
      contract.columns.filter((column) => column.roles.includes("target")).map((column) => column.name),
      ["Y"],
    );
    assert.deepEqual(contract.dialect, { delimiter: ",", quote: '"', trim: true, nullMarkers: ["", "?"] });
    const byName = new Map(contract.columns.map((column) => [column.name, column]));
    assert.deepEqual(byName.get("age")?.roles, ["feature", "sensitive"]);
    assert.equal(byName.get("age")?.min, 17);
    assert.equal(byName.get("workclass")?.nullable, true);
    assert.equal(byName.get("native-country")?.mostly, 0.99);
    assert.deepEqual(byName.get("Y")?.aliases, { "<=50K.": "<=50K", ">50K.": ">50K" });
    assert.deepEqual(
      contract.columns.filter((column) => column.roles.includes("sensitive")).map((column) => column.name),
      ["age", "race", "sex"],
    );
    assert.equal(contract.dataset.minRows, 1000);
    assert.equal(contract.dataset.maxDuplicateShare, 0.01);
    assert.equal(contract.dataset.minClassShare, 0.1);
    assert.equal(contract.hygiene.maxTestInTrainShare, 0.01);
    // Not written in the file, so the default holds.
    assert.equal(contract.hygiene.conflictingLabels, "error");
  });

  it("names the path when the contract file does not exist", async () => {
    const path = "no/such/dir/contract.yaml";
    await assert.rejects(loadContract(path), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.equal(error.file, path);
      assert.match(error.message, /^no\/such\/dir\/contract\.yaml: data contract not found/);
      assert.match(error.hint ?? "", /--contract/);
      return true;
    });
  });

  it("says so when the path is a directory", async () => {
    await assert.rejects(loadContract("examples/model-repo/data"), /data contract is a directory/);
  });
});

describe("parseContract: Frictionless Table Schema", () => {
  const schema = {
    description: "People",
    missingValues: ["", "NA"],
    primaryKey: "id",
    fields: [
      { name: "id", type: "integer" },
      { name: "plan", type: "string", constraints: { enum: ["free", "pro"], required: true } },
      { name: "score", type: "number", title: "Score", constraints: { minimum: 0, exclusiveMaximum: 1 } },
      { name: "active", type: "boolean", trueValues: ["yes"], falseValues: ["no"] },
      { name: "joined", type: "date", constraints: { minimum: "2000-01-01" } },
      { name: "seen", type: "datetime" },
      { name: "born", type: "year" },
      { name: "note", type: "any", description: "Free text", constraints: { maxLength: 200, pattern: "[^<>]*" } },
      { name: "untyped" },
      { name: "proto", type: "any" },
      { name: "code", type: "string", constraints: { unique: true, minLength: 2 } },
    ],
  };

  it("recognises a Table Schema by its fields list", () => {
    assert.equal(isFrictionless(schema), true);
    assert.equal(isFrictionless({ fields: "id" }), false);
    assert.equal(isFrictionless({ fields: [], columns: [] }), false);
    assert.equal(isFrictionless([{ fields: [] }]), false);
    assert.equal(isFrictionless(null), false);
  });

  it("maps field types, constraints, missingValues and the primary key onto the contract", () => {
    const contract = parseContract(JSON.stringify(schema, null, 2), "schema.json");
    assert.equal(contract.source, "frictionless");
    assert.equal(contract.description, "People");
    assert.deepEqual(contract.dialect.nullMarkers, ["", "NA"]);
    const byName = new Map(contract.columns.map((column) => [column.name, column]));
    assert.deepEqual(
      contract.columns.map((column) => [column.name, column.type]),
      [
        ["id", "integer"],
        ["plan", "string"],
        ["score", "number"],
        ["active", "boolean"],
        ["joined", "date"],
        ["seen", "datetime"],
        ["born", "integer"],
        ["note", "string"],
        ["untyped", "string"],
        ["proto", "string"],
        ["code", "string"],
      ],
    );
    // The primary key is unique and never null; Frictionless `required` means "not null".
    assert.equal(byName.get("id")?.unique, true);
    assert.equal(byName.get("id")?.nullable, false);
    assert.equal(byName.get("plan")?.nullable, false);
    assert.deepEqual(byName.get("plan")?.enum, ["free", "pro"]);
    assert.equal(byName.get("score")?.nullable, true);
    assert.equal(byName.get("score")?.min, 0);
    assert.equal(byName.get("score")?.exclusiveMax, 1);
    assert.equal(byName.get("score")?.description, "Score");
    assert.deepEqual(byName.get("active")?.trueValues, ["yes"]);
    assert.deepEqual(byName.get("active")?.falseValues, ["no"]);
    assert.equal(byName.get("joined")?.min, "2000-01-01");
    assert.equal(byName.get("note")?.description, "Free text");
    assert.equal(byName.get("note")?.maxLength, 200);
    assert.equal(byName.get("note")?.pattern, "[^<>]*");
    assert.equal(byName.get("code")?.unique, true);
    assert.equal(byName.get("code")?.minLength, 2);
    for (const column of contract.columns) {
      assert.deepEqual(column.roles, ["feature"]);
      // Every field of a Table Schema is expected in the data.
      assert.equal(column.required, true);
    }
    assert.deepEqual(
      contract.columns.map((column) => column.pointer),
      contract.columns.map((_, index) => `/columns/${index}`),
    );
  });

  it("defaults missingValues to the empty string", () => {
    const contract = parseContract(JSON.stringify({ fields: [{ name: "a", type: "integer" }] }), "schema.json");
    assert.deepEqual(contract.dialect.nullMarkers, [""]);
  });

  it("makes every field of a composite primary key non-null but not unique on its own", () => {
    const contract = parseContract(
      JSON.stringify({
        primaryKey: ["store", "day"],
        fields: [{ name: "store" }, { name: "day", type: "date" }, { name: "sales", type: "number" }],
      }),
      "schema.json",
    );
    assert.deepEqual(
      contract.columns.map((column) => [column.nullable, column.unique]),
      [
        [false, false],
        [false, false],
        [true, false],
      ],
    );
  });

  it("refuses a primary key naming a field that does not exist", () => {
    rejects(JSON.stringify({ primaryKey: ["id", "idd"], fields: [{ name: "id" }] }), {
      file: "schema.json",
      pattern: /primaryKey names "idd", which is not a field/,
      pointer: "/primaryKey/1",
    });
  });

  it("checks string formats with a pattern, alongside the field's own pattern", () => {
    const contract = parseContract(
      JSON.stringify({
        fields: [
          { name: "id", format: "uuid" },
          { name: "mail", format: "email", constraints: { pattern: ".*@example\\.org" } },
        ],
      }),
      "schema.json",
    );
    const anchored = (pattern: string | undefined): RegExp => new RegExp(`^(?:${pattern ?? ""})$`, "u");
    assert.ok(anchored(contract.columns[0]?.pattern).test("123e4567-e89b-12d3-a456-426614174000"));
    assert.ok(!anchored(contract.columns[0]?.pattern).test("not-a-uuid"));
    assert.ok(anchored(contract.columns[1]?.pattern).test("ann@example.org"));
    assert.ok(!anchored(contract.columns[1]?.pattern).test("ann@example.com"), "the field's pattern still applies");
    assert.ok(!anchored(contract.columns[1]?.pattern).test("@example.org"), "the email format still applies");
  });

  it("refuses an unsupported field type with its pointer, its line and the supported types", () => {
    const text = ["fields:", "  - name: id", "    type: integer", "  - name: opens", "    type: time", ""].join("\n");
    const error = rejects(text, {
      file: "schema.yaml",
      pattern: /field "opens" has type "time", which modelship cannot check/,
      pointer: "/fields/1/type",
      line: 5,
      column: 11,
    });
    assert.match(error.hint ?? "", /integer, number, string, boolean, date, datetime, year, any/);
    rejects(JSON.stringify({ fields: [{ name: "x", type: "constructor" }] }), {
      file: "schema.json",
      pattern: /type "constructor"/,
      pointer: "/fields/0/type",
    });
  });

  it("refuses a date format other than ISO 8601", () => {
    rejects(JSON.stringify({ fields: [{ name: "d", type: "date", format: "%d/%m/%Y" }] }), {
      file: "schema.json",
      pattern: /reads ISO 8601 dates only/,
      pointer: "/fields/0/format",
    });
  });

  it("refuses number notations it cannot read", () => {
    rejects(JSON.stringify({ fields: [{ name: "x", type: "number", decimalChar: "," }] }), {
      file: "schema.json",
      pattern: /decimalChar ","/,
      pointer: "/fields/0/decimalChar",
    });
    rejects(JSON.stringify({ fields: [{ name: "x", type: "integer", bareNumber: false }] }), {
      file: "schema.json",
      pattern: /bareNumber: false/,
      pointer: "/fields/0/bareNumber",
    });
  });

  it("names the field pointer for shape errors", () => {
    rejects(JSON.stringify({ fields: [{ name: "a" }, "b"] }), {
      file: "schema.json",
      pattern: /a field must be a mapping/,
      pointer: "/fields/1",
    });
    rejects(JSON.stringify({ fields: [{ type: "integer" }] }), {
      file: "schema.json",
      pattern: /a field needs a non-empty `name`/,
      pointer: "/fields/0/name",
    });
    rejects(JSON.stringify({ fields: [] }), { file: "schema.json", pattern: /has no fields/, pointer: "/fields" });
    rejects(JSON.stringify({ fields: [{ name: "a", constraints: [] }] }), {
      file: "schema.json",
      pattern: /constraints of field "a" must be a mapping/,
      pointer: "/fields/0/constraints",
    });
    rejects(JSON.stringify({ fields: [{ name: "a", constraints: { required: "yes" } }] }), {
      file: "schema.json",
      pattern: /constraint required of field "a" must be true or false/,
      pointer: "/fields/0/constraints/required",
    });
    rejects(JSON.stringify({ missingValues: "NA", fields: [{ name: "a" }] }), {
      file: "schema.json",
      pattern: /missingValues must be a list of strings/,
      pointer: "/missingValues",
    });
  });

  it("refuses an unknown constraint and lists the known ones", () => {
    const text = ["fields:", "  - name: a", "    type: integer", "    constraints:", "      minimun: 0", ""].join("\n");
    const error = rejects(text, {
      file: "schema.yaml",
      pattern: /unknown constraint "minimun" on field "a"/,
      pointer: "/fields/0/constraints/minimun",
      line: 5,
    });
    assert.match(error.hint ?? "", /minimum/);
  });

  it("reports contract-level checks at the field's own pointer", () => {
    const text = ["fields:", "  - name: city", "    type: string", "    constraints:", "      minimum: 3", ""].join("\n");
    rejects(text, {
      file: "schema.yaml",
      pattern: /min does not apply to a string column/,
      pointer: "/fields/0/constraints/minimum",
      line: 5,
    });
    rejects(JSON.stringify({ fields: [{ name: "n", type: "integer", constraints: { enum: [1, "two"] } }] }), {
      file: "schema.json",
      pattern: /enum value "two"/,
      pointer: "/fields/0/constraints/enum/1",
    });
    rejects(JSON.stringify({ fields: [{ name: "a" }, { name: "a" }] }), {
      file: "schema.json",
      pattern: /declared twice \(also at \/fields\/0\)/,
      pointer: "/fields/1/name",
    });
  });
});
