/**
 * A provenance setting of modelship.yaml (`release.provenance`, `verify.registries[].provenance`) →
 * the policy a release's attestations are checked against: the defaults (refs/heads/main, pushed, the
 * server's Actions issuer) filled in, and a named trusted root read. Promote, fetch and verify-promotion
 * all resolve it here.
 */
import { UserError } from "../common/errors.ts";
import type { ProvenanceConfig } from "../config/modelship-config.ts";
import { GITHUB_ACTIONS_ISSUER, type ProvenancePolicy } from "../registry/release-provenance.ts";

/** The default ref and events a release's provenance must come from. */
export const DEFAULT_PROVENANCE_REF = "refs/heads/main";
export const DEFAULT_PROVENANCE_EVENTS = ["push"];

/** The OIDC issuer of GitHub Actions on a server: github.com's, or a GHES host's own. */
export function defaultIssuer(server: string): string {
  return new URL(server).origin === "https://github.com" ? GITHUB_ACTIONS_ISSUER : `${new URL(server).origin}/_services/token`;
}

/**
 * A provenance setting → the policy. `readFile` reads a trusted root named in it: the base's copy for
 * verify-promotion, the working tree's for fetch and promote.
 */
export async function provenancePolicy(
  config: ProvenanceConfig,
  options: { server: string; where: string; readFile: (path: string) => Promise<string | undefined> },
): Promise<ProvenancePolicy | "off"> {
  if (config === "off") return "off";
  const policy: ProvenancePolicy = {
    workflow: config.workflow,
    ref: config.ref ?? DEFAULT_PROVENANCE_REF,
    events: config.events ?? DEFAULT_PROVENANCE_EVENTS,
    issuer: config.issuer ?? defaultIssuer(options.server),
    ...(config.signer_workflow === undefined ? {} : { signerWorkflow: config.signer_workflow }),
  };
  if (config.trusted_root !== undefined) {
    const text = await options.readFile(config.trusted_root);
    if (text === undefined)
      throw new UserError(`${options.where}.provenance.trusted_root: ${config.trusted_root} is not there`, {
        hint: "commit the trusted_root.json it names, or leave trusted_root out to use GitHub's and the public-good roots",
      });
    policy.trustedRoot = { file: config.trusted_root, text };
  }
  return policy;
}
