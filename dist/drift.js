import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/drift.ts
await startAction("drift", async () => {
  const { DRIFT_FAIL_ON, DRIFT_MODES } = await import("./chunks/drift-settings-EBYNVLII.js");
  const { parseUrlHeader, runDriftStage } = await import("./chunks/drift-stage-INX23KV5.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-R52PLW3P.js");
  const { core, getBooleanInput, getChoiceInput, getInput, getOptionalLinesInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  function maskUrlSecrets(text) {
    let url;
    try {
      url = new URL(text);
    } catch {
      return;
    }
    for (const secret of [url.search.slice(1), decodeURIComponent(url.password), decodeURIComponent(url.username)])
      if (secret.length >= 4) core.setSecret(secret);
    for (const value of url.searchParams.values()) if (value.length >= 4) core.setSecret(value);
  }
  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    registry: getInput("registry"),
    redactionKey: getInput("redaction-key")
  });
  const urlHeader = getInput("current-url-header");
  const urlHeaderSource = "input current-url-header";
  if (urlHeader !== void 0) for (const value of Object.values(parseUrlHeader(urlHeader, urlHeaderSource))) core.setSecret(value);
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
  core.setOutput("shard-path", result.shardPath ?? "");
  const report = result.report;
  if (report === void 0) return;
  core.setOutput("status", report.status);
  core.setOutput("drifted", String(report.drifted));
  core.setOutput("share", String(report.share));
  core.setOutput("drifted-columns", JSON.stringify(report.drifted_columns));
  core.setOutput("report-path", result.reportPath ?? "");
  core.setOutput("markdown-path", result.markdownPath ?? "");
  core.setOutput("issue-number", result.issue?.number === void 0 ? "" : String(result.issue.number));
  core.setOutput("issue-url", result.issue?.url ?? "");
  core.setOutput("issue-action", result.issue?.action ?? "");
  core.setOutput("retrained", String(result.retrained));
  await writeJobSummary(result.markdown ?? "");
  if (result.failed) core.setFailed(`drift check: ${report.status} (fail-on: ${result.settings.failOn}); see ${result.markdownPath}`);
});
