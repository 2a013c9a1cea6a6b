import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  parseUrlHeader,
  runDriftStage
} from "./chunks/chunk-4JGOUWUJ.js";
import {
  gitOpsActionInputs
} from "./chunks/chunk-WIJZB72H.js";
import "./chunks/chunk-YAQVTO64.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-55Q5D4H7.js";
import "./chunks/chunk-63NOYDUD.js";
import "./chunks/chunk-XWHKT4QQ.js";
import "./chunks/chunk-44TVQWWB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-R2E5VZUO.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-CJDYYHPO.js";
import "./chunks/chunk-ZELXXSV6.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-MOHOK2SR.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import "./chunks/chunk-2BUAMGEV.js";

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
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), registry: getInput("registry") });
  const urlHeader = getInput("current-url-header");
  const urlHeaderSource = "input current-url-header";
  if (urlHeader !== void 0) for (const value of Object.values(parseUrlHeader(urlHeader, urlHeaderSource))) core_exports.setSecret(value);
  const currentUrls = getOptionalLinesInput("current-url");
  for (const url of currentUrls ?? []) maskUrlSecrets(url);
  const mode = getChoiceInput("drift-mode", DRIFT_MODES);
  const failOn = getChoiceInput("fail-on", DRIFT_FAIL_ON);
  const result = await runDriftStage(
    {
      reference: getInput("reference"),
      environment: getInput("environment"),
      current: getOptionalLinesInput("current"),
      currentUrls,
      currentProfiles: getOptionalLinesInput("current-profiles"),
      shardOutput: getInput("shard-output"),
      mode,
      failOn,
      reportDir: getInput("report-dir"),
      issue: getBooleanInput("issue"),
      issueOnGitHub: true,
      retrain: getBooleanInput("retrain", true),
      gitops,
      urlHeader,
      urlHeaderSource
    },
    run
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
