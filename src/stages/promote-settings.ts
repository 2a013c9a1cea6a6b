/**
 * Settings of the promotion stages (promote, canary, verify-promotion) from explicit inputs or
 * flags, then modelship.yaml's `promote` section, then the built-in defaults.
 */
import { existsSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { UserError } from "../common/errors.ts";
import { refNameProblem } from "../common/ref-name.ts";
import { parseRepository } from "../github/repository.ts";
import type { HealthCheck } from "../gitops/health.ts";
import type { ActionKind, EnvironmentSettings, GitOpsSettings, MergeMethod } from "../gitops/rollout-settings.ts";
import type { TargetSpec } from "../gitops/targets/target-dispatch.ts";
import { stepsProblem } from "../gitops/canary-decision.ts";
import { checkBlueGreenTargets } from "../gitops/targets/blue-green.ts";
import { PULL_SECRET_KIND_FIX, pullSecretKindProblem } from "../gitops/targets/pull-secret.ts";
import { memoryFloorKindProblem } from "../gitops/targets/memory-floor.ts";
import { resolveAbSettings } from "./ab-settings.ts";
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
/** The check run of verify-promotion's job in examples/gitops-repo/.github/workflows/verify-promotion.yml (its id: it has no name). */
const DEFAULT_VERIFY_CHECK = "verify-promotion";
/** GitHub Actions' app: the check runs of workflow jobs. */
const DEFAULT_CHECKS_APP = "github-actions";
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

/**
 * Refuses a branch or ref name git would refuse (or read as an option), before anything is cloned:
 * `setting` names where it came from, e.g. `--base (the base input)`.
 */
export function checkRefName(ref: string, setting: string, where: { file?: string; pointer?: string } = {}): void {
  const problem = refNameProblem(ref);
  if (problem !== undefined)
    throw new UserError(`${setting}: "${ref}" is not a valid git branch or ref name: ${problem}`, {
      ...where,
      hint: "give a branch name such as main (or a ref such as refs/pull/12/head): no spaces, no leading -, no .., ~, ^, :, ?, *, [ or \\",
    });
}

/** Refuses a GitOps repository given as a local path that is not a git repository, before git tries to clone it. */
function checkLocalRemote(remote: string, shown: string, setting: string, where: { file?: string; pointer?: string }): void {
  const hint = `give ${setting} a git URL, or the path of a git repository (a bare one, or a clone with .git)`;
  let isFolder: boolean;
  try {
    isFolder = statSync(remote).isDirectory();
  } catch {
    throw new UserError(`${setting}: the GitOps repository ${shown} does not exist (looked for ${remote})`, { ...where, hint });
  }
  if (!isFolder) throw new UserError(`${setting}: the GitOps repository ${shown} is a file, not a git repository`, { ...where, hint });
  const bare = existsSync(join(remote, "HEAD")) && existsSync(join(remote, "objects")) && existsSync(join(remote, "refs"));
  if (!bare && !existsSync(join(remote, ".git")))
    throw new UserError(`${setting}: ${shown} is a folder, but not a git repository`, { ...where, hint });
}

/** The GitOps repository: explicit, then promote.repository/remote/base. */
export function resolveGitOps(explicit: ExplicitGitOpsSettings, loaded: LoadedConfig): GitOpsSettings {
  const config = loaded.config?.promote;
  const repository = pick(explicit.repository, config?.repository);
  if (repository !== undefined && parseRepository(repository) === undefined) {
    throw new UserError(`GitOps repository "${repository}" is not OWNER/REPO`, {
      ...(explicit.repository === undefined && loaded.file !== undefined ? { file: loaded.file, pointer: "/promote/repository" } : {}),
      hint: "give it as OWNER/REPO, e.g. my-org/gitops: --gitops-repo my-org/gitops (action input gitops-repo), or promote.repository in modelship.yaml",
    });
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
  if (explicitRemote !== undefined && !isUrl(explicitRemote))
    checkLocalRemote(explicitRemote, explicit.remote!, "--remote (the remote input)", {});
  else if (explicitRemote === undefined && configuredRemote !== undefined && !isUrl(configuredRemote))
    checkLocalRemote(configuredRemote, config!.remote!, "promote.remote", { file: loaded.file, pointer: "/promote/remote" });
  const base = pick(explicit.base, config?.base) ?? "main";
  if (explicit.base !== undefined) checkRefName(base, "--base (the base input)");
  else checkRefName(base, "promote.base", { file: loaded.file, pointer: "/promote/base" });
  return { ...(repository === undefined ? {} : { repository }), remote, base };
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
  const strategy = config.strategy ?? "canary";
  // Blue-green has no ladder: a preview at 0, then the cut-over (docs/blue-green.md).
  const steps = config.steps ?? (strategy === "blue-green" ? [] : DEFAULT_STEPS);
  // The canary job's rule (canary-decision.ts), so that what resolves here is what it follows.
  const stepsWrong = stepsProblem(strategy, steps);
  if (stepsWrong !== undefined)
    throw new UserError(`promote.environments.${name}.steps: ${stepsWrong.problem}`, {
      file: loaded.file,
      pointer: `/promote/environments/${name}/steps${stepsWrong.index === undefined ? "" : `/${stepsWrong.index}`}`,
      hint: stepsWrong.hint,
    });
  const bake = config.bake ?? DEFAULT_BAKE;
  const pr = config.pull_request ?? {};
  const autoMerge = { ...DEFAULT_AUTO_MERGE };
  // A full promotion the policy lets merge itself squashes unless auto_merge.promote says otherwise.
  if (config.promotion === "auto") autoMerge.promote = "squash";
  for (const [kind, method] of Object.entries(pr.auto_merge ?? {}) as [ActionKind, MergeMethodConfig][])
    autoMerge[kind] = method === false ? undefined : method;
  const settings: EnvironmentSettings = {
    name,
    strategy,
    steps,
    bake,
    bakeMs: parseDuration(bake, where),
    promotion: config.promotion ?? "review",
    targets: config.targets.map((target, index) => {
      checkTargetFile(target.file, { file: loaded.file, pointer: `/promote/environments/${name}/targets/${index}/file` });
      if (config.pull_secret === undefined) return targetSpec(target);
      checkPullSecretTarget(name, index, target, loaded.file);
      return { ...targetSpec(target), pullSecret: config.pull_secret };
    }),
    pullRequest: {
      labels: pr.labels ?? DEFAULT_LABELS,
      reviewers: pr.reviewers ?? [],
      teamReviewers: pr.team_reviewers ?? [],
      draft: pr.draft ?? false,
      autoMerge,
    },
    rollback: rollbackSettings(config, autoMerge.rollback),
  };
  const memoryFloor = memoryFloorSettings(name, config, loaded.file);
  if (memoryFloor !== undefined) settings.memoryFloor = memoryFloor;
  if (strategy === "blue-green")
    checkBlueGreenTargets(name, settings.targets, { ...(loaded.file === undefined ? {} : { file: loaded.file }) });
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
  // strategy ab: its comparison settings, and each target told how to route the candidate (ab-settings.ts).
  const { ab, targets } = resolveAbSettings(name, config, settings, loaded);
  settings.targets = targets;
  if (ab !== undefined) settings.ab = ab;
  return settings;
}

/** Self-healing settings: verify-promotion's check first, then rollback_checks without repeats. */
function rollbackSettings(config: EnvironmentConfig, autoMergeMethod: MergeMethod | undefined): EnvironmentSettings["rollback"] {
  const verifyCheck = config.verify_check ?? DEFAULT_VERIFY_CHECK;
  return {
    mode: config.rollback ?? "pr",
    requiredChecks: [...new Set([verifyCheck, ...(config.rollback_checks ?? [])])],
    verifyCheck,
    checksApp: config.rollback_checks_app ?? DEFAULT_CHECKS_APP,
    method: autoMergeMethod ?? "squash",
  };
}

/** The margin `memory_floor: true` takes: half as much again as the runner measured. */
const DEFAULT_MEMORY_MARGIN = 1.5;

/**
 * resources.memory_floor resolved (true: the default margin); a target whose kind has no memory
 * request to set (yaml-path) is refused before anything is cloned, as pull_secret's are.
 */
function memoryFloorSettings(environment: string, config: EnvironmentConfig, file: string | undefined): { margin: number } | undefined {
  const setting = config.resources?.memory_floor;
  if (setting === undefined || setting === false) return undefined;
  const margin = setting === true ? DEFAULT_MEMORY_MARGIN : (setting.margin ?? DEFAULT_MEMORY_MARGIN);
  config.targets.forEach((target, index) => {
    const problem = memoryFloorKindProblem(target.kind);
    if (problem !== undefined)
      throw new UserError(
        `promote.environments.${environment}.resources.memory_floor is set, but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot take it: ${problem}`,
        {
          file,
          pointer: `/promote/environments/${environment}/resources/memory_floor`,
          hint: "set the memory request in that file by hand and remove resources.memory_floor, or serve the model with a kserve-standard, kserve-knative, argo-rollouts, flagger or seldon-v2 target",
        },
      );
  });
  return { margin };
}

/** An environment's pull_secret goes into every target's pod spec: a target without one is refused before anything is cloned. */
function checkPullSecretTarget(environment: string, index: number, target: PromoteTargetConfig, file: string | undefined): void {
  const problem = pullSecretKindProblem(target.kind);
  if (problem !== undefined)
    throw new UserError(
      `promote.environments.${environment}.pull_secret is set, but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot take it: ${problem}`,
      { file, pointer: `/promote/environments/${environment}/pull_secret`, hint: PULL_SECRET_KIND_FIX },
    );
}

/** A target's file must be a plain path inside the GitOps repository: refused before anything is cloned. */
function checkTargetFile(file: string, where: { file?: string; pointer: string }): void {
  const normal = posix.normalize(file.replaceAll("\\", "/"));
  if (
    posix.isAbsolute(normal) ||
    /^[A-Za-z]:/.test(file) ||
    normal === ".." ||
    normal.startsWith("../") ||
    normal === "." ||
    /[\n\0]/.test(file)
  )
    throw new UserError(`the target file "${file}" is not a path inside the GitOps repository`, {
      ...where,
      hint: "write the manifest's path relative to the GitOps repository's root, e.g. apps/model/values.yaml (no leading /, no ..)",
    });
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
