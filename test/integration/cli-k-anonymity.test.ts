/**
 * k-anonymity through `modelship validate` as a user runs it (dist/cli.js): the example repository's
 * Adult sample with `k_anonymity` added to its contract. The figures in the JSON report equal
 * pandas' group sizes, the check fails (exit 1) and then passes with a looser `max_share`, no output
 * carries the values of rows alone in their class, and a bad `k` is a user error naming its pointer.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { python } from "../support/python.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
const QIS = ["age", "sex", "race", "native-country"];

interface Figures {
  classes: number;
  classesBelowK: number;
  rowsAtRisk: number;
  smallestClass: number;
}
interface Report {
  checks: {
    id: string;
    status: string;
    kAnonymity?: Figures & { rows: number; hurtsMost?: string; dropped: ({ column: string } & Figures)[] };
  }[];
}

let repo: string;
let contract: string;
before(async () => {
  repo = await mkdtemp(join(tmpdir(), "modelship-kanon-"));
  await cp(EXAMPLE, repo, { recursive: true });
  contract = await readFile(join(repo, "data/contract.yaml"), "utf8");
});
after(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function withKAnonymity(lines: string[]): Promise<void> {
  await writeFile(
    join(repo, "data/contract.yaml"),
    `${contract.trimEnd()}\n\nk_anonymity:\n${lines.map((line) => `  ${line}`).join("\n")}\n`,
  );
}

const oracle = () =>
  python<{ rows: number; full: Figures; dropped: Record<string, Figures>; lone: string[] }>(
    `
import pandas as pd
df = pd.read_csv(data["path"], skipinitialspace=True, na_values=["?", ""], keep_default_na=False)
qis, k = data["qis"], data["k"]
def figures(columns):
    sizes = df.groupby(columns, dropna=False).size()
    small = sizes[sizes < k]
    return {"classes": int(len(sizes)), "classesBelowK": int(len(small)), "rowsAtRisk": int(small.sum()), "smallestClass": int(sizes.min())}
counts = df["native-country"].value_counts()
emit({
    "rows": int(len(df)),
    "full": figures(qis),
    "dropped": {q: figures([c for c in qis if c != q]) for q in qis},
    # Countries with fewer than k rows: each such row is alone or nearly so in its class.
    "lone": sorted(str(v) for v in counts[counts < k].index),
})
`,
    { path: join(repo, "data/train.csv"), qis: QIS, k: 5 },
  );

describe("modelship validate with k_anonymity", () => {
  test("fails with the figures pandas gives, and never prints a rare value", async () => {
    await withKAnonymity([`quasi_identifiers: [${QIS.join(", ")}]`, "k: 5"]);
    const expected = oracle();
    assert.ok(expected.full.rowsAtRisk > 0 && expected.lone.length > 0, "the sample has rows at risk and rare countries");
    const run = runCli(["validate", "data/train.csv", "--report-dir", "reports-k", "--format", "text"], { cwd: repo });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(await readFile(join(repo, "reports-k/validation-report.json"), "utf8")) as Report;
    const check = report.checks.find((candidate) => candidate.id === "dataset.k_anonymity");
    assert.equal(check?.status, "fail");
    const detail = check.kAnonymity!;
    assert.equal(detail.rows, expected.rows);
    const strip = (figures: Figures): Figures => ({
      classes: figures.classes,
      classesBelowK: figures.classesBelowK,
      rowsAtRisk: figures.rowsAtRisk,
      smallestClass: figures.smallestClass,
    });
    assert.deepEqual(strip(detail), expected.full);
    for (const entry of detail.dropped) assert.deepEqual(strip(entry), expected.dropped[entry.column], `without ${entry.column}`);
    const gains = QIS.map((q) => expected.full.rowsAtRisk - expected.dropped[q]!.rowsAtRisk);
    assert.equal(detail.hurtsMost, QIS[gains.indexOf(Math.max(...gains))]);
    assert.match(run.stdout, /dataset k_anonymity: .* smaller than k = 5/);
    assert.match(run.stdout, /without age: [\d,]+ rows at risk/);

    const markdown = await readFile(join(repo, "reports-k/validation-report.md"), "utf8");
    assert.match(markdown, /k-anonymity \(k = 5/);
    const json = await readFile(join(repo, "reports-k/validation-report.json"), "utf8");
    for (const value of expected.lone)
      for (const [name, output] of [
        ["stdout", run.stdout],
        ["markdown", markdown],
        ["json", json],
      ] as const)
        assert.ok(!output.includes(value), `${value} is in the ${name}`);
  });

  test("passes when max_share allows the rows at risk", async () => {
    const expected = oracle();
    await withKAnonymity([
      `quasi_identifiers: [${QIS.join(", ")}]`,
      "k: 5",
      `max_share: ${Math.ceil((expected.full.rowsAtRisk / expected.rows) * 100) / 100}`,
    ]);
    const run = runCli(["validate", "data/train.csv", "--report-dir", "reports-k-pass"], { cwd: repo });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  test("k: 1 is a user error naming the file and pointer, without a stack trace", async () => {
    await withKAnonymity(["quasi_identifiers: [age]", "k: 1"]);
    const run = runCli(["validate", "data/train.csv", "--report-dir", "reports-k-bad"], { cwd: repo });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /contract\.yaml/);
    assert.match(run.stderr, /k must be at least 2/);
    assert.match(run.stderr, /\/k_anonymity\/k/);
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
  });
});
