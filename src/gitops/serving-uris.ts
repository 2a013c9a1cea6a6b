/**
 * Where a GitOps file tells a server which model to load, found without a target to say so: every
 * YAML document of a changed file is scanned, so a model URI cannot slip into a manifest that no
 * target in modelship.yaml covers. Three things count as a model URI:
 *
 * - the value of a key named like a model location (`storageUri`, `storageUris`, `modelUri`,
 *   `model_uri`, …) in any document: KServe's InferenceService, Seldon v2's Model, Helm values;
 * - the value of a container env var named like one (`MODEL_URI`, `STORAGE_URI`, `MODEL_PATH`, …)
 *   in a workload (Deployment, Rollout, StatefulSet, a Knative Service, …);
 * - any string that parses as a release asset of a registry (a GitHub release download URL, a
 *   `file://` registry path), wherever it sits.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import { findModelUris } from "./model-uri.ts";

export interface ServingUri {
  uri: string;
  /** 1-based line of the value. */
  line: number;
  /** What the value is, e.g. `storageUri` or `env MODEL_URI`. */
  field: string;
}

/** Keys whose value is where a model is loaded from. */
const URI_KEY = /^(storage|model)[_-]?(uri|url)s?$/i;
/** Env vars whose value is where a model is loaded from. */
const URI_ENV = /^(MODEL|STORAGE)(_[A-Z0-9]+)*_(URI|URL|PATH|LOCATION)S?$/;
/** A URI with a scheme: s3://, gs://, hf://, pvc://, oci://, https://, file://… */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S/i;

/**
 * The model URIs in a YAML text, each with its line. A text that does not parse yields what its
 * readable documents hold (the manifest validation reports the syntax error itself).
 */
export function findServingUris(text: string, tagFormat?: string): ServingUri[] {
  const lineCounter = new LineCounter();
  const found: ServingUri[] = [];
  const add = (uri: string, node: Node | undefined, field: string) => {
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : lineOf(text, uri);
    if (!found.some((seen) => seen.uri === uri && seen.line === line)) found.push({ uri, line, field });
  };
  for (const document of parseAllDocuments(text, { lineCounter })) {
    if (document.errors.length > 0) continue;
    walk(document.contents, (key, value) => {
      if (URI_KEY.test(key)) {
        for (const scalar of scalarsOf(value)) if (typeof scalar.value === "string" && scalar.value !== "") add(scalar.value, scalar, key);
      }
    });
    walkEnv(document.contents, (name, value) => {
      if (URI_ENV.test(name) && typeof value.value === "string" && HAS_SCHEME.test(value.value)) add(value.value, value, `env ${name}`);
    });
  }
  for (const uri of findModelUris(text, tagFormat)) if (!found.some((seen) => seen.uri === uri)) add(uri, undefined, "release URL");
  return found;
}

/** The 1-based line where `needle` first appears (1 when it does not). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key)) visit(String(pair.key.value), pair.value);
      walk(pair.value, visit);
    }
  } else if (isSeq(node)) for (const item of node.items) walk(item, visit);
}

type StringScalar = Node & { value: unknown };

function scalarsOf(value: unknown): StringScalar[] {
  if (isScalar(value)) return [value];
  if (isSeq(value)) return value.items.filter((item) => isScalar(item));
  return [];
}

/** Calls `visit` for each `env: [{name, value}]` entry anywhere in the document. */
function walkEnv(node: unknown, visit: (name: string, value: StringScalar) => void): void {
  walk(node, (key, value) => {
    if (key !== "env" || !isSeq(value)) return;
    for (const entry of value.items) {
      if (!isMap(entry)) continue;
      const name = entry.get("name");
      const pair = entry.items.find((item) => isScalar(item.key) && item.key.value === "value");
      if (typeof name === "string" && pair !== undefined && isScalar(pair.value)) visit(name, pair.value);
    }
  });
}
