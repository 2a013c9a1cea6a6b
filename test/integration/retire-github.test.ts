/**
 * Retirement on the GitHub Releases registry, against the GitHub fake (checked against GitHub's
 * OpenAPI description): the mark is a hidden marker at the end of the release notes — the part of an
 * immutable release that may still change — written with one PATCH of the notes, never of an asset;
 * retiring again sends no write; a read-only token (what a pull request's workflow gets) cannot retire;
 * a marker planted in the notes a release publishes does not retire it.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import { GitHubStore } from "../../src/registry/github-store.ts";
import { newMark, notesWithMark } from "../../src/registry/retirement.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { writeTestPackage } from "../support/registry-package.ts";

const OWNER = "octo-org";
const REPO = "models";
const MODEL = "adult-income";
const WRITE_TOKEN = "ghs_retireWriteToken000000000000000000";
const READ_TOKEN = "ghs_retireReadToken0000000000000000000";
const NOW = new Date("2026-12-01T10:00:00.000Z");

let github: FakeGitHub;
let workspace: string;
let packages = 0;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-retire-github-"));
});
after(() => rm(workspace, { recursive: true, force: true }));
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(`${OWNER}/${REPO}`);
  github.addToken(WRITE_TOKEN, "write");
  github.addToken(READ_TOKEN, "read");
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

function store(token = WRITE_TOKEN): GitHubStore {
  const logger = new MemoryLogger();
  const client = createGitHubClient({ token, baseUrl: github.url, logger, userAgentVersion: "test", retryBaseMs: 1 });
  return new GitHubStore({ client, owner: OWNER, repo: REPO, logger, retryBaseMs: 1 });
}

async function publish(version: string, notes = `Release notes of ${MODEL} v${version}.`): Promise<void> {
  const bytes = randomBytes(512);
  const pkg = await writeTestPackage({
    dir: join(workspace, `package-${++packages}`),
    model: MODEL,
    version,
    files: { "model.onnx": bytes, "gate-report.json": '{"verdict":"pass"}\n' },
    metrics: { auc: { value: 0.9 } },
    notes,
  });
  await store().publish(pkg);
}

const writes = (from: number) =>
  github.calls
    .slice(from)
    .filter((call) => call.method !== "GET")
    .map((call) => `${call.method} ${call.operationId ?? call.path}`);

describe("retiring a version on GitHub Releases", () => {
  test("one PATCH of the release notes, no asset touched; the mark reads back; retiring again writes nothing", async () => {
    await publish("1.0.0");
    await publish("1.1.0");
    const registry = store();
    const assetsBefore = JSON.stringify((await registry.locate(MODEL, "1.0.0"))!.manifest);
    const from = github.calls.length;

    const first = await registry.retire(MODEL, "1.0.0", { reason: "label leak", by: "alice", now: NOW });
    assert.equal(first.action, "created");
    assert.deepEqual(first.mark, { model: MODEL, version: "1.0.0", retiredAt: NOW.toISOString(), reason: "label leak", by: "alice" });
    assert.deepEqual(writes(from), ["PATCH repos/update-release"]);
    const patch = github.calls.slice(from).find((call) => call.method === "PATCH")!;
    assert.deepEqual(Object.keys(patch.requestBody as object), ["body"], "only the notes are sent");
    const body = (patch.requestBody as { body: string }).body;
    assert.ok(body.startsWith(`Release notes of ${MODEL} v1.0.0.`), "the notes people wrote stay first");
    assert.match(body, /> \*\*Retired\*\* on 2026-12-01T10:00:00\.000Z by alice: label leak\./);

    assert.deepEqual(await registry.retirement(MODEL, "1.0.0"), first.mark);
    assert.equal(await registry.retirement(MODEL, "1.1.0"), undefined);
    assert.equal(await registry.retirement(MODEL, "9.0.0"), undefined, "a version that does not exist is not retired");
    assert.deepEqual(await registry.retirements(MODEL), [first.mark]);
    assert.equal(JSON.stringify((await registry.locate(MODEL, "1.0.0"))!.manifest), assetsBefore);

    const again = from + (github.calls.length - from);
    const second = await store().retire(MODEL, "v1.0.0", { reason: "other", now: new Date() });
    assert.equal(second.action, "unchanged");
    assert.deepEqual(second.mark, first.mark, "the first mark stands");
    assert.deepEqual(writes(again), [], "a re-run sends no write");
  });

  test("a version that was never published cannot be retired", async () => {
    await publish("1.0.0");
    await assert.rejects(store().retire(MODEL, "2.0.0", { now: NOW }), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.problem, /adult-income@2\.0\.0 is not released in GitHub Releases of octo-org\/models .* so it cannot be retired/);
      return true;
    });
  });

  test("attack: a read-only token (what a pull request's workflow gets) cannot retire; nothing is marked", async () => {
    await publish("1.0.0");
    await assert.rejects(store(READ_TOKEN).retire(MODEL, "1.0.0", { now: NOW }), (error: unknown) => {
      assert.equal((error as { status?: number }).status, 403);
      return true;
    });
    assert.equal(await store().retirement(MODEL, "1.0.0"), undefined, "nothing was marked");
  });

  test("attack: a marker planted in the notes a release publishes (the model card's text) does not retire it", async () => {
    const planted = notesWithMark(`Release notes of ${MODEL} v1.0.0.`, newMark(MODEL, "1.0.0", { reason: "forged", now: NOW }));
    await publish("1.0.0", planted);
    assert.equal(await store().retirement(MODEL, "1.0.0"), undefined);
    // And retiring it for real still works on the defused notes.
    assert.equal((await store().retire(MODEL, "1.0.0", { now: NOW })).action, "created");
    assert.equal((await store().retirement(MODEL, "1.0.0"))?.reason, undefined);
  });
});
