import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { openTable, tableFromRows } from "../../../src/data/readers/open-table.ts";
import { assertUserError, makeTempDir, pythonCsv, readAll } from "./readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});
const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("gzip CSV", () => {
  it("reads a gzip file like its plain text, detected by magic bytes, and digests the stored bytes", async () => {
    const text = 'a,b\n1,"x\ny"\n' + Array.from({ length: 20000 }, (_, i) => `${i},v${i % 7}`).join("\n") + "\n";
    const plain = temp.file("plain.csv", text);
    const gz = temp.file("hidden-gzip.csv", gzipSync(text));
    const expected = pythonCsv(plain);
    const table = await openTable(gz, { nullMarkers: [], batchSize: 4096, chunkBytes: 1000 });
    assert.equal(table.digest(), undefined, "no digest before the rows are read");
    const { rows, lines, batchSizes } = await readAll(table);
    assert.deepEqual(rows, expected.rows);
    assert.deepEqual(lines, expected.lines);
    assert.deepEqual(batchSizes, [4096, 4096, 4096, 4096, 3617]);
    assert.deepEqual(table.digest(), { sha256: sha256(gz), bytes: readFileSync(gz).length });
  });

  it("digests a plain CSV file's bytes", async () => {
    const path = temp.file("digest.csv", "\ufeffa\r\n1\r\n2\r\n");
    const table = await openTable(path, { chunkBytes: 3 });
    await readAll(table);
    assert.deepEqual(table.digest(), { sha256: sha256(path), bytes: readFileSync(path).length });
  });

  it("rejects a corrupt gzip stream", async () => {
    const good = gzipSync("a,b\n" + "1,2\n".repeat(10000));
    const truncated = temp.file("truncated.csv.gz", good.subarray(0, Math.floor(good.length / 2)));
    await assertUserError(async () => readAll(await openTable(truncated)), { file: truncated, pattern: /not a valid gzip stream/ });
    const garbage = Buffer.from(good);
    garbage.fill(0x55, 20, 60);
    const corrupt = temp.file("corrupt.csv.gz", garbage);
    await assertUserError(async () => readAll(await openTable(corrupt)), { file: corrupt, pattern: /not a valid gzip stream/ });
  });
});

describe("JSON Lines", () => {
  const lines = [
    '{"id": 1, "name": "Ann", "tags": ["a", "b"], "ok": true}',
    "",
    '{"id": 2, "name": null, "meta": {"k": 1.5}}',
    '  {"name": "Éa", "id": 3}  ',
  ];
  const text = lines.join("\n") + "\n";

  it("reads objects into columns of the first batch, nested values as JSON text, like Python's json", async () => {
    const path = temp.file("rows.jsonl", text);
    // Python reads the same lines and builds the expected columns and rows independently.
    const oracle = execFileSync(
      "/usr/bin/python3",
      [
        "-c",
        `import json,sys
rows=[(i+1,json.loads(l)) for i,l in enumerate(open(sys.argv[1],encoding='utf-8').read().split('\\n')) if l.strip()]
cols=[]
for _,r in rows:
    for k in r:
        if k not in cols: cols.append(k)
enc=lambda v: json.dumps(v,separators=(',',':')) if isinstance(v,(dict,list)) else v
print(json.dumps({"columns":cols,"rows":[[enc(r.get(c)) for c in cols] for _,r in rows],"lines":[n for n,_ in rows]}))`,
        path,
      ],
      { encoding: "utf8" },
    );
    const expected = JSON.parse(oracle) as { columns: string[]; rows: unknown[][]; lines: number[] };
    for (const chunkBytes of [1, 5, 65536]) {
      const table = await openTable(path, { chunkBytes, batchSize: 2 });
      assert.equal(table.format, "jsonl");
      assert.deepEqual(table.columns, expected.columns);
      const read = await readAll(table);
      assert.deepEqual(read.rows, expected.rows);
      assert.deepEqual(read.lines, expected.lines);
    }
  });

  it("reads gzip JSON Lines and digests the stored bytes", async () => {
    const path = temp.file("rows.ndjson.gz", gzipSync(text));
    const table = await openTable(path);
    const { rows } = await readAll(table);
    assert.equal(rows.length, 3);
    assert.deepEqual(table.digest(), { sha256: sha256(path), bytes: readFileSync(path).length });
  });

  it("rejects invalid JSON such as NaN, naming the line", async () => {
    const path = temp.file("nan.jsonl", '{"a": 1}\n\n{"a": NaN}\n');
    await assertUserError(async () => readAll(await openTable(path)), { file: path, line: 3, pattern: /is not valid JSON/ });
  });

  it("rejects a line that is not an object", async () => {
    const path = temp.file("array.jsonl", '{"a": 1}\n[1, 2]\n');
    await assertUserError(async () => readAll(await openTable(path)), {
      file: path,
      line: 2,
      pattern: /holds an array, not a JSON object/,
    });
  });

  it("rejects a key that the first batch did not have, naming key and line", async () => {
    const path = temp.file("late-key.jsonl", '{"a": 1}\n{"a": 2}\n{"a": 3, "b": 4}\n');
    await assertUserError(async () => readAll(await openTable(path, { batchSize: 2 })), {
      file: path,
      line: 3,
      pattern: /has the key "b"/,
    });
  });

  it("rejects an empty file", async () => {
    const path = temp.file("empty.jsonl", "\n\n");
    await assertUserError(() => openTable(path), { file: path, pattern: /is empty/ });
  });

  it("rejects invalid UTF-8 with its line", async () => {
    const path = temp.file("latin1.jsonl", Buffer.concat([Buffer.from('{"a": "x"}\n{"a": "'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    await assertUserError(async () => readAll(await openTable(path)), { file: path, line: 2, pattern: /not valid UTF-8/ });
  });
});

describe("Parquet", () => {
  const n = 2500;
  const ids = Array.from({ length: n }, (_, i) => BigInt(i) * 3n);
  const names = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : `name-${i}`));
  const scores = Array.from({ length: n }, (_, i) => i / 8);
  const flags = Array.from({ length: n }, (_, i) => i % 3 === 0);
  const times = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 1000));

  it("reads every row group in batches with typed values and 1-based row numbers", async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "id", data: ids, type: "INT64" },
        { name: "name", data: names, type: "STRING" },
        { name: "score", data: scores, type: "DOUBLE" },
        { name: "flag", data: flags, type: "BOOLEAN" },
        { name: "at", data: times, type: "TIMESTAMP" },
      ],
      rowGroupSize: 700,
    });
    const path = temp.file("data.parquet", Buffer.from(buffer));
    const table = await openTable(path, { batchSize: 1000 });
    assert.equal(table.format, "parquet");
    assert.deepEqual(table.columns, ["id", "name", "score", "flag", "at"]);
    const { rows, lines, batchSizes } = await readAll(table);
    assert.equal(rows.length, n);
    assert.ok(batchSizes.every((size) => size <= 1000));
    assert.deepEqual(
      lines,
      Array.from({ length: n }, (_, i) => i + 1),
    );
    assert.deepEqual(
      rows,
      ids.map((id, i) => [Number(id), names[i], scores[i], flags[i], times[i]]),
    );
    assert.deepEqual(table.digest(), { sha256: sha256(path), bytes: readFileSync(path).length });
  });

  it("keeps INT64 values beyond the safe integer range as bigint", async () => {
    const big = 2n ** 60n + 1n;
    const path = temp.file("big.parquet", Buffer.from(parquetWriteBuffer({ columnData: [{ name: "v", data: [big, 5n], type: "INT64" }] })));
    const { rows } = await readAll(await openTable(path));
    assert.deepEqual(rows, [[big], [5]]);
  });

  it("rejects a file that is not Parquet", async () => {
    const path = temp.file("fake.parquet", "a,b\n1,2\n".repeat(100));
    await assertUserError(() => openTable(path), { file: path, pattern: /is not a Parquet file/ });
  });
});

describe("tableFromRows", () => {
  it("serves in-memory rows as batches with lines starting at 2", async () => {
    const table = tableFromRows(
      "mem.csv",
      ["a", "b"],
      [
        ["1", null],
        ["2", "x"],
      ],
    );
    assert.deepEqual(table.columns, ["a", "b"]);
    const { rows, lines } = await readAll(table);
    assert.deepEqual(rows, [
      ["1", null],
      ["2", "x"],
    ]);
    assert.deepEqual(lines, [2, 3]);
  });
});
