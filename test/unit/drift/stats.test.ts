/**
 * Drift statistics against scipy 1.10 / numpy 1.24 (Debian's python3 through test/support/python.ts),
 * on data generated here with a seeded PRNG and handed to Python as JSON, plus a worked numeric
 * drift example drawn in Python from np.random.default_rng(42). Every expected number comes from one
 * batched Python run or a derivation written here; none is copied from our own output.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  adjustPValues,
  chiSquareGoodnessOfFit,
  chiSquareHomogeneity,
  fillEpsilon,
  fillEvidently,
  hellinger,
  histogramCounts,
  jensenShannonDistance,
  klDivergence,
  ks2samp,
  kstwoSf,
  proportions,
  psi,
  sampleOf,
  sturgesEdges,
  totalWeight,
  twoProportionZ,
  wasserstein,
  weightedSample,
} from "../../../src/drift/stats/drift-statistics.ts";
import type { WeightedSample } from "../../../src/drift/stats/drift-statistics.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { python } from "../../support/python.ts";

// The accuracy contract: 1e-9 relative to scipy, or 1e-12 absolute for values near 0.
const RELATIVE = 1e-9;
const ABSOLUTE = 1e-12;

type Json = number | string | null;

// emit() writes NaN as null and ±∞ as "inf"/"-inf".
function decode(value: Json): number {
  if (value === null) return Number.NaN;
  if (value === "inf") return Number.POSITIVE_INFINITY;
  if (value === "-inf") return Number.NEGATIVE_INFINITY;
  return value as number;
}

function assertClose(actual: number, expectedJson: Json, label: string, relative = RELATIVE, absolute = ABSOLUTE): void {
  const expected = decode(expectedJson);
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    assert.ok(Object.is(actual, expected), `${label}: got ${actual}, expected ${expected}`);
    return;
  }
  const error = Math.abs(actual - expected);
  assert.ok(
    error <= absolute || error <= relative * Math.abs(expected),
    `${label}: got ${actual}, expected ${expected} (relative error ${(error / Math.abs(expected)).toExponential(2)})`,
  );
}

function assertAllClose(actual: readonly number[], expected: readonly Json[], label: string, relative = RELATIVE): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  actual.forEach((value, i) => {
    assertClose(value, expected[i]!, `${label}[${i}]`, relative);
  });
}

// ------------------------------------------------------------------------------------------------
// Data, generated here with a seeded PRNG.

const random = mulberry32(20240611);
function normal(mean = 0, sd = 1): number {
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
function normals(n: number, mean = 0, sd = 1): number[] {
  return Array.from({ length: n }, () => normal(mean, sd));
}
function integers(n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => Math.round(normal(mean, sd)));
}
function counts(k: number, scale: number): number[] {
  return Array.from({ length: k }, () => Math.floor(random() * scale));
}

interface KsCase {
  label: string;
  a: number[];
  b: number[];
  method: "auto" | "exact" | "asymp";
}
const ksCases: KsCase[] = [
  { label: "tiny (3, 4)", a: normals(3), b: normals(4, 0.5), method: "auto" },
  { label: "tiny disjoint (3, 4)", a: normals(3), b: normals(4, 10), method: "auto" },
  { label: "equal sizes (50, 50)", a: normals(50), b: normals(50, 0.3), method: "auto" },
  { label: "equal sizes, far apart (50, 50)", a: normals(50), b: normals(50, 3), method: "auto" },
  { label: "(300, 250)", a: normals(300), b: normals(250, 0.15), method: "auto" },
  { label: "(300, 250) same distribution", a: normals(300), b: normals(250), method: "auto" },
  { label: "(300, 250) shifted, tiny p", a: normals(300), b: normals(250, 1.5), method: "auto" },
  { label: "coprime (97, 103)", a: normals(97), b: normals(103, 0.4, 1.2), method: "auto" },
  { label: "ties (200, 150)", a: integers(200, 0, 2), b: integers(150, 0.5, 2), method: "auto" },
  { label: "ties (40, 40)", a: integers(40, 0, 1), b: integers(40, 0, 1), method: "auto" },
  { label: "large (2000, 1500)", a: normals(2000), b: normals(1500, 0.1, 1.05), method: "auto" },
  { label: "n = 10000 exact (10000, 10000)", a: normals(10000), b: normals(10000, 0.02), method: "auto" },
  { label: "n = 10000 exact (10000, 9999)", a: normals(10000), b: normals(9999, 0.03), method: "auto" },
  { label: "auto → asymp (12000, 9000)", a: normals(12000), b: normals(9000, 0.04), method: "auto" },
  { label: "auto → asymp (12000, 9000) small D", a: normals(12000), b: normals(9000), method: "auto" },
  { label: "forced exact (12000, 9000)", a: normals(12000), b: normals(9000, 0.04), method: "exact" },
  { label: "forced exact (300, 250)", a: normals(300), b: normals(250, 0.2), method: "exact" },
  { label: "forced asymp (97, 103)", a: normals(97), b: normals(103, 0.4), method: "asymp" },
  { label: "forced asymp (50, 50)", a: normals(50), b: normals(50, 0.6), method: "asymp" },
  { label: "forced asymp (2000, 1500)", a: normals(2000), b: normals(1500, 0.1), method: "asymp" },
  { label: "forced asymp (20, 3000), tiny p", a: normals(20, 2), b: normals(3000), method: "asymp" },
];
// kstwo.sf grid: d from tiny to near 1, plus d = sqrt(c/n) for c on both sides of every _kolmogn
// switch point (n·d ≤ 1 Ruben–Gambino, n·d² ≤ 0.754693 Durbin, ≤ 4 Pomeranz, ≥ 2.2 / ≥ 370
// Smirnov or 0 for n > 140, n·d^1.5 ≤ 1.4 Durbin vs Pelz–Good, d ≥ 0.5, n·d ≥ n − 1).
const kstwoGrid: [number, number][] = [];
for (const n of [1, 2, 5, 10, 50, 100, 140, 141, 500, 1000, 100000]) {
  const ds = new Set<number>([
    1e-9,
    1e-6,
    0.3 / n,
    0.6 / n,
    0.9 / n,
    1 / n,
    1.5 / n,
    0.01,
    0.03,
    0.05,
    0.1,
    0.2,
    0.3,
    0.45,
    0.5,
    0.55,
    0.7,
    0.9,
    0.99,
    1 - 1.5 / n,
    1 - 0.5 / n,
  ]);
  for (const c of [0.05, 0.3, 0.7, 0.75, 0.76, 1, 2, 2.19, 2.21, 3.9, 4.1, 10, 17.9, 18.1, 50, 200, 369, 371]) ds.add(Math.sqrt(c / n));
  for (const c of [1, 1.39, 1.41, 2]) ds.add((c / n) ** (2 / 3)); // n·d^1.5 = c
  for (const d of ds) if (d > 0 && d < 1) kstwoGrid.push([n, d]);
}

const weightedPairs = (n: number): [number, number][] => Array.from({ length: n }, () => [Math.round(normal(0, 2) * 4) / 4, random() * 3]);
const wassersteinCases = [
  { u: normals(1), v: normals(1, 1) },
  { u: normals(5), v: normals(7, 0.5) },
  { u: normals(300), v: normals(200, 0.3, 1.4) },
  { u: integers(100, 0, 2), v: integers(80, 1, 2) },
];
const wassersteinWeighted = [
  { u: weightedPairs(40), v: weightedPairs(60) },
  { u: weightedPairs(3), v: weightedPairs(500) },
];

const goldenRef = [161, 85, 54];
const goldenCur = [99, 84, 67];
const chiTables: [number[], number[]][] = [[goldenRef, goldenCur]];
for (let k = 3; k <= 8; k++) chiTables.push([counts(k, 200), counts(k, 150)]);
chiTables.push([
  [30, 0, 12, 5, 0],
  [25, 0, 0, 9, 3],
]); // a both-zero column to drop, and a one-sided zero
chiTables.push([
  [10, 20, 30],
  [12, 18, 33],
]);

const zCases: [number, number, number, number][] = [
  [240, 800, 243, 600], // the worked example: 0.30 of 800 vs 0.405 of 600
  [10, 100, 12, 120],
  [1, 1000, 20, 900],
  [512, 1000, 488, 1000],
];

const divergencePairs: [number[], number[]][] = [
  [counts(6, 100), counts(6, 80)],
  [
    [5, 0, 3, 9],
    [4, 2, 0, 7],
  ],
  [
    [1, 2, 3],
    [3, 2, 1],
  ],
  [
    [0.2, 0.3, 0.5],
    [0.2, 0.3, 0.5],
  ],
  [
    [10, 0, 0],
    [0, 5, 5],
  ],
];
const fillInputs = [
  [0.5, 0, 0.3, 0.2, 0],
  [0.99995, 0.00005, 0, 0],
  [0.2, 0.00001, 0, 0.79999],
  [0.25, 0.25, 0.25, 0.25],
];

const pValues = [0.01, 0.04, 0.04, Number.NaN, 0.03, 0.2, 0.5, 0.001, 0.04, 0.9, Number.NaN, 0.0001, 0.3];

const histogramData = [
  { label: "n = 1", data: [3.5] },
  { label: "constant", data: Array.from({ length: 50 }, () => -2) },
  { label: "n = 2", data: [0, 1] },
  { label: "n = 1000 normal", data: normals(1000, 5, 3) },
  { label: "n = 1024 (log2 n integral)", data: normals(1024) },
  { label: "n = 4096 integers", data: integers(4096, 0, 4) },
  { label: "n = 37 tiny spread", data: normals(37, 1e6, 1e-6) },
];

// ------------------------------------------------------------------------------------------------
// One batched Python run for every expectation.

interface Expected {
  ks: { statistic: Json; pvalue: Json }[];
  kstwo: Json[];
  wasserstein: Json[];
  wassersteinWeighted: Json[];
  chi2: { statistic: Json; pvalue: Json; dof: number }[];
  gof: { statistic: Json; pvalue: Json }[];
  gofUnseen: { statistic: Json; pvalue: Json };
  z: { z: Json; p: Json }[];
  divergences: { js: Json; js2: Json; kl: Json; klFilled: Json; psiFilled: Json; hellinger: Json }[];
  fills: { eps: Json[]; eps3: Json[]; evidently: Json[] }[];
  adjusted: { bonferroni: Json[]; holm: Json[]; bh: Json[] };
  histograms: { edges: Json[]; counts: Json[]; weightedEdges: Json[]; weightedCounts: Json[] }[];
  worked: {
    ref: number[];
    cur: number[];
    edges: Json[];
    refCounts: number[];
    curCounts: number[];
    psiSturgesFilled: Json;
    klSturgesFilled: Json;
    jsUnfilled: Json;
    js2Unfilled: Json;
    hellinger: Json;
    qedges: Json[];
    psi10: Json;
    ks: { statistic: Json; pvalue: Json };
    wasserstein: Json;
  };
}

const histogramWeights = histogramData.map(({ data }) => data.map(() => Math.floor(random() * 5)));

const expected = python<Expected>(
  String.raw`
import warnings
import numpy as np
from scipy import stats
from scipy.spatial import distance
warnings.simplefilter("ignore")

out = {}
out["ks"] = []
for c in data["ks"]:
    r = stats.ks_2samp(c["a"], c["b"], method=c["method"])
    out["ks"].append({"statistic": float(r.statistic), "pvalue": float(r.pvalue)})
out["kstwo"] = [float(stats.kstwo.sf(d, n)) for n, d in data["kstwo"]]
out["wasserstein"] = [float(stats.wasserstein_distance(c["u"], c["v"])) for c in data["wasserstein"]]
out["wassersteinWeighted"] = [
    float(stats.wasserstein_distance([p[0] for p in c["u"]], [p[0] for p in c["v"]], [p[1] for p in c["u"]], [p[1] for p in c["v"]]))
    for c in data["wassersteinWeighted"]
]

out["chi2"] = []
out["gof"] = []
for ref, cur in data["chi"]:
    ref = np.array(ref, dtype=float); cur = np.array(cur, dtype=float)
    keep = (ref != 0) | (cur != 0)
    ref = ref[keep]; cur = cur[keep]
    res = stats.chi2_contingency(np.vstack([ref, cur]), correction=False)
    out["chi2"].append({"statistic": float(res[0]), "pvalue": float(res[1]), "dof": int(res[2])})
    g = stats.chisquare(cur, ref * cur.sum() / ref.sum())
    out["gof"].append({"statistic": float(g[0]), "pvalue": float(g[1])})
with np.errstate(divide="ignore", invalid="ignore"):
    ref = np.array([10.0, 5.0, 0.0]); cur = np.array([8.0, 4.0, 3.0])
    g = stats.chisquare(cur, ref * cur.sum() / ref.sum())
out["gofUnseen"] = {"statistic": float(g[0]), "pvalue": float(g[1])}

out["z"] = []
for s1, n1, s2, n2 in data["z"]:
    p1, p2 = s1 / n1, s2 / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    out["z"].append({"z": float(z), "p": float(2 * stats.norm.sf(abs(z)))})

def fill_evidently(p):
    p = np.array(p, dtype=float)
    nz = p[p != 0]
    m = nz.min()
    p[p == 0] = m / 1e6 if m <= 1e-4 else 1e-4
    return p

out["divergences"] = []
for p, q in data["divergences"]:
    p = np.array(p, dtype=float); q = np.array(q, dtype=float)
    r, c = p / p.sum(), q / q.sum()
    rf, cf = fill_evidently(r), fill_evidently(c)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["divergences"].append({
            "js": float(distance.jensenshannon(p, q)),
            "js2": float(distance.jensenshannon(p, q, base=2)),
            "kl": float(stats.entropy(p, q)),
            "klFilled": float(stats.entropy(rf, cf)),
            "psiFilled": float(np.sum((rf - cf) * np.log(rf / cf))),
            "hellinger": float(np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2)),
        })
out["fills"] = [
    {"eps": np.clip(np.array(p), 1e-4, None), "eps3": np.clip(np.array(p), 1e-3, None), "evidently": fill_evidently(p)}
    for p in data["fills"]
]

# Multiple-testing corrections, written out from their definitions (statsmodels is not installed).
pv = [float("nan") if v is None else v for v in data["pvalues"]]
idx = [i for i, v in enumerate(pv) if not np.isnan(v)]
m = len(idx)
srt = sorted(idx, key=lambda i: pv[i])
bonf = [min(1.0, v * m) if not np.isnan(v) else float("nan") for v in pv]
holm = [float("nan")] * len(pv)
running = 0.0
for rank, i in enumerate(srt):
    running = max(running, (m - rank) * pv[i])
    holm[i] = min(1.0, running)
bh = [float("nan")] * len(pv)
running = float("inf")
for rank in range(m - 1, -1, -1):
    i = srt[rank]
    running = min(running, pv[i] * m / (rank + 1))
    bh[i] = min(1.0, running)
out["adjusted"] = {"bonferroni": bonf, "holm": holm, "bh": bh}

out["histograms"] = []
for values, weights in zip(data["histograms"], data["histogramWeights"]):
    x = np.array(values, dtype=float)
    edges = np.histogram_bin_edges(x, bins="sturges")
    w = np.array(weights, dtype=float)
    xw = x[w > 0]
    wedges = np.histogram_bin_edges(xw, bins="sturges") if len(xw) else np.array([0.0, 1.0])
    out["histograms"].append({
        "edges": edges, "counts": np.histogram(x, edges)[0],
        "weightedEdges": wedges, "weightedCounts": np.histogram(x, wedges, weights=w)[0],
    })

# The worked numeric drift example: N(0, 1) × 2000 against N(0.25, 1.1) × 1500 from default_rng(42).
rng = np.random.default_rng(42)
ref_num = rng.normal(0.0, 1.0, 2000)
cur_num = rng.normal(0.25, 1.1, 1500)
edges = np.histogram_bin_edges(np.concatenate([ref_num, cur_num]), bins="sturges")
rc_, cc_ = np.histogram(ref_num, edges)[0], np.histogram(cur_num, edges)[0]
r, c = rc_ / len(ref_num), cc_ / len(cur_num)
rf, cf = fill_evidently(r), fill_evidently(c)
qedges = np.quantile(ref_num, np.linspace(0, 1, 11))
qedges[0], qedges[-1] = -np.inf, np.inf
rq = np.histogram(ref_num, qedges)[0] / len(ref_num)
cq = np.histogram(cur_num, qedges)[0] / len(cur_num)
rq, cq = np.clip(rq, 1e-4, None), np.clip(cq, 1e-4, None)
ks = stats.ks_2samp(ref_num, cur_num)
out["worked"] = {
    "ref": ref_num, "cur": cur_num, "edges": edges, "refCounts": rc_, "curCounts": cc_,
    "psiSturgesFilled": float(np.sum((rf - cf) * np.log(rf / cf))),
    "klSturgesFilled": float(stats.entropy(rf, cf)),
    "jsUnfilled": float(distance.jensenshannon(r, c)),
    "js2Unfilled": float(distance.jensenshannon(r, c, base=2)),
    "hellinger": float(np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2)),
    "qedges": qedges,
    "psi10": float(np.sum((rq - cq) * np.log(rq / cq))),
    "ks": {"statistic": float(ks.statistic), "pvalue": float(ks.pvalue)},
    "wasserstein": float(stats.wasserstein_distance(ref_num, cur_num)),
}
emit(out)
`,
  {
    ks: ksCases.map(({ a, b, method }) => ({ a, b, method })),
    kstwo: kstwoGrid,
    wasserstein: wassersteinCases,
    wassersteinWeighted,
    chi: chiTables,
    z: zCases,
    divergences: divergencePairs,
    fills: fillInputs,
    pvalues: pValues.map((p) => (Number.isNaN(p) ? null : p)),
    histograms: histogramData.map(({ data }) => data),
    histogramWeights,
  },
);

function weighted(pairs: readonly (readonly [number, number])[]): WeightedSample {
  return weightedSample(pairs);
}

// ------------------------------------------------------------------------------------------------

describe("weighted samples", () => {
  test("weightedSample sorts, merges equal values and drops zero weights", () => {
    const s = weightedSample([
      [3, 1],
      [1, 2],
      [3, 0.5],
      [2, 0],
      [-1, 4],
    ]);
    assert.deepEqual([...s.values], [-1, 1, 3]);
    assert.deepEqual([...s.weights], [4, 2, 1.5]);
    assert.equal(totalWeight(s), 7.5);
  });

  test("sampleOf counts repeated values and rejects NaN; weightedSample rejects bad weights", () => {
    const s = sampleOf([2, 1, 2, 2, 5]);
    assert.deepEqual([...s.values], [1, 2, 5]);
    assert.deepEqual([...s.weights], [1, 3, 1]);
    assert.throws(() => sampleOf([1, Number.NaN]), RangeError);
    assert.throws(() => weightedSample([[1, -1]]), RangeError);
    assert.throws(() => weightedSample([[1, Number.POSITIVE_INFINITY]]), RangeError);
  });
});

describe("two-sample Kolmogorov–Smirnov", () => {
  ksCases.forEach((c, i) => {
    test(`ks2samp ${c.label}, method ${c.method}, matches scipy.stats.ks_2samp`, () => {
      const result = ks2samp(sampleOf(c.a), sampleOf(c.b), c.method);
      assertClose(result.statistic, expected.ks[i]!.statistic, `${c.label} statistic`);
      assertClose(result.pValue, expected.ks[i]!.pvalue, `${c.label} p-value`);
      const n = Math.max(c.a.length, c.b.length);
      const exact = c.method === "exact" || (c.method === "auto" && n <= 10000);
      assert.equal(result.method, exact ? "exact" : "asymp");
    });
  });

  test("weighted input built from value counts gives exactly the unweighted result", () => {
    for (const c of ksCases.filter(({ label }) => label.startsWith("ties"))) {
      const tally = (values: number[]): [number, number][] => {
        const map = new Map<number, number>();
        for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
        return [...map.entries()];
      };
      for (const method of ["auto", "exact", "asymp"] as const) {
        assert.deepEqual(ks2samp(weighted(tally(c.a)), weighted(tally(c.b)), method), ks2samp(sampleOf(c.a), sampleOf(c.b), method));
      }
    }
  });

  test("exact mode for n1 = n2 = 10000 and (10000, 9999) runs well under a second", () => {
    const big = ksCases.filter(({ label }) => label.startsWith("n = 10000"));
    for (const c of big) {
      const a = sampleOf(c.a);
      const b = sampleOf(c.b);
      const start = performance.now();
      const result = ks2samp(a, b, "exact");
      const elapsed = performance.now() - start;
      assert.equal(result.method, "exact");
      assert.ok(elapsed < 1000, `${c.label}: ${elapsed.toFixed(0)} ms`);
    }
  });

  test("an explicit 'exact' falls back to 'asymp' where lcm(n1, n2) would overflow int32, like scipy", () => {
    // 46349 · 46351 > 2³¹ − 1 and the two sizes are coprime: scipy switches to asymp with a warning.
    const a = weightedSample([
      [0, 15000],
      [1, 16000],
      [2, 15349],
    ]);
    const b = weightedSample([
      [0, 15500],
      [1, 15851],
      [3, 15000],
    ]);
    const result = ks2samp(a, b, "exact");
    assert.equal(result.method, "asymp");
    const scipy = python<{ statistic: number; pvalue: Json }>(
      `import warnings
import numpy as np
from scipy import stats
warnings.simplefilter("ignore")
a = np.repeat([0.0, 1.0, 2.0], [15000, 16000, 15349]); b = np.repeat([0.0, 1.0, 3.0], [15500, 15851, 15000])
r = stats.ks_2samp(a, b, method="exact")
emit({"statistic": float(r.statistic), "pvalue": float(r.pvalue)})`,
    );
    assertClose(result.statistic, scipy.statistic, "statistic");
    assertClose(result.pValue, scipy.pvalue, "p-value");
  });

  test("an empty sample is rejected", () => {
    assert.throws(() => ks2samp(sampleOf([]), sampleOf([1])), RangeError);
  });

  test("kstwoSf matches scipy.stats.kstwo.sf across every regime of _kolmogn", () => {
    kstwoGrid.forEach(([n, d], i) => {
      assertClose(kstwoSf(d, n), expected.kstwo[i]!, `kstwo.sf(${d}, ${n})`);
    });
    assert.equal(kstwoSf(0, 10), 1);
    assert.equal(kstwoSf(1, 10), 0);
    assert.ok(Number.isNaN(kstwoSf(0.1, 2.5)));
  });
});

describe("Wasserstein distance", () => {
  test("matches scipy.stats.wasserstein_distance without weights", () => {
    wassersteinCases.forEach(({ u, v }, i) => {
      assertClose(wasserstein(sampleOf(u), sampleOf(v)), expected.wasserstein[i]!, `case ${i}`);
    });
  });

  test("matches scipy.stats.wasserstein_distance with weights (repeated values included)", () => {
    wassersteinWeighted.forEach(({ u, v }, i) => {
      assertClose(wasserstein(weighted(u), weighted(v)), expected.wassersteinWeighted[i]!, `case ${i}`);
    });
  });
});

describe("χ² tests", () => {
  test("chiSquareHomogeneity matches chi2_contingency(correction=False) on K = 3 … 8 tables", () => {
    chiTables.forEach(([ref, cur], i) => {
      const result = chiSquareHomogeneity(ref, cur);
      assertClose(result.statistic, expected.chi2[i]!.statistic, `table ${i} statistic`);
      assertClose(result.pValue, expected.chi2[i]!.pvalue, `table ${i} p`);
      assert.equal(result.df, expected.chi2[i]!.dof);
    });
  });

  test("the worked example [161, 85, 54] vs [99, 84, 67]: homogeneity p ≈ 0.002825, goodness of fit p ≈ 1.4e-5", () => {
    // Written out: expected counts under homogeneity, E = row total × column total / 550, and with
    // df = 2 the χ² survival function is exp(−x/2).
    const total = 550;
    const columns = goldenRef.map((r, i) => r + goldenCur[i]!);
    let statistic = 0;
    for (const [row, rowTotal] of [
      [goldenRef, 300],
      [goldenCur, 250],
    ] as const) {
      row.forEach((observed, i) => {
        const expectedCount = (rowTotal * columns[i]!) / total;
        statistic += (observed - expectedCount) ** 2 / expectedCount;
      });
    }
    const homogeneity = chiSquareHomogeneity(goldenRef, goldenCur);
    assertClose(homogeneity.statistic, statistic, "homogeneity statistic", 1e-12);
    assertClose(homogeneity.pValue, Math.exp(-statistic / 2), "homogeneity p = exp(−x/2)", 1e-12);
    assertClose(homogeneity.pValue, 0.002825, "homogeneity", 0, 1e-6);
    assertClose(chiSquareGoodnessOfFit(goldenRef, goldenCur).pValue, 1.4e-5, "goodness of fit", 0, 1e-6);
  });

  test("chiSquareGoodnessOfFit matches scipy.stats.chisquare with the reference scaled to the current total", () => {
    chiTables.forEach(([ref, cur], i) => {
      const result = chiSquareGoodnessOfFit(ref, cur);
      assertClose(result.statistic, expected.gof[i]!.statistic, `table ${i} statistic`);
      assertClose(result.pValue, expected.gof[i]!.pvalue, `table ${i} p`);
    });
  });

  test("a category unseen in the reference gives statistic Infinity and p 0, as scipy does", () => {
    const result = chiSquareGoodnessOfFit([10, 5, 0], [8, 4, 3]);
    assertClose(result.statistic, expected.gofUnseen.statistic, "statistic");
    assertClose(result.pValue, expected.gofUnseen.pvalue, "p");
    assert.equal(result.statistic, Number.POSITIVE_INFINITY);
    assert.equal(result.pValue, 0);
  });

  test("fewer than two non-empty categories → statistic 0, p 1", () => {
    assert.deepEqual(chiSquareHomogeneity([5, 0], [7, 0]), { statistic: 0, pValue: 1, df: 0 });
    assert.deepEqual(chiSquareGoodnessOfFit([0, 4], [0, 9]), { statistic: 0, pValue: 1, df: 0 });
  });
});

describe("two-proportion z test", () => {
  test("matches the pooled z test with scipy.stats.norm.sf, including the worked example (z = −4.0899)", () => {
    zCases.forEach(([s1, n1, s2, n2], i) => {
      const result = twoProportionZ({ successes: s1, trials: n1 }, { successes: s2, trials: n2 });
      assertClose(result.statistic, expected.z[i]!.z, `case ${i} z`);
      assertClose(result.pValue, expected.z[i]!.p, `case ${i} p`);
    });
    // Written out: pooled p = 483/1400, SE = √(p(1−p)(1/800 + 1/600)), z = (0.30 − 0.405)/SE.
    const pooled = 483 / 1400;
    const derivedZ = (240 / 800 - 243 / 600) / Math.sqrt(pooled * (1 - pooled) * (1 / 800 + 1 / 600));
    const golden = twoProportionZ({ successes: 240, trials: 800 }, { successes: 243, trials: 600 });
    assertClose(golden.statistic, derivedZ, "worked z", 1e-12);
    assertClose(golden.statistic, -4.0899, "worked z to 4 places", 0, 1e-4);
    assertClose(golden.pValue, 4.3e-5, "worked p", 0, 1e-6);
  });

  test("a pooled proportion of 0 or 1 gives z 0 and p 1", () => {
    assert.deepEqual(twoProportionZ({ successes: 0, trials: 10 }, { successes: 0, trials: 20 }), { statistic: 0, pValue: 1 });
    assert.deepEqual(twoProportionZ({ successes: 10, trials: 10 }, { successes: 20, trials: 20 }), { statistic: 0, pValue: 1 });
  });
});

describe("divergences over proportions", () => {
  test("JS (base e and 2), KL, PSI and Hellinger match scipy / numpy", () => {
    divergencePairs.forEach(([p, q], i) => {
      const e = expected.divergences[i]!;
      assertClose(jensenShannonDistance(p, q), e.js, `case ${i} js`);
      assertClose(jensenShannonDistance(p, q, 2), e.js2, `case ${i} js base 2`);
      assertClose(klDivergence(p, q), e.kl, `case ${i} kl`);
      const pf = fillEvidently(proportions(p));
      const qf = fillEvidently(proportions(q));
      assertClose(klDivergence(pf, qf), e.klFilled, `case ${i} kl filled`);
      assertClose(psi(pf, qf), e.psiFilled, `case ${i} psi filled`);
      assertClose(hellinger(p, q), e.hellinger, `case ${i} hellinger`);
    });
  });

  test("fillEpsilon and fillEvidently match the numpy expressions", () => {
    fillInputs.forEach((p, i) => {
      assertAllClose(fillEpsilon(p), expected.fills[i]!.eps, `eps ${i}`, 0);
      assertAllClose(fillEpsilon(p, 1e-3), expected.fills[i]!.eps3, `eps 1e-3 ${i}`, 0);
      assertAllClose(fillEvidently(p), expected.fills[i]!.evidently, `evidently ${i}`, 0);
    });
  });

  test("mismatched lengths are rejected", () => {
    assert.throws(() => psi([0.5, 0.5], [1]), RangeError);
  });
});

describe("multiple-testing corrections", () => {
  test("Bonferroni, Holm and Benjamini–Hochberg match their definitions on p-values with ties and NaN", () => {
    assertAllClose(adjustPValues(pValues, "bonferroni"), expected.adjusted.bonferroni, "bonferroni");
    assertAllClose(adjustPValues(pValues, "holm"), expected.adjusted.holm, "holm");
    assertAllClose(adjustPValues(pValues, "bh"), expected.adjusted.bh, "bh");
    const none = adjustPValues(pValues, "none");
    assert.deepEqual(none, pValues);
    assert.notEqual(none, pValues);
  });
});

describe("Sturges binning", () => {
  test("sturgesEdges and histogramCounts match np.histogram_bin_edges(…, 'sturges') and np.histogram", () => {
    histogramData.forEach(({ label, data }, i) => {
      const e = expected.histograms[i]!;
      const min = Math.min(...data);
      const max = Math.max(...data);
      const edges = sturgesEdges(min, max, data.length);
      assertAllClose(edges, e.edges, `${label} edges`, 0);
      assertAllClose(histogramCounts(sampleOf(data), edges), e.counts, `${label} counts`, 0);
      const pairs = data.map((v, j) => [v, histogramWeights[i]![j]!] as const);
      const kept = pairs.filter(([, w]) => w > 0).map(([v]) => v);
      const wedges = kept.length > 0 ? sturgesEdges(Math.min(...kept), Math.max(...kept), kept.length) : [0, 1];
      assertAllClose(wedges, e.weightedEdges, `${label} weighted edges`, 0);
      assertAllClose(histogramCounts(weighted(pairs), wedges), e.weightedCounts, `${label} weighted counts`);
    });
  });
});

describe("the worked numeric drift example (np.random.default_rng(42))", () => {
  const r = expected.worked;
  const ref = sampleOf(r.ref);
  const cur = sampleOf(r.cur);
  const all = [...r.ref, ...r.cur];
  const edges = sturgesEdges(Math.min(...all), Math.max(...all), all.length);
  const refP = proportions(histogramCounts(ref, edges));
  const curP = proportions(histogramCounts(cur, edges));

  test("Sturges gives 13 bins with numpy's edges and counts", () => {
    assert.equal(edges.length - 1, 13);
    assertAllClose(edges, r.edges, "edges", 0);
    assert.deepEqual(histogramCounts(ref, edges), r.refCounts);
    assert.deepEqual(histogramCounts(cur, edges), r.curCounts);
  });

  test("PSI, KL, JS and Hellinger match numpy / scipy and the example's documented values", () => {
    const rf = fillEvidently(refP);
    const cf = fillEvidently(curP);
    const values = {
      psi: psi(rf, cf),
      kl: klDivergence(rf, cf),
      js: jensenShannonDistance(refP, curP),
      js2: jensenShannonDistance(refP, curP, 2),
      hellinger: hellinger(refP, curP),
    };
    assertClose(values.psi, r.psiSturgesFilled, "psi");
    assertClose(values.kl, r.klSturgesFilled, "kl");
    assertClose(values.js, r.jsUnfilled, "js");
    assertClose(values.js2, r.js2Unfilled, "js base 2");
    assertClose(values.hellinger, r.hellinger, "hellinger");
    // The example's values to 6 places, as scipy 1.10 first printed them: a guard that numpy still
    // draws the same data (the comparisons above are the test).
    assertClose(values.psi, 0.13259, "documented psi", 0, 1e-6);
    assertClose(values.kl, 0.059165, "documented kl", 0, 1e-6);
    assertClose(values.js, 0.125733, "documented js", 0, 1e-6);
    assertClose(values.hellinger, 0.127085, "documented hellinger", 0, 1e-6);
  });

  test("PSI over 10 reference-quantile bins with ε = 1e-4 matches (0.119357)", () => {
    const qedges = r.qedges.map(decode);
    const rq = fillEpsilon(proportions(histogramCounts(ref, qedges)));
    const cq = fillEpsilon(proportions(histogramCounts(cur, qedges)));
    assertClose(psi(rq, cq), r.psi10, "psi10");
    assertClose(psi(rq, cq), 0.119357, "documented psi10", 0, 1e-6);
  });

  test("KS and Wasserstein on the same data match scipy", () => {
    const ks = ks2samp(ref, cur);
    assertClose(ks.statistic, r.ks.statistic, "ks statistic");
    assertClose(ks.pValue, r.ks.pvalue, "ks p");
    assertClose(wasserstein(ref, cur), r.wasserstein, "wasserstein");
  });
});
