/**
 * The evaluate action (composite) run step by step the way the runner runs it, against the GitHub
 * fake: setup-node and the cache are stood in for, everything else runs for real — the cache key
 * step, the install step (in this development checkout it keeps the checkout's node_modules),
 * dist/evaluate.js with onnxruntime on a model our trainer made. One sticky comment however often
 * it re-runs; one annotation per gate that did not pass; fail-on decides the exit status.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { runCompositeAction, type StandIn } from "../support/composite.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { parseStickyMarker } from "../../src/github/sticky-comment.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;
const REPOSITORY = "octo-org/octo-model";
const TOKEN = "ghs_evaluateWriteToken00000000000000000";

let workspace: string;
let github: FakeGitHub;
let cacheHit = "false";

const standIns: Record<string, StandIn> = {
  "actions/setup-node": () => ({ path: [dirname(process.execPath)] }),
  "actions/cache": (step) => {
    assert.match(
      step.with.key ?? "",
      /^modelship-npm-Linux-X64-v24\.[\d.]+-[0-9a-f]{16}$/,
      "the cache key names the OS, Node and the lockfile's hash",
    );
    // npm's download cache (checked against the lockfile's integrity hashes by npm ci), never a node_modules.
    assert.ok(step.with.path !== undefined && step.with.path !== "", "a cache path");
    assert.doesNotMatch(step.with.path, /node_modules/);
    return { outputs: { "cache-hit": cacheHit } };
  },
};

function prEvent(number: number) {
  return {
    name: "pull_request",
    payload: {
      number,
      repository: { full_name: REPOSITORY },
      pull_request: {
        number,
        head: { sha: "a".repeat(40), repo: { full_name: REPOSITORY } },
        base: { sha: "b".repeat(40), repo: { full_name: REPOSITORY } },
      },
    },
  };
}

before(async () => {
  workspace = join(await mkdtemp(join(tmpdir(), "modelship-evaluate-action-")), "repo");
  await cp(EXAMPLE, workspace, { recursive: true });
  const trained = spawnSync(process.execPath, [CLI, "train", "--train-config", "train/train.yaml", "--output", ".modelship/model"], {
    cwd: workspace,
    encoding: "utf8",
  });
  assert.equal(trained.status, 0, trained.stderr);
});
after(async () => {
  await rm(dirname(workspace), { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addToken(TOKEN, "write");
  github.addPullRequest(REPOSITORY, { number: 7 });
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

function evaluate(inputs: Record<string, string> = {}) {
  return runCompositeAction({
    action: "actions/evaluate",
    cwd: workspace,
    inputs: { resamples: "200", ...inputs },
    repository: REPOSITORY,
    event: prEvent(7),
    apiUrl: github.url,
    token: TOKEN,
    standIns,
  });
}

describe("evaluate action (composite)", () => {
  test("gates the trained Adult model: fails on fairness, one annotation per gate not passed, one sticky comment after re-runs", async () => {
    const first = await evaluate();
    assert.equal(first.exitCode, 1, first.steps.map((step) => `${step.name}: ${step.outcome}\n${step.stdout}${step.stderr}`).join("\n"));
    assert.deepEqual(
      first.steps.map((step) => step.outcome),
      ["stood-in", "success", "stood-in", "success", "failure"],
    );
    const report = JSON.parse(await readFile(join(workspace, ".modelship/evaluation/gate-report.json"), "utf8")) as {
      verdict: string;
      gates: { id: string; status: string }[];
      fairness: { grouping: string }[];
    };
    assert.equal(report.verdict, "fail");
    assert.deepEqual(
      report.fairness.map((section) => section.grouping),
      ["sex", "race", "age", "sex & race"],
      "fairness on sex and race, binned age and the intersection",
    );
    const notPassed = report.gates.filter((gate) => gate.status !== "pass");
    const gateAnnotations = first.annotations.filter((annotation) => annotation.properties?.title?.startsWith("modelship gate:"));
    assert.equal(gateAnnotations.length, notPassed.length, "one annotation per gate that did not pass");
    assert.deepEqual(
      gateAnnotations
        .filter((annotation) => annotation.level === "error")
        .map((annotation) => annotation.properties?.title)
        .sort(),
      notPassed
        .filter((gate) => gate.status === "fail")
        .map((gate) => `modelship gate: ${gate.id}`)
        .sort(),
    );
    assert.match(first.summary, /### ❌ `adult-income` fails \d+ of \d+ gates/);
    assert.match(first.summary, /xychart-beta[\s\S]*Selection rate by sex/);

    const second = await evaluate();
    assert.equal(second.exitCode, 1);
    const comments = github.issueComments(REPOSITORY, 7);
    assert.equal(comments.length, 1, "re-runs edit the one sticky comment");
    assert.deepEqual(parseStickyMarker(comments[0]!.body), { workflow: "model", subject: "evaluate:adult-income" });
    assert.match(comments[0]!.body, /fails \d+ of \d+ gates/);
    assert.match(comments[0]!.body, /Fairness by `sex`/);
  });

  test("fail-on: never passes the step with the verdict still fail; a cache hit still runs the install step", async () => {
    cacheHit = "true";
    try {
      const run = await evaluate({ "fail-on": "never", comment: "false" });
      assert.equal(run.exitCode, 0, run.steps.map((step) => `${step.name}: ${step.outcome}\n${step.stdout}${step.stderr}`).join("\n"));
      assert.deepEqual(
        run.steps.map((step) => step.outcome),
        ["stood-in", "success", "stood-in", "success", "success"],
      );
      // This is a development checkout (.git and its own node_modules): kept; on a runner npm ci installs.
      assert.match(run.steps[3]!.stdout, /development checkout of modelship/);
      assert.equal(run.outputs.verdict, "fail");
      assert.equal(run.outputs.passed, "true");
      assert.equal(run.outputs["report-path"], ".modelship/evaluation/gate-report.json");
      // The output is the report's point values, as written (the values themselves are checked against sklearn in evaluate.test.ts).
      const report = JSON.parse(await readFile(join(workspace, run.outputs["report-path"]), "utf8")) as {
        metrics: Record<string, { value: number | null }>;
      };
      assert.deepEqual(
        JSON.parse(run.outputs.metrics!),
        Object.fromEntries(Object.entries(report.metrics).map(([name, estimate]) => [name, estimate.value])),
      );
      assert.equal(github.issueComments(REPOSITORY, 7).length, 0, "comment: false posts nothing");
    } finally {
      cacheHit = "false";
    }
  });

  test("a missing model fails the step with one clear error, no stack trace", async () => {
    const run = await evaluate({ model: "nowhere/model.onnx" });
    assert.equal(run.exitCode, 1);
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /nowhere\/model\.onnx: model file not found/);
    assert.doesNotMatch(run.steps.at(-1)!.stdout + run.steps.at(-1)!.stderr, /\n\s+at .*\.(js|ts):\d+/);
  });
});
