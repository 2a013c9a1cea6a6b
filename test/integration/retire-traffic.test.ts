/**
 * A retired version keeps the traffic it has but gains none; `latest` never names a retired version.
 * Real parts: a folder registry and a bare git repository as the GitOps remote (test/support/verify-world.ts),
 * verify-promotion reading its rules from the base branch.
 *
 * - Attack (per target kind whose canary URI stays in place when promoted: argo-rollouts, a yaml-path
 *   Helm value with a weight): a canary of 0.0.2 is running, its promotion PR passes verify-promotion;
 *   0.0.2 is retired; the same PR (the URI already in the base, only its share grows) must now fail,
 *   and so must a step up. A rollback, which takes traffic away from it, still passes.
 * - `latest`: with the newest version retired, fetch, promote and the drift reference resolve to the
 *   newest version that is not, and say which they skipped; with every version retired, latest fails.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { runDriftStage } from "../../src/stages/drift-stage.ts";
import { runFetchStage } from "../../src/stages/fetch-stage.ts";
import { runPromoteStage } from "../../src/stages/promote-stage.ts";
import type { StageRun } from "../../src/stages/stage-run.ts";
import { runVerifyStage } from "../../src/stages/verify-stage.ts";
import { git, pushFiles, show } from "../support/git.ts";
import { APP, exampleRules, MODEL, verifyWorld, type VerifyWorld } from "../support/verify-world.ts";

const ROLLOUT = `${APP}/rollout.yaml`;
/** A Helm values file whose chart reads a canary weight beside the URI (yaml-path with weight_path). */
const HELM = `${APP}/canary-values.yaml`;

/** The example rules plus one canary environment per target kind under attack. */
function rules(registry: string): Record<string, unknown> {
  const base = exampleRules(registry) as { promote: { environments: Record<string, unknown> } };
  return {
    ...base,
    promote: {
      environments: {
        ...base.promote.environments,
        rollouts: {
          strategy: "canary",
          steps: [10, 50],
          targets: [{ kind: "argo-rollouts", file: ROLLOUT, container: "server", env: "MODEL_URI" }],
        },
        helm: {
          strategy: "canary",
          steps: [10, 50],
          targets: [{ kind: "yaml-path", file: HELM, uri_path: "model.storageUri", weight_path: "model.canaryWeight" }],
        },
      },
    },
  };
}

let world: VerifyWorld;
let run: StageRun & { logger: MemoryLogger };
const home = process.cwd();

before(async () => {
  world = await verifyWorld({ rules });
  pushFiles(world.bare, "main", { [HELM]: show(world.bare, "main", `${APP}/values.yaml`) }, { from: "main" });
  const repo = join(world.root, "model-repo");
  await mkdir(repo);
  const environments = (world.rules as { promote: { environments: unknown } }).promote.environments;
  await writeFile(
    join(repo, "modelship.yaml"),
    stringify({ model: MODEL, release: { registry: world.registry }, promote: { remote: world.bare, base: "main", environments } }),
  );
  run = { ...world.run, cwd: repo, logger: new MemoryLogger() };
  process.chdir(repo);
});
after(async () => {
  process.chdir(home);
  await world.cleanup();
});

const gitops = () => ({ outDir: join(world.root, "out") });
const verify = (head: string) => runVerifyStage({ head, remote: world.bare, base: "main" }, world.run);
const merge = (head: string) => git(world.bare, ["update-ref", "refs/heads/main", `refs/heads/${head}`]);
const store = () => new LocalStore({ root: world.registry });

describe("latest is the newest version that is not retired", () => {
  test("with 0.0.3 retired, fetch and promote take 0.0.2 and say they skipped 0.0.3", async () => {
    await store().retire(MODEL, "0.0.3", { reason: "label leak", by: "alice" });
    const logger = new MemoryLogger();
    const fetched = await runFetchStage({ ref: `${MODEL}@latest`, dir: "fetched" }, { ...run, logger });
    assert.equal(fetched.version, "0.0.2");
    assert.ok(
      logger.entries.some(
        (entry) => entry.message === `latest ${MODEL} is 0.0.2: skipped the retired 0.0.3 (modelship registry list ${MODEL} shows why)`,
      ),
      JSON.stringify(logger.entries),
    );
    const promoted = await runPromoteStage({ model: MODEL, environment: "staging", gitops: gitops() }, run);
    assert.equal(promoted.status, "pushed");
    assert.match(show(world.bare, promoted.branch, `${APP}/values.yaml`), new RegExp(`storageUri: ${world.uri("0.0.2")}$`, "m"));
  });

  test("the drift reference latest resolves past the retired version too (it compares with 0.0.2, not skips)", async () => {
    const current = join(run.cwd, "current.csv");
    await writeFile(current, "age,income\n30,1\n");
    // The test releases carry no reference profile: the error names the version latest resolved to.
    await assert.rejects(
      runDriftStage({ reference: "latest", current: [current], reportDir: join(run.cwd, "drift"), gitops: {} }, run),
      (error: unknown) => isUserError(error) && /^release adult-income@0\.0\.2 has no reference profile/.test(error.problem),
    );
  });
});

const KINDS = [
  ["rollouts", ROLLOUT],
  ["helm", HELM],
] as const;

describe("attack: a retired canary never gains traffic, though its URI stays in place (argo-rollouts, yaml-path)", () => {
  /** Per environment: the promotion branch and the file as the step to 50% left it. */
  const made = new Map<string, { promote: string; stepped: string }>();

  test("a canary of 0.0.2 runs; its step up and its promotion pass verify-promotion before 0.0.2 is retired", async () => {
    assert.equal(await store().retirement(MODEL, "0.0.2"), undefined);
    for (const [environment, file] of KINDS) {
      const start = await runPromoteStage({ model: `${MODEL}@0.0.2`, environment, gitops: gitops() }, run);
      assert.equal(start.status, "pushed");
      merge(start.branch);
      const stepped = await runPromoteStage({ model: MODEL, environment, action: "step", weight: 50, gitops: gitops() }, run);
      const steppedText = show(world.bare, stepped.branch, file);
      assert.equal((await verify(stepped.branch)).ok, true);
      const promoted = await runPromoteStage({ model: MODEL, environment, action: "promote", gitops: gitops() }, run);
      // The canary URI stays where it was: the promotion brings in no URI new to the file.
      assert.ok(show(world.bare, "main", file).includes(world.uri("0.0.2")), environment);
      assert.ok(show(world.bare, promoted.branch, file).includes(world.uri("0.0.2")), environment);
      const passed = await verify(promoted.branch);
      assert.equal(passed.ok, true, passed.markdown);
      made.set(environment, { promote: promoted.branch, stepped: steppedText });
    }
  });

  test("once 0.0.2 is retired, the promotion and the step up fail; the rollback passes", async () => {
    await store().retire(MODEL, "0.0.2", { reason: "label leak", by: "alice" });
    for (const [environment, file] of KINDS) {
      const { promote, stepped } = made.get(environment)!;
      const promoted = await verify(promote);
      assert.equal(promoted.ok, false, promoted.markdown);
      const failed = promoted.uris.filter((uri) => !uri.ok);
      assert.deepEqual(
        failed.map((uri) => [uri.file, uri.uri]),
        [[file, world.uri("0.0.2")]],
      );
      assert.match(
        failed[0]!.detail,
        /^cannot give more traffic to adult-income@0\.0\.2: it was retired on \S+ by alice: label leak, and its traffic share grows from 10% to 100%: a retired version keeps the traffic it has but gains none; fix: roll back/,
      );

      pushFiles(world.bare, `${environment}-step-up`, { [file]: stepped }, { from: "main" });
      const up = await verify(`${environment}-step-up`);
      assert.equal(up.ok, false, up.markdown);
      assert.match(up.uris.find((uri) => !uri.ok)!.detail, /its traffic share grows from 10% to 50%/);

      // promote refuses it too, before anything is pushed.
      await assert.rejects(
        runPromoteStage({ model: MODEL, environment, action: "step", weight: 50, gitops: gitops() }, run),
        (error: unknown) => isUserError(error) && /^cannot promote or deploy adult-income@0\.0\.2: it was retired/.test(error.problem),
      );

      // Moving traffic away from the retired canary is always allowed (promote does not refuse it either).
      const rollback = await runPromoteStage({ model: MODEL, environment, action: "rollback", gitops: gitops() }, run);
      assert.equal(rollback.status, "pushed");
      const back = await verify(rollback.branch);
      assert.equal(back.ok, true, back.markdown);
      assert.ok(!show(world.bare, rollback.branch, file).includes(world.uri("0.0.2")), environment);
    }
  });
});

describe("latest with every version retired", () => {
  test("fails, naming the retired versions and the way forward", async () => {
    for (const version of ["0.0.1", "0.0.2"]) await store().retire(MODEL, version, { reason: "superseded", by: "alice" });
    await assert.rejects(runFetchStage({ ref: `${MODEL}@latest`, dir: "fetched-none" }, run), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.problem, /^every version of adult-income in .* is retired \(0\.0\.3, 0\.0\.2, 0\.0\.1\), so latest names none$/);
      assert.match(error.hint ?? "", /release a new version of adult-income/);
      return true;
    });
  });
});
