/**
 * The fetch stage (`modelship fetch`, the fetch-model action): downloads a released model version
 * from the registry and verifies every file before anything uses it.
 */
import { fetchModel, type FetchedModel } from "../registry/verified-fetch.ts";
import { parseModelRef } from "../registry/model-version.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";

/** What to fetch: `MODEL[@VERSION|@latest]`, where to, and from which registry. */
export interface FetchStageInputs {
  ref: string;
  /** Where the files go (default .modelship/fetched/MODEL). */
  dir?: string;
  registry?: string;
  tagFormat?: string;
  /** Keeps verified packages here by digest, and reuses them. */
  cacheDir?: string;
}

/** The fetched, verified version, and the model name the ref gave. */
export interface FetchStageResult extends FetchedModel {
  model: string;
}

/** Runs the fetch stage: parses the ref, loads modelship.yaml, opens the registry and fetches the version verified. */
export async function runFetchStage(inputs: FetchStageInputs, run: StageRun): Promise<FetchStageResult> {
  const { model, version } = parseModelRef(inputs.ref);
  const loaded = await loadStageConfig(run.config, run.cwd);
  const store = openRunRegistry(run, loaded, inputs);
  const fetched = await fetchModel({
    store,
    model,
    version,
    dir: inputs.dir ?? `.modelship/fetched/${model}`,
    cacheDir: inputs.cacheDir,
    logger: run.logger,
  });
  return { ...fetched, model };
}
