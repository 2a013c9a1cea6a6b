/**
 * The drift issue: one GitHub issue per (model, environment), found again by a hidden marker on its
 * first line. A drifting run opens it (or reopens it), every run it sees leaves one comment (a re-run
 * edits its own), and the body keeps a trend of the last runs in a hidden JSON store plus the latest
 * report. When drift is gone the issue gets a note and is closed. Bodies people edited never make it
 * fail: a lost or broken trend store starts over with a warning.
 */
import { getErrorMessage, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";
import { driftIcon } from "./drift-markdown.ts";
import { code, escapeMarkdown, fitCommentBody, formatPercent, GITHUB_BODY_LIMIT, sections, statusIcon, table } from "../common/markdown.ts";
import { hiddenJson } from "../github/sticky-comment.ts";
import type { DriftStatus } from "./report-types.ts";

/** What one drift run says, as the issue records it. */
export interface DriftRunSummary {
  model: string;
  environment: string;
  status: DriftStatus;
  /** Weighted share of counted columns that drifted (0–1). */
  share: number;
  drifted: string[];
  checked: number;
  /** When the report was made (ISO 8601). */
  created: string;
  /** The workflow run id (`GITHUB_RUN_ID`): a re-run keeps it, so it replaces instead of adding. */
  runId?: string;
  runUrl?: string;
  /** The model version the run checked. */
  version?: string;
}

/** One row of the trend the issue body keeps. */
export interface TrendEntry {
  created: string;
  status: DriftStatus;
  share: number;
  drifted: number;
  checked: number;
  version?: string;
  runId?: string;
  runUrl?: string;
}

export interface DriftIssueOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  summary: DriftRunSummary;
  /** The rendered drift report of this run. */
  reportMarkdown: string;
  /** Default `["modelship-drift"]`; the first label is how the issue is found again. */
  labels?: string[];
  /** Close the issue when drift is gone (status ok or warn). Default true. */
  closeWhenClear?: boolean;
  logger: Logger;
}

export interface DriftIssueResult {
  action: "opened" | "reopened" | "updated" | "closed" | "unchanged" | "none";
  number?: number;
  url?: string;
}

/** The label drift issues get when none is configured. */
export const DEFAULT_DRIFT_LABEL = "modelship-drift";
const DEFAULT_DRIFT_LABELS: readonly string[] = [DEFAULT_DRIFT_LABEL];

/** Runs the issue body's trend keeps. */
export const TREND_LIMIT = 10;

const MARKER_PREFIX = "<!-- modelship:drift ";
const TREND_PREFIX = "<!-- modelship:drift-trend ";
const RUN_PREFIX = "<!-- modelship:drift-run ";
const SUFFIX = " -->";
const STATUSES: readonly DriftStatus[] = ["ok", "warn", "drift", "insufficient_data"];
const PERMISSION_HINT =
  "give the workflow `permissions: issues: write` (and make sure issues are enabled in the repository's settings), or turn the drift issue off";

/** The JSON of a `<!-- prefix{json} -->` line, or undefined when the line is not one or the JSON is broken. */
function readHidden(line: string, prefix: string): unknown {
  if (!line.startsWith(prefix) || !line.endsWith(SUFFIX)) return undefined;
  try {
    return JSON.parse(line.slice(prefix.length, line.length - SUFFIX.length)) as unknown;
  } catch {
    return undefined;
  }
}

/** Lines of a body, whatever its line endings (GitHub's editor saves CRLF). */
function lines(body: string): string[] {
  return body.split(/\r?\n/);
}

/** The hidden first line that identifies the issue of (model, environment). */
export function driftIssueMarker(summary: Pick<DriftRunSummary, "model" | "environment">): string {
  return `${MARKER_PREFIX}${hiddenJson({ model: summary.model, environment: summary.environment })}${SUFFIX}`;
}

/** The (model, environment) of a body's first-line marker, or undefined when it has none. */
export function parseDriftIssueMarker(body: string): { model: string; environment: string } | undefined {
  const parsed = readHidden(lines(body)[0] ?? "", MARKER_PREFIX);
  if (
    typeof parsed === "object" &&
    parsed !== null &&
    "model" in parsed &&
    "environment" in parsed &&
    typeof parsed.model === "string" &&
    typeof parsed.environment === "string"
  ) {
    return { model: parsed.model, environment: parsed.environment };
  }
  return undefined;
}

/** The issue title, e.g. "Drift: adult-income in production". */
export function driftIssueTitle(summary: Pick<DriftRunSummary, "model" | "environment">): string {
  return `Drift: ${summary.model} in ${summary.environment}`;
}

/** How a run is told apart from others: its run id, else its report time. */
function runKey(entry: { runId?: string; created: string }): string {
  return entry.runId !== undefined ? `run:${entry.runId}` : `created:${entry.created}`;
}

function runMarker(summary: DriftRunSummary): string {
  return `${RUN_PREFIX}${hiddenJson(summary.runId !== undefined ? { runId: summary.runId } : { created: summary.created })}${SUFFIX}`;
}

/** The run key of a comment's first-line run marker, or undefined when it has none. */
function parseRunMarker(body: string): string | undefined {
  const parsed = readHidden(lines(body)[0] ?? "", RUN_PREFIX);
  if (typeof parsed !== "object" || parsed === null) return undefined;
  if ("runId" in parsed && typeof parsed.runId === "string") return `run:${parsed.runId}`;
  if ("created" in parsed && typeof parsed.created === "string") return `created:${parsed.created}`;
  return undefined;
}

function isTrendEntry(value: unknown): value is TrendEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  const optionalString = (key: string): boolean => entry[key] === undefined || typeof entry[key] === "string";
  return (
    typeof entry.created === "string" &&
    typeof entry.status === "string" &&
    (STATUSES as readonly string[]).includes(entry.status) &&
    typeof entry.share === "number" &&
    Number.isFinite(entry.share) &&
    typeof entry.drifted === "number" &&
    Number.isInteger(entry.drifted) &&
    entry.drifted >= 0 &&
    typeof entry.checked === "number" &&
    Number.isInteger(entry.checked) &&
    entry.checked >= 0 &&
    optionalString("version") &&
    optionalString("runId") &&
    optionalString("runUrl")
  );
}

/** Only the known fields, in a fixed order (a hand-edited store may carry anything). */
function cleanEntry(entry: TrendEntry): TrendEntry {
  const clean: TrendEntry = {
    created: entry.created,
    status: entry.status,
    share: entry.share,
    drifted: entry.drifted,
    checked: entry.checked,
  };
  if (entry.version !== undefined) clean.version = entry.version;
  if (entry.runId !== undefined) clean.runId = entry.runId;
  if (entry.runUrl !== undefined) clean.runUrl = entry.runUrl;
  return clean;
}

/** The trend store of a body: undefined when there is none or it is not a JSON array; entries that do not fit are dropped. */
function readTrend(body: string): TrendEntry[] | undefined {
  const line = lines(body).find((candidate) => candidate.startsWith(TREND_PREFIX));
  if (line === undefined) return undefined;
  const parsed = readHidden(line, TREND_PREFIX);
  if (!Array.isArray(parsed)) return undefined;
  return parsed.filter(isTrendEntry).map(cleanEntry);
}

/** The trend kept in an issue body's hidden store; `[]` when it is absent or corrupt. */
export function parseTrend(body: string): TrendEntry[] {
  return readTrend(body) ?? [];
}

/** The trend entry of a run. */
export function trendEntry(summary: DriftRunSummary): TrendEntry {
  return cleanEntry({
    created: summary.created,
    status: summary.status,
    share: summary.share,
    drifted: summary.drifted.length,
    checked: summary.checked,
    version: summary.version,
    runId: summary.runId,
    runUrl: summary.runUrl,
  });
}

/** Adds a run to a trend: a re-run (same run) replaces its entry in place; only the last `TREND_LIMIT` stay. */
export function appendTrend(trend: readonly TrendEntry[], entry: TrendEntry): TrendEntry[] {
  const key = runKey(entry);
  const index = trend.findIndex((known) => runKey(known) === key);
  const next = index === -1 ? [...trend, entry] : trend.map((known, at) => (at === index ? entry : known));
  return next.slice(-TREND_LIMIT);
}

/** A drift status with its icon, e.g. `❌ drift`. */
function statusLabel(status: DriftStatus): string {
  return `${driftIcon(status)} ${status === "insufficient_data" ? "insufficient data" : status}`;
}

/** `2025-01-02 03:04 UTC` from an ISO time; the text as given when it is not one. */
function formatWhen(created: string): string {
  const date = new Date(created);
  return Number.isNaN(date.getTime()) ? escapeMarkdown(created) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A link to the run, or its id, or —. */
function runCell(entry: { runId?: string; runUrl?: string }): string {
  const text = entry.runId !== undefined ? `#${escapeMarkdown(entry.runId)}` : "run";
  if (entry.runUrl !== undefined && /^https?:\/\/\S+$/.test(entry.runUrl)) return `[${text}](${entry.runUrl.replaceAll(")", "%29")})`;
  return entry.runId !== undefined ? text : "—";
}

/** The trend table, oldest run first. */
function trendTable(trend: readonly TrendEntry[]): string {
  const rows = trend.map((entry) => [
    formatWhen(entry.created),
    entry.version === undefined ? "—" : code(entry.version),
    statusLabel(entry.status),
    formatPercent(entry.share),
    `${entry.drifted}/${entry.checked}`,
    runCell(entry),
  ]);
  return table(["Date", "Version", "Status", "Drifted share", "Drifted/checked", "Run"], rows, {
    align: ["left", "left", "left", "right", "right", "left"],
  });
}

/** One line on the run: status, share and the drifted columns. */
function runLine(summary: DriftRunSummary): string {
  const columns =
    summary.drifted.length === 0
      ? "no column drifted"
      : `drifted: ${summary.drifted.slice(0, 20).map(code).join(", ")}${summary.drifted.length > 20 ? ` and ${summary.drifted.length - 20} more` : ""}`;
  const version = summary.version === undefined ? "" : ` (version ${code(summary.version)})`;
  return `${statusLabel(summary.status)} on ${formatWhen(summary.created)}${version}: ${formatPercent(summary.share)} drifted share, ${summary.drifted.length} of ${summary.checked} columns; ${columns}. Run: ${runCell(summary)}.`;
}

/** The issue body: marker, hidden trend store, trend table, latest report (fitted to GitHub's limit). */
export function renderDriftIssueBody(summary: DriftRunSummary, reportMarkdown: string, trend: TrendEntry[]): string {
  const head = [driftIssueMarker(summary), `${TREND_PREFIX}${hiddenJson(trend.map(cleanEntry))}${SUFFIX}`].join("\n");
  const intro = sections(
    `## ${driftIcon(summary.status)} ${escapeMarkdown(driftIssueTitle(summary))}`,
    `Latest run: ${runLine(summary)}`,
    "_modelship rewrites this description on every drift run of this model and environment; comment below instead of editing it._",
    `### Trend (last ${trend.length} ${trend.length === 1 ? "run" : "runs"})`,
    trendTable(trend),
    "### Latest report",
  );
  const prefix = `${head}\n${intro}\n\n`;
  const room = Math.max(1_000, GITHUB_BODY_LIMIT - prefix.length);
  return `${prefix}${fitCommentBody(reportMarkdown, { limit: room })}`;
}

/** The comment a run leaves: its hidden run marker, what it means for the issue, the report. */
function runComment(summary: DriftRunSummary, reportMarkdown: string, note: string): string {
  const text = sections(note, `Run: ${runLine(summary)}`, reportMarkdown);
  const marker = runMarker(summary);
  return `${marker}\n${fitCommentBody(text, { limit: GITHUB_BODY_LIMIT - marker.length - 1 })}`;
}

interface FoundIssue {
  number: number;
  state: string;
  body: string;
  url: string;
}

/** Turns GitHub refusing access into the permission advice a user can act on; other errors pass. */
function accessError(error: unknown, repository: string, doing: string): unknown {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404 && status !== 410) return error;
  const answer =
    status === 404
      ? "404 (not found: a token without access to issues gets this too)"
      : status === 410
        ? "410 (issues are disabled in this repository)"
        : `${status} (${getErrorMessage(error)})`;
  return new UserError(`GitHub refused ${doing} in ${repository}: ${answer}`, { hint: PERMISSION_HINT, cause: error });
}

/** Finds the issue of (model, environment): newest first, an open one preferred over closed ones. */
async function findIssue(
  client: GitHubClient,
  owner: string,
  repo: string,
  label: string,
  summary: DriftRunSummary,
  logger: Logger,
): Promise<FoundIssue | undefined> {
  const issues = await client.paginate(client.rest.issues.listForRepo, {
    owner,
    repo,
    labels: label,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  const ours = issues.filter((issue) => {
    // The issue list holds pull requests too.
    if (issue.pull_request !== undefined && issue.pull_request !== null) return false;
    const found = typeof issue.body === "string" ? parseDriftIssueMarker(issue.body) : undefined;
    return found !== undefined && found.model === summary.model && found.environment === summary.environment;
  });
  if (ours.length > 1)
    logger.debug(
      `${ours.length} drift issues for ${summary.model} in ${summary.environment}: using the newest${ours.some((issue) => issue.state === "open") ? " open one" : ""}.`,
    );
  const pick = ours.find((issue) => issue.state === "open") ?? ours[0];
  return pick === undefined ? undefined : { number: pick.number, state: pick.state, body: pick.body ?? "", url: pick.html_url };
}

/** Adds this run's comment, or edits it when the run was seen before (a re-run); returns whether anything changed. */
async function upsertRunComment(
  client: GitHubClient,
  owner: string,
  repo: string,
  issueNumber: number,
  summary: DriftRunSummary,
  body: string,
): Promise<boolean> {
  const key = runKey(summary);
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const mine = comments.find((comment) => comment.body !== undefined && parseRunMarker(comment.body) === key);
  if (mine === undefined) {
    await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return true;
  }
  if (mine.body === body) return false;
  await client.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  return true;
}

/** Same text whatever the line endings (GitHub's editor saves CRLF). */
function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, "\n") === b.replace(/\r\n/g, "\n");
}

/**
 * Brings the drift issue of the run's (model, environment) up to date: opens, reopens, updates or
 * closes it as the run's status says; creates nothing when there is no drift and no open issue.
 */
export async function syncDriftIssue(options: DriftIssueOptions): Promise<DriftIssueResult> {
  const { client, owner, repo, summary, logger } = options;
  const repository = `${owner}/${repo}`;
  const labels = (options.labels ?? DEFAULT_DRIFT_LABELS).map((label) => label.trim()).filter((label) => label !== "");
  const label = labels[0];
  if (label === undefined)
    throw new UserError("the drift issue needs at least one label", {
      hint: "give the drift issue a label (default modelship-drift): it is how the issue is found on the next run",
    });
  const closeWhenClear = options.closeWhenClear ?? true;
  const subject = `${summary.model} in ${summary.environment}`;

  const call = async <T>(doing: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw accessError(error, repository, doing);
    }
  };

  const found = await call("listing issues", () => findIssue(client, owner, repo, label, summary, logger));
  const open = found?.state === "open";

  if (summary.status !== "drift" && (found === undefined || !open)) {
    logger.info(`No open drift issue for ${subject} and the status is ${summary.status}: nothing to do.`);
    return found === undefined ? { action: "none" } : { action: "none", number: found.number, url: found.url };
  }

  let trend: TrendEntry[] = [];
  if (found !== undefined) {
    const stored = readTrend(found.body);
    if (stored === undefined)
      logger.warning(
        `The trend store in drift issue #${found.number} is missing or broken (was the description edited?): starting a new trend.`,
      );
    trend = stored ?? [];
  }
  trend = appendTrend(trend, trendEntry(summary));
  const body = renderDriftIssueBody(summary, options.reportMarkdown, trend);

  if (found === undefined) {
    const created = await call("creating the drift issue", () =>
      client.rest.issues.create({ owner, repo, title: driftIssueTitle(summary), body, labels }),
    );
    const number = created.data.number;
    await call(`commenting on #${number}`, () =>
      upsertRunComment(
        client,
        owner,
        repo,
        number,
        summary,
        runComment(summary, options.reportMarkdown, `### ${statusIcon("fail")} Drift detected`),
      ),
    );
    logger.info(`Drift issue opened: ${created.data.html_url}`);
    return { action: "opened", number, url: created.data.html_url };
  }

  const number = found.number;
  if (summary.status === "drift") {
    const reopen = !open;
    const bodyChanged = !sameText(found.body, body);
    if (reopen || bodyChanged) {
      await call(`updating #${number}`, () =>
        client.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          body,
          ...(reopen ? { state: "open" as const, state_reason: "reopened" as const } : {}),
        }),
      );
    }
    const note = reopen ? `### ${statusIcon("fail")} Drift is back: reopening this issue` : `### ${statusIcon("fail")} Still drifting`;
    const commented = await call(`commenting on #${number}`, () =>
      upsertRunComment(client, owner, repo, number, summary, runComment(summary, options.reportMarkdown, note)),
    );
    const action = reopen ? "reopened" : bodyChanged || commented ? "updated" : "unchanged";
    logger.info(`Drift issue ${action}: ${found.url}`);
    return { action, number, url: found.url };
  }

  // Open issue, no drift now.
  const note =
    summary.status === "insufficient_data"
      ? `### ${statusIcon("insufficient_data")} Not enough data to judge drift in this run: the issue stays open`
      : `### ${statusIcon("pass")} Drift is gone: this run's status is ${summary.status}${closeWhenClear ? "; closing this issue (it reopens if drift comes back)" : "; the issue stays open (closing is off)"}`;
  const close = summary.status !== "insufficient_data" && closeWhenClear;
  // The note first, so the issue's timeline reads "drift is gone", then "closed".
  const commented = await call(`commenting on #${number}`, () =>
    upsertRunComment(client, owner, repo, number, summary, runComment(summary, options.reportMarkdown, note)),
  );
  const bodyChanged = !sameText(found.body, body);
  if (close) {
    await call(`closing #${number}`, () =>
      client.rest.issues.update({ owner, repo, issue_number: number, body, state: "closed", state_reason: "completed" }),
    );
    logger.info(`Drift is gone for ${subject}: closed ${found.url}`);
    return { action: "closed", number, url: found.url };
  }
  if (bodyChanged) await call(`updating #${number}`, () => client.rest.issues.update({ owner, repo, issue_number: number, body }));
  const action = bodyChanged || commented ? "updated" : "unchanged";
  logger.info(`Drift issue ${action}: ${found.url}`);
  return { action, number, url: found.url };
}
