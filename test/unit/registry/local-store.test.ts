import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { verifyPackage } from "../../../src/registry/verified-fetch.ts";
import { LocalStore, localStoreFromUrl } from "../../../src/registry/local-store.ts";
import type { PackageToPublish } from "../../../src/registry/registry-types.ts";
import { scratchFolders, writeTestPackage } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-local-store-");
after(() => rm(scratch.root, { recursive: true, force: true }));
const freshDir = scratch.fresh;

/** A package as the packager makes one (test/support/registry-package.ts). */
async function makePackage(options: {
  model?: string;
  version: string;
  files?: Record<string, string>;
  created?: string;
}): Promise<PackageToPublish> {
  const model = options.model ?? "churn";
  const files = options.files ?? { "model.onnx": `onnx bytes of ${model}`, "gate-report.json": '{"verdict":"pass"}' };
  return writeTestPackage({
    dir: await freshDir("package"),
    model,
    version: options.version,
    files,
    metrics: { accuracy: { value: 0.9 } },
    notes: `# ${model} ${options.version}\n`,
    ...(options.created === undefined ? {} : { created: options.created }),
  });
}

async function mtimes(dir: string): Promise<Map<string, number>> {
  const result = new Map<string, number>([[".", (await stat(dir)).mtimeMs]]);
  for (const name of await readdir(dir)) result.set(name, (await stat(join(dir, name))).mtimeMs);
  return result;
}

describe("LocalStore", () => {
  it("publishes a version that list, readManifest and download then see", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const pkg = await makePackage({ version: "1.0.0" });
    const published = await store.publish(pkg);

    const versionDir = join(root, "churn", "1.0.0");
    assert.equal(published.action, "created");
    assert.equal(published.digest, pkg.manifest.digest);
    assert.equal(published.tag, "churn/v1.0.0");
    assert.equal(published.url, pathToFileURL(versionDir).href);
    assert.equal(published.manifestUrl, pathToFileURL(join(versionDir, "manifest.json")).href);
    assert.equal(published.modelUri, pathToFileURL(join(versionDir, "model.onnx")).href);
    assert.deepEqual((await readdir(versionDir)).sort(), [
      "RELEASE-NOTES.md",
      "SHA256SUMS",
      "gate-report.json",
      "manifest.json",
      "model.onnx",
    ]);
    assert.equal(await readFile(join(versionDir, "RELEASE-NOTES.md"), "utf8"), "# churn 1.0.0\n");
    assert.deepEqual(await readdir(join(root, "churn")), ["1.0.0"], "no staging folder is left behind");

    const versions = await store.list("churn");
    assert.deepEqual(versions, [
      { model: "churn", version: "1.0.0", tag: "churn/v1.0.0", url: published.url, created: pkg.manifest.created },
    ]);
    assert.deepEqual(await store.readManifest("churn", "1.0.0"), pkg.manifest);
    assert.equal(await store.readManifest("churn", "9.9.9"), undefined);

    const into = await freshDir("download");
    const downloaded = await store.download("churn", "1.0.0", into);
    assert.deepEqual(downloaded.manifest, pkg.manifest);
    assert.deepEqual(downloaded.names, ["RELEASE-NOTES.md", "SHA256SUMS", "gate-report.json", "manifest.json", "model.onnx"]);
    assert.equal(await readFile(join(into, "model.onnx"), "utf8"), "onnx bytes of churn");
    assert.equal((await verifyPackage(into, { model: "churn", version: "1.0.0" })).digest, pkg.manifest.digest);
  });

  it("reports a re-publish of the same bytes as unchanged without writing anything", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    await store.publish(await makePackage({ version: "1.0.0", created: "2024-01-01T00:00:00Z" }));
    const versionDir = join(root, "churn", "1.0.0");
    const before = await mtimes(versionDir);
    const manifestBefore = await readFile(join(versionDir, "manifest.json"), "utf8");
    await new Promise((done) => setTimeout(done, 20));

    // A re-run packages the same files again: a new timestamp, the same digest.
    const again = await store.publish(await makePackage({ version: "1.0.0", created: "2024-06-01T00:00:00Z" }));
    assert.equal(again.action, "unchanged");
    assert.equal(again.url, pathToFileURL(versionDir).href);
    assert.deepEqual(await mtimes(versionDir), before);
    assert.equal(await readFile(join(versionDir, "manifest.json"), "utf8"), manifestBefore, "the first release's manifest stays");
  });

  it("refuses to publish other bytes under a released version and leaves the original intact", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const original = await makePackage({ version: "1.0.0" });
    await store.publish(original);
    const other = await makePackage({ version: "1.0.0", files: { "model.onnx": "retrained bytes", "gate-report.json": "{}" } });
    await assert.rejects(
      store.publish(other),
      (error: unknown) =>
        isUserError(error) &&
        error.message.includes("churn@1.0.0 is already released with other bytes") &&
        error.message.includes(`digest ${original.manifest.digest.slice(0, 12)}, this package ${other.manifest.digest.slice(0, 12)}`) &&
        error.message.includes("bump: patch"),
    );
    assert.equal(await readFile(join(root, "churn", "1.0.0", "model.onnx"), "utf8"), "onnx bytes of churn");
    await verifyPackage(join(root, "churn", "1.0.0"), { model: "churn", version: "1.0.0" });
    assert.deepEqual(await readdir(join(root, "churn")), ["1.0.0"]);
  });

  it("lands two versions published at the same time", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const [a, b] = await Promise.all([
      store.publish(await makePackage({ version: "1.0.0" })),
      store.publish(await makePackage({ version: "1.1.0", files: { "model.onnx": "v1.1" } })),
    ]);
    assert.deepEqual([a.action, b.action], ["created", "created"]);
    assert.deepEqual(
      (await store.list("churn")).map((info) => info.version),
      ["1.1.0", "1.0.0"],
    );
    assert.deepEqual((await readdir(join(root, "churn"))).sort(), ["1.0.0", "1.1.0"]);
  });

  it("ends a race on one version with one complete folder: created once, unchanged for the rest", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const packages = await Promise.all([1, 2, 3, 4].map(() => makePackage({ version: "2.0.0" })));
    const results = await Promise.all(packages.map((pkg) => new LocalStore({ root }).publish(pkg)));
    assert.deepEqual(results.map((result) => result.action).sort(), ["created", "unchanged", "unchanged", "unchanged"]);
    assert.deepEqual(await readdir(join(root, "churn")), ["2.0.0"], "no staging folder is left behind");
    await verifyPackage(join(root, "churn", "2.0.0"), { model: "churn", version: "2.0.0" });
    assert.equal((await store.list("churn")).length, 1);
  });

  it("lets one of two racing publishes of different bytes win and refuses the other", async () => {
    const root = await freshDir("registry");
    const first = await makePackage({ version: "3.0.0", files: { "model.onnx": "first" } });
    const second = await makePackage({ version: "3.0.0", files: { "model.onnx": "second" } });
    const results = await Promise.allSettled([new LocalStore({ root }).publish(first), new LocalStore({ root }).publish(second)]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(won[0]!.value.action, "created");
    assert.equal(lost.length, 1);
    assert.match(String(lost[0]!.reason), /already released with other bytes/);
    const stored = await verifyPackage(join(root, "churn", "3.0.0"));
    assert.equal(stored.digest, won[0]!.value.digest);
  });

  it("hides a crashed publish's staging folder and removes it once it is an hour old", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const stale = join(root, "churn", ".staging-1.0.0-deadbeef");
    const fresh = join(root, "churn", ".staging-1.1.0-cafebabe");
    for (const dir of [stale, fresh]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "model.onnx"), "half a mod");
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    assert.deepEqual(await store.list("churn"), []);

    await store.publish(await makePackage({ version: "1.0.0" }));
    assert.deepEqual(
      (await readdir(join(root, "churn"))).sort(),
      [".staging-1.1.0-cafebabe", "1.0.0"],
      "a young staging folder may be a publish in progress",
    );
    assert.deepEqual(
      (await store.list("churn")).map((info) => info.version),
      ["1.0.0"],
    );
  });

  it("lists only version folders with a manifest, newest first by semantic version", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    for (const version of ["1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1", "2.0.0-rc.2"])
      await store.publish(await makePackage({ version, files: { "model.onnx": version } }));
    await mkdir(join(root, "churn", "3.0.0"));
    await mkdir(join(root, "churn", "notes"));
    await mkdir(join(root, "churn", "v4.0.0"));
    await writeFile(join(root, "churn", "5.0.0"), "a file, not a folder");
    assert.deepEqual(
      (await store.list("churn")).map((info) => info.version),
      ["2.0.0-rc.2", "2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0"],
    );
    assert.deepEqual(await store.list("unknown-model"), []);
    assert.deepEqual(await new LocalStore({ root: join(root, "missing") }).list("churn"), []);
  });

  it("still lists a version whose manifest is damaged, so that latest does not silently fall back", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    await store.publish(await makePackage({ version: "1.0.0" }));
    await store.publish(await makePackage({ version: "1.1.0", files: { "model.onnx": "v1.1" } }));
    await writeFile(join(root, "churn", "1.1.0", "manifest.json"), "{ not json");
    const versions = await store.list("churn");
    assert.deepEqual(
      versions.map((info) => [info.version, info.tag]),
      [
        ["1.1.0", "churn/v1.1.0"],
        ["1.0.0", "churn/v1.0.0"],
      ],
    );
    await assert.rejects(
      store.readManifest("churn", "1.1.0"),
      (error: unknown) => isUserError(error) && error.file === join(root, "churn", "1.1.0", "manifest.json"),
    );
  });

  it("refuses a package whose files no longer match its manifest, storing nothing", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const pkg = await makePackage({ version: "1.0.0" });
    await writeFile(join(pkg.dir, "model.onnx"), "changed after packaging");
    await assert.rejects(
      store.publish(pkg),
      (error: unknown) => isUserError(error) && /cannot publish churn@1\.0\.0/.test(error.message) && /model\.onnx/.test(error.message),
    );
    assert.deepEqual(await readdir(join(root, "churn")), []);
    assert.deepEqual(await store.list("churn"), []);
  });

  it("refuses a version folder that is in the way but holds no manifest", async () => {
    const root = await freshDir("registry");
    await mkdir(join(root, "churn", "1.0.0"), { recursive: true });
    await writeFile(join(root, "churn", "1.0.0", "stray.txt"), "someone's file");
    await assert.rejects(
      new LocalStore({ root }).publish(await makePackage({ version: "1.0.0" })),
      (error: unknown) => isUserError(error) && /holds no manifest\.json/.test(error.message),
    );
    assert.deepEqual(await readdir(join(root, "churn", "1.0.0")), ["stray.txt"]);
  });

  it("refuses model names and versions that could leave the registry folder", async () => {
    const store = new LocalStore({ root: await freshDir("registry") });
    await assert.rejects(store.list("../etc"), isUserError);
    await assert.rejects(store.readManifest("churn", "../../1.0.0"), isUserError);
  });
});

describe("localStoreFromUrl", () => {
  it("opens file:// URLs and plain paths, and refuses other URLs", async () => {
    const root = await freshDir("registry");
    assert.equal(localStoreFromUrl(pathToFileURL(root).href).root, root);
    assert.equal(localStoreFromUrl(root).root, root);
    assert.equal(localStoreFromUrl(root).description, pathToFileURL(root).href);
    assert.equal(localStoreFromUrl(root).kind, "local");
    assert.throws(
      () => localStoreFromUrl("https://example.com/models"),
      (error: unknown) => isUserError(error) && /not a local folder/.test(error.message),
    );
  });
});
