/** The drift action: inputs → runDriftStage → outputs, the job summary, the drift issue. */
import { UserError } from "../common/errors.ts";
import { parseDriftChoices } from "../stages/drift-settings.ts";
import { DEFAULT_CONFIG_FILE, loadConfig } from "../config/modelship-config.ts";
import { parseHeader } from "../drift/sources.ts";
import { runDriftStage } from "../stages/drift-stage.ts";
import { basicAuthValue } from "../git/git-workspace.ts";
import { readGitHubContext } from "../github/context.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { ActionsLogger, core, getBooleanInput, getInput, getLinesInput, runAction, TOOL_VERSION, writeJobSummary } from "./runtime.ts";

/** Masks a URL's query string and credentials in the log (a signed URL's signature is a secret). */
function maskUrlSecrets(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return; // resolveCurrentSources refuses it with a clear message.
  }
  for (const secret of [url.search.slice(1), decodeURIComponent(url.password), decodeURIComponent(url.username)])
    if (secret.length >= 4) core.setSecret(secret);
  for (const value of url.searchParams.values()) if (value.length >= 4) core.setSecret(value);
}

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  const gitopsToken = getInput("gitops-token");
  const header = getInput("current-url-header");
  for (const secret of [token, gitopsToken]) if (secret !== undefined) core.setSecret(secret);
  if (gitopsToken !== undefined) core.setSecret(basicAuthValue(gitopsToken));
  const urlHeaders = header === undefined ? undefined : parseHeader(header, "input current-url-header");
  if (urlHeaders !== undefined) for (const value of Object.values(urlHeaders)) core.setSecret(value);
  const context = readGitHubContext();
  const config = getInput("config");
  const loaded = await loadConfig(config === undefined || config === DEFAULT_CONFIG_FILE ? {} : { file: config });
  const choices = parseDriftChoices(getInput("drift-mode"), getInput("fail-on"));
  const shardOutput = getInput("shard-output");
  // The input wins when set; else drift.issue.enabled; else on.
  const openIssue =
    shardOutput === undefined &&
    (getInput("issue") === undefined ? loaded.config?.drift?.issue?.enabled !== false : getBooleanInput("issue", true));
  if (openIssue && (token === undefined || context.owner === undefined || context.repo === undefined)) {
    throw new UserError("the drift issue needs a token and the repository (GITHUB_REPOSITORY)", {
      hint: "keep the default token input (github.token) with `permissions: issues: write`, or set issue: false",
    });
  }
  const github =
    openIssue && token !== undefined && context.owner !== undefined && context.repo !== undefined
      ? { client: createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION }), owner: context.owner, repo: context.repo }
      : undefined;
  const registry = getInput("registry");
  const tagFormat = getInput("tag-format");
  const gitopsRepo = getInput("gitops-repo");
  const remote = getInput("remote");
  const base = getInput("base");
  const reference = getInput("reference");
  const environment = getInput("environment");
  const current = getLinesInput("current");
  // One URL per line: a URL may hold commas. Signed URLs carry secrets in their query: mask them.
  const currentUrls = getLinesInput("current-url");
  for (const url of currentUrls) maskUrlSecrets(url);
  const currentProfiles = getLinesInput("current-profiles");
  const reportDir = getInput("report-dir");
  const result = await runDriftStage(
    {
      ...(reference === undefined ? {} : { reference }),
      ...(environment === undefined ? {} : { environment }),
      ...(current.length === 0 ? {} : { current }),
      ...(currentUrls.length === 0 ? {} : { currentUrls }),
      ...(currentProfiles.length === 0 ? {} : { currentProfiles }),
      ...(shardOutput === undefined ? {} : { shardOutput }),
      ...(choices.mode === undefined ? {} : { mode: choices.mode }),
      ...(choices.failOn === undefined ? {} : { failOn: choices.failOn }),
      ...(reportDir === undefined ? {} : { reportDir }),
      issue: openIssue,
      retrain: getBooleanInput("retrain", true),
    },
    {
      loaded,
      defaultRegistry: "github",
      ...(registry === undefined ? {} : { registry }),
      ...(token === undefined ? {} : { registryToken: token }),
      ...(context.repository === undefined ? {} : { repository: context.repository }),
      ...(tagFormat === undefined ? {} : { tagFormat }),
      gitops: {
        ...(gitopsRepo === undefined ? {} : { repository: gitopsRepo }),
        ...(remote === undefined ? {} : { remote }),
        ...(base === undefined ? {} : { base }),
        serverUrl: context.serverUrl,
      },
      ...((gitopsToken ?? token) === undefined ? {} : { gitopsToken: gitopsToken ?? token }),
      ...(urlHeaders === undefined ? {} : { urlHeaders }),
      ...(github === undefined ? {} : { github }),
      ...(context.runId === undefined ? {} : { runId: context.runId }),
      ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
      logger,
      toolVersion: TOOL_VERSION,
    },
  );
  core.setOutput("shard-path", result.shardPath ?? "");
  const report = result.report;
  if (report === undefined) return;
  core.setOutput("status", report.status);
  core.setOutput("drifted", String(report.drifted));
  core.setOutput("share", String(report.share));
  core.setOutput("drifted-columns", JSON.stringify(report.drifted_columns));
  core.setOutput("report-path", result.reportPath ?? "");
  core.setOutput("markdown-path", result.markdownPath ?? "");
  core.setOutput("issue-number", result.issue?.number === undefined ? "" : String(result.issue.number));
  core.setOutput("issue-url", result.issue?.url ?? "");
  core.setOutput("issue-action", result.issue?.action ?? "");
  core.setOutput("retrained", String(result.retrained));
  await writeJobSummary(result.markdown ?? "");
  if (result.failed) core.setFailed(`drift check: ${report.status} (fail-on: ${result.settings.failOn}); see ${result.markdownPath}`);
});
