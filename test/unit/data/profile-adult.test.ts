// The profile of the real Adult census file, checked against numpy (mean, variance, extremes,
// histogram counts on the same edges, quantile ranks) and Python's Counter (category counts).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { profileSources } from "../../../src/data/profile/profile-sources.ts";
import type { ReferenceProfile } from "../../../src/data/profile/profile-types.ts";
import { KllSketch, type KllSketchJson } from "../../../src/data/sketch/kll.ts";
import type { RawValue, TableSource } from "../../../src/data/readers/table.ts";
import { ADULT_CATEGORICAL, ADULT_NUMERIC, ADULT_TRAIN, adultContract } from "../../support/adult.ts";
import { columnsOf } from "../../support/tables.ts";

const RANK_ERROR_K200 = 0.0165;
const NUMERIC = ADULT_NUMERIC;
const CATEGORICAL = ADULT_CATEGORICAL;
const QS = Array.from({ length: 21 }, (_, i) => i / 20);
const CONTRACT = adultContract({ targetRole: true });

// A minimal reader for this quote-free gzipped file (the real readers are tested on their own): split on
// commas, trim, "?" and "" are null, blank lines skipped.
async function adultTable(path: string): Promise<TableSource> {
  const bytes = await readFile(path);
  const lines = gunzipSync(bytes).toString("utf8").split("\n");
  const header = lines[0]!.split(",").map((name) => name.trim());
  let read = false;
  return {
    path,
    format: "csv",
    columns: header,
    headerLine: 1,
    async *batches() {
      for (let start = 1; start < lines.length; start += 4096) {
        const rows: RawValue[][] = [];
        const numbers: number[] = [];
        lines.slice(start, start + 4096).forEach((line, i) => {
          if (line.trim() === "") return;
          rows.push(line.split(",").map((cell) => (cell.trim() === "?" || cell.trim() === "" ? null : cell.trim())));
          numbers.push(start + i + 1);
        });
        await Promise.resolve(); // a real reader waits on I/O between batches
        yield { length: rows.length, lines: numbers, columns: columnsOf(header, rows) };
      }
      read = true;
    },
    digest: () => (read ? { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length } : undefined),
  };
}

const ORACLE = String.raw`
import csv, gzip, json, sys
from collections import Counter
import numpy as np
request = json.load(sys.stdin)
with gzip.open(request["path"], "rt", newline="") as f:
    rows = [[cell.strip() for cell in row] for row in csv.reader(f, skipinitialspace=True) if row]
header, rows = rows[0], rows[1:]
out = {"rows": len(rows), "numeric": {}, "categorical": {}}
for name, spec in request["numeric"].items():
    c = header.index(name)
    cells = [row[c] for row in rows]
    x = np.array([float(v) for v in cells if v not in ("", "?")])
    edges = np.array(spec["edges"], dtype=float)
    # Left-closed bins: index = (number of edges <= x) - 1; -1 is underflow, len(edges)-1 overflow.
    idx = np.searchsorted(edges, x, side="right") - 1
    counts = [int(np.sum(idx == i)) for i in range(len(edges) - 1)]
    q = np.array(spec["quantiles"], dtype=float)
    out["numeric"][name] = {
        "nulls": len(cells) - len(x), "n": int(x.size), "sum": float(x.sum()), "mean": float(np.mean(x)),
        "var0": float(np.var(x, ddof=0)), "var1": float(np.var(x, ddof=1)), "min": float(x.min()), "max": float(x.max()),
        "counts": counts, "underflow": int(np.sum(idx < 0)), "overflow": int(np.sum(idx >= len(edges) - 1)),
        "rank_le": [float(np.mean(x <= v)) for v in q], "rank_lt": [float(np.mean(x < v)) for v in q],
        "probe_rank": [float(np.mean(x <= v)) for v in np.quantile(x, np.linspace(0, 1, 41))],
        "probes": [float(v) for v in np.quantile(x, np.linspace(0, 1, 41))],
    }
for name in request["categorical"]:
    c = header.index(name)
    counter = Counter(row[c] for row in rows if row[c] not in ("", "?"))
    out["categorical"][name] = {"nulls": sum(1 for row in rows if row[c] in ("", "?")), "counts": sorted(([v, n] for v, n in counter.items()), key=lambda p: (-p[1], p[0]))}
json.dump(out, sys.stdout)
`;

interface Oracle {
  rows: number;
  numeric: Record<
    string,
    {
      nulls: number;
      n: number;
      sum: number;
      mean: number;
      var0: number;
      var1: number;
      min: number;
      max: number;
      counts: number[];
      underflow: number;
      overflow: number;
      rank_le: number[];
      rank_lt: number[];
      probe_rank: number[];
      probes: number[];
    }
  >;
  categorical: Record<string, { nulls: number; counts: [string, number][] }>;
}

function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined, `${what} is missing`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs numpy ${expected}`);
}

describe("profile of the Adult census data against numpy", () => {
  let profile: ReferenceProfile;
  let oracle: Oracle;

  before(async () => {
    profile = await profileSources({
      contract: CONTRACT,
      paths: [ADULT_TRAIN],
      logger: new MemoryLogger(),
      toolVersion: "test",
      open: adultTable,
    });
    const numeric = Object.fromEntries(
      NUMERIC.map((name) => {
        const entry = profile.columns[name]!;
        assert.ok(entry.kind === "numeric" && entry.histogram !== null);
        // Sketch quantiles computed from the stored sketch JSON via the class, as drift will.
        return [name, { edges: entry.histogram.edges, quantiles: QS.map((q) => quantileOf(entry.sketch, q)) }];
      }),
    );
    const run = spawnSync("/usr/bin/python3", ["-c", ORACLE], {
      input: JSON.stringify({ path: ADULT_TRAIN, numeric, categorical: CATEGORICAL }),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr);
    oracle = JSON.parse(run.stdout) as Oracle;
  });

  test("row and null counts match", () => {
    assert.equal(profile.rows, oracle.rows);
    assert.equal(profile.datasets[0]?.rows, oracle.rows);
    for (const name of NUMERIC) assert.equal(profile.columns[name]?.nulls, oracle.numeric[name]!.nulls, name);
    for (const name of CATEGORICAL) assert.equal(profile.columns[name]?.nulls, oracle.categorical[name]!.nulls, name);
  });

  test("mean, population and sample variance, sum, min and max match numpy to 1e-9", () => {
    for (const name of NUMERIC) {
      const entry = profile.columns[name]!;
      const expected = oracle.numeric[name]!;
      assert.ok(entry.kind === "numeric");
      assert.equal(entry.valid, expected.n, name);
      close(entry.mean, expected.mean, `${name} mean`);
      close(entry.variance?.population, expected.var0, `${name} population variance`);
      close(entry.variance?.sample, expected.var1, `${name} sample variance`);
      close(entry.sum, expected.sum, `${name} sum`);
      assert.equal(entry.min, expected.min, `${name} min`);
      assert.equal(entry.max, expected.max, `${name} max`);
    }
  });

  test("histogram counts on the frozen edges match numpy's searchsorted on left-closed bins", () => {
    for (const name of NUMERIC) {
      const entry = profile.columns[name]!;
      const expected = oracle.numeric[name]!;
      assert.ok(entry.kind === "numeric" && entry.histogram !== null);
      assert.deepEqual(entry.histogram.counts, expected.counts, name);
      assert.equal(entry.histogram.underflow, expected.underflow, name);
      assert.equal(entry.histogram.overflow, expected.overflow, name);
      // Edges from the reference itself: nothing falls outside them.
      assert.equal(expected.underflow + expected.overflow, 0, name);
    }
  });

  test("edges are the deciles within the sketch's rank error, or one bin per value for few-valued columns", () => {
    const fnlwgt = profile.columns.fnlwgt!;
    assert.ok(fnlwgt.kind === "numeric" && fnlwgt.histogram !== null);
    assert.equal(fnlwgt.histogram.edges.length, 11);
    const total = oracle.numeric.fnlwgt!.n;
    // Each of the 10 bins should hold about a tenth of the values.
    for (const count of fnlwgt.histogram.counts)
      assert.ok(Math.abs(count / total - 0.1) <= 2 * RANK_ERROR_K200, `bin share ${count / total}`);
    const educationNum = profile.columns["education-num"]!;
    assert.ok(educationNum.kind === "numeric" && educationNum.histogram !== null);
    assert.equal(educationNum.histogram.counts.length, 16, "education-num has 16 distinct values (1..16): one bin each");
  });

  test("sketch quantiles and ranks are within the KLL rank-error bound of numpy's exact ones", () => {
    for (const name of NUMERIC) {
      const entry = profile.columns[name]!;
      const expected = oracle.numeric[name]!;
      assert.ok(entry.kind === "numeric");
      QS.forEach((q, i) => {
        // The estimate's exact rank interval [share < v, share ≤ v] must come within ε of q.
        const error = Math.max(0, expected.rank_lt[i]! - q, q - expected.rank_le[i]!);
        assert.ok(error <= RANK_ERROR_K200, `${name} q=${q}: rank error ${error}`);
      });
      expected.probes.forEach((probe, i) => {
        const error = Math.abs(rankOf(entry.sketch, probe) - expected.probe_rank[i]!);
        assert.ok(error <= RANK_ERROR_K200, `${name} rank(${probe}): error ${error}`);
      });
    }
  });

  test("category counts match Python's Counter, ordered by count then value", () => {
    for (const name of CATEGORICAL) {
      const entry = profile.columns[name]!;
      assert.ok(entry.kind === "categorical");
      assert.deepEqual(
        entry.counts.map(({ value, count }) => [value, count]),
        oracle.categorical[name]!.counts,
        name,
      );
      assert.equal(entry.distinct, oracle.categorical[name]!.counts.length);
      assert.equal(entry.capped, false);
    }
  });
});

function quantileOf(json: KllSketchJson, q: number): number {
  return KllSketch.fromJSON(json).quantile(q);
}

function rankOf(json: KllSketchJson, x: number): number {
  return KllSketch.fromJSON(json).rank(x);
}
