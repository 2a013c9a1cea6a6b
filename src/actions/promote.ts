/** The promote action: inputs → runPromoteStage → outputs and a job summary. */
import type { ActionKind, Strategy } from "../stages/promote-stage.ts";
import { startAction } from "./start.ts";

await startAction("promote", async () => {
  const { runPromoteStage } = await import("../stages/promote-stage.ts");
  const { gitOpsActionInputs } = await import("./stage-context.ts");
  const { core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, getRequiredInput, writeJobSummary } =
    await import("./runtime.ts");
  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    outDir: getInput("out"),
    registry: getInput("registry"),
  });
  // "off" turns auto-merge off; any other value must be a merge method.
  const autoMerge = getInput("auto-merge") === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"] as const);
  const result = await runPromoteStage(
    {
      model: getInput("model"),
      version: getInput("version"),
      environment: getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production"),
      action: getChoiceInput<ActionKind>("action", ["start", "step", "promote", "rollback", "direct"]),
      strategy: getChoiceInput<Strategy>("strategy", ["canary", "blue-green", "direct"]),
      weight: getIntegerInput("weight"),
      supersede: getBooleanInput("supersede", false),
      pullRequest: {
        labels: getOptionalListInput("labels"),
        reviewers: getOptionalListInput("reviewers"),
        teamReviewers: getOptionalListInput("team-reviewers"),
        draft: getBooleanInput("draft"),
        autoMerge,
      },
      gitops,
    },
    run,
  );
  core.setOutput("status", result.status);
  core.setOutput("branch", result.branch);
  core.setOutput("pr-number", result.prNumber === undefined ? "" : String(result.prNumber));
  core.setOutput("pr-url", result.prUrl ?? "");
  core.setOutput("superseded", (result.superseded ?? []).join(","));
  core.setOutput("version", result.model.version);
  core.setOutput("model-uri", result.model.uri);
  await writeJobSummary(
    `${result.prUrl === undefined ? `**${result.status}**: ${result.title}` : `**${result.status}**: [${result.title}](${result.prUrl})`}\n\n${result.body}`,
  );
});
