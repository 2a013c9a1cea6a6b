/**
 * The drift stage as the CLI and the drift action run it: resolve the reference (a release's
 * reference profile — the version the GitOps repository serves, the latest, or a given one — or a
 * profile or data files), profile the current data on the reference's bins (or merge shard profiles
 * made that way), compare, write the report, and on GitHub keep the drift issue and trigger
 * retraining. A shard run only profiles its part of the current data.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { loadContract } from "../data/contract/load-contract.ts";
import { mergeProfiles, profileData, readProfile, type ReferenceProfile } from "../data/profile/profile-data.ts";
import { redactProfiles } from "../data/pii/redact-reports.ts";
import { redactorFor } from "../data/pii/redact.ts";
import { renderDriftReport } from "../drift/drift-markdown.ts";
import { checkDrift } from "../drift/check-drift.ts";
import {
  appendTrend,
  renderDriftIssueBody,
  syncDriftIssue,
  trendEntry,
  type DriftIssueResult,
  type DriftRunSummary,
} from "../drift/drift-issue.ts";
import { driftFails, type DriftReport, type DriftSettings, type WeightsSource } from "../drift/report-types.ts";
import { judgePerformance, PERFORMANCE_DEFAULTS } from "../drift/performance.ts";
import { triggerRetraining, type RetrainTrigger } from "../drift/retrain.ts";
import { parseHeader, resolveCurrentSources } from "../drift/sources.ts";
import { createGitHubClient, type GitHubClient } from "../github/octokit.ts";
import { parseRepository } from "../github/repository.ts";
import { loadReference, type Reference, type ReferenceContext } from "./drift-reference.ts";
import { importanceWeights } from "./drift-weights.ts";
import { countedColumns } from "../drift/decide-drift.ts";
import { openOciClient } from "./oci-settings.ts";
import { checkCurrentSources, resolveDriftSettings, type DriftStageSettings, type ExplicitDriftSettings } from "./drift-settings.ts";
import type { GitOpsInputs } from "./promote-stage.ts";
import { contractPathOf, contractRedactor } from "./reference-data.ts";
import { describeMark } from "../registry/retirement.ts";
import { loadStageConfig, networkPolicy, type StageRun } from "./stage-run.ts";
import { checkOutputFile, checkOutputFolder } from "../common/output-path.ts";

export { driftIcon } from "../drift/drift-markdown.ts";

export interface DriftStageOptions extends ExplicitDriftSettings {
  /** Profiles of the current data's shards (made on the reference's bins) to merge instead of reading data. */
  currentProfiles?: string[];
  /** Only profile the current data on the reference's bins and write that profile here (a shard job). */
  shardOutput?: string;
}

/** What the drift stage is given besides its StageRun: the options, and what only its face knows. */
export interface DriftStageInputs extends DriftStageOptions {
  /** Where `--reference production` reads what serves, the registry and its tag format (no outDir: drift opens no PR). */
  gitops: Omit<GitOpsInputs, "outDir">;
  /** A header sent with current-data URL downloads, as `Name: value` (an auth header from a secret). */
  urlHeader?: string;
  /** Where urlHeader came from (an input, a flag, a variable), for the message when it is not `Name: value`. */
  urlHeaderSource?: string;
  /**
   * The face keeps the drift issue on GitHub (the action): the `issue` option, else drift.issue.enabled,
   * else on, with the run's token and repository. Otherwise (the CLI) a drift writes the issue it would open to a file.
   */
  issueOnGitHub?: boolean;
}

/** The headers of a `Name: value` text for current-data URL downloads; `source` names it in the error when it is not one. */
export function parseUrlHeader(text: string, source: string): Record<string, string> {
  return parseHeader(text, source);
}

/** What the drift check works with once the stage has opened it. */
interface DriftStageContext extends ReferenceContext {
  /** Headers for current-data URLs (an auth header from a secret). */
  urlHeaders?: Record<string, string>;
  /** The repository the issue goes to and a client that may write issues; absent outside GitHub. */
  github?: { client: GitHubClient; owner: string; repo: string };
  runId?: string;
  runUrl?: string;
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
  /** Why nothing was checked, e.g. "skipped: adult-income@1.2.0 is retired (…)". */
  skipped?: string;
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
  /** The shard profiles' paths when the current data is given as shards (checkCurrentSources expanded them), else undefined. */
  shards: string[] | undefined,
): Promise<{ profile: ReferenceProfile; sources: string[] }> {
  const { logger } = context;
  if (shards !== undefined) {
    if (
      (settings.current.length > 0 && options.current !== undefined) ||
      (settings.currentUrls.length > 0 && options.currentUrls !== undefined)
    ) {
      throw new UserError("give the current data as shard profiles or as data files and URLs, not both", {
        hint: "profile every part of the current data as a shard (--shard-output), then merge them all with --current-profile",
      });
    }
    const paths = shards;
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
    {
      ...(context.urlHeaders === undefined ? {} : { headers: context.urlHeaders }),
      tempDir: process.env.RUNNER_TEMP ?? tmpdir(),
      logger,
      network: context.network,
    },
  );
  try {
    const contract = await currentContract(context.loaded);
    const profile = await profileData({
      contract,
      // Columns the reference redacts are redacted here too (a shard's profile is written as it is).
      redactor: redactorFor(contract, { detectedColumns: Object.keys(reference.redacted ?? {}) }),
      paths: resolved.files,
      binsFrom: reference,
      binsFromSource: {
        what: "the reference profile (--reference, drift.reference)",
        hint: "compare with the reference profile of a model trained on data of this contract (data.contract in modelship.yaml), or make the current data match that contract",
      },
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

/**
 * The statistics' settings with the weights `drift.weights: importance` asks for, from the permutation
 * importances in the reference release's gate report (drift-weights.ts), with a warning for what they
 * lack; otherwise the settings as they are, weighted as modelship.yaml says (or equally).
 */
function weighted(
  settings: DriftStageSettings,
  reference: Reference,
  logger: DriftStageContext["logger"],
): { statistics: DriftSettings; weightsSource: WeightsSource } {
  const statistics = settings.statistics;
  if (!settings.weightsFromImportance)
    return { statistics, weightsSource: Object.keys(statistics.weights).length > 0 ? "config" : "equal" };
  const model = reference.model;
  const release = model === undefined ? reference.source : `${model.name}${model.version === undefined ? "" : `@${model.version}`}`;
  const derived = importanceWeights(reference.explanations, countedColumns(reference.profile.columns, statistics.ignore), release);
  for (const warning of derived.warnings) logger.warning(warning);
  if (derived.source === "importance")
    logger.info(
      `Weights from ${release}'s permutation importances: ${Object.entries(derived.weights)
        .sort(([, a], [, b]) => b - a)
        .map(([name, weight]) => `${name} ${weight.toFixed(2)}`)
        .join(", ")}.`,
    );
  return { statistics: { ...statistics, weights: derived.weights }, weightsSource: derived.source };
}

/** The repository's default branch, where a workflow_dispatch runs when drift.retrain.ref is not set. */
async function defaultBranch(github: NonNullable<DriftStageContext["github"]>): Promise<string> {
  const { data } = await github.client.rest.repos.get({ owner: github.owner, repo: github.repo });
  return data.default_branch;
}

/** The repository the drift issue goes to and a client that may write issues, when this run keeps the issue on GitHub. */
function issueRepository(inputs: DriftStageInputs, run: StageRun, loaded: LoadedConfig): DriftStageContext["github"] {
  // A shard job only profiles; the job that merges the shards keeps the issue.
  if (inputs.issueOnGitHub !== true || inputs.shardOutput !== undefined) return undefined;
  // The option wins when set; else drift.issue.enabled; else on.
  if (!(inputs.issue ?? loaded.config?.drift?.issue?.enabled !== false)) return undefined;
  const where = run.repository === undefined ? undefined : parseRepository(run.repository);
  if (run.token === undefined || where === undefined) {
    throw new UserError("the drift issue needs a token and the repository (GITHUB_REPOSITORY)", {
      hint: "keep the default token input (github.token) with `permissions: issues: write`, or set issue: false",
    });
  }
  return { client: createGitHubClient({ token: run.token, logger: run.logger, userAgentVersion: run.toolVersion }), ...where };
}

/** `modelship drift` / the drift action: modelship.yaml loaded, the reference and the current data compared, the report written. */
export async function runDriftStage(inputs: DriftStageInputs, run: StageRun): Promise<DriftStageResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const github = issueRepository(inputs, run, loaded);
  const { gitops } = inputs;
  const context: DriftStageContext = {
    loaded,
    defaultRegistry: run.defaultRegistry,
    registry: gitops.registry,
    registryToken: run.token,
    repository: run.repository,
    tagFormat: gitops.tagFormat,
    gitops: { repository: gitops.gitopsRepo, remote: gitops.remote, base: gitops.base, serverUrl: run.serverUrl },
    gitopsToken: gitops.gitopsToken ?? run.token,
    urlHeaders: inputs.urlHeader === undefined ? undefined : parseUrlHeader(inputs.urlHeader, inputs.urlHeaderSource ?? "the URL header"),
    github,
    runId: run.runId,
    runUrl: run.runUrl,
    logger: run.logger,
    toolVersion: run.toolVersion,
    network: networkPolicy(run, loaded),
    openOci: (reference) => openOciClient(run, reference, loaded),
  };
  return checkDriftStage(inputs, context);
}

/** The drift check once its context is open: a shard's profile, or the report, the issue and retraining. */
async function checkDriftStage(options: DriftStageInputs, context: DriftStageContext): Promise<DriftStageResult> {
  const { loaded, logger } = context;
  const settings = resolveDriftSettings(options, loaded);
  for (const warning of settings.ignoredSettings) logger.warning(warning);
  if (options.shardOutput !== undefined) await checkOutputFile(options.shardOutput, "--shard-output");
  else await checkOutputFolder(settings.reportDir, "--report-dir (drift.report_dir)");
  const shards = await checkCurrentSources(options, settings, process.cwd());
  const reference = await loadReference(settings, context);
  if (reference.retired !== undefined) {
    // A retired model is on its way out: its drift is nobody's to act on, so no report, issue or retraining.
    const { model, version } = reference.retired;
    const skipped = `skipped: ${model}@${version} is retired (${describeMark(reference.retired)}); promote a newer version to check drift again`;
    logger.notice(`Drift check ${skipped}.`);
    return { settings, retrained: false, failed: false, skipped };
  }
  logger.info(`Reference: ${reference.source} (${reference.profile.rows} rows).`);
  const current = await currentProfile(options, settings, reference.profile, reference.source, context, shards);
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
  // Both sides redacted alike (an older reference may show values a detector now catches), before any report.
  const [referenceProfile, currentRedacted] = redactProfiles([reference.profile, current.profile], await contractRedactor(loaded));
  const { statistics, weightsSource } = weighted(settings, reference, logger);
  const report = checkDrift({
    reference: referenceProfile!,
    referenceSource: reference.source,
    current: currentRedacted!,
    currentSources: current.sources,
    settings: statistics,
    weightsSource,
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
  result.failed = driftFails(report.status, settings.failOn);
  return result;
}
