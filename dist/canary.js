import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/canary.ts
await startAction("canary", async () => {
  const { escapeMarkdown } = await import("./chunks/markdown-W7EBWZUE.js");
  const { renderHealthTable, runCanaryStage } = await import("./chunks/promote-stage-HFLACT53.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-R52PLW3P.js");
  const { core, getBooleanInput, getInput, getOptionalListInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), outDir: getInput("out") });
  const results = await runCanaryStage(
    {
      environments: getOptionalListInput("environments"),
      prometheus: getInput("prometheus"),
      metrics: getInput("metrics"),
      dryRun: getBooleanInput("dry-run", false),
      gitops,
      // A repository_dispatch from the health relay wakes the job (it checks every environment).
      event: eventOf(readGitHubContext())
    },
    run
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
        dry_run: result.dryRun ?? null
      }))
    )
  );
  const first = results.find((result) => result.promotion?.prUrl !== void 0);
  core.setOutput("pr-url", first?.promotion?.prUrl ?? "");
  core.setOutput("pr-number", first?.promotion?.prNumber === void 0 ? "" : String(first.promotion.prNumber));
  const parts = results.map((result) => {
    const promotion = result.promotion;
    const pr = promotion === void 0 ? "" : `

${promotion.prUrl === void 0 ? promotion.status : `[${escapeMarkdown(promotion.title)}](${promotion.prUrl}) (${promotion.status})`}`;
    const dry = result.dryRun === void 0 ? "" : `

${escapeMarkdown(result.dryRun)}`;
    const heal = result.selfHeal === void 0 ? "" : `

Self-healing: ${result.selfHeal.outcome} \u2014 ${escapeMarkdown(result.selfHeal.reason)}`;
    return `### ${result.environment}: ${result.decision.action}

${escapeMarkdown(result.decision.reason)}${result.checks.length > 0 ? `

${renderHealthTable(result.checks)}` : ""}${pr}${dry}${heal}`;
  });
  await writeJobSummary(`## modelship canary

${parts.join("\n\n")}`);
});
function eventOf(context) {
  return { ...context.eventName === void 0 ? {} : { name: context.eventName }, payload: context.payload };
}
