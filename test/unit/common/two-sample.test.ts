/**
 * The A/B comparison's statistics against scipy (Debian's python3, test/support/python.ts): Student's
 * t (betainc, t.sf, t.ppf), the two-proportion z-test (its p-value is chi2_contingency's without
 * Yates' correction), Wilson intervals (binomtest(...).proportion_ci(method="wilson")) and Newcombe's
 * hybrid interval built from them in Python, and Welch's test (ttest_ind_from_stats(equal_var=False))
 * with the interval derived in Python from the Welch–Satterthwaite df and t.ppf.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  compareMeans,
  compareProportions,
  regularizedBeta,
  studentTQuantile,
  studentTSf,
  wilsonInterval,
} from "../../../src/common/two-sample.ts";
import { python } from "../../support/python.ts";

function assertClose(actual: number, expected: number, relative: number, label: string): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= relative, `${label}: got ${actual}, scipy ${expected} (relative error ${error.toExponential(2)})`);
}

describe("Student's t distribution", () => {
  const betaCases: [number, number, number][] = [
    [0.3, 2, 3],
    [0.9, 0.5, 40],
    [0.999, 500, 0.5],
    [0.01, 0.5, 0.5],
    [0.6, 1234.5, 0.5],
  ];
  const tCases: [number, number][] = [
    [0.1, 1],
    [2.5, 3],
    [-1.3, 7.5],
    [4, 12.25],
    [1.96, 100],
    [3.3, 1999.7],
    [-8, 30],
    [6, 250000],
  ];
  const ppfCases: [number, number][] = [
    [0.975, 1],
    [0.975, 2.5],
    [0.99, 10],
    [0.9875, 37.3],
    [0.025, 5],
    [0.995, 1500.2],
    [0.75, 4],
  ];
  const expected = python<{ betainc: number[]; sf: number[]; ppf: number[] }>(
    `from scipy import stats, special
emit({
  "betainc": [float(special.betainc(a, b, x)) for x, a, b in data["beta"]],
  "sf": [float(stats.t.sf(t, df)) for t, df in data["t"]],
  "ppf": [float(stats.t.ppf(p, df)) for p, df in data["ppf"]],
})`,
    { beta: betaCases, t: tCases, ppf: ppfCases },
  );

  test("regularizedBeta matches scipy.special.betainc", () => {
    betaCases.forEach(([x, a, b], i) => {
      assertClose(regularizedBeta(x, a, b), expected.betainc[i]!, 1e-10, `I_${x}(${a}, ${b})`);
    });
  });

  test("studentTSf matches scipy.stats.t.sf, fractional degrees of freedom included", () => {
    tCases.forEach(([t, df], i) => {
      assertClose(studentTSf(t, df), expected.sf[i]!, 1e-9, `t.sf(${t}, ${df})`);
    });
  });

  test("studentTQuantile matches scipy.stats.t.ppf", () => {
    ppfCases.forEach(([p, df], i) => {
      assertClose(studentTQuantile(p, df), expected.ppf[i]!, 1e-9, `t.ppf(${p}, ${df})`);
    });
  });
});

describe("two proportions", () => {
  // candidate successes, trials, stable successes, trials
  const cases: [number, number, number, number][] = [
    [130, 1000, 100, 1000],
    [48, 1200, 61, 1100],
    [5, 40, 0, 35],
    [700, 5000, 690, 5000],
    [1, 2000, 9, 2100],
  ];
  const expected = python<{ p: number[]; wilson: number[][][]; newcombe: number[][]; newcombe99: number[][] }>(
    `from scipy import stats
import numpy as np
def wilson(k, n, level):
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    return [float(ci.low), float(ci.high)]
def newcombe(x1, n1, x2, n2, level):
    # Newcombe (1998), method 10: d − sqrt((p1 − l1)² + (u2 − p2)²), d + sqrt((u1 − p1)² + (p2 − l2)²)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, level)
    l2, u2 = wilson(x2, n2, level)
    d = p1 - p2
    return [d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)]
ps = []
for x1, n1, x2, n2 in data:
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    ps.append(float(stats.chi2_contingency(table, correction=False)[1]))
emit({
  "p": ps,
  "wilson": [[wilson(x1, n1, 0.95), wilson(x2, n2, 0.95)] for x1, n1, x2, n2 in data],
  "newcombe": [newcombe(*c, 0.95) for c in data],
  "newcombe99": [newcombe(*c, 0.99) for c in data],
})`,
    cases,
  );

  test("the z-test's two-sided p-value equals chi2_contingency(correction=False)'s", () => {
    cases.forEach(([x1, n1, x2, n2], i) => {
      const result = compareProportions({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
      assertClose(result.pValue, expected.p[i]!, 1e-9, `p of ${JSON.stringify(cases[i])}`);
      assert.equal(Math.sign(result.z), Math.sign(x1 / n1 - x2 / n2), "z has the sign of candidate − stable");
    });
  });

  test("Wilson intervals match scipy's binomtest proportion_ci(method='wilson')", () => {
    cases.forEach(([x1, n1, x2, n2], i) => {
      const [candidate, stable] = expected.wilson[i]!;
      const mine = [wilsonInterval(x1, n1), wilsonInterval(x2, n2)];
      for (const [j, interval] of mine.entries()) {
        const want = [candidate, stable][j]!;
        assertClose(interval[0], want[0]!, 1e-9, `wilson low ${i}/${j}`);
        assertClose(interval[1], want[1]!, 1e-9, `wilson high ${i}/${j}`);
      }
    });
  });

  test("the interval is Newcombe's hybrid score interval, at 95% and 99%", () => {
    cases.forEach(([x1, n1, x2, n2], i) => {
      const at95 = compareProportions({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
      const at99 = compareProportions({ successes: x1, trials: n1 }, { successes: x2, trials: n2 }, 0.99);
      assertClose(at95.interval[0], expected.newcombe[i]![0]!, 1e-9, `newcombe low ${i}`);
      assertClose(at95.interval[1], expected.newcombe[i]![1]!, 1e-9, `newcombe high ${i}`);
      assertClose(at99.interval[0], expected.newcombe99[i]![0]!, 1e-9, `newcombe99 low ${i}`);
      assertClose(at99.interval[1], expected.newcombe99[i]![1]!, 1e-9, `newcombe99 high ${i}`);
    });
  });

  test("identical rates of 0 give p = 1, and impossible counts are refused", () => {
    assert.equal(compareProportions({ successes: 0, trials: 50 }, { successes: 0, trials: 60 }).pValue, 1);
    assert.throws(() => compareProportions({ successes: 11, trials: 10 }, { successes: 1, trials: 10 }), /successes must be in/);
    assert.throws(() => compareProportions({ successes: 1, trials: 0 }, { successes: 1, trials: 10 }), /trials must be a positive/);
  });
});

describe("Welch's t-test", () => {
  // candidate mean, sd, n, stable mean, sd, n
  const cases: [number, number, number, number, number, number][] = [
    [0.21, 0.05, 1000, 0.2, 0.06, 900],
    [12.5, 4, 15, 10, 1.5, 40],
    [3, 1, 2, 3.5, 2, 3],
    [100, 30, 5000, 101.2, 29, 5200],
  ];
  const expected = python<{ t: number[]; p: number[]; df: number[]; ci: number[][]; ci90: number[][] }>(
    `from scipy import stats
ts, ps, dfs, cis, ci90 = [], [], [], [], []
for m1, s1, n1, m2, s2, n2 in data:
    r = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    ts.append(float(r.statistic)); ps.append(float(r.pvalue))
    v1, v2 = s1 ** 2 / n1, s2 ** 2 / n2
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    se = math.sqrt(v1 + v2)
    dfs.append(df)
    cis.append([m1 - m2 - stats.t.ppf(0.975, df) * se, m1 - m2 + stats.t.ppf(0.975, df) * se])
    ci90.append([m1 - m2 - stats.t.ppf(0.95, df) * se, m1 - m2 + stats.t.ppf(0.95, df) * se])
emit({"t": ts, "p": ps, "df": dfs, "ci": cis, "ci90": ci90})`,
    cases,
  );

  test("t and p match scipy's ttest_ind_from_stats(equal_var=False); df and the interval match the derivation", () => {
    cases.forEach(([m1, s1, n1, m2, s2, n2], i) => {
      const result = compareMeans({ mean: m1, stddev: s1, count: n1 }, { mean: m2, stddev: s2, count: n2 });
      assertClose(result.t, expected.t[i]!, 1e-10, `t ${i}`);
      assertClose(result.pValue, expected.p[i]!, 1e-9, `p ${i}`);
      assertClose(result.df, expected.df[i]!, 1e-12, `df ${i}`);
      assertClose(result.interval[0], expected.ci[i]![0]!, 1e-9, `ci low ${i}`);
      assertClose(result.interval[1], expected.ci[i]![1]!, 1e-9, `ci high ${i}`);
      const at90 = compareMeans({ mean: m1, stddev: s1, count: n1 }, { mean: m2, stddev: s2, count: n2 }, 0.9);
      assertClose(at90.interval[0], expected.ci90[i]![0]!, 1e-9, `ci90 low ${i}`);
    });
  });

  test("no variance in either sample gives no p-value, and one observation is refused", () => {
    assert.ok(Number.isNaN(compareMeans({ mean: 1, stddev: 0, count: 10 }, { mean: 2, stddev: 0, count: 10 }).pValue));
    assert.throws(() => compareMeans({ mean: 1, stddev: 1, count: 1 }, { mean: 2, stddev: 1, count: 10 }), /at least 2 observations/);
  });
});
