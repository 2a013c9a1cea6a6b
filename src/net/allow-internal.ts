/**
 * The internal sources a run may contact: modelship.yaml's `network.allow_internal` and the
 * `MODELSHIP_ALLOW_INTERNAL` environment variable, one list. An entry is
 *
 * - a host name (`prometheus.monitoring`): requests to that name, on any port, whatever it
 *   resolves to — the name is trusted, so name only what you control;
 * - `host:port` (`prometheus.monitoring:9090`): that name on that port only;
 * - an IP address (`10.0.4.7`, `::1`), or `address:port` (`127.0.0.1:8080`, `[::1]:8080`): a
 *   connection to that address (on that port);
 * - a CIDR range (`10.0.0.0/8`, `fd00::/8`): a connection to any address in it, on any port.
 *
 * Addresses are compared as connected, so an IPv4-mapped IPv6 address (`::ffff:10.0.4.7`) matches
 * the IPv4 entry.
 */
import { isIP } from "node:net";
import { UserError } from "../common/errors.ts";
import { inRange, parseIp, unmapIp, type IpAddress } from "./address-class.ts";

/** The environment variable that adds entries (comma- or newline-separated). */
export const ALLOW_INTERNAL_ENV = "MODELSHIP_ALLOW_INTERNAL";
/** Where modelship.yaml holds the entries. */
export const ALLOW_INTERNAL_KEY = "network.allow_internal";

type AllowEntry =
  | { kind: "name"; name: string; port?: number }
  | { kind: "address"; ip: IpAddress; port?: number }
  | { kind: "range"; base: IpAddress; prefix: number };

/** Where a request goes: the URL's host (a name or an IP literal, without brackets) and port, and the address it connects to. */
export interface Destination {
  host: string;
  port: number;
  /** The connected address; for an IP-literal host, the host itself. */
  address: string;
}

/** Entries as written, with where they were written (for the message when one is malformed). */
export interface AllowSource {
  entries: readonly string[];
  /** e.g. "modelship.yaml network.allow_internal" or "MODELSHIP_ALLOW_INTERNAL". */
  source: string;
  /** The file the entries are in, and the JSON pointer of the list, when they come from one. */
  file?: string;
  pointer?: string;
}

const NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** The list of internal sources that may be contacted. Empty: none. */
export class AllowList {
  readonly #entries: readonly AllowEntry[];
  /** The entries as written, for messages. */
  readonly written: readonly string[];

  private constructor(entries: readonly AllowEntry[], written: readonly string[]) {
    this.#entries = entries;
    this.written = written;
  }

  /** No internal source allowed. */
  static readonly NONE = new AllowList([], []);

  /** Parses entries; UserError naming the source for one that is no host name, host:port, IP address or CIDR range. */
  static parse(...sources: AllowSource[]): AllowList {
    const entries: AllowEntry[] = [];
    const written: string[] = [];
    for (const source of sources) {
      source.entries.forEach((text, index) => {
        const trimmed = text.trim();
        const entry = parseEntry(trimmed);
        if (entry === undefined) {
          throw new UserError(`${source.source}: ${JSON.stringify(text)} is not a host name, host:port, IP address or CIDR range`, {
            ...(source.file === undefined ? {} : { file: source.file }),
            ...(source.pointer === undefined ? {} : { pointer: `${source.pointer}/${index}` }),
            hint: 'write entries such as "prometheus.monitoring:9090", "10.0.4.7", "127.0.0.1:8080", "[::1]:8080" or "10.0.0.0/8" (an IPv6 address that ends in a port-like group in brackets, a range without host bits)',
          });
        }
        entries.push(entry);
        written.push(trimmed);
      });
    }
    return new AllowList(entries, written);
  }

  /** This list with more entries (already known to be well-formed, e.g. GITHUB_API_URL's host and port). */
  with(...texts: string[]): AllowList {
    const added = texts.map((text) => parseEntry(text.trim()));
    if (added.some((entry) => entry === undefined)) throw new Error(`not an allowlist entry: ${texts.join(", ")}`);
    return new AllowList([...this.#entries, ...(added as AllowEntry[])], [...this.written, ...texts]);
  }

  /** Whether a connection to `destination` is allowed by an entry. */
  allows(destination: Destination): boolean {
    const host = normalizeName(destination.host);
    const address = parseIp(destination.address);
    const connected = address === undefined ? undefined : unmapIp(address);
    return this.#entries.some((entry) => {
      switch (entry.kind) {
        case "name":
          return isIP(host) === 0 && entry.name === host && (entry.port === undefined || entry.port === destination.port);
        case "address":
          return (
            connected !== undefined &&
            connected.family === entry.ip.family &&
            connected.value === entry.ip.value &&
            (entry.port === undefined || entry.port === destination.port)
          );
        case "range":
          return connected !== undefined && inRange(connected, entry.base, entry.prefix);
      }
    });
  }

  /**
   * Whether an entry names the URL's host itself (before anything is resolved): a name entry for a
   * host name, an address or range entry for an IP-literal host, on the URL's port. Plain http
   * downloads of drift data go only to such hosts.
   */
  namesHost(url: URL): boolean {
    const host = hostOf(url);
    return this.allows({ host, port: portOf(url), address: isIP(host) === 0 ? "" : host });
  }
}

/** A URL's host without IPv6 brackets, lower case, without a trailing dot. */
export function hostOf(url: URL): string {
  return normalizeName(url.hostname.replace(/^\[(.*)\]$/, "$1"));
}

/** A URL's port, or its scheme's default. */
export function portOf(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** What to add to the allowlist for a URL: `host:port`, `[v6]:port` for an IPv6 literal. */
export function allowEntryFor(url: URL): string {
  const host = hostOf(url);
  return `${isIP(host) === 6 ? `[${host}]` : host}:${portOf(url)}`;
}

function normalizeName(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

function parseEntry(text: string): AllowEntry | undefined {
  if (text === "") return undefined;
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const base = parseIp(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (base === undefined || !/^\d{1,3}$/.test(prefixText) || text.includes("%")) return undefined;
    const prefix = Number(prefixText);
    const bits = base.family === 4 ? 32 : 128;
    if (prefix > bits) return undefined;
    // Host bits set ("10.0.0.0/0", "10.1.2.3/8") is a typo that would allow far more than meant.
    if ((base.value & ((1n << BigInt(bits - prefix)) - 1n)) !== 0n) return undefined;
    return { kind: "range", base, prefix };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed !== null) {
    const ip = isIP(bracketed[1]!) === 6 ? parseIp(bracketed[1]!) : undefined;
    const port = bracketed[2] === undefined ? undefined : parsePort(bracketed[2]);
    if (ip === undefined || (bracketed[2] !== undefined && port === undefined)) return undefined;
    return { kind: "address", ip: unmapIp(ip), ...(port === undefined ? {} : { port }) };
  }
  if (isIP(text) === 4) return { kind: "address", ip: parseIp(text)! };
  if (isIP(text) === 6) return text.includes("%") || ambiguousPort(text) ? undefined : { kind: "address", ip: unmapIp(parseIp(text)!) };
  const colon = text.lastIndexOf(":");
  let host = text;
  let port: number | undefined;
  if (colon >= 0) {
    port = parsePort(text.slice(colon + 1));
    if (port === undefined) return undefined;
    host = text.slice(0, colon);
  }
  if (isIP(host) === 4) return { kind: "address", ip: parseIp(host)!, ...(port === undefined ? {} : { port }) };
  const name = normalizeName(host);
  if (!NAME.test(name) || !sameHostInUrl(name)) return undefined;
  return { kind: "name", name, ...(port === undefined ? {} : { port }) };
}

/** Whether an unbracketed IPv6 address could be meant as "address:port" ("::1:8080" is ::1 on port 8080, or ::1:8080): brackets decide. */
function ambiguousPort(text: string): boolean {
  const colon = text.lastIndexOf(":");
  return /^\d{2,5}$/.test(text.slice(colon + 1)) && isIP(text.slice(0, colon)) === 6;
}

/** Whether a URL keeps `name` as its host: "127.1", "2130706433" and "0x7f.1" are read as IPv4 addresses, so as names they could never match. */
function sameHostInUrl(name: string): boolean {
  try {
    return new URL(`http://${name}/`).hostname === name;
  } catch {
    return false;
  }
}

/** Splits MODELSHIP_ALLOW_INTERNAL's value into entries: comma- or newline-separated, blanks dropped. */
export function splitAllowEnv(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
