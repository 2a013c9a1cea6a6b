/**
 * The registry on GitHub Releases: one release per model version, tagged `{model}/v{version}` (or a
 * configured format), its assets the package's files. A version is published in three steps — create
 * a draft, upload every asset, publish — because a published release is immutable: a run that dies
 * half-way leaves a draft that nobody sees, and the next run resumes it. Asset bytes are streamed in
 * and out of files; a download follows GitHub's redirect to its storage host without the token,
 * through the guarded client (net/safe-http.ts): the storage URL keeps the API's scheme and may not
 * be an internal address unless `network` allows it — the API's own host and port (GITHUB_API_URL,
 * set by the runner) are allowed implicitly.
 */
import { retryBaseFromEnv } from "../common/retry.ts";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import type { ReadableStream } from "node:stream/web";
import { byCodeUnit } from "../common/compare.ts";
import { errnoCode, getErrorMessage, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";
import { allowEntryFor } from "../net/allow-internal.ts";
import { guardedGetFollowing, NO_INTERNAL, redactUrl, redirectRefusal, type NetworkPolicy } from "../net/safe-http.ts";
import { MANIFEST_NAME, parseManifest, sha256File, servingUrisOf, sha256Of, SUMS_NAME } from "./manifest.ts";
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
import { markInNotes, neutralizeMarks, newMark, notesWithMark } from "./retirement.ts";
import { compareVersions, DEFAULT_TAG_FORMAT, tagFor, versionFromTag } from "./model-version.ts";

/** GitHub's limit on one release asset. */
const MAX_ASSET_BYTES = 2 * 1024 ** 3;

type Release = Awaited<ReturnType<GitHubClient["rest"]["repos"]["getReleaseByTag"]>>["data"];
type Asset = Release["assets"][number];

export interface GitHubStoreOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Tag format with {model} and {version}; default `{model}/v{version}`. */
  tagFormat?: string;
  logger: Logger;
  /** Largest file accepted; default (and at most sensible) GitHub's `MAX_ASSET_BYTES`. Tests lower it. */
  maxAssetBytes?: number;
  /** Retries of an asset upload or download that failed with 5xx or a dropped connection. Default 3. */
  retries?: number;
  /** Backoff unit in ms (the n-th retry waits n² units); default `MODELSHIP_RETRY_BASE_MS`, else 1000. */
  retryBaseMs?: number;
  /**
   * Which internal addresses the asset storage redirect may lead to (default none); the client's API
   * host and port (GITHUB_API_URL) are added to it.
   */
  network?: NetworkPolicy;
}

/** A file of the package on disk, hashed once. */
interface LocalFile {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  /** For manifest.json: the package it describes; another manifest of the same package will do. */
  describes?: Pick<ModelManifest, "name" | "version" | "tag" | "digest">;
}

/** A GitHub error whose `errors[]` carries `code` (e.g. 422 `already_exists`). */
function hasErrorCode(error: unknown, status: number, code: string): boolean {
  if (httpStatus(error) !== status) return false;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const errors =
    typeof data === "object" && data !== null && "errors" in data && Array.isArray(data.errors) ? (data.errors as unknown[]) : [];
  return errors.some((item) => typeof item === "object" && item !== null && "code" in item && item.code === code);
}

/** 5xx, 429, and a dropped connection (Octokit reports it as 500; fetch and streams by a system error code). */
function isTransient(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== undefined) return status >= 500 || status === 429;
  return errnoCode(error) !== undefined || (error instanceof Error && errnoCode(error.cause) !== undefined);
}

/** The content type an asset is served with. */
function assetContentType(name: string): string {
  if (name.endsWith(".json")) return "application/json";
  // KServe's storage initializer unpacks a .tar.gz only when it is served as one of application/x-tar,
  // application/x-gtar, application/x-gzip or application/gzip (kserve_storage.py, _download_from_uri).
  if (name.endsWith(".tar.gz")) return "application/gzip";
  if (name.endsWith(".md")) return "text/markdown";
  if (name === SUMS_NAME) return "text/plain";
  return "application/octet-stream";
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MiB`
      : `${bytes} bytes`;
}

/** A `RegistryStore` on the releases of one GitHub repository. */
export class GitHubStore implements RegistryStore {
  readonly kind = "github" as const;
  readonly description: string;
  readonly #client: GitHubClient;
  readonly #owner: string;
  readonly #repo: string;
  readonly #tagFormat: string;
  readonly #logger: Logger;
  readonly #maxAssetBytes: number;
  readonly #retries: number;
  readonly #retryBaseMs: number;
  readonly #network: NetworkPolicy;

  constructor(options: GitHubStoreOptions) {
    this.#client = options.client;
    this.#owner = options.owner;
    this.#repo = options.repo;
    this.#tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
    this.#logger = options.logger;
    this.#maxAssetBytes = options.maxAssetBytes ?? MAX_ASSET_BYTES;
    this.#retries = options.retries ?? 3;
    this.#retryBaseMs = options.retryBaseMs ?? retryBaseFromEnv() ?? 1000;
    this.description = `GitHub Releases of ${options.owner}/${options.repo}`;
    // The API itself is trusted (the runner names it); a storage link on its host and port is too.
    const network = options.network ?? NO_INTERNAL;
    const api = new URL(options.client.request.endpoint.DEFAULTS.baseUrl);
    this.#network = { ...network, allowInternal: network.allowInternal.with(allowEntryFor(api)) };
  }

  /** Published versions of `model`, newest first; drafts and other models' tags are left out. */
  async list(model: string): Promise<VersionInfo[]> {
    const versions: VersionInfo[] = [];
    for (const release of await this.#allReleases()) {
      const version = release.draft ? undefined : versionFromTag(release.tag_name, model, this.#tagFormat);
      if (version !== undefined)
        versions.push({
          model,
          version,
          tag: release.tag_name,
          url: release.html_url,
          created: release.published_at ?? release.created_at,
        });
    }
    return versions.sort((a, b) => compareVersions(b.version, a.version));
  }

  /** The manifest of a published version, or undefined when there is no published release with its tag. */
  async readManifest(model: string, version: string): Promise<ModelManifest | undefined> {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    return release === undefined ? undefined : (await this.#manifestOf(release, model)).manifest;
  }

  /** A published version's manifest and asset URLs, or undefined when there is no published release with its tag. */
  async locate(model: string, version: string): Promise<StoredVersion | undefined> {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === undefined) return undefined;
    const { manifest, sha256: manifestSha256 } = await this.#manifestOf(release, model);
    const {
      model: name,
      version: stored,
      tag: storedTag,
      url,
      manifestUrl,
      modelUri,
      servingUris,
    } = this.#outputs({ model, version: manifest.version, tag }, release, manifest, "unchanged");
    return { model: name, version: stored, tag: storedTag, url, manifestUrl, modelUri, servingUris, manifest, manifestSha256 };
  }

  /** The mark at the end of the release's notes (retirement.ts says why there), or undefined. */
  async retirement(model: string, version: string): Promise<RetirementMark | undefined> {
    const release = await this.#publishedRelease(tagFor(model, version, this.#tagFormat));
    return release === undefined ? undefined : markInNotes(release.body, model, version);
  }

  /** Every retirement mark of `model`, newest version first (one listing of the releases). */
  async retirements(model: string): Promise<RetirementMark[]> {
    const marks: RetirementMark[] = [];
    for (const release of await this.#allReleases()) {
      const version = release.draft ? undefined : versionFromTag(release.tag_name, model, this.#tagFormat);
      const mark = version === undefined ? undefined : markInNotes(release.body, model, version);
      if (mark !== undefined) marks.push(mark);
    }
    return marks.sort((a, b) => compareVersions(b.version, a.version));
  }

  /**
   * Appends the mark to the release notes, the one part of an immutable release that may still change.
   * Needs `contents: write`. A release already marked is left as it is (the first mark stands).
   */
  async retire(model: string, version: string, options: { reason?: string; by?: string; now?: Date }): Promise<RetireResult> {
    const mark = newMark(model, version, options);
    const tag = tagFor(model, mark.version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === undefined)
      throw new UserError(
        `${model}@${mark.version} is not released in ${this.description} (no published release tagged ${tag}), so it cannot be retired`,
        { hint: `check the version: modelship registry list ${model}` },
      );
    const existing = markInNotes(release.body, model, mark.version);
    if (existing !== undefined) return { mark: existing, action: "unchanged" };
    // The manifest must be ours: a release that is not a model version is not retired by mistake.
    await this.#manifestOf(release, model);
    const { data: updated } = await this.#client.rest.repos.updateRelease({
      owner: this.#owner,
      repo: this.#repo,
      release_id: release.id,
      body: notesWithMark(release.body, mark),
    });
    const stored = markInNotes(updated.body, model, mark.version);
    if (stored === undefined) throw new Error(`release ${tag}: the retirement mark is not in the notes GitHub returned`);
    return { mark: stored, action: "created" };
  }

  /**
   * Streams every asset of a published version into `dir` (with `only`, those and manifest.json); the
   * caller verifies them against the manifest.
   */
  async download(
    model: string,
    version: string,
    dir: string,
    options: { only?: readonly string[] } = {},
  ): Promise<{ manifest: ModelManifest; names: string[] }> {
    const tag = tagFor(model, version, this.#tagFormat);
    const release = await this.#publishedRelease(tag);
    if (release === undefined) {
      throw new UserError(`${model}@${version} is not released in ${this.description} (no published release tagged ${tag})`, {
        hint: "check the model name and version; list the released versions with `modelship list`",
      });
    }
    const names: string[] = [];
    const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
      owner: this.#owner,
      repo: this.#repo,
      release_id: release.id,
      per_page: 100,
    });
    const wanted = options.only === undefined ? undefined : new Set([...options.only, MANIFEST_NAME]);
    for (const asset of assets) {
      if (wanted !== undefined && !wanted.has(asset.name)) continue;
      // Asset names are flat on GitHub; refuse anything that would write outside `dir`.
      if (asset.name !== basename(asset.name) || asset.name === "." || asset.name === "..")
        throw new Error(`release ${tag} has an asset named ${JSON.stringify(asset.name)}, which is not a file name`);
      this.#logger.debug(`Downloading ${asset.name} (${formatBytes(asset.size)}) from release ${tag}.`);
      await this.#downloadAsset(asset, join(dir, asset.name));
      names.push(asset.name);
    }
    if (!names.includes(MANIFEST_NAME)) throw this.#notOurs(tag, release);
    const manifest = parseManifest(await readFile(join(dir, MANIFEST_NAME), "utf8"), `${tag}/${MANIFEST_NAME}`);
    return { manifest, names: names.sort() };
  }

  /** Publishes `pkg` as a release: created, unchanged (same bytes already there), or resumed (a draft completed). */
  async publish(pkg: PackageToPublish): Promise<PublishedVersion> {
    const files = await this.#checkPackage(pkg);
    // Another job may create the same draft between our look and our create: then look again.
    for (let round = 0; round < 3; round++) {
      const published = await this.#publishedRelease(pkg.tag);
      if (published !== undefined) return this.#alreadyPublished(pkg, published);
      const draft = await this.#draftRelease(pkg.tag);
      if (draft !== undefined) {
        await this.#checkDraftIsOurs(pkg, draft);
        this.#logger.info(`Resuming the draft release ${pkg.tag} left by an earlier run.`);
        return this.#complete(pkg, draft, files, "resumed");
      }
      let created: Release;
      try {
        ({ data: created } = await this.#client.rest.repos.createRelease({
          owner: this.#owner,
          repo: this.#repo,
          tag_name: pkg.tag,
          ...(pkg.targetCommitish === undefined ? {} : { target_commitish: pkg.targetCommitish }),
          name: releaseName(pkg),
          body: neutralizeMarks(pkg.notes),
          draft: true,
        }));
      } catch (error) {
        if (hasErrorCode(error, 422, "already_exists")) {
          this.#logger.info(`Release ${pkg.tag} appeared while this run was creating it (another job?); continuing with it.`);
          continue;
        }
        throw error;
      }
      this.#logger.info(`Created the draft release ${pkg.tag}; uploading ${files.length} files.`);
      return this.#complete(pkg, created, files, "created");
    }
    throw new UserError(`release ${pkg.tag} in ${this.#owner}/${this.#repo} kept changing while this run tried to publish it`, {
      hint: "another job is releasing the same version; wait for it and re-run",
    });
  }

  /** Checks the package before any write: names, the tag, sizes; hashes every file. */
  async #checkPackage(pkg: PackageToPublish): Promise<LocalFile[]> {
    if (versionFromTag(pkg.tag, pkg.model, this.#tagFormat) !== pkg.version) {
      throw new UserError(`tag "${pkg.tag}" is not the tag of ${pkg.model}@${pkg.version} under the tag format "${this.#tagFormat}"`, {
        hint: `package the model again with the same tag format (expected ${tagFor(pkg.model, pkg.version, this.#tagFormat)})`,
      });
    }
    if (!pkg.names.includes(MANIFEST_NAME)) throw new Error(`package ${pkg.dir} has no ${MANIFEST_NAME} among its names`);
    const model = pkg.manifest.files.find((file) => file.role === "model");
    if (model === undefined || !pkg.names.includes(model.name)) {
      throw new UserError(`the manifest lists no model file of the package (a file with role "model")`, {
        file: join(pkg.dir, MANIFEST_NAME),
        hint: "package the model again",
      });
    }
    if (new Set(pkg.names).size !== pkg.names.length) throw new Error(`package ${pkg.dir} lists a file twice`);
    const files: LocalFile[] = [];
    for (const name of pkg.names) {
      if (name !== basename(name)) throw new Error(`package file ${JSON.stringify(name)} is not a flat file name`);
      const path = join(pkg.dir, name);
      let bytes: number;
      try {
        bytes = (await stat(path)).size;
      } catch (error) {
        if (errnoCode(error) === "ENOENT")
          throw new UserError(`${name} is missing from the package folder`, { file: path, hint: "package the model again" });
        throw error;
      }
      if (bytes > this.#maxAssetBytes) {
        throw new UserError(
          `${name} is ${formatBytes(bytes)}, over GitHub's limit of ${formatBytes(this.#maxAssetBytes)} per release asset`,
          { file: path, hint: "make the model smaller (quantize it, or drop unused initializers), or use a local registry" },
        );
      }
      const describes = { name: pkg.model, version: pkg.version, tag: pkg.tag, digest: pkg.manifest.digest };
      files.push({ name, path, ...(await sha256File(path)), ...(name === MANIFEST_NAME ? { describes } : {}) });
    }
    // The manifest goes last: a draft holding it is a draft holding everything else, as far as a reader can tell.
    return files.sort((a, b) => Number(a.name === MANIFEST_NAME) - Number(b.name === MANIFEST_NAME) || byCodeUnit(a.name, b.name));
  }

  /** Step 2: the tag is published. Same digest: nothing to do; other bytes or another model: refused. */
  async #alreadyPublished(pkg: PackageToPublish, release: Release): Promise<PublishedVersion> {
    const { manifest } = await this.#manifestOf(release, pkg.model);
    if (manifest.digest !== pkg.manifest.digest) {
      throw new UserError(
        `${pkg.model}@${pkg.version} is already released with other bytes (digest ${manifest.digest}, this package ${pkg.manifest.digest})`,
        { hint: "release a new version (bump: patch); a published version never changes" },
      );
    }
    this.#logger.info(`${pkg.model}@${pkg.version} is already released with these bytes (digest ${manifest.digest}); nothing to do.`);
    return this.#outputs(pkg, release, manifest, "unchanged");
  }

  /** A draft with our tag must be one this model's release made (or one without a manifest yet, named as ours). */
  async #checkDraftIsOurs(pkg: PackageToPublish, draft: Release): Promise<void> {
    const manifestAsset = draft.assets.find((asset) => asset.name === MANIFEST_NAME && asset.state === "uploaded");
    const owner =
      manifestAsset === undefined
        ? undefined
        : await this.#readManifestAsset(manifestAsset, pkg.tag)
            .then((read) => read.manifest.name)
            .catch(() => undefined);
    if (owner !== undefined ? owner !== pkg.model : draft.name !== releaseName(pkg)) {
      throw new UserError(
        `a draft release tagged ${pkg.tag} in ${this.#owner}/${this.#repo} is not a draft of ${pkg.model}@${pkg.version} (${owner === undefined ? `it is named "${draft.name ?? ""}"` : `it holds model ${owner}`})`,
        { hint: `delete that draft (${draft.html_url}), or use a tag format with {model} so that models do not share tags` },
      );
    }
  }

  /** Steps 3 and 4: makes the draft's assets exactly the package's files, verifies them, publishes. */
  async #complete(pkg: PackageToPublish, draft: Release, files: LocalFile[], action: "created" | "resumed"): Promise<PublishedVersion> {
    const wanted = new Map(files.map((file) => [file.name, file]));
    const kept = new Set<string>();
    for (const asset of draft.assets) {
      const file = wanted.get(asset.name);
      if (file !== undefined && !kept.has(asset.name) && (await this.#assetMatches(asset, file))) {
        kept.add(asset.name);
        continue;
      }
      this.#logger.info(
        `Deleting ${file === undefined ? "the stray" : "the incomplete or different"} asset ${asset.name} from draft ${pkg.tag}.`,
      );
      await this.#deleteAsset(asset.id);
    }
    for (const file of files) {
      if (!kept.has(file.name)) await this.#upload(draft, file);
    }
    await this.#verifyDraft(pkg, draft.id, files);
    let published: Release;
    try {
      ({ data: published } = await this.#client.rest.repos.updateRelease({
        owner: this.#owner,
        repo: this.#repo,
        release_id: draft.id,
        ...(pkg.targetCommitish === undefined ? {} : { target_commitish: pkg.targetCommitish }),
        name: releaseName(pkg),
        body: neutralizeMarks(pkg.notes),
        draft: false,
      }));
    } catch (error) {
      // A job publishing the same package may have won the race (immutable releases refuse our edit).
      const winner = httpStatus(error) === 422 ? await this.#publishedRelease(pkg.tag) : undefined;
      if (winner !== undefined) return this.#alreadyPublished(pkg, winner);
      throw error;
    }
    this.#logger.info(`Published ${pkg.model}@${pkg.version}: ${published.html_url}`);
    return this.#outputs(pkg, published, pkg.manifest, action);
  }

  /** Reads the draft again and refuses to publish it unless its assets are exactly the package's files. */
  async #verifyDraft(pkg: PackageToPublish, releaseId: number, files: LocalFile[]): Promise<void> {
    const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
      owner: this.#owner,
      repo: this.#repo,
      release_id: releaseId,
      per_page: 100,
    });
    const problems: string[] = [];
    for (const file of files) {
      const found = assets.filter((asset) => asset.name === file.name);
      if (found.length !== 1) problems.push(`${file.name}: ${found.length === 0 ? "missing" : "uploaded twice"}`);
      else if (!(await this.#assetMatches(found[0]!, file))) problems.push(`${file.name}: size or sha256 differs from the package`);
    }
    for (const asset of assets) if (!files.some((file) => file.name === asset.name)) problems.push(`${asset.name}: not in the package`);
    if (problems.length > 0) {
      throw new UserError(
        `the draft release ${pkg.tag} does not hold exactly the package after uploading (${problems.join("; ")}); it stays an unpublished draft`,
        { hint: "another job may be releasing the same version; re-run to resume the draft" },
      );
    }
  }

  /**
   * True when a stored asset is complete and has the file's size and sha256 — or, for manifest.json,
   * describes the same package: a concurrent job with the same bytes wrote its own timestamp, and
   * replacing its manifest with ours would only make the two jobs undo each other.
   */
  async #assetMatches(asset: Asset, file: LocalFile): Promise<boolean> {
    if (asset.state !== "uploaded") return false;
    if (file.describes !== undefined && !(await this.#sameBytes(asset, file))) {
      const theirs = (await this.#readManifestAsset(asset, file.describes.tag).catch(() => undefined))?.manifest;
      return (
        theirs !== undefined &&
        theirs.name === file.describes.name &&
        theirs.version === file.describes.version &&
        theirs.digest === file.describes.digest
      );
    }
    return this.#sameBytes(asset, file);
  }

  async #sameBytes(asset: Asset, file: LocalFile): Promise<boolean> {
    if (asset.size !== file.bytes) return false;
    if (typeof asset.digest === "string" && asset.digest.startsWith("sha256:")) return asset.digest === `sha256:${file.sha256}`;
    // Older assets and older servers have no digest: hash the stored bytes rather than trust the size.
    const sha256 = await this.#retrying(`reading ${asset.name}`, async () => {
      const hash = createHash("sha256");
      for await (const chunk of Readable.fromWeb(await this.#openAsset(asset)) as AsyncIterable<Buffer>) hash.update(chunk);
      return hash.digest("hex");
    });
    return sha256 === file.sha256;
  }

  /** Uploads one file through the release's `upload_url`, streamed, retrying what can be retried. */
  async #upload(release: Release, file: LocalFile): Promise<void> {
    this.#logger.info(`Uploading ${file.name} (${formatBytes(file.bytes)}).`);
    try {
      await this.#retrying(`uploading ${file.name}`, async () => {
        try {
          await this.#client.request({
            method: "POST",
            url: release.upload_url,
            name: file.name,
            data: Readable.toWeb(createReadStream(file.path)),
            headers: { "content-type": assetContentType(file.name), "content-length": file.bytes },
            // A stream cannot be sent twice, so the client's own retry is off; #retrying opens it again.
            request: { retries: 0 },
          });
        } catch (error) {
          // A half-made asset from a failed attempt, or one a concurrent job uploaded, holds the name.
          if (!hasErrorCode(error, 422, "already_exists")) throw error;
          const assets = await this.#client.paginate(this.#client.rest.repos.listReleaseAssets, {
            owner: this.#owner,
            repo: this.#repo,
            release_id: release.id,
            per_page: 100,
          });
          const existing = assets.find((asset) => asset.name === file.name);
          if (existing !== undefined && (await this.#assetMatches(existing, file))) return;
          if (existing !== undefined) await this.#deleteAsset(existing.id);
          throw Object.assign(new Error(`asset ${file.name} was in the way`), { status: 503 });
        }
      });
    } catch (error) {
      throw new UserError(`uploading ${file.name} to the draft release ${release.tag_name} failed: ${getErrorMessage(error)}`, {
        hint: "the release stays an unpublished draft; re-run the job and it resumes the draft",
        cause: error,
      });
    }
  }

  async #deleteAsset(id: number): Promise<void> {
    try {
      await this.#client.rest.repos.deleteReleaseAsset({ owner: this.#owner, repo: this.#repo, asset_id: id });
    } catch (error) {
      if (httpStatus(error) !== 404) throw error; // Already gone (a concurrent job cleaned it up).
    }
  }

  /** Runs `attempt`, again after a backoff when it fails with 5xx or a dropped connection. */
  async #retrying<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let count = 0; ; count++) {
      try {
        return await attempt();
      } catch (error) {
        if (count >= this.#retries || !isTransient(error)) throw error;
        const wait = this.#retryBaseMs * (count + 1) ** 2;
        this.#logger.warning(
          `${what} failed (${getErrorMessage(error).split("\n")[0]}); retry ${count + 1} of ${this.#retries} in ${wait} ms.`,
        );
        await delay(wait);
      }
    }
  }

  /**
   * The bytes of an asset. The API answers 302 to a pre-signed storage URL; that request goes without
   * the token (it would leak it to another host, and the storage refuses extra credentials anyway),
   * guarded: the same scheme as the API, and no internal address the network policy does not allow.
   */
  async #openAsset(asset: Asset): Promise<ReadableStream<Uint8Array>> {
    const response = await this.#client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
      owner: this.#owner,
      repo: this.#repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
      request: { redirect: "manual", parseSuccessResponseBody: false },
    });
    const body = response.data as unknown as ReadableStream<Uint8Array> | null;
    const status = response.status as number;
    if (status < 300 || status >= 400) {
      if (body === null) throw new Error(`GitHub sent no bytes for asset ${asset.name}`);
      return body;
    }
    await body?.cancel();
    const location = response.headers.location;
    if (location === undefined) throw new Error(`GitHub answered ${status} for asset ${asset.name} without a Location`);
    const api = new URL(response.url);
    const target = new URL(location, api);
    const what = `downloading ${asset.name} from ${this.description}`;
    const refusal = redirectRefusal(api, target);
    if (refusal !== undefined) {
      throw new UserError(`${what}: GitHub redirected from ${redactUrl(api)} to ${redactUrl(target)}, which was not followed: ${refusal}`, {
        hint: "check GITHUB_API_URL: the API and its asset storage must use the same scheme",
      });
    }
    const { response: stored } = await guardedGetFollowing(target, this.#network, {
      what,
      headers: { accept: "application/octet-stream" },
      foreignHeaders: { accept: "application/octet-stream" },
      redirectedFrom: api,
      maxBytes: asset.size, // the release says how big the asset is: a storage host that sends more is cut off
    });
    if (!stored.ok || stored.body === null) {
      await stored.body?.cancel();
      throw Object.assign(new Error(`downloading ${asset.name} from ${target.origin} failed: HTTP ${stored.status}`), {
        status: stored.status,
      });
    }
    return stored.body as ReadableStream<Uint8Array>;
  }

  /** Streams an asset to `path`, checking its size; a failed attempt starts the file over. */
  async #downloadAsset(asset: Asset, path: string): Promise<void> {
    await this.#retrying(`downloading ${asset.name}`, async () => {
      await pipeline(Readable.fromWeb(await this.#openAsset(asset)), createWriteStream(path));
      const { size } = await stat(path);
      if (size !== asset.size)
        throw Object.assign(new Error(`downloaded ${size} bytes of ${asset.name}, expected ${asset.size}`), { status: 502 });
    });
  }

  /** A manifest.json asset, parsed, with the sha256 of the bytes it was parsed from. */
  async #readManifestAsset(asset: Asset, tag: string): Promise<{ manifest: ModelManifest; sha256: string }> {
    const bytes = await this.#retrying(`reading ${MANIFEST_NAME} of ${tag}`, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of Readable.fromWeb(await this.#openAsset(asset)) as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
    return { manifest: parseManifest(bytes.toString("utf8"), `${tag}/${MANIFEST_NAME}`), sha256: sha256Of(bytes) };
  }

  /** The manifest of a release of `model` (and its bytes' sha256); refuses a release that is not one (no manifest, another model). */
  async #manifestOf(release: Release, model: string): Promise<{ manifest: ModelManifest; sha256: string }> {
    const asset = release.assets.find((candidate) => candidate.name === MANIFEST_NAME);
    if (asset === undefined) throw this.#notOurs(release.tag_name, release);
    const read = await this.#readManifestAsset(asset, release.tag_name);
    if (read.manifest.name !== model) {
      throw new UserError(`release ${release.tag_name} in ${this.#owner}/${this.#repo} holds model ${read.manifest.name}, not ${model}`, {
        hint: `use a tag format with {model} (the default is ${DEFAULT_TAG_FORMAT}) so that models do not share tags`,
      });
    }
    return read;
  }

  #notOurs(tag: string, release: Release): UserError {
    return new UserError(`release ${tag} in ${this.#owner}/${this.#repo} has no ${MANIFEST_NAME}: it was not made by modelship`, {
      hint: `release another version, or delete that release (${release.html_url}) if it is a mistake`,
    });
  }

  /** The published release with `tag`, or undefined (GitHub does not find drafts by tag). */
  async #publishedRelease(tag: string): Promise<Release | undefined> {
    try {
      const { data } = await this.#client.rest.repos.getReleaseByTag({ owner: this.#owner, repo: this.#repo, tag });
      return data.draft ? undefined : data;
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }

  /** The oldest draft with `tag` (concurrent jobs converge on the same one), found by listing. */
  async #draftRelease(tag: string): Promise<Release | undefined> {
    const drafts = (await this.#allReleases()).filter((release) => release.draft && release.tag_name === tag).sort((a, b) => a.id - b.id);
    return drafts[0];
  }

  async #allReleases(): Promise<Release[]> {
    return this.#client.paginate(this.#client.rest.repos.listReleases, { owner: this.#owner, repo: this.#repo, per_page: 100 });
  }

  #outputs(
    pkg: Pick<PackageToPublish, "model" | "version" | "tag">,
    release: Release,
    manifest: ModelManifest,
    action: PublishedVersion["action"],
  ): PublishedVersion {
    const urlOf = (name: string): string => {
      const asset = release.assets.find((candidate) => candidate.name === name);
      if (asset === undefined) throw new Error(`release ${release.tag_name} has no asset ${name} after publishing`);
      return asset.browser_download_url;
    };
    const model = manifest.files.find((file) => file.role === "model");
    if (model === undefined)
      throw new UserError(`the manifest of release ${release.tag_name} lists no file with role "model"`, { hint: "release a new version" });
    return {
      model: pkg.model,
      version: pkg.version,
      tag: pkg.tag,
      url: release.html_url,
      manifestUrl: urlOf(MANIFEST_NAME),
      modelUri: urlOf(model.name),
      servingUris: servingUrisOf(manifest, urlOf),
      digest: manifest.digest,
      action,
    };
  }
}

/** The release title: `adult-income v1.4.0`. */
function releaseName(pkg: PackageToPublish): string {
  return `${pkg.model} v${pkg.version}`;
}
