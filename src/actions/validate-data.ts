/** The validate-data action: inputs → runDataValidation → outputs, summary, sticky comment. */
import { loadConfig } from "../config/modelship-config.ts";
import { resolveValidateSettings } from "../stages/validate-settings.ts";
import { runDataValidation, type FailOn } from "../stages/validate-stage.ts";
import { readGitHubContext } from "../github/context.ts";
import {
  ActionsLogger,
  core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  publishStageReport,
  runAction,
  TOOL_VERSION,
} from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = resolveValidateSettings(
    {
      contract: getInput("contract"),
      data: getListInput("data"),
      train: getInput("train"),
      test: getInput("test"),
      baseContract: getInput("base-contract"),
      failOn: getInput("fail-on") === undefined ? undefined : getChoiceInput<FailOn>("fail-on", ["error", "warning", "never"], "error"),
      maxExamples: getInput("max-examples") === undefined ? undefined : getIntegerInput("max-examples", 5),
      maxAnnotations: getInput("max-annotations") === undefined ? undefined : getIntegerInput("max-annotations", 10),
      reportDir: getInput("report-dir"),
    },
    loaded,
  );
  const context = readGitHubContext();
  const result = await runDataValidation({
    ...settings,
    baseSha: context.pullRequest?.baseSha,
    logger,
    toolVersion: TOOL_VERSION,
    runUrl: context.runUrl,
  });

  core.setOutput("passed", String(result.passed));
  core.setOutput("errors", String(result.errors));
  core.setOutput("warnings", String(result.warnings));
  core.setOutput("report-path", result.reportPath);
  core.setOutput("report-dir", settings.reportDir);
  core.setOutput("markdown-path", result.markdownPath);

  await publishStageReport({
    context,
    token,
    comment: getBooleanInput("comment", loaded.config?.validate?.comment ?? true),
    subject: `validate-data:${settings.contractPath}`,
    markdown: result.markdown,
    reportPath: result.reportPath,
    logger,
  });

  if (!result.passed) {
    const what =
      settings.failOn === "warning" ? `${result.errors} error(s) and ${result.warnings} warning(s)` : `${result.errors} error(s)`;
    core.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
