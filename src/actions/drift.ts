/** The drift action: inputs → runDriftStage → outputs, the job summary, the drift issue. */
import { startAction } from "./start.ts";

await startAction("drift", async () => {
  const { DRIFT_FAIL_ON, DRIFT_MODES } = await import("../stages/drift-settings.ts");
  const { parseUrlHeader, runDriftStage } = await import("../stages/drift-stage.ts");
  const { gitOpsActionInputs } = await import("./stage-context.ts");
  const { core, getBooleanInput, getChoiceInput, getInput, getOptionalLinesInput, writeJobSummary } = await import("./runtime.ts");

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

  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    registry: getInput("registry"),
    redactionKey: getInput("redaction-key"),
  });
  const urlHeader = getInput("current-url-header");
  const urlHeaderSource = "input current-url-header";
  // The header usually carries a credential: mask its value before anything can log it.
  if (urlHeader !== undefined) for (const value of Object.values(parseUrlHeader(urlHeader, urlHeaderSource))) core.setSecret(value);
  // One URL per line: a URL may hold commas. Signed URLs carry secrets in their query: mask them.
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
      urlHeaderSource,
    },
    run,
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
