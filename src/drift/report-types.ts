/** The drift report (`schemas/drift-report.schema.json`): what `modelship drift` and the drift action write. */
import { failsOn, type FailOn } from "../common/fail-on.ts";
import type { ColumnRole, ColumnType } from "../data/contract/contract-types.ts";

export const DRIFT_REPORT_SCHEMA = "modelship/drift-report@1";

/** A column's or the dataset's verdict. `insufficient_data` is never a pass. */
export type DriftStatus = "ok" | "warn" | "drift" | "insufficient_data";

/** Drift's fail-on: `drift` fails on drift, `warn` on anything short of ok (insufficient_data is never a pass). */
export type DriftFailOn = FailOn<"drift" | "warn">;

/** Whether a check with `status` fails the run under `failOn`. */
export function driftFails(status: DriftStatus, failOn: DriftFailOn): boolean {
  return failsOn(["drift", "warn"], failOn, status === "insufficient_data" ? "warn" : status);
}

/** How the statistics are chosen: ours, or Evidently's default choices and numbers. */
export type DriftMode = "default" | "evidently-compat";

/** Statistics a column can be judged by. */
export type DriftMethod = "ks" | "l2" | "chisquare" | "chisquare_gof" | "z" | "wasserstein" | "jensenshannon" | "psi";

/** The effect sizes the default mode compares with its margins. */
export type EffectMeasure = "wasserstein_norm" | "tvd" | "cohens_h";

/** How reasons and reports name each effect size. */
export const EFFECT_LABELS: Record<EffectMeasure, string> = { wasserstein_norm: "W/σ", tvd: "TVD", cohens_h: "Cohen's h" };

export type Correction = "none" | "bonferroni" | "holm" | "bh";

/** The statistic that decided a column, and against what. */
export interface MethodResult {
  method: DriftMethod;
  /** Null when infinite (a category the reference never had, in a goodness-of-fit test). */
  statistic: number | null;
  /** p-value methods only. */
  p_value?: number;
  /** After the multiple-testing correction (equals p_value with `none`). */
  p_adjusted?: number;
  /** p-value methods: drift when p (adjusted) < threshold; distances: drift when statistic ≥ threshold. */
  threshold: number;
  /** Degrees of freedom (chi-square). */
  df?: number;
  /**
   * Default mode: the effect size compared with the practical margin — the Wasserstein distance in
   * reference standard deviations (numeric) or the total variation distance (counts). Evidently's
   * mode: KS D, |Δproportion| or Cramér's V, for reading only.
   */
  effect?: number;
  /** Which effect size `effect` is (default mode). */
  effect_measure?: EffectMeasure;
  /** Default mode: the practical margin the effect must reach to drift (`settings.margin`). */
  margin?: number;
  /** Computed from quantile sketches rather than exact values (error bound in `settings`). */
  approximate: boolean;
  /**
   * Default mode, from sketches: the CDF gap the two sketches' rank errors may explain, taken off
   * KS D before the p-value and off |ΔCDF| in the effect (so both say what is beyond the sketches).
   */
  tolerance?: number;
}

/** Every distance the report shows for a column, whichever decided it. */
export interface ColumnStatistics {
  ks_d?: number;
  wasserstein_norm?: number;
  jensenshannon?: number;
  psi?: number;
  kl?: number;
  hellinger?: number;
  /** Total variation distance of the count table: the share of values that changed category (counts). */
  tvd?: number;
  /** Absolute difference of the two means over the reference std (numeric). */
  mean_shift_std?: number;
}

/** Bins or categories as charts show them (proportions of valid values). */
export interface DistributionView {
  labels: string[];
  reference: number[];
  current: number[];
}

export interface SideCounts {
  /** Rows seen. */
  rows: number;
  /** Valid (non-null, typed) values the statistics use. */
  valid: number;
  nulls: number;
}

export interface ColumnDrift {
  name: string;
  kind: "numeric" | "categorical";
  type: ColumnType;
  roles: ColumnRole[];
  /** Whether the column counts toward the dataset share (features only). */
  counted: boolean;
  /** Weight in the share (feature importance when given, else 1). */
  weight: number;
  status: DriftStatus;
  /** One line saying why. */
  reason: string;
  reference: SideCounts;
  current: SideCounts;
  /** Undefined when there was not enough data for any statistic. */
  method?: MethodResult;
  statistics: ColumnStatistics;
  null_rate: {
    reference: number;
    current: number;
    /** Two-proportion z test of the null shares. */
    p_value: number;
    /** After the multiple-testing correction (default mode, feature columns with nulls on a side). */
    p_adjusted?: number;
    /** Cohen's h of the two null shares (default mode). */
    effect?: number;
    status: DriftStatus;
  };
  /** Categorical: current values in categories the reference never had. */
  unseen?: { share: number; top: { value: string; count: number }[] };
  /** Numeric: share of current values below the reference minimum / above its maximum. */
  out_of_range?: { below: number; above: number };
  distribution?: DistributionView;
}

/** Accuracy-style metrics when the current data has labels and predictions (delayed feedback). */
export interface PerformanceDrift {
  metric: "accuracy";
  /** From the release's evaluation, when known. */
  reference?: number;
  current: number;
  n: number;
  p_value?: number;
  status: DriftStatus;
  reason: string;
}

export interface DriftReport {
  schema: typeof DRIFT_REPORT_SCHEMA;
  tool: { name: "modelship"; version: string };
  created: string;
  mode: DriftMode;
  model?: { name: string; version?: string; release_url?: string };
  environment?: string;
  reference: { source: string; rows: number; schema_hash: string };
  current: { sources: string[]; rows: number };
  settings: DriftSettings;
  status: DriftStatus;
  /** status === "drift". */
  drifted: boolean;
  /** Weighted share of counted columns that drifted. */
  share: number;
  drifted_columns: string[];
  columns_checked: number;
  columns: ColumnDrift[];
  performance?: PerformanceDrift;
  /** Where the columns' weights came from (absent in reports made before it was recorded). */
  weights_source?: WeightsSource;
}

/** Where a drift check's weights came from: drift.weights, the reference release's permutation importances, or none (1 each). */
export type WeightsSource = "config" | "importance" | "equal";

/** Resolved settings (defaults filled in), recorded in every report. */
export interface DriftSettings {
  mode: DriftMode;
  /** Evidently's mode: reference rows at or below which p-value tests are used, above which distances. */
  small_sample_rows: number;
  /** Significance level: a column's change is real when its (adjusted) p-value is below it. */
  p_value: number;
  /**
   * Default mode: the practical margins a real change must reach to drift — the Wasserstein
   * distance in reference standard deviations (numeric), the total variation distance (counts:
   * categorical, few-valued numeric) and Cohen's h of the null share.
   */
  margin: { numeric: number; categorical: number; nulls: number };
  /** Evidently's mode: normalised Wasserstein threshold above small_sample_rows. */
  wasserstein: number;
  /** Evidently's mode: Jensen–Shannon threshold above small_sample_rows. */
  jensenshannon: number;
  /** ε raised to in empty bins, the same on both sides. */
  epsilon: number;
  min_samples: number;
  correction: Correction;
  /** Dataset verdict: drift when the weighted share of drifted columns is at least this. */
  share: number;
  /** Warn when at least this share of current values fall in categories the reference never had. */
  unseen: number;
  /** Weights in the share, by column (drift.weights, or derived from the release's permutation importances). */
  weights: Record<string, number>;
  /** Columns left out. */
  ignore: string[];
}
