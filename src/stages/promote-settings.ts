/**
 * Settings of the promotion stages (promote, canary, verify-promotion) from explicit inputs or
 * flags, then modelship.yaml's `promote` section, then the built-in defaults.
 */
import { resolve } from "node:path";
import { UserError } from "../common/errors.ts";
import { parseRepository } from "../github/repository.ts";
import type { HealthCheck } from "../gitops/health.ts";
import type { ActionKind, EnvironmentSettings, GitOpsSettings, MergeMethod } from "../gitops/rollout-settings.ts";
import type { TargetSpec } from "../gitops/targets/target-dispatch.ts";
import {
  pick,
  type EnvironmentConfig,
  type HealthCheckConfig,
  type LoadedConfig,
  type MergeMethodConfig,
  type PromoteTargetConfig,
} from "../config/modelship-config.ts";

const DEFAULT_STEPS = [10, 50];
const DEFAULT_BAKE = "30m";
const DEFAULT_LABELS = ["model-promotion"];
const DEFAULT_AUTO_MERGE: Record<ActionKind, MergeMethod | undefined> = {
  start: undefined,
  step: undefined,
  promote: undefined,
  rollback: "squash",
  direct: undefined,
};

export interface ExplicitGitOpsSettings {
  repository?: string;
  remote?: string;
  base?: string;
  /** GITHUB_SERVER_URL, for the default remote of a repository. */
  serverUrl?: string;
}

/** Milliseconds of a duration such as 45s, 30m, 2h or 1d. */
function parseDuration(text: string, where: { option: string; file?: string }): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (match === null)
    throw new UserError(`${where.option} "${text}" is not a duration`, {
      file: where.file,
      hint: "write a number and a unit: 45s, 30m, 2h or 1d",
    });
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

/** The GitOps repository: explicit, then promote.repository/remote/base. */
export function resolveGitOps(explicit: ExplicitGitOpsSettings, loaded: LoadedConfig): GitOpsSettings {
  const config = loaded.config?.promote;
  const repository = pick(explicit.repository, config?.repository);
  if (repository !== undefined && parseRepository(repository) === undefined) {
    throw new UserError(`GitOps repository "${repository}" is not OWNER/REPO`, { hint: "e.g. gitops-repo: my-org/gitops" });
  }
  // A path remote is made absolute: git runs in a scratch folder.
  const configuredRemote =
    config?.remote === undefined ? undefined : isUrl(config.remote) ? config.remote : resolve(loaded.resolvePath(config.remote));
  const server = (explicit.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const explicitRemote = explicit.remote === undefined || isUrl(explicit.remote) ? explicit.remote : resolve(explicit.remote);
  const remote = pick(explicitRemote, configuredRemote) ?? (repository === undefined ? undefined : `${server}/${repository}.git`);
  if (remote === undefined) {
    throw new UserError("no GitOps repository given", {
      file: loaded.file,
      hint: "set promote.repository (OWNER/REPO) in modelship.yaml, or pass --gitops-repo (the gitops-repo input) or --remote for any git URL or path",
    });
  }
  return { ...(repository === undefined ? {} : { repository }), remote, base: pick(explicit.base, config?.base) ?? "main" };
}

/** The names of the configured environments. */
export function environmentNames(loaded: LoadedConfig): string[] {
  return Object.keys(loaded.config?.promote?.environments ?? {});
}

/** One environment's settings from modelship.yaml, with defaults filled in. */
export function resolveEnvironment(name: string, loaded: LoadedConfig): EnvironmentSettings {
  const environments = loaded.config?.promote?.environments ?? {};
  const config: EnvironmentConfig | undefined = Object.hasOwn(environments, name) ? environments[name] : undefined;
  if (config === undefined) {
    const known = Object.keys(environments);
    throw new UserError(`environment "${name}" is not configured`, {
      file: loaded.file,
      pointer: "/promote/environments",
      hint: known.length > 0 ? `use one of: ${known.join(", ")}` : "add promote.environments.<name> with its targets to modelship.yaml",
    });
  }
  const where = { file: loaded.file, option: `promote.environments.${name}.bake` };
  const steps = config.steps ?? DEFAULT_STEPS;
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]! <= steps[i - 1]!)
      throw new UserError(`promote.environments.${name}.steps must rise (${steps.join(", ")})`, {
        file: loaded.file,
        pointer: `/promote/environments/${name}/steps/${i}`,
        hint: "list the canary weights in increasing order, e.g. [10, 50]",
      });
  }
  const bake = config.bake ?? DEFAULT_BAKE;
  const pr = config.pull_request ?? {};
  const autoMerge = { ...DEFAULT_AUTO_MERGE };
  // A full promotion the policy lets merge itself squashes unless auto_merge.promote says otherwise.
  if (config.promotion === "auto") autoMerge.promote = "squash";
  for (const [kind, method] of Object.entries(pr.auto_merge ?? {}) as [ActionKind, MergeMethodConfig][])
    autoMerge[kind] = method === false ? undefined : method;
  const settings: EnvironmentSettings = {
    name,
    strategy: config.strategy ?? "canary",
    steps,
    bake,
    bakeMs: parseDuration(bake, where),
    promotion: config.promotion ?? "review",
    targets: config.targets.map(targetSpec),
    pullRequest: {
      labels: pr.labels ?? DEFAULT_LABELS,
      reviewers: pr.reviewers ?? [],
      teamReviewers: pr.team_reviewers ?? [],
      draft: pr.draft ?? false,
      autoMerge,
    },
  };
  if (config.health !== undefined) {
    const window = config.health.window ?? "10m";
    const metrics = config.health.metrics;
    settings.health = {
      ...(config.health.prometheus === undefined ? {} : { prometheus: config.health.prometheus }),
      ...(metrics === undefined ? {} : { metrics: isUrl(metrics) ? metrics : loaded.resolvePath(metrics) }),
      window,
      checks: config.health.checks.map(healthCheck),
    };
  }
  return settings;
}

/** A target as modelship.yaml spells it (snake_case) → as the manifest targets take it. */
export function targetSpec(target: PromoteTargetConfig): TargetSpec {
  return {
    kind: target.kind,
    file: target.file,
    ...(target.name === undefined ? {} : { name: target.name }),
    ...(target.container === undefined ? {} : { container: target.container }),
    ...(target.env === undefined ? {} : { env: target.env }),
    ...(target.uri_path === undefined ? {} : { uriPath: target.uri_path }),
    ...(target.weight_path === undefined ? {} : { weightPath: target.weight_path }),
    ...(target.state_path === undefined ? {} : { statePath: target.state_path }),
  };
}

/** A check as modelship.yaml spells it (snake_case) → as the health reader takes it. */
function healthCheck(check: HealthCheckConfig): HealthCheck {
  return {
    name: check.name,
    ...(check.query === undefined ? {} : { query: check.query }),
    ...(check.metric === undefined ? {} : { metric: check.metric }),
    ...(check.max === undefined ? {} : { max: check.max }),
    ...(check.min === undefined ? {} : { min: check.min }),
    ...(check.max_increase === undefined ? {} : { maxIncrease: check.max_increase }),
    ...(check.on_missing === undefined ? {} : { onMissing: check.on_missing }),
  };
}

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^/]+@[^/]+:/.test(text);
}
