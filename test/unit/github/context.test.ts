import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { readGitHubContext } from "../../../src/github/context.ts";
import { parseStickyMarker, stickyMarker } from "../../../src/github/sticky-comment.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-context-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function contextFor(name: string, payload: object, extra: Record<string, string> = {}) {
  const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(payload));
  return readGitHubContext({
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: "acme/model",
    GITHUB_RUN_ID: "99",
    ...extra,
  });
}

describe("readGitHubContext", () => {
  test("a same-repository pull request has its number, shas and is not a fork", async () => {
    const context = await contextFor("pull_request", {
      pull_request: {
        number: 12,
        head: { sha: "h".repeat(40), ref: "feat", repo: { full_name: "acme/model" } },
        base: { sha: "b".repeat(40), ref: "main", repo: { full_name: "acme/model" } },
      },
    });
    assert.deepEqual(context.pullRequest, {
      number: 12,
      headSha: "h".repeat(40),
      baseSha: "b".repeat(40),
      headRef: "feat",
      baseRef: "main",
      fork: false,
    });
    assert.equal(context.owner, "acme");
    assert.equal(context.repo, "model");
    assert.equal(context.runUrl, "https://github.com/acme/model/actions/runs/99");
  });

  test("a pull request whose head is another repository is a fork", async () => {
    const context = await contextFor("pull_request", {
      pull_request: { number: 3, head: { repo: { full_name: "someone/model" } }, base: { repo: { full_name: "acme/model" } } },
    });
    assert.equal(context.pullRequest?.fork, true);
  });

  test("a comment on a pull request names the PR; a push has none", async () => {
    const comment = await contextFor("issue_comment", { issue: { number: 5, pull_request: { url: "x" } } });
    assert.equal(comment.pullRequest?.number, 5);
    const onIssue = await contextFor("issue_comment", { issue: { number: 6 } });
    assert.equal(onIssue.pullRequest, undefined);
    const push = await contextFor("push", { ref: "refs/heads/main" });
    assert.equal(push.pullRequest, undefined);
  });

  test("GitHub Enterprise Server URLs come from the environment", async () => {
    const context = await contextFor(
      "push",
      {},
      { GITHUB_API_URL: "https://ghe.example.com/api/v3/", GITHUB_SERVER_URL: "https://ghe.example.com" },
    );
    assert.equal(context.apiUrl, "https://ghe.example.com/api/v3");
    assert.equal(context.runUrl, "https://ghe.example.com/acme/model/actions/runs/99");
  });

  test("an unreadable event payload is no event, a corrupt one is a clear error", async () => {
    assert.deepEqual(readGitHubContext({ GITHUB_EVENT_PATH: join(dir, "absent.json") }).payload, {});
    const path = join(dir, "corrupt.json");
    await writeFile(path, "{not json");
    assert.throws(() => readGitHubContext({ GITHUB_EVENT_PATH: path }), /corrupt\.json: the event payload is not valid JSON/);
  });
});

describe("sticky comment markers", () => {
  test("round-trip any workflow and subject, and cannot close the HTML comment early", () => {
    const key = { workflow: "model --> ci <b>", subject: 'validate-data:data/contract.yaml "x"' };
    const marker = stickyMarker(key);
    assert.ok(marker.startsWith("<!-- ") && marker.endsWith(" -->"));
    assert.equal(marker.slice(5, -4).includes("-->"), false);
    assert.equal(marker.slice(5, -4).includes(">"), false);
    assert.deepEqual(parseStickyMarker(`${marker}\nbody`), key);
  });

  test("bodies without our marker are not ours", () => {
    assert.equal(parseStickyMarker("LGTM"), undefined);
    assert.equal(parseStickyMarker("<!-- modelship:sticky {broken -->"), undefined);
  });
});
