/**
 * `mode: evidently-compat` against a re-statement of Evidently's default drift choices written in
 * Python here (Evidently's legacy `registry.py::_get_default_stattest`, the stattests it picks,
 * `utils.py::get_binned_data` and `data_drift.py::get_dataset_drift`, github.com/evidentlyai/evidently),
 * run with scipy on the same raw values we
 * profile: the same method per column, the same statistic and p-value, the same drift flags and
 * the same dataset verdict, with a small (500 rows) and a large (3000 rows) reference.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { checkDrift } from "../../../src/drift/check-drift.ts";
import type { DriftReport, DriftSettings } from "../../../src/drift/report-types.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { assertClose, contractOf, profileCsv, Seeded, tempDir, writeCsv, type Columns, type Json } from "../../support/drift.ts";
import { python } from "../../support/python.ts";

const tmp = await tempDir("modelship-drift-evidently-");
after(tmp.remove);

const COMPAT: DriftSettings = { ...DRIFT_DEFAULTS, mode: "evidently-compat" };

function report(reference: ReferenceProfile, current: ReferenceProfile, settings: DriftSettings): DriftReport {
  return checkDrift({
    reference,
    referenceSource: "reference.csv",
    current,
    currentSources: ["current.csv"],
    settings,
    toolVersion: "test",
    created: new Date(0),
  });
}

// Evidently's defaults, restated. Values arrive without nulls (Evidently drops NaN first).
const EVIDENTLY = `
import numpy as np
from scipy import stats
from scipy.stats import norm
from scipy.spatial.distance import jensenshannon

def default_stattest(r, c, kind):
    n_values = len(set(r) | set(c))        # nunique of ref ∪ cur
    if len(r) <= 1000:                       # n_ref after NaN drop
        if kind == "num":
            if n_values <= 5:
                return "chisquare" if n_values > 2 else "z"
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if kind == "num" and n_values > 5:
        return "wasserstein"
    return "jensenshannon"

def counts(values, keys):
    return np.array([values.count(k) for k in keys], float)

def ks(r, c):
    res = stats.ks_2samp(r, c)
    return res.statistic, res.pvalue, res.pvalue <= 0.05

def chisquare(r, c):
    keys = sorted(set(r) | set(c))
    f_exp = counts(r, keys) * (len(c) / len(r))
    f_obs = counts(c, keys)
    stat, p = stats.chisquare(f_obs, f_exp)
    return stat, p, p < 0.05

def z(r, c):
    if len(set(r)) == 1 and len(set(c)) == 1 and set(r) == set(c):
        return 0.0, 1.0, False
    first = sorted(set(r) | set(c))[0]
    x1 = [0 if v == first else 1 for v in r]; x2 = [0 if v == first else 1 for v in c]
    n1, n2 = len(x1), len(x2)
    p1, p2 = sum(x1) / n1, sum(x2) / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    zs = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    p = 2 * (1 - norm.cdf(np.abs(zs)))
    return zs, p, p < 0.05

def wasserstein(r, c):
    d = stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)
    return d, None, d >= 0.1

def js(r, c):
    keys = sorted(set(r) | set(c))
    d = jensenshannon(counts(r, keys) / len(r), counts(c, keys) / len(c))
    return d, None, d >= 0.1

TESTS = {"ks": ks, "chisquare": chisquare, "z": z, "wasserstein": wasserstein, "jensenshannon": js}
out = {}
for name, kind in data["kinds"].items():
    r, c = data["ref"][name], data["cur"][name]
    method = default_stattest(r, c, kind)
    stat, p, drifted = TESTS[method](r, c)
    out[name] = {"method": method, "statistic": stat, "p": p, "drifted": bool(drifted)}
share = sum(v["drifted"] for v in out.values()) / len(out)
emit({"columns": out, "share": share, "dataset_drift": share >= 0.5})
`;

interface Oracle {
  columns: Record<string, { method: string; statistic: Json; p: Json; drifted: boolean }>;
  share: number;
  dataset_drift: boolean;
}

const CONTRACT = contractOf([
  { name: "num_many", type: "number" },
  { name: "num_few", type: "integer" },
  { name: "num_bin", type: "integer" },
  { name: "bin", type: "categorical" },
  { name: "cat", type: "categorical" },
]);
const KINDS = { num_many: "num", num_few: "num", num_bin: "num", bin: "cat", cat: "cat" };
// Our names of Evidently's methods.
const OURS: Record<string, string> = {
  ks: "ks",
  chisquare: "chisquare_gof",
  z: "z",
  wasserstein: "wasserstein",
  jensenshannon: "jensenshannon",
};

/** Reference and current columns of one regime, built from category counts and normal draws. */
function dataset(
  seed: number,
  nRef: number,
  nCur: number,
  shift: number,
  counts: Record<"few" | "bin01" | "bin" | "cat", [number[], number[]]>,
): { ref: Columns; cur: Columns } {
  const s = new Seeded(seed);
  const side = (i: 0 | 1, n: number, mean: number): Columns => ({
    num_many: s.normals(n, mean),
    num_few: s.withCounts([1, 2, 3, 4], counts.few[i]),
    num_bin: s.withCounts([0, 1], counts.bin01[i]),
    bin: s.withCounts(["no", "yes"], counts.bin[i]),
    cat: s.withCounts(["a", "b", "c", "d"], counts.cat[i]),
  });
  return { ref: side(0, nRef, 0), cur: side(1, nCur, shift) };
}

const REGIMES = {
  "small reference (500 rows)": dataset(3, 500, 400, 0.25, {
    few: [
      [150, 150, 100, 100],
      [120, 120, 80, 80],
    ],
    bin01: [
      [300, 200],
      [200, 200],
    ],
    bin: [
      [250, 250],
      [190, 210],
    ],
    cat: [
      [200, 150, 100, 50],
      [140, 100, 100, 60],
    ],
  }),
  "large reference (3000 rows)": dataset(4, 3000, 2000, 0.05, {
    few: [
      [900, 900, 600, 600],
      [400, 500, 500, 600],
    ],
    bin01: [
      [1800, 1200],
      [1100, 900],
    ],
    bin: [
      [1500, 1500],
      [600, 1400],
    ],
    cat: [
      [1200, 900, 600, 300],
      [800, 600, 400, 200],
    ],
  }),
};

for (const [regime, { ref, cur }] of Object.entries(REGIMES)) {
  describe(`evidently-compat, ${regime}`, () => {
    test("same method, statistic, p-value and drift flag per column; same share and dataset verdict", async () => {
      const slug = regime.split(" ")[0]!;
      const reference = await profileCsv(CONTRACT, [await writeCsv(tmp.dir, `${slug}-ref.csv`, ref)]);
      const current = await profileCsv(CONTRACT, [await writeCsv(tmp.dir, `${slug}-cur.csv`, cur)], { binsFrom: reference });
      const drift = report(reference, current, COMPAT);
      const oracle = python<Oracle>(EVIDENTLY, { ref, cur, kinds: KINDS });
      // Every default of §1.2 is exercised: p-value tests under 1000 reference rows, distances above.
      const picked = Object.fromEntries(Object.entries(oracle.columns).map(([name, column]) => [name, column.method]));
      const small = reference.rows <= 1000;
      assert.deepEqual(
        picked,
        small
          ? { num_many: "ks", num_few: "chisquare", num_bin: "z", bin: "z", cat: "chisquare" }
          : { num_many: "wasserstein", num_few: "jensenshannon", num_bin: "jensenshannon", bin: "jensenshannon", cat: "jensenshannon" },
      );
      const flags = Object.values(oracle.columns).map((column) => column.drifted);
      assert.ok(flags.includes(true) && flags.includes(false), "the data has drifted and stable columns per the oracle");
      for (const [name, want] of Object.entries(oracle.columns)) {
        const column = drift.columns.find((entry) => entry.name === name)!;
        const method = column.method!;
        assert.equal(method.method, OURS[want.method], `${name}: Evidently picks ${want.method}`);
        assertClose(method.statistic, want.statistic, `${name} statistic`);
        if (want.p === null) assert.equal(method.p_value, undefined, `${name}: a distance has no p-value`);
        else {
          assertClose(method.p_value, want.p, `${name} p`);
          assert.equal(method.p_adjusted, method.p_value, `${name}: no correction in compat mode`);
        }
        assert.equal(column.status, want.drifted ? "drift" : "ok", `${name}: ${column.reason}`);
      }
      assert.equal(drift.share, oracle.share);
      assert.equal(drift.drifted, oracle.dataset_drift);
      assert.equal(drift.status === "drift", oracle.dataset_drift);
      // The small regime was built to drift as a dataset (3 of 5), the large one not (2 of 5).
      assert.equal(oracle.dataset_drift, small);
    });
  });
}

describe("evidently-compat against default on the worked 3-category counts", () => {
  test("[161, 85, 54] vs [99, 84, 67]: GoF p ≈ 1.4e-5 in compat, the ℓ2 test's p (numpy/scipy) in default", async () => {
    const contract = contractOf([{ name: "c", type: "categorical" }]);
    const s = new Seeded(9);
    const reference = await profileCsv(contract, [
      await writeCsv(tmp.dir, "golden-ref.csv", { c: s.withCounts(["a", "b", "c"], [161, 85, 54]) }),
    ]);
    const current = await profileCsv(
      contract,
      [await writeCsv(tmp.dir, "golden-cur.csv", { c: s.withCounts(["a", "b", "c"], [99, 84, 67]) })],
      { binsFrom: reference },
    );
    const compat = report(reference, current, COMPAT).columns[0]!.method!;
    const ours = report(reference, current, DRIFT_DEFAULTS).columns[0]!.method!;
    assert.equal(compat.method, "chisquare_gof");
    assert.ok(Math.abs(compat.p_value! - 1.4e-5) < 0.05e-5, `compat p ${compat.p_value}`);
    // The default mode's ℓ2 test from its definition: T = Σ(p̂ − q̂)², a χ²₁ mixture weighted by the
    // eigenvalues of c·(diag(π) − ππᵀ), its tail by the modified Liu approximation.
    const l2 = python<{ statistic: number; p: number }>(
      `
import numpy as np
from scipy import stats
r, c = np.array(data[0], float), np.array(data[1], float)
n, m = r.sum(), c.sum(); pi = (r + c) / (n + m)
T = np.sum((r / n - c / m) ** 2)
lam = np.linalg.eigvalsh((1 / n + 1 / m) * (np.diag(pi) - np.outer(pi, pi)))
c1, c2, c4 = lam.sum(), (lam ** 2).sum(), (lam ** 4).sum(); l = c2 ** 2 / c4
emit({"statistic": T, "p": stats.chi2.sf((T - c1) / np.sqrt(2 * c2) * np.sqrt(2 * l) + l, l)})`,
      [
        [161, 85, 54],
        [99, 84, 67],
      ],
    );
    assert.equal(ours.method, "l2");
    assertClose(ours.statistic, l2.statistic, "default ℓ2 statistic");
    assertClose(ours.p_value, l2.p, "default ℓ2 p");
  });
});
