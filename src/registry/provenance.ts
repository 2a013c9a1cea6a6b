/**
 * Verifies the build-provenance attestations `actions/attest-build-provenance` makes for a released
 * model: Sigstore bundles whose DSSE payload is an in-toto Statement with a SLSA v1 predicate about the
 * model file. @sigstore/verify does every cryptographic check (the signature, the certificate chain
 * to a trust root at the logged or timestamped time, the transparency-log entry, the SCTs and the
 * signed timestamps, as many as the root's thresholds ask); this module parses what a verified
 * bundle says and compares it with the model's digest and the workflow run the user expects.
 * Nothing in a bundle can make it throw: every problem is a reason in the result.
 */
import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import { Verifier, toSignedEntity, type SignedEntity } from "@sigstore/verify";
import { getErrorMessage, UserError } from "../common/errors.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";
import { identityMismatch, readClaims, type ProvenanceIdentity } from "./provenance-identity.ts";
import { trustMaterial, type TrustRoot } from "./trust-roots.ts";

export type { ProvenanceIdentity } from "./provenance-identity.ts";
export {
  defaultTrustRoots,
  githubTrustRoot,
  parseTrustRoot,
  publicGoodTrustRoot,
  type TrustRoot,
  type TrustThresholds,
} from "./trust-roots.ts";

/** Whether any attestation vouches for the model, and in words why (or why none does). */
export type ProvenanceResult = { ok: true; detail: string } | { ok: false; detail: string };

export interface VerifyProvenanceOptions {
  /** Sigstore bundles as JSON (v0.1 to v0.3), e.g. from `fetchAttestations`. */
  bundles: unknown[];
  /** The attested file's SHA-256: `sha256:<hex>` or bare hex. */
  digest: string;
  /** Whose digest it is, for messages ("model.onnx's"); default "the model's". */
  subject?: string;
  identity: ProvenanceIdentity;
  /** The roots a bundle may verify against, each with its thresholds; one is enough. */
  trustRoots: TrustRoot[];
}

const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
const STATEMENT_TYPES = new Set(["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"]);
const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

/** How far a bundle got, so the report can name the closest one. */
const Stage = { Parse: 0, Crypto: 1, Statement: 2, Digest: 3, Identity: 4 } as const;
type Stage = (typeof Stage)[keyof typeof Stage];

type Outcome = { ok: true; detail: string } | { ok: false; stage: Stage; reason: string };

/** The lower-case hex of a `sha256:<hex>` or bare-hex digest; a `UserError` when it is neither. */
export function sha256Hex(digest: string): string {
  const hex = digest.replace(/^sha256:/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new UserError(`"${digest}" is not a SHA-256 digest`, { hint: "give sha256:<64 hex digits>" });
  return hex;
}

/** Accepts when any bundle verifies against any trust root, is SLSA provenance of `digest`, and was signed by `identity`. */
export function verifyProvenance(options: VerifyProvenanceOptions): ProvenanceResult {
  const hex = sha256Hex(options.digest);
  if (options.bundles.length === 0) return { ok: false, detail: `no attestation of sha256:${hex} was found` };
  let closest: { index: number; stage: Stage; reason: string } | undefined;
  for (const [index, json] of options.bundles.entries()) {
    let outcome: Outcome;
    try {
      outcome = checkBundle(json, hex, options);
    } catch (error) {
      // The library or a parser failed on content it did not expect: a reason, never a crash.
      outcome = { ok: false, stage: Stage.Parse, reason: `could not be read: ${getErrorMessage(error)}` };
    }
    if (outcome.ok) return { ok: true, detail: `attestation ${index + 1}: ${outcome.detail}` };
    if (closest === undefined || outcome.stage > closest.stage) closest = { index, ...outcome };
  }
  const { index, reason } = closest!;
  const of = options.bundles.length > 1 ? ` (the closest of ${options.bundles.length} attestations)` : "";
  return { ok: false, detail: `attestation ${index + 1}: ${reason}${of}` };
}

function checkBundle(json: unknown, hex: string, options: VerifyProvenanceOptions): Outcome {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (error) {
    return { ok: false, stage: Stage.Parse, reason: `is not a Sigstore bundle: ${describeError(error)}` };
  }
  if (bundle.content.$case !== "dsseEnvelope")
    return { ok: false, stage: Stage.Parse, reason: "is a bare message signature, not a DSSE attestation" };
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle);
  } catch (error) {
    return { ok: false, stage: Stage.Parse, reason: `is not a Sigstore bundle: ${describeError(error)}` };
  }
  if (entity.key.$case !== "certificate") return { ok: false, stage: Stage.Parse, reason: "is signed by a key, not a Fulcio certificate" };
  const verified = verifyAgainstRoots(entity, options.trustRoots);
  if (!verified.ok) return verified;
  const { root } = verified;

  const envelope = bundle.content.dsseEnvelope;
  const statement = readStatement(envelope.payloadType, envelope.payload);
  if (typeof statement === "string") return { ok: false, stage: Stage.Statement, reason: statement };
  const digests = statement.subjectDigests;
  if (!digests.includes(hex)) {
    const shown = digests.length === 0 ? "no sha256 subject" : digests.map((digest) => `sha256:${digest}`).join(", ");
    return { ok: false, stage: Stage.Digest, reason: `is about ${shown}, not ${options.subject ?? "the model's"} sha256:${hex}` };
  }

  const claims = readClaims(entity.key.certificate);
  if ("problem" in claims) return { ok: false, stage: Stage.Identity, reason: claims.problem };
  const mismatch = identityMismatch(claims, options.identity);
  if (mismatch !== undefined) return { ok: false, stage: Stage.Identity, reason: mismatch };
  const repository = claims.sourceRepositoryUri.replace(/^.*?:\/\/[^/]+\//, "");
  return {
    ok: true,
    detail: `signed by ${repository} ${options.identity.workflow}@${claims.sourceRepositoryRef} (${claims.buildTrigger}), ${timeOf(entity)} (trust root ${root.name})`,
  };
}

/** Verifies the bundle's cryptography against each root in turn with its thresholds; the first that accepts wins. */
function verifyAgainstRoots(entity: SignedEntity, roots: TrustRoot[]): { ok: true; root: TrustRoot } | (Outcome & { ok: false }) {
  if (roots.length === 0) return { ok: false, stage: Stage.Crypto, reason: "cannot be verified: no trust root was given" };
  const failures: string[] = [];
  for (const root of roots) {
    try {
      const { tlog, ctlog, timestamp } = root.thresholds;
      // A certificate can only be checked at a time someone vouches for, so at least one.
      new Verifier(trustMaterial(root), { tlogThreshold: tlog, ctlogThreshold: ctlog, timestampThreshold: Math.max(1, timestamp) }).verify(
        entity,
      );
      return { ok: true, root };
    } catch (error) {
      failures.push(`${root.name}: ${describeError(error)}`);
    }
  }
  const against = roots.length === 1 ? "trust root" : "any trust root";
  return { ok: false, stage: Stage.Crypto, reason: `does not verify against ${against} (${failures.join("; ")})` };
}

/** A library error as `CODE: message (cause)`, or `message: fields` for a bundle that fails validation. */
function describeError(error: unknown): string {
  const { code, cause, fields } =
    typeof error === "object" && error !== null ? (error as { code?: unknown; cause?: unknown; fields?: unknown }) : {};
  const prefix = typeof code === "string" ? `${code}: ` : "";
  const suffix = Array.isArray(fields) ? `: ${fields.join(", ")}` : cause === undefined ? "" : ` (${getErrorMessage(cause)})`;
  return `${prefix}${getErrorMessage(error)}${suffix}`;
}

/** When the signature was logged or timestamped, as verified. */
function timeOf(entity: SignedEntity): string {
  const times = entity.timestamps.map((timestamp) =>
    timestamp.$case === "transparency-log"
      ? `logged at ${new Date(Number(timestamp.tlogEntry.integratedTime) * 1000).toISOString()}`
      : `timestamped at ${timestamp.timestamp.signingTime.toISOString()}`,
  );
  return times.join(", ");
}

/** A value from a bundle, quoted and cut short, fit to show in a report. */
function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}

/** The sha256 subject digests of an in-toto SLSA v1 provenance statement, or why the payload is not one. */
function readStatement(payloadType: string, payload: Buffer): { subjectDigests: string[] } | string {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return `carries a ${quoted(payloadType)} payload, not an in-toto statement (${IN_TOTO_PAYLOAD_TYPE})`;
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString("utf8"));
  } catch {
    return "carries a payload that is not JSON";
  }
  if (typeof statement !== "object" || statement === null) return "carries a payload that is not a JSON object";
  const { _type: type, predicateType, subject } = statement as Record<string, unknown>;
  if (typeof type !== "string" || !STATEMENT_TYPES.has(type))
    return `carries a statement of type ${quoted(type)}, not an in-toto Statement v1`;
  if (predicateType !== SLSA_PROVENANCE_V1)
    return `carries a ${quoted(predicateType)} predicate, not SLSA provenance (${SLSA_PROVENANCE_V1})`;
  const subjectDigests = (Array.isArray(subject) ? (subject as unknown[]) : []).flatMap((item) => {
    const digest = typeof item === "object" && item !== null ? (item as { digest?: unknown }).digest : undefined;
    const sha256 = typeof digest === "object" && digest !== null ? (digest as { sha256?: unknown }).sha256 : undefined;
    return typeof sha256 === "string" ? [sha256.toLowerCase()] : [];
  });
  return { subjectDigests };
}

/**
 * The attestation bundles GitHub stores for `digest` in a repository (`GET
 * /repos/{owner}/{repo}/attestations/{subject_digest}`, every page); none when there are none (404).
 * Pinned to API version 2022-11-28, whose listing carries each bundle inline.
 */
export async function fetchAttestations(
  client: GitHubClient,
  options: { owner: string; repo: string; digest: string },
): Promise<unknown[]> {
  const subjectDigest = `sha256:${sha256Hex(options.digest)}`;
  const bundles: unknown[] = [];
  let after: string | undefined;
  for (;;) {
    let response;
    try {
      response = await client.request("GET /repos/{owner}/{repo}/attestations/{subject_digest}", {
        owner: options.owner,
        repo: options.repo,
        subject_digest: subjectDigest,
        per_page: 100,
        ...(after === undefined ? {} : { after }),
        headers: { "x-github-api-version": "2022-11-28" },
      });
    } catch (error) {
      if (httpStatus(error) === 404) return bundles;
      throw error;
    }
    for (const attestation of response.data.attestations ?? []) if (attestation.bundle !== undefined) bundles.push(attestation.bundle);
    after = nextCursor(response.headers.link);
    if (after === undefined) return bundles;
  }
}

/** The `after` cursor of a `Link` header's `rel="next"` link, if there is one. */
function nextCursor(link: string | undefined): string | undefined {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match !== null) return new URL(match[1]!).searchParams.get("after") ?? undefined;
  }
  return undefined;
}
