/** Repositories: get a repository. (Pull requests are in pulls.ts.) */
import { renderRepo } from "./render.ts";
import { notFound, type Handler } from "./responses.ts";

/** Handlers for the repository operations, by operationId. */
export const repoHandlers: Record<string, Handler> = {
  "repos/get": (context) => {
    const repo = context.state.findRepo(context.params.owner!, context.params.repo!);
    return repo === undefined ? notFound() : { status: 200, body: renderRepo(context, repo, { full: true }) };
  },
};
