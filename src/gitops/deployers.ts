/**
 * Who deploys a file of the GitOps repository: the Argo CD Applications (and ApplicationSets) and
 * the Flux Kustomizations and HelmReleases that the repository's own manifests declare, read at the
 * base ref. A promotion PR names them beside each changed file, and warns when nothing in the
 * repository deploys a file (merging it would then change nothing in a cluster).
 *
 * Best effort by design: a YAML file that does not parse, or whose aliases expand too far, is
 * skipped (and counted in a note), never a failure of the promotion. The rules follow upstream:
 * - Argo CD: https://argo-cd.readthedocs.io/en/stable/user-guide/directory/ (plain directories:
 *   `.yaml`, `.yml`, `.json`, `.jsonnet` at the path's root unless `directory.recurse`; `include` and
 *   `exclude` are globs on the path relative to the source's path, `*` crossing `/` as Argo CD's
 *   gobwas globs do), https://argo-cd.readthedocs.io/en/stable/user-guide/helm/ (`helm.valueFiles`
 *   relative to the source's path, `$ref/…` from another source of the same Application) and
 *   https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/.
 * - Flux: https://fluxcd.io/flux/components/kustomize/kustomizations/ (`spec.path` relative to the
 *   source's root, default `./`; without a kustomization.yaml the controller generates one of every
 *   `.yaml`/`.yml` file below the path, a sub-folder with its own kustomization file taken whole) and
 *   https://fluxcd.io/flux/components/helm/helmreleases/ (`spec.chart.spec.chart` a path in a
 *   GitRepository, `valuesFiles` relative to that source's root; `spec.chartRef` to a HelmChart).
 * Only sources that are this repository count: a repoURL (Argo CD) or a GitRepository's url (Flux)
 * is compared with the GitOps remote and OWNER/REPO after normalising (scheme, user, port, `.git`,
 * case). When modelship cannot tell (a local path remote), every source counts and a note says so.
 */
import { posix } from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { isUserError, UserError } from "../common/errors.ts";
import { escapeRegExp } from "../common/regexp.ts";
import { documentData } from "../common/yaml-source.ts";
import type { Logger } from "../common/logger.ts";
import type { GitWorkspace } from "../git/git-workspace.ts";

/** One Argo CD or Flux object that deploys a file. */
export interface Deployer {
  engine: "Argo CD" | "Flux";
  kind: "Application" | "ApplicationSet" | "Kustomization" | "HelmRelease";
  /** `namespace/name`, or `name` when the manifest gives no namespace. */
  name: string;
  /** The manifest in the GitOps repository that declares it. */
  declaredIn: string;
  /** How it reaches the file, e.g. `via kustomization.yaml`, `Helm values file`. */
  via?: string;
  /** What was assumed to count it, e.g. that a GitRepository not in the repository is this one. */
  assumption?: string;
}

export interface DeployerReport {
  /** Each file asked about → who deploys it, sorted; an empty list: nothing in the repository does. */
  files: Map<string, Deployer[]>;
  /** What limited the search (files skipped, caps hit, repoURLs that could not be compared). */
  notes: string[];
}

/** The GitOps repository as the search sees it: every path, and the text of the YAML files worth reading. */
export interface GitOpsTree {
  paths: readonly string[];
  texts: ReadonlyMap<string, string>;
  /** Notes from reading the tree (files skipped for size, the cap on YAML files). */
  notes?: readonly string[];
}

/** How this repository is named, to tell its sources from other repositories'. */
export interface RepositoryIdentity {
  /** Normalised `host/owner/repo` keys that name this repository. */
  keys: ReadonlySet<string>;
  /** Why repoURLs cannot be compared (no key), said in a note. */
  unknown?: string;
}

export interface DeployerLimits {
  /** YAML files larger than this are not read; default 1 MiB. */
  maxFileBytes?: number;
  /** At most this many YAML files are read; default 5,000. */
  maxFiles?: number;
  /** At most this many bytes are read in all; default 64 MiB. */
  maxTotalBytes?: number;
}

const MIB = 1024 * 1024;
const DEFAULT_LIMITS: Required<DeployerLimits> = { maxFileBytes: MIB, maxFiles: 5000, maxTotalBytes: 64 * MIB };
const YAML_FILE = /\.ya?ml$/i;
/** Only these files can declare an Argo CD or Flux object; the rest are not parsed. */
const ENGINE_API = /argoproj\.io|toolkit\.fluxcd\.io/;
const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
/** Files a plain-directory Argo CD application loads (Argo CD's repo server matches the file name). */
const ARGO_MANIFEST = /\.(yaml|yml|json|jsonnet)$/;
const REGULAR = new Set(["100644", "100755"]);

/**
 * `host/owner/repo` in lower case for a git URL (https, ssh, git, scp-like `git@host:owner/repo`),
 * without user, port, trailing slash or `.git`; undefined for a local path or `file://` URL.
 */
export function normalizeRepoUrl(url: string): string | undefined {
  const text = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (parsed.protocol === "file:" || parsed.hostname === "") return undefined;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else if (scp && scp[1]!.length > 1) {
    // A one-letter "host" is a Windows drive (C:\…), not scp syntax.
    host = scp[1]!;
    path = scp[2]!;
  } else return undefined;
  path = path
    .replace(/^\/+|\/+$/g, "")
    .replace(/\.git$/i, "")
    .replace(/\/+$/, "");
  return path === "" ? undefined : `${host}/${path}`.toLowerCase();
}

/** The keys that name the GitOps repository, from its remote and OWNER/REPO. */
export function repositoryIdentity(gitops: { repository?: string; remote: string }): RepositoryIdentity {
  const keys = new Set<string>();
  const remote = normalizeRepoUrl(gitops.remote);
  if (remote !== undefined) keys.add(remote);
  if (gitops.repository !== undefined) {
    keys.add(`github.com/${gitops.repository}`.toLowerCase());
    if (remote !== undefined) keys.add(`${remote.split("/")[0]}/${gitops.repository}`.toLowerCase());
  }
  return keys.size > 0
    ? { keys }
    : {
        keys,
        unknown: `the GitOps remote is a local path, so modelship cannot tell which repoURLs name it; every Argo CD source and Flux GitRepository was taken for this repository`,
      };
}

/**
 * Reads the tree at `ref` for {@link findDeployers}: every path, and the YAML files that mention
 * an Argo CD or Flux API, within the limits (bigger files and files past the cap are left out, in a note).
 */
export async function readGitOpsTree(workspace: GitWorkspace, ref: string, limits: DeployerLimits = {}): Promise<GitOpsTree> {
  const { maxFileBytes, maxFiles, maxTotalBytes } = { ...DEFAULT_LIMITS, ...limits };
  const entries = await workspace.listFiles(ref);
  const notes: string[] = [];
  const wanted: { path: string; sha: string }[] = [];
  const large: string[] = [];
  let total = 0;
  let capped = 0;
  for (const entry of entries) {
    if (!REGULAR.has(entry.mode) || !(YAML_FILE.test(entry.path) || isKustomizationFile(entry.path))) continue;
    if (entry.size > maxFileBytes) large.push(entry.path);
    else if (wanted.length >= maxFiles || total + entry.size > maxTotalBytes) capped++;
    else {
      wanted.push({ path: entry.path, sha: entry.sha });
      total += entry.size;
    }
  }
  if (large.length > 0) notes.push(`${listed(large)} ${large.length === 1 ? "is" : "are"} over ${maxFileBytes} bytes and not read`);
  if (capped > 0) notes.push(`only the first ${wanted.length} YAML files were read; ${capped} more were not`);
  const texts = new Map<string, string>();
  if (wanted.length > 0) {
    // One `cat-file --batch` for every blob: `<sha> blob <size>\n<bytes>\n` each.
    const run = await workspace.git(["cat-file", "--batch"], { input: wanted.map((file) => `${file.sha}\n`).join("") });
    let offset = 0;
    for (const file of wanted) {
      const newline = run.stdout.indexOf(10, offset);
      if (newline === -1) break;
      const size = Number(run.stdout.subarray(offset, newline).toString("utf8").split(" ")[2]);
      if (!Number.isFinite(size)) break;
      const text = run.stdout.subarray(newline + 1, newline + 1 + size).toString("utf8");
      offset = newline + 1 + size + 1;
      if (ENGINE_API.test(text) || isKustomizationFile(file.path)) texts.set(file.path, text);
    }
  }
  return { paths: entries.filter((entry) => entry.mode !== "160000").map((entry) => entry.path), texts, notes };
}

/** Who deploys each of `files` in the GitOps repository at `ref` (read through the workspace). */
export async function deployersAt(
  workspace: GitWorkspace,
  ref: string,
  files: readonly string[],
  gitops: { repository?: string; remote: string },
  limits?: DeployerLimits,
): Promise<DeployerReport> {
  return findDeployers(await readGitOpsTree(workspace, ref, limits), files, repositoryIdentity(gitops));
}

type Data = Record<string, unknown>;

interface Resource {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  spec: Data;
  file: string;
}

/** A rule that says whether (and how) one deployer reaches a file. */
interface Reach {
  deployer: Omit<Deployer, "via">;
  reaches: (file: string) => string | false | undefined;
}

/** Who deploys each of `files` in `tree`; pure, for tests and for {@link deployersAt}. */
export function findDeployers(tree: GitOpsTree, files: readonly string[], identity: RepositoryIdentity): DeployerReport {
  const notes = [...(tree.notes ?? [])];
  const paths = new Set(tree.paths);
  const parsed = parseResources(tree);
  const resources = parsed.resources;
  // A chart's templates are Go templates, not YAML: not parsing them is no news.
  const unreadable = parsed.unreadable.filter((file) => !isChartTemplate(file, paths));
  if (unreadable.length > 0)
    notes.push(
      `${listed(unreadable)} did not parse as YAML (or their aliases expand too far) and ${unreadable.length === 1 ? "was" : "were"} not read`,
    );
  const context: Context = { paths, sorted: [...paths].sort(), tree, identity, resources, assumedRepo: false };
  const rules: Reach[] = [];
  for (const resource of resources) {
    const group = resource.apiVersion.split("/")[0];
    if (group === "argoproj.io" && resource.kind === "Application") rules.push(...applicationRules(resource, context));
    else if (group === "argoproj.io" && resource.kind === "ApplicationSet") rules.push(...applicationSetRules(resource, context));
    else if (group === "kustomize.toolkit.fluxcd.io" && resource.kind === "Kustomization")
      rules.push(...fluxKustomizationRules(resource, context));
    else if (group === "helm.toolkit.fluxcd.io" && resource.kind === "HelmRelease") rules.push(...helmReleaseRules(resource, context));
  }
  if (context.assumedRepo && identity.unknown !== undefined) notes.push(identity.unknown);
  const result = new Map<string, Deployer[]>();
  for (const file of files) {
    const found = new Map<string, Deployer>();
    for (const rule of rules) {
      const via = rule.reaches(file);
      if (via === false) continue;
      const key = `${rule.deployer.engine} ${rule.deployer.kind} ${rule.deployer.name} ${rule.deployer.declaredIn}`;
      if (!found.has(key)) found.set(key, { ...rule.deployer, ...(via === undefined ? {} : { via }) });
    }
    result.set(
      file,
      [...found.values()].sort((a, b) => `${a.engine} ${a.kind} ${a.name}`.localeCompare(`${b.engine} ${b.kind} ${b.name}`)),
    );
  }
  return { files: result, notes };
}

interface Context {
  paths: ReadonlySet<string>;
  sorted: readonly string[];
  tree: GitOpsTree;
  identity: RepositoryIdentity;
  resources: readonly Resource[];
  /** Set when a source counted only because the identity is unknown. */
  assumedRepo: boolean;
}

function parseResources(tree: GitOpsTree): { resources: Resource[]; unreadable: string[] } {
  const resources: Resource[] = [];
  const unreadable: string[] = [];
  for (const [file, text] of tree.texts) {
    const lineCounter = new LineCounter();
    let broken = false;
    for (const document of parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })) {
      if (document.errors.length > 0) {
        broken = true;
        continue;
      }
      let data: unknown;
      try {
        // Refuses an alias bomb before it expands (a UserError), as checkManifestAliases does.
        data = documentData(document, file, lineCounter);
      } catch (error) {
        if (!isUserError(error)) throw error;
        broken = true;
        continue;
      }
      const object = record(data);
      const metadata = record(object?.metadata);
      const apiVersion = string(object?.apiVersion);
      const kind = string(object?.kind);
      const name = string(metadata?.name);
      if (apiVersion === undefined || kind === undefined || name === undefined) continue;
      const namespace = string(metadata?.namespace);
      resources.push({ apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }), spec: record(object?.spec) ?? {}, file });
    }
    if (broken) unreadable.push(file);
  }
  return { resources, unreadable };
}

/** Whether a repoURL (or GitRepository url) is this repository; "assumed" when that cannot be told. */
function isThisRepository(url: string | undefined, context: Context): boolean {
  if (url === undefined) return false;
  if (context.identity.keys.size === 0) {
    context.assumedRepo = true;
    return true;
  }
  const key = normalizeRepoUrl(url);
  return key !== undefined && context.identity.keys.has(key);
}

/** An Application's sources (`spec.source`, or each of `spec.sources`): what each of them reads from this repository. */
function applicationRules(resource: Resource, context: Context): Reach[] {
  const deployer = { engine: "Argo CD" as const, kind: "Application" as const, name: qualified(resource), declaredIn: resource.file };
  const sources = [record(resource.spec.source), ...array(resource.spec.sources).map(record)].filter(
    (source): source is Data => source !== undefined,
  );
  const rules: Reach[] = [];
  const refs = new Map<string, Data>();
  for (const source of sources) {
    const ref = string(source.ref);
    if (ref !== undefined) refs.set(ref, source);
  }
  for (const source of sources) {
    const ours = isThisRepository(string(source.repoURL), context);
    const helm = record(source.helm);
    const path = string(source.path);
    const root = path === undefined || string(source.chart) !== undefined ? undefined : repoPath("", path);
    // Value files: relative to the source's path, or `$ref/…` from the root of the source named ref.
    for (const valueFile of array(helm?.valueFiles)) {
      if (typeof valueFile !== "string") continue;
      const match = /^\$([^/]+)\/(.*)$/.exec(valueFile);
      let target: string | undefined;
      if (match) {
        const refSource = refs.get(match[1]!);
        if (refSource !== undefined && isThisRepository(string(refSource.repoURL), context)) target = repoPath("", match[2]!);
      } else if (ours && root !== undefined) target = repoPath(root, valueFile);
      if (target !== undefined) rules.push({ deployer, reaches: (file) => (file === target ? "Helm values file" : false) });
    }
    if (!ours || root === undefined) continue;
    const type = argoSourceType(source, root, context);
    if (type === "directory") {
      const directory = record(source.directory);
      const recurse = directory?.recurse === true;
      const include = string(directory?.include);
      const exclude = string(directory?.exclude);
      const includeRe = include === undefined || include === "" ? undefined : globRegExp(include, false);
      const excludeRe = exclude === undefined || exclude === "" ? undefined : globRegExp(exclude, false);
      rules.push({
        deployer,
        reaches: (file) => {
          const relative = relativeTo(root, file);
          if (relative === undefined || (!recurse && relative.includes("/"))) return false;
          if (!ARGO_MANIFEST.test(posix.basename(file))) return false;
          if (excludeRe?.test(relative) || (includeRe !== undefined && !includeRe.test(relative))) return false;
          return undefined;
        },
      });
    } else if (type === "kustomize") {
      const listedFiles = kustomizeFiles(root, context);
      rules.push({ deployer, reaches: (file) => (listedFiles.has(file) ? "via kustomization.yaml" : false) });
    } else if (type === "helm") {
      rules.push({ deployer, reaches: (file) => (relativeTo(root, file) === undefined ? false : `Helm chart ${root || "."}`) });
    } else {
      rules.push({ deployer, reaches: (file) => (relativeTo(root, file) === undefined ? false : "config management plugin") });
    }
  }
  return rules;
}

/** Argo CD's source type: the one explicitly configured, else what the path holds (Chart.yaml, a kustomization file). */
function argoSourceType(source: Data, root: string, context: Context): "directory" | "kustomize" | "helm" | "plugin" {
  if (source.plugin !== undefined) return "plugin";
  if (source.kustomize !== undefined) return "kustomize";
  if (source.helm !== undefined) return "helm";
  if (source.directory !== undefined) return "directory";
  if (context.paths.has(repoJoin(root, "Chart.yaml"))) return "helm";
  if (KUSTOMIZATION_FILES.some((name) => context.paths.has(repoJoin(root, name)))) return "kustomize";
  return "directory";
}

/**
 * An ApplicationSet with a git directories generator on this repository: a file whose folder one of
 * its `directories[].path` globs matches (and no `exclude: true` entry does) gets an Application.
 * List, cluster and files generators are not followed.
 */
function applicationSetRules(resource: Resource, context: Context): Reach[] {
  const deployer = { engine: "Argo CD" as const, kind: "ApplicationSet" as const, name: qualified(resource), declaredIn: resource.file };
  const rules: Reach[] = [];
  for (const git of gitGenerators(array(resource.spec.generators), 0)) {
    if (!isThisRepository(string(git.repoURL), context)) continue;
    const includes: RegExp[] = [];
    const excludes: RegExp[] = [];
    for (const entry of array(git.directories).map(record)) {
      const path = string(entry?.path);
      if (path === undefined) continue;
      (entry?.exclude === true ? excludes : includes).push(globRegExp(path.replace(/^\.\/|\/$/g, ""), true));
    }
    if (includes.length === 0) continue;
    rules.push({
      deployer,
      reaches: (file) => {
        // The generated Application syncs the matched folder; a file counts when a folder above it matches.
        for (let dir = posix.dirname(file); dir !== "." && dir !== ""; dir = posix.dirname(dir)) {
          if (includes.some((re) => re.test(dir)) && !excludes.some((re) => re.test(dir))) return `generates an Application for ${dir}`;
        }
        return false;
      },
    });
  }
  return rules;
}

function gitGenerators(generators: unknown[], depth: number): Data[] {
  const found: Data[] = [];
  for (const generator of generators.map(record)) {
    const git = record(generator?.git);
    if (git !== undefined) found.push(git);
    // Matrix and merge generators nest their own generators.
    for (const nested of [record(generator?.matrix), record(generator?.merge)])
      if (nested !== undefined && depth < 3) found.push(...gitGenerators(array(nested.generators), depth + 1));
  }
  return found;
}

/** The GitRepository a Flux object names, when it is this repository (and what was assumed). */
function fluxSource(sourceRef: Data | undefined, owner: Resource, context: Context): { ours: boolean; assumption?: string } {
  if (sourceRef === undefined || string(sourceRef.kind) !== "GitRepository") return { ours: false };
  const name = string(sourceRef.name);
  const namespace = string(sourceRef.namespace) ?? owner.namespace;
  const candidates = context.resources.filter(
    (resource) =>
      resource.apiVersion.startsWith("source.toolkit.fluxcd.io/") &&
      resource.kind === "GitRepository" &&
      resource.name === name &&
      (namespace === undefined || resource.namespace === undefined || resource.namespace === namespace),
  );
  if (candidates.length === 0) {
    // `flux bootstrap` commits the flux-system GitRepository; one not in the repository is taken for it, and said.
    return {
      ours: true,
      assumption: `its GitRepository ${namespace === undefined ? name : `${namespace}/${name}`} is not in this repository; assumed to be this one`,
    };
  }
  return { ours: candidates.some((candidate) => isThisRepository(string(candidate.spec.url), context)) };
}

function fluxKustomizationRules(resource: Resource, context: Context): Reach[] {
  const source = fluxSource(record(resource.spec.sourceRef), resource, context);
  if (!source.ours) return [];
  const root = repoPath("", string(resource.spec.path) ?? "./");
  if (root === undefined) return [];
  const deployer = {
    engine: "Flux" as const,
    kind: "Kustomization" as const,
    name: qualified(resource),
    declaredIn: resource.file,
    ...(source.assumption === undefined ? {} : { assumption: source.assumption }),
  };
  const hasKustomization = KUSTOMIZATION_FILES.some((name) => context.paths.has(repoJoin(root, name)));
  const files = hasKustomization
    ? new Map([...kustomizeFiles(root, context)].map((file) => [file, "via kustomization.yaml"]))
    : generatedFiles(root, context);
  return [{ deployer, reaches: (file) => (files.has(file) ? files.get(file) : false) }];
}

function helmReleaseRules(resource: Resource, context: Context): Reach[] {
  const chartSpec = record(record(resource.spec.chart)?.spec);
  let chart: { chart?: string; sourceRef?: Data; valuesFiles: unknown[]; owner: Resource } | undefined;
  if (chartSpec !== undefined) {
    chart = {
      chart: string(chartSpec.chart),
      sourceRef: record(chartSpec.sourceRef),
      valuesFiles: array(chartSpec.valuesFiles),
      owner: resource,
    };
  } else {
    // spec.chartRef names a HelmChart (source.toolkit.fluxcd.io) that holds the same fields.
    const chartRef = record(resource.spec.chartRef);
    if (chartRef !== undefined && string(chartRef.kind) === "HelmChart") {
      const namespace = string(chartRef.namespace) ?? resource.namespace;
      const helmChart = context.resources.find(
        (candidate) =>
          candidate.apiVersion.startsWith("source.toolkit.fluxcd.io/") &&
          candidate.kind === "HelmChart" &&
          candidate.name === string(chartRef.name) &&
          (namespace === undefined || candidate.namespace === undefined || candidate.namespace === namespace),
      );
      if (helmChart !== undefined)
        chart = {
          chart: string(helmChart.spec.chart),
          sourceRef: record(helmChart.spec.sourceRef),
          valuesFiles: array(helmChart.spec.valuesFiles),
          owner: helmChart,
        };
    }
  }
  if (chart === undefined) return [];
  const source = fluxSource(chart.sourceRef, chart.owner, context);
  if (!source.ours) return [];
  const deployer = {
    engine: "Flux" as const,
    kind: "HelmRelease" as const,
    name: qualified(resource),
    declaredIn: resource.file,
    ...(source.assumption === undefined ? {} : { assumption: source.assumption }),
  };
  const rules: Reach[] = [];
  const chartRoot = chart.chart === undefined ? undefined : repoPath("", chart.chart);
  if (chartRoot !== undefined)
    rules.push({ deployer, reaches: (file) => (relativeTo(chartRoot, file) === undefined ? false : `Helm chart ${chartRoot || "."}`) });
  for (const valuesFile of chart.valuesFiles) {
    const target = typeof valuesFile === "string" ? repoPath("", valuesFile) : undefined;
    if (target !== undefined) rules.push({ deployer, reaches: (file) => (file === target ? "Helm values file" : false) });
  }
  return rules;
}

/**
 * The files a kustomization at `root` takes in: its resources, components, patches and generator
 * files, following folders into their own kustomization files. A kustomization file that cannot
 * be read is taken to include everything below its folder.
 */
function kustomizeFiles(root: string, context: Context, seen = new Set<string>()): Set<string> {
  const files = new Set<string>();
  if (seen.has(root) || seen.size > 100) return files;
  seen.add(root);
  const name = KUSTOMIZATION_FILES.map((candidate) => repoJoin(root, candidate)).find((path) => context.paths.has(path));
  if (name === undefined) return files;
  files.add(name);
  const data = kustomizationData(context.tree.texts.get(name));
  if (data === undefined) {
    for (const path of context.sorted) if (relativeTo(root, path) !== undefined) files.add(path);
    return files;
  }
  const entries: string[] = [];
  for (const key of ["resources", "components", "bases", "patchesStrategicMerge", "crds"])
    for (const entry of array(data[key])) if (typeof entry === "string") entries.push(entry);
  for (const patch of array(data.patches).concat(array(data.patchesJson6902))) {
    const path = string(record(patch)?.path);
    if (path !== undefined) entries.push(path);
  }
  for (const generator of array(data.configMapGenerator).concat(array(data.secretGenerator))) {
    const spec = record(generator);
    for (const entry of [...array(spec?.files), ...array(spec?.envs)])
      if (typeof entry === "string") entries.push(entry.includes("=") ? entry.slice(entry.indexOf("=") + 1) : entry);
    const env = string(spec?.env);
    if (env !== undefined) entries.push(env);
  }
  for (const entry of entries) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(entry) || entry.startsWith("git@")) continue; // a remote base
    const target = repoPath(root, entry);
    if (target === undefined) continue;
    if (context.paths.has(target)) files.add(target);
    else for (const file of kustomizeFiles(target, context, seen)) files.add(file);
  }
  return files;
}

function kustomizationData(text: string | undefined): Data | undefined {
  if (text === undefined) return undefined;
  try {
    const [document] = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
    if (document === undefined || document.errors.length > 0) return undefined;
    return record(documentData(document, "kustomization.yaml"));
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

/**
 * What Flux's generated kustomization.yaml takes in: every `.yaml`/`.yml` below `root`, and a
 * sub-folder with its own kustomization file whole (what that file lists; `via` names it).
 */
function generatedFiles(root: string, context: Context): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>();
  const taken = new Set<string>();
  for (const path of context.sorted) {
    const relative = relativeTo(root, path);
    if (relative === undefined) continue;
    const parts = relative.split("/");
    // The first folder below the root that has a kustomization file takes everything it lists.
    let folder: string | undefined;
    for (let depth = 1; depth < parts.length && folder === undefined; depth++) {
      const candidate = repoJoin(root, parts.slice(0, depth).join("/"));
      if (KUSTOMIZATION_FILES.some((name) => context.paths.has(repoJoin(candidate, name)))) folder = candidate;
    }
    if (folder !== undefined) {
      if (!taken.has(folder)) {
        const base = folder;
        const name = KUSTOMIZATION_FILES.map((candidate) => repoJoin(base, candidate)).find((file) => context.paths.has(file))!;
        for (const file of kustomizeFiles(folder, context)) if (!files.has(file)) files.set(file, `via ${name}`);
      }
      taken.add(folder);
    } else if (/\.ya?ml$/.test(path) && !files.has(path)) files.set(path, undefined);
  }
  return files;
}

const MAX_GLOB_LENGTH = 256;
const MAX_GLOB_WILDCARDS = 8;

/**
 * A glob as Argo CD matches it (gobwas/glob): `*` and `?` cross `/` unless `separators` (then
 * `**` does), `[...]`/`[!...]` classes, `{a,b}` alternatives.
 */
export function globRegExp(pattern: string, separators: boolean): RegExp {
  // A backtracking regex of many `.*` runs takes polynomial time on a crafted pattern (a GitOps file
  // is input an attacker may have merged): past these limits the lookup stops with a warning instead.
  const wildcards = pattern.replace(/\*\*/g, "*").replace(/[^*?]/g, "").length;
  if (pattern.length > MAX_GLOB_LENGTH || wildcards > MAX_GLOB_WILDCARDS)
    throw new UserError(
      `the glob ${JSON.stringify(pattern.slice(0, 80))} is longer than ${MAX_GLOB_LENGTH} characters or has more than ${MAX_GLOB_WILDCARDS} wildcards`,
      { hint: "simplify the Argo CD include/exclude or directories pattern" },
    );
  let out = "";
  let depth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === "*") {
      if (pattern[index + 1] === "*") {
        out += ".*";
        index++;
      } else out += separators ? "[^/]*" : ".*";
    } else if (char === "?") out += separators ? "[^/]" : ".";
    else if (char === "[") {
      const end = pattern.indexOf("]", index + 2);
      if (end === -1) out += "\\[";
      else {
        const body = pattern.slice(index + 1, end);
        out += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`.replace(/\\(?!])/g, "\\\\");
        index = end;
      }
    } else if (char === "{") {
      out += "(?:";
      depth++;
    } else if (char === "}" && depth > 0) {
      out += ")";
      depth--;
    } else if (char === "," && depth > 0) out += "|";
    else if (char === "\\" && index + 1 < pattern.length) out += escapeRegExp(pattern[++index]!);
    else out += escapeRegExp(char);
  }
  if (depth > 0) return /(?!)/; // an unbalanced pattern matches nothing, as gobwas refuses to compile it
  return new RegExp(`^${out}$`);
}

/** `relative` resolved against folder `base` of the repository; "" is the root; undefined when it leaves the repository. */
function repoPath(base: string, relative: string): string | undefined {
  const joined = posix.normalize(posix.join(base, relative.replace(/^\/+/, "")));
  if (joined === ".." || joined.startsWith("../")) return undefined;
  return joined === "." || joined === "./" ? "" : joined.replace(/\/+$/, "");
}

function isChartTemplate(file: string, paths: ReadonlySet<string>): boolean {
  const parts = file.split("/");
  for (let index = parts.indexOf("templates"); index !== -1; index = parts.indexOf("templates", index + 1))
    if (paths.has(repoJoin(parts.slice(0, index).join("/"), "Chart.yaml"))) return true;
  return false;
}

function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(posix.basename(path));
}

function repoJoin(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/** The path of `file` below folder `root`, or undefined when it is not below it. */
function relativeTo(root: string, file: string): string | undefined {
  if (root === "") return file;
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : undefined;
}

function qualified(resource: Resource): string {
  return resource.namespace === undefined ? resource.name : `${resource.namespace}/${resource.name}`;
}

function listed(paths: string[]): string {
  const shown = paths.slice(0, 3).join(", ");
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

function record(value: unknown): Data | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : undefined;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function string(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * {@link deployersAt} for a promotion: a failure to look (git, a bug) is a warning and no deployers
 * in the body, never a failed promotion.
 */
export async function lookUpDeployers(
  workspace: GitWorkspace,
  ref: string,
  files: readonly string[],
  gitops: { repository?: string; remote: string },
  logger: Logger,
): Promise<DeployerReport | undefined> {
  try {
    const report = await deployersAt(workspace, ref, files, gitops);
    for (const [file, deployers] of report.files)
      if (deployers.length === 0)
        logger.warning(
          `${file}: no Argo CD Application or Flux Kustomization/HelmRelease in the GitOps repository deploys it; merging changes nothing in a cluster unless something outside the repository syncs it.`,
        );
    for (const note of report.notes) logger.info(`Deployers: ${note}.`);
    return report;
  } catch (error) {
    logger.warning(
      `could not tell which Argo CD or Flux objects deploy the changed files: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
