/**
 * `modelship init` from the bundle (dist/cli.js) in a folder holding only a CSV (a sample of the
 * Adult data), then the model CI caller it wrote, run on a pull request through the runner harness
 * (test/support/caller-workflow.ts → reusable-workflows/model-ci.yml with the caller's inputs): every
 * modelship action runs for real on init's defaults (validate, the built-in trainer, evaluate with
 * the gate policy init wrote), and the run is green.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { runCallerOnPullRequest } from "../support/caller-workflow.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";

const ROOT = join(import.meta.dirname, "../..");
let scratch: string;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "modelship-init-workflow-"));
});
after(async () => {
  if (process.env.KEEP_SCRATCH === undefined) await rm(scratch, { recursive: true, force: true });
});

test("init's model CI caller runs green on a pull request: validate, train and evaluate succeed with init's defaults", async () => {
  const repo = join(scratch, "income-model");
  await mkdir(repo);
  const lines = (await readFile(join(ROOT, "examples/model-repo/data/train.csv"), "utf8")).split("\n");
  await writeFile(join(repo, "income.csv"), `${lines.slice(0, 2001).join("\n")}\n`);

  const init = runCli(["init"], { cwd: repo, env: {} });
  assert.equal(init.status, 0, init.stderr);
  assert.ok(!hasStackTrace(init.stderr));
  assert.match(init.stdout, /modelship init: income-model, predicting Y \(binary\) from income\.csv/);

  const caller = parseYaml(await readFile(join(repo, ".github/workflows/model.yml"), "utf8")) as {
    jobs: { model: { with: Record<string, string> } };
  };
  assert.deepEqual(JSON.parse(caller.jobs.model.with["train-runs-on"]!), ["ubuntu-latest"]);

  const { run, results, comments, explain } = await runCallerOnPullRequest(repo, { scratch, repository: "octo-org/income-model" });
  assert.deepEqual(
    results,
    {
      validate: "success",
      "train-image": "success",
      train: "success",
      "train-skipped": "skipped",
      "select-best": "skipped",
      evaluate: "success",
      release: "skipped",
      promote: "skipped",
      // The check branch protection requires (init's next steps name it "model / Result").
      result: "success",
    },
    explain,
  );
  assert.equal(run.outputs["data-passed"], "true");
  assert.notEqual(run.outputs.verdict, "fail", explain);
  assert.deepEqual(run.jobs.train!.runs[0]!.runsOn, ["ubuntu-latest"], "GitHub-hosted training by default");
  // The sticky comments of the validation and of the gates, keyed by the caller's workflow.
  assert.equal(comments.length, 2, comments.join("\n---\n"));
  assert.ok(comments.some((body) => /income-model/.test(body) && /gates/.test(body)));
});
