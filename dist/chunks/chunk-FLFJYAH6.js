import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/github/context.ts
import { readFileSync } from "node:fs";
function object(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function readPayload(path) {
  if (path === void 0 || path === "") return {};
  let raw;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  try {
    return object(JSON.parse(raw)) ?? {};
  } catch (error) {
    throw new UserError(`the event payload is not valid JSON`, {
      file: path,
      cause: error,
      hint: "GITHUB_EVENT_PATH must point to the runner's event.json"
    });
  }
}
function pullRequestOf(eventName, payload, repository) {
  const pr = object(payload.pull_request);
  if (pr !== void 0 && typeof pr.number === "number") {
    const head = object(pr.head);
    const base = object(pr.base);
    const headRepo = text(object(head?.repo)?.full_name);
    const baseRepo = text(object(base?.repo)?.full_name) ?? repository;
    return {
      number: pr.number,
      headSha: text(head?.sha),
      baseSha: text(base?.sha),
      headRef: text(head?.ref),
      baseRef: text(base?.ref),
      fork: headRepo !== void 0 && baseRepo !== void 0 && headRepo.toLowerCase() !== baseRepo.toLowerCase()
    };
  }
  const issue = object(payload.issue);
  if (eventName === "issue_comment" && issue !== void 0 && object(issue.pull_request) !== void 0 && typeof issue.number === "number") {
    return { number: issue.number, fork: false };
  }
  return void 0;
}
function readGitHubContext(env = process.env) {
  const repository = text(env.GITHUB_REPOSITORY);
  const where = repository === void 0 ? void 0 : parseRepository(repository);
  const eventName = text(env.GITHUB_EVENT_NAME);
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (text(env.GITHUB_SERVER_URL) ?? "https://github.com").replace(/\/+$/, "");
  const runId = text(env.GITHUB_RUN_ID);
  return {
    owner: where?.owner,
    repo: where?.repo,
    repository,
    eventName,
    payload,
    pullRequest: pullRequestOf(eventName, payload, repository),
    sha: text(env.GITHUB_SHA),
    ref: text(env.GITHUB_REF),
    serverUrl,
    apiUrl: (text(env.GITHUB_API_URL) ?? "https://api.github.com").replace(/\/+$/, ""),
    runId,
    runAttempt: text(env.GITHUB_RUN_ATTEMPT),
    runUrl: repository !== void 0 && runId !== void 0 ? `${serverUrl}/${repository}/actions/runs/${runId}` : void 0,
    workflow: text(env.GITHUB_WORKFLOW),
    job: text(env.GITHUB_JOB),
    actor: text(env.GITHUB_ACTOR)
  };
}

export {
  readGitHubContext
};
