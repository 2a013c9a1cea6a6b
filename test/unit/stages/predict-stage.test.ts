/**
 * `modelship predict` against references computed independently: a multinomial LogisticRegression
 * trained by scikit-learn in the test, its ONNX graph built with python3-onnx's helpers as skl2onnx
 * writes it (LinearClassifier → `label` + `probabilities`, zipmap=False), and scikit-learn's own
 * predict / predict_proba on the same rows as the expectation (to 1e-6). The same rows as CSV,
 * CSV.gz, JSON Lines, Parquet and an HTTP download give the same output; the ZipMap form is refused
 * naming the output and the fix; bad input names the file, the column and the fix and leaves no file.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parquetWriteBuffer } from "hyparquet-writer";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { runPredictStage, type PredictStageInputs } from "../../../src/stages/predict-stage.ts";
import type { StageRun } from "../../../src/stages/stage-run.ts";
import { python } from "../../support/python.ts";

/** Trains the model, writes the ONNX graphs and the data into data["dir"], emits scikit-learn's predictions. */
const BUILD = String.raw`
import os, gzip
import numpy as np, pandas as pd
import onnx
from onnx import TensorProto, helper
from sklearn.linear_model import LogisticRegression
d = data["dir"]
rng = np.random.default_rng(11)
n_train, n = 600, 250
def features(m):
    return np.round(rng.normal(0, 1, (m, 3)), 3)
Xt = features(n_train)
yt = np.array(["apple", "banana", "cherry"])[np.argmax(Xt @ np.array([[1.0, -0.5, 0.2], [0.3, 1.0, -0.4], [-0.6, 0.1, 1.0]]) + rng.normal(0, 0.8, (n_train, 3)), axis=1)]
clf = LogisticRegression(max_iter=1000).fit(Xt, yt)
X = features(n)
ML = "ai.onnx.ml"
def model(name, zipmap):
    x = helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 3])
    label = helper.make_tensor_value_info("label", TensorProto.STRING, [None])
    nodes = [helper.make_node("LinearClassifier", ["float_input"], ["label", "probabilities"], domain=ML,
        coefficients=clf.coef_.astype(np.float32).flatten().tolist(), intercepts=clf.intercept_.astype(np.float32).tolist(),
        classlabels_strings=[str(c) for c in clf.classes_], multi_class=1, post_transform="SOFTMAX")]
    if zipmap:
        seq = onnx.TypeProto()
        seq.sequence_type.elem_type.map_type.key_type = TensorProto.STRING
        seq.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
        nodes.append(helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain=ML, classlabels_strings=[str(c) for c in clf.classes_]))
        outputs = [label, helper.make_value_info("output_probability", seq)]
    else:
        outputs = [label, helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 3])]
    m = helper.make_model(helper.make_graph(nodes, name, [x], outputs), opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ML, 1)], ir_version=8)
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(d, name + ".onnx"))
model("model", False)
model("zipmap", True)
frame = pd.DataFrame({"row_id": [f"r{i:04d}" for i in range(n)], "f1": X[:, 0], "f2": X[:, 1], "f3": X[:, 2], "other": rng.integers(0, 9, n)})
frame.to_csv(os.path.join(d, "batch.csv"), index=False)
with gzip.open(os.path.join(d, "batch.csv.gz"), "wt") as out:
    frame.to_csv(out, index=False)
frame.to_json(os.path.join(d, "batch.jsonl"), orient="records", lines=True)
emit({"ids": frame["row_id"].tolist(), "classes": clf.classes_, "label": clf.predict(X), "proba": clf.predict_proba(X), "f": X})
`;

interface Expected {
  ids: string[];
  classes: string[];
  label: string[];
  proba: number[][];
  f: number[][];
}

const CONTRACT = `version: 1
name: batch
columns:
  - name: row_id
    type: string
    role: id
  - name: f1
    type: number
    role: feature
  - name: f2
    type: number
    role: feature
  - name: f3
    type: number
    role: feature
  - name: other
    type: integer
    role: feature
`;

let dir: string;
let expected: Expected;
const logger = new MemoryLogger();
const run = (env: NodeJS.ProcessEnv = {}): StageRun => ({
  config: {},
  cwd: dir,
  env,
  logger,
  toolVersion: "0.0.0-test",
  defaultRegistry: dir,
});
const base = (): PredictStageInputs => ({
  model: join(dir, "model.onnx"),
  contract: join(dir, "contract.yaml"),
  features: ["f1", "f2", "f3"],
});

/** Every row of a written table, as objects. */
async function readRows(path: string): Promise<Record<string, RawValue>[]> {
  const table = await openTable(path);
  const rows: Record<string, RawValue>[] = [];
  for await (const batch of table.batches())
    for (let r = 0; r < batch.length; r++) rows.push(Object.fromEntries(table.columns.map((name, c) => [name, batch.columns[c]![r]!])));
  return rows;
}

/** The output matches scikit-learn row for row: id passed through, label, and predict_proba to 1e-6. */
async function assertMatchesSklearn(path: string): Promise<void> {
  const rows = await readRows(path);
  assert.equal(rows.length, expected.ids.length);
  assert.deepEqual(Object.keys(rows[0]!), ["row_id", "prediction", ...expected.classes.map((name) => `proba_${name}`)]);
  rows.forEach((row, r) => {
    assert.equal(row.row_id, expected.ids[r]);
    assert.equal(row.prediction, expected.label[r], `row ${r}'s label`);
    expected.classes.forEach((name, c) => {
      const got = Number(row[`proba_${name}`]);
      assert.ok(Math.abs(got - expected.proba[r]![c]!) <= 1e-6, `row ${r} proba_${name}: ${got} vs scikit-learn ${expected.proba[r]![c]}`);
    });
  });
}

/** Throws unless `promise` rejects with a UserError whose message and hint match. */
async function assertUserError(promise: Promise<unknown>, message: RegExp, hint?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `a UserError, not ${String(error)}`);
    assert.match(error.message, message);
    if (hint) assert.match(error.hint ?? "", hint);
    return error;
  }
  assert.fail("expected a UserError");
}

before(async () => {
  process.env.MODELSHIP_RETRY_BASE_MS = "1"; // the unreachable URL's retries back off in milliseconds
  dir = await mkdtemp(join(tmpdir(), "modelship-predict-"));
  expected = python<Expected>(BUILD, { dir }, { timeoutMs: 300_000 });
  await writeFile(join(dir, "contract.yaml"), CONTRACT);
  const columns = [
    { name: "row_id", data: expected.ids },
    ...["f1", "f2", "f3"].map((name, c) => ({ name, data: Float64Array.from(expected.f.map((row) => row[c]!)) })),
  ];
  await writeFile(join(dir, "batch.parquet"), new Uint8Array(parquetWriteBuffer({ columnData: columns })));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("predict: scikit-learn LogisticRegression exported as skl2onnx would", () => {
  for (const [input, out] of [
    ["batch.csv", "out-csv.csv"],
    ["batch.csv.gz", "out-gz.jsonl"],
    ["batch.jsonl", "out-jsonl.parquet"],
    ["batch.parquet", "out-parquet.csv"],
  ] as const) {
    test(`${input} → ${out}: label and predict_proba equal scikit-learn's; the id column passed through`, async () => {
      const result = await runPredictStage({ ...base(), data: [join(dir, input)], out: join(dir, out), batchSize: 64 }, run());
      assert.equal(result.rows, expected.ids.length);
      await assertMatchesSklearn(join(dir, out));
    });
  }

  test("an HTTP download from an allowed host is scored like the file", async () => {
    const body = await readFile(join(dir, "batch.csv"));
    const server: Server = createServer((_, response) => response.writeHead(200, { "content-type": "text/csv" }).end(body));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/batch.csv`;
      const out = join(dir, "out-url.csv");
      await runPredictStage({ ...base(), data: [url], out }, run({ MODELSHIP_ALLOW_INTERNAL: "127.0.0.1" }));
      await assertMatchesSklearn(out);
      // The same URL without the allowlist: an internal address is refused before any request.
      await assertUserError(runPredictStage({ ...base(), data: [url], out: join(dir, "refused.csv") }, run()), /127\.0\.0\.1/);
    } finally {
      server.close();
    }
  });
});

describe("predict: several files", () => {
  test("rows come out in the order the files were given, not sorted by name", async () => {
    const lines = (await readFile(join(dir, "batch.csv"), "utf8")).trimEnd().split("\n");
    await writeFile(join(dir, "z-first.csv"), `${[lines[0], ...lines.slice(1, 4)].join("\n")}\n`);
    await writeFile(join(dir, "a-second.csv"), `${[lines[0], ...lines.slice(4, 6)].join("\n")}\n`);
    const out = join(dir, "ordered.jsonl");
    await runPredictStage({ ...base(), data: [join(dir, "z-first.csv"), join(dir, "a-second.csv")], out }, run());
    const ids = (await readFile(out, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { row_id: string }).row_id);
    assert.deepEqual(ids, expected.ids.slice(0, 5));
  });
});

describe("predict: kept columns", () => {
  test("a numeric column read from JSON Lines, kept into Parquet, comes back as its text", async () => {
    const out = join(dir, "kept.parquet");
    await runPredictStage({ ...base(), data: [join(dir, "batch.jsonl")], out, keep: ["f1"] }, run());
    const rows = await readRows(out);
    assert.deepEqual(Object.keys(rows[0]!).slice(0, 3), ["row_id", "f1", "prediction"]);
    rows.forEach((row, r) => {
      assert.equal(Number(row.f1), expected.f[r]![0]);
    });
  });
});

describe("predict: refusals", () => {
  test("the ZipMap form (skl2onnx's default) is refused, naming the output and zipmap=False", async () => {
    await assertUserError(
      runPredictStage({ ...base(), model: join(dir, "zipmap.onnx"), data: [join(dir, "batch.csv")], out: join(dir, "zip.csv") }, run()),
      /output_probability/,
      /zipmap/i,
    );
  });

  test("a missing feature column names the file, the column and the fix; nothing is left behind", async () => {
    const file = join(dir, "no-f2.csv");
    await writeFile(file, "row_id,f1,f3\nr1,0.5,0.25\n");
    const outDir = await mkdtemp(join(dir, "missing-"));
    const error = await assertUserError(
      runPredictStage({ ...base(), data: [file], out: join(outDir, "p.csv") }, run()),
      /no column "f2"/,
      /--feature/,
    );
    assert.equal((error as { file?: string }).file, file);
    assert.deepEqual(await readdir(outDir), []);
  });

  test("a bad value midway leaves neither the output nor its temp file", async () => {
    const file = join(dir, "bad-late.csv");
    const good = (await readFile(join(dir, "batch.csv"), "utf8")).trimEnd();
    await writeFile(file, `${good}\nr9999,oops,1,1,1\n`);
    const outDir = await mkdtemp(join(dir, "late-"));
    await assertUserError(runPredictStage({ ...base(), data: [file], out: join(outDir, "p.parquet"), batchSize: 32 }, run()), /oops|f1/);
    assert.deepEqual(await readdir(outDir), []);
  });

  test("an --out extension predict does not write is refused with the fix", async () => {
    await assertUserError(
      runPredictStage({ ...base(), data: [join(dir, "batch.csv")], out: join(dir, "p.xlsx") }, run()),
      /extension predict does not write/,
      /--out-format .*csv, jsonl or parquet/,
    );
  });

  test("an unreachable URL fails with a message naming it", async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((done) =>
      server.close(() => {
        done();
      }),
    );
    await assertUserError(
      runPredictStage(
        { ...base(), data: [`http://127.0.0.1:${port}/x.csv`], out: join(dir, "never.csv") },
        run({ MODELSHIP_ALLOW_INTERNAL: "127.0.0.1" }),
      ),
      /could not download/,
    );
  });
});
