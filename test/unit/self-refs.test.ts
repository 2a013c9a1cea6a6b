/**
 * scripts/lib/self-refs.ts on YAML written here: a clean tree passes; a missing action or workflow,
 * a `./` reference in a reusable workflow or composite action, and mixed refs each fail at their
 * line; --set-ref rewrites only the references and keeps comments and formatting.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkSelfRefs,
  classify,
  findUses,
  isReusable,
  isValidRef,
  parseSelfRef,
  repositoryFromPackageJson,
  setRef,
  type SourceFile,
} from "../../scripts/lib/self-refs.ts";

const REPO = "modelship/modelship";

const REUSABLE = `# Call it like this:
#
#   jobs:
#     ci:
#       uses: modelship/modelship/.github/workflows/model-ci.yml@v1
name: model ci
on:
  workflow_call:
    inputs:
      config: { type: string, default: modelship.yaml }
permissions: {}
jobs:
  train:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - name: Train
        uses: modelship/modelship/actions/train@v1   # our action, pinned by release tag
        with:
          config: \${{ inputs.config }}
      - run: |
          # uses: is just text in a script
          echo "uses: modelship/modelship/actions/nope@main"
`;

const ACTION = (name: string) => `name: ${name}
description: ${name}
runs:
  using: node24
  main: ../../dist/${name}.js
`;

const COMPOSITE = `name: evaluate
description: evaluate
runs:
  using: composite
  steps:
    - uses: modelship/modelship/actions/train@v1
`;

const CALLER = `on: pull_request
permissions: {}
jobs:
  model:
    uses: modelship/modelship/.github/workflows/model-ci.yml@v1
    permissions:
      contents: write
`;

function tree(overrides: Record<string, string | null> = {}): SourceFile[] {
  const files: Record<string, string | null> = {
    "reusable-workflows/model-ci.yml": REUSABLE,
    ".github/workflows/model-ci.yml": `# GENERATED from reusable-workflows/model-ci.yml\n${REUSABLE}`,
    "examples/model-repo/.github/workflows/model.yml": CALLER,
    "actions/train/action.yml": ACTION("train"),
    "actions/evaluate/action.yml": COMPOSITE,
    ...overrides,
  };
  return Object.entries(files).flatMap(([path, text]) => (text === null ? [] : [{ path, text }]));
}

const messages = (files: SourceFile[]) =>
  checkSelfRefs(files, REPO).problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message} | ${problem.fix}`);

describe("finding self-references", () => {
  test("YAML uses: with their level, commented examples, and nothing inside a run: script", () => {
    const uses = findUses(REUSABLE);
    assert.deepEqual(
      uses.map((entry) => [entry.line, entry.value, entry.level]),
      [
        [5, "modelship/modelship/.github/workflows/model-ci.yml@v1", "comment"],
        [18, "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "step"],
        [20, "modelship/modelship/actions/train@v1", "step"],
      ],
    );
    assert.deepEqual(
      findUses(CALLER).map((entry) => entry.level),
      ["job"],
    );
  });

  test("parseSelfRef splits target and ref, and ignores look-alike repositories", () => {
    assert.deepEqual(parseSelfRef("modelship/modelship/actions/train@v1", REPO), { target: "actions/train", ref: "v1" });
    assert.deepEqual(parseSelfRef("Modelship/Modelship/.github/workflows/drift.yml@v1.2.0", REPO), {
      target: ".github/workflows/drift.yml",
      ref: "v1.2.0",
    });
    assert.deepEqual(parseSelfRef("modelship/modelship@main", REPO), { target: "", ref: "main" });
    assert.deepEqual(parseSelfRef("modelship/modelship/actions/train", REPO), { target: "actions/train", ref: undefined });
    assert.equal(parseSelfRef("modelship/modelship-extras/actions/x@v1", REPO), undefined);
    assert.equal(parseSelfRef("other/modelship/actions/x@v1", REPO), undefined);
    assert.equal(parseSelfRef("actions/checkout@v4", REPO), undefined);
  });

  test("repository from package.json, reusable detection, file kinds", () => {
    assert.equal(repositoryFromPackageJson({ repository: "github:acme/ship" }), "acme/ship");
    assert.equal(repositoryFromPackageJson({ repository: { type: "git", url: "git+https://github.com/acme/ship.git" } }), "acme/ship");
    assert.equal(repositoryFromPackageJson({ name: "x" }), undefined);
    assert.equal(isReusable("on: workflow_call\njobs: {}\n"), true);
    assert.equal(isReusable("on: [push, workflow_call]\njobs: {}\n"), true);
    assert.equal(isReusable("on:\n  workflow_call:\n    inputs: {}\n"), true);
    assert.equal(isReusable("on: push\n"), false);
    assert.equal(classify("reusable-workflows/a.yml"), "reusable-workflow");
    assert.equal(classify(".github/workflows/a.yml"), "workflow");
    assert.equal(classify("examples/x/.github/workflows/a.yml"), "example-workflow");
    assert.equal(classify("actions/train/action.yml"), "action");
  });
});

describe("checkSelfRefs", () => {
  test("a consistent tree passes and counts every reference", () => {
    const result = checkSelfRefs(tree(), REPO);
    assert.deepEqual(result.problems, []);
    assert.equal(result.ref, "v1");
    assert.equal(result.refs.length, 6); // 2 per workflow copy (comment + step), 1 example, 1 composite
  });

  test("a missing action or workflow fails at its line, naming what exists", () => {
    const problems = messages(tree({ "actions/train/action.yml": null, ".github/workflows/model-ci.yml": null }));
    assert.ok(
      problems.some(
        (line) =>
          line.startsWith(
            "reusable-workflows/model-ci.yml:20: `modelship/modelship/actions/train@v1`: actions/train/action.yml does not exist",
          ) && line.includes("actions here: evaluate"),
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.some(
        (line) =>
          line.startsWith("examples/model-repo/.github/workflows/model.yml:5: ") &&
          line.includes(".github/workflows/model-ci.yml does not exist") &&
          line.includes("run `npm run build`"),
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((line) => line.startsWith("actions/evaluate/action.yml:6: ")),
      problems.join("\n"),
    );
  });

  test("a referenced workflow without workflow_call, or a workflow called from a step, fails", () => {
    const notReusable = REUSABLE.replace(/on:\n {2}workflow_call:\n {4}inputs:\n {6}config: .*\n/, "on: push\n");
    const problems = messages(tree({ ".github/workflows/model-ci.yml": notReusable }));
    assert.ok(
      problems.some((line) => line.includes("is not a reusable workflow")),
      problems.join("\n"),
    );
    const stepCall = messages(
      tree({ "actions/evaluate/action.yml": COMPOSITE.replace("actions/train@v1", ".github/workflows/model-ci.yml@v1") }),
    );
    assert.ok(
      stepCall.some((line) => line.startsWith("actions/evaluate/action.yml:6: ") && line.includes("called by a job")),
      stepCall.join("\n"),
    );
  });

  test("./actions and ./.github in a reusable workflow or a composite action fail with the fix", () => {
    const local = REUSABLE.replace("modelship/modelship/actions/train@v1", "./actions/train");
    const problems = messages(
      tree({
        "reusable-workflows/model-ci.yml": local,
        "actions/evaluate/action.yml": COMPOSITE.replace("modelship/modelship/actions/train@v1", "./actions/train"),
      }),
    );
    assert.deepEqual(
      problems.filter((line) => line.includes("local reference")),
      [
        "actions/evaluate/action.yml:6: `./actions/train`: local reference in a composite action, which runs in the caller's workspace (`./` is the caller's repository) | write `modelship/modelship/actions/train@v1`",
        "reusable-workflows/model-ci.yml:20: `./actions/train`: local reference in a reusable workflow, which runs in the caller's workspace (`./` is the caller's repository) | write `modelship/modelship/actions/train@v1`",
      ],
    );
  });

  test("./ is fine in this repository's own non-reusable workflows (when the target exists) and in examples", () => {
    const ci =
      "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/train\n      - uses: ./actions/gone\n";
    const problems = messages(tree({ ".github/workflows/ci.yml": ci, "examples/model-repo/.github/workflows/local.yml": ci }));
    assert.deepEqual(problems, [
      ".github/workflows/ci.yml:8: `./actions/gone`: actions/gone/action.yml does not exist in this repository | actions here: evaluate, train",
    ]);
  });

  test("mixed refs fail at each odd one out, and a missing @ref fails", () => {
    const problems = messages(
      tree({
        "examples/model-repo/.github/workflows/model.yml": CALLER.replace("@v1", "@main"),
        "actions/evaluate/action.yml": COMPOSITE.replace("@v1", ""),
      }),
    );
    assert.deepEqual(problems, [
      "actions/evaluate/action.yml:6: `modelship/modelship/actions/train`: no @ref | write `modelship/modelship/actions/train@v1`",
      "examples/model-repo/.github/workflows/model.yml:5: `modelship/modelship/.github/workflows/model-ci.yml@main`: uses @main but 4 other self-reference(s) use @v1 | every self-reference must use one ref: `node scripts/check-self-refs.ts --set-ref v1`",
    ]);
  });

  test("a commented usage example counts for consistency too", () => {
    const problems = messages(tree({ "reusable-workflows/model-ci.yml": REUSABLE.replace("model-ci.yml@v1", "model-ci.yml@v0") }));
    assert.deepEqual(
      problems.map((line) => line.split(" | ")[0]),
      [
        "reusable-workflows/model-ci.yml:5: `modelship/modelship/.github/workflows/model-ci.yml@v0` (in a comment): uses @v0 but 5 other self-reference(s) use @v1",
      ],
    );
  });

  test("the repository name comes from the caller: another owner's references are not ours", () => {
    const result = checkSelfRefs(tree(), "acme/ship");
    assert.deepEqual(result.refs, []);
    assert.deepEqual(result.problems, []);
  });
});

describe("setRef", () => {
  test("rewrites every self-reference to the new ref, keeping comments, quotes and indentation", () => {
    const text = `${REUSABLE}      - uses: "modelship/modelship/actions/train@main" # quoted\n      - uses: modelship/modelship/actions/train\n`;
    const { text: rewritten, changes } = setRef({ path: "reusable-workflows/model-ci.yml", text }, REPO, "v1.3.0");
    assert.deepEqual(
      changes.map((change) => [change.line, change.after]),
      [
        [5, "#       uses: modelship/modelship/.github/workflows/model-ci.yml@v1.3.0"],
        [20, "uses: modelship/modelship/actions/train@v1.3.0   # our action, pinned by release tag"],
        [26, '- uses: "modelship/modelship/actions/train@v1.3.0" # quoted'],
        [27, "- uses: modelship/modelship/actions/train@v1.3.0"],
      ],
    );
    const expected = text
      .replace("model-ci.yml@v1\n", "model-ci.yml@v1.3.0\n")
      .replace("actions/train@v1   #", "actions/train@v1.3.0   #")
      .replace("actions/train@main", "actions/train@v1.3.0")
      .replace("actions/train\n", "actions/train@v1.3.0\n");
    assert.equal(rewritten, expected);
    // Third-party pins and text inside run: scripts are left alone.
    assert.ok(rewritten.includes("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"));
    assert.ok(rewritten.includes('echo "uses: modelship/modelship/actions/nope@main"'));
  });

  test("a rewritten tree passes the check with the new ref; a second run changes nothing", () => {
    const files = tree({ "examples/model-repo/.github/workflows/model.yml": CALLER.replace("@v1", "@main") });
    const rewritten = files.map((file) => ({ path: file.path, text: setRef(file, REPO, "v2.0.0").text }));
    const result = checkSelfRefs(rewritten, REPO);
    assert.deepEqual(result.problems, []);
    assert.equal(result.ref, "v2.0.0");
    assert.deepEqual(
      rewritten.flatMap((file) => setRef(file, REPO, "v2.0.0").changes),
      [],
    );
  });

  test("CRLF files keep their line endings; invalid refs are refused", () => {
    const crlf = CALLER.replaceAll("\n", "\r\n");
    const { text } = setRef({ path: "examples/a/.github/workflows/a.yml", text: crlf }, REPO, "v3");
    assert.equal(text, crlf.replace("@v1", "@v3"));
    for (const ref of ["", "v1 x", "v1#", "a..b", "-v1", "v1/", "v1@x"]) {
      assert.equal(isValidRef(ref), false, ref);
      assert.throws(() => setRef({ path: "x.yml", text: CALLER }, REPO, ref));
    }
    assert.equal(isValidRef("v1.3.0"), true);
    assert.equal(isValidRef("release/2024-06"), true);
  });
});
