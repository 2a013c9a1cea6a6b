import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { coerceValue } from "../../../src/data/contract/coerce.ts";
import type { ColumnContract } from "../../../src/data/contract/contract-types.ts";
import { parseContract, type ColumnDocument } from "../../../src/data/contract/load-contract.ts";
import { DistinctEstimate } from "../../../src/data/validate/distinct-estimate.ts";
import { Hash64 } from "../../../src/data/validate/hash-table.ts";
import { inferContract, type InferContractOptions, type InferContractResult } from "../../../src/data/contract/infer-contract.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { roundShareUp } from "../../../src/data/validate/share-bound.ts";
import { chooseDelimiter, splitRecords } from "../../../src/data/readers/sniff-dialect.ts";
import { makeTempDir } from "./readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});

const ADULT = "examples/model-repo/data/train.csv";

async function infer(
  paths: string | string[],
  options: Partial<InferContractOptions> = {},
): Promise<InferContractResult & { logger: MemoryLogger }> {
  const logger = new MemoryLogger();
  const result = await inferContract({ paths: Array.isArray(paths) ? paths : [paths], logger, ...options });
  return { ...result, logger };
}

function column(result: InferContractResult, name: string): ColumnDocument {
  const found = result.document.columns.find((candidate) => candidate.name === name);
  assert.ok(found, `no column "${name}" in ${result.document.columns.map((c) => c.name).join(", ")}`);
  return found;
}

/** Writes a CSV from a header and rows of cells. */
function csv(name: string, rows: (string | number)[][], delimiter = ","): string {
  return temp.file(name, rows.map((row) => row.join(delimiter)).join("\n") + "\n");
}

function boundNumber(contract: ColumnContract, bound: number | string): number {
  const coerced = coerceValue(bound, contract.type === "date" || contract.type === "datetime" ? contract.type : "number");
  assert.ok(coerced.ok && typeof coerced.value === "number", `bound ${String(bound)} parses`);
  return coerced.value;
}

/**
 * Re-reads each file through the contract's dialect and checks what validation will check, the way
 * it will check it (coerceValue, per file): the drafted contract must pass on its own data.
 */
async function assertDataPasses(yaml: string, paths: string[]): Promise<void> {
  const contract = parseContract(yaml, "drafted.yaml");
  const { dialect } = contract;
  for (const path of paths) {
    const table = await openTable(path, {
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      trim: dialect.trim,
      nullMarkers: dialect.nullMarkers,
    });
    assert.deepEqual([...table.columns].sort(), contract.columns.map((c) => c.name).sort(), `${path}: every column is in the contract`);
    const positions = contract.columns.map((c) => table.columns.indexOf(c.name));
    const nulls = contract.columns.map(() => 0);
    const seen = contract.columns.map(() => new Set<string>());
    const rowKeys = new Set<string>();
    let rows = 0;
    let repeats = 0;
    for await (const batch of table.batches()) {
      for (let r = 0; r < batch.length; r++) {
        rows++;
        const canonical = contract.columns.map((c, index) => {
          const raw = batch.columns[positions[index]!]![r] ?? null;
          if (raw === null) {
            nulls[index]!++;
            assert.ok(c.nullable, `${path}:${batch.lines[r]}: ${c.name} is null but not nullable`);
            return null;
          }
          const coerced = coerceValue(raw, c.type, c);
          assert.ok(coerced.ok, `${path}:${batch.lines[r]}: ${c.name} ${JSON.stringify(raw)} is not ${c.type}`);
          const value = coerced.value;
          if (c.min !== undefined)
            assert.ok((value as number) >= boundNumber(c, c.min), `${c.name} ${String(value)} ≥ min ${String(c.min)}`);
          if (c.max !== undefined)
            assert.ok((value as number) <= boundNumber(c, c.max), `${c.name} ${String(value)} ≤ max ${String(c.max)}`);
          if (c.enum !== undefined) assert.ok(c.enum.map(String).includes(String(value)), `${c.name} ${String(value)} in enum`);
          if (c.unique) {
            assert.ok(!seen[index]!.has(String(value)), `${c.name} ${String(value)} is unique`);
            seen[index]!.add(String(value));
          }
          return value;
        });
        const key = JSON.stringify(canonical);
        if (rowKeys.has(key)) repeats++;
        rowKeys.add(key);
      }
    }
    contract.columns.forEach((c, index) => {
      if (c.maxNullShare !== undefined)
        assert.ok(nulls[index]! / rows <= c.maxNullShare, `${c.name}: null share ${nulls[index]! / rows} ≤ ${c.maxNullShare}`);
      if (nulls[index] === rows) assert.ok(c.allowEmpty, `${c.name} has no values, so it needs allow_empty`);
    });
    if (contract.dataset.minRows !== undefined)
      assert.ok(rows >= contract.dataset.minRows, `${rows} rows ≥ min_rows ${contract.dataset.minRows}`);
    assert.ok(
      repeats / rows <= (contract.dataset.maxDuplicateShare ?? 0.05),
      `duplicate share ${repeats / rows} ≤ ${contract.dataset.maxDuplicateShare}`,
    );
    assert.equal(contract.dataset.unknownColumns, "error");
  }
}

const PANDAS = `
import json, sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], skipinitialspace=True, na_values=['?'])
print(json.dumps({
    "rows": len(frame),
    "age": [int(frame["age"].min()), int(frame["age"].max())],
    "workclass": sorted(str(v) for v in frame["workclass"].dropna().unique()),
    "workclass_null_share": float(frame["workclass"].isna().mean()),
    "duplicate_share": float(frame.duplicated().mean()),
}))
`;

describe("contract inference on the UCI Adult data", () => {
  it("sniffs the comma-space dialect, finds ? as a null marker and agrees with pandas on ranges and categories", async () => {
    const result = await infer(ADULT, { target: "Y" });
    const expected = JSON.parse(execFileSync("/usr/bin/python3", ["-c", PANDAS, ADULT], { encoding: "utf8" })) as {
      rows: number;
      age: [number, number];
      workclass: string[];
      workclass_null_share: number;
      duplicate_share: number;
    };
    assert.deepEqual(result.document.dialect, { delimiter: ",", trim: true, null_markers: ["", "?"] });
    assert.equal(result.rows, expected.rows);
    assert.deepEqual(column(result, "age"), {
      name: "age",
      type: "integer",
      role: "feature",
      nullable: false,
      min: expected.age[0],
      max: expected.age[1],
    });
    const workclass = column(result, "workclass");
    assert.equal(workclass.type, "categorical");
    assert.deepEqual([...(workclass.enum ?? [])].sort(), expected.workclass);
    assert.equal(workclass.max_null_share, roundShareUp(expected.workclass_null_share));
    assert.ok(workclass.max_null_share > expected.workclass_null_share);
    assert.deepEqual(column(result, "Y"), { name: "Y", type: "categorical", role: "target", nullable: false, enum: ["<=50K", ">50K"] });
    assert.deepEqual(result.document.dataset, {
      min_rows: expected.rows / 2,
      max_duplicate_share: roundShareUp(expected.duplicate_share),
      unknown_columns: "error",
    });
    await assertDataPasses(result.yaml, [ADULT]);
  });

  it("writes reviewable YAML: a header, the dialect first, one-line enums, observed shares as comments", async () => {
    const { yaml } = await infer(ADULT, { target: "Y" });
    const lines = yaml.split("\n");
    assert.match(
      lines[0]!,
      /^# Drafted by `modelship contract infer` from examples\/model-repo\/data\/train\.csv \(4,000 rows\) on \d{4}-\d{2}-\d{2}\.$/,
    );
    assert.match(yaml, /# Review before committing: it describes the data you have, not the data you want\./);
    assert.ok(yaml.indexOf("\ndialect:") < yaml.indexOf("\ncolumns:"), "the dialect section comes first");
    assert.match(yaml, /^ {2}null_markers: \["", "\?"\]$/m);
    assert.match(yaml, /^ {4}enum: \[<=50K, ">50K"\]$/m);
    assert.match(yaml, /^ {4}enum: \[HS-grad, Some-college, .*, Preschool\]$/m);
    assert.match(yaml, /max_null_share: 0\.1 # 5\.\d\d% missing/);
  });

  it("drafts a contract that parses back into the same document", async () => {
    const result = await infer(ADULT, { target: "Y" });
    const contract = parseContract(result.yaml, "drafted.yaml");
    assert.equal(contract.columns.length, 15);
    assert.deepEqual(
      contract.columns.filter((c) => c.roles.includes("target")).map((c) => c.name),
      ["Y"],
    );
    assert.deepEqual(contract.dialect.nullMarkers, ["", "?"]);
  });

  it("covers several files with one contract: the smallest sets min_rows and every value of both is allowed", async () => {
    const paths = [ADULT, "examples/model-repo/data/test.csv"];
    const result = await infer(paths, { target: "Y" });
    assert.equal(result.document.dataset?.min_rows, 750);
    // test.csv writes its labels with a trailing dot: the draft lists both spellings, for a person to alias.
    assert.deepEqual([...(column(result, "Y").enum ?? [])].sort(), ["<=50K", "<=50K.", ">50K", ">50K."]);
    await assertDataPasses(result.yaml, paths);
  });
});

describe("dialect sniffing", () => {
  it("reads a semicolon CSV, decimal commas and quoted semicolons included", async () => {
    const path = temp.file("semicolon.csv", 'id;price;label\n1;2,5;"a; b"\n2;3,75;c\n3;1,0;c\n');
    const result = await infer(path);
    assert.equal(result.document.dialect?.delimiter, ";");
    assert.equal(result.document.dialect?.trim, false);
    assert.equal(column(result, "id").type, "integer");
    assert.deepEqual(column(result, "price"), {
      name: "price",
      type: "categorical",
      role: "feature",
      nullable: false,
      enum: ["1,0", "2,5", "3,75"],
    });
    assert.deepEqual(column(result, "label").enum, ["c", "a; b"]);
    await assertDataPasses(result.yaml, [path]);
  });

  it("finds tabs and pipes, and keeps a delimiter the user gave", async () => {
    const tabs = csv(
      "tabs.csv",
      [
        ["a", "b", "c"],
        [1, "x y", 3],
        [4, "z", 6],
      ],
      "\t",
    );
    assert.equal((await infer(tabs)).document.dialect?.delimiter, "\t");
    const pipes = csv(
      "pipes.txt",
      [
        ["a", "b"],
        ["1,5", "2"],
        ["3", "4,1"],
      ],
      "|",
    );
    assert.equal((await infer(pipes)).document.dialect?.delimiter, "|");
    const forced = csv("forced.csv", [
      ["a;b", "c"],
      ["1;2", "3"],
    ]);
    const result = await infer(forced, { readOptions: { delimiter: ";" } });
    assert.equal(result.document.dialect?.delimiter, ";");
    assert.deepEqual(
      result.document.columns.map((c) => c.name),
      ["a", "b,c"],
    );
  });

  it("prefers the delimiter that splits every record alike", () => {
    const records = splitRecords('name,note\n"Smith; J",a;b\nDoe,c\n', '"', true);
    assert.deepEqual(records, ["name,note", '"Smith; J",a;b', "Doe,c"]);
    assert.equal(chooseDelimiter(records, '"'), ",");
    assert.equal(chooseDelimiter(["single", "column"], '"'), ",");
    assert.equal(chooseDelimiter(["text", "a, b", "c"], '"'), ";", "one column whose values hold commas");
    assert.equal(chooseDelimiter(["a,b;c|d\te", "a;b", "a|b", "a\tb"], '"'), undefined);
  });

  it("sniffs a gzip CSV from its decompressed bytes", async () => {
    const path = temp.file("adult-like.csv.gz", gzipSync("x, y\n1, ?\n2, b\n3, c\n?, d\n"));
    const result = await infer(path);
    assert.deepEqual(result.document.dialect, { delimiter: ",", trim: true, null_markers: ["", "?"] });
    assert.equal(column(result, "x").type, "integer");
  });
});

describe("null markers", () => {
  it("takes a marker standing alone in a numeric column, or seen in two columns, and leaves a lone text value alone", async () => {
    const path = csv("markers.csv", [
      ["n", "s1", "s2", "t"],
      [1, "a", "b", "-"],
      ["NA", "None", "x", "p"],
      [3, "c", "None", "q"],
      [4, "d", "e", "r"],
    ]);
    const result = await infer(path);
    assert.deepEqual(result.document.dialect?.null_markers, ["", "NA", "None"]);
    assert.equal(column(result, "n").type, "integer");
    assert.deepEqual(column(result, "t").enum, ["-", "p", "q", "r"]);
    await assertDataPasses(result.yaml, [path]);
  });

  it("reads again when a marker first appears after the sniffed 64 KiB", async () => {
    const rows: (string | number)[][] = [["id", "score"]];
    for (let i = 0; i < 20_000; i++) rows.push([i, i % 97]);
    rows.push([20_000, "?"]);
    const path = csv("late-marker.csv", rows);
    const result = await infer(path);
    assert.deepEqual(result.document.dialect?.null_markers, ["", "?"]);
    assert.equal(column(result, "score").type, "integer");
    assert.ok(result.logger.entries.some((entry) => entry.level === "info" && entry.message.includes("reading the data again")));
    await assertDataPasses(result.yaml, [path]);
  });

  it("uses the null markers the user gave as they are", async () => {
    const path = csv("given-markers.csv", [
      ["a", "b"],
      ["?", "x"],
      [1, "y"],
    ]);
    const result = await infer(path, { readOptions: { nullMarkers: ["", "x"] } });
    assert.deepEqual(result.document.dialect?.null_markers, ["", "x"]);
    assert.equal(column(result, "a").type, "categorical");
  });
});

describe("column types", () => {
  it("tells booleans written as words from 0/1 integers", async () => {
    const path = csv("booleans.csv", [
      ["flag", "bit", "mixed"],
      ["true", 0, "yes"],
      ["False", 1, "true"],
      ["TRUE", 1, "no"],
    ]);
    const result = await infer(path);
    assert.deepEqual(column(result, "flag"), { name: "flag", type: "boolean", role: "feature", nullable: false });
    assert.deepEqual(column(result, "bit"), { name: "bit", type: "integer", role: "feature", nullable: false, min: 0, max: 1 });
    assert.equal(column(result, "mixed").type, "categorical");
    await assertDataPasses(result.yaml, [path]);
  });

  it("finds dates and date-times with their observed range, and falls back to text when the forms mix", async () => {
    const path = csv("dates.csv", [
      ["day", "at", "mixed"],
      ["2024-03-01", "2024-03-01T10:00:00Z", "2024-03-01"],
      ["2023-12-31", "2024-03-01 09:30", "2024-03-01T10:00:00Z"],
      ["2024-02-29", "2024-03-01T12:00:00+02:00", "2024-03-02"],
    ]);
    const result = await infer(path, { maxEnum: 2 });
    assert.deepEqual(column(result, "day"), {
      name: "day",
      type: "date",
      role: "feature",
      nullable: false,
      min: "2023-12-31",
      max: "2024-03-01",
    });
    assert.deepEqual(column(result, "at"), {
      name: "at",
      type: "datetime",
      role: "feature",
      nullable: false,
      min: "2024-03-01 09:30",
      max: "2024-03-01T10:00:00Z",
    });
    assert.equal(column(result, "mixed").type, "string");
    await assertDataPasses(result.yaml, [path]);
  });

  it("keeps integers and decimals apart, and a non-number makes the column text", async () => {
    const path = csv("numbers.csv", [
      ["i", "x", "t"],
      ["-3", "1.5", "1"],
      ["+7", "2", "2"],
      ["12", "-0.25e1", "two"],
    ]);
    const result = await infer(path);
    assert.deepEqual(column(result, "i"), { name: "i", type: "integer", role: "feature", nullable: false, min: -3, max: 12 });
    assert.deepEqual(column(result, "x"), { name: "x", type: "number", role: "feature", nullable: false, min: -2.5, max: 2 });
    assert.equal(column(result, "t").type, "categorical");
  });

  it("makes a column with exactly maxEnum values categorical and one with maxEnum + 1 a string", async () => {
    const rows: string[][] = [["at_limit", "over_limit"]];
    for (let i = 0; i < 12; i++) rows.push([`v${i % 3}`, `w${i % 4}`]);
    const path = csv("max-enum.csv", rows);
    const result = await infer(path, { maxEnum: 3 });
    assert.deepEqual(column(result, "at_limit").enum, ["v0", "v1", "v2"]);
    assert.equal(column(result, "at_limit").type, "categorical");
    assert.deepEqual(column(result, "over_limit"), { name: "over_limit", type: "string", role: "feature", nullable: false });
  });

  it("orders enum values by frequency, then by text", async () => {
    const path = csv("frequency.csv", [["c"], ["b"], ["a"], ["z"], ["z"], ["b"], ["z"]]);
    assert.deepEqual(column(await infer(path), "c").enum, ["z", "b", "a"]);
  });

  it("drafts an all-null column as a string that may be empty", async () => {
    const path = csv("all-null.csv", [
      ["a", "empty"],
      [1, ""],
      [2, ""],
      [3, ""],
    ]);
    const result = await infer(path);
    assert.deepEqual(column(result, "empty"), { name: "empty", type: "string", role: "feature", allow_empty: true });
    await assertDataPasses(result.yaml, [path]);
  });

  it("rounds the null share up to a round limit above what was seen", async () => {
    const rows: (string | number)[][] = [["k", "v"]];
    for (let i = 0; i < 100; i++) rows.push([i, i < 3 ? "" : i]);
    const result = await infer(csv("nulls.csv", rows));
    assert.equal(column(result, "v").max_null_share, 0.05);
    assert.equal(column(result, "v").nullable, undefined);
  });

  it("marks all-distinct integer and text columns unique, but not a short or repeating one", async () => {
    const rows: (string | number)[][] = [["id", "name", "group"]];
    for (let i = 0; i < 25; i++) rows.push([1000 + i, `person ${i}`, i % 5]);
    const result = await infer(csv("unique.csv", rows), { maxEnum: 5 });
    assert.equal(column(result, "id").unique, true);
    assert.equal(column(result, "name").unique, true);
    assert.equal(column(result, "group").unique, undefined);
    const short = await infer(csv("short.csv", rows.slice(0, 10)));
    assert.equal(column(short, "id").unique, undefined);
  });
});

describe("JSON Lines", () => {
  it("infers types from JSON values, with no CSV dialect", async () => {
    const lines = [
      { id: 1, score: 0.5, ok: true, city: "Paris", when: "2024-01-02", note: null },
      { id: 2, score: 1, ok: false, city: "Rome", when: "2024-01-05", note: null },
      { id: 3, score: null, ok: true, city: "Paris", when: "2024-01-03", note: null },
    ];
    const path = temp.file("rows.jsonl", lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    const result = await infer(path, { target: "ok" });
    assert.equal(result.document.dialect, undefined);
    assert.ok(!result.yaml.includes("dialect:"));
    assert.deepEqual(column(result, "id"), { name: "id", type: "integer", role: "feature", nullable: false, min: 1, max: 3 });
    assert.deepEqual(column(result, "score"), { name: "score", type: "number", role: "feature", max_null_share: 0.5, min: 0.5, max: 1 });
    assert.deepEqual(column(result, "ok"), { name: "ok", type: "boolean", role: "target", nullable: false });
    assert.deepEqual(column(result, "city").enum, ["Paris", "Rome"]);
    assert.deepEqual(column(result, "when"), {
      name: "when",
      type: "date",
      role: "feature",
      nullable: false,
      min: "2024-01-02",
      max: "2024-01-05",
    });
    assert.equal(column(result, "note").allow_empty, true);
    await assertDataPasses(result.yaml, [path]);
  });
});

describe("dataset checks", () => {
  it("allows the duplicate rows the data has, with headroom", async () => {
    const rows: (string | number)[][] = [["a", "b"]];
    for (let i = 0; i < 100; i++) rows.push(i < 30 ? ["1.0", "x"] : [i, "x"]);
    rows.push(["1", "x"]); // the same row as "1.0" once typed as numbers
    const path = csv("duplicates.csv", rows);
    const result = await infer(path);
    assert.equal(result.document.dataset?.max_duplicate_share, 0.5);
    await assertDataPasses(result.yaml, [path]);
  });

  it("estimates duplicates and skips unique above 100,000 rows", async () => {
    const rows: (string | number)[][] = [["id", "bucket"]];
    for (let i = 0; i < 120_000; i++) rows.push([i < 12_000 ? 7 : i, i < 12_000 ? 0 : i % 3]);
    const path = csv("large.csv", rows);
    const result = await infer(path);
    // 11,999 repeated rows: 10% observed, plus the estimate's headroom, rounded up.
    assert.equal(result.document.dataset?.max_duplicate_share, 0.2);
    assert.match(result.yaml, /max_duplicate_share: 0\.2 # \d+\.\d\d% of rows repeat an earlier row \(estimated\)/);
    assert.equal(column(result, "id").unique, undefined);
    assert.equal(result.document.dataset?.min_rows, 60_000);
  });

  it("estimates distinct values within a few percent in fixed memory", () => {
    const hash = new Hash64();
    for (const count of [1000, 50_000, 300_000]) {
      const estimate = new DistinctEstimate();
      for (let i = 0; i < count; i++) {
        hash.reset();
        hash.number(i);
        estimate.add(hash.h1, hash.h2);
        estimate.add(hash.h1, hash.h2); // a repeat changes nothing
      }
      assert.ok(Math.abs(estimate.estimate() / count - 1) < 0.03, `${count}: estimated ${estimate.estimate()}`);
    }
  });

  it("rounds observed shares up to round limits with half again as headroom", () => {
    assert.equal(roundShareUp(0), 0.01);
    assert.equal(roundShareUp(0.005), 0.01);
    assert.equal(roundShareUp(0.03), 0.05);
    assert.equal(roundShareUp(0.057), 0.1);
    assert.equal(roundShareUp(0.1), 0.2);
    assert.equal(roundShareUp(0.9), 1);
  });
});

describe("mistakes", () => {
  it("rejects a --target that is not a column, listing the columns", async () => {
    let caught: unknown;
    try {
      await infer(ADULT, { target: "income" });
    } catch (error) {
      caught = error;
    }
    assert.ok(isUserError(caught), String(caught));
    assert.equal(caught.file, ADULT);
    assert.match(caught.message, /--target "income" is not a column/);
    assert.match(caught.message, /age, workclass, fnlwgt, .*, native-country, Y/);
  });

  it("rejects files that do not share a header", async () => {
    const a = csv("header-a.csv", [
      ["x", "y"],
      [1, 2],
    ]);
    const b = csv("header-b.csv", [
      ["x", "z"],
      [1, 2],
    ]);
    await assert.rejects(
      infer([a, b]),
      (error: unknown) => isUserError(error) && error.file === b && /lacks "y" and has "z"/.test(error.message),
    );
  });

  it("rejects a header that names a column twice", async () => {
    const path = csv("twice.csv", [
      ["x", "x"],
      [1, 2],
    ]);
    await assert.rejects(
      infer(path),
      (error: unknown) => isUserError(error) && /duplicate column name in the header: "x"/.test(error.message),
    );
  });
});
