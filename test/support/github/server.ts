/**
 * A loopback fake of the GitHub REST API for tests. Every request is routed to its operation in
 * GitHub's own OpenAPI description (openapi-subset.json); request bodies that break the description
 * are refused with 422, and responses the fake produces are checked too, so a drift between the fake
 * and GitHub fails the tests instead of passing them. `POST /graphql` answers the one mutation the
 * code sends (graphql.ts), matched against that document since GraphQL has no OpenAPI description.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { attestationHandlers, attestationKey } from "./attestations.ts";
import { checkHandlers } from "./checks.ts";
import { gitHandlers } from "./git.ts";
import { answerGraphql } from "./graphql.ts";
import { issueHandlers } from "./issues.ts";
import { loadOpenApiSpec, type OpenApiSpec, type RouteMatch } from "./openapi.ts";
import { nodeId } from "./render.ts";
import { pullHandlers } from "./pulls.ts";
import { releaseHandlers, STORAGE_PREFIX, storageSignature } from "./releases.ts";
import { repoHandlers } from "./repos.ts";
import { errorResult, notFound, type Handler, type HandlerResult } from "./responses.ts";
import {
  FakeState,
  repoKey,
  timestamp,
  type CheckRunRecord,
  type CommitStatusRecord,
  type DispatchRecord,
  type TokenAccess,
} from "./state.ts";

/** A failure to inject: the first fault matching a request is used, `times` times (default 1). */
export interface Fault {
  method?: string;
  path?: string | RegExp;
  times?: number;
  /** Let this many matching requests through before the fault starts (e.g. fail the 2nd upload). */
  after?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket without a response. */
  drop?: boolean;
  /** Wait before answering (alone: then answer normally). */
  delayMs?: number;
}

/** One request the fake saw. `status` is 0 for a dropped connection. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  requestBody?: unknown;
  operationId?: string;
  faulted?: boolean;
  /** The `host` header: the storage host of asset downloads differs from the API's. */
  host?: string;
  /** Whether the request carried an `authorization` header (a storage link must not get the token). */
  authorization?: boolean;
}

/** A break of the OpenAPI contract: by a client's request, by the fake's own response, or a fake crash. */
export interface SpecViolation {
  kind: "request" | "response" | "crash";
  method: string;
  path: string;
  operationId?: string;
  status?: number;
  problems: string[];
}

/** A pull request as the fake stores it, for tests to assert on (`FakeGitHub.pulls`). */
export interface StoredPullRequest {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  /** The merge method auto-merge was enabled with, or `null`. */
  autoMerge: "MERGE" | "SQUASH" | "REBASE" | null;
  /** `owner:branch`, as GitHub labels it. */
  head: string;
  base: string;
  /** The commit a merge (`PUT .../merge`) made on the base; absent until merged. */
  mergeCommitSha?: string;
  nodeId: string;
  author: string;
}

/** An issue (not a pull request) as the fake stores it, with its comments, for tests to assert on (`FakeGitHub.issues`). */
export interface StoredIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  /** GitHub's `state_reason` as the API would show it. */
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  /** Oldest first. */
  comments: { id: number; body: string; author: string }[];
}

/** Options of `FakeGitHub.addRepo`. */
export interface FakeRepoOptions {
  private?: boolean;
  /** The "Allow auto-merge" setting; default true (GitHub's default is false). */
  allowAutoMerge?: boolean;
  /**
   * Whether base branches require status checks (default true): new pull requests then wait in
   * `blocked` state and auto-merge can be enabled; false makes them `clean`, and GitHub refuses it.
   */
  requiredChecks?: boolean;
}

/** Test-only hook that may replace a response body before it is validated (to prove validation bites). */
export type ResponseHook = (response: { operationId: string; status: number; body: unknown }) => unknown;

const HANDLERS: Record<string, Handler> = {
  ...repoHandlers,
  ...pullHandlers,
  ...issueHandlers,
  ...gitHandlers,
  ...releaseHandlers,
  ...attestationHandlers,
  ...checkHandlers,
};
const UPLOADS_PREFIX = "/uploads";
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** A 40-hex-digit sha derived from `seed`, stable across runs. */
function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The fake server. Start with `FakeGitHub.start()`, point a client at `url`, `close()` when done. */
export class FakeGitHub {
  readonly url: string;
  readonly uploadsUrl: string;
  readonly calls: RecordedCall[] = [];
  readonly specViolations: SpecViolation[] = [];
  /** Set in a test to corrupt responses on purpose; leave unset otherwise. */
  responseHook: ResponseHook | undefined;
  readonly #server: Server;
  readonly #state = new FakeState();
  readonly #faults: Fault[] = [];
  readonly #spec: OpenApiSpec;

  private constructor(server: Server, spec: OpenApiSpec) {
    this.#server = server;
    this.#spec = spec;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.uploadsUrl = `${this.url}${UPLOADS_PREFIX}`;
  }

  /** Starts a fake on 127.0.0.1 (port 0 unless given: the OS picks a free one). */
  static async start(options: { port?: number } = {}): Promise<FakeGitHub> {
    const spec = loadOpenApiSpec();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", resolve);
    });
    const fake = new FakeGitHub(server, spec);
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      fake.#handle(request, response).catch((error: unknown) => {
        fake.specViolations.push({ kind: "crash", method: request.method ?? "", path: request.url ?? "", problems: [String(error)] });
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    });
    return fake;
  }

  /** Adds a repository (idempotent). */
  addRepo(fullName: string, options: FakeRepoOptions = {}): void {
    this.#state.addRepo(fullName, options);
  }

  /** Makes `login` a collaborator of a repository: one that reviews may be requested from. */
  addCollaborator(fullName: string, login: string): void {
    this.#requireRepo(fullName).collaborators.set(login.toLowerCase(), login);
  }

  /** Gives the owner's team `slug` access to a repository, so reviews may be requested from it. */
  addTeam(fullName: string, slug: string): void {
    this.#requireRepo(fullName).teams.set(slug.toLowerCase(), slug);
  }

  /**
   * Backs a repository's branches with a bare git repository: creating a pull request then needs
   * both branches there and commits on head that base lacks, as on GitHub.
   */
  linkGitRemote(fullName: string, bareRepoPath: string): void {
    const repo = this.#requireRepo(fullName);
    this.#state.gitRemotes.set(repoKey(`${repo.owner}/${repo.name}`), bareRepoPath);
  }

  /** The pull requests of a repository as stored, by number. */
  pulls(fullName: string): StoredPullRequest[] {
    const repo = this.#requireRepo(fullName);
    return this.#state.issuesOf(repo).flatMap((issue) => {
      const pull = issue.pull;
      if (pull === undefined) return [];
      return [
        {
          number: issue.number,
          title: issue.title,
          body: issue.body,
          state: issue.state,
          draft: pull.draft,
          merged: pull.merged,
          labels: [...issue.labels],
          reviewers: [...pull.requestedReviewers],
          teamReviewers: [...pull.requestedTeams],
          autoMerge: pull.autoMerge?.mergeMethod ?? null,
          head: `${pull.headRepo.split("/")[0]!}:${pull.headRef}`,
          base: pull.baseRef,
          ...(pull.mergeCommitSha === undefined ? {} : { mergeCommitSha: pull.mergeCommitSha }),
          nodeId: nodeId("PR", issue.id),
          author: issue.author,
        },
      ];
    });
  }

  /** The issues of a repository (pull requests left out) as stored, by number, with their comments. */
  issues(fullName: string): StoredIssue[] {
    const repo = this.#requireRepo(fullName);
    return this.#state.issuesOf(repo).flatMap((issue) => {
      if (issue.pull !== undefined) return [];
      return [
        {
          number: issue.number,
          title: issue.title,
          body: issue.body,
          state: issue.state,
          stateReason: issue.stateReason !== undefined ? issue.stateReason : issue.state === "closed" ? "completed" : null,
          labels: [...issue.labels],
          assignees: [...(issue.assignees ?? [])],
          author: issue.author,
          comments: this.#state
            .commentsOf(issue.repo, issue.number)
            .map((comment) => ({ id: comment.id, body: comment.body, author: comment.author })),
        },
      ];
    });
  }

  /** Adds an issue to a repository added before; its labels are created as GitHub does when labelling. */
  addIssue(
    fullName: string,
    issue: { number: number; title?: string; body?: string; author?: string; labels?: string[]; state?: "open" | "closed" },
  ): void {
    const repo = this.#requireRepo(fullName);
    const now = timestamp();
    const labels = (issue.labels ?? []).map((name) => this.#state.label(repo, name).name);
    const state = issue.state ?? "open";
    this.#state.putIssue({
      id: this.#state.nextId(),
      repo: `${repo.owner}/${repo.name}`,
      number: issue.number,
      title: issue.title ?? `Issue ${issue.number}`,
      body: issue.body ?? null,
      author: issue.author ?? repo.owner,
      createdAt: now,
      updatedAt: now,
      state,
      closedAt: state === "closed" ? now : null,
      labels,
    });
  }

  /**
   * Adds a pull request (also an issue, as on GitHub); a `headRepo` other than the base makes it a
   * fork's. A history can be crafted: `createdAt`, and `mergedAt` (merged and closed then) or
   * `closedAt` (closed unmerged), with a body and labels.
   */
  addPullRequest(
    fullName: string,
    pr: {
      number: number;
      headRepo?: string;
      title?: string;
      headSha?: string;
      headRef?: string;
      baseRef?: string;
      body?: string;
      labels?: string[];
      createdAt?: Date;
      mergedAt?: Date;
      closedAt?: Date;
    },
  ): void {
    const repo = this.#requireRepo(fullName);
    const baseName = `${repo.owner}/${repo.name}`;
    const headName = pr.headRepo ?? baseName;
    const head = this.#state.addRepo(headName, { fork: headName.toLowerCase() !== baseName.toLowerCase() });
    const now = timestamp();
    const created = pr.createdAt === undefined ? now : timestamp(pr.createdAt);
    const closed = pr.mergedAt ?? pr.closedAt;
    this.#state.putIssue({
      id: this.#state.nextId(),
      repo: baseName,
      number: pr.number,
      title: pr.title ?? `Pull request ${pr.number}`,
      body: pr.body ?? null,
      author: head.owner,
      createdAt: created,
      updatedAt: closed === undefined ? created : timestamp(closed),
      state: closed === undefined ? "open" : "closed",
      closedAt: closed === undefined ? null : timestamp(closed),
      labels: (pr.labels ?? []).map((name) => this.#state.label(repo, name).name),
      pull: {
        headRepo: `${head.owner}/${head.name}`,
        headRef: pr.headRef ?? `feature-${pr.number}`,
        headSha: pr.headSha ?? fakeSha(`${baseName}#${pr.number}:head`),
        baseRef: pr.baseRef ?? "main",
        baseSha: fakeSha(`${baseName}#${pr.number}:base`),
        draft: false,
        merged: pr.mergedAt !== undefined,
        ...(pr.mergedAt === undefined ? {} : { mergedAt: timestamp(pr.mergedAt), mergedBy: head.owner }),
        mergeableState: "clean",
        requestedReviewers: [],
        requestedTeams: [],
        autoMerge: null,
      },
    });
  }

  /** Accepts `token`; `read` is a fork pull request's token: every write gets 403. */
  addToken(token: string, access: TokenAccess, options: { login?: string } = {}): void {
    this.#state.tokens.set(token, { access, login: options.login ?? "github-actions[bot]" });
  }

  /** Sets a git ref (`refs/heads/main`, `refs/tags/v1`) in a repository added before. */
  addRef(fullName: string, ref: string, sha: string): void {
    const repo = this.#requireRepo(fullName);
    this.#state.refs.set(`${repoKey(`${repo.owner}/${repo.name}`)}#${ref}`, sha);
  }

  /** The sha a git ref points at, or `undefined` when the ref does not exist. */
  refSha(fullName: string, ref: string): string | undefined {
    return this.#state.refs.get(`${repoKey(fullName)}#${ref}`);
  }

  /**
   * Reports a check run on commit `sha`, as the app `app` (default `github-actions`, the app of
   * workflow jobs) would; a later run of the same app and name supersedes it in `filter=latest`.
   */
  addCheckRun(
    fullName: string,
    run: { sha: string; name: string; conclusion?: CheckRunRecord["conclusion"]; status?: CheckRunRecord["status"]; app?: string },
  ): number {
    const repo = this.#requireRepo(fullName);
    const status = run.status ?? (run.conclusion === undefined || run.conclusion === null ? "in_progress" : "completed");
    const now = timestamp();
    const record: CheckRunRecord = {
      id: this.#state.nextId(),
      repo: `${repo.owner}/${repo.name}`,
      headSha: run.sha,
      name: run.name,
      status,
      conclusion: status === "completed" ? (run.conclusion ?? "success") : null,
      app: run.app ?? "github-actions",
      startedAt: now,
      completedAt: status === "completed" ? now : null,
    };
    this.#state.checkRuns.push(record);
    return record.id;
  }

  /** Posts a commit status on `sha` (anyone with `statuses: write` can: there is no app behind it). */
  addCommitStatus(fullName: string, status: { sha: string; context: string; state: CommitStatusRecord["state"]; creator?: string }): void {
    const repo = this.#requireRepo(fullName);
    this.#state.commitStatuses.push({
      id: this.#state.nextId(),
      repo: `${repo.owner}/${repo.name}`,
      sha: status.sha,
      context: status.context,
      state: status.state,
      creator: status.creator ?? repo.owner,
      createdAt: timestamp(),
    });
  }

  /** Stores an attestation bundle of `subjectDigest` (`sha256:<hex>`) in a repository added before, as the attest action does. */
  addAttestation(fullName: string, subjectDigest: string, bundle: Record<string, unknown>): void {
    const key = attestationKey(this.#requireRepo(fullName), subjectDigest);
    this.#state.attestations.set(key, [...(this.#state.attestations.get(key) ?? []), bundle]);
  }

  /** Repository and workflow dispatches received, oldest first. */
  get dispatches(): readonly DispatchRecord[] {
    return this.#state.dispatches;
  }

  /** Queues a fault; the first queued fault that matches a request is used. */
  inject(fault: Fault): void {
    this.#faults.push({ ...fault, times: fault.times ?? 1, after: fault.after ?? 0 });
  }

  /** The comments on an issue or pull request, oldest first. */
  issueComments(fullName: string, issueNumber: number): { id: number; body: string; user: { login: string } }[] {
    return this.#state
      .commentsOf(fullName, issueNumber)
      .map((comment) => ({ id: comment.id, body: comment.body, user: { login: comment.author } }));
  }

  /** Fails with every spec violation seen so far (call it in an `afterEach`). */
  assertNoSpecViolations(): void {
    if (this.specViolations.length === 0) return;
    const lines = this.specViolations.map(
      (v) => `${v.kind} ${v.method} ${v.path}${v.status === undefined ? "" : ` (${v.status})`}: ${v.problems.join("; ")}`,
    );
    throw new Error(`fake GitHub saw ${this.specViolations.length} OpenAPI violation(s):\n${lines.join("\n")}`);
  }

  /** Stops the server, cutting open keep-alive connections. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve, reject) =>
      this.#server.close((error) => {
        if (error) reject(error);
        else resolve();
      }),
    );
    this.#server.closeAllConnections();
    await closed;
  }

  #requireRepo(fullName: string): ReturnType<FakeState["addRepo"]> {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = this.#state.findRepo(owner, name);
    if (repo === undefined) throw new Error(`add repository ${fullName} first`);
    return repo;
  }

  #takeFault(method: string, path: string): Fault | undefined {
    const index = this.#faults.findIndex((fault) => {
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
      if (fault.path === undefined) return true;
      return typeof fault.path === "string" ? fault.path === path : fault.path.test(path);
    });
    if (index === -1) return undefined;
    const fault = this.#faults[index]!;
    if ((fault.after ?? 0) > 0) {
      fault.after = fault.after! - 1;
      return undefined;
    }
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const parsed = new URL(request.url ?? "/", this.url);
    const uploads = parsed.pathname.startsWith(`${UPLOADS_PREFIX}/`);
    const path = uploads ? parsed.pathname.slice(UPLOADS_PREFIX.length) : parsed.pathname;
    const query = Object.fromEntries(parsed.searchParams);
    const raw = await readBody(request);
    const call: RecordedCall = {
      method,
      path: parsed.pathname,
      query,
      status: 0,
      host: request.headers.host ?? "",
      authorization: request.headers.authorization !== undefined,
    };
    this.calls.push(call);
    const send = (result: HandlerResult): void => {
      call.status = result.status;
      const headers: Record<string, string> = {
        "x-github-media-type": "github.v3; format=json",
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        ...result.headers,
      };
      if (result.body === undefined) {
        response.writeHead(result.status, headers).end();
        return;
      }
      response.writeHead(result.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(result.body));
    };

    let body: unknown;
    if (raw.length > 0 && !uploads) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        send(errorResult(400, "Problems parsing JSON"));
        return;
      }
    } else if (raw.length > 0) {
      body = raw;
    }
    if (body !== undefined) call.requestBody = body;
    const route = this.#spec.match({ method, path, uploads });
    if (route !== undefined) call.operationId = route.operation.operationId;

    const fault = this.#takeFault(method, parsed.pathname);
    if (fault !== undefined) {
      call.faulted = true;
      if (fault.delayMs !== undefined) await delay(fault.delayMs);
      if (fault.drop === true) {
        request.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        send({
          status: fault.status,
          headers: fault.headers ?? {},
          body: fault.body ?? { message: `injected fault ${fault.status}`, documentation_url: "https://docs.github.com/rest" },
        });
        return;
      }
    }

    if (method === "POST" && parsed.pathname === "/graphql") {
      call.operationId = "graphql";
      send(this.#answerGraphql(body, request.headers.authorization));
      return;
    }
    if (method === "GET" && parsed.pathname.startsWith(`${STORAGE_PREFIX}/`)) {
      this.#serveStorage(parsed, request, response, call);
      return;
    }
    // GitHub refuses an upload whose length it cannot know up front (a chunked body).
    if (route?.operation.uploads === true && request.headers["content-length"] === undefined) {
      send(errorResult(422, "Bad Content-Length or missing name parameter"));
      return;
    }
    send(
      await this.#answer({
        method,
        path: parsed.pathname,
        query,
        body,
        route,
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        accept: request.headers.accept,
      }),
    );
  }

  /**
   * The storage host behind asset downloads: no token needed, a valid signature is (like a pre-signed
   * URL); it answers on the `localhost` name only, so a link followed on the API host is a bug.
   */
  #serveStorage(url: URL, request: IncomingMessage, response: ServerResponse, call: RecordedCall): void {
    const [id = "", name = ""] = url.pathname.slice(STORAGE_PREFIX.length + 1).split("/");
    const asset = /^\d+$/.test(id) ? this.#state.assets.get(Number(id)) : undefined;
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    const signed =
      asset !== undefined &&
      url.searchParams.get("sig") === storageSignature(this.#state.storageSecret, asset.id) &&
      decodeURIComponent(name) === asset.name;
    call.status = host !== "localhost" || asset === undefined ? 404 : signed ? 200 : 403;
    if (call.status !== 200 || asset === undefined) {
      response.writeHead(call.status, { "content-type": "text/plain" }).end(call.status === 403 ? "Signature mismatch" : "Not Found");
      return;
    }
    response
      .writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(asset.data.length),
        "content-disposition": `attachment; filename=${encodeURIComponent(asset.name)}`,
      })
      .end(asset.data);
  }

  /** GraphQL: authenticated like REST, then matched against the one known request (it has no OpenAPI description). */
  #answerGraphql(body: unknown, authorization: string | undefined): HandlerResult {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    const grant = token === undefined ? undefined : this.#state.tokens.get(token);
    if (grant === undefined)
      return {
        status: 401,
        body: {
          message: token === undefined ? "This endpoint requires you to be authenticated." : "Bad credentials",
          documentation_url: "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
        },
      };
    const answer = answerGraphql({ state: this.#state, login: grant.login, access: grant.access, body });
    if (answer.violation !== undefined)
      this.specViolations.push({ kind: "request", method: "POST", path: "/graphql", operationId: "graphql", problems: answer.violation });
    return { status: answer.status, body: answer.body };
  }

  /** Authenticates, validates the request, runs the handler and validates its response. */
  async #answer(request: {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    route: RouteMatch | undefined;
    authorization: string | undefined;
    contentType: string | undefined;
    accept: string | undefined;
  }): Promise<HandlerResult> {
    const { method, path, route } = request;
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(request.authorization ?? "")?.[1];
    const grant = token === undefined ? undefined : this.#state.tokens.get(token);
    if (grant === undefined) return errorResult(401, token === undefined ? "Requires authentication" : "Bad credentials");
    if (route === undefined) return notFound();
    const { operation } = route;
    if (grant.access === "read" && WRITE_METHODS.has(method)) return errorResult(403, "Resource not accessible by integration");

    const requestProblems = this.#spec.validateRequest(operation, request.body);
    if (requestProblems.length > 0) {
      this.specViolations.push({ kind: "request", method, path, operationId: operation.operationId, problems: requestProblems });
      return {
        status: 422,
        body: {
          message: `Invalid request.\n\n${requestProblems.join("\n")}`,
          documentation_url: "https://docs.github.com/rest",
          status: "422",
          errors: requestProblems.map((problem) => ({
            resource: operation.operationId,
            field: problem.split(":")[0]!,
            code: "invalid",
            message: problem,
          })),
        },
      };
    }

    const handler = HANDLERS[operation.operationId];
    if (handler === undefined) return errorResult(501, `the fake does not implement ${operation.operationId} yet`);
    const result = await handler({
      state: this.#state,
      apiUrl: this.url,
      uploadsUrl: this.uploadsUrl,
      params: route.params,
      query: request.query,
      body: request.body,
      login: grant.login,
      path,
      contentType: request.contentType,
      accept: request.accept,
    });
    const body =
      this.responseHook === undefined || result.body === undefined
        ? result.body
        : this.responseHook({ operationId: operation.operationId, status: result.status, body: result.body });
    const responseProblems = this.#spec.validateResponse(operation, result.status, body);
    if (responseProblems.length > 0) {
      this.specViolations.push({
        kind: "response",
        method,
        path,
        operationId: operation.operationId,
        status: result.status,
        problems: responseProblems,
      });
      return errorResult(
        500,
        `fake GitHub built a response that breaks the OpenAPI description: ${responseProblems.slice(0, 5).join("; ")}`,
      );
    }
    return { ...result, body };
  }
}
