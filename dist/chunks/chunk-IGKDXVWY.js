import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkRunReleaseProvenance
} from "./chunk-AAYYE2TC.js";
import {
  openRunRegistry
} from "./chunk-UD7FH4KQ.js";
import {
  fetchModel,
  parseModelRef,
  resolveRegistry,
  resolveVersion,
  unknownVersion
} from "./chunk-2OYWOPGB.js";
import {
  loadStageConfig
} from "./chunk-DJQRCTAZ.js";

// src/stages/fetch-stage.ts
async function runFetchStage(inputs, run) {
  const { model, version } = parseModelRef(inputs.ref);
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const resolved = await resolveVersion(store, model, version);
  const published = await store.locate(model, resolved);
  if (!published) throw await unknownVersion(store, model, resolved);
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
    dir: inputs.dir ?? `.modelship/fetched/${model}`,
    cacheDir: inputs.cacheDir,
    published,
    logger: run.logger
  });
  return { ...fetched, model, provenance };
}

export {
  runFetchStage
};
