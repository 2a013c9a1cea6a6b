/**
 * The GraphQL endpoint, for exactly one mutation: `enablePullRequestAutoMerge`. GraphQL is not in the
 * REST description, so the request is checked here by hand against the few types involved (field
 * names, the input object, variable declarations and values) the way GitHub's schema would check it;
 * a request that breaks them is a client bug and is reported as a violation. Answers use GitHub's
 * shapes: HTTP 200 with `data`, or with `errors: [{ type, path, locations, message }]`.
 */
import { GraphqlSyntaxError, Parser, type Field, type Location, type Operation, type Value } from "./graphql-parser.ts";
import { nodeId } from "./render.ts";
import { timestamp, type FakeState, type IssueRecord, type PullRecord, type RepoRecord } from "./state.ts";

/** What the server passes in: the state, the caller, and the parsed JSON body. */
export interface GraphqlRequest {
  state: FakeState;
  login: string;
  /** A fork pull request's token may not write. */
  access: "read" | "write";
  body: unknown;
}

export interface GraphqlAnswer {
  body: unknown;
  /** Set when the request broke GitHub's schema (a client bug, not a runtime refusal). */
  violation?: string[];
}

interface GraphqlError {
  message: string;
  type?: string;
  path?: string[];
  locations?: Location[];
  extensions?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// The slice of GitHub's schema this mutation touches.

const MERGE_METHODS = ["MERGE", "SQUASH", "REBASE"] as const;
type MergeMethod = (typeof MERGE_METHODS)[number];

/** Object types and their fields' types; a type not listed here is a scalar or an enum. */
const OBJECT_TYPES: Record<string, Record<string, string>> = {
  Mutation: { enablePullRequestAutoMerge: "EnablePullRequestAutoMergePayload" },
  EnablePullRequestAutoMergePayload: { clientMutationId: "String", actor: "Actor", pullRequest: "PullRequest" },
  PullRequest: { id: "ID", number: "Int", url: "URI", title: "String", state: "PullRequestState", isDraft: "Boolean", headRefName: "String", baseRefName: "String", autoMergeRequest: "AutoMergeRequest" },
  AutoMergeRequest: { mergeMethod: "PullRequestMergeMethod", enabledAt: "DateTime", enabledBy: "Actor", commitHeadline: "String", commitBody: "String", authorEmail: "String" },
  Actor: { login: "String" },
};

const INPUT_TYPE = "EnablePullRequestAutoMergeInput";
/** The input object's fields: type, and whether it is required. */
const INPUT_FIELDS: Record<string, { type: string; required: boolean }> = {
  pullRequestId: { type: "ID", required: true },
  mergeMethod: { type: "PullRequestMergeMethod", required: false },
  commitHeadline: { type: "String", required: false },
  commitBody: { type: "String", required: false },
  authorEmail: { type: "String", required: false },
  expectedHeadOid: { type: "GitObjectID", required: false },
  clientMutationId: { type: "String", required: false },
};

/** Checks selections against the object types: every field exists, objects have sub-selections, scalars none. */
function checkSelections(type: string, fields: Field[], errors: GraphqlError[]): void {
  const known = OBJECT_TYPES[type]!;
  for (const field of fields) {
    if (field.name === "__typename") continue;
    const fieldType = known[field.name];
    if (fieldType === undefined) {
      errors.push({ message: `Field '${field.name}' doesn't exist on type '${type}'`, locations: [field.loc], extensions: { code: "undefinedField", typeName: type, fieldName: field.name } });
      continue;
    }
    if (type !== "Mutation" && field.args.size > 0) {
      errors.push({ message: `Field '${field.name}' doesn't accept argument '${[...field.args.keys()][0]!}'`, locations: [field.loc], extensions: { code: "argumentNotAccepted" } });
    }
    const isObject = OBJECT_TYPES[fieldType] !== undefined;
    if (isObject && field.selections === undefined) {
      errors.push({ message: `Field must have selections (field '${field.name}' returns ${fieldType} but has no selections. Did you mean '${field.name} { ... }'?)`, locations: [field.loc], extensions: { code: "selectionMismatch" } });
    } else if (!isObject && field.selections !== undefined) {
      errors.push({ message: `Selections can't be made on scalars (field '${field.name}' returns ${fieldType} but has selections [${field.selections.map((s) => s.name).join(", ")}])`, locations: [field.loc], extensions: { code: "selectionMismatch" } });
    } else if (isObject) {
      checkSelections(fieldType, field.selections!, errors);
    }
  }
}

/** Resolves one input field's value (a literal or a declared variable) and checks its type. */
function inputValue(name: string, value: Value, operation: Operation, variables: Record<string, unknown>, errors: GraphqlError[], used: Set<string>): unknown {
  const { type } = INPUT_FIELDS[name]!;
  const invalid = (shown: string): void => {
    errors.push({ message: `Argument '${name}' on InputObject '${INPUT_TYPE}' has an invalid value (${shown}). Expected type '${type}${INPUT_FIELDS[name]!.required ? "!" : ""}'.`, extensions: { code: "argumentLiteralsIncompatible", typeName: "InputObject", argumentName: name } });
  };
  if (value.kind === "variable") {
    used.add(value.name);
    const declared = operation.variables.get(value.name);
    if (declared === undefined) {
      errors.push({ message: `Variable $${value.name} is used by ${operation.name ?? "anonymous mutation"} but not declared`, extensions: { code: "variableNotDefined", variableName: value.name } });
      return undefined;
    }
    if (declared.replace(/!$/, "") !== type) {
      errors.push({ message: `Type mismatch on variable $${value.name} and argument ${name} (${declared} / ${type})`, extensions: { code: "variableMismatch", variableName: value.name, typeName: declared, argumentName: name } });
      return undefined;
    }
    const given = variables[value.name];
    if (given === undefined || given === null) {
      if (declared.endsWith("!")) errors.push({ message: `Variable $${value.name} of type ${declared} was provided invalid value`, extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] } });
      return undefined;
    }
    if (typeof given !== "string" || (type === "PullRequestMergeMethod" && !(MERGE_METHODS as readonly string[]).includes(given))) {
      errors.push({ message: `Variable $${value.name} of type ${declared} was provided invalid value`, extensions: { value: given, problems: [{ path: [], explanation: type === "PullRequestMergeMethod" ? `Expected ${JSON.stringify(given)} to be one of: ${MERGE_METHODS.join(", ")}` : `Could not coerce value ${JSON.stringify(given)} to ${type}` }] } });
      return undefined;
    }
    return given;
  }
  if (value.kind === "null") return undefined;
  // Enums are bare names in GraphQL; a quoted "SQUASH" is a string and does not fit.
  if (type === "PullRequestMergeMethod") {
    if (value.kind === "enum" && (MERGE_METHODS as readonly string[]).includes(value.value)) return value.value;
    invalid(value.kind === "string" ? `"${value.value}"` : value.kind === "enum" ? value.value : value.kind);
    return undefined;
  }
  if (value.kind === "string") return value.value;
  invalid(value.kind === "enum" ? value.value : value.kind);
  return undefined;
}

/** The `input` argument as plain values, with GitHub's validation errors for anything off. */
function readInput(field: Field, operation: Operation, variables: Record<string, unknown>, errors: GraphqlError[], used: Set<string>): Record<string, unknown> | undefined {
  for (const name of field.args.keys()) {
    if (name !== "input") errors.push({ message: `Field '${field.name}' doesn't accept argument '${name}'`, locations: [field.loc], extensions: { code: "argumentNotAccepted", name: field.name, typeName: "Field", argumentName: name } });
  }
  const input = field.args.get("input");
  if (input === undefined) {
    errors.push({ message: `Field '${field.name}' is missing required arguments: input`, locations: [field.loc], extensions: { code: "missingRequiredArguments", className: "Field", name: field.name, arguments: "input" } });
    return undefined;
  }
  if (input.kind !== "object") {
    // A whole-input variable is legal GraphQL, but this fake reads the input's fields only inline.
    errors.push({ message: `the fake GitHub reads ${INPUT_TYPE} only as an inline object, got ${input.kind}`, locations: [field.loc] });
    return undefined;
  }
  const values: Record<string, unknown> = {};
  for (const [name, value] of input.fields) {
    if (INPUT_FIELDS[name] === undefined) {
      errors.push({ message: `InputObject '${INPUT_TYPE}' doesn't accept argument '${name}'`, locations: [field.loc], extensions: { code: "argumentNotAccepted", name: INPUT_TYPE, typeName: "InputObject", argumentName: name } });
      continue;
    }
    values[name] = inputValue(name, value, operation, variables, errors, used);
  }
  for (const [name, spec] of Object.entries(INPUT_FIELDS)) {
    if (spec.required && !input.fields.has(name)) {
      errors.push({ message: `Argument '${name}' on InputObject '${INPUT_TYPE}' is required. Expected type ${spec.type}!`, locations: [field.loc], extensions: { code: "missingRequiredInputObjectAttribute", argumentName: name, argumentType: `${spec.type}!`, inputObjectType: INPUT_TYPE } });
    }
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Execution.

type Resolved = { __typename: string } & Record<string, unknown>;

/** Picks the selected fields (under their aliases) out of a resolved object tree. */
function project(value: unknown, fields: Field[]): unknown {
  if (value === null || value === undefined) return null;
  const object = value as Resolved;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = object[field.name];
    out[field.alias ?? field.name] = field.selections === undefined ? raw ?? null : project(raw, field.selections);
  }
  return out;
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

function pullObject(issue: IssueRecord & { pull: PullRecord }): Resolved {
  const autoMerge = issue.pull.autoMerge;
  return {
    __typename: "PullRequest",
    id: nodeId("PR", issue.id),
    number: issue.number,
    url: `https://github.com/${issue.repo}/pull/${issue.number}`,
    title: issue.title,
    state: issue.pull.merged ? "MERGED" : issue.state.toUpperCase(),
    isDraft: issue.pull.draft,
    headRefName: issue.pull.headRef,
    baseRefName: issue.pull.baseRef,
    autoMergeRequest: autoMerge === null ? null : { __typename: "AutoMergeRequest", mergeMethod: autoMerge.mergeMethod, enabledAt: autoMerge.enabledAt, enabledBy: { __typename: "User", login: autoMerge.enabledBy }, commitHeadline: null, commitBody: null, authorEmail: null },
  };
}

/** Answers one GraphQL request. */
export function answerGraphql(request: GraphqlRequest): GraphqlAnswer {
  const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (typeof body?.query !== "string") {
    return { body: { errors: [{ message: "A query attribute must be specified and must be a string." }] }, violation: ["query: must be a string"] };
  }
  const variables = (typeof body.variables === "object" && body.variables !== null ? body.variables : {}) as Record<string, unknown>;
  let operations: Operation[];
  try {
    operations = new Parser(body.query).parseDocument();
  } catch (error) {
    if (!(error instanceof GraphqlSyntaxError)) throw error;
    return { body: { errors: [{ message: error.message }] }, violation: [error.message] };
  }
  const operation = typeof body.operationName === "string" ? operations.find((candidate) => candidate.name === body.operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operation === undefined) {
    const message = typeof body.operationName === "string" ? `No operation named "${body.operationName}"` : "An operation name is required";
    return { body: { errors: [{ message }] }, violation: [message] };
  }
  if (operation.type !== "mutation") {
    return { body: { errors: [{ message: `the fake GitHub implements only the enablePullRequestAutoMerge mutation, not a ${operation.type}` }] } };
  }

  const errors: GraphqlError[] = [];
  checkSelections("Mutation", operation.selections, errors);
  const fields = operation.selections.filter((field) => field.name === "enablePullRequestAutoMerge");
  if (fields.length !== 1 && errors.length === 0) errors.push({ message: "the fake GitHub runs exactly one enablePullRequestAutoMerge per request" });
  const field = fields[0];
  const used = new Set<string>();
  const input = field === undefined ? undefined : readInput(field, operation, variables, errors, used);
  for (const name of operation.variables.keys()) {
    if (field !== undefined && !used.has(name)) errors.push({ message: `Variable $${name} is declared by ${operation.name ?? "anonymous mutation"} but not used`, extensions: { code: "variableNotUsed", variableName: name } });
  }
  if (errors.length > 0 || field === undefined || input === undefined) {
    return { body: { errors }, violation: errors.map((error) => error.message) };
  }

  const key = field.alias ?? field.name;
  const refuse = (type: string, message: string): GraphqlAnswer => ({ body: { data: { [key]: null }, errors: [{ type, path: [key], locations: [field.loc], message }] } });
  const id = input.pullRequestId as string;
  const found = resolvePull(request.state, id);
  if (found === undefined) return refuse("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
  if (request.access === "read") return refuse("FORBIDDEN", "Resource not accessible by integration");
  const { issue, repo } = found;
  if (!repo.allowAutoMerge) return refuse("UNPROCESSABLE", "Auto merge is not allowed for this repository");
  // Not seen verbatim from GitHub; it refuses auto-merge on a closed or merged pull request.
  if (issue.state !== "open") return refuse("UNPROCESSABLE", "Pull request Pull request is closed");
  // Nothing to wait for: GitHub wants a plain merge instead.
  if (!issue.pull.draft && issue.pull.mergeableState === "clean") return refuse("UNPROCESSABLE", "Pull request Pull request is in clean status");

  issue.pull.autoMerge = { mergeMethod: (input.mergeMethod as MergeMethod | undefined) ?? "MERGE", enabledBy: request.login, enabledAt: timestamp() };
  issue.updatedAt = timestamp();
  const payload: Resolved = { __typename: "EnablePullRequestAutoMergePayload", clientMutationId: input.clientMutationId ?? null, actor: { __typename: "User", login: request.login }, pullRequest: pullObject(issue) };
  return { body: { data: { [key]: project(payload, field.selections!) } } };
}
