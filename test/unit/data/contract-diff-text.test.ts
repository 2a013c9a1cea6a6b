/** The contract diff's terminal text: breaking changes first, notable ones, the rest counted (-v lists them). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { parseContract } from "../../../src/data/contract/load-contract.ts";
import { diffContracts, type ContractDiff } from "../../../src/data/contract/contract-diff.ts";
import { renderContractDiffText } from "../../../src/data/contract/contract-diff-text.ts";

const MIXED: ContractDiff = {
  breaking: true,
  changes: [
    { column: "age", kind: "max_raised", breaking: false, message: "max raised from 90 to 100" },
    { column: "plan", kind: "enum_value_removed", breaking: true, message: 'enum no longer accepts "pro"' },
    { column: "id", kind: "role_changed", breaking: false, notable: true, message: "role changed from [] to [id]" },
    { kind: "min_rows_lowered", breaking: false, message: "min_rows lowered from 100 to 50" },
  ],
};

describe("contract diff text", () => {
  test("breaking: the count first, then the breaking change, the notable one, and the others counted", () => {
    assert.equal(
      renderContractDiffText(MIXED, PLAIN),
      [
        "✗ 1 breaking change to the data contract: data that passed the old contract may fail the new one",
        '  ✗ column plan: enum no longer accepts "pro" (enum_value_removed)',
        "  ! column id: role changed from [] to [id] (role_changed)",
        "  2 other changes, none breaking (-v lists them)",
      ].join("\n"),
    );
  });

  test("-q keeps the breaking ones only; -v lists every change", () => {
    assert.equal(
      renderContractDiffText(MIXED, { ...PLAIN, quiet: true }),
      [
        "✗ 1 breaking change to the data contract: data that passed the old contract may fail the new one",
        '  ✗ column plan: enum no longer accepts "pro" (enum_value_removed)',
      ].join("\n"),
    );
    assert.equal(
      renderContractDiffText(MIXED, { ...PLAIN, verbose: true }),
      [
        "✗ 1 breaking change to the data contract: data that passed the old contract may fail the new one",
        '  ✗ column plan: enum no longer accepts "pro" (enum_value_removed)',
        "  ! column id: role changed from [] to [id] (role_changed)",
        "  · column age: max raised from 90 to 100 (max_raised)",
        "  · min_rows lowered from 100 to 50 (min_rows_lowered)",
      ].join("\n"),
    );
  });

  test("none breaking: the changes are listed, since they are all there is; no changes: one line", () => {
    const loosened = diffContracts(
      parseContract("columns:\n  - {name: age, type: integer, max: 90}\n", "old.yaml"),
      parseContract("columns:\n  - {name: age, type: integer, max: 100}\n", "new.yaml"),
    );
    assert.equal(
      renderContractDiffText(loosened, PLAIN),
      [
        "✓ 1 change to the data contract, none breaking: data that passed the old contract still passes",
        "  · column age: max raised from 90 to 100 (max_raised)",
      ].join("\n"),
    );
    assert.equal(renderContractDiffText({ breaking: false, changes: [] }, PLAIN), "✓ No changes to the data contract.");
  });

  test("colour through unstyled; a column name's escape sequence is shown, not run", () => {
    const coloured = renderContractDiffText(MIXED, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /^\u001b\[31m✗\u001b\[39m \u001b\[1m1 breaking change/);
    assert.equal(unstyled(coloured), renderContractDiffText(MIXED, PLAIN));
    const evil: ContractDiff = {
      breaking: true,
      changes: [{ column: "a\u001b[2Jb", kind: "column_removed", breaking: true, message: "column removed" }],
    };
    assert.equal(renderContractDiffText(evil, PLAIN).split("\n")[1], "  ✗ column a\\u001b[2Jb: column removed (column_removed)");
  });
});
