/**
 * Turns the fake's records into the JSON GitHub returns: full objects with ids, node ids, API and
 * HTML urls, users and timestamps, so clients see the same shapes as in production.
 */
import type { CommentRecord, FakeState, IssueRecord, LabelRecord, RepoRecord } from "./state.ts";

/** Where the fake's HTML links point (github.com, as in production). */
export const HTML = "https://github.com";

/** Where a rendered object's API urls start (the fake's own address). */
export interface RenderContext {
  state: FakeState;
  apiUrl: string;
  /** Where release assets are uploaded (`upload_url`). */
  uploadsUrl: string;
}

/** A made-up but well-formed GraphQL node id (GraphQL mutations look pull requests up by it). */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString("base64url")}`;
}

/** A `simple-user` object for `login` (bots are users whose login ends in `[bot]`). */
export function renderUser(context: RenderContext, login: string): Record<string, unknown> {
  const id = context.state.userId(login);
  const url = `${context.apiUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId("U", id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    // Bots have no profile page: GitHub links their app instead.
    html_url: login.endsWith("[bot]") ? `${HTML}/apps/${login.slice(0, -"[bot]".length)}` : `${HTML}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** A `repository` object; `full` adds the fields of `full-repository` (GET /repos/{owner}/{repo}). */
export function renderRepo(context: RenderContext, repo: RepoRecord, options: { full?: boolean } = {}): Record<string, unknown> {
  const fullName = `${repo.owner}/${repo.name}`;
  const url = `${context.apiUrl}/repos/${fullName}`;
  const openIssues = [...context.state.issues.values()].filter((issue) => issue.repo.toLowerCase() === fullName.toLowerCase()).length;
  const object: Record<string, unknown> = {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: fullName,
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    owner: renderUser(context, repo.owner),
    html_url: `${HTML}/${fullName}`,
    description: null,
    fork: repo.fork,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${fullName}.git`,
    hooks_url: `${url}/hooks`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${HTML}/${fullName}.git`,
    mirror_url: null,
    svn_url: `${HTML}/${fullName}`,
    homepage: null,
    language: "Python",
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: "main",
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
  };
  if (options.full === true) {
    Object.assign(object, {
      network_count: 0,
      subscribers_count: 0,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: true,
      allow_auto_merge: repo.allowAutoMerge,
      delete_branch_on_merge: false,
    });
  }
  return object;
}

/** An `issue-comment` object. */
export function renderComment(context: RenderContext, comment: CommentRecord): Record<string, unknown> {
  const repoUrl = `${context.apiUrl}/repos/${comment.repo}`;
  return {
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    url: `${repoUrl}/issues/comments/${comment.id}`,
    html_url: `${HTML}/${comment.repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: renderUser(context, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: "NONE",
    performed_via_github_app: null,
    reactions: renderReactions(`${repoUrl}/issues/comments/${comment.id}/reactions`),
  };
}

/**
 * A `label` object. Labels GitHub makes on the fly have no description (`null`); the
 * `pull-request-simple` schema insists on a string there, so `simple` renders it empty.
 */
export function renderLabel(
  context: RenderContext,
  repo: string,
  label: LabelRecord,
  options: { simple?: boolean } = {},
): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${context.apiUrl}/repos/${repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: options.simple === true ? "" : null,
    color: label.color,
    default: false,
  };
}

/** The labels of an issue or pull request, in the order they were added. */
function renderIssueLabels(context: RenderContext, issue: IssueRecord, options: { simple?: boolean } = {}): Record<string, unknown>[] {
  const repo = context.state.findRepo(...(issue.repo.split("/") as [string, string]));
  if (repo === undefined) throw new Error(`repository ${issue.repo} of #${issue.number} is missing`);
  return issue.labels.map((name) => renderLabel(context, issue.repo, context.state.label(repo, name), options));
}

/** A team of the repository's owner: `team-simple`, plus the `parent` that `team` (in `pull-request-simple`) wants. */
export function renderTeam(context: RenderContext, org: string, slug: string): Record<string, unknown> {
  const id = context.state.userId(`team:${org}/${slug}`);
  const url = `${context.apiUrl}/organizations/${context.state.userId(org)}/team/${id}`;
  return {
    id,
    node_id: nodeId("T", id),
    url,
    members_url: `${url}/members{/member}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "push",
    html_url: `${HTML}/orgs/${org}/teams/${slug}`,
    repositories_url: `${url}/repos`,
    type: "organization",
    parent: null,
  };
}

function renderReactions(url: string): Record<string, unknown> {
  return { url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/** An `issue` object; a pull request's issue carries the `pull_request` link block. */
export function renderIssue(context: RenderContext, issue: IssueRecord): Record<string, unknown> {
  const repoUrl = `${context.apiUrl}/repos/${issue.repo}`;
  const url = `${repoUrl}/issues/${issue.number}`;
  const kind = issue.pull === undefined ? "issues" : "pull";
  const object: Record<string, unknown> = {
    id: issue.id,
    node_id: nodeId(issue.pull === undefined ? "I" : "PR", issue.id),
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML}/${issue.repo}/${kind}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason !== undefined ? issue.stateReason : issue.state === "closed" ? "completed" : null,
    title: issue.title,
    body: issue.body,
    user: renderUser(context, issue.author),
    labels: renderIssueLabels(context, issue),
    assignee: issue.assignees?.[0] === undefined ? null : renderUser(context, issue.assignees[0]),
    assignees: (issue.assignees ?? []).map((login) => renderUser(context, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: context.state.commentsOf(issue.repo, issue.number).length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: "CONTRIBUTOR",
    reactions: renderReactions(`${url}/reactions`),
  };
  if (issue.pull !== undefined) {
    const pullUrl = `${repoUrl}/pulls/${issue.number}`;
    object.pull_request = {
      url: pullUrl,
      html_url: `${HTML}/${issue.repo}/pull/${issue.number}`,
      diff_url: `${HTML}/${issue.repo}/pull/${issue.number}.diff`,
      patch_url: `${HTML}/${issue.repo}/pull/${issue.number}.patch`,
      merged_at: null,
    };
    object.draft = issue.pull.draft;
  }
  return object;
}

/**
 * A `pull-request` object (get, create, update), or with `simple` a `pull-request-simple` one (list,
 * request reviewers), which leaves out the merge and size fields.
 */
export function renderPull(
  context: RenderContext,
  issue: IssueRecord,
  base: RepoRecord,
  head: RepoRecord,
  options: { simple?: boolean } = {},
): Record<string, unknown> {
  const pull = issue.pull!;
  const repoUrl = `${context.apiUrl}/repos/${issue.repo}`;
  const url = `${repoUrl}/pulls/${issue.number}`;
  const html = `${HTML}/${issue.repo}/pull/${issue.number}`;
  const side = (repo: RepoRecord, ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: renderUser(context, repo.owner),
    repo: renderRepo(context, repo),
  });
  const object: Record<string, unknown> = {
    url,
    id: issue.id,
    node_id: nodeId("PR", issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoUrl}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${issue.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: renderUser(context, issue.author),
    body: issue.body,
    labels: renderIssueLabels(context, issue, options),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((login) => renderUser(context, login)),
    requested_teams: pull.requestedTeams.map((slug) => renderTeam(context, base.owner, slug)),
    head: side(head, pull.headRef, pull.headSha),
    base: side(base, pull.baseRef, pull.baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${repoUrl}/issues/${issue.number}` },
      comments: { href: `${repoUrl}/issues/${issue.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoUrl}/statuses/${pull.headSha}` },
    },
    author_association: "CONTRIBUTOR",
    auto_merge:
      pull.autoMerge === null
        ? null
        : {
            enabled_by: renderUser(context, pull.autoMerge.enabledBy),
            merge_method: pull.autoMerge.mergeMethod.toLowerCase(),
            commit_title: `${issue.title} (#${issue.number})`,
            commit_message: "",
          },
    draft: pull.draft,
  };
  if (options.simple === true) return object;
  return {
    ...object,
    merged: pull.merged,
    mergeable: true,
    rebaseable: true,
    mergeable_state: pull.draft ? "draft" : pull.mergeableState,
    merged_by: pull.mergedBy === undefined ? null : renderUser(context, pull.mergedBy),
    comments: context.state.commentsOf(issue.repo, issue.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}
