import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  readGitHubContext
} from "./chunks/chunk-XSH5H6CH.js";
import {
  ActionsLogger,
  core_exports,
  getInput,
  getIntegerInput,
  getRequiredInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION,
  UserError,
  createGitHubClient,
  errnoCode,
  publishReport
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/comment.ts
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== void 0) core_exports.setSecret(token);
  const bodyFile = getRequiredInput("body-file", "set `with: body-file: path/to/report.md`");
  let markdown;
  try {
    markdown = await readFile(bodyFile, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(code === "ENOENT" ? "the body file does not exist" : `cannot read the body file (${code ?? "unknown error"})`, {
      file: bodyFile,
      hint: "write the markdown file in an earlier step, or fix the `body-file` path (relative to the workspace)"
    });
  }
  const context = readGitHubContext();
  const issueNumber = getInput("issue-number") === void 0 ? void 0 : getIntegerInput("issue-number", 0);
  const result = await publishReport({
    context,
    client: token === void 0 ? void 0 : createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION }),
    key: { workflow: getInput("workflow") ?? context.workflow ?? "modelship", subject: getInput("subject") ?? basename(bodyFile) },
    markdown,
    fullReport: getInput("full-report"),
    issueNumber,
    logger,
    writeSummary: writeJobSummary
  });
  core_exports.setOutput("action", result.action);
  core_exports.setOutput("comment-id", result.id === void 0 ? "" : String(result.id));
  core_exports.setOutput("comment-url", result.url ?? "");
});
