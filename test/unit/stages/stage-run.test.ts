/**
 * loadStageConfig: modelship.yaml from the working tree, or as it is at a git commit, so a check can
 * take its rules from the base of a change rather than from the change itself (a real git
 * repository made here).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { loadStageConfig } from "../../../src/stages/stage-run.ts";
import { git } from "../../support/git.ts";

const BASE =
  "model: adult-income\npromote:\n  environments:\n    production:\n      targets:\n        - { kind: yaml-path, file: values.yaml, uri_path: /model/uri }\n";
const CHANGED = "model: adult-income\n";

describe("loadStageConfig", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "modelship-stage-run-"));
    git(dir, ["init", "-q", "-b", "main"]);
    writeFileSync(join(dir, "modelship.yaml"), BASE);
    git(dir, ["add", "modelship.yaml"]);
    git(dir, ["commit", "-q", "-m", "base"]);
    // The change under review: the working tree drops the targets.
    writeFileSync(join(dir, "modelship.yaml"), CHANGED);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test("by default reads the working tree", async () => {
    const loaded = await loadStageConfig({}, dir);
    assert.equal(loaded.file, "modelship.yaml");
    assert.equal(loaded.config?.promote, undefined);
  });

  test("at a ref reads the file as that commit has it, named FILE@REF in messages", async () => {
    const loaded = await loadStageConfig({ ref: "HEAD" }, dir);
    assert.equal(loaded.file, "modelship.yaml@HEAD");
    assert.deepEqual(Object.keys(loaded.config?.promote?.environments ?? {}), ["production"]);
    assert.equal(loaded.resolvePath("values.yaml"), "values.yaml");
  });

  test("at a ref, a default file the commit lacks is an empty config; a named one is a UserError", async () => {
    // A commit whose tree is empty, made without touching the working tree.
    const emptyTree = git(dir, ["hash-object", "-t", "tree", "--stdin"]);
    git(dir, ["branch", "empty", git(dir, ["commit-tree", emptyTree, "-m", "empty"])]);
    const loaded = await loadStageConfig({ ref: "empty" }, dir);
    assert.equal(loaded.config, undefined);
    await assert.rejects(loadStageConfig({ ref: "empty", file: "modelship.yaml" }, dir), (error: unknown) => {
      return isUserError(error) && /modelship\.yaml is not in the repository at empty/.test(error.message);
    });
  });

  test("a ref that is not a commit, or no repository, is an error, never an empty config", async () => {
    await assert.rejects(loadStageConfig({ ref: "no-such-branch" }, dir), (error: unknown) => {
      return isUserError(error) && /cannot read modelship\.yaml at "no-such-branch": it is not a commit/.test(error.message);
    });
    const outside = mkdtempSync(join(tmpdir(), "modelship-stage-run-outside-"));
    try {
      await assert.rejects(
        loadStageConfig({ ref: "HEAD" }, outside),
        (error: unknown) => isUserError(error) && /is not a commit/.test(error.message),
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test("an invalid file at a ref is refused with its name and the commit", async () => {
    writeFileSync(join(dir, "bad.yaml"), "model: 3\nunknown_key: true\n");
    git(dir, ["add", "bad.yaml"]);
    git(dir, ["commit", "-q", "-m", "bad"]);
    await assert.rejects(loadStageConfig({ ref: "HEAD", file: "bad.yaml" }, dir), (error: unknown) => {
      return isUserError(error) && error.message.includes("bad.yaml@HEAD");
    });
  });
});
