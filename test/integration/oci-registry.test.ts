/**
 * The OCI distribution client (src/net/oci-client.ts) against a real registry: Debian's
 * docker-registry (distribution 2.8) on loopback with TLS from a test CA and Bearer token auth
 * (test/support/oci-registry.ts). Push, re-push (nothing uploaded again, counted in the registry's own
 * request log), pull by digest, tags; wrong credentials, missing permissions, a missing reference; a
 * blob tampered with in the registry's storage refused; plain http, a non-allowed host and a token
 * realm over http refused. Beside the registry, small https fakes cover what distribution 2.8 does
 * not do here: a Basic challenge and a blob redirected to object storage.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { AllowList } from "../../src/net/allow-internal.ts";
import { OCI_EMPTY_CONFIG, OCI_MANIFEST, OciClient, type OciCredentials, type OciImageManifest } from "../../src/net/oci-client.ts";
import { parseOciReference } from "../../src/net/oci-reference.ts";
import type { NetworkPolicy } from "../../src/net/safe-http.ts";
import { ociRegistrySkip, startTestRegistry, type TestRegistry } from "../support/oci-registry.ts";

/** Runs `action` and returns the UserError it throws, its message matching every pattern. */
async function refusal(action: () => Promise<unknown>, ...patterns: RegExp[]): Promise<Error> {
  try {
    await action();
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a refusal");
}

/** Listens on a free loopback port: `host:port` and a close that waits for it. */
async function listen(server: Server): Promise<{ at: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    at: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** sha256 as the registry's storage names it, computed here, not by the client under test. */
const sha256 = (bytes: Uint8Array): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

describe("OCI distribution client against docker-registry 2.8", { skip: ociRegistrySkip("the OCI registry tests") }, () => {
  let registry: TestRegistry;
  let policy: NetworkPolicy;
  let credentials: OciCredentials;
  const config = Buffer.from(JSON.stringify({ model: "churn", version: "1.4.0" }));
  const onnx = Buffer.from("not really onnx, but bytes all the same\n".repeat(50));
  const card = Buffer.from("# churn 1.4.0\n\nA model card.\n");
  const manifest = (): OciImageManifest => ({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: "application/vnd.modelship.model.v1",
    config: { mediaType: OCI_EMPTY_CONFIG, digest: sha256(config), size: config.length },
    layers: [
      {
        mediaType: "application/octet-stream",
        digest: sha256(onnx),
        size: onnx.length,
        annotations: { "org.opencontainers.image.title": "model.onnx" },
      },
      {
        mediaType: "text/markdown",
        digest: sha256(card),
        size: card.length,
        annotations: { "org.opencontainers.image.title": "model-card.md" },
      },
    ],
    annotations: { "org.opencontainers.image.version": "1.4.0", "dev.modelship.gate": "passed" },
  });
  const client = (repository = "acme/churn", who: OciCredentials = credentials, allow = policy): OciClient =>
    new OciClient({ registry: registry.registry, repository }, { policy: allow, credentials: who });
  const pushAll = async (target: OciClient): Promise<string> => {
    for (const blob of [config, onnx, card]) await target.pushBlob(blob);
    return target.pushManifest(manifest(), "1.4.0");
  };

  before(async () => {
    registry = await startTestRegistry();
    policy = { allowInternal: AllowList.parse({ entries: [registry.registry, registry.issuer], source: "test" }), ca: registry.ca };
    credentials = { username: registry.username, password: registry.password };
  });
  after(async () => {
    await registry?.stop();
  });

  test("pushes an artifact by tag and by digest, and pulls every byte back by digest", async () => {
    const oci = client();
    const digest = await pushAll(oci);
    const expectedBytes = Buffer.from(JSON.stringify(manifest()));
    assert.equal(digest, sha256(expectedBytes));
    assert.equal(await oci.pushManifest(manifest(), digest), digest);
    const pulled = await oci.pullManifest(digest);
    assert.deepEqual(pulled.bytes, expectedBytes);
    assert.deepEqual(pulled.manifest, manifest());
    for (const blob of [config, onnx, card]) assert.deepEqual(await oci.pullBlob(sha256(blob)), blob);
    assert.equal((await oci.pullManifest("1.4.0")).digest, digest);
    assert.deepEqual(await oci.listTags(), ["1.4.0"]);
    // The issuer was asked for push and pull scopes, each once: the client caches tokens per scope.
    const scopes = registry.tokenScopes().filter((scope) => scope.startsWith("repository:acme/churn:"));
    assert.deepEqual([...new Set(scopes)].sort(), ["repository:acme/churn:pull", "repository:acme/churn:pull,push"]);
    assert.equal(scopes.length, 2);
  });

  test("a re-push with the same bytes uploads nothing: the registry's log shows no upload or manifest write", async () => {
    await pushAll(client("acme/repush"));
    const before = registry.requests().length;
    const uploadsBefore = registry.requests().filter((request) => request.method === "POST" || request.method === "PUT");
    assert.equal(uploadsBefore.filter((request) => request.uri.startsWith("/v2/acme/repush/blobs/uploads/")).length, 6);
    await pushAll(client("acme/repush"));
    const written = registry
      .requests()
      .slice(before)
      .filter((request) => request.method === "POST" || request.method === "PUT");
    assert.deepEqual(written, []);
  });

  test("a wrong password is a UserError about the credentials", async () => {
    await refusal(
      () => client("acme/churn", { username: registry.username, password: "wrong" }).pushBlob(config),
      /refused the credentials/,
      /oci:\/\/127\.0\.0\.1:\d+\/acme\/churn@sha256:/,
      /Fix: check the registry username and password or token/,
    );
  });

  test("a user who may only pull is told the credentials lack the permission to push", async () => {
    const reader = { username: registry.reader.username, password: registry.reader.password };
    await pushAll(client("acme/readable"));
    assert.deepEqual(await client("acme/readable", reader).pullBlob(sha256(card)), card);
    await refusal(() => client("acme/readable", reader).pushBlob(Buffer.from("new bytes")), /may not do this/, /Fix: grant the token push/);
  });

  test("a reference the registry does not hold is a UserError naming it", async () => {
    const missing = sha256(Buffer.from("never pushed"));
    await refusal(
      () => client().pullManifest(missing),
      new RegExp(`acme/churn@${missing} was not found`),
      /Fix: check the registry, repository/,
    );
  });

  test("a manifest that names a blob the registry lacks is refused with the registry's error and the fix", async () => {
    const unpushed = Buffer.from("a layer nobody pushed");
    const broken = { ...manifest(), layers: [{ mediaType: "application/octet-stream", digest: sha256(unpushed), size: unpushed.length }] };
    await pushAll(client("acme/broken"));
    await refusal(
      () => client("acme/broken").pushManifest(broken, "9.9.9"),
      /acme\/broken:9\.9\.9: the registry does not hold a blob the manifest names \(HTTP 400: MANIFEST_BLOB_UNKNOWN/,
      /Fix: push the config and every layer blob before the manifest/,
    );
  });

  test("a blob tampered with in the registry's storage is refused, naming the reference and both digests", async () => {
    const oci = client("acme/tampered");
    await pushAll(oci);
    const wanted = sha256(onnx);
    const hex = wanted.slice("sha256:".length);
    const file = join(registry.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
    const original = await readFile(file);
    const tampered = Buffer.from(original);
    tampered[0] = tampered[0]! ^ 0xff;
    await writeFile(file, tampered);
    await refusal(
      () => oci.pullBlob(wanted),
      new RegExp(`oci://127\\.0\\.0\\.1:\\d+/acme/tampered@${wanted}`),
      new RegExp(`digest is ${sha256(tampered)}, not ${wanted}`),
    );
  });

  test("a manifest tampered with in storage is refused when pulled by digest", async () => {
    const oci = client("acme/tampered-manifest");
    const digest = await pushAll(oci);
    const hex = digest.slice("sha256:".length);
    const file = join(registry.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
    const changed = Buffer.from((await readFile(file, "utf8")).replace('"passed"', '"failed"'));
    await writeFile(file, changed);
    await refusal(() => oci.pullManifest(digest), new RegExp(`digest is ${sha256(changed)}, not ${digest}`));
  });

  test("an http:// reference, and a registry the allowlist does not name, are refused", async () => {
    assert.throws(() => parseOciReference(`http://${registry.registry}/acme/churn`), /is not an oci:\/\/ reference/);
    await refusal(
      () => client("acme/churn", credentials, { allowInternal: AllowList.NONE, ca: registry.ca }).listTags(),
      /refused to connect to https:\/\/127\.0\.0\.1:\d+\/v2\/acme\/churn\/tags\/list/,
      /network\.allow_internal/,
    );
    // Only the token issuer is missing from the list: the credentials never leave.
    const registryOnly = { allowInternal: AllowList.parse({ entries: [registry.registry], source: "test" }), ca: registry.ca };
    await refusal(
      () => client("acme/churn", credentials, registryOnly).listTags(),
      new RegExp(`refused to connect to https://${registry.issuer}/token`),
    );
  });

  test("a registry whose token realm is plain http gets no credentials", async () => {
    let leaked = 0;
    const realm = await listen(
      createHttpServer((_request, response) => {
        leaked++;
        response.end("{}");
      }),
    );
    const fake = await listen(
      createHttpsServer(registry.tls, (_request, response) => {
        response.writeHead(401, { "WWW-Authenticate": `Bearer realm="http://${realm.at}/token",service="x"` }).end();
      }),
    );
    try {
      const allow = { allowInternal: AllowList.parse({ entries: [fake.at, realm.at], source: "test" }), ca: registry.ca };
      const oci = new OciClient({ registry: fake.at, repository: "acme/churn" }, { policy: allow, credentials });
      await refusal(() => oci.listTags(), /token realm http:\/\/127\.0\.0\.1:\d+\/token is not https; credentials are not sent/);
      assert.equal(leaked, 0);
    } finally {
      await fake.close();
      await realm.close();
    }
  });
  test("a Basic challenge is answered with the credentials, and a blob's redirect to storage gets no Authorization", async () => {
    const blob = Buffer.from("layer bytes kept in object storage");
    const seen: (string | undefined)[] = [];
    const storage = await listen(
      createHttpsServer(registry.tls, (request: IncomingMessage, response: ServerResponse) => {
        seen.push(request.headers.authorization);
        response.end(blob);
      }),
    );
    const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    let asked = 0;
    const fake = await listen(
      createHttpsServer(registry.tls, (request: IncomingMessage, response: ServerResponse) => {
        asked++;
        if (request.headers.authorization !== expected) {
          response.writeHead(401, { "WWW-Authenticate": 'Basic realm="fake registry"' }).end();
          return;
        }
        if (request.url === "/v2/acme/churn/tags/list")
          response.writeHead(200, { "Content-Type": "application/json" }).end('{"tags":["1.4.0"]}');
        else response.writeHead(307, { Location: `https://${storage.at}/blob?X-Amz-Signature=abc` }).end();
      }),
    );
    try {
      const allow = { allowInternal: AllowList.parse({ entries: [fake.at, storage.at], source: "test" }), ca: registry.ca };
      const oci = new OciClient({ registry: fake.at, repository: "acme/churn" }, { policy: allow, credentials });
      assert.deepEqual(await oci.listTags(), ["1.4.0"]);
      assert.equal(asked, 2); // the challenge, then the answer with credentials
      assert.deepEqual(await oci.pullBlob(sha256(blob)), blob);
      assert.equal(asked, 3); // Basic is sent straight away once the registry asked for it
      assert.deepEqual(seen, [undefined]);
      const wrong = new OciClient(
        { registry: fake.at, repository: "acme/churn" },
        { policy: allow, credentials: { ...credentials, password: "no" } },
      );
      await refusal(() => wrong.listTags(), /refused the credentials for oci:\/\/127\.0\.0\.1:\d+\/acme\/churn/);
    } finally {
      await fake.close();
      await storage.close();
    }
  });

  test("a private CA is trusted through NODE_EXTRA_CA_CERTS, and refused without it", async () => {
    await pushAll(client("acme/extra-ca"));
    const script = `
      const { OciClient } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, "../../src/net/oci-client.ts")).href)});
      const { AllowList } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, "../../src/net/allow-internal.ts")).href)});
      const policy = { allowInternal: AllowList.parse({ entries: [${JSON.stringify(registry.registry)}, ${JSON.stringify(registry.issuer)}], source: "test" }) };
      const credentials = { username: process.env.OCI_USER, password: process.env.OCI_PASSWORD };
      const oci = new OciClient({ registry: ${JSON.stringify(registry.registry)}, repository: "acme/extra-ca" }, { policy, credentials });
      try { console.log(JSON.stringify(await oci.listTags())); } catch (error) { console.log(error.message); }`;
    const run = async (extra: Record<string, string>): Promise<string> => {
      const env: NodeJS.ProcessEnv = { ...process.env, OCI_USER: credentials.username, OCI_PASSWORD: credentials.password };
      delete env.NODE_EXTRA_CA_CERTS;
      Object.assign(env, extra);
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { env });
      return stdout.trim();
    };
    assert.equal(await run({ NODE_EXTRA_CA_CERTS: registry.caFile }), '["1.4.0"]');
    assert.match(
      await run({}),
      /could not reach https:\/\/127\.0\.0\.1:\d+\/ \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
    );
  });
});
