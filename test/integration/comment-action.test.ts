/**
 * The comment action (dist/comment.js) run as the runner runs it, against the GitHub fake: one
 * sticky comment however often it re-runs, edits only when the body changed, fallbacks to the job
 * summary on fork PRs and pushes, and retries under injected faults.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction, type ActionRun } from "../support/runner.ts";

const REPOSITORY = "octo-org/octo-model";
const TOKEN = "ghs_commentWriteToken000000000000000000";
const READ_TOKEN = "ghs_commentReadToken0000000000000000000";

let github: FakeGitHub;
let workspace: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-comment-action-"));
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addToken(TOKEN, "write");
  github.addToken(READ_TOKEN, "read");
  github.addPullRequest(REPOSITORY, { number: 3 });
  github.addPullRequest(REPOSITORY, { number: 4, headRepo: "stranger/octo-model" });
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

function prEvent(number: number, headRepo = REPOSITORY) {
  return {
    name: "pull_request",
    payload: {
      number,
      repository: { full_name: REPOSITORY },
      pull_request: {
        number,
        head: { sha: "a".repeat(40), repo: { full_name: headRepo } },
        base: { sha: "b".repeat(40), repo: { full_name: REPOSITORY } },
      },
    },
  };
}

async function comment(
  body: string,
  options: {
    token?: string;
    pr?: number;
    headRepo?: string;
    event?: { name: string; payload: object };
    inputs?: Record<string, string>;
  } = {},
): Promise<ActionRun> {
  await writeFile(join(workspace, "report.md"), body);
  return runAction({
    action: "actions/comment",
    cwd: workspace,
    repository: REPOSITORY,
    apiUrl: github.url,
    token: options.token ?? TOKEN,
    event: options.event ?? prEvent(options.pr ?? 3, options.headRepo),
    inputs: { "body-file": "report.md", ...options.inputs },
    env: { MODELSHIP_RETRY_BASE_MS: "10" },
  });
}

const writes = (method: string) =>
  github.calls.filter((call) => call.method === method && /comments/.test(call.path) && !call.faulted && call.status < 300);

describe("comment action", () => {
  test("creates one comment, then edits it only when the body changes, over three runs", async () => {
    const first = await comment("## Report\n\nall good\n");
    assert.equal(first.exitCode, 0, first.stdout);
    assert.equal(first.outputs.action, "created");
    const second = await comment("## Report\n\nall good\n");
    assert.equal(second.outputs.action, "unchanged");
    const third = await comment("## Report\n\nsomething changed\n");
    assert.equal(third.outputs.action, "updated");
    const comments = github.issueComments(REPOSITORY, 3);
    assert.equal(comments.length, 1);
    assert.match(comments[0]!.body, /something changed/);
    assert.equal(writes("POST").length, 1);
    assert.equal(writes("PATCH").length, 1);
    assert.equal(third.outputs["comment-id"], String(comments[0]!.id));
    assert.ok(first.secretsMasked.includes(TOKEN), "the token is masked");
    assert.match(first.summary, /all good/, "the job summary gets the report too");
  });

  test("different subjects get different comments", async () => {
    await comment("one", { inputs: { subject: "validation" } });
    await comment("two", { inputs: { subject: "gates" } });
    assert.equal(github.issueComments(REPOSITORY, 3).length, 2);
  });

  test("cuts a body over 65,536 characters and says where the full report is", async () => {
    const run = await comment("| a | b |\n".repeat(9000), { inputs: { "full-report": "the report artifact" } });
    assert.equal(run.exitCode, 0, run.stdout);
    const [posted] = github.issueComments(REPOSITORY, 3);
    assert.ok(posted!.body.length <= 65_536, `body is ${posted!.body.length} characters`);
    assert.match(posted!.body, /the report artifact/);
  });

  test("on a fork PR the report goes to the job summary with a notice and the step passes", async () => {
    const run = await comment("fork report", { pr: 4, headRepo: "stranger/octo-model", token: READ_TOKEN });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(run.outputs.action, "summary-only");
    assert.ok(run.annotations.some((annotation) => annotation.level === "notice"));
    assert.match(run.summary, /fork report/);
    assert.equal(github.issueComments(REPOSITORY, 4).length, 0);
  });

  test("a read-only token on a same-repo PR (403) falls back to the summary with a notice", async () => {
    const run = await comment("restricted", { token: READ_TOKEN });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(run.outputs.action, "summary-only");
    assert.ok(run.annotations.some((annotation) => annotation.level === "notice" && /403/.test(annotation.message)));
  });

  test("on a push there is no PR: summary only, no API call", async () => {
    const run = await comment("push report", { event: { name: "push", payload: { ref: "refs/heads/main" } } });
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(run.outputs.action, "summary-only");
    assert.equal(github.calls.length, 0);
  });

  test("502 twice, then success: retried, one comment", async () => {
    github.inject({ method: "POST", path: /comments$/, status: 502, times: 2 });
    const run = await comment("after 502");
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(github.issueComments(REPOSITORY, 3).length, 1);
    assert.equal(github.calls.filter((call) => call.faulted).length, 2);
  });

  test("a secondary rate limit (403 + Retry-After) is waited out", async () => {
    github.inject({
      method: "GET",
      path: /comments$/,
      status: 403,
      headers: { "retry-after": "2" },
      body: {
        message: "You have exceeded a secondary rate limit and have been temporarily blocked from content creation.",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    const run = await comment("after rate limit");
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(github.issueComments(REPOSITORY, 3).length, 1);
    assert.ok(run.annotations.some((annotation) => annotation.level === "warning" && /secondary rate limit/.test(annotation.message)));
  });

  test("a dropped connection is retried", async () => {
    github.inject({ method: "GET", path: /comments$/, drop: true });
    const run = await comment("after drop");
    assert.equal(run.exitCode, 0, run.stdout);
    assert.equal(github.issueComments(REPOSITORY, 3).length, 1);
  });

  test("a missing body file is a clear error naming the file", async () => {
    const run = await runAction({
      action: "actions/comment",
      cwd: workspace,
      repository: REPOSITORY,
      apiUrl: github.url,
      token: TOKEN,
      event: prEvent(3),
      inputs: { "body-file": "nope.md" },
    });
    assert.equal(run.exitCode, 1);
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /nope\.md.*does not exist/);
    assert.equal(github.calls.length, 0);
  });
});
