/**
 * The drift issue and the retraining dispatch against the GitHub fake (real HTTP, every request and
 * response checked against GitHub's OpenAPI description): one issue per model and environment over
 * runs that drift, re-run, clear and drift again; pull requests and foreign issues left alone; edited
 * bodies recovered; refusals turned into permission advice. Plus the pure body renderer and its trend.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { isUserError, UserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import {
  appendTrend,
  driftIssueMarker,
  driftIssueTitle,
  parseDriftIssueMarker,
  parseTrend,
  renderDriftIssueBody,
  syncDriftIssue,
  TREND_LIMIT,
  trendEntry,
  type DriftIssueOptions,
  type DriftRunSummary,
  type TrendEntry,
} from "../../src/drift/drift-issue.ts";
import { triggerRetraining, WORKFLOW_INPUTS_LIMIT, type RetrainTrigger } from "../../src/drift/retrain.ts";
import { createGitHubClient, type GitHubClient } from "../../src/github/octokit.ts";
import { GITHUB_BODY_LIMIT } from "../../src/common/markdown.ts";
import { FakeGitHub } from "../support/github/server.ts";

const REPOSITORY = "octo-org/octo-model";
const [OWNER, REPO] = REPOSITORY.split("/") as [string, string];
const TOKEN = "ghs_driftWriteToken0000000000000000000";
const READ_TOKEN = "ghs_driftReadToken00000000000000000000";
const LABEL = "modelship-drift";

let fake: FakeGitHub;
let client: GitHubClient;
let logger: MemoryLogger;

/** The production client class without throttling and retries (octokit.ts is not what these tests test). */
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

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPOSITORY);
  fake.addToken(TOKEN, "write");
  fake.addToken(READ_TOKEN, "read");
  logger = new MemoryLogger();
  client = makeClient(TOKEN);
});

afterEach(async () => {
  fake.assertNoSpecViolations();
  await fake.close();
});

function run(n: number, overrides: Partial<DriftRunSummary> = {}): DriftRunSummary {
  return {
    model: "adult-income",
    environment: "production",
    status: "drift",
    share: 0.25 + n / 100,
    drifted: ["age", "hours_per_week", "education"],
    checked: 12,
    created: `2025-03-0${n}T06:00:00Z`,
    runId: String(1000 + n),
    runUrl: `https://github.com/${REPOSITORY}/actions/runs/${1000 + n}`,
    version: "1.2.0",
    ...overrides,
  };
}

function report(summary: DriftRunSummary): string {
  return `## Drift report for ${summary.model}\n\nstatus ${summary.status}, share ${summary.share}\n`;
}

async function sync(summary: DriftRunSummary, options: Partial<DriftIssueOptions> = {}) {
  return syncDriftIssue({ client, owner: OWNER, repo: REPO, summary, reportMarkdown: report(summary), logger, ...options });
}

/** The drift issues of the fake (those with our marker), by number. */
function driftIssues() {
  return fake.issues(REPOSITORY).filter((issue) => issue.body !== null && parseDriftIssueMarker(issue.body) !== undefined);
}

function onlyIssue() {
  const issues = driftIssues();
  assert.equal(issues.length, 1, `expected one drift issue, got ${issues.length}`);
  return issues[0]!;
}

/** Successful writes (anything but GET) the fake answered. */
function writes(): string[] {
  return fake.calls.filter((call) => call.method !== "GET" && call.status < 300).map((call) => `${call.method} ${call.path}`);
}

describe("drift issue against the fake", () => {
  test("opens one issue, updates it, ignores re-runs, closes when clear and reopens on new drift", async () => {
    const first = await sync(run(1));
    assert.equal(first.action, "opened");
    let issue = onlyIssue();
    assert.equal(first.number, issue.number);
    assert.equal(first.url, `https://github.com/${REPOSITORY}/issues/${issue.number}`);
    assert.equal(issue.title, "Drift: adult-income in production");
    assert.equal(driftIssueTitle(run(1)), issue.title);
    assert.deepEqual(issue.labels, [LABEL]);
    assert.equal(issue.state, "open");
    // The marker's JSON escapes "-" so that no value can close the HTML comment.
    assert.ok(
      issue.body!.startsWith('<!-- modelship:drift {"model":"adult\\u002dincome","environment":"production"} -->\n'),
      issue.body!.split("\n")[0],
    );
    assert.ok(issue.body!.startsWith(`${driftIssueMarker(run(1))}\n`));
    assert.deepEqual(parseTrend(issue.body!), [
      {
        created: "2025-03-01T06:00:00Z",
        status: "drift",
        share: 0.26,
        drifted: 3,
        checked: 12,
        version: "1.2.0",
        runId: "1001",
        runUrl: run(1).runUrl!,
      },
    ]);
    assert.deepEqual(trendEntry(run(1)), parseTrend(issue.body!)[0]);
    assert.equal(issue.comments.length, 1);

    const second = await sync(run(2));
    assert.deepEqual(second, { action: "updated", number: issue.number, url: first.url });
    issue = onlyIssue();
    assert.deepEqual(parseTrend(issue.body!), [trendEntry(run(1)), trendEntry(run(2))]);
    assert.equal(issue.comments.length, 2);
    assert.match(issue.comments[1]!.body, /share 0\.27/);
    // Two trend rows in the table, one per run, oldest first with their run links.
    assert.deepEqual(
      issue
        .body!.split("\n")
        .filter((line) => line.startsWith("| 2025-"))
        .map((line) => line.split(" | ").at(-1)),
      [1, 2].map((n) => `[#${1000 + n}](${run(n).runUrl!}) |`),
    );

    // A re-run of run 2 with the same result changes nothing at all.
    const before = writes().length;
    const rerun = await sync(run(2));
    assert.equal(rerun.action, "unchanged");
    assert.equal(writes().length, before);
    // A re-run whose numbers differ edits its row and its comment instead of adding new ones.
    const rerunChanged = await sync(run(2, { share: 0.5 }));
    assert.equal(rerunChanged.action, "updated");
    issue = onlyIssue();
    assert.deepEqual(parseTrend(issue.body!), [trendEntry(run(1)), trendEntry(run(2, { share: 0.5 }))]);
    assert.equal(issue.comments.length, 2);
    assert.match(issue.comments[1]!.body, /share 0\.5\b/);

    const third = await sync(run(3, { status: "ok", share: 0, drifted: [] }));
    assert.deepEqual(third, { action: "closed", number: issue.number, url: first.url });
    issue = onlyIssue();
    assert.equal(issue.state, "closed");
    assert.equal(issue.stateReason, "completed");
    assert.equal(issue.comments.length, 3);
    assert.match(issue.comments[2]!.body, /Drift is gone/);
    assert.equal(parseTrend(issue.body!).length, 3);

    // Still clear, issue closed: nothing to do.
    const quiet = writes().length;
    assert.equal((await sync(run(4, { status: "warn", share: 0.05, drifted: [] }))).action, "none");
    assert.equal(writes().length, quiet);

    const fifth = await sync(run(5));
    assert.deepEqual(fifth, { action: "reopened", number: issue.number, url: first.url });
    issue = onlyIssue();
    assert.equal(issue.state, "open");
    assert.equal(issue.stateReason, "reopened");
    assert.equal(issue.comments.length, 4);
    assert.match(issue.comments[3]!.body, /Drift is back/);
    assert.deepEqual(
      parseTrend(issue.body!).map((entry) => entry.runId),
      ["1001", "1002", "1003", "1005"],
    );
    assert.deepEqual(
      fake.issues(REPOSITORY).map((stored) => stored.number),
      [issue.number],
    );
  });

  test("each environment gets its own issue; pull requests and foreign issues with the label are left alone", async () => {
    // A pull request whose body even carries the marker, and issues with the label but not ours.
    fake.addPullRequest(REPOSITORY, { number: 1 });
    await client.rest.pulls.update({ owner: OWNER, repo: REPO, pull_number: 1, body: `${driftIssueMarker(run(1))}\nnot an issue` });
    await client.rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: 1, labels: [LABEL] });
    fake.addIssue(REPOSITORY, { number: 2, title: "Unrelated", body: "Please look at the drift dashboard", labels: [LABEL] });
    fake.addIssue(REPOSITORY, {
      number: 3,
      title: "Other model",
      body: `${driftIssueMarker(run(1, { model: "churn" }))}\nhand-made`,
      labels: [LABEL],
    });

    const production = await sync(run(1));
    const staging = await sync(run(1, { environment: "staging" }));
    assert.equal(production.action, "opened");
    assert.equal(staging.action, "opened");
    assert.notEqual(production.number, staging.number);
    assert.deepEqual(
      driftIssues().map((issue) => parseDriftIssueMarker(issue.body!)),
      [
        { model: "churn", environment: "production" },
        { model: "adult-income", environment: "production" },
        { model: "adult-income", environment: "staging" },
      ],
    );

    assert.equal((await sync(run(2, { environment: "staging" }))).number, staging.number);
    assert.equal((await sync(run(2))).number, production.number);
    const [pull] = fake.pulls(REPOSITORY);
    assert.equal(pull?.body, `${driftIssueMarker(run(1))}\nnot an issue`);
    assert.deepEqual(fake.issueComments(REPOSITORY, 1), []);
    for (const number of [2, 3]) {
      const stored = fake.issues(REPOSITORY).find((issue) => issue.number === number)!;
      assert.deepEqual([stored.state, stored.comments.length], ["open", 0]);
    }
    assert.match(fake.issues(REPOSITORY).find((issue) => issue.number === 3)!.body!, /hand-made/);
  });

  test("finds its issue on a later page of the label's issues", async () => {
    const first = await sync(run(1));
    // 120 newer issues with the label push ours past the first page of 100.
    for (let number = 2; number <= 121; number++) fake.addIssue(REPOSITORY, { number, body: `other ${number}`, labels: [LABEL] });
    const second = await sync(run(2));
    assert.deepEqual([second.action, second.number], ["updated", first.number]);
    const lists = fake.calls.filter((call) => call.operationId === "issues/list-for-repo");
    assert.deepEqual(
      lists.slice(-2).map((call) => [call.query.labels, call.query.state, call.query.page ?? "1"]),
      [
        [LABEL, "all", "1"],
        [LABEL, "all", "2"],
      ],
    );
    assert.equal(driftIssues().length, 1);
  });

  test("clear runs create nothing; insufficient data updates the trend but does not close", async () => {
    assert.deepEqual(await sync(run(1, { status: "ok", share: 0, drifted: [] })), { action: "none" });
    assert.deepEqual(await sync(run(1, { status: "insufficient_data", share: 0, drifted: [] })), { action: "none" });
    assert.deepEqual(fake.issues(REPOSITORY), []);
    assert.deepEqual(writes(), []);

    await sync(run(2));
    const thin = await sync(run(3, { status: "insufficient_data", share: 0, drifted: [], checked: 0 }));
    assert.equal(thin.action, "updated");
    const issue = onlyIssue();
    assert.equal(issue.state, "open");
    assert.deepEqual(
      parseTrend(issue.body!).map((entry) => entry.status),
      ["drift", "insufficient_data"],
    );
    assert.match(issue.comments.at(-1)!.body, /Not enough data/);
  });

  test("closeWhenClear: false records the clear run but leaves the issue open", async () => {
    await sync(run(1));
    const clear = await sync(run(2, { status: "ok", share: 0, drifted: [] }), { closeWhenClear: false });
    assert.equal(clear.action, "updated");
    const issue = onlyIssue();
    assert.equal(issue.state, "open");
    assert.match(issue.comments.at(-1)!.body, /Drift is gone.*stays open/);
  });

  test("custom labels: all are set, the first one finds the issue", async () => {
    const opened = await sync(run(1), { labels: ["ml-drift", "needs-triage"] });
    assert.deepEqual(onlyIssue().labels, ["ml-drift", "needs-triage"]);
    assert.equal((await sync(run(2), { labels: ["ml-drift", "needs-triage"] })).number, opened.number);
    assert.equal(fake.calls.filter((call) => call.operationId === "issues/list-for-repo").at(-1)?.query.labels, "ml-drift");
  });

  test("a description a person edited (broken trend store, CRLF line endings) is recovered with a warning", async () => {
    await sync(run(1));
    const edited = onlyIssue()
      .body!.replace(/^<!-- modelship:drift-trend .*$/m, '<!-- modelship:drift-trend [{"created": oops -->')
      .replaceAll("\n", "\r\n");
    await client.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: onlyIssue().number, body: edited });
    assert.deepEqual(parseTrend(edited), []);

    const second = await sync(run(2));
    assert.equal(second.action, "updated");
    assert.deepEqual(parseTrend(onlyIssue().body!), [trendEntry(run(2))]);
    assert.ok(logger.entries.some((entry) => entry.level === "warning" && /trend store .* missing or broken/.test(entry.message)));

    // The store gone altogether: the same.
    const stripped = onlyIssue().body!.replace(/^<!-- modelship:drift-trend .*\n/m, "");
    await client.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: onlyIssue().number, body: stripped });
    await sync(run(3));
    assert.deepEqual(parseTrend(onlyIssue().body!), [trendEntry(run(3))]);
    assert.equal(driftIssues().length, 1);
  });

  test("a token without issues: write gets a UserError naming the permission", async () => {
    client = makeClient(READ_TOKEN);
    await assert.rejects(sync(run(1)), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /403/);
      assert.match(error.hint ?? "", /permissions: issues: write/);
      return true;
    });
    client = makeClient(TOKEN);
    fake.inject({ method: "GET", path: `/repos/${REPOSITORY}/issues`, status: 404 });
    await assert.rejects(sync(run(1)), (error: unknown) => isUserError(error) && /issues: write/.test(error.hint ?? ""));
    fake.inject({
      method: "POST",
      path: `/repos/${REPOSITORY}/issues`,
      status: 410,
      body: { message: "Issues are disabled for this repo", documentation_url: "https://docs.github.com/rest" },
    });
    await assert.rejects(sync(run(1)), (error: unknown) => isUserError(error) && /410/.test(error.message));
    // Other failures are not the user's.
    fake.inject({ method: "GET", path: `/repos/${REPOSITORY}/issues`, status: 500 });
    await assert.rejects(sync(run(1)), (error: unknown) => !isUserError(error));
  });
});

describe("the fake's issue list", () => {
  test("filters by state and every label, sorts, and lists pull requests too", async () => {
    fake.addIssue(REPOSITORY, { number: 1, labels: ["a", "b"] });
    fake.addIssue(REPOSITORY, { number: 2, labels: ["A"], state: "closed" });
    fake.addPullRequest(REPOSITORY, { number: 3 });
    await client.rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: 3, labels: ["a", "b"] });
    const { data: created } = await client.rest.issues.create({ owner: OWNER, repo: REPO, title: "new", labels: ["b", { name: "c" }] });
    const list = async (query: { state?: "open" | "closed" | "all"; labels?: string; direction?: "asc" | "desc" }) =>
      (await client.rest.issues.listForRepo({ owner: OWNER, repo: REPO, ...query })).data.map((issue) => [
        issue.number,
        issue.pull_request === undefined ? "issue" : "pull",
      ]);
    assert.deepEqual(await list({}), [
      [created.number, "issue"],
      [3, "pull"],
      [1, "issue"],
    ]);
    assert.deepEqual(await list({ labels: "a,B" }), [
      [3, "pull"],
      [1, "issue"],
    ]);
    assert.deepEqual(await list({ labels: "a", state: "all", direction: "asc" }), [
      [1, "issue"],
      [2, "issue"],
      [3, "pull"],
    ]);
    assert.deepEqual(await list({ state: "closed" }), [[2, "issue"]]);
    const { data: closed } = await client.rest.issues.update({
      owner: OWNER,
      repo: REPO,
      issue_number: created.number,
      state: "closed",
      state_reason: "not_planned",
      labels: ["d"],
    });
    assert.deepEqual(
      [closed.state, closed.state_reason, closed.labels.map((label) => (typeof label === "string" ? label : label.name))],
      ["closed", "not_planned", ["d"]],
    );
  });
});

describe("drift issue body", () => {
  const entry = (n: number, overrides: Partial<TrendEntry> = {}): TrendEntry => ({ ...trendEntry(run(n)), ...overrides });

  test("the trend round-trips through the body, and the table shows one row per run", () => {
    // Without version and run link; without run id and link.
    const bare: TrendEntry = {
      created: run(2).created,
      status: "warn",
      share: run(2).share,
      drifted: 3,
      checked: 12,
      runId: run(2).runId!,
    };
    const anonymous: TrendEntry = {
      created: run(3).created,
      status: "insufficient_data",
      share: run(3).share,
      drifted: 3,
      checked: 12,
      version: "1.2.0",
    };
    const trend = [entry(1), bare, anonymous];
    const body = renderDriftIssueBody(run(3), report(run(3)), trend);
    assert.deepEqual(parseTrend(body), trend);
    assert.ok(body.startsWith(`${driftIssueMarker(run(3))}\n`));
    assert.deepEqual(parseDriftIssueMarker(body), { model: "adult-income", environment: "production" });
    const rows = [
      `| 2025-03-01 06:00 UTC | \`1.2.0\` | ❌ drift | 26.0% | 3/12 | [#1001](${run(1).runUrl!}) |`,
      "| 2025-03-02 06:00 UTC | — | ⚠️ warn | 27.0% | 3/12 | #1002 |",
      "| 2025-03-03 06:00 UTC | `1.2.0` | ❔ insufficient data | 28.0% | 3/12 | — |",
    ];
    for (const row of rows) assert.ok(body.includes(`\n${row}\n`), `missing row ${row}`);
    assert.ok(body.endsWith(report(run(3))));
  });

  test("names that try to close the HTML comment stay inside it", () => {
    const hostile = run(1, { model: "evil --> <b>x</b>", environment: "prod\n<!--", runId: "1-->" });
    const body = renderDriftIssueBody(hostile, "report", [trendEntry(hostile)]);
    const [marker, store] = body.split("\n");
    for (const line of [marker!, store!]) assert.equal(line.indexOf("-->"), line.length - "-->".length);
    assert.deepEqual(parseDriftIssueMarker(body), { model: hostile.model, environment: hostile.environment });
    assert.deepEqual(parseTrend(body), [trendEntry(hostile)]);
  });

  test("absent, broken or foreign stores read as an empty trend; bad entries are dropped", () => {
    assert.deepEqual(parseTrend("just text"), []);
    assert.deepEqual(parseTrend("<!-- modelship:drift-trend not json -->"), []);
    assert.deepEqual(parseTrend('<!-- modelship:drift-trend {"created":"x"} -->'), []);
    const good = entry(1);
    assert.deepEqual(
      parseTrend(
        `x\r\n<!-- modelship:drift-trend ${JSON.stringify([good, { ...good, status: "bad" }, { ...good, share: "1" }, { ...good, extra: 1 }])} -->\r\ny`,
      ),
      [good, good],
    );
  });

  test("appendTrend: a re-run replaces its row in place; only the last runs stay", () => {
    const trend = [entry(1), entry(2), entry(3)];
    assert.deepEqual(appendTrend(trend, entry(2, { share: 0.9 })), [entry(1), entry(2, { share: 0.9 }), entry(3)]);
    const many = Array.from({ length: TREND_LIMIT + 2 }, (_, index) =>
      entry(1, { runId: String(index), created: `2025-04-${String(index + 1).padStart(2, "0")}T00:00:00Z` }),
    );
    const kept = many.reduce<TrendEntry[]>(appendTrend, []);
    assert.deepEqual(kept, many.slice(-TREND_LIMIT));
  });

  test("a huge report is cut to GitHub's body limit, keeping the trend", () => {
    const huge = `## Report\n\n${"| col | 0.1 |\n".repeat(10_000)}`;
    const body = renderDriftIssueBody(run(1), huge, [entry(1)]);
    assert.ok(body.length <= GITHUB_BODY_LIMIT, `${body.length}`);
    assert.match(body, /cut to fit GitHub's/);
    assert.deepEqual(parseTrend(body), [entry(1)]);
  });
});

describe("retraining dispatch against the fake", () => {
  const payload = {
    model: "adult-income",
    environment: "production",
    status: "drift",
    share: 0.25,
    drifted: ["age", "education"],
    checked: 12,
  };
  const retrain = (trigger: RetrainTrigger, body: Record<string, unknown> = payload) =>
    triggerRetraining({ client, owner: OWNER, repo: REPO, trigger, payload: body, logger });

  test("workflow_dispatch: the summary is the drift-report input, next to the user's inputs", async () => {
    await retrain({ kind: "workflow", workflow: "retrain.yml", ref: "main", inputs: { reason: "drift", "drift-report": "mine" } });
    assert.deepEqual(fake.dispatches, [
      {
        repo: REPOSITORY,
        kind: "workflow",
        name: "retrain.yml",
        ref: "main",
        payload: { reason: "drift", "drift-report": JSON.stringify(payload) },
      },
    ]);
    assert.ok(logger.entries.some((entry) => entry.level === "warning" && entry.message.includes('"drift-report"')));
  });

  test("repository_dispatch: the summary is the client_payload", async () => {
    await retrain({ kind: "repository", eventType: "modelship-retrain" });
    assert.deepEqual(fake.dispatches, [{ repo: REPOSITORY, kind: "repository", name: "modelship-retrain", payload }]);
  });

  test("payloads are kept within GitHub's limits", async () => {
    const wide = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`k${index}`, index]));
    await retrain({ kind: "repository", eventType: "modelship-retrain" }, wide);
    const packed = fake.dispatches[0]!.payload;
    assert.equal(Object.keys(packed).length, 10);
    assert.deepEqual(packed.more, { k9: 9, k10: 10, k11: 11 });

    const columns = Array.from({ length: 20_000 }, (_, index) => `column_${index}`);
    const big = { ...payload, drifted: columns };
    await retrain({ kind: "workflow", workflow: "retrain.yml", ref: "main", inputs: { reason: "drift" } }, big);
    const inputs = fake.dispatches[1]!.payload as Record<string, string>;
    assert.ok(JSON.stringify(inputs).length <= WORKFLOW_INPUTS_LIMIT);
    const sent = JSON.parse(inputs["drift-report"]!) as { truncated?: boolean; model?: string; drifted?: string[] };
    assert.equal(sent.truncated, true);
    assert.equal(sent.model, "adult-income");
    assert.ok(sent.drifted!.length > 0 && sent.drifted!.length < columns.length, `cut to ${sent.drifted!.length} of ${columns.length}`);
    assert.deepEqual(sent.drifted, columns.slice(0, sent.drifted!.length));

    await retrain({ kind: "repository", eventType: "modelship-retrain" }, big);
    const cut = fake.dispatches[2]!.payload;
    assert.ok(JSON.stringify(cut).length <= 65_535);
    assert.equal(cut.truncated, true);
  });

  test("404 and 422 become UserErrors naming the workflow or event and the permission", async () => {
    fake.inject({ method: "POST", path: `/repos/${REPOSITORY}/actions/workflows/retrain.yml/dispatches`, status: 404 });
    await assert.rejects(retrain({ kind: "workflow", workflow: "retrain.yml", ref: "main" }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /retrain\.yml/);
      assert.match(error.hint ?? "", /actions: write/);
      return true;
    });
    fake.inject({
      method: "POST",
      path: `/repos/${REPOSITORY}/actions/workflows/retrain.yml/dispatches`,
      status: 422,
      body: { message: "Workflow does not have 'workflow_dispatch' trigger", documentation_url: "https://docs.github.com/rest" },
    });
    await assert.rejects(
      retrain({ kind: "workflow", workflow: "retrain.yml", ref: "main" }),
      (error: unknown) => isUserError(error) && /workflow_dispatch/.test(error.hint ?? ""),
    );
    fake.inject({ method: "POST", path: `/repos/${REPOSITORY}/dispatches`, status: 404 });
    await assert.rejects(retrain({ kind: "repository", eventType: "modelship-retrain" }), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /modelship-retrain/);
      assert.match(error.hint ?? "", /contents: write/);
      return true;
    });
    await assert.rejects(retrain({ kind: "repository", eventType: "x".repeat(101) }), UserError);
    assert.deepEqual(fake.dispatches, []);
  });
});
