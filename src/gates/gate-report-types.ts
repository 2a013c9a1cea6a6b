/**
 * The gate report (schemas/gate-report.schema.json): what the evaluate stage decided and why — every
 * gate with its threshold, observed value, confidence interval, n and status — plus the metrics,
 * fairness tables, champion comparison and the fingerprints that make it reproducible. The release
 * stage refuses a model whose report is missing, failed, or names other bytes.
 */
import type { Severity, GateOn, ChampionRequire } from "./policy.ts";
import type { OperationalFigures, OperationalRatios } from "../evaluate/operational.ts";

export type { LatencyFigures, MeasuredFigure, OperationalFigures, OperationalRatios } from "../evaluate/operational.ts";

export type GateStatus = "pass" | "warn" | "fail" | "insufficient_data";
export type Verdict = "pass" | "warn" | "fail";
export type Task = "binary" | "multiclass" | "regression";

/** A number with its bootstrap confidence interval (absent when not computed or undefined). */
export interface Estimate {
  value: number | null;
  ci?: [number, number];
  /** Why the value is null, e.g. "only one class in the test set". */
  reason?: string;
}

export interface GateResult {
  /** Stable id, e.g. `quality:roc_auc`, `fairness:demographic_parity_difference:sex`, `champion:accuracy`. */
  id: string;
  kind: "quality" | "fairness" | "champion" | "explain" | "operational";
  /** What people read, e.g. "ROC AUC ≥ 0.85 (lower 95% CI bound)". */
  name: string;
  metric: string;
  grouping?: string;
  threshold: { min?: number; max?: number };
  on: GateOn | ChampionRequire;
  /** The value compared with the threshold (the point estimate or the CI bound); null when it could not be computed. */
  observed: number | null;
  /** The point estimate. */
  value: number | null;
  ci?: [number, number];
  n: number;
  severity: Severity;
  status: GateStatus;
  reason: string;
  /** Challenger − champion for this gate's metric, when a champion was evaluated. */
  championDelta?: number;
}

export interface GroupRow {
  label: string;
  count: number;
  small: boolean;
  rates: Record<string, number | null>;
  ci?: Record<string, [number, number]>;
}

export interface FairnessSection {
  grouping: string;
  columns: string[];
  groups: GroupRow[];
  overall: Record<string, number | null>;
  metrics: Record<string, Estimate & { groups: string[]; excluded: { label: string; reason: string }[]; worst?: string }>;
  privileged?: string;
}

export interface ChampionComparison {
  metric: string;
  challenger: number | null;
  champion: number | null;
  /** challenger − champion. */
  difference: number | null;
  ci?: [number, number];
  /** A paired test's p-value where one applies (McNemar for accuracy, DeLong for ROC AUC). */
  test?: { name: "mcnemar" | "delong"; statistic?: number; pValue: number; method?: string };
}

/** One column's permutation importance: the drop in the metric when its values are shuffled. */
export interface FeatureImportanceRow {
  feature: string;
  /** Mean drop over the repeats; null where the metric is undefined on the sample. */
  importance: number | null;
  /** Population standard deviation of the drops over the repeats. */
  std: number | null;
  ci?: [number, number];
  /** A sensitive column (gates.fairness.sensitive, or the contract's role sensitive). */
  sensitive?: true;
  /** A column listed in explain.proxies. */
  proxy?: true;
}

/** Permutation importance of the model's input columns (docs/gates.md#explanations-permutation-importance). */
export interface ExplanationsSection {
  method: "permutation_importance";
  metric: string;
  /** The metric on the unpermuted sample. */
  baseline: number | null;
  /** Rows of the sample, and the labelled rows it was drawn from. */
  rows: number;
  population: number;
  repeats: number;
  resamples: number;
  confidence: number;
  seed: number;
  /** Largest importance first. */
  features: FeatureImportanceRow[];
}

/** The operational section of the gate report: latency, size and memory, read in the context of the runner. */
export interface OperationalSection {
  environment: {
    /** The CPU model as the OS names it, and the logical CPUs it shows. */
    cpu: string;
    logicalCpus: number;
    /** onnxruntime's intra-op threads: the number set, or "default" (onnxruntime decides). */
    threads: number | "default";
    onnxruntime: string;
    platform: string;
  };
  method: {
    /** Rounds of measurement; with a champion each round times both models, in alternating order. */
    rounds: number;
    /** Timed calls per model, batch size and round. */
    callsPerRound: number;
    /** Untimed calls per model and batch size before the first round. */
    warmup: number;
    /** Rows the calls are drawn from (the evaluation's sample of the test data). */
    sampleRows: number;
    /** Bootstrap over the rounds (paired for the ratios): replicates, confidence, seed. */
    resamples: number;
    confidence: number;
    seed: number;
    interleaved: boolean;
  };
  challenger: OperationalFigures;
  champion?: OperationalFigures;
  /** Challenger ÷ champion per batch size (latencies: above 1 is slower; throughput: below 1 is slower). */
  ratios?: OperationalRatios[];
  notes: string[];
}

export interface GateReport {
  schema: "modelship/gate-report@1";
  tool: { name: "modelship"; version: string };
  created: string;
  modelName?: string;
  verdict: Verdict;
  passed: boolean;
  summary: Record<GateStatus, number>;
  model: {
    path: string;
    sha256: string;
    bytes: number;
    format: "onnx";
    task: Task;
    classes?: string[];
    positiveLabel?: string;
    threshold?: number;
    outputs: Record<string, string>;
    inputs: { name: string; type: string; shape?: (number | string)[] }[];
  };
  data: { files: { path: string; sha256: string; bytes: number; rows: number }[]; rows: number; target: string; skippedRows: number };
  policy: { source?: string; sha256: string };
  randomness: {
    bootstrapSeed: number;
    resamples: number;
    confidence: number;
    method: "percentile";
    stratifiedBy: "label" | "none";
    fairnessResamples: number;
  };
  environment: { node: string; onnxruntime: string; platform: string };
  metrics: Record<string, Estimate>;
  confusionMatrix?: { labels: string[]; matrix: number[][] };
  curves?: {
    roc?: { fpr: number[]; tpr: number[] };
    calibration?: { meanPredicted: number[]; fractionPositive: number[]; count: number[] };
  };
  fairness: FairnessSection[];
  /** Sensitive columns asked for but not checked, and why (e.g. numeric without bins). */
  notes: string[];
  champion?: {
    source: string;
    path: string;
    sha256: string;
    metrics: Record<string, number | null>;
    comparisons: ChampionComparison[];
  };
  explanations?: ExplanationsSection;
  operational?: OperationalSection;
  gates: GateResult[];
}
