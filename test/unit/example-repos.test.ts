/**
 * The examples are repositories to copy, so they must run as copied: every job of their workflows on
 * a GitHub-hosted runner (what a new repository has), the self-hosted GPU and cluster runners only as
 * the commented opt-in line docs/gpu-runners.md explains; and each has a .gitignore that real git
 * applies to what modelship's commands write there (`git status` stays clean after a run).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "../..");
const EXAMPLES = ["examples/model-repo", "examples/gitops-repo"];

/** GitHub-hosted: one label naming a GitHub image (model-ci.yml's fork rule reads it the same way). */
function githubHosted(runsOn: unknown): boolean {
  const labels = typeof runsOn === "string" ? [runsOn] : Array.isArray(runsOn) ? runsOn : [];
  return labels.length === 1 && /^(ubuntu|windows|macos)-/.test(String(labels[0]));
}

interface WorkflowFile {
  on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
  jobs: Record<string, { "runs-on"?: unknown; uses?: string; with?: Record<string, unknown> }>;
}

/** Every job's runner of a workflow, with the defaults of the reusable workflow it calls: `job (input)` → labels. */
function runnersOf(file: string): Map<string, unknown> {
  const workflow = parse(readFileSync(join(ROOT, file), "utf8")) as WorkflowFile;
  const runners = new Map<string, unknown>();
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (job["runs-on"] !== undefined) runners.set(id, job["runs-on"]);
    const called = /^modelship\/modelship\/\.github\/workflows\/([\w-]+\.yml)@/.exec(job.uses ?? "")?.[1];
    if (called === undefined) continue; // ./.github/workflows/… is checked as its own file
    const inputs = (parse(readFileSync(join(ROOT, "reusable-workflows", called), "utf8")) as WorkflowFile).on!.workflow_call!.inputs!;
    for (const input of ["runs-on", "train-runs-on"]) {
      if (inputs[input] === undefined) continue;
      const given = job.with?.[input] ?? inputs[input].default;
      runners.set(`${id} (${input})`, JSON.parse(String(given)));
    }
  }
  return runners;
}

const workflowsOf = (example: string) =>
  readdirSync(join(ROOT, example, ".github/workflows"))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => `${example}/.github/workflows/${name}`);

describe("the examples run on GitHub-hosted runners", () => {
  test("the rule tells GitHub-hosted from self-hosted labels", () => {
    assert.equal(githubHosted(["ubuntu-latest"]), true);
    assert.equal(githubHosted("ubuntu-24.04"), true);
    assert.equal(githubHosted(["self-hosted", "linux", "gpu"]), false);
    assert.equal(githubHosted(["ubuntu-latest", "self-hosted"]), false);
    assert.equal(githubHosted("arc-gpu"), false);
    // The reusable workflow's own default is a GPU runner: an example that did not set train-runs-on would wait for one.
    assert.equal(githubHosted(runnersOf("examples/model-repo/.github/workflows/model.yml").get("model (train-runs-on)")), true);
  });

  for (const example of EXAMPLES)
    test(`${example}: every job, and every job of each reusable workflow it calls`, () => {
      const files = workflowsOf(example);
      assert.ok(files.length >= 1, example);
      const selfHosted = files.flatMap((file) =>
        [...runnersOf(file)]
          .filter(([, runsOn]) => !githubHosted(runsOn))
          .map(([job, runsOn]) => `${file}: ${job}: ${JSON.stringify(runsOn)}`),
      );
      assert.deepEqual(selfHosted, []);
    });

  test("the GPU and cluster runners are the commented opt-in next to the line they replace", () => {
    for (const [file, input, labels] of [
      ["examples/model-repo/.github/workflows/model.yml", "train-runs-on", ["self-hosted", "linux", "gpu"]],
      ["examples/model-repo/.github/workflows/canary.yml", "runs-on", ["self-hosted", "linux", "cluster"]],
    ] as const) {
      const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
      const active = lines.findIndex((line) => new RegExp(`^\\s+${input}: '\\["ubuntu-latest"\\]'$`).test(line));
      assert.ok(active >= 0, `${file}: ${input} set to ubuntu-latest`);
      const optIn = new RegExp(`^\\s+# ${input}: '(.*)'$`).exec(lines[active + 1] ?? "");
      assert.ok(optIn !== null, `${file}: the opt-in follows the ${input} line, commented`);
      assert.deepEqual(JSON.parse(optIn[1]!), labels);
      assert.ok(
        lines.slice(0, active).some((line) => line.includes("docs/gpu-runners.md")),
        `${file} points to the guide`,
      );
    }
  });
});

describe("the examples' .gitignore", () => {
  const scratch = mkdtempSync(join(tmpdir(), "modelship-gitignore-"));
  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Which of `paths` git ignores in a fresh repository holding only this example's .gitignore. */
  function ignored(example: string, paths: string[]): string[] {
    const repo = mkdtempSync(join(scratch, "repo-"));
    execFileSync("git", ["init", "-q", repo]);
    copyFileSync(join(ROOT, example, ".gitignore"), join(repo, ".gitignore"));
    // --no-index: judge the paths by the patterns alone; exit 0 lists the ignored ones, 1 none.
    const result = spawnSync("git", ["-C", repo, "check-ignore", "--no-index", "--stdin"], { input: paths.join("\n"), encoding: "utf8" });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    return result.stdout.split("\n").filter((line) => line !== "");
  }

  for (const example of EXAMPLES)
    test(`${example}: lists .modelship/ and node_modules/`, () => {
      const patterns = readFileSync(join(ROOT, example, ".gitignore"), "utf8")
        .split("\n")
        .map((line) => line.trim());
      assert.ok(patterns.includes(".modelship/"), `${example}/.gitignore lists .modelship/`);
      assert.ok(patterns.includes("node_modules/"), `${example}/.gitignore lists node_modules/`);
      const written = [
        ".modelship/evaluation/gate-report.json",
        ".modelship/registry/adult-income/0.0.1/model.onnx",
        "node_modules/yaml/index.js",
      ];
      assert.deepEqual(ignored(example, written), written);
    });

  test("examples/model-repo: what modelship.yaml tells the commands to write is ignored, its sources are not", () => {
    const config = parse(readFileSync(join(ROOT, "examples/model-repo/modelship.yaml"), "utf8")) as Record<string, Record<string, string>>;
    // The files and folders modelship.yaml names as outputs, a file inside each folder.
    const outputs = [
      `${config.validate!.report_dir}/validation-report.json`,
      config.profile!.output!,
      `${config.train!.output}/model.onnx`,
      `${config.evaluate!.report_dir}/gate-report.md`,
      "train/__pycache__/train.cpython-312.pyc",
    ];
    assert.deepEqual(ignored("examples/model-repo", outputs), outputs);
    const sources = [
      "modelship.yaml",
      "data/train.csv",
      "data/contract.yaml",
      "train/train.py",
      "policies/fairness-reviewed.yaml",
      ".github/workflows/model.yml",
      ".gitignore",
    ];
    assert.deepEqual(ignored("examples/model-repo", sources), []);
  });

  test("examples/gitops-repo: the manifests and rules are not ignored", () => {
    const sources = [
      "modelship.yaml",
      "apps/adult-income/values.yaml",
      "flux/clusters/my-cluster/adult-income-staging.yaml",
      ".github/workflows/verify-promotion.yml",
    ];
    assert.deepEqual(ignored("examples/gitops-repo", sources), []);
  });
});
