/**
 * Fetching a model version for use: download it next to the destination, verify every byte against
 * manifest.json and SHA256SUMS, and only then move it into place, so nothing unverified is ever
 * where a deployment looks. Verified packages can be kept in a cache keyed by their digest; a cached
 * copy is verified again each time it is used, since a cache folder is as writable as any other.
 */
import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { errnoCode, isUserError, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { MANIFEST_NAME, NOTES_NAME, parseManifest, parseSha256Sums, sha256File, sha256Of, shortDigest, SUMS_NAME } from "./manifest.ts";
import type { ModelManifest, RegistryStore, StoredVersion } from "./registry-types.ts";
import { checkModelName, normalizeVersion } from "./model-version.ts";

/**
 * Files a package folder may hold besides those its manifest lists. The release notes a local
 * registry keeps beside a version are allowed in a stored folder but never installed by fetch (no
 * manifest lists them).
 */
const UNLISTED_ALLOWED = new Set([MANIFEST_NAME, SUMS_NAME, NOTES_NAME]);
const TAMPERED = "the release may have been tampered with or the download corrupted; do not use it";
const TAMPERED_HINT = "fetch it again; if it still fails, tell whoever released it and release a new version";

/** What to fetch and where. */
export interface FetchOptions {
  store: RegistryStore;
  model: string;
  /** "1.2.0", "v1.2.0" or "latest". */
  version: string;
  /** Where the package goes; replaced only once the new one is verified. */
  dir: string;
  /** Keeps verified packages in `<cacheDir>/<digest>/`. */
  cacheDir?: string;
  /**
   * The version's manifest as the registry holds it, when the caller has already read it (saves
   * reading it again), with the sha256 of its bytes: the package installed must then hold exactly
   * that manifest.json, the one whose gate record (and attestation) the caller checked.
   */
  published?: Pick<StoredVersion, "manifest" | "manifestSha256">;
  logger: Logger;
}

/** A fetched, verified model version. */
export interface FetchedModel {
  /** The folder the package is in (`dir`). */
  path: string;
  version: string;
  manifest: ModelManifest;
  manifestPath: string;
  /** sha256 (hex) of the installed manifest.json. */
  manifestSha256: string;
  modelPath: string;
  fromCache: boolean;
}

/** A package folder that verified: its manifest and the sha256 of the manifest.json bytes it was parsed from. */
interface VerifiedPackage {
  manifest: ModelManifest;
  manifestSha256: string;
}

/** Fetches a version into `dir`, verified; a failed fetch leaves `dir` as it was. */
export async function fetchModel(options: FetchOptions): Promise<FetchedModel> {
  const { store, logger } = options;
  const model = checkModelName(options.model);
  const dir = resolve(options.dir);
  const version = await resolveVersion(store, model, options.version);
  const published: { manifest: ModelManifest; manifestSha256?: string } | undefined =
    options.published ?? (await store.readManifest(model, version).then((manifest) => manifest && { manifest }));
  if (!published) throw await unknownVersion(store, model, version);
  const { digest } = published.manifest;
  await checkReplaceable(dir);
  // The first folder made above `dir`: a fetch that fails removes it again (with nothing in it but our temp).
  const created = await mkdir(dirname(dir), { recursive: true });

  const label = `${model}@${version}`;
  let temp: string;
  try {
    temp = await makeTemp(dir);
  } catch (error) {
    if (created !== undefined) await removeEmptyFolders(dirname(dir), created);
    throw error;
  }
  let installed = false;
  try {
    let verified: VerifiedPackage | undefined;
    let fromCache = false;
    const cached = options.cacheDir === undefined ? undefined : join(resolve(options.cacheDir), digest);
    if (cached !== undefined && (await isDirectory(cached))) {
      verified = await useCached({ cached, temp, model, version, label, logger });
      if (verified) {
        fromCache = true;
      } else {
        await rm(temp, { recursive: true, force: true });
        temp = await makeTemp(dir);
      }
    }
    const differs = verified === undefined ? undefined : difference(verified, published);
    if (differs !== undefined) {
      // A cache entry that agrees with itself but not with the registry is not this version.
      logger.warning(`The cached copy of ${label} in ${cached ?? ""} holds ${differs}; it is removed and downloaded again`);
      await rm(cached!, { recursive: true, force: true });
      await rm(temp, { recursive: true, force: true });
      temp = await makeTemp(dir);
      verified = undefined;
      fromCache = false;
    }
    if (!verified) {
      logger.info(`Downloading ${label} from ${store.description}`);
      await store.download(model, version, temp);
      // Only the package's own files are kept: a stray file (e.g. release notes) is not installed unverified.
      await rm(join(temp, NOTES_NAME), { force: true });
      verified = await verifyFolder(temp, { model, version }, label);
      const downloaded = difference(verified, published);
      if (downloaded !== undefined)
        throw new UserError(`${label}: the downloaded package holds ${downloaded}; ${TAMPERED}`, {
          file: `${label}/${MANIFEST_NAME}`,
          hint: TAMPERED_HINT,
        });
      if (options.cacheDir !== undefined) await addToCache({ cacheDir: resolve(options.cacheDir), from: temp, digest, logger });
    }
    const { manifest, manifestSha256 } = verified;
    const modelFile = manifest.files.find((file) => file.role === "model");
    if (!modelFile)
      throw new UserError(`${label}: the manifest lists no file with role "model"`, {
        file: `${label}/${MANIFEST_NAME}`,
        hint: "release the version again with its model file",
      });
    await install(temp, dir);
    installed = true;
    logger.info(`Fetched ${label} (digest ${shortDigest(manifest.digest)}${fromCache ? ", from the cache" : ""}) into ${dir}`);
    return {
      path: dir,
      version,
      manifest,
      manifestPath: join(dir, MANIFEST_NAME),
      manifestSha256,
      modelPath: join(dir, modelFile.name),
      fromCache,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
    if (!installed && created !== undefined) await removeEmptyFolders(dirname(dir), created);
  }
}

/**
 * Fills a temporary folder beside `dir` with `fill` and moves it into place only once `fill` returns,
 * with fetchModel's guarantees (a folder holding anything but a fetched package is never replaced; a
 * failed fill leaves `dir` as it was), for a package verified another way: an OCI modelcar, whose
 * every file registry/oci-pull.ts checks as it writes it.
 */
export async function installVerified<T>(dir: string, fill: (temp: string) => Promise<T>): Promise<T> {
  const target = resolve(dir);
  await checkReplaceable(target);
  const created = await mkdir(dirname(target), { recursive: true });
  let installed = false;
  let temp: string | undefined;
  try {
    temp = await makeTemp(target);
    const result = await fill(temp);
    await install(temp, target);
    installed = true;
    return result;
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    if (!installed && created !== undefined) await removeEmptyFolders(dirname(target), created);
  }
}

/** Removes `from` and the folders above it up to `top` while they are empty (what a failed fetch made). */
async function removeEmptyFolders(from: string, top: string): Promise<void> {
  for (let folder = from; ; folder = dirname(folder)) {
    try {
      await rmdir(folder);
    } catch {
      return;
    }
    if (folder === top || dirname(folder) === folder) return;
  }
}

/**
 * How a verified package differs from the registry's version: another digest (other files), or
 * another manifest.json than the one the caller read (and checked the gate record and attestation
 * of); undefined when it is the same.
 */
function difference(verified: VerifiedPackage, published: { manifest: ModelManifest; manifestSha256?: string }): string | undefined {
  if (verified.manifest.digest !== published.manifest.digest)
    return `digest ${shortDigest(verified.manifest.digest)}, not the registry's ${shortDigest(published.manifest.digest)}`;
  if (published.manifestSha256 !== undefined && verified.manifestSha256 !== published.manifestSha256)
    return `a ${MANIFEST_NAME} of sha256 ${shortDigest(verified.manifestSha256)}, not the registry's ${shortDigest(published.manifestSha256)}`;
  return undefined;
}

/** Verifies a downloaded package folder against its manifest and SHA256SUMS; throws a UserError naming the first bad file. */
export async function verifyPackage(dir: string, expected?: { model?: string; version?: string }): Promise<ModelManifest> {
  return (await verifyFolder(dir, expected, dir)).manifest;
}

/**
 * The checks behind verifyPackage. `label` prefixes file names in errors: the folder itself, or
 * model@version when the folder is a temporary one whose name would mean nothing to the reader.
 */
async function verifyFolder(
  dir: string,
  expected: { model?: string; version?: string } | undefined,
  label: string,
): Promise<VerifiedPackage> {
  const where = (name: string): string => `${label}/${name}`;
  const bad = (name: string, problem: string): UserError =>
    new UserError(`${problem}; ${TAMPERED}`, { file: where(name), hint: TAMPERED_HINT });

  const manifestText = await readIfExists(join(dir, MANIFEST_NAME));
  if (manifestText === undefined) throw bad(MANIFEST_NAME, "the package has no manifest.json");
  const manifest = parseManifest(manifestText.toString("utf8"), where(MANIFEST_NAME));
  if (
    (expected?.model !== undefined && manifest.name !== expected.model) ||
    (expected?.version !== undefined && manifest.version !== expected.version)
  ) {
    throw bad(
      MANIFEST_NAME,
      `the manifest is of ${manifest.name}@${manifest.version}, not ${expected.model ?? manifest.name}@${expected.version ?? manifest.version}`,
    );
  }

  const sumsBytes = await readIfExists(join(dir, SUMS_NAME));
  if (sumsBytes === undefined) throw bad(SUMS_NAME, "the package has no SHA256SUMS");
  const sumsSha = sha256Of(sumsBytes);
  if (sumsSha !== manifest.digest)
    throw bad(SUMS_NAME, `sha256 ${shortDigest(sumsSha)} is not the manifest's digest ${shortDigest(manifest.digest)}`);
  const sums = parseSha256Sums(sumsBytes.toString("utf8"), where(SUMS_NAME));

  const listed = new Map<string, (typeof manifest.files)[number]>();
  for (const file of manifest.files) {
    if (file.name === "." || file.name === ".." || UNLISTED_ALLOWED.has(file.name))
      throw bad(MANIFEST_NAME, `the manifest lists "${file.name}", which cannot be a package file`);
    if (listed.has(file.name)) throw bad(MANIFEST_NAME, `the manifest lists "${file.name}" twice`);
    listed.set(file.name, file);
    const sum = sums.get(file.name);
    if (sum === undefined) throw bad(SUMS_NAME, `${file.name} is in the manifest but not in SHA256SUMS`);
    if (sum !== file.sha256)
      throw bad(SUMS_NAME, `${file.name}: SHA256SUMS says ${shortDigest(sum)}, the manifest ${shortDigest(file.sha256)}`);
  }
  for (const name of sums.keys()) if (!listed.has(name)) throw bad(SUMS_NAME, `${name} is in SHA256SUMS but not in the manifest`);

  // Cheap checks first: the folder's entries, then sizes, and only then the hashes.
  const present = new Set<string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) throw bad(entry.name, "is not a regular file (packages hold only flat files)");
    if (!listed.has(entry.name) && !UNLISTED_ALLOWED.has(entry.name)) throw bad(entry.name, "this file is not listed in the manifest");
    present.add(entry.name);
  }
  for (const file of manifest.files) {
    if (!present.has(file.name)) throw bad(file.name, "the manifest lists this file but it is missing");
    const { size } = await stat(join(dir, file.name));
    if (size !== file.bytes) throw bad(file.name, `has ${size} bytes, the manifest says ${file.bytes}`);
  }
  for (const file of manifest.files) {
    const actual = await sha256File(join(dir, file.name));
    if (actual.sha256 !== file.sha256)
      throw bad(file.name, `sha256 ${shortDigest(actual.sha256)} does not match the manifest (expected ${shortDigest(file.sha256)})`);
  }
  return { manifest, manifestSha256: sha256Of(manifestText) };
}

/**
 * The version `requested` names: itself (normalized), or for "latest" the newest version that is not
 * retired (a retired one is refused everywhere, so "latest" naming it would leave no way forward);
 * `logger` hears which retired versions were passed over.
 */
export async function resolveVersion(store: RegistryStore, model: string, requested: string, logger?: Logger): Promise<string> {
  if (requested.trim().toLowerCase() !== "latest") return normalizeVersion(requested.trim());
  const versions = await store.list(model);
  if (versions.length === 0) throw noVersions(store, model);
  // One read of every mark (on GitHub: the releases already listed), not one request per version.
  const retired = new Set((await store.retirements(model)).map((mark) => mark.version));
  const at = versions.findIndex((info) => !retired.has(info.version));
  const newest = versions[at];
  if (newest === undefined)
    throw new UserError(
      `every version of ${model} in ${store.description} is retired (${versions.map((info) => info.version).join(", ")}), so latest names none`,
      {
        hint: `release a new version of ${model} with modelship release, or name a version explicitly (MODEL@VERSION) to see why it was retired`,
      },
    );
  const passed = versions.slice(0, at);
  if (passed.length > 0)
    logger?.info(
      `latest ${model} is ${newest.version}: skipped the retired ${passed.map((info) => info.version).join(", ")} (modelship registry list ${model} shows why)`,
    );
  return newest.version;
}

function noVersions(store: RegistryStore, model: string): UserError {
  return new UserError(`there are no versions of ${model} in ${store.description}`, {
    hint: `release one with modelship release (or check the model name and the registry)`,
  });
}

/** The error for a version that is not there, listing the ones that are. */
export async function unknownVersion(store: RegistryStore, model: string, version: string): Promise<UserError> {
  const versions = (await store.list(model)).map((info) => info.version);
  if (versions.length === 0) return noVersions(store, model);
  const shown = versions.length > 10 ? `${versions.slice(0, 10).join(", ")} and ${versions.length - 10} older` : versions.join(", ");
  return new UserError(`${model}@${version} is not in ${store.description}`, { hint: `released versions: ${shown} (or latest)` });
}

/**
 * Refuses to replace a folder that holds something other than a fetched package: a mistyped `dir`
 * (say ".") must not wipe a workspace.
 */
async function checkReplaceable(dir: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory())
      throw new UserError("is a file, not a folder", { file: dir, hint: "fetch into a new or empty folder" });
    entries = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    if (errnoCode(error) === "ENOTDIR")
      throw new UserError(`${dir} cannot be made: a file stands on its path`, { file: dir, hint: "fetch into a new or empty folder" });
    throw error;
  }
  if (entries.length === 0) return;
  const refuse = (why: string) =>
    new UserError(`${why}, so it is not a fetched model and will not be replaced`, {
      file: dir,
      hint: "fetch into a new or empty folder (--dir, the dir input), or remove that one first",
    });
  const text = await readIfExists(join(dir, MANIFEST_NAME));
  if (text === undefined) throw refuse(`holds files but no ${MANIFEST_NAME}`);
  let manifest: ModelManifest;
  try {
    manifest = parseManifest(text.toString("utf8"), join(dir, MANIFEST_NAME));
  } catch (error) {
    if (isUserError(error)) throw refuse(`holds a ${MANIFEST_NAME} that is not a modelship manifest`);
    throw error;
  }
  // Only a folder holding nothing but a package's files is ours to replace.
  const own = new Set([...manifest.files.map((file) => file.name), MANIFEST_NAME, SUMS_NAME]);
  const foreign = entries.filter((name) => !own.has(name));
  if (foreign.length > 0) throw refuse(`holds files the package does not list (${foreign.slice(0, 5).join(", ")})`);
}

/** Copies a cache entry into `temp` and verifies the copy; undefined (entry removed) when it does not verify. */
async function useCached(options: {
  cached: string;
  temp: string;
  model: string;
  version: string;
  label: string;
  logger: Logger;
}): Promise<VerifiedPackage | undefined> {
  const { cached, temp, logger } = options;
  // Versions with identical files share a digest but not a manifest: a cached copy of another
  // version is simply not a hit (the download replaces it), not damage worth a warning.
  const cachedManifest = await readIfExists(join(cached, MANIFEST_NAME));
  if (cachedManifest !== undefined) {
    try {
      const manifest = parseManifest(cachedManifest.toString("utf8"), join(cached, MANIFEST_NAME));
      if (manifest.name !== options.model || manifest.version !== options.version) {
        logger.debug(
          `The cache holds digest ${shortDigest(manifest.digest)} as ${manifest.name}@${manifest.version}, not ${options.label}`,
        );
        return undefined;
      }
    } catch (error) {
      if (!isUserError(error)) throw error;
    }
  }
  try {
    await copyFiles(cached, temp);
    // The copy is what gets installed, so verifying it covers the cache and the copying.
    return await verifyFolder(temp, { model: options.model, version: options.version }, options.label);
  } catch (error) {
    if (!isUserError(error) && errnoCode(error) === undefined) throw error;
    logger.warning(
      `The cached copy of ${options.label} in ${cached} does not verify and is removed; downloading it again (${isUserError(error) ? `${error.file ?? cached}: ${error.problem}` : String(error)})`,
    );
    await rm(cached, { recursive: true, force: true });
    return undefined;
  }
}

/** Keeps a verified package in the cache; a failure only costs a later download, so it is a warning. */
async function addToCache(options: { cacheDir: string; from: string; digest: string; logger: Logger }): Promise<void> {
  const entry = join(options.cacheDir, options.digest);
  let temp: string | undefined;
  try {
    await mkdir(options.cacheDir, { recursive: true });
    temp = await mkdtemp(join(options.cacheDir, ".tmp-"));
    await copyFiles(options.from, temp);
    // An entry of another version with the same digest is replaced by this one.
    await rm(entry, { recursive: true, force: true });
    await rename(temp, entry);
    temp = undefined;
  } catch (error) {
    options.logger.warning(
      `Could not keep ${shortDigest(options.digest)} in the cache ${options.cacheDir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Moves the verified `temp` to `dir`. A new or empty `dir` is one atomic rename; an existing package
 * is swapped with two renames (old aside, new in), and put back if the second one fails.
 */
async function install(temp: string, dir: string): Promise<void> {
  try {
    await rename(temp, dir);
    return;
  } catch (error) {
    const code = errnoCode(error);
    if (code !== "EEXIST" && code !== "ENOTEMPTY" && code !== "EPERM") throw error;
  }
  const old = join(dirname(dir), `.${basename(dir)}.old-${randomBytes(6).toString("hex")}`);
  await rename(dir, old);
  try {
    await rename(temp, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

/** A temporary folder beside `dir`, on the same file system so that the final rename is atomic. */
async function makeTemp(dir: string): Promise<string> {
  const temp = await mkdtemp(join(dirname(dir), `.${basename(dir)}.fetch-`));
  // mkdtemp makes it private (0700); the installed folder should read like any other.
  await chmod(temp, 0o755);
  return temp;
}

async function copyFiles(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(join(from, entry.name), join(to, entry.name));
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A file's bytes, or undefined when it (or a folder on its path) is not there. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return undefined;
    throw error;
  }
}
