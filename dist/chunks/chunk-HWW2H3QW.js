import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_MODEL_DIR
} from "./chunk-RNR6NDII.js";
import {
  loadPolicy,
  pick,
  withChampionModel
} from "./chunk-YVAZ7I5R.js";
import {
  UserError,
  isUserError,
  withSetting
} from "./chunk-SU4BFKON.js";

// src/stages/evaluate-settings.ts
import { join } from "node:path";
var DEFAULT_EVALUATION_DIR = ".modelship/evaluation";
function modelOutputsFromConfig(outputs) {
  if (outputs === void 0) return {};
  return {
    outputs: {
      label: outputs.label,
      probabilities: outputs.probabilities,
      score: outputs.score,
      scoreKind: outputs.score_kind,
      value: outputs.value
    }
  };
}
function checkRanges(explicit) {
  const bounds = [
    ["threshold", "threshold", 0, 1],
    ["resamples", "resamples", 0, 1e5],
    ["threads", "threads", 1, 1024],
    ["batchSize", "batch-size", 1, 1e7]
  ];
  for (const [key, name, min, max] of bounds) {
    const value = explicit[key];
    if (value !== void 0 && !(value >= min && value <= max))
      throw new UserError(`${name} must be between ${min} and ${max}, got ${value}`, {
        hint: `give --${name} (MODELSHIP_${name.toUpperCase().replaceAll("-", "_")}, the ${name} input) a value from ${min} to ${max}`
      });
  }
}
async function resolveEvaluateSettings(explicit, loaded, cwd) {
  checkRanges(explicit);
  const config = loaded.config?.evaluate;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const policySetting = explicit.policy !== void 0 ? "--policy (the policy input)" : "gates.policy";
  const policy = await loadPolicy({
    file: explicit.policy,
    section: loaded.config?.gates,
    configFile: loaded.file,
    resolvePath: (path) => loaded.resolvePath(path),
    cwd
  }).catch((error) => {
    if (isUserError(error) && error.line === void 0 && error.pointer === void 0) withSetting(error, policySetting);
    throw error;
  });
  if (explicit.resamples !== void 0) policy.bootstrap.resamples = explicit.resamples;
  if (explicit.seed !== void 0) policy.bootstrap.seed = explicit.seed;
  if (explicit.champion !== void 0 && explicit.champion !== "") withChampionModel(policy, explicit.champion);
  const outputs = config?.outputs;
  return {
    modelPath: pick(explicit.model, fromConfig(config?.model)) ?? join(trainOutput, "model.onnx"),
    modelName: loaded.config?.model,
    dataFiles: explicit.data !== void 0 && explicit.data.length > 0 ? explicit.data : config?.data?.map((path) => loaded.resolvePath(path)) ?? (loaded.config?.data?.test === void 0 ? [] : [loaded.resolvePath(loaded.config.data.test)]),
    contractPath: pick(explicit.contract, fromConfig(loaded.config?.data?.contract)),
    target: pick(explicit.target, config?.target),
    features: explicit.features !== void 0 && explicit.features.length > 0 ? explicit.features : config?.features,
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
    comment: config?.comment ?? true
  };
}

export {
  DEFAULT_EVALUATION_DIR,
  modelOutputsFromConfig,
  resolveEvaluateSettings
};
