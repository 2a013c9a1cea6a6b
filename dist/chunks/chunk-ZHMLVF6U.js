import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkRunReleaseProvenance
} from "./chunk-OB66M5SJ.js";
import {
  openRunRegistry
} from "./chunk-FGAOEPT5.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  checkModelcar
} from "./chunk-WMANSC4W.js";
import {
  openOciClient
} from "./chunk-YNXDJ5Z6.js";
import {
  parseOciReference
} from "./chunk-GBAVK5Q7.js";
import {
  MANIFEST_NAME,
  fetchModel,
  installVerified,
  resolveVersion,
  retiredRefusal,
  unknownVersion
} from "./chunk-OXQJNLJL.js";
import {
  resolveRegistry
} from "./chunk-764VFCH4.js";
import {
  checkModelName,
  normalizeVersion,
  parseModelRef
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/fetch-stage.ts
import { join, resolve } from "node:path";
async function runFetchStage(inputs, run) {
  if (/^oci:/i.test(inputs.ref)) return fetchModelcarStage(inputs, run);
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
var REF_SETTING = "MODEL (the model input)";
async function fetchModelcarStage(inputs, run) {
  const reference = parseOciReference(inputs.ref, REF_SETTING);
  const { digest } = reference;
  if (digest === void 0)
    throw new UserError(`${REF_SETTING}: "${inputs.ref}" names the image by a tag, which can be moved: pin the digest`, {
      hint: "fetch oci://REGISTRY/REPOSITORY@sha256:<64 hex digits>, as modelship promote writes it"
    });
  const model = reference.repository.slice(reference.repository.lastIndexOf("/") + 1);
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const dir = resolve(run.cwd, inputs.dir ?? `.modelship/fetched/${model}`);
  await checkOutputFolder(dir, "--dir (MODELSHIP_DIR, the dir input)");
  if (inputs.cacheDir !== void 0) run.logger.info("--cache is not used for an oci:// image: the registry keeps it by digest already");
  const client = openOciClient(run, reference, loaded);
  return installVerified(dir, async (temp) => {
    const checked = await checkModelcar({ client, digest, store, dir: temp, model, doing: "fetch", logger: run.logger });
    const label = `${checked.model.name}@${checked.model.version}`;
    const provenance = await checkRunReleaseProvenance({
      run,
      loaded,
      registrySpec: resolveRegistry(inputs.registry, loaded, run.defaultRegistry),
      release: checked.stored,
      refusal: `${label} is not fetched`
    });
    const said = `${label} (${checked.model.uri}): build provenance ${provenance.text}`;
    if (provenance.status === "pass") run.logger.info(said);
    else run.logger.warning(said);
    const modelFile = checked.manifest.files.find((file) => file.role === "model");
    return {
      path: dir,
      version: checked.model.version,
      manifest: checked.manifest,
      manifestPath: join(dir, MANIFEST_NAME),
      manifestSha256: checked.pulled.manifestSha256,
      modelPath: join(dir, modelFile.name),
      fromCache: false,
      model: checked.model.name,
      provenance
    };
  });
}

export {
  runFetchStage
};
