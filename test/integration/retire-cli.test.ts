/**
 * Retirement through the built CLI (dist/): `modelship registry retire` on a folder registry and on
 * GitHub Releases (the fake), `modelship fetch` refusing the retired version, and `modelship promote
 * --action retire` opening a labelled, reviewed pull request in the fake GitHub whose head passes
 * `modelship verify-promotion`; re-runs write nothing.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { stringify } from "yaml";
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import { GitHubStore } from "../../src/registry/github-store.ts";
import { runModelship } from "../support/cli.ts";
import { refSha } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { writeTestPackage } from "../support/registry-package.ts";
import { APP, MODEL, verifyWorld } from "../support/verify-world.ts";

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe("modelship registry retire (folder registry)", () => {
  test("retires, says so, is idempotent (exit 0, nothing changed), and fetch then refuses the version with exit 2", async () => {
    const world = await verifyWorld();
    roots.push(world.root);
    const flags = ["--registry", world.registry];
    const first = await runModelship(world.root, ["registry", "retire", `${MODEL}@0.0.2`, "--reason", "label leak", ...flags], {
      env: { USER: "alice" },
    });
    assert.equal(first.exitCode, 0, first.output);
    assert.match(
      first.stdout,
      /^Retired adult-income@0\.0\.2 in file:\/\/\S+ \(\S+ by alice: label leak\)\. fetch, promote and verify-promotion now refuse it\.$/m,
    );

    const again = await runModelship(world.root, ["registry", "retire", `${MODEL}@0.0.2`, "--json", ...flags], { env: { USER: "bob" } });
    assert.equal(again.exitCode, 0, again.output);
    const answer = JSON.parse(again.stdout) as { action: string; mark: { by: string; reason: string } };
    assert.equal(answer.action, "unchanged");
    assert.deepEqual([answer.mark.by, answer.mark.reason], ["alice", "label leak"], "the first mark stands");

    // The version is still listed (its files are there), marked retired; show says when and why.
    const list = await runModelship(world.root, ["registry", "list", MODEL, ...flags]);
    assert.equal(list.exitCode, 0, list.output);
    assert.match(list.stdout, /^ {2}0\.0\.2 .* retired$/m);
    assert.doesNotMatch(list.stdout, /^ {2}0\.0\.1 .* retired$/m);
    const shown = await runModelship(world.root, ["registry", "show", `${MODEL}@0.0.2`, ...flags]);
    assert.match(shown.stdout, /released \S+; retired on \S+ by alice: label leak$/m);
    const listed = JSON.parse((await runModelship(world.root, ["registry", "list", MODEL, "--json", ...flags])).stdout) as {
      version: string;
      retired?: { reason: string };
    }[];
    assert.deepEqual(
      listed.map((entry) => [entry.version, entry.retired?.reason]),
      [
        ["0.0.3", undefined],
        ["0.0.2", "label leak"],
        ["0.0.1", undefined],
      ],
    );

    const fetch = await runModelship(world.root, ["fetch", `${MODEL}@0.0.2`, "--dir", "out", ...flags]);
    assert.equal(fetch.exitCode, 2, fetch.output);
    assert.match(fetch.stderr, /cannot fetch adult-income@0\.0\.2: it was retired on \S+ by alice: label leak/);
    assert.match(fetch.stderr, /Fix: promote a newer version of adult-income/);
    assert.doesNotMatch(fetch.output, /\n\s+at /, "no stack trace");

    const usage = await runModelship(world.root, ["registry", "retire", MODEL, ...flags]);
    assert.equal(usage.exitCode, 2, usage.output);
    assert.match(usage.output, /"adult-income" is not MODEL@VERSION/);
    const stray = await runModelship(world.root, ["registry", "list", MODEL, "--reason", "x", ...flags]);
    assert.equal(stray.exitCode, 2, stray.output);
    assert.match(stray.output, /--reason is for registry retire/);
  });
});

describe("modelship registry retire (GitHub Releases)", () => {
  test("marks the release through the API with the token from GITHUB_TOKEN", async () => {
    const root = await mkdtemp(join(tmpdir(), "modelship-retire-cli-"));
    roots.push(root);
    const fake = await FakeGitHub.start();
    try {
      const token = "ghs_retireCliWriteToken000000000000000";
      fake.addRepo("octo/models");
      fake.addToken(token, "write");
      const logger = new MemoryLogger();
      const client = createGitHubClient({ token, baseUrl: fake.url, logger, userAgentVersion: "test", retryBaseMs: 1 });
      const store = new GitHubStore({ client, owner: "octo", repo: "models", logger, retryBaseMs: 1 });
      await store.publish(
        await writeTestPackage({
          dir: join(root, "package"),
          model: MODEL,
          version: "1.0.0",
          files: { "model.onnx": randomBytes(256), "gate-report.json": '{"verdict":"pass"}\n' },
          metrics: { auc: { value: 0.9 } },
          notes: "notes",
        }),
      );
      const env = { ...fakeGitHubEnv(fake, token), GITHUB_ACTOR: "octocat" };
      const run = await runModelship(root, ["registry", "retire", `${MODEL}@1.0.0`, "--registry", "github:octo/models"], { env });
      assert.equal(run.exitCode, 0, run.output);
      assert.match(run.stdout, /Retired adult-income@1\.0\.0 in GitHub Releases of octo\/models \(\S+ by octocat\)/);
      assert.equal((await store.retirement(MODEL, "1.0.0"))?.by, "octocat");
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });
});

describe("modelship promote --help", () => {
  test("--force advertises no environment variable (MODELSHIP_FORCE does not stand in for it); other flags still do", async () => {
    const help = await runModelship(tmpdir(), ["promote", "--help"]);
    assert.equal(help.exitCode, 0, help.output);
    const force = help.stdout.split("\n").find((line) => /^\s+--force\b/.test(line));
    assert.ok(force !== undefined, help.stdout);
    assert.doesNotMatch(force, /MODELSHIP_FORCE/);
    assert.match(force, /the flag only, no environment variable$/);
    assert.match(help.stdout, /^\s+--supersede\b.*\[MODELSHIP_SUPERSEDE\]$/m);
  });
});

describe("modelship promote --action retire (GitHub pull requests)", () => {
  test("opens a labelled PR that is not auto-merged, whose head verify-promotion passes; a re-run writes nothing", async () => {
    const world = await verifyWorld();
    roots.push(world.root);
    const repository = "octo/gitops";
    const token = "ghs_retireCliGitOpsToken00000000000000";
    const repo = join(world.root, "model-repo");
    await mkdir(repo);
    const environments = (world.rules as { promote: { environments: unknown } }).promote.environments;
    await writeFile(
      join(repo, "modelship.yaml"),
      stringify({ model: MODEL, release: { registry: world.registry }, promote: { environments } }),
    );
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, repository, token, world.bare);
      const env = fakeGitHubEnv(fake, token);
      const args = ["promote", "--env", "production", "--action", "retire", "--gitops-repo", repository, "--remote", world.bare];

      // MODELSHIP_FORCE (which init reads too) does not stand in for --force here.
      const refused = await runModelship(repo, args, { env: { ...env, MODELSHIP_FORCE: "1" } });
      assert.equal(refused.exitCode, 2, refused.output);
      assert.match(refused.stderr, /still takes traffic in production/);
      assert.match(refused.stderr, /Fix: .*--force/);
      assert.equal(fake.pulls(repository).length, 0);

      const opened = await runModelship(repo, [...args, "--force", "--json"], { env });
      assert.equal(opened.exitCode, 0, opened.output);
      const result = JSON.parse(opened.stdout) as { status: string; branch: string; deleted: string[]; forced: boolean };
      assert.equal(result.status, "opened");
      assert.equal(result.forced, true);
      assert.deepEqual(result.deleted.sort(), [`${APP}/inferenceservice.yaml`, `${APP}/rollout.yaml`]);
      const pulls = fake.pulls(repository);
      assert.equal(pulls.length, 1);
      assert.equal(pulls[0]!.head, `octo:modelship/production/${MODEL}`);
      assert.deepEqual([...pulls[0]!.labels].sort(), ["model-promotion", "retire"], "the environment's labels, and retire");
      assert.equal(pulls[0]!.autoMerge, null, "a retirement is never auto-merged");
      assert.ok(pulls[0]!.body?.includes(`<!-- modelship:promotion environment=production model=${MODEL} action=retire version=0.0.1 -->`));

      const sha = refSha(world.bare, result.branch);
      const callsBefore = fake.calls.length;
      const again = await runModelship(repo, [...args, "--force", "--json"], { env });
      assert.equal(again.exitCode, 0, again.output);
      assert.equal((JSON.parse(again.stdout) as { status: string }).status, "unchanged");
      assert.deepEqual(
        fake.calls
          .slice(callsBefore)
          .filter((call) => call.method !== "GET")
          .map((call) => `${call.method} ${call.path}`),
        [],
      );
      assert.equal(refSha(world.bare, result.branch), sha);

      const verified = await runModelship(world.root, ["verify-promotion", "--head", result.branch, "--remote", world.bare, "--json"]);
      assert.equal(verified.exitCode, 0, verified.output);
      const report = JSON.parse(verified.stdout) as { ok: boolean; deleted: { file: string; retire: boolean }[] };
      assert.equal(report.ok, true);
      assert.deepEqual(report.deleted, [
        { file: `${APP}/inferenceservice.yaml`, retire: true },
        { file: `${APP}/rollout.yaml`, retire: true },
      ]);
      // The text verdict counts the deletions instead of "no model URI changes in 0 changed files".
      const text = await runModelship(world.root, ["verify-promotion", "--head", result.branch, "--remote", world.bare]);
      assert.equal(text.exitCode, 0, text.output);
      assert.match(
        text.stdout,
        /verify-promotion passes: no model URI changes in 0 changed files; deletes apps\/adult-income\/inferenceservice\.yaml \(retire\), apps\/adult-income\/rollout\.yaml \(retire\)$/m,
      );
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });
});
