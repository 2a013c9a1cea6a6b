/**
 * Where a GitOps file tells a server which model to load, found without a target to say so: every
 * document of a changed YAML or JSON file is scanned, so a model location cannot slip into a manifest
 * that no target in modelship.yaml covers. What counts as one:
 *
 * - the value of a key named like a model location (`storageUri`, `storageUris`, `modelUri`,
 *   `model_uri`, …) in any document: KServe's InferenceService, Seldon v2's Model, Helm values;
 * - the value of a container env var named like one (`MODEL_URI`, `STORAGE_URI`, `MODEL_PATH`, …),
 *   every entry of that name (Kubernetes uses the last); one taken from `valueFrom` is a problem,
 *   since its value is not in the change;
 * - a container argument that names a model (`--model-uri=…`, or the item after `--model`), or that
 *   is a URI;
 * - `{name, value}` parameters whose name ends in a model-location key (Argo CD's helm.parameters),
 *   and `NAME=value` literals whose name is a model env var (Kustomize's configMapGenerator);
 * - the same inside a multi-line string that is itself YAML or JSON (Kustomize's inline `patch`,
 *   Argo CD's helm `values`);
 * - any string that parses as a release asset of a registry (a GitHub release download URL, a
 *   `file://` registry path), wherever it sits, comments included.
 *
 * Aliases and merge keys are followed, as the Go YAML that Kubernetes tools use follows them. Each
 * location is named by its document (kind, namespace, name) and JSON pointer, so a change is judged
 * by what sits where, not by whether the same text appeared somewhere before. It is a scan for the
 * shapes servers use, not a proof: docs/security.md says what it does not see.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type YAMLMap } from "yaml";
import { UserError } from "../common/errors.ts";
import { toPointer } from "../common/yaml-source.ts";
import { findModelUris } from "./model-uri.ts";

export interface ServingUri {
  uri: string;
  /** 1-based line of the value (of the string holding it, for one inside a nested document). */
  line: number;
  /** What the value is, e.g. `storageUri` or `env MODEL_URI`. */
  field: string;
  /** Where it sits: the document (kind/namespace/name) and the JSON pointer; `text` for a release URL found in the text alone. */
  location: string;
}

export interface ServingScan {
  uris: ServingUri[];
  /** Model locations the scan cannot check (taken from elsewhere), each with its line. */
  problems: string[];
}

/** Keys whose value is where a model is loaded from. */
const URI_KEY = /^(storage|model)[_-]?(uri|url)s?$/i;
/** Env vars whose value is where a model is loaded from. */
const URI_ENV = /^(MODEL|STORAGE)(_[A-Z0-9]+)*_(URI|URL|PATH|LOCATION|DIR)S?$/;
/** A command-line flag that names a model: `--model`, `--model-uri`, `--storage_uri`, `--model-dir`… */
const MODEL_FLAG = /^--?[\w.-]*(model|storage)[\w.-]*$/i;
/** A URI with a scheme: s3://, gs://, hf://, pvc://, oci://, https://, file://… */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S/i;
/** How many nodes one text may make the scan visit (aliases can multiply them): more fails closed. */
const NODE_BUDGET = 200_000;
/** How deep YAML inside strings inside YAML is followed. */
const MAX_NESTING = 2;

/** The model locations in a YAML or JSON text. A document that does not parse is skipped (the manifest validation reports it). */
export function findServingUris(text: string, tagFormat?: string): ServingScan {
  const scan: ServingScan = { uris: [], problems: [] };
  scanText(text, { prefix: "", lineOffset: 0, depth: 0, budget: { left: NODE_BUDGET } }, scan);
  for (const uri of findModelUris(text, tagFormat))
    if (!scan.uris.some((seen) => seen.uri === uri))
      scan.uris.push({ uri, line: lineOf(text, uri), field: "release URL", location: "text" });
  return scan;
}

/** The 1-based line where `needle` first appears (1 when it does not). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

interface ScanContext {
  /** The location of the string this text is nested in, or "". */
  prefix: string;
  /** Lines before this text in the file (for nested text: the line of the string holding it, minus 1). */
  lineOffset: number;
  depth: number;
  budget: { left: number };
}

function scanText(text: string, context: ScanContext, scan: ServingScan): void {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return;
  documents.forEach((document, index) => {
    if (document.errors.length > 0) return;
    new DocumentScan(document, `${context.prefix}${identityOf(document, index)}`, lineCounter, context, scan).walk(document.contents, []);
  });
}

/** A document's name for locations: kind/namespace/name, else its index in the file. */
function identityOf(document: Document, index: number): string {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch {
    return `#${index}`;
  }
  const record = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const metadata = typeof record.metadata === "object" && record.metadata !== null ? (record.metadata as Record<string, unknown>) : {};
  const part = (value: unknown) => (typeof value === "string" ? value : "");
  const kind = part(record.kind);
  return kind === "" ? `#${index}` : `${kind}/${part(metadata.namespace)}/${part(metadata.name) || `#${index}`}`;
}

class DocumentScan {
  readonly #document: Document;
  readonly #identity: string;
  readonly #lines: LineCounter;
  readonly #context: ScanContext;
  readonly #scan: ServingScan;

  constructor(document: Document, identity: string, lines: LineCounter, context: ScanContext, scan: ServingScan) {
    this.#document = document;
    this.#identity = identity;
    this.#lines = lines;
    this.#context = context;
    this.#scan = scan;
  }

  /** The node an alias stands for (aliases of aliases too), counted against the budget. */
  #resolve(node: unknown): unknown {
    if (--this.#context.budget.left < 0)
      throw new UserError("a YAML file makes verify-promotion visit too many nodes (aliases of aliases?)", {
        hint: "write the manifest without deeply nested aliases",
      });
    let resolved = node;
    for (let hops = 0; isAlias(resolved) && hops < 100; hops++) resolved = resolved.resolve(this.#document);
    return resolved;
  }

  #line(node: unknown): number {
    const range = (node as Node | undefined)?.range;
    return this.#context.lineOffset + (range ? this.#lines.linePos(range[0]).line : 1);
  }

  #record(uri: string, node: unknown, path: (string | number)[], field: string): void {
    const location = `${this.#identity}${toPointer(path)}`;
    if (!this.#scan.uris.some((seen) => seen.location === location && seen.uri === uri))
      this.#scan.uris.push({ uri, line: this.#line(node), field, location });
  }

  #string(node: unknown): string | undefined {
    const resolved = this.#resolve(node);
    return isScalar(resolved) && typeof resolved.value === "string" ? resolved.value : undefined;
  }

  walk(node: unknown, path: (string | number)[]): void {
    const resolved = this.#resolve(node);
    if (isMap(resolved)) {
      for (const pair of resolved.items) {
        if (!isPair(pair)) continue;
        const keyNode = this.#resolve(pair.key);
        const key = isScalar(keyNode) ? String(keyNode.value) : "";
        // A merge key brings the aliased map's keys here.
        if (key === "<<") {
          this.walk(pair.value, path);
          continue;
        }
        this.#visitPair(key, pair.value, [...path, key]);
        this.walk(pair.value, [...path, key]);
      }
      this.#patchOperation(resolved, path);
    } else if (isSeq(resolved)) {
      resolved.items.forEach((item, index) => {
        this.walk(item, [...path, index]);
      });
    } else if (isScalar(resolved) && typeof resolved.value === "string") this.#nested(resolved.value, resolved, path);
  }

  #visitPair(key: string, value: unknown, path: (string | number)[]): void {
    const resolved = this.#resolve(value);
    if (URI_KEY.test(key)) {
      const scalars = isSeq(resolved)
        ? resolved.items.map((item, index) => [this.#resolve(item), index] as const)
        : [[resolved, -1] as const];
      for (const [scalar, index] of scalars)
        if (isScalar(scalar) && typeof scalar.value === "string" && scalar.value !== "")
          this.#record(scalar.value, scalar, index < 0 ? path : [...path, index], key);
    }
    if (!isSeq(resolved)) return;
    if (key === "env") this.#env(resolved.items, path);
    if (key === "args" || key === "command") this.#args(resolved.items, path);
    if (key === "parameters") this.#parameters(resolved.items, path);
    if (key === "literals") this.#literals(resolved.items, path);
  }

  /** Container env: every entry named like a model location, and none taken from elsewhere. */
  #env(items: unknown[], path: (string | number)[]): void {
    items.forEach((item, index) => {
      const entry = this.#resolve(item);
      if (!isMap(entry)) return;
      const name = this.#string(entry.get("name", true));
      if (name === undefined || !URI_ENV.test(name)) return;
      const value = this.#resolve(entry.get("value", true));
      if (isScalar(value) && typeof value.value === "string" && value.value !== "")
        this.#record(value.value, value, [...path, index, "value"], `env ${name}`);
      if (entry.has("valueFrom"))
        this.#scan.problems.push(
          `line ${this.#line(entry)}: env ${name} takes its value from valueFrom, which verify-promotion cannot check: write the model URI in the manifest`,
        );
    });
  }

  /** Container arguments: `--model-uri=URI`, the item after `--model`, and any URI. */
  #args(items: unknown[], path: (string | number)[]): void {
    let previous: string | undefined;
    items.forEach((item, index) => {
      const node = this.#resolve(item);
      const text = isScalar(node) && typeof node.value === "string" ? node.value : undefined;
      if (text !== undefined) {
        const flag = /^(--?[\w.-]*(?:model|storage)[\w.-]*)=(.+)$/i.exec(text);
        if (flag !== null) this.#record(flag[2]!, node, [...path, index], `argument ${flag[1]!}`);
        else if (previous !== undefined && MODEL_FLAG.test(previous)) this.#record(text, node, [...path, index], `argument ${previous}`);
        else if (HAS_SCHEME.test(text)) this.#record(text, node, [...path, index], "argument");
      }
      previous = text;
    });
  }

  /** `{name: a.b.storageUri, value: …}` parameters (Argo CD's helm.parameters). */
  #parameters(items: unknown[], path: (string | number)[]): void {
    items.forEach((item, index) => {
      const entry = this.#resolve(item);
      if (!isMap(entry)) return;
      const name = this.#string(entry.get("name", true));
      const value = this.#resolve(entry.get("value", true));
      const last = name?.split(".").at(-1) ?? "";
      if ((URI_KEY.test(last) || URI_ENV.test(last)) && isScalar(value) && typeof value.value === "string")
        this.#record(value.value, value, [...path, index, "value"], `parameter ${name!}`);
    });
  }

  /** A JSON patch operation (Kustomize's patches) whose path ends in a model-location key or env value. */
  #patchOperation(map: YAMLMap, path: (string | number)[]): void {
    const target = this.#string(map.get("path", true));
    const value = this.#resolve(map.get("value", true));
    if (target === undefined || !isScalar(value) || typeof value.value !== "string" || this.#string(map.get("op", true)) === undefined)
      return;
    const last = target.split("/").at(-1) ?? "";
    if (URI_KEY.test(last) || /\/env\/\d+\/value$/.test(target)) this.#record(value.value, value, [...path, "value"], `patch of ${target}`);
  }

  /** `NAME=value` literals (Kustomize's configMapGenerator and secretGenerator). */
  #literals(items: unknown[], path: (string | number)[]): void {
    items.forEach((item, index) => {
      const node = this.#resolve(item);
      const match = isScalar(node) && typeof node.value === "string" ? /^([A-Z0-9_]+)=(.+)$/.exec(node.value) : null;
      if (match !== null && URI_ENV.test(match[1]!)) this.#record(match[2]!, node, [...path, index], `literal ${match[1]!}`);
    });
  }

  /** A multi-line string that is YAML or JSON itself (an inline patch, Helm values): scanned as a file of its own. */
  #nested(text: string, node: unknown, path: (string | number)[]): void {
    if (this.#context.depth >= MAX_NESTING || !text.includes("\n") || !/[:{[]/.test(text)) return;
    scanText(
      text,
      {
        prefix: `${this.#identity}${toPointer(path)}|`,
        lineOffset: this.#line(node) - 1,
        depth: this.#context.depth + 1,
        budget: this.#context.budget,
      },
      this.#scan,
    );
  }
}
