/**
 * Retirement marks (src/registry/retirement.ts): the local registry's mark file beside the version
 * folder, the hidden marker in GitHub release notes, and the attacks on both — a marker planted in
 * the notes a release publishes, a marker of another version, a reason that tries to close the HTML
 * comment, a mark file a concurrent retire already wrote.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import {
  checkReason,
  markInNotes,
  MAX_REASON_LENGTH,
  neutralizeMarks,
  newMark,
  notesWithMark,
  parseModelAtVersion,
} from "../../../src/registry/retirement.ts";
import { runFetchStage } from "../../../src/stages/fetch-stage.ts";
import { retiredBy, runRetireStage } from "../../../src/stages/registry-stage.ts";
import type { StageRun } from "../../../src/stages/stage-run.ts";
import { publishTestReleases, scratchFolders } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-retire-");
after(() => rm(scratch.root, { recursive: true, force: true }));

const MODEL = "churn";
const NOW = new Date("2026-12-01T10:00:00.000Z");

async function registryWith(versions: string[]): Promise<{ root: string; store: LocalStore }> {
  const work = await scratch.fresh("world");
  const root = join(work, "registry");
  await publishTestReleases(
    work,
    root,
    MODEL,
    versions.map((version) => ({ version })),
  );
  return { root, store: new LocalStore({ root }) };
}

/** sha256 of every file in a folder, by name: what "its bytes are untouched" means. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    sums[name] = createHash("sha256")
      .update(await readFile(join(dir, name)))
      .digest("hex");
  return sums;
}

function stageRun(root: string, cwd: string): StageRun & { logger: MemoryLogger } {
  return { config: {}, cwd, env: { USER: "alice" }, logger: new MemoryLogger(), toolVersion: "0.0.0-test", defaultRegistry: root };
}

describe("the local registry's retirement mark", () => {
  test("retire writes <version>.retired.json beside the version folder, leaves the version's bytes alone, and a second retire changes nothing", async () => {
    const { root, store } = await registryWith(["1.0.0", "1.1.0"]);
    const versionDir = join(root, MODEL, "1.0.0");
    const before = await fingerprint(versionDir);
    assert.equal(await store.retirement(MODEL, "1.0.0"), undefined);

    const first = await store.retire(MODEL, "1.0.0", { reason: "leaks a feature", by: "alice", now: NOW });
    assert.equal(first.action, "created");
    assert.deepEqual(first.mark, { model: MODEL, version: "1.0.0", retiredAt: NOW.toISOString(), reason: "leaks a feature", by: "alice" });
    assert.deepEqual(await fingerprint(versionDir), before, "the version folder is byte for byte what it was");
    assert.deepEqual(JSON.parse(await readFile(join(root, MODEL, "1.0.0.retired.json"), "utf8")), first.mark);
    const markBytes = await readFile(join(root, MODEL, "1.0.0.retired.json"));

    const again = await store.retire(MODEL, "v1.0.0", { reason: "another reason", by: "bob", now: new Date("2026-12-02T00:00:00Z") });
    assert.equal(again.action, "unchanged");
    assert.deepEqual(again.mark, first.mark, "the first mark stands");
    assert.deepEqual(await readFile(join(root, MODEL, "1.0.0.retired.json")), markBytes);
    // No temporary file is left behind, and list still sees both versions (the mark is not a version).
    assert.deepEqual((await readdir(join(root, MODEL))).sort(), ["1.0.0", "1.0.0.retired.json", "1.1.0"]);
    assert.deepEqual(
      (await store.list(MODEL)).map((entry) => entry.version),
      ["1.1.0", "1.0.0"],
    );
    assert.deepEqual(await store.retirements(MODEL), [first.mark]);
    assert.equal(await store.retirement(MODEL, "1.1.0"), undefined);
  });

  test("two retires racing on the same version leave one mark, and both report it", async () => {
    const { store } = await registryWith(["2.0.0"]);
    const results = await Promise.all([
      store.retire(MODEL, "2.0.0", { reason: "first", now: NOW }),
      store.retire(MODEL, "2.0.0", { reason: "second", now: NOW }),
    ]);
    assert.deepEqual(results.map((result) => result.action).sort(), ["created", "unchanged"]);
    assert.equal(results[0].mark.reason, results[1].mark.reason, "both name the mark that was stored");
  });

  test("a version that was never released cannot be retired", async () => {
    const { store } = await registryWith(["1.0.0"]);
    await assert.rejects(store.retire(MODEL, "9.9.9", { now: NOW }), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.problem, /churn@9\.9\.9 is not in the registry .* so it cannot be retired/);
      assert.match(error.hint ?? "", /modelship registry list churn/);
      return true;
    });
  });

  test("a damaged mark file is named, with the fix, rather than read as 'not retired'", async () => {
    const { root, store } = await registryWith(["1.0.0"]);
    // A mark for another version copied over: it must not count for this one, nor be ignored silently.
    await writeFile(
      join(root, MODEL, "1.0.0.retired.json"),
      JSON.stringify({ model: MODEL, version: "0.9.0", retiredAt: NOW.toISOString() }),
    );
    await assert.rejects(store.retirement(MODEL, "1.0.0"), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.equal(error.file, join(root, MODEL, "1.0.0.retired.json"));
      assert.match(error.problem, /is not a retirement mark for churn@1\.0\.0/);
      assert.match(error.hint ?? "", /delete it and run modelship registry retire churn@1\.0\.0 again/);
      return true;
    });
  });

  test("registry retire through the stage records who retired it, and fetch then refuses the version, saying when, why and the fix", async () => {
    const { root } = await registryWith(["1.0.0", "1.1.0"]);
    const cwd = await scratch.fresh("cwd");
    const run = stageRun(root, cwd);
    const answer = await runRetireStage({ ref: `${MODEL}@1.0.0`, reason: "trained on a leaked label" }, run);
    assert.equal(answer.action, "created");
    assert.equal(answer.mark.by, "alice");
    await assert.rejects(runFetchStage({ ref: `${MODEL}@1.0.0`, dir: join(cwd, "out") }, run), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(
        error.problem,
        /^cannot fetch churn@1\.0\.0: it was retired on \d{4}-\d\d-\d\dT[\d:.]+Z by alice: trained on a leaked label$/,
      );
      assert.match(error.hint ?? "", /promote a newer version of churn/);
      return true;
    });
    // Nothing was written where the files would go.
    await assert.rejects(readdir(join(cwd, "out")), /ENOENT/);
    // A version that is not retired is fetched as before.
    const fetched = await runFetchStage({ ref: `${MODEL}@1.1.0`, dir: join(cwd, "ok") }, run);
    assert.equal(fetched.version, "1.1.0");
  });

  test("an empty USER counts as unset: the mark records the account the process runs as", async () => {
    const { root } = await registryWith(["1.0.0"]);
    const run = { ...stageRun(root, await scratch.fresh("cwd")), env: { GITHUB_ACTOR: "", USER: "", USERNAME: " " } };
    const answer = await runRetireStage({ ref: `${MODEL}@1.0.0` }, run);
    assert.equal(answer.mark.by, userInfo().username);
    assert.notEqual(answer.mark.by, "");
    assert.equal(retiredBy({ GITHUB_ACTOR: "", USER: "bob" }), "bob");
    assert.equal(retiredBy({ GITHUB_ACTOR: "octocat", USER: "bob" }), "octocat");
  });
});

describe("the hidden marker in GitHub release notes", () => {
  const mark = newMark(MODEL, "1.0.0", { reason: "bias found", by: "alice", now: NOW });

  test("the marker appended to the notes reads back; the notes people wrote stay above it", () => {
    const notes = notesWithMark("# churn 1.0.0\n\nFirst release.\n", mark);
    assert.ok(notes.startsWith("# churn 1.0.0\n\nFirst release.\n"));
    assert.match(notes, /> \*\*Retired\*\* on 2026-12-01T10:00:00\.000Z by alice: bias found\./);
    assert.deepEqual(markInNotes(notes, MODEL, "1.0.0"), mark);
    assert.deepEqual(markInNotes(notes, MODEL, "v1.0.0"), mark);
    assert.equal(markInNotes("# churn 1.0.0\n", MODEL, "1.0.0"), undefined);
    assert.equal(markInNotes(null, MODEL, "1.0.0"), undefined);
  });

  test("a marker of another version or model does not retire this one (notes copied from another release)", () => {
    const notes = notesWithMark("", mark);
    assert.equal(markInNotes(notes, MODEL, "1.0.1"), undefined);
    assert.equal(markInNotes(notes, "other-model", "1.0.0"), undefined);
  });

  test("only a marker on the last line counts: one buried in the text people wrote does not", () => {
    const buried = `${notesWithMark("intro", mark).trimEnd()}\n\nMore text someone added below.\n`;
    assert.equal(markInNotes(buried, MODEL, "1.0.0"), undefined);
  });

  test("a reason that tries to close the comment and inject markdown stays inside the marker", () => {
    const hostile = newMark(MODEL, "1.0.0", { reason: "x --> <img src=x onerror=alert(1)> & more", now: NOW });
    const notes = notesWithMark("", hostile);
    const markerLine = notes.trimEnd().split("\n").at(-1)!;
    assert.equal(markerLine.indexOf("-->"), markerLine.length - 3, "the marker's only --> is its end");
    assert.doesNotMatch(notes, /<img/);
    assert.deepEqual(markInNotes(notes, MODEL, "1.0.0"), hostile);
  });

  test("attack: a marker planted in the notes a release publishes (from the model card) is defused, so no version is born retired", () => {
    const planted = `# churn 1.0.0\n\n${notesWithMark("", mark).trim()}\n`;
    assert.deepEqual(markInNotes(planted, MODEL, "1.0.0"), mark, "without the defence the planted marker would count");
    const published = neutralizeMarks(planted);
    assert.equal(markInNotes(published, MODEL, "1.0.0"), undefined);
    // Retiring it later still works on the defused notes.
    assert.deepEqual(markInNotes(notesWithMark(published, mark), MODEL, "1.0.0"), mark);
  });
});

describe("the retire arguments", () => {
  test("MODEL@VERSION is required, and a reason is one line of bounded length", () => {
    assert.deepEqual(parseModelAtVersion("churn@v1.2.0", "X"), { model: "churn", version: "1.2.0" });
    for (const bad of ["churn", "churn@", "@1.0.0", "churn@latest"])
      assert.throws(
        () => parseModelAtVersion(bad, "registry retire's argument"),
        (error: unknown) =>
          isUserError(error) &&
          /^write registry retire's argument as the model's name, '@' and the version, e\.g\. adult-income@1\.4\.0$|^give registry retire's argument /.test(
            error.hint ?? "",
          ),
        bad,
      );
    assert.equal(checkReason("  "), undefined);
    assert.throws(() => checkReason("two\nlines"), /line break or a control character/);
    assert.throws(() => checkReason("x".repeat(MAX_REASON_LENGTH + 1)), /at most 500 are kept/);
    assert.equal(checkReason("x".repeat(MAX_REASON_LENGTH)), "x".repeat(MAX_REASON_LENGTH));
  });
});
