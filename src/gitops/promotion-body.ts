/**
 * The title, commit message and body of a promotion pull request: what serves now and what will,
 * with links to both releases, the new version's gate verdict and metric deltas, the rollout plan
 * and how to roll back. A reviewer decides from this page alone.
 */
import type { EnvironmentSettings } from "./rollout-settings.ts";
import { METRIC_LABELS } from "../gates/evaluate-gates.ts";
import { shortDigest } from "../registry/manifest.ts";
import type { ModelManifest } from "../registry/registry-types.ts";
import {
  code,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table,
} from "../common/markdown.ts";
import type { DeployedModel, ModelRef, RolloutAction, RolloutState } from "./targets/target-dispatch.ts";

/** A release shown in the body: its page and manifest, when the registry has them. */
export interface ReleaseView {
  version: string;
  url?: string;
  manifest?: ModelManifest;
  /** Whether the model file's build provenance verified, or why it was not checked (a warning). */
  provenance?: { status: "pass" | "warn"; text: string };
}

export interface PromotionView {
  environment: EnvironmentSettings;
  action: RolloutAction;
  /** The model the action is about (the canary's model for step, promote and rollback). */
  model: ModelRef;
  release: ReleaseView;
  /** The state the files hold before the change. */
  before: RolloutState;
  /** The state after it. */
  after: RolloutState;
  /** The model serving by default before the change, with its release when known. */
  previous?: ReleaseView;
  /** Files the change touches, with their target kinds. */
  files: { file: string; kind: string }[];
  /** Why the canary job opened this PR, and the health table it read. */
  reason?: string;
  health?: string;
  /** A link to the workflow run that opened the PR. */
  runUrl?: string;
  /** The command that rolls back, for the body. */
  rollbackCommand: string;
}

/** The hidden marker that identifies modelship's promotion PRs. */
function promotionMarker(environment: string, model: string): string {
  return `<!-- modelship:promotion environment=${environment} model=${model} -->`;
}

/** The deterministic branch of one (environment, model): every run for them updates the same PR. */
export function promotionBranch(environment: string, model: string): string {
  return `modelship/${environment}/${model}`;
}

/** One line saying what the PR does, e.g. `adult-income 0.0.2 → production: canary 10%`. */
export function promotionTitle(view: Pick<PromotionView, "environment" | "action" | "model" | "before">): string {
  const { environment, action, model, before } = view;
  const name = `${model.name} ${model.version}`;
  switch (action.kind) {
    case "start":
      return action.weight === 0
        ? `${name} → ${environment.name}: preview (no live traffic)`
        : `${name} → ${environment.name}: canary ${action.weight}%`;
    case "step":
      return `${name} → ${environment.name}: canary ${before.canary?.weight ?? "?"}% → ${action.weight}%`;
    case "promote":
      return `${name} → ${environment.name}: promote to 100%`;
    case "rollback":
      return `${model.name} in ${environment.name}: roll back ${model.version} to ${versionLabel(before.stable)}`;
    case "direct":
      return `${name} → ${environment.name}`;
  }
}

/** The commit message: the title, then the facts a `git log` reader needs. */
export function promotionCommitMessage(view: PromotionView): string {
  const lines = [
    promotionTitle(view),
    "",
    `Model: ${view.model.name} ${view.model.version}`,
    `URI: ${view.model.uri}`,
    `Digest: ${view.model.digest}`,
    `Environment: ${view.environment.name}`,
    `Action: ${describeAction(view.action)}`,
  ];
  if (view.reason) lines.push(`Reason: ${view.reason}`);
  for (const { file, kind } of view.files) lines.push(`Changed: ${file} (${kind})`);
  return `${lines.join("\n")}\n`;
}

/** The PR body (markdown), kept under GitHub's limit. */
export function promotionBody(view: PromotionView): string {
  const { environment, action, model } = view;
  const fromLabel = versionLabel(view.before.canary ?? view.before.stable);
  const heading = `## ${statusIcon(action.kind === "rollback" ? "warn" : "info")} ${escapeMarkdown(promotionTitle(view))}`;
  const body = sections(
    promotionMarker(environment.name, model.name),
    heading,
    view.reason === undefined ? undefined : `**Why:** ${escapeMarkdown(view.reason)}`,
    versionsTable(view, fromLabel),
    view.health === undefined ? undefined : `### Canary health\n\n${view.health}`,
    gateSection(view),
    `### Rollout plan\n\n${rolloutPlan(view)}`,
    `### Files\n\n${view.files.map(({ file, kind }) => `- ${code(file)} (${kind})`).join("\n")}`,
    `### How to roll back\n\n${rollbackHelp(view)}`,
    view.runUrl === undefined ? "_Opened by modelship._" : `_Opened by modelship in [this workflow run](${view.runUrl})._`,
  );
  return fitCommentBody(body);
}

function versionsTable(view: PromotionView, fromLabel: string): string {
  const before = view.before.canary ?? view.before.stable;
  const after = view.after.canary ?? view.after.stable;
  const link = (label: string, url: string | undefined) =>
    url === undefined ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${url})`;
  const previousUrl =
    view.previous?.version === before?.version ? view.previous?.url : before?.version === view.model.version ? view.release.url : undefined;
  const newUrl =
    after?.version === view.model.version ? view.release.url : after?.version === view.previous?.version ? view.previous?.url : undefined;
  const rows = [
    ["version", link(fromLabel, previousUrl), link(versionLabel(after), newUrl)],
    ["traffic", trafficOf(view.before), trafficOf(view.after)],
    ["model URI", before === undefined ? "—" : code(before.uri), after === undefined ? "—" : code(after.uri)],
    [
      "digest",
      before?.digest === undefined ? "—" : code(shortDigest(before.digest)),
      after?.digest === undefined ? "—" : code(shortDigest(after.digest)),
    ],
  ];
  return table(["", "now", "after this PR"], rows);
}

function trafficOf(state: RolloutState): string {
  if (state.canary === undefined) return state.stable === undefined ? "—" : `${versionLabel(state.stable)}: 100%`;
  const canary = `${versionLabel(state.canary)}: ${state.canary.weight}%`;
  return state.stable === undefined ? canary : `${versionLabel(state.stable)}: ${100 - state.canary.weight}%, ${canary}`;
}

function gateSection(view: PromotionView): string | undefined {
  const manifest = view.release.manifest;
  if (manifest === undefined) return undefined;
  const previous = view.previous?.manifest;
  const names = Object.keys(manifest.metrics);
  const verdict = manifest.gate.verdict;
  const status = verdict === "pass" ? "pass" : verdict === "warn" ? "warn" : "fail";
  const lines = [
    `### Gates of ${escapeMarkdown(manifest.version)}`,
    `${statusIcon(status)} Gate verdict **${verdict}** for exactly these model bytes (digest ${code(shortDigest(manifest.digest))}).`,
  ];
  const provenance = view.release.provenance;
  if (provenance !== undefined) lines.push(`${statusIcon(provenance.status)} Build provenance ${provenance.text}`);
  if (names.length > 0) {
    const header =
      previous === undefined ? ["metric", manifest.version, "95% CI"] : ["metric", previous.version, manifest.version, "95% CI", "Δ"];
    const rows = names.map((name) => {
      const now = manifest.metrics[name]!;
      const label = escapeMarkdown(METRIC_LABELS[name] ?? name);
      if (previous === undefined) return [label, formatNumber(now.value), formatInterval(now.ci)];
      const before = previous.metrics[name];
      const delta = now.value !== null && before?.value !== null && before?.value !== undefined ? now.value - before.value : null;
      return [label, formatNumber(before?.value), formatNumber(now.value), formatInterval(now.ci), formatSigned(delta)];
    });
    lines.push(table(header, rows, { align: header.map((_, index) => (index === 0 ? "left" : "right")) }));
  }
  return lines.join("\n\n");
}

function rolloutPlan(view: PromotionView): string {
  const { environment, action } = view;
  const bake = `bake at least ${environment.bake}`;
  const promoteStep = `promote to 100% (${environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge"})`;
  if (action.kind === "direct")
    return `1. **${environment.name} serves ${escapeMarkdown(view.model.version)} at 100% once this PR is merged** (no canary: strategy ${environment.strategy}).`;
  if (action.kind === "rollback")
    return `1. **All traffic returns to ${escapeMarkdown(versionLabel(view.after.stable))} once this PR is merged**; the canary of ${escapeMarkdown(view.model.version)} is removed.`;
  const plan: { text: string; current: boolean }[] = [];
  const current = action.kind === "promote" ? Number.POSITIVE_INFINITY : action.weight;
  if (environment.strategy === "blue-green" || (action.kind !== "promote" && action.weight === 0)) {
    plan.push({ text: "preview: the new model runs beside the stable one with no live traffic", current: current === 0 });
  } else {
    const weights = [...new Set([...environment.steps, ...(action.kind === "promote" ? [] : [action.weight])])].sort((a, b) => a - b);
    for (const weight of weights) plan.push({ text: `canary ${weight}% (${bake})`, current: weight === current });
  }
  plan.push({ text: promoteStep, current: action.kind === "promote" });
  const lines = plan.map((step, index) => `${index + 1}. ${step.current ? `**${step.text} ← this PR**` : step.text}`);
  lines.push(
    "",
    `The scheduled canary job reads the health checks after each merge and opens the next pull request: the next step when every check passes and the bake time is over, a rollback when any check fails.`,
  );
  return lines.join("\n");
}

function rollbackHelp(view: PromotionView): string {
  const stable = view.action.kind === "rollback" ? view.after.stable : (view.before.stable ?? view.after.stable);
  const lines = [
    "- Before merging: close this pull request; nothing has changed in the cluster.",
    `- After merging: run ${code(view.rollbackCommand)} (or the canary workflow, which opens a rollback PR when a health check fails), or revert the merge commit.`,
    `- The model to return to is recorded in git (annotations ${code("modelship.dev/stable-*")}): ${stable === undefined ? "none yet" : `${escapeMarkdown(versionLabel(stable))} (${code(stable.uri)})`}, so a rollback needs nothing from the cluster.`,
  ];
  return lines.join("\n");
}

function describeAction(action: RolloutAction): string {
  switch (action.kind) {
    case "start":
    case "step":
      return `${action.kind} ${action.weight}%`;
    default:
      return action.kind;
  }
}

function versionLabel(model: DeployedModel | undefined): string {
  if (model === undefined) return "—";
  return model.version === "" ? model.uri : model.version;
}
