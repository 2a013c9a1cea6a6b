/**
 * Group fairness metrics for binary classification (1 = the favourable outcome), following Fairlearn's
 * MetricFrame (k groups, `between_groups` or `to_overall`) and AIF360's disparate impact and statistical
 * parity difference (one privileged group).
 *
 * Everything is computed from cells: weighted counts per (group, y, pred). The group-stratified
 * bootstrap resamples the cells within each group and calls `fairnessFromCells` again, so one call
 * must stay cheap, and counts are weighted (a group's count is its sum of weights).
 *
 * Honesty rules, the point of this module: a group with fewer than `minGroupSize` rows is reported
 * but left out of every aggregate; a rate whose denominator is 0 (TPR without positives, FPR without
 * negatives…) is `undefined`, never 0, and its group is left out of that rate's aggregate; every
 * exclusion is listed with its reason; and an aggregate over fewer than 2 groups is `undefined` with a
 * reason, never a silent 0 that would pass a gate.
 */
import { UserError } from "../common/errors.ts";

/** Groups of one sensitive feature or an intersection of several ("sex=Female & race=Black"). */
export interface Grouping {
  /** e.g. "sex" or "sex & race". */
  name: string;
  columns: string[];
  /** Group labels in id order, e.g. ["Female", "Male"] or ["Female & Black", ...]. Missing values are their own group labelled "(missing)". */
  labels: string[];
  /** Group id per row. */
  ids: Int32Array;
}

/** Weighted counts per group: `counts[g * 4 + y * 2 + pred]`, i.e. tn, fp, fn, tp of group g. */
export interface GroupCells {
  labels: string[];
  /** Length groups × 4: tn, fp, fn, tp per group. */
  counts: Float64Array;
}

export type GroupRate = "selection_rate" | "tpr" | "fpr" | "fnr" | "precision" | "accuracy";

export interface GroupMetrics {
  label: string;
  /** Sum of weights (rows when unweighted). */
  count: number;
  positives: number;
  negatives: number;
  /** `undefined` when the denominator is 0: e.g. tpr with no positives. */
  rates: Record<GroupRate, number | undefined>;
  /** count < minGroupSize: reported, but left out of every aggregate. */
  small: boolean;
}

export type FairnessMetricName =
  | "demographic_parity_difference"
  | "demographic_parity_ratio"
  | "equalized_odds_difference"
  | "equalized_odds_ratio"
  | "equal_opportunity_difference"
  | "equal_opportunity_ratio"
  | "disparate_impact"
  | "statistical_parity_difference";

export interface FairnessOptions {
  /** Groups with fewer rows (sum of weights) are left out of the aggregates. Default 30. */
  minGroupSize?: number;
  /** Fairlearn's `method`. Default `between_groups`. */
  method?: "between_groups" | "to_overall";
  /** How equalized odds combines its TPR and FPR parts. Default `worst_case`. */
  agg?: "worst_case" | "mean";
  /** Group label of the privileged group, for disparate impact and statistical parity difference. */
  privileged?: string;
}

export interface FairnessValue {
  value: number | undefined;
  /** Why `value` is undefined, e.g. "fewer than 2 groups with at least 30 rows". */
  reason?: string;
  /** Groups that entered the aggregate (for equalized odds: entered both its TPR and FPR parts). */
  groups: string[];
  /** Groups left out and why. */
  excluded: { label: string; reason: string }[];
  /** Disparate impact and statistical parity difference: the unprivileged group the value belongs to. */
  worst?: string;
}

export interface FairnessResult {
  overall: GroupMetrics;
  groups: GroupMetrics[];
  metrics: Record<FairnessMetricName, FairnessValue>;
}

/** The rates of `GroupMetrics`, in report order. */
export const GROUP_RATES: readonly GroupRate[] = ["selection_rate", "tpr", "fpr", "fnr", "precision", "accuracy"];

/** The aggregate metrics of `FairnessResult`, in report order. */
export const FAIRNESS_METRIC_NAMES: readonly FairnessMetricName[] = [
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "equalized_odds_ratio",
  "equal_opportunity_difference",
  "equal_opportunity_ratio",
  "disparate_impact",
  "statistical_parity_difference",
];

const MISSING_LABEL = "(missing)";
const INTERSECTION_SEPARATOR = " & ";
/**
 * Groups with fewer rows are reported but left out of the disparities: a rate from 30 rows is only
 * known to ±0.18 at 95% (1.96·√(0.25/30)), already more than the 0.10 a gate allows.
 */
export const DEFAULT_MIN_GROUP_SIZE = 30;

/** Builds a grouping from raw column values per row (null = missing); intersections join values with " & ", labels sorted by text. */
export function buildGrouping(columns: { name: string; values: (string | null)[] }[]): Grouping {
  const first = columns[0];
  if (first === undefined) throw new Error("buildGrouping needs at least one column");
  const rows = first.values.length;
  for (const column of columns) {
    if (column.values.length !== rows)
      throw new Error(`column ${column.name} has ${column.values.length} values, ${first.name} has ${rows}`);
  }
  // Groups are keyed by their label, so values that themselves contain " & " could merge two
  // intersections; sensitive attributes in practice do not. Labels first, ids after sorting: the id
  // order must not depend on which group the data shows first.
  const rowLabels: string[] = new Array<string>(rows);
  const seen = new Set<string>();
  for (let row = 0; row < rows; row++) {
    let label = "";
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c]!.values[row] ?? MISSING_LABEL;
      label = c === 0 ? value : label + INTERSECTION_SEPARATOR + value;
    }
    rowLabels[row] = label;
    seen.add(label);
  }
  // Default sort compares UTF-16 code units: deterministic, locale-independent.
  const labels = [...seen].sort();
  const idOf = new Map(labels.map((label, id) => [label, id]));
  const ids = new Int32Array(rows);
  for (let row = 0; row < rows; row++) ids[row] = idOf.get(rowLabels[row]!)!;
  const names = columns.map((column) => column.name);
  return { name: names.join(INTERSECTION_SEPARATOR), columns: names, labels, ids };
}

/** Throws a `UserError` when a grouping has fewer than 2 groups: no disparity can be measured on one group. */
export function assertSeveralGroups(grouping: Grouping, file?: string): void {
  if (grouping.labels.length >= 2) return;
  const what = grouping.columns.length > 1 ? `sensitive columns ${grouping.name} form` : `sensitive column ${grouping.name} has`;
  const problem =
    grouping.labels.length === 0
      ? `the ${what} no groups: the data has no rows, so no fairness disparity can be measured`
      : `the ${what} a single group ("${grouping.labels[0]!}") in this data, so no fairness disparity can be measured`;
  throw new UserError(problem, {
    file,
    hint: `drop ${grouping.name} from fairness.sensitive, or evaluate on data where it takes several values`,
  });
}

/** Weighted counts per (group, y, pred) of binary labels and predictions; weights default to 1. */
export function groupCells(grouping: Grouping, y: Uint8Array, pred: Uint8Array, weights?: Float64Array): GroupCells {
  const rows = grouping.ids.length;
  if (y.length !== rows || pred.length !== rows || (weights !== undefined && weights.length !== rows)) {
    throw new Error(
      `groupCells: ${rows} group ids, ${y.length} labels, ${pred.length} predictions${weights === undefined ? "" : `, ${weights.length} weights`}`,
    );
  }
  const groups = grouping.labels.length;
  const counts = new Float64Array(groups * 4);
  for (let row = 0; row < rows; row++) {
    const id = grouping.ids[row]!;
    const truth = y[row]!;
    const predicted = pred[row]!;
    if (id < 0 || id >= groups) throw new Error(`groupCells: row ${row} has group id ${id}, there are ${groups} groups`);
    // Fairness needs a favourable outcome: anything but 0/1 is a caller bug (multiclass is not supported).
    if (truth > 1 || predicted > 1) throw new Error(`groupCells: row ${row} has y=${truth}, pred=${predicted}; both must be 0 or 1`);
    const weight = weights === undefined ? 1 : weights[row]!;
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new Error(`groupCells: row ${row} has weight ${weight}; weights must be finite and >= 0`);
    counts[id * 4 + truth * 2 + predicted]! += weight;
  }
  return { labels: [...grouping.labels], counts };
}

/** Per-group metrics and the aggregate disparities of one grouping. */
export function fairnessFromCells(cells: GroupCells, options: FairnessOptions = {}): FairnessResult {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const method = options.method ?? "between_groups";
  const agg = options.agg ?? "worst_case";
  if (!(minGroupSize >= 0) || !Number.isFinite(minGroupSize))
    throw new Error(`minGroupSize must be a finite number >= 0, got ${minGroupSize}`);
  if (cells.counts.length !== cells.labels.length * 4)
    throw new Error(`GroupCells: ${cells.labels.length} labels but ${cells.counts.length} counts (want 4 per group)`);
  if (options.privileged !== undefined && !cells.labels.includes(options.privileged)) {
    throw new Error(
      `privileged group "${options.privileged}" is not one of the groups: ${cells.labels.map((label) => `"${label}"`).join(", ")}`,
    );
  }

  const groups: GroupMetrics[] = [];
  let [tn, fp, fn, tp] = [0, 0, 0, 0];
  for (let g = 0; g < cells.labels.length; g++) {
    const cell = cells.counts.subarray(g * 4, g * 4 + 4);
    const group = metricsOf(cells.labels[g]!, cell[0]!, cell[1]!, cell[2]!, cell[3]!, minGroupSize);
    groups.push(group);
    tn += cell[0]!;
    fp += cell[1]!;
    fn += cell[2]!;
    tp += cell[3]!;
  }
  // The overall is over all rows, small groups included, as Fairlearn's MetricFrame.overall.
  const overall = metricsOf("overall", tn, fp, fn, tp, minGroupSize);

  const present = groups.filter((group) => group.count > 0);
  if (present.length < 2) {
    const labels = present.map((group) => group.label);
    const reason = present.length === 0 ? "no rows" : "only one group";
    const metrics = {} as Record<FairnessMetricName, FairnessValue>;
    for (const name of FAIRNESS_METRIC_NAMES) metrics[name] = { value: undefined, reason, groups: labels, excluded: [] };
    return { overall, groups, metrics };
  }

  const context: Context = { groups, overall, minGroupSize, method };
  const selection = compare(context, "selection_rate");
  const tpr = compare(context, "tpr");
  const fpr = compare(context, "fpr");
  const [disparateImpact, parityDifference] = privilegedMetrics(context, options.privileged);
  const metrics: Record<FairnessMetricName, FairnessValue> = {
    demographic_parity_difference: selection.difference,
    demographic_parity_ratio: selection.ratio,
    equalized_odds_difference: combine(context, tpr, fpr, "difference", agg),
    equalized_odds_ratio: combine(context, tpr, fpr, "ratio", agg),
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
    disparate_impact: disparateImpact,
    statistical_parity_difference: parityDifference,
  };
  return { overall, groups, metrics };
}

interface Context {
  groups: GroupMetrics[];
  overall: GroupMetrics;
  minGroupSize: number;
  method: "between_groups" | "to_overall";
}

/** The difference and ratio of one rate, with the groups that entered and those left out. */
interface Comparison {
  rate: AggregatedRate;
  difference: FairnessValue;
  ratio: FairnessValue;
}

type AggregatedRate = "selection_rate" | "tpr" | "fpr";

const RATE_NAME: Record<AggregatedRate, string> = { selection_rate: "selection rate", tpr: "TPR", fpr: "FPR" };

/** Why a rate is undefined in a group: its denominator is 0. */
const UNDEFINED_BECAUSE: Record<AggregatedRate, string> = {
  selection_rate: "no rows (selection rate undefined)",
  tpr: "no positives (TPR undefined)",
  fpr: "no negatives (FPR undefined)",
};

function metricsOf(label: string, tn: number, fp: number, fn: number, tp: number, minGroupSize: number): GroupMetrics {
  const count = tn + fp + fn + tp;
  const positives = fn + tp;
  const negatives = tn + fp;
  return {
    label,
    count,
    positives,
    negatives,
    rates: {
      selection_rate: share(fp + tp, count),
      tpr: share(tp, positives),
      fpr: share(fp, negatives),
      fnr: share(fn, positives),
      precision: share(tp, fp + tp),
      accuracy: share(tn + tp, count),
    },
    small: count < minGroupSize,
  };
}

/** part / whole, undefined (never 0) when there is nothing to divide by. */
function share(part: number, whole: number): number | undefined {
  return whole > 0 ? part / whole : undefined;
}

/** A weighted count for messages: bootstrap weights are integers, other weights get 6 significant digits. */
function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : String(Number(count.toPrecision(6)));
}

function smallReason(group: GroupMetrics, minGroupSize: number): string {
  return `n=${formatCount(group.count)} < min_group_size ${formatCount(minGroupSize)}`;
}

/** The groups whose `rate` may enter an aggregate, and why the others may not. */
function eligible(
  context: Context,
  rate: AggregatedRate,
): { entered: GroupMetrics[]; excluded: { label: string; reason: string }[]; undefinedRate: boolean } {
  const entered: GroupMetrics[] = [];
  const excluded: { label: string; reason: string }[] = [];
  let undefinedRate = false;
  for (const group of context.groups) {
    if (group.small) excluded.push({ label: group.label, reason: smallReason(group, context.minGroupSize) });
    else if (group.rates[rate] === undefined) {
      excluded.push({ label: group.label, reason: UNDEFINED_BECAUSE[rate] });
      undefinedRate = true;
    } else entered.push(group);
  }
  return { entered, excluded, undefinedRate };
}

/** Fairlearn's `difference(method)` and `ratio(method)` of one rate over the eligible groups. */
function compare(context: Context, rate: AggregatedRate): Comparison {
  const { entered, excluded, undefinedRate } = eligible(context, rate);
  const labels = entered.map((group) => group.label);
  const result = (value: number | undefined, reason?: string): FairnessValue =>
    value === undefined ? { value, reason: reason!, groups: labels, excluded } : { value, groups: labels, excluded };
  // One group compared with itself (or with an overall it dominates) would read as perfect parity.
  if (entered.length < 2) {
    const reason = `fewer than 2 groups with at least ${formatCount(context.minGroupSize)} rows${undefinedRate ? ` and a defined ${RATE_NAME[rate]}` : ""}`;
    return { rate, difference: result(undefined, reason), ratio: result(undefined, reason) };
  }
  const values = entered.map((group) => group.rates[rate]!);
  const name = RATE_NAME[rate];
  if (context.method === "between_groups") {
    const max = Math.max(...values);
    const min = Math.min(...values);
    return {
      rate,
      difference: result(max - min),
      ratio: max > 0 ? result(min / max) : result(undefined, `${name} is 0 in every compared group, so the ratio is 0/0`),
    };
  }
  // to_overall: the overall includes every row, so it is defined whenever a group's rate is.
  const overall = context.overall.rates[rate]!;
  const difference = Math.max(...values.map((value) => Math.abs(value - overall)));
  if (!(overall > 0))
    return { rate, difference: result(difference), ratio: result(undefined, `${name} is 0 overall, so the ratio to overall is 0/0`) };
  const ratio = Math.min(...values.map((value) => (value > overall ? overall / value : value / overall)));
  return { rate, difference: result(difference), ratio: result(ratio) };
}

/** Equalized odds from its TPR and FPR parts: worst case (max difference, min ratio) or their mean. */
function combine(
  context: Context,
  tpr: Comparison,
  fpr: Comparison,
  kind: "difference" | "ratio",
  agg: "worst_case" | "mean",
): FairnessValue {
  const parts = [tpr, fpr];
  // A group counts as entered only if it entered both parts; otherwise it is listed with the part(s) it missed.
  const groups: string[] = [];
  const excluded: { label: string; reason: string }[] = [];
  for (const { label } of context.groups) {
    const reasons = parts.map((part) => part[kind].excluded.find((entry) => entry.label === label)?.reason);
    const [tprReason, fprReason] = reasons;
    if (tprReason === undefined && fprReason === undefined) groups.push(label);
    // A small group is left out of both parts for the same reason: say it once.
    else if (tprReason === fprReason) excluded.push({ label, reason: tprReason! });
    else {
      const reason = parts
        .flatMap((part, i) => (reasons[i] === undefined ? [] : [`${reasons[i]}, left out of the ${RATE_NAME[part.rate]} part`]))
        .join("; ");
      excluded.push({ label, reason });
    }
  }
  const missing = parts.find((part) => part[kind].value === undefined);
  if (missing !== undefined) {
    return { value: undefined, reason: `${RATE_NAME[missing.rate]} ${kind}: ${missing[kind].reason!}`, groups, excluded };
  }
  const a = tpr[kind].value!;
  const b = fpr[kind].value!;
  const value = agg === "mean" ? (a + b) / 2 : kind === "difference" ? Math.max(a, b) : Math.min(a, b);
  return { value, groups, excluded };
}

/** AIF360's disparate impact and statistical parity difference against the privileged group, worst unprivileged group. */
function privilegedMetrics(context: Context, privileged: string | undefined): [FairnessValue, FairnessValue] {
  const undefinedPair = (
    reason: string,
    groups: string[],
    excluded: { label: string; reason: string }[],
  ): [FairnessValue, FairnessValue] => [
    { value: undefined, reason, groups, excluded },
    { value: undefined, reason, groups, excluded },
  ];
  if (privileged === undefined) return undefinedPair("no privileged group configured", [], []);
  const { entered, excluded } = eligible(context, "selection_rate");
  const reference = context.groups.find((group) => group.label === privileged)!;
  if (!entered.includes(reference)) {
    const why = excluded.find((entry) => entry.label === privileged)!.reason;
    return undefinedPair(`privileged group "${privileged}" is left out: ${why}`, [], excluded);
  }
  const others = entered.filter((group) => group !== reference);
  const labels = [reference.label, ...others.map((group) => group.label)];
  if (others.length === 0)
    return undefinedPair(`no unprivileged group with at least ${formatCount(context.minGroupSize)} rows`, labels, excluded);

  const base = reference.rates.selection_rate!;
  // SPD: the signed difference of largest magnitude; the first group in label order wins a tie.
  let spdGroup = others[0]!;
  for (const group of others) {
    if (Math.abs(group.rates.selection_rate! - base) > Math.abs(spdGroup.rates.selection_rate! - base)) spdGroup = group;
  }
  const spd: FairnessValue = { value: spdGroup.rates.selection_rate! - base, groups: labels, excluded, worst: spdGroup.label };
  if (!(base > 0)) {
    return [
      {
        value: undefined,
        reason: `privileged group "${privileged}" has selection rate 0, so disparate impact divides by 0`,
        groups: labels,
        excluded,
      },
      spd,
    ];
  }
  // DI = SR_g / SR_privileged: below 1 means group g is selected less often. The smallest is the most disadvantaged group.
  let diGroup = others[0]!;
  for (const group of others) {
    if (group.rates.selection_rate! < diGroup.rates.selection_rate!) diGroup = group;
  }
  return [{ value: diGroup.rates.selection_rate! / base, groups: labels, excluded, worst: diGroup.label }, spd];
}
