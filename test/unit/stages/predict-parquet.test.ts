/**
 * predict's Parquet output (predict-parquet.ts): encoded on a worker thread, it writes byte for byte
 * the file hyparquet-writer writes when given the columns directly on the calling thread (the way
 * predict wrote before the worker), and hyparquet reads back the cells that went in; a write error
 * in the worker (the folder gone) reaches the caller with its errno code; closing early stops the worker.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { mulberry32 } from "../../../src/common/seeded-random.ts";
import { parquetOutput, type Cell, type OutputBatch } from "../../../src/stages/predict-parquet.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-predict-parquet-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NAMES = ["id", "segment", "label", "proba_no", "proba_yes"];
const NUMERIC = [false, false, false, true, true];

/** Batches of seeded rows: ids (some missing, some read as numbers), a segment, a label, two probabilities summing to 1. */
function batches(sizes: number[]): OutputBatch[] {
  const random = mulberry32(5);
  let next = 0;
  return sizes.map((rows) => {
    const id: Cell[] = [];
    const segment: Cell[] = [];
    const labels: Cell[] = [];
    const probabilities = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++, next++) {
      id.push(next % 97 === 0 ? null : next % 5 === 0 ? next : `row-${next}`);
      segment.push(["a", "b", "ä", null][next % 4]!);
      const yes = random();
      probabilities[r * 2] = 1 - yes;
      probabilities[r * 2 + 1] = yes;
      labels.push(yes > 0.5 ? "yes" : "no");
    }
    return { rows, kept: [id, segment], labels, probabilities, width: 2 };
  });
}

/** What predict wrote before the worker: hyparquet-writer given each batch's columns on this thread. */
function writeDirectly(path: string, all: OutputBatch[]): void {
  const schema = [
    { name: "root", num_children: NAMES.length },
    ...NAMES.map((name, c) =>
      NUMERIC[c]
        ? { name, type: "DOUBLE" as const, repetition_type: "OPTIONAL" as const }
        : { name, type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: "OPTIONAL" as const },
    ),
  ];
  const writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: "modelship" });
  for (const batch of all) {
    const columns: Cell[][] = [...batch.kept, batch.labels];
    for (let c = 0; c < 2; c++) columns.push(Array.from({ length: batch.rows }, (_, r) => batch.probabilities![r * 2 + c]!));
    void writer.write({
      columnData: NAMES.map((name, c) => ({
        name,
        data: NUMERIC[c] ? columns[c]! : columns[c]!.map((value) => (value === null ? null : String(value))),
      })),
      rowGroupSize: batch.rows,
    });
  }
  void writer.finish();
}

async function writeWith(threads: number, path: string, all: OutputBatch[]): Promise<void> {
  const output = parquetOutput({ temp: path, names: NAMES, numeric: NUMERIC }, threads);
  try {
    // Copies: the worker takes the probabilities' buffers.
    for (const batch of all) await output.write({ ...batch, probabilities: batch.probabilities!.slice() });
    await output.finish();
  } finally {
    await output.close();
  }
}

describe("predict's Parquet output", () => {
  const sizes = [8192, 8192, 3000, 1];

  test("on a worker and on this thread: the same bytes as hyparquet-writer given the columns directly, and the cells read back", async () => {
    const all = batches(sizes);
    await writeWith(2, join(dir, "worker.parquet"), all);
    await writeWith(1, join(dir, "here.parquet"), all);
    writeDirectly(join(dir, "direct.parquet"), all);
    const [worker, here, direct] = await Promise.all(["worker", "here", "direct"].map((name) => readFile(join(dir, `${name}.parquet`))));
    assert.ok(worker!.equals(direct!), "the worker's file is hyparquet-writer's");
    assert.ok(here!.equals(direct!), "this thread's file is hyparquet-writer's");

    const bytes = worker!.buffer.slice(worker!.byteOffset, worker!.byteOffset + worker!.byteLength);
    const rows = await parquetReadObjects({ file: bytes });
    const expected = all.flatMap((batch) =>
      Array.from({ length: batch.rows }, (_, r) => ({
        id: batch.kept[0]![r] === null ? null : String(batch.kept[0]![r]),
        segment: batch.kept[1]![r],
        label: batch.labels[r],
        proba_no: batch.probabilities![r * 2],
        proba_yes: batch.probabilities![r * 2 + 1],
      })),
    );
    assert.equal(
      rows.length,
      sizes.reduce((sum, size) => sum + size, 0),
    );
    assert.deepEqual(rows, expected);
  });

  test("a write error in the worker (its folder removed) reaches the caller with its code", async () => {
    const folder = join(dir, "gone");
    await mkdir(folder);
    const output = parquetOutput({ temp: join(folder, "out.parquet"), names: NAMES, numeric: NUMERIC }, 2);
    try {
      await output.write(batches([100])[0]!);
      await rm(folder, { recursive: true });
      await assert.rejects(output.finish(), (error: NodeJS.ErrnoException) => error.code === "ENOENT");
    } finally {
      await output.close();
    }
  });

  test("closing before finishing stops the worker, and later writes fail", async () => {
    const output = parquetOutput({ temp: join(dir, "closed.parquet"), names: NAMES, numeric: NUMERIC }, 2);
    await output.write(batches([10])[0]!);
    await output.close();
    await assert.rejects(output.write(batches([10])[0]!), /stopped/);
  });
});
