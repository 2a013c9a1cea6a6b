/**
 * The A/B verdict (gitops/ab-test.ts): hold, promote or roll back from the guardrails, the sample
 * sizes and the two-sample tests, with Bonferroni over the metrics; the p-values and intervals the
 * tests should give come from scipy here, never from our own output. And the PR's comparison table.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareAll, decideAb, type AbMetric, type AbMetricReading, type AbSettings } from "../../../src/gitops/ab-test.ts";
import { renderAbComparison } from "../../../src/gitops/ab-markdown.ts";
import type { CheckResult } from "../../../src/gitops/health.ts";
import type { RolloutState } from "../../../src/gitops/targets/target-types.ts";
import { python } from "../../support/python.ts";

const STATE: RolloutState = {
  stable: { version: "0.0.1", uri: "https://example.test/0.0.1/model.onnx" },
  canary: { version: "0.0.2", uri: "https://example.test/0.0.2/model.onnx", weight: 50 },
};
const NOW = new Date("2026-05-01T12:00:00Z");
const HOUR_AGO = new Date(NOW.getTime() - 60 * 60_000);
const CONVERSION: AbMetric = { name: "conversion", kind: "proportion", queries: { successes: "s", trials: "t" }, higherIsBetter: true };
const LATENCY: AbMetric = { name: "latency", kind: "mean", queries: { mean: "m", stddev: "sd", count: "n" }, higherIsBetter: false };
const SETTINGS: AbSettings = { weight: 50, minSamples: 1000, alpha: 0.05, metrics: [CONVERSION, LATENCY] };
const PASS: CheckResult = {
  name: "error-rate",
  canary: 0.01,
  stable: 0.01,
  threshold: "≤ 0.05",
  status: "pass",
  detail: "0.01 meets ≤ 0.05",
};

const conversion = (c: [number, number], s: [number, number]): AbMetricReading => ({
  metric: CONVERSION,
  candidate: { successes: c[0], trials: c[1] },
  stable: { successes: s[0], trials: s[1] },
  queries: [],
});
const latency = (c: [number, number, number], s: [number, number, number]): AbMetricReading => ({
  metric: LATENCY,
  candidate: { mean: c[0], stddev: c[1], count: c[2] },
  stable: { mean: s[0], stddev: s[1], count: s[2] },
  queries: [],
});

/** scipy's p-values and intervals (at level `confidence`) for the readings used below. */
const ORACLE = python<{ proportions: { p: number }[]; means: { p: number; ci: number[] }[] }>(
  `from scipy import stats
import numpy as np
props = []
for x1, n1, x2, n2 in data["proportions"]:
    props.append({"p": float(stats.chi2_contingency(np.array([[x1, n1 - x1], [x2, n2 - x2]]), correction=False)[1])})
means = []
for m1, s1, n1, m2, s2, n2, level in data["means"]:
    r = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    v1, v2 = s1 ** 2 / n1, s2 ** 2 / n2
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    h = stats.t.ppf(0.5 + level / 2, df) * math.sqrt(v1 + v2)
    means.append({"p": float(r.pvalue), "ci": [m1 - m2 - h, m1 - m2 + h]})
emit({"proportions": props, "means": means})`,
  {
    proportions: [
      [1300, 10000, 1100, 10000], // 0: candidate clearly better
      [1100, 10000, 1300, 10000], // 1: candidate clearly worse
      [1010, 10000, 1000, 10000], // 2: no difference
      [1180, 10000, 1090, 10000], // 3: between α/2 and α
    ],
    means: [
      [0.2, 0.05, 2000, 0.2, 0.05, 2000, 0.975], // 0: equal
      [0.25, 0.05, 2000, 0.2, 0.05, 2000, 0.975], // 1: candidate slower
    ],
  },
);

function decide(readings: AbMetricReading[], options: { settings?: AbSettings; checks?: CheckResult[]; lastChange?: Date } = {}) {
  return decideAb({
    state: STATE,
    settings: options.settings ?? SETTINGS,
    checks: options.checks ?? [PASS],
    readings,
    now: NOW,
    lastChange: options.lastChange ?? HOUR_AGO,
    bakeMinutes: 30,
  });
}

describe("the A/B verdict", () => {
  it("promotes a candidate significantly better on one metric and not worse on the other, with scipy's p and Bonferroni's level", () => {
    const outcome = decide([conversion([1300, 10000], [1100, 10000]), latency([0.2, 0.05, 2000], [0.2, 0.05, 2000])]);
    assert.equal(outcome.decision.action, "promote");
    const [conv, lat] = outcome.comparison!.metrics;
    assert.equal(conv!.verdict, "better");
    assert.equal(lat!.verdict, "no difference");
    assert.ok(Math.abs(conv!.test!.pValue - ORACLE.proportions[0]!.p) <= 1e-9 * ORACLE.proportions[0]!.p);
    assert.ok(Math.abs(lat!.test!.pValue - ORACLE.means[0]!.p) < 1e-9);
    // Two metrics at α = 0.05: each tested at 0.025 with a 97.5% interval.
    assert.equal(outcome.comparison!.perMetricAlpha, 0.025);
    assert.equal(conv!.test!.confidence, 0.975);
    assert.match(
      outcome.decision.reason,
      /^Promote 0\.0\.2: it wins the A\/B test of 0\.0\.2 against 0\.0\.1, significantly better on conversion/,
    );
    assert.match(outcome.decision.reason, /Bonferroni over 2/);
  });

  it("rolls back when the candidate is significantly worse and better on nothing; the interval is scipy's t interval", () => {
    const outcome = decide([conversion([1010, 10000], [1000, 10000]), latency([0.25, 0.05, 2000], [0.2, 0.05, 2000])]);
    assert.equal(outcome.decision.action, "rollback");
    const lat = outcome.comparison!.metrics[1]!;
    assert.equal(lat.verdict, "worse", "higher latency is worse");
    assert.ok(Math.abs(lat.test!.interval[0] - ORACLE.means[1]!.ci[0]!) < 1e-12);
    assert.ok(Math.abs(lat.test!.interval[1] - ORACLE.means[1]!.ci[1]!) < 1e-12);
    assert.match(outcome.decision.reason, /keep the stable model: the candidate is significantly worse on latency/);
  });

  it("rolls back a candidate significantly worse on a proportion, with scipy's p", () => {
    const outcome = decide([conversion([1100, 10000], [1300, 10000])], { settings: { ...SETTINGS, metrics: [CONVERSION] } });
    assert.equal(outcome.decision.action, "rollback");
    const conv = outcome.comparison!.metrics[0]!;
    assert.equal(conv.verdict, "worse");
    assert.ok(Math.abs(conv.test!.pValue - ORACLE.proportions[1]!.p) <= 1e-9 * ORACLE.proportions[1]!.p);
  });

  it("holds while the metrics disagree: a person decides", () => {
    const outcome = decide([conversion([1300, 10000], [1100, 10000]), latency([0.25, 0.05, 2000], [0.2, 0.05, 2000])]);
    assert.equal(outcome.decision.action, "hold");
    assert.match(outcome.decision.reason, /the metrics disagree, the candidate is significantly better on conversion and worse on latency/);
  });

  it("holds with no significant difference, citing the p-value", () => {
    const outcome = decide([conversion([1010, 10000], [1000, 10000])], { settings: { ...SETTINGS, metrics: [CONVERSION] } });
    assert.equal(outcome.decision.action, "hold");
    assert.match(outcome.decision.reason, /no significant difference yet/);
    assert.match(outcome.decision.reason, new RegExp(`p = ${ORACLE.proportions[2]!.p.toFixed(4).replace(".", "\\.")}`));
  });

  it("Bonferroni: a p between α/2 and α decides alone but not beside a second metric", () => {
    const p = ORACLE.proportions[3]!.p;
    assert.ok(p > 0.025 && p < 0.05, `the case is built for a p-value in (0.025, 0.05), scipy gives ${p}`);
    const alone = decide([conversion([1180, 10000], [1090, 10000])], { settings: { ...SETTINGS, metrics: [CONVERSION] } });
    assert.equal(alone.decision.action, "promote");
    const withLatency = decide([conversion([1180, 10000], [1090, 10000]), latency([0.2, 0.05, 2000], [0.2, 0.05, 2000])]);
    assert.equal(withLatency.decision.action, "hold");
  });

  it("holds below min_samples, saying how many samples each variant has and the current p-value", () => {
    const outcome = decide([conversion([130, 900], [100, 1000])], { settings: { ...SETTINGS, metrics: [CONVERSION] } });
    assert.equal(outcome.decision.action, "hold");
    assert.equal(outcome.comparison!.metrics[0]!.verdict, "too few samples");
    assert.match(
      outcome.decision.reason,
      /each variant needs 1,000 samples per metric before a verdict; conversion: .*p = .*\(n 900 vs 1,000\)/,
    );
  });

  it("a failing guardrail rolls back at once, without the comparison", () => {
    const fail: CheckResult = { ...PASS, canary: 0.2, status: "fail", detail: "0.2 is above the maximum 0.05" };
    const outcome = decide([conversion([1300, 10000], [1100, 10000])], { checks: [fail], lastChange: new Date(NOW.getTime() - 60_000) });
    assert.equal(outcome.decision.action, "rollback");
    assert.equal(outcome.comparison, undefined);
    assert.match(outcome.decision.reason, /a guardrail fails \(error-rate: 0\.2 is above the maximum 0\.05\)/);
  });

  it("holds during the bake time and when a metric has no data", () => {
    const early = decide([conversion([1300, 10000], [1100, 10000])], { lastChange: new Date(NOW.getTime() - 10 * 60_000) });
    assert.equal(early.decision.action, "hold");
    assert.match(early.decision.reason, /10 of the 30 minutes of bake time/);
    const blind = decide([{ ...conversion([1, 2], [1, 2]), candidate: null, note: "no data for the candidate's successes" }]);
    assert.equal(blind.decision.action, "hold");
    assert.match(blind.decision.reason, /conversion: no data for the candidate's successes/);
  });

  it("no candidate: nothing to decide", () => {
    assert.equal(
      decideAb({
        ...{ state: { stable: STATE.stable! } },
        settings: SETTINGS,
        checks: [],
        readings: [],
        now: NOW,
        lastChange: undefined,
        bakeMinutes: 0,
      }).decision.action,
      "none",
    );
  });
});

describe("the comparison table", () => {
  it("shows each variant's value and n, the difference with its interval, the p-value, the verdict and the review rule", () => {
    const comparison = compareAll(
      [conversion([1300, 10000], [1100, 10000]), latency([0.25, 0.05, 2000], [0.2, 0.05, 2000])],
      SETTINGS,
      "0.0.2",
      "0.0.1",
    );
    const markdown = renderAbComparison(comparison);
    const rows = markdown.split("\n").filter((line) => line.startsWith("| "));
    assert.equal(rows[0], "| Metric | candidate 0.0.2 | n | stable 0.0.1 | n | Difference | 97.5% CI | p-value | Verdict |");
    assert.match(
      rows[2]!,
      /^\| conversion \(rate, higher is better\) \| 0\.13 \| 10,000 \| 0\.11 \| 10,000 \| \+0\.02 \| \[0\.0\d+, 0\.0\d+\] \| \S+ \| ✅ candidate better \|$/,
    );
    assert.match(
      rows[3]!,
      /^\| latency \(mean, lower is better\) \| 0\.25 \| 2,000 \| 0\.2 \| 2,000 \| \+0\.05 \| .* \| ❌ candidate worse \|$/,
    );
    assert.match(markdown, /Bonferroni over 2 metrics: each is tested at α = 0\.05\/2 = 0\.025/);
    assert.match(markdown, /never merged automatically/);
  });
});
