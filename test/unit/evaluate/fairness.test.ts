/**
 * Group fairness metrics against a pandas/scikit-learn re-statement of Fairlearn's MetricFrame
 * aggregates and AIF360's disparate impact (neither library is installed): seeded random data with
 * 3–4 groups, unweighted and with integer weights, both methods and both aggregations; then the
 * honesty rules (small groups, undefined rates, too few groups), intersections, missing values and
 * a worked 3-group example drawn from np.random.default_rng(42).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { UserError } from "../../../src/common/errors.ts";
import {
  assertSeveralGroups,
  buildGrouping,
  FAIRNESS_METRIC_NAMES,
  fairnessFromCells,
  groupCells,
  GROUP_RATES,
  type FairnessOptions,
  type FairnessResult,
  type Grouping,
} from "../../../src/evaluate/fairness.ts";
import { evaluateFairness } from "../../../src/evaluate/fairness-eval.ts";
import { python } from "../../support/python.ts";

/** One data set: group label, label and prediction per row, optional integer weights. */
interface Rows {
  g: string[];
  y: number[];
  p: number[];
  w: number[] | null;
}

interface Case extends Rows {
  options: FairnessOptions;
}

type Num = number | null;

interface Expected {
  groups: ({ label: string; count: number; positives: number; negatives: number } & Record<string, Num | string>)[];
  overall: Record<string, Num>;
  metrics: Record<string, Num>;
  entered: Record<"selection_rate" | "tpr" | "fpr", string[]>;
  worst: { di: string | null; spd: string | null };
}

/**
 * The oracle: per-group rates from scikit-learn's (weighted) confusion matrix, aggregates as
 * Fairlearn's MetricFrame.difference/ratio (pandas max/min skip NaN) and AIF360's SR_u / SR_priv,
 * after dropping groups below min_group_size; fewer than 2 groups left → None.
 */
const ORACLE = `
import numpy as np, pandas as pd
from sklearn.metrics import confusion_matrix

def rates_of(yt, yp, w):
    tn, fp, fn, tp = confusion_matrix(yt, yp, labels=[0, 1], sample_weight=w).ravel().astype(float)
    n = tn + fp + fn + tp
    div = lambda a, b: a / b if b > 0 else float("nan")
    return {"count": n, "positives": tp + fn, "negatives": tn + fp,
            "selection_rate": div(fp + tp, n), "tpr": div(tp, tp + fn), "fpr": div(fp, fp + tn),
            "fnr": div(fn, tp + fn), "precision": div(tp, tp + fp), "accuracy": div(tp + tn, n)}

def evaluate(case):
    n = len(case["g"])
    w = np.ones(n) if case["w"] is None else np.array(case["w"], dtype=float)
    df = pd.DataFrame({"g": case["g"], "y": case["y"], "p": case["p"], "w": w})
    o = case["options"]
    min_size = o.get("minGroupSize", 30)
    method = o.get("method", "between_groups")
    agg = o.get("agg", "worst_case")
    priv = o.get("privileged")
    by = pd.DataFrame({g: rates_of(d.y, d.p, d.w) for g, d in df.groupby("g")}).T.astype(float)
    overall = pd.Series(rates_of(df.y, df.p, df.w))
    keep = by[by["count"] >= min_size]
    entered = lambda rate: keep[rate].dropna()

    def diff(rate):
        m = entered(rate)
        if len(m) < 2: return None
        if method == "between_groups": return m.max() - m.min()
        return (m - overall[rate]).abs().max()

    def ratio(rate):
        m = entered(rate)
        if len(m) < 2: return None
        if method == "between_groups": return m.min() / m.max() if m.max() > 0 else None
        if overall[rate] == 0: return None
        r = m / overall[rate]
        return r.where(r <= 1, 1 / r).min()

    def eo(a, b, worst):
        if a is None or b is None: return None
        return worst(a, b) if agg == "worst_case" else (a + b) / 2

    metrics = {
        "demographic_parity_difference": diff("selection_rate"),
        "demographic_parity_ratio": ratio("selection_rate"),
        "equalized_odds_difference": eo(diff("tpr"), diff("fpr"), max),
        "equalized_odds_ratio": eo(ratio("tpr"), ratio("fpr"), min),
        "equal_opportunity_difference": diff("tpr"),
        "equal_opportunity_ratio": ratio("tpr"),
        "disparate_impact": None,
        "statistical_parity_difference": None,
    }
    worst = {"di": None, "spd": None}
    if priv is not None and by.loc[priv, "count"] >= min_size:
        base = by.loc[priv, "selection_rate"]
        others = keep.drop(priv)["selection_rate"]
        if len(others) > 0:
            d = others - base
            worst["spd"] = d.abs().idxmax()
            metrics["statistical_parity_difference"] = d[worst["spd"]]
            if base > 0:
                di = others / base
                worst["di"] = di.idxmin()
                metrics["disparate_impact"] = di.min()
    if (by["count"] > 0).sum() < 2:
        metrics = {k: None for k in metrics}
    return {
        "groups": [{"label": g, **by.loc[g].to_dict()} for g in by.index],
        "overall": overall.to_dict(),
        "metrics": metrics,
        "entered": {r: list(entered(r).index) for r in ["selection_rate", "tpr", "fpr"]},
        "worst": worst,
    }
`;

/** Expected results for each case, from the oracle. */
function oracle(cases: Case[]): Expected[] {
  return python<Expected[]>(`${ORACLE}\nemit([evaluate(case) for case in data])`, cases);
}

/** Our result for one case: a grouping of the one column `g`, then cells. */
function ours(rows: Rows, options: FairnessOptions): FairnessResult {
  const grouping = buildGrouping([{ name: "g", values: rows.g }]);
  const weights = rows.w === null ? undefined : Float64Array.from(rows.w);
  return fairnessFromCells(groupCells(grouping, Uint8Array.from(rows.y), Uint8Array.from(rows.p), weights), options);
}

function close(actual: number | undefined, expected: Num | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    assert.equal(actual, undefined, `${what}: expected undefined, got ${actual}`);
    return;
  }
  assert.ok(actual !== undefined, `${what}: expected ${expected}, got undefined`);
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

/** Every per-group number, every aggregate and the groups that entered them, against the oracle. */
function assertMatches(result: FairnessResult, expected: Expected, name: string): void {
  assert.deepEqual(
    result.groups.map((group) => group.label),
    expected.groups.map((group) => group.label),
    `${name}: group labels`,
  );
  const pairs: [FairnessResult["overall"], Record<string, Num | string>][] = [
    [result.overall, expected.overall],
    ...result.groups.map((group, i) => [group, expected.groups[i]!] as [FairnessResult["overall"], Record<string, Num | string>]),
  ];
  for (const [group, want] of pairs) {
    for (const key of ["count", "positives", "negatives"] as const) close(group[key], want[key] as Num, `${name} ${group.label} ${key}`);
    for (const rate of GROUP_RATES) close(group.rates[rate], want[rate] as Num, `${name} ${group.label} ${rate}`);
  }
  for (const metric of FAIRNESS_METRIC_NAMES) {
    const value = result.metrics[metric];
    close(value.value, expected.metrics[metric], `${name} ${metric}`);
    if (value.value === undefined) assert.ok(value.reason, `${name} ${metric}: undefined without a reason`);
  }
  const m = result.metrics;
  // Expected group lists are the oracle's; equalized odds takes the groups that entered both parts.
  if (m.demographic_parity_difference.value !== undefined)
    assert.deepEqual(m.demographic_parity_difference.groups, expected.entered.selection_rate, `${name} DP groups`);
  if (m.equal_opportunity_difference.value !== undefined)
    assert.deepEqual(m.equal_opportunity_difference.groups, expected.entered.tpr, `${name} EOpp groups`);
  if (m.equalized_odds_difference.value !== undefined) {
    assert.deepEqual(
      m.equalized_odds_difference.groups,
      expected.entered.tpr.filter((label) => expected.entered.fpr.includes(label)),
      `${name} EO groups`,
    );
  }
  assert.equal(m.disparate_impact.worst, expected.worst.di ?? undefined, `${name} DI group`);
  assert.equal(m.statistical_parity_difference.worst, expected.worst.spd ?? undefined, `${name} SPD group`);
}

/** Rows from per-group cells: [group, y, pred, how many rows]. */
function rowsOf(cells: [string, 0 | 1, 0 | 1, number][]): Rows {
  const rows: Rows = { g: [], y: [], p: [], w: null };
  for (const [g, y, p, n] of cells) {
    for (let i = 0; i < n; i++) {
      rows.g.push(g);
      rows.y.push(y);
      rows.p.push(p);
    }
  }
  return rows;
}

const excludedOf = (result: FairnessResult, metric: keyof FairnessResult["metrics"]) => result.metrics[metric].excluded;

describe("seeded random data against the Fairlearn/AIF360 re-statement", () => {
  let sets: (Rows & { seed: number })[] = [];
  const cases: (Case & { name: string })[] = [];
  let expected: Expected[] = [];

  before(() => {
    // Groups of different sizes, base rates and prediction shifts; one set has a group below 30 rows.
    sets = python<(Rows & { seed: number })[]>(
      `
import numpy as np
out = []
for seed, sizes in data:
    rng = np.random.default_rng(seed)
    labels = ["Asian", "Black", "Other", "White"][: len(sizes)]
    g = np.repeat(labels, sizes)
    rng.shuffle(g)
    base = dict(zip(labels, rng.uniform(0.2, 0.6, len(labels))))
    shift = dict(zip(labels, rng.normal(0, 0.15, len(labels))))
    y = (rng.random(len(g)) < np.array([base[x] for x in g])).astype(int)
    score = 0.5 * y + rng.normal(0, 0.35, len(g)) + np.array([shift[x] for x in g])
    p = (score > 0.4).astype(int)
    w = rng.integers(0, 5, len(g))
    out.append({"seed": seed, "g": g.tolist(), "y": y.tolist(), "p": p.tolist(), "w": w.tolist()})
emit(out)
`,
      [
        [7, [260, 190, 150]],
        [11, [320, 210, 140, 90]],
        [23, [300, 240, 18, 120]],
      ],
    );
    for (const set of sets) {
      for (const weighted of [false, true]) {
        for (const method of ["between_groups", "to_overall"] as const) {
          for (const agg of ["worst_case", "mean"] as const) {
            const rows: Rows = { g: set.g, y: set.y, p: set.p, w: weighted ? set.w : null };
            const privileged = method === "between_groups" ? "Black" : "Asian";
            cases.push({
              ...rows,
              options: { method, agg, privileged },
              name: `seed ${set.seed} ${weighted ? "weighted" : "unweighted"} ${method} ${agg}`,
            });
          }
        }
      }
    }
    expected = oracle(cases.map(({ g, y, p, w, options }) => ({ g, y, p, w, options })));
  });

  test("per-group rates and every aggregate match, unweighted and with integer weights, for both methods and both aggregations", () => {
    assert.equal(cases.length, 24);
    for (const [i, testCase] of cases.entries()) assertMatches(ours(testCase, testCase.options), expected[i]!, testCase.name);
  });

  test("integer weights act as repeated rows: count is the sum of weights", () => {
    const set = sets[0]!;
    const result = ours({ ...set }, {});
    const total = set.w!.reduce((sum, w) => sum + w, 0);
    assert.equal(result.overall.count, total);
    assert.equal(
      result.groups.reduce((sum, group) => sum + group.count, 0),
      total,
    );
  });

  test("the group below min_group_size is reported but left out of every aggregate", () => {
    const set = sets[2]!;
    const result = ours({ ...set, w: null }, { privileged: "White" });
    const other = result.groups.find((group) => group.label === "Other")!;
    assert.equal(other.count, 18);
    assert.equal(other.small, true);
    assert.ok(other.rates.selection_rate !== undefined, "a small group still has its rates reported");
    for (const metric of FAIRNESS_METRIC_NAMES) {
      assert.ok(!result.metrics[metric].groups.includes("Other"), `${metric} used the small group`);
      assert.deepEqual(excludedOf(result, metric), [{ label: "Other", reason: "n=18 < min_group_size 30" }], metric);
    }
  });
});

describe("honesty rules", () => {
  test("a group with no positives has TPR undefined, not 0, and equalized odds is computed over the rest", () => {
    const rows = rowsOf([
      ["A", 0, 0, 30],
      ["A", 0, 1, 10],
      ["A", 1, 0, 8],
      ["A", 1, 1, 22],
      ["B", 0, 0, 25],
      ["B", 0, 1, 5],
      ["B", 1, 0, 15],
      ["B", 1, 1, 15],
      ["C", 0, 0, 32],
      ["C", 0, 1, 8],
    ]);
    for (const agg of ["worst_case", "mean"] as const) {
      const result = ours(rows, { agg });
      assertMatches(result, oracle([{ ...rows, options: { agg } }])[0]!, `no positives ${agg}`);
      const c = result.groups[2]!;
      assert.equal(c.rates.tpr, undefined);
      assert.equal(c.rates.fnr, undefined);
      assert.equal(c.rates.fpr, 0.2);
      const eo = result.metrics.equalized_odds_difference;
      assert.ok(eo.value !== undefined);
      assert.deepEqual(eo.groups, ["A", "B"]);
      assert.deepEqual(eo.excluded, [{ label: "C", reason: "no positives (TPR undefined), left out of the TPR part" }]);
      assert.deepEqual(result.metrics.equal_opportunity_difference.excluded, [{ label: "C", reason: "no positives (TPR undefined)" }]);
      assert.deepEqual(result.metrics.demographic_parity_difference.groups, ["A", "B", "C"]);
    }
  });

  test("an aggregate over two groups is defined, and undefined with a reason once only one group is left", () => {
    const rows = rowsOf([
      ["A", 0, 0, 20],
      ["A", 0, 1, 10],
      ["A", 1, 0, 10],
      ["A", 1, 1, 20],
      ["B", 0, 0, 15],
      ["B", 0, 1, 5],
      ["B", 1, 0, 12],
      ["B", 1, 1, 8],
      ["C", 0, 0, 10],
      ["C", 1, 1, 10],
    ]);
    const two = ours(rows, { minGroupSize: 30 });
    assertMatches(two, oracle([{ ...rows, options: { minGroupSize: 30 } }])[0]!, "two groups");
    assert.deepEqual(two.metrics.demographic_parity_difference.groups, ["A", "B"]);
    for (const metric of FAIRNESS_METRIC_NAMES.slice(0, 6)) assert.ok(two.metrics[metric].value !== undefined, metric);

    const one = ours(rows, { minGroupSize: 50 });
    assertMatches(one, oracle([{ ...rows, options: { minGroupSize: 50 } }])[0]!, "one group");
    for (const metric of FAIRNESS_METRIC_NAMES.slice(0, 6)) {
      assert.equal(one.metrics[metric].value, undefined, metric);
      assert.match(one.metrics[metric].reason!, /fewer than 2 groups with at least 50 rows/, metric);
    }
    assert.deepEqual(one.metrics.demographic_parity_ratio.excluded, [
      { label: "B", reason: "n=40 < min_group_size 50" },
      { label: "C", reason: "n=20 < min_group_size 50" },
    ]);
    assert.equal(one.metrics.disparate_impact.reason, "no privileged group configured");
  });

  test("when exclusions for an undefined rate leave one group, the reason names the rate", () => {
    const rows = rowsOf([
      ["A", 0, 0, 20],
      ["A", 1, 1, 20],
      ["B", 0, 0, 35],
      ["B", 0, 1, 5],
    ]);
    const result = ours(rows, {});
    assertMatches(result, oracle([{ ...rows, options: {} }])[0]!, "one TPR group");
    assert.equal(result.metrics.equal_opportunity_ratio.value, undefined);
    assert.equal(result.metrics.equal_opportunity_ratio.reason, "fewer than 2 groups with at least 30 rows and a defined TPR");
    assert.equal(result.metrics.equalized_odds_difference.value, undefined);
    assert.match(result.metrics.equalized_odds_difference.reason!, /^TPR difference: fewer than 2 groups/);
    assert.ok(result.metrics.demographic_parity_difference.value !== undefined);
  });

  test("to_overall ratios invert a group above the overall (r > 1 → 1/r), so a favoured group can be the worst", () => {
    // Selection rates 0.9, 0.5, 0.45 around an overall of 0.6167: A's inverted 0.685 is below C's 0.73.
    const rows = rowsOf([
      ["A", 0, 1, 90],
      ["A", 1, 0, 10],
      ["B", 0, 1, 50],
      ["B", 1, 0, 50],
      ["C", 0, 1, 45],
      ["C", 1, 0, 55],
    ]);
    const result = ours(rows, { method: "to_overall" });
    const expected = oracle([{ ...rows, options: { method: "to_overall" } }])[0]!;
    assertMatches(result, expected, "inverted to_overall");
    const c = result.groups[2]!.rates.selection_rate! / result.overall.rates.selection_rate!;
    assert.ok(result.metrics.demographic_parity_ratio.value! < c, "the inverted A, not C, is the minimum");
  });

  test("a rate that is 0 in every group gives an undefined ratio (0/0), not 1 or 0", () => {
    const rows = rowsOf([
      ["A", 0, 0, 30],
      ["A", 1, 1, 10],
      ["B", 0, 0, 40],
      ["B", 1, 0, 5],
      ["B", 1, 1, 5],
    ]);
    for (const method of ["between_groups", "to_overall"] as const) {
      const result = ours(rows, { method });
      assertMatches(result, oracle([{ ...rows, options: { method } }])[0]!, `0/0 ${method}`);
      // TPR is defined (1 and 0.5), so the difference is; only the FPR ratio is 0/0.
      assert.ok(result.metrics.equalized_odds_difference.value! > 0);
      assert.equal(result.metrics.equalized_odds_ratio.value, undefined);
      assert.match(result.metrics.equalized_odds_ratio.reason!, /^FPR ratio: FPR is 0/);
    }
  });

  test("data with a single group: every aggregate is undefined with the reason 'only one group'", () => {
    const grouping = buildGrouping([{ name: "sex", values: ["Male", "Male", "Male"] }]);
    const result = fairnessFromCells(groupCells(grouping, Uint8Array.of(0, 1, 1), Uint8Array.of(0, 1, 0)), {
      minGroupSize: 1,
      privileged: "Male",
    });
    assert.equal(result.groups.length, 1);
    assert.equal(result.overall.count, 3);
    for (const metric of FAIRNESS_METRIC_NAMES) {
      assert.equal(result.metrics[metric].value, undefined, metric);
      assert.equal(result.metrics[metric].reason, "only one group", metric);
    }
  });

  test("assertSeveralGroups throws a UserError that says how to fix a single-group sensitive column", () => {
    const single = buildGrouping([{ name: "sex", values: ["Male", "Male"] }]);
    assert.throws(
      () => {
        assertSeveralGroups(single, "eval.yaml");
      },
      (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.equal(error.file, "eval.yaml");
        assert.match(error.problem, /sensitive column sex has a single group \("Male"\)/);
        assert.match(error.hint!, /fairness\.sensitive/);
        return true;
      },
    );
    assert.doesNotThrow(() => {
      assertSeveralGroups(buildGrouping([{ name: "sex", values: ["Male", "Female"] }]));
    });
  });
});

describe("privileged group: disparate impact and statistical parity difference", () => {
  const rows = rowsOf([
    ["A", 0, 0, 30],
    ["A", 0, 1, 20],
    ["A", 1, 0, 10],
    ["A", 1, 1, 40],
    ["B", 0, 0, 40],
    ["B", 0, 1, 10],
    ["B", 1, 0, 25],
    ["B", 1, 1, 25],
    ["C", 0, 0, 35],
    ["C", 0, 1, 25],
    ["C", 1, 0, 5],
    ["C", 1, 1, 35],
    ["D", 0, 0, 10],
    ["D", 1, 1, 10],
  ]);

  test("DI is the smallest SR_g / SR_privileged and SPD the signed SR_g − SR_privileged of largest magnitude, with the group", () => {
    for (const privileged of ["A", "B", "C"]) {
      const result = ours(rows, { privileged });
      assertMatches(result, oracle([{ ...rows, options: { privileged } }])[0]!, `privileged ${privileged}`);
      assert.ok(!result.metrics.disparate_impact.groups.includes("D"), "the small group D is left out");
    }
    const b = ours(rows, { privileged: "B" });
    // B selects 35%, A 60% and C 60%: B is the disadvantaged one, so DI > 1 and SPD > 0.
    assert.ok(b.metrics.disparate_impact.value! > 1);
    assert.ok(b.metrics.statistical_parity_difference.value! > 0);
  });

  test("a small privileged group makes both undefined with the reason", () => {
    const result = ours(rows, { privileged: "D" });
    assert.equal(result.metrics.disparate_impact.value, undefined);
    assert.equal(result.metrics.disparate_impact.reason, 'privileged group "D" is left out: n=20 < min_group_size 30');
    assert.equal(result.metrics.statistical_parity_difference.value, undefined);
  });

  test("an unknown privileged label throws an error naming the known labels", () => {
    assert.throws(() => ours(rows, { privileged: "Z" }), /privileged group "Z" is not one of the groups: "A", "B", "C", "D"/);
  });

  test("without a privileged group both are undefined: no privileged group configured", () => {
    const result = ours(rows, {});
    assert.equal(result.metrics.disparate_impact.reason, "no privileged group configured");
    assert.equal(result.metrics.statistical_parity_difference.reason, "no privileged group configured");
  });
});

describe("groupings", () => {
  test("an intersection of two columns has the labels and ids of a pandas groupby on both", () => {
    const expected = python<{ sex: (string | null)[]; race: (string | null)[]; labels: string[]; ids: number[]; sizes: number[] }>(`
import numpy as np, pandas as pd
rng = np.random.default_rng(5)
n = 400
sex = rng.choice(["Female", "Male", None], n, p=[0.45, 0.5, 0.05])
race = rng.choice(["Asian", "Black", "White", None], n, p=[0.2, 0.3, 0.45, 0.05])
df = pd.DataFrame({"sex": sex, "race": race}).fillna("(missing)")
grouped = df.groupby(["sex", "race"])
emit({"sex": sex.tolist(), "race": race.tolist(), "labels": [f"{a} & {b}" for a, b in grouped.groups.keys()],
      "ids": grouped.ngroup().tolist(), "sizes": grouped.size().tolist()})
`);
    const grouping = buildGrouping([
      { name: "sex", values: expected.sex },
      { name: "race", values: expected.race },
    ]);
    assert.equal(grouping.name, "sex & race");
    assert.deepEqual(grouping.columns, ["sex", "race"]);
    assert.deepEqual(grouping.labels, expected.labels);
    assert.deepEqual([...grouping.ids], expected.ids);
    assert.ok(grouping.labels.includes("(missing) & White") && grouping.labels.includes("Male & (missing)"));
    const cells = groupCells(grouping, new Uint8Array(400), new Uint8Array(400));
    assert.deepEqual(
      fairnessFromCells(cells).groups.map((group) => group.count),
      expected.sizes,
    );
  });

  test("missing values form their own group, labelled (missing), with its own metrics", () => {
    const values = ["F", null, "M", "F", null, "M", "M", "F"];
    const grouping: Grouping = buildGrouping([{ name: "sex", values }]);
    assert.deepEqual(grouping.labels, ["(missing)", "F", "M"]);
    assert.deepEqual([...grouping.ids], [1, 0, 2, 1, 0, 2, 2, 1]);
    const rows: Rows = {
      g: values.map((value) => value ?? "(missing)"),
      y: [1, 0, 1, 0, 1, 1, 0, 0],
      p: [1, 1, 0, 0, 1, 1, 1, 0],
      w: null,
    };
    const result = ours({ ...rows, g: values as string[] }, { minGroupSize: 2 });
    assertMatches(result, oracle([{ ...rows, options: { minGroupSize: 2 } }])[0]!, "missing group");
    assert.deepEqual(result.metrics.demographic_parity_difference.groups, ["(missing)", "F", "M"]);
  });

  test("labels are sorted by text whatever order the data shows them in", () => {
    const grouping = buildGrouping([{ name: "c", values: ["b", "B", "a", "é", "A"] }]);
    assert.deepEqual(grouping.labels, ["A", "B", "a", "b", "é"]);
    assert.deepEqual([...grouping.ids], [3, 1, 2, 4, 0]);
  });

  test("groupCells rejects labels that are not 0/1 and mismatched lengths", () => {
    const grouping = buildGrouping([{ name: "g", values: ["a", "b"] }]);
    assert.throws(() => groupCells(grouping, Uint8Array.of(0, 2), Uint8Array.of(0, 1)), /must be 0 or 1/);
    assert.throws(() => groupCells(grouping, Uint8Array.of(0), Uint8Array.of(0, 1)), /2 group ids, 1 labels/);
  });
});

describe("a worked fairness example (3 groups, n = 1000, np.random.default_rng(42))", () => {
  test("matches the pandas/scikit-learn restatement and the example's documented values", () => {
    // One default_rng(42) stream draws a longer seeded example in order: its drift samples come first,
    // then the labels, groups and scores used here.
    const golden = python<{
      group: string[];
      y: number[];
      p: number[];
      out: Record<string, number> & { group_sizes: Record<string, number> };
    }>(`
import numpy as np
from sklearn.metrics import confusion_matrix
rng = np.random.default_rng(42)
rng.normal(0.0, 1.0, 2000); rng.normal(0.25, 1.1, 1500)
rng.choice(["a", "b", "c", "d"], 2000, p=[0.4, 0.3, 0.2, 0.1])
rng.choice(["a", "b", "c", "d", "e"], 1500, p=[0.35, 0.3, 0.2, 0.1, 0.05])
rng.choice([0, 1], 800, p=[0.7, 0.3]); rng.choice([0, 1], 600, p=[0.62, 0.38])
y_true = rng.integers(0, 2, 1000)
group = rng.choice(["A", "B", "C"], 1000, p=[0.5, 0.35, 0.15])
score = 0.35 * y_true + rng.normal(0, 0.3, 1000) + np.where(group == "C", -0.15, 0.0)
y_pred = (score > 0.3).astype(int)

def rates(yt, yp):
    tn, fp, fn, tp = confusion_matrix(yt, yp, labels=[0, 1]).ravel()
    return {"selection_rate": float((yp == 1).mean()), "tpr": tp / (tp + fn), "fpr": fp / (fp + tn)}

by = {g: rates(y_true[group == g], y_pred[group == g]) for g in ["A", "B", "C"]}
overall = rates(y_true, y_pred)
diff_between = lambda m: max(by[g][m] for g in by) - min(by[g][m] for g in by)
ratio_between = lambda m: min(by[g][m] for g in by) / max(by[g][m] for g in by)
diff_to_overall = lambda m: max(abs(by[g][m] - overall[m]) for g in by)
def ratio_to_overall(m):
    rs = [by[g][m] / overall[m] for g in by]
    return min(1 / x if x > 1 else x for x in rs)
emit({"group": group.tolist(), "y": y_true.tolist(), "p": y_pred.tolist(), "out": {
    "group_sizes": {g: int((group == g).sum()) for g in by},
    "demographic_parity_difference": diff_between("selection_rate"),
    "demographic_parity_ratio": ratio_between("selection_rate"),
    "demographic_parity_difference_to_overall": diff_to_overall("selection_rate"),
    "demographic_parity_ratio_to_overall": ratio_to_overall("selection_rate"),
    "equalized_odds_difference_worst_case": max(diff_between("tpr"), diff_between("fpr")),
    "equalized_odds_ratio_worst_case": min(ratio_between("tpr"), ratio_between("fpr")),
    "equal_opportunity_difference": diff_between("tpr"),
    "aif360_disparate_impact_C_vs_A_priv": by["C"]["selection_rate"] / by["A"]["selection_rate"],
    "spd_C_vs_A_priv": by["C"]["selection_rate"] - by["A"]["selection_rate"],
}})
`);
    // The example's values to 6 places as first printed: the re-run above must be the same data.
    const printed: Record<string, number> = {
      demographic_parity_difference: 0.164865,
      demographic_parity_ratio: 0.548148,
      demographic_parity_difference_to_overall: 0.131,
      demographic_parity_ratio_to_overall: 0.60423,
      equalized_odds_difference_worst_case: 0.166767,
      equalized_odds_ratio_worst_case: 0.352787,
      equal_opportunity_difference: 0.166767,
      aif360_disparate_impact_C_vs_A_priv: 0.580838,
    };
    assert.deepEqual(golden.out.group_sizes, { A: 485, B: 370, C: 145 });
    for (const [key, value] of Object.entries(printed))
      assert.ok(Math.abs(golden.out[key]! - value) <= 5e-7, `documented ${key}: ${golden.out[key]} vs printed ${value}`);

    const rows: Rows = { g: golden.group, y: golden.y, p: golden.p, w: null };
    const between = ours(rows, { privileged: "A" });
    const toOverall = ours(rows, { method: "to_overall" });
    const ourValues: Record<string, number | undefined> = {
      demographic_parity_difference: between.metrics.demographic_parity_difference.value,
      demographic_parity_ratio: between.metrics.demographic_parity_ratio.value,
      demographic_parity_difference_to_overall: toOverall.metrics.demographic_parity_difference.value,
      demographic_parity_ratio_to_overall: toOverall.metrics.demographic_parity_ratio.value,
      equalized_odds_difference_worst_case: between.metrics.equalized_odds_difference.value,
      equalized_odds_ratio_worst_case: between.metrics.equalized_odds_ratio.value,
      equal_opportunity_difference: between.metrics.equal_opportunity_difference.value,
      aif360_disparate_impact_C_vs_A_priv: between.metrics.disparate_impact.value,
      spd_C_vs_A_priv: between.metrics.statistical_parity_difference.value,
    };
    for (const [key, value] of Object.entries(ourValues)) {
      close(value, golden.out[key], key);
      if (key in printed) assert.ok(Math.abs(value! - printed[key]!) <= 5e-7, `${key}: ${value} vs printed ${printed[key]}`);
    }
    assert.equal(between.metrics.disparate_impact.worst, "C");
    assert.equal(between.metrics.statistical_parity_difference.worst, "C");
    // DP ratio 0.548 fails the four-fifths rule.
    assert.ok(between.metrics.demographic_parity_ratio.value! < 0.8);
  });
});

describe("a privileged group the data does not have", () => {
  test("is the user's mistake: a UserError naming the policy file, its pointer, the groups there are and the fix", () => {
    const group = ["a", "b", "a", "b", "a", "b"];
    assert.throws(
      () =>
        evaluateFairness({
          specs: [{ name: "g", columns: ["g"] }],
          values: new Map([["g", group]]),
          y: Uint8Array.from([1, 0, 1, 0, 1, 0]),
          pred: Uint8Array.from([1, 0, 0, 1, 1, 0]),
          minGroupSize: 0,
          method: "between_groups",
          agg: "worst_case",
          privileged: { g: "c" },
          resamples: 0,
          seed: 1,
          confidence: 0.95,
          policyFile: "policies/gates.yaml",
        }),
      (error: unknown) =>
        error instanceof UserError &&
        error.problem === 'privileged group "c" of "g" is not in the data (groups: a, b)' &&
        error.file === "policies/gates.yaml" &&
        error.pointer === "/fairness/privileged" &&
        error.hint === "name a group label exactly as it appears in the data",
    );
  });
});
