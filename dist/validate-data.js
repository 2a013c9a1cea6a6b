import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runValidateStage
} from "./chunks/chunk-HLTEAARW.js";
import "./chunks/chunk-XWHKT4QQ.js";
import "./chunks/chunk-R2E5VZUO.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-CJDYYHPO.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getOptionalListInput,
  publishStageReport,
  runAction
} from "./chunks/chunk-YSM7FE72.js";
import {
  readGitHubContext
} from "./chunks/chunk-2BUAMGEV.js";

// src/actions/validate-data.ts
await runAction(async () => {
  const run = actionStageRun({ config: getInput("config"), token: getInput("token") });
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
  core_exports.setOutput("passed", String(result.passed));
  core_exports.setOutput("errors", String(result.errors));
  core_exports.setOutput("warnings", String(result.warnings));
  core_exports.setOutput("report-path", result.reportPath);
  core_exports.setOutput("report-dir", settings.reportDir);
  core_exports.setOutput("markdown-path", result.markdownPath);
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
    core_exports.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
