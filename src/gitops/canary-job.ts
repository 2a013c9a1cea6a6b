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
import { judgeAbTest, type AbComparison } from "./ab-test.ts";
import { renderAbComparison } from "./ab-markdown.ts";
import type { GitWorkspace } from "../git/git-workspace.ts";
import { readHealth, type CheckResult, type HealthSource } from "./health.ts";
import { renderHealthTable } from "./health-markdown.ts";
import { parseModelUri } from "./model-uri.ts";
import { promotionBranch } from "./promotion-body.ts";
import { manifestReader, promote, PromotionConflictError, readEnvironmentState, type PromotionResult } from "./promotion-pr.ts";
import { ownState } from "./targets/rollout-state.ts";
import { releaseViewOf, resolveCanaryModel, type CheckedRelease } from "./release-check.ts";
import { selfHeal, type SelfHealResult } from "./self-heal.ts";
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
  /** Checks a canary served from an `oci://` image (resolveCanaryModel's checkImage). */
  checkImage?: (uri: string) => Promise<CheckedRelease>;
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
  /** strategy ab: the variants' comparison the decision came from. */
  comparison?: AbComparison;
  /** rollback: merge — what self-healing did with the rollback pull request (self-heal.ts). */
  selfHeal?: SelfHealResult;
  /** A dry run whose decision would have opened a pull request: what it would have done, said so nobody thinks it did. */
  dryRun?: string;
}

/**
 * What a dry run says for an environment where a pull request would have been opened: nothing
 * was pushed, and the PR it would have opened (the action and its branch).
 */
export function dryRunNote(decision: CanaryDecision, environment: string, model: string): string | undefined {
  const would =
    decision.action === "step"
      ? `step the canary up to ${decision.weight}%`
      : decision.action === "promote"
        ? "promote the canary to stable"
        : decision.action === "rollback"
          ? "roll the canary back"
          : undefined;
  if (would === undefined) return undefined;
  return `dry run: nothing was pushed and no pull request opened (it would have pushed branch ${promotionBranch(environment, model)} and opened a pull request to ${would} in ${environment})`;
}

/** Runs the canary job for one environment on a clone of the GitOps repository's base. */
export async function runCanary(workspace: GitWorkspace, request: CanaryRequest): Promise<CanaryResult> {
  const { environment, gitops, logger } = request;
  // The canary's model owns the rollout; a model of another name (one modelship adopted) has no version here.
  const read = manifestReader(workspace, `origin/${gitops.base}`);
  const raw = await readEnvironmentState(read, environment, logger);
  const owner = { model: ownerOf(raw, request), ...(request.tagFormat === undefined ? {} : { tagFormat: request.tagFormat }) };
  const state = ownState(raw, owner.model, owner.tagFormat);
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
  const model = owner.model;
  const health = environment.health;
  if (health === undefined)
    throw new UserError(`environment ${environment.name} has no health checks`, {
      hint: `add promote.environments.${environment.name}.health (prometheus or metrics, and checks) to modelship.yaml`,
    });
  const checks = await readHealth(request.source, health.checks, {
    model,
    canaryVersion: canary.version,
    ...(state.stable?.version ? { stableVersion: state.stable.version } : {}),
    ...(state.stable === undefined ? {} : { stableUri: state.stable.uri }),
    window: health.window,
  });
  // strategy ab: the variants' comparison decides, not the canary ladder (ab-test.ts).
  const ab =
    environment.strategy === "ab"
      ? await judgeAbTest(request.source, environment, { state, checks, model, now: request.now, lastChange })
      : undefined;
  const decision =
    ab?.decision ??
    decideCanary({
      state,
      policy: {
        strategy: environment.strategy,
        steps: environment.steps,
        bakeMinutes: environment.bakeMs / 60_000,
        promote: environment.promotion,
      },
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
    ...(ab?.comparison === undefined ? {} : { comparison: ab.comparison }),
  };
  if (request.dryRun) {
    const note = dryRunNote(decision, environment.name, model);
    if (note !== undefined) logger.debug(`${environment.name}: ${note}.`);
    return note === undefined ? result : { ...result, dryRun: note };
  }
  if (decision.action === "none" || decision.action === "hold") return result;

  const action: RolloutAction = decision.action === "step" ? { kind: "step", weight: decision.weight } : { kind: decision.action };
  const { openRegistry, tagFormat } = request;
  const resolved = await resolveCanaryModel({
    canary,
    action: decision.action,
    model,
    openRegistry,
    tagFormat,
    ...(request.checkImage === undefined ? {} : { checkImage: request.checkImage }),
    logger,
  });
  let promotion: PromotionResult;
  try {
    promotion = await promote(workspace, {
      environment,
      gitops,
      action,
      before: state,
      owner,
      // A rollback never waits for another promotion PR: it closes it (saying so); the rest hold for it.
      supersede: action.kind === "rollback",
      resolve: () => Promise.resolve(resolved),
      previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
      ...(request.github === undefined ? {} : { github: request.github }),
      outDir: request.outDir,
      reason: decision.reason,
      health: renderHealthTable(checks),
      // An A/B verdict carries its comparison, and promote() never auto-merges it.
      ...(ab?.comparison === undefined ? {} : { comparison: renderAbComparison(ab.comparison) }),
      ...(request.runUrl === undefined ? {} : { runUrl: request.runUrl }),
      rollbackCommand: request.rollbackCommand,
      logger,
    });
  } catch (error) {
    if (!(error instanceof PromotionConflictError)) throw error;
    const open = error.pulls.map((pull) => `#${pull.number} (${pull.title})`).join(", ");
    result.decision = {
      action: "hold",
      reason: `${decision.reason} Held: another promotion pull request is open for ${environment.name}: ${open}; merge or close it first.`,
    };
    logger.warning(`${environment.name}: ${result.decision.reason}`);
    return result;
  }
  result.promotion = promotion;
  // Self-healing: a rollback PR GitHub will not auto-merge is merged once its checks pass.
  if (
    action.kind === "rollback" &&
    environment.rollback.mode === "merge" &&
    // The stable model winning an A/B test is a verdict for a reviewer, not a failing guardrail.
    ab?.comparison === undefined &&
    gitops.repository !== undefined &&
    request.github !== undefined &&
    promotion.prNumber !== undefined &&
    promotion.commit !== undefined
  ) {
    result.selfHeal = await selfHeal({
      github: request.github,
      repository: gitops.repository,
      environment: environment.name,
      base: gitops.base,
      branch: promotion.branch,
      prNumber: promotion.prNumber,
      expectedHead: promotion.commit,
      settings: environment.rollback,
      logger,
    });
  }
  return result;
}

/** The model a rollout is about: the running canary's (from its URI), else the configured one. */
function ownerOf(state: RolloutState, request: CanaryRequest): string {
  const canary = state.canary;
  return (canary === undefined ? undefined : parseModelUri(canary.uri, request.tagFormat)?.model) ?? request.model;
}
