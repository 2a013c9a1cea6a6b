/**
 * Whether a release carries the build-provenance attestations its registry's policy asks for, of its
 * model file and of its manifest.json (the gate record): the attestations GitHub stores for each
 * file's sha256 in the model repository, verified with sigstore's verifier (registry/provenance.ts)
 * against GitHub's and the public-good trust roots (or the policy's own) and matched to the releasing
 * workflow's identity. verify-promotion, promote and fetch all ask here.
 */
import { getErrorMessage } from "../common/errors.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { MANIFEST_NAME } from "./manifest.ts";
import { fetchAttestations, verifyProvenance, type ProvenanceIdentity } from "./provenance.ts";
import { defaultTrustRoots, parseTrustRoot, type TrustRoot } from "./trust-roots.ts";
import type { StoredVersion } from "./registry-types.ts";

/** The attestations a registry's releases must carry (of the model file and of manifest.json). */
export interface ProvenancePolicy {
  /** The model repository's releasing workflow, a path in it (.github/workflows/model.yml). */
  workflow: string;
  ref: string;
  events: string[];
  issuer: string;
  /** OWNER/REPO/.github/workflows/FILE of the signing workflow, when it is checked. */
  signerWorkflow?: string;
  /** A trusted_root.json (its text) to verify against instead of the built-in roots. */
  trustedRoot?: { file: string; text: string };
}

export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

export interface ProvenanceOutcome {
  ok: boolean;
  /** What verified (the signer, workflow, ref, event) or why nothing did. */
  detail: string;
}

/** What of a release must be attested: its manifest (which names the model file) and the sha256 of manifest.json as read. */
export type AttestedRelease = Pick<StoredVersion, "manifest" | "manifestSha256">;

/** Where the attestations are kept and whose they must be. */
interface AttestationSource {
  client: GitHubClient;
  server: string;
  owner: string;
  repo: string;
  policy: ProvenancePolicy;
}

/**
 * The check of one subject's attestations in `owner`/`repo` against the policy (its trust roots and
 * the releasing workflow's identity): the verdict, or undefined when there are none.
 */
function subjectChecker(
  source: AttestationSource,
): ((sha256: string, whose: string) => Promise<ProvenanceOutcome | undefined>) | { problem: string } {
  const { owner, repo, policy } = source;
  let trustRoots: TrustRoot[];
  try {
    trustRoots =
      policy.trustedRoot === undefined ? defaultTrustRoots() : [parseTrustRoot(policy.trustedRoot.text, policy.trustedRoot.file)];
  } catch (error) {
    return { problem: `the trusted root ${policy.trustedRoot?.file} is not usable: ${getErrorMessage(error)}` };
  }
  const identity: ProvenanceIdentity = {
    server: source.server,
    repository: `${owner}/${repo}`,
    workflow: policy.workflow,
    ref: policy.ref,
    events: policy.events,
    issuer: policy.issuer,
    ...(policy.signerWorkflow === undefined ? {} : { signerWorkflow: policy.signerWorkflow }),
  };
  return async (sha256, whose) => {
    const digest = `sha256:${sha256}`;
    let bundles: unknown[];
    try {
      bundles = await fetchAttestations(source.client, { owner, repo, digest });
    } catch (error) {
      return { ok: false, detail: `the attestations of ${owner}/${repo} could not be read: ${getErrorMessage(error)}` };
    }
    return bundles.length === 0 ? undefined : verifyProvenance({ bundles, digest, subject: whose, identity, trustRoots });
  };
}

/**
 * Checks the attestation of a modelcar image (its manifest digest, the subject
 * `actions/attest-build-provenance` with `push-to-registry` names) kept in `owner`/`repo`, signed by
 * the policy's workflow.
 */
export async function checkImageProvenance(options: AttestationSource & { digest: string }): Promise<ProvenanceOutcome> {
  const check = subjectChecker(options);
  if ("problem" in check) return { ok: false, detail: check.problem };
  const hex = options.digest.replace(/^sha256:/, "");
  const outcome = await check(hex, "the image's");
  if (outcome === undefined)
    return {
      ok: false,
      detail: `the image ${options.digest.slice(0, 19)}… has no attestation in ${options.owner}/${options.repo}: the release job attests the image digest with actions/attest-build-provenance (subject-digest, push-to-registry)`,
    };
  return outcome.ok ? outcome : { ok: false, detail: `the image ${options.digest.slice(0, 19)}…: ${outcome.detail}` };
}

/** The manifest's name in messages: the file, and why it matters. */
const GATE_RECORD = `${MANIFEST_NAME} (the gate record)`;

/**
 * Checks the attestations kept in `server`/`owner`/`repo` against `policy` for both subjects of a
 * release: its model file (the bytes that serve) and its manifest.json exactly as read (the gate
 * record: verdict, model match, allow-ungated). Each needs an attestation of its own sha256 signed by
 * the policy's workflow, so attested model bytes re-released under a forged gate record fail.
 */
export async function checkReleaseProvenance(options: {
  client: GitHubClient;
  server: string;
  owner: string;
  repo: string;
  release: AttestedRelease;
  policy: ProvenancePolicy;
}): Promise<ProvenanceOutcome> {
  const { owner, repo } = options;
  const model = options.release.manifest.files.find((file) => file.role === "model");
  if (model === undefined) return { ok: false, detail: "the release has no model file to attest" };
  const check = subjectChecker(options);
  if ("problem" in check) return { ok: false, detail: check.problem };
  const none = (label: string, sha256: string, how: string): ProvenanceOutcome => ({
    ok: false,
    detail: `${label} has no attestation in ${owner}/${repo} (sha256:${sha256.slice(0, 12)}…): the release job attests it ${how}`,
  });

  const ofModel = await check(model.sha256, `${model.name}'s`);
  if (ofModel === undefined) return none(model.name, model.sha256, "with actions/attest-build-provenance");
  if (!ofModel.ok) return { ok: false, detail: `${model.name}: ${ofModel.detail}` };
  const { manifestSha256 } = options.release;
  const ofManifest = await check(manifestSha256, `${MANIFEST_NAME}'s`);
  if (ofManifest === undefined)
    return none(
      GATE_RECORD,
      manifestSha256,
      `beside ${model.name} with actions/attest-build-provenance; a release made before modelship attested its gate record must be released again`,
    );
  if (!ofManifest.ok) return { ok: false, detail: `${GATE_RECORD}: ${ofManifest.detail}` };
  // One attestation of both subjects (what the release job makes) reads as one.
  return {
    ok: true,
    detail:
      ofManifest.detail === ofModel.detail
        ? `${model.name} and ${GATE_RECORD}: ${ofModel.detail}`
        : `${model.name}: ${ofModel.detail}; ${GATE_RECORD}: ${ofManifest.detail}`,
  };
}
