import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parseDriftChoices,
  runDriftStage
} from "./chunks/chunk-MP5QLO6V.js";
import "./chunks/chunk-VYZFQUNB.js";
import {
  basicAuthValue
} from "./chunks/chunk-PS2MCQ24.js";
import {
  parseHeader
} from "./chunks/chunk-O2Q7UWU4.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-L2G6GJRX.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import {
  DEFAULT_CONFIG_FILE,
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
  getInput,
  getLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION,
  UserError,
  createGitHubClient
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/drift.ts
function maskUrlSecrets(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return;
  }
  for (const secret of [url.search.slice(1), decodeURIComponent(url.password), decodeURIComponent(url.username)])
    if (secret.length >= 4) core_exports.setSecret(secret);
  for (const value of url.searchParams.values()) if (value.length >= 4) core_exports.setSecret(value);
}
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  const gitopsToken = getInput("gitops-token");
  const header = getInput("current-url-header");
  for (const secret of [token, gitopsToken]) if (secret !== void 0) core_exports.setSecret(secret);
  if (gitopsToken !== void 0) core_exports.setSecret(basicAuthValue(gitopsToken));
  const urlHeaders = header === void 0 ? void 0 : parseHeader(header, "input current-url-header");
  if (urlHeaders !== void 0) for (const value of Object.values(urlHeaders)) core_exports.setSecret(value);
  const context = readGitHubContext();
  const config = getInput("config");
  const loaded = await loadConfig(config === void 0 || config === DEFAULT_CONFIG_FILE ? {} : { file: config });
  const choices = parseDriftChoices(getInput("drift-mode"), getInput("fail-on"));
  const shardOutput = getInput("shard-output");
  const openIssue = shardOutput === void 0 && (getInput("issue") === void 0 ? loaded.config?.drift?.issue?.enabled !== false : getBooleanInput("issue", true));
  if (openIssue && (token === void 0 || context.owner === void 0 || context.repo === void 0)) {
    throw new UserError("the drift issue needs a token and the repository (GITHUB_REPOSITORY)", {
      hint: "keep the default token input (github.token) with `permissions: issues: write`, or set issue: false"
    });
  }
  const github = openIssue && token !== void 0 && context.owner !== void 0 && context.repo !== void 0 ? { client: createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION }), owner: context.owner, repo: context.repo } : void 0;
  const registry = getInput("registry");
  const tagFormat = getInput("tag-format");
  const gitopsRepo = getInput("gitops-repo");
  const remote = getInput("remote");
  const base = getInput("base");
  const reference = getInput("reference");
  const environment = getInput("environment");
  const current = getLinesInput("current");
  const currentUrls = getLinesInput("current-url");
  for (const url of currentUrls) maskUrlSecrets(url);
  const currentProfiles = getLinesInput("current-profiles");
  const reportDir = getInput("report-dir");
  const result = await runDriftStage(
    {
      ...reference === void 0 ? {} : { reference },
      ...environment === void 0 ? {} : { environment },
      ...current.length === 0 ? {} : { current },
      ...currentUrls.length === 0 ? {} : { currentUrls },
      ...currentProfiles.length === 0 ? {} : { currentProfiles },
      ...shardOutput === void 0 ? {} : { shardOutput },
      ...choices.mode === void 0 ? {} : { mode: choices.mode },
      ...choices.failOn === void 0 ? {} : { failOn: choices.failOn },
      ...reportDir === void 0 ? {} : { reportDir },
      issue: openIssue,
      retrain: getBooleanInput("retrain", true)
    },
    {
      loaded,
      defaultRegistry: "github",
      ...registry === void 0 ? {} : { registry },
      ...token === void 0 ? {} : { registryToken: token },
      ...context.repository === void 0 ? {} : { repository: context.repository },
      ...tagFormat === void 0 ? {} : { tagFormat },
      gitops: {
        ...gitopsRepo === void 0 ? {} : { repository: gitopsRepo },
        ...remote === void 0 ? {} : { remote },
        ...base === void 0 ? {} : { base },
        serverUrl: context.serverUrl
      },
      ...(gitopsToken ?? token) === void 0 ? {} : { gitopsToken: gitopsToken ?? token },
      ...urlHeaders === void 0 ? {} : { urlHeaders },
      ...github === void 0 ? {} : { github },
      ...context.runId === void 0 ? {} : { runId: context.runId },
      ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
      logger,
      toolVersion: TOOL_VERSION
    }
  );
  core_exports.setOutput("shard-path", result.shardPath ?? "");
  const report = result.report;
  if (report === void 0) return;
  core_exports.setOutput("status", report.status);
  core_exports.setOutput("drifted", String(report.drifted));
  core_exports.setOutput("share", String(report.share));
  core_exports.setOutput("drifted-columns", JSON.stringify(report.drifted_columns));
  core_exports.setOutput("report-path", result.reportPath ?? "");
  core_exports.setOutput("markdown-path", result.markdownPath ?? "");
  core_exports.setOutput("issue-number", result.issue?.number === void 0 ? "" : String(result.issue.number));
  core_exports.setOutput("issue-url", result.issue?.url ?? "");
  core_exports.setOutput("issue-action", result.issue?.action ?? "");
  core_exports.setOutput("retrained", String(result.retrained));
  await writeJobSummary(result.markdown ?? "");
  if (result.failed) core_exports.setFailed(`drift check: ${report.status} (fail-on: ${result.settings.failOn}); see ${result.markdownPath}`);
});
