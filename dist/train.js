import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  trainFromSettings
} from "./chunks/chunk-YFI3O3SF.js";
import "./chunks/chunk-U53L7IG7.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-L2G6GJRX.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  resolveTrainSettings
} from "./chunks/chunk-NESHBA3I.js";
import {
  loadConfig
} from "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import "./chunks/chunk-XSH5H6CH.js";
import {
  ActionsLogger,
  core_exports,
  getChoiceInput,
  getInput,
  getIntegerInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION,
  code,
  details,
  escapeMarkdown,
  formatNumber,
  sections,
  table,
  xyChart
} from "./chunks/chunk-I6K5MFCQ.js";

// src/train/run-markdown.ts
function signatureRows(values) {
  return values.map((value) => [code(value.name), value.type, value.shape === void 0 ? "" : `[${value.shape.join(", ")}]`]);
}
function historyChart(record) {
  const history = record.history.filter((entry) => typeof entry.loss === "number");
  if (history.length < 2) return void 0;
  const series = [{ kind: "line", values: history.map((entry) => entry.loss) }];
  if (history.every((entry) => typeof entry.val_loss === "number"))
    series.push({ kind: "line", values: history.map((entry) => entry.val_loss) });
  return xyChart({
    title: series.length > 1 ? "loss and val_loss per epoch" : "loss per epoch",
    x: history.map((entry, index) => String(entry.epoch ?? entry.step ?? index + 1)),
    yLabel: "loss",
    series
  });
}
function renderRunSummary(record, options = {}) {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const what = record.mode === "command" ? `command ${code(record.command ?? "")}` : `the built-in trainer (${code(record.config?.path ?? "")}, TensorFlow.js ${record.backend?.name ?? "?"} backend)`;
  const gpu = record.gpu.devices.length === 0 ? `No GPU (${escapeMarkdown(record.gpu.reason ?? "none found")}).` : table(
    ["GPU", "memory", "mean util.", "peak util.", "peak memory"],
    record.gpu.devices.map((device) => {
      const usage = record.gpu.utilization.find((entry) => entry.index === device.index);
      return [
        `${device.index}: ${escapeMarkdown(device.name)}`,
        `${formatNumber(device.memoryTotalMiB, 0)} MiB`,
        usage === void 0 ? "" : `${usage.meanUtilizationPercent}%`,
        usage === void 0 ? "" : `${usage.maxUtilizationPercent}%`,
        usage === void 0 ? "" : `${formatNumber(usage.maxMemoryUsedMiB, 0)} MiB`
      ];
    })
  );
  const metrics = Object.keys(record.metrics).length === 0 ? "_The run reported no metrics._" : table(
    ["metric", "value"],
    Object.entries(record.metrics).map(([name, value]) => [code(name), formatNumber(value)]),
    { align: ["left", "right"] }
  );
  const params = Object.keys(record.params).length === 0 ? void 0 : details(
    "Parameters",
    table(
      ["parameter", "value"],
      Object.entries(record.params).map(([name, value]) => [code(name), escapeMarkdown(JSON.stringify(value))])
    )
  );
  const signature = details(
    "Model signature",
    sections(
      table(["input", "type", "shape"], signatureRows(record.model.inputs)),
      table(["output", "type", "shape"], signatureRows(record.model.outputs))
    )
  );
  const data = details(
    "Data fingerprints",
    table(
      ["file", "sha256", "bytes"],
      [...record.data.files, ...record.data.contract === void 0 ? [] : [record.data.contract]].map((file) => [
        code(file.path),
        code(file.sha256.slice(0, 12)),
        formatNumber(file.bytes, 0)
      ])
    )
  );
  const footer = [
    `${record.timing.wallSeconds} s`,
    record.git.sha === void 0 ? void 0 : `commit ${code(record.git.sha.slice(0, 7))}${record.git.dirty === true ? " (dirty)" : ""}`,
    record.run?.url === void 0 ? void 0 : `[workflow run](${record.run.url})`,
    `${escapeMarkdown(record.runner.os)}, ${record.runner.cpus} CPUs`,
    `modelship ${record.tool.version}`
  ].filter((part) => part !== void 0).join(" \xB7 ");
  return sections(
    `${hashes} Training run`,
    `Trained with ${what}; model ${code(record.model.file.sha256.slice(0, 12))} (${formatNumber(record.model.file.bytes, 0)} bytes).`,
    metrics,
    historyChart(record),
    gpu,
    params,
    signature,
    data,
    `<sub>${footer}</sub>`
  );
}

// src/actions/train.ts
await runAction(async () => {
  const logger = new ActionsLogger();
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = resolveTrainSettings(
    {
      command: getInput("command"),
      trainConfig: getInput("train-config"),
      output: getInput("output"),
      requireGpu: getInput("require-gpu") === void 0 ? void 0 : getChoiceInput("require-gpu", ["true", "false", "auto"], "auto"),
      seed: getInput("seed") === void 0 ? void 0 : getIntegerInput("seed", 0),
      // One NAME=VALUE per line: values may hold commas (layers=64,32).
      params: (getInput("params") ?? "").split("\n").map((line) => line.trim()).filter((line) => line !== "")
    },
    loaded
  );
  const result = await trainFromSettings({
    settings,
    cwd: process.cwd(),
    runnerLabels: getInput("runner-labels"),
    logger,
    toolVersion: TOOL_VERSION
  });
  core_exports.setOutput("model-path", result.modelPath);
  core_exports.setOutput("run-record", result.runRecordPath);
  core_exports.setOutput("metrics", JSON.stringify(result.record.metrics));
  core_exports.setOutput("output-dir", settings.outputDir);
  await writeJobSummary(renderRunSummary(result.record));
});
