/**
 * Runs a model repository's caller workflow (the `.github/workflows/model.yml` that `modelship init`
 * writes) the way GitHub would on a pull request: its one job `uses:` our reusable model-ci.yml, so
 * the harness (test/support/workflow.ts) runs reusable-workflows/model-ci.yml with the caller's
 * `with:` as inputs, job by job, against the GitHub fake. Only third-party actions are stood in for:
 * checkout copies the repository, artifacts live in a folder shared by the jobs, setup-node and cache
 * do what this process already has.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { FakeGitHub } from "./github/server.ts";
import { artifactStandIns, runWorkflow, type StandIn, type WorkflowDocument, type WorkflowRun } from "./workflow.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MODEL_CI = join(ROOT, "reusable-workflows/model-ci.yml");
const WRITE_TOKEN = "ghs_callerWriteToken00000000000000000000";
const READ_TOKEN = "ghs_callerReadToken000000000000000000000";

export interface CallerDocument {
  name?: string;
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<
    string,
    { uses?: string; permissions?: Record<string, string>; with?: Record<string, string | number | boolean>; secrets?: unknown }
  >;
}

export interface CallerRun {
  run: WorkflowRun;
  /** Each job's result, by id. */
  results: Record<string, string>;
  /** The sticky comments posted on the pull request (their bodies). */
  comments: string[];
  /** Every job's result and failed steps' logs, for assertion messages. */
  explain: string;
}

/**
 * Runs `workflow` (a caller file in `repo`) on a pull request. The caller's job must call
 * model-ci.yml@v1; its permissions must cover every job of model-ci.yml (GitHub refuses the call otherwise).
 */
export async function runCallerOnPullRequest(
  repo: string,
  options: { workflow?: string; scratch: string; repository?: string },
): Promise<CallerRun> {
  const file = options.workflow ?? ".github/workflows/model.yml";
  const caller = parseYaml(await readFile(join(repo, file), "utf8")) as CallerDocument;
  assert.ok("pull_request" in caller.on, `${file} runs on pull requests`);
  const calls = Object.entries(caller.jobs).filter(
    ([, job]) => job.uses?.startsWith("modelship/modelship/.github/workflows/model-ci.yml@") === true,
  );
  assert.equal(calls.length, 1, `${file} has one job that calls model-ci.yml`);
  const [jobId, job] = calls[0]!;
  const reusable = parseYaml(await readFile(MODEL_CI, "utf8")) as WorkflowDocument;
  const granted = job.permissions ?? {};
  for (const [id, called] of Object.entries(reusable.jobs))
    for (const [scope, level] of Object.entries((called.permissions ?? {}) as Record<string, string>))
      assert.ok(
        granted[scope] === "write" || granted[scope] === level,
        `model-ci.yml's job ${id} needs ${scope}: ${level}, which ${file} does not grant`,
      );

  const repository = options.repository ?? "octo-org/new-model";
  const github = await FakeGitHub.start();
  try {
    github.addRepo(repository);
    github.addToken(WRITE_TOKEN, "write");
    github.addToken(READ_TOKEN, "read");
    github.addPullRequest(repository, { number: 1 });
    const store = await mkdtemp(join(options.scratch, "artifacts-"));
    const artifacts = artifactStandIns(store);
    const standIns: Record<string, StandIn> = {
      ...artifacts.standIns,
      "actions/checkout": async (step) => {
        assert.equal(step.with["persist-credentials"], "false");
        await cp(repo, step.workspace, {
          recursive: true,
          filter: (path) => !path.includes("node_modules") && !path.includes(".modelship"),
        });
        return {};
      },
      "actions/setup-node": () => ({ path: [dirname(process.execPath)] }),
      "actions/cache": () => ({ outputs: { "cache-hit": "false" } }),
    };
    const owner = repository.split("/")[0]!;
    const name = repository.split("/")[1]!;
    const run = await runWorkflow({
      workflow: reusable,
      inputs: Object.fromEntries(Object.entries(job.with ?? {}).map(([key, value]) => [key, value])),
      event: {
        name: "pull_request",
        payload: {
          action: "opened",
          number: 1,
          repository: { full_name: repository, name, owner: { login: owner }, default_branch: "main" },
          pull_request: {
            number: 1,
            head: { sha: "1".repeat(40), ref: "start-modelship", repo: { full_name: repository } },
            base: { sha: "2".repeat(40), ref: "main", repo: { full_name: repository } },
          },
        },
      },
      repository,
      apiUrl: github.url,
      token: WRITE_TOKEN,
      tokenFor: (_job, permissions) =>
        Object.values((permissions ?? {}) as Record<string, string>).includes("write") ? WRITE_TOKEN : READ_TOKEN,
      standIns,
      workflowName: caller.name ?? jobId,
      scratch: await mkdtemp(join(options.scratch, "run-")),
      env: { MODELSHIP_RETRY_BASE_MS: "5" },
    });
    github.assertNoSpecViolations();
    const results = Object.fromEntries(run.order.map((id) => [id, run.jobs[id]!.result]));
    const explain = run.order
      .map((id) => {
        const outcome = run.jobs[id]!;
        return `${id}: ${outcome.result}\n${outcome.runs
          .flatMap((leg) =>
            leg.steps.map((step) => `  ${step.name}: ${step.status}${step.status === "failure" ? `\n${step.log.slice(-3000)}` : ""}`),
          )
          .join("\n")}`;
      })
      .join("\n");
    return { run, results, comments: github.issueComments(repository, 1).map((comment) => comment.body), explain };
  } finally {
    await github.close();
  }
}
