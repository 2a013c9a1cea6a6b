/**
 * Whether a released model file carries the build-provenance attestation its registry's policy asks
 * for: the attestations GitHub stores for the file's sha256 in the model repository, verified with
 * sigstore's verifier (registry/provenance.ts) against GitHub's and the public-good trust roots (or
 * the policy's own) and matched to the releasing workflow's identity. verify-promotion, promote and
 * fetch all ask here.
 */
import { getErrorMessage } from "../common/errors.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { fetchAttestations, verifyProvenance } from "./provenance.ts";
import { defaultTrustRoots, parseTrustRoot, type TrustRoot } from "./trust-roots.ts";
import type { ModelManifest } from "./registry-types.ts";

/** The attestation a registry's model files must carry. */
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

/** Checks the attestations of `manifest`'s model file, kept in `server`/`owner`/`repo`, against `policy`. */
export async function checkReleaseProvenance(options: {
  client: GitHubClient;
  server: string;
  owner: string;
  repo: string;
  manifest: ModelManifest;
  policy: ProvenancePolicy;
}): Promise<ProvenanceOutcome> {
  const { owner, repo, policy } = options;
  const model = options.manifest.files.find((file) => file.role === "model");
  if (model === undefined) return { ok: false, detail: "the release has no model file to attest" };
  let bundles: unknown[];
  try {
    bundles = await fetchAttestations(options.client, { owner, repo, digest: `sha256:${model.sha256}` });
  } catch (error) {
    return { ok: false, detail: `the attestations of ${owner}/${repo} could not be read: ${getErrorMessage(error)}` };
  }
  if (bundles.length === 0)
    return {
      ok: false,
      detail: `${owner}/${repo} has no attestation for ${model.name} (sha256:${model.sha256.slice(0, 12)}…): the release job attests it with actions/attest-build-provenance`,
    };
  let trustRoots: TrustRoot[];
  try {
    trustRoots =
      policy.trustedRoot === undefined ? defaultTrustRoots() : [parseTrustRoot(policy.trustedRoot.text, policy.trustedRoot.file)];
  } catch (error) {
    return { ok: false, detail: `the trusted root ${policy.trustedRoot?.file} is not usable: ${getErrorMessage(error)}` };
  }
  return verifyProvenance({
    bundles,
    digest: `sha256:${model.sha256}`,
    identity: {
      server: options.server,
      repository: `${owner}/${repo}`,
      workflow: policy.workflow,
      ref: policy.ref,
      events: policy.events,
      issuer: policy.issuer,
      ...(policy.signerWorkflow === undefined ? {} : { signerWorkflow: policy.signerWorkflow }),
    },
    trustRoots,
  });
}
