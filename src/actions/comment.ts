/** The comment action: inputs → runCommentStage (a markdown file as a sticky PR comment, the job summary as fallback) → outputs. */
import { runCommentStage } from "../stages/comment-stage.ts";
import { readGitHubContext } from "../github/context.ts";
import { actionStageRun, core, getInput, getIntegerInput, getRequiredInput, runAction, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const run = actionStageRun({ token: getInput("token") });
  const result = await runCommentStage(
    {
      bodyFile: getRequiredInput("body-file", "set `with: body-file: path/to/report.md`"),
      subject: getInput("subject"),
      workflow: getInput("workflow"),
      issueNumber: getIntegerInput("issue-number"),
      fullReport: getInput("full-report"),
      context: readGitHubContext(),
      writeSummary: writeJobSummary,
    },
    run,
  );
  core.setOutput("action", result.action);
  core.setOutput("comment-id", result.id === undefined ? "" : String(result.id));
  core.setOutput("comment-url", result.url ?? "");
});
