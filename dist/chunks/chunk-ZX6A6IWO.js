import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/net/address-class.ts
import { isIP } from "node:net";
var CLASS_WORDS = {
  loopback: "a loopback address",
  "link-local": "a link-local address",
  private: "a private address",
  unspecified: "an unspecified address",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  multicast: "a multicast address",
  reserved: "a reserved address"
};
var METADATA_ADDRESSES = /* @__PURE__ */ new Set(["169.254.169.254", "fd00:ec2::254"]);
function parseIp(address) {
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return { family: 4, value: ipv4Value(bare) };
  if (family !== 6) return void 0;
  let text = bare;
  let tail = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const v4 = ipv4Value(dotted[1]);
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, dotted.index);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const groups = (part) => part === "" ? [] : part.split(":").map((group) => BigInt(`0x${group}`));
  const compressed = text.includes("::");
  const [left, right] = compressed ? text.split("::") : [text, ""];
  const before = groups(left);
  const after = [...groups(right), ...tail];
  const all = compressed ? [...before, ...Array(8 - before.length - after.length).fill(0n), ...after] : [...before, ...after];
  return { family: 6, value: all.reduce((sum, group) => sum << 16n | group, 0n) };
}
function ipv4Value(text) {
  return text.split(".").reduce((sum, octet) => sum << 8n | BigInt(Number(octet)), 0n);
}
function formatIp(ip) {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String(ip.value >> shift & 0xffn)).join(".");
  const groups = [...Array(8).keys()].map((index) => (ip.value >> BigInt(112 - 16 * index) & 0xffffn).toString(16));
  return new URL(`http://[${groups.join(":")}]/`).hostname.slice(1, -1);
}
function embeddedIpv4(ip) {
  if (ip.family !== 6) return void 0;
  const prefix = ip.value >> 32n;
  const low = ip.value & 0xffffffffn;
  if (prefix === 0xffffn || prefix === 0xffff0000n) return { family: 4, value: low };
  if (prefix === 0x0064ff9b0000000000000000n || ip.value >> 80n === 0x0064ff9b0001n) return { family: 4, value: low };
  if (prefix === 0n && low > 1n) return { family: 4, value: low };
  if (ip.value >> 112n === 0x2002n) return { family: 4, value: ip.value >> 80n & 0xffffffffn };
  if (ip.value >> 96n === 0x20010000n) return { family: 4, value: ~low & 0xffffffffn };
  return void 0;
}
function unmapIp(ip) {
  return ip.family === 6 && ip.value >> 32n === 0xffffn ? { family: 4, value: ip.value & 0xffffffffn } : ip;
}
function inRange(ip, base, prefix) {
  if (ip.family !== base.family) return false;
  const bits = BigInt(ip.family === 4 ? 32 : 128);
  const shift = bits - BigInt(prefix);
  return ip.value >> shift === base.value >> shift;
}
var V4_RANGES = [
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
  ["240.0.0.0", 4, "reserved"]
];
var V6_RANGES = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "reserved"],
  ["2001:db8::", 32, "reserved"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "private"],
  ["fc00::", 7, "private"],
  ["ff00::", 8, "multicast"]
];
var RANGES = [...V4_RANGES, ...V6_RANGES].map(([base, prefix, kind]) => ({ base: parseIp(base), prefix, kind }));
function classifyAddress(address) {
  const ip = parseIp(address);
  if (ip === void 0) return "reserved";
  const judged = embeddedIpv4(ip) ?? ip;
  return RANGES.find((range) => inRange(judged, range.base, range.prefix))?.kind;
}
function describeAddress(address, kind) {
  const ip = parseIp(address);
  const embedded = ip === void 0 ? void 0 : embeddedIpv4(ip);
  const carried = embedded === void 0 ? "" : ` (it carries the IPv4 address ${formatIp(embedded)})`;
  const metadata = METADATA_ADDRESSES.has(address) || embedded !== void 0 && METADATA_ADDRESSES.has(formatIp(embedded)) ? ", where cloud providers serve instance metadata and credentials" : "";
  return `${address} is ${CLASS_WORDS[kind]}${carried}${metadata}`;
}

// src/net/allow-internal.ts
import { isIP as isIP2 } from "node:net";
var ALLOW_INTERNAL_ENV = "MODELSHIP_ALLOW_INTERNAL";
var ALLOW_INTERNAL_KEY = "network.allow_internal";
var NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
var AllowList = class _AllowList {
  #entries;
  /** The entries as written, for messages. */
  written;
  constructor(entries, written) {
    this.#entries = entries;
    this.written = written;
  }
  /** No internal source allowed. */
  static NONE = new _AllowList([], []);
  /** Parses entries; UserError naming the source for one that is no host name, host:port, IP address or CIDR range. */
  static parse(...sources) {
    const entries = [];
    const written = [];
    for (const source of sources) {
      source.entries.forEach((text, index) => {
        const trimmed = text.trim();
        const entry = parseEntry(trimmed);
        if (entry === void 0) {
          throw new UserError(`${source.source}: ${JSON.stringify(text)} is not a host name, host:port, IP address or CIDR range`, {
            ...source.file === void 0 ? {} : { file: source.file },
            ...source.pointer === void 0 ? {} : { pointer: `${source.pointer}/${index}` },
            hint: 'write entries such as "prometheus.monitoring:9090", "10.0.4.7", "127.0.0.1:8080", "[::1]:8080" or "10.0.0.0/8" (an IPv6 address that ends in a port-like group in brackets, a range without host bits)'
          });
        }
        entries.push(entry);
        written.push(trimmed);
      });
    }
    return new _AllowList(entries, written);
  }
  /** This list with more entries (already known to be well-formed, e.g. GITHUB_API_URL's host and port). */
  with(...texts) {
    const added = texts.map((text) => parseEntry(text.trim()));
    if (added.some((entry) => entry === void 0)) throw new Error(`not an allowlist entry: ${texts.join(", ")}`);
    return new _AllowList([...this.#entries, ...added], [...this.written, ...texts]);
  }
  /** Whether a connection to `destination` is allowed by an entry. */
  allows(destination) {
    const host = normalizeName(destination.host);
    const address = parseIp(destination.address);
    const connected = address === void 0 ? void 0 : unmapIp(address);
    return this.#entries.some((entry) => {
      switch (entry.kind) {
        case "name":
          return isIP2(host) === 0 && entry.name === host && (entry.port === void 0 || entry.port === destination.port);
        case "address":
          return connected !== void 0 && connected.family === entry.ip.family && connected.value === entry.ip.value && (entry.port === void 0 || entry.port === destination.port);
        case "range":
          return connected !== void 0 && inRange(connected, entry.base, entry.prefix);
      }
    });
  }
  /**
   * Whether an entry names the URL's host itself (before anything is resolved): a name entry for a
   * host name, an address or range entry for an IP-literal host, on the URL's port. Plain http
   * downloads of drift data go only to such hosts.
   */
  namesHost(url) {
    const host = hostOf(url);
    return this.allows({ host, port: portOf(url), address: isIP2(host) === 0 ? "" : host });
  }
};
function hostOf(url) {
  return normalizeName(url.hostname.replace(/^\[(.*)\]$/, "$1"));
}
function portOf(url) {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}
function allowEntryFor(url) {
  const host = hostOf(url);
  return `${isIP2(host) === 6 ? `[${host}]` : host}:${portOf(url)}`;
}
function normalizeName(host) {
  return host.toLowerCase().replace(/\.$/, "");
}
function parsePort(text) {
  if (!/^\d{1,5}$/.test(text)) return void 0;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : void 0;
}
function parseEntry(text) {
  if (text === "") return void 0;
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const base = parseIp(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (base === void 0 || !/^\d{1,3}$/.test(prefixText) || text.includes("%")) return void 0;
    const prefix = Number(prefixText);
    const bits = base.family === 4 ? 32 : 128;
    if (prefix > bits) return void 0;
    if ((base.value & (1n << BigInt(bits - prefix)) - 1n) !== 0n) return void 0;
    return { kind: "range", base, prefix };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed !== null) {
    const ip = isIP2(bracketed[1]) === 6 ? parseIp(bracketed[1]) : void 0;
    const port2 = bracketed[2] === void 0 ? void 0 : parsePort(bracketed[2]);
    if (ip === void 0 || bracketed[2] !== void 0 && port2 === void 0) return void 0;
    return { kind: "address", ip: unmapIp(ip), ...port2 === void 0 ? {} : { port: port2 } };
  }
  if (isIP2(text) === 4) return { kind: "address", ip: parseIp(text) };
  if (isIP2(text) === 6) return text.includes("%") || ambiguousPort(text) ? void 0 : { kind: "address", ip: unmapIp(parseIp(text)) };
  const colon = text.lastIndexOf(":");
  let host = text;
  let port;
  if (colon >= 0) {
    port = parsePort(text.slice(colon + 1));
    if (port === void 0) return void 0;
    host = text.slice(0, colon);
  }
  if (isIP2(host) === 4) return { kind: "address", ip: parseIp(host), ...port === void 0 ? {} : { port } };
  const name = normalizeName(host);
  if (!NAME.test(name) || !sameHostInUrl(name)) return void 0;
  return { kind: "name", name, ...port === void 0 ? {} : { port } };
}
function ambiguousPort(text) {
  const colon = text.lastIndexOf(":");
  return /^\d{2,5}$/.test(text.slice(colon + 1)) && isIP2(text.slice(0, colon)) === 6;
}
function sameHostInUrl(name) {
  try {
    return new URL(`http://${name}/`).hostname === name;
  } catch {
    return false;
  }
}
function splitAllowEnv(value) {
  return (value ?? "").split(/[,\n]/).map((entry) => entry.trim()).filter((entry) => entry !== "");
}

export {
  classifyAddress,
  describeAddress,
  ALLOW_INTERNAL_ENV,
  ALLOW_INTERNAL_KEY,
  AllowList,
  hostOf,
  portOf,
  allowEntryFor,
  splitAllowEnv
};
