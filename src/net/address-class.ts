/**
 * IP addresses as numbers, and which of them are internal: loopback, link-local (cloud metadata
 * included), private, unspecified, carrier-grade NAT, multicast and reserved ranges, in IPv4 and
 * IPv6, with IPv4-mapped (`::ffff:127.0.0.1`), IPv4-compatible (`::127.0.0.1`), NAT64
 * (`64:ff9b::7f00:1`), 6to4 and Teredo forms judged by the IPv4 address they carry. Everything else
 * is public.
 */
import { isIP } from "node:net";

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** Why an address is internal. */
export type AddressClass = "loopback" | "link-local" | "private" | "unspecified" | "shared" | "multicast" | "reserved";

/** The address class in words, with its article: "a loopback address". */
const CLASS_WORDS: Record<AddressClass, string> = {
  loopback: "a loopback address",
  "link-local": "a link-local address",
  private: "a private address",
  unspecified: "an unspecified address",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

/** Where cloud providers serve instance metadata (and credentials): named in messages. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "fd00:ec2::254"]);

/** Parses an IPv4 or IPv6 address (IPv6 without brackets; a zone such as `%eth0` is dropped); undefined if it is none. */
export function parseIp(address: string): IpAddress | undefined {
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return { family: 4, value: ipv4Value(bare) };
  if (family !== 6) return undefined;
  let text = bare;
  let tail: bigint[] = [];
  // A trailing dotted IPv4 part (`::ffff:1.2.3.4`) is the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const v4 = ipv4Value(dotted[1]!);
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, dotted.index);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const groups = (part: string): bigint[] => (part === "" ? [] : part.split(":").map((group) => BigInt(`0x${group}`)));
  const compressed = text.includes("::");
  const [left, right] = compressed ? text.split("::") : [text, ""];
  const before = groups(left!);
  const after = [...groups(right!), ...tail];
  const all = compressed ? [...before, ...Array<bigint>(8 - before.length - after.length).fill(0n), ...after] : [...before, ...after];
  return { family: 6, value: all.reduce((sum, group) => (sum << 16n) | group, 0n) };
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((sum, octet) => (sum << 8n) | BigInt(Number(octet)), 0n);
}

/** The address in its usual text form (IPv6 compressed, as `URL` writes it). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join(".");
  const groups = [...Array(8).keys()].map((index) => ((ip.value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16));
  return new URL(`http://[${groups.join(":")}]/`).hostname.slice(1, -1);
}

/**
 * The IPv4 address an IPv6 address carries, by the translation and tunnelling schemes that reach it:
 * IPv4-mapped (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64
 * (`64:ff9b::/96` and the local-use `64:ff9b:1::/48`), 6to4 (`2002:AABB:CCDD::/48`) and Teredo
 * (`2001:0::/32`, the client's address stored inverted in the last 32 bits).
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6) return undefined;
  const prefix = ip.value >> 32n;
  const low = ip.value & 0xffffffffn;
  if (prefix === 0xffffn || prefix === 0xffff0000n) return { family: 4, value: low }; // ::ffff:a.b.c.d, ::ffff:0:a.b.c.d
  if (prefix === 0x0064ff9b0000000000000000n || ip.value >> 80n === 0x0064ff9b0001n) return { family: 4, value: low }; // NAT64
  if (prefix === 0n && low > 1n) return { family: 4, value: low }; // ::a.b.c.d (not :: or ::1)
  if (ip.value >> 112n === 0x2002n) return { family: 4, value: (ip.value >> 80n) & 0xffffffffn }; // 6to4
  if (ip.value >> 96n === 0x20010000n) return { family: 4, value: ~low & 0xffffffffn }; // Teredo
  return undefined;
}

/** The IPv4 address of an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else the address itself: the form allowlist entries compare. */
export function unmapIp(ip: IpAddress): IpAddress {
  return ip.family === 6 && ip.value >> 32n === 0xffffn ? { family: 4, value: ip.value & 0xffffffffn } : ip;
}

/** Whether `ip` lies in `base/prefix` (of the same family). */
export function inRange(ip: IpAddress, base: IpAddress, prefix: number): boolean {
  if (ip.family !== base.family) return false;
  const bits = BigInt(ip.family === 4 ? 32 : 128);
  const shift = bits - BigInt(prefix);
  return ip.value >> shift === base.value >> shift;
}

const V4_RANGES: [string, number, AddressClass][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const V6_RANGES: [string, number, AddressClass][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "reserved"],
  ["2001:db8::", 32, "reserved"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "private"],
  ["fc00::", 7, "private"],
  ["ff00::", 8, "multicast"],
];
const RANGES = [...V4_RANGES, ...V6_RANGES].map(([base, prefix, kind]) => ({ base: parseIp(base)!, prefix, kind }));

/** Why `address` is internal, or undefined for a public address. Text that is no address is "reserved": nothing unknown is connected to. */
export function classifyAddress(address: string): AddressClass | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return "reserved";
  const judged = embeddedIpv4(ip) ?? ip;
  return RANGES.find((range) => inRange(judged, range.base, range.prefix))?.kind;
}

/** "127.0.0.1 is a loopback address", "::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)". */
export function describeAddress(address: string, kind: AddressClass): string {
  const ip = parseIp(address);
  const embedded = ip === undefined ? undefined : embeddedIpv4(ip);
  const carried = embedded === undefined ? "" : ` (it carries the IPv4 address ${formatIp(embedded)})`;
  const metadata =
    METADATA_ADDRESSES.has(address) || (embedded !== undefined && METADATA_ADDRESSES.has(formatIp(embedded)))
      ? ", where cloud providers serve instance metadata and credentials"
      : "";
  return `${address} is ${CLASS_WORDS[kind]}${carried}${metadata}`;
}
