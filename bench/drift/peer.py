"""The pandas/scipy side of bench/drift: the same drift statistics, computed the usual way.

    python3 peer.py REFERENCE_CSV CURRENT_CSV NUMERIC_COLUMNS CATEGORICAL_COLUMNS

Reads both CSVs with pandas, then per column: a numeric column with more than 5 distinct values
gets scipy's ks_2samp and wasserstein_distance over the reference's (population) std, and PSI on
numpy histograms over the reference's decile edges (with an under- and an overflow bin); a categorical column (or a numeric one with at
most 5 values) gets Jensen-Shannon distance (natural log, scipy's default) and PSI over the
category proportions. Drift: Wasserstein or JS >= 0.1, or PSI >= 0.25; the dataset drifts when at
least half the columns do (the defaults of bench/drift's side). Proportions are clipped at 1e-4 for
PSI, as ours are. Prints one JSON line: seconds (read and statistics), peak RSS and the statistics.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance

EPSILON = 1e-4
STD_FLOOR = 0.001


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def psi(p, q):
    p = np.clip(p, EPSILON, None)
    q = np.clip(q, EPSILON, None)
    return float(np.sum((p - q) * np.log(p / q)))


def proportions(reference, current):
    r = reference.value_counts()
    c = current.value_counts()
    keys = r.index.union(c.index)
    r = r.reindex(keys, fill_value=0).to_numpy(dtype=float)
    c = c.reindex(keys, fill_value=0).to_numpy(dtype=float)
    return r / r.sum(), c / c.sum()


def main():
    reference_path, current_path = sys.argv[1], sys.argv[2]
    numeric = [name for name in sys.argv[3].split(",") if name]
    categorical = [name for name in sys.argv[4].split(",") if name]
    start_mib = peak_mib()
    started = time.perf_counter()
    cpu_started = time.process_time()
    reference = pd.read_csv(reference_path)
    # The current file's read alone: what our profiling pass (one file) is compared with.
    current_started = time.perf_counter()
    current_cpu_started = time.process_time()
    current = pd.read_csv(current_path)
    current_read_seconds = time.perf_counter() - current_started
    current_read_cpu = time.process_time() - current_cpu_started
    read_seconds = time.perf_counter() - started
    read_cpu = time.process_time() - cpu_started

    columns = {}
    for name in numeric + categorical:
        r = reference[name].dropna()
        c = current[name].dropna()
        stats = {}
        if name in numeric and len(np.union1d(r.unique(), c.unique())) > 5:
            a, b = r.to_numpy(dtype=float), c.to_numpy(dtype=float)
            stats["ks_d"] = float(ks_2samp(a, b).statistic)
            stats["wasserstein_norm"] = float(wasserstein_distance(a, b) / max(a.std(), STD_FLOOR))
            # Decile edges of the reference, the top one just above its maximum, plus an underflow
            # and an overflow bin (as the profile's histogram has): np.histogram alone would drop
            # current values outside the reference's range.
            deciles = np.unique(np.quantile(a, np.linspace(0, 1, 11)))[:-1]
            edges = np.concatenate(([-np.inf], deciles, [np.nextafter(a.max(), np.inf), np.inf]))
            ref_counts, _ = np.histogram(a, bins=edges)
            cur_counts, _ = np.histogram(b, bins=edges)
            stats["psi"] = psi(ref_counts / ref_counts.sum(), cur_counts / max(cur_counts.sum(), 1))
            decided = stats["wasserstein_norm"]
        else:
            p, q = proportions(r, c)
            stats["jensenshannon"] = float(jensenshannon(p, q))
            stats["psi"] = psi(p, q)
            decided = stats["jensenshannon"]
        stats["status"] = "drift" if decided >= 0.1 or stats["psi"] >= 0.25 else "ok"
        columns[name] = stats
    drifted = sum(1 for stats in columns.values() if stats["status"] == "drift")
    share = drifted / len(columns)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds,
        "readSeconds": read_seconds,
        "readCpuSeconds": read_cpu,
        "currentReadSeconds": current_read_seconds,
        "currentReadCpuSeconds": current_read_cpu,
        "cpuSeconds": time.process_time() - cpu_started,
        "statsSeconds": seconds - read_seconds,
        "peakMiB": peak_mib(),
        "startMiB": start_mib,
        "status": "drift" if share >= 0.5 else ("warn" if drifted > 0 else "ok"),
        "share": share,
        "columns": columns,
    }))


main()
