/**
 * The promote and canary stages as the CLI and the actions run them: modelship.yaml
 * loaded, settings resolved, registries and the GitHub client opened, then the core in gitops/promotion-pr.ts,
 * and canary-job.ts. Both faces call these, so they behave the same.
 */
import { isUserError, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { environmentNames, resolveEnvironment, resolveGitOps, type ExplicitGitOpsSettings } from "./promote-settings.ts";
import { startAction, type ActionKind, type EnvironmentSettings, type Strategy } from "../gitops/rollout-settings.ts";
import { resolveRegistry } from "./release-settings.ts";
import { checkRunReleaseProvenance } from "./provenance-stage.ts";
import { loadStageConfig, networkPolicy, type StageRun } from "./stage-run.ts";
import { canaryImageChecker, releasedModelcar } from "./oci-release.ts";
import { resolveOciSettings } from "./oci-settings.ts";
import { createGitHubClient, type GitHubClient } from "../github/octokit.ts";
import { openStore } from "../registry/open-store.ts";
import { checkModelName, parseModelRef } from "../registry/model-version.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { runCanary, type CanaryResult } from "../gitops/canary-job.ts";
import { readHealthDispatch } from "../gitops/health-dispatch.ts";
import { checkHealthChecks, type HealthSource } from "../gitops/health.ts";
import { checkHttpUrl, type NetworkPolicy } from "../net/safe-http.ts";
import { basicAuthValue, withClone } from "../git/git-workspace.ts";
import { promote, type PromotionResult } from "../gitops/promotion-pr.ts";
import { retireFromEnvironment, type RetirePrResult } from "../gitops/retire-pr.ts";
import type { ReleaseView } from "../gitops/promotion-body.ts";
import { checkRelease, releaseView, releaseViewOf, resolveCanaryModel } from "../gitops/release-check.ts";
import type { ModelRef, RolloutAction, RolloutState } from "../gitops/targets/target-dispatch.ts";

export type { ActionKind, Strategy } from "../gitops/rollout-settings.ts";
export { renderHealthTable } from "../gitops/health-markdown.ts";

/** Where a promotion's PR body goes when there is no GitOps repository on GitHub to open it in. */
const DEFAULT_OUT_DIR = ".modelship/promotion";

/**
 * What only a face knows of the GitOps repository and the registry, besides its StageRun: the flags or
 * inputs that name them (each defaults to modelship.yaml, then the built-in default).
 */
export interface GitOpsInputs {
  /** OWNER/REPO of the GitOps repository on GitHub (default promote.repository); PRs are opened there. */
  gitopsRepo?: string;
  /** A git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of gitopsRepo). */
  remote?: string;
  /** The branch Argo CD or Flux deploys from (default promote.base, else main). */
  base?: string;
  /** Token for the GitOps repository (git and pull requests); default the run's token. */
  gitopsToken?: string;
  /** The model registry spec (default release.registry, else the run's default registry). */
  registry?: string;
  /** The release tag format (default release.tag_format). */
  tagFormat?: string;
  /** Without a GitOps repository on GitHub, where the PR body goes (default .modelship/promotion). */
  outDir?: string;
}

/** The value git sends in its Authorization header for a token: a face masks it in logs like the token itself. */
export function gitAuthHeaderValue(token: string): string {
  return basicAuthValue(token);
}

/** The promote stage was given no environment and modelship.yaml configures not exactly one: the CLI answers with usage. */
export class EnvironmentNotGivenError extends UserError {}

/** What every promotion stage works with: modelship.yaml, and the face's inputs resolved against the run. */
interface StageContext {
  loaded: LoadedConfig;
  gitops: ExplicitGitOpsSettings;
  /** Token for the GitOps repository (git and pull requests). */
  token?: string;
  /** Token for the model registry (GitHub Releases); default: `token`. */
  registryToken?: string;
  /** OWNER/REPO of the current run (the `github` registry). */
  repository?: string;
  /** An explicit registry spec. */
  registry?: string;
  /** The registry when neither an input nor release.registry names one: github in Actions, the local folder for the CLI. */
  defaultRegistry: string;
  tagFormat?: string;
  /** Where the PR body goes without GitHub. */
  outDir: string;
  runUrl?: string;
  logger: Logger;
  userAgentVersion: string;
  /** The internal sources HTTP may reach: health sources, a GitHub registry's asset storage. */
  network: NetworkPolicy;
}

/** Loads the run's modelship.yaml and resolves the face's inputs against the run. */
async function stageContext(inputs: GitOpsInputs, run: StageRun): Promise<StageContext> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  return {
    loaded,
    gitops: { repository: inputs.gitopsRepo, remote: inputs.remote, base: inputs.base, serverUrl: run.serverUrl },
    token: inputs.gitopsToken ?? run.token,
    registryToken: run.token,
    repository: run.repository,
    registry: inputs.registry,
    defaultRegistry: run.defaultRegistry,
    tagFormat: inputs.tagFormat,
    outDir: inputs.outDir ?? DEFAULT_OUT_DIR,
    runUrl: run.runUrl,
    logger: run.logger,
    userAgentVersion: run.toolVersion,
    network: networkPolicy(run, loaded),
  };
}

/** Opens registries by spec; each store (and its GitHub client) is made once. */
function registryOpener(context: StageContext): (spec: string) => RegistryStore {
  const opened = new Map<string, RegistryStore>();
  const tagFormat = tagFormatOf(context);
  return (spec) => {
    let store = opened.get(spec);
    if (store === undefined) {
      store = openStore({
        spec,
        token: context.registryToken ?? context.token,
        repository: context.repository,
        tagFormat,
        logger: context.logger,
        userAgentVersion: context.userAgentVersion,
        network: context.network,
      });
      opened.set(spec, store);
    }
    return store;
  };
}

/** The release tag format: the flag or input, else modelship.yaml's release.tag_format (as the registry uses it). */
function tagFormatOf(context: StageContext): string | undefined {
  return context.tagFormat ?? context.loaded.config?.release?.tag_format;
}

function gitHubFor(context: StageContext, repository: string | undefined): GitHubClient | undefined {
  if (repository === undefined) return undefined;
  if (context.token === undefined || context.token === "") {
    throw new UserError(`opening pull requests in ${repository} needs a token`, {
      hint: "pass a token with contents: write and pull-requests: write on the GitOps repository (a GitHub App token from actions/create-github-app-token; GITHUB_TOKEN cannot reach another repository); for the CLI set MODELSHIP_GITOPS_TOKEN or GITHUB_TOKEN",
    });
  }
  return createGitHubClient({ token: context.token, logger: context.logger, userAgentVersion: context.userAgentVersion });
}

export interface PromoteStageOptions {
  /** MODEL, MODEL@VERSION or MODEL@latest; default modelship.yaml's model at latest. */
  model?: string;
  /** A version that replaces the model's own (the action's version input). */
  version?: string;
  /** Default: the only environment in promote.environments; else an EnvironmentNotGivenError. */
  environment?: string;
  /** Default: start (canary, blue-green) or direct, from the strategy. */
  action?: ActionKind;
  strategy?: Strategy;
  weight?: number;
  /** Close the environment's other open promotion PRs in favour of this one (else they refuse it). */
  supersede?: boolean;
  pullRequest?: {
    labels?: string[];
    reviewers?: string[];
    teamReviewers?: string[];
    draft?: boolean;
    autoMerge?: "merge" | "squash" | "rebase" | false;
  };
  gitops: GitOpsInputs;
}

/** The environment to promote in: the one named, else the only one configured. */
function environmentOf(options: Pick<PromoteStageOptions, "environment">, loaded: LoadedConfig): string {
  if (options.environment !== undefined) return options.environment;
  const environments = environmentNames(loaded);
  if (environments.length === 1) return environments[0]!;
  throw new EnvironmentNotGivenError(
    `name the environment with --env (${environments.length === 0 ? "none is configured in promote.environments" : `one of ${environments.join(", ")}`})`,
    {
      hint:
        environments.length === 0
          ? "add promote.environments.<name> with its targets to modelship.yaml, then pass --env NAME"
          : `pass --env ${environments[0]} (MODELSHIP_ENV, the environment input)`,
    },
  );
}

/** What a promotion did, with the environment's settings and the rollout action it took. */
export type PromoteStageResult = PromotionResult & { environment: EnvironmentSettings; actionTaken: RolloutAction };

/** `modelship promote` / the promote action: modelship.yaml loaded, the release checked, the GitOps PR opened or updated. */
export async function runPromoteStage(options: PromoteStageOptions, run: StageRun): Promise<PromoteStageResult> {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.model ?? loaded.config?.model;
  // A version input replaces the version of the model named there or in modelship.yaml.
  const given = options.version === undefined || named === undefined ? named : `${parseModelRef(named).model}@${options.version}`;
  const environment = withOverrides(resolveEnvironment(environmentOf(options, loaded), loaded), options);
  const gitops = resolveGitOps(context.gitops, loaded);
  if (given === undefined || given === "")
    throw new UserError("no model given", { hint: "pass MODEL@VERSION (the model input), or set `model:` in modelship.yaml" });
  const { model: name, version: requested } = parseModelRef(given);
  const action: RolloutAction = actionFor(options, environment);
  const openRegistry = registryOpener(context);
  const registrySpec = resolveRegistry(context.registry, loaded, context.defaultRegistry);
  const tagFormat = tagFormatOf(context);
  const oci = resolveOciSettings(undefined, loaded);
  const resolveModel = async (before: RolloutState): Promise<{ model: ModelRef; release: ReleaseView }> => {
    if (action.kind === "start" || action.kind === "direct") {
      const checked = await checkRelease({ store: openRegistry(registrySpec), model: name, version: requested, logger });
      const provenance = await checkRunReleaseProvenance({
        run,
        loaded,
        registrySpec,
        release: checked.stored,
        refusal: `${name}@${checked.model.version} may not be promoted`,
      });
      logger.info(`${name}@${checked.model.version}: provenance ${provenance.text}`);
      // With release.oci, KServe targets deploy the release's modelcar image, pinned by digest.
      const modelcar =
        oci === undefined ? undefined : await releasedModelcar({ run, loaded, oci, store: openRegistry(registrySpec), checked });
      return {
        model: { ...checked.model, ...(modelcar === undefined ? {} : { modelcar }) },
        release: { ...releaseView(checked), provenance },
      };
    }
    const canary = before.canary;
    if (canary === undefined) {
      if (action.kind === "rollback")
        throw new UserError(`no canary runs in ${environment.name}, so there is nothing to roll back`, {
          hint: `to go back to an earlier version, promote it: modelship promote ${name}@VERSION --env ${environment.name} --action direct`,
        });
      throw new UserError(`no canary runs in ${environment.name}, so there is nothing to ${action.kind}`, {
        hint: `start one: modelship promote ${name}@VERSION --env ${environment.name}`,
      });
    }
    if (requested !== "latest" && requested.replace(/^v/, "") !== canary.version) {
      throw new UserError(`the canary in ${environment.name} runs ${canary.version || canary.uri}, not ${requested}`, {
        hint: `${action.kind} the model the canary runs (${name}@${canary.version}), or leave the version out`,
      });
    }
    const checkImage = canaryImageChecker({ run, loaded, oci, store: () => openRegistry(registrySpec), model: name });
    return resolveCanaryModel({ canary, action: action.kind, model: name, openRegistry, tagFormat, checkImage, logger });
  };
  // Without a token that may open the pull request, nothing is cloned or fetched.
  const github = gitops.repository === undefined ? undefined : gitHubFor(context, gitops.repository);
  const clone = { remote: gitops.remote, base: gitops.base, ...(context.token === undefined ? {} : { token: context.token }), logger };
  const result = await withClone(clone, (workspace) =>
    promote(workspace, {
      environment,
      gitops,
      action,
      resolve: resolveModel,
      owner: { model: name, ...(tagFormat === undefined ? {} : { tagFormat }) },
      ...(options.supersede === true ? { supersede: true } : {}),
      previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
      ...(github === undefined ? {} : { github }),
      outDir: context.outDir,
      ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
      rollbackCommand: rollbackCommand(name, environment.name),
      logger,
    }),
  );
  return { ...result, environment, actionTaken: action };
}

/** `modelship promote MODEL --env ENV --action retire`: take the model out of the environment (gitops/retire-pr.ts). */
export interface RetireEnvironmentOptions {
  /** MODEL (default modelship.yaml's model); whatever version serves is taken out. */
  model?: string;
  environment?: string;
  /** Remove it although it still takes traffic. */
  force?: boolean;
  supersede?: boolean;
  gitops: GitOpsInputs;
}

export type RetireEnvironmentResult = RetirePrResult & { environment: EnvironmentSettings };

/** Opens (or updates) the reviewed PR that removes the model from the environment's targets; the registry is not asked. */
export async function runRetireEnvironmentStage(options: RetireEnvironmentOptions, run: StageRun): Promise<RetireEnvironmentResult> {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.model ?? loaded.config?.model;
  if (named === undefined || named === "") throw new UserError("no model given", { hint: "pass MODEL, or set `model:` in modelship.yaml" });
  const { model, version } = parseModelRef(named);
  checkModelName(model, "MODEL");
  if (version !== "latest")
    throw new UserError(
      `--action retire takes the model out of the environment whatever version serves, so "${named}" needs no @${version}`,
      {
        hint: `pass ${model} alone; to stop one version from being deployed anywhere, retire it in the registry: modelship registry retire ${model}@${version}`,
      },
    );
  const environment = resolveEnvironment(environmentOf(options, loaded), loaded);
  const gitops = resolveGitOps(context.gitops, loaded);
  const github = gitops.repository === undefined ? undefined : gitHubFor(context, gitops.repository);
  const tagFormat = tagFormatOf(context);
  const clone = { remote: gitops.remote, base: gitops.base, ...(context.token === undefined ? {} : { token: context.token }), logger };
  const result = await withClone(clone, (workspace) =>
    retireFromEnvironment(workspace, {
      environment,
      gitops,
      model,
      ...(tagFormat === undefined ? {} : { tagFormat }),
      ...(options.force === true ? { force: true } : {}),
      ...(options.supersede === true ? { supersede: true } : {}),
      ...(github === undefined ? {} : { github }),
      outDir: context.outDir,
      ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
      logger,
    }),
  );
  return { ...result, environment };
}

export interface CanaryStageOptions {
  /** Environments to check; default every configured one with health checks. */
  environments?: string[];
  prometheus?: string;
  metrics?: string;
  now?: Date;
  dryRun?: boolean;
  gitops: GitOpsInputs;
  /** The run's event: a `repository_dispatch` from the health relay may narrow the environments (gitops/health-dispatch.ts). */
  event?: { name?: string; payload: Record<string, unknown> };
}

/** `modelship canary` / the canary action: one decision (and at most one PR) per environment, from one clone. */
export async function runCanaryStage(options: CanaryStageOptions, run: StageRun): Promise<CanaryResult[]> {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.environments !== undefined && options.environments.length > 0;
  // Pushed health only wakes the job; it never decides, and never narrows what is checked: GitHub
  // replaces a pending run of the job's concurrency group with a newer one, so a run that checked
  // only the environments its alert named would lose the wake-up (or the schedule) it replaced.
  const environments = (named ? options.environments! : environmentNames(loaded))
    .map((name) => resolveEnvironment(name, loaded))
    .filter((environment) => named || environment.health !== undefined);
  // Unnamed, `environments` is exactly those with health checks: the names an alert may carry.
  const wake =
    named || options.event === undefined
      ? undefined
      : readHealthDispatch(
          options.event,
          environments.map((environment) => environment.name),
        );
  for (const note of wake?.notes ?? []) logger.info(`Health dispatch: ${note}.`);
  if (wake?.environments !== undefined)
    logger.info(`Health dispatch: the alerts name ${wake.environments.join(", ")}; every environment with health checks is checked.`);
  if (environments.length === 0)
    throw new UserError("no environment has health checks to run a canary on", {
      file: loaded.file,
      hint: "add promote.environments.<name>.health (prometheus or metrics, and checks) to modelship.yaml",
    });
  // Every health source and check is checked before anything is cloned or queried.
  const sources = new Map<string, HealthSource>();
  for (const environment of environments) {
    const source = healthSource(environment, options, context.network, loaded);
    checkHealthSetup(environment, source, options, loaded);
    sources.set(environment.name, source);
  }
  const gitops = resolveGitOps(context.gitops, loaded);
  // A dry run opens no pull request, so it needs no token that may open one.
  const github = options.dryRun ? undefined : gitHubFor(context, gitops.repository);
  const model = loaded.config?.model;
  if (model === undefined) throw new UserError("no model name", { hint: "set `model:` in modelship.yaml" });
  const openRegistry = registryOpener(context);
  const tagFormat = tagFormatOf(context);
  const registrySpec = resolveRegistry(context.registry, loaded, context.defaultRegistry);
  const checkImage = canaryImageChecker({
    run,
    loaded,
    oci: resolveOciSettings(undefined, loaded),
    store: () => openRegistry(registrySpec),
    model,
  });
  const clone = { remote: gitops.remote, base: gitops.base, ...(context.token === undefined ? {} : { token: context.token }), logger };
  return withClone(clone, async (workspace) => {
    const results: CanaryResult[] = [];
    for (const environment of environments) {
      results.push(
        await runCanary(workspace, {
          environment,
          gitops,
          model,
          source: sources.get(environment.name)!,
          openRegistry,
          checkImage,
          ...(tagFormat === undefined ? {} : { tagFormat }),
          ...(github === undefined ? {} : { github }),
          outDir: context.outDir,
          now: options.now ?? new Date(),
          ...(context.runUrl === undefined ? {} : { runUrl: context.runUrl }),
          rollbackCommand: rollbackCommand(model, environment.name),
          ...(options.dryRun ? { dryRun: true } : {}),
          logger,
        }),
      );
    }
    return results;
  });
}

function healthSource(
  environment: EnvironmentSettings,
  options: CanaryStageOptions,
  network: NetworkPolicy,
  loaded: LoadedConfig,
): HealthSource {
  const prometheus = options.prometheus ?? (options.metrics === undefined ? environment.health?.prometheus : undefined);
  if (prometheus !== undefined) return { kind: "prometheus", url: prometheus, network };
  const metrics = options.metrics ?? environment.health?.metrics;
  if (metrics === undefined)
    throw new UserError(`environment ${environment.name} has no health source`, {
      ...(loaded.file === undefined ? {} : { file: loaded.file, pointer: `/promote/environments/${environment.name}` }),
      hint: `set promote.environments.${environment.name}.health.prometheus (or metrics), or pass --prometheus / --metrics`,
    });
  return /^https?:\/\//.test(metrics) ? { kind: "metrics-url", url: metrics, network } : { kind: "metrics-file", path: metrics };
}

/**
 * Refuses a health source or check that cannot work, naming the flag or the modelship.yaml key it
 * came from: a URL that is not http(s), a check without a threshold (or without a query for Prometheus).
 */
function checkHealthSetup(environment: EnvironmentSettings, source: HealthSource, options: CanaryStageOptions, loaded: LoadedConfig): void {
  const key = `promote.environments.${environment.name}.health`;
  const pointer = `/promote/environments/${environment.name}/health`;
  const inConfig = (name: string) => ({ file: loaded.file, pointer: `${pointer}/${name}` });
  const checkUrl = (text: string, setting: string, what: string, where: { file?: string; pointer?: string }): void => {
    checkHttpUrl(text, setting, `give ${setting} ${what} as an http:// or https:// URL`, where);
  };
  if (source.kind === "prometheus") {
    if (options.prometheus !== undefined)
      checkUrl(source.url, "--prometheus (the prometheus input)", "Prometheus's base URL (e.g. http://prometheus.monitoring:9090)", {});
    else
      checkUrl(source.url, `${key}.prometheus`, "Prometheus's base URL (e.g. http://prometheus.monitoring:9090)", inConfig("prometheus"));
  } else {
    const given = options.metrics !== undefined;
    const setting = given ? "--metrics (the metrics input)" : `${key}.metrics`;
    const where = given ? {} : inConfig("metrics");
    // A metrics file is read only when a canary runs: a scheduled job with nothing to judge needs none.
    if (source.kind === "metrics-url" || /^[a-z][a-z0-9+.-]*:\/\//i.test(source.path))
      checkUrl(source.kind === "metrics-url" ? source.url : source.path, setting, "the metrics document's URL (or a file path)", where);
  }
  const checks = environment.health?.checks ?? [];
  const named = (error: unknown, at: string): never => {
    if (!isUserError(error)) throw error;
    throw new UserError(`${key}: ${error.problem}`, {
      file: loaded.file,
      pointer: at,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  };
  for (const [index, check] of checks.entries()) {
    try {
      checkHealthChecks([check], source);
    } catch (error) {
      named(error, `${pointer}/checks/${index}`);
    }
  }
  try {
    checkHealthChecks(checks, source);
  } catch (error) {
    named(error, `${pointer}/checks`);
  }
}

function withOverrides(environment: EnvironmentSettings, options: PromoteStageOptions): EnvironmentSettings {
  // The A/B routing (a header or cookie match, a split) lives in the targets' settings: a flag cannot turn it into another strategy.
  if (environment.strategy === "ab" && options.strategy !== undefined && options.strategy !== "ab")
    throw new UserError(
      `environment ${environment.name} runs A/B tests (strategy ab), which --strategy ${options.strategy} cannot change`,
      {
        hint: `leave --strategy (the strategy input) out, or change promote.environments.${environment.name}.strategy and remove its ab: block in modelship.yaml`,
      },
    );
  const pr = options.pullRequest ?? {};
  const autoMerge = { ...environment.pullRequest.autoMerge };
  if (pr.autoMerge !== undefined)
    for (const kind of Object.keys(autoMerge) as ActionKind[]) autoMerge[kind] = pr.autoMerge === false ? undefined : pr.autoMerge;
  return {
    ...environment,
    strategy: options.strategy ?? environment.strategy,
    pullRequest: {
      labels: pr.labels ?? environment.pullRequest.labels,
      reviewers: pr.reviewers ?? environment.pullRequest.reviewers,
      teamReviewers: pr.teamReviewers ?? environment.pullRequest.teamReviewers,
      draft: pr.draft ?? environment.pullRequest.draft,
      autoMerge,
    },
  };
}

function actionFor(options: PromoteStageOptions, environment: EnvironmentSettings): RolloutAction {
  const kind = options.action;
  if (kind === undefined || kind === "start") {
    if (kind === "start" && environment.strategy === "direct")
      throw new UserError(`environment ${environment.name} uses the direct strategy, which has no canary to start`, {
        hint: "leave --action out, or pass --strategy canary",
      });
    checkWeight(options.weight, 0);
    return startAction(environment, options.weight);
  }
  if (kind === "step") {
    if (environment.strategy === "blue-green")
      throw new UserError(`environment ${environment.name} uses the blue-green strategy, which has no weights to step`, {
        hint: "a blue-green preview takes no live traffic until it is cut over: pass --action promote (the action input) to switch, or --action rollback",
      });
    if (options.weight === undefined)
      throw new UserError("the step action needs a weight", { hint: "pass --weight 50 (the weight input)" });
    checkWeight(options.weight, 1);
    return { kind, weight: options.weight };
  }
  return { kind };
}

/** A canary weight is a share of live traffic below 100 (promote sends all of it): checked before any release is fetched. */
function checkWeight(weight: number | undefined, min: number): void {
  if (weight !== undefined && (weight < min || weight > 99))
    throw new UserError(`--weight (the weight input): ${weight} is outside ${min}..99`, {
      hint: `give the canary a whole percentage from ${min} to 99; --action promote (the action input) sends 100% to it`,
    });
}

function rollbackCommand(model: string, environment: string): string {
  return `modelship promote ${model} --env ${environment} --action rollback`;
}
