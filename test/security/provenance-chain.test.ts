/**
 * The whole trust chain with attestations: releases in a GitHub registry (the loopback fake, checked
 * against GitHub's OpenAPI description), attestations in its attestations API signed by a Sigstore
 * instance of our own, and verify-promotion, fetch and promote asking for them. A release passes only
 * when its model file and its manifest.json (the gate record) were attested by the configured
 * workflow through the configured trust root.
 */
import assert from "node:assert/strict";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
import { makeTestTrustRoot, type SignOptions, type TestTrustRoot } from "../support/sigstore.ts";

const REPOSITORY = "acme/churn-model";
const TOKEN = "ghs_provenanceChainToken000000000000000";
const MODEL = "adult-income";
const VALUES = "apps/adult-income/values.yaml";
const WORKFLOW = ".github/workflows/model.yml";
/** The model bytes of a release whose gates failed (2.0.0), which the forged releases re-use. */
const UNGATED_BYTES = new Uint8Array(Buffer.from(`onnx-bytes-that-failed-the-gates-${"z".repeat(64)}`));

let fake: FakeGitHub;
let root: string;
let trust: TestTrustRoot;
let bare: string;
const uris: Record<string, string> = {};
const savedApiUrl = process.env.GITHUB_API_URL;
// Octokit's retries wait milliseconds here, not seconds.
process.env.MODELSHIP_RETRY_BASE_MS = "1";

/** The sha256s of a release's two attested subjects. */
interface Subjects {
  model: string;
  manifest: string;
}

/**
 * Releases `version` in the fake registry (its own model bytes unless given, a gate record that
 * passed unless given) and returns the sha256 of its model file and of its manifest.json as uploaded.
 */
async function release(version: string, options: { bytes?: Uint8Array; gate?: Record<string, unknown> } = {}): Promise<Subjects> {
  const bytes = options.bytes ?? new Uint8Array(Buffer.from(`onnx-bytes-of-${version}-${"y".repeat(64)}`));
  const pkg = await writeTestPackage({
    dir: join(root, `pkg-${version}`),
    model: MODEL,
    version,
    files: { "model.onnx": bytes },
    ...(options.gate === undefined ? {} : { gate: options.gate }),
  });
  const store = openStore({ spec: `github:${REPOSITORY}`, token: TOKEN, logger: new MemoryLogger(), userAgentVersion: "test" });
  const stored = await store.publish(pkg);
  uris[version] = stored.modelUri;
  return { model: sha256(bytes), manifest: sha256(await readFile(join(pkg.dir, "manifest.json"))) };
}

/** What the release job does: one attestation of the model and its manifest.json, kept under both digests. */
function attestRelease(subjects: Subjects, by: TestTrustRoot, claims: Partial<SignOptions> = {}): void {
  const bundle = by.sign({
    digest: subjects.model,
    moreSubjects: [{ name: "manifest.json", digest: subjects.manifest }],
    repository: REPOSITORY,
    workflow: WORKFLOW,
    ...claims,
  });
  for (const digest of [subjects.model, subjects.manifest]) fake.addAttestation(REPOSITORY, `sha256:${digest}`, bundle);
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
  // Octokit spaces writes a second apart, so releases are few: 1.1.0 attested by the configured workflow,
  // 1.2.0 attested three wrong ways (another workflow, another branch, a look-alike trust root), 1.3.0 never.
  // 2.0.0 failed its gates and was released with allow-ungated, then attested like every release of the
  // job; 2.0.1 and 2.0.2 are its model bytes re-released by hand under a forged gate record that passed,
  // unattested and attested by another workflow.
  const forged = { verdict: "pass", modelMatches: true, allowUngated: false };
  const [attested, wrong, , ungated, , forgedSignedElsewhere] = await Promise.all([
    release("1.1.0"),
    release("1.2.0"),
    release("1.3.0"),
    release("2.0.0", { bytes: UNGATED_BYTES, gate: { verdict: "fail", allowUngated: true, reason: "accuracy below its floor" } }),
    release("2.0.1", { bytes: UNGATED_BYTES, gate: forged }),
    release("2.0.2", { bytes: UNGATED_BYTES, gate: forged }),
  ]);
  attestRelease(attested, trust);
  attestRelease(wrong, trust, { workflow: ".github/workflows/evil.yml" });
  attestRelease(wrong, trust, { ref: "refs/heads/attacker" });
  attestRelease(wrong, attacker);
  attestRelease(ungated, trust);
  fake.addAttestation(
    REPOSITORY,
    `sha256:${forgedSignedElsewhere.manifest}`,
    trust.sign({ digest: forgedSignedElsewhere.manifest, repository: REPOSITORY, workflow: ".github/workflows/release-by-hand.yml" }),
  );

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

/** verify-promotion of `version` fails, with the one URI's check saying `detail`; returns the result. */
async function verifyFails(version: string, detail: RegExp) {
  const result = await verifyVersion(version);
  assert.equal(result.ok, false, result.markdown);
  assert.match(result.uris[0]!.detail, detail);
  return result;
}

describe("verify-promotion passes only models attested by the configured workflow", () => {
  test("a release attested by the model repository's workflow on main passes: provenance ✅", async () => {
    const result = await verifyVersion("1.1.0");
    assert.equal(result.ok, true, result.markdown);
    assert.match(result.uris[0]!.detail, /provenance ✅ model\.onnx and manifest\.json \(the gate record\): attestation 1: signed by /);
    assert.equal(result.uris[0]!.provenance, "verified");
    assert.deepEqual(result.warnings, []);
    assert.match(result.markdown, /released and gated and attested/);
  });

  test("a release attested by another workflow, from another branch and through a look-alike trust root fails", async () => {
    const result = await verifyFails(
      "1.2.0",
      /gate verdict pass, every sha256 verified .*but its provenance does not verify: model\.onnx: attestation \d: /,
    );
    assert.match(result.uris[0]!.detail, /\(the closest of 3 attestations\)/);
  });

  test("a release that was never attested fails", async () => {
    await verifyFails("1.3.0", /but its provenance does not verify: model\.onnx has no attestation in acme\/churn-model/);
  });
});

/** A model repository's modelship.yaml (`name`, beside the test root's trusted_root.json) requiring the configured workflow's attestation. */
async function modelRepoConfig(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  await writeFile(join(root, "trusted_root.json"), JSON.stringify(trust.trustedRootJson));
  const release = { registry: `github:${REPOSITORY}`, provenance: { workflow: WORKFLOW, trusted_root: "trusted_root.json" } };
  await writeFile(join(root, name), stringify({ model: MODEL, release, ...extra }));
  return join(root, name);
}

/** `modelship fetch MODEL@version` into the test root's fetched-<version>, requiring the configured workflow's attestations. */
async function fetchWith(version: string) {
  const config = await modelRepoConfig(`fetch-${version}.yaml`);
  return runFetchStage({ ref: `${MODEL}@${version}`, dir: join(root, `fetched-${version}`) }, stageRun({ config: { file: config } }));
}

/** `modelship promote MODEL@version` to staging in the bare GitOps repository; the promotion PR's body. */
async function promoteWith(version: string) {
  const config = await modelRepoConfig(`promote-${version}.yaml`, {
    promote: {
      remote: bare,
      base: "main",
      environments: { staging: { strategy: "direct", targets: [{ kind: "yaml-path", file: VALUES, uri_path: "model.storageUri" }] } },
    },
  });
  const outDir = join(root, `promotion-${version}`);
  // Faces run stages in their working directory: paths in the config resolve from it.
  await runPromoteStage({ model: `${MODEL}@${version}`, gitops: { outDir } }, stageRun({ config: { file: config }, cwd: process.cwd() }));
  return readFile(join(outDir, `staging-${MODEL}.md`), "utf8");
}

describe("fetch verifies the provenance before it downloads", () => {
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
    await assert.rejects(access(join(root, "fetched-1.3.0")));
  });
});

describe("promote verifies the provenance and the pull request says so", () => {
  test("the promotion PR of an attested release states provenance ✅ and who signed it", async () => {
    const body = await promoteWith("1.1.0");
    assert.match(
      body,
      /✅ Build provenance verified: model\.onnx and manifest\.json \(the gate record\): attestation 1: signed by acme\/churn-model \.github\/workflows\/model\.yml@refs\/heads\/main \(push\)/,
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

describe("a forged gate record on attested model bytes", () => {
  // The attack: anyone who can create releases takes model bytes the workflow attested when it
  // released them ungated (2.0.0) and re-releases them as 2.0.1 with a manifest.json that says the
  // gates passed. The model's attestation verifies; the gate record's must too, and there is none.
  test("the ungated release itself fails on its gate verdict", async () => {
    await verifyFails("2.0.0", /gate verdict is fail/);
  });

  test("verify-promotion fails the re-release: its manifest.json has no attestation", async () => {
    const result = await verifyFails(
      "2.0.1",
      /gate verdict pass, every sha256 verified .*but its provenance does not verify: manifest\.json \(the gate record\) has no attestation in acme\/churn-model \(sha256:[0-9a-f]{12}…\)/,
    );
    assert.doesNotMatch(result.markdown, /released and gated and attested/);
  });

  test("a gate record attested by another workflow fails too, naming manifest.json", async () => {
    await verifyFails(
      "2.0.2",
      /but its provenance does not verify: manifest\.json \(the gate record\): attestation 1: .*release-by-hand\.yml/,
    );
  });

  test("fetch refuses the re-release before it downloads, naming manifest.json", async () => {
    await assert.rejects(
      fetchWith("2.0.1"),
      (error: unknown) =>
        isUserError(error) &&
        /adult-income@2\.0\.1 is not fetched: its build provenance does not verify: manifest\.json \(the gate record\) has no attestation/.test(
          error.problem,
        ),
    );
    await assert.rejects(access(join(root, "fetched-2.0.1")));
  });

  test("promote refuses the re-release, naming manifest.json", async () => {
    await assert.rejects(
      promoteWith("2.0.1"),
      (error: unknown) =>
        isUserError(error) &&
        /adult-income@2\.0\.1 may not be promoted: its build provenance does not verify: manifest\.json \(the gate record\) has no attestation/.test(
          error.problem,
        ),
    );
  });
});
