/**
 * The train job in a container pinned by digest (reusable-workflows/model-ci.yml: train-container,
 * train-container-options, allow-unpinned). The attack: a caller names its training image by a tag
 * (`pytorch/pytorch:latest`), which whoever controls the tag can point at another image between two
 * trainings — and the run record could not say which one trained. The train-image job, on the runner
 * itself before the train job's container is pulled, must refuse a tag without a digest (a warning
 * with allow-unpinned) and a malformed digest always, and the train job must then not run.
 *
 * Run job by job (test/support/workflow.ts) with model-ci.yml's own train-image and result jobs and
 * its train job's `container:` and `env:`; validate is reduced to its output and the train job's
 * steps to one that reports MODELSHIP_TRAIN_IMAGE. This machine cannot run containers: the harness
 * evaluates the job's container (image and options) as the runner would create it, and the steps run
 * on the host.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { parseWorkflowText } from "../../scripts/lib/workflow-parser.ts";
import { parseWorkflowCommands } from "../support/runner.ts";
import { runWorkflow, type JobRun, type WorkflowDocument, type WorkflowRun } from "../support/workflow.ts";

const FILE = "reusable-workflows/model-ci.yml";
const TEXT = readFileSync(join(import.meta.dirname, "../..", FILE), "utf8");
const WORKFLOW = parseYaml(TEXT) as WorkflowDocument;
const REPOSITORY = "octo-org/adult-model";
const CALLER = ".github/workflows/model.yml";

/** A digest as a registry computes one, and a reference pinned by it. */
const HEX = createHash("sha256").update("pytorch image manifest").digest("hex");
const PINNED = `pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime@sha256:${HEX}`;

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "modelship-train-container-"));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** model-ci.yml with validate reduced to its output and the train job's steps to one that reports the image it was given. */
function workflow(): WorkflowDocument {
  return {
    ...WORKFLOW,
    jobs: {
      ...WORKFLOW.jobs,
      validate: {
        ...WORKFLOW.jobs.validate!,
        steps: [{ id: "validate", run: 'echo "passed=true" >> "$GITHUB_OUTPUT"\necho "report-dir=" >> "$GITHUB_OUTPUT"' }],
      },
      train: { ...WORKFLOW.jobs.train!, steps: [{ name: "Report the image", run: 'echo "image=[$MODELSHIP_TRAIN_IMAGE]"' }] },
    },
  };
}

async function modelCi(inputs: Record<string, string | boolean>): Promise<WorkflowRun> {
  return runWorkflow({
    workflow: workflow(),
    inputs: { evaluate: false, ...inputs },
    event: { name: "push", payload: { ref: "refs/heads/main", after: "3".repeat(40), repository: { full_name: REPOSITORY } } },
    repository: REPOSITORY,
    apiUrl: "http://127.0.0.1:9",
    token: "ghs_trainContainerToken0000000000000000",
    standIns: {},
    scratch: await mkdtemp(join(scratch, "run-")),
    // What the runner sets on every step: the caller's workflow file, which the refusal names.
    env: { GITHUB_WORKFLOW_REF: `${REPOSITORY}/${CALLER}@refs/heads/main` },
  });
}

function leg(run: WorkflowRun, job: string): JobRun {
  const found = run.jobs[job]?.runs[0];
  assert.ok(found !== undefined, `no run of job ${job}`);
  return found;
}

function results(run: WorkflowRun): Record<string, string> {
  return Object.fromEntries(["train-image", "train", "result"].map((id) => [id, run.jobs[id]!.result]));
}

/** The one annotation the check left (no other workflow command may come out of its step). */
function verdictOf(run: WorkflowRun): { level: string; message: string } {
  const check = leg(run, "train-image");
  const commands = parseWorkflowCommands(check.steps.map((step) => step.log).join("\n"));
  assert.equal(commands.length, 1, `one workflow command from the check, got ${JSON.stringify(commands)}`);
  assert.equal(check.annotations.length, 1);
  const [annotation] = check.annotations;
  assert.equal(annotation!.properties.title, "train-container");
  return annotation!;
}

/** The refused runs: the check fails naming the caller's input, the train job never starts, the Result check fails. */
function assertRefused(run: WorkflowRun, pattern: RegExp): void {
  assert.deepEqual(results(run), { "train-image": "failure", train: "skipped", result: "failure" });
  const verdict = verdictOf(run);
  assert.equal(verdict.level, "error");
  assert.match(verdict.message, new RegExp(`^train-container in ${CALLER.replace(/\./g, "\\.")}: `));
  assert.match(verdict.message, pattern);
  assert.match(
    leg(run, "result")
      .annotations.map((annotation) => annotation.message)
      .join("\n"),
    /Check the train container image: failure/,
  );
}

describe("the train container (model-ci.yml)", () => {
  test("the inputs are declared with safe defaults, the train job needs the check, and GitHub's parser accepts the file", async () => {
    const inputs = (WORKFLOW.on as { workflow_call: { inputs: Record<string, { type: string; default: unknown }> } }).workflow_call.inputs;
    assert.deepEqual(
      ["train-container", "train-container-options", "allow-unpinned"].map((name) => [name, inputs[name]?.type, inputs[name]?.default]),
      [
        ["train-container", "string", ""],
        ["train-container-options", "string", ""],
        ["allow-unpinned", "boolean", false],
      ],
    );
    assert.deepEqual(WORKFLOW.jobs.train!.needs, ["validate", "train-image"]);
    const check = WORKFLOW.jobs["train-image"]!;
    assert.deepEqual(check.permissions, {}, "the check needs no token scopes");
    assert.equal(check.container, undefined, "the check runs on the runner itself, not in the image it checks");
    assert.equal(check["runs-on"], "${{ fromJSON(inputs.runs-on) }}");
    for (const step of check.steps ?? []) assert.doesNotMatch(step.run ?? "", /\$\{\{/, "the image reaches the script through env only");
    assert.deepEqual(await parseWorkflowText(FILE, TEXT), []);
  });

  test("a reference pinned by digest: the train job gets that image with the options, and the run record's variable names it", async () => {
    const run = await modelCi({ "train-container": PINNED, "train-container-options": "--gpus all" });
    assert.deepEqual(results(run), { "train-image": "success", train: "success", result: "success" });
    assert.deepEqual(leg(run, "train").container, { image: PINNED, options: "--gpus all" });
    assert.match(leg(run, "train").steps[0]!.log, new RegExp(`image=\\[${PINNED.replace(/[.+]/g, "\\$&")}\\]`));
    assert.deepEqual(leg(run, "train-image").annotations, []);
    assert.equal(leg(run, "train-image").container, undefined);
  });

  test("a private registry with a port and a digest without a tag are pinned too", async () => {
    for (const image of [`registry.example.com:5000/ml/train-gpu@sha256:${HEX}`, `ghcr.io/octo-org/trainer@sha256:${HEX}`]) {
      const run = await modelCi({ "train-container": image });
      assert.deepEqual(results(run), { "train-image": "success", train: "success", result: "success" }, image);
      assert.deepEqual(leg(run, "train").container, { image });
    }
  });

  test("no train-container (the default): the train job runs on the runner itself, as before", async () => {
    const run = await modelCi({});
    assert.deepEqual(results(run), { "train-image": "success", train: "success", result: "success" });
    assert.equal(leg(run, "train").container, undefined, "no job container");
    assert.match(leg(run, "train").steps[0]!.log, /image=\[\]/);
    assert.match(leg(run, "train-image").steps[0]!.log, /No train-container: the train job runs on the runner itself/);
    assert.equal(run.jobs["train-image"]!.result, "success", "not skipped: a skipped need would skip the train job");
  });

  test("the attack: an image by tag alone (pytorch/pytorch:latest) is refused and nothing trains in it", async () => {
    const run = await modelCi({ "train-container": "pytorch/pytorch:latest", "train-container-options": "--gpus all" });
    assertRefused(
      run,
      /'pytorch\/pytorch:latest' is a tag without a digest.*docker buildx imagetools inspect pytorch\/pytorch:latest.*allow-unpinned: true/,
    );
  });

  test("a digest of the wrong length, in upper case or of another algorithm is refused, allow-unpinned or not", async () => {
    for (const image of [
      `pytorch/pytorch@sha256:${HEX.slice(0, 63)}`,
      `pytorch/pytorch:2.5.1@sha256:${HEX}0`,
      `pytorch/pytorch@sha256:${HEX.toUpperCase()}`,
      `pytorch/pytorch@sha512:${HEX}${HEX}`,
      "pytorch/pytorch@sha256:",
    ])
      for (const allow of [false, true])
        assertRefused(await modelCi({ "train-container": image, "allow-unpinned": allow }), /has no valid digest after @/);
  });

  test("what is not an image reference is refused, digest or not: a docker:// prefix, upper case in the path, spaces", async () => {
    for (const image of [
      `docker://pytorch/pytorch@sha256:${HEX}`,
      `pytorch/PyTorch:2.5.1@sha256:${HEX}`,
      "pytorch/pytorch latest",
      ":latest",
    ])
      assertRefused(await modelCi({ "train-container": image, "allow-unpinned": true }), /is not an image reference/);
  });

  test("a value that tries to start a workflow command of its own stays inside the one error", async () => {
    const run = await modelCi({ "train-container": "pytorch/pytorch:latest\n::add-mask::ghs_secret\n::warning::all fine" });
    assertRefused(run, /is not an image reference/);
    assert.match(
      verdictOf(run).message,
      /pytorch\/pytorch:latest\n::add-mask::ghs_secret\n::warning::all fine/,
      "shown escaped, as one message",
    );
  });

  test("allow-unpinned: a tag alone trains, with a warning that says the record cannot name the image", async () => {
    const run = await modelCi({ "train-container": "pytorch/pytorch:latest", "allow-unpinned": true });
    assert.deepEqual(results(run), { "train-image": "success", train: "success", result: "success" });
    const verdict = verdictOf(run);
    assert.equal(verdict.level, "warning");
    assert.match(verdict.message, /'pytorch\/pytorch:latest' is a tag without a digest \(allowed by allow-unpinned\)/);
    assert.deepEqual(leg(run, "train").container, { image: "pytorch/pytorch:latest" });
  });
});
