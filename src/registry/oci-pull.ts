/**
 * Reading a modelcar back (docs: the modelcar format, "Reading it back"): pull the image by digest and
 * trust nothing in it until it is checked against the release it claims to be. The image's annotations
 * point at its manifest.json (pulled as a blob, digest-checked); the model in layer 1 must hash to what
 * that manifest lists, and layer 1 must be byte for byte the layer modelsLayer builds from it (so no
 * extra file, mode or order slips in); layer 0 may hold only busybox and its links, nothing that
 * changes what /mnt/models serves; the config's diff_ids must be the layers' own. The package files are
 * then pulled by their sha256 and written out with SHA256SUMS, the same folder a Release fetch gives
 * (less the Triton archive, whose content is layer 1).
 *
 * Layers are read in memory (gunzip with a size cap, then node-tar's Parser, which hands over every
 * entry, the ones it would skip included, so an unknown type cannot pass unseen).
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Parser, type EntryData } from "tar";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { OCI_MANIFEST, type OciClient, type OciDescriptor } from "../net/oci-client.ts";
import { isOciDigest } from "../net/oci-reference.ts";
import { formatSha256Sums, MANIFEST_NAME, parseManifest, sha256Of, shortDigest, SUMS_NAME } from "./manifest.ts";
import {
  ANNOTATION,
  BASE_ENTRIES,
  baseEntriesProblem,
  MODELCAR_SCHEMA,
  modelcarLayout,
  modelcarManifest,
  modelsLayer,
  OCI_IMAGE_CONFIG,
  staticElfArchitecture,
  OCI_LAYER_GZIP,
  type LayerEntry as ModelcarEntry,
} from "./oci-modelcar.ts";
import type { ModelManifest } from "./registry-types.ts";
import { TRITON_MODEL_FILE } from "./triton-repository.ts";

/** The package files the image does not carry as blobs: the model is in layer 1, and so is the Triton archive's content. */
const IN_LAYERS = new Set(["model", "triton-model-repository"]);
/** The default cap on a blob and on an uncompressed layer (models are read in memory). */
export const DEFAULT_MAX_MODELCAR_BYTES = 4 * 1024 ** 3;

/** A pulled, verified modelcar. */
export interface PulledModelcar {
  manifest: ModelManifest;
  /** sha256 (hex) of manifest.json exactly as released. */
  manifestSha256: string;
  /** The image manifest's digest (`sha256:…`), the subject an image attestation names. */
  imageDigest: string;
  annotations: Record<string, string>;
  /** The files written into `dir`. */
  names: string[];
}

/** One entry of a layer's tar. */
interface LayerEntry {
  type: EntryData["type"];
  path: string;
  mode: number | undefined;
  linkpath: string | undefined;
  /** A regular file's bytes. */
  body?: Buffer;
}

const hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Pulls the modelcar `digest` of the client's repository, verifies it (steps 1–6 of the format) and
 * writes manifest.json, SHA256SUMS, the model and the other package files into `dir` (which must exist
 * and be empty). Every refusal is a UserError naming the oci:// reference, the problem and the fix.
 */
export async function pullModelcar(options: {
  client: OciClient;
  digest: string;
  dir: string;
  logger: Logger;
  /** The most bytes a blob or an uncompressed layer may hold (default 4 GiB). */
  maxBytes?: number;
  /**
   * Called once manifest.json is pulled and matches the annotations, before any layer is: the caller
   * refuses a release it will not take (not in its registry, retired, ungated) by throwing, so no
   * model bytes are downloaded for it.
   */
  accept?: (claimed: { manifest: ModelManifest; manifestSha256: string; reference: string }) => Promise<void>;
}): Promise<PulledModelcar> {
  const { client, digest, dir, logger } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MODELCAR_BYTES;
  if (!isOciDigest(digest))
    throw new UserError(`${client.referenceOf(digest)} names no image digest: pin the digest`, {
      hint: "deploy a modelcar by its digest, oci://REGISTRY/REPOSITORY@sha256:<64 hex digits> (modelship promote writes it so); a tag can be moved",
    });
  const ref = client.referenceOf(digest);
  const refuse = (problem: string, hint = TAMPERED_HINT): UserError => new UserError(`${ref}: ${problem}`, { hint });

  // 1. The image manifest, by digest (the client checks the bytes), and its shape.
  const pulled = await client.pullManifest(digest);
  const image = pulled.manifest as Partial<{
    schemaVersion: unknown;
    mediaType: unknown;
    artifactType: unknown;
    config: Partial<OciDescriptor>;
    layers: unknown;
    annotations: unknown;
  }> | null;
  if (image === null || typeof image !== "object" || image.schemaVersion !== 2 || image.mediaType !== OCI_MANIFEST)
    throw refuse(`is not an OCI image manifest (${OCI_MANIFEST})`, NOT_MODELCAR_HINT);
  const annotations = stringRecord(image.annotations);
  if (image.artifactType !== undefined || annotations[ANNOTATION.schema] !== MODELCAR_SCHEMA)
    throw refuse(`is not a modelship modelcar (annotation ${ANNOTATION.schema} is not ${MODELCAR_SCHEMA})`, NOT_MODELCAR_HINT);
  const config = descriptor(image.config, OCI_IMAGE_CONFIG, "its config", refuse, maxBytes);
  const layers = Array.isArray(image.layers) ? (image.layers as unknown[]) : [];
  if (layers.length !== 2) throw refuse(`has ${layers.length} layers; a modelcar has exactly 2 (busybox, then the model under /models)`);
  const [base, models] = layers.map((layer, index) => descriptor(layer, OCI_LAYER_GZIP, `layer ${index}`, refuse, maxBytes)) as [
    OciDescriptor,
    OciDescriptor,
  ];
  const wanted = (key: string): string => {
    const value = annotations[key];
    if (value === undefined || value === "") throw refuse(`has no ${key} annotation`, NOT_MODELCAR_HINT);
    return value;
  };

  // 2. manifest.json, the blob the annotation names, and the release it describes.
  const manifestSha256 = wanted(ANNOTATION.manifestSha256);
  if (!/^[a-f0-9]{64}$/.test(manifestSha256)) throw refuse(`annotation ${ANNOTATION.manifestSha256} is not a sha256`);
  const manifestBytes = await pullChecked(client, `sha256:${manifestSha256}`, refuse);
  const manifest = parseManifest(manifestBytes.toString("utf8"), `${ref} ${MANIFEST_NAME}`);
  const model = manifest.files.find((file) => file.role === "model");
  if (model === undefined) throw refuse(`its ${MANIFEST_NAME} lists no model file`);
  const { layout, model: folder } = modelcarLayout(manifest);
  const claims: [string, string, string][] = [
    [ANNOTATION.title, manifest.name, "model name"],
    [ANNOTATION.version, manifest.version, "version"],
    [ANNOTATION.packageDigest, manifest.digest, "package digest"],
    [ANNOTATION.modelSha256, model.sha256, `${model.name} sha256`],
    [ANNOTATION.verdict, manifest.gate.verdict, "gate verdict"],
    [ANNOTATION.layout, layout, "layout"],
  ];
  for (const [key, value, what] of claims)
    if (wanted(key) !== value)
      throw refuse(
        `annotation ${key} says ${JSON.stringify(annotations[key])}, but the ${MANIFEST_NAME} it names (${manifest.name}@${manifest.version}) has ${what} ${JSON.stringify(value)}: the image is not the release it claims to be`,
      );

  await options.accept?.({ manifest, manifestSha256, reference: ref });

  // 3. Layer 1: the model under /models, exactly the layer modelsLayer builds from the verified model bytes.
  // manifest.json says how large the model is: the layer, packed or not, is that and a little more
  // (tar headers, config.pbtxt, stored-gzip framing), so a gzip bomb is cut off at the model's size.
  const modelsCap = Math.min(maxBytes, model.bytes + LAYER_SLACK);
  if (models.size > modelsCap) throw refuse(`layer 1 has ${models.size} bytes, more than ${model.name} (${model.bytes} bytes) can fill`);
  const modelsTar = await pullLayer(client, models, 1, modelsCap, refuse);
  const modelsEntries = readLayer(modelsTar, 1, refuse);
  for (const entry of modelsEntries) {
    if (entry.type !== "Directory" && entry.type !== "File")
      throw refuse(`layer 1 holds ${describe(entry)}; the models layer holds only folders and files`);
    if (entry.path !== "models/" && !entry.path.startsWith("models/")) throw refuse(`layer 1 holds ${entry.path}, outside models/`);
  }
  const modelPath = layout === "onnx-file" ? `models/${TRITON_MODEL_FILE}` : `models/${folder}/1/${TRITON_MODEL_FILE}`;
  const modelBytes = modelsEntries.find((entry) => entry.path === modelPath && entry.type === "File")?.body;
  if (modelBytes === undefined) throw refuse(`layer 1 has no ${modelPath}`);
  const modelSha = hex(modelBytes);
  if (modelSha !== model.sha256 || modelBytes.byteLength !== model.bytes)
    throw refuse(
      `${modelPath} in layer 1 has sha256 ${shortDigest(modelSha)} (${modelBytes.byteLength} bytes); ${MANIFEST_NAME} lists ${model.name} as ${shortDigest(model.sha256)} (${model.bytes} bytes)`,
    );
  const rebuilt = await modelsLayer({ model: folder, layout, modelBytes });
  const rebuiltDigest = `sha256:${hex(rebuilt.gz)}`;
  if (rebuiltDigest !== models.digest)
    throw refuse(
      `layer 1 (${shortDigest(models.digest.slice(7))}) is not the layer the release's ${model.name} makes (${shortDigest(rebuiltDigest.slice(7))}): it holds other entries, modes or order than ${layout} of ${manifest.name}`,
    );

  // 4. Layer 0: busybox and its links, nothing else, in plain ustar headers (no long-name or PAX
  // record a Go or Python reader would apply differently from node-tar).
  if (base.size > BASE_CAP) throw refuse(`layer 0 has ${base.size} bytes; a static busybox layer is far smaller`);
  const baseTar = await pullLayer(client, base, 0, BASE_CAP, refuse);
  const plain = plainTarProblem(baseTar);
  if (plain !== undefined) throw refuse(`layer 0: ${plain}; the base layer holds bin/busybox and its links only, in plain headers`);
  const baseEntries = readLayer(baseTar, 0, refuse);
  checkBaseLayer(baseEntries, refuse);
  const busybox = baseEntries.find((entry) => entry.path === "bin/busybox")?.body ?? Buffer.alloc(0);
  const elf = staticElfArchitecture(busybox);
  if ("problem" in elf) throw refuse(`layer 0's bin/busybox ${elf.problem}`);

  // 5. The config's diff_ids name these very layers.
  const configBytes = await pullChecked(client, config.digest, refuse);
  let diffIds: unknown;
  try {
    diffIds = (JSON.parse(configBytes.toString("utf8")) as { rootfs?: { diff_ids?: unknown } }).rootfs?.diff_ids;
  } catch {
    throw refuse("its config is not JSON");
  }
  const actual = [`sha256:${hex(baseTar)}`, `sha256:${hex(modelsTar)}`];
  if (!Array.isArray(diffIds) || diffIds.length !== 2 || diffIds[0] !== actual[0] || diffIds[1] !== actual[1])
    throw refuse(
      `its config's rootfs.diff_ids (${JSON.stringify(diffIds)}) are not the uncompressed layers' digests (${actual.join(", ")})`,
    );
  // 5b. The config and the image manifest are byte for byte what modelship writes for these layers:
  // no Entrypoint, User or Env of someone else's, and no second key a case-insensitive reader would take.
  const source = annotations[ANNOTATION.source];
  const expected = modelcarManifest({
    manifest,
    manifestSha256,
    architecture: elf.architecture,
    layers: [
      { digest: base.digest, size: base.size, diffId: actual[0]! },
      { digest: models.digest, size: models.size, diffId: actual[1]! },
    ],
    ...(source === undefined ? {} : { sourceUrl: source }),
  });
  if (!expected.config.equals(configBytes))
    throw refuse("its config is not the one modelship writes for these layers (other keys or values: an entrypoint, user or environment)");
  if (!expected.imageBytes.equals(pulled.bytes))
    throw refuse("its manifest is not the one modelship writes for these layers and this release (other keys, values or order)");

  // 6. The package files by their sha256, then manifest.json, the model and SHA256SUMS.
  const names: string[] = [];
  const write = async (name: string, bytes: Uint8Array): Promise<void> => {
    await writeFile(join(dir, name), bytes, { flag: "wx", mode: 0o644 });
    names.push(name);
  };
  const sums = formatSha256Sums(manifest.files);
  if (sha256Of(sums) !== manifest.digest)
    throw refuse(
      `the SHA256SUMS its ${MANIFEST_NAME} makes has sha256 ${shortDigest(sha256Of(sums))}, not the package digest ${shortDigest(manifest.digest)}`,
    );
  for (const file of manifest.files) {
    if (!/^[^/\\]+$/.test(file.name) || file.name === "." || file.name === ".." || file.name === MANIFEST_NAME || file.name === SUMS_NAME)
      throw refuse(`its ${MANIFEST_NAME} lists "${file.name}", which cannot be a package file`);
    if (IN_LAYERS.has(file.role)) continue;
    if (file.bytes > maxBytes) throw refuse(`${file.name} has ${file.bytes} bytes, more than the ${maxBytes} allowed`, SIZE_HINT);
    const bytes = await pullChecked(client, `sha256:${file.sha256}`, refuse);
    if (bytes.byteLength !== file.bytes) throw refuse(`${file.name} has ${bytes.byteLength} bytes, ${MANIFEST_NAME} says ${file.bytes}`);
    await write(file.name, bytes);
  }
  await write(MANIFEST_NAME, manifestBytes);
  await write(model.name, modelBytes);
  await write(SUMS_NAME, Buffer.from(sums));
  logger.info(
    `Pulled ${ref}: ${manifest.name}@${manifest.version}, every layer and file verified (digest ${shortDigest(manifest.digest)})`,
  );
  return { manifest, manifestSha256, imageDigest: digest, annotations, names };
}

/** How much a models layer may exceed its model: tar headers, config.pbtxt and the stored-gzip framing. */
const LAYER_SLACK = 16 * 1024 * 1024;
/** The most a base layer (one static busybox, about 2 MB) may hold. */
const BASE_CAP = 64 * 1024 * 1024;

/**
 * Why a tar is not plain ustar, or undefined: every header a regular file ('0'), a folder ('5') or a
 * symbolic link ('2'). GNU long names ('L', 'K'), PAX records ('x', 'g') and the rest are refused,
 * because readers differ on which name wins (node-tar takes a PAX path over a GNU long name; Go's and
 * Python's take the GNU one), so a checked name could differ from the one containerd unpacks.
 * Written here, on the raw 512-byte headers, so the check does not rest on the parser it guards.
 */
export function plainTarProblem(tar: Buffer): string | undefined {
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return undefined;
    const type = String.fromCharCode(header[156]!);
    if (type !== "0" && type !== "5" && type !== "2")
      return `a tar header of type ${JSON.stringify(type)} at byte ${offset} (only files, folders and symbolic links are allowed)`;
    const sizeText = header
      .subarray(124, 136)
      .toString("latin1")
      .replace(/[\0 ]+$/, "");
    if (!/^[0-7]*$/.test(sizeText)) return `a tar header with a size that is not octal at byte ${offset}`;
    const size = sizeText === "" ? 0 : parseInt(sizeText, 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return "a tar that ends without its end-of-archive blocks";
}

const TAMPERED_HINT =
  "the image was tampered with or is not what modelship publishes: do not deploy it; publish the release again (modelship release) and check who can write to the registry";
const NOT_MODELCAR_HINT = "name a modelcar modelship released (modelship release with an OCI registry configured), by its digest";
const SIZE_HINT =
  "check that the reference names a model image modelship pushed: a layer holds its model and a little more, and the limit is the model's size (within 4 GiB)";

/** A manifest's annotations, strings only. */
function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === "string"));
}

/** A descriptor of `mediaType` with a sha256 digest and a size under the cap. */
function descriptor(
  value: unknown,
  mediaType: string,
  what: string,
  refuse: (problem: string, hint?: string) => UserError,
  maxBytes: number,
): OciDescriptor {
  const found = (value ?? {}) as Partial<OciDescriptor>;
  if (found.mediaType !== mediaType) throw refuse(`${what} is ${JSON.stringify(found.mediaType)}, not ${mediaType}`, NOT_MODELCAR_HINT);
  if (typeof found.digest !== "string" || !isOciDigest(found.digest)) throw refuse(`${what} has no sha256 digest`);
  if (typeof found.size !== "number" || !Number.isSafeInteger(found.size) || found.size < 0) throw refuse(`${what} has no size`);
  if (found.size > maxBytes) throw refuse(`${what} has ${found.size} bytes, more than the ${maxBytes} allowed`, SIZE_HINT);
  return { mediaType, digest: found.digest, size: found.size };
}

/**
 * A blob by digest. The client checks every byte against the digest; it is hashed again here, so that
 * what this verifier accepts never rests on the transport alone.
 */
async function pullChecked(client: OciClient, digest: string, refuse: (problem: string, hint?: string) => UserError): Promise<Buffer> {
  const bytes = await client.pullBlob(digest);
  const actual = `sha256:${hex(bytes)}`;
  if (actual !== digest) throw refuse(`the blob ${digest} holds bytes whose digest is ${actual}`);
  return bytes;
}

/** A layer's blob (digest-checked), gunzipped within the cap. */
async function pullLayer(
  client: OciClient,
  layer: OciDescriptor,
  index: number,
  maxBytes: number,
  refuse: (problem: string, hint?: string) => UserError,
): Promise<Buffer> {
  const gz = await pullChecked(client, layer.digest, refuse);
  try {
    return gunzipSync(gz, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw refuse(`layer ${index} unpacks to more than the ${maxBytes} bytes allowed`, SIZE_HINT);
    throw refuse(`layer ${index} is not gzip (${(error as Error).message})`);
  }
}

/**
 * Every entry of a layer, in order, with the bodies of regular files. Refuses what no modelcar holds
 * and what would escape or reshape the file system: absolute paths, `..`, backslashes, whiteouts
 * (`.wh.`, which delete files of a lower layer), hard links, devices, FIFOs and the types node-tar
 * itself would skip; symbolic links are judged by the layer's own rule.
 */
function readLayer(tar: Buffer, index: number, refuse: (problem: string, hint?: string) => UserError): LayerEntry[] {
  const found: LayerEntry[] = [];
  const parser = new Parser({ strict: true });
  let current: LayerEntry | undefined;
  let chunks: Buffer[] = [];
  try {
    parser.push(tar);
    parser.end();
    for (let event = parser.next(); event !== undefined && event.type !== "end"; event = parser.next()) {
      if (event.type === "entry") {
        const { entry } = event;
        current = { type: entry.type, path: entry.path, mode: entry.mode, linkpath: entry.linkpath };
        checkEntry(current, entry.ignore, index, refuse);
        found.push(current);
        chunks = [];
      } else if (event.type === "body") chunks.push(Buffer.from(event.data));
      else if (current !== undefined && current.type === "File") current.body = Buffer.concat(chunks);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse(`layer ${index} is not a tar archive that reads cleanly (${(error as Error).message})`);
  }
  // A file with no body (size 0) has no entryEnd event.
  for (const entry of found) if (entry.type === "File") entry.body ??= Buffer.alloc(0);
  const seen = new Set<string>();
  for (const entry of found) {
    const key = entry.path.replace(/\/+$/, "");
    if (seen.has(key)) throw refuse(`layer ${index} holds ${entry.path} twice; the later one would replace the first`);
    seen.add(key);
  }
  return found;
}

function describe(entry: LayerEntry): string {
  if (entry.type === "SymbolicLink" || entry.type === "Link")
    return `a ${entry.type === "Link" ? "hard" : "symbolic"} link ${entry.path} → ${entry.linkpath ?? ""}`;
  return `${entry.path} (${entry.type})`;
}

/** The checks every layer's entries pass, whatever the layer. */
function checkEntry(entry: LayerEntry, ignored: boolean, index: number, refuse: (problem: string, hint?: string) => UserError): void {
  const { path } = entry;
  const parts = path.split("/");
  if (path.startsWith("/") || path.includes("\\") || parts.includes(".."))
    throw refuse(`layer ${index} holds the path ${JSON.stringify(path)}, which is absolute or leads out of the image`);
  if (parts.some((part) => part.startsWith(".wh.")))
    throw refuse(`layer ${index} holds the whiteout ${path}, which would delete or hide files of another layer`);
  if (entry.type === "Link") throw refuse(`layer ${index} holds ${describe(entry)}; a modelcar holds no hard links`);
  if (ignored || !["Directory", "File", "SymbolicLink"].includes(entry.type))
    throw refuse(`layer ${index} holds ${describe(entry)}; a modelcar holds only folders, files and busybox's links`);
}

/**
 * Layer 0 is exactly busybox and its links (oci-modelcar.ts BASE_ENTRIES, modes and order included);
 * a path under models/ is named as such, since it would change what /mnt/models serves.
 */
function checkBaseLayer(entries: LayerEntry[], refuse: (problem: string, hint?: string) => UserError): void {
  const intruder = entries.find((entry) => entry.path === "models" || entry.path.startsWith("models/"));
  if (intruder !== undefined)
    throw refuse(
      `layer 0 holds ${describe(intruder)}: a path under models/ would change what /mnt/models serves; the base layer holds bin/busybox and its links only`,
    );
  // A symbolic link's own mode means nothing on Linux (it reads as 0777 whatever the tar says): only files' and folders' modes count.
  const linkMode = (path: string): number | undefined =>
    BASE_ENTRIES.find((want) => want.path === path && want.type === "SymbolicLink")?.mode;
  const problem = baseEntriesProblem(
    entries.map((entry): ModelcarEntry => ({
      ...entry,
      mode: (entry.type === "SymbolicLink" ? linkMode(entry.path) : undefined) ?? entry.mode ?? 0,
      linkpath: entry.linkpath,
    })),
  );
  if (problem !== undefined) throw refuse(`layer 0: ${problem}; the base layer holds bin/busybox and its links only`);
}
