import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  AB_FIELDS,
  AB_TARGET_KINDS,
  PULL_SECRET_KIND_FIX,
  checkBlueGreenTargets,
  memoryFloorKindProblem,
  pullSecretKindProblem
} from "./chunk-VVREGJ63.js";
import {
  refNameProblem
} from "./chunk-TQQPERQT.js";
import {
  pick
} from "./chunk-YVAZ7I5R.js";
import {
  formatNumber
} from "./chunk-HFKEWQQZ.js";
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/promote-settings.ts
import { existsSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";

// src/gitops/canary-decision.ts
function decideCanary(input) {
  const { state, policy, checks, now, lastChange } = input;
  checkCanaryPolicy(policy);
  const canary = state.canary;
  if (canary === void 0) return { action: "none", reason: "No canary is running, so there is nothing to decide." };
  const blueGreen = policy.strategy === "blue-green";
  const version = canary.version || "(unknown version)";
  const subject = blueGreen ? `preview ${version}` : `canary ${version} at ${formatNumber(canary.weight)}%`;
  const failed = checks.filter((check) => check.status === "fail");
  if (failed.length > 0) {
    const removed = blueGreen ? " (the preview is removed; live traffic never left the stable version)" : "";
    return { action: "rollback", reason: `Roll back ${subject}${removed}: ${failed.map(describeCheck).join("; ")}.` };
  }
  if (policy.bakeMinutes > 0) {
    if (lastChange === void 0) {
      return {
        action: "hold",
        reason: `Hold ${subject}: the time of its last change is unknown, so the ${formatMinutes(policy.bakeMinutes)} bake time cannot be checked.`
      };
    }
    const bakedMinutes = (now.getTime() - lastChange.getTime()) / 6e4;
    if (bakedMinutes < policy.bakeMinutes) {
      return {
        action: "hold",
        reason: `Hold ${subject}: it has baked ${formatMinutes(Math.max(0, bakedMinutes), Math.floor)} of ${formatMinutes(policy.bakeMinutes)} since its last change at ${lastChange.toISOString()}, ${formatMinutes(policy.bakeMinutes - Math.max(0, bakedMinutes))} left.`
      };
    }
  }
  const missing = checks.filter((check) => check.status === "no-data");
  if (missing.length > 0) {
    return { action: "hold", reason: `Hold ${subject}: ${missing.map(describeCheck).join("; ")}.` };
  }
  const evidence = checks.length === 0 ? "no health checks are configured and the bake time is over" : `all ${checks.length} health check${checks.length === 1 ? "" : "s"} pass (${checks.map(describeCheck).join("; ")})`;
  const review = policy.promote === "review" ? ", and the pull request waits for a review" : "";
  if (blueGreen)
    return { action: "promote", reason: `Cut over to ${version} (switch all traffic from its preview): ${evidence}${review}.` };
  const next = policy.steps.find((weight) => weight > canary.weight);
  if (next !== void 0) return { action: "step", weight: next, reason: `Step ${subject} up to ${formatNumber(next)}%: ${evidence}.` };
  return { action: "promote", reason: `Promote ${subject} to stable: ${evidence}${review}.` };
}
function checkCanaryPolicy(policy) {
  const problem = stepsProblem(policy.strategy ?? "canary", policy.steps);
  if (problem !== void 0) throw new UserError(problem.problem, { hint: problem.hint });
  if (!Number.isFinite(policy.bakeMinutes) || policy.bakeMinutes < 0) {
    throw new UserError(`canary bake time ${String(policy.bakeMinutes)} minutes is not a duration`, {
      hint: "set the bake time to 0 or more minutes"
    });
  }
}
function stepsProblem(strategy, steps) {
  for (const [index, weight] of steps.entries()) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 99) {
      return {
        problem: `canary step ${formatNumber(weight)} is not a traffic weight between 0 and 99 percent`,
        hint: "list weights such as [10, 50]; promotion after the last step sends 100%",
        index
      };
    }
    if (index > 0 && weight <= steps[index - 1])
      return {
        problem: `canary steps ${JSON.stringify(steps)} are not ascending`,
        hint: "list the weights from smallest to largest, e.g. [10, 50]",
        index
      };
  }
  if (strategy === "blue-green") {
    const index = steps.findIndex((weight) => weight !== 0);
    if (index >= 0)
      return {
        problem: `blue-green has no traffic ladder, but its steps ${JSON.stringify(steps)} would send ${formatNumber(steps[index])}% of live traffic to the new version`,
        hint: "leave steps out for blue-green (or write [] or [0]: the preview, with no live traffic, then the cut-over), or use strategy: canary to step traffic up",
        index
      };
  }
  if (strategy === "canary" && steps.length === 0)
    return {
      problem: "a canary needs at least one step, the weight it starts at, but its steps are []",
      hint: "list weights such as [10, 50] ([0, 10, 50] starts without live traffic), or use strategy: blue-green for a preview and a cut-over"
    };
  return void 0;
}
function describeCheck(check) {
  return `${check.name}: ${check.detail}`;
}
function formatMinutes(minutes, round = Math.ceil) {
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

// src/stages/ab-settings.ts
var DEFAULT_WEIGHT = 50;
var DEFAULT_MIN_SAMPLES = 1e3;
var DEFAULT_ALPHA = 0.05;
var PLACEHOLDERS = ["model", "version", "role", "window"];
var EXAMPLE_METRIC = `{name: conversion, kind: proportion, successes: 'sum(increase(converted_total{version="{{version}}"}[{{window}}]))', trials: 'sum(increase(requests_total{version="{{version}}"}[{{window}}]))', higher_is_better: true}`;
function resolveAbSettings(name, config, settings, loaded) {
  const at = (pointer) => ({ file: loaded.file, pointer: `/promote/environments/${name}${pointer}` });
  const key = `promote.environments.${name}`;
  if (settings.strategy !== "ab") {
    if (config.ab !== void 0)
      throw new UserError(`${key}.ab is set, but the environment's strategy is ${settings.strategy}, which does not run an A/B test`, {
        ...at("/ab"),
        hint: `set ${key}.strategy to ab to run the A/B test, or remove ${key}.ab`
      });
    return { targets: settings.targets };
  }
  const ab = config.ab;
  if (ab === void 0)
    throw new UserError(`${key}.strategy is ab, but the environment has no ab settings`, {
      ...at("/strategy"),
      hint: `add ${key}.ab with the metrics that decide the winner, e.g. ab: {match: {header: x-variant, value: b}, metrics: [${EXAMPLE_METRIC}]}`
    });
  if (ab.match !== void 0 && ab.match.header === void 0 === (ab.match.cookie === void 0))
    throw new UserError(`${key}.ab.match needs exactly one of header and cookie`, {
      ...at("/ab/match"),
      hint: "write {header: x-variant, value: b} to match a header exactly, or {cookie: variant, value: b} to match a cookie"
    });
  for (const [index, target] of settings.targets.entries()) {
    if (!AB_TARGET_KINDS.includes(target.kind))
      throw new UserError(
        `${key}.strategy is ab, but target ${index} (${target.kind}, ${target.file}) cannot run an A/B test: ${target.kind} has no header or cookie match and no weighted second model`,
        {
          ...at("/strategy"),
          hint: `serve the model with a flagger target (Deployment + Canary, routed by ab.match) or a seldon-v2 target (Model + Experiment, split by ab.weight), or set ${key}.strategy to canary`
        }
      );
    if (target.kind === "flagger" && ab.match === void 0)
      throw new UserError(
        `${key}.ab has no match, which the flagger target ${target.file} needs: Flagger's A/B mode routes by header or cookie`,
        {
          ...at("/ab"),
          hint: `add ${key}.ab.match, e.g. {header: x-variant, value: b} or {cookie: variant, value: b}`
        }
      );
  }
  if (config.health === void 0)
    throw new UserError(`${key}.strategy is ab, but the environment has no health settings to read the metrics from`, {
      ...at("/strategy"),
      hint: `add ${key}.health with prometheus (where the A/B metrics are read) and checks (guardrails that roll back, e.g. an error-rate maximum)`
    });
  const names = /* @__PURE__ */ new Set();
  const metrics = ab.metrics.map((metric, index) => {
    const where = at(`/ab/metrics/${index}`);
    if (names.has(metric.name))
      throw new UserError(`${key}.ab.metrics: two metrics are named ${JSON.stringify(metric.name)}`, {
        ...where,
        hint: "give every metric its own name"
      });
    names.add(metric.name);
    const needed = AB_FIELDS[metric.kind];
    const missing = needed.filter((field) => metric[field] === void 0);
    if (missing.length > 0)
      throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}) is a ${metric.kind} metric without ${missing.join(" and ")}`, {
        ...where,
        hint: `a ${metric.kind} metric needs PromQL for ${needed.join(", ")} per variant (placeholders {{model}}, {{version}}, {{role}}, {{window}}), e.g. ${EXAMPLE_METRIC}`
      });
    const other = Object.keys(AB_FIELDS).filter((kind) => kind !== metric.kind).flatMap((kind) => AB_FIELDS[kind]).filter((field) => metric[field] !== void 0);
    if (other.length > 0)
      throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}) is a ${metric.kind} metric but sets ${other.join(", ")}`, {
        ...where,
        hint: `remove ${other.join(", ")}, or set kind to ${metric.kind === "proportion" ? "mean" : "proportion"}`
      });
    const queries = {};
    for (const field of needed) {
      const query = metric[field];
      const unknown = [...query.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((found) => found[1]).find((name2) => !PLACEHOLDERS.includes(name2));
      if (unknown !== void 0)
        throw new UserError(`${key}.ab.metrics[${index}] (${metric.name}): unknown placeholder {{${unknown}}} in ${field}`, {
          ...at(`/ab/metrics/${index}/${field}`),
          hint: `use only ${PLACEHOLDERS.map((name2) => `{{${name2}}}`).join(", ")}`
        });
      queries[field] = query;
    }
    return { name: metric.name, kind: metric.kind, queries, higherIsBetter: metric.higher_is_better };
  });
  const match = ab.match === void 0 ? void 0 : ab.match.header !== void 0 ? { header: ab.match.header, value: ab.match.value } : { cookie: ab.match.cookie, value: ab.match.value };
  const routing = {
    ...match === void 0 ? {} : { match },
    ...ab.iterations === void 0 ? {} : { iterations: ab.iterations }
  };
  return {
    ab: {
      ...match === void 0 ? {} : { match },
      weight: ab.weight ?? DEFAULT_WEIGHT,
      minSamples: ab.min_samples ?? DEFAULT_MIN_SAMPLES,
      alpha: ab.alpha ?? DEFAULT_ALPHA,
      metrics
    },
    targets: settings.targets.map((target) => ({ ...target, ab: routing }))
  };
}

// src/stages/promote-settings.ts
var DEFAULT_STEPS = [10, 50];
var DEFAULT_BAKE = "30m";
var DEFAULT_LABELS = ["model-promotion"];
var DEFAULT_VERIFY_CHECK = "verify-promotion";
var DEFAULT_CHECKS_APP = "github-actions";
var DEFAULT_AUTO_MERGE = {
  start: void 0,
  step: void 0,
  promote: void 0,
  rollback: "squash",
  direct: void 0
};
function parseDuration(text, where) {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (match === null)
    throw new UserError(`${where.option} "${text}" is not a duration`, {
      file: where.file,
      hint: "write a number and a unit: 45s, 30m, 2h or 1d"
    });
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2]];
  return Number(match[1]) * unit;
}
function checkRefName(ref, setting, where = {}) {
  const problem = refNameProblem(ref);
  if (problem !== void 0)
    throw new UserError(`${setting}: "${ref}" is not a valid git branch or ref name: ${problem}`, {
      ...where,
      hint: "give a branch name such as main (or a ref such as refs/pull/12/head): no spaces, no leading -, no .., ~, ^, :, ?, *, [ or \\"
    });
}
function checkLocalRemote(remote, shown, setting, where) {
  const hint = `give ${setting} a git URL, or the path of a git repository (a bare one, or a clone with .git)`;
  let isFolder;
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
function resolveGitOps(explicit, loaded) {
  const config = loaded.config?.promote;
  const repository = pick(explicit.repository, config?.repository);
  if (repository !== void 0 && parseRepository(repository) === void 0) {
    throw new UserError(`GitOps repository "${repository}" is not OWNER/REPO`, {
      ...explicit.repository === void 0 && loaded.file !== void 0 ? { file: loaded.file, pointer: "/promote/repository" } : {},
      hint: "give it as OWNER/REPO, e.g. my-org/gitops: --gitops-repo my-org/gitops (action input gitops-repo), or promote.repository in modelship.yaml"
    });
  }
  const configuredRemote = config?.remote === void 0 ? void 0 : isUrl(config.remote) ? config.remote : resolve(loaded.resolvePath(config.remote));
  const server = (explicit.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const explicitRemote = explicit.remote === void 0 || isUrl(explicit.remote) ? explicit.remote : resolve(explicit.remote);
  const remote = pick(explicitRemote, configuredRemote) ?? (repository === void 0 ? void 0 : `${server}/${repository}.git`);
  if (remote === void 0) {
    throw new UserError("no GitOps repository given", {
      file: loaded.file,
      hint: "set promote.repository (OWNER/REPO) in modelship.yaml, or pass --gitops-repo (the gitops-repo input) or --remote for any git URL or path"
    });
  }
  if (explicitRemote !== void 0 && !isUrl(explicitRemote))
    checkLocalRemote(explicitRemote, explicit.remote, "--remote (the remote input)", {});
  else if (explicitRemote === void 0 && configuredRemote !== void 0 && !isUrl(configuredRemote))
    checkLocalRemote(configuredRemote, config.remote, "promote.remote", { file: loaded.file, pointer: "/promote/remote" });
  const base = pick(explicit.base, config?.base) ?? "main";
  if (explicit.base !== void 0) checkRefName(base, "--base (the base input)");
  else checkRefName(base, "promote.base", { file: loaded.file, pointer: "/promote/base" });
  return { ...repository === void 0 ? {} : { repository }, remote, base };
}
function environmentNames(loaded) {
  return Object.keys(loaded.config?.promote?.environments ?? {});
}
function resolveEnvironment(name, loaded) {
  const environments = loaded.config?.promote?.environments ?? {};
  const config = Object.hasOwn(environments, name) ? environments[name] : void 0;
  if (config === void 0) {
    const known = Object.keys(environments);
    throw new UserError(`environment "${name}" is not configured`, {
      file: loaded.file,
      pointer: "/promote/environments",
      hint: known.length > 0 ? `use one of: ${known.join(", ")}` : "add promote.environments.<name> with its targets to modelship.yaml"
    });
  }
  const where = { file: loaded.file, option: `promote.environments.${name}.bake` };
  const strategy = config.strategy ?? "canary";
  const steps = config.steps ?? (strategy === "blue-green" ? [] : DEFAULT_STEPS);
  const stepsWrong = stepsProblem(strategy, steps);
  if (stepsWrong !== void 0)
    throw new UserError(`promote.environments.${name}.steps: ${stepsWrong.problem}`, {
      file: loaded.file,
      pointer: `/promote/environments/${name}/steps${stepsWrong.index === void 0 ? "" : `/${stepsWrong.index}`}`,
      hint: stepsWrong.hint
    });
  const bake = config.bake ?? DEFAULT_BAKE;
  const pr = config.pull_request ?? {};
  const autoMerge = { ...DEFAULT_AUTO_MERGE };
  if (config.promotion === "auto") autoMerge.promote = "squash";
  for (const [kind, method] of Object.entries(pr.auto_merge ?? {}))
    autoMerge[kind] = method === false ? void 0 : method;
  const settings = {
    name,
    strategy,
    steps,
    bake,
    bakeMs: parseDuration(bake, where),
    promotion: config.promotion ?? "review",
    targets: config.targets.map((target, index) => {
      checkTargetFile(target.file, { file: loaded.file, pointer: `/promote/environments/${name}/targets/${index}/file` });
      if (config.pull_secret === void 0) return targetSpec(target);
      checkPullSecretTarget(name, index, target, loaded.file);
      return { ...targetSpec(target), pullSecret: config.pull_secret };
    }),
    pullRequest: {
      labels: pr.labels ?? DEFAULT_LABELS,
      reviewers: pr.reviewers ?? [],
      teamReviewers: pr.team_reviewers ?? [],
      draft: pr.draft ?? false,
      autoMerge
    },
    rollback: rollbackSettings(config, autoMerge.rollback)
  };
  const memoryFloor = memoryFloorSettings(name, config, loaded.file);
  if (memoryFloor !== void 0) settings.memoryFloor = memoryFloor;
  if (strategy === "blue-green")
    checkBlueGreenTargets(name, settings.targets, { ...loaded.file === void 0 ? {} : { file: loaded.file } });
  if (config.health !== void 0) {
    const window = config.health.window ?? "10m";
    const metrics = config.health.metrics;
    settings.health = {
      ...config.health.prometheus === void 0 ? {} : { prometheus: config.health.prometheus },
      ...metrics === void 0 ? {} : { metrics: isUrl(metrics) ? metrics : loaded.resolvePath(metrics) },
      window,
      checks: config.health.checks.map(healthCheck)
    };
  }
  const { ab, targets } = resolveAbSettings(name, config, settings, loaded);
  settings.targets = targets;
  if (ab !== void 0) settings.ab = ab;
  return settings;
}
function rollbackSettings(config, autoMergeMethod) {
  const verifyCheck = config.verify_check ?? DEFAULT_VERIFY_CHECK;
  return {
    mode: config.rollback ?? "pr",
    requiredChecks: [.../* @__PURE__ */ new Set([verifyCheck, ...config.rollback_checks ?? []])],
    verifyCheck,
    checksApp: config.rollback_checks_app ?? DEFAULT_CHECKS_APP,
    method: autoMergeMethod ?? "squash"
  };
}
var DEFAULT_MEMORY_MARGIN = 1.5;
function memoryFloorSettings(environment, config, file) {
  const setting = config.resources?.memory_floor;
  if (setting === void 0 || setting === false) return void 0;
  const margin = setting === true ? DEFAULT_MEMORY_MARGIN : setting.margin ?? DEFAULT_MEMORY_MARGIN;
  config.targets.forEach((target, index) => {
    const problem = memoryFloorKindProblem(target.kind);
    if (problem !== void 0)
      throw new UserError(
        `promote.environments.${environment}.resources.memory_floor is set, but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot take it: ${problem}`,
        {
          file,
          pointer: `/promote/environments/${environment}/resources/memory_floor`,
          hint: "set the memory request in that file by hand and remove resources.memory_floor, or serve the model with a kserve-standard, kserve-knative, argo-rollouts, flagger or seldon-v2 target"
        }
      );
  });
  return { margin };
}
function checkPullSecretTarget(environment, index, target, file) {
  const problem = pullSecretKindProblem(target.kind);
  if (problem !== void 0)
    throw new UserError(
      `promote.environments.${environment}.pull_secret is set, but target ${index + 1} (kind ${target.kind}, file ${target.file}) cannot take it: ${problem}`,
      { file, pointer: `/promote/environments/${environment}/pull_secret`, hint: PULL_SECRET_KIND_FIX }
    );
}
function checkTargetFile(file, where) {
  const normal = posix.normalize(file.replaceAll("\\", "/"));
  if (posix.isAbsolute(normal) || /^[A-Za-z]:/.test(file) || normal === ".." || normal.startsWith("../") || normal === "." || /[\n\0]/.test(file))
    throw new UserError(`the target file "${file}" is not a path inside the GitOps repository`, {
      ...where,
      hint: "write the manifest's path relative to the GitOps repository's root, e.g. apps/model/values.yaml (no leading /, no ..)"
    });
}
function targetSpec(target) {
  return {
    kind: target.kind,
    file: target.file,
    ...target.name === void 0 ? {} : { name: target.name },
    ...target.container === void 0 ? {} : { container: target.container },
    ...target.env === void 0 ? {} : { env: target.env },
    ...target.uri_path === void 0 ? {} : { uriPath: target.uri_path },
    ...target.weight_path === void 0 ? {} : { weightPath: target.weight_path },
    ...target.state_path === void 0 ? {} : { statePath: target.state_path }
  };
}
function healthCheck(check) {
  return {
    name: check.name,
    ...check.query === void 0 ? {} : { query: check.query },
    ...check.metric === void 0 ? {} : { metric: check.metric },
    ...check.max === void 0 ? {} : { max: check.max },
    ...check.min === void 0 ? {} : { min: check.min },
    ...check.max_increase === void 0 ? {} : { maxIncrease: check.max_increase },
    ...check.on_missing === void 0 ? {} : { onMissing: check.on_missing }
  };
}
function isUrl(text) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^/]+@[^/]+:/.test(text);
}

export {
  decideCanary,
  checkRefName,
  resolveGitOps,
  environmentNames,
  resolveEnvironment,
  targetSpec
};
