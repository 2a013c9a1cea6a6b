/**
 * Settings of the train stage from an explicit action input or CLI flag, then modelship.yaml, then
 * the defaults. Both faces call this.
 */
import { UserError } from "../common/errors.ts";
import type { RequireGpu } from "../train/gpu.ts";
import { DEFAULT_CONFIG_FILE, pick, type LoadedConfig } from "../config/modelship-config.ts";

export interface ExplicitTrainSettings {
  command?: string;
  trainConfig?: string;
  output?: string;
  requireGpu?: RequireGpu;
  seed?: number;
  params?: string[];
  train?: string;
  test?: string;
  contract?: string;
}

export interface TrainSettings {
  /** The user's command, or the built-in trainer's train.yaml. */
  run: { command: string } | { trainConfig: string };
  outputDir: string;
  requireGpu: RequireGpu;
  seed?: number;
  params: Record<string, string>;
  data: { train?: string; test?: string; contract?: string };
  gpuSampleMs: number;
}

export const DEFAULT_MODEL_DIR = ".modelship/model";

/** Parses `name=value` parameters, or one JSON object (a sweep's matrix entry via toJSON), into a map. */
export function parseParams(items: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  const joined = items.join("\n").trim();
  if (joined.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(joined);
    } catch (error) {
      throw new UserError(`params is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'give params as a JSON object ({"lr": 0.01}) or as NAME=VALUE lines',
      });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new UserError("params JSON must be an object of names to values", { hint: 'e.g. {"lr": 0.01, "layers": "64,32"}' });
    for (const [name, value] of Object.entries(parsed)) params[name] = typeof value === "string" ? value : JSON.stringify(value);
    return params;
  }
  for (const item of items) {
    const at = item.indexOf("=");
    if (at <= 0)
      throw new UserError(`parameter "${item}" is not NAME=VALUE`, {
        hint: "write parameters as name=value, e.g. --param learning_rate=0.01 (one per line in the params input)",
      });
    params[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return params;
}

function requireGpuOf(value: string | boolean | undefined): RequireGpu | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (text === "true" || text === "false" || text === "auto") return text;
  throw new UserError(`require-gpu must be true, false or auto, got "${text}"`, {
    hint: "use require-gpu: auto to train on a GPU when there is one",
  });
}

/** Resolves the train stage's settings. */
export function resolveTrainSettings(explicit: ExplicitTrainSettings, loaded: LoadedConfig): TrainSettings {
  const config = loaded.config?.train;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : loaded.resolvePath(path));
  if (explicit.command !== undefined && explicit.trainConfig !== undefined)
    throw new UserError("both a training command and a train config are given: modelship runs one or the other", {
      hint: "pass --command (the command input) for your own trainer, or --train-config (the train-config input) for the built-in one, not both",
    });
  // An explicit choice on the command line or in the step wins over either one in modelship.yaml.
  const command = explicit.command ?? (explicit.trainConfig === undefined ? config?.command : undefined);
  const trainConfig = explicit.trainConfig ?? (explicit.command === undefined ? fromConfig(config?.config) : undefined);
  let run: TrainSettings["run"];
  if (command !== undefined && command.trim() !== "") run = { command };
  else if (trainConfig !== undefined) run = { trainConfig };
  else
    throw new UserError("nothing to train: give a training command or a train config", {
      hint: `pass --command "python train.py" or --train-config train.yaml (the action's command / train-config inputs), or set train.command or train.config in ${DEFAULT_CONFIG_FILE}`,
    });
  const data = loaded.config?.data;
  return {
    run,
    outputDir: pick(explicit.output, fromConfig(config?.output)) ?? DEFAULT_MODEL_DIR,
    requireGpu: pick(explicit.requireGpu, requireGpuOf(config?.require_gpu)) ?? "auto",
    seed: pick(explicit.seed, config?.seed),
    params: parseParams(explicit.params ?? []),
    data: {
      train: pick(explicit.train, fromConfig(data?.train)),
      test: pick(explicit.test, fromConfig(data?.test)),
      contract: pick(explicit.contract, fromConfig(data?.contract)),
    },
    gpuSampleMs: Math.round((config?.gpu_sample_seconds ?? 5) * 1000),
  };
}
