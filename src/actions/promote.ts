/** The promote action: inputs → runPromoteStage (or, for action retire, runRetireEnvironmentStage) → outputs and a job summary. */
import type { ActionKind, Strategy } from "../stages/promote-stage.ts";
import { startAction } from "./start.ts";

/** What both kinds of promote PR report: the action's outputs and its job summary. */
interface PromoteOutcome {
  status: string;
  branch: string;
  title: string;
  body: string;
  prNumber?: number;
  prUrl?: string;
  superseded?: number[];
  version: string;
  modelUri: string;
}

await startAction("promote", async () => {
  const { runPromoteStage, runRetireEnvironmentStage } = await import("../stages/promote-stage.ts");
  const { gitOpsActionInputs } = await import("./stage-context.ts");
  const { core, getBooleanInput, getChoiceInput, getInput, getIntegerInput, getOptionalListInput, getRequiredInput, writeJobSummary } =
    await import("./runtime.ts");
  const { run, gitops } = gitOpsActionInputs({
    gitopsRepo: getInput("gitops-repo"),
    outDir: getInput("out"),
    registry: getInput("registry"),
  });
  const environment = getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production");
  const action = getChoiceInput<ActionKind | "retire">("action", ["start", "step", "promote", "rollback", "direct", "retire"]);
  let outcome: PromoteOutcome;
  if (action === "retire") {
    // The reviewed PR that takes the model out of the environment; `force: true` must be written in
    // the workflow (reviewed like code), no environment variable stands in for it.
    const retired = await runRetireEnvironmentStage(
      {
        model: getInput("model") || undefined,
        environment,
        force: getBooleanInput("force", false),
        supersede: getBooleanInput("supersede", false),
        gitops,
      },
      run,
    );
    outcome = { ...retired, modelUri: "" };
  } else {
    // "off" turns auto-merge off; any other value must be a merge method.
    const autoMerge = getInput("auto-merge") === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"] as const);
    const result = await runPromoteStage(
      {
        model: getInput("model"),
        version: getInput("version"),
        environment,
        action,
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
    outcome = { ...result, version: result.model.version, modelUri: result.model.uri };
  }
  core.setOutput("status", outcome.status);
  core.setOutput("branch", outcome.branch);
  core.setOutput("pr-number", outcome.prNumber === undefined ? "" : String(outcome.prNumber));
  core.setOutput("pr-url", outcome.prUrl ?? "");
  core.setOutput("superseded", (outcome.superseded ?? []).join(","));
  core.setOutput("version", outcome.version);
  core.setOutput("model-uri", outcome.modelUri);
  await writeJobSummary(
    `${outcome.prUrl === undefined ? `**${outcome.status}**: ${outcome.title}` : `**${outcome.status}**: [${outcome.title}](${outcome.prUrl})`}\n\n${outcome.body}`,
  );
});
