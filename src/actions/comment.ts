/** The comment action: posts a markdown file as a sticky PR comment, the job summary as fallback. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import { readGitHubContext } from "../github/context.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { publishReport } from "../github/sticky-comment.ts";
import { ActionsLogger, core, getInput, getIntegerInput, getRequiredInput, runAction, TOOL_VERSION, writeJobSummary } from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
  const bodyFile = getRequiredInput("body-file", "set `with: body-file: path/to/report.md`");
  let markdown: string;
  try {
    markdown = await readFile(bodyFile, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(code === "ENOENT" ? "the body file does not exist" : `cannot read the body file (${code ?? "unknown error"})`, {
      file: bodyFile,
      hint: "write the markdown file in an earlier step, or fix the `body-file` path (relative to the workspace)",
    });
  }
  const context = readGitHubContext();
  const issueNumber = getInput("issue-number") === undefined ? undefined : getIntegerInput("issue-number", 0);
  const result = await publishReport({
    context,
    client: token === undefined ? undefined : createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION }),
    key: { workflow: getInput("workflow") ?? context.workflow ?? "modelship", subject: getInput("subject") ?? basename(bodyFile) },
    markdown,
    fullReport: getInput("full-report"),
    issueNumber,
    logger,
    writeSummary: writeJobSummary,
  });
  core.setOutput("action", result.action);
  core.setOutput("comment-id", result.id === undefined ? "" : String(result.id));
  core.setOutput("comment-url", result.url ?? "");
});
