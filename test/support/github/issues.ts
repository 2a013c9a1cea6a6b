/**
 * Issues and issue comments: list, create, get and update issues, add labels; list, create, get,
 * update and delete comments. As on GitHub, the issue list holds pull requests too (they carry
 * `pull_request`), and labels named when creating or updating an issue are created on the fly.
 */
import { renderComment, renderIssue, renderLabel } from "./render.ts";
import {
  notFound,
  paginate,
  positiveInteger,
  validationFailed,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from "./responses.ts";
import { timestamp, type IssueRecord, type IssueStateReason, type RepoRecord } from "./state.ts";

type LabelInput = string | { name?: string; suggest?: boolean };

/** Label names of a create or update request (suggested ones wait for a person and are not applied). */
function labelNames(labels: LabelInput[]): string[] | undefined {
  const names = labels.flatMap((label) => (typeof label === "string" ? [label] : label.suggest === true ? [] : [label.name ?? ""]));
  return names.some((name) => name.trim() === "") ? undefined : names;
}

/** Applies label names to an issue (replacing its labels), creating unknown ones; case-insensitive duplicates collapse. */
function setLabels(context: HandlerContext, repo: RepoRecord, issue: IssueRecord, names: string[]): void {
  issue.labels = [];
  for (const name of names) {
    const label = context.state.label(repo, name);
    if (!issue.labels.some((known) => known.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
  }
}

/** The assignees of a request, spelled as known; `undefined` names one that cannot be assigned (GitHub's 422). */
function assignable(repo: RepoRecord, logins: string[], self: string): string[] | undefined {
  const known = (login: string): string | undefined => {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return repo.owner;
    if (login.toLowerCase() === self.toLowerCase()) return self;
    return repo.collaborators.get(login.toLowerCase());
  };
  const out: string[] = [];
  for (const login of logins) {
    const spelled = known(login);
    if (spelled === undefined) return undefined;
    if (!out.includes(spelled)) out.push(spelled);
  }
  return out;
}

function invalidAssignees(): HandlerResult {
  return validationFailed([{ resource: "Issue", field: "assignees", code: "invalid" }]);
}

const ISSUE_SORTS = new Set(["created", "updated", "comments"]);

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
  // Pull requests are issues too and are listed with them; `labels` keeps issues with every label named.
  "issues/list-for-repo": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const { state = "open", sort = "created", labels, since, creator } = context.query;
    if (!["open", "closed", "all"].includes(state)) return validationFailed([{ resource: "Issue", field: "state", code: "invalid" }]);
    if (!ISSUE_SORTS.has(sort)) return validationFailed([{ resource: "Issue", field: "sort", code: "invalid" }]);
    const direction = context.query.direction ?? "desc";
    if (direction !== "asc" && direction !== "desc") return validationFailed([{ resource: "Issue", field: "direction", code: "invalid" }]);
    const wanted = (labels ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== "");
    const commentCount = (issue: IssueRecord): number => context.state.commentsOf(issue.repo, issue.number).length;
    const compare = (a: IssueRecord, b: IssueRecord): number => {
      const order =
        sort === "comments"
          ? commentCount(a) - commentCount(b)
          : sort === "updated"
            ? a.updatedAt.localeCompare(b.updatedAt)
            : a.createdAt.localeCompare(b.createdAt);
      // Timestamps have whole seconds; the number breaks ties in creation order.
      return order || a.number - b.number;
    };
    const issues = context.state
      .issuesOf(repo)
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => wanted.every((name) => issue.labels.some((label) => label.toLowerCase() === name)))
      .filter((issue) => since === undefined || issue.updatedAt >= since)
      .filter((issue) => creator === undefined || issue.author.toLowerCase() === creator.toLowerCase())
      .sort(compare);
    if (direction === "desc") issues.reverse();
    return paginate(
      context,
      issues.map((issue) => renderIssue(context, issue)),
    );
  },

  "issues/create": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const request = context.body as {
      title: string | number;
      body?: string;
      labels?: LabelInput[];
      assignees?: string[];
      assignee?: string | null;
    };
    const title = String(request.title);
    if (title.trim() === "") return validationFailed([{ resource: "Issue", field: "title", code: "missing_field" }]);
    const names = labelNames(request.labels ?? []);
    if (names === undefined) return validationFailed([{ resource: "Label", field: "name", code: "invalid" }]);
    const assignees = assignable(
      repo,
      [...(request.assignee == null ? [] : [request.assignee]), ...(request.assignees ?? [])],
      context.login,
    );
    if (assignees === undefined) return invalidAssignees();
    const now = timestamp();
    const issue: IssueRecord = {
      id: context.state.nextId(),
      repo: `${repo.owner}/${repo.name}`,
      number: context.state.nextNumber(repo),
      title,
      body: request.body ?? null,
      author: context.login,
      createdAt: now,
      updatedAt: now,
      state: "open",
      closedAt: null,
      labels: [],
      assignees,
    };
    setLabels(context, repo, issue, names);
    context.state.putIssue(issue);
    const rendered = renderIssue(context, issue);
    return { status: 201, body: rendered, headers: { location: rendered.url as string } };
  },

  // Changes only what the request names; `labels` and `assignees` replace, `state_reason` counts only with a state change.
  "issues/update": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const { repo, issue } = found;
    const request = (context.body ?? {}) as {
      title?: string | number | null;
      body?: string | null;
      state?: "open" | "closed";
      state_reason?: IssueStateReason | null;
      labels?: LabelInput[];
      assignees?: (string | { login?: string; suggest?: boolean })[];
    };
    if (request.title !== undefined && request.title !== null && String(request.title).trim() === "")
      return validationFailed([{ resource: "Issue", field: "title", code: "missing_field" }]);
    const names = request.labels === undefined ? undefined : labelNames(request.labels);
    if (request.labels !== undefined && names === undefined)
      return validationFailed([{ resource: "Label", field: "name", code: "invalid" }]);
    const assignees =
      request.assignees === undefined
        ? undefined
        : assignable(
            repo,
            request.assignees.flatMap((a) => (typeof a === "string" ? [a] : a.suggest === true ? [] : [a.login ?? ""])),
            context.login,
          );
    if (request.assignees !== undefined && assignees === undefined) return invalidAssignees();
    if (request.state !== undefined && request.state !== issue.state && issue.pull?.merged === true)
      return validationFailed([{ resource: "Issue", field: "state", code: "invalid" }]);
    if (request.state === "closed" && request.state_reason === "reopened")
      return validationFailed([{ resource: "Issue", field: "state_reason", code: "invalid" }]);
    const now = timestamp();
    if (request.title !== undefined && request.title !== null) issue.title = String(request.title);
    if (request.body !== undefined) issue.body = request.body;
    if (names !== undefined) setLabels(context, repo, issue, names);
    if (assignees !== undefined) issue.assignees = assignees;
    if (request.state !== undefined && request.state !== issue.state) {
      issue.state = request.state;
      issue.closedAt = request.state === "closed" ? now : null;
      issue.stateReason = request.state === "closed" ? (request.state_reason ?? "completed") : "reopened";
    }
    issue.updatedAt = now;
    return { status: 200, body: renderIssue(context, issue) };
  },

  "issues/get": (context) => {
    const found = findIssue(context);
    return found === undefined ? notFound() : { status: 200, body: renderIssue(context, found.issue) };
  },

  // Adds to the labels already there (a label it has already stays once); unknown labels are created.
  "issues/add-labels": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const request = context.body as { labels?: LabelInput[] } | undefined;
    if (request?.labels === undefined) return validationFailed([{ resource: "Label", field: "labels", code: "missing_field" }]);
    // A suggested label waits for a person to accept it; it is not applied.
    const names = labelNames(request.labels);
    if (names === undefined) return validationFailed([{ resource: "Label", field: "name", code: "invalid" }]);
    const { repo, issue } = found;
    setLabels(context, repo, issue, [...issue.labels, ...names]);
    issue.updatedAt = timestamp();
    return { status: 200, body: issue.labels.map((name) => renderLabel(context, issue.repo, context.state.label(repo, name))) };
  },

  "issues/list-comments": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const since = context.query.since;
    const comments = context.state
      .commentsOf(found.issue.repo, found.issue.number)
      .filter((comment) => since === undefined || comment.updatedAt >= since);
    return paginate(
      context,
      comments.map((comment) => renderComment(context, comment)),
    );
  },

  "issues/create-comment": (context) => {
    const found = findIssue(context);
    if (found === undefined) return notFound();
    const body = commentBody(context);
    if (body === undefined) return validationFailed([{ resource: "IssueComment", field: "body", code: "missing_field" }]);
    const now = timestamp();
    const comment = {
      id: context.state.nextId(),
      repo: found.issue.repo,
      issueNumber: found.issue.number,
      body,
      author: context.login,
      createdAt: now,
      updatedAt: now,
    };
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
