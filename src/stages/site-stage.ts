/**
 * `modelship site`: a static HTML dashboard from the registry (every released version of each model,
 * with its gate report, model card, lineage and provenance), the GitOps repository (what each
 * environment serves and the promotion history, from a read-only clone in a scratch folder removed
 * afterwards), drift reports (a trend per model and environment, carried forward through a previous
 * site's data/drift-history.json) and a DORA report. The data is gathered here, redacted by the
 * contract's rules, checked against schemas/site-data.schema.json and drawn by site/site-render.ts.
 * The site is written into a scratch folder beside --out and swapped in whole, so a failed run
 * leaves the previous site (or nothing) and never a part of one.
 */
import { byCodeUnit } from "../common/compare.ts";
import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { errnoCode, getErrorMessage, isUserError, jsonErrorPosition, UserError } from "../common/errors.ts";
import { escapeMarkdown } from "../common/markdown.ts";
import { escapeRegExp } from "../common/regexp.ts";
import { assertValid, assertWritable } from "../common/schema-validation.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { isRedacted, type Redactor } from "../data/pii/redact.ts";
import type { DriftReport } from "../drift/report-types.ts";
import { withClone, type GitWorkspace } from "../git/git-workspace.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { readGitHistory, readPullRequestHistory } from "../gitops/dora-history.ts";
import type { PromotionEvent } from "../gitops/dora.ts";
import type { DoraReport } from "../gitops/dora-report.ts";
import { parseModelUri } from "../gitops/model-uri.ts";
import { manifestReader, readEnvironmentState } from "../gitops/promotion-pr.ts";
import type { GitOpsSettings } from "../gitops/rollout-settings.ts";
import { LocalStore } from "../registry/local-store.ts";
import { isModelName } from "../registry/model-version.ts";
import type { ModelManifest, RegistryStore, StoredVersion } from "../registry/registry-types.ts";
import {
  DRIFT_HISTORY_SCHEMA,
  SITE_SCHEMA,
  type DriftHistory,
  type DriftPoint,
  type SiteData,
  type SiteDeployment,
  type SiteDora,
  type SiteExplanations,
  type SiteFairness,
  type SitePromotion,
  type SiteVersion,
} from "../site/site-data.ts";
import { renderSite } from "../site/site-render.ts";
import type { GitOpsInputs } from "./promote-stage.ts";
import { environmentNames, resolveEnvironment, resolveGitOps } from "./promote-settings.ts";
import { checkRunReleaseProvenance } from "./provenance-stage.ts";
import { openRunRegistry } from "./registry-stage.ts";
import { contractRedactor } from "./reference-data.ts";
import { redactRemote } from "./dora-stage.ts";
import { resolveRegistry } from "./release-settings.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import siteSchema from "../../schemas/site-data.schema.json" with { type: "json" };
import historySchema from "../../schemas/drift-history.schema.json" with { type: "json" };
import driftSchema from "../../schemas/drift-report.schema.json" with { type: "json" };
import doraSchema from "../../schemas/dora-report.schema.json" with { type: "json" };
import gateReportSchema from "../../schemas/gate-report.schema.json" with { type: "json" };
import { upgradeBySchema } from "../common/format-version.ts";

export type { SiteData } from "../site/site-data.ts";

/** Where the site goes without --out. */
export const DEFAULT_SITE_OUT = ".modelship/site";
const DEFAULT_TITLE = "Model dashboard";
const DRIFT_REPORT_NAME = "drift-report.json";

export interface SiteStageOptions {
  /** The site's folder (default .modelship/site); replaced whole. */
  outDir?: string;
  /** drift-report.json files, folders searched for them, or a previous site's data/drift-history.json. */
  drift?: string[];
  /** A dora-report.json. */
  dora?: string;
  title?: string;
  /** Only these models (default every model found). */
  models?: string[];
  /** The time the site says it was made (default now). */
  now?: Date;
  gitops: GitOpsInputs;
}

export interface SiteStageResult {
  outDir: string;
  indexPath: string;
  /** HTML pages written. */
  pages: number;
  data: SiteData;
}

// ---------------------------------------------------------------- drift inputs

/** Reads a JSON file for `flag`: a missing file or malformed JSON is a UserError naming both. */
async function readJsonInput(path: string, flag: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`${errnoCode(error) === "ENOENT" ? "no such file" : getErrorMessage(error)} (${flag})`, {
      file: path,
      hint: `give ${flag} the path of a ${what}`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`not valid JSON (${flag}): ${getErrorMessage(error)}`, {
      file: path,
      ...jsonErrorPosition(error),
      hint: `give ${flag} a ${what} as modelship writes it`,
    });
  }
}

/** Every drift-report.json under `dir`, in path order (links are not followed). */
async function findDriftReports(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findDriftReports(path)));
    else if (entry.isFile() && entry.name === DRIFT_REPORT_NAME) found.push(path);
  }
  return found;
}

/** A drift report as one point of its model's trend; undefined (with a warning) when it names no model. */
function driftPoint(
  report: DriftReport,
  path: string,
  fallbackModel: string | undefined,
  warn: (text: string) => void,
): DriftPoint | undefined {
  const model = report.model?.name ?? fallbackModel;
  if (model === undefined) {
    warn(`${path} names no model (model.name) and modelship.yaml has no model: it is left out of the drift trend`);
    return undefined;
  }
  return {
    model,
    environment: report.environment ?? "default",
    created: new Date(report.created).toISOString(),
    ...(report.model?.version === undefined ? {} : { version: report.model.version }),
    status: report.status,
    share: report.share,
    threshold: report.settings.share,
    driftedColumns: [...report.drifted_columns],
    columnsChecked: report.columns_checked,
    ...(report.performance === undefined
      ? {}
      : {
          performance: {
            metric: report.performance.metric,
            current: report.performance.current,
            ...(report.performance.reference === undefined ? {} : { reference: report.performance.reference }),
            status: report.performance.status,
          },
        }),
  };
}

/**
 * The drift points of every --drift path, deduplicated by (model, environment, created): a drift
 * report wins over a history's point, and among each kind a later path wins. A history is read only
 * when named as a file: inside a folder of artifacts, a `drift-report.json` that holds a history (any
 * number of points for any model) is left out with a warning, so one uploaded file cannot rewrite
 * every model's trend. A point whose model is not a valid model name is left out with a warning.
 */
export async function readDriftInputs(
  paths: readonly string[],
  fallbackModel: string | undefined,
  warn: (text: string) => void,
): Promise<DriftPoint[]> {
  const fromHistory = new Map<string, DriftPoint>();
  const fromReports = new Map<string, DriftPoint>();
  const add = (into: Map<string, DriftPoint>, point: DriftPoint, file: string) => {
    if (!isModelName(point.model)) {
      warn(`${file}: ${JSON.stringify(point.model)} is not a valid model name: its drift point is left out`);
      return;
    }
    const created = new Date(point.created);
    if (Number.isNaN(created.getTime())) {
      warn(`${file}: ${JSON.stringify(point.created)} is not a time: its drift point is left out`);
      return;
    }
    const normal = { ...point, created: created.toISOString() };
    into.set(JSON.stringify([normal.model, normal.environment, normal.created]), normal);
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UserError("no such file or folder (--drift)", {
        file: path,
        hint: "give --drift a drift-report.json, a folder holding drift-report.json files, or a previous site's data/drift-history.json",
      });
    }
    const files = info.isDirectory() ? await findDriftReports(path) : [path];
    if (info.isDirectory() && files.length === 0) warn(`--drift ${path}: no ${DRIFT_REPORT_NAME} in this folder`);
    for (const file of files) {
      const data = await readJsonInput(file, "--drift", "drift-report.json or data/drift-history.json");
      if (typeof data === "object" && data !== null && (data as { schema?: unknown }).schema === DRIFT_HISTORY_SCHEMA) {
        if (info.isDirectory()) {
          warn(`${file} holds a drift history, not a drift report: left out (give a history to --drift as a file of its own)`);
          continue;
        }
        const history = assertValid<DriftHistory>(historySchema, data, { file, what: "drift history (--drift)" });
        for (const point of history.points) add(fromHistory, point, file);
        continue;
      }
      const report = assertValid<DriftReport>(driftSchema, data, { file, what: "drift report (--drift)" });
      const point = driftPoint(report, file, fallbackModel, warn);
      if (point !== undefined) add(fromReports, point, file);
    }
  }
  const points = new Map([...fromHistory, ...fromReports]);
  return [...points.values()].sort(
    (a, b) => byCodeUnit(a.model, b.model) || byCodeUnit(a.environment, b.environment) || byCodeUnit(a.created, b.created),
  );
}

// ---------------------------------------------------------------- DORA

async function readDora(path: string): Promise<SiteDora> {
  const data = await readJsonInput(path, "--dora", "dora-report.json (modelship dora)");
  const report = assertValid<DoraReport>(doraSchema, data, { file: path, what: "DORA report (--dora)" });
  return {
    created: report.created,
    window: report.window,
    rows: report.models.map((figures) => ({
      model: figures.model,
      environment: figures.environment,
      deploymentFrequency: { perWeek: figures.deploymentFrequency.perWeek, band: figures.deploymentFrequency.band },
      leadTime: { medianHours: figures.leadTime.medianHours, band: figures.leadTime.band },
      changeFailureRate: { rate: figures.changeFailureRate.rate, band: figures.changeFailureRate.band },
      timeToRestore: { medianHours: figures.timeToRestore.medianHours, band: figures.timeToRestore.band },
    })),
  };
}

// ---------------------------------------------------------------- GitOps

interface GitOpsView {
  gitops: SiteData["gitops"];
  deployments: SiteDeployment[];
  promotions: SitePromotion[];
}

/** What each environment serves and the promotion history, from one read-only clone; without GitOps settings, why none. */
async function readGitOps(options: SiteStageOptions, run: StageRun, loaded: LoadedConfig, model: string | undefined): Promise<GitOpsView> {
  const inputs = options.gitops;
  const configured = loaded.config?.promote;
  if (configured === undefined && inputs.remote === undefined && inputs.gitopsRepo === undefined)
    return {
      gitops: { none: "modelship.yaml has no promote section, and neither --remote nor --gitops-repo was given" },
      deployments: [],
      promotions: [],
    };
  const settings: GitOpsSettings = resolveGitOps(
    { repository: inputs.gitopsRepo, remote: inputs.remote, base: inputs.base, serverUrl: run.serverUrl },
    loaded,
  );
  const token = inputs.gitopsToken ?? run.token;
  const names = environmentNames(loaded);
  const tagFormat = inputs.tagFormat ?? loaded.config?.release?.tag_format;
  const clone = { remote: settings.remote, base: settings.base, depth: 1, ...(token === undefined ? {} : { token }), logger: run.logger };
  const { deployments, gitEvents } = await withClone(clone, async (workspace: GitWorkspace) => {
    const read = manifestReader(workspace, `origin/${settings.base}`);
    const found: SiteDeployment[] = [];
    for (const name of names) {
      const environment = resolveEnvironment(name, loaded);
      try {
        const state = await readEnvironmentState(read, environment, run.logger);
        const uri = state.stable?.uri ?? state.canary?.uri;
        const served = (uri === undefined ? undefined : parseModelUri(uri, tagFormat)?.model) ?? model ?? "(unknown)";
        const owned = (deployed: { version: string; uri: string } | undefined) =>
          deployed === undefined
            ? undefined
            : { version: sameModel(deployed.uri, served, tagFormat) ? deployed.version : "", uri: deployed.uri };
        const stable = owned(state.stable);
        const canary = state.canary === undefined ? undefined : { ...owned(state.canary)!, weight: state.canary.weight };
        found.push({
          model: served,
          environment: name,
          strategy: environment.strategy,
          ...(stable === undefined ? {} : { stable }),
          ...(canary === undefined ? {} : { canary }),
        });
      } catch (error) {
        if (!isUserError(error)) throw error;
        found.push({ model: model ?? "(unknown)", environment: name, strategy: environment.strategy, problem: error.message });
      }
    }
    // Without GitHub pull requests to read (no repository, or no token), the base branch's git history.
    const useGitHub = settings.repository !== undefined && token !== undefined && token !== "";
    return { deployments: found, gitEvents: useGitHub ? undefined : await readGitHistory(workspace) };
  });
  let events: PromotionEvent[];
  if (gitEvents !== undefined) events = gitEvents;
  else {
    const client = createGitHubClient({ token: token!, logger: run.logger, userAgentVersion: run.toolVersion });
    events = await readPullRequestHistory(client, { repository: settings.repository!, base: settings.base, since: new Date(0) });
  }
  const promotions = events.map((event) => ({
    model: event.model,
    version: event.version,
    environment: event.environment,
    action: event.action,
    openedAt: event.openedAt,
    mergedAt: event.mergedAt,
    ...(event.url !== undefined ? { ref: event.url } : event.ref === "" ? {} : { ref: event.ref }),
  }));
  return { gitops: { remote: redactRemote(settings.remote), base: settings.base, environments: names }, deployments, promotions };
}

function sameModel(uri: string, model: string, tagFormat: string | undefined): boolean {
  const named = parseModelUri(uri, tagFormat)?.model;
  return named === undefined || named === model;
}

// ---------------------------------------------------------------- registry

/** The models a local registry folder holds (its model folders); none for a GitHub registry, which cannot list them. */
async function registryModels(store: RegistryStore): Promise<string[]> {
  if (!(store instanceof LocalStore)) return [];
  try {
    const entries = await readdir(store.root, { withFileTypes: true });
    // A folder that is not a model's (not a valid model name) is not listed: store.list would refuse it.
    return entries.filter((entry) => entry.isDirectory() && isModelName(entry.name)).map((entry) => entry.name);
  } catch (error) {
    // Not there yet (no release), or a file: store.list says what is wrong with it.
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
    throw error;
  }
}

/** Reads the release's files the site shows (gate report, model card), each checked against its sha256 in the manifest. */
class ReleaseFiles {
  readonly #store: RegistryStore;
  readonly #scratch: string;
  readonly #downloaded = new Map<string, string>();
  constructor(store: RegistryStore, scratch: string) {
    this.#store = store;
    this.#scratch = scratch;
  }

  async read(manifest: ModelManifest, name: string): Promise<Buffer> {
    const entry = manifest.files.find((file) => file.name === name);
    if (entry === undefined) throw new Error(`${name} is not in the manifest`);
    let dir: string;
    if (this.#store instanceof LocalStore) dir = join(this.#store.root, manifest.name, manifest.version);
    else {
      const key = `${manifest.name}@${manifest.version}`;
      let folder = this.#downloaded.get(key);
      if (folder === undefined) {
        folder = join(this.#scratch, String(this.#downloaded.size));
        await mkdir(folder, { recursive: true });
        // Only what the site shows: a model file may be large, and every version is read.
        const shown = manifest.files.filter((file) => file.role === "gate-report" || file.role === "model-card").map((file) => file.name);
        await this.#store.download(manifest.name, manifest.version, folder, { only: shown });
        this.#downloaded.set(key, folder);
      }
      dir = folder;
    }
    const bytes = await readFile(join(dir, name));
    if (createHash("sha256").update(bytes).digest("hex") !== entry.sha256)
      throw new Error(`${name} does not match its sha256 in the release's manifest; it is not shown`);
    return bytes;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function interval(value: unknown): [number, number] | undefined {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && typeof value[1] === "number"
    ? [value[0], value[1]]
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * How each group name of a fairness section may be shown: a group of a column whose values are
 * redacted that is not already a pseudonym (a report from before redaction, or from another tool)
 * gets its keyed pseudonym, or without a key `[redacted N]` in sorted order as the gate report numbers
 * them, so groups stay apart; another name goes through the detectors. Undefined: shown as it is.
 */
function groupNames(section: Json, redactor: Redactor): Map<string, string> {
  const columns = stringsOf(section.columns);
  const redacted = columns.some((column) => redactor.redacts(column));
  const groups = (Array.isArray(section.groups) ? section.groups : []).filter(isObject);
  const raw = [...new Set([...groups.map((group) => str(group.label) ?? ""), str(section.privileged) ?? ""])].filter(
    (label) => label !== "" && !isRedacted(label),
  );
  raw.sort(byCodeUnit);
  const names = new Map<string, string>();
  raw.forEach((label, index) => {
    if (redacted) names.set(label, redactor.keyed ? redactor.hide(label) : `[redacted ${index + 1}]`);
    // One column: its own rules (a sensitive column keeps its names); several: the detectors on the whole label.
    else names.set(label, redactor.value(columns.length === 1 ? columns[0] : undefined, label));
  });
  return names;
}

/** A fairness section with its group names as groupNames says; rates and counts stay. */
export function redactFairness(section: Json, redactor: Redactor): SiteFairness {
  const columns = stringsOf(section.columns);
  const names = groupNames(section, redactor);
  const label = (text: string): string => names.get(text) ?? (isRedacted(text) ? text : redactor.value(undefined, text));
  const groups = (Array.isArray(section.groups) ? section.groups : []).filter(isObject).map((group) => ({
    label: label(str(group.label) ?? ""),
    count: num(group.count) ?? 0,
    small: group.small === true,
    rates: Object.fromEntries(Object.entries(isObject(group.rates) ? group.rates : {}).map(([name, value]) => [name, num(value)])),
    ...(isObject(group.ci)
      ? { ci: Object.fromEntries(Object.entries(group.ci).flatMap(([name, value]) => (interval(value) ? [[name, interval(value)!]] : []))) }
      : {}),
  }));
  const metrics = Object.entries(isObject(section.metrics) ? section.metrics : {})
    .filter(([, value]) => isObject(value))
    .map(([name, value]) => {
      const metric = value as Json;
      const worst = str(metric.worst);
      const ci = interval(metric.ci);
      return { name, value: num(metric.value), ...(ci ? { ci } : {}), ...(worst === undefined ? {} : { worst: label(worst) }) };
    });
  const privileged = str(section.privileged);
  return {
    grouping: str(section.grouping) ?? columns.join(" × "),
    columns,
    ...(privileged === undefined ? {} : { privileged: label(privileged) }),
    groups,
    metrics,
    redacted: columns.some((column) => redactor.redacts(column)),
  };
}

function readExplanations(value: unknown): SiteExplanations | undefined {
  if (!isObject(value)) return undefined;
  const list = Array.isArray(value.features) ? value.features : Array.isArray(value.importances) ? value.importances : [];
  const features = list.filter(isObject).flatMap((feature) => {
    const name = str(feature.feature) ?? str(feature.name);
    const importance = num(feature.importance) ?? num(feature.mean);
    // An undefined importance stays in the list (shown as "—"): a sensitive column must not drop out of sight.
    if (name === undefined) return [];
    const ci = interval(feature.ci);
    const std = num(feature.std);
    return [
      {
        feature: name,
        importance,
        ...(std === null ? {} : { std }),
        ...(ci ? { ci } : {}),
        ...(feature.sensitive === true ? { sensitive: true } : {}),
        ...(feature.proxy === true ? { proxy: true } : {}),
      },
    ];
  });
  features.sort((a, b) => (b.importance ?? -Infinity) - (a.importance ?? -Infinity) || byCodeUnit(a.feature, b.feature));
  const metric = str(value.metric);
  const rows = num(value.rows);
  const repeats = num(value.repeats);
  return {
    method: str(value.method) ?? "permutation importance",
    ...(metric === undefined ? {} : { metric }),
    ...(rows === null ? {} : { rows }),
    ...(repeats === null ? {} : { repeats }),
    features,
  };
}

/** The card's text with every line where a PII detector fires replaced: the card is free text. */
function redactCard(card: string, redactor: Redactor): string {
  return card
    .split("\n")
    .map((line) => (line.trim() === "" || redactor.value(undefined, line) === line ? line : "[redacted line]"))
    .join("\n");
}

/** A version as the site shows it: the manifest, and the gate report and card read from the release. */
async function readVersion(
  located: StoredVersion,
  files: ReleaseFiles,
  redactor: Redactor,
  provenance: SiteVersion["provenance"]["attestation"],
  retired: SiteVersion["retired"],
): Promise<SiteVersion> {
  const manifest = located.manifest;
  const problems: string[] = [];
  const version: SiteVersion = {
    model: manifest.name,
    version: manifest.version,
    tag: manifest.tag,
    url: located.url,
    created: manifest.created,
    digest: manifest.digest,
    ...(retired === undefined ? {} : { retired }),
    gate: {
      verdict: manifest.gate.verdict,
      modelMatches: manifest.gate.modelMatches,
      allowUngated: manifest.gate.allowUngated,
      ...(manifest.gate.reportSha256 === undefined ? {} : { reportSha256: manifest.gate.reportSha256 }),
      ...(manifest.gate.reason === undefined ? {} : { reason: manifest.gate.reason }),
    },
    metrics: Object.entries(manifest.metrics).map(([name, estimate]) => ({
      name,
      value: estimate.value,
      ...(estimate.ci ? { ci: estimate.ci } : {}),
    })),
    gates: [],
    fairness: [],
    lineage: {
      ...(manifest.lineage.gitSha === undefined ? {} : { gitSha: manifest.lineage.gitSha }),
      ...(manifest.lineage.runUrl === undefined ? {} : { runUrl: manifest.lineage.runUrl }),
      data: manifest.lineage.data ?? [],
      ...(manifest.lineage.trainConfigSha256 === undefined ? {} : { trainConfigSha256: manifest.lineage.trainConfigSha256 }),
      ...(manifest.lineage.runRecordSha256 === undefined ? {} : { runRecordSha256: manifest.lineage.runRecordSha256 }),
      ...(manifest.lineage.previousVersion === undefined ? {} : { previousVersion: manifest.lineage.previousVersion }),
    },
    provenance: { manifestSha256: located.manifestSha256, attestation: provenance },
    files: manifest.files.map((file) => ({ name: file.name, role: file.role, sha256: file.sha256, bytes: file.bytes })),
    problems,
  };
  const gateFile = manifest.files.find((file) => file.role === "gate-report");
  let report: Json | undefined;
  if (gateFile === undefined) problems.push("the release has no gate report");
  else {
    try {
      const parsed: unknown = JSON.parse((await files.read(manifest, gateFile.name)).toString("utf8"));
      const upgraded = upgradeBySchema(gateReportSchema, parsed, { file: gateFile.name, what: "gate report" });
      if (!isObject(upgraded)) throw new Error("it is not a JSON object");
      report = upgraded;
      readGateReport(report, version, redactor);
    } catch (error) {
      problems.push(`the gate report could not be read: ${getErrorMessage(error)}`);
    }
  }
  const cardFile = manifest.files.find((file) => file.role === "model-card");
  if (cardFile !== undefined) {
    try {
      const card = redactCard((await files.read(manifest, cardFile.name)).toString("utf8"), redactor);
      version.card = report === undefined ? card : replaceGroupNames(card, undefined, report, redactor);
    } catch (error) {
      problems.push(`the model card could not be read: ${getErrorMessage(error)}`);
    }
  }
  return version;
}

/** Fills the version's gates, metrics, fairness, explanations and champion from its gate report. */
function readGateReport(report: Json, version: SiteVersion, redactor: Redactor): void {
  const summary = isObject(report.summary)
    ? Object.fromEntries(Object.entries(report.summary).flatMap(([key, value]) => (typeof value === "number" ? [[key, value]] : [])))
    : {};
  const model = isObject(report.model) ? report.model : {};
  const data = isObject(report.data) ? report.data : {};
  const task = str(model.task);
  const rows = num(data.rows);
  version.report = {
    verdict: str(report.verdict) ?? "unknown",
    created: str(report.created) ?? "",
    ...(task === undefined ? {} : { task }),
    ...(rows === null ? {} : { rows }),
    summary,
  };
  if (isObject(report.metrics))
    version.metrics = Object.entries(report.metrics)
      .filter(([, value]) => isObject(value))
      .map(([name, value]) => {
        const ci = interval((value as Json).ci);
        return { name, value: num((value as Json).value), ...(ci ? { ci } : {}) };
      });
  version.gates = (Array.isArray(report.gates) ? report.gates : []).filter(isObject).map((gate) => {
    const threshold = isObject(gate.threshold) ? gate.threshold : {};
    const ci = interval(gate.ci);
    const min = num(threshold.min);
    const max = num(threshold.max);
    return {
      id: str(gate.id) ?? "",
      kind: str(gate.kind) ?? "",
      name: str(gate.name) ?? str(gate.id) ?? "",
      metric: str(gate.metric) ?? "",
      status: str(gate.status) ?? "",
      severity: str(gate.severity) ?? "",
      value: num(gate.value),
      observed: num(gate.observed),
      ...(ci ? { ci } : {}),
      threshold: { ...(min === null ? {} : { min }), ...(max === null ? {} : { max }) },
      n: num(gate.n) ?? 0,
      // A gate's reason may quote a group's name (fairness gates name the worst group).
      reason: replaceGroupNames(str(gate.reason) ?? "", str(gate.grouping), report, redactor),
    };
  });
  version.fairness = (Array.isArray(report.fairness) ? report.fairness : [])
    .filter(isObject)
    .map((section) => redactFairness(section, redactor));
  const explanations = readExplanations(report.explanations);
  if (explanations !== undefined) version.explanations = explanations;
  if (isObject(report.champion)) {
    const source = str(report.champion.source);
    const sha256 = str(report.champion.sha256);
    if (source !== undefined && sha256 !== undefined) version.lineage.champion = { source, sha256 };
  }
}

/**
 * Text quoting group names (a gate's reason, the model card) with the names of redacted groups
 * replaced as the fairness tables show them, longest first: of the `grouping`'s groups, or of every
 * grouping when undefined (a card from before the column was redacted may name them).
 */
export function replaceGroupNames(reason: string, grouping: string | undefined, report: Json, redactor: Redactor): string {
  let text = reason;
  for (const section of (Array.isArray(report.fairness) ? report.fairness : []).filter(isObject)) {
    if (grouping !== undefined && section.grouping !== grouping) continue;
    const names = [...groupNames(section, redactor)].filter(([raw, shown]) => raw !== shown).sort(([a], [b]) => b.length - a.length);
    for (const [raw, shown] of names) {
      // As written, and as the model card's markdown escapes it (`Asian\_Pac\_Islander`); a whole name
      // only, so a group "Black" leaves "Blackwell" alone.
      for (const form of new Set([raw, escapeMarkdown(raw)]))
        text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, "gu"), () => shown);
    }
  }
  return text;
}

// ---------------------------------------------------------------- writing

/** Refuses an --out that holds something other than a site modelship wrote (it is replaced whole). */
async function checkOutDir(outDir: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await lstat(outDir)).isDirectory())
      throw new UserError(`--out ${outDir} is a file, not a folder`, { hint: "give --out a folder of its own (default .modelship/site)" });
    entries = await readdir(outDir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    throw error;
  }
  if (entries.length === 0) return;
  let previous: unknown;
  try {
    previous = JSON.parse(await readFile(join(outDir, "data", "site.json"), "utf8"));
  } catch {
    previous = undefined;
  }
  if (!isObject(previous) || previous.schema !== SITE_SCHEMA)
    throw new UserError(`--out ${outDir} holds files that are not a site modelship wrote; it would be replaced whole`, {
      hint: "give --out an empty or new folder, or the folder of a previous `modelship site`",
    });
}

/** Writes `files` (relative path → text) as the folder `outDir`, swapped in whole; a failure leaves what was there. */
async function writeSiteFolder(outDir: string, files: Map<string, string>): Promise<void> {
  const parent = dirname(resolve(outDir));
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(outDir)}.${randomBytes(6).toString("hex")}.tmp`);
  const old = `${staging}.old`;
  try {
    for (const [path, text] of files) {
      const target = join(staging, path);
      if (!resolve(target).startsWith(resolve(staging) + sep)) throw new Error(`internal error: ${path} leaves the site`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    let replaced = false;
    try {
      await rename(outDir, old);
      replaced = true;
    } catch (error) {
      if (errnoCode(error) !== "ENOENT") throw error;
    }
    try {
      await rename(staging, outDir);
    } catch (error) {
      if (replaced) await rename(old, outDir).catch(() => undefined);
      throw error;
    }
    if (replaced) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const problem = {
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "the file system is read-only",
      ENOSPC: "the disk is full",
    }[errnoCode(error) ?? ""];
    if (problem === undefined) throw error;
    throw new UserError(`cannot write the site to ${outDir}: ${problem}`, { hint: "choose another --out folder", cause: error });
  }
}

// ---------------------------------------------------------------- the stage

export async function runSiteStage(options: SiteStageOptions, run: StageRun): Promise<SiteStageResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const now = options.now ?? new Date();
  const outDir = options.outDir ?? DEFAULT_SITE_OUT;
  await checkOutDir(outDir);
  const configModel = loaded.config?.model;
  const warn = (text: string) => {
    run.logger.warning(text);
  };
  // Inputs first: a bad --drift or --dora fails before anything is cloned or downloaded.
  const drift = await readDriftInputs(options.drift ?? [], configModel, warn);
  const dora = options.dora === undefined ? undefined : await readDora(options.dora);
  const redactor = await contractRedactor(loaded);
  const store = openRunRegistry(run, loaded, { registry: options.gitops.registry, tagFormat: options.gitops.tagFormat });
  const view = await readGitOps(options, run, loaded, configModel);

  const wanted = options.models === undefined ? undefined : new Set(options.models);
  const found = new Set<string>([
    ...(await registryModels(store)),
    ...(configModel === undefined ? [] : [configModel]),
    ...view.deployments.map((deployment) => deployment.model),
    ...view.promotions.map((promotion) => promotion.model),
    ...drift.map((point) => point.model),
    ...(options.models ?? []),
  ]);
  const names = [...found].filter((name) => name !== "(unknown)" && (wanted === undefined || wanted.has(name))).sort(byCodeUnit);

  const registrySpec = resolveRegistry(options.gitops.registry, loaded, run.defaultRegistry);
  const scratch = await mkdtemp(join(tmpdir(), "modelship-site-"));
  let models: SiteData["models"];
  try {
    const files = new ReleaseFiles(store, scratch);
    models = [];
    for (const name of names) {
      // A registry that cannot be listed (a file, no access) fails the site: a dashboard of nothing would mislead.
      const listed = await store.list(name);
      const marks = new Map((await store.retirements(name)).map((mark) => [mark.version, mark]));
      const versions: SiteVersion[] = [];
      for (const info of listed) {
        const located = await store.locate(name, info.version);
        if (located === undefined) continue;
        const mark = marks.get(info.version);
        const retired =
          mark === undefined
            ? undefined
            : {
                at: mark.retiredAt,
                ...(mark.reason === undefined ? {} : { reason: mark.reason }),
                ...(mark.by === undefined ? {} : { by: mark.by }),
              };
        versions.push(await readVersion(located, files, redactor, await attestation(run, loaded, registrySpec, located), retired));
      }
      if (versions.length > 0 || view.deployments.some((deployment) => deployment.model === name)) models.push({ name, versions });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const data: SiteData = {
    schema: SITE_SCHEMA,
    tool: { name: "modelship", version: run.toolVersion },
    created: now.toISOString(),
    title: options.title ?? DEFAULT_TITLE,
    registry: { description: store.description },
    gitops: view.gitops,
    models,
    deployments: view.deployments.filter((deployment) => wanted === undefined || wanted.has(deployment.model)),
    promotions: view.promotions.filter((promotion) => wanted === undefined || wanted.has(promotion.model)),
    drift: drift.filter((point) => wanted === undefined || wanted.has(point.model)),
    ...(dora === undefined ? {} : { dora: { ...dora, rows: dora.rows.filter((row) => wanted === undefined || wanted.has(row.model)) } }),
    redactedColumns: redactor.columns(),
  };
  assertWritable(siteSchema, data, "site data");
  const history: DriftHistory = { schema: DRIFT_HISTORY_SCHEMA, points: drift };
  assertWritable(historySchema, history, "drift history");
  const pages = renderSite(data);
  const pageCount = [...pages.keys()].filter((path) => path.endsWith(".html")).length;
  pages.set("data/site.json", `${JSON.stringify(data, null, 2)}\n`);
  pages.set("data/drift-history.json", `${JSON.stringify(history, null, 2)}\n`);
  await writeSiteFolder(outDir, pages);
  return { outDir, indexPath: join(outDir, "index.html"), pages: pageCount, data };
}

/** What the site says of a release's attestations: verified, not checked (a folder registry, provenance off) or not verified, and why. */
async function attestation(
  run: StageRun,
  loaded: LoadedConfig,
  registrySpec: string,
  located: StoredVersion,
): Promise<SiteVersion["provenance"]["attestation"]> {
  try {
    const statement = await checkRunReleaseProvenance({
      run,
      loaded,
      registrySpec,
      release: located,
      refusal: `the attestations of ${located.manifest.name}@${located.manifest.version} are not verified`,
    });
    return { status: statement.status === "pass" ? "verified" : "not-checked", detail: statement.text };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { status: "not-verified", detail: error.message };
  }
}

/** The site's path relative to the working directory, for messages. */
export function sitePathForDisplay(path: string, cwd: string): string {
  const shown = relative(cwd, resolve(cwd, path));
  return shown === "" ? "." : shown.startsWith("..") ? resolve(cwd, path) : shown;
}
