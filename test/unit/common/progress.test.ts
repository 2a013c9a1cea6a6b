/**
 * Progress: the label (rate and ETA, from numbers derived here), where the bar draws (a TTY outside
 * CI only), and the domain hooks (rows read, bootstrap resamples) reaching a run's sink and nothing
 * outside one.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { reportProgress, withProgress, type ProgressEvent } from "../../../src/common/progress.ts";
import { ProgressBar, progressLabel } from "../../../src/common/progress-bar.ts";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { bootstrap } from "../../../src/evaluate/bootstrap.ts";

function stream(isTTY: boolean): { isTTY: boolean; columns: number; written: string[]; write(text: string): boolean } {
  const written: string[] = [];
  return {
    isTTY,
    columns: 100,
    written,
    write(text) {
      written.push(text);
      return true;
    },
  };
}

describe("progressLabel", () => {
  it("says rows, rows/s and the ETA", () => {
    // 120,000 of 240,000 rows in 2.5 s: 48,000 rows/s; the other 120,000 take 2.5 s, shown rounded up.
    assert.equal(
      progressLabel({ task: "reading data/train.csv", done: 120_000, total: 240_000, unit: "rows" }, 2.5),
      "reading data/train.csv: 120,000 rows of 240,000 rows, 48,000 rows/s, ETA 3 s",
    );
    // Without a total: no ETA. 1,000 resamples in 4 s: 250/s.
    assert.equal(progressLabel({ task: "bootstrap", done: 1000, unit: "resamples" }, 4), "bootstrap: 1,000 resamples, 250 resamples/s");
    // 500 of 2,000 in 10 s: 50/s, 1,500 left: 30 s. 100 of 10,000 in 10 s: 10/s, 9,900 left: 990 s = 16 min 30 s.
    // 100 of 100,000 in 10 s: 99,900 left at 10/s: 9,990 s = 2 h 46 min (30 s not shown).
    assert.equal(
      progressLabel({ task: "b", done: 500, total: 2000, unit: "resamples" }, 10),
      "b: 500 resamples of 2,000 resamples, 50 resamples/s, ETA 30 s",
    );
    assert.match(progressLabel({ task: "b", done: 100, total: 10_000, unit: "r" }, 10), /, ETA 16 min 30 s$/);
    assert.match(progressLabel({ task: "b", done: 100, total: 100_000, unit: "r" }, 10), /, ETA 2 h 46 min$/);
    // Bytes in binary units: 3 MiB of 12 MiB in 1 s, 9 MiB left at 3 MiB/s: 3 s.
    assert.equal(
      progressLabel({ task: "downloading x", done: 3 * 1024 ** 2, total: 12 * 1024 ** 2, unit: "bytes" }, 1),
      "downloading x: 3.0 MiB of 12.0 MiB, 3.0 MiB/s, ETA 3 s",
    );
    // The first event (no time elapsed): the count alone.
    assert.equal(progressLabel({ task: "t", done: 5, unit: "rows" }, 0), "t: 5 rows");
  });
});

describe("ProgressBar.show", () => {
  const event: ProgressEvent = { task: "reading a.csv", done: 10, total: 40, unit: "rows" };

  it("draws on a TTY: a bar with the percentage, redrawn in place", () => {
    const tty = stream(true);
    new ProgressBar(tty, {}).show(event);
    assert.equal(tty.written.length, 1);
    const drawn = tty.written[0]!;
    assert.ok(drawn.startsWith("\r[") && drawn.endsWith("\u001b[K"), JSON.stringify(drawn));
    assert.match(drawn, /\] {2}25% reading a\.csv: 10 rows of 40 rows/);
  });

  it("draws nothing off a TTY, in CI, on GitHub Actions, or muted (-q)", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: "true" }],
      [true, { GITHUB_ACTIONS: "true" }],
    ] as const) {
      const target = stream(isTTY);
      const bar = new ProgressBar(target, env);
      bar.show(event);
      assert.equal(bar.enabled, false);
      assert.deepEqual(target.written, []);
    }
    const tty = stream(true);
    const bar = new ProgressBar(tty, {});
    bar.mute();
    bar.show(event);
    assert.deepEqual(tty.written, []);
  });

  it("without a total, the label alone; clear() erases the line", () => {
    const tty = stream(true);
    const bar = new ProgressBar(tty, {});
    bar.show({ task: "reading b.csv", done: 8192, unit: "rows" });
    bar.clear();
    assert.deepEqual(tty.written, ["\rreading b.csv: 8,192 rows\u001b[K", "\r\u001b[K"]);
  });
});

describe("progress hooks in the domain", () => {
  it("reach the run's sink inside withProgress, and nothing outside", () => {
    const seen: ProgressEvent[] = [];
    reportProgress({ task: "outside", done: 1, unit: "x" });
    withProgress(
      (event) => seen.push(event),
      () => {
        reportProgress({ task: "inside", done: 1, unit: "x" });
      },
    );
    assert.deepEqual(seen, [{ task: "inside", done: 1, unit: "x" }]);
  });

  it("reading a table reports the rows read after each batch", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelship-progress-"));
    try {
      const path = join(dir, "rows.csv");
      // 25 rows in batches of 10: 10, 20, 25.
      await writeFile(path, `a,b\n${Array.from({ length: 25 }, (_, i) => `${i},${i * 2}`).join("\n")}\n`);
      const seen: ProgressEvent[] = [];
      let rows = 0;
      await withProgress(
        (event) => seen.push(event),
        async () => {
          const table = await openTable(path, { batchSize: 10 });
          for await (const batch of table.batches()) rows += batch.length;
          assert.equal(table.digest()?.bytes !== undefined, true, "the wrapped source still gives its digest");
        },
      );
      assert.equal(rows, 25);
      assert.deepEqual(
        seen.map((event) => [event.task, event.done, event.unit]),
        [
          [`reading ${path}`, 10, "rows"],
          [`reading ${path}`, 20, "rows"],
          [`reading ${path}`, 25, "rows"],
        ],
      );
      // Outside a run with a sink, the source is the reader's own (nothing wrapped).
      const plain = await openTable(path, { batchSize: 10 });
      assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the bootstrap reports each resample of its total", () => {
    const seen: ProgressEvent[] = [];
    withProgress(
      (event) => seen.push(event),
      () => bootstrap({ rows: 10, resamples: 4, seed: 1, statistic: (weights) => [weights[0]!] }),
    );
    assert.deepEqual(
      seen.map((event) => `${event.task} ${event.done}/${event.total} ${event.unit}`),
      ["bootstrap 1/4 resamples", "bootstrap 2/4 resamples", "bootstrap 3/4 resamples", "bootstrap 4/4 resamples"],
    );
  });
});
