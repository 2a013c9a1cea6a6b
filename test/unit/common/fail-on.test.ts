/**
 * The one fail-on rule (common/fail-on.ts) against each stage's rule written out as a truth table:
 * validate (error | warning | never), gates (fail | warn | never) and drift (drift | warn | never,
 * where insufficient_data counts as a warning because it is never a pass).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { failsOn } from "../../../src/common/fail-on.ts";
import { passes } from "../../../src/gates/decide.ts";
import { driftFails } from "../../../src/drift/report-types.ts";
import { passesPolicy } from "../../../src/stages/validate-stage.ts";
import type { ValidationReport } from "../../../src/data/validate/validation-report-types.ts";

describe("fail-on", () => {
  test("the generic rule: fails when the outcome is at least as bad as the level; never and ok never fail", () => {
    const scale = ["worst", "bad"] as const;
    const table: [string, string, boolean][] = [
      ["worst", "worst", true],
      ["worst", "bad", false],
      ["worst", "ok", false],
      ["bad", "worst", true],
      ["bad", "bad", true],
      ["bad", "ok", false],
      ["never", "worst", false],
      ["never", "bad", false],
    ];
    for (const [level, outcome, fails] of table)
      assert.equal(failsOn(scale, level as "bad", outcome as "bad"), fails, `${level} / ${outcome}`);
  });

  test("validate: error fails on errors only, warning on errors and warnings, never on nothing", () => {
    const report = (errors: number, warnings: number) =>
      ({ summary: { checks: 3, passed: 3 - errors - warnings, errors, warnings, skipped: 0 } }) as ValidationReport;
    const table: [string, number, number, boolean][] = [
      ["error", 1, 0, false],
      ["error", 0, 2, true],
      ["error", 0, 0, true],
      ["warning", 1, 0, false],
      ["warning", 0, 2, false],
      ["warning", 0, 0, true],
      ["never", 1, 1, true],
    ];
    for (const [failOn, errors, warnings, passed] of table)
      assert.equal(passesPolicy(report(errors, warnings), failOn as "error"), passed, `${failOn} ${errors}/${warnings}`);
  });

  test("gates: fail fails on a failed verdict, warn on a warning too, never on nothing", () => {
    const table: [string, string, boolean][] = [
      ["fail", "fail", false],
      ["fail", "warn", true],
      ["fail", "pass", true],
      ["warn", "fail", false],
      ["warn", "warn", false],
      ["warn", "pass", true],
      ["never", "fail", true],
    ];
    for (const [failOn, verdict, passed] of table)
      assert.equal(passes(verdict as "fail", failOn as "fail"), passed, `${failOn} ${verdict}`);
  });

  test("drift: drift fails on drift, warn on anything short of ok (insufficient_data included), never on nothing", () => {
    const table: [string, string, boolean][] = [
      ["drift", "drift", true],
      ["drift", "warn", false],
      ["drift", "insufficient_data", false],
      ["drift", "ok", false],
      ["warn", "drift", true],
      ["warn", "warn", true],
      ["warn", "insufficient_data", true],
      ["warn", "ok", false],
      ["never", "drift", false],
    ];
    for (const [failOn, status, fails] of table) assert.equal(driftFails(status as "ok", failOn as "drift"), fails, `${failOn} ${status}`);
  });
});
