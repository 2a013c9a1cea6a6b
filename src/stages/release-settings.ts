/**
 * Settings of the release and fetch stages from an explicit input or flag, then modelship.yaml
 * (`release`, and the other stages' outputs as defaults), then the built-in defaults.
 */
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UserError } from "../common/errors.ts";
import { checkModelName, checkTagFormat, normalizeVersion, type Bump } from "../registry/model-version.ts";
import { DEFAULT_EVALUATION_DIR } from "./evaluate-settings.ts";
import { pick, type LoadedConfig } from "../config/modelship-config.ts";
import { DEFAULT_MODEL_DIR } from "./train-settings.ts";

export const DEFAULT_LOCAL_REGISTRY = ".modelship/registry";

/** Where each release setting is given, for the fix of a bad value. */
export const RELEASE_SETTINGS = {
  model: "--model (MODELSHIP_MODEL, the model input, or release.model in modelship.yaml)",
  modelName: "--model-name (MODELSHIP_MODEL_NAME, the model-name input, or model: in modelship.yaml)",
  version: "--version (MODELSHIP_VERSION, the version input)",
  tagFormat: "--tag-format (MODELSHIP_TAG_FORMAT, the tag-format input, or release.tag_format)",
  registry: "--registry (MODELSHIP_REGISTRY, the registry input, or release.registry)",
  gateReport: "--gate-report (the gate-report input, or release.gate_report)",
  referenceProfile: "--reference-profile (the reference-profile input, or release.reference_profile)",
  runRecord: "--run-record (the run-record input, or release.run_record)",
} as const;
const DEFAULT_PROFILE = ".modelship/reference-profile.json";

export interface ExplicitReleaseSettings {
  model?: string;
  modelPath?: string;
  version?: string;
  bump?: Bump;
  registry?: string;
  tagFormat?: string;
  gateReport?: string;
  referenceProfile?: string;
  runRecord?: string;
  allowUngated?: boolean;
}

export interface ReleaseSettings {
  model: string;
  description?: string;
  /** release.license: the model card's licence (an SPDX id). */
  license?: string;
  modelPath: string;
  version: { exact: string } | { bump: Bump };
  registry: string;
  tagFormat?: string;
  gateReportPath?: string;
  referenceProfilePath?: string;
  runRecordPath?: string;
  extraFiles: string[];
  allowUngated: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The registry spec: explicit, then release.registry (a local path there is relative to modelship.yaml), then the face's default. */
export function resolveRegistry(explicit: string | undefined, loaded: LoadedConfig, fallback: string): string {
  const configured = loaded.config?.release?.registry;
  const fromConfig =
    configured === undefined || configured === "github" || configured.startsWith("github:") || configured.startsWith("file:")
      ? configured
      : loaded.resolvePath(configured);
  return pick(explicit, fromConfig) ?? fallback;
}

/** Resolves the release settings; the default files are used when they exist. */
export async function resolveReleaseSettings(
  explicit: ExplicitReleaseSettings,
  loaded: LoadedConfig,
  defaults: { registry: string },
): Promise<ReleaseSettings> {
  const config = loaded.config?.release;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : loaded.resolvePath(path));
  const model = pick(explicit.model, loaded.config?.model);
  if (model === undefined)
    throw new UserError("no model name", { hint: "set `model:` in modelship.yaml, or pass --model-name (the model-name input)" });
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const modelPath =
    pick(explicit.modelPath, fromConfig(config?.model), fromConfig(loaded.config?.evaluate?.model)) ?? join(trainOutput, "model.onnx");
  const reportDir = fromConfig(loaded.config?.evaluate?.report_dir) ?? DEFAULT_EVALUATION_DIR;
  const defaultReport = join(reportDir, "gate-report.json");
  const defaultProfile = fromConfig(loaded.config?.profile?.output) ?? DEFAULT_PROFILE;
  const defaultRecord = join(dirname(modelPath), "run-record.json");
  const defaultMetrics = join(dirname(modelPath), "metrics.json");
  const explicitOrConfig = (flag: string | undefined, configured: string | undefined) => pick(flag, fromConfig(configured));
  const gateReportPath =
    explicitOrConfig(explicit.gateReport, config?.gate_report) ?? ((await exists(defaultReport)) ? defaultReport : undefined);
  const referenceProfilePath =
    explicitOrConfig(explicit.referenceProfile, config?.reference_profile) ?? ((await exists(defaultProfile)) ? defaultProfile : undefined);
  const runRecordPath =
    explicitOrConfig(explicit.runRecord, config?.run_record) ?? ((await exists(defaultRecord)) ? defaultRecord : undefined);
  if (explicit.version !== undefined && explicit.bump !== undefined)
    throw new UserError("give a version or a bump, not both", {
      hint: "--version 1.4.0 (the version input), or --bump minor (the bump input): one of them",
    });
  // Names, versions and the tag format are checked here, before any file is read or data profiled.
  checkModelName(model, RELEASE_SETTINGS.modelName);
  const version =
    explicit.version !== undefined && explicit.version !== "" ? normalizeVersion(explicit.version, RELEASE_SETTINGS.version) : undefined;
  const tagFormat = pick(explicit.tagFormat, config?.tag_format);
  if (tagFormat !== undefined) checkTagFormat(tagFormat, { model, version, setting: RELEASE_SETTINGS.tagFormat });
  return {
    model,
    description: loaded.config?.description,
    ...(config?.license === undefined ? {} : { license: config.license }),
    modelPath,
    version: version !== undefined ? { exact: version } : { bump: pick(explicit.bump, config?.bump) ?? "patch" },
    registry: resolveRegistry(explicit.registry, loaded, defaults.registry),
    tagFormat,
    gateReportPath,
    referenceProfilePath,
    runRecordPath,
    extraFiles: (await exists(defaultMetrics)) ? [defaultMetrics] : [],
    allowUngated: pick(explicit.allowUngated, config?.allow_ungated) ?? false,
  };
}
