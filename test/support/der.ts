/**
 * Just enough DER to build X.509 certificates in tests (test/support/sigstore.ts): tag-length-value
 * encoding in its canonical form, the few universal types a certificate uses, and a certificate
 * signed with ECDSA P-256 over SHA-256. Node's crypto signs; nothing here verifies.
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";

/** One tag-length-value with the shortest length form, as DER requires. */
export function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
export const octetString = (content: Buffer): Buffer => tlv(0x04, content);
export const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, "utf8"));
export const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
/** A BIT STRING of whole bytes, or of `unusedBits` fewer (key usage flags). */
export const bitString = (content: Buffer, unusedBits = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
/** `[n] EXPLICIT`, constructed and context-specific. */
export const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);

/** A non-negative INTEGER in its shortest two's-complement form. */
export function integer(value: bigint | number): Buffer {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let bytes = Buffer.from(hex, "hex");
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift((value % 128) | (groups.length === 0 ? 0 : 0x80));
      if (value < 128) break;
    }
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, to the second (RFC 5280). */
export function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

/** A distinguished name of an organization and a common name. */
export function name(organization: string, commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier("2.5.4.10"), utf8String(organization))),
    set(sequence(objectIdentifier("2.5.4.3"), utf8String(commonName))),
  );
}

/** An X.509 extension; its value is DER already (wrapped in the extnValue OCTET STRING here). */
export function extension(oid: string, value: Buffer, critical = false): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

/** An ECDSA P-256 private key derived from `seed`, so the same seed gives the same key on every run. */
export function keyFromSeed(seed: string): KeyObject {
  const scalar = (BigInt(`0x${createHash("sha256").update(seed).digest("hex")}`) % (P256_ORDER - 1n)) + 1n;
  // SEC1 ECPrivateKey without the public point: OpenSSL derives it.
  const sec1 = sequence(
    integer(1),
    octetString(Buffer.from(scalar.toString(16).padStart(64, "0"), "hex")),
    explicit(0, objectIdentifier("1.2.840.10045.3.1.7")),
  );
  return createPrivateKey({ key: sec1, format: "der", type: "sec1" });
}

/** The DER SubjectPublicKeyInfo of a key (its public half). */
export function spki(key: KeyObject): Buffer {
  return createPublicKey(key).export({ format: "der", type: "spki" });
}

const ECDSA_WITH_SHA256 = sequence(objectIdentifier("1.2.840.10045.4.3.2"));

/** What goes into a certificate. */
export interface CertificateFields {
  serial: bigint;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** The key the certificate certifies (its public half is used). */
  subjectKey: KeyObject;
  extensions: Buffer[];
}

/** The to-be-signed part of a v3 certificate. */
export function tbsCertificate(fields: CertificateFields): Buffer {
  return sequence(
    explicit(0, integer(2)),
    integer(fields.serial),
    ECDSA_WITH_SHA256,
    fields.issuer,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    fields.subject,
    spki(fields.subjectKey),
    explicit(3, sequence(...fields.extensions)),
  );
}

/** A certificate: `tbs` signed by `issuerKey`. */
export function signCertificate(tbs: Buffer, issuerKey: KeyObject): Buffer {
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(sign("sha256", tbs, issuerKey)));
}
