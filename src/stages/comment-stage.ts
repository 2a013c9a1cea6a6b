/**
 * The comment stage: a markdown report as the sticky PR comment for its key, with the job summary as
 * the fallback. The comment action posts a file this way; select-best posts its sweep comparison.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import type { GitHubContext } from "../github/context.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { publishReport, type PublishResult, type StickyKey } from "../github/sticky-comment.ts";
import type { StageRun } from "./stage-run.ts";

export type { PublishResult } from "../github/sticky-comment.ts";

/** What publishing needs of the run: the token (none: the job summary only), the logger and the version for the user agent. */
export type ReportRun = Pick<StageRun, "token" | "logger" | "toolVersion">;

/** Where a stage publishes its report: the run's GitHub facts, and the face's job-summary writer (only a face speaks to the runner). */
export interface ReportTarget {
  context: GitHubContext;
  writeSummary: (markdown: string) => Promise<void>;
}

/** Writes the job summary and, with commenting on and a token, the sticky comment for `key`; never fails for GitHub's sake. */
export async function publishComment(
  options: ReportTarget & { comment: boolean; key: StickyKey; markdown: string; fullReport?: string; issueNumber?: number },
  run: ReportRun,
): Promise<PublishResult> {
  const { token, logger } = run;
  return publishReport({
    context: options.context,
    client: options.comment && token !== undefined ? createGitHubClient({ token, logger, userAgentVersion: run.toolVersion }) : undefined,
    key: options.key,
    markdown: options.markdown,
    fullReport: options.fullReport,
    issueNumber: options.issueNumber,
    logger,
    writeSummary: options.writeSummary,
  });
}

/** What the comment action gives its stage. */
export interface CommentStageInputs extends ReportTarget {
  /** The markdown file to post, relative to the workspace. */
  bodyFile: string;
  /** The sticky key's subject (default: the body file's name) and workflow (default: the run's). */
  subject?: string;
  workflow?: string;
  /** An issue or PR to comment on instead of the event's PR. */
  issueNumber?: number;
  /** Where the full report is, named when the comment is cut short. */
  fullReport?: string;
}

/** Reads the body file and publishes it as the sticky comment for (workflow, subject). */
export async function runCommentStage(inputs: CommentStageInputs, run: ReportRun): Promise<PublishResult> {
  let markdown: string;
  try {
    markdown = await readFile(inputs.bodyFile, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(
      code === "ENOENT" || code === "ENOTDIR"
        ? "the body file does not exist"
        : code === "EISDIR"
          ? "the body file is a folder, not a markdown file"
          : `cannot read the body file (${code ?? "unknown error"})`,
      {
        file: inputs.bodyFile,
        hint: "write the markdown file in an earlier step, or fix the `body-file` path (relative to the workspace)",
      },
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
      issueNumber: inputs.issueNumber,
    },
    run,
  );
}
