/**
 * The A/B test's verdict (strategy ab): read each deciding metric for both variants from Prometheus,
 * compare them with a two-sample test (common/two-sample.ts), and decide. canary-job.ts calls it in
 * place of the canary ladder; the pull request it leads to carries the comparison and is never
 * merged automatically (promotion-pr.ts).
 *
 * Rules, in order:
 * 1. no candidate running → none;
 * 2. a failing guardrail (a health check) → rollback, as for a canary;
 * 3. bake time not over, or a guardrail without data → hold;
 * 4. a metric without data for a variant, or with fewer than `min_samples` trials/observations in
 *    either variant → hold (the reason gives the counts and the current p-value and interval);
 * 5. Bonferroni over the m metrics: each is tested two-sided at α/m and its interval has level
 *    1 − α/m, so the chance that any metric is called significant by luck is at most α. A metric is
 *    "better" when significant in the good direction (by `higher_is_better`), "worse" when significant
 *    in the other;
 * 6. at least one better and none worse → promote the candidate; at least one worse and none
 *    better → roll back (the stable model wins); both → hold (the metrics disagree: a person
 *    decides); none → hold (not significant yet).
 *
 * The job runs on a schedule and tests again at every run: that is repeated looking, which raises
 * the real false-positive rate above α. `min_samples` (a sample size planned in advance) and the bake
 * time limit how early a verdict can come; docs/ab-testing.md says so.
 */
import { UserError } from "../common/errors.ts";
import { formatNumber } from "../common/markdown.ts";
import { compareMeans, compareProportions, type MeanComparison, type ProportionComparison } from "../common/two-sample.ts";
import { fillQuery, queryPrometheus, type CheckResult, type HealthSource } from "./health.ts";
import type { AbRouting, RolloutState } from "./targets/target-types.ts";

/** One metric that decides the winner. */
export interface AbMetric {
  name: string;
  kind: "proportion" | "mean";
  /** PromQL per field (proportion: successes, trials; mean: mean, stddev, count). */
  queries: Partial<Record<AbField, string>>;
  higherIsBetter: boolean;
}

export type AbField = "successes" | "trials" | "mean" | "stddev" | "count";

/** The fields each kind reads, in order. */
export const AB_FIELDS: Readonly<Record<AbMetric["kind"], readonly AbField[]>> = {
  proportion: ["successes", "trials"],
  mean: ["mean", "stddev", "count"],
};

/** An environment's A/B test, resolved (promote-settings.ts). */
export interface AbSettings {
  match?: AbRouting["match"];
  /** seldon-v2: the candidate's percentage. */
  weight: number;
  minSamples: number;
  alpha: number;
  metrics: AbMetric[];
}

/** One variant's numbers for one metric, as read. */
export type AbObservation = Partial<Record<AbField, number>>;

/** Each metric's observations for both variants; null where a query had no data (with why). */
export interface AbMetricReading {
  metric: AbMetric;
  candidate: AbObservation | null;
  stable: AbObservation | null;
  note?: string;
  /** The candidate's queries as sent. */
  queries: string[];
}

export type AbVerdict = "better" | "worse" | "no difference" | "too few samples" | "no data";

/** One metric's comparison, for the decision and the PR table. */
export interface AbMetricComparison {
  name: string;
  kind: AbMetric["kind"];
  higherIsBetter: boolean;
  /** The value shown per variant: the rate or the mean; null without data. */
  candidate: { value: number; n: number } | null;
  stable: { value: number; n: number } | null;
  /** candidate − stable, its interval at `confidence`, and the two-sided p-value; absent when not computed. */
  test?: { difference: number; interval: [number, number]; pValue: number; confidence: number };
  verdict: AbVerdict;
  note?: string;
  queries: string[];
}

/** The whole comparison: per metric, and the levels used. */
export interface AbComparison {
  metrics: AbMetricComparison[];
  alpha: number;
  /** α/m, the level each metric is tested at. */
  perMetricAlpha: number;
  minSamples: number;
  candidateVersion: string;
  stableVersion: string;
}

/** What the canary job does next: a CanaryDecision without steps (kept apart, as rollout-settings.ts imports these types). */
export type AbDecision = { action: "promote" | "rollback" | "hold" | "none"; reason: string };

export interface AbOutcome {
  decision: AbDecision;
  comparison?: AbComparison;
}

/** Reads every metric for both variants from Prometheus, one query at a time. */
export async function readAbMetrics(
  source: HealthSource,
  settings: AbSettings,
  context: { model: string; candidateVersion: string; stableVersion: string; window: string },
): Promise<AbMetricReading[]> {
  if (source.kind !== "prometheus")
    throw new UserError("strategy ab reads its metrics from Prometheus, but the health source is a metrics document", {
      hint: "set health.prometheus (or pass --prometheus) for an environment with strategy ab; a metrics document has no counts to test",
    });
  const readings: AbMetricReading[] = [];
  for (const metric of settings.metrics) {
    const reading: AbMetricReading = { metric, candidate: {}, stable: {}, queries: [] };
    for (const [role, version] of [
      ["canary", context.candidateVersion],
      ["stable", context.stableVersion],
    ] as const) {
      const usesVersion = AB_FIELDS[metric.kind].some((field) => /\{\{\s*version\s*\}\}/.test(metric.queries[field] ?? ""));
      if (role === "stable" && version === "" && usesVersion) {
        reading.stable = null;
        reading.note =
          "the stable model's version is unknown (modelship did not release it), so {{version}} cannot select it: select it with {{role}}";
        continue;
      }
      const observation: AbObservation = {};
      for (const field of AB_FIELDS[metric.kind]) {
        const name = `${metric.name} (${field})`;
        const query = fillQuery({ name, query: metric.queries[field]! }, { model: context.model, version, role, window: context.window });
        if (role === "canary") reading.queries.push(query);
        const { value, note } = await queryPrometheus(source, query, `A/B metric ${name}`);
        if (value === null || !Number.isFinite(value)) {
          reading.note ??= `no data for the ${role === "canary" ? "candidate" : "stable model"}'s ${field}${note ? ` (${note})` : ""}`;
          if (role === "canary") reading.candidate = null;
          else reading.stable = null;
          break;
        }
        observation[field] = value;
      }
      if (role === "canary" && reading.candidate !== null) reading.candidate = observation;
      if (role === "stable" && reading.stable !== null) reading.stable = observation;
    }
    readings.push(reading);
  }
  return readings;
}

/** The verdict; pure, so the rules are tested without Prometheus. */
export function decideAb(input: {
  state: RolloutState;
  settings: AbSettings;
  checks: readonly CheckResult[];
  readings: readonly AbMetricReading[] | undefined;
  now: Date;
  lastChange: Date | undefined;
  bakeMinutes: number;
}): AbOutcome {
  const { state, settings, checks, now, lastChange, bakeMinutes } = input;
  const candidate = state.canary;
  if (candidate === undefined) return { decision: { action: "none", reason: "No A/B test is running, so there is nothing to decide." } };
  const subject = `the A/B test of ${candidate.version || candidate.uri} against ${state.stable?.version || state.stable?.uri || "the stable model"}`;

  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0)
    return {
      decision: {
        action: "rollback",
        reason: `End ${subject} and roll back: a guardrail fails (${failed.map((check) => `${check.name}: ${check.detail}`).join("; ")}).`,
      },
    };
  if (bakeMinutes > 0) {
    if (lastChange === undefined)
      return {
        decision: { action: "hold", reason: `Hold ${subject}: the time of its start is unknown, so the bake time cannot be checked.` },
      };
    const baked = (now.getTime() - lastChange.getTime()) / 60_000;
    if (baked < bakeMinutes)
      return {
        decision: {
          action: "hold",
          reason: `Hold ${subject}: it has run ${Math.max(0, Math.floor(baked))} of the ${Math.ceil(bakeMinutes)} minutes of bake time since ${lastChange.toISOString()}.`,
        },
      };
  }
  const missing = checks.filter((check) => check.status === "no-data");
  if (missing.length > 0)
    return {
      decision: {
        action: "hold",
        reason: `Hold ${subject}: a guardrail has no data (${missing.map((check) => `${check.name}: ${check.detail}`).join("; ")}).`,
      },
    };

  const readings = input.readings ?? [];
  const comparison = compareAll(readings, settings, candidate.version, state.stable?.version ?? "");
  const withComparison = (decision: AbDecision): AbOutcome => ({ decision, comparison });
  const level = `${formatNumber((1 - comparison.perMetricAlpha) * 100, 2)}%`;
  const describe = (metric: AbMetricComparison): string => {
    const counts = `n ${formatNumber(metric.candidate?.n ?? null)} vs ${formatNumber(metric.stable?.n ?? null)}`;
    if (metric.test === undefined) return `${metric.name}: ${metric.note ?? metric.verdict} (${counts})`;
    return `${metric.name}: difference ${formatNumber(metric.test.difference)}, ${level} interval [${formatNumber(metric.test.interval[0])}, ${formatNumber(metric.test.interval[1])}], p = ${formatP(metric.test.pValue)} (${counts})`;
  };

  const noData = comparison.metrics.filter((metric) => metric.verdict === "no data");
  if (noData.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: ${noData.map((metric) => `${metric.name}: ${metric.note}`).join("; ")}.`,
    });
  const few = comparison.metrics.filter((metric) => metric.verdict === "too few samples");
  if (few.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: each variant needs ${formatNumber(settings.minSamples)} samples per metric before a verdict; ${few.map(describe).join("; ")}.`,
    });
  const better = comparison.metrics.filter((metric) => metric.verdict === "better");
  const worse = comparison.metrics.filter((metric) => metric.verdict === "worse");
  const tested = `each metric tested at α = ${formatNumber(comparison.perMetricAlpha)} (Bonferroni over ${comparison.metrics.length})`;
  if (better.length > 0 && worse.length > 0)
    return withComparison({
      action: "hold",
      reason: `Hold ${subject}: the metrics disagree, the candidate is significantly better on ${better.map((m) => m.name).join(", ")} and worse on ${worse.map((m) => m.name).join(", ")} (${tested}); a person decides (promote or roll back by hand).`,
    });
  if (better.length > 0)
    return withComparison({
      action: "promote",
      reason: `Promote ${candidate.version || candidate.uri}: it wins ${subject}, significantly better on ${better.map(describe).join("; ")}, and not significantly worse on any metric (${tested}).`,
    });
  if (worse.length > 0)
    return withComparison({
      action: "rollback",
      reason: `End ${subject} and keep the stable model: the candidate is significantly worse on ${worse.map(describe).join("; ")}, and better on none (${tested}).`,
    });
  return withComparison({
    action: "hold",
    reason: `Hold ${subject}: no significant difference yet (${tested}); ${comparison.metrics.map(describe).join("; ")}.`,
  });
}

/** Runs the test of every metric. */
export function compareAll(
  readings: readonly AbMetricReading[],
  settings: AbSettings,
  candidateVersion: string,
  stableVersion: string,
): AbComparison {
  const perMetricAlpha = settings.alpha / Math.max(1, readings.length);
  const confidence = 1 - perMetricAlpha;
  const metrics = readings.map((reading) => compareOne(reading, settings.minSamples, perMetricAlpha, confidence));
  return { metrics, alpha: settings.alpha, perMetricAlpha, minSamples: settings.minSamples, candidateVersion, stableVersion };
}

function compareOne(reading: AbMetricReading, minSamples: number, alpha: number, confidence: number): AbMetricComparison {
  const { metric } = reading;
  const base = { name: metric.name, kind: metric.kind, higherIsBetter: metric.higherIsBetter, queries: reading.queries };
  const shown = (observation: AbObservation | null): { value: number; n: number } | null => {
    if (observation === null) return null;
    if (metric.kind === "proportion") return { value: observation.successes! / observation.trials!, n: observation.trials! };
    return { value: observation.mean!, n: observation.count! };
  };
  if (reading.candidate === null || reading.stable === null)
    return {
      ...base,
      candidate: shown(reading.candidate),
      stable: shown(reading.stable),
      verdict: "no data",
      note: reading.note ?? "no data",
    };
  const candidate = shown(reading.candidate)!;
  const stable = shown(reading.stable)!;
  checkObservation(metric, reading.candidate, "candidate");
  checkObservation(metric, reading.stable, "stable model");
  const result = { ...base, candidate, stable };
  // Fewer than two per variant cannot be tested at all; below min_samples the test is shown but not acted on.
  if (candidate.n < 2 || stable.n < 2) return { ...result, verdict: "too few samples" };
  let test: AbMetricComparison["test"];
  if (metric.kind === "proportion") {
    const outcome: ProportionComparison = compareProportions(
      { successes: reading.candidate.successes!, trials: reading.candidate.trials! },
      { successes: reading.stable.successes!, trials: reading.stable.trials! },
      confidence,
    );
    test = {
      difference: outcome.difference,
      interval: outcome.interval,
      pValue: outcome.pValue,
      confidence,
    };
  } else {
    const outcome: MeanComparison = compareMeans(
      { mean: reading.candidate.mean!, stddev: reading.candidate.stddev!, count: reading.candidate.count! },
      { mean: reading.stable.mean!, stddev: reading.stable.stddev!, count: reading.stable.count! },
      confidence,
    );
    test = { difference: outcome.difference, interval: outcome.interval, pValue: outcome.pValue, confidence };
  }
  if (candidate.n < minSamples || stable.n < minSamples) return { ...result, test, verdict: "too few samples" };
  if (!(test.pValue < alpha)) return { ...result, test, verdict: "no difference" };
  const candidateHigher = test.difference > 0;
  return { ...result, test, verdict: candidateHigher === metric.higherIsBetter ? "better" : "worse" };
}

/** Counts Prometheus gave that no variant can have: a UserError naming the metric's queries. */
function checkObservation(metric: AbMetric, observation: AbObservation, role: string): void {
  const problem =
    metric.kind === "proportion"
      ? observation.trials! < 0 || observation.successes! < 0 || observation.successes! > observation.trials!
        ? `${formatNumber(observation.successes)} successes out of ${formatNumber(observation.trials)} trials`
        : undefined
      : observation.stddev! < 0 || observation.count! < 0
        ? `standard deviation ${formatNumber(observation.stddev)} and count ${formatNumber(observation.count)}`
        : undefined;
  if (problem !== undefined)
    throw new UserError(`A/B metric ${JSON.stringify(metric.name)}: Prometheus gave the ${role} ${problem}, which no sample can have`, {
      hint:
        metric.kind === "proportion"
          ? "make successes count a subset of what trials counts, over the same {{window}} and labels"
          : "make stddev and count queries return a non-negative standard deviation and number of observations",
    });
}

/** A p-value for people: 4 decimals, or scientific below 0.0001. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return "—";
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/**
 * The canary job's A/B step: the metrics are read (unless a guardrail already fails, which rolls
 * back without them) and judged.
 */
export async function judgeAbTest(
  source: HealthSource,
  environment: { name: string; ab?: AbSettings; bakeMs: number; health?: { window: string } },
  input: { state: RolloutState; checks: readonly CheckResult[]; model: string; now: Date; lastChange: Date | undefined },
): Promise<AbOutcome> {
  const settings = environment.ab;
  if (settings === undefined)
    throw new UserError(`environment ${environment.name} has strategy ab but no ab settings`, {
      hint: `add promote.environments.${environment.name}.ab (the metrics that decide the winner) to modelship.yaml`,
    });
  const { state, checks } = input;
  const failing = checks.some((check) => check.status === "fail");
  const readings =
    failing || state.canary === undefined
      ? undefined
      : await readAbMetrics(source, settings, {
          model: input.model,
          candidateVersion: state.canary.version,
          stableVersion: state.stable?.version ?? "",
          window: environment.health?.window ?? "10m",
        });
  return decideAb({
    state,
    settings,
    checks,
    readings,
    now: input.now,
    lastChange: input.lastChange,
    bakeMinutes: environment.bakeMs / 60_000,
  });
}
