/**
 * Settings of the validate stage from the three places they can come from, in order: an explicit
 * action input or CLI flag, modelship.yaml, the built-in default. Both faces call this.
 */
import { UserError } from "../common/errors.ts";
import type { ValidationFailOn } from "../data/validate/validation-report-types.ts";
import { DEFAULT_CONFIG_FILE, pick, requireSetting, type LoadedConfig } from "../config/modelship-config.ts";

export interface ExplicitValidateSettings {
  contract?: string;
  /** Data files; one is labelled "data", two are "train" and "test". */
  data?: string[];
  train?: string;
  test?: string;
  baseContract?: string;
  failOn?: ValidationFailOn;
  maxExamples?: number;
  maxAnnotations?: number;
  reportDir?: string;
}

export interface ValidateSettings {
  contractPath: string;
  datasets: { label: string; path: string }[];
  baseContractPath?: string;
  failOn: ValidationFailOn;
  maxExamples: number;
  maxAnnotations: number;
  reportDir: string;
  /** Whether the action posts the report as a sticky PR comment (validate.comment; its `comment` input wins). */
  comment: boolean;
}

export const DEFAULT_REPORT_DIR = ".modelship/reports";

/** Labels data files: one is "data"; train/test when two are given or named. */
function labelDatasets(files: string[], train?: string, test?: string): { label: string; path: string }[] {
  if (train !== undefined || test !== undefined) {
    const datasets: { label: string; path: string }[] = [];
    if (train !== undefined) datasets.push({ label: "train", path: train });
    if (test !== undefined) datasets.push({ label: "test", path: test });
    return datasets;
  }
  if (files.length === 1) return [{ label: "data", path: files[0]! }];
  if (files.length === 2)
    return [
      { label: "train", path: files[0]! },
      { label: "test", path: files[1]! },
    ];
  throw new UserError(`give one data file, or two (train and test), not ${files.length}`, {
    hint: "validate other files in separate steps, or merge them first",
  });
}

/** Resolves the validate stage's settings. */
export function resolveValidateSettings(explicit: ExplicitValidateSettings, loaded: LoadedConfig): ValidateSettings {
  const config = loaded.config;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : loaded.resolvePath(path));
  const contractPath = requireSetting(pick(explicit.contract, fromConfig(config?.validate?.contract), fromConfig(config?.data?.contract)), {
    input: "contract",
    flag: "--contract",
    config: "data.contract",
  });
  let datasets: { label: string; path: string }[];
  if (explicit.train !== undefined || explicit.test !== undefined || (explicit.data?.length ?? 0) > 0) {
    datasets = labelDatasets(explicit.data ?? [], explicit.train, explicit.test);
  } else if (config?.validate?.data !== undefined) {
    datasets = labelDatasets(config.validate.data.map((path) => loaded.resolvePath(path)));
  } else if (config?.data?.train !== undefined || config?.data?.test !== undefined) {
    datasets = labelDatasets([], fromConfig(config.data.train), fromConfig(config.data.test));
  } else {
    throw new UserError("no data files given", {
      hint: `pass data files (the \`data\` input or CLI arguments), or set data.train in ${DEFAULT_CONFIG_FILE}`,
    });
  }
  return {
    contractPath,
    datasets,
    baseContractPath: pick(explicit.baseContract, fromConfig(config?.validate?.base_contract)),
    failOn: pick(explicit.failOn, config?.validate?.fail_on) ?? "error",
    maxExamples: pick(explicit.maxExamples, config?.validate?.max_examples) ?? 5,
    maxAnnotations: pick(explicit.maxAnnotations, config?.validate?.max_annotations) ?? 10,
    reportDir: pick(explicit.reportDir, fromConfig(config?.validate?.report_dir)) ?? DEFAULT_REPORT_DIR,
    comment: config?.validate?.comment ?? true,
  };
}
