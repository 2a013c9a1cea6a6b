import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  drift_report_schema_default
} from "./chunk-CHXJDKKN.js";
import {
  contractPathOf,
  contractRedactor,
  profileFiles
} from "./chunk-2TKCLNYM.js";
import {
  mergeProfiles,
  profileData,
  readProfile
} from "./chunk-A43L2ZJY.js";
import {
  gate_report_schema_default
} from "./chunk-52YBHNOW.js";
import {
  checkOutputFile,
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  loadContract
} from "./chunk-WC5L3K5J.js";
import {
  checkModelcar,
  imageRelease
} from "./chunk-WMANSC4W.js";
import {
  openOciClient
} from "./chunk-YNXDJ5Z6.js";
import {
  parseOciReference
} from "./chunk-GBAVK5Q7.js";
import {
  manifestReader,
  readEnvironmentState
} from "./chunk-IBGUEDEO.js";
import {
  resolveEnvironment,
  resolveGitOps
} from "./chunk-XYL5FBBP.js";
import {
  withClone
} from "./chunk-VVREGJ63.js";
import {
  parseModelUri
} from "./chunk-V7YB4A7J.js";
import {
  describeMark,
  fetchModel,
  openStore,
  resolveVersion
} from "./chunk-OXQJNLJL.js";
import {
  resolveRegistry
} from "./chunk-764VFCH4.js";
import {
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
  appendTrend,
  checkCurrentSources,
  compareProfiles,
  countedColumns,
  renderDriftIssueBody,
  resolveDriftSettings,
  syncDriftIssue,
  trendEntry,
  worst
} from "./chunk-X5QA5Q6K.js";
import {
  DRIFT_REPORT_SCHEMA,
  driftFails,
  renderDriftReport
} from "./chunk-NR5AHLJJ.js";
import {
  redactProfiles
} from "./chunk-7VUA2BAW.js";
import {
  hasMagic,
  parseHeader,
  resolveCurrentSources
} from "./chunk-VASYQY3D.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  redactText
} from "./chunk-4S56GKNV.js";
import {
  assertWritable,
  toPointer,
  upgradeBySchema
} from "./chunk-RGJ5T3QL.js";
import {
  createGitHubClient,
  httpStatus
} from "./chunk-LTT6RTNS.js";
import {
  twoProportionZ
} from "./chunk-OBDTE6IB.js";
import {
  formatSignificant
} from "./chunk-HFKEWQQZ.js";
import {
  sameEdges
} from "./chunk-QT3TIHE5.js";
import {
  readableExtension
} from "./chunk-WP7KJD34.js";
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError,
  getErrorMessage,
  withSetting
} from "./chunk-SU4BFKON.js";

// src/stages/drift-stage.ts
import { readFile as readFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2 } from "node:path";

// src/drift/check-drift.ts
function assertComparable(reference, current, currentLabel) {
  if (reference.schema_hash !== current.schema_hash) {
    throw new UserError(
      `the current data's profile was made from another schema than the reference (schema hash ${current.schema_hash.slice(0, 12)}\u2026 vs ${reference.schema_hash.slice(0, 12)}\u2026; reference contract ${reference.contract.path})`,
      {
        file: currentLabel,
        pointer: "/schema_hash",
        hint: "profile the current data with the contract the model was released with (same column names and types), or release a model with a reference profile of the new contract"
      }
    );
  }
  for (const [name, column] of Object.entries(reference.columns)) {
    const other = current.columns[name];
    if (column.kind === "numeric" && other?.kind === "numeric" && column.histogram !== null && other.histogram !== null && !sameEdges(column.histogram.edges, other.histogram.edges)) {
      throw new UserError(`column "${name}" of the current profile is binned on other edges than the reference`, {
        file: currentLabel,
        pointer: toPointer(["columns", name, "histogram", "edges"]),
        hint: "profile each shard of the current data with `--bins-from` the reference profile (the drift action does this), then merge"
      });
    }
  }
}
function checkDrift(options) {
  const { reference, current, settings } = options;
  assertComparable(reference, current, options.currentSources.join(", "));
  const compared = compareProfiles(reference, current, settings);
  const performance = options.performance;
  let status = current.rows === 0 ? "insufficient_data" : compared.status;
  if (performance !== void 0 && (performance.status === "drift" || performance.status === "warn"))
    status = worst(status, performance.status);
  const report = {
    schema: DRIFT_REPORT_SCHEMA,
    tool: { name: "modelship", version: options.toolVersion },
    created: (options.created ?? /* @__PURE__ */ new Date()).toISOString(),
    mode: settings.mode,
    ...options.model === void 0 ? {} : { model: options.model },
    ...options.environment === void 0 ? {} : { environment: options.environment },
    reference: { source: options.referenceSource, rows: reference.rows, schema_hash: reference.schema_hash },
    current: { sources: [...options.currentSources], rows: current.rows },
    settings,
    status,
    drifted: status === "drift",
    share: compared.share,
    drifted_columns: compared.drifted,
    columns_checked: compared.checked,
    columns: compared.columns,
    ...performance === void 0 ? {} : { performance },
    weights_source: options.weightsSource ?? (Object.keys(settings.weights).length > 0 ? "config" : "equal")
  };
  assertWritable(drift_report_schema_default, report, "drift report");
  return report;
}

// src/drift/performance.ts
var PERFORMANCE_DEFAULTS = { max_drop: 0.05, p_value: 0.05, min_samples: 30 };
var DROP_TOLERANCE = 1e-12;
function assertCounts(current, reference) {
  if (!(Number.isInteger(current.rows) && Number.isInteger(current.agree) && current.rows >= 0 && current.agree >= 0 && current.agree <= current.rows)) {
    throw new RangeError(
      `judgePerformance: current counts must be integers with 0 \u2264 agree \u2264 rows (got agree ${current.agree}, rows ${current.rows})`
    );
  }
  if (reference !== void 0 && !(reference.accuracy >= 0 && reference.accuracy <= 1 && Number.isFinite(reference.n) && reference.n > 0)) {
    throw new RangeError(
      `judgePerformance: the reference needs an accuracy in [0, 1] and n > 0 (got accuracy ${reference.accuracy}, n ${reference.n})`
    );
  }
}
function judgePerformance(current, reference, settings) {
  if (current === void 0) return void 0;
  assertCounts(current, reference);
  const n = current.rows;
  const accuracy = n > 0 ? current.agree / n : 0;
  const base = { metric: "accuracy", ...reference === void 0 ? {} : { reference: reference.accuracy }, current: accuracy, n };
  if (n === 0 || n < settings.min_samples) {
    return {
      ...base,
      status: "insufficient_data",
      reason: `${n} labelled row(s) with both target and prediction, fewer than min_samples ${Math.max(1, settings.min_samples)}`
    };
  }
  const shown = `accuracy ${formatSignificant(accuracy)} on ${n} labelled rows`;
  if (reference === void 0) return { ...base, status: "ok", reason: `no reference accuracy to compare (${shown})` };
  const test = twoProportionZ(
    { successes: reference.accuracy * reference.n, trials: reference.n },
    { successes: current.agree, trials: n }
  );
  const pValue = test.statistic > 0 ? test.pValue / 2 : 1 - test.pValue / 2;
  const drop = reference.accuracy - accuracy;
  const large = drop >= settings.max_drop - DROP_TOLERANCE;
  const significant = pValue < settings.p_value;
  const change = `accuracy ${formatSignificant(reference.accuracy)} (n ${reference.n}) \u2192 ${formatSignificant(accuracy)} (n ${n})`;
  const dropText = drop > 0 ? `drop ${formatSignificant(drop)}` : drop < 0 ? `rise ${formatSignificant(-drop)}` : "no change";
  const pText = `one-sided p ${formatSignificant(pValue)}`;
  const result = { ...base, p_value: pValue };
  if (large && significant) {
    return {
      ...result,
      status: "drift",
      reason: `${change}: ${dropText} \u2265 max_drop ${formatSignificant(settings.max_drop)}, ${pText} < ${formatSignificant(settings.p_value)}`
    };
  }
  if (significant) {
    return {
      ...result,
      status: "warn",
      reason: `${change}: ${dropText} is significant (${pText} < ${formatSignificant(settings.p_value)}) but below max_drop ${formatSignificant(settings.max_drop)}`
    };
  }
  if (large) {
    return {
      ...result,
      status: "warn",
      reason: `${change}: ${dropText} \u2265 max_drop ${formatSignificant(settings.max_drop)} but not significant (${pText} \u2265 ${formatSignificant(settings.p_value)})`
    };
  }
  return { ...result, status: "ok", reason: `${change}: ${dropText}, ${pText}` };
}

// src/drift/retrain.ts
var DRIFT_REPORT_INPUT = "drift-report";
var WORKFLOW_INPUTS_LIMIT = 65535;
var WORKFLOW_INPUTS_MAX = 25;
var CLIENT_PAYLOAD_MAX_PROPERTIES = 10;
var CLIENT_PAYLOAD_LIMIT = 65535;
var OVERFLOW_KEY = "more";
function shrink(value, max) {
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}\u2026` : value;
  if (Array.isArray(value)) return value.slice(0, max).map((item) => shrink(item, max));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, max)]));
  return value;
}
function scalars(value) {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item === null || typeof item !== "object"));
}
function fitPayload(payload, limit, measure = (candidate) => JSON.stringify(candidate).length) {
  if (measure(payload) <= limit) return payload;
  for (let max = 1024; max >= 1; max = Math.floor(max / 2)) {
    const candidate = { ...shrink(payload, max), truncated: true };
    if (measure(candidate) <= limit) return candidate;
  }
  const flat = { ...scalars(shrink(payload, 64)), truncated: true };
  return measure(flat) <= limit ? flat : { truncated: true };
}
function packClientPayload(payload, max = CLIENT_PAYLOAD_MAX_PROPERTIES) {
  const entries = Object.entries(payload);
  if (entries.length <= max) return payload;
  return { ...Object.fromEntries(entries.slice(0, max - 1)), [OVERFLOW_KEY]: Object.fromEntries(entries.slice(max - 1)) };
}
function clientPayload(payload) {
  const packed = packClientPayload(payload);
  if (JSON.stringify(packed).length <= CLIENT_PAYLOAD_LIMIT) return { payload: packed, cut: false };
  return { payload: fitPayload(packClientPayload(payload, CLIENT_PAYLOAD_MAX_PROPERTIES - 1), CLIENT_PAYLOAD_LIMIT), cut: true };
}
function workflowInputs(userInputs, payload) {
  const base = Object.fromEntries(Object.entries(userInputs).filter(([key]) => key !== DRIFT_REPORT_INPUT));
  const measure = (candidate) => JSON.stringify({ ...base, [DRIFT_REPORT_INPUT]: JSON.stringify(candidate) }).length;
  const fitted = fitPayload(payload, WORKFLOW_INPUTS_LIMIT, measure);
  return { inputs: { ...base, [DRIFT_REPORT_INPUT]: JSON.stringify(fitted) }, cut: fitted !== payload };
}
function dispatchError(error, trigger, repository) {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404 && status !== 422) return error;
  const detail = getErrorMessage(error);
  if (trigger.kind === "workflow") {
    const what2 = `GitHub refused to start the retraining workflow "${trigger.workflow}" on ${trigger.ref} in ${repository}: ${status} (${detail})`;
    const hint2 = status === 422 ? `make sure ${trigger.workflow} has \`on: workflow_dispatch\` with a "${DRIFT_REPORT_INPUT}" input (and every other input you pass) on ${trigger.ref}, and that ${trigger.ref} is a branch or tag that exists` : `check that .github/workflows/${trigger.workflow} exists on ${trigger.ref} (name the file, e.g. retrain.yml, or the workflow id) and give the workflow \`permissions: actions: write\``;
    return new UserError(what2, { hint: hint2, cause: error });
  }
  const what = `GitHub refused the repository_dispatch event "${trigger.eventType}" in ${repository}: ${status} (${detail})`;
  const hint = status === 422 ? "the event type must be 1 to 100 characters and the payload at most 10 top-level properties under 64 KB" : `give the workflow \`permissions: contents: write\` (a token for another repository needs contents: write there), and check that ${repository} exists`;
  return new UserError(what, { hint, cause: error });
}
async function triggerRetraining(options) {
  const { client, owner, repo, trigger, payload, logger } = options;
  const repository = `${owner}/${repo}`;
  try {
    if (trigger.kind === "workflow") {
      if (trigger.workflow.trim() === "")
        throw new UserError("no retraining workflow is named", { hint: "name the training workflow's file, e.g. retrain.yml" });
      if (trigger.ref.trim() === "")
        throw new UserError(`no ref to run the retraining workflow ${trigger.workflow} on`, {
          hint: "give the branch or tag to run it on, e.g. main"
        });
      const userInputs = trigger.inputs ?? {};
      if (DRIFT_REPORT_INPUT in userInputs)
        logger.warning(
          `The retraining input "${DRIFT_REPORT_INPUT}" is modelship's: the value given is replaced by the drift report summary.`
        );
      const { inputs, cut } = workflowInputs(userInputs, payload);
      if (Object.keys(inputs).length > WORKFLOW_INPUTS_MAX) {
        throw new UserError(
          `the retraining workflow would get ${Object.keys(inputs).length} inputs; GitHub takes at most ${WORKFLOW_INPUTS_MAX}`,
          { hint: `pass at most ${WORKFLOW_INPUTS_MAX - 1} inputs of your own (modelship adds "${DRIFT_REPORT_INPUT}")` }
        );
      }
      if (cut)
        logger.warning(
          `The drift report summary was cut to fit GitHub's ${WORKFLOW_INPUTS_LIMIT.toLocaleString("en-US")}-character limit on workflow inputs.`
        );
      await client.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: trigger.workflow, ref: trigger.ref, inputs });
      logger.info(`Retraining requested: workflow_dispatch of ${trigger.workflow} on ${trigger.ref} in ${repository}.`);
      return;
    }
    if (trigger.eventType.trim() === "" || trigger.eventType.length > 100) {
      throw new UserError(`"${trigger.eventType}" cannot be a repository_dispatch event type`, {
        hint: "name the event in 1 to 100 characters, e.g. modelship-retrain"
      });
    }
    const fitted = clientPayload(payload);
    if (Object.keys(payload).length > CLIENT_PAYLOAD_MAX_PROPERTIES)
      logger.debug(
        `The drift report summary has ${Object.keys(payload).length} top-level properties; GitHub takes ${CLIENT_PAYLOAD_MAX_PROPERTIES}: the rest are under "${OVERFLOW_KEY}".`
      );
    if (fitted.cut) logger.warning("The drift report summary was cut to fit GitHub's 64 KB limit on repository_dispatch payloads.");
    await client.rest.repos.createDispatchEvent({ owner, repo, event_type: trigger.eventType, client_payload: fitted.payload });
    logger.info(`Retraining requested: repository_dispatch event ${trigger.eventType} in ${repository}.`);
  } catch (error) {
    throw dispatchError(error, trigger, repository);
  }
}

// src/stages/drift-reference.ts
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function gateFacts(path) {
  let parsed;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return {};
  }
  const report = upgradeBySchema(gate_report_schema_default, parsed, { file: path, what: "gate report" });
  const accuracy = report?.metrics?.accuracy?.value;
  const n = report?.data?.rows;
  const explanations = report?.explanations;
  return {
    ...typeof accuracy === "number" && typeof n === "number" && n > 0 ? { accuracy: { accuracy, n } } : {},
    ...explanations !== void 0 && Array.isArray(explanations.features) ? { explanations } : {}
  };
}
function profileAccuracy(profile) {
  const agreement = profile.agreement;
  return agreement === void 0 || agreement.rows === 0 ? void 0 : { accuracy: agreement.agree / agreement.rows, n: agreement.rows };
}
function servedRegistryNeedsToken(spec, context) {
  const served = spec.served;
  if (served === void 0 || !spec.registry.startsWith("github") || (context.registryToken ?? "") !== "") return void 0;
  return new UserError(
    `registry ${spec.registry} needs a GitHub token: --reference production reads the reference profile of the model ${served.environment} serves, ${served.uri}, and that URI (in ${served.file} of the GitOps repository ${served.gitops}) names registry ${spec.registry}, not the registry modelship.yaml configures`,
    {
      hint: `set GITHUB_TOKEN (the action's token input) to a token that can read ${spec.registry.slice("github:".length) || "the repository"}'s releases (contents: read), or pass --reference VERSION or --reference latest to read the reference from the configured registry (release.registry)`
    }
  );
}
async function referenceFromRelease(spec, context) {
  const { logger } = context;
  const needsToken = servedRegistryNeedsToken(spec, context);
  if (needsToken !== void 0) throw needsToken;
  const store = openStore({
    spec: spec.registry,
    token: context.registryToken,
    repository: context.repository,
    tagFormat: context.tagFormat ?? context.loaded.config?.release?.tag_format,
    logger,
    userAgentVersion: context.toolVersion,
    network: context.network
  });
  const image = spec.image;
  const client = image === void 0 ? void 0 : openImage(image, context);
  const version = image === void 0 ? await resolveVersion(store, spec.model, spec.version, logger) : (await imageRelease(client, image.digest, spec.model)).version;
  const retired = await store.retirement(spec.model, version);
  if (retired !== void 0) return { retired, source: `release ${spec.model}@${version} (${store.description})` };
  const temp = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-drift-"));
  try {
    const fetched = image === void 0 ? await fetchModel({ store, model: spec.model, version, dir: join(temp, "model"), logger }) : await pulledImage(client, image.digest, { store, model: spec.model, dir: join(temp, "model"), logger });
    const file = fetched.manifest.files.find((entry) => entry.role === "reference-profile");
    const label = `${spec.model}@${fetched.version}`;
    if (file === void 0) {
      throw new UserError(`release ${label} has no reference profile to compare with`, {
        hint: "release models with a reference profile (modelship profile, then modelship release --reference-profile), or pass --reference PROFILE.json"
      });
    }
    const profile = await readProfile(join(fetched.path, file.name));
    const located = await store.locate(spec.model, fetched.version).catch(() => void 0);
    const gate = fetched.manifest.files.find((entry) => entry.role === "gate-report");
    const facts = gate === void 0 ? {} : await gateFacts(join(fetched.path, gate.name));
    const accuracy = facts.accuracy ?? profileAccuracy(profile);
    return {
      profile,
      source: `release ${label} (${store.description})`,
      model: { name: spec.model, version: fetched.version, ...located?.url === void 0 ? {} : { release_url: located.url } },
      ...accuracy === void 0 ? {} : { accuracy },
      ...facts.explanations === void 0 ? {} : { explanations: facts.explanations }
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
function openImage(image, context) {
  if (context.openOci === void 0)
    throw new UserError(
      `production serves the modelcar oci://${image.reference.registry}/${image.reference.repository}@${image.digest}, and this run cannot pull images`,
      {
        hint: "pass --reference VERSION to read the reference from the configured registry"
      }
    );
  return context.openOci(image.reference);
}
async function pulledImage(client, digest, options) {
  await mkdir(options.dir);
  const checked = await checkModelcar({ client, digest, ...options, doing: "read the drift reference of", gated: false });
  return { path: options.dir, version: checked.model.version, manifest: checked.manifest };
}
async function deployedRelease(settings, context) {
  const { loaded, logger } = context;
  const environment = resolveEnvironment(settings.environment, loaded);
  const gitops = resolveGitOps(context.gitops, loaded);
  const state = await withClone(
    { remote: gitops.remote, base: gitops.base, ...context.gitopsToken === void 0 ? {} : { token: context.gitopsToken }, logger },
    (workspace) => readEnvironmentState(manifestReader(workspace, `origin/${gitops.base}`), environment, logger)
  );
  const stable = state.stable;
  if (stable === void 0)
    throw new UserError(`no model serves in ${environment.name} yet, so there is no production reference`, {
      hint: "promote a release first, or pass --reference latest (or a version)"
    });
  const location = parseModelUri(stable.uri, context.tagFormat ?? loaded.config?.release?.tag_format);
  const model = settings.model;
  const served = {
    environment: environment.name,
    file: environment.targets[0]?.file ?? "its manifests",
    gitops: `${gitops.repository ?? redactText(gitops.remote)} (branch ${gitops.base})`,
    uri: stable.uri
  };
  if (location !== void 0) return { registry: location.registry, model: location.model, version: location.version, served };
  if (/^oci:/i.test(stable.uri)) {
    const reference = parseOciReference(stable.uri, `the model URI ${environment.name} serves (${served.file})`);
    if (reference.digest === void 0)
      throw new UserError(`${environment.name} serves ${stable.uri}, an image named by a tag, which can be moved: pin the digest`, {
        hint: "promote the release again (modelship promote writes oci://\u2026@sha256:\u2026), or pass --reference VERSION"
      });
    return {
      registry: resolveRegistry(context.registry, loaded, context.defaultRegistry),
      model: reference.repository.slice(reference.repository.lastIndexOf("/") + 1),
      version: "",
      image: { reference, digest: reference.digest }
    };
  }
  if (model === void 0 || stable.version === "")
    throw new UserError(`the model URI ${stable.uri} in ${environment.name} is not a release modelship can read a reference profile from`, {
      hint: "pass --reference VERSION (the version that serves) or a reference profile file"
    });
  logger.info(`${environment.name} serves ${stable.uri}; its reference comes from ${model}@${stable.version} in the configured registry.`);
  return { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model, version: stable.version };
}
var REFERENCE_SETTING = "--reference (drift.reference)";
async function naming(work) {
  try {
    return await work;
  } catch (error) {
    return withSetting(error, REFERENCE_SETTING);
  }
}
async function loadReference(settings, context) {
  const spec = settings.reference;
  const { loaded, logger } = context;
  const fromFile = /\.json$/i.test(spec);
  if (fromFile || readableExtension(spec) !== void 0 || hasMagic(spec)) {
    const profile = await naming(
      fromFile ? readProfile(spec) : profileFiles({ loaded, patterns: [spec], logger, toolVersion: context.toolVersion }).then((made) => made.profile)
    );
    const accuracy = profileAccuracy(profile);
    return {
      profile,
      source: fromFile ? spec : `data ${spec}`,
      ...settings.model === void 0 ? {} : { model: { name: settings.model } },
      ...accuracy === void 0 ? {} : { accuracy }
    };
  }
  if (spec === "production" || spec === "deployed") return referenceFromRelease(await deployedRelease(settings, context), context);
  const version = spec.slice(spec.indexOf("@") + 1);
  if (!/^v?\d+\.\d+\.\d+/.test(version) && (/\.[A-Za-z][A-Za-z0-9]*$/.test(spec) || spec.includes("/")))
    throw new UserError(`${REFERENCE_SETTING}: "${spec}" is neither a reference profile (.json), data files, nor a release`, {
      hint: "give --reference a profile made by `modelship profile` (.json), data files (.csv, .jsonl, .parquet), production, latest, or a version such as 1.4.0"
    });
  const ref = spec.includes("@") ? parseModelRef(spec) : { model: settings.model, version: spec };
  if (ref.model === void 0)
    throw new UserError(`the reference ${spec} names no model`, { hint: "set `model:` in modelship.yaml, or pass MODEL@VERSION" });
  return referenceFromRelease(
    { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model: ref.model, version: ref.version },
    context
  );
}

// src/stages/drift-weights.ts
var EXPLAIN_FIX = "keep permutation importance on in the evaluation (gates.explain in modelship.yaml, on by default; see docs/gates.md#explanations-permutation-importance) and release again";
function importanceWeights(explanations, features, release) {
  const recorded = /* @__PURE__ */ new Map();
  for (const row of explanations?.features ?? [])
    if (typeof row.importance === "number" && Number.isFinite(row.importance)) recorded.set(row.feature, row.importance);
  const present = features.filter((name) => recorded.has(name));
  const top = Math.max(0, ...present.map((name) => recorded.get(name)));
  if (top <= 0) {
    const why = explanations === void 0 ? "it records no permutation importances (no gate report, or explanations were off when it was evaluated)" : present.length === 0 ? "its gate report has no importance for any feature column checked here" : "no feature column has a positive importance in its gate report";
    return {
      source: "equal",
      weights: {},
      missing: [],
      warnings: [
        `drift.weights is importance, but release ${release} cannot give weights: ${why}; every feature weighs 1. Fix: ${EXPLAIN_FIX}.`
      ]
    };
  }
  const weights = {};
  for (const name of features) weights[name] = recorded.has(name) ? Math.max(recorded.get(name), 0) / top : 0;
  const missing = features.filter((name) => !recorded.has(name));
  const warnings = missing.length === 0 ? [] : [
    `release ${release}'s permutation importances do not cover ${missing.length === 1 ? "feature column" : "feature columns"} ${missing.join(", ")}: weight 0 (their drift does not count in the share). Fix: if the model reads them, ${EXPLAIN_FIX}; otherwise list them in drift.ignore.`
  ];
  return { source: "importance", weights, missing, warnings };
}

// src/stages/drift-stage.ts
function parseUrlHeader(text, source) {
  return parseHeader(text, source);
}
async function currentContract(loaded) {
  const contract = await loadContract(contractPathOf(loaded));
  return {
    ...contract,
    columns: contract.columns.map(
      (column) => column.roles.some((role) => role === "target" || role === "prediction") ? { ...column, required: false } : column
    )
  };
}
function referenceNote(shardPath) {
  return `${shardPath}.reference`;
}
async function assertSameReference(path, reference, source) {
  let note;
  try {
    note = JSON.parse(await readFile2(referenceNote(path), "utf8"));
  } catch {
    return;
  }
  if (note.source !== source || note.created !== reference.created) {
    throw new UserError(
      `the shard profile was made against ${note.source ?? "another reference"}, but this check compares with ${source}`,
      {
        file: path,
        hint: "re-run the shard jobs (the reference changed between them and this job, e.g. a promotion), or pin the reference to a version"
      }
    );
  }
}
async function currentProfile(options, settings, reference, referenceSource, context, shards) {
  const { logger } = context;
  if (shards !== void 0) {
    if (settings.current.length > 0 && options.current !== void 0 || settings.currentUrls.length > 0 && options.currentUrls !== void 0) {
      throw new UserError("give the current data as shard profiles or as data files and URLs, not both", {
        hint: "profile every part of the current data as a shard (--shard-output), then merge them all with --current-profile"
      });
    }
    const paths = shards;
    for (const path of paths) await assertSameReference(path, reference, referenceSource);
    let merged = await readProfile(paths[0]);
    for (const path of paths.slice(1)) merged = mergeProfiles(merged, await readProfile(path));
    logger.info(`Merged ${paths.length} current-data profile(s): ${merged.rows} rows.`);
    return { profile: merged, sources: merged.datasets.map((dataset) => dataset.path) };
  }
  if (settings.current.length === 0 && settings.currentUrls.length === 0) {
    throw new UserError("no current data to check", {
      file: context.loaded.file,
      hint: "pass data files or globs (the current input, or drift.current in modelship.yaml), a URL (current-url), or shard profiles (current-profiles)"
    });
  }
  const resolved = await resolveCurrentSources(
    { paths: settings.current, urls: settings.currentUrls },
    {
      ...context.urlHeaders === void 0 ? {} : { headers: context.urlHeaders },
      tempDir: process.env.RUNNER_TEMP ?? tmpdir2(),
      logger,
      network: context.network
    }
  );
  try {
    const contract = await currentContract(context.loaded);
    const profile = await profileData({
      contract,
      // Columns the reference redacts are redacted here too (a shard's profile is written as it is).
      redactor: redactorFor(contract, { detectedColumns: Object.keys(reference.redacted ?? {}) }),
      paths: resolved.files,
      binsFrom: reference,
      binsFromSource: {
        what: "the reference profile (--reference, drift.reference)",
        hint: "compare with the reference profile of a model trained on data of this contract (data.contract in modelship.yaml), or make the current data match that contract"
      },
      logger,
      toolVersion: context.toolVersion
    });
    return { profile, sources: resolved.sources };
  } finally {
    await resolved.cleanup();
  }
}
function summaryOf(report, settings, context) {
  return {
    model: report.model?.name ?? settings.model ?? "model",
    environment: settings.environment,
    status: report.status,
    share: report.share,
    drifted: report.drifted_columns,
    checked: report.columns_checked,
    created: report.created,
    ...context.runId === void 0 ? {} : { runId: context.runId },
    ...context.runUrl === void 0 ? {} : { runUrl: context.runUrl },
    ...report.model?.version === void 0 ? {} : { version: report.model.version }
  };
}
function weighted(settings, reference, logger) {
  const statistics = settings.statistics;
  if (!settings.weightsFromImportance)
    return { statistics, weightsSource: Object.keys(statistics.weights).length > 0 ? "config" : "equal" };
  const model = reference.model;
  const release = model === void 0 ? reference.source : `${model.name}${model.version === void 0 ? "" : `@${model.version}`}`;
  const derived = importanceWeights(reference.explanations, countedColumns(reference.profile.columns, statistics.ignore), release);
  for (const warning of derived.warnings) logger.warning(warning);
  if (derived.source === "importance")
    logger.info(
      `Weights from ${release}'s permutation importances: ${Object.entries(derived.weights).sort(([, a], [, b]) => b - a).map(([name, weight]) => `${name} ${weight.toFixed(2)}`).join(", ")}.`
    );
  return { statistics: { ...statistics, weights: derived.weights }, weightsSource: derived.source };
}
async function defaultBranch(github) {
  const { data } = await github.client.rest.repos.get({ owner: github.owner, repo: github.repo });
  return data.default_branch;
}
function issueRepository(inputs, run, loaded) {
  if (inputs.issueOnGitHub !== true || inputs.shardOutput !== void 0) return void 0;
  if (!(inputs.issue ?? loaded.config?.drift?.issue?.enabled !== false)) return void 0;
  const where = run.repository === void 0 ? void 0 : parseRepository(run.repository);
  if (run.token === void 0 || where === void 0) {
    throw new UserError("the drift issue needs a token and the repository (GITHUB_REPOSITORY)", {
      hint: "keep the default token input (github.token) with `permissions: issues: write`, or set issue: false"
    });
  }
  return { client: createGitHubClient({ token: run.token, logger: run.logger, userAgentVersion: run.toolVersion }), ...where };
}
async function runDriftStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const github = issueRepository(inputs, run, loaded);
  const { gitops } = inputs;
  const context = {
    loaded,
    defaultRegistry: run.defaultRegistry,
    registry: gitops.registry,
    registryToken: run.token,
    repository: run.repository,
    tagFormat: gitops.tagFormat,
    gitops: { repository: gitops.gitopsRepo, remote: gitops.remote, base: gitops.base, serverUrl: run.serverUrl },
    gitopsToken: gitops.gitopsToken ?? run.token,
    urlHeaders: inputs.urlHeader === void 0 ? void 0 : parseUrlHeader(inputs.urlHeader, inputs.urlHeaderSource ?? "the URL header"),
    github,
    runId: run.runId,
    runUrl: run.runUrl,
    logger: run.logger,
    toolVersion: run.toolVersion,
    network: networkPolicy(run, loaded),
    openOci: (reference) => openOciClient(run, reference, loaded)
  };
  return checkDriftStage(inputs, context);
}
async function checkDriftStage(options, context) {
  const { loaded, logger } = context;
  const settings = resolveDriftSettings(options, loaded);
  for (const warning of settings.ignoredSettings) logger.warning(warning);
  if (options.shardOutput !== void 0) await checkOutputFile(options.shardOutput, "--shard-output");
  else await checkOutputFolder(settings.reportDir, "--report-dir (drift.report_dir)");
  const shards = await checkCurrentSources(options, settings, process.cwd());
  const reference = await loadReference(settings, context);
  if (reference.retired !== void 0) {
    const { model, version } = reference.retired;
    const skipped = `skipped: ${model}@${version} is retired (${describeMark(reference.retired)}); promote a newer version to check drift again`;
    logger.notice(`Drift check ${skipped}.`);
    return { settings, retrained: false, failed: false, skipped };
  }
  logger.info(`Reference: ${reference.source} (${reference.profile.rows} rows).`);
  const current = await currentProfile(options, settings, reference.profile, reference.source, context, shards);
  if (options.shardOutput !== void 0) {
    await writeFileAtomic(options.shardOutput, `${JSON.stringify(current.profile, null, 2)}
`);
    await writeFileAtomic(
      referenceNote(options.shardOutput),
      `${JSON.stringify({ source: reference.source, created: reference.profile.created })}
`
    );
    logger.info(
      `Profiled ${current.profile.rows} current rows on the reference's bins into ${options.shardOutput}; merge the shards with current-profiles.`
    );
    return { settings, retrained: false, shardPath: options.shardOutput, failed: false };
  }
  const performance = judgePerformance(current.profile.agreement, reference.accuracy, {
    ...PERFORMANCE_DEFAULTS,
    p_value: settings.statistics.p_value,
    min_samples: settings.statistics.min_samples
  });
  if (current.profile.rows === 0)
    logger.warning(
      `The current data (${current.sources.join(", ")}) has no rows: nothing to compare, and the result is insufficient_data, not a pass.`
    );
  const [referenceProfile, currentRedacted] = redactProfiles([reference.profile, current.profile], await contractRedactor(loaded));
  const { statistics, weightsSource } = weighted(settings, reference, logger);
  const report = checkDrift({
    reference: referenceProfile,
    referenceSource: reference.source,
    current: currentRedacted,
    currentSources: current.sources,
    settings: statistics,
    weightsSource,
    ...reference.model === void 0 ? {} : { model: reference.model },
    environment: settings.environment,
    ...performance === void 0 ? {} : { performance },
    toolVersion: context.toolVersion
  });
  const markdown = renderDriftReport(report, context.runUrl === void 0 ? {} : { runUrl: context.runUrl });
  const reportPath = join2(settings.reportDir, "drift-report.json");
  const markdownPath = join2(settings.reportDir, "drift-report.md");
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}
`);
  await writeFileAtomic(markdownPath, `${markdown}
`);
  const result = { settings, report, markdown, reportPath, markdownPath, retrained: false, failed: false };
  const summary = summaryOf(report, settings, context);
  const github = context.github;
  if (github !== void 0 && settings.issue.enabled !== false) {
    result.issue = await syncDriftIssue({
      client: github.client,
      owner: github.owner,
      repo: github.repo,
      summary,
      reportMarkdown: markdown,
      labels: settings.issue.labels,
      closeWhenClear: settings.issue.closeWhenClear,
      logger
    });
  } else if (report.status === "drift") {
    result.issuePath = join2(settings.reportDir, "drift-issue.md");
    await writeFileAtomic(result.issuePath, `${renderDriftIssueBody(summary, markdown, appendTrend([], trendEntry(summary)))}
`);
    logger.info(`Without GitHub, the drift issue it would open is in ${result.issuePath}.`);
  }
  const newEpisode = result.issue === void 0 || result.issue.action === "opened" || result.issue.action === "reopened";
  if (report.status === "drift" && settings.retrain !== void 0 && !newEpisode)
    logger.info("Retraining was already triggered when this drift issue opened; not again.");
  if (report.status === "drift" && settings.retrain !== void 0 && newEpisode) {
    const payload = {
      model: summary.model,
      environment: summary.environment,
      version: summary.version,
      status: report.status,
      share: report.share,
      drifted: report.drifted_columns,
      run_url: context.runUrl
    };
    if (github !== void 0) {
      const retrain = settings.retrain;
      const trigger = retrain.kind === "workflow" ? { ...retrain, ref: retrain.ref ?? await defaultBranch(github) } : retrain;
      await triggerRetraining({ client: github.client, owner: github.owner, repo: github.repo, trigger, payload, logger });
      result.retrained = true;
    } else {
      logger.info(
        `Without GitHub, retraining is not triggered (would send ${settings.retrain.kind === "workflow" ? `workflow_dispatch of ${settings.retrain.workflow}` : `repository_dispatch ${settings.retrain.eventType}`}).`
      );
    }
  }
  result.failed = driftFails(report.status, settings.failOn);
  return result;
}

export {
  parseUrlHeader,
  runDriftStage
};
