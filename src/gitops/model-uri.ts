/**
 * From a model URI in a manifest back to the release it came from. Promotion writes release asset
 * URLs into GitOps manifests; the canary job and verify-promotion read them back and check the
 * release (its manifest, sha256s and gate verdict) before trusting them.
 *
 * Two shapes are known:
 * - a GitHub release asset: `https://github.com/OWNER/REPO/releases/download/TAG/FILE` (any host,
 *   for GitHub Enterprise Server), TAG made with the tag format (`{model}/v{version}` by default);
 * - a local registry file: `file:///ROOT/MODEL/VERSION/FILE`.
 */
import { fileURLToPath } from "node:url";
import { dirname, basename } from "node:path";
import { DEFAULT_TAG_FORMAT, isModelName, parseTag, parseVersion } from "../registry/model-version.ts";

/** The release a model URI points into. */
export interface ReleaseLocation {
  /** The registry spec that opens its store: `github:OWNER/REPO` or a folder path. */
  registry: string;
  model: string;
  version: string;
  /** The file name inside the package (e.g. model.onnx). */
  file: string;
  /** Set for a GitHub URL: the server (https://github.com or a GHES host). */
  server?: string;
}

/** The release behind a model URI, or undefined when the URI is not a release asset modelship knows. */
export function parseModelUri(uri: string, tagFormat = DEFAULT_TAG_FORMAT): ReleaseLocation | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol === "file:") {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      return undefined;
    }
    const file = basename(path);
    const versionDir = dirname(path);
    const version = basename(versionDir);
    const modelDir = dirname(versionDir);
    const model = basename(modelDir);
    if (!isModelName(model) || parseVersion(version) === undefined || file === "") return undefined;
    return { registry: dirname(modelDir), model, version, file };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const asset = releaseAssetPath(url, tagFormat);
  if (asset === undefined) return undefined;
  const { owner, repo, ...release } = asset;
  return { registry: `github:${owner}/${repo}`, ...release, server: url.origin };
}

/** The parts of a GitHub release download path (`/OWNER/REPO/releases/download/TAG/FILE`), the tag read with `tagFormat`. */
export function releaseAssetPath(
  url: URL,
  tagFormat: string,
): { owner: string; repo: string; model: string; version: string; file: string } | undefined {
  const match = /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (match === null) return undefined;
  let tag: string;
  let file: string;
  try {
    tag = decodeURIComponent(match[3]!);
    file = decodeURIComponent(match[4]!);
  } catch {
    return undefined;
  }
  const parsed = parseTag(tag, tagFormat);
  return parsed === undefined ? undefined : { owner: match[1]!, repo: match[2]!, ...parsed, file };
}

/**
 * Whether a model URI names an OCI image (a KServe modelcar: `oci://REGISTRY/REPO@sha256:…` or
 * `…:TAG`), which the kubelet pulls with the pod's image pull credentials.
 */
export function isOciModelUri(uri: string): boolean {
  return /^oci:\/\/[^\s/]+\/\S+$/i.test(uri);
}

/** Strings in a YAML/JSON text that parse as model URIs (for finding what a change points at). */
export function findModelUris(text: string, tagFormat = DEFAULT_TAG_FORMAT): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:https?|file):\/\/[^\s"'#,}\]]+/g)) {
    if (parseModelUri(match[0], tagFormat) !== undefined) found.add(match[0]);
  }
  return [...found];
}

/**
 * Whether two URIs are files of one release: the same URL up to the last `/` (a GitHub release's
 * download folder, a local registry's version folder), so `…/model.onnx` and
 * `…/triton-model-repository.tar.gz` of one version match and another version's do not; an `oci://`
 * image only matches itself.
 */
export function sameReleaseFolder(a: string, b: string): boolean {
  // An image pinned by digest is one release on its own: two digests under one repository are two releases.
  if (a.startsWith("oci:") || b.startsWith("oci:")) return a === b;
  const folder = (uri: string): string | undefined => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return undefined;
    }
    if (url.search !== "" || url.hash !== "" || url.pathname.endsWith("/")) return undefined;
    return `${url.protocol}//${url.host}${url.pathname.slice(0, url.pathname.lastIndexOf("/") + 1)}`;
  };
  const first = folder(a);
  return first !== undefined && first === folder(b);
}
