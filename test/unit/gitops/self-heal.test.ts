/**
 * Self-healing rollbacks (src/gitops/self-heal.ts) against the GitHub fake and a real bare git
 * remote: the merge really lands on the base branch, and each attack on the rule — an extra commit
 * on the branch, a status standing in for a failing check run, another app's check run, a stale
 * failure, a push between the check and the merge, a PR into another base or from another branch —
 * is refused. Every response the fake sends is checked against GitHub's OpenAPI description.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { isUserError } from "../../../src/common/errors.ts";
import { createGitHubClient, type GitHubClient } from "../../../src/github/octokit.ts";
import { upsertPullRequest } from "../../../src/gitops/pull-request.ts";
import type { RollbackSettings } from "../../../src/gitops/rollout-settings.ts";
import { selfHeal, type SelfHealRequest } from "../../../src/gitops/self-heal.ts";
import { stickyMarker } from "../../../src/github/sticky-comment.ts";
import { git, pushFiles, refSha, show } from "../../support/git.ts";
import { FakeGitHub } from "../../support/github/server.ts";

const REPOSITORY = "octo/gitops";
const TOKEN = "ghs_selfHealUnitWriteToken00000000000000";
const BRANCH = "modelship/production/income-clf";
const FILE = "apps/income/values.yaml";
const SETTINGS: RollbackSettings = {
  mode: "merge",
  requiredChecks: ["verify", "lint"],
  verifyCheck: "verify",
  checksApp: "github-actions",
  method: "squash",
};

let fake: FakeGitHub;
let root: string;
let bare: string;
let client: GitHubClient;
let logger: MemoryLogger;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "modelship-self-heal-"));
  bare = join(root, "gitops.git");
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  pushFiles(bare, "main", { [FILE]: "model: 0.0.2\n", "README.md": "gitops\n" }, { from: null, message: "canary 0.0.2" });
  fake = await FakeGitHub.start();
  logger = new MemoryLogger();
  // The production client class without its one-second spacing of writes (GitHub's secondary-limit
  // advice), which would only slow these tests down.
  const production = createGitHubClient({ token: TOKEN, baseUrl: fake.url, logger, userAgentVersion: "test", retries: 0, retryBaseMs: 1 });
  const ClientClass = production.constructor as new (options: Record<string, unknown>) => GitHubClient;
  client = new ClientClass({
    auth: TOKEN,
    baseUrl: fake.url,
    userAgent: "modelship/test",
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  fake.addToken(TOKEN, "write");
});

afterEach(async () => {
  try {
    fake.assertNoSpecViolations();
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
});

/** The repository (an unprotected base unless told), the rollback branch, and the PR as the canary job opens it. */
async function openRollback(
  options: { autoMerge?: boolean; base?: string; branch?: string } = {},
): Promise<{ number: number; head: string }> {
  fake.addRepo(REPOSITORY, options.autoMerge ? {} : { allowAutoMerge: false, requiredChecks: false });
  fake.linkGitRemote(REPOSITORY, bare);
  const base = options.base ?? "main";
  if (base !== "main") pushFiles(bare, base, {}, { from: "main", message: `branch ${base}` });
  const branch = options.branch ?? BRANCH;
  const head = pushFiles(bare, branch, { [FILE]: "model: 0.0.1\n" }, { from: base, message: "roll back 0.0.2" });
  const pr = await upsertPullRequest(
    client,
    { repository: REPOSITORY, head: branch, base, title: "roll back 0.0.2", body: "rollback", labels: ["rollback"], autoMerge: "squash" },
    logger,
  );
  assert.equal(pr.autoMerge, options.autoMerge ? "enabled" : "unavailable");
  return { number: pr.number, head };
}

function request(pr: { number: number; head: string }, overrides: Partial<SelfHealRequest> = {}): SelfHealRequest {
  return {
    github: client,
    repository: REPOSITORY,
    environment: "production",
    base: "main",
    branch: BRANCH,
    prNumber: pr.number,
    expectedHead: pr.head,
    settings: SETTINGS,
    logger,
    ...overrides,
  };
}

function green(sha: string): void {
  fake.addCheckRun(REPOSITORY, { sha, name: "verify", conclusion: "success" });
  fake.addCheckRun(REPOSITORY, { sha, name: "lint", conclusion: "success" });
}

function comments(number: number): string[] {
  return fake.issueComments(REPOSITORY, number).map((comment) => comment.body);
}

function merges(): number {
  return fake.calls.filter((call) => call.operationId === "pulls/merge").length;
}

describe("self-healing a rollback pull request GitHub will not auto-merge", () => {
  it("merges once verify-promotion and the listed checks passed on the head, pinned to that head, into the real base", async () => {
    const pr = await openRollback();
    const before = refSha(bare, "main");
    green(pr.head);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "merged", result.reason);
    assert.equal(result.sha, pr.head);
    // The merge call named the head it checked and the environment's method.
    const call = fake.calls.find((entry) => entry.operationId === "pulls/merge")!;
    assert.deepEqual(call.requestBody, { sha: pr.head, merge_method: "squash" });
    // The base branch of the bare remote now holds the rollback: one squash commit on the old base.
    const after = refSha(bare, "main")!;
    assert.equal(result.merge?.sha, after);
    assert.equal(result.merge?.method, "squash");
    assert.equal(git(bare, ["rev-parse", `${after}^`]), before);
    assert.equal(git(bare, ["rev-list", "--count", `${before}..${after}`]), "1");
    assert.equal(show(bare, "main", FILE), "model: 0.0.1\n");
    const stored = fake.pulls(REPOSITORY).find((pull) => pull.number === pr.number)!;
    assert.equal(stored.merged, true);
    assert.equal(stored.state, "closed");
    assert.equal(stored.mergeCommitSha, after);
    // The record: decision, each check with its conclusion and source, the sha checked, the merge.
    const [record, ...others] = comments(pr.number);
    assert.equal(others.length, 0);
    assert.match(record!, /self-healing \(production\): merged/);
    assert.ok(record!.includes(`Head commit checked: \`${pr.head}\``), record);
    assert.match(record!, /\| `verify` \| success \| check run \(github-actions\) \|/);
    assert.match(record!, /\| `lint` \| success \| check run \(github-actions\) \|/);
    assert.ok(record!.includes(`Merged as \`${after}\` (squash)`), record);

    // A re-run: already merged, nothing merged twice, still one comment.
    const again = await selfHeal(request(pr));
    assert.equal(again.outcome, "already-merged");
    assert.equal(merges(), 1);
    assert.equal(comments(pr.number).length, 1);
    assert.equal(refSha(bare, "main"), after);
  });

  it("waits for checks still running or not reported, names them, and edits its one comment in place", async () => {
    const pr = await openRollback();
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", status: "in_progress" });
    const first = await selfHeal(request(pr));
    assert.equal(first.outcome, "waiting");
    assert.equal(first.reason, "waiting for: verify, lint");
    assert.deepEqual(
      first.checks.map((check) => [check.name, check.state]),
      [
        ["verify", "pending"],
        ["lint", "missing"],
      ],
    );
    // A re-run with nothing new changes nothing on GitHub.
    const writesBefore = fake.calls.filter((call) => call.method !== "GET").length;
    await selfHeal(request(pr));
    assert.equal(fake.calls.filter((call) => call.method !== "GET").length, writesBefore);
    // Then they pass: the same comment is updated, and it merges.
    green(pr.head);
    const last = await selfHeal(request(pr));
    assert.equal(last.outcome, "merged", last.reason);
    const all = comments(pr.number);
    assert.equal(all.length, 1, all.join("\n---\n"));
    assert.match(all[0]!, /: merged/);
    assert.equal(merges(), 1);
  });

  it("does not merge when a required check failed, or concluded neutral, skipped or cancelled", async () => {
    for (const conclusion of ["failure", "neutral", "skipped", "cancelled"] as const) {
      const pr = await openRollback();
      fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "success" });
      fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion });
      const result = await selfHeal(request(pr));
      assert.equal(result.outcome, "failed", conclusion);
      assert.equal(result.reason, "not merged: lint did not pass");
      assert.match(comments(pr.number)[0]!, new RegExp(`\\| \`lint\` \\| ${conclusion} \\| check run \\(github-actions\\) \\|`));
      // Close it so the next round opens a fresh one.
      await client.rest.pulls.update({ owner: "octo", repo: "gitops", pull_number: pr.number, state: "closed" });
    }
    assert.equal(merges(), 0);
  });

  it("reads every page of check runs: the required ones may come after a hundred others", async () => {
    const pr = await openRollback();
    green(pr.head);
    // Listed newest first: these 120 push verify and lint onto the second page.
    for (let index = 0; index < 120; index++) fake.addCheckRun(REPOSITORY, { sha: pr.head, name: `shard-${index}`, conclusion: "success" });
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "merged", result.reason);
    assert.equal(fake.calls.filter((call) => call.operationId === "checks/list-for-ref").length, 2);
  });

  it("reads the newest run of a name: a re-run that passed supersedes a stale failure", async () => {
    const pr = await openRollback();
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "failure" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "success" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion: "success" });
    assert.equal((await selfHeal(request(pr))).outcome, "merged");
  });

  it("takes its checks' statuses into account too: a pending status waits, a passing one satisfies a listed check", async () => {
    const pr = await openRollback();
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "success" });
    fake.addCommitStatus(REPOSITORY, { sha: pr.head, context: "lint", state: "pending" });
    assert.equal((await selfHeal(request(pr))).outcome, "waiting");
    fake.addCommitStatus(REPOSITORY, { sha: pr.head, context: "lint", state: "success" });
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "merged", result.reason);
    assert.match(comments(pr.number)[0]!, /\| `lint` \| success \| commit status \|/);
  });

  it("leaves a PR with auto-merge enabled to GitHub and records that", async () => {
    const pr = await openRollback({ autoMerge: true });
    green(pr.head);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "auto-merge");
    assert.equal(merges(), 0);
    assert.match(comments(pr.number)[0]!, /left to auto-merge/);
  });
});

describe("self-healing refuses what it must not merge", () => {
  it("an extra commit someone pushed onto the rollback branch", async () => {
    const pr = await openRollback();
    const sneaked = pushFiles(bare, BRANCH, { [FILE]: "model: evil\n" }, { from: BRANCH, message: "one more thing" });
    // Everything on the new head is green: only the commit check stops it.
    green(sneaked);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "refused");
    assert.match(result.reason, new RegExp(`the head ${sneaked} is not the commit modelship pushed \\(${pr.head}\\)`));
    assert.equal(merges(), 0);
    assert.equal(show(bare, "main", FILE), "model: 0.0.2\n");
  });

  it("an extra commit on a branch whose auto-merge is on: refused, not left to GitHub as if it were modelship's", async () => {
    const pr = await openRollback({ autoMerge: true });
    const sneaked = pushFiles(bare, BRANCH, { [FILE]: "model: evil\n" }, { from: BRANCH, message: "one more thing" });
    green(sneaked);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "refused");
    assert.match(result.reason, /is not the commit modelship pushed/);
    assert.doesNotMatch(comments(pr.number)[0]!, /left to auto-merge/);
  });

  it("a comment someone else wrote with the record's marker is neither edited nor taken for the record", async () => {
    const pr = await openRollback();
    const MALLORY = "ghp_malloryCommentsToken000000000000000000";
    fake.addToken(MALLORY, "write", { login: "mallory" });
    const forged = `${stickyMarker({ workflow: "modelship-self-heal", subject: "rollback" })}\nmerged: all checks passed`;
    const response = await fetch(`${fake.url}/repos/${REPOSITORY}/issues/${pr.number}/comments`, {
      method: "POST",
      headers: { authorization: `Bearer ${MALLORY}`, "content-type": "application/json" },
      body: JSON.stringify({ body: forged }),
    });
    assert.equal(response.status, 201);
    green(pr.head);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "merged", result.reason);
    const all = fake.issueComments(REPOSITORY, pr.number);
    assert.deepEqual(
      all.map((comment) => [comment.user.login, comment.body === forged]),
      [
        ["mallory", true],
        ["github-actions[bot]", false],
      ],
      "mallory's comment is untouched and modelship's record is its own",
    );
    assert.match(all[1]!.body, /merged/);
  });

  it("a push between reading the checks and merging (the merge is pinned to the sha checked)", async () => {
    const pr = await openRollback();
    green(pr.head);
    // The merge request is held back while someone pushes; GitHub then answers 409.
    fake.inject({ method: "PUT", path: new RegExp(`/pulls/${pr.number}/merge$`), delayMs: 300 });
    const running = selfHeal(request(pr));
    while (!fake.calls.some((call) => call.operationId === "pulls/merge")) await new Promise((resolve) => setTimeout(resolve, 10));
    pushFiles(bare, BRANCH, { [FILE]: "model: evil\n" }, { from: BRANCH, message: "raced" });
    const result = await running;
    assert.equal(result.outcome, "refused");
    assert.match(result.reason, /head moved/);
    assert.equal(show(bare, "main", FILE), "model: 0.0.2\n");
  });

  it("a passing commit status named like a failing check run", async () => {
    const pr = await openRollback();
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "success" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion: "failure" });
    fake.addCommitStatus(REPOSITORY, { sha: pr.head, context: "lint", state: "success" });
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "failed");
    assert.equal(merges(), 0);
  });

  it("a passing commit status standing in for verify-promotion's check run", async () => {
    const pr = await openRollback();
    fake.addCommitStatus(REPOSITORY, { sha: pr.head, context: "verify", state: "success" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion: "success" });
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "waiting");
    assert.equal(result.reason, "waiting for: verify");
    assert.equal(merges(), 0);
  });

  it("check runs from an app other than the expected one", async () => {
    const pr = await openRollback();
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "success", app: "sneaky-app" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion: "success", app: "sneaky-app" });
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "waiting");
    assert.equal(result.reason, "waiting for: verify, lint");
    assert.match(comments(pr.number)[0]!, /\| `verify` \| success \(ignored\) \| check run \(sneaky-app\) \|/);
    // Nor does another app's success save the expected app's failure.
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "verify", conclusion: "failure" });
    fake.addCheckRun(REPOSITORY, { sha: pr.head, name: "lint", conclusion: "success" });
    assert.equal((await selfHeal(request(pr))).outcome, "failed");
    assert.equal(merges(), 0);
  });

  it("a pull request into another base than the environment's", async () => {
    const pr = await openRollback({ base: "staging" });
    green(pr.head);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "refused");
    assert.equal(result.reason, "the base is staging, not the environment's base main");
    assert.equal(merges(), 0);
  });

  it("a pull request from a branch that is not modelship's rollback branch", async () => {
    const pr = await openRollback({ branch: "feature/rollback" });
    green(pr.head);
    const result = await selfHeal(request(pr));
    assert.equal(result.outcome, "refused");
    assert.match(result.reason, /not modelship's rollback branch/);
    assert.equal(merges(), 0);
  });

  it("turns a token without checks: read into advice naming the permission", async () => {
    const pr = await openRollback();
    fake.inject({
      method: "GET",
      path: new RegExp(`/commits/${pr.head}/check-runs$`),
      status: 403,
      body: { message: "Resource not accessible by integration" },
    });
    await assert.rejects(selfHeal(request(pr)), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /permission-checks: read/);
      return true;
    });
  });
});
