/**
 * The model registry as the stages open it, and the registry stage (`modelship registry list|show`):
 * one place that turns a run's inputs, modelship.yaml and the face's default into a store, so the
 * release, fetch, registry and evaluate (champion) stages open it the same way.
 */
import type { LoadedConfig } from "../config/modelship-config.ts";
import { resolveVersion, unknownVersion } from "../registry/verified-fetch.ts";
import { openStore } from "../registry/open-store.ts";
import type { ModelManifest, RegistryStore, VersionInfo } from "../registry/registry-types.ts";
import { checkTagFormat, parseModelRef } from "../registry/model-version.ts";
import { resolveRegistry } from "./release-settings.ts";
import { loadStageConfig, networkPolicy, type StageRun } from "./stage-run.ts";

/**
 * Opens the registry for a run: the spec from an input or flag, else release.registry, else the
 * face's default; the tag format from an input or flag, else release.tag_format; the run's token and repository.
 */
export function openRunRegistry(run: StageRun, loaded: LoadedConfig, explicit: { registry?: string; tagFormat?: string }): RegistryStore {
  const tagFormat = explicit.tagFormat ?? loaded.config?.release?.tag_format;
  if (tagFormat !== undefined)
    checkTagFormat(tagFormat, { setting: "--tag-format (MODELSHIP_TAG_FORMAT, the tag-format input, or release.tag_format)" });
  return openStore({
    spec: resolveRegistry(explicit.registry, loaded, run.defaultRegistry),
    token: run.token,
    repository: run.repository,
    tagFormat,
    logger: run.logger,
    userAgentVersion: run.toolVersion,
    network: networkPolicy(run, loaded),
  });
}

/** What the registry stage is asked: list a model's versions, or show one version (`MODEL[@VERSION]`). */
export interface RegistryQuery {
  action: "list" | "show";
  ref: string;
  registry?: string;
  tagFormat?: string;
}

/** A model's released versions (newest first) and where they are, or one version's manifest. */
export type RegistryAnswer =
  { action: "list"; model: string; versions: VersionInfo[]; where: string } | { action: "show"; model: string; manifest: ModelManifest };

/** Runs the registry stage: loads modelship.yaml, opens the registry and lists the model's versions or reads one version's manifest. */
export async function runRegistryStage(query: RegistryQuery, run: StageRun): Promise<RegistryAnswer> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, query);
  const { model, version } = parseModelRef(query.ref);
  const versions = await store.list(model);
  if (query.action === "list") return { action: "list", model, versions, where: store.description };
  const chosen = await resolveVersion(store, model, version);
  const manifest = await store.readManifest(model, chosen);
  if (manifest === undefined) throw await unknownVersion(store, model, chosen);
  return { action: "show", model, manifest };
}
