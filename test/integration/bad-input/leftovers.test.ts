/**
 * Nothing left behind on success either: `release --reference-data train` profiles the training
 * data into a private temp folder and removes it whether the release succeeds or fails, and a bad
 * version is refused before any profiling starts; `evaluate` fetches a released champion into a
 * temp folder and removes it after the comparison.
 */
import assert from "node:assert/strict";
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildKit, childEnv, listTree } from "../../support/bad-input.ts";
import { CLI_PATH, hasStackTrace } from "../../support/cli.ts";
import { runProcess } from "../../support/runner.ts";

let kit: string;
let root: string;
before(async () => {
  kit = await buildKit();
  root = await mkdtemp(join(tmpdir(), "modelship-leftovers-"));
});
after(async () => {
  await rm(kit, { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
});

let count = 0;
/** Runs `modelship ARGS…` in a fresh copy of the kit with its own empty TMPDIR. */
async function modelship(args: string[], config = "") {
  const work = join(root, `work-${++count}`);
  const temp = join(root, `tmp-${count}`);
  await cp(kit, work, { recursive: true });
  await mkdir(temp);
  if (config !== "") await appendFile(join(work, "modelship.yaml"), config);
  const run = await runProcess(process.execPath, [CLI_PATH, ...args], { cwd: work, env: childEnv(temp), timeoutMs: 120_000 });
  return { ...run, work, temp };
}
const release = (args: string[]) => modelship(["release", ...args]);

describe("release --reference-data train leaves nothing in TMPDIR", () => {
  test("on success: the release carries the profile and the temp folder is gone", async () => {
    // -v: the stage's info lines (what was profiled) are for verbose runs.
    const run = await release(["--model", "model.onnx", "--version", "2.0.0", "--reference-data", "train", "-v"]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stderr, /Profiled the reference data \(600 rows/);
    assert.ok((await stat(join(run.work, "registry/toy/2.0.0/reference-profile.json"))).isFile(), "the release holds the profile");
    assert.deepEqual(await listTree(run.temp), []);
  });

  test("on failure after profiling (other bytes under a released version): nothing is left", async () => {
    const run = await release(["--model", "other.onnx", "--version", "1.0.0", "--allow-ungated", "--reference-data", "train", "-v"]);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /Profiled the reference data/, "the failure came after profiling");
    assert.match(run.stderr, /already released with other bytes/);
    assert.ok(!hasStackTrace(run.stderr));
    assert.deepEqual(await listTree(run.temp), []);
    assert.deepEqual(await readdir(join(run.work, "registry/toy")), ["1.0.0"]);
  });

  test("a malformed --version is refused before any data is profiled", async () => {
    const run = await release(["--model", "model.onnx", "--version", "1.2", "--reference-data", "train", "-v"]);
    assert.equal(run.exitCode, 2, run.stderr);
    assert.match(run.stderr, /"1\.2" is not a version/);
    assert.match(run.stderr, /Fix: .*1\.4\.0/);
    assert.doesNotMatch(run.stderr, /Profiled/, "the version is checked before the reference data is read");
    assert.deepEqual(await listTree(run.temp), []);
  });
});

describe("evaluate against a released champion leaves nothing in TMPDIR", () => {
  test("the champion is fetched from the registry, compared, and its temp folder removed", async () => {
    const run = await modelship(["evaluate", "--report-dir", "reports", "-v"], "gates:\n  champion: { release: 1.0.0 }\n");
    assert.ok(run.exitCode === 0 || run.exitCode === 1, `the evaluation ran:\n${run.stderr}`);
    assert.match(run.stderr, /Champion: toy 1\.0\.0 from .*verified/);
    assert.ok(!hasStackTrace(run.stderr));
    assert.deepEqual(await listTree(run.temp), [], "the fetched champion is gone");
  });
});
