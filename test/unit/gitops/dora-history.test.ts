/**
 * Where DORA's events come from: a bare git remote with merges and squashes crafted at chosen
 * dates (read from a depth-1 clone, so the history must be fetched whole), and the fake GitHub with
 * crafted pull requests across several pages (read newest-updated first, stopping once a page ends
 * before the window).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { withClone } from "../../../src/git/git-workspace.ts";
import { createGitHubClient } from "../../../src/github/octokit.ts";
import { mergedBranch, readGitHistory, readPromotionCommit, readPullRequestHistory } from "../../../src/gitops/dora-history.ts";
import type { PromotionEvent } from "../../../src/gitops/dora.ts";
import { git } from "../../support/git.ts";
import { FakeGitHub } from "../../support/github/server.ts";

/** A promotion commit's message as promotionCommitMessage lays it out (title, blank line, facts). */
function promotionMessage(model: string, version: string, environment: string, action: string): string {
  return [
    `${model} ${version} → ${environment}: ${action}`,
    "",
    `Model: ${model} ${version}`,
    `URI: file:///srv/registry/${model}/${version}/model.onnx`,
    `Digest: sha256:${"ab".repeat(32)}`,
    `Environment: ${environment}`,
    `Action: ${action}`,
    "",
  ].join("\n");
}

function at(iso: string, author = iso): Record<string, string> {
  return { GIT_AUTHOR_DATE: author, GIT_COMMITTER_DATE: iso };
}

const byMerge = (events: PromotionEvent[]) => [...events].sort((a, b) => a.mergedAt.localeCompare(b.mergedAt));

describe("readGitHistory: the base branch of a bare remote", () => {
  let root: string;
  let bare: string;
  const merges: Record<string, string> = {};

  before(() => {
    root = mkdtempSync(join(tmpdir(), "dora-git-"));
    bare = join(root, "gitops.git");
    git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
    const work = join(root, "work");
    git(root, ["init", "--quiet", "--initial-branch=main", work]);
    const commit = (message: string, env: Record<string, string>) => {
      writeFileSync(join(work, "log.txt"), `${message}\n${Math.random()}\n`);
      git(work, ["add", "--all"]);
      git(work, ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", message], env);
    };
    const merge = (branch: string, env: Record<string, string>) => {
      git(work, ["checkout", "--quiet", "main"]);
      git(work, ["-c", "commit.gpgSign=false", "merge", "--quiet", "--no-ff", "-m", `Merge branch '${branch}'`, branch], env);
      return git(work, ["rev-parse", "HEAD"]);
    };
    commit("seed", at("2026-08-01T00:00:00Z"));
    // 1. A canary start, pushed 09-02 09:00, merged with a merge commit at 10:00.
    git(work, ["checkout", "--quiet", "-b", "modelship/production/adult-income"]);
    commit(promotionMessage("adult-income", "1.0.0", "production", "start 10%"), at("2026-09-02T09:00:00Z"));
    merges.start = merge("modelship/production/adult-income", at("2026-09-02T10:00:00Z"));
    // A person's commit on main: not a promotion.
    commit("docs: explain the folders", at("2026-09-03T00:00:00Z"));
    // 2. The promotion to 100%, pushed 09-04 08:00; a person adds a commit to the branch; merged at 12:00.
    git(work, ["checkout", "--quiet", "-B", "modelship/production/adult-income"]);
    commit(promotionMessage("adult-income", "1.0.0", "production", "promote"), at("2026-09-04T08:00:00Z"));
    commit("fix a comment", at("2026-09-04T09:00:00Z"));
    merges.promote = merge("modelship/production/adult-income", at("2026-09-04T12:00:00Z"));
    // 3. A rollback squashed onto main: authored (opened) 14:00, committed (merged) 14:30.
    commit(promotionMessage("adult-income", "1.1.0", "production", "rollback"), at("2026-09-06T14:30:00Z", "2026-09-06T14:00:00Z"));
    merges.rollback = git(work, ["rev-parse", "HEAD"]);
    // A merge of a branch that is no promotion.
    git(work, ["checkout", "--quiet", "-b", "feature"]);
    commit("add a dashboard", at("2026-09-07T00:00:00Z"));
    merge("feature", at("2026-09-07T01:00:00Z"));
    // 4. A GitHub squash of the one-commit promotion PR: its title with (#9), then the commit's facts.
    commit(
      promotionMessage("adult-income", "1.2.0", "staging", "direct").replace(/^[^\n]*/, "adult-income 1.2.0 → staging (#9)"),
      at("2026-09-08T01:00:00Z", "2026-09-08T00:00:00Z"),
    );
    merges.direct = git(work, ["rev-parse", "HEAD"]);
    // Attacks (any merged message): none is a promotion.
    // A fork's PR squashed with the hidden marker in its body: would skip the model as retired.
    commit(
      "Fix typo in README (#42)\n\nThanks!\n<!-- modelship:promotion environment=production model=adult-income action=retire version= -->\n",
      at("2026-09-09T00:00:00Z"),
    );
    // Facts in a person's message under another title: would count a failed change.
    commit("docs: add example\n\nModel: adult-income 1.2.0\nEnvironment: staging\nAction: rollback\n", at("2026-09-09T01:00:00Z"));
    // The marker in the middle of an otherwise modelship-looking message.
    commit(
      "adult-income notes\n\n<!-- modelship:promotion environment=production model=adult-income action=retire version=1.0.0 -->\n\nSee the docs.\n",
      at("2026-09-09T02:00:00Z"),
    );
    // A fork's branch with a commit in modelship's format, merged as a pull request from another branch.
    git(work, ["checkout", "--quiet", "-b", "mallory-docs"]);
    commit(promotionMessage("adult-income", "9.9.7", "production", "rollback"), at("2026-09-09T03:00:00Z"));
    git(work, ["checkout", "--quiet", "main"]);
    git(
      work,
      [
        "-c",
        "commit.gpgSign=false",
        "merge",
        "--quiet",
        "--no-ff",
        "-m",
        "Merge pull request #43 from mallory/docs-example",
        "mallory-docs",
      ],
      at("2026-09-09T04:00:00Z"),
    );
    // modelship's branch for staging bringing in production's facts: not that branch's promotion.
    git(work, ["checkout", "--quiet", "-b", "modelship/staging/adult-income"]);
    commit(promotionMessage("adult-income", "9.9.6", "production", "rollback"), at("2026-09-09T05:00:00Z"));
    merge("modelship/staging/adult-income", at("2026-09-09T06:00:00Z"));
    git(work, ["push", "--quiet", bare, "main:main"]);
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("every promotion merged into main, with its opening and merge times, from a depth-1 clone", async () => {
    const events = await withClone({ remote: bare, base: "main", depth: 1, logger: new MemoryLogger() }, (workspace) =>
      readGitHistory(workspace),
    );
    assert.deepEqual(byMerge(events), [
      {
        environment: "production",
        model: "adult-income",
        version: "1.0.0",
        action: "start",
        openedAt: "2026-09-02T09:00:00.000Z",
        mergedAt: "2026-09-02T10:00:00.000Z",
        ref: merges.start!.slice(0, 12),
      },
      {
        environment: "production",
        model: "adult-income",
        version: "1.0.0",
        action: "promote",
        // The promotion commit's time, not the person's later commit on the branch.
        openedAt: "2026-09-04T08:00:00.000Z",
        mergedAt: "2026-09-04T12:00:00.000Z",
        ref: merges.promote!.slice(0, 12),
      },
      {
        environment: "production",
        model: "adult-income",
        version: "1.1.0",
        action: "rollback",
        openedAt: "2026-09-06T14:00:00.000Z",
        mergedAt: "2026-09-06T14:30:00.000Z",
        ref: merges.rollback!.slice(0, 12),
      },
      {
        environment: "staging",
        model: "adult-income",
        version: "1.2.0",
        action: "direct",
        openedAt: "2026-09-08T00:00:00.000Z",
        mergedAt: "2026-09-08T01:00:00.000Z",
        ref: merges.direct!.slice(0, 12),
      },
    ]);
  });

  test("only modelship's commit format is read: the facts as the last paragraph under a title naming the model", () => {
    // The reviewer's reproduction: a marker in free text, facts under another title.
    assert.equal(
      readPromotionCommit(
        "Fix typo in README (#42)\n\nThanks!\n<!-- modelship:promotion environment=production model=adult-income action=retire version= -->\n",
      ),
      undefined,
    );
    assert.equal(
      readPromotionCommit("docs: add example\n\nModel: adult-income 9.9.9\nEnvironment: production\nAction: rollback\n"),
      undefined,
    );
    // The facts followed by free text, or a fact twice: not the format.
    assert.equal(readPromotionCommit(`${promotionMessage("m", "2.0.0", "prod", "promote")}\nThanks!\n`), undefined);
    assert.equal(readPromotionCommit(`${promotionMessage("m", "2.0.0", "prod", "promote")}Action: rollback\n`), undefined);
    // A retirement commit (retireCommitMessage), with its Deleted lines.
    assert.deepEqual(
      readPromotionCommit(
        "m 2.0.0 in prod: retire (remove from the environment)\n\nModel: m 2.0.0\nEnvironment: prod\nAction: retire\nDeleted: prod/m.yaml\n",
      ),
      { environment: "prod", model: "m", version: "2.0.0", action: "retire" },
    );
  });

  test("the branch a merge names: GitHub's pull-request merge and git's", () => {
    assert.equal(mergedBranch("Merge pull request #12 from octo/modelship/production/m\n\nbody"), "modelship/production/m");
    assert.equal(mergedBranch("Merge branch 'modelship/production/m' into main"), "modelship/production/m");
    assert.equal(mergedBranch("Merge remote-tracking branch 'origin/modelship/production/m'"), "modelship/production/m");
    assert.equal(mergedBranch("Revert \"Merge branch 'modelship/production/m'\""), undefined);
    assert.equal(mergedBranch("Merge pull request #12 from mallory/docs"), "docs");
  });

  test("a message with only some of the facts is not a promotion", () => {
    assert.equal(readPromotionCommit("Model: adult-income 1.0.0\nEnvironment: production\n"), undefined);
    assert.deepEqual(readPromotionCommit(promotionMessage("m", "2.0.0", "prod", "step 50%")), {
      environment: "prod",
      model: "m",
      version: "2.0.0",
      action: "step",
    });
  });
});

describe("readPullRequestHistory: merged PRs with the marker, page by page", () => {
  const TOKEN = "ghs_dora_history_token";
  const REPOSITORY = "octo/gitops";
  let fake: FakeGitHub;

  const marker = (action: string | undefined, version: string, environment = "production") =>
    `<!-- modelship:promotion environment=${environment} model=adult-income${action === undefined ? "" : ` action=${action}`} version=${version} -->\n## …`;

  before(async () => {
    fake = await FakeGitHub.start();
    fake.addToken(TOKEN, "read");
    fake.addRepo(REPOSITORY);
    let number = 0;
    // 150 recent PRs that are not modelship's (merged 09-20 onwards): page 1 and half of page 2.
    for (let index = 0; index < 150; index += 1) {
      const merged = new Date(Date.parse("2026-09-20T00:00:00Z") + index * 60_000);
      fake.addPullRequest(REPOSITORY, { number: ++number, title: `chore ${index}`, body: "bump", createdAt: merged, mergedAt: merged });
    }
    // Ours and look-alikes (numbers 151–158).
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "modelship/production/adult-income",
      body: marker("start", "1.0.0"),
      createdAt: new Date("2026-09-02T09:00:00Z"),
      mergedAt: new Date("2026-09-02T10:00:00Z"),
    });
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "modelship/production/adult-income",
      body: marker("promote", "1.0.0"),
      createdAt: new Date("2026-09-04T08:00:00Z"),
      mergedAt: new Date("2026-09-04T12:00:00Z"),
    });
    // An older modelship's rollback: no action in the marker, labelled rollback.
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "modelship/production/adult-income",
      body: marker(undefined, "1.1.0"),
      labels: ["model-promotion", "rollback"],
      createdAt: new Date("2026-09-06T14:00:00Z"),
      mergedAt: new Date("2026-09-06T14:30:00Z"),
    });
    // Closed without merging: not a promotion that happened.
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "modelship/production/adult-income",
      body: marker("start", "1.2.0"),
      createdAt: new Date("2026-09-07T00:00:00Z"),
      closedAt: new Date("2026-09-07T01:00:00Z"),
    });
    // Into another base: filtered by the list call.
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      baseRef: "release",
      headRef: "modelship/production/adult-income",
      body: marker("direct", "1.3.0"),
      createdAt: new Date("2026-09-08T00:00:00Z"),
      mergedAt: new Date("2026-09-08T01:00:00Z"),
    });
    // Still open: not listed as closed.
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "modelship/production/adult-income",
      body: marker("step", "1.0.0"),
      createdAt: new Date("2026-09-09T00:00:00Z"),
    });
    // Merged, with the marker quoted in its body, but not from modelship's branch (a how-to), and
    // one from a fork's branch of that name: neither is a promotion.
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRef: "docs/promotion-example",
      body: marker("promote", "9.9.9"),
      createdAt: new Date("2026-09-10T00:00:00Z"),
      mergedAt: new Date("2026-09-10T01:00:00Z"),
    });
    fake.addPullRequest(REPOSITORY, {
      number: ++number,
      headRepo: "mallory/gitops",
      headRef: "modelship/production/adult-income",
      body: marker("promote", "9.9.8"),
      createdAt: new Date("2026-09-11T00:00:00Z"),
      mergedAt: new Date("2026-09-11T01:00:00Z"),
    });
    // 120 PRs of January (before the window): the rest of page 2 and page 3, never needed.
    for (let index = 0; index < 120; index += 1) {
      const merged = new Date(Date.parse("2026-01-10T00:00:00Z") + index * 60_000);
      fake.addPullRequest(REPOSITORY, {
        number: ++number,
        headRef: "modelship/production/adult-income",
        body: marker("promote", "0.1.0"),
        createdAt: merged,
        mergedAt: merged,
      });
    }
  });

  after(async () => {
    fake.assertNoSpecViolations();
    await fake.close();
  });

  test("finds the three merged promotions across pages and stops after the page that leaves the window", async () => {
    const client = createGitHubClient({
      token: TOKEN,
      baseUrl: fake.url,
      logger: new MemoryLogger(),
      userAgentVersion: "test",
      retries: 0,
    });
    const before = fake.calls.length;
    const events = await readPullRequestHistory(client, { repository: REPOSITORY, base: "main", since: new Date("2026-08-01T00:00:00Z") });
    const url = (number: number) => `https://github.com/${REPOSITORY}/pull/${number}`;
    const common = { environment: "production", model: "adult-income" };
    assert.deepEqual(byMerge(events), [
      {
        ...common,
        version: "1.0.0",
        action: "start",
        openedAt: "2026-09-02T09:00:00.000Z",
        mergedAt: "2026-09-02T10:00:00.000Z",
        ref: "#151",
        url: url(151),
      },
      {
        ...common,
        version: "1.0.0",
        action: "promote",
        openedAt: "2026-09-04T08:00:00.000Z",
        mergedAt: "2026-09-04T12:00:00.000Z",
        ref: "#152",
        url: url(152),
      },
      {
        ...common,
        version: "1.1.0",
        action: "rollback",
        openedAt: "2026-09-06T14:00:00.000Z",
        mergedAt: "2026-09-06T14:30:00.000Z",
        ref: "#153",
        url: url(153),
      },
    ]);
    const lists = fake.calls.slice(before).filter((call) => call.operationId === "pulls/list");
    // 156 closed PRs into main since August, then January's: page 1 (100 recent), page 2 (56 recent,
    // then January's, older than the window): no page 3.
    assert.deepEqual(
      lists.map((call) => [call.query.page ?? "1", call.query.state, call.query.sort, call.query.direction, call.query.base]),
      [
        ["1", "closed", "updated", "desc", "main"],
        ["2", "closed", "updated", "desc", "main"],
      ],
    );
  });

  test("with the window in January the third page is read too, and January's promotions are found", async () => {
    const client = createGitHubClient({
      token: TOKEN,
      baseUrl: fake.url,
      logger: new MemoryLogger(),
      userAgentVersion: "test",
      retries: 0,
    });
    const before = fake.calls.length;
    const events = await readPullRequestHistory(client, { repository: REPOSITORY, base: "main", since: new Date("2026-01-01T00:00:00Z") });
    // The three of September and the 120 of January.
    assert.equal(events.length, 3 + 120);
    assert.equal(fake.calls.slice(before).filter((call) => call.operationId === "pulls/list").length, 3);
  });
});
