/**
 * `modelship dora` (dist/cli.js) and the dora action (dist/dora.js) end to end: a model repository
 * whose commits are dated, a local registry whose releases name them (one retired), and a GitOps
 * history — a bare git remote with crafted merges for the CLI, the fake GitHub with crafted pull
 * requests over several pages for the action. The four figures are worked out by hand below.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { validatorFor } from "../../src/common/schema-validation.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import schema from "../../schemas/dora-report.schema.json" with { type: "json" };
import { runModelship } from "../support/cli.ts";
import { git } from "../support/git.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { writeTestPackage } from "../support/registry-package.ts";
import { runAction } from "../support/runner.ts";
import { artifactStandIns, runWorkflow, type WorkflowDocument } from "../support/workflow.ts";
import { parse as parseYaml } from "yaml";
import { cp, mkdtemp, readdir } from "node:fs/promises";

const DAY = 86_400_000;
const HOUR = 3_600_000;

function promotionMessage(model: string, version: string, environment: string, action: string): string {
  return `${model} ${version} → ${environment}\n\nModel: ${model} ${version}\nURI: file:///r/${model}/${version}/model.onnx\nDigest: sha256:${"cd".repeat(32)}\nEnvironment: ${environment}\nAction: ${action}\n`;
}

const dated = (committed: Date, authored = committed) => ({
  GIT_AUTHOR_DATE: authored.toISOString(),
  GIT_COMMITTER_DATE: committed.toISOString(),
});

let root: string;
let modelRepo: string;
let registry: string;

/** The model repository's commits: 1.0.0 built from one committed at `commitOf100`; 1.2.0's sha is in no clone. */
async function setUpModelRepoAndRegistry(commitOf100: Date, created120: Date): Promise<void> {
  modelRepo = join(root, "model-repo");
  git(root, ["init", "--quiet", "--initial-branch=main", modelRepo]);
  writeFileSync(join(modelRepo, "train.py"), "print('v1')\n");
  git(modelRepo, ["add", "--all"]);
  git(modelRepo, ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", "train v1"], dated(commitOf100));
  const sha100 = git(modelRepo, ["rev-parse", "HEAD"]);
  registry = join(root, "registry");
  const store = new LocalStore({ root: registry });
  const releases = [
    { model: "adult-income", version: "1.0.0", gitSha: sha100, created: new Date(commitOf100.getTime() + HOUR) },
    { model: "adult-income", version: "1.1.0", gitSha: sha100, created: new Date(commitOf100.getTime() + 2 * HOUR) },
    { model: "adult-income", version: "1.2.0", gitSha: "0123456789abcdef0123456789abcdef01234567", created: created120 },
    { model: "churn", version: "3.0.0", gitSha: sha100, created: new Date(commitOf100.getTime()) },
  ];
  for (const release of releases) {
    const pkg = await writeTestPackage({
      dir: join(root, `pkg-${release.model}-${release.version}`),
      model: release.model,
      version: release.version,
      files: { "model.onnx": `onnx-of-${release.model}-${release.version}`, "gate-report.json": '{"verdict":"pass"}\n' },
      created: release.created.toISOString(),
      lineage: { gitSha: release.gitSha },
    });
    await store.publish(pkg);
  }
  await store.retire("churn", "3.0.0", { reason: "replaced by the new churn model", by: "pat" });
}

function figuresOf(report: { models: { model: string; environment: string }[] }, model: string) {
  const found = report.models.find((figures) => figures.model === model) as Record<string, unknown> | undefined;
  assert.ok(found, `figures for ${model}`);
  return found;
}

describe("modelship dora from the git history of a bare GitOps remote", () => {
  // The window: 2026-09-01 → 2026-09-29, 28 days.
  const NOW = "2026-09-29T00:00:00Z";
  let bare: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "dora-cli-"));
    await setUpModelRepoAndRegistry(new Date("2026-09-01T10:00:00Z"), new Date("2026-09-19T06:00:00Z"));
    bare = join(root, "gitops.git");
    git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
    const work = join(root, "gitops-work");
    git(root, ["init", "--quiet", "--initial-branch=main", work]);
    let counter = 0;
    const commit = (message: string, env: Record<string, string>) => {
      writeFileSync(join(work, "apps.yaml"), `revision: ${++counter}\n`);
      git(work, ["add", "--all"]);
      git(work, ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", message], env);
    };
    const promoteAndMerge = (model: string, version: string, environment: string, action: string, pushed: string, merged: string) => {
      git(work, ["checkout", "--quiet", "-B", `modelship/${environment}/${model}`, "main"]);
      commit(promotionMessage(model, version, environment, action), dated(new Date(pushed)));
      git(work, ["checkout", "--quiet", "main"]);
      git(
        work,
        // git's own merge message, which names modelship's branch (dora-history.ts counts only such merges).
        [
          "-c",
          "commit.gpgSign=false",
          "merge",
          "--quiet",
          "--no-ff",
          "-m",
          `Merge branch 'modelship/${environment}/${model}'`,
          `modelship/${environment}/${model}`,
        ],
        dated(new Date(merged)),
      );
    };
    commit("seed", dated(new Date("2026-08-01T00:00:00Z")));
    promoteAndMerge("adult-income", "1.0.0", "production", "start 10%", "2026-09-02T09:00:00Z", "2026-09-02T10:00:00Z");
    promoteAndMerge("adult-income", "1.0.0", "production", "promote", "2026-09-03T09:00:00Z", "2026-09-03T10:00:00Z");
    promoteAndMerge("churn", "3.0.0", "production", "direct", "2026-09-05T00:00:00Z", "2026-09-05T01:00:00Z");
    promoteAndMerge("adult-income", "1.1.0", "production", "start 10%", "2026-09-08T11:00:00Z", "2026-09-08T12:00:00Z");
    // The rollback, squashed: opened (authored) 14:00, merged (committed) 14:30.
    commit(
      promotionMessage("adult-income", "1.1.0", "production", "rollback"),
      dated(new Date("2026-09-08T14:30:00Z"), new Date("2026-09-08T14:00:00Z")),
    );
    promoteAndMerge("adult-income", "1.2.0", "production", "direct", "2026-09-20T05:00:00Z", "2026-09-20T06:00:00Z");
    git(work, ["push", "--quiet", bare, "main:main"]);
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const args = (out: string) => [
    "dora",
    "--remote",
    bare,
    "--registry",
    registry,
    "--since",
    "2026-09-01",
    "--now",
    NOW,
    "--out",
    out,
    "--format",
    "json",
  ];

  test("the four figures equal the hand-computed ones; churn (retired) is skipped; the files validate", async () => {
    const out = join(root, "out");
    const run = await runModelship(modelRepo, args(out));
    assert.equal(run.exitCode, 0, run.output);
    const report = JSON.parse(readFileSync(join(out, "dora-report.json"), "utf8")) as Record<string, unknown> & {
      models: { model: string; environment: string }[];
    };
    assert.deepEqual(JSON.parse(run.stdout), report);
    const validate = validatorFor(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    assert.deepEqual(report.window, { since: "2026-09-01T00:00:00.000Z", until: "2026-09-29T00:00:00.000Z", days: 28 });
    const adult = figuresOf(report, "adult-income");
    // Deployments: promote 1.0.0 (09-03) and direct 1.2.0 (09-20): 2 in 28 days = 0.5 a week;
    // 2 × 7 = 14 < 28 (not high), 2 × 30 = 60 ≥ 28: medium.
    assert.deepEqual(adult.deploymentFrequency, { count: 2, perWeek: 0.5, band: "medium" });
    // Lead times: 1.0.0's commit 09-01 10:00 → 09-03 10:00 = 48 h; 1.2.0's commit is in no clone, so
    // its release (09-19 06:00) → 09-20 06:00 = 24 h. Median (48 + 24) / 2 = 36 h: high.
    assert.deepEqual(adult.leadTime, { count: 2, medianHours: 36, band: "high", fromRelease: 1, unmeasured: { count: 0, reasons: [] } });
    // Changes: 1.0.0 (09-02), 1.1.0 (09-08), 1.2.0 (09-20); 1.1.0 rolled back 2.5 h later: 1 of 3, > 15%: low.
    assert.deepEqual(adult.changeFailureRate, { changes: 3, failed: 1, rate: 1 / 3, band: "low" });
    // Restore: 14:00 → 14:30 = 0.5 h: elite.
    assert.deepEqual(adult.timeToRestore, { count: 1, medianHours: 0.5, band: "elite" });
    assert.deepEqual(report.skipped, [
      { model: "churn", environment: "production", reason: "3.0.0, the version it last deployed, is retired in the registry" },
    ]);
    const markdown = readFileSync(join(out, "dora-summary.md"), "utf8");
    assert.match(markdown, /```mermaid\nxychart-beta/);
    assert.match(markdown, /Skipped \(retired\)/);
  });

  test("a re-run with the same --now writes the same bytes", async () => {
    const out = join(root, "out-rerun");
    assert.equal((await runModelship(modelRepo, args(out))).exitCode, 0);
    const first = readFileSync(join(out, "dora-report.json"), "utf8");
    assert.equal((await runModelship(modelRepo, args(out))).exitCode, 0);
    assert.equal(readFileSync(join(out, "dora-report.json"), "utf8"), first);
  });

  test("--env naming an environment without promotions: an empty report, which says what the history holds", async () => {
    const out = join(root, "out-empty");
    const run = await runModelship(modelRepo, [...args(out).slice(0, -2), "--env", "staging"]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.stdout, /no promotion by modelship for --env staging \(found: production\)/);
    const report = JSON.parse(readFileSync(join(out, "dora-report.json"), "utf8")) as {
      models: unknown[];
      skipped: unknown[];
      selection: unknown;
    };
    assert.deepEqual([report.models, report.skipped], [[], []]);
    assert.deepEqual(report.selection, {
      environments: ["staging"],
      models: null,
      found: { environments: ["production"], models: ["adult-income", "churn"] },
    });
    assert.match(
      readFileSync(join(out, "dora-summary.md"), "utf8"),
      /_No promotion by modelship for environments staging \(found: production\)\._/,
    );
  });

  test("--remote reads the git history even when modelship.yaml names a GitHub repository (no token needed)", async () => {
    const configured = join(root, "configured");
    git(root, ["init", "--quiet", "--initial-branch=main", configured]);
    writeFileSync(
      join(configured, "modelship.yaml"),
      [
        "version: 1",
        "model: adult-income",
        "promote:",
        "  repository: octo/gitops",
        "  environments:",
        "    production:",
        "      strategy: direct",
        "      targets: [{ kind: yaml-path, file: values.yaml, uri_path: model.storageUri }]",
        "",
      ].join("\n"),
    );
    const out = join(root, "out-configured");
    const run = await runModelship(configured, ["dora", "--config", join(configured, "modelship.yaml"), ...args(out).slice(1)]);
    assert.equal(run.exitCode, 0, run.output);
    const report = JSON.parse(readFileSync(join(out, "dora-report.json"), "utf8")) as {
      source: unknown;
      models: { model: string; environment: string }[];
    };
    assert.deepEqual(report.source, { kind: "git", remote: bare, base: "main" });
    assert.deepEqual(figuresOf(report, "adult-income").deploymentFrequency, { count: 2, perWeek: 0.5, band: "medium" });
    // Without --remote the configured repository's pull requests are read, which needs a token.
    const withoutRemote = await runModelship(configured, ["dora", "--config", join(configured, "modelship.yaml"), "--registry", registry]);
    assert.equal(withoutRemote.exitCode, 2, withoutRemote.output);
    assert.match(withoutRemote.stderr, /reading the pull requests of octo\/gitops needs a token/);
  });

  test("a release not in the registry read: its deployments are counted as unmeasured, with the reason", async () => {
    const empty = join(root, "empty-registry");
    mkdirSync(empty);
    const out = join(root, "out-unmeasured");
    const run = await runModelship(
      modelRepo,
      args(out).map((arg) => (arg === registry ? empty : arg)),
    );
    assert.equal(run.exitCode, 0, run.output);
    const report = JSON.parse(readFileSync(join(out, "dora-report.json"), "utf8")) as { models: { model: string; environment: string }[] };
    // Both deployments (1.0.0 on 09-03, 1.2.0 on 09-20) are unmeasured; churn is no longer known retired.
    assert.deepEqual(figuresOf(report, "adult-income").leadTime, {
      count: 0,
      medianHours: null,
      band: null,
      fromRelease: 0,
      unmeasured: { count: 2, reasons: [{ reason: "release not in the registry", count: 2 }] },
    });
    const markdown = readFileSync(join(out, "dora-summary.md"), "utf8");
    assert.match(markdown, /0 of 2 measured \(release not in the registry; try --registry/);
    assert.doesNotMatch(markdown, /lead time per week/);
  });

  test("a --since that is no duration or date is a usage error naming the flag", async () => {
    const run = await runModelship(modelRepo, ["dora", "--remote", bare, "--registry", registry, "--since", "last-quarter"]);
    assert.equal(run.exitCode, 2, run.output);
    assert.match(run.stderr, /--since .*"last-quarter" is neither a duration nor a date/);
    assert.match(run.stderr, /90d/);
  });
});

describe("the dora action from the fake GitHub's pull requests, over several pages", () => {
  const TOKEN = "ghs_dora_action_token";
  const REPOSITORY = "octo/gitops";
  let fake: FakeGitHub;
  // Dates relative to now (whole seconds, as git and GitHub keep them): the action's window ends when it runs.
  const now = Math.floor(Date.now() / 1000) * 1000;
  const daysAgo = (days: number, hours = 0) => new Date(now - days * DAY + hours * HOUR);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "dora-action-"));
    // 1.0.0's commit 12 days ago; 1.2.0's release 5 days ago (its commit is in no clone).
    await setUpModelRepoAndRegistry(daysAgo(12), daysAgo(5));
    writeFileSync(join(modelRepo, "modelship.yaml"), `model: adult-income\nrelease:\n  registry: ${registry}\n`);
    fake = await FakeGitHub.start();
    fake.addToken(TOKEN, "read");
    fake.addRepo(REPOSITORY);
    const marker = (action: string, version: string) =>
      `<!-- modelship:promotion environment=production model=adult-income action=${action} version=${version} -->\n## …`;
    let number = 0;
    // 130 PRs of other kinds merged in the last hours: ours sit on page 2.
    for (let index = 0; index < 130; index += 1)
      fake.addPullRequest(REPOSITORY, { number: ++number, body: "chore", createdAt: daysAgo(0, -3), mergedAt: daysAgo(0, -2) });
    const pr = (action: string, version: string, opened: Date, merged: Date) => {
      fake.addPullRequest(REPOSITORY, {
        number: ++number,
        headRef: "modelship/production/adult-income",
        body: marker(action, version),
        createdAt: opened,
        mergedAt: merged,
      });
    };
    pr("start", "1.0.0", daysAgo(11), daysAgo(11, 1));
    pr("promote", "1.0.0", daysAgo(10), daysAgo(9)); // merged 12 − 9 = 3 days after its commit: 72 h
    pr("start", "1.1.0", daysAgo(8), daysAgo(8, 1));
    pr("rollback", "1.1.0", daysAgo(7), daysAgo(7, 2)); // 2 h
    pr("direct", "1.2.0", daysAgo(4, -1), daysAgo(4)); // merged 1 day after its release: 24 h
  });

  after(async () => {
    fake.assertNoSpecViolations();
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("outputs the figures, writes the report and the job summary with the trend chart", async () => {
    const run = await runAction({
      action: "actions/dora",
      cwd: modelRepo,
      repository: "octo/model",
      apiUrl: fake.url,
      token: TOKEN,
      inputs: { "gitops-repo": REPOSITORY, since: "30d", out: "dora-out" },
      env: { MODELSHIP_RETRY_BASE_MS: "1" },
    });
    assert.equal(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
    const figures = JSON.parse(run.outputs.figures!) as Record<string, unknown>[];
    assert.deepEqual(figures, [
      {
        model: "adult-income",
        environment: "production",
        // promote 1.0.0 and direct 1.2.0 in 30 days: 2 × 30 ≥ 30 → medium.
        deployments: 2,
        deployment_frequency_band: "medium",
        // (72 + 24) / 2 = 48 h: high.
        lead_time_hours: 48,
        lead_time_band: "high",
        // 1.0.0, 1.1.0 (rolled back), 1.2.0: 1 / 3.
        change_failure_rate: 1 / 3,
        change_failure_band: "low",
        // 2 h: high.
        time_to_restore_hours: 2,
        time_to_restore_band: "high",
      },
    ]);
    assert.equal(run.outputs.report, "dora-out/dora-report.json");
    const report = JSON.parse(readFileSync(join(modelRepo, "dora-out/dora-report.json"), "utf8")) as unknown;
    assert.ok(validatorFor(schema)(report));
    assert.match(run.summary, /## modelship DORA metrics/);
    assert.match(run.summary, /xychart-beta/);
    assert.match(
      run.summary,
      /\[Accelerate State of DevOps Report 2023 \(DORA, Google Cloud\)\]\(https:\/\/dora\.dev\/research\/2023\/dora-report\/\)/,
    );
    const lists = fake.calls.filter((call) => call.operationId === "pulls/list");
    assert.ok(lists.length >= 2, "read more than one page");
    assert.ok(lists.every((call) => call.authorization === true));
  });

  test("the reusable dora.yml: a read-only job with a read-only App token, the figures as its output, the report as an artifact", async () => {
    const workflow = parseYaml(readFileSync(join(import.meta.dirname, "../../.github/workflows/dora.yml"), "utf8")) as WorkflowDocument & {
      jobs: Record<string, { permissions?: unknown }>;
    };
    // Least privilege: nothing at the top, read-only for the one job.
    assert.deepEqual((workflow as { permissions?: unknown }).permissions, {});
    assert.deepEqual(workflow.jobs.dora!.permissions, { contents: "read", "pull-requests": "read" });
    const scratch = await mkdtemp(join(root, "workflow-"));
    const store = join(scratch, "artifacts");
    const artifacts = artifactStandIns(store);
    const APP_TOKEN = "ghs_dora_app_token";
    fake.addToken(APP_TOKEN, "read");
    const run = await runWorkflow({
      workflow,
      inputs: { "gitops-repository": REPOSITORY, since: "30d" },
      secrets: { "gitops-app-id": "42", "gitops-app-private-key": "-----BEGIN KEY-----" },
      event: { name: "schedule", payload: {} },
      repository: "octo/model",
      apiUrl: fake.url,
      token: "ghs_workflow_token_without_access",
      standIns: {
        ...artifacts.standIns,
        // The whole history: lead times start at the model repository's commits.
        "actions/checkout": async (step) => {
          assert.equal(step.with["persist-credentials"], "false");
          assert.equal(step.with["fetch-depth"], "0");
          await cp(modelRepo, step.workspace, { recursive: true });
          return {};
        },
        "actions/create-github-app-token": (step) => {
          assert.deepEqual(
            [step.with.owner, step.with.repositories, step.with["permission-contents"], step.with["permission-pull-requests"]],
            ["octo", "gitops", "read", "read"],
          );
          return { outputs: { token: APP_TOKEN } };
        },
      },
      scratch,
      env: { MODELSHIP_RETRY_BASE_MS: "1" },
    });
    assert.equal(run.jobs.dora!.result, "success", JSON.stringify(run.jobs.dora, null, 2).slice(0, 4000));
    const figures = JSON.parse(run.outputs.figures!) as { deployments: number; lead_time_hours: number; change_failure_rate: number }[];
    assert.deepEqual(
      figures.map((figure) => [figure.deployments, figure.lead_time_hours, figure.change_failure_rate]),
      [[2, 48, 1 / 3]],
    );
    assert.deepEqual(artifacts.uploads, [{ name: "dora-report", path: ".modelship/dora" }]);
    assert.deepEqual((await readdir(join(store, "dora-report"))).sort(), ["dora-report.json", "dora-summary.md"]);
  });
});
