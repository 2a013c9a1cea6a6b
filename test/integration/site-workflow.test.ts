/**
 * reusable-workflows/site.yml through the runner harness (test/support/workflow.ts): the build job
 * runs the real site action (dist/site.js) on the site test's world, with `gh` and `curl` stood in
 * for by small scripts on PATH that play GitHub (the Pages address, the drift and DORA workflows'
 * runs and artifacts) and the published site (its data/drift-history.json). Shown here: the drift
 * trend is carried forward from the published site and joined with the recent runs' reports; a first
 * run (no Pages site yet) builds without one; a published site that cannot be read stops the run
 * before anything is deployed (a new site would drop the trend); the jobs' permissions are the least
 * each needs, and only deploy may write Pages.
 */
import assert from "node:assert/strict";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { runModelship } from "../support/cli.ts";
import { buildSiteWorld } from "../support/site-world.ts";
import { runWorkflow, type StandIn, type WorkflowDocument, type WorkflowRun } from "../support/workflow.ts";

const ROOT = join(import.meta.dirname, "../..");
const WORKFLOW = parse(readFileSync(join(ROOT, "reusable-workflows/site.yml"), "utf8")) as WorkflowDocument;
const REPOSITORY = "octo/model";
const PAGES_URL = "https://octo.github.io/model/";
/** The runs whose artifacts the site trusts: the default branch's, never a pull request's (a fork's "main" included). */
const TRUSTED_RUNS =
  '.[] | select(.event == "schedule" or .event == "workflow_dispatch" or .event == "repository_dispatch" or .event == "push") | .databaseId';

/** `gh` and `curl` as the workflow calls them, answering from files in $FAKE_STATE; every call is logged. */
const FAKES: Record<string, string> = {
  gh: `echo "gh $*" >> "$FAKE_STATE/calls.log"
case "$1 $2" in
  "api repos/octo/model")
    echo main ;;
  "api repos/octo/model/pages")
    if [ -f "$FAKE_STATE/pages-url" ]; then cat "$FAKE_STATE/pages-url"; else echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi ;;
  "run list")
    workflow=""; while [ $# -gt 0 ]; do [ "$1" = --workflow ] && workflow="$2"; shift; done
    cat "$FAKE_STATE/runs-$workflow" 2>/dev/null || true ;;
  "run download")
    id="$3"; dir=""; name=""
    while [ $# -gt 0 ]; do [ "$1" = --dir ] && dir="$2"; [ "$1" = --name ] && name="$2"; shift; done
    if [ -d "$FAKE_STATE/artifacts/$id/$name" ]; then mkdir -p "$dir"; cp -R "$FAKE_STATE/artifacts/$id/$name/." "$dir/"
    else echo "no valid artifacts found to download" >&2; exit 1; fi ;;
  *) echo "unexpected: gh $*" >&2; exit 2 ;;
esac`,
  curl: `echo "curl $*" >> "$FAKE_STATE/calls.log"
out=""; for ((i = 1; i <= $#; i++)); do [ "\${!i}" = --output ] && { j=$((i + 1)); out="\${!j}"; }; done
url="\${!#}"
code=$(cat "$FAKE_STATE/curl-status" 2>/dev/null || echo 200)
if [ "$code" = 200 ] && [ "$url" = "${PAGES_URL}data/drift-history.json" ]; then cp "$FAKE_STATE/history.json" "$out"
elif [ "$code" = 200 ]; then code=404; fi
printf '%s' "$code"`,
};

describe("reusable-workflows/site.yml", { timeout: 300_000 }, () => {
  let root: string;
  let world: { argv: string[]; versionPage: string };
  let fakeBin: string;
  let previousHistory: string;
  const reports = (name: string) => join(root, "drift-reports", name, "drift-report.json");

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "modelship-site-workflow-"));
    world = await buildSiteWorld(root);
    fakeBin = join(root, "bin");
    await mkdir(fakeBin);
    for (const [name, body] of Object.entries(FAKES)) {
      await writeFile(join(fakeBin, name), `#!/usr/bin/env bash\nset -e\n${body}\n`);
      await chmod(join(fakeBin, name), 0o755);
    }
    // The published site: made from the two oldest production reports alone.
    const config = world.argv[world.argv.indexOf("--config") + 1]!;
    const previous = join(root, "previous-site");
    const made = await runModelship(root, [
      "site",
      "--config",
      config,
      "--out",
      previous,
      "--drift",
      reports("production-2026-10-06"),
      "--drift",
      reports("production-2026-10-07"),
    ]);
    assert.equal(made.exitCode, 0, made.output);
    previousHistory = join(previous, "data/drift-history.json");
  });
  after(() => rm(root, { recursive: true, force: true }));

  /** Runs the workflow with the fakes in a fresh state folder; `state` lays out what GitHub and the published site answer. */
  async function run(
    inputs: Record<string, string | boolean | number>,
    state: { pagesUrl?: string; curlStatus?: number; runs?: Record<string, string[]>; artifacts?: Record<string, Record<string, string>> },
  ): Promise<{ run: WorkflowRun; calls: string[]; published: string | undefined }> {
    const scratch = await mkdtemp(join(root, "run-"));
    const fake = join(scratch, "state");
    await mkdir(fake);
    if (state.pagesUrl !== undefined) await writeFile(join(fake, "pages-url"), `${state.pagesUrl}\n`);
    if (state.curlStatus !== undefined) await writeFile(join(fake, "curl-status"), String(state.curlStatus));
    await cp(previousHistory, join(fake, "history.json"));
    for (const [workflow, ids] of Object.entries(state.runs ?? {})) await writeFile(join(fake, `runs-${workflow}`), `${ids.join("\n")}\n`);
    for (const [id, artifacts] of Object.entries(state.artifacts ?? {}))
      for (const [name, file] of Object.entries(artifacts)) {
        await mkdir(join(fake, "artifacts", id, name), { recursive: true });
        await cp(file, join(fake, "artifacts", id, name, file.split("/").pop()!));
      }
    const published = join(scratch, "published");
    const modelRepo = dirname(world.argv[world.argv.indexOf("--config") + 1]!);
    const standIns: Record<string, StandIn> = {
      "actions/checkout": async (step) => {
        assert.equal(step.with["persist-credentials"], "false");
        await cp(modelRepo, step.workspace, { recursive: true });
        return {};
      },
      "actions/upload-pages-artifact": async (step) => {
        await cp(join(step.workspace, step.with.path!), published, { recursive: true });
        return { outputs: { artifact_id: "1" } };
      },
      "actions/deploy-pages": () => ({ outputs: { page_url: PAGES_URL } }),
    };
    const result = await runWorkflow({
      workflow: WORKFLOW,
      inputs,
      event: { name: "schedule", payload: {} },
      repository: REPOSITORY,
      apiUrl: "http://127.0.0.1:9",
      token: "ghs_workflow_token",
      standIns,
      scratch,
      env: { PATH: `${fakeBin}:${dirname(process.execPath)}:${process.env.PATH ?? ""}`, FAKE_STATE: fake },
    });
    const log = join(fake, "calls.log");
    const calls = existsSync(log) ? (await readFile(log, "utf8")).split("\n").filter((line) => line !== "") : [];
    return { run: result, calls, published: existsSync(published) ? published : undefined };
  }

  const pointsOf = async (site: string) =>
    (
      JSON.parse(await readFile(join(site, "data/drift-history.json"), "utf8")) as { points: { environment: string; created: string }[] }
    ).points
      .map((point) => `${point.environment} ${point.created.slice(0, 10)}`)
      .sort();
  const jobLog = (result: WorkflowRun, job: string) => JSON.stringify(result.jobs[job], null, 2).slice(0, 6000);

  test("carries the published drift trend forward, adds the drift runs' reports and the DORA report, and deploys", async () => {
    const {
      run: result,
      calls,
      published,
    } = await run(
      { "drift-workflow": "drift.yml", "dora-workflow": "dora.yml", title: "Adult income models" },
      {
        pagesUrl: PAGES_URL,
        runs: { "drift.yml": ["301", "302", "303"], "dora.yml": ["401"] },
        artifacts: {
          "301": { "drift-report": reports("production-2026-10-08") },
          "302": { "drift-report": reports("staging-2026-10-09") },
          // 303 kept no report (a run that failed before the check): skipped, said in the log.
          "401": { "dora-report": world.argv[world.argv.indexOf("--dora") + 1]! },
        },
      },
    );
    assert.equal(result.jobs.build!.result, "success", jobLog(result, "build"));
    assert.equal(result.jobs.deploy!.result, "success", jobLog(result, "deploy"));
    assert.ok(published, "the site was uploaded for Pages");
    // Two points from the published site, two from the drift runs' artifacts.
    assert.deepEqual(await pointsOf(published), [
      "production 2026-10-06",
      "production 2026-10-07",
      "production 2026-10-08",
      "staging 2026-10-09",
    ]);
    assert.match(await readFile(join(published, "index.html"), "utf8"), /Adult income models/);
    assert.ok(existsSync(join(published, world.versionPage)), world.versionPage);
    assert.deepEqual(result.outputs["page-url"], PAGES_URL);
    assert.ok(Number(result.outputs.pages) >= 3, `pages: ${result.outputs.pages}`);
    assert.deepEqual(
      calls.map((call) => call.replace(/--output \S+ /, "--output OUT ").replace(/--dir \S+/, "--dir DIR")),
      [
        "gh api repos/octo/model/pages --jq .html_url",
        `curl --silent --show-error --location --max-time 60 --retry 3 --output OUT --write-out %{http_code} ${PAGES_URL}data/drift-history.json`,
        "gh api repos/octo/model --jq .default_branch",
        `gh run list --repo octo/model --workflow drift.yml --branch main --status completed --limit 30 --json databaseId,event --jq ${TRUSTED_RUNS}`,
        "gh run download 301 --repo octo/model --name drift-report --dir DIR",
        "gh run download 302 --repo octo/model --name drift-report --dir DIR",
        "gh run download 303 --repo octo/model --name drift-report --dir DIR",
        "gh api repos/octo/model --jq .default_branch",
        `gh run list --repo octo/model --workflow dora.yml --branch main --status completed --limit 10 --json databaseId,event --jq ${TRUSTED_RUNS}`,
        "gh run download 401 --repo octo/model --name dora-report --dir DIR",
      ],
    );
    assert.match(
      result.jobs.build!.runs[0]!.steps.find((step) => step.name.startsWith("Download the drift"))!.log,
      /Run 303 kept no drift report/,
    );
  });

  test("a first run, before there is a Pages site, builds without a trend and deploys", async () => {
    const { run: result, calls, published } = await run({}, {});
    assert.equal(result.jobs.build!.result, "success", jobLog(result, "build"));
    assert.equal(result.jobs.deploy!.result, "success", jobLog(result, "deploy"));
    assert.deepEqual(calls, ["gh api repos/octo/model/pages --jq .html_url"], "nothing fetched from a site that does not exist");
    assert.deepEqual(await pointsOf(published!), []);
  });

  test("a published site whose trend cannot be read stops the run before anything is deployed", async () => {
    const { run: result, published } = await run({}, { pagesUrl: PAGES_URL, curlStatus: 503 });
    assert.equal(result.jobs.build!.result, "failure");
    assert.equal(result.jobs.deploy!.result, "skipped");
    assert.equal(published, undefined, "no site uploaded");
    const annotations = result.jobs.build!.runs[0]!.annotations.map((annotation) => annotation.message).join("\n");
    assert.match(annotations, /HTTP 503\): not publishing a site that would drop the drift trend/);
  });

  test("publish: false builds the site and deploys nothing", async () => {
    const { run: result, published } = await run({ publish: false, "carry-history": false }, { pagesUrl: PAGES_URL });
    assert.equal(result.jobs.build!.result, "success", jobLog(result, "build"));
    assert.equal(result.jobs.deploy!.result, "skipped");
    assert.ok(published);
  });

  test("build only reads; deploy alone writes Pages, in the github-pages environment, one deployment at a time", () => {
    const jobs = WORKFLOW.jobs as Record<string, { permissions: unknown; environment?: unknown; concurrency?: unknown }>;
    assert.deepEqual(WORKFLOW.permissions, {});
    assert.deepEqual(jobs.build!.permissions, { contents: "read", actions: "read", "pull-requests": "read", pages: "read" });
    assert.deepEqual(jobs.deploy!.permissions, { pages: "write", "id-token": "write" });
    assert.deepEqual(jobs.deploy!.environment, { name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" });
    assert.deepEqual(jobs.deploy!.concurrency, { group: "modelship-pages-${{ github.repository }}", "cancel-in-progress": false });
  });
});
