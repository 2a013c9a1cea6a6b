/**
 * The generic target: any YAML file where the model URI is one scalar (a Helm values file, a
 * kustomize patch, a plain Deployment). It works like KServe's Knative mode: the URI path always
 * holds the newest model and the optional weight path holds the canary's share, which the chart or
 * patch is expected to turn into traffic.
 *
 * - start/step: `uriPath` := the new URI, `weightPath` := w (created if absent; required)
 * - promote: `weightPath` is deleted (and maps it leaves empty)
 * - rollback: `uriPath` := the recorded stable URI, `weightPath` is deleted
 *
 * State: modelship's keys (see rollout-state.ts) go in the map at `statePath`; by default the
 * document's `metadata.annotations` when it is a Kubernetes resource, else a top-level `modelship`
 * map, which Helm passes to templates untouched and ignores unless a template reads it.
 *
 * Documents: a file of several Kubernetes resources is edited in the one document that has the
 * uriPath (the target's name picks it when several have it); a values file, a kustomization or any
 * other file of settings must be one document (empty ones, a leading or trailing `---`, aside),
 * since its tool reads it as one: Helm 3 ignores a values file's later documents and Helm 4 merges
 * them over the first, Kustomize reads a kustomization's first document only.
 */
import type { Document } from "yaml";
import { UserError } from "../../common/errors.ts";
import { ANNOTATIONS, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, TargetSpec } from "./target-types.ts";
import {
  describeDocument,
  documentLine,
  duplicateResources,
  formatPath,
  isEmptyDocument,
  isKubernetesResource,
  listResources,
  parsePath,
  pathError,
  readInteger,
  readString,
  removeValue,
  writeValue,
  type Manifest,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const DEFAULT_STATE: YamlPath = ["modelship"];

/** The yaml-path target. */
export const yamlPathTarget: ManifestTarget = {
  locate(manifest, target) {
    const uriPath = pathsOf(target).uri;
    refuseSeveralDocuments(manifest);
    const resources = listResources(manifest);
    const byIndex = new Map(resources.map((resource) => [resource.index, resource]));
    // Empty documents (a leading or trailing `---`) hold nothing to edit.
    const candidates: Resource[] = manifest.documents.flatMap((document, index) =>
      isEmptyDocument(document) ? [] : [byIndex.get(index) ?? { manifest, document, index, kind: "", name: "" }],
    );
    if (candidates.length === 0) {
      throw new UserError(`${manifest.file} holds no YAML document, so it has no ${formatPath(uriPath)}`, {
        file: manifest.file,
        hint: "point the target at the file that holds the model URI",
      });
    }
    const named = target.name === undefined ? candidates : candidates.filter((resource) => resource.name === target.name);
    if (named.length === 0) {
      const present = resources.map((r) => `${r.kind}/${r.name || "(unnamed)"}`).join(", ") || "no named resources";
      throw new UserError(`no document named "${target.name}" for target yaml-path; the file holds ${present}`, {
        file: manifest.file,
        hint: "fix the target's name, or leave it out to use the one document that has the uriPath",
      });
    }
    const holding = named.filter((resource) => resource.document.hasIn(uriPath));
    if (holding.length === 0) {
      throw pathError(
        named[0]!,
        uriPath,
        `${formatPath(uriPath)} does not exist in ${named.length > 1 ? "any document" : "the document"}`,
        "fix the target's uriPath (a dot path such as model.storageUri, list items as containers[0]); modelship edits the URI in place and does not create it",
      );
    }
    if (holding.length > 1) throw ambiguousPath(holding, uriPath, target);
    return holding[0]!;
  },

  read(resource, target) {
    const paths = pathsOf(target);
    const uri = readString(resource, paths.uri);
    if (uri === undefined)
      throw pathError(
        resource,
        paths.uri,
        `${formatPath(paths.uri)} is empty`,
        "set it to the release asset URL of the model that serves now",
      );
    const weight = paths.weight === undefined ? undefined : readInteger(resource, paths.weight);
    const recorded = readRecorded(resource, statePathOf(resource, target));
    // A recorded canary without a weight field reads as a canary at 0%.
    return singleFieldState(uri, recorded, recorded.canary.uri === undefined && weight === undefined ? undefined : (weight ?? 0));
  },

  write(resource, target, desired) {
    const paths = pathsOf(target);
    if (desired.canary !== undefined && paths.weight === undefined) {
      throw new UserError(`target yaml-path on ${resource.manifest.file} has no weightPath, so it cannot run a canary`, {
        file: resource.manifest.file,
        hint: "set the target's weightPath to the value that holds the canary's traffic share, or use the direct action",
      });
    }
    writeValue(resource, paths.uri, servingUri(desired));
    if (paths.weight !== undefined) {
      if (desired.canary === undefined) removeValue(resource, paths.weight, { pruneEmpty: true });
      else writeValue(resource, paths.weight, desired.canary.weight);
    }
    writeRecorded(resource, statePathOf(resource, target), desired);
  },
};

function pathsOf(target: TargetSpec): { uri: YamlPath; weight?: YamlPath } {
  if (target.uriPath === undefined || target.uriPath === "") {
    throw new UserError("target yaml-path needs a uriPath", {
      file: target.file,
      hint: "set uriPath to the dot path of the model URI, such as model.storageUri",
    });
  }
  const uri = parsePath(target.uriPath, { file: target.file, option: "uriPath" });
  if (target.weightPath === undefined || target.weightPath === "") return { uri };
  return { uri, weight: parsePath(target.weightPath, { file: target.file, option: "weightPath" }) };
}

function statePathOf(resource: Resource, target: TargetSpec): YamlPath {
  if (target.statePath !== undefined && target.statePath !== "")
    return parsePath(target.statePath, { file: target.file, option: "statePath" });
  return resource.kind !== "" && resource.document.has("apiVersion") ? ANNOTATIONS : DEFAULT_STATE;
}

/** A kustomization file: Kustomize reads its first YAML document only. */
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * Refuses a file of several documents unless every one is a Kubernetes resource (a Deployment and
 * its Service, say), where the target's name and uriPath pick the one to edit. A values file, a
 * kustomization or any other file of settings is read by its tool as one document, so a second
 * document would either be ignored or change what the first one says; either way, editing one of
 * them would leave the promotion half done. Empty documents (a leading or trailing `---`) do not count.
 */
function refuseSeveralDocuments(manifest: Manifest): void {
  const filled = manifest.documents.flatMap((document, index) => (isEmptyDocument(document) ? [] : [{ document, index }]));
  if (filled.length < 2) return;
  const { file } = manifest;
  const count = `${filled.length} YAML documents`;
  const second = filled[1]!.index;
  const secondAt = describeDocument(manifest, second);
  const kustomization = KUSTOMIZATION_FILE.test(file) || filled.some(({ document }) => isKustomization(document));
  if (kustomization) {
    throw new UserError(
      `${file} holds ${count} (the second is ${secondAt}), and Kustomize reads only the first document of a kustomization`,
      {
        file,
        line: documentLine(manifest, second),
        hint: `merge the documents into one (Kustomize ignores everything from line ${documentLine(manifest, second) ?? "?"} on), or move the second into a file of its own; modelship edits a kustomization only when it is one document`,
      },
    );
  }
  const settings = filled.filter(({ document }) => !isKubernetesResource(document));
  if (settings.length === 0) return;
  if (settings.length === filled.length) {
    throw new UserError(
      `${file} holds ${count} (the second is ${secondAt}); a values file is one document, so modelship edits none of them`,
      {
        file,
        line: documentLine(manifest, second),
        hint: "split the file: Helm 3 reads only the first document of a values file and ignores the rest, while Helm 4 merges all of them in order (a later document overrides an earlier one), so which model serves would depend on the Helm version. Merge the documents into one, or give each its own values file (helm -f a.yaml -f b.yaml, or several valueFiles in the Argo CD Application) with its own target",
      },
    );
  }
  const stray = settings[0]!.index;
  throw new UserError(
    `${file} mixes Kubernetes resources with ${describeDocument(manifest, stray)}, which has no apiVersion and kind; modelship edits such a file only when every document is a Kubernetes resource`,
    {
      file,
      line: documentLine(manifest, stray),
      hint: `move document ${stray + 1} to a file of its own (kubectl and Argo CD refuse a document without apiVersion and kind), or give it its apiVersion and kind`,
    },
  );
}

function isKustomization(document: Document): boolean {
  const apiVersion = document.get("apiVersion");
  const kind = document.get("kind");
  return (
    typeof apiVersion === "string" &&
    apiVersion.startsWith("kustomize.config.k8s.io/") &&
    (kind === "Kustomization" || kind === "Component")
  );
}

/** Two or more documents (Kubernetes resources) hold the uriPath: the target must name the one to edit. */
function ambiguousPath(holding: Resource[], uriPath: YamlPath, target: TargetSpec): UserError {
  const first = holding[0]!;
  const { manifest } = first;
  if (holding.every((resource) => resource.kind === first.kind && resource.name === first.name)) return duplicateResources(holding);
  const names = [...new Set(holding.map((resource) => resource.name))];
  const list = holding.map((resource) => `${resource.kind} "${resource.name}" in ${describeDocument(manifest, resource.index)}`).join(", ");
  const where = { file: manifest.file, line: documentLine(manifest, holding[1]!.index) };
  if (target.name === undefined && names.length === holding.length) {
    return new UserError(`${formatPath(uriPath)} is in ${holding.length} documents of the file (${list}); the target must name one`, {
      ...where,
      hint: `set the target's name to the metadata.name of the resource to edit: one of ${names.join(", ")}`,
    });
  }
  // Resources of different kinds share the name the target gives (or the only name there is).
  return new UserError(
    `${formatPath(uriPath)} is in ${holding.length} documents of the file that the target's name cannot tell apart (${list})`,
    {
      ...where,
      hint: "a yaml-path target picks a document by metadata.name only: rename one of them, or move one to a file of its own",
    },
  );
}
