/**
 * The fetch stage (`modelship fetch`, the fetch-model action): downloads a released model version
 * from the registry and verifies every file before anything uses it.
 */
import { fetchModel, installVerified, resolveVersion, unknownVersion, type FetchedModel } from "../registry/verified-fetch.ts";
import { join, resolve } from "node:path";
import { UserError } from "../common/errors.ts";
import { checkModelcar } from "../gitops/modelcar-check.ts";
import { parseOciReference, type OciReference } from "../net/oci-reference.ts";
import { MANIFEST_NAME } from "../registry/manifest.ts";
import { checkOutputFolder } from "../common/output-path.ts";
import { checkModelName, normalizeVersion, parseModelRef } from "../registry/model-version.ts";
import { retiredRefusal } from "../registry/retirement.ts";
import { checkRunReleaseProvenance, type ProvenanceStatement } from "./provenance-stage.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { resolveRegistry } from "./release-settings.ts";
import { openOciClient } from "./oci-settings.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";

/** What to fetch: `MODEL[@VERSION|@latest]` or a modelcar `oci://REGISTRY/REPO@sha256:…`, where to, and from which registry. */
export interface FetchStageInputs {
  ref: string;
  /** Where the files go (default .modelship/fetched/MODEL). */
  dir?: string;
  registry?: string;
  tagFormat?: string;
  /** Keeps verified packages here by digest, and reuses them. */
  cacheDir?: string;
}

/** The fetched, verified version, the model name the ref gave, and what was found of its provenance. */
export interface FetchStageResult extends FetchedModel {
  model: string;
  provenance: ProvenanceStatement;
}

/** Runs the fetch stage: parses the ref, loads modelship.yaml, opens the registry and fetches the version verified. */
export async function runFetchStage(inputs: FetchStageInputs, run: StageRun): Promise<FetchStageResult> {
  if (/^oci:/i.test(inputs.ref)) return fetchModelcarStage(inputs, run);
  const { model, version } = parseModelRef(inputs.ref);
  checkModelName(model);
  if (version.trim().toLowerCase() !== "latest") normalizeVersion(version.trim(), "the version in MODEL@VERSION");
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const dir = inputs.dir ?? `.modelship/fetched/${model}`;
  // Where the files go is checked before anything is read from the registry.
  await checkOutputFolder(resolve(run.cwd, dir), "--dir (MODELSHIP_DIR, the dir input)");
  if (inputs.cacheDir !== undefined)
    await checkOutputFolder(resolve(run.cwd, inputs.cacheDir), "--cache (MODELSHIP_CACHE, the cache-dir input)");
  // The provenance (of the model file and of manifest.json as read here) is checked before a byte of
  // the model is downloaded; fetchModel then checks the bytes against this manifest, and that the
  // package holds this very manifest.json.
  const resolved = await resolveVersion(store, model, version, run.logger);
  const published = await store.locate(model, resolved);
  if (!published) throw await unknownVersion(store, model, resolved);
  // A retired version keeps its bytes in the registry, but nothing installs it any more.
  const retired = await store.retirement(model, resolved);
  if (retired !== undefined) throw retiredRefusal(retired, "fetch");
  const provenance = await checkRunReleaseProvenance({
    run,
    loaded,
    registrySpec: resolveRegistry(inputs.registry, loaded, run.defaultRegistry),
    release: published,
    refusal: `${model}@${resolved} is not fetched`,
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
    logger: run.logger,
  });
  return { ...fetched, model, provenance };
}

/** Where a fetch's ref or dir was given, for messages. */
const REF_SETTING = "MODEL (the model input)";

/**
 * `modelship fetch oci://REGISTRY/REPO@sha256:…`: pulls the modelcar by digest, verifies every layer
 * and file (registry/oci-pull.ts), requires it to be the configured registry's release of that
 * version (the same manifest.json, not retired, gated) with verified provenance, and only then moves
 * the package (less the Triton archive, which the image holds as its /models) into --dir.
 */
async function fetchModelcarStage(inputs: FetchStageInputs, run: StageRun): Promise<FetchStageResult> {
  const reference: OciReference = parseOciReference(inputs.ref, REF_SETTING);
  const { digest } = reference;
  if (digest === undefined)
    throw new UserError(`${REF_SETTING}: "${inputs.ref}" names the image by a tag, which can be moved: pin the digest`, {
      hint: "fetch oci://REGISTRY/REPOSITORY@sha256:<64 hex digits>, as modelship promote writes it",
    });
  const model = reference.repository.slice(reference.repository.lastIndexOf("/") + 1);
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const dir = resolve(run.cwd, inputs.dir ?? `.modelship/fetched/${model}`);
  await checkOutputFolder(dir, "--dir (MODELSHIP_DIR, the dir input)");
  if (inputs.cacheDir !== undefined) run.logger.info("--cache is not used for an oci:// image: the registry keeps it by digest already");
  const client = openOciClient(run, reference, loaded);
  return installVerified(dir, async (temp) => {
    const checked = await checkModelcar({ client, digest, store, dir: temp, model, doing: "fetch", logger: run.logger });
    const label = `${checked.model.name}@${checked.model.version}`;
    const provenance = await checkRunReleaseProvenance({
      run,
      loaded,
      registrySpec: resolveRegistry(inputs.registry, loaded, run.defaultRegistry),
      release: checked.stored,
      refusal: `${label} is not fetched`,
    });
    const said = `${label} (${checked.model.uri}): build provenance ${provenance.text}`;
    if (provenance.status === "pass") run.logger.info(said);
    else run.logger.warning(said);
    const modelFile = checked.manifest.files.find((file) => file.role === "model")!;
    return {
      path: dir,
      version: checked.model.version,
      manifest: checked.manifest,
      manifestPath: join(dir, MANIFEST_NAME),
      manifestSha256: checked.pulled.manifestSha256,
      modelPath: join(dir, modelFile.name),
      fromCache: false,
      model: checked.model.name,
      provenance,
    };
  });
}
