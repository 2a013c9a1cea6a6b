import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  openRunRegistry
} from "./chunk-ZMW7YHJN.js";
import {
  fetchModel,
  parseModelRef
} from "./chunk-DNN77E4Z.js";
import {
  loadStageConfig
} from "./chunk-CYAICF2V.js";

// src/stages/fetch-stage.ts
async function runFetchStage(inputs, run) {
  const { model, version } = parseModelRef(inputs.ref);
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const fetched = await fetchModel({
    store,
    model,
    version,
    dir: inputs.dir ?? `.modelship/fetched/${model}`,
    cacheDir: inputs.cacheDir,
    logger: run.logger
  });
  return { ...fetched, model };
}

export {
  runFetchStage
};
