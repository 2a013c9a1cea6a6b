/**
 * The whole trust chain with attestations: releases in a GitHub registry (the loopback fake, checked
 * against GitHub's OpenAPI description), attestations in its attestations API signed by a Sigstore
 * instance of our own, and verify-promotion, fetch and promote asking for them. A model passes only
 * when it was attested by the configured workflow through the configured trust root.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { openStore } from "../../src/registry/open-store.ts";
import { runFetchStage } from "../../src/stages/fetch-stage.ts";
import { runPromoteStage } from "../../src/stages/promote-stage.ts";
import type { StageRun } from "../../src/stages/stage-run.ts";
import { runVerifyStage } from "../../src/stages/verify-stage.ts";
import { git, pushFiles, show } from "../support/git.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, U1 as EXAMPLE_URI } from "../support/manifests.ts";
import { sha256, writeTestPackage } from "../support/registry-package.ts";
import { makeTestTrustRoot, type TestTrustRoot } from "../support/sigstore.ts";

const REPOSITORY = "acme/churn-model";
const TOKEN = "ghs_provenanceChainToken000000000000000";
const MODEL = "adult-income";
const VALUES = "apps/adult-income/values.yaml";
const WORKFLOW = ".github/workflows/model.yml";

let fake: FakeGitHub;
let root: string;
let trust: TestTrustRoot;
let bare: string;
const uris: Record<string, string> = {};
const savedApiUrl = process.env.GITHUB_API_URL;
// Octokit's retries wait milliseconds here, not seconds.
process.env.MODELSHIP_RETRY_BASE_MS = "1";

/** Releases `version` in the fake registry and returns its model file's sha256. */
async function release(version: string): Promise<string> {
  const bytes = new Uint8Array(Buffer.from(`onnx-bytes-of-${version}-${"y".repeat(64)}`));
  const pkg = await writeTestPackage({
    dir: join(root, `pkg-${version}`),
    model: MODEL,
    version,
    files: { "model.onnx": bytes },
  });
  const store = openStore({ spec: `github:${REPOSITORY}`, token: TOKEN, logger: new MemoryLogger(), userAgentVersion: "test" });
  const stored = await store.publish(pkg);
  uris[version] = stored.modelUri;
  return sha256(bytes);
}

function stageRun(overrides: Partial<StageRun> = {}): StageRun {
  return {
    config: {},
    cwd: root,
    env: {},
    logger: new MemoryLogger(),
    toolVersion: "0.0.0-test",
    token: TOKEN,
    serverUrl: "https://github.com",
    defaultRegistry: `github:${REPOSITORY}`,
    ...overrides,
  };
}

before(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPOSITORY);
  fake.addToken(TOKEN, "write");
  process.env.GITHUB_API_URL = fake.url;
  root = await mkdtemp(join(tmpdir(), "modelship-provenance-chain-"));
  trust = makeTestTrustRoot();
  const attacker = makeTestTrustRoot({ seed: "attacker" });
  const signed = { repository: REPOSITORY, workflow: WORKFLOW };
  // Octokit spaces writes a second apart, so releases are few: 1.1.0 attested by the configured workflow,
  // 1.2.0 attested three wrong ways (another workflow, another branch, a look-alike trust root), 1.3.0 never.
  const [attested, wrong] = await Promise.all(["1.1.0", "1.2.0", "1.3.0"].map(release));
  fake.addAttestation(REPOSITORY, `sha256:${attested}`, trust.sign({ digest: attested!, ...signed }));
  fake.addAttestation(REPOSITORY, `sha256:${wrong}`, trust.sign({ digest: wrong!, ...signed, workflow: ".github/workflows/evil.yml" }));
  fake.addAttestation(REPOSITORY, `sha256:${wrong}`, trust.sign({ digest: wrong!, ...signed, ref: "refs/heads/attacker" }));
  fake.addAttestation(REPOSITORY, `sha256:${wrong}`, attacker.sign({ digest: wrong!, ...signed }));

  bare = join(root, "gitops.git");
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const rules = {
    model: MODEL,
    verify: {
      registries: [
        {
          registry: `github:${REPOSITORY}`,
          provenance: { workflow: WORKFLOW, trusted_root: "trust/trusted_root.json" },
        },
      ],
    },
    promote: { environments: { staging: { targets: [{ kind: "yaml-path", file: VALUES, uri_path: "model.storageUri" }] } } },
  };
  pushFiles(
    bare,
    "main",
    {
      "modelship.yaml": stringify(rules),
      "trust/trusted_root.json": JSON.stringify(trust.trustedRootJson),
      [VALUES]: exampleManifest("values.yaml"),
    },
    { from: null, message: "seed" },
  );
});

after(async () => {
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = savedApiUrl;
  fake.assertNoSpecViolations();
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

async function verifyVersion(version: string) {
  const branch = `deploy-${version}`;
  pushFiles(bare, branch, { [VALUES]: show(bare, "main", VALUES).replace(EXAMPLE_URI, uris[version]!) }, { from: "main" });
  const result = await runVerifyStage({ head: branch, remote: bare, base: "main" }, stageRun());
  assert.equal(result.uris.length, 1, result.markdown);
  return result;
}

describe("verify-promotion passes only models attested by the configured workflow", () => {
  test("a release attested by the model repository's workflow on main passes: provenance ✅", async () => {
    const result = await verifyVersion("1.1.0");
    assert.equal(result.ok, true, result.markdown);
    assert.match(result.uris[0]!.detail, /provenance ✅/);
    assert.equal(result.uris[0]!.provenance, "verified");
    assert.deepEqual(result.warnings, []);
    assert.match(result.markdown, /released and gated and attested/);
  });

  test("a release attested by another workflow, from another branch and through a look-alike trust root fails", async () => {
    const result = await verifyVersion("1.2.0");
    assert.equal(result.ok, false, result.markdown);
    assert.match(result.uris[0]!.detail, /gate verdict pass, every sha256 verified .*but its provenance does not verify: attestation \d: /);
    assert.match(result.uris[0]!.detail, /\(the closest of 3 attestations\)/);
  });

  test("a release that was never attested fails", async () => {
    const result = await verifyVersion("1.3.0");
    assert.equal(result.ok, false, result.markdown);
    assert.match(result.uris[0]!.detail, /but its provenance does not verify: acme\/churn-model has no attestation for model\.onnx/);
  });
});

describe("fetch verifies the provenance before it downloads", () => {
  async function fetchWith(version: string) {
    const config = join(root, `fetch-${version}.yaml`);
    await writeFile(join(root, "trusted_root.json"), JSON.stringify(trust.trustedRootJson));
    await writeFile(
      config,
      stringify({
        model: MODEL,
        release: { registry: `github:${REPOSITORY}`, provenance: { workflow: WORKFLOW, trusted_root: "trusted_root.json" } },
      }),
    );
    return runFetchStage({ ref: `${MODEL}@${version}`, dir: join(root, `fetched-${version}`) }, stageRun({ config: { file: config } }));
  }

  test("an attested release is fetched, and says so", async () => {
    const fetched = await fetchWith("1.1.0");
    assert.equal(fetched.provenance.status, "pass");
    assert.match(fetched.provenance.text, /^verified: /);
  });

  test("an unattested release is refused, and nothing is downloaded", async () => {
    await assert.rejects(
      fetchWith("1.3.0"),
      (error: unknown) =>
        isUserError(error) && /adult-income@1\.3\.0 is not fetched: its build provenance does not verify/.test(error.problem),
    );
    await assert.rejects(import("node:fs/promises").then((fs) => fs.access(join(root, "fetched-1.3.0"))));
  });
});

describe("promote verifies the provenance and the pull request says so", () => {
  async function promoteWith(version: string) {
    const config = join(root, `promote-${version}.yaml`);
    await writeFile(join(root, "trusted_root.json"), JSON.stringify(trust.trustedRootJson));
    await writeFile(
      config,
      stringify({
        model: MODEL,
        release: { registry: `github:${REPOSITORY}`, provenance: { workflow: WORKFLOW, trusted_root: "trusted_root.json" } },
        promote: {
          remote: bare,
          base: "main",
          environments: { staging: { strategy: "direct", targets: [{ kind: "yaml-path", file: VALUES, uri_path: "model.storageUri" }] } },
        },
      }),
    );
    const outDir = join(root, `promotion-${version}`);
    // Faces run stages in their working directory: paths in the config resolve from it.
    await runPromoteStage({ model: `${MODEL}@${version}`, gitops: { outDir } }, stageRun({ config: { file: config }, cwd: process.cwd() }));
    return readFile(join(outDir, `staging-${MODEL}.md`), "utf8");
  }

  test("the promotion PR of an attested release states provenance ✅ and who signed it", async () => {
    const body = await promoteWith("1.1.0");
    assert.match(
      body,
      /✅ Build provenance verified: attestation 1: signed by acme\/churn-model \.github\/workflows\/model\.yml@refs\/heads\/main \(push\)/,
    );
  });

  test("an unattested release is not promoted", async () => {
    await assert.rejects(
      promoteWith("1.3.0"),
      (error: unknown) =>
        isUserError(error) && /adult-income@1\.3\.0 may not be promoted: its build provenance does not verify/.test(error.problem),
    );
  });
});
