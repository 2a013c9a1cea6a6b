/**
 * The gate policy: what a model must show before it may ship. Read from the `gates` section of
 * modelship.yaml or a file of its own (schemas/gate-policy.schema.json), with the defaults filled
 * in here so every face, the report and the tests see one resolved policy.
 */
import { dirname, isAbsolute, join, relative } from "node:path";
import policySchema from "../../schemas/gate-policy.schema.json" with { type: "json" };
import { UserError } from "../common/errors.ts";
import { assertValid } from "../common/schema-validation.ts";
import { readYamlFile } from "../common/yaml-source.ts";
import { DEFAULT_MIN_GROUP_SIZE, type FairnessMetricName } from "../evaluate/fairness.ts";
import type { MetricName } from "../evaluate/metrics.ts";

export type Severity = "fail" | "warn";
export type GateOn = "point" | "ci";
export type ChampionRequire = "not_worse" | "non_inferior" | "point";

/** The policy as written (snake_case, everything optional). */
export interface GatePolicyDocument {
  policy?: string;
  bootstrap?: { resamples?: number; confidence?: number; seed?: number };
  quality?: { metric: MetricName; min?: number; max?: number; on?: GateOn; severity?: Severity; name?: string }[];
  fairness?: {
    sensitive?: string[];
    intersections?: string[][];
    bins?: Record<string, number[]>;
    min_group_size?: number;
    method?: "between_groups" | "to_overall";
    agg?: "worst_case" | "mean";
    privileged?: Record<string, string>;
    resamples?: number;
    gates?: { metric: FairnessMetricName; min?: number; max?: number; on?: GateOn; severity?: Severity; groupings?: string[] }[];
  };
  champion?: {
    model?: string;
    release?: string;
    production?: boolean;
    rules?: { metric: MetricName; margin?: number; require?: ChampionRequire; severity?: Severity }[];
    fairness_max_worsening?: number;
    severity?: Severity;
  };
  explain?:
    | boolean
    | {
        enabled?: boolean;
        rows?: number;
        repeats?: number;
        resamples?: number;
        metric?: MetricName;
        proxies?: string[];
        gates?: { explain: ExplainGateName; max: number; on?: GateOn; severity?: Severity }[];
      };
  operational?:
    | boolean
    | {
        enabled?: boolean;
        batch?: number;
        rounds?: number;
        calls?: number;
        warmup?: number;
        max_seconds?: number;
        gates?: {
          metric: OperationalMetricName;
          min?: number;
          max?: number;
          batch?: number;
          percentile?: LatencyPercentile;
          on?: OperationalGateOn;
          severity?: Severity;
        }[];
      };
}

/** What an operational gate judges (docs/gates.md#operational-gates). */
export type OperationalMetricName =
  | "latency_p50_ms"
  | "latency_p95_ms"
  | "latency_p99_ms"
  | "throughput_rows_per_s"
  | "model_size_mb"
  | "parameters"
  | "load_time_ms"
  | "peak_memory_mb"
  | "latency_ratio_vs_champion"
  | "throughput_ratio_vs_champion";

export type LatencyPercentile = 50 | 95 | 99;

/**
 * What an operational gate judges: the value (`point`); the interval's bound on the failing side, so
 * it passes only when the whole interval clears the threshold (`ci`, as quality gates); or the bound
 * on the passing side, so it fails only when the whole interval is past the threshold, a shown
 * regression (`not_worse`, as the champion rules' default).
 */
export type OperationalGateOn = GateOn | "not_worse";

/** Operational metrics measured once per model (no interval): their gates judge the value (on: point). */
export const SINGLE_MEASUREMENTS: ReadonlySet<OperationalMetricName> = new Set([
  "model_size_mb",
  "parameters",
  "load_time_ms",
  "peak_memory_mb",
]);

/** Operational metrics that compare with the champion's measurement. */
export const CHAMPION_RATIOS: ReadonlySet<OperationalMetricName> = new Set(["latency_ratio_vs_champion", "throughput_ratio_vs_champion"]);

export interface OperationalGate extends Threshold {
  metric: OperationalMetricName;
  /** The batch size it judges (latency and throughput): 1 or the policy's batch. */
  batch?: number;
  /** Which latency percentile a latency ratio compares (default 50). */
  percentile?: LatencyPercentile;
  on: OperationalGateOn;
  severity: Severity;
}

/** Latency, size and memory measured in onnxruntime on the runner (docs/gates.md#operational-gates). */
export interface OperationalPolicy {
  enabled: boolean;
  /** The batch size timed besides 1. */
  batch: number;
  rounds: number;
  /** Timed calls per model, batch size and round. */
  calls: number;
  /** Untimed calls per model and batch size first. */
  warmup: number;
  /** The time the timed rounds may take (seconds); fewer calls per round when they would take longer. */
  maxSeconds: number;
  gates: OperationalGate[];
  /** True when the gates are the defaults (not written by the user). */
  defaultGates: boolean;
}

export const DEFAULT_OPERATIONAL_BATCH = 64;
export const DEFAULT_OPERATIONAL_ROUNDS = 10;
export const DEFAULT_OPERATIONAL_CALLS = 30;
export const DEFAULT_OPERATIONAL_WARMUP = 10;
export const DEFAULT_OPERATIONAL_MAX_SECONDS = 60;

/**
 * The operational gate when the policy names none: a warning when the challenger's median latency
 * per call at batch 1 is shown to be more than 1.2× the champion's (the whole interval above 1.2). A
 * ratio to the champion measured in the same job is what a shared runner can judge; absolute times
 * move with the runner. `not_worse`, as the champion rules' default: on a busy runner the interval of
 * a model against itself can reach past 1.2, and a default gate must not warn on noise. Without a
 * champion, or without an interval, it is skipped.
 */
export const DEFAULT_OPERATIONAL_GATES: readonly OperationalGate[] = [
  { metric: "latency_ratio_vs_champion", max: 1.2, batch: 1, percentile: 50, on: "not_worse", severity: "warn" },
];

/** What an explanation gate judges: the largest permutation importance of a sensitive column or a listed proxy. */
export type ExplainGateName = "sensitive_importance";

export interface ExplainGate {
  explain: ExplainGateName;
  max: number;
  on: GateOn;
  severity: Severity;
}

/** Permutation importance in the gate report (docs/gates.md#explanations-permutation-importance). */
export interface ExplainPolicy {
  enabled: boolean;
  /** Rows of the reservoir sample the importance is measured on. */
  rows: number;
  /** Permutations per column. */
  repeats: number;
  /** Bootstrap replicates of each importance's interval (0: none). */
  resamples: number;
  /** Undefined: roc_auc for a binary classifier with probabilities, accuracy for other classifiers, r2 for a regressor. */
  metric?: MetricName;
  /** Columns that stand in for a sensitive attribute. */
  proxies: string[];
  gates: ExplainGate[];
}

/** A threshold: the observed value must be ≥ min and/or ≤ max. */
export interface Threshold {
  min?: number;
  max?: number;
}

export interface QualityGate extends Threshold {
  metric: MetricName;
  on: GateOn;
  severity: Severity;
  name?: string;
}

export interface FairnessGate extends Threshold {
  metric: FairnessMetricName;
  on: GateOn;
  severity: Severity;
  /** Grouping names it applies to; undefined = all. */
  groupings?: string[];
}

export interface ChampionRule {
  metric: MetricName;
  margin: number;
  require: ChampionRequire;
  severity: Severity;
}

/** Where the champion comes from. `release` and `production` are resolved through the model registry. */
export type ChampionSource = { kind: "model"; path: string } | { kind: "release"; version: string } | { kind: "production" };

export interface GatePolicy {
  /** Where the policy was read from, for messages and the report. */
  source?: string;
  bootstrap: { resamples: number; confidence: number; seed: number };
  quality: QualityGate[];
  fairness: {
    sensitive?: string[];
    intersections: string[][];
    bins: Record<string, number[]>;
    minGroupSize: number;
    method: "between_groups" | "to_overall";
    agg: "worst_case" | "mean";
    privileged: Record<string, string>;
    resamples: number;
    gates: FairnessGate[];
    /** True when the gates are the defaults (not written by the user). */
    defaultGates: boolean;
  };
  champion?: {
    /** Undefined: no champion to compare with (yet: `--champion` or the champion input may give one). */
    source?: ChampionSource;
    /** Undefined: the defaults for the task, chosen once the task is known. */
    rules?: ChampionRule[];
    fairnessMaxWorsening: number;
    severity: Severity;
  };
  explain: ExplainPolicy;
  operational: OperationalPolicy;
}

export const DEFAULT_RESAMPLES = 2000;
/** Permutation importance's defaults: 20,000 rows × 5 repeats keeps its cost under 3× evaluate's (bench/evaluate). */
export const DEFAULT_EXPLAIN_ROWS = 20_000;
export const DEFAULT_EXPLAIN_REPEATS = 5;
export const DEFAULT_EXPLAIN_RESAMPLES = 1000;
export const DEFAULT_FAIRNESS_MAX_WORSENING = 0.02;
export const DEFAULT_FAIRNESS_RESAMPLES = 1000;

/**
 * Fairness gates when the policy names none: demographic parity and equalized odds differences above
 * 0.10 fail, and a selection-rate ratio under four fifths warns (the US EEOC's four-fifths rule;
 * AIF360 calls that ratio disparate impact).
 */
export const DEFAULT_FAIRNESS_GATES: readonly FairnessGate[] = [
  { metric: "demographic_parity_difference", max: 0.1, on: "point", severity: "fail" },
  { metric: "equalized_odds_difference", max: 0.1, on: "point", severity: "fail" },
  { metric: "demographic_parity_ratio", min: 0.8, on: "point", severity: "warn" },
];

/** A margin by metric when a rule gives none: 0.005 for ranking metrics, 0.01 otherwise (§9.2). */
export function defaultMargin(metric: MetricName): number {
  return metric === "roc_auc" || metric === "average_precision" ? 0.005 : metric === "rmse" || metric === "mae" ? 0 : 0.01;
}

/** Champion rules when the policy names none. */
export function defaultChampionRules(task: "binary" | "multiclass" | "regression", severity: Severity): ChampionRule[] {
  const metrics: MetricName[] = task === "regression" ? ["rmse"] : ["roc_auc", "accuracy"];
  return metrics.map((metric) => ({ metric, margin: defaultMargin(metric), require: "not_worse", severity }));
}

/** Sets the champion's model file (from `--champion` or the action's input), keeping the policy's rules. */
export function withChampionModel(policy: GatePolicy, path: string): void {
  policy.champion ??= { fairnessMaxWorsening: DEFAULT_FAIRNESS_MAX_WORSENING, severity: "fail" };
  policy.champion.source = { kind: "model", path };
}

/** Fills in the defaults of a written policy. `resolvePath` maps a path written in the policy's file. */
export function resolvePolicy(
  document: GatePolicyDocument,
  options: { source?: string; resolvePath?: (path: string) => string } = {},
): GatePolicy {
  const resolvePath = options.resolvePath ?? ((path: string) => path);
  const fairness = document.fairness ?? {};
  const champion = document.champion;
  let source: ChampionSource | undefined;
  if (champion?.model !== undefined) source = { kind: "model", path: resolvePath(champion.model) };
  else if (champion?.release !== undefined) source = { kind: "release", version: champion.release };
  else if (champion?.production === true) source = { kind: "production" };
  const championSeverity = champion?.severity ?? "fail";
  const explain = typeof document.explain === "boolean" ? { enabled: document.explain } : (document.explain ?? {});
  const operational = typeof document.operational === "boolean" ? { enabled: document.operational } : (document.operational ?? {});
  const batch = operational.batch ?? DEFAULT_OPERATIONAL_BATCH;
  return {
    source: options.source,
    bootstrap: {
      resamples: document.bootstrap?.resamples ?? DEFAULT_RESAMPLES,
      confidence: document.bootstrap?.confidence ?? 0.95,
      seed: document.bootstrap?.seed ?? 0,
    },
    quality: (document.quality ?? []).map((gate) => ({
      metric: gate.metric,
      min: gate.min,
      max: gate.max,
      on: gate.on ?? "point",
      severity: gate.severity ?? "fail",
      name: gate.name,
    })),
    fairness: {
      sensitive: fairness.sensitive,
      intersections: fairness.intersections ?? [],
      bins: fairness.bins ?? {},
      minGroupSize: fairness.min_group_size ?? DEFAULT_MIN_GROUP_SIZE,
      method: fairness.method ?? "between_groups",
      agg: fairness.agg ?? "worst_case",
      privileged: fairness.privileged ?? {},
      resamples: fairness.resamples ?? DEFAULT_FAIRNESS_RESAMPLES,
      gates:
        fairness.gates === undefined
          ? DEFAULT_FAIRNESS_GATES.map((gate) => ({ ...gate }))
          : fairness.gates.map((gate) => ({
              metric: gate.metric,
              min: gate.min,
              max: gate.max,
              on: gate.on ?? "point",
              severity: gate.severity ?? "fail",
              groupings: gate.groupings,
            })),
      defaultGates: fairness.gates === undefined,
    },
    champion:
      champion === undefined
        ? undefined
        : {
            ...(source === undefined ? {} : { source }),
            rules: champion.rules?.map((rule) => ({
              metric: rule.metric,
              margin: rule.margin ?? defaultMargin(rule.metric),
              require: rule.require ?? "not_worse",
              severity: rule.severity ?? championSeverity,
            })),
            fairnessMaxWorsening: champion.fairness_max_worsening ?? DEFAULT_FAIRNESS_MAX_WORSENING,
            severity: championSeverity,
          },
    explain: {
      enabled: explain.enabled ?? true,
      rows: explain.rows ?? DEFAULT_EXPLAIN_ROWS,
      repeats: explain.repeats ?? DEFAULT_EXPLAIN_REPEATS,
      resamples: explain.resamples ?? DEFAULT_EXPLAIN_RESAMPLES,
      ...(explain.metric === undefined ? {} : { metric: explain.metric }),
      proxies: explain.proxies ?? [],
      gates: (explain.gates ?? []).map((gate) => ({
        explain: gate.explain,
        max: gate.max,
        on: gate.on ?? "point",
        severity: gate.severity ?? "fail",
      })),
    },
    operational: {
      enabled: operational.enabled ?? true,
      batch,
      rounds: operational.rounds ?? DEFAULT_OPERATIONAL_ROUNDS,
      calls: operational.calls ?? DEFAULT_OPERATIONAL_CALLS,
      warmup: operational.warmup ?? DEFAULT_OPERATIONAL_WARMUP,
      maxSeconds: operational.max_seconds ?? DEFAULT_OPERATIONAL_MAX_SECONDS,
      gates:
        operational.gates === undefined
          ? DEFAULT_OPERATIONAL_GATES.map((gate) => ({ ...gate }))
          : operational.gates.map((gate) => ({
              metric: gate.metric,
              ...(gate.min === undefined ? {} : { min: gate.min }),
              ...(gate.max === undefined ? {} : { max: gate.max }),
              ...(SINGLE_MEASUREMENTS.has(gate.metric) ? {} : { batch: gate.batch ?? (gate.metric.startsWith("throughput") ? batch : 1) }),
              ...(gate.metric === "latency_ratio_vs_champion" ? { percentile: gate.percentile ?? 50 } : {}),
              on: gate.on ?? "point",
              severity: gate.severity ?? "fail",
            })),
      defaultGates: operational.gates === undefined,
    },
  };
}

/** The values a quality metric can take, where they are bounded: a gate outside them can never pass. */
const METRIC_RANGES: Partial<Record<MetricName, [number, number]>> = {
  ...Object.fromEntries(
    (
      [
        "accuracy",
        "balanced_accuracy",
        "precision",
        "recall",
        "f1",
        "precision_macro",
        "recall_macro",
        "f1_macro",
        "precision_weighted",
        "recall_weighted",
        "f1_weighted",
        "roc_auc",
        "average_precision",
        "brier",
        "ece",
      ] as const
    ).map((metric) => [metric, [0, 1]]),
  ),
  log_loss: [0, Infinity],
  mae: [0, Infinity],
  rmse: [0, Infinity],
  mape: [0, Infinity],
  r2: [-Infinity, 1],
};

function rangeText([low, high]: [number, number]): string {
  if (high === Infinity) return `never below ${low}`;
  if (low === -Infinity) return `at most ${high}`;
  return `between ${low} and ${high}`;
}

/**
 * Refuses gates no model can pass, which would fail every run for a typo: min above max, or a bound
 * outside the values the metric takes (accuracy ≥ 2). `where` names the file, the pointer of the
 * policy in it (`/gates` in modelship.yaml) and finds a pointer's line.
 */
export function checkGateBounds(
  document: GatePolicyDocument,
  where: { file?: string; prefix?: string; locate?: (pointer: string) => { line: number; column: number } | undefined },
): void {
  const prefix = where.prefix ?? "";
  const fail = (problem: string, pointer: string, hint: string): never => {
    const position = where.locate?.(pointer);
    throw new UserError(problem, { file: where.file, pointer, ...(position === undefined ? {} : { line: position.line }), hint });
  };
  checkExplainGates(document, fail, prefix);
  checkOperationalGates(document, fail, prefix);
  const gates: [string, { metric: string; min?: number; max?: number }[] | undefined][] = [
    ["quality", document.quality],
    ["fairness/gates", document.fairness?.gates],
  ];
  for (const [path, list] of gates) {
    (list ?? []).forEach((gate, index) => {
      const pointer = `${prefix}/${path}/${index}`;
      if (gate.min !== undefined && gate.max !== undefined && gate.min > gate.max)
        fail(
          `the ${gate.metric} gate asks for min ${gate.min} and max ${gate.max}: no value is both, so it can never pass`,
          `${pointer}/min`,
          "swap min and max (min is the lowest value that passes, max the highest), or keep one of them",
        );
      const range = path === "quality" ? METRIC_RANGES[gate.metric as MetricName] : undefined;
      if (range === undefined) return;
      if (gate.min !== undefined && gate.min > range[1])
        fail(
          `${gate.metric} is ${rangeText(range)}, so min: ${gate.min} can never pass`,
          `${pointer}/min`,
          `give min a value the metric can reach (${rangeText(range)}), e.g. min: 0.8`,
        );
      if (gate.max !== undefined && gate.max < range[0])
        fail(
          `${gate.metric} is ${rangeText(range)}, so max: ${gate.max} can never pass`,
          `${pointer}/max`,
          `give max a value the metric can reach (${rangeText(range)})`,
        );
    });
  }
}

/**
 * Refuses operational gates that can never be judged: on a batch size that is not timed, on the
 * interval of a figure measured once, a percentile on anything but a latency ratio, min above max,
 * or gates while the measurement is off.
 */
function checkOperationalGates(
  document: GatePolicyDocument,
  fail: (problem: string, pointer: string, hint: string) => never,
  prefix: string,
): void {
  const operational = document.operational;
  if (operational === undefined || typeof operational === "boolean") return;
  const batch = operational.batch ?? DEFAULT_OPERATIONAL_BATCH;
  const gates = operational.gates ?? [];
  if (operational.enabled === false && gates.length > 0)
    fail(
      "operational.gates are set, but operational.enabled is false: the figures they judge are not measured",
      `${prefix}/operational/enabled`,
      "remove enabled: false (the measurement is on by default), or remove the gates",
    );
  gates.forEach((gate, i) => {
    const pointer = `${prefix}/operational/gates/${i}`;
    if (gate.min === undefined && gate.max === undefined)
      fail(`the ${gate.metric} gate has no threshold`, pointer, "give it min or max, e.g. { metric: latency_p95_ms, max: 5 }");
    if (gate.min !== undefined && gate.max !== undefined && gate.min > gate.max)
      fail(
        `the ${gate.metric} gate asks for min ${gate.min} and max ${gate.max}: no value is both, so it can never pass`,
        `${pointer}/min`,
        "swap min and max (min is the lowest value that passes, max the highest), or keep one of them",
      );
    const single = SINGLE_MEASUREMENTS.has(gate.metric);
    if (single && (gate.on === "ci" || gate.on === "not_worse"))
      fail(
        `${gate.metric} is measured once, so it has no interval to judge`,
        `${pointer}/on`,
        `remove on: ${gate.on} (the value itself is judged); intervals come with latency and throughput`,
      );
    if ((gate.on === "ci" || gate.on === "not_worse") && operational.rounds === 1)
      fail(
        `the ${gate.metric} gate judges an interval (on: ${gate.on}), but operational.rounds is 1: one round gives none`,
        `${pointer}/on`,
        "set operational.rounds ≥ 2 (default 10), or judge the value with on: point",
      );
    if (single && gate.batch !== undefined)
      fail(`${gate.metric} does not depend on the batch size`, `${pointer}/batch`, "remove batch from this gate");
    if (gate.batch !== undefined && gate.batch !== 1 && gate.batch !== batch)
      fail(
        `the ${gate.metric} gate judges batch ${gate.batch}, which is not timed (batch 1 and operational.batch ${batch} are)`,
        `${pointer}/batch`,
        `use batch: 1 or batch: ${batch}, or set operational.batch: ${gate.batch}`,
      );
    if (gate.percentile !== undefined && gate.metric !== "latency_ratio_vs_champion")
      fail(
        `percentile applies to latency_ratio_vs_champion, not ${gate.metric}`,
        `${pointer}/percentile`,
        gate.metric.startsWith("latency_p")
          ? "the percentile is in the metric's name (latency_p95_ms); remove percentile"
          : "remove percentile",
      );
    if (gate.max !== undefined && gate.max < 0)
      fail(`${gate.metric} is never below 0, so max: ${gate.max} can never pass`, `${pointer}/max`, "give max a value ≥ 0");
  });
}

/** Refuses explanation gates when explanations are switched off: the gate could never be judged. */
function checkExplainGates(
  document: GatePolicyDocument,
  fail: (problem: string, pointer: string, hint: string) => never,
  prefix: string,
): void {
  const explain = document.explain;
  if (explain === undefined || typeof explain === "boolean") return;
  if (explain.resamples === 0) {
    const i = (explain.gates ?? []).findIndex((gate) => gate.on === "ci");
    if (i >= 0)
      fail(
        "an explain gate judges the interval (on: ci), but explain.resamples is 0: no interval is computed",
        `${prefix}/explain/gates/${i}/on`,
        "set explain.resamples (default 1000), or judge the point estimate with on: point",
      );
  }
  if (explain.enabled !== false || (explain.gates ?? []).length === 0) return;
  fail(
    "explain.gates are set, but explain.enabled is false: the importances they judge are not computed",
    `${prefix}/explain/enabled`,
    "remove enabled: false (permutation importance is on by default), or remove the gates",
  );
}

/** Reads a gate-policy file (YAML or JSON), checked against its schema; paths in it are relative to it. */
export async function readPolicyFile(path: string, cwd = process.cwd()): Promise<GatePolicy> {
  const source = await readYamlFile(isAbsolute(path) ? path : join(cwd, path), "gate policy");
  source.file = path;
  const document = assertValid<GatePolicyDocument>(policySchema, source.data ?? {}, { file: path, what: "gate policy", source });
  checkGateBounds(document, { file: path, locate: (pointer) => source.locate(pointer) });
  const base = dirname(isAbsolute(path) ? path : join(cwd, path));
  return resolvePolicy(document, {
    source: path,
    resolvePath: (written) => relative(cwd, isAbsolute(written) ? written : join(base, written)) || ".",
  });
}

/**
 * The policy in effect: an explicit file (input or flag) wins; else modelship.yaml's `gates`, which is
 * the policy itself or names a file in `gates.policy`; else the defaults.
 */
export async function loadPolicy(options: {
  file?: string;
  section?: GatePolicyDocument;
  configFile?: string;
  resolvePath: (path: string) => string;
  cwd?: string;
}): Promise<GatePolicy> {
  if (options.file !== undefined) return readPolicyFile(options.file, options.cwd);
  const section = options.section;
  if (section?.policy !== undefined) {
    const { policy, ...rest } = section;
    if (Object.keys(rest).length > 0) {
      throw new UserError(`gates.policy names a file, and gates also sets ${Object.keys(rest).join(", ")}`, {
        file: options.configFile,
        pointer: "/gates",
        hint: "keep the whole policy in one place: either inline under gates, or in the file gates.policy names",
      });
    }
    return readPolicyFile(options.resolvePath(policy), options.cwd);
  }
  return resolvePolicy(section ?? {}, {
    source: section === undefined ? undefined : `${options.configFile ?? "modelship.yaml"} (gates)`,
    resolvePath: options.resolvePath,
  });
}
