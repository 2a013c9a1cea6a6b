import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  registryChampion,
  runEvaluation
} from "./chunks/chunk-WCOEXXOU.js";
import "./chunks/chunk-VYZFQUNB.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-L2G6GJRX.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  openStore,
  resolveEvaluateSettings,
  resolveRegistry
} from "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import {
  loadConfig
} from "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import {
  readGitHubContext
} from "./chunks/chunk-XSH5H6CH.js";
import {
  ActionsLogger,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  getNumberInput,
  publishStageReport,
  runAction
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/evaluate.ts
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== void 0) core_exports.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = await resolveEvaluateSettings(
    {
      model: getInput("model"),
      data: getListInput("data"),
      contract: getInput("contract"),
      target: getInput("target"),
      features: getListInput("features"),
      policy: getInput("policy"),
      champion: getInput("champion"),
      threshold: getNumberInput("threshold"),
      positiveLabel: getInput("positive-label"),
      resamples: getInput("resamples") === void 0 ? void 0 : getIntegerInput("resamples", 2e3),
      seed: getInput("seed") === void 0 ? void 0 : getIntegerInput("seed", 0),
      threads: getInput("threads") === void 0 ? void 0 : getIntegerInput("threads", 1),
      failOn: getInput("fail-on") === void 0 ? void 0 : getChoiceInput("fail-on", ["fail", "warn", "never"], "fail"),
      reportDir: getInput("report-dir")
    },
    loaded
  );
  const context = readGitHubContext();
  const resolveChampion = async (source) => {
    const store = openStore({
      spec: resolveRegistry(getInput("registry"), loaded, "github"),
      token,
      repository: context.repository,
      tagFormat: loaded.config?.release?.tag_format,
      logger,
      userAgentVersion: TOOL_VERSION
    });
    return registryChampion({ store, model: settings.modelName ?? "", logger })(source);
  };
  const result = await runEvaluation({ ...settings, logger, toolVersion: TOOL_VERSION, runUrl: context.runUrl, resolveChampion });
  const { report } = result;
  for (const gate of report.gates) {
    if (gate.status === "pass") continue;
    const message = `${gate.name}: ${gate.reason}`;
    const properties = { title: `modelship gate: ${gate.id}` };
    if (gate.status === "fail") logger.error(message, properties);
    else logger.warning(message, properties);
  }
  core_exports.setOutput("passed", String(result.passed));
  core_exports.setOutput("verdict", report.verdict);
  core_exports.setOutput("report-path", result.reportPath);
  core_exports.setOutput("report-dir", settings.reportDir);
  core_exports.setOutput("markdown-path", result.markdownPath);
  core_exports.setOutput(
    "metrics",
    JSON.stringify(Object.fromEntries(Object.entries(report.metrics).map(([name, estimate]) => [name, estimate.value])))
  );
  await publishStageReport({
    context,
    token,
    comment: getBooleanInput("comment", settings.comment),
    subject: `evaluate:${settings.modelName ?? settings.modelPath}`,
    markdown: result.markdown,
    reportPath: result.reportPath,
    logger
  });
  if (!result.passed) {
    core_exports.setFailed(
      `The model ${report.verdict === "fail" ? `fails ${report.summary.fail} gate(s)` : `has ${report.summary.warn + report.summary.insufficient_data} warning(s) under fail-on: ${settings.failOn}`}; see the job summary or ${result.markdownPath}.`
    );
  }
});
