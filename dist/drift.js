import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  parseUrlHeader,
  runDriftStage
} from "./chunks/chunk-TX4O3PGT.js";
import {
  gitOpsActionInputs
} from "./chunks/chunk-F4NEKW7H.js";
import "./chunks/chunk-D7FCDN2K.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-VICJCUTS.js";
import "./chunks/chunk-FYVV4NEY.js";
import "./chunks/chunk-WRCWUBJC.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-LC6K3RCJ.js";
import "./chunks/chunk-VXINPS6Q.js";
import "./chunks/chunk-FH5TOFOZ.js";
import "./chunks/chunk-DJZQNN3P.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-XWHTO7IV.js";
import "./chunks/chunk-O3SQ3WKX.js";
import "./chunks/chunk-IIWHS54Y.js";
import "./chunks/chunk-2DA7VCXQ.js";
import {
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getOptionalLinesInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-2VH4JETB.js";
import "./chunks/chunk-DPAG27KB.js";

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
