/**
 * bench/summary.ts: the one table `npm run bench` ends with, and the generated block of
 * docs/performance.md. Results are fixture files written here; the expected text is written out by
 * hand, so formatting changes show up as a diff, and the same inputs must give the same bytes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { BEGIN, END, formatNumber, readResults, renderSummary, replaceBlock, type Machine } from "../../../bench/summary.ts";

const ROOT = join(import.meta.dirname, "../../..");
const MACHINE: Machine = { cpu: "AMD EPYC 7B13", cores: 2, memoryGiB: 7.75, node: "v24.11.0" };

// What the benches would write (bench/results.ts's format), in an order the summary must not keep.
const FIXTURE: Record<string, unknown> = {
  "validate.json": {
    name: "validate",
    date: "2026-12-07T03:10:00.000Z",
    figures: [
      {
        workload: "validate, 1M Adult rows",
        unit: "s",
        ours: 1.234,
        peer: 6.25,
        peerName: "pandas read_csv + checks",
        ratio: 5.0648,
        goal: "ratio ≥ 3",
        met: true,
      },
      { workload: "validate peak RSS", unit: "MiB", ours: 150, peer: 404, peerName: "pandas", ratio: 2.6933, goal: "ratio ≥ 2", met: true },
    ],
    notes: ["byte-scan limit 1.02 GB/s | one core"],
  },
  "train.json": {
    name: "train",
    date: "2026-12-07T02:58:00.000Z",
    figures: [
      {
        workload: "built-in trainer, MLP 32-16 on Adult",
        unit: "rows/s",
        ours: 251234.6,
        peer: 310000,
        peerName: "scikit-learn MLPClassifier (2 threads, OpenBLAS)",
        ratio: 0.81043,
        goal: "ratio ≥ 1.0",
        met: false,
      },
    ],
    notes: [],
  },
  "startup.json": {
    name: "startup",
    date: "2026-12-08T00:01:00.000Z",
    figures: [{ workload: "modelship --version cold start", unit: "ms", ours: 98.76, goal: "< 150 ms", met: true }],
    notes: [],
  },
  "zeta.json": { name: "zeta", date: "2026-12-07T03:00:00.000Z", figures: [{ workload: "extra", unit: "", ours: 0.000012 }], notes: [] },
  "broken.json": "{ not json",
  "wrong.json": { name: "wrong", date: "2026-12-07T03:00:00.000Z", figures: [{ workload: "no unit", ours: 1 }] },
  "README.txt": "not a result",
};

// drift and evaluate did not run: their rows say so, with the command that runs them.
const EXPECTED = `Measured by \`npm run bench\` on 2026-12-07 to 2026-12-08: AMD EPYC 7B13, 2 cores, 7.75 GiB memory, Node v24.11.0.

| workload | ours | peer | ratio | goal | met |
| --- | ---: | ---: | ---: | --- | :---: |
| train: built-in trainer, MLP 32-16 on Adult | 251,235 rows/s | 310,000 rows/s (scikit-learn MLPClassifier (2 threads, OpenBLAS)) | 0.81× | ratio ≥ 1.0 | **no** |
| validate: validate, 1M Adult rows | 1.23 s | 6.25 s (pandas read_csv + checks) | 5.06× | ratio ≥ 3 | yes |
| validate: validate peak RSS | 150 MiB | 404 MiB (pandas) | 2.69× | ratio ≥ 2 | yes |
| startup: modelship --version cold start | 98.8 ms | — | — | < 150 ms | yes |
| zeta: extra | 0.000012 | — | — | — | — |
| drift: not run (\`npm run bench:drift\`) | — | — | — | — | — |
| evaluate: not run (\`npm run bench:evaluate\`) | — | — | — | — | — |

Goals met: 3 of 4; 2 benches not run.

- validate: byte-scan limit 1.02 GB/s \\| one core
`;

let dir = "";
let results = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-bench-summary-"));
  results = join(dir, "results");
  await mkdir(results);
  for (const [file, content] of Object.entries(FIXTURE))
    await writeFile(join(results, file), typeof content === "string" ? content : JSON.stringify(content));
});
after(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("bench summary", () => {
  test("numbers: thousands commas from 1,000, else 3 significant digits, no locale", () => {
    assert.equal(formatNumber(1234567.5), "1,234,568");
    assert.equal(formatNumber(-4321), "-4,321");
    assert.equal(formatNumber(999.96), "1,000");
    assert.equal(formatNumber(0.000012), "0.000012");
    assert.equal(formatNumber(1.5e-7), "1.50e-7");
    assert.equal(formatNumber(310), "310");
    assert.equal(formatNumber(2.5), "2.5");
    assert.equal(formatNumber(1.0), "1");
    assert.equal(formatNumber(0.81043), "0.81");
    assert.equal(formatNumber(0.123456), "0.123");
    assert.equal(formatNumber(0), "0");
  });

  test("reads the results in the issue's order, then others by name, and reports the files it cannot read", async () => {
    const { results: read, problems } = await readResults(results);
    assert.deepEqual(
      read.map((result) => result.name),
      ["train", "validate", "startup", "zeta"],
    );
    assert.deepEqual(
      problems.map((problem) => problem.file),
      ["broken.json", "wrong.json"],
    );
    assert.match(problems[0]!.problem, /^not JSON/);
  });

  test("renders one table with the machine and the dates, the same bytes every time", async () => {
    const { results: read } = await readResults(results);
    assert.equal(renderSummary(read, MACHINE), EXPECTED);
    const again = await readResults(results);
    assert.equal(renderSummary(again.results, MACHINE), renderSummary(read, MACHINE));
  });

  test("with no results, says so and lists every bench as not run", () => {
    assert.equal(
      renderSummary([], MACHINE).split("\n").slice(0, 5).join("\n"),
      "No bench results yet on this machine (AMD EPYC 7B13, 2 cores, 7.75 GiB memory, Node v24.11.0).\n\n| workload | ours | peer | ratio | goal | met |\n| --- | ---: | ---: | ---: | --- | :---: |\n| train: not run (`npm run bench:train`) | — | — | — | — | — |",
    );
    assert.equal(renderSummary([], MACHINE).match(/: not run \(/g)?.length, 5);
    assert.match(renderSummary([], MACHINE), /\nGoals met: 0 of 0; 5 benches not run\.\n$/);
  });

  test("replaces only the block between the markers, and again gives the same text", () => {
    const docs = `# Performance\n\nProse before.\n\n${BEGIN}\nold figures\n${END}\n\nProse after.\n`;
    const once = replaceBlock(docs, "| new |\n");
    assert.equal(
      once,
      `# Performance\n\nProse before.\n\n${BEGIN}\n<!-- Generated by bench/summary.ts from one \`npm run bench\`; edit the prose outside these markers. -->\n\n| new |\n\n${END}\n\nProse after.\n`,
    );
    assert.equal(replaceBlock(once, "| new |\n"), once);
  });

  test("refuses a page without exactly one pair of markers in order", () => {
    for (const docs of ["no markers", `${END}\n${BEGIN}\n`, `${BEGIN}\n${BEGIN}\n${END}\n`, `${BEGIN}\nonly begin`])
      assert.throws(() => replaceBlock(docs, "x", "docs/performance.md"), /docs\/performance\.md: needs one <!-- bench:begin --> line/);
  });

  test("docs/performance.md has exactly one generated block", async () => {
    const docs = await readFile(join(ROOT, "docs/performance.md"), "utf8");
    assert.doesNotThrow(() => replaceBlock(docs, "x"));
  });

  test("--write-docs writes the page atomically from complete results, and refuses incomplete ones", async () => {
    const page = join(dir, "performance.md");
    const before = `# P\n\n${BEGIN}\nold\n${END}\n`;
    await writeFile(page, before);
    const partial = spawnSync(process.execPath, [join(ROOT, "bench/summary.ts"), "--results", results, "--write-docs", "--docs", page], {
      encoding: "utf8",
    });
    assert.equal(partial.status, 1);
    assert.match(
      partial.stderr,
      /not written: no drift results \(npm run bench:drift\); no evaluate results \(npm run bench:evaluate\); broken\.json unreadable; wrong\.json unreadable/,
    );
    assert.match(
      partial.stdout,
      /\| train: built-in trainer, MLP 32-16 on Adult \| 251,235 rows\/s \|/,
      "the table is printed all the same",
    );
    assert.equal(await readFile(page, "utf8"), before, "the page is left alone");

    const complete = join(dir, "complete");
    await mkdir(complete);
    for (const name of ["train", "drift", "validate", "evaluate", "startup"])
      await writeFile(
        join(complete, `${name}.json`),
        JSON.stringify({
          name,
          date: "2026-12-07T03:00:00.000Z",
          figures: [{ workload: `${name} figure`, unit: "s", ours: 2, peer: 4, ratio: 2, goal: "ratio ≥ 1", met: true }],
          notes: [],
        }),
      );
    const stale = join(dir, "stale");
    await mkdir(stale);
    for (const name of ["train", "drift", "validate", "evaluate", "startup"])
      await writeFile(
        join(stale, `${name}.json`),
        JSON.stringify({ name, date: name === "drift" ? "2026-12-05T03:00:00.000Z" : "2026-12-07T03:00:00.000Z", figures: [], notes: [] }),
      );
    const mixed = spawnSync(process.execPath, [join(ROOT, "bench/summary.ts"), "--results", stale, "--write-docs", "--docs", page], {
      encoding: "utf8",
    });
    assert.equal(mixed.status, 1);
    assert.match(mixed.stderr, /not written: the results span 48 hours, more than one run \(npm run bench runs them all\)/);
    assert.equal(await readFile(page, "utf8"), before, "the page is left alone");

    const written = spawnSync(process.execPath, [join(ROOT, "bench/summary.ts"), "--results", complete, "--write-docs", "--docs", page], {
      encoding: "utf8",
    });
    assert.equal(written.status, 0, written.stderr);
    const text = await readFile(page, "utf8");
    assert.ok(text.startsWith(`# P\n\n${BEGIN}\n`) && text.endsWith(`${END}\n`), text);
    assert.match(text, /on 2026-12-07: .+, \d+ cores, [\d.]+ GiB memory, Node v\d+/);
    assert.match(text, /\| evaluate: evaluate figure \| 2 s \| 4 s \| 2× \| ratio ≥ 1 \| yes \|/);
    assert.match(text, /\nGoals met: 5 of 5\.\n/);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.endsWith(".tmp")),
      [],
      "no temporary file left",
    );
  });
});
