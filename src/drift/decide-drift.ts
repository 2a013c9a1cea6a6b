/**
 * Drift decisions from two profiles: the reference (stored with the model) and the current data,
 * profiled on the reference's frozen bins.
 *
 * Default mode, one rule at every sample size: a column drifts when its change is both real and
 * large enough to matter. Real: a test rejects "no change" — two-sample KS for numeric columns, the
 * ℓ2 test of homogeneity for count tables (categorical, few-valued numeric) — at `p_value` after
 * Benjamini–Hochberg across every test of the check (feature columns and their null shares). Large
 * enough: the effect reaches a practical margin — the Wasserstein distance in reference standard
 * deviations (0.1), the total variation distance (0.05: five in a hundred values changed category),
 * Cohen's h of the null share (0.2). In small samples chance alone makes big-looking effects, and the
 * test decides; in large ones every difference is real, and the margin decides. Real but below the
 * margin warns in the column's row. Why these, with the bench's figures: docs/drift.md.
 *
 * `evidently-compat` reproduces Evidently's default choices and numbers instead (p-value tests up
 * to `small_sample_rows`, distances above it). The dataset drifts when the weighted share of drifted
 * feature columns reaches `share`.
 */
import { formatSignificant } from "../common/markdown.ts";
import type { ColumnProfile, NumericColumnProfile, ReferenceProfile } from "../data/profile/profile-types.ts";
import { whyCategoriesNotCompared } from "../data/pii/redact-reports.ts";
import {
  binnedTable,
  categoryTable,
  distinctUnion,
  numericSample,
  numericValueTable,
  type CountTable,
  type NumericSample,
} from "./distributions.ts";
import {
  EFFECT_LABELS,
  type ColumnDrift,
  type ColumnStatistics,
  type DriftSettings,
  type DriftStatus,
  type EffectMeasure,
  type MethodResult,
} from "./report-types.ts";
import {
  adjustPValues,
  chiSquareGoodnessOfFit,
  cohensH,
  fillEpsilon,
  hellinger,
  jensenShannonDistance,
  klDivergence,
  ks2samp,
  l2Homogeneity,
  proportions,
  psi,
  totalVariation,
  twoProportionZ,
  wasserstein,
} from "./stats/drift-statistics.ts";
import { normalCdf } from "../common/stats.ts";

/** Defaults of the drift settings (`drift:` in modelship.yaml); sources in docs/drift.md. */
export const DRIFT_DEFAULTS: DriftSettings = {
  mode: "default",
  small_sample_rows: 1000,
  p_value: 0.05,
  margin: { numeric: 0.1, categorical: 0.05, nulls: 0.2 },
  wasserstein: 0.1,
  jensenshannon: 0.1,
  epsilon: 1e-4,
  min_samples: 30,
  correction: "bh",
  share: 0.5,
  unseen: 0.01,
  weights: {},
  ignore: [],
};

/** Evidently's standard deviation floor for the normalised Wasserstein distance. */
const STD_FLOOR = 0.001;
/** The sketches' rank-error bounds are at 99%: over 2.576 (the two-sided 99% normal quantile) they are a typical error. */
const Z_99 = 2.5758293035489004;
/** The effect's total variation pools categories under 1% of the values (stats/tests.ts says why). */
const POOL_BELOW = 0.01;
/** Bins or categories a chart shows at most. */
const CHART_BUCKETS = 24;

const RANK: Record<DriftStatus, number> = { ok: 0, insufficient_data: 1, warn: 2, drift: 3 };

/** The worse of two statuses (drift > warn > insufficient_data > ok). */
export function worst(a: DriftStatus, b: DriftStatus): DriftStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether the column counts toward the dataset share: features, or any column when none has a role. */
function isFeature(column: Pick<ColumnProfile, "roles">): boolean {
  return column.roles.length === 0 || column.roles.includes("feature");
}

/** Whether the check compares the column at all: not ignored, not an id or a timestamp. */
function isCompared(name: string, column: Pick<ColumnProfile, "roles">, ignored: ReadonlySet<string>): boolean {
  return !ignored.has(name) && !column.roles.includes("id") && !column.roles.includes("timestamp");
}

/** The columns whose drift counts in the dataset's share (compared features), as compareProfiles counts them. */
export function countedColumns(columns: Record<string, Pick<ColumnProfile, "roles">>, ignore: readonly string[]): string[] {
  const ignored = new Set(ignore);
  return Object.entries(columns)
    .filter(([name, column]) => isCompared(name, column, ignored) && isFeature(column))
    .map(([name]) => name);
}

interface Pending {
  drift: ColumnDrift;
  /** The p-value to adjust, and whether the decision still waits for it. */
  needsAdjust: boolean;
}

/** The null shares, their z test and Cohen's h; the default mode decides the status after the correction. */
function nullRate(reference: ColumnProfile, current: ColumnProfile, settings: DriftSettings): ColumnDrift["null_rate"] {
  const r = reference.count === 0 ? 0 : reference.nulls / reference.count;
  const c = current.count === 0 ? 0 : current.nulls / current.count;
  const test = twoProportionZ({ successes: reference.nulls, trials: reference.count }, { successes: current.nulls, trials: current.count });
  const status: DriftStatus = current.count < settings.min_samples ? "insufficient_data" : "ok";
  // No rows on a side (an empty current batch): nothing to test, and the report needs a number.
  const result: ColumnDrift["null_rate"] = { reference: r, current: c, p_value: Number.isNaN(test.pValue) ? 1 : test.pValue, status };
  if (settings.mode === "default") result.effect = cohensH(r, c);
  return result;
}

/** Whether the default mode tests the column's null share: enough rows, and a null on some side. */
function testsNulls(drift: ColumnDrift): boolean {
  return drift.null_rate.status === "ok" && drift.reference.nulls + drift.current.nulls > 0;
}

function distributionView(table: CountTable): ColumnDrift["distribution"] {
  const r = proportions(table.reference);
  const c = proportions(table.current);
  if (table.keys.length <= CHART_BUCKETS) return { labels: [...table.keys], reference: r, current: c };
  // The buckets that differ most, in their own order.
  const order = table.keys
    .map((_, i) => i)
    .sort((i, j) => Math.abs(c[j]! - r[j]!) - Math.abs(c[i]! - r[i]!))
    .slice(0, CHART_BUCKETS)
    .sort((i, j) => i - j);
  return { labels: order.map((i) => table.keys[i]!), reference: order.map((i) => r[i]!), current: order.map((i) => c[i]!) };
}

/** PSI (ε on both sides), KL (same fill), JS, Hellinger and total variation (unfilled) over one table. */
function tableDistances(table: CountTable, epsilon: number): Pick<ColumnStatistics, "psi" | "kl" | "jensenshannon" | "hellinger" | "tvd"> {
  const r = proportions(table.reference);
  const c = proportions(table.current);
  const rf = fillEpsilon(r, epsilon);
  const cf = fillEpsilon(c, epsilon);
  return {
    psi: psi(rf, cf),
    kl: klDivergence(rf, cf),
    jensenshannon: jensenShannonDistance(r, c),
    hellinger: hellinger(r, c),
    tvd: totalVariation(table.reference, table.current),
  };
}

function pValueResult(
  method: MethodResult["method"],
  statistic: number,
  pValue: number,
  settings: DriftSettings,
  extra: Partial<MethodResult> = {},
): MethodResult {
  return {
    method,
    statistic: Number.isFinite(statistic) ? statistic : null,
    p_value: pValue,
    p_adjusted: pValue,
    threshold: settings.p_value,
    approximate: false,
    ...extra,
  };
}

function distanceResult(method: MethodResult["method"], statistic: number, threshold: number, approximate: boolean): MethodResult {
  return { method, statistic, threshold, approximate };
}

/** The two-category split peers use: the first value (sorted) against all others. */
function binarySplit(table: CountTable): { ref: { successes: number; trials: number }; cur: { successes: number; trials: number } } {
  const refTotal = table.reference.reduce((s, x) => s + x, 0);
  const curTotal = table.current.reduce((s, x) => s + x, 0);
  const refFirst = table.reference[0] ?? 0;
  const curFirst = table.current[0] ?? 0;
  return { ref: { successes: refTotal - refFirst, trials: refTotal }, cur: { successes: curTotal - curFirst, trials: curTotal } };
}

/** Evidently's z test: the same pooled z, but p = 2·(1 − Φ(|z|)) as it computes it. */
function evidentlyZ(table: CountTable): { statistic: number; pValue: number } {
  const { ref, cur } = binarySplit(table);
  const present = (counts: number[]) => counts.filter((count) => count > 0).length;
  if (
    present(table.reference) === 1 &&
    present(table.current) === 1 &&
    table.reference.findIndex((x) => x > 0) === table.current.findIndex((x) => x > 0)
  )
    return { statistic: 0, pValue: 1 };
  const result = twoProportionZ(ref, cur);
  return { statistic: result.statistic, pValue: 2 * (1 - normalCdf(Math.abs(result.statistic))) };
}

interface Judged {
  method: MethodResult;
  statistics: ColumnStatistics;
  distribution?: CountTable;
}

/**
 * The column's mean: from its exact value counts when the profile kept them (a sum in value order,
 * so the same bits however the data was sharded and merged), else the profile's running mean.
 */
function meanOf(column: NumericColumnProfile, side: NumericSample): number {
  if (side.exact) {
    const { values, weights } = side.sample;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      sum += values[i]! * weights[i]!;
      n += weights[i]!;
    }
    if (n > 0 && Number.isFinite(sum)) return sum / n;
  }
  return column.mean ?? 0;
}

function judgeNumeric(reference: NumericColumnProfile, current: NumericColumnProfile, settings: DriftSettings): Judged {
  const small = reference.valid <= settings.small_sample_rows;
  const distinct = distinctUnion(reference, current);
  const ref = numericSample(reference);
  const cur = numericSample(current);
  const approximate = !(ref.exact && cur.exact);
  const std = reference.variance === null ? 0 : Math.sqrt(reference.variance.population);
  const norm = Math.max(std, STD_FLOOR);
  const ks = ks2samp(ref.sample, cur.sample);
  const statistics: ColumnStatistics = {
    ks_d: ks.statistic,
    wasserstein_norm: wasserstein(ref.sample, cur.sample) / norm,
    mean_shift_std: Math.abs(meanOf(current, cur) - meanOf(reference, ref)) / norm,
  };
  const values = Number.isFinite(distinct) && distinct <= 5 ? numericValueTable(reference, current) : undefined;
  const bins = values === undefined ? binnedTable(reference, current) : undefined;
  const table = values ?? bins;
  if (table !== undefined) Object.assign(statistics, tableDistances(table, settings.epsilon));
  // Few values: a categorical column in disguise.
  if (values !== undefined) return judgeCounts(values, small, statistics, settings);
  if (settings.mode === "default") {
    // From sketches, the CDF gap each can misplace is taken off before the test and the effect: at
    // scale, a shift the sketches cannot resolve is neither real nor large.
    const tolerance = ref.rankError + cur.rankError;
    const tested = tolerance > 0 ? ks2samp(ref.sample, cur.sample, "auto", tolerance) : ks;
    return {
      method: pValueResult("ks", ks.statistic, tested.pValue, settings, {
        effect: tolerance > 0 ? wasserstein(ref.sample, cur.sample, tolerance / Z_99) / norm : statistics.wasserstein_norm!,
        effect_measure: "wasserstein_norm",
        margin: settings.margin.numeric,
        approximate,
        ...(tolerance > 0 ? { tolerance } : {}),
      }),
      statistics,
      distribution: bins,
    };
  }
  if (small)
    return {
      method: pValueResult("ks", ks.statistic, ks.pValue, settings, { effect: ks.statistic, approximate }),
      statistics,
      distribution: bins,
    };
  return {
    method: distanceResult("wasserstein", statistics.wasserstein_norm!, settings.wasserstein, approximate),
    statistics,
    distribution: bins,
  };
}

function proportionGap({ ref, cur }: ReturnType<typeof binarySplit>): number {
  return Math.abs(ref.successes / ref.trials - cur.successes / cur.trials);
}

/** Cramér's V of a 2×K table: √(χ² / N). */
function cramersV(chi2: number, table: CountTable): number {
  const n = table.reference.reduce((s, x) => s + x, 0) + table.current.reduce((s, x) => s + x, 0);
  return Number.isFinite(chi2) ? Math.sqrt(chi2 / n) : 1;
}

/**
 * A table of counts (a categorical column, or a numeric one with few values). Default mode: the ℓ2
 * test of homogeneity (the pooled two-proportion z test for two values) with the total variation
 * distance as the effect. Evidently's mode: two-proportion z for two values, chi-square goodness of
 * fit for more in a small sample, Jensen–Shannon above it.
 */
function judgeCounts(table: CountTable, small: boolean, statistics: ColumnStatistics, settings: DriftSettings): Judged {
  const compat = settings.mode === "evidently-compat";
  if (!compat) {
    const l2 = l2Homogeneity(table.reference, table.current);
    return {
      method: pValueResult("l2", l2.statistic, l2.pValue, settings, {
        df: l2.df,
        effect: totalVariation(table.reference, table.current, POOL_BELOW),
        effect_measure: "tvd",
        margin: settings.margin.categorical,
      }),
      statistics,
      distribution: table,
    };
  }
  const present = table.keys.filter((_, i) => table.reference[i]! + table.current[i]! > 0).length;
  if (small) {
    if (present <= 2) {
      const split = binarySplit(table);
      const z = evidentlyZ(table);
      return {
        method: pValueResult("z", z.statistic, z.pValue, settings, { effect: proportionGap(split) }),
        statistics,
        distribution: table,
      };
    }
    const chi = chiSquareGoodnessOfFit(table.reference, table.current);
    return {
      method: pValueResult("chisquare_gof", chi.statistic, chi.pValue, settings, {
        df: chi.df,
        effect: cramersV(chi.statistic, table),
      }),
      statistics,
      distribution: table,
    };
  }
  // The table's Jensen–Shannon distance, already among its statistics.
  return {
    method: distanceResult("jensenshannon", statistics.jensenshannon!, settings.jensenshannon, false),
    statistics,
    distribution: table,
  };
}

/** "ks p 0.003 (raw 0.0004, bh)": the test and its adjusted p-value. */
function tested(name: string, p: number, raw: number, settings: DriftSettings): string {
  return `${name} p ${formatSignificant(p)}${p !== raw ? ` (raw ${formatSignificant(raw)}, ${settings.correction})` : ""}`;
}

/**
 * Default mode: drift when the change is real (adjusted p < p_value) and the effect reaches its
 * margin; real but below the margin warns; a large effect that is not significant is chance at this
 * size and stays ok (the reason says so).
 */
function realAndLarge(
  test: string,
  p: number,
  raw: number,
  effect: number,
  measure: EffectMeasure,
  margin: number,
  settings: DriftSettings,
): { status: DriftStatus; reason: string } {
  const shown = tested(test, p, raw, settings);
  const sized = `${EFFECT_LABELS[measure]} ${formatSignificant(effect)}`;
  const alpha = formatSignificant(settings.p_value);
  if (p < settings.p_value && effect >= margin)
    return { status: "drift", reason: `${shown} < ${alpha} and ${sized} ≥ margin ${formatSignificant(margin)}` };
  if (p < settings.p_value)
    return { status: "warn", reason: `${shown} < ${alpha}: real, but ${sized} is below the margin ${formatSignificant(margin)}` };
  return {
    status: "ok",
    reason: `${shown} ≥ ${alpha}${effect >= margin ? ` (${sized} ≥ margin ${formatSignificant(margin)} is within chance at this size)` : ""}`,
  };
}

/** The column's status from its (adjusted) test and effect, its null share and unseen categories (default mode). */
function decide(drift: ColumnDrift, settings: DriftSettings): void {
  if (settings.mode === "evidently-compat") {
    decideCompat(drift);
    return;
  }
  const method = drift.method;
  const reasons: string[] = [];
  let status: DriftStatus;
  if (method === undefined) {
    status = "insufficient_data";
    reasons.push(drift.reason);
  } else {
    const judged = realAndLarge(
      method.method,
      method.p_adjusted ?? method.p_value!,
      method.p_value!,
      method.effect ?? Number.NaN,
      method.effect_measure!,
      method.margin!,
      settings,
    );
    status = judged.status;
    reasons.push(judged.reason);
  }
  const nulls = drift.null_rate;
  if (nulls.p_adjusted !== undefined) {
    const judged = realAndLarge("z", nulls.p_adjusted, nulls.p_value, nulls.effect!, "cohens_h", settings.margin.nulls, settings);
    nulls.status = judged.status;
    if (judged.status !== "ok") {
      status = worst(status, judged.status);
      reasons.push(`null share ${formatSignificant(nulls.reference)} → ${formatSignificant(nulls.current)}: ${judged.reason}`);
    }
  }
  if (drift.unseen !== undefined && drift.unseen.share > 0 && drift.unseen.share >= settings.unseen) {
    status = worst(status, "warn");
    reasons.push(`${(drift.unseen.share * 100).toFixed(1)}% of values in categories the reference never had`);
  }
  drift.status = status;
  drift.reason = reasons.join("; ");
}

/** Evidently's decision: a p-value below the threshold (KS: at or below), or a distance at or above it. */
function decideCompat(drift: ColumnDrift): void {
  const method = drift.method;
  if (method === undefined) {
    drift.status = "insufficient_data";
    return;
  }
  if (method.p_value !== undefined) {
    const p = method.p_value;
    const significant = method.method === "ks" ? p <= method.threshold : p < method.threshold;
    drift.status = significant ? "drift" : "ok";
    drift.reason = `${method.method} p ${formatSignificant(p)} ${significant ? "<" : "≥"} ${formatSignificant(method.threshold)}`;
    return;
  }
  const statistic = method.statistic ?? Number.POSITIVE_INFINITY;
  drift.status = statistic >= method.threshold ? "drift" : "ok";
  drift.reason = `${method.method} ${formatSignificant(statistic)} ${statistic >= method.threshold ? "≥" : "<"} ${formatSignificant(method.threshold)}`;
}

function sideCounts(column: ColumnProfile): ColumnDrift["reference"] {
  return { rows: column.count, valid: column.valid, nulls: column.nulls };
}

/** Compares one column; its decision waits for the multiple-testing correction. */
function compareColumn(
  name: string,
  reference: ColumnProfile,
  current: ColumnProfile,
  settings: DriftSettings,
  /** Why the column's values cannot be compared (categories redacted without a shared key, or a redacted numeric column), if so. */
  redacted?: string,
): Pending {
  const counted = isFeature(reference);
  const drift: ColumnDrift = {
    name,
    kind: reference.kind,
    type: reference.type,
    roles: [...reference.roles],
    counted,
    weight: settings.weights[name] ?? 1,
    status: "insufficient_data",
    reason: "",
    reference: sideCounts(reference),
    current: sideCounts(current),
    statistics: {},
    null_rate: nullRate(reference, current, settings),
  };
  if (!counted && current.valid === 0 && current.nulls === current.count && current.count > 0) {
    // Inference logs carry no labels (they arrive later) and may carry no predictions: not drift.
    drift.null_rate.status = "insufficient_data";
    drift.reason = `no ${reference.roles.includes("target") ? "labels" : "values"} in the current data`;
    return { drift, needsAdjust: false };
  }
  if (reference.valid < settings.min_samples || current.valid < settings.min_samples) {
    const side = reference.valid < settings.min_samples ? `the reference has ${reference.valid}` : `the current data has ${current.valid}`;
    drift.reason =
      current.valid === 0 && current.count > 0
        ? `every current value is null or invalid (${current.count} rows)`
        : `${side} valid value(s), fewer than min_samples ${settings.min_samples}`;
    return { drift, needsAdjust: false };
  }
  if (redacted !== undefined) {
    drift.reason = redacted;
    return { drift, needsAdjust: false };
  }
  let judged: Judged;
  if (reference.kind === "numeric" && current.kind === "numeric") {
    judged = judgeNumeric(reference, current, settings);
    const r = reference.histogram;
    const c = current.histogram;
    if (r !== null && c !== null && current.valid > 0)
      drift.out_of_range = { below: c.underflow / current.valid, above: c.overflow / current.valid };
  } else if (reference.kind === "categorical" && current.kind === "categorical") {
    const table = categoryTable(reference, current);
    if ((reference.capped || current.capped) && table.keys.length < 2) {
      drift.reason = "the category counts were capped (profile category_cap) and no category is named on both sides: nothing to compare";
      return { drift, needsAdjust: false };
    }
    judged = judgeCounts(table, reference.valid <= settings.small_sample_rows, tableDistances(table, settings.epsilon), settings);
    const known = new Set(reference.counts.map((entry) => entry.value));
    const unseen = current.counts.filter((entry) => !known.has(entry.value) && !reference.capped);
    const unseenCount = unseen.reduce((s, entry) => s + entry.count, 0);
    drift.unseen = {
      share: current.valid === 0 ? 0 : unseenCount / current.valid,
      top: unseen.slice(0, 5).map((entry) => ({ value: entry.value, count: entry.count })),
    };
  } else {
    throw new Error(
      `column "${name}" is ${reference.kind} in the reference and ${current.kind} in the current profile (schema hashes were checked equal)`,
    );
  }
  drift.method = judged.method;
  drift.statistics = judged.statistics;
  if (judged.distribution !== undefined) drift.distribution = distributionView(judged.distribution);
  return { drift, needsAdjust: judged.method.p_value !== undefined };
}

export interface ComparedColumns {
  columns: ColumnDrift[];
  status: DriftStatus;
  share: number;
  drifted: string[];
  checked: number;
}

/**
 * Compares every column of the two profiles (same schema, the current profiled on the reference's
 * bins) and decides the dataset: drift when the weighted share of drifted feature columns reaches
 * `settings.share`; warn when any column drifted or a feature could not be judged; insufficient_data when no feature
 * column had enough data.
 */
export function compareProfiles(reference: ReferenceProfile, current: ReferenceProfile, settings: DriftSettings): ComparedColumns {
  const ignored = new Set(settings.ignore);
  const pending: Pending[] = [];
  for (const [name, column] of Object.entries(reference.columns)) {
    if (!isCompared(name, column, ignored)) continue;
    const other = current.columns[name];
    if (other === undefined) throw new Error(`column "${name}" is missing from the current profile (schema hashes were checked equal)`);
    pending.push(compareColumn(name, column, other, settings, whyCategoriesNotCompared(reference, current, name)));
  }
  // One family: every test the check makes — each column's (features, and the target and prediction
  // columns, whose drift also warns) and, in the default mode, each null share's where a side has a
  // null. Evidently's mode corrects nothing.
  const compat = settings.mode === "evidently-compat";
  const family: { p: number; set: (adjusted: number) => void }[] = [];
  for (const { drift, needsAdjust } of pending) {
    const method = drift.method;
    if (needsAdjust && method !== undefined) {
      method.p_adjusted = method.p_value!;
      family.push({ p: method.p_value!, set: (adjusted) => (method.p_adjusted = adjusted) });
    }
    if (!compat && testsNulls(drift)) {
      const nulls = drift.null_rate;
      nulls.p_adjusted = nulls.p_value;
      family.push({ p: nulls.p_value, set: (adjusted) => (nulls.p_adjusted = adjusted) });
    }
  }
  const adjusted = adjustPValues(
    family.map((entry) => entry.p),
    compat ? "none" : settings.correction,
  );
  family.forEach((entry, i) => {
    entry.set(adjusted[i]!);
  });
  for (const entry of pending) decide(entry.drift, settings);

  const columns = pending.map((entry) => entry.drift);
  const features = columns.filter((column) => column.counted);
  const counted = features.filter((column) => column.status !== "insufficient_data");
  const total = counted.reduce((s, column) => s + column.weight, 0);
  const featureWeight = features.reduce((s, column) => s + column.weight, 0);
  const driftedColumns = counted.filter((column) => column.status === "drift");
  const share = total === 0 ? 0 : driftedColumns.reduce((s, column) => s + column.weight, 0) / total;
  let status: DriftStatus;
  // Judged on less than half the features' weight, the dataset cannot be called either way.
  if (counted.length === 0 || total < featureWeight / 2) status = "insufficient_data";
  else if (share >= settings.share) status = "drift";
  // Some column drifted (below the share), or a feature could not be judged (never a pass). A column's
  // own warn (real but below its margin, a few unseen categories) stays in its row: at large sizes
  // some column is always measurably different, and a dataset warning that always shows means nothing.
  // A drifted feature the model gives no weight (weights from its importances) stays in its row.
  else if (
    columns.some((column) => column.status === "drift" && (!column.counted || column.weight > 0)) ||
    counted.length < features.length
  )
    status = "warn";
  else status = "ok";
  return { columns, status, share, drifted: driftedColumns.map((column) => column.name), checked: counted.length };
}
