/**
 * The AUC half-width init uses to warn that a roc_auc `on: ci` gate is unlikely to pass on a small test
 * set: checked against Hanley and McNeil's variance written here from its definition (the AUC as the
 * Mann–Whitney probability, with the exponential-score approximation of the two extra terms).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { aucHalfWidth } from "../../../src/stages/init-files.ts";

/**
 * Var(A) = [A(1−A) + (nP−1)(P(two positives > one negative) − A²) + (nN−1)(P(one positive > two negatives) − A²)] / (nP·nN).
 * With exponential scores (negatives rate 1, positives rate λ, so A = 1/(1+λ)):
 *   P(X1, X2 > Y) = ∫ e^{−2λy} e^{−y} dy = 1/(1+2λ),  P(X > Y1, Y2) = ∫ λe^{−λx}(1−e^{−x})² dx = 1 − 2λ/(λ+1) + λ/(λ+2).
 */
function hanleyMcNeilFromScores(auc: number, positives: number, negatives: number): number {
  const lambda = 1 / auc - 1;
  const q1 = 1 / (1 + 2 * lambda);
  const q2 = 1 - (2 * lambda) / (lambda + 1) + lambda / (lambda + 2);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc ** 2) + (negatives - 1) * (q2 - auc ** 2)) / (positives * negatives);
  return 1.959964 * Math.sqrt(variance);
}

describe("aucHalfWidth", () => {
  test("matches Hanley–McNeil derived from exponential scores, for small and large test sets", () => {
    for (const [auc, positives, negatives] of [
      [0.8, 15, 45],
      [0.8, 58, 182],
      [0.7, 5, 500],
      [0.9, 1000, 1000],
    ] as const) {
      const expected = hanleyMcNeilFromScores(auc, positives, negatives);
      assert.ok(Math.abs(aucHalfWidth(auc, positives, negatives) - expected) < 1e-4, `${auc} ${positives} ${negatives}: ${expected}`);
    }
    // 15 positives and 45 negatives at AUC 0.8: the lower end falls under a 0.7 floor; 58 and 182 clear it.
    assert.ok(0.8 - aucHalfWidth(0.8, 15, 45) < 0.7);
    assert.ok(0.8 - aucHalfWidth(0.8, 58, 182) > 0.7);
    assert.equal(aucHalfWidth(0.8, 0, 10), Number.POSITIVE_INFINITY);
  });
});
