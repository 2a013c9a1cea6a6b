import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  openStore,
  resolveVersion,
  unknownVersion
} from "./chunk-BAJW5VEW.js";
import {
  resolveRegistry
} from "./chunk-6SZDPJAW.js";
import {
  checkTagFormat,
  parseModelRef
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig,
  networkPolicy
} from "./chunk-4V73OXIX.js";

// src/stages/registry-stage.ts
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
  if (query.action === "list") return { action: "list", model, versions, where: store.description };
  const chosen = await resolveVersion(store, model, version);
  const manifest = await store.readManifest(model, chosen);
  if (manifest === void 0) throw await unknownVersion(store, model, chosen);
  return { action: "show", model, manifest };
}

export {
  openRunRegistry,
  runRegistryStage
};
