import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  openStore,
  parseModelAtVersion,
  resolveVersion,
  unknownVersion
} from "./chunk-OXQJNLJL.js";
import {
  resolveRegistry
} from "./chunk-764VFCH4.js";
import {
  checkTagFormat,
  parseModelRef
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig,
  networkPolicy
} from "./chunk-RCYMTRN5.js";

// src/stages/registry-stage.ts
import { userInfo } from "node:os";
function openRunRegistry(run, loaded, explicit) {
  const tagFormat = explicit.tagFormat ?? loaded.config?.release?.tag_format;
  if (tagFormat !== void 0)
    checkTagFormat(tagFormat, { setting: "--tag-format (MODELSHIP_TAG_FORMAT, the tag-format input, or release.tag_format)" });
  return openStore({
    spec: resolveRegistry(explicit.registry, loaded, run.defaultRegistry),
    token: run.token,
    repository: run.repository,
    tagFormat,
    logger: run.logger,
    userAgentVersion: run.toolVersion,
    network: networkPolicy(run, loaded)
  });
}
async function runRegistryStage(query, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, query);
  const { model, version } = parseModelRef(query.ref);
  const versions = await store.list(model);
  if (query.action === "list")
    return { action: "list", model, versions, where: store.description, retired: await store.retirements(model) };
  const chosen = await resolveVersion(store, model, version, run.logger);
  const manifest = await store.readManifest(model, chosen);
  if (manifest === void 0) throw await unknownVersion(store, model, chosen);
  const retired = await store.retirement(model, chosen);
  return { action: "show", model, manifest, ...retired === void 0 ? {} : { retired } };
}
function retiredBy(env) {
  const named = [env.GITHUB_ACTOR, env.USER, env.USERNAME].map((value) => value?.trim()).find((value) => value !== void 0 && value !== "");
  if (named !== void 0) return named;
  try {
    return userInfo().username.trim() || void 0;
  } catch {
    return void 0;
  }
}
async function runRetireStage(query, run) {
  const { model, version } = parseModelAtVersion(query.ref, "registry retire's argument");
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, query);
  const by = retiredBy(run.env);
  const result = await store.retire(model, version, {
    ...query.reason === void 0 ? {} : { reason: query.reason },
    ...by === void 0 ? {} : { by }
  });
  run.logger.info(
    result.action === "created" ? `Retired ${model}@${result.mark.version} in ${store.description}.` : `${model}@${result.mark.version} was already retired (${result.mark.retiredAt}); nothing changed.`
  );
  return { ...result, where: store.description };
}

export {
  openRunRegistry,
  runRegistryStage,
  runRetireStage
};
