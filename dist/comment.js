import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/comment.ts
await startAction("comment", async () => {
  const { runCommentStage } = await import("./chunks/comment-stage-GQVIKRT2.js");
  const { readGitHubContext } = await import("./chunks/context-6DYI4TGX.js");
  const { actionStageRun, core, getInput, getIntegerInput, getRequiredInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
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
  core.setOutput("action", result.action);
  core.setOutput("comment-id", result.id === void 0 ? "" : String(result.id));
  core.setOutput("comment-url", result.url ?? "");
});
