/**
 * Settings of the evaluate stage from an explicit action input or CLI flag, then modelship.yaml
 * (`evaluate` and `gates`), then the defaults. Both faces call this.
 */
import { join } from "node:path";
import { isUserError, UserError, withSetting } from "../common/errors.ts";
import type { EvaluateSettings } from "./evaluation.ts";
import type { GateFailOn } from "../gates/decide.ts";
import { loadPolicy, withChampionModel } from "../gates/policy.ts";
import { DEFAULT_MODEL_DIR } from "./train-settings.ts";
import { pick, type LoadedConfig } from "../config/modelship-config.ts";

export interface ExplicitEvaluateSettings {
  model?: string;
  data?: string[];
  contract?: string;
  target?: string;
  features?: string[];
  policy?: string;
  champion?: string;
  threshold?: number;
  positiveLabel?: string;
  reportDir?: string;
  failOn?: GateFailOn;
  resamples?: number;
  seed?: number;
  threads?: number;
  batchSize?: number;
}

/** The evaluate stage's settings, and whether to post the PR comment (the action's concern). */
export type ResolvedEvaluateSettings = EvaluateSettings & { comment: boolean };

export const DEFAULT_EVALUATION_DIR = ".modelship/evaluation";

/** `evaluate.outputs` of modelship.yaml (snake_case) as loadModel's `outputs` option; nothing when unset. */
export function modelOutputsFromConfig(outputs: NonNullable<NonNullable<LoadedConfig["config"]>["evaluate"]>["outputs"]): {
  outputs?: { label?: string; probabilities?: string; score?: string; scoreKind?: "probability" | "logit"; value?: string };
} {
  if (outputs === undefined) return {};
  return {
    outputs: {
      label: outputs.label,
      probabilities: outputs.probabilities,
      score: outputs.score,
      scoreKind: outputs.score_kind,
      value: outputs.value,
    },
  };
}

/** The schema's bounds for the settings a flag or input can also give. */
function checkRanges(explicit: ExplicitEvaluateSettings): void {
  const bounds: [keyof ExplicitEvaluateSettings, string, number, number][] = [
    ["threshold", "threshold", 0, 1],
    ["resamples", "resamples", 0, 100_000],
    ["threads", "threads", 1, 1024],
    ["batchSize", "batch-size", 1, 10_000_000],
  ];
  for (const [key, name, min, max] of bounds) {
    const value = explicit[key] as number | undefined;
    if (value !== undefined && !(value >= min && value <= max))
      throw new UserError(`${name} must be between ${min} and ${max}, got ${value}`, {
        hint: `give --${name} (MODELSHIP_${name.toUpperCase().replaceAll("-", "_")}, the ${name} input) a value from ${min} to ${max}`,
      });
  }
}

/** Resolves the evaluate stage's settings and its gate policy. */
export async function resolveEvaluateSettings(
  explicit: ExplicitEvaluateSettings,
  loaded: LoadedConfig,
  cwd?: string,
): Promise<ResolvedEvaluateSettings> {
  checkRanges(explicit);
  const config = loaded.config?.evaluate;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : loaded.resolvePath(path));
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const policySetting = explicit.policy !== undefined ? "--policy (the policy input)" : "gates.policy";
  const policy = await loadPolicy({
    file: explicit.policy,
    section: loaded.config?.gates,
    configFile: loaded.file,
    resolvePath: (path) => loaded.resolvePath(path),
    cwd,
  }).catch((error: unknown) => {
    // A policy file that cannot be read (missing, a folder) is named by the setting that gave it; problems inside it have their line.
    if (isUserError(error) && error.line === undefined && error.pointer === undefined) withSetting(error, policySetting);
    throw error;
  });
  if (explicit.resamples !== undefined) policy.bootstrap.resamples = explicit.resamples;
  if (explicit.seed !== undefined) policy.bootstrap.seed = explicit.seed;
  if (explicit.champion !== undefined && explicit.champion !== "") withChampionModel(policy, explicit.champion);
  const outputs = config?.outputs;
  return {
    modelPath: pick(explicit.model, fromConfig(config?.model)) ?? join(trainOutput, "model.onnx"),
    modelName: loaded.config?.model,
    dataFiles:
      explicit.data !== undefined && explicit.data.length > 0
        ? explicit.data
        : (config?.data?.map((path) => loaded.resolvePath(path)) ??
          (loaded.config?.data?.test === undefined ? [] : [loaded.resolvePath(loaded.config.data.test)])),
    contractPath: pick(explicit.contract, fromConfig(loaded.config?.data?.contract)),
    target: pick(explicit.target, config?.target),
    features: explicit.features !== undefined && explicit.features.length > 0 ? explicit.features : config?.features,
    task: config?.task,
    classes: config?.classes,
    positiveLabel: pick(explicit.positiveLabel, config?.positive_label),
    threshold: pick(explicit.threshold, config?.threshold) ?? 0.5,
    ...modelOutputsFromConfig(outputs),
    batchSize: pick(explicit.batchSize, config?.batch_size) ?? 8192,
    threads: pick(explicit.threads, config?.threads),
    policy,
    reportDir: pick(explicit.reportDir, fromConfig(config?.report_dir)) ?? DEFAULT_EVALUATION_DIR,
    failOn: pick(explicit.failOn, config?.fail_on) ?? "fail",
    comment: config?.comment ?? true,
  };
}
