/**
 * Configured regexes (`pii.patterns`, `forbid_patterns`) on attacker-controlled cells: the contract
 * refuses exponential ones (pii-contract.test.ts); these tests show the polynomial ones that pass
 * that check are bounded by the cap on the text a configured regex sees.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPiiMatcher } from "../../../../src/data/pii/pii-detectors.ts";
import { DEFAULT_PII_SCAN, PiiColumnScan } from "../../../../src/data/pii/pii-scan.ts";
import { Redactor } from "../../../../src/data/pii/redact.ts";
import { CONFIGURED_REGEX_MAX_CHARS, regexBacktrackingProblem } from "../../../../src/data/pii/regex-safety.ts";
import { contractColumn as column } from "../../../support/contracts.ts";

// Cubic backtracking (three overlapping stars), which neither rule refuses: on n digits without an
// "x" V8 tries about n³/6 splits per start, so 100,000 digits would take weeks, 1,000 a fraction of a second.
const CUBIC = "^\\d*\\d*\\d*x";
const ATTACK = "1".repeat(100_000);
const BUDGET_MS = 5_000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe("configured regexes see a capped text", () => {
  test("the cubic pattern passes the load check, so only the cap bounds it", () => {
    assert.equal(regexBacktrackingProblem(CUBIC), undefined);
    assert.ok(regexBacktrackingProblem("^(\\w+\\s?)+$") !== undefined);
  });

  test("Redactor.value and the matcher finish on a 100,000-character attack value", () => {
    const redactor = new Redactor([], { customPatterns: [new RegExp(CUBIC, "u")] });
    const shown = timed(() => redactor.value("c", ATTACK));
    assert.ok(shown.ms < BUDGET_MS, `${shown.ms} ms`);
    assert.equal(shown.value, ATTACK);
    const matcher = createPiiMatcher([], [new RegExp(CUBIC, "u")]);
    const hit = timed(() => matcher(ATTACK));
    assert.ok(hit.ms < BUDGET_MS, `${hit.ms} ms`);
  });

  test("forbid_patterns in validate finish too", () => {
    const scan = PiiColumnScan.for({
      column: column("note", "string", { forbidPatterns: [CUBIC] }),
      settings: DEFAULT_PII_SCAN,
      path: "data.csv",
      maxExamples: 3,
    })!;
    const outcome = timed(() => scan.classify(ATTACK));
    assert.ok(outcome.ms < BUDGET_MS, `${outcome.ms} ms`);
    assert.equal(outcome.value.forbidden, -1);
  });

  test("what the cap costs: a match past the first 1,000 characters is not seen by a configured regex (documented)", () => {
    const matcher = createPiiMatcher([], [/EMP-\d{6}/u]);
    assert.equal(CONFIGURED_REGEX_MAX_CHARS, 1000);
    assert.deepEqual(matcher("x".repeat(990) + "EMP-123456"), { detector: "custom", pattern: 0 });
    assert.equal(matcher("x".repeat(1000) + "EMP-123456"), undefined);
  });
});
