/**
 * Build-provenance verification (src/registry/provenance.ts): a bundle is accepted only when it
 * verifies against a trust root with that root's thresholds, is SLSA provenance of the model's digest
 * and was signed by the expected workflow run. Signed by our own test instance
 * (test/support/sigstore.ts), and by GitHub for real (test/fixtures/provenance/, see its README).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, beforeEach, describe, it } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import {
  defaultTrustRoots,
  fetchAttestations,
  githubTrustRoot,
  parseTrustRoot,
  publicGoodTrustRoot,
  verifyProvenance,
  type ProvenanceIdentity,
  type ProvenanceResult,
  type TrustRoot,
} from "../../src/registry/provenance.ts";
import { trustMaterial } from "../../src/registry/trust-roots.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { makeTestTrustRoot, TEST_IDENTITY, type SignOptions } from "../support/sigstore.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/provenance");
const DIGEST = `sha256:${createHash("sha256").update("model.onnx bytes").digest("hex")}`;
const OTHER_DIGEST = `sha256:${createHash("sha256").update("another model").digest("hex")}`;

const scratch = await mkdtemp(join(tmpdir(), "modelship-provenance-"));
after(() => rm(scratch, { recursive: true, force: true }));

const test = makeTestTrustRoot();
const attacker = makeTestTrustRoot({ seed: "attacker" });

type Bundle = Record<string, unknown>;

/** Verifies `bundles` for DIGEST as TEST_IDENTITY (or `identity`) against the test root (or `roots`). */
function check(
  bundles: unknown[],
  options: { identity?: Partial<ProvenanceIdentity>; roots?: TrustRoot[]; digest?: string } = {},
): ProvenanceResult {
  return verifyProvenance({
    bundles,
    digest: options.digest ?? DIGEST,
    identity: { ...TEST_IDENTITY, ...options.identity },
    trustRoots: options.roots ?? [test.trustRoot],
  });
}

/** A bundle of DIGEST signed by the test root, as TEST_IDENTITY unless `options` says otherwise. */
function signed(options: Partial<SignOptions> = {}): Bundle {
  return test.sign({ digest: DIGEST, ...options });
}

function assertRejected(result: ProvenanceResult, reason: RegExp): void {
  assert.equal(result.ok, false, `expected a rejection, got: ${result.detail}`);
  assert.match(result.detail, reason);
}

/** The bundle's first (only) tlog entry and its DSSE envelope, to tamper with. */
function parts(bundle: Bundle): { entry: Record<string, unknown>; envelope: { payload: string; signatures: { sig: string }[] } } {
  const material = bundle.verificationMaterial as { tlogEntries: Record<string, unknown>[] };
  return { entry: material.tlogEntries[0]!, envelope: bundle.dsseEnvelope as { payload: string; signatures: { sig: string }[] } };
}

/** `base64` with one byte of what it encodes changed. */
function flipByte(base64: string, at: number): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString("base64");
}

describe("verifyProvenance: accepting", () => {
  it("accepts an attestation of the model signed by the expected workflow run, naming who signed it and when", () => {
    const result = check([signed()]);
    assert.deepEqual(result, {
      ok: true,
      detail:
        "attestation 1: signed by acme/churn-model .github/workflows/model.yml@refs/heads/main (push), logged at 2025-06-02T10:00:00.000Z (trust root modelship-test)",
    });
  });

  it("takes the digest as bare hex too, and owner and repository names in any case", () => {
    assert.equal(check([signed()], { digest: DIGEST.slice("sha256:".length).toUpperCase() }).ok, true);
    assert.equal(check([signed()], { identity: { repository: "ACME/Churn-Model" } }).ok, true);
  });

  it("accepts when any one of several attestations verifies, and any one of several trust roots", () => {
    const result = check(["garbage", signed({ ref: "refs/heads/evil" }), signed()], { roots: [attacker.trustRoot, test.trustRoot] });
    assert.equal(result.ok, true, result.detail);
    assert.match(result.detail, /^attestation 3: .*\(trust root modelship-test\)$/);
  });

  it("accepts any of the expected events, a certificate with either issuer extension, and a matching signer workflow at any ref", () => {
    assert.equal(check([signed({ event: "workflow_dispatch" })], { identity: { events: ["push", "workflow_dispatch"] } }).ok, true);
    assert.equal(check([signed({ issuerExtensions: "v1" })]).ok, true);
    assert.equal(check([signed({ issuerExtensions: "v2" })]).ok, true);
    const shared = "acme/shared/.github/workflows/attest.yml";
    assert.equal(check([signed({ signerWorkflow: shared })], { identity: { signerWorkflow: shared } }).ok, true);
  });

  it("needs no SCT when the root's thresholds ask for none", () => {
    const lenient = { ...test.trustRoot, thresholds: { tlog: 1, ctlog: 0, timestamp: 1 } };
    assert.equal(check([signed({ sct: false })], { roots: [lenient] }).ok, true);
  });
});

describe("verifyProvenance: rejecting what the attestation says", () => {
  it("rejects an attestation of another digest", () => {
    assertRejected(check([test.sign({ digest: OTHER_DIGEST })]), new RegExp(`is about ${OTHER_DIGEST}, not the model's ${DIGEST}$`));
  });

  it("rejects an attestation built in another repository", () => {
    assertRejected(
      check([signed({ repository: "evil/churn-model" })]),
      /^attestation 1: built in repository https:\/\/github\.com\/evil\/churn-model, expected https:\/\/github\.com\/acme\/churn-model$/,
    );
  });

  it("rejects an attestation built by another workflow of the repository", () => {
    assertRejected(
      check([signed({ workflow: ".github/workflows/evil.yml" })]),
      /^attestation 1: built by workflow https:\/\/github\.com\/acme\/churn-model\/\.github\/workflows\/evil\.yml@refs\/heads\/main, expected https:\/\/github\.com\/acme\/churn-model\/\.github\/workflows\/model\.yml@refs\/heads\/main$/,
    );
  });

  it("rejects an attestation built from another ref", () => {
    assertRejected(
      check([signed({ ref: "refs/heads/evil" })]),
      /^attestation 1: built from refs\/heads\/evil, expected refs\/heads\/main$/,
    );
  });

  it("rejects an attestation of a run triggered by another event", () => {
    assertRejected(check([signed({ event: "pull_request_target" })]), /^attestation 1: triggered by pull_request_target, expected push$/);
  });

  it("rejects an attestation whose token came from another OIDC issuer", () => {
    assertRejected(
      check([signed({ issuer: "https://token.evil.example" })]),
      /^attestation 1: its OIDC issuer is https:\/\/token\.evil\.example, expected https:\/\/token\.actions\.githubusercontent\.com$/,
    );
    for (const issuerExtensions of ["v1", "v2"] as const)
      assertRejected(
        check([signed({ issuer: "https://token.evil.example", issuerExtensions })]),
        /its OIDC issuer is https:\/\/token\.evil\.example/,
      );
  });

  it("rejects an attestation signed by another workflow when the signer workflow is pinned", () => {
    const identity = { signerWorkflow: "acme/shared/.github/workflows/attest.yml" };
    assertRejected(
      check([signed({ signerWorkflow: "evil/shared/.github/workflows/attest.yml" })], { identity }),
      /^attestation 1: signed by workflow https:\/\/github\.com\/evil\/shared\/\.github\/workflows\/attest\.yml@refs\/heads\/main, expected https:\/\/github\.com\/acme\/shared\/\.github\/workflows\/attest\.yml@<ref>$/,
    );
    // A path that merely starts like the pinned one is another workflow.
    assertRejected(
      check([signed({ signerWorkflow: "acme/shared/.github/workflows/attest.yml.evil" })], { identity }),
      /signed by workflow/,
    );
  });

  it("rejects a statement that is not SLSA provenance in in-toto", () => {
    assertRejected(
      check([signed({ predicateType: "https://spdx.dev/Document" })]),
      /carries a "https:\/\/spdx\.dev\/Document" predicate, not SLSA provenance/,
    );
    assertRejected(check([signed({ statementType: "https://example.com/Statement" })]), /not an in-toto Statement v1$/);
    assertRejected(check([signed({ payloadType: "text/plain" })]), /carries a "text\/plain" payload, not an in-toto statement/);
  });

  it("names the attestation that came closest when none verifies", () => {
    const result = check([{ mediaType: "nonsense" }, signed({ ref: "refs/heads/evil" }), attacker.sign({ digest: DIGEST })]);
    assertRejected(result, /^attestation 2: built from refs\/heads\/evil, expected refs\/heads\/main \(the closest of 3 attestations\)$/);
  });

  it("says when there is no attestation at all", () => {
    assertRejected(check([]), new RegExp(`^no attestation of ${DIGEST} was found$`));
  });
});

describe("verifyProvenance: rejecting what does not verify", () => {
  it("rejects a certificate from a CA the trust roots do not hold, though it looks the same", () => {
    assertRejected(
      check([attacker.sign({ digest: DIGEST })]),
      /^attestation 1: does not verify against trust root \(modelship-test: CERTIFICATE_ERROR: Failed to verify certificate chain/,
    );
  });

  it("rejects a bundle whose payload was changed after signing", () => {
    const bundle = signed();
    const { envelope } = parts(bundle);
    envelope.payload = Buffer.from(
      Buffer.from(envelope.payload, "base64").toString("utf8").replace(DIGEST.slice(7, 20), OTHER_DIGEST.slice(7, 20)),
    ).toString("base64");
    assertRejected(check([bundle]), /TLOG_BODY_ERROR: DSSE payload hash mismatch/);
  });

  it("rejects a bundle whose signature was changed after logging", () => {
    const bundle = signed();
    const { envelope } = parts(bundle);
    envelope.signatures[0]!.sig = flipByte(envelope.signatures[0]!.sig, 20);
    assertRejected(check([bundle]), /TLOG_BODY_ERROR: tlog entry signature mismatch/);
  });

  it("rejects a signature by another key than the certificate's, even when the log agrees with it", () => {
    assertRejected(check([signed({ wrongKey: true })]), /SIGNATURE_ERROR: signature verification failed/);
  });

  it("rejects a bundle whose transparency-log entry was changed", () => {
    const bundle = signed();
    const { entry } = parts(bundle);
    const body = JSON.parse(Buffer.from(entry.canonicalizedBody as string, "base64").toString("utf8")) as {
      spec: { payloadHash: { value: string } };
    };
    body.spec.payloadHash.value = "0".repeat(64);
    entry.canonicalizedBody = Buffer.from(JSON.stringify(body)).toString("base64");
    assertRejected(check([bundle]), /TLOG_INCLUSION_PROMISE_ERROR: inclusion promise could not be verified/);
  });

  it("rejects an inclusion proof that does not lead to the signed checkpoint", () => {
    const bundle = signed();
    const proof = parts(bundle).entry.inclusionProof as { hashes: string[] };
    proof.hashes[1] = flipByte(proof.hashes[1]!, 0);
    assertRejected(check([bundle]), /TLOG_INCLUSION_PROOF_ERROR: calculated root hash does not match inclusion proof/);
  });

  it("rejects a bundle with no transparency-log entry when the root needs one (nor any other verified time)", () => {
    assertRejected(check([signed({ tlog: false })]), /TIMESTAMP_ERROR: expected 1 timestamps, got 0/);
  });

  it("asks for a verified time even of a root whose thresholds ask for none", () => {
    const careless = { ...test.trustRoot, thresholds: { tlog: 0, ctlog: 0, timestamp: 0 } };
    assertRejected(check([signed({ tlog: false })], { roots: [careless] }), /TIMESTAMP_ERROR: expected 1 timestamps, got 0/);
  });

  it("rejects a certificate without an SCT when the root needs one", () => {
    assertRejected(check([signed({ sct: false })]), /CERTIFICATE_ERROR: expected 1 SCTs, got 0/);
  });

  it("rejects a certificate that was not valid when the signature was logged", () => {
    const notBefore = new Date("2025-06-02T08:00:00Z");
    assertRejected(
      check([signed({ notBefore, notAfter: new Date("2025-06-02T08:10:00Z") })]),
      /CERTIFICATE_ERROR: Failed to verify certificate chain \(certificate is not valid or expired at the specified date\)/,
    );
  });

  it("rejects garbage without throwing, saying what is wrong", () => {
    const good = signed();
    const garbage: unknown[] = [
      null,
      42,
      "a string",
      [],
      {},
      { mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json" },
      { ...good, mediaType: "application/vnd.example+json" },
      {
        ...good,
        verificationMaterial: {
          ...(good.verificationMaterial as object),
          certificate: { rawBytes: Buffer.from("not DER").toString("base64") },
        },
      },
      { ...good, verificationMaterial: { ...(good.verificationMaterial as object), certificate: { rawBytes: 17 } } },
      { ...good, verificationMaterial: { ...(good.verificationMaterial as object), tlogEntries: [{ logIndex: "x" }] } },
      { ...good, dsseEnvelope: { ...(good.dsseEnvelope as object), payload: Buffer.from("{not json").toString("base64") } },
      { ...good, dsseEnvelope: { payloadType: "application/vnd.in-toto+json", payload: "", signatures: [] } },
    ];
    for (const bundle of garbage) {
      let result: ProvenanceResult | undefined;
      assert.doesNotThrow(() => (result = check([bundle])), `verifying ${JSON.stringify(bundle)?.slice(0, 80)}`);
      assertRejected(
        result!,
        /^attestation 1: (is not a Sigstore bundle|could not be read|does not verify|carries a payload that is not JSON)/,
      );
    }
    assertRejected(check([{ ...good, mediaType: "nonsense" }]), /^attestation 1: is not a Sigstore bundle: invalid bundle: mediaType$/);
    const material = good.verificationMaterial as Record<string, unknown>;
    assertRejected(
      check([{ ...good, verificationMaterial: { ...material, certificate: undefined, publicKey: { hint: "a key" } } }]),
      /^attestation 1: is signed by a key, not a Fulcio certificate$/,
    );
    const messageSignature = { messageDigest: { algorithm: "SHA2_256", digest: "AAAA" }, signature: "AAAA" };
    assertRejected(
      check([{ ...good, dsseEnvelope: undefined, messageSignature }]),
      /^attestation 1: is a bare message signature, not a DSSE attestation$/,
    );
  });
});

describe("trust roots", () => {
  it("loads the vendored public-good and GitHub roots with sigstore's parser", () => {
    const publicGood = trustMaterial(publicGoodTrustRoot());
    assert.ok(publicGood.certificateAuthorities.length >= 2);
    assert.ok(publicGood.tlogs.some((log) => log.baseURL === "https://rekor.sigstore.dev"));
    assert.ok(publicGood.ctlogs.length >= 1);
    const github = trustMaterial(githubTrustRoot());
    assert.ok(github.certificateAuthorities.length >= 1);
    assert.ok(github.timestampAuthorities.length >= 1);
    assert.equal(github.tlogs.length, 0);
    assert.deepEqual(
      defaultTrustRoots().map((root) => [root.name, root.thresholds]),
      [
        ["sigstore-public-good", { tlog: 1, ctlog: 1, timestamp: 1 }],
        ["github", { tlog: 0, ctlog: 0, timestamp: 1 }],
      ],
    );
  });

  it("reads a user's trusted_root.json, its thresholds from what it has unless given", async () => {
    const file = join(scratch, "trusted_root.json");
    await test.writeTrustedRoot(file);
    const root = parseTrustRoot(await readFile(file, "utf8"), file);
    assert.deepEqual(root.thresholds, { tlog: 1, ctlog: 1, timestamp: 1 });
    assert.equal(check([signed()], { roots: [root] }).ok, true);
    assert.deepEqual(parseTrustRoot(await readFile(file, "utf8"), file, { tlog: 0, ctlog: 0, timestamp: 1 }).thresholds, {
      tlog: 0,
      ctlog: 0,
      timestamp: 1,
    });
  });

  it("refuses a file that is not one trusted root with a UserError naming it", async () => {
    const cases: [text: string, problem: RegExp][] = [
      ["{", /is not JSON/],
      [
        `${JSON.stringify(test.trustedRootJson)}\n${JSON.stringify(attacker.trustedRootJson)}\n`,
        /holds 2 trusted roots \(JSON Lines\), not one/,
      ],
      [JSON.stringify({ mediaType: "application/json" }), /is not a Sigstore trusted root/],
      [JSON.stringify({ ...test.trustedRootJson, certificateAuthorities: [] }), /names no certificate authority/],
    ];
    for (const [text, problem] of cases) {
      const file = join(scratch, "bad.json");
      await writeFile(file, text);
      assert.throws(
        () => parseTrustRoot(text, file),
        (error: unknown) => isUserError(error) && error.file === file && problem.test(error.message),
      );
    }
    assert.throws(
      () => parseTrustRoot(JSON.stringify(test.trustedRootJson), "x.json", { tlog: -1, ctlog: 0, timestamp: 1 }),
      /tlog threshold/,
    );
  });
});

describe("real GitHub attestations against the vendored trust roots", async () => {
  const fixture = async (name: string): Promise<Buffer> => readFile(join(FIXTURES, name));
  const sha256Of = (bytes: Buffer): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  // Both ran on github.com from refs/heads/main, started by hand.
  const realIdentity = (repository: string, workflow: string, more: Partial<ProvenanceIdentity> = {}): ProvenanceIdentity => ({
    ...TEST_IDENTITY,
    repository,
    workflow,
    events: ["workflow_dispatch"],
    ...more,
  });

  // A public repository's attestation (Sigstore public-good: Rekor entry, SCT), made by a reusable workflow.
  const publicBundle = JSON.parse((await fixture("reusable-workflow-attestation.sigstore.json")).toString("utf8")) as unknown;
  const publicDigest = sha256Of(await fixture("reusable-workflow-artifact"));
  const publicIdentity = realIdentity("malancas/attest-demo", ".github/workflows/shared.yml", {
    signerWorkflow: "github/artifact-attestations-workflows/.github/workflows/attest.yml",
  });
  // A private repository's attestation (GitHub's Fulcio and timestamp authority, no log).
  const privateBundle = JSON.parse(
    (await fixture("github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl")).toString("utf8").split("\n")[0]!,
  ) as unknown;
  const privateDigest = sha256Of(await fixture("github_provenance_demo-0.0.12-py3-none-any.whl"));
  const privateIdentity = realIdentity("actions/attest-demo", ".github/workflows/build-python.yml");
  const verify = (bundle: unknown, digest: string, identity: ProvenanceIdentity, roots = defaultTrustRoots()): ProvenanceResult =>
    verifyProvenance({ bundles: [bundle], digest, identity, trustRoots: roots });

  it("verifies a public repository's attestation against Sigstore's public-good root", () => {
    assert.deepEqual(verify(publicBundle, publicDigest, publicIdentity), {
      ok: true,
      detail:
        "attestation 1: signed by malancas/attest-demo .github/workflows/shared.yml@refs/heads/main (workflow_dispatch), logged at 2024-05-24T19:14:24.000Z (trust root sigstore-public-good)",
    });
    assertRejected(
      verify(publicBundle, publicDigest, { ...publicIdentity, signerWorkflow: "malancas/attest-demo/.github/workflows/shared.yml" }),
      /signed by workflow/,
    );
    assertRejected(verify(publicBundle, privateDigest, publicIdentity), /is about sha256:49a3aa60/);
    assertRejected(
      verify(publicBundle, publicDigest, publicIdentity, [githubTrustRoot()]),
      /does not verify against trust root \(github: CERTIFICATE_ERROR/,
    );
  });

  it("verifies a private repository's attestation against GitHub's root, by its signed timestamp", () => {
    const result = verify(privateBundle, privateDigest, privateIdentity);
    assert.equal(result.ok, true, result.detail);
    assert.match(
      result.detail,
      /^attestation 1: signed by actions\/attest-demo \.github\/workflows\/build-python\.yml@refs\/heads\/main \(workflow_dispatch\), timestamped at 2024-04-22T17:3\d:\d\d\.\d{3}Z \(trust root github\)$/,
    );
    assertRejected(
      verify(privateBundle, privateDigest, { ...privateIdentity, events: ["push"] }),
      /triggered by workflow_dispatch, expected push/,
    );
  });

  it("holds GitHub's root to what a root with logs must give: a tlog entry, an SCT", () => {
    const root = githubTrustRoot();
    const strict = (thresholds: Partial<TrustRoot["thresholds"]>): TrustRoot[] => [
      { ...root, thresholds: { ...root.thresholds, ...thresholds } },
    ];
    assertRejected(
      verify(privateBundle, privateDigest, privateIdentity, strict({ tlog: 1 })),
      /TLOG_ERROR: expected 1 tlog entries, got 0/,
    );
    assertRejected(
      verify(privateBundle, privateDigest, privateIdentity, strict({ ctlog: 1 })),
      /CERTIFICATE_ERROR: expected 1 SCTs, got 0/,
    );
  });
});

describe("fetchAttestations against the fake GitHub", () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
    fake.addRepo("acme/churn-model");
    fake.addToken("read-token", "read");
  });
  afterEach(async () => {
    await fake.close();
    fake.assertNoSpecViolations();
  });
  const client = () =>
    createGitHubClient({ token: "read-token", baseUrl: fake.url, logger: new MemoryLogger(), userAgentVersion: "test", retries: 0 });
  const listCalls = () => fake.calls.filter((call) => call.operationId === "repos/list-attestations");

  it("answers [] when GitHub has no attestation of the digest (404), or no such repository", async () => {
    assert.deepEqual(await fetchAttestations(client(), { owner: "acme", repo: "churn-model", digest: DIGEST }), []);
    assert.deepEqual(await fetchAttestations(client(), { owner: "acme", repo: "nothing-here", digest: DIGEST }), []);
    assert.deepEqual(
      listCalls().map((call) => call.status),
      [404, 404],
    );
  });

  it("follows the after cursors of every page and keeps GitHub's order", async () => {
    const bundles = Array.from({ length: 130 }, (_, n) => ({
      mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
      verificationMaterial: { n },
      dsseEnvelope: {},
    }));
    for (const bundle of bundles) fake.addAttestation("acme/churn-model", DIGEST, bundle);
    fake.addAttestation("acme/churn-model", OTHER_DIGEST, signed());
    const fetched = await fetchAttestations(client(), { owner: "acme", repo: "churn-model", digest: DIGEST.slice(7) });
    assert.deepEqual(fetched, bundles);
    const calls = listCalls();
    assert.deepEqual(
      calls.map((call) => [call.path, call.query.per_page, call.query.after === undefined]),
      [
        [`/repos/acme/churn-model/attestations/${DIGEST.replace(":", "%3A")}`, "100", true],
        [`/repos/acme/churn-model/attestations/${DIGEST.replace(":", "%3A")}`, "100", false],
      ],
    );
  });

  it("fetches what the attest action stored, and it verifies", async () => {
    fake.addAttestation("acme/churn-model", DIGEST, signed({ ref: "refs/heads/evil" }));
    fake.addAttestation("acme/churn-model", DIGEST, signed());
    const bundles = await fetchAttestations(client(), { owner: "acme", repo: "churn-model", digest: DIGEST });
    assert.equal(bundles.length, 2);
    assert.match(check(bundles).detail, /^attestation 2: signed by acme\/churn-model/);
  });

  it("refuses a digest that is not a SHA-256 before asking GitHub", async () => {
    await assert.rejects(fetchAttestations(client(), { owner: "acme", repo: "churn-model", digest: "sha1:abc" }), (error: unknown) =>
      isUserError(error),
    );
    assert.equal(listCalls().length, 0);
  });
});
