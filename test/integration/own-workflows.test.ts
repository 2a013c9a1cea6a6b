/**
 * modelship's own workflows, .github/workflows/ci.yml and release.yml, run job by job through the
 * runner harness (test/support/workflow.ts). Third-party actions are stood in for (checkout clones a
 * bare remote on disk, artifacts live in a folder the jobs share, the App token is fake), and the
 * commands a runner has but a test must not run for real are fakes on PATH that record their
 * arguments: `sudo` (apt), `npm` (install, build, lint, view, publish) and `gh` (the GitHub Release).
 * git and node run for real: the release job's pin commits, its check-self-refs --release, the
 * release notes from CHANGELOG.md, the bundle and the tag pushes into the bare remote.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { git } from "../support/git.ts";
import { artifactStandIns, evaluate, runWorkflow, type StandIn, type WorkflowDocument, type WorkflowRun } from "../support/workflow.ts";

const ROOT = join(import.meta.dirname, "../..");
const readWorkflow = (file: string) => parseYaml(readFileSync(join(ROOT, ".github/workflows", file), "utf8")) as WorkflowDocument;
const CI = readWorkflow("ci.yml");
const RELEASE = readWorkflow("release.yml");
const REPOSITORY = "modelship/modelship";

let scratch: string;
/** Folder of the fakes' logs and state. */
let state: string;
let fakeBin: string;

/** The fakes: each appends `args` (and, for npm, the commit it ran at) to state/<name>.log. */
const FAKES: Record<string, string> = {
  sudo: `echo "$*" >>"$FAKE_STATE/sudo.log"`,
  npm: `echo "$* @ $(git rev-parse HEAD 2>/dev/null)" >>"$FAKE_STATE/npm.log"
case "$1" in
  view) if [ -f "$FAKE_STATE/npm-published" ]; then cat "$FAKE_STATE/npm-published"; else echo "npm error 404" >&2; exit 1; fi ;;
  publish) node -p 'require("./package.json").version' >"$FAKE_STATE/npm-published" ;;
esac`,
  gh: `echo "$*" >>"$FAKE_STATE/gh.log"
case "$1 $2" in
  "release view") [ -f "$FAKE_STATE/gh-release" ] ;;
  "release create"|"release edit")
    while [ "$#" -gt 0 ]; do if [ "$1" = --notes-file ]; then cp "$2" "$FAKE_STATE/gh-release"; fi; shift; done ;;
  *) exit 3 ;;
esac`,
};

async function logOf(name: string): Promise<string[]> {
  const path = join(state, `${name}.log`);
  return existsSync(path) ? (await readFile(path, "utf8")).split("\n").filter((line) => line !== "") : [];
}

const env = () => ({ PATH: `${fakeBin}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, FAKE_STATE: state });

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "own-workflows-"));
  fakeBin = join(scratch, "bin");
  await mkdir(fakeBin);
  for (const [name, body] of Object.entries(FAKES)) {
    await writeFile(join(fakeBin, name), `#!/usr/bin/env bash\nset -e\n${body}\n`);
    await chmod(join(fakeBin, name), 0o755);
  }
});
after(() => rm(scratch, { recursive: true, force: true }));

async function freshState(): Promise<void> {
  state = await mkdtemp(join(scratch, "state-"));
}

describe("ci.yml", () => {
  /** The packages of .ci/run's apt-get install line. */
  const ciRunPackages = () => {
    const line = /apt-get install ([^\n>]*)/.exec(readFileSync(join(ROOT, ".ci/run"), "utf8"))?.[1];
    assert.ok(line !== undefined, ".ci/run has an apt-get install line");
    return line.split(/\s+/).filter((word) => word !== "" && !word.startsWith("-"));
  };

  /** A README of the checked-out tree, for the links job: its links resolve. */
  const GOOD_README = "# Title\n\n[the guide](docs/guide.md#setup) and [back to the top](#title).\n";
  const GUIDE = "# Guide\n\n## Setup\n\n[home](../README.md)\n";

  async function runCi(
    event: { name: string; payload: Record<string, unknown> },
    ciRun: string,
    readme = GOOD_README,
  ): Promise<WorkflowRun> {
    await freshState();
    const checkout: StandIn = async (step) => {
      assert.equal(step.with["persist-credentials"], "false", "CI leaves no token in .git/config");
      // The links job runs the real link checker over a small tree of markdown.
      for (const file of ["scripts/check-links.ts", "scripts/lib/links.ts"]) {
        await mkdir(dirname(join(step.workspace, file)), { recursive: true });
        await cp(join(ROOT, file), join(step.workspace, file));
      }
      await mkdir(join(step.workspace, "docs"), { recursive: true });
      await writeFile(join(step.workspace, "README.md"), readme);
      await writeFile(join(step.workspace, "docs/guide.md"), GUIDE);
      // The checked-out repository's .ci/run, here a fake that records that it ran and how.
      await mkdir(join(step.workspace, ".ci"));
      await writeFile(
        join(step.workspace, ".ci/run"),
        `#!/usr/bin/env bash\necho "ci-run CI=\${CI}" >>"$FAKE_STATE/ci-run.log"\n${ciRun}\n`,
      );
      await chmod(join(step.workspace, ".ci/run"), 0o755);
      return {};
    };
    return runWorkflow({
      workflow: CI,
      event,
      repository: REPOSITORY,
      apiUrl: "http://127.0.0.1:9",
      token: "ghs_ciToken",
      standIns: {
        "actions/checkout": checkout,
        "actions/setup-node": (step) => {
          assert.equal(step.with["node-version"], "24");
          return {};
        },
      },
      workflowName: "ci",
      scratch: await mkdtemp(join(scratch, "ci-")),
      env: env(),
    });
  }

  const PULL_REQUEST = {
    name: "pull_request",
    payload: { number: 5, pull_request: { number: 5, head: { ref: "feature" }, base: { ref: "main" } } },
  };

  test("on a pull request: checkout, Node 24, .ci/run's apt packages with sudo, then .ci/run", async () => {
    const run = await runCi(PULL_REQUEST, "exit 0");
    assert.deepEqual(run.order, ["ci", "links"]);
    const job = run.jobs.ci!.runs[0]!;
    assert.equal(job.status, "success", job.steps.map((step) => step.log).join("\n"));
    assert.deepEqual(
      job.steps.map((step) => [step.name, step.status]),
      [
        ["Check out", "success"],
        ["Set up Node.js 24", "success"],
        ["System packages the tests need", "success"],
        [".ci/run", "success"],
      ],
    );
    assert.deepEqual(run.standIns, ["actions/checkout", "actions/setup-node"]);
    const sudo = await logOf("sudo");
    assert.equal(sudo.length, 2);
    assert.equal(sudo[0], "apt-get update -qq");
    const installed = sudo[1]!.split(" ").filter((word) => word !== "apt-get" && word !== "install" && !word.startsWith("-"));
    assert.deepEqual(installed, ciRunPackages(), "ci.yml installs exactly .ci/run's packages");
    assert.deepEqual(await logOf("ci-run"), ["ci-run CI=true"]);
    assert.deepEqual(job.permissions, { contents: "read" });
    assert.deepEqual(CI.permissions, { contents: "read" });
  });

  test("the links job checks the checked-out markdown with a read-only token and fails on a broken link", async () => {
    const good = await runCi(PULL_REQUEST, "exit 0");
    const links = good.jobs.links!.runs[0]!;
    assert.equal(links.status, "success", links.steps.map((step) => step.log).join("\n"));
    assert.deepEqual(
      links.steps.map((step) => [step.name, step.status]),
      [
        ["Check out", "success"],
        ["Set up Node.js 24", "success"],
        ["Check every link", "success"],
      ],
    );
    assert.match(links.steps.at(-1)!.log, /relative links: 2 files, 0 broken/);
    assert.match(links.steps.at(-1)!.log, /external links: 0 checked/, "--external ran (the tree has no external links)");
    assert.deepEqual(links.permissions, { contents: "read" });

    const broken = await runCi(PULL_REQUEST, "exit 0", "# Title\n\n[gone](docs/gone.md) [bad anchor](docs/guide.md#nothing)\n");
    assert.equal(broken.jobs.links!.result, "failure");
    assert.equal(broken.jobs.ci!.result, "success", "the other job is not held back");
    const log = broken.jobs.links!.runs[0]!.steps.at(-1)!.log;
    assert.match(log, /README\.md:3: docs\/gone\.md: docs\/gone\.md does not exist/);
    assert.match(log, /README\.md:3: docs\/guide\.md#nothing: docs\/guide\.md has no heading whose anchor is #nothing/);
  });

  test("a failing .ci/run fails the job", async () => {
    const run = await runCi(PULL_REQUEST, "echo 'tests failed' >&2; exit 1");
    assert.equal(run.jobs.ci!.result, "failure");
    assert.equal(run.jobs.ci!.runs[0]!.steps.at(-1)!.status, "failure");
  });

  test("runs on pull requests and pushes to main; cancels superseded pull-request runs only", () => {
    const on = CI.on as Record<string, unknown>;
    assert.deepEqual(Object.keys(on).sort(), ["pull_request", "push"]);
    assert.deepEqual(on.push, { branches: ["main"] });
    const concurrency = (CI as unknown as { concurrency: { group: string; "cancel-in-progress": string } }).concurrency;
    const cancel = (eventName: string, ref: string) =>
      evaluate(concurrency["cancel-in-progress"].replace(/^\$\{\{|\}\}$/g, "").trim(), { github: { event_name: eventName, ref } });
    assert.equal(cancel("pull_request", "refs/pull/5/merge"), true);
    assert.equal(cancel("push", "refs/heads/main"), false);
    assert.match(concurrency.group, /\$\{\{ github\.ref \}\}/, "one group per pull request or branch");
  });
});

describe("release.yml", () => {
  /** The fixture's CHANGELOG.md, and the notes its 1.3.0 section must give (written out here). */
  const CHANGELOG = `# Changelog

## [Unreleased]

- Nothing yet.

## [1.3.0] - 2026-12-01

### Added

- Blue-green rollouts.

## [1.2.0] - 2026-10-01

- Older.

[1.3.0]: https://github.com/modelship/modelship/compare/v1.2.0...v1.3.0
`;
  const NOTES_1_3_0 =
    "### Added\n\n- Blue-green rollouts.\n\n**Full changelog**: https://github.com/modelship/modelship/compare/v1.2.0...v1.3.0\n";
  const REUSABLE = `# Call it:
#   uses: modelship/modelship/.github/workflows/model-ci.yml@v1
name: model-ci
on:
  workflow_call: {}
permissions: {}
jobs:
  hello:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: modelship/modelship/actions/hello@v1
`;
  /** A composite action that reaches another of ours: two levels of self-references. */
  const HELLO = `name: hello
description: says hello
runs:
  using: composite
  steps:
    - uses: modelship/modelship/actions/world@v1
`;
  const WORLD = `name: world
description: says world
runs:
  using: composite
  steps:
    - run: echo world
      shell: bash
`;
  let origin: string;
  let source: string;

  /** The repository on "GitHub": a bare remote holding commit A on main, with the real scripts/ and src/. */
  before(async () => {
    const work = await mkdtemp(join(scratch, "modelship-"));
    await cp(join(ROOT, "scripts"), join(work, "scripts"), { recursive: true });
    await cp(join(ROOT, "src"), join(work, "src"), { recursive: true });
    const files: Record<string, string> = {
      "package.json": `${JSON.stringify({ name: "modelship", version: "1.3.0", type: "module", repository: "github:modelship/modelship" }, null, 2)}\n`,
      "CHANGELOG.md": CHANGELOG,
      ".gitignore": "node_modules\n",
      "reusable-workflows/model-ci.yml": REUSABLE,
      ".github/workflows/model-ci.yml": `# GENERATED from reusable-workflows/model-ci.yml\n${REUSABLE}`,
      "actions/hello/action.yml": HELLO,
      "actions/world/action.yml": WORLD,
      "dist/main.js": "console.log('modelship');\n",
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
    git(work, ["init", "--quiet", "--initial-branch=main"]);
    git(work, ["add", "--all"]);
    git(work, ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", "Release 1.3.0"], { GIT_COMMITTER_DATE: "2026-12-01T10:00:00Z" });
    source = git(work, ["rev-parse", "HEAD"]);
    origin = join(scratch, "modelship.git");
    git(scratch, ["clone", "--quiet", "--bare", work, origin]);
  });

  /** Stand-ins for one run: checkout clones `origin` at `with.ref` (else the event's commit). */
  function standIns(store: string, eventSha: string, appTokens: Record<string, string>[]): Record<string, StandIn> {
    return {
      ...artifactStandIns(store).standIns,
      "actions/checkout": async (step) => {
        git(scratch, ["clone", "--quiet", "--no-checkout", origin, step.workspace]);
        git(step.workspace, ["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", step.with.ref || eventSha]);
        await symlink(join(ROOT, "node_modules"), join(step.workspace, "node_modules"));
        return {};
      },
      "actions/setup-node": (step) => {
        assert.equal(step.with["node-version"], "24");
        assert.equal(step.with["package-manager-cache"], "false", "a release restores no cache");
        return {};
      },
      "actions/create-github-app-token": (step) => {
        appTokens.push(step.with);
        return { outputs: { token: "ghs_releaseAppToken" } };
      },
    };
  }

  async function release(event: { name: string; payload: Record<string, unknown> }, inputs = {}) {
    const appTokens: Record<string, string>[] = [];
    const sha = String(event.payload.after);
    const run = await runWorkflow({
      workflow: RELEASE,
      event,
      inputs,
      secrets: { RELEASE_APP_ID: "7", RELEASE_APP_PRIVATE_KEY: "key", NPM_TOKEN: "npm_token" },
      repository: REPOSITORY,
      apiUrl: "http://127.0.0.1:9",
      token: "ghs_releaseToken",
      standIns: standIns(await mkdtemp(join(scratch, "artifacts-")), sha, appTokens),
      workflowName: "release",
      scratch: await mkdtemp(join(scratch, "release-")),
      env: env(),
    });
    const failed = Object.values(run.jobs)
      .flatMap((job) => job.runs)
      .flatMap((job) => job.steps.filter((step) => step.status === "failure").map((step) => `${job.job} / ${step.name}:\n${step.log}`));
    return { run, appTokens, failed: failed.join("\n") };
  }

  const tagOf = (tag: string) => {
    try {
      return git(origin, ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`]);
    } catch {
      return undefined;
    }
  };

  const DISPATCH = () => ({
    name: "workflow_dispatch",
    payload: { ref: "refs/heads/main", after: source, inputs: { version: "1.3.0" }, repository: { name: "modelship" } },
  });

  test("a pushed tag: B pins A, C pins B, v1.3.0 moves to C and v1 with it, npm publish --provenance from C, the Release from CHANGELOG.md", async () => {
    await freshState();
    git(origin, ["tag", "v1.3.0", source]);
    const { run, appTokens, failed } = await release({
      name: "push",
      payload: { ref: "refs/tags/v1.3.0", after: source, repository: { name: "modelship" } },
    });
    assert.equal(failed, "");
    assert.deepEqual(run.order, ["build", "tag", "publish", "github-release"]);
    assert.deepEqual(Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result])), {
      build: "success",
      tag: "success",
      publish: "success",
      "github-release": "success",
    });
    assert.deepEqual(
      run.jobs.build!.runs[0]!.steps.map((step) => step.name),
      [
        "Check out",
        "Set up Node.js 24",
        "Version",
        "Release notes from CHANGELOG.md",
        "Install",
        "Generated files are up to date",
        "Pin the self-references (B = @A, C = @B)",
        "Lint the release",
        "Bundle the release commits",
        "Upload",
      ],
    );
    assert.deepEqual(run.standIns, [
      "actions/checkout",
      "actions/create-github-app-token",
      "actions/download-artifact",
      "actions/setup-node",
      "actions/upload-artifact",
    ]);

    assert.match(
      run.jobs.build!.runs[0]!.steps[6]!.log,
      /release: pinned by SHA to a commit that carries these files and is pinned itself/,
      "check-self-refs --release passed on C",
    );
    // The commits: C's parent B, B's parent A; C pins B and B pins A, with the version comment.
    const commit = run.jobs.build!.outputs.commit!;
    assert.equal(tagOf("v1.3.0"), commit, "the pushed tag moved to the pinned commit");
    assert.equal(tagOf("v1"), commit);
    const b = git(origin, ["rev-parse", `${commit}~1`]);
    assert.equal(git(origin, ["rev-parse", `${commit}~2`]), source);
    const at = (ref: string, path: string) => git(origin, ["show", `${ref}:${path}`]);
    assert.match(
      at(commit, "reusable-workflows/model-ci.yml"),
      new RegExp(`uses: modelship/modelship/actions/hello@${b} # v1\\.3\\.0$`, "m"),
    );
    assert.match(
      at(commit, "reusable-workflows/model-ci.yml"),
      new RegExp(`#   uses: modelship/modelship/\\.github/workflows/model-ci\\.yml@${b}\\n`),
    );
    assert.match(at(commit, "actions/hello/action.yml"), new RegExp(`modelship/modelship/actions/world@${b} # v1\\.3\\.0`));
    assert.match(at(b, ".github/workflows/model-ci.yml"), new RegExp(`modelship/modelship/actions/hello@${source} # v1\\.3\\.0`));
    // Only the files that hold self-references changed, and A's date is kept (a re-run makes the same commits).
    assert.deepEqual(git(origin, ["diff", "--name-only", source, commit]).split("\n"), [
      ".github/workflows/model-ci.yml",
      "actions/hello/action.yml",
      "reusable-workflows/model-ci.yml",
    ]);
    assert.equal(git(origin, ["show", "-s", "--format=%cI", commit]), git(origin, ["show", "-s", "--format=%cI", source]));

    // npm: installed, checked and linted at the build, published from C with provenance.
    assert.deepEqual(await logOf("npm"), [
      `ci --no-audit --no-fund @ ${source}`,
      `run -s check-generated @ ${source}`,
      `run -s build @ ${source}`,
      `run -s build @ ${b}`,
      `run -s lint @ ${commit}`,
      `view modelship@1.3.0 version @ ${commit}`,
      `publish --provenance --access public --tag latest @ ${commit}`,
    ]);
    assert.deepEqual(await logOf("gh"), [
      "release view v1.3.0",
      `release create v1.3.0 --verify-tag --title v1.3.0 --notes-file ${join(
        run.jobs["github-release"]!.runs[0]!.steps[0]!.outputs["download-path"]!,
        "notes.md",
      )}`,
    ]);
    assert.equal(await readFile(join(state, "gh-release"), "utf8"), NOTES_1_3_0);

    // The App token that pushes is for this repository, its contents and workflows alone.
    assert.deepEqual(appTokens, [
      {
        "app-id": "7",
        "private-key": "key",
        owner: "modelship",
        repositories: "modelship",
        "permission-contents": "write",
        "permission-workflows": "write",
      },
    ]);
  });

  test("a re-run by workflow_dispatch makes the same commits and changes nothing", async () => {
    const before = { v130: tagOf("v1.3.0"), v1: tagOf("v1") };
    assert.ok(before.v130 !== undefined, "the previous test released 1.3.0");
    const { run, failed } = await release(DISPATCH(), { version: "1.3.0" });
    assert.equal(failed, "");
    assert.equal(run.jobs.build!.outputs.commit, before.v130, "the same B and C");
    assert.deepEqual({ v130: tagOf("v1.3.0"), v1: tagOf("v1") }, before);
    const npm = await logOf("npm");
    assert.equal(npm.filter((line) => line.startsWith("publish")).length, 1, "published once, in the first run");
    assert.deepEqual(
      (await logOf("gh")).slice(2).map((line) => line.split(" --notes-file")[0]),
      ["release view v1.3.0", "release edit v1.3.0 --title v1.3.0"],
    );
    const tagLog = run.jobs.tag!.runs[0]!.steps.at(-1)!.log;
    assert.match(tagLog, /v1\.3\.0 already points at/);
    assert.match(tagLog, /v1 already points at/);
  });

  test("the tag push the App token makes (v1.3.0 moved to C) starts a run that finds C pinned and everything done", async () => {
    const commit = tagOf("v1.3.0")!;
    const { run, failed } = await release({
      name: "push",
      payload: { ref: "refs/tags/v1.3.0", after: commit, repository: { name: "modelship" } },
    });
    assert.equal(failed, "");
    assert.match(run.jobs.build!.runs[0]!.steps[6]!.log, /HEAD is already a pinned release commit/);
    assert.equal(run.jobs.build!.outputs.commit, commit);
    assert.equal(tagOf("v1.3.0"), commit);
    assert.equal((await logOf("npm")).filter((line) => line.startsWith("publish")).length, 1, "still published once");
    assert.equal((await logOf("gh")).at(-1)!.split(" --notes-file")[0], "release edit v1.3.0 --title v1.3.0");
  });

  test("a released version's tag on another commit is never moved: the tag job fails, nothing is published", async () => {
    await freshState();
    const elsewhere = await mkdtemp(join(scratch, "other-"));
    git(scratch, ["clone", "--quiet", origin, elsewhere]);
    git(elsewhere, ["-c", "commit.gpgSign=false", "commit", "--quiet", "--allow-empty", "-m", "something else"]);
    const other = git(elsewhere, ["rev-parse", "HEAD"]);
    git(elsewhere, ["push", "--quiet", "--force", origin, `${other}:refs/tags/v1.3.0`]);
    const { run } = await release(DISPATCH(), { version: "1.3.0" });
    assert.equal(run.jobs.build!.result, "success");
    assert.equal(run.jobs.tag!.result, "failure");
    assert.match(run.jobs.tag!.runs[0]!.steps.at(-1)!.log, /v1\.3\.0 already points at [0-9a-f]{40}, another commit than this release's/);
    assert.equal(run.jobs.publish!.result, "skipped");
    assert.equal(run.jobs["github-release"]!.result, "skipped");
    assert.equal(tagOf("v1.3.0"), other);
    assert.deepEqual(
      (await logOf("npm")).filter((line) => line.startsWith("publish")),
      [],
    );
    assert.deepEqual(await logOf("gh"), []);
  });

  test("a version package.json or CHANGELOG.md does not have fails the build before anything is tagged", async () => {
    await freshState();
    const { run } = await release(DISPATCH(), { version: "1.4.0" });
    assert.equal(run.jobs.build!.result, "failure");
    const version = run.jobs.build!.runs[0]!.steps.find((step) => step.name === "Version")!;
    assert.equal(version.status, "failure");
    assert.match(version.log, /package\.json says version 1\.3\.0, the release is v1\.4\.0/);
    assert.deepEqual(
      ["tag", "publish", "github-release"].map((job) => run.jobs[job]!.result),
      ["skipped", "skipped", "skipped"],
    );
    assert.equal(tagOf("v1.4.0"), undefined);
  });

  test("a dispatch from another branch than main fails before anything is built", async () => {
    await freshState();
    const event = DISPATCH();
    event.payload.ref = "refs/heads/feature";
    const { run } = await release(event, { version: "1.3.0" });
    const version = run.jobs.build!.runs[0]!.steps.find((step) => step.name === "Version")!;
    assert.equal(version.status, "failure");
    assert.match(version.log, /a release is cut from main, not refs\/heads\/feature/);
    assert.deepEqual(await logOf("npm"), []);
    assert.equal(run.jobs.tag!.result, "skipped");
  });

  test("least privilege: id-token only where npm publishes, contents: write only for the Release", () => {
    assert.deepEqual(RELEASE.permissions, {});
    assert.deepEqual(Object.fromEntries(Object.entries(RELEASE.jobs).map(([id, job]) => [id, job.permissions])), {
      build: { contents: "read" },
      tag: { contents: "read" },
      publish: { contents: "read", "id-token": "write" },
      "github-release": { contents: "write" },
    });
    const on = RELEASE.on as Record<string, { tags?: string[]; inputs?: Record<string, { required?: boolean }> }>;
    assert.deepEqual(on.push, { tags: ["v*.*.*"] });
    assert.equal(on.workflow_dispatch?.inputs?.version?.required, true);
    const concurrency = (RELEASE as unknown as { concurrency: { "cancel-in-progress": boolean } }).concurrency;
    assert.equal(concurrency["cancel-in-progress"], false, "a release is never cancelled half done");
  });
});
