/**
 * `drift.weights: importance`: the weights derived from a gate report's permutation importances —
 * max(importance, 0) over the largest among the checked features — with negatives at 0, features the
 * explanation lacks at 0 and named, and equal weights with one warning when there is nothing to use.
 * Every expected weight is the quotient worked out by hand in the comment beside it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ExplanationsSection } from "../../../src/gates/gate-report-types.ts";
import { importanceWeights } from "../../../src/stages/drift-weights.ts";
import { countedColumns } from "../../../src/drift/decide-drift.ts";

/** An explanations section as the evaluate stage writes it, with the given importances (largest first). */
function explanations(importances: Record<string, number | null>): ExplanationsSection {
  return {
    method: "permutation_importance",
    metric: "roc_auc",
    baseline: 0.9,
    rows: 1000,
    population: 1000,
    repeats: 5,
    resamples: 0,
    confidence: 0.95,
    seed: 1,
    features: Object.entries(importances).map(([feature, importance]) => ({
      feature,
      importance,
      std: importance === null ? null : 0.001,
    })),
  };
}

function assertWeights(actual: Record<string, number>, expected: Record<string, number>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [name, weight] of Object.entries(expected))
    assert.ok(Math.abs(actual[name]! - weight) <= 1e-12, `${name}: ${actual[name]} vs ${weight}`);
}

describe("importanceWeights", () => {
  test("normalises by the largest importance, so the most used feature weighs 1", () => {
    const derived = importanceWeights(explanations({ age: 0.08, hours: 0.048, sex: 0.02 }), ["age", "hours", "sex"], "toy@1.0.0");
    assert.equal(derived.source, "importance");
    // 0.08/0.08, 0.048/0.08 = 0.6, 0.02/0.08 = 0.25.
    assertWeights(derived.weights, { age: 1, hours: 0.6, sex: 0.25 });
    assert.deepEqual(derived.missing, []);
    assert.deepEqual(derived.warnings, []);
  });

  test("a negative importance (shuffling did no harm) weighs 0, and does not shift the others", () => {
    const derived = importanceWeights(explanations({ age: 0.05, hours: 0.01, sex: -0.004 }), ["age", "hours", "sex"], "toy@1.0.0");
    // 0.05/0.05, 0.01/0.05 = 0.2, max(−0.004, 0)/0.05 = 0.
    assertWeights(derived.weights, { age: 1, hours: 0.2, sex: 0 });
    assert.deepEqual(derived.warnings, []);
  });

  test("features the explanation lacks (or has no number for) weigh 0, and one warning names them and the release", () => {
    const derived = importanceWeights(
      explanations({ age: 0.04, hours: null, income: 0.01 }),
      ["age", "hours", "income", "region"],
      "adult-income@1.4.0",
    );
    assert.equal(derived.source, "importance");
    // 0.04/0.04, hours null → 0, 0.01/0.04 = 0.25, region absent → 0.
    assertWeights(derived.weights, { age: 1, hours: 0, income: 0.25, region: 0 });
    assert.deepEqual(derived.missing, ["hours", "region"]);
    assert.equal(derived.warnings.length, 1);
    assert.match(
      derived.warnings[0]!,
      /release adult-income@1\.4\.0's permutation importances do not cover feature columns hours, region: weight 0/,
    );
    assert.match(derived.warnings[0]!, /drift\.ignore/);
  });

  test("the largest importance among the features checked sets the scale: an ignored column's does not", () => {
    // `id` is the model's top column but not checked (ignored): age 0.1/0.1, hours 0.05/0.1 = 0.5.
    const derived = importanceWeights(explanations({ id: 0.2, age: 0.1, hours: 0.05 }), ["age", "hours"], "toy@1.0.0");
    assertWeights(derived.weights, { age: 1, hours: 0.5 });
  });

  test("no importances at all: equal weights, one warning naming the release and gates.explain", () => {
    for (const [section, why] of [
      [undefined, /records no permutation importances/],
      [explanations({ age: 0, hours: -0.01 }), /no feature column has a positive importance/],
      [explanations({ age: null }), /no importance for any feature column/],
      [explanations({ other: 0.3 }), /no importance for any feature column/],
    ] as const) {
      const derived = importanceWeights(section, ["age", "hours"], "toy@2.0.0");
      assert.equal(derived.source, "equal");
      assert.deepEqual(derived.weights, {});
      assert.equal(derived.warnings.length, 1);
      assert.match(derived.warnings[0]!, /release toy@2\.0\.0 cannot give weights/);
      assert.match(derived.warnings[0]!, why);
      assert.match(derived.warnings[0]!, /every feature weighs 1/);
      assert.match(derived.warnings[0]!, /gates\.explain in modelship\.yaml.*docs\/gates\.md/);
    }
  });
});

describe("countedColumns", () => {
  test("features and role-less columns, not targets, predictions, ids, timestamps or ignored columns", () => {
    const columns = {
      age: { roles: ["feature" as const] },
      free: { roles: [] },
      label: { roles: ["target" as const] },
      pred: { roles: ["prediction" as const] },
      key: { roles: ["id" as const] },
      at: { roles: ["timestamp" as const] },
      noisy: { roles: ["feature" as const] },
    };
    assert.deepEqual(countedColumns(columns, ["noisy"]), ["age", "free"]);
  });
});
