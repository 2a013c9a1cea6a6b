import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  resolveValidateSettings,
  runDataValidation
} from "./chunks/chunk-J2PPKBAG.js";
import "./chunks/chunk-L2G6GJRX.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-B5I2PWMP.js";
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
  publishStageReport,
  runAction
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/validate-data.ts
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== void 0) core_exports.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = resolveValidateSettings(
    {
      contract: getInput("contract"),
      data: getListInput("data"),
      train: getInput("train"),
      test: getInput("test"),
      baseContract: getInput("base-contract"),
      failOn: getInput("fail-on") === void 0 ? void 0 : getChoiceInput("fail-on", ["error", "warning", "never"], "error"),
      maxExamples: getInput("max-examples") === void 0 ? void 0 : getIntegerInput("max-examples", 5),
      maxAnnotations: getInput("max-annotations") === void 0 ? void 0 : getIntegerInput("max-annotations", 10),
      reportDir: getInput("report-dir")
    },
    loaded
  );
  const context = readGitHubContext();
  const result = await runDataValidation({
    ...settings,
    baseSha: context.pullRequest?.baseSha,
    logger,
    toolVersion: TOOL_VERSION,
    runUrl: context.runUrl
  });
  core_exports.setOutput("passed", String(result.passed));
  core_exports.setOutput("errors", String(result.errors));
  core_exports.setOutput("warnings", String(result.warnings));
  core_exports.setOutput("report-path", result.reportPath);
  core_exports.setOutput("report-dir", settings.reportDir);
  core_exports.setOutput("markdown-path", result.markdownPath);
  await publishStageReport({
    context,
    token,
    comment: getBooleanInput("comment", loaded.config?.validate?.comment ?? true),
    subject: `validate-data:${settings.contractPath}`,
    markdown: result.markdown,
    reportPath: result.reportPath,
    logger
  });
  if (!result.passed) {
    const what = settings.failOn === "warning" ? `${result.errors} error(s) and ${result.warnings} warning(s)` : `${result.errors} error(s)`;
    core_exports.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
