/**
 * The attestation of a modelcar image (registry/release-provenance.ts checkImageProvenance): the
 * subject is the image manifest's digest, kept in the model repository's attestations API (the GitHub
 * fake) and signed through a Sigstore instance of our own. An image passes only with an attestation
 * of its own digest by the configured workflow: one of the model file alone, of another image, by
 * another workflow or through another trust root is refused, each saying why.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient, type GitHubClient } from "../../src/github/octokit.ts";
import { checkImageProvenance, GITHUB_ACTIONS_ISSUER, type ProvenancePolicy } from "../../src/registry/release-provenance.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { makeTestTrustRoot, TEST_IDENTITY, type TestTrustRoot } from "../support/sigstore.ts";

const REPOSITORY = TEST_IDENTITY.repository;
const TOKEN = "ghs_ociProvenanceToken00000000000000000";
const digestOf = (text: string): string => `sha256:${createHash("sha256").update(text).digest("hex")}`;

describe("an image's build provenance", () => {
  let fake: FakeGitHub;
  let client: GitHubClient;
  let trust: TestTrustRoot;
  let policy: ProvenancePolicy;
  const savedApiUrl = process.env.GITHUB_API_URL;
  const check = (digest: string) =>
    checkImageProvenance({ client, server: "https://github.com", owner: "acme", repo: "churn-model", digest, policy });

  before(async () => {
    fake = await FakeGitHub.start();
    fake.addRepo(REPOSITORY);
    fake.addToken(TOKEN, "read");
    process.env.GITHUB_API_URL = fake.url;
    process.env.MODELSHIP_RETRY_BASE_MS = "1";
    client = createGitHubClient({ token: TOKEN, logger: new MemoryLogger(), userAgentVersion: "test" });
    trust = makeTestTrustRoot();
    policy = {
      workflow: TEST_IDENTITY.workflow,
      ref: TEST_IDENTITY.ref,
      events: TEST_IDENTITY.events,
      issuer: GITHUB_ACTIONS_ISSUER,
      trustedRoot: { file: "trusted_root.json", text: JSON.stringify(trust.trustedRootJson) },
    };
  });
  after(async () => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL;
    else process.env.GITHUB_API_URL = savedApiUrl;
    await fake?.close();
  });

  test("an attestation of the image digest by the releasing workflow verifies", async () => {
    const image = digestOf("image 1");
    fake.addAttestation(REPOSITORY, image, trust.sign({ digest: image }));
    const outcome = await check(image);
    assert.equal(outcome.ok, true, outcome.detail);
    assert.match(outcome.detail, /signed by acme\/churn-model \.github\/workflows\/model\.yml@refs\/heads\/main/);
  });

  test("an image with no attestation of its own is refused, though its model file is attested", async () => {
    const image = digestOf("image 2");
    const model = digestOf("model bytes");
    fake.addAttestation(REPOSITORY, model, trust.sign({ digest: model }));
    const outcome = await check(image);
    assert.equal(outcome.ok, false);
    assert.match(outcome.detail, /the image sha256:[0-9a-f]{12}… has no attestation in acme\/churn-model/);
  });

  test("an attestation kept under the image digest but about other bytes is refused", async () => {
    const image = digestOf("image 3");
    fake.addAttestation(REPOSITORY, image, trust.sign({ digest: digestOf("another image") }));
    const outcome = await check(image);
    assert.equal(outcome.ok, false);
    assert.match(outcome.detail, new RegExp(`not the image's ${image}`));
  });

  test("an attestation by another workflow, or through another trust root, is refused", async () => {
    const image = digestOf("image 4");
    fake.addAttestation(REPOSITORY, image, trust.sign({ digest: image, workflow: ".github/workflows/evil.yml" }));
    const byWorkflow = await check(image);
    assert.equal(byWorkflow.ok, false);
    assert.match(byWorkflow.detail, /evil\.yml/);
    const other = digestOf("image 5");
    fake.addAttestation(REPOSITORY, other, makeTestTrustRoot({ seed: "attacker" }).sign({ digest: other }));
    const byRoot = await check(other);
    assert.equal(byRoot.ok, false);
    assert.match(byRoot.detail, /does not verify against trust root/);
  });
});
