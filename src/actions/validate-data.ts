/** The validate-data action: inputs → runValidateStage → outputs, summary, sticky comment. */
import { startAction } from "./start.ts";

await startAction("validate-data", async () => {
  const { runValidateStage } = await import("../stages/validate-stage.ts");
  const { readGitHubContext } = await import("../github/context.ts");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, publishStageReport } =
    await import("./runtime.ts");
  const run = actionStageRun({ config: getInput("config"), token: getInput("token"), redactionKey: getInput("redaction-key") });
  const context = readGitHubContext();
  const { settings, ...result } = await runValidateStage(
    {
      contract: getInput("contract"),
      data: getOptionalListInput("data"),
      train: getInput("train"),
      test: getInput("test"),
      baseContract: getInput("base-contract"),
      failOn: getChoiceInput("fail-on", ["error", "warning", "never"]),
      maxExamples: getIntegerInput("max-examples"),
      maxAnnotations: getIntegerInput("max-annotations"),
      reportDir: getInput("report-dir"),
      baseSha: context.pullRequest?.baseSha,
    },
    run,
  );

  core.setOutput("passed", String(result.passed));
  core.setOutput("errors", String(result.errors));
  core.setOutput("warnings", String(result.warnings));
  core.setOutput("report-path", result.reportPath);
  core.setOutput("report-dir", settings.reportDir);
  core.setOutput("markdown-path", result.markdownPath);

  await publishStageReport({
    context,
    token: run.token,
    comment: getBooleanInput("comment", settings.comment),
    subject: `validate-data:${settings.contractPath}`,
    markdown: result.markdown,
    reportPath: result.reportPath,
    logger: run.logger,
  });

  if (!result.passed) {
    const what =
      settings.failOn === "warning" ? `${result.errors} error(s) and ${result.warnings} warning(s)` : `${result.errors} error(s)`;
    core.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
