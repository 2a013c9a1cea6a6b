/**
 * The scheduled canary job for one environment: read the rollout state from the GitOps repository,
 * read the canary's health, decide (step up, promote, hold, roll back), and open the pull request
 * that does it. Everything it needs is in git and the metrics source; it never asks the cluster.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "../common/logger.ts";
import type { EnvironmentSettings, GitOpsSettings } from "../config/promote-settings.ts";
import type { GitHubClient } from "../github/octokit.ts";
import type { RegistryStore } from "../registry/types.ts";
import { decideCanary, type CanaryDecision } from "./canary-decision.ts";
import { GitWorkspace } from "./git.ts";
import { readHealth, type CheckResult, type HealthSource } from "./health.ts";
import { renderHealthTable } from "./health-markdown.ts";
import { parseModelUri } from "./model-uri.ts";
import { promote, readEnvironmentState, type PromotionResult } from "./promote.ts";
import type { ReleaseView } from "./promotion-body.ts";
import { checkRelease } from "./release-check.ts";
import type { ModelRef, RolloutAction, RolloutState } from "./targets/index.ts";
import { UserError } from "../common/errors.ts";

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
  token?: string;
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

/** Runs the canary job for one environment. */
export async function runCanary(request: CanaryRequest): Promise<CanaryResult> {
  const { environment, gitops, logger } = request;
  const scratch = await mkdtemp(join(tmpdir(), "modelship-canary-"));
  let state: RolloutState;
  let lastChange: Date | undefined;
  try {
    const workspace = await GitWorkspace.clone({ remote: gitops.remote, base: gitops.base, dir: join(scratch, "repo"), ...(request.token === undefined ? {} : { token: request.token }), logger });
    const readBase = (path: string) => workspace.readFile(path, `origin/${gitops.base}`);
    state = await readEnvironmentState(readBase, environment, logger);
    for (const target of environment.targets) {
      const change = await workspace.lastChange(target.file);
      if (change !== undefined && (lastChange === undefined || change.time > lastChange)) lastChange = change.time;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const canary = state.canary;
  if (canary === undefined) {
    const decision: CanaryDecision = { action: "none", reason: `no canary runs in ${environment.name}${state.stable ? ` (${state.stable.version || state.stable.uri} serves all traffic)` : ""}` };
    return { environment: environment.name, state, decision, checks: [], ...(lastChange === undefined ? {} : { lastChange }) };
  }
  const location = parseModelUri(canary.uri, request.tagFormat);
  const model = location?.model ?? request.model;
  const health = environment.health;
  if (health === undefined) throw new UserError(`environment ${environment.name} has no health checks`, { hint: `add promote.environments.${environment.name}.health (prometheus or metrics, and checks) to modelship.yaml` });
  const checks = await readHealth(
    request.source,
    health.checks.map((check) => ({
      name: check.name,
      ...(check.query === undefined ? {} : { query: check.query }),
      ...(check.metric === undefined ? {} : { metric: check.metric }),
      ...(check.max === undefined ? {} : { max: check.max }),
      ...(check.min === undefined ? {} : { min: check.min }),
      ...(check.max_increase === undefined ? {} : { maxIncrease: check.max_increase }),
      ...(check.on_missing === undefined ? {} : { onMissing: check.on_missing }),
    })),
    { model, canaryVersion: canary.version, ...(state.stable?.version ? { stableVersion: state.stable.version } : {}), window: health.window },
  );
  const decision = decideCanary({ state, policy: { steps: environment.steps, bakeMinutes: environment.bakeMs / 60_000, promote: environment.promotion }, checks, now: request.now, lastChange });
  logger.debug(`${environment.name}: ${decision.action} — ${decision.reason}`);
  const result: CanaryResult = { environment: environment.name, state, decision, checks, ...(lastChange === undefined ? {} : { lastChange }) };
  if (decision.action === "none" || decision.action === "hold" || request.dryRun) return result;

  const action: RolloutAction = decision.action === "step" ? { kind: "step", weight: decision.weight } : { kind: decision.action };
  let modelRef: ModelRef = { name: model, version: canary.version, uri: canary.uri, digest: canary.digest ?? "" };
  let release: ReleaseView = { version: canary.version };
  let store: RegistryStore | undefined;
  if (location !== undefined) store = request.openRegistry(location.registry);
  if (action.kind !== "rollback") {
    // Only a release that still verifies (sha256s, gate verdict) gets more traffic.
    if (location === undefined || store === undefined) {
      throw new UserError(`the canary's model URI ${canary.uri} is not a release asset modelship can check`, { hint: "promote released models only (modelship promote MODEL@VERSION); a rollback PR can still be opened with --action rollback" });
    }
    const checked = await checkRelease({ store, model: location.model, version: location.version, logger });
    if (checked.model.uri !== canary.uri) throw new UserError(`the canary's model URI ${canary.uri} is not the model file of ${location.model}@${location.version} (${checked.model.uri})`, { hint: "start the canary again with modelship promote" });
    modelRef = checked.model;
    release = { version: checked.model.version, url: checked.stored.url, manifest: checked.manifest };
  } else if (store !== undefined && location !== undefined) {
    // A rollback is never blocked by the registry; it only borrows the release for the PR's links.
    const stored = await store.locate(location.model, location.version).catch(() => undefined);
    if (stored !== undefined) release = { version: stored.version, url: stored.url, manifest: stored.manifest };
  }
  const previous = async (before: RolloutState): Promise<ReleaseView | undefined> => {
    const stable = before.stable;
    const where = stable === undefined ? undefined : parseModelUri(stable.uri, request.tagFormat);
    if (stable === undefined || where === undefined) return stable === undefined ? undefined : { version: stable.version };
    const stored = await request.openRegistry(where.registry).locate(where.model, where.version).catch(() => undefined);
    return stored === undefined ? { version: stable.version } : { version: stored.version, url: stored.url, manifest: stored.manifest };
  };
  result.promotion = await promote({
    environment,
    gitops,
    action,
    resolve: () => Promise.resolve({ model: modelRef, release }),
    previous,
    ...(request.token === undefined ? {} : { token: request.token }),
    ...(request.github === undefined ? {} : { github: request.github }),
    outDir: request.outDir,
    reason: decision.reason,
    health: renderHealthTable(checks),
    ...(request.runUrl === undefined ? {} : { runUrl: request.runUrl }),
    ...(action.kind === "rollback" ? { extraLabels: ["rollback"] } : {}),
    rollbackCommand: request.rollbackCommand,
    logger,
  });
  return result;
}
