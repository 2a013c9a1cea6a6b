/** The gate report as a PR comment: verdict first, failures before passes, honest about small groups. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GateReport, GateResult } from "../../../src/gates/gate-report-types.ts";
import { renderGateReport } from "../../../src/gates/gate-markdown.ts";

function gate(overrides: Partial<GateResult>): GateResult {
  return {
    id: "quality:accuracy:min",
    kind: "quality",
    name: "Accuracy ≥ 0.8",
    metric: "accuracy",
    threshold: { min: 0.8 },
    on: "point",
    observed: 0.85,
    value: 0.85,
    ci: [0.83, 0.87],
    n: 1500,
    severity: "fail",
    status: "pass",
    reason: "0.85 is ≥ 0.8",
    ...overrides,
  };
}

function report(gates: GateResult[], extra: Partial<GateReport> = {}): GateReport {
  return {
    schema: "modelship/gate-report@1",
    tool: { name: "modelship", version: "1.2.3" },
    created: "2026-11-23T00:00:00.000Z",
    modelName: "adult-income",
    verdict: gates.some((g) => g.status === "fail") ? "fail" : gates.some((g) => g.status !== "pass") ? "warn" : "pass",
    passed: !gates.some((g) => g.status === "fail"),
    summary: {
      pass: gates.filter((g) => g.status === "pass").length,
      warn: gates.filter((g) => g.status === "warn").length,
      fail: gates.filter((g) => g.status === "fail").length,
      insufficient_data: gates.filter((g) => g.status === "insufficient_data").length,
    },
    model: {
      path: "model.onnx",
      sha256: "a".repeat(64),
      bytes: 10,
      format: "onnx",
      task: "binary",
      classes: ["<=50K", ">50K"],
      positiveLabel: ">50K",
      threshold: 0.5,
      outputs: { kind: "label+probabilities" },
      inputs: [],
    },
    data: { files: [{ path: "data/test.csv", sha256: "b".repeat(64), bytes: 5, rows: 1500 }], rows: 1500, target: "Y", skippedRows: 0 },
    policy: { sha256: "c".repeat(64) },
    randomness: {
      bootstrapSeed: 7,
      resamples: 2000,
      confidence: 0.95,
      method: "percentile",
      stratifiedBy: "label",
      fairnessResamples: 1000,
    },
    environment: { node: "v24", onnxruntime: "1.30.0", platform: "linux-x64" },
    metrics: { accuracy: { value: 0.85, ci: [0.83, 0.87] }, roc_auc: { value: 0.9, ci: [0.88, 0.92] } },
    fairness: [
      {
        grouping: "race",
        columns: ["race"],
        overall: { selection_rate: 0.2 },
        groups: [
          { label: "Other", count: 11, small: true, rates: { selection_rate: 0.09 } },
          { label: "White", count: 1287, small: false, rates: { selection_rate: 0.18 }, ci: { selection_rate: [0.16, 0.2] } },
          { label: "Black|<b>", count: 141, small: false, rates: { selection_rate: 0.06 } },
        ],
        metrics: {
          demographic_parity_difference: {
            value: 0.12,
            ci: [0.08, 0.16],
            groups: ["White", "Black|<b>"],
            excluded: [{ label: "Other", reason: "n=11 < min_group_size 30" }],
          },
        },
      },
    ],
    notes: ["age (sensitive in the contract) is integer: give gates.fairness.bins.age."],
    gates,
    ...extra,
  };
}

describe("gate report markdown", () => {
  test("a failing report leads with the verdict, lists what failed first and folds the passes away", () => {
    const markdown = renderGateReport(
      report([
        gate({}),
        gate({
          id: "fairness:demographic_parity_difference:race",
          kind: "fairness",
          name: "Demographic parity difference (race) ≤ 0.1",
          status: "fail",
          value: 0.12,
          observed: 0.12,
          threshold: { max: 0.1 },
          reason: "0.12 > 0.1",
        }),
      ]),
    );
    const lines = markdown.split("\n");
    assert.equal(lines[0], "### ❌ `adult-income` fails 1 of 2 gates");
    const failing = markdown.indexOf("| ❌ | Demographic parity difference (race)");
    const passed = markdown.indexOf("<details><summary>✅ 1 passed gate</summary>");
    assert.ok(failing > 0 && passed > failing, "the failure is in the open table, the pass in a folded one after it");
    assert.match(markdown, /\| ✅ \| Accuracy ≥ 0\.8 \| 0\.85 \| \[0\.83, 0\.87\] \| ≥ 0\.8 \|/);
  });

  test("a passing report shows its gates in the open, with the bootstrap stated", () => {
    const markdown = renderGateReport(report([gate({})]));
    assert.match(markdown, /^### ✅ `adult-income` passes its 1 gate$/m, "one gate is not all 1 gate");
    assert.match(markdown, /95% intervals from 2,000 label-stratified bootstrap resamples \(seed 7\)/);
    assert.doesNotMatch(markdown, /passed gate<\/summary>/);
  });

  test("small groups are marked and named as left out; group labels are escaped", () => {
    const markdown = renderGateReport(report([gate({})]));
    assert.match(markdown, /\| Other \| 11 ❔ \|/);
    assert.match(markdown, /❔ Other: too few rows to judge/);
    assert.match(markdown, /Black\\\|&lt;b&gt;/);
    assert.match(markdown, /Other \(n=11 &lt; min\\_group\\_size 30\)/);
    assert.match(markdown, /xychart-beta\n {4}title "Selection rate by race"/);
    assert.match(markdown, /> ℹ️ age \(sensitive in the contract\)/);
  });

  test("champion columns appear with the paired tests, and a tiny p-value is not printed as 0", () => {
    const markdown = renderGateReport(
      report([gate({ championDelta: 0.0293 })], {
        champion: {
          source: "model file",
          path: "prod.onnx",
          sha256: "d".repeat(64),
          metrics: { accuracy: 0.8153, roc_auc: 0.835 },
          comparisons: [
            {
              metric: "accuracy",
              challenger: 0.85,
              champion: 0.8153,
              difference: 0.0347,
              ci: [0.013, 0.045],
              test: { name: "mcnemar", pValue: 0.00071, method: "chi2_continuity", statistic: 11.4 },
            },
            {
              metric: "roc_auc",
              challenger: 0.9,
              champion: 0.835,
              difference: 0.065,
              ci: [0.05, 0.08],
              test: { name: "delong", pValue: 1e-12, statistic: 8.1 },
            },
          ],
        },
      }),
    );
    assert.match(markdown, /\| Champion Δ \|/);
    assert.match(markdown, /\| \+0\.0293 \|/);
    assert.match(markdown, /McNemar p = 0\.0007/);
    assert.match(markdown, /DeLong p < 0\.0001/);
  });

  test("an estimate outside its own interval (a max over groups) is marked and explained; one inside is not", () => {
    // The example report's row: equalized odds difference 0.075 with the resampled interval [0.0833, 0.75].
    const outsideGate = gate({
      id: "fairness:equalized_odds_difference:sex & race:max",
      kind: "fairness",
      name: "Equalized odds difference (sex & race) ≤ 0.1",
      metric: "equalized_odds_difference",
      threshold: { max: 0.1 },
      observed: 0.075,
      value: 0.075,
      ci: [0.0833, 0.75],
      reason: "0.075 is ≤ 0.1",
    });
    const marked = renderGateReport(report([outsideGate, gate({})]));
    assert.ok(marked.includes("| [0.0833, 0.75] † |"), marked);
    assert.ok(marked.includes("| [0.83, 0.87] |"), "the interval that holds its estimate is not marked");
    assert.match(marked, /† The estimate lies outside its interval: the bootstrap distribution of a max or min over groups is biased/);
    const plain = renderGateReport(report([gate({}), gate({ id: "quality:accuracy:edge", value: 0.87, ci: [0.83, 0.87] })]));
    assert.ok(!plain.includes("†"), "an estimate on its interval's bound is inside it");
  });
});
