/**
 * select-best run as the runner runs it (dist/select-best.js) on three run folders made by the real
 * train stage with different parameters: the best by the metric wins, every run is compared, and
 * the comparison is one sticky comment.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../src/common/logger.ts";
import { runTraining } from "../../src/train/run-training.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction } from "../support/runner.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
const REPOSITORY = "octo-org/income-model";
const TOKEN = "ghs_writeTokenForTests000000000000000";

let workspace: string;
let github: FakeGitHub;
const accuracy = new Map<string, number>();

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-select-best-"));
  await cp(EXAMPLE, workspace, { recursive: true });
  // Three sweep entries, as three matrix jobs would train them; download-artifact lays them out as runs/<artifact>/.
  for (const [index, epochs] of ["1", "3", "40"].entries()) {
    const result = await runTraining({
      run: { command: "/usr/bin/python3 train/train.py" },
      outputDir: `runs/model-${index}`,
      cwd: workspace,
      requireGpu: "false",
      data: { train: "data/train.csv" },
      params: { lr: "0.5", epochs },
      logger: new MemoryLogger(),
      toolVersion: "test",
    });
    accuracy.set(`model-${index}`, result.record.metrics.train_accuracy!);
  }
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addToken(TOKEN, "write");
  github.addPullRequest(REPOSITORY, { number: 3 });
});
after(async () => {
  github.assertNoSpecViolations();
  await github.close();
  await rm(workspace, { recursive: true, force: true });
});

const event = {
  name: "pull_request",
  payload: {
    number: 3,
    repository: { full_name: REPOSITORY },
    pull_request: {
      number: 3,
      head: { sha: "1".repeat(40), ref: "f", repo: { full_name: REPOSITORY } },
      base: { sha: "2".repeat(40), ref: "main", repo: { full_name: REPOSITORY } },
    },
  },
};

describe("select-best action", () => {
  test("picks the run with the highest metric, compares all runs, and keeps one sticky comment over re-runs", async () => {
    const expectedBest = [...accuracy.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await runAction({
        action: "actions/select-best",
        cwd: workspace,
        repository: REPOSITORY,
        apiUrl: github.url,
        token: TOKEN,
        event,
        inputs: { metric: "train_accuracy", token: TOKEN },
      });
      assert.equal(run.exitCode, 0, run.stdout + run.stderr);
      assert.equal(run.outputs["best-dir"], join(workspace, "runs", expectedBest));
      assert.equal(run.outputs["best-run"], expectedBest, "the artifact name, for jobs on other runners");
      assert.equal(Number(run.outputs["best-value"]), accuracy.get(expectedBest));
      assert.match(run.summary, /Hyperparameter sweep/);
      for (const name of accuracy.keys()) assert.ok(run.summary.includes(name), `${name} is in the comparison`);
    }
    const comments = github.issueComments(REPOSITORY, 3);
    assert.equal(comments.length, 1);
    assert.match(comments[0]!.body, /🏆/);
  });

  test("min mode picks the lowest loss; an unknown metric is an input error that lists the known ones", async () => {
    const min = await runAction({
      action: "actions/select-best",
      cwd: workspace,
      inputs: { metric: "loss", mode: "min", comment: "false" },
    });
    assert.equal(min.exitCode, 0, min.stdout);
    const losses = await Promise.all(
      [...accuracy.keys()].map(
        async (name) =>
          [
            name,
            (JSON.parse(await readFile(join(workspace, "runs", name, "metrics.json"), "utf8")) as { metrics: { loss: number } }).metrics
              .loss,
          ] as const,
      ),
    );
    assert.equal(min.outputs["best-dir"], join(workspace, "runs", [...losses].sort((a, b) => a[1] - b[1])[0]![0]));
    const unknown = await runAction({ action: "actions/select-best", cwd: workspace, inputs: { metric: "auc", comment: "false" } });
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.annotations[0]?.message ?? "", /"auc".*loss, train_accuracy/s);
  });

  test("a run record that breaks its schema is named", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelship-bad-runs-"));
    try {
      // A record of this format version with its fields missing (a garbled `schema` gets the format-version message instead).
      await writeFile(join(dir, "run-record.json"), JSON.stringify({ schema: "modelship/run-record@1" }));
      const run = await runAction({
        action: "actions/select-best",
        cwd: workspace,
        inputs: { metric: "loss", runs: dir, comment: "false" },
      });
      assert.equal(run.exitCode, 1);
      assert.match(run.annotations[0]?.message ?? "", /run-record\.json.*does not match its schema/s);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
