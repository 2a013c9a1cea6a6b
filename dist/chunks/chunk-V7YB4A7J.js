import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_TAG_FORMAT,
  isModelName,
  parseTag,
  parseVersion
} from "./chunk-TQQPERQT.js";

// src/gitops/model-uri.ts
import { fileURLToPath } from "node:url";
import { dirname, basename } from "node:path";
function parseModelUri(uri, tagFormat = DEFAULT_TAG_FORMAT) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    return void 0;
  }
  if (url.protocol === "file:") {
    let path;
    try {
      path = fileURLToPath(url);
    } catch {
      return void 0;
    }
    const file = basename(path);
    const versionDir = dirname(path);
    const version = basename(versionDir);
    const modelDir = dirname(versionDir);
    const model = basename(modelDir);
    if (!isModelName(model) || parseVersion(version) === void 0 || file === "") return void 0;
    return { registry: dirname(modelDir), model, version, file };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return void 0;
  const asset = releaseAssetPath(url, tagFormat);
  if (asset === void 0) return void 0;
  const { owner, repo, ...release } = asset;
  return { registry: `github:${owner}/${repo}`, ...release, server: url.origin };
}
function releaseAssetPath(url, tagFormat) {
  const match = /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (match === null) return void 0;
  let tag;
  let file;
  try {
    tag = decodeURIComponent(match[3]);
    file = decodeURIComponent(match[4]);
  } catch {
    return void 0;
  }
  const parsed = parseTag(tag, tagFormat);
  return parsed === void 0 ? void 0 : { owner: match[1], repo: match[2], ...parsed, file };
}
function isOciModelUri(uri) {
  return /^oci:\/\/[^\s/]+\/\S+$/i.test(uri);
}
function findModelUris(text, tagFormat = DEFAULT_TAG_FORMAT) {
  const found = /* @__PURE__ */ new Set();
  for (const match of text.matchAll(/(?:https?|file):\/\/[^\s"'#,}\]]+/g)) {
    if (parseModelUri(match[0], tagFormat) !== void 0) found.add(match[0]);
  }
  return [...found];
}
function sameReleaseFolder(a, b) {
  if (a.startsWith("oci:") || b.startsWith("oci:")) return a === b;
  const folder = (uri) => {
    let url;
    try {
      url = new URL(uri);
    } catch {
      return void 0;
    }
    if (url.search !== "" || url.hash !== "" || url.pathname.endsWith("/")) return void 0;
    return `${url.protocol}//${url.host}${url.pathname.slice(0, url.pathname.lastIndexOf("/") + 1)}`;
  };
  const first = folder(a);
  return first !== void 0 && first === folder(b);
}

export {
  parseModelUri,
  releaseAssetPath,
  isOciModelUri,
  findModelUris,
  sameReleaseFolder
};
