import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/validate-data.ts
await startAction("validate-data", async () => {
  const { runValidateStage } = await import("./chunks/validate-stage-65AMJ7MH.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, publishStageReport } = await import("./chunks/runtime-PRD6EMPR.js");
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
      baseSha: context.pullRequest?.baseSha
    },
    run
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
    logger: run.logger
  });
  if (!result.passed) {
    const what = settings.failOn === "warning" ? `${result.errors} error(s) and ${result.warnings} warning(s)` : `${result.errors} error(s)`;
    core.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
