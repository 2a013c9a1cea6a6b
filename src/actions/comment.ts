/** The comment action: inputs → runCommentStage (a markdown file as a sticky PR comment, the job summary as fallback) → outputs. */
import { startAction } from "./start.ts";

await startAction("comment", async () => {
  const { runCommentStage } = await import("../stages/comment-stage.ts");
  const { readGitHubContext } = await import("../github/context.ts");
  const { actionStageRun, core, getInput, getIntegerInput, getRequiredInput, writeJobSummary } = await import("./runtime.ts");
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
