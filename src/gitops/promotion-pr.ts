/**
 * One promotion pull request, end to end: clone the GitOps repository, apply the action to every
 * target manifest, validate what changed, push one commit to the (environment, model) branch with
 * a lease, and open or update the pull request — or, without GitHub, leave the pushed branch and
 * the rendered body on disk. A re-run with nothing new changes nothing; a change that the base
 * already holds opens no PR and closes an obsolete one.
 */
import { join } from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { documentData } from "../common/yaml-source.ts";
import type { EnvironmentSettings, GitOpsSettings } from "./rollout-settings.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { publishBranch, type GitWorkspace } from "../git/git-workspace.ts";
import {
  promotionBody,
  promotionBranch,
  promotionCommitMessage,
  promotionTitle,
  readPromotionMark,
  type PromotionView,
  type ReleaseView,
} from "./promotion-body.ts";
import {
  closeObsoletePullRequest,
  commentAndClose,
  commentOn,
  listOpenPullRequests,
  upsertPullRequest,
  type PullRequestResult,
} from "./pull-request.ts";
import { promotionMemoryFloor, type MemoryChange, type MemoryFloor } from "./targets/memory-floor.ts";
import {
  applyAction,
  applyMemoryFloor,
  pullCredentialsWarning,
  readState,
  type ModelRef,
  type RolloutAction,
  type RolloutState,
  type TargetSpec,
} from "./targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "./validate-manifests.ts";
import { ownState } from "./targets/rollout-state.ts";
import { lookUpDeployers } from "./deployers.ts";
import { checkBlueGreenManifest, checkBlueGreenTargets, cutOverNote } from "./targets/blue-green.ts";

export interface PromotionRequest {
  environment: EnvironmentSettings;
  gitops: GitOpsSettings;
  action: RolloutAction;
  /**
   * The model the action is about (the canary's model for step, promote and rollback) and its
   * release, given the state the base branch holds.
   */
  resolve: (before: RolloutState) => Promise<{ model: ModelRef; release: ReleaseView }>;
  /** The release of the model serving now, when the registry has it (links and metric deltas). */
  previous?: (state: RolloutState) => Promise<ReleaseView | undefined>;
  /** A client for the GitOps repository's pull requests; required when gitops.repository is set. */
  github?: GitHubClient;
  /** Local mode: where the rendered PR body goes. */
  outDir: string;
  reason?: string;
  health?: string;
  /** An A/B test's comparison table (ab-markdown.ts): the PR is an A/B verdict, never auto-merged. */
  comparison?: string;
  runUrl?: string;
  /** The state the base holds, when the caller has just read it from this workspace. */
  before?: RolloutState;
  /** The model promoted: a model of another name in the files has no version (see readEnvironmentState). */
  owner?: StateOwner;
  /**
   * Close the environment's other open promotion PRs in favour of this one (saying so in both);
   * without it, another open promotion or rollback PR for the environment refuses the promotion.
   */
  supersede?: boolean;
  rollbackCommand: string;
  logger: Logger;
}

export interface PromotionResult {
  /** opened/updated/unchanged: a PR; pushed: a branch without GitHub; no-change: the base already says this. */
  status: "opened" | "updated" | "unchanged" | "pushed" | "no-change";
  /** The model the PR is about. */
  model: ModelRef;
  branch: string;
  title: string;
  body: string;
  before: RolloutState;
  after: RolloutState;
  files: string[];
  commit?: string;
  prNumber?: number;
  prUrl?: string;
  bodyPath?: string;
  /** A PR this run closed because the change it proposed is no longer needed. */
  closedPr?: number;
  /** Other promotion PRs of the environment this one superseded (closed, with a comment). */
  superseded?: number[];
}

/** Git's modes of a symbolic link and of a submodule (gitlink). */
const SYMLINK = "120000";
const SUBMODULE = "160000";

/**
 * Reads the target manifests at `ref` of the workspace as regular files only: a symbolic link (whose
 * blob is the link's target, not YAML) or a submodule is refused with a UserError naming the path,
 * since Argo CD and Kustomize would follow it where modelship cannot edit.
 */
export function manifestReader(workspace: GitWorkspace, ref: string): (path: string) => Promise<string | undefined> {
  return async (path) => {
    const text = await workspace.readFile(path, ref);
    if (text === undefined) return undefined;
    const listing = await workspace.git(["--literal-pathspecs", "ls-tree", "-z", ref, "--", path], { allowFailure: true });
    const mode = /^(\d+) /.exec(listing.stdout.toString("utf8"))?.[1];
    if (mode === SYMLINK || mode === SUBMODULE)
      throw new UserError(
        `${path} is a ${mode === SYMLINK ? `symbolic link (to ${text.trim()})` : "submodule"} in the GitOps repository, not a manifest modelship can edit`,
        {
          hint: "commit the manifest itself at that path (Argo CD and Kustomize would follow the link where modelship cannot edit), or point the target's file at the real manifest",
        },
      );
    return text;
  };
}

/**
 * Refuses a manifest whose aliases expand past the limit (an alias bomb) before anything expands
 * it: a UserError naming the file, not a crash when the edited file is validated.
 */
export function checkManifestAliases(text: string, file: string): void {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // An empty stream comes back as an object that is not an array; syntax errors are the targets' to report.
  for (const document of Array.isArray(parsed) ? parsed : []) if (document.errors.length === 0) documentData(document, file, lineCounter);
}

/** Whose rollout a state is read for: the model modelship promotes (and the tag format its release URLs use). */
export interface StateOwner {
  model: string;
  tagFormat?: string;
}

/**
 * The state every target of the environment holds on the base branch (the first target's, checked
 * against the others). With an `owner`, a model that is not the owner's (a URI that names another
 * model: a running service modelship did not release, adopted by the first promotion) keeps its URI
 * but has no version: "0.0.1" of another model is not a version of this one, and neither the PR,
 * the health queries nor a rollback may treat it as one.
 */
export async function readEnvironmentState(
  read: (path: string) => Promise<string | undefined>,
  environment: EnvironmentSettings,
  logger: Logger,
  owner?: StateOwner,
): Promise<RolloutState> {
  // A --strategy blue-green override skips the check modelship.yaml's strategy had when it resolved.
  if (environment.strategy === "blue-green") checkBlueGreenTargets(environment.name, environment.targets);
  let first: { state: RolloutState; target: TargetSpec } | undefined;
  for (const target of environment.targets) {
    const text = await read(target.file);
    if (text === undefined) throw missingFile(target, environment);
    checkManifestAliases(text, target.file);
    // Blue-green only where the manifest can express it (docs/blue-green.md), before anything is pushed.
    if (environment.strategy === "blue-green") checkBlueGreenManifest(text, target, environment.name);
    const state = readState(text, target);
    if (first === undefined) first = { state, target };
    else if (summarize(state) !== summarize(first.state)) {
      logger.warning(
        `${target.file} says ${summarize(state)}, but ${first.target.file} says ${summarize(first.state)}; modelship follows ${first.target.file}, and this promotion brings them together.`,
      );
    }
  }
  if (first === undefined)
    throw new UserError(`environment ${environment.name} has no targets`, {
      hint: "list the manifests that serve the model under promote.environments.<name>.targets",
    });
  return owner === undefined ? first.state : ownState(first.state, owner.model, owner.tagFormat);
}

/**
 * Applies the action (and the environment's memory floor) to every target's text; returns the
 * changed files and what the floor did. Throws a UserError listing every validation problem.
 */
async function editTargets(
  read: (path: string) => Promise<string | undefined>,
  environment: EnvironmentSettings,
  model: ModelRef,
  action: RolloutAction,
  options: {
    tagFormat?: string | undefined;
    floor?: MemoryFloor | undefined;
    /** Where warnings go (the first pass only: a re-run on a moved base would repeat them). */
    logger?: Logger;
  } = {},
): Promise<{ changed: Map<string, string>; memory: MemoryChange[] }> {
  const { tagFormat, logger } = options;
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const memory: MemoryChange[] = [];
  const setting = `promote.environments.${environment.name}.resources.memory_floor`;
  for (const target of environment.targets) {
    let text = texts.get(target.file);
    if (text === undefined) {
      const original = await read(target.file);
      if (original === undefined) throw missingFile(target, environment);
      checkManifestAliases(original, target.file);
      originals.set(target.file, original);
      text = original;
    }
    const edited = applyMemoryFloor(applyAction(text, target, model, action, tagFormat), target, {
      model,
      action,
      floor: options.floor,
      setting,
      ...(tagFormat === undefined ? {} : { tagFormat }),
    });
    memory.push(...edited.changes);
    texts.set(target.file, edited.text);
  }
  // An oci:// model is an image the kubelet pulls: say so when nothing gives the pod credentials.
  if (logger !== undefined)
    for (const target of environment.targets) {
      const warning = pullCredentialsWarning(texts.get(target.file)!, target, environment.name);
      if (warning !== undefined) logger.warning(warning);
    }
  const changed = new Map<string, string>();
  const problems: string[] = [];
  for (const [file, text] of texts) {
    if (text === originals.get(file)) continue;
    changed.set(file, text);
    const result = validateManifestText(text, file, { modelFormat: "onnx" });
    for (const problem of result.problems) problems.push(`${formatProblem(problem)}. Fix: ${problem.hint}`);
  }
  if (problems.length > 0) {
    throw new UserError(
      `the promotion would leave ${problems.length === 1 ? "a manifest that does not validate" : `${problems.length} problems in the manifests`}; nothing was pushed:\n  ${problems.join("\n  ")}`,
      {
        hint: "fix the manifests in the GitOps repository (or the target settings in modelship.yaml) and run again",
      },
    );
  }
  return { changed, memory };
}

/** Opens (or updates) the promotion pull request for one action, from a clone of the GitOps repository's base. */
export async function promote(workspace: GitWorkspace, request: PromotionRequest): Promise<PromotionResult> {
  const { environment, gitops, action, logger } = request;
  if (gitops.repository !== undefined && request.github === undefined)
    throw new Error("promote: a GitHub client is needed for a GitOps repository on GitHub");
  // Each base file is read once, however many targets and passes look at it.
  const baseTexts = new Map<string, Promise<string | undefined>>();
  const readManifest = manifestReader(workspace, `origin/${gitops.base}`);
  const readBase = (path: string): Promise<string | undefined> => {
    let text = baseTexts.get(path);
    if (text === undefined) baseTexts.set(path, (text = readManifest(path)));
    return text;
  };
  const before = request.before ?? (await readEnvironmentState(readBase, environment, logger, request.owner));
  const { model, release } = await request.resolve(before);
  const branch = promotionBranch(environment.name, model.name);
  const floor = promotionMemoryFloor({
    margin: environment.memoryFloor?.margin,
    environment: environment.name,
    action,
    manifest: release.manifest,
    warn: (message) => {
      logger.warning(message);
    },
  });
  const edits = { tagFormat: request.owner?.tagFormat, floor };
  const { changed: planned, memory } = await editTargets(readBase, environment, model, action, { ...edits, logger });
  const after =
    planned.size === 0
      ? before
      : await readEnvironmentState(async (path) => planned.get(path) ?? (await readBase(path)), environment, logger, request.owner);
  const files = [...planned.keys()];
  const view: PromotionView = {
    environment,
    action,
    model,
    release,
    before,
    after,
    ...(request.previous === undefined ? {} : { previous: await request.previous(before) }),
    files: environment.targets.filter((target) => planned.has(target.file)).map((target) => ({ file: target.file, kind: target.kind })),
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    ...(request.health === undefined ? {} : { health: request.health }),
    ...(request.comparison === undefined ? {} : { comparison: request.comparison }),
    ...(request.runUrl === undefined ? {} : { runUrl: request.runUrl }),
    rollbackCommand: request.rollbackCommand,
  };
  if (floor !== undefined || memory.length > 0) view.memory = { ...(floor === undefined ? {} : { floor }), changes: memory };
  if (planned.size > 0) view.deployers = await lookUpDeployers(workspace, `origin/${gitops.base}`, files, gitops, logger);
  if (environment.strategy === "blue-green" && action.kind !== "direct") {
    const notes: string[] = [];
    for (const target of environment.targets) {
      const text = planned.get(target.file) ?? (await readBase(target.file));
      const note = text === undefined ? undefined : cutOverNote(text, target);
      if (note !== undefined) notes.push(`${target.file}: ${note}`);
    }
    if (notes.length > 0) view.cutOver = notes;
  }
  const conflicts =
    planned.size === 0 || gitops.repository === undefined
      ? []
      : await otherPromotions(request.github!, gitops, environment.name, branch, action, model);
  if (conflicts.length > 0 && !request.supersede) throw new PromotionConflictError(environment.name, conflicts);
  if (conflicts.length > 0) view.supersedes = conflicts;
  const title = promotionTitle(view);
  const body = promotionBody(view);
  const result: PromotionResult = { status: "no-change", model, branch, title, body, before, after, files };

  if (planned.size === 0) {
    logger.info(`${gitops.base} of the GitOps repository already says this (${title}); no pull request.`);
    if (gitops.repository !== undefined) {
      const closed = await closeObsoletePullRequest(
        request.github!,
        {
          repository: gitops.repository,
          head: branch,
          base: gitops.base,
          reason: `The GitOps repository's ${gitops.base} branch already holds this state (${title}), so this pull request is no longer needed.`,
        },
        logger,
      );
      if (closed !== undefined) result.closedPr = closed;
    }
    return result;
  }

  const published = await publishBranch(workspace, {
    branch,
    message: promotionCommitMessage(view),
    edit: async (read) => (await editTargets(read, environment, model, action, edits)).changed,
    logger,
  });
  if (published.sha !== undefined) result.commit = published.sha;
  if (published.status === "no-change") {
    // The base moved between the look and the push and now already holds the change.
    logger.info(`${gitops.base} moved and now already holds this state; no pull request.`);
    return result;
  }
  logger.info(
    published.status === "pushed"
      ? `Pushed ${branch} (${files.join(", ")}).`
      : `${branch} already holds this change on the current ${gitops.base}; nothing pushed.`,
  );

  if (gitops.repository === undefined) {
    const bodyPath = join(request.outDir, `${environment.name}-${model.name}.md`);
    await writeFileAtomic(bodyPath, `# ${title}\n\nbranch: ${branch} → ${gitops.base}\n\n${body}\n`);
    return { ...result, status: published.status === "pushed" ? "pushed" : "unchanged", bodyPath };
  }
  // A superseded PR on this very branch is closed first, or the upsert would take it over.
  for (const pull of conflicts.filter((conflict) => conflict.head === branch))
    await commentAndClose(request.github!, { repository: gitops.repository, number: pull.number }, logger);
  const pr = environment.pullRequest;
  // "The winner is promoted only through a reviewed PR": an A/B verdict, and any promotion of an A/B
  // test's candidate, is never auto-merged, whatever promotion and auto_merge say.
  const reviewed = request.comparison !== undefined || (environment.strategy === "ab" && action.kind === "promote");
  const autoMerge = reviewed ? undefined : pr.autoMerge[action.kind];
  const opened = await upsertPullRequest(
    request.github!,
    {
      repository: gitops.repository,
      head: branch,
      base: gitops.base,
      title,
      body,
      // Rollbacks are labelled so that branch protection, dashboards and people can tell them apart.
      labels: [...new Set([...pr.labels, ...(action.kind === "rollback" ? ["rollback"] : [])])],
      reviewers: pr.reviewers,
      teamReviewers: pr.teamReviewers,
      draft: pr.draft,
      ...(autoMerge === undefined ? {} : { autoMerge }),
    },
    logger,
  );
  const closed = await closeSuperseded(
    request.github!,
    { repository: gitops.repository, branch, conflicts },
    opened,
    `Superseded by #${opened.number} (${title}): modelship promoted with \`--supersede\` while this pull request was open for ${environment.name}, and closed it. ${opened.url}`,
    logger,
  );
  return { ...result, ...closed };
}

/**
 * After `--supersede` opened its pull request: each superseded one gets `comment` and is closed, but
 * for the one on this very branch (the new pull request took it over), which only gets the comment.
 * Promotions and retirements (retire-pr.ts) both end this way; returns what their results say of the PR.
 */
export async function closeSuperseded(
  github: GitHubClient,
  where: { repository: string; branch: string; conflicts: readonly OtherPromotion[] },
  opened: PullRequestResult,
  comment: string,
  logger: Logger,
): Promise<{ status: "opened" | "updated" | "unchanged"; prNumber: number; prUrl: string; superseded?: number[] }> {
  for (const pull of where.conflicts)
    if (pull.head === where.branch) await commentOn(github, { repository: where.repository, number: pull.number, body: comment });
    else await commentAndClose(github, { repository: where.repository, number: pull.number, comment }, logger);
  return {
    status: opened.action === "created" ? "opened" : opened.action,
    prNumber: opened.number,
    prUrl: opened.url,
    ...(where.conflicts.length === 0 ? {} : { superseded: where.conflicts.map((pull) => pull.number) }),
  };
}

/** An open promotion or rollback PR of the environment, other than this one. */
export interface OtherPromotion {
  number: number;
  title: string;
  url: string;
  head: string;
}

/** Another promotion or rollback PR is open for the environment: refused unless superseded. */
export class PromotionConflictError extends UserError {
  readonly pulls: OtherPromotion[];
  constructor(environment: string, pulls: OtherPromotion[]) {
    const listed = pulls.map((pull) => `#${pull.number} "${pull.title}" (${pull.url})`).join(", ");
    super(
      `another promotion pull request is open for ${environment}: ${listed}; promoting now would replace or race it, so nothing was pushed`,
      {
        hint: "merge or close it first, or pass --supersede (the supersede input) to close it in favour of this promotion; both pull requests then say so",
      },
    );
    this.pulls = pulls;
  }
}

/**
 * The environment's open promotion PRs (head `modelship/ENVIRONMENT/…` in the GitOps repository
 * itself) other than this one. The PR on this promotion's own branch is this one when its marker
 * names the same action and version (a re-run updates it); a PR on the branch that does something
 * else (a rollback, while a new version starts) is another promotion.
 */
async function otherPromotions(
  github: GitHubClient,
  gitops: GitOpsSettings,
  environment: string,
  branch: string,
  action: RolloutAction,
  model: ModelRef,
): Promise<OtherPromotion[]> {
  const prefix = promotionBranch(environment, "");
  const open = await listOpenPullRequests(github, { repository: gitops.repository!, base: gitops.base });
  return open
    .filter((pull) => pull.head.startsWith(prefix))
    .filter((pull) => {
      if (pull.head !== branch) return true;
      const mark = readPromotionMark(pull.body);
      return mark?.action !== undefined && (mark.action !== action.kind || mark.version !== model.version);
    })
    .map(({ number, title, url, head }) => ({ number, title, url, head }));
}

function missingFile(target: TargetSpec, environment: EnvironmentSettings): UserError {
  return new UserError(`${target.file} is not in the GitOps repository`, {
    hint: `check promote.environments.${environment.name}.targets in modelship.yaml: the file paths are relative to the GitOps repository's root`,
  });
}

function summarize(state: RolloutState): string {
  const stable = state.stable === undefined ? "no stable model" : `stable ${state.stable.version || state.stable.uri}`;
  return state.canary === undefined ? stable : `${stable}, canary ${state.canary.version || state.canary.uri} at ${state.canary.weight}%`;
}
