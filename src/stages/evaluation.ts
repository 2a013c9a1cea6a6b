/**
 * The evaluation the evaluate stage runs (runEvaluateStage in evaluate-stage.ts): runs the model (and
 * the champion) over the test data, computes metrics with bootstrap intervals, fairness per group, the
 * champion comparison, applies the gate policy and writes the gate report (JSON and markdown) atomically.
 */
import { join } from "node:path";
import reportSchema from "../../schemas/gate-report.schema.json" with { type: "json" };
import { UserError } from "../common/errors.ts";
import { sha256Of } from "../common/file-hash.ts";
import type { Logger } from "../common/logger.ts";
import { OutputSet } from "../common/atomic-write.ts";
import { assertWritable } from "../common/schema-validation.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { redactorFor, type Redactor } from "../data/pii/redact.ts";
import { checkPolicyFitsTask, evaluateGates } from "../gates/evaluate-gates.ts";
import { passes, summarize, verdictOf, type GateFailOn } from "../gates/decide.ts";
import type { ChampionComparison, GateReport, Task } from "../gates/gate-report-types.ts";
import { defaultChampionRules, type ChampionSource, type GatePolicy } from "../gates/policy.ts";
import { renderGateReport } from "../gates/gate-markdown.ts";
import { classesFromLabelOutput, classificationData, resolveClasses } from "../evaluate/classes.ts";
import { collectPredictions, type Collected, type SensitiveColumn } from "../evaluate/collect.ts";
import { evaluateFairness, type GroupingSpec } from "../evaluate/fairness-eval.ts";
import { metricIntervals } from "../evaluate/metric-intervals.ts";
import { prepareMetrics, type ModelData } from "../evaluate/metric-set.ts";
import { calibrationBins, confusionMatrix, NEEDS_PROBA, rocCurve, type MetricName } from "../evaluate/metrics.ts";
import { loadModel, type LoadedModel } from "../evaluate/onnx-model.ts";
import type { OutputSelection } from "../evaluate/onnx-output-selection.ts";
import { delong, mcnemar } from "../common/stats.ts";
import { explainModel } from "./evaluation-explain.ts";
import { evaluationSample, measureModels } from "./evaluation-operational.ts";
import type { OperationalProbe } from "../evaluate/operational.ts";
import { onnxRuntimeVersion } from "../common/onnx-runtime.ts";

export interface EvaluateSettings {
  modelPath: string;
  modelName?: string;
  dataFiles: string[];
  contractPath?: string;
  target?: string;
  features?: string[];
  task?: Task;
  classes?: string[];
  positiveLabel?: string;
  threshold: number;
  outputs?: OutputSelection;
  batchSize: number;
  threads?: number;
  policy: GatePolicy;
  reportDir: string;
  failOn: GateFailOn;
}

export interface EvaluateOptions extends EvaluateSettings {
  logger: Logger;
  toolVersion: string;
  /** Finds the champion's model file for a release version or production (the model registry). */
  resolveChampion?: (source: Exclude<ChampionSource, { kind: "model" }>) => Promise<string>;
  runUrl?: string;
  /** The clock and memory readings of the operational measurement (tests script them; default: the process's). */
  operationalProbe?: OperationalProbe;
}

export interface EvaluationResult {
  report: GateReport;
  reportPath: string;
  markdownPath: string;
  markdown: string;
  /** Whether the job passes under fail-on. */
  passed: boolean;
}

/** The metrics every classification report shows, gated or not. */
const HEADLINE: Record<"binary" | "multiclass" | "regression", MetricName[]> = {
  binary: ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "average_precision", "log_loss", "brier", "ece"],
  multiclass: ["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "roc_auc", "log_loss", "brier", "ece"],
  regression: ["mae", "rmse", "r2", "mape"],
};

async function championPath(options: EvaluateOptions): Promise<string | undefined> {
  const source = options.policy.champion?.source;
  if (source === undefined) return undefined;
  if (source.kind === "model") return source.path;
  if (options.resolveChampion !== undefined) return options.resolveChampion(source);
  throw new UserError(
    `the champion is ${source.kind === "release" ? `release ${source.version}` : "the production model"}, which needs the model registry`,
    {
      file: options.policy.source,
      pointer: "/champion",
      hint: "give the champion as a model file (champion.model: path/to/model.onnx), e.g. one fetched with `modelship fetch-model`",
    },
  );
}

/** Where the model and the champion are set, for the fix when their file is missing or not a model. */
const MODEL_SETTING = "--model (MODELSHIP_MODEL, the model input, or evaluate.model in modelship.yaml)";
const CHAMPION_SETTING = "--champion (the champion input, or champion.model in the gate policy)";

const NUMERIC_TYPES = new Set(["integer", "number", "date", "datetime"]);

/** Sensitive columns: the policy's list, else the contract's categorical columns with role sensitive. */
function sensitiveColumns(policy: GatePolicy, contract: DataContract | undefined, notes: string[]): SensitiveColumn[] {
  const bins = policy.fairness.bins;
  for (const [name, edges] of Object.entries(bins)) {
    if (edges.some((edge, i) => i > 0 && edge <= edges[i - 1]!))
      throw new UserError(`the bin edges of "${name}" are not ascending: ${JSON.stringify(edges)}`, {
        file: policy.source,
        pointer: `/fairness/bins/${name}`,
        hint: "list the edges from smallest to largest, e.g. [25, 45, 65]",
      });
  }
  if (policy.fairness.sensitive !== undefined) {
    return policy.fairness.sensitive.map((name) => {
      const type = contract?.columns.find((column) => column.name === name)?.type;
      if (type !== undefined && NUMERIC_TYPES.has(type) && bins[name] === undefined) {
        throw new UserError(`sensitive column "${name}" is ${type} in the contract: every value would be a group of its own`, {
          file: policy.source,
          pointer: "/fairness/sensitive",
          hint: `give gates.fairness.bins.${name} (e.g. [25, 45, 65]) to check it by range`,
        });
      }
      return { name, ...(bins[name] === undefined ? {} : { bins: bins[name] }) };
    });
  }
  const columns: SensitiveColumn[] = [];
  for (const column of contract?.columns ?? []) {
    if (!column.roles.includes("sensitive")) continue;
    if (NUMERIC_TYPES.has(column.type) && bins[column.name] === undefined) {
      notes.push(
        `${column.name} (sensitive in the contract) is ${column.type}: give gates.fairness.bins.${column.name} (e.g. [25, 45, 65]) to check it by group.`,
      );
      continue;
    }
    columns.push({ name: column.name, ...(bins[column.name] === undefined ? {} : { bins: bins[column.name] }) });
  }
  return columns;
}

/** A grouping named in the policy (a gate's `groupings`, `privileged`) that is not checked is a typo that would switch a gate off: refuse it. */
function checkGroupingNames(policy: GatePolicy, names: string[]): void {
  const known = `the groupings are ${names.map((name) => JSON.stringify(name)).join(", ")} (sensitive columns, and intersections joined with " & ")`;
  policy.fairness.gates.forEach((gate, i) => {
    const unknown = gate.groupings?.find((name) => !names.includes(name));
    if (unknown !== undefined)
      throw new UserError(`fairness gate ${gate.metric} names the grouping "${unknown}", which is not checked`, {
        file: policy.source,
        pointer: `/fairness/gates/${i}/groupings`,
        hint: known,
      });
  });
  const unknown = Object.keys(policy.fairness.privileged).find((name) => !names.includes(name));
  if (unknown !== undefined)
    throw new UserError(`fairness.privileged names the grouping "${unknown}", which is not checked`, {
      file: policy.source,
      pointer: "/fairness/privileged",
      hint: known,
    });
}

/** Past this many groups a single sensitive column is almost surely numeric or an id: it needs bins, not a group per value. */
const MAX_GROUPS = 100;

function taskOf(settings: EvaluateSettings, model: LoadedModel): "regression" | "classification" {
  if (settings.task !== undefined) return settings.task === "regression" ? "regression" : "classification";
  return model.outputs.kind === "value" ? "regression" : "classification";
}

/** Up to `points` evenly spread points of a curve, always keeping both ends. */
function thin(xs: number[], ys: number[], points: number): { x: number[]; y: number[] } {
  if (xs.length <= points) return { x: xs, y: ys };
  const keep = Array.from({ length: points }, (_, i) => Math.round((i * (xs.length - 1)) / (points - 1)));
  return { x: keep.map((i) => xs[i]!), y: keep.map((i) => ys[i]!) };
}

function round(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

/** Runs the whole evaluate stage. */
export async function runEvaluation(options: EvaluateOptions): Promise<EvaluationResult> {
  const { policy, logger } = options;
  const contract = options.contractPath === undefined ? undefined : await loadContract(options.contractPath);
  const target = options.target ?? contract?.columns.find((column) => column.roles.includes("target"))?.name;
  if (target === undefined)
    throw new UserError("no target column", {
      hint: "set evaluate.target in modelship.yaml (or --target), or give the data contract a column with role target",
    });
  if (options.dataFiles.length === 0)
    throw new UserError("no test data", {
      hint: "set data.test or evaluate.data in modelship.yaml, the `data` input, or pass the file to `modelship evaluate`",
    });

  const loadOptions = { features: options.features, outputs: options.outputs, threads: options.threads, task: options.task };
  const model = await loadModel({ path: options.modelPath, ...loadOptions, setting: MODEL_SETTING });
  let champion: LoadedModel | undefined;
  let championFile: string | undefined;
  try {
    championFile = await championPath(options);
    champion =
      championFile === undefined
        ? undefined
        : await loadModel({ path: championFile, ...loadOptions, role: "champion", setting: CHAMPION_SETTING });
  } catch (error) {
    await model.release();
    throw error;
  }
  const models = champion === undefined ? [model] : [model, champion];
  try {
    const kind = taskOf(options, model);
    const notes: string[] = [];
    const sensitive = kind === "classification" ? sensitiveColumns(policy, contract, notes) : [];
    logger.info(
      `Evaluating ${options.modelPath}${champion ? ` against the champion ${championFile}` : ""} on ${options.dataFiles.join(", ")} (target ${target}).`,
    );
    // Group names of a sensitive column marked `redact: true` become pseudonyms (docs/privacy.md#redaction).
    const redactor = redactorFor(contract, { scan: false });
    const collected = await collectPredictions({
      files: options.dataFiles,
      contract,
      target,
      regression: kind === "regression",
      models,
      sensitive,
      batchSize: options.batchSize,
      sample: evaluationSample(policy, models),
    });
    if (collected.rows === 0)
      throw new UserError(
        `the test data has no rows${collected.skippedRows > 0 ? ` with a value in "${target}" (${collected.skippedRows} rows have none)` : ""}`,
        { file: options.dataFiles[0], hint: "evaluate on a file with labelled rows" },
      );
    const shownGroups = redactGroups(collected.sensitive, redactor);
    return await evaluateCollected(options, {
      model,
      champion,
      championFile,
      collected,
      target,
      sensitive,
      notes,
      redactor,
      shownGroups,
      contract,
    });
  } finally {
    for (const loaded of models) await loaded.release();
  }
}

interface Context {
  model: LoadedModel;
  champion?: LoadedModel;
  championFile?: string;
  collected: Collected;
  target: string;
  sensitive: SensitiveColumn[];
  notes: string[];
  redactor: Redactor;
  /** Group names of redacted sensitive columns, raw to shown. */
  shownGroups: Map<string, Map<string, string>>;
  contract: DataContract | undefined;
}

/**
 * Replaces the group names of redacted sensitive columns by their pseudonyms (numbered
 * `[redacted N]` without a key, so groups stay apart); returns each such column's names, raw to shown.
 */
function redactGroups(groups: Map<string, (string | null)[]>, redactor: Redactor): Map<string, Map<string, string>> {
  const shown = new Map<string, Map<string, string>>();
  for (const [name, values] of groups) {
    if (!redactor.redacts(name)) continue;
    const labels = redactor.labels(
      name,
      values.filter((value) => value !== null),
    );
    shown.set(name, labels);
    groups.set(
      name,
      values.map((value) => (value === null ? null : labels.get(value)!)),
    );
  }
  return shown;
}

/** `fairness.privileged` with the group names of redacted columns as shown, so they still name a group. */
function redactPrivileged(
  privileged: Record<string, string>,
  specs: GroupingSpec[],
  shown: Map<string, Map<string, string>>,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [grouping, label] of Object.entries(privileged)) {
    const columns = specs.find((spec) => spec.name === grouping)?.columns ?? [];
    const parts = columns.length > 1 ? label.split(" & ") : [label];
    out[grouping] =
      parts.length === columns.length
        ? parts
            .map((part, i) => {
              const names = shown.get(columns[i]!);
              return names === undefined ? part : (names.get(part) ?? redactor.hide(part));
            })
            .join(" & ")
        : label;
  }
  return out;
}

async function evaluateCollected(options: EvaluateOptions, context: Context): Promise<EvaluationResult> {
  const { policy, logger } = options;
  const { model, champion, collected } = context;
  const classSettings = {
    classes: options.classes,
    positiveLabel: options.positiveLabel,
    threshold: options.threshold,
    modelPath: options.modelPath,
  };
  let challengerData: ModelData;
  let championData: ModelData | undefined;
  let classes: string[] | undefined;
  let resolved: ReturnType<typeof resolveClasses> | undefined;
  let task: Task;
  if (collected.yValues !== undefined) {
    task = "regression";
    const y = collected.yValues.values();
    const predOf = (index: number) => {
      const values = collected.outputs[index]!.values;
      if (values === undefined)
        throw new UserError("the model gives no regression output", {
          file: index === 0 ? options.modelPath : context.championFile,
          hint: "name it in evaluate.outputs.value",
        });
      return values.values();
    };
    challengerData = { kind: "regression", data: { y, pred: predOf(0) } };
    if (champion !== undefined) championData = { kind: "regression", data: { y, pred: predOf(1) } };
  } else {
    const outputs = collected.outputs[0]!;
    resolved = resolveClasses(collected, outputs, model.classLabels, classSettings);
    classes = resolved.classes;
    task = classes.length === 2 ? "binary" : "multiclass";
    challengerData = { kind: "classification", data: classificationData(resolved, outputs, resolved.columnOrder, classSettings) };
    if (champion !== undefined) {
      const theirs = collected.outputs[1]!;
      const order = champion.classLabels ?? classesFromLabelOutput(theirs) ?? resolved.columnOrder;
      championData = {
        kind: "classification",
        data: classificationData(resolved, theirs, order, { ...classSettings, modelPath: context.championFile! }),
      };
    }
  }
  const rules =
    policy.champion?.source === undefined ? [] : (policy.champion.rules ?? defaultChampionRules(task, policy.champion.severity));
  // Usual before a model's first release, so said as a state, with the file and key that name one later.
  const inline = policy.source?.endsWith("(gates)") === true;
  const skippedChampion =
    policy.champion !== undefined && policy.champion.source === undefined
      ? `No champion model yet, so the champion rules were skipped (expected before the first release). ` +
        `After it, set ${inline ? "gates.champion.release" : "champion.release"}: latest in ${inline ? policy.source!.replace(/ \(gates\)$/, "") : (policy.source ?? "the gate policy")} ` +
        "to compare each candidate with the newest release (or champion.model: PATH, or --champion / the champion input)."
      : undefined;
  if (skippedChampion !== undefined) logger.info(skippedChampion);
  checkPolicyFitsTask(policy, task, rules);

  const hasProba = challengerData.kind === "classification" && challengerData.data.proba !== undefined;
  const missingReason = (metric: MetricName) =>
    NEEDS_PROBA.has(metric) && !hasProba
      ? "the model gives labels only, no probabilities"
      : "undefined on this test set (e.g. a class with no rows or no predictions)";
  const headline = HEADLINE[task];
  const wanted = [...new Set([...headline, ...policy.quality.map((gate) => gate.metric)])];
  const point = prepareMetrics(challengerData, wanted)();
  const championPoint = championData === undefined ? undefined : prepareMetrics(championData, wanted)();

  const { resamples, seed, confidence } = policy.bootstrap;
  logger.info(
    `Bootstrap: ${resamples} resamples (seed ${seed}) of ${collected.rows.toLocaleString("en-US")} rows${task === "regression" ? "" : ", stratified by label"}.`,
  );
  const intervals = await metricIntervals({
    challenger: challengerData,
    champion: championData,
    metrics: wanted.filter((name) => point[name] !== undefined),
    differences: rules.map((rule) => rule.metric),
    resamples,
    seed,
    confidence,
  });

  // Fairness: binary classifiers only (a favourable outcome is needed).
  const notes = [...context.notes, ...(skippedChampion === undefined ? [] : [skippedChampion])];
  let fairness: ReturnType<typeof evaluateFairness> = [];
  if (task === "binary" && context.sensitive.length > 0 && challengerData.kind === "classification") {
    const specs: GroupingSpec[] = [
      ...context.sensitive.map((column) => ({ name: column.name, columns: [column.name] })),
      ...policy.fairness.intersections.map((columns) => ({ name: columns.join(" & "), columns })),
    ];
    for (const spec of specs)
      for (const column of spec.columns)
        if (!collected.sensitive.has(column))
          throw new UserError(`intersection ${spec.name} names "${column}", which is not a sensitive column`, {
            file: policy.source,
            pointer: "/fairness/intersections",
            hint: `list it under fairness.sensitive too (sensitive: ${context.sensitive.map((c) => c.name).join(", ")})`,
          });
    checkGroupingNames(
      policy,
      specs.map((spec) => spec.name),
    );
    for (const column of context.sensitive) {
      const groups = new Set(collected.sensitive.get(column.name)).size;
      if (groups > MAX_GROUPS)
        throw new UserError(`sensitive column "${column.name}" has ${groups} distinct values: that many groups cannot be judged`, {
          file: policy.source,
          pointer: "/fairness/sensitive",
          hint: `give gates.fairness.bins.${column.name} to group a numeric column by range, or remove it from fairness.sensitive`,
        });
    }
    const toUint8 = (values: Int32Array) => Uint8Array.from(values);
    fairness = evaluateFairness({
      specs,
      values: collected.sensitive,
      y: toUint8(challengerData.data.y),
      pred: toUint8(challengerData.data.pred),
      ...(championData?.kind === "classification" ? { championPred: toUint8(championData.data.pred) } : {}),
      minGroupSize: policy.fairness.minGroupSize,
      method: policy.fairness.method,
      agg: policy.fairness.agg,
      privileged: redactPrivileged(policy.fairness.privileged, specs, context.shownGroups, context.redactor),
      resamples: policy.fairness.resamples,
      seed,
      confidence,
      file: options.dataFiles[0],
      policyFile: policy.source,
    });
    const needPrivileged = policy.fairness.gates
      .filter((gate) => gate.metric === "disparate_impact" || gate.metric === "statistical_parity_difference")
      .map((gate) => gate.metric);
    const without = specs.filter((spec) => policy.fairness.privileged[spec.name] === undefined).map((spec) => spec.name);
    if (needPrivileged.length > 0 && without.length > 0)
      notes.push(
        `${[...new Set(needPrivileged)].join(" and ")} compare each group with a privileged one, so they are gated only where gates.fairness.privileged names it (not for ${without.join(", ")}).`,
      );
  } else if (task !== "binary" && (policy.fairness.sensitive?.length ?? 0) > 0) {
    notes.push(`Fairness gates need a binary classifier (a favourable outcome); this model is ${task}.`);
  }

  // Champion comparison: paired tests on the same rows.
  let championSection: GateReport["champion"];
  if (champion !== undefined && championData !== undefined && championPoint !== undefined) {
    const comparisons: ChampionComparison[] = [...new Set([...rules.map((rule) => rule.metric), ...headline])].map((metric) => {
      const ours = point[metric];
      const theirs = championPoint[metric];
      const ci = intervals.difference.get(metric);
      const comparison: ChampionComparison = {
        metric,
        challenger: round(ours),
        champion: round(theirs),
        difference: ours === undefined || theirs === undefined ? null : ours - theirs,
        ...(ci === undefined ? {} : { ci }),
      };
      if (challengerData.kind === "classification" && championData.kind === "classification") {
        const a = championData.data;
        const b = challengerData.data;
        if (metric === "accuracy") {
          const test = mcnemar({
            championCorrect: Uint8Array.from(a.pred, (p, r) => (p === a.y[r] ? 1 : 0)),
            challengerCorrect: Uint8Array.from(b.pred, (p, r) => (p === b.y[r] ? 1 : 0)),
          });
          comparison.test = {
            name: "mcnemar",
            pValue: test.pValue,
            method: test.method,
            ...(test.statistic === undefined ? {} : { statistic: test.statistic }),
          };
        }
        const positives = b.y.reduce((sum, label) => sum + label, 0);
        // DeLong's variance needs two rows of each class.
        if (
          metric === "roc_auc" &&
          task === "binary" &&
          a.proba !== undefined &&
          b.proba !== undefined &&
          positives >= 2 &&
          b.y.length - positives >= 2
        ) {
          const positive = (proba: Float64Array) => Float64Array.from({ length: proba.length / 2 }, (_, r) => proba[r * 2 + 1]!);
          const test = delong({ y01: b.y, scoreA: positive(a.proba), scoreB: positive(b.proba), confidence });
          comparison.test = { name: "delong", statistic: test.z, pValue: test.pValue };
        }
      }
      return comparison;
    });
    championSection = {
      source: championSourceText(policy.champion!.source!),
      path: champion.path,
      sha256: champion.sha256,
      metrics: Object.fromEntries(headline.map((metric) => [metric, round(championPoint[metric])])),
      comparisons,
    };
  }

  const explained = await explainModel({
    policy,
    contract: context.contract,
    model,
    collected,
    task,
    data: challengerData,
    ...(resolved === undefined ? {} : { classes: { resolved, settings: classSettings } }),
    batchSize: options.batchSize,
    notes,
    logger,
  });
  const gates = evaluateGates({
    policy,
    task,
    rows: collected.rows,
    metrics: point,
    metricCi: intervals.metric,
    missingReason,
    fairness,
    ...(championPoint === undefined ? {} : { champion: { rules, metrics: championPoint, differenceCi: intervals.difference } }),
  });
  if (explained !== undefined) gates.push(...explained.gates);
  const operational = await measureModels({
    policy,
    model,
    ...(champion === undefined ? {} : { champion }),
    ...(collected.sample === undefined ? {} : { sample: collected.sample }),
    ...(options.operationalProbe === undefined ? {} : { probe: options.operationalProbe }),
    notes,
    logger,
  });
  if (operational !== undefined) gates.push(...operational.gates);
  const verdict = verdictOf(gates);

  const report: GateReport = {
    schema: "modelship/gate-report@1",
    tool: { name: "modelship", version: options.toolVersion },
    created: new Date().toISOString(),
    ...(options.modelName === undefined ? {} : { modelName: options.modelName }),
    verdict,
    passed: verdict !== "fail",
    summary: summarize(gates),
    model: {
      path: options.modelPath,
      sha256: model.sha256,
      bytes: model.bytes,
      format: "onnx",
      task,
      ...(classes === undefined ? {} : { classes }),
      ...(task === "binary" ? { positiveLabel: classes![1]!, threshold: options.threshold } : {}),
      outputs: Object.fromEntries(Object.entries(model.outputs).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
      inputs: model.signature.inputs,
    },
    data: { files: collected.files, rows: collected.rows, target: context.target, skippedRows: collected.skippedRows },
    policy: { ...(policy.source === undefined ? {} : { source: policy.source }), sha256: sha256Of(JSON.stringify(policy)) },
    randomness: {
      bootstrapSeed: policy.bootstrap.seed,
      resamples: policy.bootstrap.resamples,
      confidence,
      method: "percentile",
      stratifiedBy: task === "regression" ? "none" : "label",
      fairnessResamples: task === "binary" ? policy.fairness.resamples : 0,
    },
    environment: { node: process.version, onnxruntime: await onnxRuntimeVersion(), platform: `${process.platform}-${process.arch}` },
    metrics: Object.fromEntries(
      wanted.map((metric) => {
        const ci = intervals.metric.get(metric);
        const value = point[metric];
        return [
          metric,
          { value: round(value), ...(ci === undefined ? {} : { ci }), ...(value === undefined ? { reason: missingReason(metric) } : {}) },
        ];
      }),
    ),
    fairness: fairness.map((evaluation) => ({
      grouping: evaluation.grouping.name,
      columns: evaluation.grouping.columns,
      ...(evaluation.options.privileged === undefined ? {} : { privileged: evaluation.options.privileged }),
      overall: Object.fromEntries(Object.entries(evaluation.result.overall.rates).map(([rate, value]) => [rate, round(value)])),
      groups: evaluation.result.groups.map((group) => {
        const ci = Object.fromEntries(
          Object.keys(group.rates).flatMap((rate) => {
            const interval = evaluation.rateCi.get(`${group.label}\u0000${rate}`);
            return interval === undefined || group.rates[rate as keyof typeof group.rates] === undefined ? [] : [[rate, interval]];
          }),
        );
        return {
          label: group.label,
          count: group.count,
          small: group.small,
          rates: Object.fromEntries(Object.entries(group.rates).map(([rate, value]) => [rate, round(value)])),
          ...(Object.keys(ci).length === 0 ? {} : { ci }),
        };
      }),
      metrics: Object.fromEntries(
        Object.entries(evaluation.result.metrics).map(([name, figure]) => {
          const ci = evaluation.metricCi.get(name);
          return [
            name,
            {
              value: round(figure.value),
              ...(ci === undefined ? {} : { ci }),
              ...(figure.reason === undefined ? {} : { reason: figure.reason }),
              groups: figure.groups,
              excluded: figure.excluded,
              ...(figure.worst === undefined ? {} : { worst: figure.worst }),
            },
          ];
        }),
      ),
    })),
    notes,
    ...(championSection === undefined ? {} : { champion: championSection }),
    ...(explained === undefined ? {} : { explanations: explained.section }),
    ...(operational === undefined ? {} : { operational: operational.section }),
    gates,
  };
  if (challengerData.kind === "classification") {
    const data = challengerData.data;
    report.confusionMatrix = { labels: classes!, matrix: confusionMatrix(data) };
    if (task === "binary" && data.proba !== undefined) {
      const y01 = Uint8Array.from(data.y);
      const score = Float64Array.from({ length: data.y.length }, (_, r) => data.proba![r * 2 + 1]!);
      const roc = rocCurve(y01, score);
      const thinned = thin(roc.fpr, roc.tpr, 101);
      const bins = calibrationBins(y01, score);
      report.curves = {
        roc: { fpr: thinned.x, tpr: thinned.y },
        calibration: { meanPredicted: bins.meanPredicted, fractionPositive: bins.fractionPositive, count: bins.weight },
      };
    }
  }
  assertWritable(reportSchema, report, "gate report");

  const markdown = renderGateReport(report, { runUrl: options.runUrl });
  const reportPath = join(options.reportDir, "gate-report.json");
  const markdownPath = join(options.reportDir, "gate-report.md");
  const outputs = new OutputSet();
  outputs.add(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  outputs.add(markdownPath, `${markdown}\n`);
  await outputs.commit();
  logger.info(
    `Verdict: ${verdict} (${report.summary.pass} passed, ${report.summary.warn} warnings, ${report.summary.fail} failed, ${report.summary.insufficient_data} without enough data). Report: ${reportPath}`,
  );
  return { report, reportPath, markdownPath, markdown, passed: passes(verdict, options.failOn) };
}

function championSourceText(source: ChampionSource): string {
  return source.kind === "model" ? "model file" : source.kind === "release" ? `release ${source.version}` : "production";
}
