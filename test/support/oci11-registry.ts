/**
 * A small in-memory registry on loopback that follows the OCI distribution spec v1.1
 * (opencontainers/distribution-spec spec.md, v1.1.0) where Debian's docker-registry 2.8 does not: it
 * has the referrers API. What it serves, by the spec's sections:
 *
 * - "Pushing blobs" / "POST then PUT": `POST /v2/<name>/blobs/uploads/` answers 202 with a Location,
 *   `PUT <location>?digest=<digest>` with the whole blob answers 201 (end-4a, end-6); a body whose
 *   digest differs is 400 DIGEST_INVALID.
 * - "Pulling blobs" / "Checking if content exists": `GET`/`HEAD /v2/<name>/blobs/<digest>` (end-2),
 *   404 BLOB_UNKNOWN.
 * - "Pushing Manifests": `PUT /v2/<name>/manifests/<reference>` (end-7), by tag or digest (the
 *   digest must be the body's), every blob a manifest names must be there (400 MANIFEST_BLOB_UNKNOWN),
 *   answered 201 with Location and Docker-Content-Digest. "Pushing Manifests with Subject": when the
 *   manifest has a `subject`, the answer carries `OCI-Subject: <subject digest>`, and the manifest is
 *   listed by the referrers API.
 * - "Pulling manifests": `GET`/`HEAD /v2/<name>/manifests/<reference>` (end-3), 404 MANIFEST_UNKNOWN.
 * - "Listing Referrers": `GET /v2/<name>/referrers/<digest>[?artifactType=…]` (end-12a, end-12b)
 *   answers 200 with an image index of descriptors (artifactType: the manifest's, else its config's
 *   media type; the manifest's annotations), empty when nothing refers to the digest; with
 *   `artifactType` the list is filtered and `OCI-Filters-Applied: artifactType` says so.
 * - "Listing Tags": `GET /v2/<name>/tags/list` (end-8a).
 *
 * No auth. `requests()` is its own log, so a test counts writes without trusting the client.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

const INDEX = "application/vnd.oci.image.index.v1+json";
const NAME = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*";
const DIGEST = "sha256:[a-f0-9]{64}";
const TAG = "[A-Za-z0-9_][A-Za-z0-9._-]{0,127}";

interface StoredManifest {
  bytes: Buffer;
  mediaType: string;
  parsed: {
    mediaType?: string;
    artifactType?: string;
    config?: { digest: string; mediaType: string };
    layers?: { digest: string }[];
    manifests?: { digest: string }[];
    subject?: { digest: string };
    annotations?: Record<string, string>;
  };
}

interface Repository {
  blobs: Map<string, Buffer>;
  manifests: Map<string, StoredManifest>;
  tags: Map<string, string>;
}

export interface Oci11Request {
  method: string;
  path: string;
  status: number;
}

export interface Oci11Registry {
  /** `127.0.0.1:PORT`. */
  registry: string;
  /** What the registry answered, oldest first. */
  requests(): Oci11Request[];
  /** The tags of a repository, as stored. */
  tags(repository: string): string[];
  stop(): Promise<void>;
}

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the registry: https with `tls` (a key and certificate for 127.0.0.1), else plain http. */
export async function startOci11Registry(options: { tls?: { key: string; cert: string } } = {}): Promise<Oci11Registry> {
  const repositories = new Map<string, Repository>();
  const uploads = new Map<string, string>();
  const log: Oci11Request[] = [];
  const repo = (name: string): Repository => {
    let found = repositories.get(name);
    if (found === undefined) repositories.set(name, (found = { blobs: new Map(), manifests: new Map(), tags: new Map() }));
    return found;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = request.method ?? "GET";
    const path = url.pathname;
    const send = (status: number, headers: Record<string, string | number> = {}, content?: Buffer | string): void => {
      log.push({ method, path: `${path}${url.search}`, status });
      response.writeHead(status, headers);
      response.end(method === "HEAD" ? undefined : content);
    };
    const error = (status: number, code: string, message: string): void => {
      send(status, { "Content-Type": "application/json" }, JSON.stringify({ errors: [{ code, message }] }));
    };
    let match: RegExpExecArray | null;

    if (path === "/v2/" || path === "/v2") {
      send(200, { "Content-Type": "application/json" }, "{}");
      return;
    }

    if ((match = new RegExp(`^/v2/(${NAME})/blobs/uploads/$`).exec(path)) && method === "POST") {
      await body(request);
      const id = randomUUID();
      uploads.set(id, match[1]!);
      send(202, { Location: `/v2/${match[1]}/blobs/uploads/${id}`, "Content-Length": 0 });
      return;
    }
    if ((match = new RegExp(`^/v2/(${NAME})/blobs/uploads/([0-9a-f-]+)$`).exec(path)) && method === "PUT") {
      const bytes = await body(request);
      const digest = url.searchParams.get("digest") ?? "";
      if (uploads.get(match[2]!) !== match[1]) {
        error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        return;
      }
      if (sha256(bytes) !== digest) {
        error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        return;
      }
      uploads.delete(match[2]!);
      repo(match[1]!).blobs.set(digest, bytes);
      send(201, { Location: `/v2/${match[1]}/blobs/${digest}`, "Docker-Content-Digest": digest, "Content-Length": 0 });
      return;
    }
    if ((match = new RegExp(`^/v2/(${NAME})/blobs/(${DIGEST})$`).exec(path)) && (method === "GET" || method === "HEAD")) {
      const bytes = repositories.get(match[1]!)?.blobs.get(match[2]!);
      if (bytes === undefined) {
        error(404, "BLOB_UNKNOWN", "blob unknown to registry");
        return;
      }
      send(200, { "Content-Length": bytes.length, "Docker-Content-Digest": match[2]!, "Content-Type": "application/octet-stream" }, bytes);
      return;
    }
    if ((match = new RegExp(`^/v2/(${NAME})/manifests/(${DIGEST}|${TAG})$`).exec(path))) {
      const [, name, reference] = match as unknown as [string, string, string];
      const byDigest = reference.startsWith("sha256:");
      if (method === "PUT") {
        const bytes = await body(request);
        const digest = sha256(bytes);
        if (byDigest && reference !== digest) {
          error(400, "DIGEST_INVALID", "the manifest's digest is not the reference");
          return;
        }
        let parsed: StoredManifest["parsed"];
        try {
          parsed = JSON.parse(bytes.toString("utf8")) as StoredManifest["parsed"];
        } catch {
          error(400, "MANIFEST_INVALID", "manifest invalid");
          return;
        }
        const mediaType = request.headers["content-type"] ?? "";
        if (parsed.mediaType !== undefined && parsed.mediaType !== mediaType) {
          error(400, "MANIFEST_INVALID", "the Content-Type is not the manifest's mediaType");
          return;
        }
        const target = repo(name);
        const blobs = [...(parsed.config === undefined ? [] : [parsed.config]), ...(parsed.layers ?? [])];
        if (blobs.some((blob) => !target.blobs.has(blob.digest))) {
          error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry");
          return;
        }
        if ((parsed.manifests ?? []).some((entry) => !target.manifests.has(entry.digest))) {
          error(400, "MANIFEST_UNKNOWN", "manifest unknown to registry");
          return;
        }
        target.manifests.set(digest, { bytes, mediaType, parsed });
        if (!byDigest) target.tags.set(reference, digest);
        send(201, {
          Location: `/v2/${name}/manifests/${digest}`,
          "Docker-Content-Digest": digest,
          "Content-Length": 0,
          ...(parsed.subject === undefined ? {} : { "OCI-Subject": parsed.subject.digest }),
        });
        return;
      }
      if (method === "GET" || method === "HEAD") {
        const target = repositories.get(name);
        const digest = byDigest ? reference : target?.tags.get(reference);
        const stored = digest === undefined ? undefined : target?.manifests.get(digest);
        if (stored === undefined || digest === undefined) {
          error(404, "MANIFEST_UNKNOWN", "manifest unknown to registry");
          return;
        }
        send(
          200,
          { "Content-Type": stored.mediaType, "Content-Length": stored.bytes.length, "Docker-Content-Digest": digest },
          stored.bytes,
        );
        return;
      }
    }
    if ((match = new RegExp(`^/v2/(${NAME})/referrers/(${DIGEST})$`).exec(path)) && method === "GET") {
      const wanted = url.searchParams.get("artifactType");
      const manifests = [...(repositories.get(match[1]!)?.manifests ?? new Map<string, StoredManifest>()).entries()]
        .filter(([, stored]) => stored.parsed.subject?.digest === match![2])
        .map(([digest, stored]) => ({
          mediaType: stored.mediaType,
          digest,
          size: stored.bytes.length,
          artifactType: stored.parsed.artifactType ?? stored.parsed.config?.mediaType,
          ...(stored.parsed.annotations === undefined ? {} : { annotations: stored.parsed.annotations }),
        }))
        .filter((descriptor) => wanted === null || descriptor.artifactType === wanted);
      send(
        200,
        { "Content-Type": INDEX, ...(wanted === null ? {} : { "OCI-Filters-Applied": "artifactType" }) },
        JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests }),
      );
      return;
    }
    if ((match = new RegExp(`^/v2/(${NAME})/tags/list$`).exec(path)) && method === "GET") {
      const target = repositories.get(match[1]!);
      if (target === undefined) {
        error(404, "NAME_UNKNOWN", "repository name not known to registry");
        return;
      }
      send(200, { "Content-Type": "application/json" }, JSON.stringify({ name: match[1], tags: [...target.tags.keys()].sort() }));
      return;
    }
    await body(request);
    error(404, "NOT_FOUND", "no such route");
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((failure: unknown) => {
      response.writeHead(500).end(String(failure));
    });
  };
  const server: Server = options.tls === undefined ? createHttpServer(listener) : createHttpsServer(options.tls, listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    registry: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => [...log],
    tags: (repository) => [...(repositories.get(repository)?.tags.keys() ?? [])].sort(),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
