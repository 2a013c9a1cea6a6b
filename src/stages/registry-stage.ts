/**
 * The model registry as the stages open it, and the registry stage (`modelship registry list|show`):
 * one place that turns a run's inputs, modelship.yaml and the face's default into a store, so the
 * release, fetch, registry and evaluate (champion) stages open it the same way.
 */
import { userInfo } from "node:os";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { resolveVersion, unknownVersion } from "../registry/verified-fetch.ts";
import { openStore } from "../registry/open-store.ts";
import type { ModelManifest, RegistryStore, RetirementMark, RetireResult, VersionInfo } from "../registry/registry-types.ts";
import { parseModelAtVersion } from "../registry/retirement.ts";
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
  | { action: "list"; model: string; versions: VersionInfo[]; where: string; retired?: RetirementMark[] }
  | { action: "show"; model: string; manifest: ModelManifest; retired?: RetirementMark };

/** Runs the registry stage: loads modelship.yaml, opens the registry and lists the model's versions or reads one version's manifest. */
export async function runRegistryStage(query: RegistryQuery, run: StageRun): Promise<RegistryAnswer> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, query);
  const { model, version } = parseModelRef(query.ref);
  const versions = await store.list(model);
  // Retired versions are listed (their files are still there) and marked as such.
  if (query.action === "list")
    return { action: "list", model, versions, where: store.description, retired: await store.retirements(model) };
  const chosen = await resolveVersion(store, model, version, run.logger);
  const manifest = await store.readManifest(model, chosen);
  if (manifest === undefined) throw await unknownVersion(store, model, chosen);
  const retired = await store.retirement(model, chosen);
  return { action: "show", model, manifest, ...(retired === undefined ? {} : { retired }) };
}

/** `modelship registry retire MODEL@VERSION [--reason TEXT]`: what to retire, and where. */
export interface RetireQuery {
  ref: string;
  reason?: string;
  registry?: string;
  tagFormat?: string;
}

/** What retiring did (created, or unchanged when the version was already retired), and in which registry. */
export interface RetireAnswer extends RetireResult {
  where: string;
}

/**
 * Who retires: GITHUB_ACTOR in Actions, else USER or USERNAME, else the account the process runs as.
 * An empty variable counts as unset (a shell's `USER= modelship …`, a container without one).
 */
export function retiredBy(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const named = [env.GITHUB_ACTOR, env.USER, env.USERNAME]
    .map((value) => value?.trim())
    .find((value) => value !== undefined && value !== "");
  if (named !== undefined) return named;
  try {
    // Throws where the uid has no passwd entry (a container run as an arbitrary uid): then no one is recorded.
    return userInfo().username.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Marks a released version retired (src/registry/retirement.ts: where the mark is kept and why); its
 * bytes are untouched. On GitHub this edits the release notes, so the token needs `contents: write`.
 * The mark records who retired it: GITHUB_ACTOR in Actions, else the local user.
 */
export async function runRetireStage(query: RetireQuery, run: StageRun): Promise<RetireAnswer> {
  const { model, version } = parseModelAtVersion(query.ref, "registry retire's argument");
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, query);
  const by = retiredBy(run.env);
  const result = await store.retire(model, version, {
    ...(query.reason === undefined ? {} : { reason: query.reason }),
    ...(by === undefined ? {} : { by }),
  });
  run.logger.info(
    result.action === "created"
      ? `Retired ${model}@${result.mark.version} in ${store.description}.`
      : `${model}@${result.mark.version} was already retired (${result.mark.retiredAt}); nothing changed.`,
  );
  return { ...result, where: store.description };
}
