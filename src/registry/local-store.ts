/**
 * A registry in a local folder (or a network share), laid out like GitHub Releases:
 * `<root>/<model>/<version>/` holds the release's assets (flat names, manifest.json and SHA256SUMS
 * among them) plus RELEASE-NOTES.md. A version is staged in `<root>/<model>/.staging-*` and renamed
 * into place, so a version folder is always complete and never changes once it is there.
 *
 * Stale staging folders (from a run that crashed) are invisible to `list` and are removed by the next
 * publish of that model once they are an hour old: younger ones may belong to a publish in progress.
 */
import { randomBytes } from "node:crypto";
import { copyFile, lstat, mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { errnoCode, isUserError, UserError } from "../common/errors.ts";
import { readIfExists, verifyPackage } from "./verified-fetch.ts";
import { MANIFEST_NAME, NOTES_NAME, parseManifest, sha256Of, servingUrisOf, shortDigest, SUMS_NAME } from "./manifest.ts";
import type {
  ModelManifest,
  PackageToPublish,
  PublishedVersion,
  RegistryStore,
  RetirementMark,
  RetireResult,
  StoredVersion,
  VersionInfo,
} from "./registry-types.ts";
import { newMark, readLocalMark, readLocalMarks, writeLocalMark } from "./retirement.ts";
import { checkModelName, compareVersions, normalizeVersion, parseVersion, tagFor } from "./model-version.ts";

const STAGING_PREFIX = ".staging-";
const STALE_STAGING_MS = 60 * 60 * 1000;

/** Options of a LocalStore. */
export interface LocalStoreOptions {
  /** The registry folder: a path or a file:// URL. */
  root: string;
}

/** Model versions in a local folder, with the same immutability rules as GitHub Releases. */
export class LocalStore implements RegistryStore {
  readonly kind = "local";
  readonly description: string;
  /** The registry folder, absolute. */
  readonly root: string;

  constructor(options: LocalStoreOptions) {
    this.root = options.root.startsWith("file:") ? fileURLToPath(options.root) : resolve(options.root);
    this.description = pathToFileURL(this.root).href;
  }

  /** Versions with a manifest.json, newest first; staging folders and stray entries are skipped. */
  async list(model: string): Promise<VersionInfo[]> {
    const modelDir = join(this.root, checkModelName(model));
    let entries;
    try {
      entries = await readdir(modelDir, { withFileTypes: true });
    } catch (error) {
      if (errnoCode(error) === "ENOTDIR") await this.#checkFolders(model);
      if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
      throw error;
    }
    const versions: VersionInfo[] = [];
    for (const entry of entries) {
      // Folders are named without the "v", as the manifest's version is.
      if (!entry.isDirectory() || entry.name.startsWith("v") || parseVersion(entry.name) === undefined) continue;
      const manifestPath = join(modelDir, entry.name, MANIFEST_NAME);
      const text = (await readIfExists(manifestPath))?.toString("utf8");
      if (text === undefined) continue;
      const url = pathToFileURL(join(modelDir, entry.name)).href;
      try {
        const manifest = parseManifest(text, manifestPath);
        versions.push({ model, version: entry.name, tag: manifest.tag, url, created: manifest.created });
      } catch (error) {
        // A damaged manifest still marks a version as taken; fetching it fails with the details.
        if (!isUserError(error)) throw error;
        versions.push({ model, version: entry.name, tag: tagFor(model, entry.name), url });
      }
    }
    return versions.sort((a, b) => compareVersions(b.version, a.version));
  }

  /** The stored manifest (schema-checked), or undefined when the version is not there. */
  async readManifest(model: string, version: string): Promise<ModelManifest | undefined> {
    return (await this.#readManifestFile(model, version))?.manifest;
  }

  /** The stored version's manifest and file:// addresses, or undefined when it is not there. */
  async locate(model: string, version: string): Promise<StoredVersion | undefined> {
    const read = await this.#readManifestFile(model, version);
    if (read === undefined) return undefined;
    const { manifest, sha256: manifestSha256 } = read;
    const {
      model: name,
      version: stored,
      tag: storedTag,
      url,
      manifestUrl,
      modelUri,
      servingUris,
    } = publishedVersion({ model, version: manifest.version, versionDir: this.#versionDir(model, version), manifest, action: "unchanged" });
    return { model: name, version: stored, tag: storedTag, url, manifestUrl, modelUri, servingUris, manifest, manifestSha256 };
  }

  /** Stores the package under `<model>/<version>`: staged, verified, then renamed into place. */
  async publish(pkg: PackageToPublish): Promise<PublishedVersion> {
    const model = checkModelName(pkg.model);
    const version = normalizeVersion(pkg.version);
    const modelDir = join(this.root, model);
    const versionDir = join(modelDir, version);
    checkNames(pkg);

    // A re-run with the same bytes must not write anything (not even timestamps).
    const existing = await this.readManifest(model, version);
    if (existing) return settleExisting({ pkg, versionDir, existing, theirs: pkg.manifest.digest });

    await mkdir(modelDir, { recursive: true });
    await removeStaleStaging(modelDir);
    const staging = join(modelDir, `${STAGING_PREFIX}${version}-${randomBytes(6).toString("hex")}`);
    try {
      await mkdir(staging);
      for (const name of pkg.names) {
        await copyFile(join(pkg.dir, name), join(staging, name));
        await syncFile(join(staging, name));
      }
      // What lands in the registry is checked against its manifest, so a registry never holds a
      // version whose bytes do not match (e.g. a package folder changed after packaging).
      let stored: ModelManifest;
      try {
        stored = await verifyPackage(staging, { model, version });
      } catch (error) {
        if (!isUserError(error)) throw error;
        throw new UserError(`cannot publish ${model}@${version}: the package in ${pkg.dir} does not match its manifest: ${error.problem}`, {
          file: error.file,
          hint: "release again: modelship release packages the model afresh",
        });
      }
      if (stored.digest !== pkg.manifest.digest)
        throw new Error(
          `publish ${model}@${version}: manifest.json on disk has digest ${stored.digest}, the package object ${pkg.manifest.digest}`,
        );
      // The notes sit beside the package for people; fetch never installs them.
      await writeFile(join(staging, NOTES_NAME), pkg.notes);
      await syncFile(join(staging, NOTES_NAME));
      await syncDir(staging);
      try {
        await rename(staging, versionDir);
      } catch (error) {
        // Another publish of this version won the race (EEXIST/ENOTEMPTY, EPERM on Windows), or a
        // folder is in the way: what is there now decides.
        const there = await this.readManifest(model, version);
        if (there) return settleExisting({ pkg, versionDir, existing: there, theirs: pkg.manifest.digest });
        if (errnoCode(error) === "EEXIST" || errnoCode(error) === "ENOTEMPTY") {
          throw new UserError(`${versionDir} exists but holds no ${MANIFEST_NAME}; it is not a modelship version`, {
            file: versionDir,
            hint: "move that folder out of the registry, then publish again",
          });
        }
        throw error;
      }
      await syncDir(modelDir);
      return publishedVersion({ model, version, versionDir, manifest: stored, action: "created" });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Copies every stored file of a version (notes included) into `dir`, unverified. */
  async download(model: string, version: string, dir: string): Promise<{ manifest: ModelManifest; names: string[] }> {
    const manifest = await this.readManifest(model, version);
    if (!manifest)
      throw new UserError(`${model}@${normalizeVersion(version)} is not in the registry ${this.description}`, {
        hint: "list the released versions, or release this one with modelship release",
      });
    const versionDir = this.#versionDir(model, version);
    const names: string[] = [];
    for (const entry of await readdir(versionDir, { withFileTypes: true })) {
      if (!entry.isFile()) {
        // Never followed: a link could point anywhere on the machine, and a release holds only its own flat files.
        const what = entry.isSymbolicLink() ? "a symbolic link" : entry.isDirectory() ? "a folder" : "not a regular file";
        throw new UserError(`is ${what}; a version folder of the registry holds only regular files`, {
          file: join(versionDir, entry.name),
          hint: "remove it from the registry folder (release the model again with modelship release if its files are gone)",
        });
      }
      await copyFile(join(versionDir, entry.name), join(dir, entry.name));
      names.push(entry.name);
    }
    return { manifest, names: names.sort() };
  }

  /** The mark `<model>/<version>.retired.json` beside the version folder (retirement.ts says why there), or undefined. */
  async retirement(model: string, version: string): Promise<RetirementMark | undefined> {
    await this.#checkFolders(model);
    return readLocalMark(join(this.root, checkModelName(model)), model, version);
  }

  /** Every retirement mark of `model`, newest version first. */
  async retirements(model: string): Promise<RetirementMark[]> {
    await this.#checkFolders(model);
    return readLocalMarks(join(this.root, checkModelName(model)), model);
  }

  /** Writes the mark beside the version folder (never inside it: the version's files never change). */
  async retire(model: string, version: string, options: { reason?: string; by?: string; now?: Date }): Promise<RetireResult> {
    const mark = newMark(model, version, options);
    if ((await this.readManifest(model, mark.version)) === undefined)
      throw new UserError(`${model}@${mark.version} is not in the registry ${this.description}, so it cannot be retired`, {
        hint: `check the version: modelship registry list ${model}`,
      });
    return writeLocalMark(join(this.root, checkModelName(model)), mark);
  }

  /**
   * Refuses a registry whose folders are not folders: the registry itself or the model's folder a
   * file, or the version's entry a file or a symbolic link (never followed: it could point anywhere
   * on the machine, and a version folder never changes once it is there).
   */
  async #checkFolders(model: string, version?: string): Promise<void> {
    const paths = [this.root, join(this.root, checkModelName(model))];
    if (version !== undefined) paths.push(this.#versionDir(model, version));
    for (const [index, path] of paths.entries()) {
      let info;
      try {
        // The registry folder itself may be a link (to a share, say); what is inside it may not.
        info = index === 0 ? await stat(path) : await lstat(path);
      } catch (error) {
        if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return;
        throw error;
      }
      if (info.isDirectory()) continue;
      const what =
        index === 0 ? "the registry" : index === 1 ? `${model}'s folder` : `the version folder of ${model}@${normalizeVersion(version!)}`;
      throw new UserError(`is ${info.isSymbolicLink() ? "a symbolic link" : "a file"}, not a folder: it cannot be ${what}`, {
        file: path,
        hint:
          index === 0
            ? "give --registry (the registry input, or release.registry) a folder, e.g. .modelship/registry"
            : "move it out of the registry folder: versions are folders that modelship release writes",
      });
    }
  }

  /** The stored manifest (schema-checked) with the sha256 of its bytes, or undefined when the version is not there. */
  async #readManifestFile(model: string, version: string): Promise<{ manifest: ModelManifest; sha256: string } | undefined> {
    await this.#checkFolders(model, version);
    const path = join(this.#versionDir(model, version), MANIFEST_NAME);
    const bytes = await readIfExists(path);
    return bytes === undefined ? undefined : { manifest: parseManifest(bytes.toString("utf8"), path), sha256: sha256Of(bytes) };
  }

  #versionDir(model: string, version: string): string {
    // Both are checked, so neither can climb out of the registry folder.
    return join(this.root, checkModelName(model), normalizeVersion(version));
  }
}

/** A store from a registry URL: file:///path or a plain path → LocalStore (GitHub is made elsewhere). */
export function localStoreFromUrl(url: string): LocalStore {
  if (url.trim() === "")
    throw new UserError("the registry is empty", { hint: "give a folder (file:///srv/models or ./registry) or github:OWNER/REPO" });
  if (!url.startsWith("file:") && /^[a-z][a-z0-9+.-]+:\/\//i.test(url)) {
    throw new UserError(`registry "${url}" is not a local folder`, {
      hint: "give a folder (file:///srv/models or ./registry) or github:OWNER/REPO",
    });
  }
  return new LocalStore({ root: url });
}

/** Names a package may store: flat, with the manifest and checksums, not clashing with the notes. */
function checkNames(pkg: PackageToPublish): void {
  for (const name of pkg.names) {
    if (name === "" || name === "." || name === ".." || /[/\\]/.test(name)) throw new Error(`publish: "${name}" is not a flat file name`);
    if (name === NOTES_NAME)
      throw new UserError(`the package has a file named ${NOTES_NAME}, where a local registry keeps the release notes`, {
        file: join(pkg.dir, name),
        hint: "rename that file in the package",
      });
  }
  for (const required of [MANIFEST_NAME, SUMS_NAME]) {
    if (!pkg.names.includes(required)) throw new Error(`publish: the package's names lack ${required}`);
  }
}

/** The outcome when the version is already there: unchanged with the same digest, refused otherwise. */
function settleExisting(options: { pkg: PackageToPublish; versionDir: string; existing: ModelManifest; theirs: string }): PublishedVersion {
  const { pkg, versionDir, existing } = options;
  const model = pkg.model;
  const version = existing.version;
  if (existing.digest !== options.theirs) {
    throw new UserError(
      `${model}@${version} is already released with other bytes (digest ${shortDigest(existing.digest)}, this package ${shortDigest(options.theirs)})`,
      {
        file: join(versionDir, MANIFEST_NAME),
        hint: "released versions never change; release a new version (bump: patch)",
      },
    );
  }
  return publishedVersion({ model, version, versionDir, manifest: existing, action: "unchanged" });
}

function publishedVersion(options: {
  model: string;
  version: string;
  versionDir: string;
  manifest: ModelManifest;
  action: PublishedVersion["action"];
}): PublishedVersion {
  const { versionDir, manifest } = options;
  const modelFile = manifest.files.find((file) => file.role === "model");
  return {
    model: options.model,
    version: options.version,
    tag: manifest.tag,
    url: pathToFileURL(versionDir).href,
    manifestUrl: pathToFileURL(join(versionDir, MANIFEST_NAME)).href,
    // A package without a model file (not one modelship makes) points at its folder.
    modelUri: pathToFileURL(modelFile ? join(versionDir, modelFile.name) : versionDir).href,
    servingUris: servingUrisOf(manifest, (name) => pathToFileURL(join(versionDir, name)).href),
    digest: manifest.digest,
    action: options.action,
  };
}

/** Removes staging folders left by crashed publishes; best effort, a failure here must not block a publish. */
async function removeStaleStaging(modelDir: string): Promise<void> {
  const cutoff = Date.now() - STALE_STAGING_MS;
  let names: string[];
  try {
    names = await readdir(modelDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    try {
      if ((await stat(join(modelDir, name))).mtimeMs < cutoff) await rm(join(modelDir, name), { recursive: true, force: true });
    } catch {
      // Another publish removed it first, or it is not ours to remove.
    }
  }
}

/** Flushes a file to disk, so a power loss after the rename cannot leave a version with empty files. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries; best effort, since some platforms (Windows) cannot open folders. */
async function syncDir(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here; the rename is still atomic, only durability across a power loss is weaker.
  }
}
