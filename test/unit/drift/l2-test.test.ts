/**
 * The ℓ2 test of homogeneity and the default rule's effect sizes (src/drift/stats/tests.ts):
 * `l2Homogeneity` against an independent numpy/scipy implementation that takes the traces from the
 * eigenvalues of c·(diag(π) − ππᵀ) (not the closed forms in power sums we use) and the tail from
 * scipy.stats.chi2.sf; its two-category p against scipy's pooled two-proportion z test; its size at
 * α = 0.05 and 0.005 in a seeded simulation; its power against Pearson's χ² on the shift it is
 * chosen for; `totalVariation` and `cohensH` against numpy. No expected number is copied from our output.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { chiSquareHomogeneity, cohensH, l2Homogeneity, totalVariation } from "../../../src/drift/stats/drift-statistics.ts";
import { assertClose, type Json } from "../../support/drift.ts";
import { python } from "../../support/python.ts";

/** Zipf-weighted shares over k categories (∝ 1/rank), with δ moved off the top category to the others evenly (the bench's mix shift). */
function zipf(k: number, delta = 0): number[] {
  const weights = Array.from({ length: k }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, i) => w / sum + (i === 0 ? -delta : delta / (k - 1)));
}

function cumulative(shares: readonly number[]): number[] {
  let total = 0;
  return shares.map((share) => (total += share));
}

/** One multinomial draw of n rows over the categories of `cdf`, into `out` (inverse CDF per row). */
function multinomial(uniform: () => number, cdf: readonly number[], n: number, out: number[]): number[] {
  out.fill(0);
  const last = cdf.length - 1;
  for (let i = 0; i < n; i++) {
    const u = uniform();
    let k = 0;
    while (k < last && u >= cdf[k]!) k++;
    out[k]!++;
  }
  return out;
}

function draw(seed: number, shares: readonly number[], n: number): number[] {
  return multinomial(mulberry32(seed), cumulative(shares), n, new Array<number>(shares.length).fill(0));
}

// The oracle: the same test written from its definition. Categories empty on both sides are dropped;
// the weights of the χ²₁ mixture are the eigenvalues of the covariance of p̂ − q̂ under H0.
const L2_ORACLE = `
import numpy as np
from scipy import stats
def l2(r, c):
    r = np.asarray(r, float); c = np.asarray(c, float)
    keep = (r + c) > 0
    r = r[keep]; c = c[keep]
    if len(r) < 2: return {"statistic": 0.0, "p": 1.0}
    n, m = r.sum(), c.sum()
    if n == 0 or m == 0: return {"statistic": float("nan"), "p": float("nan")}
    T = np.sum((r / n - c / m) ** 2)
    pi = (r + c) / (n + m)
    lam = np.linalg.eigvalsh((1 / n + 1 / m) * (np.diag(pi) - np.outer(pi, pi)))
    c1, c2, c4 = lam.sum(), (lam ** 2).sum(), (lam ** 4).sum()
    l = c2 ** 2 / c4
    x = (T - c1) / np.sqrt(2 * c2) * np.sqrt(2 * l) + l
    return {"statistic": T, "p": stats.chi2.sf(x, l), "l": l}
emit([l2(r, c) for r, c in data])
`;

// Tables with 2, 3, 5, 12 and 40 categories, unequal sizes, shifted and not, so the p-values run from
// about 1 down to the far tail; categories empty on both sides; one empty on one side only; identical
// shares (T = 0); a side with no counts; a single category.
const TABLES: [string, number[], number[]][] = [
  ["2 categories, 300 vs 250", [200, 100], [148, 102]],
  ["2 categories, 3000 vs 2000", [1800, 1200], [1100, 900]],
  ["3 categories (the worked counts)", [161, 85, 54], [99, 84, 67]],
  ["5 categories, Zipf, 400 vs 250, 8 points moved", draw(1, zipf(5), 400), draw(2, zipf(5, 0.08), 250)],
  ["5 categories, Zipf, 400 vs 1000, unchanged", draw(3, zipf(5), 400), draw(4, zipf(5), 1000)],
  ["12 categories, Zipf, 3000 vs 700, 5 points moved", draw(5, zipf(12), 3000), draw(6, zipf(12, 0.05), 700)],
  ["12 categories, Zipf, 500 vs 500, unchanged", draw(7, zipf(12), 500), draw(8, zipf(12), 500)],
  ["40 categories, Zipf, 5000 vs 1200, 3 points moved", draw(9, zipf(40), 5000), draw(10, zipf(40, 0.03), 1200)],
  ["40 categories, Zipf, 20000 vs 20000, 10 points moved", draw(11, zipf(40), 20000), draw(12, zipf(40, 0.1), 20000)],
  ["categories empty on both sides are dropped", [10, 0, 30, 0, 25], [12, 0, 20, 0, 40]],
  ["a category empty on one side only", [0, 30, 70], [10, 40, 50]],
  ["identical shares: T = 0", [100, 50, 50], [200, 100, 100]],
  ["one side with no counts", [0, 0, 0], [3, 4, 5]],
  ["the other side with no counts", [5, 6], [0, 0]],
  ["one category", [10], [20]],
  ["one category left after dropping", [10, 0, 0], [20, 0, 0]],
];

describe("l2Homogeneity against numpy/scipy (traces from eigvalsh, tail from chi2.sf)", () => {
  const expected = python<{ statistic: Json; p: Json }[]>(
    L2_ORACLE,
    TABLES.map(([, r, c]) => [r, c]),
  );

  test("every table's statistic Σ(p̂ − q̂)² and p-value within 1e-9 relative", () => {
    TABLES.forEach(([label, r, c], i) => {
      const ours = l2Homogeneity(r, c);
      assertClose(ours.statistic, expected[i]!.statistic, `${label}: statistic`, 1e-9, 1e-15);
      assertClose(ours.pValue, expected[i]!.p, `${label}: p`, 1e-9, 0);
    });
  });

  test("the tables cover the range: p near 1, moderate and far in the tail, per scipy", () => {
    const ps = expected.map((entry) => entry.p).filter((p): p is number => typeof p === "number");
    assert.ok(ps.some((p) => p > 0.5));
    assert.ok(ps.some((p) => p > 1e-4 && p < 0.05));
    assert.ok(ps.some((p) => p < 1e-12));
  });

  test("categories empty on both sides change nothing; degenerate tables give NaN or p 1", () => {
    assert.deepEqual(l2Homogeneity([10, 0, 30, 0, 25], [12, 0, 20, 0, 40]), { ...l2Homogeneity([10, 30, 25], [12, 20, 40]), df: 2 });
    assert.ok(Number.isNaN(l2Homogeneity([0, 0, 0], [3, 4, 5]).pValue));
    assert.ok(Number.isNaN(l2Homogeneity([0, 0, 0], [3, 4, 5]).statistic));
    assert.deepEqual(l2Homogeneity([10], [20]), { statistic: 0, pValue: 1, df: 0 });
    assert.equal(l2Homogeneity([100, 50, 50], [200, 100, 100]).pValue, 1);
    assert.throws(() => l2Homogeneity([1, 2], [1, 2, 3]), RangeError);
    assert.throws(() => l2Homogeneity([1, -2], [1, 2]), RangeError);
  });
});

// One category holding 99% or more of the rows: a rare binary flag, a rare level. The traces must not
// cancel there (tr A⁴ ≈ 16·π₁⁴π₂⁴ is tiny next to the power sums it would be a difference of).
const DOMINANT: [string, number[], number[]][] = [
  ["99.7% / 0.3%, 10000 vs 5000", [9990, 10], [4960, 40]],
  ["1 in 100,000 rising to 10", [99999, 1], [99990, 10]],
  ["99.9% and two rare levels", [99900, 50, 50], [49700, 200, 100]],
  ["five in a million", [999990, 5, 5], [999950, 30, 20]],
  ["99% / 1%", [99000, 1000], [98800, 1200]],
];

describe("l2Homogeneity with a dominant category, against numpy/scipy", () => {
  const expected = python<{ statistic: Json; p: Json }[]>(
    L2_ORACLE,
    DOMINANT.map(([, r, c]) => [r, c]),
  );

  test("statistic and p within 1e-9 relative", () => {
    DOMINANT.forEach(([label, r, c], i) => {
      const ours = l2Homogeneity(r, c);
      assertClose(ours.statistic, expected[i]!.statistic, `${label}: statistic`, 1e-9, 1e-15);
      assertClose(ours.pValue, expected[i]!.p, `${label}: p`, 1e-9, 0);
    });
  });
});

describe("l2Homogeneity with two categories is the pooled two-proportion z test", () => {
  const PAIRS: [number[], number[]][] = [
    [
      [200, 100],
      [148, 102],
    ],
    [
      [1800, 1200],
      [1100, 900],
    ],
    [
      [9990, 10],
      [4960, 40],
    ],
    [
      [30, 30],
      [31, 29],
    ],
    [
      [500, 500],
      [300, 700],
    ],
  ];
  const z = python<Json[]>(
    `
import numpy as np
from scipy import stats
out = []
for r, c in data:
    n1, n2 = sum(r), sum(c); p1, p2 = r[1] / n1, c[1] / n2
    P = (r[1] + c[1]) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    out.append(2 * stats.norm.sf(abs(z)))
emit(out)`,
    PAIRS,
  );

  test("p equals 2·norm.sf(|z|) to 1e-12 relative", () => {
    PAIRS.forEach(([r, c], i) => {
      assertClose(l2Homogeneity(r, c).pValue, z[i]!, JSON.stringify([r, c]), 1e-12, 0);
    });
  });
});

describe("l2Homogeneity calibration and power (seeded simulations)", () => {
  // Size under H0: both sides drawn from the same Zipf mix, n = m = 500, 20,000 pairs per mix. The
  // Monte Carlo standard error of a rejection rate is √(α(1−α)/20000): 0.0015 at α = 0.05 and 0.0005
  // at 0.005, so ±3 SE is ±0.09α and ±0.3α respectively. The rest of each band is the approximation:
  // the modified Liu tail matches the first moments of T's limit, not its exact law, and the counts are
  // discrete; the test is meant to be roughly, not exactly, of size α. The band of 0.6α–1.4α at 0.05
  // and 0.4α–1.8α at 0.005 still catches a wrong scale c (rates 0.12–0.13 and 0.020–0.023 with the
  // current side's 1/m halved) and a tail matched in the mean only (T/c₁·(K−1) against χ²(K−1): 0.012
  // and 0.024 at 0.005), as tried on these seeds; a df off by one (0.003–0.0066) it does not, and the
  // numpy comparison above does.
  const PAIRS = 20_000;
  for (const k of [5, 12]) {
    test(`Zipf-${k}, 500 vs 500: rejection rate at α 0.05 within 0.03–0.07 and at 0.005 within 0.002–0.009`, () => {
      const uniform = mulberry32(1000 + k);
      const cdf = cumulative(zipf(k));
      const a = new Array<number>(k).fill(0);
      const b = new Array<number>(k).fill(0);
      let at05 = 0;
      let at005 = 0;
      for (let i = 0; i < PAIRS; i++) {
        const p = l2Homogeneity(multinomial(uniform, cdf, 500, a), multinomial(uniform, cdf, 500, b)).pValue;
        if (p < 0.05) at05++;
        if (p < 0.005) at005++;
      }
      const rate05 = at05 / PAIRS;
      const rate005 = at005 / PAIRS;
      assert.ok(rate05 >= 0.6 * 0.05 && rate05 <= 1.4 * 0.05, `rate at 0.05: ${rate05}`);
      assert.ok(rate005 >= 0.4 * 0.005 && rate005 <= 1.8 * 0.005, `rate at 0.005: ${rate005}`);
    });
  }

  // Why the default rule uses ℓ2 and not Pearson's χ²: a 10-point move off the top category of a
  // Zipf-12 mix, spread over eleven others, is one large gap and many small ones. χ² divides each
  // squared gap by its category's share, so the small gaps in the rare categories add degrees of
  // freedom and noise; ℓ2 weighs the large gap at its size. On 500 vs 500 rows, at 0.005, ℓ2 must
  // reject clearly more often (the difference is far beyond the ≈0.01 Monte Carlo error of each rate
  // over 3,000 pairs).
  test("Zipf-12, 500 vs 500, 10 points moved off the top category: ℓ2 rejects more often than χ² at 0.005", () => {
    const uniform = mulberry32(77);
    const same = cumulative(zipf(12));
    const moved = cumulative(zipf(12, 0.1));
    const a = new Array<number>(12).fill(0);
    const b = new Array<number>(12).fill(0);
    const pairs = 3000;
    let l2 = 0;
    let chi = 0;
    for (let i = 0; i < pairs; i++) {
      multinomial(uniform, same, 500, a);
      multinomial(uniform, moved, 500, b);
      if (l2Homogeneity(a, b).pValue < 0.005) l2++;
      if (chiSquareHomogeneity(a, b).pValue < 0.005) chi++;
    }
    assert.ok(l2 / pairs > chi / pairs + 0.1, `ℓ2 power ${l2 / pairs}, χ² power ${chi / pairs}`);
  });
});

describe("effect sizes: totalVariation and cohensH against numpy", () => {
  const COUNTS: [number[], number[]][] = [
    [
      [161, 85, 54],
      [99, 84, 67],
    ],
    [
      [10, 0, 30, 0, 25],
      [12, 5, 20, 0, 40],
    ],
    [
      [1, 0],
      [0, 1],
    ],
    [
      [100, 50, 50],
      [200, 100, 100],
    ],
    [draw(21, zipf(12), 500), draw(22, zipf(12, 0.1), 800)],
  ];
  const SHARES: [number, number][] = [
    [0, 0.4],
    [0.01, 0.05],
    [0.5, 0.5],
    [0.2, 0.3],
    [1, 0],
    [0.993, 0.0005],
  ];
  const expected = python<{ tvd: Json[]; h: Json[] }>(
    `
import numpy as np
tvd = [0.5 * np.abs(np.asarray(r, float) / sum(r) - np.asarray(c, float) / sum(c)).sum() for r, c in data["counts"]]
h = [abs(2 * np.arcsin(np.sqrt(a)) - 2 * np.arcsin(np.sqrt(b))) for a, b in data["shares"]]
emit({"tvd": tvd, "h": h})`,
    { counts: COUNTS, shares: SHARES },
  );

  test("totalVariation = ½·Σ|p̂ − q̂|", () => {
    COUNTS.forEach(([r, c], i) => {
      assertClose(totalVariation(r, c), expected.tvd[i]!, `tvd ${JSON.stringify([r, c])}`, 1e-12, 1e-15);
    });
    assert.ok(Number.isNaN(totalVariation([0, 0], [1, 2])));
    assert.throws(() => totalVariation([1], [1, 2]), RangeError);
  });

  test("cohensH = |2·asin√p₁ − 2·asin√p₂|", () => {
    SHARES.forEach(([a, b], i) => {
      assertClose(cohensH(a, b), expected.h[i]!, `h(${a}, ${b})`, 1e-12, 1e-15);
    });
  });
});
