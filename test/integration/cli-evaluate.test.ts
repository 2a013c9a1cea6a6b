/**
 * `modelship evaluate` as a user runs it (dist/cli.js in a child process) on the example repository,
 * with the model the example's own Python script trains (one [N, 2] tensor input, a bare probability
 * out): exit status by verdict and --fail-on, JSON on stdout, and usage errors without stack traces.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { GateReport } from "../../src/gates/gate-report-types.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
let repo: string;

before(async () => {
  repo = join(await mkdtemp(join(tmpdir(), "modelship-cli-evaluate-")), "repo");
  await cp(EXAMPLE, repo, { recursive: true });
  const trained = runCli(["train", "--command", "/usr/bin/python3 train/train.py", "--output", ".modelship/script-model"], { cwd: repo });
  assert.equal(trained.status, 0, trained.stderr);
});
after(async () => {
  await rm(dirname(repo), { recursive: true, force: true });
});

const MODEL = ["--model", ".modelship/script-model/model.onnx", "--feature", "age", "--feature", "hours-per-week", "--resamples", "200"];

describe("modelship evaluate", () => {
  test("a tensor-input model needs its feature order; with it, the gates decide the exit status", () => {
    const without = runCli(["evaluate", "--model", ".modelship/script-model/model.onnx"], { cwd: repo });
    assert.equal(without.status, 2);
    assert.match(without.stderr, /features/);
    assert.ok(!hasStackTrace(without.stderr));

    // The example policy wants ROC AUC ≥ 0.85 at the CI's lower bound; two columns do not get there.
    const run = runCli(["evaluate", ...MODEL, "--json"], { cwd: repo });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      verdict: string;
      model: { classes: string[]; positiveLabel: string; inputs: { name: string }[] };
      gates: { id: string; status: string }[];
    };
    assert.equal(report.verdict, "fail");
    assert.deepEqual(
      report.model.classes,
      ["<=50K", ">50K"],
      "classes: the labels in sorted order (scikit-learn's convention); positive from modelship.yaml",
    );
    assert.equal(report.model.positiveLabel, ">50K");
    assert.deepEqual(
      report.model.inputs.map((input) => input.name),
      ["x"],
    );
    assert.equal(report.gates.find((gate) => gate.id === "quality:roc_auc:min")?.status, "fail");
  });

  test("with a champion, both models are timed in the same rounds: figures with intervals, ratios, the ratio gate, the comment's section", async () => {
    // The champion is the same file, so the two are timed alike and the ratio is about 1 (its value is not asserted: real time).
    const dir = ".modelship/evaluation-operational";
    const run = runCli(
      ["evaluate", ...MODEL, "--champion", ".modelship/script-model/model.onnx", "--fail-on", "never", "--report-dir", dir, "--json"],
      { cwd: repo },
    );
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as GateReport;
    const section = report.operational!;
    assert.equal(section.method.interleaved, true);
    assert.ok(section.environment.cpu.length > 0 && section.environment.logicalCpus >= 1);
    for (const model of [section.challenger, section.champion!]) {
      assert.deepEqual(
        model.latency.map((entry) => entry.batch),
        [1, 64],
      );
      for (const entry of model.latency) {
        const [p50, p95, p99] = [entry.p50Ms, entry.p95Ms, entry.p99Ms].map((figure) => figure.value!);
        assert.ok(p50! > 0 && p50! <= p95! && p95! <= p99!, "percentiles in order");
        assert.ok(entry.p50Ms.ci![0] <= entry.p50Ms.ci![1]);
        assert.equal(entry.calls, section.method.rounds * section.method.callsPerRound);
      }
      assert.equal(model.bytes, report.model.bytes);
    }
    // A ratio is the ratio of the pooled figures.
    const ratio = section.ratios![0]!;
    assert.ok(
      Math.abs(ratio.p50.value! - section.challenger.latency[0]!.p50Ms.value! / section.champion!.latency[0]!.p50Ms.value!) < 1e-12,
    );
    assert.ok(ratio.p50.ci![0] <= ratio.p50.ci![1]);
    const gate = report.gates.find((entry) => entry.id === "operational:latency_ratio_vs_champion:p50:batch1")!;
    assert.equal(gate.kind, "operational");
    assert.equal(gate.on, "not_worse");
    assert.equal(
      gate.observed,
      ratio.p50.ci![0],
      "the default gate fails only when the whole interval is above 1.2: its lower bound is judged",
    );
    const markdown = await readFile(join(repo, dir, "gate-report.md"), "utf8");
    assert.match(markdown, /#### Operational \(onnxruntime on the runner\)/);
    assert.match(markdown, /\| Batch 1: latency p50 \(ms\) \| [\d.]+ \[[\d.]+, [\d.]+\] \| [\d.]+ \[[\d.]+, [\d.]+\] \| [\d.]+ \[/);
    const text = runCli(
      ["evaluate", ...MODEL, "--champion", ".modelship/script-model/model.onnx", "--fail-on", "never", "--report-dir", dir],
      {
        cwd: repo,
      },
    );
    assert.match(text.stdout + text.stderr, /Operational \(.+onnxruntime [\d.]+.*\): batch 1 p50 [\d.]+ \[/);
  });

  test("--fail-on never exits 0 with the same verdict in the markdown", () => {
    const run = runCli(["evaluate", ...MODEL, "--fail-on", "never", "--format", "markdown"], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### ❌ `adult-income` fails \d+ of \d+ gates/);
  });

  test("bad flags and files are usage errors (exit 2) that say what to fix", () => {
    const threshold = runCli(["evaluate", ...MODEL, "--threshold", "high"], { cwd: repo });
    assert.equal(threshold.status, 2);
    assert.match(threshold.stderr, /--threshold must be a number, got "high"/);
    const policy = runCli(["evaluate", ...MODEL, "--policy", "missing.yaml"], { cwd: repo });
    assert.equal(policy.status, 2);
    assert.match(policy.stderr, /missing\.yaml: --policy \(the policy input\): gate policy not found/);
    for (const run of [threshold, policy]) assert.ok(!hasStackTrace(run.stderr));
  });

  test("--help lists the flags with their environment variables", () => {
    const help = runCli(["evaluate", "--help"], { cwd: repo });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--champion FILE .*\[MODELSHIP_CHAMPION\]/);
  });
});
