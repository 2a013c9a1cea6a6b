"""The pandas side of bench/validate: read the CSV and run the checks the example contract asks for.

Prints one JSON line: seconds, peak RSS, rows, and the failing counts (so both sides can be compared).
"""
import json
import resource
import sys
import time

import pandas as pd

ENUMS = {
    "workclass": ["Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov", "State-gov", "Without-pay", "Never-worked"],
    "education": ["Bachelors", "Some-college", "11th", "HS-grad", "Prof-school", "Assoc-acdm", "Assoc-voc", "9th", "7th-8th", "12th", "Masters", "1st-4th", "10th", "Doctorate", "5th-6th", "Preschool"],
    "marital-status": ["Married-civ-spouse", "Divorced", "Never-married", "Separated", "Widowed", "Married-spouse-absent", "Married-AF-spouse"],
    "relationship": ["Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried"],
    "race": ["White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black"],
    "sex": ["Female", "Male"],
    "Y": ["<=50K", ">50K"],
}
RANGES = {"age": (17, 100), "fnlwgt": (1, None), "education-num": (1, 16), "capital-gain": (0, 99999), "capital-loss": (0, None), "hours-per-week": (1, 99)}

path = sys.argv[1]
start = time.perf_counter()
# Everything read as text first, as a validator must: a typed read would fail on the first bad value.
frame = pd.read_csv(path, skipinitialspace=True, na_values=["?"], keep_default_na=False, dtype=str)
failing = {}
for column, (low, high) in RANGES.items():
    values = pd.to_numeric(frame[column], errors="coerce")
    not_integer = values.isna() & frame[column].notna()
    failing[f"{column}.type"] = int(not_integer.sum())
    failing[f"{column}.min"] = int((values < low).sum())
    if high is not None:
        failing[f"{column}.max"] = int((values > high).sum())
    failing[f"{column}.nulls"] = int(frame[column].isna().sum())
for column, allowed in ENUMS.items():
    failing[f"{column}.enum"] = int((~frame[column].isin(allowed) & frame[column].notna()).sum())
    failing[f"{column}.nulls"] = int(frame[column].isna().sum())
failing["dataset.duplicates"] = int(frame.duplicated().sum())
shares = frame["Y"].value_counts(normalize=True)
failing["dataset.min_class_share"] = int((shares < 0.1).sum())
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": len(frame), "failing": failing}))
