/**
 * A release refers to its own actions and workflows by commit SHA: scripts/lib/self-refs.ts's
 * release rule on YAML written here (a tree @v1 fails at every reference's line; the same tree after
 * setRef to a SHA passes; `--version` writes the `# vX.Y.Z` comment), and scripts/check-self-refs.ts
 * --release run on a real git repository: the pinned SHA must be a commit that carries the same
 * files (a dist/ changed after it fails) and is pinned itself (pinning once, to a commit that still
 * says @v1, fails; pinning twice passes).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { git } from "../support/git.ts";
import { checkReleasePins, checkSelfRefs, sameExceptSelfRefs, setRef, type SourceFile } from "../../scripts/lib/self-refs.ts";

const REPO = "modelship/modelship";
const SCRIPT = join(import.meta.dirname, "../../scripts/check-self-refs.ts");
const SHA = "0123456789abcdef0123456789abcdef01234567";

const REUSABLE = `name: release pins
on: workflow_call
permissions: {}
jobs:
  ship:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: modelship/modelship/actions/train@v1
      - uses: modelship/modelship/actions/evaluate@v1   # composite: sets up onnxruntime first
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
# Callers write:
#   uses: modelship/modelship/.github/workflows/model-ci.yml@v1
`;

const ACTION = (name: string) => `name: ${name}\ndescription: ${name}\nruns:\n  using: node24\n  main: ../../dist/${name}.js\n`;

const CALLER = `on: push
permissions: {}
jobs:
  ci:
    permissions: { contents: read }
    uses: modelship/modelship/.github/workflows/model-ci.yml@v1
`;

const TREE: Record<string, string> = {
  "package.json": `${JSON.stringify({ name: "modelship", repository: "github:modelship/modelship" })}\n`,
  "reusable-workflows/model-ci.yml": REUSABLE,
  ".github/workflows/model-ci.yml": `# GENERATED from reusable-workflows/model-ci.yml\n${REUSABLE}`,
  "examples/model-repo/.github/workflows/model.yml": CALLER,
  "actions/train/action.yml": ACTION("train"),
  "actions/evaluate/action.yml": ACTION("evaluate"),
  "dist/train.js": 'console.log("train");\n',
  "dist/evaluate.js": 'console.log("evaluate");\n',
};

const sourceFiles = (): SourceFile[] =>
  Object.entries(TREE)
    .filter(([path]) => path.endsWith(".yml"))
    .map(([path, text]) => ({ path, text }));

describe("the release rule (scripts/lib/self-refs.ts)", () => {
  test("a tree @v1 fails at every self-reference's line, usage comments included", () => {
    const problems = checkReleasePins(sourceFiles(), REPO);
    assert.deepEqual(
      problems.map((problem) => `${problem.file}:${problem.line}`),
      [
        ".github/workflows/model-ci.yml:10",
        ".github/workflows/model-ci.yml:11",
        ".github/workflows/model-ci.yml:14",
        "examples/model-repo/.github/workflows/model.yml:6",
        "reusable-workflows/model-ci.yml:9",
        "reusable-workflows/model-ci.yml:10",
        "reusable-workflows/model-ci.yml:13",
      ],
    );
    assert.match(problems[0]!.message, /full 40-hex SHA of the commit it ships, not @v1/);
    assert.match(problems[0]!.fix, /--set-ref <40-hex SHA>/);
  });

  test("the same tree after setRef to a SHA passes, with `# vX.Y.Z` where a line had no other comment", () => {
    const pinned = sourceFiles().map((file) => ({ path: file.path, text: setRef(file, REPO, SHA, { version: "v1.3.0" }).text }));
    assert.deepEqual(checkReleasePins(pinned, REPO), []);
    assert.deepEqual(checkSelfRefs(pinned, REPO, () => true).problems, []);
    const workflow = pinned.find((file) => file.path === "reusable-workflows/model-ci.yml")!.text;
    assert.ok(workflow.includes(`      - uses: modelship/modelship/actions/train@${SHA} # v1.3.0\n`));
    assert.ok(workflow.includes(`      - uses: modelship/modelship/actions/evaluate@${SHA}   # composite: sets up onnxruntime first\n`));
    assert.ok(
      workflow.includes(`#   uses: modelship/modelship/.github/workflows/model-ci.yml@${SHA}\n`),
      "a usage comment gets no second comment",
    );
    // Re-pinning replaces the version comment instead of adding one; a short SHA or a tag is not a pin.
    const again = setRef({ path: "a.yml", text: workflow }, REPO, "f".repeat(40), { version: "v1.3.1" }).text;
    assert.ok(again.includes(`actions/train@${"f".repeat(40)} # v1.3.1\n`));
    for (const ref of ["v1.3.0", SHA.slice(0, 12), SHA.toUpperCase(), "main"]) {
      const problems = checkReleasePins([{ path: "a.yml", text: CALLER.replace("@v1", `@${ref}`) }], REPO);
      assert.equal(problems.length, 1, ref);
    }
    assert.throws(() => setRef({ path: "a.yml", text: CALLER }, REPO, SHA, { version: "1.3" }), /not a version/);
  });

  test("files that differ in their self-references alone are the same release", () => {
    const file = sourceFiles()[1]!;
    const pinned = setRef(file, REPO, SHA, { version: "v1.3.0" }).text;
    assert.equal(sameExceptSelfRefs(file.path, file.text, pinned, REPO), true);
    assert.equal(sameExceptSelfRefs(file.path, file.text, pinned.replace("ubuntu-latest", "self-hosted"), REPO), false);
  });
});

describe("node scripts/check-self-refs.ts --release, on a git repository", () => {
  let dir: string;
  const commit = (message: string) => {
    git(dir, ["add", "-A"]);
    git(dir, ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", message]);
    return git(dir, ["rev-parse", "HEAD"]);
  };
  const script = (...args: string[]) => {
    const result = spawnSync(process.execPath, [SCRIPT, "--root", dir, ...args], { encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-release-pins-"));
    for (const [path, text] of Object.entries(TREE)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    git(dir, ["init", "--quiet", "--initial-branch=main"]);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("@v1 fails naming file:line; pinning once fails (the pinned commit says @v1); pinning twice passes; a changed dist/ fails", async () => {
    const a = commit("the release's files, self-references @v1");
    const unpinned = script("--release");
    assert.equal(unpinned.status, 1, unpinned.output);
    assert.match(unpinned.output, /^reusable-workflows\/model-ci\.yml:9: `modelship\/modelship\/actions\/train@v1`: a release refers/m);
    assert.match(unpinned.output, /^examples\/model-repo\/\.github\/workflows\/model\.yml:6: /m);
    assert.equal(script().status, 0, "on main, @v1 passes the ordinary check");

    assert.equal(script("--set-ref", a, "--version", "v1.3.0").status, 0);
    assert.ok((await readFile(join(dir, "reusable-workflows/model-ci.yml"), "utf8")).includes(`actions/train@${a} # v1.3.0`));
    const once = script("--release");
    assert.equal(once.status, 1, once.output);
    assert.match(once.output, new RegExp(`in the pinned commit ${a.slice(0, 12)}: .*not @v1.*\\n\\s+fix: pin twice`));

    const b = commit("pinned to A");
    assert.equal(script("--set-ref", b, "--version", "v1.3.0").status, 0);
    const twice = script("--release");
    assert.equal(twice.status, 0, twice.output);
    assert.match(twice.output, /all @[0-9a-f]{40}.*release: pinned by SHA/);

    await writeFile(join(dir, "dist/train.js"), 'console.log("train, changed after the pinned commit");\n');
    const changed = script("--release");
    assert.equal(changed.status, 1, changed.output);
    assert.match(
      changed.output,
      new RegExp(`^dist/train\\.js:1: differs from the pinned commit ${b.slice(0, 12)} beyond its self-references`, "m"),
    );
    git(dir, ["checkout", "--quiet", "--", "dist/train.js"]);

    assert.equal(script("--set-ref", "f".repeat(40)).status, 0);
    const unknown = script("--release");
    assert.equal(unknown.status, 1);
    assert.match(unknown.output, /pin f{40}, which is not a commit of this repository/);
  });
});
