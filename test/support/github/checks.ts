/**
 * Check runs and commit statuses of a commit (what branch protection and self-healing read): tests
 * seed them with `FakeGitHub.addCheckRun` / `addCommitStatus`; the handlers list them as GitHub does.
 * - `GET .../commits/{ref}/check-runs`: `filter=latest` (the default) keeps the newest run per app and
 *   name, `filter=all` every one; `check_name`, `status` and `app_id` narrow the list; paginated.
 * - `GET .../commits/{ref}/status`: the newest status per context, and the combined state: failure
 *   when any is error or failure, pending when there is none or any is pending, else success.
 */
import { createHash } from "node:crypto";
import { renderRepo, renderUser, nodeId, type RenderContext } from "./render.ts";
import { notFound, paginate, validationFailed, type Handler, type HandlerContext } from "./responses.ts";
import { repoKey, type CheckRunRecord, type CommitStatusRecord, type RepoRecord } from "./state.ts";

const SHA = /^[0-9a-f]{40}$/;

/** A stable numeric id of an app slug (the fake has no app registry). */
export function appId(slug: string): number {
  return Number.parseInt(createHash("sha1").update(`app:${slug}`).digest("hex").slice(0, 7), 16);
}

/** The `integration` object of an app slug, as check runs carry it. */
function renderApp(context: RenderContext, slug: string): Record<string, unknown> {
  const id = appId(slug);
  const owner = slug === "github-actions" ? "github" : slug;
  return {
    id,
    slug,
    node_id: nodeId("MDM6QXBw", id),
    client_id: `Iv1.${id.toString(16)}`,
    owner: renderUser(context, owner),
    name: slug === "github-actions" ? "GitHub Actions" : slug,
    description: null,
    external_url: `https://${slug}.example`,
    html_url: `https://github.com/apps/${slug}`,
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2024-04-10T20:33:16Z",
    permissions: { checks: "write", contents: "read", metadata: "read" },
    events: ["check_run", "pull_request"],
  };
}

function renderCheckRun(context: RenderContext, run: CheckRunRecord): Record<string, unknown> {
  const url = `${context.apiUrl}/repos/${run.repo}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CR", run.id),
    external_id: "",
    url,
    html_url: `https://github.com/${run.repo}/runs/${run.id}`,
    details_url: `https://github.com/${run.repo}/actions/runs/${run.id}/job/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: renderApp(context, run.app),
    pull_requests: [],
  };
}

function renderStatus(context: RenderContext, status: CommitStatusRecord): Record<string, unknown> {
  return {
    id: status.id,
    node_id: nodeId("SC", status.id),
    url: `${context.apiUrl}/repos/${status.repo}/statuses/${status.sha}`,
    avatar_url: null,
    state: status.state,
    description: null,
    target_url: null,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

function findRepo(context: HandlerContext): RepoRecord | undefined {
  return context.state.findRepo(context.params.owner!, context.params.repo!);
}

/** The commit sha a `ref` path parameter names: a sha, or a branch (`refs/heads/x` or `x`) of the repository. */
function resolveRef(context: HandlerContext, repo: RepoRecord): string | undefined {
  const ref = context.params.ref!;
  if (SHA.test(ref)) return ref;
  const key = repoKey(`${repo.owner}/${repo.name}`);
  const qualified = ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
  return context.state.refs.get(`${key}#${qualified}`);
}

/** Handlers for check runs and statuses, by operationId. */
export const checkHandlers: Record<string, Handler> = {
  "checks/list-for-ref": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const sha = resolveRef(context, repo);
    if (sha === undefined) return validationFailed([{ resource: "CheckRun", field: "ref", code: "invalid" }]);
    const { filter = "latest", check_name: name, status, app_id: app } = context.query;
    if (filter !== "latest" && filter !== "all") return validationFailed([{ resource: "CheckRun", field: "filter", code: "invalid" }]);
    const key = repoKey(`${repo.owner}/${repo.name}`);
    let runs = context.state.checkRuns
      .filter((run) => repoKey(run.repo) === key && run.headSha === sha)
      .filter((run) => (name === undefined || run.name === name) && (status === undefined || run.status === status))
      .filter((run) => app === undefined || String(appId(run.app)) === app);
    if (filter === "latest") {
      const newest = new Map<string, CheckRunRecord>();
      for (const run of runs) newest.set(`${run.app}\n${run.name}`, run);
      runs = [...newest.values()];
    }
    // Newest first, as GitHub lists them.
    runs.sort((a, b) => b.id - a.id);
    const page = paginate(
      context,
      runs.map((run) => renderCheckRun(context, run)),
    );
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },

  "repos/get-combined-status-for-ref": (context) => {
    const repo = findRepo(context);
    if (repo === undefined) return notFound();
    const sha = resolveRef(context, repo);
    if (sha === undefined) return notFound();
    const key = repoKey(`${repo.owner}/${repo.name}`);
    const latest = new Map<string, CommitStatusRecord>();
    for (const status of context.state.commitStatuses)
      if (repoKey(status.repo) === key && status.sha === sha) latest.set(status.context, status);
    const statuses = [...latest.values()].sort((a, b) => b.id - a.id);
    const states = statuses.map((status) => status.state);
    const state =
      states.includes("error") || states.includes("failure")
        ? "failure"
        : states.length === 0 || states.includes("pending")
          ? "pending"
          : "success";
    const page = paginate(
      context,
      statuses.map((status) => renderStatus(context, status)),
    );
    const repoUrl = `${context.apiUrl}/repos/${repo.owner}/${repo.name}`;
    return {
      ...page,
      body: {
        state,
        statuses: page.body,
        sha,
        total_count: statuses.length,
        repository: renderRepo(context, repo),
        commit_url: `${repoUrl}/commits/${sha}`,
        url: `${repoUrl}/commits/${sha}/status`,
      },
    };
  },
};
