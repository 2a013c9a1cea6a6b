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
  type PromotionView,
  type ReleaseView,
} from "./promotion-body.ts";
import { closeObsoletePullRequest, upsertPullRequest } from "./pull-request.ts";
import {
  applyAction,
  readState,
  type ModelRef,
  type RolloutAction,
  type RolloutState,
  type TargetSpec,
} from "./targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "./validate-manifests.ts";

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
  runUrl?: string;
  /** The state the base holds, when the caller has just read it from this workspace. */
  before?: RolloutState;
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

/** The state every target of the environment holds on the base branch (the first target's, checked against the others). */
export async function readEnvironmentState(
  read: (path: string) => Promise<string | undefined>,
  environment: EnvironmentSettings,
  logger: Logger,
): Promise<RolloutState> {
  let first: { state: RolloutState; target: TargetSpec } | undefined;
  for (const target of environment.targets) {
    const text = await read(target.file);
    if (text === undefined) throw missingFile(target, environment);
    checkManifestAliases(text, target.file);
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
  return first.state;
}

/** Applies the action to every target's text; returns the changed files. Throws a UserError listing every validation problem. */
async function editTargets(
  read: (path: string) => Promise<string | undefined>,
  environment: EnvironmentSettings,
  model: ModelRef,
  action: RolloutAction,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  for (const target of environment.targets) {
    let text = texts.get(target.file);
    if (text === undefined) {
      const original = await read(target.file);
      if (original === undefined) throw missingFile(target, environment);
      checkManifestAliases(original, target.file);
      originals.set(target.file, original);
      text = original;
    }
    texts.set(target.file, applyAction(text, target, model, action));
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
  return changed;
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
  const before = request.before ?? (await readEnvironmentState(readBase, environment, logger));
  const { model, release } = await request.resolve(before);
  const branch = promotionBranch(environment.name, model.name);
  const planned = await editTargets(readBase, environment, model, action);
  const after =
    planned.size === 0
      ? before
      : await readEnvironmentState(async (path) => planned.get(path) ?? (await readBase(path)), environment, logger);
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
    ...(request.runUrl === undefined ? {} : { runUrl: request.runUrl }),
    rollbackCommand: request.rollbackCommand,
  };
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
    edit: (read) => editTargets(read, environment, model, action),
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
  const pr = environment.pullRequest;
  const autoMerge = pr.autoMerge[action.kind];
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
  return { ...result, status: opened.action === "created" ? "opened" : opened.action, prNumber: opened.number, prUrl: opened.url };
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
