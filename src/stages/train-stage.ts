/** The train stage from resolved settings: the one call the CLI and the action share. */
import type { Logger } from "../common/logger.ts";
import type { TrainSettings } from "./train-settings.ts";
import { builtinTrainer } from "../train/builtin-train.ts";
import { runTraining, type TrainResult } from "../train/train.ts";

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
              ...(settings.seed === undefined ? {} : { seed: settings.seed }),
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
