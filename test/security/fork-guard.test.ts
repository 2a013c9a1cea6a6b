/**
 * Pull requests from forks never train on persistent self-hosted runners. The attack: a fork opens a
 * pull request whose training command runs arbitrary code; with train-runs-on naming self-hosted
 * runners (model-ci.yml's default), that code would run on a persistent GPU runner that later trains
 * and releases the default branch. The train job's `if:` (reusable-workflows/model-ci.yml), evaluated
 * with GitHub's own expression evaluator (@actions/expressions) against the contexts GitHub gives
 * each event, must skip it there — and only there — and the train-skipped job must run exactly then
 * and say why. Run job by job (test/support/workflow.ts), a skipped training skips select-best,
 * evaluate, release and promote, and the run shows the notice.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { parseWorkflowText } from "../../scripts/lib/workflow-parser.ts";
import { evaluate, resolveInputs, runWorkflow, type WorkflowDocument, type WorkflowEvent } from "../support/workflow.ts";

const FILE = "reusable-workflows/model-ci.yml";
const TEXT = readFileSync(join(import.meta.dirname, "../..", FILE), "utf8");
const WORKFLOW = parseYaml(TEXT) as WorkflowDocument;
const REPOSITORY = "octo-org/adult-model";
const FORK = "mallory/adult-model";

const SELF_HOSTED = '["self-hosted","linux","gpu"]';

/** The pull_request event as GitHub sends it (the fields the guard reads). */
function pullRequest(head: string | null, name = "pull_request"): WorkflowEvent {
  return {
    name,
    payload: {
      number: 7,
      repository: { full_name: REPOSITORY },
      pull_request: {
        number: 7,
        head: { ref: "feature", sha: "1".repeat(40), repo: head === null ? null : { full_name: head } },
        base: { ref: "main", sha: "2".repeat(40), repo: { full_name: REPOSITORY } },
      },
    },
  };
}

const PUSH: WorkflowEvent = {
  name: "push",
  payload: { ref: "refs/heads/main", after: "3".repeat(40), repository: { full_name: REPOSITORY } },
};

function workflowRun(head: string): WorkflowEvent {
  return {
    name: "workflow_run",
    payload: { repository: { full_name: REPOSITORY }, workflow_run: { event: "pull_request", head_repository: { full_name: head } } },
  };
}

/** A job's `if:` as GitHub decides it: `${{ }}` unwrapped; without a status function, `success() && (…)`. */
function runs(
  job: "train" | "train-skipped",
  event: WorkflowEvent,
  given: Record<string, string | boolean> = {},
  passed = "true",
): boolean {
  const text = String(WORKFLOW.jobs[job]!.if)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  assert.doesNotMatch(text, /\b(success|failure|always|cancelled)\(/, "the guard leaves the status to GitHub's implicit success()");
  const context = {
    github: { event_name: event.name, event: event.payload, repository: REPOSITORY, repository_owner: "octo-org" },
    inputs: resolveInputs(WORKFLOW, given),
    needs: { validate: { result: "success", outputs: { passed } } },
    vars: {},
  };
  const value = evaluate(`success() && (${text})`, context, { success: true, failure: false });
  return value !== false && value !== null && value !== 0 && value !== "";
}

interface Case {
  what: string;
  event: WorkflowEvent;
  inputs?: Record<string, string | boolean>;
  trains: boolean;
}

/** A fork's pull request with train-runs-on `trainRunsOn` (and more inputs). */
function onFork(what: string, trainRunsOn: string, trains: boolean, more: Record<string, boolean> = {}): Case {
  return { what: `a fork pull request on ${what}`, event: pullRequest(FORK), inputs: { "train-runs-on": trainRunsOn, ...more }, trains };
}

const CASES: Case[] = [
  { what: "a same-repository pull request on self-hosted runners", event: pullRequest(REPOSITORY), trains: true },
  { what: "a fork pull request on self-hosted runners (the attack)", event: pullRequest(FORK), trains: false },
  // The default is GitHub-hosted: each job gets a fresh virtual machine, so a fork's code cannot reach a later training.
  { what: "a fork pull request on the default runners (GitHub-hosted ubuntu-latest)", event: pullRequest(FORK), inputs: {}, trains: true },
  onFork("ephemeral self-hosted runners", SELF_HOSTED, true, { "train-runners-ephemeral": true }),
  onFork('GitHub-hosted "ubuntu-latest"', '"ubuntu-latest"', true),
  onFork('GitHub-hosted ["ubuntu-latest"]', '["ubuntu-latest"]', true),
  onFork("GitHub-hosted macos-14", '["macos-14"]', true),
  onFork('a bare "self-hosted" label', '"self-hosted"', false),
  onFork("a custom label (a self-hosted runner's)", '"gpu-box"', false),
  onFork("ubuntu-latest plus self-hosted labels", '["ubuntu-latest","self-hosted"]', false),
  onFork("a runner group", '{"group":"gpu-runners","labels":["ubuntu-latest"]}', false),
  { what: "a pull request from a deleted fork (no head repository)", event: pullRequest(null), trains: false },
  { what: "a fork pull request under pull_request_target", event: pullRequest(FORK, "pull_request_target"), trains: false },
  { what: "a fork pull request's review", event: pullRequest(FORK, "pull_request_review"), trains: false },
  { what: "a workflow_run triggered from a fork", event: workflowRun(FORK), trains: false },
  { what: "a workflow_run triggered in this repository", event: workflowRun(REPOSITORY), trains: true },
  { what: "a push to main", event: PUSH, trains: true },
  { what: "a schedule", event: { name: "schedule", payload: { repository: { full_name: REPOSITORY } } }, trains: true },
];

describe("the train job's fork guard (model-ci.yml)", () => {
  for (const { what, event, inputs, trains } of CASES)
    test(`${what}: ${trains ? "trains" : "skips training and says why"}`, () => {
      const given = inputs ?? { "train-runs-on": SELF_HOSTED };
      assert.equal(runs("train", event, given), trains, `train job on ${what}`);
      assert.equal(runs("train-skipped", event, given), !trains, `train-skipped job on ${what}`);
    });

  test("neither runs when training is off or the data failed validation: the notice is only for the fork rule", () => {
    for (const { event, inputs } of CASES) {
      const given = inputs ?? { "train-runs-on": SELF_HOSTED };
      for (const [off, passed] of [[{ train: false }, "true"] as const, [{}, "false"] as const]) {
        assert.equal(runs("train", event, { ...given, ...off }, passed), false);
        assert.equal(runs("train-skipped", event, { ...given, ...off }, passed), false);
      }
    }
  });

  test("the input is declared, boolean and off by default; GitHub's workflow parser accepts the file", async () => {
    const declared = (
      WORKFLOW.on as { workflow_call: { inputs: Record<string, { type: string; default: unknown; description?: string }> } }
    ).workflow_call.inputs["train-runners-ephemeral"];
    assert.equal(declared?.type, "boolean");
    assert.equal(declared?.default, false);
    assert.match(declared?.description ?? "", /one job and is then destroyed/);
    assert.deepEqual(await parseWorkflowText(FILE, TEXT), []);
    // The generated copy callers run is the same workflow.
    const copy = readFileSync(join(import.meta.dirname, "../..", ".github/workflows/model-ci.yml"), "utf8");
    assert.ok(copy.endsWith(TEXT), ".github/workflows/model-ci.yml is stale: run npm run build");
  });
});

describe("a fork pull request on persistent self-hosted runners, job by job", () => {
  let scratch: string;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "modelship-fork-guard-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  test("validate runs, training is skipped, train-skipped leaves a notice and a summary; nothing downstream runs", async () => {
    // The validate job as it ends for data that passes (its own steps are tested elsewhere): only its
    // output matters to the jobs after it. Every other job is model-ci.yml's own.
    const workflow: WorkflowDocument = {
      ...WORKFLOW,
      jobs: {
        ...WORKFLOW.jobs,
        validate: {
          ...WORKFLOW.jobs.validate!,
          steps: [{ id: "validate", run: 'echo "passed=true" >> "$GITHUB_OUTPUT"\necho "report-dir=" >> "$GITHUB_OUTPUT"' }],
        },
      },
    };
    const run = await runWorkflow({
      workflow,
      inputs: { "train-runs-on": SELF_HOSTED, "promote-environment": "production", "gitops-repository": "octo-org/gitops" },
      event: pullRequest(FORK),
      repository: REPOSITORY,
      apiUrl: "http://127.0.0.1:9",
      token: "ghs_readOnlyForkToken000000000000000000",
      standIns: {},
      scratch,
    });
    assert.deepEqual(Object.fromEntries(run.order.map((id) => [id, run.jobs[id]!.result])), {
      validate: "success",
      "train-image": "success",
      train: "skipped",
      "train-skipped": "success",
      "select-best": "skipped",
      evaluate: "skipped",
      release: "skipped",
      promote: "skipped",
      result: "failure",
    });
    // The required check does not pass a model nobody trained or gated.
    const [verdict] = run.jobs.result!.runs[0]!.annotations;
    assert.equal(verdict?.level, "error");
    assert.match(verdict.message, /^Train: skipped for a fork pull request on persistent self-hosted runners/);
    const notice = run.jobs["train-skipped"]!.runs[0]!;
    assert.deepEqual(notice.permissions, {}, "the notice job gets no token scopes");
    assert.deepEqual(notice.standIns, [], "it checks out nothing");
    const [annotation, ...others] = notice.annotations;
    assert.equal(others.length, 0);
    assert.equal(annotation?.level, "notice");
    assert.match(annotation.message, /Training skipped: this pull request comes from a fork \(mallory\/adult-model\)/);
    assert.match(annotation.message, /push(es)? the branch into this repository/);
    assert.match(annotation.message, /train-runners-ephemeral: true/);
    assert.match(notice.summary, /^### Training skipped\n\nTraining skipped: this pull request comes from a fork/);
    assert.deepEqual(run.outputs, {
      "best-params": "",
      "data-passed": "true",
      verdict: "",
      "model-version": "",
      "model-uri": "",
      "oci-uri": "",
      "promotion-pr": "",
    });
  });
});
