import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { checkCanaryPolicy, decideCanary, type CanaryDecision, type CanaryPolicy } from "../../../src/gitops/canary-decision.ts";
import { judgeCheck, type CheckResult, type HealthCheck } from "../../../src/gitops/health.ts";
import type { RolloutState } from "../../../src/gitops/targets/target-types.ts";

const NOW = new Date("2025-05-01T12:00:00Z");
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);
const POLICY: CanaryPolicy = { strategy: "canary", steps: [10, 50], bakeMinutes: 30, promote: "auto" };
const STABLE = { version: "0.0.1", uri: "https://example.test/models/0.0.1/model.onnx" };
const canaryAt = (weight: number): RolloutState => ({
  stable: STABLE,
  canary: { version: "0.0.2", uri: "https://example.test/models/0.0.2/model.onnx", weight },
});

const ERROR_RATE: HealthCheck = { name: "error-rate", max: 0.05, maxIncrease: 0.02 };
// Check results as judgeCheck writes them (the first judgeCheck test below holds it to these).
const pass: CheckResult = {
  name: "error-rate",
  canary: 0.02,
  stable: 0.01,
  threshold: "≤ 0.05, ≤ stable + 0.02",
  status: "pass",
  detail: "0.02 meets ≤ 0.05, ≤ stable + 0.02 with stable at 0.01",
};
// 0.19 = 0.2 − 0.01, the canary's increase over stable.
const fail: CheckResult = {
  name: "error-rate",
  canary: 0.2,
  stable: 0.01,
  threshold: "≤ 0.05, ≤ stable + 0.02",
  status: "fail",
  detail: "0.2 is above the maximum 0.05 and 0.2 exceeds the stable model's 0.01 by 0.19, more than the allowed 0.02",
};
const noData: CheckResult = {
  name: "latency-p95",
  canary: null,
  stable: null,
  threshold: "≤ 0.5",
  status: "no-data",
  detail: "no data for the canary (the query returned no series)",
};

describe("judgeCheck", () => {
  it("gives the pass, fail and no-data results the decideCanary cases use", () => {
    assert.deepEqual(judgeCheck(ERROR_RATE, { canary: 0.02, stable: 0.01 }), pass);
    assert.deepEqual(judgeCheck(ERROR_RATE, { canary: 0.2, stable: 0.01 }), fail);
    assert.deepEqual(
      judgeCheck({ name: "latency-p95", max: 0.5 }, { canary: null, stable: null, canaryNote: "the query returned no series" }),
      noData,
    );
  });

  const cases: {
    title: string;
    check: HealthCheck;
    canary: number | null;
    stable?: number | null;
    stableVersion?: string;
    status: CheckResult["status"];
    detail?: RegExp;
  }[] = [
    { title: "a value under max passes", check: { name: "c", max: 0.05 }, canary: 0.049, status: "pass", detail: /0\.049 meets ≤ 0\.05/ },
    { title: "a value equal to max passes (the bound is inclusive)", check: { name: "c", max: 0.05 }, canary: 0.05, status: "pass" },
    {
      title: "a value above max fails",
      check: { name: "c", max: 0.05 },
      canary: 0.051,
      status: "fail",
      detail: /0\.051 is above the maximum 0\.05/,
    },
    { title: "a value equal to min passes", check: { name: "c", min: 0.8 }, canary: 0.8, status: "pass" },
    {
      title: "a value below min fails",
      check: { name: "c", min: 0.8 },
      canary: 0.79,
      status: "fail",
      detail: /0\.79 is below the minimum 0\.8/,
    },
    { title: "a value between min and max passes", check: { name: "c", min: 0.1, max: 0.2 }, canary: 0.15, status: "pass" },
    {
      title: "+Inf is above any max",
      check: { name: "c", max: 1e9 },
      canary: Number.POSITIVE_INFINITY,
      status: "fail",
      detail: /∞ is above/,
    },
    {
      title: "an increase over stable within max_increase passes",
      check: { name: "c", maxIncrease: 0.02 },
      canary: 0.03,
      stable: 0.01,
      status: "pass",
      detail: /with stable at 0\.01/,
    },
    {
      title: "an increase over stable beyond max_increase fails",
      check: { name: "c", maxIncrease: 0.02 },
      canary: 0.04,
      stable: 0.01,
      status: "fail",
      detail: /exceeds the stable model's 0\.01 by 0\.03, more than the allowed 0\.02/,
    },
    {
      title: "a canary better than stable passes max_increase",
      check: { name: "c", maxIncrease: 0 },
      canary: 0.005,
      stable: 0.01,
      status: "pass",
    },
    {
      title: "max and max_increase both broken are both cited",
      check: ERROR_RATE,
      canary: 0.2,
      stable: 0.01,
      status: "fail",
      detail: /above the maximum 0\.05 and 0\.2 exceeds/,
    },
    {
      title: "no canary data holds by default",
      check: { name: "c", max: 1 },
      canary: null,
      status: "no-data",
      detail: /^no data for the canary$/,
    },
    {
      title: "no canary data fails with on_missing fail",
      check: { name: "c", max: 1, onMissing: "fail" },
      canary: null,
      status: "fail",
      detail: /no data for the canary, and on_missing is "fail"/,
    },
    { title: "NaN is no data", check: { name: "c", max: 1 }, canary: Number.NaN, status: "no-data" },
    {
      title: "no stable data for max_increase holds",
      check: { name: "c", maxIncrease: 0.01 },
      canary: 0.02,
      stable: null,
      stableVersion: "0.0.1",
      status: "no-data",
      detail: /no data for the stable model 0\.0\.1/,
    },
    {
      title: "no stable model for max_increase holds",
      check: { name: "c", maxIncrease: 0.01 },
      canary: 0.02,
      stable: null,
      status: "no-data",
      detail: /no stable model to compare with/,
    },
    {
      title: "no stable data with on_missing fail fails",
      check: { name: "c", maxIncrease: 0.01, onMissing: "fail" },
      canary: 0.02,
      stable: null,
      stableVersion: "0.0.1",
      status: "fail",
    },
    {
      title: "an absolute failure wins over missing stable data",
      check: { name: "c", max: 0.05, maxIncrease: 0.01 },
      canary: 0.5,
      stable: null,
      stableVersion: "0.0.1",
      status: "fail",
      detail: /above the maximum/,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const result = judgeCheck(c.check, { canary: c.canary, stable: c.stable ?? null, stableVersion: c.stableVersion });
      assert.equal(result.status, c.status, result.detail);
      if (c.detail) assert.match(result.detail, c.detail);
    });
  }

  it("describes every kind of threshold", () => {
    assert.equal(
      judgeCheck({ name: "c", min: 0.1, max: 0.2, maxIncrease: 0.01 }, { canary: 0.15, stable: 0.15 }).threshold,
      "≥ 0.1, ≤ 0.2, ≤ stable + 0.01",
    );
  });
});

describe("decideCanary", () => {
  const cases: {
    title: string;
    state: RolloutState;
    checks: CheckResult[];
    lastChange: Date | undefined;
    policy?: CanaryPolicy;
    expected: CanaryDecision["action"];
    weight?: number;
    reason: RegExp;
  }[] = [
    {
      title: "does nothing without a canary",
      state: { stable: STABLE },
      checks: [fail],
      lastChange: minutesAgo(60),
      expected: "none",
      reason: /No canary is running/,
    },
    { title: "does nothing for an empty state", state: {}, checks: [], lastChange: undefined, expected: "none", reason: /No canary/ },
    {
      title: "steps up from the first weight to the next when healthy and baked",
      state: canaryAt(10),
      checks: [pass],
      lastChange: minutesAgo(31),
      expected: "step",
      weight: 50,
      reason:
        /^Step canary 0\.0\.2 at 10% up to 50%: all 1 health check pass \(error-rate: 0\.02 meets ≤ 0\.05, ≤ stable \+ 0\.02 with stable at 0\.01\)\.$/,
    },
    {
      title: "steps up exactly when the bake time is over",
      state: canaryAt(10),
      checks: [pass],
      lastChange: minutesAgo(30),
      expected: "step",
      weight: 50,
      reason: /up to 50%/,
    },
    {
      title: "steps to the next listed weight above an unlisted current weight",
      state: canaryAt(25),
      checks: [pass],
      lastChange: minutesAgo(60),
      expected: "step",
      weight: 50,
      reason: /at 25% up to 50%/,
    },
    {
      title: "steps to the first weight when the canary runs below it",
      state: canaryAt(5),
      checks: [pass],
      lastChange: minutesAgo(60),
      expected: "step",
      weight: 10,
      reason: /up to 10%/,
    },
    {
      title: "promotes after the last step",
      state: canaryAt(50),
      checks: [pass],
      lastChange: minutesAgo(60),
      expected: "promote",
      reason: /^Promote canary 0\.0\.2 at 50% to stable: all 1 health check pass/,
    },
    {
      title: "promotes above the last step",
      state: canaryAt(80),
      checks: [pass],
      lastChange: minutesAgo(60),
      expected: "promote",
      reason: /Promote/,
    },
    {
      title: "says a review is needed when promotion is by review",
      state: canaryAt(50),
      checks: [pass],
      lastChange: minutesAgo(60),
      policy: { ...POLICY, promote: "review" },
      expected: "promote",
      reason: /waits for a review\.$/,
    },
    // by 0.19 = 0.2 − 0.01: the canary's increase over stable.
    {
      title: "rolls back on a failing check",
      state: canaryAt(10),
      checks: [pass, fail],
      lastChange: minutesAgo(60),
      expected: "rollback",
      reason:
        /^Roll back canary 0\.0\.2 at 10%: error-rate: 0\.2 is above the maximum 0\.05 and 0\.2 exceeds the stable model's 0\.01 by 0\.19, more than the allowed 0\.02\.$/,
    },
    {
      title: "rolls back before the bake time is over (bad is bad)",
      state: canaryAt(10),
      checks: [fail],
      lastChange: minutesAgo(1),
      expected: "rollback",
      reason: /Roll back/,
    },
    {
      title: "rolls back on a failure even when another check has no data",
      state: canaryAt(10),
      checks: [noData, fail],
      lastChange: minutesAgo(60),
      expected: "rollback",
      reason: /error-rate/,
    },
    {
      title: "rolls back when missing data is configured to fail",
      state: canaryAt(10),
      checks: [judgeCheck({ name: "latency-p95", max: 0.5, onMissing: "fail" }, { canary: null, stable: null })],
      lastChange: minutesAgo(60),
      expected: "rollback",
      reason: /latency-p95: no data for the canary, and on_missing is "fail"/,
    },
    {
      title: "holds while baking, saying how long is left",
      state: canaryAt(10),
      checks: [pass],
      lastChange: minutesAgo(12),
      expected: "hold",
      reason:
        /^Hold canary 0\.0\.2 at 10%: it has baked 12 minutes of 30 minutes since its last change at 2025-05-01T11:48:00\.000Z, 18 minutes left\.$/,
    },
    {
      title: "holds in seconds when less than two minutes are left",
      state: canaryAt(10),
      checks: [pass],
      lastChange: new Date(NOW.getTime() - (30 * 60 - 45) * 1000),
      expected: "hold",
      reason: /45 seconds left/,
    },
    {
      title: "holds in hours for long bake times",
      state: canaryAt(10),
      checks: [pass],
      lastChange: minutesAgo(0),
      policy: { ...POLICY, bakeMinutes: 125 },
      expected: "hold",
      reason: /baked 0 seconds of 2 h 5 min .*, 2 h 5 min left/,
    },
    {
      title: "holds when the last change is in the future (clock skew)",
      state: canaryAt(10),
      checks: [pass],
      lastChange: minutesAgo(-5),
      expected: "hold",
      reason: /baked 0 seconds of 30 minutes/,
    },
    {
      title: "holds when the time of the last change is unknown",
      state: canaryAt(10),
      checks: [pass],
      lastChange: undefined,
      expected: "hold",
      reason: /time of its last change is unknown, so the 30 minutes bake time cannot be checked/,
    },
    {
      title: "steps without a last change when there is no bake time",
      state: canaryAt(10),
      checks: [pass],
      lastChange: undefined,
      policy: { ...POLICY, bakeMinutes: 0 },
      expected: "step",
      weight: 50,
      reason: /up to 50%/,
    },
    {
      title: "holds on a check without data after baking",
      state: canaryAt(10),
      checks: [pass, noData],
      lastChange: minutesAgo(60),
      expected: "hold",
      reason: /^Hold canary 0\.0\.2 at 10%: latency-p95: no data for the canary \(the query returned no series\)\.$/,
    },
    {
      title: "holds for the bake time before looking at missing data",
      state: canaryAt(10),
      checks: [noData],
      lastChange: minutesAgo(5),
      expected: "hold",
      reason: /25 minutes left/,
    },
    {
      title: "steps on bake time alone when no checks are configured",
      state: canaryAt(10),
      checks: [],
      lastChange: minutesAgo(60),
      expected: "step",
      weight: 50,
      reason: /no health checks are configured and the bake time is over/,
    },
    {
      title: "steps a canary without live traffic (weight 0) up to the first weight",
      state: canaryAt(0),
      checks: [pass],
      lastChange: minutesAgo(60),
      policy: { ...POLICY, steps: [0, 10, 50] },
      expected: "step",
      weight: 10,
      reason: /at 0% up to 10%/,
    },
    {
      title: "counts several passing checks",
      state: canaryAt(50),
      checks: [pass, { ...pass, name: "latency-p95" }],
      lastChange: minutesAgo(60),
      expected: "promote",
      reason: /all 2 health checks pass \(error-rate: .*; latency-p95: /,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const decision = decideCanary({ state: c.state, policy: c.policy ?? POLICY, checks: c.checks, now: NOW, lastChange: c.lastChange });
      assert.equal(decision.action, c.expected, decision.reason);
      if (c.weight !== undefined) assert.equal(decision.action === "step" ? decision.weight : undefined, c.weight);
      assert.match(decision.reason, c.reason);
    });
  }

  it("is pure: the same input gives the same decision and the input is untouched", () => {
    const input = { state: canaryAt(10), policy: POLICY, checks: [pass], now: NOW, lastChange: minutesAgo(60) };
    const copy = structuredClone(input);
    const expected: CanaryDecision = {
      action: "step",
      weight: 50,
      reason:
        "Step canary 0.0.2 at 10% up to 50%: all 1 health check pass (error-rate: 0.02 meets ≤ 0.05, ≤ stable + 0.02 with stable at 0.01).",
    };
    assert.deepEqual(decideCanary(input), expected);
    assert.deepEqual(decideCanary(input), expected, "a second call decides the same");
    assert.deepEqual(input, copy);
  });
});

describe("checkCanaryPolicy", () => {
  const bad: [string, CanaryPolicy, RegExp][] = [
    ["steps out of order", { ...POLICY, steps: [50, 10] }, /not ascending/],
    ["a repeated step", { ...POLICY, steps: [10, 10] }, /not ascending/],
    ["a step of 100", { ...POLICY, steps: [10, 100] }, /between 0 and 99/],
    ["a negative step", { ...POLICY, steps: [-5, 50] }, /between 0 and 99/],
    ["a negative bake time", { ...POLICY, bakeMinutes: -1 }, /bake time/],
    ["a NaN bake time", { ...POLICY, bakeMinutes: Number.NaN }, /bake time/],
  ];
  for (const [title, policy, message] of bad) {
    it(`refuses ${title} with a UserError`, () => {
      assert.throws(
        () => {
          checkCanaryPolicy(policy);
        },
        (error: unknown) => isUserError(error) && message.test(error.message),
      );
      assert.throws(() => decideCanary({ state: canaryAt(10), policy, checks: [], now: NOW, lastChange: minutesAgo(60) }), isUserError);
    });
  }

  it("refuses a canary without steps (it has no weight to start at) but takes blue-green's [] and [0]", () => {
    assert.throws(
      () => {
        checkCanaryPolicy({ ...POLICY, steps: [] });
      },
      (error: unknown) => isUserError(error) && /at least one step/.test(error.message) && /blue-green/.test(error.hint ?? ""),
    );
    for (const steps of [[], [0]]) {
      const policy: CanaryPolicy = { ...POLICY, strategy: "blue-green", steps };
      assert.doesNotThrow(() => {
        checkCanaryPolicy(policy);
      });
      const preview = { ...canaryAt(0) };
      assert.equal(decideCanary({ state: preview, policy, checks: [pass], now: NOW, lastChange: minutesAgo(60) }).action, "promote");
    }
  });

  it("refuses a blue-green policy with a live-traffic step", () => {
    assert.throws(
      () => {
        checkCanaryPolicy({ ...POLICY, strategy: "blue-green", steps: [0, 10] });
      },
      (error: unknown) => isUserError(error) && /blue-green has no traffic ladder/.test(error.message) && /10%/.test(error.message),
    );
  });
});
