/**
 * The validate-data action run the way the runner runs it (dist/validate-data.js through
 * test/support/runner) against the loopback GitHub fake: a passing run on the Adult example, planted
 * errors annotated at exactly their lines, one sticky comment after three re-runs, and correct
 * behaviour under injected 5xx, rate-limit and connection faults.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { PLANTED_ERRORS, plantErrors } from "../../scripts/lib/broken-copy.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction, type ActionRun } from "../support/runner.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
const REPOSITORY = "octo-org/income-model";
const TOKEN = "ghs_writeTokenForTests000000000000000";
const FORK_TOKEN = "ghs_readOnlyForkToken00000000000000000";
const PR_NUMBER = 7;

let github: FakeGitHub;
let workspace: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-validate-action-"));
  await cp(EXAMPLE, workspace, { recursive: true });
  await writeFile(join(workspace, "data/train-broken.csv"), plantErrors(await readFile(join(workspace, "data/train.csv"), "utf8")));
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addRepo("someone/income-model-fork");
  github.addToken(TOKEN, "write");
  github.addToken(FORK_TOKEN, "read");
  github.addPullRequest(REPOSITORY, { number: PR_NUMBER });
  github.addPullRequest(REPOSITORY, { number: PR_NUMBER + 1, headRepo: "someone/income-model-fork" });
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

function pullRequestEvent(number: number, headRepo = REPOSITORY, baseSha = "2".repeat(40)) {
  const repository = { full_name: REPOSITORY, name: REPOSITORY.split("/")[1], owner: { login: REPOSITORY.split("/")[0] } };
  return {
    name: "pull_request",
    payload: {
      action: "synchronize",
      number,
      repository,
      pull_request: {
        number,
        head: { sha: "1".repeat(40), ref: "feature", repo: { full_name: headRepo } },
        base: { sha: baseSha, ref: "main", repo: { full_name: REPOSITORY } },
      },
    },
  };
}

async function validate(
  options: {
    inputs?: Record<string, string>;
    token?: string;
    pr?: number;
    headRepo?: string;
    event?: { name: string; payload: object };
  } = {},
): Promise<ActionRun> {
  return runAction({
    action: "actions/validate-data",
    cwd: workspace,
    repository: REPOSITORY,
    apiUrl: github.url,
    event: options.event ?? pullRequestEvent(options.pr ?? PR_NUMBER, options.headRepo),
    inputs: { token: options.token ?? TOKEN, ...options.inputs },
    // Keep the retry backoff short so fault tests stay fast.
    env: { MODELSHIP_RETRY_BASE_MS: "20" },
  });
}

const commentsOf = (number = PR_NUMBER) => github.issueComments(REPOSITORY, number);
const callsTo = (method: string, pattern: RegExp) =>
  github.calls.filter((call) => call.method === method && pattern.test(call.path) && !call.faulted);
const COMMENTS_PATH = /\/issues\/\d+\/comments$|\/issues\/comments\/\d+$/;

describe("validate-data action", () => {
  test("passes on the Adult example: outputs, job summary and one sticky comment", async () => {
    const run = await validate();
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.passed, "true");
    assert.equal(run.outputs.errors, "0");
    assert.ok(run.outputs["report-path"]?.endsWith("validation-report.json"));
    assert.equal(run.outputs["report-dir"], ".modelship/reports", "the folder from modelship.yaml, for the artifact upload");
    const report = JSON.parse(await readFile(resolve(workspace, run.outputs["report-path"]!), "utf8")) as { summary: { errors: number } };
    assert.equal(report.summary.errors, 0);
    assert.match(run.summary, /data validation/i);
    const comments = commentsOf();
    assert.equal(comments.length, 1);
    assert.match(comments[0]!.body, /<!-- modelship:sticky /);
    assert.equal(run.outputs["comment-url"], (comments[0] as { html_url?: string }).html_url ?? run.outputs["comment-url"]);
    assert.deepEqual(
      run.annotations.filter((annotation) => annotation.level === "error"),
      [],
    );
    assert.ok(run.secretsMasked.includes(TOKEN), "the token is masked");
  });

  test("fails on planted errors with error annotations at exactly those lines of the data file", async () => {
    const run = await validate({ inputs: { data: "data/train-broken.csv" } });
    assert.equal(run.exitCode, 1);
    assert.equal(run.outputs.passed, "false");
    const errors = run.annotations.filter((annotation) => annotation.level === "error" && annotation.properties.file !== undefined);
    assert.deepEqual(
      errors.map((annotation) => Number(annotation.properties.line)).sort((a, b) => a - b),
      PLANTED_ERRORS.map((error) => error.line),
    );
    for (const annotation of errors) assert.equal(annotation.properties.file, "data/train-broken.csv");
    assert.equal(Number(run.outputs.errors), new Set(errors.map((annotation) => annotation.properties.title)).size);
    // The step's own failure message (no file) says where the report is.
    assert.ok(
      run.annotations.some(
        (annotation) =>
          annotation.level === "error" && annotation.properties.file === undefined && /validation failed/i.test(annotation.message),
      ),
    );
  });

  test("three re-runs leave one sticky comment: created once, then edited only when the report changed", async () => {
    await validate();
    await validate();
    const third = await validate({ inputs: { data: "data/train-broken.csv" } });
    assert.equal(third.exitCode, 1);
    const comments = commentsOf();
    assert.equal(comments.length, 1, "never a duplicate comment");
    assert.equal(callsTo("POST", COMMENTS_PATH).length, 1, "created once");
    assert.equal(callsTo("PATCH", COMMENTS_PATH).length, 1, "the unchanged second run did not edit; the third did");
    assert.match(comments[0]!.body, /train-broken\.csv/);
  });

  test("retries 502s on the comment request and still posts exactly one comment", async () => {
    github.inject({ method: "POST", path: COMMENTS_PATH, status: 502, times: 2 });
    const run = await validate();
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(commentsOf().length, 1);
    assert.equal(github.calls.filter((call) => call.method === "POST" && call.faulted).length, 2);
  });

  test("waits out a secondary rate limit (403 + retry-after) and posts one comment", async () => {
    github.inject({
      method: "GET",
      path: COMMENTS_PATH,
      status: 403,
      // Retry-After is in seconds, scaled by MODELSHIP_RETRY_BASE_MS (20 ms here): 50 × 20 ms = 1 s.
      headers: { "retry-after": "50" },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      },
    });
    const started = Date.now();
    const run = await validate();
    assert.equal(run.exitCode, 0, run.stdout);
    assert.ok(Date.now() - started >= 1000, "honoured retry-after");
    assert.equal(commentsOf().length, 1);
  });

  test("survives a dropped connection", async () => {
    github.inject({ method: "GET", path: COMMENTS_PATH, drop: true });
    const run = await validate();
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(commentsOf().length, 1);
  });

  test("a GitHub outage never decides the check: the report goes to the job summary with a warning", async () => {
    github.inject({ path: COMMENTS_PATH, status: 500, times: 100 });
    const passing = await validate();
    assert.equal(passing.exitCode, 0, "the data passed; the comment outage is a warning");
    assert.ok(passing.annotations.some((annotation) => annotation.level === "warning" && /comment/i.test(annotation.message)));
    assert.match(passing.summary, /data validation/i);
    assert.equal(commentsOf().length, 0);
  });

  test("on a fork PR (read-only token) the report goes to the job summary with a notice, not a failure", async () => {
    const run = await validate({ pr: PR_NUMBER + 1, headRepo: "someone/income-model-fork", token: FORK_TOKEN });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.ok(run.annotations.some((annotation) => annotation.level === "notice" && /summary/i.test(annotation.message)));
    assert.match(run.summary, /data validation/i);
    assert.equal(commentsOf(PR_NUMBER + 1).length, 0);
  });

  test("on a push (no PR) the report goes to the job summary only", async () => {
    const run = await validate({
      event: { name: "push", payload: { ref: "refs/heads/main", after: "3".repeat(40), repository: { full_name: REPOSITORY } } },
    });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.match(run.summary, /data validation/i);
    assert.equal(github.calls.length, 0, "no API call without a PR");
  });

  test("an input error fails the step with one clear error annotation and no report", async () => {
    const run = await validate({ inputs: { contract: "data/missing-contract.yaml", "report-dir": ".modelship/never" } });
    assert.equal(run.exitCode, 1);
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!.message, /missing-contract\.yaml/);
    assert.doesNotMatch(run.stdout, /\n\s+at .+:\d+:\d+/);
    assert.equal(commentsOf().length, 0);
  });

  test("when the PR changes the contract, the comment shows the diff against the contract at the base commit (real git)", async () => {
    const repo = await mkdtemp(join(tmpdir(), "modelship-contract-diff-"));
    try {
      await cp(EXAMPLE, repo, { recursive: true });
      const git = (...args: string[]) =>
        execFileSync("git", args, {
          cwd: repo,
          encoding: "utf8",
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: "t",
            GIT_AUTHOR_EMAIL: "t@example.com",
            GIT_COMMITTER_NAME: "t",
            GIT_COMMITTER_EMAIL: "t@example.com",
          },
        }).trim();
      git("init", "-q", "-b", "main");
      git("add", ".");
      git("commit", "-q", "-m", "base");
      const baseSha = git("rev-parse", "HEAD");
      const contract = await readFile(join(repo, "data/contract.yaml"), "utf8");
      // Tighten age (breaking) and allow a new sex value (not breaking): the data still passes.
      await writeFile(
        join(repo, "data/contract.yaml"),
        contract.replace("    max: 100\n", "    max: 95\n").replace("enum: [Female, Male]", "enum: [Female, Male, Non-binary]"),
      );
      const run = await runAction({
        action: "actions/validate-data",
        cwd: repo,
        repository: REPOSITORY,
        apiUrl: github.url,
        event: pullRequestEvent(PR_NUMBER, REPOSITORY, baseSha),
        inputs: { token: TOKEN },
        env: { MODELSHIP_RETRY_BASE_MS: "20" },
      });
      assert.equal(run.exitCode, 0, run.stdout + run.stderr);
      const body = commentsOf()[0]!.body;
      assert.match(body, /Contract changes/);
      assert.match(body, /max lowered from 100 to 95/);
      assert.match(body, /Non-binary/);
      assert.match(body, /1 breaking change/);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
