import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  describeOperationalGate,
  evaluateOperationalGates,
  formatFigure,
  operationalMarkdown
} from "./chunk-Z64YVPXU.js";
import {
  buildFeeds,
  checkColumns,
  loadModel
} from "./chunk-UQYGI3RK.js";
import {
  openRunRegistry
} from "./chunk-FGAOEPT5.js";
import {
  gate_report_schema_default
} from "./chunk-52YBHNOW.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  threadCount
} from "./chunk-MAHMYA47.js";
import {
  loadContract,
  readOptionsFor
} from "./chunk-WC5L3K5J.js";
import {
  METRIC_LABELS,
  checkPolicyFitsTask,
  checkThreshold,
  describeThreshold,
  evaluateGates,
  metricMisfit,
  passes,
  summarize,
  verdictOf
} from "./chunk-DPH7L46L.js";
import {
  fetchModel,
  shortDigest
} from "./chunk-OXQJNLJL.js";
import {
  resolveEvaluateSettings
} from "./chunk-HWW2H3QW.js";
import {
  byCodeUnit
} from "./chunk-4LQGMG53.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  OutputSet
} from "./chunk-L4AE6QMJ.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  FAIRNESS_METRIC_NAMES,
  GROUP_RATES,
  assertSeveralGroups,
  buildGrouping,
  defaultChampionRules,
  fairnessFromCells,
  groupCells
} from "./chunk-YVAZ7I5R.js";
import {
  assertWritable
} from "./chunk-RGJ5T3QL.js";
import {
  drawInto,
  groupStrata,
  multinomial,
  percentileInterval,
  prepareMetrics,
  quantileOfSorted,
  replicateRunner,
  statisticCount
} from "./chunk-XBCDKXLE.js";
import {
  HIGHER_IS_BETTER,
  NEEDS_PROBA,
  RankedScores,
  calibrationBins,
  confusionMatrix,
  radixSortFloat64,
  rocCurve
} from "./chunk-NP3NC7G4.js";
import {
  delong,
  mcnemar
} from "./chunk-OBDTE6IB.js";
import {
  loadOnnxRuntime,
  onnxRuntimeVersion
} from "./chunk-DBOFCCL4.js";
import {
  code,
  details,
  escapeMarkdown,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";
import {
  aliasMap,
  applyAlias,
  coerceValue,
  showValue
} from "./chunk-CEPJPHC5.js";
import {
  openTable
} from "./chunk-WP7KJD34.js";
import {
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  mulberry32,
  shuffleInPlace,
  streamSeed
} from "./chunk-UO5NOVC6.js";
import {
  progressSink
} from "./chunk-QRTANFC2.js";
import {
  workerEntry
} from "./chunk-Q5UNJRR7.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/evaluate-stage.ts
import { rm } from "node:fs/promises";

// src/stages/champion-store.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function registryChampion(options) {
  return async (source) => {
    if (source.kind === "production") {
      throw new UserError("champion.production is not resolved yet (it will read the stable model from the GitOps repository)", {
        pointer: "/champion/production",
        hint: "give champion.release: a version (or latest) for now"
      });
    }
    const temp = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-champion-"));
    options.temps?.push(temp);
    const dir = join(temp, "model");
    const fetched = await fetchModel({ store: options.store, model: options.model, version: source.version, dir, logger: options.logger });
    options.logger.info(
      `Champion: ${options.model} ${fetched.version} from ${options.store.description}, verified (digest ${shortDigest(fetched.manifest.digest)}).`
    );
    return fetched.modelPath;
  };
}
function runChampionResolver(options) {
  const { loaded, run } = options;
  return async (source) => registryChampion({
    store: openRunRegistry(run, loaded, { registry: options.registry }),
    model: options.model ?? "",
    logger: run.logger,
    ...options.temps === void 0 ? {} : { temps: options.temps }
  })(source);
}

// src/stages/evaluation.ts
import { join as join3 } from "node:path";

// src/gates/explain-markdown.ts
var SHOWN_FEATURES = 20;
var CHART_LABEL = 32;
function flags(row) {
  return [row.sensitive === true ? "\u26A0\uFE0F sensitive" : "", row.proxy === true ? "\u26A0\uFE0F proxy" : ""].filter((flag) => flag !== "").join(", ");
}
function chartLabel(name) {
  return name.length <= CHART_LABEL ? name : `${name.slice(0, CHART_LABEL - 1)}\u2026`;
}
function explanationsMarkdown(section) {
  if (section === void 0) return "";
  const metric = METRIC_LABELS[section.metric] ?? section.metric;
  const level = `${Math.round(section.confidence * 100)}%`;
  const shown = section.features.slice(0, SHOWN_FEATURES);
  const hidden = section.features.length - shown.length;
  const intro = `Drop in ${metric} when a column's values are shuffled across ${formatNumber(section.rows)} sampled rows${section.population > section.rows ? ` (of ${formatNumber(section.population)})` : ""}, the mean of ${section.repeats} permutations` + (section.resamples > 0 ? `; ${level} intervals from ${formatNumber(section.resamples)} bootstrap resamples of the rows and the permutations` : "") + ` (seed ${section.seed}). ${metric} on the sample: ${formatNumber(section.baseline)}. A drop near 0 means the model does not rely on the column.`;
  const anyFlag = shown.some((row) => flags(row) !== "");
  const rows = shown.map((row) => [
    code(row.feature),
    formatNumber(row.importance),
    formatInterval(row.ci),
    formatNumber(row.std),
    ...anyFlag ? [flags(row) || ""] : []
  ]);
  const importanceTable = table(
    ["Column", `Drop in ${escapeMarkdown(metric)}`, `${level} CI`, "Std over permutations", ...anyFlag ? [""] : []],
    rows,
    { align: ["left", "right", "left", "right", ...anyFlag ? ["left"] : []] }
  );
  const more = hidden > 0 ? `_\u2026 and ${hidden} more column${hidden === 1 ? "" : "s"} (every one is in \`gate-report.json\`)._` : "";
  const values = shown.map((row) => row.importance ?? 0);
  const chart = shown.length > 1 ? xyChart({
    title: `Permutation importance (drop in ${metric})`,
    x: shown.map((row) => chartLabel(row.feature)),
    yLabel: `drop in ${metric}`,
    yRange: [Math.min(0, ...values), Math.max(...values, 0) * 1.1 || 1],
    series: [{ kind: "bar", values }],
    horizontal: true
  }) : "";
  return sections("#### What the model relies on: permutation importance", intro, importanceTable, more, chart);
}

// src/gates/gate-markdown.ts
var RATE_LABELS = {
  selection_rate: "Selection rate",
  tpr: "TPR",
  fpr: "FPR",
  fnr: "FNR",
  precision: "Precision",
  accuracy: "Accuracy"
};
function pValue(p) {
  return p < 1e-4 ? "< 0.0001" : `= ${formatNumber(p, 4)}`;
}
var OUTSIDE_MARK = "\u2020";
var OUTSIDE_NOTE = `${OUTSIDE_MARK} The estimate lies outside its interval: the bootstrap distribution of a max or min over groups is biased (resampling widens the gaps between small groups); the interval is the percentile interval of the resamples, read it as their spread. Gates judge the estimate unless they are set on the interval.`;
function outside(value, ci) {
  return typeof value === "number" && ci !== void 0 && (value < ci[0] || value > ci[1]);
}
function intervalCell(value, ci) {
  return `${formatInterval(ci)}${outside(value, ci) ? ` ${OUTSIDE_MARK}` : ""}`;
}
function threshold(gate) {
  const { min, max } = gate.threshold;
  if (gate.id.startsWith("champion:fairness:")) return `worsens by \u2264 ${formatNumber(max ?? 0)}`;
  if (gate.kind === "champion")
    return `\u0394 ${min !== void 0 ? `\u2265 \u2212${formatNumber(Math.abs(min))}` : `\u2264 ${formatNumber(max ?? 0)}`} (${gate.on.replace("_", " ")})`;
  const bound = min !== void 0 && max !== void 0 ? `${formatNumber(min)} \u2013 ${formatNumber(max)}` : min !== void 0 ? `\u2265 ${formatNumber(min)}` : `\u2264 ${formatNumber(max)}`;
  return gate.on === "ci" ? `${bound} (CI)` : gate.on === "not_worse" ? `${bound} (not worse)` : bound;
}
function headline(report) {
  const { summary } = report;
  const total = report.gates.length;
  const name = report.modelName === void 0 ? "model" : code(report.modelName);
  const title = report.verdict === "fail" ? `\u274C ${name} fails ${summary.fail} of ${total} gate${total === 1 ? "" : "s"}` : report.verdict === "warn" ? `\u26A0\uFE0F ${name} passes with ${summary.warn + summary.insufficient_data} warning${summary.warn + summary.insufficient_data === 1 ? "" : "s"}` : `\u2705 ${name} passes ${total === 1 ? "its 1 gate" : `all ${total} gates`}`;
  return `### ${title}`;
}
function context(report) {
  const { randomness } = report;
  const files = report.data.files.map((file) => code(file.path)).join(", ");
  const level = `${Math.round(randomness.confidence * 100)}%`;
  const bootstrap = randomness.resamples > 0 ? `${level} intervals from ${randomness.resamples.toLocaleString("en-US")} ${randomness.stratifiedBy === "label" ? "label-stratified " : ""}bootstrap resamples (seed ${randomness.bootstrapSeed})` : "no bootstrap intervals (resamples: 0)";
  const positive = report.model.task === "binary" ? ` Positive class ${code(report.model.positiveLabel ?? "")} at threshold ${report.model.threshold}.` : "";
  return `**${report.summary.pass} passed \xB7 ${report.summary.warn} warned \xB7 ${report.summary.fail} failed \xB7 ${report.summary.insufficient_data} without enough data.** Model ${code(report.model.path)} (${report.model.task}, sha256 ${code(report.model.sha256.slice(0, 12))}) on ${report.data.rows.toLocaleString("en-US")} rows of ${files}; ${bootstrap}.${positive}`;
}
function gateTable(report) {
  if (report.gates.length === 0) return "_No gates configured: add `gates` to modelship.yaml to decide on this model._";
  const hasChampion = report.gates.some((gate) => gate.championDelta !== void 0);
  const header = [
    "",
    "Gate",
    "Value",
    `${Math.round(report.randomness.confidence * 100)}% CI`,
    "Threshold",
    ...hasChampion ? ["Champion \u0394"] : [],
    "Why"
  ];
  const order = { fail: 0, warn: 1, insufficient_data: 2, pass: 3 };
  const row = (gate) => [
    statusIcon(gate.status),
    escapeMarkdown(gate.name),
    gate.kind === "operational" ? formatFigure(gate.value) : formatNumber(gate.value),
    gate.kind === "operational" ? gate.ci === void 0 ? "\u2014" : `[${formatFigure(gate.ci[0])}, ${formatFigure(gate.ci[1])}]` : intervalCell(gate.value, gate.ci),
    threshold(gate),
    ...hasChampion ? [formatSigned(gate.championDelta)] : [],
    escapeMarkdown(gate.reason)
  ];
  const align = ["center", "left", "right", "left", "left", ...hasChampion ? ["right"] : [], "left"];
  const sorted = [...report.gates].sort((a, b) => order[a.status] - order[b.status]);
  const open = sorted.filter((gate) => gate.status !== "pass");
  const passed = sorted.filter((gate) => gate.status === "pass");
  const note = report.gates.some((gate) => outside(gate.value, gate.ci)) ? OUTSIDE_NOTE : "";
  if (open.length === 0) return sections(table(header, passed.map(row), { align: [...align] }), note);
  return sections(
    table(header, open.map(row), { align: [...align] }),
    passed.length === 0 ? "" : details(`\u2705 ${passed.length} passed gate${passed.length === 1 ? "" : "s"}`, table(header, passed.map(row), { align: [...align] })),
    note
  );
}
function metricsTable(report) {
  const champion = report.champion;
  const comparisons = new Map(champion?.comparisons.map((comparison) => [comparison.metric, comparison]));
  const header = [
    "Metric",
    "Value",
    `${Math.round(report.randomness.confidence * 100)}% CI`,
    ...champion ? ["Champion", "\u0394", "\u0394 CI", "Paired test"] : []
  ];
  const rows = Object.entries(report.metrics).map(([name, estimate]) => {
    const comparison = comparisons.get(name);
    const test = comparison?.test === void 0 ? "\u2014" : `${comparison.test.name === "mcnemar" ? `McNemar${comparison.test.method === "exact" ? " (exact)" : ""}` : "DeLong"} p ${pValue(comparison.test.pValue)}`;
    return [
      METRIC_LABELS[name] ?? name,
      formatNumber(estimate.value),
      formatInterval(estimate.ci),
      ...champion ? [formatNumber(comparison?.champion), formatSigned(comparison?.difference), formatInterval(comparison?.ci), test] : []
    ];
  });
  return table(header, rows, { align: ["left", "right", "left", ...champion ? ["right", "right", "left", "left"] : []] });
}
function fairnessSection(section, confidence) {
  const rates = Object.keys(section.overall);
  const rows = section.groups.map((group) => [
    `${escapeMarkdown(group.label)}${group.label === section.privileged ? " (privileged)" : ""}`,
    `${formatNumber(group.count)}${group.small ? " \u2754" : ""}`,
    ...rates.map((rate) => {
      const ci = group.ci?.[rate];
      return `${formatNumber(group.rates[rate])}${ci === void 0 ? "" : ` <sub>[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]</sub>`}`;
    })
  ]);
  rows.push([
    "**all rows**",
    formatNumber(section.groups.reduce((sum, group) => sum + group.count, 0)),
    ...rates.map((rate) => formatNumber(section.overall[rate]))
  ]);
  const groupsTable = table(["Group", "n", ...rates.map((rate) => RATE_LABELS[rate] ?? rate)], rows, {
    align: ["left", "right", ...rates.map(() => "right")]
  });
  const small = section.groups.filter((group) => group.small);
  const smallNote = small.length === 0 ? "" : `\u2754 ${small.map((group) => escapeMarkdown(group.label)).join(", ")}: too few rows to judge, reported but left out of the disparities.`;
  const disparities = table(
    ["Disparity", "Value", `${Math.round(confidence * 100)}% CI`, "Left out"],
    Object.entries(section.metrics).filter(([, metric]) => metric.value !== null || metric.reason !== "no privileged group configured").map(([name, metric]) => [
      METRIC_LABELS[name] ?? name,
      metric.value === null ? `\u2014 ${escapeMarkdown(metric.reason ?? "")}` : formatNumber(metric.value),
      intervalCell(metric.value, metric.ci),
      metric.excluded.length === 0 ? "\u2014" : escapeMarkdown(metric.excluded.map((entry) => `${entry.label} (${entry.reason})`).join("; "))
    ]),
    { align: ["left", "right", "left", "left"] }
  );
  const shown = section.groups.filter((group) => group.rates.selection_rate !== null).slice(0, 24);
  const chart = shown.length > 1 ? xyChart({
    title: `Selection rate by ${section.grouping}`,
    x: shown.map((group) => group.label),
    yLabel: "selection rate",
    yRange: [0, Math.min(1, Math.max(...shown.map((group) => group.rates.selection_rate ?? 0)) * 1.2 || 1)],
    series: [{ kind: "bar", values: shown.map((group) => group.rates.selection_rate ?? 0) }]
  }) : "";
  const outsideNote = Object.values(section.metrics).some((metric) => outside(metric.value, metric.ci)) ? OUTSIDE_NOTE : "";
  return sections(`#### Fairness by ${code(section.grouping)}`, groupsTable, smallNote, disparities, outsideNote, chart);
}
function rocOnGrid(fpr, tpr, steps = 10) {
  const x = [];
  const y = [];
  for (let i = 0; i <= steps; i++) {
    const at = i / steps;
    let best = 0;
    for (let k = 0; k < fpr.length; k++) if (fpr[k] <= at + 1e-12) best = Math.max(best, tpr[k]);
    x.push(at.toFixed(1));
    y.push(best);
  }
  return { x, y };
}
function curves(report) {
  const parts = [];
  const auc = report.metrics.roc_auc?.value;
  if (report.curves?.roc !== void 0) {
    const grid = rocOnGrid(report.curves.roc.fpr, report.curves.roc.tpr);
    parts.push(
      xyChart({
        title: `ROC curve${auc === null || auc === void 0 ? "" : ` (AUC ${formatNumber(auc)})`}`,
        x: grid.x,
        yLabel: "true positive rate",
        yRange: [0, 1],
        series: [
          { kind: "line", values: grid.y },
          { kind: "line", values: grid.x.map(Number) }
        ]
      })
    );
  }
  const calibration = report.curves?.calibration;
  if (calibration !== void 0 && calibration.meanPredicted.length > 1) {
    const ece = report.metrics.ece?.value;
    parts.push(
      xyChart({
        title: `Calibration${ece === null || ece === void 0 ? "" : ` (ECE ${formatNumber(ece)})`}: observed vs predicted`,
        x: calibration.meanPredicted.map((mean) => mean.toFixed(2)),
        yLabel: "observed share positive",
        yRange: [0, 1],
        series: [
          { kind: "bar", values: calibration.fractionPositive },
          { kind: "line", values: calibration.meanPredicted }
        ]
      })
    );
    parts.push(
      "_Bars: observed share of positives per bin; line: the mean predicted probability (a calibrated model's bars meet the line)._"
    );
  }
  return parts.length === 0 ? "" : sections("#### Curves", ...parts);
}
function confusion(report) {
  const matrix = report.confusionMatrix;
  if (matrix === void 0) return "";
  const rows = matrix.labels.map((label, i) => [`**${escapeMarkdown(label)}**`, ...matrix.matrix[i].map((count) => formatNumber(count))]);
  return details(
    "Confusion matrix (rows: true class, columns: predicted)",
    table(["", ...matrix.labels.map(escapeMarkdown)], rows, { align: ["left", ...matrix.labels.map(() => "right")] })
  );
}
function footer(report, runUrl) {
  const parts = [
    `policy ${report.policy.source === void 0 ? "defaults" : code(report.policy.source)} (sha256 ${code(report.policy.sha256.slice(0, 12))})`,
    `onnxruntime ${report.environment.onnxruntime}`,
    `Node ${report.environment.node}`,
    `modelship ${report.tool.version}`
  ];
  if (runUrl !== void 0) parts.push(`[workflow run](${runUrl})`);
  return `<sub>${parts.join(" \xB7 ")}. The full report is \`gate-report.json\`.</sub>`;
}
function renderGateReport(report, options = {}) {
  const champion = report.champion === void 0 ? "" : `Compared with the champion ${code(report.champion.path)} (${escapeMarkdown(report.champion.source)}, sha256 ${code(report.champion.sha256.slice(0, 12))}) on the same rows: differences are challenger \u2212 champion, with paired bootstrap intervals.`;
  return sections(
    headline(report),
    context(report),
    gateTable(report),
    champion,
    details("Metrics", metricsTable(report), report.verdict !== "pass"),
    ...report.fairness.map((section) => fairnessSection(section, report.randomness.confidence)),
    explanationsMarkdown(report.explanations),
    operationalMarkdown(report.operational),
    report.notes.length === 0 ? "" : report.notes.map((note) => `> \u2139\uFE0F ${escapeMarkdown(note)}`).join("\n"),
    curves(report),
    confusion(report),
    footer(report, options.runUrl)
  );
}

// src/evaluate/classes.ts
function sortLabels(labels) {
  const numeric = labels.every((label) => label.trim() !== "" && Number.isFinite(Number(label)));
  return [...labels].sort(numeric ? (a, b) => Number(a) - Number(b) || byCodeUnit(a, b) : byCodeUnit);
}
function classesFromLabelOutput(outputs) {
  const { probabilities, labelIds, classes } = outputs;
  if (probabilities === void 0 || labelIds === void 0 || classes === void 0) return void 0;
  const order = new Array(classes).fill(void 0);
  const p = probabilities.data;
  const labels = labelIds.data;
  for (let r = 0; r < labelIds.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[r * classes + c] > p[r * classes + best]) best = c;
    if (classes === 2 && p[r * 2] === p[r * 2 + 1]) continue;
    const text2 = outputs.labelTexts.texts[labels[r]];
    if (order[best] === void 0) order[best] = text2;
    else if (order[best] !== text2) return void 0;
  }
  return order.every((text2) => text2 !== void 0) ? order : void 0;
}
function resolveClasses(collected, outputs, modelClassLabels, settings) {
  const targets = collected.targetTexts;
  const width = outputs.classes;
  let classes;
  let origin;
  if (modelClassLabels !== void 0 && (width === void 0 || modelClassLabels.length === width)) {
    classes = [...modelClassLabels];
    origin = "model";
  } else if (settings.classes !== void 0) {
    classes = [...settings.classes];
    origin = "config";
  } else {
    const fromLabels = classesFromLabelOutput(outputs);
    if (fromLabels !== void 0) {
      classes = fromLabels;
      origin = "label-output";
    } else {
      const seen = new Set(targets.texts);
      if (width === void 0) for (const text2 of outputs.labelTexts.texts) seen.add(text2);
      classes = sortLabels([...seen]);
      origin = "sorted-labels";
    }
  }
  if (width !== void 0 && classes.length !== width) {
    throw new UserError(
      `the model gives ${width} probability columns but ${origin === "config" ? "evaluate.classes names" : "the data has"} ${classes.length} classes (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
      {
        file: settings.modelPath,
        hint: "set evaluate.classes to the model's classes in the order of its probability columns"
      }
    );
  }
  const index = new Map(classes.map((label, i) => [label, i]));
  const unseen = targets.texts.map((text2, id) => ({ text: text2, id })).filter(({ text: text2 }) => !index.has(text2));
  if (unseen.length > 0) {
    const first = unseen[0];
    throw new UserError(
      `the data has label${unseen.length === 1 ? "" : "s"} the model does not know: ${unseen.map(({ text: text2, id }) => `${JSON.stringify(text2)} (${targets.counts[id]} rows)`).join(", ")}; first at ${targets.firstSeen[first.id]}`,
      {
        hint: `the model's classes are ${classes.map((c) => JSON.stringify(c)).join(", ")}; map the label with an alias in the data contract (e.g. "<=50K." \u2192 "<=50K"), fix the data, or set evaluate.classes`
      }
    );
  }
  const present = targets.texts.filter((_, id) => targets.counts[id] > 0);
  if (present.length < 2) {
    throw new UserError(
      `the test data has a single class (${JSON.stringify(present[0])}, ${collected.rows} rows): most metrics and every fairness rate need both outcomes`,
      {
        file: collected.files[0]?.path,
        hint: "evaluate on a test set with rows of every class (e.g. a stratified split)"
      }
    );
  }
  const columnOrder = [...classes];
  if (classes.length === 2) {
    const positive = settings.positiveLabel ?? classes[1];
    if (!index.has(positive))
      throw new UserError(
        `positive_label ${JSON.stringify(positive)} is not one of the model's classes (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        { hint: "set --positive-label (the positive-label input, or evaluate.positive_label) to one of them" }
      );
    if (positive === classes[0]) classes = [classes[1], classes[0]];
  } else if (settings.positiveLabel !== void 0) {
    throw new UserError(`positive_label is set but the model has ${classes.length} classes`, {
      hint: "positive_label applies to binary classifiers; remove it"
    });
  }
  const finalIndex = new Map(classes.map((label, i) => [label, i]));
  const targetToClass = Int32Array.from(targets.texts, (text2) => finalIndex.get(text2));
  const ids = collected.yIds.values();
  const y = new Int32Array(ids.length);
  for (let r = 0; r < ids.length; r++) y[r] = targetToClass[ids[r]];
  return { classes, origin, columnOrder, y };
}
function classificationData(resolved, outputs, columnOrder, settings) {
  const { classes, y } = resolved;
  const n = y.length;
  const C = classes.length;
  let proba;
  if (outputs.probabilities !== void 0) {
    const width = outputs.classes ?? C;
    if (width !== C || columnOrder.length !== C) {
      throw new UserError(
        `the model gives ${width} probability columns, but the evaluated model's classes are ${C} (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        {
          file: settings.modelPath,
          hint: "compare models trained on the same classes"
        }
      );
    }
    const sourceColumn = classes.map((label) => columnOrder.indexOf(label));
    if (sourceColumn.some((column) => column < 0))
      throw new UserError(
        `the model's classes (${columnOrder.map((c) => JSON.stringify(c)).join(", ")}) are not the evaluated model's (${classes.map((c) => JSON.stringify(c)).join(", ")})`,
        { file: settings.modelPath, hint: "compare models trained on the same classes" }
      );
    const raw = outputs.probabilities.data;
    proba = new Float64Array(n * C);
    for (let r = 0; r < n; r++) for (let c = 0; c < C; c++) proba[r * C + c] = raw[r * width + sourceColumn[c]];
  }
  const pred = new Int32Array(n);
  if (proba !== void 0) {
    if (C === 2) for (let r = 0; r < n; r++) pred[r] = proba[r * 2 + 1] >= settings.threshold ? 1 : 0;
    else {
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let c = 1; c < C; c++) if (proba[r * C + c] > proba[r * C + best]) best = c;
        pred[r] = best;
      }
    }
  } else if (outputs.labelIds !== void 0) {
    const index = new Map(classes.map((label, i) => [label, i]));
    const toClass = outputs.labelTexts.texts.map((text2, id) => {
      const c = index.get(text2);
      if (c === void 0)
        throw new UserError(
          `the model predicted ${JSON.stringify(text2)} (${outputs.labelTexts.counts[id]} rows, first at ${outputs.labelTexts.firstSeen[id]}), which is not a class of the data or of evaluate.classes`,
          {
            file: settings.modelPath,
            hint: `set evaluate.classes to every class the model can predict (known: ${classes.map((c2) => JSON.stringify(c2)).join(", ")})`
          }
        );
      return c;
    });
    const ids = outputs.labelIds.data;
    for (let r = 0; r < n; r++) pred[r] = toClass[ids[r]];
  } else {
    throw new UserError("the model gives neither class probabilities nor labels", {
      file: settings.modelPath,
      hint: "name its outputs in evaluate.outputs (label, probabilities or score)"
    });
  }
  return { classes: C, y, pred, proba };
}

// src/evaluate/row-reservoir.ts
var RESERVOIR_STREAM = 6168263;
var RowReservoir = class {
  #capacity;
  #random;
  #rows;
  #columns;
  #seen = 0;
  constructor(options) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError(`capacity must be \u2265 1, got ${options.capacity}`);
    this.#capacity = options.capacity;
    this.#random = mulberry32(streamSeed(options.seed, RESERVOIR_STREAM));
    this.#rows = new Int32Array(options.capacity);
    this.#columns = new Map(options.columns.map((name) => [name, []]));
  }
  /** Offers row `r` of a batch (`columns` holds the batch's values) as evaluated row number `index`. */
  offer(index, columns, r) {
    const seen = this.#seen++;
    let slot = seen;
    if (seen >= this.#capacity) {
      slot = Math.floor(this.#random() * (seen + 1));
      if (slot >= this.#capacity) return;
    }
    this.#rows[slot] = index;
    for (const [name, values] of this.#columns) values[slot] = columns.get(name)[r];
  }
  /** The sample, its rows in reading order. */
  sample() {
    const size = Math.min(this.#seen, this.#capacity);
    const order = Array.from({ length: size }, (_, slot) => slot).sort((a, b) => this.#rows[a] - this.#rows[b]);
    return {
      rows: Int32Array.from(order, (slot) => this.#rows[slot]),
      columns: new Map([...this.#columns].map(([name, values]) => [name, order.map((slot) => values[slot])])),
      seen: this.#seen
    };
  }
};

// src/evaluate/collect.ts
var GrowableFloat64 = class {
  data = new Float64Array(1024);
  length = 0;
  push(value) {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  append(values) {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  grow(minimum) {
    const next = new Float64Array(Math.max(minimum, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** The filled part (a view). */
  values() {
    return this.data.subarray(0, this.length);
  }
};
var TextIds = class {
  ids = /* @__PURE__ */ new Map();
  texts = [];
  firstSeen = [];
  counts = [];
  id(text2, where) {
    let id = this.ids.get(text2);
    if (id === void 0) {
      id = this.texts.length;
      this.ids.set(text2, id);
      this.texts.push(text2);
      this.firstSeen.push(where);
      this.counts.push(0);
    }
    this.counts[id]++;
    return id;
  }
};
function binLabel(value, edges) {
  if (value < edges[0]) return `<${edges[0]}`;
  for (let i = 1; i < edges.length; i++) if (value < edges[i]) return `${edges[i - 1]}\u2013${edges[i]}`;
  return `\u2265${edges.at(-1)}`;
}
function text(raw) {
  return raw instanceof Date ? raw.toISOString() : String(raw);
}
function appendPrediction(into, prediction, keep, where) {
  const rows = keep?.length;
  if (prediction.probabilities !== void 0) {
    const classes = prediction.classes ?? 0;
    into.classes ??= classes;
    into.probabilities ??= new GrowableFloat64();
    if (keep === void 0) into.probabilities.append(prediction.probabilities);
    else
      for (let r = 0; r < rows; r++)
        if (keep[r]) into.probabilities.append(prediction.probabilities.subarray(r * classes, (r + 1) * classes));
  }
  if (prediction.labels !== void 0) {
    into.labelIds ??= new GrowableFloat64();
    prediction.labels.forEach((label, r) => {
      if (keep === void 0 || keep[r]) into.labelIds.push(into.labelTexts.id(label, where(r)));
    });
  }
  if (prediction.values !== void 0) {
    into.values ??= new GrowableFloat64();
    prediction.values.forEach((value, r) => {
      if (keep === void 0 || keep[r]) into.values.push(value);
    });
  }
}
async function collectPredictions(options) {
  const readOptions = { ...options.contract ? readOptionsFor(options.contract) : {}, batchSize: options.batchSize ?? 8192 };
  const outputs = options.models.map(() => ({ labelTexts: new TextIds() }));
  const targetTexts = new TextIds();
  const yIds = options.regression ? void 0 : new GrowableFloat64();
  const yValues = options.regression ? new GrowableFloat64() : void 0;
  const sensitive = new Map(options.sensitive.map((column) => [column.name, []]));
  const redactor = redactorFor(options.contract);
  const files = [];
  const reservoir = options.sample === void 0 ? void 0 : new RowReservoir({ capacity: options.sample.rows, ...options.sample });
  let rows = 0;
  let skippedRows = 0;
  const dataColumns = /* @__PURE__ */ new Set();
  const wanted = [
    .../* @__PURE__ */ new Set([
      ...options.models.flatMap((model) => model.requiredColumns),
      options.target,
      ...options.sensitive.map((column) => column.name)
    ])
  ];
  const aliases = new Map(
    wanted.map((name) => {
      const column = options.contract?.columns.find((candidate) => candidate.name === name);
      return [name, column === void 0 ? void 0 : aliasMap(column)];
    })
  );
  for (const path of options.files) {
    const source = await openTable(path, readOptions);
    for (const model of options.models) checkColumns(model, source.columns, path);
    const missing = [options.target, ...options.sensitive.map((column) => column.name)].filter((name) => !source.columns.includes(name));
    if (missing.length > 0) {
      throw new UserError(
        `the data has no column${missing.length === 1 ? "" : "s"} ${missing.map((name) => JSON.stringify(name)).join(", ")} (${missing.includes(options.target) ? "the target" : "a sensitive column"})`,
        {
          file: path,
          line: source.headerLine,
          hint: `the file has ${source.columns.map((name) => JSON.stringify(name)).join(", ")}; set ${missing.includes(options.target) ? "--target (MODELSHIP_TARGET, the target input, or evaluate.target)" : "gates.fairness.sensitive"} to ${missing.length === 1 ? "a column" : "columns"} it has`
        }
      );
    }
    for (const name of source.columns) dataColumns.add(name);
    const indexes = new Map(wanted.map((name) => [name, source.columns.indexOf(name)]));
    let fileRows = 0;
    for await (const batch of source.batches()) {
      const columns = /* @__PURE__ */ new Map();
      for (const name of wanted) {
        const raw = batch.columns[indexes.get(name)];
        const alias = aliases.get(name);
        columns.set(name, alias === void 0 ? raw : raw.map((value) => applyAlias(value, alias)));
      }
      const target = columns.get(options.target);
      let keep;
      for (let r = 0; r < batch.length; r++) {
        if (target[r] !== null) continue;
        keep ??= new Uint8Array(batch.length).fill(1);
        keep[r] = 0;
      }
      const where = (r) => `${path}:${batch.lines[r]}`;
      let index = rows;
      for (let r = 0; r < batch.length; r++) {
        if (keep !== void 0 && !keep[r]) continue;
        reservoir?.offer(index++, columns, r);
        const raw = target[r];
        if (yValues !== void 0) {
          const coerced = coerceValue(raw, "number");
          if (!coerced.ok || typeof coerced.value !== "number") {
            throw new UserError(
              `target "${options.target}": ${redactor.value(options.target, showValue(raw))} ${coerced.ok ? "is not a number" : coerced.reason}`,
              {
                file: path,
                line: batch.lines[r],
                hint: "a regression target must be numeric; fix the value, or set evaluate.task if this is a classifier"
              }
            );
          }
          yValues.push(coerced.value);
        } else {
          yIds.push(targetTexts.id(text(raw), where(r)));
        }
        for (const column of options.sensitive) {
          const value = columns.get(column.name)[r];
          let group = value === null ? null : text(value);
          if (column.bins !== void 0 && value !== null) {
            const coerced = coerceValue(value, "number");
            if (!coerced.ok || typeof coerced.value !== "number")
              throw new UserError(
                `sensitive column "${column.name}": ${redactor.value(column.name, showValue(value))} is not a number, so it cannot be binned`,
                {
                  file: path,
                  line: batch.lines[r],
                  hint: `fix the value, or remove fairness.bins.${column.name}`
                }
              );
            group = binLabel(coerced.value, column.bins);
          }
          sensitive.get(column.name).push(group);
        }
      }
      const kept = keep === void 0 ? batch.length : keep.reduce((sum, flag) => sum + flag, 0);
      skippedRows += batch.length - kept;
      rows += kept;
      fileRows += kept;
      if (kept === 0) continue;
      for (const [m, model] of options.models.entries()) {
        const prediction = await model.predict({ columns, rows: batch.length, lines: batch.lines, file: path });
        appendPrediction(outputs[m], prediction, keep, where);
      }
    }
    const digest = source.digest();
    files.push({ path, sha256: digest?.sha256 ?? "", bytes: digest?.bytes ?? 0, rows: fileRows });
  }
  return {
    rows,
    skippedRows,
    files,
    yIds,
    targetTexts,
    yValues,
    outputs,
    sensitive,
    columns: [...dataColumns],
    ...reservoir === void 0 ? {} : { sample: reservoir.sample() }
  };
}

// src/evaluate/fairness-eval.ts
function resampleCells(cells, random, out) {
  const groups = cells.labels.length;
  const scratch = new Float64Array(4);
  for (let g = 0; g < groups; g++) {
    const own = cells.counts.subarray(g * 4, g * 4 + 4);
    const total = Math.round(own[0] + own[1] + own[2] + own[3]);
    multinomial(random, total, own, scratch);
    out.counts.set(scratch, g * 4);
  }
}
function evaluateFairness(options) {
  return options.specs.map((spec, index) => {
    const grouping = buildGrouping(spec.columns.map((column) => ({ name: column, values: options.values.get(column) })));
    grouping.name = spec.name;
    if (spec.columns.length === 1) assertSeveralGroups(grouping, options.file);
    const privileged = options.privileged[spec.name];
    const fairnessOptions = {
      minGroupSize: options.minGroupSize,
      method: options.method,
      agg: options.agg,
      ...privileged === void 0 ? {} : { privileged }
    };
    if (privileged !== void 0 && !grouping.labels.includes(privileged)) {
      throw new UserError(`privileged group "${privileged}" of "${spec.name}" is not in the data (groups: ${grouping.labels.join(", ")})`, {
        ...options.policyFile === void 0 ? {} : { file: options.policyFile },
        pointer: "/fairness/privileged",
        hint: "name a group label exactly as it appears in the data"
      });
    }
    const cells = groupCells(grouping, options.y, options.pred);
    const result = fairnessFromCells(cells, fairnessOptions);
    const metricCi = /* @__PURE__ */ new Map();
    const rateCi = /* @__PURE__ */ new Map();
    if (options.resamples > 0) {
      const random = mulberry32(streamSeed(options.seed, 1073741824 + index));
      const metricReplicates = FAIRNESS_METRIC_NAMES.map(() => new Float64Array(options.resamples));
      const rateKeys = result.groups.flatMap((group, position) => GROUP_RATES.map((rate) => ({ label: group.label, position, rate })));
      const rateReplicates = rateKeys.map(() => new Float64Array(options.resamples));
      const resampled = { labels: cells.labels, counts: new Float64Array(cells.counts.length) };
      for (let r = 0; r < options.resamples; r++) {
        resampleCells(cells, random, resampled);
        const replicate = fairnessFromCells(resampled, fairnessOptions);
        FAIRNESS_METRIC_NAMES.forEach((name, m) => {
          metricReplicates[m][r] = replicate.metrics[name].value ?? Number.NaN;
        });
        rateKeys.forEach((key, k) => {
          rateReplicates[k][r] = replicate.groups[key.position]?.rates[key.rate] ?? Number.NaN;
        });
      }
      FAIRNESS_METRIC_NAMES.forEach((name, m) => {
        const interval = percentileInterval(metricReplicates[m], options.confidence);
        if (interval !== void 0 && result.metrics[name].value !== void 0) metricCi.set(name, interval);
      });
      rateKeys.forEach((key, k) => {
        const interval = percentileInterval(rateReplicates[k], options.confidence);
        if (interval !== void 0) rateCi.set(`${key.label}\0${key.rate}`, interval);
      });
    }
    const champion = options.championPred === void 0 ? void 0 : fairnessFromCells(groupCells(grouping, options.y, options.championPred), fairnessOptions);
    return { grouping, options: fairnessOptions, result, metricCi, rateCi, champion };
  });
}

// src/evaluate/bootstrap-pool.ts
import { Worker } from "node:worker_threads";
var SHARD_REPLICATES = 25;
var MIN_PARALLEL_DRAWS = 4e6;
async function runReplicates(job, options) {
  const { resamples } = options;
  const statistics = statisticCount(job);
  const replicates = Array.from({ length: statistics }, () => new Float64Array(resamples));
  const shards = Math.ceil(resamples / SHARD_REPLICATES);
  const threads = Math.max(1, Math.min(options.threads, shards));
  const progress = progressSink();
  const parallel = threads > 1 && (options.forceThreads === true || options.rows * resamples >= MIN_PARALLEL_DRAWS);
  if (!parallel) {
    const run = replicateRunner(job);
    for (let shard = 0; shard < shards; shard++) {
      const from = shard * SHARD_REPLICATES;
      const to = Math.min(resamples, from + SHARD_REPLICATES);
      run(from, to).forEach((values, s) => {
        replicates[s].set(values, from);
      });
      progress?.({ task: "bootstrap", done: to, total: resamples, unit: "resamples" });
    }
    return replicates;
  }
  const entry = workerEntry("bootstrap-worker", import.meta.url, "the bootstrap worker");
  const workers = [];
  try {
    await new Promise((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let done = 0;
      let failed = false;
      const fail = (error) => {
        if (failed) return;
        failed = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const send = (worker) => {
        if (next >= shards) return;
        const shard = next++;
        const from = shard * SHARD_REPLICATES;
        worker.postMessage({ shard, from, to: Math.min(resamples, from + SHARD_REPLICATES) });
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(entry, { workerData: job });
        workers.push(worker);
        worker.on("message", (message) => {
          const from = message.shard * SHARD_REPLICATES;
          message.replicates.forEach((values, s) => {
            replicates[s].set(values, from);
          });
          done += message.replicates[0]?.length ?? Math.min(SHARD_REPLICATES, resamples - from);
          finished++;
          progress?.({ task: "bootstrap", done, total: resamples, unit: "resamples" });
          if (finished === shards) resolve();
          else send(worker);
        });
        worker.on("error", fail);
        worker.on("exit", (code2) => {
          if (finished < shards) fail(new Error(`a bootstrap worker thread exited with code ${code2} before its shards were done`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return replicates;
}

// src/evaluate/metric-intervals.ts
function select(model, rows) {
  const n = rows.length;
  if (model.kind === "regression") {
    const y2 = new Float64Array(n);
    const pred2 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y2[i] = model.data.y[rows[i]];
      pred2[i] = model.data.pred[rows[i]];
    }
    return { kind: "regression", data: { y: y2, pred: pred2 } };
  }
  const { classes, y, pred, proba } = model.data;
  const selectedY = new Int32Array(n);
  const selectedPred = new Int32Array(n);
  const selectedProba = proba === void 0 ? void 0 : new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    selectedY[i] = y[r];
    selectedPred[i] = pred[r];
    if (proba !== void 0) for (let c = 0; c < classes; c++) selectedProba[i * classes + c] = proba[r * classes + c];
  }
  return {
    kind: "classification",
    data: { classes, y: selectedY, pred: selectedPred, ...selectedProba === void 0 ? {} : { proba: selectedProba } }
  };
}
function sortRows(challenger, compare, n) {
  let key;
  if (challenger.kind === "regression") key = challenger.data.pred;
  else if (challenger.data.proba !== void 0) {
    const { classes, proba } = challenger.data;
    key = new Float64Array(n);
    for (let i = 0; i < n; i++) key[i] = proba[i * classes + classes - 1];
  }
  let finite = key !== void 0;
  for (let i = 0; i < n && finite; i++) finite = Number.isFinite(key[i]);
  if (!finite) return Int32Array.from({ length: n }, (_, i) => i).sort(compare);
  const order = new Int32Array(radixSortFloat64(key, true).order.buffer);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    const value = key[order[start]] + 0;
    while (end < n && key[order[end]] + 0 === value) end++;
    if (end - start > 1) order.subarray(start, end).sort(compare);
    start = end;
  }
  return order;
}
function rowComparator(models) {
  return (a, b) => {
    for (const model of models) {
      if (model.kind === "regression") {
        const d2 = model.data.pred[b] - model.data.pred[a] || model.data.y[a] - model.data.y[b];
        if (d2 !== 0) return d2;
        continue;
      }
      const { classes, y, pred, proba } = model.data;
      if (proba !== void 0) {
        for (let k = classes - 1; k >= 0; k--) {
          const d2 = proba[b * classes + k] - proba[a * classes + k];
          if (d2 !== 0) return d2;
        }
      }
      const d = y[a] - y[b] || pred[a] - pred[b];
      if (d !== 0) return d;
    }
    return 0;
  };
}
function mergeRows(challenger, champion) {
  const models = champion === void 0 ? [challenger] : [challenger, champion];
  const n = challenger.data.y.length;
  const compare = rowComparator(models);
  const order = sortRows(challenger, compare, n);
  const unitOfRow = new Int32Array(n);
  const firsts = [];
  const counts = [];
  for (let i = 0; i < n; i++) {
    const row = order[i];
    if (i === 0 || compare(order[i - 1], row) !== 0) {
      firsts.push(row);
      counts.push(0);
    }
    unitOfRow[row] = firsts.length - 1;
    counts[counts.length - 1]++;
  }
  const representatives = Int32Array.from(firsts);
  const stratumOf = challenger.kind === "classification" ? challenger.data.y : void 0;
  return {
    challenger: select(challenger, representatives),
    ...champion === void 0 ? {} : { champion: select(champion, representatives) },
    multiplicity: Float64Array.from(counts),
    stratum: stratumOf === void 0 ? new Int32Array(firsts.length) : Int32Array.from(representatives, (r) => stratumOf[r]),
    strata: stratumOf === void 0 ? 1 : challenger.kind === "classification" ? challenger.data.classes : 1,
    unitOfRow
  };
}
function drawPlan(units, options) {
  const unitCount = units.multiplicity.length;
  const rows = units.unitOfRow.length;
  if (unitCount * 4 > rows) {
    const perChunk = Math.max(1, Math.floor((options.maxDrawsPerStream ?? 2 ** 32) / Math.max(1, rows)));
    const { members: members2, offsets } = options.strata === void 0 ? { members: Int32Array.from({ length: rows }, (_, i) => i), offsets: Int32Array.of(0, rows) } : groupStrata(options.strata, rows);
    const unitStart = new Int32Array(unitCount + 1);
    for (let p = 0; p < rows; p++) unitStart[units.unitOfRow[members2[p]] + 1]++;
    let singles = 0;
    for (let u = 0; u < unitCount; u++) if (unitStart[u + 1] === 1) singles++;
    for (let u = 0; u < unitCount; u++) unitStart[u + 1] += unitStart[u];
    const cursor = unitStart.slice(0, unitCount);
    const positions = new Int32Array(rows);
    for (let p = 0; p < rows; p++) positions[cursor[units.unitOfRow[members2[p]]]++] = p;
    const singleUnits = new Int32Array(singles);
    const singlePositions = new Int32Array(singles);
    const multiUnits = new Int32Array(unitCount - singles);
    const multiStart = new Int32Array(unitCount - singles + 1);
    const multiPositions = new Int32Array(rows - singles);
    for (let u = 0, single = 0, multi = 0; u < unitCount; u++) {
      const start = unitStart[u];
      const end = unitStart[u + 1];
      if (end - start === 1) {
        singleUnits[single] = u;
        singlePositions[single++] = positions[start];
      } else {
        multiUnits[multi] = u;
        multiPositions.set(positions.subarray(start, end), multiStart[multi]);
        multiStart[multi + 1] = multiStart[multi] + end - start;
        multi++;
      }
    }
    return { kind: "rows", rows, perChunk, offsets, singleUnits, singlePositions, multiUnits, multiStart, multiPositions };
  }
  const members = Array.from({ length: units.strata }, () => []);
  for (let u = 0; u < unitCount; u++) members[units.stratum[u]].push(u);
  return {
    kind: "units",
    strata: members.map((list) => ({
      list: Int32Array.from(list),
      weights: Float64Array.from(list, (u) => units.multiplicity[u]),
      total: list.reduce((sum, u) => sum + units.multiplicity[u], 0)
    }))
  };
}
async function metricIntervals(options) {
  const result = { metric: /* @__PURE__ */ new Map(), difference: /* @__PURE__ */ new Map() };
  const metrics = [...new Set(options.metrics)];
  const differences = options.champion === void 0 ? [] : [...new Set(options.differences)];
  if (options.resamples <= 0 || metrics.length === 0 && differences.length === 0) return result;
  const units = mergeRows(options.challenger, options.champion);
  const strata = options.challenger.kind === "classification" ? options.challenger.data.y : void 0;
  const draws = drawPlan(units, { maxDrawsPerStream: options.maxDrawsPerStream, ...strata === void 0 ? {} : { strata } });
  const job = {
    draws,
    seed: options.seed,
    unitCount: units.multiplicity.length,
    challenger: units.challenger,
    ...units.champion === void 0 ? {} : { champion: units.champion },
    metrics,
    differences
  };
  const replicates = await runReplicates(job, {
    resamples: options.resamples,
    rows: units.unitOfRow.length,
    threads: options.threads ?? threadCount(),
    forceThreads: options.threads !== void 0
  });
  metrics.forEach((name, i) => {
    const interval = percentileInterval(replicates[i], options.confidence);
    if (interval !== void 0) result.metric.set(name, interval);
  });
  differences.forEach((name, i) => {
    const interval = percentileInterval(replicates[metrics.length + i], options.confidence);
    if (interval !== void 0) result.difference.set(name, interval);
  });
  return result;
}

// src/evaluate/permutation-importance.ts
var PERMUTATION_STREAM = 10373745;
var REPLICATE_STREAM = 10373888;
var REPEAT_DRAW_STREAM = 10373889;
function importancePermutation(seed, repeat, size) {
  const identity = Uint32Array.from({ length: size }, (_, i) => i);
  return shuffleInPlace(identity, mulberry32(streamSeed(seed, PERMUTATION_STREAM + repeat)));
}
function weightedScore(data, metric) {
  const sign = HIGHER_IS_BETTER[metric] ? 1 : -1;
  if (data.kind === "classification" && metric === "roc_auc" && data.data.classes === 2 && data.data.proba !== void 0) {
    const { y, proba } = data.data;
    const ranked = new RankedScores(
      y,
      Float64Array.from({ length: y.length }, (_, r) => proba[r * 2 + 1])
    );
    return (weights) => ranked.auc(weights);
  }
  if (data.kind === "classification" && metric === "accuracy") {
    const { y, pred } = data.data;
    const hit = Uint8Array.from(y, (label, r) => label === pred[r] ? 1 : 0);
    return (weights) => {
      let sum = 0;
      let total = 0;
      if (weights === void 0) {
        for (let r = 0; r < hit.length; r++) sum += hit[r];
        total = hit.length;
      } else
        for (let r = 0; r < hit.length; r++) {
          sum += weights[r] * hit[r];
          total += weights[r];
        }
      return total > 0 ? sum / total : void 0;
    };
  }
  const metrics = prepareMetrics(data, [metric]);
  return (weights) => {
    const value = metrics(weights)[metric];
    return value === void 0 ? void 0 : sign * value;
  };
}
async function permutedData(options, feature, permutation) {
  const { sample, batchSize } = options;
  const size = sample.rows.length;
  const original = sample.columns.get(feature);
  const outputs = { labelTexts: new TextIds() };
  for (let start = 0; start < size; start += batchSize) {
    const end = Math.min(size, start + batchSize);
    const columns = /* @__PURE__ */ new Map();
    for (const [name, values] of sample.columns)
      columns.set(
        name,
        name === feature ? Array.from({ length: end - start }, (_, i) => original[permutation[start + i]]) : values.slice(start, end)
      );
    const prediction = await options.model.predict({ columns, rows: end - start });
    appendPrediction(outputs, prediction, void 0, (r) => `row ${start + r + 1} of the importance sample`);
  }
  return options.toData(outputs);
}
function meanAndStd(values) {
  if (values.length === 0 || values.some((value) => value === void 0)) return { mean: null, std: null };
  const defined = values;
  const mean = defined.reduce((sum, value) => sum + value, 0) / defined.length;
  const variance = defined.reduce((sum, value) => sum + (value - mean) ** 2, 0) / defined.length;
  return { mean, std: Math.sqrt(variance) };
}
function* replicateWeights(seed, size, resamples) {
  const counts = new Int32Array(size);
  const weights = new Float64Array(size);
  let state = streamSeed(seed, REPLICATE_STREAM);
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    state = drawInto(counts, state, 0, size);
    for (let i = 0; i < size; i++) weights[i] = counts[i];
    yield weights;
  }
}
async function permutationImportance(options) {
  const { sample, repeats, resamples, seed, metric } = options;
  const size = sample.rows.length;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats must be \u2265 1, got ${repeats}`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
    throw new RangeError(`batchSize must be \u2265 1, got ${options.batchSize}`);
  const base = weightedScore(options.baseline, metric);
  const baseline = base();
  const permutations = Array.from({ length: repeats }, (_, r) => importancePermutation(seed, r, size));
  const baseReplicates = new Float64Array(resamples);
  {
    let b = 0;
    for (const weights of replicateWeights(seed, size, resamples)) baseReplicates[b++] = base(weights) ?? Number.NaN;
  }
  const repeatDraw = mulberry32(streamSeed(seed, REPEAT_DRAW_STREAM));
  const drawnRepeats = Int32Array.from({ length: resamples * repeats }, () => Math.floor(repeatDraw() * repeats));
  const features = [];
  for (const feature of options.features) {
    const scorers = [];
    for (const permutation of permutations) scorers.push(weightedScore(await permutedData(options, feature, permutation), metric));
    const drops = scorers.map((score) => {
      const permuted = score();
      return baseline === void 0 || permuted === void 0 ? void 0 : baseline - permuted;
    });
    const { mean, std } = meanAndStd(drops);
    let ci;
    if (resamples > 0 && mean !== null) {
      const replicates = new Float64Array(resamples);
      const scored = new Float64Array(repeats);
      let b = 0;
      for (const weights of replicateWeights(seed, size, resamples)) {
        scored.fill(Number.POSITIVE_INFINITY);
        let sum = 0;
        for (let k = 0; k < repeats; k++) {
          const r = drawnRepeats[b * repeats + k];
          if (scored[r] === Number.POSITIVE_INFINITY) scored[r] = scorers[r](weights) ?? Number.NaN;
          sum += baseReplicates[b] - scored[r];
        }
        replicates[b++] = sum / repeats;
      }
      ci = percentileInterval(replicates, options.confidence);
    }
    features.push({
      feature,
      importance: mean,
      std,
      ...ci === void 0 ? {} : { ci },
      drops: drops.map((drop) => drop ?? null)
    });
  }
  return { baseline: baseline === void 0 ? null : (HIGHER_IS_BETTER[metric] ? 1 : -1) * baseline, features };
}

// src/gates/explain-gates.ts
function judged(row, on) {
  if (row.importance === null) return void 0;
  return on === "ci" ? row.ci?.[1] : row.importance;
}
function evaluateExplainGates(inputs) {
  const { explanations, confidence } = inputs;
  const level = `${Math.round(confidence * 100)}%`;
  return inputs.gates.map((gate) => {
    const threshold2 = { max: gate.max };
    const name = `Importance of sensitive columns and proxies ${describeThreshold(threshold2)}${gate.on === "ci" ? ` (upper ${level} CI bound)` : ""}`;
    const common = {
      id: `explain:${gate.explain}`,
      kind: "explain",
      name,
      metric: gate.explain,
      threshold: threshold2,
      on: gate.on,
      n: explanations.rows,
      severity: gate.severity
    };
    const rows = explanations.features.filter((row) => row.sensitive === true || row.proxy === true);
    if (inputs.flagged.length === 0)
      return {
        ...common,
        observed: null,
        value: null,
        status: "insufficient_data",
        reason: "no sensitive column or proxy is named (gates.fairness.sensitive, the contract's role sensitive, or explain.proxies)"
      };
    if (rows.length === 0)
      return {
        ...common,
        observed: 0,
        value: 0,
        status: gate.max >= 0 ? "pass" : gate.severity,
        reason: `the model reads none of ${inputs.flagged.join(", ")}, so their importance is 0`
      };
    const undefinedRow = rows.find((row) => judged(row, gate.on) === void 0);
    const worst = undefinedRow ?? rows.reduce((a, b) => judged(b, gate.on) > judged(a, gate.on) ? b : a);
    const decided = checkThreshold({
      value: worst.importance ?? void 0,
      ci: worst.ci,
      reason: `the importance of ${worst.feature} is undefined (the ${explanations.metric} is undefined on the sample)`,
      threshold: threshold2,
      on: gate.on,
      severity: gate.severity,
      confidence
    });
    const others = rows.length > 1 ? `; the largest of ${rows.map((row) => row.feature).join(", ")}` : "";
    return {
      ...common,
      value: worst.importance,
      ...worst.ci === void 0 ? {} : { ci: worst.ci },
      ...decided,
      reason: `${worst.feature} (${worst.sensitive === true ? "sensitive" : "proxy"}, drop in ${explanations.metric} ${formatNumber(worst.importance)}): ${decided.reason}${others}`
    };
  });
}

// src/stages/evaluation-explain.ts
function importanceMetric(inputs) {
  const { policy, task, data } = inputs;
  const hasProba = data.kind === "classification" && data.data.proba !== void 0;
  const metric = policy.explain.metric ?? (task === "regression" ? "r2" : task === "binary" && hasProba ? "roc_auc" : "accuracy");
  const misfit = metricMisfit(metric, task);
  if (misfit !== void 0)
    throw new UserError(`explain.metric "${metric}" does not apply to a ${task} model`, {
      file: policy.source,
      pointer: "/explain/metric",
      hint: misfit
    });
  if (NEEDS_PROBA.has(metric) && !hasProba)
    throw new UserError(`explain.metric "${metric}" needs probabilities, and the model gives labels only`, {
      file: policy.source,
      pointer: "/explain/metric",
      hint: "use accuracy (or another label metric), or export the model with its probability output"
    });
  return metric;
}
function subset(data, rows) {
  if (data.kind === "regression")
    return {
      kind: "regression",
      data: { y: Float64Array.from(rows, (r) => data.data.y[r]), pred: Float64Array.from(rows, (r) => data.data.pred[r]) }
    };
  const { classes, y, pred, proba } = data.data;
  const picked = proba === void 0 ? void 0 : new Float64Array(rows.length * classes);
  if (picked !== void 0)
    rows.forEach((r, i) => {
      picked.set(proba.subarray(r * classes, (r + 1) * classes), i * classes);
    });
  return {
    kind: "classification",
    data: {
      classes,
      y: Int32Array.from(rows, (r) => y[r]),
      pred: Int32Array.from(rows, (r) => pred[r]),
      ...picked ? { proba: picked } : {}
    }
  };
}
function sensitiveNames(policy, contract) {
  return [
    .../* @__PURE__ */ new Set([
      ...policy.fairness.sensitive ?? [],
      ...(contract?.columns ?? []).filter((column) => column.roles.includes("sensitive")).map((column) => column.name)
    ])
  ];
}
async function explainModel(inputs) {
  const { policy, model, collected, notes } = inputs;
  const sample = collected.sample;
  if (!policy.explain.enabled || sample === void 0) return void 0;
  policy.explain.proxies.forEach((proxy, i) => {
    if (!collected.columns.includes(proxy))
      throw new UserError(`explain.proxies names "${proxy}", which is not a column of the test data`, {
        file: policy.source,
        pointer: `/explain/proxies/${i}`,
        hint: `name columns the data has (${collected.columns.map((name) => JSON.stringify(name)).join(", ")})`
      });
  });
  const metric = importanceMetric(inputs);
  const features = model.requiredColumns;
  const sensitive = new Set(sensitiveNames(policy, inputs.contract));
  const proxies = new Set(policy.explain.proxies);
  const unread = [.../* @__PURE__ */ new Set([...sensitive, ...proxies])].filter((name) => !features.includes(name));
  if (unread.length > 0)
    notes.push(
      `${unread.join(", ")} (${unread.length === 1 ? "a sensitive column or proxy" : "sensitive columns or proxies"}) ${unread.length === 1 ? "is" : "are"} not an input of the model, so ${unread.length === 1 ? "its" : "their"} permutation importance is 0; the model may still learn ${unread.length === 1 ? "it" : "them"} through other columns.`
    );
  const { repeats, resamples } = policy.explain;
  const { seed, confidence } = policy.bootstrap;
  inputs.logger.info(
    `Permutation importance (${metric}): ${sample.rows.length.toLocaleString("en-US")} sampled rows \xD7 ${repeats} repeats \xD7 ${features.length} columns, ${resamples} resamples (seed ${seed}).`
  );
  const ys = subset(inputs.data, sample.rows);
  const toData = (outputs) => {
    if (ys.kind === "regression") return { kind: "regression", data: { y: ys.data.y, pred: outputs.values.values().slice() } };
    const { resolved, settings } = inputs.classes;
    return {
      kind: "classification",
      data: classificationData({ ...resolved, y: ys.data.y }, outputs, resolved.columnOrder, settings)
    };
  };
  const started = performance.now();
  const result = await permutationImportance({
    sample,
    features,
    model,
    baseline: ys,
    toData,
    metric,
    repeats,
    batchSize: inputs.batchSize,
    seed,
    resamples,
    confidence
  });
  inputs.logger.info(`Permutation importance took ${((performance.now() - started) / 1e3).toFixed(2)} s.`);
  const rows = result.features.map((feature) => ({
    feature: feature.feature,
    importance: feature.importance,
    std: feature.std,
    ...feature.ci === void 0 ? {} : { ci: feature.ci },
    ...sensitive.has(feature.feature) ? { sensitive: true } : {},
    ...proxies.has(feature.feature) ? { proxy: true } : {}
  })).sort((a, b) => (b.importance ?? -Infinity) - (a.importance ?? -Infinity) || a.feature.localeCompare(b.feature));
  const section = {
    method: "permutation_importance",
    metric,
    baseline: result.baseline,
    rows: sample.rows.length,
    population: sample.seen,
    repeats,
    resamples,
    confidence,
    seed,
    features: rows
  };
  const gates = evaluateExplainGates({
    gates: policy.explain.gates,
    explanations: section,
    flagged: [.../* @__PURE__ */ new Set([...sensitive, ...proxies])],
    confidence
  });
  return { section, gates };
}

// src/stages/evaluation-operational.ts
import { availableParallelism, cpus } from "node:os";

// src/evaluate/operational-onnx.ts
import { fork } from "node:child_process";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join as join2 } from "node:path";
var PREPARED_CALLS = 16;
var MEMORY_WARMUP = 3;
async function modelBytes(model) {
  let bytes = model.bytes;
  for (const location of model.externalData) {
    try {
      bytes += (await stat(join2(dirname(model.path), location))).size;
    } catch {
    }
  }
  return bytes;
}
async function onnxSubject(model, sample, batches) {
  const rows = sample.values().next().value?.length ?? 0;
  if (rows === 0) throw new RangeError("the operational sample has no rows");
  const bytes = await modelBytes(model);
  let prepared;
  const prepare = () => prepared ??= (async () => {
    const ort = await loadOnnxRuntime();
    const byBatch = /* @__PURE__ */ new Map();
    for (const batch of batches) {
      const size = Math.max(batch, model.fixedBatch ?? 0);
      const feeds = [];
      for (let call = 0; call < PREPARED_CALLS; call++) {
        const first = call * batch % rows;
        const picked = Array.from({ length: batch }, (_, i) => (first + i) % rows);
        const columns = new Map(model.requiredColumns.map((name) => [name, picked.map((r) => sample.get(name)[r])]));
        feeds.push(buildFeeds(ort, model.inputs, { columns, rows: batch }, 0, batch, size));
      }
      byBatch.set(batch, feeds);
    }
    return byBatch;
  })();
  return {
    bytes,
    parameters: model.parameters,
    async peakMemory() {
      const byBatch = await prepare();
      return measureInChild({
        path: model.path,
        ...model.threads === void 0 ? {} : { threads: model.threads },
        warmup: MEMORY_WARMUP,
        fetches: model.fetches,
        calls: [...byBatch.values()].map(
          (feeds) => Object.entries(feeds[0]).map(([name, tensor]) => ({ name, type: tensor.type, dims: [...tensor.dims], data: tensor.data }))
        )
      });
    },
    async open() {
      const byBatch = await prepare();
      const ort = await loadOnnxRuntime();
      const session = await ort.InferenceSession.create(
        model.path,
        model.threads === void 0 ? {} : { intraOpNumThreads: model.threads }
      );
      return {
        async run(batch, call) {
          const feeds = byBatch.get(batch);
          await session.run(feeds[call % feeds.length], model.fetches);
        },
        async release() {
          await session.release();
        }
      };
    }
  };
}
var CHILD_TIMEOUT_MS = 10 * 60 * 1e3;
function measureInChild(request) {
  const entry = fileURLToPath(workerEntry("operational-memory-worker", import.meta.url, "the memory measurement"));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { serialization: "advanced", stdio: ["ignore", "ignore", "pipe", "ipc"], execArgv: [] });
    let stderr = "";
    let settled = false;
    const settle = (action) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill();
      settle(() => {
        reject(new Error(`it took longer than ${CHILD_TIMEOUT_MS / 6e4} minutes`));
      });
    }, CHILD_TIMEOUT_MS);
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2e3);
    });
    child.on("message", (reply) => {
      settle(() => {
        if ("peakBytes" in reply) resolve(reply.peakBytes);
        else reject(new Error(reply.error));
      });
    });
    child.on("error", (error) => {
      settle(() => {
        reject(error);
      });
    });
    child.on("exit", (code2, signal) => {
      settle(() => {
        reject(
          new Error(`its process ended (${signal ?? `exit ${code2}`}) without a reply${stderr.trim() === "" ? "" : `: ${stderr.trim()}`}`)
        );
      });
    });
    child.send(request);
  });
}

// src/evaluate/operational.ts
var OPERATIONAL_STREAM = 780199;
var MIN_CALLS = 5;
var MB = 1e6;
function pooled(rounds, picks, batch) {
  let size = 0;
  for (let i = 0; i < picks.length; i++) size += rounds[picks[i]].length;
  const all = new Float64Array(size);
  let offset = 0;
  let total = 0;
  for (let i = 0; i < picks.length; i++) {
    const round2 = rounds[picks[i]];
    all.set(round2, offset);
    offset += round2.length;
    for (const value of round2) total += value;
  }
  all.sort();
  return {
    p50: quantileOfSorted(all, 0.5),
    p95: quantileOfSorted(all, 0.95),
    p99: quantileOfSorted(all, 0.99),
    throughput: total > 0 ? batch * size * 1e3 / total : Number.NaN
  };
}
var FIGURES = ["p50", "p95", "p99", "throughput"];
function figure(value, ci) {
  return { value: Number.isFinite(value) ? value : null, ...ci === void 0 ? {} : { ci } };
}
function summarize2(timed, batches, options) {
  const rounds = timed[0][0].length;
  const models = timed.length;
  const random = mulberry32(streamSeed(options.seed, OPERATIONAL_STREAM));
  const replicates = rounds > 1 ? options.resamples : 0;
  const draws = timed.map(() => batches.map(() => FIGURES.map(() => new Float64Array(replicates))));
  const ratioDraws = batches.map(() => FIGURES.map(() => new Float64Array(replicates)));
  const picks = new Int32Array(rounds);
  for (let b = 0; b < replicates; b++) {
    for (let i = 0; i < rounds; i++) picks[i] = Math.floor(random() * rounds);
    batches.forEach((batch, k) => {
      const values = timed.map((model) => pooled(model[k], picks, batch));
      values.forEach((value, m) => {
        FIGURES.forEach((name, f) => draws[m][k][f][b] = value[name]);
      });
      if (models === 2) FIGURES.forEach((name, f) => ratioDraws[k][f][b] = values[0][name] / values[1][name]);
    });
  }
  const all = Int32Array.from({ length: rounds }, (_, i) => i);
  const points = timed.map((model) => batches.map((batch, k) => pooled(model[k], all, batch)));
  const latency = timed.map(
    (model, m) => batches.map((batch, k) => {
      const point = points[m][k];
      const ci = (f) => replicates > 0 ? percentileInterval(draws[m][k][f], options.confidence) : void 0;
      return {
        batch,
        p50Ms: figure(point.p50, ci(0)),
        p95Ms: figure(point.p95, ci(1)),
        p99Ms: figure(point.p99, ci(2)),
        throughputRowsPerS: figure(point.throughput, ci(3)),
        calls: model[k].reduce((sum, round2) => sum + round2.length, 0)
      };
    })
  );
  if (models < 2) return { latency };
  const ratios = batches.map((batch, k) => {
    const ci = (f) => replicates > 0 ? percentileInterval(ratioDraws[k][f], options.confidence) : void 0;
    const ratio = (name) => points[0][k][name] / points[1][k][name];
    return {
      batch,
      p50: figure(ratio("p50"), ci(0)),
      p95: figure(ratio("p95"), ci(1)),
      p99: figure(ratio("p99"), ci(2)),
      throughput: figure(ratio("throughput"), ci(3))
    };
  });
  return { latency, ratios };
}
async function openAndWarm(subject, options) {
  const { probe } = options;
  const before = probe.rss();
  const maxBefore = probe.maxRss?.();
  let peak = before;
  const started = probe.now();
  const session = await subject.open();
  const loadMs = probe.now() - started;
  peak = Math.max(peak, probe.rss());
  const pace = [];
  try {
    for (const batch of options.batches) {
      const start = probe.now();
      for (let call = 0; call < options.warmup; call++) {
        await session.run(batch, call);
        peak = Math.max(peak, probe.rss());
      }
      pace.push(options.warmup > 0 ? (probe.now() - start) / options.warmup : 0);
    }
  } catch (error) {
    await session.release();
    throw error;
  }
  const maxAfter = probe.maxRss?.();
  if (maxBefore !== void 0 && maxAfter !== void 0 && maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  return { session, loadMs, peakBytes: Math.max(0, peak - before), pace };
}
function callsWithinBudget(pace, options) {
  const perCall = pace.reduce((sum, ms) => sum + ms, 0);
  if (!(perCall > 0)) return options.calls;
  const fits = Math.floor(options.maxSeconds * 1e3 / (options.rounds * perCall));
  return Math.max(MIN_CALLS, Math.min(options.calls, fits));
}
async function measureOperational(challenger, champion, options) {
  const { probe, batches } = options;
  if (options.rounds < 1 || options.calls < 1 || batches.length === 0) throw new RangeError("rounds, calls and batches must be at least 1");
  const subjects = champion === void 0 ? [challenger] : [challenger, champion];
  const notes = [];
  const isolated = [];
  for (const [m, subject] of subjects.entries()) {
    if (probe.isolateMemory === false || subject.peakMemory === void 0) {
      isolated.push(void 0);
      continue;
    }
    try {
      isolated.push(await subject.peakMemory());
    } catch (error) {
      isolated.push(void 0);
      notes.push(
        `The ${m === 0 ? "model's" : "champion's"} peak memory was read in the evaluating process, where it can read low (its own measurement failed: ${error instanceof Error ? error.message : String(error)}).`
      );
    }
  }
  const opened = [];
  try {
    for (const subject of subjects) opened.push(await openAndWarm(subject, options));
    for (const m of subjects.map((_, i) => i).reverse()) {
      const started = probe.now();
      const again = await subjects[m].open();
      const loadMs = probe.now() - started;
      await again.release();
      opened[m].loadMs = Math.min(opened[m].loadMs, loadMs);
    }
    const calls = callsWithinBudget(
      opened.flatMap((model) => model.pace),
      options
    );
    const timed = subjects.map(() => batches.map(() => []));
    for (let round2 = 0; round2 < options.rounds; round2++) {
      const order = subjects.map((_, m) => m);
      if (round2 % 2 === 1) order.reverse();
      for (const m of order) {
        for (let k = 0; k < batches.length; k++) {
          const times = new Float64Array(calls);
          for (let call = 0; call < calls; call++) {
            const start = probe.now();
            await opened[m].session.run(batches[k], round2 * calls + call);
            times[call] = probe.now() - start;
          }
          timed[m][k].push(times);
        }
      }
    }
    const { latency, ratios } = summarize2(timed, batches, options);
    const figures = subjects.map((subject, m) => ({
      bytes: subject.bytes,
      sizeMb: subject.bytes / MB,
      parameters: subject.parameters,
      loadMs: opened[m].loadMs,
      peakMemoryMb: (isolated[m] ?? opened[m].peakBytes) / MB,
      latency: latency[m]
    }));
    return {
      challenger: figures[0],
      ...figures[1] === void 0 ? {} : { champion: figures[1] },
      ...ratios === void 0 ? {} : { ratios },
      callsPerRound: calls,
      notes
    };
  } finally {
    for (const model of opened) await model.session.release();
  }
}

// src/stages/evaluation-operational.ts
var OPERATIONAL_SAMPLE_CALLS = 16;
function evaluationSample(policy, models) {
  const rows = policy.explain.enabled ? policy.explain.rows : policy.operational.enabled ? policy.operational.batch * OPERATIONAL_SAMPLE_CALLS : 0;
  if (rows === 0) return void 0;
  return { rows, seed: policy.bootstrap.seed, columns: [...new Set(models.flatMap((model) => model.requiredColumns))] };
}
var PROCESS_PROBE = {
  now: () => performance.now(),
  rss: () => process.memoryUsage.rss(),
  maxRss: () => process.resourceUsage().maxRSS * 1024
};
async function measureModels(inputs) {
  const { policy, model, champion, sample, notes, logger } = inputs;
  const settings = policy.operational;
  if (!settings.enabled || sample === void 0 || sample.rows.length === 0) return void 0;
  const sectionNotes = [];
  const models = champion === void 0 ? [model] : [model, champion];
  const fixed = Math.min(...models.map((loaded) => loaded.fixedBatch ?? Infinity));
  let batches = [1, settings.batch];
  if (Number.isFinite(fixed)) {
    batches = batches.filter((batch) => batch <= fixed);
    const which = models.filter((loaded) => loaded.fixedBatch !== void 0).map((loaded) => loaded === model ? "the model" : "the champion");
    sectionNotes.push(
      `${which.join(" and ").replace(/^the/, "The")} fix${which.length === 1 ? "es" : ""} the batch dimension at ${fixed}: every call runs ${fixed} rows (padded), and ${settings.batch > fixed ? `batch ${settings.batch} was not timed` : "the times are per padded call"}.`
    );
  }
  const probe = inputs.probe ?? PROCESS_PROBE;
  logger.info(
    `Operational: ${settings.rounds} rounds \xD7 ${settings.calls} calls at batch ${batches.join(" and ")}${champion === void 0 ? "" : ", the champion interleaved"} (after ${settings.warmup} warm-up calls).`
  );
  const started = probe.now();
  const subjects = await Promise.all(models.map((loaded) => onnxSubject(loaded, sample.columns, batches)));
  const measured = await measureOperational(subjects[0], subjects[1], {
    batches,
    rounds: settings.rounds,
    calls: settings.calls,
    warmup: settings.warmup,
    maxSeconds: settings.maxSeconds,
    resamples: policy.bootstrap.resamples,
    confidence: policy.bootstrap.confidence,
    seed: policy.bootstrap.seed,
    probe
  });
  logger.info(`Operational measurement took ${((probe.now() - started) / 1e3).toFixed(1)} s.`);
  if (measured.callsPerRound < settings.calls)
    sectionNotes.push(
      `${measured.callsPerRound} calls per round instead of ${settings.calls}, to keep the timed rounds within operational.max_seconds (${settings.maxSeconds} s).`
    );
  if (settings.rounds < 2)
    sectionNotes.push("One round of measurement: the figures have no intervals (operational.rounds \u2265 2 gives them).");
  const section = {
    environment: {
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      logicalCpus: availableParallelism(),
      threads: model.threads ?? "default",
      onnxruntime: await onnxRuntimeVersion(),
      platform: `${process.platform}-${process.arch}`
    },
    method: {
      rounds: settings.rounds,
      callsPerRound: measured.callsPerRound,
      warmup: settings.warmup,
      sampleRows: sample.rows.length,
      resamples: settings.rounds > 1 ? policy.bootstrap.resamples : 0,
      confidence: policy.bootstrap.confidence,
      seed: policy.bootstrap.seed,
      interleaved: champion !== void 0
    },
    challenger: measured.challenger,
    ...measured.champion === void 0 ? {} : { champion: measured.champion },
    ...measured.ratios === void 0 ? {} : { ratios: measured.ratios },
    notes: [...sectionNotes, ...measured.notes]
  };
  const { gates, skipped } = evaluateOperationalGates({
    gates: settings.gates,
    section,
    confidence: policy.bootstrap.confidence,
    defaults: settings.defaultGates
  });
  for (const { gate, why } of skipped)
    if (!(settings.defaultGates && why === "no champion was measured"))
      notes.push(`The operational gate ${describeOperationalGate(gate)} was skipped: ${why}.`);
  return { section, gates };
}

// src/stages/evaluation.ts
var HEADLINE = {
  binary: ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "average_precision", "log_loss", "brier", "ece"],
  multiclass: ["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "roc_auc", "log_loss", "brier", "ece"],
  regression: ["mae", "rmse", "r2", "mape"]
};
async function championPath(options) {
  const source = options.policy.champion?.source;
  if (source === void 0) return void 0;
  if (source.kind === "model") return source.path;
  if (options.resolveChampion !== void 0) return options.resolveChampion(source);
  throw new UserError(
    `the champion is ${source.kind === "release" ? `release ${source.version}` : "the production model"}, which needs the model registry`,
    {
      file: options.policy.source,
      pointer: "/champion",
      hint: "give the champion as a model file (champion.model: path/to/model.onnx), e.g. one fetched with `modelship fetch-model`"
    }
  );
}
var MODEL_SETTING = "--model (MODELSHIP_MODEL, the model input, or evaluate.model in modelship.yaml)";
var CHAMPION_SETTING = "--champion (the champion input, or champion.model in the gate policy)";
var NUMERIC_TYPES = /* @__PURE__ */ new Set(["integer", "number", "date", "datetime"]);
function sensitiveColumns(policy, contract, notes) {
  const bins = policy.fairness.bins;
  for (const [name, edges] of Object.entries(bins)) {
    if (edges.some((edge, i) => i > 0 && edge <= edges[i - 1]))
      throw new UserError(`the bin edges of "${name}" are not ascending: ${JSON.stringify(edges)}`, {
        file: policy.source,
        pointer: `/fairness/bins/${name}`,
        hint: "list the edges from smallest to largest, e.g. [25, 45, 65]"
      });
  }
  if (policy.fairness.sensitive !== void 0) {
    return policy.fairness.sensitive.map((name) => {
      const type = contract?.columns.find((column) => column.name === name)?.type;
      if (type !== void 0 && NUMERIC_TYPES.has(type) && bins[name] === void 0) {
        throw new UserError(`sensitive column "${name}" is ${type} in the contract: every value would be a group of its own`, {
          file: policy.source,
          pointer: "/fairness/sensitive",
          hint: `give gates.fairness.bins.${name} (e.g. [25, 45, 65]) to check it by range`
        });
      }
      return { name, ...bins[name] === void 0 ? {} : { bins: bins[name] } };
    });
  }
  const columns = [];
  for (const column of contract?.columns ?? []) {
    if (!column.roles.includes("sensitive")) continue;
    if (NUMERIC_TYPES.has(column.type) && bins[column.name] === void 0) {
      notes.push(
        `${column.name} (sensitive in the contract) is ${column.type}: give gates.fairness.bins.${column.name} (e.g. [25, 45, 65]) to check it by group.`
      );
      continue;
    }
    columns.push({ name: column.name, ...bins[column.name] === void 0 ? {} : { bins: bins[column.name] } });
  }
  return columns;
}
function checkGroupingNames(policy, names) {
  const known = `the groupings are ${names.map((name) => JSON.stringify(name)).join(", ")} (sensitive columns, and intersections joined with " & ")`;
  policy.fairness.gates.forEach((gate, i) => {
    const unknown2 = gate.groupings?.find((name) => !names.includes(name));
    if (unknown2 !== void 0)
      throw new UserError(`fairness gate ${gate.metric} names the grouping "${unknown2}", which is not checked`, {
        file: policy.source,
        pointer: `/fairness/gates/${i}/groupings`,
        hint: known
      });
  });
  const unknown = Object.keys(policy.fairness.privileged).find((name) => !names.includes(name));
  if (unknown !== void 0)
    throw new UserError(`fairness.privileged names the grouping "${unknown}", which is not checked`, {
      file: policy.source,
      pointer: "/fairness/privileged",
      hint: known
    });
}
var MAX_GROUPS = 100;
function taskOf(settings, model) {
  if (settings.task !== void 0) return settings.task === "regression" ? "regression" : "classification";
  return model.outputs.kind === "value" ? "regression" : "classification";
}
function thin(xs, ys, points) {
  if (xs.length <= points) return { x: xs, y: ys };
  const keep = Array.from({ length: points }, (_, i) => Math.round(i * (xs.length - 1) / (points - 1)));
  return { x: keep.map((i) => xs[i]), y: keep.map((i) => ys[i]) };
}
function round(value) {
  return value === void 0 || Number.isNaN(value) ? null : value;
}
async function runEvaluation(options) {
  const { policy, logger } = options;
  const contract = options.contractPath === void 0 ? void 0 : await loadContract(options.contractPath);
  const target = options.target ?? contract?.columns.find((column) => column.roles.includes("target"))?.name;
  if (target === void 0)
    throw new UserError("no target column", {
      hint: "set evaluate.target in modelship.yaml (or --target), or give the data contract a column with role target"
    });
  if (options.dataFiles.length === 0)
    throw new UserError("no test data", {
      hint: "set data.test or evaluate.data in modelship.yaml, the `data` input, or pass the file to `modelship evaluate`"
    });
  const loadOptions = { features: options.features, outputs: options.outputs, threads: options.threads, task: options.task };
  const model = await loadModel({ path: options.modelPath, ...loadOptions, setting: MODEL_SETTING });
  let champion;
  let championFile;
  try {
    championFile = await championPath(options);
    champion = championFile === void 0 ? void 0 : await loadModel({ path: championFile, ...loadOptions, role: "champion", setting: CHAMPION_SETTING });
  } catch (error) {
    await model.release();
    throw error;
  }
  const models = champion === void 0 ? [model] : [model, champion];
  try {
    const kind = taskOf(options, model);
    const notes = [];
    const sensitive = kind === "classification" ? sensitiveColumns(policy, contract, notes) : [];
    logger.info(
      `Evaluating ${options.modelPath}${champion ? ` against the champion ${championFile}` : ""} on ${options.dataFiles.join(", ")} (target ${target}).`
    );
    const redactor = redactorFor(contract, { scan: false });
    const collected = await collectPredictions({
      files: options.dataFiles,
      contract,
      target,
      regression: kind === "regression",
      models,
      sensitive,
      batchSize: options.batchSize,
      sample: evaluationSample(policy, models)
    });
    if (collected.rows === 0)
      throw new UserError(
        `the test data has no rows${collected.skippedRows > 0 ? ` with a value in "${target}" (${collected.skippedRows} rows have none)` : ""}`,
        { file: options.dataFiles[0], hint: "evaluate on a file with labelled rows" }
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
      contract
    });
  } finally {
    for (const loaded of models) await loaded.release();
  }
}
function redactGroups(groups, redactor) {
  const shown = /* @__PURE__ */ new Map();
  for (const [name, values] of groups) {
    if (!redactor.redacts(name)) continue;
    const labels = redactor.labels(
      name,
      values.filter((value) => value !== null)
    );
    shown.set(name, labels);
    groups.set(
      name,
      values.map((value) => value === null ? null : labels.get(value))
    );
  }
  return shown;
}
function redactPrivileged(privileged, specs, shown, redactor) {
  const out = {};
  for (const [grouping, label] of Object.entries(privileged)) {
    const columns = specs.find((spec) => spec.name === grouping)?.columns ?? [];
    const parts = columns.length > 1 ? label.split(" & ") : [label];
    out[grouping] = parts.length === columns.length ? parts.map((part, i) => {
      const names = shown.get(columns[i]);
      return names === void 0 ? part : names.get(part) ?? redactor.hide(part);
    }).join(" & ") : label;
  }
  return out;
}
async function evaluateCollected(options, context2) {
  const { policy, logger } = options;
  const { model, champion, collected } = context2;
  const classSettings = {
    classes: options.classes,
    positiveLabel: options.positiveLabel,
    threshold: options.threshold,
    modelPath: options.modelPath
  };
  let challengerData;
  let championData;
  let classes;
  let resolved;
  let task;
  if (collected.yValues !== void 0) {
    task = "regression";
    const y = collected.yValues.values();
    const predOf = (index) => {
      const values = collected.outputs[index].values;
      if (values === void 0)
        throw new UserError("the model gives no regression output", {
          file: index === 0 ? options.modelPath : context2.championFile,
          hint: "name it in evaluate.outputs.value"
        });
      return values.values();
    };
    challengerData = { kind: "regression", data: { y, pred: predOf(0) } };
    if (champion !== void 0) championData = { kind: "regression", data: { y, pred: predOf(1) } };
  } else {
    const outputs2 = collected.outputs[0];
    resolved = resolveClasses(collected, outputs2, model.classLabels, classSettings);
    classes = resolved.classes;
    task = classes.length === 2 ? "binary" : "multiclass";
    challengerData = { kind: "classification", data: classificationData(resolved, outputs2, resolved.columnOrder, classSettings) };
    if (champion !== void 0) {
      const theirs = collected.outputs[1];
      const order = champion.classLabels ?? classesFromLabelOutput(theirs) ?? resolved.columnOrder;
      championData = {
        kind: "classification",
        data: classificationData(resolved, theirs, order, { ...classSettings, modelPath: context2.championFile })
      };
    }
  }
  const rules = policy.champion?.source === void 0 ? [] : policy.champion.rules ?? defaultChampionRules(task, policy.champion.severity);
  const inline = policy.source?.endsWith("(gates)") === true;
  const skippedChampion = policy.champion !== void 0 && policy.champion.source === void 0 ? `No champion model yet, so the champion rules were skipped (expected before the first release). After it, set ${inline ? "gates.champion.release" : "champion.release"}: latest in ${inline ? policy.source.replace(/ \(gates\)$/, "") : policy.source ?? "the gate policy"} to compare each candidate with the newest release (or champion.model: PATH, or --champion / the champion input).` : void 0;
  if (skippedChampion !== void 0) logger.info(skippedChampion);
  checkPolicyFitsTask(policy, task, rules);
  const hasProba = challengerData.kind === "classification" && challengerData.data.proba !== void 0;
  const missingReason = (metric) => NEEDS_PROBA.has(metric) && !hasProba ? "the model gives labels only, no probabilities" : "undefined on this test set (e.g. a class with no rows or no predictions)";
  const headline2 = HEADLINE[task];
  const wanted = [.../* @__PURE__ */ new Set([...headline2, ...policy.quality.map((gate) => gate.metric)])];
  const point = prepareMetrics(challengerData, wanted)();
  const championPoint = championData === void 0 ? void 0 : prepareMetrics(championData, wanted)();
  const { resamples, seed, confidence } = policy.bootstrap;
  logger.info(
    `Bootstrap: ${resamples} resamples (seed ${seed}) of ${collected.rows.toLocaleString("en-US")} rows${task === "regression" ? "" : ", stratified by label"}.`
  );
  const intervals = await metricIntervals({
    challenger: challengerData,
    champion: championData,
    metrics: wanted.filter((name) => point[name] !== void 0),
    differences: rules.map((rule) => rule.metric),
    resamples,
    seed,
    confidence
  });
  const notes = [...context2.notes, ...skippedChampion === void 0 ? [] : [skippedChampion]];
  let fairness = [];
  if (task === "binary" && context2.sensitive.length > 0 && challengerData.kind === "classification") {
    const specs = [
      ...context2.sensitive.map((column) => ({ name: column.name, columns: [column.name] })),
      ...policy.fairness.intersections.map((columns) => ({ name: columns.join(" & "), columns }))
    ];
    for (const spec of specs)
      for (const column of spec.columns)
        if (!collected.sensitive.has(column))
          throw new UserError(`intersection ${spec.name} names "${column}", which is not a sensitive column`, {
            file: policy.source,
            pointer: "/fairness/intersections",
            hint: `list it under fairness.sensitive too (sensitive: ${context2.sensitive.map((c) => c.name).join(", ")})`
          });
    checkGroupingNames(
      policy,
      specs.map((spec) => spec.name)
    );
    for (const column of context2.sensitive) {
      const groups = new Set(collected.sensitive.get(column.name)).size;
      if (groups > MAX_GROUPS)
        throw new UserError(`sensitive column "${column.name}" has ${groups} distinct values: that many groups cannot be judged`, {
          file: policy.source,
          pointer: "/fairness/sensitive",
          hint: `give gates.fairness.bins.${column.name} to group a numeric column by range, or remove it from fairness.sensitive`
        });
    }
    const toUint8 = (values) => Uint8Array.from(values);
    fairness = evaluateFairness({
      specs,
      values: collected.sensitive,
      y: toUint8(challengerData.data.y),
      pred: toUint8(challengerData.data.pred),
      ...championData?.kind === "classification" ? { championPred: toUint8(championData.data.pred) } : {},
      minGroupSize: policy.fairness.minGroupSize,
      method: policy.fairness.method,
      agg: policy.fairness.agg,
      privileged: redactPrivileged(policy.fairness.privileged, specs, context2.shownGroups, context2.redactor),
      resamples: policy.fairness.resamples,
      seed,
      confidence,
      file: options.dataFiles[0],
      policyFile: policy.source
    });
    const needPrivileged = policy.fairness.gates.filter((gate) => gate.metric === "disparate_impact" || gate.metric === "statistical_parity_difference").map((gate) => gate.metric);
    const without = specs.filter((spec) => policy.fairness.privileged[spec.name] === void 0).map((spec) => spec.name);
    if (needPrivileged.length > 0 && without.length > 0)
      notes.push(
        `${[...new Set(needPrivileged)].join(" and ")} compare each group with a privileged one, so they are gated only where gates.fairness.privileged names it (not for ${without.join(", ")}).`
      );
  } else if (task !== "binary" && (policy.fairness.sensitive?.length ?? 0) > 0) {
    notes.push(`Fairness gates need a binary classifier (a favourable outcome); this model is ${task}.`);
  }
  let championSection;
  if (champion !== void 0 && championData !== void 0 && championPoint !== void 0) {
    const comparisons = [.../* @__PURE__ */ new Set([...rules.map((rule) => rule.metric), ...headline2])].map((metric) => {
      const ours = point[metric];
      const theirs = championPoint[metric];
      const ci = intervals.difference.get(metric);
      const comparison = {
        metric,
        challenger: round(ours),
        champion: round(theirs),
        difference: ours === void 0 || theirs === void 0 ? null : ours - theirs,
        ...ci === void 0 ? {} : { ci }
      };
      if (challengerData.kind === "classification" && championData.kind === "classification") {
        const a = championData.data;
        const b = challengerData.data;
        if (metric === "accuracy") {
          const test = mcnemar({
            championCorrect: Uint8Array.from(a.pred, (p, r) => p === a.y[r] ? 1 : 0),
            challengerCorrect: Uint8Array.from(b.pred, (p, r) => p === b.y[r] ? 1 : 0)
          });
          comparison.test = {
            name: "mcnemar",
            pValue: test.pValue,
            method: test.method,
            ...test.statistic === void 0 ? {} : { statistic: test.statistic }
          };
        }
        const positives = b.y.reduce((sum, label) => sum + label, 0);
        if (metric === "roc_auc" && task === "binary" && a.proba !== void 0 && b.proba !== void 0 && positives >= 2 && b.y.length - positives >= 2) {
          const positive = (proba) => Float64Array.from({ length: proba.length / 2 }, (_, r) => proba[r * 2 + 1]);
          const test = delong({ y01: b.y, scoreA: positive(a.proba), scoreB: positive(b.proba), confidence });
          comparison.test = { name: "delong", statistic: test.z, pValue: test.pValue };
        }
      }
      return comparison;
    });
    championSection = {
      source: championSourceText(policy.champion.source),
      path: champion.path,
      sha256: champion.sha256,
      metrics: Object.fromEntries(headline2.map((metric) => [metric, round(championPoint[metric])])),
      comparisons
    };
  }
  const explained = await explainModel({
    policy,
    contract: context2.contract,
    model,
    collected,
    task,
    data: challengerData,
    ...resolved === void 0 ? {} : { classes: { resolved, settings: classSettings } },
    batchSize: options.batchSize,
    notes,
    logger
  });
  const gates = evaluateGates({
    policy,
    task,
    rows: collected.rows,
    metrics: point,
    metricCi: intervals.metric,
    missingReason,
    fairness,
    ...championPoint === void 0 ? {} : { champion: { rules, metrics: championPoint, differenceCi: intervals.difference } }
  });
  if (explained !== void 0) gates.push(...explained.gates);
  const operational = await measureModels({
    policy,
    model,
    ...champion === void 0 ? {} : { champion },
    ...collected.sample === void 0 ? {} : { sample: collected.sample },
    ...options.operationalProbe === void 0 ? {} : { probe: options.operationalProbe },
    notes,
    logger
  });
  if (operational !== void 0) gates.push(...operational.gates);
  const verdict = verdictOf(gates);
  const report = {
    schema: "modelship/gate-report@1",
    tool: { name: "modelship", version: options.toolVersion },
    created: (/* @__PURE__ */ new Date()).toISOString(),
    ...options.modelName === void 0 ? {} : { modelName: options.modelName },
    verdict,
    passed: verdict !== "fail",
    summary: summarize(gates),
    model: {
      path: options.modelPath,
      sha256: model.sha256,
      bytes: model.bytes,
      format: "onnx",
      task,
      ...classes === void 0 ? {} : { classes },
      ...task === "binary" ? { positiveLabel: classes[1], threshold: options.threshold } : {},
      outputs: Object.fromEntries(Object.entries(model.outputs).filter((entry) => typeof entry[1] === "string")),
      inputs: model.signature.inputs
    },
    data: { files: collected.files, rows: collected.rows, target: context2.target, skippedRows: collected.skippedRows },
    policy: { ...policy.source === void 0 ? {} : { source: policy.source }, sha256: sha256Of(JSON.stringify(policy)) },
    randomness: {
      bootstrapSeed: policy.bootstrap.seed,
      resamples: policy.bootstrap.resamples,
      confidence,
      method: "percentile",
      stratifiedBy: task === "regression" ? "none" : "label",
      fairnessResamples: task === "binary" ? policy.fairness.resamples : 0
    },
    environment: { node: process.version, onnxruntime: await onnxRuntimeVersion(), platform: `${process.platform}-${process.arch}` },
    metrics: Object.fromEntries(
      wanted.map((metric) => {
        const ci = intervals.metric.get(metric);
        const value = point[metric];
        return [
          metric,
          { value: round(value), ...ci === void 0 ? {} : { ci }, ...value === void 0 ? { reason: missingReason(metric) } : {} }
        ];
      })
    ),
    fairness: fairness.map((evaluation) => ({
      grouping: evaluation.grouping.name,
      columns: evaluation.grouping.columns,
      ...evaluation.options.privileged === void 0 ? {} : { privileged: evaluation.options.privileged },
      overall: Object.fromEntries(Object.entries(evaluation.result.overall.rates).map(([rate, value]) => [rate, round(value)])),
      groups: evaluation.result.groups.map((group) => {
        const ci = Object.fromEntries(
          Object.keys(group.rates).flatMap((rate) => {
            const interval = evaluation.rateCi.get(`${group.label}\0${rate}`);
            return interval === void 0 || group.rates[rate] === void 0 ? [] : [[rate, interval]];
          })
        );
        return {
          label: group.label,
          count: group.count,
          small: group.small,
          rates: Object.fromEntries(Object.entries(group.rates).map(([rate, value]) => [rate, round(value)])),
          ...Object.keys(ci).length === 0 ? {} : { ci }
        };
      }),
      metrics: Object.fromEntries(
        Object.entries(evaluation.result.metrics).map(([name, figure2]) => {
          const ci = evaluation.metricCi.get(name);
          return [
            name,
            {
              value: round(figure2.value),
              ...ci === void 0 ? {} : { ci },
              ...figure2.reason === void 0 ? {} : { reason: figure2.reason },
              groups: figure2.groups,
              excluded: figure2.excluded,
              ...figure2.worst === void 0 ? {} : { worst: figure2.worst }
            }
          ];
        })
      )
    })),
    notes,
    ...championSection === void 0 ? {} : { champion: championSection },
    ...explained === void 0 ? {} : { explanations: explained.section },
    ...operational === void 0 ? {} : { operational: operational.section },
    gates
  };
  if (challengerData.kind === "classification") {
    const data = challengerData.data;
    report.confusionMatrix = { labels: classes, matrix: confusionMatrix(data) };
    if (task === "binary" && data.proba !== void 0) {
      const y01 = Uint8Array.from(data.y);
      const score = Float64Array.from({ length: data.y.length }, (_, r) => data.proba[r * 2 + 1]);
      const roc = rocCurve(y01, score);
      const thinned = thin(roc.fpr, roc.tpr, 101);
      const bins = calibrationBins(y01, score);
      report.curves = {
        roc: { fpr: thinned.x, tpr: thinned.y },
        calibration: { meanPredicted: bins.meanPredicted, fractionPositive: bins.fractionPositive, count: bins.weight }
      };
    }
  }
  assertWritable(gate_report_schema_default, report, "gate report");
  const markdown = renderGateReport(report, { runUrl: options.runUrl });
  const reportPath = join3(options.reportDir, "gate-report.json");
  const markdownPath = join3(options.reportDir, "gate-report.md");
  const outputs = new OutputSet();
  outputs.add(reportPath, `${JSON.stringify(report, null, 2)}
`);
  outputs.add(markdownPath, `${markdown}
`);
  await outputs.commit();
  logger.info(
    `Verdict: ${verdict} (${report.summary.pass} passed, ${report.summary.warn} warnings, ${report.summary.fail} failed, ${report.summary.insufficient_data} without enough data). Report: ${reportPath}`
  );
  return { report, reportPath, markdownPath, markdown, passed: passes(verdict, options.failOn) };
}
function championSourceText(source) {
  return source.kind === "model" ? "model file" : source.kind === "release" ? `release ${source.version}` : "production";
}

// src/stages/evaluate-stage.ts
async function runEvaluateStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveEvaluateSettings(inputs, loaded, run.cwd);
  await checkOutputFolder(settings.reportDir, "--report-dir (evaluate.report_dir)");
  const temps = [];
  const resolveChampion = runChampionResolver({ registry: inputs.registry, loaded, model: settings.modelName, run, temps });
  try {
    const result = await runEvaluation({
      ...settings,
      logger: run.logger,
      toolVersion: run.toolVersion,
      runUrl: run.runUrl,
      resolveChampion
    });
    return { ...result, settings };
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { recursive: true, force: true })));
  }
}

export {
  runEvaluateStage
};
