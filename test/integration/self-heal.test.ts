/**
 * Self-healing end to end (issue 20): Alertmanager's webhook body goes through the example relay
 * (examples/alertmanager-relay/relay.js) to the GitHub fake as a `repository_dispatch`; the event
 * GitHub would deliver for it runs the built canary action, which checks only the environment the
 * alert names, reads the health itself (a metrics document), opens the rollback pull request, finds
 * auto-merge refused (an unprotected base), waits for the checks, and once verify-promotion and lint
 * pass on the head merges it: the bare remote's base branch then holds the rollback, and the next
 * run finds no canary. Real git, the OpenAPI-checked fake, the action as the runner runs it.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { CLI_PATH, cleanEnv, hasStackTrace } from "../support/cli.ts";
import { refSha, seedBareRemote, show } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, U1 as FOREIGN } from "../support/manifests.ts";
import { publishTestReleases } from "../support/registry-package.ts";
import { runAction, runProcess, type ActionRun } from "../support/runner.ts";

/** The example relay, a plain JavaScript module (no type declarations: imported by URL). */
const { relay, toDispatch } = (await import(new URL("../../examples/alertmanager-relay/relay.js", import.meta.url).href)) as {
  relay: (options: {
    secret: string;
    repository: string;
    token: string;
    apiUrl: string;
  }) => (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  toDispatch: (body: unknown) => { event_type: string; client_payload: Record<string, unknown> };
};

const MODEL = "income-clf";
const REPOSITORY = "octo/gitops";
const TOKEN = "ghs_selfHealE2eWriteToken000000000000000";
const RELAY_SECRET = "relay-secret-for-tests";
const FILE = "apps/adult-income/rollout.yaml";
const BRANCH = `modelship/production/${MODEL}`;

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** Alertmanager's webhook body (version 4) for a firing alert on the production canary and one it does not know. */
function alertmanagerBody(): Record<string, unknown> {
  const alert = (labels: Record<string, string>) => ({
    status: "firing",
    labels: { alertname: "ModelErrorRate", severity: "page", ...labels },
    annotations: { summary: "the canary's error rate is above 1%" },
    startsAt: "2026-12-06T20:00:00Z",
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.example/graph",
    fingerprint: "c0ffee",
  });
  return {
    version: "4",
    groupKey: '{}:{alertname="ModelErrorRate"}',
    truncatedAlerts: 0,
    status: "firing",
    receiver: "modelship",
    groupLabels: { alertname: "ModelErrorRate" },
    commonLabels: { alertname: "ModelErrorRate" },
    commonAnnotations: {},
    externalURL: "http://alertmanager.example",
    alerts: [alert({ modelship_environment: "production" }), alert({ modelship_environment: "prod$(evil)" })],
  };
}

async function setup(): Promise<{ repo: string; bare: string }> {
  const root = await mkdtemp(join(tmpdir(), "modelship-self-heal-"));
  roots.push(root);
  const registry = join(root, "registry");
  await publishTestReleases(root, registry, MODEL, [{ version: "0.0.1" }], { triton: false });
  const bare = seedBareRemote(root, { [FILE]: exampleManifest("rollout.yaml") }, { message: "the service" });
  const health = { metrics: "metrics.json", checks: [{ name: "error-rate", metric: "error_rate", max: 0.01 }] };
  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      remote: bare,
      repository: REPOSITORY,
      environments: {
        production: {
          bake: "0m",
          targets: [{ kind: "argo-rollouts", file: FILE, container: "server" }],
          health,
          rollback: "merge",
          rollback_checks: ["lint"],
        },
      },
    },
  });
  await writeFile(join(repo, "metrics.json"), JSON.stringify({ versions: { "0.0.1": { error_rate: 0.2 } } }));
  return { repo, bare };
}

/** The event GitHub delivers to a workflow for a repository dispatch: `action` is the event type. */
function dispatchEvent(fake: FakeGitHub): { name: string; payload: object } {
  const dispatch = fake.dispatches.at(-1)!;
  return {
    name: "repository_dispatch",
    payload: { action: dispatch.name, branch: "main", client_payload: dispatch.payload, repository: { full_name: "octo/models" } },
  };
}

function canary(
  world: { repo: string },
  fake: FakeGitHub,
  event: { name: string; payload: object },
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    action: "actions/canary",
    cwd: world.repo,
    repository: "octo/models",
    apiUrl: fake.url,
    token: TOKEN,
    event,
    inputs: { "gitops-token": TOKEN, ...inputs },
    env: { MODELSHIP_RETRY_BASE_MS: "1", GIT_CONFIG_NOSYSTEM: "1" },
  });
}

async function startRelay(fake: FakeGitHub): Promise<{ server: Server; url: string }> {
  const handle = relay({ secret: RELAY_SECRET, repository: REPOSITORY, token: TOKEN, apiUrl: fake.url });
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test("the relay keeps only labels and status, and refuses what is not Alertmanager's body", () => {
  const { event_type, client_payload } = toDispatch(alertmanagerBody());
  assert.equal(event_type, "modelship-health");
  assert.deepEqual((client_payload.alerts as unknown[])[0], {
    status: "firing",
    // Only the labels modelship reads travel (GitHub refuses a client_payload over 65,535 characters).
    labels: { alertname: "ModelErrorRate", modelship_environment: "production" },
    startsAt: "2026-12-06T20:00:00Z",
    fingerprint: "c0ffee",
  });
  // GitHub allows at most 10 top-level properties in client_payload.
  assert.ok(Object.keys(client_payload).length <= 10);
  assert.throws(() => toDispatch({ version: "3", alerts: [] }), /not an Alertmanager webhook body/);
});

test("an alert pushed through the relay wakes the canary job, which rolls back and merges the rollback once its checks pass", async () => {
  const world = await setup();
  const fake = await FakeGitHub.start();
  const { server, url } = await startRelay(fake);
  try {
    // An unprotected base: GitHub refuses auto-merge, so nothing but modelship merges the rollback.
    fakeGitOpsRepo(fake, REPOSITORY, TOKEN, world.bare, { allowAutoMerge: false, requiredChecks: false });

    // The canary 0.0.1 starts and its PR is merged by the fake (as a person would).
    const start = await runProcess(process.execPath, [CLI_PATH, "promote", `${MODEL}@0.0.1`, "--env", "production"], {
      cwd: world.repo,
      env: cleanEnv(fakeGitHubEnv(fake, TOKEN)),
      timeoutMs: 90_000,
    });
    assert.equal(start.exitCode, 0, `${start.stdout}\n${start.stderr}`);
    const [started] = fake.pulls(REPOSITORY);
    await fetch(`${fake.url}/repos/${REPOSITORY}/pulls/${started!.number}/merge`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ merge_method: "squash" }),
    });
    const canaryOnMain = show(world.bare, "main", FILE);
    assert.ok(canaryOnMain.includes(pathToFileURL(join(world.repo, "..", "registry", MODEL, "0.0.1", "model.onnx")).href), canaryOnMain);

    // Alertmanager → relay: a wrong secret is refused, the right one dispatches.
    const refused = await fetch(url, {
      method: "POST",
      headers: { authorization: "Bearer nope" },
      body: JSON.stringify(alertmanagerBody()),
    });
    assert.equal(refused.status, 401);
    assert.equal(fake.dispatches.length, 0);
    const relayed = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${RELAY_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify(alertmanagerBody()),
    });
    assert.equal(relayed.status, 202, await relayed.text());
    assert.equal(fake.dispatches.length, 1);
    assert.equal(fake.dispatches[0]!.kind, "repository");

    // The dispatch wakes the canary job: a rollback PR, auto-merge refused, checks not in yet.
    const first = await canary(world, fake, dispatchEvent(fake));
    assert.equal(first.exitCode, 0, first.stdout + first.stderr);
    const decisions = JSON.parse(first.outputs.decisions!) as {
      environment: string;
      action: string;
      self_heal: string;
      merged: boolean;
      pr_number: number;
    }[];
    assert.deepEqual(
      decisions.map((decision) => [decision.environment, decision.action, decision.self_heal, decision.merged]),
      [["production", "rollback", "waiting", false]],
    );
    assert.match(first.stdout, /modelship_environment="prod\$\(evil\)" is not an environment in modelship\.yaml, ignored/);
    assert.match(first.stdout, /the alerts name production; every environment with health checks is checked/);
    const rollback = fake.pulls(REPOSITORY).find((pull) => pull.state === "open")!;
    assert.equal(rollback.number, decisions[0]!.pr_number);
    assert.ok(rollback.labels.includes("rollback"));
    assert.equal(rollback.autoMerge, null);
    const record = () => fake.issueComments(REPOSITORY, rollback.number).map((comment) => comment.body);
    assert.equal(record().length, 1);
    assert.match(record()[0]!, /waiting for: verify-promotion, lint/);
    assert.equal(show(world.bare, "main", FILE), canaryOnMain, "nothing merged yet");

    // verify-promotion and lint pass on the head; the next wake-up merges it.
    const head = refSha(world.bare, BRANCH)!;
    fake.addCheckRun(REPOSITORY, { sha: head, name: "verify-promotion", conclusion: "success" });
    fake.addCheckRun(REPOSITORY, { sha: head, name: "lint", conclusion: "success" });
    const second = await canary(world, fake, dispatchEvent(fake));
    assert.equal(second.exitCode, 0, second.stdout + second.stderr);
    const [healed] = JSON.parse(second.outputs.decisions!) as { action: string; self_heal: string; merged: boolean; merge_sha: string }[];
    assert.deepEqual([healed!.action, healed!.self_heal, healed!.merged], ["rollback", "merged", true]);
    assert.equal(healed!.merge_sha, refSha(world.bare, "main"));
    assert.match(second.summary, /Self-healing: merged/);
    // The base holds the rollback: the service serves its stable model alone again.
    const rolledBack = parseAllDocuments(show(world.bare, "main", FILE))[0]!.toJS() as {
      metadata: { annotations?: Record<string, string> };
      spec: { template: { spec: { containers: { name: string; env?: { name: string; value: string }[] }[] } } };
    };
    assert.equal(show(world.bare, "main", FILE), show(world.bare, BRANCH, FILE));
    assert.equal(rolledBack.metadata.annotations?.["modelship.dev/canary-version"], undefined);
    const server_ = rolledBack.spec.template.spec.containers.find((container) => container.name === "server")!;
    assert.equal(server_.env?.find((variable) => variable.name === "MODEL_URI")?.value, FOREIGN);
    assert.equal(fake.pulls(REPOSITORY).find((pull) => pull.number === rollback.number)!.merged, true);
    assert.equal(record().length, 1, "one record, updated in place");
    assert.match(record()[0]!, /: merged/);

    // A scheduled run afterwards sees the rolled-back state: no canary, nothing to do.
    const third = await canary(world, fake, { name: "schedule", payload: { schedule: "*/30 * * * *" } }, { environments: "production" });
    assert.equal(third.exitCode, 0, third.stdout + third.stderr);
    const later = JSON.parse(third.outputs.decisions!) as { environment: string; action: string }[];
    assert.equal(later.find((decision) => decision.environment === "production")?.action, "none");
    assert.ok(!hasStackTrace(third.stdout + third.stderr));
    fake.assertNoSpecViolations();
  } finally {
    server.close();
    await fake.close();
  }
});
