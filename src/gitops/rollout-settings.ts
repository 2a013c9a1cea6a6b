/**
 * A promotion's resolved settings as the GitOps domain uses them: where the GitOps repository is, and
 * one environment's rollout (strategy, ladder, bake time, targets, pull-request options, health).
 * stages/promote-settings.ts resolves them from modelship.yaml and explicit inputs.
 */
import type { AbSettings } from "./ab-test.ts";
import { UserError } from "../common/errors.ts";
import type { HealthCheck } from "./health.ts";
import type { RolloutAction, TargetSpec } from "./targets/target-dispatch.ts";

export type Strategy = "canary" | "blue-green" | "direct" | "ab";
export type MergeMethod = "merge" | "squash" | "rebase";
export type ActionKind = RolloutAction["kind"];

/** Where the GitOps repository is. */
export interface GitOpsSettings {
  /** OWNER/REPO on GitHub; undefined: no pull requests, a pushed branch and a body on disk. */
  repository?: string;
  /** The git remote (URL or path). */
  remote: string;
  base: string;
}

export interface PullRequestSettings {
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  draft: boolean;
  autoMerge: Record<ActionKind, MergeMethod | undefined>;
}

/**
 * Self-healing (docs/self-healing.md). `pr`: open the rollback PR and stop. `merge`: when GitHub cannot
 * auto-merge it, modelship merges it once every required check has passed on its head.
 */
export interface RollbackSettings {
  mode: "pr" | "merge";
  /** Check names that must pass, verify-promotion's first; `verifyCheck` must be a check run. */
  requiredChecks: string[];
  verifyCheck: string;
  /** The slug of the GitHub App whose check runs count. */
  checksApp: string;
  /** How modelship merges (the environment's auto-merge method for rollbacks, else squash). */
  method: MergeMethod;
}

/** One environment's rollout: its manifests, strategy, ladder and health checks. */
export interface EnvironmentSettings {
  name: string;
  strategy: Strategy;
  steps: number[];
  bake: string;
  bakeMs: number;
  promotion: "auto" | "review";
  targets: TargetSpec[];
  pullRequest: PullRequestSettings;
  /** What the canary job does with a rollback PR GitHub will not auto-merge (self-heal.ts). */
  rollback: RollbackSettings;
  health?: { prometheus?: string; metrics?: string; window: string; checks: HealthCheck[] };
  /** strategy ab: how the variants are split and compared (docs/ab-testing.md). */
  ab?: AbSettings;
  /**
   * resources.memory_floor: the serving container's memory request is raised to at least the
   * release's measured peak × margin (targets/memory-floor.ts); absent: requests are left alone.
   */
  memoryFloor?: { margin: number };
}

/** The first step of a strategy's rollout: a canary starts at the first weight, blue-green at 0 (a preview). */
export function startAction(environment: EnvironmentSettings, weight?: number): RolloutAction {
  switch (environment.strategy) {
    case "direct":
      return { kind: "direct" };
    case "blue-green":
      // A preview takes no live traffic; a share of it would be a canary (docs/blue-green.md).
      if (weight !== undefined && weight !== 0)
        throw new UserError(
          `--weight (the weight input): ${weight} sends live traffic, but ${environment.name} is blue-green, whose preview takes none`,
          {
            hint: "leave --weight out (blue-green starts with a preview at 0%), or pass --strategy canary to start a canary at that weight",
          },
        );
      return { kind: "start", weight: 0 };
    case "canary": {
      const first = weight ?? environment.steps[0];
      // A blue-green environment (steps []) promoted with --strategy canary has no first weight.
      if (first === undefined)
        throw new UserError(`${environment.name} has no canary steps, so a canary there has no weight to start at`, {
          hint: "pass --weight N (the weight input), or list steps for the environment in modelship.yaml",
        });
      return { kind: "start", weight: first };
    }
    case "ab":
      // Seldon splits by this weight; Flagger routes by the match and reads back 0.
      return { kind: "start", weight: weight ?? environment.ab?.weight ?? 50 };
  }
}
