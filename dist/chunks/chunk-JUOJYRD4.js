import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  httpStatus
} from "./chunk-LTT6RTNS.js";
import {
  GITHUB_BODY_LIMIT,
  fitCommentBody
} from "./chunk-HFKEWQQZ.js";
import {
  getErrorMessage
} from "./chunk-SU4BFKON.js";

// src/github/sticky-comment.ts
var MARKER_PREFIX = "<!-- modelship:sticky ";
var MARKER_SUFFIX = " -->";
function hiddenJson(value) {
  return JSON.stringify(value).replace(/[<>-]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function stickyMarker(key) {
  return `${MARKER_PREFIX}${hiddenJson({ workflow: key.workflow, subject: key.subject })}${MARKER_SUFFIX}`;
}
function parseStickyMarker(body) {
  if (!body.startsWith(MARKER_PREFIX)) return void 0;
  const end = body.indexOf(MARKER_SUFFIX, MARKER_PREFIX.length);
  if (end < 0) return void 0;
  try {
    const parsed = JSON.parse(body.slice(MARKER_PREFIX.length, end));
    if (typeof parsed === "object" && parsed !== null && "workflow" in parsed && "subject" in parsed && typeof parsed.workflow === "string" && typeof parsed.subject === "string") {
      return { workflow: parsed.workflow, subject: parsed.subject };
    }
  } catch {
  }
  return void 0;
}
async function upsertStickyComment(options) {
  const { client, owner, repo, issueNumber, key, logger } = options;
  const marker = stickyMarker(key);
  const body = `${marker}
${fitCommentBody(options.body, { limit: GITHUB_BODY_LIMIT - marker.length - 1, fullReport: options.fullReport })}`;
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const ours = comments.filter((comment) => {
    if (options.author !== void 0 && comment.user?.login !== options.author) return false;
    const found = comment.body === void 0 ? void 0 : parseStickyMarker(comment.body);
    return found !== void 0 && found.workflow === key.workflow && found.subject === key.subject;
  }).sort((a, b) => Number(a.id) - Number(b.id));
  const [keep, ...extras] = ours;
  for (const extra of extras) {
    logger.info(`Removing duplicate modelship comment ${extra.id} (a past race between runs).`);
    await client.rest.issues.deleteComment({ owner, repo, comment_id: extra.id });
  }
  if (keep === void 0) {
    const { data: data2 } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: "created", id: Number(data2.id), url: data2.html_url };
  }
  if (keep.body === body) return { action: "unchanged", id: Number(keep.id), url: keep.html_url };
  const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
  return { action: "updated", id: Number(data.id), url: data.html_url };
}
async function publishReport(options) {
  const { context, client, logger } = options;
  await options.writeSummary(options.markdown);
  const issueNumber = options.issueNumber ?? context.pullRequest?.number;
  if (issueNumber === void 0 || context.owner === void 0 || context.repo === void 0) {
    logger.info("No pull request for this run: the report is in the job summary.");
    return { action: "summary-only" };
  }
  if (client === void 0) {
    logger.info("PR comments are off (or there is no token): the report is in the job summary.");
    return { action: "summary-only" };
  }
  if (options.issueNumber === void 0 && context.eventName === "pull_request" && context.pullRequest?.fork === true) {
    logger.notice("This pull request comes from a fork, so the token cannot comment: the report is in the job summary.", {
      title: "modelship: report in the job summary"
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
      logger
    });
    logger.info(`PR comment ${result.action}: ${result.url}`);
    return result;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404) {
      logger.notice(
        `Could not comment on #${issueNumber} (HTTP ${status}: the token is read-only or lacks pull-requests: write): the report is in the job summary.`,
        { title: "modelship: report in the job summary" }
      );
    } else {
      logger.warning(`Could not post the PR comment (${getErrorMessage(error)}): the report is in the job summary.`, {
        title: "modelship: PR comment not posted"
      });
    }
    return { action: "summary-only" };
  }
}

export {
  hiddenJson,
  upsertStickyComment,
  publishReport
};
