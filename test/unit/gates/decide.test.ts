/** Gate decisions: a threshold on the point or the CI bound, non-inferiority against the champion, the verdict. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkChampion, checkThreshold, passes, verdictOf } from "../../../src/gates/decide.ts";
import type { GateResult } from "../../../src/gates/gate-report-types.ts";

const base = { on: "point" as const, severity: "fail" as const, confidence: 0.95 };

describe("threshold gates", () => {
  test("a point value at the threshold passes; below it fails or warns by severity", () => {
    assert.equal(checkThreshold({ ...base, value: 0.8, threshold: { min: 0.8 } }).status, "pass");
    assert.equal(checkThreshold({ ...base, value: 0.79, threshold: { min: 0.8 } }).status, "fail");
    assert.equal(checkThreshold({ ...base, severity: "warn", value: 0.79, threshold: { min: 0.8 } }).status, "warn");
    assert.equal(checkThreshold({ ...base, value: 0.11, threshold: { max: 0.1 } }).status, "fail");
  });

  test("on: ci compares the pessimistic bound: the lower one for a minimum, the upper one for a maximum", () => {
    const min = checkThreshold({ ...base, on: "ci", value: 0.9, ci: [0.84, 0.95], threshold: { min: 0.85 } });
    assert.deepEqual([min.status, min.observed], ["fail", 0.84]);
    assert.match(min.reason, /lower 95% CI bound 0\.84 < 0\.85/);
    const max = checkThreshold({ ...base, on: "ci", value: 0.05, ci: [0.02, 0.09], threshold: { max: 0.1 } });
    assert.deepEqual([max.status, max.observed], ["pass", 0.09]);
  });

  test("a value that could not be computed is insufficient_data, never a pass or a fail", () => {
    const missing = checkThreshold({ ...base, value: undefined, reason: "only one group", threshold: { max: 0.1 } });
    assert.deepEqual([missing.status, missing.observed, missing.reason], ["insufficient_data", null, "only one group"]);
    assert.equal(checkThreshold({ ...base, on: "ci", value: 0.9, threshold: { min: 0.5 } }).status, "insufficient_data");
  });
});

describe("champion rules", () => {
  const rule = { higherIsBetter: true, margin: 0.01, severity: "fail" as const, confidence: 0.95 };

  test("not_worse fails only when the whole CI of the difference is beyond the margin", () => {
    assert.equal(checkChampion({ ...rule, require: "not_worse", difference: -0.02, ci: [-0.035, -0.011] }).status, "fail");
    assert.equal(checkChampion({ ...rule, require: "not_worse", difference: -0.02, ci: [-0.035, -0.005] }).status, "pass");
  });

  test("non_inferior passes only when the whole CI is within the margin", () => {
    assert.equal(checkChampion({ ...rule, require: "non_inferior", difference: 0.001, ci: [-0.02, 0.02] }).status, "fail");
    assert.equal(checkChampion({ ...rule, require: "non_inferior", difference: 0.001, ci: [-0.009, 0.02] }).status, "pass");
  });

  test("for a metric where lower is better, an increase is the worsening", () => {
    // Log loss up by 0.03 (CI 0.02–0.04): worse beyond the margin 0.01.
    assert.equal(
      checkChampion({ ...rule, higherIsBetter: false, require: "not_worse", difference: 0.03, ci: [0.02, 0.04] }).status,
      "fail",
    );
    assert.equal(checkChampion({ ...rule, higherIsBetter: false, require: "point", difference: -0.03 }).status, "pass");
  });

  test("without a CI the rule has insufficient data unless it compares the point", () => {
    assert.equal(checkChampion({ ...rule, require: "not_worse", difference: -0.5 }).status, "insufficient_data");
    assert.equal(checkChampion({ ...rule, require: "point", difference: -0.5 }).status, "fail");
  });
});

describe("verdict", () => {
  const gate = (status: GateResult["status"]) => ({ status }) as GateResult;
  test("fail beats warn beats pass; missing data is a warning", () => {
    assert.equal(verdictOf([gate("pass"), gate("warn"), gate("fail")]), "fail");
    assert.equal(verdictOf([gate("pass"), gate("insufficient_data")]), "warn");
    assert.equal(verdictOf([gate("pass")]), "pass");
  });
  test("fail-on decides what fails the job", () => {
    assert.deepEqual(
      ["fail", "warn", "never"].map((failOn) => passes("warn", failOn as "fail")),
      [true, false, true],
    );
    assert.deepEqual(
      ["fail", "warn", "never"].map((failOn) => passes("fail", failOn as "fail")),
      [false, false, true],
    );
  });
});
