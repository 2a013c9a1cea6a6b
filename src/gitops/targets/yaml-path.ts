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
 */
import { UserError } from "../../common/errors.ts";
import { ANNOTATIONS, readRecorded, servingUri, singleFieldState, writeRecorded } from "./rollout-state.ts";
import type { ManifestTarget, TargetSpec } from "./target-types.ts";
import {
  formatPath,
  listResources,
  parsePath,
  pathError,
  readInteger,
  readString,
  removeValue,
  writeValue,
  type Resource,
  type YamlPath,
} from "./yaml-edit.ts";

const DEFAULT_STATE: YamlPath = ["modelship"];

/** The yaml-path target. */
export const yamlPathTarget: ManifestTarget = {
  locate(manifest, target) {
    const uriPath = pathsOf(target).uri;
    const resources = listResources(manifest);
    const byIndex = new Map(resources.map((resource) => [resource.index, resource]));
    const candidates: Resource[] = manifest.documents.map(
      (document, index) => byIndex.get(index) ?? { manifest, document, index, kind: "", name: "" },
    );
    const named = target.name === undefined ? candidates : candidates.filter((resource) => resource.name === target.name);
    if (named.length === 0) {
      const present = resources.map((r) => `${r.kind}/${r.name || "(unnamed)"}`).join(", ") || "no named resources";
      throw new UserError(`no document named "${target.name}" for target yaml-path; the file holds ${present}`, {
        file: manifest.file,
        hint: "fix the target's name, or leave it out to use the first document that has the uriPath",
      });
    }
    const found = named.find((resource) => resource.document.hasIn(uriPath));
    if (found === undefined) {
      throw pathError(
        named[0]!,
        uriPath,
        `${formatPath(uriPath)} does not exist in ${named.length > 1 ? "any document" : "the document"}`,
        "fix the target's uriPath (a dot path such as model.storageUri, list items as containers[0]); modelship edits the URI in place and does not create it",
      );
    }
    return found;
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
