/** The validate-data action: inputs → runDataValidation → outputs, summary, sticky comment. */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadConfig } from "../config/modelship-config.ts";
import { resolveValidateSettings } from "../config/validate-settings.ts";
import { runDataValidation, type FailOn } from "../data/data-validation.ts";
import { readGitHubContext, type GitHubContext } from "../github/context.ts";
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

const run = promisify(execFile);

/** The contract as it is at the PR's base commit, when git has it (or can fetch it); else undefined. */
async function baseContractFromGit(context: GitHubContext, contractPath: string, logger: ActionsLogger): Promise<string | undefined> {
  const baseSha = context.pullRequest?.baseSha;
  if (baseSha === undefined) return undefined;
  const show = () => run("git", ["show", `${baseSha}:./${contractPath}`], { maxBuffer: 16 * 1024 * 1024 });
  let text: string;
  try {
    text = (await show()).stdout;
  } catch {
    try {
      await run("git", ["fetch", "--no-tags", "--depth=1", "origin", baseSha]);
      text = (await show()).stdout;
    } catch {
      logger.info(`No contract at the base commit ${baseSha.slice(0, 7)} (new file, or git cannot reach it): no contract diff.`);
      return undefined;
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
  const baseContractPath = settings.baseContractPath ?? (await baseContractFromGit(context, settings.contractPath, logger));
  const result = await runDataValidation({ ...settings, baseContractPath, logger, toolVersion: TOOL_VERSION, runUrl: context.runUrl });

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
