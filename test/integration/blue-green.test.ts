/**
 * Blue-green end to end through the built CLI against a bare git remote (issue 20), for Argo
 * Rollouts and for Flagger: `modelship promote` opens the preview (no live traffic) → it is merged →
 * the scheduled `modelship canary` reads healthy metrics after the bake time and opens the cut-over →
 * it is merged → the canary job finds nothing running, and the manifests on main describe only the
 * new version and validate against the upstream CRDs. An unhealthy preview is rolled back; targets
 * that cannot express blue-green are refused before anything is pushed.
 */
import { runModelship } from "../support/cli.ts";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { after, describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { formatProblem, validateManifestText } from "../../src/gitops/validate-manifests.ts";
import { refSha, seedBareRemote, show, squashMerge as squashMergeInto } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, U1 as EXAMPLE_URI } from "../support/manifests.ts";
import { publishTestReleases, registryUri } from "../support/registry-package.ts";

const MODEL = "adult-income";
const BRANCH = `modelship/production/${MODEL}`;
const HOUR = 3_600_000;

const scratchRoots: string[] = [];
after(async () => {
  if (process.env.KEEP_SCRATCH === undefined) for (const dir of scratchRoots) await rm(dir, { recursive: true, force: true });
});

type Engine = "argo-rollouts" | "flagger";

interface World {
  root: string;
  bare: string;
  repo: string;
  file: string;
  uri: (version: string) => string;
}

/** The example Rollout with a blue-green strategy in place of its canary one. */
function blueGreenRollout(): string {
  const text = exampleManifest("rollout.yaml");
  const start = text.indexOf("  strategy:\n    canary:\n");
  const end = text.indexOf("  template:\n");
  assert.ok(start > 0 && end > start);
  return `${text.slice(0, start)}  strategy:\n    blueGreen:\n      activeService: adult-income\n      previewService: adult-income-preview\n      scaleDownDelaySeconds: 45\n${text.slice(end)}`;
}

/** The example Flagger Canary in blue/green mode (analysis.iterations). */
function blueGreenFlagger(): string {
  const text = exampleManifest("flagger.yaml");
  assert.ok(text.includes("    maxWeight: 50\n    stepWeight: 10\n"));
  return text.replace("    maxWeight: 50\n    stepWeight: 10\n", "    iterations: 10\n");
}

async function setup(engine: Engine, options: { manifest?: string; targets?: unknown[]; strategy?: string } = {}): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), "modelship-blue-green-"));
  scratchRoots.push(root);
  const registry = join(root, "registry");
  await publishTestReleases(root, registry, MODEL, [{ version: "0.0.1", accuracy: 0.81 }, { version: "0.0.2" }]);
  const uri = (version: string) => registryUri(registry, MODEL, version);
  const file = engine === "argo-rollouts" ? "apps/adult-income/rollout.yaml" : "apps/adult-income/flagger.yaml";
  const manifest = options.manifest ?? (engine === "argo-rollouts" ? blueGreenRollout() : blueGreenFlagger());
  assert.ok(manifest.includes(EXAMPLE_URI));
  const bare = seedBareRemote(root, { [file]: manifest.replaceAll(EXAMPLE_URI, uri("0.0.1")) }, { date: new Date(Date.now() - 24 * HOUR) });
  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      remote: bare,
      base: "main",
      environments: {
        production: {
          strategy: options.strategy ?? "blue-green",
          bake: "30m",
          targets: options.targets ?? [{ kind: engine, file, container: "server" }],
          health: { metrics: "metrics.json", checks: [{ name: "error-rate", metric: "error_rate", max: 0.01 }] },
        },
      },
    },
  });
  return { root, bare, repo, file, uri };
}

/** Runs the built CLI in the model repository. */
function modelship(world: World, args: string[]): ReturnType<typeof runModelship> {
  return runModelship(world.repo, args);
}

/** Squash-merges the promotion branch into main as GitHub's merge button would, committed at `date`. */
function squashMerge(world: World, date: Date): void {
  squashMergeInto(world.bare, BRANCH, date, { changes: true });
}

async function writeMetrics(world: World, errorRate: number): Promise<void> {
  await writeFile(
    join(world.repo, "metrics.json"),
    JSON.stringify({ versions: { "0.0.2": { error_rate: errorRate }, "0.0.1": { error_rate: 0.003 } } }),
  );
}

async function bodyOf(world: World, output: string): Promise<string> {
  const match = /PR body: (\S+?)\)/.exec(output);
  assert.ok(match, `the output names the PR body:\n${output}`);
  return readFile(isAbsolute(match[1]!) ? match[1]! : join(world.repo, match[1]!), "utf8");
}

interface EnvVar {
  name: string;
  value?: string;
}
interface Workload {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec: {
    strategy?: { blueGreen?: { autoPromotionEnabled?: boolean } };
    template?: { spec: { containers: { env: EnvVar[] }[] } };
    analysis?: Record<string, unknown>;
  };
}

/** The documents of the target file on `ref`: the Rollout, or the Deployment and its Canary. */
function documents(world: World, ref: string): Workload[] {
  return parseAllDocuments(show(world.bare, ref, world.file)).map((document) => document.toJS() as Workload);
}

function modelUri(world: World, ref: string): string | undefined {
  const workload = documents(world, ref).find((document) => document.kind === "Rollout" || document.kind === "Deployment")!;
  return workload.spec.template!.spec.containers[0]!.env.find((variable) => variable.name === "MODEL_URI")?.value;
}

function annotations(world: World, ref: string): Record<string, string> {
  const workload = documents(world, ref).find((document) => document.kind === "Rollout" || document.kind === "Deployment")!;
  return workload.metadata.annotations ?? {};
}

function assertValid(world: World, ref: string): void {
  const result = validateManifestText(show(world.bare, ref, world.file), world.file, { modelFormat: "onnx" });
  assert.deepEqual(result.problems.map(formatProblem), [], `${world.file} on ${ref} validates against the upstream CRDs`);
  assert.ok(result.checked.length > 0);
}

for (const engine of ["argo-rollouts", "flagger"] as const) {
  describe(`blue-green on ${engine}`, () => {
    test("preview PR → merge → healthy after the bake: cut-over PR → merge → nothing runs; only the new version is left", async () => {
      const world = await setup(engine);
      const seedAnalysis = documents(world, "main").find((document) => document.kind === "Canary")?.spec.analysis;

      // 1. The preview: the new model in the pod template, no live traffic.
      const start = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
      assert.equal(start.exitCode, 0, start.output);
      assert.equal(modelUri(world, BRANCH), world.uri("0.0.2"));
      assert.equal(modelUri(world, "main"), world.uri("0.0.1"), "main is untouched until the merge");
      if (engine === "argo-rollouts") assert.equal(documents(world, BRANCH)[0]!.spec.strategy?.blueGreen?.autoPromotionEnabled, false);
      else assert.deepEqual(documents(world, BRANCH)[1]!.spec.analysis, seedAnalysis, "the blue/green Canary's analysis is left alone");
      assertValid(world, BRANCH);
      const previewBody = await bodyOf(world, start.output);
      assert.ok(previewBody.includes("adult-income 0.0.2 → production: preview (no live traffic)"), previewBody);
      assert.match(previewBody, /1\. \*\*preview: 0\.0\.2 runs beside the stable model with no live traffic .*← this PR\*\*/);
      assert.match(previewBody, /2\. cut-over: all live traffic switches to 0\.0\.2 at once/);
      assert.match(
        previewBody,
        engine === "argo-rollouts"
          ? /the old ReplicaSet is scaled down 45 s after the switch \(spec\.strategy\.blueGreen\.scaleDownDelaySeconds, default 30\)/
          : /scales Deployment "adult-income-flagger" \(the canary\) to zero/,
      );
      assert.doesNotMatch(previewBody, /canary 10%/);

      // 2. Merged two hours ago: the bake time (30m) is over; healthy metrics → the cut-over.
      squashMerge(world, new Date(Date.now() - 2 * HOUR));
      await writeMetrics(world, 0.002);
      const cutOver = await modelship(world, ["canary", "--env", "production"]);
      assert.equal(cutOver.exitCode, 0, cutOver.output);
      assert.match(cutOver.stdout, /production: promote 0\.0\.2 to stable — Cut over to 0\.0\.2/);
      assert.doesNotMatch(cutOver.stdout, /step/i);
      const cutOverBody = await bodyOf(world, cutOver.output);
      assert.ok(cutOverBody.includes("adult-income → production: blue-green cut-over, switch to 0.0.2"), cutOverBody);
      assert.match(
        cutOverBody,
        /2\. \*\*cut-over: all live traffic switches to 0\.0\.2 at once \(needs a reviewer's merge\) ← this PR\*\*/,
      );
      assert.match(cutOverBody, /3\. old version scaled down/);
      if (engine === "argo-rollouts") {
        assert.equal(documents(world, BRANCH)[0]!.spec.strategy?.blueGreen?.autoPromotionEnabled, true, "the cut-over lets Argo promote");
        assert.match(cutOverBody, /old ReplicaSet is scaled down 45 s after the switch/);
      } else {
        assert.match(cutOverBody, /copies the new pod spec to Deployment "adult-income-flagger-primary"/);
      }
      assertValid(world, BRANCH);

      // 3. The cut-over merged: main describes only 0.0.2, and the canary job has nothing to do.
      squashMerge(world, new Date());
      assert.equal(modelUri(world, "main"), world.uri("0.0.2"));
      const recorded = annotations(world, "main");
      assert.equal(recorded["modelship.dev/stable-version"], "0.0.2");
      assert.equal(recorded["modelship.dev/canary-version"], undefined, "no preview is recorded any more");
      assert.ok(!show(world.bare, "main", world.file).includes(world.uri("0.0.1")), "the old version is gone from the manifest");
      if (engine === "argo-rollouts") assert.equal(documents(world, "main")[0]!.spec.strategy?.blueGreen?.autoPromotionEnabled, true);
      assertValid(world, "main");
      const mainBefore = refSha(world.bare, "main");
      const idle = await modelship(world, ["canary", "--env", "production"]);
      assert.equal(idle.exitCode, 0, idle.output);
      assert.match(idle.stdout, /production: nothing to do — no canary runs in production \(0\.0\.2 serves all traffic\)/);
      assert.equal(refSha(world.bare, "main"), mainBefore);
    });

    test("an unhealthy preview is rolled back: the preview goes, the stable model stays", async () => {
      const world = await setup(engine);
      const start = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
      assert.equal(start.exitCode, 0, start.output);
      squashMerge(world, new Date(Date.now() - 10 * 60_000));
      await writeMetrics(world, 0.2);
      const run = await modelship(world, ["canary", "--env", "production"]);
      assert.equal(run.exitCode, 0, run.output);
      assert.match(run.stdout, /production: roll back 0\.0\.2 — Roll back preview 0\.0\.2 \(the preview is removed/);
      assert.equal(modelUri(world, BRANCH), world.uri("0.0.1"));
      assert.equal(annotations(world, BRANCH)["modelship.dev/canary-version"], undefined);
      if (engine === "argo-rollouts") assert.equal(documents(world, BRANCH)[0]!.spec.strategy?.blueGreen?.autoPromotionEnabled, true);
      assertValid(world, BRANCH);
      const body = await bodyOf(world, run.output);
      assert.ok(body.includes("the preview of 0.0.2 is removed"), body);
    });
  });
}

describe("blue-green through GitHub pull requests (the fake, merging into the bare remote)", () => {
  const REPOSITORY = "octo/gitops";
  const TOKEN = "ghs_blueGreenE2eWriteToken0000000000000";

  /** Merges a PR through GitHub's merge endpoint, which moves main of the bare remote. */
  async function mergePull(fake: FakeGitHub, number: number): Promise<void> {
    const response = await fetch(`${fake.url}/repos/${REPOSITORY}/pulls/${number}/merge`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, accept: "application/vnd.github+json", "content-type": "application/json" },
      body: JSON.stringify({ merge_method: "squash" }),
    });
    assert.equal(response.status, 200, await response.text());
  }

  test("Argo Rollouts: the preview PR, merged; the cut-over PR from the canary job, merged; main serves 0.0.2 alone", async () => {
    const world = await setup("argo-rollouts");
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, REPOSITORY, TOKEN, world.bare);
      const env = fakeGitHubEnv(fake, TOKEN);
      const flags = ["--gitops-repo", REPOSITORY, "--remote", world.bare];
      const start = await runModelship(world.repo, ["promote", `${MODEL}@0.0.2`, "--env", "production", ...flags], { env });
      assert.equal(start.exitCode, 0, start.output);
      const [preview] = fake.pulls(REPOSITORY);
      assert.equal(preview!.title, `${MODEL} 0.0.2 → production: preview (no live traffic)`);
      await mergePull(fake, preview!.number);
      assert.equal(modelUri(world, "main"), world.uri("0.0.2"), "the merge put the preview on main");

      // Judged as of an hour after the merge: the 30m bake is over, the preview is healthy.
      await writeMetrics(world, 0.002);
      const later = new Date(Date.now() + HOUR).toISOString();
      const cutOver = await runModelship(world.repo, ["canary", "--env", "production", "--now", later, ...flags], { env });
      assert.equal(cutOver.exitCode, 0, cutOver.output);
      assert.match(cutOver.stdout, /production: promote 0\.0\.2 to stable — Cut over to 0\.0\.2/);
      const open = fake.pulls(REPOSITORY).filter((pull) => pull.state === "open");
      assert.equal(open.length, 1);
      assert.equal(open[0]!.title, `${MODEL} → production: blue-green cut-over, switch to 0.0.2`);
      assert.equal(open[0]!.autoMerge, null, "promotion: review leaves the cut-over to a person");
      assert.match(open[0]!.body ?? "", /old ReplicaSet is scaled down 45 s after the switch/);
      await mergePull(fake, open[0]!.number);

      assert.equal(documents(world, "main")[0]!.spec.strategy?.blueGreen?.autoPromotionEnabled, true, "Argo may switch now");
      assert.equal(annotations(world, "main")["modelship.dev/stable-version"], "0.0.2");
      assert.equal(annotations(world, "main")["modelship.dev/canary-version"], undefined);
      assertValid(world, "main");
      const idle = await runModelship(world.repo, ["canary", "--env", "production", "--now", later, ...flags], { env });
      assert.match(idle.stdout, /production: nothing to do — no canary runs in production \(0\.0\.2 serves all traffic\)/);
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });
});

describe("blue-green refusals, before anything is pushed", () => {
  test("an Argo Rollout with a canary strategy: exit 2, the file and line, modelship.yaml's pointer, the fix", async () => {
    const world = await setup("argo-rollouts", { manifest: exampleManifest("rollout.yaml") });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /apps\/adult-income\/rollout\.yaml:\d+/);
    assert.match(run.output, /\/promote\/environments\/production\/strategy/);
    assert.match(run.output, /has spec\.strategy\.canary/);
    assert.match(run.output, /Fix: .*spec\.strategy\.blueGreen/);
    assert.equal(refSha(world.bare, BRANCH), undefined, "nothing is pushed");
  });

  test("--action step in a blue-green environment: exit 2, the preview has no weights to step; nothing is pushed", async () => {
    const world = await setup("argo-rollouts");
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production", "--action", "step", "--weight", "50"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /uses the blue-green strategy, which has no weights to step/);
    assert.match(run.output, /Fix: .*--action promote/);
    assert.equal(refSha(world.bare, BRANCH), undefined);
  });

  test("a traffic-shifting Flagger Canary: exit 2 with the Canary's analysis named; nothing is pushed", async () => {
    const world = await setup("flagger", { manifest: exampleManifest("flagger.yaml") });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /apps\/adult-income\/flagger\.yaml:\d+/);
    assert.match(run.output, /shifts live traffic step by step/);
    assert.match(run.output, /Fix: .*analysis\.iterations/);
    assert.equal(refSha(world.bare, BRANCH), undefined);
  });

  test("a KServe target: refused from modelship.yaml alone (kind, file, pointer), before any clone", async () => {
    const world = await setup("argo-rollouts", { targets: [{ kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" }] });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /modelship\.yaml/);
    assert.match(run.output, /\/promote\/environments\/production\/strategy/);
    assert.match(run.output, /kind kserve-standard, file apps\/adult-income\/inferenceservice\.yaml/);
    assert.match(run.output, /Fix: use strategy: canary/);
    assert.equal(refSha(world.bare, BRANCH), undefined);
  });

  test("--strategy blue-green on a canary environment with a canary-strategy Rollout: refused once the manifest is read", async () => {
    const world = await setup("argo-rollouts", { manifest: exampleManifest("rollout.yaml"), strategy: "canary" });
    const run = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production", "--strategy", "blue-green"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.output, /has spec\.strategy\.canary/);
    assert.equal(refSha(world.bare, BRANCH), undefined);
    // The same environment as configured (canary) starts a canary.
    const canary = await modelship(world, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(canary.exitCode, 0, canary.output);
    assert.ok(refSha(world.bare, BRANCH));
  });
});
