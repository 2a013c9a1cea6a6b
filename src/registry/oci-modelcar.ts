/**
 * The modelcar image of a release and its package artifact, built in memory and pure: the same stored
 * release (manifest.json bytes, model.onnx bytes, busybox bytes) gives the same image digest on every
 * run. The format is issue 26's (docs: the lead's modelcar spec), for KServe's modelcar
 * (kserve/kserve docs "Serving models with OCI images": the storage initializer is replaced by a
 * sidecar running the image as `sh -c "ln -s /proc/$$/root/models /mnt/models && sleep infinity"`,
 * so the image needs `sh`, `ln` and `sleep`, and the model under /models, world-readable):
 *
 * - layer 0 (base): `bin/`, `bin/busybox` (a STATIC busybox: Debian's busybox-static), and the applet
 *   links `bin/sh bin/ln bin/sleep bin/echo bin/ls bin/cat` → `busybox`. Nothing else.
 * - layer 1 (models): `models/`, then the release's runtime layout: the Triton model repository
 *   (`models/<m>/config.pbtxt`, `models/<m>/1/model.onnx`, as triton-model-repository.tar.gz with a
 *   `models/` prefix: kserve-tritonserver runs Triton with --model-store=/mnt/models) when the manifest
 *   serves one, else `models/model.onnx`. `modelsLayer` is a pure function of (model name, layout,
 *   model bytes), so a verifier rebuilds it from a verified model.onnx and compares digests.
 *
 * Both layers are node-tar's reproducible form (triton-repository.ts's REPRODUCIBLE_TAR: fixed time,
 * modes and order, no owner, no PAX) in gzip of stored blocks (stored-gzip.ts): zlib's compressed
 * bytes change with the runtime, and a layer's digest must not. In that form node-tar writes a folder
 * with no time (the epoch), as in the release's Triton archive, and a symbolic link with mode 0755
 * (modes are masked with 022; Linux ignores a link's mode).
 *
 * The package artifact is an OCI 1.1 artifact manifest whose `subject` is the image: manifest.json and
 * every package file but the model and the Triton archive, each a layer titled with its file name.
 */
import { readFile } from "node:fs/promises";
import { create, WriteEntry } from "tar";
import { errnoCode, UserError } from "../common/errors.ts";
import { readOnnxGraph } from "../evaluate/onnx-graph.ts";
import { OCI_EMPTY_CONFIG, OCI_MANIFEST, ociDescriptor, ociDigest, type OciDescriptor, type OciImageManifest } from "../net/oci-client.ts";
import { isOciTag, parseOciReference } from "../net/oci-reference.ts";
import { MANIFEST_NAME, sha256Of } from "./manifest.ts";
import type { FileRole, ManifestFile, ModelManifest } from "./registry-types.ts";
import { storedGzip } from "./stored-gzip.ts";
import { ENTRY_TIME, REPRODUCIBLE_TAR, TRITON_MODEL_FILE, tritonEntries, tritonModelConfig } from "./triton-repository.ts";

export const MODELCAR_SCHEMA = "modelship/modelcar@1";
export const PACKAGE_ARTIFACT_TYPE = "application/vnd.modelship.package.v1+json";
export const OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
export const OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
/** manifest.json's media type as a layer of the package artifact. */
export const MANIFEST_MEDIA_TYPE = "application/vnd.modelship.manifest.v1+json";
/** The OCI empty descriptor's bytes (image-spec manifest.md, "Guidance for an Empty Descriptor"). */
export const EMPTY_CONFIG_BYTES = Buffer.from("{}");

/** The annotation keys of the image (and of the artifact: created, manifestSha256; layers: title). */
export const ANNOTATION = {
  title: "org.opencontainers.image.title",
  version: "org.opencontainers.image.version",
  created: "org.opencontainers.image.created",
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  schema: "dev.modelship.schema",
  modelSha256: "dev.modelship.model.sha256",
  manifestSha256: "dev.modelship.manifest.sha256",
  packageDigest: "dev.modelship.package.digest",
  verdict: "dev.modelship.gate.verdict",
  layout: "dev.modelship.layout",
} as const;

export type ModelcarLayout = "triton-model-repository" | "onnx-file";

/** The busybox applets the base layer links: what KServe's modelcar runs (sh, ln, sleep) and a few to look around. */
export const BUSYBOX_APPLETS = ["sh", "ln", "sleep", "echo", "ls", "cat"] as const;

/** One entry of a layer as a tar reader reports it. */
export interface LayerEntry {
  path: string;
  /** node-tar's type name: `Directory`, `File`, `SymbolicLink`, … */
  type: string;
  /** Permission bits. */
  mode?: number | undefined;
  linkpath?: string | undefined;
}

/** The base layer's entries, in order: exactly these, whatever busybox's bytes. */
export const BASE_ENTRIES: readonly LayerEntry[] = [
  { path: "bin/", type: "Directory", mode: 0o755 },
  { path: "bin/busybox", type: "File", mode: 0o755 },
  ...BUSYBOX_APPLETS.map((applet): LayerEntry => ({ path: `bin/${applet}`, type: "SymbolicLink", mode: 0o755, linkpath: "busybox" })),
];

/**
 * Why `entries` (as read from a base layer, in order) are not exactly BASE_ENTRIES, or undefined when
 * they are. Anything else (a models/ path, a whiteout, a link elsewhere, a device) could change what
 * /mnt/models serves once the layers are stacked.
 */
export function baseEntriesProblem(entries: readonly LayerEntry[]): string | undefined {
  const bare = (path: string): string => path.replace(/\/+$/, "");
  for (let index = 0; index < Math.max(entries.length, BASE_ENTRIES.length); index++) {
    const got = entries[index];
    const want = BASE_ENTRIES[index];
    if (got === undefined) return `the base layer lacks ${want!.path}`;
    const shown = `${JSON.stringify(got.path)} (${got.type}${got.linkpath === undefined ? "" : ` → ${got.linkpath}`})`;
    if (want === undefined) return `the base layer holds ${shown}, which a modelcar base does not`;
    if (bare(got.path) !== bare(want.path) || got.type !== want.type || got.mode !== want.mode || got.linkpath !== want.linkpath)
      return `the base layer's entry ${index + 1} is ${shown} mode ${got.mode?.toString(8) ?? "unset"}, not ${want.path} (${want.type}${want.linkpath === undefined ? "" : ` → ${want.linkpath}`}) mode ${want.mode!.toString(8)}`;
  }
  return undefined;
}

/** A layer: its gzip bytes (the blob) and the digest of the uncompressed tar (the config's diff_id). */
export interface Layer {
  gz: Buffer;
  diffId: string;
}

/** The reproducible tar of `entries` in stored-block gzip (tests build attackers' layers with it too). */
export async function layerOf(entries: WriteEntry[]): Promise<Layer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of create(REPRODUCIBLE_TAR, entries)) chunks.push(chunk);
  const tar = Buffer.concat(chunks);
  const gz: Uint8Array[] = [];
  for await (const chunk of storedGzip([tar])) gz.push(chunk);
  return { gz: Buffer.concat(gz), diffId: ociDigest(tar) };
}

/** The image's tag for `version`: `+` (build metadata) is not allowed in a tag, so it becomes `_`. */
export function modelcarTag(version: string): string {
  const tag = version.replaceAll("+", "_");
  if (!isOciTag(tag))
    throw new UserError(`version "${version}" cannot be an OCI tag ("${tag}")`, {
      hint: "use a semantic version of letters, digits, '.', '-', '+' and '_', at most 128 characters",
    });
  return tag;
}

/** The image repository of `model`: `<prefix.repository>/<model>` in the same registry. */
export function modelcarRepository(
  prefix: { registry: string; repository: string },
  model: string,
): { registry: string; repository: string } {
  const text = `oci://${prefix.registry}/${prefix.repository}/${model}`;
  let parsed;
  try {
    parsed = parseOciReference(text, "release.oci.repository");
  } catch (error) {
    throw new UserError(`the model name "${model}" under ${prefix.registry}/${prefix.repository} is not an OCI repository name`, {
      hint: "OCI repository names are lower-case letters and digits joined by '.', '_' or '-': rename the model (e.g. adult-income) or shorten the repository",
      cause: error,
    });
  }
  return { registry: parsed.registry, repository: parsed.repository };
}

/** The layout the image carries for `manifest`, and the model folder's name (Triton's model name). */
export function modelcarLayout(manifest: ModelManifest): { layout: ModelcarLayout; model: string } {
  const triton = manifest.serving?.find(
    (asset) => asset.layout === "triton-model-repository" && asset.file !== undefined && asset.tritonModel !== undefined,
  );
  return triton === undefined
    ? { layout: "onnx-file", model: manifest.name }
    : { layout: "triton-model-repository", model: triton.tritonModel! };
}

/**
 * Layer 1: `models/` and the runtime layout of `modelBytes` served as `model`. Pure: the same inputs
 * give the same bytes, so a verifier rebuilds it from a verified model.onnx and compares digests.
 */
export async function modelsLayer(options: { model: string; layout: ModelcarLayout; modelBytes: Buffer }): Promise<Layer> {
  const mtime = ENTRY_TIME;
  const top = new WriteEntry({ path: "models/", type: "Directory", mode: 0o755, mtime });
  if (options.layout === "onnx-file")
    return layerOf([top, new WriteEntry({ path: `models/${TRITON_MODEL_FILE}`, mode: 0o644, mtime }, options.modelBytes)]);
  let graph: ReturnType<typeof readOnnxGraph>;
  try {
    graph = readOnnxGraph(options.modelBytes);
  } catch (error) {
    throw new UserError(`the model of ${options.model} is not an ONNX model, so no Triton model repository can hold it`, {
      hint: "release the model.onnx that training wrote",
      cause: error,
    });
  }
  const config = tritonModelConfig(options.model, graph);
  if ("unavailable" in config)
    throw new UserError(`Triton cannot serve the model of ${options.model}: ${config.unavailable}`, {
      hint: "build the image with the onnx-file layout (the release's manifest lists no Triton model repository for such a model)",
    });
  return layerOf([
    top,
    ...tritonEntries(options.model, config.text, { size: options.modelBytes.byteLength, body: options.modelBytes }, "models/"),
  ]);
}

/** EM_X86_64 and EM_AARCH64 (System V ABI, e_machine) as OCI names them. */
const ARCHITECTURES: ReadonlyMap<number, string> = new Map([
  [62, "amd64"],
  [183, "arm64"],
]);
const PT_INTERP = 3;

/**
 * The OCI architecture of a static ELF executable, or why it is not one: not ELF, not 64-bit
 * little-endian, another machine, or dynamically linked (a PT_INTERP program header names the loader,
 * which the image does not hold).
 */
export function staticElfArchitecture(bytes: Buffer): { architecture: string } | { problem: string } {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) return { problem: "is not an ELF executable" };
  if (bytes[4] !== 2 || bytes[5] !== 1) return { problem: "is not a 64-bit little-endian ELF executable" };
  const machine = bytes.readUInt16LE(18);
  const architecture = ARCHITECTURES.get(machine);
  if (architecture === undefined) return { problem: `is an ELF executable for machine ${machine}, neither amd64 nor arm64` };
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const phnum = bytes.readUInt16LE(56);
  if (phentsize < 4 || phoff + phnum * phentsize > bytes.length) return { problem: "has program headers outside the file" };
  for (let index = 0; index < phnum; index++)
    if (bytes.readUInt32LE(phoff + index * phentsize) === PT_INTERP)
      return { problem: "is dynamically linked (it names a program interpreter); the image holds no shared libraries" };
  return { architecture };
}

const BUSYBOX_HINT = "apt-get install busybox-static, or set release.oci.busybox";

/** Layer 0 from the busybox at `busyboxPath`, and the architecture its ELF header names. */
export async function baseLayer(busyboxPath: string): Promise<Layer & { architecture: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(busyboxPath);
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(code === "ENOENT" ? "busybox is not there" : `cannot read busybox (${code ?? String(error)})`, {
      file: busyboxPath,
      hint: BUSYBOX_HINT,
      cause: error,
    });
  }
  const elf = staticElfArchitecture(bytes);
  if ("problem" in elf)
    throw new UserError(`${elf.problem}: a modelcar's base needs a static busybox`, { file: busyboxPath, hint: BUSYBOX_HINT });
  const mtime = ENTRY_TIME;
  const layer = await layerOf([
    new WriteEntry({ path: "bin/", type: "Directory", mode: 0o755, mtime }),
    new WriteEntry({ path: "bin/busybox", mode: 0o755, mtime }, bytes),
    ...BUSYBOX_APPLETS.map(
      (applet) => new WriteEntry({ path: `bin/${applet}`, type: "SymbolicLink", mode: 0o755, mtime, linkpath: "busybox" }),
    ),
  ]);
  return { ...layer, architecture: elf.architecture };
}

/** The media type of a package file in the artifact. */
export function packageFileMediaType(file: Pick<ManifestFile, "name" | "role">): string {
  if (file.name.endsWith(".md")) return "text/markdown";
  if (file.role === "other") return "application/octet-stream";
  return `application/vnd.modelship.${file.role}.v1+json`;
}

/** Roles that the image carries, not the artifact. */
const IMAGE_ROLES: ReadonlySet<FileRole> = new Set(["model", "triton-model-repository"]);

/** The package files the artifact carries: every file of manifest.files but the model and the Triton archive. */
export function artifactFiles(manifest: ModelManifest): ManifestFile[] {
  return manifest.files.filter((file) => !IMAGE_ROLES.has(file.role));
}

/** A manifest ready to push: the object, its exact bytes and digest, and every blob it names. */
export interface BuiltManifest {
  manifest: OciImageManifest;
  bytes: Buffer;
  digest: string;
  /** The config blob first, then each layer's blob. */
  blobs: Buffer[];
}

/**
 * The package artifact: a referrer of `subject` (the image) holding manifest.json and every file
 * `artifactFiles` lists, their bytes from `files` (by name; each checked against its sha256).
 */
export function packageArtifact(options: {
  subject: OciDescriptor;
  manifest: ModelManifest;
  manifestBytes: Buffer;
  files: ReadonlyMap<string, Buffer>;
}): BuiltManifest {
  const { manifest } = options;
  const blobs = [EMPTY_CONFIG_BYTES, options.manifestBytes];
  const layers = [ociDescriptor(MANIFEST_MEDIA_TYPE, options.manifestBytes, { [ANNOTATION.title]: MANIFEST_NAME })];
  for (const file of artifactFiles(manifest)) {
    const bytes = options.files.get(file.name);
    if (bytes === undefined)
      throw new UserError(`the package of ${manifest.name} ${manifest.version} lacks ${file.name}, which its manifest lists`, {
        hint: "publish the package folder that release wrote, whole",
      });
    if (sha256Of(bytes) !== file.sha256)
      throw new UserError(`${file.name} of ${manifest.name} ${manifest.version} does not match the sha256 its manifest lists`, {
        hint: "publish the package folder that release wrote, unchanged",
      });
    blobs.push(bytes);
    layers.push(ociDescriptor(packageFileMediaType(file), bytes, { [ANNOTATION.title]: file.name }));
  }
  const artifact: OciImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: PACKAGE_ARTIFACT_TYPE,
    config: ociDescriptor(OCI_EMPTY_CONFIG, EMPTY_CONFIG_BYTES),
    layers,
    subject: options.subject,
    annotations: { [ANNOTATION.created]: manifest.created, [ANNOTATION.manifestSha256]: sha256Of(options.manifestBytes) },
  };
  const bytes = Buffer.from(JSON.stringify(artifact));
  return { manifest: artifact, bytes, digest: ociDigest(bytes), blobs };
}

/** What buildModelcar makes: the image, its blobs, and the artifact that refers to an image. */
export interface Modelcar {
  image: OciImageManifest;
  imageBytes: Buffer;
  digest: string;
  /** The image's descriptor (a referrer's subject). */
  descriptor: OciDescriptor;
  config: Buffer;
  /** The gzip blobs of layer 0 (base) and layer 1 (models). */
  layers: Buffer[];
  /** The package artifact referring to `subject` (this image, or the one an existing tag names). */
  artifact: (subject: OciDescriptor, files: ReadonlyMap<string, Buffer>) => BuiltManifest;
}

/** The modelcar image of a release. The same manifest, model and busybox bytes give the same digest. */
export async function buildModelcar(source: {
  manifest: ModelManifest;
  manifestBytes: Buffer;
  modelBytes: Buffer;
  busybox: string;
  sourceUrl?: string;
}): Promise<Modelcar> {
  const { manifest } = source;
  const modelFile = manifest.files.find((file) => file.role === "model");
  const modelSha256 = sha256Of(source.modelBytes);
  if (modelFile === undefined || modelFile.sha256 !== modelSha256)
    throw new UserError(`the model bytes are not the model.onnx that ${manifest.name} ${manifest.version}'s manifest lists`, {
      hint: "publish the package folder that release wrote, unchanged",
    });
  const { layout, model } = modelcarLayout(manifest);
  const base = await baseLayer(source.busybox);
  const models = await modelsLayer({ model, layout, modelBytes: source.modelBytes });
  const { image, imageBytes, config } = modelcarManifest({
    manifest,
    manifestSha256: sha256Of(source.manifestBytes),
    architecture: base.architecture,
    layers: [layerRef(base), layerRef(models)],
    ...(source.sourceUrl === undefined ? {} : { sourceUrl: source.sourceUrl }),
  });
  const descriptor = ociDescriptor(OCI_MANIFEST, imageBytes);
  return {
    image,
    imageBytes,
    digest: descriptor.digest,
    descriptor,
    config,
    layers: [base.gz, models.gz],
    artifact: (subject, files) => packageArtifact({ subject, manifest, manifestBytes: source.manifestBytes, files }),
  };
}

/**
 * The image config and manifest of a modelcar, exactly as bytes: a pure function of the release's
 * manifest, the architecture, the two layers and the source URL. A verifier rebuilds them from what it
 * checked and requires the pulled bytes to be these, so no extra key (a second `LAYERS` that Go's
 * case-insensitive JSON would read), Entrypoint, User or Env can ride along.
 */
export function modelcarManifest(options: {
  manifest: ModelManifest;
  manifestSha256: string;
  architecture: string;
  layers: readonly [LayerRef, LayerRef];
  sourceUrl?: string;
}): { image: OciImageManifest; imageBytes: Buffer; config: Buffer } {
  const { manifest, layers } = options;
  const { layout } = modelcarLayout(manifest);
  const modelSha256 = manifest.files.find((file) => file.role === "model")?.sha256 ?? "";
  const config = Buffer.from(
    JSON.stringify({
      architecture: options.architecture,
      os: "linux",
      created: manifest.created,
      config: { Env: ["PATH=/bin"], Cmd: ["/bin/sh"], WorkingDir: "/" },
      rootfs: { type: "layers", diff_ids: [layers[0].diffId, layers[1].diffId] },
    }),
  );
  const annotations: Record<string, string> = {
    [ANNOTATION.title]: manifest.name,
    [ANNOTATION.version]: manifest.version,
    [ANNOTATION.created]: manifest.created,
    ...(options.sourceUrl === undefined ? {} : { [ANNOTATION.source]: options.sourceUrl }),
    ...(manifest.lineage.gitSha === undefined ? {} : { [ANNOTATION.revision]: manifest.lineage.gitSha }),
    [ANNOTATION.schema]: MODELCAR_SCHEMA,
    [ANNOTATION.modelSha256]: modelSha256,
    [ANNOTATION.manifestSha256]: options.manifestSha256,
    [ANNOTATION.packageDigest]: manifest.digest,
    [ANNOTATION.verdict]: manifest.gate.verdict,
    [ANNOTATION.layout]: layout,
  };
  const image: OciImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: ociDescriptor(OCI_IMAGE_CONFIG, config),
    layers: layers.map((layer) => ({ mediaType: OCI_LAYER_GZIP, digest: layer.digest, size: layer.size })),
    annotations,
  };
  return { image, imageBytes: Buffer.from(JSON.stringify(image)), config };
}

/** A layer as a manifest and a config name it: the gzip blob's digest and size, and the tar's digest. */
export interface LayerRef {
  digest: string;
  size: number;
  diffId: string;
}

/** The reference of a built layer. */
export function layerRef(layer: Layer): LayerRef {
  return { digest: ociDigest(layer.gz), size: layer.gz.byteLength, diffId: layer.diffId };
}
