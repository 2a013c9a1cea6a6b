/**
 * Fairness for the evaluate stage: one grouping per sensitive column and per intersection, the
 * disparities of each, and their group-stratified bootstrap intervals. Because every fairness figure
 * depends only on the weighted (group, label, prediction) cells, a resample is a multinomial draw of
 * each group's four cells with the group's size kept — exactly resampling rows within each group,
 * in O(groups) per resample instead of O(rows), and no resample can lose a small group.
 */
import { UserError } from "../common/errors.ts";
import { streamSeed, mulberry32 } from "../common/seeded-random.ts";
import { multinomial, percentileInterval } from "./bootstrap.ts";
import {
  assertSeveralGroups,
  buildGrouping,
  FAIRNESS_METRIC_NAMES,
  fairnessFromCells,
  GROUP_RATES,
  groupCells,
  type FairnessOptions,
  type FairnessResult,
  type GroupCells,
  type Grouping,
} from "./fairness.ts";

export interface GroupingSpec {
  name: string;
  columns: string[];
}

export interface GroupingEvaluation {
  grouping: Grouping;
  options: FairnessOptions;
  result: FairnessResult;
  /** Percentile intervals of the disparities, by metric name. */
  metricCi: Map<string, [number, number]>;
  /** Percentile intervals of each group's rates: `${label}\u0000${rate}`. */
  rateCi: Map<string, [number, number]>;
  /** The champion's figures on the same rows and groups, when there is a champion. */
  champion?: FairnessResult;
}

export interface FairnessEvaluationOptions {
  specs: GroupingSpec[];
  /** Group value per row, per sensitive column. */
  values: Map<string, (string | null)[]>;
  y: Uint8Array;
  pred: Uint8Array;
  championPred?: Uint8Array;
  minGroupSize: number;
  method: "between_groups" | "to_overall";
  agg: "worst_case" | "mean";
  /** Privileged group label per grouping name. */
  privileged: Record<string, string>;
  /** The policy file that names the privileged groups, named when one is not in the data. */
  policyFile?: string;
  resamples: number;
  seed: number;
  confidence: number;
  /** The data file, named when a sensitive column has a single group. */
  file?: string;
}

/** Resamples each group's cells with its size kept, into `out`. */
function resampleCells(cells: GroupCells, random: () => number, out: GroupCells): void {
  const groups = cells.labels.length;
  const scratch = new Float64Array(4);
  for (let g = 0; g < groups; g++) {
    const own = cells.counts.subarray(g * 4, g * 4 + 4);
    const total = Math.round(own[0]! + own[1]! + own[2]! + own[3]!);
    multinomial(random, total, own, scratch);
    out.counts.set(scratch, g * 4);
  }
}

/** Evaluates every grouping: point figures, bootstrap intervals, and the champion's figures. */
export function evaluateFairness(options: FairnessEvaluationOptions): GroupingEvaluation[] {
  return options.specs.map((spec, index) => {
    const grouping = buildGrouping(spec.columns.map((column) => ({ name: column, values: options.values.get(column)! })));
    grouping.name = spec.name;
    if (spec.columns.length === 1) assertSeveralGroups(grouping, options.file);
    const privileged = options.privileged[spec.name];
    const fairnessOptions: FairnessOptions = {
      minGroupSize: options.minGroupSize,
      method: options.method,
      agg: options.agg,
      ...(privileged === undefined ? {} : { privileged }),
    };
    if (privileged !== undefined && !grouping.labels.includes(privileged)) {
      throw new UserError(`privileged group "${privileged}" of "${spec.name}" is not in the data (groups: ${grouping.labels.join(", ")})`, {
        ...(options.policyFile === undefined ? {} : { file: options.policyFile }),
        pointer: "/fairness/privileged",
        hint: "name a group label exactly as it appears in the data",
      });
    }
    const cells = groupCells(grouping, options.y, options.pred);
    const result = fairnessFromCells(cells, fairnessOptions);
    const metricCi = new Map<string, [number, number]>();
    const rateCi = new Map<string, [number, number]>();
    if (options.resamples > 0) {
      // Streams far from the metric bootstrap's (one per replicate, from 0 up).
      const random = mulberry32(streamSeed(options.seed, 0x40000000 + index));
      const metricReplicates = FAIRNESS_METRIC_NAMES.map(() => new Float64Array(options.resamples));
      // Resampled cells keep the groups in the same order, so a group is found by its position.
      const rateKeys = result.groups.flatMap((group, position) => GROUP_RATES.map((rate) => ({ label: group.label, position, rate })));
      const rateReplicates = rateKeys.map(() => new Float64Array(options.resamples));
      const resampled: GroupCells = { labels: cells.labels, counts: new Float64Array(cells.counts.length) };
      for (let r = 0; r < options.resamples; r++) {
        resampleCells(cells, random, resampled);
        const replicate = fairnessFromCells(resampled, fairnessOptions);
        FAIRNESS_METRIC_NAMES.forEach((name, m) => {
          metricReplicates[m]![r] = replicate.metrics[name].value ?? Number.NaN;
        });
        rateKeys.forEach((key, k) => {
          rateReplicates[k]![r] = replicate.groups[key.position]?.rates[key.rate] ?? Number.NaN;
        });
      }
      FAIRNESS_METRIC_NAMES.forEach((name, m) => {
        const interval = percentileInterval(metricReplicates[m]!, options.confidence);
        if (interval !== undefined && result.metrics[name].value !== undefined) metricCi.set(name, interval);
      });
      rateKeys.forEach((key, k) => {
        const interval = percentileInterval(rateReplicates[k]!, options.confidence);
        if (interval !== undefined) rateCi.set(`${key.label}\u0000${key.rate}`, interval);
      });
    }
    const champion =
      options.championPred === undefined
        ? undefined
        : fairnessFromCells(groupCells(grouping, options.y, options.championPred), fairnessOptions);
    return { grouping, options: fairnessOptions, result, metricCi, rateCi, champion };
  });
}
