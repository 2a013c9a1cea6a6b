/**
 * The promotion stages end to end through the built CLI: `modelship promote`, `modelship canary`
 * and `modelship verify-promotion` against a local registry and a bare git repository standing in
 * for the GitOps remote, and (GitHub mode) the GitHub fake for pull requests.
 */
import { cleanEnv, runModelship } from "../support/cli.ts";
import assert from "node:assert/strict";
import { readFile, rm, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { git, pushFiles, refSha, seedBareRemote, show, squashMerge as squashMergeInto } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, recordLines, T1 as EXAMPLE_TRITON_URI, U1 as EXAMPLE_URI } from "../support/manifests.ts";
import { publishTestReleases, registryUri, TRITON_ARCHIVE } from "../support/registry-package.ts";
import { runAction } from "../support/runner.ts";

const MODEL = "adult-income";
const APP = "apps/adult-income";
const FILES = { kserve: `${APP}/inferenceservice.yaml`, rollout: `${APP}/rollout.yaml`, values: `${APP}/values.yaml` };
const STEPS = [10, 50];
const ROLLBACK_COMMAND = (env: string) => `modelship promote ${MODEL} --env ${env} --action rollback`;
const branchOf = (env: string) => `modelship/${env}/${MODEL}`;

const scratchRoots: string[] = [];
after(async () => {
  if (process.env.KEEP_SCRATCH === undefined) for (const dir of scratchRoots) await rm(dir, { recursive: true, force: true });
});

interface World {
  root: string;
  registry: string;
  bare: string;
  repo: string;
  /** The file:// URI of a version's model.onnx in the local registry. */
  uri: (version: string) => string;
  /** The file:// URI of a version's Triton model repository archive: what the InferenceService (kserve-tritonserver) loads. */
  tritonUri: (version: string) => string;
  digest: Record<string, string>;
}

/**
 * Squash-merges `branch` into main as GitHub's squash merge does, committed at `date`: main gets one
 * commit holding the branch's versions of the files the branch changed. (Only for branches whose
 * files main has not changed since they forked: a three-way merge is not what these tests exercise.)
 */
function squashMerge(world: World, branch: string, date: Date): void {
  squashMergeInto(world.bare, branch, date, { mainUnmoved: true });
}

async function setup(options: { production?: Record<string, unknown> } = {}): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), "modelship-promote-e2e-"));
  scratchRoots.push(root);
  const registry = join(root, "registry");
  const digest = await publishTestReleases(root, registry, MODEL, [
    { version: "0.0.1", accuracy: 0.81 },
    { version: "0.0.2" },
    { version: "0.0.3", gate: { verdict: "fail", allowUngated: true, reason: "accuracy below the floor" } },
  ]);
  const uri = (version: string) => registryUri(registry, MODEL, version);
  const tritonUri = (version: string) => registryUri(registry, MODEL, version, TRITON_ARCHIVE);

  const seed: Record<string, string> = {};
  for (const path of Object.values(FILES)) {
    const text = exampleManifest(path.slice(APP.length + 1));
    // The InferenceService (kserve-tritonserver) holds the Triton archive, the others model.onnx.
    const example = path === FILES.kserve ? EXAMPLE_TRITON_URI : EXAMPLE_URI;
    assert.ok(text.includes(example), `${path} holds the example URI`);
    seed[path] = text.replaceAll(EXAMPLE_URI, uri("0.0.1")).replaceAll(EXAMPLE_TRITON_URI, tritonUri("0.0.1"));
  }
  // The GitOps repository's own rules: verify-promotion trusts the local registry only (no attestations there).
  seed["modelship.yaml"] = JSON.stringify({
    model: MODEL,
    verify: { registries: [{ registry, provenance: "off" }] },
    promote: {
      environments: {
        production: {
          targets: [
            { kind: "kserve-standard", file: FILES.kserve },
            { kind: "argo-rollouts", file: FILES.rollout, container: "server" },
            { kind: "yaml-path", file: FILES.values, uri_path: "model.storageUri" },
          ],
        },
      },
    },
  });
  const bare = seedBareRemote(root, seed, { date: new Date(Date.now() - 86_400_000) });

  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      remote: bare,
      base: "main",
      environments: {
        production: {
          strategy: "canary",
          steps: STEPS,
          bake: "30m",
          targets: [
            { kind: "kserve-standard", file: FILES.kserve },
            { kind: "argo-rollouts", file: FILES.rollout, container: "server" },
            { kind: "yaml-path", file: FILES.values, uri_path: "model.storageUri", weight_path: "model.canaryWeight" },
          ],
          health: { metrics: "metrics.json", checks: [{ name: "error-rate", metric: "error_rate", max: 0.01 }] },
          ...options.production,
        },
        staging: { strategy: "direct", targets: [{ kind: "yaml-path", file: FILES.values, uri_path: "model.storageUri" }] },
      },
    },
  });
  return { root, registry, bare, repo, uri, tritonUri, digest };
}

/** Runs the built CLI in the model repository with `env` added. */
function modelship(world: World, args: string[], env: Record<string, string> = {}): ReturnType<typeof runModelship> {
  return runModelship(world.repo, args, { env });
}

/** `-` and `+` lines of `git diff -U0 main..branch -- file`. */
function diffLines(bare: string, base: string, branch: string, file: string): { removed: string[]; added: string[] } {
  const text = git(bare, ["diff", "-U0", `refs/heads/${base}`, `refs/heads/${branch}`, "--", file]);
  const removed: string[] = [];
  const added: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("---") || line.startsWith("+++")) continue;
    if (line.startsWith("-")) removed.push(line.slice(1));
    else if (line.startsWith("+")) added.push(line.slice(1));
  }
  return { removed, added };
}

function bodyPathOf(world: World, output: string): string {
  const match = /PR body: (\S+?)\)/.exec(output);
  assert.ok(match, `the output names the PR body:\n${output}`);
  return isAbsolute(match[1]!) ? match[1]! : join(world.repo, match[1]!);
}

/** The canary state the three production files must hold after `start`/`step` of `version` at `weight`. */
function assertCanaryFiles(world: World, ref: string, version: string, weight: number, stable: string): void {
  const kserve = parseYaml(show(world.bare, ref, FILES.kserve)) as {
    spec: {
      predictor: { model: { storageUri: string } };
      canary?: { trafficPercent: number; predictor: { model: { storageUri: string } } }[];
    };
  };
  // kserve-tritonserver loads the release's Triton model repository; the Rollout and the values file model.onnx.
  assert.equal(kserve.spec.predictor.model.storageUri, world.tritonUri(stable));
  assert.equal(kserve.spec.canary?.length, 1);
  assert.equal(kserve.spec.canary[0]!.trafficPercent, weight);
  assert.equal(kserve.spec.canary[0]!.predictor.model.storageUri, world.tritonUri(version));
  const [rollout] = parseAllDocuments(show(world.bare, ref, FILES.rollout)).map(
    (doc) =>
      doc.toJS() as {
        spec: {
          strategy: { canary: { steps: unknown[] } };
          template: { spec: { containers: { name: string; env: { name: string; value: string }[] }[] } };
        };
      },
  );
  const server = rollout!.spec.template.spec.containers.find((container) => container.name === "server")!;
  assert.equal(server.env.find((entry) => entry.name === "MODEL_URI")?.value, world.uri(version));
  assert.deepEqual(rollout!.spec.strategy.canary.steps[0], { setWeight: weight });
  const values = parseYaml(show(world.bare, ref, FILES.values)) as { model: { storageUri: string; canaryWeight?: number } };
  assert.equal(values.model.storageUri, world.uri(version));
  assert.equal(values.model.canaryWeight, weight);
}

/** The stable-only state: every file points at `version` and no canary is left. */
function assertStableFiles(world: World, ref: string, version: string): void {
  const kserve = parseYaml(show(world.bare, ref, FILES.kserve)) as {
    spec: { predictor: { model: { storageUri: string } }; canary?: unknown };
  };
  assert.equal(kserve.spec.predictor.model.storageUri, world.tritonUri(version));
  assert.equal(kserve.spec.canary, undefined);
  const rollout = parseAllDocuments(show(world.bare, ref, FILES.rollout))[0]!.toJS() as {
    spec: { template: { spec: { containers: { name: string; env: { name: string; value: string }[] }[] } } };
  };
  assert.equal(rollout.spec.template.spec.containers[0]!.env.find((entry) => entry.name === "MODEL_URI")?.value, world.uri(version));
  const values = parseYaml(show(world.bare, ref, FILES.values)) as { model: { storageUri: string; canaryWeight?: number } };
  assert.equal(values.model.storageUri, world.uri(version));
  assert.equal(values.model.canaryWeight, undefined);
}

async function writeMetrics(world: World, canary: number, stable = 0.003): Promise<void> {
  await writeFile(
    join(world.repo, "metrics.json"),
    JSON.stringify({ versions: { "0.0.2": { error_rate: canary }, "0.0.1": { error_rate: stable } } }),
  );
}

describe("modelship promote (local git remote)", () => {
  test("opens a canary branch with exactly the expected edits and a complete PR body; a re-run changes nothing", async () => {
    const world = await setup();
    const mainBefore = refSha(world.bare, "main");
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    const branch = branchOf("production");
    const sha = refSha(world.bare, branch);
    assert.ok(sha, `branch ${branch} exists`);
    assert.equal(refSha(world.bare, "main"), mainBefore, "main is untouched");
    assert.equal(git(world.bare, ["rev-list", "--count", `main..${branch}`]), "1");
    assert.equal(git(world.bare, ["merge-base", "main", branch]), mainBefore);
    assert.deepEqual(git(world.bare, ["diff", "--name-only", "main", branch]).split("\n").sort(), Object.values(FILES).sort());

    // The expected diffs, derived from main's (the seed's) lines and from what each target writes.
    const uri1 = world.uri("0.0.1");
    const uri2 = world.uri("0.0.2");
    const weight = STEPS[0]!;
    const seedLine = (file: string, pattern: string | RegExp): string => {
      const lines = show(world.bare, "main", file)
        .split("\n")
        .filter((line) => (typeof pattern === "string" ? line.includes(pattern) : pattern.test(line)));
      assert.equal(lines.length, 1, `one line of ${file} on main matches ${String(pattern)}`);
      return lines[0]!;
    };
    const indentOf = (line: string): string => /^ */.exec(line)![0];
    // modelship's state (rollout-state.ts writeRecorded): stable then canary, each version, uri,
    // digest; the stable model has no digest yet, since nothing recorded one on main.
    const state = (indent: string, stableUri = uri1, canaryUri = uri2): string[] => [
      ...recordLines(indent, "stable", { version: "0.0.1", uri: stableUri }),
      ...recordLines(indent, "canary", { version: "0.0.2", uri: canaryUri, digest: world.digest["0.0.2"]! }),
    ];

    // values.yaml (yaml-path): the URI line changes in place, canaryWeight joins the model map after
    // its last key, and the state goes in a top-level `modelship` map (a values file has no metadata).
    const valuesUri = seedLine(FILES.values, uri1);
    assert.deepEqual(diffLines(world.bare, "main", branch, FILES.values), {
      removed: [valuesUri],
      added: [valuesUri.replace(uri1, uri2), `${indentOf(valuesUri)}canaryWeight: ${weight}`, "modelship:", ...state("  ")],
    });

    // rollout.yaml (argo-rollouts, canary strategy): a new metadata.annotations map (after namespace)
    // holds the state; the steps become [setWeight: w, pause: {}] (hold until the next PR); the
    // MODEL_URI env value changes in place, keeping its double quotes.
    const envValue = seedLine(FILES.rollout, uri1);
    const seedSteps = [seedLine(FILES.rollout, /^\s*- setWeight:/), seedLine(FILES.rollout, /^\s*- pause:/)];
    const stepIndent = indentOf(seedSteps[0]!);
    assert.deepEqual(diffLines(world.bare, "main", branch, FILES.rollout), {
      removed: [...seedSteps, envValue],
      added: [
        "  annotations:",
        ...state("    "),
        `${stepIndent}- setWeight: ${weight}`,
        `${stepIndent}- pause: {}`,
        envValue.replace(uri1, uri2),
      ],
    });

    // inferenceservice.yaml (kserve-standard): the stable storageUri stays; the state joins the
    // existing annotations, and spec.canary is appended after the predictor: one entry at the
    // weight, a predictor named v<version> made DNS-safe, and the stable model's format, runtime
    // and protocol with the new URI.
    const kserveLine = (key: string): string => seedLine(FILES.kserve, new RegExp(`^\\s*${key}:`)).trim();
    const kserveSeed = show(world.bare, "main", FILES.kserve).split("\n");
    const formatName = kserveSeed[kserveSeed.findIndex((line) => line.trim() === "modelFormat:") + 1]!.trim();
    const annotationIndent = indentOf(seedLine(FILES.kserve, "serving.kserve.io/deploymentMode:"));
    assert.deepEqual(diffLines(world.bare, "main", branch, FILES.kserve), {
      removed: [],
      added: [
        ...state(annotationIndent, world.tritonUri("0.0.1"), world.tritonUri("0.0.2")),
        "  canary:",
        `    - trafficPercent: ${weight}`,
        "      predictor:",
        "        name: v0-0-2",
        "        model:",
        "          name: kserve-container",
        "          modelFormat:",
        `            ${formatName}`,
        `          ${kserveLine("runtime")}`,
        `          ${kserveLine("protocolVersion")}`,
        `          storageUri: ${world.tritonUri("0.0.2")}`,
      ],
    });
    assertCanaryFiles(world, branch, "0.0.2", STEPS[0]!, "0.0.1");

    const body = await readFile(bodyPathOf(world, run.output), "utf8");
    assert.ok(bodyPathOf(world, run.output).startsWith(join(world.repo, ".modelship", "promotion")));
    for (const needle of [
      "0.0.1",
      "0.0.2",
      `canary ${STEPS[0]}%`,
      "Gate verdict **pass**",
      "### Rollout plan",
      `canary ${STEPS[1]}%`,
      "promote to 100%",
      ROLLBACK_COMMAND("production"),
      `<!-- modelship:promotion environment=production model=${MODEL} action=start version=0.0.2 -->`,
    ]) {
      assert.ok(body.includes(needle), `the PR body has ${needle}:\n${body}`);
    }

    const again = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(again.exitCode, 0, again.output);
    assert.equal(refSha(world.bare, branch), sha, "the branch did not move");
    assert.match(again.stdout, /up to date/);
  });

  test("refuses an ungated release and a tampered one; nothing is pushed", async () => {
    const world = await setup();
    const ungated = await modelship(world, ["promote", `${MODEL}@0.0.3`, "--env", "production"]);
    assert.equal(ungated.exitCode, 2, ungated.output);
    assert.match(ungated.output, /0\.0\.3 may not be promoted/);
    assert.match(ungated.output, /gate verdict is fail|allow-ungated/);
    assert.equal(refSha(world.bare, branchOf("production")), undefined);

    const model = join(world.registry, MODEL, "0.0.2", "model.onnx");
    const bytes = await readFile(model);
    bytes[5] = bytes[5]! ^ 0xff;
    await writeFile(model, bytes);
    const tampered = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(tampered.exitCode, 2, tampered.output);
    assert.match(tampered.output, /model\.onnx/);
    assert.match(tampered.output, /sha256/i);
    assert.equal(refSha(world.bare, branchOf("production")), undefined);
    assert.equal(git(world.bare, ["for-each-ref", "--format=%(refname)"]), "refs/heads/main");
  });

  test("user mistakes exit 2 with a hint and no stack trace: an unknown environment, a step with no canary running", async () => {
    const world = await setup();
    const unknown = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "qa"]);
    assert.equal(unknown.exitCode, 2, unknown.output);
    assert.match(unknown.output, /"qa" is not configured/);
    assert.match(unknown.output, /production/);
    const step = await modelship(world, ["promote", "--env", "production", "--action", "step", "--weight", "50"]);
    assert.equal(step.exitCode, 2, step.output);
    assert.match(step.output, /no canary runs in production/);
    const none = await modelship(world, ["canary", "--env", "production", "--metrics", join(world.repo, "absent.json")]);
    assert.equal(none.exitCode, 0, none.output);
    assert.match(none.stdout, /production: nothing to do/);
    assert.equal(git(world.bare, ["for-each-ref", "--format=%(refname)"]), "refs/heads/main");
  });

  test("a canary on a yaml-path target without weight_path is refused as a user error", async () => {
    const world = await setup({ production: { targets: [{ kind: "yaml-path", file: FILES.values, uri_path: "model.storageUri" }] } });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /weightPath|weight_path/);
    assert.equal(refSha(world.bare, branchOf("production")), undefined);
  });

  test("pull_secret: every pod spec gets it in the pushed branch, and verify-promotion passes the change", async () => {
    const targets = [
      { kind: "kserve-standard", file: FILES.kserve },
      { kind: "argo-rollouts", file: FILES.rollout, container: "server" },
    ];
    const world = await setup({ production: { pull_secret: "ghcr-pull", targets } });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    const kserve = parseYaml(show(world.bare, branchOf("production"), FILES.kserve)) as {
      spec: { predictor: { imagePullSecrets?: unknown }; canary: { predictor: { imagePullSecrets?: unknown } }[] };
    };
    assert.deepEqual(kserve.spec.predictor.imagePullSecrets, [{ name: "ghcr-pull" }]);
    assert.deepEqual(kserve.spec.canary[0]!.predictor.imagePullSecrets, [{ name: "ghcr-pull" }]);
    const rollout = parseAllDocuments(show(world.bare, branchOf("production"), FILES.rollout))[0]!.toJS() as {
      spec: { template: { spec: { imagePullSecrets?: unknown } } };
    };
    assert.deepEqual(rollout.spec.template.spec.imagePullSecrets, [{ name: "ghcr-pull" }]);
    const verified = await modelship(world, ["verify-promotion", "--head", branchOf("production")]);
    assert.equal(verified.exitCode, 0, verified.output);
  });

  test("production and staging promoted at the same time each get their own branch", async () => {
    const world = await setup();
    const [production, staging] = await Promise.all([
      modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]),
      modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "staging"]),
    ]);
    assert.equal(production.exitCode, 0, production.output);
    assert.equal(staging.exitCode, 0, staging.output);
    assertCanaryFiles(world, branchOf("production"), "0.0.2", STEPS[0]!, "0.0.1");
    assert.deepEqual(git(world.bare, ["diff", "--name-only", "main", branchOf("staging")]).split("\n"), [FILES.values]);
    const staged = parseYaml(show(world.bare, branchOf("staging"), FILES.values)) as {
      model: { storageUri: string; canaryWeight?: number };
    };
    assert.equal(staged.model.storageUri, world.uri("0.0.2"));
    assert.equal(staged.model.canaryWeight, undefined);
    const stagingBody = await readFile(bodyPathOf(world, staging.output), "utf8");
    const productionBody = await readFile(bodyPathOf(world, production.output), "utf8");
    assert.ok(stagingBody.includes("environment=staging") && productionBody.includes("environment=production"));
  });
});

describe("modelship canary", () => {
  async function started(): Promise<World> {
    const world = await setup();
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    return world;
  }

  test("healthy after the bake time: opens the step to the next weight", async () => {
    const world = await started();
    squashMerge(world, branchOf("production"), new Date(Date.now() - 2 * 3_600_000));
    await writeMetrics(world, 0.002);
    const run = await modelship(world, ["canary", "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.stdout, /production: step/);
    assertCanaryFiles(world, branchOf("production"), "0.0.2", STEPS[1]!, "0.0.1");
    assert.equal(git(world.bare, ["rev-list", "--count", `main..${branchOf("production")}`]), "1");
    const body = await readFile(bodyPathOf(world, run.output), "utf8");
    assert.ok(body.includes(`canary ${STEPS[0]}% → ${STEPS[1]}%`), body);
    assert.ok(body.includes("error-rate"), body);
  });

  test("unhealthy: the same branch now rolls back to the stable model", async () => {
    const world = await started();
    squashMerge(world, branchOf("production"), new Date(Date.now() - 2 * 3_600_000));
    await writeMetrics(world, 0.2);
    const run = await modelship(world, ["canary", "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.stdout, /production: roll back 0\.0\.2/);
    assertStableFiles(world, branchOf("production"), "0.0.1");
    const body = await readFile(bodyPathOf(world, run.output), "utf8");
    assert.match(body, /roll back 0\.0\.2 to 0\.0\.1/);
    assert.ok(body.includes("All traffic returns to 0.0.1"), body);
  });

  test("healthy but merged 5 minutes ago: holds and pushes nothing", async () => {
    const world = await started();
    squashMerge(world, branchOf("production"), new Date(Date.now() - 5 * 60_000));
    const before = refSha(world.bare, branchOf("production"));
    await writeMetrics(world, 0.002);
    const run = await modelship(world, ["canary", "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.stdout, /production: hold/);
    assert.equal(refSha(world.bare, branchOf("production")), before);
    // --now moves the clock: the same merge is past its bake an hour later.
    const later = await modelship(world, [
      "canary",
      "--env",
      "production",
      "--dry-run",
      "--now",
      new Date(Date.now() + 3_600_000).toISOString(),
    ]);
    assert.match(later.stdout, /production: step/, later.output);
    // It says so, and what it would have done: the step's weight and the PR's branch.
    assert.ok(
      later.stdout.includes(
        `dry run: nothing was pushed and no pull request opened (it would have pushed branch ${branchOf("production")} and opened a pull request to step the canary up to ${STEPS[1]}% in production)`,
      ),
      later.output,
    );
    assert.equal(refSha(world.bare, branchOf("production")), before, "--dry-run pushes nothing");
  });
});

describe("modelship canary bake time", () => {
  test("counts from the merge into main, not from when the PR's commit was made (merge-commit repositories)", async () => {
    const world = await setup();
    // The PR's commit is three hours old (opened, reviewed slowly); it was merged five minutes ago.
    const made = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"], {
      GIT_COMMITTER_DATE: made,
      GIT_AUTHOR_DATE: made,
    });
    assert.equal(run.exitCode, 0, run.output);
    const branch = branchOf("production");
    assert.equal(
      new Date(Number(git(world.bare, ["log", "-1", "--format=%ct", branch])) * 1000).toISOString(),
      made.replace(/\.\d+Z$/, ".000Z"),
    );
    const dir = join(world.root, "merge-commit");
    git(world.root, ["clone", "--quiet", "--branch", "main", world.bare, dir]);
    const merged = new Date(Date.now() - 5 * 60_000).toISOString();
    git(dir, ["merge", "--quiet", "--no-ff", "-m", `Merge pull request #1 from ${branch}`, `origin/${branch}`], {
      GIT_COMMITTER_DATE: merged,
      GIT_AUTHOR_DATE: merged,
    });
    git(dir, ["push", "--quiet", "origin", "HEAD:refs/heads/main"]);
    await writeMetrics(world, 0.002);
    const before = refSha(world.bare, branch);
    const canary = await modelship(world, ["canary", "--env", "production"]);
    assert.equal(canary.exitCode, 0, canary.output);
    assert.match(canary.stdout, /production: hold/);
    assert.equal(refSha(world.bare, branch), before);
  });
});

describe("multi-document GitOps files (issue 18)", () => {
  test("a values file of two documents is refused (exit 2, the file, the second document's line, the fix); nothing is pushed", async () => {
    const world = await setup();
    const values = show(world.bare, "main", FILES.values);
    const twoDocuments = `${values}---\n# a second document: Helm 3 would ignore it, Helm 4 would let it win\nmodel:\n  storageUri: ${world.uri("0.0.1")}\n`;
    const second = values.split("\n").length;
    pushFiles(world.bare, "main", { [FILES.values]: twoDocuments }, { from: "main", message: "a second values document" });
    const mainBefore = refSha(world.bare, "main");
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "staging"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.ok(
      run.output.includes(
        `${FILES.values}:${second}: ${FILES.values} holds 2 YAML documents (the second is document 2, line ${second}); a values file is one document`,
      ),
      run.output,
    );
    assert.match(
      run.output,
      /Fix: split the file: Helm 3 reads only the first document of a values file and ignores the rest, while Helm 4 merges/,
    );
    assert.equal(refSha(world.bare, branchOf("staging")), undefined, "no branch was pushed");
    assert.equal(refSha(world.bare, "main"), mainBefore);
  });

  test("an InferenceService after a Service in one file: the InferenceService is promoted, the Service keeps every byte", async () => {
    const world = await setup({ production: { targets: [{ kind: "kserve-standard", file: FILES.kserve }] } });
    const service = `# The Service in front of the model, kept in the same file.\napiVersion: v1\nkind: Service\nmetadata:\n  name: adult-income   # the model's name, on purpose\n  namespace: models\nspec:\n  selector: {app: adult-income}\n  ports:\n    - port: 80\n      targetPort: 8080\n`;
    const isvc = show(world.bare, "main", FILES.kserve);
    pushFiles(world.bare, "main", { [FILES.kserve]: `${service}---\n${isvc}` }, { from: "main", message: "a Service beside the model" });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 0, run.output);
    const promoted = show(world.bare, branchOf("production"), FILES.kserve);
    assert.ok(promoted.startsWith(`${service}---\n`), `the Service document is byte-identical:\n${promoted}`);
    const documents = parseAllDocuments(promoted).map((document) => document.toJS() as Record<string, unknown>);
    assert.deepEqual(
      documents.map((document) => document.kind),
      ["Service", "InferenceService"],
    );
    const spec = documents[1]!.spec as {
      predictor: { model: { storageUri: string } };
      canary: { trafficPercent: number; predictor: { model: { storageUri: string } } }[];
    };
    assert.equal(spec.predictor.model.storageUri, world.tritonUri("0.0.1"));
    assert.deepEqual(
      spec.canary.map((canary) => [canary.trafficPercent, canary.predictor.model.storageUri]),
      [[STEPS[0], world.tritonUri("0.0.2")]],
    );
    // Only the InferenceService's lines changed, and its comments stayed.
    assert.deepEqual(diffLines(world.bare, "main", branchOf("production"), FILES.kserve).removed, []);
    assert.ok(promoted.includes("# The release asset modelship published for Triton; promotion PRs change this URL."));
    // verify-promotion reads both documents and passes modelship's own change.
    const verified = await modelship(world, ["verify-promotion", "--head", branchOf("production")]);
    assert.equal(verified.exitCode, 0, verified.output);
  });

  test("verify-promotion fails a hand-made second document in a values file, even with a trusted model in it", async () => {
    const world = await setup();
    const values = show(world.bare, "main", FILES.values);
    pushFiles(
      world.bare,
      "hand/second-document",
      { [FILES.values]: `${values}---\nmodel:\n  storageUri: ${world.uri("0.0.2")}\n` },
      { from: "main" },
    );
    const run = await modelship(world, ["verify-promotion", "--head", "hand/second-document"]);
    assert.equal(run.exitCode, 1, run.output);
    assert.match(run.output, /values\.yaml holds 2 YAML documents \(the second is document 2, line \d+\); a values file is one document/);
  });
});

describe("modelship verify-promotion", () => {
  test("passes modelship's own branch; fails an ungated URI and a non-release URI", async () => {
    const world = await setup();
    const promoted = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(promoted.exitCode, 0, promoted.output);
    const ok = await modelship(world, ["verify-promotion", "--head", branchOf("production")]);
    assert.equal(ok.exitCode, 0, ok.output);
    assert.ok(ok.stdout.includes(world.uri("0.0.2")), ok.output);

    const values = show(world.bare, "main", FILES.values);
    pushFiles(world.bare, "hand/ungated", { [FILES.values]: values.replace(world.uri("0.0.1"), world.uri("0.0.3")) }, { from: "main" });
    const ungated = await modelship(world, ["verify-promotion", "--head", "hand/ungated"]);
    assert.equal(ungated.exitCode, 1, ungated.output);
    assert.match(ungated.output, /gate verdict is fail|allow-ungated/);

    const kserve = show(world.bare, "main", FILES.kserve);
    pushFiles(
      world.bare,
      "hand/s3",
      { [FILES.kserve]: kserve.replace(world.tritonUri("0.0.1"), "s3://bucket/model.onnx") },
      { from: "main" },
    );
    const s3 = await modelship(world, ["verify-promotion", "--head", "hand/s3"]);
    assert.equal(s3.exitCode, 1, s3.output);
    assert.ok(s3.output.includes("s3://bucket/model.onnx"), s3.output);
    assert.match(s3.output, /a URI with scheme s3: is not a release asset of a registry the base branch's rules trust/);
  });

  test("in a clone of the GitOps repository, with no --remote, checks that clone (and says so)", async () => {
    const world = await setup();
    const promoted = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(promoted.exitCode, 0, promoted.output);
    const clone = join(world.root, "gitops-clone");
    git(world.root, ["clone", "--quiet", world.bare, clone]);
    // The reviewer fetched the PR's branch; the clone's modelship.yaml holds the rules, not promote.remote.
    git(clone, ["fetch", "--quiet", "origin", `${branchOf("production")}:${branchOf("production")}`]);
    // -v: the stage's info lines (which repository it checks) are for verbose runs; the default prints the summary.
    const ok = await runModelship(clone, ["verify-promotion", "--head", branchOf("production"), "-v"]);
    assert.equal(ok.exitCode, 0, ok.output);
    assert.ok(ok.stdout.includes(world.uri("0.0.2")), ok.output);
    assert.ok(ok.stderr.includes(`checking the git repository the command runs in (${clone})`), ok.stderr);
    // The clone's own branch is what is checked: an ungated URI there fails.
    git(clone, ["checkout", "--quiet", "-b", "hand/ungated"]);
    const values = await readFile(join(clone, FILES.values), "utf8");
    await writeFile(join(clone, FILES.values), values.replace(world.uri("0.0.1"), world.uri("0.0.3")));
    git(clone, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-am", "ungated"]);
    const ungated = await runModelship(clone, ["verify-promotion", "--head", "hand/ungated"]);
    assert.equal(ungated.exitCode, 1, ungated.output);
    assert.match(ungated.output, /gate verdict is fail|allow-ungated/);
  });
});

describe("modelship promote (GitHub pull requests)", () => {
  const REPOSITORY = "octo/gitops";
  const TOKEN = "ghs_promoteE2eWriteToken00000000000000";

  test("opens one labelled PR, re-runs write nothing, rolls back with auto-merge, closes an obsolete PR", async () => {
    const world = await setup();
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, REPOSITORY, TOKEN, world.bare);
      const env = fakeGitHubEnv(fake, TOKEN);
      const flags = ["--gitops-repo", REPOSITORY, "--remote", world.bare];
      const branch = branchOf("production");

      const opened = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production", ...flags], env);
      assert.equal(opened.exitCode, 0, opened.output);
      let pulls = fake.pulls(REPOSITORY);
      assert.equal(pulls.length, 1);
      assert.equal(pulls[0]!.head, `octo:${branch}`);
      assert.equal(pulls[0]!.base, "main");
      assert.equal(pulls[0]!.state, "open");
      assert.deepEqual(pulls[0]!.labels, ["model-promotion"]);
      assert.ok(pulls[0]!.body?.includes(`<!-- modelship:promotion environment=production model=${MODEL} action=start version=0.0.2 -->`));
      assert.ok(pulls[0]!.title.includes(`canary ${STEPS[0]}%`));
      assert.equal(pulls[0]!.autoMerge, null, "a start is not auto-merged by default");

      const callsBefore = fake.calls.length;
      const sha = refSha(world.bare, branch);
      const again = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production", ...flags], env);
      assert.equal(again.exitCode, 0, again.output);
      assert.match(again.stdout, /up to date/);
      assert.equal(fake.pulls(REPOSITORY).length, 1);
      assert.deepEqual(
        fake.calls
          .slice(callsBefore)
          .filter((call) => call.method !== "GET")
          .map((call) => `${call.method} ${call.path}`),
        [],
      );
      assert.equal(refSha(world.bare, branch), sha);

      // The same change lands on main another way while the PR is still open: the PR is obsolete.
      const first = pulls[0]!.number;
      squashMerge(world, branch, new Date(Date.now() - 3_600_000));
      const nothing = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production", ...flags], env);
      assert.equal(nothing.exitCode, 0, nothing.output);
      assert.match(nothing.stdout, /nothing to do: the base already says/);
      assert.match(nothing.stdout, new RegExp(`closed the obsolete PR #${first}\\b`));
      assert.deepEqual(
        fake.pulls(REPOSITORY).map((pull) => [pull.number, pull.state]),
        [[first, "closed"]],
      );

      // main runs the canary now; a rollback opens a new PR on the same branch, labelled and auto-merged.
      const rollback = await modelship(world, ["promote", "--env", "production", "--action", "rollback", ...flags], env);
      assert.equal(rollback.exitCode, 0, rollback.output);
      assertStableFiles(world, branch, "0.0.1");
      pulls = fake.pulls(REPOSITORY);
      const open = pulls.filter((pull) => pull.state === "open");
      assert.equal(open.length, 1, JSON.stringify(pulls, null, 2));
      assert.notEqual(open[0]!.number, first);
      assert.equal(open[0]!.head, `octo:${branch}`);
      assert.deepEqual([...open[0]!.labels].sort(), ["model-promotion", "rollback"]);
      assert.equal(open[0]!.autoMerge, "SQUASH");
      assert.match(open[0]!.title, /roll back 0\.0\.2 to 0\.0\.1/);
      assert.ok(open[0]!.body?.includes("All traffic returns to 0.0.1"));
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });
});

describe("the promote and verify-promotion actions, run as the runner runs them", () => {
  test("promote: inputs from action.yml, outputs status, branch and version; the tokens are masked", async () => {
    const world = await setup();
    const run = await runAction({
      action: "actions/promote",
      cwd: world.repo,
      inputs: { environment: "production", model: `${MODEL}@0.0.2`, "gitops-token": "gitops-secret-123" },
      env: cleanEnv(),
    });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.status, "pushed");
    assert.equal(run.outputs.branch, branchOf("production"));
    assert.equal(run.outputs.version, "0.0.2");
    assert.equal(run.outputs["model-uri"], world.uri("0.0.2"));
    assert.equal(run.outputs["pr-number"], "");
    assert.ok(run.secretsMasked.includes("gitops-secret-123"), "the GitOps token is masked");
    assert.ok(refSha(world.bare, branchOf("production")) !== undefined, "the branch was pushed");
    assert.match(run.summary, /canary 10%/);
  });

  test("promote with action retire: refused while the model takes traffic; force: true pushes the retire branch", async () => {
    const world = await setup();
    const inputs = { environment: "production", action: "retire", "gitops-token": "gitops-secret-123" };
    const refused = await runAction({ action: "actions/promote", cwd: world.repo, inputs, env: cleanEnv() });
    assert.notEqual(refused.exitCode, 0);
    assert.match(refused.stdout + refused.stderr, /still takes traffic in production/);
    assert.equal(refSha(world.bare, branchOf("production")), undefined, "nothing was pushed");

    const forced = await runAction({ action: "actions/promote", cwd: world.repo, inputs: { ...inputs, force: "true" }, env: cleanEnv() });
    assert.equal(forced.exitCode, 0, forced.stdout + forced.stderr);
    assert.equal(forced.outputs.status, "pushed");
    assert.equal(forced.outputs.branch, branchOf("production"));
    assert.equal(forced.outputs.version, "0.0.1");
    assert.ok(refSha(world.bare, branchOf("production")) !== undefined, "the retire branch was pushed");
    assert.match(forced.summary, /retire/);
    assert.ok(forced.secretsMasked.includes("gitops-secret-123"), "the GitOps token is masked");
  });

  test("verify-promotion fails the check (exit 1, one error) for a change that deploys an ungated model", async () => {
    const world = await setup();
    const values = show(world.bare, "main", FILES.values).replace(world.uri("0.0.1"), world.uri("0.0.3"));
    pushFiles(world.bare, "hand-edit", { [FILES.values]: values }, { from: "main" });
    const run = await runAction({
      action: "actions/verify-promotion",
      cwd: world.repo,
      inputs: { head: "hand-edit", base: "main", remote: world.bare },
      env: cleanEnv(),
    });
    assert.notEqual(run.exitCode, 0);
    assert.equal(run.outputs.ok, "false");
    const uris = JSON.parse(run.outputs.uris ?? "[]") as { uri: string; ok: boolean; detail: string }[];
    assert.deepEqual(
      uris.map((uri) => [uri.uri, uri.ok]),
      [[world.uri("0.0.3"), false]],
    );
    assert.match(uris[0]!.detail, /may not be promoted/);
    assert.match(run.summary, /must not be merged/);
  });
});
