/**
 * Retirement end to end against real parts: a folder registry and a bare git repository standing in
 * for the GitOps remote (test/support/verify-world.ts seeds it from examples/gitops-repo, serving
 * 0.0.1 with every target kind), verify-promotion reading its rules from the base branch.
 *
 * - `promote --action retire` pushes one commit that removes the model from an environment's targets
 *   (KServe, Argo Rollouts, Flagger, Seldon, a Helm values field); it refuses while the model takes
 *   traffic unless forced; re-runs change nothing; once merged there is nothing left to do; and
 *   verify-promotion passes the retire branch.
 * - Attacks: a pull request that deploys a retired version fails verify-promotion (it passed before
 *   the version was retired); promote refuses the version; a pull request cannot dodge the mark by
 *   trusting another registry; drift checks skip the retired model.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { renderVerifyText } from "../../src/gitops/gitops-text.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { runDriftStage } from "../../src/stages/drift-stage.ts";
import { runPromoteStage, runRetireEnvironmentStage } from "../../src/stages/promote-stage.ts";
import type { StageRun } from "../../src/stages/stage-run.ts";
import { runVerifyStage } from "../../src/stages/verify-stage.ts";
import { git, pushFiles, refSha, show } from "../support/git.ts";
import { APP, exampleRules, MODEL, verifyWorld, type VerifyWorld } from "../support/verify-world.ts";

const FILES = {
  kserve: `${APP}/inferenceservice.yaml`,
  rollout: `${APP}/rollout.yaml`,
  values: `${APP}/values.yaml`,
  flagger: `${APP}/flagger.yaml`,
  seldon: `${APP}/seldon.yaml`,
};

/** The example rules plus an environment for each of Flagger and Seldon, so every target kind is retired somewhere. */
function rules(registry: string): Record<string, unknown> {
  const base = exampleRules(registry) as { promote: { environments: Record<string, unknown> } };
  return {
    ...base,
    promote: {
      environments: {
        ...base.promote.environments,
        flagged: { strategy: "canary", targets: [{ kind: "flagger", file: FILES.flagger, container: "server", env: "MODEL_URI" }] },
        seldon: { strategy: "canary", targets: [{ kind: "seldon-v2", file: FILES.seldon }] },
      },
    },
  };
}

let world: VerifyWorld;
/** The model repository's run: modelship.yaml with the GitOps remote and the registry. */
let run: StageRun & { logger: MemoryLogger };

before(async () => {
  world = await verifyWorld({ rules });
  const repo = join(world.root, "model-repo");
  await mkdir(repo);
  const environments = (world.rules as { promote: { environments: unknown } }).promote.environments;
  await writeFile(
    join(repo, "modelship.yaml"),
    stringify({ model: MODEL, release: { registry: world.registry }, promote: { remote: world.bare, base: "main", environments } }),
  );
  run = { ...world.run, cwd: repo, logger: new MemoryLogger() };
  // The faces run in the model repository: paths in modelship.yaml resolve from the process's folder.
  process.chdir(repo);
});
const home = process.cwd();
after(async () => {
  process.chdir(home);
  await world.cleanup();
});

const branch = (environment: string) => `modelship/${environment}/${MODEL}`;

/** Fast-forwards main to `head`, as merging a pull request that branched off the current main does. */
function merge(head: string): void {
  git(world.bare, ["update-ref", "refs/heads/main", `refs/heads/${head}`]);
}

/** The paths main holds. */
function mainFiles(): string[] {
  return git(world.bare, ["ls-tree", "-r", "--name-only", "refs/heads/main"]).split("\n").filter(Boolean);
}

const retire = (environment: string, extra: { force?: boolean } = {}) =>
  runRetireEnvironmentStage({ environment, ...extra, gitops: { outDir: join(world.root, "out") } }, run);

describe("promote --action retire against a bare git remote", () => {
  test("refuses while the model takes traffic, naming --force; with --force removes every target, verify-promotion passes; idempotent; nothing left once merged", async () => {
    await assert.rejects(retire("production"), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.problem, /^adult-income 0\.0\.1 still takes traffic in production \(the stable model in .*inferenceservice\.yaml/);
      assert.match(error.problem, /would leave production without a model/);
      assert.match(error.hint ?? "", /pass --force/);
      assert.match(error.hint ?? "", /modelship promote adult-income@VERSION --env production/);
      return true;
    });
    assert.equal(refSha(world.bare, branch("production")), undefined, "nothing was pushed");

    const first = await retire("production", { force: true });
    assert.equal(first.status, "pushed");
    assert.equal(first.forced, true);
    assert.equal(first.version, "0.0.1");
    assert.deepEqual(first.deleted.sort(), [FILES.kserve, FILES.rollout]);
    assert.deepEqual(first.removed, [`InferenceService "adult-income" (${FILES.kserve})`, `Rollout "adult-income" (${FILES.rollout})`]);
    const tree = git(world.bare, ["ls-tree", "-r", "--name-only", `refs/heads/${branch("production")}`]).split("\n");
    assert.ok(!tree.includes(FILES.kserve) && !tree.includes(FILES.rollout), "both manifests are deleted on the branch");
    assert.ok(tree.includes(FILES.values), "the other environments' files stay");
    const message = git(world.bare, ["log", "-1", "--format=%B", `refs/heads/${branch("production")}`]);
    assert.match(message, /^adult-income 0\.0\.1 in production: retire/);
    assert.match(message, /^Action: retire$/m);
    assert.match(first.body, /<!-- modelship:promotion environment=production model=adult-income action=retire version=0\.0\.1 -->/);
    assert.match(first.body, /Forced/);

    const verified = await runVerifyStage({ head: branch("production"), remote: world.bare, base: "main" }, world.run);
    assert.equal(verified.ok, true, verified.markdown);
    assert.deepEqual(verified.uris, []);
    // The deletions are counted and named, not hidden behind "0 changed files".
    assert.deepEqual(verified.deleted, [
      { file: FILES.kserve, retire: true },
      { file: FILES.rollout, retire: true },
    ]);
    assert.match(
      verified.markdown,
      new RegExp(
        `No model URI changes in 0 changed file\\(s\\); the change deletes ${FILES.kserve} \\(retire\\), ${FILES.rollout} \\(retire\\)\\.`,
      ),
    );
    const text = renderVerifyText(verified, { color: false, verbose: false, quiet: false });
    assert.match(
      text,
      new RegExp(
        `verify-promotion passes: no model URI changes in 0 changed files; deletes ${FILES.kserve} \\(retire\\), ${FILES.rollout} \\(retire\\)`,
      ),
    );

    const sha = refSha(world.bare, branch("production"));
    const again = await retire("production", { force: true });
    assert.equal(again.status, "unchanged");
    assert.equal(refSha(world.bare, branch("production")), sha, "a re-run pushes nothing");

    merge(branch("production"));
    assert.ok(!mainFiles().includes(FILES.kserve));
    const done = await retire("production", { force: true });
    assert.equal(done.status, "no-change");
    assert.deepEqual(done.removed, []);
    // Without --force too: nothing takes traffic any more.
    assert.equal((await retire("production")).status, "no-change");
  });

  test("a Helm values target keeps its file: the URI field goes and verify-promotion passes", async () => {
    const result = await retire("staging", { force: true });
    assert.equal(result.status, "pushed");
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(result.files, [FILES.values]);
    const values = show(world.bare, branch("staging"), FILES.values);
    assert.doesNotMatch(values, /storageUri/);
    assert.match(values, /replicaCount: 2/);
    const verified = await runVerifyStage({ head: branch("staging"), remote: world.bare, base: "main" }, world.run);
    assert.equal(verified.ok, true, verified.markdown);
    assert.ok(
      verified.warnings.includes(`${FILES.values}: the yaml-path target no longer holds the model (it was retired from this file)`),
    );
  });

  test("attack: a pull request dressed as a retirement that also slips a model in elsewhere in the file fails verify-promotion", async () => {
    const values = show(world.bare, branch("staging"), FILES.values).replace(
      "replicaCount: 2",
      "replicaCount: 2\nserving:\n  weights: s3://attacker/model.onnx",
    );
    pushFiles(world.bare, "fake-retire", { [FILES.values]: values }, { from: "main" });
    const result = await runVerifyStage({ head: "fake-retire", remote: world.bare, base: "main" }, world.run);
    assert.equal(result.ok, false, result.markdown);
    assert.match(result.problems.join("\n"), /model\.storageUri does not exist/);
  });

  for (const [environment, file] of [
    ["flagged", FILES.flagger],
    ["seldon", FILES.seldon],
  ] as const)
    test(`${environment}: the target's manifests go and verify-promotion passes`, async () => {
      const result = await retire(environment, { force: true });
      assert.equal(result.status, "pushed");
      assert.deepEqual(result.deleted, [file]);
      const verified = await runVerifyStage({ head: branch(environment), remote: world.bare, base: "main" }, world.run);
      assert.equal(verified.ok, true, verified.markdown);
    });
});

describe("a retired version is refused everywhere it could be deployed from", () => {
  test("attack: a pull request deploying a version fails verify-promotion once the version is retired (it passed before)", async () => {
    pushFiles(
      world.bare,
      "deploy-0.0.2",
      { [FILES.values]: show(world.bare, "main", FILES.values).replace(world.uri("0.0.1"), world.uri("0.0.2")) },
      {
        from: "main",
      },
    );
    const before = await runVerifyStage({ head: "deploy-0.0.2", remote: world.bare, base: "main" }, world.run);
    assert.equal(before.ok, true, before.markdown);

    const retired = await new LocalStore({ root: world.registry }).retire(MODEL, "0.0.2", { reason: "label leak", by: "alice" });
    assert.equal(retired.action, "created");
    const after = await runVerifyStage({ head: "deploy-0.0.2", remote: world.bare, base: "main" }, world.run);
    assert.equal(after.ok, false);
    assert.equal(after.uris.length, 1);
    assert.match(
      after.uris[0]!.detail,
      /^cannot promote or deploy adult-income@0\.0\.2: it was retired on \S+ by alice: label leak; fix: promote a newer version/,
    );
    assert.match(after.markdown, /it was retired on/);
  });

  test("attack: the pull request cannot dodge the mark by trusting another registry that holds the same version unretired", async () => {
    const rulesText = show(world.bare, "main", "modelship.yaml").replace(world.registry, world.evilRegistry);
    const values = show(world.bare, "main", FILES.values).replace(world.uri("0.0.1"), world.uri("0.0.2", { evil: true }));
    pushFiles(world.bare, "dodge", { "modelship.yaml": rulesText, [FILES.values]: values }, { from: "main" });
    const result = await runVerifyStage({ head: "dodge", remote: world.bare, base: "main" }, world.run);
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.rulesChanges.map((change) => [change.file, change.allowed]),
      [["modelship.yaml", false]],
    );
    assert.match(result.uris[0]!.detail, /not a registry the base branch's rules trust/);
  });

  test("promote refuses the retired version before anything is pushed", async () => {
    await assert.rejects(
      runPromoteStage({ model: `${MODEL}@0.0.2`, environment: "staging", gitops: { outDir: join(world.root, "out") } }, run),
      (error: unknown) => {
        assert.ok(isUserError(error));
        assert.match(error.problem, /^cannot promote or deploy adult-income@0\.0\.2: it was retired on \S+ by alice: label leak$/);
        assert.match(error.hint ?? "", /promote a newer version of adult-income/);
        return true;
      },
    );
    assert.equal(refSha(world.bare, "modelship/staging/adult-income-promote"), undefined);
  });

  test("drift skips the retired model: no report, no issue, and it says so", async () => {
    const current = join(run.cwd, "current.csv");
    await writeFile(current, "age,income\n30,1\n");
    const logger = new MemoryLogger();
    const result = await runDriftStage(
      { reference: "0.0.2", current: [current], reportDir: join(run.cwd, "drift"), gitops: {} },
      { ...run, logger },
    );
    assert.equal(result.report, undefined);
    assert.equal(result.failed, false);
    assert.match(result.skipped ?? "", /^skipped: adult-income@0\.0\.2 is retired \(on \S+ by alice: label leak\)/);
    assert.ok(logger.entries.some((entry) => /Drift check skipped: adult-income@0\.0\.2 is retired/.test(entry.message)));
  });
});
