/**
 * DORA's four keys for model delivery, per model and environment, from the promotions modelship
 * merged (events in, figures out; dora-history.ts reads the events from git or GitHub):
 *
 * - deployment frequency: promotions merged to 100% (`promote`, or `direct`) in the window;
 * - lead time for changes: the model-repository commit a release was built from → the merge that
 *   put it at 100% (the release's `created` time stands in when the commit's time is unknown);
 * - change failure rate: changes (a version's first rollout: `start`, `direct` or `promote`) that a
 *   merged rollback of the same version followed within the failure window;
 * - time to restore: a rollback opened (the canary job opens it when a health check fails, so its
 *   opening is the unhealthy detection) → merged.
 *
 * Times are medians (the middle value; the mean of the two middle values for an even count, as
 * numpy.median). Each figure gets its performance level from the clusters of the Accelerate State
 * of DevOps Report 2023 (DORA, Google Cloud), https://dora.dev/research/2023/dora-report/: see
 * the band functions for how its ranges are read as thresholds.
 */

/** One promotion pull request (or commit, without GitHub) merged into the GitOps repository's base. */
export interface PromotionEvent {
  environment: string;
  model: string;
  /** The release the PR is about (the canary's for step, promote and rollback); "" when unknown. */
  version: string;
  /** The marker's action: start, step, promote, rollback, direct (and retire, from retirement PRs). */
  action: string;
  /** When the PR was opened (without GitHub: when the promotion commit was made), ISO 8601. */
  openedAt: string;
  /** When it was merged into the base (without GitHub: the merge commit's committer time), ISO 8601. */
  mergedAt: string;
  /** `#12` for a pull request, a short commit sha without GitHub. */
  ref: string;
  url?: string;
}

/** When a version's change began: the model-repository commit's time, else the release's. */
export interface ChangeTime {
  at: string;
  from: "commit" | "release";
}

export type DoraBand = "elite" | "high" | "medium" | "low";

/** The report the bands come from. */
export const DORA_BANDS_SOURCE = {
  report: "Accelerate State of DevOps Report 2023 (DORA, Google Cloud)",
  url: "https://dora.dev/research/2023/dora-report/",
} as const;

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DoraOptions {
  since: Date;
  until: Date;
  /** A rollback merged this long after a change's first rollout counts as that change failing. */
  failureWindowMs: number;
  /** The start of a version's change (lead time), when known. */
  changeTime: (model: string, version: string) => ChangeTime | undefined;
  /** Whether a version of a model is retired in the registry. */
  retired: (model: string, version: string) => boolean;
  /** Why a version has no change time (default NOT_IN_REGISTRY). */
  unmeasuredReason?: (model: string, version: string) => string | undefined;
}

/** Why a deployment has no lead time: its release is not in the registry read (another registry than the release went to). */
export const NOT_IN_REGISTRY = "release not in the registry";
/** Why a deployment has no lead time: its promotion names no version (a model modelship did not release). */
export const NO_VERSION = "the promotion names no version";

export interface DeploymentRecord {
  version: string;
  mergedAt: string;
  ref: string;
  url?: string;
  /** Lead time in hours; absent when the change's start is unknown. */
  leadTimeHours?: number;
  leadTimeFrom?: ChangeTime["from"];
  /** Why there is no lead time, when there is none. */
  leadTimeUnmeasured?: string;
}

export interface ChangeRecord {
  version: string;
  /** The first rollout's merge. */
  mergedAt: string;
  ref: string;
  /** The rollback that failed it, if one did within the window. */
  rolledBackBy?: string;
}

export interface RestoreRecord {
  version: string;
  openedAt: string;
  mergedAt: string;
  hours: number;
  ref: string;
  url?: string;
}

export interface DoraFigures {
  model: string;
  environment: string;
  deploymentFrequency: { count: number; perWeek: number; band: DoraBand };
  leadTime: {
    /** Deployments with a lead time (the median's count). */
    count: number;
    medianHours: number | null;
    band: DoraBand | null;
    fromRelease: number;
    /** Deployments without one, and why (each reason once, most first). */
    unmeasured: { count: number; reasons: { reason: string; count: number }[] };
  };
  changeFailureRate: { changes: number; failed: number; rate: number | null; band: DoraBand | null };
  timeToRestore: { count: number; medianHours: number | null; band: DoraBand | null };
  /** Seven-day buckets from `since`: deployments and their median lead time (null: none that week). */
  weekly: { start: string; deployments: number; medianLeadTimeHours: number | null }[];
  deployments: DeploymentRecord[];
  changes: ChangeRecord[];
  restores: RestoreRecord[];
}

export interface SkippedModel {
  model: string;
  environment: string;
  reason: string;
}

export interface DoraComputation {
  figures: DoraFigures[];
  skipped: SkippedModel[];
}

const DEPLOY_ACTIONS = new Set(["promote", "direct"]);
const ROLLOUT_ACTIONS = new Set(["start", "direct", "promote"]);

/** The median of a list (mean of the two middle values when the count is even); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Deployment frequency's level. The 2023 clusters: elite "on demand (multiple deploys per day)",
 * high "between once per day and once per week", medium "between once per week and once per month"
 * (low shares medium's range in 2023; here it is what is rarer). Read as: at least one per day on
 * average is elite, at least one per 7 days high, at least one per 30 days medium, fewer low.
 * Compared in whole milliseconds, so a count exactly at an edge is never lost to rounding.
 */
export function deploymentFrequencyBand(count: number, windowMs: number): DoraBand {
  if (count * DAY_MS >= windowMs) return "elite";
  if (count * 7 * DAY_MS >= windowMs) return "high";
  if (count * 30 * DAY_MS >= windowMs) return "medium";
  return "low";
}

/** Lead time's level (2023: elite "less than one day", high "between one day and one week", medium "between one week and one month"): < 24 h, ≤ 7 d, ≤ 30 d, else low. */
export function leadTimeBand(milliseconds: number): DoraBand {
  if (milliseconds < DAY_MS) return "elite";
  if (milliseconds <= 7 * DAY_MS) return "high";
  if (milliseconds <= 30 * DAY_MS) return "medium";
  return "low";
}

/** Change failure rate's level (2023: elite 5%, high 10%, medium 15%, low 64%): ≤ 5%, ≤ 10%, ≤ 15%, else low; exact in integers. */
export function changeFailureBand(failed: number, changes: number): DoraBand {
  if (failed * 100 <= 5 * changes) return "elite";
  if (failed * 100 <= 10 * changes) return "high";
  if (failed * 100 <= 15 * changes) return "medium";
  return "low";
}

/** Time to restore's level (2023 "failed deployment recovery time": elite "less than one hour", high "less than one day", medium "between one day and one week"): < 1 h, < 24 h, ≤ 7 d, else low. */
export function restoreBand(milliseconds: number): DoraBand {
  if (milliseconds < HOUR_MS) return "elite";
  if (milliseconds < DAY_MS) return "high";
  if (milliseconds <= 7 * DAY_MS) return "medium";
  return "low";
}

function time(text: string): number {
  return Date.parse(text);
}

function hours(milliseconds: number): number {
  return milliseconds / HOUR_MS;
}

/**
 * Whether a model is retired in an environment: the version it last deployed carries a retirement
 * mark, or a retirement PR was merged after that deployment.
 */
function retirementOf(events: readonly PromotionEvent[], options: DoraOptions): string | undefined {
  const before = events.filter((event) => time(event.mergedAt) < options.until.getTime());
  const last = before.filter((event) => DEPLOY_ACTIONS.has(event.action)).at(-1);
  const retire = before.filter((event) => event.action === "retire").at(-1);
  if (retire !== undefined && (last === undefined || time(retire.mergedAt) >= time(last.mergedAt)))
    return `removed from the environment by ${retire.ref} (${retire.mergedAt})`;
  if (last !== undefined && last.version !== "" && options.retired(last.model, last.version))
    return `${last.version}, the version it last deployed, is retired in the registry`;
  return undefined;
}

/** The four keys for every (model, environment) with events; retired models are skipped and listed. */
export function computeDora(events: readonly PromotionEvent[], options: DoraOptions): DoraComputation {
  const groups = new Map<string, PromotionEvent[]>();
  for (const event of events) {
    const key = JSON.stringify([event.model, event.environment]);
    const list = groups.get(key) ?? [];
    list.push(event);
    groups.set(key, list);
  }
  const figures: DoraFigures[] = [];
  const skipped: SkippedModel[] = [];
  const keys = [...groups.keys()].sort();
  for (const key of keys) {
    const list = groups.get(key)!.sort((a, b) => time(a.mergedAt) - time(b.mergedAt) || a.ref.localeCompare(b.ref));
    const { model, environment } = list[0]!;
    const reason = retirementOf(list, options);
    if (reason !== undefined) {
      skipped.push({ model, environment, reason });
      continue;
    }
    figures.push(figuresOf(model, environment, list, options));
  }
  return { figures, skipped };
}

/** The deployments without a lead time, counted per reason (most first, then by name). */
function unmeasuredOf(deployments: readonly DeploymentRecord[]): DoraFigures["leadTime"]["unmeasured"] {
  const counts = new Map<string, number>();
  for (const { leadTimeUnmeasured: reason } of deployments) if (reason !== undefined) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts].map(([reason, count]) => ({ reason, count }));
  reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { count: reasons.reduce((sum, { count }) => sum + count, 0), reasons };
}

function figuresOf(model: string, environment: string, events: readonly PromotionEvent[], options: DoraOptions): DoraFigures {
  const since = options.since.getTime();
  const until = options.until.getTime();
  const inWindow = (event: PromotionEvent) => time(event.mergedAt) >= since && time(event.mergedAt) < until;

  const deployments: DeploymentRecord[] = events
    .filter((event) => DEPLOY_ACTIONS.has(event.action) && inWindow(event))
    .map((event) => {
      const start = event.version === "" ? undefined : options.changeTime(model, event.version);
      return {
        version: event.version,
        mergedAt: event.mergedAt,
        ref: event.ref,
        ...(event.url === undefined ? {} : { url: event.url }),
        ...(start === undefined
          ? {
              leadTimeUnmeasured: event.version === "" ? NO_VERSION : (options.unmeasuredReason?.(model, event.version) ?? NOT_IN_REGISTRY),
            }
          : { leadTimeHours: hours(time(event.mergedAt) - time(start.at)), leadTimeFrom: start.from }),
      };
    });
  // Medians of whole milliseconds, so a band's edge is compared exactly; hours only for people.
  const leadTimes = deployments.flatMap((deployment) => {
    const start = deployment.version === "" ? undefined : options.changeTime(model, deployment.version);
    return start === undefined ? [] : [time(deployment.mergedAt) - time(start.at)];
  });
  const medianLead = median(leadTimes);

  // A change is a version's first rollout; it failed when a rollback of that version followed in the window.
  const firstRollout = new Map<string, PromotionEvent>();
  for (const event of events)
    if (ROLLOUT_ACTIONS.has(event.action) && event.version !== "" && !firstRollout.has(event.version))
      firstRollout.set(event.version, event);
  const changes: ChangeRecord[] = [...firstRollout.values()].filter(inWindow).map((rollout) => {
    const rollback = events.find(
      (event) =>
        event.action === "rollback" &&
        event.version === rollout.version &&
        time(event.mergedAt) >= time(rollout.mergedAt) &&
        time(event.mergedAt) - time(rollout.mergedAt) <= options.failureWindowMs,
    );
    return {
      version: rollout.version,
      mergedAt: rollout.mergedAt,
      ref: rollout.ref,
      ...(rollback === undefined ? {} : { rolledBackBy: rollback.ref }),
    };
  });
  const failed = changes.filter((change) => change.rolledBackBy !== undefined).length;

  const restores: RestoreRecord[] = events
    .filter((event) => event.action === "rollback" && inWindow(event))
    .map((event) => ({
      version: event.version,
      openedAt: event.openedAt,
      mergedAt: event.mergedAt,
      hours: hours(time(event.mergedAt) - time(event.openedAt)),
      ref: event.ref,
      ...(event.url === undefined ? {} : { url: event.url }),
    }));
  const medianRestore = median(restores.map((restore) => time(restore.mergedAt) - time(restore.openedAt)));

  const windowMs = until - since;
  const weekly: DoraFigures["weekly"] = [];
  for (let start = since; start < until; start += 7 * DAY_MS) {
    const end = Math.min(start + 7 * DAY_MS, until);
    const week = deployments.filter((deployment) => time(deployment.mergedAt) >= start && time(deployment.mergedAt) < end);
    weekly.push({
      start: new Date(start).toISOString(),
      deployments: week.length,
      medianLeadTimeHours: median(week.flatMap((deployment) => (deployment.leadTimeHours === undefined ? [] : [deployment.leadTimeHours]))),
    });
  }

  return {
    model,
    environment,
    deploymentFrequency: {
      count: deployments.length,
      perWeek: windowMs <= 0 ? 0 : (deployments.length * 7 * DAY_MS) / windowMs,
      band: deploymentFrequencyBand(deployments.length, windowMs),
    },
    leadTime: {
      count: leadTimes.length,
      medianHours: medianLead === null ? null : hours(medianLead),
      band: medianLead === null ? null : leadTimeBand(medianLead),
      fromRelease: deployments.filter((deployment) => deployment.leadTimeFrom === "release").length,
      unmeasured: unmeasuredOf(deployments),
    },
    changeFailureRate: {
      changes: changes.length,
      failed,
      rate: changes.length === 0 ? null : failed / changes.length,
      band: changes.length === 0 ? null : changeFailureBand(failed, changes.length),
    },
    timeToRestore: {
      count: restores.length,
      medianHours: medianRestore === null ? null : hours(medianRestore),
      band: medianRestore === null ? null : restoreBand(medianRestore),
    },
    weekly,
    deployments,
    changes,
    restores,
  };
}
