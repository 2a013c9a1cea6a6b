/**
 * The explain section of the gate policy: its defaults (on, 20,000 rows × 5 repeats), switching it
 * off, and the gates' defaults.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolvePolicy } from "../../../src/gates/policy.ts";

describe("the explain policy", () => {
  test("is on by default with 20,000 rows × 5 repeats, 1,000 resamples and the task's metric", () => {
    assert.deepEqual(resolvePolicy({}).explain, { enabled: true, rows: 20_000, repeats: 5, resamples: 1000, proxies: [], gates: [] });
  });

  test("explain: true is the defaults; explain: false and enabled: false both switch it off", () => {
    assert.deepEqual(resolvePolicy({ explain: true }).explain, resolvePolicy({}).explain);
    assert.equal(resolvePolicy({ explain: false }).explain.enabled, false);
    assert.equal(resolvePolicy({ explain: { enabled: false } }).explain.enabled, false);
  });

  test("a gate is judged on the point estimate with severity fail unless it says otherwise", () => {
    const explain = resolvePolicy({
      explain: { metric: "accuracy", proxies: ["relationship"], gates: [{ explain: "sensitive_importance", max: 0.01 }] },
    }).explain;
    assert.equal(explain.metric, "accuracy");
    assert.deepEqual(explain.proxies, ["relationship"]);
    assert.deepEqual(explain.gates, [{ explain: "sensitive_importance", max: 0.01, on: "point", severity: "fail" }]);
  });
});
