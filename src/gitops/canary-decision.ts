/**
 * What the scheduled canary job does next, from the rollout state, the policy, the health checks
 * and the time since the last change. Pure: the job reads the inputs, this decides, the job opens
 * the pull request.
 *
 * Order of the rules: no canary → none; a failing check → rollback (even before the bake time ends:
 * bad is bad); bake time not over → hold; a check without data → hold; otherwise the next step
 * above the current weight, or promote after the last step.
 */
import { UserError } from "../common/errors.ts";
import { formatNumber } from "../common/markdown.ts";
import type { CheckResult } from "./health.ts";
import type { RolloutState } from "./targets/target-types.ts";

/** How a canary advances. */
export interface CanaryPolicy {
  /** Ascending traffic weights in percent, e.g. `[10, 50]`; after the last comes promotion. */
  steps: number[];
  /** How long each weight must run, after the change that set it merged, before the next. */
  bakeMinutes: number;
  /** "auto": the promotion PR may merge itself; "review": a person merges it. */
  promote: "auto" | "review";
}

export type CanaryDecision =
  | { action: "step"; weight: number; reason: string }
  | { action: "promote"; reason: string }
  | { action: "hold"; reason: string }
  | { action: "rollback"; reason: string }
  | { action: "none"; reason: string };

export interface CanaryDecisionInput {
  state: RolloutState;
  policy: CanaryPolicy;
  checks: readonly CheckResult[];
  now: Date;
  /** When the change that set the current weight merged; undefined when it cannot be found. */
  lastChange: Date | undefined;
}

/** Decides the canary's next move; the reason is one sentence citing values and thresholds. */
export function decideCanary(input: CanaryDecisionInput): CanaryDecision {
  const { state, policy, checks, now, lastChange } = input;
  checkCanaryPolicy(policy);
  const canary = state.canary;
  if (canary === undefined) return { action: "none", reason: "No canary is running, so there is nothing to decide." };
  const subject = `canary ${canary.version || "(unknown version)"} at ${formatNumber(canary.weight)}%`;

  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0) {
    return { action: "rollback", reason: `Roll back ${subject}: ${failed.map(describeCheck).join("; ")}.` };
  }

  if (policy.bakeMinutes > 0) {
    if (lastChange === undefined) {
      return {
        action: "hold",
        reason: `Hold ${subject}: the time of its last change is unknown, so the ${formatMinutes(policy.bakeMinutes)} bake time cannot be checked.`,
      };
    }
    const bakedMinutes = (now.getTime() - lastChange.getTime()) / 60_000;
    if (bakedMinutes < policy.bakeMinutes) {
      return {
        action: "hold",
        reason: `Hold ${subject}: it has baked ${formatMinutes(Math.max(0, bakedMinutes), Math.floor)} of ${formatMinutes(policy.bakeMinutes)} since its last change at ${lastChange.toISOString()}, ${formatMinutes(policy.bakeMinutes - Math.max(0, bakedMinutes))} left.`,
      };
    }
  }

  const missing = checks.filter((check) => check.status === "no-data");
  if (missing.length > 0) {
    return { action: "hold", reason: `Hold ${subject}: ${missing.map(describeCheck).join("; ")}.` };
  }

  const evidence =
    checks.length === 0
      ? "no health checks are configured and the bake time is over"
      : `all ${checks.length} health check${checks.length === 1 ? "" : "s"} pass (${checks.map(describeCheck).join("; ")})`;
  const next = policy.steps.find((weight) => weight > canary.weight);
  if (next !== undefined) return { action: "step", weight: next, reason: `Step ${subject} up to ${formatNumber(next)}%: ${evidence}.` };
  const review = policy.promote === "review" ? ", and the pull request waits for a review" : "";
  return { action: "promote", reason: `Promote ${subject} to stable: ${evidence}${review}.` };
}

/** Refuses a policy that cannot be followed: steps not ascending or outside 0..99, a negative bake time. */
export function checkCanaryPolicy(policy: CanaryPolicy): void {
  const steps = policy.steps;
  for (const [index, weight] of steps.entries()) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 99) {
      // 0 is allowed: a canary can run without live traffic (shadow or blue-green preview) first.
      throw new UserError(`canary step ${formatNumber(weight)} is not a traffic weight between 0 and 99 percent`, {
        hint: "list weights such as [10, 50]; promotion after the last step sends 100%",
      });
    }
    if (index > 0 && weight <= steps[index - 1]!)
      throw new UserError(`canary steps ${JSON.stringify(steps)} are not ascending`, {
        hint: "list the weights from smallest to largest, e.g. [10, 50]",
      });
  }
  if (!Number.isFinite(policy.bakeMinutes) || policy.bakeMinutes < 0) {
    throw new UserError(`canary bake time ${String(policy.bakeMinutes)} minutes is not a duration`, {
      hint: "set the bake time to 0 or more minutes",
    });
  }
}

/** `error-rate: 0.2 is above the maximum 0.05` (the detail cites the values). */
function describeCheck(check: CheckResult): string {
  return `${check.name}: ${check.detail}`;
}

/** A duration for people: `90 seconds`, `45 minutes`, `2 h 5 min`; `round` says which way (elapsed: down, left: up). */
function formatMinutes(minutes: number, round: (value: number) => number = Math.ceil): string {
  if (minutes < 2) {
    const seconds = round(minutes * 60);
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }
  const whole = round(minutes);
  if (whole < 120) return `${whole} minutes`;
  const hours = Math.floor(whole / 60);
  const rest = whole - hours * 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
