/** The evaluate action's JavaScript step (inside the composite action): inputs → runEvaluation → outputs, summary, sticky comment, annotations. */
import { resolveEvaluateSettings } from "../stages/evaluate-settings.ts";
import { loadConfig } from "../config/modelship-config.ts";
import { resolveRegistry } from "../stages/release-settings.ts";
import { runEvaluation } from "../stages/evaluate-stage.ts";
import { registryChampion } from "../stages/champion-store.ts";
import { openStore } from "../registry/open-store.ts";
import type { FailOn } from "../gates/decide.ts";
import { readGitHubContext } from "../github/context.ts";
import {
  ActionsLogger,
  core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  getNumberInput,
  publishStageReport,
  runAction,
  TOOL_VERSION,
} from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
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
      resamples: getInput("resamples") === undefined ? undefined : getIntegerInput("resamples", 2000),
      seed: getInput("seed") === undefined ? undefined : getIntegerInput("seed", 0),
      threads: getInput("threads") === undefined ? undefined : getIntegerInput("threads", 1),
      failOn: getInput("fail-on") === undefined ? undefined : getChoiceInput<FailOn>("fail-on", ["fail", "warn", "never"], "fail"),
      reportDir: getInput("report-dir"),
    },
    loaded,
  );
  const context = readGitHubContext();
  // A champion named by release version comes from the registry (this repository's Releases by default).
  const resolveChampion = async (source: Parameters<ReturnType<typeof registryChampion>>[0]) => {
    const store = openStore({
      spec: resolveRegistry(getInput("registry"), loaded, "github"),
      token,
      repository: context.repository,
      tagFormat: loaded.config?.release?.tag_format,
      logger,
      userAgentVersion: TOOL_VERSION,
    });
    return registryChampion({ store, model: settings.modelName ?? "", logger })(source);
  };
  const result = await runEvaluation({ ...settings, logger, toolVersion: TOOL_VERSION, runUrl: context.runUrl, resolveChampion });
  const { report } = result;

  // One annotation per gate that did not pass; the final setFailed carries the summary.
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
    JSON.stringify(Object.fromEntries(Object.entries(report.metrics).map(([name, estimate]) => [name, estimate.value]))),
  );

  // One sticky comment per model.
  await publishStageReport({
    context,
    token,
    comment: getBooleanInput("comment", settings.comment),
    subject: `evaluate:${settings.modelName ?? settings.modelPath}`,
    markdown: result.markdown,
    reportPath: result.reportPath,
    logger,
  });

  if (!result.passed) {
    core.setFailed(
      `The model ${report.verdict === "fail" ? `fails ${report.summary.fail} gate(s)` : `has ${report.summary.warn + report.summary.insufficient_data} warning(s) under fail-on: ${settings.failOn}`}; see the job summary or ${result.markdownPath}.`,
    );
  }
});
