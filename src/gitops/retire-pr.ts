/**
 * `modelship promote MODEL --env ENV --action retire`: the reviewed pull request that takes a model
 * out of an environment, with the promotion machinery (one commit on branch modelship/ENV/MODEL pushed
 * with a lease, the hidden marker with `action=retire`, idempotent re-runs, other open promotion PRs
 * refused unless superseded). What goes per target kind is in retire-targets.ts. The PR is never
 * auto-merged: taking a model out of an environment is a person's decision.
 *
 * It refuses while the model still takes traffic (a stable model, or a canary with live weight, in the
 * environment's manifests) unless `force`: modelship's targets describe only this model, so it cannot
 * see a replacement; `--force` is the reviewer's word that traffic has moved elsewhere.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { code, escapeMarkdown, fitCommentBody, sections, statusIcon, table } from "../common/markdown.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { publishBranch, type GitWorkspace } from "../git/git-workspace.ts";
import { parseModelUri } from "./model-uri.ts";
import { promotionBranch, readPromotionMark } from "./promotion-body.ts";
import { checkManifestAliases, closeSuperseded, manifestReader, PromotionConflictError, type OtherPromotion } from "./promotion-pr.ts";
import { closeObsoletePullRequest, commentAndClose, listOpenPullRequests, upsertPullRequest } from "./pull-request.ts";
import { removeTarget } from "./retire-targets.ts";
import type { EnvironmentSettings, GitOpsSettings } from "./rollout-settings.ts";
import { ownState } from "./targets/rollout-state.ts";
import type { DeployedModel, RolloutState } from "./targets/target-types.ts";
import { formatProblem, validateManifestText } from "./validate-manifests.ts";

/** The marker's action word, which DORA reads (gitops/dora-history.ts) to skip retired models. */
export const RETIRE_ACTION = "retire";

export interface RetireRequest {
  environment: EnvironmentSettings;
  gitops: GitOpsSettings;
  /** The model to take out (modelship.yaml's `model:` or the positional MODEL). */
  model: string;
  tagFormat?: string;
  /** Remove it although it still takes traffic (the reviewer's word that a replacement serves). */
  force?: boolean;
  /** Close the environment's other open promotion PRs in favour of this one. */
  supersede?: boolean;
  github?: GitHubClient;
  outDir: string;
  runUrl?: string;
  logger: Logger;
}

export interface RetirePrResult {
  /** As PromotionResult's: opened/updated/unchanged a PR, pushed a branch without GitHub, no-change: already out. */
  status: "opened" | "updated" | "unchanged" | "pushed" | "no-change";
  model: string;
  /** The version the environment served ("" when unknown or already removed). */
  version: string;
  branch: string;
  title: string;
  body: string;
  before: RolloutState;
  /** Files edited (some of their documents removed) and files deleted. */
  files: string[];
  deleted: string[];
  /** What went, e.g. `InferenceService "adult-income"`. */
  removed: string[];
  /** True when the model took traffic and --force removed it anyway. */
  forced: boolean;
  commit?: string;
  prNumber?: number;
  prUrl?: string;
  bodyPath?: string;
  closedPr?: number;
  superseded?: number[];
}

/** What the environment's manifests look like with the model taken out. */
interface RetirePlan {
  /** path → new text, or null to delete the file. */
  changed: Map<string, string | null>;
  removed: string[];
  before: RolloutState;
}

/** The marker of a retirement PR, in promotion-body.ts's format so that readPromotionMark (and DORA) read it. */
function retireMarker(environment: string, model: string, version: string): string {
  return `<!-- modelship:promotion environment=${environment} model=${model} action=${RETIRE_ACTION} version=${version} -->`;
}

/** Removes the model from every target; refuses a target that serves another model. */
async function planRetirement(
  read: (path: string) => Promise<string | undefined>,
  request: Pick<RetireRequest, "environment" | "model" | "tagFormat">,
): Promise<RetirePlan> {
  const { environment, model } = request;
  const texts = new Map<string, string | null>();
  const originals = new Map<string, string>();
  const removed: string[] = [];
  let before: RolloutState | undefined;
  for (const target of environment.targets) {
    let text = texts.has(target.file) ? texts.get(target.file) : undefined;
    if (!texts.has(target.file)) {
      const original = await read(target.file);
      if (original === undefined) continue; // deleted by a retirement already merged
      checkManifestAliases(original, target.file);
      originals.set(target.file, original);
      text = original;
    }
    if (text === null || text === undefined) continue;
    const removal = removeTarget(text, target);
    if (removal === undefined) {
      texts.set(target.file, text);
      continue;
    }
    for (const served of [removal.state.stable, removal.state.canary]) {
      const other = served === undefined ? undefined : parseModelUri(served.uri, request.tagFormat)?.model;
      if (other !== undefined && other !== model)
        throw new UserError(
          `${target.file} serves ${other} (${served!.uri}), not ${model}; retiring ${model} does not remove another model`,
          {
            file: target.file,
            hint: `check promote.environments.${environment.name}.targets in modelship.yaml, or retire ${other} from its own repository`,
          },
        );
    }
    before ??= ownState(removal.state, model, request.tagFormat);
    texts.set(target.file, removal.text);
    removed.push(...removal.removed.map((what) => `${what} (${target.file})`));
  }
  const changed = new Map<string, string | null>();
  const problems: string[] = [];
  for (const [file, text] of texts) {
    if (text === originals.get(file)) continue;
    changed.set(file, text);
    if (text === null) continue;
    // What is left in a shared file must still be valid for the cluster (vendored upstream CRDs).
    for (const problem of validateManifestText(text, file, { modelFormat: "onnx" }).problems)
      problems.push(`${formatProblem(problem)}. Fix: ${problem.hint}`);
  }
  if (problems.length > 0)
    throw new UserError(`retiring would leave manifests that do not validate; nothing was pushed:\n  ${problems.join("\n  ")}`, {
      hint: "fix the manifests in the GitOps repository (or the target settings in modelship.yaml) and run again",
    });
  return { changed, removed, before: before ?? {} };
}

/** Why the model may not be removed yet, or undefined: it takes no live traffic. */
function trafficRefusal(before: RolloutState, request: RetireRequest, files: string[]): UserError | undefined {
  const { environment, model } = request;
  const live: DeployedModel | undefined =
    before.stable ?? (before.canary !== undefined && before.canary.weight > 0 ? before.canary : undefined);
  if (live === undefined) return undefined;
  const what = live === before.stable ? "the stable model" : `a canary at ${before.canary!.weight}%`;
  return new UserError(
    `${model} ${live.version || live.uri} still takes traffic in ${environment.name} (${what} in ${files.join(", ")}) and nothing in modelship.yaml replaces it: the retire PR would leave ${environment.name} without a model, so requests to its endpoint would fail`,
    {
      hint: `move ${environment.name}'s traffic to a replacement first and pass --force to confirm; to replace the version instead, promote a newer one: modelship promote ${model}@VERSION --env ${environment.name}`,
    },
  );
}

function retireTitle(model: string, version: string, environment: string): string {
  return `${model}${version === "" ? "" : ` ${version}`} in ${environment}: retire (remove from the environment)`;
}

function retireCommitMessage(view: { title: string; model: string; version: string; environment: string; plan: RetirePlan }): string {
  const lines = [view.title, "", `Model: ${view.model} ${view.version}`, `Environment: ${view.environment}`, `Action: ${RETIRE_ACTION}`];
  for (const [file, text] of view.plan.changed) lines.push(`${text === null ? "Deleted" : "Changed"}: ${file}`);
  return `${lines.join("\n")}\n`;
}

function retireBody(view: {
  title: string;
  model: string;
  version: string;
  request: RetireRequest;
  plan: RetirePlan;
  forced: boolean;
  supersedes: OtherPromotion[];
}): string {
  const { model, version, request, plan } = view;
  const environment = request.environment.name;
  const rows = [...plan.changed].map(([file, text]) => [
    code(file),
    text === null ? "deleted (nothing else in it)" : "documents removed, the rest unchanged",
  ]);
  return fitCommentBody(
    sections(
      retireMarker(environment, model, version),
      `## ${statusIcon("warn")} ${escapeMarkdown(view.title)}`,
      `This pull request takes ${code(model)} out of ${code(environment)}: once merged, Argo CD or Flux (with pruning on) deletes what these manifests created. Nothing changes in the model registry: to stop a version from being deployed anywhere, retire it there (${code(`modelship registry retire ${model}@${version || "VERSION"}`)}).`,
      `### Removed\n\n${plan.removed.map((what) => `- ${escapeMarkdown(what)}`).join("\n")}`,
      table(["file", "change"], rows),
      view.forced
        ? `### ${statusIcon("warn")} Forced\n\n${escapeMarkdown(`${model} ${version} still took traffic in ${environment}; --force says that a replacement serves it. Check that before merging.`)}`
        : undefined,
      view.supersedes.length === 0
        ? undefined
        : `Supersedes ${view.supersedes.map((pull) => `#${pull.number}`).join(", ")} (closed in favour of this one).`,
      `To bring the model back, revert this pull request, or promote a version again: ${code(`modelship promote ${model}@VERSION --env ${environment} --action direct`)}.`,
      request.runUrl === undefined ? undefined : `Opened by ${request.runUrl}`,
    ),
  );
}

/** The environment's other open promotion PRs; this retirement's own PR (same branch, action retire) is not one. */
async function otherPromotions(github: GitHubClient, request: RetireRequest, branch: string): Promise<OtherPromotion[]> {
  const prefix = promotionBranch(request.environment.name, "");
  const open = await listOpenPullRequests(github, { repository: request.gitops.repository!, base: request.gitops.base });
  return open
    .filter((pull) => pull.head.startsWith(prefix))
    .filter((pull) => pull.head !== branch || readPromotionMark(pull.body)?.action !== RETIRE_ACTION)
    .map(({ number, title, url, head }) => ({ number, title, url, head }));
}

/** Opens (or updates) the pull request that takes the model out of the environment. */
export async function retireFromEnvironment(workspace: GitWorkspace, request: RetireRequest): Promise<RetirePrResult> {
  const { environment, gitops, model, logger } = request;
  if (gitops.repository !== undefined && request.github === undefined)
    throw new Error("retireFromEnvironment: a GitHub client is needed for a GitOps repository on GitHub");
  const branch = promotionBranch(environment.name, model);
  const plan = await planRetirement(manifestReader(workspace, `origin/${gitops.base}`), request);
  const version = plan.before.stable?.version || plan.before.canary?.version || "";
  const title = retireTitle(model, version, environment.name);
  const deleted = [...plan.changed].filter(([, text]) => text === null).map(([file]) => file);
  const files = [...plan.changed].filter(([, text]) => text !== null).map(([file]) => file);
  const result: RetirePrResult = {
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
    forced: false,
  };
  if (plan.changed.size === 0) {
    logger.info(`${model} is not in ${environment.name}'s manifests on ${gitops.base} (already retired there); no pull request.`);
    if (gitops.repository !== undefined) {
      const closed = await closeObsoletePullRequest(
        request.github!,
        {
          repository: gitops.repository,
          head: branch,
          base: gitops.base,
          reason: `${model} is no longer in ${environment.name}'s manifests on ${gitops.base}, so this pull request is no longer needed.`,
        },
        logger,
      );
      if (closed !== undefined) result.closedPr = closed;
    }
    return result;
  }
  const refusal = trafficRefusal(plan.before, request, [...plan.changed.keys()]);
  if (refusal !== undefined && request.force !== true) throw refusal;
  result.forced = refusal !== undefined;
  if (result.forced) logger.warning(`${refusal!.problem}; removing it anyway (--force).`);

  const conflicts = gitops.repository === undefined ? [] : await otherPromotions(request.github!, request, branch);
  if (conflicts.length > 0 && request.supersede !== true) throw new PromotionConflictError(environment.name, conflicts);
  result.body = retireBody({ title, model, version, request, plan, forced: result.forced, supersedes: conflicts });

  const published = await publishBranch(workspace, {
    branch,
    message: retireCommitMessage({ title, model, version, environment: environment.name, plan }),
    // Planned again on the base as fetched for the push, so a base that moved is taken into account.
    edit: async (read) => (await planRetirement(read, request)).changed,
    logger,
  });
  if (published.sha !== undefined) result.commit = published.sha;
  if (published.status === "no-change") {
    logger.info(`${gitops.base} moved and no longer holds ${model} in ${environment.name}; no pull request.`);
    return result;
  }
  logger.info(
    published.status === "pushed"
      ? `Pushed ${branch} (${[...plan.changed.keys()].join(", ")}).`
      : `${branch} already holds this retirement on the current ${gitops.base}; nothing pushed.`,
  );
  if (gitops.repository === undefined) {
    const bodyPath = join(request.outDir, `${environment.name}-${model}.md`);
    await writeFileAtomic(bodyPath, `# ${title}\n\nbranch: ${branch} → ${gitops.base}\n\n${result.body}\n`);
    return { ...result, status: published.status === "pushed" ? "pushed" : "unchanged", bodyPath };
  }
  for (const pull of conflicts.filter((conflict) => conflict.head === branch))
    await commentAndClose(request.github!, { repository: gitops.repository, number: pull.number }, logger);
  const pr = environment.pullRequest;
  const opened = await upsertPullRequest(
    request.github!,
    {
      repository: gitops.repository,
      head: branch,
      base: gitops.base,
      title,
      body: result.body,
      labels: [...new Set([...pr.labels, RETIRE_ACTION])],
      reviewers: pr.reviewers,
      teamReviewers: pr.teamReviewers,
      draft: pr.draft,
      // Never auto-merged: a person decides to take a model out of an environment.
    },
    logger,
  );
  const closed = await closeSuperseded(
    request.github!,
    { repository: gitops.repository, branch, conflicts },
    opened,
    `Superseded by #${opened.number} (${title}): modelship retired ${model} from ${environment.name} with \`--supersede\` and closed this pull request. ${opened.url}`,
    logger,
  );
  return { ...result, ...closed };
}
