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

/**
 * Parses `text`, lets `edit` change the documents, and returns the original text with only the
 * changed lines replaced. Each document is carried over on its own: one the edit left alone keeps
 * its exact bytes (its `---` line and comments included), and an edited one gets its changed lines
 * spliced into its original text, or, when a change cannot be placed line by line, is re-serialised
 * (comments kept, some spacing normalised) without touching the other documents. Documents the edit
 * added are written at their place; removed ones go with their text.
 */
export function editManifest(text: string, file: string, edit: (manifest: Manifest) => void): string {
  const manifest = parseManifest(text, file);
  const originals = [...manifest.documents];
  const slices = documentSlices(text, originals);
  const styles = slices.map((slice) => documentStyle(slice, manifest.style));
  const bases = originals.map((document, index) => document.toString(styles[index]));
  edit(manifest);
  // A file without documents (empty, or only whitespace) keeps its text ahead of anything added.
  let out = originals.length === 0 ? text : "";
  let added = false;
  // A document the edit adds takes the style of the one before it.
  let style = manifest.style;
  for (const document of manifest.documents) {
    const index = originals.indexOf(document);
    let piece: string;
    if (index < 0) piece = document.toString(style);
    else {
      style = styles[index]!;
      const base = bases[index]!;
      const edited = document.toString(style);
      piece = edited === base ? slices[index]! : (mergeLineEdits(slices[index]!, base, edited) ?? edited);
    }
    if (out !== "" && !out.endsWith("\n")) out += "\n";
    out += piece;
    added = index < 0;
  }
  // A file that ended without a newline still does when a document was added at its end.
  return added && text !== "" && !text.endsWith("\n") ? out.replace(/\n$/, "") : out;
}

/**
 * The text of each document: from where it starts (its `---` line) to where the next one starts;
 * the first also takes what comes before it (comments, directives), the last what comes after it.
 * Together they are exactly `text`.
 */
function documentSlices(text: string, documents: readonly Document[]): string[] {
  const starts = documents.map((document, index) => (index === 0 ? 0 : (document.range?.[0] ?? 0)));
  return starts.map((start, index) => text.slice(start, index + 1 < starts.length ? starts[index + 1] : text.length));
}

/** True for a document with nothing in it: a lone `---` (leading or trailing), only comments, or `null`. */
export function isEmptyDocument(document: Document): boolean {
  const contents = document.contents;
  return contents === null || contents === undefined || (isScalar(contents) && contents.value === null);
}

/** True for a document that is a Kubernetes resource: a map with a string `apiVersion` and `kind`. */
export function isKubernetesResource(document: Document): boolean {
  return isMap(document.contents) && typeof document.get("apiVersion") === "string" && typeof document.get("kind") === "string";
}

/** The API group of an apiVersion: `apps` for `apps/v1`, "" (the core group) for `v1`. */
function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** 1-based line where document `index` starts: its `---` line, or for the first its first line of content. */
export function documentLine(manifest: Manifest, index: number): number | undefined {
  const start = manifest.documents[index]?.range?.[0];
  return start === undefined ? undefined : manifest.lineCounter.linePos(start).line;
}

/** `document 2, line 14` for messages. */
export function describeDocument(manifest: Manifest, index: number): string {
  const line = documentLine(manifest, index);
  return `document ${index + 1}${line === undefined ? "" : `, line ${line}`}`;
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

/** What a target looks for: a kind of one API group, and the name when it gives one. */
export interface ResourceQuery {
  kind: string;
  /** The API group its apiVersion must name, e.g. `serving.kserve.io` (`apps` for a Deployment). */
  group: string;
  name?: string | undefined;
  /** The target kind, for messages. */
  target: string;
}

/**
 * The one document that holds the resource a target means: its kind in its API group, and its
 * name when the target gives one (or the only one of that kind). Every document of the file is
 * looked at; none, or more than one, is a UserError naming the documents and their lines.
 */
export function findResource(manifest: Manifest, query: ResourceQuery): Resource {
  const resources = listResources(manifest);
  const ofKind = resources.filter((resource) => resource.kind === query.kind && apiGroupOf(apiVersionOf(resource)) === query.group);
  const matches = query.name === undefined ? ofKind : ofKind.filter((resource) => resource.name === query.name);
  const wanted = `${query.kind}${query.name === undefined ? "" : ` named "${query.name}"`}`;
  const several = manifest.documents.filter((document) => !isEmptyDocument(document)).length > 1;
  if (matches.length === 0) {
    // The kind, but of another API group (or none): another project's resource, or a typo in apiVersion.
    const strays = resources.filter(
      (resource) =>
        resource.kind === query.kind &&
        apiGroupOf(apiVersionOf(resource)) !== query.group &&
        (query.name === undefined || resource.name === query.name),
    );
    const present =
      resources.length === 0
        ? "no Kubernetes resources"
        : resources
            .map((resource) => {
              const notes = [
                ...(strays.includes(resource) ? [apiVersionOf(resource) || "no apiVersion"] : []),
                ...(several ? [describeDocument(manifest, resource.index)] : []),
              ];
              return `${resource.kind}/${resource.name || "(unnamed)"}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
            })
            .join(", ");
    const stray = strays[0];
    throw new UserError(`no ${wanted} of API group ${query.group} for target ${query.target}; the file holds ${present}`, {
      file: manifest.file,
      line: stray === undefined ? undefined : documentLine(manifest, stray.index),
      hint:
        stray !== undefined
          ? `target ${query.target} edits the ${query.kind} of ${query.group}: fix the apiVersion of ${describeDocument(manifest, stray.index)} (it says ${apiVersionOf(stray) || "nothing"}), or pick the target kind that fits this file`
          : query.name === undefined || ofKind.length === 0
            ? `point the target at the file that holds the ${query.kind}, or pick the target kind that fits this file`
            : `set the target's name to one of: ${ofKind.map((resource) => resource.name).join(", ")}`,
    });
  }
  if (matches.length > 1) {
    const names = [...new Set(matches.map((resource) => resource.name))];
    if (names.length === matches.length) {
      throw new UserError(
        `${matches.length} ${query.kind} resources in the file (${matches.map((resource) => `"${resource.name}" in ${describeDocument(manifest, resource.index)}`).join(", ")}); the target must name one`,
        {
          file: manifest.file,
          line: documentLine(manifest, matches[1]!.index),
          hint: `set the target's name to one of: ${names.join(", ")}`,
        },
      );
    }
    throw duplicateResources(matches);
  }
  return matches[0]!;
}

/**
 * A UserError for two or more documents that hold a resource of the same kind and name (in two
 * namespaces, say): a target names a resource by kind and name only, so modelship cannot tell which
 * one it means, and edits neither.
 */
export function duplicateResources(resources: readonly Resource[]): UserError {
  const first = resources[0]!;
  const { manifest } = first;
  const namespaces = [...new Set(resources.map((resource) => readNamespace(resource)))];
  const inNamespaces = namespaces.length > 1 ? ` (namespaces ${namespaces.map((namespace) => namespace || "(none)").join(", ")})` : "";
  return new UserError(
    `${first.kind} "${first.name}" is in ${resources.length} documents of the file: ${resources.map((resource) => describeDocument(manifest, resource.index)).join(" and ")}${inNamespaces}; modelship will not guess which one to edit`,
    {
      file: manifest.file,
      line: documentLine(manifest, resources[1]!.index),
      hint: `keep one ${first.kind} named "${first.name}" per file: move the others (another namespace's copy, say) to a file of their own with its own target, or delete the duplicate`,
    },
  );
}

function apiVersionOf(resource: Resource): string {
  const apiVersion = resource.document.get("apiVersion");
  return typeof apiVersion === "string" ? apiVersion : "";
}

function readNamespace(resource: Resource): string {
  const namespace = resource.document.getIn(["metadata", "namespace"]);
  return typeof namespace === "string" ? namespace : "";
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
 * above its first key, after the file's last document that holds something. The other documents
 * keep their text.
 */
export function appendResource(manifest: Manifest, value: { kind: string; metadata: { name: string } }, comment?: string): Resource {
  const document = new Document(value);
  // After the last document that holds something: a trailing `---` (an empty document) stays last.
  let index = manifest.documents.length;
  while (index > 0 && isEmptyDocument(manifest.documents[index - 1]!)) index--;
  // Only a document after another needs the marker; a file's first document starts without one.
  if (index > 0) document.directives!.docStart = true;
  if (comment !== undefined && isMap(document.contents)) document.contents.commentBefore = comment.replace(/^/gm, " ");
  manifest.documents.splice(index, 0, document);
  return { manifest, document, index, kind: value.kind, name: value.metadata.name };
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
  const several = resource.manifest.documents.filter((document) => !isEmptyDocument(document)).length > 1;
  const position = several ? ` (document ${resource.index + 1})` : "";
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
  const found = detectIndentation(text);
  return { indent: found.indent ?? 2, indentSeq: found.indentSeq ?? true, lineWidth: 0 };
}

/**
 * The style of one document's text: its own indentation where it shows one, the file's where it
 * does not. Documents of one file are often written by different hands (a chart's output beside a
 * hand-written Service), so each is re-serialised in its own style.
 */
function documentStyle(text: string, file: ToStringOptions): ToStringOptions {
  const found = detectIndentation(text);
  return {
    ...file,
    ...(found.indent === undefined ? {} : { indent: found.indent }),
    ...(found.indentSeq === undefined ? {} : { indentSeq: found.indentSeq }),
  };
}

/** The indent width and sequence indentation that `text` shows, where it shows them. */
function detectIndentation(text: string): { indent?: number; indentSeq?: boolean } {
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
  return { ...(indent === undefined ? {} : { indent }), ...(indentSeq === undefined ? {} : { indentSeq }) };
}

/** The storageUri at `path` (throws a UserError when it is absent). */
export function requireUri(resource: Resource, path: YamlPath, hint = "set the model's storageUri to the release asset URL"): string {
  const uri = readString(resource, path);
  if (uri === undefined) throw pathError(resource, path, `${describeResource(resource)} has no ${formatPath(path)}`, hint);
  return uri;
}
