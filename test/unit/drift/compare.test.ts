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
`;

describe("default mode, small reference (≤ 1000 rows): p-value tests", () => {
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
  const KINDS: Record<string, "ks" | "chisquare" | "z"> = { x_shift: "ks", x_same: "ks", cat3: "chisquare", binary: "z", few: "chisquare" };
  interface Expected {
    statistic: Json;
    p: Json;
    df?: number;
    effect: Json;
    p_adjusted: Json;
  }
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
out = {}
for name, kind in data["kinds"].items():
    r = clean(data["ref"][name]); c = clean(data["cur"][name])
    if kind == "ks":
        res = stats.ks_2samp(np.array(r, float), np.array(c, float))
        out[name] = {"statistic": res.statistic, "p": res.pvalue, "effect": res.statistic}
    elif kind == "chisquare":
        keys, rc, cc = table(r, c)
        chi2, p, dof, _ = stats.chi2_contingency(np.vstack([rc, cc]), correction=False)
        out[name] = {"statistic": chi2, "p": p, "df": int(dof), "effect": math.sqrt(chi2 / (rc.sum() + cc.sum()))}
    else:
        z, p, gap = ztest(r, c)
        out[name] = {"statistic": z, "p": p, "effect": gap}
names = list(data["kinds"].keys())
for name, q in zip(names, bh([out[n]["p"] for n in names])): out[name]["p_adjusted"] = q
emit(out)`,
      { ref, cur, kinds: KINDS },
    );
  });

  test("numeric > 5 values → KS, chi-square homogeneity for 3+ categories (and 3–5 numbers), pooled z for binary; all equal scipy", () => {
    for (const [name, kind] of Object.entries(KINDS)) {
      const method = columnOf(drift, name).method;
      assert.ok(method, `${name} has a method`);
      assert.equal(method.method, kind, name);
      assert.equal(method.approximate, false, `${name}: exact values`);
      const want = expected[name]!;
      assertClose(method.statistic, want.statistic, `${name} statistic`);
      assertClose(method.p_value, want.p, `${name} p`);
      assertClose(method.effect, want.effect, `${name} effect`);
      if (want.df !== undefined) assert.equal(method.df, want.df, `${name} df`);
    }
  });

  test("the worked 3-category counts give homogeneity p ≈ 0.002825 (not the GoF 1.4e-5)", () => {
    assert.ok(Math.abs(columnOf(drift, "cat3").method!.p_value! - 0.002825) < 5e-7);
  });

  test("Benjamini–Hochberg adjusted p across the feature columns equals the derivation", () => {
    for (const name of Object.keys(KINDS))
      assertClose(columnOf(drift, name).method!.p_adjusted, expected[name]!.p_adjusted, `${name} p_adjusted`);
  });

  test("status from the adjusted p: < 0.05 drift, [0.05, 0.15) warn (warn band), else ok", () => {
    const want = (p: number): DriftStatus => (p < 0.05 ? "drift" : p < 0.15 ? "warn" : "ok");
    const statuses = Object.keys(KINDS).map((name) => want(expected[name]!.p_adjusted as number));
    // The data was built to cover all three outcomes; guard that scipy agrees.
    for (const status of ["drift", "warn", "ok"] as const)
      assert.ok(statuses.includes(status), `the data has a ${status} column per scipy: ${statuses.join(", ")}`);
    for (const name of Object.keys(KINDS)) {
      const column = columnOf(drift, name);
      const status = want(expected[name]!.p_adjusted as number);
      assert.equal(column.status, status, `${name}: ${column.reason}`);
      if (status === "warn") assert.match(column.reason, /warn band/);
    }
  });

  test("effect_size_floor turns a significant small-effect column into warn", () => {
    const d = expected.x_shift!.effect as number;
    assert.ok((expected.x_shift!.p_adjusted as number) < 0.05 && d < 0.5, "x_shift is significant with a KS D below 0.5 per scipy");
    const floored = report(reference, current, { effect_size_floor: 0.5 });
    const column = columnOf(floored, "x_shift");
    assert.equal(column.status, "warn");
    assert.match(column.reason, /below the floor 0\.5/);
    // Without the floor the same column drifts.
    assert.equal(columnOf(drift, "x_shift").status, "drift");
  });

  test("correction none leaves p_adjusted equal to the raw p", () => {
    const raw = report(reference, current, { correction: "none" });
    for (const name of Object.keys(KINDS)) assert.equal(columnOf(raw, name).method!.p_adjusted, columnOf(raw, name).method!.p_value);
  });
});

describe("default mode, large reference (> 1000 rows): distances, PSI, nulls, unseen categories", () => {
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
  let reference: ReferenceProfile;
  let current: ReferenceProfile;
  let cur: Columns;
  let drift: DriftReport;
  let expected: Record<string, { w_norm: Json; psi: Json; js: Json; ks_d: Json; mean_shift: Json }>;

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
      ["w_same", "w_shift", "psi_only", "nulls", "pred"].map((name) => [
        name,
        (reference.columns[name] as { histogram: { edges: number[] } }).histogram.edges,
      ]),
    );
    expected = python(
      `${PY_HELPERS}
out = {}
for name in data["names"]:
    r = clean(data["ref"][name]); c = clean(data["cur"][name])
    if name in data["edges"]:
        r = np.array(r, float); c = np.array(c, float); e = np.array(data["edges"][name], float)
        # left-closed bins with an underflow (x < e0) and an overflow (x >= e_last) bin
        rb = np.bincount(np.searchsorted(e, r, side="right"), minlength=len(e) + 1).astype(float)
        cb = np.bincount(np.searchsorted(e, c, side="right"), minlength=len(e) + 1).astype(float)
        rp = np.clip(rb / rb.sum(), 1e-4, None); cp = np.clip(cb / cb.sum(), 1e-4, None)
        out[name] = {"w_norm": stats.wasserstein_distance(r, c) / np.std(r), "psi": float(np.sum((rp - cp) * np.log(rp / cp))),
                     "js": None, "ks_d": stats.ks_2samp(r, c).statistic, "mean_shift": abs(np.mean(c) - np.mean(r)) / np.std(r)}
    else:
        keys, rc, cc = table(r, c)
        rp = np.clip(rc / rc.sum(), 1e-4, None); cp = np.clip(cc / cc.sum(), 1e-4, None)
        out[name] = {"w_norm": None, "psi": float(np.sum((rp - cp) * np.log(rp / cp))), "js": jensenshannon(rc / rc.sum(), cc / cc.sum()), "ks_d": None, "mean_shift": None}
emit(out)`,
      { ref, cur, edges, names: Object.keys(ref) },
    );
  });

  test("numeric → normalised Wasserstein equal to scipy wasserstein_distance / np.std(ref); KS D and |Δmean|/std reported", () => {
    for (const name of ["w_same", "w_shift", "psi_only", "nulls", "pred"]) {
      const column = columnOf(drift, name);
      assert.equal(column.method?.method, "wasserstein", name);
      assert.equal(column.method.approximate, false);
      assert.equal(column.method.p_value, undefined, "a distance has no p-value");
      assertClose(column.method.statistic, expected[name]!.w_norm, `${name} wasserstein_norm`);
      assertClose(column.statistics.wasserstein_norm, expected[name]!.w_norm, `${name} statistics.wasserstein_norm`);
      assertClose(column.statistics.ks_d, expected[name]!.ks_d, `${name} ks_d`);
      assertClose(column.statistics.mean_shift_std, expected[name]!.mean_shift, `${name} mean_shift_std`);
    }
  });

  test("PSI on the reference's frozen bins (ε 1e-4 on both sides) equals numpy, numeric and categorical", () => {
    for (const name of Object.keys(ref)) assertClose(columnOf(drift, name).statistics.psi, expected[name]!.psi, `${name} psi`);
  });

  test("categorical → Jensen–Shannon distance equal to scipy jensenshannon", () => {
    for (const name of ["cat", "unseen", "label"]) {
      const column = columnOf(drift, name);
      assert.equal(column.method?.method, "jensenshannon", name);
      assertClose(column.method.statistic, expected[name]!.js, `${name} js`);
    }
  });

  test("a distance at or over its threshold drifts; under it (with small PSI) is ok", () => {
    assert.ok(
      (expected.w_shift!.w_norm as number) >= 0.1 && (expected.w_same!.w_norm as number) < 0.1 && (expected.w_same!.psi as number) < 0.1,
      "scipy: w_shift over, w_same under",
    );
    assert.equal(columnOf(drift, "w_shift").status, "drift");
    assert.equal(columnOf(drift, "w_same").status, "ok");
    assert.ok((expected.cat!.js as number) >= 0.1, "scipy: cat's JS over 0.1");
    assert.equal(columnOf(drift, "cat").status, "drift");
  });

  test("PSI ≥ 0.25 alone makes a column drift", () => {
    assert.ok(
      (expected.psi_only!.w_norm as number) < 0.1 && (expected.psi_only!.psi as number) >= 0.25,
      "scipy/numpy: small distance, large PSI",
    );
    const column = columnOf(drift, "psi_only");
    assert.equal(column.status, "drift");
    assert.match(column.reason, /wasserstein [\d.e-]+ < 0\.1/);
    assert.match(column.reason, /PSI [\d.]+ ≥ 0\.25/);
  });

  test("null share 0 → 40% drifts on the null-rate test alone", () => {
    assert.ok((expected.nulls!.w_norm as number) < 0.1 && (expected.nulls!.psi as number) < 0.1, "the valid values did not move");
    const column = columnOf(drift, "nulls");
    assert.equal(column.null_rate.reference, 0);
    assert.equal(column.null_rate.current, 800 / N_CUR);
    assert.equal(column.null_rate.status, "drift");
    assert.equal(column.status, "drift");
    assert.match(column.reason, /null share 0 → 0\.4/);
    assert.deepEqual(column.current, { rows: N_CUR, valid: N_CUR - 800, nulls: 800 });
  });

  test("categories the reference never had (share ≥ 0.01) warn and are listed", () => {
    assert.ok(
      (expected.unseen!.js as number) < 0.1 && (expected.unseen!.psi as number) < 0.1,
      "scipy: the distribution barely moved otherwise",
    );
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
      assert.equal(column.counted, false, name);
      assert.equal(column.status, "drift", `${name} moved a lot: ${column.reason}`);
      assert.ok(!drift.drifted_columns.includes(name));
    }
    assert.equal(drift.columns_checked, FEATURES.length);
  });

  test("dataset share: 4 of 6 features drifted → drift; weights and ignore change it as derived", () => {
    const drifted = ["w_shift", "psi_only", "cat", "nulls"];
    assert.deepEqual([...drift.drifted_columns].sort(), [...drifted].sort());
    assert.equal(drift.share, 4 / 6);
    assert.equal(drift.status, "drift");
    assert.equal(drift.drifted, true);
    // Heavier weights on the two columns that did not drift: (1+1+1+1) / (4 + 4 + 4) = 1/3 < 0.5.
    const weighted = report(reference, current, { weights: { w_same: 4, unseen: 4 } });
    assert.equal(weighted.share, 4 / 12);
    assert.equal(weighted.status, "warn", "some column still drifted or warned");
    assert.equal(columnOf(weighted, "w_same").weight, 4);
    // Weights on drifted columns: (5 + 1 + 1 + 1) / (1 + 5 + 1 + 1 + 1 + 1) = 0.8.
    assert.equal(report(reference, current, { weights: { w_shift: 5 } }).share, 8 / 10);
    // Ignoring two drifted columns: 2 of 4 = 0.5, which reaches the share (≥).
    const ignored = report(reference, current, { ignore: ["psi_only", "cat"] });
    assert.ok(!ignored.columns.some((column) => column.name === "psi_only" || column.name === "cat"));
    assert.equal(ignored.columns_checked, 4);
    assert.equal(ignored.share, 2 / 4);
    assert.equal(ignored.status, "drift");
    // And three: 1 of 3.
    const more = report(reference, current, { ignore: ["psi_only", "cat", "w_shift"] });
    assert.equal(more.share, 1 / 3);
    assert.equal(more.status, "warn");
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
