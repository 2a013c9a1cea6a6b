/**
 * The drift action (dist/drift.js) run as the runner runs it, against the GitHub fake: drift opens
 * one issue, a re-run of the same workflow run adds nothing, a clean check closes it; a sharded
 * check (shard-output, then current-profiles) decides as the whole does; bad input fails the step
 * with a message naming the file and the fix.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction, type ActionRun } from "../support/runner.ts";
import { runCli } from "../support/cli.ts";

const REPOSITORY = "octo-org/octo-model";
const TOKEN = "ghs_driftIssueWriteToken00000000000000000";

const CONTRACT = `name: drift-test
columns:
  - { name: age, type: integer, role: feature }
  - { name: income, type: number, role: feature }
  - { name: city, type: categorical, role: feature }
  - { name: label, type: categorical, role: target }
`;

const CONFIG = `version: 1
model: drift-model
data:
  contract: contract.yaml
drift:
  reference: reference.json
  environment: production
`;

/** Rows of the test population: `older` shifts age and income up and changes the city mix. */
function rows(count: number, seed: number, older = false): string {
  const random = mulberry32(seed);
  const lines = ["age,income,city,label"];
  const cities = older ? ["north", "north", "south", "east"] : ["north", "south", "east", "west"];
  for (let i = 0; i < count; i++) {
    const age = Math.floor(20 + random() * 40 + (older ? 15 : 0));
    const income = (30 + random() * 50 + (older ? 25 : 0)).toFixed(2);
    lines.push(`${age},${income},${cities[Math.floor(random() * cities.length)]},${random() < 0.3 ? "yes" : "no"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Deep equality where numbers may differ by floating-point rounding (1e-12 relative). */
function assertClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === "number" && typeof expected === "number") {
    assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${path}: ${actual} vs ${expected}`);
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${path}: length`);
    actual.forEach((item, i) => {
      assertClose(item, expected[i], `${path}/${i}`);
    });
  } else if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null) {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const [key, value] of Object.entries(actual)) assertClose(value, (expected as Record<string, unknown>)[key], `${path}/${key}`);
  } else {
    assert.equal(actual, expected, path);
  }
}

let github: FakeGitHub;
let workspace: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-drift-action-"));
  await writeFile(join(workspace, "contract.yaml"), CONTRACT);
  await writeFile(join(workspace, "modelship.yaml"), CONFIG);
  await writeFile(join(workspace, "train.csv"), rows(3000, 1));
  await writeFile(join(workspace, "clean.csv"), rows(1500, 2));
  await writeFile(join(workspace, "shifted.csv"), rows(1500, 3, true));
  await writeFile(join(workspace, "shifted-a.csv"), rows(700, 4, true));
  await writeFile(join(workspace, "shifted-b.csv"), rows(800, 5, true));
  await writeFile(join(workspace, "no-city.csv"), "age,income,label\n30,40,no\n");
  // No GitHub call here: the synchronous runCli is safe beside the in-process fake.
  const profiled = runCli(["profile", "train.csv", "--contract", "contract.yaml", "--output", "reference.json"], { cwd: workspace });
  assert.equal(profiled.status, 0, profiled.stderr);
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addToken(TOKEN, "write");
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

async function drift(inputs: Record<string, string>, runId = "100"): Promise<ActionRun> {
  return runAction({
    action: "actions/drift",
    cwd: workspace,
    repository: REPOSITORY,
    apiUrl: github.url,
    token: TOKEN,
    event: { name: "schedule", payload: { schedule: "0 6 * * *" } },
    inputs,
    // The URL test's server is on loopback, which downloads reach only when allowed.
    env: { MODELSHIP_RETRY_BASE_MS: "1", GITHUB_RUN_ID: runId, MODELSHIP_ALLOW_INTERNAL: "127.0.0.1" },
  });
}

describe("drift action", () => {
  test("drift opens one issue; a re-run of the same run adds nothing; a clean check closes it", async () => {
    const first = await drift({ current: "shifted.csv" }, "100");
    assert.equal(first.exitCode, 0, first.stdout + first.stderr);
    assert.equal(first.outputs.status, "drift");
    assert.equal(first.outputs.drifted, "true");
    assert.deepEqual(JSON.parse(first.outputs["drifted-columns"]!), ["age", "income", "city"]);
    assert.match(first.summary, /Drift detected/);
    let issues = github.issues(REPOSITORY);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.state, "open");
    assert.equal(first.outputs["issue-number"], String(issues[0]!.number));
    const comments = github.issueComments(REPOSITORY, issues[0]!.number).length;

    const rerun = await drift({ current: "shifted.csv" }, "100");
    assert.equal(rerun.exitCode, 0, rerun.stdout);
    assert.equal(github.issues(REPOSITORY).length, 1);
    assert.equal(github.issueComments(REPOSITORY, issues[0]!.number).length, comments, "a re-run of the same workflow run adds no comment");

    const clean = await drift({ current: "clean.csv" }, "101");
    assert.equal(clean.exitCode, 0, clean.stdout);
    assert.equal(clean.outputs.status, "ok");
    issues = github.issues(REPOSITORY);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.state, "closed");
    const report = JSON.parse(await readFile(join(workspace, clean.outputs["report-path"]!), "utf8")) as {
      status: string;
      columns: { name: string; status: string }[];
    };
    assert.equal(report.status, "ok");
  });

  test("fail-on drift fails the step but still reports", async () => {
    const run = await drift({ current: "shifted.csv", "fail-on": "drift", issue: "false" });
    assert.notEqual(run.exitCode, 0);
    assert.equal(run.outputs.status, "drift");
    assert.equal(github.issues(REPOSITORY).length, 0, "issue: false opens none");
  });

  test("sharded: two shard profiles merged decide as one check of the same rows", async () => {
    const a = await drift({ current: "shifted-a.csv", "shard-output": "shards/a.json", issue: "false" });
    const b = await drift({ current: "shifted-b.csv", "shard-output": "shards/b.json", issue: "false" });
    assert.equal(a.exitCode, 0, a.stdout);
    assert.equal(b.exitCode, 0, b.stdout);
    assert.equal(a.outputs["shard-path"], "shards/a.json");
    const merged = await drift({ "current-profiles": "shards/*.json", issue: "false", "report-dir": "merged" });
    assert.equal(merged.exitCode, 0, merged.stdout);
    await writeFile(
      join(workspace, "shifted-ab.csv"),
      (await readFile(join(workspace, "shifted-a.csv"), "utf8")) +
        (await readFile(join(workspace, "shifted-b.csv"), "utf8")).split("\n").slice(1).join("\n"),
    );
    const whole = await drift({ current: "shifted-ab.csv", issue: "false", "report-dir": "whole" });
    const read = async (dir: string) =>
      JSON.parse(await readFile(join(workspace, dir, "drift-report.json"), "utf8")) as {
        status: string;
        share: number;
        current: { rows: number };
        columns: unknown[];
      };
    const [m, w] = [await read("merged"), await read("whole")];
    assert.equal(m.current.rows, 1500);
    assert.equal(m.status, w.status);
    assert.equal(m.share, w.share);
    // Counts, bins and exact value counts merge exactly; means merge by Chan's formula, equal to rounding.
    assertClose(m.columns, w.columns, "columns");
    assert.equal(whole.outputs.status, merged.outputs.status);
  });

  test("a current file without a required column fails with the file and the fix", async () => {
    const run = await drift({ current: "no-city.csv", issue: "false" });
    assert.notEqual(run.exitCode, 0);
    const error = run.commands.find((command) => command.command === "error");
    assert.ok(error, run.stdout);
    assert.match(error.message, /required column "city" is not in the data/);
    assert.match(error.message, /no-city\.csv/);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, "no stack trace");
  });

  test("a profile of another contract is refused (schema hash)", async () => {
    await writeFile(
      join(workspace, "other-contract.yaml"),
      CONTRACT.replace("{ name: income, type: number", "{ name: income, type: integer"),
    );
    const profiled = runCli(["profile", "clean.csv", "--contract", "other-contract.yaml", "--output", "shards-other/x.json"], {
      cwd: workspace,
    });
    assert.equal(profiled.status, 0, profiled.stderr);
    const run = await drift({ "current-profiles": "shards-other/x.json", issue: "false" });
    assert.notEqual(run.exitCode, 0);
    assert.match(run.commands.find((command) => command.command === "error")!.message, /another schema/);
  });

  test("an unreachable URL is retried with backoff, then fails naming it", async () => {
    const server: Server = createServer((_request, response) => {
      response.statusCode = 503;
      response.end("down");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const port = (server.address() as { port: number }).port;
    try {
      const run = await drift({
        "current-url": `http://127.0.0.1:${port}/logs.csv?token=secret123`,
        "current-url-header": "Authorization: Bearer hunter2",
        issue: "false",
      });
      assert.notEqual(run.exitCode, 0);
      const message = run.commands.find((command) => command.command === "error")!.message;
      assert.match(message, /could not download http:\/\/127\.0\.0\.1:\d+\/logs\.csv after 5 attempts/);
      const shown = run.stdout
        .split("\n")
        .filter((line) => !line.startsWith("::add-mask::"))
        .join("\n");
      assert.doesNotMatch(shown, /secret123|hunter2/, "neither the query nor the header leaks");
      assert.ok(run.secretsMasked.includes("Bearer hunter2"), "the header value is masked");
    } finally {
      server.close();
    }
  });
});
