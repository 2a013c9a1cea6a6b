/**
 * Validates GitOps manifests before modelship commits them: every Kubernetes document whose kind
 * modelship knows is checked against its schema (core and Argo Rollouts kinds with the
 * kubernetes-models validators, KServe/Flagger/Seldon kinds with schemas/crds/), then against the
 * rules admission webhooks enforce, then (for an ONNX model) whether the server it asks for can
 * load the model. Problems are gathered, each with a JSON pointer and line.
 */
import type { Document } from "yaml";
import { isUserError } from "../common/errors.ts";
import { describeSchemaErrors } from "../common/schema-validation.ts";
import { pointerTokens, positionIn } from "../common/yaml-source.ts";
import { formatPath, parseManifest, type Manifest } from "./targets/yaml-edit.ts";
import { crdSchemaId, validateWithCrdSchema } from "./validate/crd-schemas.ts";
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
    };
  }
  const resources: LocatedResource[] = [];
  const skipped: string[] = [];
  manifest.documents.forEach((document, index) => {
    const data = asRecord(document.toJS({ maxAliasCount: 100 }));
    if (data === undefined) return; // an empty document (only comments) is not a resource
    const kind = typeof data.kind === "string" ? data.kind : "";
    const apiVersion = typeof data.apiVersion === "string" ? data.apiVersion : "";
    const name = asRecord(data.metadata)?.name;
    resources.push({ apiVersion, kind, name: typeof name === "string" ? name : "", data, document });
    if (kind === "") skipped.push(`document ${index + 1} (no kind)`);
  });

  const problems: ManifestProblem[] = [];
  const checked: string[] = [];
  for (const resource of resources) {
    if (resource.kind === "") continue;
    const label = `${resource.kind} "${resource.name}"`;
    const schemaFindings = checkSchema(resource);
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
  return { problems, checked, skipped };
}

/** Schema findings for a resource, or undefined when no schema knows its kind. */
function checkSchema(resource: LocatedResource): Finding[] | undefined {
  const { apiVersion, kind, data } = resource;
  const model = validateWithModel(apiVersion, kind, data);
  const errors = model ?? validateWithCrdSchema(apiVersion, kind, data);
  if (errors === undefined) return undefined;
  const source = model === undefined ? `see ${crdSchemaId(apiVersion, kind)!}` : `see ${modelSource(apiVersion, kind)!}`;
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
  return `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.message} (at ${problem.pointer})`;
}
