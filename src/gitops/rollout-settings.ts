/**
 * A promotion's resolved settings as the GitOps domain uses them: where the GitOps repository is, and
 * one environment's rollout (strategy, ladder, bake time, targets, pull-request options, health).
 * stages/promote-settings.ts resolves them from modelship.yaml and explicit inputs.
 */
import type { HealthCheck } from "./health.ts";
import type { RolloutAction, TargetSpec } from "./targets/target-dispatch.ts";

export type Strategy = "canary" | "blue-green" | "direct";
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
  health?: { prometheus?: string; metrics?: string; window: string; checks: HealthCheck[] };
}

/** The first step of a strategy's rollout: a canary starts at the first weight, blue-green at 0 (a preview). */
export function startAction(environment: EnvironmentSettings, weight?: number): RolloutAction {
  switch (environment.strategy) {
    case "direct":
      return { kind: "direct" };
    case "blue-green":
      return { kind: "start", weight: weight ?? 0 };
    case "canary":
      return { kind: "start", weight: weight ?? environment.steps[0]! };
  }
}
