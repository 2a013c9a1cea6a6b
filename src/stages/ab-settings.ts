/**
 * An environment's A/B test (strategy ab) from modelship.yaml: the routing its targets write and the
 * metrics the canary job compares, checked before anything is cloned or queried. Every refusal names
 * modelship.yaml, the JSON pointer and the fix.
 */
import { UserError } from "../common/errors.ts";
import { AB_FIELDS, type AbField, type AbMetric, type AbSettings } from "../gitops/ab-test.ts";
import type { EnvironmentSettings } from "../gitops/rollout-settings.ts";
import { AB_TARGET_KINDS, type AbRouting } from "../gitops/targets/target-types.ts";
import type { EnvironmentConfig, LoadedConfig } from "../config/modelship-config.ts";

const DEFAULT_WEIGHT = 50;
const DEFAULT_MIN_SAMPLES = 1000;
const DEFAULT_ALPHA = 0.05;
/** The placeholders a query may hold (as health checks: health.ts fillQuery). */
const PLACEHOLDERS = ["model", "version", "role", "window"];

const EXAMPLE_METRIC =
  "{name: conversion, kind: proportion, successes: 'sum(increase(converted_total{version=\"{{version}}\"}[{{window}}]))', trials: 'sum(increase(requests_total{version=\"{{version}}\"}[{{window}}]))', higher_is_better: true}";

/**
 * The A/B settings of environment `name` (undefined unless its strategy is ab), and its targets
 * with their routing. Refuses an ab block under another strategy, a target that cannot run an A/B
 * test, flagger without a match, and metrics without the queries their kind needs.
 */
export function resolveAbSettings(
  name: string,
  config: EnvironmentConfig,
  settings: Pick<EnvironmentSettings, "strategy" | "targets">,
  loaded: LoadedConfig,
): { ab?: AbSettings; targets: EnvironmentSettings["targets"] } {
  const at = (pointer: string) => ({ file: loaded.file, pointer: `/promote/environments/${name}${pointer}` });
  const key = `promote.environments.${name}`;
  if (settings.strategy !== "ab") {
    if (config.ab !== undefined)
      throw new UserError(`${key}.ab is set, but the environment's strategy is ${settings.strategy}, which does not run an A/B test`, {
        ...at("/ab"),
        hint: `set ${key}.strategy to ab to run the A/B test, or remove ${key}.ab`,
      });
    return { targets: settings.targets };
  }
  const ab = config.ab;
  if (ab === undefined)
    throw new UserError(`${key}.strategy is ab, but the environment has no ab settings`, {
      ...at("/strategy"),
      hint: `add ${key}.ab with the metrics that decide the winner, e.g. ab: {match: {header: x-variant, value: b}, metrics: [${EXAMPLE_METRIC}]}`,
    });
  if (ab.match !== undefined && (ab.match.header === undefined) === (ab.match.cookie === undefined))
    throw new UserError(`${key}.ab.match needs exactly one of header and cookie`, {
      ...at("/ab/match"),
      hint: "write {header: x-variant, value: b} to match a header exactly, or {cookie: variant, value: b} to match a cookie",
    });
  for (const [index, target] of settings.targets.entries()) {
    if (!AB_TARGET_KINDS.includes(target.kind))
      throw new UserError(
        `${key}.strategy is ab, but target ${index} (${target.kind}, ${target.file}) cannot run an A/B test: ${target.kind} has no header or cookie match and no weighted second model`,
        {
          ...at("/strategy"),
          hint: `serve the model with a flagger target (Deployment + Canary, routed by ab.match) or a seldon-v2 target (Model + Experiment, split by ab.weight), or set ${key}.strategy to canary`,
        },
      );
    if (target.kind === "flagger" && ab.match === undefined)
      throw new UserError(
        `${key}.ab has no match, which the flagger target ${target.file} needs: Flagger's A/B mode routes by header or cookie`,
        {
          ...at("/ab"),
          hint: `add ${key}.ab.match, e.g. {header: x-variant, value: b} or {cookie: variant, value: b}`,
        },
      );
  }
  if (config.health === undefined)
    throw new UserError(`${key}.strategy is ab, but the environment has no health settings to read the metrics from`, {
      ...at("/strategy"),
      hint: `add ${key}.health with prometheus (where the A/B metrics are read) and checks (guardrails that roll back, e.g. an error-rate maximum)`,
    });
  const names = new Set<string>();
  const metrics = ab.metrics.map((metric, index): AbMetric => {
    const where = at(`/ab/metrics/${index}`);
    if (names.has(metric.name))
      throw new UserError(`${key}.ab.metrics: two metrics are named ${JSON.stringify(metric.name)}`, {
        ...where,
        hint: "give every metric its own name",
      });
    names.add(metric.name);
    const needed = AB_FIELDS[metric.kind];
    const missing = needed.filter((field) => metric[field] === undefined);
    if (missing.length > 0)
      throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}) is a ${metric.kind} metric without ${missing.join(" and ")}`, {
        ...where,
        hint: `a ${metric.kind} metric needs PromQL for ${needed.join(", ")} per variant (placeholders {{model}}, {{version}}, {{role}}, {{window}}), e.g. ${EXAMPLE_METRIC}`,
      });
    const other = (Object.keys(AB_FIELDS) as AbMetric["kind"][])
      .filter((kind) => kind !== metric.kind)
      .flatMap((kind) => AB_FIELDS[kind])
      .filter((field) => metric[field] !== undefined);
    if (other.length > 0)
      throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}) is a ${metric.kind} metric but sets ${other.join(", ")}`, {
        ...where,
        hint: `remove ${other.join(", ")}, or set kind to ${metric.kind === "proportion" ? "mean" : "proportion"}`,
      });
    const queries: Partial<Record<AbField, string>> = {};
    for (const field of needed) {
      const query = metric[field]!;
      const unknown = [...query.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((found) => found[1]!).find((name) => !PLACEHOLDERS.includes(name));
      if (unknown !== undefined)
        throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}): unknown placeholder {{${unknown}}} in ${field}`, {
          ...at(`/ab/metrics/${index}/${field}`),
          hint: `use only ${PLACEHOLDERS.map((name) => `{{${name}}}`).join(", ")}`,
        });
      queries[field] = query;
    }
    return { name: metric.name, kind: metric.kind, queries, higherIsBetter: metric.higher_is_better };
  });
  const match: AbRouting["match"] =
    ab.match === undefined
      ? undefined
      : ab.match.header !== undefined
        ? { header: ab.match.header, value: ab.match.value }
        : { cookie: ab.match.cookie!, value: ab.match.value };
  const routing: AbRouting = {
    ...(match === undefined ? {} : { match }),
    ...(ab.iterations === undefined ? {} : { iterations: ab.iterations }),
  };
  return {
    ab: {
      ...(match === undefined ? {} : { match }),
      weight: ab.weight ?? DEFAULT_WEIGHT,
      minSamples: ab.min_samples ?? DEFAULT_MIN_SAMPLES,
      alpha: ab.alpha ?? DEFAULT_ALPHA,
      metrics,
    },
    targets: settings.targets.map((target) => ({ ...target, ab: routing })),
  };
}
