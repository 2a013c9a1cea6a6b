/** Git refs (get, create, update, delete) and the two dispatch operations. */
import { notFound, validationFailed, errorResult, type Handler, type HandlerContext, type HandlerResult } from "./responses.ts";
import { repoKey, type RepoRecord } from "./state.ts";

const SHA = /^[0-9a-f]{40}$/;

function findRepo(context: HandlerContext): RepoRecord | undefined {
  return context.state.findRepo(context.params.owner!, context.params.repo!);
}

/** The map key of a fully qualified ref (`refs/heads/main`) in a repository. */
function refKey(repo: RepoRecord, ref: string): string {
  return `${repoKey(`${repo.owner}/${repo.name}`)}#${ref}`;
}

function renderRef(context: HandlerContext, repo: RepoRecord, ref: string, sha: string): HandlerResult["body"] {
  const repoUrl = `${context.apiUrl}/repos/${repo.owner}/${repo.name}`;
  return {
    ref,
    node_id: `REF_kwDO${Buffer.from(ref).toString("base64url")}`,
    url: `${repoUrl}/git/${ref}`,
    object: { sha, type: "commit", url: `${repoUrl}/git/commits/${sha}` },
  };
}

/** Handlers for git refs and dispatches, by operationId. */
export const gitHandlers: Record<string, Handler> = {
  // The `ref` path parameter is short (`heads/main`); the stored and returned ref is qualified.
  "git/get-ref": (context) => {
    const repo = findRepo(context);
    const ref = `refs/${context.params.ref!}`;
    const sha = repo === undefined ? undefined : context.state.refs.get(refKey(repo, ref));
    return repo === undefined || sha === undefined ? notFound() : { status: 200, body: renderRef(context, repo, ref, sha) };
  },

  "git/create-ref": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const { ref, sha } = context.body as { ref: string; sha: string };
    if (!/^refs\/[^/]+\/.+/.test(ref)) return errorResult(422, `${ref} is not a valid ref name.`);
    if (!SHA.test(sha)) return validationFailed([{ resource: "Reference", field: "sha", code: "invalid" }]);
    if (context.state.refs.has(refKey(repo, ref))) return errorResult(422, "Reference already exists");
    context.state.refs.set(refKey(repo, ref), sha);
    return {
      status: 201,
      body: renderRef(context, repo, ref, sha),
      headers: { location: `${context.apiUrl}/repos/${repo.owner}/${repo.name}/git/${ref}` },
    };
  },

  "git/update-ref": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const ref = `refs/${context.params.ref!}`;
    const { sha } = context.body as { sha: string };
    if (!context.state.refs.has(refKey(repo, ref))) return errorResult(422, "Reference does not exist");
    if (!SHA.test(sha)) return validationFailed([{ resource: "Reference", field: "sha", code: "invalid" }]);
    // The fake has no commit graph, so every update counts as a fast-forward.
    context.state.refs.set(refKey(repo, ref), sha);
    return { status: 200, body: renderRef(context, repo, ref, sha) };
  },

  "git/delete-ref": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const key = refKey(repo, `refs/${context.params.ref!}`);
    if (!context.state.refs.delete(key)) return errorResult(422, "Reference does not exist");
    return { status: 204 };
  },

  "repos/create-dispatch-event": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const { event_type: name, client_payload: payload } = context.body as { event_type: string; client_payload?: Record<string, unknown> };
    context.state.dispatches.push({ repo: `${repo.owner}/${repo.name}`, kind: "repository", name, payload: payload ?? {} });
    return { status: 204 };
  },

  "actions/create-workflow-dispatch": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const { ref, inputs } = context.body as { ref: string; inputs?: Record<string, unknown> };
    context.state.dispatches.push({
      repo: `${repo.owner}/${repo.name}`,
      kind: "workflow",
      name: context.params.workflow_id!,
      payload: inputs ?? {},
      ref,
    });
    return { status: 204 };
  },
};
