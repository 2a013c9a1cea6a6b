/**
 * The promotion pull request against the GitHub fake: opened once with labels, reviewers, draft and
 * auto-merge; re-runs change nothing or only what differs; obsolete ones are closed with a reason;
 * refusals (reviewers, auto-merge, permissions, branches) become warnings or clear user errors.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { closeObsoletePullRequest, findOpenPullRequest, upsertPullRequest, type PullRequestSpec } from "../../src/gitops/pull-request.ts";
import { createGitHubClient, type GitHubClient } from "../../src/github/octokit.ts";
import { git, pushFiles } from "../support/git.ts";
import { FakeGitHub, type FakeRepoOptions } from "../support/github/server.ts";

const REPOSITORY = "octo-org/gitops";
const TOKEN = "ghs_gitopsWriteToken000000000000000000";
const READ_TOKEN = "ghs_gitopsReadToken0000000000000000000";

let fake: FakeGitHub;
let client: GitHubClient;
let logger: MemoryLogger;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPOSITORY);
  fake.addCollaborator(REPOSITORY, "alice");
  fake.addCollaborator(REPOSITORY, "bob");
  fake.addTeam(REPOSITORY, "ml-platform");
  fake.addToken(TOKEN, "write");
  fake.addToken(READ_TOKEN, "read");
  logger = new MemoryLogger();
  client = makeClient(TOKEN);
});

afterEach(async () => {
  fake.assertNoSpecViolations();
  await fake.close();
});

/**
 * The production client class without throttling: its one-second spacing of writes (GitHub's
 * secondary-limit advice) would only slow these tests down, and octokit.ts is not what they test.
 */
function makeClient(token: string): GitHubClient {
  const production = createGitHubClient({ token, baseUrl: fake.url, logger, userAgentVersion: "test", retries: 0, retryBaseMs: 1 });
  const ClientClass = production.constructor as new (options: Record<string, unknown>) => GitHubClient;
  return new ClientClass({
    auth: token,
    baseUrl: fake.url,
    userAgent: "modelship/test",
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}

function spec(overrides: Partial<PullRequestSpec> = {}): PullRequestSpec {
  return {
    repository: REPOSITORY,
    head: "modelship/production/adult-income",
    base: "main",
    title: "Promote adult-income 1.2.0 to production",
    body: "Gate report: pass.",
    labels: ["modelship", "promotion"],
    reviewers: ["alice"],
    teamReviewers: ["ml-platform"],
    draft: true,
    autoMerge: "squash",
    ...overrides,
  };
}

/** Calls that could change something (everything but reads), whatever their answer. */
function writes(): string[] {
  return fake.calls.filter((call) => call.method !== "GET").map((call) => `${call.method} ${call.path}`);
}

function warnings(): string[] {
  return logger.entries.filter((entry) => entry.level === "warning").map((entry) => entry.message);
}

describe("upsertPullRequest", () => {
  test("opens a draft pull request with labels, reviewers, teams and auto-merge", async () => {
    const result = await upsertPullRequest(client, spec(), logger);
    assert.deepEqual(result, { number: 1, url: "https://github.com/octo-org/gitops/pull/1", action: "created", autoMerge: "enabled" });
    const [pull, ...others] = fake.pulls(REPOSITORY);
    assert.equal(others.length, 0);
    assert.deepEqual(
      { ...pull, nodeId: undefined },
      {
        number: 1,
        title: spec().title,
        body: spec().body,
        state: "open",
        draft: true,
        merged: false,
        labels: ["modelship", "promotion"],
        reviewers: ["alice"],
        teamReviewers: ["ml-platform"],
        autoMerge: "SQUASH",
        head: "octo-org:modelship/production/adult-income",
        base: "main",
        nodeId: undefined,
        author: "github-actions[bot]",
      },
    );
    assert.deepEqual(warnings(), []);
  });

  test("a re-run with the same spec writes nothing and reports the pull request unchanged", async () => {
    await upsertPullRequest(client, spec(), logger);
    const before = fake.calls.length;
    const again = await upsertPullRequest(client, spec(), logger);
    assert.deepEqual(again, { number: 1, url: "https://github.com/octo-org/gitops/pull/1", action: "unchanged", autoMerge: "enabled" });
    assert.deepEqual(
      fake.calls.slice(before).map((call) => `${call.method} ${call.path}`),
      ["GET /repos/octo-org/gitops/pulls"],
    );
    assert.equal(fake.pulls(REPOSITORY).length, 1);
    assert.deepEqual(fake.pulls(REPOSITORY)[0]?.labels, ["modelship", "promotion"]);
  });

  test("a changed body is written with one update, and only the missing label is added", async () => {
    await upsertPullRequest(client, spec(), logger);
    const before = fake.calls.length;
    const result = await upsertPullRequest(
      client,
      spec({ body: "Gate report: pass (re-evaluated).", labels: ["promotion", "Production", "MODELSHIP"] }),
      logger,
    );
    assert.equal(result.action, "updated");
    assert.deepEqual(
      fake.calls
        .slice(before)
        .filter((call) => call.method !== "GET")
        .map((call) => [call.method, call.path, call.requestBody]),
      [
        ["PATCH", "/repos/octo-org/gitops/pulls/1", { body: "Gate report: pass (re-evaluated)." }],
        ["POST", "/repos/octo-org/gitops/issues/1/labels", { labels: ["Production"] }],
      ],
    );
    const [pull] = fake.pulls(REPOSITORY);
    assert.equal(pull?.body, "Gate report: pass (re-evaluated).");
    assert.equal(pull?.title, spec().title, "the unchanged title is not sent");
    assert.deepEqual(pull?.labels, ["modelship", "promotion", "Production"]);
    assert.deepEqual(pull?.reviewers, ["alice"], "reviewers already requested are not asked again");
  });

  test("requests only the reviewers a later spec adds", async () => {
    await upsertPullRequest(client, spec(), logger);
    const before = fake.calls.length;
    await upsertPullRequest(client, spec({ reviewers: ["alice", "bob"] }), logger);
    const requests = fake.calls.slice(before).filter((call) => call.path.endsWith("/requested_reviewers"));
    assert.deepEqual(
      requests.map((call) => call.requestBody),
      [{ reviewers: ["bob"] }],
    );
    assert.deepEqual(fake.pulls(REPOSITORY)[0]?.reviewers, ["alice", "bob"]);
  });

  test("opens a new pull request when the one for the same head was closed", async () => {
    const first = await upsertPullRequest(client, spec(), logger);
    await closeObsoletePullRequest(client, { repository: REPOSITORY, head: spec().head, base: "main", reason: "Superseded." }, logger);
    const second = await upsertPullRequest(client, spec(), logger);
    assert.equal(second.action, "created");
    assert.notEqual(second.number, first.number);
    assert.deepEqual(
      fake.pulls(REPOSITORY).map((pull) => [pull.number, pull.state]),
      [
        [first.number, "closed"],
        [second.number, "open"],
      ],
    );
  });

  test("leaves a pull request for another base alone and opens its own", async () => {
    await upsertPullRequest(client, spec({ base: "staging" }), logger);
    const result = await upsertPullRequest(client, spec(), logger);
    assert.equal(result.action, "created");
    assert.deepEqual(
      fake.pulls(REPOSITORY).map((pull) => pull.base),
      ["staging", "main"],
    );
  });

  test("two runs at once end with one pull request", async () => {
    const results = await Promise.all([upsertPullRequest(client, spec(), logger), upsertPullRequest(client, spec(), new MemoryLogger())]);
    assert.equal(fake.pulls(REPOSITORY).length, 1);
    assert.deepEqual(
      results.map((result) => result.number),
      [1, 1],
    );
    assert.equal(results.filter((result) => result.action === "created").length, 1, "one run opened it, the other found it");
    assert.deepEqual(fake.pulls(REPOSITORY)[0]?.labels, ["modelship", "promotion"]);
    assert.deepEqual(fake.pulls(REPOSITORY)[0]?.reviewers, ["alice"]);
  });

  test("a create refused as a duplicate (a concurrent run's pull request) recovers the existing one", async () => {
    await upsertPullRequest(client, spec(), logger);
    // The race made deterministic: the next listing misses #1 (the other run's create landed after
    // it), so this run tries to create, gets GitHub's 422 duplicate, and must find #1 on a re-list.
    let hide = true;
    fake.responseHook = ({ operationId, body }) => {
      if (operationId !== "pulls/list" || !hide) return body;
      hide = false;
      return (body as { number: number }[]).filter((pull) => pull.number !== 1);
    };
    const result = await upsertPullRequest(client, spec(), logger);
    assert.equal(hide, false, "the listing was hidden once");
    assert.notEqual(result.action, "created");
    assert.deepEqual(result, { number: 1, url: "https://github.com/octo-org/gitops/pull/1", action: "unchanged", autoMerge: "enabled" });
    assert.equal(fake.pulls(REPOSITORY).length, 1);
    const creates = fake.calls.filter((call) => call.method === "POST" && call.path === "/repos/octo-org/gitops/pulls");
    assert.deepEqual(
      creates.map((call) => call.status),
      [201, 422],
      "the second create was refused as a duplicate and recovered from",
    );
  });

  test("a reviewer who is not a collaborator becomes a warning while the others are still requested", async () => {
    const result = await upsertPullRequest(client, spec({ reviewers: ["alice", "mallory"] }), logger);
    assert.equal(result.action, "created");
    const [pull] = fake.pulls(REPOSITORY);
    assert.deepEqual(pull?.reviewers, ["alice"]);
    assert.deepEqual(pull?.teamReviewers, ["ml-platform"]);
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0]!, /mallory on octo-org\/gitops#1: Reviews may only be requested from collaborators/);
  });

  const unavailable: [string, string, FakeRepoOptions, Partial<PullRequestSpec>, string][] = [
    [
      "that the repository does not allow",
      "octo-org/no-auto-merge",
      { allowAutoMerge: false },
      {},
      "Auto merge is not allowed for this repository",
    ],
    [
      "on a pull request that could merge at once ('clean')",
      "octo-org/unprotected",
      { requiredChecks: false },
      { draft: false },
      "Pull request Pull request is in clean status",
    ],
  ];
  for (const [title, repository, options, overrides, refusal] of unavailable) {
    test(`auto-merge ${title} becomes a warning and 'unavailable'`, async () => {
      fake.addRepo(repository, options);
      const result = await upsertPullRequest(client, spec({ repository, reviewers: [], teamReviewers: [], ...overrides }), logger);
      assert.equal(result.autoMerge, "unavailable");
      assert.equal(fake.pulls(repository)[0]?.autoMerge, null);
      assert.equal(warnings().length, 1);
      assert.ok(warnings()[0]!.startsWith(`Auto-merge is not available for ${repository}#1: ${refusal}.`), warnings()[0]);
    });
  }

  test("no auto-merge asked: none is enabled and the result says 'off'", async () => {
    const result = await upsertPullRequest(client, spec({ autoMerge: undefined }), logger);
    assert.equal(result.autoMerge, "off");
    assert.equal(fake.pulls(REPOSITORY)[0]?.autoMerge, null);
    assert.ok(!writes().includes("POST /graphql"));
  });

  const refusals: [string, string, string, string][] = [
    [
      "a token that may not write (403 on opening)",
      READ_TOKEN,
      REPOSITORY,
      "GitHub refused opening a pull request in octo-org/gitops: 403",
    ],
    [
      "a repository the token cannot see (404 on listing)",
      TOKEN,
      "octo-org/private-gitops",
      "GitHub refused listing pull requests in octo-org/private-gitops: 404",
    ],
  ];
  for (const [title, token, repository, refusal] of refusals) {
    test(`${title} gets a user error naming the repository and the permissions`, async () => {
      const error = await upsertPullRequest(makeClient(token), spec({ repository }), logger).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
      assert.ok(error.message.startsWith(refusal), error.message);
      assert.ok(error.message.includes(`"pull-requests: write" and "contents: write" on ${repository}`), error.message);
      assert.match(error.message, /GITHUB_TOKEN cannot reach another repository.*GitHub App token with actions\/create-github-app-token/s);
      assert.ok(!error.message.includes(token), "the token is never shown");
      assert.equal(fake.pulls(REPOSITORY).length, 0);
    });
  }

  test("a head branch missing from the GitOps repository is a user error, and a present one opens", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "modelship-pr-remote-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const bare = join(dir, "gitops.git");
    git(dir, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
    pushFiles(bare, "main", {}, { from: null, message: "base" });
    fake.linkGitRemote(REPOSITORY, bare);

    const missing = await upsertPullRequest(client, spec(), logger).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(isUserError(missing));
    assert.match(missing.message, /branch "modelship\/production\/adult-income" does not exist/);

    git(bare, ["branch", spec().head, "main"]);
    const empty = await upsertPullRequest(client, spec(), logger).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(isUserError(empty));
    assert.match(empty.message, /No commits between main and modelship\/production\/adult-income/);

    pushFiles(bare, spec().head, {}, { from: "main", message: "promote" });
    assert.equal((await upsertPullRequest(client, spec(), logger)).action, "created");
  });

  test("a spec whose head equals its base is refused before any call", async () => {
    await assert.rejects(
      upsertPullRequest(client, spec({ head: "main" }), logger),
      (error: unknown) => isUserError(error) && /head and base are both "main"/.test(error.message),
    );
    assert.equal(fake.calls.length, 0);
  });
});

describe("closeObsoletePullRequest and findOpenPullRequest", () => {
  test("comments the reason, closes the open pull request and returns its number", async () => {
    const opened = await upsertPullRequest(client, spec(), logger);
    assert.deepEqual(await findOpenPullRequest(client, { repository: REPOSITORY, head: spec().head, base: "main" }), {
      number: opened.number,
      url: opened.url,
      title: spec().title,
      body: spec().body,
    });
    const closed = await closeObsoletePullRequest(
      client,
      { repository: REPOSITORY, head: spec().head, base: "main", reason: "main already holds adult-income 1.2.0." },
      logger,
    );
    assert.equal(closed, opened.number);
    assert.equal(fake.pulls(REPOSITORY)[0]?.state, "closed");
    assert.deepEqual(
      fake.issueComments(REPOSITORY, opened.number).map((comment) => comment.body),
      ["main already holds adult-income 1.2.0."],
    );
    assert.equal(await findOpenPullRequest(client, { repository: REPOSITORY, head: spec().head, base: "main" }), undefined);
  });

  test("does nothing and returns undefined when no pull request is open", async () => {
    assert.equal(
      await closeObsoletePullRequest(client, { repository: REPOSITORY, head: spec().head, base: "main", reason: "x" }, logger),
      undefined,
    );
    assert.deepEqual(writes(), []);
  });
});
