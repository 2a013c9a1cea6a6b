/**
 * Releases and release assets: list, get, get by tag, create, update, delete; upload, download and
 * delete assets. Asset bytes are served as GitHub serves them: the API answers a download with 302 to
 * a pre-signed link on another host (here `localhost` instead of `127.0.0.1`), which needs no token.
 */
import { createHash, createHmac } from "node:crypto";
import { renderUser, type RenderContext } from "./render.ts";
import {
  errorResult,
  notFound,
  paginate,
  positiveInteger,
  validationFailed,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from "./responses.ts";
import { repoKey, timestamp, type AssetRecord, type ReleaseRecord, type RepoRecord } from "./state.ts";

const HTML = "https://github.com";

function findRepo(context: HandlerContext): RepoRecord | undefined {
  return context.state.findRepo(context.params.owner!, context.params.repo!);
}

function fullName(repo: RepoRecord): string {
  return `${repo.owner}/${repo.name}`;
}

/** A release of the repository in the path, by the `release_id` path parameter. */
function findRelease(context: HandlerContext): { repo: RepoRecord; release: ReleaseRecord } | undefined {
  const repo = findRepo(context);
  const id = positiveInteger(context.params.release_id);
  const release = id === undefined ? undefined : context.state.releases.get(id);
  if (repo === undefined || release === undefined || repoKey(release.repo) !== repoKey(fullName(repo))) return undefined;
  return { repo, release };
}

function releaseOf(context: RenderContext, asset: AssetRecord): ReleaseRecord {
  const release = context.state.releases.get(asset.releaseId);
  if (release === undefined) throw new Error(`asset ${asset.id} outlived its release ${asset.releaseId}`);
  return release;
}

function renderAsset(context: RenderContext, asset: AssetRecord): Record<string, unknown> {
  const release = releaseOf(context, asset);
  return {
    url: `${context.apiUrl}/repos/${release.repo}/releases/assets/${asset.id}`,
    browser_download_url: `${HTML}/${release.repo}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: `RA_kwDO${Buffer.from(String(asset.id)).toString("base64url")}`,
    name: asset.name,
    label: asset.label,
    state: "uploaded",
    content_type: asset.contentType,
    size: asset.data.length,
    digest: `sha256:${createHash("sha256").update(asset.data).digest("hex")}`,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: renderUser(context, asset.uploader),
  };
}

function renderRelease(context: RenderContext, release: ReleaseRecord): Record<string, unknown> {
  const url = `${context.apiUrl}/repos/${release.repo}/releases/${release.id}`;
  const tag = encodeURIComponent(release.tagName);
  const assets = [...context.state.assets.values()].filter((asset) => asset.releaseId === release.id).sort((a, b) => a.id - b.id);
  return {
    url,
    html_url: `${HTML}/${release.repo}/releases/tag/${tag}`,
    assets_url: `${url}/assets`,
    upload_url: `${context.uploadsUrl}/repos/${release.repo}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${context.apiUrl}/repos/${release.repo}/tarball/${tag}`,
    zipball_url: `${context.apiUrl}/repos/${release.repo}/zipball/${tag}`,
    id: release.id,
    node_id: `RE_kwDO${Buffer.from(String(release.id)).toString("base64url")}`,
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.createdAt,
    updated_at: release.publishedAt ?? release.createdAt,
    published_at: release.publishedAt,
    author: renderUser(context, release.author),
    assets: assets.map((asset) => renderAsset(context, asset)),
  };
}

/** Where pre-signed asset links point: the fake's own port under another host name, so a client that sends its token across hosts is caught. */
export const STORAGE_PREFIX = "/_storage/release-assets";

/** True when an `accept` header asks for raw bytes (GitHub's way to download an asset through the API). */
function wantsBytes(accept: string | undefined): boolean {
  return accept?.split(",").some((type) => type.trim().split(";")[0]!.toLowerCase() === "application/octet-stream") ?? false;
}

/** The signature of a storage link for an asset (a per-fake secret, as a storage service signs its links). */
export function storageSignature(secret: string, assetId: number): string {
  return createHmac("sha256", secret).update(String(assetId)).digest("hex");
}

function storageLink(context: RenderContext, asset: AssetRecord): string {
  const url = new URL(context.apiUrl);
  url.hostname = "localhost";
  url.pathname = `${STORAGE_PREFIX}/${asset.id}/${encodeURIComponent(asset.name)}`;
  url.search = new URLSearchParams({ sig: storageSignature(context.state.storageSecret, asset.id) }).toString();
  return url.toString();
}

/** Fields of a create/update body the schema has already accepted. */
interface ReleaseFields {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
}

function tagTaken(context: HandlerContext, repo: RepoRecord, tagName: string, except?: number): boolean {
  return [...context.state.releases.values()].some(
    (other) => other.id !== except && repoKey(other.repo) === repoKey(fullName(repo)) && other.tagName === tagName,
  );
}

function ok(context: HandlerContext, release: ReleaseRecord, status = 200): HandlerResult {
  return { status, body: renderRelease(context, release) };
}

/** Handlers for the release operations, by operationId. */
export const releaseHandlers: Record<string, Handler> = {
  "repos/list-releases": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    // Newest first, as GitHub lists them.
    const releases = [...context.state.releases.values()]
      .filter((release) => repoKey(release.repo) === repoKey(fullName(repo)))
      .sort((a, b) => b.id - a.id);
    return paginate(
      context,
      releases.map((release) => renderRelease(context, release)),
    );
  },

  "repos/get-release": (context) => {
    const found = findRelease(context);
    return found === undefined ? notFound() : ok(context, found.release);
  },

  "repos/get-release-by-tag": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    // Drafts have no tag yet: GitHub does not find them by tag.
    const release = [...context.state.releases.values()].find(
      (r) => repoKey(r.repo) === repoKey(fullName(repo)) && r.tagName === context.params.tag && !r.draft,
    );
    return release === undefined ? notFound() : ok(context, release);
  },

  "repos/create-release": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const fields = context.body as ReleaseFields & { tag_name: string };
    if (tagTaken(context, repo, fields.tag_name))
      return validationFailed([{ resource: "Release", field: "tag_name", code: "already_exists" }]);
    const now = timestamp();
    const draft = fields.draft ?? false;
    const release: ReleaseRecord = {
      id: context.state.nextId(),
      repo: fullName(repo),
      tagName: fields.tag_name,
      targetCommitish: fields.target_commitish ?? "main",
      name: fields.name ?? null,
      body: fields.body ?? null,
      draft,
      prerelease: fields.prerelease ?? false,
      author: context.login,
      createdAt: now,
      publishedAt: draft ? null : now,
    };
    context.state.releases.set(release.id, release);
    const rendered = renderRelease(context, release);
    return { status: 201, body: rendered, headers: { location: rendered.url as string } };
  },

  "repos/update-release": (context) => {
    const found = findRelease(context);
    if (found === undefined) return notFound();
    const { release, repo } = found;
    const fields = context.body as ReleaseFields;
    if (fields.tag_name !== undefined && tagTaken(context, repo, fields.tag_name, release.id))
      return validationFailed([{ resource: "Release", field: "tag_name", code: "already_exists" }]);
    release.tagName = fields.tag_name ?? release.tagName;
    release.targetCommitish = fields.target_commitish ?? release.targetCommitish;
    release.name = fields.name ?? release.name;
    release.body = fields.body ?? release.body;
    release.prerelease = fields.prerelease ?? release.prerelease;
    if (fields.draft !== undefined) {
      release.draft = fields.draft;
      release.publishedAt = fields.draft ? null : (release.publishedAt ?? timestamp());
    }
    return ok(context, release);
  },

  "repos/delete-release": (context) => {
    const found = findRelease(context);
    if (found === undefined) return notFound();
    context.state.releases.delete(found.release.id);
    for (const asset of [...context.state.assets.values()]) if (asset.releaseId === found.release.id) context.state.assets.delete(asset.id);
    return { status: 204 };
  },

  "repos/list-release-assets": (context) => {
    const found = findRelease(context);
    if (found === undefined) return notFound();
    return paginate(context, renderRelease(context, found.release).assets as unknown[]);
  },

  "repos/upload-release-asset": (context) => {
    const found = findRelease(context);
    if (found === undefined) return notFound();
    const name = context.query.name;
    if (name === undefined || name === "") return errorResult(422, "Bad Content-Length or missing name parameter");
    const taken = [...context.state.assets.values()].some((asset) => asset.releaseId === found.release.id && asset.name === name);
    if (taken) return validationFailed([{ resource: "ReleaseAsset", field: "name", code: "already_exists" }]);
    const data: Buffer = Buffer.isBuffer(context.body) ? context.body : Buffer.alloc(0);
    const asset: AssetRecord = {
      id: context.state.nextId(),
      releaseId: found.release.id,
      name,
      label: context.query.label ?? null,
      contentType: context.contentType ?? "application/octet-stream",
      data,
      uploader: context.login,
      createdAt: timestamp(),
    };
    context.state.assets.set(asset.id, asset);
    return { status: 201, body: renderAsset(context, asset) };
  },

  "repos/get-release-asset": (context) => {
    const repo = findRepo(context);
    const id = positiveInteger(context.params.asset_id);
    const asset = id === undefined ? undefined : context.state.assets.get(id);
    if (repo === undefined || asset === undefined || repoKey(releaseOf(context, asset).repo) !== repoKey(fullName(repo))) return notFound();
    // The description lists 302 for this operation: the bytes live on a storage host, not the API.
    if (wantsBytes(context.accept)) return { status: 302, headers: { location: storageLink(context, asset) } };
    return { status: 200, body: renderAsset(context, asset) };
  },

  "repos/delete-release-asset": (context) => {
    const repo = findRepo(context);
    const id = positiveInteger(context.params.asset_id);
    const asset = id === undefined ? undefined : context.state.assets.get(id);
    if (repo === undefined || asset === undefined || repoKey(releaseOf(context, asset).repo) !== repoKey(fullName(repo))) return notFound();
    context.state.assets.delete(asset.id);
    return { status: 204 };
  },
};
