// A tiny relay from Alertmanager's webhook to GitHub's repository_dispatch (docs/self-healing.md).
// Alertmanager cannot call GitHub's API itself: its webhook body is not the
// `{ event_type, client_payload }` GitHub wants, and it cannot mint a GitHub token. This server
// checks Alertmanager's bearer token, trims the alerts to what modelship reads (two labels and status),
// and sends one `modelship-health` dispatch. The dispatch only wakes the canary workflow: modelship
// still reads health from Prometheus and decides itself.
//
//   RELAY_SECRET=...          the bearer token Alertmanager sends (http_config.authorization.credentials)
//   GITHUB_REPOSITORY=o/r     the repository whose workflow listens for repository_dispatch
//   GITHUB_TOKEN=...          a fine-grained token or App token with "contents: write" on that repository
//                             (what POST /repos/{owner}/{repo}/dispatches needs), and nothing else
//   PORT=8080                 GITHUB_API_URL=https://api.github.com (GitHub Enterprise Server: its /api/v3)
//
// Node 20 or later, no dependencies, an ES module (copy it with a package.json saying "type": "module",
// or rename it relay.mjs): `node relay.js`.
import { createServer } from "node:http";
import { timingSafeEqual } from "node:crypto";

export const EVENT_TYPE = "modelship-health";
const MAX_BODY = 1024 * 1024;
const MAX_ALERTS = 100;
const MAX_TEXT = 200;
/** The labels modelship reads (and one for people): GitHub refuses a client_payload over 65,535 characters. */
const KEPT_LABELS = ["alertname", "modelship_environment"];
const TIMEOUT_MS = 10_000;

/** A string kept short, or undefined. */
function text(value) {
  return typeof value === "string" ? value.slice(0, MAX_TEXT) : undefined;
}

/**
 * Alertmanager's webhook body (version "4") → the repository_dispatch request body. Only string
 * labels, the status and a few ids travel: GitHub allows at most 10 top-level properties and
 * 65,535 characters in client_payload, and modelship reads nothing else.
 */
export function toDispatch(body) {
  if (typeof body !== "object" || body === null || body.version !== "4" || !Array.isArray(body.alerts))
    throw new Error('not an Alertmanager webhook body (version "4" with alerts)');
  const alerts = body.alerts.slice(0, MAX_ALERTS).map((alert) => {
    const labels = {};
    for (const key of KEPT_LABELS) {
      const value = alert?.labels?.[key];
      if (typeof value === "string") labels[key] = value.slice(0, MAX_TEXT);
    }
    return { status: text(alert?.status), labels, startsAt: text(alert?.startsAt), fingerprint: text(alert?.fingerprint) };
  });
  return {
    event_type: EVENT_TYPE,
    client_payload: {
      version: "4",
      status: text(body.status),
      receiver: text(body.receiver),
      groupKey: text(body.groupKey),
      truncatedAlerts:
        Math.max(0, body.alerts.length - alerts.length) + (Number.isInteger(body.truncatedAlerts) ? body.truncatedAlerts : 0),
      alerts,
    },
  };
}

/** Constant-time comparison of the Authorization header with `Bearer <secret>`. */
function authorized(header, secret) {
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** The HTTP handler: POST / with Alertmanager's bearer token → one dispatch. */
export function relay({ secret, repository, token, apiUrl = "https://api.github.com", fetch: send = fetch }) {
  return async (request, response) => {
    const reply = (status, message) => response.writeHead(status, { "content-type": "text/plain" }).end(`${message}\n`);
    if (request.method !== "POST") return reply(405, "POST only");
    if (!authorized(request.headers.authorization, secret)) return reply(401, "unauthorized");
    let dispatch;
    try {
      dispatch = toDispatch(await readBody(request));
    } catch (error) {
      return reply(400, error.message);
    }
    let answer;
    try {
      answer = await send(`${apiUrl.replace(/\/+$/, "")}/repos/${repository}/dispatches`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/vnd.github+json",
          "content-type": "application/json",
          "x-github-api-version": "2022-11-28",
          "user-agent": "modelship-alertmanager-relay",
        },
        body: JSON.stringify(dispatch),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      // GitHub unreachable or too slow: a 502 makes Alertmanager retry, and the relay keeps running.
      return reply(502, `GitHub could not be reached: ${error.message}`);
    }
    // Alertmanager retries on 5xx: pass GitHub's failures on as 502 so a blip is retried.
    return answer.status === 204 ? reply(202, "dispatched") : reply(502, `GitHub answered ${answer.status}`);
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { RELAY_SECRET, GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL, PORT = "8080" } = process.env;
  if (!RELAY_SECRET || !GITHUB_REPOSITORY || !GITHUB_TOKEN) {
    console.error("set RELAY_SECRET, GITHUB_REPOSITORY (owner/repo) and GITHUB_TOKEN");
    process.exit(2);
  }
  createServer(relay({ secret: RELAY_SECRET, repository: GITHUB_REPOSITORY, token: GITHUB_TOKEN, apiUrl: GITHUB_API_URL })).listen(
    Number(PORT),
    () => console.log(`relaying Alertmanager to ${GITHUB_REPOSITORY} on :${PORT}`),
  );
}
