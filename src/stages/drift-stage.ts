/**
 * The drift stage as the CLI and the drift action run it: resolve the reference (a release's
 * reference profile — the version the GitOps repository serves, the latest, or a given one — or a
 * profile or data files), profile the current data on the reference's bins (or merge shard profiles
 * made that way), compare, write the report, and on GitHub keep the drift issue and trigger
 * retraining. A shard run only profiles its part of the current data.
 */
import { contractPathOf, profileFiles } from "./reference-data.ts";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { resolveDriftSettings, type DriftStageSettings, type ExplicitDriftSettings } from "./drift-settings.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { resolveEnvironment, resolveGitOps, type ExplicitGitOpsSettings } from "./promote-settings.ts";
import { resolveRegistry } from "./release-settings.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { loadContract } from "../data/contract/contract.ts";
import { mergeProfiles, profileData, readProfile, type ReferenceProfile } from "../data/profile/profile.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { withClone } from "../git/git-workspace.ts";
import { parseModelUri } from "../gitops/model-uri.ts";
import { readEnvironmentState } from "../gitops/promote.ts";
import { fetchModel } from "../registry/fetch.ts";
import { openStore } from "../registry/open-store.ts";
import { parseModelRef } from "../registry/version.ts";
import { renderDriftReport } from "../drift/drift-markdown.ts";
import { checkDrift } from "../drift/drift.ts";
import {
  appendTrend,
  renderDriftIssueBody,
  syncDriftIssue,
  trendEntry,
  type DriftIssueResult,
  type DriftRunSummary,
} from "../drift/drift-issue.ts";
import type { DriftReport } from "../drift/report-types.ts";
import { judgePerformance, PERFORMANCE_DEFAULTS } from "../drift/performance.ts";
import { triggerRetraining, type RetrainTrigger } from "../drift/retrain.ts";
import { expandGlob, hasMagic, resolveCurrentSources } from "../drift/sources.ts";
import { readableExtension } from "../data/readers/index.ts";

export interface DriftStageOptions extends ExplicitDriftSettings {
  /** Profiles of the current data's shards (made on the reference's bins) to merge instead of reading data. */
  currentProfiles?: string[];
  /** Only profile the current data on the reference's bins and write that profile here (a shard job). */
  shardOutput?: string;
}

export interface DriftStageContext {
  loaded: LoadedConfig;
  registry?: string;
  /** The registry when neither an input nor release.registry names one. */
  defaultRegistry: string;
  /** Token for the registry (GitHub Releases). */
  registryToken?: string;
  repository?: string;
  tagFormat?: string;
  gitops: ExplicitGitOpsSettings;
  /** Token for the GitOps repository (reading what production serves). */
  gitopsToken?: string;
  /** Headers for current-data URLs (an auth header from a secret). */
  urlHeaders?: Record<string, string>;
  /** The repository the issue goes to and a client that may write issues; absent outside GitHub. */
  github?: { client: GitHubClient; owner: string; repo: string };
  runId?: string;
  runUrl?: string;
  logger: Logger;
  toolVersion: string;
}

export interface DriftStageResult {
  settings: DriftStageSettings;
  /** Absent for a shard run. */
  report?: DriftReport;
  markdown?: string;
  reportPath?: string;
  markdownPath?: string;
  /** Where the body of the issue a drift would open went (outside GitHub). */
  issuePath?: string;
  issue?: DriftIssueResult;
  retrained: boolean;
  shardPath?: string;
  /** fail_on says this result fails the run. */
  failed: boolean;
}

interface Reference {
  profile: ReferenceProfile;
  source: string;
  model?: DriftReport["model"];
  /** The model's accuracy where it was evaluated (the release's gate report), for performance drift. */
  accuracy?: { accuracy: number; n: number };
}

/** Accuracy and rows of a gate report, when it has them. */
async function gateAccuracy(path: string): Promise<{ accuracy: number; n: number } | undefined> {
  try {
    const report = JSON.parse(await readFile(path, "utf8")) as {
      metrics?: { accuracy?: { value?: number | null } };
      data?: { rows?: number };
    };
    const accuracy = report.metrics?.accuracy?.value;
    const n = report.data?.rows;
    return typeof accuracy === "number" && typeof n === "number" && n > 0 ? { accuracy, n } : undefined;
  } catch {
    return undefined;
  }
}

/** The reference accuracy: the release's evaluation, else the reference profile's own labelled rows. */
function profileAccuracy(profile: ReferenceProfile): { accuracy: number; n: number } | undefined {
  const agreement = profile.agreement;
  return agreement === undefined || agreement.rows === 0 ? undefined : { accuracy: agreement.agree / agreement.rows, n: agreement.rows };
}

/** The contract for current data: labels and predictions may be absent (they arrive later, or never). */
async function currentContract(loaded: LoadedConfig): Promise<DataContract> {
  const contract = await loadContract(contractPathOf(loaded));
  return {
    ...contract,
    columns: contract.columns.map((column) =>
      column.roles.some((role) => role === "target" || role === "prediction") ? { ...column, required: false } : column,
    ),
  };
}

async function referenceFromRelease(
  spec: { registry: string; model: string; version: string },
  context: DriftStageContext,
): Promise<Reference> {
  const { logger } = context;
  const store = openStore({
    spec: spec.registry,
    token: context.registryToken,
    repository: context.repository,
    tagFormat: context.tagFormat ?? context.loaded.config?.release?.tag_format,
    logger,
    userAgentVersion: context.toolVersion,
  });
  const temp = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-drift-"));
  try {
    const fetched = await fetchModel({ store, model: spec.model, version: spec.version, dir: join(temp, "model"), logger });
    const file = fetched.manifest.files.find((entry) => entry.role === "reference-profile");
    const label = `${spec.model}@${fetched.version}`;
    if (file === undefined) {
      throw new UserError(`release ${label} has no reference profile to compare with`, {
        hint: "release models with a reference profile (modelship profile, then modelship release --reference-profile), or pass --reference PROFILE.json",
      });
    }
    const profile = await readProfile(join(fetched.path, file.name));
    const located = await store.locate(spec.model, fetched.version).catch(() => undefined);
    const gate = fetched.manifest.files.find((entry) => entry.role === "gate-report");
    const accuracy = (gate === undefined ? undefined : await gateAccuracy(join(fetched.path, gate.name))) ?? profileAccuracy(profile);
    return {
      profile,
      source: `release ${label} (${store.description})`,
      model: { name: spec.model, version: fetched.version, ...(located?.url === undefined ? {} : { release_url: located.url }) },
      ...(accuracy === undefined ? {} : { accuracy }),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The stable model the environment serves, read from the GitOps repository's base branch. */
async function deployedRelease(
  settings: DriftStageSettings,
  context: DriftStageContext,
): Promise<{ registry: string; model: string; version: string }> {
  const { loaded, logger } = context;
  const environment = resolveEnvironment(settings.environment, loaded);
  const gitops = resolveGitOps(context.gitops, loaded);
  const state = await withClone(
    { remote: gitops.remote, base: gitops.base, ...(context.gitopsToken === undefined ? {} : { token: context.gitopsToken }), logger },
    (workspace) => readEnvironmentState((path) => workspace.readFile(path, `origin/${gitops.base}`), environment, logger),
  );
  const stable = state.stable;
  if (stable === undefined)
    throw new UserError(`no model serves in ${environment.name} yet, so there is no production reference`, {
      hint: "promote a release first, or pass --reference latest (or a version)",
    });
  const location = parseModelUri(stable.uri, context.tagFormat ?? loaded.config?.release?.tag_format);
  const model = settings.model;
  if (location !== undefined) return { registry: location.registry, model: location.model, version: location.version };
  if (model === undefined || stable.version === "")
    throw new UserError(`the model URI ${stable.uri} in ${environment.name} is not a release modelship can read a reference profile from`, {
      hint: "pass --reference VERSION (the version that serves) or a reference profile file",
    });
  logger.info(`${environment.name} serves ${stable.uri}; its reference comes from ${model}@${stable.version} in the configured registry.`);
  return { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model, version: stable.version };
}

async function loadReference(settings: DriftStageSettings, context: DriftStageContext): Promise<Reference> {
  const spec = settings.reference;
  const { loaded, logger } = context;
  const fromFile = /\.json$/i.test(spec);
  if (fromFile || readableExtension(spec) !== undefined || hasMagic(spec)) {
    const profile = fromFile
      ? await readProfile(spec)
      : (await profileFiles({ loaded, patterns: [spec], logger, toolVersion: context.toolVersion })).profile;
    const accuracy = profileAccuracy(profile);
    return {
      profile,
      source: fromFile ? spec : `data ${spec}`,
      ...(settings.model === undefined ? {} : { model: { name: settings.model } }),
      ...(accuracy === undefined ? {} : { accuracy }),
    };
  }
  if (spec === "production" || spec === "deployed") return referenceFromRelease(await deployedRelease(settings, context), context);
  const ref = spec.includes("@") ? parseModelRef(spec) : { model: settings.model, version: spec };
  if (ref.model === undefined)
    throw new UserError(`the reference ${spec} names no model`, { hint: "set `model:` in modelship.yaml, or pass MODEL@VERSION" });
  return referenceFromRelease(
    { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model: ref.model, version: ref.version },
    context,
  );
}

/** The file beside a shard profile that says which reference its bins came from. */
function referenceNote(shardPath: string): string {
  return `${shardPath}.reference`;
}

/** Refuses a shard profiled against another reference (e.g. a promotion happened between the shard jobs and this one). */
async function assertSameReference(path: string, reference: ReferenceProfile, source: string): Promise<void> {
  let note: { source?: string; created?: string };
  try {
    note = JSON.parse(await readFile(referenceNote(path), "utf8")) as { source?: string; created?: string };
  } catch {
    return; // A profile made with `modelship profile --bins-from`: its edges are checked when compared.
  }
  if (note.source !== source || note.created !== reference.created) {
    throw new UserError(
      `the shard profile was made against ${note.source ?? "another reference"}, but this check compares with ${source}`,
      {
        file: path,
        hint: "re-run the shard jobs (the reference changed between them and this job, e.g. a promotion), or pin the reference to a version",
      },
    );
  }
}

async function currentProfile(
  options: DriftStageOptions,
  settings: DriftStageSettings,
  reference: ReferenceProfile,
  referenceSource: string,
  context: DriftStageContext,
): Promise<{ profile: ReferenceProfile; sources: string[] }> {
  const { logger } = context;
  if (options.currentProfiles !== undefined && options.currentProfiles.length > 0) {
    if (
      (settings.current.length > 0 && options.current !== undefined) ||
      (settings.currentUrls.length > 0 && options.currentUrls !== undefined)
    ) {
      throw new UserError("give the current data as shard profiles or as data files and URLs, not both", {
        hint: "profile every part of the current data as a shard (--shard-output), then merge them all with --current-profile",
      });
    }
    const paths = (await Promise.all(options.currentProfiles.map((pattern) => expandGlob(pattern, process.cwd(), "profile")))).flat();
    for (const path of paths) await assertSameReference(path, reference, referenceSource);
    let merged = await readProfile(paths[0]!);
    for (const path of paths.slice(1)) merged = mergeProfiles(merged, await readProfile(path));
    logger.info(`Merged ${paths.length} current-data profile(s): ${merged.rows} rows.`);
    return { profile: merged, sources: merged.datasets.map((dataset) => dataset.path) };
  }
  if (settings.current.length === 0 && settings.currentUrls.length === 0) {
    throw new UserError("no current data to check", {
      file: context.loaded.file,
      hint: "pass data files or globs (the current input, or drift.current in modelship.yaml), a URL (current-url), or shard profiles (current-profiles)",
    });
  }
  const resolved = await resolveCurrentSources(
    { paths: settings.current, urls: settings.currentUrls },
    { ...(context.urlHeaders === undefined ? {} : { headers: context.urlHeaders }), tempDir: process.env.RUNNER_TEMP ?? tmpdir(), logger },
  );
  try {
    const profile = await profileData({
      contract: await currentContract(context.loaded),
      paths: resolved.files,
      binsFrom: reference,
      logger,
      toolVersion: context.toolVersion,
    });
    // The report names what the user gave (patterns, redacted URLs), not temp files.
    return { profile, sources: resolved.sources };
  } finally {
    await resolved.cleanup();
  }
}

function summaryOf(report: DriftReport, settings: DriftStageSettings, context: DriftStageContext): DriftRunSummary {
  return {
    model: report.model?.name ?? settings.model ?? "model",
    environment: settings.environment,
    status: report.status,
    share: report.share,
    drifted: report.drifted_columns,
    checked: report.columns_checked,
    created: report.created,
    ...(context.runId === undefined ? {} : { runId: context.runId }),
    ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
    ...(report.model?.version === undefined ? {} : { version: report.model.version }),
  };
}

/** The repository's default branch, where a workflow_dispatch runs when drift.retrain.ref is not set. */
async function defaultBranch(github: NonNullable<DriftStageContext["github"]>): Promise<string> {
  const { data } = await github.client.rest.repos.get({ owner: github.owner, repo: github.repo });
  return data.default_branch;
}

/** `modelship drift` / the drift action. */
export async function runDriftStage(options: DriftStageOptions, context: DriftStageContext): Promise<DriftStageResult> {
  const { loaded, logger } = context;
  const settings = resolveDriftSettings(options, loaded);
  const reference = await loadReference(settings, context);
  logger.info(`Reference: ${reference.source} (${reference.profile.rows} rows).`);
  const current = await currentProfile(options, settings, reference.profile, reference.source, context);
  if (options.shardOutput !== undefined) {
    await writeFileAtomic(options.shardOutput, `${JSON.stringify(current.profile, null, 2)}\n`);
    await writeFileAtomic(
      referenceNote(options.shardOutput),
      `${JSON.stringify({ source: reference.source, created: reference.profile.created })}\n`,
    );
    logger.info(
      `Profiled ${current.profile.rows} current rows on the reference's bins into ${options.shardOutput}; merge the shards with current-profiles.`,
    );
    return { settings, retrained: false, shardPath: options.shardOutput, failed: false };
  }
  const performance = judgePerformance(current.profile.agreement, reference.accuracy, {
    ...PERFORMANCE_DEFAULTS,
    p_value: settings.statistics.p_value,
    min_samples: settings.statistics.min_samples,
  });
  if (current.profile.rows === 0)
    logger.warning(
      `The current data (${current.sources.join(", ")}) has no rows: nothing to compare, and the result is insufficient_data, not a pass.`,
    );
  const report = checkDrift({
    reference: reference.profile,
    referenceSource: reference.source,
    current: current.profile,
    currentSources: current.sources,
    settings: settings.statistics,
    ...(reference.model === undefined ? {} : { model: reference.model }),
    environment: settings.environment,
    ...(performance === undefined ? {} : { performance }),
    toolVersion: context.toolVersion,
  });
  const markdown = renderDriftReport(report, context.runUrl === undefined ? {} : { runUrl: context.runUrl });
  const reportPath = join(settings.reportDir, "drift-report.json");
  const markdownPath = join(settings.reportDir, "drift-report.md");
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(markdownPath, `${markdown}\n`);
  const result: DriftStageResult = { settings, report, markdown, reportPath, markdownPath, retrained: false, failed: false };
  const summary = summaryOf(report, settings, context);

  const github = context.github;
  if (github !== undefined && settings.issue.enabled !== false) {
    result.issue = await syncDriftIssue({
      client: github.client,
      owner: github.owner,
      repo: github.repo,
      summary,
      reportMarkdown: markdown,
      labels: settings.issue.labels,
      closeWhenClear: settings.issue.closeWhenClear,
      logger,
    });
  } else if (report.status === "drift") {
    result.issuePath = join(settings.reportDir, "drift-issue.md");
    await writeFileAtomic(result.issuePath, `${renderDriftIssueBody(summary, markdown, appendTrend([], trendEntry(summary)))}\n`);
    logger.info(`Without GitHub, the drift issue it would open is in ${result.issuePath}.`);
  }
  // Once per drift episode: when the issue opens (or reopens), not on every run while drift lasts or on a re-run.
  const newEpisode = result.issue === undefined || result.issue.action === "opened" || result.issue.action === "reopened";
  if (report.status === "drift" && settings.retrain !== undefined && !newEpisode)
    logger.info("Retraining was already triggered when this drift issue opened; not again.");
  if (report.status === "drift" && settings.retrain !== undefined && newEpisode) {
    const payload = {
      model: summary.model,
      environment: summary.environment,
      version: summary.version,
      status: report.status,
      share: report.share,
      drifted: report.drifted_columns,
      run_url: context.runUrl,
    };
    if (github !== undefined) {
      const retrain = settings.retrain;
      const trigger: RetrainTrigger =
        retrain.kind === "workflow" ? { ...retrain, ref: retrain.ref ?? (await defaultBranch(github)) } : retrain;
      await triggerRetraining({ client: github.client, owner: github.owner, repo: github.repo, trigger, payload, logger });
      result.retrained = true;
    } else {
      logger.info(
        `Without GitHub, retraining is not triggered (would send ${settings.retrain.kind === "workflow" ? `workflow_dispatch of ${settings.retrain.workflow}` : `repository_dispatch ${settings.retrain.eventType}`}).`,
      );
    }
  }
  // fail_on warn: anything short of ok fails, insufficient_data included (it is never a pass).
  result.failed = (settings.failOn === "drift" && report.status === "drift") || (settings.failOn === "warn" && report.status !== "ok");
  return result;
}
