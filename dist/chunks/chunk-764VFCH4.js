import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkModelName,
  checkTagFormat,
  normalizeVersion
} from "./chunk-TQQPERQT.js";
import {
  DEFAULT_EVALUATION_DIR
} from "./chunk-HWW2H3QW.js";
import {
  DEFAULT_MODEL_DIR
} from "./chunk-RNR6NDII.js";
import {
  pick
} from "./chunk-YVAZ7I5R.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/release-settings.ts
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
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
  const modelPath = pick(explicit.modelPath, fromConfig(config?.model), fromConfig(loaded.config?.evaluate?.model)) ?? join(trainOutput, "model.onnx");
  const reportDir = fromConfig(loaded.config?.evaluate?.report_dir) ?? DEFAULT_EVALUATION_DIR;
  const defaultReport = join(reportDir, "gate-report.json");
  const defaultProfile = fromConfig(loaded.config?.profile?.output) ?? DEFAULT_PROFILE;
  const defaultRecord = join(dirname(modelPath), "run-record.json");
  const defaultMetrics = join(dirname(modelPath), "metrics.json");
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
  DEFAULT_LOCAL_REGISTRY,
  RELEASE_SETTINGS,
  resolveRegistry,
  resolveReleaseSettings
};
