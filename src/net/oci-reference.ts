/**
 * `oci://` references: `oci://HOST[:PORT]/REPOSITORY[:TAG][@sha256:HEX]`, as KServe's storage URIs
 * and promotions name a model in an OCI registry. The grammar is the OCI distribution spec's
 * (repository components `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*` joined by `/`, tags
 * `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`), and the only digest algorithm is sha256, which every
 * registry serves. Pure: nothing here touches the network (net/oci-client.ts does).
 */
import { isIP } from "node:net";
import { UserError } from "../common/errors.ts";

/** A parsed `oci://` reference. */
export interface OciReference {
  /** `host` or `host:port` as written (an IPv6 literal in brackets), lower case. */
  registry: string;
  /** e.g. `acme/models/churn`. */
  repository: string;
  tag?: string;
  /** `sha256:` and 64 lower-case hex digits. */
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Whether `text` is a sha256 digest as registries write it. */
export function isOciDigest(text: string): boolean {
  return DIGEST.test(text);
}

/** Whether `text` is a valid tag. */
export function isOciTag(text: string): boolean {
  return TAG.test(text);
}

/** Whether `registry` (host or host:port) is a valid registry host. */
function validRegistry(registry: string): boolean {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(registry);
  const match = bracketed ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(registry);
  if (match === null) return false;
  const [, host = "", port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return bracketed !== null ? isIP(host) === 6 : isIP(host) === 4 || HOST_NAME.test(host);
}

/**
 * Parses an `oci://` reference. UserError naming `setting` (the flag or key it came from) for any
 * other scheme, a registry or repository that is not valid, a bad tag or a digest that is not sha256.
 */
export function parseOciReference(text: string, setting = "oci reference"): OciReference {
  const hint =
    "write oci://REGISTRY[:PORT]/REPOSITORY[:TAG] or oci://REGISTRY/REPOSITORY@sha256:<64 hex digits>, e.g. oci://ghcr.io/acme/churn:1.4.0";
  const shown = text.replace(/\/\/[^/]*@/, "//");
  if (!text.startsWith("oci://")) throw new UserError(`${setting}: "${shown}" is not an oci:// reference`, { hint });
  const rest = text.slice("oci://".length);
  const slash = rest.indexOf("/");
  if (slash <= 0) throw new UserError(`${setting}: "${shown}" names no repository after the registry`, { hint });
  const registry = rest.slice(0, slash).toLowerCase();
  if (registry.includes("@"))
    throw new UserError(`${setting}: "${shown}" holds credentials; they do not go in an oci:// reference`, {
      hint: "give the registry's username and password or token as secrets, not in the reference",
    });
  if (!validRegistry(registry)) throw new UserError(`${setting}: "${registry}" in "${shown}" is not a registry host[:port]`, { hint });
  let path = rest.slice(slash + 1);
  let digest: string | undefined;
  const at = path.indexOf("@");
  if (at >= 0) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
    if (!DIGEST.test(digest)) throw new UserError(`${setting}: "${digest}" in "${shown}" is not a sha256 digest`, { hint });
  }
  let tag: string | undefined;
  const lastSlash = path.lastIndexOf("/");
  const colon = path.indexOf(":", lastSlash + 1);
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw new UserError(`${setting}: "${tag}" in "${shown}" is not a valid tag`, { hint });
  }
  if (path === "" || path.length > 255 || !path.split("/").every((component) => COMPONENT.test(component)))
    throw new UserError(`${setting}: "${path}" in "${shown}" is not a repository name (lower-case components joined by /)`, { hint });
  return { registry, repository: path, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** The reference written back as `oci://registry/repository[:tag][@digest]`. */
export function formatOciReference(reference: OciReference): string {
  const tag = reference.tag === undefined ? "" : `:${reference.tag}`;
  const digest = reference.digest === undefined ? "" : `@${reference.digest}`;
  return `oci://${reference.registry}/${reference.repository}${tag}${digest}`;
}
