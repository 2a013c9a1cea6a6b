/** The canary action: read each canary's health, open the step-up / promotion / rollback PR. */
import { renderHealthTable, runCanaryStage } from "../stages/promote-stage.ts";
import { gitOpsActionInputs } from "./stage-context.ts";
import { core, getBooleanInput, getInput, getOptionalListInput, runAction, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), outDir: getInput("out") });
  const results = await runCanaryStage(
    {
      environments: getOptionalListInput("environments"),
      prometheus: getInput("prometheus"),
      metrics: getInput("metrics"),
      dryRun: getBooleanInput("dry-run", false),
      gitops,
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
        : `\n\n${promotion.prUrl === undefined ? promotion.status : `[${promotion.title}](${promotion.prUrl}) (${promotion.status})`}`;
    return `### ${result.environment}: ${result.decision.action}\n\n${result.decision.reason}${result.checks.length > 0 ? `\n\n${renderHealthTable(result.checks)}` : ""}${pr}`;
  });
  await writeJobSummary(`## modelship canary\n\n${parts.join("\n\n")}`);
});
