/** The gate report's terminal text: golden text written here from the report's numbers, colour, -q and -v, and the real example. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { GATE_LINES, renderGateText } from "../../../src/gates/gate-text.ts";
import type { GateReport, GateResult } from "../../../src/gates/gate-report-types.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";

function gate(overrides: Partial<GateResult> & Pick<GateResult, "id" | "name" | "status" | "reason">): GateResult {
  return {
    kind: "quality",
    metric: "accuracy",
    threshold: { min: 0.8 },
    on: "point",
    observed: 0.5,
    value: 0.5,
    n: 200,
    severity: "fail",
    ...overrides,
  };
}

function report(gates: GateResult[], overrides: Partial<GateReport> = {}): GateReport {
  const count = (status: GateResult["status"]) => gates.filter((entry) => entry.status === status).length;
  const summary = { pass: count("pass"), warn: count("warn"), fail: count("fail"), insufficient_data: count("insufficient_data") };
  return {
    schema: "modelship/gate-report@1",
    tool: { name: "modelship", version: "0.0.0" },
    created: "2026-01-01T00:00:00.000Z",
    modelName: "toy",
    verdict: summary.fail > 0 ? "fail" : summary.warn + summary.insufficient_data > 0 ? "warn" : "pass",
    passed: summary.fail === 0,
    summary,
    model: { path: "model.onnx", sha256: "a".repeat(64), bytes: 10, format: "onnx", task: "binary", outputs: {}, inputs: [] },
    data: { files: [{ path: "data/test.csv", sha256: "b".repeat(64), bytes: 10, rows: 200 }], rows: 200, target: "y", skippedRows: 0 },
    policy: { sha256: "c".repeat(64) },
    randomness: {
      bootstrapSeed: 42,
      resamples: 1000,
      confidence: 0.9,
      method: "percentile",
      stratifiedBy: "label",
      fairnessResamples: 500,
    },
    environment: { node: "v24", onnxruntime: "1", platform: "linux" },
    metrics: {},
    fairness: [],
    notes: [],
    gates,
    ...overrides,
  };
}

// A fairness gate over the threshold 0.1 (0.25 > 0.1, CI [0.12, 0.38], a group of 9 rows left out), an
// accuracy below its 0.8 warning line (0.78, CI [0.72, 0.83]), a gate without enough data, a champion
// gate whose difference 0.31 − 0.2 = 0.11 exceeds the allowed 0.02, and two passes.
const dpd = gate({
  id: "fairness:demographic_parity_difference:sex",
  kind: "fairness",
  metric: "demographic_parity_difference",
  name: "Demographic parity difference (sex) ≤ 0.1",
  threshold: { max: 0.1 },
  observed: 0.25,
  value: 0.25,
  ci: [0.12, 0.38],
  status: "fail",
  reason: "0.25 > 0.1 (left out: X: n=9 < min_group_size 30)",
});
const accuracy = gate({
  id: "quality:accuracy:min",
  name: "Accuracy ≥ 0.8",
  observed: 0.78,
  value: 0.78,
  ci: [0.72, 0.83],
  severity: "warn",
  status: "warn",
  reason: "0.78 < 0.8",
});
const recall = gate({
  id: "quality:recall:min",
  name: "Recall ≥ 0.5",
  value: null,
  observed: null,
  status: "insufficient_data",
  reason: "no positives",
});
const championDpd = gate({
  id: "champion:fairness:demographic_parity_difference:sex",
  kind: "champion",
  name: "Demographic parity difference (sex) not worse than the champion's by more than 0.02",
  threshold: { max: 0.02 },
  observed: 0.11,
  value: 0.31,
  status: "fail",
  reason: "0.31 vs the champion's 0.2: worse by 0.11",
});
const auc = gate({
  id: "quality:roc_auc:min",
  name: "ROC AUC ≥ 0.7 (lower 90% CI bound)",
  threshold: { min: 0.7 },
  on: "ci",
  observed: 0.81,
  value: 0.86,
  ci: [0.81, 0.9],
  status: "pass",
  reason: "the 90% CI [0.81, 0.9] is ≥ 0.7",
});
const championAuc = gate({
  id: "champion:roc_auc",
  kind: "champion",
  name: "ROC AUC not worse than the champion by more than 0.005",
  threshold: { min: -0.005 },
  on: "not_worse",
  observed: 0.04,
  value: 0.03,
  ci: [0.01, 0.05],
  status: "pass",
  reason: "Δ 0.03, 90% CI [0.01, 0.05]: not shown to be worse by more than 0.005",
});
const champion: GateReport["champion"] = {
  source: "release toy@0.0.1",
  path: "champion/model.onnx",
  sha256: "d".repeat(64),
  metrics: { roc_auc: 0.83 },
  comparisons: [
    { metric: "roc_auc", challenger: 0.86, champion: 0.83, difference: 0.03, ci: [0.01, 0.05], test: { name: "delong", pValue: 0.0123 } },
    { metric: "precision", challenger: 0.7, champion: 0.71, difference: -0.01 },
  ],
};
const failing = report([auc, dpd, accuracy, recall, championDpd, championAuc], { champion, notes: ["age is numeric without bins"] });

const DEFAULT_TEXT = [
  "✗ toy fails 2 of 6 gates",
  "Failed (2):",
  "  ✗ Demographic parity difference (sex) ≤ 0.1: 0.25 > 0.1 (left out: X: n=9 < min_group_size 30) · 90% CI [0.12, 0.38]",
  "  ✗ Demographic parity difference (sex) ≤ champion + 0.02: 0.31 vs the champion's 0.2: worse by 0.11",
  "Warned (2):",
  "  ! Accuracy ≥ 0.8: 0.78 < 0.8 · 90% CI [0.72, 0.83]",
  "  ? Recall ≥ 0.5: no positives",
  "✓ 2 gates passed (-v lists them)",
  // Only the compared metric with a paired test is shown (precision has none).
  "Champion champion/model.onnx (release toy@0.0.1): ROC AUC +0.03 [0.01, 0.05], DeLong p = 0.0123",
  "Note: age is numeric without bins",
  "Reproduce: 200 rows of data/test.csv; seed 42, 1,000 label-stratified resamples",
].join("\n");

describe("the gate report as text", () => {
  it("leads with the verdict, lists failures then warnings with reason and interval, then counts, champion and seed", () => {
    assert.equal(renderGateText(failing, PLAIN), DEFAULT_TEXT);
  });

  it("with -q keeps the verdict and the failures only", () => {
    assert.equal(renderGateText(failing, { ...PLAIN, quiet: true }), DEFAULT_TEXT.split("\n").slice(0, 4).join("\n"));
  });

  it("with -v lists the passing gates too (an interval the reason already gives is not repeated)", () => {
    const text = renderGateText(failing, { ...PLAIN, verbose: true });
    assert.ok(
      text.includes(
        [
          "✓ 2 gates passed:",
          "  ✓ ROC AUC ≥ 0.7 (lower 90% CI bound): the 90% CI [0.81, 0.9] is ≥ 0.7",
          "  ✓ ROC AUC ≥ champion − 0.005: Δ 0.03, 90% CI [0.01, 0.05]: not shown to be worse by more than 0.005",
        ].join("\n"),
      ),
      text,
    );
    assert.ok(!text.includes("-v lists"));
  });

  it("colours only through ANSI escapes that unstyled removes, red for a failure", () => {
    const coloured = renderGateText(failing, { ...PLAIN, color: true });
    assert.notEqual(coloured, DEFAULT_TEXT);
    assert.ok(coloured.startsWith("\u001b[31m✗\u001b[39m \u001b[1mtoy\u001b[22m fails"));
    assert.equal(unstyled(coloured), DEFAULT_TEXT);
  });

  it("says pass and warn verdicts in their own words, and a report without gates", () => {
    assert.equal(renderGateText(report([auc]), { ...PLAIN, quiet: true }), "✓ toy passes its 1 gate");
    assert.equal(renderGateText(report([auc, championAuc]), { ...PLAIN, quiet: true }), "✓ toy passes all 2 gates");
    assert.equal(renderGateText(report([auc, accuracy]), { ...PLAIN, quiet: true }), "! toy passes with 1 warning (2 gates)");
    assert.equal(
      renderGateText(report([], { modelName: undefined }), { ...PLAIN, quiet: true }),
      "✓ the model: no gates configured (add gates to modelship.yaml to decide on it)",
    );
    assert.equal(
      renderGateText(report([auc], { randomness: { ...failing.randomness, resamples: 0 } }), PLAIN)
        .split("\n")
        .at(-1),
      "Reproduce: 200 rows of data/test.csv; no bootstrap (resamples 0)",
    );
  });

  it("folds failures past the limit into '… and N more', and -v lists them all", () => {
    const extra = 4;
    const many = Array.from({ length: GATE_LINES + extra }, (_, i) =>
      gate({ id: `quality:m${i}`, name: `Metric ${i} ≥ 0.8`, status: "fail", reason: `0.${i} < 0.8` }),
    );
    const lines = renderGateText(report(many), PLAIN).split("\n");
    assert.equal(lines[0], `✗ toy fails ${GATE_LINES + extra} of ${GATE_LINES + extra} gates`);
    assert.equal(lines[1], `Failed (${GATE_LINES + extra}):`);
    assert.equal(lines.filter((line) => line.startsWith("  ✗ ")).length, GATE_LINES);
    assert.ok(lines.includes(`  … and ${extra} more (see gate-report.json)`));
    const verbose = renderGateText(report(many), { ...PLAIN, verbose: true }).split("\n");
    assert.equal(verbose.filter((line) => line.startsWith("  ✗ ")).length, GATE_LINES + extra);
  });

  it("escapes control and bidi characters from the data's group labels instead of sending them to the terminal", () => {
    // A group label that clears the screen and one that reverses the rest of the line (U+202E).
    const evil = gate({
      id: "fairness:demographic_parity_difference:city",
      kind: "fairness",
      name: "Demographic parity difference (city) ≤ 0.1",
      threshold: { max: 0.1 },
      status: "fail",
      reason: "0.3 > 0.1 (left out: \u001b[2J\u001b[31mOK: n=3 < min_group_size 30; \u202eabc: n=2 < min_group_size 30)",
    });
    const text = renderGateText(report([evil], { modelName: "toy\u0007" }), { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- these escapes are what must not reach the terminal
    assert.ok(!/\u001b\[2J|\u001b\[31mOK|\u202e|\u0007/u.test(text), JSON.stringify(text));
    assert.ok(text.includes("left out: \\u001b[2J\\u001b[31mOK: n=3"), text);
    assert.ok(text.includes("\\u202eabc") && text.includes("toy\\u0007"), text);
  });

  it("fits the real example report on one screen and names every failing gate", () => {
    const example = JSON.parse(readFileSync(new URL("../../../docs/examples/gate-report.json", import.meta.url), "utf8")) as GateReport;
    const text = renderGateText(example, PLAIN);
    const lines = text.split("\n");
    assert.ok(lines.length <= 25, `${lines.length} lines:\n${text}`);
    assert.equal(lines[0], `✗ ${example.modelName} fails ${example.summary.fail} of ${example.gates.length} gates`);
    for (const failed of example.gates.filter((entry) => entry.status === "fail"))
      assert.ok(
        lines.some((line) => line.startsWith("  ✗ ") && line.includes(failed.reason)),
        `${failed.id} is not named:\n${text}`,
      );
    assert.ok(!/[<>]\w|&lt;|\|\s*---|```|mermaid/.test(text), "no HTML, markdown tables or Mermaid");
    assert.ok(text.includes(`seed ${example.randomness.bootstrapSeed}`));
  });
});
