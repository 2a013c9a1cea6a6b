/**
 * `modelship release`, `registry` and `fetch` as a user runs them, on the local registry folder:
 * versions bump, a re-run releases nothing new, other bytes under a released version are refused,
 * `registry show` tells what a version is, and a fetch of a tampered release fails naming the file.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { makeToyModel, toyGateReport } from "../support/toy-model.ts";

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-cli-release-"));
  makeToyModel(dir);
  await toyGateReport(dir, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] }, reportDir: join(dir, ".modelship/evaluation") });
  await writeFile(join(dir, "modelship.yaml"), "model: toy\nrelease:\n  registry: registry\n");
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { cwd: dir });

describe("modelship release, registry and fetch", () => {
  test("release bumps from nothing to 0.0.1, a re-run releases nothing new, --version 1.0.0 adds a version", () => {
    const first = cli("release", "--model", "model.onnx", "--json");
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(
      (({ version, tag, action }) => ({ version, tag, action }))(
        JSON.parse(first.stdout) as { version: string; tag: string; action: string },
      ),
      { version: "0.0.1", tag: "toy/v0.0.1", action: "created" },
    );
    const again = cli("release", "--model", "model.onnx", "--json");
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual((({ version, action }) => ({ version, action }))(JSON.parse(again.stdout) as { version: string; action: string }), {
      version: "0.0.1",
      action: "unchanged",
    });
    const explicit = cli("release", "--model", "model.onnx", "--version", "v1.0.0");
    assert.equal(explicit.status, 0, explicit.stderr);
    assert.match(explicit.stdout, /^✓ Released toy 1\.0\.0 \(tag toy\/v1\.0\.0\)/);
    // The URL is printed once (the result's second line), not also by the stage's log.
    const url = /^ {2}(file:\S+)$/m.exec(explicit.stdout)?.[1];
    assert.ok(url !== undefined && url.length > 0, explicit.stdout);
    // The URL itself, not a file under it (model: URL/model.onnx).
    const said = `${explicit.stdout}\n${explicit.stderr}`
      .split(url)
      .slice(1)
      .filter((after) => !after.startsWith("/"));
    assert.equal(said.length, 1, `${explicit.stdout}\n${explicit.stderr}`);
    const list = cli("registry", "list", "toy", "--json");
    assert.deepEqual(
      (JSON.parse(list.stdout) as { version: string }[]).map((entry) => entry.version),
      ["1.0.0", "0.0.1"],
    );
  });

  test("retraining to the same bytes (a new gate report, new timestamps) and releasing with a bump returns the newest release", async () => {
    await toyGateReport(dir, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] }, reportDir: join(dir, ".modelship/evaluation") });
    const rerun = cli("release", "--model", "model.onnx", "--json");
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.deepEqual((({ version, action }) => ({ version, action }))(JSON.parse(rerun.stdout) as { version: string; action: string }), {
      version: "1.0.0",
      action: "unchanged",
    });
  });

  test("other bytes under a released version are refused, and so is a malformed version", () => {
    const other = cli("release", "--model", "other.onnx", "--version", "1.0.0", "--allow-ungated");
    assert.equal(other.status, 2);
    assert.match(other.stderr, /toy@1\.0\.0 is already released with other bytes/);
    const malformed = cli("release", "--model", "model.onnx", "--version", "1.0");
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /"1\.0" is not a version/);
    for (const run of [other, malformed]) assert.ok(!hasStackTrace(run.stderr));
  });

  test("registry show tells the files, verdict and the version it followed", () => {
    const show = cli("registry", "show", "toy@latest");
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /^✓ toy 1\.0\.0 \(tag toy\/v1\.0\.0\)/);
    assert.match(show.stdout, /^ {2}✓ gates pass$/m);
    assert.match(show.stdout, /^ {4}model\.onnx +model +\d+ B +[0-9a-f]{12}$/m);
    assert.match(show.stdout, /after 0\.0\.1/);
    // --format markdown keeps the tables.
    const markdown = cli("registry", "show", "toy@latest", "--format", "markdown");
    assert.match(markdown.stdout, /gate verdict: pass/);
    assert.match(markdown.stdout, /\| model\.onnx \| model \|/);
    const unknown = cli("registry", "show", "toy@9.9.9");
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /toy@9\.9\.9 is not in[\s\S]*released versions: 1\.0\.0, 0\.0\.1/, "the same message as fetch's");
  });

  test("fetch verifies; a changed byte in the registry is refused naming the file, and nothing is left", async () => {
    const fetched = cli("fetch", "toy@0.0.1", "--dir", "fetched");
    assert.equal(fetched.status, 0, fetched.stderr);
    assert.deepEqual(await readFile(join(dir, "fetched/model.onnx")), await readFile(join(dir, "model.onnx")));
    const stored = join(dir, "registry/toy/1.0.0/gate-report.json");
    await writeFile(stored, (await readFile(stored, "utf8")).replace('"verdict": "pass"', '"verdict": "pas5"'));
    const tampered = cli("fetch", "toy@1.0.0", "--dir", "tampered");
    assert.equal(tampered.status, 2);
    assert.match(tampered.stderr, /toy@1\.0\.0\/gate-report\.json: sha256 [0-9a-f]+ does not match the manifest/);
    await assert.rejects(readFile(join(dir, "tampered/model.onnx")), /ENOENT/);
  });
});
