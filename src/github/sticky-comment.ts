/**
 * Sticky PR comments: one comment per (workflow, subject), found again by a hidden marker, created
 * once and edited on every re-run — never duplicated. `publishReport` wraps it with the fallbacks:
 * the job summary always gets the report; without a PR, on a fork PR (read-only token) or when
 * GitHub is down, a notice or warning says where the report went, and nothing fails.
 */
import { getErrorMessage } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { GitHubContext } from "./context.ts";
import { httpStatus, type GitHubClient } from "./octokit.ts";
import { fitCommentBody, GITHUB_BODY_LIMIT } from "../common/markdown.ts";

export interface StickyKey {
  workflow: string;
  subject: string;
}

const MARKER_PREFIX = "<!-- modelship:sticky ";
const MARKER_SUFFIX = " -->";

/** JSON that cannot end the HTML comment it sits in: `<`, `>` and `-` become `\u` escapes (JSON.parse undoes them). */
export function hiddenJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>-]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The hidden first line that identifies a sticky comment; its JSON cannot close the HTML comment. */
export function stickyMarker(key: StickyKey): string {
  return `${MARKER_PREFIX}${hiddenJson({ workflow: key.workflow, subject: key.subject })}${MARKER_SUFFIX}`;
}

/** The key of a comment body's marker, or undefined when the body has none. */
export function parseStickyMarker(body: string): StickyKey | undefined {
  if (!body.startsWith(MARKER_PREFIX)) return undefined;
  const end = body.indexOf(MARKER_SUFFIX, MARKER_PREFIX.length);
  if (end < 0) return undefined;
  try {
    const parsed = JSON.parse(body.slice(MARKER_PREFIX.length, end)) as unknown;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "workflow" in parsed &&
      "subject" in parsed &&
      typeof parsed.workflow === "string" &&
      typeof parsed.subject === "string"
    ) {
      return { workflow: parsed.workflow, subject: parsed.subject };
    }
  } catch {
    // Not ours (or hand-edited beyond recognition): treat as an ordinary comment.
  }
  return undefined;
}

export interface UpsertOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  issueNumber: number;
  key: StickyKey;
  body: string;
  /** Where the whole report is, for the truncation note. */
  fullReport?: string;
  /**
   * Only comments written by this login count as ours (e.g. the App that opened the PR): on a PR
   * others may comment on, a comment that copies the marker is never edited or trusted.
   */
  author?: string;
  logger: Logger;
}

export interface UpsertResult {
  action: "created" | "updated" | "unchanged";
  id: number;
  url: string;
}

/** Creates or edits the one comment for `key` on the issue or PR. */
export async function upsertStickyComment(options: UpsertOptions): Promise<UpsertResult> {
  const { client, owner, repo, issueNumber, key, logger } = options;
  const marker = stickyMarker(key);
  const body = `${marker}\n${fitCommentBody(options.body, { limit: GITHUB_BODY_LIMIT - marker.length - 1, fullReport: options.fullReport })}`;
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const ours = comments
    .filter((comment) => {
      if (options.author !== undefined && comment.user?.login !== options.author) return false;
      const found = comment.body === undefined ? undefined : parseStickyMarker(comment.body);
      return found !== undefined && found.workflow === key.workflow && found.subject === key.subject;
    })
    .sort((a, b) => Number(a.id) - Number(b.id));
  const [keep, ...extras] = ours;
  // Two concurrent first runs can each create one; converge on the oldest and remove the others.
  for (const extra of extras) {
    logger.info(`Removing duplicate modelship comment ${extra.id} (a past race between runs).`);
    await client.rest.issues.deleteComment({ owner, repo, comment_id: extra.id });
  }
  if (keep === undefined) {
    const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: "created", id: Number(data.id), url: data.html_url };
  }
  if (keep.body === body) return { action: "unchanged", id: Number(keep.id), url: keep.html_url };
  const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
  return { action: "updated", id: Number(data.id), url: data.html_url };
}

export interface PublishOptions {
  context: GitHubContext;
  /** Undefined when commenting is off or there is no token: the job summary only. */
  client?: GitHubClient;
  key: StickyKey;
  markdown: string;
  fullReport?: string;
  /** An explicit issue or PR number (the comment action's input); default: the event's PR. */
  issueNumber?: number;
  logger: Logger;
  writeSummary: (markdown: string) => Promise<void>;
}

export interface PublishResult {
  action: UpsertResult["action"] | "summary-only";
  id?: number;
  url?: string;
}

/** Writes the report to the job summary and, on a PR, to its sticky comment; never fails for GitHub's sake. */
export async function publishReport(options: PublishOptions): Promise<PublishResult> {
  const { context, client, logger } = options;
  await options.writeSummary(options.markdown);
  const issueNumber = options.issueNumber ?? context.pullRequest?.number;
  if (issueNumber === undefined || context.owner === undefined || context.repo === undefined) {
    logger.info("No pull request for this run: the report is in the job summary.");
    return { action: "summary-only" };
  }
  if (client === undefined) {
    logger.info("PR comments are off (or there is no token): the report is in the job summary.");
    return { action: "summary-only" };
  }
  if (options.issueNumber === undefined && context.eventName === "pull_request" && context.pullRequest?.fork === true) {
    logger.notice("This pull request comes from a fork, so the token cannot comment: the report is in the job summary.", {
      title: "modelship: report in the job summary",
    });
    return { action: "summary-only" };
  }
  try {
    const result = await upsertStickyComment({
      client,
      owner: context.owner,
      repo: context.repo,
      issueNumber,
      key: options.key,
      body: options.markdown,
      fullReport: options.fullReport,
      logger,
    });
    logger.info(`PR comment ${result.action}: ${result.url}`);
    return result;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404) {
      // A read-only token (fork PR, restricted permissions) or a PR we cannot see: expected, not a failure.
      logger.notice(
        `Could not comment on #${issueNumber} (HTTP ${status}: the token is read-only or lacks pull-requests: write): the report is in the job summary.`,
        { title: "modelship: report in the job summary" },
      );
    } else {
      logger.warning(`Could not post the PR comment (${getErrorMessage(error)}): the report is in the job summary.`, {
        title: "modelship: PR comment not posted",
      });
    }
    return { action: "summary-only" };
  }
}
