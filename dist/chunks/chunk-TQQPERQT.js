import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/common/ref-name.ts
function refNameProblem(name) {
  if (name === "") return "it is empty";
  if (name === "@") return 'it is "@"';
  const control = Array.from({ length: name.length }, (_, index) => name.charCodeAt(index)).some((code) => code <= 32 || code === 127);
  if (control || /[~^:?*[\\]/.test(name)) return "it holds a space, a control character or one of ~ ^ : ? * [ \\";
  if (name.includes("..")) return 'it holds ".."';
  if (name.includes("@{")) return 'it holds "@{"';
  if (name.includes("//") || name.startsWith("/") || name.endsWith("/")) return "it has an empty path component";
  if (name.endsWith(".")) return 'it ends with "."';
  if (name.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock")))
    return 'a component starts with "." or ends with ".lock"';
  if (name.startsWith("-")) return 'it starts with "-"';
  return void 0;
}

// src/registry/model-version.ts
var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
var MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
var DEFAULT_TAG_FORMAT = "{model}/v{version}";
function parseVersion(text) {
  const match = SEMVER.exec(text.startsWith("v") ? text.slice(1) : text);
  if (!match) return void 0;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split(".") ?? [] };
}
function normalizeVersion(text, setting) {
  if (parseVersion(text) === void 0) {
    const build = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(\+.*)$/.exec(text)?.[1];
    const example = "a semantic version like 1.4.0 (or v1.4.0, 2.0.0-rc.1)";
    throw new UserError(
      build === void 0 ? `"${text}" is not a version` : `"${text}" is not a version a release can have: it carries build metadata (${build})`,
      {
        hint: `${setting === void 0 ? "give" : `give ${setting}`} ${example}${build === void 0 ? "" : `, without the ${build} part`}`
      }
    );
  }
  return text.startsWith("v") ? text.slice(1) : text;
}
function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new Error(`compareVersions: "${a}" or "${b}" is not a version`);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return Math.sign(y.prerelease.length - x.prerelease.length);
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === void 0) return -1;
    if (q === void 0) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}
function bumpVersion(latest, bump) {
  if (latest === void 0) return bump === "major" ? "1.0.0" : bump === "minor" ? "0.1.0" : "0.0.1";
  const v = parseVersion(latest);
  if (v.prerelease.length > 0) {
    if (bump === "patch" || bump === "minor" && v.patch === 0 || bump === "major" && v.minor === 0 && v.patch === 0)
      return `${v.major}.${v.minor}.${v.patch}`;
  }
  if (bump === "major") return `${v.major + 1}.0.0`;
  if (bump === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}
function checkModelName(name, setting) {
  if (!MODEL_NAME.test(name))
    throw new UserError(`"${name}" is not a valid model name`, {
      hint: `${setting === void 0 ? "use" : `give ${setting}`} letters, digits, '.', '-' and '_' (at most 100), starting with a letter or digit, e.g. adult-income`
    });
  return name;
}
function checkTagFormat(format, options = {}) {
  const setting = options.setting ?? "the tag format";
  if (!format.includes("{version}"))
    throw new UserError(`tag format "${format}" has no {version}`, {
      hint: `give ${setting} a format with {version}, e.g. ${DEFAULT_TAG_FORMAT}`
    });
  const tag = format.replaceAll("{model}", options.model ?? "model").replaceAll("{version}", options.version ?? "1.0.0");
  const problem = refNameProblem(tag);
  if (problem !== void 0)
    throw new UserError(`tag format "${format}" gives the tag "${tag}", which git does not accept as a tag name: ${problem}`, {
      hint: `give ${setting} a format of letters, digits, '.', '-', '_' and '/', e.g. ${DEFAULT_TAG_FORMAT}`
    });
  return format;
}
function tagFor(model, version, format = DEFAULT_TAG_FORMAT) {
  if (!format.includes("{version}"))
    throw new UserError(`tag format "${format}" has no {version}`, { hint: `use e.g. ${DEFAULT_TAG_FORMAT}` });
  return format.replaceAll("{model}", model).replaceAll("{version}", version);
}
function versionFromTag(tag, model, format = DEFAULT_TAG_FORMAT) {
  const [before, after] = format.replaceAll("{model}", model).split("{version}");
  if (!tag.startsWith(before) || !tag.endsWith(after)) return void 0;
  const version = tag.slice(before.length, tag.length - after.length);
  return parseVersion(version) !== void 0 && !version.startsWith("v") ? version : void 0;
}
function parseTag(tag, format = DEFAULT_TAG_FORMAT) {
  const name = MODEL_NAME.source.slice(1, -1);
  const semver = SEMVER.source.slice(1, -1);
  const pattern = format.split(/(\{model\}|\{version\})/).map(
    (part) => part === "{model}" ? `(?<model>${name})` : part === "{version}" ? `(?<version>${semver})` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  const model = new RegExp(`^${pattern}$`, "i").exec(tag)?.groups?.model;
  const version = model === void 0 ? void 0 : versionFromTag(tag, model, format);
  return model === void 0 || version === void 0 ? void 0 : { model, version };
}
function isModelName(name) {
  return MODEL_NAME.test(name);
}
function parseModelRef(text) {
  const at = text.lastIndexOf("@");
  const model = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? "latest" : text.slice(at + 1);
  if (model === "" || version === "")
    throw new UserError(`"${text}" is not MODEL or MODEL@VERSION`, { hint: "e.g. adult-income@1.2.0 or adult-income@latest" });
  return { model, version };
}

export {
  refNameProblem,
  DEFAULT_TAG_FORMAT,
  parseVersion,
  normalizeVersion,
  compareVersions,
  bumpVersion,
  checkModelName,
  checkTagFormat,
  tagFor,
  versionFromTag,
  parseTag,
  isModelName,
  parseModelRef
};
