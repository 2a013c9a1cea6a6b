/**
 * The scheduled canary job for one environment: read the rollout state from the GitOps repository,
 * read the canary's health, decide (step up, promote, hold, roll back), and open the pull request
 * that does it. Everything it needs is in git and the metrics source; it never asks the cluster.
 */
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { EnvironmentSettings, GitOpsSettings } from "./rollout-settings.ts";
import type { GitHubClient } from "../github/octokit.ts";
import type { RegistryStore } from "../registry/registry-types.ts";
import { decideCanary, type CanaryDecision } from "./canary-decision.ts";
import type { GitWorkspace } from "../git/git-workspace.ts";
import { readHealth, type CheckResult, type HealthSource } from "./health.ts";
import { renderHealthTable } from "./health-markdown.ts";
import { parseModelUri } from "./model-uri.ts";
import { manifestReader, promote, readEnvironmentState, type PromotionResult } from "./promotion-pr.ts";
import { releaseViewOf, resolveCanaryModel } from "./release-check.ts";
import type { RolloutAction, RolloutState } from "./targets/target-dispatch.ts";

export interface CanaryRequest {
  environment: EnvironmentSettings;
  gitops: GitOpsSettings;
  /** The model's name (modelship.yaml `model`), for queries when the URI does not say. */
  model: string;
  /** Where health comes from (the environment's health settings, or a flag). */
  source: HealthSource;
  /** Opens the registry a model URI points into (`github:OWNER/REPO` or a folder). */
  openRegistry: (spec: string) => RegistryStore;
  tagFormat?: string;
  github?: GitHubClient;
  outDir: string;
  now: Date;
  runUrl?: string;
  rollbackCommand: string;
  /** Decide and report, but open no pull request. */
  dryRun?: boolean;
  logger: Logger;
}

export interface CanaryResult {
  environment: string;
  state: RolloutState;
  decision: CanaryDecision;
  checks: CheckResult[];
  lastChange?: Date;
  promotion?: PromotionResult;
}

/** Runs the canary job for one environment on a clone of the GitOps repository's base. */
export async function runCanary(workspace: GitWorkspace, request: CanaryRequest): Promise<CanaryResult> {
  const { environment, gitops, logger } = request;
  const state = await readEnvironmentState(manifestReader(workspace, `origin/${gitops.base}`), environment, logger);
  let lastChange: Date | undefined;
  for (const target of environment.targets) {
    const change = await workspace.lastChange(target.file);
    if (change !== undefined && (lastChange === undefined || change.time > lastChange)) lastChange = change.time;
  }
  const canary = state.canary;
  if (canary === undefined) {
    const decision: CanaryDecision = {
      action: "none",
      reason: `no canary runs in ${environment.name}${state.stable ? ` (${state.stable.version || state.stable.uri} serves all traffic)` : ""}`,
    };
    return { environment: environment.name, state, decision, checks: [], ...(lastChange === undefined ? {} : { lastChange }) };
  }
  const model = parseModelUri(canary.uri, request.tagFormat)?.model ?? request.model;
  const health = environment.health;
  if (health === undefined)
    throw new UserError(`environment ${environment.name} has no health checks`, {
      hint: `add promote.environments.${environment.name}.health (prometheus or metrics, and checks) to modelship.yaml`,
    });
  const checks = await readHealth(request.source, health.checks, {
    model,
    canaryVersion: canary.version,
    ...(state.stable?.version ? { stableVersion: state.stable.version } : {}),
    window: health.window,
  });
  const decision = decideCanary({
    state,
    policy: { steps: environment.steps, bakeMinutes: environment.bakeMs / 60_000, promote: environment.promotion },
    checks,
    now: request.now,
    lastChange,
  });
  logger.debug(`${environment.name}: ${decision.action} — ${decision.reason}`);
  const result: CanaryResult = {
    environment: environment.name,
    state,
    decision,
    checks,
    ...(lastChange === undefined ? {} : { lastChange }),
  };
  if (decision.action === "none" || decision.action === "hold" || request.dryRun) return result;

  const action: RolloutAction = decision.action === "step" ? { kind: "step", weight: decision.weight } : { kind: decision.action };
  const { openRegistry, tagFormat } = request;
  const resolved = await resolveCanaryModel({ canary, action: decision.action, model, openRegistry, tagFormat, logger });
  result.promotion = await promote(workspace, {
    environment,
    gitops,
    action,
    before: state,
    resolve: () => Promise.resolve(resolved),
    previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
    ...(request.github === undefined ? {} : { github: request.github }),
    outDir: request.outDir,
    reason: decision.reason,
    health: renderHealthTable(checks),
    ...(request.runUrl === undefined ? {} : { runUrl: request.runUrl }),
    rollbackCommand: request.rollbackCommand,
    logger,
  });
  return result;
}
