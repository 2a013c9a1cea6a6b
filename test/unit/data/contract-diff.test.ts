import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseContract } from "../../../src/data/contract/load-contract.ts";
import {
  diffContracts,
  renderContractDiffMarkdown,
  type ContractChange,
  type ContractDiff,
} from "../../../src/data/contract/contract-diff.ts";

const BASE = `
columns:
  - {name: id, type: integer, unique: true}
  - {name: age, type: integer, min: 17, max: 100}
  - {name: income, type: number}
  - {name: plan, type: categorical, enum: [free, pro]}
`;

/** Diffs two contracts given as YAML text. */
function diff(before: string, after: string): ContractDiff {
  return diffContracts(parseContract(before, "old/contract.yaml"), parseContract(after, "new/contract.yaml"));
}

/** BASE with one column line replaced (matched by its `name: x,` prefix) or, with no match, appended. */
function edit(name: string, line: string, base = BASE): string {
  const lines = base.split("\n");
  const index = lines.findIndex((text) => text.includes(`{name: ${name},`));
  if (index === -1) return `${base}  ${line}\n`;
  lines[index] = `  ${line}`;
  return lines.join("\n");
}

/** The one change of `kind`, failing when there is none or several. */
function only(result: ContractDiff, kind: string): ContractChange {
  const matches = result.changes.filter((change) => change.kind === kind);
  assert.equal(matches.length, 1, `expected one ${kind} in ${JSON.stringify(result.changes)}`);
  return matches[0]!;
}

describe("diffContracts", () => {
  it("finds nothing between a contract and itself", () => {
    assert.deepEqual(diff(BASE, BASE), { breaking: false, changes: [] });
  });

  it("finds nothing when only defaults are spelled out", () => {
    const explicit = edit(
      "income",
      "- {name: income, type: number, required: true, nullable: true, unique: false, mostly: 1, severity: error}",
    );
    assert.deepEqual(diff(BASE, `${explicit}dialect: {delimiter: ",", trim: false, null_markers: [""]}\n`).changes, []);
  });

  it("calls a removed column breaking", () => {
    const result = diff(BASE, BASE.replace(/^.*name: income.*\n/m, ""));
    assert.deepEqual(only(result, "column_removed"), {
      column: "income",
      kind: "column_removed",
      breaking: true,
      message: "column removed",
    });
    assert.equal(result.breaking, true);
  });

  it("does not call an added optional column breaking, since data without it still passes", () => {
    const result = diff(BASE, edit("city", "- {name: city, type: string, required: false}"));
    assert.equal(only(result, "column_added").breaking, false);
    assert.equal(result.breaking, false);
  });

  it("calls an added required column breaking, since existing data lacks it", () => {
    const result = diff(BASE, edit("city", "- {name: city, type: string}"));
    const change = only(result, "column_added");
    assert.equal(change.breaking, true);
    assert.equal(change.column, "city");
    assert.match(change.message, /required string column added/);
  });

  it("calls narrowing a type breaking: 2.5 passed as a number but fails as an integer", () => {
    const result = diff(BASE, edit("income", "- {name: income, type: integer}"));
    assert.equal(only(result, "type_narrowed").breaking, true);
    assert.equal(result.breaking, true);
  });

  it("does not call widening a type breaking: every integer is a number", () => {
    const result = diff(BASE, edit("age", "- {name: age, type: number, min: 17, max: 100}"));
    assert.equal(only(result, "type_widened").breaking, false);
    assert.equal(result.breaking, false);
  });

  it("calls a raised minimum breaking and a lowered one not", () => {
    const raised = diff(BASE, edit("age", "- {name: age, type: integer, min: 18, max: 100}"));
    assert.equal(only(raised, "min_raised").breaking, true);
    const lowered = diff(BASE, edit("age", "- {name: age, type: integer, min: 16, max: 100}"));
    assert.equal(only(lowered, "min_lowered").breaking, false);
    assert.equal(lowered.breaking, false);
  });

  it("calls a lowered maximum breaking and a raised one not", () => {
    assert.equal(only(diff(BASE, edit("age", "- {name: age, type: integer, min: 17, max: 99}")), "max_lowered").breaking, true);
    assert.equal(only(diff(BASE, edit("age", "- {name: age, type: integer, min: 17, max: 120}")), "max_raised").breaking, false);
  });

  it("calls an added bound breaking and a removed one not", () => {
    assert.equal(only(diff(BASE, edit("income", "- {name: income, type: number, min: 0}")), "min_added").breaking, true);
    assert.equal(only(diff(BASE, edit("age", "- {name: age, type: integer, min: 17}")), "max_removed").breaking, false);
  });

  it("compares a quoted numeric bound by its value, not as text", () => {
    // 10 is above 9: data with a 9 passed before and fails now.
    const before = edit("age", "- {name: age, type: integer, min: 9}");
    assert.equal(only(diff(before, edit("age", '- {name: age, type: integer, min: "10"}')), "min_raised").breaking, true);
    assert.equal(only(diff(edit("age", '- {name: age, type: integer, min: "10"}'), before), "min_lowered").breaking, false);
    assert.deepEqual(diff(before, edit("age", '- {name: age, type: integer, min: "9"}')).changes, []);
  });

  it("compares date bounds chronologically", () => {
    const before = edit("joined", "- {name: joined, type: date, min: 2020-01-31}");
    assert.equal(only(diff(before, edit("joined", "- {name: joined, type: date, min: 2020-02-01}", before)), "min_raised").breaking, true);
    assert.equal(
      only(diff(before, edit("joined", "- {name: joined, type: date, min: 2019-12-31}", before)), "min_lowered").breaking,
      false,
    );
  });

  it("compares date-time bounds by the instant they name, whatever their offset", () => {
    // 01:00+02:00 is 23:00Z the day before: an earlier instant, though it sorts later as text.
    const before = edit("seen", '- {name: seen, type: datetime, max: "2024-01-01T00:00:00Z"}');
    const after = edit("seen", '- {name: seen, type: datetime, max: "2024-01-01T01:00:00+02:00"}', before);
    assert.equal(only(diff(before, after), "max_lowered").breaking, true);
  });

  it("calls a removed enum value breaking and an added one not", () => {
    const removed = diff(BASE, edit("plan", "- {name: plan, type: categorical, enum: [free]}"));
    assert.equal(only(removed, "enum_value_removed").breaking, true);
    assert.match(only(removed, "enum_value_removed").message, /"pro"/);
    const added = diff(BASE, edit("plan", "- {name: plan, type: categorical, enum: [free, pro, team]}"));
    assert.equal(only(added, "enum_value_added").breaking, false);
    assert.equal(added.breaking, false);
  });

  it("calls adding an enum breaking and dropping it not", () => {
    assert.equal(only(diff(BASE, edit("income", "- {name: income, type: number, enum: [1, 2]}")), "enum_added").breaking, true);
    assert.equal(only(diff(BASE, edit("plan", "- {name: plan, type: categorical}")), "enum_removed").breaking, false);
  });

  it("calls forbidding nulls breaking and allowing them not", () => {
    const strict = edit("income", "- {name: income, type: number, nullable: false}");
    assert.equal(only(diff(BASE, strict), "nullable_false").breaking, true);
    assert.equal(only(diff(strict, BASE), "nullable_true").breaking, false);
  });

  it("calls making a column required breaking and optional not", () => {
    const optional = edit("income", "- {name: income, type: number, required: false}");
    assert.equal(only(diff(optional, BASE), "required_true").breaking, true);
    assert.equal(only(diff(BASE, optional), "required_false").breaking, false);
  });

  it("calls a raised mostly and a severity raised to error breaking", () => {
    const lax = edit("income", "- {name: income, type: number, mostly: 0.9, severity: warning}");
    const result = diff(lax, BASE);
    assert.equal(only(result, "mostly_raised").breaking, true);
    assert.equal(only(result, "severity_changed").breaking, true);
    assert.equal(diff(BASE, lax).breaking, false);
  });

  it("calls a role change notable but not breaking", () => {
    const change = only(diff(BASE, edit("plan", "- {name: plan, type: categorical, enum: [free, pro], role: target}")), "role_changed");
    assert.equal(change.breaking, false);
    assert.equal(change.notable, true);
  });

  it("calls any dialect change breaking, since it changes what every cell reads as", () => {
    const trimmed = diff(BASE, `${BASE}dialect: {trim: true}\n`);
    assert.equal(only(trimmed, "dialect_changed").breaking, true);
    assert.match(only(trimmed, "dialect_changed").message, /trim changed from false to true/);
    const markers = diff(`${BASE}dialect: {null_markers: ["", "?"]}\n`, `${BASE}dialect: {null_markers: ["", "NA"]}\n`);
    assert.deepEqual(
      markers.changes.map((change) => [change.kind, change.breaking, change.message]),
      [
        ["dialect_changed", true, 'null markers "?" removed'],
        ["dialect_changed", true, 'null markers "NA" added'],
      ],
    );
    assert.equal(
      markers.changes.every((change) => change.column === undefined),
      true,
    );
  });

  it("calls a stricter dataset policy breaking and a looser one not", () => {
    assert.equal(only(diff(`${BASE}dataset: {unknown_columns: warning}\n`, BASE), "unknown_columns_stricter").breaking, true);
    assert.equal(only(diff(BASE, `${BASE}dataset: {unknown_columns: ignore}\n`), "unknown_columns_looser").breaking, false);
    assert.equal(only(diff(BASE, `${BASE}dataset: {min_rows: 100}\n`), "min_rows_added").breaking, true);
  });
});

describe("renderContractDiffMarkdown", () => {
  it("says so when nothing changed", () => {
    assert.equal(renderContractDiffMarkdown(diff(BASE, BASE)), "### Data contract changes\n\nNo changes to the data contract.");
  });

  it("counts the breaking changes and lists them before the others", () => {
    const after =
      edit("plan", "- {name: plan, type: categorical, enum: [free, pro, team]}", BASE.replace(/^.*name: income.*\n/m, "")) +
      "dialect: {trim: true}\n";
    const markdown = renderContractDiffMarkdown(diff(BASE, after));
    assert.match(
      markdown,
      /^### Data contract changes\n\n💥 \*\*2 breaking changes\*\*: data that passed the old contract may fail the new one\./,
    );
    const rows = markdown.split("\n").filter((line) => line.startsWith("| 💥") || line.startsWith("| ✅"));
    assert.deepEqual(
      rows.map((row) => row.split(" | ").slice(0, 3).join(" | ")),
      ["| 💥 | — | `dialect_changed`", "| 💥 | `income` | `column_removed`", "| ✅ | `plan` | `enum_value_added`"],
    );
    assert.match(markdown, /now accepts "team"/);
  });

  it("says no change is breaking when none is", () => {
    const markdown = renderContractDiffMarkdown(diff(BASE, edit("age", "- {name: age, type: integer, min: 0, max: 100}")));
    assert.match(markdown, /✅ No breaking changes: data that passed the old contract still passes\./);
    assert.match(markdown, /\| ✅ \| `age` \| `min_lowered` \| min lowered from 17 to 0 \|/);
  });
});
