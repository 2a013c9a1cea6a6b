import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  createGitHubClient,
  publishReport
} from "./chunks/chunk-3AP3CIV3.js";
import {
  ActionsLogger,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YGJMWRIS.js";
import {
  resolveValidateSettings,
  runDataValidation
} from "./chunks/chunk-BHVS22GN.js";
import {
  loadConfig
} from "./chunks/chunk-W7Y7EL3F.js";
import "./chunks/chunk-VYOBV6HO.js";
import {
  readGitHubContext
} from "./chunks/chunk-OO4AN242.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-FVCB3CXZ.js";

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
  const commentEnabled = getBooleanInput("comment", loaded.config?.validate?.comment ?? true);
  const published = await publishReport({
    context,
    client: commentEnabled && token !== void 0 ? createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION }) : void 0,
    key: { workflow: context.workflow ?? "modelship", subject: `validate-data:${settings.contractPath}` },
    markdown: result.markdown,
    fullReport: `\`${result.reportPath}\``,
    logger,
    writeSummary: writeJobSummary
  });
  core_exports.setOutput("comment-url", published.url ?? "");
  core_exports.setOutput("comment-action", published.action);
  if (!result.passed) {
    const what = settings.failOn === "warning" ? `${result.errors} error(s) and ${result.warnings} warning(s)` : `${result.errors} error(s)`;
    core_exports.setFailed(`Data validation failed with ${what}; see the job summary or ${result.markdownPath}.`);
  }
});
