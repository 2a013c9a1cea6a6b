import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  removeTarget
} from "./chunk-M7G5CJWX.js";
import {
  checkRunReleaseProvenance
} from "./chunk-OB66M5SJ.js";
import {
  checkModelcar,
  checkRelease,
  releaseView,
  releaseViewOf,
  resolveCanaryModel
} from "./chunk-WMANSC4W.js";
import {
  openOciClient,
  resolveOciSettings
} from "./chunk-YNXDJ5Z6.js";
import {
  ANNOTATION,
  formatOciReference,
  modelcarRepository,
  modelcarTag,
  parseOciReference
} from "./chunk-GBAVK5Q7.js";
import {
  PromotionConflictError,
  checkManifestAliases,
  closeObsoletePullRequest,
  closeSuperseded,
  commentAndClose,
  formatProblem,
  listOpenPullRequests,
  manifestReader,
  promote,
  readEnvironmentState,
  upsertPullRequest,
  validateManifestText
} from "./chunk-IBGUEDEO.js";
import {
  decideCanary,
  environmentNames,
  resolveEnvironment,
  resolveGitOps
} from "./chunk-XYL5FBBP.js";
import {
  AB_FIELDS,
  basicAuthValue,
  checkHealthChecks,
  formatP,
  judgeAbTest,
  ownState,
  promotionBranch,
  publishBranch,
  readHealth,
  readPromotionMark,
  withClone
} from "./chunk-VVREGJ63.js";
import {
  parseModelUri
} from "./chunk-V7YB4A7J.js";
import {
  openStore
} from "./chunk-OXQJNLJL.js";
import {
  resolveRegistry
} from "./chunk-764VFCH4.js";
import {
  checkModelName,
  parseModelRef
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig,
  networkPolicy
} from "./chunk-RCYMTRN5.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  upsertStickyComment
} from "./chunk-JUOJYRD4.js";
import {
  checkHttpUrl
} from "./chunk-4S56GKNV.js";
import {
  createGitHubClient,
  httpStatus
} from "./chunk-LTT6RTNS.js";
import {
  code,
  details,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError,
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";

// src/gitops/rollout-settings.ts
function startAction(environment, weight) {
  switch (environment.strategy) {
    case "direct":
      return { kind: "direct" };
    case "blue-green":
      if (weight !== void 0 && weight !== 0)
        throw new UserError(
          `--weight (the weight input): ${weight} sends live traffic, but ${environment.name} is blue-green, whose preview takes none`,
          {
            hint: "leave --weight out (blue-green starts with a preview at 0%), or pass --strategy canary to start a canary at that weight"
          }
        );
      return { kind: "start", weight: 0 };
    case "canary": {
      const first = weight ?? environment.steps[0];
      if (first === void 0)
        throw new UserError(`${environment.name} has no canary steps, so a canary there has no weight to start at`, {
          hint: "pass --weight N (the weight input), or list steps for the environment in modelship.yaml"
        });
      return { kind: "start", weight: first };
    }
    case "ab":
      return { kind: "start", weight: weight ?? environment.ab?.weight ?? 50 };
  }
}

// src/stages/oci-release.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function checkImage(options) {
  const scratch = await mkdtemp(join(tmpdir(), "modelship-modelcar-"));
  try {
    return await checkModelcar({
      client: openOciClient(options.run, options.image, options.loaded),
      digest: options.digest,
      store: options.store,
      dir: scratch,
      model: options.model,
      doing: options.doing,
      logger: options.run.logger
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function releasedModelcar(options) {
  const { checked, run } = options;
  const { name, version } = checked.model;
  const image = modelcarRepository(options.oci.prefix, name);
  const client = openOciClient(run, image, options.loaded);
  const tag = modelcarTag(version);
  let digest;
  try {
    digest = (await client.pullManifest(tag)).digest;
  } catch (error) {
    if (isUserError(error) && /HTTP 404/.test(error.message))
      throw new UserError(`${name}@${version} has no modelcar image: ${client.referenceOf(tag)} was not found`, {
        hint: `push it: run modelship release for ${name} ${version} again with release.oci set (a re-run pushes the image of a release it finds already there)`,
        cause: error
      });
    throw error;
  }
  const car = await checkImage({
    run,
    loaded: options.loaded,
    image,
    digest,
    store: options.store,
    model: name,
    doing: "promote or deploy"
  });
  if (car.model.version !== version || car.stored.manifestSha256 !== checked.stored.manifestSha256)
    throw new UserError(
      `${client.referenceOf(digest)} (tag ${tag}) is ${car.model.name}@${car.model.version}, not the release ${name}@${version}`,
      {
        hint: "the image under the version's tag is not this release's: check who can push to the OCI repository, then release a new version"
      }
    );
  const layout = car.pulled.annotations[ANNOTATION.layout] === "onnx-file" ? "onnx-file" : "triton-model-repository";
  run.logger.info(`${name}@${version}: modelcar ${client.referenceOf(digest)} verified (${layout}).`);
  return { uri: formatOciReference({ ...image, digest }), layout };
}
function canaryImageChecker(options) {
  return async (uri) => {
    const { oci, model } = options;
    const hint = `only images modelship promote wrote (oci://${oci === void 0 ? "REGISTRY/PATH" : `${oci.prefix.registry}/${oci.prefix.repository}`}/${model}@sha256:\u2026) get more traffic; roll the canary back with --action rollback`;
    if (oci === void 0)
      throw new UserError(`the canary runs the image ${uri}, and modelship.yaml names no release.oci to check it against`, { hint });
    const reference = parseOciReference(uri, "the canary's model URI");
    const image = modelcarRepository(oci.prefix, model);
    if (reference.registry !== image.registry || reference.repository !== image.repository || reference.digest === void 0)
      throw new UserError(`the canary's image ${uri} is not a digest-pinned image of ${formatOciReference(image)}`, { hint });
    return await checkImage({ ...options, image, digest: reference.digest, store: options.store(), doing: "give more traffic to" });
  };
}

// src/gitops/ab-markdown.ts
var VERDICTS = {
  better: `${statusIcon("pass")} candidate better`,
  worse: `${statusIcon("fail")} candidate worse`,
  "no difference": `${statusIcon("info")} no significant difference`,
  "too few samples": `${statusIcon("insufficient_data")} too few samples`,
  "no data": `${statusIcon("insufficient_data")} no data`
};
var AB_REVIEW_NOTE = "This pull request is never merged automatically, whatever `promotion` and `auto_merge` say: an A/B test's winner is promoted only through a reviewed pull request.";
function renderAbComparison(comparison) {
  const level = `${formatNumber((1 - comparison.perMetricAlpha) * 100, 2)}% CI`;
  const candidate = escapeMarkdown(`candidate ${comparison.candidateVersion || "(unknown version)"}`);
  const stable = escapeMarkdown(`stable ${comparison.stableVersion || "(unknown version)"}`);
  const rows = comparison.metrics.map((metric) => [
    `${escapeMarkdown(metric.name)} (${metric.kind === "proportion" ? "rate" : "mean"}, ${metric.higherIsBetter ? "higher" : "lower"} is better)`,
    formatNumber(metric.candidate?.value ?? null),
    formatNumber(metric.candidate?.n ?? null, 0),
    formatNumber(metric.stable?.value ?? null),
    formatNumber(metric.stable?.n ?? null, 0),
    formatSigned(metric.test?.difference ?? null),
    formatInterval(metric.test?.interval),
    metric.test === void 0 ? "\u2014" : formatP(metric.test.pValue),
    VERDICTS[metric.verdict]
  ]);
  const rendered = table(["Metric", candidate, "n", stable, "n", "Difference", level, "p-value", "Verdict"], rows, {
    align: ["left", "right", "right", "right", "right", "right", "right", "right", "left"]
  });
  const m = comparison.metrics.length;
  const notes = [
    `Differences are candidate \u2212 stable. Proportions: two-proportion z-test (pooled standard error) with Newcombe's hybrid score interval; means: Welch's t-test with the Welch\u2013Satterthwaite degrees of freedom. ${m > 1 ? `Bonferroni over ${m} metrics: each is tested at \u03B1 = ${formatNumber(comparison.alpha)}/${m} = ${formatNumber(comparison.perMetricAlpha)} and its interval is the ${level}.` : `The test is at \u03B1 = ${formatNumber(comparison.alpha)}.`} No verdict before each variant has ${formatNumber(comparison.minSamples)} samples per metric. The candidate wins when at least one metric is significantly better and none significantly worse; the stable model wins when one is significantly worse and none better.`,
    `**${AB_REVIEW_NOTE}**`
  ];
  const queries = comparison.metrics.flatMap(
    (metric) => metric.queries.map((query, index) => `- ${escapeMarkdown(metric.name)} (${AB_FIELDS[metric.kind][index] ?? "query"}): ${code(query)}`)
  );
  return [rendered, ...notes, ...queries.length === 0 ? [] : [details("Candidate queries", queries.join("\n"))]].join("\n\n");
}

// src/gitops/health-markdown.ts
var STATUS = {
  pass: `${statusIcon("pass")} pass`,
  fail: `${statusIcon("fail")} fail`,
  "no-data": `${statusIcon("insufficient_data")} no data`
};
function renderHealthTable(checks) {
  if (checks.length === 0) return "_No health checks are configured._";
  const rows = checks.map((check) => [
    escapeMarkdown(check.name),
    formatNumber(check.canary),
    formatNumber(check.stable),
    escapeMarkdown(check.threshold),
    STATUS[check.status],
    escapeMarkdown(check.detail)
  ]);
  const rendered = table(["Check", "Canary", "Stable", "Threshold", "Status", "Detail"], rows, {
    align: ["left", "right", "right", "left", "left", "left"]
  });
  const queries = checks.filter((check) => check.query !== void 0).map((check) => `- ${escapeMarkdown(check.name)}: ${code(check.query)}`);
  return queries.length === 0 ? rendered : `${rendered}

${details("Queries", queries.join("\n"))}`;
}

// src/gitops/self-heal.ts
var COMMENT_KEY = { workflow: "modelship-self-heal", subject: "rollback" };
async function onGitOps(repository, doing, permission, call) {
  try {
    return await call();
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 401 && status !== 403 && status !== 404) throw error;
    throw new UserError(`GitHub refused ${doing} in ${repository}: ${status} (${getErrorMessage(error)})`, {
      hint: `the GitOps token needs "${permission}" on ${repository}: in the canary workflow give actions/create-github-app-token permission-${permission} (the App itself must have that permission), see docs/self-healing.md`,
      cause: error
    });
  }
}
async function judgeChecks(github, where, sha, settings) {
  const { owner, repo, repository } = where;
  const runs = await onGitOps(
    repository,
    "reading the check runs",
    "checks: read",
    () => github.paginate(github.rest.checks.listForRef, { owner, repo, ref: sha, filter: "latest", per_page: 100 })
  );
  const statuses = [];
  let total = 0;
  for (let page = 1; page <= 10; page++) {
    const { data } = await onGitOps(
      repository,
      "reading the commit statuses",
      "statuses: read",
      () => github.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100, page })
    );
    statuses.push(...data.statuses);
    total = data.total_count;
    if (data.statuses.length < 100 || statuses.length >= data.total_count) break;
  }
  const unread = statuses.length < total;
  return settings.requiredChecks.map((name) => {
    const sources = [];
    const newest = /* @__PURE__ */ new Map();
    for (const run of runs) {
      if (run.head_sha !== sha || run.name !== name) continue;
      const key = `${run.app?.slug ?? ""}
${run.check_suite?.id ?? ""}`;
      const known = newest.get(key);
      if (known === void 0 || run.id > known.id) newest.set(key, run);
    }
    for (const run of newest.values()) {
      const app = run.app?.slug ?? "(no app)";
      const conclusion = run.status === "completed" ? run.conclusion ?? "none" : run.status;
      sources.push({ kind: "check-run", app, conclusion, ...app === settings.checksApp ? {} : { ignored: true } });
    }
    for (const status of statuses) if (status.context === name) sources.push({ kind: "status", conclusion: status.state });
    const counted = sources.filter((source) => source.ignored !== true);
    const passes = (source) => source.conclusion === "success";
    const waits = (source) => source.kind === "status" ? source.conclusion === "pending" : ["queued", "in_progress", "waiting", "requested", "pending"].includes(source.conclusion);
    const present = name === settings.verifyCheck ? counted.some((source) => source.kind === "check-run") : counted.length > 0;
    const state = counted.some((source) => !passes(source) && !waits(source)) ? "failure" : counted.some(waits) || unread ? "pending" : present ? "success" : "missing";
    return { name, state, sources };
  });
}
async function selfHeal(request) {
  const { github, repository, logger } = request;
  const where = parseRepository(repository);
  if (where === void 0) throw new Error(`selfHeal: "${repository}" is not OWNER/REPO`);
  const { owner, repo } = where;
  const { data } = await onGitOps(
    repository,
    "reading the rollback pull request",
    "pull-requests: read",
    () => github.rest.pulls.get({ owner, repo, pull_number: request.prNumber })
  );
  const pull = data;
  const result = await decide(request, pull, { owner, repo });
  logger.info(`${request.environment}: self-healing ${repository}#${request.prNumber}: ${result.outcome} \u2014 ${result.reason}`);
  if (result.outcome !== "refused" || pull.state === "open") {
    const comment = await onGitOps(
      repository,
      "commenting on the rollback pull request",
      "pull-requests: write",
      () => upsertStickyComment({
        client: github,
        owner,
        repo,
        issueNumber: request.prNumber,
        key: COMMENT_KEY,
        body: renderRecord(request, result),
        ...pull.user === null ? {} : { author: pull.user.login },
        logger
      })
    );
    result.commentUrl = comment.url;
  }
  return result;
}
async function decide(request, pull, where) {
  const { github, repository, settings } = request;
  const sha = pull.head.sha;
  const refused = (reason) => ({ outcome: "refused", reason, sha, checks: [] });
  if (pull.merged) return { outcome: "already-merged", reason: `already merged (${pull.merge_commit_sha ?? "?"})`, sha, checks: [] };
  if (pull.state !== "open") return refused("the pull request is closed");
  if (pull.head.repo === null || pull.head.repo.full_name.toLowerCase() !== repository.toLowerCase() || pull.head.ref !== request.branch)
    return refused(
      `the head is ${pull.head.repo?.full_name ?? "a deleted repository"}:${pull.head.ref}, not modelship's rollback branch ${request.branch}`
    );
  if (pull.base.ref !== request.base) return refused(`the base is ${pull.base.ref}, not the environment's base ${request.base}`);
  if (sha !== request.expectedHead)
    return refused(
      `the head ${sha} is not the commit modelship pushed (${request.expectedHead}): someone pushed to ${request.branch}; the next canary run replaces it`
    );
  if (pull.auto_merge !== null)
    return {
      outcome: "auto-merge",
      reason: `auto-merge (${pull.auto_merge.merge_method}) is enabled: GitHub merges it once the base's required checks pass`,
      sha,
      checks: []
    };
  const checks = await judgeChecks(github, { ...where, repository }, sha, settings);
  const failed = checks.filter((check) => check.state === "failure");
  if (failed.length > 0)
    return { outcome: "failed", reason: `not merged: ${failed.map((check) => check.name).join(", ")} did not pass`, sha, checks };
  const waiting = checks.filter((check) => check.state !== "success");
  if (waiting.length > 0)
    return { outcome: "waiting", reason: `waiting for: ${waiting.map((check) => check.name).join(", ")}`, sha, checks };
  const method = settings.method;
  try {
    const { data } = await onGitOps(
      repository,
      "merging the rollback pull request",
      "contents: write",
      () => github.rest.pulls.merge({ ...where, pull_number: request.prNumber, sha, merge_method: method })
    );
    return {
      outcome: "merged",
      reason: `merged: ${settings.requiredChecks.join(", ")} passed on ${sha}`,
      sha,
      checks,
      merge: { sha: data.sha, method }
    };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 409) return { ...refused(`the head moved after ${sha} was checked; the next run checks again`), checks };
    if (status === 405 || status === 422) return { ...refused(`GitHub would not merge it: ${getErrorMessage(error)}`), checks };
    throw error;
  }
}
var OUTCOME_TITLES = {
  "auto-merge": "left to auto-merge",
  merged: "merged",
  "already-merged": "already merged",
  waiting: "waiting",
  failed: "not merged: a check failed",
  refused: "not merged"
};
function renderRecord(request, result) {
  const lines = [
    `### modelship self-healing (${escapeMarkdown(request.environment)}): ${OUTCOME_TITLES[result.outcome]}`,
    "",
    escapeMarkdown(result.reason),
    ""
  ];
  if (result.sha !== void 0) lines.push(`Head commit checked: ${code(result.sha)}`, "");
  if (result.checks.length > 0) {
    const rows = result.checks.flatMap(
      (check) => check.sources.length === 0 ? [[code(check.name), check.state, "not reported yet"]] : check.sources.map((source) => [
        code(check.name),
        `${source.conclusion}${source.ignored ? " (ignored)" : ""}`,
        source.kind === "check-run" ? `check run (${escapeMarkdown(source.app ?? "")})` : "commit status"
      ])
    );
    lines.push(table(["check", "conclusion", "source"], rows), "");
    lines.push(
      `Required: ${request.settings.requiredChecks.map(code).join(", ")}; check runs count from ${code(request.settings.checksApp)} only.`,
      ""
    );
  }
  if (result.merge !== void 0) lines.push(`Merged as ${code(result.merge.sha)} (${result.merge.method}), pinned to the head checked.`);
  return lines.join("\n").trimEnd();
}

// src/gitops/canary-job.ts
function dryRunNote(decision, environment, model) {
  const would = decision.action === "step" ? `step the canary up to ${decision.weight}%` : decision.action === "promote" ? "promote the canary to stable" : decision.action === "rollback" ? "roll the canary back" : void 0;
  if (would === void 0) return void 0;
  return `dry run: nothing was pushed and no pull request opened (it would have pushed branch ${promotionBranch(environment, model)} and opened a pull request to ${would} in ${environment})`;
}
async function runCanary(workspace, request) {
  const { environment, gitops, logger } = request;
  const read = manifestReader(workspace, `origin/${gitops.base}`);
  const raw = await readEnvironmentState(read, environment, logger);
  const owner = { model: ownerOf(raw, request), ...request.tagFormat === void 0 ? {} : { tagFormat: request.tagFormat } };
  const state = ownState(raw, owner.model, owner.tagFormat);
  let lastChange;
  for (const target of environment.targets) {
    const change = await workspace.lastChange(target.file);
    if (change !== void 0 && (lastChange === void 0 || change.time > lastChange)) lastChange = change.time;
  }
  const canary = state.canary;
  if (canary === void 0) {
    const decision2 = {
      action: "none",
      reason: `no canary runs in ${environment.name}${state.stable ? ` (${state.stable.version || state.stable.uri} serves all traffic)` : ""}`
    };
    return { environment: environment.name, state, decision: decision2, checks: [], ...lastChange === void 0 ? {} : { lastChange } };
  }
  const model = owner.model;
  const health = environment.health;
  if (health === void 0)
    throw new UserError(`environment ${environment.name} has no health checks`, {
      hint: `add promote.environments.${environment.name}.health (prometheus or metrics, and checks) to modelship.yaml`
    });
  const checks = await readHealth(request.source, health.checks, {
    model,
    canaryVersion: canary.version,
    ...state.stable?.version ? { stableVersion: state.stable.version } : {},
    ...state.stable === void 0 ? {} : { stableUri: state.stable.uri },
    window: health.window
  });
  const ab = environment.strategy === "ab" ? await judgeAbTest(request.source, environment, { state, checks, model, now: request.now, lastChange }) : void 0;
  const decision = ab?.decision ?? decideCanary({
    state,
    policy: {
      strategy: environment.strategy,
      steps: environment.steps,
      bakeMinutes: environment.bakeMs / 6e4,
      promote: environment.promotion
    },
    checks,
    now: request.now,
    lastChange
  });
  logger.debug(`${environment.name}: ${decision.action} \u2014 ${decision.reason}`);
  const result = {
    environment: environment.name,
    state,
    decision,
    checks,
    ...lastChange === void 0 ? {} : { lastChange },
    ...ab?.comparison === void 0 ? {} : { comparison: ab.comparison }
  };
  if (request.dryRun) {
    const note = dryRunNote(decision, environment.name, model);
    if (note !== void 0) logger.debug(`${environment.name}: ${note}.`);
    return note === void 0 ? result : { ...result, dryRun: note };
  }
  if (decision.action === "none" || decision.action === "hold") return result;
  const action = decision.action === "step" ? { kind: "step", weight: decision.weight } : { kind: decision.action };
  const { openRegistry, tagFormat } = request;
  const resolved = await resolveCanaryModel({
    canary,
    action: decision.action,
    model,
    openRegistry,
    tagFormat,
    ...request.checkImage === void 0 ? {} : { checkImage: request.checkImage },
    logger
  });
  let promotion;
  try {
    promotion = await promote(workspace, {
      environment,
      gitops,
      action,
      before: state,
      owner,
      // A rollback never waits for another promotion PR: it closes it (saying so); the rest hold for it.
      supersede: action.kind === "rollback",
      resolve: () => Promise.resolve(resolved),
      previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
      ...request.github === void 0 ? {} : { github: request.github },
      outDir: request.outDir,
      reason: decision.reason,
      health: renderHealthTable(checks),
      // An A/B verdict carries its comparison, and promote() never auto-merges it.
      ...ab?.comparison === void 0 ? {} : { comparison: renderAbComparison(ab.comparison) },
      ...request.runUrl === void 0 ? {} : { runUrl: request.runUrl },
      rollbackCommand: request.rollbackCommand,
      logger
    });
  } catch (error) {
    if (!(error instanceof PromotionConflictError)) throw error;
    const open = error.pulls.map((pull) => `#${pull.number} (${pull.title})`).join(", ");
    result.decision = {
      action: "hold",
      reason: `${decision.reason} Held: another promotion pull request is open for ${environment.name}: ${open}; merge or close it first.`
    };
    logger.warning(`${environment.name}: ${result.decision.reason}`);
    return result;
  }
  result.promotion = promotion;
  if (action.kind === "rollback" && environment.rollback.mode === "merge" && // The stable model winning an A/B test is a verdict for a reviewer, not a failing guardrail.
  ab?.comparison === void 0 && gitops.repository !== void 0 && request.github !== void 0 && promotion.prNumber !== void 0 && promotion.commit !== void 0) {
    result.selfHeal = await selfHeal({
      github: request.github,
      repository: gitops.repository,
      environment: environment.name,
      base: gitops.base,
      branch: promotion.branch,
      prNumber: promotion.prNumber,
      expectedHead: promotion.commit,
      settings: environment.rollback,
      logger
    });
  }
  return result;
}
function ownerOf(state, request) {
  const canary = state.canary;
  return (canary === void 0 ? void 0 : parseModelUri(canary.uri, request.tagFormat)?.model) ?? request.model;
}

// src/gitops/health-dispatch.ts
var HEALTH_EVENT_TYPE = "modelship-health";
var ENVIRONMENT_LABEL = "modelship_environment";
var MAX_PAYLOAD_BYTES = 64 * 1024;
var MAX_ALERTS = 1e3;
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function shown(text) {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return JSON.stringify(clean.length > 64 ? `${clean.slice(0, 64)}\u2026` : clean);
}
function readHealthDispatch(event, configured) {
  if (event.name !== "repository_dispatch") return void 0;
  const notes = [];
  const all = (note) => ({ notes: [...notes, `${note}; checking every environment`] });
  const type = event.payload.action;
  if (type !== HEALTH_EVENT_TYPE)
    return all(`repository_dispatch of type ${typeof type === "string" ? shown(type) : "(none)"} is not ${HEALTH_EVENT_TYPE}`);
  const payload = event.payload.client_payload;
  if (!isObject(payload)) return all("the dispatch has no client_payload object");
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES)
    return all(`the client_payload is larger than ${MAX_PAYLOAD_BYTES} bytes, ignored`);
  const alerts = payload.alerts;
  if (!Array.isArray(alerts)) return all("the client_payload has no alerts list (Alertmanager's webhook body)");
  if (alerts.length > MAX_ALERTS) return all(`the client_payload has more than ${MAX_ALERTS} alerts, ignored`);
  const known = new Set(configured);
  const named = /* @__PURE__ */ new Set();
  let unlabelled = 0;
  for (const alert of alerts) {
    const labels = isObject(alert) && isObject(alert.labels) ? alert.labels : void 0;
    const name = labels?.[ENVIRONMENT_LABEL];
    if (typeof name !== "string") {
      unlabelled++;
      continue;
    }
    if (known.has(name)) named.add(name);
    else notes.push(`alert label ${ENVIRONMENT_LABEL}=${shown(name)} is not an environment in modelship.yaml, ignored`);
  }
  if (unlabelled > 0) return all(`${unlabelled} alert(s) without a ${ENVIRONMENT_LABEL} label`);
  if (named.size === 0) return all("no alert names a configured environment");
  return { environments: configured.filter((name) => named.has(name)), notes };
}

// src/gitops/retire-pr.ts
import { join as join2 } from "node:path";
var RETIRE_ACTION = "retire";
function retireMarker(environment, model, version) {
  return `<!-- modelship:promotion environment=${environment} model=${model} action=${RETIRE_ACTION} version=${version} -->`;
}
async function planRetirement(read, request) {
  const { environment, model } = request;
  const texts = /* @__PURE__ */ new Map();
  const originals = /* @__PURE__ */ new Map();
  const removed = [];
  let before;
  for (const target of environment.targets) {
    let text = texts.has(target.file) ? texts.get(target.file) : void 0;
    if (!texts.has(target.file)) {
      const original = await read(target.file);
      if (original === void 0) continue;
      checkManifestAliases(original, target.file);
      originals.set(target.file, original);
      text = original;
    }
    if (text === null || text === void 0) continue;
    const removal = removeTarget(text, target);
    if (removal === void 0) {
      texts.set(target.file, text);
      continue;
    }
    for (const served of [removal.state.stable, removal.state.canary]) {
      const other = served === void 0 ? void 0 : parseModelUri(served.uri, request.tagFormat)?.model;
      if (other !== void 0 && other !== model)
        throw new UserError(
          `${target.file} serves ${other} (${served.uri}), not ${model}; retiring ${model} does not remove another model`,
          {
            file: target.file,
            hint: `check promote.environments.${environment.name}.targets in modelship.yaml, or retire ${other} from its own repository`
          }
        );
    }
    before ??= ownState(removal.state, model, request.tagFormat);
    texts.set(target.file, removal.text);
    removed.push(...removal.removed.map((what) => `${what} (${target.file})`));
  }
  const changed = /* @__PURE__ */ new Map();
  const problems = [];
  for (const [file, text] of texts) {
    if (text === originals.get(file)) continue;
    changed.set(file, text);
    if (text === null) continue;
    for (const problem of validateManifestText(text, file, { modelFormat: "onnx" }).problems)
      problems.push(`${formatProblem(problem)}. Fix: ${problem.hint}`);
  }
  if (problems.length > 0)
    throw new UserError(`retiring would leave manifests that do not validate; nothing was pushed:
  ${problems.join("\n  ")}`, {
      hint: "fix the manifests in the GitOps repository (or the target settings in modelship.yaml) and run again"
    });
  return { changed, removed, before: before ?? {} };
}
function trafficRefusal(before, request, files) {
  const { environment, model } = request;
  const live = before.stable ?? (before.canary !== void 0 && before.canary.weight > 0 ? before.canary : void 0);
  if (live === void 0) return void 0;
  const what = live === before.stable ? "the stable model" : `a canary at ${before.canary.weight}%`;
  return new UserError(
    `${model} ${live.version || live.uri} still takes traffic in ${environment.name} (${what} in ${files.join(", ")}) and nothing in modelship.yaml replaces it: the retire PR would leave ${environment.name} without a model, so requests to its endpoint would fail`,
    {
      hint: `move ${environment.name}'s traffic to a replacement first and pass --force to confirm; to replace the version instead, promote a newer one: modelship promote ${model}@VERSION --env ${environment.name}`
    }
  );
}
function retireTitle(model, version, environment) {
  return `${model}${version === "" ? "" : ` ${version}`} in ${environment}: retire (remove from the environment)`;
}
function retireCommitMessage(view) {
  const lines = [view.title, "", `Model: ${view.model} ${view.version}`, `Environment: ${view.environment}`, `Action: ${RETIRE_ACTION}`];
  for (const [file, text] of view.plan.changed) lines.push(`${text === null ? "Deleted" : "Changed"}: ${file}`);
  return `${lines.join("\n")}
`;
}
function retireBody(view) {
  const { model, version, request, plan } = view;
  const environment = request.environment.name;
  const rows = [...plan.changed].map(([file, text]) => [
    code(file),
    text === null ? "deleted (nothing else in it)" : "documents removed, the rest unchanged"
  ]);
  return fitCommentBody(
    sections(
      retireMarker(environment, model, version),
      `## ${statusIcon("warn")} ${escapeMarkdown(view.title)}`,
      `This pull request takes ${code(model)} out of ${code(environment)}: once merged, Argo CD or Flux (with pruning on) deletes what these manifests created. Nothing changes in the model registry: to stop a version from being deployed anywhere, retire it there (${code(`modelship registry retire ${model}@${version || "VERSION"}`)}).`,
      `### Removed

${plan.removed.map((what) => `- ${escapeMarkdown(what)}`).join("\n")}`,
      table(["file", "change"], rows),
      view.forced ? `### ${statusIcon("warn")} Forced

${escapeMarkdown(`${model} ${version} still took traffic in ${environment}; --force says that a replacement serves it. Check that before merging.`)}` : void 0,
      view.supersedes.length === 0 ? void 0 : `Supersedes ${view.supersedes.map((pull) => `#${pull.number}`).join(", ")} (closed in favour of this one).`,
      `To bring the model back, revert this pull request, or promote a version again: ${code(`modelship promote ${model}@VERSION --env ${environment} --action direct`)}.`,
      request.runUrl === void 0 ? void 0 : `Opened by ${request.runUrl}`
    )
  );
}
async function otherPromotions(github, request, branch) {
  const prefix = promotionBranch(request.environment.name, "");
  const open = await listOpenPullRequests(github, { repository: request.gitops.repository, base: request.gitops.base });
  return open.filter((pull) => pull.head.startsWith(prefix)).filter((pull) => pull.head !== branch || readPromotionMark(pull.body)?.action !== RETIRE_ACTION).map(({ number, title, url, head }) => ({ number, title, url, head }));
}
async function retireFromEnvironment(workspace, request) {
  const { environment, gitops, model, logger } = request;
  if (gitops.repository !== void 0 && request.github === void 0)
    throw new Error("retireFromEnvironment: a GitHub client is needed for a GitOps repository on GitHub");
  const branch = promotionBranch(environment.name, model);
  const plan = await planRetirement(manifestReader(workspace, `origin/${gitops.base}`), request);
  const version = plan.before.stable?.version || plan.before.canary?.version || "";
  const title = retireTitle(model, version, environment.name);
  const deleted = [...plan.changed].filter(([, text]) => text === null).map(([file]) => file);
  const files = [...plan.changed].filter(([, text]) => text !== null).map(([file]) => file);
  const result = {
    status: "no-change",
    model,
    version,
    branch,
    title,
    body: "",
    before: plan.before,
    files,
    deleted,
    removed: plan.removed,
    forced: false
  };
  if (plan.changed.size === 0) {
    logger.info(`${model} is not in ${environment.name}'s manifests on ${gitops.base} (already retired there); no pull request.`);
    if (gitops.repository !== void 0) {
      const closed2 = await closeObsoletePullRequest(
        request.github,
        {
          repository: gitops.repository,
          head: branch,
          base: gitops.base,
          reason: `${model} is no longer in ${environment.name}'s manifests on ${gitops.base}, so this pull request is no longer needed.`
        },
        logger
      );
      if (closed2 !== void 0) result.closedPr = closed2;
    }
    return result;
  }
  const refusal = trafficRefusal(plan.before, request, [...plan.changed.keys()]);
  if (refusal !== void 0 && request.force !== true) throw refusal;
  result.forced = refusal !== void 0;
  if (result.forced) logger.warning(`${refusal.problem}; removing it anyway (--force).`);
  const conflicts = gitops.repository === void 0 ? [] : await otherPromotions(request.github, request, branch);
  if (conflicts.length > 0 && request.supersede !== true) throw new PromotionConflictError(environment.name, conflicts);
  result.body = retireBody({ title, model, version, request, plan, forced: result.forced, supersedes: conflicts });
  const published = await publishBranch(workspace, {
    branch,
    message: retireCommitMessage({ title, model, version, environment: environment.name, plan }),
    // Planned again on the base as fetched for the push, so a base that moved is taken into account.
    edit: async (read) => (await planRetirement(read, request)).changed,
    logger
  });
  if (published.sha !== void 0) result.commit = published.sha;
  if (published.status === "no-change") {
    logger.info(`${gitops.base} moved and no longer holds ${model} in ${environment.name}; no pull request.`);
    return result;
  }
  logger.info(
    published.status === "pushed" ? `Pushed ${branch} (${[...plan.changed.keys()].join(", ")}).` : `${branch} already holds this retirement on the current ${gitops.base}; nothing pushed.`
  );
  if (gitops.repository === void 0) {
    const bodyPath = join2(request.outDir, `${environment.name}-${model}.md`);
    await writeFileAtomic(bodyPath, `# ${title}

branch: ${branch} \u2192 ${gitops.base}

${result.body}
`);
    return { ...result, status: published.status === "pushed" ? "pushed" : "unchanged", bodyPath };
  }
  for (const pull of conflicts.filter((conflict) => conflict.head === branch))
    await commentAndClose(request.github, { repository: gitops.repository, number: pull.number }, logger);
  const pr = environment.pullRequest;
  const opened = await upsertPullRequest(
    request.github,
    {
      repository: gitops.repository,
      head: branch,
      base: gitops.base,
      title,
      body: result.body,
      labels: [.../* @__PURE__ */ new Set([...pr.labels, RETIRE_ACTION])],
      reviewers: pr.reviewers,
      teamReviewers: pr.teamReviewers,
      draft: pr.draft
      // Never auto-merged: a person decides to take a model out of an environment.
    },
    logger
  );
  const closed = await closeSuperseded(
    request.github,
    { repository: gitops.repository, branch, conflicts },
    opened,
    `Superseded by #${opened.number} (${title}): modelship retired ${model} from ${environment.name} with \`--supersede\` and closed this pull request. ${opened.url}`,
    logger
  );
  return { ...result, ...closed };
}

// src/stages/promote-stage.ts
var DEFAULT_OUT_DIR = ".modelship/promotion";
function gitAuthHeaderValue(token) {
  return basicAuthValue(token);
}
var EnvironmentNotGivenError = class extends UserError {
};
async function stageContext(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  return {
    loaded,
    gitops: { repository: inputs.gitopsRepo, remote: inputs.remote, base: inputs.base, serverUrl: run.serverUrl },
    token: inputs.gitopsToken ?? run.token,
    registryToken: run.token,
    repository: run.repository,
    registry: inputs.registry,
    defaultRegistry: run.defaultRegistry,
    tagFormat: inputs.tagFormat,
    outDir: inputs.outDir ?? DEFAULT_OUT_DIR,
    runUrl: run.runUrl,
    logger: run.logger,
    userAgentVersion: run.toolVersion,
    network: networkPolicy(run, loaded)
  };
}
function registryOpener(context) {
  const opened = /* @__PURE__ */ new Map();
  const tagFormat = tagFormatOf(context);
  return (spec) => {
    let store = opened.get(spec);
    if (store === void 0) {
      store = openStore({
        spec,
        token: context.registryToken ?? context.token,
        repository: context.repository,
        tagFormat,
        logger: context.logger,
        userAgentVersion: context.userAgentVersion,
        network: context.network
      });
      opened.set(spec, store);
    }
    return store;
  };
}
function tagFormatOf(context) {
  return context.tagFormat ?? context.loaded.config?.release?.tag_format;
}
function gitHubFor(context, repository) {
  if (repository === void 0) return void 0;
  if (context.token === void 0 || context.token === "") {
    throw new UserError(`opening pull requests in ${repository} needs a token`, {
      hint: "pass a token with contents: write and pull-requests: write on the GitOps repository (a GitHub App token from actions/create-github-app-token; GITHUB_TOKEN cannot reach another repository); for the CLI set MODELSHIP_GITOPS_TOKEN or GITHUB_TOKEN"
    });
  }
  return createGitHubClient({ token: context.token, logger: context.logger, userAgentVersion: context.userAgentVersion });
}
function environmentOf(options, loaded) {
  if (options.environment !== void 0) return options.environment;
  const environments = environmentNames(loaded);
  if (environments.length === 1) return environments[0];
  throw new EnvironmentNotGivenError(
    `name the environment with --env (${environments.length === 0 ? "none is configured in promote.environments" : `one of ${environments.join(", ")}`})`,
    {
      hint: environments.length === 0 ? "add promote.environments.<name> with its targets to modelship.yaml, then pass --env NAME" : `pass --env ${environments[0]} (MODELSHIP_ENV, the environment input)`
    }
  );
}
async function runPromoteStage(options, run) {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.model ?? loaded.config?.model;
  const given = options.version === void 0 || named === void 0 ? named : `${parseModelRef(named).model}@${options.version}`;
  const environment = withOverrides(resolveEnvironment(environmentOf(options, loaded), loaded), options);
  const gitops = resolveGitOps(context.gitops, loaded);
  if (given === void 0 || given === "")
    throw new UserError("no model given", { hint: "pass MODEL@VERSION (the model input), or set `model:` in modelship.yaml" });
  const { model: name, version: requested } = parseModelRef(given);
  const action = actionFor(options, environment);
  const openRegistry = registryOpener(context);
  const registrySpec = resolveRegistry(context.registry, loaded, context.defaultRegistry);
  const tagFormat = tagFormatOf(context);
  const oci = resolveOciSettings(void 0, loaded);
  const resolveModel = async (before) => {
    if (action.kind === "start" || action.kind === "direct") {
      const checked = await checkRelease({ store: openRegistry(registrySpec), model: name, version: requested, logger });
      const provenance = await checkRunReleaseProvenance({
        run,
        loaded,
        registrySpec,
        release: checked.stored,
        refusal: `${name}@${checked.model.version} may not be promoted`
      });
      logger.info(`${name}@${checked.model.version}: provenance ${provenance.text}`);
      const modelcar = oci === void 0 ? void 0 : await releasedModelcar({ run, loaded, oci, store: openRegistry(registrySpec), checked });
      return {
        model: { ...checked.model, ...modelcar === void 0 ? {} : { modelcar } },
        release: { ...releaseView(checked), provenance }
      };
    }
    const canary = before.canary;
    if (canary === void 0) {
      if (action.kind === "rollback")
        throw new UserError(`no canary runs in ${environment.name}, so there is nothing to roll back`, {
          hint: `to go back to an earlier version, promote it: modelship promote ${name}@VERSION --env ${environment.name} --action direct`
        });
      throw new UserError(`no canary runs in ${environment.name}, so there is nothing to ${action.kind}`, {
        hint: `start one: modelship promote ${name}@VERSION --env ${environment.name}`
      });
    }
    if (requested !== "latest" && requested.replace(/^v/, "") !== canary.version) {
      throw new UserError(`the canary in ${environment.name} runs ${canary.version || canary.uri}, not ${requested}`, {
        hint: `${action.kind} the model the canary runs (${name}@${canary.version}), or leave the version out`
      });
    }
    const checkImage2 = canaryImageChecker({ run, loaded, oci, store: () => openRegistry(registrySpec), model: name });
    return resolveCanaryModel({ canary, action: action.kind, model: name, openRegistry, tagFormat, checkImage: checkImage2, logger });
  };
  const github = gitops.repository === void 0 ? void 0 : gitHubFor(context, gitops.repository);
  const clone = { remote: gitops.remote, base: gitops.base, ...context.token === void 0 ? {} : { token: context.token }, logger };
  const result = await withClone(
    clone,
    (workspace) => promote(workspace, {
      environment,
      gitops,
      action,
      resolve: resolveModel,
      owner: { model: name, ...tagFormat === void 0 ? {} : { tagFormat } },
      ...options.supersede === true ? { supersede: true } : {},
      previous: (before) => releaseViewOf(before.stable, openRegistry, tagFormat),
      ...github === void 0 ? {} : { github },
      outDir: context.outDir,
      ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
      rollbackCommand: rollbackCommand(name, environment.name),
      logger
    })
  );
  return { ...result, environment, actionTaken: action };
}
async function runRetireEnvironmentStage(options, run) {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.model ?? loaded.config?.model;
  if (named === void 0 || named === "") throw new UserError("no model given", { hint: "pass MODEL, or set `model:` in modelship.yaml" });
  const { model, version } = parseModelRef(named);
  checkModelName(model, "MODEL");
  if (version !== "latest")
    throw new UserError(
      `--action retire takes the model out of the environment whatever version serves, so "${named}" needs no @${version}`,
      {
        hint: `pass ${model} alone; to stop one version from being deployed anywhere, retire it in the registry: modelship registry retire ${model}@${version}`
      }
    );
  const environment = resolveEnvironment(environmentOf(options, loaded), loaded);
  const gitops = resolveGitOps(context.gitops, loaded);
  const github = gitops.repository === void 0 ? void 0 : gitHubFor(context, gitops.repository);
  const tagFormat = tagFormatOf(context);
  const clone = { remote: gitops.remote, base: gitops.base, ...context.token === void 0 ? {} : { token: context.token }, logger };
  const result = await withClone(
    clone,
    (workspace) => retireFromEnvironment(workspace, {
      environment,
      gitops,
      model,
      ...tagFormat === void 0 ? {} : { tagFormat },
      ...options.force === true ? { force: true } : {},
      ...options.supersede === true ? { supersede: true } : {},
      ...github === void 0 ? {} : { github },
      outDir: context.outDir,
      ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
      logger
    })
  );
  return { ...result, environment };
}
async function runCanaryStage(options, run) {
  const context = await stageContext(options.gitops, run);
  const { loaded, logger } = context;
  const named = options.environments !== void 0 && options.environments.length > 0;
  const environments = (named ? options.environments : environmentNames(loaded)).map((name) => resolveEnvironment(name, loaded)).filter((environment) => named || environment.health !== void 0);
  const wake = named || options.event === void 0 ? void 0 : readHealthDispatch(
    options.event,
    environments.map((environment) => environment.name)
  );
  for (const note of wake?.notes ?? []) logger.info(`Health dispatch: ${note}.`);
  if (wake?.environments !== void 0)
    logger.info(`Health dispatch: the alerts name ${wake.environments.join(", ")}; every environment with health checks is checked.`);
  if (environments.length === 0)
    throw new UserError("no environment has health checks to run a canary on", {
      file: loaded.file,
      hint: "add promote.environments.<name>.health (prometheus or metrics, and checks) to modelship.yaml"
    });
  const sources = /* @__PURE__ */ new Map();
  for (const environment of environments) {
    const source = healthSource(environment, options, context.network, loaded);
    checkHealthSetup(environment, source, options, loaded);
    sources.set(environment.name, source);
  }
  const gitops = resolveGitOps(context.gitops, loaded);
  const github = options.dryRun ? void 0 : gitHubFor(context, gitops.repository);
  const model = loaded.config?.model;
  if (model === void 0) throw new UserError("no model name", { hint: "set `model:` in modelship.yaml" });
  const openRegistry = registryOpener(context);
  const tagFormat = tagFormatOf(context);
  const registrySpec = resolveRegistry(context.registry, loaded, context.defaultRegistry);
  const checkImage2 = canaryImageChecker({
    run,
    loaded,
    oci: resolveOciSettings(void 0, loaded),
    store: () => openRegistry(registrySpec),
    model
  });
  const clone = { remote: gitops.remote, base: gitops.base, ...context.token === void 0 ? {} : { token: context.token }, logger };
  return withClone(clone, async (workspace) => {
    const results = [];
    for (const environment of environments) {
      results.push(
        await runCanary(workspace, {
          environment,
          gitops,
          model,
          source: sources.get(environment.name),
          openRegistry,
          checkImage: checkImage2,
          ...tagFormat === void 0 ? {} : { tagFormat },
          ...github === void 0 ? {} : { github },
          outDir: context.outDir,
          now: options.now ?? /* @__PURE__ */ new Date(),
          ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
          rollbackCommand: rollbackCommand(model, environment.name),
          ...options.dryRun ? { dryRun: true } : {},
          logger
        })
      );
    }
    return results;
  });
}
function healthSource(environment, options, network, loaded) {
  const prometheus = options.prometheus ?? (options.metrics === void 0 ? environment.health?.prometheus : void 0);
  if (prometheus !== void 0) return { kind: "prometheus", url: prometheus, network };
  const metrics = options.metrics ?? environment.health?.metrics;
  if (metrics === void 0)
    throw new UserError(`environment ${environment.name} has no health source`, {
      ...loaded.file === void 0 ? {} : { file: loaded.file, pointer: `/promote/environments/${environment.name}` },
      hint: `set promote.environments.${environment.name}.health.prometheus (or metrics), or pass --prometheus / --metrics`
    });
  return /^https?:\/\//.test(metrics) ? { kind: "metrics-url", url: metrics, network } : { kind: "metrics-file", path: metrics };
}
function checkHealthSetup(environment, source, options, loaded) {
  const key = `promote.environments.${environment.name}.health`;
  const pointer = `/promote/environments/${environment.name}/health`;
  const inConfig = (name) => ({ file: loaded.file, pointer: `${pointer}/${name}` });
  const checkUrl = (text, setting, what, where) => {
    checkHttpUrl(text, setting, `give ${setting} ${what} as an http:// or https:// URL`, where);
  };
  if (source.kind === "prometheus") {
    if (options.prometheus !== void 0)
      checkUrl(source.url, "--prometheus (the prometheus input)", "Prometheus's base URL (e.g. http://prometheus.monitoring:9090)", {});
    else
      checkUrl(source.url, `${key}.prometheus`, "Prometheus's base URL (e.g. http://prometheus.monitoring:9090)", inConfig("prometheus"));
  } else {
    const given = options.metrics !== void 0;
    const setting = given ? "--metrics (the metrics input)" : `${key}.metrics`;
    const where = given ? {} : inConfig("metrics");
    if (source.kind === "metrics-url" || /^[a-z][a-z0-9+.-]*:\/\//i.test(source.path))
      checkUrl(source.kind === "metrics-url" ? source.url : source.path, setting, "the metrics document's URL (or a file path)", where);
  }
  const checks = environment.health?.checks ?? [];
  const named = (error, at) => {
    if (!isUserError(error)) throw error;
    throw new UserError(`${key}: ${error.problem}`, {
      file: loaded.file,
      pointer: at,
      ...error.hint === void 0 ? {} : { hint: error.hint }
    });
  };
  for (const [index, check] of checks.entries()) {
    try {
      checkHealthChecks([check], source);
    } catch (error) {
      named(error, `${pointer}/checks/${index}`);
    }
  }
  try {
    checkHealthChecks(checks, source);
  } catch (error) {
    named(error, `${pointer}/checks`);
  }
}
function withOverrides(environment, options) {
  if (environment.strategy === "ab" && options.strategy !== void 0 && options.strategy !== "ab")
    throw new UserError(
      `environment ${environment.name} runs A/B tests (strategy ab), which --strategy ${options.strategy} cannot change`,
      {
        hint: `leave --strategy (the strategy input) out, or change promote.environments.${environment.name}.strategy and remove its ab: block in modelship.yaml`
      }
    );
  const pr = options.pullRequest ?? {};
  const autoMerge = { ...environment.pullRequest.autoMerge };
  if (pr.autoMerge !== void 0)
    for (const kind of Object.keys(autoMerge)) autoMerge[kind] = pr.autoMerge === false ? void 0 : pr.autoMerge;
  return {
    ...environment,
    strategy: options.strategy ?? environment.strategy,
    pullRequest: {
      labels: pr.labels ?? environment.pullRequest.labels,
      reviewers: pr.reviewers ?? environment.pullRequest.reviewers,
      teamReviewers: pr.teamReviewers ?? environment.pullRequest.teamReviewers,
      draft: pr.draft ?? environment.pullRequest.draft,
      autoMerge
    }
  };
}
function actionFor(options, environment) {
  const kind = options.action;
  if (kind === void 0 || kind === "start") {
    if (kind === "start" && environment.strategy === "direct")
      throw new UserError(`environment ${environment.name} uses the direct strategy, which has no canary to start`, {
        hint: "leave --action out, or pass --strategy canary"
      });
    checkWeight(options.weight, 0);
    return startAction(environment, options.weight);
  }
  if (kind === "step") {
    if (environment.strategy === "blue-green")
      throw new UserError(`environment ${environment.name} uses the blue-green strategy, which has no weights to step`, {
        hint: "a blue-green preview takes no live traffic until it is cut over: pass --action promote (the action input) to switch, or --action rollback"
      });
    if (options.weight === void 0)
      throw new UserError("the step action needs a weight", { hint: "pass --weight 50 (the weight input)" });
    checkWeight(options.weight, 1);
    return { kind, weight: options.weight };
  }
  return { kind };
}
function checkWeight(weight, min) {
  if (weight !== void 0 && (weight < min || weight > 99))
    throw new UserError(`--weight (the weight input): ${weight} is outside ${min}..99`, {
      hint: `give the canary a whole percentage from ${min} to 99; --action promote (the action input) sends 100% to it`
    });
}
function rollbackCommand(model, environment) {
  return `modelship promote ${model} --env ${environment} --action rollback`;
}

export {
  renderHealthTable,
  gitAuthHeaderValue,
  EnvironmentNotGivenError,
  runPromoteStage,
  runRetireEnvironmentStage,
  runCanaryStage
};
