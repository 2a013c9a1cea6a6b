/** Issues and issue comments: get an issue, add labels; list, create, get, update and delete comments. */
import { renderComment, renderIssue, renderLabel } from "./render.ts";
import { notFound, paginate, positiveInteger, validationFailed, type Handler, type HandlerContext } from "./responses.ts";
import { timestamp, type IssueRecord, type RepoRecord } from "./state.ts";

function findRepo(context: HandlerContext): RepoRecord | undefined {
  return context.state.findRepo(context.params.owner!, context.params.repo!);
}

function findIssue(context: HandlerContext): { repo: RepoRecord; issue: IssueRecord } | undefined {
  const repo = findRepo(context);
  const number = positiveInteger(context.params.issue_number);
  const issue = repo === undefined || number === undefined ? undefined : context.state.findIssue(repo, number);
  return repo === undefined || issue === undefined ? undefined : { repo, issue };
}

/** Finds a comment by id, only within the repository named in the path (as GitHub does). */
function findComment(context: HandlerContext): ReturnType<HandlerContext["state"]["comments"]["get"]> {
  const repo = findRepo(context);
  const id = positiveInteger(context.params.comment_id);
  const comment = id === undefined ? undefined : context.state.comments.get(id);
  if (repo === undefined || comment === undefined) return undefined;
  return comment.repo.toLowerCase() === `${repo.owner}/${repo.name}`.toLowerCase() ? comment : undefined;
}

/** The comment body from a request the schema already accepted; GitHub refuses a blank one. */
function commentBody(context: HandlerContext): string | undefined {
  const body = (context.body as { body: string }).body;
  return body.trim() === "" ? undefined : body;
}

/** Handlers for the issue operations, by operationId. */
export const issueHandlers: Record<string, Handler> = {
  "issues/get": (context) => {
    const found = findIssue(context);
    return found === undefined ? notFound() : { status: 200, body: renderIssue(context, found.issue) };
  },

  // Adds to the labels already there (a label it has already stays once); unknown labels are created.
  "issues/add-labels": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const request = context.body as { labels?: (string | { name: string; suggest?: boolean })[] } | undefined;
    if (request?.labels === undefined) return validationFailed([{ resource: "Label", field: "labels", code: "missing_field" }]);
    // A suggested label waits for a person to accept it; it is not applied.
    const names = request.labels.flatMap((label) => (typeof label === "string" ? [label] : label.suggest === true ? [] : [label.name]));
    if (names.some((name) => name.trim() === "")) return validationFailed([{ resource: "Label", field: "name", code: "invalid" }]);
    const { repo, issue } = found;
    for (const name of names) {
      const label = context.state.label(repo, name);
      if (!issue.labels.some((known) => known.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
    }
    issue.updatedAt = timestamp();
    return { status: 200, body: issue.labels.map((name) => renderLabel(context, issue.repo, context.state.label(repo, name))) };
  },

  "issues/list-comments": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const since = context.query.since;
    const comments = context.state.commentsOf(found.issue.repo, found.issue.number).filter((comment) => since === undefined || comment.updatedAt >= since);
    return paginate(context, comments.map((comment) => renderComment(context, comment)));
  },

  "issues/create-comment": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const body = commentBody(context);
    if (body === undefined) return validationFailed([{ resource: "IssueComment", field: "body", code: "missing_field" }]);
    const now = timestamp();
    const comment = { id: context.state.nextId(), repo: found.issue.repo, issueNumber: found.issue.number, body, author: context.login, createdAt: now, updatedAt: now };
    context.state.comments.set(comment.id, comment);
    const rendered = renderComment(context, comment);
    return { status: 201, body: rendered, headers: { location: rendered.url as string } };
  },

  "issues/get-comment": (context) => {
    const comment = findComment(context);
    return comment === undefined ? notFound() : { status: 200, body: renderComment(context, comment) };
  },

  "issues/update-comment": (context) => {
    const comment = findComment(context);
    if (comment === undefined) return notFound();
    const body = commentBody(context);
    if (body === undefined) return validationFailed([{ resource: "IssueComment", field: "body", code: "missing_field" }]);
    comment.body = body;
    comment.updatedAt = timestamp();
    return { status: 200, body: renderComment(context, comment) };
  },

  "issues/delete-comment": (context) => {
    const comment = findComment(context);
    if (comment === undefined) return notFound();
    context.state.comments.delete(comment.id);
    return { status: 204 };
  },
};
