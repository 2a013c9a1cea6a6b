/**
 * A client for the OCI distribution API (v2): push and pull blobs and manifests, list tags, with the
 * registry's token auth (the `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge that GHCR,
 * ECR, GAR, Harbor and the CNCF distribution registry use; or a `Basic` challenge).
 *
 * Ours rather than a library: the npm clients are pull-only or unmaintained (`docker-registry-client`
 * on restify 1.x, `oci-registry-client` 0.2 on node-fetch 2, `@snyk/docker-registry-v2-client` on
 * needle), and none can go through net/safe-http.ts, which every request to a host a user names must
 * (internal addresses refused unless `network.allow_internal` allows them, checked on the connected
 * address). The protocol subset a model push needs is small.
 *
 * - HTTPS only; plain http only to a loopback registry and only when the caller asks
 *   (`plainHttpLoopback`, for a local registry). The token realm is held to the same rule, so
 *   credentials never travel in clear text. A custom CA: NetworkPolicy's `ca` or NODE_EXTRA_CA_CERTS.
 * - Tokens are cached per scope (`repository:NAME:pull` or `…:pull,push`); a cached token the
 *   registry rejects is fetched again once, then the credentials are blamed.
 * - Every byte pulled is checked: a blob's sha256 against the digest asked for, a manifest's against
 *   the digest asked for (or the registry's `Docker-Content-Digest` when pulled by tag). A mismatch is a
 *   UserError naming the reference and both digests.
 * - Pushes are idempotent: a blob the registry has (HEAD) is not uploaded again; an upload is one
 *   POST then one monolithic PUT with `?digest=`, and the registry's answer must name the same digest.
 * - A blob's redirect (to a storage backend: GHCR, ECR, S3) is followed without the registry's
 *   Authorization header, each hop guarded.
 * - Referrers (distribution spec 1.1): a manifest PUT reports the registry's `OCI-Subject` answer
 *   (present when the registry indexed the manifest's subject itself), and `referrers()` asks
 *   `GET /v2/<name>/referrers/<digest>`, a 404 meaning the registry has no referrers API.
 */
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { isUserError, UserError } from "../common/errors.ts";
import { hostOf } from "./allow-internal.ts";
import { classifyAddress } from "./address-class.ts";
import { formatOciReference, isOciDigest, type OciReference } from "./oci-reference.ts";
import {
  guardedGetFollowing,
  guardedRequest,
  redactUrl,
  redirectRefusal,
  type GuardedSendOptions,
  type NetworkPolicy,
} from "./safe-http.ts";

export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const OCI_EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST].join(", ");

/** The most bytes a manifest may hold (registries refuse more than 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A content descriptor: what a manifest says of a blob. */
export interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  /** In an index of referrers: the referrer's artifactType. */
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** An OCI image index (image-spec v1.1), as a referrers answer or the referrers tag schema holds it. */
export interface OciIndex {
  schemaVersion: 2;
  mediaType: typeof OCI_INDEX;
  manifests: OciDescriptor[];
  annotations?: Record<string, string>;
}

/** The result of a manifest push: its digest, whether it was written, and the registry's `OCI-Subject` answer. */
export interface PushedManifest {
  digest: string;
  /** False when the tag or digest already named these bytes: nothing was written. */
  pushed: boolean;
  /** The `OCI-Subject` header of the PUT: the registry indexed the manifest's subject (referrers API). */
  subject?: string;
}

/** An OCI image manifest (image-spec v1.1). */
export interface OciImageManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_MANIFEST;
  artifactType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  subject?: OciDescriptor;
  annotations?: Record<string, string>;
}

/** Credentials for the token endpoint or a Basic challenge. GHCR: any username, GITHUB_TOKEN as password. */
export interface OciCredentials {
  username: string;
  password: string;
}

export interface OciClientOptions {
  policy: NetworkPolicy;
  credentials?: OciCredentials;
  /** Allow plain http to a loopback registry (and realm). Default false: https only. */
  plainHttpLoopback?: boolean;
  /** The most bytes one blob may hold when pulled (default no limit). */
  maxBlobBytes?: number;
}

/** A manifest as pulled: its exact bytes, their digest and media type. */
export interface PulledManifest {
  bytes: Buffer;
  digest: string;
  mediaType: string;
  manifest: unknown;
}

/** The sha256 digest of bytes, as registries write it. */
export function ociDigest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A descriptor for bytes. */
export function ociDescriptor(mediaType: string, bytes: Uint8Array, annotations?: Record<string, string>): OciDescriptor {
  return { mediaType, digest: ociDigest(bytes), size: bytes.byteLength, ...(annotations === undefined ? {} : { annotations }) };
}

type Scope = "pull" | "pull,push";

/** One parsed `WWW-Authenticate` challenge. */
interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses the first challenge of a `WWW-Authenticate` header (`Bearer realm="…",service="…"`). */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  for (const param of match[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g))
    params[param[1]!.toLowerCase()] = param[2] === undefined ? (param[3] ?? "") : param[2].replace(/\\(.)/g, "$1");
  return { scheme: match[1]!.toLowerCase(), params };
}

/** Whether a URL's host is loopback (127.0.0.0/8, ::1, localhost). */
function isLoopback(url: URL): boolean {
  const host = hostOf(url);
  if (host === "localhost") return true;
  return isIP(host) !== 0 && classifyAddress(host) === "loopback";
}

/** The OCI distribution client for one repository of one registry. */
export class OciClient {
  readonly registry: string;
  readonly repository: string;
  readonly #options: OciClientOptions;
  readonly #base: URL;
  readonly #tokens = new Map<string, string>();
  #basic = false;

  constructor(reference: Pick<OciReference, "registry" | "repository">, options: OciClientOptions) {
    this.registry = reference.registry;
    this.repository = reference.repository;
    this.#options = options;
    const https = new URL(`https://${reference.registry}/`);
    this.#base = options.plainHttpLoopback === true && isLoopback(https) ? new URL(`http://${reference.registry}/`) : https;
  }

  /** Whether requests carry credentials (for tests of where credentials go; never the credentials themselves). */
  get hasCredentials(): boolean {
    return this.#options.credentials !== undefined;
  }

  /** `oci://registry/repository` with `@digest` or `:tag`, for messages. */
  referenceOf(tagOrDigest?: string): string {
    const ref: OciReference = { registry: this.registry, repository: this.repository };
    if (tagOrDigest !== undefined) {
      if (isOciDigest(tagOrDigest)) ref.digest = tagOrDigest;
      else ref.tag = tagOrDigest;
    }
    return formatOciReference(ref);
  }

  /** Whether the registry holds the blob. */
  async hasBlob(digest: string, scope: Scope = "pull"): Promise<boolean> {
    const ref = this.referenceOf(digest);
    const response = await this.#send("HEAD", `blobs/${digest}`, scope, `checking ${ref}`, ref);
    await discard(response);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await statusError(response, `checking ${ref}`, ref);
  }

  /** Pushes a blob unless the registry has it: its digest, size and whether it was uploaded. */
  async pushBlob(bytes: Uint8Array): Promise<{ digest: string; size: number; uploaded: boolean }> {
    const digest = ociDigest(bytes);
    const ref = this.referenceOf(digest);
    const what = `pushing ${ref}`;
    if (await this.hasBlob(digest, "pull,push")) return { digest, size: bytes.byteLength, uploaded: false };
    const started = await this.#send("POST", "blobs/uploads/", "pull,push", what, ref, { "Content-Length": "0" });
    const location = started.headers.get("location");
    if (started.status !== 202 || location === null) throw await statusError(started, `${what} (starting the upload)`, ref);
    await discard(started);
    const upload = new URL(location, this.#url("blobs/uploads/"));
    if (upload.protocol !== this.#base.protocol)
      throw new UserError(`${what}: the registry asked for the upload at ${redactUrl(upload)}, which changes the scheme`, {
        hint: "check the registry's configuration (its external URL)",
      });
    upload.searchParams.set("digest", digest);
    const put = await this.#send("PUT", upload, "pull,push", what, ref, { "Content-Type": "application/octet-stream" }, bytes);
    if (put.status !== 201) throw await statusError(put, `${what} (finishing the upload)`, ref);
    await discard(put);
    checkDigestHeader(put, digest, what, ref);
    return { digest, size: bytes.byteLength, uploaded: true };
  }

  /** Pushes a manifest under a tag or its own digest unless it already names these bytes; returns its digest. */
  async pushManifest(manifest: OciImageManifest | OciIndex | Uint8Array, tagOrDigest?: string): Promise<string> {
    return (await this.putManifest(manifest, tagOrDigest)).digest;
  }

  /** pushManifest, telling whether it wrote and what the registry answered in `OCI-Subject`. */
  async putManifest(manifest: OciImageManifest | OciIndex | Uint8Array, tagOrDigest?: string): Promise<PushedManifest> {
    const bytes = manifest instanceof Uint8Array ? manifest : Buffer.from(JSON.stringify(manifest));
    const mediaType = manifest instanceof Uint8Array ? mediaTypeOf(bytes) : manifest.mediaType;
    const digest = ociDigest(bytes);
    const target = tagOrDigest ?? digest;
    if (isOciDigest(target) && target !== digest)
      throw new UserError(`pushing ${this.referenceOf(target)}: the manifest's digest is ${digest}, not ${target}`, {
        hint: "push a manifest by its own digest, or by a tag",
      });
    const ref = this.referenceOf(target);
    const what = `pushing ${ref}`;
    // Idempotent: a tag or digest that already names these bytes is left as it is.
    const head = await this.#send("HEAD", `manifests/${target}`, "pull,push", what, ref, { Accept: MANIFEST_ACCEPT });
    await discard(head);
    if (head.status === 200 && head.headers.get("docker-content-digest") === digest) return { digest, pushed: false };
    if (head.status !== 200 && head.status !== 404) throw await statusError(head, what, ref);
    const response = await this.#send("PUT", `manifests/${target}`, "pull,push", what, ref, { "Content-Type": mediaType }, bytes);
    if (response.status !== 201) throw await statusError(response, what, ref);
    await discard(response);
    checkDigestHeader(response, digest, what, ref);
    const subject = response.headers.get("oci-subject");
    return { digest, pushed: true, ...(subject === null ? {} : { subject }) };
  }

  /** Pulls a manifest by digest (checked) or tag (checked against the registry's digest header). */
  async pullManifest(tagOrDigest: string): Promise<PulledManifest> {
    const ref = this.referenceOf(tagOrDigest);
    const what = `pulling ${ref}`;
    const response = await this.#send(
      "GET",
      `manifests/${tagOrDigest}`,
      "pull",
      what,
      ref,
      { Accept: MANIFEST_ACCEPT },
      undefined,
      MAX_MANIFEST_BYTES,
    );
    if (response.status !== 200) throw await statusError(response, what, ref);
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = ociDigest(bytes);
    const expected = isOciDigest(tagOrDigest) ? tagOrDigest : (response.headers.get("docker-content-digest") ?? digest);
    if (digest !== expected) throw digestMismatch(what, ref, expected, digest);
    let manifest: unknown;
    try {
      manifest = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new UserError(`${what}: the registry sent a manifest that is not JSON`, { hint: "check that the reference names a manifest" });
    }
    return { bytes, digest, mediaType: response.headers.get("content-type") ?? mediaTypeOf(bytes), manifest };
  }

  /** pullManifest, or undefined when the registry has no such tag or digest (HTTP 404). */
  async findManifest(tagOrDigest: string): Promise<PulledManifest | undefined> {
    const ref = this.referenceOf(tagOrDigest);
    const head = await this.#send("HEAD", `manifests/${tagOrDigest}`, "pull", `checking ${ref}`, ref, { Accept: MANIFEST_ACCEPT });
    await discard(head);
    if (head.status === 404) return undefined;
    if (head.status !== 200) throw await statusError(head, `checking ${ref}`, ref);
    return this.pullManifest(tagOrDigest);
  }

  /**
   * The referrers of `digest` from the registry's referrers API (distribution spec 1.1, "Listing
   * Referrers"), filtered by `artifactType` when given; undefined when the registry answers 404, which
   * a registry without the API does (then the referrers tag schema holds them).
   */
  async referrers(digest: string, artifactType?: string): Promise<OciIndex | undefined> {
    const ref = this.referenceOf(digest);
    const what = `listing the referrers of ${ref}`;
    const url = this.#url(`referrers/${digest}`);
    if (artifactType !== undefined) url.searchParams.set("artifactType", artifactType);
    const response = await this.#send("GET", url, "pull", what, ref, { Accept: OCI_INDEX }, undefined, MAX_MANIFEST_BYTES);
    if (response.status === 404) {
      await discard(response);
      return undefined;
    }
    if (response.status !== 200) throw await statusError(response, what, ref);
    let index: unknown;
    try {
      index = await response.json();
    } catch {
      index = undefined;
    }
    const manifests = (index as { manifests?: unknown } | undefined)?.manifests;
    if (!Array.isArray(manifests))
      throw new UserError(`${what}: the registry's answer is not an image index`, { hint: "check the registry's referrers API" });
    const listed = (manifests as OciDescriptor[]).filter((entry) => artifactType === undefined || entry.artifactType === artifactType);
    return { ...(index as OciIndex), manifests: listed };
  }

  /** Pulls a blob by digest; every byte checked against it. */
  async pullBlob(digest: string): Promise<Buffer> {
    const ref = this.referenceOf(digest);
    const what = `pulling ${ref}`;
    const first = this.#url(`blobs/${digest}`);
    let response = await this.#send("GET", first, "pull", what, ref, {}, undefined, this.#options.maxBlobBytes);
    const location = response.headers.get("location");
    if ([301, 302, 303, 307, 308].includes(response.status) && location !== null) {
      await discard(response);
      const next = new URL(location, first);
      const refusal = redirectRefusal(first, next);
      if (refusal !== undefined)
        throw new UserError(`${what}: the redirect to ${redactUrl(next)} was not followed: ${refusal}`, {
          hint: "check the registry's storage configuration",
        });
      // The storage backend gets no registry credentials: the redirect URL carries its own signature.
      response = (
        await guardedGetFollowing(next, this.#options.policy, {
          what,
          redirectedFrom: first,
          ...(this.#options.maxBlobBytes === undefined ? {} : { maxBytes: this.#options.maxBlobBytes }),
        })
      ).response;
    }
    if (response.status !== 200) throw await statusError(response, what, ref);
    const hash = createHash("sha256");
    const chunks: Buffer[] = [];
    if (response.body !== null)
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        chunks.push(Buffer.from(chunk));
      }
    const received = `sha256:${hash.digest("hex")}`;
    if (received !== digest) throw digestMismatch(what, ref, digest, received);
    return Buffer.concat(chunks);
  }

  /** The repository's tags, every page. */
  async listTags(): Promise<string[]> {
    const ref = this.referenceOf();
    const what = `listing the tags of ${ref}`;
    const tags: string[] = [];
    let next: URL | undefined = this.#url("tags/list");
    for (let page = 0; next !== undefined && page < 1000; page++) {
      const response = await this.#send("GET", next, "pull", what, ref, { Accept: "application/json" }, undefined, MAX_MANIFEST_BYTES);
      if (response.status === 404) {
        await discard(response);
        return tags;
      }
      if (response.status !== 200) throw await statusError(response, what, ref);
      const body = (await response.json()) as { tags?: unknown };
      if (Array.isArray(body.tags)) tags.push(...body.tags.filter((tag): tag is string => typeof tag === "string"));
      const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get("link") ?? "");
      next = link === null ? undefined : new URL(link[1]!, this.#base);
      if (next !== undefined && next.origin !== this.#base.origin) next = undefined;
    }
    return tags;
  }

  /** A URL under /v2/<repository>/. */
  #url(path: string): URL {
    return new URL(`/v2/${this.repository}/${path}`, this.#base);
  }

  /** The scope a token must grant for `actions`. */
  #scope(actions: Scope): string {
    return `repository:${this.repository}:${actions}`;
  }

  /** One request with the auth the registry asks for: a cached token, else the challenge answered once. */
  async #send(
    method: NonNullable<GuardedSendOptions["method"]>,
    path: string | URL,
    actions: Scope,
    what: string,
    ref: string,
    headers: Record<string, string> = {},
    body?: Uint8Array,
    maxBytes?: number,
  ): Promise<Response> {
    const url = typeof path === "string" ? this.#url(path) : path;
    const sameOrigin = url.origin === this.#base.origin;
    const scope = this.#scope(actions);
    const attempt = async (): Promise<Response> => {
      const auth = sameOrigin ? this.#authorization(scope) : undefined;
      try {
        return await guardedRequest(url, this.#options.policy, {
          what,
          method,
          headers: { ...headers, ...(auth === undefined ? {} : { Authorization: auth }) },
          ...(body === undefined ? {} : { body }),
          ...(maxBytes === undefined ? {} : { maxBytes }),
        });
      } catch (error) {
        throw networkError(error, what, this.#base);
      }
    };
    let response = await attempt();
    if (response.status !== 401 || !sameOrigin) return response;
    const challenge = parseChallenge(response.headers.get("www-authenticate") ?? "");
    if (challenge?.params.error === "insufficient_scope") return response;
    const hadAuth = this.#authorization(scope) !== undefined;
    this.#tokens.delete(scope);
    if (challenge?.scheme === "bearer" && challenge.params.realm !== undefined) {
      await discard(response);
      this.#tokens.set(scope, await this.#fetchToken(challenge.params, scope, what, ref));
    } else if (challenge?.scheme === "basic" && this.#options.credentials !== undefined && !this.#basic) {
      await discard(response);
      this.#basic = true;
    } else return response;
    response = await attempt();
    if (response.status === 401 && hadAuth) this.#tokens.delete(scope);
    return response;
  }

  /** The Authorization header for `scope`, if one is known. */
  #authorization(scope: string): string | undefined {
    const token = this.#tokens.get(scope);
    if (token !== undefined) return `Bearer ${token}`;
    return this.#basic ? basicAuthorization(this.#options.credentials!) : undefined;
  }

  /** Asks the challenge's realm for a token for `scope`, with the credentials if there are any. */
  async #fetchToken(params: Record<string, string>, scope: string, what: string, ref: string): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(params.realm!);
    } catch {
      throw new UserError(`${what}: the registry's token realm "${params.realm}" is not a URL`, {
        hint: "check the registry's auth configuration",
      });
    }
    const plainAllowed = this.#options.plainHttpLoopback === true && realm.protocol === "http:" && isLoopback(realm);
    if (realm.protocol !== "https:" && !plainAllowed)
      throw new UserError(`${what}: the registry's token realm ${redactUrl(realm)} is not https; credentials are not sent in clear text`, {
        hint: "use a registry whose token service is served over https",
      });
    if (params.service !== undefined) realm.searchParams.set("service", params.service);
    realm.searchParams.set("scope", scope);
    const credentials = this.#options.credentials;
    let response: Response;
    try {
      response = await guardedRequest(realm, this.#options.policy, {
        what: `${what} (asking ${redactUrl(realm)} for a token)`,
        headers: { Accept: "application/json", ...(credentials === undefined ? {} : { Authorization: basicAuthorization(credentials) }) },
        maxBytes: 1024 * 1024,
      });
    } catch (error) {
      throw networkError(error, what, realm);
    }
    if (response.status !== 200) throw await statusError(response, `${what} (asking ${redactUrl(realm)} for a token)`, ref);
    const body = (await response.json().catch(() => ({}))) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string" || token === "")
      throw new UserError(`${what}: the token service ${redactUrl(realm)} answered without a token`, {
        hint: "check the registry's auth configuration",
      });
    return token;
  }
}

function basicAuthorization(credentials: OciCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}

/** A manifest's own `mediaType` field, or the OCI manifest type. */
function mediaTypeOf(bytes: Uint8Array): string {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString("utf8")) as { mediaType?: unknown };
    return typeof parsed.mediaType === "string" ? parsed.mediaType : OCI_MANIFEST;
  } catch {
    return OCI_MANIFEST;
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** The refusal of bytes whose digest is not the one asked for. */
function digestMismatch(what: string, ref: string, expected: string, received: string): UserError {
  return new UserError(`${what}: the registry sent bytes whose digest is ${received}, not ${expected} as ${ref} names; they were refused`, {
    hint: "the registry's copy is corrupt or was tampered with: push the artifact again, and check who can write to the registry",
  });
}

/** A registry's answer naming a digest other than the bytes sent. */
function checkDigestHeader(response: Response, digest: string, what: string, ref: string): void {
  const named = response.headers.get("docker-content-digest");
  if (named !== null && named !== digest) throw digestMismatch(what, ref, digest, named);
}

/** A failed request as a UserError that names the reference and the fix. */
async function statusError(response: Response, what: string, ref: string): Promise<UserError> {
  let detail = "";
  try {
    const body = (await response.json()) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = body.errors?.[0];
    const text = (value: unknown): string => (typeof value === "string" ? value : "");
    if (first !== undefined) detail = `: ${text(first.code)} ${text(first.message)}`.trimEnd();
  } catch {
    // No JSON error body.
  }
  const status = response.status;
  const insufficient = parseChallenge(response.headers.get("www-authenticate") ?? "")?.params.error === "insufficient_scope";
  if (status === 401 && !insufficient)
    return new UserError(`${what}: the registry refused the credentials for ${ref} (HTTP 401${detail})`, {
      hint: "check the registry username and password or token (GHCR: any username, and GITHUB_TOKEN with packages: read, or packages: write to push)",
    });
  if (status === 403 || insufficient)
    return new UserError(`${what}: the credentials may not do this to ${ref} (HTTP ${status}${detail})`, {
      hint: "grant the token push (write) or pull (read) permission on the repository (GHCR: packages: write in the workflow's permissions)",
    });
  if (/\b(MANIFEST_BLOB_UNKNOWN|BLOB_UNKNOWN)\b/.test(detail) && status === 400)
    return new UserError(`${what}: the registry does not hold a blob the manifest names (HTTP 400${detail})`, {
      hint: "push the config and every layer blob before the manifest that names them",
    });
  if (status === 404)
    return new UserError(`${what}: ${ref} was not found (HTTP 404${detail})`, {
      hint: "check the registry, repository, tag or digest in the reference",
    });
  return new UserError(`${what}: the registry answered HTTP ${status}${detail}`, {
    hint: "check the registry's status and the reference, then try again",
  });
}

/** A network failure as a UserError (a refusal by the guard is one already). */
function networkError(error: unknown, what: string, url: URL): Error {
  if (isUserError(error) || !(error instanceof Error)) return error as Error;
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(`${what}: could not reach ${redactUrl(url)} (${code ?? error.message})`, {
    hint: "check the registry host and port, and its TLS certificate (a private CA goes in NODE_EXTRA_CA_CERTS)",
    cause: error,
  });
}
