import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { FakeGitHub } from "../../support/github/server.ts";

const TestOctokit = Octokit.plugin(restEndpointMethods, paginateRest);

let fake: FakeGitHub;

/** A plain `fetch` against the fake with the write token unless told otherwise. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json" };
  const token = options.token === undefined ? "write-token" : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

function octokit(token = "write-token"): InstanceType<typeof TestOctokit> {
  return new TestOctokit({ auth: token, baseUrl: fake.url });
}

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo("acme/models");
  fake.addPullRequest("acme/models", { number: 7, headRepo: "contributor/models", title: "Retrain", headSha: "a".repeat(40) });
  fake.addIssue("acme/models", { number: 8, title: "Drift" });
  fake.addToken("write-token", "write");
  fake.addToken("fork-token", "read");
});

afterEach(async () => {
  await fake.close();
});

describe("FakeGitHub issue comments", () => {
  it("creates, lists, updates and deletes comments through Octokit with spec-valid responses", async () => {
    const client = octokit();
    const created = await client.rest.issues.createComment({ owner: "acme", repo: "models", issue_number: 7, body: "first" });
    assert.equal(created.status, 201);
    assert.equal(created.data.body, "first");
    assert.equal(created.data.user?.login, "github-actions[bot]");
    assert.equal(created.data.url, `${fake.url}/repos/acme/models/issues/comments/${created.data.id}`);
    assert.equal(created.data.html_url, `https://github.com/acme/models/issues/7#issuecomment-${created.data.id}`);

    const updated = await client.rest.issues.updateComment({ owner: "acme", repo: "models", comment_id: created.data.id, body: "second" });
    assert.equal(updated.data.body, "second");
    const fetched = await client.rest.issues.getComment({ owner: "acme", repo: "models", comment_id: created.data.id });
    assert.equal(fetched.data.body, "second");
    const listed = await client.rest.issues.listComments({ owner: "acme", repo: "models", issue_number: 7 });
    assert.deepEqual(
      listed.data.map((comment) => comment.body),
      ["second"],
    );
    assert.deepEqual(fake.issueComments("acme/models", 7), [
      { id: created.data.id, body: "second", user: { login: "github-actions[bot]" } },
    ]);

    const deleted = await client.rest.issues.deleteComment({ owner: "acme", repo: "models", comment_id: created.data.id });
    assert.equal(deleted.status, 204);
    assert.deepEqual(fake.issueComments("acme/models", 7), []);
    assert.deepEqual(
      fake.calls.map((c) => `${c.method} ${c.operationId ?? "?"} ${c.status}`),
      [
        "POST issues/create-comment 201",
        "PATCH issues/update-comment 200",
        "GET issues/get-comment 200",
        "GET issues/list-comments 200",
        "DELETE issues/delete-comment 204",
      ],
    );
    fake.assertNoSpecViolations();
  });

  it("pages a list across three pages with a Link header that Octokit's paginate follows", async () => {
    for (let index = 1; index <= 7; index += 1) await call("POST", "/repos/acme/models/issues/8/comments", { body: { body: `c${index}` } });
    const first = await call("GET", "/repos/acme/models/issues/8/comments?per_page=3");
    // 7 comments at 3 a page: pages 1..3, the last holding one.
    assert.deepEqual(
      (first.json as { body: string }[]).map((c) => c.body),
      ["c1", "c2", "c3"],
    );
    const link = first.headers.get("link") ?? "";
    assert.match(link, /<http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/models\/issues\/8\/comments\?per_page=3&page=2>; rel="next"/);
    assert.match(link, /[?&]page=3>; rel="last"/);

    const before = fake.calls.length;
    const all = await octokit().paginate(octokit().rest.issues.listComments, {
      owner: "acme",
      repo: "models",
      issue_number: 8,
      per_page: 3,
    });
    assert.deepEqual(
      all.map((c) => c.body),
      ["c1", "c2", "c3", "c4", "c5", "c6", "c7"],
    );
    assert.deepEqual(
      fake.calls.slice(before).map((c) => c.query.page ?? "1"),
      ["1", "2", "3"],
    );
    fake.assertNoSpecViolations();
  });

  it("answers 404 in GitHub's error shape for unknown repositories, issues and comments", async () => {
    for (const path of [
      "/repos/acme/nope/issues/7/comments",
      "/repos/acme/models/issues/99/comments",
      "/repos/acme/models/issues/comments/424242",
      "/repos/acme/nope",
    ]) {
      const response = await call("GET", path);
      assert.equal(response.status, 404, path);
      assert.equal((response.json as { message: string }).message, "Not Found");
    }
    await assert.rejects(
      octokit().rest.issues.getComment({ owner: "acme", repo: "models", comment_id: 1 }),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    fake.assertNoSpecViolations();
  });

  it("answers 401 for a missing or unknown token", async () => {
    const missing = await call("GET", "/repos/acme/models", { token: null });
    assert.equal(missing.status, 401);
    const unknown = await call("GET", "/repos/acme/models", { token: "stolen" });
    assert.equal(unknown.status, 401);
    assert.equal((unknown.json as { message: string }).message, "Bad credentials");
  });

  it("lets a fork's read-only token read but answers 403 to its writes", async () => {
    const read = await call("GET", "/repos/acme/models/issues/7/comments", { token: "fork-token" });
    assert.equal(read.status, 200);
    const write = await call("POST", "/repos/acme/models/issues/7/comments", { token: "fork-token", body: { body: "hi" } });
    assert.equal(write.status, 403);
    assert.equal((write.json as { message: string }).message, "Resource not accessible by integration");
    assert.deepEqual(fake.issueComments("acme/models", 7), []);
  });

  it("refuses a blank comment with 422 and GitHub's errors list", async () => {
    const response = await call("POST", "/repos/acme/models/issues/7/comments", { body: { body: "  " } });
    assert.equal(response.status, 422);
    assert.deepEqual((response.json as { errors: unknown[] }).errors, [{ resource: "IssueComment", field: "body", code: "missing_field" }]);
    fake.assertNoSpecViolations();
  });
});

describe("FakeGitHub repositories and pull requests", () => {
  it("returns a full repository and a fork's pull request with its head repository", async () => {
    const client = octokit();
    const repo = await client.rest.repos.get({ owner: "acme", repo: "models" });
    assert.equal(repo.data.full_name, "acme/models");
    assert.equal(repo.data.private, false);
    const pull = await client.rest.pulls.get({ owner: "acme", repo: "models", pull_number: 7 });
    assert.equal(pull.data.head.repo?.full_name, "contributor/models");
    assert.equal(pull.data.head.repo?.fork, true);
    assert.equal(pull.data.base.repo.full_name, "acme/models");
    assert.equal(pull.data.head.sha, "a".repeat(40));
    assert.equal(pull.data.title, "Retrain");
    const issue = await client.rest.issues.get({ owner: "acme", repo: "models", issue_number: 7 });
    assert.equal(issue.data.pull_request?.url, `${fake.url}/repos/acme/models/pulls/7`);
    const plainIssue = await client.rest.issues.get({ owner: "acme", repo: "models", issue_number: 8 });
    assert.equal(plainIssue.data.pull_request, undefined);
    await assert.rejects(
      client.rest.pulls.get({ owner: "acme", repo: "models", pull_number: 8 }),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    fake.assertNoSpecViolations();
  });
});

describe("FakeGitHub fault injection", () => {
  it("answers an injected status for the given number of matching requests, then serves normally", async () => {
    fake.inject({ method: "GET", path: "/repos/acme/models", status: 502, times: 2 });
    assert.equal(
      (await call("POST", "/repos/acme/models/issues/7/comments", { body: { body: "x" } })).status,
      201,
      "other method: no fault",
    );
    assert.equal((await call("GET", "/repos/acme/models")).status, 502);
    assert.equal((await call("GET", "/repos/acme/models")).status, 502);
    assert.equal((await call("GET", "/repos/acme/models")).status, 200);
    assert.deepEqual(
      fake.calls.map((c) => c.faulted === true),
      [false, true, true, false],
    );
  });

  it("sends injected headers and body, such as a secondary rate limit's retry-after", async () => {
    fake.inject({
      path: /\/comments$/,
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit." },
    });
    fake.inject({ path: /\/comments$/, status: 429 });
    const limited = await call("POST", "/repos/acme/models/issues/7/comments", { body: { body: "x" } });
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal((limited.json as { message: string }).message, "You have exceeded a secondary rate limit.");
    assert.equal((await call("GET", "/repos/acme/models/issues/7/comments")).status, 429);
    assert.equal((await call("GET", "/repos/acme/models/issues/7/comments")).status, 200);
    assert.deepEqual(fake.issueComments("acme/models", 7), [], "a faulted write changes nothing");
  });

  it("drops the connection without a response", async () => {
    fake.inject({ path: "/repos/acme/models", drop: true });
    await assert.rejects(call("GET", "/repos/acme/models"));
    assert.equal((await call("GET", "/repos/acme/models")).status, 200);
    assert.equal(fake.calls[0]?.status, 0);
  });

  it("delays a response and then answers normally", async () => {
    fake.inject({ path: "/repos/acme/models", delayMs: 150 });
    const started = performance.now();
    const response = await call("GET", "/repos/acme/models");
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 140, "the answer waited for the delay");
  });
});

describe("FakeGitHub OpenAPI validation", () => {
  it("refuses a request body that breaks the description and records it as a violation", async () => {
    const response = await call("POST", "/repos/acme/models/issues/7/comments", { body: { body: 123 } });
    assert.equal(response.status, 422);
    assert.deepEqual(fake.issueComments("acme/models", 7), []);
    assert.equal(fake.specViolations.length, 1);
    assert.equal(fake.specViolations[0]?.kind, "request");
    assert.equal(fake.specViolations[0]?.operationId, "issues/create-comment");
    assert.match(fake.specViolations[0]?.problems.join() ?? "", /\/body: must be string/);
    assert.throws(() => {
      fake.assertNoSpecViolations();
    }, /request POST \/repos\/acme\/models\/issues\/7\/comments/);
  });

  it("catches a response of its own that breaks the description", async () => {
    fake.responseHook = ({ operationId, body }) => {
      if (operationId !== "issues/create-comment") return body;
      const corrupted: Record<string, unknown> = { ...(body as Record<string, unknown>), created_at: 12 };
      delete corrupted.id;
      return corrupted;
    };
    const response = await call("POST", "/repos/acme/models/issues/7/comments", { body: { body: "x" } });
    assert.equal(response.status, 500);
    const problems = fake.specViolations.map((violation) => `${violation.kind}:${violation.problems.join(",")}`).join("\n");
    assert.match(problems, /^response:.*must have required property 'id'/);
    assert.match(problems, /\/created_at: must be string/);
    assert.throws(() => {
      fake.assertNoSpecViolations();
    }, /OpenAPI violation/);
  });

  it("answers 404 for a path the description does not have", async () => {
    const response = await call("GET", "/repos/acme/models/unknown-thing");
    assert.equal(response.status, 404);
    assert.equal(fake.calls[0]?.operationId, undefined);
  });
});

describe("FakeGitHub git refs and dispatches", () => {
  it("gets, creates, moves and deletes git refs through Octokit", async () => {
    const client = octokit();
    const main = "1".repeat(40);
    const next = "2".repeat(40);
    fake.addRef("acme/models", "refs/heads/main", main);
    const got = await client.rest.git.getRef({ owner: "acme", repo: "models", ref: "heads/main" });
    assert.deepEqual([got.data.ref, got.data.object.sha], ["refs/heads/main", main]);
    const created = await client.rest.git.createRef({ owner: "acme", repo: "models", ref: "refs/tags/model/v1", sha: main });
    assert.equal(created.status, 201);
    assert.equal(fake.refSha("acme/models", "refs/tags/model/v1"), main);
    await assert.rejects(
      client.rest.git.createRef({ owner: "acme", repo: "models", ref: "refs/tags/model/v1", sha: main }),
      (error: unknown) => (error as { status: number }).status === 422,
    );
    await client.rest.git.updateRef({ owner: "acme", repo: "models", ref: "heads/main", sha: next });
    assert.equal(fake.refSha("acme/models", "refs/heads/main"), next);
    await client.rest.git.deleteRef({ owner: "acme", repo: "models", ref: "tags/model/v1" });
    assert.equal(fake.refSha("acme/models", "refs/tags/model/v1"), undefined);
    await assert.rejects(
      client.rest.git.getRef({ owner: "acme", repo: "models", ref: "tags/model/v1" }),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    fake.assertNoSpecViolations();
  });

  it("records repository and workflow dispatches", async () => {
    const client = octokit();
    await client.rest.repos.createDispatchEvent({ owner: "acme", repo: "models", event_type: "promote", client_payload: { model: "m1" } });
    await client.rest.actions.createWorkflowDispatch({
      owner: "acme",
      repo: "models",
      workflow_id: "deploy.yml",
      ref: "main",
      inputs: { stage: "prod" },
    });
    assert.deepEqual(fake.dispatches, [
      { repo: "acme/models", kind: "repository", name: "promote", payload: { model: "m1" } },
      { repo: "acme/models", kind: "workflow", name: "deploy.yml", payload: { stage: "prod" }, ref: "main" },
    ]);
    const missing = await call("POST", "/repos/acme/models/dispatches", { body: { client_payload: {} } });
    assert.equal(missing.status, 422, "event_type is required by the description");
  });
});

describe("FakeGitHub releases", () => {
  it("creates a release, uploads an asset to its upload_url host, and finds it by tag", async () => {
    const client = octokit();
    const release = await client.rest.repos.createRelease({
      owner: "acme",
      repo: "models",
      tag_name: "model-v1",
      name: "Model v1",
      body: "notes",
    });
    assert.equal(release.status, 201);
    assert.equal(release.data.upload_url, `${fake.uploadsUrl}/repos/acme/models/releases/${release.data.id}/assets{?name,label}`);
    const bytes = new TextEncoder().encode("weights");
    const asset = await client.rest.repos.uploadReleaseAsset({
      owner: "acme",
      repo: "models",
      release_id: release.data.id,
      name: "model.onnx",
      data: bytes as unknown as string,
      baseUrl: fake.uploadsUrl,
      headers: { "content-type": "application/octet-stream" },
    });
    assert.equal(asset.status, 201);
    assert.equal(asset.data.size, bytes.length);
    // sha256("weights"), computed independently with `printf weights | sha256sum`.
    assert.equal(asset.data.digest, "sha256:9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c");
    assert.equal(fake.calls.at(-1)?.path, `/uploads/repos/acme/models/releases/${release.data.id}/assets`);
    const byTag = await client.rest.repos.getReleaseByTag({ owner: "acme", repo: "models", tag: "model-v1" });
    assert.deepEqual(
      byTag.data.assets.map((a) => a.name),
      ["model.onnx"],
    );
    await assert.rejects(
      client.rest.repos.createRelease({ owner: "acme", repo: "models", tag_name: "model-v1" }),
      (error: unknown) => (error as { status: number }).status === 422,
    );

    const updated = await client.rest.repos.updateRelease({ owner: "acme", repo: "models", release_id: release.data.id, prerelease: true });
    assert.equal(updated.data.prerelease, true);
    const listed = await client.rest.repos.listReleases({ owner: "acme", repo: "models" });
    assert.deepEqual(
      listed.data.map((r) => r.tag_name),
      ["model-v1"],
    );
    await client.rest.repos.deleteReleaseAsset({ owner: "acme", repo: "models", asset_id: asset.data.id });
    assert.deepEqual((await client.rest.repos.listReleaseAssets({ owner: "acme", repo: "models", release_id: release.data.id })).data, []);
    await client.rest.repos.deleteRelease({ owner: "acme", repo: "models", release_id: release.data.id });
    await assert.rejects(
      client.rest.repos.getRelease({ owner: "acme", repo: "models", release_id: release.data.id }),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    fake.assertNoSpecViolations();
  });
});

describe("FakeGitHub GraphQL", () => {
  /** The mutation src/gitops/pull-request.ts sends, written out again, laid out differently on purpose. */
  const MUTATION = `mutation EnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
    enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) { pullRequest { number autoMergeRequest { mergeMethod } } }
  }`;

  function pullNodeId(): string {
    return fake.pulls("acme/models").find((pull) => pull.number === 7)!.nodeId;
  }

  it("enables auto-merge on a known pull request and answers the selected fields", async () => {
    // A draft waits for review, so auto-merge has something to wait for (#7 is mergeable at once).
    const opened = await call("POST", "/repos/acme/models/pulls", {
      body: { head: "retrain", base: "main", title: "Retrain", draft: true },
    });
    const { number, node_id: id } = opened.json as { number: number; node_id: string };
    const answer = await call("POST", "/graphql", { body: { query: MUTATION, variables: { pullRequestId: id, mergeMethod: "REBASE" } } });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, {
      data: { enablePullRequestAutoMerge: { pullRequest: { number, autoMergeRequest: { mergeMethod: "REBASE" } } } },
    });
    assert.equal(fake.pulls("acme/models").find((pull) => pull.number === number)?.autoMerge, "REBASE");
    fake.assertNoSpecViolations();
  });

  it("refuses auto-merge on a pull request that could merge at once with UNPROCESSABLE", async () => {
    const answer = await call("POST", "/graphql", {
      body: { query: MUTATION, variables: { pullRequestId: pullNodeId(), mergeMethod: "SQUASH" } },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      (answer.json as { errors: { type: string; message: string }[] }).errors.map((error) => [error.type, error.message]),
      [["UNPROCESSABLE", "Pull request Pull request is in clean status"]],
    );
    assert.equal(fake.pulls("acme/models").find((pull) => pull.number === 7)?.autoMerge, null);
    fake.assertNoSpecViolations();
  });

  it("answers an unknown pull request id with GitHub's NOT_FOUND error", async () => {
    const answer = await call("POST", "/graphql", {
      body: { query: MUTATION, variables: { pullRequestId: "PR_nope", mergeMethod: "SQUASH" } },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, {
      data: { enablePullRequestAutoMerge: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["enablePullRequestAutoMerge"],
          locations: [{ line: 2, column: 5 }],
          message: "Could not resolve to a node with the global id of 'PR_nope'",
        },
      ],
    });
    fake.assertNoSpecViolations();
  });

  it("answers a read-only token with FORBIDDEN and changes nothing", async () => {
    const answer = await call("POST", "/graphql", {
      token: "fork-token",
      body: { query: MUTATION, variables: { pullRequestId: pullNodeId(), mergeMethod: "SQUASH" } },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      (answer.json as { errors: { type: string; message: string }[] }).errors.map((error) => [error.type, error.message]),
      [["FORBIDDEN", "Resource not accessible by integration"]],
    );
    assert.equal(fake.pulls("acme/models").find((pull) => pull.number === 7)?.autoMerge, null);
    fake.assertNoSpecViolations();
  });

  for (const [name, body, problem] of [
    [
      "another document",
      { query: 'mutation { enablePullRequestAutoMerge(input: {pullRequestId: "x"}) { pullRequest { numbr } } }' },
      /answers only the EnableAutoMerge mutation, got: mutation \{ enablePullRequestAutoMerge/,
    ],
    [
      "a merge method outside the enum",
      { query: MUTATION, variables: { pullRequestId: "PR_x", mergeMethod: "squash" } },
      /\$mergeMethod of type PullRequestMergeMethod! was provided invalid value: expected "squash" to be one of: MERGE, SQUASH, REBASE/,
    ],
    [
      "a pull request id that is not a string",
      { query: MUTATION, variables: { pullRequestId: 7, mergeMethod: "SQUASH" } },
      /\$pullRequestId of type ID! was provided invalid value 7/,
    ],
    [
      "an undeclared variable",
      { query: MUTATION, variables: { pullRequestId: "PR_x", mergeMethod: "SQUASH", commitHeadline: "x" } },
      /variable \$commitHeadline is not declared/,
    ],
  ] as const) {
    it(`records ${name} as a request violation and answers 400`, async () => {
      const answer = await call("POST", "/graphql", { body });
      assert.equal(answer.status, 400);
      assert.equal(fake.specViolations.length, 1);
      assert.equal(fake.specViolations[0]?.kind, "request");
      assert.equal(fake.specViolations[0]?.path, "/graphql");
      assert.match(fake.specViolations[0]?.problems.join("\n") ?? "", problem);
      assert.equal(fake.pulls("acme/models").find((pull) => pull.number === 7)?.autoMerge, null);
    });
  }
});
