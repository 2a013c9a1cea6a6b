/**
 * Every third-party action we ship or show runs at the release scripts/lib/action-pins.ts records:
 * that commit, its `# vX.Y.Z` comment, and a major that runs on node24 (node20 actions are deprecated
 * and forced onto node24). Each rule is first shown to fail on a bad pin, so none passes by finding
 * nothing. Also here: model-ci.yml's use of download-artifact v5+, whose layout changed.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { checkActionPins, majorOf, PINNED_ACTIONS } from "../../scripts/lib/action-pins.ts";
import { shippedActionFiles, shippedWorkflowFiles } from "../../scripts/lib/shipped-files.ts";
import { evaluateExpression } from "../support/runner.ts";

const ROOT = join(import.meta.dirname, "../..");
const REPOSITORY = "modelship/modelship";
const CHECKOUT = PINNED_ACTIONS["actions/checkout"]!;

const step = (uses: string) =>
  `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: ${uses}\n`;
const messages = (uses: string) => checkActionPins("bad.yml", step(uses), REPOSITORY).map((finding) => finding.message);

describe("the pin rules, on bad pins", () => {
  test("checkout v4 (node20), at its own commit and comment, is refused for its runtime", () => {
    const found = messages("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2");
    // One problem, one finding: it names the runtime and the pin to write.
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0]!, /v4\.2\.2 runs on an older Node\.js than node24 \(node24 since v5\)/);
    assert.match(found[0]!, new RegExp(`pin ${CHECKOUT.tag} \\(${CHECKOUT.sha}\\)`));
  });

  test("a tag comment that names another release than the commit is refused", () => {
    assert.equal(messages(`actions/checkout@${CHECKOUT.sha} # v7.0.0`).length, 1);
    assert.equal(messages(`actions/checkout@${"0".repeat(40)} # ${CHECKOUT.tag}`).length, 1);
  });

  test("a pin without a version comment, or by tag, is refused", () => {
    assert.match(messages(`actions/checkout@${CHECKOUT.sha}`).join("\n"), /has no `# vX\.Y\.Z` comment/);
    assert.equal(messages("actions/checkout@v7").length, 2, "no comment, and not the commit");
  });

  test("an action the table does not record is refused, whatever its pin", () => {
    assert.match(messages(`someone/thing@${"a".repeat(40)} # v1.0.0`).join("\n"), /`someone\/thing` is not in PINNED_ACTIONS/);
  });

  test("the pinned release passes, sub-actions of a pinned repository too; local and own references are not this rule's", () => {
    const cache = PINNED_ACTIONS["actions/cache"]!;
    assert.deepEqual(messages(`actions/checkout@${CHECKOUT.sha} # ${CHECKOUT.tag}`), []);
    assert.deepEqual(messages(`actions/cache/restore@${cache.sha} # ${cache.tag}`), []);
    assert.deepEqual(messages("./actions/local"), []);
    assert.deepEqual(messages("modelship/modelship/actions/train@v1"), []);
  });

  test("findings name the line of the `uses:`", () => {
    const [finding] = checkActionPins("bad.yml", step("actions/checkout@v4"), REPOSITORY);
    assert.equal(finding?.line, 8);
  });
});

describe("the pinned releases", () => {
  test("each is a commit and a vX.Y.Z tag of a major that runs on node24", () => {
    assert.deepEqual(Object.keys(PINNED_ACTIONS).sort(), [
      "actions/attest-build-provenance",
      "actions/cache",
      "actions/checkout",
      "actions/create-github-app-token",
      "actions/deploy-pages",
      "actions/download-artifact",
      "actions/setup-node",
      "actions/upload-artifact",
      "actions/upload-pages-artifact",
    ]);
    for (const [action, pin] of Object.entries(PINNED_ACTIONS)) {
      assert.match(pin.sha, /^[0-9a-f]{40}$/, action);
      assert.ok(majorOf(pin.tag) >= pin.node24Since, `${action} ${pin.tag}: node24 only since v${pin.node24Since}`);
    }
    // The first node24 majors, as each tag's action.yml says upstream (runs.using).
    assert.deepEqual(Object.fromEntries(Object.entries(PINNED_ACTIONS).map(([action, pin]) => [action, pin.node24Since])), {
      "actions/checkout": 5,
      "actions/setup-node": 5,
      "actions/upload-artifact": 6,
      "actions/download-artifact": 7,
      "actions/cache": 5,
      "actions/attest-build-provenance": 3,
      "actions/create-github-app-token": 3,
      "actions/upload-pages-artifact": 5,
      "actions/deploy-pages": 5,
    });
  });
});

/** The ```yaml blocks of the README, docs/ and the examples' READMEs. */
function markdownBlocks(): { file: string; text: string }[] {
  const files = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "node_modules") walk(`${dir}/${entry.name}`);
      else if (entry.isFile() && entry.name.endsWith(".md")) files.push(`${dir}/${entry.name}`);
    }
  };
  walk("docs");
  walk("examples");
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), "utf8").matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)].map((match) => ({ file, text: match[1]! })),
  );
}

describe("what we ship or show", async () => {
  const files = [...(await shippedWorkflowFiles(ROOT, { nested: true })), ...(await shippedActionFiles(ROOT))].map((file) => ({
    file,
    text: readFileSync(join(ROOT, file), "utf8"),
  }));

  test("every third-party action is at its pinned node24 release", () => {
    const findings = [...files, ...markdownBlocks()].flatMap(({ file, text }) =>
      checkActionPins(file, text, REPOSITORY).map((finding) => `${finding.file}:${finding.line}: ${finding.message}`),
    );
    assert.deepEqual(findings, []);
  });

  test("every recorded action is used (no stale row), in the reusable workflows or our actions", () => {
    const shipped = files.filter(({ file }) => file.startsWith("reusable-workflows/") || file.startsWith("actions/"));
    for (const [action, pin] of Object.entries(PINNED_ACTIONS))
      assert.ok(
        shipped.some(({ text }) => text.includes(`uses: ${action}@${pin.sha} # ${pin.tag}`)),
        `${action}@${pin.sha} # ${pin.tag} is used nowhere`,
      );
  });

  test("setup-node (v5+ caches npm by itself) caches nothing of the caller's", () => {
    for (const file of ["actions/train/action.yml", "actions/evaluate/action.yml"]) {
      const steps = (
        parse(readFileSync(join(ROOT, file), "utf8")) as { runs: { steps: { uses?: string; with?: Record<string, unknown> }[] } }
      ).runs.steps;
      const setupNode = steps.filter((entry) => entry.uses?.startsWith("actions/setup-node@"));
      assert.equal(setupNode.length, 1, file);
      assert.equal(setupNode[0]!.with?.["package-manager-cache"], "false", file);
    }
  });
});

describe("model-ci.yml and download-artifact v5+ (a pattern's only match goes straight into path)", () => {
  interface Job {
    env?: Record<string, string>;
    steps: { name?: string; uses?: string; with?: Record<string, string> }[];
  }
  const workflow = parse(readFileSync(join(ROOT, "reusable-workflows/model-ci.yml"), "utf8")) as { jobs: Record<string, Job> };
  const modelRun = (job: string, selectBest: { result: string; outputs: Record<string, string> }) =>
    evaluateExpression(/^\$\{\{([\s\S]*)\}\}$/.exec(workflow.jobs[job]!.env!.MODEL_RUN!.trim())![1]!.trim(), {
      needs: { "select-best": selectBest },
    });

  for (const job of ["evaluate", "release"]) {
    test(`${job}: MODEL_RUN is the artifact of the run to use`, () => {
      // select-best skipped (no select-metric): the first run.
      assert.equal(modelRun(job, { result: "skipped", outputs: {} }), "model-0");
      // One run: select-best downloaded it straight into runs/ and names that folder (runs).
      assert.equal(modelRun(job, { result: "success", outputs: { "best-run": "runs" } }), "model-0");
      // A sweep: runs/<artifact>/ each, and the best is one of them.
      assert.equal(modelRun(job, { result: "success", outputs: { "best-run": "model-2" } }), "model-2");
    });

    test(`${job}: downloads that artifact by name into runs/<artifact>, where the model path points`, () => {
      const downloads = workflow.jobs[job]!.steps.filter((entry) => entry.uses?.startsWith("actions/download-artifact@"));
      const model = downloads.find((entry) => entry.with?.name === "${{ env.MODEL_RUN }}");
      assert.ok(model !== undefined, `${job} downloads the model by name`);
      assert.equal(model.with?.path, "runs/${{ env.MODEL_RUN }}");
      assert.ok(
        downloads.every((entry) => entry.with?.pattern === undefined),
        `${job}: no pattern download (its layout depends on how many artifacts match)`,
      );
      const text = JSON.stringify(workflow.jobs[job]!.steps);
      assert.ok(!text.includes("best-run"), `${job} reads the run only through MODEL_RUN`);
      assert.ok(text.includes("runs/${{ env.MODEL_RUN }}/model.onnx"));
    });
  }
});
