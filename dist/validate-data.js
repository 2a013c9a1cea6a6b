import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  resolveValidateSettings,
  runDataValidation
} from "./chunks/chunk-ARIQPY37.js";
import "./chunks/chunk-TNWHV6U7.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  loadConfig
} from "./chunks/chunk-H7PDXF43.js";
import "./chunks/chunk-7S2M77GZ.js";
import {
  readGitHubContext
} from "./chunks/chunk-MDZOKATS.js";
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
} from "./chunks/chunk-XGJMHXZG.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-CU22JUSQ.js";

// src/actions/validate-data.ts
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
async function baseContractFromGit(context, contractPath, logger) {
  const baseSha = context.pullRequest?.baseSha;
  if (baseSha === void 0) return void 0;
  const show = () => run("git", ["show", `${baseSha}:./${contractPath}`], { maxBuffer: 16 * 1024 * 1024 });
  let text;
  try {
    text = (await show()).stdout;
  } catch {
    try {
      await run("git", ["fetch", "--no-tags", "--depth=1", "origin", baseSha]);
      text = (await show()).stdout;
    } catch {
      logger.info(`No contract at the base commit ${baseSha.slice(0, 7)} (new file, or git cannot reach it): no contract diff.`);
      return void 0;
    }
  }
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-base-"));
  const path = join(dir, contractPath.replaceAll("/", "__"));
  await writeFile(path, text);
  return path;
}
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
  const baseContractPath = settings.baseContractPath ?? await baseContractFromGit(context, settings.contractPath, logger);
  const result = await runDataValidation({ ...settings, baseContractPath, logger, toolVersion: TOOL_VERSION, runUrl: context.runUrl });
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
