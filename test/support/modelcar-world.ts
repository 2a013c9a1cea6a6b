/**
 * Real releases as modelcars in a real registry, for the tests of reading them back: the toy model
 * (python3-onnx) evaluated into a real gate report, packaged by packageModel (with its Triton model
 * repository) into a folder registry, and published to docker-registry 2.8 on loopback
 * (test/support/oci-registry.ts) by publishModelcar as release publishes them, with Debian's static
 * busybox. `pushImage` pushes an image made by hand (an attacker's), its diff_ids
 * computed here from the layers given.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { WriteEntry } from "tar";
import { MemoryLogger } from "../../src/common/logger.ts";
import { AllowList } from "../../src/net/allow-internal.ts";
import { OCI_MANIFEST, ociDescriptor, OciClient, type OciImageManifest } from "../../src/net/oci-client.ts";
import { artifactFiles, buildModelcar, layerOf, OCI_IMAGE_CONFIG, OCI_LAYER_GZIP } from "../../src/registry/oci-modelcar.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { publishModelcar } from "../../src/registry/oci-publish.ts";
import { parseManifest } from "../../src/registry/manifest.ts";
import { packageModel } from "../../src/registry/package.ts";
import type { ModelManifest } from "../../src/registry/registry-types.ts";
import type { NetworkPolicy } from "../../src/net/safe-http.ts";
import { startTestRegistry, type TestRegistry } from "./oci-registry.ts";
import { makeToyModel, toyGateReport } from "./toy-model.ts";

export const BUSYBOX = "/bin/busybox";
export const MODEL = "toy";
/** Where the images live: `<PREFIX>/<model>` in the test registry. */
export const PREFIX = "octo/models";

/** A release as the folder registry holds it, and its modelcar in the OCI registry. */
export interface WorldRelease {
  version: string;
  manifest: ModelManifest;
  manifestBytes: Buffer;
  /** The version's folder in the folder registry. */
  dir: string;
  /** The image digest, and its digest-pinned oci:// URI. */
  digest: string;
  uri: string;
}

export interface ModelcarWorld {
  root: string;
  oci: TestRegistry;
  /** The folder registry (its root) holding the releases. */
  store: string;
  policy: NetworkPolicy;
  client: (repository?: string) => OciClient;
  /** 1.0.0 (model.onnx, gated) and 1.1.0 (other.onnx, released with allow-ungated). */
  releases: Record<"gated" | "other", WorldRelease>;
  toyDir: string;
  cleanup: () => Promise<void>;
}

/** Publishes the modelcar of the release in `dir` (a version folder) as release does (oci-publish.ts: image, tag, package artifact); the image digest. */
export async function pushRelease(client: OciClient, dir: string): Promise<string> {
  const manifestBytes = await readFile(join(dir, "manifest.json"));
  const manifest = parseManifest(manifestBytes.toString("utf8"), "manifest.json");
  return (await publishModelcar({ client, manifest, manifestBytes, dir, busybox: BUSYBOX, logger: new MemoryLogger() })).digest;
}

/**
 * Pushes the modelcar of the package in `dir` by digest alone, with no tag and no check against what
 * the registry holds: what someone with push rights but no release could do (an image of a package
 * that was never released, or another package of a released version).
 */
export async function pushUnreleased(client: OciClient, dir: string): Promise<string> {
  const manifestBytes = await readFile(join(dir, "manifest.json"));
  const manifest = parseManifest(manifestBytes.toString("utf8"), "manifest.json");
  const modelFile = manifest.files.find((file) => file.role === "model")!;
  const car = await buildModelcar({ manifest, manifestBytes, modelBytes: await readFile(join(dir, modelFile.name)), busybox: BUSYBOX });
  for (const blob of [car.config, ...car.layers]) await client.pushBlob(blob);
  await client.pushManifest(car.imageBytes, car.digest);
  const files = new Map<string, Buffer>();
  for (const file of artifactFiles(manifest)) files.set(file.name, await readFile(join(dir, file.name)));
  const artifact = car.artifact(car.descriptor, files);
  for (const blob of artifact.blobs) await client.pushBlob(blob);
  await client.pushManifest(artifact.bytes, artifact.digest);
  return car.digest;
}

/** A gzip layer of `entries`, written as modelcar layers are (oci-modelcar.ts layerOf). */
export async function tarLayer(entries: WriteEntry[]): Promise<Buffer> {
  return (await layerOf(entries)).gz;
}

/** The layers, config and annotations of a pushed image, to make an attacker's variant of. */
export async function readImage(client: OciClient, digest: string): Promise<{ image: OciImageManifest; layers: Buffer[]; config: Buffer }> {
  const image = (await client.pullManifest(digest)).manifest as OciImageManifest;
  const layers = await Promise.all(image.layers.map((layer) => client.pullBlob(layer.digest)));
  return { image, layers, config: await client.pullBlob(image.config.digest) };
}

/**
 * Pushes an image of `layers` (gzip blobs) with `annotations`; its config is `config` with diff_ids
 * set to the layers' uncompressed sha256 (unless `diffIds` is given). Returns the image digest.
 */
export async function pushImage(
  client: OciClient,
  options: { layers: Buffer[]; annotations: Record<string, string>; config: Buffer; diffIds?: string[] },
): Promise<string> {
  const config = JSON.parse(options.config.toString("utf8")) as { rootfs: { diff_ids: string[] } };
  config.rootfs.diff_ids = options.diffIds ?? options.layers.map((layer) => ociDescriptor("", gunzipSync(layer)).digest);
  const configBytes = Buffer.from(JSON.stringify(config));
  for (const blob of [configBytes, ...options.layers]) await client.pushBlob(blob);
  const image: OciImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: ociDescriptor(OCI_IMAGE_CONFIG, configBytes),
    layers: options.layers.map((layer) => ociDescriptor(OCI_LAYER_GZIP, layer)),
    annotations: options.annotations,
  };
  return client.pushManifest(image);
}

/** Starts the registry, makes and publishes the two releases, and pushes their modelcars. */
export async function startModelcarWorld(): Promise<ModelcarWorld> {
  const root = await mkdtemp(join(tmpdir(), "modelship-modelcar-"));
  let oci: TestRegistry | undefined;
  try {
    oci = await startTestRegistry();
    const registry = oci;
    const policy: NetworkPolicy = {
      allowInternal: AllowList.parse({ entries: [registry.registry, registry.issuer], source: "test" }),
      ca: registry.ca,
    };
    const client = (repository = `${PREFIX}/${MODEL}`): OciClient =>
      new OciClient(
        { registry: registry.registry, repository },
        { policy, credentials: { username: registry.username, password: registry.password } },
      );
    const toyDir = join(root, "toy");
    await mkdir(toyDir);
    makeToyModel(toyDir);
    const report = await toyGateReport(toyDir);
    const storeRoot = join(root, "registry");
    const store = new LocalStore({ root: storeRoot });
    const release = async (version: string, modelFile: string, allowUngated: boolean): Promise<WorldRelease> => {
      const pkg = await packageModel({
        model: MODEL,
        version,
        tag: `${MODEL}/v${version}`,
        modelPath: join(toyDir, modelFile),
        gateReportPath: report,
        allowUngated,
        outDir: join(root, `pkg-${version}`),
        toolVersion: "test",
        now: () => new Date("2026-12-01T00:00:00Z"),
      });
      await store.publish(pkg);
      const dir = join(storeRoot, MODEL, version);
      const manifestBytes = await readFile(join(dir, "manifest.json"));
      const digest = await pushRelease(client(), dir);
      return {
        version,
        manifest: parseManifest(manifestBytes.toString("utf8"), "manifest.json"),
        manifestBytes,
        dir,
        digest,
        uri: `oci://${registry.registry}/${PREFIX}/${MODEL}@${digest}`,
      };
    };
    const releases = { gated: await release("1.0.0", "model.onnx", false), other: await release("1.1.0", "other.onnx", true) };
    return {
      root,
      oci: registry,
      store: storeRoot,
      policy,
      client,
      releases,
      toyDir,
      cleanup: async () => {
        await registry.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await oci?.stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
