/** Repositories and pull requests: get a repository, get a pull request. */
import { renderPull, renderRepo } from "./render.ts";
import { notFound, positiveInteger, type Handler } from "./responses.ts";

/** Handlers for the repository and pull-request operations, by operationId. */
export const repoHandlers: Record<string, Handler> = {
  "repos/get": (context) => {
    const repo = context.state.findRepo(context.params.owner!, context.params.repo!);
    return repo === undefined ? notFound() : { status: 200, body: renderRepo(context, repo, { full: true }) };
  },

  "pulls/get": (context) => {
    const repo = context.state.findRepo(context.params.owner!, context.params.repo!);
    const number = positiveInteger(context.params.pull_number);
    const issue = repo === undefined || number === undefined ? undefined : context.state.findIssue(repo, number);
    if (repo === undefined || issue?.pull === undefined) return notFound();
    const [owner, name] = issue.pull.headRepo.split("/") as [string, string];
    const head = context.state.findRepo(owner, name);
    if (head === undefined) throw new Error(`head repository ${issue.pull.headRepo} of ${issue.repo}#${issue.number} is missing`);
    return { status: 200, body: renderPull(context, issue, repo, head) };
  },
};
