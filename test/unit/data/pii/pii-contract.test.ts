/**
 * The contract's PII keys: defaults, `hashed` implying `pii: hashed`, the contract-level `pii:`
 * block, and a UserError naming the file, line, JSON pointer and a fix for each mistake.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError, type UserError } from "../../../../src/common/errors.ts";
import { parseContract } from "../../../../src/data/contract/load-contract.ts";
import { diffContracts } from "../../../../src/data/contract/contract-diff.ts";

const FILE = "data/contract.yaml";

function rejects(text: string, expected: { pattern: RegExp; line?: number; pointer?: string }): UserError {
  let caught: unknown;
  try {
    parseContract(text, FILE);
  } catch (error) {
    caught = error;
  }
  assert.ok(isUserError(caught), `expected a UserError, got ${String(caught)}`);
  assert.match(caught.message, expected.pattern);
  assert.equal(caught.file, FILE);
  assert.match(caught.message, /\n {2}Fix: \S/, "the message says how to fix it");
  if (expected.line !== undefined) assert.ok(caught.message.startsWith(`${FILE}:${expected.line}`), caught.message);
  if (expected.pointer !== undefined) assert.ok(caught.message.includes(expected.pointer), caught.message);
  return caught;
}

describe("contract PII keys", () => {
  it("defaults: no pii, redact false, no forbidden patterns, no pii block", () => {
    const contract = parseContract("columns:\n  - {name: a, type: string}\n", FILE);
    const column = contract.columns[0]!;
    assert.equal(column.pii, undefined);
    assert.equal(column.hashed, undefined);
    assert.equal(column.redact, false);
    assert.deepEqual(column.forbidPatterns, []);
    assert.equal(contract.pii, undefined);
  });

  it("reads pii, hashed, redact and forbid_patterns, and the pii block with its defaults", () => {
    const contract = parseContract(
      [
        "pii:",
        "  detectors: [email, iban]",
        "  patterns: [{name: badge, regex: 'E\\d{6}'}]",
        "columns:",
        "  - {name: a, type: string, pii: forbid, redact: true, forbid_patterns: ['secret', '\\bpw\\b']}",
        "  - {name: b, type: string, hashed: {format: salted}}",
        "  - {name: c, type: string, pii: hashed}",
        "  - {name: d, type: categorical, pii: allow}",
      ].join("\n"),
      FILE,
    );
    const [a, b, c, d] = contract.columns;
    assert.deepEqual([a!.pii, a!.redact, a!.forbidPatterns], ["forbid", true, ["secret", "\\bpw\\b"]]);
    assert.deepEqual([b!.pii, b!.hashed], ["hashed", { format: "salted" }], "hashed alone means pii: hashed");
    assert.deepEqual([c!.pii, c!.hashed], ["hashed", { format: "hex" }], "pii: hashed defaults to any hex digest");
    assert.equal(d!.pii, "allow");
    assert.deepEqual(contract.pii, {
      scan: true,
      detectors: ["email", "iban"],
      patterns: [{ name: "badge", regex: "E\\d{6}" }],
      minShare: 0,
      severity: "warning",
    });
  });

  it("refuses a forbidden pattern that does not compile, at its line and pointer", () => {
    rejects("columns:\n  - name: a\n    type: string\n    forbid_patterns:\n      - ok\n      - '[a-'\n", {
      pattern: /forbid_patterns\[1\] of column "a" is not a valid regular expression/,
      line: 6,
      pointer: "/columns/0/forbid_patterns/1",
    });
  });

  it("refuses, at load, patterns that backtrack catastrophically (the ReDoS attack), and keeps ordinary ones", () => {
    // The attack: ^(\w+\s?)+$ takes V8 16 s on "a" × 28 + "!"; each line below is refused before any cell is read.
    rejects("pii:\n  patterns:\n    - {name: words, regex: '^(\\w+\\s?)+$'}\ncolumns:\n  - {name: a, type: string}\n", {
      pattern: /pii pattern "words" can backtrack catastrophically: it repeats a group that itself repeats/,
      line: 3,
      pointer: "/pii/patterns/0/regex",
    });
    const alternation = rejects("columns:\n  - name: a\n    type: string\n    forbid_patterns: ['^(\\w|\\d)*$']\n", {
      pattern: /forbid_patterns\[0\] of column "a" can backtrack catastrophically: it repeats a group that holds an alternation/,
      line: 4,
      pointer: "/columns/0/forbid_patterns/0",
    });
    assert.match(alternation.hint ?? "", /\^\[\\w\\s\]\+\$/);
    rejects("columns:\n  - name: a\n    type: string\n    forbid_patterns: ['(a+){2,}']\n", { pattern: /backtrack catastrophically/ });
    // Ordinary patterns load: bounded groups, optional alternations, classes with | inside.
    const contract = parseContract(
      "pii:\n  patterns:\n    - {name: a, regex: '^EMP-\\d{6}$'}\n    - {name: b, regex: '(?:Mr|Mrs)\\.? [A-Z][a-z]+'}\n    - {name: c, regex: '[|(]x+'}\n    - {name: d, regex: '(ab|cd){1}\\d+'}\ncolumns:\n  - {name: a, type: string, forbid_patterns: ['[Pp]assword']}\n",
      FILE,
    );
    assert.equal(contract.pii?.patterns.length, 4);
  });

  it("refuses a pii pattern that does not compile, and two patterns of one name", () => {
    rejects("pii:\n  patterns:\n    - {name: x, regex: '(unclosed'}\ncolumns:\n  - {name: a, type: string}\n", {
      pattern: /pii pattern "x" is not a valid regular expression/,
      line: 3,
      pointer: "/pii/patterns/0/regex",
    });
    rejects("pii:\n  patterns:\n    - {name: x, regex: a}\n    - {name: x, regex: b}\ncolumns:\n  - {name: a, type: string}\n", {
      pattern: /pii pattern "x" is declared twice/,
      line: 4,
      pointer: "/pii/patterns/1/name",
    });
  });

  it("refuses hashed beside pii: forbid, pii: hashed on a number, and a length for salted hashes", () => {
    rejects("columns:\n  - name: a\n    type: string\n    pii: forbid\n    hashed: {format: hex}\n", {
      pattern: /has a hashed format but pii: forbid/,
      line: 5,
      pointer: "/columns/0/hashed",
    });
    rejects("columns:\n  - name: a\n    type: integer\n    pii: hashed\n", {
      pattern: /is pii: hashed but of type integer/,
      line: 3,
      pointer: "/columns/0/type",
    });
    rejects("columns:\n  - name: a\n    type: string\n    hashed: {format: salted, length: 60}\n", {
      pattern: /a salted hash has no fixed length/,
      line: 4,
      pointer: "/columns/0/hashed/length",
    });
  });

  it("refuses unknown values through the schema, with their pointer", () => {
    rejects("columns:\n  - {name: a, type: string, pii: maybe}\n", { pattern: /\/columns\/0\/pii: must be one of/, line: 2 });
    rejects("pii:\n  detectors: [email, passport]\ncolumns:\n  - {name: a, type: string}\n", {
      pattern: /\/pii\/detectors\/1: must be one of/,
      line: 2,
    });
    rejects("columns:\n  - {name: a, type: string, hashed: {format: sha256}}\n", { pattern: /\/columns\/0\/hashed\/format/, line: 2 });
    rejects("pii:\n  min_share: 2\ncolumns:\n  - {name: a, type: string}\n", { pattern: /\/pii\/min_share/, line: 2 });
  });

  it("contract diff: forbidding, requiring a hash or adding a forbidden pattern is breaking; allow and redact are not", () => {
    const contract = (column: string) => parseContract(`columns:\n  - {name: a, type: string${column}}\n`, FILE);
    const changes = (before: string, after: string) =>
      diffContracts(contract(before), contract(after)).changes.map((change) => [change.kind, change.breaking]);
    assert.deepEqual(changes("", ", pii: forbid"), [["pii_changed", true]]);
    assert.deepEqual(changes(", pii: forbid", ", pii: allow"), [["pii_changed", false]]);
    assert.deepEqual(changes("", ", hashed: {format: salted}"), [["pii_changed", true]]);
    assert.deepEqual(changes(", pii: hashed", ", hashed: {format: hex, length: 64}"), [["hashed_changed", true]]);
    assert.deepEqual(changes(", forbid_patterns: [x]", ", forbid_patterns: [y]"), [
      ["forbid_patterns_added", true],
      ["forbid_patterns_removed", false],
    ]);
    assert.deepEqual(changes("", ", redact: true"), [["redact_true", false]]);
  });
});
