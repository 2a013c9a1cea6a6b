/**
 * Validates GitOps manifests before modelship commits them: every Kubernetes document whose kind
 * modelship knows is checked against its schema (custom resources against the upstream CRDs
 * vendored in vendor/crds/, strictly, as the API server checks them: validate/structural-schema.ts
 * and docs/manifest-validation.md; core kinds with the kubernetes-models validators), then against
 * the rules admission webhooks enforce, then (for an ONNX model) whether the server it asks for can
 * load the model. Every document of a multi-document file is checked; in a file of Kubernetes
 * resources, a document that is not one is a problem too. Problems are gathered, each with a JSON
 * pointer and line.
 */
import { isMap, type Document } from "yaml";
import { isUserError } from "../common/errors.ts";
import { describeSchemaErrors } from "../common/schema-validation.ts";
import { pointerTokens, positionIn } from "../common/yaml-source.ts";
import { documentLine, formatPath, isEmptyDocument, isKubernetesResource, parseManifest, type Manifest } from "./targets/yaml-edit.ts";
import { validateStructural } from "./validate/structural-schema.ts";
import { describeSource, upstreamCrd } from "./validate/upstream-crds.ts";
import { modelSource, validateWithModel } from "./validate/kubernetes-models.ts";
import { checkOnnx } from "./validate/onnx-checks.ts";
import { checkSemantics } from "./validate/semantic-checks.ts";
import { asRecord, type Finding, type ManifestProblem, type ResourceData } from "./validate/manifest-check-types.ts";

export type { ManifestProblem } from "./validate/manifest-check-types.ts";

export interface ValidateManifestOptions {
  /** The format of the model being promoted; `onnx` turns on the checks that its server can load it. */
  modelFormat?: "onnx";
}

export interface ManifestValidation {
  problems: ManifestProblem[];
  /** The resources that were checked, like `Rollout "adult-income"`. */
  checked: string[];
  /** The resources of kinds modelship has no schema for, skipped. */
  skipped: string[];
  /** What could not be checked here (a CEL rule the library cannot evaluate, a transition rule): said, never a problem. */
  notes: string[];
}

interface LocatedResource extends ResourceData {
  document: Document;
}

/** Validates every Kubernetes document in `text` whose kind modelship knows; unknown kinds are skipped (and listed). */
export function validateManifestText(text: string, file: string, options: ValidateManifestOptions = {}): ManifestValidation {
  let manifest: Manifest;
  try {
    manifest = parseManifest(text, file);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {
      problems: [
        { file, pointer: "", line: error.line, message: error.problem, hint: error.hint ?? "fix the YAML syntax", kind: "schema" },
      ],
      checked: [],
      skipped: [],
      notes: [],
    };
  }
  const resources: LocatedResource[] = [];
  const skipped: string[] = [];
  manifest.documents.forEach((document, index) => {
    if (isEmptyDocument(document)) return; // a lone `---` or only comments is not a resource
    const data = asRecord(document.toJS({ maxAliasCount: 100 }));
    if (data === undefined) {
      skipped.push(`document ${index + 1} (not a map)`);
      return;
    }
    const kind = typeof data.kind === "string" ? data.kind : "";
    const apiVersion = typeof data.apiVersion === "string" ? data.apiVersion : "";
    const name = asRecord(data.metadata)?.name;
    resources.push({ apiVersion, kind, name: typeof name === "string" ? name : "", data, document });
    if (kind === "") skipped.push(`document ${index + 1} (no kind)`);
  });

  const problems: ManifestProblem[] = [];
  const checked: string[] = [];
  const notes: string[] = [];
  // A file of Kubernetes resources is applied document by document: one that is not a resource (a
  // values map pasted below a manifest, a list) makes kubectl, Kustomize and Argo CD refuse the file.
  if (manifest.documents.some((document) => isKubernetesResource(document))) {
    manifest.documents.forEach((document, index) => {
      if (isEmptyDocument(document) || isKubernetesResource(document)) return;
      problems.push({
        file,
        pointer: "",
        line: documentLine(manifest, index),
        message: `document ${index + 1} is not a Kubernetes resource (${lacking(document)}), in a file of Kubernetes resources`,
        hint: "give it its apiVersion and kind, or move it to a file of its own: kubectl, Kustomize and Argo CD refuse a document without them",
        kind: "schema",
      });
    });
  }
  for (const resource of resources) {
    if (resource.kind === "") continue;
    const label = `${resource.kind} "${resource.name}"`;
    const schemaFindings = checkSchema(resource, (note) => notes.push(`${file}: ${label}: ${note}`));
    if (schemaFindings === undefined) {
      skipped.push(resource.apiVersion === "" ? label : `${label} (${resource.apiVersion})`);
      continue;
    }
    checked.push(label);
    const findings = [...schemaFindings, ...checkSemantics(resource, resources)];
    if (options.modelFormat === "onnx") findings.push(...checkOnnx(resource));
    for (const finding of findings) {
      problems.push({
        file,
        pointer: finding.pointer,
        line: positionIn(resource.document, manifest.lineCounter, finding.pointer, "key")?.line,
        message: `${label}: ${finding.message}`,
        hint: finding.hint,
        kind: finding.kind,
      });
    }
  }
  return { problems, checked, skipped, notes };
}

/** What keeps a non-empty document from being a Kubernetes resource, for messages. */
function lacking(document: Document): string {
  if (!isMap(document.contents)) return "it is not a map";
  const missing = ["apiVersion", "kind"].filter((key) => typeof document.get(key) !== "string");
  return `it has no ${missing.join(" and ")}`;
}

/**
 * Schema findings for a resource, or undefined when no schema knows its kind: a custom resource's
 * upstream CRD (strict, as the API server checks it), else a core kind's kubernetes-models schema.
 */
function checkSchema(resource: LocatedResource, note: (text: string) => void): Finding[] | undefined {
  const { apiVersion, kind, data } = resource;
  const crd = upstreamCrd(apiVersion, kind);
  if (crd !== undefined) {
    const findings: Finding[] = [];
    for (const problem of validateStructural(crd.openAPIV3Schema, data)) {
      if (problem.severity === "not-evaluated") {
        // A transition rule compares with the live object on update: a file in git has none to compare
        // with, so (as on create) it does not apply; anything else not evaluated is said.
        if (problem.rule !== "transition") note(problem.message);
        continue;
      }
      findings.push({
        pointer: problem.pointer,
        message: problem.message,
        hint: `fix the field as ${describeSource(crd)} defines it: the API server refuses the resource as it is`,
        kind: "schema",
      });
    }
    return findings;
  }
  const errors = validateWithModel(apiVersion, kind, data);
  if (errors === undefined) return undefined;
  const source = `see ${modelSource(apiVersion, kind)!}`;
  return describeSchemaErrors(errors).map((problem) => ({
    pointer: problem.pointer,
    message: `${problem.pointer === "" ? "the document" : formatPath(pointerTokens(problem.pointer).map((token) => (/^\d+$/.test(token) ? Number(token) : token)))} ${problem.message}`,
    hint:
      problem.allowed === undefined
        ? `fix the field; ${source} for the allowed fields and types`
        : `set ${problem.pointer} to one of ${problem.allowed.map((value) => JSON.stringify(value)).join(", ")}`,
    kind: "schema" as const,
  }));
}

/** `file:line: message (at /pointer)`, as the promotion and verify-promotion reports list problems. */
export function formatProblem(problem: ManifestProblem): string {
  const at = problem.pointer === "" ? "" : ` (at ${problem.pointer})`;
  return `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.message}${at}`;
}
