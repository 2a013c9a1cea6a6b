/**
 * A Sigstore instance of our own for tests, which can reach neither GitHub nor Sigstore: a Fulcio-like
 * CA (root and intermediate) that issues GitHub Actions signing certificates with their extensions and
 * an embedded SCT from a CT log, and a Rekor-like transparency log that logs each DSSE attestation with
 * a signed entry timestamp and an inclusion proof under a signed checkpoint. `sign` makes the v0.3
 * bundle `actions/attest-build-provenance` would upload for a model file; options bend any part of it.
 * Keys come from a seed, so a root is the same on every run (ECDSA signatures still differ).
 */
import { createHash, sign as signBytes, type KeyObject } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { dsse, json } from "@sigstore/core";
import type { ProvenanceIdentity } from "../../src/registry/provenance-identity.ts";
import type { TrustRoot, TrustThresholds } from "../../src/registry/trust-roots.ts";
import {
  bitString,
  boolean,
  extension,
  integer,
  keyFromSeed,
  name,
  objectIdentifier,
  octetString,
  sequence,
  signCertificate,
  spki,
  tbsCertificate,
  tlv,
  utf8String,
} from "./der.ts";

/** The identity `sign` signs as unless told otherwise, and the one tests expect. */
export const TEST_IDENTITY: ProvenanceIdentity = {
  server: "https://github.com",
  repository: "acme/churn-model",
  workflow: ".github/workflows/model.yml",
  ref: "refs/heads/main",
  events: ["push"],
  issuer: "https://token.actions.githubusercontent.com",
};

/** When `sign` logs an entry unless told otherwise. */
export const SIGNED_AT = new Date("2025-06-02T10:00:00Z");

export interface SignOptions {
  /** The model's digest: `sha256:<hex>` or hex. */
  digest: string;
  /** More subjects of the same statement, as the action writes for several paths (e.g. manifest.json); digests as `digest`. */
  moreSubjects?: { name: string; digest: string }[];
  server?: string;
  repository?: string;
  workflow?: string;
  ref?: string;
  event?: string;
  issuer?: string;
  /** Which issuer extensions the certificate has: v1 (1.1, raw bytes), v2 (1.8, a DER string) or both (default, as Fulcio writes). */
  issuerExtensions?: "v1" | "v2" | "both";
  /** `OWNER/REPO/.github/workflows/FILE` that ran `attest` (the SAN); default the top-level workflow. */
  signerWorkflow?: string;
  /** The log's integrated time (and so the verified signing time). */
  signedAt?: Date;
  /** The leaf certificate's validity; default 30 s before `signedAt` for 10 minutes. */
  notBefore?: Date;
  notAfter?: Date;
  payloadType?: string;
  statementType?: string;
  predicateType?: string;
  /** Log the attestation (default true); false leaves the bundle without a tlog entry. */
  tlog?: boolean;
  /** Embed an SCT in the certificate (default true). */
  sct?: boolean;
  /** Sign with a key other than the certificate's (the log then records that signature as is). */
  wrongKey?: boolean;
}

export interface TestTrustRoot {
  /** The `trusted_root.json` document. */
  trustedRootJson: Record<string, unknown>;
  /** For `verifyProvenance`: a tlog entry, an SCT and a verified time, like the public-good root. */
  trustRoot: TrustRoot;
  /** A bundle (JSON, v0.3, DSSE) of an in-toto statement with a SLSA v1 predicate about `digest`. */
  sign(options: SignOptions): Record<string, unknown>;
  /** Writes `trustedRootJson` to `path` (stage-level tests point their config at it). */
  writeTrustedRoot(path: string): Promise<void>;
}

const FULCIO = "1.3.6.1.4.1.57264.1";
const SCT_OID = "1.3.6.1.4.1.11129.2.4.2";
const VALID_FROM = new Date("2024-01-01T00:00:00Z");
const VALID_UNTIL = new Date("2034-01-01T00:00:00Z");
const KEY_DETAILS = "PKIX_ECDSA_P256_SHA_256";
const sha256 = (...parts: (Buffer | string)[]): Buffer => parts.reduce((hash, part) => hash.update(part), createHash("sha256")).digest();
const b64 = (bytes: Buffer): string => bytes.toString("base64");

/** RFC 6962 Merkle tree hash of `leaves` (already leaf-hashed). */
function treeHash(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!;
  const split = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return sha256(Buffer.from([1]), treeHash(leaves.slice(0, split)), treeHash(leaves.slice(split)));
}

/** RFC 6962 audit path of leaf `index`, lowest level first. */
function auditPath(index: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length === 1) return [];
  const split = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return index < split
    ? [...auditPath(index, leaves.slice(0, split)), treeHash(leaves.slice(split))]
    : [...auditPath(index - split, leaves.slice(split)), treeHash(leaves.slice(0, split))];
}

/** A log instance as a trusted root lists one. */
function logInstance(baseUrl: string, key: KeyObject): Record<string, unknown> {
  return {
    baseUrl,
    hashAlgorithm: "SHA2_256",
    publicKey: { rawBytes: b64(spki(key)), keyDetails: KEY_DETAILS, validFor: { start: VALID_FROM.toISOString() } },
    logId: { keyId: b64(sha256(spki(key))) },
  };
}

/**
 * A trust root of our own. Two with different seeds share every name (the CA's subject included) but
 * no key, so one stands for an attacker's look-alike of the other.
 */
export function makeTestTrustRoot(options: { seed?: string; name?: string; thresholds?: TrustThresholds } = {}): TestTrustRoot {
  const seed = options.seed ?? "modelship-test";
  const rootKey = keyFromSeed(`${seed}/root`);
  const intermediateKey = keyFromSeed(`${seed}/intermediate`);
  const rekorKey = keyFromSeed(`${seed}/rekor`);
  const ctKey = keyFromSeed(`${seed}/ctlog`);
  const rootName = name("modelship test", "modelship test root");
  const intermediateName = name("modelship test", "modelship test intermediate");
  const caExtensions = (pathLength?: number): Buffer[] => [
    extension("2.5.29.15", bitString(Buffer.from([0x06]), 1), true), // keyCertSign, cRLSign
    extension("2.5.29.19", sequence(boolean(true), ...(pathLength === undefined ? [] : [integer(pathLength)])), true),
  ];
  const caFields = { notBefore: VALID_FROM, notAfter: VALID_UNTIL };
  const rootCertificate = signCertificate(
    tbsCertificate({ ...caFields, serial: 1n, issuer: rootName, subject: rootName, subjectKey: rootKey, extensions: caExtensions(1) }),
    rootKey,
  );
  const intermediateCertificate = signCertificate(
    tbsCertificate({
      ...caFields,
      serial: 2n,
      issuer: rootName,
      subject: intermediateName,
      subjectKey: intermediateKey,
      extensions: caExtensions(0),
    }),
    rootKey,
  );
  const trustedRootJson: Record<string, unknown> = {
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    tlogs: [logInstance("https://rekor.modelship.test", rekorKey)],
    certificateAuthorities: [
      {
        subject: { organization: "modelship test", commonName: "modelship test root" },
        uri: "https://fulcio.modelship.test",
        certChain: { certificates: [{ rawBytes: b64(intermediateCertificate) }, { rawBytes: b64(rootCertificate) }] },
        validFor: { start: VALID_FROM.toISOString() },
      },
    ],
    ctlogs: [logInstance("https://ctfe.modelship.test", ctKey)],
    timestampAuthorities: [],
  };
  let serial = 100n;
  let logIndex = 41;

  /** A Fulcio-like leaf for `key` with the GitHub Actions claims, and an SCT unless told not to. */
  const leafCertificate = (
    key: KeyObject,
    claims: Required<Pick<SignOptions, "server" | "repository" | "workflow" | "ref" | "event" | "issuer">> & SignOptions,
  ): Buffer => {
    const signedAt = claims.signedAt ?? SIGNED_AT;
    const notBefore = claims.notBefore ?? new Date(signedAt.getTime() - 30_000);
    const notAfter = claims.notAfter ?? new Date(notBefore.getTime() + 600_000);
    const repositoryUri = `${claims.server}/${claims.repository}`;
    const signer = `${claims.server}/${claims.signerWorkflow ?? `${claims.repository}/${claims.workflow}`}@${claims.ref}`;
    const fulcio = (arc: number, value: string): Buffer => extension(`${FULCIO}.${arc}`, utf8String(value));
    const extensions = [
      extension("2.5.29.15", bitString(Buffer.from([0x80]), 7), true), // digitalSignature
      extension("2.5.29.37", sequence(objectIdentifier("1.3.6.1.5.5.7.3.3"))), // codeSigning
      extension("2.5.29.17", sequence(tlv(0x86, Buffer.from(signer))), true),
      ...(claims.issuerExtensions === "v2" ? [] : [extension(`${FULCIO}.1`, Buffer.from(claims.issuer))]),
      ...(claims.issuerExtensions === "v1" ? [] : [fulcio(8, claims.issuer)]),
      fulcio(9, signer),
      fulcio(12, repositoryUri),
      fulcio(14, claims.ref),
      fulcio(18, `${repositoryUri}/${claims.workflow}@${claims.ref}`),
      fulcio(20, claims.event),
    ];
    serial += 1n;
    const fields = { serial, issuer: intermediateName, subject: sequence(), notBefore, notAfter, subjectKey: key };
    if (claims.sct !== false) {
      // RFC 6962 §3.2: the log signs the precertificate, the TBS without the SCT list, keyed by its issuer's key hash.
      const precertificate = tbsCertificate({ ...fields, extensions });
      const timestamp = Buffer.alloc(8);
      timestamp.writeBigUInt64BE(BigInt(notBefore.getTime()));
      const length = Buffer.alloc(3);
      length.writeUIntBE(precertificate.length, 0, 3);
      const signed = Buffer.concat([
        Buffer.from([0, 0]),
        timestamp,
        Buffer.from([0, 1]),
        sha256(spki(intermediateKey)),
        length,
        precertificate,
        Buffer.from([0, 0]),
      ]);
      const signature = signBytes("sha256", signed, ctKey);
      const sct = Buffer.concat([
        Buffer.from([0]),
        sha256(spki(ctKey)),
        timestamp,
        Buffer.from([0, 0, 4, 3]),
        uint16(signature.length),
        signature,
      ]);
      const list = Buffer.concat([uint16(sct.length + 2), uint16(sct.length), sct]);
      extensions.push(extension(SCT_OID, octetString(list)));
    }
    return signCertificate(tbsCertificate({ ...fields, extensions }), intermediateKey);
  };

  /** A dsse 0.0.1 entry for the envelope, with its SET and its inclusion proof in a small tree. */
  const tlogEntry = (
    envelope: { payload: Buffer; signature: Buffer; certificate: Buffer; json: Record<string, unknown> },
    signedAt: Date,
  ): Record<string, unknown> => {
    const pem = `-----BEGIN CERTIFICATE-----\n${b64(envelope.certificate).replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
    const body = Buffer.from(
      json.canonicalize({
        apiVersion: "0.0.1",
        kind: "dsse",
        spec: {
          // Rekor hashes the envelope as submitted; verifiers compare only the payload hash and the signature.
          envelopeHash: { algorithm: "sha256", value: sha256(JSON.stringify(envelope.json)).toString("hex") },
          payloadHash: { algorithm: "sha256", value: sha256(envelope.payload).toString("hex") },
          signatures: [{ signature: b64(envelope.signature), verifier: b64(Buffer.from(pem)) }],
        },
      }),
    );
    logIndex += 1;
    const logId = sha256(spki(rekorKey));
    const integratedTime = Math.floor(signedAt.getTime() / 1000);
    const set = signBytes(
      "sha256",
      Buffer.from(json.canonicalize({ body: b64(body), integratedTime, logID: logId.toString("hex"), logIndex })),
      rekorKey,
    );
    // Our entry among others in a tree of 7, so the proof has inner and border hashes.
    const leaves = Array.from({ length: 7 }, (_, i) => sha256(Buffer.from([0]), i === 5 ? body : `other entry ${i}`));
    const rootHash = treeHash(leaves);
    const note = `rekor.modelship.test - 1\n7\n${b64(rootHash)}\n`;
    const noteSignature = signBytes("sha256", Buffer.from(note), rekorKey);
    return {
      logIndex: String(logIndex),
      logId: { keyId: b64(logId) },
      kindVersion: { kind: "dsse", version: "0.0.1" },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: b64(set) },
      inclusionProof: {
        logIndex: "5",
        rootHash: b64(rootHash),
        treeSize: "7",
        hashes: auditPath(5, leaves).map(b64),
        checkpoint: { envelope: `${note}\n\u2014 rekor.modelship.test ${b64(Buffer.concat([logId.subarray(0, 4), noteSignature]))}\n` },
      },
      canonicalizedBody: b64(body),
    };
  };

  const sign = (options: SignOptions): Record<string, unknown> => {
    const claims = {
      ...options,
      server: options.server ?? TEST_IDENTITY.server,
      repository: options.repository ?? TEST_IDENTITY.repository,
      workflow: options.workflow ?? TEST_IDENTITY.workflow,
      ref: options.ref ?? TEST_IDENTITY.ref,
      event: options.event ?? TEST_IDENTITY.events[0]!,
      issuer: options.issuer ?? TEST_IDENTITY.issuer,
    };
    const hex = options.digest.replace(/^sha256:/, "");
    const statement = {
      _type: options.statementType ?? "https://in-toto.io/Statement/v1",
      subject: [{ name: "model.onnx", digest: hex }, ...(options.moreSubjects ?? [])].map(({ name, digest }) => ({
        name,
        digest: { sha256: digest.replace(/^sha256:/, "") },
      })),
      predicateType: options.predicateType ?? "https://slsa.dev/provenance/v1",
      predicate: {
        buildDefinition: {
          buildType: "https://actions.github.io/buildtypes/workflow/v1",
          externalParameters: { workflow: { ref: claims.ref, repository: `${claims.server}/${claims.repository}`, path: claims.workflow } },
        },
        runDetails: { builder: { id: "https://github.com/actions/runner/github-hosted" } },
      },
    };
    const payload = Buffer.from(JSON.stringify(statement));
    const payloadType = options.payloadType ?? "application/vnd.in-toto+json";
    const leafKey = keyFromSeed(`${seed}/leaf/${serial}`);
    const certificate = leafCertificate(leafKey, claims);
    const signature = signBytes(
      "sha256",
      dsse.preAuthEncoding(payloadType, payload),
      options.wrongKey === true ? keyFromSeed(`${seed}/other`) : leafKey,
    );
    const dsseEnvelope = { payload: b64(payload), payloadType, signatures: [{ sig: b64(signature), keyid: "" }] };
    return {
      mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
      verificationMaterial: {
        certificate: { rawBytes: b64(certificate) },
        tlogEntries:
          options.tlog === false ? [] : [tlogEntry({ payload, signature, certificate, json: dsseEnvelope }, options.signedAt ?? SIGNED_AT)],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope,
    };
  };

  return {
    trustedRootJson,
    trustRoot: {
      name: options.name ?? seed,
      trustedRoot: trustedRootJson,
      thresholds: options.thresholds ?? { tlog: 1, ctlog: 1, timestamp: 1 },
    },
    sign,
    writeTrustedRoot: (path) => writeFile(path, `${JSON.stringify(trustedRootJson, null, 2)}\n`),
  };
}

function uint16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}
