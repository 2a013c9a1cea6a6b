/**
 * The GitHub Releases registry against the GitHub fake: publishing is draft → upload → publish,
 * idempotent for the same bytes, refused for other bytes, resumable after a failed upload, safe when
 * jobs race; listing, manifests and downloads (through the storage redirect, without the token).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient, type GitHubClient } from "../../src/github/octokit.ts";
import { GitHubStore, type GitHubStoreOptions } from "../../src/registry/github-store.ts";
import type { PackageToPublish } from "../../src/registry/registry-types.ts";
import { tagFor } from "../../src/registry/model-version.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { sha256, TRITON_ARCHIVE, writeTestPackage } from "../support/registry-package.ts";

const OWNER = "octo-org";
const REPO = "models";
const TOKEN = "ghs_registryWriteToken00000000000000000";
const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

let github: FakeGitHub;
let client: GitHubClient;
let logger: MemoryLogger;
let workspace: string;
let packages = 0;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-github-store-"));
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(`${OWNER}/${REPO}`);
  github.addToken(TOKEN, "write");
  logger = new MemoryLogger();
  client = createGitHubClient({ token: TOKEN, baseUrl: github.url, logger, userAgentVersion: "test", retryBaseMs: 1 });
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

/** A package as the packager makes one (test/support/registry-package.ts); the model's bytes default to random ones. */
async function makePackage(
  options: { model?: string; version?: string; modelBytes?: Buffer; tagFormat?: string; created?: string } = {},
): Promise<PackageToPublish> {
  const model = options.model ?? "adult-income";
  const version = options.version ?? "1.0.0";
  const modelBytes = options.modelBytes ?? randomBytes(4096);
  return writeTestPackage({
    dir: join(workspace, `package-${++packages}`),
    model,
    version,
    tag: tagFor(model, version, options.tagFormat),
    files: {
      "model.onnx": modelBytes,
      // Made from the model, as the packager makes it: the same model gives the same archive.
      [TRITON_ARCHIVE]: Buffer.concat([Buffer.from("triton:"), modelBytes]),
      "gate-report.json": `${JSON.stringify({ verdict: "pass", model, version })}\n`,
      "model-card.md": `# ${model} v${version}\n\nA test model.\n`,
    },
    metrics: { auc: { value: 0.91, ci: [0.89, 0.93] } },
    lineage: { gitSha: "c".repeat(40) },
    notes: `Release notes of ${model} v${version}.`,
    targetCommitish: "c".repeat(40),
    ...(options.created === undefined ? {} : { created: options.created }),
  });
}

function store(options: Partial<GitHubStoreOptions> = {}): GitHubStore {
  return new GitHubStore({ client, owner: OWNER, repo: REPO, logger, retryBaseMs: 1, ...options });
}

/** Writes the fake accepted (faulted requests and refusals changed nothing). */
function writes(): { method: string; path: string }[] {
  return github.calls.filter((call) => WRITES.has(call.method) && !call.faulted && call.status < 300);
}

async function releases() {
  return client.paginate(client.rest.repos.listReleases, { owner: OWNER, repo: REPO, per_page: 100 });
}

async function releaseOf(tag: string) {
  const found = (await releases()).filter((release) => release.tag_name === tag);
  assert.equal(found.length, 1, `one release tagged ${tag}`);
  return found[0]!;
}

/** Asserts that the release holds exactly the package's files, byte for byte (by GitHub's digest). */
async function assertHoldsPackage(tag: string, pkg: PackageToPublish, skip: string[] = []): Promise<void> {
  const release = await releaseOf(tag);
  const expected = await Promise.all(pkg.names.map(async (name) => `${name} sha256:${sha256(await readFile(join(pkg.dir, name)))}`));
  const stored = release.assets.filter((asset) => !skip.includes(asset.name)).map((asset) => `${asset.name} ${asset.digest}`);
  assert.deepEqual(stored.sort(), expected.sort());
  assert.equal(release.assets.length, stored.length + skip.length);
}

describe("GitHubStore.publish", () => {
  test("creates a draft, uploads every file through the uploads URL, then publishes it", async () => {
    const pkg = await makePackage();
    const result = await store().publish(pkg);

    const release = await releaseOf(pkg.tag);
    assert.equal(release.draft, false);
    assert.equal(release.name, "adult-income v1.0.0");
    assert.equal(release.body, pkg.notes);
    assert.equal(release.target_commitish, pkg.targetCommitish);
    await assertHoldsPackage(pkg.tag, pkg);
    const types = Object.fromEntries(release.assets.map((asset) => [asset.name, asset.content_type]));
    assert.deepEqual(types, {
      SHA256SUMS: "text/plain",
      "gate-report.json": "application/json",
      "manifest.json": "application/json",
      "model-card.md": "text/markdown",
      "model.onnx": "application/octet-stream",
      // KServe's storage initializer unpacks a .tar.gz only when it is served as a tar or gzip type.
      [TRITON_ARCHIVE]: "application/gzip",
    });
    const asset = (name: string) => release.assets.find((candidate) => candidate.name === name)!;
    assert.deepEqual(result, {
      model: "adult-income",
      version: "1.0.0",
      tag: "adult-income/v1.0.0",
      url: release.html_url,
      manifestUrl: asset("manifest.json").browser_download_url,
      modelUri: asset("model.onnx").browser_download_url,
      servingUris: {
        "onnx-file": asset("model.onnx").browser_download_url,
        "triton-model-repository": asset(TRITON_ARCHIVE).browser_download_url,
      },
      digest: pkg.manifest.digest,
      action: "created",
    });

    const uploads = writes().filter((call) => call.method === "POST" && call.path.endsWith("/assets"));
    assert.equal(uploads.length, 6);
    assert.ok(
      uploads.every((call) => call.path.startsWith("/uploads/")),
      "assets go to the uploads host",
    );
    // The draft flag flips only after the last upload: never a published release with files missing.
    const order = writes().map((call) => call.method);
    assert.deepEqual(order, ["POST", "POST", "POST", "POST", "POST", "POST", "POST", "PATCH"]);
    const create = github.calls.find((call) => call.method === "POST" && call.path.endsWith("/releases"));
    assert.equal((create?.requestBody as { draft?: boolean } | undefined)?.draft, true, "created as a draft");
  });

  test("a re-run with the same bytes (repackaged, new timestamp) changes nothing and returns the same outputs", async () => {
    const first = await makePackage({ modelBytes: Buffer.alloc(2048, 1), created: "2026-01-01T00:00:00Z" });
    const published = await store().publish(first);
    const before = await releaseOf(first.tag);
    const writesBefore = writes().length;

    const again = await makePackage({ modelBytes: Buffer.alloc(2048, 1), created: "2026-02-01T00:00:00Z" });
    const result = await store().publish(again);

    assert.deepEqual(result, { ...published, action: "unchanged" });
    assert.equal(writes().length, writesBefore, "no write at all");
    assert.deepEqual(await releaseOf(first.tag), before);
  });

  test("the same version with other bytes is refused and nothing changes", async () => {
    const first = await makePackage();
    await store().publish(first);
    const before = await releaseOf(first.tag);
    const writesBefore = writes().length;

    const other = await makePackage();
    await assert.rejects(store().publish(other), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(
        error.message,
        new RegExp(
          `adult-income@1\\.0\\.0 is already released with other bytes \\(digest ${first.manifest.digest}, this package ${other.manifest.digest}\\)`,
        ),
      );
      assert.match(error.message, /Fix: release a new version \(bump: patch\)/);
      return true;
    });
    assert.equal(writes().length, writesBefore);
    assert.deepEqual(await releaseOf(first.tag), before);
  });

  test("an upload that keeps failing leaves a draft; the next run deletes what is wrong, uploads the rest and publishes", async () => {
    const pkg = await makePackage();
    // Uploads go SHA256SUMS first: let it through, then fail the second on every try (1 + 3 retries).
    github.inject({ method: "POST", path: /^\/uploads\//, after: 1, status: 500, times: 4 });
    await assert.rejects(store().publish(pkg), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /uploading gate-report\.json to the draft release adult-income\/v1\.0\.0 failed/);
      assert.match(error.message, /re-run the job and it resumes the draft/);
      return true;
    });
    assert.equal(github.calls.filter((call) => call.faulted).length, 4, "the fault is used up");
    assert.equal(
      logger.entries.filter((entry) => entry.level === "warning" && /uploading gate-report\.json failed/.test(entry.message)).length,
      3,
    );
    const draft = await releaseOf(pkg.tag);
    assert.equal(draft.draft, true);
    assert.deepEqual(
      draft.assets.map((asset) => asset.name),
      ["SHA256SUMS"],
    );
    assert.deepEqual(await store().list("adult-income"), [], "a draft is not a version");
    assert.equal(await store().readManifest("adult-income", "1.0.0"), undefined);

    // Plant what an interrupted or meddled-with run could leave: a wrong model card and a stray file.
    const plant = async (name: string, data: string) =>
      client.request({ method: "POST", url: draft.upload_url, name, data, headers: { "content-type": "text/plain" } });
    await plant("model-card.md", "not the model card");
    await plant("stray.txt", "left over");
    const keptId = draft.assets[0]!.id;

    const result = await store().publish(pkg);
    assert.equal(result.action, "resumed");
    const release = await releaseOf(pkg.tag);
    assert.equal(release.draft, false);
    await assertHoldsPackage(pkg.tag, pkg);
    assert.equal(release.assets.find((asset) => asset.name === "SHA256SUMS")?.id, keptId, "a good asset is kept, not uploaded again");
    assert.equal(result.digest, pkg.manifest.digest);
  });

  test("a single 5xx or dropped connection during an upload is retried and the publish succeeds", async () => {
    const pkg = await makePackage();
    github.inject({ method: "POST", path: /^\/uploads\//, after: 1, status: 502 });
    github.inject({ method: "POST", path: /^\/uploads\//, after: 2, drop: true });
    const result = await store().publish(pkg);
    assert.equal(result.action, "created");
    assert.equal(github.calls.filter((call) => call.faulted).length, 2);
    await assertHoldsPackage(pkg.tag, pkg);
  });

  test("a draft whose assets are not exactly the package after uploading is not published", async () => {
    const pkg = await makePackage();
    // The asset list read back just before publishing lacks a file, as if another job deleted it.
    github.responseHook = ({ operationId, body }) =>
      operationId === "repos/list-release-assets" && Array.isArray(body)
        ? body.filter((asset: { name: string }) => asset.name !== "model.onnx")
        : body;
    await assert.rejects(
      store().publish(pkg),
      /does not hold exactly the package after uploading \(model\.onnx: missing\); it stays an unpublished draft/,
    );
    assert.equal((await releaseOf(pkg.tag)).draft, true);
    assert.equal(writes().filter((call) => call.method === "PATCH").length, 0);
  });

  test("two jobs publishing different versions at once both succeed", async () => {
    const [one, two] = await Promise.all([makePackage({ version: "1.0.0" }), makePackage({ version: "1.1.0" })]);
    const results = await Promise.all([store().publish(one), store().publish(two)]);
    assert.deepEqual(
      results.map((result) => result.action),
      ["created", "created"],
    );
    await assertHoldsPackage(one.tag, one);
    await assertHoldsPackage(two.tag, two);
    assert.deepEqual(
      (await store().list("adult-income")).map((version) => version.version),
      ["1.1.0", "1.0.0"],
    );
  });

  test("two jobs publishing the same version at once end with one release and both succeed with its digest", async () => {
    // Two runs of one job: the same bytes, manifests that differ only in their timestamp.
    const bytes = randomBytes(8192);
    const one = await makePackage({ modelBytes: bytes, created: "2026-03-01T10:00:00Z" });
    const two = await makePackage({ modelBytes: bytes, created: "2026-03-01T10:00:05Z" });
    assert.equal(one.manifest.digest, two.manifest.digest);
    const results = await Promise.all([store().publish(one), store().publish(two)]);
    assert.deepEqual(
      results.map((result) => result.digest),
      [one.manifest.digest, one.manifest.digest],
    );
    // The loser's create gets 422 already_exists; it then completes the winner's draft alongside it.
    assert.deepEqual(results.map((result) => result.action).sort(), ["created", "resumed"]);
    assert.ok(logger.entries.some((entry) => /appeared while this run was creating it/.test(entry.message)));
    assert.deepEqual(results[0], { ...results[1], action: results[0].action });
    const release = await releaseOf(one.tag);
    assert.equal(release.draft, false);
    // Every file once; the manifest is one of the two (whichever job uploaded it first).
    const manifest = release.assets.find((asset) => asset.name === "manifest.json")!;
    const manifests = await Promise.all([one, two].map(async (pkg) => `sha256:${sha256(await readFile(join(pkg.dir, "manifest.json")))}`));
    assert.ok(manifests.includes(manifest.digest!));
    await assertHoldsPackage(one.tag, { ...one, names: one.names.filter((name) => name !== "manifest.json") }, ["manifest.json"]);
  });

  test("a file over GitHub's asset limit is refused before anything is sent", async () => {
    const pkg = await makePackage({ modelBytes: Buffer.alloc(4096) });
    await assert.rejects(store({ maxAssetBytes: 3000 }).publish(pkg), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.equal(error.file, join(pkg.dir, "model.onnx"));
      assert.match(error.message, /model\.onnx is 4096 bytes, over GitHub's limit of 3000 bytes per release asset/);
      return true;
    });
    assert.equal(github.calls.length, 0);
  });

  test("a tag another model holds under a shared tag format is refused, and its release is left alone", async () => {
    const tagFormat = "v{version}";
    await store({ tagFormat }).publish(await makePackage({ model: "churn", tagFormat }));
    const writesBefore = writes().length;
    const other = await makePackage({ model: "fraud", tagFormat });
    await assert.rejects(
      store({ tagFormat }).publish(other),
      /release v1\.0\.0 in octo-org\/models holds model churn, not fraud[\s\S]*Fix: use a tag format with \{model\}/,
    );
    assert.equal(writes().length, writesBefore);
  });

  test("a release at the tag that modelship did not make is refused", async () => {
    await client.rest.repos.createRelease({ owner: OWNER, repo: REPO, tag_name: "adult-income/v1.0.0", name: "by hand" });
    await assert.rejects(
      store().publish(await makePackage()),
      /release adult-income\/v1\.0\.0 in octo-org\/models has no manifest\.json: it was not made by modelship/,
    );
  });
});

describe("GitHubStore.list, readManifest and download", () => {
  test("list returns published versions of the model newest first, without drafts or other models' tags", async () => {
    const s = store();
    // list reads tags only: bare releases will do (the client paces writes, so fewer is faster).
    for (const tag of ["adult-income/v0.2.0-rc.1", "adult-income/v0.1.0", "adult-income/v1.0.0", "adult-income/v0.2.0", "fraud/v3.0.0"])
      await client.rest.repos.createRelease({ owner: OWNER, repo: REPO, tag_name: tag });
    await client.rest.repos.createRelease({ owner: OWNER, repo: REPO, tag_name: "adult-income/v2.0.0", draft: true });
    await client.rest.repos.createRelease({ owner: OWNER, repo: REPO, tag_name: "adult-income/latest" });
    await client.rest.repos.createRelease({ owner: OWNER, repo: REPO, tag_name: "v9.0.0" });

    const versions = await s.list("adult-income");
    assert.deepEqual(
      versions.map((version) => version.version),
      ["1.0.0", "0.2.0", "0.2.0-rc.1", "0.1.0"],
    );
    assert.deepEqual(versions[0], {
      model: "adult-income",
      version: "1.0.0",
      tag: "adult-income/v1.0.0",
      url: "https://github.com/octo-org/models/releases/tag/adult-income%2Fv1.0.0",
      created: versions[0]!.created,
    });
    assert.ok(versions[0].created !== undefined);
    assert.deepEqual(
      (await s.list("fraud")).map((version) => version.version),
      ["3.0.0"],
    );
    assert.deepEqual(await s.list("unknown"), []);
  });

  test("readManifest reads a published version's manifest and is undefined for an unknown one", async () => {
    const pkg = await makePackage();
    await store().publish(pkg);
    assert.deepEqual(await store().readManifest("adult-income", "1.0.0"), pkg.manifest);
    assert.equal(await store().readManifest("adult-income", "9.9.9"), undefined);
    assert.equal(await store().readManifest("fraud", "1.0.0"), undefined);
  });

  test("download streams every file with its bytes, following the storage redirect without the token", async () => {
    const pkg = await makePackage({ modelBytes: randomBytes(256 * 1024) });
    await store().publish(pkg);
    const dir = join(workspace, `download-${++packages}`);
    await mkdir(dir);
    const { manifest, names } = await store().download("adult-income", "1.0.0", dir);

    assert.deepEqual(manifest, pkg.manifest);
    assert.deepEqual(names, [...pkg.names].sort());
    assert.deepEqual((await readdir(dir)).sort(), [...pkg.names].sort());
    for (const name of pkg.names)
      assert.ok((await readFile(join(dir, name))).equals(await readFile(join(pkg.dir, name))), `${name} has the released bytes`);
    const storage = github.calls.filter((call) => call.path.startsWith("/_storage/"));
    assert.equal(storage.length, pkg.names.length);
    assert.ok(
      storage.every((call) => call.status === 200 && call.host?.startsWith("localhost:") === true && call.authorization === false),
      "the storage host never sees the token",
    );
  });

  test("download of a version that is not released says so", async () => {
    const dir = join(workspace, `download-${++packages}`);
    await mkdir(dir);
    await assert.rejects(
      store().download("adult-income", "4.0.0", dir),
      /adult-income@4\.0\.0 is not released in GitHub Releases of octo-org\/models \(no published release tagged adult-income\/v4\.0\.0\)/,
    );
  });
});
