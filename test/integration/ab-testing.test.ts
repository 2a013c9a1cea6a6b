/**
 * strategy ab end to end through the built CLI: `modelship promote` starts the A/B test (Flagger's
 * header match and Seldon's Experiment, in a bare GitOps repository, with a PR on the fake GitHub),
 * the start is merged, and `modelship canary` reads both variants from a REAL Prometheus (Debian's
 * `prometheus`, scraping a loopback exporter of gauges, so every number is exact), compares them and
 * opens the verdict PR: the comparison table is in its body and, although the environment says
 * `promotion: auto` and auto-merges promote and rollback PRs, the verdict PR has no auto-merge.
 * Expected p-values come from scipy.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { runModelship } from "../support/cli.ts";
import { seedBareRemote, show, squashMerge } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, U1 as EXAMPLE_URI } from "../support/manifests.ts";
import { python } from "../support/python.ts";
import { publishTestReleases, registryUri } from "../support/registry-package.ts";

const PROMETHEUS = "/usr/bin/prometheus";
const REPOSITORY = "octo/gitops";
const TOKEN = "ghs_abTestingE2eWriteToken000000000000";
const APP = "apps/adult-income";
const FILES = { flagger: `${APP}/flagger.yaml`, seldon: `${APP}/seldon.yaml` };

/**
 * Per model and version: conversions out of requests (the deciding metric) and errors (the guardrail).
 * "ab-wins": the candidate converts 13% vs 11%; "ab-loses": 9% vs 11%.
 */
const TRAFFIC: Record<string, Record<string, { converted: number; requests: number; errors: number }>> = {
  "ab-wins": { "0.0.1": { converted: 1100, requests: 10_000, errors: 10 }, "0.0.2": { converted: 1300, requests: 10_000, errors: 12 } },
  "ab-loses": { "0.0.1": { converted: 1100, requests: 10_000, errors: 10 }, "0.0.2": { converted: 900, requests: 10_000, errors: 11 } },
};

function exposition(): string {
  const lines = ["# TYPE ab_converted gauge", "# TYPE ab_requests gauge", "# TYPE ab_errors gauge"];
  for (const [model, versions] of Object.entries(TRAFFIC))
    for (const [version, traffic] of Object.entries(versions)) {
      const labels = `model="${model}",version="${version}"`;
      lines.push(
        `ab_converted{${labels}} ${traffic.converted}`,
        `ab_requests{${labels}} ${traffic.requests}`,
        `ab_errors{${labels}} ${traffic.errors}`,
      );
    }
  return `${lines.join("\n")}\n`;
}

const scratch: string[] = [];
after(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; prometheus said:\n${output()}`);
}

/** The parts of a Flagger Canary or Seldon Experiment the test reads. */
interface ManifestDocument {
  kind?: string;
  spec: { analysis?: Record<string, unknown>; candidates?: { weight: number }[] };
}

interface World {
  root: string;
  bare: string;
  repo: string;
  model: string;
}

/** A local registry with 0.0.1 and 0.0.2 of `model`, a bare GitOps repository serving 0.0.1, and the model repository's modelship.yaml. */
async function setup(model: string, prometheusUrl: string): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), "modelship-ab-e2e-"));
  scratch.push(root);
  const registry = join(root, "registry");
  await publishTestReleases(root, registry, model, [{ version: "0.0.1" }, { version: "0.0.2" }], { triton: false });
  const rename = (text: string) => text.replaceAll(EXAMPLE_URI, registryUri(registry, model, "0.0.1")).replaceAll("adult-income", model);
  const bare = seedBareRemote(
    root,
    {
      [FILES.flagger.replace("adult-income", model)]: rename(exampleManifest("flagger.yaml")),
      [FILES.seldon.replace("adult-income", model)]: rename(exampleManifest("seldon.yaml")),
    },
    { date: new Date(Date.now() - 86_400_000) },
  );
  const selector = 'model="{{model}}",version="{{version}}"';
  const repo = await writeModelRepo(root, {
    model,
    release: { registry },
    promote: {
      remote: bare,
      base: "main",
      environments: {
        production: {
          strategy: "ab",
          bake: "30m",
          // Both would let a canary's promotion merge itself; an A/B verdict must still wait for a reviewer.
          promotion: "auto",
          pull_request: { auto_merge: { promote: "squash", rollback: "squash" } },
          targets: [
            { kind: "flagger", file: FILES.flagger.replace("adult-income", model), container: "server" },
            { kind: "seldon-v2", file: FILES.seldon.replace("adult-income", model) },
          ],
          ab: {
            match: { header: "x-variant", value: "b" },
            weight: 50,
            min_samples: 5000,
            alpha: 0.05,
            metrics: [
              {
                name: "conversion",
                kind: "proportion",
                successes: `max(ab_converted{${selector}})`,
                trials: `max(ab_requests{${selector}})`,
                higher_is_better: true,
              },
            ],
          },
          health: {
            prometheus: prometheusUrl,
            window: "1m",
            checks: [{ name: "error-rate", query: `max(ab_errors{${selector}}) / max(ab_requests{${selector}})`, max: 0.05 }],
          },
        },
      },
    },
  });
  return { root, bare, repo, model };
}

/** Runs the built CLI in the model repository with `env`. */
function modelship(world: World, args: string[], env: Record<string, string>): ReturnType<typeof runModelship> {
  return runModelship(world.repo, args, { env });
}

/** scipy's two-sided p of the two-proportion z-test (chi2_contingency without Yates) for a model's traffic, as the table prints it. */
function scipyP(model: string): string {
  const t = TRAFFIC[model]!;
  const p = python<number>(
    `from scipy import stats
import numpy as np
c, s = data
emit(float(stats.chi2_contingency(np.array([[c[0], c[1] - c[0]], [s[0], s[1] - s[0]]]), correction=False)[1]))`,
    [
      [t["0.0.2"]!.converted, t["0.0.2"]!.requests],
      [t["0.0.1"]!.converted, t["0.0.1"]!.requests],
    ],
  );
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

const skip = existsSync(PROMETHEUS)
  ? false
  : `${PROMETHEUS} is not installed (apt-get install prometheus) — skipping the A/B end-to-end test`;

describe(
  "strategy ab end to end: promote starts it, the canary job compares on real Prometheus and opens a reviewed PR",
  { skip, timeout: 180_000 },
  () => {
    let workspace: string;
    let exporter: Server;
    let prometheus: ChildProcess | undefined;
    let prometheusUrl = "";
    let output = "";

    before(async () => {
      workspace = await mkdtemp(join(tmpdir(), "modelship-ab-prometheus-"));
      scratch.push(workspace);
      exporter = createServer((request, response) => {
        if (request.url !== "/metrics") {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
        response.end(exposition());
      });
      await new Promise<void>((resolve) => exporter.listen(0, "127.0.0.1", resolve));
      const config = join(workspace, "prometheus.yml");
      await writeFile(
        config,
        `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: model-server\n    static_configs:\n      - targets: ["127.0.0.1:${(exporter.address() as AddressInfo).port}"]\n`,
      );
      const port = await freePort();
      prometheus = spawn(
        PROMETHEUS,
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${join(workspace, "data")}`,
          `--web.listen-address=127.0.0.1:${port}`,
          "--log.level=warn",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      prometheus.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      prometheus.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      prometheusUrl = `http://127.0.0.1:${port}`;
      await waitFor(
        "a scrape of the exporter",
        async () => {
          const answer = (await (
            await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent("count(ab_requests)")}`)
          ).json()) as {
            data?: { result?: { value?: [number, string] }[] };
          };
          return answer.data?.result?.[0]?.value?.[1] === "4";
        },
        30_000,
        () => output,
      );
    });

    after(async () => {
      if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
        const gone = new Promise((resolve) => prometheus!.once("exit", resolve));
        prometheus.kill("SIGTERM");
        await gone;
      }
      if (exporter)
        await new Promise<void>((resolve) => {
          exporter.close(() => {
            resolve();
          });
        });
    });

    /** Starts the A/B test by `modelship promote`, merges it two hours ago, and runs `modelship canary`. */
    async function startAndJudge(model: string, fake: FakeGitHub) {
      const world = await setup(model, prometheusUrl);
      fakeGitOpsRepo(fake, REPOSITORY, TOKEN, world.bare);
      const env = { ...fakeGitHubEnv(fake, TOKEN), MODELSHIP_ALLOW_INTERNAL: "127.0.0.1" };
      const flags = ["--gitops-repo", REPOSITORY, "--remote", world.bare];
      const branch = `modelship/production/${model}`;
      // A flag cannot turn an A/B environment into another strategy (its routing lives in the ab: block).
      const overridden = await modelship(
        world,
        ["promote", `${model}@0.0.2`, "--env", "production", "--strategy", "canary", ...flags],
        env,
      );
      assert.equal(overridden.exitCode, 2, overridden.output);
      assert.match(overridden.output, /runs A\/B tests \(strategy ab\), which --strategy canary cannot change/);
      assert.equal(fake.pulls(REPOSITORY).length, 0);
      const started = await modelship(world, ["promote", `${model}@0.0.2`, "--env", "production", ...flags], env);
      assert.equal(started.exitCode, 0, started.output);
      const start = fake.pulls(REPOSITORY)[0]!;
      assert.match(start.title, /A\/B test against the stable model/);
      // The files of the start: Flagger's Canary in A/B mode, Seldon's Experiment at 50%.
      const documents = (path: string) =>
        parseAllDocuments(show(world.bare, branch, path)).map((document) => document.toJS() as ManifestDocument);
      const canary = documents(FILES.flagger.replace("adult-income", model)).find((document) => document.kind === "Canary")!;
      assert.deepEqual(canary.spec.analysis?.match, [{ headers: { "x-variant": { exact: "b" } } }]);
      assert.equal(canary.spec.analysis?.maxWeight, undefined);
      const experiment = documents(FILES.seldon.replace("adult-income", model)).find((document) => document.kind === "Experiment")!;
      assert.deepEqual(
        experiment.spec.candidates?.map((candidate) => candidate.weight),
        [50, 50],
      );
      squashMerge(world.bare, branch, new Date(Date.now() - 2 * 3_600_000));
      // The fake's PR is closed as the merge would close it (the merge itself is the squash above).
      const closed = await fetch(`${fake.url}/repos/${REPOSITORY}/issues/${start.number}`, {
        method: "PATCH",
        headers: { authorization: `token ${TOKEN}`, "content-type": "application/json", accept: "application/vnd.github+json" },
        body: JSON.stringify({ state: "closed" }),
      });
      assert.equal(closed.status, 200, await closed.text());
      const judged = await modelship(world, ["canary", "--env", "production", ...flags], env);
      return { world, judged, start };
    }

    test("the candidate wins: a promote PR with the comparison, never auto-merged", async () => {
      const fake = await FakeGitHub.start();
      try {
        const { judged, start } = await startAndJudge("ab-wins", fake);
        assert.equal(judged.exitCode, 0, judged.output);
        const verdict =
          fake.pulls(REPOSITORY).find((pull) => pull.number !== start.number && pull.state === "open") ?? fake.pulls(REPOSITORY).at(-1)!;
        assert.match(verdict.title, /promote to 100%/, judged.output);
        const body = verdict.body ?? "";
        assert.match(body, /### A\/B comparison/);
        assert.match(body, /### Guardrails \(health checks\)\n\n\| Check \| Canary \| Stable \|/);
        // One metric at α = 0.05: a 95% interval; the candidate's 13% of 10,000 against 11% of 10,000, scipy's p.
        assert.match(body, /\| Metric \| candidate 0\.0\.2 \| n \| stable 0\.0\.1 \| n \| Difference \| 95% CI \| p-value \| Verdict \|/);
        assert.ok(
          body.includes(`| conversion (rate, higher is better) | 0.13 | 10,000 | 0.11 | 10,000 | +0.02 |`),
          `the row of conversion:\n${body}`,
        );
        assert.ok(body.includes(`| ${scipyP("ab-wins")} | ✅ candidate better |`), `scipy's p-value ${scipyP("ab-wins")} in:\n${body}`);
        assert.match(body, /never merged automatically/);
        assert.equal(verdict.autoMerge, null, "promotion: auto and auto_merge.promote: squash do not auto-merge an A/B verdict");
        fake.assertNoSpecViolations();
      } finally {
        await fake.close();
      }
    });

    test("the stable model wins: a rollback PR with the comparison, never auto-merged either", async () => {
      const fake = await FakeGitHub.start();
      try {
        const { judged, start } = await startAndJudge("ab-loses", fake);
        assert.equal(judged.exitCode, 0, judged.output);
        const verdict =
          fake.pulls(REPOSITORY).find((pull) => pull.number !== start.number && pull.state === "open") ?? fake.pulls(REPOSITORY).at(-1)!;
        assert.match(verdict.title, /roll back 0\.0\.2 to 0\.0\.1/, judged.output);
        const body = verdict.body ?? "";
        assert.ok(body.includes(`| ${scipyP("ab-loses")} | ❌ candidate worse |`), `scipy's p-value ${scipyP("ab-loses")} in:\n${body}`);
        assert.match(body, /keep the stable model: the candidate is significantly worse on conversion/);
        assert.equal(verdict.autoMerge, null, "auto_merge.rollback: squash does not auto-merge an A/B verdict");
        fake.assertNoSpecViolations();
      } finally {
        await fake.close();
      }
    });
  },
);
