/**
 * The explanations section of the gate report's markdown and text: sorted table, flags, the Mermaid
 * bar chart, the cut to the top columns for a wide model, and markdown in column names kept inert.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { explanationsMarkdown, SHOWN_FEATURES } from "../../../src/gates/explain-markdown.ts";
import type { ExplanationsSection } from "../../../src/gates/gate-report-types.ts";

function section(features: ExplanationsSection["features"]): ExplanationsSection {
  return {
    method: "permutation_importance",
    metric: "roc_auc",
    baseline: 0.9,
    rows: 20_000,
    population: 1_000_000,
    repeats: 5,
    resamples: 1000,
    confidence: 0.95,
    seed: 7,
    features,
  };
}

describe("explanations in the PR comment", () => {
  test("a table in the report's order with intervals and flags, then a horizontal bar chart", () => {
    const markdown = explanationsMarkdown(
      section([
        { feature: "income", importance: 0.12, std: 0.01, ci: [0.1, 0.14] },
        { feature: "sex", importance: 0.03, std: 0.004, ci: [0.02, 0.04], sensitive: true },
        { feature: "relationship", importance: 0.01, std: 0.002, ci: [0.005, 0.015], proxy: true },
      ]),
    );
    assert.match(markdown, /20,000 sampled rows \(of 1,000,000\), the mean of 5 permutations/);
    assert.match(markdown, /\| `income` \| 0\.12 \| \[0\.1, 0\.14\] \| 0\.01 \| {2}\|/);
    assert.match(markdown, /\| `sex` \| 0\.03 \| \[0\.02, 0\.04\] \| 0\.004 \| ⚠️ sensitive \|/);
    assert.match(markdown, /\| `relationship` \| .* \| ⚠️ proxy \|/);
    assert.ok(markdown.indexOf("`income`") < markdown.indexOf("`sex`") && markdown.indexOf("`sex`") < markdown.indexOf("`relationship`"));
    assert.match(
      markdown,
      /```mermaid\nxychart-beta horizontal\n {4}title "Permutation importance \(drop in ROC AUC\)"\n {4}x-axis \["income", "sex", "relationship"\]/,
    );
    assert.match(markdown, /bar \[0\.12, 0\.03, 0\.01\]/);
  });

  test("a wide model shows its top columns and counts the rest", () => {
    const features = Array.from({ length: 300 }, (_, i) => ({ feature: `column_${i}`, importance: 1 - i / 300, std: 0 }));
    const markdown = explanationsMarkdown(section(features));
    assert.ok(markdown.includes(`\`column_${SHOWN_FEATURES - 1}\``));
    assert.ok(!markdown.includes(`column_${SHOWN_FEATURES}\``) && !markdown.includes(`"column_${SHOWN_FEATURES}"`));
    assert.match(markdown, new RegExp(`… and ${300 - SHOWN_FEATURES} more columns`));
    assert.ok(markdown.length < 6000, `${markdown.length} characters`);
  });

  test("markdown and quotes in a column name stay text", () => {
    const markdown = explanationsMarkdown(
      section([
        { feature: 'a|b"`c', importance: 0.2, std: 0 },
        { feature: "d", importance: 0.1, std: 0 },
      ]),
    );
    assert.ok(markdown.includes("a\\|b"), "the pipe cannot split the table row");
    assert.ok(markdown.includes(`["a|b'\`c", "d"]`), "a double quote cannot end the Mermaid label");
  });

  test("no section without explanations", () => {
    assert.equal(explanationsMarkdown(undefined), "");
  });
});
