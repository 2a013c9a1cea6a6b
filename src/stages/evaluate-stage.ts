/**
 * The evaluate stage as the faces call it: modelship.yaml, the settings, the champion from the
 * registry, then runEvaluation. Beside evaluation.ts, which holds the evaluation itself.
 */
import { rm } from "node:fs/promises";
import { runChampionResolver } from "./champion-store.ts";
import { resolveEvaluateSettings, type ExplicitEvaluateSettings, type ResolvedEvaluateSettings } from "./evaluate-settings.ts";
import { runEvaluation, type EvaluationResult } from "./evaluation.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import { checkOutputFolder } from "../common/output-path.ts";

/** The evaluate stage's inputs or flags: the settings, and the registry a released champion comes from. */
export interface EvaluateStageInputs extends ExplicitEvaluateSettings {
  registry?: string;
}

/** The evaluation, and the settings it ran with (the faces report the report folder, the model and fail-on). */
export interface EvaluateStageResult extends EvaluationResult {
  settings: ResolvedEvaluateSettings;
}

/** Runs the evaluate stage for a face: loads modelship.yaml, resolves the settings and evaluates, a released champion fetched from the registry. */
export async function runEvaluateStage(inputs: EvaluateStageInputs, run: StageRun): Promise<EvaluateStageResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveEvaluateSettings(inputs, loaded, run.cwd);
  await checkOutputFolder(settings.reportDir, "--report-dir (evaluate.report_dir)");
  const temps: string[] = []; // a fetched champion's folder: removed once the evaluation is done, pass or fail
  const resolveChampion = runChampionResolver({ registry: inputs.registry, loaded, model: settings.modelName, run, temps });
  try {
    const result = await runEvaluation({
      ...settings,
      logger: run.logger,
      toolVersion: run.toolVersion,
      runUrl: run.runUrl,
      resolveChampion,
    });
    return { ...result, settings };
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { recursive: true, force: true })));
  }
}
