/**
 * The GraphQL endpoint, for exactly one request: the `enablePullRequestAutoMerge` mutation that
 * src/gitops/pull-request.ts sends, with its two variables. GraphQL is not in the REST description,
 * so instead of parsing GraphQL the fake knows that one document (written out below, not imported
 * from src, so a change on either side shows up here) and accepts a request only when its query
 * matches it up to whitespace and its variables have the types the document declares. Anything else
 * is a client bug: a violation, answered 400. Runtime refusals use GitHub's shape: HTTP 200 with
 * `data: { enablePullRequestAutoMerge: null }` and `errors: [{ type, path, locations, message }]`.
 */
import { nodeId } from "./render.ts";
import { timestamp, type AutoMergeRecord, type FakeState, type IssueRecord, type PullRecord, type RepoRecord } from "./state.ts";

/** What the server passes in: the state, the caller, and the parsed JSON body. */
export interface GraphqlRequest {
  state: FakeState;
  login: string;
  /** A fork pull request's token may not write. */
  access: "read" | "write";
  body: unknown;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  /** Set when the request is not the one the fake knows (a client bug, not a runtime refusal). */
  violation?: string[];
}

/** The one document the fake answers, as GitHub's schema would accept it. */
const EXPECTED_DOCUMENT = `mutation EnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;
const FIELD = "enablePullRequestAutoMerge";
const MERGE_METHODS: readonly string[] = ["MERGE", "SQUASH", "REBASE"] satisfies AutoMergeRecord["mergeMethod"][];

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Line and column (1-based, as GraphQL reports them) of the mutation field in the query as sent. */
function fieldLocation(query: string): { line: number; column: number } {
  const before = query.slice(0, query.indexOf(FIELD)).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function resolvePull(state: FakeState, id: string): { issue: IssueRecord & { pull: PullRecord }; repo: RepoRecord } | undefined {
  for (const issue of state.issues.values()) {
    if (issue.pull === undefined || nodeId("PR", issue.id) !== id) continue;
    const [owner = "", name = ""] = issue.repo.split("/");
    const repo = state.findRepo(owner, name);
    if (repo !== undefined) return { issue: issue as IssueRecord & { pull: PullRecord }, repo };
  }
  return undefined;
}

/** What is wrong with the request's body, checked against the one known request; empty when nothing. */
function problemsOf(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return ["the body must be a JSON object"];
  const { query, variables, ...rest } = body as Record<string, unknown>;
  const problems = Object.keys(rest)
    .filter((key) => key !== "operationName")
    .map((key) => `unexpected body field "${key}"`);
  const { operationName } = rest;
  if (operationName !== undefined && operationName !== null && operationName !== "EnableAutoMerge")
    problems.push(`operationName must be "EnableAutoMerge", got ${JSON.stringify(operationName)}`);
  if (typeof query !== "string") return [...problems, "query: must be a string"];
  if (collapse(query) !== collapse(EXPECTED_DOCUMENT))
    problems.push(`the fake GitHub answers only the EnableAutoMerge mutation, got: ${collapse(query)}`);
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) return [...problems, "variables: must be an object"];
  const { pullRequestId, mergeMethod, ...others } = variables as Record<string, unknown>;
  for (const name of Object.keys(others)) problems.push(`variable $${name} is not declared by EnableAutoMerge`);
  if (typeof pullRequestId !== "string" || pullRequestId === "")
    problems.push(`Variable $pullRequestId of type ID! was provided invalid value ${JSON.stringify(pullRequestId)}`);
  if (typeof mergeMethod !== "string" || !MERGE_METHODS.includes(mergeMethod))
    problems.push(
      `Variable $mergeMethod of type PullRequestMergeMethod! was provided invalid value: expected ${JSON.stringify(mergeMethod)} to be one of: ${MERGE_METHODS.join(", ")}`,
    );
  return problems;
}

/** Answers one GraphQL request. */
export function answerGraphql(request: GraphqlRequest): GraphqlAnswer {
  const problems = problemsOf(request.body);
  if (problems.length > 0) {
    return {
      status: 400,
      body: { message: problems.join("\n"), documentation_url: "https://docs.github.com/graphql" },
      violation: problems,
    };
  }
  const { query, variables } = request.body as {
    query: string;
    variables: { pullRequestId: string; mergeMethod: AutoMergeRecord["mergeMethod"] };
  };
  const refuse = (type: string, message: string): GraphqlAnswer => ({
    status: 200,
    body: { data: { [FIELD]: null }, errors: [{ type, path: [FIELD], locations: [fieldLocation(query)], message }] },
  });
  const id = variables.pullRequestId;
  const found = resolvePull(request.state, id);
  if (found === undefined) return refuse("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
  if (request.access === "read") return refuse("FORBIDDEN", "Resource not accessible by integration");
  const { issue, repo } = found;
  if (!repo.allowAutoMerge) return refuse("UNPROCESSABLE", "Auto merge is not allowed for this repository");
  // Not seen verbatim from GitHub; it refuses auto-merge on a closed or merged pull request.
  if (issue.state !== "open") return refuse("UNPROCESSABLE", "Pull request Pull request is closed");
  // Nothing to wait for: GitHub wants a plain merge instead.
  if (!issue.pull.draft && issue.pull.mergeableState === "clean")
    return refuse("UNPROCESSABLE", "Pull request Pull request is in clean status");

  issue.pull.autoMerge = { mergeMethod: variables.mergeMethod, enabledBy: request.login, enabledAt: timestamp() };
  issue.updatedAt = timestamp();
  return {
    status: 200,
    body: { data: { [FIELD]: { pullRequest: { number: issue.number, autoMergeRequest: { mergeMethod: variables.mergeMethod } } } } },
  };
}
