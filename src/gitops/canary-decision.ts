/**
 * What the scheduled canary job does next, from the rollout state, the policy, the health checks
 * and the time since the last change. Pure: the job reads the inputs, this decides, the job opens
 * the pull request.
 *
 * Order of the rules: no canary → none; a failing check → rollback (even before the bake time ends:
 * bad is bad); bake time not over → hold; a check without data → hold; otherwise the next step
 * above the current weight, or promote after the last step.
 *
 * Blue-green has no ladder: its canary is a preview that takes no live traffic (weight 0), and the
 * same rules end in a cut-over (`promote`: every request switches to the new version at once) or a
 * rollback (the preview is removed); it never steps. docs/blue-green.md.
 */
import { UserError } from "../common/errors.ts";
import { formatNumber } from "../common/markdown.ts";
import type { CheckResult } from "./health.ts";
import type { Strategy } from "./rollout-settings.ts";
import type { RolloutState } from "./targets/target-types.ts";

/** How a canary advances. */
export interface CanaryPolicy {
  /** The environment's strategy (default canary): blue-green cuts over from its preview; a canary climbs the steps. */
  strategy?: Strategy;
  /**
   * Ascending traffic weights in percent, e.g. `[10, 50]` (`[0, 10, 50]`: a dark start without live
   * traffic); after the last comes promotion. Blue-green: `[]` or `[0]`, the preview.
   */
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
  const blueGreen = policy.strategy === "blue-green";
  const version = canary.version || "(unknown version)";
  const subject = blueGreen ? `preview ${version}` : `canary ${version} at ${formatNumber(canary.weight)}%`;

  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0) {
    const removed = blueGreen ? " (the preview is removed; live traffic never left the stable version)" : "";
    return { action: "rollback", reason: `Roll back ${subject}${removed}: ${failed.map(describeCheck).join("; ")}.` };
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
  const review = policy.promote === "review" ? ", and the pull request waits for a review" : "";
  if (blueGreen)
    return { action: "promote", reason: `Cut over to ${version} (switch all traffic from its preview): ${evidence}${review}.` };
  const next = policy.steps.find((weight) => weight > canary.weight);
  if (next !== undefined) return { action: "step", weight: next, reason: `Step ${subject} up to ${formatNumber(next)}%: ${evidence}.` };
  return { action: "promote", reason: `Promote ${subject} to stable: ${evidence}${review}.` };
}

/** Refuses a policy that cannot be followed: steps that break stepsProblem's rule, a negative bake time. */
export function checkCanaryPolicy(policy: CanaryPolicy): void {
  const problem = stepsProblem(policy.strategy ?? "canary", policy.steps);
  if (problem !== undefined) throw new UserError(problem.problem, { hint: problem.hint });
  if (!Number.isFinite(policy.bakeMinutes) || policy.bakeMinutes < 0) {
    throw new UserError(`canary bake time ${String(policy.bakeMinutes)} minutes is not a duration`, {
      hint: "set the bake time to 0 or more minutes",
    });
  }
}

/** What is wrong with a strategy's steps; `index` is the offending step, when one is. */
export interface StepsProblem {
  problem: string;
  hint: string;
  index?: number;
}

/**
 * The one rule for an environment's steps, used by the canary job (checkCanaryPolicy) and when
 * modelship.yaml resolves (promote-settings.ts): weights from 0 to 99, rising. 0 runs the new version
 * without live traffic (a dark launch, or blue-green's preview). A canary needs a first weight to
 * start at; blue-green has no ladder, so its steps may only be `[]` or `[0]` (the preview): a
 * blue-green that sent part of the traffic to the new version would be a canary under another name.
 */
export function stepsProblem(strategy: Strategy, steps: readonly number[]): StepsProblem | undefined {
  for (const [index, weight] of steps.entries()) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 99) {
      return {
        problem: `canary step ${formatNumber(weight)} is not a traffic weight between 0 and 99 percent`,
        hint: "list weights such as [10, 50]; promotion after the last step sends 100%",
        index,
      };
    }
    if (index > 0 && weight <= steps[index - 1]!)
      return {
        problem: `canary steps ${JSON.stringify(steps)} are not ascending`,
        hint: "list the weights from smallest to largest, e.g. [10, 50]",
        index,
      };
  }
  if (strategy === "blue-green") {
    const index = steps.findIndex((weight) => weight !== 0);
    if (index >= 0)
      return {
        problem: `blue-green has no traffic ladder, but its steps ${JSON.stringify(steps)} would send ${formatNumber(steps[index])}% of live traffic to the new version`,
        hint: "leave steps out for blue-green (or write [] or [0]: the preview, with no live traffic, then the cut-over), or use strategy: canary to step traffic up",
        index,
      };
  }
  if (strategy === "canary" && steps.length === 0)
    return {
      problem: "a canary needs at least one step, the weight it starts at, but its steps are []",
      hint: "list weights such as [10, 50] ([0, 10, 50] starts without live traffic), or use strategy: blue-green for a preview and a cut-over",
    };
  return undefined;
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
