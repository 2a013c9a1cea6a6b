/**
 * The Sigstore trust roots an attestation may chain to, each with the evidence it must carry: the
 * public-good instance (Fulcio, Rekor, the CT log) that signs public repositories' attestations, and
 * GitHub's own instance (its Fulcio and timestamp authority, no transparency log) that signs private
 * repositories'. Both are vendored in `trust-roots/` (see its README) and bundled. A user may supply
 * another `trusted_root.json` (GitHub Enterprise Server, tests), with thresholds or without.
 */
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial, type TrustMaterial } from "@sigstore/verify";
import { getErrorMessage, UserError } from "../common/errors.ts";
import githubRoot from "./trust-roots/github.trusted_root.json" with { type: "json" };
import publicGoodRoot from "./trust-roots/sigstore-public-good.trusted_root.json" with { type: "json" };

/** How much independent evidence a bundle must carry for one trust root. */
export interface TrustThresholds {
  /** Transparency-log (Rekor) entries, each with a verified inclusion promise or proof. */
  tlog: number;
  /** Signed certificate timestamps (SCTs) from the root's CT logs, embedded in the certificate. */
  ctlog: number;
  /** Verified times (a tlog entry's integrated time or an RFC 3161 timestamp); at least 1. */
  timestamp: number;
}

/** A Sigstore trusted root (protobuf-specs `TrustedRoot` JSON) and the thresholds it is used with. */
export interface TrustRoot {
  name: string;
  /** The parsed `trusted_root.json`. */
  trustedRoot: unknown;
  thresholds: TrustThresholds;
}

/** What `gh attestation verify` asks of the public-good instance: a tlog entry, an SCT and a time. */
export const PUBLIC_GOOD_THRESHOLDS: TrustThresholds = { tlog: 1, ctlog: 1, timestamp: 1 };

/** What `gh attestation verify` asks of GitHub's instance: a signed timestamp; it has no logs. */
export const GITHUB_THRESHOLDS: TrustThresholds = { tlog: 0, ctlog: 0, timestamp: 1 };

/** Sigstore's public-good instance (sigstore/root-signing `targets/trusted_root.json`). */
export function publicGoodTrustRoot(): TrustRoot {
  return { name: "sigstore-public-good", trustedRoot: publicGoodRoot, thresholds: PUBLIC_GOOD_THRESHOLDS };
}

/** GitHub's instance for private-repository attestations (`gh attestation trusted-root`). */
export function githubTrustRoot(): TrustRoot {
  return { name: "github", trustedRoot: githubRoot, thresholds: GITHUB_THRESHOLDS };
}

/** The roots github.com attestations chain to: public-good, then GitHub's own. */
export function defaultTrustRoots(): TrustRoot[] {
  return [publicGoodTrustRoot(), githubTrustRoot()];
}

const materials = new WeakMap<object, TrustMaterial>();

/** The root's keys and certificates as @sigstore/verify uses them, parsed once per root document; throws when it is no trusted root. */
export function trustMaterial(root: TrustRoot): TrustMaterial {
  const document = root.trustedRoot;
  if (typeof document !== "object" || document === null) throw new Error(`trust root ${root.name} is not a JSON object`);
  let material = materials.get(document);
  if (material === undefined) {
    const parsed = TrustedRoot.fromJSON(document);
    if (!/^application\/vnd\.dev\.sigstore\.trustedroot/.test(parsed.mediaType))
      throw new Error(`trust root ${root.name} has media type "${parsed.mediaType}", not a Sigstore trusted root's`);
    if (parsed.certificateAuthorities.length === 0) throw new Error(`trust root ${root.name} names no certificate authority`);
    material = toTrustMaterial(parsed);
    materials.set(document, material);
  }
  return material;
}

/**
 * A user's `trusted_root.json` (GitHub Enterprise Server's, a test's: what `gh attestation
 * trusted-root` prints for one instance), read from `text` of `file`. Without `thresholds`, they
 * follow from what the root has, as `gh attestation verify` guesses for a custom root: a tlog entry
 * when it names transparency logs, an SCT when it names CT logs, and always a verified time.
 * Anything that is not one root is a `UserError` naming the file.
 */
export function parseTrustRoot(text: string, file: string, thresholds?: TrustThresholds): TrustRoot {
  const problem = (message: string, cause?: unknown): UserError =>
    new UserError(message, {
      file,
      hint: "give the JSON of one Sigstore trusted root (one line of what `gh attestation trusted-root` prints)",
      ...(cause === undefined ? {} : { cause }),
    });
  for (const [key, value] of Object.entries(thresholds ?? {}))
    if (!Number.isInteger(value) || (value as number) < 0)
      throw problem(`the ${key} threshold must be a whole number ≥ 0, got ${String(value)}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // `gh attestation trusted-root` prints JSON Lines, one root per instance.
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    const isJsonLines = lines.length > 1 && lines.every((line) => isJson(line));
    throw problem(
      isJsonLines ? `holds ${lines.length} trusted roots (JSON Lines), not one: pick the line of your instance` : "is not JSON",
      error,
    );
  }
  const root: TrustRoot = { name: file, trustedRoot: document, thresholds: thresholds ?? { tlog: 0, ctlog: 0, timestamp: 1 } };
  let material: TrustMaterial;
  try {
    material = trustMaterial(root);
  } catch (error) {
    throw problem(`is not a Sigstore trusted root: ${getErrorMessage(error)}`, error);
  }
  if (thresholds === undefined)
    root.thresholds = { tlog: material.tlogs.length > 0 ? 1 : 0, ctlog: material.ctlogs.length > 0 ? 1 : 0, timestamp: 1 };
  return root;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
