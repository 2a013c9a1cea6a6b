import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkRunReleaseProvenance
} from "./chunk-7AZDJTUO.js";
import {
  openRunRegistry
} from "./chunk-KVA3DNHE.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  resolveRegistry
} from "./chunk-TCQG6L4P.js";
import {
  fetchModel,
  resolveVersion,
  retiredRefusal,
  unknownVersion
} from "./chunk-TFJS4UUF.js";
import {
  checkModelName,
  normalizeVersion,
  parseModelRef
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig
} from "./chunk-3S6RA3JE.js";

// src/stages/fetch-stage.ts
import { resolve } from "node:path";
async function runFetchStage(inputs, run) {
  const { model, version } = parseModelRef(inputs.ref);
  checkModelName(model);
  if (version.trim().toLowerCase() !== "latest") normalizeVersion(version.trim(), "the version in MODEL@VERSION");
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const dir = inputs.dir ?? `.modelship/fetched/${model}`;
  await checkOutputFolder(resolve(run.cwd, dir), "--dir (MODELSHIP_DIR, the dir input)");
  if (inputs.cacheDir !== void 0)
    await checkOutputFolder(resolve(run.cwd, inputs.cacheDir), "--cache (MODELSHIP_CACHE, the cache-dir input)");
  const resolved = await resolveVersion(store, model, version, run.logger);
  const published = await store.locate(model, resolved);
  if (!published) throw await unknownVersion(store, model, resolved);
  const retired = await store.retirement(model, resolved);
  if (retired !== void 0) throw retiredRefusal(retired, "fetch");
  const provenance = await checkRunReleaseProvenance({
    run,
    loaded,
    registrySpec: resolveRegistry(inputs.registry, loaded, run.defaultRegistry),
    release: published,
    refusal: `${model}@${resolved} is not fetched`
  });
  const said = `${model}@${resolved}: build provenance ${provenance.text}`;
  if (provenance.status === "pass") run.logger.info(said);
  else run.logger.warning(said);
  const fetched = await fetchModel({
    store,
    model,
    version: resolved,
    dir,
    cacheDir: inputs.cacheDir,
    published,
    logger: run.logger
  });
  return { ...fetched, model, provenance };
}

export {
  runFetchStage
};
