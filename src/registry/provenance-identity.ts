/**
 * Who signed an attestation: the GitHub Actions claims Fulcio writes into the signing certificate
 * (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md), read from a leaf that
 * @sigstore/verify has already chained to a trusted root, and matched against the identity the user
 * expects. Only parsing happens here; every signature is checked by the library.
 */
import type { X509Certificate } from "@sigstore/core";

/** The workflow run an attestation must come from. */
export interface ProvenanceIdentity {
  /** `https://github.com`, or a GitHub Enterprise Server origin. */
  server: string;
  /** `OWNER/REPO`: the Source Repository URI must be `${server}/${repository}`. */
  repository: string;
  /** `.github/workflows/model.yml`: the Build Config URI must be `${server}/${repository}/${workflow}@${ref}`. */
  workflow: string;
  /** `refs/heads/main`: the Source Repository Ref. */
  ref: string;
  /** The Build Trigger must be one of these, e.g. `["push"]`. */
  events: string[];
  /** `https://token.actions.githubusercontent.com`: the OIDC issuer. */
  issuer: string;
  /** `OWNER/REPO/.github/workflows/FILE`: when set, the certificate's SAN (Build Signer URI) must be `${server}/${signerWorkflow}@<any ref>`. */
  signerWorkflow?: string;
}

/** Fulcio's certificate extensions (OID arc 1.3.6.1.4.1.57264.1). */
const OID = {
  issuerV1: "1.3.6.1.4.1.57264.1.1",
  issuer: "1.3.6.1.4.1.57264.1.8",
  sourceRepositoryUri: "1.3.6.1.4.1.57264.1.12",
  sourceRepositoryRef: "1.3.6.1.4.1.57264.1.14",
  buildConfigUri: "1.3.6.1.4.1.57264.1.18",
  buildTrigger: "1.3.6.1.4.1.57264.1.20",
} as const;

const NAMES: Record<string, string> = {
  [OID.issuer]: "OIDC Issuer",
  [OID.sourceRepositoryUri]: "Source Repository URI",
  [OID.sourceRepositoryRef]: "Source Repository Ref",
  [OID.buildConfigUri]: "Build Config URI",
  [OID.buildTrigger]: "Build Trigger",
};

/** The claims of a GitHub Actions signing certificate, as found in it. */
export interface CertificateClaims {
  issuer: string;
  sourceRepositoryUri: string;
  sourceRepositoryRef: string;
  buildConfigUri: string;
  buildTrigger: string;
  /** The SAN URI: the workflow file that ran `attest` (the Build Signer URI). */
  signer: string;
}

/** An extension whose value is a DER UTF8String (Fulcio's v2 extensions); a reason when it is missing or not one. */
function utf8Extension(certificate: X509Certificate, oid: string): string | { problem: string } {
  const extension = certificate.extension(oid);
  if (extension === undefined) return { problem: `its certificate has no ${NAMES[oid]} extension (${oid})` };
  const inner = extension.valueObj.subs[0];
  const tag = inner?.tag;
  if (inner === undefined || tag === undefined || !tag.isUniversal() || tag.constructed || tag.number !== 0x0c)
    return { problem: `its certificate's ${NAMES[oid]} extension (${oid}) is not a DER UTF8String` };
  return inner.value.toString("utf8");
}

/** Reads the GitHub Actions claims of a leaf certificate; a reason when one is missing or malformed. */
export function readClaims(certificate: X509Certificate): CertificateClaims | { problem: string } {
  // The v2 issuer extension is a DER string; certificates before it carry only the v1 raw bytes.
  let issuer = certificate.extension(OID.issuer) === undefined ? undefined : utf8Extension(certificate, OID.issuer);
  if (issuer === undefined) {
    const v1 = certificate.extension(OID.issuerV1);
    issuer =
      v1 === undefined
        ? { problem: `its certificate has no OIDC Issuer extension (${OID.issuer} or ${OID.issuerV1})` }
        : v1.value.toString("utf8");
  }
  const fields = {
    issuer,
    sourceRepositoryUri: utf8Extension(certificate, OID.sourceRepositoryUri),
    sourceRepositoryRef: utf8Extension(certificate, OID.sourceRepositoryRef),
    buildConfigUri: utf8Extension(certificate, OID.buildConfigUri),
    buildTrigger: utf8Extension(certificate, OID.buildTrigger),
  };
  for (const value of Object.values(fields)) if (typeof value !== "string") return value;
  const signer = certificate.subjectAltName;
  if (signer === undefined) return { problem: "its certificate has no subject alternative name URI (the Build Signer URI)" };
  return { ...(fields as Record<keyof typeof fields, string>), signer };
}

/**
 * The rest of `uri` after `${repositoryUri}/`, or `undefined` when it does not start so. GitHub
 * resolves owner and repository names in any case (and `gh attestation verify` compares them so);
 * paths and refs are compared exactly.
 */
function underRepository(uri: string, repositoryUri: string): string | undefined {
  const prefix = `${repositoryUri}/`;
  return uri.length > prefix.length && uri.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()
    ? uri.slice(prefix.length)
    : undefined;
}

/** Why the claims are not `identity`'s, or `undefined` when they are. The ref is checked before the workflow URI that contains it. */
export function identityMismatch(claims: CertificateClaims, identity: ProvenanceIdentity): string | undefined {
  const server = identity.server.replace(/\/+$/, "");
  const repositoryUri = `${server}/${identity.repository}`;
  if (claims.issuer !== identity.issuer) return `its OIDC issuer is ${claims.issuer}, expected ${identity.issuer}`;
  if (claims.sourceRepositoryUri.toLowerCase() !== repositoryUri.toLowerCase())
    return `built in repository ${claims.sourceRepositoryUri}, expected ${repositoryUri}`;
  if (claims.sourceRepositoryRef !== identity.ref) return `built from ${claims.sourceRepositoryRef}, expected ${identity.ref}`;
  const expectedConfig = `${identity.workflow}@${identity.ref}`;
  if (underRepository(claims.buildConfigUri, repositoryUri) !== expectedConfig)
    return `built by workflow ${claims.buildConfigUri}, expected ${repositoryUri}/${expectedConfig}`;
  if (!identity.events.includes(claims.buildTrigger))
    return `triggered by ${claims.buildTrigger}, expected ${identity.events.length === 1 ? identity.events[0] : `one of ${identity.events.join(", ") || "(none)"}`}`;
  if (identity.signerWorkflow !== undefined) {
    // OWNER/REPO/PATH: the repository part in any case, the path exactly, then any ref.
    const [owner = "", repo = "", ...path] = identity.signerWorkflow.split("/");
    const signed = underRepository(claims.signer, `${server}/${owner}/${repo}`);
    if (signed === undefined || !signed.startsWith(`${path.join("/")}@`) || signed.length === path.join("/").length + 1)
      return `signed by workflow ${claims.signer}, expected ${server}/${identity.signerWorkflow}@<ref>`;
  }
  return undefined;
}
