/**
 * Performance drift from delayed labels: every branch of `judgePerformance`, with the one-sided
 * p-values derived in Python (pooled two-proportion z, scipy.stats.norm.sf for H1: reference >
 * current), never taken from our own output.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { judgePerformance, PERFORMANCE_DEFAULTS, type PerformanceSettings } from "../../../src/drift/performance.ts";
import { python } from "../../support/python.ts";

const RELATIVE = 1e-9;

interface Case {
  name: string;
  current: { rows: number; agree: number };
  reference: { accuracy: number; n: number };
}

// Defaults: max_drop 0.05, p_value 0.05, min_samples 30.
const CASES: Case[] = [
  // 0.9 → 0.8 on 400 rows: a large, clearly significant drop.
  { name: "drift", current: { rows: 400, agree: 320 }, reference: { accuracy: 0.9, n: 1000 } },
  // 0.9 → 0.885 on 20 000 rows: small but significant.
  { name: "significant-small", current: { rows: 20_000, agree: 17_700 }, reference: { accuracy: 0.9, n: 100_000 } },
  // 0.9 → 0.825 on 40 rows against 50: large but not significant.
  { name: "large-not-significant", current: { rows: 40, agree: 33 }, reference: { accuracy: 0.9, n: 50 } },
  // 0.9 → 0.88 on 100 rows: small and not significant.
  { name: "small-not-significant", current: { rows: 100, agree: 88 }, reference: { accuracy: 0.9, n: 1000 } },
  // 0.9 → 0.91: a rise (z < 0, one-sided p above 0.5).
  { name: "rise", current: { rows: 200, agree: 182 }, reference: { accuracy: 0.9, n: 1000 } },
  // 0.7 → 0.65: 0.7 − 0.65 is 0.04999999999999993 in doubles, still a drop of max_drop.
  { name: "boundary", current: { rows: 2000, agree: 1300 }, reference: { accuracy: 0.7, n: 10_000 } },
];

// One-sided p of H1 p_ref > p_cur, written from the formula rather than from our helper.
const expected = python<Record<string, { z: number; p: number }>>(
  `
from scipy.stats import norm
out = {}
for case in data:
    n1 = case["reference"]["n"]; p1 = case["reference"]["accuracy"]
    n2 = case["current"]["rows"]; p2 = case["current"]["agree"] / n2
    pooled = (p1 * n1 + case["current"]["agree"]) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    out[case["name"]] = {"z": z, "p": float(norm.sf(z))}
emit(out)
`,
  CASES,
);

function judge(name: string, settings: PerformanceSettings = PERFORMANCE_DEFAULTS): ReturnType<typeof judgePerformance> {
  const entry = CASES.find((c) => c.name === name)!;
  return judgePerformance(entry.current, entry.reference, settings);
}

function assertP(actual: number | undefined, name: string): void {
  const want = expected[name]!.p;
  assert.ok(actual !== undefined, `${name}: p_value missing`);
  assert.ok(Math.abs(actual - want) <= RELATIVE * Math.abs(want), `${name}: p ${actual} vs scipy ${want}`);
}

describe("judgePerformance", () => {
  test("the Python derivation puts each case on the intended side of the thresholds", () => {
    assert.ok(expected.drift!.p < 0.05);
    assert.ok(expected["significant-small"]!.p < 0.05);
    assert.ok(expected["large-not-significant"]!.p >= 0.05);
    assert.ok(expected["small-not-significant"]!.p >= 0.05);
    assert.ok(expected.rise!.z < 0 && expected.rise!.p > 0.5);
    assert.ok(expected.boundary!.p < 0.05);
  });

  test("a large, significant drop is drift", () => {
    const result = judge("drift")!;
    assert.equal(result.status, "drift");
    assert.equal(result.metric, "accuracy");
    assert.equal(result.reference, 0.9);
    assert.equal(result.current, 0.8);
    assert.equal(result.n, 400);
    assertP(result.p_value, "drift");
    assert.match(result.reason, /0\.9 \(n 1000\) → 0\.8 \(n 400\)/);
    assert.match(result.reason, /drop 0\.1 ≥ max_drop 0\.05/);
    assert.match(result.reason, /one-sided p .* < 0\.05/);
  });

  test("a drop of exactly max_drop counts as reaching it despite binary rounding", () => {
    assert.ok(0.7 - 0.65 < 0.05); // the premise of the case
    const result = judge("boundary")!;
    assert.equal(result.status, "drift");
    assertP(result.p_value, "boundary");
  });

  test("a significant drop smaller than max_drop warns", () => {
    const result = judge("significant-small")!;
    assert.equal(result.status, "warn");
    assert.equal(result.current, 0.885);
    assertP(result.p_value, "significant-small");
    assert.match(result.reason, /drop 0\.015 is significant .* but below max_drop 0\.05/);
  });

  test("a drop of at least max_drop that is not significant warns", () => {
    const result = judge("large-not-significant")!;
    assert.equal(result.status, "warn");
    assertP(result.p_value, "large-not-significant");
    assert.match(result.reason, /drop 0\.075 ≥ max_drop 0\.05 but not significant \(one-sided p 0\.\d+ ≥ 0\.05\)/);
  });

  test("a small, insignificant drop is ok", () => {
    const result = judge("small-not-significant")!;
    assert.equal(result.status, "ok");
    assertP(result.p_value, "small-not-significant");
    assert.match(result.reason, /drop 0\.02/);
  });

  test("a rise is ok, with the one-sided p above 0.5", () => {
    const result = judge("rise")!;
    assert.equal(result.status, "ok");
    assertP(result.p_value, "rise");
    assert.match(result.reason, /rise 0\.01/);
  });

  test("settings move the thresholds", () => {
    // The 0.1 drop is below a max_drop of 0.2, still significant: warn.
    assert.equal(judge("drift", { ...PERFORMANCE_DEFAULTS, max_drop: 0.2 })!.status, "warn");
    // At p_value 0.2 the 40-row drop is significant: drift.
    assert.ok(expected["large-not-significant"]!.p < 0.2);
    assert.equal(judge("large-not-significant", { ...PERFORMANCE_DEFAULTS, p_value: 0.2 })!.status, "drift");
  });

  test("fewer labelled rows than min_samples is insufficient_data", () => {
    const result = judgePerformance({ rows: 29, agree: 10 }, { accuracy: 0.9, n: 1000 }, PERFORMANCE_DEFAULTS)!;
    assert.equal(result.status, "insufficient_data");
    assert.equal(result.n, 29);
    assert.equal(result.current, 10 / 29);
    assert.equal(result.reference, 0.9);
    assert.equal(result.p_value, undefined);
    assert.match(result.reason, /29 labelled row\(s\).*fewer than min_samples 30/);
    // Exactly min_samples is enough.
    assert.notEqual(
      judgePerformance({ rows: 30, agree: 27 }, { accuracy: 0.9, n: 1000 }, PERFORMANCE_DEFAULTS)!.status,
      "insufficient_data",
    );
  });

  test("no labelled rows is insufficient_data even with min_samples 0", () => {
    const result = judgePerformance({ rows: 0, agree: 0 }, undefined, { ...PERFORMANCE_DEFAULTS, min_samples: 0 })!;
    assert.equal(result.status, "insufficient_data");
    assert.equal(result.current, 0);
    assert.equal(result.n, 0);
  });

  test("without a reference accuracy the current one is shown, ok", () => {
    const result = judgePerformance({ rows: 50, agree: 40 }, undefined, PERFORMANCE_DEFAULTS)!;
    assert.deepEqual(result, {
      metric: "accuracy",
      current: 0.8,
      n: 50,
      status: "ok",
      reason: "no reference accuracy to compare (accuracy 0.8 on 50 labelled rows)",
    });
  });

  test("without current agreement there is no verdict", () => {
    assert.equal(judgePerformance(undefined, { accuracy: 0.9, n: 100 }, PERFORMANCE_DEFAULTS), undefined);
  });

  test("both sides perfect: no drop, p 0.5, ok", () => {
    const result = judgePerformance({ rows: 50, agree: 50 }, { accuracy: 1, n: 100 }, PERFORMANCE_DEFAULTS)!;
    assert.equal(result.status, "ok");
    assert.equal(result.p_value, 0.5);
    assert.match(result.reason, /no change/);
  });

  test("counts out of range are a caller's bug", () => {
    assert.throws(() => judgePerformance({ rows: 10, agree: 11 }, undefined, PERFORMANCE_DEFAULTS), RangeError);
    assert.throws(() => judgePerformance({ rows: 40, agree: 30 }, { accuracy: 1.2, n: 10 }, PERFORMANCE_DEFAULTS), RangeError);
    assert.throws(() => judgePerformance({ rows: 40, agree: 30 }, { accuracy: 0.9, n: 0 }, PERFORMANCE_DEFAULTS), RangeError);
  });
});
