import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/evaluate.ts
await startAction("evaluate", async () => {
  const { runEvaluateStage } = await import("./chunks/evaluate-stage-H5YPVRJK.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const {
    actionStageRun,
    core,
    getBooleanInput,
    getChoiceInput,
    getInput,
    getIntegerInput,
    getListInput,
    getNumberInput,
    publishStageReport
  } = await import("./chunks/runtime-PRD6EMPR.js");
  const run = actionStageRun({ config: getInput("config"), token: getInput("token"), redactionKey: getInput("redaction-key") });
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
  core.setOutput("passed", String(result.passed));
  core.setOutput("verdict", report.verdict);
  core.setOutput("report-path", result.reportPath);
  core.setOutput("report-dir", settings.reportDir);
  core.setOutput("markdown-path", result.markdownPath);
  core.setOutput(
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
    core.setFailed(
      `The model ${report.verdict === "fail" ? `fails ${report.summary.fail} gate(s)` : `has ${report.summary.warn + report.summary.insufficient_data} warning(s) under fail-on: ${settings.failOn}`}; see the job summary or ${result.markdownPath}.`
    );
  }
});
