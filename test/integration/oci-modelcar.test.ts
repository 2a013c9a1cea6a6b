/**
 * Publishing a release as a modelcar (src/registry/oci-publish.ts) to a real registry: Debian's
 * docker-registry 2.8 on loopback with TLS and Bearer token auth (test/support/oci-registry.ts),
 * which has no referrers API, so the package artifact is listed through the referrers tag schema;
 * and a loopback registry written to the OCI distribution spec 1.1 (test/support/oci11-registry.ts),
 * whose referrers API is used instead. The packages are real releases (packageModel). What the
 * registry holds is read from its own storage and request log, not through the client under test.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { AllowList } from "../../src/net/allow-internal.ts";
import { OCI_EMPTY_CONFIG, OCI_INDEX, OCI_MANIFEST, OciClient, type OciImageManifest } from "../../src/net/oci-client.ts";
import { parseOciReference } from "../../src/net/oci-reference.ts";
import type { NetworkPolicy } from "../../src/net/safe-http.ts";
import { buildModelcar, PACKAGE_ARTIFACT_TYPE } from "../../src/registry/oci-modelcar.ts";
import { listReferrers, publishModelcar, type PublishedModelcar } from "../../src/registry/oci-publish.ts";
import { startOci11Registry, type Oci11Registry } from "../support/oci11-registry.ts";
import { ociRegistrySkip, startTestRegistry, type TestRegistry } from "../support/oci-registry.ts";
import { toyReleases, type ToyRelease, type ToyReleases } from "../support/toy-release.ts";

const BUSYBOX = "/bin/busybox";
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const REPOSITORY = "octo/models/toy";

describe("publishing a modelcar", { skip: ociRegistrySkip("the modelcar publishing tests") }, () => {
  let registry: TestRegistry;
  let policy: NetworkPolicy;
  let scratch: ToyReleases;
  let first: ToyRelease;
  let published: PublishedModelcar;
  let otherBusybox: string;

  const client = (repository = REPOSITORY): OciClient =>
    new OciClient(
      { registry: registry.registry, repository },
      { policy, credentials: { username: registry.username, password: registry.password } },
    );
  const publish = (release: ToyRelease, over: { busybox?: string; client?: OciClient } = {}): Promise<PublishedModelcar> =>
    publishModelcar({
      client: over.client ?? client(),
      manifest: release.manifest,
      manifestBytes: release.manifestBytes,
      dir: release.dir,
      busybox: over.busybox ?? BUSYBOX,
      sourceUrl: "https://github.com/octo/models",
      logger: new MemoryLogger(),
    });
  /** The digest a tag names, read from the registry's storage (distribution's `_manifests/tags/<tag>/current/link`). */
  const tagged = async (tag: string, repository = REPOSITORY): Promise<string> =>
    (
      await readFile(join(registry.storage, "docker/registry/v2/repositories", repository, "_manifests/tags", tag, "current/link"), "utf8")
    ).trim();
  const writes = (since: number) =>
    registry
      .requests()
      .slice(since)
      .filter((request) => request.method === "POST" || request.method === "PUT" || request.method === "PATCH");

  before(async () => {
    registry = await startTestRegistry();
    policy = { allowInternal: AllowList.parse({ entries: [registry.registry, registry.issuer], source: "test" }), ca: registry.ca };
    scratch = await toyReleases();
    first = await scratch.release();
    // Another static busybox: the same executable with bytes after its end (the ELF loader reads only what the headers name).
    otherBusybox = join(scratch.dir, "busybox-other");
    await writeFile(otherBusybox, Buffer.concat([await readFile(BUSYBOX), Buffer.from("another build\n")]), { mode: 0o755 });
    published = await publish(first);
  });
  after(async () => {
    await registry?.stop();
    await scratch?.remove();
  });

  test("the image is pushed under the version's tag and pinned by digest; pulled by digest, its annotations are the release's", async () => {
    assert.equal(published.action, "created");
    assert.equal(published.tag, "1.0.0");
    assert.equal(published.referrers, "tag-schema");
    assert.equal(await tagged("1.0.0"), published.digest);
    assert.deepEqual(parseOciReference(published.uri), { registry: registry.registry, repository: REPOSITORY, digest: published.digest });
    const pulled = await client().pullManifest(published.digest);
    assert.equal(`sha256:${sha256(pulled.bytes)}`, published.digest);
    const image = pulled.manifest as OciImageManifest;
    assert.equal(image.mediaType, OCI_MANIFEST);
    assert.deepEqual(image.annotations, {
      "org.opencontainers.image.title": "toy",
      "org.opencontainers.image.version": "1.0.0",
      "org.opencontainers.image.created": first.manifest.created,
      "org.opencontainers.image.source": "https://github.com/octo/models",
      "org.opencontainers.image.revision": "0123456789abcdef0123456789abcdef01234567",
      "dev.modelship.schema": "modelship/modelcar@1",
      "dev.modelship.model.sha256": sha256(await readFile(join(first.dir, "model.onnx"))),
      "dev.modelship.manifest.sha256": sha256(await readFile(join(first.dir, "manifest.json"))),
      "dev.modelship.package.digest": sha256(await readFile(join(first.dir, "SHA256SUMS"))),
      "dev.modelship.gate.verdict": "pass",
      "dev.modelship.layout": "triton-model-repository",
    });
    // Every blob it names is in the registry's storage with those bytes.
    for (const descriptor of [image.config, ...image.layers]) {
      const hex = descriptor.digest.slice("sha256:".length);
      const stored = await readFile(join(registry.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data"));
      assert.equal(sha256(stored), hex);
      assert.equal(stored.length, descriptor.size);
    }
  });

  test("a re-run pushes nothing: no upload and no manifest write in the registry's log; the tag and its referrers are as they were", async () => {
    const before = registry.requests().length;
    const again = await publish(first);
    assert.deepEqual(again, { ...published, action: "unchanged" });
    assert.deepEqual(writes(before), []);
    assert.equal((await listReferrers(client(), published.digest)).length, 1);
  });

  test("distribution 2.8 has no referrers API: the artifact is listed under the referrers tag schema's sha256-<hex> tag and found there", async () => {
    const hex = published.digest.slice("sha256:".length);
    assert.ok((await client().listTags()).includes(`sha256-${hex}`));
    const index = (await client().pullManifest(`sha256-${hex}`)).manifest as { mediaType: string; manifests: { digest: string }[] };
    assert.equal(index.mediaType, OCI_INDEX);
    const referrers = await listReferrers(client(), published.digest, PACKAGE_ARTIFACT_TYPE);
    assert.equal(referrers.length, 1);
    assert.deepEqual(index.manifests, referrers);
    const descriptor = referrers[0]!;
    assert.equal(descriptor.artifactType, PACKAGE_ARTIFACT_TYPE);
    assert.deepEqual(descriptor.annotations, {
      "org.opencontainers.image.created": first.manifest.created,
      "dev.modelship.manifest.sha256": sha256(first.manifestBytes),
    });
    assert.deepEqual(await listReferrers(client(), published.digest, "application/vnd.example.other"), []);
    // The artifact: its subject is the image, its layers the package files, each as released.
    const artifact = (await client().pullManifest(descriptor.digest)).manifest as OciImageManifest;
    assert.equal(artifact.subject?.digest, published.digest);
    assert.equal(artifact.config.mediaType, OCI_EMPTY_CONFIG);
    const titles = artifact.layers.map((layer) => layer.annotations?.["org.opencontainers.image.title"]);
    assert.deepEqual(titles, ["manifest.json", "gate-report.json", "metrics.json", "model-card.md"]);
    for (const layer of artifact.layers) {
      const onDisk = await readFile(join(first.dir, layer.annotations!["org.opencontainers.image.title"]!));
      assert.deepEqual(await client().pullBlob(layer.digest), onDisk);
    }
  });

  test("a different model under an existing version tag is refused, and the tag still names the first image", async () => {
    const other = await scratch.release({ other: true });
    const before = registry.requests().length;
    await assert.rejects(publish(other), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(error.problem, /toy:1\.0\.0 already names another image .*: a different model under an existing version tag/);
      assert.match(error.hint ?? "", /release the new model under a new version/);
      return true;
    });
    assert.deepEqual(writes(before), []);
    assert.equal(await tagged("1.0.0"), published.digest);
  });

  test("a package file changed or missing since release is refused before anything is pushed", async () => {
    const changed = await scratch.release({ version: "3.0.0", tag: "toy/v3.0.0" });
    const model = join(changed.dir, "model.onnx");
    const bytes = await readFile(model);
    await writeFile(model, Buffer.concat([bytes, Buffer.from([0])]));
    const before = registry.requests().length;
    await assert.rejects(publish(changed), /model\.onnx: model\.onnx of toy 3\.0\.0 does not match its manifest/);
    await writeFile(model, bytes);
    await rm(join(changed.dir, "gate-report.json"));
    await assert.rejects(publish(changed), /gate-report\.json of toy 3\.0\.0 is missing \(ENOENT\)/);
    assert.deepEqual(writes(before), []);
  });

  test("the same release built on another busybox (another base layer) is unchanged: the tag does not move", async () => {
    const rebuilt = await buildModelcar({ ...first, busybox: otherBusybox, sourceUrl: "https://github.com/octo/models" });
    assert.notEqual(rebuilt.digest, published.digest);
    const before = registry.requests().length;
    const again = await publish(first, { busybox: otherBusybox });
    assert.equal(again.action, "unchanged");
    assert.equal(again.digest, published.digest);
    // This run did not build the image the tag names, so it must not attest it (the release action's oci-digest stays empty).
    assert.equal(again.built, false);
    assert.equal(published.built, true);
    assert.deepEqual(writes(before), []);
    assert.equal(await tagged("1.0.0"), published.digest);
  });

  test("the referrers tag schema keeps what others listed there, and adds this release's artifact once", async () => {
    const second = await scratch.release({ version: "2.0.0", tag: "toy/v2.0.0" });
    const oci = client();
    // Someone else's referrer (e.g. a signature) of the image 2.0.0 will have, listed before the publish.
    const image = await buildModelcar({ ...second, busybox: BUSYBOX, sourceUrl: "https://github.com/octo/models" });
    for (const blob of [image.config, ...image.layers]) await oci.pushBlob(blob);
    await oci.pushManifest(image.imageBytes, image.digest);
    const empty = Buffer.from("{}");
    await oci.pushBlob(empty);
    const signature: OciImageManifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: "application/vnd.example.signature",
      config: { mediaType: OCI_EMPTY_CONFIG, digest: `sha256:${sha256(empty)}`, size: 2 },
      layers: [{ mediaType: OCI_EMPTY_CONFIG, digest: `sha256:${sha256(empty)}`, size: 2 }],
      subject: image.descriptor,
    };
    const signatureDigest = await oci.pushManifest(signature);
    const foreign = {
      mediaType: OCI_MANIFEST,
      digest: signatureDigest,
      size: JSON.stringify(signature).length,
      artifactType: signature.artifactType,
    };
    const tag = `sha256-${image.digest.slice("sha256:".length)}`;
    await oci.pushManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [foreign] })), tag);

    const result = await publish(second);
    assert.equal(result.digest, image.digest);
    const listed = await listReferrers(oci, image.digest);
    assert.deepEqual(listed[0], foreign);
    assert.deepEqual(
      listed.map((entry) => entry.artifactType),
      ["application/vnd.example.signature", PACKAGE_ARTIFACT_TYPE],
    );
    await publish(second);
    assert.equal((await listReferrers(oci, image.digest)).length, 2);
  });

  describe("against a registry with the OCI 1.1 referrers API", () => {
    let oci11: Oci11Registry;
    let api: () => OciClient;
    before(async () => {
      oci11 = await startOci11Registry({ tls: registry.tls });
      const allow = { allowInternal: AllowList.parse({ entries: [oci11.registry], source: "test" }), ca: registry.ca };
      api = () => new OciClient({ registry: oci11.registry, repository: REPOSITORY }, { policy: allow });
    });
    after(async () => {
      await oci11?.stop();
    });

    test("the registry's OCI-Subject answer makes publish use the API: no fallback tag; a re-run writes nothing", async () => {
      const result = await publish(first, { client: api() });
      assert.equal(result.action, "created");
      assert.equal(result.referrers, "api");
      assert.equal(result.digest, published.digest, "the same image digest in every registry");
      assert.deepEqual(oci11.tags(REPOSITORY), ["1.0.0"]);
      const referrers = await listReferrers(api(), result.digest, PACKAGE_ARTIFACT_TYPE);
      assert.equal(referrers.length, 1);
      assert.equal(referrers[0]!.artifactType, PACKAGE_ARTIFACT_TYPE);
      assert.ok(oci11.requests().some((request) => request.method === "GET" && request.path.startsWith(`/v2/${REPOSITORY}/referrers/`)));
      assert.deepEqual(await listReferrers(api(), result.digest, "application/vnd.example.other"), []);

      const before = oci11.requests().length;
      const again = await publish(first, { client: api() });
      assert.deepEqual(again, { ...result, action: "unchanged" });
      assert.deepEqual(
        oci11
          .requests()
          .slice(before)
          .filter((request) => request.method === "POST" || request.method === "PUT"),
        [],
      );
      assert.deepEqual(oci11.tags(REPOSITORY), ["1.0.0"]);
    });
  });
});
