import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageRun,
  core_exports,
  getInput,
  getIntegerInput,
  getRequiredInput,
  runAction,
  runCommentStage,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import {
  readGitHubContext
} from "./chunks/chunk-2BUAMGEV.js";

// src/actions/comment.ts
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
      writeSummary: writeJobSummary
    },
    run
  );
  core_exports.setOutput("action", result.action);
  core_exports.setOutput("comment-id", result.id === void 0 ? "" : String(result.id));
  core_exports.setOutput("comment-url", result.url ?? "");
});
