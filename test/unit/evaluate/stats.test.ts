/**
 * Statistical tests against scipy 1.10 (Debian's python3, through test/support/python.ts): the normal
 * and χ² functions, scipy's two-sided binomial test, McNemar and DeLong, including a worked
 * champion-vs-challenger example whose data and expected values are computed here in Python.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  binomialPmf,
  binomialTwoSidedP,
  chiSquaredSf,
  delong,
  logGamma,
  mcnemar,
  mcnemarFromCounts,
  normalCdf,
  normalQuantile,
  normalSf,
} from "../../../src/common/stats.ts";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { python } from "../../support/python.ts";

// The brief's accuracy contract: 1e-9 relative to scipy.
const RELATIVE = 1e-9;

function assertClose(actual: number, expected: number, relative: number, label: string): void {
  if (expected === 0) {
    assert.ok(Math.abs(actual) < 1e-300, `${label}: expected 0, got ${actual}`);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= relative, `${label}: got ${actual}, scipy ${expected} (relative error ${error.toExponential(2)})`);
}

describe("normal distribution", () => {
  const zs = [
    -37.5, -37, -30, -20, -12.5, -8.3, -6, -5.66, -5.65, -3, -1.96, -1, -0.6745, -0.6744, -0.3, -1e-20, 0, 1e-20, 0.3, 0.6744, 0.6745, 1,
    1.96, 3, 5.65, 5.66, 6, 8.3, 12.5, 20, 30, 37, 37.5,
  ];
  const ps = [
    1e-300,
    1e-200,
    1e-100,
    1e-50,
    1e-20,
    1e-10,
    1e-5,
    0.001,
    0.01,
    0.02425,
    0.025,
    0.1,
    0.3,
    0.5,
    0.7,
    0.9,
    0.975,
    0.99,
    0.999,
    1 - 1e-10,
    1 - 2 ** -52,
  ];
  const expected = python<{ cdf: number[]; sf: number[]; ppf: number[] }>(
    `from scipy import stats
emit({"cdf": [float(stats.norm.cdf(z)) for z in data["zs"]], "sf": [float(stats.norm.sf(z)) for z in data["zs"]], "ppf": [float(stats.norm.ppf(p)) for p in data["ps"]]})`,
    { zs, ps },
  );

  test("normalCdf and normalSf match scipy's norm.cdf and norm.sf from −37.5 to 37.5, tails included", () => {
    // 1e-12, not tighter: near |z| = 37 scipy's ndtr and Cody's algorithm differ by ~1e-13 through the
    // rounding of exp(−z²/2) (cephes squares the already rounded z/√2).
    zs.forEach((z, i) => {
      assertClose(normalCdf(z), expected.cdf[i]!, 1e-12, `cdf(${z})`);
      assertClose(normalSf(z), expected.sf[i]!, 1e-12, `sf(${z})`);
    });
  });

  test("normalQuantile matches scipy's norm.ppf from 1e-300 to 1 − 2⁻⁵²", () => {
    ps.forEach((p, i) => {
      assertClose(normalQuantile(p), expected.ppf[i]!, 1e-13, `ppf(${p})`);
    });
  });

  test("normalQuantile gives ±Infinity at 0 and 1 and NaN outside [0, 1]", () => {
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(normalQuantile(-0.1)));
    assert.ok(Number.isNaN(normalQuantile(1.1)));
  });
});

describe("χ² survival function and log-gamma", () => {
  const cases: [number, number][] = [];
  for (const df of [1, 2, 3, 4, 5, 7, 10, 30, 100, 1000]) {
    for (const x of [1e-8, 0.01, 0.5, 1, 2, 3.84, 5, 10, 20, 50, 100, 300, 1000, 1300]) cases.push([x, df]);
  }
  const gammaArguments = [1e-10, 0.001, 0.1, 0.5, 0.9, 1, 1.5, 2, 2.5, 3, 7.3, 14.9, 15, 15.1, 50, 170.5, 1e3, 1e5, 1e6 + 0.5, 1e9];
  const expected = python<{ sf: number[]; gammaln: number[] }>(
    `from scipy import stats, special
emit({"sf": [float(stats.chi2.sf(x, df)) for x, df in data["cases"]], "gammaln": [float(special.gammaln(x)) for x in data["gamma"]]})`,
    { cases, gamma: gammaArguments },
  );

  test("chiSquaredSf matches scipy's chi2.sf across df and x down to p ~ 1e-300", () => {
    cases.forEach(([x, df], i) => {
      const want = expected.sf[i]!;
      // Below the smallest normal double, scipy and we may differ in how far into subnormals we go.
      if (want < 1e-300) assert.ok(chiSquaredSf(x, df) < 1e-290, `sf(${x}, ${df}) should be negligible`);
      else assertClose(chiSquaredSf(x, df), want, RELATIVE, `chi2.sf(${x}, ${df})`);
    });
  });

  test("chiSquaredSf handles the boundaries: x ≤ 0 gives 1, infinite x gives 0, df ≤ 0 gives NaN", () => {
    assert.equal(chiSquaredSf(0, 3), 1);
    assert.equal(chiSquaredSf(-1, 1), 1);
    assert.equal(chiSquaredSf(Number.POSITIVE_INFINITY, 3), 0);
    assert.ok(Number.isNaN(chiSquaredSf(1, 0)));
  });

  test("logGamma matches scipy's gammaln to 1e-13 absolute or relative", () => {
    gammaArguments.forEach((x, i) => {
      const want = expected.gammaln[i]!;
      const got = logGamma(x);
      assert.ok(Math.abs(got - want) <= 1e-13 * Math.max(1, Math.abs(want)), `gammaln(${x}): got ${got}, scipy ${want}`);
    });
  });
});

describe("two-sided binomial test", () => {
  // (k, n, p) triples: small and large n, both sides of the mode, deep tails, skewed p.
  const cases: [number, number, number][] = [
    [0, 1, 0.5],
    [1, 1, 0.5],
    [0, 10, 0.5],
    [3, 10, 0.5],
    [5, 10, 0.5],
    [7, 10, 0.5],
    [10, 10, 0.5],
    [3, 20, 0.3],
    [9, 20, 0.3],
    [6, 20, 0.3],
    [0, 20, 0.3],
    [20, 20, 0.3],
    [0, 50, 0.01],
    [1, 50, 0.01],
    [3, 50, 0.01],
    [45, 50, 0.9],
    [50, 50, 0.9],
    [83, 197, 0.5],
    [114, 197, 0.5],
    [1, 1000, 0.5],
    [400, 1000, 0.37],
    [10, 1000, 0.003],
    [0, 5000, 0.001],
    [499_000, 1_000_000, 0.5],
    [497_500, 1_000_000, 0.5],
    [502_000, 1_000_000, 0.5],
    [495_000, 1_000_000, 0.5],
    [3000, 1_000_000, 0.0031],
    [250_000, 1_000_000, 0.2501],
    [200_500, 1_000_000, 0.2],
    [10, 1_000_000, 0.00001],
    [0, 5, 0],
    [1, 5, 0],
    [5, 5, 1],
    [4, 5, 1],
  ];
  const expected = python<{ p: number[]; pmf: number[] }>(
    `from scipy import stats
emit({"p": [float(stats.binomtest(k, n, p).pvalue) for k, n, p in data], "pmf": [float(stats.binom.pmf(k, n, p)) for k, n, p in data]})`,
    cases,
  );

  test("binomialTwoSidedP equals scipy.stats.binomtest(k, n, p).pvalue, n up to one million", () => {
    cases.forEach(([k, n, p], i) => {
      assertClose(binomialTwoSidedP(k, n, p), expected.p[i]!, RELATIVE, `binomtest(${k}, ${n}, ${p})`);
    });
  });

  test("binomialPmf equals scipy.stats.binom.pmf with full relative accuracy for large n", () => {
    cases.forEach(([k, n, p], i) => {
      assertClose(binomialPmf(k, n, p), expected.pmf[i]!, 1e-11, `binom.pmf(${k}, ${n}, ${p})`);
    });
  });

  test("binomialTwoSidedP rejects counts outside [0, n] and probabilities outside [0, 1]", () => {
    assert.throws(() => binomialTwoSidedP(11, 10), RangeError);
    assert.throws(() => binomialTwoSidedP(1.5, 10), RangeError);
    assert.throws(() => binomialTwoSidedP(1, 10, 1.5), RangeError);
  });
});

// The worked champion-vs-challenger example: 600 labels and two noisy scores drawn from a fixed PCG64
// state (the state numpy's default_rng(42) reaches after a longer seeded example's earlier draws), so
// the draws are the same on every machine. McNemar's counts and p-values come from scipy, DeLong from
// the reference implementation written out below and AUCs from scikit-learn.
const CHAMPION_CHALLENGER = `
import math
import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score
rng = np.random.default_rng()
rng.bit_generator.state = {"bit_generator": "PCG64", "state": {"state": 207638195959354665361534790630064215496, "inc": 332724090758049132448979897138935081983}, "has_uint32": 0, "uinteger": 0}
y = rng.integers(0, 2, 600)
s_champ = y * 0.8 + rng.normal(0, 0.6, 600)
s_chall = y * 0.95 + rng.normal(0, 0.6, 600)
pred_champ = (s_champ > 0.4).astype(int)
pred_chall = (s_chall > 0.4).astype(int)
ok1, ok2 = pred_champ == y, pred_chall == y
b = int(np.sum(ok1 & ~ok2))  # champion right, challenger wrong
cdisc = int(np.sum(~ok1 & ok2))  # challenger right, champion wrong
mc = {
    "b_champ_only_correct": b,
    "c_chall_only_correct": cdisc,
    "mcnemar_chi2_uncorrected_p": float(stats.chi2.sf((b - cdisc) ** 2 / (b + cdisc), 1)),
    "mcnemar_chi2_continuity_p": float(stats.chi2.sf((abs(b - cdisc) - 1) ** 2 / (b + cdisc), 1)),
    "mcnemar_exact_binomial_p": float(stats.binomtest(min(b, cdisc), b + cdisc, 0.5).pvalue),
}


def delong(y, s1, s2):
    """Fast DeLong (Sun & Xu 2014) for two correlated AUCs; returns auc1, auc2, z, p."""
    pos, neg = s1[y == 1], s1[y == 0]
    pos2, neg2 = s2[y == 1], s2[y == 0]
    m, n = len(pos), len(neg)

    def components(p, q):
        # V10: per-positive, V01: per-negative placement values (ties count 0.5)
        v10 = np.array([np.mean((pi > q) + 0.5 * (pi == q)) for pi in p])
        v01 = np.array([np.mean((p > qj) + 0.5 * (p == qj)) for qj in q])
        return v10.mean(), v10, v01

    a1, v10_1, v01_1 = components(pos, neg)
    a2, v10_2, v01_2 = components(pos2, neg2)
    s10 = np.cov(np.vstack([v10_1, v10_2]))
    s01 = np.cov(np.vstack([v01_1, v01_2]))
    cov = s10 / m + s01 / n
    var = cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]
    zz = (a2 - a1) / math.sqrt(var)
    return a1, a2, zz, 2 * stats.norm.sf(abs(zz))
`;

describe("McNemar", () => {
  test("the worked example: b = 83, c = 114, corrected χ² p and exact binomial p as scipy computes them", () => {
    const golden = python<{ mc: Record<string, number>; championCorrect: number[]; challengerCorrect: number[] }>(
      `${CHAMPION_CHALLENGER}
emit({"mc": mc, "championCorrect": ok1.astype(int), "challengerCorrect": ok2.astype(int)})`,
    );
    // The example's values to 6 decimals as first printed: a guard that numpy still draws the same data.
    assert.equal(golden.mc.b_champ_only_correct, 83);
    assert.equal(golden.mc.c_chall_only_correct, 114);
    assert.ok(Math.abs(golden.mc.mcnemar_chi2_continuity_p! - 0.032565) < 5e-7);
    assert.ok(Math.abs(golden.mc.mcnemar_exact_binomial_p! - 0.032301) < 5e-7);

    const result = mcnemar({
      championCorrect: Uint8Array.from(golden.championCorrect),
      challengerCorrect: Uint8Array.from(golden.challengerCorrect),
    });
    assert.equal(result.b, 83);
    assert.equal(result.c, 114);
    assert.equal(result.n, 197);
    assert.equal(result.method, "chi2_continuity");
    assertClose(result.statistic!, 30 ** 2 / 197, 1e-15, "statistic");
    assertClose(result.pValue, golden.mc.mcnemar_chi2_continuity_p!, RELATIVE, "corrected p");
    const exact = mcnemarFromCounts(83, 114, 1000);
    assert.equal(exact.method, "exact");
    assertClose(exact.pValue, golden.mc.mcnemar_exact_binomial_p!, RELATIVE, "exact p");
  });

  test("matches scipy on random paired outcomes, exact below 25 discordant pairs and χ² above", () => {
    const random = mulberry32(2024);
    // (rows, P(champion right), P(challenger right)): few discordant pairs, many, and none.
    const designs: [number, number, number][] = [
      [30, 0.8, 0.85],
      [60, 0.9, 0.9],
      [20, 0.5, 0.7],
      [500, 0.7, 0.75],
      [2000, 0.6, 0.62],
      [12, 1, 1],
      [40, 0.95, 0.6],
    ];
    const samples = designs.map(([rows, pa, pb]) => {
      const championCorrect = new Uint8Array(rows);
      const challengerCorrect = new Uint8Array(rows);
      for (let i = 0; i < rows; i++) {
        championCorrect[i] = random() < pa ? 1 : 0;
        challengerCorrect[i] = random() < pb ? 1 : 0;
      }
      return { championCorrect, challengerCorrect };
    });
    const expected = python<{ b: number; c: number; exact: number; corrected: number | null }[]>(
      `import numpy as np
from scipy import stats
out = []
for s in data:
    a, b_ = np.array(s["a"], dtype=bool), np.array(s["b"], dtype=bool)
    b, c = int(np.sum(a & ~b_)), int(np.sum(~a & b_))
    out.append({"b": b, "c": c,
                "exact": float(stats.binomtest(min(b, c), b + c, 0.5).pvalue) if b + c > 0 else 1.0,
                "corrected": float(stats.chi2.sf((abs(b - c) - 1) ** 2 / (b + c), 1)) if b + c > 0 else None})
emit(out)`,
      samples.map((s) => ({ a: [...s.championCorrect], b: [...s.challengerCorrect] })),
    );
    let sawExact = false;
    let sawChi2 = false;
    let sawNone = false;
    samples.forEach((sample, i) => {
      const want = expected[i]!;
      const result = mcnemar(sample);
      assert.equal(result.b, want.b);
      assert.equal(result.c, want.c);
      if (want.b + want.c === 0) {
        sawNone = true;
        assert.equal(result.pValue, 1);
      } else if (want.b + want.c < 25) {
        sawExact = true;
        assert.equal(result.method, "exact");
        assertClose(result.pValue, want.exact, RELATIVE, `exact p, sample ${i}`);
      } else {
        sawChi2 = true;
        assert.equal(result.method, "chi2_continuity");
        assertClose(result.pValue, want.corrected!, RELATIVE, `corrected p, sample ${i}`);
      }
    });
    assert.ok(sawExact && sawChi2 && sawNone, "the designs cover the exact, χ² and no-discordance cases");
  });

  test("no discordant pairs gives p = 1 and mismatched lengths throw", () => {
    assert.deepEqual(mcnemarFromCounts(0, 0), { b: 0, c: 0, n: 0, method: "exact", statistic: 0, pValue: 1 });
    assert.throws(() => mcnemar({ championCorrect: new Uint8Array(3), challengerCorrect: new Uint8Array(4) }), RangeError);
  });
});

describe("DeLong", () => {
  test("the worked example: AUCs equal sklearn's, z and p equal the reference DeLong", () => {
    const golden = python<{ y: number[]; a: number[]; b: number[]; ref: number[]; sklearn: number[]; ci: number[] }>(
      `${CHAMPION_CHALLENGER}
a1, a2, zz, pd_ = delong(y, s_champ, s_chall)
se = (a2 - a1) / zz
emit({"y": y, "a": s_champ, "b": s_chall, "ref": [a1, a2, zz, pd_, se * se],
      "sklearn": [roc_auc_score(y, s_champ), roc_auc_score(y, s_chall)],
      "ci": [a2 - a1 - stats.norm.ppf(0.975) * se, a2 - a1 + stats.norm.ppf(0.975) * se]})`,
    );
    // The example's z and p to 6 decimals as first printed: confirms the re-run is the same example.
    assert.ok(Math.abs(golden.ref[2]! - 2.41159) < 5e-6);
    assert.ok(Math.abs(golden.ref[3]! - 0.015883) < 5e-7);

    const result = delong({ y01: Uint8Array.from(golden.y), scoreA: Float64Array.from(golden.a), scoreB: Float64Array.from(golden.b) });
    assertClose(result.aucA, golden.sklearn[0]!, 1e-12, "AUC A vs sklearn");
    assertClose(result.aucB, golden.sklearn[1]!, 1e-12, "AUC B vs sklearn");
    assertClose(result.difference, golden.ref[1]! - golden.ref[0]!, 1e-12, "difference");
    assertClose(result.z, golden.ref[2]!, RELATIVE, "z");
    assertClose(result.pValue, golden.ref[3]!, RELATIVE, "p");
    assertClose(result.variance, golden.ref[4]!, RELATIVE, "variance");
    assertClose(result.ci[0], golden.ci[0]!, RELATIVE, "CI low");
    assertClose(result.ci[1], golden.ci[1]!, RELATIVE, "CI high");
  });

  test("matches the reference DeLong and sklearn on random cases with heavily tied scores", () => {
    const cases = python<{ y: number[]; a: number[]; b: number[]; ref: number[]; sklearn: number[]; ci90: number[] }[]>(
      `${CHAMPION_CHALLENGER}
out = []
g = np.random.default_rng(99)
for n, prevalence, decimals in [(40, 0.5, 1), (300, 0.2, 1), (500, 0.5, 0), (800, 0.1, 2), (257, 0.7, 3)]:
    yy = (g.random(n) < prevalence).astype(int)
    a = np.round(yy * 0.7 + g.normal(0, 1, n), decimals)
    b = np.round(yy * 1.0 + 0.5 * a + g.normal(0, 1, n), decimals)
    if decimals == 0:
        b = np.clip(b, -1, 2)  # only four distinct scores: ties everywhere
    a1, a2, zz, pd_ = delong(yy, a, b)
    se = (a2 - a1) / zz
    out.append({"y": yy, "a": a, "b": b, "ref": [a1, a2, zz, pd_, se * se],
                "sklearn": [roc_auc_score(yy, a), roc_auc_score(yy, b)],
                "ci90": [a2 - a1 - stats.norm.ppf(0.95) * se, a2 - a1 + stats.norm.ppf(0.95) * se]})
emit(out)`,
    );
    for (const [i, want] of cases.entries()) {
      const result = delong({
        y01: Int32Array.from(want.y),
        scoreA: Float64Array.from(want.a),
        scoreB: Float64Array.from(want.b),
        confidence: 0.9,
      });
      assertClose(result.aucA, want.sklearn[0]!, 1e-12, `case ${i} AUC A vs sklearn`);
      assertClose(result.aucB, want.sklearn[1]!, 1e-12, `case ${i} AUC B vs sklearn`);
      assertClose(result.z, want.ref[2]!, RELATIVE, `case ${i} z`);
      assertClose(result.pValue, want.ref[3]!, RELATIVE, `case ${i} p`);
      assertClose(result.variance, want.ref[4]!, RELATIVE, `case ${i} variance`);
      assertClose(result.ci[0], want.ci90[0]!, RELATIVE, `case ${i} 90% CI low`);
      assertClose(result.ci[1], want.ci90[1]!, RELATIVE, `case ${i} 90% CI high`);
    }
  });

  test("handles one million rows, matching a midrank DeLong computed with scipy.stats.rankdata", () => {
    const rows = 1_000_000;
    const random = mulberry32(7);
    const y01 = new Uint8Array(rows);
    const scoreA = new Float64Array(rows);
    const scoreB = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      y01[i] = random() < 0.3 ? 1 : 0;
      // Rounding to 3 decimals leaves many ties at this size.
      scoreA[i] = Math.round((y01[i]! * 0.5 + random()) * 1000) / 1000;
      scoreB[i] = y01[i]! * 0.55 + random();
    }
    const directory = mkdtempSync(join(tmpdir(), "delong-"));
    try {
      writeFileSync(join(directory, "y.bin"), y01);
      writeFileSync(join(directory, "a.bin"), scoreA);
      writeFileSync(join(directory, "b.bin"), scoreB);
      const want = python<{ auc: number[]; z: number; p: number; sklearn: number[] }>(
        `import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score
d = data["dir"]
y = np.fromfile(d + "/y.bin", dtype=np.uint8) == 1
scores = [np.fromfile(d + "/a.bin", dtype=np.float64), np.fromfile(d + "/b.bin", dtype=np.float64)]
m, n = int(y.sum()), int((~y).sum())
aucs, v10, v01 = [], [], []
for s in scores:
    # Sun & Xu: midranks over all rows, within positives and within negatives.
    tz, tx, ty = stats.rankdata(s), stats.rankdata(s[y]), stats.rankdata(s[~y])
    aucs.append((tz[y].sum() - m * (m + 1) / 2) / (m * n))
    v10.append((tz[y] - tx) / n)
    v01.append(1 - (tz[~y] - ty) / m)
var = np.var(v10[1] - v10[0], ddof=1) / m + np.var(v01[1] - v01[0], ddof=1) / n
z = (aucs[1] - aucs[0]) / np.sqrt(var)
emit({"auc": aucs, "z": z, "p": 2 * stats.norm.sf(abs(z)), "sklearn": [roc_auc_score(y, s) for s in scores]})`,
        { dir: directory },
      );
      const result = delong({ y01, scoreA, scoreB });
      assertClose(result.aucA, want.sklearn[0]!, 1e-12, "AUC A vs sklearn");
      assertClose(result.aucB, want.sklearn[1]!, 1e-12, "AUC B vs sklearn");
      assertClose(result.aucA, want.auc[0]!, 1e-12, "AUC A vs midranks");
      assertClose(result.z, want.z, RELATIVE, "z");
      assertClose(result.pValue, want.p, RELATIVE, "p");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("identical models give z = 0 and p = 1; too few rows of a class or bad labels throw", () => {
    const y01 = Uint8Array.from([0, 1, 0, 1, 1, 0]);
    const score = Float64Array.from([0.1, 0.8, 0.3, 0.2, 0.9, 0.5]);
    const result = delong({ y01, scoreA: score, scoreB: score });
    assert.equal(result.difference, 0);
    assert.equal(result.z, 0);
    assert.equal(result.pValue, 1);
    assert.throws(() => delong({ y01: Uint8Array.from([0, 1, 1]), scoreA: new Float64Array(3), scoreB: new Float64Array(3) }), RangeError);
    assert.throws(
      () => delong({ y01: Uint8Array.from([0, 2, 1, 0]), scoreA: new Float64Array(4), scoreB: new Float64Array(4) }),
      RangeError,
    );
  });
});
