/**
 * Settings of the drift stage: an explicit input or flag, then modelship.yaml's `drift` section,
 * then the defaults (DRIFT_DEFAULTS, whose sources the README's drift section gives).
 */
import { readableExtension } from "../data/readers/open-table.ts";
import { hasMagic } from "../drift/sources.ts";
import { UserError } from "../common/errors.ts";
import { DRIFT_DEFAULTS } from "../drift/decide-drift.ts";
import type { DriftFailOn, DriftMode, DriftSettings } from "../drift/report-types.ts";
import type { RetrainTrigger } from "../drift/retrain.ts";
import { DEFAULT_DRIFT_LABEL } from "../drift/drift-issue.ts";
import { pick, type LoadedConfig } from "../config/modelship-config.ts";

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
  reportDir: string;
  failOn: DriftFailOn;
  issue: { enabled: boolean | undefined; labels: string[]; closeWhenClear: boolean };
  /** `ref` absent: the repository's default branch. */
  retrain?: RetrainSetting;
}

export type RetrainSetting =
  { kind: "workflow"; workflow: string; ref?: string; inputs?: Record<string, string> } | Extract<RetrainTrigger, { kind: "repository" }>;

const MODES: readonly DriftMode[] = ["default", "evidently-compat"];
const FAIL_ON: readonly DriftFailOn[] = ["never", "drift", "warn"];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UserError(`${name} must be one of ${allowed.join(", ")}, got "${value}"`, { hint: `set ${name} to ${allowed.join(" or ")}` });
  return value as T;
}

/** Parses the mode and fail-on inputs (strings from a flag or an action input). */
export function parseDriftChoices(mode: string | undefined, failOn: string | undefined): { mode?: DriftMode; failOn?: DriftFailOn } {
  return { mode: oneOf(mode, MODES, "mode"), failOn: oneOf(failOn, FAIL_ON, "fail-on") };
}

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
    warn_p_value: config.warn_p_value ?? DRIFT_DEFAULTS.warn_p_value,
    wasserstein: config.wasserstein ?? DRIFT_DEFAULTS.wasserstein,
    jensenshannon: config.jensenshannon ?? DRIFT_DEFAULTS.jensenshannon,
    psi: { warn: config.psi?.warn ?? DRIFT_DEFAULTS.psi.warn, drift: config.psi?.drift ?? DRIFT_DEFAULTS.psi.drift },
    epsilon: config.epsilon ?? DRIFT_DEFAULTS.epsilon,
    min_samples: config.min_samples ?? DRIFT_DEFAULTS.min_samples,
    effect_size_floor: config.effect_size_floor === undefined ? DRIFT_DEFAULTS.effect_size_floor : config.effect_size_floor,
    correction: config.correction ?? DRIFT_DEFAULTS.correction,
    share: config.share ?? DRIFT_DEFAULTS.share,
    null_rate: {
      warn: config.null_rate?.warn ?? DRIFT_DEFAULTS.null_rate.warn,
      drift: config.null_rate?.drift ?? DRIFT_DEFAULTS.null_rate.drift,
    },
    unseen: config.unseen ?? DRIFT_DEFAULTS.unseen,
    weights: { ...(config.weights ?? {}) },
    ignore: [...(config.ignore ?? [])],
  };
  if (statistics.warn_p_value < statistics.p_value) {
    throw new UserError(`drift.warn_p_value (${statistics.warn_p_value}) is below drift.p_value (${statistics.p_value})`, {
      file: loaded.file,
      pointer: "/drift/warn_p_value",
      hint: "the warn band runs from p_value up to warn_p_value: make warn_p_value at least p_value",
    });
  }
  if (statistics.psi.drift < statistics.psi.warn) {
    throw new UserError(`drift.psi.drift (${statistics.psi.drift}) is below drift.psi.warn (${statistics.psi.warn})`, {
      file: loaded.file,
      pointer: "/drift/psi",
      hint: "set psi.drift at or above psi.warn (defaults 0.25 and 0.1)",
    });
  }
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
  return {
    model: loaded.config?.model,
    reference:
      explicit.reference ??
      (config.reference !== undefined && isPathLike(config.reference) ? loaded.resolvePath(config.reference) : reference),
    environment,
    current: explicit.current !== undefined && explicit.current.length > 0 ? explicit.current : fromConfig(config.current),
    currentUrls:
      explicit.currentUrls !== undefined && explicit.currentUrls.length > 0 ? explicit.currentUrls : [...(config.current_url ?? [])],
    statistics,
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
