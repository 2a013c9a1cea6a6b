/**
 * The train stage as one call, shared by the CLI and the action: settings from the inputs and
 * modelship.yaml, then the user's command or the built-in trainer, and the run record.
 */
import { resolve } from "node:path";
import type { Logger } from "../common/logger.ts";
import { checkOutputFolder } from "../common/output-path.ts";
import { resolveTrainSettings, type ExplicitTrainSettings, type TrainSettings } from "./train-settings.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import { builtinTrainer } from "../train/builtin-train.ts";
import { renderRunSummary } from "../train/run-markdown.ts";
import { runTraining, type TrainResult } from "../train/run-training.ts";

export type { TrainSettings } from "./train-settings.ts";

/** Runs the command or the built-in trainer the settings name. */
export async function trainFromSettings(options: {
  settings: TrainSettings;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  runnerLabels?: string;
  logger: Logger;
  toolVersion: string;
}): Promise<TrainResult> {
  const { settings, logger } = options;
  return runTraining({
    run:
      "command" in settings.run
        ? { command: settings.run.command }
        : {
            builtin: builtinTrainer({
              configPath: settings.run.trainConfig,
              cwd: options.cwd,
              logger,
              toolVersion: options.toolVersion,
              params: settings.params,
              seed: settings.seed,
            }),
          },
    outputDir: settings.outputDir,
    cwd: options.cwd,
    requireGpu: settings.requireGpu,
    runnerLabels: options.runnerLabels,
    data: settings.data,
    params: settings.params,
    seed: settings.seed,
    gpuSampleMs: settings.gpuSampleMs,
    env: options.env,
    logger,
    toolVersion: options.toolVersion,
  });
}

/** What a face gives the train stage: its inputs or flags, and the runner labels the job asked for. */
export interface TrainStageInputs extends ExplicitTrainSettings {
  /** The runner labels as JSON: recorded, and named when no GPU is found. */
  runnerLabels?: string;
}

/** What training needs of the run: modelship.yaml, the working directory and environment, the logger, the version (no token). */
export type TrainRun = Pick<StageRun, "config" | "cwd" | "env" | "logger" | "toolVersion">;

export interface TrainStageResult extends TrainResult {
  /** The resolved settings, for the faces' outputs (output-dir). */
  settings: TrainSettings;
  /** The run record as a job summary. */
  markdown: string;
}

/** The train stage as one call: modelship.yaml and the settings, then the training and its run record. */
export async function runTrainStage(inputs: TrainStageInputs, run: TrainRun): Promise<TrainStageResult> {
  const settings = resolveTrainSettings(inputs, await loadStageConfig(run.config, run.cwd));
  // Before any training: an output folder that cannot be made is found now, not after the run.
  await checkOutputFolder(resolve(run.cwd, settings.outputDir), "--output (train.output, the output input)");
  const result = await trainFromSettings({
    settings,
    cwd: run.cwd,
    env: run.env,
    runnerLabels: inputs.runnerLabels,
    logger: run.logger,
    toolVersion: run.toolVersion,
  });
  return { ...result, settings, markdown: renderRunSummary(result.record) };
}
