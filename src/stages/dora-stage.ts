/**
 * `modelship dora` / the dora action: DORA's four keys per model and environment from the GitOps
 * repository's promotion history (GitHub pull requests when promote.repository names one, else the
 * git history of the remote) and the registry (a release's model-repository commit, retirement
 * marks). Writes dora-report.json (schemas/dora-report.schema.json) and dora-summary.md atomically.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { getErrorMessage, UserError } from "../common/errors.ts";
import { assertWritable } from "../common/schema-validation.ts";
import { gitOutput } from "../git/git-command.ts";
import { withClone } from "../git/git-workspace.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { computeDora, DAY_MS, DORA_BANDS_SOURCE, NOT_IN_REGISTRY, type ChangeTime, type PromotionEvent } from "../gitops/dora.ts";
import { readGitHistory, readPullRequestHistory } from "../gitops/dora-history.ts";
import { renderDoraMarkdown, type DoraReport } from "../gitops/dora-report.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { resolveGitOps } from "./promote-settings.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import type { GitOpsInputs } from "./promote-stage.ts";
import schema from "../../schemas/dora-report.schema.json" with { type: "json" };

export type { DoraReport } from "../gitops/dora-report.ts";
export { renderDoraMarkdown } from "../gitops/dora-report.ts";
export { renderDoraText } from "../gitops/dora-text.ts";

/** Where the report goes without --out. */
export const DEFAULT_DORA_OUT = ".modelship/dora";
const DEFAULT_WINDOW = "90d";
const DEFAULT_FAILURE_WINDOW = "7d";

export interface DoraStageOptions {
  /** How far back: a duration (`90d`, `12w`) before `now`, or an ISO 8601 date. Default 90d. */
  since?: string;
  /** A rollback this long after a change's first rollout fails the change. Default 7d. */
  failureWindow?: string;
  /** Only these environments / models (default every one in the history). */
  environments?: string[];
  models?: string[];
  /** The end of the window; default now. */
  now?: Date;
  /** The report folder (default .modelship/dora). */
  outDir?: string;
  gitops: GitOpsInputs;
}

export interface DoraStageResult {
  report: DoraReport;
  markdown: string;
  reportPath: string;
  summaryPath: string;
}

/** Milliseconds of `90d`, `12w` or `36h`; `setting` names the flag or input for the error. */
export function parseWindow(text: string, setting: string): number {
  const match = /^(\d+)(h|d|w)$/.exec(text.trim());
  if (match === null || Number(match[1]) === 0)
    throw new UserError(`${setting}: "${text}" is not a duration`, {
      hint: "write a positive whole number and a unit: 36h, 90d or 12w",
    });
  return Number(match[1]) * { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS }[match[2] as "h" | "d" | "w"];
}

/** The window's start: a duration before `now`, or a date. */
function sinceOf(text: string, now: Date): Date {
  if (/^\d+(h|d|w)$/.test(text.trim())) return new Date(now.getTime() - parseWindow(text, "--since / input since"));
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(date.getTime()))
    throw new UserError(`--since / input since: "${text}" is neither a duration nor a date`, {
      hint: "give a duration such as 90d or 12w, or an ISO 8601 date such as 2026-09-01",
    });
  if (date.getTime() >= now.getTime())
    throw new UserError(`--since / input since: ${text} is not before the end of the window (${now.toISOString()})`, {
      hint: "give an earlier date, or a duration such as 90d",
    });
  return date;
}

/**
 * The start of each deployed version's change: the time of the model-repository commit its release
 * names (lineage.gitSha), read from the git repository the run is in; else the release's created
 * time. A version the registry does not hold has none, and `unmeasured` says why.
 */
async function changeTimes(
  store: RegistryStore,
  wanted: readonly { model: string; version: string }[],
  cwd: string,
  warn: (message: string) => void,
): Promise<{ times: Map<string, ChangeTime>; unmeasured: Map<string, string> }> {
  const times = new Map<string, ChangeTime>();
  const unmeasured = new Map<string, string>();
  for (const { model, version } of wanted) {
    const key = `${model}@${version}`;
    if (times.has(key) || version === "") continue;
    let manifest;
    try {
      manifest = await store.readManifest(model, version);
    } catch (error) {
      warn(`${key}: the registry's manifest could not be read (${getErrorMessage(error)}); its lead time is left out`);
      unmeasured.set(key, "the registry's manifest could not be read");
      continue;
    }
    if (manifest === undefined) {
      warn(`${key} is not in ${store.description}; its lead time is left out (--registry / input registry names the one releases go to)`);
      unmeasured.set(key, NOT_IN_REGISTRY);
      continue;
    }
    const sha = manifest.lineage.gitSha;
    if (sha !== undefined && /^[0-9a-f]{7,64}$/i.test(sha)) {
      try {
        const committed = (await gitOutput(["show", "-s", "--format=%cI", `${sha}^{commit}`, "--"], { cwd })).trim();
        if (committed !== "") {
          times.set(key, { at: new Date(committed).toISOString(), from: "commit" });
          continue;
        }
      } catch {
        // Not in this clone (a shallow checkout, another repository): the release's time stands in.
      }
    }
    times.set(key, { at: new Date(manifest.created).toISOString(), from: "release" });
  }
  return { times, unmeasured };
}

/** Every retired version of each model, as `model@version`. */
async function retiredVersions(store: RegistryStore, models: readonly string[]): Promise<Set<string>> {
  const retired = new Set<string>();
  for (const model of models) for (const mark of await store.retirements(model)) retired.add(`${mark.model}@${mark.version}`);
  return retired;
}

export async function runDoraStage(options: DoraStageOptions, run: StageRun): Promise<DoraStageResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const now = options.now ?? new Date();
  const since = sinceOf(options.since ?? DEFAULT_WINDOW, now);
  const failureWindowMs = parseWindow(options.failureWindow ?? DEFAULT_FAILURE_WINDOW, "--failure-window / input failure-window");
  const gitops = resolveGitOps(
    { repository: options.gitops.gitopsRepo, remote: options.gitops.remote, base: options.gitops.base, serverUrl: run.serverUrl },
    loaded,
  );
  const token = options.gitops.gitopsToken ?? run.token;
  // History before the window too: a change's first rollout and a model's last deployment may be older.
  const readSince = new Date(since.getTime() - (now.getTime() - since.getTime()) - failureWindowMs);
  let events: PromotionEvent[];
  let source: DoraReport["source"];
  // An explicit --remote (the remote input) without --gitops-repo reads that git history, even when modelship.yaml names a repository.
  const readRemote = options.gitops.remote !== undefined && options.gitops.gitopsRepo === undefined;
  if (gitops.repository !== undefined && !readRemote) {
    if (token === undefined || token === "")
      throw new UserError(`reading the pull requests of ${gitops.repository} needs a token`, {
        hint: "pass a token with pull-requests: read on the GitOps repository (input gitops-token; for the CLI MODELSHIP_GITOPS_TOKEN or GITHUB_TOKEN), or --remote / input remote with a git URL or path to read the git history instead",
      });
    const client = createGitHubClient({ token, logger: run.logger, userAgentVersion: run.toolVersion });
    events = await readPullRequestHistory(client, { repository: gitops.repository, base: gitops.base, since: readSince });
    source = { kind: "github", repository: gitops.repository, base: gitops.base };
  } else {
    const clone = { remote: gitops.remote, base: gitops.base, depth: 1, ...(token === undefined ? {} : { token }), logger: run.logger };
    events = await withClone(clone, (workspace) => readGitHistory(workspace));
    source = { kind: "git", remote: redactRemote(gitops.remote), base: gitops.base };
  }
  const found = {
    environments: [...new Set(events.map((event) => event.environment))].sort(),
    models: [...new Set(events.map((event) => event.model))].sort(),
  };
  const environments = options.environments === undefined ? undefined : new Set(options.environments);
  const models = options.models === undefined ? undefined : new Set(options.models);
  events = events.filter(
    (event) => (environments === undefined || environments.has(event.environment)) && (models === undefined || models.has(event.model)),
  );

  const store = openRunRegistry(run, loaded, { registry: options.gitops.registry, tagFormat: options.gitops.tagFormat });
  const modelNames = [...new Set(events.map((event) => event.model))].sort();
  const retired = await retiredVersions(store, modelNames);
  const deployed = events.filter((event) => event.action === "promote" || event.action === "direct");
  const { times, unmeasured } = await changeTimes(store, deployed, run.cwd, (message) => {
    run.logger.warning(message);
  });
  const computed = computeDora(events, {
    since,
    until: now,
    failureWindowMs,
    changeTime: (model, version) => times.get(`${model}@${version}`),
    retired: (model, version) => retired.has(`${model}@${version}`),
    unmeasuredReason: (model, version) => unmeasured.get(`${model}@${version}`),
  });
  const report: DoraReport = {
    schema: "modelship/dora-report@1",
    tool: { name: "modelship", version: run.toolVersion },
    created: now.toISOString(),
    window: { since: since.toISOString(), until: now.toISOString(), days: (now.getTime() - since.getTime()) / DAY_MS },
    failureWindowDays: failureWindowMs / DAY_MS,
    source,
    bands: { report: DORA_BANDS_SOURCE.report, url: DORA_BANDS_SOURCE.url },
    statistic: "median",
    models: computed.figures,
    skipped: computed.skipped,
    selection: { environments: options.environments ?? null, models: options.models ?? null, found },
  };
  assertWritable(schema, report, "DORA report");
  const markdown = renderDoraMarkdown(report);
  const outDir = options.outDir ?? DEFAULT_DORA_OUT;
  const reportPath = join(outDir, "dora-report.json");
  const summaryPath = join(outDir, "dora-summary.md");
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(summaryPath, markdown);
  return { report, markdown, reportPath, summaryPath };
}

/** A remote for a report or page: a URL's user and password dropped. */
export function redactRemote(remote: string): string {
  try {
    const url = new URL(remote);
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return remote;
  }
}
