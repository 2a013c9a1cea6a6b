/**
 * The drift decision layer in default mode (compare.ts through checkDrift), on real profiles of
 * seeded CSV files. Every expected number comes from scipy/numpy run on the same raw values
 * (test/support/python.ts) or from a derivation written here; none is copied from our output.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { tableFromRows } from "../../../src/data/readers/open-table.ts";
import { DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { checkDrift } from "../../../src/drift/check-drift.ts";
import type { ColumnDrift, DriftReport, DriftSettings, DriftStatus } from "../../../src/drift/report-types.ts";
import {
  assertClose,
  contractOf,
  numbers,
  profileCsv,
  Seeded,
  tempDir,
  throwsUser,
  writeCsv,
  type Columns,
  type Json,
} from "../../support/drift.ts";
import { python } from "../../support/python.ts";

const tmp = await tempDir("modelship-drift-compare-");
after(tmp.remove);

function report(reference: ReferenceProfile, current: ReferenceProfile, settings: Partial<DriftSettings> = {}): DriftReport {
  return checkDrift({
    reference,
    referenceSource: "reference.csv",
    current,
    currentSources: ["current.csv"],
    settings: { ...DRIFT_DEFAULTS, ...settings },
    toolVersion: "test",
    created: new Date(0),
  });
}

function columnOf(drift: DriftReport, name: string): ColumnDrift {
  const column = drift.columns.find((entry) => entry.name === name);
  assert.ok(column, `no column ${name} in the report`);
  return column;
}

// Shared by the oracles: counts over the sorted union of both sides' values.
const PY_HELPERS = `
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
def clean(values): return [v for v in values if v is not None]
def table(r, c):
    keys = sorted(set(r) | set(c))
    return keys, np.array([r.count(k) for k in keys], float), np.array([c.count(k) for k in keys], float)
def ztest(r, c):
    keys = sorted(set(r) | set(c))
    x1 = np.array([v != keys[0] for v in r], float); x2 = np.array([v != keys[0] for v in c], float)
    n1, n2 = len(x1), len(x2); p1, p2 = x1.mean(), x2.mean()
    P = (x1.sum() + x2.sum()) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    return z, 2 * stats.norm.sf(abs(z)), abs(p1 - p2)
def bh(p):
    p = np.asarray(p, float); m = len(p); order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    scaled = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m); out[order] = np.minimum(scaled, 1)
    return out
def l2(rc, cc):
    # The l2 test of homogeneity from its definition: T = sum (p - q)^2, its null law a chi2_1 mixture
    # weighted by the eigenvalues of c (diag(pi) - pi pi^T), tail by the modified Liu approximation.
    n, m = rc.sum(), cc.sum()
    T = np.sum((rc / n - cc / m) ** 2)
    pi = (rc + cc) / (n + m)
    lam = np.linalg.eigvalsh((1 / n + 1 / m) * (np.diag(pi) - np.outer(pi, pi)))
    c1, c2, c4 = lam.sum(), (lam ** 2).sum(), (lam ** 4).sum()
    l = c2 ** 2 / c4
    return T, stats.chi2.sf((T - c1) / np.sqrt(2 * c2) * np.sqrt(2 * l) + l, l)
def column_test(r, c, kind):
    # The default rule's test and effect: KS with W / reference std (floor 0.001), or l2 with the TVD.
    r = clean(r); c = clean(c)
    if kind == "ks":
        r = np.array(r, float); c = np.array(c, float)
        res = stats.ks_2samp(r, c)
        return {"statistic": res.statistic, "p": res.pvalue, "effect": stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)}
    keys, rc, cc = table(r, c)
    T, p = l2(rc, cc)
    return {"statistic": T, "p": p, "df": len(keys) - 1, "effect": 0.5 * np.abs(rc / rc.sum() - cc / cc.sum()).sum()}
`;

interface Expected {
  statistic: Json;
  p: Json;
  df?: number;
  effect: Json;
  p_adjusted: Json;
  z_p?: Json;
}

const RANK: Record<DriftStatus, number> = { ok: 0, insufficient_data: 1, warn: 2, drift: 3 };
function worst(a: DriftStatus, b: DriftStatus): DriftStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The default rule on the oracle's numbers: real (adjusted p < 0.05) and ≥ margin drifts, real below it warns, else ok. */
function ruled(expected: { p_adjusted: Json; effect: Json }, margin: number): DriftStatus {
  const real = (expected.p_adjusted as number) < 0.05;
  if (real && (expected.effect as number) >= margin) return "drift";
  return real ? "warn" : "ok";
}

describe("default mode, 300 vs 250 rows: KS and ℓ2 tests, effects against margins, BH across the columns", () => {
  // 300 reference rows, 250 current rows; category counts exact by construction.
  const contract = contractOf([
    { name: "x_shift", type: "number" },
    { name: "x_same", type: "number" },
    { name: "cat3", type: "categorical" },
    { name: "binary", type: "categorical" },
    { name: "few", type: "integer" },
  ]);
  const s = new Seeded(11);
  const ref: Columns = {
    x_shift: s.normals(300),
    x_same: s.normals(300),
    cat3: s.withCounts(["a", "b", "c"], [161, 85, 54]),
    binary: s.withCounts(["no", "yes"], [200, 100]),
    few: s.withCounts([1, 2, 3, 4], [90, 80, 70, 60]),
  };
  const cur: Columns = {
    x_shift: s.normals(250, 0.4),
    x_same: s.normals(250),
    cat3: s.withCounts(["a", "b", "c"], [99, 84, 67]),
    binary: s.withCounts(["no", "yes"], [148, 102]),
    few: s.withCounts([1, 2, 3, 4], [70, 65, 60, 55]),
  };
  // Numeric with more than 5 values → KS with W/σ; categorical and numeric with ≤ 5 values → ℓ2 with the TVD.
  const KINDS: Record<string, "ks" | "l2"> = { x_shift: "ks", x_same: "ks", cat3: "l2", binary: "l2", few: "l2" };
  let reference: ReferenceProfile;
  let current: ReferenceProfile;
  let drift: DriftReport;
  let expected: Record<string, Expected>;

  before(async () => {
    reference = await profileCsv(contract, [await writeCsv(tmp.dir, "small-ref.csv", ref)]);
    current = await profileCsv(contract, [await writeCsv(tmp.dir, "small-cur.csv", cur)], { binsFrom: reference });
    drift = report(reference, current, { correction: "bh" });
    expected = python<Record<string, Expected>>(
      `${PY_HELPERS}
out = {name: column_test(data["ref"][name], data["cur"][name], kind) for name, kind in data["kinds"].items()}
names = list(data["kinds"].keys())
for name, q in zip(names, bh([out[n]["p"] for n in names])): out[name]["p_adjusted"] = q
out["binary"]["z_p"] = ztest(clean(data["ref"]["binary"]), clean(data["cur"]["binary"]))[1]
emit(out)`,
      { ref, cur, kinds: KINDS },
    );
  });

  test("numeric > 5 values → KS with W/σ; categorical, binary and 1–5 numbers → ℓ2 with the TVD; all equal numpy/scipy", () => {
    for (const [name, kind] of Object.entries(KINDS)) {
      const method = columnOf(drift, name).method;
      assert.ok(method, `${name} has a method`);
      assert.equal(method.method, kind, name);
      assert.equal(method.approximate, false, `${name}: exact values`);
      assert.equal(method.effect_measure, kind === "ks" ? "wasserstein_norm" : "tvd", name);
      assert.equal(method.margin, kind === "ks" ? 0.1 : 0.05, name);
      const want = expected[name]!;
      assertClose(method.statistic, want.statistic, `${name} statistic`);
      assertClose(method.p_value, want.p, `${name} p`);
      assertClose(method.effect, want.effect, `${name} effect`);
      if (want.df !== undefined) assert.equal(method.df, want.df, `${name} df`);
      // The effect is also among the column's statistics.
      assertClose(
        kind === "ks" ? columnOf(drift, name).statistics.wasserstein_norm : columnOf(drift, name).statistics.tvd,
        want.effect,
        name,
      );
    }
  });

  test("two categories: the ℓ2 p is the pooled two-proportion z test's (scipy)", () => {
    assertClose(columnOf(drift, "binary").method!.p_value, expected.binary!.z_p!, "binary p vs z");
  });

  test("Benjamini–Hochberg adjusted p across the feature columns equals the derivation", () => {
    for (const name of Object.keys(KINDS))
      assertClose(columnOf(drift, name).method!.p_adjusted, expected[name]!.p_adjusted, `${name} p_adjusted`);
  });

  test("status: adjusted p < 0.05 and effect ≥ margin drifts; a large effect that is not significant stays ok", () => {
    const statuses = Object.keys(KINDS).map((name) => ruled(expected[name]!, KINDS[name] === "ks" ? 0.1 : 0.05));
    // The data was built to cover both outcomes; guard that scipy agrees.
    for (const status of ["drift", "ok"] as const)
      assert.ok(statuses.includes(status), `the data has a ${status} column per scipy: ${statuses.join(", ")}`);
    for (const name of Object.keys(KINDS)) {
      const column = columnOf(drift, name);
      assert.equal(column.status, ruled(expected[name]!, KINDS[name] === "ks" ? 0.1 : 0.05), `${name}: ${column.reason}`);
    }
    // binary: a 7.5-point gap (TVD ≥ 0.05) that 300 vs 250 rows cannot tell from chance.
    const binary = expected.binary!;
    assert.ok((binary.p_adjusted as number) >= 0.05 && (binary.effect as number) >= 0.05, "scipy: binary not significant, TVD ≥ 0.05");
    assert.equal(columnOf(drift, "binary").status, "ok");
    assert.match(
      columnOf(drift, "binary").reason,
      /l2 p [\d.]+ \(raw [\d.]+, bh\) ≥ 0\.05 \(TVD [\d.]+ ≥ margin 0\.05 is within chance at this size\)/,
    );
    assert.ok(
      (expected.x_shift!.p_adjusted as number) < 0.05 && (expected.x_shift!.effect as number) >= 0.1,
      "scipy: x_shift real and large",
    );
    assert.match(columnOf(drift, "x_shift").reason, /ks p [\d.e-]+ \(raw [\d.e-]+, bh\) < 0\.05 and W\/σ [\d.]+ ≥ margin 0\.1/);
  });

  test("a significant change below its margin warns in its row: the same data with margins above the effects", () => {
    const margins = { numeric: 1, categorical: 0.5, nulls: 0.2 };
    assert.ok((expected.x_shift!.effect as number) < 1 && (expected.cat3!.effect as number) < 0.5, "scipy: effects below these margins");
    const raised = report(reference, current, { margin: margins });
    for (const name of Object.keys(KINDS)) {
      const column = columnOf(raised, name);
      const status = ruled(expected[name]!, KINDS[name] === "ks" ? margins.numeric : margins.categorical);
      assert.equal(column.status, status, `${name}: ${column.reason}`);
      assert.notEqual(status, "drift");
    }
    assert.equal(columnOf(raised, "x_shift").status, "warn");
    assert.match(columnOf(raised, "x_shift").reason, /< 0\.05: real, but W\/σ [\d.]+ is below the margin 1/);
    assert.equal(columnOf(raised, "cat3").status, "warn");
    assert.match(columnOf(raised, "cat3").reason, /l2 p .*< 0\.05: real, but TVD [\d.]+ is below the margin 0\.5/);
    // A column's warn stays in its row: nothing drifted, so the dataset is ok.
    assert.equal(raised.status, "ok");
    assert.deepEqual(raised.drifted_columns, []);
  });

  test("correction none leaves p_adjusted equal to the raw p, and the status follows the raw p", () => {
    const raw = report(reference, current, { correction: "none" });
    for (const name of Object.keys(KINDS)) {
      const column = columnOf(raw, name);
      assert.equal(column.method!.p_adjusted, column.method!.p_value);
      assert.equal(
        column.status,
        ruled({ ...expected[name]!, p_adjusted: expected[name]!.p }, KINDS[name] === "ks" ? 0.1 : 0.05),
        `${name}: ${column.reason}`,
      );
    }
  });
});

describe("default mode, 3000 vs 2000 rows: the same rule, PSI reported only, null shares and the target in the BH family", () => {
  const N_REF = 3000;
  const N_CUR = 2000;
  const contract = contractOf([
    { name: "w_same", type: "number" },
    { name: "w_shift", type: "number" },
    { name: "psi_only", type: "number" },
    { name: "cat", type: "categorical" },
    { name: "nulls", type: "number" },
    { name: "unseen", type: "categorical" },
    { name: "label", type: "categorical", role: "target" },
    { name: "pred", type: "number", role: "prediction" },
  ]);
  const s = new Seeded(23);
  const ref: Columns = {
    w_same: s.normals(N_REF),
    w_shift: s.normals(N_REF),
    psi_only: Array.from({ length: N_REF }, () => s.uniform()),
    cat: s.withCounts(["a", "b", "c"], [1500, 900, 600]),
    nulls: s.normals(N_REF),
    unseen: s.withCounts(["a", "b", "c"], [1500, 900, 600]),
    label: s.withCounts(["0", "1"], [2400, 600]),
    pred: s.normals(N_REF),
  };
  const FEATURES = ["w_same", "w_shift", "psi_only", "cat", "nulls", "unseen"];
  const NUMERIC = ["w_same", "w_shift", "psi_only", "nulls", "pred"];
  const KINDS: Record<string, "ks" | "l2"> = Object.fromEntries(
    Object.keys(ref).map((name) => [name, NUMERIC.includes(name) ? "ks" : "l2"]),
  );
  const margin = (name: string) => (KINDS[name] === "ks" ? 0.1 : 0.05);
  let reference: ReferenceProfile;
  let current: ReferenceProfile;
  let cur: Columns;
  let drift: DriftReport;
  let expected: Record<string, Expected & { psi: Json; js: Json; ks_d: Json; mean_shift: Json }>;
  /** The null share's z test (columns with a null on some side), BH-adjusted in the same family, and Cohen's h. */
  let nullTests: Record<string, { p: Json; p_adjusted: Json; h: Json }>;
  /** What the rule makes of each column, from numpy's numbers. */
  let want: Record<string, DriftStatus>;

  before(async () => {
    reference = await profileCsv(contract, [await writeCsv(tmp.dir, "large-ref.csv", ref)]);
    // psi_only: uniform again, but every value in the reference's fourth bin moves just below it,
    // into the third: a tiny distance, a large change of bin proportions.
    const psiEdges = (reference.columns.psi_only as { histogram: { edges: number[] } }).histogram.edges;
    const [low, high] = [psiEdges[3]!, psiEdges[4]!];
    const nullAt = new Set(s.shuffle(Array.from({ length: N_CUR }, (_, i) => i)).slice(0, 800));
    cur = {
      w_same: s.normals(N_CUR, 0.02),
      w_shift: s.normals(N_CUR, 0.5),
      psi_only: Array.from({ length: N_CUR }, () => {
        const u = s.uniform();
        return u >= low && u < high ? low - 1e-6 : u;
      }),
      cat: s.withCounts(["a", "b", "c"], [600, 600, 800]),
      nulls: s.normals(N_CUR).map((x, i) => (nullAt.has(i) ? null : x)),
      unseen: s.withCounts(["a", "b", "c", "zz", "yy"], [985, 591, 394, 24, 6]),
      label: s.withCounts(["0", "1"], [1000, 1000]),
      pred: s.normals(N_CUR, 2),
    };
    current = await profileCsv(contract, [await writeCsv(tmp.dir, "large-cur.csv", cur)], { binsFrom: reference });
    drift = report(reference, current);
    const edges = Object.fromEntries(
      NUMERIC.map((name) => [name, (reference.columns[name] as { histogram: { edges: number[] } }).histogram.edges]),
    );
    const oracle = python<{ columns: typeof expected; nulls: typeof nullTests }>(
      `${PY_HELPERS}
out = {}
for name, kind in data["kinds"].items():
    out[name] = column_test(data["ref"][name], data["cur"][name], kind)
    r = clean(data["ref"][name]); c = clean(data["cur"][name])
    if name in data["edges"]:
        r = np.array(r, float); c = np.array(c, float); e = np.array(data["edges"][name], float)
        # left-closed bins with an underflow (x < e0) and an overflow (x >= e_last) bin
        rb = np.bincount(np.searchsorted(e, r, side="right"), minlength=len(e) + 1).astype(float)
        cb = np.bincount(np.searchsorted(e, c, side="right"), minlength=len(e) + 1).astype(float)
        rp = np.clip(rb / rb.sum(), 1e-4, None); cp = np.clip(cb / cb.sum(), 1e-4, None)
        out[name].update({"psi": float(np.sum((rp - cp) * np.log(rp / cp))), "js": None,
                          "ks_d": stats.ks_2samp(r, c).statistic, "mean_shift": abs(np.mean(c) - np.mean(r)) / np.std(r)})
    else:
        keys, rc, cc = table(r, c)
        rp = np.clip(rc / rc.sum(), 1e-4, None); cp = np.clip(cc / cc.sum(), 1e-4, None)
        out[name].update({"psi": float(np.sum((rp - cp) * np.log(rp / cp))), "js": jensenshannon(rc / rc.sum(), cc / cc.sum()),
                          "ks_d": None, "mean_shift": None})
# The null shares: a two-proportion z test where a side has a null.
nulls = {}
for name in data["kinds"]:
    r, c = data["ref"][name], data["cur"][name]
    k1, k2 = sum(v is None for v in r), sum(v is None for v in c)
    if k1 + k2 == 0: continue
    p1, p2 = k1 / len(r), k2 / len(c); P = (k1 + k2) / (len(r) + len(c))
    z = (p1 - p2) / math.sqrt(P * (1 - P) * (1 / len(r) + 1 / len(c)))
    nulls[name] = {"p": 2 * stats.norm.sf(abs(z)), "h": abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))}
# One BH family: every column's test (features, target, prediction) and every null share's.
family = [out[n]["p"] for n in data["kinds"]] + [nulls[n]["p"] for n in nulls]
adjusted = bh(family)
for i, n in enumerate(data["kinds"]): out[n]["p_adjusted"] = adjusted[i]
for j, n in enumerate(nulls): nulls[n]["p_adjusted"] = adjusted[len(data["kinds"]) + j]
emit({"columns": out, "nulls": nulls})`,
      { ref, cur, edges, kinds: KINDS },
    );
    expected = oracle.columns;
    nullTests = oracle.nulls;
    want = {};
    for (const name of Object.keys(KINDS)) {
      let status = ruled(expected[name]!, margin(name));
      const nullTest = nullTests[name];
      if (nullTest !== undefined) status = worst(status, ruled({ p_adjusted: nullTest.p_adjusted, effect: nullTest.h }, 0.2));
      want[name] = status;
    }
    // Unseen categories: 30 of 2000 values, 1.5% ≥ 1%.
    want.unseen = worst(want.unseen!, "warn");
  });

  test("numeric → KS (p, D) equal to scipy with the effect W/σ = wasserstein_distance / np.std(ref); KS D and |Δmean|/std reported", () => {
    for (const name of NUMERIC) {
      const column = columnOf(drift, name);
      assert.equal(column.method?.method, "ks", name);
      assert.equal(column.method.approximate, false);
      assertClose(column.method.statistic, expected[name]!.statistic, `${name} KS D`);
      assertClose(column.method.p_value, expected[name]!.p, `${name} KS p`);
      assertClose(column.method.effect, expected[name]!.effect, `${name} W/σ`);
      assertClose(column.statistics.wasserstein_norm, expected[name]!.effect, `${name} statistics.wasserstein_norm`);
      assertClose(column.statistics.ks_d, expected[name]!.ks_d, `${name} ks_d`);
      assertClose(column.statistics.mean_shift_std, expected[name]!.mean_shift, `${name} mean_shift_std`);
    }
  });

  test("PSI on the reference's frozen bins (ε 1e-4 on both sides) equals numpy, numeric and categorical", () => {
    for (const name of Object.keys(ref)) assertClose(columnOf(drift, name).statistics.psi, expected[name]!.psi, `${name} psi`);
  });

  test("categorical → ℓ2 test (statistic, p, df) and TVD equal to numpy/scipy; Jensen–Shannon still reported, equal to scipy", () => {
    for (const name of ["cat", "unseen", "label"]) {
      const column = columnOf(drift, name);
      assert.equal(column.method?.method, "l2", name);
      assertClose(column.method.statistic, expected[name]!.statistic, `${name} T`);
      assertClose(column.method.p_value, expected[name]!.p, `${name} p`);
      assert.equal(column.method.df, expected[name]!.df, `${name} df`);
      assertClose(column.method.effect, expected[name]!.effect, `${name} TVD`);
      assertClose(column.statistics.tvd, expected[name]!.effect, `${name} statistics.tvd`);
      assertClose(column.statistics.jensenshannon, expected[name]!.js, `${name} js`);
    }
  });

  test("one BH family: the 8 column tests (target and prediction included) and the null share's test, adjusted together as numpy derives", () => {
    assert.deepEqual(Object.keys(nullTests), ["nulls"], "numpy: only `nulls` has a null on some side");
    for (const name of Object.keys(KINDS))
      assertClose(columnOf(drift, name).method!.p_adjusted, expected[name]!.p_adjusted, `${name} p_adjusted`);
    const nulls = columnOf(drift, "nulls").null_rate;
    assertClose(nulls.p_value, nullTests.nulls!.p, "nulls: null share p");
    assertClose(nulls.p_adjusted, nullTests.nulls!.p_adjusted, "nulls: null share p_adjusted");
    assertClose(nulls.effect, nullTests.nulls!.h, "nulls: Cohen's h");
    // A null share with no null on either side is not tested, so it is not in the family.
    for (const name of Object.keys(KINDS).filter((name) => name !== "nulls")) {
      assert.equal(columnOf(drift, name).null_rate.p_adjusted, undefined, name);
      assert.equal(columnOf(drift, name).null_rate.status, "ok", name);
    }
    // Leaving the target and prediction out changes the family and so every adjusted p (numpy again).
    const fewer = report(reference, current, { ignore: ["label", "pred"] });
    const family = [...FEATURES.map((name) => expected[name]!.p as number), nullTests.nulls!.p as number];
    const adjusted = python<number[]>(`${PY_HELPERS}\nemit(bh(data))`, family);
    FEATURES.forEach((name, i) => {
      assertClose(columnOf(fewer, name).method!.p_adjusted, adjusted[i]!, `${name} p_adjusted without the target`);
    });
    assertClose(columnOf(fewer, "nulls").null_rate.p_adjusted, adjusted[FEATURES.length]!, "null share p_adjusted without the target");
  });

  test("every column's status follows the rule on numpy's numbers; the data covers drift, warn and ok", () => {
    const statuses = new Set(Object.values(want));
    for (const status of ["drift", "warn", "ok"] as const)
      assert.ok(statuses.has(status), `numpy: a ${status} column (${[...statuses].join(", ")})`);
    for (const name of Object.keys(KINDS)) {
      const column = columnOf(drift, name);
      assert.equal(column.status, want[name], `${name}: ${column.reason}`);
    }
  });

  test("PSI no longer decides: a large PSI with a real change below the W/σ margin warns, never drifts", () => {
    const psiOnly = expected.psi_only!;
    assert.ok(
      (psiOnly.effect as number) < 0.1 && (psiOnly.psi as number) >= 0.25 && (psiOnly.p_adjusted as number) < 0.05,
      "scipy/numpy: W/σ below 0.1, PSI ≥ 0.25, KS significant",
    );
    const column = columnOf(drift, "psi_only");
    assert.equal(column.status, "warn");
    assert.match(column.reason, /^ks p [\d.e-]+ \(raw [\d.e-]+, bh\) < 0\.05: real, but W\/σ [\d.]+ is below the margin 0\.1$/);
    assert.doesNotMatch(column.reason, /PSI/);
  });

  test("null share 0 → 40% drifts on its own test (z p adjusted < 0.05, Cohen's h ≥ 0.2); the valid values did not move", () => {
    assert.ok(
      (expected.nulls!.p_adjusted as number) >= 0.05 || (expected.nulls!.effect as number) < 0.1,
      "numpy: the valid values alone would not drift",
    );
    assert.ok((nullTests.nulls!.p_adjusted as number) < 0.05 && (nullTests.nulls!.h as number) >= 0.2, "numpy: the null share drifts");
    const column = columnOf(drift, "nulls");
    assert.equal(column.null_rate.reference, 0);
    assert.equal(column.null_rate.current, 800 / N_CUR);
    assert.equal(column.null_rate.status, "drift");
    assert.equal(column.status, "drift");
    assert.match(column.reason, /null share 0 → 0\.4: z p [\d.e-]+ \(raw [\d.e-]+, bh\) < 0\.05 and Cohen's h [\d.]+ ≥ margin 0\.2/);
    assert.deepEqual(column.current, { rows: N_CUR, valid: N_CUR - 800, nulls: 800 });
    // Above Cohen's h the same real change only warns.
    const wide = columnOf(report(reference, current, { margin: { ...DRIFT_DEFAULTS.margin, nulls: 2 } }), "nulls");
    assert.ok((nullTests.nulls!.h as number) < 2);
    assert.equal(wide.null_rate.status, "warn");
    assert.equal(wide.status, worst(ruled(expected.nulls!, 0.1), "warn"));
  });

  test("categories the reference never had (share ≥ 0.01) warn and are listed", () => {
    assert.equal(ruled(expected.unseen!, 0.05), "ok", "numpy: the distribution barely moved otherwise");
    const column = columnOf(drift, "unseen");
    assert.equal(column.status, "warn");
    assert.deepEqual(column.unseen, {
      share: 30 / N_CUR,
      top: [
        { value: "zz", count: 24 },
        { value: "yy", count: 6 },
      ],
    });
    assert.match(column.reason, /1\.5% of values in categories the reference never had/);
    // Below the threshold the same column is ok.
    assert.equal(columnOf(report(reference, current, { unseen: 0.02 }), "unseen").status, "ok");
  });

  test("target and prediction columns are reported but not counted in the share", () => {
    for (const name of ["label", "pred"]) {
      const column = columnOf(drift, name);
      assert.equal(want[name], "drift", `numpy: ${name} moved a lot`);
      assert.equal(column.counted, false, name);
      assert.equal(column.status, "drift", `${name}: ${column.reason}`);
      assert.ok(!drift.drifted_columns.includes(name));
    }
    assert.equal(drift.columns_checked, FEATURES.length);
  });

  test("dataset share: the drifted features' weighted share decides; weights and ignore change it as derived", () => {
    const drifted = FEATURES.filter((name) => want[name] === "drift");
    assert.deepEqual(drifted, ["w_shift", "cat", "nulls"], "numpy: three of six features drift");
    assert.deepEqual([...drift.drifted_columns].sort(), [...drifted].sort());
    assert.equal(drift.share, 3 / 6);
    assert.equal(drift.status, "drift", "3 of 6 reaches the share 0.5 (≥)");
    assert.equal(drift.drifted, true);
    // Heavier weights on two columns that did not drift: (1+1+1) / (4 + 1 + 1 + 1 + 1 + 4) = 3/12 < 0.5.
    const weighted = report(reference, current, { weights: { w_same: 4, unseen: 4 } });
    assert.equal(weighted.share, 3 / 12);
    assert.equal(weighted.status, "warn", "some column still drifted");
    assert.equal(columnOf(weighted, "w_same").weight, 4);
    // Weights on drifted columns: (5 + 1 + 1) / (1 + 5 + 1 + 1 + 1 + 1) = 0.7.
    assert.equal(report(reference, current, { weights: { w_shift: 5 } }).share, 7 / 10);
    // Ignoring two drifted columns: 1 of 4.
    const ignored = report(reference, current, { ignore: ["w_shift", "cat"] });
    assert.ok(!ignored.columns.some((column) => column.name === "w_shift" || column.name === "cat"));
    assert.equal(ignored.columns_checked, 4);
    assert.equal(ignored.share, 1 / 4);
    assert.equal(ignored.status, "warn");
  });

  test("a drifted feature of weight 0 does not make the dataset warn; of weight 1 it does", () => {
    // Without the target and prediction (which drifted), and with every drifted feature at weight 0,
    // the remaining columns are ok or warn in their rows only.
    const zero = { w_shift: 0, cat: 0, nulls: 0 };
    const quiet = report(reference, current, { ignore: ["label", "pred"], weights: zero });
    assert.deepEqual([...quiet.drifted_columns].sort(), ["cat", "nulls", "w_shift"], "the columns still drift in their rows");
    assert.equal(quiet.share, 0);
    assert.equal(quiet.status, "ok", quiet.columns.map((column) => `${column.name}: ${column.status}`).join(", "));
    const one = report(reference, current, { ignore: ["label", "pred"], weights: { ...zero, cat: 1 } });
    assert.equal(one.share, 1 / 4);
    assert.equal(one.status, "warn");
    // A drifted target still warns the dataset, whatever the features' weights.
    assert.equal(report(reference, current, { weights: zero }).status, "warn");
  });

  test("min_samples: a current batch of 20 rows is insufficient_data everywhere, never ok", async () => {
    const small: Columns = Object.fromEntries(Object.entries(cur).map(([name, values]) => [name, values.slice(0, 20)]));
    const few = await profileCsv(contract, [await writeCsv(tmp.dir, "twenty.csv", small)], { binsFrom: reference });
    const result = report(reference, few);
    assert.equal(result.columns.length, Object.keys(reference.columns).length);
    for (const column of result.columns) {
      assert.equal(column.status, "insufficient_data", column.name);
      assert.equal(column.method, undefined);
      assert.match(column.reason, /fewer than min_samples 30/);
    }
    assert.equal(result.status, "insufficient_data");
    assert.equal(result.columns_checked, 0);
    assert.equal(result.share, 0);
  });

  test("an all-null current column drifts on its null rate, with a reason that says so", async () => {
    const rows = 200;
    const batch: Columns = Object.fromEntries(Object.entries(cur).map(([name, values]) => [name, values.slice(0, rows)]));
    batch.w_same = new Array<null>(rows).fill(null);
    const allNull = await profileCsv(contract, [await writeCsv(tmp.dir, "all-null.csv", batch)], { binsFrom: reference });
    const column = columnOf(report(reference, allNull), "w_same");
    assert.equal(column.status, "drift");
    assert.equal(column.method, undefined);
    assert.equal(column.null_rate.current, 1);
    assert.match(column.reason, /every current value is null or invalid \(200 rows\)/);
    assert.match(column.reason, /null share 0 → 1/);
  });

  test("an empty current batch (0 rows) through checkDrift is insufficient_data", async () => {
    const names = Object.keys(ref);
    const empty = await profileSources({
      contract,
      paths: ["empty.csv"],
      binsFrom: reference,
      logger: new MemoryLogger(),
      toolVersion: "test",
      open: (path) => Promise.resolve(tableFromRows(path, names, [])),
    });
    assert.equal(empty.rows, 0);
    const result = report(reference, empty);
    assert.equal(result.status, "insufficient_data");
    assert.equal(result.drifted, false);
    assert.equal(result.columns.length, Object.keys(reference.columns).length);
    for (const column of result.columns) {
      assert.equal(column.status, "insufficient_data", column.name);
      assert.equal(column.null_rate.p_value, 1, "no rows on one side: no evidence of a null-rate change");
    }
  });

  test("a current profile of another contract is refused, naming the schema", async () => {
    const other = contractOf([
      { name: "w_same", type: "number" },
      { name: "w_shift", type: "number" },
      { name: "psi_only", type: "number" },
      { name: "cat", type: "string" },
      { name: "nulls", type: "number" },
      { name: "unseen", type: "categorical" },
      { name: "label", type: "categorical", role: "target" },
      { name: "pred", type: "number", role: "prediction" },
    ]);
    const foreign = await profileCsv(other, [await writeCsv(tmp.dir, "other-contract.csv", cur)]);
    throwsUser(() => report(reference, foreign), /another schema/, /schema hash/);
  });

  test("a current profile on its own bins (no binsFrom) is refused, naming the column and --bins-from", async () => {
    const ownBins = await profileCsv(contract, [await writeCsv(tmp.dir, "own-bins.csv", cur)]);
    throwsUser(() => report(reference, ownBins), /column "w_same"/, /other edges/, /--bins-from/);
  });
});

describe("sketch path: more distinct values than exact_cap", () => {
  test("the KS method is flagged approximate and its D is within 0.02 of scipy's", async () => {
    const contract = contractOf([{ name: "x", type: "number" }]);
    const s = new Seeded(5);
    const ref: Columns = { x: s.normals(900) };
    const cur: Columns = { x: s.normals(800, 0.2, 1.1) };
    const reference = await profileCsv(contract, [await writeCsv(tmp.dir, "sketch-ref.csv", ref)], { exactCap: 100 });
    const current = await profileCsv(contract, [await writeCsv(tmp.dir, "sketch-cur.csv", cur)], { binsFrom: reference });
    assert.equal(current.settings.exact_cap, 100, "binsFrom carries the reference's exact_cap");
    for (const profile of [reference, current])
      assert.equal((profile.columns.x as { values?: unknown }).values, null, "no exact values past the cap");
    const column = columnOf(report(reference, current), "x");
    assert.equal(column.method?.method, "ks");
    assert.equal(column.method.approximate, true);
    const want = python<{ d: number }>(`from scipy import stats\nemit({"d": stats.ks_2samp(data["ref"], data["cur"]).statistic})`, {
      ref: numbers(ref.x!),
      cur: numbers(cur.x!),
    });
    assert.ok(Math.abs(column.method.statistic! - want.d) <= 0.02, `sketch D ${column.method.statistic} vs scipy ${want.d}`);
    assert.ok(Math.abs(column.statistics.ks_d! - want.d) <= 0.02);
  });
});
