import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  publishReport
} from "./chunk-JUOJYRD4.js";
import {
  createGitHubClient
} from "./chunk-LTT6RTNS.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/stages/comment-stage.ts
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
async function publishComment(options, run) {
  const { token, logger } = run;
  return publishReport({
    context: options.context,
    client: options.comment && token !== void 0 ? createGitHubClient({ token, logger, userAgentVersion: run.toolVersion }) : void 0,
    key: options.key,
    markdown: options.markdown,
    fullReport: options.fullReport,
    issueNumber: options.issueNumber,
    logger,
    writeSummary: options.writeSummary
  });
}
async function runCommentStage(inputs, run) {
  let markdown;
  try {
    markdown = await readFile(inputs.bodyFile, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(
      code === "ENOENT" || code === "ENOTDIR" ? "the body file does not exist" : code === "EISDIR" ? "the body file is a folder, not a markdown file" : `cannot read the body file (${code ?? "unknown error"})`,
      {
        file: inputs.bodyFile,
        hint: "write the markdown file in an earlier step, or fix the `body-file` path (relative to the workspace)"
      }
    );
  }
  return publishComment(
    {
      context: inputs.context,
      writeSummary: inputs.writeSummary,
      // The comment action's whole point is the comment: it is on whenever there is a token.
      comment: true,
      key: { workflow: inputs.workflow ?? inputs.context.workflow ?? "modelship", subject: inputs.subject ?? basename(inputs.bodyFile) },
      markdown,
      fullReport: inputs.fullReport,
      issueNumber: inputs.issueNumber
    },
    run
  );
}

export {
  publishComment,
  runCommentStage
};
