import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runEvaluateStage
} from "./chunks/chunk-D7CPVE32.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-TYVJT2QX.js";
import "./chunks/chunk-Y7B762HE.js";
import "./chunks/chunk-44TVQWWB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-R2E5VZUO.js";
import "./chunks/chunk-JY2OOAAB.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-ZELXXSV6.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-MOHOK2SR.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  getNumberInput,
  publishStageReport,
  runAction
} from "./chunks/chunk-YSM7FE72.js";
import {
  readGitHubContext
} from "./chunks/chunk-2BUAMGEV.js";

// src/actions/evaluate.ts
await runAction(async () => {
  const run = actionStageRun({ config: getInput("config"), token: getInput("token") });
  const { logger } = run;
  const result = await runEvaluateStage(
    {
      model: getInput("model"),
      data: getListInput("data"),
      contract: getInput("contract"),
      target: getInput("target"),
      features: getListInput("features"),
      policy: getInput("policy"),
      champion: getInput("champion"),
      registry: getInput("registry"),
      threshold: getNumberInput("threshold"),
      positiveLabel: getInput("positive-label"),
      resamples: getIntegerInput("resamples"),
      seed: getIntegerInput("seed"),
      threads: getIntegerInput("threads"),
      failOn: getChoiceInput("fail-on", ["fail", "warn", "never"]),
      reportDir: getInput("report-dir")
    },
    run
  );
  const { report, settings } = result;
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
    context: readGitHubContext(),
    token: run.token,
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
