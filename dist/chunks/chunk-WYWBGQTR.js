import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  removeTarget
} from "./chunk-M7G5CJWX.js";
import {
  checkModelcar,
  checkRelease,
  imageRelease,
  servableUris
} from "./chunk-WMANSC4W.js";
import {
  isOciDigest,
  parseOciReference
} from "./chunk-GBAVK5Q7.js";
import {
  checkManifestAliases,
  formatProblem,
  readState,
  validateManifestText
} from "./chunk-IBGUEDEO.js";
import {
  STATE_KEYS,
  withClone
} from "./chunk-VVREGJ63.js";
import {
  findModelUris,
  releaseAssetPath
} from "./chunk-V7YB4A7J.js";
import {
  retiredRefusal,
  shortDigest
} from "./chunk-OXQJNLJL.js";
import {
  DEFAULT_TAG_FORMAT,
  isModelName,
  parseVersion
} from "./chunk-TQQPERQT.js";
import {
  require_dist,
  toPointer
} from "./chunk-RGJ5T3QL.js";
import {
  code,
  escapeMarkdown,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  UserError,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/gitops/promotion-check.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/gitops/serving-uris.ts
var import_yaml = __toESM(require_dist(), 1);
var URI_KEY = /^(storage|model)[_-]?(uri|url)s?$/i;
var URI_ENV = /^(MODEL|STORAGE)(_[A-Z0-9]+)*_(URI|URL|PATH|LOCATION|DIR)S?$/;
var MODEL_FLAG = /^--?[\w.-]*(model|storage)[\w.-]*$/i;
var HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S/i;
var NODE_BUDGET = 2e5;
var MAX_NESTING = 2;
function findServingUris(text, tagFormat) {
  const scan = { uris: [], problems: [] };
  scanText(text, { prefix: "", lineOffset: 0, depth: 0, budget: { left: NODE_BUDGET } }, scan);
  for (const uri of findModelUris(text, tagFormat))
    if (!scan.uris.some((seen) => seen.uri === uri))
      scan.uris.push({ uri, line: lineOf(text, uri), field: "release URL", location: "text" });
  return scan;
}
function lineOf(text, needle) {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
function scanText(text, context, scan) {
  const lineCounter = new import_yaml.LineCounter();
  const documents = (0, import_yaml.parseAllDocuments)(text, { lineCounter });
  if (!Array.isArray(documents)) return;
  documents.forEach((document, index) => {
    if (document.errors.length > 0) return;
    new DocumentScan(document, `${context.prefix}${identityOf(document, index)}`, lineCounter, context, scan).walk(document.contents, []);
  });
}
function identityOf(document, index) {
  let data;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch {
    return `#${index}`;
  }
  const record = typeof data === "object" && data !== null && !Array.isArray(data) ? data : {};
  const metadata = typeof record.metadata === "object" && record.metadata !== null ? record.metadata : {};
  const part = (value) => typeof value === "string" ? value : "";
  const kind = part(record.kind);
  return kind === "" ? `#${index}` : `${kind}/${part(metadata.namespace)}/${part(metadata.name) || `#${index}`}`;
}
var DocumentScan = class {
  #document;
  #identity;
  #lines;
  #context;
  #scan;
  constructor(document, identity, lines, context, scan) {
    this.#document = document;
    this.#identity = identity;
    this.#lines = lines;
    this.#context = context;
    this.#scan = scan;
  }
  /** The node an alias stands for (aliases of aliases too), counted against the budget. */
  #resolve(node) {
    if (--this.#context.budget.left < 0)
      throw new UserError("a YAML file makes verify-promotion visit too many nodes (aliases of aliases?)", {
        hint: "write the manifest without deeply nested aliases"
      });
    let resolved = node;
    for (let hops = 0; (0, import_yaml.isAlias)(resolved) && hops < 100; hops++) resolved = resolved.resolve(this.#document);
    return resolved;
  }
  #line(node) {
    const range = node?.range;
    return this.#context.lineOffset + (range ? this.#lines.linePos(range[0]).line : 1);
  }
  #record(uri, node, path, field) {
    const location = `${this.#identity}${toPointer(path)}`;
    if (!this.#scan.uris.some((seen) => seen.location === location && seen.uri === uri))
      this.#scan.uris.push({ uri, line: this.#line(node), field, location });
  }
  #string(node) {
    const resolved = this.#resolve(node);
    return (0, import_yaml.isScalar)(resolved) && typeof resolved.value === "string" ? resolved.value : void 0;
  }
  walk(node, path) {
    const resolved = this.#resolve(node);
    if ((0, import_yaml.isMap)(resolved)) {
      for (const pair of resolved.items) {
        if (!(0, import_yaml.isPair)(pair)) continue;
        const keyNode = this.#resolve(pair.key);
        const key = (0, import_yaml.isScalar)(keyNode) ? String(keyNode.value) : "";
        if (key === "<<") {
          this.walk(pair.value, path);
          continue;
        }
        this.#visitPair(key, pair.value, [...path, key]);
        this.walk(pair.value, [...path, key]);
      }
      this.#patchOperation(resolved, path);
    } else if ((0, import_yaml.isSeq)(resolved)) {
      resolved.items.forEach((item, index) => {
        this.walk(item, [...path, index]);
      });
    } else if ((0, import_yaml.isScalar)(resolved) && typeof resolved.value === "string") this.#nested(resolved.value, resolved, path);
  }
  #visitPair(key, value, path) {
    const resolved = this.#resolve(value);
    if (URI_KEY.test(key)) {
      const scalars = (0, import_yaml.isSeq)(resolved) ? resolved.items.map((item, index) => [this.#resolve(item), index]) : [[resolved, -1]];
      for (const [scalar, index] of scalars)
        if ((0, import_yaml.isScalar)(scalar) && typeof scalar.value === "string" && scalar.value !== "")
          this.#record(scalar.value, scalar, index < 0 ? path : [...path, index], key);
    }
    if (!(0, import_yaml.isSeq)(resolved)) return;
    if (key === "env") this.#env(resolved.items, path);
    if (key === "args" || key === "command") this.#args(resolved.items, path);
    if (key === "parameters") this.#parameters(resolved.items, path);
    if (key === "literals") this.#literals(resolved.items, path);
  }
  /** Container env: every entry named like a model location, and none taken from elsewhere. */
  #env(items, path) {
    items.forEach((item, index) => {
      const entry = this.#resolve(item);
      if (!(0, import_yaml.isMap)(entry)) return;
      const name = this.#string(entry.get("name", true));
      if (name === void 0 || !URI_ENV.test(name)) return;
      const value = this.#resolve(entry.get("value", true));
      if ((0, import_yaml.isScalar)(value) && typeof value.value === "string" && value.value !== "")
        this.#record(value.value, value, [...path, index, "value"], `env ${name}`);
      if (entry.has("valueFrom"))
        this.#scan.problems.push(
          `line ${this.#line(entry)}: env ${name} takes its value from valueFrom, which verify-promotion cannot check: write the model URI in the manifest`
        );
    });
  }
  /** Container arguments: `--model-uri=URI`, the item after `--model`, and any URI. */
  #args(items, path) {
    let previous;
    items.forEach((item, index) => {
      const node = this.#resolve(item);
      const text = (0, import_yaml.isScalar)(node) && typeof node.value === "string" ? node.value : void 0;
      if (text !== void 0) {
        const flag = /^(--?[\w.-]*(?:model|storage)[\w.-]*)=(.+)$/i.exec(text);
        if (flag !== null) this.#record(flag[2], node, [...path, index], `argument ${flag[1]}`);
        else if (previous !== void 0 && MODEL_FLAG.test(previous)) this.#record(text, node, [...path, index], `argument ${previous}`);
        else if (HAS_SCHEME.test(text)) this.#record(text, node, [...path, index], "argument");
      }
      previous = text;
    });
  }
  /** `{name: a.b.storageUri, value: …}` parameters (Argo CD's helm.parameters). */
  #parameters(items, path) {
    items.forEach((item, index) => {
      const entry = this.#resolve(item);
      if (!(0, import_yaml.isMap)(entry)) return;
      const name = this.#string(entry.get("name", true));
      const value = this.#resolve(entry.get("value", true));
      const last = name?.split(".").at(-1) ?? "";
      if ((URI_KEY.test(last) || URI_ENV.test(last)) && (0, import_yaml.isScalar)(value) && typeof value.value === "string")
        this.#record(value.value, value, [...path, index, "value"], `parameter ${name}`);
    });
  }
  /** A JSON patch operation (Kustomize's patches) whose path ends in a model-location key or env value. */
  #patchOperation(map, path) {
    const target = this.#string(map.get("path", true));
    const value = this.#resolve(map.get("value", true));
    if (target === void 0 || !(0, import_yaml.isScalar)(value) || typeof value.value !== "string" || this.#string(map.get("op", true)) === void 0)
      return;
    const last = target.split("/").at(-1) ?? "";
    if (URI_KEY.test(last) || /\/env\/\d+\/value$/.test(target)) this.#record(value.value, value, [...path, "value"], `patch of ${target}`);
  }
  /** `NAME=value` literals (Kustomize's configMapGenerator and secretGenerator). */
  #literals(items, path) {
    items.forEach((item, index) => {
      const node = this.#resolve(item);
      const match = (0, import_yaml.isScalar)(node) && typeof node.value === "string" ? /^([A-Z0-9_]+)=(.+)$/.exec(node.value) : null;
      if (match !== null && URI_ENV.test(match[1])) this.#record(match[2], node, [...path, index], `literal ${match[1]}`);
    });
  }
  /** A multi-line string that is YAML or JSON itself (an inline patch, Helm values): scanned as a file of its own. */
  #nested(text, node, path) {
    if (this.#context.depth >= MAX_NESTING || !text.includes("\n") || !/[:{[]/.test(text)) return;
    scanText(
      text,
      {
        prefix: `${this.#identity}${toPointer(path)}|`,
        lineOffset: this.#line(node) - 1,
        depth: this.#context.depth + 1,
        budget: this.#context.budget
      },
      this.#scan
    );
  }
};

// src/gitops/trust-policy.ts
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
function matchRegistry(uri, registries) {
  if (/^oci:/i.test(uri)) return matchOci(uri, registries);
  let url;
  try {
    url = new URL(uri);
  } catch {
    return {
      problem: "not a URL but a path or name the server resolves itself: only release assets of a configured registry may be deployed"
    };
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    return { problem: "a release asset URL has no user, password, query or fragment" };
  const trusted = registries.map((registry) => registry.spec).join(", ");
  for (const registry of registries) {
    const location = registry.github ? matchGitHub(url, registry) : matchFolder(url, registry);
    if (location !== void 0) return { registry, location };
  }
  const rest = `a registry the base branch's rules trust (${trusted}): only models released from a configured registry may be deployed`;
  if (url.protocol !== "file:" && url.protocol !== "https:" && url.protocol !== "http:")
    return { problem: `a URI with scheme ${url.protocol} is not a release asset of ${rest}` };
  const from = url.protocol === "file:" ? `the folder ${safePath(url)}` : `${url.protocol}//${url.host}${ownerRepo(url)}`;
  return { problem: `served from ${from}, which is not ${rest}` };
}
function matchOci(uri, registries) {
  let reference;
  try {
    reference = parseOciReference(uri, "the model URI");
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { problem: error.problem };
  }
  for (const registry of registries) {
    const oci = registry.oci;
    if (oci === void 0 || reference.registry !== oci.registry || !reference.repository.startsWith(`${oci.repository}/`)) continue;
    const model = reference.repository.slice(oci.repository.length + 1);
    if (model.includes("/") || !isModelName(model)) continue;
    if (reference.digest === void 0 || !isOciDigest(reference.digest))
      return {
        problem: `an image named by the tag ${reference.tag ?? "latest"}, which can be moved to other bytes: pin the digest (oci://${reference.registry}/${reference.repository}@sha256:\u2026, as modelship promote writes it)`
      };
    return {
      registry,
      image: { model, reference: { registry: reference.registry, repository: reference.repository, digest: reference.digest } }
    };
  }
  const prefixes = registries.flatMap(
    (registry) => registry.oci === void 0 ? [] : [`${registry.oci.registry}/${registry.oci.repository}`]
  );
  const trusted = prefixes.length === 0 ? "none: no verify.registries entry names an oci prefix" : prefixes.join(", ");
  return {
    problem: `an image in ${reference.registry}/${reference.repository}, which is not <prefix>/<model> under an OCI repository the base branch's rules trust (${trusted}): only models released from a configured registry may be deployed`
  };
}
function matchGitHub(url, registry) {
  const github = registry.github;
  if (url.origin !== github.server) return void 0;
  const asset = releaseAssetPath(url, registry.tagFormat);
  if (asset === void 0 || asset.owner.toLowerCase() !== github.owner.toLowerCase() || asset.repo.toLowerCase() !== github.repo.toLowerCase())
    return void 0;
  return { registry: registry.spec, model: asset.model, version: asset.version, file: asset.file, server: github.server };
}
function matchFolder(url, registry) {
  if (url.protocol !== "file:" || url.host !== "" && url.host !== "localhost") return void 0;
  let path;
  try {
    path = fileURLToPath(url);
  } catch {
    return void 0;
  }
  const relative = path.slice(registry.folder.length);
  if (!path.startsWith(registry.folder) || !relative.startsWith("/")) return void 0;
  const parts = relative.slice(1).split("/");
  if (parts.length !== 3) return void 0;
  const [model, version, file] = parts;
  if (!isModelName(model) || parseVersion(version) === void 0 || file === "") return void 0;
  return { registry: registry.spec, model, version, file };
}
function ownerRepo(url) {
  const parts = url.pathname.split("/").filter((part) => part !== "");
  return parts.length >= 2 ? `/${parts[0]}/${parts[1]}` : url.pathname;
}
function safePath(url) {
  try {
    return fileURLToPath(url);
  } catch {
    return url.pathname;
  }
}
function trustedRegistry(options) {
  const { where, registry } = options;
  const tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
  const oci = options.oci === void 0 ? void 0 : ociPrefix(options.oci, `${where}.oci`);
  if (typeof oci === "string") return oci;
  const withOci = oci === void 0 ? {} : { oci };
  if (registry.startsWith("github:")) {
    const match = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(registry);
    if (match === null) return `${where}.registry "${registry}" is not github:OWNER/REPO`;
    const server = new URL(options.server ?? options.defaultServer).origin;
    return {
      where,
      spec: registry,
      github: { server, owner: match[1], repo: match[2] },
      tagFormat,
      provenance: options.provenance,
      ...withOci
    };
  }
  if (registry === "github") return `${where}.registry must name the repository: github:OWNER/REPO`;
  let folder;
  if (registry.startsWith("file:")) {
    try {
      folder = fileURLToPath(registry);
    } catch {
      return `${where}.registry "${registry}" is not a file:/// URL`;
    }
  } else if (registry.startsWith("/")) folder = registry;
  else return `${where}.registry "${registry}" is neither github:OWNER/REPO nor an absolute folder path`;
  folder = resolve(folder);
  if (options.provenance !== "off")
    return `${where}: a folder registry has no attestations to check; set ${where}.provenance: off (it is then reported as a warning)`;
  return { where, spec: folder, folder, tagFormat, provenance: "off", ...withOci };
}
function ociPrefix(text, setting) {
  let reference;
  try {
    reference = parseOciReference(text.startsWith("oci://") ? text : `oci://${text}`, setting);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return error.problem;
  }
  if (reference.tag !== void 0 || reference.digest !== void 0)
    return `${setting} "${text}" names a tag or digest; it is the repository prefix the model images live under, e.g. ghcr.io/octo/models`;
  return { registry: reference.registry, repository: reference.repository };
}

// src/gitops/promotion-check.ts
var MANIFEST_FILE = /\.(ya?ml|json)$/i;
var SYMLINK = "120000";
var SUBMODULE = "160000";
var DELETED = "000000";
var STORAGE_URI = /\b(?:s3|gs|hf|oci|pvc|azureblob|wasbs?|abfss?):\/\/[^\s"'`,;)}\]]+/g;
function textModelUris(text) {
  return [.../* @__PURE__ */ new Set([...findModelUris(text), ...[...text.matchAll(STORAGE_URI)].map((match) => match[0])])];
}
function isRulesFile(file, rules) {
  return file === rules.file || rules.ruleFiles.includes(file) || file.startsWith(".github/") || file === "CODEOWNERS" || file === ".gitmodules" || file === "docs/CODEOWNERS";
}
function trafficShares(state) {
  const shares = /* @__PURE__ */ new Map();
  const add = (uri, share) => shares.set(uri, (shares.get(uri) ?? 0) + share);
  if (state.stable !== void 0) add(state.stable.uri, 100 - (state.canary?.weight ?? 0));
  if (state.canary !== void 0) add(state.canary.uri, state.canary.weight);
  return shares;
}
async function fetchHead(workspace, head) {
  try {
    return await workspace.fetchRef(head);
  } catch (error) {
    if (!isUserError(error)) throw error;
    const ref = head.startsWith("refs/") ? head : `refs/heads/${head}`;
    const probe = await workspace.git(["ls-remote", "origin", ref], { allowFailure: true });
    if (probe.exitCode !== 0 || probe.stdout.toString("utf8").trim() !== "") throw error;
    throw new UserError(`the head ref "${head}" does not exist in the GitOps repository ${workspace.redact(workspace.remote)}`, {
      hint: "pass the change's branch or its refs/pull/N/head (--head, or the head input), and push the branch first"
    });
  }
}
function aliasBomb(text, file) {
  try {
    checkManifestAliases(text, file);
    return void 0;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return `${error.file ?? file}${error.line === void 0 ? "" : `:${error.line}`}: ${error.problem}: ${error.hint ?? ""}`.replace(
      /: $/,
      ""
    );
  }
}
async function verifyPromotion(request) {
  const { logger } = request;
  return withClone(
    { remote: request.remote, base: request.base, ...request.token === void 0 ? {} : { token: request.token }, logger },
    async (workspace) => {
      const head = await fetchHead(workspace, request.head);
      const baseRef = `refs/remotes/origin/${request.base}`;
      const rules = await request.loadRules((path) => workspace.readFile(path, baseRef));
      const forkPoint = (await workspace.git(["merge-base", baseRef, head], { allowFailure: true })).stdout.toString("utf8").trim() || baseRef;
      const entries = await workspace.changedEntries(forkPoint, head);
      const changed = entries.map((entry) => entry.path);
      const rulesChanges = changed.filter((file) => isRulesFile(file, rules)).map((file) => ({ file, allowed: rules.rulesChanges === "codeowners" }));
      const problems = [];
      const notValidated = [];
      const candidates = /* @__PURE__ */ new Map();
      const add = (candidate) => {
        const key = `${candidate.file}\0${candidate.uri}`;
        if (!candidates.has(key) || candidate.digest !== void 0) candidates.set(key, candidate);
      };
      const files = [];
      const deleted = [];
      const retired = [];
      const gains = /* @__PURE__ */ new Map();
      for (const { path, mode } of entries) {
        if (mode === SYMLINK || mode === SUBMODULE)
          problems.push(
            `${path}: a ${mode === SYMLINK ? "symbolic link" : "submodule"}, whose content verify-promotion cannot see while Argo CD and Kustomize follow it: commit the files themselves`
          );
        else if (mode === DELETED) deleted.push({ file: path, retire: await deletedByRetirement(workspace, path, forkPoint, rules) });
        else if (!/\.md$/i.test(path)) files.push(path);
      }
      for (const file of files) {
        const after = await workspace.readFile(file, head);
        if (after === void 0) continue;
        const before = await workspace.readFile(file, forkPoint) ?? "";
        const targets = rules.targets.filter((spec) => spec.file === file);
        const unmanaged = targets.length === 0 ? `unmanaged model URI: no target in ${rules.file} covers ${file}` : void 0;
        if (!MANIFEST_FILE.test(file)) {
          for (const uri of textModelUris(after))
            if (!before.includes(uri)) add({ file, line: lineOf(after, uri), uri, ...unmanaged === void 0 ? {} : { unmanaged } });
          continue;
        }
        if (/[\0\uFFFD]/.test(after)) {
          problems.push(`${file}: not UTF-8 text, which Kubernetes tools may read otherwise than this check does: save it as UTF-8`);
          continue;
        }
        const bomb = aliasBomb(after, file) ?? aliasBomb(before, file);
        if (bomb !== void 0) {
          problems.push(bomb);
          continue;
        }
        try {
          const validation = validateManifestText(after, file, { modelFormat: "onnx" });
          for (const problem of validation.problems) problems.push(formatProblem(problem));
          notValidated.push(...validation.notes);
          const scanned = findServingUris(after);
          const seen = findServingUris(before).uris;
          const known = /* @__PURE__ */ new Set([...seen.map((found) => `${found.location}\0${found.uri}`), ...seen.map((found) => `text\0${found.uri}`)]);
          for (const problem of scanned.problems) problems.push(`${file}: ${problem}`);
          for (const found of scanned.uris)
            if (!known.has(`${found.location}\0${found.uri}`))
              add({ file, line: found.line, uri: found.uri, ...unmanaged === void 0 ? {} : { unmanaged } });
        } catch (error) {
          if (!isUserError(error)) throw error;
          problems.push(`${file}: ${getErrorMessage(error)}`);
        }
        for (const target of targets) {
          let states;
          try {
            if (before !== "" && removeTarget(before, target)?.text === after) {
              retired.push(`${file}: the ${target.kind} target no longer holds the model (it was retired from this file)`);
              continue;
            }
            states = [before === "" ? {} : readState(before, target), readState(after, target)];
          } catch (error) {
            if (!isUserError(error)) throw error;
            problems.push(getErrorMessage(error));
            continue;
          }
          const old = /* @__PURE__ */ new Set([states[0].stable?.uri, states[0].canary?.uri]);
          for (const model of [states[1].stable, states[1].canary]) {
            if (model === void 0 || old.has(model.uri)) continue;
            add({ file, line: lineOf(after, model.uri), uri: model.uri, ...model.digest === void 0 ? {} : { digest: model.digest } });
          }
          const [was, now] = states.map(trafficShares);
          const staysStable = (uri) => states[0].stable?.uri === uri && states[1].stable?.uri === uri && states[1].canary?.uri !== uri;
          for (const [uri, to] of now)
            if (old.has(uri) && !staysStable(uri) && to > (was.get(uri) ?? 0))
              gains.set(`${file}\0${uri}`, { file, line: lineOf(after, uri), uri, from: was.get(uri) ?? 0, to });
        }
      }
      const uris = [];
      const warnings = [...notValidated.map((note) => `${note} (the cluster's API server checks it on apply)`), ...retired];
      const releases = /* @__PURE__ */ new Map();
      const images = /* @__PURE__ */ new Map();
      const provenance = /* @__PURE__ */ new Map();
      const context = {
        rules,
        release: (registry, model, version) => {
          const key = `${registry.spec}\0${model}\0${version}`;
          let checked = releases.get(key);
          if (checked === void 0)
            releases.set(key, checked = checkRelease({ store: request.openRegistry(registry), model, version, logger }));
          return checked;
        },
        modelcar: (registry, image) => {
          const key = `${registry.spec}\0${image.reference.registry}/${image.reference.repository}@${image.reference.digest}`;
          let checked = images.get(key);
          if (checked === void 0) images.set(key, checked = pullImage(request, registry, image));
          return checked;
        },
        provenance: (registry, release, image) => {
          const key = `${registry.spec}\0${release.manifest.digest}\0${image ?? ""}`;
          let checked = provenance.get(key);
          if (checked === void 0) provenance.set(key, checked = request.checkProvenance(registry, release, image));
          return checked;
        }
      };
      for (const candidate of [...candidates.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line))
        uris.push(await checkUri(candidate, context));
      for (const gain of gains.values()) {
        const failed = await retiredGain(gain, rules, request);
        if (failed !== void 0) uris.push(failed);
      }
      for (const registry of rules.registries)
        if (uris.some((uri) => uri.registry === registry.spec && uri.provenance === "off"))
          warnings.push(
            `provenance is off for ${registry.spec} (${registry.where}.provenance in ${rules.file}): no attestation was checked`
          );
      for (const change of rulesChanges.filter((change2) => change2.allowed))
        warnings.push(`${change.file} changes the promotion rules: the code owners' review decides (verify.rules_changes: codeowners)`);
      const ok = problems.length === 0 && uris.every((uri) => uri.ok) && rulesChanges.every((change) => change.allowed);
      const markdown = renderVerification({ ok, files, deleted, uris, problems, rulesChanges, warnings, rulesFile: rules.file });
      logger.info(
        ok ? `verify-promotion: ${uris.length} model URI(s) in ${files.length} file(s) verified${deleted.length === 0 ? "" : `; ${describeDeletions(deleted)}`}.` : `verify-promotion: ${failures({ uris, problems, rulesChanges })} problem(s).`
      );
      return { ok, files, deleted, uris, problems, rulesChanges, warnings, markdown };
    }
  );
}
async function deletedByRetirement(workspace, file, forkPoint, rules) {
  const before = await workspace.readFile(file, forkPoint);
  if (before === void 0 || !MANIFEST_FILE.test(file) || aliasBomb(before, file) !== void 0) return false;
  return rules.targets.filter((target) => target.file === file).some((target) => {
    try {
      return removeTarget(before, target)?.text === null;
    } catch (error) {
      if (!isUserError(error)) throw error;
      return false;
    }
  });
}
function describeDeletions(deleted) {
  return `deletes ${deleted.map((entry) => `${entry.file}${entry.retire ? " (retire)" : ""}`).join(", ")}`;
}
function failures(result) {
  return result.uris.filter((uri) => !uri.ok).length + result.problems.length + result.rulesChanges.filter((change) => !change.allowed).length;
}
async function retiredGain(gain, rules, request) {
  const { file, line, uri } = gain;
  const match = matchRegistry(uri, rules.registries);
  if ("problem" in match) return void 0;
  const { registry } = match;
  const grows = `its traffic share grows from ${gain.from}% to ${gain.to}%`;
  let location = "location" in match ? match.location : void 0;
  try {
    location ??= await imageReleaseOf(match.image, request);
    const mark = await request.openRegistry(registry).retirement(location.model, location.version);
    if (mark === void 0) return void 0;
    const refusal = retiredRefusal(mark, "give more traffic to");
    return {
      file,
      line,
      uri,
      ok: false,
      detail: `${refusal.problem}, and ${grows}: a retired version keeps the traffic it has but gains none; fix: roll back to the stable version, or ${refusal.hint ?? ""}`
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {
      file,
      line,
      uri,
      ok: false,
      detail: `${grows}, but whether ${location === void 0 ? uri : `${location.model}@${location.version}`} is retired could not be read: ${error.problem}`
    };
  }
}
async function imageReleaseOf(image, request) {
  if (request.openOci === void 0) throw noOciClient();
  return imageRelease(request.openOci(image.reference), image.reference.digest, image.model);
}
function noOciClient() {
  return new UserError("this check was given no way to pull oci:// images", {
    hint: "run verify-promotion through modelship's CLI or action"
  });
}
async function pullImage(request, registry, image) {
  if (request.openOci === void 0) throw noOciClient();
  const scratch = await mkdtemp(join(tmpdir(), "modelship-verify-image-"));
  try {
    return await checkModelcar({
      client: request.openOci(image.reference),
      digest: image.reference.digest,
      store: request.openRegistry(registry),
      dir: scratch,
      model: image.model,
      doing: "promote or deploy",
      logger: request.logger
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function checkUri(candidate, context) {
  const { file, line, uri } = candidate;
  const fail = (detail) => ({ file, line, uri, ok: false, detail });
  if (candidate.unmanaged !== void 0) return fail(`${candidate.unmanaged}; add a target for it, or deploy the model through one`);
  const match = matchRegistry(uri, context.rules.registries);
  if ("problem" in match) return fail(match.problem);
  if ("image" in match) return checkImageUri(candidate, match.registry, match.image, context);
  const { registry, location } = match;
  try {
    const checked = await context.release(registry, location.model, location.version);
    const servable = servableUris(checked);
    if (!servable.includes(uri))
      return fail(
        `not the address of a file ${location.model}@${location.version} serves from in ${registry.spec} (${servable.join(", ")})`
      );
    const verdict = `${location.model}@${location.version} from ${registry.spec}: gate verdict ${checked.manifest.gate.verdict}, every sha256 verified (digest ${shortDigest(checked.manifest.digest)})`;
    return await judge(candidate, { registry, checked, verdict }, context);
  } catch (error) {
    return refused(candidate, error);
  }
}
async function judge(candidate, found, context) {
  const { file, line, uri } = candidate;
  const { registry, checked, verdict } = found;
  const fail = (detail) => ({ file, line, uri, ok: false, detail });
  if (candidate.digest !== void 0 && candidate.digest !== checked.manifest.digest)
    return fail(
      `the manifest records digest ${shortDigest(candidate.digest)} (annotation ${STATE_KEYS.stable.digest} or ${STATE_KEYS.canary.digest}), the release has ${shortDigest(checked.manifest.digest)}`
    );
  if (registry.provenance === "off")
    return { file, line, uri, ok: true, detail: `${verdict}; provenance not checked (off)`, registry: registry.spec, provenance: "off" };
  const attested = await context.provenance(registry, checked, found.image);
  if (!attested.ok) return fail(`${verdict}, but its provenance does not verify: ${attested.detail}`);
  return {
    file,
    line,
    uri,
    ok: true,
    detail: `${verdict}; provenance \u2705 ${attested.detail}`,
    registry: registry.spec,
    provenance: "verified"
  };
}
function refused(candidate, error) {
  if (!isUserError(error)) throw error;
  const { file, line, uri } = candidate;
  return { file, line, uri, ok: false, detail: error.hint === void 0 ? error.problem : `${error.problem}; fix: ${error.hint}` };
}
async function checkImageUri(candidate, registry, image, context) {
  try {
    const checked = await context.modelcar(registry, image);
    const verdict = `${checked.model.name}@${checked.model.version} from ${registry.spec}: the image is that release (manifest.json sha256 ${shortDigest(checked.stored.manifestSha256)}), gate verdict ${checked.manifest.gate.verdict}, every layer and file verified (digest ${shortDigest(checked.manifest.digest)})`;
    return await judge(candidate, { registry, checked, verdict, image: checked.imageDigest }, context);
  } catch (error) {
    return refused(candidate, error);
  }
}
function renderVerification(result) {
  const attested = result.uris.every((uri) => uri.provenance !== "off");
  const verdict = result.ok ? `every model this change deploys is released and gated${attested ? " and attested" : " (provenance off: see the warnings)"}` : "this change must not be merged";
  const heading = `## ${statusIcon(result.ok ? "pass" : "fail")} modelship verify-promotion: ${verdict}`;
  const rows = result.uris.map((uri) => [
    statusIcon(uri.ok ? "pass" : "fail"),
    code(`${uri.file}:${uri.line}`),
    code(uri.uri),
    escapeMarkdown(uri.detail)
  ]);
  const rules = result.rulesChanges.map(
    (change) => `- ${statusIcon(change.allowed ? "warn" : "fail")} ${code(change.file)}${change.allowed ? ": left to the code owners' review" : ""}`
  );
  return sections(
    heading,
    result.uris.length === 0 ? `No model URI changes in ${result.files.length} changed file(s)${result.deleted?.length ? `; the change ${describeDeletions(result.deleted)}` : ""}.` : table(["", "file", "model URI", "check"], rows),
    rules.length === 0 ? void 0 : `### This change edits the promotion rules

The rules (${code(result.rulesFile)} at the base branch, the files it reads, CODEOWNERS and .github/) are changed only by a reviewed change of their own${result.rulesChanges.some((change) => !change.allowed) ? ", so this check fails; land the rules change separately, or set `verify.rules_changes: codeowners` and require code-owner review" : ""}:

${rules.join("\n")}`,
    result.problems.length === 0 ? void 0 : `### Manifest problems

${result.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join("\n")}`,
    result.warnings.length === 0 ? void 0 : `### Warnings

${result.warnings.map((warning) => `- ${statusIcon("warn")} ${escapeMarkdown(warning)}`).join("\n")}`
  );
}
function noRules(file, base, why) {
  return new UserError(`verify-promotion has no rules to check by: ${why} (${file} at ${base})`, {
    hint: `commit ${file} to ${base} with verify.registries (the registries models may come from, e.g. - { registry: github:OWNER/models, provenance: { workflow: .github/workflows/model.yml } }) and promote.environments' targets; until then every change fails`
  });
}

export {
  trustedRegistry,
  verifyPromotion,
  describeDeletions,
  failures,
  noRules
};
