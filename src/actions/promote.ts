/** The promote action: inputs → runPromoteStage → outputs and a job summary. */
import type { ActionKind, Strategy } from "../gitops/rollout-settings.ts";
import { runPromoteStage } from "../stages/promote-stage.ts";
import { parseModelRef } from "../registry/version.ts";
import { actionStageContext } from "./stage-context.ts";
import {
  core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getIntegerInput,
  getListInput,
  getRequiredInput,
  runAction,
  writeJobSummary,
} from "./runtime.ts";

await runAction(async () => {
  const gitopsRepo = getInput("gitops-repo");
  const outDir = getInput("out");
  const registry = getInput("registry");
  const stage = await actionStageContext({
    ...(gitopsRepo === undefined ? {} : { gitopsRepo }),
    ...(outDir === undefined ? {} : { outDir }),
    ...(registry === undefined ? {} : { registry }),
  });
  const weight = getInput("weight");
  const version = getInput("version");
  const named = getInput("model") ?? stage.loaded.config?.model;
  const model = version === undefined || named === undefined ? named : `${parseModelRef(named).model}@${version}`;
  const autoMerge = getInput("auto-merge");
  const labels = getListInput("labels");
  const reviewers = getListInput("reviewers");
  const teamReviewers = getListInput("team-reviewers");
  const result = await runPromoteStage(
    {
      ...(model === undefined ? {} : { model }),
      environment: getRequiredInput("environment", "name the environment in promote.environments, e.g. environment: production"),
      ...(getInput("action") === undefined
        ? {}
        : { action: getChoiceInput<ActionKind>("action", ["start", "step", "promote", "rollback", "direct"], "start") }),
      ...(getInput("strategy") === undefined
        ? {}
        : { strategy: getChoiceInput<Strategy>("strategy", ["canary", "blue-green", "direct"], "canary") }),
      ...(weight === undefined ? {} : { weight: getIntegerInput("weight", 0) }),
      pullRequest: {
        ...(labels.length === 0 ? {} : { labels }),
        ...(reviewers.length === 0 ? {} : { reviewers }),
        ...(teamReviewers.length === 0 ? {} : { teamReviewers }),
        ...(getInput("draft") === undefined ? {} : { draft: getBooleanInput("draft", false) }),
        ...(autoMerge === undefined
          ? {}
          : { autoMerge: autoMerge === "off" ? false : getChoiceInput("auto-merge", ["merge", "squash", "rebase"] as const, "squash") }),
      },
    },
    stage,
  );
  core.setOutput("status", result.status);
  core.setOutput("branch", result.branch);
  core.setOutput("pr-number", result.prNumber === undefined ? "" : String(result.prNumber));
  core.setOutput("pr-url", result.prUrl ?? "");
  core.setOutput("version", result.model.version);
  core.setOutput("model-uri", result.model.uri);
  await writeJobSummary(
    `${result.prUrl === undefined ? `**${result.status}**: ${result.title}` : `**${result.status}**: [${result.title}](${result.prUrl})`}\n\n${result.body}`,
  );
});
