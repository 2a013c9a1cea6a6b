import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  calibrationBins,
  classificationMetrics,
  confusionMatrix,
  HIGHER_IS_BETTER,
  NEEDS_PROBA,
  prepareClassification,
  RankedScores,
  regressionMetrics,
  rocCurve,
  type ClassificationData,
  type RegressionData,
} from "../../../src/evaluate/metrics.ts";
import { python } from "../../support/python.ts";

/** mulberry32: a small seeded PRNG so the synthetic data is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Binary rows whose scores are rounded to 2 decimals (many ties, values on bin edges, a few exact 0s and 1s). */
function binaryData(n: number, seed: number): ClassificationData {
  const random = rng(seed);
  const y = new Int32Array(n);
  const pred = new Int32Array(n);
  const proba = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    y[i] = random() < 0.4 ? 1 : 0;
    let p = round2(1 / (1 + Math.exp(-(1.5 * (2 * y[i]! - 1) + 1.2 * normal(random)))));
    if (i % 97 === 0) p = i % 2; // confident and sometimes wrong: exercises log_loss clipping
    proba[2 * i] = 1 - p;
    proba[2 * i + 1] = p;
    pred[i] = p >= 0.5 ? 1 : 0;
  }
  return { classes: 2, y, pred, proba };
}

/** Three-class rows: two probability columns rounded to 2 decimals (ties), the third makes each row sum to 1. */
function multiclassData(n: number, seed: number): ClassificationData {
  const random = rng(seed);
  const C = 3;
  const y = new Int32Array(n);
  const pred = new Int32Array(n);
  const proba = new Float64Array(C * n);
  for (let i = 0; i < n; i++) {
    const t = Math.floor(random() * C);
    y[i] = t;
    const logits = [0, 1, 2].map((c) => (c === t ? 1.2 : 0) + normal(random));
    const exps = logits.map(Math.exp);
    const sum = exps[0]! + exps[1]! + exps[2]!;
    const p0 = round2(exps[0]! / sum);
    const p1 = Math.min(round2(exps[1]! / sum), 1 - p0);
    const row = [p0, p1, 1 - p0 - p1];
    row.forEach((p, c) => (proba[i * C + c] = p));
    // Mostly the argmax, sometimes a random class: pred need not agree with proba.
    pred[i] = random() < 0.1 ? Math.floor(random() * C) : row.indexOf(Math.max(...row));
  }
  return { classes: C, y, pred, proba };
}

/** Regression rows, one with a zero target (MAPE's eps denominator). */
function regressionData(n: number, seed: number): RegressionData {
  const random = rng(seed);
  const y = new Float64Array(n);
  const pred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i === 3 ? 0 : 10 + 3 * normal(random);
    pred[i] = y[i]! + normal(random);
  }
  return { y, pred };
}

/** Bootstrap-like integer weights 0..3 and fractional weights (some zero), seeded. */
function weightSets(n: number, seed: number): { name: string; weights: Float64Array | undefined }[] {
  const random = rng(seed);
  const counts = Float64Array.from({ length: n }, () => Math.floor(random() * 4));
  const fractional = Float64Array.from({ length: n }, () => (random() < 0.05 ? 0 : random() * 2.5));
  return [
    { name: "unweighted", weights: undefined },
    { name: "integer weights 0..3", weights: counts },
    { name: "fractional weights", weights: fractional },
  ];
}

/** One classification case as the oracle script reads it. */
function clfCase(data: ClassificationData, weights: Float64Array | undefined): object {
  return {
    C: data.classes,
    y: Array.from(data.y),
    pred: Array.from(data.pred),
    proba: data.proba === undefined ? null : Array.from(data.proba),
    w: weights === undefined ? null : Array.from(weights),
  };
}

/** One regression case as the oracle script reads it. */
function regCase(data: RegressionData, weights: Float64Array | undefined): object {
  return { y: Array.from(data.y), pred: Array.from(data.pred), w: weights === undefined ? null : Array.from(weights) };
}

type Expected = Record<string, number | null>;

/**
 * The oracle: sklearn 1.2.1 metrics with sample_weight. `None` where sklearn raises or returns nan. Multiclass
 * brier and both ECEs are numpy derivations of the documented definitions.
 */
const ORACLE = `
import warnings
import numpy as np
from sklearn import metrics as M
from sklearn.preprocessing import label_binarize
warnings.filterwarnings("ignore")

def safe(f):
    try:
        v = float(f())
    except Exception:
        return None
    return None if math.isnan(v) else v

def ece(conf, hit, w):
    ww = np.ones(len(conf)) if w is None else w
    ids = np.searchsorted(np.linspace(0.0, 1.0, 11)[1:-1], conf)
    wb = np.bincount(ids, weights=ww, minlength=10)
    yb = np.bincount(ids, weights=ww * hit, minlength=10)
    pb = np.bincount(ids, weights=ww * conf, minlength=10)
    keep = wb > 0
    return np.sum(wb[keep] / ww.sum() * np.abs(yb[keep] / wb[keep] - pb[keep] / wb[keep]))

def clf(case):
    C = case["C"]
    y = np.array(case["y"])
    pred = np.array(case["pred"])
    w = None if case["w"] is None else np.array(case["w"], dtype=float)
    r = {}
    r["accuracy"] = safe(lambda: M.accuracy_score(y, pred, sample_weight=w))
    r["balanced_accuracy"] = safe(lambda: M.balanced_accuracy_score(y, pred, sample_weight=w))
    if C == 2:
        r["precision"] = safe(lambda: M.precision_score(y, pred, sample_weight=w, zero_division=0))
        r["recall"] = safe(lambda: M.recall_score(y, pred, sample_weight=w, zero_division=0))
        r["f1"] = safe(lambda: M.f1_score(y, pred, sample_weight=w, zero_division=0))
    for avg in ("macro", "weighted"):
        r["precision_" + avg] = safe(lambda: M.precision_score(y, pred, average=avg, sample_weight=w, zero_division=0))
        r["recall_" + avg] = safe(lambda: M.recall_score(y, pred, average=avg, sample_weight=w, zero_division=0))
        r["f1_" + avg] = safe(lambda: M.f1_score(y, pred, average=avg, sample_weight=w, zero_division=0))
    if case["proba"] is not None:
        P = np.array(case["proba"], dtype=float).reshape(-1, C)
        r["log_loss"] = safe(lambda: M.log_loss(y, P, labels=list(range(C)), sample_weight=w))
        if C == 2:
            r["roc_auc"] = safe(lambda: M.roc_auc_score(y, P[:, 1], sample_weight=w))
            r["average_precision"] = safe(lambda: M.average_precision_score(y, P[:, 1], sample_weight=w))
            r["brier"] = safe(lambda: M.brier_score_loss(y, P[:, 1], sample_weight=w))
            r["ece"] = safe(lambda: ece(P[:, 1], y.astype(float), w))
        else:
            Y = label_binarize(y, classes=list(range(C)))
            r["roc_auc"] = safe(lambda: M.roc_auc_score(y, P, multi_class="ovr", average="macro", sample_weight=w))
            r["average_precision"] = safe(lambda: M.average_precision_score(Y, P, average="macro", sample_weight=w))
            r["brier"] = safe(lambda: np.average(((P - Y) ** 2).sum(axis=1), weights=w))
            r["ece"] = safe(lambda: ece(P.max(axis=1), (pred == y).astype(float), w))
    return r

def reg(case):
    y = np.array(case["y"], dtype=float)
    p = np.array(case["pred"], dtype=float)
    w = None if case["w"] is None else np.array(case["w"], dtype=float)
    return {
        "mae": safe(lambda: M.mean_absolute_error(y, p, sample_weight=w)),
        "rmse": safe(lambda: M.mean_squared_error(y, p, sample_weight=w, squared=False)),
        "r2": safe(lambda: M.r2_score(y, p, sample_weight=w)),
        "mape": safe(lambda: M.mean_absolute_percentage_error(y, p, sample_weight=w)),
    }
`;

/** True when a and b agree to 1e-9 relative, or 1e-12 absolute near 0. */
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-12;
}

/** Asserts every expected metric: a number within tolerance, or undefined where sklearn gives None; and no extra keys. */
function assertMetrics(actual: Partial<Record<string, number>>, expected: Expected, label: string): void {
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (want === null) assert.equal(got, undefined, `${label}: ${name} should be undefined, got ${got}`);
    else {
      assert.ok(got !== undefined, `${label}: ${name} missing (sklearn: ${want})`);
      assert.ok(close(got, want), `${label}: ${name} = ${got}, sklearn ${want}`);
    }
  }
  for (const name of Object.keys(actual)) assert.ok(name in expected, `${label}: unexpected metric ${name}`);
}

/** Asserts two numeric arrays agree elementwise (NaN matching null or NaN). */
function assertArray(actual: number[], expected: (number | null)[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || e === undefined) assert.ok(Number.isNaN(a), `${label}[${i}] = ${a}, expected NaN`);
    else assert.ok(close(a, e), `${label}[${i}] = ${a}, expected ${e}`);
  });
}

const BINARY = binaryData(2000, 1);
const MULTICLASS = multiclassData(1500, 2);
const REGRESSION = regressionData(1000, 3);
const BINARY_WEIGHTS = weightSets(2000, 11);
const MULTICLASS_WEIGHTS = weightSets(1500, 12);
const REGRESSION_WEIGHTS = weightSets(1000, 13);

/** Only the metrics sklearn gives without probabilities. */
function withoutProba(expected: Expected): Expected {
  return Object.fromEntries(Object.entries(expected).filter(([name]) => !NEEDS_PROBA.has(name as never)));
}

describe("classification metrics against scikit-learn", () => {
  const cases = [
    ...BINARY_WEIGHTS.map(({ name, weights }) => ({ label: `binary, ${name}`, data: BINARY, weights })),
    ...MULTICLASS_WEIGHTS.map(({ name, weights }) => ({ label: `3 classes, ${name}`, data: MULTICLASS, weights })),
  ];
  const expected = python<{ metrics: Expected; confusion: number[][] }[]>(
    `${ORACLE}
out = []
for case in data:
    C = case["C"]
    w = None if case["w"] is None else np.array(case["w"], dtype=float)
    out.append({"metrics": clf(case), "confusion": M.confusion_matrix(case["y"], case["pred"], labels=list(range(C)), sample_weight=w)})
emit(out)`,
    cases.map(({ data, weights }) => clfCase(data, weights)),
  );

  cases.forEach(({ label, data, weights }, k) => {
    test(`every metric matches sklearn for ${label}`, () => {
      assertMetrics(classificationMetrics(data, weights), expected[k]!.metrics, label);
    });

    test(`the confusion matrix matches sklearn for ${label}`, () => {
      const matrix = confusionMatrix(data, weights);
      const want = expected[k]!.confusion;
      // Integer weights sum exactly; fractional ones may differ in the last bit with the summation order.
      if (weights === undefined || weights.every(Number.isInteger)) assert.deepEqual(matrix, want);
      else
        matrix.forEach((row, t) => {
          assertArray(row, want[t]!, `${label} confusion row ${t}`);
        });
    });

    test(`a label-only model gets the label metrics only, for ${label}`, () => {
      const labelsOnly = { classes: data.classes, y: data.y, pred: data.pred };
      assertMetrics(classificationMetrics(labelsOnly, weights), withoutProba(expected[k]!.metrics), label);
    });

    test(`the prepared cache gives the same numbers as computing afresh, for ${label}`, () => {
      assert.deepEqual(classificationMetrics(data, weights, prepareClassification(data)), classificationMetrics(data, weights));
    });
  });

  test("binary precision, recall and f1 are left out for more than two classes", () => {
    const metrics = classificationMetrics(MULTICLASS);
    for (const name of ["precision", "recall", "f1"] as const) assert.equal(metrics[name], undefined);
  });
});

describe("bootstrap reuse of ranked scores", () => {
  // Poisson-like resample counts: several draws over the same prepared data, as the bootstrap does.
  const random = rng(21);
  const draws = Array.from({ length: 4 }, () =>
    Float64Array.from({ length: MULTICLASS.y.length }, () => Math.floor(-Math.log(1 - random()))),
  );
  const expected = python<Expected[]>(
    `${ORACLE}\nemit([clf(case) for case in data])`,
    draws.map((w) => clfCase(MULTICLASS, w)),
  );

  test("one prepared cache serves many weight vectors and matches sklearn each time", () => {
    const prepared = prepareClassification(MULTICLASS);
    draws.forEach((w, k) => {
      assertMetrics(classificationMetrics(MULTICLASS, w, prepared), expected[k]!, `draw ${k}`);
    });
  });

  // Probabilities, and decision-function-like scores: negative, −0 and 0 (one tie), large, tied and distinct.
  const y01 = Uint8Array.from(BINARY.y);
  const probability = Float64Array.from({ length: BINARY.y.length }, (_, i) => BINARY.proba![2 * i + 1]!);
  const noise = rng(22);
  const margin = Float64Array.from(BINARY.y, (t, i) =>
    i % 50 === 0 ? (i % 100 === 0 ? -0 : 0) : i % 3 === 0 ? Math.round(400 * (t - 0.4 + normal(noise))) : 1e6 * (t - 0.4 + normal(noise)),
  );
  const ranking = python<{ auc: number; ap: number }[][]>(
    `import numpy as np\nfrom sklearn import metrics as M
y = np.array(data["y"])
ws = [None if v is None else np.array(v) for v in data["w"]]
emit([[{"auc": M.roc_auc_score(y, np.array(s), sample_weight=w), "ap": M.average_precision_score(y, np.array(s), sample_weight=w)} for w in ws] for s in data["s"]])`,
    {
      y: Array.from(y01),
      s: [Array.from(probability), Array.from(margin)],
      w: BINARY_WEIGHTS.map(({ weights }) => (weights === undefined ? null : Array.from(weights))),
    },
  );

  [
    { kind: "probabilities", score: probability },
    { kind: "signed margins", score: margin },
  ].forEach(({ kind, score }, s) => {
    test(`RankedScores gives sklearn's weighted AUC and average precision on repeated calls, for ${kind}`, () => {
      const ranked = new RankedScores(y01, score);
      for (let round = 0; round < 2; round++) {
        BINARY_WEIGHTS.forEach(({ name, weights }, k) => {
          const want = ranking[s]![k]!;
          assert.ok(close(ranked.auc(weights)!, want.auc), `auc, ${name}: ${ranked.auc(weights)} vs ${want.auc}`);
          assert.ok(close(ranked.averagePrecision(weights)!, want.ap), `average precision, ${name}`);
        });
      }
    });
  });
});

describe("curves against scikit-learn", () => {
  const y01 = Uint8Array.from(BINARY.y);
  const score = Float64Array.from({ length: BINARY.y.length }, (_, i) => BINARY.proba![2 * i + 1]!);
  const expected = python<{
    roc: { fpr: number[]; tpr: number[]; thresholds: number[] }[];
    calibration: { fraction: number[]; mean: number[] }[];
    weighted: { fraction: number[]; mean: number[]; weight: number[] };
  }>(
    `import numpy as np
from sklearn import metrics as M
from sklearn.calibration import calibration_curve
y = np.array(data["y"]); s = np.array(data["s"])
ws = [None if v is None else np.array(v) for v in data["w"]]
roc = []
for w in ws:
    fpr, tpr, thr = M.roc_curve(y, s, sample_weight=w, drop_intermediate=False)
    roc.append({"fpr": fpr, "tpr": tpr, "thresholds": thr})
# Integer weights are resample counts: calibration_curve of the repeated rows is the weighted curve.
cal = []
for w in ws[:2]:
    reps = np.ones(len(y), dtype=int) if w is None else w.astype(int)
    frac, mean = calibration_curve(np.repeat(y, reps), np.repeat(s, reps), n_bins=10, strategy="uniform")
    cal.append({"fraction": frac, "mean": mean})
# Fractional weights: the same bins (np.searchsorted on linspace's inner edges), weighted in numpy.
w = ws[2]
ids = np.searchsorted(np.linspace(0.0, 1.0, 11)[1:-1], s)
wb = np.bincount(ids, weights=w, minlength=10); keep = wb > 0
weighted = {"fraction": np.bincount(ids, weights=w * y, minlength=10)[keep] / wb[keep], "mean": np.bincount(ids, weights=w * s, minlength=10)[keep] / wb[keep], "weight": wb[keep]}
emit({"roc": roc, "calibration": cal, "weighted": weighted})`,
    {
      y: Array.from(y01),
      s: Array.from(score),
      w: BINARY_WEIGHTS.map(({ weights }) => (weights === undefined ? null : Array.from(weights))),
    },
  );

  BINARY_WEIGHTS.forEach(({ name, weights }, k) => {
    test(`rocCurve matches roc_curve(drop_intermediate=False), thresholds included, ${name}`, () => {
      const roc = rocCurve(y01, score, weights);
      const want = expected.roc[k]!;
      assertArray(roc.fpr, want.fpr, "fpr");
      assertArray(roc.tpr, want.tpr, "tpr");
      // sklearn 1.2 opens the curve at threshold max(score) + 1, and so does rocCurve: the arrays align one to one.
      assertArray(roc.thresholds, want.thresholds, "thresholds");
    });
  });

  BINARY_WEIGHTS.slice(0, 2).forEach(({ name, weights }, k) => {
    test(`calibrationBins matches calibration_curve, ${name}`, () => {
      const bins = calibrationBins(y01, score, weights === undefined ? {} : { weights });
      assertArray(bins.fractionPositive, expected.calibration[k]!.fraction, "fraction positive");
      assertArray(bins.meanPredicted, expected.calibration[k]!.mean, "mean predicted");
    });
  });

  test("calibrationBins with fractional weights matches the numpy derivation, with uniform bin edges", () => {
    const weights = BINARY_WEIGHTS[2]!.weights!;
    const bins = calibrationBins(y01, score, { weights });
    assertArray(bins.fractionPositive, expected.weighted.fraction, "fraction positive");
    assertArray(bins.meanPredicted, expected.weighted.mean, "mean predicted");
    assertArray(bins.weight, expected.weighted.weight, "weight");
    assert.equal(bins.lower[0], 0);
    assert.equal(bins.upper.at(-1), 1);
    bins.lower.forEach((lower, b) => {
      assert.ok(close(bins.upper[b]! - lower, 0.1), `bin ${b} width`);
    });
  });

  test("calibrationBins rejects scores outside [0, 1], as calibration_curve does", () => {
    assert.throws(() => calibrationBins(Uint8Array.of(0, 1), Float64Array.of(0.2, 1.5)), RangeError);
  });

  test("rocCurve rejects non-finite scores, as roc_curve does", () => {
    assert.throws(() => rocCurve(Uint8Array.of(0, 1), Float64Array.of(0.2, NaN)), RangeError);
  });
});

describe("regression metrics against scikit-learn", () => {
  const expected = python<Expected[]>(
    `${ORACLE}\nemit([reg(case) for case in data])`,
    REGRESSION_WEIGHTS.map(({ weights }) => regCase(REGRESSION, weights)),
  );

  REGRESSION_WEIGHTS.forEach(({ name, weights }, k) => {
    test(`mae, rmse, r2 and mape match sklearn, ${name}`, () => {
      assertMetrics(regressionMetrics(REGRESSION, weights), expected[k]!, name);
    });
  });
});

describe("edge cases against scikit-learn", () => {
  const n = 40;
  const oneRow = (i: number): Float64Array => Float64Array.from({ length: n }, (_, j) => (j === i ? 2.5 : 0));
  const binary = binaryData(n, 5);
  const multiclass = multiclassData(n, 6);
  const firstPositive = binary.y.indexOf(1);
  const allNegative: ClassificationData = { ...binary, y: new Int32Array(n) };
  const positivesWeightless = Float64Array.from(binary.y, (t) => (t === 1 ? 0 : 1));
  // Class 2 never occurs in y (it is still predicted): multiclass roc_auc_score raises.
  const noClass2: ClassificationData = { ...multiclass, y: multiclass.y.map((t) => (t === 2 ? 0 : t)) };
  const perfectY = binary.y;
  const perfect: ClassificationData = {
    classes: 2,
    y: perfectY,
    pred: perfectY,
    proba: Float64Array.from({ length: 2 * n }, (_, j) => (j % 2 === perfectY[j >> 1] ? 1 : 0)),
  };
  const perfectMulti: ClassificationData = {
    ...multiclass,
    pred: multiclass.y,
    proba: Float64Array.from({ length: 3 * n }, (_, j) => (j % 3 === multiclass.y[Math.floor(j / 3)] ? 1 : 0)),
  };

  const clfCases: { label: string; data: ClassificationData; weights?: Float64Array }[] = [
    { label: "only negatives in y", data: allNegative },
    { label: "every positive has zero weight", data: binary, weights: positivesWeightless },
    { label: "a class absent from y", data: noClass2 },
    { label: "perfect binary predictions", data: perfect },
    { label: "perfect multiclass predictions", data: perfectMulti },
    { label: "all weight on one positive row", data: binary, weights: oneRow(firstPositive) },
    { label: "all weight on one multiclass row", data: multiclass, weights: oneRow(7) },
    // Multiclass roc_auc_score raises unless rows sum to 1; log_loss renormalises them.
    { label: "probability rows summing to 0.9", data: { ...multiclass, proba: multiclass.proba!.map((p) => 0.9 * p) } },
  ];
  const constant: RegressionData = {
    y: new Float64Array(n).fill(2.5),
    pred: Float64Array.from({ length: n }, (_, i) => 2.5 + (i % 3) * 0.5),
  };
  const regCases: { label: string; data: RegressionData; weights?: Float64Array }[] = [
    { label: "a constant target", data: constant },
    { label: "a constant target predicted perfectly", data: { y: constant.y, pred: constant.y } },
    {
      label: "a constant target among the weighted rows",
      data: { y: Float64Array.from(REGRESSION.y.subarray(0, n), (v, i) => (i % 2 === 0 ? 2.5 : v)), pred: REGRESSION.pred.subarray(0, n) },
      weights: Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 + (i % 3) : 0)),
    },
    { label: "all weight on one row", data: regressionData(n, 7), weights: oneRow(5) },
    { label: "a single row", data: { y: Float64Array.of(3), pred: Float64Array.of(4) } },
  ];
  const expected = python<{ clf: Expected[]; reg: Expected[] }>(
    `${ORACLE}\nemit({"clf": [clf(c) for c in data["clf"]], "reg": [reg(c) for c in data["reg"]]})`,
    { clf: clfCases.map(({ data, weights }) => clfCase(data, weights)), reg: regCases.map(({ data, weights }) => regCase(data, weights)) },
  );

  clfCases.forEach(({ label, data, weights }, k) => {
    test(`classification metrics match sklearn with ${label}`, () => {
      assertMetrics(classificationMetrics(data, weights), expected.clf[k]!, label);
    });
  });

  regCases.forEach(({ label, data, weights }, k) => {
    test(`regression metrics match sklearn with ${label}`, () => {
      assertMetrics(regressionMetrics(data, weights), expected.reg[k]!, label);
    });
  });

  test("the AUC is undefined with one class present, as sklearn raises", () => {
    assert.equal(classificationMetrics(allNegative).roc_auc, undefined);
    assert.equal(new RankedScores(new Uint8Array(5).fill(1), Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5)).auc(), undefined);
  });

  test("a constant target gives r2 = 0 even where the weighted mean does not cancel to the last bit", () => {
    // sklearn documents r2 = 0 for a constant y_true predicted imperfectly; 0.1 is not exact in binary.
    const y = new Float64Array(50).fill(0.1);
    const pred = Float64Array.from({ length: 50 }, (_, i) => 0.1 + i * 1e-3);
    const weights = Float64Array.from({ length: 50 }, (_, i) => 0.3 + (i % 7) * 0.11);
    assert.equal(regressionMetrics({ y, pred }, weights).r2, 0);
  });

  test("with every weight zero no metric is defined", () => {
    assert.deepEqual(classificationMetrics(binary, new Float64Array(n)), {});
    assert.deepEqual(regressionMetrics(REGRESSION, new Float64Array(REGRESSION.y.length)), {});
  });

  test("non-finite probabilities leave out the probability metrics, as sklearn raises", () => {
    const proba = Float64Array.from(binary.proba!);
    proba[3] = NaN;
    const metrics = classificationMetrics({ ...binary, proba });
    for (const name of NEEDS_PROBA) assert.equal(metrics[name as keyof typeof metrics], undefined, name);
    assert.equal(metrics.accuracy, classificationMetrics(binary).accuracy);
  });

  test("inconsistent input is rejected", () => {
    assert.throws(() => classificationMetrics({ classes: 2, y: Int32Array.of(0, 2), pred: Int32Array.of(0, 1) }), RangeError);
    assert.throws(() => classificationMetrics({ classes: 2, y: Int32Array.of(0, 1), pred: Int32Array.of(0) }), RangeError);
    assert.throws(
      () => classificationMetrics({ classes: 2, y: Int32Array.of(0, 1), pred: Int32Array.of(0, 1), proba: new Float64Array(3) }),
      RangeError,
    );
    assert.throws(() => classificationMetrics(binary, new Float64Array(n).fill(-1)), RangeError);
    assert.throws(() => regressionMetrics(REGRESSION, new Float64Array(2)), RangeError);
    assert.throws(() => classificationMetrics(multiclass, undefined, { ranked: prepareClassification(binary).ranked }), RangeError);
  });
});

describe("metric tables", () => {
  test("every probability metric is listed in HIGHER_IS_BETTER with the loss-like ones lower-is-better", () => {
    for (const name of NEEDS_PROBA) assert.ok(name in HIGHER_IS_BETTER);
    for (const name of ["log_loss", "brier", "ece", "mae", "rmse", "mape"] as const) assert.equal(HIGHER_IS_BETTER[name], false);
    for (const name of ["accuracy", "roc_auc", "f1_macro", "r2"] as const) assert.equal(HIGHER_IS_BETTER[name], true);
  });
});
