/**
 * The release and fetch-model actions run as the runner runs them (dist/release.js,
 * dist/fetch-model.js) against the GitHub fake: a gated model becomes a published release with
 * every asset uploaded through the uploads URL; a re-run is a no-op with the same outputs; a failed
 * gate is refused; fetch-model brings it back verified; and `modelship evaluate` takes the released
 * version as its champion.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { CLI_PATH } from "../support/cli.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction, runProcess, type ActionRun } from "../support/runner.ts";
import { makeToyModel, toyGateReport } from "../support/toy-model.ts";
import { ociRegistrySkip, startTestRegistry } from "../support/oci-registry.ts";

const REPOSITORY = "octo-org/toy-model";
const TOKEN = "ghs_releaseWriteToken000000000000000000";

let workspace: string;
/** The release job's RUNNER_TEMP, kept past the action so that what the next step would read is still there. */
let runnerTemp: string;
let github: FakeGitHub;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), "modelship-release-action-"));
  runnerTemp = await mkdtemp(join(tmpdir(), "modelship-release-runner-temp-"));
  makeToyModel(workspace);
  await toyGateReport(workspace, {
    policy: { quality: [{ metric: "roc_auc", min: 0.5 }] },
    reportDir: join(workspace, ".modelship/evaluation"),
  });
  await toyGateReport(workspace, { policy: { quality: [{ metric: "accuracy", min: 0.99 }] }, reportDir: join(workspace, "failed") });
  await writeFile(
    join(workspace, "modelship.yaml"),
    "model: toy\ndescription: Scores toy rows.\nrelease:\n  bump: minor\n  provenance: off # the fake holds no attestation (test/security/provenance-chain.test.ts has them)\n",
  );
});
after(async () => {
  await rm(workspace, { recursive: true, force: true });
  await rm(runnerTemp, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await FakeGitHub.start();
  github.addRepo(REPOSITORY);
  github.addToken(TOKEN, "write");
});
afterEach(async () => {
  github.assertNoSpecViolations();
  await github.close();
});

const push = { name: "push", payload: { ref: "refs/heads/main", after: "c".repeat(40), repository: { full_name: REPOSITORY } } };

/** The CLI in a child process without blocking this one: the fake GitHub answers from here. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const result = await runProcess(process.execPath, [CLI_PATH, ...args], {
    cwd: workspace,
    env: { ...process.env, NO_COLOR: "1", GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url },
    timeoutMs: 120_000,
  });
  return { status: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

function release(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    action: "actions/release",
    cwd: workspace,
    repository: REPOSITORY,
    apiUrl: github.url,
    token: TOKEN,
    event: push,
    inputs: { model: "model.onnx", ...inputs },
    env: { RUNNER_TEMP: runnerTemp },
  });
}

describe("release action", () => {
  test("publishes the gated model with every asset; a re-run is a no-op with the same outputs", async () => {
    const first = await release();
    assert.equal(first.exitCode, 0, first.stdout + first.stderr);
    assert.equal(first.outputs.version, "0.1.0", "release.bump: minor from no release");
    assert.equal(first.outputs.tag, "toy/v0.1.0");
    assert.equal(first.outputs.action, "created");
    assert.match(first.outputs["release-url"]!, /\/octo-org\/toy-model\/releases\/tag\/toy%2Fv0\.1\.0$/);
    assert.match(first.outputs["model-uri"]!, /\/releases\/download\/toy%2Fv0\.1\.0\/model\.onnx$/);
    assert.match(first.outputs.digest!, /^[0-9a-f]{64}$/);
    assert.match(first.summary, /Released: toy 0\.1\.0/);
    // manifest-path: the released manifest.json byte for byte, for the attest step.
    const { assets } = (await (
      await fetch(`${github.url}/repos/${REPOSITORY}/releases/tags/${encodeURIComponent("toy/v0.1.0")}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as { assets: { name: string; digest: string }[] };
    assert.equal(
      `sha256:${createHash("sha256")
        .update(await readFile(first.outputs["manifest-path"]!))
        .digest("hex")}`,
      assets.find((asset) => asset.name === "manifest.json")!.digest,
    );

    const second = await release();
    assert.equal(second.exitCode, 0, second.stdout + second.stderr);
    assert.equal(second.outputs.action, "unchanged");
    for (const name of ["version", "tag", "release-url", "manifest-url", "model-uri", "digest"])
      assert.equal(second.outputs[name], first.outputs[name], name);
    assert.equal(second.outputs["manifest-path"], "", "a re-run does not vouch for a manifest.json it did not write");
  });

  test(
    "with the oci inputs the release is pushed as a modelcar: oci-uri, oci-image and oci-digest for the attest step; the password is masked",
    { skip: ociRegistrySkip("the release action's OCI push") },
    async () => {
      const registry = await startTestRegistry();
      try {
        const run = await runAction({
          action: "actions/release",
          cwd: workspace,
          repository: REPOSITORY,
          apiUrl: github.url,
          token: TOKEN,
          event: push,
          inputs: {
            model: "model.onnx",
            oci: `${registry.registry}/octo/models`,
            "oci-username": registry.username,
            "oci-password": registry.password,
          },
          env: {
            RUNNER_TEMP: runnerTemp,
            NODE_EXTRA_CA_CERTS: registry.caFile,
            MODELSHIP_ALLOW_INTERNAL: `${registry.registry},${registry.issuer}`,
          },
        });
        assert.equal(run.exitCode, 0, run.stdout + run.stderr);
        // The Release is published first (each test has a fresh fake), then its image is built from it and pushed.
        assert.equal(run.outputs.action, "created");
        const digest = run.outputs["oci-digest"]!;
        assert.match(digest, /^sha256:[0-9a-f]{64}$/);
        assert.equal(run.outputs["oci-image"], `${registry.registry}/octo/models/toy`);
        assert.equal(run.outputs["oci-uri"], `oci://${registry.registry}/octo/models/toy@${digest}`);
        // The registry's own storage: the version's tag names that digest.
        const link = await readFile(
          join(registry.storage, "docker/registry/v2/repositories/octo/models/toy/_manifests/tags/0.1.0/current/link"),
          "utf8",
        );
        assert.equal(link.trim(), digest);
        assert.ok(run.secretsMasked.includes(registry.password), "the oci-password input is masked");
        // Nothing but the mask command itself names it (the runner hides it everywhere else).
        const logged = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => !line.startsWith("::add-mask::"));
        assert.ok(!logged.some((line) => line.includes(registry.password)), "the password appears in no log line");
      } finally {
        await registry.stop();
      }
    },
  );

  test("the release bundle runs where no node_modules is installed (a plain JavaScript action)", async () => {
    const bundle = await mkdtemp(join(tmpdir(), "modelship-bundle-"));
    try {
      await cp(new URL("../../dist", import.meta.url).pathname, join(bundle, "dist"), { recursive: true });
      const output = join(bundle, "output");
      await writeFile(output, "");
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        GITHUB_OUTPUT: output,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: bundle,
        INPUT_MODEL: "model.onnx",
        INPUT_REGISTRY: join(bundle, "registry"),
        INPUT_CONFIG: "modelship.yaml",
        INPUT_VERSION: "3.0.0",
      };
      const run = await runProcess(process.execPath, [join(bundle, "dist/release.js")], { cwd: workspace, env, timeoutMs: 60_000 });
      assert.equal(run.exitCode, 0, run.stdout + run.stderr);
      assert.match(await readFile(output, "utf8"), /version<<[\s\S]*3\.0\.0/);
      const manifest = JSON.parse(await readFile(join(bundle, "registry/toy/3.0.0/manifest.json"), "utf8")) as {
        signature: { inputs: { name: string }[] };
      };
      assert.deepEqual(
        manifest.signature.inputs.map((input) => input.name),
        ["x"],
        "the signature comes from the gate report and the graph",
      );
    } finally {
      await rm(bundle, { recursive: true, force: true });
    }
  });

  test("a refused token is a clear error naming the registry, not a bug report", async () => {
    const run = await runAction({
      action: "actions/fetch-model",
      cwd: workspace,
      repository: REPOSITORY,
      apiUrl: github.url,
      token: TOKEN,
      event: push,
      inputs: { model: "toy@latest", token: "ghs_notAToken00000000000000000000000000" },
    });
    assert.equal(run.exitCode, 1);
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /GitHub Releases of octo-org\/toy-model: the token was refused \(HTTP 401\)/);
    assert.doesNotMatch(errors[0]!.message, /bug/);
  });

  test("a model whose gates failed is refused with one clear error, and nothing is created", async () => {
    const run = await release({ "gate-report": "failed/gate-report.json" });
    assert.equal(run.exitCode, 1);
    const errors = run.annotations.filter((annotation) => annotation.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /refusing to release toy 0\.1\.0: the gate report's verdict is fail[\s\S]*allow-ungated: true/);
    const check = await cli(["registry", "list", "toy", "--registry", `github:${REPOSITORY}`, "--json"]);
    assert.deepEqual(JSON.parse(check.stdout), []);
  });

  test("fetch-model brings a release back verified; evaluate takes the released version as its champion", async () => {
    const published = await release();
    assert.equal(published.exitCode, 0, published.stdout + published.stderr);
    const fetched = await runAction({
      action: "actions/fetch-model",
      cwd: workspace,
      repository: REPOSITORY,
      apiUrl: github.url,
      token: TOKEN,
      event: push,
      inputs: { model: "toy@latest", dir: "fetched" },
    });
    assert.equal(fetched.exitCode, 0, fetched.stdout + fetched.stderr);
    assert.equal(fetched.outputs.version, "0.1.0");
    assert.equal(fetched.outputs.digest, published.outputs.digest);
    assert.deepEqual(await readFile(fetched.outputs["model-path"]!), await readFile(join(workspace, "model.onnx")));

    await writeFile(
      join(workspace, "policy.yaml"),
      "bootstrap: { resamples: 50 }\nfairness: { sensitive: [] }\nchampion: { release: latest }\n",
    );
    const evaluated = await cli([
      "evaluate",
      "test.csv",
      "--model",
      "other.onnx",
      "--target",
      "label",
      "--feature",
      "age",
      "--feature",
      "hours",
      "--policy",
      "policy.yaml",
      "--registry",
      `github:${REPOSITORY}`,
      "--json",
      "--fail-on",
      "never",
    ]);
    assert.equal(evaluated.status, 0, evaluated.stderr);
    const report = JSON.parse(evaluated.stdout) as { champion: { source: string; sha256: string } };
    assert.equal(report.champion.source, "release latest");
    const modelBytes = await readFile(join(workspace, "model.onnx"));
    assert.equal(
      report.champion.sha256,
      (await import("node:crypto")).createHash("sha256").update(modelBytes).digest("hex"),
      "the champion is the released model's bytes",
    );
  });
});
