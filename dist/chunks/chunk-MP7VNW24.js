import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_MODEL_DIR
} from "./chunk-ZTP4RCXE.js";
import {
  checkModelName,
  checkTagFormat,
  normalizeVersion
} from "./chunk-TQQPERQT.js";
import {
  loadPolicy,
  pick,
  withChampionModel
} from "./chunk-TADGZNJ5.js";
import {
  UserError,
  isUserError,
  withSetting
} from "./chunk-SU4BFKON.js";

// src/stages/evaluate-settings.ts
import { join } from "node:path";
var DEFAULT_EVALUATION_DIR = ".modelship/evaluation";
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
    ...outputs === void 0 ? {} : {
      outputs: {
        label: outputs.label,
        probabilities: outputs.probabilities,
        score: outputs.score,
        scoreKind: outputs.score_kind,
        value: outputs.value
      }
    },
    batchSize: pick(explicit.batchSize, config?.batch_size) ?? 8192,
    threads: pick(explicit.threads, config?.threads),
    policy,
    reportDir: pick(explicit.reportDir, fromConfig(config?.report_dir)) ?? DEFAULT_EVALUATION_DIR,
    failOn: pick(explicit.failOn, config?.fail_on) ?? "fail",
    comment: config?.comment ?? true
  };
}

// src/stages/release-settings.ts
import { access } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";
var DEFAULT_LOCAL_REGISTRY = ".modelship/registry";
var RELEASE_SETTINGS = {
  model: "--model (MODELSHIP_MODEL, the model input, or release.model in modelship.yaml)",
  modelName: "--model-name (MODELSHIP_MODEL_NAME, the model-name input, or model: in modelship.yaml)",
  version: "--version (MODELSHIP_VERSION, the version input)",
  tagFormat: "--tag-format (MODELSHIP_TAG_FORMAT, the tag-format input, or release.tag_format)",
  registry: "--registry (MODELSHIP_REGISTRY, the registry input, or release.registry)",
  gateReport: "--gate-report (the gate-report input, or release.gate_report)",
  referenceProfile: "--reference-profile (the reference-profile input, or release.reference_profile)",
  runRecord: "--run-record (the run-record input, or release.run_record)"
};
var DEFAULT_PROFILE = ".modelship/reference-profile.json";
async function exists(path) {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
function resolveRegistry(explicit, loaded, fallback) {
  const configured = loaded.config?.release?.registry;
  const fromConfig = configured === void 0 || configured === "github" || configured.startsWith("github:") || configured.startsWith("file:") ? configured : loaded.resolvePath(configured);
  return pick(explicit, fromConfig) ?? fallback;
}
async function resolveReleaseSettings(explicit, loaded, defaults) {
  const config = loaded.config?.release;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const model = pick(explicit.model, loaded.config?.model);
  if (model === void 0)
    throw new UserError("no model name", { hint: "set `model:` in modelship.yaml, or pass --model-name (the model-name input)" });
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const modelPath = pick(explicit.modelPath, fromConfig(config?.model), fromConfig(loaded.config?.evaluate?.model)) ?? join2(trainOutput, "model.onnx");
  const reportDir = fromConfig(loaded.config?.evaluate?.report_dir) ?? DEFAULT_EVALUATION_DIR;
  const defaultReport = join2(reportDir, "gate-report.json");
  const defaultProfile = fromConfig(loaded.config?.profile?.output) ?? DEFAULT_PROFILE;
  const defaultRecord = join2(dirname(modelPath), "run-record.json");
  const defaultMetrics = join2(dirname(modelPath), "metrics.json");
  const explicitOrConfig = (flag, configured) => pick(flag, fromConfig(configured));
  const gateReportPath = explicitOrConfig(explicit.gateReport, config?.gate_report) ?? (await exists(defaultReport) ? defaultReport : void 0);
  const referenceProfilePath = explicitOrConfig(explicit.referenceProfile, config?.reference_profile) ?? (await exists(defaultProfile) ? defaultProfile : void 0);
  const runRecordPath = explicitOrConfig(explicit.runRecord, config?.run_record) ?? (await exists(defaultRecord) ? defaultRecord : void 0);
  if (explicit.version !== void 0 && explicit.bump !== void 0)
    throw new UserError("give a version or a bump, not both", {
      hint: "--version 1.4.0 (the version input), or --bump minor (the bump input): one of them"
    });
  checkModelName(model, RELEASE_SETTINGS.modelName);
  const version = explicit.version !== void 0 && explicit.version !== "" ? normalizeVersion(explicit.version, RELEASE_SETTINGS.version) : void 0;
  const tagFormat = pick(explicit.tagFormat, config?.tag_format);
  if (tagFormat !== void 0) checkTagFormat(tagFormat, { model, version, setting: RELEASE_SETTINGS.tagFormat });
  return {
    model,
    description: loaded.config?.description,
    ...config?.license === void 0 ? {} : { license: config.license },
    modelPath,
    version: version !== void 0 ? { exact: version } : { bump: pick(explicit.bump, config?.bump) ?? "patch" },
    registry: resolveRegistry(explicit.registry, loaded, defaults.registry),
    tagFormat,
    gateReportPath,
    referenceProfilePath,
    runRecordPath,
    extraFiles: await exists(defaultMetrics) ? [defaultMetrics] : [],
    allowUngated: pick(explicit.allowUngated, config?.allow_ungated) ?? false
  };
}

export {
  resolveEvaluateSettings,
  DEFAULT_LOCAL_REGISTRY,
  RELEASE_SETTINGS,
  resolveRegistry,
  resolveReleaseSettings
};
