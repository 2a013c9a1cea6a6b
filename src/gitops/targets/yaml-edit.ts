/**
 * Shared helpers for editing Kubernetes/Helm YAML in place: parse a (multi-document) file with the
 * `yaml` Document API, find the resource a target names, read and write values by path, and write
 * the result back so that only the lines the edit changes differ from the original.
 */
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, type ToStringOptions } from "yaml";
import { UserError } from "../../common/errors.ts";
import { positionIn, syntaxError, toPointer } from "../../common/yaml-source.ts";
import { mergeLineEdits } from "./line-merge.ts";

/** A path into a document: map keys and sequence indices. */
export type YamlPath = (string | number)[];

/** A parsed manifest file: every document, plus what is needed to name lines in messages. */
export interface Manifest {
  file: string;
  documents: Document[];
  lineCounter: LineCounter;
  /** The serialiser options that match the file's own style (sequence indentation, indent width). */
  style: ToStringOptions;
}

/** One Kubernetes resource in a manifest. */
export interface Resource {
  manifest: Manifest;
  document: Document;
  /** 0-based position of the document in the file. */
  index: number;
  kind: string;
  name: string;
}

/** Parses a YAML stream; syntax errors become one UserError naming the file and line. */
export function parseManifest(text: string, file: string): Manifest {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // An empty stream comes back as an object that is not an array.
  const documents = Array.isArray(parsed) ? parsed : [];
  const errors = documents.flatMap((document) => document.errors);
  if (errors.length > 0) throw syntaxError(errors, lineCounter, file);
  return { file, documents, lineCounter, style: detectStyle(text) };
}

/** Renders every document with the file's style. */
function renderManifest(manifest: Manifest): string {
  return manifest.documents.map((document) => document.toString(manifest.style)).join("");
}

/**
 * Parses `text`, lets `edit` change the documents, and returns the original text with only the
 * changed lines replaced. Falls back to the re-serialised file (comments kept, some spacing
 * normalised) when a change cannot be placed line by line.
 */
export function editManifest(text: string, file: string, edit: (manifest: Manifest) => void): string {
  const manifest = parseManifest(text, file);
  const base = renderManifest(manifest);
  edit(manifest);
  const edited = renderManifest(manifest);
  return mergeLineEdits(text, base, edited) ?? edited;
}

/** Parses `a.b[0].c` (or `a.b.0.c`) into a path; a backslash escapes a dot inside a key. */
export function parsePath(text: string, where: { file: string; option: string }): YamlPath {
  const path: YamlPath = [];
  for (const segment of text.split(/(?<!\\)\./)) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match || (match[1] === "" && match[2] === "")) {
      throw new UserError(`${where.option} "${text}" is not a path`, {
        file: where.file,
        hint: "write a dot path like model.storageUri or spec.containers[0].image",
      });
    }
    const key = match[1]!.replaceAll("\\.", ".");
    if (key !== "") path.push(/^\d+$/.test(key) ? Number(key) : key);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/** `spec.canary[0].trafficPercent` for messages. */
export function formatPath(path: YamlPath): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

/** The resource of one of `kinds` named `name` (or the only one of those kinds). */
export function findResource(manifest: Manifest, options: { kinds: string[]; name?: string; target: string }): Resource {
  const resources = listResources(manifest);
  const ofKind = resources.filter((resource) => options.kinds.includes(resource.kind));
  const matches = options.name === undefined ? ofKind : ofKind.filter((resource) => resource.name === options.name);
  const wanted = `${options.kinds.join(" or ")}${options.name === undefined ? "" : ` named "${options.name}"`}`;
  const present =
    resources.length === 0 ? "no Kubernetes resources" : resources.map((r) => `${r.kind}/${r.name || "(unnamed)"}`).join(", ");
  if (matches.length === 0) {
    throw new UserError(`no ${wanted} for target ${options.target}; the file holds ${present}`, {
      file: manifest.file,
      hint:
        options.name === undefined || ofKind.length === 0
          ? `point the target at the file that holds the ${options.kinds.join("/")}, or pick the target kind that fits this file`
          : `set the target's name to one of: ${ofKind.map((r) => r.name).join(", ")}`,
    });
  }
  if (matches.length > 1) {
    throw new UserError(`${matches.length} ${wanted} resources in the file; the target must name one`, {
      file: manifest.file,
      hint: `set the target's name to one of: ${matches.map((r) => r.name).join(", ")}`,
    });
  }
  return matches[0]!;
}

/** Every document that looks like a Kubernetes resource, with its kind and name. */
export function listResources(manifest: Manifest): Resource[] {
  const resources: Resource[] = [];
  manifest.documents.forEach((document, index) => {
    const kind = document.get("kind");
    if (typeof kind !== "string") return;
    const name = document.getIn(["metadata", "name"]);
    resources.push({ manifest, document, index, kind, name: typeof name === "string" ? name : "" });
  });
  return resources;
}

/**
 * Appends a resource as a new document after a `---` line, with `comment` (lines without `# `)
 * above its first key. The line merge then adds its lines at the end and leaves the others untouched.
 */
export function appendResource(manifest: Manifest, value: { kind: string; metadata: { name: string } }, comment?: string): Resource {
  const document = new Document(value);
  // Only a document after another needs the marker; a file's first document starts without one.
  if (manifest.documents.length > 0) document.directives!.docStart = true;
  if (comment !== undefined && isMap(document.contents)) document.contents.commentBefore = comment.replace(/^/gm, " ");
  manifest.documents.push(document);
  return { manifest, document, index: manifest.documents.length - 1, kind: value.kind, name: value.metadata.name };
}

/** Removes a resource's whole document (its `---` line and comments go with it). */
export function removeResource(resource: Resource): void {
  const documents = resource.manifest.documents;
  const index = documents.indexOf(resource.document);
  if (index < 0) return;
  documents.splice(index, 1);
}

/** A string (or number, as text) at `path`; undefined when absent. Throws when it is a map or list. */
export function readString(resource: Resource, path: YamlPath): string | undefined {
  const node = resource.document.getIn(path, true);
  if (node === undefined || node === null) return undefined;
  const value: unknown = isScalar(node) ? node.value : undefined;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw pathError(resource, path, `${formatPath(path)} is not a single value`, "make it a plain string such as a URL");
  return String(value);
}

/** An integer at `path`; undefined when absent. */
export function readInteger(resource: Resource, path: YamlPath): number | undefined {
  const value = resource.document.getIn(path);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number))
    throw pathError(
      resource,
      path,
      `${formatPath(path)} is ${JSON.stringify(value)}, not a whole number`,
      "make it a whole percentage such as 10",
    );
  return number;
}

/** The plain JavaScript value at `path` (aliases resolved against the document); undefined when absent. */
export function plainAt(resource: Resource, path: YamlPath): unknown {
  const node: unknown = resource.document.getIn(path, true);
  return isNode(node) ? node.toJS(resource.document, { maxAliasCount: 100 }) : node;
}

/** Sets a scalar at `path` (creating maps on the way), keeping the node, its style and comments when it exists. */
export function writeValue(resource: Resource, path: YamlPath, value: string | number | boolean): void {
  const existing = resource.document.getIn(path, true);
  if (isScalar(existing) && existing.value === value) return;
  resource.document.setIn(path, value);
}

/** Removes the key at `path` if it is there; with `pruneEmpty`, also the maps it leaves empty. */
export function removeValue(resource: Resource, path: YamlPath, options: { pruneEmpty?: boolean } = {}): void {
  if (!resource.document.hasIn(path)) return;
  resource.document.deleteIn(path);
  for (let depth = path.length - 1; options.pruneEmpty === true && depth > 0; depth--) {
    const parent = resource.document.getIn(path.slice(0, depth), true);
    if (!isMap(parent) || parent.items.length > 0) break;
    resource.document.deleteIn(path.slice(0, depth));
  }
}

/** Throws a UserError (with `hint`) unless the node at `path` is a map. */
export function requireMapAt(resource: Resource, path: YamlPath, hint: string): void {
  const node = resource.document.getIn(path, true);
  if (!isMap(node)) throw pathError(resource, path, `${describeResource(resource)} has no ${formatPath(path)}`, hint);
}

/** True when a node at `path` is a sequence. */
export function isSeqAt(resource: Resource, path: YamlPath): boolean {
  return isSeq(resource.document.getIn(path, true));
}

/** `InferenceService "adult-income" (document 2)` for messages. */
export function describeResource(resource: Resource): string {
  const position = resource.manifest.documents.length > 1 ? ` (document ${resource.index + 1})` : "";
  return `${resource.kind}${resource.name ? ` "${resource.name}"` : ""}${position}`;
}

/** A UserError about `path` in a resource, at the line of the deepest part of the path that exists. */
export function pathError(resource: Resource, path: YamlPath, problem: string, hint: string): UserError {
  const pointer = toPointer(path);
  const line = positionIn(resource.document, resource.manifest.lineCounter, pointer)?.line;
  return new UserError(problem, { file: resource.manifest.file, line, pointer, hint });
}

/** Serialiser options that reproduce the file's sequence indentation and indent width. */
function detectStyle(text: string): ToStringOptions {
  const lines = text.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  let indentSeq: boolean | undefined;
  let indent: number | undefined;
  for (let i = 0; i + 1 < lines.length && (indentSeq === undefined || indent === undefined); i++) {
    const key = /^(\s*)(?:- )?[^\s#][^#]*:\s*$/.exec(lines[i]!);
    if (!key) continue;
    const keyIndent = key[1]!.length + (lines[i]!.trimStart().startsWith("- ") ? 2 : 0);
    const next = /^(\s*)(- )?/.exec(lines[i + 1]!)!;
    const nextIndent = next[1]!.length;
    if (next[2] !== undefined && indentSeq === undefined) indentSeq = nextIndent > keyIndent;
    else if (next[2] === undefined && nextIndent > keyIndent && indent === undefined) indent = nextIndent - keyIndent;
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true, lineWidth: 0 };
}

/** The storageUri at `path` (throws a UserError when it is absent). */
export function requireUri(resource: Resource, path: YamlPath, hint = "set the model's storageUri to the release asset URL"): string {
  const uri = readString(resource, path);
  if (uri === undefined) throw pathError(resource, path, `${describeResource(resource)} has no ${formatPath(path)}`, hint);
  return uri;
}
