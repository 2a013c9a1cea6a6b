/**
 * The `modelship` CLI as a user runs it (dist/cli.js in a child process) on the example model
 * repository: exit statuses 0/1/2, flags from env vars, reports on disk, contract infer and diff.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { PLANTED_ERRORS, plantErrors } from "../../scripts/lib/broken-copy.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;

interface ReportExample {
  file: string;
  line: number;
  message: string;
}
interface Report {
  summary: { errors: number; warnings: number };
  checks: { check: string; column?: string; status: string; examples: ReportExample[] }[];
}

let repo: string;
before(async () => {
  repo = await mkdtemp(join(tmpdir(), "modelship-cli-"));
  await cp(EXAMPLE, repo, { recursive: true });
  await writeFile(join(repo, "data/train-broken.csv"), plantErrors(await readFile(join(repo, "data/train.csv"), "utf8")));
});
after(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function readReport(dir: string): Promise<Report> {
  return JSON.parse(await readFile(join(repo, dir, "validation-report.json"), "utf8")) as Report;
}

describe("modelship CLI", () => {
  test("help exits 0 and lists the commands; no command exits 2", () => {
    const help = runCli(["--help"], { cwd: repo });
    assert.equal(help.status, 0);
    for (const command of ["validate", "profile", "contract"]) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, "m"));
    assert.equal(runCli([], { cwd: repo }).status, 2);
  });

  test("an unknown command or flag is a usage error (exit 2) with a hint, not a stack trace", () => {
    const unknown = runCli(["valdiate"], { cwd: repo });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "valdiate"/);
    const badFlag = runCli(["validate", "--contarct", "x.yaml"], { cwd: repo });
    assert.equal(badFlag.status, 2);
    assert.match(badFlag.stderr, /--contarct/);
    assert.ok(!hasStackTrace(badFlag.stderr));
    const badChoice = runCli(["validate", "--fail-on", "sometimes"], { cwd: repo });
    assert.equal(badChoice.status, 2);
    assert.match(badChoice.stderr, /error.*warning.*never/);
  });

  test("validate passes on the example data using modelship.yaml and writes both reports", async () => {
    const run = runCli(["validate", "--report-dir", "reports-pass", "--format", "markdown"], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const report = await readReport("reports-pass");
    assert.equal(report.summary.errors, 0);
    assert.ok(report.checks.length > 20, "every column and dataset check is reported");
    const markdown = await readFile(join(repo, "reports-pass/validation-report.md"), "utf8");
    assert.equal(run.stdout.trim(), markdown.trim(), "with --format markdown, stdout carries the markdown report");
  });

  test("validate fails (exit 1) on the broken copy with an example at every planted line", async () => {
    const run = runCli(["validate", "data/train-broken.csv", "--report-dir", "reports-broken"], { cwd: repo });
    assert.equal(run.status, 1, run.stderr);
    const report = await readReport("reports-broken");
    const failing = report.checks.filter((check) => check.status === "fail");
    const lines = new Set(failing.flatMap((check) => check.examples.map((example) => example.line)));
    assert.deepEqual(
      [...lines].sort((a, b) => a - b),
      PLANTED_ERRORS.map((error) => error.line),
    );
    for (const error of PLANTED_ERRORS) {
      const check = failing.find((candidate) => candidate.examples.some((example) => example.line === error.line));
      assert.equal(check?.column, error.column, `line ${error.line} is reported against column ${error.column}`);
    }
    assert.equal(report.summary.errors, failing.length);
  });

  test("every flag can come from an env var: MODELSHIP_FAIL_ON=never lets the broken copy pass", () => {
    const run = runCli(["validate", "data/train-broken.csv", "--report-dir", "reports-never", "--quiet"], {
      cwd: repo,
      env: { MODELSHIP_FAIL_ON: "never" },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "", "--quiet prints no report");
  });

  test("contract infer drafts a contract that the data it came from satisfies", async () => {
    const infer = runCli(["contract", "infer", "data/train.csv", "--target", "Y", "--output", "inferred.yaml"], { cwd: repo });
    assert.equal(infer.status, 0, infer.stderr);
    const again = runCli(["contract", "infer", "data/train.csv", "--output", "inferred.yaml"], { cwd: repo });
    assert.equal(again.status, 2, "an existing contract is never overwritten without --force");
    const validate = runCli(["validate", "data/train.csv", "--contract", "inferred.yaml", "--report-dir", "reports-inferred"], {
      cwd: repo,
    });
    assert.equal(validate.status, 0, validate.stdout);
    const inferred = await readFile(join(repo, "inferred.yaml"), "utf8");
    assert.match(inferred, /name: Y\n(\s+.*\n)*?\s+role: target/);
  });

  test("contract diff classifies a removed column and a narrowed range as breaking, a new enum value as not", async () => {
    const contract = await readFile(join(repo, "data/contract.yaml"), "utf8");
    const next = contract
      .replace("    max: 100\n", "    max: 90\n")
      .replace("enum: [Female, Male]", "enum: [Female, Male, Non-binary]")
      .replace(/ {2}- name: fnlwgt\n( {4}.*\n)+/, "");
    await writeFile(join(repo, "data/contract-next.yaml"), next);
    const json = runCli(["contract", "diff", "data/contract.yaml", "data/contract-next.yaml", "--json"], { cwd: repo });
    assert.equal(json.status, 0, json.stderr);
    const diff = JSON.parse(json.stdout) as { breaking: boolean; changes: { column?: string; breaking: boolean }[] };
    assert.equal(diff.breaking, true);
    const byColumn = (column: string) => diff.changes.filter((change) => change.column === column);
    assert.ok(
      byColumn("fnlwgt").some((change) => change.breaking),
      "removing fnlwgt is breaking",
    );
    assert.ok(
      byColumn("age").some((change) => change.breaking),
      "lowering age's max is breaking",
    );
    assert.ok(byColumn("sex").length > 0 && byColumn("sex").every((change) => !change.breaking), "adding an enum value is not breaking");
    const gate = runCli(["contract", "diff", "data/contract.yaml", "data/contract-next.yaml", "--fail-on-breaking"], { cwd: repo });
    assert.equal(gate.status, 1);
  });

  test("train runs the command, takes data paths from modelship.yaml, and writes the model and run record (Debian's python3 with numpy and onnx)", async () => {
    const run = runCli(
      ["train", "--command", "/usr/bin/python3 train/train.py", "--output", "out/model", "--param", "epochs=5", "--json"],
      { cwd: repo },
    );
    assert.equal(run.status, 0, run.stderr);
    const record = JSON.parse(run.stdout) as {
      params: Record<string, string>;
      history: unknown[];
      data: { files: { path: string }[] };
      model: { file: { sha256: string } };
    };
    assert.equal(record.history.length, 5);
    assert.deepEqual(
      record.data.files.map((file) => file.path),
      ["data/train.csv", "data/test.csv"],
    );
    const onDisk = JSON.parse(await readFile(join(repo, "out/model/run-record.json"), "utf8")) as typeof record;
    assert.equal(onDisk.model.file.sha256, record.model.file.sha256);
    const none = runCli(["train", "--config", "no-such.yaml"], { cwd: repo });
    assert.equal(none.status, 2);
  });
});
