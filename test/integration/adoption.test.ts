/**
 * The first promotion into a GitOps repository that already serves a model modelship did not
 * release (issue 20): the example app serves `adult-income 0.0.1` from another repository's release
 * URL, with no modelship annotations, and we promote `income-clf@0.0.1`. The stable model must be
 * recorded as what it is (its URI, version unknown), and the PR body, the canary's health comparison
 * and the rollback must all say so. Then: a promotion while a rollback PR is open is refused, and
 * `--supersede` closes that PR and says so in both. Built CLI, a bare git remote, the GitHub fake.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { runModelship } from "../support/cli.ts";
import { refSha, seedBareRemote, show, squashMerge } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, T1 as FOREIGN_TRITON, U1 as FOREIGN } from "../support/manifests.ts";
import { publishTestReleases, registryUri, TRITON_ARCHIVE } from "../support/registry-package.ts";

const MODEL = "income-clf";
const REPOSITORY = "octo/gitops";
const TOKEN = "ghs_adoptionE2eWriteToken000000000000000";
const FILES = { kserve: "apps/adult-income/inferenceservice.yaml", rollout: "apps/adult-income/rollout.yaml" };
const BRANCH = `modelship/production/${MODEL}`;

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

interface World {
  repo: string;
  bare: string;
  uri: (version: string) => string;
  tritonUri: (version: string) => string;
}

async function setup(): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), "modelship-adoption-"));
  roots.push(root);
  const registry = join(root, "registry");
  await publishTestReleases(root, registry, MODEL, [{ version: "0.0.1" }, { version: "0.0.2" }]);
  // The example app as written: adult-income 0.0.1 from OWNER/models' releases, no modelship annotations.
  const seed = { [FILES.kserve]: exampleManifest("inferenceservice.yaml"), [FILES.rollout]: exampleManifest("rollout.yaml") };
  for (const text of Object.values(seed)) assert.doesNotMatch(text, /modelship\.dev\/(stable|canary)-/, "the seed has no modelship state");
  assert.ok(seed[FILES.kserve]!.includes(FOREIGN_TRITON) && seed[FILES.rollout]!.includes(FOREIGN));
  const bare = seedBareRemote(root, seed, { message: "a service modelship did not deploy" });

  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      remote: bare,
      repository: REPOSITORY,
      environments: {
        production: {
          steps: [10, 50],
          bake: "0m",
          targets: [
            { kind: "kserve-standard", file: FILES.kserve },
            { kind: "argo-rollouts", file: FILES.rollout, container: "server" },
          ],
          health: {
            metrics: "metrics.json",
            checks: [
              { name: "error-rate", metric: "error_rate", max: 0.01 },
              { name: "latency", metric: "latency", max_increase: 0.05 },
            ],
          },
        },
      },
    },
  });
  return {
    repo,
    bare,
    uri: (version) => registryUri(registry, MODEL, version),
    tritonUri: (version) => registryUri(registry, MODEL, version, TRITON_ARCHIVE),
  };
}

/** Runs the built CLI in the model repository against the fake. */
function modelship(world: World, fake: FakeGitHub, args: string[]): ReturnType<typeof runModelship> {
  return runModelship(world.repo, args, { env: fakeGitHubEnv(fake, TOKEN), timeoutMs: 90_000 });
}

/** The annotations of the first document of `file` at `ref`. */
function annotations(world: World, ref: string, file: string): Record<string, string> {
  const document = parseAllDocuments(show(world.bare, ref, file))[0]!.toJS() as { metadata: { annotations?: Record<string, string> } };
  return document.metadata.annotations ?? {};
}

async function rest(fake: FakeGitHub, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, accept: "application/vnd.github+json", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return response.json();
}

async function commentsOn(fake: FakeGitHub, number: number): Promise<string[]> {
  const comments = (await rest(fake, "GET", `/repos/${REPOSITORY}/issues/${number}/comments`)) as { body: string }[];
  return comments.map((comment) => comment.body);
}

test("adopting a model modelship did not release: recorded by URI, version unknown, in the PR, the health comparison and the rollback", async () => {
  const world = await setup();
  const fake = await FakeGitHub.start();
  try {
    fakeGitOpsRepo(fake, REPOSITORY, TOKEN, world.bare);

    const start = await modelship(world, fake, ["promote", `${MODEL}@0.0.1`, "--env", "production"]);
    assert.equal(start.exitCode, 0, start.output);
    // The stable model is recorded as what it is: its URI, and no version (0.0.1 is another model's).
    for (const [file, stableUri, canaryUri] of [
      [FILES.kserve, FOREIGN_TRITON, world.tritonUri("0.0.1")],
      [FILES.rollout, FOREIGN, world.uri("0.0.1")],
    ] as const) {
      const recorded = annotations(world, BRANCH, file);
      assert.equal(recorded["modelship.dev/stable-uri"], stableUri, file);
      assert.equal(recorded["modelship.dev/stable-version"], undefined, `${file}: no version is made up for the adopted model`);
      assert.equal(recorded["modelship.dev/canary-version"], "0.0.1", file);
      assert.equal(recorded["modelship.dev/canary-uri"], canaryUri, file);
    }
    const [opened] = fake.pulls(REPOSITORY);
    assert.equal(opened!.title, `${MODEL} 0.0.1 → production: canary 10%`);
    // The traffic row tells the two models apart (it read "0.0.1: 90%, 0.0.1: 10%").
    assert.ok(opened!.body?.includes(`unknown version (${FOREIGN_TRITON}): 90%, 0.0.1: 10%`), opened!.body ?? "");
    assert.ok(!opened!.body?.includes("0.0.1: 90%"), "the adopted model is not shown as 0.0.1");
    assert.ok(opened!.body?.includes("(version unknown: modelship did not release it)"), "the rollback help names the adopted model");

    // The start merges; the PR is done.
    squashMerge(world.bare, BRANCH, new Date(Date.now() - 3_600_000));
    await rest(fake, "PATCH", `/repos/${REPOSITORY}/pulls/${opened!.number}`, { state: "closed" });

    // The canary's own numbers are all the metrics hold: before the fix, the latency comparison read
    // the "stable 0.0.1" from them and compared the canary with itself (0.5 vs 0.5: passes).
    await writeFile(join(world.repo, "metrics.json"), JSON.stringify({ versions: { "0.0.1": { error_rate: 0.2, latency: 0.5 } } }));
    const canary = await modelship(world, fake, ["canary", "--env", "production", "--json"]);
    assert.equal(canary.exitCode, 0, canary.output);
    const [result] = JSON.parse(canary.stdout) as {
      decision: { action: string };
      checks: { name: string; status: string; stable: number | null; detail: string }[];
    }[];
    assert.equal(result!.decision.action, "rollback");
    const latency = result!.checks.find((check) => check.name === "latency")!;
    assert.equal(latency.stable, null, "the adopted model's latency is not read as the canary's");
    assert.match(
      latency.detail,
      new RegExp(`no data for the stable model at ${FOREIGN_TRITON.replace(/[.?]/g, "\\$&")} \\(its version is unknown`),
    );

    const rollback = fake.pulls(REPOSITORY).find((pull) => pull.state === "open")!;
    assert.equal(rollback.title, `${MODEL} in production: roll back 0.0.1 to unknown version (${FOREIGN_TRITON})`);
    const rolledBack = parseYaml(show(world.bare, BRANCH, FILES.kserve)) as {
      spec: { predictor: { model: { storageUri: string } }; canary?: unknown };
    };
    assert.equal(rolledBack.spec.predictor.model.storageUri, FOREIGN_TRITON);
    assert.equal(rolledBack.spec.canary, undefined);

    // A promotion while the rollback PR is open is refused, and pushes nothing.
    const sha = refSha(world.bare, BRANCH);
    const refused = await modelship(world, fake, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(refused.exitCode, 2, refused.output);
    assert.match(
      refused.output,
      new RegExp(`another promotion pull request is open for production: #${rollback.number} "${MODEL} in production: roll back`),
    );
    assert.match(refused.output, /--supersede/);
    assert.equal(refSha(world.bare, BRANCH), sha, "nothing was pushed");
    assert.equal(fake.pulls(REPOSITORY).find((pull) => pull.number === rollback.number)!.state, "open");

    // --supersede closes the rollback PR in favour of the new one, and both say so.
    const superseding = await modelship(world, fake, ["promote", `${MODEL}@0.0.2`, "--env", "production", "--supersede"]);
    assert.equal(superseding.exitCode, 0, superseding.output);
    const pulls = fake.pulls(REPOSITORY);
    const old = pulls.find((pull) => pull.number === rollback.number)!;
    const replacement = pulls.find((pull) => pull.state === "open")!;
    assert.equal(old.state, "closed");
    assert.notEqual(replacement.number, old.number);
    assert.equal(replacement.title, `${MODEL} 0.0.2 → production: canary 10%`);
    assert.match(replacement.body ?? "", new RegExp(`\\*\\*Supersedes\\*\\* \\[#${old.number}\\]`));
    const comments = await commentsOn(fake, old.number);
    assert.ok(
      comments.some((body) => body.startsWith(`Superseded by #${replacement.number}`)),
      comments.join("\n"),
    );
    assert.equal(annotations(world, BRANCH, FILES.rollout)["modelship.dev/canary-version"], "0.0.2");

    // A re-run is this PR's own: nothing is refused or closed.
    const again = await modelship(world, fake, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
    assert.equal(again.exitCode, 0, again.output);
    assert.equal(fake.pulls(REPOSITORY).filter((pull) => pull.state === "open").length, 1);
    fake.assertNoSpecViolations();
  } finally {
    await fake.close();
  }
});
