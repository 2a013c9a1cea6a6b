/** The train stage from resolved settings: the one call the CLI and the action share. */
import type { Logger } from "../common/logger.ts";
import type { TrainSettings } from "../config/train-settings.ts";
import { runTraining, type TrainResult } from "./train.ts";

/** Runs the training command the settings name. */
export async function trainFromSettings(options: { settings: TrainSettings; cwd: string; env?: NodeJS.ProcessEnv; runnerLabels?: string; logger: Logger; toolVersion: string }): Promise<TrainResult> {
  const { settings, logger } = options;
  return runTraining({
    run: { command: settings.command },
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
