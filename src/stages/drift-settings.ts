/**
 * Settings of the drift stage: an explicit input or flag, then modelship.yaml's `drift` section,
 * then the defaults (DRIFT_DEFAULTS, whose sources docs/drift.md gives).
 */
import { readableExtension } from "../data/readers/open-table.ts";
import { expandGlob, hasMagic } from "../drift/sources.ts";
import { UserError, withSetting } from "../common/errors.ts";
import { DRIFT_DEFAULTS } from "../drift/decide-drift.ts";
import type { DriftFailOn, DriftMode, DriftSettings } from "../drift/report-types.ts";
import type { RetrainTrigger } from "../drift/retrain.ts";
import { DEFAULT_DRIFT_LABEL } from "../drift/drift-issue.ts";
import { pick, type LoadedConfig } from "../config/modelship-config.ts";
import { checkHttpUrl } from "../net/safe-http.ts";

const DEFAULT_DRIFT_DIR = ".modelship/drift";

export interface ExplicitDriftSettings {
  reference?: string;
  environment?: string;
  current?: string[];
  currentUrls?: string[];
  mode?: DriftMode;
  reportDir?: string;
  failOn?: DriftFailOn;
  issue?: boolean;
  retrain?: boolean;
}

export interface DriftStageSettings {
  model?: string;
  /** The reference spec: production, latest, a version, MODEL@VERSION, a profile (.json) or data files. */
  reference: string;
  environment: string;
  current: string[];
  currentUrls: string[];
  statistics: DriftSettings;
  /** Warnings for modelship.yaml keys of the old drift rule, which are read no more. */
  ignoredSettings: string[];
  /** drift.weights is `importance`: statistics.weights is filled from the reference release's permutation importances. */
  weightsFromImportance: boolean;
  reportDir: string;
  failOn: DriftFailOn;
  issue: { enabled: boolean | undefined; labels: string[]; closeWhenClear: boolean };
  /** `ref` absent: the repository's default branch. */
  retrain?: RetrainSetting;
}

export type RetrainSetting =
  { kind: "workflow"; workflow: string; ref?: string; inputs?: Record<string, string> } | Extract<RetrainTrigger, { kind: "repository" }>;

/** The drift modes and fail-on levels a flag or an input may name (each face names its own flag in the error). */
export const DRIFT_MODES: readonly DriftMode[] = ["default", "evidently-compat"];
export const DRIFT_FAIL_ON: readonly DriftFailOn[] = ["never", "drift", "warn"];

/**
 * Keys of the drift rule before the practical margins: still accepted (a scheduled check must not
 * start failing on an upgrade), never read, and named in a warning with what replaced them.
 */
const RETIRED_SETTINGS: readonly { key: "warn_p_value" | "psi" | "null_rate" | "effect_size_floor"; instead: string }[] = [
  { key: "warn_p_value", instead: "a p-value above p_value is chance, and a real change below its margin warns in its row" },
  { key: "psi", instead: "PSI is reported, not decided on; drift.margin.numeric sets the Wasserstein margin" },
  { key: "null_rate", instead: "the null share is tested like a column; drift.margin.nulls sets its Cohen's h margin" },
  { key: "effect_size_floor", instead: "drift.margin sets the effect a real change must reach" },
];

/** A reference that names files (a profile, data, a glob) rather than a release. */
function isPathLike(reference: string): boolean {
  return /\.json$/i.test(reference) || readableExtension(reference) !== undefined || hasMagic(reference) || reference.includes("/");
}

/** Resolves the drift settings; paths in modelship.yaml are relative to it. */
export function resolveDriftSettings(explicit: ExplicitDriftSettings, loaded: LoadedConfig): DriftStageSettings {
  const config = loaded.config?.drift ?? {};
  const environment = pick(explicit.environment, config.environment) ?? "production";
  const hasEnvironment = loaded.config?.promote?.environments[environment] !== undefined;
  const reference = pick(explicit.reference, config.reference) ?? (hasEnvironment ? "production" : "latest");
  const statistics: DriftSettings = {
    mode: pick(explicit.mode, config.mode) ?? DRIFT_DEFAULTS.mode,
    small_sample_rows: config.small_sample_rows ?? DRIFT_DEFAULTS.small_sample_rows,
    p_value: config.p_value ?? DRIFT_DEFAULTS.p_value,
    margin: {
      numeric: config.margin?.numeric ?? DRIFT_DEFAULTS.margin.numeric,
      categorical: config.margin?.categorical ?? DRIFT_DEFAULTS.margin.categorical,
      nulls: config.margin?.nulls ?? DRIFT_DEFAULTS.margin.nulls,
    },
    wasserstein: config.wasserstein ?? DRIFT_DEFAULTS.wasserstein,
    jensenshannon: config.jensenshannon ?? DRIFT_DEFAULTS.jensenshannon,
    epsilon: config.epsilon ?? DRIFT_DEFAULTS.epsilon,
    min_samples: config.min_samples ?? DRIFT_DEFAULTS.min_samples,
    correction: config.correction ?? DRIFT_DEFAULTS.correction,
    share: config.share ?? DRIFT_DEFAULTS.share,
    unseen: config.unseen ?? DRIFT_DEFAULTS.unseen,
    weights: config.weights === "importance" ? {} : { ...(config.weights ?? {}) },
    ignore: [...(config.ignore ?? [])],
  };
  const ignoredSettings = RETIRED_SETTINGS.filter(({ key }) => config[key] !== undefined).map(
    ({ key, instead }) => `${loaded.file}: drift.${key} is no longer used and is ignored: ${instead} (docs/drift.md)`,
  );
  const weightsFromImportance = config.weights === "importance";
  if (weightsFromImportance && isPathLike(reference))
    throw new UserError(
      `drift.weights is importance, but the reference ${reference} is a profile or data files, not a release: only a release's gate report records the model's permutation importances`,
      {
        file: loaded.file,
        pointer: "/drift/weights",
        hint: "compare with a release (--reference production, latest or a version; drift.reference), or give drift.weights as a map of column to weight, or remove it",
      },
    );
  const retrain = config.retrain;
  let trigger: RetrainSetting | undefined;
  if (retrain !== undefined) {
    if ((retrain.workflow === undefined) === (retrain.event_type === undefined)) {
      throw new UserError(
        "drift.retrain needs either `workflow` (workflow_dispatch) or `event_type` (repository_dispatch), not both or neither",
        { file: loaded.file, pointer: "/drift/retrain", hint: "e.g. retrain: { workflow: train.yml, ref: main }" },
      );
    }
    trigger =
      retrain.workflow !== undefined
        ? {
            kind: "workflow",
            workflow: retrain.workflow,
            ...(retrain.ref === undefined ? {} : { ref: retrain.ref }),
            ...(retrain.inputs === undefined ? {} : { inputs: retrain.inputs }),
          }
        : { kind: "repository", eventType: retrain.event_type! };
  }
  const fromConfig = (paths: string[] | undefined) => (paths ?? []).map((path) => loaded.resolvePath(path));
  const explicitCurrent = (explicit.current?.length ?? 0) > 0 || (explicit.currentUrls?.length ?? 0) > 0;
  return {
    model: loaded.config?.model,
    reference:
      explicit.reference ??
      (config.reference !== undefined && isPathLike(config.reference) ? loaded.resolvePath(config.reference) : reference),
    environment,
    // The current data given explicitly (paths, URLs or both) replaces modelship.yaml's as a whole:
    // `--url X` alone checks X, not X plus drift.current.
    ...(explicitCurrent
      ? { current: explicit.current ?? [], currentUrls: explicit.currentUrls ?? [] }
      : { current: fromConfig(config.current), currentUrls: [...(config.current_url ?? [])] }),
    statistics,
    ignoredSettings,
    weightsFromImportance,
    reportDir:
      pick(explicit.reportDir, config.report_dir === undefined ? undefined : loaded.resolvePath(config.report_dir)) ?? DEFAULT_DRIFT_DIR,
    failOn: pick(explicit.failOn, config.fail_on) ?? "never",
    issue: {
      enabled: pick(explicit.issue, config.issue?.enabled),
      labels: config.issue?.labels ?? [DEFAULT_DRIFT_LABEL],
      closeWhenClear: config.issue?.close_when_clear ?? true,
    },
    ...(trigger === undefined || explicit.retrain === false ? {} : { retrain: trigger }),
  };
}

/** Where the current data came from: the face's flag or input, else modelship.yaml's key. */
interface CurrentSources {
  current?: string[];
  currentUrls?: string[];
  currentProfiles?: string[];
}

/**
 * Checks what the current data is before the reference is loaded (which may clone the GitOps
 * repository or download a release): every pattern must match, every URL must parse and be http(s)
 * (which hosts a download may reach is the download's to decide). Each error names the flag, input
 * or modelship.yaml key the value came from. Returns the shard profiles' paths, when there are any.
 */
export async function checkCurrentSources(
  explicit: CurrentSources,
  settings: DriftStageSettings,
  cwd: string,
): Promise<string[] | undefined> {
  if (explicit.currentProfiles !== undefined && explicit.currentProfiles.length > 0) {
    const paths: string[] = [];
    for (const pattern of explicit.currentProfiles) {
      try {
        paths.push(...(await expandGlob(pattern, cwd, "profile")));
      } catch (error) {
        withSetting(error, "--current-profile (the current-profiles input)");
      }
    }
    return paths;
  }
  const given = (explicit.current?.length ?? 0) > 0 || (explicit.currentUrls?.length ?? 0) > 0;
  for (const pattern of settings.current) {
    try {
      await expandGlob(pattern, cwd);
    } catch (error) {
      withSetting(error, given ? "the current data (DATA, the current input)" : "drift.current");
    }
  }
  const setting = given ? "--url (the current-url input)" : "drift.current_url";
  for (const url of settings.currentUrls)
    checkHttpUrl(url, setting, `give ${setting} the https:// URL of a data file (CSV, JSON Lines or Parquet)`);
  return undefined;
}
