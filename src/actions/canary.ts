/** The canary action: read each canary's health, open the step-up / promotion / rollback PR. */
import type { GitHubContext } from "../github/context.ts";
import { startAction } from "./start.ts";

await startAction("canary", async () => {
  const { escapeMarkdown } = await import("../common/markdown.ts");
  const { renderHealthTable, runCanaryStage } = await import("../stages/promote-stage.ts");
  const { readGitHubContext } = await import("../github/context.ts");
  const { gitOpsActionInputs } = await import("./stage-context.ts");
  const { core, getBooleanInput, getInput, getOptionalListInput, writeJobSummary } = await import("./runtime.ts");
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), outDir: getInput("out") });
  const results = await runCanaryStage(
    {
      environments: getOptionalListInput("environments"),
      prometheus: getInput("prometheus"),
      metrics: getInput("metrics"),
      dryRun: getBooleanInput("dry-run", false),
      gitops,
      // A repository_dispatch from the health relay wakes the job (it checks every environment).
      event: eventOf(readGitHubContext()),
    },
    run,
  );
  core.setOutput(
    "decisions",
    JSON.stringify(
      results.map((result) => ({
        environment: result.environment,
        action: result.decision.action,
        reason: result.decision.reason,
        pr_number: result.promotion?.prNumber ?? null,
        pr_url: result.promotion?.prUrl ?? null,
        // Self-healing (rollback: merge): what happened to the rollback PR, and whether modelship merged it now.
        self_heal: result.selfHeal?.outcome ?? null,
        merged: result.selfHeal?.outcome === "merged",
        merge_sha: result.selfHeal?.merge?.sha ?? null,
        dry_run: result.dryRun ?? null,
      })),
    ),
  );
  const first = results.find((result) => result.promotion?.prUrl !== undefined);
  core.setOutput("pr-url", first?.promotion?.prUrl ?? "");
  core.setOutput("pr-number", first?.promotion?.prNumber === undefined ? "" : String(first.promotion.prNumber));
  const parts = results.map((result) => {
    const promotion = result.promotion;
    const pr =
      promotion === undefined
        ? ""
        : `\n\n${promotion.prUrl === undefined ? promotion.status : `[${escapeMarkdown(promotion.title)}](${promotion.prUrl}) (${promotion.status})`}`;
    const dry = result.dryRun === undefined ? "" : `\n\n${escapeMarkdown(result.dryRun)}`;
    const heal =
      result.selfHeal === undefined ? "" : `\n\nSelf-healing: ${result.selfHeal.outcome} — ${escapeMarkdown(result.selfHeal.reason)}`;
    // Reasons quote PR titles and check details: escaped, so they cannot add links or markup to the summary.
    return `### ${result.environment}: ${result.decision.action}\n\n${escapeMarkdown(result.decision.reason)}${result.checks.length > 0 ? `\n\n${renderHealthTable(result.checks)}` : ""}${pr}${dry}${heal}`;
  });
  await writeJobSummary(`## modelship canary\n\n${parts.join("\n\n")}`);
});

/** The run's event for the stage: its name and payload (only a repository_dispatch is read). */
function eventOf(context: GitHubContext): { name?: string; payload: Record<string, unknown> } {
  return { ...(context.eventName === undefined ? {} : { name: context.eventName }), payload: context.payload };
}
